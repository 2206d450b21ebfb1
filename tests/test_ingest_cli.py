"""`headway ingest` exit codes and JSON; idempotent re-ingest as a property."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from headway.cli.app import app
from headway.workspace import Workspace

HEAD = "event_id,time,platform,event\n"


def _run(ws: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["--workspace", str(ws), *args])
    return result.exit_code, result.output


def test_exit_codes_and_json(workspace_dir: Path) -> None:
    good = workspace_dir / "g.csv"
    good.write_text(HEAD + "e1,2026-01-01T00:00:00Z,p,x\n", encoding="utf-8")
    some = workspace_dir / "s.csv"
    some.write_text(HEAD + "e2,2026-01-01T00:00:00Z,p,x\ne3,bad,p,x\n", encoding="utf-8")
    bad = workspace_dir / "b.csv"
    bad.write_text(HEAD + "e4,bad,p,x\n", encoding="utf-8")
    assert _run(workspace_dir, "ingest", "events", str(good))[0] == 0
    code, out = _run(workspace_dir, "ingest", "events", str(some), "--format", "json")
    assert code == 3
    data = json.loads(out)
    assert data[0]["rejections"] == [{"line": 3, "reason": "time: unparseable timestamp 'bad'"}]
    assert set(data[0]) >= {
        "batch_id",
        "rows_read",
        "rows_loaded",
        "rows_duplicate",
        "rows_replaced",
        "rows_rejected",
        "rejected_file",
    }
    code, out = _run(workspace_dir, "ingest", "events", str(bad))
    assert code == 1
    assert "line 2: time: unparseable timestamp 'bad'" in out


def test_datasets_command(workspace_dir: Path) -> None:
    code, out = _run(workspace_dir, "datasets", "--format", "json")
    assert code == 0
    assert json.loads(out)[0]["freshness"] == "empty"


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(st.sampled_from("abc"), st.integers(0, 50)),
        min_size=1,
        max_size=8,
        unique_by=lambda t: t[0],
    )
)
def test_reingest_changes_nothing(workspace_dir: Path, rows: list[tuple[str, int]]) -> None:
    path = workspace_dir / "u.csv"
    body = "".join(f"2026-01-01,p,{t},m,{q}\n" for t, q in rows)
    path.write_text("day,platform,tenant,meter,quantity\n" + body, encoding="utf-8")
    query = "SELECT day, platform, tenant, meter, quantity FROM usage ORDER BY ALL"
    with Workspace(workspace_dir) as ws:
        ws.ingest("usage", [path])
        first = ws.store.con.execute(query).fetchall()
        ws.ingest("usage", [path])
        assert ws.store.con.execute(query).fetchall() == first
        path.write_text(
            "day,platform,tenant,meter,quantity\n"
            + "".join(f"2026-01-01,p,{t},m,{q + 1}\n" for t, q in rows),
            encoding="utf-8",
        )
        ws.ingest("usage", [path])
        got = dict(ws.store.con.execute("SELECT tenant, quantity FROM usage").fetchall())
        assert all(got[t] == q + 1 for t, q in rows)
