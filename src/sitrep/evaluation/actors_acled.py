"""Measure actor coding on ACLED notes: ``notes`` in, ``actor1``/``actor2`` and inter codes out.

Two measurements:

- ``gold`` (an upper bound for the pipeline): the actor stage alone (``ActorResolver.find`` and
  ``roles``) with the gold country and gold sub-event type given; the event's trigger is the
  first word of the note that signals its event type.
- ``pipeline``: no gold at all: the event detector's first event mention (whatever type it
  found), the event's country guessed from the countries the note names, then the actor stage
  (``ActorResolver.event_actors``). Notes that name no country get generic names without one.

Scores: actor1/actor2 name exact, and with the regime period ignored ("Military Forces of Mali
(2013-)" = "Military Forces of Mali (2021-)"), inter1/inter2. A missing actor2 counts as right
when the gold actor2 is empty. Run::

    python -m sitrep.evaluation.actors_acled                # both files, gold mode
    python -m sitrep.evaluation.actors_acled --mode gold-type       # country from the text
    python -m sitrep.evaluation.actors_acled --mode pipeline --limit 1000
    python -m sitrep.evaluation.actors_acled --errors 40    # print misses to study patterns

The data are read from ``../shared/data/dev`` at run time and never copied.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sitrep.evaluation.datasets import AcledRow, acled_files, default_data_dir, read_acled
from sitrep.model import PartialDate, Span
from sitrep.taxonomy import EventType, SubEventType

if TYPE_CHECKING:
    from sitrep.pipeline.actors import ActorResolver, EventActors
    from sitrep.pipeline.document import Document, Sentence
    from sitrep.pipeline.mentions import ActorMention, EventMention

__all__ = [
    "ActorScore",
    "FullAnswer",
    "actor_stage_cost",
    "breakdown",
    "main",
    "score_full",
    "score_gold",
    "score_pipeline",
    "strip_regime",
]

_REGIME = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)")
# Words that signal each event type in a note; the first found is the event's trigger.
_TRIGGERS: dict[EventType, str] = {
    EventType.protests: r"protest\w*|demonstrat\w*|rall(?:y|ied)|march\w*|strike|sit-in|gather\w*|picket\w*",
    EventType.riots: r"riot\w*|mob\w*|clash\w*|lynch\w*|beat\w*|attack\w*|pelt\w*|stor\w*|burn\w*|block\w*|demonstrat\w*|protest\w*",
    EventType.battles: r"clash\w*|shoot-?outs?|gunfights?|firefights?|fight\w*|attack\w*|ambush\w*|fired|exchange\w*|repel\w*|repuls\w*|engag\w*|battle\w*|took control|captur\w*|regain\w*|recaptur\w*|seiz\w*|shot|kill\w*",
    EventType.explosions: r"shell\w*|airstrikes?|air strikes?|strikes?|raids?|bomb\w*|explo\w*|IEDs?|mines?|landmines?|grenades?|rockets?|missiles?|mortars?|fired|drones?|artillery|shot down|target\w*",
    EventType.violence_against_civilians: r"kill\w*|shot|shoot\w*|attack\w*|abduct\w*|kidnap\w*|rap\w*|assault\w*|beat\w*|murder\w*|stabb\w*|tortur\w*|execut\w*|found dead|injur\w*|wound\w*",
    EventType.strategic_developments: r"arrest\w*|seiz\w*|loot\w*|burn\w*|destroy\w*|captur\w*|agree\w*|sign\w*|deploy\w*|establish\w*|defus\w*|dismantl\w*|took over|withdr\w*|releas\w*|recruit\w*|patrol\w*|set fire",
}


def strip_regime(name: str) -> str:
    """An actor name without its regime period: "Military Forces of Mali (2013-)" -> "... of Mali"."""
    return _REGIME.sub("", name).strip()


@dataclass
class ActorScore:
    """Counts of right answers per field; ``rate`` gives the share."""

    n: int = 0
    right: Counter[str] = field(default_factory=Counter)
    misses: list[tuple[AcledRow, str, str]] = field(default_factory=list)
    answers: list[tuple[AcledRow, str, str]] = field(default_factory=list)

    def add(
        self, row: AcledRow, actor1: tuple[str, int] | None, actor2: tuple[str, int] | None
    ) -> None:
        self.n += 1
        name1, inter1 = actor1 or ("", 0)
        name2, inter2 = actor2 or ("", 0)
        checks = {
            "actor1": name1 == row.actor1,
            "actor1_no_regime": strip_regime(name1) == strip_regime(row.actor1),
            "inter1": inter1 == row.inter1,
            "actor2": name2 == row.actor2,
            "actor2_no_regime": strip_regime(name2) == strip_regime(row.actor2),
            "inter2": inter2 == row.inter2,
        }
        self.right.update(k for k, ok in checks.items() if ok)
        self.answers.append((row, name1, name2))
        if not checks["actor1_no_regime"] or not checks["actor2_no_regime"]:
            self.misses.append((row, name1, name2))

    def rate(self, key: str) -> float:
        return self.right[key] / self.n if self.n else 0.0

    def table(self) -> str:
        keys = ("actor1", "actor1_no_regime", "inter1", "actor2", "actor2_no_regime", "inter2")
        return "\n".join(f"  {k:<18} {self.rate(k):.3f}  ({self.right[k]}/{self.n})" for k in keys)


def _rows(paths: Sequence[Path], limit: int | None, seed: int) -> list[AcledRow]:
    rows = [row for path in paths for row in read_acled(path) if row.sub_event_type]
    if limit is not None and limit < len(rows):
        rows = random.Random(seed).sample(rows, limit)
    return rows


def _as_of(rows: Sequence[AcledRow]) -> dt.date:
    """The export day, approximately: the newest event in the file (regimes ended later are open)."""
    return max(row.event_date for row in rows)


def _batches(rows: Sequence[AcledRow], size: int) -> Iterator[Sequence[AcledRow]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def score_gold(
    rows: Sequence[AcledRow], *, as_of: dt.date | None = None, gold_country: bool = True
) -> ActorScore:
    """The actor stage alone, given the gold sub-event type (and country) of each note.

    Without ``gold_country`` the event's country is the one the note names most (or none).
    """
    from sitrep.model import Article
    from sitrep.nlp import load_nlp
    from sitrep.pipeline.actors import ActorResolver
    from sitrep.pipeline.document import Document
    from sitrep.pipeline.mentions import EventMention
    from sitrep.pipeline.segment import split_sentences

    resolver = ActorResolver(as_of=as_of or _as_of(rows))
    nlp = load_nlp(resolver.ruler_patterns(), key=resolver.fingerprint)
    score = ActorScore()
    for batch in _batches(rows, 64):
        documents = []
        for row in batch:
            article = Article(
                id=row.event_id, text=row.notes, published=PartialDate.of_day(row.event_date)
            )
            sentences = split_sentences(row.notes)
            documents.append(
                Document(article=article, sentences=sentences, published=article.published)
            )
        flat = [s for d in documents for s in d.sentences]
        for sentence, doc in zip(flat, nlp.pipe(s.text for s in flat), strict=True):
            sentence.doc = doc
        for row, document in zip(batch, documents, strict=True):
            sub = SubEventType(row.sub_event_type)
            trigger = _trigger(document, sub.event_type)
            mention = EventMention(
                sentence=trigger[0], sub_event_type=sub, score=1.0, trigger=trigger[1]
            )
            if gold_country:
                iso3 = _iso3(resolver, row)
            else:
                named = resolver.document_countries(document)
                iso3 = named[0] if named else None
            actors = resolver.find(document, [iso3] if iso3 else None)
            roles = resolver.roles(document, mention, actors)
            refs = [
                resolver.normalise(side[0], country_iso3=iso3, date=row.event_date)
                if side
                else None
                for side in (roles.actor1, roles.actor2)
            ]
            score.add(row, *[(r.name, r.inter) if r else None for r in refs])
    return score


def _iso3(resolver: ActorResolver, row: AcledRow) -> str | None:
    country = resolver.countries.by_name(row.country) if row.country else None
    return country.iso3 if country else row.iso3


def _trigger(document: Document, event_type: EventType) -> tuple[Sentence, Span]:
    """The sentence and span of the first word in the note that signals ``event_type``."""
    pattern = re.compile(rf"\b(?:{_TRIGGERS[event_type]})\b", re.IGNORECASE)
    for sentence in document.sentences:
        match = pattern.search(sentence.text)
        if match:
            return sentence, sentence.span(match.start(), match.end())
    first = document.sentences[0]
    verbs = [t for t in first.doc or [] if t.pos_ == "VERB"]
    if verbs:
        return first, first.span_of(verbs[0])
    return first, first.span(0, min(len(first.text), 1))


def score_pipeline(rows: Sequence[AcledRow], *, as_of: dt.date | None = None) -> ActorScore:
    """No gold: the event detector's first event, the country the text names, the actor stage."""
    from sitrep.core import Extractor
    from sitrep.pipeline.actors import ActorResolver

    resolver = ActorResolver(as_of=as_of or _as_of(rows))
    extractor = Extractor(actors=resolver, parse_all=True)
    extractor._ready()
    assert extractor.nlp is not None and extractor.detector is not None
    score = ActorScore()
    for row in rows:
        article = extractor._article(
            row.notes, published=row.event_date, title=None, url=None, source=None
        )
        document = extractor._document(article)
        for sentence, doc in zip(
            document.sentences, extractor.nlp.pipe(s.text for s in document.sentences), strict=True
        ):
            sentence.doc = doc
        mention = next(iter(extractor.detector(document)), None)
        if mention is None:
            score.add(row, None, None)
            continue
        countries = resolver.document_countries(document)
        iso3 = countries[0] if countries else None
        actors = resolver.event_actors(
            document, mention, resolver.find(document), country_iso3=iso3, date=row.event_date
        )
        pair = [(a.name, a.inter) if a else None for a in (actors.actor1, actors.actor2)]
        score.add(row, pair[0], pair[1])
    return score


