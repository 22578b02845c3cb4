"""Article-level passes over the event mentions of one article, after each sentence was read.

A sentence alone often lacks the context of its event; the article supplies it:

- a reference back ("ten were wounded in the clashes") takes the type of the event told before
  with a trigger of the same kind (``follow_antecedents``);
- a peaceful protest reported with arrests is a protest with intervention, unless the protest was
  against an arrest (``arrests_at_protests``); a crowd's violence told after a protest is the
  demonstrators rioting, a violent demonstration (``riots_at_protests``);
- mentions that only add detail to a more specific report are lowered, so the most specific
  report ranks first (``lower_secondary``): weapons seized after a clash, a milder reading of a
  protest, killing and wounding told beside a report that names the kind of violence.

Each pass takes ``(mention, decision)`` pairs in text order and changes the mentions in place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitrep.pipeline.event_resolve import names_the_violence
from sitrep.pipeline.mentions import EventMention
from sitrep.taxonomy import EventType, SubEventType

if TYPE_CHECKING:
    from sitrep.pipeline.detect import Decision

__all__ = [
    "arrests_at_protests",
    "follow_antecedents",
    "lower_secondary",
    "read_article",
    "riots_at_protests",
]

Pairs = list[tuple[EventMention, "Decision"]]

_VIOLENT = {
    EventType.battles,
    EventType.explosions,
    EventType.violence_against_civilians,
    EventType.riots,
}
_ACCOMPANYING = {
    SubEventType.disrupted_weapons_use,
    SubEventType.arrests,
    SubEventType.looting_property_destruction,
    SubEventType.change_to_group_activity,
    SubEventType.other,
}
_CROWDS = {EventType.protests, EventType.riots}
# trigger labels of words that tell a demonstration itself (not only police dispersing a crowd)
_PROTEST_WORDS = frozenset({SubEventType.peaceful_protest.value, "@march", "@gathering"})
_TERRITORY = {
    SubEventType.government_regains_territory,
    SubEventType.non_state_actor_overtakes_territory,
    SubEventType.non_violent_transfer_of_territory,
}
_PROTEST_LADDER = [
    SubEventType.peaceful_protest,
    SubEventType.protest_with_intervention,
    SubEventType.excessive_force_against_protesters,
]


def follow_antecedents(pairs: Pairs) -> None:
    """A definite reference back ("ten were wounded in the clashes") is the event told before
    with a trigger of the same kind ("partisans clashed with firearms"): it takes that event's
    type, which its own sentence may lack the context to tell."""
    for index, (mention, decision) in enumerate(pairs):
        if not decision.anaphoric or mention.negated or mention.hypothetical:
            continue
        if mention.sub_event_type.event_type not in _VIOLENT:
            continue  # "the demonstrators barricaded the roads": a protest may escalate
        kind = decision.trigger.label
        for earlier, told in reversed(pairs[:index]):
            same_kind = any(m.label == kind for m in (told.trigger, *told.evidence))
            if same_kind and not (earlier.negated or earlier.hypothetical):
                if earlier.sub_event_type.event_type in _VIOLENT:
                    mention.alternatives.setdefault(mention.sub_event_type, mention.score)
                    mention.sub_event_type = earlier.sub_event_type
                break


def arrests_at_protests(pairs: Pairs) -> None:
    """A peaceful protest whose article also reports arrests is a protest with intervention
    (ACLED); the arrest becomes evidence of the protest mention, and stays a mention itself.
    Not when the protest was against an arrest: then the arrest is its background."""
    asserted = [m for m, _ in pairs if not (m.negated or m.hypothetical)]
    arrests = [m for m in asserted if m.sub_event_type is SubEventType.arrests]
    if not arrests or any(SubEventType.arrests.value in d.framed for _, d in pairs):
        return
    for mention in asserted:
        if mention.sub_event_type is SubEventType.peaceful_protest:
            mention.alternatives.setdefault(SubEventType.peaceful_protest, mention.score)
            mention.sub_event_type = SubEventType.protest_with_intervention
            mention.evidence.extend(a.trigger for a in arrests)


def riots_at_protests(pairs: Pairs) -> None:
    """A crowd's violence told after a protest in the same article ("Residents demonstrated
    against the quarantine. They threw stones at the police.") is the demonstrators rioting: a
    violent demonstration, not mob violence (ACLED: rioters at a demonstration)."""
    first_protest = next(
        (
            m.sentence.index
            for m, d in pairs
            if m.sub_event_type.event_type is EventType.protests
            and not (m.negated or m.hypothetical)
            and any(t.label in _PROTEST_WORDS for t in (d.trigger, *d.evidence))
        ),
        None,
    )
    if first_protest is None:
        return
    for mention, _ in pairs:
        late = mention.sentence.index >= first_protest
        if late and mention.sub_event_type is SubEventType.mob_violence:
            mention.alternatives.setdefault(SubEventType.mob_violence, mention.score)
            mention.sub_event_type = SubEventType.violent_demonstration


def lower_secondary(pairs: Pairs, factor: float) -> None:
    """Lower the score of mentions that a more specific mention of the article supersedes:
    accompanying reports (arrests, seizures, looting, movements) beside violence; a protest
    reading below the most severe one reported (peaceful < with intervention < excessive
    force); an attack whose victims are not said to be civilians beside a reported clash; a
    reference back to an event already told ("two were wounded in the fighting")."""
    asserted = [m for m, _ in pairs if not (m.negated or m.hypothetical)]
    types = {m.sub_event_type for m in asserted}
    violent = any(sub.event_type in _VIOLENT for sub in types) or bool(types & _TERRITORY)
    top = max((_PROTEST_LADDER.index(sub) for sub in types if sub in _PROTEST_LADDER), default=0)
    specific_violence = any(
        names_the_violence(m.sub_event_type) and not m.inferred for m in asserted
    )
    for index, (mention, decision) in enumerate(pairs):
        sub = mention.sub_event_type
        # a follow-up about a protest adds detail (barricades, arrests); one about fighting does not
        anaphoric = decision.anaphoric and index > 0 and sub.event_type not in _CROWDS
        accompanying = violent and sub in _ACCOMPANYING
        milder = sub in _PROTEST_LADDER and _PROTEST_LADDER.index(sub) < top
        vague_attack = (
            sub is SubEventType.attack
            and SubEventType.armed_clash in types
            and not decision.victims & {"civilian", "civilian_place"}
        )
        # "clashes erupted ... two were wounded": the wounding is told by the clash report
        told_before = any(
            m.sentence.index < mention.sentence.index and m.sub_event_type.event_type in _VIOLENT
            for m in asserted
        )
        detail = (
            mention.inferred and sub.event_type in _VIOLENT and (specific_violence or told_before)
        )
        if accompanying or milder or vague_attack or anaphoric or detail:
            mention.score = round(mention.score * factor, 4)


def read_article(pairs: Pairs, *, secondary: float) -> None:
    """Run the article-level passes in order; ``secondary`` is the factor that lowers details."""
    follow_antecedents(pairs)
    arrests_at_protests(pairs)
    riots_at_protests(pairs)
    lower_secondary(pairs, secondary)
