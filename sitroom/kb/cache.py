"""A disk cache for knowledge structures that are slow to build (the place gazetteer).

A built structure is pickled under the user cache directory, keyed by a hash of
everything it is built from (data files, the building module's source, library
versions), so a changed input builds afresh and a stale file is never read::

    gaz = cached("places", [Path(__file__), data_file], _build)

The directory is ``$SITROOM_CACHE_DIR``, else ``$XDG_CACHE_HOME/sitroom``, else
``~/.cache/sitroom``; ``SITROOM_CACHE_DIR=off`` turns the cache off. A cache that
cannot be read or written is skipped (the structure is built as without one).
"""
from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Callable, Iterable, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")

#: bump when the cache file layout changes
_FORMAT = "1"


def cache_dir() -> Path | None:
    """Where cached structures live, or None when caching is off."""
    env = os.environ.get("SITROOM_CACHE_DIR")
    if env:
        return None if env.lower() in ("off", "0", "none") else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "sitroom"


def fingerprint(sources: Iterable[Path | str | bytes]) -> str:
    """A hash of files (by content), and of strings/bytes as given (versions, settings)."""
    h = hashlib.sha256(_FORMAT.encode())
    h.update(sys.version.encode())
    for src in sources:
        if isinstance(src, Path):
            h.update(src.name.encode())
            h.update(src.read_bytes())
        else:
            h.update(src.encode() if isinstance(src, str) else src)
        h.update(b"\0")
    return h.hexdigest()[:24]


def cached(name: str, sources: Iterable[Path | str | bytes], build: Callable[[], T]) -> T:
    """``build()``'s result, from the disk cache when its sources are unchanged."""
    folder = cache_dir()
    if folder is None:
        return build()
    try:
        path = folder / f"{name}-{fingerprint(sources)}.pickle"
    except OSError as e:  # a source that cannot be read: build without the cache
        log.debug("cache %s: cannot fingerprint sources: %s", name, e)
        return build()
    try:
        with open(path, "rb") as f:
            return _load(f)
    except FileNotFoundError:
        pass
    except Exception as e:  # noqa: BLE001 - a corrupt or foreign file: rebuild it
        log.debug("cache %s: unreadable %s: %s", name, path, e)
    value = build()
    _save(path, value)
    return value


def _load(f) -> object:
    """Unpickle with the cyclic garbage collector paused: a structure of 100,000 small
    objects otherwise sets off a dozen full collections while it loads (a third of the time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.load(f)
    finally:
        if enabled:
            gc.enable()


def _save(path: Path, value: object) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)  # atomic: concurrent workers never read half a file
        except BaseException:
            os.unlink(tmp)
            raise
        for old in path.parent.glob(path.name.split("-")[0] + "-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)  # superseded builds of this structure
    except OSError as e:
        log.debug("cache: cannot write %s: %s", path, e)
