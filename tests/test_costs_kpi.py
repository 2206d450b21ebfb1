"""Cost as KPIs: a `sum` over the costs dataset and a `ratio` over usage match the pool."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from costs_ws import OBS_POOL, add_cost, add_usage, make_ws
from headway.workspace import Workspace

KPIS: list[dict[str, Any]] = [
    {
        "id": "obs_cost",
        "title": "Observability platform cost",
        "kind": "sum",
        "dataset": "costs",
        "column": "EffectiveCost",
        "where": "Tags->>'platform' = 'observability'",
        "grain": "month",
        "direction": "down",
    },
    {
        "id": "logs_gb",
        "title": "Logs ingested",
        "kind": "sum",
        "dataset": "usage",
        "column": "quantity",
        "where": "platform = 'observability' AND meter = 'logs_gb'",
        "grain": "month",
    },
    {
        "id": "obs_cost_per_gb",
        "title": "Observability cost per GB of logs",
        "kind": "ratio",
        "numerator": "obs_cost",
        "denominator": "logs_gb",
        "grain": "month",
        "direction": "down",
    },
]


@pytest.fixture(params=["UTC", "America/Los_Angeles"])
def ws(tmp_path: Path, request: pytest.FixtureRequest) -> Workspace:
    w = make_ws(tmp_path, {"pools": [OBS_POOL]}, kpis=KPIS, timezone=request.param)
    add_cost(w, "2026-11-03T00:00:00Z", "60.25")
    add_cost(w, "2026-11-20T12:00:00Z", "39.5")
    add_cost(w, "2026-11-01T02:00:00Z", "7")  # 31 Oct in Los Angeles, November in UTC
    add_cost(w, "2026-11-05T00:00:00Z", "999", tags={"platform": "cicd"})
    add_usage(w, [("2026-11-02", "a", "logs_gb", 30), ("2026-11-02", "b", "logs_gb", 20)])
    return w


def test_cost_kpi_equals_the_pool(ws: Workspace) -> None:
    pool = ws.cost_pools("2026-11").pools[0]
    assert pool.cost.effective == pytest.approx(106.75)
    assert ws.kpi_value("obs_cost", "2026-11").value == pytest.approx(float(pool.cost.effective))


def test_cost_per_unit_kpi(ws: Workspace) -> None:
    pool = ws.cost_pools("2026-11").pools[0]
    logs = next(m for m in pool.meters if m.meter == "logs_gb")
    value = ws.kpi_value("obs_cost_per_gb", "2026-11").value
    assert value == pytest.approx(106.75 / 50)  # all-in cost per GB
    assert logs.unit_cost is not None
    assert float(logs.unit_cost) == pytest.approx(value * 0.6)  # the meter's unit cost
