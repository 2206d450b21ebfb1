"""Data freshness and completeness warnings of the report.

- A dataset that some configured part reads (a KPI's dataset, ``slis`` for SLOs, ``costs``
  and ``usage`` for cost pools) is flagged when it is stale for its cadence or empty.
- A KPI shown in the report is flagged when the share of known tenants it rests on (its
  ``coverage``) fell by 10 points or more against its previous period: data is missing
  from tenants that reported before. A low but steady coverage is the KPI's nature (only
  new tenants onboard, only some teams build on CI/CD), not a data problem.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from headway.report.fmt import fmt_pct
from headway.report.model import DataWarning, InitiativeSection, NorthStarSection
from headway.report.summary import all_kpis

if TYPE_CHECKING:
    from headway.workspace import Workspace

__all__ = ["COVERAGE_DROP", "data_warnings", "used_datasets"]

#: A drop in coverage of this much (a share, 0.10 = 10 points) flags a KPI.
COVERAGE_DROP = 0.10


def used_datasets(ws: Workspace) -> set[str]:
    cfg = ws.config
    used = {str(d) for k in cfg.kpis if (d := getattr(k, "dataset", None))}
    if cfg.slos:
        used.add("slis")
    if cfg.costs is not None and cfg.costs.pools:
        used |= {"costs", "usage", "tenants"}
    return used


def _age(hours: float) -> str:
    return f"{hours / 24:.1f} days" if hours >= 48 else f"{hours:.0f} hours"


def data_warnings(
    ws: Workspace, north_stars: list[NorthStarSection], initiatives: list[InitiativeSection]
) -> list[DataWarning]:
    used = used_datasets(ws)
    out: list[DataWarning] = []
    for st in ws.datasets_status():
        if st.dataset not in used:
            continue
        if st.freshness == "empty":
            out.append(DataWarning(st.dataset, "empty, yet the configuration reads it"))
        elif st.freshness == "stale" and st.age is not None:
            last = st.last.isoformat() if st.last else "unknown"
            age = _age(st.age.total_seconds() / 3600)
            out.append(
                DataWarning(st.dataset, f"stale: newest data {last}, {age} old ({st.cadence})")
            )
    for k in all_kpis(north_stars, initiatives):
        if k.coverage is None or k.previous_period is None:
            continue
        before = ws.kpi_value(k.kpi, k.previous_period).coverage
        if before is not None and before - k.coverage >= COVERAGE_DROP:
            out.append(
                DataWarning(
                    f"KPI {k.kpi}",
                    f"{k.period} rests on {fmt_pct(k.coverage, 0)} of the known tenants, "
                    f"down from {fmt_pct(before, 0)} in {k.previous_period}: data may be "
                    "missing",
                )
            )
    return out
