"""The geocoder on sentences written for these tests, against a small GeoNames-format gazetteer."""

from __future__ import annotations

import pytest

from sitrep.gazetteer import open_gazetteer
from sitrep.gazetteer.geonames import import_geonames
from sitrep.model import Article, Location
from sitrep.nlp import load_nlp
from sitrep.pipeline.document import Document
from sitrep.pipeline.mentions import ActorMention
from sitrep.pipeline.places import COUNTRY_HINT, MODIFIER, Geocoder
from sitrep.pipeline.segment import split_sentences

# geonameid, name, alternatenames, lat, lon, class, code, country, admin1, population
ROWS = [
    (2476086, "Ti-n-Zaouâtene", "Tinzaouaten,Tin Zaouaten,Tin-Zaouatene", 19.95427, 2.96732, "P", "PPL", "ML", "10", 0),
    (9100001, "Tin Zaouatine", "Tinzaouatine,Tin Zaouatene", 19.97, 2.99, "P", "PPL", "DZ", "53", 0),
    (2455290, "Kidal", "", 18.44345, 1.40921, "P", "PPLA", "ML", "10", 40030),
    (2597449, "Kidal", "Kidal Region", 19.5, 1.5, "A", "ADM1", "ML", "10", 67638),
    (2457163, "Gao", "", 16.27167, -0.04472, "P", "PPLA", "ML", "09", 133110),
    (2457161, "Gao", "Gao Region", 16.5, 0.5, "A", "ADM1", "ML", "09", 500000),
    (2461003, "Ansongo", "", 15.6597, 0.5022, "P", "PPL", "ML", "09", 3000),
    (2460596, "Bamako", "", 12.60915, -7.97522, "P", "PPLC", "ML", "01", 4227569),
    (2453866, "Mali", "Republic of Mali", 17.0, -4.0, "A", "PCLI", "ML", "00", 19077690),
    (2589581, "Algeria", "", 28.0, 3.0, "A", "PCLI", "DZ", "00", 42228429),
    (2449067, "Tombouctou", "Timbuktu,Tombouctou", 16.77348, -3.00742, "P", "PPLA", "ML", "08", 84208),
    (2461000, "Anefis", "", 17.9, -1.5, "H", "WLL", "ML", "08", 0),
    (2461001, "Anefis i-n-Darane", "Anefis", 17.95, 0.58, "P", "PPL", "ML", "10", 0),
    (9100002, "Taoudenni", "Taoudenit Region", 22.67, -3.98, "A", "ADM1", "ML", "11", 10000),
]  # fmt: skip
COUNTRIES = [("ML", "MLI", "Mali", "Bamako", 2453866), ("DZ", "DZA", "Algeria", "Algiers", 2589581)]


@pytest.fixture(scope="module")
def geocoder(tmp_path_factory: pytest.TempPathFactory) -> Geocoder:
    folder = tmp_path_factory.mktemp("places")
    dump = folder / "ML.txt"
    dump.write_text(
        "".join(
            "\t".join(
                str(c)
                for c in (
                    gid,
                    name,
                    name,
                    alts,
                    lat,
                    lon,
                    fc,
                    code,
                    cc,
                    "",
                    a1,
                    "",
                    "",
                    "",
                    pop,
                    "",
                    "300",
                    "Africa/Bamako",
                    "2023-01-01",
                )
            )
            + "\n"
            for gid, name, alts, lat, lon, fc, code, cc, a1, pop in ROWS
        ),
        encoding="utf-8",
    )
    admin1 = folder / "admin1CodesASCII.txt"
    admin1.write_text(
        "ML.10\tKidal\tKidal\t2597449\nML.09\tGao\tGao\t2457161\nML.01\tBamako\tBamako\t1\n"
        "ML.11\tTaoudenni\tTaoudenni\t9100002\n",
        encoding="utf-8",
    )
    info = folder / "countryInfo.txt"
    info.write_text(
        "".join(
            f"{a}\t{b}\t0\t{a}\t{n}\t{c}\t0\t0\tAF\t\t\t\t\t\t\t\t{g}\t\t\n"
            for a, b, n, c, g in COUNTRIES
        ),
        encoding="utf-8",
    )
    import_geonames([dump, admin1, info], folder / "g.db")
    return Geocoder(open_gazetteer(folder / "g.db"))


