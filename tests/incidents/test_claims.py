"""Claims across reports: every claim kept with its sources, revised tolls, a fair range,
contested figures, denials and confirmations, distinct outlets."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep.incidents import IncidentEngine, IncidentQuery, MemoryBackend
from sitrep.incidents.claims import figures
from sitrep.incidents.records import ClaimSource, IncidentClaim
from sitrep.model import ClaimKind, Span

from .conftest import STRIKE


def claim(
    claimant: str, killed: int, qualifier: str | None = None, *outlets: str, day: int = 26
) -> IncidentClaim:
    sources = [
        ClaimSource(
            event_id=f"e-{o}",
            article_id=f"a-{o}",
            outlet=o,
            published=dt.date(2024, 8, day),
            sentence=Span(start=0, end=0, text=""),
        )
        for o in outlets or ("x",)
    ]
    return IncidentClaim(
        claimant=claimant,
        kind=ClaimKind.fatalities,
        killed=killed,
        qualifier=qualifier,
        sources=sources,
    )


@pytest.mark.parametrize(
    ("claims", "low", "best", "high", "contested"),
    [
        ([claim("rebels", 21, "at least")], 21, 21, 21, False),
        ([claim("rebels", 21, "at least"), claim("outlet", 21)], 21, 21, 21, False),
        ([claim("rebels", 21, "at least"), claim("officials", 23)], 21, 23, 23, False),
        ([claim("rebels", 30, "up to"), claim("officials", 12)], 12, 12, 30, False),
        ([claim("rebels", 20, "about"), claim("officials", 22)], 20, 22, 22, False),
        ([claim("rebels", 21, None, "a", "b", "c"), claim("army", 6, None, "d")], 6, 21, 21, True),
        ([claim("rebels", 21, None, "a"), claim("army", 6, None, "d")], 6, 6, 21, True),
        ([claim("rebels", 21), claim("army", 0)], 21, 21, 21, True),
    ],
    ids=[
        "one",
        "with-and-without-at-least",
        "at-least-then-figure",
        "up-to",
        "about",
        "contested-majority",
        "contested-tie",
        "denied",
    ],
)
def test_claims_range_of_current_figures(claims, low, best, high, contested) -> None:
    result = figures(claims, ClaimKind.fatalities)
    assert (result.low, result.best, result.high, result.contested) == (low, best, high, contested)
    assert result.conservative == (low if contested else best)


def outcome(wire, keys: list[str]):
    engine = IncidentEngine(MemoryBackend())
    for key in keys:
        engine.update([wire(key)])
    found = engine.backend.query_incidents(IncidentQuery())
    return max(found, key=lambda i: i.n_reports)


def test_claims_revised_toll_supersedes_the_first(wire) -> None:
    incident = outcome(
        wire, ["strike-sahelwire", "strike-desertpost", "strike-radioazawad", "strike-revised"]
    )
    rebels = [
        c for c in incident.claims if c.claimant == "CSP-DPA" and c.kind is ClaimKind.fatalities
    ]
    assert {(c.killed, c.status) for c in rebels} == {(21, "superseded"), (25, "current")}
    dead = incident.fatalities
    assert (dead.low, dead.best, dead.high, dead.contested, dead.conservative) == (
        25,
        25,
        25,
        False,
        25,
    )


def test_claims_one_claim_many_outlets(wire) -> None:
    incident = outcome(wire, STRIKE[:3])
    (rebels,) = [c for c in incident.claims if c.kind is ClaimKind.fatalities]
    assert rebels.killed == 21 and rebels.qualifier == "at least"
    assert rebels.outlets == {"sahel wire", "desert post", "radio azawad"}
    assert all(s.sentence.text for s in rebels.sources)
    assert incident.fatalities.by_group == {"civilians": 21, "children": 11}
    assert incident.grade == "fair"


def test_claims_army_confirmation_and_denial_are_recorded(wire) -> None:
    incident = outcome(wire, STRIKE)
    assert incident.fatalities.contested
    assert (incident.fatalities.low, incident.fatalities.best, incident.fatalities.high) == (
        6,
        21,
        21,
    )
    assert incident.fatalities.conservative == 6
    assert any("denied" in d for d in incident.denials)
    assert any("drones struck" in c for c in incident.confirmations)
    assert incident.grade == "contested"
    assert any("Military Forces of Mali" in a for a in incident.accused)


def test_claims_sources_are_distinct_outlets(wire) -> None:
    """Two articles of one outlet count as one source."""
    incident = outcome(wire, ["strike-sahelwire", "strike-revised", "strike-desertpost"])
    assert incident.n_reports == 3
    assert incident.n_sources == 2
    assert incident.sources == ["desert post", "sahel wire"]


def test_claims_evidence_spans_point_into_their_articles(wire) -> None:
    results = {k: wire(k) for k in STRIKE}
    texts = {r.article.id: r.article.text for r in results.values()}
    incident = outcome(wire, STRIKE)
    for item in incident.claims:
        for source in item.sources:
            sentence = source.sentence
            assert texts[source.article_id][sentence.start : sentence.end] == sentence.text
