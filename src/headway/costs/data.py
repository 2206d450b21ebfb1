"""Reading what the cost computations need from the store: pool totals, usage, owners.

Costs are placed in time by the UTC date of ``ChargePeriodStart`` (billing periods are
UTC); usage by its ``day`` as given. Every amount stays a :class:`~decimal.Decimal`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import duckdb

from headway.config.costs import CostPool
from headway.errors import HeadwayError, QueryError
from headway.periods import Period

__all__ = [
    "NO_ORG",
    "NO_TEAM",
    "Owner",
    "PoolCost",
    "event_counts",
    "owners",
    "pool_cost",
    "usage_by_tenant",
]

NO_TEAM = "(no team)"
NO_ORG = "(no org)"

_UTC_DAY = "CAST(\"ChargePeriodStart\" AT TIME ZONE 'UTC' AS DATE)"


@dataclass(frozen=True)
class PoolCost:
    effective: Decimal
    billed: Decimal
    rows: int


@dataclass(frozen=True)
class Owner:
    team: str
    org: str
    has_team: bool


def _days_in_month(day: dt.date) -> int:
    first_next = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return (first_next - day.replace(day=1)).days


def _fixed_amount(amount: Decimal, period: Period) -> Decimal:
    """A monthly amount over ``period``: each day carries amount ÷ days of its month."""
    if period.grain == "month":
        return amount
    total = Decimal(0)
    day = period.start
    while day < period.end:
        total += amount / _days_in_month(day)
        day += dt.timedelta(days=1)
    return total


def pool_cost(
    con: duckdb.DuckDBPyConnection, pool: CostPool, period: Period, currency: str
) -> PoolCost:
    """Σ EffectiveCost and Σ BilledCost of the pool's rows in ``period`` (UTC dates)."""
    if pool.amount is not None:
        amount = _fixed_amount(pool.amount, period)
        return PoolCost(amount, amount, 0)
    where = f"({pool.match}) AND {_UTC_DAY} >= ? AND {_UTC_DAY} < ?"
    try:
        found = con.execute(
            f'SELECT "BillingCurrency", sum("EffectiveCost"), sum("BilledCost"), count(*) '
            f"FROM costs WHERE {where} GROUP BY ALL ORDER BY 1",
            [period.start, period.end],
        ).fetchall()
    except duckdb.Error as exc:
        first = str(exc).splitlines()[0]
        raise QueryError(f"pool {pool.pool_id!r}: its match predicate fails: {first}") from None
    others = [str(r[0]) for r in found if r[0] != currency]
    if others:
        raise HeadwayError(
            f"pool {pool.pool_id!r} has costs in {', '.join(others)} in {period.label}, but the "
            f"workspace currency is {currency}; one currency per workspace: narrow the pool's "
            "match or convert the export before ingesting it"
        )
    if not found:
        return PoolCost(Decimal(0), Decimal(0), 0)
    _, effective, billed, rows = found[0]
    return PoolCost(Decimal(effective or 0), Decimal(billed or 0), int(rows))


def usage_by_tenant(
    con: duckdb.DuckDBPyConnection, platform: str, start: dt.date, end: dt.date
) -> dict[str, dict[str, Decimal]]:
    """tenant → meter → Σ quantity on ``platform`` over ``[start, end)``."""
    rows = con.execute(
        "SELECT tenant, meter, sum(quantity) FROM usage "
        "WHERE platform = ? AND day >= ? AND day < ? GROUP BY ALL ORDER BY 1, 2",
        [platform, start, end],
    ).fetchall()
    out: dict[str, dict[str, Decimal]] = {}
    for tenant, meter, quantity in rows:
        out.setdefault(str(tenant), {})[str(meter)] = Decimal(repr(float(quantity)))
    return out


def owners(con: duckdb.DuckDBPyConnection) -> dict[str, Owner]:
    """tenant → its team and org from the ``tenants`` table."""
    rows = con.execute("SELECT tenant, team, org FROM tenants").fetchall()
    return {
        str(t): Owner(str(team) if team else NO_TEAM, str(org) if org else NO_ORG, bool(team))
        for t, team, org in rows
    }


def owner_of(table: dict[str, Owner], tenant: str) -> Owner:
    return table.get(tenant, Owner(NO_TEAM, NO_ORG, False))


def event_counts(
    con: duckdb.DuckDBPyConnection,
    platform: str,
    events: list[str],
    start: dt.datetime,
    end: dt.datetime,
) -> dict[str, int]:
    """tenant → number of ``events`` on ``platform`` in ``[start, end)``."""
    if not events:
        return {}
    marks = ", ".join("?" for _ in events)
    rows = con.execute(
        f"SELECT tenant, count(*) FROM events WHERE platform = ? AND event IN ({marks}) "
        "AND time >= ? AND time < ? AND tenant IS NOT NULL GROUP BY ALL",
        [platform, *events, start, end],
    ).fetchall()
    return {str(t): int(n) for t, n in rows}
