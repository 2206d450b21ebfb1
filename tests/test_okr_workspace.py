"""OKR scoring on a real workspace: a DuckDB store with rows, KPIs, objectives, check-ins."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from headway.cli.app import app
from headway.errors import HeadwayError, QueryError
from headway.workspace import Workspace, open_workspace

CONFIG = """\
workspace: OKR test
timezone: UTC
kpis:
  - {id: active_tenants, title: Active tenants, kind: count_distinct, dataset: usage,
     column: tenant, grain: month}
  - {id: mttr, title: MTTR, kind: duration, dataset: incidents, start: opened_at,
     end: resolved_at, grain: month, direction: down}
  - {id: latency, title: Latency, kind: mean, dataset: events, column: value, grain: month,
     direction: down}
okrs:
  - {id: co, title: Company, level: company, owner: cto, cycle: 2026-Q2}
  - id: grp
    title: Group
    level: group
    owner: platform
    parent: co
    cycle: 2026-Q2
    weight: 3
    key_results:
      - {id: grp.t, title: Ten tenants, kpi: active_tenants, baseline: auto, target: 10}
      - {id: grp.m, title: MTTR 5 h, kpi: mttr, baseline: 12, target: 5, weight: 2}
  - id: grp2
    title: Docs
    level: group
    owner: docs
    parent: co
    cycle: 2026-Q2
    key_results:
      - {id: grp2.doc, title: Guide published, kind: milestone}
  - id: ind
    title: Individual
    level: individual
    owner: ann
    parent: grp2
    cycle: 2026-Q2
    key_results:
      - {id: ind.avg, title: Mean tenants, kpi: active_tenants, baseline: 4, target: 10,
         window: cycle}
      - {id: ind.lat, title: Latency, kpi: latency, baseline: 100, target: 50}
"""

TENANTS = {3: 4, 4: 6, 5: 8, 6: 10, 7: 20}  # month → distinct tenants
MTTR_HOURS = {3: 12, 4: 10, 5: 8.5, 6: 6, 7: 1}  # month → one incident resolved on the 10th


def _fill(ws: Workspace) -> None:
    con = ws.store.con
    for month, n in TENANTS.items():
        for t in range(n):
            con.execute(
                "INSERT INTO usage (day, platform, tenant, meter, quantity) "
                "VALUES (?, 'o11y', ?, 'logs_gb', 1)",
                [dt.date(2026, month, 2), f"t{t}"],
            )
    for month, hours in MTTR_HOURS.items():
        resolved = dt.datetime(2026, month, 10, tzinfo=dt.UTC)
        con.execute(
            "INSERT INTO incidents (incident_id, platform, opened_at, resolved_at) "
            "VALUES (?, 'o11y', ?, ?)",
            [f"i{month}", resolved - dt.timedelta(hours=hours), resolved],
        )


@pytest.fixture
def ws_dir(tmp_path: Path) -> Path:
    (tmp_path / "headway.yaml").write_text(CONFIG, encoding="utf-8")
    with open_workspace(tmp_path) as ws:
        _fill(ws)
    return tmp_path


def _ws(root: Path, as_of: str) -> Workspace:
    ws = open_workspace(root)
    ws.set_as_of(as_of)
    return ws


def test_before_any_complete_period(ws_dir: Path) -> None:
    with _ws(ws_dir, "2026-04-15") as ws:
        kr = ws.okr_objective("grp").key_results[0]
        assert (kr.current, kr.progress) == (None, 0.0)
        assert kr.message == "no complete month inside 2026-Q2 yet"
        assert kr.baseline == 4  # auto: March, the month before the cycle
        assert ws.okr_tree().expected == pytest.approx(14 / 91)


def test_mid_cycle_scores(ws_dir: Path) -> None:
    with _ws(ws_dir, "2026-05-16T12:00:00Z") as ws:
        ws.okr_checkin("grp2.doc", progress=0.5, confidence=0.8, note="draft", author="ann")
        tree = ws.okr_tree()
    assert tree.expected == pytest.approx(0.5)
    grp = tree.find("grp")
    assert grp is not None
    t, m = grp.key_results
    assert (t.current, t.period, t.progress) == (6, "2026-04", pytest.approx(1 / 3))
    assert (m.current, m.progress) == (10, pytest.approx(2 / 7))  # direction down: 12 → 5
    assert grp.progress == pytest.approx((1 / 3 + 2 * 2 / 7) / 3)
    assert grp.status == "at_risk"  # 0.5 − 0.302 = 0.198
    grp2 = tree.find("grp2")
    assert grp2 is not None
    assert (grp2.progress, grp2.status, grp2.confidence) == (0.5, "on_track", 0.8)
    co = tree.find("co")
    assert co is not None  # no KRs: children weighted 3 : 1
    assert co.progress == pytest.approx((grp.progress * 3 + grp2.progress) / 4)


def test_window_cycle_is_cycle_to_date(ws_dir: Path) -> None:
    with _ws(ws_dir, "2026-06-10") as ws:
        ind = ws.okr_objective("ind")
    avg = ind.key_results[0]
    assert (avg.current, avg.period) == (7, "2026-Q2 to 2026-05")  # mean of 6 and 8
    assert avg.progress == pytest.approx(0.5)


def test_checkin_value_stands_in_when_the_kpi_has_no_data(ws_dir: Path) -> None:
    with _ws(ws_dir, "2026-05-20") as ws:
        ws.okr_checkin("ind.lat", value=75, confidence=0.5)
        lat = ws.okr_objective("ind").key_results[1]
    assert (lat.current, lat.source, lat.progress) == (75, "checkin", 0.5)
    assert lat.message == "KPI latency has no data for 2026-04; using the check-in of 2026-05-20"


def test_closed_cycle_is_final_and_frozen(ws_dir: Path) -> None:
    with _ws(ws_dir, "2026-07-01") as ws:
        at_end = ws.okr_objective("grp")
    with _ws(ws_dir, "2026-09-01") as ws:  # July data (20 tenants, MTTR 1 h) must not count
        later = ws.okr_objective("grp")
    assert at_end.to_json() == later.to_json()
    t, m = later.key_results
    assert (t.current, t.period, t.progress) == (10, "2026-06", 1.0)
    assert m.progress == pytest.approx(6 / 7)
    assert (later.expected, later.status) == (1.0, "missed")
    assert later.grade == pytest.approx((1 + 2 * 6 / 7) / 3)


def test_default_cycle_and_filters(ws_dir: Path) -> None:
    with _ws(ws_dir, "2026-05-16") as ws:
        assert ws.okr_tree().cycle == "2026-Q2"
        assert [o.id for o in ws.okr_tree(level="group").objectives] == ["grp", "grp2"]
        assert [o.id for o in ws.okr_tree(owner="ann").objectives] == ["ind"]
        assert [o.id for o in ws.company_objectives()] == ["co"]
        assert ws.okr_tree("2026-Q3").objectives == []
        with pytest.raises(QueryError, match=r"no objective 'gpr'; did you mean grp"):
            ws.okr_objective("gpr")


FISCAL = """\
workspace: Fiscal
timezone: America/Los_Angeles
fiscal_year_start_month: 2
kpis:
  - {id: active_tenants, title: A, kind: count_distinct, dataset: usage, column: tenant}
