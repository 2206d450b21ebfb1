"""Chargeback over a real DuckDB store: pools, periods, rollups, currency, config rules."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from costs_ws import OBS_POOL, add_cost, add_tenants, add_usage, make_ws
from headway.errors import ConfigError, HeadwayError, QueryError
from headway.workspace import Workspace


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    """Nov 2026: pool 100.00 (+ a row of 3.00 on 30 Nov 23:30 in New York = 1 Dec UTC).

    logs_gb: a 30, b 10 (Q 40) · metric_series: a 10, b 10, c 20 (Q 40) · spans: nobody.
    a = 60·30/40 + 30·10/40 = 52.50 · b = 15 + 7.5 = 22.50 · c = 15.00 · unallocated 10.00.
    """
    w = make_ws(tmp_path, {"pools": [OBS_POOL]})
    add_cost(w, "2026-11-03T00:00:00Z", "60", billed="70")
    add_cost(w, "2026-11-20T12:00:00Z", "40", billed="45")
    add_cost(w, "2026-11-30T23:30:00-05:00", "3")  # 2026-12-01 04:30 UTC: December
    add_cost(w, "2026-11-05T00:00:00Z", "999", tags={"platform": "cicd"})
    add_usage(
        w,
        [
            ("2026-11-02", "a", "logs_gb", 20),
            ("2026-11-25", "a", "logs_gb", 10),
            ("2026-11-02", "b", "logs_gb", 10),
            ("2026-11-02", "a", "metric_series", 10),
            ("2026-11-02", "b", "metric_series", 10),
            ("2026-11-02", "c", "metric_series", 20),
            ("2026-10-31", "c", "logs_gb", 1000),  # October
        ],
    )
    add_tenants(w, [("a", "payments", "retail"), ("b", "payments", "retail"), ("c", None, None)])
    return w


def test_chargeback_by_tenant(ws: Workspace) -> None:
    cb = ws.chargeback().to_json()  # default: latest complete month as of 2026-12-01
    assert cb["period"] == "2026-11"
    assert cb["currency"] == "USD"
    assert cb["pool"] == {"effective": 100.0, "billed": 115.0, "rounded": 100.0}
    assert (cb["allocated"], cb["unallocated"]) == (90.0, 10.0)
    rows = {r["key"]["tenant"]: r for r in cb["rows"]}
    assert {t: r["allocated"] for t, r in rows.items()} == {"a": 52.5, "b": 22.5, "c": 15.0}
    assert rows["a"]["usage"] == {"logs_gb": 30.0, "metric_series": 10.0}
    assert (rows["c"]["team"], rows["c"]["org"]) == ("(no team)", "(no org)")
    assert rows["a"]["share"] == pytest.approx(0.525)
    meters = {m["meter"]: m for m in cb["meters"]}
    assert meters["logs_gb"]["unit_cost"] == 1.5
    assert meters["spans_million"] == {
        "pool": "observability",
        "meter": "spans_million",
        "weight": 0.1,
        "quantity": 0.0,
        "unit_cost": None,
        "allocated": 0.0,
        "unallocated": 10.0,
    }


@pytest.mark.parametrize(
    ("by", "expected"),
    [
        ("team", {"payments": 75.0, "(no team)": 15.0}),
        ("org", {"retail": 75.0, "(no org)": 15.0}),
    ],
)
def test_chargeback_rollups(ws: Workspace, by: str, expected: dict[str, float]) -> None:
    rows = ws.chargeback("2026-11", by=by).rows
    assert {r.key[by]: float(r.allocated) for r in rows} == expected


def test_costs_are_placed_by_utc_date(ws: Workspace) -> None:
    december = ws.chargeback("2026-12").to_json()
    assert december["pool"]["effective"] == 3.0
    assert december["unallocated"] == 3.0  # nobody used anything in December


def test_week(ws: Workspace) -> None:
    # 2026-W45 is Mon 2 Nov – Sun 8 Nov: the 60.00 row and the 2 Nov usage
    cb = ws.chargeback("2026-W45", by="tenant").to_json()
    assert cb["pool"]["effective"] == 60.0
    rows = {r["key"]["tenant"]: r["allocated"] for r in cb["rows"]}
    # logs: a 20, b 10 → 36·20/30 = 24, 12; series a 10 b 10 c 20 → 18·¼ = 4.5, 4.5, 9
    assert rows == {"a": 28.5, "b": 16.5, "c": 9.0}
    assert cb["unallocated"] == 6.0


@pytest.mark.parametrize(
    ("label", "message"),
    [("2026-Q4", r"per month \(2026-11\) or ISO week"), ("2026-11-02", "not per day")],
)
def test_period_must_be_month_or_week(ws: Workspace, label: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        ws.chargeback(label)


def test_unknown_platform_and_by(ws: Workspace) -> None:
    with pytest.raises(QueryError, match=r"no cost pool for platform 'k8s'.*observability"):
        ws.chargeback(platform="k8s")
    with pytest.raises(QueryError, match="cannot charge back by 'squad'"):
        ws.chargeback(by="squad")


def test_another_currency_is_an_error(ws: Workspace) -> None:
    add_cost(ws, "2026-11-10T00:00:00Z", "5", currency="EUR")
    with pytest.raises(HeadwayError, match=r"costs in EUR in 2026-11.*currency is USD"):
        ws.chargeback("2026-11")


def test_failing_match_predicate_names_the_pool(tmp_path: Path) -> None:
    pool = {**OBS_POOL, "match": "CAST(Tags->>'platform' AS INTEGER) = 1"}
    w = make_ws(tmp_path, {"pools": [pool]})
    add_cost(w, "2026-11-03T00:00:00Z", "1")
    with pytest.raises(QueryError, match="pool 'observability': its match predicate fails"):
        w.chargeback("2026-11")


def test_no_pools_configured(workspace_dir: Path) -> None:
    with pytest.raises(QueryError, match="no cost pools"):
        Workspace(workspace_dir).chargeback("2026-11")


def test_fixed_even_pool(tmp_path: Path) -> None:
    """1200 a month split evenly by the active tenants; a week carries its days' share."""
    fixed = {"platform": "observability", "id": "oncall", "amount": 1200, "split": "even"}
    w = make_ws(tmp_path, {"pools": [fixed]})
    add_usage(w, [("2026-11-02", t, "logs_gb", 1) for t in ("a", "b", "c", "d", "e", "f", "g")])
    cb = w.chargeback("2026-11").to_json()
    assert cb["pool"]["effective"] == 1200.0
    assert sorted(r["allocated"] for r in cb["rows"]) == [171.42] + [171.43] * 6  # 1200/7
    assert cb["allocated"] == 1200.0
    week = w.chargeback("2026-W45").to_json()  # 7 days of November: 7 × 40
    assert week["pool"]["effective"] == 280.0
    # W49 (30 Nov – 6 Dec): 40 + 6 × 1200/31 = 272.258… → 272.26, nobody active
    assert w.chargeback("2026-W49").to_json()["unallocated"] == 272.26


