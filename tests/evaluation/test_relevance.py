"""The relevance filter's measurement: recall against the detector, kept fraction, timings."""

from __future__ import annotations

from pathlib import Path

from sitrep.evaluation.relevance import measure_relevance, read_news_texts
from sitrep.nlp import load_nlp
from sitrep.pipeline.detect import EventDetector

ARTICLE = (
    "Gunmen attacked a village in the north on Sunday, killing seven people, officials said. "
    "The village lies on a plateau known for its onions. "
    "Subscribe to our newsletter for more stories. "
    "The army sent reinforcements to the area."
)


def test_relevance_measures_recall_and_kept_fraction() -> None:
    nlp = load_nlp([{"label": "GPE", "pattern": "Mali", "id": "MLI"}], key="tests-relevance")
    report = measure_relevance([ARTICLE], EventDetector(), nlp)
    assert (report.texts, report.sentences) == (1, 4)
    assert report.event_sentences == 2
    assert report.recall == 1.0
    assert report.kept == 2
    assert report.kept_fraction == 0.5
    assert report.words > 30
    assert min(report.filter_ms, report.parse_ms, report.detect_ms) >= 0.0


def test_relevance_reads_geoparsing_corpus_texts(tmp_path: Path) -> None:
    path = tmp_path / "corpus.xml"
    path.write_text(
        "<articles><article docid='1'><title>T</title><text><![CDATA[First text.]]></text></article>"
        "<article docid='2'><text><![CDATA[ Second text. ]]></text></article></articles>",
        encoding="utf-8",
    )
    assert list(read_news_texts(path)) == ["First text.", "Second text."]
