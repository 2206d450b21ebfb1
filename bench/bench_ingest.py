"""Ingest benchmark: Headway's validating ingest of ``events`` against DuckDB's raw load.

    python bench/bench_ingest.py                      # 1M and 10M rows, CSV and Parquet
    python bench/bench_ingest.py --rows 1000000 --formats csv --no-readme

The files (DESIGN §4 ``events`` contract) are generated once by DuckDB SQL into
``bench/data/`` and reused. Each load runs in its own child process, one after the other:

- ``duckdb``: ``CREATE TABLE t AS SELECT * FROM read_csv(…)`` / ``read_parquet(…)`` into
  a fresh DuckDB file — the floor: no validation, types sniffed;
- ``headway``: ``Workspace.ingest("events", [path])`` into a fresh workspace — every value
  checked against the contract, rejected rows reported, keys deduplicated, one batch.

Both are timed from opening the database to closing it (the checkpoint included).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

import _common as c

EPOCH_2025 = 1735689600  # 2025-01-01T00:00:00Z
YEAR_S = 365 * 86400
PLATFORMS = ["observability", "ci-cd", "kubernetes", "portal"]
EVENTS = ["login", "query", "sdk_download", "deploy"]
SDKS = ["python", "go", "java", "node"]


def events_select(n: int) -> str:
    """``n`` events over 2025, in time order, with a mix of ``Z`` and ``+02:00`` offsets.

    Columns as text where the contract's file format is text (``time``, ``attributes``),
    so CSV and Parquet carry the same values. Deterministic: everything derives from i.
    """

    def pick(options: list[str], h: str) -> str:
        return f"[{', '.join(repr(o) for o in options)}][CAST({h} % {len(options)} AS BIGINT) + 1]"

    return f"""
SELECT printf('ev-%010d', i) AS event_id,
       CASE WHEN i % 4 = 0
            THEN strftime(make_timestamp((ts + 7200) * 1000000), '%Y-%m-%dT%H:%M:%S') || '+02:00'
            ELSE strftime(make_timestamp(ts * 1000000), '%Y-%m-%dT%H:%M:%S') || 'Z' END AS time,
       {pick(PLATFORMS, "h")} AS platform,
       {pick(EVENTS, "(h >> 8)")} AS event,
       printf('tenant-%04d', CAST((h >> 16) % 3000 AS BIGINT)) AS tenant,
       printf('user-%05d', CAST((h >> 28) % 30000 AS BIGINT)) AS actor,
       CAST(json_object('sdk', {pick(SDKS, "(h >> 44)")},
                        'version', printf('%d.%d.0', (h >> 48) % 5, (h >> 52) % 10)) AS VARCHAR)
           AS attributes,
       CAST(1 + (h >> 56) % 10 AS DOUBLE) AS value
