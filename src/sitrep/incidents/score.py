"""The linking score of two reports, with the reasons an analyst reads to see why they were (or
were not) taken for one incident.

Each dimension gives a verdict and a score between -1 and 1:

- ``date``: the two dates must overlap within the precision each has (a day inside a week
  agrees, two different days do not); two dates that cannot overlap veto the link.
- ``place``: the same gazetteer place, the same coordinates (within ``same_place_km``), the same
  name up to spelling, or an approximate place near the other; two different towns, each coded
  to itself, do not agree (and veto beyond ``near_km``); different countries, or places too far
  apart for their precision, veto the link.
- ``type``: the same sub-event type agrees most; a different family (violence vs demonstrations)
  vetoes the link.
- ``actors``: a named organisation in common agrees (a name the actor dictionary did not resolve
  agrees only partly); the same state forces agree less, and only on the same side and for the
  same sub-event type; different organisations stated as fact by both reports
  count against, and veto when both are dictionary actors (known inter code).
- ``fatalities``: the same toll agrees; tolls that cannot both be true count against.

A link needs no veto, an agreeing date, a place score of at least ``min_place``, evidence
beyond date, place and type that *corroborates* it, and a weighted score of at least the
threshold. Corroboration is counted in points: an organisation in common (1), the same state
forces on the same side (1/2: they are in most events of a place and day), tolls that agree and
are large enough to tell events apart (1; ``telling_toll``: one death each says little in a
city) or are both that large but count other victims or differ (1/2), a common target (1). One
point is needed for reports of the same sub-event type, two when the types differ, one more when
the tolls disagree. Two reports geocoded to one region, or naming one region or country as the
place, are not at one place. Tolls of different victims (6 fighters, 21 civilians) neither agree nor disagree.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sitrep.gazetteer.names import name_key
from sitrep.incidents.features import ReportFeatures
from sitrep.incidents.names import name_similarity
from sitrep.incidents.policy import LinkPolicy

__all__ = ["LinkScore", "Reason", "haversine_km", "score_pair"]

AGREE, PARTIAL, UNKNOWN, AGAINST, VETO = "agree", "partial", "unknown", "against", "veto"


@dataclass(frozen=True)
class Reason:
    """One dimension's verdict on a pair of reports: ``agree``, ``partial``, ``unknown``,
    ``against`` or ``veto``, its score (-1..1) and a sentence an analyst can read."""

    field: str
    verdict: str
    score: float
    detail: str


@dataclass(frozen=True)
class LinkScore:
    """Whether two reports (``first`` < ``second`` by event id) are one incident, and why."""

    first: str
    second: str
    score: float
    linked: bool
    veto: str | None
    corroborated: bool
    reasons: tuple[Reason, ...]

    @property
    def compatible(self) -> bool:
        """Nothing says they are different incidents (they may still lack evidence to link)."""
        return self.veto is None

    def reason(self, name: str) -> Reason | None:
        return next((r for r in self.reasons if r.field == name), None)

    def explain(self) -> str:
        """One line per reason, then the decision."""
        lines = [f"{r.field}: {r.verdict} ({r.score:+.2f}) {r.detail}" for r in self.reasons]
        decision = (
            "linked" if self.linked else f"not linked{f' ({self.veto})' if self.veto else ''}"
        )
        return "\n".join([*lines, f"score {self.score:.2f}: {decision}"])


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def _date(a: ReportFeatures, b: ReportFeatures, policy: LinkPolicy) -> Reason:
    usable = {"day", "week", "month"}
    if (
        a.precision not in usable
        or b.precision not in usable
        or not (a.date_start and b.date_start)
    ):
        return Reason("date", UNKNOWN, 0.0, "a date is unknown or known only to the year")
    assert a.date_end is not None and b.date_end is not None and b.date_start is not None
    if a.date_start > b.date_end or b.date_start > a.date_end:
        return Reason("date", VETO, -1.0, f"dates cannot be the same: {_when(a)} vs {_when(b)}")
    assert a.precision is not None and b.precision is not None
    score = policy.date_score(a.precision, b.precision)
    if a.precision == b.precision == "day":
        return Reason("date", AGREE, score, f"same day {a.date_start.isoformat()}")
    return Reason("date", PARTIAL, score, f"{_when(a)} and {_when(b)} overlap")


def _when(f: ReportFeatures) -> str:
    assert f.date_start is not None and f.date_end is not None
    if f.date_start == f.date_end:
        return f.date_start.isoformat()
    return f"{f.date_start.isoformat()}..{f.date_end.isoformat()} ({f.precision})"


def _coordinates(
    a: ReportFeatures, b: ReportFeatures, named: Reason | None, policy: LinkPolicy
) -> Reason | None:
    """Agreement of two geocoded places; ``named`` is the verdict on their names.

    Places named differently agree only when coded to the same point; otherwise nearness
    alone is weak (front-line villages a few kilometres apart are different places)."""
    if not (a.resolved and b.resolved):
        return None
    assert a.latitude is not None and a.longitude is not None
    assert b.latitude is not None and b.longitude is not None
    if max(a.geo_precision, b.geo_precision) >= 3:
        return None  # a region's centre says little; names and admin units decide
    km = haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return Reason("place", AGREE, 1.0, f"same place {a.place_label!r} (gazetteer)")
    apart = f"{a.place_label!r} and {b.place_label!r} are {km:.0f} km apart"
    if km <= 1.0:
        return Reason(
            "place", AGREE, 0.9, f"same coordinates for {a.place_label!r} and {b.place_label!r}"
        )
    towns = a.geo_precision == 1 and b.geo_precision == 1
    if km > (policy.near_km if towns else policy.region_km):
        return Reason("place", VETO, -1.0, apart)
    if named is not None:
        return None  # one place under two spellings: the names decide
    return Reason("place", PARTIAL, 0.2, f"different places: {apart}")


def _near_only(report: ReportFeatures) -> bool:
    """Coded to a representative town (precision 2) under a name that is not the town's: the
    text names some place near it or in its area."""
    return (
        report.geo_precision == 2
        and report.written_key is not None
        and report.place_label is not None
        and report.written_key != name_key(report.place_label)
    )


def _near_apart(a: ReportFeatures, b: ReportFeatures) -> bool:
    """ "In the area of Tarkint" or "near Gao Airport", coded to Gao at precision
    2, and another place coded to Gao under another name: places near one town, not one
    place."""
    return (
        (_near_only(a) or _near_only(b))
        and a.written_key is not None
        and b.written_key is not None
        and a.written_key != b.written_key
        and a.place_label == b.place_label
    )


def _names(a: ReportFeatures, b: ReportFeatures, policy: LinkPolicy) -> Reason | None:
    if set(a.place_keys) & set(b.place_keys):
        return Reason("place", AGREE, 0.9, f"same place name {a.place_label!r}")
    if set(a.loose_keys) & set(b.loose_keys):
        return Reason(
            "place",
            AGREE,
            0.8,
            f"{a.place_label!r} and {b.place_label!r} are spellings of one name",
        )
    best = max(
        (name_similarity(x, y) for x in a.place_keys for y in b.place_keys if x[:1] == y[:1]),
        default=0.0,
    )
    if best >= policy.fuzzy_ratio:
        return Reason(
            "place", PARTIAL, 0.6, f"{a.place_label!r} and {b.place_label!r} are similar spellings"
        )
    return None


def _place(a: ReportFeatures, b: ReportFeatures, policy: LinkPolicy) -> Reason:
    if not (a.has_place and b.has_place):
        return Reason("place", UNKNOWN, 0.0, "a place is unknown")
    if a.country and b.country and a.country != b.country:
        return Reason("place", VETO, -1.0, f"different countries: {a.country} vs {b.country}")
    if _near_apart(a, b):
        label = a.place_label
        return Reason("place", PARTIAL, 0.3, f"near {label!r}, but named differently in the text")
    named = _names(a, b, policy)
    by_coordinates = _coordinates(a, b, named, policy)
    if by_coordinates is not None and by_coordinates.verdict == VETO:
        return by_coordinates
    if by_coordinates is not None and (named is None or by_coordinates.score >= named.score):
        return by_coordinates
    if named is not None and (_region(a) or _region(b)):
        return Reason("place", PARTIAL, 0.3, f"same region {a.place_label!r}: places unknown")
    if named is not None:
        return named
    if a.admin2 and a.admin2 == b.admin2:
        return Reason("place", PARTIAL, 0.3, f"same district {a.admin2!r}, places differ")
    if a.admin1 and a.admin1 == b.admin1:
        return Reason("place", PARTIAL, 0.2, f"same region {a.admin1!r}, places differ")
    if a.admin1 and b.admin1 and a.resolved and b.resolved:
        return Reason("place", VETO, -1.0, f"different regions: {a.admin1!r} vs {b.admin1!r}")
    return Reason(
        "place", UNKNOWN, 0.0, f"{a.place_label!r} and {b.place_label!r}: no known relation"
    )


def _region(report: ReportFeatures) -> bool:
    """A region (province, district, country), not a town or a point near one: geocoded as
    such, or named as such."""
    return (report.resolved and report.geo_precision >= 3) or report.region_name


def _type(a: ReportFeatures, b: ReportFeatures) -> Reason:
    if a.family != b.family:
        return Reason(
            "type", VETO, -1.0, f"different kinds of event: {a.event_type} vs {b.event_type}"
        )
    if a.sub_event_type == b.sub_event_type:
        return Reason("type", AGREE, 1.0, f"both {a.sub_event_type}")
    if a.event_type == b.event_type:
        return Reason("type", PARTIAL, 0.5, f"{a.sub_event_type} and {b.sub_event_type}")
    return Reason("type", PARTIAL, 0.2, f"{a.sub_event_type} and {b.sub_event_type} (one family)")


def _actors(a: ReportFeatures, b: ReportFeatures) -> Reason:
    keys_a, keys_b = {x.key for x in a.actors}, {x.key for x in b.actors}
    named_a = {x.key: x.inter for x in a.actors if x.kind == "named"}
    named_b = {x.key: x.inter for x in b.actors if x.kind == "named"}
    common = sorted(set(named_a) & set(named_b))
    resolved = [k for k in common if named_a[k] > 0 or named_b[k] > 0]
    if resolved:
        return Reason("actors", AGREE, 1.0, f"both name {', '.join(resolved)}")
    if common:  # names the actor dictionary did not resolve: weak evidence of identity
        return Reason("actors", PARTIAL, 0.5, f"both use the name {', '.join(common)}")
    stated_a = [x for x in a.actors if x.stated and x.kind == "named" and x.key not in keys_b]
    stated_b = [x for x in b.actors if x.stated and x.kind == "named" and x.key not in keys_a]
    if stated_a and stated_b:
        names = " vs ".join(", ".join(sorted(x.key for x in side)) for side in (stated_a, stated_b))
        if all(x.inter > 0 for x in [*stated_a, *stated_b]):
            return Reason("actors", VETO, -1.0, f"different actors stated: {names}")
        return Reason("actors", AGAINST, -1.0, f"different actors named: {names}")
    sides_b = {(x.key, x.side) for x in b.actors}
    state = {x.key for x in a.actors if x.kind == "state" and (x.key, x.side) in sides_b}
    if state and a.sub_event_type == b.sub_event_type:
        return Reason("actors", AGREE, 0.6, f"both name {', '.join(sorted(state))} on one side")
    shared = keys_a & keys_b
    if shared:
        return Reason("actors", PARTIAL, 0.2, f"both name {', '.join(sorted(shared))}")
    return Reason("actors", UNKNOWN, 0.0, "no actor in common is named")


def _interval(f: ReportFeatures) -> tuple[int, float]:
    assert f.killed is not None
    low = f.killed_low if f.killed_low is not None else f.killed
    return low, math.inf if f.killed_high is None else float(f.killed_high)


def _fatalities(a: ReportFeatures, b: ReportFeatures, policy: LinkPolicy) -> Reason:
    if a.killed is None or b.killed is None:
        return Reason("fatalities", UNKNOWN, 0.0, "a toll is not given")
    if a.victims and b.victims and not a.victims & b.victims and a.killed != b.killed:
        groups = f"{', '.join(sorted(a.victims))} vs {', '.join(sorted(b.victims))}"
        return Reason("fatalities", UNKNOWN, 0.0, f"tolls of different victims: {groups}")
    if a.killed == b.killed == 0:
        return Reason("fatalities", PARTIAL, 0.1, "neither reports deaths")
    if a.killed == b.killed:
        return Reason("fatalities", AGREE, 1.0, f"both give {a.killed} killed")
    if 0 in (a.killed, b.killed):
        return Reason("fatalities", AGAINST, -0.5, f"{a.killed} vs {b.killed} killed")
    gap = abs(a.killed - b.killed)
    if gap <= max(policy.close_absolute, policy.close_fraction * max(a.killed, b.killed)):
        return Reason("fatalities", AGREE, 0.7, f"{a.killed} and {b.killed} killed are close")
    (low_a, high_a), (low_b, high_b) = _interval(a), _interval(b)
    if low_a <= high_b and low_b <= high_a:
        return Reason("fatalities", PARTIAL, 0.4, f"{a.killed} and {b.killed} killed can both hold")
    return Reason("fatalities", AGAINST, -0.5, f"{a.killed} vs {b.killed} killed")


def _targets(a: ReportFeatures, b: ReportFeatures) -> Reason | None:
    common = a.targets & b.targets
    if not common:
        return None
    return Reason("targets", AGREE, 0.0, f"both name the target {', '.join(sorted(common))}")


def _corroborated(
    a: ReportFeatures,
    b: ReportFeatures,
    by_field: dict[str, Reason],
    common_target: bool,
    policy: LinkPolicy,
) -> bool:
    """Enough evidence beyond date, place and type (see the module docstring)."""
    actors, dead = by_field["actors"], by_field["fatalities"]
    telling = min(a.killed or 0, b.killed or 0) >= policy.telling_toll
    points = 0.0
    if actors.verdict == AGREE:
        points += 1.0 if actors.score >= 1.0 else 0.5  # the same state forces: half
    if dead.score >= 0.4 and telling:
        points += 1.0
    elif telling:
        points += 0.5  # both report deaths in numbers, of other victims or other figures
    if common_target:
        points += 1.0
    needed = 1 if a.sub_event_type == b.sub_event_type else 2
    if dead.verdict == AGAINST:
        needed += 1
    return points >= needed


def score_pair(a: ReportFeatures, b: ReportFeatures, policy: LinkPolicy) -> LinkScore:
    """The linking score of two reports; symmetric (``score_pair(a, b) == score_pair(b, a)``)."""
    if b.event_id < a.event_id:
        a, b = b, a
    if a.article_id == b.article_id:
        same = Reason("article", VETO, -1.0, "one article: the assembler found two events")
        return LinkScore(a.event_id, b.event_id, 0.0, False, same.detail, False, (same,))
    reasons = [
        _date(a, b, policy),
        _place(a, b, policy),
        _type(a, b),
        _actors(a, b),
        _fatalities(a, b, policy),
    ]
    target = _targets(a, b)
    if target is not None:
        reasons.append(target)
    score = round(sum(policy.weights.get(r.field, 0.0) * r.score for r in reasons), 4)
    veto = next((r.detail for r in reasons if r.verdict == VETO), None)
    by_field = {r.field: r for r in reasons}
    corroborated = _corroborated(a, b, by_field, target is not None, policy)
    linked = (
        veto is None
        and by_field["date"].score > 0
        and by_field["place"].score >= policy.min_place
        and corroborated
        and score >= policy.threshold
    )
    return LinkScore(a.event_id, b.event_id, score, linked, veto, corroborated, tuple(reasons))
