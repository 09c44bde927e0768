"""The local engine: batches of articles through a pool of worker processes.

The unit of work is :func:`process_batch`: parse a list of articles with
``nlp.pipe`` and run every extractor, returning small records (never a ``Doc``).
``run`` streams: at most ``2 × n_process`` batches are in flight, so memory stays
bounded whatever the corpus size, and results come back in input order.

Workers are started only when they pay: an input that ends within the first
``n_process × batch_size`` articles is split evenly, with one worker per
:data:`MIN_PER_WORKER` articles (a handful of articles is parsed in this process,
with no worker at all). Workers are recycled: every :data:`RECYCLE_ARTICLES`
articles per worker the pool is replaced by a fresh one, so what a worker
accumulates (spaCy's string store grows with every new word, caches fill) is
bounded whatever the corpus size.
Before forking, this process loads the model and builds the extractors' tables once
(:func:`warm`), so workers — the first ones and every fresh pool — start at once with
them, shared with this process until written to.
"""
from __future__ import annotations

import gc
import logging
import multiprocessing as mp
import os
import threading
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, islice
from typing import Iterable, Iterator

from ..errors import WorkerError
from ..records import Article, Extraction, Failure
from ..settings import Settings

log = logging.getLogger(__name__)

Result = Extraction | Failure


#: Docs spaCy parses at once inside a batch: a doc lives only until its extraction is
#: done, so a worker holds this many parsed articles (and the network's activations for
#: them), not the whole batch: 32 news articles at once peak near 470 MB, 8 near 310 MB,
#: at the same speed (the annotations do not depend on it).
PARSE_BATCH = 8


def process_batch(articles: list[Article], settings: Settings) -> list[Result]:
    """Parse and extract a batch in this process; a failing article becomes a Failure.

    Each doc is extracted as soon as it is parsed and then dropped. If parsing fails
    (a bad text can break spaCy's batch), the articles not yet answered are parsed
    again one by one, so only the bad one fails."""
    from ..extract import extract_doc
    from ..nlp import parse_many

    out: list[Result] = []
    try:
        for article, doc in parse_many(articles, settings, batch_size=min(PARSE_BATCH, len(articles) or 1)):
            out.append(_extract(extract_doc, doc, article, settings))
            del doc
    except Exception as e:  # a bad text can break the batch: retry one by one
        rest = articles[len(out):]
        log.warning("batch parse failed (%s); retrying article by article", e)
        for a in rest:
            out.extend(process_batch([a], settings) if len(articles) > 1 else
                       [Failure(a.origin or a.id, "nlp", f"parse failed: {e}", id=a.id)])
    return out


def _extract(extract_doc, doc, article: Article, settings: Settings) -> Result:
    try:
        return extract_doc(doc, article, settings)
    except Exception as e:  # noqa: BLE001 - one article must not stop the batch
        log.debug("extraction failed for %s", article.id, exc_info=True)  # the Failure says it once
        return Failure(article.origin or article.id, "extract",
                       f"extraction failed: {type(e).__name__}: {e}", id=article.id)


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
    # What the worker inherits (the model, the extractors' tables: ~280,000 objects) lives
    # as long as it does: out of the cyclic collector's sight, a full collection takes
    # milliseconds, not 0.1 s, and does not write to (and so copy) every page it shares
    # with the parent. O(1): the collector's lists are spliced, no object is touched.
    gc.freeze()
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


#: The last articles of a stream go out in batches this many times smaller, so that the
#: workers finish together instead of one parsing a whole batch while the others idle.
TAIL_SPLIT = 4


