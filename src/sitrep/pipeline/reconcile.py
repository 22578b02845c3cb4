"""Reconcile the figures and statements about one event into claims and a fatality range.

Every count is credited to whoever gives it: the claimant of its sentence ("..., Tuareg rebels
said"), else the article itself. Counts of one claimant in one sentence add up ("84 mercenaries
and 47 soldiers" = 131), except subsets ("21 people, including 11 children" = 21, of whom 11
children). The same total repeated without attribution joins the named claimant's claim.

The event's range follows UCDP: ``low`` and ``high`` are the smallest and largest credible
totals; ``best`` is the total when claimants agree, and the conservative (lowest) figure when they
disagree, with ``contested`` set. ``Casualties.conservative`` gives ACLED's single figure.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sitrep.model import Casualties, Claim, ClaimKind, Span
from sitrep.pipeline.document import Document
from sitrep.pipeline.mentions import ActorMention, Attribution, CountMention

__all__ = ["FigureClaim", "build_claims", "casualties_from", "figure_claims"]

_ARTICLE = "article"  # the claimant when nobody is quoted


@dataclass
class FigureClaim:
    """One claimant's figure for one outcome (killed or injured) of one event."""

    claimant: str
    claimant_text: str | None
    claimant_type: str | None
    outcome: str
    low: int
    best: int
    high: int
    qualifier: str | None
    by_group: dict[str, int] = field(default_factory=dict)
    provisional: bool = False
    negated: bool = False
    sentence: Span | None = None
    evidence: list[Span] = field(default_factory=list)


def _speaker(attributions: list[Attribution], sentence_index: int) -> Attribution | None:
    for attribution in attributions:
        if attribution.sentence_index == sentence_index and attribution.kind in {
            "statement",
            "confirmation",
            "responsibility",
            "accusation",
        }:
            return attribution
    return None


def _group_key(count: CountMention, actors: list[ActorMention]) -> str:
    """The victims as an actor name when the words name one ("84 Wagner mercenaries")."""
    for actor in actors:
        if (
            count.span.start <= actor.span.start
            and actor.span.end <= count.span.end
            and actor.inter in {1, 2, 3, 8}
        ):
            return actor.name
    return count.group


def _sentence_claim(
    counts: list[CountMention],
    outcome: str,
    speaker: Attribution | None,
    actors: list[ActorMention],
    document: Document,
) -> FigureClaim | None:
    chosen = [c for c in counts if c.outcome == outcome]
    if not chosen:
        return None
    positive = [c for c in chosen if not c.negated]
    top = [c for c in positive if c.part_of is None]
    if positive and not top:
        top = positive[:1]
    generic = [c for c in top if c.group in _GENERIC_GROUPS]
    if len(top) > 1 and generic and len(generic) < len(top):
        # "killed dozens of civilians ..., some estimates putting the toll at more than 100":
        # a toll of people beside a count of a named group is another figure for the same
        # dead, not more dead; the sentence gives a range
        low, best, high = (
            min(c.low for c in top),
            min(c.best for c in top),
            max(c.high for c in top),
        )
        top = [min(top, key=lambda c: c.best)]
    else:
        low = sum(c.low for c in top)
        best = sum(c.best for c in top)
        high = sum(c.high for c in top)
    groups: dict[str, int] = {}
    for c in positive:
        if generic and c.part_of is None and c not in top and c.group in _GENERIC_GROUPS:
            continue
        key = _group_key(c, actors)
        groups[key] = groups.get(key, 0) + c.best
    qualifiers = [c.qualifier for c in top if c.qualifier]
    sentence = document.sentences[chosen[0].sentence_index]
    return FigureClaim(
        claimant=speaker.claimant if speaker else _ARTICLE,
        claimant_text=speaker.claimant_text if speaker else None,
        claimant_type=speaker.claimant_type if speaker else None,
        outcome=outcome,
        low=low,
        best=best,
        high=high,
        qualifier=qualifiers[0] if qualifiers else None,
        by_group=groups,
        provisional=any(c.provisional for c in chosen),
        negated=not positive,
        sentence=sentence.span(0, len(sentence.text)),
        evidence=[c.span for c in chosen],
    )


