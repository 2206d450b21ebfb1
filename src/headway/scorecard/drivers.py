"""What moved a North Star: ordering its drivers, and the log-change decomposition of an index.

An ``index`` KPI is ``I = 100 × Π rᵢ^(wᵢ ÷ Σw)``, so its log-change between two periods is
a sum over components::

    ln I(now) − ln I(prev) = Σ (wᵢ ÷ Σw) × (ln rᵢ(now) − ln rᵢ(prev))

Component i's *contribution* is its term of that sum. The baseline cancels out of the
difference, so ``ln rᵢ(now) − ln rᵢ(prev)`` is ``ln(vᵢ(now) ÷ vᵢ(prev))`` for an ``up``
component and its negative for a ``down`` one. A contribution is shown two more ways:
as a *share* of the index's log-change (shares sum to 1), and in *index points*, the
index's change ``I(now) − I(prev)`` split in proportion to the shares.

Pure: no I/O.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

__all__ = ["ComponentMove", "Contribution", "decompose_index", "order_by_relative_change"]


@dataclass(frozen=True)
class ComponentMove:
    """One component of an index: its weight, direction and values in two periods."""

    kpi: str
    weight: float
    direction: Literal["up", "down"]
    now: float | None
    previous: float | None


@dataclass(frozen=True)
class Contribution:
    kpi: str
    log_change: float | None
    """(wᵢ ÷ Σw) × (ln rᵢ(now) − ln rᵢ(prev)); None when a value is missing or not > 0."""
    share: float | None
    """log_change ÷ the index's log-change (Σ over components); None when that is 0."""
    points: float | None
    """share × (I(now) − I(prev)): the component's part of the index's change in points."""

    def to_json(self) -> dict[str, Any]:
        return {"log_change": self.log_change, "share": self.share, "points": self.points}


def _log_move(move: ComponentMove, total_weight: float) -> float | None:
    if move.now is None or move.previous is None or move.now <= 0 or move.previous <= 0:
        return None
    sign = 1.0 if move.direction == "up" else -1.0
    return (move.weight / total_weight) * sign * (math.log(move.now) - math.log(move.previous))


def decompose_index(
    components: Sequence[ComponentMove],
    index_now: float | None,
    index_previous: float | None,
) -> list[Contribution]:
    """Each component's contribution to the index's change, largest absolute first.

    Components without a contribution (a missing or non-positive value) come last, in
    their configured order. Shares and points need every component's contribution: the
    index itself is undefined when one is missing, so then they are None.
    """
    if not components:
        return []
    total_weight = sum(c.weight for c in components)
    logs = [_log_move(c, total_weight) for c in components]
    known = [v for v in logs if v is not None]
    total = sum(known) if len(known) == len(logs) else None
    delta = (
        index_now - index_previous if index_now is not None and index_previous is not None else None
    )
    out: list[Contribution] = []
    for move, log in zip(components, logs, strict=True):
        share = log / total if log is not None and total else None
        points = share * delta if share is not None and delta is not None else None
        out.append(Contribution(move.kpi, log, share, points))
    order = sorted(
        range(len(out)),
        key=lambda i: (out[i].log_change is None, -abs(out[i].log_change or 0.0), i),
    )
    return [out[i] for i in order]


def order_by_relative_change(
    items: Sequence[tuple[str, float | None]],
) -> list[str]:
    """Ids ordered by |relative change| descending; unknown changes last, in given order."""
    order = sorted(
        range(len(items)),
        key=lambda i: (items[i][1] is None, -abs(items[i][1] or 0.0), i),
    )
    return [items[i][0] for i in order]
