"""Costs (DESIGN §8): pools, chargeback by unit economics, comparisons, recommendations.

The :class:`~headway.workspace.Workspace` methods ``cost_pools``, ``chargeback``,
``cost_comparison`` and ``cost_recommendations`` are the way in; this package is pure
computation over the store's ``costs``, ``usage``, ``events`` and ``tenants`` tables.
"""

from __future__ import annotations

from headway.costs.allocation import MeterLine, PoolAllocation, TenantAllocation, allocate
from headway.costs.chargeback import Chargeback, ChargebackRow, build_chargeback
from headway.costs.compare import Comparison, compare
from headway.costs.demo import demo_costs_config
from headway.costs.pools import PoolSet, compute_pools, cost_period
from headway.costs.recommendations import Recommendation, Recommendations, recommend
from headway.costs.rounding import round_to_cents

__all__ = [
    "Chargeback",
    "ChargebackRow",
    "Comparison",
    "MeterLine",
    "PoolAllocation",
    "PoolSet",
    "Recommendation",
    "Recommendations",
    "TenantAllocation",
    "allocate",
    "build_chargeback",
    "compare",
    "compute_pools",
    "cost_period",
    "demo_costs_config",
    "recommend",
    "round_to_cents",
]
