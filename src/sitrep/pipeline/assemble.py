"""Stage: group event mentions into events and fill each event's fields from the other stages.

One article tells of an event across sentences: the lead ("At least 21 people were killed by
drone strikes on Sunday..."), a paragraph with the toll ("The strikes targeted a pharmacy...,
causing a death toll of 21 civilians"), one with the blame ("The CSP-DPA blamed Mali's army").
The assembler walks the mentions in text order and adds each to the most recent event it is
compatible with (same kind of violence, overlapping dates, no conflicting place), or opens a new
event. Sentences without an event word but with a toll or a claim join the event told just before.

Each event is then coded: type (``detect.resolve_type``), role (reported news or background),
date, location (``Geocoder.locate``), actors (``ActorResolver.roles`` and ``normalise``;
accused actors stay *alleged*), fatalities and injuries with every claim (``reconcile``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from dataclasses import dataclass, field

from sitrep.model import (
    ActorRef,
    ActorStatus,
    DatePrecision,
    Event,
    EventDate,
    EventRole,
    Location,
    PartialDate,
    Span,
)
from sitrep.pipeline import reconcile
from sitrep.pipeline.actors import ActorResolver
from sitrep.pipeline.detect import resolve_type
from sitrep.pipeline.document import Document
from sitrep.pipeline.mentions import (
    ActorMention,
    Attribution,
    CountMention,
    EventMention,
    TimeExpression,
    Toponym,
)
from sitrep.pipeline.places import MODIFIER, Geocoder
from sitrep.taxonomy import EventType, SubEventType, disorder_type

__all__ = ["assemble"]

_VIOLENT = {EventType.battles, EventType.explosions, EventType.violence_against_civilians}
_DEMONSTRATIONS = {EventType.protests, EventType.riots}
_NEWS_WINDOW = dt.timedelta(days=31)  # older than this before publication: background
_ATTACH_WINDOW = 2  # sentences after an event that may still add its toll or claims


@dataclass
class _Cluster:
    mentions: list[EventMention] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    places: set[str] = field(default_factory=set)
    nearest: set[str] = field(default_factory=set)  # the place told closest to each trigger
    sentences: list[int] = field(default_factory=list)  # in order of relevance
    last_sentence: int = -1

    @property
    def event_type(self) -> EventType:
        return self.mentions[0].sub_event_type.event_type

    @property
    def date(self) -> PartialDate | None:
        dated = [t.date for t in _event_times(self.times) if t.date is not None]
        return min(dated, key=lambda d: d.end - d.start) if dated else None

    def add_sentence(self, index: int) -> None:
        if index not in self.sentences:
            self.sentences.append(index)
        self.last_sentence = max(self.last_sentence, index)


def _family(event_type: EventType) -> str:
    if event_type in _VIOLENT:
        return "violence"
    if event_type in _DEMONSTRATIONS:
        return "demonstration"
    return event_type.value


def _event_times(times: list[TimeExpression]) -> list[TimeExpression]:
    """The times that date events: when only the saying is dated ("sources said on Thursday"),
    that date stands in; beside a date of the event itself it does not count."""
    told = [t for t in times if not t.speech]
    return told or times


def _mention_time(mention: EventMention, times: list[TimeExpression]) -> TimeExpression | None:
    """The time expression of the mention's sentence nearest to its trigger (not durations; a
    date of the saying only when the sentence has no other)."""
    same = _event_times(
        [t for t in times if t.sentence_index == mention.sentence.index and not t.duration]
    )
    if not same:
        return None
    trigger = mention.trigger.start
    return min(same, key=lambda t: abs(t.span.start - trigger))


def _overlap(a: PartialDate, b: PartialDate) -> bool:
    return a.start <= b.end and b.start <= a.end


def _place_names(mention: EventMention, toponyms: list[Toponym]) -> set[str]:
    return {
        t.name.lower()
        for t in toponyms
        if t.sentence_index == mention.sentence.index
        and not t.is_country
        and t.role not in {"dateline", MODIFIER}
    }


def _nearest_place(mention: EventMention, toponyms: list[Toponym]) -> str | None:
    """The place named closest to the mention's trigger in its sentence (not a country)."""
    here = [
        t
        for t in toponyms
        if t.sentence_index == mention.sentence.index
        and not t.is_country
        and t.role not in {"dateline", MODIFIER}
    ]
    if not here:
        return None
    trigger = mention.trigger.start
    return min(here, key=lambda t: abs(t.span.start - trigger)).name.lower()


