"""Result objects of the OKR engine; the CLI, the report and the web only render them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from headway.okrs.scoring import Status

__all__ = ["CheckIn", "KeyResultScore", "OKRTree", "ObjectiveScore"]


def _round(x: float | None, digits: int = 4) -> float | None:
    return None if x is None else round(x, digits)


@dataclass(frozen=True)
class CheckIn:
    checkin_id: int
    key_result: str
    checked_in_at: dt.datetime
    value: float | None
    progress: float | None
    confidence: float
    note: str | None
    author: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "checkin_id": self.checkin_id,
            "key_result": self.key_result,
            "checked_in_at": self.checked_in_at.astimezone(dt.UTC).isoformat(),
            "value": self.value,
            "progress": self.progress,
            "confidence": self.confidence,
            "note": self.note,
            "author": self.author,
        }


@dataclass(frozen=True)
class KeyResultScore:
    id: str
    title: str
    kind: str
    kpi: str | None
    baseline: float | None
    target: float | None
    commit: float | None
    stretch: float | None
    current: float | None
    period: str | None
    """The period label ``current`` was read over (a grain period or the cycle to date)."""
    source: str
    """Where ``current`` came from: ``kpi``, ``checkin`` or ``none``."""
    progress: float
    grade: float
    weight: float
    last_checkin: CheckIn | None
    message: str | None = None
    """Why there is no current value yet, when there is none."""
    unit: str | None = None
    """The KPI's unit, for showing baseline, current and target."""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "kind": self.kind,
            "kpi": self.kpi,
            "unit": self.unit,
            "baseline": self.baseline,
            "target": self.target,
            "commit": self.commit,
            "stretch": self.stretch,
            "current": self.current,
            "period": self.period,
            "source": self.source,
            "progress": _round(self.progress),
            "grade": _round(self.grade),
            "weight": self.weight,
            "message": self.message,
            "last_checkin": self.last_checkin.to_json() if self.last_checkin else None,
        }


@dataclass(frozen=True)
class ObjectiveScore:
    id: str
    title: str
    level: str
    owner: str
    cycle: str
    parent: str | None
    weight: float
    progress: float
    expected: float
    status: Status
    grade: float
    confidence: float | None
    key_results: list[KeyResultScore] = field(default_factory=list)
    children: list[ObjectiveScore] = field(default_factory=list)

    def walk(self) -> Iterator[ObjectiveScore]:
        """This objective and every descendant, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "level": self.level,
            "owner": self.owner,
            "cycle": self.cycle,
            "parent": self.parent,
            "weight": self.weight,
            "progress": _round(self.progress),
            "expected": _round(self.expected),
            "status": self.status,
            "grade": _round(self.grade),
            "confidence": _round(self.confidence),
            "key_results": [kr.to_json() for kr in self.key_results],
            "children": [c.to_json() for c in self.children],
        }


@dataclass(frozen=True)
class OKRTree:
    """The alignment tree of one cycle as of a moment."""

    cycle: str
    start: dt.date
    end: dt.date
    """Exclusive."""
    as_of: dt.datetime
    expected: float
    closed: bool
    objectives: list[ObjectiveScore]

    def walk(self) -> Iterator[ObjectiveScore]:
        for root in self.objectives:
            yield from root.walk()

    def find(self, objective_id: str) -> ObjectiveScore | None:
        return next((o for o in self.walk() if o.id == objective_id), None)

    def to_json(self) -> dict[str, Any]:
        return {
            "cycle": self.cycle,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "as_of": self.as_of.astimezone(dt.UTC).isoformat(),
            "expected": _round(self.expected),
            "closed": self.closed,
            "objectives": [o.to_json() for o in self.objectives],
        }
