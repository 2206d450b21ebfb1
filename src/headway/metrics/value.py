"""The result objects of the KPI engine, rendered alike by the CLI, the report and the web.

``to_json()`` gives the shapes of DESIGN §10 exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = ["BreakdownRow", "Change", "KPIValue", "Point", "Series", "Status"]

Status = Literal["met", "missed", "no_target", "no_data"]


@dataclass(frozen=True)
class Change:
    absolute: float | None
    relative: float | None
    """(value − previous) ÷ |previous|; None when previous is 0 or missing."""
    significant: bool | None = None
    """NPS only: whether the change is significant at 95 %."""


@dataclass(frozen=True)
class BreakdownRow:
    key: dict[str, str | None]
    value: float | None


@dataclass(frozen=True)
class KPIValue:
    kpi: str
    title: str
    period: str
    grain: str
    value: float | None
    unit: str | None
    direction: Literal["up", "down"]
    target: float | None
    status: Status
    previous_period: str | None
    previous_value: float | None
    change: Change
    rows: int
    coverage: float | None
    details: dict[str, Any] = field(default_factory=dict)
    breakdown: list[BreakdownRow] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        change: dict[str, Any] = {
            "absolute": self.change.absolute,
            "relative": self.change.relative,
        }
        if self.change.significant is not None:
            change["significant"] = self.change.significant
        return {
            "kpi": self.kpi,
            "title": self.title,
            "period": self.period,
            "grain": self.grain,
            "value": self.value,
            "unit": self.unit,
            "direction": self.direction,
            "target": self.target,
            "status": self.status,
            "previous": {"period": self.previous_period, "value": self.previous_value},
            "change": change,
            "rows": self.rows,
            "coverage": self.coverage,
            "details": self.details,
            "breakdown": [{"key": b.key, "value": b.value} for b in self.breakdown],
        }


@dataclass(frozen=True)
class Point:
    period: str
    value: float | None


@dataclass(frozen=True)
class Series:
    kpi: str
    grain: str
    points: list[Point]

    def to_json(self) -> dict[str, Any]:
        return {
            "kpi": self.kpi,
            "grain": self.grain,
            "points": [{"period": p.period, "value": p.value} for p in self.points],
        }
