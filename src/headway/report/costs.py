"""The report's cost section from the costs core: the week's chargeback by team (with each
team's tenants and unit costs), the vendor comparison, and the top recommendations.

Recommendations estimate *monthly* savings, so they come from the latest complete month as
of the report's as-of, not from the week (docs/report.md).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from headway.errors import HeadwayError
from headway.report.model import CostSection, Recommendation, TeamCost, VendorRow

if TYPE_CHECKING:
    from headway.costs.compare import Comparison
    from headway.workspace import Workspace

__all__ = ["build_costs"]


def _f(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _unit_costs(comp: Comparison, team: str) -> dict[str, float]:
    several = len({pm.platform for pm in comp.peers}) > 1
    out: dict[str, float] = {}
    for pm in comp.peers:
        name = f"{pm.platform}.{pm.meter}" if several else pm.meter
        for line in pm.teams:
            if line.team == team:
                out[name] = float(line.unit_cost)
    return dict(sorted(out.items()))


def _teams(ws: Workspace, week: str, comp: Comparison) -> list[TeamCost]:
    by_team = ws.chargeback(week, by="team")
    tenants: dict[str, dict[str, float]] = {}
    for row in ws.chargeback(week, by="tenant").rows:
        tenants.setdefault(row.team or "(no team)", {})[row.key["tenant"]] = float(row.allocated)
    return [
        TeamCost(
            team=row.key["team"],
            cost=float(row.allocated),
            share=_f(row.share),
            tenants=tenants.get(row.key["team"], {}),
            unit_costs=_unit_costs(comp, row.key["team"]),
        )
        for row in by_team.rows
    ]


def _recommendations(ws: Workspace, top: int) -> list[Recommendation]:
    items = ws.cost_recommendations().items
    return [
        Recommendation(i.title, i.team, float(i.saving), i.evidence) for i in items if i.saving > 0
    ][:top]


def build_costs(ws: Workspace, week: str, top: int) -> CostSection:
    """The cost section; a note instead when costs are not configured or cannot be computed."""
    currency = ws.config.currency
    if ws.config.costs is None or not ws.config.costs.pools:
        return CostSection(week, currency, note="Costs not configured (no costs.pools).")
    try:
        pools = ws.cost_pools(week)
        if not any(p.cost.rows or p.rounded for p in pools.pools):
            return CostSection(week, currency, note=f"No cost data for {week}.")
        comp = ws.cost_comparison(week, by="team")
        teams = _teams(ws, week, comp)
        recs = _recommendations(ws, top)
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
    )
