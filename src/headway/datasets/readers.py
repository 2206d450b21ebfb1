"""Reading input files with DuckDB, in file order, each column as text or its own type.

A reader turns one file into a SQL source (``Source.sql``) that yields the file's columns
under their own names, in file order: CSV and JSON values as VARCHAR, Parquet columns in
their stored type (nested ones as JSON text). ``Source.reread_sql`` yields the same rows
as text with ``_rn``, the number the staged row gets. Whole-file problems (binary junk,
wrong delimiter, empty file, JSON that is not records) raise :class:`IngestError` before
anything is read into the store.
"""

from __future__ import annotations

import csv
import gzip
import io
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from headway.errors import IngestError

__all__ = ["FORMATS", "Malformed", "Source", "detect_format", "open_source", "sql_str"]

FORMATS = ("csv", "ndjson", "json", "parquet")
_EXTENSIONS = {
    ".csv": "csv",
    ".ndjson": "ndjson",
    ".jsonl": "ndjson",
    ".json": "json",
    ".parquet": "parquet",
}
_SNIFF_BYTES = 1 << 16
_OTHER_DELIMITERS = (";", "\t", "|")
REJECTS_TABLE = "_hw_csv_rejects"
REJECTS_SCAN = "_hw_csv_scans"


def sql_str(text: str) -> str:
    """``text`` as a SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def sql_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True)
class Malformed:
    """A CSV record DuckDB could not split into the header's columns."""

    line: int
    """The line where the record's values start."""
    start: int
    """The first line the record takes (= ``line``; blank lines before it are gaps apart)."""
    span: int
    """Lines the record takes, from ``start``."""
    reason: str
    values: tuple[str, ...]


@dataclass
class Source:
    path: Path
    format: str
    columns: list[str]
    sql: str
    """SELECT yielding the columns (JSON: also ``_hw_rn``, ``_hw_src_reason``; Parquet:
    ``_hw_rn``)."""
    line_offset: int
    """line = record number + offset when no value spans lines (1 for CSV's header)."""
    reread_sql: str = ""
    """The rows as text with ``_rn`` (the staged row's number), to fetch rejected rows."""
    types: dict[str, str] = field(default_factory=dict)
    """The DuckDB type of each column in ``sql`` (VARCHAR unless Parquet stores another)."""
    number: str | None = None
    """The column of ``sql`` numbering the records (JSON ``_line``, Parquet ``_rn``); None:
    the rows come in file order (CSV)."""
    reasons: bool = False
    """``sql`` carries ``_hw_src_reason``: a reason when the line is no record (NDJSON)."""


def detect_format(path: Path, input_format: str | None) -> str:
    if input_format is not None:
        if input_format not in FORMATS:
            raise IngestError(
                f"unknown input format {input_format!r}; use one of: {', '.join(FORMATS)}"
            )
        return input_format
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    fmt = _EXTENSIONS.get(suffixes[-1]) if suffixes else None
    if fmt is None:
        raise IngestError(
            f"{path}: cannot tell the format from the file name; name it .csv, .ndjson, "
            ".jsonl, .json or .parquet (optionally .gz), or pass --input-format"
        )
    return fmt


def _head(path: Path) -> bytes:
    with path.open("rb") as fh:
        start = fh.read(_SNIFF_BYTES)
    if start[:2] == b"\x1f\x8b":
        try:
            with gzip.open(path, "rb") as gz:
                return gz.read(_SNIFF_BYTES)
        except (OSError, EOFError) as exc:
            raise IngestError(f"{path}: a broken gzip file ({exc}); compress it again") from None
    return start


def _check_text(path: Path, head: bytes) -> None:
    if not head.strip():
        raise IngestError(f"{path}: the file is empty; nothing to load")
    if b"\x00" in head:
        raise IngestError(
            f"{path}: this is not a text file (it holds binary data); pass a CSV, NDJSON, "
            "JSON or Parquet file"
        )
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut at the sniff boundary
            raise IngestError(
                f"{path}: the file is not UTF-8 text (byte {exc.start}); save it as UTF-8"
            ) from None


def open_source(
    con: duckdb.DuckDBPyConnection, path: Path, fmt: str, *, null_literal: bool
) -> Source:
    """Check the file and describe how to read it; ``null_literal``: ``NULL`` means null."""
    if not path.is_file():
        raise IngestError(f"{path}: no such file")
    if path.stat().st_size == 0:
        raise IngestError(f"{path}: the file is empty; nothing to load")
    if fmt == "parquet":
        return _parquet(con, path)
    _check_text(path, _head(path))
    if fmt == "csv":
        return _csv(con, path, null_literal)
    return _json(con, path, fmt)


def _wrap(path: Path, exc: duckdb.Error, what: str) -> IngestError:
    first = str(exc).splitlines()[0]
    return IngestError(f"{path}: cannot read it as {what}: {first}")


