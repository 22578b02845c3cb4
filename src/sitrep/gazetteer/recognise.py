"""Finding toponyms in text: NER places, gazetteer names the model missed, datelines, and cues.

A ``PlaceMention`` is a stretch of text that may name a place, with what the words around it say:
the unit word ("Kidal region"), a direction ("north Mali"), the relation of an event to it
("near", "30 km north of", "between ... and ..."), and whether it is a dateline ("BAMAKO
(Reuters) -"). Whether it really is a place is decided with the gazetteer (``resolve.py``).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from sitrep.gazetteer.names import ARABIC_ARTICLES, ASSIMILATED_ARTICLES, article_fits
from sitrep.gazetteer.words import load_place_words
from sitrep.pipeline.document import Document, Sentence
from sitrep.pipeline.segment import DATELINE

__all__ = ["PlaceMention", "find_mentions", "parse_name", "read_relation"]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Entities of these labels are not places; a capitalised run inside one is not looked up.
_BLOCKING_LABELS = frozenset({"PERSON", "ORG", "NORP", "DATE", "TIME", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT",
                              "LANGUAGE", "MONEY", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT"})  # fmt: skip

_DIRECTION = r"(?:north|south|east|west)(?:[- ]?(?:east|west))?(?:ern)?|central|centre|center"
UNIT_WORDS = ("region", "province", "state", "district", "county", "parish", "department", "governorate",
              "prefecture", "commune", "municipality", "circle", "cercle", "division", "oblast", "territory",
              "LGA", "upazila", "tehsil", "township", "regency", "raion", "rayon", "sub-district", "subdistrict", "woreda", "taluka", "thana", "mandal", "arrondissement",
              "zone", "subdivision", "sub-prefecture", "subprefecture", "chiefdom", "community")  # fmt: skip
_UNIT_LEVEL = {"region": 1, "province": 1, "state": 1, "governorate": 1, "oblast": 1, "territory": 1,
               "division": 1, "district": 2, "county": 2, "parish": 2, "department": 2, "prefecture": 2,
               "commune": 3, "municipality": 3, "circle": 2, "cercle": 2, "lga": 2, "upazila": 3,
               "tehsil": 3, "township": 3, "regency": 2, "raion": 2, "rayon": 2, "sub-district": 3, "subdistrict": 3, "taluka": 3, "thana": 3, "mandal": 3, "arrondissement": 3,
               "woreda": 3, "zone": 2, "subdivision": 3, "sub-prefecture": 3, "subprefecture": 3,
               "chiefdom": 3, "community": 3}  # fmt: skip
PLACE_WORDS = ("city", "town", "village", "hamlet", "settlement", "locality", "camp", "neighbourhood",
               "neighborhood", "suburb", "area", "sector", "front", "frontline", "countryside", "outskirts",
               "vicinity", "surroundings", "axis")  # fmt: skip
"""Words after a name that say what kind of place it is ("Hays city", "the Kouakourou area")."""
POPULATED_PLACE_WORDS = frozenset({"city", "town", "village", "hamlet", "settlement",
                                   "neighbourhood", "neighborhood", "suburb"})  # fmt: skip
"""Place words that say a populated place: "Amara city" is a town, "Saray neighbourhood" a place."""
_AROUND_WORDS = frozenset({"area", "sector", "front", "frontline", "countryside", "outskirts", "vicinity",
                           "surroundings", "axis"})  # fmt: skip
_PLACE_AFTER = re.compile(rf"^\s+(?P<word>{'|'.join(PLACE_WORDS)})\b", re.I)
_PLACE_OF_BEFORE = re.compile(
    r"\b(?P<word>town|village|hamlet|locality|settlement|city)\s+of\s+$", re.I
)
_PLACE_SUFFIX = re.compile(r"\s+(?P<word>city|town|village)$", re.I)
_LINK_WORDS = "|".join((*UNIT_WORDS, *PLACE_WORDS))
_BRACKET_AFTER = re.compile(
    rf"^(?:\s*\[[^\[\]()]{{1,40}}\])?(?:\s+(?:{_LINK_WORDS})){{0,2}}\s*\(", re.I
)  # "X (Abeibara, Kidal)", "Tinfara [Tin-Fara] (Tarkint, Gao)": another spelling first
_LIST_AFTER = re.compile(r"^\s*(?:,|and\b|or\b|&)\s*(?:the\s+)?[A-ZÀ-Ý]")
_COMMA_GAP = re.compile(rf"^(?:\s+(?:{_LINK_WORDS}))?\s*,\s*$", re.I)
_IN_GAP = re.compile(
    rf"^(?:\s+(?:{_LINK_WORDS}))?\s*,?\s+(?:in|of|near|at)\s+(?:the\s+)?(?:(?:{_DIRECTION})\s+)?"
    r"(?:(?:countryside|outskirts|suburbs|parts?|areas?|rural)\s+(?:of\s+)?(?:the\s+)?)?$",
    re.I,
)
_MODIFIER_AFTER = re.compile(
    r"^(?:-(?:backed|led|based|allied|aligned|affiliated|funded|sponsored|made|born|flagged)\b|"
    r"\s+(?:forces|troops|army|military|soldiers|militants|fighters|police|government|authorities|officials|"
    r"dollars?|currency|pounds?|embassy|consulate|president|navy|air\s+force|aircraft|jets|drones|coalition|"
    r"nationals|citizens|media|intelligence|diplomats?|backed|led|based|side|regime|state\s+media)\b)",
    re.I,
)
_CURRENCY_AFTER = re.compile(
    r"^\s+(?:dollars?|currency|pounds?|euros?|francs?|shillings?|rupees?)\b", re.I
)
_FACILITY_AFTER = re.compile(
    r"^\s+(?:square|street|avenue|road|highway|bridge|roundabout|intersection|junction|prison|jail|hospital|"
    r"clinic|university|school|college|mosque|church|market|company|factory|plant|mine|office|headquarters|"
    r"station|airport|stadium|hotel|building|tower|hall|park|palace|court|bank|club)\b",
    re.I,
)
FORCE_AFTER = re.compile(
    r"^\s+(?:(?:air|naval|armed|security|special|government|military|border)\s+)?(?:forces?|troops|soldiers|"
    r"army|military|airstrikes?|air\s+strikes?|air\s+raids?|warplanes|jets|aircraft|drones?|navy|guards|"
    r"artillery|tanks|operation|patrols?|convoy|(?:observation\s+)?posts?|bases?|positions|militias?|"
    r"fighters)\b",
    re.I,
)
"""A people's armed forces after its name ("Israeli airstrikes", "Turkish border guards"): who
acted, often abroad, a weaker sign of where than the people's name elsewhere."""
_SITE_SUFFIX = re.compile(
    r"\s+(?:air\s*base|airport|airfield|air\s+field|military\s+base|army\s+base|barracks|garrison)$",
    re.I,
)
"""A military site or airport named after its town, written as part of the name."""
_AUTHORITY_SUFFIX = re.compile(
    r"\s+(?:governorship|governor(?:['’]s\s+office)?|governorate\s+office|municipality|"
    r"municipal\s+council|city\s+council|city\s+hall|town\s+hall)$",
    re.I,
)
"""A local authority named after its town or province ("Sirnak Governorship", "Mardin Governor's
Office"): the place it governs, where its measures apply."""
_SITE_OF_PLACE = re.compile(
    r"^\s+(?:highway|road|roundabout|intersection|junction|bridge|square|crossroads)\b", re.I
)
_PLACE_NOUNS = frozenset({*UNIT_WORDS, *PLACE_WORDS, "border", "frontier", "coast", "island", "river", "desert",
                          "lake", "valley", "mountains", "highway", "road"})  # fmt: skip
