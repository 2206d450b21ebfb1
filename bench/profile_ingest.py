"""Where Headway's ingest spends its time: every SQL statement it runs, timed.

    python bench/profile_ingest.py bench/data/events-10000000.csv

The workspace's connection is wrapped in a proxy that times each ``execute`` (no change
to Headway); the statements are printed slowest first with their share of the total.
"""

from __future__ import annotations

import resource
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import _common as c


class TimedConnection:
    """A DuckDB connection that records (seconds, statement) for each ``execute``."""

    def __init__(self, con: Any) -> None:
        self._con = con
        self.log: list[tuple[float, str]] = []

    def execute(self, sql: str, *args: Any) -> Any:
        started = time.perf_counter()
        try:
            return self._con.execute(sql, *args)
        finally:
            self.log.append((time.perf_counter() - started, " ".join(sql.split())))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)


def main(path: Path) -> None:
    from headway.workspace import Workspace

    work = c.DATA / "work-profile"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    (work / "headway.yaml").write_text("workspace: bench\ntimezone: UTC\ncurrency: USD\n")
    ws = Workspace(work)
    timed = TimedConnection(ws.store.con)
    ws.store.con = timed  # type: ignore[assignment]
    started = time.perf_counter()
    [res] = ws.ingest("events", [path])
    ingest_s = time.perf_counter() - started
    t = time.perf_counter()
    ws.close()
    close_s = time.perf_counter() - t
    shutil.rmtree(work, ignore_errors=True)
    total = ingest_s + close_s
    print(f"{path.name}: {res.rows_loaded} rows; ingest {ingest_s:.2f} s + close {close_s:.2f} s")
    print(f"peak RSS {c.gib(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)}")
    for seconds, sql in sorted(timed.log, reverse=True)[:8]:
        print(f"{seconds:7.2f} s {100 * seconds / total:5.1f} %  {sql[:220]}")
    other = ingest_s - sum(s for s, _ in timed.log)
    print(f"{other:7.2f} s {100 * other / total:5.1f} %  (outside SQL: checksum wait, Python)")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
