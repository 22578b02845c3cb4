"""How incidents are shown in a terminal: a listing table, and one incident with its reports,
claims and the evidence each claim was read from."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from sitrep.incidents.overrides import Override
from sitrep.incidents.records import Incident, IncidentClaim

__all__ = ["print_decisions", "print_incident", "print_incidents"]


def _toll(incident: Incident) -> str:
    dead = incident.fatalities
    if dead.best is None:
        return ""
    if dead.low != dead.high:
        return f"{dead.best} ({dead.low}-{dead.high}){' contested' if dead.contested else ''}"
    return f"{dead.best}{' contested' if dead.contested else ''}"


def _place(incident: Incident) -> str:
    place = incident.location
    if place is None:
        return ""
    where = place.place_name or place.name
    return f"{where}, {place.country_iso3}" if place.country_iso3 else where


def print_incidents(console: Console, incidents: list[Incident], *, total: int | None) -> None:
    table = Table(show_lines=False, header_style="bold")
    for column in ("incident", "date", "type", "place", "killed", "sources", "reports", "grade"):
        table.add_column(column, overflow="fold")
    for incident in incidents:
        table.add_row(
            incident.id,
            incident.date.value if incident.date else "",
            incident.sub_event_type,
            _place(incident),
            _toll(incident),
            str(incident.n_sources),
            str(incident.n_reports),
            incident.grade,
        )
    console.print(table)
    shown = f"{len(incidents)} of {total}" if total is not None else str(len(incidents))
    console.print(f"{shown} incidents", style="dim", markup=False)


def _claim_line(claim: IncidentClaim) -> str:
    outlets = sorted(claim.outlets)
    status = " [superseded]" if claim.status == "superseded" else ""
    return (
        f"{claim.kind.value}: {claim.claimant}: {claim.says}{status} "
        f"({len(claim.sources)} report{'s' if len(claim.sources) != 1 else ''}: {', '.join(outlets)})"
    )


def print_incident(console: Console, incident: Incident, *, evidence: bool = True) -> None:
    """One incident: what it is, the range, who says what, and every report."""
    console.print(f"{incident.id}  {incident.summary}", style="bold", markup=False, highlight=False)
    facts = [
        ("type", f"{incident.event_type} / {incident.sub_event_type}"),
        (
            "date",
            f"{incident.date.value} ({incident.date.precision.value})"
            if incident.date
            else "unknown",
        ),
        ("place", _place(incident) or "unknown"),
        ("killed", _fatalities_line(incident)),
        ("grade", f"{incident.grade}; {incident.n_sources} outlets, {incident.n_reports} reports"),
    ]
    for actor in incident.actors:
        who = f"; attributed by {', '.join(actor.attributed_by)}" if actor.attributed_by else ""
        facts.append((f"actor (side {actor.side})", f"{actor.name} [{actor.status.value}{who}]"))
    for label, items in (
        ("responsibility", incident.responsibility),
        ("accused", incident.accused),
        ("denial", incident.denials),
        ("confirmation", incident.confirmations),
    ):
        facts += [(label, item) for item in items]
    for label, value in facts:
        console.print(f"  {label:>16}: {value}", markup=False, highlight=False)
    if incident.claims:
        console.print("claims", style="bold")
        for claim in incident.claims:
            console.print(f"  - {_claim_line(claim)}", markup=False, highlight=False)
            if evidence:
                for source in claim.sources[:3]:
                    text = " ".join(source.sentence.text.split())
                    console.print(
                        f'      {source.outlet} ({source.article_id[:12]}): "{text[:200]}"',
                        style="dim",
                        markup=False,
                        highlight=False,
                    )
    _print_reports(console, incident)


def _fatalities_line(incident: Incident) -> str:
    dead = incident.fatalities
    if dead.best is None:
        return "no toll reported"
    groups = ", ".join(f"{v} {k}" for k, v in sorted(dead.by_group.items()))
    parts = [
        f"best {dead.best}, low {dead.low}, high {dead.high}, conservative {dead.conservative}",
        "contested" if dead.contested else "",
        f"of whom {groups}" if groups else "",
    ]
    return "; ".join(p for p in parts if p)


def _print_reports(console: Console, incident: Incident) -> None:
    """Each report on one line, with why it is in the incident on the next."""
    console.print("reports", style="bold")
    for report in incident.reports:
        killed = "" if report.killed is None else f", {report.killed} killed"
        published = report.published.value if report.published else "undated"
        line = (
            f"  - {report.event_id[:12]} {report.source or report.outlet} ({published}): "
            f"{report.role}, {report.stage}, {report.place or 'no place'}{killed}"
        )
        console.print(line, markup=False, highlight=False)
        if report.link is None:
            continue
        agreeing = [r.detail for r in report.link.reasons if r.verdict in {"agree", "partial"}]
        who = (
            "analyst decision"
            if report.link.decided_by == "analyst"
            else f"score {report.link.score:.2f}"
        )
        console.print(
            f"      why linked: {who} with {report.link.partner[:12]}: {'; '.join(agreeing)}",
            style="dim",
            markup=False,
            highlight=False,
        )


def print_decisions(console: Console, decisions: list[Override]) -> None:
    table = Table(header_style="bold")
    for column in ("#", "decision", "first report", "second report", "active", "note"):
        table.add_column(column, overflow="fold")
    for d in decisions:
        table.add_row(
            str(d.id),
            d.kind.value.replace("_", "-"),
            f"{d.first.event_id[:12]} ({d.first.article_id[:8]}:{d.first.start})",
            f"{d.second.event_id[:12]} ({d.second.article_id[:8]}:{d.second.start})",
            "yes" if d.active else "no",
            d.note,
        )
    console.print(table)
