"""The CASE 2021 / ACLED-notes harness: labels, scores, confusions, the real-pipeline classifier."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from sitrep.core import Extractor
from sitrep.evaluation.case2021 import (
    LABELS,
    NO_EVENT,
    evaluate_acled_types,
    evaluate_case2021,
    format_report,
    main,
    main_confusions,
    pipeline_classifier,
    resolving_classifier,
    split_half,
)
from sitrep.nlp import load_nlp
from sitrep.taxonomy import SubEventType as S

# Snippets written for these tests, in the style of the shared task (not taken from it).
SNIPPETS = [
    (
        "1",
        "Warplanes struck rebel positions outside the town on Monday, a monitor said.",
        "AIR_STRIKE",
    ),
    (
        "2",
        "Police fired tear gas to disperse hundreds of students protesting in the capital.",
        "PROTEST_WITH_INTER",
    ),
    (
        "3",
        "A magnitude 6.1 earthquake shook the region, killing at least nine people.",
        "NATURAL_DISASTER",
    ),
    ("4", "Gunmen kidnapped two aid workers on the road to the camp.", "ABDUCT_DISSAP"),
    ("5", "The ministers met in Geneva to discuss new sanctions.", "DIPLO"),
]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(
        nlp=load_nlp([{"label": "GPE", "pattern": "Mali", "id": "MLI"}], key="tests-case2021")
    )


@pytest.fixture()
def case_file(tmp_path: Path) -> Path:
    path = tmp_path / "case.tsv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t")
        writer.writerow(["id", "EventSnippet", "SubType"])
        writer.writerows(SNIPPETS)
    return path


@pytest.fixture()
def acled_file(tmp_path: Path) -> Path:
    path = tmp_path / "acled.csv"
    header = [
        "event_id_cnty",
        "event_date",
        "event_type",
        "sub_event_type",
        "actor1",
        "country",
        "notes",
    ]
    rows = [
        [
            "X1",
            "9-May-20",
            "Protests",
            "Peaceful protest",
            "Protesters (X)",
            "X",
            "On 9 May 2020, nurses staged a protest outside the hospital to demand unpaid wages.",
        ],
        [
            "X2",
            "9-May-20",
            "Battles",
            "Armed clash",
            "Military Forces of X",
            "X",
            "On 9 May 2020, soldiers clashed with militants near the river.",
        ],
        [
            "X3",
            "9-May-20",
            "Riots",
            "Mob violence",
            "Rioters (X)",
            "X",
            "On 9 May 2020, a mob beat a suspected thief to death in the market.",
        ],
    ]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_case2021_labels_are_the_25_sub_types_and_no_event() -> None:
    assert len(LABELS) == 26
    assert LABELS[-1] == NO_EVENT
    assert set(LABELS[:-1]) == {s.value for s in S}


def fixed(answers: dict[str, S | None]):  # a plain classifier from a table of answers
    return lambda text: next((sub for key, sub in answers.items() if key in text), None)


def test_case2021_scores_a_classifier_and_counts_non_acled_classes_as_no_event(
    case_file: Path,
) -> None:
    classify = fixed(
        {"Warplanes": S.air_drone_strike, "tear gas": S.peaceful_protest, "kidnapped": S.abduction}
    )
    report = evaluate_case2021(case_file, classify)
    assert report.n == 5
    assert report.accuracy == pytest.approx(4 / 5)
    assert report.confusion["Protest with intervention"] == {"Peaceful protest": 1}
    assert report.confusion[NO_EVENT] == {NO_EVENT: 2}
    assert main_confusions(report) == [("Protest with intervention", "Peaceful protest", 1)]
    text = format_report(report, "toy")
    assert "weighted F1" in text and "Protest with intervention -> Peaceful protest: 1" in text


def test_case2021_pipeline_classifier_runs_the_real_extractor(
    case_file: Path, extractor: Extractor
) -> None:
    report = evaluate_case2021(case_file, pipeline_classifier(extractor))
    assert report.n == 5
    assert report.accuracy >= 0.8
    assert pipeline_classifier(extractor)("   ") is None  # an empty snippet is no event


def test_case2021_acled_notes_accuracy(acled_file: Path, extractor: Extractor) -> None:
    report = evaluate_acled_types([acled_file], pipeline_classifier(extractor))
    assert report.n == 3
    assert report.accuracy == pytest.approx(1.0)


def test_case2021_main_prints_both_reports(
    case_file: Path, acled_file: Path, extractor: Extractor, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--case", str(case_file), "--acled", str(acled_file)]
    assert main(argv, classify=pipeline_classifier(extractor)) == 0
    out = capsys.readouterr().out
    assert "CASE 2021 task 2 (case.tsv)" in out
    assert "ACLED notes -> sub_event_type (acled.csv)" in out


def test_case2021_resolving_classifier_reads_a_text_as_one_event(extractor: Extractor) -> None:
    classify = resolving_classifier(nlp=extractor.nlp)
    text = "Dozens of students protested outside the ministry. Police arrested eight of them."
    assert classify(text) is S.protest_with_intervention
    assert classify("The ministry published its budget.") is None
    assert classify("  ") is None


def test_case2021_split_half_is_fixed_and_splits_the_rows(
    case_file: Path, acled_file: Path
) -> None:
    ids = [str(i) for i in range(200)]
    halves = [split_half(i) for i in ids]
    assert halves == [split_half(i) for i in ids]  # the same every run
    assert 70 < halves.count("A") < 130
    classify = fixed({})
    a, b = (evaluate_case2021(case_file, classify, half=h) for h in ("A", "B"))
    assert a.n + b.n == 5
    assert a.n == sum(1 for i, _, _ in SNIPPETS if split_half("case" + i) == "A")
    rows_a = evaluate_acled_types([acled_file], classify, half="A").n
    assert rows_a + evaluate_acled_types([acled_file], classify, half="B").n == 3
