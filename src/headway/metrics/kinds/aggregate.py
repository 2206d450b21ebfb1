"""``sum`` ``mean`` ``min`` ``max`` of a column, and ``percentile`` (exact, interpolated)."""

from __future__ import annotations

from headway.config.models import AggregateKPI, PercentileKPI
from headway.datasets.contracts import DATASETS
from headway.metrics.kinds.base import KindSpec, col, number

__all__ = ["aggregate_spec", "percentile_spec"]

_FUNCTIONS = {"sum": "sum", "mean": "avg", "min": "min", "max": "max"}


def aggregate_spec(kpi: AggregateKPI) -> KindSpec:
    time = DATASETS[kpi.dataset].time_column or ""
    fn = _FUNCTIONS[kpi.kind]
    return KindSpec(
        dataset=kpi.dataset,
        time_column=time,
        measures={"value": f"{fn}({col(kpi.column)})"},
        value=lambda r: number(r, "value"),
    )


def percentile_spec(kpi: PercentileKPI) -> KindSpec:
    time = DATASETS[kpi.dataset].time_column or ""
    return KindSpec(
        dataset=kpi.dataset,
        time_column=time,
        measures={"value": f"quantile_cont({col(kpi.column)}, {kpi.p / 100!r})"},
        value=lambda r: number(r, "value"),
    )
