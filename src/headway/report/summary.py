"""The "what changed" lines at the top of the report, written from the numbers only:
the biggest movers, the new risks, and the top saving.

- A mover is a KPI with a relative change against its previous period; the three largest
  by |relative change| are named (ties by KPI id, so the text is reproducible).
- A new risk is a KPI that missed its target this period after meeting it in the previous
  one, an SLO burning its error budget faster than it accrues (burn rate > 1), an objective
  off track, or a dataset with a freshness or completeness warning.
- The top saving is the recommendation with the largest estimated monthly saving.
"""

from __future__ import annotations

from headway.metrics.value import KPIValue
from headway.report.fmt import fmt_money, fmt_pct, fmt_value
from headway.report.model import (
    CostSection,
    DataWarning,
    InitiativeSection,
    NorthStarSection,
    OKRSection,
    SLOSection,
)

__all__ = ["MOVERS", "all_kpis", "summarize"]

MOVERS = 3


def all_kpis(
    north_stars: list[NorthStarSection], initiatives: list[InitiativeSection]
) -> list[KPIValue]:
    """Every KPI value shown in the report, once each (first appearance wins)."""
    seen: dict[str, KPIValue] = {}
    for nsm in north_stars:
        for kpi in ([nsm.value] if nsm.value else []) + nsm.drivers:
            seen.setdefault(kpi.kpi, kpi)
    for ini in initiatives:
        for kpi in ini.kpis:
            seen.setdefault(kpi.kpi, kpi)
    return list(seen.values())


def _movers(kpis: list[KPIValue]) -> list[str]:
    moved = [k for k in kpis if k.change.relative not in (None, 0.0) and k.value is not None]
    moved.sort(key=lambda k: (-abs(k.change.relative or 0.0), k.kpi))
    lines = []
    for k in moved[:MOVERS]:
        rel = k.change.relative or 0.0
        verb = "rose" if rel > 0 else "fell"
        better = "better" if (rel > 0) == (k.direction == "up") else "worse"
        lines.append(
            f"{k.title} {verb} {abs(rel) * 100:.1f} % to {fmt_value(k.value, k.unit)} "
            f"in {k.period} ({better})."
        )
    return lines


def _met(value: float | None, target: float | None, direction: str) -> bool | None:
    if value is None or target is None:
        return None
    return value >= target if direction == "up" else value <= target


def _newly_missed(kpis: list[KPIValue]) -> list[str]:
    return [
        f"{k.title} missed its target {fmt_value(k.target, k.unit)} in {k.period} "
        f"({fmt_value(k.value, k.unit)}) after meeting it in {k.previous_period}."
        for k in sorted(kpis, key=lambda k: k.kpi)
        if k.status == "missed" and _met(k.previous_value, k.target, k.direction) is True
    ]


def _risks(slos: SLOSection, okrs: OKRSection, warnings: list[DataWarning]) -> list[str]:
    lines = [
        f"SLO {r.slo} burns its error budget {r.burn_rate:.1f}× as fast as it accrues "
        f"({fmt_pct(r.budget_remaining)} left)."
        for r in slos.rows
        if r.burn_rate is not None and r.burn_rate > 1
    ]
    off = [r.title for r in okrs.rows if r.status == "off_track"]
    if off:
        lines.append(f"{len(off)} objective(s) off track: {'; '.join(off)}.")
    if warnings:
        names = sorted({w.dataset for w in warnings})
        lines.append(f"Data warnings on {', '.join(names)} (see the last section).")
    return lines


def _top_saving(costs: CostSection) -> list[str]:
    if not costs.recommendations:
        return []
    top = max(costs.recommendations, key=lambda r: (r.saving, r.title))
    team = f" ({top.team})" if top.team else ""
    return [f"Top saving: {top.title}{team}, {fmt_money(top.saving, costs.currency)} a month."]


def summarize(
    north_stars: list[NorthStarSection],
    initiatives: list[InitiativeSection],
    slos: SLOSection,
    okrs: OKRSection,
    costs: CostSection,
    warnings: list[DataWarning],
) -> list[str]:
    kpis = all_kpis(north_stars, initiatives)
    return [
        *_movers(kpis),
        *_newly_missed(kpis),
        *_risks(slos, okrs, warnings),
        *_top_saving(costs),
    ]