_GENERIC_VIOLENCE = {SubEventType.armed_clash, SubEventType.attack}
_ACCOMPANYING = {
    SubEventType.looting_property_destruction,
    SubEventType.disrupted_weapons_use,
    SubEventType.arrests,
}


def _types_agree(
    cluster: _Cluster, mention: EventMention, time: TimeExpression | None, places: set[str]
) -> bool:
    """Whether a mention's type may describe the cluster's event: the same sub-type; within
    violence, a generic word ("fighting", "killed") beside a specific one ("drone strikes");
    within demonstrations, any; damage, seizures or arrests told right after violence, as its
    detail. Two different strategic developments are two events."""
    sub = mention.sub_event_type
    types = {m.sub_event_type for m in cluster.mentions}
    if sub in types:
        return True
    cluster_family, family = _family(cluster.event_type), _family(sub.event_type)
    if cluster_family == family == "violence":
        return sub in _GENERIC_VIOLENCE or types <= _GENERIC_VIOLENCE
    if cluster_family == family == "demonstration":
        return True
    if sub in _ACCOMPANYING and cluster_family == "violence":
        follows = 0 <= mention.sentence.index - cluster.last_sentence <= 2
        return follows and time is None and not places
    return False


_TERRITORY_CHANGES = {
    SubEventType.non_state_actor_overtakes_territory,
    SubEventType.government_regains_territory,
    SubEventType.non_violent_transfer_of_territory,
}


def _part_of_territory_change(cluster: _Cluster, mention: EventMention) -> bool:
    """A withdrawal or the fighting told in the sentence of a territory change is that change
    ("seized the town after fighting with the army", "... after the army withdrew")."""
    kinds = {
        m.sub_event_type for m in cluster.mentions if m.sentence.index == mention.sentence.index
    }
    kinds.add(mention.sub_event_type)
    parts = {SubEventType.change_to_group_activity, SubEventType.armed_clash}
    return bool(kinds & parts) and bool(kinds & _TERRITORY_CHANGES) and len(kinds) == 2


def _compatible(
    cluster: _Cluster,
    mention: EventMention,
    time: TimeExpression | None,
    places: set[str],
    nearest: str | None = None,
) -> bool:
    same_sentence = mention.sentence.index in cluster.sentences
    if same_sentence and _part_of_territory_change(cluster, mention):
        return True  # "stormed the town after the army withdrew": one change of hands
    if not _types_agree(cluster, mention, time, places):
        return False
    crowd = _family(cluster.event_type) == _family(
        mention.sub_event_type.event_type
    ) == "demonstration" and (nearest is None or not cluster.nearest or nearest in cluster.nearest)
    if (
        same_sentence
        and not crowd  # "police fired at protesters ... as thousands marched": one demonstration
        and all(m.sub_event_type is not mention.sub_event_type for m in cluster.mentions)
    ):
        return False  # two different kinds of event in one sentence are two events
    cluster_date = cluster.date
    if time is not None and (time.speech or all(t.speech for t in cluster.times)):
        time = None  # when it was said does not tell two events apart
    if (
        time is not None
        and time.date is not None
        and cluster_date is not None
        and not _overlap(time.date, cluster_date)
    ):
        return False
    if (
        time is not None
        and cluster.times
        and time.past_reference != all(t.past_reference for t in cluster.times)
    ):
        return False
    return not (places and cluster.places and not places & cluster.places)


