"""Running the grouped query of an aggregate KPI and reading its grouping sets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import duckdb

from headway.config.models import KPI, WorkspaceConfig
from headway.errors import QueryError
from headway.metrics.compile import (
    Bucket,
    compile_binned,
    compile_coverage,
    compile_grouped,
)
from headway.metrics.kinds import KindSpec, kind_spec
from headway.metrics.rollup import rollup
from headway.metrics.value import BreakdownRow
from headway.periods import Period, periods_in

__all__ = [
    "PeriodResult",
    "aggregate_sql",
    "coverage_sql",
    "evaluate_aggregate",
    "evaluate_coverage",
    "needs_whole",
    "run_query",
]


@dataclass(frozen=True)
class PeriodResult:
    """A KPI over one asked period."""

    value: float | None
    rows: int
    coverage: float | None = None
    details: dict[str, Any] = field(default_factory=dict)
    breakdown: list[BreakdownRow] = field(default_factory=list)


def run_query(con: duckdb.DuckDBPyConnection, sql: str, kpi_id: str) -> list[dict[str, Any]]:
    try:
        cur = con.execute(sql)
    except (
        duckdb.BinderException,
        duckdb.ParserException,
        duckdb.CatalogException,
        duckdb.ConversionException,
    ) as e:
        first = str(e).splitlines()[0]
        raise QueryError(
            f"KPI {kpi_id} cannot be computed: {first}; check its where, column and sql "
            "(`headway kpi show KPI --sql` prints the query)"
        ) from None
    names = [d[0] for d in cur.description or []]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def _sorted(rows: list[BreakdownRow]) -> list[BreakdownRow]:
    """Highest value first, no data last; ties by key (no key last), not by the query's
    row order, which depends on the query's shape and threads."""

    def order(b: BreakdownRow) -> tuple[Any, ...]:
        keys = [(v is None, str(v)) for v in b.key.values()]
        return (b.value is None, -(b.value or 0.0), keys)

    return sorted(rows, key=order)


def _breakdown(
    spec: KindSpec,
    kpi: KPI,
    rows: list[dict[str, Any]],
    by: Sequence[str],
    labels: list[str],
    whole: bool,
) -> list[BreakdownRow]:
    n = len(by)
    per_key: dict[tuple[Any, ...], dict[str, float | None]] = {}
    pooled: dict[tuple[Any, ...], float | None] = {}
    for r in rows:
        key = tuple(r[f"by_{i}"] for i in range(n))
        if r["grouping_id"] == 0:
            per_key.setdefault(key, {})[r["period"]] = spec.value(r)
            if not whole:  # one grain period: its row is the whole period's
                pooled[key] = spec.value(r)
        elif r["grouping_id"] == 1 << n:
            pooled[key] = spec.value(r)
            per_key.setdefault(key, {})
    out = []
    for key, values in per_key.items():
        if spec.pooled:
            v = pooled.get(key)
        else:
            v = rollup([values.get(lb) for lb in labels], kpi.rollup, spec.zero_when_empty)
        out.append(BreakdownRow(dict(zip(by, key, strict=True)), v))
    return _sorted(out)


def needs_whole(spec: KindSpec, grains: Sequence[Sequence[Period]]) -> bool:
    """Whether the whole-asked-period grouping sets are needed: only when some asked period
    holds several grain periods and its value or details come from the pooled rows (slo,
    nps and duration details, open durations). Otherwise the per-grain rows give every
    number: a single grain period *is* the whole period, and rows add up."""
    pooled = spec.pooled or spec.details is not None or spec.open_start is not None
    return pooled and any(len(g) > 1 for g in grains)


