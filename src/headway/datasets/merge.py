"""Set-based steps over the staged rows: exact lines, keys repeated in a file, the merge.

The staging table ``_hw_stage`` holds one row per record (see :mod:`validate`). These
steps run as a handful of SQL statements whatever the file's size.
"""

from __future__ import annotations

import duckdb

from headway.datasets.contracts import Dataset
from headway.datasets.readers import Malformed, sql_ident

__all__ = ["STAGE", "apply_policy", "fix_lines", "reject_repeated_keys"]

STAGE = "_hw_stage"


def fix_lines(con: duckdb.DuckDBPyConnection, malformed: list[Malformed]) -> None:
    """Make ``_line`` exact when values span lines or the reader set records aside.

    line₀ = 1 + record number + newlines inside the records before it; each record set
    aside (at file line Sⱼ, spanning spanⱼ lines) shifts the rows after it by spanⱼ.
    """
    con.execute("CREATE OR REPLACE TEMP TABLE _hw_gaps (pos BIGINT, span BIGINT)")
    removed = 0
    for m in malformed:
        con.execute("INSERT INTO _hw_gaps VALUES (?, ?)", [m.start - removed, m.span])
        removed += m.span
    con.execute(
        f"""UPDATE {STAGE} SET _line = l.line FROM (
            SELECT _rn, line0 + coalesce(
                (SELECT sum(span) FROM _hw_gaps g WHERE g.pos <= line0), 0) AS line
            FROM (SELECT _rn, 1 + _rn + coalesce(sum(_nl) OVER (ORDER BY _rn ROWS BETWEEN
                  UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS line0 FROM {STAGE})
        ) l WHERE {STAGE}._rn = l._rn"""
    )
    con.execute("DROP TABLE _hw_gaps")


def _keys(ds: Dataset) -> str:
    return ", ".join(sql_ident(k) for k in ds.key)


def _key_match(ds: Dataset, left: str, right: str) -> str:
    return " AND ".join(f"{left}.{sql_ident(k)} = {right}.{sql_ident(k)}" for k in ds.key)


def reject_repeated_keys(con: duckdb.DuckDBPyConnection, ds: Dataset) -> None:
    """A key seen again later in the same file: the later row is rejected."""
    keys = _keys(ds)
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE _hw_dupkeys AS SELECT {keys} FROM {STAGE} "
        f"WHERE _reason IS NULL GROUP BY {keys} HAVING count(*) > 1"
    )
    row = con.execute("SELECT count(*) FROM _hw_dupkeys").fetchone()
    if row and row[0]:
        con.execute(
            f"""UPDATE {STAGE} SET _reason = 'key repeated inside the file (first at line '
                    || d.first_line || ')'
                FROM (SELECT _rn, row_number() OVER w AS k, first_value(_line) OVER w AS first_line
                      FROM {STAGE} s SEMI JOIN _hw_dupkeys d ON {_key_match(ds, "s", "d")}
                      WHERE _reason IS NULL
                      WINDOW w AS (PARTITION BY {keys} ORDER BY _rn)) d
                WHERE {STAGE}._rn = d._rn AND d.k > 1"""
        )
    con.execute("DROP TABLE _hw_dupkeys")


def _count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def apply_policy(con: duckdb.DuckDBPyConnection, ds: Dataset, batch_id: int) -> tuple[int, int]:
    """Merge the valid staged rows into the dataset's table: (loaded, replaced)."""
    table = sql_ident(ds.name)
    cols = [sql_ident(c) for c in ds.column_names]
    if ds.extra_column:
        cols.append(sql_ident(ds.extra_column))
    col_list = ", ".join(cols)
    valid = f"SELECT * FROM {STAGE} WHERE _reason IS NULL"
    replaced = 0
    if ds.policy == "skip":
        stored = f"SELECT 1 FROM {table} t WHERE {_key_match(ds, 't', 's')}"
        source = f"({valid}) s WHERE NOT EXISTS ({stored})"
    else:
        replaced = _count(
            con,
            f"DELETE FROM {table} t USING (SELECT DISTINCT {_keys(ds)} FROM ({valid})) s "
            f"WHERE {_key_match(ds, 't', 's')}",
        )
        source = f"({valid}) s"
    loaded = _count(
        con,
        f"INSERT INTO {table} ({col_list}, _batch_id) SELECT {col_list}, {int(batch_id)} "
        f"FROM {source}",
    )
    return loaded, replaced
