"""Sub-event type accuracy on CASE 2021 task 2 and on ACLED's own event notes.

CASE 2021 task 2 gives news snippets labelled with one of 30 classes: the 25 ACLED sub-event
types and 5 classes that are not conflict events (organised crime, natural and man-made
disasters, diplomacy, attribution), which sitrep must report as "no event". ACLED exports give
ACLED's English summary of each event (``notes``) and its ``sub_event_type``.

A classifier is any ``Callable[[str], SubEventType | None]``; the default runs the real pipeline
(``Extractor().extract(text)``) and takes the event with the highest confidence, or None.

Run ``python -m sitrep.evaluation.case2021`` to print both reports (``--help`` for options)::

    python -m sitrep.evaluation.case2021 --case ../shared/data/dev/case2021-task2-dev.tsv
    python -m sitrep.evaluation.case2021 --acled ../shared/data/dev/acled/*.csv --json
    python -m sitrep.evaluation.case2021 --resolve   # each text as one event (resolve_type)
    python -m sitrep.evaluation.case2021 --half A    # one half of the rows (split by id hash)

The rows split into two fixed halves by a hash of their id (``split_half``): study errors on one
half only and read the other as a check that a change generalises.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from sitrep.evaluation.datasets import acled_files, default_data_dir, read_acled, read_case2021
from sitrep.evaluation.metrics import ClassificationReport, classification_report
from sitrep.taxonomy import SubEventType

if TYPE_CHECKING:
    from spacy.language import Language

    from sitrep.core import Extractor
    from sitrep.pipeline.detect import EventDetector

__all__ = [
    "LABELS",
    "NO_EVENT",
    "Classifier",
    "evaluate_acled_types",
    "evaluate_case2021",
    "format_report",
    "main",
    "pipeline_classifier",
    "resolving_classifier",
    "split_half",
]

NO_EVENT = "no event"
LABELS: list[str] = [s.value for s in SubEventType] + [NO_EVENT]
Classifier = Callable[[str], SubEventType | None]


def pipeline_classifier(extractor: Extractor | None = None) -> Classifier:
    """A classifier that runs the whole extractor and keeps its most confident event."""
    from sitrep.core import Extractor
    from sitrep.errors import InputError

    engine = extractor or Extractor()

    def classify(text: str) -> SubEventType | None:
        try:
            result = engine.extract(text)
        except InputError:  # an empty or unusable snippet reports no event
            return None
        if not result.events:
            return None
        return max(result.events, key=lambda e: e.confidence).sub_event_type

    return classify


def resolving_classifier(
    nlp: Language | None = None, detector: EventDetector | None = None
) -> Classifier:
    """A classifier that reads the whole text as ONE event: the detector's mentions (same
    relevance filter and parse as the pipeline) decided together by ``resolve_type``. This is
    what the assembler does for a group of mentions; it shows what the codebook's precedence
    rules add over taking the single most confident mention."""
    from sitrep.errors import InputError
    from sitrep.pipeline.actors import ActorResolver
    from sitrep.pipeline.clean import RawArticle, prepare_article
    from sitrep.pipeline.detect import EventDetector, resolve_type
    from sitrep.pipeline.document import Document
    from sitrep.pipeline.segment import split_sentences

    if nlp is None:
        from sitrep.nlp import load_nlp

        actors = ActorResolver()
        nlp = load_nlp(actors.ruler_patterns(), key=actors.fingerprint)
    engine = detector or EventDetector()

    def classify(text: str) -> SubEventType | None:
        try:
            article = prepare_article(RawArticle(text=text))
        except InputError:
            return None
        document = Document(article=article, sentences=split_sentences(article.text))
        for sentence in document.sentences:
            if engine.is_relevant(sentence.text):
                sentence.doc = nlp(sentence.text)
        mentions = engine(document)
        return resolve_type(mentions)[0] if mentions else None

    return classify


def split_half(key: str) -> str:
    """The fixed half ("A" or "B") a row belongs to, from a hash of its id: CASE rows by
    ``"case" + id``, ACLED rows by ``event_id_cnty``."""
    return "A" if int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "B"


def _label(sub: SubEventType | None) -> str:
    return sub.value if sub is not None else NO_EVENT


def _score(gold: Sequence[str], texts: Iterable[str], classify: Classifier) -> ClassificationReport:
    predicted = [_label(classify(text)) for text in texts]
    return classification_report(gold, predicted, labels=LABELS)


def evaluate_case2021(
    path: Path,
    classify: Classifier | None = None,
    *,
    limit: int | None = None,
    half: str | None = None,
) -> ClassificationReport:
    """Score ``classify`` on a CASE 2021 task 2 file (TSV with ``EventSnippet`` and ``SubType``).

    Labels: the 25 ACLED sub-event types and "no event" (the five non-ACLED classes); the
    report carries per-class scores, weighted and macro F1 and the confusion matrix.
    ``half``: only the rows of that half ("A" or "B", see ``split_half``).
    """
    snippets = list(islice(read_case2021(path), limit))
    if half is not None:
        snippets = [s for s in snippets if split_half("case" + s.id) == half]
    gold = [_label(s.sub_event_type) for s in snippets]
    return _score(gold, (s.text for s in snippets), classify or pipeline_classifier())


def evaluate_acled_types(
    paths: Iterable[Path],
    classify: Classifier | None = None,
    *,
    limit: int | None = None,
    half: str | None = None,
) -> ClassificationReport:
    """Score ``classify`` on ACLED exports: ``notes`` in, ``sub_event_type`` expected.

    ``accuracy`` is the figure to read (every note reports an event, so "no event" is an error).
    ``limit`` caps the rows read per file; ``half`` keeps the rows of that half.
    """
    rows = [row for path in paths for row in islice(read_acled(path), limit)]
    if half is not None:
        rows = [row for row in rows if split_half(row.event_id) == half]
    gold = [row.sub_event_type for row in rows]
    return _score(gold, (row.notes for row in rows), classify or pipeline_classifier())


def main_confusions(report: ClassificationReport, top: int = 12) -> list[tuple[str, str, int]]:
    """The most frequent (gold, predicted) errors, most frequent first."""
    errors: Counter[tuple[str, str]] = Counter()
    for gold, row in report.confusion.items():
        for predicted, count in row.items():
            if gold != predicted:
                errors[(gold, predicted)] += count
    return [(g, p, n) for (g, p), n in errors.most_common(top)]


def format_report(report: ClassificationReport, title: str) -> str:
    """A plain-text table: per-class precision/recall/F1, the averages and the main confusions."""
    lines = [title, f"{'label':42} {'prec':>6} {'rec':>6} {'f1':>6} {'n':>5}"]
    for c in report.per_class:
        if c.support or c.precision:
            lines.append(
                f"{c.label:42} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} {c.support:5d}"
            )
    lines.append(
        f"n={report.n}  accuracy={report.accuracy:.4f}  weighted F1={report.weighted_f1:.4f}  "
        f"macro F1={report.macro_f1:.4f}"
    )
    lines.append("main confusions (gold -> predicted: count):")
    lines.extend(f"  {g} -> {p}: {n}" for g, p, n in main_confusions(report))
    return "\n".join(lines)


def _macro_over_support(report: ClassificationReport) -> float:
    """Macro F1 over the labels present in the gold data (labels with no support excluded)."""
    scored = [c.f1 for c in report.per_class if c.support]
    return sum(scored) / len(scored) if scored else 0.0


def main(argv: Sequence[str] | None = None, *, classify: Classifier | None = None) -> int:
    """The command line: print (or ``--json``) both reports; ``classify`` defaults to the pipeline."""
    parser = argparse.ArgumentParser(
        prog="python -m sitrep.evaluation.case2021",
        description="Score the extractor's sub-event types on CASE 2021 task 2 and ACLED notes.",
        epilog="example: python -m sitrep.evaluation.case2021 --acled-limit 500",
    )
    data = default_data_dir()
    parser.add_argument(
        "--case", type=Path, default=data / "case2021-task2-dev.tsv", help="CASE 2021 TSV"
    )
    parser.add_argument("--acled", type=Path, nargs="*", default=None, help="ACLED CSV exports")
    parser.add_argument("--acled-limit", type=int, default=None, help="rows read per ACLED file")
    parser.add_argument("--skip-case", action="store_true")
    parser.add_argument("--skip-acled", action="store_true")
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    parser.add_argument(
        "--resolve",
        action="store_true",
        help="read each text as one event decided by resolve_type (instead of the top event)",
    )
    parser.add_argument(
        "--half", choices=("A", "B"), default=None, help="only one half of the rows (id hash)"
    )
    args = parser.parse_args(argv)
    if classify is None:
        classify = resolving_classifier() if args.resolve else pipeline_classifier()
    out: dict[str, object] = {}
    if not args.skip_case:
        report = evaluate_case2021(args.case, classify, half=args.half)
        out["case2021"] = {
            **report.as_dict(),
            "macro_f1_present_labels": round(_macro_over_support(report), 4),
        }
        if not args.json:
            print(format_report(report, f"CASE 2021 task 2 ({args.case.name})"), end="\n\n")
    if not args.skip_acled:
        paths = args.acled if args.acled is not None else acled_files(data)
        report = evaluate_acled_types(paths, classify, limit=args.acled_limit, half=args.half)
        out["acled"] = report.as_dict()
        if not args.json:
            print(
                format_report(
                    report,
                    "ACLED notes -> sub_event_type (" + ", ".join(p.name for p in paths) + ")",
                )
            )
    if args.json:
        json.dump(out, sys.stdout, indent=1)
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


def run(
    data_dir: Path,
    extractor: object,
    *,
    limit: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> dict[str, object]:
    """The CASE 2021 suite for ``sitrep eval``: weighted/macro F1 over 25 sub-types + no event."""
    from sitrep.core import Extractor

    assert isinstance(extractor, Extractor)
    report = evaluate_case2021(
        data_dir / "case2021-task2-dev.tsv", pipeline_classifier(extractor), limit=limit
    )
    if progress is not None:
        progress(report.n)
    result = report.as_dict()
    result["main_confusions"] = [list(c) for c in main_confusions(report)]
    return result
