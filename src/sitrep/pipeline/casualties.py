"""Stage: find counts of people killed and injured, with qualifiers and victim groups.

Reads sentences such as

- "At least 21 people, including 11 children, were killed by drone strikes"   (21; 11 children part of it)
- "causing a provisional death toll of 21 civilians"                           (21 civilians, provisional)
- "they killed at least 84 Wagner mercenaries and 47 Malian soldiers"          (84 + 47, two groups)
- "Dozens more were injured"                                                   (injured, 12 per ACLED)
- "No fatalities nor injuries were reported"                                   (a negated count: 0)

The scanner works on a light tokenisation of the sentence (no model needed), so it also reads
sentences the language model skipped. Vocabulary and ACLED's conventions for vague numbers are in
``sitrep/data/casualty_words.json``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, NamedTuple

from sitrep.model import Span
from sitrep.pipeline.document import Document, Sentence
from sitrep.pipeline.mentions import CountMention

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["Quantity", "find_counts", "find_counts_in_sentence", "parse_quantity"]

_QUOTES = frozenset({'"', "“", "”", "«", "»", "„"})
_TOKEN = re.compile(r"\d[\d,.]*\d|\d|[A-Za-zÀ-ÿ]+(?:[-'’][A-Za-zÀ-ÿ]+)*|[^\sA-Za-zÀ-ÿ\d]")


class _Tok(NamedTuple):  # a tuple: built for every word of every sentence
    text: str
    low: str
    start: int
    end: int


@dataclass(frozen=True)
class Quantity:
    start: int  # token index
    end: int  # token index after the quantity
    low: int
    best: int
    high: int
    qualifier: str | None


@dataclass(frozen=True)
class _Lexicon:
    vague: dict[tuple[str, ...], tuple[int, int, int]]
    units: dict[str, int]
    tens: dict[str, int]
    multipliers: dict[str, int]
    qualifiers: dict[tuple[str, ...], str]
    victims: dict[tuple[str, ...], str]
    killed: dict[tuple[str, ...], str]
    negations: tuple[tuple[str, ...], ...]
    coded_as: tuple[str, ...]
    not_people: frozenset[str]
    max_victim_len: int


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    data = json.loads(
        resources.files("sitrep.data").joinpath("casualty_words.json").read_text("utf-8")
    )

    def key(phrase: str) -> tuple[str, ...]:
        return tuple(phrase.lower().split())

    outcome: dict[tuple[str, ...], str] = {key(w): "killed" for w in data["killed"]}
    outcome.update({key(w): "injured" for w in data["injured"]})
    victims = {key(k): v for k, v in data["victims"].items()}
    return _Lexicon(
        vague={
            key(k): (v["low"], v["best"], v["high"]) for k, v in data["vague_quantities"].items()
        },
        units=data["units"],
        tens=data["tens"],
        multipliers=data["multipliers"],
        qualifiers={key(k): v for k, v in data["qualifiers"].items()},
        victims=victims,
        killed=outcome,
        negations=tuple(key(n) for n in data["negations"]),
        coded_as=tuple(data["coded_as"]),
        not_people=frozenset(data["not_people"]),
        max_victim_len=max(len(k) for k in victims),
    )


def _tokens(text: str) -> list[_Tok]:
    return [
        _Tok(word, word.lower(), m.start(), m.end())
        for m in _TOKEN.finditer(text)
        for word in (m.group(),)
    ]


def _match(
    toks: list[_Tok], i: int, table: dict[tuple[str, ...], str], longest: int = 4
) -> tuple[int, str] | None:
    """Longest phrase of ``table`` starting at token ``i``: (end index, value)."""
    for n in range(longest, 0, -1):
        if i + n <= len(toks):
            value = table.get(tuple(t.low for t in toks[i : i + n]))
            if value is not None:
                return i + n, value
    return None


def _word_number(toks: list[_Tok], i: int) -> tuple[int, int] | None:
    """'twenty-one', 'two hundred', 'one thousand five hundred' -> (end, value)."""
    lex = _lexicon()
    total, current, j = 0, 0, i
    seen = False
    while j < len(toks):
        word = toks[j].low
        parts = word.split("-")
        if len(parts) == 2 and parts[0] in lex.tens and parts[1] in lex.units:
            current += lex.tens[parts[0]] + lex.units[parts[1]]
        elif word in lex.units and not (seen and current % 10 and current < 100):
            current += lex.units[word]
        elif word in lex.tens:
            current += lex.tens[word]
        elif word in lex.multipliers and seen:
            current = max(current, 1) * lex.multipliers[word]
            if lex.multipliers[word] >= 1000:
                total, current = total + current, 0
        elif (
            word == "and"
            and seen
            and j + 1 < len(toks)
            and (toks[j + 1].low in lex.units or toks[j + 1].low in lex.tens)
        ):
            pass
        else:
            break
        seen = True
        j += 1
    if not seen:
        return None
    return j, total + current


@lru_cache(maxsize=1)
def _starters() -> frozenset[str]:
    """Words a quantity can start with (besides digits and hyphenated numbers): the first
    words of qualifiers and vague amounts, number words, "between"."""
    lex = _lexicon()
    firsts = {k[0] for k in lex.qualifiers} | {k[0] for k in lex.vague}
    return frozenset(firsts | set(lex.units) | set(lex.tens) | {"between"})


def parse_quantity(toks: list[_Tok], i: int) -> Quantity | None:
    """Read a quantity starting at token ``i``, with an optional qualifier before it."""
    if i < len(toks):  # most words start no quantity: answer without building look-up keys
        word = toks[i].low
        if not (word[0].isdigit() or "-" in word or word in _starters()):
            return None
    lex = _lexicon()
    qualifier = None
    j = i
    q = _match(toks, j, lex.qualifiers, 3)
    if q is not None:
        j, qualifier = q
    if j >= len(toks):
        return None
    if toks[j].low == "between" and j + 3 < len(toks) and toks[j + 2].low == "and":
        first, second = parse_quantity(toks, j + 1), parse_quantity(toks, j + 3)
        if (
            first is not None
            and second is not None
            and first.end == j + 2
            and second.best > first.best
        ):
            return Quantity(i, second.end, first.low, first.best, second.high, qualifier or "range")
    tok = toks[j]
    if tok.low[0].isdigit():
        digits = tok.low.replace(",", "")
        if not digits.isdigit():
            return None
        value = int(digits)
        end = j + 1
        # ranges: "10 to 15", "10-15", "between 10 and 15"
        if (
            end + 1 < len(toks)
            and toks[end].low in {"to", "-", "–", "or"}
            and toks[end + 1].low.isdigit()
        ):
            high = int(toks[end + 1].low)
            if high > value:
                return Quantity(i, end + 2, value, value, high, qualifier or "range")
        return Quantity(i, end, value, value, value, qualifier)
    vague = None
    for n in (2, 1):
        if j + n <= len(toks):
            vague = lex.vague.get(tuple(t.low for t in toks[j : j + n]))
            if vague is not None:
                end = j + n
                break
    if vague is not None:
        if end < len(toks) and toks[end].low == "of":
            end += 1
        low, best, high = vague
        word = " ".join(t.low for t in toks[j:end]).removesuffix(" of")
        if word in {"a", "an", "one", "another"}:
            word = qualifier  # type: ignore[assignment]
        return Quantity(i, end, low, best, high, qualifier or word)
    number = _word_number(toks, j)
    if number is None:
        return None
    end, value = number
    return Quantity(i, end, value, value, value, qualifier)


_SKIPPABLE = frozenset(
    [
        "more",
        "other",
        "further",
        "additional",
        "innocent",
        "unarmed",
        "armed",
        "suspected",
        "alleged",
        "local",
        "foreign",
        "young",
        "elderly",
        "unidentified",
        "unknown",
        "of",
        "the",
        "their",
        "his",
        "her",
        "its",
        "security",
        "army",
        "military",
        "government",
        "state",
        "police",
        "rebel",
        "islamist",
        "jihadist",
        "militant",
        "senior",
        "civilian",
        "pro-government",
        "pro-russian",
        "russian",
        "ukrainian",
    ]
)
_BE = frozenset(
    [
        "were",
        "was",
        "are",
        "is",
        "have",
        "has",
        "had",
        "been",
        "being",
        "be",
        "reportedly",
        "reported",
        "allegedly",
        "also",
        "later",
        "all",
    ]
)
_INCLUDING = frozenset({"including", "among", "whom", "includes", "included"})
_PROVISIONAL = re.compile(
    r"provisional|preliminary|initial (?:death )?toll|toll (?:could|may|is expected to|was expected to) rise|still counting",
    re.I,
)


def _victim(toks: list[_Tok], i: int) -> tuple[int, str, int] | None:
    """A victim noun after a quantity, allowing a few modifiers: (end, group, noun start)."""
    lex = _lexicon()
    j = i
    for _ in range(4):
        if j >= len(toks):
            return None
        found = _match(toks, j, lex.victims, lex.max_victim_len)
        if found is not None:
            return found[0], found[1], j
        tok = toks[j]
        if (
            tok.low in _SKIPPABLE
            or (tok.text[:1].isupper() and tok.text.isalpha())
            or "-" in tok.low
        ):
            j += 1
            continue
        return None
    return None


_FOLLOW_PASSIVE = frozenset(
    [
        "in",
        "at",
        "on",
        "during",
        "by",
        "near",
        "and",
        "while",
        "after",
        "when",
        "as",
        "since",
        "across",
        "from",
        "with",
        "within",
        "inside",
        "outside",
        "between",
        "following",
        "amid",
        "or",
        "but",
        ",",
        ".",
        ";",
        ":",
        "(",
        ")",
        "-",
        "–",
    ]
)


def _outcome_after(toks: list[_Tok], i: int) -> tuple[str, int] | None:
    """'were killed', 'dead', 'have been wounded' right after the victims (skipping 'including ...').

    "20 elements killed, ..." is a reduced passive; "a herder killed his brother" is active (the
    herder is no victim): a bare participle must be followed by a preposition or punctuation."""
    lex = _lexicon()
    j = i
    depth = 0
    auxiliary = False
    while j < len(toks) and j < i + 16:
        tok = toks[j]
        if tok.low in _INCLUDING or (
            tok.low in {",", "("} and j + 1 < len(toks) and toks[j + 1].low in _INCLUDING
        ):
            depth = 1
            j += 1
            continue
        if depth:
            if tok.low in {",", ")"} or tok.low in _BE:
                depth = 0
                if tok.low in _BE:
                    continue
            j += 1
            continue
        if tok.low in _BE or tok.low in {"reportedly", "allegedly", "later", "also", "all", "both"}:
            auxiliary = auxiliary or tok.low in _BE
            j += 1
            continue
        found = _match(toks, j, lex.killed, 4)
        if found is None:
            return None
        end = found[0]
        word = toks[j].low
        active_form = word.endswith("ed") or word in {"shot", "slain"}
        if (
            not auxiliary
            and active_form
            and end < len(toks)
            and toks[end].low not in _FOLLOW_PASSIVE
        ):
            return None
        return found[1], end
    return None


_BEFORE_KILLED = frozenset(
    [
        "killed",
        "killing",
        "kill",
        "kills",
        "left",
        "leaving",
        "claimed",
        "claiming",
        "massacred",
        "executed",
        "murdered",
        "shot",
        "slaughtered",
    ]
)
_BEFORE_INJURED = frozenset(
    ["injured", "injuring", "wounded", "wounding", "injure", "wound", "hurt"]
)
_TOLL = frozenset({"toll", "tolls"})
_LEAVING = frozenset({"left", "leaving", "leaves", "leave"})
# "the toll ... has risen to 14", "the number stood at 9": a verb of a toll's level before a count
_TOLL_RISES = frozenset(
    [
        "risen",
        "rose",
        "rises",
        "climbed",
        "climbs",
        "increased",
        "jumped",
        "reached",
        "reaches",
        "stands",
        "stood",
        "hit",
        "hits",
        "surged",
        "soared",
    ]
)
_LEFT_DEAD = frozenset({"dead", "killed", "lifeless", "deceased"})
_VERB_BEFORE = frozenset(
    ["killing", "killed", "kill", "wounding", "wounded", "injuring", "injured"]
)


def _unnamed_victims(toks: list[_Tok], i: int) -> tuple[str, int] | None:
    """'3 Balanda were killed', '1 tribesman killed': victims named by a word not in the lexicon."""
    j = i
    while (
        j < len(toks)
        and j < i + 3
        and toks[j].text.isalpha()
        and toks[j].low not in _BE
        and toks[j].low not in _FOLLOW_PASSIVE
    ):
        j += 1
    if j == i:
        return None
    return _outcome_after(toks, j)


def _after_toll(toks: list[_Tok], i: int) -> bool:
    if any(t.low in _TOLL for t in toks[max(0, i - 5) : i]):
        return True
    return _risen_toll(toks, i) is not None


def _risen_toll(toks: list[_Tok], i: int) -> str | None:
    """'the death toll from Saturday's attack ... has risen to 14': the outcome of that toll."""
    before = [t.low for t in toks[max(0, i - 2) : i]]
    if before and before[-1] in {"to", "at"}:
        before.pop()
    if not before or before[-1] not in _TOLL_RISES:
        return None
    earlier = [t.low for t in toks[max(0, i - 30) : i]]
    tolls = [k for k, w in enumerate(earlier) if w in _TOLL]
    if not tolls:
        return None
    told = earlier[max(0, tolls[-1] - 3) :]
    return "injured" if any(w.startswith("injur") for w in told) else "killed"