def _cluster(
    document: Document,
    mentions: list[EventMention],
    times: list[TimeExpression],
    toponyms: list[Toponym],
) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    for mention in sorted(mentions, key=lambda m: m.trigger.start):
        if mention.negated or mention.hypothetical:
            continue
        time = _mention_time(mention, times)
        places = _place_names(mention, toponyms)
        nearest = _nearest_place(mention, toponyms)
        target = None

        def preference(
            cluster: _Cluster, sub: SubEventType = mention.sub_event_type
        ) -> tuple[bool, int]:
            return any(m.sub_event_type is sub for m in cluster.mentions), cluster.last_sentence

        for cluster in sorted(clusters, key=preference, reverse=True):
            if _compatible(cluster, mention, time, places, nearest):
                target = cluster
                break
        if target is None:
            target = _Cluster()
            clusters.append(target)
        target.mentions.append(mention)
        if time is not None:
            target.times.append(time)
        target.places |= places
        if nearest is not None:
            target.nearest.add(nearest)
        target.add_sentence(mention.sentence.index)
    return clusters


def _attach_followers(
    clusters: list[_Cluster],
    document: Document,
    counts: list[CountMention],
    attributions: list[Attribution],
) -> None:
    """Sentences with a toll or a claim but no event word join the event told just before."""
    mention_sentences = {i for c in clusters for i in c.sentences}
    interesting = {c.sentence_index for c in counts} | {a.sentence_index for a in attributions}
    for index in sorted(interesting - mention_sentences):
        previous = [
            c for c in clusters if any(0 < index - s <= _ATTACH_WINDOW for s in c.sentences)
        ]
        if not previous:
            continue
        paragraph = document.sentences[index].paragraph

        def closest(cluster: _Cluster, index: int = index) -> int:
            return max(s for s in cluster.sentences if s < index)

        near = [c for c in previous if paragraph - document.sentences[closest(c)].paragraph <= 1]
        if near:
            max(near, key=closest).add_sentence(index)


def _event_date(cluster: _Cluster, document: Document, role: EventRole) -> EventDate | None:
    dated = [t for t in _event_times(cluster.times) if t.date is not None]
    if dated:
        best = min(
            dated,
            key=lambda t: (
                (t.date.end - t.date.start) if t.date else dt.timedelta(0),
                t.span.start,
            ),
        )
        assert best.date is not None
        return EventDate(
            **best.date.model_dump(),
            expression=best.span.text,
            evidence=[t.span for t in dated if t.date is not None and _overlap(t.date, best.date)],
        )
    published = document.published
    if published is None or role is EventRole.background:
        return None
    if published.precision is DatePrecision.day:
        # nothing in the text dates it: on or shortly before publication
        start = published.start - dt.timedelta(days=6)
        period = PartialDate.of_period(start, published.start, DatePrecision.week)
        return EventDate(**period.model_dump(), expression=None)
    return EventDate(**published.model_dump(), expression=None)


def _role(
    cluster: _Cluster, document: Document, durations: list[TimeExpression]
) -> tuple[EventRole, list[Span]]:
    """Background when every date points before the news (or before the publication month),
    or when the only time words are durations ("under a blockade for two years": a state of
    affairs); otherwise reported news."""
    mention_sentences = {m.sentence.index for m in cluster.mentions}
    spans = [t.span for t in durations if t.sentence_index in mention_sentences]
    if not cluster.times and spans:
        return EventRole.background, spans
    dated = [t for t in cluster.times if t.date is not None or t.past_reference]
    if dated and all(t.past_reference for t in dated):
        return EventRole.background, [t.span for t in dated]
    date = cluster.date
    published = document.published
    if date is not None and published is not None and date.end < published.start - _NEWS_WINDOW:
        return EventRole.background, [t.span for t in dated]
    month_only = published is not None and published.precision is not DatePrecision.day
    if date is not None and published is not None and month_only and date.end < published.start:
        return EventRole.background, [t.span for t in dated]
    return EventRole.reported, []


