"""Ingest growing much faster than use: the ingest meter against queries over N months."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from headway.costs.data import event_counts, owner_of, usage_by_tenant
from headway.costs.numbers import fmt_money, fmt_qty, fmt_unit, name_list
from headway.costs.recommendations.base import Context, Recommendation, utc_midnight
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


@dataclass(frozen=True)
class _Tenant:
    tenant: str
    i_old: Decimal
    i_new: Decimal
    q_old: Decimal
    q_new: Decimal
    excess: Decimal
    saving: Decimal

    def sentence(self, meter: str) -> str:
        r_q = self.q_new / self.q_old if self.q_old else Decimal(1)
        return (
            f"{self.tenant}: {meter} ×{self.i_new / self.i_old:.2f} ({fmt_qty(self.i_old)} → "
            f"{fmt_qty(self.i_new)}), queries ×{r_q:.2f} ({fmt_qty(self.q_old)} → "
            f"{fmt_qty(self.q_new)}); {fmt_qty(self.excess)} above use → {fmt_money(self.saving)}"
        )

    def numbers(self) -> dict[str, object]:
        return {
            "tenant": self.tenant,
            "ingest_before": self.i_old,
            "ingest_now": self.i_new,
            "queries_before": self.q_old,
            "queries_now": self.q_new,
            "excess": self.excess,
            "saving": self.saving,
        }


def _tenants(ctx: Context, platform: str, then: Period) -> list[_Tenant]:
    """Every tenant of the platform whose ingest outgrew its queries, with its saving."""
    s = ctx.settings
    new, old = _month(ctx, platform, ctx.pools.period), _month(ctx, platform, then)
    unit = _unit_cost(ctx, platform)
    out: list[_Tenant] = []
    for tenant in sorted(new.ingest):
        i_old, i_new = old.ingest.get(tenant, ZERO), new.ingest[tenant]
        q_old, q_new = old.queries.get(tenant, ZERO), new.queries.get(tenant, ZERO)
        r_q = _growth(i_old, i_new, q_old, q_new)
        if r_q is None or i_new / i_old < s.ingest_growth_ratio * r_q:
            continue
        excess = min(i_new, i_new - i_old * r_q)
        saving = (excess * unit).quantize(Decimal("0.01"))
        out.append(_Tenant(tenant, i_old, i_new, q_old, q_new, excess, saving))
    return out


def recommend(ctx: Context) -> list[Recommendation]:
    """One item per platform and team, listing the team's tenants (saving summed)."""
    then = ctx.pools.period
    for _ in range(ctx.settings.growth_months):
        then = then.previous()
    out: list[Recommendation] = []
    for platform in ctx.pools.platforms:
        teams: dict[str, list[_Tenant]] = {}
        for t in _tenants(ctx, platform, then):
            teams.setdefault(owner_of(ctx.pools.owners, t.tenant).team, []).append(t)
        unit = _unit_cost(ctx, platform)
        for team, tenants in teams.items():
            tenants.sort(key=lambda t: (-t.saving, t.tenant))
            out.append(_item(ctx, platform, team, tenants, then, unit))
    return out


def _item(
    ctx: Context, platform: str, team: str, tenants: list[_Tenant], then: Period, unit: Decimal
) -> Recommendation:
    meter, cur = ctx.settings.ingest_meter, ctx.pools.currency
    saving = sum((t.saving for t in tenants), ZERO)
    excess = sum((t.excess for t in tenants), ZERO)
    names = [t.tenant for t in tenants]
    if len(tenants) == 1:
        t = tenants[0]
        r_q = t.q_new / t.q_old if t.q_old else Decimal(1)
        evidence = (
            f"tenant {t.tenant!r}: {meter} grew ×{t.i_new / t.i_old:.2f} from {then.label} to "
            f"{ctx.label} ({fmt_qty(t.i_old)} → {fmt_qty(t.i_new)}) while queries grew "
            f"×{r_q:.2f} ({fmt_qty(t.q_old)} → {fmt_qty(t.q_new)}); {fmt_qty(excess)} {meter} "
            f"above use at {fmt_unit(unit, cur)} each"
        )
    else:
        evidence = (
            f"{len(tenants)} tenants of {team} grew {meter} faster than their queries from "
            f"{then.label} to {ctx.label}: {fmt_qty(excess)} {meter} above use at "
            f"{fmt_unit(unit, cur)} each"
        )
    return Recommendation(
        rule=RULE,
        title=TITLE,
        platform=platform,
        team=team,
        saving=saving,
        action=f"sample, filter or drop the {meter} nobody queries from {name_list(names)}",
        evidence=evidence,
        numbers={
            "meter": meter,
            "unit_cost": unit,
            "excess": excess,
            "tenants": [t.numbers() for t in tenants],
        },
        period=ctx.label,
        details=[t.sentence(meter) for t in tenants] if len(tenants) > 1 else [],
    )