def _outcome_before(toks: list[_Tok], i: int) -> str | None:
    """'killing 5', 'left 3 dead', 'death toll of 21', 'claimed the lives of 7' before the quantity."""
    window = [t.low for t in toks[max(0, i - 6) : i]]
    risen = _risen_toll(toks, i)
    if risen is not None:
        return risen
    if window and window[-1] == ",":
        return None  # "... before leaving, a resident said": the count starts a new clause
    for k in range(len(window) - 1, -1, -1):
        word = window[k]
        if word in _BEFORE_INJURED:
            return "injured"
        if word in _LEAVING:
            # "left 3 dead", "leaving two people wounded"; not "left the town, a resident said"
            after = {t.low for t in toks[i : i + 6]}
            if after & {"injured", "wounded", "hurt"}:
                return "injured"
            return "killed" if after & _LEFT_DEAD else None
        if word in _BEFORE_KILLED:
            return "killed"
        if word in _TOLL:
            return "injured" if "injury" in window or "injuries" in window else "killed"
        if word in {"lives"} and k and window[k - 1] == "the":
            return "killed"
        if word in {"bodies", "corpses", "remains"} and k == len(window) - 2 and window[-1] == "of":
            return "killed"
        if word in {"by", "with", "from", "after", "before", "who", "which", "that"}:
            break
        if word in {".", ";", "said", "says", "and", "but", "while"} and k < len(window) - 1:
            break
    return None


