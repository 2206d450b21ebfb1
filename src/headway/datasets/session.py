"""DuckDB around one ingest: memory limit and spill directory, progress polling, file scan.

These run beside the SQL of :mod:`ingest`: a thread reads the file for its checksum (and
CSV newlines), another polls ``query_progress()`` while a long statement runs.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import duckdb

from headway.datasets.lines import FileScan, scan_file
from headway.datasets.readers import sql_str
from headway.errors import IngestError

__all__ = ["MEMORY_LIMIT", "Poll", "Scan", "limits"]

#: DuckDB's memory limit while ingesting; beyond it the staging spills to ``temp_dir``.
MEMORY_LIMIT = "1GB"
_POLL_SECONDS = 0.2


class Scan:
    """The file's checksum (and, for CSV, its lines), read in a thread beside DuckDB."""

    def __init__(self, path: Path, *, text: bool) -> None:
        self.result = FileScan()
        self.error: OSError | None = None
        self._thread = threading.Thread(target=self._run, args=(path, text), daemon=True)
        self._thread.start()

    def _run(self, path: Path, text: bool) -> None:
        try:
            self.result = scan_file(path, text=text)
        except OSError as exc:  # e.g. a broken gzip: DuckDB reports the file itself
            self.error = exc

    def get(self) -> FileScan:
        self._thread.join()
        if self.error is not None:
            raise IngestError(f"cannot read the file: {self.error}")
        return self.result


class Poll:
    """Report DuckDB's progress on the running statement, mapped onto [lo, hi] of total."""

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        report: Callable[[int, int], None] | None,
        lo: int,
        hi: int,
        total: int,
    ) -> None:
        self.con, self.report = con, report
        self.lo, self.hi, self.total = lo, hi, total
        self.stop = threading.Event()
        self.thread: threading.Thread | None = None

    def __enter__(self) -> Poll:
        if self.report is not None and self.hi > self.lo:
            self.thread = threading.Thread(target=self._run, daemon=True)
            self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        if self.thread is not None:
            self.thread.join()

    def _run(self) -> None:
        last = self.lo
        while not self.stop.wait(_POLL_SECONDS):
            pct = self.con.query_progress()
            done = self.lo + int((self.hi - self.lo) * min(pct, 100.0) / 100)
            if pct >= 0 and done > last and self.report is not None:
                last = done
                self.report(done, self.total)


@contextmanager
def limits(con: duckdb.DuckDBPyConnection, temp_dir: Path | None) -> Iterator[None]:
    """DuckDB under :data:`MEMORY_LIMIT`, spilling to ``temp_dir``; restored afterwards."""
    if temp_dir is None:
        yield
        return
    row = con.execute(
        "SELECT current_setting('memory_limit'), current_setting('temp_directory')"
    ).fetchone() or ("", "")
    temp_dir.mkdir(parents=True, exist_ok=True)
    _set(con, {"memory_limit": MEMORY_LIMIT, "temp_directory": str(temp_dir)})
    try:
        yield
    finally:
        _set(con, {"memory_limit": str(row[0]), "temp_directory": str(row[1])}, reset=True)


def _set(
    con: duckdb.DuckDBPyConnection, settings: Mapping[str, str], *, reset: bool = False
) -> None:
    """``reset``: back to DuckDB's default when that is the value (it is shown rounded)."""
    for name, value in settings.items():
        try:
            if reset:
                con.execute(f"RESET {name}")
                row = con.execute(f"SELECT current_setting({sql_str(name)})").fetchone()
                if row and str(row[0]) == value:
                    continue
            con.execute(f"SET {name} = {sql_str(value)}")
        except duckdb.Error:  # a temp directory already in use stays where it is
            continue
