"""End to end: whole articles in the style of wire copy (written for these tests; the places are
real, the events invented) through the full extractor, checking what an analyst would check."""

from __future__ import annotations

import pytest

from sitrep.core import Extractor
from sitrep.model import Event, ExtractionResult


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor().prepare()


def _extract(extractor: Extractor, text: str, published: str) -> ExtractionResult:
    return extractor.extract(text, published=published)


def _where(event: Event) -> str | None:
    return event.location.name if event.location else None


def test_two_protests_in_two_cities_stay_two_events(extractor: Extractor) -> None:
    text = (
        "Several thousand people marched in Bamako on Friday to demand new elections. "
        "The march was peaceful, its organisers said. "
        "In Niamey, riot police fired tear gas to disperse teachers protesting over unpaid wages, "
        "witnesses said."
    )
    result = _extract(extractor, text, "2024-03-03")
    coded = sorted((e.sub_event_type.value, _where(e)) for e in result.reported)
    assert coded == [("Peaceful protest", "Bamako"), ("Protest with intervention", "Niamey")]


def test_a_speaker_after_a_clause_is_no_victim(extractor: Extractor) -> None:
    text = (
        "Gunmen killed at least eight herders near the village of Boni on Tuesday, local "
        "officials said. The attackers stole cattle and burned huts before leaving, a villager "
        "said by telephone."
    )
    (event,) = _extract(extractor, text, "2024-03-14").reported
    assert (event.fatalities.low, event.fatalities.best, event.fatalities.high) == (8, 8, 8)
    assert not event.fatalities.contested


def test_the_attack_date_told_later_wins_over_the_date_it_was_said(extractor: Extractor) -> None:
    text = (
        "Suspected jihadists killed 11 soldiers in an ambush in northern Burkina Faso, security "
        "sources said on Thursday. The attack took place on Tuesday near Dori, one source said. "
        "The army said it had killed about 20 assailants in its response."
    )
    (event,) = _extract(extractor, text, "2024-02-29").reported
    assert event.date is not None and event.date.value == "2024-02-27"
    assert event.location is not None and event.location.place_name == "Dori"
    assert event.location.geo_precision == 2


def test_the_capital_named_by_its_country_is_the_place(extractor: Extractor) -> None:
    text = (
        "A car bomb exploded outside a hotel in the Somali capital on Saturday, killing at "
        "least seven people, police said. Last year, the group attacked a base in the Lower "
        "Shabelle region."
    )
    events = _extract(extractor, text, "2024-03-03").events
    reported = [e for e in events if e.role.value == "reported"]
    assert len(reported) == 1 and reported[0].location is not None
    assert reported[0].location.place_name == "Mogadishu"
    assert reported[0].location.geo_precision == 1
    assert reported[0].date is not None and reported[0].date.value == "2024-03-02"


def test_fighters_of_a_named_group_are_that_group(extractor: Extractor) -> None:
    text = "Fighters of the Rapid Support Forces shelled a market in El Fasher on Friday."
    (event,) = _extract(extractor, text, "2024-06-30").reported
    assert event.actor1 is not None and "Rapid Support Forces" in event.actor1.name


def test_a_context_alias_needs_its_country(extractor: Extractor) -> None:
    # "militants" means Islamic State (Mozambique) only in Mozambique
    text = "Militants attacked an army post near Boulkessi in Mali on Monday."
    (event,) = _extract(extractor, text, "2024-06-30").reported
    assert event.actor1 is not None and "Mozambique" not in event.actor1.name
    assert event.location is not None and event.location.country == "Mali"


def test_people_fleeing_fighting_are_no_rioters(extractor: Extractor) -> None:
    events = _extract(extractor, "Hundreds of families fled the fighting overnight.", "2024-06-30")
    assert not [e for e in events.reported if e.sub_event_type.value == "Mob violence"]


def test_two_claimants_on_different_victims_give_a_range_not_a_sum(extractor: Extractor) -> None:
    text = (
        "NIAMEY (Reuters) - Niger's army said on Tuesday its drones had killed 25 militants near "
        "the town of Tillaberi on Sunday. A local association said the strikes killed nine "
        "civilians at a market and accused the army of hitting herders."
    )
    (event,) = _extract(extractor, text, "2024-03-05").reported
    killed = event.fatalities
    assert (killed.low, killed.high, killed.contested) == (9, 25, True)
    figures = {c.claimant_text: c.killed for c in event.claims if c.killed is not None}
    assert sorted(figures.values()) == [9, 25]


