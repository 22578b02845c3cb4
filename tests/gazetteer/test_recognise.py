"""Recognition: what the words around a name say (units, relations, attributes, codes)."""

from __future__ import annotations

import pytest

from sitrep.gazetteer.recognise import PlaceMention, find_mentions
from sitrep.model import Article
from sitrep.nlp import load_nlp
from sitrep.pipeline.document import Document
from sitrep.pipeline.segment import split_sentences


def _mentions(text: str) -> dict[str, PlaceMention]:
    nlp = load_nlp([{"label": "GPE", "pattern": "sitrep-test-recognise"}], key="test-recognise")
    sentences = split_sentences(text)
    for sentence, doc in zip(sentences, nlp.pipe(s.text for s in sentences), strict=True):
        sentence.doc = doc
    return {m.text: m for m in find_mentions(Document(Article(id="t", text=text), sentences))}


@pytest.mark.parametrize(
    ("text", "written", "relation"),
    [
        ("Militants attacked a post in the Kouakourou area on Monday.", "Kouakourou", "near"),
        ("Artillery hit villages west of Rafah overnight.", "Rafah", "offset"),
        ("Shelling hit farms in the southern countryside of Idleb.", "Idleb", "near"),
        ("Gunmen stormed the town of Sikasso on Friday.", "Sikasso", "in"),
        ("A guard was shot in the area of Sikasso on Friday.", "Sikasso", "near"),
        ("A guard was shot in the Medine area of Sikasso on Friday.", "Sikasso", "in"),
        ("Police fired tear gas in the Hamdallaye neighbourhood of Bamako.", "Bamako", "in"),
    ],
)
def test_recognise_relation_from_the_words_around(text: str, written: str, relation: str) -> None:
    assert _mentions(text)[written].relation == relation


@pytest.mark.parametrize(
    ("text", "written", "modifier"),
    [
        ("Traders protested against the rising US dollar rate in Beirut.", "US", True),
        ("Turkey-backed factions shelled the village.", "Turkey", True),
        ("Iraq-based militants crossed the border.", "Iraq", True),
        ("Clashes broke out in Mali on Sunday.", "Mali", False),
    ],
)
def test_recognise_names_used_as_attributes(text: str, written: str, modifier: bool) -> None:
    assert _mentions(text)[written].modifier is modifier


def test_recognise_units_after_a_place_qualify_it() -> None:
    found = _mentions("Gunmen attacked Dounzou (Gourma-Rharous, Tombouctou) at dawn.")
    assert (
        found["Gourma-Rharous"].qualifier_kind == found["Tombouctou"].qualifier_kind == "brackets"
    )
    assert found["Gourma-Rharous"].in_parentheses_of == found["Tombouctou"].in_parentheses_of
    assert found["Dounzou"].in_parentheses_of is None


def test_recognise_units_after_another_spelling_in_square_brackets() -> None:
    found = _mentions("Jets struck Tinfara [Tin-Fara] (Tarkint, Gao) at dawn.")
    assert found["Gao"].qualifier_kind == "brackets"
    assert found["Gao"].in_parentheses_of is not None


def test_recognise_unit_codes_in_brackets() -> None:
    found = _mentions("Villagers protested in Wagoora (Budgam, J&K) over water supply.")
    assert found["J&K"].source == "code" and found["J&K"].name == "ISO:JK"
    assert found["J&K"].qualifier_kind == "brackets"


def test_recognise_place_words_and_unit_words() -> None:
    found = _mentions("Shells fell on Hays city and on Lawdar district in the morning.")
    assert (found["Hays city"].name, found["Hays city"].place_word) == ("Hays", "city")
    assert (found["Lawdar"].unit_word, found["Lawdar"].unit_level) == ("district", 2)


