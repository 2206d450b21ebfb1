"""Cost configuration (DESIGN §8): pools, allocation meters, vendor price books."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["AllocationMeter", "CostPool", "CostsConfig", "VendorPriceBook"]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class AllocationMeter(_Model):
    meter: str
    weight: float = Field(gt=0, le=1)


class CostPool(_Model):
    platform: str
    match: str
    allocation: list[AllocationMeter] = Field(default_factory=list)


class VendorPriceBook(_Model):
    id: str
    title: str | None = None
    as_of: dt.date
    source: str | None = None
    prices: dict[str, float]


class CostsConfig(_Model):
    pools: list[CostPool] = Field(default_factory=list)
    vendors: list[VendorPriceBook] = Field(default_factory=list)
