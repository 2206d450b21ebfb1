"""One module per KPI kind; :func:`kind_spec` dispatches the aggregate kinds."""

from __future__ import annotations

from headway.config.models import (
    KPI,
    NPSKPI,
    SLOKPI,
    AggregateKPI,
    CountDistinctKPI,
    CountKPI,
    DurationKPI,
    PercentileKPI,
    WorkspaceConfig,
)
from headway.errors import QueryError
from headway.metrics.kinds.aggregate import aggregate_spec, percentile_spec
from headway.metrics.kinds.base import KindSpec
from headway.metrics.kinds.count import count_distinct_spec, count_spec
from headway.metrics.kinds.duration import duration_spec
from headway.metrics.kinds.nps import nps_spec
from headway.metrics.kinds.slo import slo_spec

__all__ = ["AGGREGATE_KINDS", "KindSpec", "kind_spec"]

AGGREGATE_KINDS = frozenset(
    {"count", "count_distinct", "sum", "mean", "min", "max", "percentile", "duration", "nps", "slo"}
)


def kind_spec(kpi: KPI, config: WorkspaceConfig) -> KindSpec:
    if isinstance(kpi, CountKPI):
        return count_spec(kpi)
    if isinstance(kpi, CountDistinctKPI):
        return count_distinct_spec(kpi)
    if isinstance(kpi, AggregateKPI):
        return aggregate_spec(kpi)
    if isinstance(kpi, PercentileKPI):
        return percentile_spec(kpi)
    if isinstance(kpi, DurationKPI):
        return duration_spec(kpi)
    if isinstance(kpi, NPSKPI):
        return nps_spec(kpi)
    if isinstance(kpi, SLOKPI):
        return slo_spec(kpi, config)
    raise QueryError(f"KPI {kpi.id} of kind {kpi.kind} is not an aggregate over a dataset")
