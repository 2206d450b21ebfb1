"""What the SQL and KPI rules share: the dataset a KPI reads and the names it may use."""

from __future__ import annotations

import re

import sqlglot
from sqlglot import exp

from headway.config.models import KPI
from headway.datasets.contracts import DATASETS, Dataset

__all__ = [
    "dataset_of",
    "json_columns",
    "parse_predicate",
    "predicate_columns",
    "tenant_columns",
    "where_names",
]

#: Reached through `tenants` for tenant-keyed datasets (DESIGN §6).
tenant_columns = ("team", "org")


def dataset_of(kpi: KPI) -> Dataset | None:
    """The dataset a KPI reads rows from: its ``dataset``, ``slis`` for an SLO KPI, else none."""
    name = getattr(kpi, "dataset", None) or ("slis" if kpi.kind == "slo" else None)
    return DATASETS.get(name) if name else None


def where_names(dataset: Dataset) -> list[str]:
    """Columns a predicate over ``dataset`` may name."""
    names = list(dataset.column_names)
    if dataset.tenant_column is not None:
        names += [c for c in tenant_columns if c not in names]
    if dataset.extra_column is not None:
        names.append(dataset.extra_column)
    return names


def json_columns(dataset: Dataset) -> set[str]:
    return {c.name for c in dataset.columns if c.type == "json"}


def parse_predicate(text: str) -> exp.Expr | str:
    """The parsed predicate (DuckDB dialect), or why it does not parse."""
    try:
        return sqlglot.condition(text, dialect="duckdb")
    except sqlglot.errors.SqlglotError:
        pass
    try:
        sqlglot.parse_one(f"SELECT * FROM t WHERE {text}", read="duckdb")
    except sqlglot.errors.ParseError as exc:
        text = str(exc.errors[0].get("description", exc)) if exc.errors else str(exc)
        return re.sub(r"<class '[\w.]*\.(\w+)'>", r"\1", text)
    except sqlglot.errors.SqlglotError as exc:
        return str(exc).split("\n")[0]
    return "it is not a single condition"


def predicate_columns(tree: exp.Expr, dataset: Dataset) -> list[str]:
    """Names in ``tree`` that are not columns of ``dataset`` (JSON access is fine; columns
    of subqueries are the subquery's business)."""
    allowed = set(where_names(dataset))
    json = json_columns(dataset)
    unknown: list[str] = []
    for column in tree.find_all(exp.Column):
        if column.find_ancestor(exp.Select) is not None:
            continue
        table, name = column.table, column.name
        if table and table in json:  # attributes.KEY
            continue
        if table and table != dataset.name:
            name = f"{table}.{name}"
        if name not in allowed and name not in unknown:
            unknown.append(name)
    return unknown