okrs:
  - id: fy
    title: Fiscal
    level: company
    owner: cto
    cycle: FY2027-Q1
    key_results:
      - {id: fy.t, title: T, kpi: active_tenants, baseline: auto, target: 6}
"""


def test_fiscal_quarter(tmp_path: Path) -> None:
    (tmp_path / "headway.yaml").write_text(FISCAL, encoding="utf-8")
    with _ws(tmp_path, "2026-04-01") as ws:
        for month, n in {1: 2, 2: 3, 3: 4}.items():
            for t in range(n):
                ws.store.con.execute(
                    "INSERT INTO usage (day, platform, tenant, meter, quantity) "
                    "VALUES (?, 'p', ?, 'm', 1)",
                    [dt.date(2026, month, 2), f"t{t}"],
                )
        tree = ws.okr_tree()
    assert (tree.cycle, tree.start, tree.end) == (
        "FY2027-Q1",
        dt.date(2026, 2, 1),
        dt.date(2026, 5, 1),
    )
    assert tree.expected == pytest.approx(59 / 89, abs=1e-3)  # DST in March: hours, not days
    kr = tree.objectives[0].key_results[0]
    assert (kr.baseline, kr.current, kr.period, kr.progress) == (2, 4, "2026-03", 0.5)


# --- CLI ---------------------------------------------------------------------------------
runner = CliRunner()


def test_cli_checkin_and_history(ws_dir: Path) -> None:
    r = runner.invoke(
        app,
        [
            "-w",
            str(ws_dir),
            "--as-of",
            "2026-05-10",
            "-f",
            "json",
            "okr",
            "checkin",
            "grp2.doc",
            "--progress",
            "0.4",
            "--confidence",
            "0.7",
            "--note",
            "outline",
            "--author",
            "ann",
        ],
    )
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["checked_in_at"] == "2026-05-10T00:00:00+00:00"
    r = runner.invoke(
        app,
        ["-w", str(ws_dir), "--as-of", "2026-05-12", "-f", "json", "okr", "history", "grp2.doc"],
    )
    rows = json.loads(r.output)["checkins"]
    assert [(c["progress"], c["confidence"], c["note"], c["author"]) for c in rows] == [
        (0.4, 0.7, "outline", "ann")
    ]
    r = runner.invoke(
        app,
        ["-w", str(ws_dir), "--as-of", "2026-05-01", "-f", "json", "okr", "history", "grp2.doc"],
    )
    assert json.loads(r.output)["checkins"] == []  # as of before the check-in


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope", "--progress", "0.5"], r"no key result 'nope'"),
        (
            ["grp2.doc", "--progress", "0.5", "--confidence", "1.5"],
            r"confidence 1.5 is outside 0–1",
        ),
        (["grp2.doc", "--progress", "2"], r"progress 2 is outside 0–1"),
        (
            ["grp2.doc", "--value", "3"],
            r"grp2.doc is a milestone key result: check in its --progress",
        ),
        (
            ["grp.t", "--progress", "0.3"],
            r"grp.t moves with KPI active_tenants: check in the --value",
        ),
        (["grp.t"], r"give exactly one of --value"),
    ],
)
def test_cli_checkin_rejects(ws_dir: Path, args: list[str], message: str) -> None:
    if "--confidence" not in args:
        args = [*args, "--confidence", "0.5"]
    r = runner.invoke(app, ["-w", str(ws_dir), "--as-of", "2026-05-10", "okr", "checkin", *args])
    assert r.exit_code != 0
    assert isinstance(r.exception, HeadwayError)
    with pytest.raises(HeadwayError, match=message):
        raise r.exception


def test_cli_tree_json_shape(ws_dir: Path) -> None:
    r = runner.invoke(
        app, ["-w", str(ws_dir), "--as-of", "2026-05-16T12:00:00Z", "-f", "json", "okr", "tree"]
    )
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    (co,) = data["objectives"]
    assert set(co) >= {
        "id",
        "title",
        "level",
        "owner",
        "cycle",
        "progress",
        "expected",
        "status",
        "grade",
        "confidence",
        "key_results",
        "children",
    }
    grp = co["children"][0]
    assert grp["status"] == "at_risk"
    kr = grp["key_results"][0]
    assert set(kr) >= {
        "id",
        "title",
        "kind",
        "kpi",
        "baseline",
        "target",
        "current",
        "period",
        "progress",
        "grade",
        "last_checkin",
    }
    assert (kr["baseline"], kr["current"], kr["period"], kr["progress"]) == (
        4,
        6,
        "2026-04",
        0.3333,
    )


@pytest.mark.parametrize("fmt", ["table", "md"])
def test_cli_tree_and_show_render(ws_dir: Path, fmt: str) -> None:
    base = ["-w", str(ws_dir), "--as-of", "2026-05-16", "-f", fmt, "okr"]
    r = runner.invoke(app, [*base, "tree"])
    assert r.exit_code == 0, r.output
    assert "Ten tenants" in r.output
    r = runner.invoke(app, [*base, "show", "grp"])
    assert r.exit_code == 0, r.output
    assert "at risk" in r.output


DEMO_KPIS = """\
workspace: Demo OKRs
timezone: America/Los_Angeles
kpis:
  - {id: active_tenants, title: A, kind: count_distinct, dataset: usage, column: tenant}
  - {id: developer_nps, title: N, kind: nps, grain: quarter}
  - {id: time_to_onboard, title: T, kind: duration, dataset: onboardings, start: requested_at,
     end: completed_at, time_unit: days, direction: down}
  - {id: mttr, title: M, kind: duration, dataset: incidents, start: opened_at,
     end: resolved_at, stat: median, direction: down}
  - {id: ingest_availability, title: I, kind: count, dataset: slis}
  - {id: cost_per_gb, title: C, kind: mean, dataset: usage, column: quantity, direction: down}