def csv_sql(path: Path, null_literal: bool, *, rejects: bool) -> str:
    """The CSV's records as text; ``rejects``: keep the set-aside ones, else number them."""
    nulls = "['', 'NULL']" if null_literal else "['']"
    opts = (
        f"{sql_str(str(path))}, all_varchar=true, header=true, delim=',', quote='\"', "
        f"escape='\"', nullstr={nulls}, strict_mode=true, ignore_errors=true"
    )
    if rejects:
        opts += f", store_rejects=true, rejects_table='{REJECTS_TABLE}', "
        opts += f"rejects_scan='{REJECTS_SCAN}'"
        return f"SELECT * FROM read_csv({opts})"
    return f"SELECT row_number() OVER () AS _rn, * FROM read_csv({opts})"


def _csv(con: duckdb.DuckDBPyConnection, path: Path, null_literal: bool) -> Source:
    try:
        desc = con.execute(f"DESCRIBE {csv_sql(path, null_literal, rejects=False)}").fetchall()
    except duckdb.Error as exc:
        raise _wrap(path, exc, "CSV") from None
    columns = [str(r[0]) for r in desc][1:]
    if len(columns) == 1:
        for delim in _OTHER_DELIMITERS:
            if delim in columns[0]:
                shown = "tab" if delim == "\t" else repr(delim)
                raise IngestError(
                    f"{path}: the header has one column {columns[0][:60]!r}; the file seems "
                    f"separated by {shown}, but Headway reads comma-separated CSV. Convert it "
                    "to commas (e.g. with DuckDB: COPY (FROM read_csv('in.csv')) TO 'out.csv')"
                )
    return Source(
        path,
        "csv",
        columns,
        csv_sql(path, null_literal, rejects=True),
        1,
        csv_sql(path, null_literal, rejects=False),
        dict.fromkeys(columns, "VARCHAR"),
    )


def read_malformed(con: duckdb.DuckDBPyConnection, path: Path, ncols: int) -> list[Malformed]:
    """The records the CSV reader set aside, with their exact first line in the file."""
    try:
        rows = con.execute(
            "SELECT line_byte_position, any_value(csv_line), any_value(error_type), "
            f"any_value(error_message) FROM {REJECTS_TABLE} "
            "GROUP BY line_byte_position ORDER BY line_byte_position"
        ).fetchall()
    except duckdb.CatalogException:
        return []
    if not rows:
        return []
    offsets = [max(0, int(r[0]) - 1) for r in rows]  # DuckDB counts from 1
    lines = _lines_at(path, offsets)
    out: list[Malformed] = []
    for (_, text, kind, message), line in zip(rows, lines, strict=True):
        lead = len(text) - len(text.lstrip("\r\n"))
        body = text.lstrip("\r\n")
        values = next(csv.reader(io.StringIO(body)), [])
        reason = (
            f"wrong number of fields: {len(values)} where the header has {ncols}"
            if kind in ("TOO MANY COLUMNS", "MISSING COLUMNS")
            else f"malformed CSV record: {str(message).splitlines()[0]}"
        )
        first = line + text[:lead].count("\n")  # blank lines before it are not its own
        out.append(Malformed(first, first, 1 + body.count("\n"), reason, tuple(values)))
    return out


def _lines_at(path: Path, offsets: list[int]) -> list[int]:
    """The 1-based line at each byte offset (sorted) of the (decompressed) file."""
    result: list[int] = []
    with path.open("rb") as head:
        opener = gzip.open if head.read(2) == b"\x1f\x8b" else open
    with opener(path, "rb") as fh:
        pos, newlines = 0, 0
        for offset in offsets:
            while pos < offset:
                chunk = fh.read(min(offset - pos, 1 << 20))
                if not chunk:
                    break
                newlines += chunk.count(b"\n")
                pos += len(chunk)
            result.append(newlines + 1)
    return result


def _ndjson_lines(path: Path) -> str:
    """Every line of the file as text, blank ones included, numbered from 1."""
    opts = (
        f"{sql_str(str(path))}, columns={{'line': 'VARCHAR'}}, header=false, "
        "delim='\x01\x02\x03\x04', quote='', escape='', auto_detect=false, "
        "strict_mode=false, max_line_size=67108864, buffer_size=134217728"
    )
    return f"SELECT row_number() OVER () AS _line, line FROM read_csv({opts})"


_NOT_OBJECT = """CASE
    WHEN j IS NULL THEN 'not a JSON object: invalid JSON ''' || left(line, 40) || ''''
    WHEN json_type(j) <> 'OBJECT' THEN 'not a JSON object: ' || lower(json_type(j)) || ' '''
        || left(line, 40) || '''' END"""


