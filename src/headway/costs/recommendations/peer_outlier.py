"""A team whose cost per unit is far above the median of its peers."""

from __future__ import annotations

from decimal import Decimal

from headway.costs.compare import PeerLine, PeerMeter, peer_meter
from headway.costs.numbers import fmt_qty, fmt_unit, unit_decimals
from headway.costs.recommendations.base import Context, Recommendation, money

RULE = "peer_outlier"
TITLE = "Cost per unit far above peers"


def _excess(line: PeerLine, median: Decimal) -> Decimal:
    """What the team pays above the median cost per unit for its quantity."""
    return (line.allocated - median * line.quantity).quantize(Decimal("0.01"))


def recommend(ctx: Context) -> list[Recommendation]:
    multiple = ctx.settings.peer_multiple
    seen = dict.fromkeys((p.pool.platform, m.meter) for p in ctx.pools.pools for m in p.meters)
    worst: dict[tuple[str, str], tuple[Decimal, PeerLine, PeerMeter]] = {}
    for platform, meter in seen:
        peers = peer_meter(ctx.pools, platform, meter, multiple)
        for line in peers.teams:
            if not line.outlier or peers.median is None:
                continue
            excess = _excess(line, peers.median)
            key = (platform, line.team)
            if key not in worst or excess > worst[key][0]:
                worst[key] = (excess, line, peers)
    cur = ctx.pools.currency
    out: list[Recommendation] = []
    for (platform, team), (excess, line, peers) in worst.items():
        assert peers.median is not None
        places = unit_decimals([line.unit_cost, peers.median])
        out.append(
            Recommendation(
                rule=RULE,
                title=TITLE,
                platform=platform,
                team=team,
                saving=excess,
                action=(
                    f"review what {team} pays for on {platform} (other meters, shared "
                    f"fixed costs): {line.ratio:.1f}× the median cost per {peers.meter}"
                ),
                evidence=(
                    f"{team} paid {money(line.allocated, cur)} for {fmt_qty(line.quantity)} "
                    f"{peers.meter} in {ctx.label}: {fmt_unit(line.unit_cost, cur, places)} "
                    f"per unit, median of teams {fmt_unit(peers.median, cur, places)} "
                    f"(> {multiple}× median)"
                ),
                numbers={
                    "meter": peers.meter,
                    "unit_cost": line.unit_cost,
                    "median": peers.median,
                    "quantity": line.quantity,
                    "allocated": line.allocated,
                },
                period=ctx.label,
            )
        )
    return out
