"""A vendor cheaper for a meter (saving = the difference) — or the platform cheaper: keep."""

from __future__ import annotations

from decimal import Decimal

from headway.config.costs import VendorPriceBook
from headway.costs.compare import MeterPrice, vendor_result
from headway.costs.numbers import fmt_qty
from headway.costs.recommendations.base import Context, Recommendation, money, platform_owner

RULE = "vendor_cheaper"
TITLE = "A vendor is cheaper for a meter"
KEEP_RULE = "keep_platform"
KEEP_TITLE = "The platform is cheaper than the vendor"


def _switch(ctx: Context, book: VendorPriceBook, m: MeterPrice) -> Recommendation:
    cur = ctx.pools.currency
    saving = (m.platform_cost - m.vendor_cost).quantize(Decimal("0.01"))
    return Recommendation(
        rule=RULE,
        title=TITLE,
        platform=m.platform,
        team=platform_owner(ctx.config, m.platform),
        saving=saving,
        action=(
            f"price moving {m.meter} to {book.title or book.id}, or bring its unit cost "
            f"below {m.price} {cur}"
        ),
        evidence=(
            f"{m.meter} cost the platform {money(m.platform_cost, cur)} in {ctx.label} for "
            f"{fmt_qty(m.quantity)} units; at {book.id}'s list price {m.price} (as of "
            f"{book.as_of}) it would cost {money(m.vendor_cost, cur)}"
        ),
        numbers={
            "vendor": book.id,
            "meter": m.meter,
            "platform_cost": m.platform_cost,
            "vendor_cost": m.vendor_cost,
        },
        period=ctx.label,
    )


def _keep(
    ctx: Context, book: VendorPriceBook, platform: str, ms: list[MeterPrice]
) -> Recommendation:
    cur = ctx.pools.currency
    ours = sum((m.platform_cost for m in ms), Decimal(0))
    theirs = sum((m.vendor_cost for m in ms), Decimal(0))
    return Recommendation(
        rule=KEEP_RULE,
        title=KEEP_TITLE,
        platform=platform,
        team=platform_owner(ctx.config, platform),
        saving=Decimal(0),
        action=f"keep {platform}: it is cheaper than {book.title or book.id} for every meter",
        evidence=(
            f"{platform} cost {money(ours, cur)} in {ctx.label} for "
            f"{', '.join(m.meter for m in ms)}; {book.id}'s list prices (as of {book.as_of}) "
            f"would cost {money(theirs, cur)}"
        ),
        numbers={"vendor": book.id, "platform_cost": ours, "vendor_cost": theirs},
        period=ctx.label,
    )


def recommend(ctx: Context) -> list[Recommendation]:
    assert ctx.config.costs is not None
    out: list[Recommendation] = []
    for book in ctx.config.costs.vendors:
        result = vendor_result(ctx.pools, book, "team")
        for platform in ctx.pools.platforms:
            ms = [m for m in result.meters if m.platform == platform and m.platform_cost > 0]
            cheaper = [m for m in ms if m.vendor_cost < m.platform_cost]
            out.extend(_switch(ctx, book, m) for m in cheaper)
            if ms and not cheaper:
                out.append(_keep(ctx, book, platform, ms))
    return out
