"""Composing the :class:`WeeklyReport` of one completed ISO week from the workspace.

Only the core computes numbers (scorecard, KPI engine, OKRs, costs, dataset status); this
module picks what the week shows and turns it into the report's result object. Each
section degrades to a note when its part is not configured or has no data.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from headway.config.models import SLOKPI
from headway.errors import HeadwayError, QueryError
from headway.metrics.value import KPIValue
from headway.periods import Period, latest_complete, parse_period
from headway.report.costs import build_costs
from headway.report.model import (
    InitiativeSection,
    NorthStarSection,
    OKRRow,
    OKRSection,
    SLORow,
    SLOSection,
    WeeklyReport,
)
from headway.report.summary import all_kpis, summarize
from headway.report.warnings import data_warnings

if TYPE_CHECKING:
    from headway.okrs.results import ObjectiveScore
    from headway.scorecard.model import Scorecard
    from headway.workspace import Workspace

__all__ = ["build_weekly_report", "report_week"]

_MEASURES = ("attainment", "budget_remaining", "burn_rate")


def report_week(ws: Workspace, week: str | None) -> Period:
    """The asked ISO week, or the latest complete one as of as-of; it must be over."""
    if week is None:
        return latest_complete("week", ws.as_of, ws.tz)
    period = parse_period(week)
    if period.grain != "week":
        raise QueryError(f"the weekly report is of an ISO week such as 2026-W48, not {week!r}")
    if period.end_at(ws.tz) > ws.as_of:
        raise QueryError(
            f"{period.label} is not over as of {ws.as_of.isoformat()}; ask for an earlier week "
            f"or pass --as-of {period.end.isoformat()} or later"
        )
    return period


def _shown(ws: Workspace, value: KPIValue) -> KPIValue:
    """An SLO attainment or budget KPI without a unit is a fraction: shown as a percent."""
    kpi = ws.config.kpi(value.kpi)
    if isinstance(kpi, SLOKPI) and kpi.measure != "burn_rate" and value.unit is None:
        return replace(value, unit="%")
    return value


def _scorecard_sections(
    ws: Workspace, card: Scorecard
) -> tuple[list[NorthStarSection], list[InitiativeSection]]:
    north_stars = [
        NorthStarSection(
            n.id,
            n.title,
            _shown(ws, n.value.value),
            list(n.value.sparkline),
            [_shown(ws, d.value) for d in n.drivers],
            None if n.value.value.value is not None else f"no data for {n.value.value.period}",
        )
        for n in card.north_stars
    ]
    initiatives = [
        InitiativeSection(i.id, i.title, i.owner, [_shown(ws, k.value) for k in i.kpis])
        for i in card.initiatives
    ]
    return north_stars, initiatives


def _whole(ws: Workspace) -> frozenset[str]:
    """KPIs that count things: shown without decimals, even as a mean of daily counts."""
    return frozenset(k.id for k in ws.config.kpis if k.kind in ("count", "count_distinct"))


def _fresh(ws: Workspace, kpis: list[KPIValue], week: Period) -> set[str]:
    """KPIs whose shown period ended during or after the report's week: this week's or this
    month's news, not a quarter that closed months ago."""
    fsm = ws.config.fiscal_year_start_month
    return {k.kpi for k in kpis if parse_period(k.period, fsm).end > week.start}


def _slo_row(ws: Workspace, slo_id: str, week: Period) -> SLORow:
    slo = ws.config.slo(slo_id)
    assert slo is not None
    values: dict[str, float | None] = {}
    for measure in _MEASURES:
        kpi = SLOKPI(
            id=f"report.{slo.id}.{measure}".replace("_", "-"),
            title=slo.title or slo.id,
            kind="slo",
            slo=slo.id,
            measure=measure,
            grain="week",
        )
        values[measure] = ws.evaluator.result(kpi, week, ()).value
    return SLORow(
        slo.id,
        slo.platform,
        slo.component,
        slo.indicator,
        slo.objective,
        values["attainment"],
        values["budget_remaining"],
        values["burn_rate"],
    )


def _slos(ws: Workspace, week: Period) -> SLOSection:
    if not ws.config.slos:
        return SLOSection(note="No SLOs configured.")
    rows = [_slo_row(ws, s.id, week) for s in ws.config.slos]
    if all(r.attainment is None for r in rows):
        return SLOSection(note=f"No SLI data in {week.label}.")
    # Fastest-burning first; SLOs without data last.
    rows.sort(key=lambda r: (r.burn_rate is None, -(r.burn_rate or 0.0), r.slo))
    return SLOSection(rows)


def _okr_rows(objective: ObjectiveScore, depth: int) -> list[OKRRow]:
    row = OKRRow(
        objective.id,
        objective.title,
        objective.level,
        objective.owner,
        depth,
        objective.progress,
        objective.expected,
        objective.status,
    )
    return [row, *(r for c in objective.children for r in _okr_rows(c, depth + 1))]


def _okrs(ws: Workspace) -> OKRSection:
    if not ws.config.okrs:
        return OKRSection(None, note="No OKRs configured.")
    try:
        tree = ws.okr_tree()
    except HeadwayError as exc:
        return OKRSection(None, note=f"No OKR figures: {exc}")
    rows = [r for o in tree.objectives for r in _okr_rows(o, 0)]
    return OKRSection(tree.cycle, rows, None if rows else f"No objectives in {tree.cycle}.")


def build_weekly_report(ws: Workspace, week: str | None = None) -> WeeklyReport:
    period = report_week(ws, week)
    settings = ws.config.report
    top = settings.top_recommendations if settings else 5
    weeks = settings.chart_periods if settings else 12
    north_stars, initiatives = _scorecard_sections(ws, ws.scorecard(period.label))
    slos = _slos(ws, period)
    okrs = _okrs(ws)
    costs = build_costs(ws, period.label, top, weeks)
    warnings = data_warnings(ws, north_stars, initiatives)
    whole = _whole(ws)
    fresh = _fresh(ws, all_kpis(north_stars, initiatives), period)
    return WeeklyReport(
        workspace=ws.config.workspace,
        week=period.label,
        start=period.start,
        end=period.end,
        as_of=ws.as_of,
        timezone=ws.config.timezone,
        currency=ws.config.currency,
        vision=ws.config.vision,
        summary=summarize(
            north_stars, initiatives, slos, okrs, costs, warnings, fresh=fresh, whole=whole
        ),
        north_stars=north_stars,
        initiatives=initiatives,
        slos=slos,
        okrs=okrs,
        costs=costs,
        data_warnings=warnings,
        whole=whole,
    )
