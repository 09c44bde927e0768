"""The Ray engine: the same unit of work, mapped over a Ray Data dataset.

Articles come from the driver (``sitroom.ingest.read`` via the pipeline) in
windows; each window becomes ``ray.data.from_items`` of Article dicts. A
class-based ``map_batches`` UDF loads the spaCy pipeline once per worker
(``__init__``) and runs :func:`sitroom.batch.local.process_batch` on each batch.
Records come back pickled: they pickle cleanly, and unlike the contract dict a
pickle keeps every field (``Actor.kind``, ``role`` and ``person`` are not in
``to_dict``, and the store needs them). The driver puts each window back in
input order, so whatever stores or prints the results sees exactly what the
local engine gives. One window of articles and results is held at a time.

Locally Ray starts with ``num_cpus`` = ``n_process`` (every CPU when it is 1) and
no dashboard; ``settings.ray_address`` (``$SITROOM_RAY_ADDRESS``,
``--ray-address``) joins an existing cluster instead. Needs ``sitroom[ray]``.
"""
from __future__ import annotations

import json
import logging
import os
import pickle
from itertools import islice
from typing import Any, Iterable, Iterator

from ..errors import SitroomError, UsageError
from ..records import Article
from ..settings import Settings
from .local import Result, process_batch

log = logging.getLogger(__name__)

#: Batches of ``batch_size`` per worker in one window (one Ray Data execution):
#: large enough that starting the actors (and loading the model) is amortised.
WINDOW_BATCHES = 16


def require():
    """Import Ray (with Ray Data), or raise a UsageError that says how to install it."""
    try:
        import ray
        import ray.data  # noqa: F401 - the [data] extra
    except ImportError as e:
        raise UsageError("the Ray engine needs Ray Data: pip install 'sitroom[ray]'") from e
    return ray


def address(settings: Settings) -> str | None:
    """The cluster to join: the setting, else ``$SITROOM_RAY_ADDRESS``; None = start Ray here."""
    return settings.ray_address or os.environ.get("SITROOM_RAY_ADDRESS") or None


def init(settings: Settings) -> int:
    """Start or join Ray once per process; return the cluster's CPUs (worker slots)."""
    ray = require()
    if not ray.is_initialized():
        common: dict[str, Any] = {"include_dashboard": False, "logging_level": logging.WARNING,
                                  "log_to_driver": False}
        addr = address(settings)
        if addr:
            ray.init(address=addr, **common)
        else:
            cpus = settings.n_process if settings.n_process > 1 else (os.cpu_count() or 1)
            ray.init(num_cpus=cpus, **common)
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    logging.getLogger("ray.data._internal.progress").setLevel(logging.ERROR)  # "bars disabled"
    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    ctx.print_on_execution_start = False
    return max(1, int(ray.cluster_resources().get("CPU", 1)))


def shutdown() -> None:
    """Leave Ray (stopping it if this process started it)."""
    try:
        import ray
    except ImportError:
        return
    if ray.is_initialized():
        ray.shutdown()


class ExtractBatch:
    """The ``map_batches`` UDF: one spaCy pipeline per worker, loaded in ``__init__``."""

    def __init__(self, settings: Settings):
        from ..nlp import get_nlp

        self.settings = settings
        get_nlp(settings)

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        import numpy as np

        articles = [Article.from_dict(json.loads(s)) for s in batch["article"]]
        results = process_batch(articles, self.settings)
        blobs = [pickle.dumps(r, protocol=pickle.HIGHEST_PROTOCOL) for r in results]
        return {"i": np.asarray(batch["i"]), "result": np.asarray(blobs, dtype=object)}


def _run_window(ray, window: list[Article], settings: Settings, workers: int) -> list[Result]:
    # Article dicts travel as JSON text: Arrow infers no schema from optional fields
    # (a block whose `published` values are all None would not match the next one).
    rows = [{"i": i, "article": json.dumps(a.to_dict(), ensure_ascii=False)}
            for i, a in enumerate(window)]
    size = max(1, settings.batch_size)
    n_batches = -(-len(window) // size)
    ds = ray.data.from_items(rows, override_num_blocks=n_batches)
    # (Ray Data logs once per window that the actor's constructor arguments sit in the
    # object store, ray-project/ray#53727: its own map worker's, not only `settings`.)
    ds = ds.map_batches(ExtractBatch, fn_constructor_kwargs={"settings": settings},
                        batch_size=size, batch_format="numpy", num_cpus=1,
                        compute=ray.data.ActorPoolStrategy(size=max(1, min(workers, n_batches))))
    out: list[Result | None] = [None] * len(window)
    try:
        for batch in ds.iter_batches(batch_size=None, batch_format="numpy"):
            for i, blob in zip(batch["i"], batch["result"]):
                out[int(i)] = pickle.loads(blob)
    except ray.exceptions.RayError as e:  # a worker could not start or died: not one article's fault
        first = str(e).strip().splitlines()[-1] if str(e).strip() else type(e).__name__
        raise SitroomError(f"the Ray engine failed: {first}") from e
    missing = [window[i].id for i, r in enumerate(out) if r is None]
    if missing:  # Ray Data loses no rows; if it ever did, say so rather than drop them
        raise RuntimeError(f"Ray returned no result for {len(missing)} article(s), e.g. {missing[0]}")
    return out  # type: ignore[return-value]


def run(articles: Iterable[Article], settings: Settings | None = None) -> Iterator[tuple[Article, Result]]:
    """Yield ``(article, extraction or failure)`` for each article, in input order."""
    settings = settings or Settings()
    ray = require()
    workers = init(settings)
    window_size = max(1, settings.batch_size) * workers * WINDOW_BATCHES
    it = iter(articles)
    while window := list(islice(it, window_size)):
        yield from zip(window, _run_window(ray, window, settings, workers))
