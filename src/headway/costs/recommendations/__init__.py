"""Cost recommendations: small rules, one per module, each returning evidence-backed items.

Every rule module has ``RULE`` (its id), ``TITLE`` and ``recommend(ctx) -> list[...]``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import duckdb

from headway.config.models import WorkspaceConfig
from headway.costs.pools import PoolSet, json_money
from headway.costs.recommendations import (
    idle_data,
    ingest_growth,
    no_owner,
    peer_outlier,
    unallocated,
    vendor,
)
from headway.costs.recommendations.base import Context, Recommendation
from headway.errors import QueryError

__all__ = ["RULES", "Context", "Recommendation", "Recommendations", "recommend"]

RULES = (ingest_growth, idle_data, peer_outlier, vendor, unallocated, no_owner)


@dataclass(frozen=True)
class Recommendations:
    pools: PoolSet
    items: list[Recommendation]

    @property
    def total_saving(self) -> Decimal:
        return sum((i.saving for i in self.items), Decimal(0))

    def to_json(self) -> dict[str, Any]:
        cur = self.pools.currency
        return {
            "period": self.pools.period.label,
            "currency": cur,
            "platform": self.pools.platform,
            "total_saving": json_money(self.total_saving),
            "items": [i.to_json(cur) for i in self.items],
        }


def recommend(
    con: duckdb.DuckDBPyConnection, config: WorkspaceConfig, pools: PoolSet
) -> Recommendations:
    """Every rule's items for a month, sorted by estimated saving (largest first)."""
    if pools.period.grain != "month":
        raise QueryError(
            f"recommendations estimate monthly savings; ask for a month, not {pools.period.label}"
        )
    ctx = Context(con, config, pools)
    floor = ctx.settings.min_saving
    items = [
        item
        for rule in RULES
        for item in rule.recommend(ctx)
        if item.saving >= floor or item.rule == vendor.KEEP_RULE
    ]
    items.sort(key=lambda i: (-i.saving, i.rule, i.platform, i.team or ""))
    return Recommendations(pools, items)