def find_counts_in_sentence(sentence: Sentence) -> list[CountMention]:
    """All counts of killed and injured people in one sentence."""
    lex = _lexicon()
    # quotation marks around a word ('killed 40 "terrorists"') do not separate it
    toks = [t for t in _tokens(sentence.text) if t.text not in _QUOTES]
    lowered = sentence.text.lower()
    provisional = bool(_PROVISIONAL.search(sentence.text))
    counts: list[CountMention] = []
    i = 0
    pending: list[int] = []  # counts waiting for an outcome word ("84 ... and 47 ... killed")
    while i < len(toks):
        quantity = parse_quantity(toks, i)
        if quantity is None or quantity.end == i:
            i += 1
            continue
        victim = _victim(toks, quantity.end)
        end = victim[0] if victim else quantity.end
        group = victim[1] if victim else "people"
        outcome: str | None = None
        noun = _match(toks, quantity.end, lex.killed, 2) if victim is None else None
        if noun is not None:  # "3 fatalities", "two dead", "5 injured"
            outcome, end = noun[1], noun[0]
        if (
            outcome is None
            and victim is not None
            and toks[victim[2]].low
            in {"dead", "deaths", "fatalities", "bodies", "casualties", "lives"}
        ):
            outcome = (
                "injured"
                if toks[victim[2]].low == "casualties" and "injur" in lowered
                else "killed"
            )
        span_end = end
        if outcome is None and (victim is not None or (end < len(toks) and toks[end].low in _BE)):
            after = _outcome_after(toks, end)
            if after is not None:
                outcome, span_end = after[0], max(end, after[1])
        before = _outcome_before(toks, quantity.start)
        if outcome is None:
            outcome = before
        bare = victim is None and noun is None and span_end == end
        next_word = toks[quantity.end].low if quantity.end < len(toks) else "."
        toll = before is not None and (
            _after_toll(toks, quantity.start)
            or (
                quantity.start > 0
                and toks[quantity.start - 1].low in _VERB_BEFORE
                and next_word in _FOLLOW_PASSIVE
            )
        )
        if bare and not toll:
            unnamed = _unnamed_victims(toks, quantity.end)
            if unnamed is not None:
                outcome, span_end, bare = unnamed[0], unnamed[1], False
        weak_number = (
            quantity.qualifier is None
            and quantity.best == 1
            and not toks[quantity.start].low[0].isdigit()
            and not (toll and toks[quantity.start].low == "one")
        )
        if (bare and not toll) or (weak_number and victim is None):
            i = quantity.end
            continue
        prev = toks[quantity.start - 1].low if quantity.start > 0 else ""
        prev_is_including = prev in _INCLUDING
        # "84 soldiers and 47 mercenaries (were killed)"; not "risen to 14, a local official said"
        if (
            outcome is None
            and counts
            and (prev_is_including or (prev in {"and", ","} and not weak_number))
        ):
            outcome = counts[-1].outcome or None
        end = span_end
        start_char = toks[quantity.start].start
        end_char = toks[end - 1].end
        mention = CountMention(
            span=sentence.span(start_char, end_char),
            sentence_index=sentence.index,
            outcome=outcome or "",
            low=quantity.low,
            high=quantity.high,
            best=quantity.best,
            qualifier=quantity.qualifier,
            group=group,
            actor_text=" ".join(t.text for t in toks[quantity.end : victim[0]]) if victim else None,
            provisional=provisional,
        )
        if prev_is_including and counts:
            mention.part_of = len(counts) - 1 if counts[-1].part_of is None else counts[-1].part_of
        counts.append(mention)
        if outcome:
            for k in pending:
                if not counts[k].outcome:
                    counts[k].outcome = outcome
            pending = []
        elif end < len(toks) and toks[end].low in {"and", ",", "as", "while"}:
            pending.append(len(counts) - 1)  # "84 mercenaries and 47 soldiers (were killed)"
        else:
            pending = []
        i = victim[0] if victim else max(end, quantity.end)
    # subsets inherit their total's outcome; counts with no outcome are not casualty counts
    for c in counts:
        if not c.outcome and c.part_of is not None:
            c.outcome = counts[c.part_of].outcome
    kept = [c for c in counts if c.outcome]
    index = {id(c): k for k, c in enumerate(kept)}
    for c in kept:
        if c.part_of is not None:
            parent = counts[c.part_of]
            c.part_of = index.get(id(parent))
    kept.extend(_negated_counts(sentence, toks))
    kept.extend(_coded(sentence, lowered))
    if sentence.doc is not None:
        kept.extend(_unnumbered_victims(sentence, kept))
    return kept


