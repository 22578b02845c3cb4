"""Choosing among a name's candidates: what the words and the article say."""

from __future__ import annotations

from sitrep.gazetteer.countries import CountryNames
from sitrep.gazetteer.place import Place
from sitrep.gazetteer.recognise import PlaceMention
from sitrep.gazetteer.resolve import resolve_mentions

# A town that the gazetteer lists without its district, and the district named after it.
TOWN = Place(11, "Kerman", 30.28, 57.08, "IR", "P", "PPL", "29", population=80_000)
DISTRICT = Place(12, "Kerman", 30.3, 57.1, "IR", "A", "ADM2", "29", admin2_code="449",
                 population=80_000)  # fmt: skip
IRAN = Place(13, "Iran", 32.0, 53.0, "IR", "A", "PCLI", population=80_000_000)
SIDON_LB = Place(21, "Saida", 33.56, 35.37, "LB", "P", "PPLA", "04", population=160_000,
                 asciiname="Sidon")  # fmt: skip
SIDON_US = Place(22, "Sidon", 33.4, -90.2, "US", "P", "PPL", "MS", population=500)
USA = Place(23, "United States", 39.8, -98.5, "US", "A", "PCLI", population=330_000_000)


def _names() -> CountryNames:
    return CountryNames.build({}, {})


def _mention(
    name: str, start: int, *, unit: str | None = None, currency: bool = False
) -> PlaceMention:
    return PlaceMention(start, start + len(name), name, name, 0, "ner", unit_word=unit,
                        unit_level=2 if unit else None, currency=currency, cue=True)  # fmt: skip


def test_resolve_bare_name_of_a_town_and_its_district_is_the_town() -> None:
    """'Workers protested in Kerman': the town, though the gazetteer lists no district for it."""
    options = {"Kerman": [DISTRICT, TOWN]}
    exact = {"Kerman": {11, 12}}
    (result,) = resolve_mentions([_mention("Kerman", 20)], options, exact, _names(), {"IR": 2.0})
    assert result.place == TOWN


def test_resolve_district_named_with_its_unit_word_stays_the_district() -> None:
    """'Shelling hit Kerman district': the unit word asks for the district."""
    options = {"Kerman": [DISTRICT, TOWN]}
    exact = {"Kerman": {11, 12}}
    mention = _mention("Kerman", 20, unit="district")
    (result,) = resolve_mentions([mention], options, exact, _names(), {"IR": 2.0})
    assert result.place == DISTRICT


def test_resolve_a_currency_is_no_sign_of_the_country() -> None:
    """'Rioters blocked roads in Sidon over the US dollar rate': the dollar says nothing of where."""
    mentions = [_mention("Sidon", 25), _mention("US", 50, currency=True)]
    options = {"Sidon": [SIDON_US, SIDON_LB], "US": [USA]}
    exact = {"Sidon": {21, 22}, "US": {23}}
    sidon, _ = resolve_mentions(mentions, options, exact, _names(), {})
    assert sidon.place == SIDON_LB


UTTAR = Place(31, "Uttar Pradesh", 27.0, 80.0, "IN", "A", "ADM1", "36", population=200_000_000)
JAMMU = Place(32, "Jammu and Kashmir", 33.5, 75.0, "IN", "A", "ADM1", "12", population=12_000_000)
JAKARTA = Place(33, "Jakarta Raya", -6.2, 106.8, "ID", "A", "ADM1", "04", population=10_000_000)


def _code_after_unknown(code: str) -> list[PlaceMention]:
    village = PlaceMention(0, 8, "Kalipura", "Kalipura", 0, "ner", cue=True)
    unit = PlaceMention(10, 10 + len(code), code, "ISO:" + code.replace("&", ""), 0, "code",
                        cue=True, in_parentheses_of=0, qualifier_kind="brackets")  # fmt: skip
    return [village, unit]


def test_resolve_unit_code_after_an_unknown_village_is_kept() -> None:
    """'A mob beat a guard in Kalipura (UP)': the code is all the text gives of the place."""
    options = {"ISO:UP": [UTTAR]}
    _, unit = resolve_mentions(_code_after_unknown("UP"), options, {"ISO:UP": {31}}, _names())
    assert unit.place == UTTAR


def test_resolve_ambiguous_unit_code_is_kept_when_it_spells_the_unit() -> None:
    """'(J&K)' is the initials of Jammu and Kashmir, not of Jakarta Raya."""
    options = {"ISO:JK": [JAKARTA, JAMMU]}
    exact = {"ISO:JK": {32, 33}}
    _, unit = resolve_mentions(_code_after_unknown("J&K"), options, exact, _names())
    assert unit.place == JAMMU


KARA_TG = Place(41, "Kara", 9.55, 1.19, "TG", "P", "PPLA", "23", population=100_000)
KARA_REGION = Place(43, "Kara", 9.7, 1.0, "TG", "A", "ADM1", "23", population=240_000)
KARA_ID = Place(44, "Kara", -8.0, 118.0, "ID", "P", "PPL", "17")
BORGOU = Place(42, "Borgou", 9.5, 2.8, "BJ", "A", "ADM1", "10", population=200_000)


