"""A KPI's fields fit its dataset: breakdowns, columns and their types, the index baseline."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from headway.config.models import (
    KPI,
    AggregateKPI,
    DurationKPI,
    IndexKPI,
    PercentileKPI,
    WorkspaceConfig,
)
from headway.config.rules import Rule, RuleIssue, did_you_mean
from headway.config.rules._datasets import dataset_of, json_columns, tenant_columns
from headway.datasets.contracts import Dataset

__all__ = ["RULES", "breakdowns"]

Path = tuple[str | int, ...]
_NUMERIC = ("number", "decimal", "integer")


def breakdowns(dataset: Dataset) -> list[str]:
    """The ``by`` dimensions a KPI over ``dataset`` may use (``attributes.KEY`` aside)."""
    dims = list(dataset.column_names)
    if dataset.tenant_column is not None:
        dims += [c for c in tenant_columns if c not in dims]
    return dims


def kpi_breakdowns(config: WorkspaceConfig) -> Iterator[RuleIssue]:
    for i, kpi in enumerate(config.kpis):
        dataset = dataset_of(kpi)
        if dataset is None:
            continue
        dims = breakdowns(dataset)
        json = sorted(json_columns(dataset))
        for j, dim in enumerate(kpi.by):
            head, dot, _ = dim.partition(".")
            if dim in dims or (dot and head in json):
                continue
            keys = " or ".join(f"{c}.KEY" for c in json)
            yield RuleIssue(
                ("kpis", i, "by", j),
                f"unknown dimension `{dim}` for dataset {dataset.name}"
                + did_you_mean(dim, dims, "dimensions")
                + (f"; JSON keys are reached as {keys}" if keys else ""),
            )


def _check_column(
    path: Path, name: str, dataset: Dataset, field: str, types: tuple[str, ...], what: str
) -> Iterator[RuleIssue]:
    if name not in dataset.column_names:
        yield RuleIssue(
            path,
            f"unknown column `{name}` in `{field}` for dataset {dataset.name}"
            + _hint(name, dataset)
            + f"; its columns are: {', '.join(dataset.column_names)}",
        )
        return
    column = dataset.column(name)
    if types and column.type not in types:
        fitting = [c.name for c in dataset.columns if c.type in types]
        yield RuleIssue(
            path,
            f"column `{name}` of {dataset.name} is {column.type}, and `{field}` needs a {what} one"
            + (f"; its {what} columns are: {', '.join(fitting)}" if fitting else ""),
        )


def _hint(name: str, dataset: Dataset) -> str:
    close = did_you_mean(name, dataset.column_names)
    return close if close.startswith(" (") else ""


def _columns_of(kpi: KPI) -> list[tuple[str, str, tuple[str, ...], str]]:
    """(field, column, allowed types, what) for each column a KPI names."""
    if isinstance(kpi, AggregateKPI | PercentileKPI):
        return [("column", kpi.column, _NUMERIC, "numeric")]
    if isinstance(kpi, DurationKPI):
        stamp = ("timestamp",)
        return [("start", kpi.start, stamp, "timestamp"), ("end", kpi.end, stamp, "timestamp")]
    column = getattr(kpi, "column", None)
    return [("column", column, (), "")] if isinstance(column, str) else []


def kpi_columns(config: WorkspaceConfig) -> Iterator[RuleIssue]:
    for i, kpi in enumerate(config.kpis):
        dataset = dataset_of(kpi)
        if dataset is None:
            continue
        for field, name, types, what in _columns_of(kpi):
            yield from _check_column(("kpis", i, field), name, dataset, field, types, what)


def _period_checker() -> Callable[[str, int], str | None]:
    """A function returning why a label is not a period (None when it is one)."""
    try:
        from headway.periods import parse_period
    except ImportError:  # pragma: no cover - periods.py landed alongside this module
        pattern = re.compile(r"\d{4}(-\d{2}(-\d{2})?|-W\d{2}|-Q[1-4])?|FY\d{4}(-Q[1-4])?")

        def by_regex(label: str, fsm: int) -> str | None:
            if pattern.fullmatch(label):
                return None
            return f"{label!r} is not a period; use 2026-11-30, 2026-W48, 2026-11, 2026-Q4, 2026"

        return by_regex
    from headway.errors import HeadwayError

    def by_parser(label: str, fsm: int) -> str | None:
        try:
            parse_period(label, fsm)
        except HeadwayError as exc:
            return str(exc)
        return None

    return by_parser


def index_baseline(config: WorkspaceConfig) -> Iterator[RuleIssue]:
    check = _period_checker()
    for i, kpi in enumerate(config.kpis):
        if isinstance(kpi, IndexKPI):
            problem = check(kpi.baseline, config.fiscal_year_start_month)
            if problem is not None:
                yield RuleIssue(("kpis", i, "baseline"), problem)


RULES: list[Rule] = [kpi_breakdowns, kpi_columns, index_baseline]