_BEARING_WORDS = re.compile(rf"^(?P<dir>{_DIRECTION})\s+", re.I)
_UNIT_AFTER = re.compile(
    rf"^(?:\s+\([^()]{{1,40}}\))?\s+(?P<unit>{'|'.join(UNIT_WORDS)})\b", re.I
)  # "Kushk district", "Kushk (Rabat-e Sangi-ye Pain) district"
_UNIT_SUFFIX = re.compile(rf"\s+(?P<unit>{'|'.join(UNIT_WORDS)})$", re.I)
_UNIT_OF_BEFORE = re.compile(rf"\b(?P<unit>{'|'.join(UNIT_WORDS)})\s+of\s+$", re.I)
_ASSIMILATED = "|".join(
    rf"{a}(?=[\s-]+{a[1].upper()}{a[2:]})"
    for a in sorted(ASSIMILATED_ARTICLES, key=len, reverse=True)
)
"""An assimilated article before a name of its own sound ("as Salih", "ar Ruwayk", "ech Choueifat",
see ``names.article_fits``): after a model's place entity, a sign that the name goes on
("Madinat" of "Madinat as Salih")."""
_CAPITALISED = re.compile(
    r"(?<![\w’'])(?:(?:Port|Bay|Gulf|Straits?|Sea|Isle|Islands?|Cape|Lake|Mount|City|Coast|Republic|Kingdom)"
    r"\s+of\s+(?:the\s+)?)?"
    r"(?:(?:al|el|ad|ar|as|ash|at|az|an)-)?(?:[A-ZÀ-Ý][\w’'\-]*[\w]|[A-ZÀ-Ý])(?:(?:\s+|-)(?:(?:de|du|des|del|do|da|dos|das|el|al|"
    r"as|ash|ad|ar|at|az|an|la|le|n|i-n|bin|ibn|wa|e)(?:\s+|-)){0,2}"
    r"[A-ZÀ-Ý][\w’'\-]*[\w]){0,3}"
)
_ROAD_AFTER = re.compile(
    r"^\s+(?:road|highway|axis|route|border|junction|corridor|frontline|front)\b", re.I
)
_UNIT_NAMED_AFTER = re.compile(
    rf"^\s*,\s*(?:[A-ZÀ-Ý][\w'’-]*\s+){{1,3}}(?i:{'|'.join(UNIT_WORDS)})\b"
)
"""A named unit after a comma ("Cumanacoa, Sucre state"): the name before it is a place."""
_CODE = re.compile(r"^(?:[A-Z]{2,3}|[A-Z]{1,2}&[A-Z]{1,2})$")
CODE_PREFIX = "ISO:"
"""Names of the form ``ISO:TN`` are ISO 3166-2 subdivision codes without their country part."""
_OFFSET = re.compile(
    rf"(?P<n>\d+(?:[.,]\d+)?|a few|several|some)\s*(?P<unit>km|kms|kilometers|kilometres|miles|mi)\b\.?\s*"
    rf"(?:\(\s*[\d.,]+\s*\w+\s*\)\s*)?(?:to\s+the\s+)?(?P<dir>{_DIRECTION})?\s*(?:of|from)\s+(?:the\s+\w+\s+of\s+)?$",
    re.I,
)
_NEAR = re.compile(
    r"\b(?:near|nearby|outside|around|close to|not far from|on the outskirts of|outskirts of|in the vicinity of|"
    r"vicinity of|in the area of|area of|surroundings of|in and around|on the road to|road to|towards|toward|"
    rf"(?:(?:{_DIRECTION})\s+)?(?:countryside|suburbs|desert|hinterland)\s+of|rural)\s+"
    r"(?:the\s+)?(?:(?:town|village|city|locality|commune|area|hamlet|settlement)\s+(?:of\s+)?)?$",
    re.I,
)
_PART_OF = re.compile(
    r"(?-i:[A-Z][\w'’-]*)(?:\s+\d+)?\s+(?:area|neighbou?rhood|quarter|section|ward)\s+of\s+(?:the\s+)?"
    r"(?:(?:town|city)\s+of\s+)?$",
    re.I,
)
_DIRECTION_OF = re.compile(
    rf"\b(?P<dir>{_DIRECTION})\s+of\s+(?:the\s+)?(?:(?:town|village|city)\s+of\s+)?$", re.I
)
_VERB_CUE = re.compile(
    r"\b(?:attacked|struck|hit|raided|stormed|captured|seized|shelled|bombed|entered|reached|overran|targeted|"
    r"besieged|recaptured|retook|surrounded|fled|left|visited|returned to)\s+(?:the\s+)?"
    r"(?:(?:town|village|city|locality|commune|area|hamlet|settlement)\s+(?:of\s+)?)?$",
    re.I,
)
_LOWER_ARTICLE_END = re.compile(rf"\s(?:{'|'.join(ARABIC_ARTICLES)})\s+$")
"""A lower-case Arabic article written before a capitalised name ("in el Hermel")."""
_PORTFOLIO_OF = re.compile(
    r"\b(?:Ministry|Ministries|Minister|Ministers|Secretary|Secretariat|Directorate|Bureau|Commission|"
    r"Committee|Council)\s+of\s+(?:the\s+)?$"
)
"""``the Ministry of Energy``: the "of" of an office names its portfolio, not a place."""
_BETWEEN = re.compile(
    r"\bbetween\s+(?:the\s+)?(?:(?:towns|villages|cities|localities)\s+of\s+)?$"
    r"|\b(?:road|highway|route|axis|track)\s+(?:that\s+|which\s+)?(?:connects|connecting|links|linking|joins|joining)"
    r"\s+(?:the\s+)?(?:(?:towns|villages|cities|localities)\s+of\s+)?$",
    re.I,
)
_ROAD_PAIR_GAP = re.compile(
    rf"(?:\s*[-\u2013\u2014/]\s*|\s+to\s+)(?:(?:{'|'.join(ARABIC_ARTICLES)}|the)\s+)?", re.I
)
"""``the Kaya - Dori road``, ``the Gao to Ansongo road``: two places a road joins."""
_IN = re.compile(
    r"\b(?:in|at|inside|into|on|from|to|of|across|through|via|throughout)\s+(?:the\s+)?"
    r"(?:(?:town|village|city|locality|commune|area|hamlet|settlement|capital|port|district|region|province|"
    r"state|county|parish|department)\s+(?:of\s+)?)?$",
    re.I,
)


