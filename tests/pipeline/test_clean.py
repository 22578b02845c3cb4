"""The clean stage: boilerplate, datelines, HTML bodies, language, ids."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sitrep.errors import EmptyInput, InputError, InputTooLarge, UnsupportedLanguage
from sitrep.model import DatePrecision, PartialDate
from sitrep.pipeline.boilerplate import load_rules, strip_boilerplate
from sitrep.pipeline.clean import (
    RawArticle,
    article_id,
    check_language,
    choose_published,
    normalise_text,
    parse_published,
    prepare_article,
)
from sitrep.pipeline.language import identify_language

REPORT = (
    "Gunmen killed at least nine people in an attack on a village near Kaya on Saturday, "
    "local officials said."
)
SECOND = "The attackers burned granaries and stole cattle before fleeing towards the border, a resident said."


@pytest.mark.parametrize(
    "furniture",
    [
        "For all the latest headlines follow our Google News channel online or via the app.",
        "For the latest news follow us on Telegram and WhatsApp.",
        "Follow us on Twitter",
        "Join our WhatsApp channel for breaking news.",
        "Share Tweet Email",
        "Share this article",
        "Facebook | Twitter | WhatsApp | Email",
        "2 min read",
        "Advertisement",
        "Sign up for our daily newsletter",
        "Click here to read the full statement.",
        "Download our app for breaking news alerts.",
        "© 2024 Example Wire. All rights reserved.",
        "Reporting by A. Writer; Editing by B. Editor",
        "Read more: Army says it retook the border town",
        "RELATED: Convoy ambushed on northern road",
    ],
)
def test_clean_drops_furniture_lines(furniture: str) -> None:
    text = f"{REPORT}\n\n{furniture}\n\n{SECOND}"
    assert strip_boilerplate(text) == f"{REPORT}\n\n{SECOND}"


@pytest.mark.parametrize(
    "content",
    [
        "Residents said they would follow the army's advice and stay indoors after dark.",
        "Protesters shared videos of the march on social media, witnesses said.",
        "Related clashes were reported in two neighbouring districts on Sunday.",
        "The group said it would read out its demands at a rally in the capital.",
        "Photos shared by residents showed burned houses and a damaged mosque.",
        "Advertisement boards in the market were torn down by the crowd, police said.",
    ],
)
def test_clean_keeps_reporting_that_mentions_furniture_words(content: str) -> None:
    text = f"{REPORT}\n\n{content}"
    assert strip_boilerplate(text) == text


def test_clean_drops_read_more_list_with_its_headlines() -> None:
    text = (
        f"{REPORT}\n\n{SECOND}\n\nRead more:\n\n"
        "Army says 40 militants killed in air strikes near border\n\n"
        "Junta extends transition by five years\n\n"
        "Ministers meet over ‘hasty’ and ‘baseless’ decision"
    )
    assert strip_boilerplate(text) == f"{REPORT}\n\n{SECOND}"


def test_clean_read_more_list_stops_at_the_next_sentence() -> None:
    text = f"{REPORT}\n\nRead more:\n\nArmy retakes border town\n\n{SECOND}"
    assert strip_boilerplate(text) == f"{REPORT}\n\n{SECOND}"


def test_clean_user_boilerplate_file_extends_the_rules(sitrep_home: Path) -> None:
    (sitrep_home / "boilerplate.json").write_text(
        '{"drop_line": ["listen to this story"]}', encoding="utf-8"
    )
    load_rules.cache_clear()
    text = f"{REPORT}\n\nListen to this story\n\n{SECOND}"
    assert strip_boilerplate(text) == f"{REPORT}\n\n{SECOND}"


@pytest.mark.parametrize(
    ("first_line", "value", "precision"),
    [
        ("date 2024-08 2 min read", "2024-08", DatePrecision.month),
        (" date 2024-08-26", "2024-08-26", DatePrecision.day),
        ("Published: 26 August 2024", "2024-08-26", DatePrecision.day),
        ("Posted on Aug 26, 2024 by staff", "2024-08-26", DatePrecision.day),
        ("Updated 2024", "2024", DatePrecision.year),
    ],
)
def test_clean_reads_dateline_first_line(
    first_line: str, value: str, precision: DatePrecision
) -> None:
    article = prepare_article(RawArticle(text=f"{first_line}\n\n{REPORT}"))
    assert article.published is not None
    assert (article.published.value, article.published.precision) == (value, precision)
    assert article.text == REPORT


def test_clean_fallback_date_refines_a_month_dateline() -> None:
    raw = RawArticle(text=f"date 2024-08\n\n{REPORT}", published_fallback="2024-08-26")
    assert prepare_article(raw).published == PartialDate.parse("2024-08-26")


def test_clean_dateline_wins_over_a_conflicting_fallback() -> None:
    raw = RawArticle(text=f"date 2024-08\n\n{REPORT}", published_fallback="2024-09-02")
    assert prepare_article(raw).published == PartialDate.parse("2024-08")


def test_clean_record_date_wins_over_dateline() -> None:
    raw = RawArticle(text=f"date 2024-07-01\n\n{REPORT}", published="2024-08-26")
    assert prepare_article(raw).published == PartialDate.parse("2024-08-26")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-08-26", "2024-08-26"),
        ("2024-08-26T09:30:00Z", "2024-08-26"),
        ("Mon, 26 Aug 2024 09:30:00 +0000", "2024-08-26"),
        ("26 August 2024", "2024-08-26"),
        ("August 26, 2024", "2024-08-26"),
        (dt.date(2024, 8, 26), "2024-08-26"),
    ],
)
def test_clean_parse_published_formats(value: str | dt.date, expected: str) -> None:
    assert parse_published(value).value == expected


def test_clean_parse_published_refuses_nonsense() -> None:
    with pytest.raises(InputError) as caught:
        parse_published("last Tuesday")
    assert caught.value.code == "E020"


def test_clean_choose_published_without_dates() -> None:
    assert choose_published([None, None]) is None


def test_clean_html_body_without_page_furniture() -> None:
    html = f"""<!DOCTYPE html><html><head><title>Raid on village | Example Wire</title>
    <meta property="article:published_time" content="2024-03-02T08:00:00Z"></head><body>
    <nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <article><h1>Gunmen kill nine in village raid</h1>
    <p>{REPORT}</p><div class="share">Share Tweet Email</div><p>{SECOND}</p>
    <p>For all the latest headlines follow our Google News channel online or via the app.</p>
    <p>The regional governor called for calm and promised reinforcements for the area.</p>
    </article><footer>© 2024 Example Wire. All rights reserved.</footer></body></html>"""
    article = prepare_article(RawArticle(html=html))
    assert REPORT in article.text and SECOND in article.text
    for furniture in ("Home", "Google News", "Share", "rights reserved"):
        assert furniture not in article.text
    assert article.published == PartialDate.parse("2024-03-02")
    assert article.title and "Gunmen kill nine" in article.title


def test_clean_html_fragment_uses_plain_reading() -> None:
    article = prepare_article(
        RawArticle(html=f"<div><p>{REPORT}</p><script>var x = 1;</script></div>")
    )
    assert article.text == REPORT


def test_clean_empty_after_cleaning_is_an_error() -> None:
    with pytest.raises(EmptyInput):
        prepare_article(RawArticle(text="Share Tweet Email\n\nAdvertisement\n"))


def test_clean_refuses_input_over_the_limit() -> None:
    with pytest.raises(InputTooLarge) as caught:
        prepare_article(RawArticle(text=REPORT * 100), max_bytes=1000)
    assert caught.value.code == "E004"


def test_clean_article_id_ignores_whitespace_and_url() -> None:
    assert article_id(REPORT) == article_id(
        REPORT.replace(" ", "  \n"), url="https://example.org/a"
    )
    assert article_id(REPORT) != article_id(SECOND)


def test_clean_same_report_from_text_and_html_gets_one_id() -> None:
    from_text = prepare_article(RawArticle(text=f"{REPORT}\n\n{SECOND}"))
    from_html = prepare_article(
        RawArticle(html=f"<html><body><p>{REPORT}</p><p>{SECOND}</p></body></html>")
    )
    assert from_text.id == from_html.id


def test_clean_normalise_text_spaces_and_controls() -> None:
    assert normalise_text("A\u00a0b\x07c\r\n\r\n\r\n\r\nd  \n") == "A bc\n\nd"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (f"{REPORT} {SECOND}", "en"),
        (
            "Des hommes armés ont tué au moins neuf personnes lors d'une attaque contre un village "
            "samedi, ont indiqué des responsables locaux.",
            "fr",
        ),
        (
            "Hombres armados mataron al menos a nueve personas en un ataque contra una aldea el "
            "sábado, dijeron funcionarios locales.",
            "es",
        ),
        ("Mali army kills 40 militants", "en"),  # too short to call: assumed English
    ],
)
def test_clean_identifies_language_offline(text: str, language: str) -> None:
    assert identify_language(text) == language


def test_clean_check_language_refuses_unsupported() -> None:
    article = prepare_article(
        RawArticle(
            text="Des hommes armés ont tué au moins neuf personnes lors d'une attaque contre un "
            "village samedi, ont indiqué des responsables locaux."
        )
    )
    with pytest.raises(UnsupportedLanguage) as caught:
        check_language(article)
    assert "'fr'" in caught.value.message


def test_clean_html_read_more_list_of_links_is_dropped() -> None:
    html = f"""<html><body><article><h1>Village raid</h1><p>{REPORT}</p><p>{SECOND}</p>
    <p>Read more:</p><ul><li><a href="/1">Army says it retook the border town</a></li>
    <li><a href="/2">Junta extends transition by five years</a></li></ul>
    <p>Related stories</p><p><a href="/3">Aid convoy attacked on northern road</a></p>
    </article></body></html>"""
    text = prepare_article(RawArticle(html=html)).text
    assert text.endswith(SECOND)
    for headline in ("retook", "transition", "convoy", "Read more", "Related"):
        assert headline not in text
