"""Run the extraction stages in order: article in, coded events out.

    prepare (clean text, metadata) -> segment -> select + parse (spaCy) -> detect events
    -> actors -> places -> dates -> casualties -> claims -> assemble events

Each stage is one module under ``sitrep.pipeline`` with one entry point; the ``Extractor`` holds
the loaded resources (language model, gazetteer, actor dictionary, event lexicon) so they are
loaded once and can be injected in tests and notebooks.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitrep.model import Article, ExtractionResult, PartialDate
from sitrep.pipeline import actors as actors_stage
from sitrep.pipeline import assemble as assemble_stage
from sitrep.pipeline import casualties as casualties_stage
from sitrep.pipeline import claims as claims_stage
from sitrep.pipeline import dates as dates_stage
from sitrep.pipeline import detect as detect_stage
from sitrep.pipeline import places as places_stage
from sitrep.pipeline.clean import RawArticle, prepare_article
from sitrep.pipeline.document import Document, Sentence
from sitrep.pipeline.segment import split_sentences

if TYPE_CHECKING:
    from spacy.language import Language

    from sitrep.gazetteer import Gazetteer

__all__ = ["Extractor", "extract"]


@dataclass
class Extractor:
    """Holds the resources of the pipeline; ``extract`` is safe to call many times.

    Every resource is optional: a default is loaded on first use (the embedded gazetteer, the
    shipped actor dictionary and event lexicon, the installed spaCy model).
    """

    nlp: Language | None = None
    gazetteer: Gazetteer | None = None
    actors: actors_stage.ActorResolver | None = None
    detector: detect_stage.EventDetector | None = None
    geocoder: places_stage.Geocoder | None = None
    parse_all: bool = False  # parse every sentence, not only those the detector selects

    def prepare(self) -> Extractor:
        """Load every resource now (model, dictionaries, gazetteer, the town index of the
        actor stage) instead of on first use, then take what is loaded out of the garbage
        collector's scans (``gc.freeze``: the resources live as long as the process, and full
        collections no longer walk their hundreds of thousands of objects)."""
        self._ready()
        from sitrep.reference import place_countries

        place_countries([])  # builds the town -> country index (about a second) once
        gc.collect()
        gc.freeze()
        return self

    def _ready(self) -> None:
        if self.actors is None:
            self.actors = actors_stage.ActorResolver()
        if self.detector is None:
            self.detector = detect_stage.EventDetector(actor_classes=self.actors.cue_classes())
        if self.nlp is None:
            from sitrep.nlp import load_nlp

            self.nlp = load_nlp(self.actors.ruler_patterns(), key=self.actors.fingerprint)
        if self.geocoder is None:
            if self.gazetteer is None:
                from sitrep.gazetteer import open_default_gazetteer

                self.gazetteer = open_default_gazetteer()
            self.geocoder = places_stage.Geocoder(
                self.gazetteer, actor_dictionary=self.actors.dictionary
            )

    # -- public -----------------------------------------------------------------------------
    def extract(
        self,
        text: str | RawArticle | Article,
        *,
        published: str | dt.date | PartialDate | None = None,
        title: str | None = None,
        url: str | None = None,
        source: str | None = None,
    ) -> ExtractionResult:
        """Extract the events of one article (plain text, a ``RawArticle`` or an ``Article``)."""
        article = self._article(text, published=published, title=title, url=url, source=source)
        return next(iter(self.extract_articles([article])))

    def extract_articles(
        self, articles: Iterable[Article], batch_size: int = 16
    ) -> Iterator[ExtractionResult]:
        """Extract many prepared articles, batching the model calls."""
        self._ready()
        batch: list[Document] = []
        for article in articles:
            batch.append(self._document(article))
            if len(batch) >= batch_size:
                yield from self._run(batch)
                batch = []
        if batch:
            yield from self._run(batch)

    # -- stages -----------------------------------------------------------------------------
    def _article(
        self,
        text: str | RawArticle | Article,
        *,
        published: str | dt.date | PartialDate | None,
        title: str | None,
        url: str | None,
        source: str | None,
    ) -> Article:
        if isinstance(text, Article):
            return text
        raw = text if isinstance(text, RawArticle) else RawArticle(text=text)
        if published is not None:
            raw.published = published
        raw.title = title or raw.title
        raw.url = url or raw.url
        raw.source = source or raw.source
        return prepare_article(raw)

    def _document(self, article: Article) -> Document:
        sentences = split_sentences(article.text, title=article.title)
        return Document(article=article, sentences=sentences, published=article.published)

    def _run(self, documents: list[Document]) -> Iterator[ExtractionResult]:
        assert self.nlp is not None and self.detector is not None
        assert self.actors is not None and self.geocoder is not None
        events: list[Sentence] = []  # sentences with an event word: the whole model
        others: list[Sentence] = []  # with only a toll or a "said": no statistical NER
        for document in documents:
            for sentence in document.sentences:
                level = 2 if self.parse_all else self.detector.relevance(sentence.text)
                sentence.relevance = level
                if level == 2:
                    events.append(sentence)
                elif level == 1:
                    others.append(sentence)
        for sentence, doc in zip(events, self.nlp.pipe(s.text for s in events), strict=True):
            sentence.doc = doc
        light = self.nlp.pipe((s.text for s in others), disable=["ner"])
        for sentence, doc in zip(others, light, strict=True):
            sentence.doc = doc
        for document in documents:
            yield self._extract_document(document)

    def _extract_document(self, document: Document) -> ExtractionResult:
        assert self.detector is not None and self.actors is not None and self.geocoder is not None
        mentions = self.detector(document)
        actor_mentions = self.actors.find(document)
        toponyms = self.geocoder.toponyms(document, actor_mentions)
        times = dates_stage.find_time_expressions(document)
        counts = casualties_stage.find_counts(document)
        attributions = claims_stage.find_attributions(document, actor_mentions)
        events = assemble_stage.assemble(
            document,
            mentions=mentions,
            actors=actor_mentions,
            resolver=self.actors,
            toponyms=toponyms,
            geocoder=self.geocoder,
            times=times,
            counts=counts,
            attributions=attributions,
        )
        return ExtractionResult(article=document.article, events=events)


_default: Extractor | None = None


def extract(
    text: str,
    *,
    published: str | dt.date | PartialDate | None = None,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
) -> ExtractionResult:
    """Extract the conflict events reported in ``text`` with the default resources.

    >>> result = sitrep.extract(text, published="2024-08-26")   # doctest: +SKIP
    >>> [(e.sub_event_type.value, e.fatalities.best) for e in result.reported]  # doctest: +SKIP
    """
    global _default
    if _default is None:
        _default = Extractor()
    return _default.extract(text, published=published, title=title, url=url, source=source)
