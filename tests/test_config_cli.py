"""`headway init`, `headway validate` and `headway schema` through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from headway.cli.app import app
from headway.config.schema import schema_json

runner = CliRunner()


def test_init_writes_a_valid_workspace_and_validate_exits_0(tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", str(tmp_path / "ws")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "ws" / ".gitignore").read_text().splitlines()[-1] == ".headway/"
    result = runner.invoke(app, ["--workspace", str(tmp_path / "ws"), "validate"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == (
        "headway.yaml is valid: 1 North Star, 1 initiative, 3 KPIs, 1 SLO, 1 objective, 1 cost pool"
    )


def test_init_teaches_every_section(tmp_path: Path) -> None:
    runner.invoke(app, ["init", str(tmp_path)])
    text = (tmp_path / "headway.yaml").read_text()
    for section in ("vision", "north_stars", "initiatives", "kpis", "slos", "costs", "okrs"):
        assert f"\n{section}:" in text


def test_init_refuses_to_overwrite(tmp_path: Path) -> None:
    (tmp_path / "headway.yaml").write_text("workspace: Mine\n")
    result = runner.invoke(app, ["init", str(tmp_path)])
    assert result.exit_code == 1
    assert "already exists; headway init never overwrites it" in str(result.exception)
    assert (tmp_path / "headway.yaml").read_text() == "workspace: Mine\n"


def test_validate_exits_1_on_errors_and_lists_them(workspace_dir: Path) -> None:
    (workspace_dir / "headway.yaml").write_text("workspace: A\nvisoin: x\nkpis: 3\n")
    result = runner.invoke(app, ["-w", str(workspace_dir), "validate", "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert (data["valid"], data["errors"]) == (False, 2)
    assert [(i["line"], i["path"]) for i in data["issues"]] == [(2, "visoin"), (3, "kpis")]


def test_validate_warnings_alone_exit_0(workspace_dir: Path) -> None:
    (workspace_dir / "headway.yaml").write_text("workspace: A\ninclude: [okrs/*.yaml]\n")
    result = runner.invoke(app, ["-w", str(workspace_dir), "validate"])
    assert result.exit_code == 0, result.output
    assert "warning" in result.output
    assert "include `okrs/*.yaml` matches no file" in result.output
    assert result.output.splitlines()[-1].startswith("headway.yaml is valid: 0 North Stars")


def test_schema_command_prints_the_published_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert result.output == schema_json()
