"""Who says what: the subject of a passive reporting verb is what is told, not who tells it."""

from __future__ import annotations

import pytest

from sitrep.model import Article, PartialDate
from sitrep.nlp import load_nlp
from sitrep.pipeline.actors import ActorResolver
from sitrep.pipeline.claims import find_attributions
from sitrep.pipeline.document import Document
from sitrep.pipeline.mentions import Attribution
from sitrep.pipeline.segment import split_sentences


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver(extra_paths=[])


def attributions(resolver: ActorResolver, text: str) -> list[Attribution]:
    nlp = load_nlp(resolver.ruler_patterns(), key=resolver.fingerprint)
    article = Article(id="test", text=text, published=PartialDate.parse("2024-08-26"))
    document = Document(
        article=article, sentences=split_sentences(text), published=article.published
    )
    for sentence in document.sentences:
        sentence.doc = nlp(sentence.text)
    return find_attributions(document, resolver.find(document, ["LBY"]))


@pytest.mark.parametrize(
    "text",
    [
        "Heavy artillery fire by an unknown party was reported in Tripoli on Sunday.",
        "Protests were held in Benghazi against the rising price of bread.",
    ],
)
def test_claims_passive_subject_is_not_a_speaker(resolver: ActorResolver, text: str) -> None:
    assert [a.claimant_text for a in attributions(resolver, text)] == []


def test_claims_active_subject_is_the_speaker(resolver: ActorResolver) -> None:
    found = attributions(resolver, "Residents said heavy artillery fire hit the district.")
    assert [(a.claimant_text, a.kind) for a in found] == [("Residents", "statement")]


def test_claims_a_speaker_keeps_speaking_in_a_second_verb(resolver: ActorResolver) -> None:
    found = attributions(
        resolver,
        "The local council said the shells killed four farmers and accused the militia of "
        "firing at the market.",
    )
    assert [(a.claimant_text, a.kind) for a in found] == [
        ("The local council", "statement"),
        ("The local council", "accusation"),
    ]


def test_claims_a_dateline_is_not_the_speaker(resolver: ActorResolver) -> None:
    found = attributions(
        resolver, "TRIPOLI (Reuters) - The interior ministry said clashes killed three people."
    )
    assert [a.claimant_text for a in found] == ["The interior ministry"]


def test_claims_the_speaker_is_the_subject_right_before_the_verb(resolver: ActorResolver) -> None:
    found = attributions(
        resolver,
        "Nine people were killed when a bomb hit a bus in Sabha, Fezzan region, on Friday, "
        "hospital officials said.",
    )
    assert [a.claimant_text for a in found] == ["hospital officials"]


@pytest.mark.parametrize(
    "text",
    [
        "No group has claimed responsibility for the bombing.",
        "Nobody claimed the attack.",
    ],
)
def test_claims_nobody_claiming_is_no_claim(resolver: ActorResolver, text: str) -> None:
    assert attributions(resolver, text) == []
