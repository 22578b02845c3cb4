"""Rules of the actor dictionary: coding practices that depend on where and when an event is.

- ``Front``: a front line where fire nobody is named for is coded to its two sides;
- ``Operation``: foreign forces coded under a named operation in a country;
- ``Hallmark``: words that mark an unidentified perpetrator as a country's gang.

They are read from the ``fronts``, ``operations`` and ``hallmarks`` lists of ``actors.json`` (and
of the user's files) by ``sitrep.reference.load_actor_dictionary``; ``CodedActor`` is how a rule
names an actor.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = [
    "CodedActor",
    "Front",
    "Hallmark",
    "Operation",
    "parse_front",
    "parse_hallmark",
    "parse_operation",
]


def _strings(raw: dict[str, object], key: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list):
        raise TypeError(f"{key!r} must be a list")
    return tuple(str(v) for v in value)


@dataclass(frozen=True)
class CodedActor:
    """An actor as a rule codes it: a named actor (``actor``, an id) or a template (``template``)
    for ``country`` (the event's country when None)."""

    actor: str | None = None
    template: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class Front:
    """An active front line where fire that nobody is named for is coded to its two sides.

    Between 2014 and 2022 ACLED coded the shelling and exchanges of fire that monitors reported
    along the contact line in eastern Ukraine to Ukraine's forces and the NAF; ``sides`` are
    actor1 and actor2 of such battles, the first alone the actor1 of unattributed shelling.
    """

    id: str
    country: str
    start: dt.date
    until: dt.date | None
    sides: tuple[CodedActor, CodedActor]

    def active(self, iso3: str | None, date: dt.date | None) -> bool:
        """Whether the front is in ``iso3`` and open on ``date`` (today if None)."""
        day = date or dt.date.today()
        return (
            iso3 == self.country and self.start <= day and (self.until is None or day <= self.until)
        )


@dataclass(frozen=True)
class Hallmark:
    """Words that mark who an unidentified perpetrator was, as a country's coders read them.

    In Mexico ACLED codes armed men in a drive-by shooting, or bodies found with tied hands, as
    "Unidentified Gang (Mexico)"; in Brazil as "Unidentified Gang and/or Police Militia". Where
    the event's words include one of ``words``, an actor of template ``replaces`` becomes
    ``actor``.
    """

    id: str
    countries: tuple[str, ...]  # none: everywhere
    words: tuple[str, ...]
    actor: CodedActor
    replaces: str = "unidentified-armed-group"

    def applies_in(self, iso3: str | None) -> bool:
        return not self.countries or iso3 in self.countries


@dataclass(frozen=True)
class Operation:
    """Foreign forces that ACLED codes as a named operation where they act in ``countries``:
    Saudi Arabia's military in Yemen since March 2015 is "Operation Restoring Hope"."""

    id: str
    forces: CodedActor  # a template and the forces' country
    countries: tuple[str, ...]
    start: dt.date
    until: dt.date | None
    actor: str  # the operation's actor id

    def covers(self, template: str, forces: str, iso3: str | None, date: dt.date | None) -> bool:
        day = date or dt.date.today()
        return (
            template == self.forces.template
            and forces == self.forces.country
            and iso3 in self.countries
            and self.start <= day
            and (self.until is None or day <= self.until)
        )


def _coded_actor(raw: object, *, country: bool) -> CodedActor:
    if not isinstance(raw, dict):
        raise TypeError("an actor of a rule must be an object")
    coded = CodedActor(
        actor=str(raw["actor"]) if raw.get("actor") else None,
        template=str(raw["template"]) if raw.get("template") else None,
        country=str(raw["country"]) if raw.get("country") else None,
    )
    if coded.actor is None and (coded.template is None or (country and coded.country is None)):
        what = "'template' and 'country'" if country else "'template'"
        raise ValueError(f"an actor of a rule needs 'actor' or {what}")
    return coded


def parse_front(raw: dict[str, object]) -> Front:
    sides = raw["sides"]
    if not isinstance(sides, list) or len(sides) != 2:
        raise ValueError("'sides' must list two sides")
    until = raw.get("until")
    return Front(
        id=str(raw["id"]),
        country=str(raw["country"]),
        start=dt.date.fromisoformat(str(raw["from"])),
        until=dt.date.fromisoformat(str(until)) if until else None,
        sides=(_coded_actor(sides[0], country=True), _coded_actor(sides[1], country=True)),
    )


def parse_operation(raw: dict[str, object]) -> Operation:
    until = raw.get("until")
    forces = _coded_actor(raw["forces"], country=True)
    if forces.template is None:
        raise ValueError("'forces' must name a template and a country")
    return Operation(
        id=str(raw["id"]),
        forces=forces,
        countries=_strings(raw, "countries"),
        start=dt.date.fromisoformat(str(raw["from"])),
        until=dt.date.fromisoformat(str(until)) if until else None,
        actor=str(raw["actor"]),
    )


def parse_hallmark(raw: dict[str, object]) -> Hallmark:
    words = _strings(raw, "words")
    if not words:
        raise ValueError("'words' must not be empty")
    return Hallmark(
        id=str(raw["id"]),
        countries=_strings(raw, "countries"),
        words=words,
        actor=_coded_actor(raw["actor"], country=False),
        replaces=str(raw.get("replaces", "unidentified-armed-group")),
    )
