"""Stage: find toponyms, resolve them in the gazetteer, and choose each event's location.

``Geocoder.toponyms`` finds every place the article names (spaCy's GPE/LOC/FAC entities, names
the gazetteer knows that the model missed, datelines) and resolves each with the whole article as
context (see ``sitrep.gazetteer.resolve``): the countries it names, its demonyms, the home
countries of its actors, the units written after a place. Names of actors ("Taliban militants")
are not places; countries named as attributes ("Afghan forces", "the US dollar") are context,
never an event's place (role ``MODIFIER``).

``Geocoder.locate`` then picks the place where one event happened: a town named in the event's
sentences before a region or a country, never the dateline's city or the capital where a
ministry spoke, coded as ACLED codes it (``sitrep.gazetteer.coding``). A place the gazetteer does
not know keeps its name and is coded to the smallest unit the text gives for it.
"""

from __future__ import annotations

import re
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from sitrep.gazetteer import Gazetteer, Place
from sitrep.gazetteer.coding import LocationCoder, named_as_town
from sitrep.gazetteer.coherence import quick_km
from sitrep.gazetteer.countries import CountryNames
from sitrep.gazetteer.cues import load_country_cues
from sitrep.gazetteer.names import bare_key, name_key, near_key
from sitrep.gazetteer.recognise import (
    FORCE_AFTER,
    PlaceMention,
    find_mentions,
    parse_name,
    read_relation,
)
from sitrep.gazetteer.resolve import Resolution, resolve_mentions
from sitrep.model import Location, Span
from sitrep.pipeline.document import Document
from sitrep.pipeline.mentions import PROVISIONAL_ACTORS, ActorMention, Toponym, is_actor_code

# "in the Somali capital", "in Mali's capital", "in the capital" (not "the capital of X", which
# names X; not "capital punishment")
_CAPITAL = re.compile(
    r"\b(?:in|at|near|on|across|around|outside|of|to)\s+(?P<phrase>"
    r"the\s+(?:(?P<country>[A-Z][\w-]+)\s+)?capital(?:\s+city)?(?!\s+(?:of|punishment)\b)"
    r"|(?P<country2>[A-Z][\w-]+['’]s)\s+capital(?:\s+city)?"
    r"|the\s+capital(?:\s+city)?\s+of\s+(?P<country3>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?))\b"
)

__all__ = ["COUNTRY_HINT", "MODIFIER", "Geocoder"]

MODIFIER = "modifier"
"""``Toponym.role`` of a country named as an attribute ("Afghan forces", "the US dollar", a
demonym): it tells which countries the article is about, never where an event happened."""
COUNTRY_HINT = "country_hint"
"""``document.annotations[COUNTRY_HINT]``: ISO alpha-2 codes of the countries the article is known
to be about (from the source, a feed or the analyst); they weigh like countries named in the text."""

_ANNOTATION = "places"
_SPEAKER_BEFORE = re.compile(
    r"\b(?:ministry|ministries|government|officials?|authorities|spokes\w+|junta|presidency|embassy|"
    r"headquarters|state television|state media|capital)\b[^.;]{0,40}\b(?:in|from)\s+$",
    re.I,
)
_SAID_AFTER = re.compile(  # "officials in Bamako said", not "protesters in Bamako burned tyres
    # to denounce the junta, officials said"
    r"^[^.;,]{0,30}\b(?:said|says|told|announced|reported|stated|claimed)\b",
    re.I,
)
_SPONSOR_AFTER = re.compile(r"^[-\s](?:led|backed|allied|sponsored|funded|supported)\b", re.I)
_BORDER_AFTER = re.compile(r"^\s*(?:-\s*)?(?:border|frontier)", re.I)
_APOSTROPHE_LOST = re.compile(r"([A-Z][\w -]*[a-z])s")
"""A country's possessive whose apostrophe was lost in copying ("Malis capital")."""
_NAME_BEFORE = re.compile(
    r"(?<![.!?]\s)(?<!^)\b(?!(?:North|South|East|West|Central|Northern|Southern|Eastern|Western|"
    r"Upper|Lower|Greater|Mainland|Rural|The|In|At|From|To|Of|And|For|On|By|With|Near|Across)\b)"
    r"[A-Z][\w’'.-]*[a-z][\w’'.-]* $"
)
"""A capitalised word right before a country's name, not opening a sentence nor a direction:
the country ends an organisation's name ("Bank Melli Iran", "Air France")."""
_FORCE_WEIGHT = 0.3  # "Israeli airstrikes": whose forces, not where (see FORCE_AFTER)
_CODE_WEIGHT = 0.5  # an actor's code whose every reading is in one country ("QSD", "LNA")
_DEMONYM = re.compile(r"\b[A-Z][a-zé]+(?:-[A-Z][a-z]+)?\b")
_ACTOR_EVIDENCE_CAP = 3  # actors of one country count at most this much
_SPELLING_MIN_LETTERS = 5  # shorter names are too easily another word's spelling
_SPELLING_MIN_SCORE = 85.0  # rapidfuzz ratio of name keys: "saraqab"/"saraqib" 86
_UNIT_KEYS_CACHE = 16  # units whose towns' folded names are kept (bounded memory)
_SPELLING_MARGIN = 3.0  # a rival town this close in spelling makes the match ambiguous
_HINT_WEIGHT = 3.0


