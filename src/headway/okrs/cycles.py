"""OKR cycles: a cycle is a quarter, calendar (``2026-Q2``) or fiscal (``FY2027-Q1``)."""

from __future__ import annotations

import datetime as dt

from headway.errors import HeadwayError, QueryError
from headway.periods import Period, parse_period, period_of

__all__ = ["current_cycle", "parse_cycle", "try_parse_cycle"]


def try_parse_cycle(label: str, fiscal_year_start_month: int = 1) -> Period | None:
    """The quarter named by ``label``, or None when it is not a quarter label."""
    try:
        period = parse_period(label, fiscal_year_start_month)
    except QueryError:
        return None
    return period if period.grain == "quarter" else None


def parse_cycle(label: str, fiscal_year_start_month: int = 1) -> Period:
    """The quarter named by ``label``; HeadwayError saying which forms work otherwise."""
    period = try_parse_cycle(label, fiscal_year_start_month)
    if period is None:
        example = "FY2027-Q1" if fiscal_year_start_month != 1 else "2026-Q2"
        raise HeadwayError(f"{label!r} is not an OKR cycle; a cycle is a quarter such as {example}")
    return period


def current_cycle(as_of: dt.datetime, tz: dt.tzinfo, fiscal_year_start_month: int = 1) -> Period:
    """The quarter (fiscal when the year does not start in January) holding ``as_of``."""
    return period_of(as_of.astimezone(tz).date(), "quarter", fiscal_year_start_month)
