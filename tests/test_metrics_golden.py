"""Golden SQL per KPI kind (DuckDB); regenerate with HEADWAY_UPDATE_GOLDEN=1 and review the diff."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from headway.metrics.kinds.nps import margin_of_error, nps_value
from headway.workspace import Workspace
from test_metrics_kinds import CONFIG

GOLDEN = Path(__file__).parent / "golden" / "sql"
KINDS = {
    "count": ("events_day", "2026-11-01"),
    "count_distinct": ("tenants_q", "FY2027-Q2"),
    "sum": ("value_sum", "2026-11-01"),
    "percentile": ("value_p50", "2026-11"),
    "duration": ("mttr", "2026-11"),
    "ratio": ("stickiness", "2026-11"),
    "nps": ("nps", "FY2027-Q2"),
    "slo": ("burn", "2026-11"),
    "index": ("idx", "2026-11"),
    "sql": ("manual", "2026-11"),
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_golden_sql(tmp_path: Path, kind: str) -> None:
    (tmp_path / "headway.yaml").write_text(CONFIG, encoding="utf-8")
    ws = Workspace(tmp_path, as_of=dt.datetime(2026, 12, 15, tzinfo=dt.UTC))
    kpi, period = KINDS[kind]
    sql = ws.kpi_sql(kpi, period) + "\n"
    ws.close()
    path = GOLDEN / f"{kind}.duckdb.sql"
    if os.environ.get("HEADWAY_UPDATE_GOLDEN") == "1":
        path.write_text(sql, encoding="utf-8")
    assert sql == path.read_text(encoding="utf-8")


@settings(max_examples=200)
@given(st.integers(0, 500), st.integers(0, 500), st.integers(0, 500))
def test_nps_stays_in_range(promoters: int, passives: int, detractors: int) -> None:
    n = promoters + passives + detractors
    value = nps_value(promoters, detractors, n)
    if n == 0:
        assert value is None
        return
    assert value is not None
    assert -100 <= value <= 100
    moe = margin_of_error(promoters, detractors, n)
    assert moe is not None
    assert moe >= 0
