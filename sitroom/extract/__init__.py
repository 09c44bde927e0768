"""Extractors: pure functions of a parsed article that yield records.

``extract_doc(doc, article, settings)`` runs every extractor in dependency order
(actors first, then times, quantities and places, then quotes, events,
proposals and positions) and returns one :class:`~sitroom.records.Extraction`.

Importing this subpackage makes Python bind ``sitroom.extract`` to it, which would
shadow the public function :func:`sitroom.extract`; the module is therefore callable
and calling it is calling that function.
"""
import sys
import types

from .base import Context, extract_doc

__all__ = ["Context", "extract_doc"]


class _CallableModule(types.ModuleType):
    def __call__(self, *args, **kwargs):
        from ..pipeline import extract

        return extract(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
