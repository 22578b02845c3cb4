"""How the event detector reads one sentence: tokens, pattern matches, roles, negation, modality.

A sentence is read from its spaCy doc when the pipeline parsed it (lemmas, entities and the
dependency parse are then available) or else from a cheap tokenizer, so the same lexicon drives
the relevance filter (no model) and the detector (with the model).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sitrep.pipeline.event_lexicon import Cue, EventLexicon, Pattern

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["Match", "Matcher", "Reading", "SentenceView", "Tok", "read_sentence", "view_of"]

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_SKIP = frozenset({"-", "–", "‐"})
_VERBAL = frozenset({"VERB", "AUX"})
_CONTENT = frozenset({"NOUN", "VERB", "PROPN", "ADJ", "AUX"})
# Prepositions that introduce the target of an attack ("fired on", "an attack against").
_TARGET_PREPS = frozenset({"on", "at", "against", "upon", "into", "targeting", "toward", "towards"})
_EXPAND_DEPS = frozenset(
    {"compound", "amod", "nmod", "conj", "appos", "poss", "nummod", "prep", "pobj", "relcl"}
)
_EXPAND_PREPS = frozenset({"of", "including", "among"})
_VICTIM_DEPS = frozenset({"dobj", "nsubjpass", "dative", "attr"})
_CLAUSE_LINKS = frozenset({"advcl", "xcomp", "conj", "ccomp", "acl"})


@dataclass(frozen=True)
class Tok:
    """One word of a sentence as the matcher sees it."""

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
        ("shot down * drone" hides "shot"), since its gap may hold other cues."""
        if (self.end - self.start) <= (other.end - other.start):
            return False
        if any(cue.gap for cue in self.pattern.cues):
            stronger = self.pattern.weight >= other.pattern.weight
            return (
                stronger
                and other.end - other.start == 1
                and other.start in {self.start, self.end - 1}
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
            by_doc_i[token.i] = len(tokens)
            span = (token.idx, token.idx + len(token.text))
            tokens.append(Tok(*span, lower, keys, token.i, token.ent_type_, token.ent_id_))
        return SentenceView(tokens, doc, by_doc_i)
    for m in _WORD.finditer(text):
        lower = m.group().lower()
        keys = frozenset({lower, *forms.get(lower, ()), *regular.get(lower, ())})
        ent = "CAP" if m.start() > 0 and m.group()[0].isupper() else ""
        tokens.append(Tok(m.start(), m.end(), lower, keys, None, ent))
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
        for i, tok in enumerate(tokens):
            seen: set[int] = set()
            for key in tok.keys:  # the first cue matched this word: go on from the second
                for pattern in self.by_word.get(key, ()):
                    if id(pattern) not in seen:
                        seen.add(id(pattern))
                        end = _match(pattern.cues, 1, tokens, i + 1, starts)
                        if end is not None:
                            found.append(Match(pattern, i, end))
            for pattern in (p for cls, _ in starts.get(i, ()) for p in self.by_class.get(cls, ())):
                if id(pattern) not in seen:
                    seen.add(id(pattern))
                    end = _match(pattern.cues, 0, tokens, i, starts)
                    if end is not None:
                        found.append(Match(pattern, i, end))
            for pattern in self.by_entity.get(tok.ent, ()) if tok.ent else ():
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
        hit = tok.ent == cue.entity or (tok.ent == "CAP" and cue.entity in {"NORP", "GPE", "ORG"})
        return _match(cues, k + 1, tokens, i + 1, starts) if hit else None
    if cue.words & tok.keys:
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
) -> Reading:
    """Cues and triggers of one sentence (``view``: the sentence's tokens, if already built)."""
    view = view or view_of(text, doc, lexicon.forms, lexicon.inflected)
    cues = cue_matcher.find(view)
    starts: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for m in cues:
        starts[m.start].append((m.label, m.end))
    triggers = trigger_matcher.find(view, starts)
    # Longest match wins; zero-weight patterns only shield words ("assault rifle" is no assault).
    triggers = [
        m for m in triggers if m.pattern.weight > 0 and not any(o.covers(m) for o in triggers)
    ]
    return Reading(view, cues, triggers, {m.label for m in cues})


# -- syntax: the head of a trigger, its roles and its context ------------------------------
def head_token(view: SentenceView, match: Match) -> Token | None:
    """The syntactic head of the matched words: a word whose head lies outside the match,
    preferring content words ("drive-by [shooting]", not "by")."""
    if view.doc is None:
        return None
    indices = [t.doc_i for t in view.tokens[match.start : match.end] if t.doc_i is not None]
    inside = set(indices)
    tops = [
        view.doc[i] for i in indices if view.doc[i].head.i not in inside or view.doc[i].head.i == i
    ]
    for token in tops:
        if token.pos_ in _CONTENT:
            return token
    if tops:
        return tops[0]
    return view.doc[indices[0]] if indices else None


