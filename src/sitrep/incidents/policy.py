"""The linking policy: weights, thresholds and word lists that decide when two reports are one
incident. Shipped as ``sitrep/data/incident_linking.json``; a user's copy loads the same way."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from sitrep.errors import ConfigError

__all__ = ["LinkPolicy", "default_policy"]

_DIMENSIONS = ("date", "place", "type", "actors", "fatalities")


@dataclass(frozen=True)
class LinkPolicy:
    """What counts as agreement between two reports, and how much agreement makes a link.

    - ``weights``: share of each dimension (date, place, type, actors, fatalities) in the score.
    - ``threshold``: the score a pair of reports needs to be linked; ``coarse_threshold`` the
      (higher) score two reports dated only to the week or month need to be linked together.
    - ``attach_margin``: a report dated only to the week or month joins the best matching
      incident only if it beats the second best by this much (otherwise it is ambiguous).
    - ``min_place``: the place score below which no link is made whatever else agrees.
    """

    weights: dict[str, float]
    threshold: float
    coarse_threshold: float
    attach_margin: float
    min_place: float
    date_scores: dict[str, float]
    same_place_km: float
    near_km: float
    region_km: float
    fuzzy_ratio: float
    close_fraction: float
    close_absolute: int
    telling_toll: int
    kind_actor_prefixes: tuple[str, ...]
    state_actor_prefixes: tuple[str, ...]
    target_stopwords: frozenset[str] = field(default_factory=frozenset)
    region_words: frozenset[str] = field(default_factory=frozenset)
    source: str = "built-in"

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, source: str = "built-in") -> LinkPolicy:
        """A policy from the JSON structure of ``incident_linking.json``; raise ``ConfigError``."""
        try:
            weights = {k: float(data["weights"][k]) for k in _DIMENSIONS}
            place, dead = data["place"], data["fatalities"]
            return cls(
                weights=weights,
                threshold=float(data["threshold"]),
                coarse_threshold=float(data["coarse_threshold"]),
                attach_margin=float(data["attach_margin"]),
                min_place=float(data["min_place"]),
                date_scores={str(k): float(v) for k, v in data["date_scores"].items()},
                same_place_km=float(place["same_place_km"]),
                near_km=float(place["near_km"]),
                region_km=float(place["region_km"]),
                fuzzy_ratio=float(place["fuzzy_ratio"]),
                close_fraction=float(dead["close_fraction"]),
                close_absolute=int(dead["close_absolute"]),
                telling_toll=int(dead["telling_toll"]),
                kind_actor_prefixes=tuple(p.lower() for p in data["kind_actor_prefixes"]),
                state_actor_prefixes=tuple(p.lower() for p in data["state_actor_prefixes"]),
                target_stopwords=frozenset(w.lower() for w in data.get("target_stopwords", [])),
                region_words=frozenset(w.lower() for w in data.get("region_words", [])),
                source=source,
            )
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise ConfigError.from_catalogue(
                "E080", path=source, detail=f"{type(error).__name__}: {error}"
            ) from error

    @classmethod
    def load(cls, path: str | Path) -> LinkPolicy:
        """Read a policy file (same structure as the shipped one)."""
        location = Path(path)
        try:
            data = json.loads(location.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise ConfigError.from_catalogue("E080", path=str(location), detail=error) from error
        return cls.from_dict(data, source=str(location))

    def date_score(self, first: str, second: str) -> float:
        """Agreement of two overlapping dates of the given precisions (day, week, month)."""
        order = ("day", "week", "month")
        a, b = sorted((first, second), key=order.index)
        return self.date_scores.get(f"{a}-{b}", 0.0)

    def actor_kind(self, key: str) -> str:
        """``kind`` (civilians, protesters ...), ``state`` (state forces) or ``named``."""
        if key.startswith(self.kind_actor_prefixes):
            return "kind"
        if key.startswith(self.state_actor_prefixes):
            return "state"
        return "named"


@functools.lru_cache(maxsize=1)
def default_policy() -> LinkPolicy:
    """The shipped policy (``sitrep/data/incident_linking.json``), read once."""
    text = resources.files("sitrep").joinpath("data", "incident_linking.json").read_text("utf-8")
    return LinkPolicy.from_dict(json.loads(text), source="sitrep/data/incident_linking.json")
