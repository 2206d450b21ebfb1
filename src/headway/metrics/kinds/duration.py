"""``duration``: ``stat`` of ``end − start`` over the rows whose end falls in the period."""

from __future__ import annotations

from typing import Any

from headway.config.models import DurationKPI
from headway.metrics.kinds.base import KindSpec, Row, col, number

__all__ = ["duration_spec"]

_STATS = {"mean": "avg({x})", "median": "quantile_cont({x}, 0.5)", "p90": "quantile_cont({x}, 0.9)"}
_SECONDS = {"hours": 3600, "days": 86400}


def duration_spec(kpi: DurationKPI) -> KindSpec:
    start, end = col(kpi.start), col(kpi.end)
    x = f"(epoch({end}) - epoch({start})) / {_SECONDS[kpi.time_unit]}"

    def details(row: Row) -> dict[str, Any]:
        return {"open": int(row.get("open") or 0)}

    return KindSpec(
        dataset=kpi.dataset,
        time_column=kpi.end,
        measures={
            "value": _STATS[kpi.stat].format(x=x),
            # open: rows kept because they started before the period's end and have no end
            "open": f"count({start}) - count({end})",
        },
        value=lambda r: number(r, "value"),
        open_start=kpi.start,
        details=details,
    )
