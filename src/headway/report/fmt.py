"""How numbers read in the report: one place, so HTML, Markdown, mail and chat agree."""

from __future__ import annotations

import math

from headway.metrics.value import KPIValue

__all__ = ["fmt_change", "fmt_money", "fmt_number", "fmt_pct", "fmt_target", "fmt_value"]

_PERCENT_UNITS = {"%", "percent"}
_FRACTION_UNITS = {"ratio", "fraction", "share"}


def fmt_number(value: float | None, digits: int = 2) -> str:
    """``1234.5`` → ``1,234.5``; integers without decimals; None → ``—``."""
    if value is None or math.isnan(value):
        return "—"
    if float(value).is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    magnitude = abs(value)
    places = digits if magnitude >= 1 else max(digits, 3 if magnitude >= 0.01 else 5)
    return f"{value:,.{places}f}".rstrip("0").rstrip(".")


def fmt_pct(fraction: float | None, places: int = 1) -> str:
    """A fraction as a percentage: ``0.1234`` → ``12.3 %``."""
    if fraction is None or math.isnan(fraction):
        return "—"
    return f"{fraction * 100:.{places}f} %"


def fmt_money(value: float | None, currency: str) -> str:
    if value is None or math.isnan(value):
        return "—"
    return f"{value:,.2f} {currency}"


def fmt_value(value: float | None, unit: str | None) -> str:
    """A KPI value with its unit."""
    if value is None:
        return "no data"
    if unit in _PERCENT_UNITS:
        return f"{fmt_number(value, 1)} %"
    if unit in _FRACTION_UNITS:
        return fmt_pct(value, 3 if abs(value) > 0.99 else 1)
    return f"{fmt_number(value)} {unit}" if unit else fmt_number(value)


def _sign(value: float) -> str:
    return "+" if value > 0 else ("−" if value < 0 else "±")


def fmt_change(kpi: KPIValue) -> str:
    """``+12 (+8.0 %) vs 2026-W47, better`` — or why there is nothing to compare."""
    change = kpi.change
    if change.absolute is None or kpi.previous_period is None:
        return "no previous value"
    absolute = f"{_sign(change.absolute)}{fmt_number(abs(change.absolute))}"
    relative = (
        f" ({_sign(change.relative)}{abs(change.relative) * 100:.1f} %)"
        if change.relative is not None
        else ""
    )
    verdict = ""
    if change.absolute != 0:
        better = (change.absolute > 0) == (kpi.direction == "up")
        verdict = ", better" if better else ", worse"
    if change.significant is not None:
        verdict += "" if change.significant else " (not significant)"
    return f"{absolute}{relative} vs {kpi.previous_period}{verdict}"


def fmt_target(kpi: KPIValue) -> str:
    """``target 150: met`` / ``target 150: missed by 12`` / ``no target``."""
    if kpi.target is None:
        return "no target"
    target = fmt_value(kpi.target, kpi.unit)
    if kpi.value is None:
        return f"target {target}: no data"
    if kpi.status == "met":
        return f"target {target}: met"
    gap = abs(kpi.target - kpi.value)
    return f"target {target}: missed by {fmt_value(gap, kpi.unit)}"
