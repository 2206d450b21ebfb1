"""What every recommendation rule returns and receives."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import duckdb

from headway.config.costs import RecommendationSettings
from headway.config.models import WorkspaceConfig
from headway.costs.numbers import fmt_money
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
    details: list[str] = field(default_factory=list)
    """One line per tenant when the item groups several (a team's tenants); else empty."""

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
            "details": self.details,
            "numbers": _json_numbers(self.numbers),
        }


def _json_numbers(value: Any) -> Any:
    """Decimals become JSON numbers, also inside lists and objects."""
    if isinstance(value, Decimal):
        return json_money(value)
    if isinstance(value, dict):
        return {k: _json_numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_numbers(v) for v in value]
    return value


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
    return fmt_money(value, currency)