def _balanced(items: Iterable[Article], size: int, workers: int) -> Iterator[list[Article]]:
    """Batches of ``size``, except at the end of the stream: the last ``(workers + 1) ×
    size`` articles (held back as a look-ahead) go in batches of ``size / TAIL_SPLIT``."""
    it = iter(items)
    ahead: deque[Article] = deque()
    for article in it:
        ahead.append(article)
        if len(ahead) >= size * (workers + 2):
            yield [ahead.popleft() for _ in range(size)]
    small = max(1, size // TAIL_SPLIT)
    while ahead:
        yield [ahead.popleft() for _ in range(min(small, len(ahead)))]


#: Fewest articles worth a worker process of their own: a worker parses a batch in
#: parallel but costs a fork, the pickling of its articles and results, and a start-up
#: for the pool; for a handful of articles (under two workers' worth) it does not pay.
MIN_PER_WORKER = 8
#: Articles per worker before its pool is replaced by a fresh one. A restart is a fork
#: (the tables come warm from this process) after the old pool's last batches are in:
#: the workers idle for at most one batch, under 1% at this interval.
RECYCLE_ARTICLES = 2_000


def plan(n_process: int, batch_size: int, known: int | None) -> tuple[int, int]:
    """``(workers, batch size)`` for an input of ``known`` articles (None: more than
    ``n_process × batch_size``, the input goes on). A short input gets one worker per
    :data:`MIN_PER_WORKER` articles (0 workers: parse in this process) and batches that
    split it evenly between them."""
    n, size = max(1, n_process), max(1, batch_size)
    if known is None or n == 1:
        return (n if n > 1 else 0), size
    workers = min(n, known // MIN_PER_WORKER)
    if workers <= 1:
        return 0, size
    return workers, min(size, -(-known // workers))


def run(articles: Iterable[Article], settings: Settings | None = None) -> Iterator[tuple[Article, Result]]:
    """Yield ``(article, extraction or failure)`` for each article, in input order."""
    settings = settings or Settings()
    n, size = max(1, settings.n_process), max(1, settings.batch_size)
    it = iter(articles)
    head: list[Article] = []
    if n > 1:  # look ahead as far as the first round of batches, to size the pool
        head = list(islice(it, n * size))
    workers, size = plan(n, size, len(head) if len(head) < n * size else None)
    stream = chain(head, it)
    if workers == 0:
        for chunk in _batches(stream, size):
            yield from zip(chunk, process_batch(chunk, settings))
        return
    yield from _run_pool(_balanced(stream, size, workers), settings, workers)


#: An article of our own that takes every extractor through its first use (dates, sums,
#: places, a quote, an event, a proposal), so that what they build once per process —
#: the model, gazetteers, phrase matchers, lexicons — is built before workers are forked.
WARM_UP = Article("sitroom-warm-up", (
    "Talks in Geneva\n\nForeign ministers of France and Poland met in Geneva on Monday, "
    "March 3, 2025, and agreed to send 300 soldiers and $2.5 million in aid to Moldova. "
    '"We will not accept any threat to our neighbours," the French minister told reporters. '
    "Russia accused NATO of provoking the crisis and proposed new talks next week, "
    "which Kyiv rejected."), published="2025-03-04")


def _fork_method() -> str:
    return "fork" if "fork" in mp.get_all_start_methods() and os.name == "posix" else "spawn"


def warm(settings: Settings) -> None:
    """Load the model and build every extractor's tables in this process. Forked workers
    then start with them (shared, copied on write) instead of building their own, and a
    fresh pool costs a fork, not a second of start-up."""
    process_batch([WARM_UP], settings)


def _new_pool(workers: int, settings: Settings) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(workers, mp_context=mp.get_context(_fork_method()), initializer=_init_worker,
                               initargs=(settings, os.getpid()))


def _run_pool(chunks: Iterator[list[Article]], settings: Settings, n: int
              ) -> Iterator[tuple[Article, Result]]:
    pending: deque[tuple[list[Article], Future]] = deque()
    if _fork_method() == "fork":
        warm(settings)
    # The warm tables stay for the run: kept out of this process's cyclic collections (each
    # would walk them, ~0.1 s, while it decodes results) and inherited so by the workers.
    gc.freeze()
    pool = _new_pool(n, settings)
    submitted, recycle = 0, None
    try:
        for chunk in chunks:
            if recycle is None:  # batches per pool, from the size of the first
                recycle = max(1, n * RECYCLE_ARTICLES // max(1, len(chunk)))
            if submitted >= recycle:  # a fresh pool, forked once the old one is done and gone
                while pending:  # (no thread of the old pool runs when we fork)
                    done_chunk, fut = pending.popleft()
                    yield from zip(done_chunk, fut.result())
                pool.shutdown(wait=True)
                pool, submitted = _new_pool(n, settings), 0
            pending.append((chunk, pool.submit(_work, chunk)))
            submitted += 1
            while len(pending) > 2 * n:
                done_chunk, fut = pending.popleft()
                yield from zip(done_chunk, fut.result())
        while pending:
            done_chunk, fut = pending.popleft()
            yield from zip(done_chunk, fut.result())
    except BrokenProcessPool as e:
        raise WorkerError("a worker process died (killed, or out of memory); the run stopped. "
                          "Articles already stored are kept; run it again to go on") from e
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()  # back to the collector's oldest generation, as before the run

