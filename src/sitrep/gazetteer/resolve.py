"""Choosing the place each toponym refers to, from the gazetteer's candidates and the article.

Each candidate gets a score from what a careful coder weighs:

- how well the name matches (exact key over a transliteration variant);
- what kind of place it is (a town over a hill; a region when the text says "region");
- how large it is (population, as a prior);
- the countries the article is about (``Evidence``: countries and demonyms it names, the home
  countries of its actors, administrative units that exist in one country only);
- the units that qualify it: ``X (Sinende, Borgou)`` and ``X, Donetsk`` place X inside those
  units, and the units are read together with X (``groups.py``);
- the first-level units and the points of the other places the article names.

Resolution runs twice: the second pass uses the places chosen in the first as context. A choice
is then dropped when it contradicts the units that qualify it, when it lies in a country the
article gives no sign of (and is no major place), or when the name matched only loosely far from
the article's countries: a village the gazetteer does not know stays unresolved rather than
being forced onto a foreign namesake.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from sitrep.gazetteer.coherence import Coherence, quick_km
from sitrep.gazetteer.countries import CountryNames
from sitrep.gazetteer.groups import Groups, compatibility
from sitrep.gazetteer.names import bare_key, fold, name_key, near_key
from sitrep.gazetteer.place import Place
from sitrep.gazetteer.recognise import POPULATED_PLACE_WORDS, PlaceMention

__all__ = ["Resolution", "resolve_mentions"]

_BIG_FEATURES = frozenset({"CONT", "PCLI", "PCLD", "PCLS", "PCLF", "PCL", "TERR", "ADM1", "RGN"})
_FEATURE_PRIOR = {"CONT": 1.2, "PCLI": 1.2, "PCLD": 0.8, "PCLS": 0.8, "PCLF": 0.8, "TERR": 0.5, "ADM1": 0.6,
                  "ADM2": 0.2, "PPLC": 0.8, "PPLA": 0.4, "PPLA2": 0.2, "PPL": 0.0}  # fmt: skip
_CLASS_PRIOR = {"P": 0.0, "A": 0.0, "L": -0.3, "H": -0.6, "T": -0.6, "S": -0.5, "V": -0.9, "R": -0.9, "U": -1.5}  # fmt: skip
MAJOR_POPULATION = 250_000
"""A place this large (or a capital, or a country) may be named in any article."""
_STRONG_EVIDENCE = 1.5  # the article's own signs of its countries that make a frame
_FRAME_PENALTY = 2.0  # a candidate in a country the article gives no sign of
_FAR_KM = 1500  # a small place this far from all the article's other places is out of its frame
_LOOSE_POPULATION = 500_000  # a loose match with no context must be a large place
# rapidfuzz ratio of folded names: "Idleb"/"Idlib" 80, "Kirni"/"Kearny" 55
_SPELLING_SIMILARITY = 70
_WITH_PLACE_WORD = re.compile(r"\s(?:city|town|village)$", re.I)
_MIN_CONTEXT = 1.0  # one doubtful sign of a country (a village with namesakes) is not all of it
_OWN_UNIT_PENALTY = 1.2
_COUNTRY_NAME_SHARE = 0.6  # the least country share a country's own name gets
_LINK_WORDS = frozenset({"and", "of", "the", "de", "du", "des", "la", "el", "al"})
_MAIN_NAME = 0.4  # a place named by its main name over one named by an alternate  # a unit whose town of the same name is also a candidate


@dataclass
class Resolution:
    """The place chosen for one mention (``None`` when no candidate is credible)."""

    place: Place | None
    candidates: list[Place] = field(default_factory=list)
    score: float = 0.0
    exact: bool = False
    margin: float = 0.0  # best score minus the runner-up's: how sure the choice is
    dropped: str | None = None  # why a candidate was refused: group | frame | loose | word


@dataclass
class _Context:
    """What the article says of its countries and regions, as one mention's resolution sees it.

    Each mention's own contribution (its name as a sign of a country, its first-pass choice) is
    kept apart and left out when that mention, or another of the same name, is scored: a name
    is no evidence for itself ("Gainesville" five times does not make Florida).
    """

    prior: dict[str, float]  # the article's signs of its countries, before any place is chosen
    countries: dict[str, float] = field(default_factory=dict)  # prior + places chosen
    admin1: dict[tuple[str, str], float] = field(default_factory=dict)
    points: list[tuple[int, float, float]] = field(default_factory=list)  # mention index, lat, lon
    own: dict[int, list[tuple[str, float, bool]]] = field(default_factory=dict)  # cc, w, prior?
    own_admin1: dict[int, tuple[tuple[str, str], float]] = field(default_factory=dict)
    peers: dict[int, list[int]] = field(default_factory=dict)  # mentions of the same name
    kin: dict[int, list[int]] = field(default_factory=dict)  # peers, and the place a unit locates
    coherence: Coherence | None = None

    def _parts(self, index: int) -> list[tuple[str, float, bool]]:
        kin = self.kin.get(index) or self.peers.get(index, [index])
        return [part for i in kin for part in self.own.get(i, [])]

    def weight(self, index: int, country: str, *, prior_only: bool = False) -> float:
        """The weight of ``country`` for mention ``index``, without its name's own part."""
        table = self.prior if prior_only else self.countries
        own = sum(w for c, w, p in self._parts(index) if c == country and (p or not prior_only))
        return max(0.0, table.get(country, 0.0) - own)

    def total(self, index: int, *, prior_only: bool = False) -> float:
        table = self.prior if prior_only else self.countries
        own = sum(w for _, w, p in self._parts(index) if p or not prior_only)
        return max(0.0, sum(table.values()) - own)

    def framed(self, index: int) -> bool:
        """The article says clearly which countries it is about (besides this name)."""
        return self.total(index, prior_only=True) >= _STRONG_EVIDENCE

    def in_region(self, index: int, key: tuple[str, str]) -> bool:
        own = sum(
            w
            for i in self.peers.get(index, [index])
            for k, w in [self.own_admin1.get(i, (("", ""), 0.0))]
            if k == key
        )
        return self.admin1.get(key, 0.0) - own > 1e-9


