"""The benchmarks' data generators and comparisons at toy sizes, so the scripts do not rot.

No timing here: speed is measured by ``bench/``, never asserted.
"""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb
import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import bench_ingest  # noqa: E402
import bench_scorecard  # noqa: E402
import floors_big  # noqa: E402
import scorecard_big  # noqa: E402

from headway.workspace import Workspace  # noqa: E402


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_generated_events_file_passes_the_contract(tmp_path: Path, fmt: str) -> None:
    path = bench_ingest.data_file(1000, fmt, tmp_path / "data")
    ws_dir = tmp_path / "ws"
    ws_dir.mkdir()
    (ws_dir / "headway.yaml").write_text("workspace: t\ntimezone: UTC\ncurrency: USD\n")
    with Workspace(ws_dir) as ws:
        [res] = ws.ingest("events", [path])
        stored = ws.store.con.execute(
            "SELECT count(DISTINCT event), count(DISTINCT platform), "
            "count(*) FILTER (WHERE attributes->>'sdk' IS NULL) FROM events"
        ).fetchone()
    assert (res.rows_read, res.rows_loaded, res.rows_rejected) == (1000, 1000, 0)
    assert stored == (4, 4, 0)


def test_the_three_scorecard_computations_agree_on_a_small_workspace(tmp_path: Path) -> None:
    root = scorecard_big.build(tmp_path / "ws", 30_000)
    headway = bench_scorecard.run_headway(root, scorecard_big.AS_OF)["numbers"]
    con = duckdb.connect(str(root / ".headway" / "headway.duckdb"), read_only=True)
    try:
        by_sql, by_pandas = floors_big.by_sql(con), floors_big.by_pandas(con)
    finally:
        con.close()
    assert bench_scorecard.differences(headway, by_sql) == []
    assert bench_scorecard.differences(headway, by_pandas) == []
    assert headway["sdk_downloads"]["rows"] > 0
    shown = ("active_tenants", "daily_active_users", "weekly_logins")
    assert all(0 < headway[k]["coverage"] <= 1 for k in shown)  # coverage compared, not None
    assert "None" in [k for k, _ in headway["active_tenants"]["breakdown"]]  # unknown tenants


@pytest.mark.parametrize(
    ("expected", "got", "found"),
    [
        ({"a": 1.0}, {"a": 1}, []),
        ({"a": 1.0}, {"a": 1.0 + 1e-12}, []),
        ({"a": 1.0}, {"a": 1.01}, [".a: 1.01, expected 1.0"]),
        ({"a": [["x", 2.0]]}, {"a": [["x", None]]}, [".a[0][1]: None, expected 2.0"]),
        ({"a": 1}, {}, [".a: missing"]),
        ({"a": [1]}, {"a": [1, 2]}, [".a: 2 items, expected 1: [1, 2] vs [1]"]),
    ],
)
def test_differences(expected: object, got: object, found: list[str]) -> None:
    assert bench_scorecard.differences(expected, got) == found
