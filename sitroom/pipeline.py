"""The public pipeline: read → parse → extract → store, as library functions.

``extract_articles`` is the pipe-friendly path (nothing stored, input order kept);
``ingest`` reads sources, skips articles already stored, and writes the rest
through the Store one transaction per batch.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from itertools import islice
from typing import Callable, Iterable, Iterator

from .batch import engine
from .errors import WorkerError
from .records import Article, Extraction, Failure, confidence_floor
from .settings import Settings, load_settings


def extract(text_or_article: str | Article, *, id: str = "doc", title: str | None = None,
            published: str | None = None, settings: Settings | None = None,
            min_confidence: float | None = None) -> Extraction:
    """Extract everything from one article (or a plain text) in this process.

    Events below ``min_confidence`` (default ``settings.min_confidence``; 0 = all) are
    left out, as in ``sitroom extract``.
    """
    from .batch import process_batch
    from .ingest.layout import article_from_text

    settings = (settings or load_settings()).replace(min_confidence=min_confidence)
    confidence_floor(settings.min_confidence)
    if isinstance(text_or_article, Article):
        article = text_or_article
    else:
        article = article_from_text(text_or_article, id=id, title=title, published=published)
    (result,) = process_batch([article], settings)
    if isinstance(result, Failure):
        from .errors import InputError

        raise InputError(result.message, item=result.item)
    return reported(result, settings)


def reported(result: Extraction | Failure, settings: Settings) -> Extraction | Failure:
    """What extraction reports (``sitroom extract``, :func:`extract`): events below
    ``settings.min_confidence`` left out. Ingest stores every event instead."""
    return result if isinstance(result, Failure) else result.confident(settings.min_confidence)


def extract_articles(items: Iterable[Article | Failure], settings: Settings | None = None
                     ) -> Iterator[tuple[Article | None, Extraction | Failure]]:
    """Extract a stream of articles in input order; reader failures pass through in place.
    Events below ``settings.min_confidence`` are left out (see :func:`reported`)."""
    settings = settings or load_settings()
    confidence_floor(settings.min_confidence)  # a bad setting fails before any parsing
    run = engine(settings)
    # One engine run over the whole stream (its workers start once); `pending` holds
    # what was read but not yet answered, so failures keep their input position.
    pending: deque[Article | Failure] = deque()

    def articles() -> Iterator[Article]:
        for item in items:
            pending.append(item)
            if isinstance(item, Article):
                yield item

    for article, result in run(articles(), settings):
        while isinstance(pending[0], Failure):
            yield None, pending.popleft()
        pending.popleft()
        yield article, reported(result, settings)
    while pending:
        yield None, pending.popleft()


@dataclass
class IngestReport:
    read: int = 0
    stored: int = 0
    duplicates: int = 0
    failed: int = 0
    failures: list[Failure] = field(default_factory=list)
    versions: int = 0  # stored under another key: same id from another source, or a changed text

    def to_dict(self) -> dict:
        return {"read": self.read, "stored": self.stored, "duplicates": self.duplicates,
                "failed": self.failed, "versions": self.versions,
                "failures": [f.to_dict() for f in self.failures[:1000]]}


def ingest(sources: Iterable[str], *, db: str | None = None, settings: Settings | None = None,
           mapping: dict[str, str] | None = None, stdin=None,
           on_failure: Callable[[Failure], None] | None = None,
           on_progress: Callable[[int], None] | None = None,
           on_notice: Callable[[Failure], None] | None = None) -> IngestReport:
    """Read ``sources`` (paths, folders, URLs, "-"), extract and store every new article.

    An article's identity is its id and source: the same id, source and text again is
    a duplicate; anything else is stored, and one stored under another key (another
    source, a changed text: ``settings.changed_text``) is reported to ``on_notice``."""
    from .ingest import read
    from .store import open_store

    settings = settings or load_settings()
    run = engine(settings)
    report = IngestReport()
    store = open_store(db or settings.db, settings)
    batch_size = max(1, settings.batch_size) * max(1, settings.n_process) * 4
    # Identities read but not stored yet (the store cannot answer for them): at most the
    # articles in flight, so memory does not grow with the corpus. Failed ones are kept
    # (up to FAILED_IDS) so that a copy of a failed article counts as a duplicate.
    in_flight: set[tuple] = set()
    failed: set[tuple] = set()

    def new_articles() -> Iterator[Article]:
        """Articles not stored yet, checked a chunk at a time before any parsing."""
        it = iter(read(sources, settings, mapping=mapping, stdin=stdin))
        while chunk := list(islice(it, batch_size)):
            articles: list[Article] = []
            for item in chunk:
                if isinstance(item, Failure):
                    _fail(report, item, on_failure)
                    continue
                report.read += 1
                key = identity(item)
                if key in in_flight or key in failed:
                    report.duplicates += 1
                    continue
                in_flight.add(key)
                articles.append(item)
            known = store.known_articles(articles) if articles else set()
            report.duplicates += len(known)
            in_flight.difference_update(identity(articles[n]) for n in known)
            if on_progress and len(chunk) > len(articles) - len(known):
                on_progress(len(chunk) - len(articles) + len(known))  # skipped or failed
            yield from (a for n, a in enumerate(articles) if n not in known)

    def write(pairs: list[tuple[Article, Extraction]]) -> None:
        res = store.write(pairs, changed_text=settings.changed_text)
        in_flight.difference_update(identity(a) for a, _ in pairs)
        report.stored += res.stored
        report.duplicates += res.duplicates
        report.versions += len(res.versions)
        for f in res.failures:
            _fail(report, f, on_failure)
        for notice in res.versions:
            if on_notice:
                on_notice(notice)

    try:
        pairs: list[tuple[Article, Extraction]] = []
        for article, result in run(new_articles(), settings):
            if isinstance(result, Failure):
                _fail(report, result, on_failure)
                in_flight.discard(key := identity(article))
                if len(failed) < FAILED_IDS:
                    failed.add(key)
            else:
                pairs.append((article, result))
            if on_progress:
                on_progress(1)
            if len(pairs) >= batch_size:
                write(pairs)
                pairs = []
        if pairs:
            write(pairs)
    except WorkerError as e:  # what the live workers finished is stored; the summary says so
        if pairs:
            write(pairs)
        raise WorkerError(f"{e.message} (read {report.read}, stored {report.stored}, "
                          f"failed {report.failed} before it stopped)") from e
    finally:
        store.close()
    return report


#: Identities of failed articles an ingest remembers (a copy of one later in the same
#: run is a duplicate, not a second failure); past this, copies are parsed again.
FAILED_IDS = 10_000


def identity(article: Article) -> tuple:
    """What makes two articles the same for ingest: id, source and text."""
    return (article.id, article.source or None, article.content_hash)


def _fail(report: IngestReport, failure: Failure, cb: Callable[[Failure], None] | None) -> None:
    report.failed += 1
    if len(report.failures) < 1000:
        report.failures.append(failure)
    if cb:
        cb(failure)
