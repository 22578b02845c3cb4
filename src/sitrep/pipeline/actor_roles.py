"""Who did it and to whom: actor1 and actor2 of one event mention, read from the dependency parse.

Each actor in the event's sentence gets a semantic role from its path to the event's trigger:
the subject of an active verb or the object of "by" is the agent; the object, the subject of a
passive verb, or the object of "against", "on", "at" or "with" ("clashed with") is the patient;
"between X and Y" gives both; a noun modifying a noun trigger is its agent ("Israeli airstrikes").
Then ACLED's conventions by event type decide the final pair (protests: actor1 Protesters (X);
violence against civilians: actor2 Civilians (X); battles: both sides), and the sentence's
attribution decides the status: "X blamed Y", "according to X" or "X said" make the actors
alleged by X, unless X is the perpetrator itself (claimed).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sitrep.model import ActorStatus
from sitrep.pipeline.actor_conventions import ARMED_KINDS, conventions
from sitrep.pipeline.document import Document, Sentence
from sitrep.pipeline.mentions import ActorMention, ActorRoles, EventMention
from sitrep.taxonomy import EventType

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from sitrep.pipeline.actors import ActorResolver

__all__ = ["read_roles"]

AGENT, PATIENT = "agent", "patient"
VICTIM = "victim"  # the subject of "died", "perished": a patient named after the others
_PATIENT_PREPS = {
    "against",
    "on",
    "at",
    "with",
    "into",
    "upon",
    "targeting",
    "toward",
    "towards",
    "onto",
}
_ACCUSE_VERBS = {"blame", "accuse", "attribute", "hold", "charge", "implicate"}
# the accusation verbs' forms, to skip sentences without one before reading their parse
_ACCUSE_TEXT = re.compile(r"\b(?:blam|accus|attribut|hold|held|charg|implicat)", re.IGNORECASE)
_SAY_VERBS = {
    "say",
    "claim",
    "report",
    "announce",
    "state",
    "tell",
    "allege",
    "confirm",
    "add",
    "insist",
    "assert",
}
_REPEL_VERBS = {
    "repel",
    "repulse",
    "thwart",
    "foil",
    "counter",
    "resist",
    "rebuff",
    "fend",
    "defeat",
    "respond",
}
_OPERATION_NOUNS = {"raid", "operation", "offensive", "crackdown", "sweep", "ambush", "assault"}
_DEATH_VERBS = {"die", "perish", "succumb", "drown"}
_RECIPROCAL_VERBS = {"clash", "fight", "exchange", "battle", "skirmish", "engage"}
_WINDOW = 6  # sentences around an attack searched for an accusation naming the perpetrator
_NEARBY = 2  # sentences around a protest or riot searched for the forces that intervened


@dataclass
class _Reading:
    mention: ActorMention
    role: str | None
    coordinated: bool  # joined by "and" to an earlier actor of the same role
    direct: bool = False  # the agent is the subject or a modifier of the event's own words


def read_roles(
    resolver: ActorResolver, document: Document, mention: EventMention, actors: list[ActorMention]
) -> ActorRoles:
    """actor1 (first: the main actor, then associated actors) and actor2 for one event mention."""
    sentence = mention.sentence
    doc = sentence.doc
    same = [a for a in actors if a.sentence_index == sentence.index]
    readings = (
        _read(doc, mention, same) if doc is not None else [_Reading(a, None, False) for a in same]
    )
    # A country named as a modifier ("Israeli", "Mali's") is an actor only as the agent of the event.
    readings = [
        r for r in readings if r.mention.kind != "country" or (r.role == AGENT and r.direct)
    ]
    same = [r.mention for r in readings]
    agents = [r.mention for r in readings if r.role == AGENT]
    patients = [r.mention for r in readings if r.role == PATIENT]
    patients += [r.mention for r in readings if r.role == VICTIM]
    unassigned = [r for r in readings if r.role is None]
    trigger_start = mention.trigger.start
    status, claimant, accused = _attribution_of(document, sentence, same)
    if accused:  # "X blamed Y for the attack": Y is the perpetrator, X the claimant
        agents = accused + [a for a in agents if a not in accused and a is not claimant]
        patients = [p for p in patients if p not in accused and p is not claimant]
    if not agents and not accused:
        agents = [
            r.mention
            for r in unassigned
            if r.mention.span.start < trigger_start and r.mention.kind in ARMED_KINDS
        ]
        one_sided = mention.sub_event_type.event_type in {
            EventType.explosions,
            EventType.violence_against_civilians,
        }
        found = _accusation_nearby(document, sentence, actors) if one_sided else None
        if found is not None and not agents:
            agents, claimant = found
            status = ActorStatus.alleged
    if not patients:
        patients = [
            r.mention
            for r in unassigned
            if r.mention.span.start > trigger_start and r.mention not in agents
        ]
    operation = _operation(doc, same)
    if claimant is not None and agents and _own_members(agents[0], claimant):
        agents = [claimant, *agents[1:]]  # "JNIM said its fighters ambushed ...": JNIM did
    if operation is not None:  # "Turkish forces and rebels, operating under OPS, shelled ..."
        agents = [operation, *(a for a in agents if a is not operation)]
    if not patients and len(agents) > 1 and _reciprocal(doc, mention):
        agents, patients = agents[:1], agents[1:]  # "Myanmar military and AA clashed"
    nearby = sorted(  # the closest sentences first, the one before ahead of the one after
        (a for a in actors if abs(a.sentence_index - sentence.index) <= _NEARBY),
        key=lambda a: (abs(a.sentence_index - sentence.index), a.sentence_index > sentence.index),
    )
    roles = conventions(mention, agents, patients, same, nearby)
    if claimant is not None and roles.actor1:
        main = roles.actor1[0]
        if (
            claimant.actor_id is not None
            and claimant.actor_id == main.actor_id
            and claimant.template == main.template
        ):
            roles.status, roles.attributed_by = ActorStatus.claimed, claimant.name
        else:
            roles.status, roles.attributed_by = status, claimant.name
    _add_implied_assoc(roles)
    _recode_by_event_type(resolver, roles, mention)
    countries = resolver.document_countries(document)
    date = document.published.representative if document.published else None
    for actor in (*roles.actor1, *roles.actor2):
        if actor.inter == 0 and actor.template is not None:  # an actor the conventions added
            ref = resolver.normalise(
                actor, country_iso3=countries[0] if countries else None, date=date
            )
            actor.name, actor.inter = ref.name, ref.inter
    return roles


# -- reading the parse -------------------------------------------------------------------------


def _own_members(actor: ActorMention, claimant: ActorMention) -> bool:
    """ "its fighters", "their men": a generic actor that belongs to the claimant."""
    return actor.template is not None and actor.span.text.lower().split()[0] in {
        "its",
        "their",
        "our",
    }


def _operation(doc: Doc | None, actors: list[ActorMention]) -> ActorMention | None:
    """A named actor introduced by "under" ("operating under OPS"): ACLED codes the operation."""
    if doc is None:
        return None
    for actor in actors:
        start = actor.token_start
        if (
            actor.template is None
            and start is not None
            and start > 0
            and doc[start - 1].lower_ == "under"
        ):
            return actor
    return None


def _reciprocal(doc: Doc | None, mention: EventMention) -> bool:
    """Whether the event's verb makes its subjects opponents ("X and Y clashed", "exchanged fire")."""
    if doc is None:
        return False
    trigger = _trigger_token(doc, mention)
    return trigger is not None and any(
        t.lemma_.lower() in _RECIPROCAL_VERBS for t in _chain(trigger)
    )


