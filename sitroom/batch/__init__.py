"""Run the unit of work (parse + extract a batch of articles) locally or on Ray.

Each backend only maps :func:`process_batch` over batches; it never looks inside.
Every engine is a function ``run(articles, settings) -> Iterator[(article, result)]``
yielding in input order; :func:`engine` picks one by ``settings.engine``.
"""
from __future__ import annotations

from typing import Callable, Iterable, Iterator

from ..errors import UsageError
from ..records import Article
from ..settings import Settings
from .local import Result, process_batch, run

ENGINES = ("local", "ray")

Engine = Callable[[Iterable[Article], Settings], Iterator[tuple[Article, Result]]]


def engine(settings: Settings) -> Engine:
    """The ``run`` function of ``settings.engine`` ("local" or "ray")."""
    name = (settings.engine or "local").lower()
    if name == "local":
        return run
    if name == "ray":
        from . import ray_engine

        ray_engine.require()
        return ray_engine.run
    raise UsageError(f"unknown engine {settings.engine!r}; valid: {', '.join(ENGINES)}")


__all__ = ["ENGINES", "Engine", "engine", "process_batch", "run"]
