"""Building the scorecard from a workspace: which period each KPI shows, drivers, history.

Which period a KPI shows (see docs/scorecard.md):

- without a period: the latest complete period of the KPI's own grain as of the
  workspace's as-of;
- with a period label: that period when it is as long as the KPI's grain or longer (the
  KPI's ``rollup`` summarises it); when it is shorter than the grain, the period of the
  KPI's grain that contains the given period's last day if that one is complete as of
  as-of, else the latest complete one before it (a quarterly NPS on a monthly scorecard
  of 2026-11 shows 2026-Q3 until 2026-Q4 has ended).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from headway.config.models import KPI, IndexKPI, NorthStar
from headway.metrics.value import KPIValue, Point
from headway.periods import Period, is_shorter, latest_complete, parse_period, period_of
from headway.scorecard.drivers import ComponentMove, decompose_index, order_by_relative_change
from headway.scorecard.model import InitiativeCard, KPICard, NorthStarCard, Scorecard

if TYPE_CHECKING:
    from headway.workspace import Workspace

__all__ = ["SPARKLINE_PERIODS", "build_scorecard", "kpi_period"]

SPARKLINE_PERIODS = 12


def kpi_period(
    grain: str,
    label: str | None,
    as_of: dt.datetime,
    tz: dt.tzinfo,
    fiscal_year_start_month: int = 1,
) -> Period:
    """The period a KPI of ``grain`` shows for the asked ``label`` (None: latest complete)."""
    if label is None:
        return latest_complete(grain, as_of, tz, fiscal_year_start_month)
    asked = parse_period(label, fiscal_year_start_month)
    if is_shorter(asked.grain, grain):
        holding = period_of(asked.end - dt.timedelta(days=1), grain, fiscal_year_start_month)
        if holding.end_at(tz) <= as_of:
            return holding
        latest = latest_complete(grain, as_of, tz, fiscal_year_start_month)
        return min(latest, holding.previous(), key=lambda p: p.start)
    return asked


class _Builder:
    """Evaluates each (KPI, period) once, however many places of the scorecard show it."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.fsm = ws.config.fiscal_year_start_month
        self._cards: dict[tuple[str, str], KPICard] = {}

    def period(self, kpi: KPI, label: str | None) -> Period:
        return kpi_period(kpi.grain, label, self.ws.as_of, self.ws.tz, self.fsm)

    def card(self, kpi: KPI, label: str | None) -> KPICard:
        period = self.period(kpi, label)
        key = (kpi.id, period.label)
        if key not in self._cards:
            # the sparkline first: its one query also holds the shown and previous periods
            sparkline = self._sparkline(kpi, period)
            value = self.ws.kpi_value(kpi.id, period=period.label)
            self._cards[key] = KPICard(value, sparkline)
        return self._cards[key]

    def _sparkline(self, kpi: KPI, period: Period) -> list[Point]:
        last = period_of(period.end - dt.timedelta(days=1), kpi.grain, self.fsm)
        first = last
        for _ in range(SPARKLINE_PERIODS - 1):
            first = first.previous()
        series = self.ws.kpi_series(kpi.id, grain=kpi.grain, start=first.label, end=last.label)
        return list(series.points)

    def north_star(self, nsm: NorthStar, label: str | None) -> NorthStarCard:
        kpi = self._kpi(nsm.kpi)
        head = self.card(kpi, label)
        drivers: list[KPICard] = []
        if isinstance(kpi, IndexKPI):
            drivers = self._index_drivers(kpi, head.value)
        seen = {kpi.id, *(d.value.kpi for d in drivers)}
        others = [
            self.card(k, label)
            for k in self.ws.config.kpis
            if k.drives == nsm.id and k.id not in seen
        ]
        by_id = {c.value.kpi: c for c in others}
        ranked = order_by_relative_change([(c.value.kpi, c.value.change.relative) for c in others])
        return NorthStarCard(nsm.id, nsm.title, head, drivers + [by_id[i] for i in ranked])

    def _index_drivers(self, index: IndexKPI, value: KPIValue) -> list[KPICard]:
        cards = [self.card(self._kpi(c.kpi), value.period) for c in index.components]
        moves = [
            ComponentMove(
                c.kpi, c.weight, card.value.direction, card.value.value, card.value.previous_value
            )
            for c, card in zip(index.components, cards, strict=True)
        ]
        by_id = {card.value.kpi: card for card in cards}
        return [
            KPICard(by_id[c.kpi].value, by_id[c.kpi].sparkline, c)
            for c in decompose_index(moves, value.value, value.previous_value)
        ]

    def _kpi(self, kpi_id: str) -> KPI:
        kpi = self.ws.config.kpi(kpi_id)
        if kpi is None:  # the config rules reject this; keep a clear message regardless
            from headway.errors import QueryError

            raise QueryError(f"unknown KPI {kpi_id!r}; see `headway kpi list`")
        return kpi


def build_scorecard(ws: Workspace, period: str | None = None) -> Scorecard:
    """The workspace's scorecard for ``period`` (None: each KPI's latest complete period)."""
    cfg = ws.config
    if period is not None:
        parse_period(period, cfg.fiscal_year_start_month)  # a bad label fails before any query
    b = _Builder(ws)
    stars = [b.north_star(n, period) for n in cfg.north_stars]
    known = {i.id for i in cfg.initiatives}
    initiatives = [
        InitiativeCard(
            i.id, i.title, i.owner, [b.card(k, period) for k in cfg.kpis if k.initiative == i.id]
        )
        for i in cfg.initiatives
    ]
    unassigned = [b.card(k, period) for k in cfg.kpis if k.initiative not in known]
    objectives = ws.company_objectives() if cfg.okrs else []
    return Scorecard(
        cfg.workspace, cfg.vision, ws.as_of, period, stars, initiatives, unassigned, objectives
    )
