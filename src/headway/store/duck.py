"""The embedded DuckDB store: opening it (one writer), migrating it, transactions."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from headway.errors import HeadwayError, StoreBusyError
from headway.store.schema import MIGRATIONS, SCHEMA_VERSION

__all__ = ["Store", "open_store"]

_LOCK_PID = re.compile(r"\(PID (\d+)\)")


class Store:
    """A connection to a workspace's DuckDB file with its schema at the current version."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path, read_only: bool) -> None:
        self.con = con
        self.path = path
        self.read_only = read_only

    def close(self) -> None:
        self.con.close()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Everything inside commits together or not at all."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield self.con
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    def schema_version(self) -> int:
        row = self.con.execute("SELECT max(version) FROM headway_schema").fetchone()
        return int(row[0]) if row and row[0] is not None else 0


def _connect(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    try:
        con = duckdb.connect(str(path), read_only=read_only)
        con.execute("SET enable_progress_bar = false")  # it draws on stdout, even in JSON output
        return con
    except duckdb.IOException as exc:
        text = str(exc)
        if "lock" not in text.lower():
            raise HeadwayError(f"cannot open the store {path}: {text}") from None
        m = _LOCK_PID.search(text)
        who = f"process {m.group(1)}" if m else "another process"
        raise StoreBusyError(
            f"the workspace store {path} is in use by {who}; wait for that command to finish "
            f"or stop it (kill {m.group(1) if m else 'PID'}), then run this command again"
        ) from None


def _migrate(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        "CREATE TABLE IF NOT EXISTS headway_schema (version INTEGER, applied_at TIMESTAMPTZ)"
    )
    row = con.execute("SELECT max(version) FROM headway_schema").fetchone()
    current = int(row[0]) if row and row[0] is not None else 0
    for version in range(current + 1, SCHEMA_VERSION + 1):
        con.execute("BEGIN TRANSACTION")
        for stmt in MIGRATIONS[version - 1]:
            con.execute(stmt)
        con.execute("INSERT INTO headway_schema VALUES (?, now())", [version])
        con.execute("COMMIT")


def open_store(path: Path, *, read_only: bool = False) -> Store:
    """Open (creating and migrating when needed) the DuckDB file at ``path``.

    A read-only open of a file that does not exist yet creates it first, so that commands
    that only read work on a fresh workspace.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if read_only:
        if not path.exists():
            open_store(path).close()
        con = _connect(path, read_only=True)
        store = Store(con, path, read_only=True)
        if store.schema_version() < SCHEMA_VERSION:
            con.close()
            open_store(path).close()
            con = _connect(path, read_only=True)
            store = Store(con, path, read_only=True)
        elif store.schema_version() > SCHEMA_VERSION:
            raise HeadwayError(
                f"the store {path} was written by a newer Headway (schema "
                f"{store.schema_version()} > {SCHEMA_VERSION}); upgrade Headway"
            )
        return store
    con = _connect(path, read_only=False)
    _migrate(con)
    return Store(con, path, read_only=False)
