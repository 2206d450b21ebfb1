"""One case per recommendation rule, on a real store (November 2026, as of 1 December).

Pool 1000.00: logs 0.5 (Q 200: a 100, b 100 → 2.50/GB), series 0.3 (Q 400: a 100, b 100,
c 200), spans 0.2 (nobody) → a 325.00, b 325.00, c 150.00, unallocated 200.00 (20 %).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from costs_ws import add_cost, add_events, add_tenants, add_usage, make_ws
from headway.errors import QueryError
from headway.workspace import Workspace

POOL: dict[str, Any] = {
    "platform": "observability",
    "match": "Tags->>'platform' = 'observability'",
    "allocation": [
        {"meter": "logs_gb", "weight": 0.5},
        {"meter": "metric_series", "weight": 0.3},
        {"meter": "spans_million", "weight": 0.2},
    ],
}
VENDORS = [
    {
        "id": "saas-a",
        "as_of": "2026-06-01",
        "prices": {"logs_gb": 3.0, "metric_series": 0.5, "spans_million": 1},
    },
    {"id": "dear", "as_of": "2026-06-01", "prices": {"logs_gb": 10, "metric_series": 10}},
]
OWNER = [{"id": "observability", "title": "Observability", "owner": "team-o11y"}]


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    w = make_ws(tmp_path, {"pools": [POOL], "vendors": VENDORS}, initiatives=OWNER)
    add_cost(w, "2026-11-10T00:00:00Z", "1000")
    add_usage(
        w,
        [
            ("2026-08-05", "a", "logs_gb", 20),  # three months before: a grows ×5
            ("2026-08-05", "a", "queries", 50),
            ("2026-08-05", "b", "logs_gb", 100),
            ("2026-11-05", "a", "logs_gb", 100),
            ("2026-11-05", "a", "queries", 50),  # queries flat
            ("2026-11-05", "b", "logs_gb", 100),
            ("2026-11-05", "a", "metric_series", 100),
            ("2026-11-05", "b", "metric_series", 100),
            ("2026-11-05", "c", "metric_series", 200),  # c: nobody looks, nobody owns
        ],
    )
    add_events(w, [("2026-11-15T09:00:00Z", "b", "login"), ("2026-10-15T09:00:00Z", "c", "login")])
    add_tenants(w, [("a", "payments", "retail"), ("b", "search", "retail"), ("c", None, None)])
    return w


def _items(ws: Workspace) -> list[tuple[str, str | None, Decimal]]:
    return [(i.rule, i.team, i.saving) for i in ws.cost_recommendations("2026-11").items]


def test_every_rule_sorted_by_saving(ws: Workspace) -> None:
    assert _items(ws) == [
        ("ingest_growth", "payments", Decimal("200.00")),  # (100 − 20·1) GB × 2.50
        ("unallocated_cost", "team-o11y", Decimal("200.00")),  # spans: nobody
        ("idle_data", "(no team)", Decimal("150.00")),  # c's allocated cost
        ("no_owner", "team-o11y", Decimal("150.00")),
        ("vendor_cheaper", "team-o11y", Decimal("100.00")),  # series: 300 vs 400 × 0.5
        ("keep_platform", "team-o11y", Decimal("0")),  # "dear" is dearer for every meter
    ]


def test_recommendation_json(ws: Workspace) -> None:
    data = ws.cost_recommendations("2026-11").to_json()
    assert (data["period"], data["currency"], data["total_saving"]) == ("2026-11", "USD", 800.0)
    first = data["items"][0]
    assert set(first) == {
        "rule", "title", "platform", "team", "period", "saving", "currency", "action",
        "evidence", "details", "numbers",
    }  # fmt: skip
    assert first["numbers"]["excess"] == 80.0
    assert first["numbers"]["tenants"] == [
        {"tenant": "a", "ingest_before": 20.0, "ingest_now": 100.0, "queries_before": 50.0,
         "queries_now": 50.0, "excess": 80.0, "saving": 200.0},
    ]  # fmt: skip
    assert first["evidence"] == (
        "tenant 'a': logs_gb grew ×5.00 from 2026-08 to 2026-11 (20 → 100) while queries grew "
        "×1.00 (50 → 50); 80 logs_gb above use at 2.50 USD each"
    )
    assert first["details"] == []  # one tenant: the evidence says it all


def test_a_team_s_tenants_are_one_item(tmp_path: Path) -> None:
    """Pool 1000 by logs only: Q 200 → 5.00/GB. Aug → Nov logs: a 20 → 100 (excess 80:
    400.00), b 30 → 60 (30: 150.00), both payments; d 10 → 30 (20: 100.00), search;
    queries flat. x 6 and y 4 GB (30.00, 20.00): no team, never queried."""
    metered = {**POOL, "allocation": [{"meter": "logs_gb", "weight": 1}]}
    w = make_ws(tmp_path, {"pools": [metered]}, initiatives=OWNER)
    add_cost(w, "2026-11-10T00:00:00Z", "1000")
    nov = [("a", 100), ("b", 60), ("d", 30), ("x", 6), ("y", 4)]
    add_usage(w, [("2026-11-05", t, "logs_gb", q) for t, q in nov])
    add_usage(w, [("2026-08-05", t, "logs_gb", q) for t, q in (("a", 20), ("b", 30), ("d", 10))])
    add_usage(w, [(day, t, "queries", 10) for day in ("2026-08-05", "2026-11-05") for t in "abd"])
    add_tenants(w, [("a", "payments", "r"), ("b", "payments", "r"), ("d", "search", "r")])
    recs = w.cost_recommendations("2026-11")
    assert [(i.rule, i.team, i.saving) for i in recs.items] == [
        ("ingest_growth", "payments", Decimal("550.00")),
        ("ingest_growth", "search", Decimal("100.00")),
        ("idle_data", "(no team)", Decimal("50.00")),
        ("no_owner", "team-o11y", Decimal("50.00")),
    ]
    payments, _, idle, orphans = recs.to_json()["items"]
    assert [(t["tenant"], t["saving"]) for t in payments["numbers"]["tenants"]] == [
        ("a", 400.0),
        ("b", 150.0),
    ]
    assert payments["numbers"]["excess"] == 110.0
    assert payments["action"] == "sample, filter or drop the logs_gb nobody queries from a, b"
    assert payments["details"] == [
        "a: logs_gb ×5.00 (20 → 100), queries ×1.00 (10 → 10); 80 above use → 400.00",
        "b: logs_gb ×2.00 (30 → 60), queries ×1.00 (10 → 10); 30 above use → 150.00",
    ]
    assert payments["evidence"].startswith("2 tenants of payments grew logs_gb faster")
    assert idle["details"] == ["x: allocated 30.00 USD", "y: allocated 20.00 USD"]
    assert orphans["numbers"]["tenants"] == [
        {"tenant": "x", "allocated": 30.0},
        {"tenant": "y", "allocated": 20.0},
    ]
    assert orphans["evidence"] == (
        "2 tenants were allocated 50.00 USD on observability in 2026-11 without a team in "
        "the tenants dataset"
    )


@pytest.mark.parametrize(
    ("setting", "value", "gone"),
    [
        ("ingest_growth_ratio", 6, "ingest_growth"),  # ×5 is not ≥ 6 × 1
        ("unallocated_share", 0.25, "unallocated_cost"),  # 20 % is not above 25 %
        ("idle_days", 60, "idle_data"),  # c logged in on 15 Oct
        ("min_saving", 160, "idle_data"),
    ],
)
def test_thresholds_are_configurable(
    tmp_path: Path, ws: Workspace, setting: str, value: float, gone: str
) -> None:
    costs = {"pools": [POOL], "vendors": VENDORS, "recommendations": {setting: value}}
    w = make_ws(ws.root, costs, initiatives=OWNER)
    rules = [r for r, _, _ in _items(w)]
    assert gone not in rules
    assert "keep_platform" in rules  # the config was read: other rules still fire


def test_peer_outlier(tmp_path: Path) -> None:
    """Metered 100 by logs (x 45, y 45, z 10) plus 300 evenly: x 145, y 145, z 110.
    Cost per GB: x, y 29/9 ≈ 3.22; z 11 > 2 × median (29/9): excess 110 − 10·29/9 = 77.78."""
    fixed = {"platform": "observability", "id": "oncall", "amount": 300, "split": "even"}
    metered = {**POOL, "allocation": [{"meter": "logs_gb", "weight": 1}]}
    w = make_ws(tmp_path, {"pools": [metered, fixed]})
    add_cost(w, "2026-11-10T00:00:00Z", "100")
    add_usage(w, [("2026-11-05", t, "logs_gb", q) for t, q in (("x", 45), ("y", 45), ("z", 10))])
    add_usage(w, [("2026-11-05", t, "queries", 1) for t in ("x", "y", "z")])
    add_tenants(w, [("x", "big", "o"), ("y", "other", "o"), ("z", "small", "o")])
    assert _items(w) == [("peer_outlier", "small", Decimal("77.78"))]
    peers = w.cost_comparison("2026-11").to_json()["peers"][0]
    assert [t["outlier"] for t in peers["teams"]] == [True, False, False]
    assert peers["median"] == pytest.approx(29 / 9)


def test_recommendations_are_monthly(ws: Workspace) -> None:
    with pytest.raises(QueryError, match="ask for a month, not 2026-W47"):
        ws.cost_recommendations("2026-W47")


def test_vendor_comparison(ws: Workspace) -> None:
    data = ws.cost_comparison("2026-11", by="team").to_json()
    saas = data["vendors"][0]
    # vendor cost: a 100·3 + 100·0.5 = 350; b 350; c 200·0.5 = 100 → 800 vs 800 allocated
    assert {r["key"]["team"]: r["savings"] for r in saas["rows"]} == {
        "payments": 25.0,
        "search": 25.0,
        "(no team)": -50.0,
    }
    assert (saas["vendor_cost"], saas["allocated"], saas["savings"]) == (800.0, 800.0, 0.0)
    assert saas["missing_meters"] == ["queries"]
    meters = {m["meter"]: m for m in saas["meters"]}
    assert meters["metric_series"]["cheaper"] == "vendor"
    assert meters["logs_gb"]["platform_unit_cost"] == 2.5