def _document(text: str) -> Document:
    nlp = load_nlp([{"label": "GPE", "pattern": "sitrep-test-places"}], key="test-places")
    sentences = split_sentences(text)
    for sentence, doc in zip(sentences, nlp.pipe(s.text for s in sentences), strict=True):
        sentence.doc = doc
    return Document(Article(id="t", text=text), sentences)


def _locate(geocoder: Geocoder, text: str, sentence: int = 0) -> Location | None:
    document = _document(text)
    toponyms = geocoder.toponyms(document, [])
    return geocoder.locate(document, toponyms, [sentence], None)


@pytest.mark.parametrize(
    ("text", "geonameid", "precision", "relation"),
    [
        (
            "Drone strikes killed 21 people on Sunday in the town of Tinzaouaten in north Mali.",
            2476086,
            1,
            "in",
        ),
        ("Drones struck Tin Zaouaten in northern Mali, killing several herders.", 2476086, 1, "in"),
        ("Gunmen attacked a convoy 30 km north of Gao on Tuesday.", 2457163, 2, "offset"),
        ("Soldiers were ambushed on the road between Gao and Ansongo.", 2457163, 2, "between"),
        ("An explosion hit a livestock market near Ansongo on Friday.", 2461003, 2, "near"),
        ("Officials in Bamako said insurgents had attacked Ansongo overnight.", 2461003, 1, "in"),
        ("Clashes broke out in Anefis on Monday between rival armed groups.", 2461001, 1, "in"),
        ("Protesters marched in Tombouctou against the curfew.", 2449067, 1, "in"),
    ],
)
def test_places_locate_codes_the_event_place(
    geocoder: Geocoder, text: str, geonameid: int, precision: int, relation: str
) -> None:
    location = _locate(geocoder, text)
    assert location is not None
    assert (location.geonameid, location.geo_precision, location.relation) == (
        geonameid,
        precision,
        relation,
    )
    assert location.resolved
    assert location.evidence and all(e.text in text for e in location.evidence)


def test_places_offset_keeps_distance_and_bearing(geocoder: Geocoder) -> None:
    location = _locate(geocoder, "Gunmen attacked a convoy 30 km north of Gao on Tuesday.")
    assert location is not None
    assert (location.offset_km, location.bearing, location.place_name) == (30.0, "north", "Gao")


def test_places_dateline_city_is_not_the_event_place(geocoder: Geocoder) -> None:
    location = _locate(
        geocoder,
        "BAMAKO (Reuters) - Gunmen killed five civilians in the Kidal region, officials said.",
        sentence=1,  # the dateline is a segment of its own
    )
    assert location is not None
    assert (location.place_name, location.admin1, location.geo_precision) == ("Kidal", "Kidal", 3)
    assert location.country_iso3 == "MLI"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Drones struck Tinzaouatine, a town in north Mali, on Sunday.", "MLI"),
        ("Migrants crossed into Tinzaouatine in southern Algeria, the Algerian army said.", "DZA"),
    ],
)
def test_places_twin_names_follow_the_country_in_context(
    geocoder: Geocoder, text: str, country: str
) -> None:
    location = _locate(geocoder, text)
    assert location is not None and location.resolved
    assert location.country_iso3 == country


def test_places_unknown_village_falls_back_to_its_region(geocoder: Geocoder) -> None:
    text = "Gunmen killed four herders in the village of Ndakibougou in the Gao region."
    location = _locate(geocoder, text)
    assert location is not None
    assert not location.resolved
    assert location.name == "Ndakibougou"
    assert (location.admin1, location.geo_precision, location.country_iso3) == ("Gao", 3, "MLI")


def test_places_unknown_village_with_only_a_country_falls_back_to_the_country(
    geocoder: Geocoder,
) -> None:
    location = _locate(geocoder, "Soldiers raided the hamlet of Ndakibougou in central Mali.")
    assert location is not None
    assert (location.name, location.resolved, location.geo_precision) == ("Ndakibougou", False, 3)
    assert location.place_name == "Mali" and location.admin1 is None


def test_places_acled_brackets_qualify_the_place(geocoder: Geocoder) -> None:
    location = _locate(
        geocoder, "On 5 May 2020, unidentified gunmen attacked Ansongo (Ansongo, Gao)."
    )
    assert location is not None and location.geonameid == 2461003


def test_places_country_hint_decides_without_text_context(geocoder: Geocoder) -> None:
    document = _document("Drones struck Tinzaouatine on Sunday.")
    document.annotations[COUNTRY_HINT] = ["DZ"]
    location = geocoder.locate(document, geocoder.toponyms(document, []), [0], None)
    assert location is not None and location.country_iso3 == "DZA"


def test_places_toponyms_include_names_the_model_missed(geocoder: Geocoder) -> None:
    document = _document("Fighting was reported near Ansongo and in Tombouctou.")
    names = {
        t.location.place_name for t in geocoder.toponyms(document, []) if t.location is not None
    }
    assert {"Ansongo", "Tombouctou"} <= names


def test_places_no_place_gives_no_location(geocoder: Geocoder) -> None:
    assert _locate(geocoder, "The group said it would continue its campaign.") is None


# A second, many-country gazetteer for context: namesakes abroad, units that locate a place,
# actor names that are also village names, and towns that share one name across a country.
# geonameid, name, alternatenames, lat, lon, class, code, country, admin1, admin2, population
WORLD = [
    (3001, "Soka", "", 35.83, 139.8, "P", "PPL", "JP", "34", "", 240000),
    (3002, "Sinendé", "Sinende", 10.35, 2.38, "P", "PPL", "BJ", "10", "77", 35000),
    (3003, "Sinendé", "Sinende,Commune of Sinende", 10.3, 2.4, "A", "ADM2", "BJ", "10", "77", 0),
    (3004, "Borgou", "Borgou Department", 9.5, 2.8, "A", "ADM1", "BJ", "10", "", 1200000),
    (3005, "Kandi", "", 11.13, 2.94, "P", "PPL", "BJ", "07", "71", 56000),
    (3006, "Kandy", "Kandi", 7.29, 80.63, "P", "PPL", "LK", "29", "", 111000),
    (3007, "Alibori", "", 11.5, 2.8, "A", "ADM1", "BJ", "07", "", 900000),
    (3008, "Chora", "", 37.05, 25.48, "P", "PPL", "GR", "47", "", 800),
    (3009, "Taliban", "", 39.9, 32.9, "P", "PPL", "TR", "68", "", 600),
    (3010, "Ghazni", "", 33.55, 68.42, "P", "PPL", "AF", "08", "", 140000),
    (3021, "Ghazni", "Ghazni Province", 33.3, 68.1, "A", "ADM1", "AF", "08", "", 1300000),
    (3011, "Beirut", "Beyrouth", 33.89, 35.5, "P", "PPLC", "LB", "04", "", 1900000),
    (3012, "United States", "US,U.S.,USA", 39.76, -98.5, "A", "PCLI", "US", "00", "", 310000000),
    (3013, "Gainesville", "", 29.65, -82.32, "P", "PPL", "US", "FL", "001", 130000),
    (3014, "Gainesville", "", 34.3, -83.82, "P", "PPL", "US", "GA", "139", 40000),
    (3015, "Hall County", "", 34.32, -83.78, "A", "ADM2", "US", "GA", "139", 200000),
    (3016, "Afghanistan", "", 33.0, 66.0, "A", "PCLI", "AF", "00", "", 37000000),
    (3017, "Benin", "", 9.5, 2.25, "A", "PCLI", "BJ", "00", "", 12000000),
    (3018, "Lebanon", "", 33.83, 35.83, "A", "PCLI", "LB", "00", "", 6800000),
    (3019, "Ukraine", "", 49.0, 32.0, "A", "PCLI", "UA", "00", "", 44000000),
    (3020, "Kabul", "", 34.53, 69.17, "P", "PPLC", "AF", "13", "", 3000000),
    (3022, "Kearny", "Kirni", 40.77, -74.15, "P", "PPL", "US", "NJ", "", 42000),
    (3023, "India", "", 22.0, 79.0, "A", "PCLI", "IN", "00", "", 1300000000),
    (3024, "Ar Raqqah", "Raqqa,Ar-Raqqah", 35.9, 38.9, "A", "ADM1", "SY", "04", "", 900000),
    (3025, "Turkey", "", 39.0, 35.0, "A", "PCLI", "TR", "00", "", 84000000),
    (3026, "Syria", "", 35.0, 38.0, "A", "PCLI", "SY", "00", "", 17000000),
    (3027, "Şa'dah", "Sadah,Saada", 16.9, 43.76, "A", "ADM1", "YE", "15", "", 52000),
    (3028, "Sada", "", -12.85, 45.1, "A", "ADM1", "YT", "16", "", 11000),
    (3029, "Saudi Arabia", "", 24.0, 45.0, "A", "PCLI", "SA", "00", "", 34000000),
    (3030, "Yemen", "", 15.5, 47.5, "A", "PCLI", "YE", "00", "", 29000000),
    (3031, "Idlib", "Idleb", 35.8, 36.6, "A", "ADM1", "SY", "12", "", 1500000),
    (3032, "Saraqib", "", 35.86, 36.8, "P", "PPL", "SY", "12", "", 34000),
    (3033, "Maarrat Misrin", "", 36.01, 36.67, "P", "PPL", "SY", "12", "", 14000),
    (3034, "Manila", "", 14.6, 120.98, "P", "PPLC", "PH", "NCR", "", 1600000),
    (3035, "Manila", "", 12.1, -7.9, "P", "PPL", "ML", "05", "", 0),
    (3036, "Tondo", "", 14.12, -4.22, "P", "PPL", "ML", "04", "", 0),
    (3037, "Tondo", "", 13.5, 2.1, "P", "PPL", "NE", "08", "", 0),
    (3038, "Odesa", "Odessa,Odessa City", 46.48, 30.73, "P", "PPL", "UA", "17", "", 1010537),
    (3039, "Odessa", "", 31.85, -102.37, "P", "PPL", "US", "TX", "", 114428),
]  # fmt: skip
WORLD_COUNTRIES = [("JP", "JPN", "Japan", "Tokyo", 1861060), ("BJ", "BEN", "Benin", "Porto-Novo", 3017),
                   ("LK", "LKA", "Sri Lanka", "Colombo", 1227603), ("GR", "GRC", "Greece", "Athens", 390903),
                   ("TR", "TUR", "Turkey", "Ankara", 298795), ("AF", "AFG", "Afghanistan", "Kabul", 3016),
                   ("LB", "LBN", "Lebanon", "Beirut", 3018), ("US", "USA", "United States", "Washington", 3012),
                   ("UA", "UKR", "Ukraine", "Kyiv", 3019), ("IN", "IND", "India", "New Delhi", 3023),
                   ("SY", "SYR", "Syria", "Damascus", 3026), ("YE", "YEM", "Yemen", "Sanaa", 3030),
                   ("SA", "SAU", "Saudi Arabia", "Riyadh", 3029), ("YT", "MYT", "Mayotte", "Mamoudzou", 3028)]  # fmt: skip


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Geocoder:
    folder = tmp_path_factory.mktemp("world")
    lines = []
    for gid, name, alts, lat, lon, fc, code, cc, a1, a2, pop in WORLD:
        cols = [
            gid,
            name,
            name,
            alts,
            lat,
            lon,
            fc,
            code,
            cc,
            "",
            a1,
            a2,
            "",
            "",
            pop,
            "",
            "0",
            "UTC",
            "2024-01-01",
        ]
        lines.append("\t".join(str(c) for c in cols))
    (folder / "allCountries.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "admin1CodesASCII.txt").write_text(
        "BJ.10\tBorgou\tBorgou\t3004\nBJ.07\tAlibori\tAlibori\t3007\nUS.GA\tGeorgia\tGeorgia\t1\n"
        "US.FL\tFlorida\tFlorida\t2\nAF.08\tGhazni\tGhazni\t3\nSY.12\tIdlib\tIdlib\t3031\n",
        encoding="utf-8",
    )
    (folder / "countryInfo.txt").write_text(
        "".join(
            f"{a}\t{b}\t0\t{a}\t{n}\t{c}\t0\t0\tAF\t\t\t\t\t\t\t\t{g}\t\t\n"
            for a, b, n, c, g in WORLD_COUNTRIES
        ),
        encoding="utf-8",
    )
    import_geonames([folder / "allCountries.txt", folder / "admin1CodesASCII.txt", folder / "countryInfo.txt"],
                    folder / "w.db")  # fmt: skip
    return Geocoder(open_gazetteer(folder / "w.db"))


def _locate_with(
    geocoder: Geocoder, text: str, actors: list[ActorMention] | None = None
) -> Location | None:
    document = _document(text)
    return geocoder.locate(document, geocoder.toponyms(document, actors or []), [0], None)


def test_places_unknown_village_is_not_its_foreign_namesake(world: Geocoder) -> None:
    location = _locate_with(
        world, "On 3 March, gunmen attacked the village of Soka (Sinende, Borgou) at night."
    )
    assert location is not None and not location.resolved
    assert (location.name, location.country_iso3, location.geo_precision) == ("Soka", "BEN", 2)
    assert location.place_name is not None and location.place_name.startswith("Sinend")


def test_places_units_in_brackets_choose_among_namesakes(world: Geocoder) -> None:
    location = _locate_with(world, "Protesters gathered in Kandi (Kandi, Alibori) on Friday.")
    assert location is not None
    assert (location.geonameid, location.country_iso3, location.geo_precision) == (3005, "BEN", 1)


def test_places_unit_word_and_demonym_refuse_a_small_namesake(world: Geocoder) -> None:
    location = _locate_with(
        world, "Afghan forces repelled an attack on a checkpoint in Chora district, Ghazni."
    )
    assert location is not None and location.country_iso3 == "AFG"
    assert location.name.startswith("Chora") and not location.resolved


def test_places_actor_name_is_not_a_place(world: Geocoder) -> None:
    text = "On 2 May, Taliban militants ambushed a convoy near Ghazni."
    document = _document(text)
    start = text.index("Taliban")
    actor = ActorMention(span=document.span(start, start + len("Taliban militants")),
                         name="Taliban", inter=2, actor_id="taliban", country_iso3="AFG")  # fmt: skip
    toponyms = world.toponyms(document, [actor])
    assert "Taliban" not in {t.name for t in toponyms}
    location = world.locate(document, toponyms, [0], None)
    assert location is not None and (location.place_name, location.geo_precision) == ("Ghazni", 2)


def test_places_country_named_as_attribute_is_context_only(world: Geocoder) -> None:
    document = _document("Traders protested in Beirut against the rising US dollar exchange rate.")
    toponyms = world.toponyms(document, [])
    roles = {t.name: t.role for t in toponyms}
    assert roles["US"] == MODIFIER and roles["Beirut"] == "mention"
    location = world.locate(document, toponyms, [0], None)
    assert location is not None and location.country_iso3 == "LBN"


def test_places_mission_names_their_country(world: Geocoder) -> None:
    location = _locate_with(
        world, "The OSCE SMM recorded twelve explosions near Zolote-4 on Friday."
    )
    assert location is not None
    assert (location.country_iso3, location.place_name, location.geo_precision) == (
        "UKR",
        "Ukraine",
        3,
    )
    assert location.evidence and location.evidence[0].text == "OSCE SMM"


@pytest.mark.parametrize(
    ("text", "geonameid"),
    [
        ("Deputies searched a creek near Gainesville, the Hall County sheriff said.", 3014),
        ("Students marched through Gainesville on Monday.", 3013),
    ],
)
def test_places_namesakes_follow_the_other_places_of_the_article(
    world: Geocoder, text: str, geonameid: int
) -> None:
    document = _document(text)
    toponyms = {t.name: t for t in world.toponyms(document, [])}
    location = toponyms["Gainesville"].location
    assert location is not None and location.geonameid == geonameid