_CODED = re.compile(r"(?:coded|recorded) as (\d+)")


def _coded(sentence: Sentence, lowered: str) -> list[CountMention]:
    """An analyst's explicit figure: "Unknown fatalities coded as 10" (ACLED notes)."""
    for phrase in _lexicon().coded_as:
        at = lowered.find(phrase)
        if at < 0:
            continue
        match = _CODED.match(lowered, at + len(phrase) - len("coded as"))
        if match is None:
            continue
        value = int(match.group(1))
        span = sentence.span(at, match.end())
        return [
            CountMention(
                span=span,
                sentence_index=sentence.index,
                outcome="killed",
                low=value,
                high=value,
                best=value,
                coded=True,
            )
        ]
    return []


_KILL_LEMMAS = frozenset(
    [
        "kill",
        "murder",
        "execute",
        "behead",
        "lynch",
        "slay",
        "assassinate",
        "massacre",
        "slaughter",
        "die",
    ]
)
_TO_DEATH_LEMMAS = frozenset(["beat", "burn", "hack", "stab", "stone", "shoot", "club", "torture"])
_SINGULAR_PRONOUNS = frozenset({"him", "her", "he", "she"})


def _is_kill(token: Token) -> bool:
    lemma = token.lemma_.lower()
    if lemma in _KILL_LEMMAS:
        return True
    following = " ".join(t.lower_ for t in token.doc[token.i + 1 : token.i + 5])
    if lemma in _TO_DEATH_LEMMAS and "to death" in following:
        return True
    if lemma in {"shoot", "gun", "find", "leave"} and token.i + 1 < len(token.doc):
        return "dead" in following.split()[:3]
    return False


