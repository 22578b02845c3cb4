"""Part of the clean stage: drop page furniture from article text, one line (paragraph) at a time.

The rules are data (``sitrep/data/boilerplate.json``; a user's ``$SITREP_HOME/boilerplate.json``
adds patterns). Two kinds:

- a *drop line* is never content ("For all the latest headlines follow our Google News channel",
  a share bar, "3 min read", "Reporting by ...");
- a *list header* ("Read more:", "Related stories") introduces linked headlines: the header and
  the headline-like lines after it are dropped. A header followed by text on the same line
  ("Read more: Army retakes the town") is dropped alone.

Lines longer than ``max_words`` are always kept: furniture is short, reporting is not.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from sitrep.errors import ConfigError

__all__ = ["BoilerplateRules", "load_rules", "strip_boilerplate"]

_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
_BULLET = re.compile(r"^\s*(?:[-*•·»>]|\d+[.)])\s+")


@dataclass(frozen=True)
class BoilerplateRules:
    """Compiled boilerplate patterns (see the module docstring)."""

    drop_line: tuple[re.Pattern[str], ...]
    list_header: tuple[re.Pattern[str], ...]
    max_words: int = 40
    headline_max_words: int = 25

    def is_furniture(self, line: str) -> bool:
        """True when ``line`` as a whole is page furniture (a drop line or a header with text)."""
        if len(line.split()) > self.max_words:
            return False
        if any(p.fullmatch(line) for p in self.drop_line):
            return True
        return any((m := p.fullmatch(line)) and m.group("rest") for p in self.list_header)

    def is_list_header(self, line: str) -> bool:
        """True when ``line`` is only a list header such as "Read more:"."""
        return any((m := p.fullmatch(line)) and not m.group("rest") for p in self.list_header)

    def is_headline(self, line: str) -> bool:
        """A linked headline: short and not ending like a sentence."""
        words = len(line.split())
        return 0 < words <= self.headline_max_words and not _SENTENCE_END.search(line)


def _compile(
    drop: list[str], headers: list[str], max_words: int, headline_words: int
) -> BoilerplateRules:
    flags = re.IGNORECASE
    return BoilerplateRules(
        drop_line=tuple(re.compile(p, flags) for p in drop),
        list_header=tuple(
            re.compile(rf"(?:{p})\s*(?:[:\-–—|»]\s*(?P<rest>.*))?", flags) for p in headers
        ),
        max_words=max_words,
        headline_max_words=headline_words,
    )


def _read(path: Path | None) -> dict[str, Any]:
    try:
        if path is None:
            raw = resources.files("sitrep").joinpath("data", "boilerplate.json").read_text("utf-8")
        else:
            raw = path.read_text("utf-8")
        data = json.loads(raw)
    except (OSError, ValueError) as error:
        where = path or "sitrep/data/boilerplate.json"
        raise ConfigError.from_catalogue(
            "E021", detail=f"boilerplate rules {where}: {error}"
        ) from error
    if not isinstance(data, dict):
        raise ConfigError.from_catalogue(
            "E021", detail=f"boilerplate rules {path}: not a JSON object"
        )
    return data


@functools.lru_cache(maxsize=4)
def load_rules(user_file: Path | None = None) -> BoilerplateRules:
    """The shipped rules plus those of ``user_file`` (default ``$SITREP_HOME/boilerplate.json``)."""
    if user_file is None:
        from sitrep.config import Settings

        user_file = Settings.from_env().home / "boilerplate.json"
    data = _read(None)
    drop = list(data.get("drop_line", []))
    headers = list(data.get("list_header", []))
    if user_file.is_file():
        extra = _read(user_file)
        drop += list(extra.get("drop_line", []))
        headers += list(extra.get("list_header", []))
    try:
        max_words = int(data.get("max_words", 40))
        return _compile(drop, headers, max_words, int(data.get("headline_max_words", 25)))
    except re.error as error:
        raise ConfigError.from_catalogue("E021", detail=f"boilerplate pattern: {error}") from error


def strip_boilerplate(text: str, rules: BoilerplateRules | None = None) -> str:
    """``text`` without furniture lines; paragraphs stay separated by one blank line."""
    rules = rules or load_rules()
    kept: list[str] = []
    in_list = False
    for line in text.split("\n"):
        plain = _BULLET.sub("", line).strip()
        if not plain:
            kept.append("")
            continue
        if in_list and rules.is_headline(plain):
            continue
        in_list = rules.is_list_header(plain)
        if in_list or rules.is_furniture(plain):
            continue
        kept.append(line)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
