"""Who may write and read: bearer tokens, no default token, reads open or protected."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient


def _first_event(client: TestClient) -> str:
    event_id: str = client.get("/api/events?limit=1").json()["items"][0]["id"]
    return event_id


@pytest.mark.parametrize(
    ("headers", "status", "code"),
    [
        ({}, 401, "E071"),
        ({"Authorization": "Bearer not-the-token-at-all"}, 401, "E072"),
        ({"Authorization": "Basic YW1pbmE6eA=="}, 401, "E071"),
    ],
)
def test_auth_write_needs_a_valid_token(
    client: TestClient, headers: dict[str, str], status: int, code: str
) -> None:
    response = client.post(f"/api/events/{_first_event(client)}/confirm", json={}, headers=headers)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert response.headers["www-authenticate"] == "Bearer"


def test_auth_write_with_token_is_recorded_under_the_analyst(
    client: TestClient, auth: dict[str, str]
) -> None:
    event_id = _first_event(client)
    response = client.post(
        f"/api/events/{event_id}/confirm", json={"note": "two sources"}, headers=auth
    )
    assert response.status_code == 200
    review = response.json()["review"]
    assert (review["status"], review["status_by"]) == ("confirmed", "amina")
    assert review["history"][0]["note"] == "two sources"


def test_auth_writes_refused_when_no_token_is_configured(
    db_path: Path, make_client: Callable[..., TestClient]
) -> None:
    with make_client(db_path, tokens={}) as client:
        event_id = _first_event(client)
        response = client.post(
            f"/api/events/{event_id}/reject", json={}, headers={"Authorization": "Bearer anything"}
        )
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "E070"
        assert "SITREP_API_TOKEN" in response.json()["error"]["message"]
        assert client.get("/api/config").json()["writes_enabled"] is False


def test_auth_protected_reads_need_a_token(
    db_path: Path, make_client: Callable[..., TestClient], auth: dict[str, str]
) -> None:
    with make_client(db_path, read_needs_token=True) as client:
        assert client.get("/api/events").json()["error"]["code"] == "E071"
        assert client.get("/api/events", headers=auth).status_code == 200
        bad = client.get("/api/events.csv", headers={"Authorization": "Bearer wrong-wrong-wrong"})
        assert bad.status_code == 401


def test_auth_me_names_the_analyst(client: TestClient, auth: dict[str, str]) -> None:
    assert client.get("/api/me").json() == {"analyst": None, "can_write": False}
    assert client.get("/api/me", headers=auth).json() == {"analyst": "amina", "can_write": True}
