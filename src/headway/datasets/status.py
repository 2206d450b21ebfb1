"""`headway datasets`: rows, time span, last batch and freshness of every dataset."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

import duckdb

from headway.config.models import WorkspaceConfig
from headway.datasets.contracts import DATASETS, Dataset
from headway.datasets.readers import sql_ident

__all__ = ["CADENCES", "DatasetStatus", "datasets_status"]

#: How long after its last row a dataset of each cadence is still fresh.
CADENCES: dict[str, dt.timedelta] = {
    "hourly": dt.timedelta(hours=1),
    "daily": dt.timedelta(days=1),
    "weekly": dt.timedelta(weeks=1),
    "monthly": dt.timedelta(days=31),
    "quarterly": dt.timedelta(days=92),
}

Freshness = Literal["fresh", "stale", "empty"]

#: Datasets whose rows cover a span: the data is current up to the span's end.
_SPAN_END = {"costs": "ChargePeriodEnd"}


@dataclass(frozen=True)
class LastBatch:
    batch_id: int
    finished_at: dt.datetime
    source: str

    def to_json(self) -> dict[str, Any]:
        return {
            "batch_id": self.batch_id,
            "finished_at": self.finished_at.isoformat(),
            "source": self.source,
        }


@dataclass(frozen=True)
class DatasetStatus:
    dataset: str
    rows: int
    first: dt.datetime | None
    last: dt.datetime | None
    last_batch: LastBatch | None
    cadence: str
    freshness: Freshness
    age: dt.timedelta | None
    """as-of minus the moment the data is current up to: the newest timestamp, the end of the
    newest day for dated rows, the newest charge period's end for costs (for datasets
    without a time column, the last batch)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset,
            "rows": self.rows,
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
            "last_batch": self.last_batch.to_json() if self.last_batch else None,
            "cadence": self.cadence,
            "freshness": self.freshness,
            "age_hours": round(self.age.total_seconds() / 3600, 2)
            if self.age is not None
            else None,
        }


def _moment(value: object) -> dt.datetime | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time(), tzinfo=dt.UTC)
    raise TypeError(value)


def _covered_until(ds: Dataset) -> str:
    """SQL for the moment the data is current up to: a dated row (``usage.day``) covers its
    whole UTC day, a cost row its charge period; an event its own instant."""
    assert ds.time_column is not None
    if ds.name in _SPAN_END:
        return f"max({sql_ident(_SPAN_END[ds.name])})"
    if ds.column(ds.time_column).type == "date":
        return f"max({sql_ident(ds.time_column)}) + INTERVAL 1 DAY"
    return f"max({sql_ident(ds.time_column)})"


def _one(
    con: duckdb.DuckDBPyConnection, ds: Dataset, cfg: WorkspaceConfig, as_of: dt.datetime
) -> DatasetStatus:
    table = sql_ident(ds.name)
    if ds.time_column:
        tc = sql_ident(ds.time_column)
        end = _covered_until(ds)
        row = con.execute(f"SELECT count(*), min({tc}), max({tc}), {end} FROM {table}").fetchone()
    else:
        row = con.execute(f"SELECT count(*), NULL, NULL, NULL FROM {table}").fetchone()
    rows, first, last = (int(row[0]), _moment(row[1]), _moment(row[2])) if row else (0, None, None)
    covered = _moment(row[3]) if row else None
    b = con.execute(
        "SELECT batch_id, finished_at, source FROM ingest_batches WHERE dataset = ? "
        "ORDER BY batch_id DESC LIMIT 1",
        [ds.name],
    ).fetchone()
    batch = LastBatch(int(b[0]), _moment(b[1]) or as_of, str(b[2])) if b else None
    cadence = cfg.cadence(ds.name)
    newest = covered if ds.time_column else (batch.finished_at if batch else None)
    if rows == 0 or newest is None:
        return DatasetStatus(ds.name, rows, first, last, batch, cadence, "empty", None)
    age = as_of - newest
    freshness: Freshness = "fresh" if age <= CADENCES[cadence] else "stale"
    return DatasetStatus(ds.name, rows, first, last, batch, cadence, freshness, age)


def datasets_status(
    con: duckdb.DuckDBPyConnection, cfg: WorkspaceConfig, as_of: dt.datetime
) -> list[DatasetStatus]:
    """Every dataset's status as of ``as_of``, in contract order."""
    return [_one(con, ds, cfg, as_of) for ds in DATASETS.values()]