FROM (SELECT i, hash(i) AS h, {EPOCH_2025} + (i * {YEAR_S} // {n}) AS ts FROM range({n}) r(i))
ORDER BY i
"""


def data_file(n: int, fmt: str, data_dir: Path = c.DATA) -> Path:
    """The events file of ``n`` rows in ``fmt`` (``csv`` or ``parquet``), generated once."""
    path = data_dir / f"events-{n}.{fmt}"
    done = path.with_name(path.name + ".done")
    if path.exists() and done.exists():
        return path
    import duckdb

    data_dir.mkdir(parents=True, exist_ok=True)
    options = "FORMAT csv, HEADER true" if fmt == "csv" else "FORMAT parquet"
    tmp = path.with_name(path.name + ".tmp")
    con = duckdb.connect()
    try:
        con.execute("SET enable_progress_bar = false")
        con.execute(f"COPY ({events_select(n)}) TO '{tmp.as_posix()}' ({options})")
    finally:
        con.close()
    tmp.replace(path)
    done.touch()
    return path


# --- the two loads, each run in a child -----------------------------------------------
def load_duckdb(path: Path, work: Path) -> dict[str, float]:
    import duckdb

    db = work / "raw.duckdb"
    reader = "read_csv" if path.suffix == ".csv" else "read_parquet"
    started = time.perf_counter()
    con = duckdb.connect(str(db))
    con.execute(f"CREATE TABLE t AS SELECT * FROM {reader}('{path.as_posix()}')")
    row = con.execute("SELECT count(*) FROM t").fetchone()
    con.close()
    return {"seconds": time.perf_counter() - started, "rows": int(row[0]) if row else 0}


def load_headway(path: Path, work: Path) -> dict[str, float]:
    from headway.workspace import Workspace

    (work / "headway.yaml").write_text("workspace: bench\ntimezone: UTC\ncurrency: USD\n")
    started = time.perf_counter()
    ws = Workspace(work)
    [res] = ws.ingest("events", [path])
    ws.close()
    seconds = time.perf_counter() - started
    if res.rows_rejected or res.rows_loaded != res.rows_read:
        raise SystemExit(f"headway rejected rows: {res.rejections[:3]}")
    return {"seconds": seconds, "rows": res.rows_loaded}


def child(engine: str, path: Path, work: Path) -> None:
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    try:
        result = (load_duckdb if engine == "duckdb" else load_headway)(path, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    c.emit(result)


# --- the parent -----------------------------------------------------------------------
def measure(n: int, fmt: str) -> dict[str, c.Measured]:
    path = data_file(n, fmt)
    out = {}
    for engine in ("duckdb", "headway"):
        work = c.DATA / f"work-{engine}"
        out[engine] = c.run_child([__file__, "--child", engine, str(path), str(work)])
        r = out[engine]
        print(
            f"  {fmt} {c.human(n)} {engine}: {r.result['seconds']:.2f} s, peak {c.gib(r.peak_rss)}",
            file=sys.stderr,
        )
        if r.result["rows"] != n:
            raise SystemExit(f"{engine} loaded {r.result['rows']} rows, expected {n}")
    return out


def report(results: list[tuple[int, str, dict[str, c.Measured]]], command: str) -> str:
    rows = []
    for n, fmt, r in results:
        d, h = r["duckdb"], r["headway"]
        d_rate, h_rate = n / d.result["seconds"], n / h.result["seconds"]
        ratio = h_rate / d_rate
        peak_ok = "" if n < 10_000_000 or h.peak_rss <= 2 * 2**30 else " ✗"
        rows.append(
            [
                c.human(n),
                fmt,
                f"{d.result['seconds']:.2f} s",
                f"{c.human(d_rate)}/s",
                f"{d.cpu:.1f} s",
                c.gib(d.peak_rss),
                f"{h.result['seconds']:.2f} s",
                f"{c.human(h_rate)}/s",
                f"{h.cpu:.1f} s",
                c.gib(h.peak_rss) + peak_ok,
                f"{ratio:.2f}×" + ("" if ratio >= 0.5 else " ✗"),
                f"{d.cpu / h.cpu:.2f}×",
            ]
        )
    header = [
        "rows",
        "format",
        "DuckDB raw",
        "DuckDB rate",
        "DuckDB CPU",
        "DuckDB peak RSS",
        "Headway ingest",
        "Headway rate",
        "Headway CPU",
        "Headway peak RSS",
        "Headway ÷ DuckDB rate",
        "DuckDB CPU ÷ Headway CPU",
    ]
    return (
        f"Run `{command}` on {c.today()}; machine: {c.machine()}.\n\n"
        + c.table(header, rows)
        + "\n\nTargets: Headway's rate ≥ 0.5× DuckDB's; peak RSS ≤ 2 GiB at 10M rows "
        "(✗ marks a miss). Time and rate: wall clock inside the child; CPU: the child's user + "
        "system seconds (all threads, start-up included), steadier on a shared machine."
    )


def main(argv: list[str]) -> None:
    if argv[:1] == ["--child"]:
        child(argv[1], Path(argv[2]), Path(argv[3]))
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", default="1000000,10000000", help="comma-separated row counts")
    ap.add_argument("--formats", default="csv,parquet")
    ap.add_argument("--no-readme", action="store_true", help="print only, keep README.md")
    args = ap.parse_args(argv)
    results = []
    for n in (int(x) for x in args.rows.split(",")):
        for fmt in args.formats.split(","):
            results.append((n, fmt, measure(n, fmt)))
    command = "python bench/bench_ingest.py " + " ".join(argv)
    text = report(results, command.strip())
    print(text)
    if not args.no_readme:
        c.write_section("bench_ingest", text)


if __name__ == "__main__":
    main(sys.argv[1:])