@pytest.mark.parametrize(
    ("text", "precision"),
    [
        ("Traders protested in Taoudenni on Friday over new taxes.", 1),  # named as a place
        ("Traders protested across Taoudenni on Friday over new taxes.", 3),
        ("Gunmen attacked herders in the Taoudenni region on Friday.", 3),
        ("Gunmen attacked herders at an unknown location in Taoudenni on Friday.", 3),
    ],
)
def test_places_region_named_as_a_place_is_its_seat_town(
    geocoder: Geocoder, text: str, precision: int
) -> None:
    location = _locate(geocoder, text)
    assert location is not None and location.admin1 == "Taoudenni"
    assert location.geo_precision == precision


def test_places_unknown_village_falls_back_to_a_town_in_brackets_of_its_sentence(
    geocoder: Geocoder,
) -> None:
    """'X, Y commune (Ansongo, Gao)': the brackets follow the commune, which the gazetteer
    does not know either; the town in them is still the nearest the text gives."""
    location = _locate(
        geocoder, "Militants blew up a bridge in Doucou, Tessit commune (Ansongo, Gao)."
    )
    assert location is not None and not location.resolved
    assert (location.place_name, location.geo_precision) == ("Ansongo", 2)


def test_places_unknown_road_is_not_the_event_place(geocoder: Geocoder) -> None:
    """'on the X road in Y (Bamako)': the road is a site of Y, and Y (a quarter of the capital)
    is where it happened."""
    location = _locate(
        geocoder, "Shells hit a clinic on Kalaban Koro road in Sebenikoro (Bamako) on Monday."
    )
    assert location is not None
    assert (location.name, location.place_name, location.geo_precision) == (
        "Sebenikoro",
        "Bamako",
        1,
    )


def test_places_rank_puts_an_unknown_site_after_an_unknown_place() -> None:
    """An unknown road or building ranks with the units that qualify a place, after an unknown
    village or quarter."""
    from sitrep.gazetteer.recognise import PlaceMention
    from sitrep.gazetteer.resolve import Resolution
    from sitrep.model import Span
    from sitrep.pipeline.mentions import Toponym
    from sitrep.pipeline.places import _Article, _Found

    article = _Article()
    ranks = []
    for start, name, facility in ((0, "Kalaban Koro", True), (30, "Sebenikoro", False)):
        mention = PlaceMention(start, start + len(name), name, name, 0, "ner", facility=facility)
        span = Span(start=start, end=start + len(name), text=name)
        toponym = Toponym(span, name, 0, Location(name=name, resolved=False))
        article.found[(span.start, span.end)] = _Found(mention, Resolution(None), toponym, 0)
        ranks.append(Geocoder._rank(article, toponym, None)[0])
    assert ranks == [2, 1]


def test_places_a_foreign_alternate_name_unlike_the_name_is_refused_in_context(
    world: Geocoder,
) -> None:
    # "Kirni" is only an alternate name of a US town; the article is about India
    location = _locate_with(world, "Indian troops fired on a post in Kirni on Monday, India said.")
    assert location is None or location.country_iso3 != "USA"


def test_places_unknown_place_falls_back_to_a_unit_of_its_sentence_in_another_country(
    world: Geocoder,
) -> None:
    # the demonym points to Turkey; the region named beside the unknown place is in Syria
    location = _locate_with(
        world,
        "Turkish forces and Turkish-backed factions shelled a post west of Dogoa area, north of "
        "Raqqa province, Turkish media said.",
    )
    assert location is not None and not location.resolved
    assert location.country_iso3 == "SYR" and location.geo_precision == 3


def test_places_a_unit_in_brackets_is_the_largest_unit_of_its_name(world: Geocoder) -> None:
    location = _locate_with(
        world, "Saudi forces fired artillery at villages in Munabbih district (Sadah)."
    )
    assert location is not None and location.country_iso3 == "YEM"


