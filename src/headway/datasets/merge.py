"""Set-based steps over the staged rows: keys repeated in a file, and the merge.

The staging table ``_hw_stage`` holds one row per record, in file order (see
:mod:`validate`). These steps run as a handful of SQL statements whatever the file's
size; lines are computed only for the rows that need one (:mod:`lines`).
"""

from __future__ import annotations

import duckdb

from headway.datasets.contracts import Dataset
from headway.datasets.lines import STAGE, LineMap
from headway.datasets.readers import sql_ident

__all__ = ["STAGE", "apply_policy", "reject_repeated_keys"]


def _keys(ds: Dataset) -> str:
    return ", ".join(sql_ident(k) for k in ds.key)


def _key_match(ds: Dataset, left: str, right: str) -> str:
    return " AND ".join(f"{left}.{sql_ident(k)} = {right}.{sql_ident(k)}" for k in ds.key)


def _count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def reject_repeated_keys(con: duckdb.DuckDBPyConnection, ds: Dataset, lines: LineMap) -> None:
    """A key seen again later in the same file: the later row is rejected."""
    keys = _keys(ds)
    # Distinct hashes mean distinct keys: sorting 8-byte hashes and comparing neighbours is
    # about twice as cheap as grouping 10M keys; the exact GROUP BY runs only on a repeat.
    repeated_hash = (
        f"SELECT count(*) FROM (SELECT h = lag(h) OVER (ORDER BY h) AS same FROM "
        f"(SELECT hash({keys}) AS h FROM {STAGE} WHERE _reason IS NULL)) WHERE same"
    )
    if not _count(con, repeated_hash):
        return
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE _hw_dupkeys AS SELECT {keys} FROM {STAGE} "
        f"WHERE _reason IS NULL GROUP BY {keys} HAVING count(*) > 1"
    )
    if _count(con, "SELECT count(*) FROM _hw_dupkeys"):
        rn = lines.rn
        con.execute(
            f"""CREATE OR REPLACE TEMP TABLE _hw_dups AS SELECT * FROM (
                SELECT {rn} AS _rn, first_value({rn}) OVER w AS _first, row_number() OVER w AS k
                FROM {STAGE} s SEMI JOIN _hw_dupkeys d ON {_key_match(ds, "s", "d")}
                WHERE _reason IS NULL WINDOW w AS (PARTITION BY {keys} ORDER BY {rn})
            ) WHERE k > 1"""
        )
        firsts = lines.with_lines("SELECT DISTINCT _first AS _rn FROM _hw_dups")
        con.execute(
            f"""UPDATE {STAGE} SET _reason = 'key repeated inside the file (first at line '
                    || f._line || ')'
                FROM (SELECT d._rn, l._line FROM _hw_dups d JOIN ({firsts}) l
                      ON d._first = l._rn) f
                WHERE {lines.of_rn(STAGE)} = f._rn"""
        )
        con.execute("DROP TABLE _hw_dups")
    con.execute("DROP TABLE _hw_dupkeys")


def apply_policy(con: duckdb.DuckDBPyConnection, ds: Dataset, batch_id: int) -> tuple[int, int]:
    """Merge the valid staged rows into the dataset's table: (loaded, replaced)."""
    table = sql_ident(ds.name)
    cols = [sql_ident(c) for c in ds.column_names]
    if ds.extra_column:
        cols.append(sql_ident(ds.extra_column))
    col_list = ", ".join(cols)
    valid = f"SELECT * FROM {STAGE} WHERE _reason IS NULL"
    stored = _count(con, f"SELECT count(*) FROM (SELECT 1 FROM {table} LIMIT 1)")
    replaced = 0
    source = f"({valid}) s"
    if stored and ds.policy == "skip":
        match = f"SELECT 1 FROM {table} t WHERE {_key_match(ds, 't', 's')}"
        source = f"({valid}) s WHERE NOT EXISTS ({match})"
    elif stored:
        replaced = _count(
            con,
            f"DELETE FROM {table} t USING (SELECT DISTINCT {_keys(ds)} FROM ({valid})) s "
            f"WHERE {_key_match(ds, 't', 's')}",
        )
    loaded = _count(
        con,
        f"INSERT INTO {table} ({col_list}, _batch_id) SELECT {col_list}, {int(batch_id)} "
        f"FROM {source}",
    )
    return loaded, replaced
