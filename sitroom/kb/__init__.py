"""Actor knowledge: countries, regions, organisations, institutions, people with dated roles.

The tables are versioned data files in ``sitroom/kb/data``; ``tables`` loads them
(once per process) and ``gazetteer()`` indexes every surface form.
"""
from .gazetteer import Entry, Gazetteer, gazetteer, normalize, surname
from .tables import (Country, Institution, KnowledgeError, Organization, PersonRole, Region,
                     SectorNoun, ambiguous, countries, credit_markers, institutions, organizations,
                     people, regions, sector_nouns)

__all__ = [
    "Country", "Entry", "Gazetteer", "Institution", "KnowledgeError", "Organization", "PersonRole",
    "Region", "SectorNoun", "ambiguous", "countries", "credit_markers", "gazetteer", "institutions",
    "normalize", "organizations", "people", "regions", "sector_nouns", "surname",
]
