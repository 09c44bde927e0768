"""The same annotations as spaCy's attribute ruler, rule lemmatizer and networks, computed faster.

Both stock components do their work in a Python loop over tokens: the attribute
ruler builds a ``Span`` and sets attributes one match at a time (every token
matches at least its tag's pattern), the lemmatizer makes a ``Token`` and a
``MorphAnalysis`` for every token to look up its cache. Together they cost as much
as the dependency parser (about 20 ms per news article, a fifth of the parse).

:func:`speed_up` keeps each component's own object and tables and changes only how
it writes its results: the ruler's matches (found by its own ``Matcher``, sorted as
it sorts them) are folded into columns and written with one ``Doc.from_array``; the
lemmatizer reads ``ORTH, POS, MORPH, LEMMA`` as integers and asks the stock
``lemmatize`` only for a key it has not seen. The output is the same, token for
token (``tests/nlp/test_fast.py`` compares every attribute); a component whose
configuration this module does not handle is left as it is.

The networks' matrix products (tok2vec, tagger, and the parser's and entity
recognizer's feature layers and the recognizer's own tok2vec: a third of the stock
parse's time on this machine) go to numpy's BLAS instead of thinc's bundled BLIS.
BLIS picks its kernels by CPU model and falls back to a generic, unvectorised one on
processors it does not know (AMD Zen 4, the machine these figures come from:
``BLIS_ARCH_DEBUG=1`` prints "selecting sub-configuration 'generic'"); numpy's
OpenBLAS carries kernels for every x86-64 generation and picks one at run time (its
SkylakeX, AVX-512, kernels here). numpy's BLAS is held to one thread: sitroom runs one
process per CPU, and BLAS threads on top of them fight over the same CPUs (one process
with OpenBLAS's default two threads took 2.8× the wall time of one thread here). The
products are the same sums in another order, so a score could differ in its last
bits; the annotations were identical on every article compared (``bench/RESULTS.md``),
and ``tests/nlp/test_fast.py`` checks them against the stock pipeline.
``SITROOM_STOCK_SPACY=1`` in the environment keeps the stock code and BLIS
(``nlp.pipeline``), to compare.
"""
from __future__ import annotations

from spacy.attrs import DEP, LEMMA, MORPH, ORTH, POS, TAG
from spacy.errors import Errors
from spacy.language import Language
from spacy.lookups import Lookups, Table
from spacy.matcher import Matcher
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc
from thinc.api import NumpyOps

#: Attributes a ruler pattern may set that :class:`FastAttributeRuler` writes; a ruler
#: that sets anything else (NORM, extension attributes ...) keeps the stock code.
_RULER_ATTRS = (TAG, POS, MORPH, LEMMA, DEP)

#: Entries kept in a lemmatizer's key → lemma table before it starts afresh; each
#: entry is a few dozen bytes, and the table only saves time.
LEMMA_CACHE_MAX = 200_000


class FastAttributeRuler(AttributeRuler):
    """An AttributeRuler that matches its one-token patterns once per distinct token
    and writes every result with one ``from_array``.

    A one-token pattern (no ``OP``) over attributes of the word (``ORTH``, ``LOWER``,
    ``IS_SPACE`` ...), ``TAG`` and ``DEP`` matches a token or not by its word, tag and
    label alone, so which rules match is found once per ``(ORTH, TAG, DEP)`` — by the
    stock ``Matcher`` on a one-token doc with that word, tag and label — and
    remembered. Longer patterns go through a ``Matcher`` of their own over the whole
    doc. A token's rules are applied in rule order, as the stock component applies its
    sorted matches (a rule matched twice sets the same values twice)."""

    def __call__(self, doc: Doc) -> Doc:
        error_handler = self.get_error_handler()
        try:
            if len(doc):
                self._annotate(doc)
            return doc
        except Exception as e:  # the stock component's error handling
            return error_handler(self.name, self, [doc], e)

    def pipe(self, stream, *, batch_size: int = 128):
        for doc in stream:
            yield self(doc)

    def _annotate(self, doc: Doc) -> None:
        plan = _ruler_plan(self)
        table, cache = plan.table, plan.cache
        if len(cache) > RULER_CACHE_MAX:
            cache.clear()
        extra: dict[int, list[int]] = {}
        if plan.multi is not None:
            for match_id, start, end in plan.multi(doc, allow_missing=True):
                attr_id = int(self.vocab.strings[match_id])
                index = self.indices[attr_id]
                i = start + index if index >= 0 else end + index
                if not start <= i < end:  # the stock component's error for a bad index
                    AttributeRuler.set_annotations(self, doc, [(attr_id, match_id, start, end)])
                extra.setdefault(i, []).append(attr_id)
        keys = doc.to_array([ORTH, TAG, DEP]).tolist()
        out = doc.to_array(_RULER_ATTRS)
        for i, key in enumerate(keys):
            key = tuple(key)
            rules = cache.get(key)
            if rules is None:
                rules = cache[key] = plan.single_rules(*key)
            if i in extra:
                rules = sorted((*rules, *extra[i]))
            for attr_id in rules:
                for col, value in table[attr_id]:
                    out[i, col] = value
        doc.from_array(_RULER_ATTRS, out)


