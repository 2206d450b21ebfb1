"""Reading input files with DuckDB: every value as text, every record with its number.

A reader turns one file into a SQL source (``Source.sql``) that yields ``_rn`` (the
1-based record number, in file order) and the file's columns as VARCHAR under their own
names. Whole-file problems (binary junk, wrong delimiter, empty file, JSON that is not
records) raise :class:`IngestError` before anything is read into the store.
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
    """The line where the reader's record starts (blank lines before it belong to it)."""
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
    """SELECT yielding ``_rn`` and the columns (VARCHAR), in file order."""
    line_offset: int
    """line = record number + offset when no value spans lines (1 for CSV's header)."""
    reread_sql: str = ""
    """Like ``sql``, without side effects (CSV: no rejects table), to fetch rejected rows."""
    malformed: list[Malformed] = field(default_factory=list)


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
    nulls = "['', 'NULL']" if null_literal else "['']"
    opts = (
        f"{sql_str(str(path))}, all_varchar=true, header=true, delim=',', quote='\"', "
        f"escape='\"', nullstr={nulls}, strict_mode=true, ignore_errors=true"
    )
    if rejects:
        opts += f", store_rejects=true, rejects_table='{REJECTS_TABLE}', "
        opts += f"rejects_scan='{REJECTS_SCAN}'"
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
    offsets = [int(r[0]) for r in rows]
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
        lead_lines = text[:lead].count("\n")
        span = lead_lines + 1 + body.count("\n")
        out.append(Malformed(line + lead_lines, line, span, reason, tuple(values)))
    return out


def _lines_at(path: Path, offsets: list[int]) -> list[int]:
    """The 1-based line at each byte offset (sorted) of the (decompressed) file."""
    result: list[int] = []
    opener = gzip.open if path.read_bytes()[:2] == b"\x1f\x8b" else open
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


def _json(con: duckdb.DuckDBPyConnection, path: Path, fmt: str) -> Source:
    layout = "array" if fmt == "json" else "newline_delimited"
    what = "a JSON array of objects" if fmt == "json" else "NDJSON (one object per line)"
    src = f"read_json_objects({sql_str(str(path))}, format='{layout}')"
    try:
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE _hw_json AS SELECT row_number() OVER () AS _rn, "
            f"json AS j FROM {src}"
        )
        bad = con.execute(
            "SELECT min(_rn), count(*) FROM _hw_json WHERE json_type(j) <> 'OBJECT'"
        ).fetchone()
        keys = con.execute(
            "SELECT k FROM (SELECT unnest(json_keys(j)) AS k, _rn FROM _hw_json "
            "WHERE json_type(j) = 'OBJECT') GROUP BY k ORDER BY min(_rn), k"
        ).fetchall()
    except duckdb.Error as exc:
        raise _wrap(path, exc, what) from None
    if bad and bad[1]:
        unit = "record" if fmt == "json" else "line"
        raise IngestError(
            f"{path}: {bad[1]} record(s) are not JSON objects (first at {unit} {bad[0]}); "
            f"Headway reads {what}"
        )
    columns = [str(k[0]) for k in keys]
    cols = ", ".join(f"j->>{sql_str(c)} AS {sql_ident(c)}" for c in columns)
    sql = f"SELECT _rn{', ' + cols if cols else ''} FROM _hw_json"
    return Source(path, fmt, columns, sql, 0, sql)


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
    types = {str(r[0]): str(r[1]) for r in desc if r[0] != "file_row_number"}
    columns = list(types)
    cols = ", ".join(f"{_as_text(c, t)} AS {sql_ident(c)}" for c, t in types.items())
    sql = f"SELECT file_row_number + 1 AS _rn, {cols} FROM {src}"
    return Source(path, "parquet", columns, sql, 0, sql)


def _as_text(column: str, type_: str) -> str:
    """Nested Parquet values become JSON text (a MAP of attributes stays an object)."""
    if type_.startswith(("STRUCT", "MAP")) or type_.endswith("]"):
        return f"CAST(to_json({sql_ident(column)}) AS VARCHAR)"
    return f"CAST({sql_ident(column)} AS VARCHAR)"
