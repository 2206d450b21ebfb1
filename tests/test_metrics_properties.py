"""Invariants between grains, checked on a real store with generated rows."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from headway.workspace import Workspace
from test_metrics_kinds import CONFIG

ROWS = st.lists(
    st.tuples(st.integers(0, 30 * 24 - 1), st.sampled_from(["ann", "bob", "cat", "dan"])),
    max_size=25,
)


@settings(max_examples=15, deadline=None)
@given(ROWS)
def test_month_and_daily_counts(rows: list[tuple[int, str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "headway.yaml").write_text(CONFIG, encoding="utf-8")
        ws = Workspace(root, as_of=dt.datetime(2026, 12, 15, tzinfo=dt.UTC))
        start = dt.datetime(2026, 11, 1, 7, tzinfo=dt.UTC)  # November opens at 07:00Z in LA
        for i, (hour, actor) in enumerate(rows):
            ws.store.con.execute(
                "INSERT INTO events (event_id, time, platform, event, actor) "
                "VALUES (?, ?, 'o', 'x', ?)",
                [str(i), start + dt.timedelta(hours=hour), actor],
            )
        daily = ws.kpi_series("actors_day", start="2026-11-01", end="2026-11-30")
        month = ws.kpi_value("actors_month", "2026-11")
        assert month.value is not None
        assert month.value <= sum(p.value or 0 for p in daily.points)
        assert ws.kpi_value("events_day_sum", "2026-11").value == len(rows)
        ws.close()
