"""The large workspace of the scorecard benchmark: ~50M events over a year, by DuckDB SQL.

Logins (80 %) of ~30k engineers across ~3k tenants, with the active population growing
over the year and a few heavy users, and SDK downloads (20 %) with ``attributes`` {sdk,
version}. Rows go straight into the store's ``events`` table, in time order (as an
ingest of daily files would leave them). 2,900 of the 3,000 tenants are in ``tenants``
(300 teams, 12 orgs), so coverage and the org breakdown have an "unknown" part.

The KPIs are the adoption KPIs a platform team tracks from events; the workspace's time
zone is America/Los_Angeles, so every period is cut across DST. As of 2026-12-01 (its
midnight in Los Angeles) the year of data is complete.
"""

from __future__ import annotations

from pathlib import Path

TZ = "America/Los_Angeles"
AS_OF = "2026-12-01"
START_UTC = "2025-12-01 08:00:00+00"  # 2025-12-01 00:00 in Los Angeles
SPAN_S = 365 * 86400
N_ACTORS, N_TENANTS, KNOWN_TENANTS = 30_000, 3_000, 2_900
SDKS = ["python", "go", "java", "node"]

CONFIG = f"""\
workspace: Bench — a year of events
timezone: {TZ}
currency: USD
vision: Every product team uses the observability platform every day.
north_stars:
  - {{id: adoption, title: Platform adoption, kpi: active_tenants}}
initiatives:
  - {{id: observability, title: Observability platform, owner: team-o11y}}
kpis:
  - {{id: active_tenants, title: Tenants logging in, initiative: observability,
     drives: adoption, kind: count_distinct, dataset: events, column: tenant,
     where: "event = 'login'", grain: month, by: [org]}}
  - {{id: daily_active_users, title: Daily active engineers, initiative: observability,
     drives: adoption, kind: count_distinct, dataset: events, column: actor,
     where: "event = 'login'", grain: day}}
  - {{id: monthly_active_users, title: Monthly active engineers, initiative: observability,
     drives: adoption, kind: count_distinct, dataset: events, column: actor,
     where: "event = 'login'", grain: month}}
  - {{id: stickiness, title: Stickiness, initiative: observability, drives: adoption,
     kind: ratio, numerator: daily_active_users, denominator: monthly_active_users,
     grain: month}}
  - {{id: weekly_logins, title: Logins per week, initiative: observability, kind: count,
     dataset: events, where: "event = 'login'", grain: week}}
  - {{id: sdk_downloads, title: SDK downloads, initiative: observability, kind: count,
     dataset: events, where: "event = 'sdk_download'", grain: month,
     by: [attributes.sdk]}}
"""


def _events_sql(n: int) -> str:
    sdk = "[" + ", ".join(f"'{s}'" for s in SDKS) + "]"
    return f"""
INSERT INTO events
SELECT printf('ev-%010d', i) AS event_id,
       TIMESTAMPTZ '{START_UTC}' + to_seconds(CAST(i * {SPAN_S} // {n} AS BIGINT)) AS time,
       'observability' AS platform,
       CASE WHEN is_login THEN 'login' ELSE 'sdk_download' END AS event,
       CASE WHEN is_login THEN printf('tenant-%04d', (actor_no + (h >> 40) % 2) % {N_TENANTS})
       END AS tenant,
       CASE WHEN is_login THEN printf('user-%05d', actor_no) END AS actor,
       CASE WHEN NOT is_login THEN CAST(json_object(
           'sdk', {sdk}[CAST((h >> 20) % 4 AS BIGINT) + 1],
           'version', printf('%d.%d.0', CAST((h >> 24) % 3 AS BIGINT),
                             CAST((h >> 28) % 10 AS BIGINT))) AS JSON) END AS attributes,
       1.0 AS value,
       1 AS _batch_id
FROM (
    SELECT i, h, h % 5 <> 0 AS is_login,
           -- the active population grows from half to all engineers; a few log in a lot
           CAST(floor(({N_ACTORS} / 2) * (1 + i / {n}) * pow(((h >> 8) % 1000003) / 1000003.0, 1.6))
                AS BIGINT) AS actor_no
    FROM (SELECT i, hash(i) AS h FROM range({n}) r(i))
)
"""


_TENANTS_SQL = f"""
INSERT INTO tenants
SELECT printf('tenant-%04d', t), printf('Product %d', t), printf('team-%03d', t % 300),
       printf('org-%02d', t % 12), 1
FROM range({KNOWN_TENANTS}) r(t)
"""


def build(root: Path, n: int) -> Path:
    """The workspace at ``root`` with ``n`` events (kept when already built)."""
    done = root / ".built"
    if done.exists() and done.read_text() == str(n):
        return root
    import shutil

    from headway.store import open_store

    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    (root / "headway.yaml").write_text(CONFIG, encoding="utf-8")
    store = open_store(root / ".headway" / "headway.duckdb")
    try:
        store.con.execute("SET enable_progress_bar = false")
        store.con.execute(_TENANTS_SQL)
        store.con.execute(_events_sql(n))
        store.con.execute("CHECKPOINT")
    finally:
        store.close()
    done.write_text(str(n))
    return root