def resolve_mentions(
    mentions: list[PlaceMention],
    found: dict[str, list[Place]],
    exact: dict[str, set[int]],
    names: CountryNames,
    evidence: Mapping[str, float] | None = None,
) -> list[Resolution]:
    """Resolve every mention.

    ``found`` holds the gazetteer's places for every name tried (exact and loose matches),
    ``exact`` the ids among them whose name matches exactly, ``evidence`` the weight of each
    country (ISO alpha-2) from what the article says besides its place names (demonyms, actors,
    a hint from the source).
    """
    options = [_options(m, found, exact) for m in mentions]
    groups = Groups.of(mentions, options)
    context = _prior(mentions, options, names, groups, evidence or {})
    by_name: dict[str, list[int]] = {}
    for i, mention in enumerate(mentions):
        by_name.setdefault(name_key(mention.name), []).append(i)
    context.peers = {i: by_name[name_key(m.name)] for i, m in enumerate(mentions)}
    for i in groups.qualifiers:  # the place a unit locates is weighed through their fit only
        located = [j for j in groups.mates.get(i, []) if not groups.is_qualifier(j)]
        context.kin[i] = [*context.peers[i], *located]
    context.coherence = Coherence(mentions, options)
    first = [_choose(i, m, options[i], context, groups, None) for i, m in enumerate(mentions)]
    _pair_town_and_its_unit(mentions, options, context, groups, first)
    second = _context_from(mentions, first, context)
    chosen = [r.place for r in first]
    result = [_choose(i, m, options[i], second, groups, chosen) for i, m in enumerate(mentions)]
    chosen = [r.place for r in result]
    namesakes = [len({p.country_code for p, is_exact in opts if is_exact}) for opts in options]
    # units first, largest first: a place is then checked against the units that were kept
    order = sorted(range(len(mentions)), key=lambda i: (not groups.is_qualifier(i), -i))
    for i in order:
        result[i] = _accept(i, mentions[i], result[i], second, groups, chosen, namesakes[i])
        chosen[i] = result[i].place
    return result


