"""A KPI's ``where`` over JSON keys and over the tenant's team and org."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from headway.errors import QueryError
from headway.workspace import Workspace

CONFIG = """\
workspace: Where
timezone: UTC
kpis:
  - {id: payments_logs, title: Payments logs, kind: sum, dataset: usage, column: quantity,
     where: "team = 'payments' AND meter = 'logs_gb'", grain: month}
  - {id: web_logs, title: Web org logs, kind: sum, dataset: usage, column: quantity,
     where: "org = 'web'", grain: month}
  - {id: go_downloads, title: Go downloads, kind: count, dataset: events,
     where: "attributes.sdk = 'go'", grain: month}
  - {id: go_downloads_arrow, title: Go downloads, kind: count, dataset: events,
     where: "attributes->>'sdk' = 'go'", grain: month}
  - {id: o11y_cost, title: Observability cost, kind: sum, dataset: costs,
     column: EffectiveCost, where: "Tags.platform = 'o11y'", grain: month}
  - {id: broken, title: Broken, kind: sum, dataset: usage, column: quantity,
     where: "CAST(meter AS INTEGER) = 1", grain: month}
"""

ROWS = """
INSERT INTO tenants (tenant, team, org) VALUES ('t1', 'payments', 'fin'), ('t2', 'search', 'web');
INSERT INTO usage (day, platform, tenant, meter, quantity) VALUES
  ('2026-11-01', 'o', 't1', 'logs_gb', 5), ('2026-11-02', 'o', 't1', 'logs_gb', 1),
  ('2026-11-02', 'o', 't1', 'queries', 100), ('2026-11-02', 'o', 't2', 'logs_gb', 7),
  ('2026-11-03', 'o', 't9', 'logs_gb', 50);
INSERT INTO events (event_id, time, platform, event, attributes) VALUES
  ('a', '2026-11-01 00:00:00+00', 'o', 'sdk_download', '{"sdk": "go"}'),
  ('b', '2026-11-01 00:00:00+00', 'o', 'sdk_download', '{"sdk": "java"}'),
  ('c', '2026-11-02 00:00:00+00', 'o', 'sdk_download', '{"sdk": "go"}'),
  ('d', '2026-11-02 00:00:00+00', 'o', 'login', NULL);
INSERT INTO costs (BillingAccountId, BillingPeriodStart, ChargePeriodStart, ChargePeriodEnd,
  BilledCost, EffectiveCost, BillingCurrency, Tags) VALUES
  ('a', '2026-11-01 00:00:00+00', '2026-11-05 00:00:00+00', '2026-11-06 00:00:00+00',
   3.5, 3.25, 'USD', '{"platform": "o11y"}'),
  ('a', '2026-11-01 00:00:00+00', '2026-11-05 00:00:00+00', '2026-11-06 00:00:00+00',
   9, 9, 'USD', '{"platform": "ci"}')
"""


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    (tmp_path / "headway.yaml").write_text(CONFIG, encoding="utf-8")
    w = Workspace(tmp_path, as_of=dt.datetime(2026, 12, 2, tzinfo=dt.UTC))
    for stmt in ROWS.split(";"):
        w.store.con.execute(stmt)
    yield w
    w.close()


@pytest.mark.parametrize(
    ("kpi", "value", "rows"),
    [
        ("payments_logs", 6.0, 2),  # t1's logs_gb: 5 + 1; queries and other tenants left out
        ("web_logs", 7.0, 1),  # t2 is in org web; t9 is in no org
        ("go_downloads", 2.0, 2),
        ("go_downloads_arrow", 2.0, 2),
        ("o11y_cost", 3.25, 1),
    ],
)
def test_where_reads_json_keys_and_the_tenants_team(
    ws: Workspace, kpi: str, value: float, rows: int
) -> None:
    v = ws.kpi_value(kpi, "2026-11")
    assert (v.value, v.rows) == (pytest.approx(value), rows)


def test_a_where_the_data_cannot_satisfy_is_a_query_error(ws: Workspace) -> None:
    with pytest.raises(QueryError, match=r"KPI broken cannot be computed: Conversion Error"):
        ws.kpi_value("broken", "2026-11")
