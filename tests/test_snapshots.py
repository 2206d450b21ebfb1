"""KPI snapshots: stored with their definition hash, replaced on re-snapshot, flagged when the
definition changed since (numbers: tests/scorecard_ws.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from headway.errors import QueryError
from headway.workspace import Workspace
from scorecard_ws import AS_OF, CONFIG, make_workspace


def _open(root: Path, as_of: str = AS_OF) -> Workspace:
    ws = Workspace(root)
    ws.set_as_of(as_of)
    return ws


def test_snapshot_stores_every_kpi_for_its_period(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    with _open(root) as ws:
        snaps = ws.snapshot_kpis()
        assert [(s.kpi, s.period, s.value["value"]) for s in snaps][:3] == [
            ("active_tenants", "2026-11", 3),
            ("usage_rows", "2026-11", 3),
            ("log_volume", "2026-11", 60),
        ]
        assert snaps[-1].period == "2026-Q3"  # developer_nps is quarterly
        rows = ws.store.con.execute("SELECT count(*) FROM kpi_snapshots").fetchone()
        assert rows == (7,)


def test_read_back_unchanged_is_not_flagged(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    with _open(root) as ws:
        ws.snapshot_kpis("2026-10")
    with _open(root, "2026-12-15") as ws:
        check = ws.kpi_snapshot("active_tenants", "2026-10")
    assert check.snapshot.value["value"] == 2
    assert check.snapshot.taken_at == dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    assert (check.definition_changed, check.warning) == (False, None)
    assert check.snapshot.kpi_value().to_json() == check.snapshot.value


def test_a_changed_definition_is_flagged(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    with _open(root) as ws:
        ws.snapshot_kpis()
    changed = CONFIG.replace(
        "column: tenant, grain: month", 'column: tenant, where: "quantity > 15", grain: month'
    )
    assert changed != CONFIG
    (root / "headway.yaml").write_text(changed, encoding="utf-8")
    with _open(root) as ws:
        check = ws.kpi_snapshot("active_tenants")
        assert ws.kpi_value("active_tenants", "2026-11").value == 2  # today's definition
        untouched = ws.kpi_snapshot("log_volume")
    assert check.snapshot.value["value"] == 3  # the stored value
    assert check.definition_changed
    assert check.warning == (
        "definition changed since the snapshot of 2026-12-01: today's definition of "
        "active_tenants may compute a different value for 2026-11"
    )
    assert check.to_json()["definition_changed"] is True
    assert not untouched.definition_changed


def test_a_dependency_change_flags_the_index(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    with _open(root) as ws:
        ws.snapshot_kpis()
    changed = CONFIG.replace("time_unit: days,", "time_unit: hours,")
    (root / "headway.yaml").write_text(changed, encoding="utf-8")
    with _open(root) as ws:
        assert ws.kpi_snapshot("productivity_index").definition_changed
        assert not ws.kpi_snapshot("mttr").definition_changed


def test_re_snapshot_replaces(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    with _open(root) as ws:
        ws.snapshot_kpis("2026-11")
    with _open(root) as ws:
        ws.store.con.execute("DELETE FROM usage WHERE tenant = 't3'")
    with _open(root, "2026-12-02") as ws:
        ws.snapshot_kpis("2026-11")
        check = ws.kpi_snapshot("active_tenants", "2026-11")
        count = ws.store.con.execute(
            "SELECT count(*) FROM kpi_snapshots WHERE kpi = 'active_tenants'"
        ).fetchone()
    assert count == (1,)
    assert check.snapshot.value["value"] == 2
    assert check.snapshot.taken_at.date() == dt.date(2026, 12, 2)


def test_a_period_shorter_than_the_grain_reads_the_holding_period(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    with _open(root) as ws:
        ws.snapshot_kpis("2026-08")
        assert ws.kpi_snapshot("developer_nps", "2026-08").snapshot.period == "2026-Q3"


def test_missing_snapshot(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    with (
        _open(root) as ws,
        pytest.raises(
            QueryError,
            match=r"no snapshot of mtto for 2026-11; take one with "
            r"`headway kpi snapshot --period 2026-11`",
        ),
    ):
        ws.kpi_snapshot("mtto", "2026-11")
