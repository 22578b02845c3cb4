"""Stage: find the actors an article names and normalise them through the actor dictionary.

Three kinds of reference are found in each parsed sentence:

- named actors from the dictionary ("JNIM", "Jama'at Nusrat al-Islam wal-Muslimin", "Wagner
  mercenaries"), spotted by the entity ruler that runs before spaCy's NER (``ruler_patterns``);
  context aliases ("an al-Qaeda affiliate", "Tuareg rebels") count only when the article is about
  a country where that actor is active;
- a country's state forces ("Mali's army", "Malian soldiers", "FAMa", "the army", "police");
- generic actors ("gunmen", "villagers", "protesters", "a mob", "Fulani militiamen").

Generic and country-dependent names need the event's country and date, which later stages know:
an ``ActorMention`` keeps its template and the country the text names (if any), and ``normalise``
renders the final ACLED name ("Military Forces of Mali (2021-)", "Civilians (Mali)") with the inter
code. ``roles`` (see ``sitrep.pipeline.actor_roles``) decides who did what to whom in one event.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from sitrep.config import Settings
from sitrep.model import ActorRef, ActorStatus, Span
from sitrep.pipeline.document import Document, Sentence
from sitrep.pipeline.mentions import (
    PROVISIONAL_ACTORS,
    ActorMention,
    ActorRoles,
    EventMention,
    is_actor_code,
)
from sitrep.reference import (
    ActorDictionary,
    ActorEntry,
    Countries,
    Country,
    GenericWord,
    Hallmark,
    StateAlias,
    load_actor_dictionary,
    load_countries,
    normalise_key,
    place_countries,
)
from sitrep.taxonomy import SubEventType

__all__ = ["ActorResolver", "AliasTarget", "EventActors"]


@dataclass
class EventActors:
    """The actors of one event in ACLED's four columns, normalised."""

    actor1: ActorRef | None
    assoc_actor_1: list[ActorRef]
    actor2: ActorRef | None
    assoc_actor_2: list[ActorRef]


# runs of capitalised words, with the small words inside country names ("Republic of the Congo")
_CAPITALISED_RUN = re.compile(
    r"(?<![\w-])[A-Z][\w'’.]*(?:[ ](?:[A-Z][\w'’.]*|of|the|and|d'Ivoire|and the))*(?![\w-])"
)
_ACRONYM_MAX = 4  # all-caps aliases up to this length are matched case-sensitively ("IS", "AA")


@dataclass(frozen=True)
class AliasTarget:
    """What one alias of the dictionary points to: a named actor or a country's state forces."""

    entry: ActorEntry | None
    state: StateAlias | None
    context: bool  # valid only when the article's country is one where the actor is active

    @property
    def countries(self) -> tuple[str, ...]:
        if self.entry is not None:
            return self.entry.countries
        assert self.state is not None
        return (self.state.country,)


class ActorResolver:
    """The actor dictionary, ready to spot and normalise actors (one per process is enough).

    ``dictionary`` is a loaded ``ActorDictionary``; without it the shipped ``actors.json`` is read,
    followed by ``extra_paths`` (files or folders of ``*.json`` of the same shape), or by default
    the user's ``$SITREP_HOME/actors/`` when it exists. ``as_of`` is the day the data are exported:
    a regime that ended after it is written open-ended, as ACLED's data of that day show it.
    """

    def __init__(
        self,
        dictionary: ActorDictionary | None = None,
        extra_paths: Sequence[Path] | None = None,
        *,
        countries: Countries | None = None,
        as_of: dt.date | None = None,
    ) -> None:
        if dictionary is None:
            if extra_paths is None:
                user_dir = Settings.from_env().actors_dir
                extra_paths = [user_dir] if user_dir.is_dir() else []
            dictionary = load_actor_dictionary(list(extra_paths))
        self.dictionary = dictionary
        self.countries = countries or load_countries()
        self.as_of = as_of
        self._aliases: dict[str, list[AliasTarget]] = {}
        self._acronyms: dict[str, list[AliasTarget]] = {}
        self._index_aliases()
        self._generic: dict[str, list[GenericWord]] = {}
        for word in dictionary.generic:
            self._generic.setdefault(word.words[-1], []).append(word)
        self._ethnic = {normalise_key(w): g for g in dictionary.ethnic_groups for w in g.words}

    # -- the dictionary ---------------------------------------------------------------------
    @property
    def fingerprint(self) -> str:
        """Changes whenever the dictionary or the country table changes (keys the nlp cache)."""
        return f"actors-{self.dictionary.fingerprint}-{self.countries.fingerprint}"

    def _index_aliases(self) -> None:
        def add(text: str, target: AliasTarget, *, acronym: bool = False) -> None:
            if acronym or _is_acronym(text):
                self._acronyms.setdefault(text, []).append(target)
            else:
                self._aliases.setdefault(normalise_key(text), []).append(target)

        for entry in self.dictionary.actors:
            for alias in (entry.name, *entry.aliases):
                add(
                    alias,
                    AliasTarget(
                        entry, None, context=bool(entry.countries) and is_actor_code(alias)
                    ),
                )
            for alias in entry.context_aliases:
                add(alias, AliasTarget(entry, None, context=True))
            for alias in entry.acronyms:
                add(alias, AliasTarget(entry, None, context=bool(entry.countries)), acronym=True)
        for state in self.dictionary.state_aliases:
            for alias in state.aliases:
                add(alias, AliasTarget(None, state, context=is_actor_code(alias)))
            for alias in state.context_aliases:
                add(alias, AliasTarget(None, state, context=True))
            for alias in state.acronyms:
                add(alias, AliasTarget(None, state, context=True), acronym=True)

    def ruler_patterns(self) -> list[dict[str, object]]:
        """EntityRuler patterns: countries as GPE, demonyms and ethnic groups as NORP, actors as ORG.

        Phrase patterns match on lower case (the ruler's ``phrase_matcher_attr``); short all-caps
        acronyms are token patterns on the exact text, so "IS" never matches "is".
        """
        patterns: list[dict[str, object]] = []
        seen: set[tuple[str, str]] = set()

        def add(label: str, text: str) -> None:
            key = normalise_key(text)
            if (label, key) in seen or not key:
                return
            seen.add((label, key))
            if _is_acronym(text):
                patterns.append({"label": label, "pattern": [{"TEXT": text}], "id": text})
            else:
                patterns.append({"label": label, "pattern": text, "id": key})

        for name, _country in self.countries.names():
            add("GPE", name)
        country_keys = {normalise_key(n) for n, _ in self.countries.names()}
        for demonym, _country in self.countries.demonyms():
            if normalise_key(demonym) not in country_keys:
                add("NORP", demonym)
        for word in self._ethnic:
            add("NORP", word)
        for key in self._aliases:
            add("ORG", key)
        for text in self._acronyms:
            patterns.append({"label": "ORG", "pattern": [{"TEXT": text}], "id": text})
        return patterns

    def cue_classes(self) -> dict[str, str]:
        """Ruler ids of dictionary actors -> the event detector's cue classes (``state_forces``,
        ``armed_group``), so that "FAMa" or "JNIM" count as who-acts cues."""
        classes: dict[str, str] = {}

        def cls(targets: list[AliasTarget]) -> str | None:
            kinds = set()
            for target in targets:
                if target.state is not None or (
                    target.entry is not None and target.entry.inter in {1, 8}
                ):
                    kinds.add("state_forces")
                elif target.entry is not None and target.entry.inter in {2, 3, 4}:
                    kinds.add("armed_group")
            return kinds.pop() if len(kinds) == 1 else None

        for key, targets in (*self._aliases.items(), *self._acronyms.items()):
            found = cls(targets)
            if found is not None:
                classes[key] = found
        return classes

    # -- countries of an article ------------------------------------------------------------
    @cached_property
    def _country_words(self) -> tuple[frozenset[str], int]:
        """Country names, demonyms and context words (exact case), and the most words in one."""
        names = {n for n, _ in self.countries.names()} | {d for d, _ in self.countries.demonyms()}
        names |= {w for w, _ in self.countries.context_words()}
        names = {n for n in names if len(n) > 3 or n.isupper()}
        return frozenset(names), max(len(n.split()) for n in names)

    def article_countries(self, text: str) -> list[str]:
        """ISO3 codes of the countries an article names (by name, demonym or a context word such
        as "OSCE SMM"), most named first.

        Names are looked up among runs of capitalised words ("Burkina Faso", "the Democratic
        Republic of the Congo"), longest first, so a page of news costs a fraction of a ms.
        """
        names, longest = self._country_words
        counts: Counter[str] = Counter()
        for run in _CAPITALISED_RUN.finditer(text):
            words = run.group().split()
            i = 0
            while i < len(words):
                for j in range(min(len(words), i + longest), i, -1):
                    found = self._country_word(" ".join(words[i:j]), names)
                    if found is not None:
                        counts[found] += 1
                        i = j
                        break
                else:
                    i += 1
        return [iso3 for iso3, _ in counts.most_common()]

    def _country_word(self, phrase: str, names: frozenset[str]) -> str | None:
        """The ISO3 code a phrase names (a country, a demonym, a context word), if it is one."""
        for form in (phrase, phrase.rstrip(".,;:")):
            for candidate in (form, form[:-2] if form.endswith(("'s", "’s")) else form):
                if candidate not in names:
                    continue
                country = self.countries.by_name(candidate) or self.countries.by_context(candidate)
                if country is None:
                    demonym = self.countries.by_demonym(candidate)[:1]
                    country = demonym[0] if demonym else None
                if country is not None:
                    return country.iso3
        return None

    def actor_country(self, document: Document, event_iso3: str | None) -> str | None:
        """The country that generic actors of an event take ("Protesters (X)", "Civilians (X)"):
        the event's, else the one the text names most, else that of the towns it names."""
        if event_iso3 is not None:
            return event_iso3
        found = self.document_countries(document)
        return found[0] if found else None

    def document_countries(self, document: Document) -> list[str]:
        """The countries an article is about: those it names, else those of the towns it names."""
        cached = document.annotations.get("actors.countries")
        if isinstance(cached, list):
            return cached
        found = self.article_countries(document.text)
        if not found:
            names = [e.text for s in document.parsed if s.doc is not None for e in s.doc.ents]
            found = place_countries(names, self.countries)
        document.annotations["actors.countries"] = found
        return found

    # -- finding ----------------------------------------------------------------------------
    def find(
        self, document: Document, countries: Sequence[str] | None = None
    ) -> list[ActorMention]:
        """Every actor reference in the parsed sentences, in text order, with its template.

        ``countries`` (ISO3, most relevant first) are where the article's events happen, when a
        caller knows them; the countries the article names follow them as context.
        """
        from sitrep.pipeline.actor_finder import find_in_sentence

        named = self.document_countries(document)
        countries = [*countries, *(c for c in named if c not in countries)] if countries else named
        date = document.published.representative if document.published else None
        pending: dict[tuple[int, int], list[AliasTarget]] = {}
        found: list[ActorMention] = []
        provisional: list[tuple[ActorMention, list[AliasTarget]]] = []
        for sentence in document.parsed:
            for mention in find_in_sentence(self, sentence, countries, pending):
                options = _pending_options(mention, pending)
                if options is None:
                    mention = _same_force(mention, found)
                    found.append(self._provisional(mention, countries, date))
                else:
                    provisional.append((self._provisional(mention, countries, date), options))
        document.annotations[PROVISIONAL_ACTORS] = provisional
        return found

    def alias_targets(self, text: str) -> list[AliasTarget]:
        """Every dictionary target an alias may point to (acronyms matched exactly)."""
        return self._acronyms.get(text, []) or self._aliases.get(normalise_key(text), [])

    @cached_property
    def hallmark_patterns(self) -> list[tuple[Hallmark, re.Pattern[str]]]:
        """Each hallmark of the dictionary with a pattern matching any of its words."""
        out = []
        for hallmark in self.dictionary.hallmarks:
            words = "|".join(re.escape(w) for w in sorted(hallmark.words, key=len, reverse=True))
            out.append((hallmark, re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE)))
        return out

    def find_in(self, sentence: Sentence, countries: Sequence[str]) -> list[ActorMention]:
        """The actor references of one parsed sentence, given the article's countries."""
        from sitrep.pipeline.actor_finder import find_in_sentence

        return [
            self._provisional(m, countries, None)
            for m in find_in_sentence(self, sentence, countries)
        ]

    def _provisional(
        self, mention: ActorMention, countries: Sequence[str], date: dt.date | None
    ) -> ActorMention:
        """Fill the name and inter code with the article's main country until the event's is known."""
        ref = self.normalise(mention, country_iso3=countries[0] if countries else None, date=date)
        mention.name, mention.inter = ref.name, ref.inter
        return mention

    def resolve_alias(
        self, text: str, countries: Sequence[str], *, exact: bool = False
    ) -> AliasTarget | None:
        """The dictionary target of an alias in an article about ``countries`` (None: not valid here).

        An alias shared by several actors ("al-Shabaab" in Somalia and in Mozambique) goes to the
        one active in the article's main country; a context alias needs such a country, or an
        article that names no country at all and a proper name that means one actor only ("the
        NPA"; not "militants").
        """
        targets = self._acronyms.get(text, []) if exact else []
        targets = targets or self._aliases.get(normalise_key(text), [])
        if not targets:
            return None
        for iso3 in countries[:3]:
            for target in targets:
                if iso3 in target.countries:
                    return target
        plain = [t for t in targets if not t.context]
        if plain:
            return plain[0]
        # a capital only at the start of a sentence ("Militants attacked") makes no proper name
        proper = any(c.isupper() for word in text.split() for c in word[1:]) or (
            len(text.split()) > 1 and all(w[:1].isupper() for w in text.split())
        )
        if not countries and proper and len({_target_key(t) for t in targets}) == 1:
            return targets[0]  # the text names no country: a name with one meaning stands
        return None

    def generic_words(self, head_lemma: str) -> list[GenericWord]:
        return self._generic.get(head_lemma, [])

    def ethnic_group(self, word: str) -> str | None:
        group = self._ethnic.get(normalise_key(word))
        return group.group if group else None

    # -- normalising ------------------------------------------------------------------------
    def normalise(
        self, mention: ActorMention, *, country_iso3: str | None, date: dt.date | None
    ) -> ActorRef:
        """The ACLED name, inter code and dictionary key of an actor in an event in ``country_iso3``.

        A country the text names ("Burkinabe soldiers") wins over the event's country; state forces
        acting outside their own country are external forces (inter 8).
        """
        span = mention.span
        if mention.template is None and mention.actor_id and "|" in mention.actor_id:
            return self._combined(mention, country_iso3, date)
        if mention.template is None and mention.actor_id:
            entry = self.dictionary.actor(mention.actor_id)
            if entry is not None and entry.template is None:
                name, inter = entry.name_on(date)
                if entry.home and country_iso3 and entry.home != country_iso3 and inter == 1:
                    inter = 8
                return _ref(mention, name, inter, entry.id, entry.home or country_iso3, span)
            if entry is not None and entry.template is not None:
                return self._render(
                    mention,
                    entry.template,
                    mention.country_iso3 or country_iso3,
                    country_iso3,
                    date,
                )
        if mention.template is not None:
            return self._render(
                mention, mention.template, mention.country_iso3 or country_iso3, country_iso3, date
            )
        return _ref(
            mention, mention.name, mention.inter, mention.actor_id, mention.country_iso3, span
        )

    def combine(self, first: ActorMention, second: ActorMention) -> ActorMention:
        """One actor for "A or B" (ACLED: "A and/or B"), the two in the dictionary's order if known."""
        pair = (first.actor_id or "", second.actor_id or "")
        if pair[::-1] in self.dictionary.combined:
            first, second = second, first
        return ActorMention(
            span=first.span if first.span.start < second.span.start else second.span,
            name=f"{first.name} and/or {second.name}",
            inter=first.inter,
            actor_id=f"{first.actor_id}|{second.actor_id}",
            kind=first.kind,
            sentence_index=first.sentence_index,
            token_start=min(first.token_start or 0, second.token_start or 0),
            token_end=max(first.token_end or 0, second.token_end or 0),
        )

    def _combined(
        self, mention: ActorMention, country_iso3: str | None, date: dt.date | None
    ) -> ActorRef:
        refs = []
        for actor_id in (mention.actor_id or "").split("|"):
            part = ActorMention(
                span=mention.span, name=actor_id, inter=mention.inter, actor_id=actor_id
            )
            refs.append(self.normalise(part, country_iso3=country_iso3, date=date))
        if len(refs) == 2 and (refs[1].actor_id, refs[0].actor_id) in self.dictionary.combined:
            refs.reverse()
        name = " and/or ".join(r.name for r in refs)
        return _ref(mention, name, refs[0].inter, mention.actor_id, country_iso3, mention.span)

    def _render(
        self,
        mention: ActorMention,
        template_id: str,
        iso3: str | None,
        event_iso3: str | None,
        date: dt.date | None,
    ) -> ActorRef:
        template = self.dictionary.templates.get(template_id)
        if template is None:
            return _ref(mention, mention.name, mention.inter, mention.actor_id, iso3, mention.span)
        replacement = dict(template.by_country).get(iso3 or "")
        entry = self.dictionary.actor(replacement) if replacement else None
        if entry is None and iso3 and event_iso3 and iso3 != event_iso3:
            entry = self.dictionary.operation(template.id, iso3, event_iso3, date)
        if entry is not None:
            name, inter = entry.name_on(date)
            return _ref(mention, name, inter, entry.id, iso3, mention.span)
        country = self.countries.get(iso3)
        name = _fill(template.name, country, mention.group)
        inter = template.inter
        if template.regime and country is not None:
            period = country.regime_period(date, as_of=self.as_of)
            if period:
                name = f"{name} ({period})"
            if event_iso3 and iso3 != event_iso3 and template.kind == "state":
                inter = 8
        if mention.suffix:
            name = f"{name} {mention.suffix}"
        actor_id = f"{template.id}:{iso3}" if iso3 else template.id
        return _ref(mention, name, inter, actor_id, iso3, mention.span)

    def generic(
        self, kind: str, *, country_iso3: str | None, date: dt.date | None
    ) -> ActorRef | None:
        """A generic actor of the event's country from a template id ("civilians", "protesters",
        "rioters", "military", "police", "unidentified-armed-group"); None without a country."""
        if country_iso3 is None or kind not in self.dictionary.templates:
            return None
        placeholder = ActorMention(
            span=Span(start=0, end=0, text=""), name=kind, inter=0, template=kind
        )
        ref = self._render(placeholder, kind, country_iso3, country_iso3, date)
        ref.evidence, ref.text = [], None
        return ref

    def event_actors(
        self,
        document: Document,
        mention: EventMention,
        actors: list[ActorMention],
        *,
        country_iso3: str | None,
        date: dt.date | None,
        sub_event_type: SubEventType | None = None,
    ) -> EventActors:
        """The event's actor1, assoc_actor_1, actor2 and assoc_actor_2 as ``ActorRef`` records.

        ``country_iso3`` and ``date`` are the event's (from the places and dates stages); the
        actors a claimant accuses carry ``status`` alleged and ``attributed_by``.
        ``sub_event_type`` is the event's type when the assembler has decided it: ACLED's
        conventions follow the event's type, not the type of one mention's words (a
        demonstration whose later sentence tells of burning is a riot: actor1 Rioters (X)).
        """
        if sub_event_type is not None and sub_event_type is not mention.sub_event_type:
            mention = replace(mention, sub_event_type=sub_event_type)
        from sitrep.pipeline import actor_rules

        country_iso3 = self.actor_country(document, country_iso3)
        actors = actor_rules.settle(self, document, actors, country_iso3)
        roles = self.roles(document, mention, actors)

        def refs(side: list[ActorMention], attributed: bool) -> list[ActorRef]:
            out = [self.normalise(a, country_iso3=country_iso3, date=date) for a in side]
            if attributed:
                for ref in out:
                    ref.status, ref.attributed_by = roles.status, roles.attributed_by
            return [r for i, r in enumerate(out) if r.name not in {o.name for o in out[:i]}]

        actor_rules.apply(self, roles, document, mention, country_iso3, date)
        side1 = refs(roles.actor1, roles.status is not ActorStatus.stated)
        side2 = refs(roles.actor2, False)
        return EventActors(
            actor1=side1[0] if side1 else None,
            assoc_actor_1=side1[1:],
            actor2=side2[0] if side2 else None,
            assoc_actor_2=side2[1:],
        )

    def roles(
        self, document: Document, mention: EventMention, actors: list[ActorMention]
    ) -> ActorRoles:
        """Who did it (actor1) and to whom (actor2) in one event mention; see ``actor_roles``."""
        from sitrep.pipeline.actor_roles import read_roles

        return read_roles(self, document, mention, actors)


