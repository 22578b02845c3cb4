"""The report graph of one recomputation: features, link scores, blocking neighbours, analyst
decisions and units, fetched from the backend on demand and cached for the session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable

from sitrep.incidents.backend import Assignment, IncidentBackend
from sitrep.incidents.blocking import probe_keys
from sitrep.incidents.cluster import Unit
from sitrep.incidents.features import ANCHOR, BACKGROUND, COARSE, LOOSE, ReportFeatures
from sitrep.incidents.overrides import Override, OverrideKind, effective_pairs, resolve_key
from sitrep.incidents.policy import LinkPolicy
from sitrep.incidents.score import LinkScore, score_pair

__all__ = ["ReportGraph"]

_STRENGTH = {ANCHOR: 0, COARSE: 1, LOOSE: 2, BACKGROUND: 3}


class ReportGraph:
    """Implements ``cluster.PairOracle`` over the backend's reports."""

    def __init__(self, backend: IncidentBackend, policy: LinkPolicy) -> None:
        self.backend = backend
        self.policy = policy
        self._features: dict[str, ReportFeatures] = {}
        self._missing: set[str] = set()
        self._scores: dict[tuple[str, str], LinkScore] = {}
        self._candidates: dict[str, set[str]] = {}
        self._stored: dict[str, Assignment] = {}
        self._override_articles: set[str] = set()
        self._overrides: dict[int, Override] = {}
        self._resolved: dict[int, tuple[str, str]] = {}
        self._effective: dict[frozenset[str], tuple[int, OverrideKind]] | None = None
        self._units: dict[str, Unit] = {}
        self.comparisons = 0  # pairs of reports scored in this session

    # -- reports ------------------------------------------------------------------------------
    def load(self, event_ids: Iterable[str]) -> None:
        wanted = [e for e in event_ids if e not in self._features and e not in self._missing]
        if not wanted:
            return
        found = self.backend.features(wanted)
        self._features.update(found)
        self._missing.update(e for e in wanted if e not in found)

    def feature(self, event_id: str) -> ReportFeatures | None:
        self.load([event_id])
        return self._features.get(event_id)

    def known(self, event_ids: Iterable[str]) -> set[str]:
        ids = list(event_ids)
        self.load(ids)
        return {e for e in ids if e in self._features}

    def candidates(self, event_id: str) -> set[str]:
        """Reports sharing a blocking key with ``event_id`` (itself excluded)."""
        found = self._candidates.get(event_id)
        if found is None:
            report = self.feature(event_id)
            keys = probe_keys(report) if report is not None else []
            found = self.backend.candidates(keys) - {event_id} if keys else set()
            self.load(found)
            self._candidates[event_id] = found
        return found

    def incident_root(self, event_ids: Iterable[str]) -> str:
        """The report an incident is named after: the earliest published (then the smallest
        event id), so that later reports joining an incident rarely rename it."""

        def rank(event_id: str) -> tuple[dt.date, str]:
            report = self.feature(event_id)
            published = report.published if report is not None else None
            return (published or dt.date.max, event_id)

        return min(event_ids, key=rank)

    def stored(self, event_ids: Collection[str]) -> dict[str, Assignment]:
        wanted = [e for e in event_ids if e not in self._stored]
        if wanted:
            self._stored.update(self.backend.assignments(wanted))
        return {e: self._stored[e] for e in event_ids if e in self._stored}

    # -- pair oracle --------------------------------------------------------------------------
    def pair(self, first: str, second: str) -> LinkScore:
        key = (first, second) if first < second else (second, first)
        score = self._scores.get(key)
        if score is None:
            a, b = self.feature(key[0]), self.feature(key[1])
            assert a is not None and b is not None, key
            score = score_pair(a, b, self.policy)
            self.comparisons += 1
            self._scores[key] = score
        return score

    def forbidden(self, first: str, second: str) -> bool:
        return self.decision(first, second) is OverrideKind.cannot_link

    def decision(self, first: str, second: str) -> OverrideKind | None:
        """The analyst's decision that holds for the pair, if any."""
        for event_id in (first, second):
            report = self.feature(event_id)
            if report is not None:
                self._load_overrides([report.article_id])
        found = self._pairs().get(frozenset((first, second)))
        return found[1] if found else None

    # -- analyst decisions --------------------------------------------------------------------
    def _load_overrides(self, article_ids: Iterable[str]) -> None:
        new = [a for a in article_ids if a not in self._override_articles]
        if not new:
            return
        self._override_articles.update(new)
        fresh = [o for o in self.backend.overrides_for(new) if o.id not in self._overrides]
        if not fresh:
            return
        articles = {k.article_id for o in fresh for k in (o.first, o.second)}
        reports = self.backend.article_reports(articles)
        self.load(e for ids in reports.values() for e in ids)
        for override in fresh:
            self._overrides[override.id] = override
            ids = [
                resolve_key(
                    key,
                    (
                        self._features[e]
                        for e in reports.get(key.article_id, [])
                        if e in self._features
                    ),
                )
                for key in (override.first, override.second)
            ]
            if ids[0] is not None and ids[1] is not None:
                self._resolved[override.id] = (ids[0], ids[1])
        self._effective = None
        self._units.clear()

    def decisions_within(self, event_ids: Collection[str]) -> list[Override]:
        """Active decisions whose two reports are both among ``event_ids``."""
        wanted = self.known(event_ids)
        self._load_overrides({self._features[e].article_id for e in wanted})
        return [
            self._overrides[number]
            for number, pair in sorted(self._resolved.items())
            if self._overrides[number].active and set(pair) <= wanted
        ]

    def _pairs(self) -> dict[frozenset[str], tuple[int, OverrideKind]]:
        if self._effective is None:
            self._effective = effective_pairs(self._overrides.values(), self._resolved)
        return self._effective

    def must_partners(self, event_id: str) -> list[tuple[int, str]]:
        """(decision number, partner) for every must-link decision naming ``event_id``."""
        report = self.feature(event_id)
        if report is None:
            return []
        self._load_overrides([report.article_id])
        found = []
        for pair, (number, kind) in self._pairs().items():
            if kind is OverrideKind.must_link and event_id in pair:
                (other,) = pair - {event_id}
                if self.feature(other) is not None:
                    found.append((number, other))
        return found

    # -- units --------------------------------------------------------------------------------
    def unit_of(self, event_id: str) -> Unit:
        """The unit of ``event_id``: the reports an analyst tied to it (see ``cluster``)."""
        unit = self._units.get(event_id)
        if unit is not None:
            return unit
        component, edges = {event_id}, []
        queue = [event_id]
        while queue:
            current = queue.pop()
            for number, other in self.must_partners(current):
                edges.append((number, min(current, other), max(current, other)))
                if other not in component:
                    component.add(other)
                    queue.append(other)
        group = {e: frozenset([e]) for e in component}
        for _, a, b in sorted(set(edges), reverse=True):  # newest decision first
            if group[a] is group[b] or group[a] == group[b]:
                continue
            if any(self.forbidden(x, y) for x in group[a] for y in group[b]):
                continue
            merged = group[a] | group[b]
            for e in merged:
                group[e] = merged
        for members in set(group.values()):
            kinds = [self._features[e].kind for e in members]
            kind = min(kinds, key=_STRENGTH.__getitem__)
            built = Unit(tuple(sorted(members)), kind)
            for e in members:
                self._units[e] = built
        return self._units[event_id]

    def neighbour_units(self, unit: Unit, kinds: Collection[str]) -> list[Unit]:
        """Units of the given kinds that share a blocking key with any member of ``unit``."""
        found: dict[str, Unit] = {}
        for member in unit.members:
            for other in self.candidates(member):
                other_unit = self.unit_of(other)
                if other_unit.kind in kinds and other_unit.root != unit.root:
                    found[other_unit.root] = other_unit
        return [found[k] for k in sorted(found)]
