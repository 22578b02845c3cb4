"""Stage: find dates and periods in the text and resolve them against the publication date.

News dates are mostly relative ("on Sunday", "last month", "in late July", "on 25 August"): they
only become calendar dates against the day the article was published. The rules:

- a weekday is the latest such day on or before the publication day ("on Sunday" in a Monday
  article is the day before); with a publication date known only to the month, a weekday
  cannot be placed and the event date stays at month precision (never guessed to the day);
- a day and month without a year ("25 August") takes the publication year, or the year before
  when that would put it after publication;
- "late July", "early August", "mid-July" keep month precision (ACLED codes such spans to the
  month); "last week" is week precision; "last month", "in July" month; "in 2015" year;
- durations and spans ("since 2012", "for two years") are marked ``duration``: they date a
  state of affairs, not an event;
- expressions that point clearly before the news ("last month", "two years ago", "in 2015")
  are marked ``past_reference``, which the assembler uses to tell background from news.

Without a publication date, absolute dates still resolve; relative ones stay unresolved.
Number words ("two years ago") live in ``sitrep/data/time_words.json``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from functools import lru_cache
from importlib import resources

from sitrep.model import DatePrecision, PartialDate
from sitrep.pipeline.document import Document
from sitrep.pipeline.mentions import TimeExpression
from sitrep.pipeline.segment import DATELINE

__all__ = ["find_time_expressions", "resolve_in_text"]

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}


@lru_cache(maxsize=1)
def _number_words() -> dict[str, int]:
    data = json.loads(resources.files("sitrep.data").joinpath("time_words.json").read_text("utf-8"))
    return {k: int(v) for k, v in data["numbers"].items()}


_MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"
)
_WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUM_WORD = (
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few)"
)

# Order matters: longer, more specific patterns first; matches may not overlap.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})\b")),
    # 24/08/2024, 24.08.2024: day first, as written outside the United States (08/24/2024 too)
    ("numeric", re.compile(r"\b(?P<d>\d{1,2})[/.](?P<m>\d{1,2})[/.](?P<y>(?:19|20)\d{2})\b")),
    ("weekend", re.compile(r"\b(?:at|over|on|during)\s+the\s+weekend\b", re.I)),
    (
        "day_month_year",
        re.compile(
            rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTH_RE}),?\s+(?P<y>(?:19|20)\d{{2}})\b"
        ),
    ),
    (
        "month_day_year",
        re.compile(
            rf"\b(?P<mon>{_MONTH_RE})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{{2}})\b"
        ),
    ),
    (
        "day_month",
        re.compile(
            rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTH_RE})(?![\w-])"
        ),
    ),
    (
        "month_day",
        re.compile(
            rf"\b(?P<mon>{_MONTH_RE})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*(?:,\s*)?\d)"
        ),
    ),
    (
        "part_month_year",
        re.compile(
            rf"\b(?P<part>early|earlier|late|later|mid|middle of|end of|beginning of|start of)[\s-]+(?P<mon>{_MONTH_RE})\s+(?P<y>(?:19|20)\d{{2}})\b",
            re.I,
        ),
    ),
    ("month_year", re.compile(rf"\b(?P<mon>{_MONTH_RE})\s+(?:of\s+)?(?P<y>(?:19|20)\d{{2}})\b")),
    (
        "part_month",
        re.compile(
            rf"\b(?P<part>early|earlier|late|later|mid|middle of|end of|beginning of|start of)[\s-]+(?P<mon>{_MONTH_RE})(?![\w-])",
            re.I,
        ),
    ),
    (  # "November last year", "in March this year"
        "month_rel_year",
        re.compile(rf"\b(?P<mon>{_MONTH_RE})\s+(?P<rel>(?i:last|this|next))\s+year\b"),
    ),
    (  # "last November", "this past March", "this June"
        "rel_month",
        re.compile(
            rf"\b(?P<rel>(?i:last|this\s+past|this|earlier\s+this))\s+(?P<mon>{_MONTH_RE})(?![\w-])"
        ),
    ),
    (
        "in_month",
        re.compile(
            rf"\b(?P<prep>in|since|during|until|by|from|through)\s+(?P<mon>{_MONTH_RE})(?![\w-])"
        ),
    ),
    (
        "weekday",
        re.compile(
            rf"\b(?P<last>last\s+|this\s+|on\s+|late\s+on\s+|early\s+on\s+|overnight\s+)?(?P<wd>{_WEEKDAY_RE})\b",
            re.I,
        ),
    ),
    (
        "yesterday",
        re.compile(
            r"\b(?P<w>yesterday|today|tonight|this morning|this afternoon|this evening|last night|overnight)\b",
            re.I,
        ),
    ),
    (
        "ago",
        re.compile(
            rf"\b(?P<n>{_NUM_WORD})\s+(?P<unit>days?|weeks?|months?|years?|decades?)\s+ago\b", re.I
        ),
    ),
    (
        "last_period",
        re.compile(
            r"\b(?P<rel>last|past|previous|this|earlier this|late last|early last|later this)\s+(?P<unit>week|weekend|month|year)\b",
            re.I,
        ),
    ),
    (
        "duration",
        re.compile(
            rf"\b(?:for|over|in)\s+(?:the\s+(?:past|last)\s+)?(?:(?:more than|nearly|almost|about|around|at least|over|some)\s+)?(?P<n>{_NUM_WORD})\s+(?P<unit>days?|weeks?|months?|years?|decades?)\b",
            re.I,
        ),
    ),
    (
        "since_year",
        re.compile(r"\b(?P<prep>since|from|until|till|between)\s+(?P<y>(?:19|20)\d{2})\b", re.I),
    ),
    ("year", re.compile(r"\b(?P<prep>in|of|during|by)\s+(?P<y>(?:19|20)\d{2})\b")),
    (
        "bare_year",
        re.compile(
            r"(?<![\d,.$€£-])(?<!\bat )\b(?P<y>(?:19|20)\d{2})\b(?![\d,.%-]|\s*(?:people|persons|soldiers|troops|hours|hrs|km|kilometres|kilometers|dollars|euros|cases|members|fighters|civilians|households|families))"
        ),
    ),
]

# Patterns that cannot match without a digit or a month name (a case-insensitive month name is
# part of every match of the month patterns): sentences without them skip those scans.
_DIGIT = re.compile(r"\d")
_ANY_MONTH = re.compile(_MONTH_RE, re.I)
_NEEDS_DIGIT = frozenset(
    {
        "iso",
        "day_month_year",
        "month_day_year",
        "day_month",
        "month_day",
        "part_month_year",
        "month_year",
        "since_year",
        "year",
        "bare_year",
    }
)
_NEEDS_MONTH = frozenset(
    {
        "day_month_year",
        "month_day_year",
        "day_month",
        "month_day",
        "part_month_year",
        "month_year",
        "part_month",
        "in_month",
        "month_rel_year",
        "rel_month",
    }
)


def _month_period(year: int, month: int) -> PartialDate:
    return PartialDate.of_month(year, month)


def _year_for(month: int, day: int | None, published: PartialDate | None) -> int | None:
    """The year of a day/month without year: the publication year, or the year before."""
    if published is None:
        return None
    year = published.end.year
    candidate = dt.date(year, month, min(day or 1, calendar.monthrange(year, month)[1]))
    if candidate > published.end:
        year -= 1
    return year


def _safe_day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _number(token: str) -> int:
    token = token.lower()
    if token.isdigit():
        return int(token)
    return _number_words().get(token, 1)


def _weekday(
    match: re.Match[str], published: PartialDate | None
) -> tuple[PartialDate | None, bool]:
    if published is None or published.precision is not DatePrecision.day:
        # A weekday cannot be placed in a month: keep the publication period, never guess the day.
        if published is not None and published.precision is DatePrecision.month:
            return published, False
        return None, False
    target = _WEEKDAYS[match.group("wd").lower()]
    day = published.start
    delta = (day.weekday() - target) % 7
    last = (match.group("last") or "").strip().lower()
    if last == "last" and delta == 0:
        delta = 7
    resolved = day - dt.timedelta(days=delta)
    return PartialDate.of_day(resolved), delta > 7


def _relative_unit(rel: str, unit: str, published: PartialDate) -> tuple[PartialDate, bool]:
    """'last week', 'last month', 'earlier this month', 'last year' -> period, past_reference."""
    rel = rel.lower()
    day = published.end if published.precision is DatePrecision.day else published.start
    this = rel.startswith("this") or rel in {"earlier this", "later this"}
    if unit == "year":
        year = day.year if this else day.year - 1
        return PartialDate.of_year(year), not this
    if unit == "month":
        if this:
            return PartialDate.of_month(day.year, day.month), False
        first = day.replace(day=1) - dt.timedelta(days=1)
        return PartialDate.of_month(first.year, first.month), True
    if published.precision is not DatePrecision.day:
        return published, False  # a week cannot be placed inside a month-precision publication
    if unit == "weekend":
        # the Saturday-Sunday on or before the publication day
        sunday = day - dt.timedelta(days=(day.weekday() + 1) % 7)
        if rel in {"last", "past", "previous"} and sunday == day:
            sunday -= dt.timedelta(days=7)
        return PartialDate.of_period(
            sunday - dt.timedelta(days=1), sunday, DatePrecision.week
        ), False
    # week
    if this:
        start = day - dt.timedelta(days=day.weekday())
        return PartialDate.of_period(start, day, DatePrecision.week), False
    return PartialDate.of_period(
        day - dt.timedelta(days=7), day - dt.timedelta(days=1), DatePrecision.week
    ), False


def _ago(n: int, unit: str, published: PartialDate) -> PartialDate:
    day = published.start
    unit = unit.rstrip("s")
    if unit == "day":
        return (
            PartialDate.of_day(day - dt.timedelta(days=n))
            if published.precision is DatePrecision.day
            else published
        )
    if unit == "week":
        end = day - dt.timedelta(days=7 * n)
        return PartialDate.of_period(end - dt.timedelta(days=6), end, DatePrecision.week)
    if unit == "month":
        month = day.month - n
        year = day.year + (month - 1) // 12
        month = (month - 1) % 12 + 1
        return PartialDate.of_month(year, month)
    years = n * (10 if unit == "decade" else 1)
    return PartialDate.of_year(day.year - years)


def _resolve(
    kind: str, m: re.Match[str], published: PartialDate | None
) -> tuple[PartialDate | None, bool, bool, bool]:
    """-> (date, relative, past_reference, duration)"""
    if kind == "iso":
        day = _safe_day(int(m["y"]), int(m["m"]), int(m["d"]))
        return (PartialDate.of_day(day) if day else None), False, False, False
    if kind == "numeric":
        first, second = int(m["d"]), int(m["m"])
        d, mo = (second, first) if second > 12 >= first else (first, second)
        day = _safe_day(int(m["y"]), mo, d)
        return (PartialDate.of_day(day) if day else None), False, False, False
    if kind == "weekend":
        if published is None:
            return None, True, False, False
        if published.precision is not DatePrecision.day:
            return published, True, False, False
        sunday = published.start - dt.timedelta(days=(published.start.weekday() + 1) % 7)
        saturday = sunday - dt.timedelta(days=1)
        return PartialDate.of_period(saturday, sunday, DatePrecision.week), True, False, False
    if kind in {"day_month_year", "month_day_year"}:
        month = _MONTHS[m["mon"].rstrip(".").lower()]
        day = _safe_day(int(m["y"]), month, int(m["d"]))
        return (PartialDate.of_day(day) if day else None), False, False, False
    if kind in {"day_month", "month_day"}:
        month = _MONTHS[m["mon"].rstrip(".").lower()]
        year = _year_for(month, int(m["d"]), published)
        if year is None:
            return None, True, False, False
        day = _safe_day(year, month, int(m["d"]))
        return (PartialDate.of_day(day) if day else None), True, False, False
    if kind in {"month_year", "part_month_year"}:
        month = _MONTHS[m["mon"].rstrip(".").lower()]
        return _month_period(int(m["y"]), month), False, False, False
    if kind in {"part_month", "in_month"}:
        month = _MONTHS[m["mon"].rstrip(".").lower()]
        year = _year_for(month, None, published)
        duration = kind == "in_month" and m["prep"].lower() in {"since", "until", "through", "from"}
        if year is None:
            return None, True, False, duration
        period = _month_period(year, month)
        past = published is not None and period.end < published.start
        return period, True, past, duration
    if kind in {"month_rel_year", "rel_month"}:
        month = _MONTHS[m["mon"].rstrip(".").lower()]
        rel = " ".join(m["rel"].lower().split())
        if published is None:
            return None, True, rel != "next", False
        year = published.start.year
        if kind == "month_rel_year":
            year += {"last": -1, "this": 0, "next": 1}[rel]
        elif rel in {"last", "this past"} and month >= published.start.month:
            year -= 1  # "last November", read in March: the November before
        period = _month_period(year, month)
        return period, True, period.end < published.start, False
    if kind == "weekday":
        date, long_ago = _weekday(m, published)
        return date, True, long_ago, False
    if kind == "yesterday":
        if published is None:
            return None, True, False, False
        if published.precision is not DatePrecision.day:
            return published, True, False, False
        word = m["w"].lower()
        if word in {"yesterday", "last night"}:
            return PartialDate.of_day(published.start - dt.timedelta(days=1)), True, False, False
        if word == "overnight":
            return (
                PartialDate.of_period(
                    published.start - dt.timedelta(days=1), published.start, DatePrecision.week
                ),
                True,
                False,
                False,
            )
        return published, True, False, False
    if kind == "ago":
        if published is None:
            return None, True, True, False
        n = _number(m["n"])
        unit = m["unit"].lower()
        past = not unit.startswith("day") or n > 7
        return _ago(n, unit, published), True, past, False
    if kind == "last_period":
        if published is None:
            return None, True, m["rel"].lower() in {"last", "past", "previous"}, False
        rel, unit = m["rel"], m["unit"].lower()
        if rel.lower() == "past":  # "the past week" is a span up to now, not a point
            date, _ = _relative_unit("last", unit, published)
            return date, True, False, True
        date, past = _relative_unit(rel.replace("late ", "").replace("early ", ""), unit, published)
        return date, True, past, False
    if kind == "duration":
        return None, True, False, True
    if kind == "since_year":
        year = int(m["y"])
        duration = m["prep"].lower() in {"since", "from", "until", "till", "between"}
        past = published is not None and year < published.start.year
        return PartialDate.of_year(year), False, past, duration
    if kind in {"year", "bare_year"}:
        year = int(m["y"])
        past = published is not None and year < published.start.year
        return PartialDate.of_year(year), False, past, False
    return None, False, False, False


# A verb of saying right before a time phrase dates the saying ("security sources said on
# Thursday", "told AFP late on Monday", "said in a statement on Friday"), not the event.
_SPEECH_BEFORE = re.compile(
    r"\b(?:said|says|told|tells|announced|announces|reported|reports|confirmed|confirms|stated|"
    r"added|claimed|denied|declared|wrote|posted|tweeted|explained|insisted|warned)"
    r"(?:\s+(?:in\s+an?\s+(?:\w+\s+)?(?:statement|communiqu[ée]|message|post|video|interview|"
    r"briefing|release)|to\s+(?:[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?|reporters|journalists|the\s+press"
    r"|the\s+media)|by\s+(?:tele)?phone|(?<=told\s)(?:[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?|reporters"
    r"|journalists)))*\s*,?\s*(?:(?:late|early|earlier|later)\s+)?$"
)


def resolve_in_text(
    text: str, published: PartialDate | None, offset: int = 0, sentence_index: int = -1
) -> list[TimeExpression]:
    """All time expressions in ``text`` (offsets shifted by ``offset``), resolved."""
    from sitrep.model import Span

    taken: list[tuple[int, int]] = []
    found: list[TimeExpression] = []
    has_digit = _DIGIT.search(text) is not None
    has_month = _ANY_MONTH.search(text) is not None
    # the date of a dateline ("MOGADISHU, March 3 (Reuters) -") is the date of the report
    dateline = DATELINE.match(text)
    dateline_end = dateline.end() if dateline else 0
    for kind, pattern in _PATTERNS:
        if (kind in _NEEDS_DIGIT and not has_digit) or (kind in _NEEDS_MONTH and not has_month):
            continue  # the pattern cannot match: skip the scan
        for m in pattern.finditer(text):
            start, end = m.span()
            if any(start < b and a < end for a, b in taken):
                continue
            date, relative, past, duration = _resolve(kind, m, published)
            if kind == "bare_year" and date is None:
                continue
            taken.append((start, end))
            found.append(
                TimeExpression(
                    span=Span(start=offset + start, end=offset + end, text=text[start:end]),
                    sentence_index=sentence_index,
                    date=date,
                    relative=relative,
                    past_reference=past,
                    duration=duration,
                    precision=date.precision if date else None,
                    speech=bool(_SPEECH_BEFORE.search(text[:start]) or start < dateline_end),
                )
            )
    found.sort(key=lambda t: t.span.start)
    return found


def find_time_expressions(document: Document) -> list[TimeExpression]:
    """Every date or period in the article, resolved against ``document.published``."""
    found: list[TimeExpression] = []
    for sentence in document.sentences:
        found.extend(
            resolve_in_text(sentence.text, document.published, sentence.start, sentence.index)
        )
    return found