def _event_id(article_id: str, cluster: _Cluster) -> str:
    first = cluster.mentions[0]
    key = f"{article_id}:{first.trigger.start}:{first.trigger.end}"
    return hashlib.sha256(key.encode()).hexdigest()[:20]


@dataclass
class _Sides:
    actor1: list[ActorRef] = field(default_factory=list)
    actor2: list[ActorRef] = field(default_factory=list)


def _add(refs: list[ActorRef], ref: ActorRef) -> None:
    for existing in refs:
        if existing.name == ref.name:
            existing.evidence.extend(e for e in ref.evidence if e not in existing.evidence)
            return
    refs.append(ref)


def _sides(
    cluster: _Cluster,
    document: Document,
    actors: list[ActorMention],
    resolver: ActorResolver,
    attributions: list[Attribution],
    country: str | None,
    day: dt.date | None,
    sub: SubEventType | None = None,
) -> _Sides:
    sides = _Sides()
    for mention in cluster.mentions:
        coded = resolver.event_actors(
            document, mention, actors, country_iso3=country, date=day, sub_event_type=sub
        )
        for ref in [coded.actor1, *coded.assoc_actor_1]:
            if ref is not None:
                _add(sides.actor1, ref)
        for ref in [coded.actor2, *coded.assoc_actor_2]:
            if ref is not None:
                _add(sides.actor2, ref)
    # the speaker of a statement is not a party to the event it reports
    speakers = [a.span for a in attributions if a.sentence_index in cluster.sentences]
    for refs in (sides.actor1, sides.actor2):
        refs[:] = [
            r for r in refs if not r.evidence or not all(_inside(e, speakers) for e in r.evidence)
        ]
    # accused actors: alleged by the claimant, never stated as fact
    for attribution in attributions:
        if attribution.sentence_index not in cluster.sentences or not attribution.accused:
            continue
        for actor in attribution.accused:
            ref = resolver.normalise(actor, country_iso3=country, date=day)
            ref.status = ActorStatus.alleged
            ref.attributed_by = attribution.claimant
            if any(r.name == ref.name for r in sides.actor2):
                continue
            existing = next((r for r in sides.actor1 if r.name == ref.name), None)
            if existing is not None:
                if existing.status is ActorStatus.stated and not _stated_outside_claims(
                    existing, attributions
                ):
                    existing.status, existing.attributed_by = (
                        ActorStatus.alleged,
                        attribution.claimant,
                    )
                continue
            sides.actor1.append(ref)
    _claimed_perpetrators(sides, attributions, resolver, country, day)
    _one_side_each(sides)
    return sides


def _victims_counted(
    sides: _Sides,
    counts: list[CountMention],
    actors: list[ActorMention],
    resolver: ActorResolver,
    country: str | None,
    day: dt.date | None,
    sub: SubEventType,
    *,
    gang: bool = False,
) -> None:
    """ "Two Iraqi soldiers were killed when militants attacked": the actor the dead belong to
    is the other side when the roles named none. In a battle the other side is armed: "a man"
    shot dead in an armed clash is an unidentified armed group, or an unidentified gang when the
    article ties the victim to one (``gang``), not civilians, whom ACLED never codes as a side of
    a battle."""
    taken = {r.name for r in sides.actor1}
    for count in counts:
        for actor in actors:
            inside = count.span.start <= actor.span.start and actor.span.end <= count.span.end
            if not inside or actor.kind in {"claimant-only"}:
                continue
            ref = resolver.normalise(actor, country_iso3=country, date=day)
            if sub.event_type is EventType.battles and actor.kind == "civilians":
                template = "unidentified-gang" if gang else "unidentified-armed-group"
                armed = resolver.generic(template, country_iso3=country, date=day)
                if armed is None:
                    continue
                armed.evidence, armed.text = ref.evidence, ref.text
                sides.actor2.append(armed)  # two unidentified sides, as in "a shoot-out"
                return
            if ref.name not in taken:
                sides.actor2.append(ref)
                return