"""


@pytest.mark.parametrize("day", [dt.date(2026, 5, 20), dt.date(2026, 8, 30)])
def test_demo_okrs_have_an_objective_at_risk(tmp_path: Path, day: dt.date) -> None:
    from headway.okrs import demo_checkins, demo_okrs_yaml, record_many

    (tmp_path / "headway.yaml").write_text(DEMO_KPIS + demo_okrs_yaml(day), encoding="utf-8")
    with _ws(tmp_path, day.isoformat()) as ws:
        assert record_many(ws.store, ws.config, demo_checkins(day)) > 0
        tree = ws.okr_tree()
        previous = ws.okr_tree(ws.okr_objective(ws.config.okrs[0].id).cycle)
    statuses = {o.id.rsplit("-", 2)[0]: o.status for o in tree.walk()}
    assert statuses["faster-response"] == "at_risk"
    assert [o.level for o in tree.walk()] == [
        "company",
        "group",
        "team",
        "individual",
        "individual",
    ]
    assert previous.closed
    assert {o.status for o in previous.walk()} <= {"done", "missed"}


def test_the_scorecard_shows_the_cycles_company_objectives(ws_dir: Path) -> None:
    with _ws(ws_dir, "2026-05-15") as ws:
        tree = ws.okr_tree()
        card = ws.scorecard().to_json()
    company = [o for o in tree.walk() if o.level == "company"]
    assert [o["id"] for o in card["okrs"]] == [o.id for o in company] == ["co"]
    assert card["okrs"][0]["progress"] == company[0].to_json()["progress"]
    assert card["okrs"][0]["status"] == company[0].status
    assert "children" not in card["okrs"][0]


def test_the_scorecard_table_and_markdown_list_company_objectives(ws_dir: Path) -> None:
    runner = CliRunner()
    for fmt in ("table", "md"):
        out = runner.invoke(
            app, ["scorecard", "-w", str(ws_dir), "--as-of", "2026-05-15", "--format", fmt]
        )
        assert out.exit_code == 0, out.output
        assert "Company objectives, 2026-Q2" in out.output
        assert "Company" in out.output.split("Company objectives, 2026-Q2")[1]