def _same_force(mention: ActorMention, earlier: list[ActorMention]) -> ActorMention:
    """ "the police" after "Military Police officers": a bare mention of the police is the police
    unit named last before it (its template, suffix and country)."""
    if (
        mention.kind != "state"
        or mention.template != "police"
        or mention.suffix
        or mention.country_iso3
        or mention.actor_id
    ):
        return mention
    for previous in reversed(earlier):
        if previous.kind != "state" or not previous.suffix:
            continue
        if "Police" in previous.suffix:
            return replace(
                mention,
                template=previous.template,
                suffix=previous.suffix,
                country_iso3=previous.country_iso3,
                actor_id=previous.actor_id,
            )
    return mention


def _pending_options(
    mention: ActorMention, pending: dict[tuple[int, int], list[AliasTarget]]
) -> list[AliasTarget] | None:
    """The candidate targets of a name the finder kept provisionally (None: not provisional)."""
    if mention.actor_id is None or "|" in mention.actor_id or mention.token_start is None:
        return None  # a generic reading, or "A and/or B"
    return pending.get((mention.sentence_index, mention.token_start))


def _target_key(target: AliasTarget) -> str:
    if target.entry is not None:
        return target.entry.id
    assert target.state is not None
    return f"{target.state.template}:{target.state.country}"


def _is_acronym(text: str) -> bool:
    return len(text) <= _ACRONYM_MAX and text.isalpha() and text.isupper()


def _fill(name: str, country: Country | None, group: str | None) -> str:
    """Put the country (and the ethnic group) into a template name."""
    if group:
        name = name.replace("{group}", group)
    if country is None:
        return re.sub(r"\s*\(\{country\}\)|\s+of \{country\}", "", name).strip()
    if "of {country}" in name:
        return name.replace("{country}", country.name_in_phrase)
    return name.replace("{country}", country.name)


def _ref(
    mention: ActorMention, name: str, inter: int, actor_id: str | None, iso3: str | None, span: Span
) -> ActorRef:
    return ActorRef(
        name=name,
        inter=inter,
        actor_id=actor_id,
        text=span.text,
        country_iso3=iso3,
        evidence=[span],
    )
