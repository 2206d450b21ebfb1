"""``events``: logins and dashboard queries (one NDJSON file each)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from headway.demo.activity import logins, queries
from headway.demo.files import ISO, write_table
from headway.demo.org import PLATFORM, DemoOrg

__all__ = ["DATASET", "write"]

DATASET = "events"

_SELECT = f"""
SELECT printf('{{prefix}}-%08d', row_number() OVER (ORDER BY time, actor)) AS event_id,
       {ISO.format("time")} AS time, '{PLATFORM}' AS platform, '{{event}}' AS event,
       tenant, actor, NULL::JSON AS attributes, value
FROM src ORDER BY time, actor
"""


def write(org: DemoOrg, out: Path) -> list[Path]:
    engineers = np.array(org.engineers)
    tenants = np.array(org.tenants)
    lg, q = logins(org), queries(org)
    files = [
        (out / "events-logins.ndjson", "login", "login", lg.engineer, lg.tenant, lg.time, None),
        (out / "events-queries.ndjson", "query", "query", q.engineer, q.tenant, q.time, q.count),
    ]
    for path, prefix, event, eng, ten, time, value in files:
        columns = {
            "actor": engineers[eng],
            "tenant": tenants[ten],
            "time": time,
            "value": np.ones(len(time), dtype=np.int64) if value is None else value,
        }
        write_table(path, columns, _SELECT.format(prefix=prefix, event=event), "json")
    return [f[0] for f in files]
