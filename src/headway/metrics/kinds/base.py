"""What an aggregate KPI kind contributes to the grouped query, and how a row becomes a value."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from headway.config.models import WorkspaceConfig
from headway.errors import QueryError

__all__ = ["KindSpec", "Row", "col", "lit", "number"]

Row = Mapping[str, Any]


def col(name: str) -> str:
    """A quoted column of the dataset's rows (alias ``t``)."""
    return 't."' + name.replace('"', '""') + '"'


def lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def number(row: Row, name: str) -> float | None:
    v = row.get(name)
    return None if v is None else float(v)


@dataclass(frozen=True)
class KindSpec:
    """One aggregate kind: which column places a row in time, the aggregates to compute over
    a period's rows, and how the aggregates become the value and its details."""

    dataset: str
    time_column: str
    measures: dict[str, str]
    """name → aggregate SQL (DuckDB dialect) over the rows ``t``; ``value`` is the value."""
    value: Callable[[Row], float | None]
    where: list[str] = field(default_factory=list)
    zero_when_empty: bool = False
    """count kinds: a grain period without rows counts as 0 in a rollup."""
    open_start: str | None = None
    """duration: rows whose time column is null and whose ``open_start`` column is before
    the period's end are kept (as open rows)."""
    pooled: bool = False
    """slo: the value over a longer period pools its rows instead of rolling grain values up."""
    details: Callable[[Row], dict[str, Any]] | None = None


def require_column(config: WorkspaceConfig, dataset: str, column: str) -> None:
    from headway.datasets.contracts import DATASETS

    if column not in DATASETS[dataset].column_names:
        names = ", ".join(DATASETS[dataset].column_names)
        raise QueryError(f"dataset {dataset} has no column {column!r}; its columns: {names}")
    _ = config
