"""Plain metrics: per-class precision/recall/F1, weighted and macro averages, confusion matrices."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field


@dataclass
class ClassScore:
    label: str
    precision: float
    recall: float
    f1: float
    support: int


@dataclass
class ClassificationReport:
    per_class: list[ClassScore]
    accuracy: float
    macro_f1: float
    weighted_f1: float
    n: int
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {
            "n": self.n,
            "accuracy": round(self.accuracy, 4),
            "macro_f1": round(self.macro_f1, 4),
            "weighted_f1": round(self.weighted_f1, 4),
            "per_class": {
                c.label: {
                    "precision": round(c.precision, 4),
                    "recall": round(c.recall, 4),
                    "f1": round(c.f1, 4),
                    "support": c.support,
                }
                for c in self.per_class
            },
            "confusion": self.confusion,
        }


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def classification_report(
    gold: Sequence[Hashable],
    predicted: Sequence[Hashable],
    labels: Sequence[Hashable] | None = None,
) -> ClassificationReport:
    """Scores as scikit-learn computes them: macro and weighted averages over the gold labels
    (plus any predicted label), weights = gold support."""
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted differ in length")
    label_set = list(labels) if labels is not None else sorted({*gold, *predicted}, key=str)
    tp: Counter[Hashable] = Counter()
    fp: Counter[Hashable] = Counter()
    fn: Counter[Hashable] = Counter()
    confusion: dict[str, dict[str, int]] = {}
    for g, p in zip(gold, predicted, strict=True):
        row = confusion.setdefault(str(g), {})
        row[str(p)] = row.get(str(p), 0) + 1
        if g == p:
            tp[g] += 1
        else:
            fp[p] += 1
            fn[g] += 1
    support = Counter(gold)
    scores = []
    for label in label_set:
        p = tp[label] / (tp[label] + fp[label]) if tp[label] + fp[label] else 0.0
        r = tp[label] / (tp[label] + fn[label]) if tp[label] + fn[label] else 0.0
        scores.append(ClassScore(str(label), p, r, _f1(p, r), support[label]))
    total = sum(support.values())
    macro = sum(s.f1 for s in scores) / len(scores) if scores else 0.0
    weighted = sum(s.f1 * s.support for s in scores) / total if total else 0.0
    accuracy = sum(tp.values()) / total if total else 0.0
    return ClassificationReport(scores, accuracy, macro, weighted, total, confusion)


@dataclass
class Rate:
    """A proportion with its counts, e.g. accuracy over the rows where it applies."""

    hits: int = 0
    total: int = 0

    def add(self, hit: bool) -> None:
        self.total += 1
        self.hits += int(hit)

    @property
    def value(self) -> float:
        return self.hits / self.total if self.total else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"value": round(self.value, 4), "hits": self.hits, "total": self.total}


@dataclass
class PRF:
    """Precision/recall/F1 from true positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }
