"""How numbers read in the report: one place, so HTML, Markdown, mail and chat agree.

Units (the same convention as ``headway scorecard``, docs/report.md):

- ``%`` or ``percent``: the value is a fraction, shown ×100 with up to 2 decimals
  (0.99966 → ``99.97 %``); its change is in percentage points (``−0.02 pp``);
- ``ratio``/``fraction``/``share``: a fraction too, shown as a percent;
- a currency code (``USD``): money, 2 decimals and thousands separators (``1,234.50 USD``);
- anything else: the number, then the unit. Decimals shrink as the number grows
  (≥ 100 none, ≥ 10 one, ≥ 1 two, below 1 three significant digits); a *whole* value
  (a count) never shows decimals.

No float noise reaches a reader: numbers inside free text (a recommendation's evidence)
go through :func:`clean_text`, which rounds long decimals to 4 significant digits.
"""

from __future__ import annotations

import math
import re

from headway.metrics.value import KPIValue

__all__ = [
    "PERCENT_UNITS",
    "clean_text",
    "fmt_change",
    "fmt_money",
    "fmt_number",
    "fmt_pct",
    "fmt_pp",
    "fmt_sig",
    "fmt_target",
    "fmt_value",
    "is_money",
    "meter_unit",
]

PERCENT_UNITS = frozenset({"%", "percent", "ratio", "fraction", "share"})
_CURRENCY = re.compile(r"[A-Z]{3}")
_NOISE = re.compile(r"(?<![\w.])(\d+\.\d{5,})(?![\d.])")
MINUS = "−"


def _trim(text: str) -> str:
    return text.rstrip("0").rstrip(".") if "." in text else text


def _minus(text: str) -> str:
    return MINUS + text[1:] if text.startswith("-") else text


_SIZE_UNITS = {"kb", "mb", "gb", "tb", "pb", "kib", "mib", "gib", "tib"}
_SINGULAR = {"minutes": "minute", "hours": "hour", "seconds": "second", "requests": "request"}


def meter_unit(meter: str) -> str:
    """The unit a meter counts, from its name: ``logs_gb`` → ``GB``, ``spans_million`` →
    ``million``, ``build_minutes`` → ``minute``, ``metric_series`` → ``series``."""
    last = meter.rpartition(".")[2].rpartition("_")[2]
    if last.lower() in _SIZE_UNITS:
        return last.upper()
    return _SINGULAR.get(last, last)


def is_money(unit: str | None) -> bool:
    return unit is not None and bool(_CURRENCY.fullmatch(unit))


def fmt_sig(value: float, digits: int = 4) -> str:
    """``35.608000000000004`` → ``35.61``; ``0.000118745`` → ``0.0001187``; thousands
    separated, no exponent, no trailing zeros."""
    if value == 0 or not math.isfinite(value):
        return "0" if value == 0 else str(value)
    places = max(0, digits - 1 - math.floor(math.log10(abs(value))))
    return _minus(_trim(f"{round(value, places):,.{places}f}"))


def clean_text(text: str) -> str:
    """Round every number with 5 or more decimals in ``text`` to 4 significant digits."""
    return _NOISE.sub(lambda m: fmt_sig(float(m.group(1))).replace(",", ""), text)


def fmt_number(value: float | None, *, whole: bool = False) -> str:
    """``1234.5`` → ``1,234``; ``12.34`` → ``12.3``; ``0.001234`` → ``0.00123``;
    None → ``—``. ``whole``: always an integer (counts)."""
    if value is None or math.isnan(value):
        return "—"
    magnitude = abs(value)
    if whole or magnitude >= 100 or float(value).is_integer():
        return _minus(f"{round(value):,}")
    if magnitude >= 1:
        return _minus(_trim(f"{value:,.{1 if magnitude >= 10 else 2}f}"))
    return fmt_sig(value, 3)


def fmt_pct(fraction: float | None, places: int = 1) -> str:
    """A fraction as a percentage: ``0.1234`` → ``12.3 %``."""
    if fraction is None or math.isnan(fraction):
        return "—"
    return f"{_minus(f'{fraction * 100:.{places}f}')} %"


def fmt_money(value: float | None, currency: str) -> str:
    if value is None or math.isnan(value):
        return "—"
    return f"{_minus(f'{value:,.2f}')} {currency}"


def _percent(fraction: float) -> str:
    return f"{_minus(_trim(f'{fraction * 100:,.2f}'))} %"


def fmt_value(value: float | None, unit: str | None, *, whole: bool = False) -> str:
    """A KPI value with its unit."""
    if value is None:
        return "no data"
    if unit in PERCENT_UNITS:
        return _percent(value)
    if is_money(unit):
        return fmt_money(value, str(unit))
    text = fmt_number(value, whole=whole)
    return f"{text} {unit}" if unit else text


def fmt_pp(change: float) -> str:
    """A change of a fraction in percentage points, unsigned: ``0.0002`` → ``0.02 pp``."""
    points = abs(change) * 100
    text = _trim(f"{points:.2f}")
    return f"{fmt_sig(points, 1) if text == '0' and points else text} pp"


def _sign(value: float) -> str:
    return "+" if value > 0 else (MINUS if value < 0 else "±")


def _absolute(change: float, unit: str | None, whole: bool) -> str:
    if unit in PERCENT_UNITS:
        return f"{_sign(change)}{fmt_pp(change)}"
    if is_money(unit):
        return f"{_sign(change)}{abs(change):,.2f}"
    return f"{_sign(change)}{fmt_number(abs(change), whole=whole)}"


def fmt_change(kpi: KPIValue, *, whole: bool = False) -> str:
    """``+12 (+8.0 %) vs 2026-W47, better`` — or why there is nothing to compare. A percent
    KPI changes in percentage points only: ``−0.02 pp vs 2026-10, worse``."""
    change = kpi.change
    if change.absolute is None or kpi.previous_period is None:
        return "no previous value"
    text = _absolute(change.absolute, kpi.unit, whole)
    if change.relative is not None and kpi.unit not in PERCENT_UNITS:
        text += f" ({_sign(change.relative)}{abs(change.relative) * 100:.1f} %)"
    verdict = ""
    if change.absolute != 0:
        better = (change.absolute > 0) == (kpi.direction == "up")
        verdict = ", better" if better else ", worse"
    if change.significant is False:
        verdict += " (not significant)"
    return f"{text} vs {kpi.previous_period}{verdict}"


def fmt_target(kpi: KPIValue, *, whole: bool = False) -> str:
    """``target 150: met`` / ``target 150: missed by 12`` / ``no target``."""
    if kpi.target is None:
        return "no target"
    target = fmt_value(kpi.target, kpi.unit, whole=whole and float(kpi.target).is_integer())
    if kpi.value is None:
        return f"target {target}: no data"
    if kpi.status == "met":
        return f"target {target}: met"
    gap = abs(kpi.target - kpi.value)
    if kpi.unit in PERCENT_UNITS:
        return f"target {target}: missed by {fmt_pp(gap)}"
    return f"target {target}: missed by {fmt_value(gap, kpi.unit, whole=whole)}"
