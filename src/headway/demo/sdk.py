"""``events``: SDK downloads per SDK, with a spike after every release."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from headway.demo.files import ISO, write_table
from headway.demo.org import PLATFORM, DemoOrg, rng_for
from headway.demo.timeline import DAYS, Arr

__all__ = ["DATASET", "SDKS", "write"]

DATASET = "events"

#: (sdk, share of downloads, first version major.minor)
SDKS = (
    ("python", 0.4, (2, 3)),
    ("go", 0.25, (1, 8)),
    ("java", 0.2, (3, 1)),
    ("node", 0.15, (4, 0)),
)
DOWNLOADS_PER_DAY = 110

_SELECT = f"""
SELECT printf('sdk-%08d', row_number() OVER (ORDER BY time, sdk, version)) AS event_id,
       {ISO.format("time")} AS time, '{PLATFORM}' AS platform, 'sdk_download' AS event,
       NULL AS tenant, NULL AS actor,
       json_object('sdk', sdk, 'version', version) AS attributes, 1 AS value
FROM src ORDER BY time, sdk, version
"""


def _releases(rng: np.random.Generator) -> Arr:
    """Release days: every five to nine weeks."""
    gaps = rng.integers(35, 64, size=12)
    return np.cumsum(np.concatenate([[rng.integers(5, 30)], gaps]))


def _one_sdk(
    org: DemoOrg, rng: np.random.Generator, share: float, first: tuple[int, int]
) -> tuple[Arr, Arr]:
    """(day, version label) of every download of one SDK."""
    days = np.arange(DAYS)
    adoption = org.live_day[:, None] <= days[None, :]
    live_share = adoption.sum(axis=0) / max(1, org.n_tenants)
    rel = _releases(rng)
    rel = rel[rel < DAYS]
    since = days[:, None] - rel[None, :]
    spike = np.where(since >= 0, 2.5 * np.exp(-np.maximum(since, 0) / 2.0), 0.0).sum(axis=1)
    calendar = 0.35 + 0.65 * org.timeline.activity
    lam = DOWNLOADS_PER_DAY * org.scale * share * (0.3 + 0.7 * live_share) * calendar * (1 + spike)
    day = np.repeat(days, rng.poisson(lam))
    release_no = np.searchsorted(rel, day, side="right")  # releases out by that day
    behind = (rng.random(len(day)) < 0.15) & (release_no > 0)
    release_no = release_no - behind
    versions = np.array([f"{first[0]}.{first[1] + k}.0" for k in range(len(rel) + 1)])
    return day, versions[release_no]


def write(org: DemoOrg, out: Path) -> list[Path]:
    rng = rng_for(org.seed, "sdk_downloads")
    days, sdks, versions = [], [], []
    for name, share, first in SDKS:
        day, version = _one_sdk(org, rng, share, first)
        days.append(day)
        versions.append(version)
        sdks.append(np.full(len(day), name))
    day = np.concatenate(days)
    seconds = rng.integers(5 * 3600, 23 * 3600, size=len(day))
    columns = {
        "time": org.timeline.utc_epoch(day, seconds),
        "sdk": np.concatenate(sdks),
        "version": np.concatenate(versions),
    }
    path = out / "events-sdk-downloads.ndjson"
    write_table(path, columns, _SELECT, "json")
    return [path]
