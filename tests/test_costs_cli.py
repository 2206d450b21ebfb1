"""`headway costs …` through the CLI: CSV for finance, JSON, aligned tables, help."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from costs_ws import OBS_POOL, add_cost, add_tenants, add_usage, make_ws
from headway.cli.app import app

runner = CliRunner()


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """November 2026: 100.00 — a 52.50, b 22.50, c 15.00 (no team), 10.00 unallocated."""
    ws = make_ws(tmp_path, {"pools": [OBS_POOL]})
    add_cost(ws, "2026-11-03T00:00:00Z", "100", billed="115")
    add_usage(
        ws,
        [
            ("2026-11-02", "a", "logs_gb", 30),
            ("2026-11-02", "b", "logs_gb", 10),
            ("2026-11-02", "a", "metric_series", 10),
            ("2026-11-02", "b", "metric_series", 10),
            ("2026-11-02", "c", "metric_series", 20),
        ],
    )
    add_tenants(ws, [("a", "payments", "retail"), ("b", "payments", "retail"), ("c", None, None)])
    ws.close()
    return tmp_path


def _run(root: Path, *args: str) -> str:
    result = runner.invoke(app, ["-w", str(root), "--as-of", "2026-12-01", "costs", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_chargeback_csv_for_finance(root: Path) -> None:
    out = _run(root, "chargeback", "--by", "team", "--format", "csv")
    assert out.splitlines() == [
        "period,currency,platform,team,team,org,allocated,share",
        "2026-11,USD,,payments,payments,retail,75.00,0.75",
        "2026-11,USD,,(no team),(no team),(no org),15.00,0.15",
    ]


def test_chargeback_json(root: Path) -> None:
    data = json.loads(_run(root, "chargeback", "--month", "2026-11", "--format", "json"))
    assert (data["allocated"], data["unallocated"], data["pool"]["billed"]) == (90.0, 10.0, 115.0)
    assert [r["key"] for r in data["rows"]] == [{"tenant": "a"}, {"tenant": "b"}, {"tenant": "c"}]


def test_chargeback_table_aligns_amounts(root: Path) -> None:
    out = _run(root, "chargeback", "--platform", "observability")
    assert "pool 100.00 (billed 115.00), unallocated 10.00" in out
    lines = [line for line in out.splitlines() if line.startswith(("a ", "b ", "c "))]
    ends = {line.index("52.50") + 5 if "52.50" in line else None for line in lines[:1]}
    assert ends == {lines[1].index("22.50") + 5}  # right-aligned amounts end together


def test_pools_and_recommend(root: Path) -> None:
    pools = _run(root, "pools", "--format", "csv").splitlines()
    assert pools[1] == "2026-11,USD,observability,observability,meters,1,100.0,115.0,90.00,10.00"
    rec = _run(root, "recommend", "--format", "csv").splitlines()
    assert rec[0] == "period,currency,rule,team,platform,saving,action,evidence"
    # nobody queried or logged in: all three tenants are idle, a and b (payments) in one
    # item: 52.50 + 22.50; c has no team either; the unallocated 10 % is not above 10 %
    assert [tuple(line.split(",")[2:6]) for line in rec[1:]] == [
        ("idle_data", "payments", "observability", "75.00"),
        ("idle_data", "(no team)", "observability", "15.00"),
        ("no_owner", "(no team)", "observability", "15.00"),
    ]


def test_compare_md(root: Path) -> None:
    out = _run(root, "compare", "--format", "md")
    assert "### Peers: observability cost per logs_gb" in out


def test_month_and_week_together_is_an_error(root: Path) -> None:
    result = runner.invoke(
        app, ["-w", str(root), "costs", "chargeback", "--month", "2026-11", "--week", "2026-W48"]
    )
    assert result.exit_code == 1
    assert "give --month or --week, not both" in str(result.exception)


@pytest.mark.parametrize("command", ["pools", "chargeback", "compare", "recommend"])
def test_help_has_examples(command: str) -> None:
    result = runner.invoke(app, ["costs", command, "--help"])
    assert result.exit_code == 0
    assert f"headway costs {command}" in result.output
