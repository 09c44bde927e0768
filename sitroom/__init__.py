"""sitroom: news in, structured and traceable intelligence out.

    >>> import sitroom
    >>> x = sitroom.extract("Russia massed 100,000 troops near Ukraine.", published="2021-12-17")
    >>> report = sitroom.ingest(["articles/"], db="sitroom.db")
    >>> store = sitroom.open_store("sitroom.db")
"""
from .errors import SitroomError
from .pipeline import IngestReport, extract, extract_articles, ingest
from .records import (Actor, ActorSpan, Article, Entity, Event, Extraction, Failure, Place,
                      Position, Proposal, Quantity, Quote, Span, TimeExpr)
from .settings import Settings, load_settings


def open_store(target=None, settings=None, **kw):
    """Open the store at ``target`` (an SQLite path; default ``settings.db``)."""
    from .store import open_store as _open

    return _open(target, settings, **kw)


__version__ = "0.1.0"
__all__ = [
    "Actor", "ActorSpan", "Article", "Entity", "Event", "Extraction", "Failure", "IngestReport",
    "Place", "Position", "Proposal", "Quantity", "Quote", "Settings", "SitroomError", "Span",
    "TimeExpr", "extract", "extract_articles", "ingest", "load_settings", "open_store",
]
