"""SQL snippets parse (DuckDB dialect) and name only their dataset's columns: a KPI's
``where``, a ``sql`` KPI's query, a cost pool's ``match``."""

from __future__ import annotations

from collections.abc import Iterator

import sqlglot
from sqlglot import exp

from headway.config.models import SQLKPI, WorkspaceConfig
from headway.config.rules import Rule, RuleIssue, did_you_mean
from headway.config.rules._datasets import (
    dataset_of,
    parse_predicate,
    predicate_columns,
    where_names,
)
from headway.datasets.contracts import DATASETS, Dataset

__all__ = ["RULES"]

Path = tuple[str | int, ...]


def _predicate(path: Path, text: str, dataset: Dataset, field: str) -> Iterator[RuleIssue]:
    tree = parse_predicate(text)
    if isinstance(tree, str):
        yield RuleIssue(
            path,
            f"`{field}` is not a valid SQL condition (DuckDB dialect): {tree}; write a "
            "predicate such as quantity > 0 AND platform = 'observability'",
        )
        return
    names = where_names(dataset)
    for name in predicate_columns(tree, dataset):
        yield RuleIssue(path, unknown_column(name, field, dataset.name, names))


def unknown_column(name: str, field: str, dataset: str, names: list[str]) -> str:
    close = did_you_mean(name, names)
    hint = close if close.startswith(" (") else ""
    return (
        f"unknown column `{name}` in `{field}` for dataset {dataset}{hint}; its columns are: "
        + ", ".join(names)
    )


def kpi_where(config: WorkspaceConfig) -> Iterator[RuleIssue]:
    for i, kpi in enumerate(config.kpis):
        if kpi.where is None:
            continue
        dataset = dataset_of(kpi)
        if dataset is None:
            yield RuleIssue(
                ("kpis", i, "where"),
                f"`where` has no effect on a {kpi.kind} KPI, which reads no dataset; put the "
                "condition on the KPIs it is computed from",
                severity="warning",
            )
            continue
        yield from _predicate(("kpis", i, "where"), kpi.where, dataset, "where")


def kpi_sql(config: WorkspaceConfig) -> Iterator[RuleIssue]:
    for i, kpi in enumerate(config.kpis):
        if isinstance(kpi, SQLKPI):
            yield from _query(("kpis", i, "sql"), kpi.sql)


def _query(path: Path, text: str) -> Iterator[RuleIssue]:
    try:
        statements = [s for s in sqlglot.parse(text, read="duckdb") if s is not None]
    except sqlglot.errors.SqlglotError as exc:
        first = exc.errors[0]["description"] if isinstance(exc, sqlglot.errors.ParseError) else exc
        yield RuleIssue(path, f"`sql` does not parse (DuckDB dialect): {first}")
        return
    if len(statements) != 1 or not isinstance(statements[0], exp.Query):
        yield RuleIssue(path, "`sql` must be one SELECT query returning `period` and `value`")
        return
    selects = statements[0].named_selects
    missing = [c for c in ("period", "value") if c not in selects]
    if "*" not in selects and missing:
        yield RuleIssue(
            path,
            "`sql` must return the columns `period` (a period label of the KPI's grain) and "
            f"`value`; it lacks {', '.join(f'`{c}`' for c in missing)} (name them with AS)",
        )


def cost_match(config: WorkspaceConfig) -> Iterator[RuleIssue]:
    if config.costs is None:
        return
    for i, pool in enumerate(config.costs.pools):
        if pool.match is not None:
            path: Path = ("costs", "pools", i, "match")
            yield from _predicate(path, pool.match, DATASETS["costs"], "match")


RULES: list[Rule] = [kpi_where, kpi_sql, cost_match]
