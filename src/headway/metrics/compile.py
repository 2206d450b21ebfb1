"""KPI → SQL: one query over the grain periods of one or more asked periods.

A row belongs to the period containing its timestamp in the workspace time zone: the
half-open range ``[start_at(tz), end_at(tz))`` on the raw column (no per-row conversion).
``usage.day`` is a date and is compared as given; costs are cut at UTC midnights (their
billing periods are UTC). Three shapes (docs/kpis.md):

- :func:`compile_binned`, the usual one: rows placed in their grain period by a hash join
  on the UTC hour with the range as its check, grouped by grain period (and breakdown);
- :func:`compile_grouped`: the periods are a ``VALUES`` table joined by range, so every
  grain period appears even without rows, with ``GROUPING SETS`` for the whole asked
  period (pooled kinds) — and the only shape for open durations;
- :func:`compile_coverage`: the tenant counts of one asked period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import sqlglot
from sqlglot import exp

from headway.config.models import KPI, SQLKPI, WorkspaceConfig
from headway.datasets.contracts import DATASETS
from headway.errors import QueryError
from headway.metrics.kinds import kind_spec
from headway.metrics.kinds.base import KindSpec, col, lit
from headway.periods import Period

__all__ = [
    "Bucket",
    "compile_binned",
    "compile_coverage",
    "compile_grouped",
    "compile_sql_kind",
    "dimension_sql",
    "parse_where",
    "tenant_column",
    "where_sql",
]


@dataclass(frozen=True)
class Bucket:
    """A grain period inside an asked (outer) period."""

    outer: str
    period: Period


def parse_where(text: str, kpi_id: str) -> exp.Expr:
    try:
        return sqlglot.parse_one(text, read="duckdb")
    except sqlglot.errors.ParseError as e:
        raise QueryError(f"KPI {kpi_id}: its where {text!r} is not valid SQL: {e}") from None


def json_key_sql(column: str, key: str) -> str:
    """The text value of ``key`` in a JSON-object column (``attributes``, ``Tags``)."""
    return f"{col(column)} ->> {lit(key)}"


def where_sql(text: str, kpi_id: str, dataset: str) -> str:
    """A KPI's ``where`` as DuckDB SQL over the dataset's rows (``t``): ``attributes.KEY``
    and ``Tags.KEY`` read the JSON object's text value (``->>``, as in breakdowns), and
    ``team``/``org`` on a dataset without those columns come from ``tenants``."""
    ds = DATASETS[dataset]
    json_columns = {c.name for c in ds.columns if c.type == "json"}

    def rewrite(node: exp.Expr) -> exp.Expr:
        if not isinstance(node, exp.Column):
            return node
        table = node.table
        if table in json_columns:
            return sqlglot.parse_one(json_key_sql(table, node.name), read="duckdb")
        via_tenants = node.name in ("team", "org") and node.name not in ds.column_names
        if not table and via_tenants and ds.tenant_column:
            return sqlglot.parse_one(
                f'(SELECT hw_tn."{node.name}" FROM tenants AS hw_tn '
                f"WHERE hw_tn.tenant = {col(ds.tenant_column)})",
                read="duckdb",
            )
        return node

    return parse_where(text, kpi_id).transform(rewrite).sql("duckdb")


def dimension_sql(dim: str, dataset: str) -> tuple[str, bool]:
    """The SQL of a breakdown dimension, and whether it needs the ``tenants`` join."""
    ds = DATASETS[dataset]
    if dim.startswith("attributes.") and "attributes" in ds.column_names:
        return json_key_sql("attributes", dim.removeprefix("attributes.")), False
    if dim in ds.column_names:
        return col(dim), False
    if dim in ("team", "org") and ds.tenant_column:
        return 'tn."' + dim + '"', True
    dims = [*ds.column_names, *(["team", "org"] if ds.tenant_column else [])]
    raise QueryError(
        f"cannot break {dataset} down by {dim!r}; use one of {', '.join(dict.fromkeys(dims))}"
        + (" or attributes.KEY" if "attributes" in ds.column_names else "")
    )


def _bound(day: dt.date, is_date: bool, tz: ZoneInfo) -> str:
    if is_date:
        return f"CAST({lit(day.isoformat())} AS DATE)"
    moment = dt.datetime.combine(day, dt.time(), tzinfo=tz)
    return f"CAST({lit(moment.isoformat(sep=' '))} AS TIMESTAMPTZ)"


def _in_range(time: str, lo: str, hi: str, spec: KindSpec) -> str:
    cond = f"({col(time)} >= {lo} AND {col(time)} < {hi})"
    if spec.open_start:
        cond = f"({cond} OR ({col(time)} IS NULL AND {col(spec.open_start)} < {hi}))"
    return cond


def _rows_cte(
    kpi: KPI, config: WorkspaceConfig, buckets: Sequence[Bucket]
) -> tuple[KindSpec, str, str]:
    """The kind, the ``WITH periods …, kpi_rows …`` prefix, and the range-join condition."""
    spec = kind_spec(kpi, config)
    dataset = spec.dataset
    is_date = DATASETS[dataset].column(spec.time_column).type == "date"
    tz = ZoneInfo("UTC" if dataset == "costs" else config.timezone)
    values = ", ".join(
        f"({lit(b.outer)}, {lit(b.period.label)}, {_bound(b.period.start, is_date, tz)}, "
        f"{_bound(b.period.end, is_date, tz)})"
        for b in buckets
    )
    lo = _bound(min(b.period.start for b in buckets), is_date, tz)
    hi = _bound(max(b.period.end for b in buckets), is_date, tz)
    filters = [_in_range(spec.time_column, lo, hi, spec), *spec.where]
    if kpi.where:
        filters.append("(" + where_sql(kpi.where, kpi.id, dataset) + ")")
    prefix = (
        "WITH periods AS (SELECT * FROM (VALUES "
        + values
        + ") AS v(outer_label, period, start_ts, end_ts)), "
        + f'kpi_rows AS (SELECT * FROM "{dataset}" AS t WHERE '
        + " AND ".join(filters)
        + ") "
    )
    return spec, prefix, _in_range(spec.time_column, "p.start_ts", "p.end_ts", spec)


def tenant_column(dataset: str) -> str | None:
    """The column naming a row's tenant, for coverage (None: the dataset says nothing)."""
    return DATASETS[dataset].tenant_column if dataset != "tenants" else None


