"""sitrep: conflict news in, structured, evidence-linked event data out.

>>> import sitrep
>>> result = sitrep.extract(text, published="2024-08-26")  # doctest: +SKIP
>>> result.reported[0].sub_event_type  # doctest: +SKIP
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from sitrep.core import Extractor, extract
from sitrep.errors import SitrepError
from sitrep.model import (
    ActorRef,
    Article,
    Casualties,
    Claim,
    Event,
    EventDate,
    EventRole,
    ExtractionResult,
    Location,
    PartialDate,
    Span,
)
from sitrep.taxonomy import EventType, SubEventType

try:
    __version__ = version("sitrep")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0+unknown"

__all__ = [
    "ActorRef",
    "Article",
    "Casualties",
    "Claim",
    "Event",
    "EventDate",
    "EventRole",
    "EventType",
    "ExtractionResult",
    "Extractor",
    "Location",
    "PartialDate",
    "SitrepError",
    "Span",
    "SubEventType",
    "__version__",
    "extract",
]
