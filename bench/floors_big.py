"""The same scorecard numbers as Headway's, for the large workspace, computed two other ways.

- :func:`by_sql`: hand-written DuckDB SQL, as an expert would write it for exactly these
  numbers (the floor): three scans of the year (distinct actors per local day, distinct
  actors and tenants per month, SDK downloads per month), local days found by a hash join
  on the UTC hour, and three small queries over November (coverage of the shown periods
  only, the org and SDK breakdowns).
- :func:`by_pandas`: what a platform team writes in a notebook: read the columns into a
  DataFrame, convert the time zone, ``groupby`` per KPI; coverage for the shown periods
  only.

Both return :data:`Numbers`: per KPI its period, value, previous value, rows, coverage,
breakdown and 12-period sparkline — exactly what the scorecard shows.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from zoneinfo import ZoneInfo

import duckdb
from scorecard_big import TZ

Numbers = dict[str, dict[str, Any]]

_Z = ZoneInfo(TZ)
MONTHS = [f"{y}-{m:02d}" for y, m in [(2025, 12), *((2026, m) for m in range(1, 12))]]
DAYS = [(dt.date(2026, 11, 19) + dt.timedelta(days=i)).isoformat() for i in range(12)]
WEEKS = [f"2026-W{w:02d}" for w in range(37, 49)]


def _at(day: str) -> str:
    """Midnight of ``day`` in the workspace time zone, as a TIMESTAMPTZ literal."""
    moment = dt.datetime.combine(dt.date.fromisoformat(day), dt.time(), tzinfo=_Z)
    return f"TIMESTAMPTZ '{moment.isoformat()}'"


LO, HI, NOV = _at("2025-12-01"), _at("2026-12-01"), _at("2026-11-01")
# the shown week (2026-W48: Monday 23 to Sunday 29 November) and the shown day
WEEK, DAY = _at("2026-11-23"), _at("2026-11-30")


def card(
    labels: list[str],
    values: dict[str, float],
    rows: int,
    coverage: float | None,
    breakdown: dict[str, float] | None = None,
) -> dict[str, Any]:
    spark = [[lb, values.get(lb)] for lb in labels]
    return {
        "period": labels[-1],
        "value": spark[-1][1],
        "previous_period": labels[-2],
        "previous_value": spark[-2][1],
        "rows": rows,
        "coverage": coverage,
        "breakdown": sorted([k, v] for k, v in (breakdown or {}).items()),
        "sparkline": spark,
    }


def coverage(reporting: int, known: int, naming: int) -> float | None:
    """Known tenants reporting ÷ known tenants; none when no row names a tenant."""
    return reporting / known if naming else None


# --- hand-written SQL -------------------------------------------------------------------
def _q(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple[Any, ...]]:
    return con.execute(sql).fetchall()


# Every UTC hour of the year with its local day and month: America/Los_Angeles is a whole
# number of hours from UTC all year, so each UTC hour lies in one local day. Rows find
# their period by an integer hash join on their UTC hour, and group by the hour's label:
# several times cheaper than converting (or formatting) every row with
# ``timezone(tz, time)`` (``bench/experiment_floor_sql.py``).
_HOURS = f"""hours AS (
    SELECT CAST(epoch(h) AS BIGINT) // 3600 AS hour, CAST(timezone('{TZ}', h) AS DATE) AS day,
           strftime(timezone('{TZ}', h), '%Y-%m') AS month
    FROM range({LO}, {HI}, INTERVAL 1 HOUR) r(h))"""
_ON_HOUR = "JOIN hours ON epoch_us(e.time) // 3600000000 = hours.hour"
_LOGINS = f"e.event = 'login' AND e.time >= {LO} AND e.time < {HI}"
_KNOWN = "tenant IN (SELECT tenant FROM tenants)"


def by_sql(con: duckdb.DuckDBPyConnection) -> Numbers:
    """Exactly the numbers shown: distinct actors per local day (daily actives' sparkline
    and the stickiness numerator; login counts per day and ISO week come along),
    distinct actors and tenants per month, SDK downloads per month; over November only,
    downloads by SDK, coverage of the shown month, day (30 Nov) and week (W48), and
    tenants by org."""
    [(known_tenants,)] = _q(con, "SELECT count(DISTINCT tenant) FROM tenants")
    daily = _q(
        con,
        f"""
        WITH {_HOURS},
        daily AS (SELECT hours.day, count(DISTINCT e.actor) AS dau, count(*) AS n
                  FROM events e {_ON_HOUR} WHERE {_LOGINS} GROUP BY hours.day),
        calendar AS (SELECT DISTINCT day FROM hours)
        SELECT strftime(day, '%Y-%m-%d'), coalesce(dau, 0), coalesce(n, 0),
               avg(coalesce(dau, 0)) OVER (PARTITION BY date_trunc('month', day)),
               strftime(day, '%G-W%V') AS week, sum(coalesce(n, 0)) OVER (PARTITION BY week)
        FROM calendar LEFT JOIN daily USING (day)""",
    )
    monthly = _q(
        con,
        f"""
        WITH {_HOURS}
        SELECT hours.month, count(DISTINCT e.actor), count(DISTINCT e.tenant), count(*)
        FROM events e {_ON_HOUR} WHERE {_LOGINS} GROUP BY hours.month""",
    )
    sdk = _q(
        con,
        f"""
        WITH {_HOURS}
        SELECT hours.month, count(*) FROM events e {_ON_HOUR}
        WHERE e.event = 'sdk_download' AND e.time >= {LO} AND e.time < {HI} GROUP BY hours.month""",
    )
    sdk_by = _q(
        con,
        f"""
        SELECT attributes ->> 'sdk', count(*) FROM events
        WHERE event = 'sdk_download' AND time >= {NOV} AND time < {HI} GROUP BY ALL""",
    )
    shown = _q(
        con,
        f"""
        SELECT count(DISTINCT tenant) FILTER (event = 'login' AND {_KNOWN}),
               count(DISTINCT tenant) FILTER (event = 'login' AND time >= {DAY} AND {_KNOWN}),
               count(DISTINCT tenant) FILTER (event = 'login' AND time >= {WEEK}
                                              AND time < {DAY} AND {_KNOWN}),
               count(tenant) FILTER (event = 'sdk_download'),
               count(DISTINCT tenant) FILTER (event = 'sdk_download' AND {_KNOWN})
        FROM events WHERE time >= {NOV} AND time < {HI}""",
    )[0]
    orgs = _q(
        con,
        f"""
        SELECT tn.org, count(DISTINCT e.tenant) FROM events e LEFT JOIN tenants tn USING (tenant)
        WHERE e.event = 'login' AND e.time >= {NOV} AND e.time < {HI} GROUP BY tn.org""",
    )
    return _assemble(known_tenants, daily, monthly, sdk, sdk_by, shown, orgs)


def _assemble(
    known_tenants: int,
    daily: list[tuple[Any, ...]],
    monthly: list[tuple[Any, ...]],
    sdk: list[tuple[Any, ...]],
    sdk_by: list[tuple[Any, ...]],
    shown: tuple[Any, ...],
    orgs: list[tuple[Any, ...]],
) -> Numbers:
    d = {r[0]: r[1:] for r in daily}  # dau, n, month mean of dau, week, week's n
    month_dau = {day[:7]: r[2] for day, r in d.items()}
    week_n = {r[3]: r[4] for r in d.values()}
    m = {r[0]: r[1:] for r in monthly}  # mau, tenants, n
    sdk_m = dict(sdk)
    month_known, day_known, week_known, sdk_naming, sdk_known = shown
    nov = m["2026-11"]
    return {
        "active_tenants": card(
            MONTHS,
            {k: float(v[1]) for k, v in m.items()},
            nov[2],
            month_known / known_tenants,
            {str(o): float(n) for o, n in orgs},
        ),
        "daily_active_users": card(
            DAYS, {k: float(v[0]) for k, v in d.items()}, d[DAYS[-1]][1], day_known / known_tenants
        ),
        "monthly_active_users": card(
            MONTHS, {k: float(v[0]) for k, v in m.items()}, nov[2], month_known / known_tenants
        ),
        "stickiness": card(
            MONTHS, {k: month_dau[k] / v[0] for k, v in m.items()}, 2 * nov[2], None
        ),
        "weekly_logins": card(
            WEEKS,
            {k: float(n) for k, n in week_n.items()},
            week_n[WEEKS[-1]],
            week_known / known_tenants,
        ),
        "sdk_downloads": card(
            MONTHS,
            {k: float(n) for k, n in sdk_m.items()},
            sdk_m["2026-11"],
            coverage(sdk_known, known_tenants, sdk_naming),
            {str(k): float(n) for k, n in sdk_by},
        ),
    }


# --- pandas -----------------------------------------------------------------------------
def by_pandas(con: duckdb.DuckDBPyConnection) -> Numbers:
    """Read the columns, convert the time zone, one ``groupby`` per KPI; coverage only for
    the shown periods."""
    import pandas as pd

    df = con.execute("SELECT time, event, tenant, actor, attributes FROM events").df()
    tenants = con.execute("SELECT tenant, org FROM tenants").df()
    known = set(tenants["tenant"])
    local = df["time"].dt.tz_convert(TZ).dt.tz_localize(None)
    df["day"] = local.dt.normalize()
    df["month"] = local.dt.to_period("M")
    df["week"] = local.dt.to_period("W-SUN")

    def reporting(frame: pd.DataFrame) -> int:
        """Known tenants with a row in ``frame``."""
        return int(frame.loc[frame["tenant"].isin(known), "tenant"].nunique())

    logins = df[df["event"] == "login"]
    months = logins.groupby("month").agg(
        actors=("actor", "nunique"), tenants=("tenant", "nunique"), n=("event", "size")
    )
    months.index = months.index.astype(str)
    days = (
        logins.groupby("day")
        .agg(actors=("actor", "nunique"), n=("event", "size"))
        .reindex(pd.date_range("2025-12-01", "2026-11-30"), fill_value=0)
    )
    dau_mean = days["actors"].groupby(days.index.to_period("M")).mean()
    dau_mean.index = dau_mean.index.astype(str)
    days.index = days.index.strftime("%Y-%m-%d")
    weeks = logins.groupby("week").size()
    weeks.index = [
        f"{p.start_time.isocalendar()[0]}-W{p.start_time.isocalendar()[1]:02d}" for p in weeks.index
    ]
    downloads = df[df["event"] == "sdk_download"]
    sdk = downloads.groupby("month").size()
    sdk.index = sdk.index.astype(str)

    nov = pd.Period("2026-11", "M")
    nov_logins = logins[logins["month"] == nov]
    day_logins = nov_logins[nov_logins["day"] == pd.Timestamp(DAYS[-1])]
    week_logins = nov_logins[nov_logins["week"] == pd.Period("2026-11-23", "W-SUN")]
    nov_sdk = downloads[downloads["month"] == nov]
    by_sdk = nov_sdk["attributes"].map(json.loads).str["sdk"].value_counts()
    by_org = (
        nov_logins.merge(tenants, on="tenant", how="left")
        .groupby("org", dropna=False)["tenant"]
        .nunique()
    )
    kt = len(known)

    def col(series: pd.Series) -> dict[str, float]:
        return {str(k): float(v) for k, v in series.items()}

    n_nov = len(nov_logins)
    return {
        "active_tenants": card(
            MONTHS,
            col(months["tenants"]),
            n_nov,
            reporting(nov_logins) / kt,
            {str(None if pd.isna(k) else k): float(v) for k, v in by_org.items()},
        ),
        "daily_active_users": card(
            DAYS, col(days["actors"]), len(day_logins), reporting(day_logins) / kt
        ),
        "monthly_active_users": card(
            MONTHS, col(months["actors"]), n_nov, reporting(nov_logins) / kt
        ),
        "stickiness": card(
            MONTHS,
            {k: float(dau_mean[k] / v) for k, v in months["actors"].items()},
            2 * n_nov,
            None,
        ),
        "weekly_logins": card(WEEKS, col(weeks), len(week_logins), reporting(week_logins) / kt),
        "sdk_downloads": card(
            MONTHS,
            col(sdk),
            len(nov_sdk),
            coverage(reporting(nov_sdk), kt, int(nov_sdk["tenant"].count())),
            col(by_sdk),
        ),
    }
