"""The store: tables per dataset, migrations, one writer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from headway.datasets import DATASETS
from headway.errors import StoreBusyError
from headway.store import open_store
from headway.store.schema import SCHEMA_VERSION


def test_every_dataset_has_its_table_with_contract_columns(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.duckdb")
    for name, ds in DATASETS.items():
        cols = [r[0] for r in store.con.execute(f'DESCRIBE "{name}"').fetchall()]
        assert cols[: len(ds.columns)] == list(ds.column_names)
    assert store.schema_version() == SCHEMA_VERSION
    store.close()


def test_an_older_store_is_migrated_on_open(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE headway_schema (version INTEGER, applied_at TIMESTAMPTZ)")
    con.close()
    store = open_store(path)
    assert store.schema_version() == SCHEMA_VERSION
    store.close()


def test_a_second_writer_is_told_which_process_holds_the_store(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    open_store(path).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb,sys; c=duckdb.connect({str(path)!r}); print('ready', flush=True); "
            "sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreBusyError, match=rf"in use by process {holder.pid};"):
            open_store(path)
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait()
        assert holder.stdout is not None
        holder.stdout.close()
