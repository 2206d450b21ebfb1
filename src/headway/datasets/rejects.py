"""The rejected-rows file: each rejected row's original values plus ``line`` and ``reason``."""

from __future__ import annotations

from pathlib import Path

import duckdb

from headway.datasets.lines import STAGE, LineMap
from headway.datasets.readers import Malformed, Source, sql_ident, sql_str

__all__ = ["write_rejected"]


def _names(columns: list[str]) -> tuple[str, str]:
    line, reason = "line", "reason"
    while line in columns:
        line = "_" + line
    while reason in columns:
        reason = "_" + reason
    return line, reason


def write_rejected(
    con: duckdb.DuckDBPyConnection,
    src: Source,
    lines: LineMap,
    malformed: list[Malformed],
    final: Path,
) -> Path:
    """Write the rejected rows, ordered by line, next to ``final``; returns that path.

    The caller renames it to ``final`` once the batch is committed, so a killed ingest
    leaves no rejected file that claims a batch.
    """
    final.parent.mkdir(parents=True, exist_ok=True)
    partial = final.with_name(final.name + ".partial")
    line, reason = _names(src.columns)
    cols = ", ".join(f"src.{sql_ident(c)}" for c in src.columns)
    bad = lines.with_lines(
        f"SELECT {lines.rn} AS _rn, _reason FROM {STAGE} WHERE _reason IS NOT NULL"
    )
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE _hw_bad AS SELECT {cols}, s._line AS {sql_ident(line)}, "
        f"s._reason AS {sql_ident(reason)} FROM ({src.reread_sql}) src "
        f"JOIN ({bad}) s USING (_rn)"
    )
    width = len(src.columns)
    for m in malformed:
        values = [*m.values[:width], *([None] * max(0, width - len(m.values)))]
        marks = ", ".join("?" for _ in range(width + 2))
        con.execute(f"INSERT INTO _hw_bad VALUES ({marks})", [*values, m.line, m.reason])
    con.execute(
        f"COPY (SELECT * FROM _hw_bad ORDER BY {sql_ident(line)}) TO {sql_str(str(partial))} "
        "(FORMAT csv, HEADER true)"
    )
    con.execute("DROP TABLE _hw_bad")
    return partial