def _victim_heads(verb: Token) -> list[Token]:
    passive = (
        any(c.dep_ == "nsubjpass" for c in verb.children)
        or verb.lemma_ == "die"
        or (verb.tag_ == "VBN" and verb.dep_ in {"acl", "relcl"})
    )
    heads: list[Token] = []
    for child in verb.children:
        if (passive and child.dep_ in {"nsubjpass", "nsubj"}) or (
            not passive and child.dep_ in {"dobj", "obj"}
        ):
            heads.append(child)
    if verb.dep_ == "conj" and not heads and passive:
        heads = [c for c in verb.head.children if c.dep_ in {"nsubjpass", "nsubj"}]
    if not heads and verb.dep_ in {"acl", "relcl"} and passive:
        heads = [verb.head]
    out: list[Token] = []
    for head in heads:
        out.extend([head, *head.conjuncts])
    return out


def _unnumbered_victims(sentence: Sentence, found: list[CountMention]) -> list[CountMention]:
    """Victims named without a number: "a man was shot dead", "killing a woman and her son"."""
    assert sentence.doc is not None
    lex = _lexicon()
    extra: list[CountMention] = []
    taken = [(c.span.start, c.span.end) for c in found]
    for token in sentence.doc:
        if token.pos_ not in {"VERB", "AUX"} or not _is_kill(token):
            continue
        if any(c.dep_ == "neg" for c in token.children):
            continue
        for head in _victim_heads(token):
            if any(c.dep_ == "nummod" for c in head.children) or head.like_num:
                continue
            lower = head.lower_
            if head.lemma_.lower() == "body" and lower == "body":
                of = [t for c in head.children if c.lower_ == "of" for t in c.children]
                head = of[0] if of else head
                lower = head.lower_
            singular = head.tag_ in {"NN", "NNP"} or lower in _SINGULAR_PRONOUNS
            person = (
                (lower,) in lex.victims
                or head.ent_type_ == "PERSON"
                or lower in _SINGULAR_PRONOUNS
                or (
                    head.tag_ == "NN"
                    and lower not in lex.not_people
                    and any(c.dep_ in {"det", "poss"} for c in head.children)
                )
            )
            if not (singular and person):
                continue
            start = min(t.idx for t in head.subtree if t.i <= head.i)
            end = head.idx + len(head.text)
            a, b = sentence.start + start, sentence.start + end
            if any(x < b and a < y for x, y in taken):
                continue
            taken.append((a, b))
            group = lex.victims.get((lower,), "people")
            extra.append(
                CountMention(
                    span=sentence.span(start, end),
                    sentence_index=sentence.index,
                    outcome="killed",
                    low=1,
                    high=1,
                    best=1,
                    group=group,
                )
            )
    return extra


