"""What moved a North Star: the log-change decomposition of an index, and driver order."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from headway.scorecard.drivers import ComponentMove, decompose_index, order_by_relative_change


def _index(moves: list[ComponentMove], now: bool, baseline: dict[str, float]) -> float:
    """100 × Π rᵢ^(wᵢ/Σw), straight from DESIGN §6."""
    total = sum(m.weight for m in moves)
    log = 0.0
    for m in moves:
        v = m.now if now else m.previous
        assert v is not None
        r = v / baseline[m.kpi] if m.direction == "up" else baseline[m.kpi] / v
        log += m.weight / total * math.log(r)
    return 100 * math.exp(log)


def test_two_components_by_hand() -> None:
    # MTTO (down, weight 1) halves from 10 to 5 days: r doubles → ½·ln 2 = 0.34657.
    # MTTR (down, weight 1) grows from 4 to 5 hours: r × 4/5 → ½·ln 0.8 = −0.11157.
    moves = [
        ComponentMove("mttr", 1, "down", now=5, previous=4),
        ComponentMove("mtto", 1, "down", now=5, previous=10),
    ]
    base = {"mtto": 10.0, "mttr": 4.0}
    i_prev, i_now = _index(moves, False, base), _index(moves, True, base)
    assert i_prev == pytest.approx(100)
    assert i_now == pytest.approx(100 * math.sqrt(2 * 0.8))  # 126.49
    out = decompose_index(moves, i_now, i_prev)
    assert [c.kpi for c in out] == ["mtto", "mttr"]  # largest |contribution| first
    assert out[0].log_change == pytest.approx(0.5 * math.log(2))
    assert out[1].log_change == pytest.approx(0.5 * math.log(0.8))
    total = math.log(i_now / i_prev)
    assert out[0].share == pytest.approx(0.5 * math.log(2) / total)  # 1.4737
    assert out[1].share == pytest.approx(0.5 * math.log(0.8) / total)  # −0.4737
    assert out[0].points == pytest.approx(out[0].share * (i_now - 100))  # +38.85 points
    assert sum(c.points or 0 for c in out) == pytest.approx(i_now - i_prev)


@pytest.mark.parametrize(
    ("moves", "order", "logs"),
    [
        # weights 3:1, both up; 2×·¾ = 0.5199 beats 4×·¼ = 0.3466
        (
            [ComponentMove("a", 3, "up", 2, 1), ComponentMove("b", 1, "up", 4, 1)],
            ["a", "b"],
            [0.75 * math.log(2), 0.25 * math.log(4)],
        ),
        # an up component that fell counts negative; |−ln 3| beats ln 2
        (
            [ComponentMove("a", 1, "up", 2, 1), ComponentMove("b", 1, "up", 1, 3)],
            ["b", "a"],
            [0.5 * math.log(1 / 3), 0.5 * math.log(2)],
        ),
        # a missing value has no contribution and comes last
        (
            [ComponentMove("a", 1, "up", None, 1), ComponentMove("b", 1, "down", 1, 2)],
            ["b", "a"],
            [0.5 * math.log(2), None],
        ),
    ],
)
def test_order_and_contributions(
    moves: list[ComponentMove], order: list[str], logs: list[float | None]
) -> None:
    out = decompose_index(moves, None, None)
    assert [c.kpi for c in out] == order
    assert [c.log_change for c in out] == [
        pytest.approx(x) if x is not None else None for x in logs
    ]


def test_a_missing_component_leaves_shares_unknown() -> None:
    out = decompose_index(
        [ComponentMove("a", 1, "up", 2, 1), ComponentMove("b", 1, "up", 0, 1)], 120, 100
    )
    assert [(c.kpi, c.share, c.points) for c in out] == [("a", None, None), ("b", None, None)]


def test_no_change_has_no_shares() -> None:
    out = decompose_index([ComponentMove("a", 1, "up", 2, 2)], 100, 100)
    assert [(c.log_change, c.share, c.points) for c in out] == [(0.0, None, None)]


def test_no_components() -> None:
    assert decompose_index([], 100, 100) == []


values = st.floats(min_value=0.01, max_value=1e4, allow_nan=False)


@given(
    st.lists(
        st.tuples(st.floats(min_value=0.1, max_value=10), st.booleans(), values, values, values),
        min_size=1,
        max_size=5,
    )
)
def test_contributions_sum_to_the_index_log_change(
    rows: list[tuple[float, bool, float, float, float]],
) -> None:
    moves = [
        ComponentMove(f"k{i}", w, "up" if up else "down", now, prev)
        for i, (w, up, now, prev, _) in enumerate(rows)
    ]
    base = {f"k{i}": b for i, (*_, b) in enumerate(rows)}
    i_now, i_prev = _index(moves, True, base), _index(moves, False, base)
    out = decompose_index(moves, i_now, i_prev)
    total = sum(c.log_change or 0 for c in out)
    assert total == pytest.approx(math.log(i_now / i_prev), abs=1e-9)
    if all(c.share is not None for c in out):
        assert sum(c.points or 0 for c in out) == pytest.approx(i_now - i_prev, abs=1e-6)


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([("a", 0.1), ("b", -0.3), ("c", 0.2)], ["b", "c", "a"]),
        ([("a", None), ("b", 0.0), ("c", None)], ["b", "a", "c"]),
        ([("a", 0.2), ("b", -0.2)], ["a", "b"]),  # ties keep config order
        ([], []),
    ],
)
def test_order_by_relative_change(
    items: list[tuple[str, float | None]], expected: list[str]
) -> None:
    assert order_by_relative_change(items) == expected
