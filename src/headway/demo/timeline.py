"""The demo's calendar: the 365 local days before the as-of, with weekends and holidays.

Every generator draws against the same :class:`Timeline`, so a login, a usage row and an
SLI bucket of the same day agree on whether it was a holiday. Times are generated as
local seconds of the day and turned into UTC with each day's offset at local noon; the
generators keep local times between 06:00 and 22:00, where that offset is exact even on
the two DST days of a year.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt

__all__ = ["DAYS", "Arr", "Timeline"]

Arr = npt.NDArray[Any]
DAYS = 365

#: Activity relative to an ordinary weekday.
WEEKEND_FACTOR = 0.07
HOLIDAY_FACTOR = 0.08
CHRISTMAS_WEEK_FACTOR = 0.3


def _thanksgiving(year: int) -> dt.date:
    first = dt.date(year, 11, 1)
    first_thursday = first + dt.timedelta(days=(3 - first.weekday()) % 7)
    return first_thursday + dt.timedelta(weeks=3)


def holidays(years: range) -> set[dt.date]:
    """A few fixed public holidays: New Year, Independence Day, Thanksgiving, Christmas."""
    out: set[dt.date] = set()
    for y in years:
        out |= {dt.date(y, 1, 1), dt.date(y, 7, 4), _thanksgiving(y), dt.date(y, 12, 25)}
    return out


@dataclass(frozen=True)
class Timeline:
    """The local days ``[as_of date − 365, as_of date)`` in the workspace time zone."""

    as_of: dt.datetime
    tz: ZoneInfo

    @cached_property
    def last_day(self) -> dt.date:
        return self.as_of.astimezone(self.tz).date() - dt.timedelta(days=1)

    @cached_property
    def first_day(self) -> dt.date:
        return self.last_day - dt.timedelta(days=DAYS - 1)

    @cached_property
    def dates(self) -> list[dt.date]:
        return [self.first_day + dt.timedelta(days=i) for i in range(DAYS)]

    @cached_property
    def days(self) -> Arr:
        """``datetime64[D]`` of every day."""
        return np.arange(np.datetime64(self.first_day, "D"), np.datetime64(self.last_day, "D") + 1)

    @cached_property
    def t(self) -> Arr:
        """Fraction of the year elapsed at each day, 0 … 1."""
        return np.arange(DAYS, dtype=np.float64) / (DAYS - 1)

    @cached_property
    def weekday(self) -> Arr:
        return np.array([d.weekday() for d in self.dates], dtype=np.int64)

    @cached_property
    def is_weekend(self) -> Arr:
        return np.asarray(self.weekday >= 5)

    @cached_property
    def is_holiday(self) -> Arr:
        hol = holidays(range(self.first_day.year, self.last_day.year + 1))
        return np.array([d in hol for d in self.dates], dtype=bool)

    @cached_property
    def is_christmas_week(self) -> Arr:
        return np.array([d.month == 12 and d.day >= 24 for d in self.dates], dtype=bool)

    @cached_property
    def activity(self) -> Arr:
        """How busy engineers are each day, 1 on an ordinary weekday."""
        f = np.ones(DAYS)
        f[self.is_christmas_week] = CHRISTMAS_WEEK_FACTOR
        f[self.is_weekend] = np.minimum(f[self.is_weekend], WEEKEND_FACTOR)
        f[self.is_holiday] = np.minimum(f[self.is_holiday], HOLIDAY_FACTOR)
        return f

    @cached_property
    def noon_offset(self) -> Arr:
        """UTC offset in seconds of each day at local noon."""
        out = []
        for d in self.dates:
            off = dt.datetime.combine(d, dt.time(12), tzinfo=self.tz).utcoffset()
            out.append(int(off.total_seconds()) if off else 0)
        return np.array(out, dtype=np.int64)

    @cached_property
    def epoch_midnight(self) -> Arr:
        """Epoch seconds of each local midnight as if the day were UTC (then shifted)."""
        return self.days.astype("datetime64[s]").astype(np.int64)

    def utc_epoch(self, day: Arr, seconds: Arr) -> Arr:
        """Epoch seconds (UTC) of local ``seconds`` after midnight of day index ``day``."""
        day = np.asarray(day, dtype=np.int64)
        local = self.epoch_midnight[day] + np.asarray(seconds).astype(np.int64)
        out: Arr = local - self.noon_offset[day]
        return out

    def month_starts(self) -> list[dt.date]:
        """First of each calendar month that the window touches."""
        out: list[dt.date] = []
        d = self.first_day.replace(day=1)
        while d <= self.last_day:
            out.append(d)
            d = (d + dt.timedelta(days=32)).replace(day=1)
        return out

    def quarters(self) -> list[tuple[str, dt.date, dt.date]]:
        """Calendar quarters (label, first day, last day) that the window touches."""
        out: list[tuple[str, dt.date, dt.date]] = []
        first = self.first_day
        start = dt.date(first.year, 3 * ((first.month - 1) // 3) + 1, 1)
        while start <= self.last_day:
            nxt = (start + dt.timedelta(days=95)).replace(day=1)
            label = f"{start.year}-Q{(start.month - 1) // 3 + 1}"
            out.append((label, start, nxt - dt.timedelta(days=1)))
            start = nxt
        return out

    def full_quarters(self) -> list[tuple[str, dt.date, dt.date]]:
        """Quarters wholly inside the window."""
        return [q for q in self.quarters() if q[1] >= self.first_day and q[2] <= self.last_day]

    def complete_quarters(self) -> list[tuple[str, dt.date, dt.date]]:
        """Quarters that ended by the as-of (they may start before the window)."""
        return [q for q in self.quarters() if q[2] <= self.last_day]

    def index_of(self, day: dt.date) -> int:
        return (day - self.first_day).days
