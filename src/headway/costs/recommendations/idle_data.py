"""Data that nobody looked at: usage, but no query and no login in ``idle_days``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from headway.costs.data import event_counts, owner_of, usage_by_tenant
from headway.costs.recommendations.base import Context, Recommendation, money, utc_midnight

RULE = "idle_data"
TITLE = "Data sent that nobody queries or looks at"


def _idle_tenants(ctx: Context, platform: str) -> set[str]:
    s = ctx.settings
    end = ctx.pools.period.end
    start = end - dt.timedelta(days=s.idle_days)
    used = usage_by_tenant(ctx.con, platform, start, end)
    queries = event_counts(
        ctx.con, platform, s.query_events, utc_midnight(start), utc_midnight(end)
    )
    logins = event_counts(ctx.con, platform, s.login_events, utc_midnight(start), utc_midnight(end))
    return {
        tenant
        for tenant, meters in used.items()
        if meters.get(s.query_meter, Decimal(0)) <= 0
        and queries.get(tenant, 0) == 0
        and logins.get(tenant, 0) == 0
        and any(q > 0 for m, q in meters.items() if m != s.query_meter)
    }


def recommend(ctx: Context) -> list[Recommendation]:
    out: list[Recommendation] = []
    cur = ctx.pools.currency
    days = ctx.settings.idle_days
    for platform in ctx.pools.platforms:
        idle = _idle_tenants(ctx, platform)
        for tenant in sorted(idle):
            cost = sum(
                (
                    p.tenants[tenant].allocated
                    for p in ctx.pools.pools
                    if p.pool.platform == platform and tenant in p.tenants
                ),
                Decimal(0),
            )
            out.append(
                Recommendation(
                    rule=RULE,
                    title=TITLE,
                    platform=platform,
                    team=owner_of(ctx.pools.owners, tenant).team,
                    saving=cost,
                    action=(
                        f"ask the owners of {tenant!r} whether they still need this data; "
                        "stop sending it or cut its retention"
                    ),
                    evidence=(
                        f"tenant {tenant!r} sent data to {platform} in the {days} days to "
                        f"{ctx.pools.period.end - dt.timedelta(days=1)} with no query and no "
                        f"login; it was allocated {money(cost, cur)} in {ctx.label}"
                    ),
                    numbers={"tenant": tenant, "allocated": cost, "idle_days": days},
                    period=ctx.label,
                )
            )
    return out
