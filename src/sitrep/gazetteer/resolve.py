"""Choosing the place each toponym refers to, from the gazetteer's candidates and the article.

Each candidate gets a score from what a careful coder weighs:

- how well the name matches (exact key over a transliteration variant);
- what kind of place it is (a town over a hill; a region when the text says "region");
- how large it is (population, as a prior);
- the countries the article names (countries, demonyms, places resolved without doubt);
- the regions it names ("Kidal region", "(Abeibara, Kidal)");
- how close it lies to the other places of the article.

Resolution runs twice: the second pass uses the places chosen in the first as context. A name
matched only loosely, far from the article's countries, is left unresolved rather than forced
onto a confident wrong town.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from sitrep.gazetteer.countries import CountryNames
from sitrep.gazetteer.names import name_key
from sitrep.gazetteer.place import Place
from sitrep.gazetteer.recognise import PlaceMention
from sitrep.gazetteer.store import distance_km

__all__ = ["Resolution", "resolve_mentions"]

_BIG_FEATURES = frozenset({"CONT", "PCLI", "PCLD", "PCLS", "PCLF", "PCL", "TERR", "ADM1", "RGN"})
_FEATURE_PRIOR = {"CONT": 1.2, "PCLI": 1.2, "PCLD": 0.8, "PCLS": 0.8, "PCLF": 0.8, "TERR": 0.5, "ADM1": 0.6,
                  "ADM2": 0.2, "PPLC": 0.3, "PPLA": 0.4, "PPLA2": 0.2, "PPL": 0.0}  # fmt: skip
_CLASS_PRIOR = {
    "P": 0.0,
    "A": 0.0,
    "L": -0.3,
    "H": -0.6,
    "T": -0.6,
    "S": -0.5,
    "V": -0.9,
    "R": -0.9,
    "U": -1.5,
}


@dataclass
class Resolution:
    """The place chosen for one mention (``None`` when no candidate is credible)."""

    place: Place | None
    candidates: list[Place] = field(default_factory=list)
    score: float = 0.0
    exact: bool = False
    margin: float = 0.0  # best score minus the runner-up's: how sure the choice is


@dataclass
class _Context:
    countries: dict[str, float] = field(default_factory=dict)
    admin1: dict[tuple[str, str], float] = field(default_factory=dict)
    points: list[tuple[int, float, float]] = field(default_factory=list)  # mention index, lat, lon


def resolve_mentions(
    mentions: list[PlaceMention],
    found: dict[str, list[Place]],
    exact: dict[str, set[int]],
    names: CountryNames,
    demonym_countries: Counter[str] | None = None,
) -> list[Resolution]:
    """Resolve every mention.

    ``found`` holds the gazetteer's places for every name tried (exact and loose matches),
    ``exact`` the ids among them whose name matches exactly.
    """
    options = [_options(m, found, exact) for m in mentions]
    context = _Context(countries=dict(demonym_countries or {}))
    for _i, mention in enumerate(mentions):
        iso2 = names.alias.get(name_key(mention.name))
        if iso2 and (mention.source != "gazetteer" or mention.cue):
            context.countries[iso2] = context.countries.get(iso2, 0.0) + 2
    first = [_choose(i, m, options[i], context, []) for i, m in enumerate(mentions)]
    second_context = _context_from(mentions, first, context)
    qualifiers: dict[int, list[Place]] = {}
    for mention, res in zip(mentions, first, strict=True):
        if mention.in_parentheses_of is not None and res.place is not None:
            qualifiers.setdefault(mention.in_parentheses_of, []).append(res.place)
    result = [
        _choose(i, m, options[i], second_context, qualifiers.get(i, []))
        for i, m in enumerate(mentions)
    ]
    return [_accept(m, r, second_context) for m, r in zip(mentions, result, strict=True)]


def _options(
    mention: PlaceMention, found: dict[str, list[Place]], exact: dict[str, set[int]]
) -> list[tuple[Place, bool]]:
    """Candidates of a mention with whether they match its name exactly."""
    out: list[tuple[Place, bool]] = []
    seen: set[int] = set()
    for name in [*mention.alternatives, mention.name]:
        if out and any(is_exact for _, is_exact in out):
            break  # the fuller name ("West Virginia", "North Kivu") is known: do not strip it
        for place in found.get(name, []):
            if place.geonameid in seen:
                continue
            seen.add(place.geonameid)
            out.append((place, place.geonameid in exact.get(name, set())))
    return out


def _context_from(
    mentions: list[PlaceMention], chosen: list[Resolution], base: _Context
) -> _Context:
    """Countries, regions and points of the places chosen with some certainty."""
    context = _Context(countries=dict(base.countries), admin1=dict(base.admin1))
    for i, (mention, res) in enumerate(zip(mentions, chosen, strict=True)):
        place = res.place
        if place is None or (mention.source == "gazetteer" and not mention.cue):
            continue
        weight = 1.0 if res.margin > 0.5 else 0.5
        if place.country_code:
            context.countries[place.country_code] = (
                context.countries.get(place.country_code, 0.0) + weight
            )
        if place.admin1_code and place.feature_code in {"ADM1", "ADM2"} | {"PPL", "PPLA", "PPLC"}:
            key = (place.country_code, place.admin1_code)
            context.admin1[key] = context.admin1.get(key, 0.0) + weight
        if place.feature_code not in _BIG_FEATURES and not mention.is_dateline:
            context.points.append((i, place.latitude, place.longitude))
    return context


def _choose(
    index: int,
    mention: PlaceMention,
    options: list[tuple[Place, bool]],
    context: _Context,
    qualifiers: list[Place],
) -> Resolution:
    if not options:
        return Resolution(None)
    scored = sorted(
        (
            (_score(mention, index, place, exact, context, qualifiers), place, exact)
            for place, exact in options
        ),
        key=lambda item: -item[0],
    )
    best, place, exact = scored[0]
    margin = best - scored[1][0] if len(scored) > 1 else 2.0
    return Resolution(place, [p for _, p, _ in scored[:10]], best, exact, margin)


def _score(
    mention: PlaceMention,
    index: int,
    place: Place,
    exact: bool,
    context: _Context,
    qualifiers: list[Place],
) -> float:
    score = 1.0 if exact else 0.4
    score += 0.22 * math.log10(place.population + 1)
    score += _FEATURE_PRIOR.get(place.feature_code, 0.0) + _CLASS_PRIOR.get(
        place.feature_class, -0.5
    )
    level = place.admin_level
    if mention.unit_level is not None:
        if level is not None and level >= 1:
            score += (
                1.5
                if level == mention.unit_level or mention.unit_word in {"region", "state"}
                else 0.8
            )
        elif place.feature_class == "P":
            score -= 0.6
    if mention.bearing and level == 0:
        score += 0.5  # "north Mali": a direction before a country name
    total = sum(context.countries.values())
    if total and place.country_code:
        share = context.countries.get(place.country_code, 0.0) / total
        score += 2.5 * share
        if share == 0 and level != 0:
            score -= 0.3
    if (
        place.admin1_code
        and (place.country_code, place.admin1_code) in context.admin1
        and level != 1
    ):
        score += 1.0
    score += _proximity(index, place, context)
    for unit in qualifiers:  # "X (Abeibara, Kidal)": X lies in the units in brackets
        if (
            unit.country_code == place.country_code
            and unit.admin1_code
            and unit.admin1_code == place.admin1_code
        ):
            score += 2.0
    return score


def _proximity(index: int, place: Place, context: _Context) -> float:
    if place.feature_code in _BIG_FEATURES or not context.points:
        return 0.0
    nearest = min(
        (
            distance_km(place.latitude, place.longitude, lat, lon)
            for i, lat, lon in context.points
            if i != index
        ),
        default=None,
    )
    if nearest is None or nearest > 400:
        return 0.0
    return 0.9 * (1 - nearest / 400)


def _accept(mention: PlaceMention, res: Resolution, context: _Context) -> Resolution:
    """Keep a choice only when it is credible; gazetteer-only mentions need a cue or a big unit."""
    place = res.place
    if place is None:
        return res
    if mention.source == "gazetteer":
        big = place.feature_code in _BIG_FEATURES and res.exact
        if not (mention.cue or big) or (not res.exact and not mention.cue):
            return Resolution(None, res.candidates)
        if not big and not _plausible_word(mention):
            return Resolution(None, res.candidates)
    if not res.exact:
        in_context = context.countries.get(place.country_code, 0) > 0
        if not in_context and place.population < 5000:
            return Resolution(None, res.candidates)
    return res


def _plausible_word(mention: PlaceMention) -> bool:
    """A capitalised word found only by the gazetteer: at least 3 letters, not all lower case."""
    return len(mention.name) >= 3 and not mention.name.islower()
