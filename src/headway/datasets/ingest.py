"""Loading files into the store so that nothing is lost (DESIGN §4).

One file → one batch: read by DuckDB, checked against the contract in SQL, the valid rows
merged by the dataset's key policy in ONE transaction together with the batch record;
every rejected row is reported with its line and reason and written, with its original
values, to ``.headway/rejected/<batch>-<dataset>.csv``. DuckDB works under a memory limit
and spills to ``.headway/tmp``, so a file larger than memory loads too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import duckdb

from headway.config.models import WorkspaceConfig
from headway.datasets.contracts import DATASETS, Dataset
from headway.datasets.lines import STAGE, FileScan, LineMap, blank_lines
from headway.datasets.merge import apply_policy, reject_repeated_keys
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
from headway.datasets.session import MEMORY_LIMIT, Poll, Scan, limits
from headway.datasets.validate import Rules, stage_sql
from headway.errors import IngestError
from headway.store import Store

__all__ = [
    "MEMORY_LIMIT",
    "IngestOptions",
    "Progress",
    "ingest_file",
    "ingest_files",
    "resolve_dataset",
]

Progress = Callable[[int, int], None]

_TEMP_TABLES = (STAGE, "_hw_json", "_hw_nl", "_hw_gaps", REJECTS_TABLE, REJECTS_SCAN)


@dataclass(frozen=True)
class IngestOptions:
    rules: Rules
    rejected_dir: Path
    input_format: str | None = None
    mapping: Mapping[str, str] | None = None
    strict: bool = False
    progress: Progress | None = None
    """Called with (bytes done, file size), from a helper thread too while DuckDB works."""
    temp_dir: Path | None = None
    """Where DuckDB spills beyond :data:`MEMORY_LIMIT`; None: leave its settings alone."""


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


def _csv_lines(
    con: duckdb.DuckDBPyConnection,
    src: Source,
    malformed: list[Malformed],
    rows: int,
    scan: FileScan,
) -> LineMap:
    """The line map of a CSV: tables only when its newlines are not one per record.

    Lines beyond header + records + set-aside records are blank lines or newlines inside
    values; blank lines are searched for only then, and the rest are values' newlines.
    """
    lines = LineMap(offset=src.line_offset)
    gaps = [(m.start, m.span) for m in malformed]
    extra = scan.lines - (src.line_offset + rows + sum(m.span for m in malformed))
    if extra:
        blanks = blank_lines(src.path)
        gaps += [(b, 1) for b in blanks]
        if extra != len(blanks):
            lines.build_newlines(con, src.reread_sql, src.columns)
    if gaps:
        lines.build_gaps(con, gaps)
    return lines


@contextmanager
def _order(con: duckdb.DuckDBPyConnection, keep: bool) -> Iterator[None]:
    """Let DuckDB fill the stage in any order when the rows carry their own numbers."""
    if keep:
        yield
        return
    con.execute("SET preserve_insertion_order = false")
    try:
        yield
    finally:
        con.execute("RESET preserve_insertion_order")


@dataclass
class _Staged:
    lines: LineMap
    malformed: list[Malformed]
    read: int
    rejected: int
    scan: FileScan


def _stage(
    con: duckdb.DuckDBPyConnection,
    ds: Dataset,
    src: Source,
    opts: IngestOptions,
    selected: dict[str, str],
    extras: list[str],
) -> _Staged:
    """Read, type and check every record into ``STAGE``; reject keys repeated in the file."""
    scanner = Scan(src.path, text=src.format == "csv")
    sql = stage_sql(
        ds,
        src.sql,
        selected,
        extras if ds.extra_column else [],
        rules=opts.rules,
        types=src.types,
        number=src.number,
        reasons=src.reasons,
        null_literal=ds.name == "costs",
    )
    size = src.path.stat().st_size
    try:
        with Poll(con, opts.progress, 0, size * 7 // 10, size), _order(con, src.number is None):
            con.execute(f"CREATE OR REPLACE TEMP TABLE {STAGE} AS {sql}")
    except duckdb.Error as exc:
        first = str(exc).splitlines()[0]
        raise IngestError(f"{src.path}: cannot read it as {src.format}: {first}") from None
    row = con.execute(f"SELECT count(*) FROM {STAGE}").fetchone()
    rows = int(row[0]) if row else 0
    malformed = read_malformed(con, src.path, len(src.columns)) if src.format == "csv" else []
    scan = scanner.get()
    if src.format == "csv":
        lines = _csv_lines(con, src, malformed, rows, scan)
    else:
        lines = LineMap(column=src.number, offset=src.line_offset)
    if ds.policy != "replace_group":
        reject_repeated_keys(con, ds, lines)
    row = con.execute(f"SELECT count(_reason) FROM {STAGE}").fetchone()
    rejected = (int(row[0]) if row else 0) + len(malformed)
    return _Staged(lines, malformed, rows + len(malformed), rejected, scan)


def _rejections(con: duckdb.DuckDBPyConnection, staged: _Staged) -> list[Rejection]:
    lines = staged.lines
    first = (
        f"SELECT {lines.rn} AS _rn, _reason FROM {STAGE} WHERE _reason IS NOT NULL "
        f"ORDER BY _rn LIMIT {MAX_REJECTIONS}"
    )
    rows = con.execute(f"SELECT _line, _reason FROM ({lines.with_lines(first)})").fetchall()
    found = [Rejection(int(r[0]), str(r[1])) for r in rows]
    found += [Rejection(m.line, m.reason) for m in staged.malformed[:MAX_REJECTIONS]]
    return sorted(found, key=lambda r: r.line)[:MAX_REJECTIONS]


def ingest_file(store: Store, dataset: str, path: Path, opts: IngestOptions) -> IngestResult:
    """Load one file; see the module docstring. Raises IngestError for whole-file problems."""
    ds = resolve_dataset(dataset)
    fmt = detect_format(path, opts.input_format)
    con = store.con
    with limits(con, opts.temp_dir):
        try:
            return _ingest(store, ds, path, fmt, opts)
        finally:
            for table in _TEMP_TABLES:
                con.execute(f"DROP TABLE IF EXISTS {table}")


def _ingest(store: Store, ds: Dataset, path: Path, fmt: str, opts: IngestOptions) -> IngestResult:
    con = store.con
    started = dt.datetime.now(dt.UTC)
    size = path.stat().st_size if path.is_file() else 0
    src = open_source(con, path, fmt, null_literal=ds.name == "costs")
    selected, extras = _select_columns(ds, src, opts.mapping or {})
    staged = _stage(con, ds, src, opts, selected, extras)
    _report(opts, size * 8 // 10, size)
    read, rejected = staged.read, staged.rejected
    if read == 0:
        raise IngestError(f"{path}: the file has no rows (only a header); nothing to load")
    row = con.execute("SELECT nextval('ingest_batch_seq')").fetchone()
    batch_id = int(row[0]) if row else 0
    rejected_file = None
    partial = None
    if rejected:
        final = opts.rejected_dir / f"{batch_id}-{ds.name}.csv"
        partial = write_rejected(con, src, staged.lines, staged.malformed, final)
        rejected_file = str(final)
    loaded = replaced = 0
    with store.transaction():
        if not (opts.strict and rejected):
            with Poll(con, opts.progress, size * 8 // 10, size * 9 // 10, size):
                loaded, replaced = apply_policy(con, ds, batch_id)
        duplicate = 0 if opts.strict and rejected else read - rejected - loaded
        con.execute(
            "INSERT INTO ingest_batches VALUES (?, ?, ?, ?, ?, ?, now(), ?, ?, ?, ?, ?, ?)",
            [
                batch_id,
                ds.name,
                str(path),
                staged.scan.digest,
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
        rejections=_rejections(con, staged),
        rejected_file=rejected_file,
        ignored_columns=[] if ds.extra_column else extras,
    )


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
        temp_dir=ws.root / ".headway" / "tmp",
    )
    return [ingest_file(ws.store, dataset, Path(p), opts) for p in paths]
