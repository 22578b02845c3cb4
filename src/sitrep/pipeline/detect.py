"""Stage: find the sentences that report events and classify them into ACLED sub-event types.

PLACEHOLDER: a minimal keyword classifier so the pipeline runs end to end. To be replaced by the
lexicon-driven classifier (``sitrep/data/event_lexicon.json``).
"""

from __future__ import annotations

import re

from sitrep.model import Span
from sitrep.pipeline.document import Document
from sitrep.pipeline.mentions import EventMention
from sitrep.taxonomy import SubEventType

_RULES: list[tuple[re.Pattern[str], SubEventType]] = [
    (re.compile(r"\b(drone|air) ?strikes?\b|\bairstrikes?\b", re.I), SubEventType.air_drone_strike),
    (re.compile(r"\bprotest(ed|ers|s)?\b|\bdemonstrat", re.I), SubEventType.peaceful_protest),
    (re.compile(r"\bfighting\b|\bclash(es|ed)?\b|\bbattle\b", re.I), SubEventType.armed_clash),
    (re.compile(r"\bkill(ed|ing)?\b|\battack(ed|s)?\b", re.I), SubEventType.attack),
]


class EventDetector:
    def is_relevant(self, text: str) -> bool:
        return True

    def __call__(self, document: Document) -> list[EventMention]:
        mentions: list[EventMention] = []
        for sentence in document.sentences:
            for pattern, sub in _RULES:
                match = pattern.search(sentence.text)
                if match:
                    mentions.append(
                        EventMention(
                            sentence=sentence,
                            sub_event_type=sub,
                            score=0.5,
                            trigger=sentence.span(match.start(), match.end()),
                        )
                    )
                    break
        return mentions


def resolve_type(mentions: list[EventMention]) -> tuple[SubEventType, float, list[Span]]:
    """The sub-event type of one event described by several mentions."""
    best = max(mentions, key=lambda m: m.score)
    return best.sub_event_type, best.score, [m.trigger for m in mentions]
