"""Loading files into the store so that nothing is lost (DESIGN §4).

One file → one batch: read by DuckDB (every value as text), checked against the contract
in SQL, the valid rows merged by the dataset's key policy in ONE transaction together
with the batch record; every rejected row is reported with its line and reason and
written, with its original values, to ``.headway/rejected/<batch>-<dataset>.csv``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import duckdb

from headway.config.models import WorkspaceConfig
from headway.datasets.contracts import DATASETS, Dataset
from headway.datasets.merge import STAGE, apply_policy, fix_lines, reject_repeated_keys
from headway.datasets.readers import (
    REJECTS_SCAN,
    REJECTS_TABLE,
    Malformed,
    Source,
    detect_format,
    open_source,
    read_malformed,
)
from headway.datasets.rejects import write_rejected
from headway.datasets.results import MAX_REJECTIONS, IngestResult, Rejection
from headway.datasets.validate import Rules, stage_sql
from headway.errors import IngestError
from headway.store import Store

__all__ = ["IngestOptions", "Progress", "ingest_file", "ingest_files", "resolve_dataset"]

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class IngestOptions:
    rules: Rules
    rejected_dir: Path
    input_format: str | None = None
    mapping: Mapping[str, str] | None = None
    strict: bool = False
    progress: Progress | None = None


def resolve_dataset(name: str) -> Dataset:
    try:
        return DATASETS[name]
    except KeyError:
        raise IngestError(
            f"unknown dataset {name!r}; the datasets are: {', '.join(DATASETS)}"
        ) from None


def _select_columns(
    ds: Dataset, src: Source, mapping: Mapping[str, str]
) -> tuple[dict[str, str], list[str]]:
    """Contract column → file column, and the file's columns outside the contract."""
    for target, source in mapping.items():
        if target not in ds.column_names:
            raise IngestError(
                f"--map {target}={source}: {target!r} is not a column of {ds.name}; its "
                f"columns are: {', '.join(ds.column_names)}"
            )
        if source not in src.columns:
            raise IngestError(
                f"--map {target}={source}: {src.path} has no column {source!r}; its columns "
                f"are: {', '.join(src.columns)}"
            )
    selected = {c: c for c in ds.column_names if c in src.columns}
    selected.update(mapping)
    missing = [c for c in ds.required if c not in selected]
    if missing:
        raise IngestError(
            f"{src.path}: required column(s) missing for {ds.name}: {', '.join(missing)}; "
            f"the file has: {', '.join(src.columns)}. Rename them in the file or map them, "
            f"e.g. --map {missing[0]}=<column in the file>"
        )
    used = set(selected.values())
    extras = [c for c in src.columns if c not in used]
    return selected, extras


def _checksum(path: Path, out: list[str]) -> threading.Thread:
    def run() -> None:
        with path.open("rb") as fh:
            out.append(hashlib.file_digest(fh, "sha256").hexdigest())

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def _stage(
    con: duckdb.DuckDBPyConnection,
    ds: Dataset,
    src: Source,
    opts: IngestOptions,
    selected: dict[str, str],
    extras: list[str],
) -> list[Malformed]:
    con.execute(f"DROP TABLE IF EXISTS {REJECTS_TABLE}")
    con.execute(f"DROP TABLE IF EXISTS {REJECTS_SCAN}")
    sql = stage_sql(
        ds,
        src.sql,
        selected,
        extras if ds.extra_column else [],
        rules=opts.rules,
        line_offset=src.line_offset,
        count_newlines=src.format == "csv",
        null_literal=ds.name == "costs",
    )
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {STAGE} AS {sql}")
    except duckdb.Error as exc:
        first = str(exc).splitlines()[0]
        raise IngestError(f"{src.path}: cannot read it as {src.format}: {first}") from None
    malformed = read_malformed(con, src.path, len(src.columns)) if src.format == "csv" else []
    if src.format == "csv":
        row = con.execute(f"SELECT max(_nl) FROM {STAGE}").fetchone()
        if malformed or (row and row[0]):
            fix_lines(con, malformed)
    if ds.policy != "replace_group":
        reject_repeated_keys(con, ds)
    return malformed


