"""What every recommendation rule returns and receives."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import duckdb

from headway.config.costs import RecommendationSettings
from headway.config.models import WorkspaceConfig
from headway.costs.pools import PoolSet, json_money

__all__ = ["Context", "Recommendation", "platform_owner", "utc_midnight"]


@dataclass(frozen=True)
class Recommendation:
    rule: str
    title: str
    platform: str
    team: str | None
    """The team that owns the fix: a tenant's team, or the platform's owner."""
    saving: Decimal
    """Estimated monthly saving in the workspace currency (0 for "keep")."""
    action: str
    evidence: str
    numbers: dict[str, Any] = field(default_factory=dict)
    period: str = ""

    def to_json(self, currency: str) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "title": self.title,
            "platform": self.platform,
            "team": self.team,
            "period": self.period,
            "saving": json_money(self.saving),
            "currency": currency,
            "action": self.action,
            "evidence": self.evidence,
            "numbers": {
                k: json_money(v) if isinstance(v, Decimal) else v for k, v in self.numbers.items()
            },
        }


@dataclass(frozen=True)
class Context:
    con: duckdb.DuckDBPyConnection
    config: WorkspaceConfig
    pools: PoolSet

    @property
    def settings(self) -> RecommendationSettings:
        assert self.config.costs is not None  # pools exist, so costs does
        return self.config.costs.recommendations

    @property
    def label(self) -> str:
        return self.pools.period.label


def platform_owner(config: WorkspaceConfig, platform: str) -> str | None:
    """The owner of the initiative named like the platform, if any."""
    found = next((i for i in config.initiatives if i.id == platform), None)
    return found.owner if found else None


def utc_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


def money(value: Decimal, currency: str) -> str:
    return f"{value:,.2f} {currency}"