def test_resolve_region_in_brackets_wins_over_a_foreign_namesake_of_the_village() -> None:
    """'Gunmen killed a herder in Kara (Tourou, Borgou)': Tourou unknown, Kara a Togolese town;
    the region in the brackets still says the village is in Benin."""
    mentions = [
        PlaceMention(0, 4, "Kara", "Kara", 0, "gazetteer", cue=True),
        PlaceMention(6, 11, "Tourou", "Tourou", 0, "ner", cue=True, in_parentheses_of=0,
                     qualifier_kind="brackets"),
        PlaceMention(13, 19, "Borgou", "Borgou", 0, "gazetteer", cue=True, in_parentheses_of=0,
                     qualifier_kind="brackets"),
    ]  # fmt: skip
    options = {"Kara": [KARA_REGION, KARA_TG, KARA_ID], "Borgou": [BORGOU]}
    exact = {"Kara": {41, 43, 44}, "Borgou": {42}}
    kara, _, borgou = resolve_mentions(mentions, options, exact, _names())
    assert borgou.place == BORGOU
    assert kara.place is None


def test_resolve_a_name_with_city_also_tries_the_bare_name() -> None:
    """'in Kingston city': the capital, though "Kingston City" is an alternate name of a
    London borough."""
    capital = Place(31, "Kingston", 17.99, -76.79, "JM", "P", "PPLC", "08", population=937_000)
    borough = Place(32, "Kingston upon Thames", 51.41, -0.3, "GB", "P", "PPL", "ENG",
                    population=43_000)  # fmt: skip
    mention = PlaceMention(3, 16, "Kingston city", "Kingston", 0, "ner", cue=True,
                           alternatives=["Kingston city"], place_word="city")  # fmt: skip
    found = {"Kingston city": [borough], "Kingston": [capital, borough]}
    exact = {"Kingston city": {32}, "Kingston": {31}}
    [resolution] = resolve_mentions([mention], found, exact, _names())
    assert resolution.place is capital


DONETSK_OBLAST = Place(51, "Donetska oblast", 48.0, 37.8, "UA", "A", "ADM1", "05",
                       population=4_100_000)  # fmt: skip
DONETSK_RU = Place(52, "Donetsk", 48.3, 39.9, "RU", "A", "ADM2", "61", population=50_000)
VILLAGE_RU = Place(53, "Pervomaisk", 47.0, 142.0, "RU", "P", "PPL", "64", population=17_000,
                   asciiname="Pervomaisk")  # fmt: skip


def test_resolve_unit_is_not_pulled_abroad_by_the_village_it_locates() -> None:
    """'Shelling near Pervomaisk, Donetsk': the only Pervomaisk the gazetteer has is a Russian
    town thousands of kilometres away; it must not make Donetsk the small Russian district of
    that name. The unit is the Ukrainian region and the village stays unresolved."""
    mentions = [
        PlaceMention(20, 30, "Pervomaisk", "Pervomaisk", 0, "ner", cue=True, relation="near"),
        PlaceMention(32, 39, "Donetsk", "Donetsk", 0, "gazetteer", cue=True, in_parentheses_of=0,
                     qualifier_kind="comma"),
    ]  # fmt: skip
    options = {"Pervomaisk": [VILLAGE_RU], "Donetsk": [DONETSK_RU, DONETSK_OBLAST]}
    exact = {"Pervomaisk": {53}, "Donetsk": {51, 52}}
    village, unit = resolve_mentions(mentions, options, exact, _names())
    assert unit.place == DONETSK_OBLAST
    assert village.place is None


SIRWAH = Place(61, "Sirwah", 15.4, 45.0, "YE", "A", "ADM2", "14", admin2_code="1405")
MARIB = Place(62, "Marib", 15.5, 45.3, "YE", "A", "ADM1", "14", population=400_000)
LUNCA_RO = Place(63, "Lunca", 46.7, 21.8, "RO", "P", "PPL", "05", population=5_100)


def test_resolve_town_far_from_every_other_place_of_a_framed_report_is_refused() -> None:
    """'Fighters held the Lunca front west of Sirwah district (Sirwah, Marib)': a Romanian town of
    that name is no reading of a front line in a report framed in Yemen."""
    mentions = [
        PlaceMention(20, 25, "Lunca", "Lunca", 0, "ner", cue=True),
        PlaceMention(40, 46, "Sirwah", "Sirwah", 0, "gazetteer", cue=True, unit_word="district",
                     unit_level=2),
        PlaceMention(60, 66, "Sirwah", "Sirwah", 0, "gazetteer", cue=True, in_parentheses_of=1,
                     qualifier_kind="brackets"),
        PlaceMention(70, 75, "Marib", "Marib", 0, "gazetteer", cue=True, in_parentheses_of=1,
                     qualifier_kind="brackets"),
    ]  # fmt: skip
    options = {"Lunca": [LUNCA_RO], "Sirwah": [SIRWAH], "Marib": [MARIB]}
    exact = {"Lunca": {63}, "Sirwah": {61}, "Marib": {62}}
    lunca, sirwah, _, marib = resolve_mentions(mentions, options, exact, _names())
    assert (sirwah.place, marib.place) == (SIRWAH, MARIB)
    assert lunca.place is None


