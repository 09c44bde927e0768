"""The public pipeline: read → parse → extract → store, as library functions.

``extract_articles`` is the pipe-friendly path (nothing stored, input order kept);
``ingest`` reads sources, skips articles already stored, and writes the rest
through the Store one transaction per batch.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice
from typing import Callable, Iterable, Iterator

from .batch import run
from .records import Article, Extraction, Failure
from .settings import Settings, load_settings


def extract(text_or_article: str | Article, *, id: str = "doc", title: str | None = None,
            published: str | None = None, settings: Settings | None = None) -> Extraction:
    """Extract everything from one article (or a plain text) in this process."""
    from .batch import process_batch
    from .ingest.layout import article_from_text

    settings = settings or load_settings()
    if isinstance(text_or_article, Article):
        article = text_or_article
    else:
        article = article_from_text(text_or_article, id=id, title=title, published=published)
    (result,) = process_batch([article], settings)
    if isinstance(result, Failure):
        from .errors import InputError

        raise InputError(result.message, item=result.item)
    return result


def extract_articles(items: Iterable[Article | Failure], settings: Settings | None = None
                     ) -> Iterator[tuple[Article | None, Extraction | Failure]]:
    """Extract a stream of articles in input order; reader failures pass through in place."""
    settings = settings or load_settings()
    buffer: list[Article | Failure] = []

    def flush() -> Iterator[tuple[Article | None, Extraction | Failure]]:
        articles = [x for x in buffer if isinstance(x, Article)]
        results = iter(run(articles, settings))
        for x in buffer:
            if isinstance(x, Failure):
                yield None, x
            else:
                yield next(results)
        buffer.clear()

    # Keep failures in their input position while articles flow through the engine in
    # windows of batch_size × max(2, n_process) × 2.
    window = max(1, settings.batch_size) * max(2, settings.n_process) * 2
    n_articles = 0
    for item in items:
        buffer.append(item)
        n_articles += isinstance(item, Article)
        if n_articles >= window:
            yield from flush()
            n_articles = 0
    yield from flush()


@dataclass
class IngestReport:
    read: int = 0
    stored: int = 0
    duplicates: int = 0
    failed: int = 0
    failures: list[Failure] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"read": self.read, "stored": self.stored, "duplicates": self.duplicates,
                "failed": self.failed, "failures": [f.to_dict() for f in self.failures[:1000]]}


def ingest(sources: Iterable[str], *, db: str | None = None, settings: Settings | None = None,
           mapping: dict[str, str] | None = None, stdin=None,
           on_failure: Callable[[Failure], None] | None = None,
           on_progress: Callable[[int], None] | None = None) -> IngestReport:
    """Read ``sources`` (paths, folders, URLs, "-"), extract and store every new article."""
    from .ingest import read
    from .store import open_store

    settings = settings or load_settings()
    report = IngestReport()
    store = open_store(db or settings.db, settings)
    try:
        items = read(sources, settings, mapping=mapping, stdin=stdin)
        batch_size = max(1, settings.batch_size) * max(1, settings.n_process) * 4
        it = iter(items)
        seen: set[str] = set()
        while chunk := list(islice(it, batch_size)):
            articles: list[Article] = []
            for item in chunk:
                if isinstance(item, Failure):
                    _fail(report, item, on_failure)
                    continue
                report.read += 1
                if item.id in seen:
                    report.duplicates += 1
                    continue
                seen.add(item.id)
                articles.append(item)
            known = store.has_articles([a.id for a in articles]) if articles else set()
            report.duplicates += len(known)
            todo = [a for a in articles if a.id not in known]
            pairs = []
            for article, result in run(todo, settings):
                if isinstance(result, Failure):
                    _fail(report, result, on_failure)
                else:
                    pairs.append((article, result))
            if pairs:
                res = store.write(pairs)
                report.stored += res.stored
                report.duplicates += res.duplicates
            if on_progress:
                on_progress(len(chunk))
    finally:
        store.close()
    return report


def _fail(report: IngestReport, failure: Failure, cb: Callable[[Failure], None] | None) -> None:
    report.failed += 1
    if len(report.failures) < 1000:
        report.failures.append(failure)
    if cb:
        cb(failure)