def _trigger_token(doc: Doc, mention: EventMention) -> Token | None:
    if mention.trigger_token is not None and 0 <= mention.trigger_token < len(doc):
        return doc[mention.trigger_token]
    start = mention.trigger.start - mention.sentence.start
    end = mention.trigger.end - mention.sentence.start
    tokens = [t for t in doc if t.idx < end and t.idx + len(t.text) > start]
    if not tokens:
        return None
    roots = [t for t in tokens if t.head not in tokens or t.head.i == t.i]
    return roots[0] if roots else tokens[0]


def _span_head(doc: Doc, start: int, end: int) -> Token:
    """The head noun of an actor's words: the last token governed from outside the span."""
    heads = [t for t in doc[start:end] if not start <= t.head.i < end or t.head.i == t.i]
    return heads[-1] if heads else doc[end - 1]


def _chain(trigger: Token) -> list[Token]:
    """The trigger and its governors up to the clause's verb ("strikes" <- "by" <- "killed")."""
    chain = [trigger]
    token = trigger
    while token.pos_ not in {"VERB", "AUX"} and token.head.i != token.i and len(chain) < 6:
        token = token.head
        chain.append(token)
    own_subject = any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.children)
    if (
        token.dep_ in {"xcomp", "conj", "advcl"}
        and token.head.pos_ in {"VERB", "AUX"}
        and not own_subject
    ):
        chain.append(token.head)  # "began to attack", "stormed and killed"
    chain += [
        c for c in trigger.children if c.dep_ in {"acl", "relcl"} and c.pos_ == "VERB"
    ]  # "shells fired by X"
    return chain


