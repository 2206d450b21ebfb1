"""Which period a cost command covers, and every pool of it computed and allocated."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import duckdb

from headway.config.costs import CostPool, CostsConfig
from headway.costs.allocation import PoolAllocation, allocate
from headway.costs.data import Owner, owners, pool_cost, usage_by_tenant
from headway.errors import QueryError
from headway.periods import Period, latest_complete, parse_period

__all__ = ["PoolSet", "compute_pools", "cost_period", "json_money"]


def cost_period(label: str | None, as_of: dt.datetime) -> Period:
    """A month or ISO week from its label; by default the latest complete UTC month."""
    if label is None:
        return latest_complete("month", as_of, dt.UTC)
    period = parse_period(label)
    if period.grain not in ("month", "week"):
        raise QueryError(
            f"costs are computed per month (2026-11) or ISO week (2026-W48), not per "
            f"{period.grain} ({label})"
        )
    return period


def json_money(value: object) -> float | None:
    """A Decimal as a JSON number (None stays None)."""
    return None if value is None else float(value)  # type: ignore[arg-type]


@dataclass(frozen=True)
class PoolSet:
    """The selected pools of one period, allocated, with the tenants' owners."""

    period: Period
    currency: str
    platform: str | None
    pools: list[PoolAllocation]
    owners: dict[str, Owner]
    usage: dict[str, dict[str, dict[str, Decimal]]]
    """platform → tenant → meter → quantity in the period."""

    @property
    def platforms(self) -> list[str]:
        return list(dict.fromkeys(p.pool.platform for p in self.pools))


def _selected(config: CostsConfig | None, platform: str | None) -> list[CostPool]:
    if config is None or not config.pools:
        raise QueryError(
            "the workspace has no cost pools; add a `costs: pools:` block to headway.yaml "
            "(see docs/costs.md)"
        )
    pools = config.pools_of(platform)
    if not pools:
        known = ", ".join(config.platforms)
        raise QueryError(f"no cost pool for platform {platform!r}; the platforms are: {known}")
    return pools


def compute_pools(
    con: duckdb.DuckDBPyConnection,
    config: CostsConfig | None,
    currency: str,
    period: Period,
    platform: str | None = None,
) -> PoolSet:
    """Every pool (of ``platform``, or all) for ``period``, allocated to tenants."""
    pools = _selected(config, platform)
    usage: dict[str, dict[str, dict[str, Decimal]]] = {}
    out: list[PoolAllocation] = []
    for pool in pools:
        if pool.platform not in usage:
            usage[pool.platform] = usage_by_tenant(con, pool.platform, period.start, period.end)
        cost = pool_cost(con, pool, period, currency)
        out.append(allocate(pool, cost, usage[pool.platform]))
    return PoolSet(period, currency, platform, out, owners(con), usage)
