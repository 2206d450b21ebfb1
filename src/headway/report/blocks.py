"""The report laid out as a list of neutral blocks; each renderer only draws blocks.

Keeping the wording and the table columns here means the HTML file, the Markdown file, the
mail and the chat message say the same things in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from headway.report.charts import Chart

__all__ = ["Block", "Bullets", "ChartRef", "Heading", "Note", "Para", "Quote", "Table"]


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Para:
    text: str
    strong: str | None = None
    """Bold lead-in shown before ``text``."""


@dataclass(frozen=True)
class Quote:
    text: str


@dataclass(frozen=True)
class Note:
    """A muted line: "not configured", "no data" and the like."""

    text: str


@dataclass(frozen=True)
class Bullets:
    items: list[str]


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[str]]
    align: list[Literal["l", "r"]] = field(default_factory=list)
    """Per column; missing columns align left."""

    def alignment(self, i: int) -> Literal["l", "r"]:
        return self.align[i] if i < len(self.align) else "l"


@dataclass(frozen=True)
class ChartRef:
    chart: Chart


Block = Heading | Para | Quote | Note | Bullets | Table | ChartRef
