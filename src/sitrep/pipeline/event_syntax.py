"""The syntax of an event trigger, read from the spaCy parse: its head word, who acts and who
is targeted, and how it is framed (negated, hypothetical, inside a report of something else).

Every function takes a ``SentenceView`` and a trigger ``Match``; without a parse they fall back
on word order (the words before a trigger act, the words after it are its target).
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitrep.pipeline.event_text import Match, SentenceView

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "Context",
    "head_token",
    "is_anaphoric",
    "is_background",
    "object_span",
    "roles",
    "trigger_context",
]

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


def roles(view: SentenceView, match: Match, mutual: bool = False) -> tuple[set[int], set[int]]:
    """View indices of the agent (who acts) and the victim/target of a trigger.

    ``mutual``: the trigger names a fight between two sides ("clashed with", "a clash between
    A and B"); the side after "with" is the target, and both sides "between" are agent and target.
    """
    head = head_token(view, match)
    if head is None:
        return _roles_by_position(view, match)
    agents: list[Token] = []
    victims: list[Token] = []
    if head.pos_ in _VERBAL:
        _verb_roles(head, agents, victims)
        if head.dep_ == "pobj":  # a gerund used as a noun: "killed in a shooting"
            _governor_roles(head, agents, victims)
    else:
        _noun_roles(head, agents, victims)
    if mutual:
        _sides(head, agents, victims)
    agent_ids, victim_ids = _to_view(view, agents), _to_view(view, victims)
    if not victim_ids and not _acts(head):  # no target in the parse: the words after it
        victim_ids = _roles_by_position(view, match)[1] - agent_ids
    return agent_ids, victim_ids


def _acts(token: Token) -> bool:
    """A word that names who acts ("[gunmen] killed", "wounded by [gunmen]"): the words after
    it are not its target."""
    if token.pos_ in _VERBAL:
        return False
    return token.dep_ == "nsubj" or (token.dep_ == "pobj" and token.head.dep_ == "agent")


def _verb_roles(verb: Token, agents: list[Token], victims: list[Token]) -> None:
    for child in verb.children:
        if child.dep_ == "nsubj":
            agents.append(child)
        elif child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            agents.extend(c for c in child.children if c.dep_ == "pobj")
        elif child.dep_ in _VICTIM_DEPS:
            victims.append(child)
        elif child.dep_ == "prep" and child.lower_ in _TARGET_PREPS:
            victims.extend(c for c in child.children if c.dep_ == "pobj")
        elif child.dep_ in _CLAUSE_LINKS and child.pos_ in _VERBAL:
            victims.extend(c for c in child.children if c.dep_ in {"dobj", "nsubjpass"})
    if not agents and verb.dep_ in _CLAUSE_LINKS - {"ccomp"} and verb.head.i != verb.i:
        # a clause shares the subject of its verb; a reported clause does not share the speaker
        agents.extend(c for c in verb.head.children if c.dep_ == "nsubj")
    _shared_roles(verb, agents, victims)
    if verb.dep_ in {"relcl", "acl"} and verb.head.pos_ in {"NOUN", "PROPN", "PRON"}:
        # "civilians killed in the raid" (passive); "militants killed ten people" parsed as a
        # modifier of "militants" has an object, so the noun acts
        passive = verb.tag_ == "VBN" and not any(c.dep_ == "dobj" for c in verb.children)
        (victims if passive else agents).append(verb.head)


def _sides(head: Token, agents: list[Token], victims: list[Token]) -> None:
    """The two sides of a fight: "clashed [with police]", "a clash [between X and Y]",
    "clashes erupted [between X and Y]"."""
    holders = [head]
    if head.dep_ == "nsubj" and head.head.pos_ in _VERBAL:
        holders.append(head.head)
    for prep in (c for h in holders for c in h.children if c.dep_ == "prep"):
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if prep.lower_ == "with":
            victims.extend(objects)
        elif prep.lower_ in {"between", "among", "amongst"}:
            agents.extend(objects)
            victims.extend(objects)


def _shared_roles(verb: Token, agents: list[Token], victims: list[Token]) -> None:
    """Coordinated verbs share their participants: in "a man was shot and injured by gunmen"
    the gunmen did the shooting too, and the man was injured too."""
    partners = [c for c in verb.children if c.dep_ == "conj" and c.pos_ in _VERBAL]
    if verb.dep_ == "conj" and verb.head.pos_ in _VERBAL:
        partners.append(verb.head)
    for other in partners:
        if not agents:
            by = [c for c in other.children if c.dep_ == "agent"]
            agents.extend(p for a in by for p in a.children if p.dep_ == "pobj")
        if not victims and verb.dep_ == "conj":
            victims.extend(c for c in other.children if c.dep_ in {"nsubjpass", "dobj"})


def _noun_roles(noun: Token, agents: list[Token], victims: list[Token]) -> None:
    for child in noun.children:
        if child.dep_ in {"poss", "compound", "amod", "nmod"}:
            agents.append(child)
        elif child.dep_ == "prep" and child.lower_ == "by":
            agents.extend(c for c in child.children if c.dep_ == "pobj")
        elif child.dep_ == "prep" and (child.lower_ in _TARGET_PREPS or child.lower_ == "of"):
            victims.extend(c for c in child.children if c.dep_ == "pobj")
    _governor_roles(noun, agents, victims)


def _targets_of(verb: Token) -> list[Token]:
    """The objects or passive subjects of a verb, or of the verb it is coordinated with."""
    found = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    if not found and verb.dep_ == "conj" and verb.head.pos_ in _VERBAL:
        found = [c for c in verb.head.children if c.dep_ in {"dobj", "nsubjpass"}]
    return found


def _governor_roles(noun: Token, agents: list[Token], victims: list[Token]) -> None:
    """Roles a noun trigger takes from the verb that governs it."""
    governor = noun.head
    if governor.i == noun.i:
        return
    if noun.dep_ == "nsubj" and governor.pos_ in _VERBAL:  # "drone strikes killed 21 people"
        victims.extend(_targets_of(governor))
    elif noun.dep_ == "dobj" and governor.pos_ in _VERBAL:  # "gunmen carried out an attack"
        agents.extend(c for c in governor.children if c.dep_ == "nsubj")
        for prep in (
            c for c in governor.children if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS
        ):
            victims.extend(c for c in prep.children if c.dep_ == "pobj")
    elif noun.dep_ == "pobj" and governor.dep_ in {"agent", "prep"}:  # "killed by / in attacks"
        verb = governor.head
        if verb.pos_ in _VERBAL:
            victims.extend(_targets_of(verb))


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
    view: SentenceView,
    match: Match,
    negation: set[str],
    modality: set[str],
    frames: set[str],
    habitual: frozenset[str] | set[str] = frozenset(),
) -> Context:
    """Negation ("no clashes"), modality ("threatened to attack"), habit ("bandits often seize
    travellers": what happens in general, no event) and report frames ("condemned the attack",
    "claimed responsibility for") of one trigger."""
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
        # a habit told in the present tense is no event ("gangs often kidnap travellers")
        hypothetical |= clause.tag_ in {"VBP", "VBZ"} and any(
            c.dep_ == "advmod" and c.lower_ in habitual for c in clause.children
        )
    embedded = False
    token, steps = head, 0
    while token.dep_ in _COMPLEMENT_DEPS and token.head.i != token.i and steps < 4:
        if token.dep_ == "ccomp" and token.i < token.head.i:
            break  # "Protesters marched, the police said": the clause before is asserted
        coordinated = token.dep_ == "conj"
        subject = token.dep_ == "nsubj"  # "the 2015 deal ended the war": the deal happened
        token, steps = token.head, steps + 1
        if not coordinated and not _names(token):
            # a coordinated verb is not governed by its partner ("threatened and attacked")
            words = _frame_words(token)
            hypothetical |= not subject and bool(words & modality)
            embedded |= bool(words & frames)
        if token.dep_ == "ROOT":
            break
    return Context(negated, hypothetical, embedded)


def _frame_words(token: Token) -> set[str]:
    """The words by which a governing token may be a frame: a verb by its lemma only ("hearing
    shots" is no court hearing), a noun by its form and lemma."""
    lemma = token.lemma_.lower()
    return {lemma} if token.pos_ in _VERBAL else {token.lower_, lemma}


def _names(token: Token) -> bool:
    """ "a front called the FSP": a verb of naming, not a call for action."""
    return any(c.dep_ == "oprd" for c in token.children)


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


# Edges by which a word is the topic of the word above it ("a rally [against] the killing",
# "accused [of] attacking"); a relative clause ("a protest that turned violent") or a modifier ("a
# violent protest") tells what that word itself was. A demand or a call governs its object and
# complement clauses ("demanding [the recovery] of looted funds", "called [for] the release").
_TOPIC_EDGES = frozenset({"prep", "pobj", "pcomp", "dobj", "xcomp", "ccomp", "advcl"})
_DEMAND_EDGES = frozenset({"dobj", "xcomp", "ccomp"})
_TIME_MARKERS = frozenset({"after", "before", "following", "since"})
_OUTCOMES = frozenset({"injure", "wound", "kill", "die", "hurt", "hospitalize", "hospitalise"})


def is_background(
    view: SentenceView,
    match: Match,
    frames: AbstractSet[str],
    demands: AbstractSet[str] = frozenset(),
    *,
    time_phrases: bool = False,
) -> str | None:
    """Why the matched words are only background to the sentence's event, not what its actors
    did: "frame" in the topic of a frame word (a protest, an accusation: ``frames``), "demand"
    the object of a demand or call (``demands``), "time" (with ``time_phrases``) in a time
    phrase ("after days of clashes"); None when told as what happened. A clause told before
    its governing verb is asserted ("Protesters marched, the police said")."""
    token = head_token(view, match)
    if token is None:
        return None
    for _ in range(8):
        governor = token.head
        if governor.i == token.i or (token.dep_ == "ccomp" and token.i < governor.i):
            return None
        if _conduct(token):
            return None  # "protesters marched, throwing stones at the police": what they did
        words = _frame_words(governor)
        if token.dep_ == "prep" and governor.pos_ in _VERBAL:
            # "take [revenge] for the arrest", "held [a protest] against the killing"
            words |= {c.lemma_.lower() for c in governor.children if c.dep_ == "dobj"}
        if token.dep_ in _TOPIC_EDGES and words & frames:
            return "frame"
        demanded = token.dep_ in _DEMAND_EDGES or (token.dep_ == "prep" and token.lower_ == "for")
        if demanded and words & demands:
            return "demand"
        if time_phrases and _time_phrase(token):
            return "time"
        token = governor
    return None


def _conduct(token: Token) -> bool:
    """A participle clause that tells how the subject acted ("marched, throwing stones"), not the
    topic of a frame ("marched to protest the killing", "protested against the arrests")."""
    return (
        token.dep_ == "advcl"
        and token.tag_ == "VBG"
        and not any(c.dep_ in {"mark", "aux"} for c in token.children)
    )


def _time_phrase(token: Token) -> bool:
    """ "after [days of clashes]", "after [a gendarme shot a driver]": a phrase or clause that
    dates the sentence's event by another one. Not when the sentence tells its outcome
    ("protesters were injured after police fired live bullets"): that is the same event."""
    if token.dep_ == "pobj":
        return token.head.lower_ in _TIME_MARKERS
    return (
        token.dep_ == "advcl"
        and token.head.lemma_.lower() not in _OUTCOMES
        and any(c.dep_ == "mark" and c.lower_ in _TIME_MARKERS for c in token.children)
    )