@dataclass
class PlaceMention:
    """A stretch of text that may name a place, and what its context says."""

    start: int  # article offsets of the name itself
    end: int
    text: str  # the words as written ("north Mali", "Kidal region")
    name: str  # the name to look up ("Mali", "Kidal")
    sentence_index: int
    source: str = "ner"  # ner | gazetteer | dateline | given
    unit_word: str | None = None  # "region", "province", ...
    unit_level: int | None = None  # admin level the unit word implies
    bearing: str | None = None  # "north" in "north Mali"
    relation: str = "in"  # in | near | offset | between
    offset_km: float | None = None
    offset_bearing: str | None = None
    cue: bool = False  # a locative word or unit word stands next to it
    alternatives: list[str] = field(default_factory=list)  # other names to try ("North Kivu" first)
    evidence_start: int | None = None  # the stretch the evidence span covers (with cue words)
    evidence_end: int | None = None
    in_parentheses_of: int | None = (
        None  # index of the mention this one qualifies: "X (Abeibara, Kidal)"
    )
    qualifier_kind: str | None = None  # how it qualifies: brackets | comma | in
    place_word: str | None = None  # "city" in "Hays city", "area" in "the Kouakourou area"
    modifier: bool = (
        False  # the name qualifies a noun: "US dollar", "Turkey-backed", "Saudi forces"
    )
    coded: bool = False  # ACLED's own coding: "coded to X", "[coded as X]"
    common: bool = False  # a lone word that names things more often than places ("Congress")
    currency: bool = False  # "the US dollar": no sign of where anything happened
    in_name: bool = False  # "Bank Melli Iran", "Air France": part of an organisation's name
    facility: bool = False  # "Armas square", "El Milagro prison": the name of a site
    wide: bool = False  # "across X", "an unknown location in X", "X island": all of a unit
    describes: bool = False  # "a group active across the Sahel": where an actor is, not an event
    force: bool = False  # "Israeli airstrikes", "Turkish border guards": whose forces acted

    @property
    def says_nothing_of_where(self) -> bool:
        """A country named as part of a thing's name (a currency, an organisation)."""
        return self.currency or self.in_name

    @property
    def is_dateline(self) -> bool:
        return self.source == "dateline"


