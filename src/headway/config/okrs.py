"""OKR configuration (DESIGN §9): objectives and their key results."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

__all__ = ["KeyResult", "MetricKeyResult", "MilestoneKeyResult", "Objective"]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class MetricKeyResult(_Model):
    kind: Literal["metric"] = "metric"
    id: str
    title: str
    kpi: str
    baseline: float | Literal["auto"]
    target: float
    commit: float | None = None
    stretch: float | None = None
    window: Literal["period", "cycle"] = "period"
    weight: float = Field(default=1.0, gt=0)


class MilestoneKeyResult(_Model):
    kind: Literal["milestone"]
    id: str
    title: str
    weight: float = Field(default=1.0, gt=0)


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
    id: str
    title: str
    level: Literal["company", "group", "team", "individual"]
    owner: str
    cycle: str
    parent: str | None = None
    weight: float = Field(default=1.0, gt=0)
    key_results: list[KeyResult] = Field(default_factory=list)
