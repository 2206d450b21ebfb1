"""Freshness against the cadence, as of an injected moment."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from headway.workspace import Workspace


@pytest.mark.parametrize(
    ("as_of", "freshness", "age_hours"),
    [("2026-01-02T00:00:00Z", "fresh", 14.0), ("2026-01-02T10:00:01Z", "stale", 24.0)],
)
def test_freshness(workspace_dir: Path, as_of: str, freshness: str, age_hours: float) -> None:
    path = workspace_dir / "e.csv"
    path.write_text("event_id,time,platform,event\ne1,2026-01-01T10:00:00Z,p,x\n", encoding="utf-8")
    with Workspace(workspace_dir) as ws:
        ws.ingest("events", [path])
        ws.set_as_of(dt.datetime.fromisoformat(as_of))
        status = {s.dataset: s for s in ws.datasets_status()}
    ev = status["events"].to_json()
    assert (ev["rows"], ev["freshness"], round(ev["age_hours"])) == (1, freshness, round(age_hours))
    assert status["usage"].freshness == "empty"


@pytest.mark.parametrize(
    ("as_of", "freshness", "age_hours"),
    [
        ("2026-01-03T00:00:00Z", "fresh", 0.0),  # the 2nd is covered until the 3rd begins
        ("2026-01-04T00:00:00Z", "fresh", 24.0),
        ("2026-01-04T00:00:01Z", "stale", 24.0),
    ],
)
def test_a_dated_row_covers_its_whole_day(
    workspace_dir: Path, as_of: str, freshness: str, age_hours: float
) -> None:
    path = workspace_dir / "u.csv"
    path.write_text(
        "day,platform,tenant,meter,quantity\n2026-01-01,p,t,logs_gb,1\n2026-01-02,p,t,logs_gb,2\n",
        encoding="utf-8",
    )
    with Workspace(workspace_dir) as ws:
        ws.ingest("usage", [path])
        ws.set_as_of(dt.datetime.fromisoformat(as_of))
        usage = next(s for s in ws.datasets_status() if s.dataset == "usage").to_json()
    assert usage["last"] == "2026-01-02T00:00:00+00:00"
    assert (usage["freshness"], round(usage["age_hours"])) == (freshness, round(age_hours))


def test_a_cost_row_is_current_up_to_its_charge_period_end(workspace_dir: Path) -> None:
    path = workspace_dir / "c.csv"
    path.write_text(
        "BillingAccountId,BillingPeriodStart,ChargePeriodStart,ChargePeriodEnd,BilledCost,"
        "EffectiveCost,BillingCurrency\n"
        "a,2026-01-01T00:00:00Z,2026-01-05T00:00:00Z,2026-01-06T00:00:00Z,1.5,1.2,USD\n",
        encoding="utf-8",
    )
    with Workspace(workspace_dir) as ws:
        ws.ingest("costs", [path])
        ws.set_as_of(dt.datetime(2026, 1, 6, 12, tzinfo=dt.UTC))
        costs = next(s for s in ws.datasets_status() if s.dataset == "costs").to_json()
    assert (costs["freshness"], costs["age_hours"]) == ("fresh", 12.0)
