"""Data that nobody looked at: usage, but no query and no login in ``idle_days``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from headway.costs.data import event_counts, owner_of, usage_by_tenant
from headway.costs.numbers import fmt_money, name_list
from headway.costs.recommendations.base import Context, Recommendation, utc_midnight

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


def _allocated(ctx: Context, platform: str, tenant: str) -> Decimal:
    return sum(
        (
            p.tenants[tenant].allocated
            for p in ctx.pools.pools
            if p.pool.platform == platform and tenant in p.tenants
        ),
        Decimal(0),
    )


def recommend(ctx: Context) -> list[Recommendation]:
    """One item per platform and team, listing its idle tenants (allocated cost summed)."""
    out: list[Recommendation] = []
    for platform in ctx.pools.platforms:
        teams: dict[str, list[tuple[str, Decimal]]] = {}
        for tenant in sorted(_idle_tenants(ctx, platform)):
            team = owner_of(ctx.pools.owners, tenant).team
            teams.setdefault(team, []).append((tenant, _allocated(ctx, platform, tenant)))
        for team, tenants in teams.items():
            tenants.sort(key=lambda t: (-t[1], t[0]))
            out.append(_item(ctx, platform, team, tenants))
    return out


def _item(
    ctx: Context, platform: str, team: str, tenants: list[tuple[str, Decimal]]
) -> Recommendation:
    cur, days = ctx.pools.currency, ctx.settings.idle_days
    cost = sum((c for _, c in tenants), Decimal(0))
    names = [t for t, _ in tenants]
    who = f"tenant {names[0]!r}" if len(names) == 1 else f"{len(names)} tenants of {team}"
    return Recommendation(
        rule=RULE,
        title=TITLE,
        platform=platform,
        team=team,
        saving=cost,
        action=(
            f"ask whether {name_list(names)} still need this data; stop sending it or cut "
            "its retention"
        ),
        evidence=(
            f"{who} sent data to {platform} in the {days} days to "
            f"{ctx.pools.period.end - dt.timedelta(days=1)} with no query and no login; "
            f"allocated {fmt_money(cost, cur)} in {ctx.label}"
        ),
        numbers={
            "allocated": cost,
            "idle_days": days,
            "tenants": [{"tenant": t, "allocated": c} for t, c in tenants],
        },
        period=ctx.label,
        details=[f"{t}: allocated {fmt_money(c, cur)}" for t, c in tenants]
        if len(tenants) > 1
        else [],
    )