def _coverage_columns(tenant: str) -> list[str]:
    return [
        f"count(DISTINCT CASE WHEN {col(tenant)} IN (SELECT tenant FROM tenants) "
        f"THEN {col(tenant)} END) AS tenants_reporting",
        f"count({col(tenant)}) AS tenant_rows",
    ]


def compile_grouped(
    kpi: KPI,
    config: WorkspaceConfig,
    buckets: Sequence[Bucket],
    by: Sequence[str] = (),
    dialect: str = "duckdb",
    *,
    coverage: bool = True,
    whole: bool = True,
) -> str:
    """The grouped query of an aggregate KPI over ``buckets``; see the module docstring.

    ``coverage``: with the tenant columns (``tenants_reporting``, ``tenant_rows``);
    ``whole``: with the whole-asked-period grouping sets (``(outer_label)``, and per
    breakdown key). Both cost a distinct aggregation each; see :func:`compile_coverage`.
    """
    spec, prefix, join = _rows_cte(kpi, config, buckets)
    dataset = spec.dataset
    dims = [dimension_sql(d, dataset) for d in by]
    select = ["p.outer_label AS outer_label", "p.period AS period"]
    select += [f"CAST({sql} AS VARCHAR) AS by_{i}" for i, (sql, _) in enumerate(dims)]
    keys = ["p.period", *(sql for sql, _ in dims)]
    select.append(f"GROUPING({', '.join(keys)}) AS grouping_id")
    select += [f"{sql} AS {name}" for name, sql in spec.measures.items()]
    select.append(f"count({col(spec.time_column)}) AS row_count")
    tenant = tenant_column(dataset)
    if tenant and coverage:
        select += _coverage_columns(tenant)
    sets = ["(p.outer_label, p.period)"] + (["(p.outer_label)"] if whole else [])
    if dims:
        names = ", ".join(sql for sql, _ in dims)
        sets.append(f"(p.outer_label, p.period, {names})")
        if whole:
            sets.append(f"(p.outer_label, {names})")
    tenants_join = (
        f" LEFT JOIN tenants AS tn ON tn.tenant = {col(tenant or 'tenant')}"
        if any(needs for _, needs in dims)
        else ""
    )
    sql = (
        prefix
        + "SELECT "
        + ", ".join(select)
        + " FROM periods AS p LEFT JOIN kpi_rows AS t ON "
        + join
        + tenants_join
        + " GROUP BY GROUPING SETS ("
        + ", ".join(sets)
        + ") ORDER BY outer_label, period"
    )
    return sqlglot.parse_one(sql, read="duckdb").sql(dialect=dialect, pretty=True)


