"""The store's tables and their migrations.

Each migration is a list of SQL statements; the store records the version it reached in
``headway_schema`` and applies the missing ones in order when a workspace is opened, so a
workspace made by an older Headway opens in a newer one. Never edit a released migration:
append a new one.
"""

from __future__ import annotations

from headway.datasets.contracts import DATASETS, Dataset

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "dataset_table_ddl"]


def dataset_table_ddl(dataset: Dataset) -> str:
    cols = [f'"{c.name}" {c.sql_type}' for c in dataset.columns]
    if dataset.extra_column:
        cols.append(f'"{dataset.extra_column}" JSON')
    cols.append('"_batch_id" BIGINT')
    return f'CREATE TABLE IF NOT EXISTS "{dataset.name}" ({", ".join(cols)})'


_V1: list[str] = [
    *(dataset_table_ddl(d) for d in DATASETS.values()),
    """CREATE TABLE IF NOT EXISTS ingest_batches (
        batch_id BIGINT PRIMARY KEY,
        dataset VARCHAR NOT NULL,
        source VARCHAR NOT NULL,
        checksum VARCHAR NOT NULL,
        input_format VARCHAR NOT NULL,
        started_at TIMESTAMPTZ NOT NULL,
        finished_at TIMESTAMPTZ NOT NULL,
        rows_read BIGINT NOT NULL,
        rows_loaded BIGINT NOT NULL,
        rows_duplicate BIGINT NOT NULL,
        rows_replaced BIGINT NOT NULL,
        rows_rejected BIGINT NOT NULL,
        rejected_file VARCHAR
    )""",
    "CREATE SEQUENCE IF NOT EXISTS ingest_batch_seq START 1",
    """CREATE TABLE IF NOT EXISTS okr_checkins (
        checkin_id BIGINT PRIMARY KEY,
        key_result VARCHAR NOT NULL,
        checked_in_at TIMESTAMPTZ NOT NULL,
        value DOUBLE,
        progress DOUBLE,
        confidence DOUBLE NOT NULL,
        note VARCHAR,
        author VARCHAR
    )""",
    "CREATE SEQUENCE IF NOT EXISTS okr_checkin_seq START 1",
    """CREATE TABLE IF NOT EXISTS kpi_snapshots (
        kpi VARCHAR NOT NULL,
        period VARCHAR NOT NULL,
        taken_at TIMESTAMPTZ NOT NULL,
        definition_hash VARCHAR NOT NULL,
        value_json JSON NOT NULL,
        PRIMARY KEY (kpi, period)
    )""",
]

MIGRATIONS: list[list[str]] = [_V1]
SCHEMA_VERSION = len(MIGRATIONS)
