"""The wire copy through the real extractor (spaCy model) and into incidents.

Whatever the extraction stages manage on these articles, the incident layer must never merge
two real events, must not let background mentions create incidents, and must give the same
incidents in any order.
"""

from __future__ import annotations

import random

import pytest

from sitrep.core import Extractor
from sitrep.incidents import IncidentEngine, IncidentQuery, MemoryBackend
from sitrep.model import EventRole, ExtractionResult

from .wire import WIRE

REAL_EVENTS = {
    "strike-sahelwire": "25 Aug strike",
    "strike-desertpost": "25 Aug strike",
    "strike-radioazawad": "25 Aug strike",
    "strike-army": "25 Aug strike",
    "strike-revised": "25 Aug strike",
    "strike-weekly": "25 Aug strike",
    "background-mention": "25 Aug strike",
    "earlier-strike": "10 Aug strike",
    "later-strike": "16 Sep strike",
    "mopti-attack": "Ogossagou attack",
    "mopti-ied": "Boni bomb",
    "background-orphan": "Anefis strike",
}


@pytest.fixture(scope="module")
def extracted() -> dict[str, ExtractionResult]:
    extractor = Extractor()
    return {
        key: extractor.extract(text, published=published, title=title, source=outlet)
        for key, outlet, published, title, text in WIRE
    }


def incidents(engine: IncidentEngine, extracted: dict[str, ExtractionResult]) -> list[set[str]]:
    key_of = {r.article.id: k for k, r in extracted.items()}
    found = engine.backend.query_incidents(IncidentQuery(limit=1000))
    return [{key_of[r.article_id] for r in i.reports} for i in found]


def test_pipeline_never_merges_two_real_events(extracted) -> None:
    engine = IncidentEngine(MemoryBackend())
    engine.update(extracted.values())
    for keys in incidents(engine, extracted):
        assert len({REAL_EVENTS[k] for k in keys}) == 1, keys


def test_pipeline_background_alone_creates_no_incident(extracted) -> None:
    engine = IncidentEngine(MemoryBackend())
    engine.update([extracted["background-orphan"]])
    reported = [e for e in extracted["background-orphan"].events if e.role is EventRole.reported]
    assert len(engine.backend.query_incidents(IncidentQuery())) == len(reported)


def test_pipeline_order_and_reingest_change_nothing(extracted) -> None:
    reference = IncidentEngine(MemoryBackend())
    reference.update(extracted.values())
    keys = list(extracted)
    random.Random(4).shuffle(keys)
    engine = IncidentEngine(MemoryBackend())
    for key in keys:
        engine.update([extracted[key]])
    assert sorted(map(sorted, incidents(engine, extracted))) == sorted(
        map(sorted, incidents(reference, extracted))
    )
    again = engine.update(extracted.values())
    assert (again.written, again.removed) == ([], [])


def test_pipeline_one_event_per_single_event_article(extracted) -> None:
    """The assembler keeps each article's one event together (headline, lead, toll, denial)."""
    for key in ("strike-sahelwire", "strike-army", "earlier-strike", "mopti-attack", "mopti-ied"):
        reported = [e for e in extracted[key].events if e.role is EventRole.reported]
        assert len(reported) == 1, (key, [e.summary for e in extracted[key].events])


def test_pipeline_full_date_and_weekday_give_one_day(extracted) -> None:
    """One outlet writes '25 August 2024', another 'on Sunday': both reach the linker as one day."""
    days = {
        key: [e.date.value for e in extracted[key].reported if e.date is not None]
        for key in ("strike-sahelwire", "strike-desertpost")
    }
    assert days == {"strike-sahelwire": ["2024-08-25"], "strike-desertpost": ["2024-08-25"]}
