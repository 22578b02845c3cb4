"""The working representation of one article inside the pipeline.

The article text is split into paragraphs and sentences cheaply (rules, no model); only the
sentences that matter for events are run through the spaCy model (see ``sitrep.nlp``). Each
``Sentence`` knows its character offset in the article, so every spaCy token or entity maps back
to a ``Span`` of ``Article.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sitrep.model import Article, PartialDate, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan


@dataclass
class Sentence:
    index: int
    start: int  # character offset of the sentence in the article text
    end: int
    text: str
    paragraph: int
    doc: Doc | None = None  # the parsed sentence, when it was selected for the model
    is_title: bool = False
    relevance: int | None = None  # the detector's relevance level (0-2), when the extractor set it

    def span(self, start: int, end: int) -> Span:
        """A model ``Span`` from offsets local to this sentence."""
        return Span(start=self.start + start, end=self.start + end, text=self.text[start:end])

    def span_of(self, item: SpacySpan | Token) -> Span:
        """The article ``Span`` of a spaCy span or token of ``self.doc``."""
        from spacy.tokens import Token

        if isinstance(item, Token):
            return self.span(item.idx, item.idx + len(item.text))
        return self.span(item.start_char, item.end_char)


@dataclass
class Document:
    article: Article
    sentences: list[Sentence]
    published: PartialDate | None = None
    annotations: dict[str, object] = field(default_factory=dict)  # stage outputs, by stage name

    @property
    def text(self) -> str:
        return self.article.text

    def span(self, start: int, end: int) -> Span:
        return Span(start=start, end=end, text=self.article.text[start:end])

    def sentence_at(self, offset: int) -> Sentence | None:
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return None

    @property
    def parsed(self) -> list[Sentence]:
        return [s for s in self.sentences if s.doc is not None]
