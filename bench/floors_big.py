"""The same scorecard numbers as Headway's, for the large workspace, computed two other ways.

- :func:`by_sql`: hand-written DuckDB SQL, as an expert would write it for these KPIs:
  five queries, periods cut with ``date_trunc`` on ``timezone(tz, time)``.
- :func:`by_pandas`: what a platform team writes in a notebook: read the columns into a
  DataFrame, convert the time zone, ``groupby`` per KPI.

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


LO, HI, NOV, WEEK_LO = _at("2025-12-01"), _at("2026-12-01"), _at("2026-11-01"), _at("2026-09-07")


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


_KNOWN = "count(DISTINCT tenant) FILTER (WHERE tenant IN (SELECT tenant FROM tenants))"


def by_sql(con: duckdb.DuckDBPyConnection) -> Numbers:
    [(known_tenants,)] = _q(con, "SELECT count(DISTINCT tenant) FROM tenants")
    logins = f"FROM events WHERE event = 'login' AND time >= {LO} AND time < {HI}"
    monthly = _q(
        con,
        f"""
        SELECT strftime(date_trunc('month', timezone('{TZ}', time)), '%Y-%m') AS month,
               count(DISTINCT actor), count(DISTINCT tenant), count(*), {_KNOWN}
        {logins} GROUP BY date_trunc('month', timezone('{TZ}', time))""",
    )
    daily = _q(
        con,
        f"""
        WITH daily AS (
            SELECT CAST(timezone('{TZ}', time) AS DATE) AS day, count(DISTINCT actor) AS dau,
                   count(*) AS n, {_KNOWN} AS known
            {logins} GROUP BY day),
        calendar AS (SELECT CAST(d AS DATE) AS day
                     FROM range(DATE '2025-12-01', DATE '2026-12-01', INTERVAL 1 DAY) r(d))
        SELECT strftime(day, '%Y-%m-%d'), coalesce(dau, 0), coalesce(n, 0), coalesce(known, 0),
               avg(coalesce(dau, 0)) OVER (PARTITION BY date_trunc('month', day))
        FROM calendar LEFT JOIN daily USING (day)""",
    )
    weekly = _q(
        con,
        f"""
        SELECT strftime(date_trunc('week', timezone('{TZ}', time)), '%G-W%V'), count(*), {_KNOWN}
        FROM events WHERE event = 'login' AND time >= {WEEK_LO} AND time < {HI}
        GROUP BY date_trunc('week', timezone('{TZ}', time))""",
    )
    sdk = _q(
        con,
        f"""
        SELECT strftime(date_trunc('month', timezone('{TZ}', time)), '%Y-%m') AS month,
               attributes ->> 'sdk' AS sdk, count(*), {_KNOWN}, GROUPING(sdk), count(tenant)
        FROM events WHERE event = 'sdk_download' AND time >= {LO} AND time < {HI}
        GROUP BY GROUPING SETS ((date_trunc('month', timezone('{TZ}', time))),
                                (date_trunc('month', timezone('{TZ}', time)), sdk))""",
    )
    orgs = _q(
        con,
        f"""
        SELECT tn.org, count(DISTINCT e.tenant) FROM events e LEFT JOIN tenants tn USING (tenant)
        WHERE e.event = 'login' AND e.time >= {NOV} AND e.time < {HI} GROUP BY tn.org""",
    )
    return _assemble(known_tenants, monthly, daily, weekly, sdk, orgs)


def _assemble(
    known_tenants: int,
    monthly: list[tuple[Any, ...]],
    daily: list[tuple[Any, ...]],
    weekly: list[tuple[Any, ...]],
    sdk: list[tuple[Any, ...]],
    orgs: list[tuple[Any, ...]],
) -> Numbers:
    m = {r[0]: r[1:] for r in monthly}  # mau, tenants, n, known
    d = {r[0]: r[1:] for r in daily}  # dau, n, known, month mean of dau
    month_dau = {day[:7]: r[3] for day, r in d.items()}
    w = {r[0]: r[1:] for r in weekly}  # n, known
    sdk_m = {r[0]: (r[2], r[3], r[5]) for r in sdk if r[4] == 1}  # n, known, naming a tenant
    sdk_by = {str(r[1]): float(r[2]) for r in sdk if r[4] == 0 and r[0] == "2026-11"}
    nov, day, week = m["2026-11"], d[DAYS[-1]], w[WEEKS[-1]]
    return {
        "active_tenants": card(
            MONTHS,
            {k: float(v[1]) for k, v in m.items()},
            nov[2],
            nov[3] / known_tenants,
            {str(o): float(n) for o, n in orgs},
        ),
        "daily_active_users": card(
            DAYS, {k: float(v[0]) for k, v in d.items()}, day[1], day[2] / known_tenants
        ),
        "monthly_active_users": card(
            MONTHS, {k: float(v[0]) for k, v in m.items()}, nov[2], nov[3] / known_tenants
        ),
        "stickiness": card(
            MONTHS, {k: month_dau[k] / v[0] for k, v in m.items()}, 2 * nov[2], None
        ),
        "weekly_logins": card(
            WEEKS, {k: float(v[0]) for k, v in w.items()}, week[0], week[1] / known_tenants
        ),
        "sdk_downloads": card(
            MONTHS,
            {k: float(v[0]) for k, v in sdk_m.items()},
            sdk_m["2026-11"][0],
            coverage(sdk_m["2026-11"][1], known_tenants, sdk_m["2026-11"][2]),
            sdk_by,
        ),
    }


# --- pandas -----------------------------------------------------------------------------
def by_pandas(con: duckdb.DuckDBPyConnection) -> Numbers:
    import pandas as pd

    df = con.execute("SELECT time, event, tenant, actor, attributes FROM events").df()
    tenants = con.execute("SELECT tenant, org FROM tenants").df()
    known = set(tenants["tenant"])
    local = df["time"].dt.tz_convert(TZ).dt.tz_localize(None)
    df["day"] = local.dt.normalize()
    df["month"] = local.dt.to_period("M")
    df["week"] = local.dt.to_period("W-SUN")
    df["known"] = df["tenant"].isin(known)

    def per(frame: pd.DataFrame, key: str) -> pd.DataFrame:
        out = frame.groupby(key).agg(
            actors=("actor", "nunique"),
            tenants=("tenant", "nunique"),
            n=("event", "size"),
            naming=("tenant", "count"),
        )
        out["known"] = frame[frame["known"]].groupby(key)["tenant"].nunique()
        return out.fillna({"known": 0})

    logins = df[df["event"] == "login"]
    months = per(logins, "month")
    months.index = months.index.astype(str)
    days = per(logins, "day").reindex(pd.date_range("2025-12-01", "2026-11-30"), fill_value=0)
    dau_mean = days["actors"].groupby(days.index.to_period("M")).mean()
    dau_mean.index = dau_mean.index.astype(str)
    days.index = days.index.strftime("%Y-%m-%d")
    weeks = per(logins, "week")
    weeks.index = [
        f"{p.start_time.isocalendar()[0]}-W{p.start_time.isocalendar()[1]:02d}" for p in weeks.index
    ]
    downloads = df[df["event"] == "sdk_download"]
    sdk = per(downloads, "month")
    sdk.index = sdk.index.astype(str)
    nov_sdk = downloads[downloads["month"] == pd.Period("2026-11", "M")]
    by_sdk = nov_sdk["attributes"].map(json.loads).str["sdk"].value_counts()
    nov_logins = logins[logins["month"] == pd.Period("2026-11", "M")]
    by_org = (
        nov_logins.merge(tenants, on="tenant", how="left")
        .groupby("org", dropna=False)["tenant"]
        .nunique()
    )
    kt = len(known)
    nov, day, week, sdk_nov = (
        months.loc["2026-11"],
        days.loc[DAYS[-1]],
        weeks.loc[WEEKS[-1]],
        sdk.loc["2026-11"],
    )

    def col(frame: pd.DataFrame, name: str) -> dict[str, float]:
        return {str(k): float(v) for k, v in frame[name].items()}

    return {
        "active_tenants": card(
            MONTHS,
            col(months, "tenants"),
            int(nov["n"]),
            nov["known"] / kt,
            {str(None if pd.isna(k) else k): float(v) for k, v in by_org.items()},
        ),
        "daily_active_users": card(DAYS, col(days, "actors"), int(day["n"]), day["known"] / kt),
        "monthly_active_users": card(
            MONTHS, col(months, "actors"), int(nov["n"]), nov["known"] / kt
        ),
        "stickiness": card(
            MONTHS,
            {k: float(dau_mean[k] / v) for k, v in months["actors"].items()},
            2 * int(nov["n"]),
            None,
        ),
        "weekly_logins": card(WEEKS, col(weeks, "n"), int(week["n"]), week["known"] / kt),
        "sdk_downloads": card(
            MONTHS,
            col(sdk, "n"),
            int(sdk_nov["n"]),
            coverage(int(sdk_nov["known"]), kt, int(sdk_nov["naming"])),
            {str(k): float(v) for k, v in by_sdk.items()},
        ),
    }
