"""docs/cli.md is generated from --help: it fails when stale or when a command is undocumented.

Regenerate with ``HEADWAY_UPDATE_GOLDEN=1 pytest tests/test_cli_docs.py`` (or
``python scripts/gen_cli_docs.py``) and review the diff.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType

import pytest
import typer

from headway.cli.app import app

ROOT = Path(__file__).resolve().parent.parent


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "gen_cli_docs", ROOT / "scripts" / "gen_cli_docs.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


gen = _generator()


def test_docs_cli_md_is_up_to_date() -> None:
    text = gen.render(app)
    if os.environ.get("HEADWAY_UPDATE_GOLDEN"):
        gen.DOCS.write_text(text, encoding="utf-8")
    assert gen.DOCS.read_text(encoding="utf-8") == text, (
        "docs/cli.md is out of date: run HEADWAY_UPDATE_GOLDEN=1 pytest tests/test_cli_docs.py "
        "and review the diff"
    )


@pytest.mark.parametrize("path", gen.command_paths(app), ids=lambda p: " ".join(p) or "headway")
def test_every_command_is_documented(path: tuple[str, ...]) -> None:
    cmd = typer.main.get_command(app)
    for name in path:
        cmd = cmd.commands[name]  # type: ignore[attr-defined]
    assert (cmd.help or "").strip(), f"`headway {' '.join(path)}` has no help text (docstring)"
    heading = f"`{' '.join(('headway', *path))}`"
    assert f"# {heading}\n" in gen.DOCS.read_text(encoding="utf-8"), f"{heading} not in docs/cli.md"


def test_the_kpi_commands_are_in_the_reference() -> None:
    paths = set(gen.command_paths(app))
    assert {
        ("kpi", "list"),
        ("kpi", "show"),
        ("kpi", "series"),
        ("kpi", "snapshot"),
        ("scorecard",),
    } <= paths