@dataclass
class FullAnswer:
    """One note coded by the whole pipeline: its primary event's actors, country and type."""

    row: AcledRow
    actor1: tuple[str, int] | None
    actor2: tuple[str, int] | None
    country_iso3: str | None
    sub_event_type: str | None


def score_full(rows: Sequence[AcledRow]) -> tuple[ActorScore, list[FullAnswer]]:
    """The whole pipeline as ``sitrep eval --suite acled`` runs it: each note's primary event."""
    from sitrep.core import Extractor
    from sitrep.evaluation.acled import extract_notes, primary_event

    extractor = Extractor().prepare()
    score = ActorScore()
    answers: list[FullAnswer] = []
    results = extract_notes(extractor)(r.notes for r in rows)
    for row, result in zip(rows, results, strict=True):
        event = primary_event(result) if result is not None else None
        pair = [
            (a.name, a.inter) if a is not None else None
            for a in ((event.actor1, event.actor2) if event else (None, None))
        ]
        score.add(row, pair[0], pair[1])
        location = event.location if event else None
        answers.append(
            FullAnswer(
                row,
                pair[0],
                pair[1],
                location.country_iso3 if location else None,
                event.sub_event_type.value if event else None,
            )
        )
    return score, answers


def breakdown(answers: Sequence[FullAnswer]) -> dict[str, tuple[int, int]]:
    """actor1 right (regime years ignored) as (right, notes): on all notes, where the pipeline's
    country is right or wrong, where its sub-event type is right or wrong, and where both are
    right: how much of the actor error is the country's or the type's."""
    from sitrep.reference import load_countries

    table = load_countries()

    def gold_iso3(row: AcledRow) -> str | None:
        found = table.by_name(row.country) if row.country else None
        return found.iso3 if found else row.iso3

    groups: dict[str, list[bool]] = {
        "all": [],
        "country right": [],
        "country wrong": [],
        "type right": [],
        "type wrong": [],
        "both right": [],
    }
    for answer in answers:
        name = answer.actor1[0] if answer.actor1 else ""
        ok = strip_regime(name) == strip_regime(answer.row.actor1)
        country_ok = answer.country_iso3 == gold_iso3(answer.row)
        type_ok = answer.sub_event_type == answer.row.sub_event_type
        groups["all"].append(ok)
        groups["country right" if country_ok else "country wrong"].append(ok)
        groups["type right" if type_ok else "type wrong"].append(ok)
        if country_ok and type_ok:
            groups["both right"].append(ok)
    return {key: (sum(values), len(values)) for key, values in groups.items()}


