"""Where a scorecard refresh spends its time: every KPI query, timed and grouped.

    python bench/profile_scorecard.py bench/data/ws-big-50000000 2026-12-01

The workspace's connection is wrapped (see :mod:`profile_ingest`); queries are grouped
by their filter and measure (the part that does not change with the periods asked).
"""

from __future__ import annotations

import re
import sys
import time
from collections import defaultdict
from pathlib import Path

from profile_ingest import TimedConnection

_ROWS = re.compile(
    r'kpi_rows AS \( SELECT \* FROM "?(\w+)"? AS t WHERE (.*?) \)(?: SELECT|, hours)'
)
_MEASURE = re.compile(r"AS grouping_id, (.*?) AS value|SELECT (COUNT\( DISTINCT CASE WHEN)")
_TIME = re.compile(r"\( t\.\"time\" >= CAST\(.*?\) AND t\.\"time\" < CAST\(.*?\) \) AND ")


def main(root: Path, as_of: str) -> None:
    from headway.workspace import Workspace

    ws = Workspace(root, read_only=True)
    ws.set_as_of(as_of)
    timed = TimedConnection(ws.store.con)
    ws.store.con = timed  # type: ignore[assignment]
    started = time.perf_counter()
    ws.scorecard()
    total = time.perf_counter() - started
    ws.close()
    groups: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for seconds, sql in timed.log:
        rows, measure = _ROWS.search(sql), _MEASURE.search(sql)
        where = _TIME.sub("", rows.group(2)) if rows else sql[:60]
        what = (measure.group(1) or "coverage") if measure else "?"
        key = f"{what} | {where}"
        buckets = sql.count("AS TIMESTAMPTZ) )") - 1 if "VALUES" in sql else 0
        groups[key].append((seconds, buckets))
    print(f"scorecard: {total:.2f} s, {len(timed.log)} statements")
    for key, runs in sorted(groups.items(), key=lambda kv: -sum(s for s, _ in kv[1])):
        spent = sum(s for s, _ in runs)
        sizes = sorted({b for _, b in runs})
        print(f"{spent:7.2f} s {100 * spent / total:5.1f} % {len(runs):3d}× buckets {sizes}  {key}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