def _options(
    mention: PlaceMention, found: dict[str, list[Place]], exact: dict[str, set[int]]
) -> list[tuple[Place, bool]]:
    """Candidates of a mention with whether they match its name exactly."""
    out: list[tuple[Place, bool]] = []
    seen: set[int] = set()
    previous = ""
    for name in [*mention.alternatives, mention.name]:
        if out and any(is_exact for _, is_exact in out) and not _WITH_PLACE_WORD.search(previous):
            break  # the fuller name ("West Virginia", "North Kivu") is known: do not strip it
        previous = name  # ("Kingston city" is also a name of Kingston upon Thames: keep going)
        for place in found.get(name, []):
            is_exact = place.geonameid in exact.get(name, set())
            if place.geonameid in seen:
                if is_exact:  # a loose match of the fuller name, exact for the bare one
                    out = [(p, e or p.geonameid == place.geonameid) for p, e in out]
                continue
            seen.add(place.geonameid)
            out.append((place, is_exact))
    return out


def _prior(
    mentions: list[PlaceMention],
    options: list[list[tuple[Place, bool]]],
    names: CountryNames,
    groups: Groups,
    evidence: Mapping[str, float],
) -> _Context:
    """Countries the article points to before any place is chosen.

    Country names (2, or 1 when the name is also a region elsewhere: "Georgia"), the evidence
    passed in, and names whose exact matches all lie in one country: a unit named with its
    kind or in brackets (1.5; 1 when only a town of that name is known), another name the model
    or a locative word marks as a place (0.5).
    """
    prior: defaultdict[str, float] = defaultdict(float)
    own: dict[int, list[tuple[str, float, bool]]] = {}
    for country, weight in evidence.items():
        prior[country] += weight
    for i, mention in enumerate(mentions):
        if (mention.source == "gazetteer" and not mention.cue) or mention.source == "code":
            continue
        if mention.says_nothing_of_where or mention.common:
            continue  # "the US dollar", "the Court of Justice" say nothing of where things happen
        exact = [p for p, is_exact in options[i] if is_exact]
        iso2: str | None = names.alias.get(name_key(mention.name))
        weight = 0.0
        if iso2:
            elsewhere = any(p.admin_level == 1 and p.country_code != iso2 for p in exact)
            weight = 1.0 if elsewhere or mention.modifier else 2.0
        else:
            if mention.modifier and mention.force:
                continue  # "Israeli airstrikes": whose forces acted, weighed with the evidence
            countries = {p.country_code for p in exact if p.country_code}
            if len(countries) != 1 or mention.is_dateline:
                continue
            iso2 = countries.pop()
            unit = mention.unit_word is not None or groups.is_qualifier(i)
            admin = any(p.admin_level in (1, 2) for p in exact)
            weight = (1.5 if admin else 1.0) if unit else 0.5
        if weight and iso2:
            prior[iso2] += weight
            own[i] = [(iso2, weight, True)]
    table = {k: float(v) for k, v in prior.items() if v > 0}
    return _Context(prior=table, countries=dict(table), own=own)


def _context_from(
    mentions: list[PlaceMention], chosen: list[Resolution], base: _Context
) -> _Context:
    """Countries, regions and points of the places chosen with some certainty."""
    context = _Context(prior=base.prior, countries=dict(base.prior))
    context.own = {i: list(parts) for i, parts in base.own.items()}
    context.peers = base.peers
    context.kin = base.kin
    context.coherence = base.coherence
    for i, (mention, res) in enumerate(zip(mentions, chosen, strict=True)):
        place = res.place
        if place is None or not res.exact or (mention.source == "gazetteer" and not mention.cue):
            continue
        if mention.says_nothing_of_where or mention.common:
            continue  # "the US dollar exchange rate": no sign of where anything happened
        if mention.force and place.admin_level == 0:
            continue  # "Turkish border guards": whose forces acted, already in the evidence
        if mention.source == "gazetteer" and name_key(mention.name) not in {
            name_key(place.name),
            name_key(place.asciiname or ""),
        }:
            continue  # a capitalised word only like a place's name ("Bank" for Banke)
        weight = 1.0 if res.margin > 0.5 else 0.5
        if place.country_code:
            context.countries[place.country_code] = (
                context.countries.get(place.country_code, 0.0) + weight
            )
            context.own.setdefault(i, []).append((place.country_code, weight, False))
        if place.admin1_code and place.feature_code in {"ADM1", "ADM2", "PPL", "PPLA", "PPLC"}:
            key = (place.country_code, place.admin1_code)
            context.admin1[key] = context.admin1.get(key, 0.0) + weight
            context.own_admin1[i] = (key, weight)
        if place.feature_code not in _BIG_FEATURES and not mention.is_dateline:
            context.points.append((i, place.latitude, place.longitude))
    return context


