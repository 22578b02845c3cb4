"""The event lexicon: trigger patterns, cue classes and decision rules, loaded from data files.

The shipped lexicon is ``sitrep/data/event_lexicon.json``; users add files of the same format
(``$SITREP_HOME/lexicon/*.json`` or ``EventLexicon.load(extra_paths=...)``), whose entries are
appended to the shipped ones. A file is one JSON object::

    {
      "format": "sitrep-event-lexicon/1",
      "forms":    {"shoot": ["shot"], "retake": ["retook", "retaken"]},
      "cues":     {"aircraft": ["drone", "warplane", "fighter jet"], ...},
      "triggers": {"Air/drone strike": [["air strike", 3.0], ["bomb", 1.0]], "@violence": [...]},
      "rules":    [{"name": "...", "when": ["@violence"], "any": ["victim:armed"], "move": "Armed clash"}],
      "defaults": {"@violence": "Attack"},
      "relevance": ["said", "according to", "killed"],
      "told_cues": ["riot_violence", "lethal"],
      "settings": {"min_score": 1.5, "scale": 3.0}
    }

Patterns (in ``cues``, ``triggers`` and ``relevance``) are words separated by spaces. A word is
matched against a token's lemma and its lower-cased form (``attack`` matches "attacked" and
"attacks"); ``a|b`` gives alternatives; ``*`` skips up to three tokens, ``**`` up to six; ``@name``
matches any cue of class ``name`` (trigger patterns only; ``@weapon|gun`` mixes both); ``%NORP`` matches a token that the
language model tagged with that entity label. Irregular inflections the text may use without a
parse go in ``forms``.

Trigger labels are ACLED sub-event types ("Armed clash") or frames ("@violence", "@capture"):
kinds of action whose sub-event type depends on who did what to whom. ``rules`` run in order and
move, add or drop scores when cue classes are present in the sentence (``"class"``) or in a role
(``"victim:class"``, ``"agent:class"``); ``defaults`` give the sub-event type of a frame that no
rule resolved. A rule is an object with:

- ``when``: labels, at least one of which must have a score (omit: any label);
- ``any`` / ``all`` / ``none``: cue references that must be present (one / all) or absent;
- ``label:LABEL`` in ``any``/``all``/``none`` tests whether that label has a score, and
  ``label:LABEL>N`` whether its score is above N (strong evidence);
- ``below``: apply only while the ``when`` labels' score is below this (weak evidence); a
  ``drop`` rule drops each of its labels whose own score is below it;
- one action: ``"move": LABEL`` (the ``when`` labels' score goes to LABEL, plus ``bonus``),
  ``"add": {LABEL: weight}``, or ``"drop": true`` (the ``when`` labels, or every label, are
  zeroed: a non-event domain such as sport or natural disasters).

``told_cues`` are cue classes that count only where the sentence tells them as what happened: a
cue inside the topic of a protest, a demand or an accusation ("protesters demanded the recovery of
[looted] funds", "a rally against the [killing] of a student") or in a time clause ("after days of
[clashes]") is background, not the conduct of the sentence's actors.

``settings`` holds the numbers of the decision: ``min_score`` (the weakest evidence that makes a
mention), ``scale`` (raw evidence -> 0..1 score: ``1 - exp(-raw / scale)``), and the factors that
lower the score of ``hypothetical`` and ``negated`` mentions; ``extra`` is how much each further
trigger of a label adds (the strongest counts fully); ``secondary`` lowers mentions that only add
detail to a more specific report in the same article.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from sitrep.errors import LexiconError
from sitrep.taxonomy import SubEventType

__all__ = ["Cue", "EventLexicon", "Pattern", "Rule", "inflections", "user_lexicon_files"]

FORMAT = "sitrep-event-lexicon/1"
GAP = "*"
LONG_GAP = "**"
_GAPS = {GAP: 3, LONG_GAP: 6}
_SUB_TYPES = {s.value for s in SubEventType}
DEFAULT_SETTINGS = {
    "min_score": 1.5,
    "scale": 3.0,
    "hypothetical": 0.5,
    "negated": 0.3,
    "extra": 0.3,
    "secondary": 0.8,
}


@dataclass(frozen=True)
class Cue:
    """One element of a pattern: literal words, a cue class, an entity label or a gap."""

    words: frozenset[str] = frozenset()
    classes: tuple[str, ...] = ()
    entity: str | None = None
    gap: int = 0


@dataclass(frozen=True)
class Pattern:
    """A sequence of cues with the label(s) it signals and their weights."""

    source: str
    cues: tuple[Cue, ...]
    label: str
    weight: float = 1.0

    @property
    def literals(self) -> set[str]:
        return {w for cue in self.cues for w in cue.words}


@dataclass(frozen=True)
class Rule:
    """A context rule that moves, adds or drops label scores when cues are present."""

    name: str
    when: tuple[str, ...] = ()
    any: tuple[str, ...] = ()
    all: tuple[str, ...] = ()
    none: tuple[str, ...] = ()
    move: str | None = None
    bonus: float = 0.0
    add: tuple[tuple[str, float], ...] = ()
    drop: bool = False
    below: float | None = None  # apply only while the ``when`` labels score below this


@dataclass
class EventLexicon:
    """Everything the event detector knows about the language of conflict events."""

    triggers: list[Pattern] = field(default_factory=list)
    cues: dict[str, list[Pattern]] = field(default_factory=dict)
    rules: list[Rule] = field(default_factory=list)
    defaults: dict[str, str] = field(default_factory=dict)
    relevance: list[Pattern] = field(default_factory=list)
    told_cues: set[str] = field(default_factory=set)  # cue classes ignored when only framed
    forms: dict[str, set[str]] = field(default_factory=dict)  # irregular form -> lemmas ("shot")
    inflected: dict[str, set[str]] = field(
        default_factory=dict
    )  # regular form -> lemmas, no-parse reading
    settings: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_SETTINGS))
    sources: list[str] = field(default_factory=list)
    _trigger_keys: set[tuple[str, tuple[Cue, ...]]] = field(default_factory=set, repr=False)

    # -- loading ----------------------------------------------------------------------------
    @classmethod
    def load(
        cls, path: Path | None = None, extra_paths: Iterable[Path] | None = None
    ) -> EventLexicon:
        """The shipped lexicon (or ``path``), extended by the files in ``extra_paths`` (default:
        the user's ``$SITREP_HOME/lexicon/*.json``, in name order)."""
        if extra_paths is None:
            extra_paths = user_lexicon_files()
        lexicon = cls()
        if path is None:
            text = resources.files("sitrep").joinpath("data/event_lexicon.json").read_text("utf-8")
            lexicon.extend(_parse_json(text, "event_lexicon.json"), "event_lexicon.json")
        else:
            lexicon.extend(_read(path), str(path))
        for extra in extra_paths:
            lexicon.extend(_read(extra), str(extra))
        lexicon.check()
        return lexicon

    @classmethod
    def from_dict(cls, data: Mapping[str, object], source: str = "<dict>") -> EventLexicon:
        lexicon = cls()
        lexicon.extend(data, source)
        lexicon.check()
        return lexicon

    def extend(self, data: Mapping[str, object], source: str) -> None:
        """Add the entries of one lexicon file (already parsed) to this lexicon."""
        fmt = data.get("format", FORMAT)
        if fmt != FORMAT:
            raise LexiconError.from_catalogue("E092", path=source, detail=f"unknown format {fmt!r}")
        try:
            self._extend_forms(_mapping(data.get("forms", {})))
            for name, entries in _mapping(data.get("cues", {})).items():
                patterns = [
                    p for e in _list(entries) for p in self._patterns(str(e), name, 1.0, source)
                ]
                self.cues.setdefault(name, []).extend(patterns)
            for label, entries in _mapping(data.get("triggers", {})).items():
                for entry in _list(entries):
                    text, weight = _weighted(entry)
                    for pattern in self._patterns(text, label, weight, source):
                        seen = (pattern.label, pattern.cues)
                        if seen not in self._trigger_keys:  # "tear gas" and "tear-gas"
                            self._trigger_keys.add(seen)
                            self.triggers.append(pattern)
            self.rules.extend(_rule(r) for r in _list(data.get("rules", [])))
            self.defaults.update(
                {str(k): str(v) for k, v in _mapping(data.get("defaults", {})).items()}
            )
            for key, value in _mapping(data.get("settings", {})).items():
                if key not in DEFAULT_SETTINGS:
                    raise ValueError(f"unknown setting {key!r}")
                self.settings[key] = float(value)  # type: ignore[arg-type]
            self.relevance.extend(
                p
                for e in _list(data.get("relevance", []))
                for p in self._patterns(str(e), "relevance", 1.0, source)
            )
            self.told_cues.update(str(c) for c in _list(data.get("told_cues", [])))
        except (TypeError, ValueError, KeyError) as exc:
            raise LexiconError.from_catalogue("E092", path=source, detail=str(exc)) from exc
        self.sources.append(source)

    def check(self) -> None:
        """Raise ``LexiconError`` when a label, class or rule refers to something unknown."""
        source = ", ".join(self.sources) or "<empty>"
        labels = {p.label for p in self.triggers}
        for label in labels | set(self.defaults.values()):
            if not _is_label(label):
                raise LexiconError.from_catalogue(
                    "E092", path=source, detail=f"unknown label {label!r}"
                )
        for pattern in self.triggers:
            for cls in (c for cue in pattern.cues for c in cue.classes):
                if cls not in self.cues:
                    detail = f"pattern {pattern.source!r} uses unknown cue class @{cls}"
                    raise LexiconError.from_catalogue("E092", path=source, detail=detail)
        unknown_told = sorted(self.told_cues - set(self.cues))
        if unknown_told:
            detail = f"told_cues refers to unknown cue classes {', '.join(unknown_told)}"
            raise LexiconError.from_catalogue("E092", path=source, detail=detail)
        for rule in self.rules:
            refs = [r for r in (*rule.any, *rule.all, *rule.none) if not r.startswith("label:")]
            unknown = [r for r in refs if r.split(":", 1)[-1] not in self.cues]
            unknown += [
                r
                for r in (*rule.any, *rule.all, *rule.none)
                if r.startswith("label:") and not _label_test(r[6:])
            ]
            targets = [rule.move] if rule.move else [label for label, _ in rule.add]
            unknown += [t for t in (*targets, *rule.when) if not _is_label(t)]
            if unknown:
                detail = f"rule {rule.name!r} refers to unknown {', '.join(unknown)}"
                raise LexiconError.from_catalogue("E092", path=source, detail=detail)

    # -- helpers ----------------------------------------------------------------------------
    def _extend_forms(self, forms: Mapping[str, object]) -> None:
        for lemma, extra in forms.items():
            for form in _list(extra):
                self.forms.setdefault(str(form).lower(), set()).add(str(lemma).lower())

    def _patterns(self, text: str, label: str, weight: float, source: str) -> list[Pattern]:
        """The patterns of one entry: a hyphenated word ("self-defence", "sit-in") is its parts in
        a row, as both tokenizers split it and drop the hyphen; an alternative of such a word
        ("self-defence|vigilante") becomes a pattern of its own."""
        variants: list[list[str]] = [[]]
        for part in text.lower().split():
            alternatives = part.split("|")
            joined = [w for w in alternatives if "-" not in w.strip("-") or w.startswith("@")]
            options = ["|".join(joined)] if joined else []
            options += [" ".join(w.split("-")) for w in alternatives if w not in joined]
            variants = [[*v, o] for v in variants for o in options]
        return [self._pattern(" ".join(v), label, weight, source, written=text) for v in variants]

    def _pattern(
        self, text: str, label: str, weight: float, source: str, written: str | None = None
    ) -> Pattern:
        cues: list[Cue] = []
        for part in text.lower().split():
            if part in _GAPS:
                if not cues:
                    raise ValueError(f"pattern {text!r} starts with a gap")
                cues.append(Cue(gap=_GAPS[part]))
            elif part.startswith("%"):
                cues.append(Cue(entity=part[1:].upper()))
            else:
                alternatives = [w for w in part.split("|") if w]
                words = frozenset(w for w in alternatives if not w.startswith("@"))
                classes = tuple(w[1:] for w in alternatives if w.startswith("@"))
                for word in words:
                    for form in inflections(word):
                        if form != word:
                            self.inflected.setdefault(form, set()).add(word)
                cues.append(Cue(words=words, classes=classes))
        if not cues or cues[-1].gap:
            raise ValueError(f"pattern {text!r} in {source} is empty or ends with a gap")
        return Pattern(source=written or text, cues=tuple(cues), label=label, weight=weight)


def user_lexicon_files() -> list[Path]:
    """The user's own lexicon files: ``$SITREP_HOME/lexicon/*.json``."""
    from sitrep.config import Settings

    folder = Settings.from_env().home / "lexicon"
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def _label_test(ref: str) -> bool:
    """ "Armed clash" or "@capture>2.9": a known label, optionally with a score floor."""
    label, _, floor = ref.partition(">")
    if floor:
        try:
            float(floor)
        except ValueError:
            return False
    return _is_label(label)


def _is_label(label: str) -> bool:
    return label in _SUB_TYPES or (label.startswith("@") and len(label) > 1)


def inflections(word: str) -> set[str]:
    """Regular English inflections of a lemma: plural / 3rd person, past, gerund."""
    forms = {word}
    if not word.isalpha() or len(word) < 3:
        return forms
    vowels = "aeiou"
    if word.endswith("e"):
        forms |= {word + "s", word + "d", word[:-1] + "ing"}
    elif word.endswith("y") and word[-2] not in vowels:
        forms |= {word[:-1] + "ies", word[:-1] + "ied", word + "ing"}
    elif word.endswith(("s", "x", "z", "ch", "sh")):
        forms |= {word + "es", word + "ed", word + "ing"}
    else:
        forms |= {word + "s", word + "ed", word + "ing"}
        short_cvc = word[-1] not in vowels + "wxy" and word[-2] in vowels and word[-3] not in vowels
        if short_cvc:  # kidnap -> kidnapped, ship -> shipped
            forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    if word.endswith("man"):  # gunman -> gunmen
        forms.add(word[:-3] + "men")
    return forms


def _read(path: Path) -> Mapping[str, object]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LexiconError.from_catalogue("E092", path=path, detail=str(exc)) from exc
    return _parse_json(text, str(path))


def _parse_json(text: str, source: str) -> Mapping[str, object]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LexiconError.from_catalogue("E092", path=source, detail=str(exc)) from exc
    if not isinstance(data, dict):
        raise LexiconError.from_catalogue(
            "E092", path=source, detail="the file is not a JSON object"
        )
    return data


def _mapping(value: object) -> Mapping[str, object]:
    if not isinstance(value, dict):
        raise TypeError(f"expected an object, got {type(value).__name__}")
    return value


def _list(value: object) -> list[object]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list):
        raise TypeError(f"expected a list, got {type(value).__name__}")
    return value


