"""Chargeback: the allocated pools rolled up by tenant, team or org, with JSON shapes."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from headway.costs.allocation import MeterLine, PoolAllocation
from headway.costs.data import owner_of
from headway.costs.pools import PoolSet, json_money
from headway.errors import QueryError

__all__ = ["By", "Chargeback", "ChargebackRow", "build_chargeback", "pool_json"]

By = Literal["tenant", "team", "org"]
BY_VALUES: tuple[str, ...] = ("tenant", "team", "org")


@dataclass(frozen=True)
class ChargebackRow:
    key: dict[str, str]
    team: str | None
    org: str | None
    allocated: Decimal
    share: Decimal | None
    """allocated ÷ the pools' rounded total; None when that total is 0."""
    usage: dict[str, Decimal]
    tenants: int = 1
    """How many tenants the row sums."""
    teams: int = 1
    """How many teams the row sums."""
    unit_costs: dict[str, Decimal] = field(default_factory=dict)
    """Per allocation meter: the row's allocated cost on the meter's platform ÷ its
    quantity of the meter (the all-in cost per unit, as in the peer comparison)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "team": self.team,
            "org": self.org,
            "tenants": self.tenants,
            "teams": self.teams,
            "allocated": json_money(self.allocated),
            "share": json_money(self.share),
            "usage": {m: json_money(q) for m, q in self.usage.items()},
            "unit_costs": {m: json_money(c) for m, c in self.unit_costs.items()},
        }


def _meter_json(pool: PoolAllocation, m: MeterLine) -> dict[str, Any]:
    return {
        "pool": pool.pool.pool_id,
        "meter": m.meter,
        "weight": json_money(m.weight),
        "quantity": json_money(m.quantity),
        "unit_cost": json_money(m.unit_cost),
        "allocated": json_money(m.allocated),
        "unallocated": json_money(m.unallocated),
    }


def pool_json(pool: PoolAllocation) -> dict[str, Any]:
    return {
        "id": pool.pool.pool_id,
        "platform": pool.pool.platform,
        "title": pool.pool.title,
        "split": pool.pool.split,
        "source": "amount" if pool.pool.amount is not None else "match",
        "rows": pool.cost.rows,
        "effective": json_money(pool.cost.effective),
        "billed": json_money(pool.cost.billed),
        "rounded": json_money(pool.rounded),
        "allocated": json_money(pool.allocated),
        "unallocated": json_money(pool.unallocated),
        "tenants": len(pool.tenants),
        "meters": [_meter_json(pool, m) for m in pool.meters],
    }


@dataclass(frozen=True)
class Chargeback:
    pools: PoolSet
    by: By
    rows: list[ChargebackRow]

    def total(self, field: Literal["effective", "billed", "rounded", "unallocated"]) -> Decimal:
        if field == "effective":
            values = [p.cost.effective for p in self.pools.pools]
        elif field == "billed":
            values = [p.cost.billed for p in self.pools.pools]
        elif field == "rounded":
            values = [p.rounded for p in self.pools.pools]
        else:
            values = [p.unallocated for p in self.pools.pools]
        return sum(values, Decimal(0))

    @property
    def allocated(self) -> Decimal:
        return sum((r.allocated for r in self.rows), Decimal(0))

    def to_json(self) -> dict[str, Any]:
        ps = self.pools
        return {
            "period": ps.period.label,
            "currency": ps.currency,
            "platform": ps.platform,
            "by": self.by,
            "pool": {
                "effective": json_money(self.total("effective")),
                "billed": json_money(self.total("billed")),
                "rounded": json_money(self.total("rounded")),
            },
            "allocated": json_money(self.allocated),
            "unallocated": json_money(self.total("unallocated")),
            "pools": [pool_json(p) for p in ps.pools],
            "meters": [_meter_json(p, m) for p in ps.pools for m in p.meters],
            "rows": [r.to_json() for r in self.rows],
        }


@dataclass
class _Acc:
    team: str | None
    org: str | None
    allocated: Decimal = Decimal(0)
    usage: dict[str, Decimal] = field(default_factory=dict)
    by_platform: dict[str, Decimal] = field(default_factory=dict)
    tenants: set[str] = field(default_factory=set)
    teams: set[str] = field(default_factory=set)


def _key(by: str, tenant: str, team: str, org: str) -> tuple[str, str]:
    return (by, {"tenant": tenant, "team": team, "org": org}[by])


def _metered(pools: PoolSet) -> dict[str, str]:
    """Usage name (``meter`` or ``platform.meter``) → platform, for allocation meters."""
    several = len(pools.platforms) > 1
    return {
        (f"{p.pool.platform}.{m.meter}" if several else m.meter): p.pool.platform
        for p in pools.pools
        for m in p.meters
    }


def _unit_costs(acc: _Acc, metered: dict[str, str]) -> dict[str, Decimal]:
    return {
        name: acc.by_platform.get(platform, Decimal(0)) / acc.usage[name]
        for name, platform in metered.items()
        if acc.usage.get(name, Decimal(0)) > 0
    }


def _accumulate(pools: PoolSet, by: str) -> dict[tuple[str, str], _Acc]:
    several = len(pools.platforms) > 1
    acc: dict[tuple[str, str], _Acc] = {}
    counted: set[tuple[str, str]] = set()  # (tenant, platform) whose usage is in a row
    for pool in pools.pools:
        platform = pool.pool.platform
        for t in pool.tenants.values():
            owner = owner_of(pools.owners, t.tenant)
            row = acc.setdefault(
                _key(by, t.tenant, owner.team, owner.org),
                _Acc(owner.team if by != "org" else None, owner.org),
            )
            row.allocated += t.allocated
            row.by_platform[platform] = row.by_platform.get(platform, Decimal(0)) + t.allocated
            row.tenants.add(t.tenant)
            row.teams.add(owner.team)
            if (t.tenant, platform) in counted:
                continue
            counted.add((t.tenant, platform))
            for meter, q in t.usage.items():
                name = f"{platform}.{meter}" if several else meter
                row.usage[name] = row.usage.get(name, Decimal(0)) + q
    return acc


def build_chargeback(pools: PoolSet, by: str = "tenant") -> Chargeback:
    """Sum every pool's tenant allocations by tenant, team or org."""
    if by not in BY_VALUES:
        raise QueryError(f"cannot charge back by {by!r}; use tenant, team or org")
    acc = _accumulate(pools, by)
    metered = _metered(pools)
    total = sum((p.rounded for p in pools.pools), Decimal(0))
    rows = [
        ChargebackRow(
            key={k[0]: k[1]},
            team=a.team,
            org=a.org,
            allocated=a.allocated,
            share=a.allocated / total if total else None,
            usage=a.usage,
            tenants=len(a.tenants),
            teams=len(a.teams),
            unit_costs=_unit_costs(a, metered),
        )
        for k, a in acc.items()
    ]
    rows.sort(key=lambda r: (-r.allocated, next(iter(r.key.values()))))
    return Chargeback(pools, by, rows)  # type: ignore[arg-type]