def figure_claims(
    document: Document,
    counts: list[CountMention],
    attributions: list[Attribution],
    actors: list[ActorMention],
) -> list[FigureClaim]:
    """Figure claims for one event from the counts in its sentences, merged per claimant."""
    coded = [c for c in counts if c.coded]
    if coded:  # an analyst's explicit figure replaces the reading of the text
        counts = coded[:1] + [c for c in counts if c.outcome == "injured"]
    by_sentence: dict[int, list[CountMention]] = {}
    for count in counts:
        by_sentence.setdefault(count.sentence_index, []).append(count)
    claims: list[FigureClaim] = []
    for index in sorted(by_sentence):
        speaker = _speaker(attributions, index)
        for outcome in ("killed", "injured"):
            claim = _sentence_claim(by_sentence[index], outcome, speaker, actors, document)
            if claim is not None:
                claims.append(claim)
    return _merge(claims)


def _merge(claims: list[FigureClaim]) -> list[FigureClaim]:
    """Same claimant and outcome: one claim (largest figure, groups united). A figure given
    without attribution that equals a named claimant's joins that claim."""
    merged: list[FigureClaim] = []
    for claim in claims:
        target = None
        for existing in merged:
            if existing.outcome != claim.outcome or existing.negated != claim.negated:
                continue
            same_claimant = existing.claimant == claim.claimant
            same_figure = existing.best == claim.best and _ARTICLE in {
                existing.claimant,
                claim.claimant,
            }
            one_voice = same_claimant or _ARTICLE in {existing.claimant, claim.claimant}
            if same_claimant or same_figure or (one_voice and _adds_up(existing, claim)):
                target = existing
                break
        if target is None:
            merged.append(claim)
            continue
        if target.claimant == _ARTICLE and claim.claimant != _ARTICLE:
            target.claimant, target.claimant_text, target.claimant_type = (
                claim.claimant,
                claim.claimant_text,
                claim.claimant_type,
            )
        if _adds_up(target, claim):
            target.low, target.best, target.high = (
                target.low + claim.low,
                target.best + claim.best,
                target.high + claim.high,
            )
        elif claim.best > target.best:
            target.low, target.best, target.high = claim.low, claim.best, claim.high
            target.qualifier = claim.qualifier or target.qualifier
        else:
            target.qualifier = target.qualifier or claim.qualifier
        for group, value in claim.by_group.items():
            target.by_group[group] = max(target.by_group.get(group, 0), value)
        target.provisional = target.provisional or claim.provisional
        target.evidence.extend(claim.evidence)
    # a negated count ("no casualties") is dropped when a figure exists for the same outcome
    positive_outcomes = {c.outcome for c in merged if not c.negated}
    return [c for c in merged if not (c.negated and c.outcome in positive_outcomes)]


_GENERIC_GROUPS = {"people"}


def _adds_up(a: FigureClaim, b: FigureClaim) -> bool:
    """Two figures of one claimant about different victims ("10 militants were killed. Also 3
    soldiers were killed") add up; a restated or generic figure does not."""
    if a.outcome != b.outcome or a.negated or b.negated:
        return False
    groups_a, groups_b = set(a.by_group) - _GENERIC_GROUPS, set(b.by_group) - _GENERIC_GROUPS
    if not groups_a or not groups_b or groups_a & groups_b:
        return False
    return set(a.by_group) == groups_a and set(b.by_group) == groups_b


def _is_total(claim: FigureClaim) -> bool:
    """A figure of all the dead ("at least 23 people", "21 people, including 11 children"),
    not of one kind of victim ("12 attackers", "nine civilians")."""
    return not claim.negated and (not claim.by_group or bool(_GENERIC_GROUPS & set(claim.by_group)))


