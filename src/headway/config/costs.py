"""Cost configuration (DESIGN §8): pools, allocation meters, vendor price books, advice.

Structure only; cross-checks (weights sum to 1, one of ``match``/``amount``, a predicate
that parses) are rules in :mod:`headway.config.rules.costs`, reported with file and line.
Money and weights are :class:`~decimal.Decimal` so that sums are exact.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "AllocationMeter",
    "CostPool",
    "CostsConfig",
    "RecommendationSettings",
    "VendorPriceBook",
]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class AllocationMeter(_Model):
    meter: str
    weight: Decimal = Field(gt=0, le=1)


class CostPool(_Model):
    """What a platform costs, and how it is split among the tenants that use it."""

    platform: str
    id: str | None = None
    """Names the pool when a platform has several (default: the platform)."""
    title: str | None = None
    match: str | None = None
    """SQL predicate over the ``costs`` table (DuckDB dialect) selecting the pool's rows."""
    amount: Decimal | None = None
    """A fixed monthly amount (in the workspace currency) instead of ``match``."""
    split: Literal["meters", "even"] = "meters"
    """``meters``: by weighted meters; ``even``: evenly across the active tenants."""
    allocation: list[AllocationMeter] = Field(default_factory=list)

    @property
    def pool_id(self) -> str:
        return self.id or self.platform


class VendorPriceBook(_Model):
    id: str
    title: str | None = None
    as_of: dt.date
    source: str | None = None
    prices: dict[str, Decimal]
    """List price per unit of each meter, in the workspace currency."""


class RecommendationSettings(_Model):
    """Thresholds of the cost recommendation rules (see docs/costs.md)."""

    ingest_meter: str = "logs_gb"
    query_meter: str = "queries"
    query_events: list[str] = Field(default_factory=lambda: ["query"])
    login_events: list[str] = Field(default_factory=lambda: ["login"])
    ingest_growth_ratio: Decimal = Field(default=Decimal("1.5"), gt=0)
    growth_months: int = Field(default=3, ge=1, le=24)
    idle_days: int = Field(default=30, ge=1)
    peer_multiple: Decimal = Field(default=Decimal("2.0"), gt=0)
    unallocated_share: Decimal = Field(default=Decimal("0.10"), ge=0, le=1)
    min_saving: Decimal = Field(default=Decimal("0"), ge=0)
    """Items whose estimated saving is below this are left out (``keep`` items stay)."""


class CostsConfig(_Model):
    pools: list[CostPool] = Field(default_factory=list)
    vendors: list[VendorPriceBook] = Field(default_factory=list)
    recommendations: RecommendationSettings = Field(default_factory=RecommendationSettings)

    def pools_of(self, platform: str | None = None) -> list[CostPool]:
        return [p for p in self.pools if platform is None or p.platform == platform]

    @property
    def platforms(self) -> list[str]:
        return list(dict.fromkeys(p.platform for p in self.pools))