JUSTICE_US = Place(71, "Justice", 41.7, -87.8, "US", "P", "PPL", "IL", population=12_900)
SOFIA_BG = Place(72, "Sofia", 42.7, 23.3, "BG", "P", "PPLC", "42", population=1_150_000)
SOPHIA_US = Place(73, "Sophia", 37.7, -81.2, "US", "P", "PPL", "WV", population=1_300)


def test_resolve_common_word_in_an_institution_name_says_nothing_of_the_country() -> None:
    """'A vigil at the Palace of Justice in Sofia': "Justice" is a word of the palace's name, not
    the Illinois village; it neither stands as a place nor pulls Sofia to West Virginia."""
    mentions = [
        PlaceMention(30, 37, "Justice", "Justice", 0, "gazetteer", cue=True, common=True),
        PlaceMention(41, 46, "Sofia", "Sofia", 0, "gazetteer", cue=True, in_parentheses_of=0,
                     qualifier_kind="in"),
    ]  # fmt: skip
    options = {"Justice": [JUSTICE_US], "Sofia": [SOPHIA_US, SOFIA_BG]}
    exact = {"Justice": {71}, "Sofia": {72}}
    justice, sofia = resolve_mentions(mentions, options, exact, _names())
    assert justice.place is None
    assert sofia.place == SOFIA_BG


CORDOBA_AR = Place(81, "Córdoba", -31.4, -64.2, "AR", "P", "PPLA", "05", population=1_400_000,
                   asciiname="Cordoba")  # fmt: skip
CORDOBA_AR_PROVINCE = Place(82, "Córdoba", -32.0, -64.0, "AR", "A", "ADM1", "05",
                            population=3_300_000, asciiname="Cordoba")  # fmt: skip
CORDOBA_ES = Place(83, "Córdoba", 37.9, -4.8, "ES", "P", "PPLA2", "AN", admin2_code="CO",
                   population=325_000, asciiname="Cordoba")  # fmt: skip
CORDOBA_ES_PROVINCE = Place(84, "Córdoba", 37.9, -4.8, "ES", "A", "ADM2", "AN", admin2_code="CO",
                            population=790_000, asciiname="Cordoba")  # fmt: skip


def test_resolve_town_and_its_unit_of_the_same_name_are_read_together() -> None:
    """'Residents banged pots in Cordoba (Cordoba)': the city in the province of that name, the
    likeliest such pair (Argentina's), not the town that matches its second-level unit more
    closely (Spain's province is a second-level unit) nor two halves from two countries."""
    mentions = [
        PlaceMention(20, 27, "Cordoba", "Cordoba", 0, "ner", cue=True),
        PlaceMention(29, 36, "Cordoba", "Cordoba", 0, "gazetteer", cue=True, in_parentheses_of=0,
                     qualifier_kind="brackets"),
    ]  # fmt: skip
    places = [CORDOBA_ES_PROVINCE, CORDOBA_ES, CORDOBA_AR, CORDOBA_AR_PROVINCE]
    options = {"Cordoba": places}
    exact = {"Cordoba": {81, 82, 83, 84}}
    town, unit = resolve_mentions(mentions, options, exact, _names())
    assert (town.place, unit.place) == (CORDOBA_AR, CORDOBA_AR_PROVINCE)


AMARA_REGION = Place(91, "Amara", 11.6, 38.0, "ET", "A", "ADM1", "46", population=3_300_000)
AMARAH_IQ = Place(92, "Al ‘Amārah", 31.8, 47.1, "IQ", "P", "PPLA", "14", population=323_000,
                  asciiname="Al `Amarah")  # fmt: skip
AMARA_RO = Place(93, "Amara", 44.6, 27.3, "RO", "P", "PPL", "21", population=7_500)


def test_resolve_a_city_is_a_town_named_in_any_spelling() -> None:
    """'Workers protested in Amara city': not the Ethiopian region (the word says a town), and
    the Iraqi city whose name is "Amara" with its article over a village whose main name it is."""
    mention = PlaceMention(30, 41, "Amara city", "Amara", 0, "ner", cue=True, place_word="city")
    options = {"Amara": [AMARA_REGION, AMARAH_IQ, AMARA_RO]}
    exact = {"Amara": {91, 92, 93}}
    (result,) = resolve_mentions([mention], options, exact, _names())
    assert result.place == AMARAH_IQ
