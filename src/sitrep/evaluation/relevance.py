"""How well the cheap relevance filter keeps the sentences the event detector needs, and how fast
the filter and the detector run.

The pipeline parses only the sentences that ``EventDetector.is_relevant`` keeps. Its recall is
measured against the detector itself: every sentence is parsed, the detector classifies each one,
and a sentence that yields an event mention but was dropped by the filter is a miss. The kept
fraction says how much parsing the filter saves. Speeds are CPU time per sentence.

Run ``python -m sitrep.evaluation.relevance`` (``--help`` for options); by default it reads the
local-news articles of the geoparsing corpora (LGL, TR-News), the CASE 2021 snippets and the
ACLED notes from ``../shared/data/dev``.
"""

from __future__ import annotations

import argparse
import json
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from sitrep.evaluation.datasets import acled_files, default_data_dir, read_acled, read_case2021
from sitrep.pipeline.segment import split_sentences

if TYPE_CHECKING:
    from spacy.language import Language

    from sitrep.pipeline.detect import EventDetector

__all__ = ["RelevanceReport", "main", "measure_relevance", "read_news_texts"]


@dataclass
class RelevanceReport:
    """Recall of the relevance filter against the detector run on every sentence."""

    texts: int
    sentences: int
    kept: int  # sentences the filter keeps
    event_sentences: int  # sentences the detector finds an event mention in (all parsed)
    event_kept: int  # ... of which the filter keeps
    words: int
    filter_ms: float  # CPU milliseconds per sentence: is_relevant
    parse_ms: float  # ... spaCy parse
    detect_ms: float  # ... classify_sentence on the parsed sentence

    @property
    def recall(self) -> float:
        return self.event_kept / self.event_sentences if self.event_sentences else 1.0

    @property
    def kept_fraction(self) -> float:
        return self.kept / self.sentences if self.sentences else 0.0

    def as_dict(self) -> dict[str, float | int]:
        data: dict[str, float | int] = asdict(self)
        data["recall"] = round(self.recall, 4)
        data["kept_fraction"] = round(self.kept_fraction, 4)
        return data


def read_news_texts(path: Path) -> Iterator[str]:
    """The article texts of a geoparsing corpus file (``<article><text>...</text>``)."""
    for _, element in ET.iterparse(path):
        if element.tag == "text" and element.text:
            yield element.text.strip()
        if element.tag == "article":
            element.clear()


def measure_relevance(
    texts: Iterable[str], detector: EventDetector, nlp: Language
) -> RelevanceReport:
    """Parse every sentence of ``texts``, classify it, and compare with ``detector.is_relevant``."""
    texts = list(texts)
    sentences = [s.text for text in texts for s in split_sentences(text)]
    start = time.process_time()
    keep = [detector.is_relevant(s) for s in sentences]
    filter_time = time.process_time() - start
    start = time.process_time()
    docs = list(nlp.pipe(sentences, batch_size=256))
    parse_time = time.process_time() - start
    start = time.process_time()
    found = [
        detector.classify_sentence(s, doc) is not None
        for s, doc in zip(sentences, docs, strict=True)
    ]
    detect_time = time.process_time() - start
    n = max(len(sentences), 1)
    return RelevanceReport(
        texts=len(texts),
        sentences=len(sentences),
        kept=sum(keep),
        event_sentences=sum(found),
        event_kept=sum(1 for k, f in zip(keep, found, strict=True) if k and f),
        words=sum(len(doc) for doc in docs),
        filter_ms=round(1000 * filter_time / n, 4),
        parse_ms=round(1000 * parse_time / n, 4),
        detect_ms=round(1000 * detect_time / n, 4),
    )


def _corpora(data: Path, limit: int | None) -> dict[str, list[str]]:
    news = [data / "geoparsing" / "lgl.xml", data / "geoparsing" / "TR-News.xml"]
    corpora = {
        "news (LGL, TR-News)": [
            t for p in news if p.exists() for t in islice(read_news_texts(p), limit)
        ],
        "CASE 2021 snippets": [
            s.text for s in islice(read_case2021(data / "case2021-task2-dev.tsv"), limit)
        ],
        "ACLED notes": [r.notes for p in acled_files(data) for r in islice(read_acled(p), limit)],
    }
    return {name: texts for name, texts in corpora.items() if texts}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sitrep.evaluation.relevance",
        description="Recall and kept fraction of the relevance filter; CPU time per sentence.",
        epilog="example: python -m sitrep.evaluation.relevance --limit 200 --json",
    )
    parser.add_argument("--data", type=Path, default=default_data_dir(), help="the dev data folder")
    parser.add_argument("--limit", type=int, default=None, help="texts read per file")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    from sitrep.nlp import load_nlp
    from sitrep.pipeline.actors import ActorResolver
    from sitrep.pipeline.detect import EventDetector

    actors = ActorResolver()
    nlp = load_nlp(actors.ruler_patterns(), key=actors.fingerprint)
    detector = EventDetector()
    results: dict[str, dict[str, float | int]] = {}
    for name, texts in _corpora(args.data, args.limit).items():
        report = measure_relevance(texts, detector, nlp)
        results[name] = report.as_dict()
        if not args.json:
            print(
                f"{name}: {report.texts} texts, {report.sentences} sentences, {report.words} words; "
                f"kept {report.kept_fraction:.1%}; recall {report.recall:.4f} "
                f"({report.event_kept}/{report.event_sentences} event sentences kept); CPU ms/sentence: "
                f"filter {report.filter_ms}, parse {report.parse_ms}, detect {report.detect_ms}"
            )
    if args.json:
        print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