def roles(view: SentenceView, match: Match) -> tuple[set[int], set[int]]:
    """View indices of the agent (who acts) and the victim/target of a trigger."""
    head = head_token(view, match)
    if head is None:
        return _roles_by_position(view, match)
    agents: list[Token] = []
    victims: list[Token] = []
    if head.pos_ in _VERBAL:
        _verb_roles(head, agents, victims)
    else:
        _noun_roles(head, agents, victims)
    agent_ids, victim_ids = _to_view(view, agents), _to_view(view, victims)
    if not victim_ids:  # the parse found no target: the words after the trigger
        victim_ids = _roles_by_position(view, match)[1]
    return agent_ids, victim_ids


def _verb_roles(verb: Token, agents: list[Token], victims: list[Token]) -> None:
    for child in verb.children:
        if child.dep_ == "nsubj":
            agents.append(child)
        elif child.dep_ == "agent":
            agents.extend(c for c in child.children if c.dep_ == "pobj")
        elif child.dep_ in _VICTIM_DEPS:
            victims.append(child)
        elif child.dep_ == "prep" and child.lower_ in _TARGET_PREPS:
            victims.extend(c for c in child.children if c.dep_ == "pobj")
        elif child.dep_ in _CLAUSE_LINKS and child.pos_ in _VERBAL:
            victims.extend(c for c in child.children if c.dep_ in {"dobj", "nsubjpass"})
    if not agents and verb.dep_ in _CLAUSE_LINKS and verb.head.i != verb.i:
        agents.extend(c for c in verb.head.children if c.dep_ == "nsubj")
    if verb.dep_ in {"relcl", "acl"} and verb.head.pos_ in {"NOUN", "PROPN", "PRON"}:
        (victims if verb.tag_ == "VBN" else agents).append(verb.head)


def _noun_roles(noun: Token, agents: list[Token], victims: list[Token]) -> None:
    for child in noun.children:
        if child.dep_ in {"poss", "compound", "amod", "nmod"}:
            agents.append(child)
        elif child.dep_ == "prep" and child.lower_ == "by":
            agents.extend(c for c in child.children if c.dep_ == "pobj")
        elif child.dep_ == "prep" and (child.lower_ in _TARGET_PREPS or child.lower_ == "of"):
            victims.extend(c for c in child.children if c.dep_ == "pobj")
    governor = noun.head
    if governor.i == noun.i:
        return
    if noun.dep_ == "nsubj" and governor.pos_ in _VERBAL:  # "drone strikes killed 21 people"
        victims.extend(c for c in governor.children if c.dep_ in {"dobj", "nsubjpass"})
    elif noun.dep_ == "dobj" and governor.pos_ in _VERBAL:  # "gunmen carried out an attack"
        agents.extend(c for c in governor.children if c.dep_ == "nsubj")
        for prep in (
            c for c in governor.children if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS
        ):
            victims.extend(c for c in prep.children if c.dep_ == "pobj")
    elif noun.dep_ == "pobj" and governor.dep_ in {"agent", "prep"}:  # "killed by / in attacks"
        verb = governor.head
        if verb.pos_ in _VERBAL:
            victims.extend(c for c in verb.children if c.dep_ in {"nsubjpass", "dobj"})


def _expand(token: Token, depth: int = 3) -> list[Token]:
    out = [token]
    if depth == 0:
        return out
    for child in token.children:
        if child.dep_ not in _EXPAND_DEPS:
            continue
        if child.dep_ == "prep" and child.lower_ not in _EXPAND_PREPS:
            continue
        out.extend(_expand(child, depth - 1))
    return out


def _to_view(view: SentenceView, tokens: list[Token]) -> set[int]:
    out: set[int] = set()
    for token in tokens:
        for t in _expand(token):
            if t.i in view.by_doc_i:
                out.add(view.by_doc_i[t.i])
    return out


def _roles_by_position(view: SentenceView, match: Match) -> tuple[set[int], set[int]]:
    """Without a parse: the words before the trigger act, the words after it are the target."""
    before = set(range(max(0, match.start - 6), match.start))
    after = set(range(match.end, min(len(view.tokens), match.end + 8)))
    return before, after


_DEFINITE = frozenset({"the", "this", "that", "these", "those", "such"})


def is_anaphoric(view: SentenceView, match: Match) -> bool:
    """True when the trigger is a definite noun phrase that refers back ("the fighting", "this
    attack") rather than a new report ("fighting broke out")."""
    head = head_token(view, match)
    if head is None or head.pos_ not in {"NOUN", "PROPN"}:
        return False
    return any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in head.children)


def object_span(view: SentenceView, match: Match) -> set[int]:
    """View indices of the object of a trigger verb ("seized [eight guns and 500 bullets]")."""
    head = head_token(view, match)
    if head is None or head.pos_ not in _VERBAL:
        return set()
    out: set[int] = set()
    for child in head.children:
        if child.dep_ in {"dobj", "nsubjpass"}:
            out.update(view.by_doc_i[t.i] for t in _noun_phrase(child) if t.i in view.by_doc_i)
    return out


