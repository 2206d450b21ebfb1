"""``costs``: a FOCUS 1.0 export, one row per day per service line.

The observability platform's lines carry ``Tags`` ``{"platform": "observability",
"component": …}``; ingest compute, Kafka, storage and network grow with the logs the
tenants send, the rest is a fixed base. Compute is covered by a savings plan, so its
``EffectiveCost`` is 28 % below ``BilledCost``. Storage costs a third per GB by the
as-of: the tiered log storage rolled out over the last four months (the demo's OKR). A
few rows are untagged, and a CI/CD platform (runners, GPU runners that sit idle at the
end, a build cache) shares the account: both stay outside the observability cost pool.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from headway.demo.files import write_table
from headway.demo.org import DemoOrg, rng_for
from headway.demo.timeline import DAYS
from headway.demo.usage import logs_per_day

#: The billing export lags: its newest rows are this many days behind the rest of the
#: data, so the demo shows meta-monitoring at work (`headway datasets` and the weekly
#: report flag costs as stale against their daily cadence).
EXPORT_LAG_DAYS = 2

__all__ = ["DATASET", "LINES", "write"]

DATASET = "costs"
ACCOUNT = "482910375561"
COMMITMENT_DISCOUNT = 0.28
#: Tiered storage: the storage line's cost per GB falls to this share over TIERING_DAYS.
TIERED_SHARE = 1 / 3
TIERING_DAYS = 120

#: (service, category, platform, component, fixed USD/day at scale 1, USD per GB of logs,
#:  covered by the savings plan)
LINES = (
    (
        "Amazon Elastic Compute Cloud",
        "Compute",
        "observability",
        "ingest-gateway",
        20.0,
        0.011,
        True,
    ),
    ("Amazon Elastic Compute Cloud", "Compute", "observability", "query-api", 15.0, 0.004, True),
    ("Amazon Elastic Compute Cloud", "Compute", "observability", "alerting", 8.0, 0.0, True),
    ("Amazon Simple Storage Service", "Storage", "observability", "storage", 3.0, 0.006, False),
    (
        "Amazon Managed Streaming for Apache Kafka",
        "Analytics",
        "observability",
        "kafka",
        25.0,
        0.004,
        False,
    ),
    ("AWS Data Transfer", "Networking", "observability", "ingest-gateway", 2.0, 0.002, False),
    ("Amazon Elastic Compute Cloud", "Compute", "cicd", "runners", 120.0, 0.0, True),
    ("Amazon Elastic Compute Cloud", "Compute", "cicd", "gpu-runners", 10.0, 0.0, True),
    ("Amazon Elastic Block Store", "Storage", "cicd", "build-cache", 15.0, 0.0, False),
    ("Amazon Elastic Compute Cloud", "Compute", "", "", 9.0, 0.0, False),
)

_SELECT = f"""
SELECT '{ACCOUNT}' AS BillingAccountId, 'Acme production' AS BillingAccountName,
       strftime(date_trunc('month', d), '%Y-%m-%dT00:00:00Z') AS BillingPeriodStart,
       strftime(date_trunc('month', d) + INTERVAL 1 MONTH, '%Y-%m-%dT00:00:00Z')
           AS BillingPeriodEnd,
       strftime(d, '%Y-%m-%dT00:00:00Z') AS ChargePeriodStart,
       strftime(d + INTERVAL 1 DAY, '%Y-%m-%dT00:00:00Z') AS ChargePeriodEnd,
       'Usage' AS ChargeCategory,
       billed::DECIMAL(18, 6) AS BilledCost,
       effective::DECIMAL(18, 6) AS EffectiveCost,
       billed::DECIMAL(18, 6) AS ListCost,
       'USD' AS BillingCurrency, 'AWS' AS ProviderName, service AS ServiceName,
       category AS ServiceCategory, 'us-west-2' AS RegionId,
       CASE WHEN platform = '' THEN NULL ELSE 'platform-' || platform END AS SubAccountId,
       CASE WHEN committed THEN 'arn:aws:savingsplans::{ACCOUNT}:savingsplan/demo' END
           AS CommitmentDiscountId,
       CASE WHEN committed THEN 'Spend' END AS CommitmentDiscountCategory,
       CASE WHEN platform = '' THEN NULL
            ELSE json_object('platform', platform, 'component', component)::VARCHAR END AS Tags
FROM (SELECT DATE '{{first}}' + day::INTEGER AS d, * FROM src)
ORDER BY d, line
"""


def write(org: DemoOrg, out: Path) -> list[Path]:
    rng = rng_for(org.seed, "costs")
    logs = logs_per_day(org)
    scale = max(org.scale, 0.05)
    day = np.repeat(np.arange(DAYS), len(LINES))
    line = np.tile(np.arange(len(LINES)), DAYS)
    fixed = np.array([x[4] for x in LINES]) * scale
    tiering = np.clip((np.arange(DAYS) - (DAYS - TIERING_DAYS)) / TIERING_DAYS, 0.0, 1.0)
    storage = np.array([x[3] == "storage" for x in LINES])
    per_gb = np.array([x[5] for x in LINES])[None, :] * np.where(
        storage[None, :], 1.0 - (1.0 - TIERED_SHARE) * tiering[:, None], 1.0
    )
    committed = np.array([x[6] for x in LINES])
    billed = (fixed[line] + per_gb[day, line] * logs[day]) * rng.lognormal(0.0, 0.04, size=len(day))
    effective = np.where(committed[line], billed * (1 - COMMITMENT_DISCOUNT), billed)
    exported = day < DAYS - EXPORT_LAG_DAYS
    columns = {
        "day": day,
        "line": line,
        "service": np.array([x[0] for x in LINES])[line],
        "category": np.array([x[1] for x in LINES])[line],
        "platform": np.array([x[2] for x in LINES])[line],
        "component": np.array([x[3] for x in LINES])[line],
        "committed": committed[line],
        "billed": np.round(billed, 6),
        "effective": np.round(effective, 6),
    }
    columns = {name: values[exported] for name, values in columns.items()}
    path = out / "costs.csv"
    write_table(path, columns, _SELECT.format(first=org.timeline.first_day.isoformat()))
    return [path]
