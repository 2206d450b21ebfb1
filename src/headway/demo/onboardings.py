"""``onboardings``: one per tenant; lead time falls from about 20 days to about 5."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from headway.demo.files import ISO, write_table
from headway.demo.org import PLATFORM, DemoOrg

__all__ = ["DATASET", "write"]

DATASET = "onboardings"

_SELECT = f"""
SELECT '{PLATFORM}' AS platform, tenant, {ISO.format("requested")} AS requested_at,
       CASE WHEN done THEN {ISO.format("completed")} END AS completed_at
FROM src ORDER BY requested, tenant
"""


def write(org: DemoOrg, out: Path) -> list[Path]:
    done = np.isfinite(org.completed)
    requested = org.epoch(org.requested)
    completed = np.where(done, requested + np.round(org.lead_days * 86400), requested)
    columns = {
        "tenant": np.array(org.tenants),
        "requested": requested,
        "completed": completed.astype(np.int64),
        "done": done,
    }
    path = out / "onboardings.csv"
    write_table(path, columns, _SELECT)
    return [path]
