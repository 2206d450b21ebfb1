"""``slis``: hourly good/total counts per component and indicator.

Requests follow the working day; in ordinary hours about 0.03 % fail and 0.5 % are slow.
During a sev1 or sev2 incident its component fails or slows for many more, so a month
with a long sev1 misses the 99.9 % availability objective. The ingest gateway starts the
year failing 0.15 % of requests (below its 99.9 % objective) and its reliability work
brings that down to 0.03 % between 200 and 30 days before the as-of.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from headway.demo.files import ISO, write_table
from headway.demo.incidents import COMPONENTS, incidents
from headway.demo.org import PLATFORM, DemoOrg, rng_for
from headway.demo.timeline import DAYS, Arr

__all__ = ["DATASET", "write"]

DATASET = "slis"
INDICATORS = ("availability", "latency")
_REQUESTS_PER_HOUR = np.array([60000.0, 9000.0, 25000.0, 6000.0])
_NORMAL_BAD = np.array([0.0003, 0.005])
#: The ingest gateway's ordinary failure share: from INGEST_BAD[0] to INGEST_BAD[1] over
#: the days INGEST_FIX before the as-of.
INGEST_BAD = (0.0015, 0.0003)
INGEST_FIX = (200, 30)
#: (availability, latency) share of bad requests during a sev1 / sev2 incident
_INCIDENT_BAD = np.array([[0.12, 0.35], [0.02, 0.08]])

_SELECT = f"""
SELECT {ISO.format("hour")} AS time, '{PLATFORM}' AS platform, component, indicator,
       good, total
FROM src ORDER BY hour, component, indicator
"""


def _hours(org: DemoOrg) -> tuple[Arr, Arr]:
    """Start of every hour (epoch, UTC) and its busyness (0.3 at night … 1.3 midday)."""
    inc = incidents(org)
    start = int(org.timeline.utc_epoch(np.array([0]), np.array([0]))[0])
    hour = np.arange(start, inc.end, 3600, dtype=np.int64)
    day = np.clip((hour - start) // 86400, 0, DAYS - 1)
    local_hour = ((hour + org.timeline.noon_offset[day]) // 3600) % 24
    diurnal = 0.3 + np.exp(-(((local_hour - 13.0) / 4.0) ** 2))
    return hour, diurnal * (0.4 + 0.6 * org.timeline.activity[day])


def _bad_share(org: DemoOrg, hour: Arr) -> Arr:
    """``[component, indicator, hour]`` share of bad requests."""
    inc = incidents(org)
    bad = np.broadcast_to(_NORMAL_BAD[None, :, None], (len(COMPONENTS), 2, len(hour))).copy()
    day = (hour - hour[0]) // 86400
    fixed = np.clip((day - (DAYS - INGEST_FIX[0])) / (INGEST_FIX[0] - INGEST_FIX[1]), 0.0, 1.0)
    bad[COMPONENTS.index("ingest-gateway"), 0] = INGEST_BAD[0] + fixed * (
        INGEST_BAD[1] - INGEST_BAD[0]
    )
    for i in np.flatnonzero(inc.severity <= 1):
        lo = np.searchsorted(hour + 3600, inc.opened[i], side="right")
        hi = np.searchsorted(hour, inc.resolved[i], side="left")
        sev = _INCIDENT_BAD[inc.severity[i]]
        c = inc.component[i]
        bad[c, :, lo:hi] = np.maximum(bad[c, :, lo:hi], sev[:, None])
    return bad


def write(org: DemoOrg, out: Path) -> list[Path]:
    rng = rng_for(org.seed, "slis")
    hour, busy = _hours(org)
    scale = max(org.scale, 0.05)
    total = rng.poisson(
        _REQUESTS_PER_HOUR[:, None, None] * scale * busy[None, None, :],
        size=(len(COMPONENTS), len(INDICATORS), len(hour)),
    )
    share = _bad_share(org, hour) * rng.lognormal(0.0, 0.3, size=total.shape)
    good = total - rng.binomial(total, np.clip(share, 0.0, 1.0))
    c, i, h = np.indices(total.shape).reshape(3, -1)
    columns = {
        "hour": hour[h],
        "component": np.array(COMPONENTS)[c],
        "indicator": np.array(INDICATORS)[i],
        "good": good.reshape(-1),
        "total": total.reshape(-1),
    }
    path = out / "slis.csv"
    write_table(path, columns, _SELECT)
    return [path]
