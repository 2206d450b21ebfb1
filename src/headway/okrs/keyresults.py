"""Scoring one key result: where its current value comes from, its progress and grade."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from headway.config.okrs import MetricKeyResult, MilestoneKeyResult
from headway.okrs.results import CheckIn, KeyResultScore
from headway.okrs.scoring import grade, kr_progress
from headway.periods import Period, is_shorter, period_of, periods_in

__all__ = ["KPIInfo", "KPIReader", "ScoringContext", "score_key_result"]

#: ``(kpi_id, period_label) -> value`` (None when the KPI has no data for the period).
KPIReader = Callable[[str, str], float | None]


@dataclass(frozen=True)
class KPIInfo:
    grain: str
    rollup: str
    unit: str | None = None


@dataclass(frozen=True)
class ScoringContext:
    cycle: Period
    as_of: dt.datetime
    tz: dt.tzinfo
    fiscal_year_start_month: int
    kpis: dict[str, KPIInfo]
    read: KPIReader
    checkins: dict[str, CheckIn]

    @property
    def reading_time(self) -> dt.datetime:
        """as-of, but never past the cycle's end: a closed cycle's KRs stay frozen."""
        return min(self.as_of, self.cycle.end_at(self.tz))


def _rollup(values: list[float], how: str) -> float | None:
    if not values:
        return None
    if how == "sum":
        return sum(values)
    if how == "min":
        return min(values)
    if how == "max":
        return max(values)
    if how == "last":
        return values[-1]
    return sum(values) / len(values)


def _complete_inside(ctx: ScoringContext, grain: str) -> list[Period]:
    """The periods of ``grain`` wholly inside the cycle whose end is ≤ as-of."""
    if is_shorter("quarter", grain):
        return []
    fsm = ctx.fiscal_year_start_month
    inside = [p for p in periods_in(ctx.cycle, grain, fsm) if p.end <= ctx.cycle.end]
    return [p for p in inside if p.end_at(ctx.tz) <= ctx.reading_time]


def auto_baseline_period(cycle: Period, grain: str, fiscal_year_start_month: int) -> Period:
    """The latest period of ``grain`` that ends on or before the cycle's start."""
    p = period_of(cycle.start - dt.timedelta(days=1), grain, fiscal_year_start_month)
    while p.end > cycle.start:
        p = p.previous()
    return p


def _current(kr: MetricKeyResult, ctx: ScoringContext) -> tuple[float | None, str | None, str]:
    """(value, period label, message) of the KR's KPI as of the context."""
    info = ctx.kpis[kr.kpi]
    done = _complete_inside(ctx, info.grain)
    if not done:
        return None, None, f"no complete {info.grain} inside {ctx.cycle.label} yet"
    if kr.window == "period":
        label = done[-1].label
        value = ctx.read(kr.kpi, label)
    else:
        values = [v for p in done if (v := ctx.read(kr.kpi, p.label)) is not None]
        value = _rollup(values, info.rollup)
        whole = len(done) == len(_all_inside(ctx, info.grain))
        label = ctx.cycle.label if whole else f"{ctx.cycle.label} to {done[-1].label}"
    return value, label, "" if value is not None else f"KPI {kr.kpi} has no data for {label}"


def _all_inside(ctx: ScoringContext, grain: str) -> list[Period]:
    fsm = ctx.fiscal_year_start_month
    return [p for p in periods_in(ctx.cycle, grain, fsm) if p.end <= ctx.cycle.end]


def _baseline(kr: MetricKeyResult, ctx: ScoringContext) -> tuple[float | None, str]:
    if kr.baseline != "auto":
        return kr.baseline, ""
    grain = ctx.kpis[kr.kpi].grain
    period = auto_baseline_period(ctx.cycle, grain, ctx.fiscal_year_start_month)
    value = ctx.read(kr.kpi, period.label)
    if value is None:
        return None, f"baseline auto: KPI {kr.kpi} has no data for {period.label}; set a number"
    return value, ""


def _use_checkin(
    current: float | None, period: str | None, last: CheckIn | None, ctx: ScoringContext
) -> bool:
    """A manual value stands in only when the KPI was read and had no data, and the
    check-in was made inside the cycle."""
    return (
        current is None
        and period is not None
        and last is not None
        and last.value is not None
        and last.checked_in_at >= ctx.cycle.start_at(ctx.tz)
    )


def _score_metric(kr: MetricKeyResult, ctx: ScoringContext) -> KeyResultScore:
    last = ctx.checkins.get(kr.id)
    if kr.kpi not in ctx.kpis:  # caught by validation; keep scoring the rest
        current, period, message = None, None, f"unknown KPI {kr.kpi}"
    else:
        current, period, message = _current(kr, ctx)
    source = "kpi" if current is not None else "none"
    if _use_checkin(current, period, last, ctx) and last is not None:
        current, source = last.value, "checkin"
        message = f"{message}; using the check-in of {last.checked_in_at:%Y-%m-%d}"
    baseline, base_msg = (None, "") if kr.kpi not in ctx.kpis else _baseline(kr, ctx)
    note = "; ".join(m for m in (message, base_msg) if m) or None
    progress = g = 0.0
    if current is not None and baseline is not None:
        progress = kr_progress(current, baseline, kr.target)
        g = grade(current, baseline, kr.target, kr.commit, kr.stretch)
    return KeyResultScore(
        id=kr.id,
        title=kr.title,
        kind="metric",
        kpi=kr.kpi,
        baseline=baseline,
        target=kr.target,
        commit=kr.commit,
        stretch=kr.stretch,
        current=current,
        period=period,
        source=source,
        progress=progress,
        grade=g,
        weight=kr.weight,
        last_checkin=last,
        message=note,
        unit=ctx.kpis[kr.kpi].unit if kr.kpi in ctx.kpis else None,
    )


def _score_milestone(kr: MilestoneKeyResult, ctx: ScoringContext) -> KeyResultScore:
    last = ctx.checkins.get(kr.id)
    progress = last.progress if last is not None and last.progress is not None else 0.0
    return KeyResultScore(
        id=kr.id,
        title=kr.title,
        kind="milestone",
        kpi=None,
        baseline=None,
        target=None,
        commit=None,
        stretch=None,
        current=None,
        period=None,
        source="checkin" if last is not None else "none",
        progress=progress,
        grade=progress,
        weight=kr.weight,
        last_checkin=last,
        message=None if last is not None else "no check-in yet",
    )


def score_key_result(
    kr: MetricKeyResult | MilestoneKeyResult, ctx: ScoringContext
) -> KeyResultScore:
    if isinstance(kr, MilestoneKeyResult):
        return _score_milestone(kr, ctx)
    return _score_metric(kr, ctx)
