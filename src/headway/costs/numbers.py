"""How cost numbers read in sentences and tables: quantities, unit costs, money, lists.

One place, so the evidence of a recommendation and the CLI tables agree. Float noise
from the store (``6966.9400000000005``) never reaches a reader.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal

__all__ = ["fmt_money", "fmt_qty", "fmt_unit", "name_list", "unit_decimals"]


def fmt_money(value: Decimal, currency: str | None = None) -> str:
    """``1,234.50`` (with `` USD`` when a currency is given)."""
    text = f"{value:,.2f}"
    return f"{text} {currency}" if currency else text


def fmt_qty(value: Decimal) -> str:
    """A quantity: whole from 100 on (``10,716``), else two decimals trimmed (``41.78``)."""
    if abs(value) >= 100 or value == value.to_integral_value():
        return f"{value:,.0f}"
    text = f"{value:,.2f}" if abs(value) >= Decimal("0.01") else f"{float(value):.2g}"
    return text.rstrip("0").rstrip(".") if "." in text and "e" not in text else text


def unit_decimals(values: Sequence[Decimal | None]) -> int:
    """Decimals that show the smallest non-zero value with three significant digits
    (at least 2, at most 10): one count for a column, so its decimal points line up."""
    small = [abs(v) for v in values if v]
    if not small:
        return 2
    exponent = math.floor(math.log10(float(min(small))))
    return max(2, min(10, 2 - exponent))


def fmt_unit(value: Decimal, currency: str | None = None, decimals: int | None = None) -> str:
    """A cost per unit, fixed point with three significant digits: ``0.0000318``."""
    places = unit_decimals([value]) if decimals is None else decimals
    text = f"{value:,.{places}f}"
    return f"{text} {currency}" if currency else text


def name_list(names: Sequence[str], limit: int = 3) -> str:
    """``a, b, c`` or ``a, b, c and 4 more``."""
    shown = ", ".join(names[:limit])
    rest = len(names) - limit
    return f"{shown} and {rest} more" if rest > 0 else shown