_NP_DEPS = frozenset(
    {"compound", "amod", "nummod", "det", "conj", "cc", "appos", "nmod", "poss", "quantmod"}
)
_LISTING = frozenset({"include", "contain", "comprise", "consist"})


def _noun_phrase(token: Token) -> list[Token]:
    """A noun with its modifiers and coordinated nouns, without clauses or places attached
    ("two rockets and a mortar [hidden in a house]"), plus what it includes."""
    out = [token]
    for child in token.children:
        if child.dep_ in _NP_DEPS:
            out.extend(_noun_phrase(child))
        elif child.dep_ == "prep" and child.lower_ in _EXPAND_PREPS:
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                out.extend(_noun_phrase(pobj))
        elif child.dep_ in {"relcl", "acl"} and child.lemma_.lower() in _LISTING:
            for obj in (c for c in child.children if c.dep_ == "dobj"):
                out.extend(_noun_phrase(obj))
    return out


def governors(view: SentenceView, match: Match, depth: int = 3) -> list[Token]:
    """The trigger's head and the words that govern it, nearest first (up to ``depth`` steps)."""
    head = head_token(view, match)
    chain: list[Token] = []
    while head is not None and len(chain) <= depth:
        chain.append(head)
        if head.head.i == head.i:
            break
        head = head.head
    return chain


# Dependencies through which a trigger is the complement of a governing word
# ("threatened to attack", "claimed responsibility for the attack", "a missile test").
_COMPLEMENT_DEPS = frozenset(
    {
        "xcomp",
        "ccomp",
        "dobj",
        "pobj",
        "prep",
        "acl",
        "compound",
        "nsubjpass",
        "nsubj",
        "advcl",
        "conj",
    }
)
_MODAL_AUX = frozenset({"could", "may", "might", "would", "will", "should", "shall", "must", "can"})


@dataclass(frozen=True)
class Context:
    """How a trigger is framed: denied, only possible, or inside a statement about something else."""

    negated: bool = False
    hypothetical: bool = False
    embedded: bool = False

    @property
    def asserted(self) -> bool:
        return not (self.negated or self.hypothetical or self.embedded)


def trigger_context(
    view: SentenceView, match: Match, negation: set[str], modality: set[str], frames: set[str]
) -> Context:
    """Negation ("no clashes"), modality ("threatened to attack") and report frames ("condemned
    the attack", "claimed responsibility for") of one trigger."""
    head = head_token(view, match)
    if head is None:
        return _context_by_position(view, match, negation, modality, frames)
    negated = _negated(head, negation) or (head.dep_ == "conj" and _negated(head.head, negation))
    clause = head if head.pos_ in _VERBAL else _verbal_governor(head)
    if clause is not None and clause is not head and clause.lemma_ == "be" and head.dep_ == "nsubj":
        clause = (
            None  # "the fighting could be the heaviest defeat": a judgement, the fighting happened
        )
    hypothetical = any(c.lower_ in {"if", "unless"} for c in head.children if c.dep_ == "mark")
    hypothetical |= any(c.lower_ in modality for c in head.children if c.dep_ == "amod")
    if clause is not None:
        hypothetical |= any(
            (c.dep_ == "aux" and c.lower_ in _MODAL_AUX)
            or (c.dep_ == "mark" and c.lower_ in {"if", "unless"})
            for c in clause.children
        )
    embedded = False
    token, steps = head, 0
    while token.dep_ in _COMPLEMENT_DEPS and token.head.i != token.i and steps < 4:
        token, steps = token.head, steps + 1
        words = {token.lower_, token.lemma_.lower()}
        hypothetical |= bool(words & modality)
        embedded |= bool(words & frames)
        if token.dep_ == "ROOT":
            break
    return Context(negated, hypothetical, embedded)


def _negated(token: Token, negation: set[str]) -> bool:
    """ "no clashes", "did not attack", "without fighting"."""
    return token.head.lower_ == "without" or any(
        c.dep_ == "neg" or (c.dep_ in {"det", "advmod"} and c.lower_ in negation)
        for c in token.children
    )


def _verbal_governor(token: Token) -> Token | None:
    for _ in range(2):
        if token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ in _VERBAL:
            return token
    return None


def _context_by_position(
    view: SentenceView, match: Match, negation: set[str], modality: set[str], frames: set[str]
) -> Context:
    def before(n: int) -> set[str]:
        return {key for t in view.tokens[max(0, match.start - n) : match.start] for key in t.keys}

    return Context(
        negated=bool(before(2) & negation),
        hypothetical=bool(before(4) & (modality | _MODAL_AUX)),
        embedded=bool(before(5) & frames),
    )
