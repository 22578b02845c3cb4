"""Claims across reports: who says what about one incident, and the toll they allow together.

Every claim of every member report is kept, credited to its claimant (a figure given in an
article's own voice is credited to the outlet) and to each report that carries it: the same
"at least 21 killed, the rebels said" repeated by ten outlets is one claim with ten sources.
When one claimant gives a new figure in a later article, the earlier one is *superseded* (a
revised toll), not a disagreement. The current claims then give the range:

- each figure reads as an interval from its qualifier: "at least 21" is 21 or more, "up to 30"
  30 or fewer, "about 20" 16 to 24, a bare figure itself;
- ``contested`` when two current claims cannot both hold (or one says nobody died);
- ``low`` / ``high`` the smallest and largest current figures; ``best`` the largest figure every
  current claim allows, else (contested) the figure of the claimant the most outlets relay (any
  of its figures, so a revised toll keeps the support of the first one), the lower on a tie;
- ``conservative`` (ACLED's single figure): ``best``, or ``low`` when contested.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sitrep.incidents.names import fold
from sitrep.incidents.records import ClaimSource, IncidentClaim, IncidentFigures
from sitrep.model import Claim, ClaimKind, Event, Span

__all__ = ["SourcedClaim", "figures", "group_claims", "sourced_claims"]

_ARTICLE = "article"
_FAR, _FAR_PAST = dt.date.max, dt.date.min
_OPEN_ENDED = {"at least", "more than", "more", "dozens", "scores", "hundreds", "several"}


@dataclass(frozen=True)
class SourcedClaim:
    """One claim as read in one report."""

    claim: Claim
    claimant: str  # the outlet for claims in an article's own voice
    claimant_type: str | None
    source: ClaimSource


def sourced_claims(
    event: Event, outlet: str, source_name: str | None, order: ClaimSource
) -> list[SourcedClaim]:
    """The claims of one member report, with figures in the article's own voice credited to the
    outlet; a toll given without any claim becomes the outlet's claim. ``order`` is a template
    source (event, article, outlet, published) for the report."""
    found: list[SourcedClaim] = []
    voice = source_name or outlet
    for claim in event.claims:
        own = claim.claimant == _ARTICLE
        source = order.model_copy(
            update={"sentence": claim.sentence, "evidence": list(claim.evidence)}
        )
        found.append(
            SourcedClaim(
                claim=claim,
                claimant=voice if own else claim.claimant,
                claimant_type="media" if own else claim.claimant_type,
                source=source,
            )
        )
    if (
        not any(c.claim.kind is ClaimKind.fatalities for c in found)
        and event.fatalities.best is not None
    ):
        evidence = list(event.fatalities.evidence)
        sentence = evidence[0] if evidence else Span(start=0, end=0, text="")
        synthetic = Claim(
            claimant=_ARTICLE,
            kind=ClaimKind.fatalities,
            killed=event.fatalities.best,
            killed_by_group=dict(event.fatalities.by_group),
            qualifier=event.fatalities.qualifier,
            says=f"{event.fatalities.best} killed",
            sentence=sentence,
            evidence=evidence,
        )
        source = order.model_copy(update={"sentence": sentence, "evidence": evidence})
        found.append(SourcedClaim(synthetic, voice, "media", source))
    return found


def _key(item: SourcedClaim) -> tuple[str, str, int | None, int | None, str | None, str]:
    claim = item.claim
    says = "" if claim.kind in {ClaimKind.fatalities, ClaimKind.injuries} else fold(claim.says)
    return (
        fold(item.claimant),
        claim.kind.value,
        claim.killed,
        claim.injured,
        fold(claim.about_actor) if claim.about_actor else None,
        says,
    )


def group_claims(items: Iterable[SourcedClaim]) -> list[IncidentClaim]:
    """One ``IncidentClaim`` per distinct statement, with all its sources; earlier figures of a
    claimant who later gave another figure are marked superseded."""
    groups: dict[tuple[str, str, int | None, int | None, str | None, str], list[SourcedClaim]] = (
        defaultdict(list)
    )
    for item in items:
        groups[_key(item)].append(item)
    claims: list[IncidentClaim] = []
    for members in groups.values():
        members.sort(
            key=lambda m: (m.source.published or _FAR, m.source.article_id, m.source.sentence.start)
        )
        first = members[0]
        qualifiers = [m.claim.qualifier for m in members if m.claim.qualifier]
        by_group: dict[str, int] = {}
        for m in members:
            for group, value in m.claim.killed_by_group.items():
                by_group[group] = max(by_group.get(group, 0), value)
        claims.append(
            IncidentClaim(
                claimant=first.claimant,
                claimant_type=first.claimant_type,
                kind=first.claim.kind,
                killed=first.claim.killed,
                killed_by_group=by_group,
                injured=first.claim.injured,
                qualifier=_weakest(qualifiers),
                about_actor=first.claim.about_actor,
                says=first.claim.says,
                sources=[m.source for m in members],
            )
        )
    _mark_superseded(claims)
    return sorted(claims, key=_claim_order)


def _claim_order(claim: IncidentClaim) -> tuple[object, ...]:
    first = min((s.published or _FAR) for s in claim.sources)
    return (claim.kind.value, first, fold(claim.claimant), claim.killed or 0, claim.injured or 0)


def _weakest(qualifiers: list[str]) -> str | None:
    """The qualifier that claims least ("at least" over none): repeated with and without
    "at least", a figure is kept as a lower bound."""
    if not qualifiers:
        return None
    return sorted(set(qualifiers), key=lambda q: (q not in _OPEN_ENDED, q))[0]


def _mark_superseded(claims: list[IncidentClaim]) -> None:
    by_claimant: dict[tuple[str, str], list[IncidentClaim]] = defaultdict(list)
    for claim in claims:
        if claim.kind in {ClaimKind.fatalities, ClaimKind.injuries}:
            by_claimant[(fold(claim.claimant), claim.kind.value)].append(claim)
    for same in by_claimant.values():
        if len(same) < 2:
            continue
        latest = max(max((s.published or _FAR_PAST) for s in c.sources) for c in same)
        if latest == _FAR_PAST:
            continue
        for claim in same:
            if max((s.published or _FAR_PAST) for s in claim.sources) < latest:
                claim.status = "superseded"


def _interval(figure: int, qualifier: str | None) -> tuple[float, float]:
    if qualifier in _OPEN_ENDED:
        return float(figure), math.inf
    if qualifier == "up to":
        return 0.0, float(figure)
    if qualifier == "about":
        slack = max(2.0, 0.2 * figure)
        return figure - slack, figure + slack
    return float(figure), float(figure)


def figures(claims: list[IncidentClaim], kind: ClaimKind) -> IncidentFigures:
    """The low / best / high range of the current claims of ``kind`` (fatalities or injuries)."""
    current = [c for c in claims if c.kind is kind and c.status == "current"]
    values = [(c, _value(c, kind)) for c in current]
    positive = [(c, v) for c, v in values if v is not None and v > 0]
    denied = any(v == 0 for _, v in values)
    if not positive:
        zero = 0 if denied else None
        return IncidentFigures(low=zero, best=zero, high=zero, conservative=0)
    intervals = [_interval(v, c.qualifier) for c, v in positive]
    clash = any(
        a[0] > b[1] or b[0] > a[1] for i, a in enumerate(intervals) for b in intervals[i + 1 :]
    )
    contested = clash or denied
    figures_only = sorted({v for _, v in positive})
    if not clash:
        allowed = [v for v in figures_only if all(lo <= v <= hi for lo, hi in intervals)]
        best = max(allowed) if allowed else max(figures_only)
    else:
        relayed: dict[str, set[str]] = defaultdict(set)  # claimant -> outlets relaying them
        for claim in claims:
            if claim.kind is kind:
                relayed[fold(claim.claimant)] |= claim.outlets
        outlets: dict[int, set[str]] = defaultdict(set)
        for claim, value in positive:
            outlets[value] |= relayed[fold(claim.claimant)]
        best = sorted(outlets, key=lambda v: (-len(outlets[v]), v))[0]
    basis = [c for c, v in positive if v == best]
    by_group: dict[str, int] = {}
    for claim in basis:
        for group, value in claim.killed_by_group.items():
            by_group[group] = max(by_group.get(group, 0), value)
    qualifier = _weakest([c.qualifier for c in basis if c.qualifier])
    low = figures_only[0]
    return IncidentFigures(
        low=low,
        best=best,
        high=figures_only[-1],
        conservative=low if contested else best,
        qualifier=qualifier,
        contested=contested,
        by_group=by_group if kind is ClaimKind.fatalities else {},
        basis=sorted({c.claimant for c in basis}),
    )


def _value(claim: IncidentClaim, kind: ClaimKind) -> int | None:
    return claim.killed if kind is ClaimKind.fatalities else claim.injured
