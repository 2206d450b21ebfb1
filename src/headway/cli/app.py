"""The ``headway`` command: parse, make one Workspace call, render. Nothing more."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
import typer.main
from rich.markup import escape

from headway import __version__
from headway.cli import commands
from headway.cli.common import OutputFormat, State, err_console
from headway.errors import HeadwayError

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


_GLOBAL_WITH_VALUE = {"--workspace", "-w", "--as-of", "--format", "-f"}
_GLOBAL_FLAGS = {"--debug"}


def _declared(command: Any) -> set[str]:
    return {opt for p in getattr(command, "params", []) for opt in getattr(p, "opts", [])}


def hoist_global_options(argv: list[str]) -> list[str]:
    """Let the global options also follow the command (``headway demo --as-of 2026-12-01``):
    those the command does not declare itself are moved in front of it."""
    command: Any = typer.main.get_command(app)
    i = 0
    while i < len(argv) and hasattr(command, "commands"):
        token = argv[i]
        if token in _GLOBAL_WITH_VALUE:
            i += 2
        elif token.startswith("-"):
            i += 1
        elif token in command.commands:
            command = command.commands[token]
            i += 1
        else:
            break
    head, tail, moved = argv[:i], argv[i:], []
    own = _declared(command)
    rest: list[str] = []
    j = 0
    while j < len(tail):
        token = tail[j]
        name = token.split("=", 1)[0]
        if token == "--":
            rest += tail[j:]
            break
        if name in _GLOBAL_WITH_VALUE and name not in own:
            step = 1 if "=" in token else 2
            moved += tail[j : j + step]
            j += step
        elif name in _GLOBAL_FLAGS and name not in own:
            moved.append(token)
            j += 1
        else:
            rest.append(token)
            j += 1
    return moved + head + rest


def main() -> None:
    """Entry point: user errors become one red line and exit 1; bugs keep their traceback."""
    args = hoist_global_options(sys.argv[1:])
    debug = "--debug" in args
    try:
        app(args=args, prog_name="headway")
    except HeadwayError as exc:
        if debug:
            raise
        err_console.print(f"[red]error:[/red] {escape(str(exc))}", soft_wrap=True)
        sys.exit(1)
