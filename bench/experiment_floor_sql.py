"""The hand-written SQL floor's three year scans, with local periods cut two ways.

    python bench/experiment_floor_sql.py bench/data/ws-big-50000000

For each scan of :func:`floors_big.by_sql` (distinct actors and logins per local day,
distinct actors and tenants and logins per month, SDK downloads per month) it times:

- ``timezone``: the natural way, every row converted — ``CAST(timezone(tz, time) AS
  DATE)`` for days, ``strftime(date_trunc('month', timezone(tz, time)), '%Y-%m')`` for
  months;
- ``hour join``: what ``by_sql`` does — an integer hash join of the row's UTC hour
  (``epoch_us(time) // 3600000000``) against the year's 8,760 hours, each labelled with
  its local day and month (exact for a zone whose offsets are whole hours).

Best of 2, wall and CPU seconds (user + system, all threads); both cuts must give the
same rows.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import duckdb
from floors_big import _HOURS, _LOGINS, _ON_HOUR, HI, LO, TZ

_SDK = f"e.event = 'sdk_download' AND e.time >= {LO} AND e.time < {HI}"
_DAY = f"CAST(timezone('{TZ}', e.time) AS DATE)"
_MONTH = f"strftime(date_trunc('month', timezone('{TZ}', e.time)), '%Y-%m')"
_DAILY = "count(DISTINCT e.actor), count(*)"
_MONTHLY = "count(DISTINCT e.actor), count(DISTINCT e.tenant), count(*)"

SCANS = {
    "logins per day": (
        f"SELECT {_DAY} AS p, {_DAILY} FROM events e WHERE {_LOGINS} GROUP BY p",
        f"WITH {_HOURS} SELECT hours.day, {_DAILY} FROM events e {_ON_HOUR} "
        f"WHERE {_LOGINS} GROUP BY hours.day",
    ),
    "logins per month": (
        f"SELECT {_MONTH} AS p, {_MONTHLY} FROM events e WHERE {_LOGINS} GROUP BY p",
        f"WITH {_HOURS} SELECT hours.month, {_MONTHLY} FROM events e {_ON_HOUR} "
        f"WHERE {_LOGINS} GROUP BY hours.month",
    ),
    "downloads per month": (
        f"SELECT {_MONTH} AS p, count(*) FROM events e WHERE {_SDK} GROUP BY p",
        f"WITH {_HOURS} SELECT hours.month, count(*) FROM events e {_ON_HOUR} "
        f"WHERE {_SDK} GROUP BY hours.month",
    ),
}


def timed(con: duckdb.DuckDBPyConnection, sql: str, runs: int = 2) -> tuple[float, float, list]:
    """Best wall time and best CPU time of ``runs``, and the rows (sorted)."""
    best, best_cpu, rows = 1e9, 1e9, []
    for _ in range(runs):
        started, cpu = time.perf_counter(), os.times()
        rows = sorted(con.execute(sql).fetchall())
        after = os.times()
        best = min(best, time.perf_counter() - started)
        best_cpu = min(best_cpu, after.user + after.system - cpu.user - cpu.system)
    return best, best_cpu, rows


def main(root: Path) -> None:
    con = duckdb.connect(str(root / ".headway" / "headway.duckdb"), read_only=True)
    con.execute("SET enable_progress_bar = false")
    print(f"{'scan':22s} {'timezone':>18s} {'hour join':>18s}   (wall / CPU s)")
    for name, (by_timezone, by_hour) in SCANS.items():
        wall_tz, cpu_tz, rows_tz = timed(con, by_timezone)
        wall_h, cpu_h, rows_h = timed(con, by_hour)
        assert rows_tz == rows_h, (name, rows_tz[:3], rows_h[:3])
        print(f"{name:22s} {wall_tz:8.2f} / {cpu_tz:6.2f}  {wall_h:8.2f} / {cpu_h:6.2f}")
    con.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
