"""Stage: find who says what: sources, claimants, accusations, denials, silence.

From the dependency parse of each parsed sentence:

- reporting verbs ("said", "told", "reported", "confirmed", "denied") and their subject:
  "..., Tuareg rebels said." -> a statement by the Tuareg rebels;
- "according to X" -> a statement by X;
- "X blamed Y", "X accused Y of ...", "X said Y operated the drone" -> an accusation: Y is
  *alleged* by X, never a fact;
- "X, Y and Z did not respond to requests for comment" -> a no-comment by each of them;
- "X claimed responsibility" -> a claim of responsibility.

The claimant is normalised through the actor mentions inside the speaker's words ("a spokesperson
for ... (CSP-DPA)" -> CSP-DPA). Vocabulary is in ``sitrep/data/claim_words.json``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from sitrep.pipeline.document import Document, Sentence
from sitrep.pipeline.mentions import ActorMention, Attribution

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

__all__ = ["find_attributions"]


@dataclass(frozen=True)
class _Words:
    verbs: dict[str, str]
    responsibility: tuple[str, ...]
    no_comment: tuple[str, ...]
    according_to: tuple[str, ...]
    claimant_types: dict[str, str]


@lru_cache(maxsize=1)
def _words() -> _Words:
    data = json.loads(
        resources.files("sitrep.data").joinpath("claim_words.json").read_text("utf-8")
    )
    return _Words(
        verbs=data["verbs"],
        responsibility=tuple(data["responsibility"]),
        no_comment=tuple(data["no_comment"]),
        according_to=tuple(data["according_to"]),
        claimant_types=data["claimant_types"],
    )


_ACTION_LEMMAS = frozenset(
    [
        "operate",
        "carry",
        "launch",
        "attack",
        "kill",
        "bomb",
        "strike",
        "conduct",
        "fire",
        "target",
        "shell",
        "shoot",
        "murder",
        "massacre",
        "execute",
        "abduct",
        "kidnap",
        "torch",
        "burn",
        "loot",
        "raid",
        "ambush",
        "storm",
        "plant",
        "detonate",
        "fly",
        "order",
        "perpetrate",
    ]
)
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})


def _subject(verb: Token) -> Token | None:
    subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
    if subjects:
        # "..., in Gwoza, Borno state, on Saturday, emergency officials said": when the parse
        # gives two, the speaker is the one right before the verb
        before = [c for c in subjects if c.i < verb.i]
        return before[-1] if before else subjects[0]
    # "The CSP-DPA blamed X, and said Y": a conjoined verb shares the first verb's subject
    if verb.dep_ == "conj" and verb.head is not verb:
        return _subject(verb.head)
    return None


def _conjuncts(token: Token) -> list[Token]:
    return [token, *token.conjuncts]


def _phrase(token: Token, *, with_conjuncts: bool = False) -> tuple[int, int]:
    """Character offsets of a token's subtree (without its conjuncts unless asked)."""
    if with_conjuncts:
        tokens = list(token.subtree)
    else:
        skip = {
            t.i
            for child in token.children
            if child.dep_ in {"conj", "cc", "punct"}
            for t in child.subtree
        }
        tokens = [t for t in token.subtree if t.i not in skip]
    tokens = [t for t in tokens if not t.is_punct or t.text in {"(", ")", "-"}] or [token]
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _actors_in(
    actors: list[ActorMention], sentence: Sentence, start: int, end: int
) -> list[ActorMention]:
    a, b = sentence.start + start, sentence.start + end
    return [
        m
        for m in actors
        if m.sentence_index == sentence.index and a <= m.span.start and m.span.end <= b
    ]


def _claimant_type(head: Token, named: list[ActorMention]) -> str | None:
    words = _words()
    for token in [head, *head.subtree]:
        kind = words.claimant_types.get(token.lower_)
        if kind and kind != "spokesperson":
            return kind
    if named:
        inter = named[0].inter
        return {
            1: "military",
            2: "armed_group",
            3: "armed_group",
            4: "armed_group",
            8: "military",
        }.get(inter)
    return words.claimant_types.get(head.lower_)


def _normalised(text: str, named: list[ActorMention]) -> str:
    if named:
        return named[-1].name if len(named) > 1 and "spokes" in text.lower() else named[0].name
    for article in ("a ", "an ", "the "):
        if text.lower().startswith(article):
            return text[len(article) :]
    return text


def _attribution(
    sentence: Sentence,
    actors: list[ActorMention],
    speaker: Token,
    cue: Token | SpacySpan,
    kind: str,
    accused: list[ActorMention] | None = None,
) -> Attribution:
    start, end = _phrase(speaker)
    named = _actors_in(actors, sentence, start, end)
    text = sentence.text[start:end]
    cue_span = sentence.span_of(cue)
    return Attribution(
        sentence_index=sentence.index,
        claimant=_normalised(text, named),
        claimant_text=text,
        claimant_type=_claimant_type(speaker, named),
        span=sentence.span(start, end),
        cue=cue_span,
        kind=kind,
        accused=accused or [],
        scope=sentence.span(0, len(sentence.text)),
        speakers=named,
    )


