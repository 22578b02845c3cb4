"""Synthetic events: fictitious, but with evidence spans that point at their own words."""

from __future__ import annotations

import itertools

from sitrep.server.synthetic import synthetic_results


def test_synthetic_spans_point_into_the_article() -> None:
    for result in itertools.islice(synthetic_results(60, seed=3), 12):
        text = result.article.text
        for event in result.events:
            spans = [
                *event.type_evidence,
                *event.fatalities.evidence,
                *(event.date.evidence if event.date else []),
            ]
            spans += event.location.evidence if event.location else []
            spans += [c.sentence for c in event.claims]
            for span in spans:
                assert text[span.start : span.end] == span.text


def test_synthetic_is_deterministic_and_counts_exactly() -> None:
    first = [e.id for r in synthetic_results(23, seed=5) for e in r.events]
    second = [e.id for r in synthetic_results(23, seed=5) for e in r.events]
    assert first == second and len(first) == 23 == len(set(first))
