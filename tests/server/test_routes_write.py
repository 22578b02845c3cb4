"""Submitting articles for extraction through the API (the real pipeline and spaCy model)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sitrep.core import Extractor
from sitrep.server import ServerSettings, create_app

TOKEN = "desk-token-0123456789"
REPORT = (
    "Gunmen killed at least 12 villagers in an attack on the village of Kourou in central Mali "
    "on Tuesday, local officials said. The attackers arrived on motorbikes and set fire to houses."
)
HOSTILE = (
    "<script>alert('x')</script> Militants killed 5 soldiers in an ambush near Menaka on Monday, "
    "the army said. A second paragraph follows with more detail about the ambush."
)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    """One extractor for the module: loading the model is the slow part."""
    return Extractor()


@pytest.fixture
def writer(tmp_path: Path, extractor: Extractor) -> Iterator[TestClient]:
    settings = ServerSettings(db=str(tmp_path / "desk.db"), tokens={TOKEN: "oumar"})
    with TestClient(create_app(settings, extractor=extractor)) as client:
        client.headers["Authorization"] = f"Bearer {TOKEN}"
        yield client


def test_routes_write_plain_text_is_extracted_and_stored(writer: TestClient) -> None:
    response = writer.post(
        "/api/articles?published=2024-03-14&source=Wire",
        content=REPORT.encode(),
        headers={"content-type": "text/plain"},
    )
    assert response.status_code == 201, response.text
    outcome = response.json()["articles"][0]
    assert outcome["status"] == "stored" and outcome["events"]
    detail = writer.get(f"/api/events/{outcome['events'][0]}").json()
    assert detail["article"]["source"] == "Wire"
    assert detail["event"]["fatalities"]["best"] == 12
    again = writer.post(
        "/api/articles", content=REPORT.encode(), headers={"content-type": "text/plain"}
    )
    assert again.json()["articles"][0]["status"] == "unchanged"


def test_routes_write_json_list_reports_each_article(writer: TestClient) -> None:
    body = {
        "articles": [
            {"text": REPORT, "published": "2024-03-14", "title": "Attack in central Mali"},
            {"title": "no text at all"},
            {
                "html": f"<html><body><article><p>{HOSTILE}</p></article></body></html>",
                "published": "2024-03-12",
            },
        ]
    }
    outcomes = writer.post("/api/articles", json=body).json()["articles"]
    assert [o["status"] for o in outcomes] == ["stored", "failed", "stored"]
    assert outcomes[1]["error"]["code"] == "E006"


def test_routes_write_markup_in_text_is_kept_as_text(writer: TestClient) -> None:
    outcome = writer.post(
        "/api/articles?published=2024-03-12",
        content=HOSTILE.encode(),
        headers={"content-type": "text/plain"},
    ).json()["articles"][0]
    article = writer.get(f"/api/articles/{outcome['article_id']}").json()["article"]
    assert "<script>alert('x')</script>" in article["text"]


def test_routes_write_reextract_keeps_a_correction(writer: TestClient) -> None:
    first = writer.post(
        "/api/articles?published=2024-03-14",
        content=REPORT.encode(),
        headers={"content-type": "text/plain"},
    ).json()["articles"][0]
    event_id = first["events"][0]
    corrected = writer.post(
        f"/api/events/{event_id}/corrections", json={"field": "fatalities.best", "value": 13}
    )
    assert corrected.json()["event"]["fatalities"]["low"] == 13
    again = writer.post(
        "/api/articles?published=2024-03-14&reextract=true",
        content=REPORT.encode(),
        headers={"content-type": "text/plain"},
    ).json()["articles"][0]
    assert again["status"] == "replaced" and event_id in again["events"]
    assert writer.get(f"/api/events/{event_id}").json()["event"]["fatalities"]["best"] == 13
    assert writer.get("/api/events?min_fatalities=13").json()["items"][0]["id"] == event_id


@pytest.mark.parametrize(
    ("content", "content_type", "status", "code"),
    [
        (b"", "text/plain", 422, "E001"),
        (b"\x00\x01binary", "text/plain", 422, "E002"),
        (b"caf\xe9 \xff\xfe", "text/plain", 422, "E003"),
        (b"{not json", "application/json", 422, "E005"),
        (b'{"articles": "nope"}', "application/json", 400, "E074"),
    ],
)
def test_routes_write_unusable_input_is_refused(
    writer: TestClient, content: bytes, content_type: str, status: int, code: str
) -> None:
    response = writer.post("/api/articles", content=content, headers={"content-type": content_type})
    assert response.status_code == status, response.text
    assert response.json()["error"]["code"] == code