_SELF = frozenset({"they", "it", "we"})
_OWN = frozenset({"its", "their", "our"})
_ARMED_SPEAKERS = frozenset({"armed_group", "military"})


def _is_self(subject: Token) -> bool:
    """'they', 'it', 'we', or 'its fighters', 'our men': the speaker's own side."""
    if subject.lower_ in _SELF:
        return True
    return any(c.dep_ == "poss" and c.lower_ in _OWN for c in subject.children)


def _claims_own_action(verb: Token) -> bool:
    """'X said they killed 84 mercenaries', 'X said its fighters had killed 30 soldiers': the
    speaker claims the act itself."""
    for clause in verb.children:
        if clause.dep_ != "ccomp" or clause.lemma_ not in _ACTION_LEMMAS:
            continue
        subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if subject is not None and _is_self(subject):
            return True
    return False


def _accused_in_clause(
    sentence: Sentence, actors: list[ActorMention], verb: Token
) -> list[ActorMention]:
    """Actors a claimant says did something: 'said Burkina Faso operated the drone'."""
    found: list[ActorMention] = []
    for clause in verb.children:
        if clause.dep_ != "ccomp" or clause.lemma_ not in _ACTION_LEMMAS:
            continue
        subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if subject is None or _is_self(subject):
            continue
        start, end = _phrase(subject, with_conjuncts=True)
        found.extend(_actors_in(actors, sentence, start, end))
    return found


def _sentence_attributions(sentence: Sentence, actors: list[ActorMention]) -> list[Attribution]:
    assert sentence.doc is not None
    words = _words()
    doc = sentence.doc
    found: list[Attribution] = []
    lowered = sentence.text.lower()
    no_comment = any(p in lowered for p in words.no_comment)
    spoke: list[Token] = []  # the speakers of the sentence so far
    for token in doc:
        if (
            token.lower_ == "according"
            and token.i + 1 < len(doc)
            and doc[token.i + 1].lower_ == "to"
        ):
            objects = [c for c in doc[token.i + 1].children if c.dep_ == "pobj"]
            for obj in objects[:1]:
                found.append(
                    _attribution(sentence, actors, obj, doc[token.i : token.i + 2], "statement")
                )
            continue
        if token.pos_ not in {"VERB", "AUX"}:
            continue
        kind = words.verbs.get(token.lemma_)
        is_no_comment = no_comment and token.lemma_ in {
            "respond",
            "comment",
            "reach",
            "reply",
            "say",
            "decline",
            "refuse",
        }
        if kind is None and not is_no_comment:
            continue
        subject = _subject(token)
        if subject is None or _nobody(subject):
            continue  # "No group has claimed responsibility": no claim
        if token.dep_ == "conj" and spoke and not _may_speak(sentence, actors, subject):
            subject = spoke[-1]  # "X said the strikes killed 12 and accused the army": X accuses
        if (is_no_comment and any(c.dep_ == "neg" for c in token.children)) or (
            is_no_comment and token.lemma_ in {"decline", "refuse", "reach"}
        ):
            for speaker in _conjuncts(subject):
                found.append(_attribution(sentence, actors, speaker, token, "no_comment"))
            continue
        if kind is None or subject.dep_ == "nsubjpass":
            continue  # "fire was reported", "protests were held": what is told, not who tells
        if token.lemma_ == "claim" and "responsibility" in {c.lower_ for c in token.subtree}:
            kind = "responsibility"
        accused: list[ActorMention] = []
        if kind == "accusation":
            for obj in token.children:
                if obj.dep_ in {"dobj", "obj"}:
                    start, end = _phrase(obj, with_conjuncts=True)
                    accused.extend(_actors_in(actors, sentence, start, end))
        else:
            accused = _accused_in_clause(sentence, actors, token)
            if accused:
                kind = "accusation"
        attribution = _attribution(sentence, actors, subject, token, kind, accused)
        if (
            not accused
            and kind == "statement"
            and attribution.claimant_type in _ARMED_SPEAKERS
            and _claims_own_action(token)
        ):
            attribution.kind = "responsibility"  # only an armed party claims its own attack
        found.append(attribution)
        spoke.append(subject)
    return found


def _nobody(subject: Token) -> bool:
    return (
        subject.lower_ in {"nobody", "none", "noone"}
        or any(c.dep_ == "det" and c.lower_ == "no" for c in subject.children)
        or (subject.lower_ == "one" and any(c.lower_ == "no" for c in subject.children))
    )


def _may_speak(sentence: Sentence, actors: list[ActorMention], subject: Token) -> bool:
    """Whether a subject can be a speaker: a person, an organisation, an actor, a pronoun;
    not a thing the parse mistook for one ("the strikes")."""
    if subject.pos_ == "PRON" or subject.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}:
        return True
    start, end = _phrase(subject)
    return bool(_actors_in(actors, sentence, start, end)) or _claimant_type(subject, []) is not None


def find_attributions(document: Document, actors: list[ActorMention]) -> list[Attribution]:
    """Every attribution in the parsed sentences of the article, in text order."""
    found: list[Attribution] = []
    for sentence in document.parsed:
        found.extend(_sentence_attributions(sentence, actors))
    return found
