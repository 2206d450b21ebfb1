"""``usage``: metered use per tenant per day on the observability and CI/CD platforms.

Observability meters: ``logs_gb`` (weekday-shaped, growing; ten times the peers for the
noisy tenants; ×4 over the last five months for the fast-growing ones), ``metric_series``
(a gauge), ``spans_million`` and ``queries``: the dashboard queries of the ``query``
events plus the alert and recording rules the platform evaluates for the tenant. Rules
grow with the tenant's ordinary ingest, so ingest and use grow in step — except for the
fast growers, whose new data nobody reads, and the idle tenants, whose rules and
dashboards were deleted (0 queries from ``DemoOrg.unqueried_from`` on).

CI/CD meters (platform ``cicd``): ``build_minutes`` and ``cache_gb`` for the tenants of
``DemoOrg.cicd_teams``, sized against the CI/CD bill so the platform is cheaper per build
minute than the hosted-CI price book and dearer per cache GB; ``gpu_minutes`` for one
tenant, until ``GPU_UNTIL`` days before the as-of (then the GPU runners sit idle).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from headway.demo.activity import queries_per_tenant_day
from headway.demo.files import write_table
from headway.demo.org import FAST_FROM, GPU_UNTIL, PLATFORM, DemoOrg, rng_for
from headway.demo.timeline import DAYS, Arr

__all__ = ["CICD", "CICD_METERS", "DATASET", "METERS", "Usage", "usage", "write"]

DATASET = "usage"
METERS = ("logs_gb", "metric_series", "spans_million", "queries")
CICD = "cicd"
CICD_METERS = ("build_minutes", "cache_gb", "gpu_minutes")
#: Mean daily quantity of the CI/CD meters at scale 1 (the bill scales alike).
BUILD_MINUTES_PER_DAY = 12000.0
CACHE_GB_PER_DAY = 40.0
GPU_MINUTES_PER_WEEKDAY = 300.0
#: Alert and recording rules are evaluated every five minutes.
EVALUATIONS_PER_RULE = 288

_SELECT = """
SELECT day, platform, tenant, meter,
       CASE WHEN meter IN ('metric_series', 'queries') THEN quantity::BIGINT::VARCHAR
            ELSE quantity::DECIMAL(18, 3)::VARCHAR END AS quantity
