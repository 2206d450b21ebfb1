"""KPI kinds evaluated over a real DuckDB store with hand-checkable rows."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from headway.errors import QueryError
from headway.workspace import Workspace

CONFIG = """\
workspace: Test
timezone: America/Los_Angeles
fiscal_year_start_month: 7
slos:
  - {id: ingest, platform: o11y, component: gw, indicator: availability, objective: 0.999}
kpis:
  - {id: events_day, title: Events, kind: count, dataset: events, grain: day, target: 2}
  - {id: events_day_sum, title: Events, kind: count, dataset: events, grain: day, rollup: sum}
  - {id: actors_day, title: Actors, kind: count_distinct, dataset: events, column: actor,
     grain: day}
  - {id: actors_month, title: Actors, kind: count_distinct, dataset: events, column: actor,
     grain: month}
  - {id: value_sum, title: Value, kind: sum, dataset: events, column: value, grain: day,
     where: "platform = 'o11y'"}
  - {id: value_p50, title: P50, kind: percentile, dataset: events, column: value, p: 50,
     grain: month}
  - {id: mttr, title: MTTR, kind: duration, dataset: incidents, start: opened_at,
     end: resolved_at, stat: median, grain: month, direction: down, target: 5}
  - {id: stickiness, title: Stickiness, kind: ratio, numerator: actors_day,
     denominator: actors_month, grain: month}
  - {id: nps, title: NPS, kind: nps, grain: quarter}
  - {id: burn, title: Burn, kind: slo, slo: ingest, measure: burn_rate, grain: month}
  - {id: budget, title: Budget, kind: slo, slo: ingest, measure: budget_remaining, grain: month}
  - {id: tenants_q, title: Tenants, kind: count_distinct, dataset: usage, column: tenant,
     grain: quarter, where: "quantity > 0"}
  - {id: idx, title: Index, kind: index, baseline: 2026-10,
     components: [{kpi: mttr, weight: 1}, {kpi: actors_month, weight: 1}]}
  - {id: manual, title: Manual, kind: sql, grain: month,
     sql: "SELECT '2026-11' AS period, 7 AS value UNION ALL SELECT '2026-10', 5"}
"""


def _ws(tmp: Path, rows: str) -> Workspace:
    (tmp / "headway.yaml").write_text(CONFIG, encoding="utf-8")
    ws = Workspace(tmp, as_of=dt.datetime(2026, 12, 15, tzinfo=dt.UTC))
    for stmt in filter(None, (s.strip() for s in textwrap.dedent(rows).split(";"))):
        ws.store.con.execute(stmt)
    return ws


EVENTS = """
INSERT INTO events (event_id, time, platform, event, tenant, actor, value) VALUES
 -- 2026-11-01 is 25 h in Los Angeles: 07:00Z (start) to 08:00Z next day (end, excluded)
 ('a', '2026-11-01 07:00:00+00', 'o11y', 'login', 't1', 'ann', 1),
 ('b', '2026-11-02 07:59:59+00', 'o11y', 'login', 't1', 'bob', 2),
 ('c', '2026-11-02 08:00:00+00', 'o11y', 'login', 't2', 'ann', 3),
 ('d', '2026-11-01 06:59:59+00', 'ci', 'login', 't2', 'cat', 10),
 ('e', '2026-11-03 12:00:00+00', 'ci', 'login', NULL, NULL, 4);
INSERT INTO tenants (tenant, team, org) VALUES ('t1', 'payments', 'fin'), ('t2', 'search', 'web'),
 ('t3', 'search', 'web'), ('t4', 'ads', 'web')
