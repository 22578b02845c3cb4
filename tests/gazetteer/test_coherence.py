"""Coherence: a cluster of readings of an article's names wins over the most populous ones."""

from __future__ import annotations

from sitrep.gazetteer.coherence import Coherence, quick_km
from sitrep.gazetteer.place import Place
from sitrep.gazetteer.recognise import PlaceMention

BIG_TOWN = Place(1, "Springfield", 39.8, -89.65, "US", "P", "PPL", "IL", population=116_000)
SMALL_TOWN = Place(2, "Springfield", 37.2, -93.3, "US", "P", "PPL", "MO", population=16_000)
NEIGHBOUR = Place(3, "Nixa", 37.04, -93.29, "US", "P", "PPL", "MO", population=20_000)


def _mention(name: str) -> PlaceMention:
    return PlaceMention(0, len(name), name, name, 0, "ner", cue=True)


def test_coherence_supports_the_reading_near_the_other_names() -> None:
    mentions = [_mention("Springfield"), _mention("Nixa")]
    coherence = Coherence(mentions, [[(BIG_TOWN, True), (SMALL_TOWN, True)], [(NEIGHBOUR, True)]])
    assert coherence.support(0, SMALL_TOWN) > coherence.support(0, BIG_TOWN)


def test_coherence_ignores_names_alone_and_repeats() -> None:
    mentions = [_mention("Springfield"), _mention("Springfield")]
    options = [[(BIG_TOWN, True), (SMALL_TOWN, True)]] * 2
    coherence = Coherence(mentions, options)
    assert coherence.support(0, BIG_TOWN) == coherence.support(0, SMALL_TOWN) == 0.0


def test_coherence_quick_distance_is_close_to_the_great_circle() -> None:
    assert abs(quick_km(37.2, -93.3, 37.04, -93.29) - 17.8) < 0.5
