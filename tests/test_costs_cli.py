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


@pytest.mark.parametrize(
    ("by", "expected"),
    [
        (
            "tenant",  # usage per meter
            [
                "period,currency,platform,tenant,team,org,allocated,share,logs_gb,metric_series",
                "2026-11,USD,,a,payments,retail,52.50,0.525,30,10",
                "2026-11,USD,,b,payments,retail,22.50,0.225,10,10",
                "2026-11,USD,,c,(no team),(no org),15.00,0.15,,20",
            ],
        ),
        (
            "team",  # cost per unit: payments 75 ÷ 40 GB, 75 ÷ 20 series; (no team) 15 ÷ 20
            [
                "period,currency,platform,team,org,tenants,allocated,share,cost_per_logs_gb,"
                "cost_per_metric_series",
                "2026-11,USD,,payments,retail,2,75.00,0.75,1.875,3.75",
                "2026-11,USD,,(no team),(no org),1,15.00,0.15,,0.75",
            ],
        ),
        (
            "org",
            [
                "period,currency,platform,org,teams,tenants,allocated,share,cost_per_logs_gb,"
                "cost_per_metric_series",
                "2026-11,USD,,retail,1,2,75.00,0.75,1.875,3.75",
                "2026-11,USD,,(no org),1,1,15.00,0.15,,0.75",
            ],
        ),
    ],
)
def test_chargeback_csv_for_finance(root: Path, by: str, expected: list[str]) -> None:
    out = _run(root, "chargeback", "--by", by, "--format", "csv")
    assert out.splitlines() == expected


@pytest.mark.parametrize("by", ["tenant", "team", "org"])
def test_chargeback_table_shows_the_key_once_and_totals(root: Path, by: str) -> None:
    out = _run(root, "chargeback", "--by", by).split("Meters")[0]
    header = next(line for line in out.splitlines() if line.startswith(by))
    assert header.split().count(by) == 1
    totals = {
        line.split("  ")[0]: line.split()[-2:]
        for line in out.splitlines()
        if line.startswith(("total allocated", "unallocated", "pool "))
    }
    assert totals == {  # 90.00 + 10.00 = 100.00, to the cent
        "total allocated": ["90.00", "90.0%"],
        "unallocated": ["10.00", "10.0%"],
        "pool": ["100.00", "100.0%"],
    }


def test_chargeback_json(root: Path) -> None:
    data = json.loads(_run(root, "chargeback", "--month", "2026-11", "--format", "json"))
    assert (data["allocated"], data["unallocated"], data["pool"]["billed"]) == (90.0, 10.0, 115.0)
    assert [r["key"] for r in data["rows"]] == [{"tenant": "a"}, {"tenant": "b"}, {"tenant": "c"}]


def test_chargeback_table_aligns_amounts(root: Path) -> None:
    out = _run(root, "chargeback", "--platform", "observability")
    assert "pool 100.00 (billed 115.00), unallocated 10.00" in out
    assert out.index("total allocated") > out.index("c ")  # totals close the table
    lines = [line for line in out.splitlines() if line.startswith(("a ", "b ", "c "))]
    ends = {line.index("52.50") + 5 if "52.50" in line else None for line in lines[:1]}
    assert ends == {lines[1].index("22.50") + 5}  # right-aligned amounts end together


def test_pools_and_recommend(root: Path) -> None:
    pools = _run(root, "pools", "--format", "csv").splitlines()
    assert pools == [
        "period,currency,pool,platform,split,rows,effective,billed,rounded,allocated,unallocated",
        "2026-11,USD,observability,observability,meters,1,100,115,100.00,90.00,10.00",
    ]
    table = _run(root, "pools").splitlines()
    assert table[-3].split() == ["total", "1", "100.00", "115.00", "100.00", "90.00", "10.00"]
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


def test_compare_savings_of_building(tmp_path: Path) -> None:
    """Vendor: a 30 GB · 2 + 10 series · 1 = 70, b 10 · 2 + 10 · 1 = 30 (c: no team) + 20
    = 120 against 90.00 allocated: building saves 30.00. ``cheap`` prices no meter."""
    vendors = [
        {"id": "v", "as_of": "2026-06-01", "prices": {"logs_gb": 2, "metric_series": 1}},
        {"id": "cheap", "as_of": "2026-06-01", "prices": {"build_minutes": 0.01}},
    ]
    ws = make_ws(tmp_path, {"pools": [OBS_POOL], "vendors": vendors})
    add_cost(ws, "2026-11-03T00:00:00Z", "100")
    add_usage(ws, [("2026-11-02", "a", "logs_gb", 30), ("2026-11-02", "b", "logs_gb", 10)])
    add_usage(ws, [("2026-11-02", t, "metric_series", q) for t, q in (("a", 10), ("b", 10))])
    add_usage(ws, [("2026-11-02", "c", "metric_series", 20)])
    add_tenants(ws, [("a", "payments", "retail"), ("b", "payments", "retail")])
    ws.close()
    out = _run(tmp_path, "compare")
    assert (
        "Savings of building: vendor cost 120.00 − allocated 90.00 = 30.00 USD/month "
        "(building is cheaper)." in out
    )
    assert "No usage of a meter that cheap prices." in out
    total = next(line for line in out.splitlines() if line.startswith("total"))
    assert total.split() == ["total", "90.00", "120.00", "30.00"]
    csv_out = _run(tmp_path, "compare", "--format", "csv").splitlines()
    assert csv_out == [
        "period,currency,vendor,team,allocated,vendor_cost,savings",
        "2026-11,USD,v,payments,75.00,100.00,25.00",  # largest savings first
        "2026-11,USD,v,(no team),15.00,20.00,5.00",
    ]


@pytest.fixture
def many(tmp_path: Path) -> Path:
    """17 idle tenants, each of its own team, 10.00 each: 17 idle_data items."""
    pool = {**OBS_POOL, "allocation": [{"meter": "logs_gb", "weight": 1}]}
    ws = make_ws(tmp_path, {"pools": [pool]})
    add_cost(ws, "2026-11-03T00:00:00Z", "170")
    names = [f"t{i:02}" for i in range(1, 18)]
    add_usage(ws, [("2026-11-02", n, "logs_gb", 1) for n in names])
    add_tenants(ws, [(n, f"team-{n}", "o") for n in names])
    ws.close()
    return tmp_path


def test_recommend_table_shows_the_top_15(many: Path) -> None:
    out = _run(many, "recommend")
    assert "Recommendations 2026-11: 17 items, up to 170.00 USD/month" in out
    assert "team-t15" in out
    assert "team-t16" not in out
    assert "and 2 more (20.00 USD/month); --format json for all" in out
    assert len(json.loads(_run(many, "recommend", "--format", "json"))["items"]) == 17
    assert len(_run(many, "recommend", "--format", "csv").splitlines()) == 1 + 17


def test_recommend_md_lists_the_evidence(root: Path) -> None:
    out = _run(root, "recommend", "--format", "md")
    assert (
        "1. **Data sent that nobody queries or looks at** — payments, observability, "
        "75.00 USD/month: 2 tenants of payments sent data to observability in the 30 days "
        "to 2026-11-30 with no query and no login; allocated 75.00 USD in 2026-11"
    ) in out
    assert "   - a: allocated 52.50 USD\n   - b: allocated 22.50 USD" in out


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
