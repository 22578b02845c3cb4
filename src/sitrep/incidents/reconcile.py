"""Build one incident from its member reports: type, date, place and actors agreed across
reports, every claim with its sources, the toll as a range, and the grade of the evidence.

- Type, date and place come from the reported (not background) members: the most common
  sub-event type; the most precise date; the most precise place (resolved before unresolved).
- Actors are gathered per side; an actor is *stated* if any report states it, else *claimed*
  (by itself) or *alleged* (by the claimants named in ``attributed_by``).
- Grade, after Airwars: ``contested`` when claimants blame different actors or a party denies,
  ``confirmed`` when a belligerent claims or confirms it, ``fair`` with two or more outlets,
  ``weak`` with one.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from sitrep.incidents.claims import figures, group_claims, sourced_claims
from sitrep.incidents.names import actor_key, fold
from sitrep.incidents.records import (
    ClaimSource,
    Incident,
    IncidentActor,
    IncidentClaim,
    IncidentReport,
    LinkExplanation,
)
from sitrep.model import (
    ActorRef,
    ActorStatus,
    Article,
    ClaimKind,
    Event,
    EventRole,
    Location,
    PartialDate,
    Span,
)

__all__ = ["Member", "ReportSource", "build_incident", "incident_id"]

_BELLIGERENT_TYPES = {"military", "government", "armed_group", "police"}


@dataclass(frozen=True)
class ReportSource:
    """What an incident needs to know of the article a report comes from."""

    article_id: str
    outlet: str
    source: str | None = None
    url: str | None = None
    title: str | None = None
    published: PartialDate | None = None

    @classmethod
    def of(cls, article: Article, outlet: str) -> ReportSource:
        return cls(
            article.id, outlet, article.source, article.url, article.title, article.published
        )


@dataclass(frozen=True)
class Member:
    """One report of an incident: the event, its article, and how it joined."""

    event: Event
    source: ReportSource
    stage: str
    link: LinkExplanation | None = None


def incident_id(root: str) -> str:
    """The incident id derived from its root report (its earliest published anchor report)."""
    return f"inc-{root}"


def _order(member: Member) -> tuple[dt.date, str, str]:
    published = member.source.published
    return (
        published.start if published else dt.date.max,
        member.source.article_id,
        member.event.id,
    )


def _voters(members: list[Member]) -> list[Member]:
    reported = [m for m in members if m.event.role is EventRole.reported]
    return reported or members


def _sub_event_type(members: list[Member]) -> tuple[str, str]:
    votes = Counter(m.event.sub_event_type for m in members)
    sub = sorted(votes, key=lambda s: (-votes[s], s.value))[0]
    return sub.event_type.value, sub.value


def _date(members: list[Member]) -> PartialDate | None:
    dated = [m.event.date for m in members if m.event.date is not None]
    if not dated:
        return None
    votes = Counter(d.value for d in dated)
    best = min(dated, key=lambda d: (d.end - d.start, -votes[d.value], d.value))
    return PartialDate(value=best.value, precision=best.precision, start=best.start, end=best.end)


def _location(members: list[Member]) -> Location | None:
    places = [m.event.location for m in members if m.event.location is not None]
    if not places:
        return None
    votes = Counter(fold(p.place_name or p.name) for p in places)
    spellings = Counter(p.name for p in places)
    best = min(
        places,
        key=lambda p: (
            not (p.resolved and p.latitude is not None),
            p.geo_precision,
            -votes[fold(p.place_name or p.name)],
            -spellings[p.name],  # the spelling most reports use
            p.name,
        ),
    )
    return best.model_copy(update={"evidence": []})


def _actors(members: list[Member]) -> list[IncidentActor]:
    named: dict[tuple[str, int], list[ActorRef]] = defaultdict(list)
    for member in members:
        event = member.event
        sides = (
            (1, [event.actor1, *event.assoc_actor_1]),
            (2, [event.actor2, *event.assoc_actor_2]),
        )
        for side, listed in sides:
            for ref in listed:
                if ref is not None:
                    named[(actor_key(ref.name), side)].append(ref)
    actors = []
    for (_, side), refs in named.items():
        statuses = {r.status for r in refs}
        status = next(
            s
            for s in (ActorStatus.stated, ActorStatus.claimed, ActorStatus.alleged)
            if s in statuses
        )
        names = Counter(r.name for r in refs)
        inters = Counter(r.inter for r in refs if r.inter)
        actors.append(
            IncidentActor(
                name=sorted(names, key=lambda n: (-names[n], n))[0],
                inter=sorted(inters, key=lambda i: (-inters[i], i))[0] if inters else 0,
                side=side,
                status=status,
                attributed_by=sorted({r.attributed_by for r in refs if r.attributed_by}),
                reports=len(refs),
            )
        )
    rank = {ActorStatus.stated: 0, ActorStatus.claimed: 1, ActorStatus.alleged: 2}
    return sorted(actors, key=lambda a: (a.side, -a.reports, rank[a.status], a.name))


def _claims(members: list[Member]) -> list[IncidentClaim]:
    items = []
    for member in members:
        published = member.source.published
        template = ClaimSource(
            event_id=member.event.id,
            article_id=member.source.article_id,
            outlet=member.source.outlet,
            published=published.start if published else None,
            sentence=Span(start=0, end=0, text=""),
        )
        items += sourced_claims(member.event, member.source.outlet, member.source.source, template)
    return group_claims(items)


def _blame(claims: list[IncidentClaim]) -> tuple[list[str], list[str], bool]:
    """Who claimed it, who was blamed by whom, and whether the attributions compete."""
    claimed = sorted({c.claimant for c in claims if c.kind is ClaimKind.responsibility})
    accused = sorted(
        {
            f"{c.about_actor} (by {c.claimant})"
            for c in claims
            if c.kind is ClaimKind.accusation and c.about_actor
        }
    )
    blamed: dict[str, set[str]] = defaultdict(set)
    for claim in claims:
        if claim.kind is ClaimKind.responsibility:
            blamed[fold(claim.claimant)].add(fold(claim.claimant))
        elif claim.kind is ClaimKind.accusation and claim.about_actor:
            blamed[fold(claim.claimant)] |= {fold(a.strip()) for a in claim.about_actor.split(",")}
    sets = list(blamed.values())
    competing = any(not (a & b) for i, a in enumerate(sets) for b in sets[i + 1 :])
    return claimed, accused, competing


def _statement(claim: IncidentClaim) -> str:
    about = f" ({claim.about_actor})" if claim.about_actor else ""
    return f"{claim.claimant}{about}: {claim.says}"


def _grade(claims: list[IncidentClaim], competing: bool, outlets: int) -> str:
    if competing or any(c.kind is ClaimKind.denial for c in claims):
        return "contested"
    confirmed = any(
        c.kind is ClaimKind.responsibility
        or (c.kind is ClaimKind.confirmation and c.claimant_type in _BELLIGERENT_TYPES)
        for c in claims
    )
    if confirmed:
        return "confirmed"
    return "fair" if outlets >= 2 else "weak"


def _report(member: Member) -> IncidentReport:
    event, source = member.event, member.source
    return IncidentReport(
        event_id=event.id,
        article_id=source.article_id,
        outlet=source.outlet,
        source=source.source,
        url=source.url,
        title=source.title,
        published=source.published,
        role=event.role.value,
        stage=member.stage,
        sub_event_type=event.sub_event_type.value,
        date=PartialDate(**event.date.model_dump(include={"value", "precision", "start", "end"}))
        if event.date
        else None,
        place=(event.location.place_name or event.location.name) if event.location else None,
        killed=event.fatalities.best,
        summary=event.summary,
        link=member.link,
    )


def _summary(incident: Incident) -> str:
    parts = [f"{incident.date.value}:" if incident.date else "", incident.sub_event_type.lower()]
    if incident.location is not None:
        parts.append(f"in {incident.location.place_name or incident.location.name}")
    if incident.actor1 is not None:
        status = (
            ""
            if incident.actor1.status is ActorStatus.stated
            else f" ({incident.actor1.status.value})"
        )
        parts.append(f"by {incident.actor1.name}{status}")
    if incident.actor2 is not None:
        parts.append(f"against {incident.actor2.name}")
    toll = incident.fatalities
    if toll.best is not None:
        killed = (
            f"{toll.low}-{toll.high}"
            if toll.contested and toll.low != toll.high
            else f"{toll.best}"
        )
        parts.append(f"; {killed} killed{' (contested)' if toll.contested else ''}")
    sources = f"{incident.n_sources} source{'s' if incident.n_sources != 1 else ''}"
    return " ".join(p for p in parts if p).replace(" ;", ";") + f" [{sources}]"


def build_incident(root: str, members: list[Member], *, now: dt.datetime | None = None) -> Incident:
    """The incident whose reports are ``members`` (its root report id is ``root``)."""
    members = sorted(members, key=_order)
    voters = _voters(members)
    event_type, sub_event_type = _sub_event_type(voters)
    actors = _actors(voters)
    claims = _claims(members)
    claimed, accused, competing = _blame(claims)
    outlets = sorted({m.source.outlet for m in members})
    side1 = [a for a in actors if a.side == 1]
    side2 = [a for a in actors if a.side == 2]
    incident = Incident(
        id=incident_id(root),
        root=root,
        event_type=event_type,
        sub_event_type=sub_event_type,
        civilian_targeting=any(m.event.civilian_targeting for m in voters),
        date=_date(voters),
        location=_location(voters),
        actor1=side1[0] if side1 else None,
        actor2=side2[0] if side2 else None,
        actors=actors,
        fatalities=figures(claims, ClaimKind.fatalities),
        injuries=figures(claims, ClaimKind.injuries),
        claims=claims,
        denials=[_statement(c) for c in claims if c.kind is ClaimKind.denial],
        confirmations=[_statement(c) for c in claims if c.kind is ClaimKind.confirmation],
        responsibility=claimed,
        accused=accused,
        grade=_grade(claims, competing, len(outlets)),
        n_reports=len(members),
        n_background=sum(m.event.role is EventRole.background for m in members),
        n_sources=len(outlets),
        sources=outlets,
        reports=[_report(m) for m in members],
        updated_at=now,
    )
    incident.summary = _summary(incident)
    return incident
