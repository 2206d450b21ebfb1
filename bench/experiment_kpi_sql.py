"""One KPI query, several shapes: what the engine's grouped query costs and why.

    python bench/experiment_kpi_sql.py bench/data/ws-big-50000000 [KPI]

For a month-grain KPI over 12 months (a sparkline), or a day-grain KPI over the 60 days
of two months (what a ratio of daily actives asks per month), it times:

0. ``engine now``: the query Headway runs today (:func:`aggregate_sql`: rows placed in
   their grain period by a hash join on the UTC hour, grouped by grain period; coverage
   is a separate query for the shown period only);
1. ``engine``: the single query Headway compiled before (VALUES periods, range join,
   GROUPING SETS, the coverage count);
2. ``no coverage``: the same without ``tenants_reporting``;
3. ``no whole-period set``: the same without the ``(outer_label)`` grouping set;
4. ``neither``: without both;
5. ``date_trunc``: buckets by ``date_trunc(grain, timezone(tz, time))`` joined to the
   period labels by equality (no range join), with the coverage count and the
   whole-period set computed as the engine does.
"""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

import duckdb


def timed(con: duckdb.DuckDBPyConnection, sql: str, runs: int = 3) -> tuple[float, float, list]:
    """Best wall time and best CPU time (user + system, all threads) of ``runs``."""
    best, best_cpu, rows = 1e9, 1e9, []
    for _ in range(runs):
        started, cpu = time.perf_counter(), os.times()
        rows = con.execute(sql).fetchall()
        after = os.times()
        best = min(best, time.perf_counter() - started)
        best_cpu = min(best_cpu, after.user + after.system - cpu.user - cpu.system)
    return best, best_cpu, rows


def main(root: Path, kpi_id: str) -> None:
    from headway.metrics.aggregate_eval import aggregate_sql
    from headway.metrics.compile import Bucket, compile_grouped
    from headway.periods import parse_period, periods_between, periods_in
    from headway.workspace import Workspace

    ws = Workspace(root, read_only=True)
    kpi = ws.config.kpi(kpi_id)
    assert kpi is not None
    if kpi.grain == "day":
        months = [parse_period("2026-10"), parse_period("2026-11")]
        buckets = [Bucket(m.label, d) for m in months for d in periods_in(m, "day")]
    else:
        months = periods_between(parse_period("2025-12"), parse_period("2026-11"))
        buckets = [Bucket(m.label, m) for m in months]
    con = ws.store.con
    con.execute("SET enable_progress_bar = false")
    engine = compile_grouped(kpi, ws.config, buckets)
    flat = " ".join(engine.split())
    cov = re.search(r", COUNT\( DISTINCT CASE WHEN .*? AS tenants_reporting", flat)
    assert cov is not None, flat
    no_cov = flat.replace(cov.group(0), "")
    no_whole = re.sub(r",\s*\(\s*p\.outer_label\s*\)\s*\)", ")", flat)
    assert no_whole != flat
    lean = re.sub(r",\s*\(\s*p\.outer_label\s*\)\s*\)", ")", no_cov)
    tz = ws.config.timezone
    grain = "day" if kpi.grain == "day" else "month"
    fmt = "%Y-%m-%d" if grain == "day" else "%Y-%m"
    measure = flat[flat.index("AS grouping_id, ") + 16 : flat.index(" AS value")]
    where = flat[flat.index("AS t WHERE ") + 11 : flat.index(") SELECT")]
    labels = ", ".join(f"('{b.outer}', '{b.period.label}')" for b in buckets)
    trunc = f"""
        WITH periods AS (SELECT * FROM (VALUES {labels}) AS v(outer_label, period)),
        kpi_rows AS (SELECT *, strftime(date_trunc('{grain}', timezone('{tz}', t."time")), '{fmt}')
                     AS bucket FROM events AS t WHERE {where})
        SELECT p.outer_label, p.period, GROUPING(p.period) AS grouping_id,
               {measure} AS value, COUNT(t."time") AS row_count,
               {cov.group(0).removeprefix(", ")}
        FROM periods AS p LEFT JOIN kpi_rows AS t ON t.bucket = p.period
        GROUP BY GROUPING SETS ((p.outer_label, p.period), (p.outer_label))
        ORDER BY 1, 2"""
    results = {}
    outer = sorted({b.outer: parse_period(b.outer) for b in buckets}.values(), key=str)
    now = aggregate_sql(kpi, ws.config, outer)
    assert now is not None
    for name, sql in [
        ("engine now", now),
        ("engine", flat),
        ("no coverage", no_cov),
        ("no whole-period set", no_whole),
        ("neither", lean),
        ("date_trunc", trunc),
    ]:
        seconds, cpu, rows = timed(con, sql)
        results[name] = rows
        print(
            f"{kpi_id}, {len(buckets)} buckets, {name:20s} {seconds:6.2f} s wall {cpu:6.2f} s CPU"
        )
    engine_vals = {(r[0], r[1]): r[3] for r in results["engine"]}
    trunc_vals = {(r[0], r[1]): r[3] for r in results["date_trunc"]}
    print("date_trunc gives the same values:", engine_vals == trunc_vals)
    ws.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "monthly_active_users")
