"""``tenants``: every product with its team and org — but one, whose team was disbanded in a
reorganisation: its row has no team and no org (the ``no_owner`` recommendation)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from headway.demo.files import write_table
from headway.demo.org import DemoOrg

__all__ = ["DATASET", "write"]

DATASET = "tenants"


def write(org: DemoOrg, out: Path) -> list[Path]:
    teams = np.array(org.teams)
    orgs = np.array(org.orgs)
    columns = {
        "tenant": np.array(org.tenants),
        "name": np.array(org.tenant_names),
        "team": teams[org.tenant_team],
        "org": orgs[org.team_org[org.tenant_team]],
    }
    orphan = np.arange(org.n_tenants) == org.orphan
    columns["team"] = np.where(orphan, "", columns["team"])
    columns["org"] = np.where(orphan, "", columns["org"])
    path = out / "tenants.csv"
    write_table(
        path,
        columns,
        (
            "SELECT tenant, name, NULLIF(team, '') AS team, NULLIF(org, '') AS org "
            "FROM src ORDER BY tenant"
        ),
    )
    return [path]
