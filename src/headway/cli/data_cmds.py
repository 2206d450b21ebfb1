"""`headway ingest` and `headway datasets`: load files, see what the store holds."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import DownloadColumn, Progress
from rich.table import Table

from headway.cli.common import (
    FormatOpt,
    OutputFormat,
    WorkspaceOpt,
    console,
    emit,
    err_console,
    open_ws,
    output_format,
)
from headway.cli.render import Align, markdown_table, print_wide
from headway.datasets.results import IngestResult
from headway.datasets.status import DatasetStatus
from headway.errors import IngestError

__all__ = ["datasets_table", "register"]

_SHOWN = 10
#: Files smaller than this load too fast for a progress bar to help.
_BAR_BYTES = 4 << 20


def _bytes(paths: list[Path]) -> int:
    return sum(p.stat().st_size for p in paths if p.is_file())


def _mapping(items: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        target, sep, source = item.partition("=")
        if not sep or not target or not source:
            raise IngestError(f"--map {item!r}: write it as TARGET=SOURCE, e.g. --map time=ts")
        out[target] = source
    return out


def _show_results(results: list[IngestResult]) -> None:
    for r in results:
        console.print(
            f"[bold]{r.source}[/bold] → {r.dataset} (batch {r.batch_id}): read {r.rows_read}, "
            f"loaded {r.rows_loaded}, duplicate {r.rows_duplicate}, replaced "
            f"{r.rows_replaced}, rejected {r.rows_rejected}",
            soft_wrap=True,
        )
        for rej in r.rejections[:_SHOWN]:
            console.print(f"  line {rej.line}: {rej.reason}", markup=False, soft_wrap=True)
        if r.rows_rejected > _SHOWN:
            console.print(f"  … {r.rows_rejected - _SHOWN} more")
        if r.rejected_file:
            console.print(
                f"  rejected rows with their reasons: {r.rejected_file}",
                markup=False,
                soft_wrap=True,
            )
        if r.ignored_columns:
            console.print(
                f"  ignored columns: {', '.join(r.ignored_columns)}", markup=False, soft_wrap=True
            )


def ingest(
    ctx: typer.Context,
    dataset: Annotated[
        str,
        typer.Argument(
            help="events, usage, costs, slis, incidents, onboardings, survey_responses or tenants."
        ),
    ],
    paths: Annotated[list[Path], typer.Argument(help="Files to load, each as its own batch.")],
    input_format: Annotated[
        str | None,
        typer.Option(
            "--input-format",
            help="csv, ndjson, json or parquet (default: by extension; .gz is read too).",
            show_default=False,
        ),
    ] = None,
    maps: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            help="TARGET=SOURCE: read contract column TARGET from the "
            "file's column SOURCE. Repeatable.",
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Any rejected row: load nothing.")
    ] = False,
    workspace: WorkspaceOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """Load files into a dataset; bad rows are rejected with their line and reason.

    Exit code 0: nothing rejected; 3: some rows rejected, the rest loaded; 1: nothing
    loaded (or the file is unusable).

    Examples:

        headway ingest events events-2026-06.csv

        headway ingest usage usage.ndjson.gz --map tenant=product

        headway ingest costs focus_export.csv --strict --format json
    """
    ws = open_ws(ctx, workspace)
    chosen = output_format(ctx, fmt)
    mapping = _mapping(maps or [])
    if chosen is OutputFormat.table and sys.stderr.isatty() and _bytes(paths) > _BAR_BYTES:
        columns = (*Progress.get_default_columns(), DownloadColumn())
        with Progress(*columns, console=err_console, transient=True) as bar:
            task = bar.add_task("ingesting", total=None)
            results = ws.ingest(
                dataset,
                paths,
                input_format=input_format,
                mapping=mapping,
                strict=strict,
                progress=lambda d, t: bar.update(task, completed=d, total=t),
            )
    else:
        results = ws.ingest(
            dataset, paths, input_format=input_format, mapping=mapping, strict=strict
        )
    emit(ctx, fmt, [r.to_json() for r in results], lambda: _show_results(results))
    codes = [r.exit_code for r in results]
    code = 1 if 1 in codes else (3 if 3 in codes else 0)
    if code:
        raise typer.Exit(code)


def _age(age: dt.timedelta | None) -> str:
    """``8.0 h`` or ``7.5 d``; a batch loaded after the as-of counts as just now (0 h)."""
    if age is None:
        return "—"
    hours = max(0.0, age.total_seconds() / 3600)
    return f"{hours:.1f} h" if hours < 48 else f"{hours / 24:.1f} d"


def _rows(statuses: list[DatasetStatus], tz: dt.tzinfo) -> list[list[str]]:
    """One short line per dataset: dates in the workspace time zone, the last batch as
    ``#6 · 12-03 16:31 · usage.csv``."""
    rows = []
    for s in statuses:
        first, last = (f"{t.astimezone(tz):%Y-%m-%d}" if t else "—" for t in (s.first, s.last))
        b = s.last_batch
        batch = (
            f"#{b.batch_id} · {b.finished_at.astimezone(tz):%m-%d %H:%M} · {Path(b.source).name}"
            if b
            else "—"
        )
        fresh = f"{s.freshness} ({s.cadence})"
        rows.append([s.dataset, f"{s.rows:,}", first, last, batch, fresh, _age(s.age)])
    return rows


_HEAD = ["dataset", "rows", "first", "last", "last batch", "freshness", "age"]
_ALIGN: list[Align] = ["left", "right", "left", "left", "left", "left", "right"]


def datasets_table(statuses: list[DatasetStatus], tz: dt.tzinfo) -> Table:
    """The datasets view (``headway datasets``, and the end of ``headway demo``)."""
    table = Table(*_HEAD)
    for column, align in zip(table.columns, _ALIGN, strict=True):
        column.justify = align
    for row in _rows(statuses, tz):
        style = "yellow" if row[5].startswith(("stale", "empty")) else None
        table.add_row(*row, style=style)
    return table


def _markdown(statuses: list[DatasetStatus], tz: dt.tzinfo) -> str:
    return markdown_table(_HEAD, _rows(statuses, tz), _ALIGN)


def datasets(ctx: typer.Context, workspace: WorkspaceOpt = None, fmt: FormatOpt = None) -> None:
    """Per dataset: rows, first and last time, last batch, and freshness.

    A dataset is `stale` when its newest row is older than its cadence (daily unless
    `datasets: {usage: {cadence: weekly}}` in headway.yaml says otherwise) as of --as-of.

    Examples:

        headway datasets

        headway --as-of 2026-07-01 datasets --format json
    """
    ws = open_ws(ctx, workspace)
    statuses = ws.datasets_status()
    emit(
        ctx,
        fmt,
        [s.to_json() for s in statuses],
        lambda: print_wide(console, datasets_table(statuses, ws.tz)),
        lambda: _markdown(statuses, ws.tz),
    )


def register(app: typer.Typer) -> None:
    """Add this area's commands to ``app``."""
    app.command("ingest")(ingest)
    app.command("datasets")(datasets)