def parse_name(text: str) -> tuple[str, list[str], str | None, str | None]:
    """The name to look up in a written toponym, other names to try, its unit word and bearing.

    ``"the Kidal region"`` -> ``("Kidal", ["Kidal region"], "region", None)``;
    ``"northern Mali"`` -> ``("Mali", ["northern Mali"], None, "north")``.
    """
    name = re.sub(r"^(?:the)\s+", "", text.strip(), flags=re.I)
    name = re.sub(r"[’']s$", "", name).strip(" ,.;:")
    tries = [name]
    unit = None
    bearing = None
    match = _UNIT_SUFFIX.search(name) or _PLACE_SUFFIX.search(name)
    if match:
        unit = match.group("unit").lower() if "unit" in match.groupdict() else None
        name = name[: match.start()].strip()
        tries.append(name)
    site = _SITE_SUFFIX.search(name) or _AUTHORITY_SUFFIX.search(name)
    if site and site.start() > 2:  # "Hama Airbase", "Sirnak Governorship": the place named
        name = name[: site.start()].strip()
        tries.append(name)
    match = _BEARING_WORDS.match(name)
    if match:
        bearing = _bearing(match.group("dir"))
        name = name[match.end() :]
        tries.append(name)
    primary = tries[-1]
    return primary, [t for t in tries if t != primary], unit, bearing


def _bearing(word: str) -> str:
    word = word.lower().replace(" ", "-")
    word = re.sub(r"ern$", "", word)
    word = {"centre": "central", "center": "central"}.get(word, word)
    if re.fullmatch(r"(north|south)(east|west)", word):
        word = word[:5] + "-" + word[5:]
    return word