#: Distinct (word, tag, label) triples a fast ruler remembers before it starts afresh.
RULER_CACHE_MAX = 200_000


class _RulerPlan:
    """The ruler's rules split for :class:`FastAttributeRuler` (built once per ruler)."""

    def __init__(self, ruler: AttributeRuler):
        self.vocab = ruler.vocab
        self.size = len(ruler.attrs)
        #: per rule: the (column, value) pairs it writes, as ``add`` normalised them
        self.table = [tuple((_RULER_ATTRS.index(attr), value) for attr, value in attrs.items())
                      for attrs in ruler.attrs]
        self.single = Matcher(ruler.vocab, validate=False)
        multi = Matcher(ruler.vocab, validate=False)
        for attr_id in range(self.size):
            key = str(attr_id)
            for pattern in ruler.matcher.get(ruler.vocab.strings[key])[1]:
                (self.single if _one_token(pattern) else multi).add(key, [pattern])
        self.multi = multi if len(multi) else None
        self.cache: dict[tuple[int, int, int], tuple[int, ...]] = {}

    def single_rules(self, orth: int, tag: int, dep: int) -> tuple[int, ...]:
        """The one-token rules that match a token with this word, tag and label, in order."""
        strings = self.vocab.strings
        probe = Doc(self.vocab, words=[strings[orth]], spaces=[False])
        probe[0].tag = tag
        probe[0].dep = dep
        found = {int(strings[m]) for m, _, _ in self.single(probe, allow_missing=True)}
        return tuple(sorted(found))


#: Token attributes a one-token pattern may test for its result to depend on the
#: word (its lexeme), its tag and its label only.
_WORD_KEYS = {"ORTH", "TEXT", "LOWER", "IS_SPACE", "IS_ALPHA", "IS_DIGIT", "IS_PUNCT", "IS_TITLE",
              "IS_LOWER", "IS_UPPER", "LENGTH", "SHAPE", "PREFIX", "SUFFIX", "LIKE_NUM"}
_PLAN_KEYS = _WORD_KEYS | {"TAG", "DEP"}


def _one_token(pattern) -> bool:
    return len(pattern) == 1 and all(k.upper() in _PLAN_KEYS for k in pattern[0])


def _ruler_plan(ruler: AttributeRuler) -> _RulerPlan:
    plan = getattr(ruler, "_sitroom_plan", None)
    if plan is None or plan.size != len(ruler.attrs):
        plan = ruler._sitroom_plan = _RulerPlan(ruler)
    return plan


def _ruler_supported(ruler: AttributeRuler) -> bool:
    return all(isinstance(attrs, dict) and all(a in _RULER_ATTRS for a in attrs) for attrs in ruler.attrs)


