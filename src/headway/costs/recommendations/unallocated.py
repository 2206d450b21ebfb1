"""An idle meter: the share of a pool nobody's usage could carry is above the threshold."""

from __future__ import annotations

from headway.costs.recommendations.base import Context, Recommendation, money, platform_owner

RULE = "unallocated_cost"
TITLE = "Cost nobody's usage carries"


def recommend(ctx: Context) -> list[Recommendation]:
    out: list[Recommendation] = []
    limit = ctx.settings.unallocated_share
    cur = ctx.pools.currency
    for p in ctx.pools.pools:
        if p.rounded <= 0 or p.unallocated <= 0:
            continue
        share = p.unallocated / p.rounded
        if share <= limit:
            continue
        idle = [m.meter for m in p.meters if m.unallocated] or ["(no active tenant)"]
        out.append(
            Recommendation(
                rule=RULE,
                title=TITLE,
                platform=p.pool.platform,
                team=platform_owner(ctx.config, p.pool.platform),
                saving=p.unallocated,
                action=(
                    f"stop paying for the idle {', '.join(idle)}, or drop "
                    f"{'it' if len(idle) == 1 else 'them'} from the allocation of pool "
                    f"{p.pool.pool_id!r} so its cost is charged back"
                ),
                evidence=(
                    f"{money(p.unallocated, cur)} of pool {p.pool.pool_id!r} "
                    f"({money(p.rounded, cur)}) was left unallocated in {ctx.label}: "
                    f"{share:.0%} > {limit:.0%}; idle: {', '.join(idle)}"
                ),
                numbers={"pool": p.rounded, "unallocated": p.unallocated, "share": share},
                period=ctx.label,
            )
        )
    return out
