"""Words that decide whether a capitalised name is a place (``sitrep/data/place_words.json``).

- ``function_words`` never start a place name ("The", "No", "Monday", "Gen.").
- ``not_places`` are single words that name an institution, an event or a thing in news far more
  often than a town of the same name ("Congress", "Airport", "Ramadan"): alone they are taken for
  a place only with a unit word after them or in the brackets that locate another place.

Users add words with a file of the same shape (``load_place_words(path)``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from sitrep.errors import ReferenceDataError

__all__ = ["PlaceWords", "load_place_words"]


@dataclass(frozen=True)
class PlaceWords:
    function_words: frozenset[str]
    not_places: frozenset[str]


@lru_cache(maxsize=8)
def load_place_words(path: Path | None = None) -> PlaceWords:
    """The shipped word lists, plus those of ``path`` when given (words are lower-cased)."""
    shipped = resources.files("sitrep") / "data" / "place_words.json"
    function_words: set[str] = set()
    not_places: set[str] = set()
    for source in [shipped, *([path] if path is not None else [])]:
        try:
            data = json.loads(source.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ReferenceDataError.from_catalogue("E090", path=source, detail=str(exc)) from exc
        for key, into in (("function_words", function_words), ("not_places", not_places)):
            words = data.get(key, []) if isinstance(data, dict) else None
            if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                raise ReferenceDataError.from_catalogue(
                    "E090", path=source, detail=f"{key!r} must be a list of words"
                )
            into.update(w.lower() for w in words)
    return PlaceWords(frozenset(function_words), frozenset(not_places))
