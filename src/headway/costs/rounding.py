"""Rounding a split to cents so that the cents add up exactly (largest remainder)."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from decimal import ROUND_FLOOR, ROUND_HALF_EVEN, Decimal
from typing import TypeVar

__all__ = ["CENT", "round_to_cents", "to_cents"]

CENT = Decimal("0.01")
K = TypeVar("K", bound=Hashable)


def to_cents(amount: Decimal) -> Decimal:
    """``amount`` rounded to the cent, half to even (banker's rounding)."""
    return amount.quantize(CENT, rounding=ROUND_HALF_EVEN)


def round_to_cents(parts: Mapping[K, Decimal], total: Decimal) -> dict[K, Decimal]:
    """Each part rounded to cents so that the rounded parts sum to ``total`` exactly.

    ``total`` must already be in cents. Every part is floored to the cent; the cents still
    missing go one each to the parts with the largest remainders (ties: the order of
    ``parts``). Were the parts not to sum to ``total`` (inexact division), the difference
    of a few cents is absorbed the same way, so the invariant always holds.
    """
    if not parts:
        return {}
    keys = list(parts)
    floors = {k: parts[k].quantize(CENT, rounding=ROUND_FLOOR) for k in keys}
    remainders = {k: parts[k] - floors[k] for k in keys}
    missing = int((total - sum(floors.values(), Decimal(0))) / CENT)
    order = sorted(keys, key=lambda k: -remainders[k])
    if missing < 0:
        order.reverse()
    step = CENT if missing >= 0 else -CENT
    for i in range(abs(missing)):
        floors[order[i % len(order)]] += step
    return floors
