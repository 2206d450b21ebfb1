"""Periods: labels, fiscal years, ISO weeks, DST days, completeness."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from headway.errors import QueryError
from headway.periods import (
    GRAINS,
    Period,
    is_shorter,
    latest_complete,
    parse_period,
    period_of,
    periods_between,
    periods_in,
)

LA = ZoneInfo("America/Los_Angeles")
D = dt.date


@pytest.mark.parametrize(
    ("label", "fsm", "grain", "start", "end", "canonical"),
    [
        ("2026-11-30", 1, "day", D(2026, 11, 30), D(2026, 12, 1), "2026-11-30"),
        ("2026-W48", 1, "week", D(2026, 11, 23), D(2026, 11, 30), "2026-W48"),
        ("2020-W53", 1, "week", D(2020, 12, 28), D(2021, 1, 4), "2020-W53"),
        ("2026-W53", 1, "week", D(2026, 12, 28), D(2027, 1, 4), "2026-W53"),
        ("2027-W01", 1, "week", D(2027, 1, 4), D(2027, 1, 11), "2027-W01"),
        ("2025-W01", 1, "week", D(2024, 12, 30), D(2025, 1, 6), "2025-W01"),
        ("2026-11", 1, "month", D(2026, 11, 1), D(2026, 12, 1), "2026-11"),
        ("2026-12", 1, "month", D(2026, 12, 1), D(2027, 1, 1), "2026-12"),
        ("2026-Q4", 1, "quarter", D(2026, 10, 1), D(2027, 1, 1), "2026-Q4"),
        ("2026", 1, "year", D(2026, 1, 1), D(2027, 1, 1), "2026"),
        ("FY2027-Q1", 7, "quarter", D(2026, 7, 1), D(2026, 10, 1), "FY2027-Q1"),
        ("FY2027-Q2", 7, "quarter", D(2026, 10, 1), D(2027, 1, 1), "FY2027-Q2"),
        ("FY2027-Q4", 7, "quarter", D(2027, 4, 1), D(2027, 7, 1), "FY2027-Q4"),
        ("FY2027", 7, "year", D(2026, 7, 1), D(2027, 7, 1), "FY2027"),
        ("FY2026-Q1", 2, "quarter", D(2025, 2, 1), D(2025, 5, 1), "FY2026-Q1"),
        # calendar labels stay calendar in a fiscal workspace
        ("2026-Q4", 7, "quarter", D(2026, 10, 1), D(2027, 1, 1), "2026-Q4"),
        ("2026", 7, "year", D(2026, 1, 1), D(2027, 1, 1), "2026"),
        # with a January fiscal year, FY labels are calendar periods
        ("FY2026-Q3", 1, "quarter", D(2026, 7, 1), D(2026, 10, 1), "2026-Q3"),
        ("FY2026", 1, "year", D(2026, 1, 1), D(2027, 1, 1), "2026"),
    ],
)
def test_parse_period(
    label: str, fsm: int, grain: str, start: dt.date, end: dt.date, canonical: str
) -> None:
    p = parse_period(label, fsm)
    assert (p.grain, p.start, p.end, p.label) == (grain, start, end, canonical)


@pytest.mark.parametrize(
    "label", ["2026-W54", "2025-W53", "2026-13", "2026-02-30", "2026-Q5", "FY27", "nov", ""]
)
def test_bad_label_names_the_forms(label: str) -> None:
    with pytest.raises(QueryError, match=r"is not a period; use 2026-11-30 \(day\), 2026-W48"):
        parse_period(label)


@pytest.mark.parametrize(
    ("day", "grain", "fsm", "label"),
    [
        (D(2024, 12, 30), "week", 1, "2025-W01"),
        (D(2021, 1, 3), "week", 1, "2020-W53"),
        (D(2026, 7, 1), "quarter", 7, "FY2027-Q1"),
        (D(2026, 6, 30), "quarter", 7, "FY2026-Q4"),
        (D(2026, 6, 30), "year", 7, "FY2026"),
        (D(2026, 7, 1), "year", 7, "FY2027"),
        (D(2026, 12, 31), "quarter", 1, "2026-Q4"),
        (D(2026, 1, 31), "quarter", 2, "FY2026-Q4"),
    ],
)
def test_period_of(day: dt.date, grain: str, fsm: int, label: str) -> None:
    assert period_of(day, grain, fsm).label == label


@pytest.mark.parametrize(
    ("label", "hours", "start_offset"),
    [
        ("2026-03-08", 23, -8),  # spring forward: PST midnight to PDT midnight
        ("2026-11-01", 25, -7),  # fall back: PDT midnight to PST midnight
        ("2026-03-09", 24, -7),
        ("2026-03", 743, -8),
    ],
)
def test_dst_days_in_los_angeles(label: str, hours: int, start_offset: int) -> None:
    p = parse_period(label)
    span = p.end_at(LA).astimezone(dt.UTC) - p.start_at(LA).astimezone(dt.UTC)
    assert span == dt.timedelta(hours=hours)
    assert p.start_at(LA).utcoffset() == dt.timedelta(hours=start_offset)


@pytest.mark.parametrize(
    ("label", "fsm", "prev", "nxt"),
    [
        ("2026-01-01", 1, "2025-12-31", "2026-01-02"),
        ("2027-W01", 1, "2026-W53", "2027-W02"),
        ("2026-01", 1, "2025-12", "2026-02"),
        ("2026-Q1", 1, "2025-Q4", "2026-Q2"),
        ("FY2027-Q1", 7, "FY2026-Q4", "FY2027-Q2"),
        ("FY2027", 7, "FY2026", "FY2028"),
        ("2026", 1, "2025", "2027"),
    ],
)
def test_previous_and_next(label: str, fsm: int, prev: str, nxt: str) -> None:
    p = parse_period(label, fsm)
    assert (p.previous().label, p.next().label) == (prev, nxt)


@pytest.mark.parametrize(
    ("as_of", "grain", "fsm", "label"),
    [
        # 2026-12-01 00:00 in Los Angeles is 08:00 UTC
        (dt.datetime(2026, 12, 1, 8, tzinfo=dt.UTC), "month", 1, "2026-11"),
        (dt.datetime(2026, 12, 1, 7, 59, tzinfo=dt.UTC), "month", 1, "2026-10"),
        (dt.datetime(2026, 12, 1, 8, tzinfo=dt.UTC), "day", 1, "2026-11-30"),
        (dt.datetime(2026, 12, 2, 12, tzinfo=dt.UTC), "week", 1, "2026-W48"),
        (dt.datetime(2026, 12, 1, 8, tzinfo=dt.UTC), "quarter", 7, "FY2027-Q1"),
        (dt.datetime(2027, 1, 1, 8, tzinfo=dt.UTC), "quarter", 1, "2026-Q4"),
        (dt.datetime(2027, 1, 1, 8, tzinfo=dt.UTC), "year", 1, "2026"),
    ],
)
def test_latest_complete(as_of: dt.datetime, grain: str, fsm: int, label: str) -> None:
    assert latest_complete(grain, as_of, LA, fsm).label == label


def test_periods_in_weeks_belong_to_their_monday() -> None:
    # 2026-11-30 is a Monday: W49 belongs to November although it ends in December.
    weeks = [p.label for p in periods_in(parse_period("2026-11"), "week")]
    assert weeks == ["2026-W45", "2026-W46", "2026-W47", "2026-W48", "2026-W49"]
    assert periods_in(parse_period("2026-12"), "week")[0].label == "2026-W50"


def test_periods_in_fiscal_year_and_same_grain() -> None:
    quarters = [p.label for p in periods_in(parse_period("FY2027", 7), "quarter")]
    assert quarters == ["FY2027-Q1", "FY2027-Q2", "FY2027-Q3", "FY2027-Q4"]
    assert periods_in(parse_period("2026-11"), "month") == [parse_period("2026-11")]
    assert len(periods_in(parse_period("2028"), "day")) == 366
    with pytest.raises(QueryError, match=r"a month \(2026-11\) holds no whole quarter"):
        periods_in(parse_period("2026-11"), "quarter")


def test_periods_between() -> None:
    labels = [p.label for p in periods_between(parse_period("2026-W52"), parse_period("2027-W02"))]
    assert labels == ["2026-W52", "2026-W53", "2027-W01", "2027-W02"]
    with pytest.raises(QueryError, match="2026-12 comes after 2026-11; swap them"):
        periods_between(parse_period("2026-12"), parse_period("2026-11"))
    with pytest.raises(QueryError, match="2026-11 is a month but 2026 is a year"):
        periods_between(parse_period("2026-11"), parse_period("2026"))


def test_grains_order() -> None:
    assert GRAINS == ("day", "week", "month", "quarter", "year")
    assert is_shorter("day", "month")
    assert not is_shorter("month", "month")
    assert not is_shorter("year", "week")


@given(
    st.dates(min_value=D(1990, 1, 1), max_value=D(2100, 12, 31)),
    st.sampled_from(GRAINS),
    st.integers(1, 12),
)
def test_period_of_round_trips(day: dt.date, grain: str, fsm: int) -> None:
    p = period_of(day, grain, fsm)
    assert p.start <= day < p.end
    assert parse_period(p.label, fsm) == p
    assert p.next().start == p.end
    assert p.previous().end == p.start


def test_period_is_hashable_and_frozen() -> None:
    p = parse_period("2026-11")
    assert {p: 1}[Period("month", "2026-11", D(2026, 11, 1), D(2026, 12, 1))] == 1
