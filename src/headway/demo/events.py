"""``events``: logins (to observability and to the CI/CD UI) and dashboard queries (one
NDJSON file each)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from headway.demo.activity import Logins, Queries, cicd_logins, logins, queries
from headway.demo.files import ISO, write_table
from headway.demo.org import PLATFORM, DemoOrg
from headway.demo.timeline import Arr
from headway.demo.usage import CICD

__all__ = ["DATASET", "write"]

DATASET = "events"

_SELECT = f"""
SELECT printf('{{prefix}}-%08d', row_number() OVER (ORDER BY time, platform, actor))
           AS event_id,
       {ISO.format("time")} AS time, platform, '{{event}}' AS event,
       tenant, actor, NULL::JSON AS attributes, value
FROM src ORDER BY time, platform, actor
"""


def _write(
    path: Path, org: DemoOrg, event: str, who: Logins | Queries, platform: Arr, value: Arr
) -> Path:
    columns = {
        "actor": np.array(org.engineers)[who.engineer],
        "tenant": np.array(org.tenants)[who.tenant],
        "time": who.time,
        "value": value,
        "platform": platform,
    }
    write_table(path, columns, _SELECT.format(prefix=event, event=event), "json")
    return path


def write(org: DemoOrg, out: Path) -> list[Path]:
    lg, q, ci = logins(org), queries(org), cicd_logins(org)
    both = Logins(
        *(
            np.concatenate([getattr(lg, f), getattr(ci, f)])
            for f in ("engineer", "tenant", "day", "time")
        )
    )
    platform = np.concatenate([np.full(len(lg.time), PLATFORM), np.full(len(ci.time), CICD)])
    ones = np.ones(len(both.time), dtype=np.int64)
    return [
        _write(out / "events-logins.ndjson", org, "login", both, platform, ones),
        _write(
            out / "events-queries.ndjson", org, "query", q, np.full(len(q.time), PLATFORM), q.count
        ),
    ]
