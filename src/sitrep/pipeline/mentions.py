"""What each stage finds in an article, before events are assembled.

Stages annotate a ``Document`` with lists of these; ``sitrep.pipeline.assemble`` turns them into
``Event`` records. All offsets are article offsets (``Span``), never sentence-local.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sitrep.model import ActorStatus, DatePrecision, Location, PartialDate, Span
from sitrep.pipeline.document import Sentence
from sitrep.taxonomy import SubEventType

PROVISIONAL_ACTORS = "actors.provisional"
"""``Document.annotations`` key: names kept aside by the actor stage until the event's country is
known (``[(ActorMention, [AliasTarget, ...]), ...]``), read by the actor rules and the geocoder."""


def is_actor_code(text: str) -> bool:
    """A short code ("SDF", "QSD", "RSF", "LeT", "FAMa"): ambiguous worldwide, so an actor's code
    is valid only in context, and one with a single meaning is a sign of that actor's country."""
    return " " not in text and len(text) <= 6 and sum(c.isupper() for c in text) >= 2


@dataclass
class EventMention:
    """A sentence that reports (or refers to) an event of some sub-event type."""

    sentence: Sentence
    sub_event_type: SubEventType
    score: float  # 0..1, how sure the classifier is of the type
    trigger: Span  # the words that signal the event ("drone strikes", "clashed")
    trigger_token: int | None = None  # index of the trigger's head in sentence.doc
    alternatives: dict[SubEventType, float] = field(default_factory=dict)
    negated: bool = False  # "no clashes were reported"
    hypothetical: bool = False  # "threatened to attack", "could escalate"
    civilian_targeting: bool = False
    evidence: list[Span] = field(default_factory=list)  # further cue words
    # the type is inferred from a word of violence in general ("killed", "attacked") and who was
    # involved, not named by the trigger ("clashes", "air strike"): a more specific report wins
    inferred: bool = False
    # article offsets of the clause the event was read from, when the sentence tells another
    # event too ("..., while in Kaya a bomb hit a bus, killing three"): its counts are its own
    scope: tuple[int, int] | None = None
    # the article ties the victims to drug trafficking or a gang ("The victim had charges against
    # him for drug trafficking"): in a battle they are an unidentified gang, not civilians
    gang_victims: bool = False


@dataclass
class ActorMention:
    """A reference to an actor, normalised through the actor dictionary."""

    span: Span
    name: str  # normalised name ("Military Forces of Mali (2021-)")
    inter: int
    actor_id: str | None = None
    country_iso3: str | None = None
    kind: str = "actor"  # actor | civilians | protesters | state | armed_group | claimant-only
    sentence_index: int = -1
    token_start: int | None = None  # token offsets in the sentence's doc
    token_end: int | None = None
    # Until the event's country and date are known (``ActorResolver.normalise`` renders the name):
    template: str | None = None  # country template ("military", "civilians"); None if named
    group: str | None = None  # ethnic group of an ethnic militia ("Fulani")
    suffix: str | None = None  # ACLED unit suffix of state forces ("Military Police")
    assoc: list[str] = field(default_factory=list)  # associated actors the words imply


@dataclass
class ActorRoles:
    """Who did what to whom in one event mention, as read from the sentence."""

    actor1: list[ActorMention] = field(default_factory=list)  # perpetrators / initiators
    actor2: list[ActorMention] = field(default_factory=list)  # targets / opponents
    status: ActorStatus = ActorStatus.stated
    attributed_by: str | None = None


@dataclass
class Toponym:
    """A place name in the text and what the gazetteer resolved it to."""

    span: Span
    name: str
    sentence_index: int
    location: Location | None = None  # resolved (with precision) or None if unknown
    is_country: bool = False
    is_admin: bool = False
    role: str = "mention"  # mention | dateline | speaker | event | modifier ("Afghan forces")
    score: float = 0.0


@dataclass
class TimeExpression:
    """A date or period in the text, resolved against the publication date where possible."""

    span: Span
    sentence_index: int
    date: PartialDate | None  # None when it cannot be resolved (no publication date)
    relative: bool = False  # "on Sunday", "last month": depends on the publication date
    past_reference: bool = False  # "last month", "in 2015", "two years ago"
    duration: bool = False  # "for two years", "since 2012": not an event date
    speech: bool = False  # "officials said on Thursday": when it was said, not when it happened
    precision: DatePrecision | None = None


@dataclass
class CountMention:
    """A number of people killed or injured, with its victim group and qualifier."""

    span: Span
    sentence_index: int
    outcome: str  # killed | injured
    low: int
    high: int
    best: int
    qualifier: str | None = None
    group: str = (
        "people"  # people | civilians | children | women | soldiers | police | militants | ...
    )
    actor_text: str | None = (
        None  # the victims as written ("Wagner mercenaries", "Malian soldiers")
    )
    part_of: int | None = (
        None  # index of the count this one is a subset of ("including 11 children")
    )
    provisional: bool = False
    negated: bool = False  # "no casualties were reported"
    coded: bool = (
        False  # an analyst's explicit coding ("Fatalities coded as 10"): overrides the rest
    )


@dataclass
class Attribution:
    """Who says something: "..., a spokesperson for X said", "according to residents"."""

    sentence_index: int
    claimant: str  # normalised
    claimant_text: str
    claimant_type: str | None
    span: Span  # the claimant's words
    cue: Span  # "said", "according to", "blamed", "denied"
    kind: str = (
        "statement"  # statement | accusation | denial | confirmation | no_comment | responsibility
    )
    accused: list[ActorMention] = field(default_factory=list)
    scope: Span | None = None  # the stretch of text the attribution covers
    speakers: list[ActorMention] = field(
        default_factory=list
    )  # actors named in the claimant's words
