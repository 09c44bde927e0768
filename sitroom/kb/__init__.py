"""Actor knowledge: countries, regions, organisations, institutions, people with dated roles.

The tables are versioned data files in ``sitroom/kb/data``; ``tables`` loads them
(once per process) and ``gazetteer()`` indexes every surface form.
"""
from .gazetteer import Entry, Gazetteer, gazetteer, normalize, surname
from .tables import (BreakawayEntity, Country, GenericBody, Institution, KnowledgeError, Organization,
                     PersonRole, Region, SectorNoun, ambiguous, breakaway_entities, countries,
                     credit_markers, generic_bodies, institutions, organizations, people, regions,
                     sector_nouns)

__all__ = [
    "BreakawayEntity", "Country", "Entry", "GenericBody", "Gazetteer", "Institution", "KnowledgeError", "Organization", "PersonRole",
    "Region", "SectorNoun", "ambiguous", "breakaway_entities", "countries", "credit_markers", "gazetteer", "generic_bodies", "institutions",
    "normalize", "organizations", "people", "regions", "sector_nouns", "surname",
]