def test_recognise_road_between_two_towns() -> None:
    found = {
        m.name: m for m in _mentions("Protesters blocked the Sidon-Tyr highway for hours.").values()
    }
    assert found["Sidon"].relation == found["Tyr"].relation == "between"


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        (
            "Gunmen ambushed a convoy on the Damboa - Maiduguri road on Monday.",
            "Damboa",
            "Maiduguri",
        ),
        ("A bus hit a mine on the Gao to Ansongo road on Monday.", "Gao", "Ansongo"),
        ("Drivers blocked the road that connects Campeche to Escarcega.", "Campeche", "Escarcega"),
        ("A patrol was ambushed on the road linking Kaya and Dori.", "Kaya", "Dori"),
    ],
)
def test_recognise_two_places_a_road_joins(text: str, first: str, second: str) -> None:
    found = _mentions(text)
    assert found[first].relation == found[second].relation == "between"


def test_recognise_places_joined_by_and_stay_in_without_a_road() -> None:
    found = _mentions("Gunmen killed four people in Kaya and Dori on Monday.")
    assert found["Kaya"].relation == found["Dori"].relation == "in"


@pytest.mark.parametrize(
    ("text", "written", "name"),
    [
        ("Drones targeted Hama Airbase on Friday.", "Hama Airbase", "Hama"),
        ("Rockets hit the Kidal Airport overnight.", "Kidal Airport", "Kidal"),
    ],
)
def test_recognise_a_site_named_after_its_town(text: str, written: str, name: str) -> None:
    found = _mentions(text)
    mention = found.get(written) or next(m for m in found.values() if m.name == name)
    assert mention.name == name and mention.facility


def test_recognise_a_lower_case_article_does_not_hide_the_locative_word() -> None:
    found = _mentions("On 1 May, a march was held in el Hermel from the main square.")
    hermel = found.get("Hermel") or found["el Hermel"]
    assert hermel.cue


def test_recognise_a_possessive_ends_a_name() -> None:
    found = {
        m.name: m for m in _mentions("Traders protested in al Anbar's Ar Ramadi city.").values()
    }
    assert {"al Anbar", "Ar Ramadi"} <= set(found)  # not one name "al Anbar's Ar Ramadi"


def test_recognise_the_portfolio_of_a_ministry_is_no_place() -> None:
    found = _mentions("Protesters demanded the resignation of the Ministry of Energy staff.")
    assert "Energy" not in found or not found["Energy"].cue
    found = _mentions("Shells fell on the outskirts of Kidal on Sunday.")
    assert found["Kidal"].cue


def test_recognise_arabic_article_and_lone_words() -> None:
    found = _mentions("Rockets hit Abboush in al-Hasakeh. Lawyers marched to the Court on Monday.")
    assert "al-Hasakeh" in found
    assert "Court" not in found or found["Court"].common


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("In Niamey, riot police dispersed a march of teachers.", "Niamey"),
        ("At Kidal, fighters clashed with an army patrol.", "Kidal"),
    ],
)
def test_recognise_a_capitalised_preposition_opening_the_sentence_is_not_part_of_the_name(
    text: str, written: str
) -> None:
    found = _mentions(text)
    assert written in found and found[written].cue
    assert not any(name.startswith(("In ", "At ")) for name in found)


@pytest.mark.parametrize("word", ["Colonia", "Barrio", "Ejido", "Arab"])
def test_recognise_lone_words_for_neighbourhoods_and_peoples_are_common(word: str) -> None:
    """'a body was found in Colonia Centro', 'the Arab towns': a lone word, not the town of it."""
    found = _mentions(f"Police patrolled {word} on Monday.")
    assert word not in found or found[word].common


@pytest.mark.parametrize(
    ("text", "written", "wide"),
    [
        ("Teachers held sit-ins across Sikasso on Monday.", "Sikasso", True),
        ("Soldiers raided a camp at an unknown location in Sikasso.", "Sikasso", True),
        ("Rebels landed on the island of Socotra overnight.", "Socotra", True),
        ("Teachers held a sit-in in Sikasso on Monday.", "Sikasso", False),
    ],
)
def test_recognise_words_that_spread_an_event_over_a_unit(
    text: str, written: str, wide: bool
) -> None:
    assert _mentions(text)[written].wide is wide


