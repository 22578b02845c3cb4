"""Analyst review: corrections kept as overrides that survive re-extraction, confirm/reject, and
the audit log (who, when, what, before, after)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from sitrep.model import ExtractionResult, Span
from sitrep.store import open_store


@pytest.fixture
def coded(
    tmp_path: Path, make_result: Callable[..., ExtractionResult]
) -> tuple[Path, list[ExtractionResult]]:
    """A database of three hand-built reports, and the results stored in it."""
    results = [
        make_result(sub="Air/drone strike", killed=21, place="Tinzaouaten"),
        make_result(sub="Armed clash", killed=4, place="Kidal", day="2024-07-27"),
        make_result(
            sub="Peaceful protest",
            killed=None,
            place="Bamako",
            actor1="Protesters (Mali)",
            actor2=None,
        ),
    ]
    path = tmp_path / "coded.db"
    with open_store(path) as store:
        for result in results:
            store.save_result(result)
    return path, results


@pytest.fixture
def desk(
    coded: tuple[Path, list[ExtractionResult]], make_client: Callable[..., TestClient]
) -> Iterator[TestClient]:
    with make_client(coded[0]) as client:
        yield client


def _correct(
    client: TestClient, auth: dict[str, str], event_id: str, field: str, value: Any
) -> dict:
    response = client.post(
        f"/api/events/{event_id}/corrections",
        json={"field": field, "value": value, "note": "checked"},
        headers=auth,
    )
    assert response.status_code == 200, response.text
    detail: dict = response.json()
    return detail


def test_review_correction_reaches_filters_and_downloads(
    desk: TestClient, auth: dict[str, str]
) -> None:
    _correct(desk, auth, "event-0002", "fatalities.best", 40)
    _correct(desk, auth, "event-0002", "fatalities.low", 35)
    rows = desk.get("/api/events?min_fatalities=30").json()["items"]
    assert [r["id"] for r in rows] == ["event-0002"] and rows[0]["corrected"]
    assert rows[0]["fatalities"] == 35  # the conservative figure follows the corrected low
    csv_text = desk.get("/api/events.csv?review=corrected").text
    assert "event-0002" in csv_text and ",35," in csv_text and "event-0001" not in csv_text
    assert desk.get("/api/events?actor=dozo").json()["items"] == []
    _correct(desk, auth, "event-0002", "actor1.name", "Dozo Militia")
    assert [r["id"] for r in desk.get("/api/events?actor=dozo").json()["items"]] == ["event-0002"]


def test_review_audit_log_records_who_when_before_after(
    desk: TestClient, auth: dict[str, str]
) -> None:
    detail = _correct(desk, auth, "event-0001", "fatalities.best", 22)
    entry = detail["review"]["history"][0]
    assert entry["author"] == "amina" and entry["action"] == "correct"
    assert (entry["field"], entry["before"], entry["after"], entry["note"]) == (
        "fatalities.best",
        21,
        22,
        "checked",
    )
    assert entry["at"].startswith("20")
    log = desk.get("/api/audit?author=amina").json()
    assert log[0]["target_id"] == "event-0001" and log[0]["after"] == 22


def test_review_correction_survives_reextraction(
    desk: TestClient, auth: dict[str, str], coded: tuple[Path, list[ExtractionResult]]
) -> None:
    path, results = coded
    _correct(desk, auth, "event-0001", "fatalities.best", 24)
    _correct(desk, auth, "event-0001", "sub_event_type", "Shelling/artillery/missile attack")
    with open_store(path) as store:  # the extractor runs again and writes its own values
        assert store.save_result(results[0], replace=True)
    event = desk.get("/api/events/event-0001").json()["event"]
    assert event["fatalities"]["best"] == 24
    assert event["sub_event_type"] == "Shelling/artillery/missile attack"
    rows = desk.get("/api/events?sub_event_type=Shelling/artillery/missile+attack").json()["items"]
    assert [r["id"] for r in rows] == ["event-0001"]


def test_review_correction_follows_an_event_whose_id_changed(
    desk: TestClient, auth: dict[str, str], coded: tuple[Path, list[ExtractionResult]]
) -> None:
    path, results = coded
    _correct(desk, auth, "event-0003", "location.name", "Bamako, Commune III")
    desk.post("/api/events/event-0003/confirm", json={}, headers=auth)
    old = results[2].events[0]
    # a newer extractor names the event differently, but it is the same words of the same article
    anchor = Span(
        start=old.type_evidence[0].start, end=old.type_evidence[0].end + 1, text="Report 3"
    )
    renamed = old.model_copy(update={"id": "event-0003-v2", "type_evidence": [anchor]})
    with open_store(path) as store:
        store.save_result(
            ExtractionResult(article=results[2].article, events=[renamed]), replace=True
        )
    detail = desk.get("/api/events/event-0003-v2").json()
    assert detail["event"]["location"]["name"] == "Bamako, Commune III"
    assert detail["review"]["status"] == "confirmed"
    assert [c["field"] for c in detail["review"]["corrections"]] == ["location.name"]


def test_review_reject_hides_the_event_until_reopened(
    desk: TestClient, auth: dict[str, str]
) -> None:
    desk.post("/api/events/event-0002/reject", json={"note": "duplicate"}, headers=auth)
    ids = {r["id"] for r in desk.get("/api/events").json()["items"]}
    assert ids == {"event-0001", "event-0003"}
    assert "event-0002" not in desk.get("/api/events.jsonl").text
    assert [r["id"] for r in desk.get("/api/events?review=rejected").json()["items"]] == [
        "event-0002"
    ]
    assert desk.get("/api/events/totals?review=all").json()["events"] == 3
    desk.post("/api/events/event-0002/reopen", json={}, headers=auth)
    assert len(desk.get("/api/events").json()["items"]) == 3


def test_review_revert_restores_the_extracted_value(desk: TestClient, auth: dict[str, str]) -> None:
    _correct(desk, auth, "event-0001", "fatalities.best", 30)
    _correct(desk, auth, "event-0001", "fatalities.best", 31)
    response = desk.delete("/api/events/event-0001/corrections/fatalities.best", headers=auth)
    detail = response.json()
    assert detail["event"]["fatalities"]["best"] == 21
    assert detail["review"]["corrections"] == []
    assert detail["review"]["history"][0]["action"] == "revert"
    again = desk.delete("/api/events/event-0001/corrections/fatalities.best", headers=auth)
    assert again.status_code == 422 and again.json()["error"]["code"] == "E060"


def test_review_refused_correction_changes_nothing(desk: TestClient, auth: dict[str, str]) -> None:
    response = desk.post(
        "/api/events/event-0001/corrections",
        json={"field": "fatalities.best", "value": -3},
        headers=auth,
    )
    assert response.status_code == 422 and response.json()["error"]["code"] == "E062"
    detail = desk.get("/api/events/event-0001").json()
    assert detail["event"]["fatalities"]["best"] == 21 and detail["review"]["history"] == []


def test_review_incident_actions_wait_for_incidents(desk: TestClient, auth: dict[str, str]) -> None:
    split = desk.post(
        "/api/incidents/inc-1/split", json={"event_ids": ["event-0001"]}, headers=auth
    )
    merge = desk.post("/api/incidents/merge", json={"incident_ids": ["a", "b"]}, headers=auth)
    assert split.json()["error"]["code"] == merge.json()["error"]["code"] == "E063"
    assert desk.get("/api/audit").json() == []
