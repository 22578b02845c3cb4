"""Part of the clean stage: which language an article is written in, identified offline.

py3langid ships its model inside the wheel, so no download is needed. Short texts are hard to
identify (a headline such as "Mali army kills 40 militants" scores as Nigerian Pidgin), so a text
is called non-English only when it is long enough and the identifier is sure of it.
"""

from __future__ import annotations

import functools
import re
from typing import Any

__all__ = ["SUPPORTED_LANGUAGES", "identify_language"]

SUPPORTED_LANGUAGES = frozenset({"en"})
MIN_LETTERS = 60  # below this, a text is assumed to be English
MIN_CONFIDENCE = 0.8  # normalised probability needed to call a text non-English
MAX_CHARS = 4000  # the opening of an article is enough to tell its language
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


@functools.lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify_language(text: str) -> str:
    """The ISO 639-1 code of the language of ``text`` ("en" when unsure)."""
    sample = text[:MAX_CHARS]
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return "en"
    ranked = _identifier().rank(sample)
    best, confidence = ranked[0]
    if best == "en" or confidence < MIN_CONFIDENCE:
        return "en"
    return str(best)
