"""Running the grouped query of an aggregate KPI and reading its grouping sets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import duckdb

from headway.config.models import KPI, WorkspaceConfig
from headway.datasets.contracts import DATASETS
from headway.errors import QueryError
from headway.metrics.compile import Bucket, compile_grouped
from headway.metrics.kinds import KindSpec, kind_spec
from headway.metrics.rollup import rollup
from headway.metrics.value import BreakdownRow
from headway.periods import Period, periods_in

__all__ = ["PeriodResult", "evaluate_aggregate", "run_query"]


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
    except (duckdb.BinderException, duckdb.ParserException, duckdb.CatalogException) as e:
        first = str(e).splitlines()[0]
        raise QueryError(f"KPI {kpi_id} cannot be computed: {first}") from None
    names = [d[0] for d in cur.description or []]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def _sorted(rows: list[BreakdownRow]) -> list[BreakdownRow]:
    return sorted(rows, key=lambda b: (b.value is None, -(b.value or 0.0)))


def _breakdown(
    spec: KindSpec, kpi: KPI, rows: list[dict[str, Any]], by: Sequence[str], labels: list[str]
) -> list[BreakdownRow]:
    n = len(by)
    per_key: dict[tuple[Any, ...], dict[str, float | None]] = {}
    pooled: dict[tuple[Any, ...], float | None] = {}
    for r in rows:
        key = tuple(r[f"by_{i}"] for i in range(n))
        if r["grouping_id"] == 0:
            per_key.setdefault(key, {})[r["period"]] = spec.value(r)
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


def evaluate_aggregate(
    con: duckdb.DuckDBPyConnection,
    kpi: KPI,
    config: WorkspaceConfig,
    periods: Sequence[Period],
    by: Sequence[str],
    known_tenants: int,
) -> dict[str, PeriodResult]:
    """Every asked period in one query: {label: result}."""
    spec = kind_spec(kpi, config)
    grains = {p.label: periods_in(p, kpi.grain) for p in periods}
    buckets = [Bucket(p.label, g) for p in periods for g in grains[p.label]]
    if not buckets:
        return {p.label: PeriodResult(None, 0) for p in periods}
    rows = run_query(con, compile_grouped(kpi, config, buckets, by), kpi.id)
    n = len(by)
    per_grain, whole = (1 << n) - 1, (1 << (n + 1)) - 1
    dataset = DATASETS[spec.dataset]
    has_tenants = dataset.tenant_column is not None and dataset.name != "tenants"
    out: dict[str, PeriodResult] = {}
    for p in periods:
        mine = [r for r in rows if r["outer_label"] == p.label]
        grain_rows = {r["period"]: r for r in mine if r["grouping_id"] == per_grain}
        total = next((r for r in mine if r["grouping_id"] == whole), {})
        labels = [g.label for g in grains[p.label]]
        if spec.pooled:
            value = spec.value(total)
        else:
            vals = [spec.value(grain_rows[lb]) if lb in grain_rows else None for lb in labels]
            value = rollup(vals, kpi.rollup, spec.zero_when_empty)
        coverage = None
        # rows that name no tenant at all (SDK downloads) say nothing about tenant coverage
        nameless = bool(total.get("row_count")) and not total.get("tenant_rows")
        if has_tenants and known_tenants and not nameless:
            coverage = int(total.get("tenants_reporting") or 0) / known_tenants
        # open durations are a state at the period's end: read them from its last grain period
        detail_row = grain_rows.get(labels[-1], {}) if spec.open_start else total
        out[p.label] = PeriodResult(
            value=value,
            rows=int(total.get("row_count") or 0),
            coverage=coverage,
            details=spec.details(detail_row) if spec.details else {},
            breakdown=_breakdown(spec, kpi, mine, by, labels) if by else [],
        )
    return out
