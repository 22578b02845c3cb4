"""Incidents across sources: many reports of one real event, linked, with every claim kept.

>>> from sitrep.incidents import IncidentEngine, MemoryBackend
>>> engine = IncidentEngine(MemoryBackend())
>>> changes = engine.update(results)          # doctest: +SKIP  (ExtractionResults)
>>> engine.backend.get_incident(changes.written[0]).summary   # doctest: +SKIP

Layers: ``features`` (a report as the linker sees it), ``score`` (a pair's score and reasons),
``blocking`` (which pairs to compare), ``cluster`` (deterministic grouping), ``claims`` and
``reconcile`` (one incident from its reports), ``engine`` (incremental updates and analyst
decisions) over a ``backend`` (memory, or SQLite in ``sitrep.incidents.sqlite``); ``ucdp``
gives UCDP-GED-style export columns; ``cli`` the ``sitrep incidents`` commands; ``api`` the
incident source of the HTTP API; ``service`` the calls ingest makes; ``bench`` the linking
benchmark.
"""

from __future__ import annotations

from sitrep.incidents.backend import Assignment, IncidentBackend, IncidentQuery, MemoryBackend
from sitrep.incidents.blocking import BlockIndex, block_keys
from sitrep.incidents.cluster import Unit
from sitrep.incidents.engine import IncidentChanges, IncidentEngine
from sitrep.incidents.features import ReportFeatures, features_of
from sitrep.incidents.overrides import EventKey, Override, OverrideKind
from sitrep.incidents.policy import LinkPolicy, default_policy
from sitrep.incidents.reconcile import Member, ReportSource, build_incident, incident_id
from sitrep.incidents.records import (
    ClaimSource,
    Incident,
    IncidentActor,
    IncidentClaim,
    IncidentFigures,
    IncidentReport,
    LinkExplanation,
)
from sitrep.incidents.score import LinkScore, Reason, score_pair

__all__ = [
    "Assignment",
    "BlockIndex",
    "ClaimSource",
    "EventKey",
    "Incident",
    "IncidentActor",
    "IncidentBackend",
    "IncidentChanges",
    "IncidentClaim",
    "IncidentEngine",
    "IncidentFigures",
    "IncidentQuery",
    "IncidentReport",
    "LinkExplanation",
    "LinkPolicy",
    "LinkScore",
    "Member",
    "MemoryBackend",
    "Override",
    "OverrideKind",
    "Reason",
    "ReportFeatures",
    "ReportSource",
    "Unit",
    "block_keys",
    "build_incident",
    "default_policy",
    "features_of",
    "incident_id",
    "score_pair",
]
