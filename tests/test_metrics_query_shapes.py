"""The engine's fast query shapes give the numbers of the documented range cut.

Per-grain numbers come from :func:`compile_binned` (rows placed by an hour-keyed hash join);
the reference is :func:`compile_grouped` (a range join of every row to its period's local
midnights, DESIGN's definition) and, for day grain, Python's own local dates. Coverage is
its own query for the shown period; a ratio fetches each dependency once for all periods.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from headway.metrics.compile import Bucket, compile_binned, compile_grouped
from headway.periods import Period, parse_period, periods_between, periods_in
from headway.workspace import Workspace
from test_metrics_kinds import CONFIG

LA = ZoneInfo("America/Los_Angeles")
# 2026-11-01 is the 25-hour day (PDT → PST); 2026-03-08 the 23-hour one
BOUNDARIES = [
    dt.datetime(2026, 11, 1, 7, tzinfo=dt.UTC),
    dt.datetime(2026, 11, 2, 8, tzinfo=dt.UTC),
    dt.datetime(2026, 10, 31, 7, tzinfo=dt.UTC),
    dt.datetime(2026, 12, 1, 8, tzinfo=dt.UTC),
    dt.datetime(2026, 3, 8, 8, tzinfo=dt.UTC),
    dt.datetime(2026, 3, 9, 7, tzinfo=dt.UTC),
]
MOMENTS = st.one_of(
    st.builds(
        lambda b, s: b + dt.timedelta(seconds=s),
        st.sampled_from(BOUNDARIES),
        st.sampled_from([-3600, -1, 0, 1, 1799, 3600]),
    ),
    st.builds(
        lambda h: dt.datetime(2026, 10, 25, tzinfo=dt.UTC) + dt.timedelta(minutes=h),
        st.integers(0, 60 * 24 * 45),
    ),
)
ROWS = st.lists(
    st.tuples(MOMENTS, st.sampled_from(["ann", "bob", None]), st.sampled_from(["t1", "t9"])),
    max_size=30,
)


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    (tmp_path / "headway.yaml").write_text(CONFIG, encoding="utf-8")
    w = Workspace(tmp_path, as_of=dt.datetime(2026, 12, 15, tzinfo=dt.UTC))
    w.store.con.execute("INSERT INTO tenants (tenant, team, org) VALUES ('t1', 'pay', 'fin')")
    yield w
    w.close()


def _insert(ws: Workspace, rows: list[tuple[dt.datetime, str | None, str]]) -> None:
    for i, (moment, actor, tenant) in enumerate(rows):
        ws.store.con.execute(
            "INSERT INTO events (event_id, time, platform, event, tenant, actor, value) "
            "VALUES (?, ?, 'o11y', 'login', ?, ?, ?)",
            [str(i), moment, tenant, actor, i],
        )


def _per_grain(con: Any, sql: str, by: int = 0) -> dict[tuple[Any, ...], tuple[Any, ...]]:
    cur = con.execute(sql)
    names = [d[0] for d in cur.description]
    out = {}
    for row in cur.fetchall():
        r = dict(zip(names, row, strict=True))
        if r["grouping_id"] == 0 or (by and r["grouping_id"] == (1 << by) - 1):
            key = (r["grouping_id"], r["period"], *(r[f"by_{i}"] for i in range(by)))
            if r["row_count"]:  # the range join also lists empty periods
                out[key] = (r["value"], r["row_count"])
    return out


def _same_per_grain(ws: Workspace, kpi_id: str, grains: list[Period], by: list[str]) -> None:
    kpi = ws.config.kpi(kpi_id)
    assert kpi is not None
    buckets = [Bucket(g.label, g) for g in grains]
    ranged = compile_grouped(kpi, ws.config, buckets, by, coverage=False, whole=False)
    binned = compile_binned(kpi, ws.config, grains, by)
    con = ws.store.con
    assert _per_grain(con, binned, len(by)) == _per_grain(con, ranged, len(by))


MONTHS = periods_between(parse_period("2026-02"), parse_period("2026-12"))
CUT = [parse_period(m) for m in ("2026-03", "2026-10", "2026-11", "2026-12")]  # DST months
DAYS = [d for m in CUT for d in periods_in(m, "day")]
WEEKS = [w for m in CUT for w in periods_in(m, "week")]


@settings(max_examples=10, deadline=None)
@given(ROWS)
def test_hour_keyed_cut_equals_the_range_cut(
    rows: list[tuple[dt.datetime, str | None, str]],
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "headway.yaml").write_text(CONFIG, encoding="utf-8")
        ws = Workspace(root, as_of=dt.datetime(2026, 12, 15, tzinfo=dt.UTC))
        ws.store.con.execute("INSERT INTO tenants (tenant, team, org) VALUES ('t1', 'pay', 'f')")
        _insert(ws, rows)
        _same_per_grain(ws, "actors_day", DAYS, [])
        _same_per_grain(ws, "events_day", DAYS, ["team"])
        _same_per_grain(ws, "value_sum", DAYS, ["tenant"])
        _same_per_grain(ws, "actors_month", MONTHS, [])
        _same_per_grain(ws, "actors_month", WEEKS, [])  # weeks: a gap-free cut too
        # and both agree with Python's local dates
        series = ws.kpi_series("events_day", start="2026-10-25", end="2026-12-08")
        local: dict[str, int] = {}
        for moment, _, _ in rows:
            day = moment.astimezone(LA).date().isoformat()
            local[day] = local.get(day, 0) + 1
        assert {p.period: p.value for p in series.points if p.value} == {
            d: float(n) for d, n in local.items() if "2026-10-25" <= d <= "2026-12-08"
        }
        ws.close()


@pytest.mark.parametrize(
    ("days", "quantities"),
    [
        (["2026-09-30", "2026-10-01", "2026-12-31", "2027-01-01"], [1, 1, 1, 1]),
        (["2026-10-15", "2026-10-15", "2026-11-02"], [0, 2, 3]),
    ],
)
def test_date_column_cut_equals_the_range_cut(
    ws: Workspace, days: list[str], quantities: list[int]
) -> None:
    for i, (day, q) in enumerate(zip(days, quantities, strict=True)):
        ws.store.con.execute(
            "INSERT INTO usage VALUES (?, 'o11y', ?, 'gb', ?, 1)", [day, f"t{i}", q]
        )
    quarters = periods_between(parse_period("FY2027-Q1", 7), parse_period("FY2027-Q3", 7))
    _same_per_grain(ws, "tenants_q", quarters, [])
    expected = sum(
        1 for d, q in zip(days, quantities, strict=True) if q > 0 and "2026-10" <= d < "2027"
    )
    assert ws.kpi_value("tenants_q", "FY2027-Q2").value == expected


class CountingConnection:
    """The store's connection, recording every statement run through it."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.statements: list[str] = []

    def execute(self, sql: str, *args: Any) -> duckdb.DuckDBPyConnection:
        self.statements.append(sql)
        return self.con.execute(sql, *args)

    def close(self) -> None:
        self.con.close()


