"""The CLI entry point: global options anywhere, user errors as one line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from headway.cli.app import hoist_global_options


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["demo", "d", "--as-of", "2026-12-01"], ["--as-of", "2026-12-01", "demo", "d"]),
        (["datasets", "-w", "ws", "--debug"], ["--debug", "datasets", "-w", "ws"]),
        (["okr", "history", "k", "--debug"], ["--debug", "okr", "history", "k"]),
        (["demo", "--as-of=2026-12-01"], ["--as-of=2026-12-01", "demo"]),
        # a command that declares --format keeps its own
        (["kpi", "show", "x", "--format", "json"], ["kpi", "show", "x", "--format", "json"]),
        (["--as-of", "2026-01-01", "scorecard"], ["--as-of", "2026-01-01", "scorecard"]),
        (["ingest", "usage", "--", "--as-of"], ["ingest", "usage", "--", "--as-of"]),
    ],
)
def test_global_options_may_follow_the_command(argv: list[str], expected: list[str]) -> None:
    assert hoist_global_options(argv) == expected


def test_a_user_error_is_one_red_line_and_exit_1(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "headway", "datasets", "-w", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 1
    assert out.stderr.startswith("error: ")
    assert "headway.yaml" in out.stderr
    assert "Traceback" not in out.stderr


def test_an_unknown_option_is_a_usage_error_not_a_traceback() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "headway", "datasets", "--nope"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 2
    assert "No such option" in out.stderr
    assert "Traceback" not in out.stderr


def test_a_second_writer_gets_a_message_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "headway.yaml").write_text("workspace: busy\n", encoding="utf-8")
    (tmp_path / "t.csv").write_text("tenant,team\nt1,payments\n", encoding="utf-8")
    store = tmp_path / ".headway" / "headway.duckdb"
    store.parent.mkdir()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb,sys; c=duckdb.connect({str(store)!r}); print('ready', flush=True); "
            "sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdin is not None
    assert holder.stdout is not None
    try:
        assert holder.stdout.readline().strip() == "ready"
        out = subprocess.run(
            [sys.executable, "-m", "headway", "-w", str(tmp_path), "ingest", "tenants",
             str(tmp_path / "t.csv")],
            capture_output=True,
            text=True,
            check=False,
        )  # fmt: skip
    finally:
        holder.stdin.close()
        holder.wait()
        holder.stdout.close()
    assert out.returncode == 1
    assert f"in use by process {holder.pid}" in out.stderr
    assert "run this command again" in out.stderr
    assert "Traceback" not in out.stderr
