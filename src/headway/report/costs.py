"""The report's cost section from the costs core: the week's chargeback by team (with each
team's tenants and unit costs), the vendor comparison, and the top recommendations.

Recommendations estimate *monthly* savings, so they come from the latest complete month as
of the report's as-of, not from the week (docs/report.md).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING

from headway.costs.data import NO_TEAM, pool_cost
from headway.costs.rounding import to_cents
from headway.errors import HeadwayError
from headway.report.fmt import clean_text
from headway.report.model import CostPoint, CostSection, Recommendation, TeamCost, VendorRow

if TYPE_CHECKING:
    from headway.periods import Period
    from headway.workspace import Workspace

__all__ = ["build_costs", "cost_history"]


def _f(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _strip_platform(teams: list[TeamCost]) -> list[TeamCost]:
    """``observability.logs_gb`` → ``logs_gb`` when every unit cost shown is of one platform."""
    names = {n for t in teams for n in t.unit_costs}
    prefixes = {n.partition(".")[0] for n in names if "." in n}
    if len(prefixes) != 1 or any("." not in n for n in names):
        return teams
    return [
        replace(t, unit_costs={n.partition(".")[2]: c for n, c in t.unit_costs.items()})
        for t in teams
    ]


def _teams(ws: Workspace, week: str) -> list[TeamCost]:
    """Every charged team, largest cost first (ties by name), its tenants likewise."""
    tenants: dict[str, dict[str, Decimal]] = {}
    for row in ws.chargeback(week, by="tenant").rows:
        tenants.setdefault(row.team or NO_TEAM, {})[row.key["tenant"]] = row.allocated
    teams = [
        TeamCost(
            team=row.key["team"],
            cost=float(row.allocated),
            share=_f(row.share),
            tenants={
                name: float(cost)
                for name, cost in sorted(
                    tenants.get(row.key["team"], {}).items(), key=lambda kv: (-kv[1], kv[0])
                )
            },
            unit_costs={m: float(c) for m, c in sorted(row.unit_costs.items())},
        )
        for row in ws.chargeback(week, by="team").rows
    ]
    teams.sort(key=lambda t: (-t.cost, t.team))
    return _strip_platform(teams)


def cost_history(ws: Workspace, week: Period, weeks: int) -> list[CostPoint]:
    """Each platform's pool cost (Σ EffectiveCost of its pools, DESIGN §8, to the cent) in
    each of the ``weeks`` ISO weeks ending with ``week``, oldest first."""
    assert ws.config.costs is not None
    periods = [week]
    while len(periods) < weeks:
        periods.insert(0, periods[0].previous())
    out: list[CostPoint] = []
    for period in periods:
        by_platform: dict[str, Decimal] = {}
        for pool in ws.config.costs.pools:
            cost = to_cents(pool_cost(ws.store.con, pool, period, ws.config.currency).effective)
            by_platform[pool.platform] = by_platform.get(pool.platform, Decimal(0)) + cost
        out += [
            CostPoint(period.label, platform, float(cost)) for platform, cost in by_platform.items()
        ]
    return out


def _recommendations(ws: Workspace, top: int) -> list[Recommendation]:
    items = ws.cost_recommendations().items
    return [
        Recommendation(i.title, i.team, float(i.saving), clean_text(i.evidence))
        for i in items
        if i.saving > 0
    ][:top]


def build_costs(ws: Workspace, week: str, top: int, weeks: int = 12) -> CostSection:
    """The cost section; a note instead when costs are not configured or cannot be computed."""
    currency = ws.config.currency
    if ws.config.costs is None or not ws.config.costs.pools:
        return CostSection(week, currency, note="Costs not configured (no costs.pools).")
    try:
        pools = ws.cost_pools(week)
        if not any(p.cost.rows or p.rounded for p in pools.pools):
            return CostSection(week, currency, note=f"No cost data for {week}.")
        comp = ws.cost_comparison(week, by="team")
        teams = _teams(ws, week)
        recs = _recommendations(ws, top)
        history = cost_history(ws, pools.period, weeks)
    except HeadwayError as exc:
        return CostSection(week, currency, note=f"No cost figures: {exc}")
    vendors = [
        VendorRow(
            v.book.id,
            v.book.title or v.book.id,
            float(v.vendor_cost),
            float(v.allocated),
            float(v.vendor_cost - v.allocated),
        )
        for v in comp.vendors
    ]
    return CostSection(
        period=week,
        currency=currency,
        total=float(sum((p.rounded for p in pools.pools), Decimal(0))),
        unallocated=float(sum((p.unallocated for p in pools.pools), Decimal(0))),
        teams=teams,
        vendors=vendors,
        recommendations=recs,
        history=history,
    )
