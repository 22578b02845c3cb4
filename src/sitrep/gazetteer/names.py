"""How place names are compared: diacritics folded, hyphens and spaces ignored, spellings loosened.

Reports spell the same Sahel town many ways: ``Tinzaouaten``, ``Tin Zaouatene``, ``Tin-Zaouâtene``,
``Tinzaouatine``. Two keys make those meet in the gazetteer without fuzzy search at run time:

- ``name_key``: lower case, diacritics folded, apostrophes, hyphens, dots and spaces dropped
  (``Ti-n-Zaouâtene`` -> ``tinzaouatene``). Equal keys are the same written name.
- ``loose_key``: the ``name_key`` with the usual transliteration differences removed (French
  ``ou`` = ``u``, doubled letters, a final mute ``e``, ``-ine``/``-ene`` endings, ``dj``/``j``,
  ``kh``/``k``): a looser match that scores lower than an exact one.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "ARABIC_ARTICLES",
    "ASSIMILATED_ARTICLES",
    "article_keys",
    "bare_key",
    "fold",
    "loose_key",
    "name_key",
    "near_key",
    "tokens_folded",
]

_SPECIAL = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "þ": "th",
        "ı": "i",
        "ʼ": "'",
        "’": "'",
        "‘": "'",
        "`": "'",
        "ʻ": "'",
        "ʿ": "'",
        "ʾ": "'",
    }
)
_DROP = re.compile(r"[\s'\-.,()/]+")
_NON_WORD = re.compile(r"[^\w]+")

# Ordered rewrites that merge common transliteration variants (French / English / local forms).
LOOSE_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"ou"), "u"),
    (re.compile(r"dj"), "j"),
    (re.compile(r"kh"), "k"),
    (re.compile(r"gh"), "g"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"sch|sh|ch"), "s"),
    (re.compile(r"y"), "i"),
    (re.compile(r"ee"), "i"),
    (re.compile(r"(.)\1+"), r"\1"),
    (re.compile(r"(?<=.{4})(?:ine|ene|ane|en|in|an)$"), "n"),
    (re.compile(r"(?<=.{3})[eh]$"), ""),
)


def fold(text: str) -> str:
    """Lower case without diacritics: ``Ségou`` -> ``segou``; spaces and hyphens are kept."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold()


@lru_cache(maxsize=131_072)
def name_key(text: str) -> str:
    """The exact comparison key of a written name (see the module docstring)."""
    return _DROP.sub("", fold(text))


@lru_cache(maxsize=131_072)
def near_key(text: str) -> str:
    """The exact key without doubled letters or a final ``h``/``e``, a final ``y`` of a long
    name read as ``i``: ``Ar-Raqqa`` = ``Ar Raqqah``, ``Tillabery`` = ``Tillaberi``.

    Two names with the same near key are one name in two spellings, as good as an exact match.
    """
    key = re.sub(r"(.)\1+", r"\1", name_key(text))
    key = key[:-1] if len(key) > 4 and key[-1] in "he" else key
    return key[:-1] + "i" if len(key) >= 8 and key[-1] == "y" else key  # not Kandy = Kandi


@lru_cache(maxsize=131_072)
def loose_key(text: str) -> str:
    """The loose comparison key: transliteration variants of one name share it."""
    key = name_key(text)
    if not key.isascii() or len(key) < 4:
        return key
    for pattern, replacement in LOOSE_RULES:
        key = pattern.sub(replacement, key)
    return key


ARABIC_ARTICLES = ("al", "el", "ash", "as", "ad", "adh", "ar", "at", "ath", "az", "an", "ech", "es", "ed", "er", "et", "ez", "en")  # fmt: skip
"""The Arabic article as transliterations write it ("al", "ash" before sh-, French "ech", "es")."""
_ARTICLES = "|".join(ARABIC_ARTICLES)


ASSIMILATED_ARTICLES = tuple(a for a in ARABIC_ARTICLES if a not in ("al", "el"))
"""The article as it sounds before a sun letter: written with that letter ("as Salih", "ech
Choueifat"), so it belongs only to a name that starts with its own sound."""


def article_fits(article: str, name: str) -> bool:
    """The article can belong to the name: "al"/"el" before any name, an assimilated article only
    before its own sound ("as Salih", "ech Choueifat", "an Nasiriyah"). "at Chavakachcheri" or
    "en Bamako" is a preposition of English or French, not an article."""
    article = article.lower()
    return article not in ASSIMILATED_ARTICLES or fold(name).lower().startswith(article[1:])


_LEADING_ARTICLE = re.compile(rf"^(?:{_ARTICLES}|la|le|les|los|las)[\s'’-]+")
_WRITTEN_ARTICLE = re.compile(rf"^(?:{_ARTICLES})[\s'’-]+(?=\w)", re.I)


def bare_key(text: str) -> str:
    """The exact key without a leading article (``al Asadiyah`` -> ``asadiyah``), for comparing
    spellings: two names are not alike for their article alone."""
    return name_key(_LEADING_ARTICLE.sub("", fold(text)))


@lru_cache(maxsize=131_072)
def article_keys(text: str) -> tuple[str, ...]:
    """Exact keys of the same Arabic name with or without its article: ``Shaddadah`` may be
    written ``Ash Shaddadah`` in the gazetteer, ``ech Choueifat`` is ``Choueifat``.

    A name without an article gets a key for each article (the look-up keeps the ones that
    exist); a name with one gets its bare key (at least five letters: "al Bab" is not "Bab").
    """
    key = name_key(text)
    if not key.isascii() or len(key) < 4:
        return ()
    written = fold(text)
    if _WRITTEN_ARTICLE.match(written):
        bare = name_key(_WRITTEN_ARTICLE.sub("", written))
        return (bare,) if len(bare) >= 5 else ()
    return tuple(f"{article}{key}" for article in ARABIC_ARTICLES)


def tokens_folded(text: str) -> list[str]:
    """The folded words of a name, for full-text search."""
    return [t for t in _NON_WORD.split(fold(text)) if t]