def find_mentions(document: Document) -> list[PlaceMention]:
    """Every possible toponym of the article, in text order (duplicates of one stretch merged)."""
    found: list[PlaceMention] = []
    for sentence in document.sentences:
        blocked: list[tuple[int, int]] = []
        other: list[tuple[int, int]] = []
        local: list[PlaceMention] = []
        if (
            sentence.index == 0
            or sentence.paragraph != document.sentences[sentence.index - 1].paragraph
        ):
            dateline = _dateline(sentence)
            if dateline is not None:
                local.append(dateline)
                blocked.append((dateline.start, dateline.end))
        if sentence.doc is not None:
            for ent in sentence.doc.ents:
                start, end = sentence.start + ent.start_char, sentence.start + ent.end_char
                taken = blocked + [(m.start, m.end) for m in local]
                if ent.label_ in PLACE_LABELS and not _overlaps(taken, start, end):
                    for local_start, local_end, cut in _entity_parts(
                        sentence.text, ent.start_char, ent.end_char
                    ):
                        mention = _mention(sentence, local_start, local_end, "ner")
                        if cut is not None:  # the whole name first, then the model's part
                            mention.alternatives.insert(0, mention.name)
                            mention.name = parse_name(cut)[0]
                        local.append(mention)
                elif ent.label_ in _BLOCKING_LABELS:
                    other.append((start, end))
        taken = blocked + [(m.start, m.end) for m in local]
        words = load_place_words()
        for local_start, local_end in _capitalised_names(sentence.text):
            # "In Niamey, police ...": a capitalised preposition or article opening the sentence
            # is not part of the name
            first = re.match(r"([A-Z][a-z]+)\s+(?=[A-ZÀ-Ý])", sentence.text[local_start:local_end])
            if first and first.group(1).lower() in words.function_words:
                local_start += first.end()
            start, end = sentence.start + local_start, sentence.start + local_end
            written = sentence.text[local_start:local_end]
            if _overlaps(taken, start, end) or written.lower() in words.function_words:
                continue
            article = _LOWER_ARTICLE_END.search(
                sentence.text[max(0, local_start - 5) : local_start]
            )
            if (
                article
                and article_fits(article.group().strip(), written)
                and not _overlaps(taken, start - len(article.group()) + 1, start)
            ):
                local_start -= len(article.group()) - 1  # "in el Hermel": the name with its article
            mention = _mention(sentence, local_start, local_end, "gazetteer")
            # inside a person or organisation entity, only a locative word makes it a place
            if (
                not _overlaps(other, start, end)
                or mention.relation != "in"
                or mention.cue
                or _ROAD_AFTER.match(sentence.text[local_end : local_end + 20])
                or _UNIT_NAMED_AFTER.match(sentence.text[local_end : local_end + 60])
            ):
                local.append(mention)
        local = _split_roads(sentence, local)
        local = _codes(sentence, local)
        local.sort(key=lambda m: m.start)
        _link_parentheses(sentence, local)
        _link_between(sentence, local)
        for mention in local:  # sentence-local indexes -> article indexes
            if mention.in_parentheses_of is not None:
                mention.in_parentheses_of += len(found)
        found.extend(local)
    return found


_CUT_NAME = re.compile(
    r"(?:^|\s)(?:de|du|des|del|de la|do|da|dos|das|el|al|as|ash|ad|ar|an|la|le|of|Port|Bay|Gulf|Cape|Lake|Mount)$",
    re.I,
)

_NAME_HEAD_BEFORE = re.compile(
    r"(?<![\w’'-])(?:Port|Fort|Mount|Lake|Cape|Saint|St\.|San|Santa|Sao|São|New|Upper|Lower|"
    r"Greater|Little|North|South|East|West|Central)\s+$"
)
_NAME_GOES_ON = re.compile(
    r"-[A-ZÀ-Ý]|\s+(?:de|du|des|del|de la|de los|de las|do|da|dos|das|e)\s+[A-ZÀ-Ý]|-e\s+[A-ZÀ-Ý]"
)
_ARTICLE_START = re.compile(rf"(?:al|el|{_ASSIMILATED})[\s-]+[A-ZÀ-Ý]")
_ARTICLE_GOES_ON = re.compile(rf"\s+(?:al|el|{_ASSIMILATED})[\s-]+[A-ZÀ-Ý]")
"""A name that goes on after an Arabic article ("Madinat as Saleh", "Tall al Abyad"): the
model's part before the article is no name of its own."""


_POSSESSIVE = re.compile(r"['’]s\s+")


def _capitalised_names(text: str) -> list[tuple[int, int]]:
    """Runs of capitalised words that may be names; a possessive ends a name when the words
    around say places ("in Anbar's Ramadi city": Anbar, then Ramadi; "Hope's Kitchen" stays
    one name)."""
    spans: list[tuple[int, int]] = []
    for match in _CAPITALISED.finditer(text):
        start = match.start()
        placed = bool(
            _PLACE_AFTER.match(text[match.end() : match.end() + 20])
            or _UNIT_AFTER.match(text[match.end() : match.end() + 40])
            or re.search(
                r"\b(?:in|at|near|from)\s+(?:the\s+|al\s+|el\s+)?$",
                text[max(0, start - 12) : start],
            )
        )
        for possessive in _POSSESSIVE.finditer(match.group()) if placed else ():
            spans.append((start, match.start() + possessive.start()))
            start = match.start() + possessive.end()
        spans.append((start, match.end()))
    return [(a, b) for a, b in spans if b > a]


