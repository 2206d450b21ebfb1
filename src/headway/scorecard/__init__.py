"""The scorecard: vision, North Stars with what moved them, initiatives with their KPIs."""

from headway.scorecard.build import build_scorecard, kpi_period
from headway.scorecard.drivers import (
    ComponentMove,
    Contribution,
    decompose_index,
    order_by_relative_change,
)
from headway.scorecard.model import InitiativeCard, KPICard, NorthStarCard, Scorecard

__all__ = [
    "ComponentMove",
    "Contribution",
    "InitiativeCard",
    "KPICard",
    "NorthStarCard",
    "Scorecard",
    "build_scorecard",
    "decompose_index",
    "kpi_period",
    "order_by_relative_change",
]
