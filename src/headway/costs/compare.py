"""Comparisons: the platform's cost against vendor list prices, and teams against peers.

Vendor cost of a tenant = Σₘ qₜₘ · priceₘ over the meters the price book prices;
savings = vendor cost − allocated cost (positive: the platform is cheaper). Both sides
cover only the platforms the book can replace (it prices a meter their pools allocate):
a CI price book is not held against the observability bill.

A team's cost per unit of meter m = the team's allocated cost on the platform (every
pool) ÷ the team's quantity of m. It is compared with the median over the teams that
used m; above ``peer_multiple`` × median is an outlier. (The cost attributable to m
alone would be the same pool · wₘ ÷ Qₘ for every team by construction, so the all-in
cost per unit is what tells teams apart; see docs/costs.md.)
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from headway.config.costs import CostsConfig, VendorPriceBook
from headway.costs.chargeback import build_chargeback
from headway.costs.data import owner_of
from headway.costs.pools import PoolSet, json_money
from headway.costs.rounding import to_cents

__all__ = ["Comparison", "MeterPrice", "PeerLine", "PeerMeter", "VendorResult", "compare"]

ZERO = Decimal(0)


@dataclass(frozen=True)
class MeterPrice:
    platform: str
    meter: str
    quantity: Decimal
    price: Decimal
    vendor_cost: Decimal
    platform_cost: Decimal
    """pool · wₘ summed over the platform's metered pools (allocated and unallocated)."""

    @property
    def platform_unit_cost(self) -> Decimal | None:
        return self.platform_cost / self.quantity if self.quantity else None

    def to_json(self) -> dict[str, Any]:
        return {
            "platform": self.platform,
            "meter": self.meter,
            "quantity": json_money(self.quantity),
            "price": json_money(self.price),
            "vendor_cost": json_money(self.vendor_cost),
            "platform_cost": json_money(self.platform_cost),
            "platform_unit_cost": json_money(self.platform_unit_cost),
            "cheaper": "vendor" if self.vendor_cost < self.platform_cost else "platform",
        }


@dataclass(frozen=True)
class VendorRow:
    key: dict[str, str]
    allocated: Decimal
    vendor_cost: Decimal

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "allocated": json_money(self.allocated),
            "vendor_cost": json_money(self.vendor_cost),
            "savings": json_money(self.vendor_cost - self.allocated),
        }


@dataclass(frozen=True)
class VendorResult:
    book: VendorPriceBook
    meters: list[MeterPrice]
    rows: list[VendorRow]
    missing_meters: list[str]
    platforms: list[str] = field(default_factory=list)
    """The platforms compared: those whose pools allocate a meter the book prices."""

    @property
    def allocated(self) -> Decimal:
        return sum((r.allocated for r in self.rows), ZERO)

    @property
    def vendor_cost(self) -> Decimal:
        return sum((r.vendor_cost for r in self.rows), ZERO)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.book.id,
            "title": self.book.title,
            "as_of": self.book.as_of.isoformat(),
            "source": self.book.source,
            "platforms": self.platforms,
            "allocated": json_money(self.allocated),
            "vendor_cost": json_money(self.vendor_cost),
            "savings": json_money(self.vendor_cost - self.allocated),
            "missing_meters": self.missing_meters,
            "meters": [m.to_json() for m in self.meters],
            "rows": [r.to_json() for r in self.rows],
        }


@dataclass(frozen=True)
class PeerLine:
    team: str
    allocated: Decimal
    quantity: Decimal
    unit_cost: Decimal
    ratio: Decimal | None
    """unit cost ÷ median."""
    outlier: bool


@dataclass(frozen=True)
class PeerMeter:
    platform: str
    meter: str
    median: Decimal | None
    teams: list[PeerLine]

    def to_json(self) -> dict[str, Any]:
        return {
            "platform": self.platform,
            "meter": self.meter,
            "median": json_money(self.median),
            "teams": [
                {
                    "team": t.team,
                    "allocated": json_money(t.allocated),
                    "quantity": json_money(t.quantity),
                    "unit_cost": json_money(t.unit_cost),
                    "ratio": json_money(t.ratio),
                    "outlier": t.outlier,
                }
                for t in self.teams
            ],
        }


@dataclass(frozen=True)
class Comparison:
    pools: PoolSet
    by: str
    peer_multiple: Decimal
    vendors: list[VendorResult]
    peers: list[PeerMeter]

    def to_json(self) -> dict[str, Any]:
        return {
            "period": self.pools.period.label,
            "currency": self.pools.currency,
            "platform": self.pools.platform,
            "by": self.by,
            "peer_multiple": json_money(self.peer_multiple),
            "vendors": [v.to_json() for v in self.vendors],
            "peers": [p.to_json() for p in self.peers],
        }


