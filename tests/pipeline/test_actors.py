"""The actor stage: the entity ruler's fixes, finding actors, and normalising them to ACLED names."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from sitrep.model import Article, PartialDate
from sitrep.nlp import load_nlp
from sitrep.pipeline.actors import ActorResolver
from sitrep.pipeline.document import Document
from sitrep.pipeline.mentions import ActorMention, EventMention
from sitrep.pipeline.segment import split_sentences
from sitrep.taxonomy import SubEventType


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver(extra_paths=[])


def parse(resolver: ActorResolver, text: str, published: str = "2024-08-26") -> Document:
    """A document whose sentences are all parsed with the resolver's ruler in front of the NER."""
    nlp = load_nlp(resolver.ruler_patterns(), key=resolver.fingerprint)
    article = Article(id="test", text=text, published=PartialDate.parse(published))
    document = Document(
        article=article, sentences=split_sentences(text), published=article.published
    )
    for sentence in document.sentences:
        sentence.doc = nlp(sentence.text)
    return document


def names(
    resolver: ActorResolver,
    mentions: list[ActorMention],
    iso3: str | None,
    day: dt.date | None = None,
) -> list[str]:
    return [
        resolver.normalise(m, country_iso3=iso3, date=day or dt.date(2024, 8, 25)).name
        for m in mentions
    ]


@pytest.mark.parametrize(
    ("text", "words", "label"),
    [
        ("Mali had already carried out airstrikes on insurgent targets.", "Mali", "GPE"),
        ("Neighboring Burkina Faso operated the drone, the rebels said.", "Burkina Faso", "GPE"),
        ("The CSP-DPA pulled out of talks in 2022.", "CSP-DPA", "ORG"),
        ("Wagner said it suffered heavy losses.", "Wagner", "ORG"),
        ("Niger's junta expelled the French ambassador.", "Niger", "GPE"),
    ],
)
def test_actors_ruler_labels_countries_and_groups(
    resolver: ActorResolver, text: str, words: str, label: str
) -> None:
    doc = parse(resolver, text).sentences[0].doc
    assert doc is not None
    assert (words, label) in [(e.text, e.label_) for e in doc.ents]


def test_actors_short_acronyms_are_case_sensitive(resolver: ActorResolver) -> None:
    patterns = resolver.ruler_patterns()
    assert {"label": "ORG", "pattern": [{"TEXT": "IS"}], "id": "IS"} in patterns
    doc = parse(resolver, "It is clear that the convoy is late.").sentences[0].doc
    assert doc is not None and not [e for e in doc.ents if e.label_ == "ORG"]


def test_actors_kidal_is_not_an_actor(resolver: ActorResolver) -> None:
    document = parse(resolver, "Fighting broke out near Kidal on Tuesday.")
    assert [m.span.text for m in resolver.find(document)] == []


