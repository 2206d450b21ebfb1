"""A small real workspace for the scorecard, snapshot and KPI CLI tests, with numbers you
can check by hand (as of 2026-12-01 UTC: the latest complete month is 2026-11).

| KPI | 2026-09 | 2026-10 | 2026-11 |
|---|---|---|---|
| active_tenants (distinct tenants with usage) | 1 | 2 | 3 (target 3: met) |
| log_volume (Σ logs_gb) | 10 | 30 | 60 (+100 %) |
| usage_rows (rows of usage) | 1 | 2 | 3 (+50 %) |
| mtto (mean days to onboard, down) | 10 | 10 | 5 |
| mttr (mean hours to resolve, down) | 4 | 4 | 5 |
| productivity_index (mtto, mttr; baseline 2026-09) | 100 | 100 | 100·√(2·0.8) = 126.49 |

developer_nps (quarter): 2026-Q2 scores 10, 5 → 0; 2026-Q3 scores 10, 9, 8, 3 → 25.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from headway.store import open_store

CONFIG = """\
workspace: Scorecard test
timezone: UTC
vision: Every product ships on the platform.
north_stars:
  - {id: adoption, title: Platform adoption, kpi: active_tenants}
  - {id: productivity, title: Productivity index, kpi: productivity_index}
initiatives:
  - {id: observability, title: Observability platform, owner: team-o11y}
  - {id: portal, title: Developer portal, owner: team-portal}
kpis:
  - {id: active_tenants, title: Active tenants, initiative: observability, drives: adoption,
     kind: count_distinct, dataset: usage, column: tenant, grain: month, target: 3,
     unit: tenants}
  - {id: usage_rows, title: Usage rows, initiative: observability, drives: adoption,
     kind: count, dataset: usage, grain: month}
  - {id: log_volume, title: Log volume, initiative: observability, drives: adoption,
     kind: sum, dataset: usage, column: quantity, where: "meter = 'logs_gb'", grain: month,
     unit: GB}
  - {id: mtto, title: Mean time to onboard, initiative: portal, kind: duration,
     dataset: onboardings, start: requested_at, end: completed_at, time_unit: days,
     grain: month, direction: down, unit: days, target: 7}
  - {id: mttr, title: Mean time to resolve, initiative: portal, kind: duration,
     dataset: incidents, start: opened_at, end: resolved_at, grain: month, direction: down,
     unit: h}
  - id: productivity_index
    title: Productivity index
    initiative: portal
    kind: index
    grain: month
    baseline: 2026-09
    components: [{kpi: mtto}, {kpi: mttr}]
  - {id: developer_nps, title: Developer NPS, kind: nps, grain: quarter, target: 30}
"""

_ROWS = """
INSERT INTO tenants VALUES ('t1','T1','a','x',1),('t2','T2','b','x',1),('t3','T3','b','y',1),
  ('t4','T4','c','y',1);
INSERT INTO usage VALUES
  ('2026-09-03','observability','t1','logs_gb',10,1),
  ('2026-10-03','observability','t1','logs_gb',10,1),('2026-10-04','observability','t2','logs_gb',20,1),
  ('2026-11-03','observability','t1','logs_gb',10,1),('2026-11-04','observability','t2','logs_gb',20,1),
  ('2026-11-05','observability','t3','logs_gb',30,1);
INSERT INTO onboardings VALUES
  ('portal','t1','2026-08-22T00:00:00Z','2026-09-01T00:00:00Z',1),
  ('portal','t2','2026-09-25T00:00:00Z','2026-10-05T00:00:00Z',1),
  ('portal','t3','2026-11-01T00:00:00Z','2026-11-06T00:00:00Z',1),
  ('portal','t4','2026-11-20T00:00:00Z',NULL,1);
INSERT INTO incidents VALUES
  ('i1','observability','2026-09-10T00:00:00Z','2026-09-10T04:00:00Z','t1','sev2','a',1),
  ('i2','observability','2026-10-10T00:00:00Z','2026-10-10T04:00:00Z','t1','sev2','b',1),
  ('i3','observability','2026-11-10T00:00:00Z','2026-11-10T05:00:00Z','t2','sev2','c',1);
INSERT INTO survey_responses VALUES
  ('r1','q2','2026-05-10T00:00:00Z',10,'u1','a',NULL,1),
  ('r2','q2','2026-05-11T00:00:00Z',5,'u2','b',NULL,1),
  ('r3','q3','2026-08-10T00:00:00Z',10,'u1','a','great',1),
  ('r4','q3','2026-08-11T00:00:00Z',9,'u2','b',NULL,1),
  ('r5','q3','2026-08-12T00:00:00Z',8,'u3','b',NULL,1),
  ('r6','q3','2026-08-13T00:00:00Z',3,'u4','c','slow',1);
"""

AS_OF = "2026-12-01"


def make_workspace(root: Path, config: str = CONFIG) -> Path:
    (root / "headway.yaml").write_text(config, encoding="utf-8")
    store = open_store(root / ".headway" / "headway.duckdb")
    con: duckdb.DuckDBPyConnection = store.con
    con.execute(_ROWS)
    store.close()
    return root
