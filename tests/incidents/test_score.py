"""The linking score of two reports: each dimension's verdict, vetoes, and the link decision."""

from __future__ import annotations

import pytest

from sitrep.gazetteer.names import name_key
from sitrep.incidents import default_policy, score_pair
from sitrep.incidents.features import ReportFeatures

from .reports import actor, report

POLICY = default_policy()


def verdicts(a: ReportFeatures, b: ReportFeatures) -> dict[str, str]:
    return {r.field: r.verdict for r in score_pair(a, b, POLICY).reasons}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ({"place": "Tinzaouaten"}, {"place": "Tin Zaouatene"}),
        (
            {"place": "Tinzaouaten", "killed": 21, "open_ended": True},
            {"place": "Tinzaouatene", "killed": 23},
        ),
        ({"killed": 21}, {"killed": 25}),  # a revised toll stays close
        ({"coordinates": (19.95, 2.96)}, {"place": "Tin Zaouatine", "coordinates": (19.96, 2.99)}),
        (
            {"killed": None, "actors": (actor("jnim", inter=2),)},
            {"killed": None, "actors": (actor("jnim", side=2),)},
        ),
        (
            {
                "killed": 21,
                "victims": frozenset({"civilians"}),
                "actors": (actor("military forces of mali", inter=1, kind="state"),),
            },
            {
                "killed": 6,
                "victims": frozenset({"militants"}),
                "actors": (actor("military forces of mali", inter=1, kind="state"),),
            },
        ),
        ({"precision": "week", "day": "2024-08-22", "end": "2024-08-28"}, {}),
    ],
    ids=["spelling", "at-least", "revised", "coordinates", "same-group", "same-army", "week"],
)
def test_score_links_reports_of_one_strike(first: dict, second: dict) -> None:
    score = score_pair(report(**first), report(**second), POLICY)
    assert score.linked, score.explain()
    assert score.veto is None


@pytest.mark.parametrize(
    ("first", "second", "field"),
    [
        ({"day": "2024-08-25"}, {"day": "2024-08-10"}, "date"),
        ({}, {"country": "DZA"}, "place"),
        ({"coordinates": (19.95, 2.96)}, {"coordinates": (18.44, 1.41)}, "place"),
        (
            {},
            {"sub": "Peaceful protest", "event_type": "Protests", "family": "demonstrations"},
            "type",
        ),
        (
            {"actors": (actor("jnim", inter=2),)},
            {"actors": (actor("islamic state (sahel province)", inter=2),)},
            "actors",
        ),
    ],
    ids=["other-day", "other-country", "far-apart", "other-family", "other-groups"],
)
def test_score_vetoes_reports_that_cannot_be_one_event(
    first: dict, second: dict, field: str
) -> None:
    score = score_pair(report(**first), report(**second), POLICY)
    assert not score.linked
    assert verdicts(report(**first), report(**second))[field] == "veto"
    assert not score.compatible


@pytest.mark.parametrize(
    ("first", "second", "why"),
    [
        (
            {"place": "Ogossagou", "coordinates": None},
            {"place": "Boni", "coordinates": None},
            "places with no known relation",
        ),
        ({"killed": None}, {"killed": None}, "nothing corroborates date, place and type"),
        (
            {"killed": None, "actors": (actor("military forces of mali", inter=1, kind="state"),)},
            {
                "killed": None,
                "sub": "Armed clash",
                "event_type": "Battles",
                "actors": (actor("military forces of mali", inter=1, kind="state"),),
            },
            "the army alone, in two kinds of event",
        ),
        (
            {"killed": None, "actors": (actor("protesters (india)", kind="kind"),)},
            {"killed": None, "actors": (actor("protesters (india)", kind="kind"),)},
            "a kind of actor is no corroboration",
        ),
        ({"place": None}, {}, "a place is unknown"),
        ({"precision": "year", "day": "2024-01-01", "end": "2024-12-31"}, {}, "a year only"),
    ],
)
def test_score_does_not_link_on_too_little_evidence(first: dict, second: dict, why: str) -> None:
    score = score_pair(report(**first), report(**second), POLICY)
    assert not score.linked, why
    assert score.veto is None, why


