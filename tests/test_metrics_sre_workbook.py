"""The SLO measures against the numbers of the Google SRE workbook (tests/fixtures)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from headway.workspace import Workspace

FIXTURES = Path(__file__).parent / "fixtures"
HOURLY_TOTAL = 100_000

CONFIG = """\
workspace: SRE workbook
timezone: UTC
slos:
  - {id: avail, platform: p, component: c, indicator: availability, objective: 0.999}
kpis:
  - {id: budget, title: Budget left, kind: slo, slo: avail, measure: budget_remaining,
     grain: month}
  - {id: burn, title: Burn rate, kind: slo, slo: avail, measure: burn_rate, grain: month}
  - {id: burn_day, title: Burn rate, kind: slo, slo: avail, measure: burn_rate, grain: day}
"""


def _rows(name: str) -> list[dict[str, str]]:
    with (FIXTURES / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _workspace(tmp_path: Path, bad_hours: int, bad_per_hour: int) -> Workspace:
    """November 2026 (30 days = the workbook's 720-hour period), 100,000 requests an hour;
    the first ``bad_hours`` hours fail ``bad_per_hour`` of them."""
    (tmp_path / "headway.yaml").write_text(CONFIG, encoding="utf-8")
    ws = Workspace(tmp_path, as_of=dt.datetime(2026, 12, 2, tzinfo=dt.UTC))
    ws.store.con.execute(
        "INSERT INTO slis (time, platform, component, indicator, good, total) "
        "SELECT TIMESTAMPTZ '2026-11-01 00:00:00+00' + to_hours(h), 'p', 'c', 'availability', "
        "CASE WHEN h < ? THEN ? - ? ELSE ? END, ? FROM range(720) AS t(h)",
        [bad_hours, HOURLY_TOTAL, bad_per_hour, HOURLY_TOTAL, HOURLY_TOTAL],
    )
    return ws


@pytest.mark.parametrize("row", _rows("mwmbr_recommended_99.9.csv"), ids=lambda r: r["long_window"])
def test_budget_consumed_by_a_burn_over_its_long_window(
    tmp_path: Path, row: dict[str, str]
) -> None:
    """Table 5-8: burning at 14.4× for 1 h, 6× for 6 h or 1× for 3 d consumes 2 %, 5 %, 10 %
    of a 30-day error budget."""
    burn_rate = float(row["burn_rate"])
    hours = int(row["long_window_seconds"]) // 3600
    error_ratio = float(row["error_ratio_threshold_for_slo_0.999"])
    assert error_ratio == pytest.approx(burn_rate * 0.001)
    ws = _workspace(tmp_path, hours, round(error_ratio * HOURLY_TOTAL))
    consumed = float(row["error_budget_consumed_pct"]) / 100
    assert ws.kpi_value("budget", "2026-11").value == pytest.approx(1 - consumed)
    # over the month the burn rate is the consumed share: the budget is the month's
    assert ws.kpi_value("burn", "2026-11").value == pytest.approx(consumed)
    if hours <= 24:  # within the first day: that day's burn rate is the rate × hours / 24
        day = ws.kpi_value("burn_day", "2026-11-01").value
        assert day == pytest.approx(burn_rate * hours / 24)
    ws.close()


@pytest.mark.parametrize(
    "row", _rows("burn_rate_exhaustion_99.9.csv"), ids=lambda r: r["burn_rate"]
)
def test_a_steady_error_rate_burns_at_the_workbook_rate(
    tmp_path: Path, row: dict[str, str]
) -> None:
    """Table 5-4: an error rate of 0.1 %, 0.2 %, 1 %, 100 % burns a 99.9 % budget at 1×, 2×,
    10×, 1000×."""
    error_rate = float(row["error_rate_for_slo_0.999"])
    ws = _workspace(tmp_path, 720, round(error_rate * HOURLY_TOTAL))
    burn = ws.kpi_value("burn", "2026-11").value
    assert burn == pytest.approx(float(row["burn_rate"]))
    ws.close()
