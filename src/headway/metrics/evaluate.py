"""Evaluating KPIs: values, previous periods, changes, completeness and breakdowns.

An :class:`Evaluator` belongs to one workspace and one as-of, and caches every
(KPI, period, breakdown) it computed, so a scorecard never computes a value twice. An
aggregate KPI is computed for a period and its previous period in one grouped query, and a
series in one grouped query.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import json
from collections.abc import Sequence
from typing import Any
from zoneinfo import ZoneInfo

import duckdb

from headway.config.models import KPI, SQLKPI, IndexKPI, RatioKPI, WorkspaceConfig
from headway.errors import QueryError
from headway.metrics.aggregate_eval import (
    PeriodResult,
    aggregate_sql,
    coverage_sql,
    evaluate_aggregate,
    evaluate_coverage,
    run_query,
)
from headway.metrics.compile import compile_sql_kind
from headway.metrics.kinds import AGGREGATE_KINDS
from headway.metrics.kinds.nps import nps_significant
from headway.metrics.rollup import change, rollup, status
from headway.metrics.value import KPIValue, Point, Series
from headway.periods import (
    GRAINS,
    Period,
    is_shorter,
    latest_complete,
    parse_period,
    periods_between,
    periods_in,
)

__all__ = ["Evaluator", "definition_hash"]

_Key = tuple[str, str, tuple[str, ...]]


class Evaluator:
    """KPI values of one workspace config over one store, as of one moment."""

    def __init__(
        self, config: WorkspaceConfig, con: duckdb.DuckDBPyConnection, as_of: dt.datetime
    ) -> None:
        self.config = config
        self.con = con
        self.as_of = as_of
        self.tz = ZoneInfo(config.timezone)
        self.fsm = config.fiscal_year_start_month
        self._cache: dict[_Key, PeriodResult] = {}
        # coverage is computed only for a value's own period, so it has its own cache
        self._coverage: dict[tuple[str, str], float | None] = {}
        self._known_tenants: int | None = None

    # --- public -----------------------------------------------------------------------
    def kpi(self, kpi_id: str) -> KPI:
        kpi = self.config.kpi(kpi_id)
        if kpi is None:
            ids = [k.id for k in self.config.kpis]
            close = difflib.get_close_matches(kpi_id, ids, n=3)
            hint = (
                f"; did you mean {', '.join(close)}?"
                if close
                else "; `headway kpi list` shows them"
            )
            raise QueryError(f"unknown KPI {kpi_id!r}{hint}")
        return kpi

    def period(self, kpi: KPI, label: str | None) -> Period:
        if label is None:
            return latest_complete(kpi.grain, self.as_of, self.tz, self.fsm)
        p = parse_period(label, self.fsm)
        if is_shorter(p.grain, kpi.grain):
            raise QueryError(
                f"KPI {kpi.id} is computed per {kpi.grain}; ask for a {kpi.grain} or a longer "
                f"period, not the {p.grain} {p.label}"
            )
        return p

    def value(
        self, kpi_id: str, period: str | None = None, by: Sequence[str] | None = None
    ) -> KPIValue:
        kpi = self.kpi(kpi_id)
        p = self.period(kpi, period)
        dims = tuple(kpi.by if by is None else by)
        if kpi.kind not in AGGREGATE_KINDS:
            if by:
                raise QueryError(f"KPI {kpi.id} is a {kpi.kind}; it has no breakdown")
            dims = ()
        cur = self.result(kpi, p, dims)
        prev_period = p.previous()
        prev = self.result(kpi, prev_period, ())
        significant = None
        if kpi.kind == "nps":
            significant = nps_significant(
                cur.value,
                cur.details.get("margin_of_error"),
                prev.value,
                prev.details.get("margin_of_error"),
            )
        return KPIValue(
            kpi=kpi.id,
            title=kpi.title,
            period=p.label,
            grain=kpi.grain,
            value=cur.value,
            unit=kpi.unit,
            direction=kpi.direction,
            target=kpi.target,
            status=status(cur.value, kpi.target, kpi.direction),
            previous_period=prev_period.label,
            previous_value=prev.value,
            change=change(cur.value, prev.value, significant),
            rows=cur.rows,
            coverage=self.coverage(kpi, p) if kpi.kind in AGGREGATE_KINDS else cur.coverage,
            details=cur.details,
            breakdown=cur.breakdown,
        )

    def series(
        self,
        kpi_id: str,
        grain: str | None = None,
        start: str | None = None,
        end: str | None = None,
        by: Sequence[str] | None = None,
    ) -> Series:
        kpi = self.kpi(kpi_id)
        g = grain or kpi.grain
        if g not in GRAINS:
            raise QueryError(f"unknown grain {g!r}; use one of {', '.join(GRAINS)}")
        last = self._as_grain(end, g) if end else latest_complete(g, self.as_of, self.tz, self.fsm)
        first = self._as_grain(start, g) if start else self._back(last, 11)
        periods = periods_between(first, last)
        for p in periods[:1]:
            self.period(kpi, p.label)  # a grain shorter than the KPI's is an error
        dims = tuple(by or ())
        self._fill(kpi, periods, dims)
        return Series(kpi.id, g, [Point(p.label, self.result(kpi, p, dims).value) for p in periods])

    def sql(self, kpi_id: str, period: str | None = None, dialect: str = "duckdb") -> str:
        """The statements :meth:`value` runs for the period, each headed ``-- KPI: role``."""
        kpi = self.kpi(kpi_id)
        statements = self._statements(kpi, self.period(kpi, period), dialect, coverage=True)
        return "\n\n".join(f"-- {name}\n{sql};" for name, sql in statements)

    # --- internals ----------------------------------------------------------------------
    def result(self, kpi: KPI, p: Period, by: tuple[str, ...]) -> PeriodResult:
        """The KPI over ``p`` (without coverage: see :meth:`coverage`); without a
        breakdown the previous period comes along in the same query."""
        key = (kpi.id, p.label, by)
        if key not in self._cache:
            if is_shorter(p.grain, kpi.grain):
                self.period(kpi, p.label)
            self._fill(kpi, [p] if by else [p, p.previous()], by)
        return self._cache[key]

    def _statements(
        self, kpi: KPI, p: Period, dialect: str, coverage: bool
    ) -> list[tuple[str, str]]:
        if isinstance(kpi, SQLKPI):
            labels = [g.label for g in periods_in(p, kpi.grain)]
            return [(f"{kpi.id}: value", compile_sql_kind(kpi, labels, dialect))]
        if kpi.kind in AGGREGATE_KINDS:
            value = aggregate_sql(kpi, self.config, [p], (), dialect)
            cover = coverage_sql(kpi, self.config, p, dialect) if coverage else None
            found = [(f"{kpi.id}: value", value), (f"{kpi.id}: coverage", cover)]
            return [(name, sql) for name, sql in found if sql]
        out = []  # a ratio or index: its dependencies' values (it has no coverage)
        for dep_id in _dependencies(kpi):
            dep = self.kpi(dep_id)
            out += self._statements(dep, self.period(dep, p.label), dialect, coverage=False)
        return out

    def coverage(self, kpi: KPI, p: Period) -> float | None:
        """Coverage of an aggregate KPI over ``p``: its own small query, asked only where a
        value is shown (a distinct count of tenants costs as much as the value's)."""
        key = (kpi.id, p.label)
        if key not in self._coverage:
            self._coverage[key] = evaluate_coverage(
                self.con, kpi, self.config, p, self.known_tenants()
            )
        return self._coverage[key]

    def _fill(self, kpi: KPI, periods: list[Period], by: tuple[str, ...]) -> None:
        todo = [p for p in periods if (kpi.id, p.label, by) not in self._cache]
        if not todo:
            return
        if kpi.kind in AGGREGATE_KINDS:
            results = evaluate_aggregate(self.con, kpi, self.config, todo, by)
        elif isinstance(kpi, SQLKPI):
            results = self._sql_kind(kpi, todo)
        else:
            self._fill_dependencies(kpi, todo)
            results = {p.label: self._derived(kpi, p) for p in todo}
        for label, r in results.items():
            self._cache[(kpi.id, label, by)] = r

    def _fill_dependencies(self, kpi: KPI, periods: list[Period]) -> None:
        """Every period a ratio or index needs of each KPI it rests on, in one query per
        KPI (not one per period); periods too short for a dependency are left to
        :meth:`result`, which names the error."""
        extra = [parse_period(kpi.baseline, self.fsm)] if isinstance(kpi, IndexKPI) else []
        for dep_id in _dependencies(kpi):
            dep = self.kpi(dep_id)
            wanted = [p for p in [*periods, *extra] if not is_shorter(p.grain, dep.grain)]
            self._fill(dep, list({p.label: p for p in wanted}.values()), ())

    def _sql_kind(self, kpi: SQLKPI, periods: list[Period]) -> dict[str, PeriodResult]:
        grains = {p.label: [g.label for g in periods_in(p, kpi.grain)] for p in periods}
        labels = [lb for ls in grains.values() for lb in ls]
        rows = run_query(self.con, compile_sql_kind(kpi, labels), kpi.id)
        found: dict[str, float | None] = {}
        for r in rows:
            found[str(r["period"])] = None if r["value"] is None else float(r["value"])
        out = {}
        for label, ls in grains.items():
            vals = [found.get(lb) for lb in ls]
            out[label] = PeriodResult(
                rollup(vals, kpi.rollup, False), sum(1 for lb in ls if lb in found)
            )
        return out

    def _derived(self, kpi: KPI, p: Period) -> PeriodResult:
        if isinstance(kpi, RatioKPI):
            num = self.result(self.kpi(kpi.numerator), p, ())
            den = self.result(self.kpi(kpi.denominator), p, ())
            ratio = num.value / den.value if num.value is not None and den.value else None
            return PeriodResult(ratio, num.rows + den.rows)
        assert isinstance(kpi, IndexKPI)
        base = parse_period(kpi.baseline, self.fsm)
        total_w = sum(c.weight for c in kpi.components)
        value: float | None = 100.0
        rows = 0
        for c in kpi.components:
            comp = self.kpi(c.kpi)
            now, then = self.result(comp, p, ()), self.result(comp, base, ())
            rows += now.rows
            if value is None or not now.value or not then.value:
                value = None
                continue
            r = then.value / now.value if comp.direction == "down" else now.value / then.value
            value *= r ** (c.weight / total_w)
        return PeriodResult(value, rows)

    def known_tenants(self) -> int:
        if self._known_tenants is None:
            row = self.con.execute("SELECT count(DISTINCT tenant) FROM tenants").fetchone()
            self._known_tenants = int(row[0]) if row else 0
        return self._known_tenants

    def _as_grain(self, label: str, grain: str) -> Period:
        p = parse_period(label, self.fsm)
        if p.grain != grain:
            raise QueryError(f"{label} is a {p.grain}; this series is per {grain}")
        return p

    @staticmethod
    def _back(p: Period, n: int) -> Period:
        for _ in range(n):
            p = p.previous()
        return p


def _dependencies(kpi: KPI) -> list[str]:
    if isinstance(kpi, RatioKPI):
        return [kpi.numerator, kpi.denominator]
    if isinstance(kpi, IndexKPI):
        return [c.kpi for c in kpi.components]
    return []


def definition_hash(kpi: KPI, config: WorkspaceConfig) -> str:
    """sha256 of the KPI's definition with every definition it depends on (KPIs, SLO) and
    the workspace settings that cut its periods; a snapshot is stale when this changes."""
    seen: dict[str, Any] = {}

    def visit(k: KPI) -> None:
        if k.id in seen:
            return
        seen[k.id] = k.model_dump(mode="json")
        for dep in _dependencies(k):
            d = config.kpi(dep)
            if d is not None:
                visit(d)

    visit(kpi)
    slos = {
        s.id: s.model_dump(mode="json")
        for k in seen.values()
        if k.get("kind") == "slo" and (s := config.slo(k["slo"])) is not None
    }
    doc = {
        "kpis": seen,
        "slos": slos,
        "timezone": config.timezone,
        "fiscal_year_start_month": config.fiscal_year_start_month,
    }
    return hashlib.sha256(json.dumps(doc, sort_keys=True).encode()).hexdigest()