def _breakdown_table(counts: dict[str, tuple[int, int]]) -> str:
    return "\n".join(
        f"  actor1_no_regime | {key:<14} {right / n if n else 0:.3f}  ({right}/{n})"
        for key, (right, n) in counts.items()
    )


def actor_stage_cost(n: int = 200, *, seed: int = 13) -> dict[str, float]:
    """CPU milliseconds per article the actor stage costs in the whole extractor, on ``n`` synthetic
    ~500-word news articles (``sitrep.bench.make_corpus``): ``find`` (spotting, once per
    article) and ``event_actors`` (roles and names, once per event mention), timed inside a
    normal run; ``total`` is the whole extraction, for scale. Resources loaded once (the model,
    the dictionary, the town index) are loaded before the clock starts."""
    import time

    from sitrep.bench import make_corpus
    from sitrep.core import Extractor
    from sitrep.pipeline.actors import ActorResolver
    from sitrep.pipeline.clean import prepare_article
    from sitrep.reference import place_countries

    spent = {"find": 0.0, "event_actors": 0.0}

    class Timed(ActorResolver):
        def find(
            self, document: Document, countries: Sequence[str] | None = None
        ) -> list[ActorMention]:
            started = time.process_time()
            try:
                return super().find(document, countries)
            finally:
                spent["find"] += time.process_time() - started

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
            started = time.process_time()
            try:
                return super().event_actors(
                    document,
                    mention,
                    actors,
                    country_iso3=country_iso3,
                    date=date,
                    sub_event_type=sub_event_type,
                )
            finally:
                spent["event_actors"] += time.process_time() - started

    articles = [prepare_article(raw) for raw in make_corpus(n, seed=seed)]
    extractor = Extractor(actors=Timed())
    extractor.extract(articles[0])
    place_countries(["Tijuana"])  # the town index, loaded once on first use: not per article
    spent.update(find=0.0, event_actors=0.0)
    started = time.process_time()
    for _ in extractor.extract_articles(articles):
        pass
    total = time.process_time() - started
    costs = {k: 1000 * v / n for k, v in spent.items()}
    costs["actors"] = costs["find"] + costs["event_actors"]
    costs["total"] = 1000 * total / n
    return costs


