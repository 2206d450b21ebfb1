"""What every command shares: global options, opening the workspace, rendering output."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from headway.workspace import Workspace, open_workspace

__all__ = [
    "AsOfOpt",
    "FormatOpt",
    "OutputFormat",
    "State",
    "WorkspaceOpt",
    "console",
    "emit",
    "err_console",
    "open_ws",
    "state",
]

console = Console(highlight=False, soft_wrap=False)
err_console = Console(stderr=True, highlight=False)


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    md = "md"


@dataclass
class State:
    workspace: Path | None = None
    as_of: str | None = None
    format: OutputFormat = OutputFormat.table
    debug: bool = False


WorkspaceOpt = Annotated[
    Path | None,
    typer.Option(
        "--workspace",
        "-w",
        help="Workspace folder (default: found upward from here, or HEADWAY_WORKSPACE).",
        show_default=False,
    ),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Compute as of this date or timestamp (default: now); a date means its "
        "start in the workspace time zone.",
        show_default=False,
    ),
]
FormatOpt = Annotated[
    OutputFormat | None,
    typer.Option("--format", "-f", help="Output format.", show_default=False),
]


def state(ctx: typer.Context) -> State:
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State()
    return root.obj


def open_ws(
    ctx: typer.Context,
    workspace: Path | None = None,
    as_of: str | None = None,
    *,
    read_only: bool = False,
) -> Workspace:
    """The workspace named by the command's or the global options."""
    st = state(ctx)
    ws = open_workspace(workspace or st.workspace, read_only=read_only)
    ws.set_as_of(as_of or st.as_of)
    ctx.call_on_close(ws.close)
    return ws


def output_format(ctx: typer.Context, fmt: OutputFormat | None) -> OutputFormat:
    return fmt or state(ctx).format


def emit(
    ctx: typer.Context,
    fmt: OutputFormat | None,
    data: Any,
    table: Callable[[], None],
    markdown: Callable[[], str] | None = None,
) -> None:
    """Print ``data`` as JSON, or call the table / markdown renderer."""
    chosen = output_format(ctx, fmt)
    if chosen is OutputFormat.json:
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")
    elif chosen is OutputFormat.md and markdown is not None:
        sys.stdout.write(markdown().rstrip("\n") + "\n")
    else:
        table()