def test_a_total_of_all_the_dead_is_a_floor_under_rival_figures_of_some_of_them(
    extractor: Extractor,
) -> None:
    text = (
        "Gunmen killed at least 23 people in an attack on the town of Kaya on Sunday, local "
        "officials said. The army said its soldiers repelled the assault, killing 12 attackers, "
        "and that five soldiers died. The group said it had killed more than 30 soldiers."
    )
    (event,) = _extract(extractor, text, "2024-03-12").reported
    killed = event.fatalities
    # the army's 12 + 5 and the group's 30 soldiers are rivals; the officials count every victim
    assert (killed.best, killed.low, killed.high, killed.contested) == (23, 23, 30, True)
    assert killed.conservative == 23


def test_a_named_armed_group_starts_a_trigger_like_the_word_for_one(extractor: Extractor) -> None:
    # "the CJNG" is an armed group of the actor dictionary: "@armed_group ** deliver * food"
    # applies to it as to "gunmen"
    text = "Members of the CJNG delivered food packages to families in Guadalajara on Sunday."
    (event,) = _extract(extractor, text, "2024-05-06").reported
    assert event.sub_event_type.value == "Change to group/activity"


def test_an_unknown_village_in_a_region_named_after_its_capital_is_the_region(
    extractor: Extractor,
) -> None:
    # the village is invented: the event can only be placed in the region, never at its capital
    text = "Air strikes hit a market in the village of Tenekoubi in the Timbuktu region on Sunday."
    (event,) = _extract(extractor, text, "2024-03-05").reported
    place = event.location
    assert place is not None and place.place_name != "Timbuktu"
    assert (place.admin1, place.geo_precision) == ("Tombouctou", 3)


def test_congolese_means_the_drc_unless_told_otherwise(extractor: Extractor) -> None:
    text = (
        "Rebels seized the mining town of Kalembe on Wednesday after fighting with the "
        "Congolese army, local sources said."
    )
    (event,) = _extract(extractor, text, "2024-05-01").reported
    assert event.location is not None
    assert event.location.country == "Democratic Republic of Congo"


def test_a_bomb_at_a_wedding_targets_civilians(extractor: Extractor) -> None:
    text = "At least 11 people were killed when a suicide bomber struck a wedding in Konduga on Sunday."
    (event,) = _extract(extractor, text, "2024-06-30").reported
    assert event.civilian_targeting
    assert event.actor2 is not None and event.actor2.name.startswith("Civilians")


def test_police_firing_on_a_march_told_in_one_sentence_is_one_event(extractor: Extractor) -> None:
    text = (
        "Police fired live bullets at protesters in Mombasa on Tuesday, killing at least three "
        "people, as thousands marched against new fuel taxes, witnesses said."
    )
    events = _extract(extractor, text, "2024-06-26").reported
    assert [(e.sub_event_type.value, e.fatalities.best) for e in events] == [
        ("Excessive force against protesters", 3)
    ]


def test_a_toll_beside_a_count_of_civilians_is_a_range_not_a_sum(extractor: Extractor) -> None:
    text = (
        "Gunmen killed dozens of villagers in an attack on Dablo on Saturday, security sources "
        "said, with some estimates putting the toll at more than 60."
    )
    (event,) = _extract(extractor, text, "2024-08-26").reported
    assert (event.fatalities.low, event.fatalities.high) == (12, 60)


def test_the_dead_of_a_named_side_make_it_the_other_party(extractor: Extractor) -> None:
    text = (
        "Three Iraqi soldiers were killed when militants attacked a checkpoint near Tuz Khurmatu."
    )
    (event,) = _extract(extractor, text, "2024-02-12").reported
    assert event.actor2 is not None and event.actor2.name.startswith("Military Forces of Iraq")


def test_the_weapon_is_no_victim(extractor: Extractor) -> None:
    text = "A drone strike killed at least six people near Ansongo on Sunday, officials said."
    (event,) = _extract(extractor, text, "2024-09-02").reported
    assert (event.fatalities.best, event.fatalities.high) == (6, 6)


