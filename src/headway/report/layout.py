"""The weekly report → blocks, section by section, in reading order."""

from __future__ import annotations

from headway.metrics.value import KPIValue
from headway.report.blocks import Block, Bullets, ChartRef, Heading, Note, Para, Quote, Table
from headway.report.charts import Chart, cost_chart, history_chart
from headway.report.fmt import (
    fmt_change,
    fmt_money,
    fmt_pct,
    fmt_sig,
    fmt_target,
    fmt_value,
    meter_unit,
)
from headway.report.model import CostSection, NorthStarSection, WeeklyReport

__all__ = ["COST_CHART", "TOP_TEAMS", "TOP_TENANTS", "charts_of", "layout"]

TOP_TEAMS = 10
TOP_TENANTS = 3

_KPI_HEADERS = ["KPI", "period", "value", "change", "target"]


COST_CHART = "costs"
"""Key of the weekly cost chart in :func:`charts_of` (North Stars are keyed by their id)."""


def charts_of(report: WeeklyReport) -> dict[str, Chart]:
    """One chart per North Star with history, keyed by North Star id, and the cost chart."""
    out: dict[str, Chart] = {}
    for nsm in report.north_stars:
        if nsm.value is not None and any(p.value is not None for p in nsm.history):
            target = nsm.value.target
            out[nsm.id] = history_chart(f"nsm-{nsm.id}", nsm.title, nsm.history, target)
    costs = report.costs
    if costs.note is None and any(p.cost for p in costs.history):
        weeks = len({p.week for p in costs.history})
        title = f"Platform cost per week, last {weeks} weeks"
        out[COST_CHART] = cost_chart("cost-weekly", title, costs.history, costs.currency)
    return out


def _kpi_row(kpi: KPIValue, whole: bool) -> list[str]:
    return [
        kpi.title,
        kpi.period,
        fmt_value(kpi.value, kpi.unit, whole=whole),
        fmt_change(kpi, whole=whole),
        fmt_target(kpi, whole=whole),
    ]


def _kpi_table(kpis: list[KPIValue], whole: frozenset[str]) -> Table:
    rows = [_kpi_row(k, k.kpi in whole) for k in kpis]
    return Table(_KPI_HEADERS, rows, ["l", "l", "r", "l", "l"])


def _header(report: WeeklyReport) -> list[Block]:
    end = report.end.fromordinal(report.end.toordinal() - 1)
    line = (
        f"Week {report.week} ({report.start.isoformat()} to {end.isoformat()}, "
        f"{report.timezone}) · as of {report.as_of.isoformat()}"
    )
    return [Heading(1, report.title), Note(line)]


def _summary(report: WeeklyReport) -> list[Block]:
    items = report.summary or ["Nothing moved enough to mention this week."]
    return [Heading(2, "What changed"), Bullets(items)]


def _north_star(
    nsm: NorthStarSection, charts: dict[str, Chart], whole: frozenset[str]
) -> list[Block]:
    blocks: list[Block] = [Heading(3, nsm.title)]
    if nsm.value is None:
        return [*blocks, Note(nsm.note or "no data")]
    v = nsm.value
    w = v.kpi in whole
    blocks.append(
        Para(
            f" ({v.period}) · {fmt_change(v, whole=w)} · {fmt_target(v, whole=w)}",
            strong=fmt_value(v.value, v.unit, whole=w),
        )
    )
    if nsm.id in charts:
        blocks.append(ChartRef(charts[nsm.id]))
    if nsm.drivers:
        blocks += [Para("Driven by:"), _kpi_table(nsm.drivers, whole)]
    return blocks


def _north_stars(report: WeeklyReport, charts: dict[str, Chart]) -> list[Block]:
    blocks: list[Block] = [Heading(2, "Vision and North Star Metrics")]
    blocks.append(Quote(report.vision) if report.vision else Note("No vision configured."))
    if not report.north_stars:
        return [*blocks, Note("No North Star Metrics configured.")]
    for nsm in report.north_stars:
        blocks += _north_star(nsm, charts, report.whole)
    return blocks


def _initiatives(report: WeeklyReport) -> list[Block]:
    blocks: list[Block] = [Heading(2, "Initiatives")]
    if not report.initiatives:
        return [*blocks, Note("No initiatives configured.")]
    for ini in report.initiatives:
        owner = f" (owner: {ini.owner})" if ini.owner else ""
        blocks.append(Heading(3, f"{ini.title}{owner}"))
        blocks.append(_kpi_table(ini.kpis, report.whole) if ini.kpis else Note("No KPIs."))
    return blocks


def _slos(report: WeeklyReport) -> list[Block]:
    blocks: list[Block] = [Heading(2, "SLOs, fastest-burning first")]
    section = report.slos
    if section.note or not section.rows:
        return [*blocks, Note(section.note or "no data")]
    headers = ["SLO", "component", "objective", "attainment", "budget left", "burn rate"]
    rows = [
        [
            r.slo,
            f"{r.platform}/{r.component} ({r.indicator})",
            fmt_value(r.objective, "%"),
            fmt_value(r.attainment, "%") if r.attainment is not None else "—",
            fmt_pct(r.budget_remaining, 1),
            "—" if r.burn_rate is None else f"{r.burn_rate:.2f}×",
        ]
        for r in section.rows
    ]
    return [*blocks, Table(headers, rows, ["l", "l", "r", "r", "r", "r"])]


