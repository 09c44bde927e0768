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
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import Iterable, Iterator

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


def _init_worker(settings: Settings) -> None:
    global _worker_settings
    _worker_settings = settings
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
    with ProcessPoolExecutor(n, mp_context=mp.get_context(method), initializer=_init_worker,
                             initargs=(settings,)) as pool:
        pending: deque[tuple[list[Article], Future]] = deque()
        for chunk in _batches(articles, size):
            pending.append((chunk, pool.submit(_work, chunk)))
            while len(pending) > 2 * n:
                done_chunk, fut = pending.popleft()
                yield from zip(done_chunk, fut.result())
        while pending:
            done_chunk, fut = pending.popleft()
            yield from zip(done_chunk, fut.result())
