"""The ``headway`` command: parse, make one Workspace call, render. Nothing more."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from headway import __version__
from headway.cli import commands
from headway.cli.common import OutputFormat, State, err_console
from headway.errors import ConfigError, HeadwayError

__all__ = ["app", "main"]

app = typer.Typer(
    name="headway",
    help=(
        "Headway turns a platform team's vision into numbers it can steer by: North Star "
        "Metrics, the KPIs that drive them, OKRs, chargeback and a weekly report.\n\n"
        "Start with `headway demo` for a realistic demo workspace, or `headway init` for "
        "an empty one."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"headway {__version__}\n")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    workspace: Annotated[
        Path | None,
        typer.Option(
            "--workspace",
            "-w",
            help="Workspace folder (default: searched upward, or HEADWAY_WORKSPACE).",
            show_default=False,
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Compute as of this date or timestamp (default: now).",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format of data commands.")
    ] = OutputFormat.table,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    ctx.obj = State(workspace=workspace, as_of=as_of, format=fmt, debug=debug)


commands.register(app)


def main() -> None:
    """Entry point: user errors become one red line and exit 1; bugs keep their traceback."""
    debug = "--debug" in sys.argv
    try:
        app(standalone_mode=False)
    except HeadwayError as exc:
        if debug:
            raise
        if isinstance(exc, ConfigError):
            err_console.print(f"[red]error:[/red] {exc}", markup=True, highlight=False)
        else:
            err_console.print(f"[red]error:[/red] {exc}")
        sys.exit(1)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        err_console.print("aborted")
        sys.exit(130)
    except Exception as exc:  # click's usage errors arrive here in non-standalone mode
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        raise