def _read(doc: Doc, mention: EventMention, actors: list[ActorMention]) -> list[_Reading]:
    trigger = _trigger_token(doc, mention)
    if trigger is None:
        return [_Reading(a, None, False) for a in actors]
    chain = _chain(trigger)
    readings: list[_Reading] = []
    for actor in actors:
        if actor.token_start is None or actor.token_end is None:
            readings.append(_Reading(actor, None, False))
            continue
        head = _span_head(doc, actor.token_start, actor.token_end)
        role, coordinated = _role(head, trigger, chain)
        direct = head.dep_ in {"nsubj", "pobj"} or head.head.i == trigger.i
        readings.append(_Reading(actor, role, coordinated, direct))
    return readings


def _role(token: Token, trigger: Token, chain: list[Token]) -> tuple[str | None, bool]:
    """The role of the actor whose head is ``token`` in the event whose trigger is ``trigger``."""
    coordinated = False
    between_second = False
    for _ in range(8):
        if token.dep_ == "conj":
            between_second = between_second or _under_between(token)
            token, coordinated = token.head, True
            continue
        if token.dep_ == "appos":
            token = token.head
            continue
        if token.i == trigger.i:
            return None, coordinated
        dep, gov = token.dep_, token.head
        repel = (
            gov.lemma_.lower() in _REPEL_VERBS
        )  # "the army repelled a JNIM attack": JNIM attacked
        if dep in {"nsubj", "csubj"} and gov in chain:
            if gov.lemma_.lower() in _DEATH_VERBS:  # "two rebels died in a firefight ..."
                return VICTIM, coordinated
            return (PATIENT if repel else AGENT), coordinated
        if dep == "nsubjpass" and gov in chain:
            return (AGENT if repel else PATIENT), coordinated
        if dep in {"dobj", "attr", "oprd"} and gov in chain:
            return (AGENT if repel else PATIENT), coordinated
        if dep in {"compound", "amod", "poss", "nmod", "npadvmod"} and gov.i == trigger.i:
            return AGENT, coordinated
        if dep in {"compound", "amod", "poss", "nmod"} and gov.pos_ in {"NOUN", "PROPN"}:
            if _operation_in_chain(gov, chain):
                return AGENT, coordinated  # "killed during a police raid"
            token = gov  # "a Malian army position", "the regime's checkpoint": read the phrase
            continue
        if dep == "pobj":
            role = _prep_role(gov, chain, between_second)
            if role == "through":
                token = gov.head  # "the positions of X": read the phrase X belongs to
                continue
            return role, coordinated and role != PATIENT
        return None, coordinated
    return None, coordinated


def _operation_in_chain(noun: Token, chain: list[Token]) -> bool:
    """An operation the event happened in ("during a police raid", "in an army operation"):
    whoever's it is did the event."""
    return (
        noun.lemma_.lower() in _OPERATION_NOUNS
        and noun.dep_ == "pobj"
        and noun.head.lower_ in {"during", "in", "amid"}
        and noun.head.head in chain
    )


def _under_between(token: Token) -> bool:
    head = token.head
    return head.dep_ == "pobj" and head.head.lower_ == "between"


def _prep_role(prep: Token, chain: list[Token], between_second: bool) -> str | None:
    word, gov = prep.lower_, prep.head
    if word == "of" and gov.pos_ in {"NOUN", "PROPN"} and gov not in chain:
        return "through"
    if gov not in chain:
        if prep.dep_ == "agent" and gov.dep_ == "conj" and gov.head in chain:
            return AGENT  # "one was killed and one wounded by Afghan forces"
        return None
    if word == "by" or prep.dep_ == "agent":
        return AGENT
    if word == "between":
        return PATIENT if between_second else AGENT
    if word in _PATIENT_PREPS:
        return PATIENT
    if word == "of" and gov.i == chain[0].i:
        return AGENT  # "an attack of the Taliban"
    return None


# -- attribution -------------------------------------------------------------------------------


def _actor_at(actors: list[ActorMention], token: Token) -> ActorMention | None:
    for actor in actors:
        if (
            actor.token_start is not None
            and actor.token_end is not None
            and actor.token_start <= token.i < actor.token_end
        ):
            return actor
    return None


