"""The "what changed" lines at the top of the report, written from the numbers only, at
most :data:`MAX_LINES`, in this order:

1. What moved this week or month: among the KPIs whose shown period ended during or after
   the report's week (``fresh``; a quarter that closed months ago is old news), the
   :data:`MOVERS` largest by |relative change| against their previous period (ties by KPI
   id, so the text is reproducible). An NPS change that is not significant says so.
2. Risks: SLOs burning their error budget faster than it accrues (burn rate > 1),
   objectives off track, KPIs that missed their target after meeting it the period
   before, datasets with freshness or completeness warnings — in that order, as room allows.
3. The top saving: the recommendation with the largest estimated monthly saving (always
   kept when there is one).
"""

from __future__ import annotations

from headway.metrics.value import KPIValue
from headway.report.fmt import PERCENT_UNITS, fmt_money, fmt_pct, fmt_pp, fmt_value
from headway.report.model import (
    CostSection,
    DataWarning,
    InitiativeSection,
    NorthStarSection,
    OKRSection,
    SLOSection,
)

__all__ = ["MAX_LINES", "MOVERS", "all_kpis", "summarize"]

MOVERS = 3
MAX_LINES = 6


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


def _move(k: KPIValue, whole: bool) -> str:
    rel = k.change.relative or 0.0
    verb = "rose" if rel > 0 else "fell"
    percent = k.unit in PERCENT_UNITS
    by = fmt_pp(k.change.absolute or 0.0) if percent else f"{abs(rel) * 100:.1f} %"
    better = "better" if (rel > 0) == (k.direction == "up") else "worse"
    if k.change.significant is False:
        better += ", not significant"
    return (
        f"{k.title} {verb} {by} to {fmt_value(k.value, k.unit, whole=whole)} in {k.period} "
        f"vs {k.previous_period} ({better})."
    )


def _movers(kpis: list[KPIValue], whole: frozenset[str]) -> list[str]:
    moved = [k for k in kpis if k.change.relative not in (None, 0.0) and k.value is not None]
    moved.sort(key=lambda k: (-abs(k.change.relative or 0.0), k.kpi))
    return [_move(k, k.kpi in whole) for k in moved[:MOVERS]]


def _met(value: float | None, target: float | None, direction: str) -> bool | None:
    if value is None or target is None:
        return None
    return value >= target if direction == "up" else value <= target


def _newly_missed(kpis: list[KPIValue], whole: frozenset[str]) -> list[str]:
    missed = [
        f"{k.title} ({fmt_value(k.value, k.unit, whole=k.kpi in whole)} in {k.period}, "
        f"target {fmt_value(k.target, k.unit, whole=k.kpi in whole)})"
        for k in sorted(kpis, key=lambda k: k.kpi)
        if k.status == "missed" and _met(k.previous_value, k.target, k.direction) is True
    ]
    return [f"Missed its target after meeting it: {'; '.join(missed)}."] if missed else []


def _slo_risk(slos: SLOSection) -> list[str]:
    burning = [
        f"{r.slo} {r.burn_rate:.1f}× ({fmt_pct(r.budget_remaining)} of the budget left)"
        for r in slos.rows
        if r.burn_rate is not None and r.burn_rate > 1
    ]
    if not burning:
        return []
    return [f"Burning error budget faster than it accrues: SLO {'; '.join(burning)}."]


def _okr_risk(okrs: OKRSection) -> list[str]:
    off = [r.title for r in okrs.rows if r.status == "off_track"]
    if not off:
        return []
    noun = "objective" if len(okrs.rows) == 1 else "objectives"
    return [f"{len(off)} of {len(okrs.rows)} {noun} off track ({okrs.cycle}): {'; '.join(off)}."]


def _data_risk(warnings: list[DataWarning]) -> list[str]:
    if not warnings:
        return []
    names = sorted({w.dataset for w in warnings})
    more = f" + {len(names) - 3} more" if len(names) > 3 else ""
    return [f"Data warnings on {', '.join(names[:3])}{more} (see the last section)."]


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
    *,
    fresh: set[str] | None = None,
    whole: frozenset[str] = frozenset(),
) -> list[str]:
    """At most :data:`MAX_LINES` lines; ``fresh``: the KPI ids that may count as movers
    (None: all), ``whole``: the KPI ids shown without decimals."""
    kpis = all_kpis(north_stars, initiatives)
    movers = _movers([k for k in kpis if fresh is None or k.kpi in fresh], whole)
    risks = [
        *_slo_risk(slos),
        *_okr_risk(okrs),
        *_newly_missed(kpis, whole),
        *_data_risk(warnings),
    ]
    saving = _top_saving(costs)
    room = max(0, MAX_LINES - len(movers) - len(saving))
    return [*movers, *risks[:room], *saving]
