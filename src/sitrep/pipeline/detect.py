"""Stage: find the sentences that report conflict events and classify them into ACLED sub-event types.

The detector is driven by the event lexicon (``sitrep/data/event_lexicon.json``, format in
``sitrep.pipeline.event_lexicon``). For each sentence:

1. trigger patterns give evidence for sub-event types ("air strike" -> Air/drone strike) or for
   frames whose type depends on the context ("killed" -> @violence);
2. each trigger is checked for negation ("no clashes were reported"), modality ("threatened to
   attack", "could") and report frames ("condemned the attack", "a missile test");
3. who acts and who is targeted are read from the dependency parse (``victim:``/``agent:`` cues),
   and the lexicon's rules, in order, resolve frames and hard cases (an attack on a checkpoint is
   an armed clash; police dispersing a march is a protest with intervention; an earthquake that
   "killed" is no event);
4. the best-scoring sub-event type becomes an ``EventMention`` with its alternatives; a negated
   or hypothetical mention keeps its flag and gets a lower score, a trigger inside a report of
   something else ("claimed responsibility for the attack", "sentenced for the bombing", "a
   missile test") makes no mention.

A type read only from general words of violence ("killed", "attacked") and who was involved is
marked ``inferred``: a report that names the kind of violence ("clashed", "shelled") decides
over it. Violence that is only the topic of a protest, a demand or an accusation, or that dates
the event ("after days of clashes"), is background (the lexicon's ``told_cues``).

Then, across the article (``sitrep.pipeline.event_article``): arrests and seizures in a story
about drugs or ordinary crime are police work (no event), except drugs or contraband seized or
destroyed by the forces, which ACLED codes as looting/property destruction; a reference back ("in the clashes")
takes the type of the event told before; arrests at a protest make it a protest with
intervention, rioting told after a protest makes it a violent demonstration; mentions that only
add detail to a more specific report are lowered, so the most specific report ranks first.

Speed: the relevance filter costs about 0.07 ms per sentence and detection about 0.15-0.3 ms per
parsed sentence (``python -m sitrep.evaluation.relevance``), against ~4 ms for the spaCy parse.

``resolve_type`` decides the sub-event type of one event described by several mentions, with the
codebook's rules for mixed reports (an air strike inside a battle is part of the battle, etc.).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sitrep.model import Span
from sitrep.pipeline.document import Document, Sentence
from sitrep.pipeline.event_article import read_article
from sitrep.pipeline.event_lexicon import EventLexicon, Pattern, Rule
from sitrep.pipeline.event_resolve import resolve_type
from sitrep.pipeline.event_syntax import (
    Context,
    head_token,
    is_anaphoric,
    is_background,
    object_span,
    roles,
    trigger_context,
)
from sitrep.pipeline.event_text import Match, Matcher, Reading, SentenceView, read_sentence, view_of
from sitrep.pipeline.mentions import EventMention
from sitrep.taxonomy import EventType, SubEventType

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Decision", "EventDetector", "resolve_type"]

_VAC = EventType.violence_against_civilians
_EXPLOSIONS = EventType.explosions
_CIVILIAN_CUES = ("civilian", "civilian_place")
_GENERIC_FRAMES = frozenset({"@violence"})  # words of violence in general: killed, attacked
_MUTUAL = frozenset({"Armed clash"})
# "police are accused of assaulting a driver": an allegation still reports the event
_ALLEGATION = frozenset(
    {"accuse", "accusation", "allegation", "allege"}
)  # fights between two sides: "clashed with", "clash between"


@dataclass
class Decision:
    """The classification of one sentence: the chosen sub-event type and how it was reached."""

    sub_event_type: SubEventType
    raw: float  # evidence for the chosen type, in lexicon weights
    score: float  # 0..1
    trigger: Match
    context: Context
    view: SentenceView
    alternatives: dict[SubEventType, float] = field(default_factory=dict)
    evidence: list[Match] = field(default_factory=list)
    civilian_targeting: bool = False
    rules: list[str] = field(default_factory=list)  # names of the lexicon rules that fired
    victims: set[str] = field(default_factory=set)  # cue classes of the targets of the triggers
    anaphoric: bool = False  # the trigger refers back to an event told before ("the fighting")
    inferred: bool = False  # only generic words of violence ("killed") support the type
    framed: set[str] = field(default_factory=set)  # labels only reported inside a frame ("protest
    # against the arrest of X": Arrests), i.e. the background of this sentence's event


class EventDetector:
    """Finds event-reporting sentences and classifies them (ACLED sub-event types).

    ``lexicon``: an ``EventLexicon`` or the path of a lexicon file (default: the shipped one).
    ``actor_classes``: optional map from entity-ruler ids (``ent_id_``) to cue classes such as
    ``"state_forces"`` or ``"armed_group"``, so that dictionary actors count as cues.
    """

    def __init__(
        self,
        lexicon: EventLexicon | Path | None = None,
        *,
        actor_classes: Mapping[str, str] | None = None,
    ) -> None:
        self.lexicon = lexicon if isinstance(lexicon, EventLexicon) else EventLexicon.load(lexicon)
        self.actor_classes = dict(actor_classes or {})
        self._cues = Matcher(p for patterns in self.lexicon.cues.values() for p in patterns)
        self._triggers = Matcher(self.lexicon.triggers)
        self._relevance = Matcher(self.lexicon.relevance)
        self._negation = self._words("negation")
        self._modality = self._words("modality")
        self._frames = self._words("report_frame")
        self._habitual = self._words("habitual")
        self._actor_patterns = {
            name: Pattern(name, (), name) for name in set(self.actor_classes.values())
        }
        # one-word actor names ("CJNG", "FAMa") for the relevance filter, which has no model
        self._actor_words = {
            key.lower(): cls for key, cls in self.actor_classes.items() if key.isalnum()
        }

    def _words(self, cue_class: str) -> set[str]:
        return {
            w for p in self.lexicon.cues.get(cue_class, []) for w in p.literals if len(p.cues) == 1
        }

    # -- the relevance filter ---------------------------------------------------------------
    def is_relevant(self, text: str) -> bool:
        """Cheap pre-filter (no model): may this sentence hold an event trigger, a casualty
        count or an attribution? Only relevant sentences are parsed."""
        return self.relevance(text) > 0

    def relevance(self, text: str) -> int:
        """2: the sentence has an event trigger (parse it fully); 1: only a casualty or
        attribution word (parse it, no entity recogniser needed beyond the dictionary ruler);
        0: nothing to read. No model is used."""
        view = view_of(text, None, self.lexicon.forms, self.lexicon.inflected)
        actors = self._actor_cues(view, by_word=True)
        reading = read_sentence(
            text, None, self.lexicon, self._cues, self._triggers, view, extra_cues=actors
        )
        if reading.triggers:
            return 2
        return 1 if self._relevance.find(view, first_only=True) else 0

    # -- detection --------------------------------------------------------------------------
    def __call__(self, document: Document) -> list[EventMention]:
        """One mention per event-reporting sentence of ``document`` (parsed sentences use
        their spaCy doc). Mentions that only add detail to a more specific report elsewhere in
        the article (weapons seized after a clash, a protest that police later dispersed) keep
        their type but get a lower score (setting ``secondary``)."""
        pairs: list[tuple[EventMention, Decision]] = []
        for sentence in document.sentences:
            if sentence.doc is None and sentence.relevance == 0:
                continue  # the relevance filter read it without a model: no trigger
            decision = self.classify_sentence(sentence.text, sentence.doc)
            if decision is not None:
                main = self._mention(sentence, decision)
                pairs.append((main, decision))
                pairs.extend(self._clause_mentions(sentence, main))
        pairs = self._drop_police_work(document, pairs)
        self._victims_in_the_trade(document, pairs)
        read_article(pairs, secondary=self.lexicon.settings["secondary"])
        return [mention for mention, _ in pairs]

    def _drop_police_work(
        self, document: Document, pairs: list[tuple[EventMention, Decision]]
    ) -> list[tuple[EventMention, Decision]]:
        """Arrests, seizures or damage told in an article about drugs or ordinary crime, with
        no armed group, protest or weapon in it, are police work, not conflict events: the
        lexicon's rule for one sentence ("police arrested a heroin dealer"), applied to the
        article ("... Stolen goods were recovered."). Drugs or contraband seized or destroyed
        ("police seized a ton of cannabis", "troops dismantled a cocaine lab") stay: ACLED
        codes the seizure as looting/property destruction by the forces, and the arrests told
        with it ("... A man was arrested.") are part of that event."""
        if not pairs or any(m.sub_event_type not in _POLICE_WORK for m, _ in pairs):
            return pairs
        if any(_seizes_contraband(d) for _, d in pairs):  # the arrests go with the seizure
            return [(m, d) for m, d in pairs if m.sub_event_type is not SubEventType.arrests]
        lexicon = self.lexicon
        classes: set[str] = set()
        for sentence in document.sentences:
            view = view_of(sentence.text, None, lexicon.forms, lexicon.inflected)
            classes |= {m.label for m in self._cues.find(view)}
        if classes & _CRIME_DOMAINS and not classes & _CONFLICT_SIGNS:
            return []
        return pairs

    def _victims_in_the_trade(
        self, document: Document, pairs: list[tuple[EventMention, Decision]]
    ) -> None:
        """A killing read only from words of violence, whose victim the article ties to drug
        trafficking or a gang in a sentence of its own ("A man was shot dead by two gunmen. The
        victim had charges against him for drug trafficking."): ACLED codes such killings as
        armed clashes between criminal groups, as the lexicon's rule does within one sentence.
        A victim with only a record of robbery or theft stays the victim of an attack."""
        attacks = [m for m, _ in pairs if m.sub_event_type is SubEventType.attack and m.inferred]
        if not attacks:
            return
        lexicon = self.lexicon
        for sentence in document.sentences:
            if not _VICTIM.search(sentence.text):
                continue
            view = view_of(sentence.text, None, lexicon.forms, lexicon.inflected)
            if any(m.label == "gang_record" for m in self._cues.find(view)):
                for mention in attacks:
                    mention.sub_event_type = SubEventType.armed_clash
                    mention.civilian_targeting = False
                    mention.gang_victims = True
                return

    def _clause_mentions(
        self, sentence: Sentence, main: EventMention
    ) -> list[tuple[EventMention, Decision]]:
        """Events told in a subordinate clause of the sentence ("Mali carried out airstrikes
        shortly after fighters killed dozens of soldiers in July"): a second event, with its own
        trigger, when the clause reports another kind of event than the main one."""
        if sentence.doc is None:
            return []
        found: list[tuple[EventMention, Decision]] = []
        clauses = subordinate_clauses(sentence.doc)
        trigger_at = main.trigger.start - sentence.start
        own = [(s, e) for s, e in clauses if s <= trigger_at < e]
        parallel = [(s, e) for s, e in own if _PARALLEL.match(sentence.text, s)]
        if parallel:  # the main event is told in a "while" clause: the words before it may
            # tell another ("Gunmen killed four soldiers, while in Kaya a bomb hit a bus");
            # the words before an "after" clause tell its outcome ("six were killed after
            # police opened fire")
            start = min(s for s, _ in parallel)
            clauses = [(s, e) for s, e in clauses if (s, e) not in own and e <= start]
            if start > 0:
                clauses.append((0, start))
        for start, end in clauses:
            if start <= trigger_at < end:
                continue  # the main event's own clause
            clause = sentence.text[start:end]
            decision = self.classify_sentence(clause, None)
            if decision is None or decision.sub_event_type is main.sub_event_type:
                continue
            if parallel and start == 0 and _only_a_toll(decision):
                continue  # "three rebels were killed while a soldier was wounded in a clash"
            side_by_side = bool(parallel) or bool(_PARALLEL.match(sentence.text, start))
            tokens = decision.view.tokens
            first, last = tokens[decision.trigger.start], tokens[decision.trigger.end - 1]
            mention = EventMention(
                sentence=sentence,
                sub_event_type=decision.sub_event_type,
                score=round(decision.score * self.lexicon.settings.get("clause", 0.9), 4),
                trigger=sentence.span(start + first.start, start + last.end),
                alternatives=decision.alternatives,
                negated=decision.context.negated,
                hypothetical=decision.context.hypothetical,
                civilian_targeting=decision.civilian_targeting,
                inferred=decision.inferred,
                # two events side by side ("..., while ..."): each keeps the counts of its
                # clause; the outcome told in an "as" or "after" clause stays the main event's
                scope=(sentence.start + start, sentence.start + end) if side_by_side else None,
            )
            found.append((mention, decision))
        return found

    def read(self, text: str, doc: Doc | None = None) -> Reading:
        """The lexicon's reading of one sentence (cues and triggers), with actor cues added."""
        view = view_of(text, doc, self.lexicon.forms, self.lexicon.inflected)
        actors = self._actor_cues(view, by_word=doc is None)
        return read_sentence(
            text, doc, self.lexicon, self._cues, self._triggers, view=view, extra_cues=actors
        )

    def _actor_cues(self, view: SentenceView, *, by_word: bool) -> list[Match]:
        """Cues of the dictionary's actors in a sentence: by the entity ruler's ids in a parsed
        sentence, by one-word names ("CJNG", "FAMa") without a parse."""
        found = []
        for i, tok in enumerate(view.tokens):
            cls = (
                self._actor_words.get(tok.lower) if by_word else self.actor_classes.get(tok.ent_id)
            )
            if cls:
                found.append(Match(self._actor_patterns[cls], i, i + 1))
        return found

    def classify_sentence(self, text: str, doc: Doc | None = None) -> Decision | None:
        """The sub-event type one sentence reports, or None when it reports no conflict event."""
        reading = self.read(text, doc)
        _drop_seized_weapons(reading)
        self._drop_background_cues(reading)
        if not reading.triggers:
            return None
        contexts = {id(m): self._context(reading, m) for m in reading.triggers}
        for keep in (
            lambda c: c.asserted,
            lambda c: c.hypothetical and not (c.negated or c.embedded),
            lambda c: c.negated and not c.embedded,
        ):
            group = [m for m in reading.triggers if keep(contexts[id(m)])]
            if group:
                decision = self._decide(reading, group, contexts)
                if decision is not None:
                    decision.framed = {
                        m.label for m in reading.triggers if contexts[id(m)].embedded
                    }
                    return decision
        return None

    def _context(self, reading: Reading, match: Match) -> Context:
        """How a trigger is framed; one in the topic of a protest, demand or accusation, or in a
        time phrase ("after days of clashes"), is background (embedded)."""
        context = trigger_context(
            reading.view, match, self._negation, self._modality, self._frames, self._habitual
        )
        if context.embedded or reading.view.doc is None:
            return context
        why = is_background(reading.view, match, self._frames - _ALLEGATION, self._modality)
        if why == "frame":
            return Context(context.negated, context.hypothetical, embedded=True)
        if why == "demand":  # "demanding the recovery of looted funds"
            return Context(context.negated, hypothetical=True)
        return context

    def _drop_background_cues(self, reading: Reading) -> None:
        """Cues of the lexicon's ``told_cues`` classes count only where the sentence tells them
        as what happened: "protesters demanded the recovery of looted funds" is no riot."""
        told = self.lexicon.told_cues
        if reading.view.doc is None or not told:
            return
        view, frames, demands = reading.view, self._frames, self._modality
        reading.cues = [
            m
            for m in reading.cues
            if m.label not in told or not is_background(view, m, frames, demands, time_phrases=True)
        ]
        reading.present = {m.label for m in reading.cues}

    def _decide(
        self, reading: Reading, group: list[Match], contexts: dict[int, Context]
    ) -> Decision | None:
        """Score the labels of one group of triggers, run the rules, and pick the best type."""
        scores, provenance, cues, fired = self._score(reading, group)
        ranked = sorted(
            ((lbl, s) for lbl, s in scores.items() if s > 0 and not lbl.startswith("@")),
            key=lambda x: -x[1],
        )
        settings = self.lexicon.settings
        if not ranked or ranked[0][1] < settings["min_score"]:
            return None
        best, raw = ranked[0]
        sub = SubEventType(best)
        supporting = sorted(provenance[best] or group, key=lambda m: -m.pattern.weight)
        trigger = supporting[0]
        context = contexts[id(trigger)]
        factor = 1.0
        if context.negated:
            factor = settings["negated"]
        elif context.hypothetical:
            factor = settings["hypothetical"]
        victims = cues.role("victim", [best])
        civilian = sub.event_type is _VAC or (
            sub.event_type is _EXPLOSIONS and any(c in victims for c in _CIVILIAN_CUES)
        )
        return Decision(
            sub_event_type=sub,
            raw=raw,
            score=round(_squash(raw, settings["scale"]) * factor, 4),
            trigger=trigger,
            context=context,
            view=reading.view,
            alternatives={
                SubEventType(lbl): round(_squash(s, settings["scale"]) * factor, 4)
                for lbl, s in ranked[1:6]
            },
            evidence=supporting[1:],
            civilian_targeting=civilian,
            rules=fired,
            victims=victims,
            anaphoric=is_anaphoric(reading.view, trigger),
            inferred=all(m.label in _GENERIC_FRAMES for m in supporting),
        )

    def _score(
        self, reading: Reading, group: list[Match]
    ) -> tuple[dict[str, float], dict[str, list[Match]], _CueState, list[str]]:
        """Label scores of the triggers after the lexicon's rules and the frames' defaults."""
        extra = self.lexicon.settings["extra"]
        scores, provenance = _accumulate(group, extra)
        role_classes = {}
        for m in group:
            agent_ids, victim_ids = roles(reading.view, m, mutual=m.label in _MUTUAL)
            role_classes[id(m)] = (reading.classes_at(agent_ids), reading.classes_at(victim_ids))
        cues = _CueState(reading.present, role_classes, provenance, scores)
        fired = [r.name for r in self.lexicon.rules if _apply(r, scores, provenance, cues, extra)]
        for label in [lbl for lbl in scores if lbl.startswith("@")]:
            target = self.lexicon.defaults.get(label)
            if target and scores[label] > 0:
                scores[target] = _combine(scores.get(target, 0.0), scores[label], extra)
                provenance[target].extend(provenance[label])
            scores[label] = 0.0
        return scores, provenance, cues, fired

    def _mention(self, sentence: Sentence, decision: Decision) -> EventMention:
        tokens = decision.view.tokens

        def span(m: Match) -> Span:
            return sentence.span(tokens[m.start].start, tokens[m.end - 1].end)

        head = head_token(decision.view, decision.trigger)
        return EventMention(
            sentence=sentence,
            sub_event_type=decision.sub_event_type,
            score=decision.score,
            trigger=span(decision.trigger),
            trigger_token=head.i if head is not None else None,
            alternatives=decision.alternatives,
            negated=decision.context.negated,
            hypothetical=decision.context.hypothetical,
            civilian_targeting=decision.civilian_targeting,
            evidence=[span(m) for m in decision.evidence],
            inferred=decision.inferred,
        )


_DISRUPTED = SubEventType.disrupted_weapons_use.value
_POLICE_WORK = {
    SubEventType.arrests,
    SubEventType.looting_property_destruction,
    SubEventType.disrupted_weapons_use,
}
_CRIME_DOMAINS = frozenset({"drugs", "crime"})
_CONTRABAND = frozenset({"drugs", "contraband_goods"})
_VICTIM = re.compile(r"\b(?:victims?|deceased|dead man|slain man)\b", re.I)
_CONFLICT_SIGNS = frozenset({"armed_group", "protest", "weapon"})
_PARALLEL_MARKERS = ("while", "whilst", "whereas")  # two events side by side
_PARALLEL = re.compile(rf"(?:{'|'.join(_PARALLEL_MARKERS)})\b", re.I)
_CLAUSE_MARKERS = frozenset(
    {"after", "before", "since", "when", "until", "following", "as", *_PARALLEL_MARKERS}
)


_TOLL_WORDS = frozenset({"kill", "killed", "wound", "wounded", "injure", "injured", "die", "dead"})


def _seizes_contraband(decision: Decision) -> bool:
    """The sentence's type rests on a seizure of drugs or contraband goods ("seized two tons of
    cannabis", "dismantled a cocaine lab"): a lexicon pattern that names such goods."""
    return decision.sub_event_type is SubEventType.looting_property_destruction and any(
        _CONTRABAND & set(cue.classes) for cue in decision.trigger.pattern.cues
    )


def _only_a_toll(decision: Decision) -> bool:
    """Only words of dying or being hurt support the type: a toll, not an event of its own."""
    return all(m.pattern.literals <= _TOLL_WORDS for m in (decision.trigger, *decision.evidence))


def subordinate_clauses(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of adverbial clauses introduced by a time marker ("after X killed Y",
    "before troops retook Z"): where a sentence tells a second event."""
    spans: list[tuple[int, int]] = []
    for token in doc:
        if token.dep_ not in {"advcl", "pcomp"} or token.pos_ not in {"VERB", "AUX"}:
            continue
        markers = [
            c
            for c in token.children
            if c.dep_ in {"mark", "advmod"} and c.lower_ in _CLAUSE_MARKERS
        ]
        if token.dep_ == "pcomp" and token.head.lower_ in _CLAUSE_MARKERS:
            markers.append(token.head)
        if not markers:
            continue
        subtree = list(token.subtree)
        start = min(subtree[0].idx, markers[0].idx)
        end = subtree[-1].idx + len(subtree[-1].text)
        spans.append((start, end))
    return spans


def _drop_seized_weapons(reading: Reading) -> None:
    """Weapons named as the object of a seizure or a defusal were not used: "police seized [two
    rockets and a mortar]" reports no shelling."""
    seized: set[int] = set()
    for m in reading.triggers:
        if m.label == _DISRUPTED:
            seized |= object_span(reading.view, m)
    if seized:
        reading.triggers = [
            m
            for m in reading.triggers
            if m.label == _DISRUPTED or not all(i in seized for i in range(m.start, m.end))
        ]


@dataclass
class _CueState:
    """The cues a rule can test: anywhere in the sentence, in a role of the triggers behind the
    rule's labels (``agent:``/``victim:``), or a label's score (``label:``)."""

    present: set[str]
    roles: dict[int, tuple[set[str], set[str]]]  # id(trigger match) -> (agent, victim) classes
    provenance: dict[str, list[Match]]
    scores: dict[str, float]

    def role(self, role: str, labels: list[str]) -> set[str]:
        index = 0 if role == "agent" else 1
        return {
            cls
            for lbl in labels
            for m in self.provenance.get(lbl, ())
            for cls in self.roles.get(id(m), ((), ()))[index]
        }

    def has(self, ref: str, labels: list[str]) -> bool:
        role, _, cls = ref.partition(":") if ":" in ref else ("", "", ref)
        if role == "label":  # "label:@capture" has a score; "label:@capture>2.9" above 2.9
            label, _, floor = cls.partition(">")
            return self.scores.get(label, 0.0) > (float(floor) if floor else 0.0)
        if role in {"agent", "victim"}:
            return cls in self.role(role, labels)
        return cls in self.present


def _accumulate(
    matches: list[Match], extra: float
) -> tuple[dict[str, float], dict[str, list[Match]]]:
    """Evidence per label: the strongest trigger, plus ``extra`` times each further one (each
    pattern counts once; overlapping matches of a label count once)."""
    scores: dict[str, float] = defaultdict(float)
    provenance: dict[str, list[Match]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    for m in sorted(matches, key=lambda m: -m.pattern.weight):
        if (m.label, m.pattern.source) in seen:
            continue
        if any(o.start < m.end and m.start < o.end for o in provenance[m.label]):
            continue
        seen.add((m.label, m.pattern.source))
        scores[m.label] += m.pattern.weight * (extra if provenance[m.label] else 1.0)
        provenance[m.label].append(m)
    return scores, provenance


def _combine(a: float, b: float, extra: float) -> float:
    """Two bodies of evidence for one label: the stronger counts fully, the other by ``extra``."""
    return max(a, b) + extra * min(a, b)


def _apply(
    rule: Rule,
    scores: dict[str, float],
    provenance: dict[str, list[Match]],
    cues: _CueState,
    extra: float,
) -> bool:
    """Apply one lexicon rule to the label scores; True when it fired."""
    labels = (
        [lbl for lbl in rule.when if scores.get(lbl, 0.0) > 0]
        if rule.when
        else [lbl for lbl, s in scores.items() if s > 0]
    )
    if not labels:
        return False
    if rule.below is not None:
        if rule.drop:  # each weakly supported label of the domain goes
            labels = [lbl for lbl in labels if scores[lbl] < rule.below]
            if not labels:
                return False
        elif sum(scores[lbl] for lbl in labels) >= rule.below:
            return False
    if rule.any and not any(cues.has(r, labels) for r in rule.any):
        return False
    if rule.all and not all(cues.has(r, labels) for r in rule.all):
        return False
    if rule.none and any(cues.has(r, labels) for r in rule.none):
        return False
    if rule.drop:
        for lbl in labels:
            scores[lbl] = 0.0
    elif rule.move:
        total = 0.0
        for lbl in labels:
            total = _combine(total, scores[lbl], extra)
            scores[lbl] = 0.0
            if lbl != rule.move:
                provenance[rule.move].extend(provenance[lbl])
        scores[rule.move] = _combine(scores.get(rule.move, 0.0), total, extra) + rule.bonus
    else:
        for lbl, weight in rule.add:
            scores[lbl] = scores.get(lbl, 0.0) + weight
    return True


def _squash(raw: float, scale: float) -> float:
    return 1.0 - math.exp(-raw / scale)
