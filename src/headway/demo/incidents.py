"""``incidents``: sev1–sev4, each on a component and mostly on a tenant.

Time to resolve is log-normal around a median per severity (sev1 about 1.5 h, sev4 about
three days) and shortens by up to 40 % over the year, so MTTR improves. Incidents whose
resolution lies after the as-of are still open. sev1 and sev2 incidents burn the
component's error budget in ``slis``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from headway.demo.files import ISO, write_table
from headway.demo.org import PLATFORM, DemoOrg, rng_for
from headway.demo.timeline import DAYS, Arr

__all__ = ["COMPONENTS", "DATASET", "Incidents", "incidents", "write"]

DATASET = "incidents"
COMPONENTS = ("ingest-gateway", "query-api", "storage", "alerting")
SEVERITIES = ("sev1", "sev2", "sev3", "sev4")
_SEVERITY_SHARE = (0.04, 0.14, 0.37, 0.45)
_MEDIAN_HOURS = np.array([1.5, 5.0, 20.0, 72.0])
_PER_DAY = 0.3

TITLES = {
    "ingest-gateway": (
        "Ingest lag above 5 minutes",
        "Log ingestion rejected with 429",
        "Dropped spans at the gateway",
    ),
    "query-api": ("Dashboard queries time out", "Query API returns 5xx", "Slow PromQL queries"),
    "storage": ("Object storage write errors", "Compaction backlog", "Retention job failed"),
    "alerting": ("Alerts delayed", "Duplicate pages sent", "Alert rules not evaluated"),
}


@dataclass(frozen=True)
class Incidents:
    opened: Arr
    """Epoch seconds, UTC."""
    resolved: Arr
    """Epoch seconds, UTC; after ``end`` when still open."""
    severity: Arr
    component: Arr
    tenant: Arr
    """Tenant index, -1 for platform-wide incidents."""
    title: Arr
    end: int
    """Epoch seconds of the end of the window."""


@cache
def incidents(org: DemoOrg) -> Incidents:
    rng = rng_for(org.seed, "incidents")
    tl = org.timeline
    start = int(tl.utc_epoch(np.array([0]), np.array([0]))[0])
    end = int(tl.utc_epoch(np.array([DAYS - 1]), np.array([86400]))[0])
    n = int(rng.poisson(_PER_DAY * DAYS * org.scale**0.7))
    opened = np.sort(rng.integers(start, end, size=n))
    sev = rng.choice(4, size=n, p=_SEVERITY_SHARE)
    frac = (opened - start) / (end - start)
    hours = _MEDIAN_HOURS[sev] * rng.lognormal(0.0, 0.6, size=n) * (1.0 - 0.4 * frac)
    resolved = opened + np.round(hours * 3600).astype(np.int64)
    parked = np.flatnonzero(sev >= 2)[-3:]  # the latest minor ones wait for a fix
    resolved[parked] = end + 30 * 86400  # still open at the as-of
    component = rng.integers(0, len(COMPONENTS), size=n)
    day = np.clip((opened - start) // 86400, 0, DAYS - 1)
    live_order = np.argsort(org.live_day, kind="stable")
    n_live = np.searchsorted(org.live_day[live_order], day, side="right")
    weight = rng.random(n)
    tenant = np.where(n_live > 0, live_order[np.floor(weight * n_live).astype(np.int64)], -1)
    tenant[rng.random(n) < 0.2] = -1  # platform-wide
    pick = rng.integers(0, 3, size=n)
    title = np.array([TITLES[COMPONENTS[c]][p] for c, p in zip(component, pick, strict=True)])
    return Incidents(opened, resolved, sev, component, tenant, title, end)


_SELECT = f"""
SELECT printf('INC-%05d', 1000 + row_number() OVER (ORDER BY opened, title)) AS incident_id,
       '{PLATFORM}' AS platform, {ISO.format("opened")} AS opened_at,
       CASE WHEN resolved <= {{end}} THEN {ISO.format("resolved")} END AS resolved_at,
       NULLIF(tenant, '') AS tenant, severity, title
FROM src ORDER BY opened, title
"""


def write(org: DemoOrg, out: Path) -> list[Path]:
    inc = incidents(org)
    tenants = np.array([*org.tenants, ""])  # index -1 → ""
    columns = {
        "opened": inc.opened,
        "resolved": inc.resolved,
        "tenant": tenants[inc.tenant],
        "severity": np.array(SEVERITIES)[inc.severity],
        "title": np.array([f"{t}" for t in inc.title]),
    }
    path = out / "incidents.csv"
    write_table(path, columns, _SELECT.format(end=inc.end))
    return [path]
