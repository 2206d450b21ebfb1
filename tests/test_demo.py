"""The demo organisation: deterministic, shaped like a real platform org, loadable."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import duckdb
import pytest
from typer.testing import CliRunner

from headway.cli.app import app
from headway.config.loader import load_config
from headway.demo import build_demo, generate, make_org
from headway.demo.build import MARKER, TIMEZONE
from headway.demo.timeline import Timeline
from headway.errors import HeadwayError
from headway.workspace import Workspace

AS_OF = dt.datetime(2026, 11, 15, 18, 0, tzinfo=dt.UTC)
SCALE = 0.05


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("demo") / "acme"
    result = build_demo(root, seed=7, scale=SCALE, as_of=AS_OF)
    assert result.ingested, "every file goes through ingest"
    return root


@pytest.fixture(scope="module")
def con(demo: Path) -> duckdb.DuckDBPyConnection:
    c = duckdb.connect(str(demo / ".headway" / "headway.duckdb"), read_only=True)
    c.execute("SET TimeZone = 'America/Los_Angeles'")
    return c


def test_same_seed_gives_byte_identical_files(tmp_path: Path) -> None:
    generate(tmp_path / "a", seed=3, scale=SCALE, as_of=AS_OF)
    generate(tmp_path / "b", seed=3, scale=SCALE, as_of=AS_OF)
    generate(tmp_path / "c", seed=4, scale=SCALE, as_of=AS_OF)
    a, b, c = (_digests(tmp_path / x) for x in "abc")
    assert a == b
    assert len(a) == 10
    assert all(a[name] != c[name] for name in a)


def test_the_as_of_moves_the_window_and_only_its_date_matters(tmp_path: Path) -> None:
    _, files = generate(tmp_path / "a", seed=3, scale=SCALE, as_of=AS_OF)
    generate(tmp_path / "b", seed=3, scale=SCALE, as_of=AS_OF + dt.timedelta(hours=1))
    generate(tmp_path / "c", seed=3, scale=SCALE, as_of=AS_OF + dt.timedelta(days=1))
    assert _digests(tmp_path / "a") == _digests(tmp_path / "b")
    assert _digests(tmp_path / "a") != _digests(tmp_path / "c")
    assert "2026-11-14" in files["usage"][0].read_text().splitlines()[-1]


@pytest.mark.parametrize(
    ("scale", "tenants", "engineers"), [(0.05, 15, 150), (0.1, 30, 300), (1, 300, 3000)]
)
def test_org_size_follows_the_scale(scale: float, tenants: int, engineers: int) -> None:
    org = make_org(Timeline(AS_OF, ZoneInfo(TIMEZONE)), 1, scale)
    assert (len(org.tenants), len(org.engineers)) == (tenants, engineers)
    assert len(set(org.tenants)) == tenants
    assert len(set(org.engineers)) == engineers
    assert len(org.teams) <= 40
    assert len(org.orgs) <= 5


def test_scale_one_is_five_orgs_and_forty_teams() -> None:
    org = make_org(Timeline(AS_OF, ZoneInfo(TIMEZONE)), 1, 1.0)
    assert (len(org.orgs), len(org.teams)) == (5, 40)


def test_every_file_loads_without_rejections(demo: Path, con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute(
        "SELECT sum(rows_rejected), count(*), min(rows_loaded) FROM ingest_batches"
    ).fetchone()
    assert rows == (0, 10, rows[2])
    assert rows[2] > 0


def test_data_covers_the_twelve_months_before_the_as_of(con: duckdb.DuckDBPyConnection) -> None:
    first, last = con.execute("SELECT min(day), max(day) FROM usage").fetchone()  # type: ignore[misc]
    assert last == dt.date(2026, 11, 14)
    assert first >= dt.date(2025, 11, 15)
    t = con.execute("SELECT min(time)::DATE, max(time)::DATE FROM slis").fetchone()
    assert t == (dt.date(2025, 11, 15), dt.date(2026, 11, 14))


def test_weekday_logins_far_outnumber_weekend_logins(con: duckdb.DuckDBPyConnection) -> None:
    weekday, weekend = con.execute(
        """SELECT count(*) FILTER (WHERE isodow(time) <= 5) / 5,
                  count(*) FILTER (WHERE isodow(time) > 5) / 2
           FROM events WHERE event = 'login'"""
    ).fetchone()  # type: ignore[misc]
    assert weekday > 5 * weekend


def test_onboarding_gets_faster(con: duckdb.DuckDBPyConnection) -> None:
    first, last = con.execute(
        """WITH o AS (SELECT requested_at, date_diff('second', requested_at, completed_at)
                             / 86400 AS days FROM onboardings WHERE completed_at IS NOT NULL)
           SELECT avg(days) FILTER (WHERE requested_at < TIMESTAMPTZ '2026-02-15'),
                  avg(days) FILTER (WHERE requested_at >= TIMESTAMPTZ '2026-08-15') FROM o"""
    ).fetchone()  # type: ignore[misc]
    assert first > 12
    assert last < 8


def test_nps_rises_across_the_four_surveys(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute(
        """SELECT survey, 100 * (avg((score >= 9)::INT) - avg((score <= 6)::INT))
           FROM survey_responses GROUP BY survey ORDER BY survey"""
    ).fetchall()
    assert [r[0] for r in rows] == ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]
    scores = [r[1] for r in rows]
    assert scores == sorted(scores)
    assert scores[0] < 20 < 25 < scores[-1]


def test_the_story_is_in_the_usage(con: duckdb.DuckDBPyConnection) -> None:
    unqueried = con.execute(
        """SELECT count(*) FROM (SELECT tenant FROM usage WHERE meter = 'queries'
             AND day > DATE '2026-11-14' - 30 GROUP BY tenant HAVING max(quantity) = 0)"""
    ).fetchone()
    assert unqueried is not None
    assert unqueried[0] >= 1
    open_incidents = con.execute("SELECT count(*) FROM incidents WHERE resolved_at IS NULL")
    assert open_incidents.fetchone()[0] >= 1  # type: ignore[index]


def test_costs_have_commitment_discounts_and_untagged_rows(
    con: duckdb.DuckDBPyConnection,
) -> None:
    row = con.execute(
        """SELECT sum(EffectiveCost) < sum(BilledCost), count(*) FILTER (WHERE Tags IS NULL),
                  count(DISTINCT Tags->>'platform'), min(BillingCurrency)
           FROM costs"""
    ).fetchone()
    assert row == (True, 365 - 2, 2, "USD")  # one untagged row a day; the export lags 2 days


def test_the_lagging_billing_export_is_flagged_stale(demo: Path) -> None:
    """Meta-monitoring in the story: the FOCUS export is two days behind the other feeds."""
    with Workspace(demo, as_of=AS_OF, read_only=True) as ws:
        status = {s.dataset: s.freshness for s in ws.datasets_status()}
        warnings = [w.dataset for w in ws.weekly_report().data_warnings]
    assert status["costs"] == "stale"
    assert {status[d] for d in ("events", "usage", "slis")} == {"fresh"}
    assert "costs" in warnings


def test_config_loads_and_the_demo_kpis_evaluate(demo: Path) -> None:
    cfg = load_config(demo / "headway.yaml")
    assert [n.kpi for n in cfg.north_stars] == [
        "active_tenants",
        "productivity_index",
        "developer_nps",
    ]
    assert cfg.timezone == "America/Los_Angeles"
    index = cfg.kpi("productivity_index")
    assert index is not None
    assert getattr(index, "baseline", None) == "2026-Q1"


def test_a_folder_that_is_not_a_demo_is_never_overwritten(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(HeadwayError, match=r"is not empty and is not a Headway demo"):
        build_demo(tmp_path, seed=1, scale=SCALE, as_of=AS_OF)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_a_previous_demo_is_rebuilt_with_the_same_config(tmp_path: Path) -> None:
    build_demo(tmp_path, seed=1, scale=SCALE, as_of=AS_OF)
    first = (tmp_path / "headway.yaml").read_bytes()
    again = build_demo(tmp_path, seed=1, scale=SCALE, as_of=AS_OF)
    assert sum(r.rows_duplicate + r.rows_replaced for r in again.ingested) == 0
    assert (tmp_path / MARKER).is_file()
    assert (tmp_path / "headway.yaml").read_bytes() == first


def _tree(demo: Path) -> list[dict[str, Any]]:
    with Workspace(demo, as_of=AS_OF, read_only=True) as ws:
        tree = ws.okr_tree().to_json()

    def walk(o: dict[str, Any]) -> list[dict[str, Any]]:
        return [o, *(x for c in o["children"] for x in walk(c))]

    return [x for o in tree["objectives"] for x in walk(o)]


def test_okr_targets_improve_on_the_measured_baselines(demo: Path) -> None:
    cfg = load_config(demo / "headway.yaml")
    metric = [kr for o in cfg.okrs for kr in o.key_results if getattr(kr, "kpi", None)]
    assert metric, "the OKRs have metric key results"
    for kr in metric:
        kpi = cfg.kpi(kr.kpi)  # type: ignore[attr-defined]
        assert kpi is not None
        assert isinstance(kr.baseline, float), "the YAML holds the measured number"  # type: ignore[attr-defined]
        better = kr.target > kr.baseline if kpi.direction == "up" else kr.target < kr.baseline  # type: ignore[attr-defined]
        assert better, kr.id


def test_okrs_tell_a_mixed_story(demo: Path) -> None:
    objectives = _tree(demo)
    progress = [kr["progress"] for o in objectives for kr in o["key_results"]]
    assert any(0 < p < 1 for p in progress)
    assert any(o["status"] == "at_risk" for o in objectives)
    assert {o["level"] for o in objectives} == {"company", "group", "team", "individual"}


def test_at_least_four_recommendation_rules_fire(demo: Path) -> None:
    with Workspace(demo, as_of=AS_OF, read_only=True) as ws:
        items = ws.cost_recommendations().items
    rules = {i.rule for i in items}
    assert len(rules) >= 4, rules
    assert {"idle_data", "ingest_growth", "no_owner", "unallocated_cost"} <= rules
    assert sum(i.rule == "ingest_growth" for i in items) <= 5  # a handful, not everyone


def test_the_weekly_report_is_written(demo: Path) -> None:
    reports = sorted((demo / "reports").glob("weekly-*"))
    assert [p.suffix for p in reports] == [".html", ".md"]
    assert reports[0].stat().st_size > 0
    assert reports[0].name == "weekly-2026-W45.html"  # W46 ends on Monday 2026-11-16


def test_cli_builds_and_prints_json(tmp_path: Path) -> None:
    target = tmp_path / "d"
    args = ["--as-of", "2026-11-15", "--format", "json", "demo", str(target), "--scale", "0.05"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    import json

    data = json.loads(result.stdout)
    assert data["seed"] == 42
    assert {d["dataset"] for d in data["datasets"]} >= {"usage", "events", "costs"}
    assert data["scorecard"]["north_stars"][0]["id"] == "adoption"
    assert [Path(p).suffix for p in data["reports"]] == [".html", ".md"]
    assert all(Path(p).is_file() for p in data["reports"])
