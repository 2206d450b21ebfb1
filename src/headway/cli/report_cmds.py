"""``headway report weekly``: write the weekly report, and send it with ``--send``."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from headway.cli.common import AsOfOpt, WorkspaceOpt, console, err_console, open_ws
from headway.report import write_report

__all__ = ["register"]

report_app = typer.Typer(help="The weekly report: HTML or Markdown, mail and chat.")


class ReportFormat(StrEnum):
    html = "html"
    md = "md"


@report_app.command("weekly")
def weekly(
    ctx: typer.Context,
    week: Annotated[
        str | None,
        typer.Option(
            help="ISO week, e.g. 2026-W48 (default: the latest complete week).", show_default=False
        ),
    ] = None,
    out: Annotated[Path, typer.Option(help="Folder to write the report into.")] = Path("."),
    fmt: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            "-f",
            help="html: one self-contained file; md: Markdown with charts/*.png beside it.",
        ),
    ] = ReportFormat.html,
    send: Annotated[
        bool, typer.Option(help="Mail and chat it as configured under report:.")
    ] = False,
    workspace: WorkspaceOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Write the report of a completed ISO week (what changed, North Stars with charts,
    initiatives, SLOs, OKRs, cost with chargeback and recommendations, data warnings).

    The same week and as-of always give the same bytes. Exit 2 when any delivery failed.

    Examples:

    * `headway report weekly` (the latest complete week, `./weekly-<week>.html`)
    * `headway report weekly --week 2026-W48 --out reports`
    * `headway report weekly --format md --out wiki` (Markdown and `wiki/charts/*.png`)
    * `headway --as-of 2026-12-01 report weekly --send` (write it, then mail and chat it)
    """
    ws = open_ws(ctx, workspace, as_of, read_only=True)
    report = ws.weekly_report(week)
    path = write_report(report, out, fmt.value)
    console.print(f"wrote {path}", soft_wrap=True)
    if not send:
        return
    results = ws.send_report(report)
    for r in results:
        if r.ok:
            console.print(f"sent {r.channel} to {r.recipient}", soft_wrap=True)
    failed = [r for r in results if not r.ok]
    for r in failed:
        err_console.print(
            f"[red]failed[/red] {r.channel} to {r.recipient}: {r.error}", soft_wrap=True
        )
    if failed:
        raise typer.Exit(2)


def register(app: typer.Typer) -> None:
    """Add this area's commands to ``app``."""
    app.add_typer(report_app, name="report")
