"""The OKR formulas of DESIGN §9, by hand-checkable cases and invariants."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from headway.okrs.scoring import expected_progress, grade, kr_progress, status, weighted_mean


@pytest.mark.parametrize(
    ("current", "baseline", "target", "expected"),
    [
        (30, 20, 40, 0.5),  # halfway up
        (40, 20, 40, 1.0),  # at target
        (50, 20, 40, 1.0),  # beyond target: clamped
        (10, 20, 40, 0.0),  # worse than baseline: clamped
        (8.5, 12, 5, 0.5),  # direction down: 12 → 5, at 8.5 halfway
        (5, 12, 5, 1.0),
        (3, 12, 5, 1.0),  # better than a down target: clamped
        (14, 12, 5, 0.0),  # worse than a down baseline
        (0.998, 0.995, 0.999, 0.75),
        (5, 5, 5, 1.0),  # target = baseline, reached
        (4, 5, 5, 0.0),  # target = baseline, not exactly there
    ],
)
def test_kr_progress(current: float, baseline: float, target: float, expected: float) -> None:
    assert kr_progress(current, baseline, target) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("current", "commit", "stretch", "expected"),
    [
        # baseline 0, target 100 throughout
        (50, None, None, 0.5),  # no zones: grade = progress
        (70, 70, None, 0.7),  # reaching commit = 0.7
        (35, 70, None, 0.35),  # halfway to commit: 0.35
        (85, 70, None, 0.85),  # halfway commit → target: 0.7 + 0.15
        (100, 70, None, 1.0),
        (100, 70, 120, 0.9),  # with a stretch, target = 0.9
        (110, 70, 120, 0.95),
        (120, 70, 120, 1.0),
        (150, 70, 120, 1.0),
        (-5, 70, 120, 0.0),
        (50, None, 200, 0.45),  # baseline → target spans 0 → 0.9
    ],
)
def test_grade_up(
    current: float, commit: float | None, stretch: float | None, expected: float
) -> None:
    assert grade(current, 0, 100, commit, stretch) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("current", "expected"),
    [(12, 0.0), (8, 0.7), (10, 0.35), (6.5, 0.8), (5, 0.9), (4, 1.0), (1, 1.0), (13, 0.0)],
)
def test_grade_down(current: float, expected: float) -> None:
    """Baseline 12, commit 8, target 5, stretch 4: lower is better."""
    assert grade(current, 12, 5, commit=8, stretch=4) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        ([(0.5, 1), (1.0, 1)], 0.75),
        ([(0.0, 1), (1.0, 3)], 0.75),
        ([(0.2, 2), (0.8, 0.5)], 0.32),
        ([], None),
    ],
)
def test_weighted_mean(pairs: list[tuple[float, float]], expected: float | None) -> None:
    assert weighted_mean(pairs) == (pytest.approx(expected) if expected is not None else None)


_LA = ZoneInfo("America/Los_Angeles")
_Q2 = (dt.datetime(2026, 4, 1, tzinfo=_LA), dt.datetime(2026, 7, 1, tzinfo=_LA))


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (dt.datetime(2026, 4, 1, tzinfo=_LA), 0.0),  # the start
        (dt.datetime(2026, 3, 20, tzinfo=_LA), 0.0),  # before the start
        (dt.datetime(2026, 5, 16, 12, tzinfo=_LA), 0.5),  # 45.5 of 91 days
        (dt.datetime(2026, 7, 1, tzinfo=_LA), 1.0),  # the end
        (dt.datetime(2026, 7, 1, 6, 59, tzinfo=dt.UTC), 1.0 - 1 / 60 / 24 / 91),  # 1 min before
        (dt.datetime(2026, 8, 1, tzinfo=_LA), 1.0),
    ],
)
def test_expected_progress(as_of: dt.datetime, expected: float) -> None:
    assert expected_progress(*_Q2, as_of) == pytest.approx(expected, abs=1e-6)


@pytest.mark.parametrize(
    ("progress", "expected", "closed", "want"),
    [
        (0.5, 0.5, False, "on_track"),
        (0.5, 0.6, False, "on_track"),  # gap exactly 0.10
        (0.5, 0.61, False, "at_risk"),
        (0.5, 0.75, False, "at_risk"),  # gap exactly 0.25
        (0.5, 0.76, False, "off_track"),
        (0.9, 0.2, False, "on_track"),  # ahead of plan
        (1.0, 1.0, True, "done"),
        (0.99, 1.0, True, "missed"),
    ],
)
def test_status(progress: float, expected: float, closed: bool, want: str) -> None:
    assert status(progress, expected, closed=closed) == want


_levels = st.floats(-1e6, 1e6, allow_nan=False)


@given(_levels, _levels, _levels)
def test_progress_and_grade_stay_in_0_1(current: float, baseline: float, target: float) -> None:
    assert 0.0 <= kr_progress(current, baseline, target) <= 1.0
    assert 0.0 <= grade(current, baseline, target) <= 1.0


@given(_levels, _levels, _levels)
def test_grade_without_zones_is_progress(current: float, baseline: float, target: float) -> None:
    assert grade(current, baseline, target) == pytest.approx(kr_progress(current, baseline, target))


@given(st.floats(0, 100), st.floats(0, 100))
def test_grade_is_monotone_in_current(a: float, b: float) -> None:
    lo, hi = sorted((a, b))
    assert grade(lo, 0, 80, 50, 100) <= grade(hi, 0, 80, 50, 100)
