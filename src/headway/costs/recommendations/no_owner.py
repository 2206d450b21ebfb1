"""Usage from tenants that no team owns: nobody can be charged, nobody will cut it."""

from __future__ import annotations

from decimal import Decimal

from headway.costs.data import NO_TEAM, owner_of
from headway.costs.recommendations.base import Context, Recommendation, money, platform_owner

RULE = "no_owner"
TITLE = "Usage from a tenant without an owning team"


def recommend(ctx: Context) -> list[Recommendation]:
    cost: dict[tuple[str, str], Decimal] = {}
    for p in ctx.pools.pools:
        for t in p.tenants.values():
            if not owner_of(ctx.pools.owners, t.tenant).has_team and t.allocated > 0:
                key = (p.pool.platform, t.tenant)
                cost[key] = cost.get(key, Decimal(0)) + t.allocated
    cur = ctx.pools.currency
    return [
        Recommendation(
            rule=RULE,
            title=TITLE,
            platform=platform,
            team=platform_owner(ctx.config, platform) or NO_TEAM,
            saving=amount,
            action=(
                f"assign an owner: give tenant {tenant!r} a team in the tenants dataset, or "
                "switch it off if nobody claims it"
            ),
            evidence=(
                f"tenant {tenant!r} was allocated {money(amount, cur)} on {platform} in "
                f"{ctx.label} but has no team in the tenants dataset"
            ),
            numbers={"tenant": tenant, "allocated": amount},
            period=ctx.label,
        )
        for (platform, tenant), amount in cost.items()
    ]
