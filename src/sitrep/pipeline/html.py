"""Part of the clean stage: the main text and metadata of a news page.

trafilatura finds the article body and drops navigation, comments and related-article blocks; its
paragraphs become lines separated by a blank line (the paragraph convention of plain-text input).
When trafilatura finds no body, or flattens a short page into one line, a plain lxml reading of
the page's ``<article>`` (else ``<main>``, else ``<body>``) without scripts, navigation, headers,
footers and asides is used instead, one block element per paragraph.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from sitrep.model import PartialDate

__all__ = ["PageContent", "extract_html"]

_SKIPPED_TAGS = (
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "template",
)
_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "blockquote",
        "pre",
        "section",
        "article",
        "td",
        "th",
        "dd",
        "dt",
        "figcaption",
        "br",
        "tr",
    ]
)


@dataclass
class PageContent:
    """What a news page gives: body text (paragraphs one per line) and the page's metadata."""

    text: str
    title: str | None = None
    published: PartialDate | None = None
    source: str | None = None  # the outlet ("sitename")
    url: str | None = None


def extract_html(html: str, *, url: str | None = None) -> PageContent:
    """Extract the article body and metadata of ``html`` (may return empty text)."""
    import trafilatura

    # trafilatura and htmldate log every page they find hard to read; that is not our news.
    for name in ("trafilatura", "htmldate", "courlan"):
        logging.getLogger(name).setLevel(logging.ERROR)
    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
    )
    text = (getattr(document, "text", None) or "") if document is not None else ""
    if "\n" not in text.strip():
        # Nothing found, or trafilatura's baseline reading of a short page, which flattens the
        # paragraphs into one line: read the page's blocks ourselves.
        plain = _plain_text(html)
        if not text.strip() or plain.strip().count("\n\n") > 0:
            text = plain
    if document is None:
        return PageContent(text=text, title=_page_title(html), url=url)
    return PageContent(
        text="\n\n".join(line for line in text.split("\n") if line.strip()),
        title=getattr(document, "title", None) or _page_title(html),
        published=_page_date(getattr(document, "date", None)),
        source=getattr(document, "sitename", None),
        url=url or getattr(document, "url", None),
    )


def _page_date(value: object) -> PartialDate | None:
    if not value:
        return None
    try:
        return PartialDate.parse(str(value))
    except ValueError:
        return None


def _parse_tree(html: str) -> Any:
    import lxml.etree
    import lxml.html

    try:
        return lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return None


def _page_title(html: str) -> str | None:
    tree = _parse_tree(html)
    if tree is None:
        return None
    title = tree.findtext(".//title")
    return title.strip() if title and title.strip() else None


def _plain_text(html: str) -> str:
    """Body text of a page without trafilatura: drop furniture elements, one block per line."""
    tree = _parse_tree(html)
    if tree is None:
        return ""
    for element in list(tree.iter(*_SKIPPED_TAGS)):
        if element.getparent() is not None:
            element.drop_tree()
    root = next(
        (
            found
            for tag in ("article", "main", "body")
            if (found := tree.find(f".//{tag}")) is not None
        ),
        tree,
    )
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag in _BLOCK_TAGS:
            element.text = "\n\n" + (element.text or "")
            element.tail = "\n\n" + (element.tail or "")
    return str(root.text_content())