@pytest.mark.parametrize(
    ("text", "iso3", "expected"),
    [
        (
            "Malian soldiers and Russian mercenaries clashed with JNIM fighters near Kidal.",
            "MLI",
            [
                "Military Forces of Mali (2021-)",
                "Wagner Group",
                "JNIM: Group for Support of Islam and Muslims",
            ],
        ),
        (
            "The CSP-DPA blamed Mali's army and Wagner mercenaries.",
            "MLI",
            [
                "CSP-DPA: Strategic Framework for the Defense of the People of Azawad",
                "Military Forces of Mali (2021-)",
                "Wagner Group",
            ],
        ),
        (
            "FAMa troops repelled an attack by Jama'at Nusrat al-Islam wal-Muslimin.",
            "MLI",
            ["Military Forces of Mali (2021-)", "JNIM: Group for Support of Islam and Muslims"],
        ),
        (
            "An al-Qaeda affiliate said it had killed 10 soldiers in Mali.",
            "MLI",
            ["JNIM: Group for Support of Islam and Muslims", "Military Forces of Mali (2021-)"],
        ),
        (
            "Police fired tear gas at protesters in Nairobi.",
            "KEN",
            ["Police Forces of Kenya (2022-)", "Protesters (Kenya)"],
        ),
        (
            "Gunmen killed five villagers in central Nigeria.",
            "NGA",
            ["Unidentified Armed Group (Nigeria)", "Civilians (Nigeria)"],
        ),
        (
            "A mob lynched two suspected thieves in Lagos.",
            "NGA",
            ["Rioters (Nigeria)", "Unidentified Gang (Nigeria)"],
        ),
        (
            "Fulani militiamen attacked the village at dawn.",
            "NGA",
            ["Fulani Ethnic Militia (Nigeria)"],
        ),
        (
            "Burkinabe soldiers crossed into Mali.",
            "MLI",
            ["Military Forces of Burkina Faso (2022-)"],
        ),
        (
            "Islamic State militants ambushed an army patrol.",
            "IRQ",
            ["Islamic State (Iraq)", "Military Forces of Iraq (2022-)"],
        ),
        (
            "Islamic State militants ambushed an army patrol.",
            "NER",
            ["Islamic State (Sahel Province)", "Military Forces of Niger (2023-)"],
        ),
        (
            "Al-Shabaab fighters stormed a police station.",
            "SOM",
            ["Al Shabaab", "Police Forces of Somalia (2022-)"],
        ),
        (
            "Al-Shabaab fighters stormed a police station.",
            "MOZ",
            ["Islamic State (Mozambique)", "Police Forces of Mozambique (1990-)"],
        ),
        (
            "On 4 May, military forces of India and Pakistan exchanged fire.",
            "IND",
            ["Military Forces of India (2014-)", "Military Forces of Pakistan (2022-)"],
        ),
        (
            "Gendarmes beat a driver at a checkpoint in Conakry.",
            "GIN",
            ["Military Forces of Guinea (2021-) Gendarmerie", "Civilians (Guinea)"],
        ),
        (
            "Presumed JNIM or ISGS militants killed a pastor.",
            "BFA",
            [
                "JNIM: Group for Support of Islam and Muslims and/or Islamic State (Sahel Province)",
                "Civilians (Burkina Faso)",
            ],
        ),
        (
            "Anti-Houthi National Resistance forces fired rockets.",
            "YEM",
            ["National Resistance Forces"],
        ),
        # forces named by their country alone are its state forces; rebel forces are not
        (
            "Nigerien forces repelled an assault on the base.",
            "NER",
            ["Military Forces of Niger (2023-)"],
        ),
        ("Rebel forces shelled the town.", "MLI", ["Unidentified Armed Group (Mali)"]),
    ],
)
def test_actors_find_normalises_named_and_generic_actors(
    resolver: ActorResolver, text: str, iso3: str, expected: list[str]
) -> None:
    mentions = resolver.find(parse(resolver, text), [iso3])
    assert names(resolver, mentions, iso3) == expected


def test_actors_context_alias_needs_the_country(resolver: ActorResolver) -> None:
    text = "An al-Qaeda affiliate claimed the attack."
    in_mali = resolver.find(parse(resolver, text), ["MLI"])
    in_france = resolver.find(parse(resolver, text), ["FRA"])
    assert names(resolver, in_mali, "MLI") == ["JNIM: Group for Support of Islam and Muslims"]
    assert "JNIM: Group for Support of Islam and Muslims" not in names(resolver, in_france, "FRA")


def test_actors_article_countries_come_from_names_and_demonyms(resolver: ActorResolver) -> None:
    text = "Malian soldiers and Wagner fought near the Algerian border. Mali's junta said Mali would respond."
    assert resolver.article_countries(text)[:2] == ["MLI", "DZA"]


@pytest.mark.parametrize(
    ("day", "as_of", "expected"),
    [
        (dt.date(2024, 8, 25), None, "Military Forces of Mali (2021-)"),
        (dt.date(2019, 3, 23), None, "Military Forces of Mali (2013-2020)"),
        (dt.date(2019, 3, 23), dt.date(2019, 12, 31), "Military Forces of Mali (2013-)"),
        (None, None, "Military Forces of Mali (2021-)"),
    ],
)
def test_actors_normalise_state_forces_by_regime(
    day: dt.date | None, as_of: dt.date | None, expected: str
) -> None:
    resolver = ActorResolver(extra_paths=[], as_of=as_of)
    mention = resolver.find(parse(resolver, "Malian soldiers were deployed."), ["MLI"])[0]
    ref = resolver.normalise(mention, country_iso3="MLI", date=day)
    assert (ref.name, ref.inter, ref.actor_id) == (expected, 1, "military:MLI")
    assert ref.evidence[0].text == "Malian soldiers"


@pytest.mark.parametrize(
    ("text", "event_iso3", "expected"),
    [
        ("Burkinabe soldiers crossed the border.", "MLI", 8),  # foreign state forces
        ("Burkinabe soldiers crossed the border.", "BFA", 1),
        ("Wagner mercenaries arrived in Bamako.", "MLI", 8),
        ("Houthi forces fired missiles at Jizan.", "SAU", 8),
        ("Houthi forces shelled Taiz.", "YEM", 1),
    ],
)
def test_actors_normalise_inter_of_foreign_forces(
    resolver: ActorResolver, text: str, event_iso3: str, expected: int
) -> None:
    mention = resolver.find(parse(resolver, text), [event_iso3])[0]
    assert (
        resolver.normalise(mention, country_iso3=event_iso3, date=dt.date(2024, 1, 1)).inter
        == expected
    )


