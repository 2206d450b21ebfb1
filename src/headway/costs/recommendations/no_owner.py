"""Usage from tenants that no team owns: nobody can be charged, nobody will cut it."""

from __future__ import annotations

from decimal import Decimal

from headway.costs.data import NO_TEAM, owner_of
from headway.costs.numbers import fmt_money, name_list
from headway.costs.recommendations.base import Context, Recommendation, platform_owner

RULE = "no_owner"
TITLE = "Usage from a tenant without an owning team"


def recommend(ctx: Context) -> list[Recommendation]:
    """One item per platform, listing the tenants without a team (allocated cost summed)."""
    cost: dict[str, dict[str, Decimal]] = {}
    for p in ctx.pools.pools:
        for t in p.tenants.values():
            if not owner_of(ctx.pools.owners, t.tenant).has_team and t.allocated > 0:
                tenants = cost.setdefault(p.pool.platform, {})
                tenants[t.tenant] = tenants.get(t.tenant, Decimal(0)) + t.allocated
    return [_item(ctx, platform, tenants) for platform, tenants in cost.items()]


def _item(ctx: Context, platform: str, tenants: dict[str, Decimal]) -> Recommendation:
    cur = ctx.pools.currency
    ranked = sorted(tenants.items(), key=lambda t: (-t[1], t[0]))
    names = [t for t, _ in ranked]
    amount = sum(tenants.values(), Decimal(0))
    who = f"tenant {names[0]!r} was" if len(names) == 1 else f"{len(names)} tenants were"
    return Recommendation(
        rule=RULE,
        title=TITLE,
        platform=platform,
        team=platform_owner(ctx.config, platform) or NO_TEAM,
        saving=amount,
        action=(
            f"give {name_list(names)} a team in the tenants dataset, or switch off what "
            "nobody claims"
        ),
        evidence=(
            f"{who} allocated {fmt_money(amount, cur)} on {platform} in {ctx.label} "
            "without a team in the tenants dataset"
        ),
        numbers={
            "allocated": amount,
            "tenants": [{"tenant": t, "allocated": c} for t, c in ranked],
        },
        period=ctx.label,
        details=[f"{t}: allocated {fmt_money(c, cur)}" for t, c in ranked]
        if len(ranked) > 1
        else [],
    )
