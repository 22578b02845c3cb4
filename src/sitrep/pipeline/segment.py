"""Stage: split an article into paragraphs and sentences, with rules (fast, no model).

Paragraphs are lines; sentences end at ``.``, ``!`` or ``?`` (with closing quotes or brackets)
followed by space and a capital, digit or quote, unless the full stop ends a known abbreviation
("Gen.", "Lt.", "U.S.", "Jan.") or an initial. A dateline opening a paragraph ("BAMAKO
(Reuters) -", "GAO, Mali, Aug 26 (AFP) —") is a segment of its own, so that the model reads the
sentence after it as a sentence.
"""

from __future__ import annotations

import re

from sitrep.pipeline.document import Sentence

DATELINE = re.compile(
    r"^(?P<place>[A-ZÀ-Ý][A-ZÀ-Ý .'\-]{2,40}?)(?:,\s*(?P<region>[A-Z][\w .,]{1,30}?))?\s*"
    r"(?:\((?P<agency>[^()]{2,40})\)\s*)?[-–—]{1,2}(?:\s|$)",
)
"""A dateline: the place in capitals, maybe a region or date, maybe the agency, then a dash."""

_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "cpt",
        "sgt",
        "cpl",
        "pvt",
        "adm",
        "cmdr",
        "brig",
        "gov",
        "sen",
        "rep",
        "pres",
        "st",
        "ste",
        "mt",
        "ft",
        "no",
        "nos",
        "vol",
        "fig",
        "inc",
        "ltd",
        "co",
        "corp",
        "jr",
        "sr",
        "rev",
        "hon",
        "approx",
        "est",
        "dept",
        "univ",
        "ave",
        "blvd",
        "rd",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "u.s",
        "u.n",
        "u.k",
        "e.g",
        "i.e",
        "vs",
        "etc",
        "al",
    ]
)

_BOUNDARY = re.compile(r"""[.!?]+['"”’)\]]*(?=\s+['"“‘(\[]?[A-Z0-9À-Ý])""")
_LINE = re.compile(r"[^\n]+")


def _ends_with_abbreviation(text: str, dot: int) -> bool:
    """True when the full stop at ``dot`` closes an abbreviation or an initial."""
    if text[dot] != ".":
        return False
    start = dot
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    word = text[start:dot].lower()
    if not word:
        return False
    if word in _ABBREVIATIONS:
        return True
    # single initials ("J. Smith") and dotted acronyms ("U.S.")
    return len(word.replace(".", "")) == 1 or (word.count(".") >= 1 and len(word) <= 5)


def split_sentences(text: str, *, title: str | None = None) -> list[Sentence]:
    """Split ``text`` into sentences with character offsets; blank lines separate paragraphs."""
    sentences: list[Sentence] = []
    paragraph = -1
    for line in _LINE.finditer(text):
        line_text = line.group()
        if not line_text.strip():
            continue
        paragraph += 1
        cursor = 0
        for boundary in _BOUNDARY.finditer(line_text):
            end = boundary.end()
            if _ends_with_abbreviation(line_text, boundary.start()):
                continue
            _append(sentences, text, line.start() + cursor, line.start() + end, paragraph)
            cursor = end
        _append(sentences, text, line.start() + cursor, line.end(), paragraph)
    sentences = _split_datelines(sentences, text)
    if title and sentences and text.startswith(title.strip()):
        sentences[0].is_title = True
    return sentences


def _append(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(
            Sentence(
                index=len(out), start=start, end=end, text=text[start:end], paragraph=paragraph
            )
        )


def _split_datelines(sentences: list[Sentence], text: str) -> list[Sentence]:
    out: list[Sentence] = []
    for sentence in sentences:
        first = not out or out[-1].paragraph != sentence.paragraph
        match = DATELINE.match(sentence.text) if first else None
        if match is None or not match.group("place").replace(" ", "").isupper():
            out.append(sentence)
            continue
        cut = sentence.start + match.end()
        _append(out, text, sentence.start, cut, sentence.paragraph)
        _append(out, text, cut, sentence.end, sentence.paragraph)
    for index, sentence in enumerate(out):
        sentence.index = index
    return out
