"""Faster drop-in versions of two spaCy components, same annotations, less time per sentence.

sitrep runs the model on many short sentence docs, where per-doc overheads dominate:

- ``sitrep_attribute_map`` replaces the model's ``attribute_ruler``: the same patterns (tag ->
  POS and morphology, word exceptions), but single-token patterns with plain equality tests are
  applied with dictionary look-ups; only the few others go through a ``Matcher``. The rules and
  their order come from the model's own ruler, so the annotations are identical (a test checks).
- ``sitrep_entity_ruler`` is spaCy's ``EntityRuler`` without its per-doc count of every pattern
  (``EntityRuler._require_patterns`` sums the sizes of all pattern lists on each call).

And one faster way to do the same arithmetic: ``use_numpy_gemm`` makes the model's layers
multiply matrices with numpy (its OpenBLAS) instead of thinc's BLIS, which has no kernel tuned
for recent CPUs (about three times slower per matrix product on an AMD EPYC with AVX-512). The
products are the same up to float rounding order. Threads: OpenBLAS follows
``OPENBLAS_NUM_THREADS`` (``sitrep bench`` sets it to 1 before numpy is imported).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import numpy
from spacy.attrs import DEP, IS_SPACE, LOWER, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, EntityRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import normalize_token_attrs, set_token_attrs
from thinc.api import NumpyOps

__all__ = [
    "AttributeMap",
    "NumpyGemmOps",
    "QuietEntityRuler",
    "replace_attribute_ruler",
    "use_numpy_gemm",
]

_TOKEN_KEYS = {"TAG": "tag_", "LOWER": "lower_", "ORTH": "orth_", "DEP": "dep_", "POS": "pos_"}


def _expand(spec: dict[str, Any]) -> list[dict[str, str]] | None:
    """Single-token spec with equality or IN tests on token strings -> equality specs."""
    if not set(spec) <= _TOKEN_KEYS.keys():
        return None
    options: list[list[tuple[str, str]]] = []
    for key, value in spec.items():
        if isinstance(value, str):
            options.append([(key, value)])
        elif isinstance(value, dict) and set(value) == {"IN"}:
            options.append([(key, v) for v in value["IN"]])
        else:
            return None
    combos: list[dict[str, str]] = [{}]
    for choices in options:
        combos = [{**c, k: v} for c in combos for k, v in choices]
    return combos


_CACHE_SIZE = 100_000  # rows of token ids -> their single-token rules (cleared when full)


class AttributeMap:
    """Applies an attribute ruler's patterns: look-ups for simple single-token ones, a direct
    test for other single-token ones, a Matcher for the few multi-token ones."""

    def __init__(self, nlp: Language, name: str, patterns: Iterable[dict[str, Any]]) -> None:
        self.name = name
        self._simple: dict[
            tuple[str, ...], dict[tuple[str, ...], list[tuple[int, dict[Any, Any]]]]
        ] = {}
        self._tested: list[tuple[int, dict[str, Any], dict[Any, Any]]] = []
        self._matcher = Matcher(nlp.vocab)
        self._multi: dict[str, tuple[int, int, dict[Any, Any]]] = {}
        for order, entry in enumerate(patterns):
            attrs = normalize_token_attrs(nlp.vocab, dict(entry["attrs"]))
            for pattern in entry["patterns"]:
                if len(pattern) > 1:
                    key = f"rule{order}_{len(self._multi)}"
                    self._matcher.add(key, [pattern])
                    self._multi[key] = (order, int(entry.get("index", 0)), attrs)
                    continue
                expanded = _expand(pattern[0])
                if expanded is None:
                    self._tested.append((order, pattern[0], attrs))
                    continue
                for spec in expanded:
                    keys = tuple(sorted(spec))
                    values = tuple(spec[k] for k in keys)
                    self._simple.setdefault(keys, {}).setdefault(values, []).append((order, attrs))
        # The same tables keyed by string ids, read from ``Doc.to_array`` (no Token objects).
        strings = nlp.vocab.strings
        self._columns = [TAG, LOWER, ORTH, DEP, POS, IS_SPACE]
        at = {key: n for n, key in enumerate(("TAG", "LOWER", "ORTH", "DEP", "POS", "IS_SPACE"))}
        self._tables = [
            (
                tuple(at[k] for k in keys),
                {tuple(_sid(strings, v) for v in values): rules for values, rules in table.items()},
            )
            for keys, table in self._simple.items()
        ]
        self._cache: dict[tuple[int, ...], list[tuple[int, dict[Any, Any]]]] = {}
        self._tests = [
            (order, [_column_test(strings, at[k], test) for k, test in spec.items()], attrs)
            for order, spec, attrs in self._tested
        ]

    def __call__(self, doc: Doc) -> Doc:
        found: list[tuple[int, int, dict[Any, Any]]] = []  # (order, token index, attrs)
        strings = doc.vocab.strings
        cache = self._cache
        for i, row in enumerate(doc.to_array(self._columns).tolist()):
            key = tuple(row)  # the single-token rules depend on these ids only
            rules = cache.get(key)
            if rules is None:
                rules = self._rules_for(row, strings)
                if len(cache) >= _CACHE_SIZE:
                    cache.clear()
                cache[key] = rules
            for order, attrs in rules:
                found.append((order, i, attrs))
        if self._multi:
            for match_id, start, end in self._matcher(doc):
                order, index, attrs = self._multi[strings[match_id]]
                found.append((order, start + index if index >= 0 else end + index, attrs))
        found.sort(key=lambda item: item[0])
        for _, i, attrs in found:
            set_token_attrs(doc[i], attrs)
        return doc

    def _rules_for(self, row: list[int], strings: Any) -> list[tuple[int, dict[Any, Any]]]:
        """The single-token rules (order, attrs) that hold for one ``Doc.to_array`` row."""
        rules: list[tuple[int, dict[Any, Any]]] = []
        for columns, table in self._tables:
            rules.extend(table.get(tuple([row[c] for c in columns]), ()))
        for order, tests, attrs in self._tests:
            if all(test(row, strings) for test in tests):
                rules.append((order, attrs))
        return rules


def _sid(strings: Any, value: str) -> int:
    """The id ``Doc.to_array`` gives a string (0 for the empty string, symbol ids for labels)."""
    return 0 if value == "" else int(strings[value])


def _column_test(strings: Any, column: int, test: Any) -> Any:
    """A single-token test the look-up tables cannot hold (NOT_IN, IS_SPACE, REGEX), on one
    column of a ``Doc.to_array`` row."""
    if column == 5:  # IS_SPACE
        wanted = int(bool(test))
        return lambda row, _: row[column] == wanted
    if isinstance(test, str):
        value = _sid(strings, test)
        return lambda row, _: row[column] == value
    if "IN" in test:
        values = {_sid(strings, v) for v in test["IN"]}
        return lambda row, _: row[column] in values
    if "NOT_IN" in test:
        values = {_sid(strings, v) for v in test["NOT_IN"]}
        return lambda row, _: row[column] not in values
    pattern = re.compile(test["REGEX"])
    return lambda row, s: pattern.search(s[row[column]] if row[column] else "") is not None


@Language.factory("sitrep_attribute_map", default_config={"patterns": []})
def make_attribute_map(nlp: Language, name: str, patterns: list[dict[str, Any]]) -> AttributeMap:
    return AttributeMap(nlp, name, patterns)


def replace_attribute_ruler(nlp: Language) -> None:
    """Swap the model's ``attribute_ruler`` for an ``AttributeMap`` of the same patterns."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    patterns = [dict(p) for p in ruler.patterns]
    nlp.replace_pipe("attribute_ruler", "sitrep_attribute_map", config={"patterns": patterns})


