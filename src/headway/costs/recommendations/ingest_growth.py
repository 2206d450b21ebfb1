"""Ingest growing much faster than use: the ingest meter against queries over N months."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from headway.costs.data import event_counts, owner_of, usage_by_tenant
from headway.costs.recommendations.base import Context, Recommendation, money, utc_midnight
from headway.periods import Period

RULE = "ingest_growth"
TITLE = "Ingest growing much faster than use"
ZERO = Decimal(0)


@dataclass(frozen=True)
class _Month:
    ingest: dict[str, Decimal]
    queries: dict[str, Decimal]


def _month(ctx: Context, platform: str, period: Period) -> _Month:
    s = ctx.settings
    used = usage_by_tenant(ctx.con, platform, period.start, period.end)
    events = event_counts(
        ctx.con, platform, s.query_events, utc_midnight(period.start), utc_midnight(period.end)
    )
    tenants = set(used) | set(events)
    return _Month(
        {t: used.get(t, {}).get(s.ingest_meter, ZERO) for t in tenants},
        {t: used.get(t, {}).get(s.query_meter, ZERO) + events.get(t, 0) for t in tenants},
    )


def _unit_cost(ctx: Context, platform: str) -> Decimal:
    meter = ctx.settings.ingest_meter
    return sum(
        (
            m.unit_cost
            for p in ctx.pools.pools
            if p.pool.platform == platform
            for m in p.meters
            if m.meter == meter and m.unit_cost is not None
        ),
        ZERO,
    )


def _growth(i_old: Decimal, i_new: Decimal, q_old: Decimal, q_new: Decimal) -> Decimal | None:
    """The query growth ratio to hold ingest against; None when it cannot be judged."""
    if i_old <= 0 or i_new <= i_old:
        return None
    if q_old <= 0:
        return Decimal(1) if q_new <= 0 else None
    return q_new / q_old


def recommend(ctx: Context) -> list[Recommendation]:
    s = ctx.settings
    out: list[Recommendation] = []
    now = ctx.pools.period
    then = now
    for _ in range(s.growth_months):
        then = then.previous()
    for platform in ctx.pools.platforms:
        new, old = _month(ctx, platform, now), _month(ctx, platform, then)
        unit = _unit_cost(ctx, platform)
        for tenant in sorted(new.ingest):
            i_old, i_new = old.ingest.get(tenant, ZERO), new.ingest[tenant]
            q_old, q_new = old.queries.get(tenant, ZERO), new.queries.get(tenant, ZERO)
            r_q = _growth(i_old, i_new, q_old, q_new)
            if r_q is None or i_new / i_old < s.ingest_growth_ratio * r_q:
                continue
            excess = min(i_new, i_new - i_old * r_q)
            out.append(_item(ctx, platform, tenant, (i_old, i_new, q_old, q_new), excess, unit))
    return out


def _item(
    ctx: Context,
    platform: str,
    tenant: str,
    nums: tuple[Decimal, Decimal, Decimal, Decimal],
    excess: Decimal,
    unit: Decimal,
) -> Recommendation:
    s = ctx.settings
    i_old, i_new, q_old, q_new = nums
    then = ctx.pools.period
    for _ in range(s.growth_months):
        then = then.previous()
    saving = (excess * unit).quantize(Decimal("0.01"))
    return Recommendation(
        rule=RULE,
        title=TITLE,
        platform=platform,
        team=owner_of(ctx.pools.owners, tenant).team,
        saving=saving,
        action=(
            f"ask the owners of {tenant!r} to sample, filter or drop what they send "
            f"({s.ingest_meter}) that nobody queries"
        ),
        evidence=(
            f"tenant {tenant!r}: {s.ingest_meter} grew ×{i_new / i_old:.2f} from {then.label} "
            f"to {ctx.label} ({i_old:,f} → {i_new:,f}) while queries grew "
            f"×{(q_new / q_old) if q_old else Decimal(1):.2f} ({q_old:,f} → {q_new:,f}); "
            f"{excess:,f} {s.ingest_meter} above use at {money(unit, ctx.pools.currency)} each"
        ),
        numbers={
            "tenant": tenant,
            "ingest_before": i_old,
            "ingest_now": i_new,
            "queries_before": q_old,
            "queries_now": q_new,
            "excess": excess,
            "unit_cost": unit,
        },
        period=ctx.label,
    )
