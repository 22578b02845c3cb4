"""Deterministic clustering of reports into incidents.

The clustering is a function of the *set* of reports and the analyst's decisions, never of the
order they arrived in:

1. Reports tied by a ``must_link`` decision form one *unit* (taken newest decision first, never
   uniting two reports a ``cannot_link`` decision keeps apart).
2. Anchor units (news dated to the day, with a place) are merged greedily along their links, the
   strongest first (ties broken by event id), and two groups merge only if *every* pair across
   them is compatible (complete linkage): a third report can never chain two different strikes
   on one town into one incident.
3. Each coarse or background unit joins the one anchor incident it links to best, if it is
   compatible with all of that incident's reports and beats the second best by a margin;
   otherwise it is ambiguous and joins none. Coarse units never bridge anchors.
4. Coarse units that joined no incident are merged among themselves as in step 2, with a stricter
   threshold. Background units that joined none are left out: they never create an incident.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

from sitrep.incidents.score import LinkScore

__all__ = ["PairOracle", "Unit", "agglomerate", "best_link", "choose_attachment", "compatible"]


@dataclass(frozen=True)
class Unit:
    """Reports that are one incident by an analyst's decision (usually a single report)."""

    members: tuple[str, ...]  # sorted event ids
    kind: str  # anchor | coarse | background | loose (see sitrep.incidents.features)

    @property
    def root(self) -> str:
        return self.members[0]


class PairOracle(Protocol):
    """What clustering asks about two reports."""

    def pair(self, first: str, second: str) -> LinkScore: ...

    def forbidden(self, first: str, second: str) -> bool:
        """An analyst decided these two are different incidents."""
        ...


def best_link(oracle: PairOracle, first: Unit, second: Unit) -> LinkScore | None:
    """The strongest link between two units' reports (None when no pair is linked)."""
    best: LinkScore | None = None
    for a in first.members:
        for b in second.members:
            score = oracle.pair(a, b)
            if score.linked and (best is None or _rank(score) < _rank(best)):
                best = score
    return best


def _rank(score: LinkScore) -> tuple[float, str, str]:
    return (-score.score, score.first, score.second)


def compatible(oracle: PairOracle, first: Unit, second: Unit) -> bool:
    """Nothing keeps the two units apart: no analyst decision, and no veto between their
    reports (for a unit an analyst built, one compatible pair suffices)."""
    pairs = [(a, b) for a in first.members for b in second.members]
    if any(oracle.forbidden(a, b) for a, b in pairs):
        return False
    if len(pairs) == 1:
        return oracle.pair(*pairs[0]).compatible
    return any(oracle.pair(a, b).compatible for a, b in pairs)


def agglomerate(
    units: Iterable[Unit],
    oracle: PairOracle,
    *,
    accept: Callable[[LinkScore], bool],
    neighbours: Callable[[Unit], Iterable[Unit]],
) -> list[list[Unit]]:
    """Greedy complete-linkage clustering of ``units`` along their accepted links.

    ``neighbours(u)`` gives the units worth comparing with ``u`` (from blocking); links whose
    score ``accept`` rejects are ignored. Groups are returned sorted, each sorted by root.
    """
    pool = {u.root: u for u in units}
    edges: list[tuple[tuple[float, str, str], str, str]] = []
    for unit in pool.values():
        for other in neighbours(unit):
            if other.root <= unit.root or other.root not in pool:
                continue
            link = best_link(oracle, unit, other)
            if link is not None and accept(link):
                edges.append((_rank(link), unit.root, other.root))
    group_of = {root: root for root in pool}
    groups: dict[str, list[Unit]] = {root: [unit] for root, unit in pool.items()}
    for _, a, b in sorted(edges):
        ga, gb = group_of[a], group_of[b]
        if ga == gb:
            continue
        if all(compatible(oracle, x, y) for x in groups[ga] for y in groups[gb]):
            keep, gone = min(ga, gb), max(ga, gb)
            groups[keep].extend(groups.pop(gone))
            for unit in groups[keep]:
                group_of[unit.root] = keep
    return sorted(
        (sorted(g, key=lambda u: u.root) for g in groups.values()), key=lambda g: g[0].root
    )


def choose_attachment(options: dict[str, float], margin: float) -> str | None:
    """The incident (by root) a coarse report joins: the best scoring one if it beats the
    second best by ``margin``; None when there is none or the choice is ambiguous."""
    if not options:
        return None
    ranked = sorted(options.items(), key=lambda item: (-item[1], item[0]))
    if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < margin:
        return None
    return ranked[0][0]
