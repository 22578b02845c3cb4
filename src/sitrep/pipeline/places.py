"""Stage: find toponyms, resolve them in the gazetteer, and choose each event's location.

``Geocoder.toponyms`` finds every place the article names (spaCy's GPE/LOC/FAC entities, names
the gazetteer knows that the model missed, datelines) and resolves each with the whole article as
context (see ``sitrep.gazetteer.resolve``). ``Geocoder.locate`` then picks the place where one
event happened: a town named in the event's sentences before a region or a country, never the
dateline's city or the capital where a ministry spoke, with ACLED's geo_precision (1 the town,
2 near it or a small part of a region, 3 a region or the country) and the unresolved name kept
when the gazetteer does not know it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from sitrep.gazetteer import Gazetteer, Place
from sitrep.gazetteer.countries import CountryNames
from sitrep.gazetteer.names import name_key
from sitrep.gazetteer.recognise import PlaceMention, find_mentions
from sitrep.gazetteer.resolve import Resolution, resolve_mentions
from sitrep.model import Location, Span
from sitrep.pipeline.document import Document
from sitrep.pipeline.mentions import ActorMention, Toponym

__all__ = ["COUNTRY_HINT", "MODIFIER", "Geocoder"]

MODIFIER = "modifier"
"""``Toponym.role`` of a country named as an attribute ("Afghan forces", "the US dollar", a
demonym): it tells which countries the article is about, never where an event happened."""

_ANNOTATION = "places"
COUNTRY_HINT = "country_hint"
"""``document.annotations[COUNTRY_HINT]``: ISO alpha-2 codes of the countries the article is known
to be about (from the source, a feed or the analyst); they weigh like countries named in the text."""
_SPEAKER_BEFORE = re.compile(
    r"\b(?:ministry|ministries|government|officials?|authorities|spokes\w+|junta|presidency|embassy|"
    r"headquarters|state television|state media|capital)\b[^.;]{0,40}\b(?:in|from)\s+$",
    re.I,
)
_SAID_AFTER = re.compile(
    r"^[^.;]{0,60}\b(?:said|says|told|announced|reported|stated|claimed)\b", re.I
)
_BORDER_AFTER = re.compile(r"^\s*(?:-\s*)?(?:border|frontier)", re.I)
_DEMONYM = re.compile(r"\b[A-Z][a-zé]+(?:-[A-Z][a-z]+)?\b")
_ACTOR_EVIDENCE_CAP = 3  # actors of one country count at most this much


@dataclass
class _Found:
    """One toponym with the mention and resolution behind it (kept on the document)."""

    mention: PlaceMention
    resolution: Resolution
    toponym: Toponym


class Geocoder:
    """Finds and resolves the places of an article, and codes each event's location."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._names: CountryNames | None = None
        self._country_places: dict[str, Place | None] = {}

    @property
    def country_names(self) -> CountryNames:
        if self._names is None:
            demonyms_of = getattr(self.gazetteer, "demonyms", None)
            demonyms = demonyms_of() if callable(demonyms_of) else {}
            self._names = CountryNames.build(self.gazetteer.countries(), demonyms)
        return self._names

    # -- entry points -----------------------------------------------------------------------
    def toponyms(self, document: Document, actors: list[ActorMention]) -> list[Toponym]:
        """Every toponym of the article, resolved in context (text order)."""
        mentions = find_mentions(document)
        actor_spans = [(a.span.start, a.span.end) for a in actors]
        return self._resolve(document, mentions, actor_spans, self._actor_countries(actors))

    def resolve_spans(self, document: Document, spans: list[tuple[int, int]]) -> list[Toponym]:
        """Resolve given toponym spans (article offsets), e.g. a corpus's gold toponyms.

        The other places the article names still serve as context.
        """
        from sitrep.gazetteer.recognise import parse_name

        given: list[PlaceMention] = []
        for start, end in spans:
            sentence = document.sentence_at(start)
            text = document.text[start:end]
            name, alternatives, unit, bearing = parse_name(text)
            given.append(PlaceMention(start, end, text, name, sentence.index if sentence else -1, "given",
                                      alternatives=alternatives, unit_word=unit, bearing=bearing, cue=True))  # fmt: skip
        context = [
            m
            for m in find_mentions(document)
            if not any(m.start < e and s < m.end for s, e in spans)
        ]
        toponyms = self._resolve(document, given + context, [], Counter())
        wanted = {(s, e) for s, e in spans}
        return [t for t in toponyms if (t.span.start, t.span.end) in wanted]

    def locate(
        self,
        document: Document,
        toponyms: list[Toponym],
        sentence_indexes: list[int],
        trigger: Span | None = None,
    ) -> Location | None:
        """The location of the event reported in ``sentence_indexes`` (its trigger words)."""
        usable = [t for t in toponyms if t.role == "mention" and t.location is not None]
        local = [t for t in usable if t.sentence_index in sentence_indexes]
        if local:
            chosen = min(local, key=lambda t: self._rank(t, trigger))
            return self._event_location(document, chosen)
        if not usable:
            return self._dateline_fallback(toponyms)
        counts = Counter(self._label(t) for t in usable)
        chosen = min(
            usable, key=lambda t: (self._rank(t, None)[0], -counts[self._label(t)], t.span.start)
        )
        return self._event_location(document, chosen)

    # -- resolution -------------------------------------------------------------------------
    def _actor_countries(self, actors: list[ActorMention]) -> Counter[str]:
        """Home countries of the article's actors ("Afghan forces", the Houthis), by ISO alpha-2."""
        iso2_of = {iso3: iso2 for iso2, iso3 in self.country_names.iso3.items()}
        counts: Counter[str] = Counter()
        for actor in actors:
            iso2 = iso2_of.get(actor.country_iso3 or "")
            if iso2 and counts[iso2] < _ACTOR_EVIDENCE_CAP:
                counts[iso2] += 1
        return counts

    def _resolve(
        self,
        document: Document,
        mentions: list[PlaceMention],
        actor_spans: list[tuple[int, int]],
        actor_countries: Counter[str],
    ) -> list[Toponym]:
        names = self.country_names
        tried = sorted({n for m in mentions for n in (m.name, *m.alternatives)})
        found = self.gazetteer.lookup(tried)
        exact = {
            n: {p.geonameid for p in places}
            for n, places in self.gazetteer.lookup(tried, loose=False).items()
        }
        for name in tried:  # "U.S.", "DRC", "Syrian": the country itself
            iso2 = names.country_of_word(name)
            country = self._country_place(iso2) if iso2 else None
            if country is not None:
                found[name] = [
                    country,
                    *(p for p in found.get(name, []) if p.geonameid != country.geonameid),
                ]
                exact.setdefault(name, set()).add(country.geonameid)
        hints = self._demonym_countries(document)
        hints.update(actor_countries)
        hint = document.annotations.get(COUNTRY_HINT)
        for iso2 in hint if isinstance(hint, list | tuple) else []:
            hints[str(iso2).upper()] += 3
        resolutions = resolve_mentions(mentions, found, exact, names, hints)
        located = {m.in_parentheses_of for m in mentions if m.qualifier_kind == "brackets"}
        kept: dict[int, _Found] = {}
        for i, (mention, resolution) in enumerate(zip(mentions, resolutions, strict=True)):
            place = resolution.place
            in_actor = any(s <= mention.start and mention.end <= e for s, e in actor_spans)
            if (
                place is None
                and i not in located
                and (mention.source == "gazetteer" or not mention.cue)
            ):
                continue  # an unknown name with no locative word is not taken for a place
            if in_actor and (
                place is None or (mention.source == "gazetteer" and not mention.unit_word)
            ):
                continue  # "Taliban militants", "Jang/Geo Group": an actor's name, not a place
            toponym = self._toponym(document, mention, resolution)
            toponym.is_admin = toponym.is_admin or mention.in_parentheses_of is not None
            if self._is_modifier(mention, place, in_actor):
                toponym.role = MODIFIER
            kept[i] = _Found(mention, resolution, toponym)
        for i, item in kept.items():
            if item.resolution.place is None and item.toponym.location is not None:
                item.toponym.location = self._fallback(i, item, kept)
        document.annotations[_ANNOTATION] = {
            (f.toponym.span.start, f.toponym.span.end): f for f in kept.values()
        }
        return [f.toponym for f in kept.values()]

    def _is_modifier(self, mention: PlaceMention, place: Place | None, in_actor: bool) -> bool:
        """A country named as an attribute ("Afghan forces", "US dollar"): context, not a place."""
        if place is None or place.admin_level != 0:
            return False
        demonym = name_key(mention.name) in self.country_names.demonym
        return demonym or mention.modifier or in_actor

    def _demonym_countries(self, document: Document) -> Counter[str]:
        """Countries pointed to by demonyms ("Malian soldiers"; "the Algerian border" counts less)."""
        counts: Counter[str] = Counter()
        demonyms = self.country_names.demonym
        text = document.text
        for match in _DEMONYM.finditer(text):
            word = match.group().lower()
            iso2 = demonyms.get(word) or (demonyms.get(word[:-1]) if word.endswith("s") else None)
            if iso2:
                counts[iso2] += (
                    0.5 if _BORDER_AFTER.match(text[match.end() : match.end() + 12]) else 1
                )  # type: ignore[assignment]
        return counts

    def _toponym(
        self, document: Document, mention: PlaceMention, resolution: Resolution
    ) -> Toponym:
        start = mention.evidence_start if mention.evidence_start is not None else mention.start
        end = mention.evidence_end if mention.evidence_end is not None else mention.end
        span = document.span(mention.start, mention.end)
        evidence = (
            [document.span(start, end)] if (start, end) != (mention.start, mention.end) else [span]
        )
        place = resolution.place
        role = "dateline" if mention.is_dateline else "mention"
        if role == "mention" and self._is_speaker_place(document, mention, place):
            role = "speaker"
        location = self._location(mention, place, evidence)
        level = place.admin_level if place else None
        return Toponym(span=span, name=mention.text, sentence_index=mention.sentence_index, location=location,
                       is_country=level == 0, is_admin=level in (1, 2) or mention.unit_word is not None,
                       role=role, score=round(resolution.score, 3))  # fmt: skip

    def _is_speaker_place(
        self, document: Document, mention: PlaceMention, place: Place | None
    ) -> bool:
        """ "officials in Bamako said": the capital where someone spoke, not where it happened."""
        if place is None or place.feature_code != "PPLC":
            return False
        before = document.text[max(0, mention.start - 80) : mention.start]
        after = document.text[mention.end : mention.end + 80]
        return bool(
            _SPEAKER_BEFORE.search(before)
            or (re.search(r"\bin\s+$", before) and _SAID_AFTER.match(after))
        )

    def _location(
        self, mention: PlaceMention, place: Place | None, evidence: list[Span]
    ) -> Location:
        """The location of one toponym: the place itself, with the precision its kind implies."""
        relation = mention.relation
        if place is None:
            return Location(name=mention.text, relation=relation, resolved=False,
                            offset_km=mention.offset_km, bearing=mention.offset_bearing or mention.bearing,
                            evidence=evidence)  # fmt: skip
        level = place.admin_level
        if (level is not None and level <= 1) or place.feature_code == "CONT":
            precision, relation = 3, "region" if relation == "in" else relation
        elif level == 2 or place.feature_class not in {"P", "S"}:
            precision = 2
        else:
            precision = 1 if relation == "in" else 2
        if relation in {"near", "offset", "between"}:
            precision = max(precision, 2)
        names = self.country_names
        return Location(
            name=mention.text,
            place_name=place.name,
            geonameid=place.geonameid if place.is_geonames else None,
            country_iso3=names.iso3.get(place.country_code) or None,
            country=names.acled_name.get(place.country_code) or None,
            admin1=place.admin1_name if level != 0 else None,
            admin2=place.admin2_name if level not in (0, 1) else None,
            latitude=round(place.latitude, 5),
            longitude=round(place.longitude, 5),
            geo_precision=precision,
            feature_code=place.feature_code,
            relation=relation,
            offset_km=mention.offset_km,
            bearing=mention.offset_bearing or mention.bearing,
            resolved=True,
            evidence=evidence,
        )

    def _country_place(self, iso2: str) -> Place | None:
        """The gazetteer's place for a country (cached)."""
        if iso2 not in self._country_places:
            name = self.gazetteer.countries().get(iso2)
            places = self.gazetteer.lookup([name.name], loose=False) if name else {}
            self._country_places[iso2] = next(
                (
                    p
                    for p in next(iter(places.values()), [])
                    if p.country_code == iso2 and p.admin_level == 0
                ),
                None,
            )
        return self._country_places[iso2]

    # -- fallbacks and event locations ------------------------------------------------------
    def _fallback(self, index: int, item: _Found, kept: dict[int, _Found]) -> Location:
        """An unknown place: the smallest unit the text supports, with the name kept.

        The units in brackets after it ("X (Abeibara, Kidal)"), else a region named in the same
        sentence, else the article's main country; ``resolved`` stays False.
        """
        units = [f.resolution.place for f in kept.values() if f.mention.in_parentheses_of == index]
        same = [f.resolution.place for j, f in kept.items()
                if j != index and f.mention.sentence_index == item.mention.sentence_index
                and f.resolution.place is not None and f.resolution.place.admin_level in (1, 2)]  # fmt: skip
        candidates = [p for p in units + same if p is not None and p.admin_level in (0, 1, 2)]
        unit = min(candidates, key=lambda p: -(p.admin_level or 0)) if candidates else None
        if unit is None:
            unit = self._main_country(kept)
        assert item.toponym.location is not None
        location = item.toponym.location
        if unit is None:
            return location
        return self._unit_location(location, unit)

    def _main_country(self, kept: dict[int, _Found]) -> Place | None:
        counts: Counter[str] = Counter(
            f.resolution.place.country_code for f in kept.values()
            if f.resolution.place is not None and f.resolution.place.country_code and not f.mention.is_dateline
        )  # fmt: skip
        if not counts:
            return None
        return self._country_place(counts.most_common(1)[0][0])

    def _unit_location(self, location: Location, unit: Place) -> Location:
        """``location`` coded to an administrative unit (ACLED: at the unit's seat)."""
        level = unit.admin_level or 0
        seat = self.gazetteer.admin_seat(
            unit.country_code, unit.admin1_code if level >= 1 else None
        )
        point = unit if level == 2 or seat is None else seat
        names = self.country_names
        return location.model_copy(
            update={
                "place_name": unit.name,
                "geonameid": unit.geonameid if unit.is_geonames else None,
                "country_iso3": names.iso3.get(unit.country_code) or None,
                "country": names.acled_name.get(unit.country_code) or None,
                "admin1": unit.admin1_name if level >= 1 else None,
                "admin2": unit.admin2_name if level >= 2 else None,
                "latitude": round(point.latitude, 5),
                "longitude": round(point.longitude, 5),
                "geo_precision": 2 if level == 2 else 3,
                "feature_code": unit.feature_code,
            }
        )

    @staticmethod
    def _label(toponym: Toponym) -> str:
        """The place a toponym stands for (its gazetteer name, else its words)."""
        return (toponym.location.place_name if toponym.location else None) or toponym.name

    def _rank(self, toponym: Toponym, trigger: Span | None) -> tuple[int, int]:
        """Which toponym of a sentence is the event's place: towns first, then units, countries."""
        location = toponym.location
        assert location is not None
        if not location.resolved:
            rank = 1
        elif location.feature_code in {"ADM1", "ADM2"} or location.feature_code == "CONT":
            rank = {"ADM2": 2, "ADM1": 3}.get(location.feature_code or "", 5)
        elif toponym.is_country:
            rank = 4
        else:
            rank = (
                2 if toponym.is_admin else 0
            )  # "X, Donetsk": the qualifying town is not the place
        distance = abs(toponym.span.start - trigger.start) if trigger is not None else 0
        return rank, distance

    def _event_location(self, document: Document, toponym: Toponym) -> Location:
        """The toponym's location as the event's location (regions and countries at their seat)."""
        location = toponym.location
        assert location is not None
        found = document.annotations.get(_ANNOTATION, {})
        item = (
            found.get((toponym.span.start, toponym.span.end)) if isinstance(found, dict) else None
        )
        place = item.resolution.place if item is not None else None
        if place is not None and place.admin_level in (0, 1):
            return self._unit_location(location, place).model_copy(
                update={"relation": location.relation}
            )
        return location

    def _dateline_fallback(self, toponyms: list[Toponym]) -> Location | None:
        """No place in the story: the dateline's country at precision 3 (never its city)."""
        for toponym in toponyms:
            location = toponym.location
            if (
                toponym.role != "dateline"
                or location is None
                or not location.resolved
                or not location.country
            ):
                continue
            places = self.gazetteer.lookup([location.country], loose=False)
            for place in next(iter(places.values()), []):
                if (
                    place.admin_level == 0
                    and self.country_names.iso3.get(place.country_code) == location.country_iso3
                ):
                    unit = self._unit_location(location, place)
                    return unit.model_copy(update={"name": location.country, "relation": "region"})
        return None
