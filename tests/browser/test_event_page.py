"""One event in a real headless Chromium: the evidence highlighted in the article, claims, the
review buttons; a correction kept across a reload; untrusted text shown as text."""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = pytest.mark.browser


def _open_from_desk(watch: Any, words: str) -> Any:
    page = watch.open(f"/?q={words}")
    page.wait_for_selector("body[data-loading='0']")
    page.locator("#events tbody a.open").first.click()
    page.wait_for_selector("body[data-ready=true]")
    return page


def test_event_page_highlights_evidence_and_keeps_a_correction(watch: Any, token: str) -> None:
    page = _open_from_desk(watch, "Kourou+granaries")
    assert "Kourou" in page.inner_text("#article-text")
    marks = page.locator("#article-text mark.ev-fatalities").all_inner_texts()
    assert any("12" in m for m in marks), marks
    assert page.locator("#article-text mark.ev-type").count() >= 1
    assert page.locator("#claims tbody tr").count() >= 1
    watch.shot("event")

    page.fill("#token", token)
    page.click("#signin-button")
    page.wait_for_selector("#who:has-text('signed in as amina')")
    page.select_option("#correct-field", "fatalities.best")
    page.fill("#correct-value", "14")
    page.fill("#correct input[name=note]", "hospital count")
    page.click("#correct-submit")
    page.wait_for_selector("#review-message:has-text('Saved')")

    page.reload()
    page.wait_for_selector("body[data-ready=true]")
    assert "14" in page.inner_text("#facts dd[data-field=Fatalities]")
    assert "fatalities.best" in page.inner_text("#corrections")
    assert re.search(r"amina: correct fatalities.best \d+ → 14", page.inner_text("#history"))
    watch.shot("event-corrected")

    desk = watch.open("/?q=Kourou+granaries")
    desk.wait_for_selector("body[data-loading='0']")
    assert "14" in desk.locator("#events tbody td.n").first.inner_text()
    watch.assert_clean()


def test_event_page_shows_untrusted_text_as_text(watch: Any) -> None:
    page = _open_from_desk(watch, "Militants+ambush")
    text = page.inner_text("#article-text")
    assert "<script>alert('x')</script>" in text
    assert page.locator("#article-text script, #article-text img").count() == 0
    assert page.inner_text("#article-title").startswith("<img src=x onerror=alert(1)>")
    assert "<b>Desert Post</b>" in page.inner_text("#article-meta")
    # the emoji before the spans does not shift the highlights
    marks = page.locator("#article-text mark.ev-fatalities").all_inner_texts()
    assert any("5 soldiers" in m for m in marks), marks
    watch.shot("event-untrusted")
    watch.assert_clean()


def test_event_page_reject_needs_a_token(watch: Any) -> None:
    page = _open_from_desk(watch, "Militants+ambush")
    page.click("#reject")
    page.wait_for_selector("#review-message .error")
    assert "E071" in page.inner_text("#review-message")
    watch.assert_clean()
