"""Qualified toponyms: a place and the units that locate it, read together.

ACLED notes and news reports write where a place lies right after its name:
``Soka (Sinende, Borgou)``, ``Tuzla, Istanbul``, ``Athens, Ga.``. The names in brackets (or after
a comma) are the place's units, largest last. They are resolved *with* the place: a candidate of
the place gains support from each unit that can contain it (same country, same first-level unit,
same second-level unit), and the units gain support from the place's candidates in turn. A
candidate that contradicts a unit resolved without doubt is refused: a village the gazetteer does
not know then falls back to its units instead of a foreign namesake.

A name after a comma qualifies the one before only if it can be a unit (a country, a first- or
second-level unit): ``Paris, London and Berlin`` is a list, not a qualified place. ``X in Y``,
``X of Y`` and ``X near Y`` link two places when the first is a place the gazetteer has.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sitrep.gazetteer.place import Place
from sitrep.gazetteer.recognise import PlaceMention

__all__ = ["Groups", "compatibility"]


def compatibility(place: Place, unit: Place) -> float:
    """How well ``place`` can lie inside ``unit`` (or the other way round).

    0 different countries; 0.3 same country but different first-level units; 1 same country;
    2 same first-level unit; 2.5 same second-level unit too.
    """
    if not place.country_code or place.country_code != unit.country_code:
        return 0.0
    if place.geonameid == unit.geonameid:
        return 0.0  # a place does not locate itself
    if place.admin_level == 0 or unit.admin_level == 0:
        return 1.0
    if not (place.admin1_code and unit.admin1_code):
        return 1.0
    if place.admin1_code != unit.admin1_code:
        return 0.3
    second = place.admin_level == 2 or unit.admin_level == 2
    if second and place.admin2_code and place.admin2_code == unit.admin2_code:
        return 2.5
    return 2.0


def _linked(
    mention: PlaceMention,
    parent: PlaceMention,
    parent_exact: list[Place],
    parent_options: list[tuple[Place, bool]],
    exact: list[Place],
) -> bool:
    """Whether ``mention`` really qualifies the mention before it.

    Brackets always do; a name after a comma only if it can be a unit ("Paris, London" is a
    list); "X in Y" only if X is a name the gazetteer has or the model marks as a place ("the
    Kandi Civil Prison in Kandi", "an IED in the area of Bara" locate nothing).
    """
    if mention.qualifier_kind == "brackets":
        return True
    if mention.modifier:
        return False  # "Tulcan city, Carchi, Venezuelan refugees": an attribute, not a unit
    if mention.qualifier_kind == "comma":
        return any(_is_unit(p) for p in exact)
    return bool(parent_exact) or parent.source == "ner"  # "Saraqab in Idleb": a place unknown


def _is_unit(place: Place) -> bool:
    return place.admin_level in (0, 1, 2)


@dataclass
class Groups:
    """The qualifier groups of an article's mentions (by mention index)."""

    mates: dict[int, list[int]] = field(default_factory=dict)
    brackets: set[int] = field(default_factory=set)  # qualifiers written in brackets
    qualifiers: set[int] = field(default_factory=set)
    exact: list[list[Place]] = field(default_factory=list)  # exact candidates of each mention
    unknown_places: set[int] = field(default_factory=set)  # places the gazetteer has no name for
    parents: dict[int, int] = field(default_factory=dict)  # bracket qualifier -> what it locates

    @classmethod
    def of(cls, mentions: list[PlaceMention], options: list[list[tuple[Place, bool]]]) -> Groups:
        """Groups from the ``in_parentheses_of`` links that recognition found."""
        exact = [[p for p, is_exact in opts if is_exact] for opts in options]
        groups = cls(exact=exact)
        groups.unknown_places = {
            i
            for i, m in enumerate(mentions)
            if not options[i]
            and (m.source == "ner" or m.place_word is not None or m.unit_word is not None)
        }
        groups.parents = {
            i: m.in_parentheses_of
            for i, m in enumerate(mentions)
            if m.in_parentheses_of is not None and m.qualifier_kind == "brackets"
        }
        root: dict[int, int] = {}
        for i, mention in enumerate(mentions):
            parent = mention.in_parentheses_of
            if parent is None or not 0 <= parent < len(mentions):
                continue
            while mention.qualifier_kind == "in" and not exact[parent]:
                above = mentions[parent].in_parentheses_of  # "X of [unknown] in Yemen"
                if above is None or above >= parent:
                    break
                parent = mention.in_parentheses_of = above
            if not _linked(mention, mentions[parent], exact[parent], options[parent], exact[i]):
                mention.in_parentheses_of = mention.qualifier_kind = None
                continue
            groups.qualifiers.add(i)
            if mention.qualifier_kind == "brackets":
                groups.brackets.add(i)
            root[i] = root.get(parent, parent)
        members: dict[int, list[int]] = {}
        for i, r in root.items():
            members.setdefault(r, [r]).append(i)
        for group in members.values():
            for i in group:
                groups.mates[i] = [j for j in group if j != i]
        return groups

    def qualifies_unknown(self, index: int) -> bool:
        """In the brackets after a place the gazetteer does not know ("Nigohan (UP)"): the unit
        is all the text gives for it."""
        parent = self.parents.get(index)
        return parent is not None and parent in self.unknown_places

    def is_qualifier(self, index: int) -> bool:
        return index in self.qualifiers

    def _units_of(self, index: int, mate: int, chosen: list[Place | None] | None) -> list[Place]:
        """The places ``mate`` may stand for, as a unit that locates ``index`` (or is located)."""
        if chosen is not None:
            place = chosen[mate]
            return [place] if place is not None else []
        places = self.exact[mate]
        if mate in self.brackets or (index in self.brackets and mate not in self.qualifiers):
            return places
        return [p for p in places if _is_unit(p)] if mate in self.qualifiers else places

    def support(self, index: int, place: Place, chosen: list[Place | None] | None) -> float:
        """How much the units of the group back ``place`` for mention ``index``."""
        total = 0.0
        for mate in self.mates.get(index, []):
            units = self._units_of(index, mate, chosen)
            if units:
                total += max(compatibility(place, unit) for unit in units)
        return total

    def conflicts(self, index: int, place: Place, chosen: list[Place | None]) -> bool:
        """``place`` contradicts a unit that locates it (another country or first-level unit).

        A unit is checked only against the larger units after it (``(Kandi, Alibori)``), which
        are decided first.
        """
        qualifier = index in self.qualifiers
        for mate in self.mates.get(index, []):
            unit = chosen[mate]
            if unit is None or mate not in self.qualifiers or unit.geonameid == place.geonameid:
                continue
            if qualifier and mate < index:
                continue  # a unit is checked only against the larger units written after it
            level = compatibility(place, unit)
            if level == 0.0 or (level < 1.0 and unit.admin_level == 1):
                return True
        return False
