"""The knowledge tables load, are consistent, and answer the lookups news needs."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sitroom import kb
from sitroom.kb import tables

DAY = dt.date(2021, 12, 17)


def test_every_iso_country_is_present_once():
    codes = [c.code for c in kb.countries()]
    assert len(codes) == len(set(codes))
    assert len(codes) >= 249
    assert {"USA", "RUS", "UKR", "CZE", "MKD", "XKX", "PSE", "TWN"} <= set(codes)


@pytest.mark.parametrize("surface, code", [
    ("U.S.", "USA"), ("US", "USA"), ("U.S", "USA"), ("America", "USA"), ("United States", "USA"),
    ("Britain", "GBR"), ("UK", "GBR"), ("Czechia", "CZE"), ("Czech Republic", "CZE"),
    ("the Czech Republic", "CZE"), ("North Macedonia", "MKD"), ("Russia's", "RUS"),
    ("Russian", "RUS"), ("Ukrainians", "UKR"), ("American", "USA"), ("British", "GBR"),
    ("Moscow", "RUS"), ("Kyiv", "UKR"), ("Kiev", "UKR"), ("Washington", "USA"), ("Beijing", "CHN"),
])
def test_country_names_adjectives_and_capitals(surface, code):
    entry = kb.gazetteer().lookup(surface)
    assert entry is not None and entry.code == code
    assert entry.kind == "state"


@pytest.mark.parametrize("surface, code, sector", [
    ("the Kremlin", "RUS", "GOV"), ("the White House", "USA", "GOV"), ("Downing Street", "GBR", "GOV"),
    ("the Elysee", "FRA", "GOV"), ("Pentagon", "USA", "MIL"), ("State Department", "USA", "GOV"),
    ("Duma", "RUS", "LEG"), ("Congress", "USA", "LEG"),
])
def test_seats_of_government_carry_a_sector(surface, code, sector):
    entry = kb.gazetteer().lookup(surface)
    assert (entry.code, entry.sector) == (code, sector)


@pytest.mark.parametrize("surface, code", [
    ("NATO", "NATO"), ("EU", "EU"), ("European Commission", "EU"), ("UN", "UN"), ("U.N.", "UN"),
    ("OSCE", "OSCE"), ("G7", "G7"), ("G20", "G20"), ("IAEA", "IAEA"), ("WHO", "WHO"), ("IMF", "IMF"),
    ("World Bank", "WB"), ("CSTO", "CSTO"), ("EAEU", "EAEU"), ("ASEAN", "ASEAN"), ("AU", "AU"),
    ("OPEC", "OPEC"), ("WTO", "WTO"), ("Council of Europe", "COE"),
])
def test_international_organisations(surface, code):
    entry = kb.gazetteer().lookup(surface)
    assert entry.code == code and entry.kind == "igo"


def test_generic_nouns_point_to_organisations_of_that_kind():
    g = kb.gazetteer()
    assert "NATO" in g.igo_nouns["alliance"]
    assert "EU" in g.igo_nouns["bloc"]
    assert g.candidates("Brussels") == ("EU", "NATO")


@pytest.mark.parametrize("name, day, code, role", [
    ("Jens Stoltenberg", DAY, "NATO", "Secretary-General"),
    ("Jake Sullivan", DAY, "USA", "National Security Adviser"),
    ("Vladimir Putin", DAY, "RUS", "President"),
    ("Vladimir Putin", dt.date(2010, 1, 1), "RUS", "Prime Minister"),
    ("Boris Johnson", dt.date(2017, 1, 1), "GBR", "Foreign Secretary"),
    ("Boris Johnson", DAY, "GBR", "Prime Minister"),
    ("Liz Truss", dt.date(2022, 3, 1), "GBR", "Foreign Secretary"),
    ("Dominique de Villepin", dt.date(2006, 1, 1), "FRA", "Prime Minister"),
    ("Dominique de Villepin", dt.date(2003, 1, 1), "FRA", "Foreign Minister"),
    ("Volodymyr Zelenskyy", DAY, "UKR", "President"),
])
def test_people_roles_follow_the_date(name, day, code, role):
    r = kb.gazetteer().person(name, day)
    assert (r.code, r.role) == (code, role)


@pytest.mark.parametrize("surname, day, person", [
    ("Biden", DAY, "Joe Biden"), ("Stoltenberg", DAY, "Jens Stoltenberg"),
    ("Zelensky", DAY, "Volodymyr Zelensky"), ("Lavrov", DAY, "Sergei Lavrov"),
    ("de Villepin", DAY, "Dominique de Villepin"), ("Xi", DAY, "Xi Jinping"),
    ("Johnson", DAY, "Boris Johnson"), ("Johnson", dt.date(2024, 1, 1), "Mike Johnson"),
])
def test_surname_alone_resolves_when_unambiguous_on_the_day(surname, day, person):
    assert kb.gazetteer().by_surname(surname, day).name == person


def test_ambiguous_surname_without_a_date_resolves_to_no_one():
    assert kb.gazetteer().by_surname("Johnson", None) is None


@pytest.mark.parametrize("lemma, sector", [
    ("official", "GOV"), ("administration", "GOV"), ("ministry", "GOV"), ("spokesperson", "GOV"),
    ("diplomat", "GOV"), ("troop", "MIL"), ("force", "MIL"), ("army", "MIL"), ("soldier", "MIL"),
    ("lawmaker", "LEG"), ("parliament", "LEG"), ("senator", "LEG"), ("court", "JUD"),
    ("prosecutor", "JUD"), ("opposition", "OPP"), ("rebel", "REB"), ("separatist", "REB"),
    ("militant", "REB"), ("company", "BUS"), ("bank", "BUS"), ("media", "MED"),
    ("newspaper", "MED"), ("civilian", "CVL"), ("protester", "CVL"), ("people", "CVL"),
])
def test_role_nouns_have_sectors(lemma, sector):
    assert kb.sector_nouns()[lemma].sector == sector


def test_people_rows_have_ordered_dates_and_known_codes():
    known = {c.code for c in kb.countries()} | {o.code for o in kb.organizations()} \
        | {b.code for b in kb.breakaway_entities()}
    for r in kb.people():
        assert r.code in known, r
        assert r.start is None or r.end is None or r.start < r.end, r


def test_institution_codes_are_countries():
    countries = {c.code for c in kb.countries()}
    assert all(i.code in countries for i in kb.institutions())


def test_credit_markers_include_agency_credits():
    markers = kb.credit_markers()
    assert "Getty Images" in markers and "AP Photo" in markers and "Reuters/" in markers


@pytest.mark.parametrize("surface, code", [
    ("Europe", "EUR"), ("European", "EUR"), ("the West", "WST"), ("Western", "WST"),
    ("Central Asia", "CAS"), ("Middle East", "MEA"),
])
def test_regions(surface, code):
    entry = kb.gazetteer().lookup(surface)
    assert entry.code == code and entry.kind == "region"


def test_people_of_a_code_are_indexed():
    names = {r.name for r in kb.gazetteer().roles_of("NATO")}
    assert {"Jens Stoltenberg", "Mark Rutte"} <= names


def test_cameo_codes_map_to_sitroom_codes():
    from sitroom.evaluation.actors import cameo_codes

    table = cameo_codes()
    assert table["JAP"] == "JPN" and table["IGO"] == "*igo"
    known = {c.code for c in kb.countries()}
    assert all(v in known for v in table.values() if not v.startswith("*"))


def test_no_person_holds_one_role_twice_at_once():
    import datetime as dt
    rows: dict[tuple[str, str, str], list] = {}
    for r in kb.people():
        rows.setdefault((r.name, r.code, r.role.lower()), []).append(r)
    for key, terms in rows.items():
        terms.sort(key=lambda r: r.start or dt.date.min)
        for a, b in zip(terms, terms[1:]):
            assert a.end is not None and b.start is not None and a.end <= b.start, key


def test_generic_bodies_have_sectors_and_known_defaults():
    countries = {c.code for c in kb.countries()}
    bodies = kb.generic_bodies()
    assert {"Senate", "Interior Ministry", "Parliament", "Police"} <= {b.name for b in bodies}
    assert all(b.default is None or b.default in countries for b in bodies)
    entry = kb.gazetteer().lookup("the Interior Ministry")
    assert entry.generic and entry.code == "" and entry.sector == "GOV"
    assert kb.gazetteer().lookup("Senate").code == "USA"  # the default when nothing else says


def test_breakaway_entities_have_their_own_keys_and_resolve_to_their_parent_as_rebels():
    countries = {c.code for c in kb.countries()}
    for b in kb.breakaway_entities():
        assert b.code not in countries and b.parent in countries, b
    g = kb.gazetteer()
    e = g.lookup("Donetsk People's Republic")
    assert (e.code, e.sector) == ("UKR", "REB")
    assert (g.lookup("Transnistrian").code, g.lookup("Transnistrian").sector) == ("MDA", "REB")
    assert g.modifiers["Luhansk"] == "LPR"


@pytest.mark.parametrize("surface, code, sector", [
    ("Fox News", "USA", "MED"), ("Al Jazeera", "QAT", "MED"), ("Likud", "ISR", "PTY"),
    ("Bharatiya Janata Party", "IND", "PTY"), ("Hayat Tahrir al-Sham", "SYR", "REB"),
])
def test_outlets_parties_and_armed_groups_are_groups_with_a_country(surface, code, sector):
    entry = kb.gazetteer().lookup(surface)
    assert (entry.code, entry.sector, entry.kind) == (code, sector, "group")


def test_common_word_family_names_are_listed_in_lower_case():
    names = kb.tables.common_surnames()
    assert {"may", "brown", "rice"} <= names
    assert all(n == n.lower() for n in names)


def test_an_official_is_known_by_surname_only_after_a_title(monkeypatch):
    # an office holder of the regional tables (officials_*.tsv) is introduced by full name in
    # news; alone, the surname is anyone's, after a title it is theirs
    import importlib

    gz = importlib.import_module("sitroom.kb.gazetteer")
    tables = importlib.import_module("sitroom.kb.tables")

    official = tables.PersonRole("Ondrej Fictivny", (), "CZE", "GOV", "Interior Minister",
                                 dt.date(2019, 1, 1), None, by_surname=False)
    known = tables.people()
    monkeypatch.setattr(tables, "people", lambda: (*known, official))
    g = gz.Gazetteer()
    assert g.person("Ondrej Fictivny", DAY).code == "CZE"
    assert g.by_surname("Fictivny", DAY) is None
    assert g.by_surname("Fictivny", DAY, titled=True).name == "Ondrej Fictivny"
    assert g.by_surname("Lavrov", DAY).name == "Sergei Lavrov"  # people.tsv: by surname alone


def test_no_role_is_listed_twice_across_the_people_tables():
    seen = [(p.name, p.role, p.start) for p in kb.people()]
    twice = {k for k in seen if seen.count(k) > 1}
    assert not twice


def test_a_title_chooses_among_namesakes_by_the_roles_it_names(monkeypatch):
    # two office holders share a surname: the title before it says which one is meant,
    # whoever else was in office on the day
    import importlib

    gz = importlib.import_module("sitroom.kb.gazetteer")
    tables = importlib.import_module("sitroom.kb.tables")

    head = tables.PersonRole("Dimitar Fictov", (), "BGR", "GOV", "President",
                             dt.date(2010, 1, 1), dt.date(2020, 1, 1), by_surname=False)
    envoy = tables.PersonRole("Petar Fictov", (), "BGR", "GOV", "Defence Minister",
                              dt.date(2012, 1, 1), dt.date(2016, 1, 1), by_surname=False)
    known = tables.people()
    monkeypatch.setattr(tables, "people", lambda: (*known, head, envoy))
    g = gz.Gazetteer()
    day = dt.date(2014, 6, 1)
    assert g.by_surname("Fictov", day, titled=True) is None  # both in office: no one
    assert g.by_surname("Fictov", day, titled=True, title=frozenset({"president"})).name == "Dimitar Fictov"
    assert g.by_surname("Fictov", day, titled=True, title=frozenset({"defense minister"})).name == "Petar Fictov"
    assert g.by_surname("Fictov", day, titled=True, title=frozenset({"king"})) is None


def test_a_person_is_found_under_another_romanisation_of_the_given_name():
    g = kb.gazetteer()
    for spelling, name in [("Sergey Lavrov", "Sergei Lavrov"), ("Dmitry Kuleba", "Dmytro Kuleba"),
                           ("Muhammad bin Salman", "Mohammed bin Salman")]:
        role = g.person(spelling, DAY)
        assert role is not None and role.name == name, spelling


def test_a_spelling_that_would_stand_for_two_people_stands_for_neither():
    from sitroom.kb.gazetteer import Gazetteer
    from sitroom.kb.tables import PersonRole

    g = Gazetteer()
    # two made-up people whose given names are two spellings of one name, and a third
    one = PersonRole("Yuri Tolbin", (), "RUS", "GOV", "Governor", None, None, False)
    two = PersonRole("Iurii Tolbin", (), "UKR", "GOV", "Mayor", None, None, False)
    three = PersonRole("Oleh Marchuk", (), "UKR", "MIL", "Commander", None, None, False)
    for p in (one, two, three):
        g.roles[p.name.lower()].append(p)
    g._spellings([one, two, three])
    assert g.person("Yuri Tolbin", None).name == "Yuri Tolbin"  # its own name stays its own
    assert "yury tolbin" not in g.roles  # made from both: names no one
    assert g.person("Oleg Marchuk", None).name == "Oleh Marchuk"


def test_an_office_named_otherwise_answers_to_its_common_title():
    from sitroom.kb.gazetteer import role_words

    assert role_words("foreign minister") <= role_words("External Affairs Minister")
    assert role_words("central bank governor") <= role_words("Governor of the Reserve Bank of Fiji")
    assert not role_words("foreign minister") <= role_words("Interior Minister")


DATA = Path(tables.__file__).with_name("data")


@pytest.mark.parametrize("path", sorted(DATA.glob("officials_*.tsv")), ids=lambda p: p.name)
def test_every_officials_table_is_well_formed(path):
    known = {c.code for c in kb.countries()} | {o.code for o in kb.organizations()} \
        | {b.code for b in kb.breakaway_entities()}
    rows = list(tables._rows(path.name))
    assert len(rows) > 50
    aliases: dict[str, str] = {}
    for r in rows:
        assert r["code"] in known and r["sector"] in tables.SECTORS and r["role"], r
        start, end = tables._date(r["start"], path.name), tables._date(r["end"], path.name)
        assert start is None or end is None or start <= end, r
        # one person, one set of aliases
        assert aliases.setdefault(r["name"], r["aliases"]) == r["aliases"], r


def test_no_institution_alias_is_listed_twice_across_the_tables():
    # (spelt exactly: the matcher is case-sensitive, "Posco" and "POSCO" are two rows)
    seen: dict[str, str] = {}
    for path in sorted(DATA.glob("institutions*.tsv")):
        for r in tables._rows(path.name):
            assert r["alias"] not in seen, (r["alias"], path.name, seen.get(r["alias"]))
            seen[r["alias"]] = path.name
