"""Fixtures of the incident tests: the project's wire copy coded by hand, and engines over the
memory backend and over a real SQLite event store."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from sitrep.incidents import IncidentEngine, MemoryBackend
from sitrep.incidents.sqlite import SQLiteIncidentBackend
from sitrep.model import ActorStatus, ClaimKind, DatePrecision, EventRole, ExtractionResult
from sitrep.store import SQLiteStore, open_store
from sitrep.taxonomy import SubEventType

from .coding import Coding, Said, coded

MALI_ARMY = "Military Forces of Mali (2021-)"
CIVILIANS = "Civilians (Mali)"


def _codings() -> dict[str, Coding]:
    rebels = "CSP-DPA"
    return {
        "strike-sahelwire": Coding(
            trigger="drone strikes",
            actor2=CIVILIANS,
            actor2_inter=7,
            claims=[
                Said(
                    rebels,
                    "At least 21 civilians, among them 11 children, were killed by drone strikes",
                    killed=21,
                    qualifier="at least",
                    by_group={"civilians": 21, "children": 11},
                    claimant_type="armed_group",
                ),
                Said(
                    MALI_ARMY,
                    "The army did not respond to a request for comment.",
                    kind=ClaimKind.no_comment,
                    claimant_type="military",
                ),
            ],
        ),
        "strike-desertpost": Coding(
            trigger="drone strikes",
            place="Tin Zaouatene",
            actor1=MALI_ARMY,
            actor1_inter=1,
            actor1_status=ActorStatus.alleged,
            attributed_by=rebels,
            actor2=CIVILIANS,
            actor2_inter=7,
            claims=[
                Said(
                    rebels,
                    "killed 21 civilians, including 11 children, according to the CSP-DPA",
                    killed=21,
                    by_group={"civilians": 21, "children": 11},
                    claimant_type="armed_group",
                ),
                Said(
                    rebels,
                    "The rebels blamed the Malian army for the strikes",
                    kind=ClaimKind.accusation,
                    about=MALI_ARMY,
                    claimant_type="armed_group",
                ),
            ],
        ),
        "strike-radioazawad": Coding(
            trigger="Drone strikes",
            place="Tinzaouatene",
            claims=[Said(rebels, "Drone strikes on Sunday killed 21 people", killed=21)],
        ),
        "strike-army": Coding(
            trigger="drones struck",
            actor1=MALI_ARMY,
            actor1_inter=1,
            actor1_status=ActorStatus.claimed,
            claims=[
                Said(
                    MALI_ARMY,
                    "its drones struck terrorist targets in Tinzaouaten on Sunday, killing 6 fighters",
                    killed=6,
                    by_group={"militants": 6},
                    claimant_type="military",
                ),
                Said(
                    MALI_ARMY,
                    "The Malian army said on Monday that its drones struck terrorist targets",
                    kind=ClaimKind.confirmation,
                    claimant_type="military",
                ),
                Said(
                    MALI_ARMY,
                    "The army denied that any civilians had been killed",
                    kind=ClaimKind.denial,
                    claimant_type="military",
                ),
            ],
        ),
        "strike-revised": Coding(
            trigger="drone strikes",
            claims=[Said(rebels, "has risen to 25", killed=25, claimant_type="armed_group")],
        ),
        "earlier-strike": Coding(
            trigger="drone strike",
            day="2024-08-10",
            claims=[Said("Residents", "killed three people in Tinzaouaten", killed=3)],
        ),
        "later-strike": Coding(
            trigger="Drones struck",
            day="2024-09-16",
            actor2=CIVILIANS,
            actor2_inter=7,
            claims=[Said("Residents", "killing two herders", killed=2)],
        ),
        "mopti-attack": Coding(
            trigger="killed seven villagers",
            sub=SubEventType.attack,
            place="Ogossagou",
            admin1="Mopti",
            actor2=CIVILIANS,
            actor2_inter=7,
            claims=[Said("Local officials", "Gunmen killed seven villagers", killed=7)],
        ),
        "mopti-ied": Coding(
            trigger="roadside bomb",
            sub=SubEventType.remote_explosive,
            place="Boni",
            admin1="Mopti",
            claims=[Said("Military source", "A roadside bomb killed four soldiers", killed=4)],
        ),
        "strike-weekly": Coding(
            trigger="Drone strikes",
            day="2024-08-28",
            precision=DatePrecision.week,
            claims=[Said("Rebels", "Drone strikes this week killed 21 people", killed=21)],
        ),
        "background-mention": Coding(
            trigger="drone strikes",
            day="2024-08-15",
            precision=DatePrecision.month,
            role=EventRole.background,
            claims=[Said("Rebels", "drone strikes on Tinzaouaten killed 21 civilians", killed=21)],
        ),
        "background-orphan": Coding(
            trigger="air strike",
            day="2023-12-15",
            precision=DatePrecision.month,
            place="Anefis",
            role=EventRole.background,
            claims=[Said("Rebels", "killed nine people", killed=9)],
        ),
    }


CODINGS = _codings()
STRIKE = ["strike-sahelwire", "strike-desertpost", "strike-radioazawad", "strike-army"]


@pytest.fixture
def wire() -> Callable[[str], ExtractionResult]:
    """``wire(key)``: the hand-coded extraction result of a wire entry."""
    return lambda key: coded(key, CODINGS[key])


@pytest.fixture
def memory_engine() -> IncidentEngine:
    return IncidentEngine(MemoryBackend())


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    with open_store(tmp_path / "sitrep.db") as opened:
        yield opened


@pytest.fixture
def sqlite_engine(store: SQLiteStore) -> IncidentEngine:
    return IncidentEngine(SQLiteIncidentBackend.of(store))


def memberships(engine: IncidentEngine) -> list[tuple[str, ...]]:
    """Every incident as the sorted article ids of its reports (order-free, id-free)."""
    from sitrep.incidents import IncidentQuery

    found = engine.backend.query_incidents(IncidentQuery(limit=10_000))
    return sorted(tuple(sorted(r.article_id for r in i.reports)) for i in found)
