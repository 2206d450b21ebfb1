"""``count``: rows matching ``where``; ``count_distinct``: distinct non-null ``column`` values."""

from __future__ import annotations

from headway.config.models import CountDistinctKPI, CountKPI
from headway.datasets.contracts import DATASETS
from headway.metrics.kinds.base import KindSpec, col, number

__all__ = ["count_distinct_spec", "count_spec"]


def count_spec(kpi: CountKPI) -> KindSpec:
    time = DATASETS[kpi.dataset].time_column or ""
    return KindSpec(
        dataset=kpi.dataset,
        time_column=time,
        measures={"value": f"count({col(time)})"},
        value=lambda r: number(r, "value"),
        zero_when_empty=True,
    )


def count_distinct_spec(kpi: CountDistinctKPI) -> KindSpec:
    time = DATASETS[kpi.dataset].time_column or ""
    return KindSpec(
        dataset=kpi.dataset,
        time_column=time,
        measures={"value": f"count(DISTINCT {col(kpi.column)})"},
        value=lambda r: number(r, "value"),
        zero_when_empty=True,
    )
