"""``usage``: metered use per tenant per day on platform observability.

Meters: ``logs_gb`` (weekday-shaped, growing; ten times the peers for the noisy tenants,
tripling over the year for the fast-growing ones), ``metric_series`` (a gauge),
``spans_million`` and ``queries`` (the dashboard queries of the ``query`` events, 0 on
days nobody looked — for the unqueried tenants, every day for 30 days and more).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from headway.demo.activity import queries_per_tenant_day
from headway.demo.files import write_table
from headway.demo.org import PLATFORM, DemoOrg, rng_for
from headway.demo.timeline import DAYS, Arr

__all__ = ["DATASET", "METERS", "Usage", "usage", "write"]

DATASET = "usage"
METERS = ("logs_gb", "metric_series", "spans_million", "queries")

_SELECT = f"""
SELECT day, '{PLATFORM}' AS platform, tenant, meter,
       CASE WHEN meter IN ('metric_series', 'queries') THEN quantity::BIGINT::VARCHAR
            ELSE quantity::DECIMAL(18, 3)::VARCHAR END AS quantity
FROM src ORDER BY day, tenant, meter
"""


@dataclass(frozen=True)
class Usage:
    """Per meter a ``[tenant, day]`` matrix; NaN before the tenant is live."""

    meters: dict[str, Arr]


@cache
def usage(org: DemoOrg) -> Usage:
    rng = rng_for(org.seed, "usage")
    n, t = org.n_tenants, org.timeline.t
    live = np.arange(DAYS)[None, :] >= org.live_day[:, None]
    age = np.arange(DAYS)[None, :] - org.live_day[:, None]
    ramp = np.clip(0.3 + age / 20.0, 0.3, 1.0)  # a new tenant sends a bit more each day
    weekday = np.where(org.timeline.is_weekend, 0.75, 1.0)[None, :]
    growth_rate = np.where(org.fast_growth, np.log(3.0), rng.uniform(0.05, 0.45, size=n))
    growth = np.exp(growth_rate[:, None] * t[None, :])

    def noise(sigma: float) -> Arr:
        return rng.lognormal(0.0, sigma, size=(n, DAYS))

    logs_base = rng.lognormal(np.log(12.0), 0.9, size=n) * np.where(org.noisy, 10.0, 1.0)
    series_base = rng.lognormal(np.log(4000.0), 0.8, size=n)
    spans_base = rng.lognormal(np.log(1.2), 1.0, size=n)
    logs = logs_base[:, None] * growth * ramp * weekday * noise(0.15)
    series = np.round(series_base[:, None] * (1 + 0.3 * t[None, :]) * ramp * noise(0.03))
    spans = spans_base[:, None] * growth * ramp * weekday * noise(0.2)
    queries = queries_per_tenant_day(org).astype(np.float64)
    meters = {"logs_gb": logs, "metric_series": series, "spans_million": spans, "queries": queries}
    return Usage({m: np.where(live, v, np.nan) for m, v in meters.items()})


def logs_per_day(org: DemoOrg) -> Arr:
    """All tenants' ``logs_gb`` per day (what drives the platform's cost)."""
    out: Arr = np.nansum(usage(org).meters["logs_gb"], axis=0)
    return out


def write(org: DemoOrg, out: Path) -> list[Path]:
    u = usage(org)
    tenant_idx, day_idx = np.nonzero(np.isfinite(u.meters["logs_gb"]))
    k = len(tenant_idx)
    tenants = np.array(org.tenants)
    columns = {
        "day": np.tile(np.datetime_as_string(org.timeline.days)[day_idx], len(METERS)),
        "tenant": np.tile(tenants[tenant_idx], len(METERS)),
        "meter": np.repeat(np.array(METERS), k),
        "quantity": np.concatenate([u.meters[m][tenant_idx, day_idx] for m in METERS]),
    }
    path = out / "usage.csv"
    write_table(path, columns, _SELECT)
    return [path]