def _negated_counts(sentence: Sentence, toks: list[_Tok]) -> list[CountMention]:
    lex = _lexicon()
    found: list[CountMention] = []
    lows = [t.low for t in toks]
    seen: set[str] = set()
    for phrase in sorted(lex.negations, key=len, reverse=True):
        n = len(phrase)
        for i in range(len(lows) - n + 1):
            if tuple(lows[i : i + n]) == phrase:
                words = set(lows[i : i + n + 3])
                outcomes = set()
                if words & {
                    "casualties",
                    "fatalities",
                    "deaths",
                    "killed",
                    "casualty",
                    "life",
                    "victims",
                    "dead",
                }:
                    outcomes.add("killed")
                if words & {"casualties", "injuries", "injured", "hurt", "wounded", "casualty"}:
                    outcomes.add("injured")
                span = sentence.span(toks[i].start, toks[i + n - 1].end)
                for outcome in sorted(outcomes - seen):
                    seen.add(outcome)
                    found.append(
                        CountMention(
                            span=span,
                            sentence_index=sentence.index,
                            outcome=outcome,
                            low=0,
                            high=0,
                            best=0,
                            negated=True,
                        )
                    )
                break
    return found


def find_counts(document: Document) -> list[CountMention]:
    """Counts of people killed and injured in every sentence of the article."""
    found: list[CountMention] = []
    for sentence in document.sentences:
        if sentence.doc is None and not _may_count(sentence.text):
            continue
        found.extend(find_counts_in_sentence(sentence))
    return found


_CUE = re.compile(
    r"kill|dead|die|death|wound|injur|hurt|slain|toll|casualt|fatalit|bodies|lives|executed|murder|massacre|shot",
    re.I,
)


def _may_count(text: str) -> bool:
    return bool(_CUE.search(text))


def span_text(span: Span) -> str:
    return span.text