def _binned_cte(time: str, is_date: bool) -> str:
    """``hours`` (every UTC hour, or day for a date column, each period touches) and
    ``binned`` (each row with its period, ``_hw_period``): see :func:`compile_binned`."""
    if is_date:
        key = first = stop = "date_diff('day', DATE '1970-01-01', {x})"
    else:
        key = first = "epoch_us({x}) // 3600000000"
        stop = "(epoch_us({x}) - 1) // 3600000000 + 1"  # the hour of the period's last instant
    return (
        ", hours AS (SELECT p.period, p.start_ts, p.end_ts, unnest(range("
        + first.format(x="p.start_ts")
        + ", "
        + stop.format(x="p.end_ts")
        + ")) AS k FROM periods AS p), binned AS (SELECT p.period AS _hw_period, t.* "
        + "FROM kpi_rows AS t JOIN hours AS p ON "
        + key.format(x=time)
        + f" = p.k AND {time} >= p.start_ts AND {time} < p.end_ts) "
    )


def compile_binned(
    kpi: KPI,
    config: WorkspaceConfig,
    grains: Sequence[Period],
    by: Sequence[str] = (),
    dialect: str = "duckdb",
) -> str:
    """The lean query of a KPI whose every number comes from its grain periods (distinct,
    sorted): grouped by grain period (and per breakdown key). Not for open durations.

    A row is placed in its period by the same half-open range ``[start, end)`` as in
    :func:`compile_grouped`, but as an equality join on the row's UTC hour (its day for a
    date column) with every hour a period touches, the range kept as the join's residual
    check: a hash join, where a range join over many small periods (365 days) costs more
    than the aggregation."""
    spec, prefix, _ = _rows_cte(kpi, config, [Bucket(g.label, g) for g in grains])
    time = col(spec.time_column)
    is_date = DATASETS[spec.dataset].column(spec.time_column).type == "date"
    dims = [dimension_sql(d, spec.dataset) for d in by]
    select = ["t._hw_period AS period"]
    select += [f"CAST({sql} AS VARCHAR) AS by_{i}" for i, (sql, _) in enumerate(dims)]
    keys = ["t._hw_period", *(sql for sql, _ in dims)]
    select.append(f"GROUPING({', '.join(keys)}) AS grouping_id")
    select += [f"{sql} AS {name}" for name, sql in spec.measures.items()]
    select.append(f"count({time}) AS row_count")
    sets = ["(t._hw_period)"]
    if dims:
        sets.append(f"(t._hw_period, {', '.join(sql for sql, _ in dims)})")
    tenant = tenant_column(spec.dataset)
    tenants_join = (
        f" LEFT JOIN tenants AS tn ON tn.tenant = {col(tenant or 'tenant')}"
        if any(needs for _, needs in dims)
        else ""
    )
    sql = (
        prefix
        + _binned_cte(time, is_date)
        + "SELECT "
        + ", ".join(select)
        + " FROM binned AS t"
        + tenants_join
        + " GROUP BY GROUPING SETS ("
        + ", ".join(sets)
        + ") ORDER BY period"
    )
    return sqlglot.parse_one(sql, read="duckdb").sql(dialect=dialect, pretty=True)


def compile_coverage(
    kpi: KPI, config: WorkspaceConfig, buckets: Sequence[Bucket], dialect: str = "duckdb"
) -> str | None:
    """One row: the tenant columns of the KPI's rows in ``buckets`` (one asked period), the
    same numbers as the whole-period row of :func:`compile_grouped`; None when the dataset
    names no tenant."""
    spec, prefix, join = _rows_cte(kpi, config, buckets)
    tenant = tenant_column(spec.dataset)
    if tenant is None:
        return None
    select = [*_coverage_columns(tenant), f"count({col(spec.time_column)}) AS row_count"]
    sql = (
        prefix + "SELECT " + ", ".join(select) + " FROM periods AS p JOIN kpi_rows AS t ON " + join
    )
    return sqlglot.parse_one(sql, read="duckdb").sql(dialect=dialect, pretty=True)


def compile_sql_kind(kpi: SQLKPI, labels: Sequence[str], dialect: str = "duckdb") -> str:
    """The user's query (``period``, ``value``) narrowed to ``labels``."""
    try:
        inner = sqlglot.parse_one(kpi.sql, read="duckdb")
    except sqlglot.errors.ParseError as e:
        raise QueryError(f"KPI {kpi.id}: its sql is not valid SQL: {e}") from None
    if not isinstance(inner, exp.Query):
        raise QueryError(f"KPI {kpi.id}: its sql must be a SELECT returning period and value")
    query = (
        exp.select("q.period", "q.value")
        .from_(inner.subquery("q"))
        .where(exp.column("period", "q").isin(*(exp.Literal.string(x) for x in labels)))
    )
    return query.sql(dialect=dialect, pretty=True)