@dataclass
class _Found:
    """One toponym with the mention and resolution behind it."""

    mention: PlaceMention
    resolution: Resolution
    toponym: Toponym
    root: int  # the mention its group locates (itself when it qualifies nothing)


@dataclass
class _Article:
    """What the geocoder keeps on the document: toponyms by span, and the article's countries."""

    found: dict[tuple[int, int], _Found] = field(default_factory=dict)
    countries: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    spans: dict[str, Span] = field(default_factory=dict)  # first words that point to each


class Geocoder:
    """Finds and resolves the places of an article, and codes each event's location.

    ``actor_dictionary`` (optional, ``sitrep.reference.ActorDictionary``) gives the countries of
    actors known by id (an armed group active in one country) when a mention carries none.
    """

    def __init__(self, gazetteer: Gazetteer, actor_dictionary: object | None = None) -> None:
        self.gazetteer = gazetteer
        self.actor_dictionary = actor_dictionary
        self._names: CountryNames | None = None
        self._coder: LocationCoder | None = None
        self._unit_keys: dict[tuple[str, str, str | None], list[tuple[str, Place]]] = {}
        self._lock = threading.Lock()

    @property
    def country_names(self) -> CountryNames:
        if self._names is None:
            demonyms_of = getattr(self.gazetteer, "demonyms", None)
            demonyms = demonyms_of() if callable(demonyms_of) else {}
            self._names = CountryNames.build(self.gazetteer.countries(), demonyms)
        return self._names

    @property
    def coder(self) -> LocationCoder:
        if self._coder is None:
            self._coder = LocationCoder(self.gazetteer, self.country_names)
        return self._coder

    # -- entry points -----------------------------------------------------------------------
    def toponyms(self, document: Document, actors: list[ActorMention]) -> list[Toponym]:
        """Every toponym of the article, resolved in context (text order)."""
        mentions = find_mentions(document)
        return self._resolve(document, mentions, actors)

    def resolve_spans(self, document: Document, spans: list[tuple[int, int]]) -> list[Toponym]:
        """Resolve given toponym spans (article offsets), e.g. a corpus's gold toponyms.

        The other places the article names still serve as context.
        """
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
        mentions = sorted(given + context, key=lambda m: m.start)
        toponyms = self._resolve(document, mentions, [], keep_all=True)
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
        article = self._article(document)
        usable = [t for t in toponyms if t.role == "mention" and t.location is not None]
        local = [t for t in usable if t.sentence_index in sentence_indexes]
        if local and not all(t.is_country for t in local):
            chosen = min(local, key=lambda t: self._rank(article, t, trigger))
            return self._event_location(article, chosen)
        capital = self._capital(document, article, sentence_indexes, trigger)
        if capital is not None:
            return capital
        if local:
            chosen = min(local, key=lambda t: self._rank(article, t, trigger))
            return self._event_location(article, chosen)
        if usable:
            counts = Counter(self._label(t) for t in usable)
            chosen = min(
                usable,
                key=lambda t: (
                    self._rank(article, t, None)[0],
                    -counts[self._label(t)],
                    t.span.start,
                ),
            )
            return self._event_location(article, chosen)
        return self._country_fallback(article, toponyms)

    # -- resolution -------------------------------------------------------------------------
    def _resolve(
        self,
        document: Document,
        mentions: list[PlaceMention],
        actors: list[ActorMention],
        *,
        keep_all: bool = False,
    ) -> list[Toponym]:
        for mention in mentions:  # "Venezuelan refugees": a demonym is an attribute
            if self._demonym(mention.name) and mention.unit_word is None:
                mention.modifier = True
            if name_key(mention.name) in self.country_names.alias and _NAME_BEFORE.search(
                document.text[max(0, mention.start - 40) : mention.start]
            ):
                mention.in_name = True  # "Bank Melli Iran", "Air France"
            parent = mention.in_parentheses_of
            if parent is not None and 0 <= parent < len(mentions) and mentions[parent].in_name:
                mention.in_parentheses_of = mention.qualifier_kind = None  # "Air France in Bamako"
            stem = _APOSTROPHE_LOST.fullmatch(mention.name)
            aliases = self.country_names.alias
            if stem and name_key(mention.name) not in aliases and name_key(stem[1]) in aliases:
                mention.alternatives.append(stem[1])  # "in Malis capital"
        found, exact = self._candidates(mentions)
        article = _Article()
        self._text_evidence(document, actors, article)
        resolutions = resolve_mentions(
            mentions, found, exact, self.country_names, Counter(article.countries)
        )
        for mention, resolution in zip(mentions, resolutions, strict=True):
            self._region_of_its_capital(mention, resolution)
        actor_spans = [(a.span.start, a.span.end) for a in actors]
        located = {m.in_parentheses_of for m in mentions if m.in_parentheses_of is not None}
        kept: dict[int, _Found] = {}
        for i, (mention, resolution) in enumerate(zip(mentions, resolutions, strict=True)):
            place = resolution.place
            in_actor = any(s <= mention.start and mention.end <= e for s, e in actor_spans)
            if not keep_all and not self._is_place(mention, place, in_actor, i in located):
                continue
            toponym = self._toponym(document, mention, resolution)
            toponym.is_admin = toponym.is_admin or mention.in_parentheses_of is not None
            if self._is_modifier(mention, place, in_actor) or mention.describes:
                toponym.role = MODIFIER  # "an affiliate active across the Sahel": context only
            kept[i] = _Found(mention, resolution, toponym, _root(mentions, i))
        self._place_evidence(kept, article)
        for i, item in kept.items():
            if item.resolution.place is None and item.toponym.location is not None:
                item.toponym.location = self._fallback(i, item, kept, article)
        article.found = {(f.toponym.span.start, f.toponym.span.end): f for f in kept.values()}
        document.annotations[_ANNOTATION] = article
        return [f.toponym for f in kept.values()]

    def _candidates(
        self, mentions: list[PlaceMention]
    ) -> tuple[dict[str, list[Place]], dict[str, set[int]]]:
        """Gazetteer places for every name tried (one batched look-up) and the exact ones."""
        tried = sorted({n for m in mentions for n in (m.name, *m.alternatives)})
        found = self.gazetteer.lookup(tried)
        exact = {
            n: {p.geonameid for p in places}
            for n, places in self.gazetteer.lookup(tried, loose=False).items()
        }
        for name in tried:  # "Ar-Raqqa" for "Ar Raqqah": a spelling, as good as exact
            near = near_key(name)
            for place in found.get(name, []):
                if near in {near_key(place.name), near_key(place.asciiname or "")}:
                    exact.setdefault(name, set()).add(place.geonameid)
        # "Somali region", "Afar Region": a unit named after a people, not the people's country
        unit_named = {m.name for m in mentions if m.unit_word is not None} - {
            m.name for m in mentions if m.unit_word is None
        }
        for name in tried:  # "U.S.", "DRC", "Syrian": the country itself
            if name in unit_named and self._demonym(name):
                continue
            iso2 = self.country_names.country_of_word(name)
            country = self.coder.country(iso2) if iso2 else None
            if country is not None:
                found[name] = [
                    country,
                    *(p for p in found.get(name, []) if p.geonameid != country.geonameid),
                ]
                exact.setdefault(name, set()).add(country.geonameid)
        return found, exact

    def _demonym(self, name: str) -> bool:
        """A word for a people ("Somali", "Venezuelan") that is not also a country's name."""
        key = name_key(name)
        return key in self.country_names.demonym and key not in self.country_names.alias

    @staticmethod
    def _is_place(
        mention: PlaceMention, place: Place | None, in_actor: bool, located: bool
    ) -> bool:
        """Whether a mention is kept as a toponym.

        An unknown name needs a locative word (or units in brackets after it); a name inside an
        actor's words ("Taliban militants", "Jang/Geo Group") is the actor's, unless the model
        marked it as a place or a unit word follows ("Ahmadabad district governor").
        """
        if place is None and mention.common:
            return False  # "during the month of Ramadan in X": a word, not an unknown place
        if (
            place is None
            and not located
            and (mention.source in {"gazetteer", "code"} or not mention.cue)
        ):
            return False
        return not (
            in_actor
            and (
                place is None
                or (mention.source == "gazetteer" and not (mention.unit_word or mention.cue))
            )
        )

    def _is_modifier(self, mention: PlaceMention, place: Place | None, in_actor: bool) -> bool:
        """A country named as an attribute ("Afghan forces", "US dollar"): context, not a place."""
        if place is None or place.admin_level != 0:
            return False
        demonym = name_key(mention.name) in self.country_names.demonym
        return demonym or mention.modifier or mention.says_nothing_of_where or in_actor

    # -- the article's countries ------------------------------------------------------------
    def _text_evidence(
        self, document: Document, actors: list[ActorMention], article: _Article
    ) -> None:
        """Countries the words point to besides place names: demonyms, missions, actors, a hint."""
        demonyms = self.country_names.demonym
        text = document.text
        for match in _DEMONYM.finditer(text):
            word = match.group().lower()
            iso2 = demonyms.get(word) or (demonyms.get(word[:-1]) if word.endswith("s") else None)
            if iso2:
                after = text[match.end() : match.end() + 12]
                weight = 1.0
                if FORCE_AFTER.match(text[match.end() : match.end() + 40]):
                    weight = _FORCE_WEIGHT
                elif _BORDER_AFTER.match(after):
                    weight = 0.5
                elif _SPONSOR_AFTER.match(after):  # "Saudi-led", "Turkish-backed": the sponsor's
                    weight = 0.25  # country, seldom where the event is
                article.countries[iso2] += weight
                article.spans.setdefault(iso2, document.span(match.start(), match.end()))
        for iso2, start, end in load_country_cues().find(text):  # "the OSCE SMM": Ukraine
            article.countries[iso2] += 1.0
            article.spans.setdefault(iso2, document.span(start, end))
        iso2_of = {iso3: iso2 for iso2, iso3 in self.country_names.iso3.items()}
        from_actors: defaultdict[str, float] = defaultdict(float)
        for actor in actors:
            for iso3, weight in self._actor_countries(actor):
                iso2 = iso2_of.get(iso3)
                if iso2 and from_actors[iso2] < _ACTOR_EVIDENCE_CAP:
                    from_actors[iso2] += weight
                    article.spans.setdefault(iso2, actor.span)
        provisional = document.annotations.get(PROVISIONAL_ACTORS)
        for actor, options in provisional if isinstance(provisional, list) else []:
            if not is_actor_code(actor.span.text.split()[0]):
                continue  # "militants", "the army": words, not a code with one meaning
            homes = {c for option in options for c in getattr(option, "countries", ())}
            iso2 = iso2_of.get(homes.pop()) if len(homes) == 1 else None
            if iso2 and from_actors[iso2] < _ACTOR_EVIDENCE_CAP:  # "a QSD fighter": a code
                from_actors[iso2] += _CODE_WEIGHT  # with one meaning, named in no country
                article.spans.setdefault(iso2, actor.span)
        for iso2, weight in from_actors.items():
            article.countries[iso2] += weight
        hint = document.annotations.get(COUNTRY_HINT)
        for iso2 in hint if isinstance(hint, list | tuple) else []:
            article.countries[str(iso2).upper()] += _HINT_WEIGHT

    def _actor_countries(self, actor: ActorMention) -> list[tuple[str, float]]:
        """The countries (ISO3, weighted) of an actor the dictionary knows by name.

        Generic actors ("protesters", "soldiers") carry the country the actor stage guessed from
        the article, not a sign of their own; demonyms in their words count as demonyms.
        """
        if actor.actor_id is None or actor.template is not None:
            return []
        if actor.country_iso3:
            return [(actor.country_iso3, 1.0)]
        lookup = getattr(self.actor_dictionary, "actor", None)
        entry = lookup(actor.actor_id) if callable(lookup) and actor.actor_id else None
        if entry is None:
            return []
        written = actor.span.text.lower()
        if any(written == str(a).lower() for a in getattr(entry, "context_aliases", ()) or ()):
            return []  # "militants" means this group only once the country is known otherwise
        home = getattr(entry, "home", None)
        if home:
            return [(str(home), 1.0)]
        countries = [str(c) for c in getattr(entry, "countries", ()) or ()]
        return [(c, 1.0 / len(countries)) for c in countries]

    def _place_evidence(self, kept: dict[int, _Found], article: _Article) -> None:
        """Add the countries of the resolved toponyms (2 each; a country as an attribute 1)."""
        for item in kept.values():
            place = item.resolution.place
            if place is None or not place.country_code or item.mention.is_dateline:
                continue
            if item.mention.says_nothing_of_where:
                continue
            weight = 1.0 if item.toponym.role == MODIFIER else 2.0
            article.countries[place.country_code] += weight
            article.spans.setdefault(place.country_code, item.toponym.span)

    # -- toponyms and their locations -------------------------------------------------------
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
        location = self.coder.place(mention, place, evidence)
        level = place.admin_level if place else None
        return Toponym(span=span, name=mention.text, sentence_index=mention.sentence_index, location=location,
                       is_country=level == 0, is_admin=level in (1, 2) or mention.unit_word is not None,
                       role=role, score=round(resolution.score, 3))  # fmt: skip

    @staticmethod
    def _is_speaker_place(document: Document, mention: PlaceMention, place: Place | None) -> bool:
        """ "officials in Bamako said": the capital where someone spoke, not where it happened."""
        if place is None or place.feature_code != "PPLC":
            return False
        before = document.text[max(0, mention.start - 80) : mention.start]
        after = document.text[mention.end : mention.end + 80]
        return bool(
            _SPEAKER_BEFORE.search(before)
            or (re.search(r"\bin\s+$", before) and _SAID_AFTER.match(after))
        )

    def _fallback(
        self, index: int, item: _Found, kept: dict[int, _Found], article: _Article
    ) -> Location:
        """An unknown place: the smallest unit the text gives for it, with the name kept.

        The units of its group (``X (Sinende, Borgou)``, ``the Nabissou quarter of Parakou``),
        else a region, district or town in brackets named in the same sentence (``X, Y commune
        (Bandiagara, Mopti)``), else the country of the towns the sentence names beside it, else
        the article's main country; ``resolved`` stays False.
        """
        location = item.toponym.location
        assert location is not None
        group = [
            (j, f) for j, f in kept.items()
            if j != index and f.root == item.root and f.resolution.place is not None and j > index
        ]  # fmt: skip
        if group:
            _, unit_item = min(group, key=lambda jf: (_unit_order(jf[1].resolution.place), jf[0]))
            unit = unit_item.resolution.place
            assert unit is not None
            spelled = self._spelling_in_unit(item.mention, unit)
            if spelled is not None:
                return self.coder.place(item.mention, spelled, location.evidence)
            return self.coder.fallback(
                location, item.mention, unit, unit_item.mention.qualifier_kind, unit_item.mention
            )
        main = self._main_country(article)
        beside = [(f.resolution.place, f.mention) for j, f in kept.items()
                  if j != index and f.mention.sentence_index == item.mention.sentence_index
                  and f.resolution.place is not None and f.toponym.role != MODIFIER]  # fmt: skip
        same = [p for p, m in beside
                if p.admin_level in (1, 2) or (m.in_parentheses_of is not None and p.admin_level != 0)]  # fmt: skip
        if same:  # the article's main country first, then the smallest unit
            home = main.country_code if main is not None else None
            unit = min(same, key=lambda p: (p.country_code != home, _unit_order(p)))
            return self.coder.unit(location, unit)
        towns = Counter(
            p.country_code for p, _ in beside if p.admin_level is None and p.country_code
        )
        if towns:  # "X, 40 km north of Djibo": the country of the towns beside it
            country = self.coder.country(towns.most_common(1)[0][0])
            if country is not None:
                return self.coder.unit(location, country)
        return self.coder.unit(location, main) if main is not None else location

    def _spelling_in_unit(self, mention: PlaceMention, unit: Place) -> Place | None:
        """A town of the unit the text puts an unknown name in whose name is another spelling
        of it ("Saraqab in Idleb" is Saraqib): one clear match, or none.

        Only inside the unit (a district, a region, or a town's district), only for names of
        five letters or more with the same first letter, and only when no other town of the unit
        is as close a spelling.
        """
        towns_in = getattr(self.gazetteer, "towns_in", None)
        written = bare_key(mention.name)
        if (
            not callable(towns_in)
            or len(written) < _SPELLING_MIN_LETTERS
            or unit.admin_level == 0
            or not unit.admin1_code
        ):
            return None
        admin2 = unit.admin2_code if unit.admin_level != 1 else None
        key = (unit.country_code, unit.admin1_code, admin2)
        keyed = self._unit_keys.get(key)
        if keyed is None:  # the towns' names folded once per unit (a few units per batch)
            keyed = [(bare_key(n), t) for n, t in towns_in(*key)]
            with self._lock:
                if len(self._unit_keys) >= _UNIT_KEYS_CACHE:
                    self._unit_keys.pop(next(iter(self._unit_keys)))
                self._unit_keys[key] = keyed
        best: dict[int, tuple[float, Place]] = {}
        for bare, town in keyed:
            if not bare or bare[0] != written[0]:
                continue  # a spelling keeps its first letter ("Galmou" is not Almou)
            score = fuzz.ratio(written, bare, score_cutoff=_SPELLING_MIN_SCORE)
            if score and score > best.get(town.geonameid, (0.0, town))[0]:
                best[town.geonameid] = (score, town)
        if not best:
            return None
        ranked = sorted(best.values(), key=lambda st: (-st[0], -st[1].population))
        top_score, top = ranked[0]
        rivals = [t for sc, t in ranked[1:] if sc >= top_score - _SPELLING_MARGIN]
        if any(quick_km(top.latitude, top.longitude, t.latitude, t.longitude) > 10 for t in rivals):
            return None  # two towns of the unit are spelled alike: which one is not known
        return top

    def _main_country(self, article: _Article) -> Place | None:
        """The country the article is most about (its words and its resolved places)."""
        for iso2 in sorted(article.countries, key=lambda c: -article.countries[c]):
            place = self.coder.country(iso2)
            if place is not None:
                return place
        return None

    # -- event locations --------------------------------------------------------------------
    @staticmethod
    def _article(document: Document) -> _Article:
        article = document.annotations.get(_ANNOTATION)
        return article if isinstance(article, _Article) else _Article()

    @staticmethod
    def _label(toponym: Toponym) -> str:
        """The place a toponym stands for (its gazetteer name, else its words)."""
        return (toponym.location.place_name if toponym.location else None) or toponym.name

    @staticmethod
    def _rank(article: _Article, toponym: Toponym, trigger: Span | None) -> tuple[int, int, int]:
        """Which toponym of a sentence is the event's place.

        ACLED's own coding first ("coded to X"); then towns, places the gazetteer does not know,
        districts, the units that qualify a place and unknown sites ("the X road in Y"),
        regions, countries.
        """
        location = toponym.location
        assert location is not None
        item = article.found.get((toponym.span.start, toponym.span.end))
        if item is not None and item.mention.coded:
            rank = -1
        elif not location.resolved:
            rank = 2 if item is not None and item.mention.facility else 1  # "the X road in Y"
        elif location.feature_code in {"ADM1", "ADM2", "CONT"}:
            rank = {"ADM2": 2, "ADM1": 3}.get(location.feature_code or "", 5)
        elif toponym.is_country:
            rank = 4
        else:
            qualifying = toponym.is_admin or (item is not None and item.mention.facility)
            rank = 2 if qualifying else 0  # "X, Donetsk", "El Milagro prison": not the place
        distance = abs(toponym.span.start - trigger.start) if trigger is not None else 0
        around = int(location.relation == "between")  # "the Dhaka-Aricha highway in Savar city"
        return rank, around, distance

    def _event_location(self, article: _Article, toponym: Toponym) -> Location:
        """The toponym's location as the event's location (regions and countries at their seat).

        A region named as a place ("protests in Vinnytsia": no unit word, qualifying nothing)
        is the town that is its seat, precision 1.
        """
        location = toponym.location
        assert location is not None
        item = article.found.get((toponym.span.start, toponym.span.end))
        place = item.resolution.place if item is not None else None
        if place is not None and place.admin_level in (0, 1):
            as_town = (
                place.admin_level == 1
                and item is not None
                and item.mention.relation == "in"
                and named_as_town(item.mention)
            )
            return self.coder.unit(location, place, precision=1 if as_town else None).model_copy(
                update={"relation": location.relation}
            )
        return location

    def _region_of_its_capital(self, mention: PlaceMention, resolution: Resolution) -> None:
        """ "the Timbuktu region" read as the town: the region the town is in (regions are
        mostly named after their capital; a gazetteer may lack the region's English name)."""
        place = resolution.place
        if place is None or mention.unit_level != 1 or place.admin_level is not None:
            return
        if not place.admin1_code:
            return
        unit = self.gazetteer.admin1_unit(place.country_code, place.admin1_code)
        region = self.gazetteer.place(unit.geonameid) if unit and unit.geonameid else None
        if region is not None and region.admin_level == 1:
            resolution.place = region

    def _capital(
        self,
        document: Document,
        article: _Article,
        sentence_indexes: list[int],
        trigger: Span | None,
    ) -> Location | None:
        """ "in the Somali capital", "in the capital": the capital of the country named by the
        demonym or country word, else of the article's main country (precision 1)."""
        for sentence in document.sentences:
            if sentence.index not in sentence_indexes:
                continue
            for match in _CAPITAL.finditer(sentence.text):
                word = match.group("country") or match.group("country2") or match.group("country3")
                iso2: str | None = None
                if word:
                    key = name_key(re.sub(r"['’]s$", "", word))
                    iso2 = self.country_names.demonym.get(key) or self.country_names.alias.get(key)
                    if iso2 is None:
                        continue
                elif article.countries:
                    iso2 = max(article.countries, key=lambda c: article.countries[c])
                seat = self.gazetteer.admin_seat(iso2) if iso2 else None
                if seat is None or seat.feature_code != "PPLC":
                    continue
                start = sentence.start + match.start("phrase")
                span = Span(start=start, end=start + len(match.group("phrase")),
                            text=match.group("phrase"))  # fmt: skip
                mention = PlaceMention(span.start, span.end, span.text, seat.name,
                                       sentence.index, "capital")  # fmt: skip
                before = sentence.text[max(0, match.start() - 80) : match.start("phrase")]
                read_relation(mention, before)
                return self.coder.place(mention, seat, [span])
        return None

    def _country_fallback(self, article: _Article, toponyms: list[Toponym]) -> Location | None:
        """No place of the story: its country at precision 3 (the dateline's, else the one its
        words point to: demonyms, actors), never the dateline's city."""
        countries = dict(article.countries)
        for toponym in toponyms:
            item = article.found.get((toponym.span.start, toponym.span.end))
            place = item.resolution.place if item is not None else None
            if toponym.role == "dateline" and place is not None and place.country_code:
                countries = {place.country_code: 1.0}
                article.spans[place.country_code] = toponym.span
                break
        for iso2 in sorted(countries, key=lambda c: -countries[c])[:1]:
            country = self.coder.country(iso2)
            span = article.spans.get(iso2)
            if country is None or span is None:
                return None
            location = Location(
                name=country.name, relation="region", resolved=True, evidence=[span]
            )
            return self.coder.unit(location, country)
        return None


def _root(mentions: list[PlaceMention], index: int) -> int:
    """The mention a qualifier's chain of units locates (the mention itself otherwise)."""
    seen = {index}
    while (parent := mentions[index].in_parentheses_of) is not None and parent not in seen:
        seen.add(parent)
        index = parent
    return index


def _unit_order(place: Place | None) -> int:
    """Smallest unit first: a town, a district, a region, a country."""
    if place is None:
        return 9
    level = place.admin_level
    return {None: 0, 2: 1, 1: 2, 0: 3}.get(level, 4)
