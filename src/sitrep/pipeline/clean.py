"""Stage: turn raw input (plain text or HTML, with metadata) into an ``Article``.

- HTML: the main text is extracted (trafilatura, with a plain lxml fallback); title, date and
  outlet are read from the page when the record does not give them.
- Plain text and extracted HTML alike: page furniture is dropped line by line ("follow our Google
  News channel", share bars, "Read more:" and the linked headlines after it). The patterns are
  data: ``sitrep/data/boilerplate.json``, extended by ``$SITREP_HOME/boilerplate.json``.
- A first line like ``date 2024-08`` (as in pasted wire copy) gives the publication date.
- The language is identified offline (py3langid); ``check_language`` refuses what sitrep cannot
  extract yet.
- The article id is a content hash of the cleaned text, so the same report always gets the same
  id, whichever file, page or outlet it came from.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass

from sitrep.errors import EmptyInput, InputError, InputTooLarge, UnsupportedLanguage
from sitrep.model import Article, PartialDate
from sitrep.pipeline.boilerplate import strip_boilerplate
from sitrep.pipeline.language import SUPPORTED_LANGUAGES, identify_language

__all__ = [
    "SUPPORTED_LANGUAGES",
    "RawArticle",
    "article_id",
    "check_language",
    "normalise_text",
    "parse_published",
    "prepare_article",
]


@dataclass
class RawArticle:
    """One input article before cleaning, as read from a file, a JSON line or an API call.

    ``published`` is the date the record itself gives (a JSON field, an API argument) and wins
    over dates found in the text; ``published_fallback`` (the command line's ``--published``) is
    used only when neither the record nor the text carries a date.
    """

    text: str | None = None
    html: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | dt.date | PartialDate | None = None
    source: str | None = None
    origin: str | None = None  # "path/to/file.jsonl:12", "stdin"
    language: str | None = None
    published_fallback: str | dt.date | PartialDate | None = None


_HEADER_DATE = re.compile(
    r"\A\s*(?:date|dated|published|posted|updated)(?:\s+on)?\s*:?\s+"
    r"(?P<date>\d{4}(?:-\d{2}(?:-\d{2})?)?|\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{4}|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4})"
    r"\b[^\n]*(?:\n|\Z)",
    re.IGNORECASE,
)
_WRITTEN_DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200d\u2060\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def article_id(text: str, url: str | None = None) -> str:
    """The article's id: a hash of its cleaned text with whitespace collapsed.

    The URL is deliberately left out: the same wire report carried by two outlets, or read once
    from a page and once from pasted text, is one article, so its events are not counted twice.
    """
    digest = hashlib.sha256()
    digest.update(" ".join(text.split()).encode("utf-8"))
    return digest.hexdigest()[:20]


def normalise_text(text: str) -> str:
    """Unicode NFC, one kind of line break and space, no control characters, one blank line
    between paragraphs, no spaces at line ends."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def parse_published(value: str | dt.date | PartialDate) -> PartialDate:
    """A publication date from ISO text (``2024-08-26``, ``2024-08``, ``2024``, an ISO datetime),
    an RFC 2822 date as in RSS feeds, or a written date (``26 August 2024``, ``Aug 26, 2024``).

    Raise ``InputError`` (E020) when the value is none of these.
    """
    if isinstance(value, PartialDate | dt.date):
        return PartialDate.parse(value)
    text = str(value).strip()
    try:
        return PartialDate.parse(text)
    except ValueError:
        pass
    written = text.replace(",", " ").replace(".", " ")
    written = " ".join(written.split())
    for fmt in _WRITTEN_DATE_FORMATS:
        try:
            return PartialDate.of_day(dt.datetime.strptime(written, fmt).date())
        except ValueError:
            continue
    try:
        from email.utils import parsedate_to_datetime

        return PartialDate.of_day(parsedate_to_datetime(text).date())
    except (TypeError, ValueError, IndexError):
        raise InputError.from_catalogue("E020", value=text) from None


def choose_published(candidates: list[PartialDate | None]) -> PartialDate | None:
    """The publication date to use from candidates in order of authority.

    The first known date wins, unless a later one is more precise and falls inside it: a first
    line "date 2024-08" and ``--published 2024-08-26`` give 2024-08-26; "date 2024-08" and
    ``--published 2024-09-02`` keep 2024-08 (the article's own date wins a conflict).
    """
    known = [c for c in candidates if c is not None]
    if not known:
        return None
    chosen = known[0]
    for other in known[1:]:
        inside = chosen.start <= other.start and other.end <= chosen.end
        if inside and (other.end - other.start) < (chosen.end - chosen.start):
            chosen = other
    return chosen


def _header_date(text: str) -> tuple[PartialDate | None, str]:
    """Read and remove a dateline such as ``date 2024-08 2 min read`` from the first line."""
    header = _HEADER_DATE.match(text)
    if not header:
        return None, text
    try:
        found = parse_published(header.group("date"))
    except InputError:
        return None, text
    return found, text[header.end() :]


def check_language(article: Article) -> None:
    """Raise ``UnsupportedLanguage`` (E007) when sitrep cannot extract events in the article's
    language yet; the article itself may still be stored."""
    if article.language not in SUPPORTED_LANGUAGES:
        raise UnsupportedLanguage.from_catalogue(
            "E007", language=article.language, supported=", ".join(sorted(SUPPORTED_LANGUAGES))
        )


def prepare_article(raw: RawArticle, *, max_bytes: int | None = None) -> Article:
    """Clean ``raw`` and return an ``Article``; raise an ``InputError`` if it is unusable.

    ``max_bytes`` refuses inputs larger than that many bytes (E004) before any parsing.
    """
    body = raw.html if raw.html is not None else raw.text or ""
    if max_bytes is not None and len(body) > max_bytes // 4:
        size = len(body.encode("utf-8", errors="replace"))
        if size > max_bytes:
            raise InputTooLarge.from_catalogue("E004", size=size, limit=max_bytes)
    title, source, page_date, url = raw.title, raw.source, None, raw.url
    if raw.html is not None:
        from sitrep.pipeline.html import extract_html

        page = extract_html(raw.html, url=raw.url)
        text = page.text
        title, source, url = title or page.title, source or page.source, url or page.url
        page_date = page.published
    else:
        text = raw.text or ""
    header_date, text = _header_date(normalise_text(text))
    text = strip_boilerplate(normalise_text(text))
    if not text:
        raise EmptyInput.from_catalogue("E001")
    published = choose_published(
        [
            parse_published(raw.published) if raw.published else None,
            header_date,
            page_date,
            parse_published(raw.published_fallback) if raw.published_fallback else None,
        ]
    )
    return Article(
        id=article_id(text, url),
        text=text,
        title=normalise_text(title) if title else None,
        url=url,
        source=source,
        published=published,
        language=raw.language or identify_language(text),
        origin=raw.origin,
    )
