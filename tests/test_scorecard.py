"""The scorecard on a small real workspace (see tests/scorecard_ws.py for the numbers)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from headway.errors import QueryError
from headway.scorecard import kpi_period
from headway.workspace import Workspace
from scorecard_ws import AS_OF, make_workspace

KPI_KEYS = {
    "kpi", "title", "period", "grain", "value", "unit", "direction", "target", "status",
    "previous", "change", "rows", "coverage", "details", "breakdown", "sparkline",
}  # fmt: skip


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    w = Workspace(make_workspace(tmp_path))
    w.set_as_of(AS_OF)
    yield w
    w.close()


def test_json_shape(ws: Workspace) -> None:
    data = ws.scorecard().to_json()
    assert set(data) == {
        "workspace", "vision", "as_of", "period", "north_stars", "initiatives", "unassigned",
        "okrs",
    }  # fmt: skip
    assert (data["workspace"], data["vision"], data["as_of"], data["period"]) == (
        "Scorecard test",
        "Every product ships on the platform.",
        "2026-12-01T00:00:00+00:00",
        None,
    )
    assert [(n["id"], n["title"], set(n)) for n in data["north_stars"]] == [
        ("adoption", "Platform adoption", {"id", "title", "value", "drivers"}),
        ("productivity", "Productivity index", {"id", "title", "value", "drivers"}),
    ]
    assert [(i["id"], i["owner"], [k["kpi"] for k in i["kpis"]]) for i in data["initiatives"]] == [
        ("observability", "team-o11y", ["active_tenants", "usage_rows", "log_volume"]),
        ("portal", "team-portal", ["mtto", "mttr", "productivity_index"]),
    ]
    assert [k["kpi"] for k in data["unassigned"]] == ["developer_nps"]
    for nsm in data["north_stars"]:
        assert set(nsm["value"]) == KPI_KEYS
        for driver in nsm["drivers"]:
            assert set(driver) - {"contribution"} == KPI_KEYS


def test_each_kpi_shows_its_latest_complete_period(ws: Workspace) -> None:
    sc = ws.scorecard()
    values = {k.value.kpi: (k.value.period, k.value.value) for i in sc.initiatives for k in i.kpis}
    assert values["active_tenants"] == ("2026-11", 3)
    assert values["log_volume"] == ("2026-11", 60)
    assert sc.unassigned[0].value.period == "2026-Q3"
    assert sc.unassigned[0].value.value == 25


def test_drivers_of_a_plain_nsm_by_relative_change(ws: Workspace) -> None:
    adoption = ws.scorecard().north_stars[0]
    assert adoption.value.value.kpi == "active_tenants"
    # log_volume +100 % before usage_rows +50 %; the NSM's own KPI is not its driver
    assert [(d.value.kpi, d.value.change.relative) for d in adoption.drivers] == [
        ("log_volume", 1.0),
        ("usage_rows", 0.5),
    ]
    assert all(d.contribution is None for d in adoption.drivers)


def test_drivers_of_an_index_by_contribution(ws: Workspace) -> None:
    productivity = ws.scorecard().north_stars[1]
    index = productivity.value.value
    assert index.value == pytest.approx(100 * math.sqrt(1.6))  # 126.49
    assert index.previous_value == pytest.approx(100)
    got = [(d.value.kpi, d.contribution) for d in productivity.drivers]
    assert [k for k, _ in got] == ["mtto", "mttr"]
    mtto, mttr = (c for _, c in got)
    assert mtto is not None
    assert mttr is not None
    # mtto halved (down is good): ½·ln 2; mttr from 4 h to 5 h: ½·ln 0.8
    assert mtto.log_change == pytest.approx(0.5 * math.log(2))
    assert mttr.log_change == pytest.approx(0.5 * math.log(0.8))
    assert mtto.log_change + mttr.log_change == pytest.approx(math.log(index.value / 100))
    assert (mtto.share, mttr.share) == (
        pytest.approx(1.47477, abs=1e-5),
        pytest.approx(-0.47477, abs=1e-5),
    )
    assert (mtto.points, mttr.points) == (
        pytest.approx(39.068, abs=1e-3),
        pytest.approx(-12.578, abs=1e-3),
    )


def test_sparkline_is_the_last_12_periods(ws: Workspace) -> None:
    card = ws.scorecard().initiatives[0].kpis[0]
    assert [p.period for p in card.sparkline][0::11] == ["2025-12", "2026-11"]
    assert [p.value for p in card.sparkline][-4:] == [0, 1, 2, 3]


def test_an_explicit_period(ws: Workspace) -> None:
    sc = ws.scorecard("2026-10")
    values = {k.value.kpi: (k.value.period, k.value.value) for i in sc.initiatives for k in i.kpis}
    assert values["active_tenants"] == ("2026-10", 2)
    # a quarterly KPI on a monthly scorecard: the quarter holding the month's end is not
    # over as of 2026-12-01, so the latest complete one
    assert (sc.unassigned[0].value.period, sc.to_json()["period"]) == ("2026-Q3", "2026-10")


def test_a_bad_period_is_refused(ws: Workspace) -> None:
    with pytest.raises(QueryError, match=r"'2026-13' is not a period"):
        ws.scorecard("2026-13")


UTC = ZoneInfo("UTC")
MIDNIGHT = dt.datetime(2026, 12, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("grain", "label", "fsm", "expected"),
    [
        ("month", None, 1, "2026-11"),
        ("quarter", None, 1, "2026-Q3"),
        ("week", None, 1, "2026-W48"),
        ("month", "2026-Q3", 1, "2026-Q3"),  # longer: rolled up
        ("quarter", "2026-11", 1, "2026-Q3"),  # shorter: Q4 holds its end but is not over
        ("quarter", "2026-08", 1, "2026-Q3"),  # the quarter holding its end, complete
        ("quarter", "2026-W01", 1, "2026-Q1"),  # 2026-W01 ends on 2026-01-04
        ("month", "2026-W48", 1, "2026-11"),  # W48 ends on Sunday 2026-11-29
        ("month", "2026-W49", 1, "2026-11"),  # W49 ends in December, not over yet
        ("year", "2026-11", 2, "FY2026"),  # fiscal years from February: FY2027 is not over
        ("year", "2025-11", 2, "FY2026"),
        ("quarter", "2026-11-30", 7, "FY2027-Q1"),  # FY2027-Q2 is Oct–Dec, not over
        ("quarter", "2026-09-30", 7, "FY2027-Q1"),
    ],
)
def test_kpi_period(grain: str, label: str | None, fsm: int, expected: str) -> None:
    assert kpi_period(grain, label, MIDNIGHT, UTC, fsm).label == expected