def test_two_events_joined_by_while_are_two_events_with_their_own_tolls(
    extractor: Extractor,
) -> None:
    text = (
        "OUAGADOUGOU (AFP) - Jihadists attacked a checkpoint in Djibo on Saturday, killing six "
        "soldiers, while in Kaya an explosive device hit a bus, killing three civilians, "
        "security sources said."
    )
    result = _extract(extractor, text, "2024-03-04")
    coded = sorted((e.sub_event_type.value, _where(e), e.fatalities.best) for e in result.reported)
    assert coded == [
        ("Armed clash", "Djibo", 6),
        ("Remote explosive/landmine/IED", "Kaya", 3),
    ]


def test_protesters_in_the_capital_are_not_a_speaker_place(extractor: Extractor) -> None:
    text = (
        "Gunmen killed four soldiers in an attack on an army post near Ansongo on Sunday, while "
        "protesters in Bamako burned tyres to denounce the junta, officials said."
    )
    result = _extract(extractor, text, "2024-03-04")
    places = {e.sub_event_type.value: _where(e) for e in result.reported}
    assert places.get("Violent demonstration") == "Bamako"
    assert places.get("Armed clash") == "Ansongo"


def test_the_dead_told_before_an_after_clause_are_its_outcome(extractor: Extractor) -> None:
    text = (
        "At least six people were killed after security forces opened fire on protesters in "
        "Basra on Friday, medical sources said."
    )
    result = _extract(extractor, text, "2024-03-04")
    assert [e.sub_event_type.value for e in result.reported] == [
        "Excessive force against protesters"
    ]
    assert result.reported[0].fatalities.best == 6


def test_a_claimed_attack_keeps_its_claimant_against_the_army_and_old_news_stays_old(
    extractor: Extractor,
) -> None:
    text = (
        "Gunmen killed at least nine people in an attack on the town of Djibo on Sunday, local "
        "officials said.\n\n"
        "The army said on Monday that soldiers repelled the assault, killing four attackers.\n\n"
        "The Group for Support of Islam and Muslims (JNIM), an al Qaeda affiliate active across "
        "the Sahel, said its fighters had killed more than 20 soldiers.\n\n"
        "Last November, hundreds of fighters attacked the town's military base."
    )
    result = _extract(extractor, text, "2024-03-11")
    [attack] = [e for e in result.reported]
    assert attack.actor1 is not None and attack.actor1.name.startswith("JNIM")
    assert attack.actor1.status.value == "claimed"
    assert attack.actor2 is not None and attack.actor2.name.startswith("Military Forces of Burkina")
    old = [e for e in result.events if e.role.value == "background"]
    assert old and all(e.date is None or e.date.value == "2023-11" for e in old)


def test_a_region_named_after_a_people_is_the_region_not_the_country(
    extractor: Extractor,
) -> None:
    text = "Police shot dead a herder in Goday, Shabelle Zone (Somali region), residents said."
    result = _extract(extractor, text, "2024-03-11")
    [event] = result.reported
    assert event.location is not None and event.location.country_iso3 == "ETH"


def test_a_month_named_before_a_town_is_no_place(extractor: Extractor) -> None:
    text = (
        "Shop owners protested against the closure of shops during the month of Ramadan in "
        "Kafr Qaseem on Tuesday."
    )
    result = _extract(extractor, text, "2024-03-14")
    assert all(e.location is None or e.location.name != "Ramadan" for e in result.events)


@pytest.mark.parametrize(
    ("text", "country", "place"),
    [
        # a region after "in" locates the unknown village against its namesake in India
        ("Gunmen shot dead a shepherd in Ara in As-Sweida while he grazed his sheep, residents "
         "said.", "SYR", None),
        # the model tags only "Sudan": the name is read whole
        ("Inmates rioted at the main prison in Port Sudan (Red Sea state) on Monday, demanding "
         "their release.", "SDN", "Port Sudan"),
    ],
)  # fmt: skip
def test_places_of_short_reports(
    extractor: Extractor, text: str, country: str, place: str | None
) -> None:
    [event] = _extract(extractor, text, "2024-03-14").reported
    assert event.location is not None and event.location.country_iso3 == country
    if place is not None:
        assert event.location.place_name == place


def test_a_code_with_one_meaning_places_the_event_in_its_country(extractor: Extractor) -> None:
    """No country named, but "QSD" (the Syrian Democratic Forces' Arabic initials) means one
    actor of one country: the town is found in Syria and the victims are that group."""
    text = "Turkish artillery killed two QSD fighters near Ain Issa on Tuesday, a monitoring group said."
    (event,) = _extract(extractor, text, "2021-03-10").reported
    assert event.location is not None and event.location.country_iso3 == "SYR"
    assert event.actor2 is not None and event.actor2.name == "QSD: Syrian Democratic Forces"