_WORD_ATTRS = {"TEXT": ORTH, "ORTH": ORTH, "LOWER": LOWER}


class QuietEntityRuler(EntityRuler):
    """An EntityRuler that checks for patterns in constant time, and finds one-word token
    patterns that test a word's text (``[{"TEXT": "UAE"}]``, country codes) with a dictionary
    look-up instead of the token ``Matcher`` (which tries every pattern at every token)."""

    _words: dict[int, dict[int, list[int]]] | None = None  # attr -> word hash -> match ids
    _rest: Matcher | None = None  # the other token patterns

    def _require_patterns(self) -> None:
        if not self.token_patterns and not self.phrase_patterns:
            super()._require_patterns()

    def add_patterns(self, patterns: list[Any]) -> None:
        super().add_patterns(patterns)
        self._words = None

    def clear(self) -> None:
        super().clear()
        self._words = None

    def remove(self, ent_id: str) -> None:
        super().remove(ent_id)
        self._words = None

    def _split(self) -> tuple[dict[int, dict[int, list[int]]], Matcher]:
        strings = self.nlp.vocab.strings
        words: dict[int, dict[int, list[int]]] = {}
        rest = Matcher(self.nlp.vocab, validate=self._validate)
        for key, patterns in self.token_patterns.items():
            others = []
            for pattern in patterns:
                spec = pattern[0] if len(pattern) == 1 else {}
                attr = _WORD_ATTRS.get(next(iter(spec)).upper()) if len(spec) == 1 else None
                value = next(iter(spec.values())) if attr is not None else None
                if attr is None or not isinstance(value, str):
                    others.append(pattern)
                    continue
                table = words.setdefault(attr, {})
                table.setdefault(strings.add(value), []).append(strings.add(key))
            if others:
                rest.add(key, others)
        self._words, self._rest = words, rest
        return words, rest

    def match(self, doc: Doc) -> list[tuple[int, int, int]]:
        self._require_patterns()
        words, rest = (self._words, self._rest) if self._words is not None else self._split()
        assert rest is not None
        matches: list[tuple[int, int, int]] = list(self.phrase_matcher(doc))
        if len(rest):
            matches.extend(rest(doc))
        for attr, table in words.items():
            for i, value in enumerate(doc.to_array(attr).tolist()):
                for match_id in table.get(value, ()):
                    matches.append((match_id, i, i + 1))
        final = {(m_id, start, end) for m_id, start, end in matches if start != end}
        return sorted(final, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)


