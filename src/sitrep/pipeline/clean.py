"""Stage: turn raw input (plain text or HTML, with metadata) into an ``Article``.

- HTML: main text extracted, boilerplate dropped.
- Plain text: boilerplate lines dropped ("follow our Google News channel", "Read more:" lists).
- A first line like ``date 2024-08`` (as in pasted wire copy) gives the publication date.
- The article id is a content hash, so the same article always gets the same id.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass

from sitrep.errors import EmptyInput
from sitrep.model import Article, PartialDate

__all__ = ["RawArticle", "article_id", "prepare_article"]


@dataclass
class RawArticle:
    """One input article before cleaning, as read from a file, a JSON line or an API call."""

    text: str | None = None
    html: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | dt.date | PartialDate | None = None
    source: str | None = None
    origin: str | None = None  # "path/to/file.jsonl:12", "stdin"
    language: str | None = None


_HEADER_DATE = re.compile(r"^\s*date\s+(\d{4}(?:-\d{2}(?:-\d{2})?)?)\b[^\n]*\n", re.IGNORECASE)


def article_id(text: str, url: str | None = None) -> str:
    digest = hashlib.sha256()
    digest.update(" ".join(text.split()).encode("utf-8"))
    return digest.hexdigest()[:20]


def prepare_article(raw: RawArticle) -> Article:
    """Clean ``raw`` and return an ``Article``; raise an ``InputError`` if it is unusable."""
    text = raw.text or ""
    published = PartialDate.parse(raw.published) if raw.published else None
    header = _HEADER_DATE.match(text)
    if header:
        if published is None:
            published = PartialDate.parse(header.group(1))
        text = text[header.end() :]
    text = text.strip()
    if not text:
        raise EmptyInput.from_catalogue("E001")
    return Article(
        id=article_id(text, raw.url),
        text=text,
        title=raw.title,
        url=raw.url,
        source=raw.source,
        published=published,
        language=raw.language or "en",
        origin=raw.origin,
    )
