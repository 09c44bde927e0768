"""The local engine: batches of articles through a pool of worker processes.

The unit of work is :func:`process_batch`: parse a list of articles with
``nlp.pipe`` and run every extractor, returning small records (never a ``Doc``).
``run`` streams: at most ``2 × n_process`` batches are in flight, so memory stays
bounded whatever the corpus size, and results come back in input order.
"""
from __future__ import annotations

import logging
import multiprocessing as mp
import os
import threading
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Iterable, Iterator

from ..errors import WorkerError
from ..records import Article, Extraction, Failure
from ..settings import Settings

log = logging.getLogger(__name__)

Result = Extraction | Failure


def process_batch(articles: list[Article], settings: Settings) -> list[Result]:
    """Parse and extract a batch in this process; a failing article becomes a Failure."""
    from ..extract import extract_doc
    from ..nlp import parse_many

    out: list[Result] = []
    try:
        pairs = list(parse_many(articles, settings, batch_size=len(articles) or 1))
    except Exception as e:  # a bad text can break the batch: retry one by one
        log.warning("batch parse failed (%s); retrying article by article", e)
        for a in articles:
            out.extend(process_batch([a], settings) if len(articles) > 1 else
                       [Failure(a.origin or a.id, "nlp", f"parse failed: {e}", id=a.id)])
        return out
    for article, doc in pairs:
        try:
            out.append(extract_doc(doc, article, settings))
        except Exception as e:  # noqa: BLE001 - one article must not stop the batch
            log.debug("extraction failed for %s", article.id, exc_info=True)  # the Failure says it once
            out.append(Failure(article.origin or article.id, "extract",
                               f"extraction failed: {type(e).__name__}: {e}", id=article.id))
    return out


_worker_settings: Settings | None = None


#: How often a worker checks that the process that started it is still alive.
PARENT_CHECK_S = 1.0


def _exit_with_parent(parent: int) -> None:
    """End this worker when its parent is gone (killed with SIGKILL, it cannot tell
    its workers, which would otherwise wait on the task queue forever)."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_S)
        os._exit(1)
    threading.Thread(target=watch, name="sitroom-parent-watch", daemon=True).start()


def _init_worker(settings: Settings, parent: int | None = None) -> None:
    global _worker_settings
    _worker_settings = settings
    if parent is not None:
        _exit_with_parent(parent)
    from ..nlp import get_nlp

    get_nlp(settings)  # load the model once per worker


def _work(articles: list[Article]) -> list[Result]:
    assert _worker_settings is not None
    return process_batch(articles, _worker_settings)


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def run(articles: Iterable[Article], settings: Settings | None = None) -> Iterator[tuple[Article, Result]]:
    """Yield ``(article, extraction or failure)`` for each article, in input order."""
    settings = settings or Settings()
    size = max(1, settings.batch_size)
    n = max(1, settings.n_process)
    if n == 1:
        for chunk in _batches(articles, size):
            yield from zip(chunk, process_batch(chunk, settings))
        return
    method = "fork" if "fork" in mp.get_all_start_methods() and os.name == "posix" else "spawn"
    try:
        with ProcessPoolExecutor(n, mp_context=mp.get_context(method), initializer=_init_worker,
                                 initargs=(settings, os.getpid())) as pool:
            pending: deque[tuple[list[Article], Future]] = deque()
            for chunk in _batches(articles, size):
                pending.append((chunk, pool.submit(_work, chunk)))
                while len(pending) > 2 * n:
                    done_chunk, fut = pending.popleft()
                    yield from zip(done_chunk, fut.result())
            while pending:
                done_chunk, fut = pending.popleft()
                yield from zip(done_chunk, fut.result())
    except BrokenProcessPool as e:
        raise WorkerError("a worker process died (killed, or out of memory); the run stopped. "
                          "Articles already stored are kept; run it again to go on") from e