FROM src ORDER BY day, platform, tenant, meter
"""


@dataclass(frozen=True)
class Usage:
    """Per meter a ``[tenant, day]`` matrix; NaN where the tenant has no row."""

    meters: dict[str, Arr]


def _live(org: DemoOrg) -> tuple[Arr, Arr]:
    live = np.arange(DAYS)[None, :] >= org.live_day[:, None]
    age = np.arange(DAYS)[None, :] - org.live_day[:, None]
    return live, np.clip(0.3 + age / 20.0, 0.3, 1.0)  # a new tenant sends more each day


@cache
def usage(org: DemoOrg) -> Usage:
    rng = rng_for(org.seed, "usage")
    n, t = org.n_tenants, org.timeline.t
    live, ramp = _live(org)
    weekday = np.where(org.timeline.is_weekend, 0.75, 1.0)[None, :]
    rate = rng.uniform(0.05, 0.45, size=n)
    idle = org.unqueried_from < DAYS
    growth = np.exp(np.where(idle, -0.6, rate)[:, None] * t[None, :])  # idle: winding down
    since = np.clip((np.arange(DAYS) - (DAYS - FAST_FROM)) / FAST_FROM, 0.0, 1.0)
    boost = np.where(org.fast_growth[:, None], 4.0 ** since[None, :], 1.0)

    def noise(sigma: float) -> Arr:
        return rng.lognormal(0.0, sigma, size=(n, DAYS))

    big = org.fast_growth | idle  # their savings should show
    logs_base = rng.lognormal(np.log(12.0), 0.9, size=n) * np.where(org.noisy, 10.0, 1.0)
    logs_base = np.where(big, np.maximum(logs_base, 40.0) * 2.0, logs_base)
    series_base = rng.lognormal(np.log(4000.0), 0.8, size=n)
    spans_base = rng.lognormal(np.log(1.2), 1.0, size=n)
    rules_base = rng.lognormal(np.log(8.0), 0.5, size=n)
    logs = logs_base[:, None] * growth * boost * ramp * weekday * noise(0.15)
    series = np.round(series_base[:, None] * (1 + 0.3 * t[None, :]) * ramp * noise(0.03))
    spans = spans_base[:, None] * growth * ramp * weekday * noise(0.2)
    rules = (
        rules_base[:, None]
        * np.exp(rate[:, None] * t[None, :])
        * ramp
        * noise(0.05)
        * EVALUATIONS_PER_RULE
    )
    looked_at = np.arange(DAYS)[None, :] < org.unqueried_from[:, None]
    queries = queries_per_tenant_day(org) + np.where(looked_at, np.round(rules), 0.0)
    meters = {"logs_gb": logs, "metric_series": series, "spans_million": spans, "queries": queries}
    return Usage({m: np.where(live, v, np.nan) for m, v in meters.items()})


def _normalise(x: Arr, per_day: float) -> Arr:
    """Scale ``x`` so its mean daily total over the last 120 days is ``per_day``."""
    recent = float(np.nansum(x[:, -120:])) / 120.0
    out: Arr = x * (per_day / recent) if recent > 0 else x
    return out


@cache
def cicd_usage(org: DemoOrg) -> Usage:
    rng = rng_for(org.seed, "usage-cicd")
    n = org.n_tenants
    live, ramp = _live(org)
    builds = np.isin(org.tenant_team, org.cicd_teams)[:, None] & live
    size = max(org.scale, 0.05)
    base = rng.lognormal(0.0, 0.6, size=n)[:, None] * ramp * org.timeline.activity[None, :]
    minutes = np.where(builds, base * rng.lognormal(0.0, 0.25, size=(n, DAYS)), np.nan)
    cache = minutes * rng.lognormal(0.0, 0.2, size=n)[:, None]
    minutes = _normalise(minutes, BUILD_MINUTES_PER_DAY * size)
    cache = _normalise(cache, CACHE_GB_PER_DAY * size)
    gpu = np.full((n, DAYS), np.nan)
    g = org.gpu_tenant
    until = DAYS - GPU_UNTIL
    days = np.arange(DAYS)
    on = (days >= org.live_day[g]) & (days < until)
    gpu[g, on] = GPU_MINUTES_PER_WEEKDAY * size * org.timeline.activity[on]
    return Usage({"build_minutes": minutes, "cache_gb": cache, "gpu_minutes": gpu})


def logs_per_day(org: DemoOrg) -> Arr:
    """All tenants' ``logs_gb`` per day (what drives the platform's cost)."""
    out: Arr = np.nansum(usage(org).meters["logs_gb"], axis=0)
    return out


def _long(org: DemoOrg, platform: str, u: Usage) -> dict[str, list[Arr]]:
    """The non-NaN cells of every meter as rows."""
    tenants = np.array(org.tenants)
    days = np.datetime_as_string(org.timeline.days)
    out: dict[str, list[Arr]] = {k: [] for k in ("day", "platform", "tenant", "meter", "quantity")}
    for meter, matrix in u.meters.items():
        tenant_idx, day_idx = np.nonzero(np.isfinite(matrix))
        out["day"].append(days[day_idx])
        out["platform"].append(np.full(len(day_idx), platform))
        out["tenant"].append(tenants[tenant_idx])
        out["meter"].append(np.full(len(day_idx), meter))
        out["quantity"].append(matrix[tenant_idx, day_idx])
    return out


def write(org: DemoOrg, out: Path) -> list[Path]:
    parts = [_long(org, PLATFORM, usage(org)), _long(org, CICD, cicd_usage(org))]
    columns = {k: np.concatenate([a for p in parts for a in p[k]]) for k in parts[0]}
    path = out / "usage.csv"
    write_table(path, columns, _SELECT)
    return [path]