def _near_kidal(written: str, geo_precision: int) -> ReportFeatures:
    """A report coded to Kidal's point, written as ``written`` in its article."""
    return report(
        place="Kidal",
        geonameid=2455290,
        geo_precision=geo_precision,
        written_key=name_key(written),
        place_keys=tuple(sorted({name_key(written), name_key("Kidal")})),
        killed=None,
        actors=(actor("military forces of mali", inter=1, kind="state"), actor("jnim", side=2)),
        sub="Armed clash",
        event_type="Battles",
    )


def test_score_two_places_near_one_town_are_not_one_place() -> None:
    # "in the area of Anefis" and "near Kidal airport", both coded to Kidal at precision 2
    a, b = _near_kidal("Anefis", 2), _near_kidal("Kidal Airport", 2)
    place = next(r for r in score_pair(a, b, POLICY).reasons if r.field == "place")
    assert place.verdict == "partial", place
    assert not score_pair(a, b, POLICY).linked
    # the town itself named twice is one place
    same = score_pair(_near_kidal("Kidal", 1), _near_kidal("Kidal", 1), POLICY)
    assert next(r for r in same.reasons if r.field == "place").verdict == "agree"


def test_score_same_article_is_never_linked() -> None:
    a, b = report(article_id="same"), report(article_id="same")
    score = score_pair(a, b, POLICY)
    assert not score.linked and score.veto is not None


def test_score_is_symmetric() -> None:
    a = report(place="Tinzaouaten", killed=21)
    b = report(place="Tin Zaouatene", killed=25, actors=(actor("jnim"),))
    assert score_pair(a, b, POLICY) == score_pair(b, a, POLICY)


def test_score_names_its_reasons() -> None:
    jnim = (actor("jnim", inter=2),)
    a = report(coordinates=None, actors=jnim)
    b = report(place="Tin Zaouatene", coordinates=None, actors=jnim)
    explained = score_pair(a, b, POLICY).explain()
    assert "same day 2024-08-25" in explained
    assert "spellings of one name" in explained
    assert explained.endswith("linked")


@pytest.mark.parametrize("place", ["Ukraine", "Cabo Delgado Province", "Idleb countryside"])
def test_score_a_country_or_province_named_as_the_place_is_no_place(place: str) -> None:
    a = report(place=place, coordinates=None, actors=(actor("jnim", inter=2),))
    b = report(place=place, coordinates=None, actors=(actor("jnim", inter=2),))
    score = score_pair(a, b, POLICY)
    assert score.reason("place").score < POLICY.min_place  # type: ignore[union-attr]
    assert not score.linked


def test_score_fallback_unit_of_an_unfound_place_is_not_its_name() -> None:
    """Two villages the gazetteer did not find, both coded to their province as a fallback."""
    from sitrep.incidents import features_of
    from sitrep.model import Article, Event, EventDate, Location, PartialDate, Span
    from sitrep.taxonomy import SubEventType

    def village(name: str, article: str) -> ReportFeatures:
        text = f"Gunmen attacked {name}."
        fallback = Location(
            name=name,
            place_name="Alibori",
            admin1="Alibori",
            country_iso3="BEN",
            latitude=11.87,
            longitude=3.38,
            geo_precision=3,
            resolved=False,
        )
        event = Event(
            id=f"e-{name}",
            article_id=article,
            event_type=SubEventType.attack.event_type,
            sub_event_type=SubEventType.attack,
            type_evidence=[Span(start=0, end=6, text=text[:6])],
            date=EventDate(**PartialDate.parse("2022-07-04").model_dump()),
            location=fallback,
        )
        return features_of(event, Article(id=article, text=text), POLICY)

    a, b = village("Kofounou", "a1"), village("Noma Tounga", "a2")
    assert "alibori" not in a.place_keys
    assert score_pair(a, b, POLICY).reason("place").score < POLICY.min_place  # type: ignore[union-attr]


def test_score_one_region_is_not_one_place() -> None:
    a = report(place="Kidal", coordinates=(18.44, 1.41), geo_precision=3)
    b = report(place="Kidal", coordinates=(18.44, 1.41), geo_precision=3)
    score = score_pair(a, b, POLICY)
    assert score.reason("place").score < POLICY.min_place  # type: ignore[union-attr]
    assert not score.linked


