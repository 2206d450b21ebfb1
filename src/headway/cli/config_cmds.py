"""Workspace-as-code commands: ``headway init``, ``headway validate``, ``headway schema``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from headway.cli.common import FormatOpt, OutputFormat, WorkspaceOpt, console, open_ws, state
from headway.config.loader import ConfigCheck
from headway.config.models import WorkspaceConfig
from headway.config.schema import schema_json
from headway.config.template import init_workspace

__all__ = ["register", "summary"]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary(config: WorkspaceConfig) -> str:
    """``3 KPIs, 1 SLO, …`` for the success line."""
    parts = [
        _plural(len(config.north_stars), "North Star"),
        _plural(len(config.initiatives), "initiative"),
        _plural(len(config.kpis), "KPI"),
        _plural(len(config.slos), "SLO"),
        _plural(len(config.okrs), "objective"),
        _plural(len(config.costs.pools) if config.costs else 0, "cost pool"),
    ]
    return ", ".join(parts)


def _as_json(check: ConfigCheck) -> dict[str, Any]:
    return {
        "valid": check.ok,
        "file": str(check.path),
        "errors": len(check.errors),
        "warnings": len(check.warnings),
        "issues": [
            {
                "severity": i.severity,
                "file": i.file,
                "line": i.line,
                "path": i.path,
                "message": i.message,
            }
            for i in check.issues
        ],
    }


def _print_table(check: ConfigCheck) -> None:
    for issue in check.issues:
        colour = "red" if issue.severity == "error" else "yellow"
        console.print(f"[{colour}]{issue.severity}[/{colour}] ", end="")
        console.print(str(issue), markup=False, soft_wrap=True)
    if check.ok and check.config is not None:
        line = f"{check.path.name} is valid: {summary(check.config)}"
        console.print(line, markup=False, soft_wrap=True)
    else:
        console.print(
            f"{check.path.name} is invalid: {_plural(len(check.errors), 'error')}, "
            f"{_plural(len(check.warnings), 'warning')}",
            markup=False,
        )


def validate(ctx: typer.Context, workspace: WorkspaceOpt = None, fmt: FormatOpt = None) -> None:
    """Check headway.yaml and its includes: every issue with file:line. Exit 1 on any
    error (warnings alone exit 0): fit for CI."""
    check = open_ws(ctx, workspace).check_config()
    if (fmt or state(ctx).format) is OutputFormat.json:
        import json

        sys.stdout.write(json.dumps(_as_json(check), indent=2, ensure_ascii=False) + "\n")
    else:
        _print_table(check)
    if not check.ok:
        raise typer.Exit(1)


def init(
    folder: Annotated[Path, typer.Argument(help="Folder of the new workspace.")] = Path("."),
) -> None:
    """Create a workspace: a commented, valid headway.yaml and a .gitignore for .headway/."""
    for path in init_workspace(folder):
        console.print(f"wrote {path}", markup=False)
    console.print("next: edit headway.yaml, then run `headway validate`", markup=False)


def schema() -> None:
    """Print the JSON Schema of headway.yaml (for editors; see docs/configuration.md)."""
    sys.stdout.write(schema_json())


def register(app: typer.Typer) -> None:
    """Add this area's commands to ``app``."""
    app.command("init")(init)
    app.command("validate")(validate)
    app.command("schema")(schema)
