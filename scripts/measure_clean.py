#!/usr/bin/env python3
"""Measure the clean stage on real, third-party news text read at run time (never copied).

For every article of the geoparsing corpora (LGL, TR-News) and every CASE 2021 snippet and ACLED
note in ../shared/data/dev: how many lines the boilerplate rules drop (all of that text is article
content, so every drop is a false positive unless it is furniture the corpus kept), and how many
English texts the language identifier calls something else.

Usage: .venv/bin/python scripts/measure_clean.py [--data-dir DIR] [--show N]
"""

from __future__ import annotations

import argparse
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

from sitrep.evaluation.datasets import acled_files, default_data_dir, read_acled, read_case2021
from sitrep.pipeline.boilerplate import strip_boilerplate
from sitrep.pipeline.clean import RawArticle, normalise_text, prepare_article
from sitrep.pipeline.language import identify_language


def _geoparsing_texts(data_dir: Path) -> list[tuple[str, str]]:
    texts = []
    for name in ("lgl.xml", "TR-News.xml"):
        path = data_dir / "geoparsing" / name
        if path.is_file():
            for article in ET.parse(path).getroot().iter("article"):
                texts.append((f"{name}:{article.get('docid')}", article.findtext("text") or ""))
    return texts


def _seed_check(seed_dir: Path) -> None:
    """The seed articles: is the furniture the analyst listed gone, and the dateline read?"""
    for path in sorted(seed_dir.glob("*.txt")):
        article = prepare_article(
            RawArticle(text=path.read_text(encoding="utf-8"), origin=str(path))
        )
        lowered = article.text.lower()
        left = [cue for cue in ("google news", "read more", "min read") if cue in lowered]
        published = article.published.value if article.published else None
        last = article.text.rsplit("\n", 1)[-1][:80]
        print(
            f"seed {path.name}: published={published} furniture left={left or 'none'} last line={last!r}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=default_data_dir())
    parser.add_argument("--show", type=int, default=10, help="print up to N dropped lines")
    args = parser.parse_args()
    _seed_check(args.data_dir.parent.parent / "seed")

    articles = _geoparsing_texts(args.data_dir)
    dropped_lines: list[tuple[str, str]] = []
    total_lines = 0
    for origin, text in articles:
        clean = normalise_text(text)
        kept = set(strip_boilerplate(clean).split("\n"))
        lines = [line for line in clean.split("\n") if line.strip()]
        total_lines += len(lines)
        dropped_lines += [(origin, line) for line in lines if line not in kept]
    print(
        f"boilerplate: {len(articles)} articles, {total_lines} lines, {len(dropped_lines)} dropped"
    )
    for origin, line in dropped_lines[: args.show]:
        print(f"  dropped {origin}: {line[:120]!r}")

    snippets = [s.text for s in read_case2021(args.data_dir / "case2021-task2-dev.tsv")]
    notes = [row.notes for path in acled_files(args.data_dir) for row in read_acled(path)]
    for label, texts in (
        ("articles", [t for _, t in articles]),
        ("CASE snippets", snippets),
        ("ACLED notes", notes),
    ):
        languages = Counter(identify_language(t) for t in texts)
        other = sum(n for lang, n in languages.items() if lang != "en")
        print(
            f"language: {label}: {len(texts)} texts, {other} not called English {dict(languages.most_common(5))}"
        )


if __name__ == "__main__":
    main()