def _total(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The whole-period row of a kind whose grain rows add up: its row count."""
    return {"row_count": sum(int(r.get("row_count") or 0) for r in rows)}


def _shape(spec: KindSpec, grains: Sequence[Sequence[Period]]) -> tuple[bool, bool]:
    """(whole, lean): whether the whole-period sets are needed, and whether the lean
    per-grain query serves (everything but open durations and pooled multi-grain periods)."""
    whole = needs_whole(spec, grains)
    return whole, not whole and spec.open_start is None


def aggregate_sql(
    kpi: KPI,
    config: WorkspaceConfig,
    periods: Sequence[Period],
    by: Sequence[str] = (),
    dialect: str = "duckdb",
) -> str | None:
    """The one query :func:`evaluate_aggregate` runs for ``periods`` (None: they hold no
    grain period)."""
    spec = kind_spec(kpi, config)
    grains = [periods_in(p, kpi.grain) for p in periods]
    buckets = [Bucket(p.label, g) for p, gs in zip(periods, grains, strict=True) for g in gs]
    if not buckets:
        return None
    whole, lean = _shape(spec, grains)
    if lean:  # grouped by grain period alone; each asked period takes its grain rows
        distinct = sorted({b.period.label: b.period for b in buckets}.values(), key=_start)
        return compile_binned(kpi, config, distinct, by, dialect)
    return compile_grouped(kpi, config, buckets, by, dialect, coverage=False, whole=whole)


def _start(p: Period) -> Any:
    return p.start


def evaluate_aggregate(
    con: duckdb.DuckDBPyConnection,
    kpi: KPI,
    config: WorkspaceConfig,
    periods: Sequence[Period],
    by: Sequence[str],
) -> dict[str, PeriodResult]:
    """Every asked period in one query: {label: result}, without coverage (see
    :func:`evaluate_coverage`)."""
    spec = kind_spec(kpi, config)
    grains = {p.label: periods_in(p, kpi.grain) for p in periods}
    sql = aggregate_sql(kpi, config, periods, by)
    if sql is None:
        return {p.label: PeriodResult(None, 0) for p in periods}
    whole, lean = _shape(spec, list(grains.values()))
    rows = run_query(con, sql, kpi.id)
    n = len(by)
    per_grain, whole_id = (1 << n) - 1, (1 << (n + 1)) - 1
    out: dict[str, PeriodResult] = {}
    for p in periods:
        if lean:
            inside = {g.label for g in grains[p.label]}
            mine = [r for r in rows if r["period"] in inside]
        else:
            mine = [r for r in rows if r["outer_label"] == p.label]
        grain_rows = {r["period"]: r for r in mine if r["grouping_id"] == per_grain}
        labels = [g.label for g in grains[p.label]]
        if whole:
            total = next((r for r in mine if r["grouping_id"] == whole_id), {})
        elif len(labels) == 1:
            total = grain_rows.get(labels[0], {})
        else:
            total = _total(list(grain_rows.values()))
        if spec.pooled:
            value = spec.value(total)
        else:
            vals = [spec.value(grain_rows[lb]) if lb in grain_rows else None for lb in labels]
            value = rollup(vals, kpi.rollup, spec.zero_when_empty)
        # open durations are a state at the period's end: read them from its last grain period
        detail_row = grain_rows.get(labels[-1], {}) if spec.open_start else total
        out[p.label] = PeriodResult(
            value=value,
            rows=int(total.get("row_count") or 0),
            details=spec.details(detail_row) if spec.details else {},
            breakdown=_breakdown(spec, kpi, mine, by, labels, whole) if by else [],
        )
    return out


def coverage_sql(
    kpi: KPI, config: WorkspaceConfig, period: Period, dialect: str = "duckdb"
) -> str | None:
    """The query :func:`evaluate_coverage` runs (None: the dataset names no tenant)."""
    buckets = [Bucket(period.label, g) for g in periods_in(period, kpi.grain)]
    return compile_coverage(kpi, config, buckets, dialect) if buckets else None


def evaluate_coverage(
    con: duckdb.DuckDBPyConnection,
    kpi: KPI,
    config: WorkspaceConfig,
    period: Period,
    known_tenants: int,
) -> float | None:
    """Known tenants with a matching row in ``period`` ÷ ``known_tenants``; None when no
    tenant is known, the dataset names no tenant, or no matching row names one (SDK
    downloads say nothing about tenant coverage)."""
    sql = coverage_sql(kpi, config, period) if known_tenants else None
    if sql is None:
        return None
    [row] = run_query(con, sql, kpi.id)
    nameless = bool(row["row_count"]) and not row["tenant_rows"]
    return None if nameless else int(row["tenants_reporting"] or 0) / known_tenants
