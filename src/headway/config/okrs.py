"""OKR configuration (DESIGN §9): objectives and their key results.

Structure only; alignment (parents, levels, loops, cycles) and references to KPIs are
checked by :mod:`headway.config.rules.okrs`. Scoring lives in :mod:`headway.okrs`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

__all__ = ["LEVELS", "KeyResult", "Level", "MetricKeyResult", "MilestoneKeyResult", "Objective"]

Level = Literal["company", "group", "team", "individual"]
#: Highest first: a parent must come strictly earlier in this tuple than its child.
LEVELS: tuple[Level, ...] = ("company", "group", "team", "individual")

OKRId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_.\-]*$", max_length=120)]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class MetricKeyResult(_Model):
    """A key result that moves with a KPI.

    ``baseline: auto`` is the KPI over the period of its grain just before the cycle
    starts. ``window: period`` (default) reads the KPI over its latest complete grain
    period inside the cycle; ``window: cycle`` over the cycle to date.
    """

    kind: Literal["metric"] = "metric"
    id: OKRId
    title: str
    kpi: str
    baseline: float | Literal["auto"]
    target: float
    commit: float | None = None
    stretch: float | None = None
    window: Literal["period", "cycle"] = "period"
    weight: float = Field(default=1.0, gt=0)
    owner: str | None = None
    description: str | None = None


class MilestoneKeyResult(_Model):
    """A key result whose progress (0–1) comes from check-ins."""

    kind: Literal["milestone"]
    id: OKRId
    title: str
    weight: float = Field(default=1.0, gt=0)
    owner: str | None = None
    description: str | None = None


def _kr_kind(value: Any) -> str:
    """A key result is a metric one unless it says ``kind: milestone``."""
    if isinstance(value, dict):
        return str(value.get("kind", "metric"))
    return str(getattr(value, "kind", "metric"))


KeyResult = Annotated[
    Annotated[MetricKeyResult, Tag("metric")] | Annotated[MilestoneKeyResult, Tag("milestone")],
    Discriminator(_kr_kind),
]


class Objective(_Model):
    """An objective of one quarter (``cycle``: ``2026-Q2`` or fiscal ``FY2027-Q1``)."""

    id: OKRId
    title: str
    level: Level
    owner: str
    cycle: str
    parent: str | None = None
    weight: float = Field(default=1.0, gt=0)
    """Its weight in its parent's progress when the parent has no key results."""
    key_results: list[KeyResult] = Field(default_factory=list)
    description: str | None = None
