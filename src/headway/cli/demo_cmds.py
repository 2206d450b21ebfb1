"""``headway demo``: build the demo organisation, load it, and show what it holds."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo

import typer
from rich.progress import BarColumn, Progress, TextColumn

from headway.cli.common import OutputFormat, console, emit, err_console, open_ws, state
from headway.cli.data_cmds import datasets_table
from headway.cli.kpi_render import render_scorecard
from headway.cli.render import print_wide
from headway.demo import DEFAULT_SEED, DemoResult, build_demo
from headway.demo.build import TIMEZONE
from headway.workspace import parse_as_of

__all__ = ["register"]


def _build(ctx: typer.Context, directory: Path, seed: int, scale: float) -> DemoResult:
    st = state(ctx)
    as_of = parse_as_of(st.as_of, ZoneInfo(TIMEZONE)) if st.as_of else None
    show = err_console.is_terminal and st.format is OutputFormat.table
    with Progress(
        TextColumn("{task.description:<28}"), BarColumn(), console=err_console, disable=not show
    ) as bar:
        task = bar.add_task("building the demo", total=1)

        def report(step: str, done: int, total: int) -> None:
            bar.update(task, description=step, completed=done, total=total)

        return build_demo(directory, seed=seed, scale=scale, as_of=as_of, progress=report)


def _next_steps(result: DemoResult) -> None:
    w = shlex.quote(str(result.root))
    console.print(f"\nThe demo workspace is in [bold]{result.root}[/bold]")
    console.print(f"(data {result.first_day} … {result.last_day}, seed {result.seed}, ", end="")
    console.print(f"scale {result.scale:g}). Try:")
    for cmd in (
        "kpi list",
        "kpi show active_tenants --by org",
        "kpi series time_to_onboard",
        "okr tree",
        "costs chargeback --by team",
        "costs recommend",
        "report weekly",
    ):
        console.print(f"  headway -w {w} {cmd}")
    if result.reports:
        console.print("\nThe latest weekly report: [bold]" + str(result.reports[0]) + "[/bold]")
        for path in result.reports[1:]:
            console.print(f"  and {path}")


def demo(
    ctx: typer.Context,
    directory: Annotated[
        Path, typer.Argument(help="Folder of the demo workspace (made, or rebuilt if a demo).")
    ] = Path("headway-demo"),
    seed: Annotated[int, typer.Option("--seed", help="Random seed: same seed, same data.")] = (
        DEFAULT_SEED
    ),
    scale: Annotated[
        float, typer.Option("--scale", help="Size: 1 = 300 tenants, 3,000 engineers.")
    ] = 1.0,
    no_serve: Annotated[
        bool, typer.Option("--no-serve", help="Do not offer to start the web app.")
    ] = False,
) -> None:
    """Build a realistic demo organisation: 12 months of data up to --as-of, loaded
    through ingest, with a commented headway.yaml whose OKRs are set on the loaded data;
    write the latest weekly report to DIR/reports; show the datasets and the scorecard.

    Examples: `headway demo` · `headway demo /tmp/acme --seed 7 --scale 0.2` ·
    `headway --as-of 2026-12-01 demo`
    """
    result = _build(ctx, directory, seed, scale)
    ws = open_ws(ctx, result.root, result.as_of.isoformat(), read_only=True)
    statuses = ws.datasets_status()
    scorecard = ws.scorecard()
    data = {
        "workspace": str(result.root),
        "seed": result.seed,
        "scale": result.scale,
        "as_of": result.as_of.isoformat(),
        "ingest": [r.to_json() for r in result.ingested],
        "datasets": [s.to_json() for s in statuses],
        "scorecard": scorecard.to_json(),
        "reports": [str(p) for p in result.reports],
    }

    def table() -> None:
        print_wide(console, datasets_table(statuses, ZoneInfo(TIMEZONE)))
        console.print()
        render_scorecard(scorecard, console)
        _next_steps(result)
        if not no_serve:
            console.print("\nThe web app is not part of this build yet; --no-serve is implied.")

    emit(ctx, None, data, table)


def register(app: typer.Typer) -> None:
    """Add ``demo`` to ``app``."""
    app.command("demo")(demo)