def test_places_an_unknown_spelling_is_a_town_of_the_unit_spelled_alike(world: Geocoder) -> None:
    location = _locate_with(world, "Regime forces shelled the town of Saraqab (Idleb) on Monday.")
    assert location is not None and location.resolved
    assert location.place_name == "Saraqib" and location.geo_precision == 1
    assert location.name == "Saraqab"  # the words of the text are kept


def test_places_a_spelling_of_a_main_name_counts_as_the_main_name(world: Geocoder) -> None:
    # "Odessa" is Odesa's name in another spelling, not a foreign alternate name: the city of
    # a million wins over the Texan town of that exact name when nothing else says where
    location = _locate_with(world, "Protesters blocked a road near Odessa on Saturday.")
    assert location is not None and location.country_iso3 == "UKR"
    location = _locate_with(world, "A man was shot in Odessa, United States, on Friday.")
    assert location is not None and location.country_iso3 == "USA"


def test_places_the_forces_of_a_people_say_who_acted_not_where(world: Geocoder) -> None:
    # "Turkish jets" say whose forces struck, often abroad: a weaker sign of where than the
    # people's word elsewhere ("Turkish traders")
    from sitrep.pipeline.places import _Article

    document = _document("Turkish jets struck positions. Turkish traders protested in the city.")
    article = _Article()
    world._text_evidence(document, [], article)
    assert article.countries["TR"] == pytest.approx(1.3)
    location = _locate_with(
        world, "Turkish jets and Saudi drones struck militia positions in Idleb on Sunday."
    )
    assert location is not None and location.country_iso3 == "SYR"


def test_places_an_unknown_village_is_in_the_country_of_the_town_beside_it(
    world: Geocoder,
) -> None:
    document = _document(
        "Turkish officials and Turkish media said Turkish artillery shelled the village of "
        "Kafr Zunar, 10 km west of Saraqib."
    )
    (village,) = [t for t in world.toponyms(document, []) if t.name == "Kafr Zunar"]
    assert village.location is not None and not village.location.resolved
    assert village.location.country_iso3 == "SYR"  # not the main country of the words, Turkey


def test_places_a_spelling_keeps_its_first_letter(world: Geocoder) -> None:
    # "Haraqib" is as close to Saraqib as "Saraqab" by ratio, but a spelling keeps its first letter
    location = _locate_with(world, "Regime forces shelled the town of Haraqib (Idleb) on Monday.")
    assert location is not None and not location.resolved
    assert location.country_iso3 == "SYR" and location.geo_precision == 3


def test_places_a_name_unlike_any_town_of_its_unit_stays_unknown(world: Geocoder) -> None:
    location = _locate_with(world, "Regime forces shelled the town of Kafr Zeita (Idleb).")
    assert location is not None and not location.resolved
    assert location.country_iso3 == "SYR" and location.geo_precision == 3


def test_places_a_village_with_namesakes_does_not_make_a_capital_a_village(
    world: Geocoder,
) -> None:
    # a dense gazetteer holds villages named Tondo in Mali and Niger and a hamlet named Manila
    # in Mali: one doubtful village is not enough to read Manila as the Malian hamlet
    location = _locate_with(world, "Workers staged a demonstration in Tondo, Manila on Friday.")
    assert location is not None and location.country_iso3 == "PHL"


def test_places_the_sponsor_of_a_coalition_is_not_where_it_strikes(world: Geocoder) -> None:
    location = _locate_with(
        world,
        "Saudi-led coalition aircraft, Saudi-backed forces and Saudi-funded militias attacked "
        "the village of Dogoa, a Yemeni medic said.",
    )
    assert location is not None and location.country_iso3 == "YEM"


def test_places_country_possessive_without_its_apostrophe_is_the_country(
    geocoder: Geocoder,
) -> None:
    """'Thousands marched in Malis capital': text copied without its apostrophes still names
    the country."""
    location = _locate(geocoder, "Thousands marched in Malis capital against the junta.")
    assert location is not None
    assert location.country_iso3 == "MLI"
