"""Weekly report delivery configuration."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

__all__ = ["ReportConfig"]


class ReportConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
