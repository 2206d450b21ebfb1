"""What the ingest's staging statement costs, part by part.

    python bench/experiment_ingest_sql.py bench/data/events-10000000.csv

Captures the staging SELECT Headway runs for the file (through the profiler's proxy, on a
throw-away workspace, without loading anything), then times variants of it, each as
``CREATE TEMP TABLE … AS`` in a fresh DuckDB file, with wall and CPU seconds:

- ``read only``: the reader's SELECT (``row_number() OVER ()``, every column as text);
- ``read, no row_number``: ``read_csv`` alone (CSV: DuckDB gives no line number);
- ``stage``: the full staging SELECT (types, checks, reasons);
- ``stage, no attributes check``: with the JSON-object-of-strings check replaced by
  ``TRY_CAST(v AS JSON)``;
- ``stage, no time regex``: with the offset regex replaced by ``TRY_CAST(v AS TIMESTAMPTZ)``.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sys
import time
from pathlib import Path

import _common as c
import duckdb
from profile_ingest import TimedConnection


def capture(path: Path) -> str:
    """The staging SELECT of ``path`` as Headway builds it."""
    from headway.workspace import Workspace

    work = c.DATA / "work-capture"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    (work / "headway.yaml").write_text("workspace: bench\ntimezone: UTC\ncurrency: USD\n")
    ws = Workspace(work)
    timed = TimedConnection(ws.store.con)

    class Stop(Exception):
        pass

    def execute(sql: str, *args: object) -> object:
        if sql.startswith("CREATE OR REPLACE TEMP TABLE _hw_stage AS "):
            timed.log.append((0.0, sql))
            raise Stop
        return timed._con.execute(sql, *args)

    timed.execute = execute  # type: ignore[method-assign]
    ws.store.con = timed  # type: ignore[assignment]
    with contextlib.suppress(Stop):
        ws.ingest("events", [path])
    ws.close()
    shutil.rmtree(work, ignore_errors=True)
    return timed.log[-1][1].removeprefix("CREATE OR REPLACE TEMP TABLE _hw_stage AS ")


def run(sql: str) -> tuple[float, float]:
    db = c.DATA / "work-experiment.duckdb"
    db.unlink(missing_ok=True)
    con = duckdb.connect(str(db))
    con.execute("SET enable_progress_bar = false")
    started, cpu = time.perf_counter(), os.times()
    con.execute(f"CREATE TEMP TABLE x AS {sql}")
    after = os.times()
    con.close()
    db.unlink(missing_ok=True)
    return time.perf_counter() - started, after.user + after.system - cpu.user - cpu.system


def main(path: Path) -> None:
    stage = capture(path)
    source = re.search(r"FROM \((SELECT .*?)\)\), t AS", stage, re.S)
    assert source is not None
    read = source.group(1)
    variants = {
        "read only": read,
        "read, no row_number": read.replace("row_number() OVER () AS _rn, ", ""),
        "stage": stage,
        "stage, no attributes check": re.sub(
            r"CASE WHEN json_valid\((v\d+)\).*?THEN TRY_CAST\(\1 AS JSON\) END",
            r"TRY_CAST(\1 AS JSON)",
            stage,
        ),
        "stage, no time regex": re.sub(
            r"CASE WHEN (v\d+) IS NULL THEN NULL WHEN regexp_matches\(\1,.*?"
            r"ELSE CAST\(NULL AS TIMESTAMPTZ\) END",
            r"TRY_CAST(\1 AS TIMESTAMPTZ)",
            stage,
        ),
    }
    for name, sql in variants.items():
        if name != "stage" and sql == stage:
            print(f"{name}: pattern not found, skipped")
            continue
        wall, cpu = run(sql)
        print(f"{path.name} {name:28s} {wall:6.2f} s wall {cpu:6.2f} s CPU")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
