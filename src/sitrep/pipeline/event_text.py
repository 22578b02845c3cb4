"""How the event detector reads one sentence: its tokens and the lexicon's matches in it.

A sentence is read from its spaCy doc when the pipeline parsed it (lemmas, entities and the
dependency parse are then available) or else from a cheap tokenizer, so the same lexicon drives
the relevance filter (no model) and the detector (with the model).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from sitrep.pipeline.event_lexicon import Cue, EventLexicon, Pattern

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Match", "Matcher", "Reading", "SentenceView", "Tok", "read_sentence", "view_of"]

_WORD = re.compile(r"[^\W_]+")  # "protester's" -> protester, s
_SKIP = frozenset({"-", "–", "‐"})
_WHEN = frozenset({"DATE", "TIME"})
_CAP_LABELS = ("NORP", "GPE", "ORG")  # what a capitalised word may be without a parse
_MONTHS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)


class Tok(NamedTuple):
    """One word of a sentence as the matcher sees it (a named tuple: sentences have many words,
    and a tuple is built several times faster than a frozen dataclass)."""

    start: int  # character offsets in the sentence
    end: int
    lower: str
    keys: frozenset[str]  # lower-cased form and lemma(s)
    doc_i: int | None = None  # index in the spaCy doc, when parsed
    ent: str = ""  # entity label ("NORP"); "CAP" for a capitalised word when there is no parse
    ent_id: str = ""  # the entity ruler's id (actor or country key)


@dataclass
class SentenceView:
    tokens: list[Tok]
    doc: Doc | None = None
    by_doc_i: dict[int, int] = field(default_factory=dict)  # doc index -> view index


@dataclass(frozen=True)
class Match:
    pattern: Pattern
    start: int  # view token indices, end exclusive
    end: int

    @property
    def label(self) -> str:
        return self.pattern.label

    def covers(self, other: Match) -> bool:
        """A longer match hides the shorter matches inside it ("grenade launcher" hides
        "grenade"); a pattern with a gap hides only one-word matches on its first or last word
        ("shot down * drone" hides "shot"), since its gap may hold other cues; a shield with a
        gap (weight 0) hides every match that starts on its first word."""
        gapped = any(cue.gap for cue in self.pattern.cues)
        blocker = self.pattern.weight == 0  # a shield: "expel * diplomats" is no expulsion
        if gapped and blocker and other.start == self.start and other is not self:
            return True  # ... nor is "expelled diplomats from": the shield owns its first word
        if (self.end - self.start) <= (other.end - other.start):
            return False
        if gapped:
            stronger = blocker or self.pattern.weight >= other.pattern.weight
            # the words before the first gap are the pattern's own ("machine guns * heavy"
            # hides "machine guns")
            lead = next(i for i, cue in enumerate(self.pattern.cues) if cue.gap)
            return stronger and (
                (other.end - other.start == 1 and other.start in {self.start, self.end - 1})
                or (other.start == self.start and other.end <= self.start + lead)
            )
        return self.start <= other.start and other.end <= self.end


def view_of(
    text: str,
    doc: Doc | None,
    forms: dict[str, set[str]],
    inflected: dict[str, set[str]] | None = None,
) -> SentenceView:
    """The tokens of a sentence, from its doc when there is one, else from a regex tokenizer.

    ``forms`` maps irregular forms to lemmas ("shot" -> "shoot"), ``inflected`` regular ones
    ("raped" -> "rape"); both are added to the model's lemma, which is sometimes wrong."""
    tokens: list[Tok] = []
    by_doc_i: dict[int, int] = {}
    regular = inflected or {}
    if doc is not None:
        for token in doc:
            if token.is_space or token.text in _SKIP:
                continue
            lower = token.text.lower()
            lemma = token.lemma_.lower()
            keys = frozenset({lower, lemma, *forms.get(lower, ()), *regular.get(lower, ())})
            if lower in _MONTHS and token.ent_type_ in _WHEN:
                keys = frozenset()  # "On 4 March": a date, no march
            by_doc_i[token.i] = len(tokens)
            span = (token.idx, token.idx + len(token.text))
            tokens.append(Tok(*span, lower, keys, token.i, token.ent_type_, token.ent_id_))
        return SentenceView(tokens, doc, by_doc_i)
    for m in _WORD.finditer(text):
        word = m.group()
        lower = word.lower()
        if lower in forms or lower in regular:
            keys = frozenset({lower, *forms.get(lower, ()), *regular.get(lower, ())})
        else:
            keys = frozenset((lower,))
        start = m.start()
        ent = "CAP" if start > 0 and word[0].isupper() else ""
        tokens.append(Tok(start, m.end(), lower, keys, None, ent))
    return SentenceView(tokens)