def _rejections(con: duckdb.DuckDBPyConnection, malformed: list[Malformed]) -> list[Rejection]:
    rows = con.execute(
        f"SELECT _line, _reason FROM {STAGE} WHERE _reason IS NOT NULL ORDER BY _line LIMIT ?",
        [MAX_REJECTIONS],
    ).fetchall()
    found = [Rejection(int(r[0]), str(r[1])) for r in rows]
    found += [Rejection(m.line, m.reason) for m in malformed[:MAX_REJECTIONS]]
    return sorted(found, key=lambda r: r.line)[:MAX_REJECTIONS]


def ingest_file(store: Store, dataset: str, path: Path, opts: IngestOptions) -> IngestResult:
    """Load one file; see the module docstring. Raises IngestError for whole-file problems."""
    ds = resolve_dataset(dataset)
    fmt = detect_format(path, opts.input_format)
    con = store.con
    started = dt.datetime.now(dt.UTC)
    size = path.stat().st_size if path.is_file() else 0
    try:
        src = open_source(con, path, fmt, null_literal=ds.name == "costs")
        selected, extras = _select_columns(ds, src, opts.mapping or {})
        digest: list[str] = []
        hasher = _checksum(path, digest)
        malformed = _stage(con, ds, src, opts, selected, extras)
        _report(opts, size * 8 // 10, size)
        counts = con.execute(f"SELECT count(*), count(_reason) FROM {STAGE}").fetchone() or (0, 0)
        read, rejected = int(counts[0]) + len(malformed), int(counts[1]) + len(malformed)
        if read == 0:
            raise IngestError(f"{path}: the file has no rows (only a header); nothing to load")
        row = con.execute("SELECT nextval('ingest_batch_seq')").fetchone()
        batch_id = int(row[0]) if row else 0
        rejected_file = None
        partial = None
        if rejected:
            final = opts.rejected_dir / f"{batch_id}-{ds.name}.csv"
            partial = write_rejected(con, src, malformed, final)
            rejected_file = str(final)
        hasher.join()
        loaded = replaced = 0
        with store.transaction():
            if not (opts.strict and rejected):
                loaded, replaced = apply_policy(con, ds, batch_id)
            duplicate = 0 if opts.strict and rejected else read - rejected - loaded
            con.execute(
                "INSERT INTO ingest_batches VALUES (?, ?, ?, ?, ?, ?, now(), ?, ?, ?, ?, ?, ?)",
                [
                    batch_id,
                    ds.name,
                    str(path),
                    digest[0] if digest else "",
                    src.format,
                    started,
                    read,
                    loaded,
                    duplicate,
                    replaced,
                    rejected,
                    rejected_file,
                ],
            )
            _report(opts, size * 9 // 10, size)
        if partial is not None and rejected_file is not None:
            partial.replace(rejected_file)
        _report(opts, size, size)
        return IngestResult(
            batch_id=batch_id,
            dataset=ds.name,
            source=str(path),
            rows_read=read,
            rows_loaded=loaded,
            rows_duplicate=duplicate,
            rows_replaced=replaced,
            rows_rejected=rejected,
            rejections=_rejections(con, malformed),
            rejected_file=rejected_file,
            ignored_columns=[] if ds.extra_column else extras,
        )
    finally:
        for table in (STAGE, "_hw_json", REJECTS_TABLE, REJECTS_SCAN):
            con.execute(f"DROP TABLE IF EXISTS {table}")


def _report(opts: IngestOptions, done: int, total: int) -> None:
    if opts.progress is not None:
        opts.progress(done, total)


class _WorkspaceLike(Protocol):
    root: Path

    @property
    def store(self) -> Store: ...

    @property
    def config(self) -> WorkspaceConfig: ...


def ingest_files(
    ws: _WorkspaceLike,
    dataset: str,
    paths: Sequence[Path],
    *,
    input_format: str | None = None,
    mapping: Mapping[str, str] | None = None,
    strict: bool = False,
    progress: Progress | None = None,
) -> list[IngestResult]:
    """Ingest each file as its own batch, in order; see :meth:`Workspace.ingest`."""
    resolve_dataset(dataset)
    cfg = ws.config
    opts = IngestOptions(
        rules=Rules(cfg.currency, cfg.naive_timestamps, cfg.timezone),
        rejected_dir=ws.root / ".headway" / "rejected",
        input_format=input_format,
        mapping=mapping,
        strict=strict,
        progress=progress,
    )
    return [ingest_file(ws.store, dataset, Path(p), opts) for p in paths]