def _meter_costs(pools: PoolSet) -> dict[tuple[str, str], Decimal]:
    out: dict[tuple[str, str], Decimal] = {}
    for p in pools.pools:
        for m in p.meters:
            key = (p.pool.platform, m.meter)
            out[key] = out.get(key, ZERO) + m.exact
    return out


def _group_key(pools: PoolSet, by: str, tenant: str) -> dict[str, str]:
    owner = owner_of(pools.owners, tenant)
    return {by: {"tenant": tenant, "team": owner.team, "org": owner.org}[by]}


def covered_platforms(pools: PoolSet, book: VendorPriceBook) -> list[str]:
    """The platforms a price book can replace: it prices a meter their pools allocate."""
    return list(
        dict.fromkeys(
            p.pool.platform for p in pools.pools for m in p.meters if m.meter in book.prices
        )
    )


def vendor_result(pools: PoolSet, book: VendorPriceBook, by: str) -> VendorResult:
    """The book against the allocated cost of the platforms it covers (only those)."""
    covered = covered_platforms(pools, book)
    allocated: dict[tuple[tuple[str, str], ...], Decimal] = {}
    for p in pools.pools:
        if p.pool.platform in covered:
            for t in p.tenants.values():
                key = tuple(_group_key(pools, by, t.tenant).items())
                allocated[key] = allocated.get(key, ZERO) + t.allocated
    vendor: dict[tuple[tuple[str, str], ...], Decimal] = dict.fromkeys(allocated, ZERO)
    quantities: dict[tuple[str, str], Decimal] = {}
    missing: set[str] = set()
    for platform in covered:
        for tenant, used in pools.usage.get(platform, {}).items():
            key = tuple(_group_key(pools, by, tenant).items())
            for meter, q in used.items():
                if meter not in book.prices:
                    missing.add(meter)
                    continue
                vendor[key] = vendor.get(key, ZERO) + q * book.prices[meter]
                quantities[(platform, meter)] = quantities.get((platform, meter), ZERO) + q
    costs = _meter_costs(pools)
    meters = [
        MeterPrice(pl, m, q, book.prices[m], q * book.prices[m], costs.get((pl, m), ZERO))
        for (pl, m), q in sorted(quantities.items())
    ]
    rows = [VendorRow(dict(k), allocated.get(k, ZERO), to_cents(v)) for k, v in vendor.items()]
    rows.sort(key=lambda r: (r.allocated - r.vendor_cost, next(iter(r.key.values()))))
    return VendorResult(book, meters, rows, sorted(missing), covered)


def _team_totals(pools: PoolSet, platform: str) -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}
    for p in pools.pools:
        if p.pool.platform != platform:
            continue
        for t in p.tenants.values():
            team = owner_of(pools.owners, t.tenant).team
            out[team] = out.get(team, ZERO) + t.allocated
    return out


def peer_meter(pools: PoolSet, platform: str, meter: str, multiple: Decimal) -> PeerMeter:
    costs = _team_totals(pools, platform)
    qty: dict[str, Decimal] = {}
    for tenant, meters in pools.usage.get(platform, {}).items():
        team = owner_of(pools.owners, tenant).team
        qty[team] = qty.get(team, ZERO) + meters.get(meter, ZERO)
    units = {team: costs.get(team, ZERO) / q for team, q in qty.items() if q > 0}
    median = Decimal(statistics.median(units.values())) if units else None
    lines = [
        PeerLine(
            team,
            costs.get(team, ZERO),
            qty[team],
            unit,
            unit / median if median else None,
            bool(median and median > 0 and unit > multiple * median),
        )
        for team, unit in units.items()
    ]
    lines.sort(key=lambda line: (-line.unit_cost, line.team))
    return PeerMeter(platform, meter, median, lines)


def compare(pools: PoolSet, config: CostsConfig, by: str = "team") -> Comparison:
    """Every price book against the pools, and every metered pool's meters across teams."""
    build_chargeback(pools, by)  # validates ``by``
    multiple = config.recommendations.peer_multiple
    vendors = [vendor_result(pools, book, by) for book in config.vendors]
    seen = dict.fromkeys((p.pool.platform, m.meter) for p in pools.pools for m in p.meters)
    peers = [peer_meter(pools, pl, m, multiple) for pl, m in seen]
    return Comparison(pools, by, multiple, vendors, peers)
