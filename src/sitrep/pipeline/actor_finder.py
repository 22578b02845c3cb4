"""Spot actor references in one parsed sentence (the work behind ``ActorResolver.find``).

Named actors come from the entity ruler's spans; generic actors from noun phrases whose head is a
word of the dictionary's ``generic`` list ("gunmen", "villagers", "soldiers"), with the country a
modifier names ("Malian soldiers", "Mali's army", "military forces of Armenia"); a country that is
the subject of a verb ("Mali carried out airstrikes") stands for its state forces.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sitrep.pipeline.document import Sentence
from sitrep.pipeline.mentions import ActorMention
from sitrep.reference import Country, GenericWord

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from sitrep.pipeline.actors import ActorResolver, AliasTarget

__all__ = ["find_in_sentence"]

_ARMED_MODIFIERS = {"armed", "unidentified", "unknown", "masked", "suspected", "heavily", "hooded"}
_MILITIA_HEADS = {
    "militia",
    "militiaman",
    "militiamen",
    "fighter",
    "gunman",
    "gunmen",
    "herdsman",
    "herdsmen",
    "militant",
    "youth",
}
_MODIFIER_DEPS = {
    "amod",
    "compound",
    "nmod",
    "poss",
    "nummod",
    "quantmod",
    "npadvmod",
    "advmod",
    "det",
    "case",
}
_AGENT_DEPS = {"nsubj", "nsubjpass"}


def find_in_sentence(
    resolver: ActorResolver,
    sentence: Sentence,
    countries: Sequence[str],
    pending: dict[tuple[int, int], list[AliasTarget]] | None = None,
) -> list[ActorMention]:
    """Every actor reference in ``sentence`` (which must be parsed), in text order.

    With ``pending``, a name valid only in countries the article does not name ("regime forces"
    in a note that names only Dar'a, "OPS" in one that names only Turkey) is kept provisionally:
    its candidate targets are recorded in ``pending`` under (sentence index, first token) until
    the event's country decides.
    """
    doc = sentence.doc
    assert doc is not None, "find_in_sentence needs a parsed sentence"
    used: set[int] = set()
    found = _combine_alternatives(
        resolver, sentence, _named(resolver, sentence, doc, countries, used, pending)
    )
    tokens = list(doc)  # spaCy makes a new Token on every iteration: make them once
    found += _generic(resolver, sentence, tokens, countries, used)
    found += _people_of_countries(resolver, sentence, tokens, countries, used)
    found += _military_adjectives(sentence, tokens, used)
    found += _demonym_modifiers(resolver, sentence, tokens, countries, used)
    found += _countries_as_agents(resolver, sentence, doc, used)
    return sorted(found, key=lambda m: m.token_start or 0)


def _mention(
    sentence: Sentence, doc: Doc | list[Token], start: int, end: int, **fields: object
) -> ActorMention:
    span = sentence.span(doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))
    return ActorMention(
        span=span,
        name=str(fields.pop("name", span.text)),
        inter=0,
        sentence_index=sentence.index,
        token_start=start,
        token_end=end,
        **fields,  # type: ignore[arg-type]
    )


def _from_target(
    sentence: Sentence, doc: Doc, start: int, end: int, target: AliasTarget
) -> ActorMention:
    if target.entry is not None:
        entry = target.entry
        return _mention(
            sentence,
            doc,
            start,
            end,
            name=entry.name,
            actor_id=entry.id,
            kind=entry.kind,
            assoc=list(entry.assoc),
            country_iso3=entry.home,
        )
    assert target.state is not None
    state = target.state
    return _mention(
        sentence,
        doc,
        start,
        end,
        actor_id=state.id,
        template=state.template,
        country_iso3=state.country,
        suffix=state.suffix,
        kind="state",
    )


def _named(
    resolver: ActorResolver,
    sentence: Sentence,
    doc: Doc,
    countries: Sequence[str],
    used: set[int],
    pending: dict[tuple[int, int], list[AliasTarget]] | None,
) -> list[ActorMention]:
    """Actors the entity ruler (or spaCy's NER) spotted and the dictionary knows."""
    found: list[ActorMention] = []
    for ent in doc.ents:
        if ent.label_ not in {"ORG", "NORP", "PERSON", "GPE", "FAC", "PRODUCT", "LOC"}:
            continue
        if _opposed(doc, ent.start):
            continue
        target = resolver.resolve_alias(ent.text, countries, exact=True)
        options = resolver.alias_targets(ent.text) if target is None and pending is not None else []
        target = target or (options[0] if options else None)
        if target is None:
            continue
        end = _head_noun_end(resolver, doc, ent.start, ent.end)
        mention = _from_target(sentence, doc, ent.start, end, target)
        if end > ent.end and target.state is not None and not mention.suffix:
            mention.suffix = _unit_suffix(resolver, doc, ent.start, end)
        found.append(mention)
        if options and pending is not None:
            pending[(sentence.index, ent.start)] = options  # a generic reading may overlap it
        else:
            used.update(range(ent.start, end))
    return found


def _unit_suffix(resolver: ActorResolver, doc: Doc, start: int, end: int) -> str | None:
    """The unit a state-force name is extended over: "Russian military" + "police" is the
    Military Police of Russia's forces (the generic phrase "military police" has that suffix)."""
    lemmas = {t.lemma_.lower() for t in doc[start : end - 1]} | {
        t.lower_ for t in doc[start : end - 1]
    }
    word = _best_word(_generic_words(resolver, doc[end - 1]), lemmas)
    return word.suffix if word is not None else None


def _opposed(doc: Doc, start: int) -> bool:
    """ "anti-Houthi forces" name the Houthis' enemies, not the Houthis."""
    return (start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ == "anti") or (
        start >= 1 and doc[start - 1].lower_ in {"anti", "anti-"}
    )


def _head_noun_end(resolver: ActorResolver, doc: Doc, start: int, end: int) -> int:
    """Extend a name over the generic noun it modifies: "Wagner" + "mercenaries", "JNIM" + "militants"."""
    last = doc[end - 1]
    head = last.head
    close = head.i >= end and head.i - end <= 2 and head.pos_ in {"NOUN", "PROPN"}
    joined = all(
        doc[i].dep_ in {"compound", "amod", "punct", "nmod"} for i in range(end - 1, head.i)
    )
    if close and joined and _generic_words(resolver, head):
        return head.i + 1
    return end


def _generic_words(resolver: ActorResolver, token: Token) -> list[GenericWord]:
    words = resolver.generic_words(token.lower_)
    lemma = token.lemma_.lower()
    if lemma != token.lower_:
        words = words + resolver.generic_words(lemma)
    return words


def _modifiers(token: Token) -> list[Token]:
    """Left modifiers of a noun and their own modifiers ("heavily armed", "Mali's")."""
    out: list[Token] = []
    for child in token.lefts:
        if child.dep_ in _MODIFIER_DEPS:
            out.append(child)
            out.extend(c for c in child.subtree if c.i != child.i and c.i < token.i)
    return out


def _best_word(words: list[GenericWord], lemmas: set[str]) -> GenericWord | None:
    """The longest generic phrase whose modifier words are all present."""
    fitting = [w for w in words if all(m in lemmas for m in w.words[:-1])]
    return max(fitting, key=lambda w: len(w.words)) if fitting else None


def _country_of(
    resolver: ActorResolver, tokens: list[Token], countries: Sequence[str]
) -> Country | None:
    """A country named by a modifier: a demonym ("Malian"), a name ("Mali's", "Burkina Faso")."""
    for ent_text in _texts(tokens):
        if not ent_text[:1].isupper():
            continue  # countries and demonyms are capitalised: a "car protest" is not in CAR
        country = resolver.countries.by_name(ent_text)
        if country is not None:
            return country
        candidates = resolver.countries.by_demonym(ent_text)
        if candidates:
            preferred = [c for c in candidates if c.iso3 in countries]
            return (preferred or candidates)[0]
    return None


def _texts(tokens: list[Token]) -> list[str]:
    """Single tokens and entity spans among ``tokens`` (so "Burkina Faso" is read as one name)."""
    texts: list[str] = []
    for token in tokens:
        if token.ent_iob_ in {"B", "I"} and token.ent_type_ in {"GPE", "NORP"}:
            ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
            if ent is not None and ent.text not in texts:
                texts.append(ent.text)
        if token.text not in {"'s", "’s"}:
            texts.append(token.text)
    return texts


def _generic(
    resolver: ActorResolver,
    sentence: Sentence,
    tokens: list[Token],
    countries: Sequence[str],
    used: set[int],
) -> list[ActorMention]:
    """Noun phrases headed by a generic actor word, with the country and ethnic group they name."""
    found: list[ActorMention] = []
    for token in tokens:
        if token.i in used or token.pos_ not in {"NOUN", "PROPN"} or token.ent_type_ == "PERSON":
            continue
        words = _generic_words(resolver, token)
        modifiers = _modifiers(token)
        if token.lemma_.lower() == "force" and _country_forces(resolver, modifiers, countries):
            words = [*words, _STATE_FORCES]  # "French forces", "Mali's forces"
        if not words or _collective_of(resolver, token) or _member_of_named(token, used):
            continue
        lemmas = {m.lemma_.lower() for m in modifiers} | {m.lower_ for m in modifiers}
        word = _best_word(words, lemmas)
        if word is None:
            continue
        template, group = word.template, None
        ethnic = next((g for g in (resolver.ethnic_group(m.text) for m in modifiers) if g), None)
        if lemmas & _ARMED_MODIFIERS and template == "civilians":
            template = "communal-militia" if ethnic else "unidentified-armed-group"
        if ethnic and (
            token.lower_ in _MILITIA_HEADS
            or token.lemma_.lower() in _MILITIA_HEADS
            or template == "communal-militia"
        ):
            template, group = "ethnic-militia", ethnic
        elif ethnic:
            group = ethnic  # "Fulani pastoralists": civilians, or an ethnic militia if they attack
        country = _country_of(resolver, modifiers, countries)
        end = token.i + 1
        if country is None:
            country, end = _of_country(resolver, token, countries)
        start = min([m.i for m in modifiers if m.dep_ != "det"] + [token.i])
        kind = resolver.dictionary.templates[template].kind
        found.append(
            _mention(
                sentence,
                tokens,
                start,
                end,
                template=template,
                group=group,
                kind=kind,
                suffix=word.suffix,
                country_iso3=country.iso3 if country else None,
            )
        )
        used.update(range(start, end))
        found += _conjoined_countries(resolver, sentence, tokens, token, template, countries, used)
    return found


_STATE_FORCES = GenericWord(template="military", words=("force",))


def _country_forces(
    resolver: ActorResolver, modifiers: list[Token], countries: Sequence[str]
) -> bool:
    """Forces named by their country alone ("French forces", "Mali's forces"), not "rebel
    forces" or "forces loyal to the general": a country's forces are its state forces."""
    named = [m for m in modifiers if m.dep_ not in {"det", "nummod", "case"}]
    return bool(named) and all(_country_of(resolver, [m], countries) for m in named)


_COLLECTIVES = {"group", "number", "band", "crowd", "couple", "dozen", "hundred", "score", "gang"}


def _member_of_named(token: Token, used: set[int]) -> bool:
    """ "fighters of the Rapid Support Forces", "members of JNIM": the named actor is the actor,
    not a generic one beside it."""
    for prep in token.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            return any(obj.dep_ == "pobj" and obj.i in used for obj in prep.children)
    return False


def _collective_of(resolver: ActorResolver, token: Token) -> bool:
    """ "a group of farmers", "a number of residents": the actor is who the group is made of."""
    if token.lemma_.lower() not in _COLLECTIVES:
        return False
    for prep in token.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            return any(
                obj.dep_ == "pobj" and _generic_words(resolver, obj) for obj in prep.children
            )
    return False


def _conjoined_countries(
    resolver: ActorResolver,
    sentence: Sentence,
    doc: Doc | list[Token],
    token: Token,
    template: str,
    countries: Sequence[str],
    used: set[int],
) -> list[ActorMention]:
    """ "military forces of India and Pakistan": one actor per country joined by "and"."""
    out: list[ActorMention] = []
    for prep in token.rights:
        if prep.dep_ != "prep" or prep.lower_ != "of":
            continue
        for obj in prep.children:
            for conj in obj.conjuncts:
                country = resolver.countries.by_name(conj.text)
                if country is not None and conj.i not in used:
                    out.append(
                        _mention(
                            sentence,
                            doc,
                            conj.i,
                            conj.i + 1,
                            template=template,
                            kind="state",
                            country_iso3=country.iso3,
                        )
                    )
                    used.add(conj.i)
    return out


_FACILITIES = {
    "camp",
    "base",
    "position",
    "post",
    "checkpoint",
    "convoy",
    "vehicle",
    "patrol",
    "outpost",
    "barracks",
    "unit",
    "truck",
    "plane",
    "aircraft",
    "helicopter",
}


def _military_adjectives(
    sentence: Sentence, tokens: list[Token], used: set[int]
) -> list[ActorMention]:
    """ "a military camp", "a military convoy": the state forces the target belongs to."""
    found: list[ActorMention] = []
    for token in tokens:
        if token.i in used or token.lower_ != "military" or token.dep_ not in {"amod", "compound"}:
            continue
        if token.head.lemma_.lower() in _FACILITIES:
            found.append(
                _mention(sentence, tokens, token.i, token.i + 1, template="military", kind="state")
            )
            used.add(token.i)
    return found


def _people_of_countries(
    resolver: ActorResolver,
    sentence: Sentence,
    tokens: list[Token],
    countries: Sequence[str],
    used: set[int],
) -> list[ActorMention]:
    """ "Palestinians demonstrated", "two Somalis were killed": people of a country, named by a
    demonym used as a noun, are civilians of that country (protesters, rioters if they act so)."""
    found: list[ActorMention] = []
    for token in tokens:
        if (
            token.i in used
            or token.pos_ not in {"NOUN", "PROPN"}
            or token.dep_ in {"amod", "compound", "poss"}
            or not token.text[:1].isupper()
            or not token.text.endswith("s")
        ):
            continue
        country = _country_of(resolver, [token], countries) or _country_of_plural(
            resolver, token, countries
        )
        if country is None or resolver.countries.by_name(token.text) is not None:
            continue
        start = min([m.i for m in _modifiers(token) if m.dep_ in {"nummod", "amod"}] + [token.i])
        found.append(
            _mention(
                sentence,
                tokens,
                start,
                token.i + 1,
                template="civilians",
                kind="civilians",
                country_iso3=country.iso3,
            )
        )
        used.update(range(start, token.i + 1))
    return found


def _country_of_plural(
    resolver: ActorResolver, token: Token, countries: Sequence[str]
) -> Country | None:
    candidates = resolver.countries.by_demonym(token.text[:-1])
    preferred = [c for c in candidates if c.iso3 in countries]
    return (preferred or candidates)[0] if candidates else None


def _demonym_modifiers(
    resolver: ActorResolver,
    sentence: Sentence,
    tokens: list[Token],
    countries: Sequence[str],
    used: set[int],
) -> list[ActorMention]:
    """ "Israeli airstrikes", "Saudi shelling": a country's forces, if the noun turns out to be the event."""
    found: list[ActorMention] = []
    for token in tokens:
        if (
            token.i in used
            or token.dep_ not in {"amod", "compound", "poss"}
            or token.head.pos_ not in {"NOUN", "PROPN"}
        ):
            continue
        country = _country_of(resolver, [token], countries)
        if country is None:
            continue
        found.append(
            _mention(
                sentence,
                tokens,
                token.i,
                token.i + 1,
                template="military",
                kind="country",
                country_iso3=country.iso3,
            )
        )
        used.add(token.i)
    return found


def _combine_alternatives(
    resolver: ActorResolver, sentence: Sentence, named: list[ActorMention]
) -> list[ActorMention]:
    """ "JNIM or ISGS militants", "Boko Haram/IS": one actor "A and/or B", as ACLED codes it."""
    out: list[ActorMention] = []
    for mention in sorted(named, key=lambda m: m.span.start):
        previous = out[-1] if out else None
        if (
            previous is not None
            and previous.template is None
            and mention.template is None
            and previous.actor_id != mention.actor_id
        ):
            between = (
                sentence.text[
                    previous.span.end - sentence.start : mention.span.start - sentence.start
                ]
                .strip()
                .lower()
            )
            if between in {"or", "/", "and/or", "and / or"}:
                out[-1] = resolver.combine(previous, mention)
                continue
        out.append(mention)
    return out


def _of_country(
    resolver: ActorResolver, token: Token, countries: Sequence[str]
) -> tuple[Country | None, int]:
    """ "military forces of Armenia": the country in an of-phrase, and where the phrase ends."""
    for prep in token.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    country = _country_of(resolver, [obj], countries)
                    if country is not None:
                        ent = next((e for e in obj.doc.ents if e.start <= obj.i < e.end), None)
                        return country, max(obj.i + 1, ent.end if ent is not None else 0)
    return None, token.i + 1


def _countries_as_agents(
    resolver: ActorResolver, sentence: Sentence, doc: Doc, used: set[int]
) -> list[ActorMention]:
    """A country that does something ("Mali carried out airstrikes") stands for its state forces."""
    found: list[ActorMention] = []
    for ent in doc.ents:
        if ent.label_ not in {"GPE", "ORG", "PERSON", "NORP"} or any(
            i in used for i in range(ent.start, ent.end)
        ):
            continue
        if ent.root.dep_ not in _AGENT_DEPS and not (
            ent.root.dep_ == "pobj" and ent.root.head.lower_ == "by"
        ):
            continue
        country = resolver.countries.by_name(ent.text)
        if country is None:
            continue
        found.append(
            _mention(
                sentence,
                doc,
                ent.start,
                ent.end,
                template="military",
                kind="country",
                country_iso3=country.iso3,
            )
        )
        used.update(range(ent.start, ent.end))
    return found
