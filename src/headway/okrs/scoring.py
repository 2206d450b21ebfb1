"""The OKR formulas of DESIGN §9, pure: progress, grade, expected progress, status.

Every function here is a number in, a number out, so each has a table of hand-checkable
cases in ``tests/test_okr_scoring.py``.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from typing import Literal

__all__ = [
    "AT_RISK_GAP",
    "COMMIT_GRADE",
    "ON_TRACK_GAP",
    "TARGET_GRADE_WITH_STRETCH",
    "Status",
    "clamp",
    "expected_progress",
    "grade",
    "kr_progress",
    "status",
    "weighted_mean",
]

Status = Literal["on_track", "at_risk", "off_track", "done", "missed"]

ON_TRACK_GAP = 0.10
AT_RISK_GAP = 0.25
COMMIT_GRADE = 0.7
TARGET_GRADE_WITH_STRETCH = 0.9
_EPS = 1e-9  # so that 0.6 − 0.5 counts as 0.10, not 0.10000000000000009


def clamp(x: float, lo: float = 0.0, hi: float = 1.0) -> float:
    return max(lo, min(hi, x))


def kr_progress(current: float, baseline: float, target: float) -> float:
    """clamp((current − baseline) ÷ (target − baseline), 0, 1).

    Works for either direction: with target < baseline (lower is better) both the
    numerator and the denominator are negative while the KR improves. When the target
    equals the baseline (possible with ``baseline: auto``) progress is 1 once current is
    at the target and 0 otherwise: there is no distance to cover.
    """
    if target == baseline:
        return 1.0 if current == target else 0.0
    return clamp((current - baseline) / (target - baseline))


def grade(
    current: float,
    baseline: float,
    target: float,
    commit: float | None = None,
    stretch: float | None = None,
) -> float:
    """The grade 0.0–1.0, piecewise linear between anchors along the KR's direction.

    Anchors: baseline → 0.0; commit → 0.7; target → 1.0, or 0.9 when a stretch level is
    given; stretch → 1.0. Below the baseline the grade is 0, beyond the last anchor 1.
    Without commit and stretch the grade equals the progress.
    """
    if target == baseline:
        return kr_progress(current, baseline, target)
    anchors: list[tuple[float, float]] = [(baseline, 0.0)]
    if commit is not None:
        anchors.append((commit, COMMIT_GRADE))
    anchors.append((target, 1.0 if stretch is None else TARGET_GRADE_WITH_STRETCH))
    if stretch is not None:
        anchors.append((stretch, 1.0))
    sign = 1.0 if target >= baseline else -1.0
    x = sign * current
    points: list[tuple[float, float]] = []
    for level, g in anchors:  # an anchor out of order (e.g. an auto baseline past commit) drops
        if not points or sign * level > points[-1][0]:
            points.append((sign * level, g))
    if x <= points[0][0]:
        return 0.0
    for (x0, g0), (x1, g1) in itertools.pairwise(points):
        if x <= x1:
            return g0 if x1 == x0 else clamp(g0 + (g1 - g0) * (x - x0) / (x1 - x0))
    return 1.0


def weighted_mean(items: Iterable[tuple[float, float]]) -> float | None:
    """Σ wᵢ·xᵢ ÷ Σ wᵢ over ``(value, weight)`` pairs; None when there are none."""
    pairs = list(items)
    total = sum(w for _, w in pairs)
    if not pairs or total <= 0:
        return None
    return sum(x * w for x, w in pairs) / total


def expected_progress(start: dt.datetime, end: dt.datetime, as_of: dt.datetime) -> float:
    """The share of ``[start, end)`` elapsed at ``as_of``: 0 at the start, 1 at the end."""
    span = (end - start).total_seconds()
    return clamp((as_of - start).total_seconds() / span)


def status(progress: float, expected: float, *, closed: bool = False) -> Status:
    """``on_track`` when expected − progress ≤ 0.10, ``at_risk`` ≤ 0.25, else ``off_track``.

    A closed cycle is ``done`` when its progress reached 1 (every target met), else
    ``missed``; its grade says by how much.
    """
    if closed:
        return "done" if progress >= 1.0 - _EPS else "missed"
    gap = expected - progress
    if gap <= ON_TRACK_GAP + _EPS:
        return "on_track"
    if gap <= AT_RISK_GAP + _EPS:
        return "at_risk"
    return "off_track"