def casualties_from(claims: list[FigureClaim], outcome: str) -> Casualties:
    chosen = [c for c in claims if c.outcome == outcome]
    if not chosen:
        return Casualties()
    totals = sorted({c.best for c in chosen})
    low = min(c.low for c in chosen)
    high = max(c.high for c in chosen)
    contested = len(totals) > 1
    lead = min(chosen, key=lambda c: c.low) if contested else chosen[0]
    all_dead = [c for c in chosen if _is_total(c)]
    if contested and all_dead and len({c.claimant for c in chosen}) > 1:
        # The army's "12 attackers and five soldiers" and the group's "more than 30 soldiers"
        # are rival figures, but the officials' "at least 23 people" counts every victim: the
        # lowest total of all the dead is a floor under the rivals' figures of some of them.
        floor = min(all_dead, key=lambda c: c.low)
        if floor.low > lead.low:
            lead, low = floor, floor.low
    groups = dict(lead.by_group)
    if any(k != "people" and v == lead.best for k, v in groups.items()):
        groups.pop("people", None)
    return Casualties(
        best=lead.low if contested else lead.best,
        low=low,
        high=high,
        qualifier=lead.qualifier,
        provisional=any(c.provisional for c in chosen),
        contested=contested,
        by_group=groups,
        evidence=[span for c in chosen for span in c.evidence],
    )


def _says(claim: FigureClaim) -> str:
    verb = "killed" if claim.outcome == "killed" else "injured"
    if claim.negated:
        return f"no one {verb}"
    figure = f"{claim.qualifier + ' ' if claim.qualifier and claim.qualifier not in {'range'} else ''}{claim.best}"
    if claim.high > claim.best:
        figure = f"{claim.low}-{claim.high}"
    parts = [
        f"{v} {k}" for k, v in claim.by_group.items() if k != "people" or len(claim.by_group) == 1
    ]
    detail = f" ({', '.join(parts)})" if parts and parts != [f"{claim.best} people"] else ""
    return f"{figure} {verb}{detail}"


_KIND = {
    "statement": ClaimKind.statement,
    "accusation": ClaimKind.accusation,
    "denial": ClaimKind.denial,
    "confirmation": ClaimKind.confirmation,
    "no_comment": ClaimKind.no_comment,
    "responsibility": ClaimKind.responsibility,
}


def build_claims(
    figures: list[FigureClaim], attributions: list[Attribution], document: Document
) -> list[Claim]:
    """Claim records: one per figure claim, plus accusations, denials and silences."""
    claims: list[Claim] = []
    for figure in figures:
        assert figure.sentence is not None
        claims.append(
            Claim(
                claimant=figure.claimant,
                claimant_text=figure.claimant_text,
                claimant_type=figure.claimant_type,
                kind=ClaimKind.fatalities if figure.outcome == "killed" else ClaimKind.injuries,
                killed=figure.best if figure.outcome == "killed" else None,
                killed_by_group=figure.by_group if figure.outcome == "killed" else {},
                injured=figure.best if figure.outcome == "injured" else None,
                qualifier=figure.qualifier,
                says=_says(figure),
                sentence=figure.sentence,
                evidence=figure.evidence,
            )
        )
    for attribution in attributions:
        if attribution.kind == "statement" and not attribution.accused:
            continue  # plain statements are represented by the figures they carry
        sentence = document.sentences[attribution.sentence_index]
        accused = sorted({a.name for a in attribution.accused})
        about = ", ".join(accused) or None
        says = sentence.text if len(sentence.text) <= 240 else sentence.text[:237] + "..."
        claims.append(
            Claim(
                claimant=attribution.claimant,
                claimant_text=attribution.claimant_text,
                claimant_type=attribution.claimant_type,
                kind=_KIND.get(attribution.kind, ClaimKind.statement),
                about_actor=about,
                says=says,
                sentence=sentence.span(0, len(sentence.text)),
                evidence=[
                    attribution.span,
                    attribution.cue,
                    *(a.span for a in attribution.accused),
                ],
            )
        )
    return claims
