"""Place and actor names as the linker compares them.

Wire copy spells one Sahel town several ways (``Tinzaouaten``, ``Tin Zaouatene``,
``Tin-Zaouâtene``). Two keys make such spellings meet without a gazetteer:

- ``name_key``: lower case, diacritics folded, spaces, hyphens, apostrophes and dots dropped;
- ``loose_key``: the ``name_key`` with common transliteration differences removed (French ``ou``
  = ``u``, ``dj`` = ``j``, doubled letters, a final ``-ine``/``-ene``, a mute final ``e``).

The same rules are used by the gazetteer work (``sitrep.gazetteer.names``); they are repeated here
so that linking does not depend on a gazetteer being installed.
"""

from __future__ import annotations

import functools
import re

from rapidfuzz import fuzz

from sitrep.gazetteer.names import LOOSE_RULES, fold

__all__ = [
    "actor_key",
    "content_words",
    "fold",
    "is_region_name",
    "loose_key",
    "name_key",
    "name_similarity",
    "outlet_key",
]

_DROP = re.compile(r"[\s'’`\-.,()/]+")
_LEADING = re.compile(r"^(?:the|al|el|ad|ar|as|an|at|az)\s+|^(?:al|el)-", re.IGNORECASE)
_TRAILING = re.compile(
    r"\s+(?:town|city|village|district|region|province|county|area|camp|market)$", re.IGNORECASE
)
# the gazetteer's transliteration rules, and "w" = "u" (Ouagadougou / Wagadugu) for report places
_LOOSE_RULES = (*LOOSE_RULES[:8], (re.compile(r"w"), "u"), *LOOSE_RULES[8:])
_REGIME = re.compile(r"\s*\(\d{4}-\d{0,4}\)")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _core(text: str) -> str:
    """The name without a leading article or a trailing kind word ("Kidal town")."""
    core = _TRAILING.sub("", _LEADING.sub("", fold(text).strip()))
    return core or fold(text)


def name_key(text: str) -> str:
    """The exact comparison key of a written place name."""
    return _DROP.sub("", _core(text))


def loose_key(text: str) -> str:
    """The loose comparison key: transliteration variants of one name share it."""
    key = name_key(text)
    if not key.isascii() or len(key) < 4:
        return key
    for pattern, replacement in _LOOSE_RULES:
        key = pattern.sub(replacement, key)
    return key


def name_similarity(first: str, second: str) -> float:
    """0-100 similarity of two place names' keys (rapidfuzz ratio of the loose keys)."""
    return float(fuzz.ratio(loose_key(first), loose_key(second)))


def actor_key(name: str) -> str:
    """An actor's comparison key: the normalised name without the regime years of state forces,
    in lower case (``Military Forces of Mali (2021-)`` -> ``military forces of mali``)."""
    return " ".join(_REGIME.sub("", fold(name)).split())


@functools.lru_cache(maxsize=4096)
def _country_name(folded: str) -> bool:
    import pycountry

    try:
        pycountry.countries.lookup(folded)
    except LookupError:
        return False
    return len(folded) > 3  # not a bare code: "Mali", not "ML"


def is_region_name(name: str, region_words: frozenset[str]) -> bool:
    """A name that says it is a region, not a place: a country ("Ukraine", "the Netherlands")
    or a name with a region word ("Cabo Delgado Province", "Idleb countryside")."""
    folded = fold(name).strip()
    words = set(_WORD.findall(folded))
    if words & region_words:
        return True
    return _country_name(_LEADING.sub("", folded))


def outlet_key(source: str | None, url: str | None, article_id: str) -> str:
    """The outlet an article comes from, for counting distinct sources: the source name, else
    the web site of its URL (without ``www.``), else the article itself."""
    if source and source.strip():
        return " ".join(fold(source).split())
    if url:
        host = re.sub(r"^[a-z]+://", "", url.strip().lower()).split("/")[0].split(":")[0]
        host = host.removeprefix("www.")
        if host:
            return host
    return f"article:{article_id}"


def content_words(text: str, stopwords: frozenset[str]) -> frozenset[str]:
    """The folded content words of a phrase (for comparing targets: "a pharmacy")."""
    return frozenset(w for w in _WORD.findall(fold(text)) if w not in stopwords and len(w) > 2)