def test_a_country_ending_an_organisations_name_is_not_where(extractor: Extractor) -> None:
    """'a branch of Bank Melli Iran in Zahle': Iran is part of the bank's name, not where."""
    text = (
        "Unknown gunmen fired shots at the Zahle Municipality and a branch of Bank Melli Iran "
        "on Tuesday. No injuries were reported."
    )
    (event,) = _extract(extractor, text, "2021-03-10").reported
    assert event.location is not None and event.location.country_iso3 == "LBN"


@pytest.mark.parametrize(
    ("text", "country", "actor"),
    [
        ("Federal police seized two tonnes of cannabis hidden in a lorry outside Campo Grande, "
         "Mato Grosso do Sul, on Monday and arrested the driver.", "BRA", "Police Forces of Brazil"),
        ("Navy troops destroyed a hidden airstrip used by cocaine traffickers near Puerto Lempira "
         "on Tuesday.", "HND", "Military Forces of Honduras"),
    ],
)  # fmt: skip
def test_drugs_seized_by_the_forces_are_property_seized_as_acled_codes_it(
    extractor: Extractor, text: str, country: str, actor: str
) -> None:
    """ACLED codes a seizure of drugs by the forces as looting/property destruction, with the
    forces as actor1; the arrest that goes with it is part of the same event."""
    (event,) = _extract(extractor, text, "2021-03-10").reported
    assert event.sub_event_type.value == "Looting/property destruction"
    assert event.actor1 is not None and event.actor1.name.startswith(actor)
    assert event.location is not None and event.location.country_iso3 == country


def test_an_arrest_for_dealing_drugs_is_still_police_work(extractor: Extractor) -> None:
    text = "Police arrested three men suspected of selling heroin in Lahore on Monday."
    assert _extract(extractor, text, "2021-03-10").reported == []


@pytest.mark.parametrize(
    ("text", "country", "place"),
    [
        ("Two armed groups clashed in Madinat ash Shaab (Al Buraiqeh, Aden) on Monday. There were "
         "no reports of casualties.", "YEM", None),
        ("Customs officers seized 40,000 packs of smuggled cigarettes at a warehouse in Foz do "
         "Iguacu on Monday.", "BRA", "Foz do Iguaçu"),
        ("Cattle raiders stabbed and wounded a soldier at Wanjok in Aweil East (Northern Bahr el "
         "Ghazal state) on Monday.", "SSD", "Northern Bahr el Ghazal"),
    ],
)  # fmt: skip
def test_names_with_a_particle_stay_whole(
    extractor: Extractor, text: str, country: str, place: str | None
) -> None:
    """The model may stop a name before an Arabic article ("Madinat" of "Madinat ash Shaab",
    which alone reads as Medina), start it at one ("el Ghazal" of "Northern Bahr el Ghazal") or
    stop it before a Portuguese "do" ("Foz" of "Foz do Iguacu")."""
    (event,) = _extract(extractor, text, "2021-03-10").reported
    assert event.location is not None and event.location.country_iso3 == country
    if place is not None:
        assert event.location.place_name == place


@pytest.mark.parametrize(
    ("record", "sub_event_type", "victims"),
    [
        ("The victim had charges against him for drug trafficking.", "Armed clash",
         "Unidentified Gang (Brazil)"),
        ("Police said the victim was involved in a gang.", "Armed clash",
         "Unidentified Gang (Brazil)"),
        ("The victim had charges against him for robbery.", "Attack", "Civilians (Brazil)"),
    ],
)  # fmt: skip
def test_a_victim_tied_to_a_gang_makes_a_killing_a_clash_between_armed_groups(
    extractor: Extractor, record: str, sub_event_type: str, victims: str
) -> None:
    """ACLED codes the killing of someone the report ties to drug trafficking or a gang as an
    armed clash between criminal groups, also when that is said in a sentence of its own; the
    victim's side is then an unidentified gang, not civilians. A record of robbery does not make one."""
    text = (
        "A man was shot dead by two armed men on a motorcycle in the Ibura neighbourhood of "
        f"Recife on Monday. {record}"
    )
    (event,) = _extract(extractor, text, "2021-06-08").reported
    assert event.sub_event_type.value == sub_event_type
    assert event.actor2 is not None and event.actor2.name == victims
