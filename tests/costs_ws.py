"""A cost workspace for the costs tests: headway.yaml plus rows inserted with SQL."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from headway.workspace import Workspace

AS_OF = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)

OBS_POOL: dict[str, Any] = {
    "platform": "observability",
    "match": "Tags->>'platform' = 'observability'",
    "allocation": [
        {"meter": "logs_gb", "weight": 0.6},
        {"meter": "metric_series", "weight": 0.3},
        {"meter": "spans_million", "weight": 0.1},
    ],
}


def make_ws(root: Path, costs: dict[str, Any], **extra: Any) -> Workspace:
    config = {"workspace": "Costs test", "timezone": "UTC", "currency": "USD", **extra}
    config["costs"] = costs
    (root / "headway.yaml").write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")
    return Workspace(root, as_of=AS_OF)


def add_cost(
    ws: Workspace,
    start: str,
    effective: str,
    *,
    billed: str | None = None,
    tags: dict[str, str] | None = None,
    currency: str = "USD",
) -> None:
    """One cost row charged at ``start`` (an ISO timestamp, UTC unless it says otherwise)."""
    ws.store.con.execute(
        'INSERT INTO costs ("BillingAccountId", "BillingPeriodStart", "ChargePeriodStart", '
        '"ChargePeriodEnd", "BilledCost", "EffectiveCost", "BillingCurrency", "Tags") '
        "VALUES ('acct', ?::TIMESTAMPTZ, ?::TIMESTAMPTZ, ?::TIMESTAMPTZ + INTERVAL 1 HOUR, "
        "?, ?, ?, ?)",
        [
            start[:7] + "-01T00:00:00Z",
            start,
            start,
            Decimal(billed or effective),
            Decimal(effective),
            currency,
            json.dumps(tags if tags is not None else {"platform": "observability"}),
        ],
    )


def add_usage(
    ws: Workspace, rows: Iterable[tuple[str, str, str, float]], platform: str = "observability"
) -> None:
    """(day, tenant, meter, quantity) rows."""
    for day, tenant, meter, q in rows:
        ws.store.con.execute(
            "INSERT INTO usage (day, platform, tenant, meter, quantity) VALUES (?, ?, ?, ?, ?)",
            [dt.date.fromisoformat(day), platform, tenant, meter, q],
        )


def add_tenants(ws: Workspace, rows: Iterable[tuple[str, str | None, str | None]]) -> None:
    for tenant, team, org in rows:
        ws.store.con.execute(
            "INSERT INTO tenants (tenant, team, org) VALUES (?, ?, ?)", [tenant, team, org]
        )


def add_events(
    ws: Workspace, rows: Iterable[tuple[str, str, str]], platform: str = "observability"
) -> None:
    """(time, tenant, event) rows."""
    for i, (time, tenant, event) in enumerate(rows):
        ws.store.con.execute(
            "INSERT INTO events (event_id, time, platform, event, tenant) "
            "VALUES (?, ?::TIMESTAMPTZ, ?, ?, ?)",
            [f"e{i}-{tenant}-{time}", time, platform, event, tenant],
        )
