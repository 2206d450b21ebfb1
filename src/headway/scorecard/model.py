"""The scorecard result objects: no printing; ``to_json()`` gives the DESIGN §10 shape."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from headway.metrics.value import KPIValue, Point
from headway.okrs import ObjectiveScore
from headway.scorecard.drivers import Contribution

__all__ = ["InitiativeCard", "KPICard", "NorthStarCard", "Scorecard"]


@dataclass(frozen=True)
class KPICard:
    """A KPI's value on the scorecard, with its recent history and (for an index's
    component) its contribution to the index's change."""

    value: KPIValue
    sparkline: list[Point] = field(default_factory=list)
    """The last (up to) 12 periods of the KPI's grain, ending with the one shown."""
    contribution: Contribution | None = None

    def to_json(self) -> dict[str, Any]:
        out = self.value.to_json()
        out["sparkline"] = [{"period": p.period, "value": p.value} for p in self.sparkline]
        if self.contribution is not None:
            out["contribution"] = self.contribution.to_json()
        return out


@dataclass(frozen=True)
class NorthStarCard:
    id: str
    title: str
    value: KPICard
    drivers: list[KPICard]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "value": self.value.to_json(),
            "drivers": [d.to_json() for d in self.drivers],
        }


@dataclass(frozen=True)
class InitiativeCard:
    id: str
    title: str
    owner: str | None
    kpis: list[KPICard]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "owner": self.owner,
            "kpis": [k.to_json() for k in self.kpis],
        }


@dataclass(frozen=True)
class Scorecard:
    """Vision, North Stars with what moved them, initiatives with their KPIs."""

    workspace: str
    vision: str | None
    as_of: dt.datetime
    period: str | None
    """The period asked for; None when each KPI shows its latest complete period."""
    north_stars: list[NorthStarCard]
    initiatives: list[InitiativeCard]
    unassigned: list[KPICard] = field(default_factory=list)
    """KPIs that belong to no configured initiative."""
    okrs: list[ObjectiveScore] = field(default_factory=list)
    """The current cycle's company objectives (with their key results)."""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "workspace": self.workspace,
            "vision": self.vision,
            "as_of": self.as_of.isoformat(),
            "period": self.period,
            "north_stars": [n.to_json() for n in self.north_stars],
            "initiatives": [i.to_json() for i in self.initiatives],
        }
        if self.unassigned:
            out["unassigned"] = [k.to_json() for k in self.unassigned]
        out["okrs"] = [_objective_summary(o) for o in self.okrs]
        return out


def _objective_summary(o: ObjectiveScore) -> dict[str, Any]:
    """A company objective on the scorecard: its score and its key results, not its tree."""
    full = o.to_json()
    full.pop("children", None)
    return full
