"""Exact file lines for staged rows, computed only for the rows that need one.

A staged row's number ``_rn`` is its position in the staging table (file order). For a
CSV, line = 1 + ``_rn`` when every record takes one line, which holds when the file's
newlines are one per record (counted beside the checksum); two sparse tables correct it
when not: ``_hw_nl`` (records whose values hold newlines, with the running count) and
``_hw_gaps`` (lines no staged row stands on: records the reader set aside, blank lines).
Both are built only when the newline count says they are needed; only then is the file
searched for blank lines.
"""

from __future__ import annotations

import gzip
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import duckdb

from headway.datasets.readers import sql_ident

__all__ = ["STAGE", "FileScan", "LineMap", "blank_lines", "scan_file"]

STAGE = "_hw_stage"
_CHUNK = 1 << 22
_BLANK = re.compile(rb"\n(?=\r?\n)")


@dataclass
class FileScan:
    """What one pass over the file's bytes tells: checksum, and for text its lines."""

    digest: str = ""
    newlines: int = 0
    ends_with_newline: bool = True

    @property
    def lines(self) -> int:
        return self.newlines + (0 if self.ends_with_newline else 1)


def _is_gzip(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(2) == b"\x1f\x8b"


class _Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


def _chunks(fh: _Readable) -> Iterator[bytes]:
    while chunk := fh.read(_CHUNK):
        yield chunk


def _count_lines(source: _Readable, out: FileScan, digest: Any) -> bytes:
    """Count ``source``'s newlines into ``out`` (hashing it too); returns its last byte."""
    last = b""
    for chunk in _chunks(source):
        if digest is not None:
            digest.update(chunk)
        out.newlines += chunk.count(b"\n")
        last = chunk[-1:]
    return last


def scan_file(path: Path, *, text: bool) -> FileScan:
    """SHA-256 of the bytes; with ``text``, newlines of the (decompressed) content."""
    out = FileScan()
    gz = _is_gzip(path)
    if not text or gz:
        with path.open("rb") as fh:
            out.digest = hashlib.file_digest(fh, "sha256").hexdigest()
        if not text:
            return out
    digest = None if gz else hashlib.sha256()
    opener = gzip.open if gz else open
    with opener(path, "rb") as source:
        last = _count_lines(source, out, digest)
    if digest is not None:
        out.digest = digest.hexdigest()
    out.ends_with_newline = last in (b"\n", b"")
    return out


class _Blanks:
    """Finds empty lines outside quoted values, chunk after chunk."""

    def __init__(self) -> None:
        self.found: list[int] = []
        self.line = 1
        self.quotes = 0

    def feed(self, buf: bytes, end: int) -> None:
        """Look at ``buf[:end]`` (``buf`` goes on 2 bytes further when more follows)."""
        pos = 0
        for m in _BLANK.finditer(buf):
            if m.start() >= end:
                break
            self.quotes += buf.count(b'"', pos, m.start())
            self.line += buf.count(b"\n", pos, m.start())
            pos = m.start()
            if self.quotes % 2 == 0:
                self.found.append(self.line + 1)
        self.quotes += buf.count(b'"', pos, end)
        self.line += buf.count(b"\n", pos, end)


def blank_lines(path: Path) -> list[int]:
    """The 1-based numbers of the empty lines outside quoted CSV values."""
    blanks = _Blanks()
    carry = b""
    opener = gzip.open if _is_gzip(path) else open
    with opener(path, "rb") as fh:
        for chunk in _chunks(fh):
            buf = carry + chunk
            end = max(0, len(buf) - 2)
            blanks.feed(buf, end)
            carry = buf[end:]
    blanks.feed(carry, len(carry))
    return blanks.found


@dataclass
class LineMap:
    """How a staged row's ``_rn`` becomes its line in the file."""

    column: str | None = None
    """The stage's column holding ``_rn`` (``_hw_rn``: JSON line, Parquet row); None:
    the stage is in file order and ``_rn`` is ``rowid + 1``."""
    offset: int = 0
    newlines: bool = False
    gaps: bool = False

    @property
    def rn(self) -> str:
        """``_rn`` of a row of ``STAGE`` (unqualified)."""
        return self.column or "rowid + 1"

    def of_rn(self, table: str) -> str:
        """Match ``table`` (the stage itself in an UPDATE) to a row number ``_rn``."""
        return f"{table}.{self.column}" if self.column else f"{table}.rowid + 1"

    def with_lines(self, rows: str) -> str:
        """``rows`` (a SELECT yielding ``_rn``) with ``_line`` added."""
        if not (self.newlines or self.gaps):
            return f"SELECT *, _rn + {self.offset} AS _line FROM ({rows})"
        nl = "coalesce(n.cum, 0)" if self.newlines else "0"
        join_nl = "ASOF LEFT JOIN _hw_nl n ON r._rn > n._rn" if self.newlines else ""
        gap = "coalesce(g.cum, 0)" if self.gaps else "0"
        join_gap = "ASOF LEFT JOIN _hw_gaps g ON r._l0 >= g.pos" if self.gaps else ""
        return (
            f"SELECT r.* EXCLUDE (_l0), r._l0 + {gap} AS _line FROM ("
            f"SELECT r.*, r._rn + {self.offset} + {nl} AS _l0 FROM ({rows}) r {join_nl}"
            f") r {join_gap}"
        )

    def build_newlines(
        self, con: duckdb.DuckDBPyConnection, reread_sql: str, columns: list[str]
    ) -> None:
        """``_hw_nl``: the records whose values hold newlines, with the running count."""
        parts = [
            f"coalesce(length({sql_ident(c)}) - length(replace({sql_ident(c)}, chr(10), '')), 0)"
            for c in columns
        ]
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _hw_nl AS SELECT _rn, sum(nl) OVER (ORDER BY _rn "
            f"ROWS UNBOUNDED PRECEDING) AS cum FROM (SELECT _rn, {' + '.join(parts)} AS nl "
            f"FROM ({reread_sql})) WHERE nl > 0"
        )
        self.newlines = True

    def build_gaps(self, con: duckdb.DuckDBPyConnection, gaps: list[tuple[int, int]]) -> None:
        """``_hw_gaps`` from (first line, lines) of each stretch no staged row stands on."""
        positions: list[int] = []
        spans: list[int] = []
        removed = 0
        for start, span in sorted(gaps):
            positions.append(start - removed)
            spans.append(span)
            removed += span
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _hw_gaps AS SELECT pos, sum(span) OVER (ORDER BY pos "
            "ROWS UNBOUNDED PRECEDING) AS cum FROM (SELECT pos, sum(span) AS span FROM "
            "(SELECT unnest(?::BIGINT[]) AS pos, unnest(?::BIGINT[]) AS span) GROUP BY pos)",
            [positions, spans],
        )
        self.gaps = True