"""


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    w = _ws(tmp_path, EVENTS)
    yield w
    w.close()


@pytest.mark.parametrize(
    ("kpi", "period", "value", "rows"),
    [
        ("events_day", "2026-11-01", 2.0, 2),  # a 25-hour day: both edges inside
        ("events_day", "2026-10-31", 1.0, 1),  # 06:59:59Z is still Oct 31 in LA
        ("events_day", "2026-11-02", 1.0, 1),
        ("events_day", "2026-11-04", 0.0, 0),  # an empty day counts 0
        ("events_day_sum", "2026-11", 4.0, 4),
        ("events_day", "2026-11", 4 / 30, 4),  # mean of 30 days, empty ones as 0
        ("actors_day", "2026-11-01", 2.0, 2),
        ("actors_month", "2026-11", 2.0, 4),  # ann, bob; the null actor is not counted
        ("value_sum", "2026-11-01", 3.0, 2),
        ("value_sum", "2026-11-04", None, 0),  # sum of nothing: no data
        ("value_sum", "2026-11", 3.0, 3),  # mean over days with rows: (3 + 3) / 2
        ("value_p50", "2026-11", 2.5, 4),  # 1, 2, 3, 4 → 2.5
        ("stickiness", "2026-11", (3 / 30) / 2, 8),  # daily actors 2, 1, 0… ÷ 2
        ("manual", "2026-11", 7.0, 1),
        ("manual", "2026-Q4", 6.0, 2),  # mean of 2026-10 (5) and 2026-11 (7); 2026-12 missing
    ],
)
def test_values(ws: Workspace, kpi: str, period: str, value: float | None, rows: int) -> None:
    v = ws.kpi_value(kpi, period)
    assert v.value == (pytest.approx(value) if value is not None else None)
    assert v.rows == rows


def test_status_previous_change_and_coverage(ws: Workspace) -> None:
    v = ws.kpi_value("events_day", "2026-11-01")
    assert (v.status, v.previous_period, v.previous_value) == ("met", "2026-10-31", 1.0)
    assert (v.change.absolute, v.change.relative) == (1.0, 1.0)
    assert v.coverage == 0.25  # only t1 of four known tenants
    assert ws.kpi_value("events_day", "2026-11-04").coverage == 0.0  # nobody reported
    assert ws.kpi_value("events_day", "2026-11-03").coverage is None  # rows name no tenant
    assert ws.kpi_value("events_day", "2026-11-04").status == "missed"
    assert ws.kpi_value("value_sum", "2026-11-04").status == "no_data"
    assert ws.kpi_value("value_sum", "2026-11-01").status == "no_target"


def test_breakdown_by_team_through_tenants(ws: Workspace) -> None:
    v = ws.kpi_value("events_day_sum", "2026-11", by=["team"])
    assert [(b.key, b.value) for b in v.breakdown] == [
        ({"team": "payments"}, 2.0),
        ({"team": "search"}, 1.0),
        ({"team": None}, 1.0),
    ]


def test_default_period_and_series(ws: Workspace) -> None:
    # as of 2026-12-15 the latest complete month is November
    assert ws.kpi_value("actors_month").period == "2026-11"
    s = ws.kpi_series("events_day", start="2026-10-31", end="2026-11-03")
    assert [(p.period, p.value) for p in s.points] == [
        ("2026-10-31", 1.0),
        ("2026-11-01", 2.0),
        ("2026-11-02", 1.0),
        ("2026-11-03", 1.0),
    ]
    assert len(ws.kpi_series("actors_month").points) == 12


@pytest.mark.parametrize(
    ("kpi", "period", "message"),
    [
        ("actors_month", "2026-11-01", r"computed per month; ask for a month or a longer period"),
        ("actors_mnth", None, r"unknown KPI 'actors_mnth'; did you mean actors_month"),
        ("nps", "2026-13", r"is not a period"),
    ],
)
def test_errors(ws: Workspace, kpi: str, period: str | None, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        ws.kpi_value(kpi, period)


def test_unknown_dimension(ws: Workspace) -> None:
    with pytest.raises(QueryError, match=r"cannot break events down by 'colour'"):
        ws.kpi_value("events_day", "2026-11-01", by=["colour"])


def test_nps_example_and_fiscal_quarter(tmp_path: Path) -> None:
    # 90 promoters, 60 passives, 50 detractors in FY2027-Q2 (2026-10..12) → 20.0 ± 11.26
    rows = (
        "INSERT INTO survey_responses (response_id, survey, submitted_at, score) "
        "SELECT 'r' || i, 's', TIMESTAMPTZ '2026-11-10 12:00:00+00', "
        "CASE WHEN i < 90 THEN 10 WHEN i < 150 THEN 8 ELSE 3 END FROM range(200) t(i)"
    )
    ws = _ws(tmp_path, rows)
    v = ws.kpi_value("nps", "FY2027-Q2")
    assert v.value == pytest.approx(20.0)
    assert v.details["margin_of_error"] == pytest.approx(11.26, abs=0.005)
    assert v.details["n"] == 200
    assert (v.details["promoters"], v.details["passives"], v.details["detractors"]) == (
        0.45,
        0.3,
        0.25,
    )
    assert v.previous_period == "FY2027-Q1"
    assert v.change.significant is None  # no previous data
    ws.close()


@pytest.mark.parametrize(
    ("good", "total", "burn", "budget"),
    [
        (999, 1000, 1.0, 0.0),  # error rate 0.001 at 99.9 %: burn rate 1
        (990, 1000, 10.0, -9.0),  # 0.01 → 10
        (0, 1000, 1000.0, -999.0),  # 1.0 → 1000
        (1000, 1000, 0.0, 1.0),
    ],
)
def test_slo_burn_rate_and_budget(
    tmp_path: Path, good: int, total: int, burn: float, budget: float
) -> None:
    ws = _ws(
        tmp_path,
        "INSERT INTO slis (time, platform, component, indicator, good, total) VALUES "
        f"('2026-11-05 00:00:00+00', 'o11y', 'gw', 'availability', {good}, {total}),"
        "('2026-11-05 00:00:00+00', 'o11y', 'other', 'availability', 0, 1000)",
    )
    assert ws.kpi_value("burn", "2026-11").value == pytest.approx(burn)
    assert ws.kpi_value("budget", "2026-11").value == pytest.approx(budget)
    ws.close()


def test_duration_median_and_open(tmp_path: Path) -> None:
    ws = _ws(
        tmp_path,
        """INSERT INTO incidents (incident_id, platform, opened_at, resolved_at, tenant) VALUES
        ('i1', 'o', '2026-11-01 08:00:00+00', '2026-11-01 10:00:00+00', 't1'),
        ('i2', 'o', '2026-10-30 08:00:00+00', '2026-11-02 08:00:00+00', 't1'),
        ('i3', 'o', '2026-11-20 08:00:00+00', '2026-11-20 12:00:00+00', 't1'),
        ('i4', 'o', '2026-11-25 08:00:00+00', NULL, 't1'),
        ('i5', 'o', '2026-12-25 08:00:00+00', NULL, 't1'),
        ('i6', 'o', '2026-10-05 08:00:00+00', '2026-10-05 14:00:00+00', 't1')""",
    )
    v = ws.kpi_value("mttr", "2026-11")
    assert v.value == pytest.approx(4.0)  # median of 2, 72, 4 hours
    assert (v.rows, v.details) == (3, {"open": 1})
    assert v.status == "met"
    # index: mttr down 6 → 4 (r = 1.5) and no actors → None
    assert ws.kpi_value("idx", "2026-11").value is None
    ws.close()


def test_index_of_two_components(tmp_path: Path) -> None:
    ws = _ws(
        tmp_path,
        """INSERT INTO incidents (incident_id, platform, opened_at, resolved_at) VALUES
        ('i1', 'o', '2026-10-05 08:00:00+00', '2026-10-05 14:00:00+00'),
        ('i2', 'o', '2026-11-05 08:00:00+00', '2026-11-05 12:00:00+00');
        INSERT INTO events (event_id, time, platform, event, actor) VALUES
        ('a', '2026-10-05 12:00:00+00', 'o', 'x', 'ann'),
        ('b', '2026-11-05 12:00:00+00', 'o', 'x', 'ann'),
        ('c', '2026-11-05 12:00:00+00', 'o', 'x', 'bob'),
        ('d', '2026-11-06 12:00:00+00', 'o', 'x', 'cat')""",
    )
    # mttr 6 h → 4 h (down: r = 1.5); actors 1 → 3 (up: r = 3); 100 × √(1.5 × 3)
    assert ws.kpi_value("idx", "2026-11").value == pytest.approx(100 * 4.5**0.5)
    assert ws.kpi_value("idx", "2026-10").value == pytest.approx(100.0)
    ws.close()


def test_definition_hash_follows_dependencies(tmp_path: Path) -> None:
    from headway.config.models import WorkspaceConfig
    from headway.metrics.evaluate import definition_hash

    ws = _ws(tmp_path, "")
    config = ws.config
    before = definition_hash(config.kpi("stickiness"), config)  # type: ignore[arg-type]
    data = config.model_dump()
    data["kpis"] = [
        {**k, "where": "actor <> 'bot'"} if k["id"] == "actors_month" else k for k in data["kpis"]
    ]
    changed = WorkspaceConfig.model_validate(data)
    assert definition_hash(changed.kpi("stickiness"), changed) != before  # type: ignore[arg-type]
    assert definition_hash(changed.kpi("nps"), changed) == definition_hash(  # type: ignore[arg-type]
        config.kpi("nps"),  # type: ignore[arg-type]
        config,
    )
    ws.close()
