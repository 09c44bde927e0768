"""The country whose money an article means when it names a currency several states share.

"Dollars" in a story about Canberra are Australian dollars, "pesos" in Bogota Colombian,
"Rs" in a Pakistani budget story Pakistani rupees. ``LocalCurrency`` counts the countries the
article mentions — by name ("Kenya", "New Zealand"), adjective ("Nigerian") or capital
("Cairo") from the country table, or a city of a million people ("Karachi") — and gives,
for a shared currency name, the code of the most mentioned country that uses it; with no such country it gives the name's default
(``$``/dollar → USD) or nothing. The mentions are read once, on the first question.
"""
from __future__ import annotations

import unicodedata
from collections import Counter
from functools import lru_cache

from spacy.tokens import Doc

from .. import kb

_LONGEST = 4  # tokens in the longest country name looked up ("Republic of South Africa" is 4)


def _plain(text: str) -> str:
    """Lower case without accents ("Bogotá" → "bogota")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=1)
def _surfaces() -> dict[str, str]:
    """Every country name, adjective and capital (plain, lower case) → ISO code."""
    out: dict[str, str] = {}
    for c in kb.countries():
        for s in (*c.names, *c.adjectives, *c.capitals):
            if len(s) > 2:  # "US", "UK" are names too, but also common words once lowered
                out.setdefault(_plain(s), c.code)
    return out


#: a city this big names its country for money ("Karachi", "Lagos", "Osaka")
_BIG_CITY = 1_000_000


@lru_cache(maxsize=4096)
def _big_city(word: str) -> str | None:
    """The country of the city of a million or more people that ``word`` best names."""
    from ..kb.places import gazetteer as places

    if len(word) < 4 or not word[:1].isupper():
        return None
    found = places().lookup(word)[:1]
    return found[0].country if found and found[0].feature == "city" and found[0].population >= _BIG_CITY else None


class LocalCurrency:
    """Country context for shared currency names, read from one parsed article."""

    def __init__(self, doc: Doc, local: dict[str, dict[str, str]]):
        self._doc = doc
        self._local = local
        self._counts: Counter[str] | None = None

    def countries(self) -> Counter[str]:
        """How often the article names each country (title-case or upper-case words)."""
        if self._counts is None:
            table = _surfaces()
            counts: Counter[str] = Counter()
            doc, i, n = self._doc, 0, len(self._doc)
            while i < n:
                if not (doc[i].is_title or doc[i].is_upper):
                    i += 1
                    continue
                for k in range(min(_LONGEST, n - i), 0, -1):
                    code = table.get(_plain(doc[i:i + k].text))
                    if code:
                        counts[code] += 1
                        i += k
                        break
                else:
                    city = _big_city(doc[i].text)
                    if city:
                        counts[city] += 1
                    i += 1
            self._counts = counts
        return self._counts

    def code(self, name: str, default: str | None) -> str | None:
        """The currency code for ``name`` (a lemma or symbol: "dollar", "Rs") in this article:
        the most mentioned country's own currency of that name, else ``default``."""
        users = self._local.get(name.lower())
        if not users:
            return default
        counts = self.countries()
        best = max(users, key=lambda country: counts.get(country, 0))
        if counts.get(best, 0) == 0:
            return default
        top = counts[best]
        if default is not None and any(counts.get(c, 0) == top and code == default
                                       for c, code in users.items()):
            return default  # a tie with the default's own country ("the US and Canada ... dollars")
        return users[best]

    def uses(self, name: str) -> bool:
        """Does the article name a country that uses a currency called ``name``?"""
        users = self._local.get(name.lower()) or {}
        counts = self.countries()
        return any(counts.get(c, 0) for c in users)