def _is_unidentified(ref: ActorRef) -> bool:
    return ref.name.startswith("Unidentified") or (ref.actor_id or "").startswith("unidentified")


def _claimed_perpetrators(
    sides: _Sides,
    attributions: list[Attribution],
    resolver: ActorResolver,
    country: str | None,
    day: dt.date | None,
) -> None:
    """'Rebels said they killed 84 mercenaries': the speakers claim the act (status claimed).
    A claimed actor takes the place of an unidentified one on the perpetrators' side."""
    claimed: list[ActorRef] = []
    for attribution in attributions:
        if attribution.kind != "responsibility" or not attribution.speakers:
            continue
        ref = resolver.normalise(attribution.speakers[0], country_iso3=country, date=day)
        if any(r.name == ref.name for r in claimed) or any(
            r.name == ref.name for r in sides.actor2
        ):
            continue
        ref.status, ref.attributed_by = ActorStatus.claimed, ref.name
        claimed.append(ref)
    if not claimed:
        return
    replaced = {r.name for r in sides.actor1 if _is_unidentified(r)}
    # the other parties the text also puts on the receiving side ("soldiers repelled the
    # assault") face the claimant; the unidentified attackers are the claimant itself
    sides.actor2[:] = [r for r in sides.actor2 if not (_is_unidentified(r) and r.name in replaced)]
    facing = {r.name for r in sides.actor2}
    rest = [
        r
        for r in sides.actor1
        if not _is_unidentified(r) and r.name not in {c.name for c in claimed} | facing
    ]
    sides.actor1[:] = claimed + rest


def _first_evidence(ref: ActorRef) -> int:
    return min((e.start for e in ref.evidence), default=1 << 30)


def _one_side_each(sides: _Sides) -> None:
    """An actor named on both sides stays on the side where the text first puts it."""
    for ref in list(sides.actor1):
        other = next((r for r in sides.actor2 if r.name == ref.name), None)
        if other is None:
            continue
        if _first_evidence(other) < _first_evidence(ref):
            sides.actor1.remove(ref)
        else:
            sides.actor2.remove(other)


def _named_claimants(
    attributions: list[Attribution],
    resolver: ActorResolver,
    country: str | None,
    day: dt.date | None,
) -> list[Attribution]:
    """Copies of the attributions with claimants named as the actor dictionary names them."""
    named = []
    for attribution in attributions:
        if attribution.speakers:
            speaker = attribution.speakers[0]
            ref = resolver.normalise(speaker, country_iso3=country, date=day)
            attribution = dataclasses.replace(attribution, claimant=ref.name)
        named.append(attribution)
    return named


def _inside(span: Span, containers: list[Span]) -> bool:
    return any(c.start <= span.start and span.end <= c.end for c in containers)


def _stated_outside_claims(ref: ActorRef, attributions: list[Attribution]) -> bool:
    claimed = [a.scope for a in attributions if a.accused and a.scope is not None]
    return any(
        not any(s.start <= e.start and e.end <= s.end for s in claimed) for e in ref.evidence
    )


def _civilian_victims(figures: list[reconcile.FigureClaim]) -> bool:
    groups = {
        g
        for f in figures
        if f.outcome in {"killed", "injured"} and not f.negated
        for g in f.by_group
    }
    return bool(groups & {"civilians", "children", "women"})


def _civilian_evidence(figures: list[reconcile.FigureClaim]) -> list[Span]:
    """The counts that name civilian victims ("21 civilians", "11 children")."""
    spans: list[Span] = []
    for figure in figures:
        if figure.negated or not set(figure.by_group) & {"civilians", "children", "women"}:
            continue
        spans.extend(s for s in figure.evidence if s not in spans)
    return spans


