"""Who did it and to whom: actor1, associated actors, actor2 and the status of the attribution."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from sitrep.model import ActorStatus, Article, PartialDate
from sitrep.nlp import load_nlp
from sitrep.pipeline.actors import ActorResolver
from sitrep.pipeline.document import Document
from sitrep.pipeline.mentions import ActorRoles, EventMention
from sitrep.pipeline.segment import split_sentences
from sitrep.taxonomy import SubEventType

MALI = "Military Forces of Mali (2021-)"
JNIM = "JNIM: Group for Support of Islam and Muslims"
CSP = "CSP-DPA: Strategic Framework for the Defense of the People of Azawad"


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver(extra_paths=[])


def read(
    resolver: ActorResolver, text: str, trigger: str, sub: SubEventType, iso3: str
) -> tuple[ActorRoles, list[str], list[str]]:
    """Parse ``text``, take the first match of ``trigger`` as the event, and read the roles."""
    nlp = load_nlp(resolver.ruler_patterns(), key=resolver.fingerprint)
    article = Article(id="test", text=text, published=PartialDate.parse("2024-08-26"))
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
    roles = resolver.roles(document, mention, resolver.find(document, [iso3]))
    day = dt.date(2024, 8, 25)
    side1 = [resolver.normalise(a, country_iso3=iso3, date=day).name for a in roles.actor1]
    side2 = [resolver.normalise(a, country_iso3=iso3, date=day).name for a in roles.actor2]
    return roles, side1, side2


@pytest.mark.parametrize(
    ("text", "trigger", "sub", "iso3", "actor1", "actor2"),
    [
        (
            "Malian soldiers and Russian mercenaries clashed with JNIM fighters near Tessit.",
            "clashed",
            SubEventType.armed_clash,
            "MLI",
            [MALI, "Wagner Group"],
            [JNIM],
        ),
        (
            "Gunmen killed five villagers in the Mopti region.",
            "killed",
            SubEventType.attack,
            "MLI",
            ["Unidentified Armed Group (Mali)"],
            ["Civilians (Mali)"],
        ),
        (
            "Five villagers were killed by gunmen on Sunday.",
            "killed",
            SubEventType.attack,
            "MLI",
            ["Unidentified Armed Group (Mali)"],
            ["Civilians (Mali)"],
        ),
        (
            "Police fired tear gas at protesters in Nairobi.",
            "tear gas",
            SubEventType.excessive_force_against_protesters,
            "KEN",
            ["Protesters (Kenya)"],
            ["Police Forces of Kenya (2022-)"],
        ),
        (
            "Hundreds of traders protested in Nairobi against new taxes.",
            "protested",
            SubEventType.peaceful_protest,
            "KEN",
            ["Protesters (Kenya)"],
            [],
        ),
        (
            "Residents marched to the governor's office. Police dispersed them with tear gas.",
            "marched",
            SubEventType.protest_with_intervention,
            "KEN",
            ["Protesters (Kenya)"],
            ["Police Forces of Kenya (2022-)"],
        ),
        (  # the agent of a conjoined passive verb
            "One herder was killed and two were wounded by soldiers near Gao.",
            "killed",
            SubEventType.attack,
            "MLI",
            [MALI],
            ["Civilians (Mali)"],
        ),
        (  # whoever's the operation is did the event
            "A drug suspect was killed during a police raid in Bulacan.",
            "killed",
            SubEventType.attack,
            "PHL",
            ["Police Forces of the Philippines (2022-)"],
            ["Civilians (Philippines)"],
        ),
        (  # Barkhane is France's forces, foreign in Mali
            "Operation Barkhane forces conducted airstrikes on militant positions near Menaka.",
            "airstrikes",
            SubEventType.air_drone_strike,
            "MLI",
            ["Military Forces of France (2017-)"],
            [],
        ),
        (  # the subject of "died" is a victim, not the agent
            "Two soldiers died in an ambush by JNIM fighters near Boni.",
            "ambush",
            SubEventType.armed_clash,
            "MLI",
            [JNIM],
            [MALI],
        ),
        (
            "Myanmar military and AA fighters clashed near the village.",
            "clashed",
            SubEventType.armed_clash,
            "MMR",
            ["Military Forces of Myanmar (2021-)"],
            ["ULA/AA: United League of Arakan/Arakan Army"],
        ),
        (
            "Clashes erupted between Houthi forces and pro-government forces in Marib.",
            "Clashes",
            SubEventType.armed_clash,
            "YEM",
            ["Military Forces of Yemen (2016-) Supreme Political Council"],
            ["Military Forces of Yemen (2022-)"],
        ),
        (
            "Israeli airstrikes hit a Hezbollah depot near Homs.",
            "airstrikes",
            SubEventType.air_drone_strike,
            "SYR",
            ["Military Forces of Israel (2022-)"],
            ["Hezbollah"],
        ),
        (
            "Iraqi forces repelled an IS attack near Shirqat.",
            "repelled",
            SubEventType.armed_clash,
            "IRQ",
            ["Islamic State (Iraq)"],
            ["Military Forces of Iraq (2022-)"],
        ),
        (
            "A shoot-out took place in the neighbourhood overnight.",
            "shoot-out",
            SubEventType.armed_clash,
            "BRA",
            ["Unidentified Armed Group (Brazil)"],
            ["Unidentified Armed Group (Brazil)"],
        ),
        (
            "Turkish forces and Syrian factions operating under OPS shelled the village.",
            "shelled",
            SubEventType.shelling_artillery_missile,
            "SYR",
            ["Operation Peace Spring", "Military Forces of Turkey (2016-)"],
            [],
        ),
        (
            "The Ukrainian forces fired mortars at the positions of the Donbass People's Militia near Donetsk.",
            "fired",
            SubEventType.shelling_artillery_missile,
            "UKR",
            ["Military Forces of Ukraine (2019-)"],
            ["NAF: United Armed Forces of Novorossiya", "Donbass People's Militia"],
        ),
        (
            "A mob beat a suspected thief to death in the market.",
            "beat",
            SubEventType.mob_violence,
            "NGA",
            ["Rioters (Nigeria)"],
            ["Civilians (Nigeria)"],
        ),
        (
            "Suspected Fulani herders killed a farmer in his field.",
            "killed",
            SubEventType.attack,
            "NGA",
            ["Fulani Ethnic Militia (Nigeria)"],
            ["Civilians (Nigeria)"],
        ),
        (
            "Farmers armed with machetes attacked a herders' camp and killed two people.",
            "attacked",
            SubEventType.attack,
            "BEN",
            ["Unidentified Communal Militia (Benin)"],
            ["Civilians (Benin)"],
        ),
        (
            "Unidentified armed men abducted a teacher on the road.",
            "abducted",
            SubEventType.abduction,
            "NER",
            ["Unidentified Armed Group (Niger)"],
            ["Civilians (Niger)"],
        ),
    ],
)
def test_actor_roles_read_from_the_parse(
    resolver: ActorResolver,
    text: str,
    trigger: str,
    sub: SubEventType,
    iso3: str,
    actor1: list[str],
    actor2: list[str],
) -> None:
    roles, side1, side2 = read(resolver, text, trigger, sub, iso3)
    assert (side1, side2) == (actor1, actor2)
    assert roles.status is ActorStatus.stated


@pytest.mark.parametrize(
    ("text", "trigger", "sub", "actor1", "status", "claimant"),
    [
        (
            "The CSP-DPA blamed Mali's army and Wagner mercenaries for the drone strike.",
            "drone strike",
            SubEventType.air_drone_strike,
            [MALI, "Wagner Group"],
            ActorStatus.alleged,
            CSP,
        ),
        (
            "At least 21 people were killed by drone strikes on the town, Tuareg rebels said. The strikes hit a pharmacy. "
            "The CSP-DPA blamed Mali's army and Wagner mercenaries, and said neighboring Burkina Faso operated the drone.",
            "drone strikes",
            SubEventType.air_drone_strike,
            [MALI, "Wagner Group", "Military Forces of Burkina Faso (2022-)"],
            ActorStatus.alleged,
            CSP,
        ),
        (
            "According to residents, jihadists attacked the market in Boni.",
            "attacked",
            SubEventType.attack,
            ["Unidentified Armed Group (Mali)"],
            ActorStatus.alleged,
            "Civilians (Mali)",
        ),
        (
            "Tuareg rebels said they killed 47 Malian soldiers near the border.",
            "killed",
            SubEventType.armed_clash,
            [CSP],
            ActorStatus.claimed,
            CSP,
        ),
        (
            "JNIM said its fighters ambushed an army convoy near Boni.",
            "ambushed",
            SubEventType.armed_clash,
            [JNIM],
            ActorStatus.claimed,
            JNIM,
        ),
    ],
)
def test_actor_roles_attribution_status(
    resolver: ActorResolver,
    text: str,
    trigger: str,
    sub: SubEventType,
    actor1: list[str],
    status: ActorStatus,
    claimant: str,
) -> None:
    roles, side1, _ = read(resolver, text, trigger, sub, "MLI")
    assert side1 == actor1
    assert roles.status is status
    assert roles.attributed_by == claimant


def test_actor_roles_alleged_perpetrator_is_not_the_victim(resolver: ActorResolver) -> None:
    text = "At least 21 civilians were killed by drone strikes on Sunday. The CSP-DPA blamed Mali's army."
    _, side1, side2 = read(resolver, text, "drone strikes", SubEventType.air_drone_strike, "MLI")
    assert side1 == [MALI]
    assert side2 == ["Civilians (Mali)"]


def test_actor_roles_event_actors_fill_acled_columns(resolver: ActorResolver) -> None:
    text = (
        "Drone strikes killed 21 civilians in the town on Sunday, a rebel spokesman said. "
        "The CSP-DPA blamed Mali's army and Wagner mercenaries for the strikes."
    )
    nlp = load_nlp(resolver.ruler_patterns(), key=resolver.fingerprint)
    article = Article(id="test", text=text, published=PartialDate.parse("2024-08-26"))
    document = Document(
        article=article, sentences=split_sentences(text), published=article.published
    )
    for sentence in document.sentences:
        sentence.doc = nlp(sentence.text)
    sentence = document.sentences[0]
    mention = EventMention(
        sentence=sentence,
        sub_event_type=SubEventType.air_drone_strike,
        score=1.0,
        trigger=sentence.span(0, len("Drone strikes")),
    )
    actors = resolver.event_actors(
        document, mention, resolver.find(document), country_iso3="MLI", date=dt.date(2024, 8, 25)
    )
    assert actors.actor1 is not None and actors.actor2 is not None
    assert (actors.actor1.name, actors.actor1.inter) == (MALI, 1)
    assert actors.actor1.status is ActorStatus.alleged and actors.actor1.attributed_by == CSP
    assert [(a.name, a.inter, a.status) for a in actors.assoc_actor_1] == [
        ("Wagner Group", 8, ActorStatus.alleged)
    ]
    assert (actors.actor2.name, actors.actor2.inter, actors.actor2.status) == (
        "Civilians (Mali)",
        7,
        ActorStatus.stated,
    )
    assert actors.actor1.evidence[0].text == "Mali's army"
    assert actors.assoc_actor_2 == []