def _print_errors(score: ActorScore, count: int, seed: int) -> None:
    misses = score.misses[:]
    random.Random(seed).shuffle(misses)
    for row, name1, name2 in misses[:count]:
        print(f"- [{row.country} | {row.sub_event_type}] gold: {row.actor1} / {row.actor2}")
        print(f"  got : {name1} / {name2}")
        print(f"  note: {row.notes[:300]}")


def _dump_full(path: Path, answers: Sequence[FullAnswer]) -> None:
    import json

    with path.open("a", encoding="utf-8") as handle:
        for a in answers:
            record = {
                "id": a.row.event_id,
                "country": a.row.country,
                "pred_country": a.country_iso3,
                "sub": a.row.sub_event_type,
                "pred_sub": a.sub_event_type,
                "actor1": a.row.actor1,
                "inter1": a.row.inter1,
                "pred_actor1": a.actor1,
                "actor2": a.row.actor2,
                "pred_actor2": a.actor2,
                "assoc1": a.row.assoc_actor_1,
                "notes": a.row.notes,
            }
            handle.write(json.dumps(record) + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sitrep.evaluation.actors_acled", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--data", type=Path, default=None, help="the dev data folder (default ../shared/data/dev)"
    )
    parser.add_argument(
        "--mode",
        choices=["gold", "gold-type", "pipeline", "full"],
        default="gold",
        help="gold: gold type and country; gold-type: country from the text; pipeline: no gold; "
        "full: the whole extractor and its primary event, with a breakdown by country and type",
    )
    parser.add_argument("--file", default=None, help="only ACLED files whose name contains this")
    parser.add_argument(
        "--limit", type=int, default=None, help="score a random sample of this many notes"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--errors", type=int, default=0, help="print this many misses")
    parser.add_argument(
        "--dump", type=Path, default=None, help="write every answer to this TSV file"
    )
    parser.add_argument(
        "--full-dump",
        type=Path,
        default=None,
        help="(full mode) write each note's answer as JSON lines here, for study outside the repo",
    )
    parser.add_argument(
        "--speed",
        type=int,
        default=0,
        metavar="N",
        help="instead of scoring: the actor stage's cost per article on N synthetic articles",
    )
    args = parser.parse_args(argv)
    if args.speed:
        costs = actor_stage_cost(args.speed)
        for key, value in costs.items():
            print(f"  {key:<14} {value:7.2f} CPU ms/article")
        return 0
    paths = [
        p
        for p in acled_files(args.data or default_data_dir())
        if args.file is None or args.file in p.name
    ]
    if not paths:
        print("no ACLED files found", file=sys.stderr)
        return 2
    for path in paths:
        rows = _rows([path], args.limit, args.seed)
        answers: list[FullAnswer] = []
        if args.mode == "full":
            score, answers = score_full(rows)
        elif args.mode == "pipeline":
            score = score_pipeline(rows)
        else:
            score = score_gold(rows, gold_country=args.mode == "gold")
        print(f"{path.name}  mode={args.mode}  notes={score.n}")
        print(score.table())
        if answers:
            print(_breakdown_table(breakdown(answers)))
        if args.errors:
            _print_errors(score, args.errors, args.seed)
        if args.dump:
            with args.dump.open("a", encoding="utf-8") as handle:
                for row, name1, name2 in score.answers:
                    handle.write(f"{row.event_id}\t{row.actor1}\t{name1}\t{row.actor2}\t{name2}\n")
        if args.full_dump and answers:
            _dump_full(args.full_dump, answers)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