def _weighted(entry: object) -> tuple[str, float]:
    if isinstance(entry, str):
        return entry, 1.0
    if isinstance(entry, list) and len(entry) == 2:
        return str(entry[0]), float(entry[1])
    raise ValueError(f"a trigger is a pattern or [pattern, weight], not {entry!r}")


def _strings(value: object) -> tuple[str, ...]:
    return tuple(str(v) for v in _list(value)) if value is not None else ()


def _rule(value: object) -> Rule:
    data = _mapping(value)
    known = {"name", "when", "any", "all", "none", "move", "bonus", "add", "drop", "below", "note"}
    extra = set(data) - known
    if extra:
        raise ValueError(f"rule {data.get('name')!r} has unknown keys {sorted(extra)}")
    actions = sum(1 for key in ("move", "add", "drop") if data.get(key))
    if actions != 1:
        raise ValueError(f"rule {data.get('name')!r} needs exactly one of move, add, drop")
    if data.get("move") and not data.get("when"):
        raise ValueError(f"rule {data.get('name')!r} moves scores but has no 'when' labels")
    add = tuple((str(k), float(v)) for k, v in _mapping(data.get("add", {})).items())  # type: ignore[arg-type]
    return Rule(
        name=str(data.get("name", "")),
        when=_strings(data.get("when")),
        any=_strings(data.get("any")),
        all=_strings(data.get("all")),
        none=_strings(data.get("none")),
        move=str(data["move"]) if data.get("move") else None,
        bonus=float(data.get("bonus", 0.0)),  # type: ignore[arg-type]
        add=add,
        drop=bool(data.get("drop", False)),
        below=float(data["below"]) if data.get("below") is not None else None,  # type: ignore[arg-type]
    )