class FastLemmatizer(EnglishLemmatizer):
    """A rule lemmatizer that reads tokens as integers and remembers each key's lemma.

    A key it has not seen — ``(ORTH, POS, MORPH)``, what the stock ``rule_lemmatize``
    caches on — goes to the stock ``lemmatize``, with one change of data structure:
    ``lemma_index`` holds a list per part of speech (57,000 nouns), which the stock code
    asks ``form in index`` of, a scan of the list; the stock code is handed the same
    words as a frozenset, which answers the same."""

    def __call__(self, doc: Doc) -> Doc:
        if not self._validated:
            self._validate_tables(Errors.E1004)
        error_handler = self.get_error_handler()
        try:
            rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
            table: dict = self.__dict__.setdefault("_sitroom_lemmas", {})
            if len(table) > LEMMA_CACHE_MAX:
                table.clear()
                self.cache.clear()  # the stock component's own table, unbounded otherwise
            out = rows[:, 3].copy()
            strings = doc.vocab.strings
            overwrite = self.overwrite
            changed = False
            lookups = self.lookups
            try:
                for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
                    if not overwrite and lemma != 0:
                        continue
                    key = (orth, pos, morph)
                    text = table.get(key)
                    if text is None:
                        self.lookups = _set_index(self, lookups)
                        text = table[key] = self.lemmatize(doc[i])[0]
                    out[i] = strings.add(text)  # as the stock lemma_ setter does
                    changed = True
            finally:
                self.lookups = lookups
            if changed:
                doc.from_array([LEMMA], out.reshape(-1, 1))
            return doc
        except Exception as e:
            error_handler(self.name, self, [doc], e)

    def pipe(self, stream, *, batch_size: int = 128):
        for doc in stream:
            yield self(doc)


class _SetIndexLookups:
    """A lemmatizer's lookups with each ``lemma_index`` list as a frozenset."""

    def __init__(self, lookups: Lookups):
        self.source = lookups
        self.index = Table(name="lemma_index")
        for pos, words in lookups.get_table("lemma_index", {}).items():
            self.index[pos] = frozenset(words)

    def get_table(self, name: str, default=None):
        return self.index if name == "lemma_index" else self.source.get_table(name, default)


def _set_index(lemmatizer: Lemmatizer, lookups: Lookups) -> _SetIndexLookups:
    view = lemmatizer.__dict__.get("_sitroom_lookups")
    if view is None or view.source is not lookups:
        view = lemmatizer.__dict__["_sitroom_lookups"] = _SetIndexLookups(lookups)
    return view


def set_matmul(nlp: Language, use_blis: bool) -> None:
    """Every network layer of ``nlp`` on CPU numpy ops multiplies with BLIS
    (``use_blis``) or with numpy's BLAS; other backends (GPU, Apple) are left alone.
    A layer's ops only say how it computes; its weights stay where they are."""
    ops = NumpyOps(use_blis=use_blis)
    for _name, proc in nlp.pipeline:
        model = getattr(proc, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if type(node.ops) is NumpyOps and node.ops.use_blis != use_blis:
                node.ops = ops


def one_blas_thread() -> None:
    """Hold numpy's BLAS to one thread in this process (and the workers it forks)."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(1, user_api="blas")


def speed_up(nlp: Language) -> Language:
    """Swap in the fast attribute ruler and lemmatizer where their stock configuration
    allows it (same objects, same tables), and numpy's single-threaded BLAS for the
    networks' matrix products; return ``nlp``."""
    for _name, proc in nlp.pipeline:
        if type(proc) is AttributeRuler and _ruler_supported(proc):
            proc.__class__ = FastAttributeRuler
        elif type(proc) is EnglishLemmatizer and proc.mode == "rule":
            proc.__class__ = FastLemmatizer
    one_blas_thread()
    set_matmul(nlp, use_blis=False)
    return nlp


def stock(nlp: Language) -> Language:
    """Undo :func:`speed_up` (for comparisons): the stock classes and BLIS back."""
    for _name, proc in nlp.pipeline:
        if type(proc) is FastAttributeRuler:
            proc.__class__ = AttributeRuler
        elif type(proc) is FastLemmatizer:
            proc.__class__ = EnglishLemmatizer
    set_matmul(nlp, use_blis=True)
    return nlp


__all__ = ["FastAttributeRuler", "FastLemmatizer", "one_blas_thread", "set_matmul", "speed_up", "stock"]