@pytest.mark.parametrize(
    ("text", "written", "names"),
    [
        ("Doctors protested in Ivano-Frankivsk on Monday.", "Ivano-Frankivsk", ["Ivano-Frankivsk"]),
        ("Workers protested in Kut e Abdollah on Monday.", "Kut e Abdollah", ["Kut e Abdollah"]),
        ("Two men were shot in Martinez de la Torre, Veracruz.", "Martinez de la Torre",
         ["Martinez de la Torre"]),
    ],
)  # fmt: skip
def test_recognise_a_name_the_model_cut_at_a_hyphen_or_particle_is_whole(
    text: str, written: str, names: list[str]
) -> None:
    mention = _mentions(text)[written]
    assert [*mention.alternatives, mention.name][: len(names)] == names


def test_recognise_a_road_or_roundabout_named_after_a_town_points_to_the_town() -> None:
    mention = _mentions("Drivers blocked the Halba highway with burning tyres.")["Halba"]
    assert mention.cue and mention.facility


def test_recognise_units_in_brackets_after_two_place_words_qualify_the_place() -> None:
    mentions = _mentions("Troops exchanged fire in Kirni sector area (Poonch district, J&K).")
    kirni, poonch = mentions["Kirni"], mentions["Poonch"]
    assert poonch.qualifier_kind == "brackets" and poonch.in_parentheses_of is not None
    assert kirni.cue


def test_recognise_a_place_that_describes_an_actor_is_marked() -> None:
    mentions = _mentions("JNIM, an al Qaeda affiliate active across the Sahel, claimed the attack.")
    assert mentions["Sahel"].describes


@pytest.mark.parametrize(
    ("text", "written", "cue"),
    [
        # a comma after a date or any lower-case word is no sign that a place follows
        ("On 4 June 2021, Kassala fighters ambushed a convoy.", "Kassala", False),
        # after a name, a unit or a place word, the name that follows may locate the one before
        ("Militants ambushed a convoy near Ambidedi, Kayes on Monday.", "Kayes", True),
        ("Gunmen killed two guards at the district centre, Kayes, on Monday.", "Kayes", True),
    ],
)
def test_recognise_comma_cue_follows_a_name_not_a_date(text: str, written: str, cue: bool) -> None:
    mention = _mentions(text).get(written)
    assert (mention is not None and mention.cue) is cue


def test_recognise_name_before_a_named_unit_is_a_place_whatever_the_model_says() -> None:
    """'On <date>, Cumanacoa, Sucre state, ...': the model may call the first name an
    organisation; the state named after it says it is a place."""
    mentions = _mentions("On 12 June 2021, Cumanacoa, Sucre state, farmers blocked a road.")
    assert "Cumanacoa" in mentions
    assert mentions["Sucre"].in_parentheses_of is not None


@pytest.mark.parametrize(
    "text",
    [
        "On 2 March 2021, Sirnak Governorship declared a curfew in three villages.",
        "On 2 March 2021, Sirnak Governor's Office banned all gatherings for 15 days.",
    ],
)
def test_recognise_a_local_authority_names_its_place(text: str) -> None:
    """'Sirnak Governorship', 'Sirnak Governor's Office': the province it governs is a place."""
    (mention,) = [m for m in _mentions(text).values() if m.name == "Sirnak"]
    assert mention.cue


def test_recognise_the_saray_is_a_word_for_a_government_house() -> None:
    """'outside the Saray in Baalbek': the Levant's word for the government house, not a town."""
    mentions = _mentions("Rioters gathered outside the Saray in Baalbek and burned tyres.")
    assert mentions["Saray"].common


def test_recognise_a_common_word_with_a_settlement_word_is_a_place() -> None:
    """'in Saray neighbourhood of Kahramankazan': named as a neighbourhood, the word is a place."""
    mentions = _mentions(
        "Arsonists set fire to a paint factory in Saray neighbourhood of Kahramankazan."
    )
    assert not next(m for m in mentions.values() if m.name == "Saray").common


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Unknown persons damaged graves at a chapel at Kopay town (Jaffna district).", "Kopay"),
        ("Rioters hurled stones at the police in ech Choueifat on Monday.", "ech Choueifat"),
    ],
)
def test_recognise_a_lower_case_article_joins_a_name_only_before_its_sound(
    text: str, written: str
) -> None:
    """A lower-case Arabic article before a name is part of it only where it is said with the
    name's first sound ("ech Choueifat"): "at Kopay" is the English "at"."""
    assert written in _mentions(text)
