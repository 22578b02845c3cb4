"""ACLED's conventions by event type, through ``ActorResolver.event_actors`` (the assembler's call)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from sitrep.model import Article, PartialDate
from sitrep.nlp import load_nlp
from sitrep.pipeline.actors import ActorResolver, EventActors
from sitrep.pipeline.document import Document
from sitrep.pipeline.mentions import EventMention
from sitrep.pipeline.segment import split_sentences
from sitrep.taxonomy import SubEventType

DAY = dt.date(2024, 8, 25)


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver(extra_paths=[])


def code(
    resolver: ActorResolver,
    text: str,
    trigger: str,
    sub: SubEventType,
    iso3: str | None,
    *,
    day: dt.date = DAY,
    event_sub: SubEventType | None = None,
) -> EventActors:
    """The event's actors as the assembler gets them: the whole text found without a country,
    the mention at the first match of ``trigger``, the event's country and day given."""
    nlp = load_nlp(resolver.ruler_patterns(), key=resolver.fingerprint)
    article = Article(id="test", text=text, published=PartialDate.of_day(day))
    document = Document(
        article=article, sentences=split_sentences(text), published=article.published
    )
    for sentence in document.sentences:
        sentence.doc = nlp(sentence.text)
    match = re.search(trigger, text)
    assert match is not None
    sentence = document.sentence_at(match.start())
    assert sentence is not None
    mention = EventMention(
        sentence=sentence,
        sub_event_type=sub,
        score=1.0,
        trigger=document.span(match.start(), match.end()),
    )
    return resolver.event_actors(
        document,
        mention,
        resolver.find(document),
        country_iso3=iso3,
        date=day,
        sub_event_type=event_sub,
    )


def pair(actors: EventActors) -> tuple[str | None, str | None]:
    return (
        actors.actor1.name if actors.actor1 else None,
        actors.actor2.name if actors.actor2 else None,
    )


@pytest.mark.parametrize(
    ("text", "trigger", "sub", "iso3", "expected"),
    [
        (  # no agent in the event's sentence: the armed actor of the sentence before
            "Al-Shabaab fighters stormed an army base near Afgoye on Sunday. "
            "Two Somali soldiers were killed in the fighting.",
            "were killed",
            SubEventType.armed_clash,
            "SOM",
            ("Al Shabaab", "Military Forces of Somalia (2022-)"),
        ),
        (  # no agent, two sides named after "between"
            "Two rebels died during a firefight between the NPA and the police in Masbate.",
            "firefight",
            SubEventType.armed_clash,
            "PHL",
            ("NPA: New People's Army", "Police Forces of the Philippines (2022-)"),
        ),
        (  # nobody named at all: two unidentified sides
            "A shoot-out took place in the north of the city on Sunday night.",
            "shoot-out",
            SubEventType.armed_clash,
            "BRA",
            ("Unidentified Armed Group (Brazil)", "Unidentified Armed Group (Brazil)"),
        ),
    ],
)
def test_actor_conventions_battle_sides(
    resolver: ActorResolver,
    text: str,
    trigger: str,
    sub: SubEventType,
    iso3: str,
    expected: tuple[str, str],
) -> None:
    assert pair(code(resolver, text, trigger, sub, iso3)) == expected


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("Three men were arrested in Kano on Sunday.", "arrested", "Police Forces of Nigeria"),
        (
            "Soldiers arrested three suspected bandits in Zamfara.",
            "arrested",
            "Military Forces of Nigeria",
        ),
        (  # "security forces" making arrests are the police
            "Security forces arrested 13 people in Kaduna after the attack.",
            "arrested",
            "Police Forces of Nigeria",
        ),
    ],
)
def test_actor_conventions_arrests_are_made_by_state_forces(
    resolver: ActorResolver, text: str, trigger: str, expected: str
) -> None:
    actors = code(resolver, text, trigger, SubEventType.arrests, "NGA")
    assert actors.actor1 is not None and actors.actor1.name.startswith(expected)
    assert actors.actor1.inter == 1


@pytest.mark.parametrize(
    ("text", "trigger", "sub", "expected"),
    [
        (  # people who beat someone without weapons are a mob
            "Five men beat a suspected thief to death at the market in Kano.",
            "beat",
            SubEventType.attack,
            "Rioters (Nigeria)",
        ),
        (  # with guns, an unidentified armed group
            "Two men shot a trader dead at the market in Kano.",
            "shot",
            SubEventType.attack,
            "Unidentified Armed Group (Nigeria)",
        ),
        (  # farmers who attack herders: a communal militia, read through "a group of"
            "A group of farmers attacked a herders' camp near Kalale and wounded three men.",
            "attacked",
            SubEventType.attack,
            "Unidentified Communal Militia (Nigeria)",
        ),
    ],
)
def test_actor_conventions_civilian_perpetrators(
    resolver: ActorResolver, text: str, trigger: str, sub: SubEventType, expected: str
) -> None:
    actors = code(resolver, text, trigger, sub, "NGA")
    assert actors.actor1 is not None and actors.actor1.name == expected


def test_actor_conventions_security_forces_facing_a_protest_are_police(
    resolver: ActorResolver,
) -> None:
    text = "Security forces fired tear gas to disperse students protesting in Nairobi."
    protest = code(resolver, text, "protesting", SubEventType.protest_with_intervention, "KEN")
    assert pair(protest) == ("Protesters (Kenya)", "Police Forces of Kenya (2022-)")
    text = "Security forces killed two militants in a raid near Mandera."
    raid = code(resolver, text, "killed", SubEventType.armed_clash, "KEN")
    assert raid.actor1 is not None and raid.actor1.name == "Military Forces of Kenya (2022-)"


def test_actor_conventions_follow_the_event_type_not_the_mention(
    resolver: ActorResolver,
) -> None:
    """A demonstration told first and its burning told after: the event is a riot."""
    text = "Hundreds of residents demonstrated in Djougou and burned tyres on the main road."
    as_protest = code(resolver, text, "demonstrated", SubEventType.peaceful_protest, "BEN")
    as_riot = code(
        resolver,
        text,
        "demonstrated",
        SubEventType.peaceful_protest,
        "BEN",
        event_sub=SubEventType.violent_demonstration,
    )
    assert pair(as_protest)[0] == "Protesters (Benin)"
    assert pair(as_riot)[0] == "Rioters (Benin)"


def test_actor_conventions_without_event_country_use_the_text(resolver: ActorResolver) -> None:
    text = "Gunmen killed four villagers near the Nigerian border on Sunday."
    actors = code(resolver, text, "killed", SubEventType.attack, None)
    assert pair(actors) == ("Unidentified Armed Group (Nigeria)", "Civilians (Nigeria)")


@pytest.mark.parametrize(
    ("iso3", "expected"),
    [
        (
            "BRA",
            (
                "Military Forces of Brazil (2023-) Military Police",
                "Unidentified Armed Group (Brazil)",
            ),
        ),
        ("MEX", ("Unidentified Armed Group (Mexico)", "Police Forces of Mexico (2018-2024)")),
    ],
)
def test_actor_conventions_state_forces_first_where_coders_name_them_so(
    resolver: ActorResolver, iso3: str, expected: tuple[str, str]
) -> None:
    text = "Four armed men exchanged fire with military police officers during a patrol."
    if iso3 == "MEX":
        text = text.replace("military police officers", "police officers")
    actors = code(resolver, text, "exchanged fire", SubEventType.armed_clash, iso3)
    assert pair(actors) == expected