class Matcher:
    """Finds lexicon patterns in a sentence view; patterns are indexed by their first cue."""

    def __init__(self, patterns: Iterable[Pattern]) -> None:
        self.by_word: dict[str, list[Pattern]] = defaultdict(list)
        self.by_class: dict[str, list[Pattern]] = defaultdict(list)
        self.by_entity: dict[str, list[Pattern]] = defaultdict(list)
        for pattern in patterns:
            first = pattern.cues[0]
            for cls in first.classes:
                self.by_class[cls].append(pattern)
            if first.entity:
                self.by_entity[first.entity].append(pattern)
            for word in first.words:
                self.by_word[word].append(pattern)
        self._capitalised = [p for label in _CAP_LABELS for p in self.by_entity.get(label, ())]

    def _entity_patterns(self, ent: str) -> list[Pattern]:
        """Patterns that start with an entity label; without a parse a capitalised word
        ("CAP") may be a name of any of the labels it stands in for."""
        if ent == "CAP":
            return self._capitalised
        return self.by_entity.get(ent, []) if ent else []

    def find(
        self,
        view: SentenceView,
        cue_starts: dict[int, list[tuple[str, int]]] | None = None,
        first_only: bool = False,
    ) -> list[Match]:
        """All matches in ``view`` (``first_only``: stop at the first one)."""
        starts = cue_starts or {}
        found: list[Match] = []
        tokens = view.tokens
        by_word = self.by_word
        for i, tok in enumerate(tokens):
            seen: set[int] = set()
            for key in tok.keys:  # the first cue matched this word: go on from the second
                patterns = by_word.get(key)
                if not patterns:
                    continue
                for pattern in patterns:
                    if id(pattern) not in seen:
                        seen.add(id(pattern))
                        if len(pattern.cues) == 1:  # nothing more to match
                            found.append(Match(pattern, i, i + 1))
                            continue
                        end = _match(pattern.cues, 1, tokens, i + 1, starts)
                        if end is not None:
                            found.append(Match(pattern, i, end))
            if i in starts:
                for pattern in (p for cls, _ in starts[i] for p in self.by_class.get(cls, ())):
                    if id(pattern) not in seen:
                        seen.add(id(pattern))
                        end = _match(pattern.cues, 0, tokens, i, starts)
                        if end is not None:
                            found.append(Match(pattern, i, end))
            if tok.ent:
                for pattern in self._entity_patterns(tok.ent):
                    end = _match(pattern.cues, 0, tokens, i, starts)
                    if end is not None:
                        found.append(Match(pattern, i, end))
            if first_only and found:
                return found
        return found


def _match(
    cues: tuple[Cue, ...],
    k: int,
    tokens: list[Tok],
    i: int,
    starts: dict[int, list[tuple[str, int]]],
) -> int | None:
    """End index of ``cues[k:]`` matched from token ``i``, or None (gaps try the shortest skip first)."""
    if k == len(cues):
        return i
    cue = cues[k]
    if cue.gap:
        for skip in range(cue.gap + 1):
            if i + skip > len(tokens):
                break
            end = _match(cues, k + 1, tokens, i + skip, starts)
            if end is not None:
                return end
        return None
    if i >= len(tokens):
        return None
    tok = tokens[i]
    if cue.entity:
        hit = tok.ent == cue.entity or (tok.ent == "CAP" and cue.entity in _CAP_LABELS)
        return _match(cues, k + 1, tokens, i + 1, starts) if hit else None
    if not cue.words.isdisjoint(tok.keys):
        result = _match(cues, k + 1, tokens, i + 1, starts)
        if result is not None or not cue.classes:
            return result
    for cls, end in starts.get(i, ()):
        if cls in cue.classes:
            result = _match(cues, k + 1, tokens, end, starts)
            if result is not None:
                return result
    return None


@dataclass
class Reading:
    """What one sentence says, as far as the lexicon can tell."""

    view: SentenceView
    cues: list[Match]
    triggers: list[Match]
    present: set[str] = field(default_factory=set)  # cue classes anywhere in the sentence

    def classes_at(self, indices: set[int]) -> set[str]:
        """Cue classes of the cues that overlap the given view token indices."""
        return {m.label for m in self.cues if any(m.start <= i < m.end for i in indices)}


def read_sentence(
    text: str,
    doc: Doc | None,
    lexicon: EventLexicon,
    cue_matcher: Matcher,
    trigger_matcher: Matcher,
    view: SentenceView | None = None,
    extra_cues: list[Match] | None = None,
) -> Reading:
    """Cues and triggers of one sentence (``view``: the sentence's tokens, if already built;
    ``extra_cues``: cues found otherwise, such as the actors the dictionary names, which
    trigger patterns may start from: "the CJNG delivered food packages")."""
    view = view or view_of(text, doc, lexicon.forms, lexicon.inflected)
    cues = cue_matcher.find(view) + list(extra_cues or ())
    starts: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for m in cues:
        starts[m.start].append((m.label, m.end))
    triggers = trigger_matcher.find(view, starts)
    # Longest match wins; zero-weight patterns only shield words ("assault rifle" is no assault).
    triggers = [
        m for m in triggers if m.pattern.weight > 0 and not any(o.covers(m) for o in triggers)
    ]
    return Reading(view, cues, triggers, {m.label for m in cues})
