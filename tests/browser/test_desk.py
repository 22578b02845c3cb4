"""The analyst's desk in a real headless Chromium: map, timeline and table under one filter that
the URL keeps; nothing is fetched from outside the machine."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _rows(page: Any) -> list[str]:
    texts: list[str] = page.locator("#events tbody tr td:nth-child(2)").all_inner_texts()
    return texts


def test_desk_shows_map_timeline_and_table_offline(watch: Any) -> None:
    page = watch.open("/")
    page.wait_for_selector("#map[data-basemap=ready]")
    page.wait_for_selector("#map[data-points]")
    assert page.locator(".leaflet-overlay-pane path").count() > 100  # countries of the basemap
    assert page.locator(".cluster-icon, .event-icon").count() > 0
    assert int(page.get_attribute("#map", "data-points")) >= 300
    assert page.locator("#timeline rect.bar").count() > 10
    assert len(_rows(page)) == 100
    assert re.match(r"\d[\d,]* events · \d[\d,]* fatalities", page.inner_text("#totals"))
    watch.shot("desk")
    watch.assert_clean()


def test_desk_filter_updates_every_view_and_the_url(watch: Any) -> None:
    page = watch.open("/")
    page.wait_for_selector("#map[data-points]")
    before_points = page.get_attribute("#map", "data-points")
    before_totals = page.inner_text("#totals")
    page.select_option("select[name=event_type]", "Protests")
    page.wait_for_url(re.compile(r"event_type=Protests"))
    expect(page.locator("#totals")).not_to_have_text(before_totals)
    expect(page.locator("#map")).not_to_have_attribute("data-points", before_points)
    page.wait_for_selector("body[data-loading='0']")
    rows = _rows(page)
    assert rows and all(re.search(r"protest", r, re.I) for r in rows)
    shown = int(page.get_attribute("#map", "data-points"))
    assert 0 < shown < int(before_points)
    watch.shot("desk-filtered")
    # the address is the view: opening it again restores the filter
    page.goto(page.url)
    page.wait_for_selector("body[data-ready]")
    assert page.input_value("select[name=event_type]") == "Protests"
    assert _rows(page) == rows
    watch.assert_clean()


def test_desk_sorts_by_fatalities_and_pages(watch: Any) -> None:
    page = watch.open("/?sort=-fatalities")
    figures = [int(t.split()[0]) for t in page.locator("#events tbody td.n").all_inner_texts()]
    assert figures == sorted(figures, reverse=True)
    page.click("#more")
    expect(page.locator("#events tbody tr")).to_have_count(200)
    watch.assert_clean()
