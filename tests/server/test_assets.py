"""Browser assets: the map library and basemap come from npm packages, served by the app."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sitrep.server.assets import VENDOR_FILES, copy_vendor_files, find_vendor_root


def _fake_node_modules(root: Path) -> Path:
    for path in VENDOR_FILES.values():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(f"/* {path} */")
    return root


def test_assets_copied_from_node_modules(tmp_path: Path) -> None:
    source = _fake_node_modules(tmp_path / "node_modules")
    assert copy_vendor_files(source, tmp_path / "vendor") == len(VENDOR_FILES)
    assert (
        tmp_path / "vendor" / "leaflet/dist/leaflet.js"
    ).read_text() == "/* leaflet/dist/leaflet.js */"


def test_assets_served_from_the_configured_folder(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    db_path: Path,
    make_client: Callable[..., TestClient],
) -> None:
    monkeypatch.setenv("SITREP_WEB_VENDOR", str(_fake_node_modules(tmp_path / "nm")))
    assert find_vendor_root() == tmp_path / "nm"
    with make_client(db_path) as client:
        assert client.get("/vendor/leaflet.js").text == "/* leaflet/dist/leaflet.js */"
        assert client.get("/vendor/countries-110m.json").status_code == 200
        assert client.get("/vendor/../../pyproject.toml").status_code == 404
        assert client.get("/vendor/leaflet/package.json").status_code == 404
        assert client.get("/api/config").json()["basemap_available"] is True


def test_assets_pages_are_served(client: TestClient) -> None:
    desk = client.get("/")
    assert desk.status_code == 200 and 'src="/static/desk.js"' in desk.text
    assert "cdn" not in desk.text.lower() and "https://" not in desk.text
    event = client.get("/events/anything")
    assert event.status_code == 200 and 'src="/static/event.js"' in event.text
    assert client.get("/static/common.js").status_code == 200
