"""One JSON error shape for every failure, request size limits, no stack traces to clients."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from sitrep.server.http_errors import BodyLimit


def _shape(response_json: dict) -> dict:
    error = response_json["error"]
    assert set(error) >= {"code", "status", "message", "request_id"}
    return error


@pytest.mark.parametrize(
    ("method", "url", "status", "code"),
    [
        ("GET", "/api/no-such-thing", 404, "E075"),
        ("GET", "/api/events/0000000000", 404, "E052"),
        ("GET", "/api/articles/nope", 404, "E052"),
        ("GET", "/api/events?country=Atlantis", 400, "E022"),
        ("GET", "/api/events?event_type=Skirmish", 400, "E023"),
        ("GET", "/api/events?bbox=1,2,3", 400, "E024"),
        ("GET", "/api/events?since=last+week", 400, "E020"),
        ("GET", "/api/events?cursor=not-a-cursor", 400, "E025"),
        ("GET", "/api/events?sort=-actor", 400, "E074"),
        ("GET", "/api/events?limit=100000", 400, "E074"),
        ("GET", "/api/events?role=rumoured", 400, "E074"),
        ("GET", "/api/aggregates?by=decade", 400, "E074"),
        ("DELETE", "/api/events", 405, "E077"),
        ("GET", "/api/incidents/inc-1", 404, "E063"),
    ],
)
def test_http_errors_share_one_shape(
    client: TestClient, method: str, url: str, status: int, code: str
) -> None:
    response = client.request(method, url)
    assert response.status_code == status
    error = _shape(response.json())
    assert (error["status"], error["code"]) == (status, code)


def test_http_errors_validation_lists_the_fields(client: TestClient, auth: dict[str, str]) -> None:
    event_id = client.get("/api/events?limit=1").json()["items"][0]["id"]
    response = client.post(f"/api/events/{event_id}/corrections", json={"value": 3}, headers=auth)
    error = _shape(response.json())
    assert response.status_code == 400 and error["code"] == "E074"
    assert any(d["where"].endswith("field") for d in error["details"])


def test_http_errors_cursor_of_another_sort_is_refused(client: TestClient) -> None:
    cursor = client.get("/api/events?limit=5&sort=-fatalities").json()["next_cursor"]
    response = client.get(f"/api/events?limit=5&sort=-date&cursor={cursor}")
    assert _shape(response.json())["code"] == "E025"


def test_http_errors_unexpected_failure_hides_the_traceback(
    app: FastAPI, client: TestClient
) -> None:
    def explode() -> None:
        raise RuntimeError("secret detail /srv/sitrep/internal.py line 42")

    app.add_api_route("/api/explode", explode)
    broken = TestClient(app, raise_server_exceptions=False)
    response = broken.get("/api/explode")
    assert response.status_code == 500
    error = _shape(response.json())
    assert error["code"] == "E076"
    assert "secret" not in response.text and "Traceback" not in response.text
    assert error["request_id"] in error["message"]


def test_http_errors_body_over_the_limit_is_refused(
    db_path, make_client, auth: dict[str, str]
) -> None:
    with make_client(db_path, max_body_bytes=1000) as client:
        response = client.post(
            "/api/articles", content=b"x" * 5000, headers={**auth, "content-type": "text/plain"}
        )
        assert response.status_code == 413
        assert _shape(response.json())["code"] == "E073"


def test_http_errors_streamed_body_over_the_limit_is_refused(
    db_path, make_client, auth: dict[str, str]
) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(10):
            yield b"y" * 400

    with make_client(db_path, max_body_bytes=1000) as client:
        event_id = client.get("/api/events?limit=1").json()["items"][0]["id"]
        response = client.post(
            f"/api/events/{event_id}/corrections",
            content=chunks(),
            headers={**auth, "content-type": "application/json"},
        )
        assert response.status_code == 413
        assert _shape(response.json())["code"] == "E073"


def test_http_errors_body_limit_passes_small_bodies() -> None:
    inner = FastAPI()

    @inner.post("/echo")
    async def echo(body: dict) -> dict:
        return body

    inner.add_middleware(BodyLimit, limit=100)
    assert TestClient(inner).post("/echo", json={"a": 1}).json() == {"a": 1}


def test_http_errors_security_headers(client: TestClient) -> None:
    response = client.get("/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
