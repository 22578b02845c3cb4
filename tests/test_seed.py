"""The acceptance case: the seed wire report, coded as an analyst expects (``../shared/seed``).

The article and the analyst's coding are read from ``../shared/seed`` at run time (they are not the
project's to copy). CI has that folder beside the checkout; elsewhere these tests skip, except
when CI=true, where a missing seed is a failure.

Every assertion compares with the analyst's expectations in ``expected.json`` or with facts of
the text, never with a stored copy of sitrep's own output.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from sitrep import Extractor
from sitrep.model import ActorStatus, ClaimKind, DatePrecision, EventRole, ExtractionResult
from sitrep.pipeline.clean import RawArticle, prepare_article
from sitrep.taxonomy import EventType, SubEventType


def _seed_dir() -> Path:
    """``../shared/seed`` beside the checkout (CI), or above a worktree; ``$SITREP_SEED`` wins."""
    if os.environ.get("SITREP_SEED"):
        return Path(os.environ["SITREP_SEED"])
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "shared" / "seed"
        if candidate.is_dir():
            return candidate
    return Path(__file__).resolve().parents[1].parent / "shared" / "seed"


SEED = _seed_dir()

pytestmark = pytest.mark.skipif(
    not SEED.is_dir() and os.environ.get("CI") != "true",
    reason=f"the seed article is read from {SEED} (present in CI)",
)


@pytest.fixture(scope="module")
def expected() -> dict:
    return json.loads((SEED / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def raw_text() -> str:
    return (SEED / "tinzaouaten-2024-08.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor().prepare()


@pytest.fixture(scope="module")
def month_only(extractor: Extractor, raw_text: str) -> ExtractionResult:
    return extractor.extract(raw_text)


@pytest.fixture(scope="module")
def dated(extractor: Extractor, raw_text: str) -> ExtractionResult:
    return extractor.extract(RawArticle(text=raw_text, published_fallback="2024-08-26"))


def _strike(result: ExtractionResult):
    reported = result.reported
    assert len(reported) == 1, [(e.sub_event_type.value, e.summary) for e in reported]
    return reported[0]


def test_seed_boilerplate_is_not_content(raw_text: str, expected: dict) -> None:
    article = prepare_article(RawArticle(text=raw_text))
    assert (
        article.published is not None
        and article.published.value == expected["article"]["published"]
    )
    assert "Google News channel" not in article.text
    assert "Read more" not in article.text
    assert "Mali cuts ties with Ukraine" not in article.text


def test_seed_one_reported_event_the_drone_strike(
    month_only: ExtractionResult, expected: dict
) -> None:
    want = expected["events"][0]
    strike = _strike(month_only)
    assert strike.event_type is EventType(want["event_type"])
    assert strike.sub_event_type is SubEventType(want["sub_event_type"])
    assert strike.civilian_targeting is want["civilian_targeting"]
    assert strike.type_evidence and all(
        month_only.article.text[s.start : s.end] == s.text for s in strike.type_evidence
    )


def test_seed_date_stays_at_month_without_a_full_publication_date(
    month_only: ExtractionResult, expected: dict
) -> None:
    want = expected["events"][0]["date"]
    date = _strike(month_only).date
    assert date is not None
    assert date.value == want["month_only"]
    assert date.precision is DatePrecision(want["precision_month_only"])


def test_seed_date_is_the_sunday_when_published_is_known(
    dated: ExtractionResult, expected: dict
) -> None:
    want = expected["events"][0]["date"]
    date = _strike(dated).date
    assert date is not None
    assert date.value == want["when_published_2024-08-26"]
    assert date.precision is DatePrecision(want["precision"])
    assert any(want["evidence"] in span.text for span in date.evidence)


def test_seed_location_is_honest_with_the_embedded_gazetteer(
    month_only: ExtractionResult, expected: dict
) -> None:
    want = expected["events"][0]["location"]
    location = _strike(month_only).location
    assert location is not None
    assert location.name == want["name"]
    assert location.country_iso3 == want["country_iso3"]
    if location.resolved:
        # the place is known (e.g. from the supplement): it must be the Malian town, not its twin
        assert location.admin1 == want["admin1"]
        assert location.geo_precision == want["geo_precision"]
        assert location.latitude is not None and location.longitude is not None
        assert abs(location.latitude - want["approx_lat"]) < 0.25
        assert abs(location.longitude - want["approx_lon"]) < 0.25
    else:
        assert location.geo_precision == 3
    assert location.evidence and location.evidence[0].text.startswith(want["name"])


def test_seed_actors_alleged_by_the_rebels(month_only: ExtractionResult, expected: dict) -> None:
    want = expected["events"][0]
    strike = _strike(month_only)
    assert strike.actor1 is not None
    assert strike.actor1.name.startswith(want["actor1"]["name"])
    assert strike.actor1.inter == want["actor1"]["inter"]
    assert strike.actor1.status is ActorStatus.alleged
    assert strike.actor1.attributed_by and "CSP-DPA" in strike.actor1.attributed_by
    assoc = {a.name.split(" (")[0]: a for a in strike.assoc_actor_1}
    for item in want["assoc_actor_1"]:
        ref = assoc.get(item["name"])
        assert ref is not None, (item["name"], list(assoc))
        assert ref.inter == item["inter"]
        assert ref.status is ActorStatus.alleged
    assert strike.actor2 is not None
    assert strike.actor2.name == want["actor2"]["name"]
    assert strike.actor2.inter == want["actor2"]["inter"]
    assert strike.interaction == 17


def test_seed_fatalities_without_double_counting(
    month_only: ExtractionResult, expected: dict
) -> None:
    want = expected["events"][0]["fatalities"]
    killed = _strike(month_only).fatalities
    assert (killed.low, killed.best, killed.high) == (want["low"], want["best"], want["high"])
    assert killed.qualifier == want["qualifier"]
    assert killed.provisional is want["provisional"]
    assert not killed.contested
    for group, value in want["of_whom"].items():
        assert killed.by_group.get(group) == value
    assert killed.conservative == want["best"]
    assert all(month_only.article.text[s.start : s.end] == s.text for s in killed.evidence)


def test_seed_injuries_read_dozens_as_acled_does(
    month_only: ExtractionResult, expected: dict
) -> None:
    want = expected["events"][0]["injuries"]
    injured = _strike(month_only).injuries
    assert injured.low == want["low"]
    assert injured.qualifier == want["qualifier"]
    assert any(want["text"] in s.text or s.text in want["text"] for s in injured.evidence)


def test_seed_claims_who_says_what(month_only: ExtractionResult) -> None:
    claims = _strike(month_only).claims
    toll = [c for c in claims if c.kind is ClaimKind.fatalities]
    assert any("CSP-DPA" in c.claimant and c.killed == 21 for c in toll), [
        (c.claimant, c.killed) for c in toll
    ]
    silent = [c for c in claims if c.kind is ClaimKind.no_comment]
    assert len(silent) >= 3
    assert any("Military Forces of Mali" in c.claimant for c in silent)
    for claim in claims:
        text = month_only.article.text[claim.sentence.start : claim.sentence.end]
        assert text == claim.sentence.text


def test_seed_background_battle_with_contested_toll(
    month_only: ExtractionResult, expected: dict
) -> None:
    want = expected["events"][1]
    battles = [
        e for e in month_only.background if e.sub_event_type is SubEventType(want["sub_event_type"])
    ]
    assert battles, [(e.sub_event_type.value, e.summary) for e in month_only.events]
    battle = battles[0]
    assert battle.role is EventRole.background
    assert battle.date is not None and battle.date.value == want["date"]["value"]
    assert battle.date.precision is DatePrecision(want["date"]["precision"])
    killed = battle.fatalities
    assert killed.contested is want["fatalities"]["contested"]
    assert (killed.low, killed.high) == (want["fatalities"]["low"], want["fatalities"]["high"])
    sides = {
        a.name.split(":")[0].split(" (")[0]
        for a in [battle.actor1, battle.actor2, *battle.assoc_actor_1, *battle.assoc_actor_2]
        if a
    }
    assert {"CSP-DPA", "Military Forces of Mali"} <= sides, sides


def test_seed_background_july_airstrikes(month_only: ExtractionResult, expected: dict) -> None:
    want = expected["events"][2]
    strikes = [
        e for e in month_only.background if e.sub_event_type is SubEventType(want["sub_event_type"])
    ]
    assert strikes
    assert strikes[0].date is not None and strikes[0].date.value == want["date"]["value"]


def test_seed_context_is_never_news(month_only: ExtractionResult) -> None:
    for event in month_only.reported:
        assert event.date is None or event.date.start.year == 2024, event.summary
    for event in month_only.events:
        if event.date is not None and event.date.start.year < 2024:
            assert event.role is EventRole.background
