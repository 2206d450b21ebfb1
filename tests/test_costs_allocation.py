"""Allocation of one pool (DESIGN §8), by hand-checkable cases and a property."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from headway.config.costs import AllocationMeter, CostPool
from headway.costs.allocation import allocate
from headway.costs.data import PoolCost
from headway.costs.rounding import round_to_cents, to_cents

D = Decimal


def _pool(*weights: tuple[str, str], split: str = "meters") -> CostPool:
    return CostPool(
        platform="obs",
        match="true",
        split=split,  # type: ignore[arg-type]
        allocation=[AllocationMeter(meter=m, weight=D(w)) for m, w in weights],
    )


def _cost(amount: str) -> PoolCost:
    return PoolCost(D(amount), D(amount), 1)


OBS = _pool(("logs", "0.6"), ("series", "0.3"), ("spans", "0.1"))


@pytest.mark.parametrize(
    ("pool", "amount", "usage", "expected", "unallocated"),
    [
        # logs: 60 over 40 GB (a 30, b 10); series: 30 over 40 (a 10, b 30); spans unused.
        (
            OBS,
            "100",
            {"a": {"logs": D(30), "series": D(10)}, "b": {"logs": D(10), "series": D(30)}},
            {"a": D("52.50"), "b": D("37.50")},
            D("10.00"),
        ),
        # a single tenant using every meter carries the whole pool
        (
            OBS,
            "100",
            {"a": {"logs": D(1), "series": D(2), "spans": D(3)}},
            {"a": D("100.00")},
            D("0.00"),
        ),
        # weights: logs 0.75, series 0.25; a has all logs, b all series
        (
            _pool(("logs", "0.75"), ("series", "0.25")),
            "80",
            {"a": {"logs": D(5)}, "b": {"series": D(7)}},
            {"a": D("60.00"), "b": D("20.00")},
            D("0.00"),
        ),
        # a meter nobody used leaves its whole part unallocated
        (
            _pool(("logs", "0.5"), ("spans", "0.5")),
            "10",
            {"a": {"logs": D(1)}},
            {"a": D("5.00")},
            D("5.00"),
        ),
        # even split across the active tenants; c has no usage, so it is not active
        (
            _pool(split="even"),
            "100",
            {"a": {"x": D(1)}, "b": {"y": D(9)}, "c": {"x": D(0)}, "d": {"x": D(2)}},
            {"a": D("33.34"), "b": D("33.33"), "d": D("33.33")},
            D("0.00"),
        ),
        # an even pool without any active tenant stays unallocated
        (_pool(split="even"), "12.5", {}, {}, D("12.50")),
        # cents add up: 0.10 in thirds
        (
            _pool(("logs", "1")),
            "0.10",
            {"a": {"logs": D(1)}, "b": {"logs": D(1)}, "c": {"logs": D(1)}},
            {"a": D("0.04"), "b": D("0.03"), "c": D("0.03")},
            D("0.00"),
        ),
        # a credit (negative pool) is split the same way
        (
            _pool(("logs", "1")),
            "-1",
            {"a": {"logs": D(1)}, "b": {"logs": D(1)}, "c": {"logs": D(1)}},
            {"a": D("-0.33"), "b": D("-0.33"), "c": D("-0.34")},
            D("0.00"),
        ),
    ],
)
def test_allocation_cases(
    pool: CostPool,
    amount: str,
    usage: dict[str, dict[str, Decimal]],
    expected: dict[str, Decimal],
    unallocated: Decimal,
) -> None:
    result = allocate(pool, _cost(amount), usage)
    assert {t: a.allocated for t, a in result.tenants.items()} == expected
    assert result.unallocated == unallocated
    assert result.allocated + result.unallocated == to_cents(D(amount))


def test_meter_lines_and_shares() -> None:
    usage = {"a": {"logs": D(30), "series": D(10)}, "b": {"logs": D(10), "series": D(30)}}
    result = allocate(OBS, _cost("100"), usage)
    lines = {m.meter: m for m in result.meters}
    assert lines["logs"].unit_cost == D("1.5")  # 60 / 40
    assert lines["series"].unit_cost == D("0.75")  # 30 / 40
    assert lines["spans"].unit_cost is None
    assert (lines["spans"].allocated, lines["spans"].unallocated) == (D("0.00"), D("10.00"))
    assert (lines["logs"].allocated, lines["logs"].unallocated) == (D("60.00"), D("0.00"))
    # share = Σ w·q/Q = 0.6·30/40 + 0.3·10/40 = 0.525
    assert result.tenants["a"].share == D("0.525")
    assert result.tenants["b"].share == D("0.375")


@pytest.mark.parametrize(
    ("parts", "total", "expected"),
    [
        ({"a": D("1.005"), "b": D("1.005")}, D("2.01"), {"a": D("1.01"), "b": D("1.00")}),
        (
            {"a": D("0.333"), "b": D("0.333"), "c": D("0.334")},
            D("1.00"),
            {"a": D("0.33"), "b": D("0.33"), "c": D("0.34")},
        ),
        ({"a": D("5")}, D("5.00"), {"a": D("5.00")}),
        ({}, D("0"), {}),
    ],
)
def test_round_to_cents(
    parts: dict[str, Decimal], total: Decimal, expected: dict[str, Decimal]
) -> None:
    assert round_to_cents(parts, total) == expected


_quantity = st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False)
_usage = st.dictionaries(
    st.sampled_from(["a", "b", "c", "d", "e"]),
    st.dictionaries(st.sampled_from(["logs", "series", "spans", "other"]), _quantity),
    max_size=5,
)


@settings(max_examples=200, deadline=None)
@given(
    amount=st.decimals(min_value=-(10**5), max_value=10**7, places=11, allow_nan=False),
    usage=_usage,
    split=st.sampled_from(["meters", "even"]),
    cut=st.integers(min_value=1, max_value=99),
)
def test_allocated_plus_unallocated_is_the_pool_to_the_cent(
    amount: Decimal, usage: dict[str, dict[str, Decimal]], split: str, cut: int
) -> None:
    w1 = D(cut) / 100
    pool = _pool(("logs", str(w1)), ("spans", str(1 - w1)), split=split)
    result = allocate(pool, PoolCost(amount, amount, 1), usage)
    assert result.allocated + result.unallocated == to_cents(amount)
    exact = {t: sum(a.by_meter.values(), D(0)) for t, a in result.tenants.items()}
    for tenant, alloc in result.tenants.items():
        assert abs(alloc.allocated - exact[tenant]) < D("0.01")
        assert alloc.allocated == alloc.allocated.quantize(D("0.01"))