def _targets(cluster: _Cluster, document: Document) -> list[str]:
    found: list[str] = []
    for index in cluster.sentences:
        doc = document.sentences[index].doc
        if doc is None:
            continue
        for token in doc:
            if token.lemma_ == "target" and token.pos_ == "VERB":
                for obj in token.children:
                    if obj.dep_ in {"dobj", "obj"}:
                        for part in [obj, *obj.conjuncts]:
                            words = [
                                t
                                for t in part.subtree
                                if t.i not in {c.i for c in part.conjuncts}
                                and t.dep_ not in {"cc", "punct", "det"}
                            ]
                            phrase = " ".join(
                                t.text for t in words if t.i <= max(w.i for w in words)
                            )
                            if phrase and phrase not in found:
                                found.append(phrase)
    return found


def _summary(event: Event) -> str:
    parts = []
    if event.date is not None:
        parts.append(f"{event.date.value}:")
    parts.append(event.sub_event_type.value.lower())
    if event.location is not None:
        parts.append(f"in {event.location.place_name or event.location.name}")
    if event.actor1 is not None:
        status = (
            f" ({event.actor1.status.value})"
            if event.actor1.status is not ActorStatus.stated
            else ""
        )
        parts.append(f"by {event.actor1.name}{status}")
    if event.actor2 is not None:
        parts.append(f"against {event.actor2.name}")
    if event.fatalities.best is not None:
        killed = (
            f"{event.fatalities.low}-{event.fatalities.high}"
            if event.fatalities.contested
            else str(event.fatalities.best)
        )
        parts.append(f"; {killed} killed")
    return " ".join(parts).replace(" ;", ";")


def assemble(
    document: Document,
    *,
    mentions: list[EventMention],
    actors: list[ActorMention],
    resolver: ActorResolver,
    toponyms: list[Toponym],
    geocoder: Geocoder,
    times: list[TimeExpression],
    counts: list[CountMention],
    attributions: list[Attribution],
) -> list[Event]:
    """Events of the article, in the order they are first mentioned."""
    clusters = _cluster(document, mentions, times, toponyms)
    _attach_followers(clusters, document, counts, attributions)
    durations = [t for t in times if t.duration]
    background = [c for c in clusters if _role(c, document, durations)[0] is EventRole.background]
    events: list[Event] = []
    for cluster in clusters:
        # places named only where a background event is told ("last month, the group attacked
        # a base in X") are that event's, not the news's
        elsewhere = {
            m.sentence.index for other in background if other is not cluster for m in other.mentions
        } - set(cluster.sentences)
        events.append(
            _code(
                cluster,
                document,
                actors,
                resolver,
                [t for t in toponyms if t.sentence_index not in elsewhere],
                geocoder,
                _own_counts(cluster, clusters, counts),
                attributions,
                durations,
                events,
            )
        )
    return events


def _own_counts(
    cluster: _Cluster, clusters: list[_Cluster], counts: list[CountMention]
) -> list[CountMention]:
    """The counts of dead and wounded that belong to the cluster: in a sentence that tells two
    events in two clauses, a count belongs to the event of its clause."""
    scoped = [(m.scope, c is cluster) for c in clusters for m in c.mentions if m.scope]
    if not scoped:
        return counts
    mine = [s for s, own in scoped if own]
    theirs = [s for s, own in scoped if not own]
    whole = {m.sentence.index for m in cluster.mentions if not m.scope}
    sentences = {m.sentence.index for m in cluster.mentions if m.scope} - whole

    def inside(count: CountMention, spans: list[tuple[int, int]]) -> bool:
        return any(a <= count.span.start and count.span.end <= b for a, b in spans)

    return [
        c
        for c in counts
        if (inside(c, mine) if c.sentence_index in sentences else not inside(c, theirs))
    ]


