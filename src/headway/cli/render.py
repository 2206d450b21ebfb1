"""Rendering helpers every command shares: numbers with units, change arrows, status colours,
sparklines, rich tables and markdown tables.

Generic on purpose (KPIs, costs and OKRs all use them); nothing here knows a KPI. Units
(see docs/scorecard.md):

- ``%`` or ``percent``: the value is a fraction, shown ×100 (0.9991 → ``99.91 %``);
  a change is shown in percentage points (``+0.5 pp``);
- ``h``/``hours``, ``d``/``days``: ``12.5 h``, ``3.2 days``;
- a currency code (three capital letters, e.g. ``USD``): ``1,234.50 USD``, whole units
  from 1,000 on;
- none, or any other word: the number with thousands separators, then the word.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Literal

from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

__all__ = [
    "NO_VALUE",
    "STATUS_STYLES",
    "Align",
    "change_arrow",
    "format_change",
    "format_number",
    "format_share",
    "markdown_table",
    "print_wide",
    "rich_table",
    "sparkline",
    "status_text",
]

NO_VALUE = "—"
SPARK_BLOCKS = "▁▂▃▄▅▆▇█"
STATUS_STYLES: dict[str, str] = {
    "met": "green",
    "missed": "red",
    "no_target": "",
    "no_data": "dim",
    "on_track": "green",
    "at_risk": "yellow",
    "off_track": "red",
    "done": "green",
}
Align = Literal["left", "right", "center"]

_CURRENCY = re.compile(r"[A-Z]{3}")
_PERCENT = {"%", "percent"}
_HOURS = {"h", "hour", "hours"}
_DAYS = {"d", "day", "days"}


def _plain(value: float) -> str:
    """Thousands separators; decimals shrink as the number grows (3 significant-ish)."""
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    magnitude = abs(value)
    if magnitude >= 1000:
        return f"{value:,.0f}"
    if magnitude >= 100:
        return f"{value:,.1f}"
    if magnitude >= 1:
        return f"{value:.2f}"
    return f"{value:.3f}"


def _trim(text: str) -> str:
    """``12.50`` → ``12.5``, ``3.00`` → ``3``: no trailing zeros after a decimal point."""
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_number(value: float | None, unit: str | None = None) -> str:
    """A value with its unit, made to be read (see the module docstring)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NO_VALUE
    if unit in _PERCENT:
        return f"{_trim(f'{value * 100:.2f}')} %"
    if unit in _HOURS:
        return f"{_trim(f'{value:,.1f}')} h"
    if unit in _DAYS:
        return f"{_trim(f'{value:,.1f}')} days"
    if unit and _CURRENCY.fullmatch(unit):
        text = f"{value:,.0f}" if abs(value) >= 1000 else f"{value:,.2f}"
        return f"{text} {unit}"
    text = _plain(value)
    return f"{text} {unit}" if unit else text


def format_share(value: float | None, decimals: int = 0) -> str:
    """A fraction as a percentage: 0.873 → ``87 %``."""
    if value is None:
        return NO_VALUE
    return f"{value * 100:.{decimals}f} %"


def format_change(absolute: float | None, relative: float | None, unit: str | None = None) -> str:
    """The change since the previous period: relative (``+12.5 %``) when known, else
    absolute with the unit; a percent unit changes in percentage points (``-0.3 pp``)."""
    if absolute is None:
        return NO_VALUE
    if unit in _PERCENT:
        return f"{absolute * 100:+.1f} pp"
    if relative is not None:
        return f"{relative * 100:+.1f} %"
    sign = "+" if absolute > 0 else ""
    return sign + format_number(absolute, unit)


def change_arrow(absolute: float | None, direction: str = "up") -> Text:
    """▲ / ▼ / → coloured green when the move is good for ``direction``, red when bad."""
    if absolute is None:
        return Text("")
    if absolute == 0:
        return Text("→", style="dim")
    good = (absolute > 0) == (direction == "up")
    return Text("▲" if absolute > 0 else "▼", style="green" if good else "red")


def status_text(status: str) -> Text:
    """A status word (``met``, ``no_data`` …) in its colour; underscores become spaces."""
    return Text(status.replace("_", " "), style=STATUS_STYLES.get(status, ""))


def sparkline(values: Sequence[float | None]) -> str:
    """One block per value scaled between the smallest and the largest; a gap is a space;
    a flat series sits in the middle (``▄``)."""
    known = [v for v in values if v is not None]
    if not known:
        return " " * len(values)
    lo, hi = min(known), max(known)
    out = []
    for v in values:
        if v is None:
            out.append(" ")
        elif hi == lo:
            out.append(SPARK_BLOCKS[3])
        else:
            out.append(SPARK_BLOCKS[round((v - lo) / (hi - lo) * (len(SPARK_BLOCKS) - 1))])
    return "".join(out)


def _md_cell(cell: str | Text) -> str:
    text = cell.plain if isinstance(cell, Text) else str(cell)
    return text.replace("|", "\\|").replace("\n", " ")


def markdown_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str | Text]],
    align: Sequence[Align] | None = None,
) -> str:
    """A GitHub-flavoured markdown table (styles dropped, pipes escaped)."""
    aligns = list(align or ["left"] * len(headers))
    rule = {"left": "---", "right": "---:", "center": ":---:"}
    lines = [
        "| " + " | ".join(_md_cell(h) for h in headers) + " |",
        "|" + "|".join(rule[a] for a in aligns) + "|",
    ]
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def print_wide(console: Console, renderable: RenderableType) -> None:
    """Print without cutting columns when the output is not a terminal (a file, a pipe):
    the width is then what the content needs; a terminal keeps its own width."""
    if console.is_terminal:
        console.print(renderable)
        return
    wide = console.options.update_width(10_000)
    width = max(console.width, console.measure(renderable, options=wide).maximum)
    # Console.print clamps ``width`` to the console's own: print through a wider twin.
    twin = Console(
        file=console.file,
        width=width,
        color_system=console.color_system,  # type: ignore[arg-type]
        highlight=False,
        soft_wrap=False,
    )
    twin.print(renderable)


def rich_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str | Text]],
    align: Sequence[Align] | None = None,
    *,
    title: str | None = None,
    show_header: bool = True,
) -> Table:
    """A rich table with aligned columns; cells may be styled ``Text``."""
    table = Table(
        title=title,
        title_justify="left",
        header_style="bold",
        box=None,
        pad_edge=False,
        show_header=show_header,
    )
    aligns: Sequence[Align] = align or ["left"] * len(headers)
    for header, justify in zip(headers, aligns, strict=True):
        table.add_column(header, justify=justify, no_wrap=True)
    for row in rows:
        table.add_row(*row)
    return table
