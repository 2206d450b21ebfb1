"""The weekly report as one result object: what the renderers (HTML, Markdown, email, chat)
show, composed once from the workspace so the numbers never disagree between them.

Every section carries ``note``: ``None`` when it has content, else the sentence a reader
sees instead ("not configured", "no data …").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from headway.metrics.value import KPIValue, Point

__all__ = [
    "CostPoint",
    "CostSection",
    "DataWarning",
    "InitiativeSection",
    "NorthStarSection",
    "OKRRow",
    "OKRSection",
    "Recommendation",
    "SLORow",
    "SLOSection",
    "TeamCost",
    "VendorRow",
    "WeeklyReport",
]


@dataclass(frozen=True)
class NorthStarSection:
    id: str
    title: str
    value: KPIValue | None
    history: list[Point] = field(default_factory=list)
    """The last periods of the NSM's grain, ending with ``value.period`` (the chart)."""
    drivers: list[KPIValue] = field(default_factory=list)
    note: str | None = None


@dataclass(frozen=True)
class InitiativeSection:
    id: str
    title: str
    owner: str | None
    kpis: list[KPIValue] = field(default_factory=list)


@dataclass(frozen=True)
class SLORow:
    slo: str
    platform: str
    component: str
    indicator: str
    objective: float
    attainment: float | None
    budget_remaining: float | None
    burn_rate: float | None


@dataclass(frozen=True)
class SLOSection:
    rows: list[SLORow] = field(default_factory=list)
    """Fastest-burning first."""
    note: str | None = None


@dataclass(frozen=True)
class OKRRow:
    id: str
    title: str
    level: str
    owner: str
    depth: int
    progress: float | None
    expected: float | None
    status: str


@dataclass(frozen=True)
class OKRSection:
    cycle: str | None
    rows: list[OKRRow] = field(default_factory=list)
    note: str | None = None


@dataclass(frozen=True)
class TeamCost:
    team: str
    cost: float
    share: float | None
    tenants: dict[str, float] = field(default_factory=dict)
    """Allocated cost per tenant, largest first (ties by name)."""
    unit_costs: dict[str, float] = field(default_factory=dict)
    """Cost per unit of each meter for this team (its allocated cost on the meter's platform
    ÷ its quantity), keyed ``meter`` — or ``platform.meter`` when several platforms show."""


@dataclass(frozen=True)
class CostPoint:
    """One bar of the cost chart: a platform's pool cost in one ISO week."""

    week: str
    platform: str
    cost: float


@dataclass(frozen=True)
class VendorRow:
    vendor: str
    title: str
    vendor_cost: float
    our_cost: float
    savings: float
    """vendor cost − our cost: positive means the platform is cheaper."""


@dataclass(frozen=True)
class Recommendation:
    title: str
    team: str | None
    saving: float
    evidence: str


@dataclass(frozen=True)
class CostSection:
    period: str | None
    currency: str
    total: float | None = None
    unallocated: float | None = None
    teams: list[TeamCost] = field(default_factory=list)
    vendors: list[VendorRow] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)
    history: list[CostPoint] = field(default_factory=list)
    """The pools' cost per platform over the last weeks, ending with ``period`` (the chart)."""
    note: str | None = None

    @property
    def allocated(self) -> float | None:
        """What the teams carry: the pools' total less the unallocated part."""
        if self.total is None:
            return None
        return round(self.total - (self.unallocated or 0.0), 2)

    def for_team(self, team: str) -> CostSection:
        """This section narrowed to one team: its chargeback and its recommendations."""
        return replace(
            self,
            teams=[t for t in self.teams if t.team == team],
            recommendations=[r for r in self.recommendations if r.team == team],
            note=self.note,
        )


@dataclass(frozen=True)
class DataWarning:
    dataset: str
    message: str


@dataclass(frozen=True)
class WeeklyReport:
    workspace: str
    week: str
    start: dt.date
    end: dt.date
    """The day after the week's Sunday (the week is [start, end))."""
    as_of: dt.datetime
    timezone: str
    currency: str
    vision: str | None
    summary: list[str]
    north_stars: list[NorthStarSection]
    initiatives: list[InitiativeSection]
    slos: SLOSection
    okrs: OKRSection
    costs: CostSection
    data_warnings: list[DataWarning]
    team: str | None = None
    """Set on a copy addressed to one team (its own chargeback only)."""
    whole: frozenset[str] = frozenset()
    """KPIs counted in whole things (``count``, ``count_distinct``): shown without decimals."""

    def for_team(self, team: str) -> WeeklyReport:
        return replace(self, costs=self.costs.for_team(team), team=team)

    @property
    def title(self) -> str:
        suffix = f" — team {self.team}" if self.team else ""
        return f"{self.workspace}: weekly report {self.week}{suffix}"
