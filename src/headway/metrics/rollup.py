"""Summarising grain values over a longer period, status and change."""

from __future__ import annotations

from collections.abc import Sequence

from headway.metrics.value import Change, Status

__all__ = ["change", "rollup", "status"]


def rollup(values: Sequence[float | None], how: str, zero_when_empty: bool) -> float | None:
    """``values`` in period order; None is an empty grain period (0 for count kinds)."""
    kept = [0.0 if v is None and zero_when_empty else v for v in values]
    vals = [v for v in kept if v is not None]
    if not vals:
        return None
    if how == "sum":
        return float(sum(vals))
    if how == "min":
        return min(vals)
    if how == "max":
        return max(vals)
    if how == "last":
        return vals[-1]
    return sum(vals) / len(vals)


def status(value: float | None, target: float | None, direction: str) -> Status:
    if value is None:
        return "no_data"
    if target is None:
        return "no_target"
    met = value >= target if direction == "up" else value <= target
    return "met" if met else "missed"


def change(value: float | None, previous: float | None, significant: bool | None = None) -> Change:
    if value is None or previous is None:
        return Change(None, None, significant)
    absolute = value - previous
    relative = None if previous == 0 else absolute / abs(previous)
    return Change(absolute, relative, significant)