def _nearer_place(
    location: Location | None, cluster: _Cluster, toponyms: list[Toponym], earlier: list[Event]
) -> Location | None:
    """An event whose sentences name no town ("soldiers repelled the assault"), placed only at
    a region or country, happened where the article's earlier event did when that town lies in
    the same unit: the report goes on about the same place."""
    if location is not None and location.geo_precision < 3:
        return location
    trigger_sentences = {m.sentence.index for m in cluster.mentions}
    if any(
        t.sentence_index in trigger_sentences and not t.is_country and not t.is_admin
        for t in toponyms
    ):
        return location
    for event in earlier:
        place = event.location
        if event.role is not EventRole.reported or place is None or place.geo_precision == 3:
            continue
        same_country = location is None or location.country_iso3 == place.country_iso3
        same_region = location is None or location.admin1 in {None, place.admin1}
        if same_country and same_region:
            return place.model_copy(update={"geo_precision": 2, "relation": "near"})
    return location


def _code(
    cluster: _Cluster,
    document: Document,
    actors: list[ActorMention],
    resolver: ActorResolver,
    toponyms: list[Toponym],
    geocoder: Geocoder,
    counts: list[CountMention],
    attributions: list[Attribution],
    durations: list[TimeExpression],
    earlier: list[Event],
) -> Event:
    sub, score, type_evidence = resolve_type(cluster.mentions)
    role, role_evidence = _role(cluster, document, durations)
    date = _event_date(cluster, document, role)
    location: Location | None = geocoder.locate(
        document, toponyms, cluster.sentences, cluster.mentions[0].trigger
    )
    if role is EventRole.reported:
        location = _nearer_place(location, cluster, toponyms, earlier)
    country = location.country_iso3 if location is not None else None
    day = date.representative if date is not None else None
    cluster_counts = [c for c in counts if c.sentence_index in cluster.sentences]
    cluster_claims = _named_claimants(
        [a for a in attributions if a.sentence_index in cluster.sentences], resolver, country, day
    )
    figures = reconcile.figure_claims(document, cluster_counts, cluster_claims, actors)
    sides = _sides(cluster, document, actors, resolver, cluster_claims, country, day, sub)
    if not sides.actor2 and sub.event_type in _VIOLENT:
        gang = any(m.gang_victims for m in cluster.mentions)
        _victims_counted(sides, cluster_counts, actors, resolver, country, day, sub, gang=gang)
    civilian = sub.event_type is EventType.violence_against_civilians or any(
        m.civilian_targeting for m in cluster.mentions
    )
    if sub.event_type in {
        EventType.explosions,
        EventType.violence_against_civilians,
    } and _civilian_victims(figures):
        civilian = True
        if not any(r.inter == 7 for r in sides.actor2):
            victims = resolver.generic("civilians", country_iso3=country, date=day)
            if victims is not None:
                victims.evidence = _civilian_evidence(figures)
                victims.text = victims.evidence[0].text if victims.evidence else None
                sides.actor2.insert(0, victims)
    elif sub.event_type is EventType.explosions and civilian and not sides.actor2:
        # a bomb at a wedding, a market or a mosque with no victims named: civilians were hit
        victims = resolver.generic("civilians", country_iso3=country, date=day)
        if victims is not None:
            victims.evidence = [cluster.mentions[0].trigger]
            victims.text = None
            sides.actor2.append(victims)
    if sub is SubEventType.peaceful_protest or sub.event_type is EventType.riots:
        civilian = civilian and sub is SubEventType.mob_violence
    event = Event(
        id=_event_id(document.article.id, cluster),
        article_id=document.article.id,
        role=role,
        event_type=sub.event_type,
        sub_event_type=sub,
        disorder_type=disorder_type(sub),
        civilian_targeting=civilian,
        type_evidence=type_evidence,
        date=date,
        location=location,
        actor1=sides.actor1[0] if sides.actor1 else None,
        assoc_actor_1=sides.actor1[1:],
        actor2=sides.actor2[0] if sides.actor2 else None,
        assoc_actor_2=sides.actor2[1:],
        fatalities=reconcile.casualties_from(figures, "killed"),
        injuries=reconcile.casualties_from(figures, "injured"),
        claims=reconcile.build_claims(figures, cluster_claims, document),
        targets=_targets(cluster, document),
        role_evidence=role_evidence,
        confidence=max(0.0, min(1.0, score)),
    )
    event.summary = _summary(event)
    return event
