"""How a ``headway costs`` view is printed: aligned tables with a totals block, markdown,
or CSV for finance (one header row, unformatted numbers)."""

from __future__ import annotations

import csv
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

import typer

from headway.cli.common import OutputFormat as _Base
from headway.cli.common import console, emit, state
from headway.cli.render import Align, markdown_table, print_wide, rich_table
from headway.costs.numbers import fmt_money, fmt_qty

__all__ = ["CostFormat", "Section", "View", "cents", "money", "num", "qty", "show"]


class CostFormat(StrEnum):
    table = "table"
    json = "json"
    md = "md"
    csv = "csv"


@dataclass
class Section:
    """One titled table; ``totals`` print below a rule, ``notes`` as lines after it."""

    title: str
    headers: list[str]
    rows: list[list[str]]
    align: list[Align]
    totals: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    wrap: dict[int, int] = field(default_factory=dict)
    """Column index → width at which a terminal table wraps the cell (md never wraps)."""
    empty: str = ""
    """Printed instead of the table when there are no rows."""


@dataclass
class View:
    """What a command shows: sections for table and md, rows for CSV."""

    sections: list[Section] = field(default_factory=list)
    csv_headers: list[str] = field(default_factory=list)
    csv_rows: list[list[str]] = field(default_factory=list)
    markdown: Callable[[], str] | None = None
    """Overrides the sections' markdown (recommendations list their evidence)."""


def money(value: Any) -> str:
    """A cent amount for a table: ``1,234.50``; ``—`` for none."""
    return "—" if value is None else fmt_money(Decimal(str(value)))


def qty(value: Any) -> str:
    return "—" if value is None else fmt_qty(Decimal(str(value)))


def cents(value: Any) -> str:
    """A cent amount for CSV: no separators, always two decimals."""
    return "" if value is None else f"{Decimal(str(value)):.2f}"


def num(value: Any, places: int = 6) -> str:
    """A number for CSV: fixed point (never ``1e-05``), no separators, no float noise."""
    if value is None:
        return ""
    text = f"{Decimal(str(value)):.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _wrapped(section: Section, row: list[str]) -> list[str]:
    def fill(cell: str, width: int) -> str:
        return "\n".join(
            textwrap.fill(line, width, subsequent_indent="  " if line.startswith("·") else "")
            for line in cell.splitlines()
        )

    return [
        fill(cell, section.wrap[i]) if i in section.wrap and cell else cell
        for i, cell in enumerate(row)
    ]


def _print_table(section: Section) -> None:
    console.print(f"[bold]{section.title}[/bold]", soft_wrap=True, markup=True)
    if not section.rows and section.empty:
        console.print(section.empty, soft_wrap=True, markup=False)
    else:
        rows = [_wrapped(section, r) for r in section.rows]
        table = rich_table(section.headers, rows, section.align)
        if section.totals and table.rows:
            table.rows[-1].end_section = True
        for total in section.totals:
            table.add_row(*total, style="bold")
        print_wide(console, table)
    for note in section.notes:
        console.print(note, soft_wrap=True, markup=False)
    console.print()


def _markdown(section: Section) -> str:
    out = f"### {section.title}\n\n"
    if not section.rows and section.empty:
        out += section.empty + "\n"
    else:
        rows = section.rows + [[f"**{c}**" if c else c for c in t] for t in section.totals]
        out += markdown_table(section.headers, rows, section.align)
    if section.notes:
        out += "\n" + "\n".join(section.notes) + "\n"
    return out


def show(ctx: typer.Context, fmt: CostFormat | None, data: dict[str, Any], view: View) -> None:
    """Print ``data`` as JSON or ``view`` as a table, markdown or CSV."""
    chosen = fmt or CostFormat(state(ctx).format.value)
    if chosen is CostFormat.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(view.csv_headers)
        writer.writerows(view.csv_rows)
        return

    def table() -> None:
        for section in view.sections:
            _print_table(section)

    def markdown() -> str:
        if view.markdown is not None:
            return view.markdown()
        return "\n".join(_markdown(s) for s in view.sections)

    emit(ctx, _Base(chosen.value), data, table, markdown)
