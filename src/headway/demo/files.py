"""Writing generated columns to files, byte for byte reproducibly.

Generators hand over numpy columns and a SELECT that shapes them (formats timestamps,
builds JSON, orders rows); a single-threaded in-memory DuckDB runs ``COPY … TO`` so no
Python loop touches individual rows. ``ORDER BY`` in every SELECT fixes the row order.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Literal

import duckdb

from headway.demo.timeline import Arr

__all__ = ["ISO", "write_table"]

#: Epoch seconds column → ISO-8601 UTC text, e.g. ``iso(time_s)``.
ISO = "strftime(make_timestamp(({0})::BIGINT * 1000000), '%Y-%m-%dT%H:%M:%SZ')"


def write_table(
    path: Path,
    columns: Mapping[str, Arr],
    select: str,
    fmt: Literal["csv", "json"] = "csv",
) -> int:
    """Write ``select`` (over a table ``src`` holding ``columns``) to ``path``; rows written."""
    con = duckdb.connect(config={"threads": 1})
    try:
        con.execute("SET enable_progress_bar = false")  # it would print to stdout
        con.register("src", dict(columns))
        options = "FORMAT csv, HEADER true" if fmt == "csv" else "FORMAT json"
        target = path.as_posix().replace("'", "''")
        row = con.execute(f"COPY ({select}) TO '{target}' ({options})").fetchone()
        return int(row[0]) if row else 0
    finally:
        con.close()
