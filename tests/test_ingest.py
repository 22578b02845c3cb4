"""Reading inputs (text, HTML, JSON Lines, directories, stdin) and ingesting them into a store."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from sitrep.core import Extractor
from sitrep.errors import BinaryInput, EncodingError
from sitrep.ingest import (
    decode_bytes,
    example_paths,
    extract_items,
    ingest_items,
    prepare_items,
    read_inputs,
)
from sitrep.model import Article
from sitrep.pipeline.clean import RawArticle
from sitrep.pipeline.detect import EventDetector
from sitrep.pipeline.document import Document
from sitrep.pipeline.mentions import EventMention
from sitrep.store import EventQuery, SQLiteStore
from sitrep.store.base import Failure

MB = 2**20
ATTACK = (
    "Gunmen killed at least seven people in an attack on a market in Kaya on Sunday, local officials said.\n\n"
    "The attackers fled on motorbikes before soldiers arrived, a resident said."
)
PROTEST = (
    "Thousands of students protested in the capital on Monday against a rise in university fees, "
    "and police fired tear gas to disperse them."
)
FRENCH = (
    "Des hommes armés ont tué au moins sept personnes lors d'une attaque contre un marché dimanche, "
    "ont indiqué des responsables locaux."
)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _read(paths: list[str | Path], stdin: bytes | None = None) -> list[RawArticle | Failure]:
    stream = io.BytesIO(stdin) if stdin is not None else None
    return list(read_inputs(paths, stdin=stream, max_bytes=MB))


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"Attack on Kaya", "Attack on Kaya"),
        ("\ufeffAttack on Kaya".encode(), "Attack on Kaya"),
        ("Attack on Ségou".encode("utf-16"), "Attack on Ségou"),
        ("Attack on Ségou".encode("cp1252"), "Attack on Ségou"),
    ],
)
def test_ingest_decode_bytes_encodings(data: bytes, expected: str) -> None:
    assert decode_bytes(data) == expected


@pytest.mark.parametrize(
    ("data", "detail"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"some\x00text\x00with\x00nuls", "NUL"),
        (bytes(range(1, 32)) * 20, "control"),
    ],
)
def test_ingest_decode_bytes_refuses_binary(data: bytes, detail: str) -> None:
    with pytest.raises(BinaryInput) as caught:
        decode_bytes(data)
    assert detail in caught.value.message


def test_ingest_decode_bytes_refuses_unknown_encoding() -> None:
    with pytest.raises(EncodingError) as caught:
        decode_bytes("攻撃で7人死亡".encode("shift_jis") + b"\x81\x8d")
    assert caught.value.code == "E003"


def test_ingest_reads_text_html_and_jsonl_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ATTACK, encoding="utf-8")
    (tmp_path / "b.html").write_text(
        f"<html><body><p>{PROTEST}</p></body></html>", encoding="utf-8"
    )
    record = {
        "text": ATTACK,
        "url": "https://example.org/x",
        "published": "2024-03-04",
        "source": "Wire",
    }
    (tmp_path / "c.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(ATTACK, encoding="utf-8")
    items = _read([tmp_path])
    assert [type(i) for i in items] == [RawArticle] * 3
    text, html, line = items
    assert isinstance(text, RawArticle) and text.text == ATTACK and text.html is None
    assert isinstance(html, RawArticle) and html.html is not None
    assert isinstance(line, RawArticle) and (line.url, line.published, line.source) == (
        record["url"],
        "2024-03-04",
        "Wire",
    )
    assert line.origin == f"{tmp_path / 'c.jsonl'}:1"


def test_ingest_jsonl_bad_lines_fail_alone(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": ATTACK}),
        "{not json",
        json.dumps({"title": "no body"}),
        json.dumps({"text": 42}),
        json.dumps(["a", "list"]),
        json.dumps({"html": f"<p>{PROTEST}</p>"}),
    ]
    path = tmp_path / "wire.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = _read([path])
    codes = [i.code if isinstance(i, Failure) else "ok" for i in items]
    assert codes == ["ok", "E005", "E006", "E010", "E010", "ok"]
    assert [i.origin for i in items][1] == f"{path}:2"


def test_ingest_json_file_with_a_list_of_records(tmp_path: Path) -> None:
    path = tmp_path / "batch.json"
    path.write_text(json.dumps([{"text": ATTACK}, {"text": PROTEST}], indent=2), encoding="utf-8")
    items = _read([path])
    assert [i.text for i in items if isinstance(i, RawArticle)] == [ATTACK, PROTEST]


@pytest.mark.parametrize(
    ("stdin", "kind"),
    [
        (ATTACK.encode(), "text"),
        (f"<!DOCTYPE html><html><body><p>{PROTEST}</p></body></html>".encode(), "html"),
        (
            (json.dumps({"text": ATTACK}) + "\n" + json.dumps({"text": PROTEST}) + "\n").encode(),
            "jsonl",
        ),
    ],
)
def test_ingest_reads_stdin(stdin: bytes, kind: str) -> None:
    items = _read(["-"], stdin=stdin)
    assert all(
        isinstance(i, RawArticle) and i.origin and i.origin.startswith("stdin") for i in items
    )
    first = items[0]
    assert isinstance(first, RawArticle)
    assert (first.html is not None) == (kind == "html")
    assert len(items) == (2 if kind == "jsonl" else 1)


def test_ingest_missing_empty_and_too_large_files(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "huge.html").write_bytes(
        b"<html><body>" + b"<p>filler text</p>" * (MB // 16) + b"</body></html>"
    )
    items = list(
        prepare_items(
            _read([tmp_path / "missing.txt", tmp_path / "empty.txt", tmp_path / "huge.html"]),
            max_bytes=MB,
        )
    )
    assert [i.code for i in items if isinstance(i, Failure)] == ["E008", "E001", "E004"]


def test_ingest_example_articles_are_shipped() -> None:
    names = [p.name for p in example_paths()]
    assert names == ["capital-protest.html", "sahel-attack.txt", "wire.jsonl"]


def test_ingest_extract_items_keeps_input_order_and_failures(
    extractor: Extractor, tmp_path: Path
) -> None:
    raws: list[RawArticle | Failure] = [
        RawArticle(text=ATTACK, origin="one"),
        RawArticle(text=FRENCH, origin="two"),
        Failure(origin="three", code="E002", message="binary"),
        RawArticle(text=PROTEST, origin="four"),
    ]
    outcomes = list(extract_items(prepare_items(raws, max_bytes=MB), extractor, batch_size=2))
    assert [o.origin for o in outcomes] == ["one", "two", "three", "four"]
    assert [o.failure.code if o.failure else None for o in outcomes] == [None, "E007", "E002", None]
    assert outcomes[1].article is not None  # the French article was read, so it can be stored


def _jsonl_batch(path: Path) -> Path:
    lines = [
        json.dumps({"text": ATTACK, "published": "2024-03-04"}),
        json.dumps({"text": PROTEST + " Police arrested 12 students."}),
        "{broken",
        json.dumps({"text": FRENCH}),
        json.dumps({"text": PROTEST, "published": "2024-04-01"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_ingest_failing_articles_in_the_middle_of_a_batch(
    extractor: Extractor, tmp_path: Path
) -> None:
    source = _jsonl_batch(tmp_path / "batch.jsonl")
    with SQLiteStore(tmp_path / "s.db") as store:
        items = prepare_items(read_inputs([source], max_bytes=MB), max_bytes=MB)
        report = ingest_items(store, items, extractor, batch_size=2)
        assert (report.stored, report.unchanged) == (3, 0), [f.message for f in report.failures]
        assert sorted(f.code for f in report.failures) == ["E005", "E007"]
        stats = store.stats()
        assert (stats.articles, stats.failures) == (
            4,
            2,
        )  # the French article is kept, without events
        recorded = {f.code: f for f in store.failures()}
        assert recorded["E005"].origin == f"{source}:3"
        assert recorded["E007"].article_id is not None


def test_ingest_again_changes_nothing(extractor: Extractor, tmp_path: Path) -> None:
    source = _jsonl_batch(tmp_path / "batch.jsonl")

    def run() -> tuple[int, int, list[str]]:
        with SQLiteStore(tmp_path / "s.db") as store:
            report = ingest_items(
                store, prepare_items(read_inputs([source], max_bytes=MB), max_bytes=MB), extractor
            )
            stats = store.stats()
            events = [s.event.model_dump_json() for s in store.iter_events(_all())]
            return report.stored, stats.articles * 1000 + stats.events * 10 + stats.failures, events

    stored_first, counts_first, events_first = run()
    stored_again, counts_again, events_again = run()
    assert stored_first == 3 and stored_again == 0
    assert counts_again == counts_first
    assert events_again == events_first


def _all() -> EventQuery:
    return EventQuery(roles=())


class _FailsOnTuition(EventDetector):
    """A detector that breaks on one article, to show a bug there cannot stop the batch."""

    def __call__(self, document: Document) -> list[EventMention]:
        if "tuition" in document.article.text:
            raise ZeroDivisionError("division by zero")
        return super().__call__(document)


def test_ingest_extraction_bug_fails_one_article_only(tmp_path: Path) -> None:
    broken = Extractor(detector=_FailsOnTuition())
    raws = [
        RawArticle(text=ATTACK),
        RawArticle(text=PROTEST.replace("fees", "tuition")),
        RawArticle(text=PROTEST),
    ]
    with SQLiteStore(tmp_path / "s.db") as store:
        report = ingest_items(store, prepare_items(raws, max_bytes=MB), broken, batch_size=8)
        assert report.stored == 2
        assert [f.code for f in report.failures] == ["E011"]
        assert "ZeroDivisionError" in report.failures[0].message
        assert store.stats().articles == 3


def test_ingest_reextract_replaces_events(extractor: Extractor, tmp_path: Path) -> None:
    article_items = [RawArticle(text=ATTACK)]
    with SQLiteStore(tmp_path / "s.db") as store:
        ingest_items(store, prepare_items(article_items, max_bytes=MB), extractor)
        before = store.stats().events
        report = ingest_items(
            store, prepare_items(article_items, max_bytes=MB), extractor, reextract=True
        )
        assert report.stored == 1, report.failures
        assert store.stats().events == before
        assert isinstance(
            store.get_article(next(iter(store.iter_events(_all()))).event.article_id), Article
        )
