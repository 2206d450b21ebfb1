"""``headway init``: a new workspace with a commented, valid ``headway.yaml``."""

from __future__ import annotations

from pathlib import Path

from headway.errors import HeadwayError

__all__ = ["TEMPLATE", "init_workspace"]

TEMPLATE = """\
# headway.yaml — your platform's vision, North Stars, KPIs, SLOs, costs and OKRs as code.
# Check it with `headway validate` (exit 1 on any error: fit for CI). The reference of every
# field is docs/configuration.md. Completion in your editor: run
# `headway schema > .headway.schema.json`, then make this the first line of the file:
#   # yaml-language-server: $schema=.headway.schema.json

workspace: My platform engineering        # shown on the scorecard and the report
timezone: UTC                             # IANA name; periods are cut in this zone
fiscal_year_start_month: 1                # 2–12 names fiscal quarters FY2027-Q2 …
currency: USD                             # one currency for every cost

# Split a large file: list sections from other files (relative paths or globs) are appended.
# include: [okrs/*.yaml]

# Why the platform exists, in one sentence the whole team can repeat.
vision: Every product team ships and runs software on our platform, faster and safer than alone.

# At most three North Star Metrics: the few numbers the whole team steers by.
# Each names the KPI that measures it.
north_stars:
  - id: adoption
    title: Platform adoption
    kpi: active_tenants

# The platform's initiatives (products); KPIs belong to one.
initiatives:
  - id: observability
    title: Internal observability platform
    owner: team-o11y

# KPIs: how each number is computed from a dataset (see docs/configuration.md for all kinds:
# count, count_distinct, sum, mean, min, max, percentile, duration, ratio, nps, slo, index, sql).
kpis:
  - id: active_tenants
    title: Tenants sending observability data
    initiative: observability
    drives: adoption                      # the North Star it moves
    kind: count_distinct
    dataset: usage
    column: tenant
    where: "quantity > 0 AND platform = 'observability'"   # SQL, DuckDB dialect
    grain: month                          # day | week | month | quarter | year
    direction: up                         # which way is better
    target: 20
    by: [team]                            # default breakdown

  - id: mttr
    title: Mean time to resolve production incidents
    initiative: observability
    kind: duration
    dataset: incidents
    start: opened_at
    end: resolved_at
    stat: mean                            # mean | median | p90
    time_unit: hours
    grain: month
    direction: down
    target: 4

  - id: ingest_availability
    title: Ingest availability
    initiative: observability
    kind: slo
    slo: ingest-availability
    measure: attainment                   # attainment | budget_remaining | burn_rate
    grain: month
    direction: up
    target: 0.999

# SLOs over the `slis` dataset: objective as a fraction, rolling window (28d) or calendar.
slos:
  - id: ingest-availability
    platform: observability
    component: ingest-gateway
    indicator: availability
    objective: 0.999
    window: 28d

# Chargeback: a pool of cost rows per platform, shared out by weighted usage meters.
costs:
  pools:
    - platform: observability
      match: "Tags->>'platform' = 'observability'"   # SQL over the FOCUS cost columns
      allocation:
        - {meter: logs_gb, weight: 0.7}
        - {meter: metric_series, weight: 0.3}

# OKRs: objectives per quarter whose metric key results move with their KPIs.
okrs:
  - id: observability-default
    title: Observability is the default for every product
    level: company                        # company | group | team | individual
    owner: cto
    cycle: 2026-Q3
    key_results:
      - id: observability-default.tenants
        title: 20 tenants send data
        kpi: active_tenants
        baseline: 10
        target: 20
      - id: observability-default.guide
        title: Self-service onboarding guide published
        kind: milestone
"""

_GITIGNORE_LINE = ".headway/"


def init_workspace(folder: Path) -> list[Path]:
    """Write ``headway.yaml`` (never over an existing one) and make git ignore ``.headway/``.

    Returns the files written or changed.
    """
    config = folder / "headway.yaml"
    if config.exists():
        raise HeadwayError(
            f"{config} already exists; headway init never overwrites it. Edit it and run "
            "`headway validate`, or pass another folder: `headway init DIR`"
        )
    folder.mkdir(parents=True, exist_ok=True)
    config.write_text(TEMPLATE, encoding="utf-8")
    written = [config]
    ignore = folder / ".gitignore"
    existing = ignore.read_text(encoding="utf-8") if ignore.exists() else ""
    if _GITIGNORE_LINE not in existing.splitlines():
        sep = "" if not existing or existing.endswith("\n") else "\n"
        ignore.write_text(
            f"{existing}{sep}# Headway's store (rebuilt from your data)\n{_GITIGNORE_LINE}\n",
            encoding="utf-8",
        )
        written.append(ignore)
    return written
