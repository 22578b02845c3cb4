"""Read articles from files, directories and standard input; extract and store their events.

Inputs, by what they contain (file extensions only break ties):

- plain text (``.txt`` and anything that is not HTML or JSON);
- HTML (``.html``, ``.htm``, or text starting with ``<!doctype html`` / ``<html``);
- JSON Lines (``.jsonl``, ``.ndjson``): one article per line with ``text`` or ``html`` and
  optionally ``url``, ``title``, ``published``, ``source``, ``language``; ``.json`` may hold one
  such object or a list of them;
- a directory: every file below it that is not hidden, in name order;
- ``-``: standard input (any of the above).

Every input that cannot be used becomes a ``Failure`` with a catalogue code and message; the
rest of the batch goes on.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from sitrep.errors import (
    BinaryInput,
    ConfigError,
    EncodingError,
    GazetteerError,
    InputError,
    InputTooLarge,
    MalformedRecord,
    ModelNotFound,
    SitrepError,
    StoreError,
    UnsupportedLanguage,
)
from sitrep.model import Article, ExtractionResult, PartialDate
from sitrep.pipeline.clean import RawArticle, check_language, prepare_article
from sitrep.store.base import ArticleStatus, EventStore, Failure

if TYPE_CHECKING:
    from sitrep.core import Extractor

__all__ = [
    "JSON_FIELDS",
    "Extracted",
    "IngestReport",
    "decode_bytes",
    "example_paths",
    "extract_items",
    "ingest_items",
    "prepare_items",
    "read_inputs",
]

JSON_FIELDS = ("text", "html", "url", "title", "published", "source", "language")
_JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive, e.g. a Word or Excel file"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"\x7fELF", "an executable program"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

Item = RawArticle | Failure
Published = str | dt.date | PartialDate | None


def example_paths() -> list[Path]:
    """The example articles shipped with sitrep (written by the project, invented events)."""
    folder = resources.files("sitrep").joinpath("examples")
    return sorted(
        Path(str(entry))
        for entry in folder.iterdir()
        if entry.is_file() and entry.name.endswith((".txt", ".html", ".jsonl"))
    )


def decode_bytes(data: bytes) -> str:
    """Text from raw bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, or Windows-1252.

    Raise ``BinaryInput`` (E002) for documents, images and archives, ``EncodingError`` (E003)
    for bytes that are none of these encodings.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise EncodingError.from_catalogue(
                "E003", detail=f"bad UTF-16: {error.reason}"
            ) from error
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise BinaryInput.from_catalogue("E002", detail=kind)
    if b"\x00" in data[:8192]:
        raise BinaryInput.from_catalogue("E002", detail="it contains NUL bytes")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            detail = f"byte 0x{data[utf8_error.start]:02x} at offset {utf8_error.start}"
            raise EncodingError.from_catalogue("E003", detail=detail) from utf8_error
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > max(8, len(text[:8192]) // 100):
        raise BinaryInput.from_catalogue("E002", detail=f"{controls} control characters")
    return text


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head


def _looks_like_jsonl(text: str) -> bool:
    return text.lstrip().startswith("{")


def _failure(origin: str, error: SitrepError, article_id: str | None = None) -> Failure:
    return Failure(origin=origin, code=error.code, message=error.message, article_id=article_id)


def _record(data: object, origin: str, line: int, published: Published) -> Item:
    """A ``RawArticle`` from one decoded JSON object (or the failure explaining why not)."""
    if not isinstance(data, dict):
        error = MalformedRecord.from_catalogue(
            "E010", field="(line)", line=line, expected="a JSON object", value=type(data).__name__
        )
        return _failure(origin, error)
    for name in JSON_FIELDS:
        value = data.get(name)
        if value is not None and not isinstance(value, str):
            error = MalformedRecord.from_catalogue(
                "E010", field=name, line=line, expected="a string", value=value
            )
            return _failure(origin, error)
    if data.get("text") is None and data.get("html") is None:
        fields = ", ".join(sorted(map(str, data))) or "none"
        return _failure(origin, MalformedRecord.from_catalogue("E006", line=line, fields=fields))
    return RawArticle(
        text=data.get("text"),
        html=data.get("html"),
        url=data.get("url"),
        title=data.get("title"),
        published=data.get("published"),
        source=data.get("source"),
        language=data.get("language"),
        origin=origin,
        published_fallback=published,
    )


def _read_json_lines(
    lines: Iterable[bytes], origin: str, published: Published, max_bytes: int
) -> Iterator[Item]:
    for number, raw_line in enumerate(lines, start=1):
        where = f"{origin}:{number}"
        if not raw_line.strip():
            continue
        if len(raw_line) > max_bytes:
            yield _failure(
                where, InputTooLarge.from_catalogue("E004", size=len(raw_line), limit=max_bytes)
            )
            continue
        try:
            data = json.loads(raw_line.decode("utf-8-sig"))
        except UnicodeDecodeError as error:
            yield _failure(
                where, EncodingError.from_catalogue("E003", detail=f"line {number}: {error.reason}")
            )
            continue
        except ValueError as error:
            yield _failure(where, MalformedRecord.from_catalogue("E005", line=number, detail=error))
            continue
        yield _record(data, where, number, published)


def _read_json_document(text: str, origin: str, published: Published) -> Iterator[Item]:
    try:
        data = json.loads(text)
    except ValueError:  # not one document: read it as JSON Lines
        lines = [line.encode("utf-8") for line in text.splitlines()]
        yield from _read_json_lines(lines, origin, published, max_bytes=len(text.encode()) + 1)
        return
    records = data if isinstance(data, list) else [data]
    for number, record in enumerate(records, start=1):
        yield _record(
            record, f"{origin}:{number}" if isinstance(data, list) else origin, number, published
        )


def _read_text(
    data: bytes, origin: str, suffix: str, published: Published, max_bytes: int
) -> Iterator[Item]:
    """Articles of one file or of stdin, already read into ``data``."""
    if suffix in _JSONL_SUFFIXES:
        yield from _read_json_lines(data.splitlines(), origin, published, max_bytes)
        return
    if len(data) > max_bytes:
        yield _failure(
            origin, InputTooLarge.from_catalogue("E004", size=len(data), limit=max_bytes)
        )
        return
    try:
        text = decode_bytes(data)
    except InputError as error:
        yield _failure(origin, error)
        return
    if suffix == ".json" or (suffix not in _HTML_SUFFIXES and _looks_like_jsonl(text)):
        yield from _read_json_document(text, origin, published)
    elif suffix in _HTML_SUFFIXES or _looks_like_html(text):
        yield RawArticle(html=text, origin=origin, published_fallback=published)
    else:
        yield RawArticle(text=text, origin=origin, published_fallback=published)


def _read_path(path: Path, published: Published, max_bytes: int) -> Iterator[Item]:
    origin = str(path)
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
        if size > max_bytes and suffix not in _JSONL_SUFFIXES:
            yield _failure(origin, InputTooLarge.from_catalogue("E004", size=size, limit=max_bytes))
            return
        if suffix in _JSONL_SUFFIXES:
            with path.open("rb") as handle:
                yield from _read_json_lines(handle, origin, published, max_bytes)
            return
        data = path.read_bytes()
    except OSError as error:
        yield _failure(
            origin, InputError.from_catalogue("E009", path=origin, detail=error.strerror or error)
        )
        return
    yield from _read_text(data, origin, suffix, published, max_bytes)


def _read_stdin(stdin: BinaryIO, published: Published, max_bytes: int) -> Iterator[Item]:
    """Standard input: one article (text or HTML), or JSON records (then of any total size)."""
    data = stdin.read()
    if data.lstrip()[:1] in (b"{", b"["):
        try:
            text = decode_bytes(data)
        except InputError as error:
            yield _failure("stdin", error)
            return
        yield from _read_json_document(text, "stdin", published)
        return
    yield from _read_text(data, "stdin", "", published, max_bytes)


def _files_below(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def read_inputs(
    paths: Sequence[str | Path],
    *,
    stdin: BinaryIO | None = None,
    published: str | PartialDate | None = None,
    max_bytes: int,
) -> Iterator[RawArticle | Failure]:
    """Raw articles (or failures) from ``paths``; ``-`` reads ``stdin``.

    ``published`` is the publication date for articles that do not carry one.
    """
    for entry in paths:
        if str(entry) == "-":
            if stdin is not None:
                yield from _read_stdin(stdin, published, max_bytes)
            continue
        path = Path(entry).expanduser()
        if path.is_dir():
            for file in _files_below(path):
                yield from _read_path(file, published, max_bytes)
        elif path.exists():
            yield from _read_path(path, published, max_bytes)
        else:
            yield _failure(str(entry), InputError.from_catalogue("E008", path=entry))


def prepare_items(
    items: Iterable[RawArticle | Failure], *, max_bytes: int
) -> Iterator[Article | Failure]:
    """Clean each raw article into an ``Article``; failures pass through, new ones join them."""
    for item in items:
        if isinstance(item, Failure):
            yield item
            continue
        try:
            yield prepare_article(item, max_bytes=max_bytes)
        except InputError as error:
            yield _failure(item.origin or "input", error)


# -- extraction and storage ---------------------------------------------------------------------

_FATAL = (ModelNotFound, GazetteerError, StoreError, ConfigError)


@dataclass
class Extracted:
    """What became of one input: its result, or its failure (with the article when it was read)."""

    origin: str
    result: ExtractionResult | None = None
    failure: Failure | None = None
    article: Article | None = None


@dataclass
class IngestReport:
    """Counts of one ``ingest`` run; ``failures`` lists every input that failed."""

    stored: int = 0  # articles stored with their events
    unchanged: int = 0  # articles already in the store (nothing was written)
    events: int = 0  # events stored
    failures: list[Failure] = field(default_factory=list)

    @property
    def seen(self) -> int:
        return self.stored + self.unchanged + len(self.failures)


def _extract_one(extractor: Extractor, article: Article) -> Extracted:
    origin = article.origin or article.id
    try:
        return Extracted(
            origin, result=next(iter(extractor.extract_articles([article]))), article=article
        )
    except _FATAL:
        raise
    except SitrepError as error:
        return Extracted(origin, failure=_failure(origin, error, article.id), article=article)
    except Exception as error:  # noqa: BLE001 - a bug in one article must not stop the batch: it is recorded
        bug = SitrepError.from_catalogue("E011", kind=type(error).__name__, detail=error)
        return Extracted(origin, failure=_failure(origin, bug, article.id), article=article)


def _extract_batch(extractor: Extractor, batch: list[Article]) -> list[Extracted]:
    """Extract a batch in one model pass; if any article fails, redo it one by one to find it."""
    try:
        results = list(extractor.extract_articles(batch, batch_size=len(batch)))
    except _FATAL:
        raise
    except Exception:  # noqa: BLE001 - isolate the failing article below; nothing is dropped
        return [_extract_one(extractor, article) for article in batch]
    return [
        Extracted(a.origin or a.id, result=r, article=a)
        for a, r in zip(batch, results, strict=True)
    ]


def extract_items(
    items: Iterable[Article | Failure], extractor: Extractor, *, batch_size: int = 16
) -> Iterator[Extracted]:
    """Extract the events of prepared articles in batches; unsupported languages and earlier
    failures come out as failures, in input order."""
    batch: list[Article] = []
    for item in items:
        if isinstance(item, Failure):
            yield from _extract_batch(extractor, batch) if batch else []
            batch = []
            yield Extracted(item.origin, failure=item)
            continue
        try:
            check_language(item)
        except UnsupportedLanguage as error:
            yield from _extract_batch(extractor, batch) if batch else []
            batch = []
            origin = item.origin or item.id
            yield Extracted(origin, failure=_failure(origin, error, item.id), article=item)
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            yield from _extract_batch(extractor, batch)
            batch = []
    if batch:
        yield from _extract_batch(extractor, batch)


def ingest_items(
    store: EventStore,
    items: Iterable[Article | Failure],
    extractor: Extractor,
    *,
    reextract: bool = False,
    batch_size: int = 16,
    on_progress: Callable[[IngestReport], None] | None = None,
    on_saved: Callable[[ExtractionResult], object] | None = None,
) -> IngestReport:
    """Store each article with its events (one transaction each) and record every failure.

    Articles already stored are skipped without extraction unless ``reextract`` is set, which
    replaces their events. A non-English article is stored with its failure and no events.
    ``on_saved(result)`` runs after each stored result (the CLI files it into incidents).
    """
    report = IngestReport()

    def new_articles() -> Iterator[Article | Failure]:
        for item in items:
            if isinstance(item, Article) and not reextract and store.has_extracted(item.id):
                report.unchanged += 1
                if on_progress:
                    on_progress(report)
                continue
            yield item

    for outcome in extract_items(new_articles(), extractor, batch_size=batch_size):
        if outcome.result is not None:
            if store.save_result(outcome.result, replace=reextract):
                report.stored += 1
                report.events += len(outcome.result.events)
                if on_saved is not None:
                    on_saved(outcome.result)
            else:
                report.unchanged += 1
        elif outcome.failure is not None:
            if outcome.article is not None:
                status = (
                    ArticleStatus.unsupported_language
                    if outcome.failure.code == "E007"
                    else ArticleStatus.failed
                )
                store.save_article(outcome.article, status)
            store.record_failure(outcome.failure)
            report.failures.append(outcome.failure)
        if on_progress:
            on_progress(report)
    return report