def _entity_parts(text: str, start: int, end: int) -> list[tuple[int, int, str | None]]:
    """A model's place entity as names: split at commas and brackets ("Savalou, Collines"),
    widened where it was cut inside a name (with the model's words when they were widened
    past a hyphen or a particle: "Athens" of "Athens-Central Athens" is still a name)."""
    parts: list[tuple[int, int, str | None]] = []
    for part in re.finditer(r"[^,()\[\]]+", text[start:end]):
        piece = part.group()
        lead = len(piece) - len(piece.lstrip())
        a, b = start + part.start() + lead, start + part.start() + len(piece.rstrip())
        if b > a:
            whole_start, whole_end = _whole_name(text, a, b)
            widened = whole_end > b or whole_start < a
            cut = text[a:b] if widened and not _CUT_NAME.search(text[a:b]) else None
            if (whole_end > b and _ARTICLE_GOES_ON.match(text, b)) or (
                whole_start < a and _ARTICLE_START.match(text, a)
            ):
                cut = None  # "Madinat" of "Madinat as Salih", "el Ghazal" of "Bahr el Ghazal"
            parts.append((whole_start, whole_end, cut))
    return parts


def _whole_name(text: str, start: int, end: int) -> tuple[int, int]:
    """A model's entity cut inside a name ("Santa Cruz de la", "Al", "Port", "Ivano" of
    "Ivano-Frankivsk", "Martinez" of "Martinez de la Torre"): the whole name."""
    head = _NAME_HEAD_BEFORE.search(text, 0, start)
    if head is not None and head.end() == start:  # "Port" of "Port Sudan", "South" of "South Sudan"
        start = head.start()
    elif _ARTICLE_START.match(text, start) and re.search(r"[A-ZÀ-Ý][\w’'-]*\s+$", text[:start]):
        # "el Ghazal" of "Northern Bahr el Ghazal": the name began before its article
        for match in _CAPITALISED.finditer(text, max(0, start - 60), min(len(text), end + 60)):
            if match.start() < start < match.end() and match.end() >= end:
                return match.start(), match.end()
        return start, end
    elif not (
        _CUT_NAME.search(text[start:end])
        or _NAME_GOES_ON.match(text, end)
        or _ARTICLE_GOES_ON.match(text, end)
    ):
        return start, end
    for match in _CAPITALISED.finditer(text, max(0, start - 1), min(len(text), end + 60)):
        if match.start() <= start < match.end() and match.end() > end:
            return min(start, match.start()), match.end()
    return start, end


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _mention(sentence: Sentence, start: int, end: int, source: str) -> PlaceMention:
    """A mention from sentence-local offsets, with its cues read from the words around it."""
    text = sentence.text[start:end]
    name, alternatives, unit, bearing = parse_name(text)
    before = sentence.text[max(0, start - 80) : start]
    after = sentence.text[end : end + 60]
    mention = PlaceMention(sentence.start + start, sentence.start + end, text, name, sentence.index, source,
                           alternatives=alternatives, unit_word=unit, bearing=bearing)  # fmt: skip
    evidence_start, evidence_end = start, end
    unit_after = _UNIT_AFTER.match(after)
    if unit_after and mention.unit_word is None:
        mention.unit_word = unit_after.group("unit").lower()
        mention.alternatives.insert(0, f"{name} {unit_after.group('unit')}")
        evidence_end = end + unit_after.end()
    unit_before = _UNIT_OF_BEFORE.search(before)
    if unit_before and mention.unit_word is None:
        mention.unit_word = unit_before.group("unit").lower()
    direction = re.search(rf"\b(?P<dir>{_DIRECTION})\s+$", before, re.I)
    if (
        direction
        and mention.bearing is None
        and not re.search(r"\d\s*(km|kilomet|mile)", before[-40:], re.I)
    ):
        mention.bearing = _bearing(direction.group("dir"))
        evidence_start = start - (len(before) - direction.start())
        before = before[: direction.start()]
    place_after = _PLACE_AFTER.match(after) or _PLACE_SUFFIX.search(text)
    if place_after:
        mention.place_word = place_after.group("word").lower()
        mention.cue = True
    elif place_before := _PLACE_OF_BEFORE.search(before):  # "the village of X"
        mention.place_word = place_before.group("word").lower()
        mention.cue = True
    mention.unit_level = _UNIT_LEVEL.get((mention.unit_word or "").lower())
    read_relation(mention, before, start)
    if mention.relation == "in" and mention.place_word in _AROUND_WORDS:
        mention.relation = "near"  # "the Kouakourou area", "the Nihm front"
    mention.modifier = _is_modifier(sentence, start, end)
    mention.force = bool(FORCE_AFTER.match(sentence.text[end : end + 40]))
    mention.currency = bool(_CURRENCY_AFTER.match(after))
    mention.facility = bool(_FACILITY_AFTER.match(after) or _SITE_SUFFIX.search(text))
    if _AUTHORITY_SUFFIX.search(text):
        mention.cue = True  # "Sirnak Governorship": a place's authority names the place
    if _SITE_OF_PLACE.match(after) and re.search(r"\b(?:the|an?)\s+$", before, re.I):
        mention.cue = True  # "blocked the Zahle roundabout": a site named after its town
    mention.wide = bool(_WIDE_BEFORE.search(before) or _ISLAND_AFTER.match(after))
    mention.coded = bool(_CODED_BEFORE.search(before))
    mention.describes = bool(_DESCRIBES_BEFORE.search(before))
    written = re.sub(r"^the\s+", "", text.strip(), flags=re.I)
    mention.common = (
        mention.unit_word is None
        and mention.place_word not in POPULATED_PLACE_WORDS  # "Saray neighbourhood" is a place
        and " " not in written
        and name.lower() in load_place_words().not_places
    )
    mention.cue = mention.cue or mention.unit_word is not None
    mention.evidence_start = sentence.start + min(evidence_start, start)
    mention.evidence_end = sentence.start + evidence_end
    return mention


