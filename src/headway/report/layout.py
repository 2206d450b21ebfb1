"""The weekly report → blocks, section by section, in reading order."""

from __future__ import annotations

from headway.metrics.value import KPIValue
from headway.report.blocks import Block, Bullets, ChartRef, Heading, Note, Para, Quote, Table
from headway.report.charts import Chart, history_chart
from headway.report.fmt import fmt_change, fmt_money, fmt_number, fmt_pct, fmt_target, fmt_value
from headway.report.model import CostSection, NorthStarSection, WeeklyReport

__all__ = ["charts_of", "layout"]

_KPI_HEADERS = ["KPI", "period", "value", "change", "target"]


def charts_of(report: WeeklyReport) -> dict[str, Chart]:
    """One chart per North Star with history, keyed by North Star id."""
    out: dict[str, Chart] = {}
    for nsm in report.north_stars:
        if nsm.value is not None and any(p.value is not None for p in nsm.history):
            target = nsm.value.target
            out[nsm.id] = history_chart(f"nsm-{nsm.id}", nsm.title, nsm.history, target)
    return out


def _kpi_row(kpi: KPIValue) -> list[str]:
    return [kpi.title, kpi.period, fmt_value(kpi.value, kpi.unit), fmt_change(kpi), fmt_target(kpi)]


def _kpi_table(kpis: list[KPIValue]) -> Table:
    return Table(_KPI_HEADERS, [_kpi_row(k) for k in kpis], ["l", "l", "r", "l", "l"])


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


def _north_star(nsm: NorthStarSection, charts: dict[str, Chart]) -> list[Block]:
    blocks: list[Block] = [Heading(3, nsm.title)]
    if nsm.value is None:
        return [*blocks, Note(nsm.note or "no data")]
    v = nsm.value
    blocks.append(
        Para(
            f" ({v.period}) · {fmt_change(v)} · {fmt_target(v)}",
            strong=fmt_value(v.value, v.unit),
        )
    )
    if nsm.id in charts:
        blocks.append(ChartRef(charts[nsm.id]))
    if nsm.drivers:
        blocks += [Para("Driven by:"), _kpi_table(nsm.drivers)]
    return blocks


def _north_stars(report: WeeklyReport, charts: dict[str, Chart]) -> list[Block]:
    blocks: list[Block] = [Heading(2, "Vision and North Star Metrics")]
    blocks.append(Quote(report.vision) if report.vision else Note("No vision configured."))
    if not report.north_stars:
        return [*blocks, Note("No North Star Metrics configured.")]
    for nsm in report.north_stars:
        blocks += _north_star(nsm, charts)
    return blocks


def _initiatives(report: WeeklyReport) -> list[Block]:
    blocks: list[Block] = [Heading(2, "Initiatives")]
    if not report.initiatives:
        return [*blocks, Note("No initiatives configured.")]
    for ini in report.initiatives:
        owner = f" (owner: {ini.owner})" if ini.owner else ""
        blocks.append(Heading(3, f"{ini.title}{owner}"))
        blocks.append(_kpi_table(ini.kpis) if ini.kpis else Note("No KPIs."))
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
            fmt_pct(r.objective, 2),
            fmt_pct(r.attainment, 3),
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


def _chargeback(costs: CostSection) -> Table:
    headers = ["team", "cost", "share", "tenants", "unit costs"]
    rows = []
    for t in costs.teams:
        tenants = ", ".join(f"{k} {fmt_number(v)}" for k, v in t.tenants.items()) or "—"
        units = ", ".join(f"{m} {fmt_number(c, 4)}" for m, c in t.unit_costs.items()) or "—"
        rows.append([t.team, fmt_money(t.cost, costs.currency), fmt_pct(t.share), tenants, units])
    return Table(headers, rows, ["l", "r", "r", "l", "l"])


def _costs(report: WeeklyReport) -> list[Block]:
    costs = report.costs
    title = f"Platform cost {costs.period}" if costs.period else "Platform cost"
    blocks: list[Block] = [Heading(2, title)]
    if costs.note:
        return [*blocks, Note(costs.note)]
    blocks.append(
        Para(
            f" (unallocated: {fmt_money(costs.unallocated, costs.currency)})",
            strong=f"Total {fmt_money(costs.total, costs.currency)}",
        )
    )
    blocks.append(Heading(3, "Chargeback by team"))
    blocks.append(_chargeback(costs) if costs.teams else Note("No team was charged."))
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
        *_costs(report),
        *_data(report),
    ]
