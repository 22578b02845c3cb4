"""Article-level passes: references back, arrests and riots at protests, details lowered."""

from __future__ import annotations

import pytest
from spacy.language import Language

from sitrep.model import Article
from sitrep.nlp import load_nlp
from sitrep.pipeline.detect import EventDetector
from sitrep.pipeline.document import Document
from sitrep.pipeline.segment import split_sentences
from sitrep.taxonomy import SubEventType as S


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp([{"label": "GPE", "pattern": "Mali", "id": "MLI"}], key="tests-event-article")


@pytest.fixture(scope="module")
def detector() -> EventDetector:
    return EventDetector()


def document(nlp: Language, text: str) -> Document:
    article = Article(id="t", text=text)
    doc = Document(article=article, sentences=split_sentences(text))
    for sentence in doc.sentences:
        sentence.doc = nlp(sentence.text)
    return doc


def test_event_article_a_reference_back_takes_the_type_of_the_event_told_before(
    detector: EventDetector, nlp: Language
) -> None:
    text = (
        "Supporters of two rival clan elders clashed with hunting rifles at the market. "
        "Six people were wounded in the clashes."
    )
    alone = detector(document(nlp, "Six people were wounded in the clashes."))[0]
    mentions = detector(document(nlp, text))
    assert alone.sub_event_type is S.mob_violence
    assert [m.sub_event_type for m in mentions] == [S.armed_clash, S.armed_clash]


def test_event_article_a_crowd_rioting_after_a_protest_is_a_violent_demonstration(
    detector: EventDetector, nlp: Language
) -> None:
    riot = "Youths threw stones at the police and burned a car."
    alone = detector(document(nlp, riot))
    told = detector(document(nlp, "Shopkeepers demonstrated against the new market tax. " + riot))
    assert [m.sub_event_type for m in alone] == [S.mob_violence]
    assert [m.sub_event_type for m in told] == [S.peaceful_protest, S.violent_demonstration]


def test_event_article_lowers_general_violence_told_beside_a_named_kind_of_violence(
    detector: EventDetector, nlp: Language
) -> None:
    detail = "Four herders were wounded with knives."
    alone = detector(document(nlp, detail))[0]
    mentions = detector(document(nlp, "Herders and farmers clashed near the river. " + detail))
    wounded = next(m for m in mentions if m.inferred)
    assert wounded.score < alone.score


def test_event_article_arrests_at_a_protest_make_it_a_protest_with_intervention(
    detector: EventDetector, nlp: Language
) -> None:
    dispersed = "Hundreds of nurses protested outside the ministry. Police arrested twelve of them."
    mentions = detector(document(nlp, dispersed))
    assert mentions[0].sub_event_type is S.protest_with_intervention
    assert "arrested" in [span.text for span in mentions[0].evidence]


def test_event_article_a_protest_against_an_arrest_stays_peaceful(
    detector: EventDetector, nlp: Language
) -> None:
    cause = "Journalists protested against the arrest of their editor. He was arrested on Monday."
    mentions = detector(document(nlp, cause))
    assert mentions[0].sub_event_type is S.peaceful_protest


def test_event_article_lowers_details_of_a_more_specific_report(
    detector: EventDetector, nlp: Language
) -> None:
    text = "Soldiers clashed with militants near the village. The troops later seized weapons."
    alone = detector(document(nlp, "The troops later seized weapons."))[0]
    mentions = detector(document(nlp, text))
    seizure = next(m for m in mentions if m.sub_event_type is S.disrupted_weapons_use)
    assert seizure.score < alone.score