@Language.factory(
    "sitrep_entity_ruler",
    default_config={
        "phrase_matcher_attr": None,
        "matcher_fuzzy_compare": {"@misc": "spacy.levenshtein_compare.v1"},
        "validate": False,
        "overwrite_ents": False,
        "ent_id_sep": "||",
        "scorer": {"@scorers": "spacy.entity_ruler_scorer.v1"},
    },
)
def make_entity_ruler(
    nlp: Language,
    name: str,
    phrase_matcher_attr: str | None,
    matcher_fuzzy_compare: Any,
    validate: bool,
    overwrite_ents: bool,
    ent_id_sep: str,
    scorer: Any,
) -> QuietEntityRuler:
    return QuietEntityRuler(
        nlp,
        name,
        phrase_matcher_attr=phrase_matcher_attr,
        matcher_fuzzy_compare=matcher_fuzzy_compare,
        validate=validate,
        overwrite_ents=overwrite_ents,
        ent_id_sep=ent_id_sep,
        scorer=scorer,
    )


class NumpyGemmOps(NumpyOps):
    """thinc's CPU ops with matrix products done by ``numpy.matmul`` (OpenBLAS)."""

    name = "numpy"

    def gemm(
        self,
        x: numpy.ndarray,
        y: numpy.ndarray,
        out: numpy.ndarray | None = None,
        trans1: bool = False,
        trans2: bool = False,
    ) -> numpy.ndarray:
        if trans1:
            x = x.T
        if trans2:
            y = y.T
        if out is None:
            return numpy.matmul(x, y)
        numpy.matmul(x, y, out=out)
        return out


def use_numpy_gemm(nlp: Language) -> None:
    """Give every layer of the pipeline's models ``NumpyGemmOps`` (CPU models only)."""
    ops = NumpyGemmOps()
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if type(node.ops) is NumpyOps:
                node.ops = ops