_WIDE_BEFORE = re.compile(
    r"\b(?:across|throughout|all\s+over|(?:unknown|unspecified|undisclosed|unidentified)\s+"
    r"(?:locations?|places?|areas?|parts?)\s+(?:in|of)|island\s+of)\s+(?:the\s+)?$",
    re.I,
)
_DESCRIBES_BEFORE = re.compile(
    r"\b(?:active|operating|operates|based|present|headquartered|rooted)\s+"
    r"(?:mainly\s+|mostly\s+|largely\s+)?(?:in|across|throughout|around)\s+(?:the\s+)?"
    r"(?:(?:north|south|east|west|central)(?:ern)?\s+)?$",
    re.I,
)
_ISLAND_AFTER = re.compile(r"^\s+(?:island|islands|archipelago)\b", re.I)
_CODED_BEFORE = re.compile(
    r"\bcoded\s+(?:(?:to|as|at|in)\s+)?(?:(?:the\s+|an?\s+)?(?:approximate|nearest|closest)\s+"
    r"location\s+(?:of\s+|as\s+|at\s+)?)?(?:the\s+)?$",
    re.I,
)


def _is_modifier(sentence: Sentence, start: int, end: int) -> bool:
    """The name qualifies a noun after it ("US dollar", "Turkey-backed faction", "Saudi forces")."""
    if _MODIFIER_AFTER.match(sentence.text[end : end + 30]):
        return True
    doc = sentence.doc
    if doc is None:
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.end >= len(doc):
        return False
    last, following = span[-1], doc[span.end]
    return (
        last.dep_ in {"compound", "amod"}
        and last.head.i == following.i
        and following.pos_ == "NOUN"
        and following.lower_ not in _PLACE_NOUNS
    )


_NAME_COMMA = re.compile(
    rf"(?:[A-ZÀ-Ý][\w'’.-]*|\b(?i:{'|'.join([*UNIT_WORDS, *PLACE_WORDS])}|cent(?:er|re)|capital))"
    r"\)?\s*,\s*$"
)
"""A comma after a name or a unit ("Gao, Mali"; "the district centre, Kayes"), unlike one after a
date or any other word ("On 2 May 2021, Kassala fighters"; "he said, Obama"), may introduce a
place: the name that qualifies the one before or continues a list of places."""


def read_relation(mention: PlaceMention, before: str, start: int = 0) -> None:
    """The relation the words before a name give it: an offset, near, between, or in."""
    offset = _OFFSET.search(before)
    if offset:
        raw = offset.group("n").replace(",", ".")
        value = float(raw) if raw[0].isdigit() else None
        if value is not None and offset.group("unit").lower().startswith("mi"):
            value = round(value * 1.609344, 1)
        mention.relation, mention.offset_km, mention.cue = "offset", value, True
        mention.offset_bearing = _bearing(offset.group("dir")) if offset.group("dir") else None
    elif _PART_OF.search(before):  # "the Kerji area of Farah": a named part of the place
        mention.cue = True
    elif _NEAR.search(before):
        mention.relation, mention.cue = "near", True
    elif direction_of := _DIRECTION_OF.search(before):  # "west of Rafah": off the town
        mention.relation, mention.cue = "offset", True
        mention.offset_bearing = _bearing(direction_of.group("dir"))
    elif _BETWEEN.search(before):
        mention.relation, mention.cue = "between", True
    elif (
        (_IN.search(before) and not _PORTFOLIO_OF.search(before))
        or _VERB_CUE.search(before)
        or before.rstrip().endswith("(")
        or _NAME_COMMA.search(before)
    ):
        mention.cue = True


