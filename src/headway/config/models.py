"""Frozen pydantic models of ``headway.yaml`` (DESIGN §5–§9).

These check structure only. Cross-references (unknown KPI, NSM, SLO; the cap of three
North Stars; OKR alignment) are rules in :mod:`headway.config.rules`, which report every
problem with its file and line.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from headway.config.costs import CostsConfig
from headway.config.okrs import Objective
from headway.config.report import ReportConfig

__all__ = [
    "KPI",
    "NPSKPI",
    "SLO",
    "SLOKPI",
    "SQLKPI",
    "AggregateKPI",
    "CountDistinctKPI",
    "CountKPI",
    "DatasetSettings",
    "DurationKPI",
    "IndexComponent",
    "IndexKPI",
    "Initiative",
    "NorthStar",
    "PercentileKPI",
    "RatioKPI",
    "WorkspaceConfig",
]

Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_.\-]*$", max_length=80)]
Grain = Literal["day", "week", "month", "quarter", "year"]
DatasetName = Literal[
    "events", "usage", "costs", "slis", "incidents", "onboardings", "survey_responses", "tenants"
]


class Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class NorthStar(Model):
    id: Slug
    title: str
    kpi: str
    description: str | None = None


class Initiative(Model):
    id: Slug
    title: str
    owner: str | None = None
    description: str | None = None


class KPIBase(Model):
    id: Slug
    title: str
    initiative: str | None = None
    drives: str | None = None
    grain: Grain = "month"
    direction: Literal["up", "down"] = "up"
    unit: str | None = None
    target: float | None = None
    by: list[str] = Field(default_factory=list)
    where: str | None = None
    rollup: Literal["mean", "sum", "min", "max", "last"] = "mean"
    description: str | None = None


class CountKPI(KPIBase):
    kind: Literal["count"]
    dataset: DatasetName


class CountDistinctKPI(KPIBase):
    kind: Literal["count_distinct"]
    dataset: DatasetName
    column: str


class AggregateKPI(KPIBase):
    kind: Literal["sum", "mean", "min", "max"]
    dataset: DatasetName
    column: str


class PercentileKPI(KPIBase):
    kind: Literal["percentile"]
    dataset: DatasetName
    column: str
    p: float = Field(ge=0, le=100)


class DurationKPI(KPIBase):
    kind: Literal["duration"]
    dataset: DatasetName
    start: str
    end: str
    stat: Literal["mean", "median", "p90"] = "mean"
    time_unit: Literal["hours", "days"] = "hours"


class RatioKPI(KPIBase):
    kind: Literal["ratio"]
    numerator: str
    denominator: str


class NPSKPI(KPIBase):
    kind: Literal["nps"]
    dataset: Literal["survey_responses"] = "survey_responses"


class SLOKPI(KPIBase):
    kind: Literal["slo"]
    slo: str
    measure: Literal["attainment", "budget_remaining", "burn_rate"] = "attainment"


class IndexComponent(Model):
    kpi: str
    weight: float = Field(default=1.0, gt=0)


class IndexKPI(KPIBase):
    kind: Literal["index"]
    components: list[IndexComponent] = Field(min_length=1)
    baseline: str


class SQLKPI(KPIBase):
    kind: Literal["sql"]
    sql: str


KPI = Annotated[
    CountKPI
    | CountDistinctKPI
    | AggregateKPI
    | PercentileKPI
    | DurationKPI
    | RatioKPI
    | NPSKPI
    | SLOKPI
    | IndexKPI
    | SQLKPI,
    Field(discriminator="kind"),
]


class CalendarWindow(Model):
    calendar: Literal["month", "quarter"]


class SLO(Model):
    id: Slug
    title: str | None = None
    platform: str
    component: str
    indicator: str
    objective: float = Field(gt=0, lt=1)
    window: str | CalendarWindow = "28d"

    @field_validator("window")
    @classmethod
    def _rolling(cls, v: str | CalendarWindow) -> str | CalendarWindow:
        if isinstance(v, str) and not re.fullmatch(r"[1-9][0-9]*[dh]", v):
            raise ValueError("a rolling window is a number of days or hours, e.g. 28d or 72h")
        return v


class DatasetSettings(Model):
    cadence: Literal["hourly", "daily", "weekly", "monthly", "quarterly"] = "daily"
    """How often new data is expected; `headway datasets` calls the dataset stale after it."""


class WorkspaceConfig(Model):
    workspace: str
    timezone: str = "UTC"
    fiscal_year_start_month: int = Field(default=1, ge=1, le=12)
    currency: str = Field(default="USD", pattern=r"^[A-Z]{3}$")
    naive_timestamps: Literal["error", "utc", "local"] = "error"
    vision: str | None = None
    north_stars: list[NorthStar] = Field(default_factory=list)
    initiatives: list[Initiative] = Field(default_factory=list)
    kpis: list[KPI] = Field(default_factory=list)
    slos: list[SLO] = Field(default_factory=list)
    costs: CostsConfig | None = None
    okrs: list[Objective] = Field(default_factory=list)
    datasets: dict[DatasetName, DatasetSettings] = Field(default_factory=dict)
    report: ReportConfig | None = None

    @field_validator("timezone")
    @classmethod
    def _iana(cls, v: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"unknown time zone {v!r}; use an IANA name such as UTC or America/Los_Angeles"
            ) from None
        return v

    def kpi(self, kpi_id: str) -> KPI | None:
        return next((k for k in self.kpis if k.id == kpi_id), None)

    def slo(self, slo_id: str) -> SLO | None:
        return next((s for s in self.slos if s.id == slo_id), None)

    def cadence(self, dataset: str) -> str:
        settings = self.datasets.get(dataset)  # type: ignore[call-overload]
        return settings.cadence if settings else "daily"


_ = dt  # dates appear in sub-models