def _choose(
    index: int,
    mention: PlaceMention,
    options: list[tuple[Place, bool]],
    context: _Context,
    groups: Groups,
    chosen: list[Place | None] | None,
) -> Resolution:
    if not options:
        return Resolution(None)
    near = near_key(mention.name)
    towns: set[tuple[str, str | None, str | None]] = set()
    for p, is_exact in options:
        if is_exact and p.is_populated:
            towns.add((p.country_code, p.admin1_code, p.admin2_code))
            if near in {near_key(p.name), near_key(p.asciiname or "")}:
                towns.add((p.country_code, p.admin1_code, None))
    scored = sorted(
        (
            (
                _score(mention, index, place, exact, context, groups, chosen)
                - _own_unit_penalty(mention, place, towns, groups.is_qualifier(index)),
                place,
                exact,
            )
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
    groups: Groups,
    chosen: list[Place | None] | None,
) -> float:
    score = 1.0 if exact else 0.4
    score += 0.22 * math.log10(place.population + 1)
    score += _FEATURE_PRIOR.get(place.feature_code, 0.0)
    score += _CLASS_PRIOR.get(place.feature_class, -0.5)
    score += _kind_fit(mention, place, groups.is_qualifier(index))
    total = context.total(index)
    if total and place.country_code:
        share = context.weight(index, place.country_code) / max(total, _MIN_CONTEXT)
        if place.admin_level == 0:
            share = max(
                share, _COUNTRY_NAME_SHARE
            )  # "Egypt" is the country, wherever the article is
        score += 2.5 * share
        if share == 0:
            score -= 0.3
    if exact and name_key(mention.name) in {name_key(place.name), name_key(place.asciiname or "")}:
        score += _MAIN_NAME  # its own name, not one of its many alternate names
    elif exact and near_key(mention.name) in {
        near_key(place.name),
        near_key(place.asciiname or ""),
        near_key(bare_key(place.name)),
        near_key(bare_key(place.asciiname or "")),
    }:  # its own name in another spelling ("Odessa" for Odesa; "Amara" for Al 'Amarah)
        score += _MAIN_NAME / 2
    if (
        place.admin1_code
        and place.admin_level != 1
        and context.in_region(index, (place.country_code, place.admin1_code))
    ):
        score += 1.0
    score += _proximity(index, place, context)
    if context.coherence is not None:
        score += context.coherence.support(index, place)
    support = groups.support(index, place, chosen)
    score += support
    if support <= 0 and _foreign(index, place, context):
        score -= _FRAME_PENALTY
    return score


def _pair_town_and_its_unit(
    mentions: list[PlaceMention],
    options: list[list[tuple[Place, bool]]],
    context: _Context,
    groups: Groups,
    first: list[Resolution],
) -> None:
    """``Cordoba (Cordoba)``, ``Formosa, Formosa``: a town and a unit of the same name that holds
    it. The two are one reading, chosen together (the town of that name inside a unit of that
    name, the likeliest pair), not each on its own: Córdoba in Argentina's Córdoba province, not
    the Mexican town of that name in its own municipality and the province abroad."""
    for i in groups.qualifiers:
        key = name_key(mentions[i].name)
        for j in groups.mates.get(i, []):
            if groups.is_qualifier(j) or name_key(mentions[j].name) != key:
                continue
            pairs = [  # each scored without the group's support: every pair fits
                (
                    _score(mentions[j], j, town, True, context, groups, None)
                    - groups.support(j, town, None)
                    + _score(mentions[i], i, unit, True, context, groups, None)
                    - groups.support(i, unit, None),
                    town,
                    unit,
                )
                for town, town_exact in options[j]
                if town_exact and town.is_populated
                for unit, unit_exact in options[i]
                if unit_exact and unit.admin_level in (1, 2) and compatibility(town, unit) >= 2.0
            ]
            if not pairs:
                continue
            score, town, unit = max(pairs, key=lambda item: item[0])
            first[j] = Resolution(town, first[j].candidates, score, True, 2.0)
            first[i] = Resolution(unit, first[i].candidates, score, True, 2.0)


def _own_unit_penalty(
    mention: PlaceMention,
    place: Place,
    towns: set[tuple[str, str | None, str | None]],
    qualifier: bool,
) -> float:
    """A bare name shared by a town and its own unit means the town ("Gao", "Sidi Bouzid").

    The town is one of the name inside the district (or one whose district the gazetteer does
    not give, inside the same region), or one whose main name it is inside the region. Only
    "Gao region", or a name in the brackets that qualify a place, means the unit.
    """
    if mention.unit_word is not None or qualifier or place.admin_level not in (1, 2):
        return 0.0
    region = (place.country_code, place.admin1_code, None)
    inside = (place.country_code, place.admin1_code, place.admin2_code)
    if place.admin_level == 2 and (inside in towns or region in towns):
        return _OWN_UNIT_PENALTY
    return _OWN_UNIT_PENALTY if place.admin_level == 1 and region in towns else 0.0


def _kind_fit(mention: PlaceMention, place: Place, qualifier: bool) -> float:
    """How well the kind of place fits the words: "Kidal region" wants the region."""
    level = place.admin_level
    fit = 0.0
    if mention.unit_level is not None:
        if level is not None and level >= 1:
            fit += (
                1.5
                if level == mention.unit_level or mention.unit_word in {"region", "state"}
                else 0.8
            )
        elif place.feature_class == "P":
            fit -= 0.6
    elif mention.place_word is not None and place.feature_class == "P":
        fit += 0.6  # "Hays city", "the village of X"
    elif mention.place_word in POPULATED_PLACE_WORDS and level is not None and level >= 0:
        fit -= 0.6  # "Amara city" is a town, not the Ethiopian region of that name
    if qualifier and level in (1, 2) and mention.place_word is None:
        fit += 0.5  # "(Kandi, Alibori)": the names in brackets are units
    if mention.bearing and level == 0:
        fit += 0.5  # "north Mali": a direction before a country name
    return fit


def _foreign(index: int, place: Place, context: _Context, *, weak: bool = False) -> bool:
    """A small place in a country the article gives no sign of, while it names others.

    A weak claim (``weak``) is foreign also when only the article's other places, not its
    words, point elsewhere.
    """
    if not place.country_code or _major(place):
        return False
    if context.framed(index):
        return context.weight(index, place.country_code, prior_only=True) <= 0
    return weak and context.total(index) >= 1.0 and context.weight(index, place.country_code) <= 0


def _nearest_km(index: int, place: Place, context: _Context) -> float | None:
    """How far ``place`` lies from the nearest of the article's other places chosen with some
    certainty (its own namesakes left out); None when there are none."""
    peers = context.peers.get(index, [index])
    return min(
        (
            quick_km(place.latitude, place.longitude, lat, lon)
            for i, lat, lon in context.points
            if i not in peers
        ),
        default=None,
    )


def _far_from_the_rest(index: int, place: Place, context: _Context) -> bool:
    """The article's other places chosen with some certainty all lie far from ``place``."""
    nearest = _nearest_km(index, place, context)
    return nearest is not None and nearest > _FAR_KM


def _major(place: Place) -> bool:
    return (
        place.admin_level == 0
        or place.feature_code in {"PPLC", "CONT"}
        or place.population >= MAJOR_POPULATION
    )


def _proximity(index: int, place: Place, context: _Context) -> float:
    if place.feature_code in _BIG_FEATURES or not context.points:
        return 0.0
    nearest = _nearest_km(index, place, context)
    if nearest is None or nearest > 400:
        return 0.0
    return 0.9 * (1 - nearest / 400)


def _accept(
    index: int,
    mention: PlaceMention,
    res: Resolution,
    context: _Context,
    groups: Groups,
    chosen: list[Place | None],
    namesakes: int,
) -> Resolution:
    """Keep a choice only when it is credible (see the module docstring)."""
    place = res.place
    if place is None:
        return res
    if mention.source == "code" and namesakes > 1 and groups.qualifies_unknown(index):
        spelled = [p for p in res.candidates if _spells(mention.text, p)]
        if len(spelled) != 1:
            return Resolution(None, res.candidates, dropped="word")
        res = Resolution(spelled[0], res.candidates, res.score, res.exact, res.margin)
        namesakes = 1
    dropped = _refusal(index, mention, res, context, groups, chosen, namesakes)
    if dropped is not None:
        return Resolution(None, res.candidates, dropped=dropped)
    return res


def _refusal(
    index: int,
    mention: PlaceMention,
    res: Resolution,
    context: _Context,
    groups: Groups,
    chosen: list[Place | None],
    namesakes: int,
) -> str | None:
    place = res.place
    assert place is not None
    if mention.common and (
        mention.qualifier_kind not in ("brackets", "comma")
        or not groups.is_qualifier(index)
        or groups.support(index, place, chosen) <= 0
    ):  # "Congress", "the Court of Justice": a word, unless a unit that fits ("Yangon (East)")
        return "word"
    code = mention.source == "code" or (mention.source == "gazetteer" and _acronym(mention.name))
    if (
        code
        and place.admin_level != 0
        and groups.support(index, place, chosen) <= 0
        and not (mention.source == "code" and namesakes == 1 and groups.qualifies_unknown(index))
    ):
        return "word"  # "Islamic State (IS)", "GNA": a code fits only a place it qualifies
    if mention.source == "gazetteer":
        big = place.feature_code in _BIG_FEATURES and res.exact
        if not (mention.cue or big) or (not res.exact and not mention.cue):
            return "word"
        if not big and not _plausible_word(mention):
            return "word"
    if groups.conflicts(index, place, chosen):
        return "group"
    supported = groups.support(index, place, chosen) > 0
    weak = (
        namesakes > 1
        or place.population < 5000
        or not res.exact
        or (mention.unit_level is not None and place.admin_level is None)
        or mention.source == "gazetteer"  # a capitalised word the model did not call a place
        or not _spelled_as_named(mention, place)  # only a foreign alternate name ("Kirni")
    )
    unit_in_brackets = (  # "X (Karimama, Alibori)", "X in As-Sweida": the units say where X is
        mention.qualifier_kind in ("brackets", "in")
        and groups.is_qualifier(index)
        and res.exact
        and place.admin_level in (1, 2)
        and (namesakes == 1 or _largest_unit_of_its_name(res))
    )
    if not supported and not unit_in_brackets:
        if weak and _foreign(index, place, context, weak=True):
            return "frame"
        if _foreign(index, place, context) and _far_from_the_rest(index, place, context):
            return "frame"  # a town of Romania in a report framed in Yemen, far from its places
    if not res.exact and place.feature_code in _BIG_FEATURES:
        return "loose"  # a region or a country is named exactly, or not at all
    if not res.exact and not supported:
        in_context = context.weight(index, place.country_code) > 0
        if not in_context and (place.population < _LOOSE_POPULATION or context.total(index) > 0):
            return "loose"
    return None


def _spelled_as_named(mention: PlaceMention, place: Place) -> bool:
    """The mention writes the place's own name or a spelling of it ("Idleb" for Idlib), not an
    alternate name in another language that looks nothing like it ("Kirni" is a Russian name
    of Kearny, New Jersey)."""
    keys = [fold(place.name), fold(place.asciiname or "")]
    return any(
        fuzz.token_set_ratio(fold(n), key) >= _SPELLING_SIMILARITY
        for n in (mention.name, *mention.alternatives)
        for key in keys
    )


def _largest_unit_of_its_name(res: Resolution) -> bool:
    """The chosen unit is the largest administrative unit of that name among the candidates
    (its namesakes elsewhere are towns or smaller units): a unit in brackets is that unit."""
    place = res.place
    assert place is not None
    return not any(
        p.admin_level in (1, 2)
        and p.country_code != place.country_code
        and p.population >= place.population
        for p in res.candidates
    )


def _spells(code: str, place: Place) -> bool:
    """A unit code written as the initials of the unit's name ("J&K", "UP", "MP")."""
    letters = "".join(ch for ch in code if ch.isalpha()).upper()
    words = [w for w in re.split(r"[\s-]+", place.asciiname or place.name) if w]
    initials = "".join(w[0] for w in words if w.lower() not in _LINK_WORDS).upper()
    return len(letters) >= 2 and initials == letters


def _acronym(name: str) -> bool:
    """An abbreviation rather than a name ("GNA", "LoC", "TNT")."""
    letters = name.replace("&", "").replace(".", "")
    return 2 <= len(letters) <= 4 and sum(ch.isupper() for ch in letters) >= 2


def _plausible_word(mention: PlaceMention) -> bool:
    """A capitalised word found only by the gazetteer: at least 3 letters, not all lower case."""
    return len(mention.name) >= 3 and not mention.name.islower()