def _split_roads(sentence: Sentence, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """``the Sidon-Tyr highway`` read as one name: the two places the road joins (their relation
    is set with the other road pairs, in ``_link_between``)."""
    out: list[PlaceMention] = []
    for mention in mentions:
        local_start, local_end = mention.start - sentence.start, mention.end - sentence.start
        parts = list(re.finditer(r"[^-]+", mention.text))
        if len(parts) != 2 or not _ROAD_AFTER.match(sentence.text[local_end : local_end + 20]):
            out.append(mention)
            continue
        for part in parts:
            out.append(
                _mention(
                    sentence, local_start + part.start(), local_start + part.end(), mention.source
                )
            )
    return out


def _codes(sentence: Sentence, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """Unit codes in the brackets after a place: ``(Chittorgarh, RJ)``, ``(Budgam district, J&K)``.

    They are looked up as ISO 3166-2 codes (``ISO:JK``); ``resolve`` keeps one only when it fits
    the place it qualifies. Capitalised words the code was read as ("J", "K") give way to it.
    Returns the sentence's mentions with the codes.
    """
    out = list(mentions)
    for bracket in re.finditer(r"\(([^()]{1,80})\)", sentence.text):
        offset = bracket.start(1)
        for part in re.finditer(r"[^,]+", bracket.group(1)):
            code = part.group().strip()
            if not _CODE.match(code):
                continue
            start = sentence.start + offset + part.start() + part.group().index(code)
            end = start + len(code)
            inside = [m for m in out if m.start < end and start < m.end]
            if any(m.source != "gazetteer" or m.start < start or m.end > end for m in inside):
                continue  # the model read a name there ("(London, UK)")
            out = [m for m in out if m not in inside]
            out.append(PlaceMention(start, end, code, CODE_PREFIX + code.replace("&", ""),
                                    sentence.index, "code", cue=True))  # fmt: skip
    return out


def _link_parentheses(sentence: Sentence, mentions: list[PlaceMention]) -> None:
    """``X (Abeibara, Kidal)``, ``X, Kidal`` and ``X district of Y``: the later names locate X.

    ACLED notes write a place's units after it; whether a name after a comma or "in" is really a
    unit (and not the next item of a list) is decided with the gazetteer (``groups.py``).
    """
    text, offset = sentence.text, sentence.start
    for i, mention in enumerate(mentions):
        end = mention.end - offset
        opening = _BRACKET_AFTER.match(text[end : end + 40])
        if not opening:
            continue
        close = text.find(")", end + opening.end())
        if close < 0:
            continue
        inside = [m for m in mentions[i + 1 :] if m.start - offset < close]
        for other in inside:
            if other.in_parentheses_of is None:
                other.in_parentheses_of, other.qualifier_kind, other.cue = i, "brackets", True
        mention.cue = mention.cue or bool(inside)
    for i, (mention, following) in enumerate(itertools.pairwise(mentions)):
        if following.in_parentheses_of is not None:
            continue
        gap = text[mention.end - offset : following.start - offset]
        if _COMMA_GAP.match(gap):
            if _LIST_AFTER.match(text[following.end - offset :]):
                continue  # "in Cotonou, Dakar and Bamako": a list, not a place and its unit
            following.in_parentheses_of, following.qualifier_kind = i, "comma"
            following.cue = mention.cue = True
        elif _IN_GAP.match(gap):
            following.in_parentheses_of, following.qualifier_kind = i, "in"


def _link_between(sentence: Sentence, mentions: list[PlaceMention]) -> None:
    """``between Gao and Ansongo``, ``the road that connects Gao to Ansongo``, ``the Gao -
    Ansongo road``: both places share the relation "between" (a point on the road joining them).
    """
    text, offset = sentence.text, sentence.start
    for first, second in itertools.pairwise(mentions):
        gap = text[first.end - offset : second.start - offset]
        if first.relation == "between" and re.fullmatch(r"\s*(?:and|&|to|with)\s*(?:the\s+)?", gap):
            second.relation, second.cue = "between", True
        elif (
            first.relation in ("in", "near")
            and second.relation == "in"
            and _ROAD_PAIR_GAP.fullmatch(gap)
            and _ROAD_AFTER.match(text[second.end - offset : second.end - offset + 20])
        ):
            for mention in (first, second):
                mention.relation, mention.cue = "between", True


def _dateline(sentence: Sentence) -> PlaceMention | None:
    """``BAMAKO (Reuters) -`` or ``GAO, Mali -`` at the start of a paragraph."""
    match = DATELINE.match(sentence.text)
    if not match or not match.group("place").strip().replace(" ", "").isupper():
        return None
    place = match.group("place").strip()
    start = sentence.start + match.start("place")
    name = place.title()
    return PlaceMention(start, start + len(place), place, name, sentence.index, "dateline", cue=True,
                        evidence_start=start, evidence_end=start + len(place))  # fmt: skip