def _okrs(report: WeeklyReport) -> list[Block]:
    section = report.okrs
    title = f"OKRs {section.cycle}" if section.cycle else "OKRs"
    blocks: list[Block] = [Heading(2, title)]
    if section.note or not section.rows:
        return [*blocks, Note(section.note or "no data")]
    headers = ["objective", "level", "owner", "progress", "expected", "status"]
    rows = [
        [
            "· " * r.depth + r.title,
            r.level,
            r.owner,
            fmt_pct(r.progress, 0),
            fmt_pct(r.expected, 0),
            r.status.replace("_", " "),
        ]
        for r in section.rows
    ]
    return [*blocks, Table(headers, rows, ["l", "l", "l", "r", "r", "l"])]


def _tenants(tenants: dict[str, float], every: bool) -> str:
    """The top :data:`TOP_TENANTS` tenants with their cost and "+ N more" (``every``: all)."""
    names = list(tenants.items())
    shown = names if every else names[:TOP_TENANTS]
    text = ", ".join(f"{k} {v:,.2f}" for k, v in shown) or "—"
    rest = len(names) - len(shown)
    return f"{text} + {rest} more" if rest else text


def _unit_costs(unit_costs: dict[str, float], currency: str) -> str:
    """One short line per meter: ``logs_gb 0.032 USD/GB``."""
    return "\n".join(
        f"{m}\u00a0{fmt_sig(c, 2)}\u00a0{currency}/{meter_unit(m)}" for m, c in unit_costs.items()
    )


def _chargeback(costs: CostSection, every: bool) -> Table:
    """Top :data:`TOP_TEAMS` teams by cost, the others summed in one row, the unallocated
    part, and the pool's total (allocated + unallocated = pool)."""
    cur = costs.currency
    headers = ["team", "cost", "share", "tenants", "unit costs"]
    shown = costs.teams if every else costs.teams[:TOP_TEAMS]
    rows = [
        [
            t.team,
            fmt_money(t.cost, cur),
            fmt_pct(t.share),
            _tenants(t.tenants, every),
            _unit_costs(t.unit_costs, cur) or "—",
        ]
        for t in shown
    ]
    rest = costs.teams[len(shown) :]
    if rest:
        cost = round(sum(t.cost for t in rest), 2)
        share = cost / costs.total if costs.total else None
        rows.append([f"{len(rest)} other teams", fmt_money(cost, cur), fmt_pct(share), "", ""])
    if not every:
        total = costs.total or 0.0
        for label, cost in (("unallocated", costs.unallocated or 0.0), ("total (pool)", total)):
            part = fmt_pct(cost / total) if total else "—"
            rows.append([label, fmt_money(cost, cur), part, "", ""])
    return Table(headers, rows, ["l", "r", "r", "l", "l"])


def _cost_total(report: WeeklyReport) -> Para:
    """``Total 2,440.57 USD = 1,737.71 USD charged to 40 teams + 702.86 USD unallocated``;
    a team's copy says its own part of the pools instead."""
    costs, cur = report.costs, report.costs.currency
    if report.team is not None:
        own = sum(t.cost for t in costs.teams)
        share = fmt_pct(own / costs.total) if costs.total else "—"
        return Para(
            f" of the platforms' {fmt_money(costs.total, cur)} ({share})",
            strong=f"Team {report.team}: {fmt_money(own, cur)}",
        )
    teams = len(costs.teams)
    return Para(
        f" = {fmt_money(costs.allocated, cur)} charged to {teams} team{'s' if teams != 1 else ''}"
        f" + {fmt_money(costs.unallocated, cur)} unallocated",
        strong=f"Total {fmt_money(costs.total, cur)}",
    )


def _costs(report: WeeklyReport, charts: dict[str, Chart]) -> list[Block]:
    costs = report.costs
    title = f"Platform cost {costs.period}" if costs.period else "Platform cost"
    blocks: list[Block] = [Heading(2, title)]
    if costs.note:
        return [*blocks, Note(costs.note)]
    blocks.append(_cost_total(report))
    if COST_CHART in charts:
        blocks.append(ChartRef(charts[COST_CHART]))
    blocks.append(Heading(3, "Chargeback by team"))
    every = report.team is not None
    blocks.append(_chargeback(costs, every) if costs.teams else Note("No team was charged."))
    blocks.append(Heading(3, "Vendor comparison"))
    if costs.vendors:
        cur = costs.currency
        rows = [
            [
                v.title,
                fmt_money(v.vendor_cost, cur),
                fmt_money(v.our_cost, cur),
                fmt_money(v.savings, cur),
            ]
            for v in costs.vendors
        ]
        blocks.append(
            Table(["vendor", "vendor cost", "our cost", "savings"], rows, ["l", "r", "r", "r"])
        )
    else:
        blocks.append(Note("No vendor price book configured."))
    blocks.append(Heading(3, "Top recommendations"))
    if costs.recommendations:
        rows = [
            [r.title, r.team or "—", fmt_money(r.saving, costs.currency), r.evidence]
            for r in costs.recommendations
        ]
        headers = ["recommendation", "team", "saving / month", "evidence"]
        blocks.append(Table(headers, rows, ["l", "l", "r", "l"]))
    else:
        blocks.append(Note("No recommendations this week."))
    return blocks


def _data(report: WeeklyReport) -> list[Block]:
    blocks: list[Block] = [Heading(2, "Data freshness and completeness")]
    if not report.data_warnings:
        return [*blocks, Note("Every dataset is fresh and complete.")]
    return [*blocks, Bullets([f"{w.dataset}: {w.message}" for w in report.data_warnings])]


def layout(report: WeeklyReport, charts: dict[str, Chart]) -> list[Block]:
    """Every block of the report, in reading order."""
    return [
        *_header(report),
        *_summary(report),
        *_north_stars(report, charts),
        *_initiatives(report),
        *_slos(report),
        *_okrs(report),
        *_costs(report, charts),
        *_data(report),
    ]
