"""End-to-end fixtures: a database built from articles (the real pipeline) plus synthetic events for
the map, `sitrep serve`'s app on a loopback port, and Debian's Chromium driven by Playwright.

Chromium is never downloaded: the tests use /usr/bin/chromium (installed by scripts/setup-browser).
Without it they skip locally with the reason, and fail in CI (CI=true), so they cannot be silently
skipped there.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sitrep.core import Extractor
from sitrep.server import ServerSettings, create_app
from sitrep.server.assets import find_vendor_root
from sitrep.server.synthetic import fill_store
from sitrep.store import open_store

TOKEN = "browser-token-0123456789"
CHROMIUM = os.environ.get("SITREP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"

# Articles written by the project for these tests, in the style of wire copy (events invented).
ARTICLES: list[dict[str, str]] = [
    {
        "title": "Gunmen kill villagers in central Mali",
        "published": "2024-03-14",
        "source": "Sahel Wire",
        "text": (
            "Gunmen killed at least 12 villagers in an attack on the village of Kourou in central "
            "Mali on Tuesday, local officials said. The attackers arrived on motorbikes and set fire "
            "to houses and granaries before leaving, a resident said by telephone."
        ),
    },
    {
        "title": "<img src=x onerror=alert(1)> Ambush near Menaka",
        "published": "2024-03-12",
        "source": "<b>Desert Post</b>",
        "text": (
            "<script>alert('x')</script> 🙂 Militants killed 5 soldiers in an ambush near Menaka on "
            "Monday, the army said in a statement. The soldiers were escorting a supply convoy."
        ),
    },
]


def _require(found: bool, reason: str) -> None:
    if found:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI must run the browser tests: run scripts/setup-browser)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def desk_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The database the browser sees: the articles above through the real pipeline, then 300
    synthetic events with coordinates (the geocoder may leave extracted ones without)."""
    path = tmp_path_factory.mktemp("desk") / "desk.db"
    extractor = Extractor()
    with open_store(path) as store:
        for record in ARTICLES:
            result = extractor.extract(
                record["text"],
                published=record["published"],
                title=record["title"],
                source=record["source"],
            )
            assert result.events, f"no event extracted from {record['title']!r}"
            store.save_result(result)
        fill_store(store, 300, seed=21)
    return path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def server(desk_db: Path) -> Iterator[str]:
    """The app served by uvicorn on a loopback port, in a thread of this process."""
    import uvicorn

    _require(find_vendor_root() is not None, "the npm packages are not installed")
    settings = ServerSettings(db=str(desk_db), tokens={TOKEN: "amina"})
    port = _free_port()
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    runner = uvicorn.Server(config)
    thread = threading.Thread(target=runner.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not runner.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    runner.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser_context(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Debian's Chromium, headless, with a fresh profile."""
    _require(
        Path(CHROMIUM).exists() and shutil.which(CHROMIUM) is not None, f"no Chromium at {CHROMIUM}"
    )
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_FLAGS,
            viewport={"width": 1400, "height": 950},
        )
        yield context
        context.close()


class PageWatch:
    """A page, and what went wrong on it: script errors, dialogs, requests leaving loopback."""

    def __init__(self, page: Any, base: str) -> None:
        self.page = page
        self.base = base
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.outside: list[str] = []
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("dialog", self._dialog)
        page.route("**/*", self._route)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(self.base) or url.startswith("data:"):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def open(self, path: str) -> Any:
        self.page.goto(self.base + path)
        self.page.wait_for_selector("body[data-ready]", timeout=30_000)
        return self.page

    def shot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path))
        return path

    def assert_clean(self) -> None:
        assert self.errors == [], f"script errors: {self.errors}"
        assert self.dialogs == [], f"dialogs opened (untrusted text ran as code?): {self.dialogs}"
        assert self.outside == [], f"requests left the machine: {self.outside}"


@pytest.fixture
def watch(browser_context: Any, server: str) -> Iterator[PageWatch]:
    page = browser_context.new_page()
    page.add_init_script("window.localStorage.removeItem('sitrep.token');")
    watched = PageWatch(page, server)
    yield watched
    page.close()


@pytest.fixture
def token() -> str:
    """The analyst token the test server accepts (analyst "amina")."""
    return TOKEN
