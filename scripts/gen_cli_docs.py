#!/usr/bin/env python
"""Generate docs/cli.md, the CLI reference, from every command's ``--help``.

    python scripts/gen_cli_docs.py           # rewrite docs/cli.md
    python scripts/gen_cli_docs.py --check   # exit 1 when docs/cli.md is out of date

tests/test_cli_docs.py fails when docs/cli.md is stale or a command has no help; run it with
HEADWAY_UPDATE_GOLDEN=1 (or this script) to regenerate, and review the diff.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer  # noqa: TID251  (a script of the CLI, not the core)
from typer.testing import CliRunner  # noqa: TID251

DOCS = Path(__file__).resolve().parent.parent / "docs" / "cli.md"
WIDTH = 100

HEADER = """\
# CLI reference

Generated from `--help` by `scripts/gen_cli_docs.py`; do not edit by hand. Regenerate with
`python scripts/gen_cli_docs.py` (or `HEADWAY_UPDATE_GOLDEN=1 pytest tests/test_cli_docs.py`).

Global options (`--workspace`, `--as-of`, `--format`, `--debug`) go before the command,
e.g. `headway --as-of 2026-12-01 scorecard`; the data commands also accept `--workspace`,
`--as-of` and `--format` after their name.
"""


def command_paths(app: typer.Typer) -> list[tuple[str, ...]]:
    """Every command and group of the CLI, as argument paths, in tree order (typer ships
    its own click, so the tree is walked by its ``commands`` mappings)."""
    root = typer.main.get_command(app)
    out: list[tuple[str, ...]] = []

    def walk(cmd: Any, path: tuple[str, ...]) -> None:
        out.append(path)
        for name in sorted(getattr(cmd, "commands", {})):
            sub = cmd.commands[name]
            if not sub.hidden:
                walk(sub, (*path, name))

    walk(root, ())
    return out


def command_help(app: typer.Typer, path: tuple[str, ...]) -> str:
    env = {"COLUMNS": str(WIDTH), "NO_COLOR": "1", "TERM": "dumb"}
    result = CliRunner().invoke(app, [*path, "--help"], env=env, terminal_width=WIDTH)
    if result.exit_code != 0:
        raise RuntimeError(f"headway {' '.join(path)} --help failed:\n{result.output}")
    return "\n".join(line.rstrip() for line in result.output.strip("\n").splitlines())


def render(app: typer.Typer) -> str:
    parts = [HEADER]
    for path in command_paths(app):
        name = " ".join(("headway", *path))
        level = "#" * min(2 + len(path) - (1 if path else 0), 4)
        parts.append(f"{level} `{name}`\n\n```text\n{command_help(app, path)}\n```\n")
    return "\n".join(parts)


def main() -> int:
    from headway.cli.app import app

    text = render(app)
    if "--check" in sys.argv:
        if DOCS.read_text(encoding="utf-8") != text:
            sys.stderr.write(f"{DOCS} is out of date; run python scripts/gen_cli_docs.py\n")
            return 1
        return 0
    DOCS.parent.mkdir(parents=True, exist_ok=True)
    DOCS.write_text(text, encoding="utf-8")
    sys.stdout.write(f"wrote {DOCS}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