def _stage_json(con: duckdb.DuckDBPyConnection, path: Path, fmt: str) -> None:
    """``_hw_json``: one row per record (``_line``, ``j``, ``_src_reason``), in file order."""
    if fmt == "json":
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _hw_json AS SELECT row_number() OVER () AS _line, "
            "json AS j, CAST(NULL AS VARCHAR) AS _src_reason FROM read_json_objects("
            f"{sql_str(str(path))}, format='array')"
        )
        return
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE _hw_json AS SELECT _line, j, {_NOT_OBJECT} AS _src_reason "
        "FROM (SELECT _line, line, CASE WHEN json_valid(line) THEN json(line) END AS j "
        f"FROM ({_ndjson_lines(path)}) WHERE trim(line, ' \t\r') <> '')"
    )


def _json(con: duckdb.DuckDBPyConnection, path: Path, fmt: str) -> Source:
    what = "a JSON array of objects" if fmt == "json" else "NDJSON (one object per line)"
    try:
        _stage_json(con, path, fmt)
        counts = con.execute(
            "SELECT count(*) FILTER (WHERE json_type(j) IS DISTINCT FROM 'OBJECT'), count(*) "
            "FROM _hw_json"
        ).fetchone()
        keys = con.execute(
            "SELECT k FROM (SELECT unnest(json_keys(j)) AS k, _line FROM _hw_json "
            "WHERE json_type(j) = 'OBJECT') GROUP BY k ORDER BY min(_line), k"
        ).fetchall()
    except duckdb.Error as exc:
        raise _wrap(path, exc, what) from None
    nbad, total = (int(counts[0]), int(counts[1])) if counts else (0, 0)
    if nbad and (fmt == "json" or nbad == total):
        _not_records(con, path, fmt, nbad, what)
    columns = [str(k[0]) for k in keys]
    cols = ", ".join(f"j->>{sql_str(c)} AS {sql_ident(c)}" for c in columns)
    head = "_line AS _hw_rn, _src_reason AS _hw_src_reason"
    sql = f"SELECT {head}{', ' + cols if cols else ''} FROM _hw_json"
    reread = f"SELECT _line AS _rn{', ' + cols if cols else ''} FROM _hw_json"
    types = dict.fromkeys(columns, "VARCHAR")
    return Source(path, fmt, columns, sql, 0, reread, types, number="_hw_rn", reasons=True)


def _not_records(
    con: duckdb.DuckDBPyConnection, path: Path, fmt: str, nbad: int, what: str
) -> None:
    """A JSON array with a non-object, or NDJSON without one object: the whole file fails."""
    row = con.execute(
        "SELECT _line, _src_reason FROM _hw_json WHERE json_type(j) IS DISTINCT FROM 'OBJECT' "
        "ORDER BY _line LIMIT 1"
    ).fetchone() or (0, None)
    if fmt == "json":
        where = f"first at record {row[0]}"
    else:
        where = f"no line is one; line {row[0]}: {row[1]}"
    raise IngestError(
        f"{path}: {nbad} record(s) are not JSON objects ({where}); Headway reads {what}"
    )


def _parquet(con: duckdb.DuckDBPyConnection, path: Path) -> Source:
    with path.open("rb") as fh:
        magic = fh.read(4)
    if magic != b"PAR1":
        raise IngestError(
            f"{path}: not a Parquet file (it does not start with PAR1); pass "
            "--input-format to say what it is"
        )
    src = f"read_parquet({sql_str(str(path))}, file_row_number=true)"
    try:
        desc = con.execute(f"DESCRIBE SELECT * FROM {src}").fetchall()
    except duckdb.Error as exc:
        raise _wrap(path, exc, "Parquet") from None
    stored = {str(r[0]): str(r[1]) for r in desc if r[0] != "file_row_number"}
    columns = list(stored)
    types = {c: "VARCHAR" if _nested(t) else t for c, t in stored.items()}
    cols = ", ".join(
        f"{_as_text(c, t) if _nested(t) else sql_ident(c)} AS {sql_ident(c)}"
        for c, t in stored.items()
    )
    text = ", ".join(f"{_as_text(c, t)} AS {sql_ident(c)}" for c, t in stored.items())
    sql = f"SELECT file_row_number + 1 AS _hw_rn, {cols} FROM {src}"
    reread = f"SELECT file_row_number + 1 AS _rn, {text} FROM {src}"
    return Source(path, "parquet", columns, sql, 0, reread, types, number="_hw_rn")


def _nested(type_: str) -> bool:
    return type_.startswith(("STRUCT", "MAP", "UNION")) or type_.endswith("]")


def _as_text(column: str, type_: str) -> str:
    """Nested Parquet values become JSON text (a MAP of attributes stays an object)."""
    if _nested(type_):
        return f"CAST(to_json({sql_ident(column)}) AS VARCHAR)"
    return f"CAST({sql_ident(column)} AS VARCHAR)"