def test_score_unresolved_different_actors_count_against_without_veto() -> None:
    a = report(actors=(actor("tuareg"),))
    b = report(actors=(actor("csp"),))
    score = score_pair(a, b, POLICY)
    assert score.reason("actors").verdict == "against"  # type: ignore[union-attr]
    assert score.veto is None


JNIM = actor("jnim: group for support of islam and muslims", inter=2)
ARMY = actor("military forces of mali", inter=1, kind="state")
ARMY_TARGET = actor("military forces of mali", side=2, inter=1, kind="state")
CIVILIANS, FIGHTERS = frozenset({"civilians"}), frozenset({"militants"})


@pytest.mark.parametrize(
    ("first", "second", "linked"),
    [
        # two kinds of event by one group in one town: one corroboration is not enough
        (
            {"actors": (JNIM,), "killed": None},
            {"actors": (JNIM,), "killed": None, "sub": "Armed clash", "event_type": "Battles"},
            False,
        ),
        # ... two are (the group and a telling toll)
        (
            {"actors": (JNIM,), "killed": 12},
            {"actors": (JNIM,), "killed": 12, "sub": "Armed clash", "event_type": "Battles"},
            True,
        ),
        # tolls that contradict need a second corroboration
        ({"actors": (JNIM,), "killed": 0}, {"actors": (JNIM,), "killed": 10}, False),
        # one death each in a city says little
        ({"killed": 1}, {"killed": 1}, False),
        ({"killed": 4}, {"killed": 4}, True),
        # the army alone says little: it is in most events of a place and day
        ({"actors": (ARMY,), "killed": None}, {"actors": (ARMY,), "killed": None}, False),
        # the army on one side, and both report deaths in numbers (of other victims)
        (
            {"actors": (ARMY,), "killed": 21, "victims": CIVILIANS},
            {"actors": (ARMY,), "killed": 6, "victims": FIGHTERS},
            True,
        ),
        # ... but not when it is the attacker in one report and the target in the other
        (
            {"actors": (ARMY,), "killed": 21, "victims": CIVILIANS},
            {"actors": (ARMY_TARGET,), "killed": 6, "victims": FIGHTERS},
            False,
        ),
    ],
    ids=[
        "types-one",
        "types-two",
        "tolls-clash",
        "small-tolls",
        "telling-tolls",
        "army-alone",
        "army-and-tolls",
        "army-sides",
    ],
)
def test_score_corroboration_rules(first: dict, second: dict, linked: bool) -> None:
    score = score_pair(report(**first), report(**second), POLICY)
    assert score.linked is linked, score.explain()


def test_score_tolls_of_different_victims_do_not_disagree() -> None:
    """The army's '6 fighters' and the rebels' '21 civilians' may both be true."""
    army = report(actors=(ARMY,), killed=6, victims=frozenset({"militants"}))
    rebels = report(actors=(ARMY,), killed=21, victims=frozenset({"civilians", "children"}))
    score = score_pair(army, rebels, POLICY)
    assert score.reason("fatalities").verdict == "unknown"  # type: ignore[union-attr]
    assert score.linked, score.explain()


def test_score_differently_named_towns_close_together_do_not_agree() -> None:
    a = report(place="Sfuhen", coordinates=(35.70, 36.55), actors=(ARMY,))
    b = report(place="Qoqfin", coordinates=(35.73, 36.58), actors=(ARMY,))
    score = score_pair(a, b, POLICY)
    assert score.reason("place").score < POLICY.min_place  # type: ignore[union-attr]
    assert not score.linked


def test_score_unresolved_name_in_common_is_no_corroboration() -> None:
    """A name the actor dictionary did not resolve (a demonym, a place) says little."""
    a = report(killed=None, actors=(actor("islamist"),))
    b = report(killed=None, actors=(actor("islamist"),))
    score = score_pair(a, b, POLICY)
    assert score.reason("actors").verdict == "partial"  # type: ignore[union-attr]
    assert not score.linked