def test_actors_normalise_former_names_by_date(resolver: ActorResolver) -> None:
    mention = resolver.find(parse(resolver, "The Taliban attacked a checkpoint."), ["AFG"])[0]
    before = resolver.normalise(mention, country_iso3="AFG", date=dt.date(2020, 5, 1))
    after = resolver.normalise(mention, country_iso3="AFG", date=dt.date(2023, 5, 1))
    assert (before.name, before.inter) == ("Taliban", 2)
    assert (after.name, after.inter) == ("Military Forces of Afghanistan (2021-)", 1)


def test_actors_generic_actor_without_country_keeps_a_usable_name(resolver: ActorResolver) -> None:
    mention = resolver.find(parse(resolver, "Gunmen opened fire on a bus."), [])[0]
    ref = resolver.normalise(mention, country_iso3=None, date=None)
    assert (ref.name, ref.inter) == ("Unidentified Armed Group", 3)


def test_actors_user_dictionary_adds_an_actor(tmp_path: Path) -> None:
    (tmp_path / "local.json").write_text(
        json.dumps(
            {
                "actors": [
                    {
                        "id": "kata",
                        "name": "Kata Communal Militia (Mali)",
                        "inter": 4,
                        "aliases": ["Kata hunters"],
                        "countries": ["MLI"],
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    shipped = ActorResolver(extra_paths=[])
    extended = ActorResolver(extra_paths=[tmp_path])
    assert extended.fingerprint != shipped.fingerprint
    mentions = extended.find(
        parse(extended, "Kata hunters killed two herders near Mopti."), ["MLI"]
    )
    ref = extended.normalise(mentions[0], country_iso3="MLI", date=dt.date(2024, 1, 1))
    assert (ref.name, ref.inter, ref.actor_id) == ("Kata Communal Militia (Mali)", 4, "kata")


def test_actors_user_dictionary_is_read_from_sitrep_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "actors").mkdir()
    (tmp_path / "actors" / "extra.json").write_text(
        json.dumps(
            {
                "actors": [
                    {"id": "zz", "name": "Zulu Brigade", "inter": 3, "aliases": ["Zulu Brigade"]}
                ]
            }
        ),
        encoding="utf-8",
    )
    monkeypatch.setenv("SITREP_HOME", str(tmp_path))
    assert ActorResolver().dictionary.actor("zz") is not None


def test_actors_document_countries_fall_back_to_towns(resolver: ActorResolver) -> None:
    document = parse(resolver, "Gunmen shot dead two men in Tijuana, Baja California, on Sunday.")
    assert resolver.document_countries(document)[:1] == ["MEX"]
    mentions = resolver.find(document)
    assert names(resolver, mentions[:1], "MEX") == ["Unidentified Armed Group (Mexico)"]


def event_pair(
    resolver: ActorResolver,
    text: str,
    trigger: str,
    sub: SubEventType,
    iso3: str | None,
    day: dt.date,
) -> tuple[str | None, str | None]:
    """actor1 and actor2 of the event at ``trigger``, found without a country as in the pipeline."""
    document = parse(resolver, text, published=day.isoformat())
    start = text.index(trigger)
    sentence = document.sentence_at(start)
    assert sentence is not None
    mention = EventMention(
        sentence=sentence,
        sub_event_type=sub,
        score=1.0,
        trigger=document.span(start, start + len(trigger)),
    )
    actors = resolver.event_actors(
        document, mention, resolver.find(document), country_iso3=iso3, date=day
    )
    return (
        actors.actor1.name if actors.actor1 else None,
        actors.actor2.name if actors.actor2 else None,
    )


@pytest.mark.parametrize(
    ("iso3", "day", "sub", "expected"),
    [
        (
            "UKR",
            dt.date(2020, 5, 5),
            SubEventType.armed_clash,
            ("Military Forces of Ukraine (2019-)", "NAF: United Armed Forces of Novorossiya"),
        ),
        (
            "UKR",
            dt.date(2020, 5, 5),
            SubEventType.shelling_artillery_missile,
            ("Military Forces of Ukraine (2019-)", None),
        ),
        (
            "UKR",
            dt.date(2023, 5, 5),
            SubEventType.shelling_artillery_missile,
            ("Military Forces of Russia (2000-)", None),
        ),
        (
            "MLI",
            dt.date(2020, 5, 5),
            SubEventType.shelling_artillery_missile,
            ("Unidentified Armed Group (Mali)", None),
        ),
    ],
)
def test_actors_front_codes_fire_nobody_is_named_for(
    resolver: ActorResolver,
    iso3: str,
    day: dt.date,
    sub: SubEventType,
    expected: tuple[str | None, str | None],
) -> None:
    text = "Monitors observed 14 explosions near the village on Tuesday."
    assert event_pair(resolver, text, "explosions", sub, iso3, day)[0] == expected[0]
    assert event_pair(resolver, text, "explosions", sub, iso3, day) == expected


def test_actors_front_leaves_named_sides_alone(resolver: ActorResolver) -> None:
    text = "Gunmen fired at a police checkpoint in Kharkiv on Tuesday."
    pair = event_pair(resolver, text, "fired", SubEventType.armed_clash, "UKR", dt.date(2020, 5, 5))
    assert pair == ("Unidentified Armed Group (Ukraine)", "Police Forces of Ukraine (2019-)")


@pytest.mark.parametrize(
    ("text", "iso3", "expected"),
    [
        (
            "Armed men on a motorcycle killed a man in a drive-by shooting in Culiacan.",
            "MEX",
            "Unidentified Gang (Mexico)",
        ),
        (
            "The body of a man was found with his hands tied in a field near Culiacan.",
            "MEX",
            "Unidentified Gang (Mexico)",
        ),
        (
            "Armed men on a motorcycle killed a man in a drive-by shooting in Fortaleza.",
            "BRA",
            "Unidentified Gang and/or Police Militia",
        ),
        (
            "Armed men killed a man outside his home in Culiacan.",
            "MEX",
            "Unidentified Armed Group (Mexico)",
        ),
        (
            "Armed men on a motorcycle killed a man in a drive-by shooting in Medellin.",
            "COL",
            "Unidentified Armed Group (Colombia)",
        ),
        (
            "A gunman killed a boy in Kingston in what police called a gang-related attack.",
            "JAM",
            "Unidentified Gang (Jamaica)",
        ),
    ],
)
def test_actors_hallmarks_mark_gangs_where_coders_read_them_so(
    resolver: ActorResolver, text: str, iso3: str, expected: str
) -> None:
    trigger = "killed" if "killed" in text else "found"
    pair = event_pair(resolver, text, trigger, SubEventType.attack, iso3, dt.date(2020, 5, 5))
    assert pair[0] == expected


@pytest.mark.parametrize(
    ("iso3", "expected"),
    [("YEM", "Operation Restoring Hope"), ("SAU", "Military Forces of Saudi Arabia (2015-)")],
)
def test_actors_operation_names_foreign_forces(
    resolver: ActorResolver, iso3: str, expected: str
) -> None:
    text = "Saudi forces fired artillery rockets at villages near the border."
    pair = event_pair(
        resolver,
        text,
        "fired",
        SubEventType.shelling_artillery_missile,
        iso3,
        dt.date(2020, 5, 5),
    )
    assert pair[0] == expected


def test_actors_provisional_alias_is_settled_by_the_event_country(
    resolver: ActorResolver,
) -> None:
    """A note that names no country: "regime" names Syria's forces only if the event is in Syria."""
    text = "Unidentified gunmen opened fire at a regime checkpoint on the outskirts of Sahwa."
    syria = "Military Forces of Syria"
    found = names(resolver, resolver.find(parse(resolver, text)), None)
    assert not any(name.startswith(syria) for name in found)
    day = dt.date(2020, 5, 5)
    in_syria = event_pair(resolver, text, "opened fire", SubEventType.armed_clash, "SYR", day)
    in_mali = event_pair(resolver, text, "opened fire", SubEventType.armed_clash, "MLI", day)
    assert in_syria[0] == "Unidentified Armed Group (Syria)"
    assert (in_syria[1] or "").startswith(syria)
    assert not any((name or "").startswith(syria) for name in in_mali)


def test_actors_state_name_extended_over_a_unit_takes_its_suffix(resolver: ActorResolver) -> None:
    text = "Russian military police conducted a patrol near Abu Rasin."
    mentions = resolver.find(parse(resolver, text), ["SYR"])
    assert names(resolver, mentions, "SYR", dt.date(2020, 5, 2))[:1] == [
        "Military Forces of Russia (2000-) Military Police"
    ]


def test_actors_context_words_place_a_text_in_a_country(resolver: ActorResolver) -> None:
    text = "The OSCE SMM observed 12 shots near Naberezhne."
    assert resolver.article_countries(text) == ["UKR"]


def test_actors_bare_police_is_the_police_unit_named_before(resolver: ActorResolver) -> None:
    text = (
        "Military Police officers raided a house in Niteroi. "
        "The police seized two pistols and arrested a suspect."
    )
    mentions = resolver.find(parse(resolver, text), ["BRA"])
    assert names(resolver, mentions, "BRA", dt.date(2020, 5, 7)) == [
        "Military Forces of Brazil (2019-2023) Military Police",
        "Military Forces of Brazil (2019-2023) Military Police",
    ]
