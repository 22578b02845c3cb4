"""The incident engine: reports in, incidents updated, incrementally and idempotently.

``IncidentEngine.update(results)`` files the events of newly extracted articles as reports and
recomputes only what they can change: the anchor incidents of their place and day (the
connected reports, as ``sitrep.incidents.cluster`` defines them), the coarse and background
reports that could attach to those incidents, and the coarse groups around them. The result is
the same as recomputing everything (``rebuild``), whatever order the reports came in: each
incident is a function of the set of reports and the analyst's decisions, and its id derives
from its earliest published anchor report. Re-ingesting an unchanged article changes nothing.

Analyst actions (``split``, ``merge``, ``undo``) are stored as decisions between reports and
applied in every recomputation after them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from sitrep.errors import ReviewError, StoreError
from sitrep.incidents.backend import Assignment, IncidentBackend
from sitrep.incidents.blocking import probe_keys
from sitrep.incidents.cluster import Unit, agglomerate, best_link, choose_attachment, compatible
from sitrep.incidents.features import ANCHOR, BACKGROUND, COARSE, LOOSE, ReportFeatures, features_of
from sitrep.incidents.graph import ReportGraph
from sitrep.incidents.overrides import EventKey, Override, OverrideKind
from sitrep.incidents.policy import LinkPolicy, default_policy
from sitrep.incidents.reconcile import Member, build_incident, incident_id
from sitrep.incidents.records import Incident, LinkExplanation, LinkReasonRecord
from sitrep.model import ExtractionResult

__all__ = ["IncidentChanges", "IncidentEngine"]

_EXPLAIN_PARTNERS = 64  # members compared when explaining a report's place in a large incident


@dataclass
class IncidentChanges:
    """What one update did: incidents written (created or changed), removed, and renamed."""

    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)
    reports: int = 0  # reports recomputed
    comparisons: int = 0  # pairs of reports scored

    def extend(self, other: IncidentChanges) -> None:
        self.written += other.written
        self.removed += other.removed
        self.aliases.update(other.aliases)
        self.reports += other.reports
        self.comparisons += other.comparisons


class IncidentEngine:
    """Links reports into incidents over an ``IncidentBackend``."""

    def __init__(self, backend: IncidentBackend, policy: LinkPolicy | None = None) -> None:
        self.backend = backend
        self.policy = policy or default_policy()

    # -- ingest -------------------------------------------------------------------------------
    def update(self, results: Iterable[ExtractionResult]) -> IncidentChanges:
        """File the events of ``results`` (already saved in the event store, for the SQLite
        backend) and update the incidents they touch. An article given again replaces its
        earlier reports (re-extraction); unchanged reports change nothing."""
        results = list(results)
        with self.backend.transaction():
            for result in results:
                self.backend.keep(result)
            fresh = {
                event.id: features_of(event, result.article, self.policy)
                for result in results
                for event in result.events
            }
            articles = {result.article.id for result in results}
            before = self.backend.article_reports(articles)
            old_ids = {e for ids in before.values() for e in ids}
            old = self.backend.features(old_ids)
            gone = {e for e in old_ids if e not in fresh}
            changed = [f for e, f in fresh.items() if old.get(e) != f]
            return self._replace(gone, changed, old)

    def remove_articles(self, article_ids: Iterable[str]) -> IncidentChanges:
        """Withdraw every report of these articles and update the incidents they were in."""
        with self.backend.transaction():
            ids = {e for v in self.backend.article_reports(list(article_ids)).values() for e in v}
            return self._replace(ids, [], self.backend.features(ids))

    def rebuild(self) -> IncidentChanges:
        """Recompute every incident from all reports (the reference the updates must equal)."""
        with self.backend.transaction():
            everything = self.backend.all_reports()
            stale = {a.root for a in self.backend.assignments(everything).values() if a.root}
            return self._recompute(set(everything), stale, set())

    def _replace(
        self, gone: set[str], changed: list[ReportFeatures], old: dict[str, ReportFeatures]
    ) -> IncidentChanges:
        moving = gone | {f.event_id for f in changed if f.event_id in old}
        neighbours: set[str] = set()
        for event_id in moving:
            keys = probe_keys(old[event_id])
            if keys:
                neighbours |= self.backend.candidates(keys)
        stale = {a.root for a in self.backend.assignments(moving).values() if a.root}
        if gone:
            self.backend.delete_reports(gone)
        if changed:
            self.backend.put_reports(changed)
        seeds = {f.event_id for f in changed}
        if not seeds and not stale:
            return IncidentChanges()
        return self._recompute(seeds, stale, neighbours - gone)

    # -- recomputation ------------------------------------------------------------------------
    def _recompute(self, seeds: set[str], stale: set[str], extra: set[str]) -> IncidentChanges:
        graph = ReportGraph(self.backend, self.policy)
        affected = set(seeds) | extra
        for members in self.backend.members(stale).values():
            affected |= set(members)
        affected = graph.known(affected)
        units = {graph.unit_of(e) for e in affected}
        new: dict[str, Assignment] = {}
        anchor_groups = self._anchor_stage(graph, units, new)
        pending = self._attach_stage(graph, units, anchor_groups, new)
        self._coarse_stage(graph, pending, new)
        for unit in units:
            if unit.kind == LOOSE:
                for member in unit.members:
                    new[member] = Assignment(graph.incident_root(unit.members), "loose")
        return self._write(graph, new, seeds, stale)

    def _anchor_stage(
        self, graph: ReportGraph, units: set[Unit], new: dict[str, Assignment]
    ) -> dict[str, list[Unit]]:
        """Recluster the anchor components of the affected units; return root -> units."""
        start = sorted((u for u in units if u.kind == ANCHOR), key=lambda u: u.root)
        component = {u.root: u for u in start}
        queue = list(start)
        while queue:
            unit = queue.pop()
            for other in graph.neighbour_units(unit, {ANCHOR}):
                if other.root not in component and best_link(graph, unit, other) is not None:
                    component[other.root] = other
                    queue.append(other)
        groups = agglomerate(
            component.values(),
            graph,
            accept=lambda link: True,
            neighbours=lambda u: graph.neighbour_units(u, {ANCHOR}),
        )
        by_root: dict[str, list[Unit]] = {}
        for group in groups:
            root = graph.incident_root(m for u in group for m in u.members)
            by_root[root] = group
            for unit in group:
                for member in unit.members:
                    new[member] = Assignment(root, "anchor")
        return by_root

    def _attach_stage(
        self,
        graph: ReportGraph,
        units: set[Unit],
        anchor_groups: dict[str, list[Unit]],
        new: dict[str, Assignment],
    ) -> dict[str, Unit]:
        """Attach coarse and background units near the recomputed anchors; return the coarse
        units examined (root -> unit), attached or not."""
        pending = {u.root: u for u in units if u.kind in {COARSE, BACKGROUND}}
        recomputed = [m for group in anchor_groups.values() for u in group for m in u.members]
        for unit in (u for group in anchor_groups.values() for u in group):
            for other in graph.neighbour_units(unit, {COARSE, BACKGROUND}):
                pending[other.root] = other
        old_roots = {a.root for a in graph.stored(recomputed).values() if a.root}
        for members in self.backend.members(old_roots).values():
            for member in graph.known(members):
                unit = graph.unit_of(member)
                if unit.kind in {COARSE, BACKGROUND}:
                    pending[unit.root] = unit
        for root in sorted(pending):
            unit = pending[root]
            target = self._attachment(graph, unit, anchor_groups, new)
            if target is not None:
                stage = Assignment(target, "attached")
            else:
                stage = Assignment(None, "unlinked" if unit.kind == BACKGROUND else "coarse")
            for member in unit.members:
                new[member] = stage
        return {r: u for r, u in pending.items() if u.kind == COARSE}

    def _attachment(
        self,
        graph: ReportGraph,
        unit: Unit,
        anchor_groups: dict[str, list[Unit]],
        new: dict[str, Assignment],
    ) -> str | None:
        roots: set[str] = set()
        for anchor in graph.neighbour_units(unit, {ANCHOR}):
            assignment = new.get(anchor.root) or graph.stored([anchor.root]).get(anchor.root)
            if assignment is not None and assignment.root is not None:
                roots.add(assignment.root)
        options: dict[str, float] = {}
        for root in sorted(roots):
            group = anchor_groups.get(root) or self._stored_anchor_units(graph, root)
            if not group or not all(compatible(graph, unit, a) for a in group):
                continue
            links = [link for a in group if (link := best_link(graph, unit, a)) is not None]
            if links:
                options[root] = max(link.score for link in links)
        return choose_attachment(options, self.policy.attach_margin)

    def _stored_anchor_units(self, graph: ReportGraph, root: str) -> list[Unit]:
        members = self.backend.members([root]).get(root, [])
        stored = graph.stored(members)
        anchors = {
            graph.unit_of(m)
            for m in graph.known(members)
            if stored.get(m, Assignment(None, "")).stage == "anchor"
        }
        return sorted(anchors, key=lambda u: u.root)

    def _coarse_stage(
        self, graph: ReportGraph, pending: dict[str, Unit], new: dict[str, Assignment]
    ) -> None:
        """Group the coarse units that joined no incident (and their free neighbours)."""

        def free(unit: Unit) -> bool:
            if unit.root in pending:
                return new[unit.root].root is None
            return graph.stored([unit.root]).get(unit.root, Assignment(None, "")).stage == "coarse"

        threshold = self.policy.coarse_threshold

        def accepted(unit: Unit, other: Unit) -> bool:
            link = best_link(graph, unit, other)
            return link is not None and link.score >= threshold

        start = [pending[r] for r in sorted(pending)]
        component = {u.root: u for u in start if free(u)}
        queue = list(start)  # old group mates are reached through the examined units' links
        seen = {u.root for u in start}
        while queue:
            unit = queue.pop()
            for other in graph.neighbour_units(unit, {COARSE}):
                if other.root in seen or not free(other) or not accepted(unit, other):
                    continue
                seen.add(other.root)
                component[other.root] = other
                queue.append(other)
        groups = agglomerate(
            component.values(),
            graph,
            accept=lambda link: link.score >= threshold,
            neighbours=lambda u: graph.neighbour_units(u, {COARSE}),
        )
        for group in groups:
            root = graph.incident_root(m for u in group for m in u.members)
            for unit in group:
                for member in unit.members:
                    new[member] = Assignment(root, "coarse")

    # -- writing ------------------------------------------------------------------------------
    def _write(
        self, graph: ReportGraph, new: dict[str, Assignment], seeds: set[str], stale: set[str]
    ) -> IncidentChanges:
        old = self.backend.assignments(list(new))
        changed = {e: a for e, a in new.items() if old.get(e) != a}
        touched = set(stale)
        for event_id in set(changed) | (seeds & set(new)):
            for assignment in (new[event_id], old.get(event_id)):
                if assignment is not None and assignment.root is not None:
                    touched.add(assignment.root)
        self.backend.assign(changed)
        members = self.backend.members(touched)
        aliases: dict[str, str] = {}
        for root in sorted(r for r, ids in members.items() if not ids):
            moved = Counter(
                new[e].root for e, a in old.items() if a.root == root and new[e].root is not None
            )
            if moved:
                target = sorted(moved, key=lambda r: (-moved[r], r))[0]
                aliases[incident_id(root)] = incident_id(target)  # type: ignore[arg-type]
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        incidents = [
            self._incident(graph, root, ids, now) for root, ids in sorted(members.items()) if ids
        ]
        removed = sorted(incident_id(r) for r, ids in members.items() if not ids)
        self.backend.save_incidents(incidents, removed, aliases)
        return IncidentChanges(
            written=[i.id for i in incidents],
            removed=removed,
            aliases=aliases,
            reports=len(new),
            comparisons=graph.comparisons,
        )

    def _incident(
        self, graph: ReportGraph, root: str, ids: list[str], now: dt.datetime
    ) -> Incident:
        loaded = self.backend.load_members(ids)
        stages = self.backend.assignments(ids)
        missing = [e for e in ids if e not in loaded]
        if missing:
            raise StoreError.from_catalogue("E081", ids=", ".join(missing[:5]))
        members = [
            Member(
                event=loaded[e][0],
                source=loaded[e][1],
                stage=stages[e].stage,
                link=self._explain(graph, e, ids),
            )
            for e in ids
        ]
        return build_incident(root, members, now=now)

    def _explain(self, graph: ReportGraph, event_id: str, ids: list[str]) -> LinkExplanation | None:
        partners = [e for e in ids if e != event_id][:_EXPLAIN_PARTNERS]
        if not partners:
            return None
        graph.load(partners)
        scored = [graph.pair(event_id, p) for p in partners]
        analyst = [
            s
            for s, p in zip(scored, partners, strict=True)
            if graph.decision(event_id, p) is OverrideKind.must_link
        ]
        best = (
            analyst or sorted(scored, key=lambda s: (not s.linked, -s.score, s.first, s.second))
        )[0]
        partner = best.second if best.first == event_id else best.first
        return LinkExplanation(
            partner=partner,
            score=best.score,
            linked=best.linked,
            reasons=[LinkReasonRecord(**vars(r)) for r in best.reasons],
            decided_by="analyst" if analyst else "score",
        )

    # -- analyst decisions --------------------------------------------------------------------
    def split(self, incident: str, event_ids: Iterable[str], note: str = "") -> IncidentChanges:
        """Take ``event_ids`` out of ``incident`` into an incident of their own; the decision
        (these reports are not the others') holds in every later recomputation."""
        found = self.backend.get_incident(incident)
        members = {r.event_id for r in found.reports}
        moved = set(event_ids)
        outside = sorted(moved - members)
        if outside:
            raise ReviewError.from_catalogue("E082", ids=", ".join(outside), incident=found.id)
        rest = members - moved
        if not moved or not rest:
            raise ReviewError.from_catalogue(
                "E060", detail="a split needs some reports to move and some to stay"
            )
        graph = ReportGraph(self.backend, self.policy)
        keys = self._keys(graph, members)
        with self.backend.transaction():
            for m in sorted(moved):
                for r in sorted(rest):
                    self.backend.add_override(OverrideKind.cannot_link, keys[m], keys[r], note)
            first, *others = sorted(moved)
            for other in others:
                self.backend.add_override(OverrideKind.must_link, keys[first], keys[other], note)
            return self._recompute(members, {found.root}, set())

    def merge(self, incidents: Iterable[str], note: str = "") -> IncidentChanges:
        """Make the given incidents one (withdrawing earlier decisions that kept their reports
        apart); the decision holds in every later recomputation."""
        found = {i.id: i for i in (self.backend.get_incident(x) for x in incidents)}
        if len(found) < 2:
            raise ReviewError.from_catalogue("E060", detail="a merge needs two or more incidents")
        roots = sorted(i.root for i in found.values())
        members = {r.event_id for i in found.values() for r in i.reports}
        graph = ReportGraph(self.backend, self.policy)
        keys = self._keys(graph, roots)
        with self.backend.transaction():
            withdrawn = [
                d for d in graph.decisions_within(members) if d.kind is OverrideKind.cannot_link
            ]
            made = [
                self.backend.add_override(OverrideKind.must_link, keys[roots[0]], keys[o], note)
                for o in roots[1:]
            ]
            for decision in withdrawn:
                self.backend.set_override_active(decision.id, False, replaced_by=made[0].id)
            return self._recompute(members, set(roots), set())

    def undo(self, override_id: int) -> IncidentChanges:
        """Withdraw an analyst decision (reinstating the decisions it had withdrawn, for a merge)
        and recompute the incidents it touched."""
        with self.backend.transaction():
            override = self.backend.set_override_active(override_id, False)
            restored = [
                self.backend.set_override_active(earlier.id, True)
                for earlier in self.backend.list_overrides()
                if earlier.replaced_by == override_id and not earlier.active
            ]
            return self._reconsider([override, *restored])

    def _reconsider(self, overrides: list[Override]) -> IncidentChanges:
        articles = {k.article_id for o in overrides for k in (o.first, o.second)}
        ids = {e for v in self.backend.article_reports(articles).values() for e in v}
        stale = {a.root for a in self.backend.assignments(ids).values() if a.root}
        return self._recompute(ids, stale, set())

    def _keys(self, graph: ReportGraph, event_ids: Iterable[str]) -> dict[str, EventKey]:
        keys = {}
        for event_id in event_ids:
            report = graph.feature(event_id)
            if report is None:
                raise ReviewError.from_catalogue("E060", detail=f"no report {event_id!r} is filed")
            keys[event_id] = EventKey.of(report)
        return keys
