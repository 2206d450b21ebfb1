"""Allocation of one cost pool to tenants by weighted meters or evenly (DESIGN §8). Pure.

share(t) = Σₘ wₘ · qₜₘ ÷ Qₘ; allocated(t) = pool × share(t); unit cost of m = pool · wₘ ÷ Qₘ.
A meter with Qₘ = 0 leaves its part, pool · wₘ, unallocated. An ``even`` pool gives each
active tenant (any usage on the platform in the period) the same part. Amounts are
computed exactly in Decimal and then rounded to cents by largest remainder, so the
tenants' cents plus the unallocated cents equal the pool in cents.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, localcontext

from headway.config.costs import CostPool
from headway.costs.data import PoolCost
from headway.costs.rounding import round_to_cents, to_cents

__all__ = ["MeterLine", "PoolAllocation", "TenantAllocation", "allocate"]

_PRECISION = 60


@dataclass(frozen=True)
class MeterLine:
    meter: str
    weight: Decimal
    quantity: Decimal
    unit_cost: Decimal | None
    """pool · wₘ ÷ Qₘ, None when nobody used the meter."""
    allocated: Decimal
    unallocated: Decimal
    exact: Decimal
    """pool · wₘ before rounding."""


@dataclass(frozen=True)
class TenantAllocation:
    tenant: str
    allocated: Decimal
    share: Decimal
    by_meter: dict[str, Decimal] = field(default_factory=dict)
    """Exact (unrounded) cost attributable to each meter; ``_even`` for an even pool."""
    usage: dict[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class PoolAllocation:
    pool: CostPool
    cost: PoolCost
    rounded: Decimal
    meters: list[MeterLine]
    tenants: dict[str, TenantAllocation]
    unallocated: Decimal

    @property
    def allocated(self) -> Decimal:
        return sum((t.allocated for t in self.tenants.values()), Decimal(0))


def _quantities(usage: Mapping[str, Mapping[str, Decimal]], meter: str) -> Decimal:
    return sum((u.get(meter, Decimal(0)) for u in usage.values()), Decimal(0))


def _by_meters(
    pool: CostPool, total: Decimal, usage: Mapping[str, Mapping[str, Decimal]]
) -> tuple[dict[str, dict[str, Decimal]], dict[str, Decimal], dict[str, Decimal]]:
    """tenant → meter → exact part; meter → unallocated exact part; meter → Qₘ."""
    parts: dict[str, dict[str, Decimal]] = {}
    idle: dict[str, Decimal] = {}
    totals: dict[str, Decimal] = {}
    for line in pool.allocation:
        q_total = _quantities(usage, line.meter)
        totals[line.meter] = q_total
        part = total * line.weight
        if q_total <= 0:
            idle[line.meter] = part
            continue
        for tenant, meters in usage.items():
            q = meters.get(line.meter, Decimal(0))
            if q > 0:
                parts.setdefault(tenant, {})[line.meter] = part * q / q_total
    return parts, idle, totals


def _even(
    total: Decimal, usage: Mapping[str, Mapping[str, Decimal]]
) -> tuple[dict[str, dict[str, Decimal]], dict[str, Decimal]]:
    active = [t for t, meters in usage.items() if any(q > 0 for q in meters.values())]
    if not active:
        return {}, {"_even": total}
    return {t: {"_even": total / len(active)} for t in active}, {}


def allocate(
    pool: CostPool, cost: PoolCost, usage: Mapping[str, Mapping[str, Decimal]]
) -> PoolAllocation:
    """Split ``cost`` among the tenants in ``usage`` (tenant → meter → quantity)."""
    with localcontext() as ctx:
        ctx.prec = _PRECISION
        total = cost.effective
        totals: dict[str, Decimal] = {}
        if pool.split == "even":
            parts, idle = _even(total, usage)
        else:
            parts, idle, totals = _by_meters(pool, total, usage)
        rounded = to_cents(total)
        items: dict[tuple[str, str], Decimal] = {
            ("tenant", t): sum(p.values(), Decimal(0)) for t, p in parts.items()
        }
        items.update({("idle", m): v for m, v in idle.items()})
        cents = round_to_cents(items, rounded)
        tenants = {
            t: TenantAllocation(
                tenant=t,
                allocated=cents[("tenant", t)],
                share=_share(pool, usage.get(t, {}), totals, len(parts)),
                by_meter=p,
                usage=dict(usage.get(t, {})),
            )
            for t, p in parts.items()
        }
        meters = [
            _meter_line(pool, line.meter, line.weight, total, totals, parts, cents)
            for line in (pool.allocation if pool.split == "meters" else [])
        ]
        unallocated = sum((v for k, v in cents.items() if k[0] == "idle"), Decimal(0))
        return PoolAllocation(pool, cost, rounded, meters, tenants, unallocated)


def _share(
    pool: CostPool, usage: Mapping[str, Decimal], totals: Mapping[str, Decimal], n: int
) -> Decimal:
    """Σₘ wₘ · qₜₘ ÷ Qₘ (1 ÷ n for an even pool)."""
    if pool.split == "even":
        return Decimal(1) / n
    return sum(
        (
            line.weight * usage.get(line.meter, Decimal(0)) / totals[line.meter]
            for line in pool.allocation
            if totals.get(line.meter, Decimal(0)) > 0
        ),
        Decimal(0),
    )


def _meter_line(
    pool: CostPool,
    meter: str,
    weight: Decimal,
    total: Decimal,
    totals: Mapping[str, Decimal],
    parts: Mapping[str, Mapping[str, Decimal]],
    cents: Mapping[tuple[str, str], Decimal],
) -> MeterLine:
    q_total = totals.get(meter, Decimal(0))
    exact = total * weight
    allocated = sum((p.get(meter, Decimal(0)) for p in parts.values()), Decimal(0))
    return MeterLine(
        meter=meter,
        weight=weight,
        quantity=q_total,
        unit_cost=exact / q_total if q_total > 0 else None,
        allocated=to_cents(allocated),
        unallocated=cents.get(("idle", meter), Decimal(0)),
        exact=exact,
    )