def _config_error(tmp_path: Path, costs: dict[str, Any]) -> str:
    with pytest.raises(ConfigError) as info:
        _ = make_ws(tmp_path, costs).config
    return str(info.value)


@pytest.mark.parametrize(
    ("costs", "message"),
    [
        (
            {
                "pools": [
                    {
                        **OBS_POOL,
                        "allocation": [
                            {"meter": "a", "weight": 0.6},
                            {"meter": "b", "weight": 0.3},
                        ],
                    }
                ]
            },
            r"headway\.yaml:\d+: .*the weights of pool 'observability' sum to 0\.9, not 1",
        ),
        (
            {"pools": [{"platform": "x", "allocation": [{"meter": "a", "weight": 1}]}]},
            "pool 'x' selects no cost",
        ),
        (
            {"pools": [{**OBS_POOL, "amount": 10}]},
            "has both `match` and `amount`",
        ),
        (
            {"pools": [{"platform": "x", "match": "Tags->>'a' = "}]},
            "the predicate does not parse as DuckDB SQL",
        ),
        ({"pools": [{"platform": "x", "amount": 5}]}, "is split by meters but lists none"),
        ({"pools": [OBS_POOL, OBS_POOL]}, "pool id 'observability' is used by 2 pools"),
        (
            {
                "pools": [
                    {
                        **OBS_POOL,
                        "allocation": [
                            {"meter": "a", "weight": 0.5},
                            {"meter": "a", "weight": 0.5},
                        ],
                    }
                ]
            },
            "meter 'a' appears 2 times",
        ),
        (
            {"vendors": [{"id": "v", "as_of": "2026-01-01", "prices": {"a": 1}}] * 2},
            "vendor price book 'v' is defined twice",
        ),
        (
            {"vendors": [{"id": "v", "as_of": "2026-01-01", "prices": {"a": -1}}]},
            "price of 'a' is negative",
        ),
    ],
)
def test_config_rules(tmp_path: Path, costs: dict[str, Any], message: str) -> None:
    text = _config_error(tmp_path, costs)
    assert re.search(message, text), text


def test_weight_out_of_range_is_a_structure_error(tmp_path: Path) -> None:
    text = _config_error(
        tmp_path, {"pools": [{**OBS_POOL, "allocation": [{"meter": "a", "weight": 1.5}]}]}
    )
    assert re.search(r"headway\.yaml:\d+: costs\.pools\[0\]\.allocation\[0\]\.weight", text), text
