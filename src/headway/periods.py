"""Periods: grains, labels, fiscal years, and where a period starts and ends in a time zone.

Pure: no I/O. A :class:`Period` is a half-open range of local dates ``[start, end)``;
:meth:`Period.start_at` and :meth:`Period.end_at` give its bounds as aware local midnights,
so a Los Angeles day lasts 23 or 25 hours on DST days.

Decisions (see docs/kpis.md):

- Quarters and years are fiscal (``FY2027-Q2``, ``FY2027``) when ``fiscal_year_start_month``
  is not 1; a fiscal year is named by the calendar year in which it ends. Calendar labels
  (``2026-Q4``, ``2026``) always parse as calendar periods, in every workspace. With a
  fiscal year starting in January, ``FY2026`` is the calendar year ``2026``.
- A week belongs to a longer period when its Monday does (``periods_in``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from headway.errors import QueryError

__all__ = [
    "GRAINS",
    "Grain",
    "Period",
    "is_shorter",
    "latest_complete",
    "parse_period",
    "period_of",
    "periods_between",
    "periods_in",
]

Grain = Literal["day", "week", "month", "quarter", "year"]
GRAINS: tuple[Grain, ...] = ("day", "week", "month", "quarter", "year")

_FORMS = (
    "2026-11-30 (day), 2026-W48 (ISO week), 2026-11 (month), 2026-Q4 or FY2027-Q2 (quarter), "
    "2026 or FY2027 (year)"
)


def is_shorter(g1: str, g2: str) -> bool:
    """Whether grain ``g1`` is shorter than grain ``g2``."""
    return GRAINS.index(g1) < GRAINS.index(g2)


@dataclass(frozen=True)
class Period:
    """``[start, end)`` in local dates; ``fiscal_year_start_month`` names fiscal periods."""

    grain: Grain
    label: str
    start: dt.date
    end: dt.date
    fiscal_year_start_month: int = 1

    def start_at(self, tz: dt.tzinfo) -> dt.datetime:
        """The local midnight that opens the period."""
        return dt.datetime.combine(self.start, dt.time(), tzinfo=tz)

    def end_at(self, tz: dt.tzinfo) -> dt.datetime:
        """The local midnight that closes the period (excluded)."""
        return dt.datetime.combine(self.end, dt.time(), tzinfo=tz)

    def previous(self) -> Period:
        return period_of(self.start - dt.timedelta(days=1), self.grain, self._fy())

    def next(self) -> Period:
        return period_of(self.end, self.grain, self._fy())

    def contains(self, day: dt.date) -> bool:
        return self.start <= day < self.end

    def _fy(self) -> int:
        return self.fiscal_year_start_month

    def __str__(self) -> str:
        return self.label


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _day(day: dt.date) -> Period:
    return Period("day", day.isoformat(), day, day + dt.timedelta(days=1))


def _week(day: dt.date) -> Period:
    iso = day.isocalendar()
    monday = day - dt.timedelta(days=iso.weekday - 1)
    return Period("week", f"{iso.year}-W{iso.week:02d}", monday, monday + dt.timedelta(days=7))


def _month(day: dt.date) -> Period:
    start = day.replace(day=1)
    return Period("month", f"{start:%Y-%m}", start, _add_months(start, 1))


def _fiscal_start(day: dt.date, fsm: int) -> dt.date:
    """The first day of the (fiscal) year containing ``day``."""
    year = day.year if day.month >= fsm else day.year - 1
    return dt.date(year, fsm, 1)


def _quarter(day: dt.date, fsm: int) -> Period:
    year_start = _fiscal_start(day, fsm)
    months = (day.year - year_start.year) * 12 + day.month - year_start.month
    q = months // 3 + 1
    start = _add_months(year_start, (q - 1) * 3)
    end = _add_months(start, 3)
    if fsm == 1:
        return Period("quarter", f"{start.year}-Q{q}", start, end)
    return Period("quarter", f"FY{year_start.year + 1}-Q{q}", start, end, fsm)


def _year(day: dt.date, fsm: int) -> Period:
    start = _fiscal_start(day, fsm)
    end = _add_months(start, 12)
    if fsm == 1:
        return Period("year", str(start.year), start, end)
    return Period("year", f"FY{start.year + 1}", start, end, fsm)


def period_of(day: dt.date, grain: str, fiscal_year_start_month: int = 1) -> Period:
    """The period of ``grain`` that contains ``day``."""
    if grain == "day":
        return _day(day)
    if grain == "week":
        return _week(day)
    if grain == "month":
        return _month(day)
    if grain == "quarter":
        return _quarter(day, fiscal_year_start_month)
    if grain == "year":
        return _year(day, fiscal_year_start_month)
    raise QueryError(f"unknown grain {grain!r}; use one of {', '.join(GRAINS)}")


_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(\d{4})-(\d{2})-(\d{2})"), "day"),
    (re.compile(r"(\d{4})-W(\d{2})"), "week"),
    (re.compile(r"(\d{4})-(\d{2})"), "month"),
    (re.compile(r"(\d{4})-Q([1-4])"), "quarter"),
    (re.compile(r"FY(\d{4})-Q([1-4])"), "fiscal_quarter"),
    (re.compile(r"(\d{4})"), "year"),
    (re.compile(r"FY(\d{4})"), "fiscal_year"),
]


def _from_match(form: str, nums: list[int], fsm: int) -> Period:
    if form == "day":
        return _day(dt.date(nums[0], nums[1], nums[2]))
    if form == "week":
        return _week(dt.date.fromisocalendar(nums[0], nums[1], 1))
    if form == "month":
        return _month(dt.date(nums[0], nums[1], 1))
    if form == "quarter":
        return _quarter(dt.date(nums[0], nums[1] * 3 - 2, 1), 1)
    if form == "year":
        return _year(dt.date(nums[0], 1, 1), 1)
    # Fiscal: FY Y starts in month fsm of year Y − 1 (of Y itself when fsm is 1).
    first = dt.date(nums[0] - 1 if fsm != 1 else nums[0], fsm, 1)
    if form == "fiscal_year":
        return _year(first, fsm)
    return _quarter(_add_months(first, (nums[1] - 1) * 3), fsm)


def parse_period(label: str, fiscal_year_start_month: int = 1) -> Period:
    """A period from its label; QueryError listing the accepted forms when it does not parse."""
    text = label.strip()
    for pattern, form in _PATTERNS:
        m = pattern.fullmatch(text)
        if m is None:
            continue
        try:
            return _from_match(form, [int(g) for g in m.groups()], fiscal_year_start_month)
        except ValueError:
            break
    raise QueryError(f"{label!r} is not a period; use {_FORMS}")


def latest_complete(
    grain: str, as_of: dt.datetime, tz: dt.tzinfo, fiscal_year_start_month: int = 1
) -> Period:
    """The latest period of ``grain`` whose end (a local midnight in ``tz``) is ≤ ``as_of``."""
    local = as_of.astimezone(tz) if as_of.tzinfo else as_of.replace(tzinfo=tz)
    # The period holding as-of's local date ends after as-of; the one before it is complete.
    return period_of(local.date(), grain, fiscal_year_start_month).previous()


def periods_in(
    period: Period, grain: str, fiscal_year_start_month: int | None = None
) -> list[Period]:
    """The ``grain`` periods whose start falls inside ``period``, in order.

    A week belongs to the month (quarter, year) of its Monday, so the weeks of a month
    need not cover it exactly; that keeps every week in exactly one month.
    """
    if grain not in GRAINS:
        raise QueryError(f"unknown grain {grain!r}; use one of {', '.join(GRAINS)}")
    if is_shorter(period.grain, grain):
        raise QueryError(f"a {period.grain} ({period.label}) holds no whole {grain}")
    fsm = (
        period.fiscal_year_start_month
        if fiscal_year_start_month is None
        else fiscal_year_start_month
    )
    first = period_of(period.start, grain, fsm)
    if first.start < period.start:
        first = first.next()
    out: list[Period] = []
    current = first
    while current.start < period.end:
        out.append(current)
        current = current.next()
    return out


def periods_between(first: Period, last: Period) -> list[Period]:
    """``first``, …, ``last`` (inclusive) of one grain."""
    if first.grain != last.grain:
        raise QueryError(f"{first.label} is a {first.grain} but {last.label} is a {last.grain}")
    if last.start < first.start:
        raise QueryError(f"{first.label} comes after {last.label}; swap them")
    out = [first]
    while out[-1].start < last.start:
        out.append(out[-1].next())
    return out