def _attribution(
    doc: Doc, actors: list[ActorMention]
) -> tuple[ActorStatus, ActorMention | None, list[ActorMention]]:
    """The sentence's claimant (if an actor) and the actors it accuses ("X blamed Y and Z")."""
    for token in doc:
        lemma = token.lemma_.lower()
        if lemma in _ACCUSE_VERBS and token.pos_ == "VERB":
            claimant = _subject_actor(token, actors)
            accused = _objects(token, actors)
            if accused:
                accused += [
                    a
                    for a in actors
                    if a.kind == "country" and a not in accused and a is not claimant
                ]
                return ActorStatus.alleged, claimant, accused
        if (
            token.lower_ == "according"
            and token.i + 1 < len(doc)
            and doc[token.i + 1].lower_ == "to"
        ):
            objects = [c for c in doc[token.i + 1].children if c.dep_ == "pobj"]
            claimant = _actor_at(actors, objects[0]) if objects else None
            if claimant is not None:
                return ActorStatus.alleged, claimant, []
    for token in doc:
        if token.lemma_.lower() in _SAY_VERBS and token.pos_ == "VERB":
            claimant = _subject_actor(token, actors)
            reported = any(c.dep_ in {"ccomp", "parataxis"} for c in token.children)
            if claimant is not None and (reported or token.dep_ in {"parataxis", "ccomp"}):
                return ActorStatus.alleged, claimant, []
    return ActorStatus.stated, None, []


_Attributed = tuple[ActorStatus, ActorMention | None, list[ActorMention]]


def _attribution_of(
    document: Document, sentence: Sentence, actors: list[ActorMention]
) -> _Attributed:
    """``_attribution`` of a sentence, read once per document for the same actors."""
    if sentence.doc is None:
        return ActorStatus.stated, None, []
    cache = document.annotations.setdefault("actors.attribution", {})
    assert isinstance(cache, dict)
    key = (sentence.index, tuple(id(a) for a in actors))
    found = cache.get(key)
    if found is None:  # the cache keeps the actors alive, so their ids are not reused
        found = (actors, _attribution(sentence.doc, actors))
        cache[key] = found
    result: _Attributed = found[1]
    return result[0], result[1], list(result[2])


def _subject_actor(verb: Token, actors: list[ActorMention]) -> ActorMention | None:
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            found = _actor_at(actors, child)
            if found is None:  # "a spokesperson for the CSP-DPA", "officials of X"
                for sub in child.subtree:
                    found = found or _actor_at(actors, sub)
            return found
    return None


def _objects(verb: Token, actors: list[ActorMention]) -> list[ActorMention]:
    out: list[ActorMention] = []
    for child in verb.children:
        if child.dep_ in {"dobj", "pobj"}:
            for token in _conjuncts(child):
                found = _actor_at(actors, token)
                if found is not None and found not in out:
                    out.append(found)
    return out


def _conjuncts(token: Token) -> Iterable[Token]:
    yield token
    for child in token.children:
        if child.dep_ == "conj":
            yield from _conjuncts(child)


def _accusation_nearby(
    document: Document, sentence: Sentence, actors: list[ActorMention]
) -> tuple[list[ActorMention], ActorMention | None] | None:
    """An accusation in a nearby sentence ("The CSP-DPA blamed Mali's army") names the perpetrator."""
    for other in sorted(document.parsed, key=lambda s: abs(s.index - sentence.index)):
        if (
            other.index == sentence.index
            or abs(other.index - sentence.index) > _WINDOW
            or other.doc is None
        ):
            continue
        if not _ACCUSE_TEXT.search(other.text):
            continue  # no word of accusation: no need to read the parse
        same = [a for a in actors if a.sentence_index == other.index]
        status, claimant, accused = _attribution_of(document, other, same)
        if accused and status is ActorStatus.alleged:
            return accused, claimant
    return None


def _recode_by_event_type(
    resolver: ActorResolver, roles: ActorRoles, mention: EventMention
) -> None:
    """Forces coded by the kind of event, as their template says ("security forces" dispersing
    demonstrators or making arrests are the police)."""
    sub = mention.sub_event_type
    for side in (roles.actor1, roles.actor2):
        for i, actor in enumerate(side):
            template = resolver.dictionary.templates.get(actor.template or "")
            recoded = template.recoded_in(sub.value, sub.event_type.value) if template else None
            if recoded:
                side[i] = replace(actor, template=recoded)


def _add_implied_assoc(roles: ActorRoles) -> None:
    """Associated actors an alias implies ("Donbass People's Militia" under NAF) join the list."""
    for side in (roles.actor1, roles.actor2):
        if side and side[0].assoc:
            main = side[0]
            for name in main.assoc:
                side.append(
                    ActorMention(
                        span=main.span,
                        name=name,
                        inter=main.inter,
                        kind=main.kind,
                        sentence_index=main.sentence_index,
                    )
                )
