"""Names that tie an article to one country although they are not places (``country_cues.tsv``).

Peace operations and monitoring missions are known by the country they work in: a note that
says "the OSCE SMM observed explosions near Zolote-4" is about Ukraine even when the village is
in no gazetteer. Users add cues with a file of the same columns (``load_country_cues(path)``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from sitrep.errors import ReferenceDataError

__all__ = ["CountryCues", "load_country_cues"]


@dataclass(frozen=True)
class CountryCues:
    """Phrases (case-sensitive) and the country (ISO alpha-2) each points to."""

    countries: dict[str, str]
    pattern: re.Pattern[str] | None

    def find(self, text: str) -> list[tuple[str, int, int]]:
        """``(iso2, start, end)`` of every cue in ``text``."""
        if self.pattern is None:
            return []
        return [
            (self.countries[m.group()], m.start(), m.end()) for m in self.pattern.finditer(text)
        ]


@lru_cache(maxsize=8)
def load_country_cues(path: Path | None = None) -> CountryCues:
    """The shipped cues, plus those of ``path`` (same tab-separated columns) when given."""
    shipped = resources.files("sitrep") / "data" / "country_cues.tsv"
    countries: dict[str, str] = {}
    for source in [shipped, *([path] if path is not None else [])]:
        try:
            text = source.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ReferenceDataError.from_catalogue("E090", path=source, detail=str(exc)) from exc
        for line in text.splitlines():
            if not line.strip() or line.startswith("#") or line.startswith("phrase\t"):
                continue
            fields = line.split("\t")
            if len(fields) < 2 or len(fields[1]) != 2 or not fields[0].strip():
                raise ReferenceDataError.from_catalogue(
                    "E091",
                    path=source,
                    entry=line,
                    detail="phrase and country (ISO alpha-2) needed",
                )
            countries[fields[0].strip()] = fields[1].upper()
    alternation = "|".join(re.escape(p) for p in sorted(countries, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])") if countries else None
    return CountryCues(countries, pattern)
