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
