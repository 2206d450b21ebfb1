"""``slo``: attainment, error budget remaining and burn rate of an SLO over the period."""

from __future__ import annotations

from headway.config.models import SLO, SLOKPI, WorkspaceConfig
from headway.errors import QueryError
from headway.metrics.kinds.base import KindSpec, Row, col, lit

__all__ = ["slo_measure", "slo_spec"]


def slo_measure(measure: str, good: float, total: float, objective: float) -> float | None:
    """Google SRE workbook: burn rate = error rate ÷ (1 − objective)."""
    if total == 0:
        return None
    attainment = good / total
    if measure == "attainment":
        return attainment
    burn = (1 - attainment) / (1 - objective)
    return burn if measure == "burn_rate" else 1 - burn


def find_slo(kpi: SLOKPI, config: WorkspaceConfig) -> SLO:
    slo = config.slo(kpi.slo)
    if slo is None:
        known = ", ".join(s.id for s in config.slos) or "none"
        raise QueryError(f"KPI {kpi.id} names the unknown SLO {kpi.slo!r}; SLOs: {known}")
    return slo


def slo_spec(kpi: SLOKPI, config: WorkspaceConfig) -> KindSpec:
    slo = find_slo(kpi, config)

    def value(row: Row) -> float | None:
        good, total = row.get("good"), row.get("total")
        if good is None or total is None:
            return None
        return slo_measure(kpi.measure, float(good), float(total), slo.objective)

    return KindSpec(
        dataset="slis",
        time_column="time",
        measures={"good": f"sum({col('good')})", "total": f"sum({col('total')})"},
        value=value,
        where=[
            f"{col(c)} = {lit(v)}"
            for c, v in (
                ("platform", slo.platform),
                ("component", slo.component),
                ("indicator", slo.indicator),
            )
        ],
        pooled=True,
    )