def test_a_ratio_fetches_each_dependency_once_for_all_periods(ws: Workspace) -> None:
    _insert(ws, [(dt.datetime(2026, 11, 3, 18, tzinfo=dt.UTC), "ann", "t1")])
    counting = CountingConnection(ws.store.con)
    ws.store.con = counting  # type: ignore[assignment]
    series = ws.kpi_series("stickiness", start="2025-12", end="2026-11")
    kpi_queries = [s for s in counting.statements if "kpi_rows" in s]
    # one for the daily numerator over 365 days, one for the monthly denominator
    assert len(kpi_queries) == 2
    assert series.points[-1].value == pytest.approx((1 / 30) / 1)
    assert [p.value for p in series.points[:-1]] == [None] * 11  # no actors: denominator 0


def test_coverage_is_computed_for_the_shown_period_only(ws: Workspace) -> None:
    _insert(
        ws,
        [
            (dt.datetime(2026, 11, 3, 18, tzinfo=dt.UTC), "ann", "t1"),
            (dt.datetime(2026, 10, 3, 18, tzinfo=dt.UTC), "bob", "t9"),
        ],
    )
    counting = CountingConnection(ws.store.con)
    ws.store.con = counting  # type: ignore[assignment]
    ws.kpi_series("actors_month", start="2025-12", end="2026-11")  # a sparkline first
    value = ws.kpi_value("actors_month", "2026-11")
    assert (value.value, value.previous_value, value.rows) == (1.0, 1.0, 1)
    assert value.coverage == 1.0  # t1, the one known tenant
    assert ws.kpi_value("actors_month", "2026-10").coverage == 0.0  # t9 is not known
    tenants = [s for s in counting.statements if "tenants_reporting" in s]
    assert len(tenants) == 2  # 2026-11 and 2026-10, each once, never the sparkline's months
    grouped = [s for s in counting.statements if "kpi_rows" in s and s not in tenants]
    assert len(grouped) == 1  # the value and its previous period came from the sparkline


def test_breakdown_ties_are_ordered_by_key_with_no_key_last(ws: Workspace) -> None:
    at = dt.datetime(2026, 11, 3, 18, tzinfo=dt.UTC)
    _insert(ws, [(at, "ann", t) for t in ["t9", "t2", "t9", "t1"]])
    ws.store.con.execute(
        "INSERT INTO events (event_id, time, platform, event, value) "
        "VALUES ('n', ?, 'o11y', 'login', 1)",
        [at],
    )
    v = ws.kpi_value("events_day_sum", "2026-11", by=["tenant"])
    assert [(b.key["tenant"], b.value) for b in v.breakdown] == [
        ("t9", 2.0),
        ("t1", 1.0),
        ("t2", 1.0),
        (None, 1.0),
    ]
