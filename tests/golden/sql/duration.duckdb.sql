-- mttr: value
WITH periods AS (
  SELECT
    *
  FROM (VALUES
    (
      '2026-11',
      '2026-11',
      CAST('2026-11-01 00:00:00-07:00' AS TIMESTAMPTZ),
      CAST('2026-12-01 00:00:00-08:00' AS TIMESTAMPTZ)
    )) AS v(outer_label, period, start_ts, end_ts)
), kpi_rows AS (
  SELECT
    *
  FROM "incidents" AS t
  WHERE
    (
      (
        t."resolved_at" >= CAST('2026-11-01 00:00:00-07:00' AS TIMESTAMPTZ)
        AND t."resolved_at" < CAST('2026-12-01 00:00:00-08:00' AS TIMESTAMPTZ)
      )
      OR (
        t."resolved_at" IS NULL
        AND t."opened_at" < CAST('2026-12-01 00:00:00-08:00' AS TIMESTAMPTZ)
      )
    )
)
SELECT
  p.outer_label AS outer_label,
  p.period AS period,
  GROUPING(p.period) AS grouping_id,
  QUANTILE_CONT((
    EPOCH(t."resolved_at") - EPOCH(t."opened_at")
  ) / 3600, 0.5) AS value,
  COUNT(t."opened_at") - COUNT(t."resolved_at") AS open,
  COUNT(t."resolved_at") AS row_count
FROM periods AS p
LEFT JOIN kpi_rows AS t
  ON (
    (
      t."resolved_at" >= p.start_ts AND t."resolved_at" < p.end_ts
    )
    OR (
      t."resolved_at" IS NULL AND t."opened_at" < p.end_ts
    )
  )
GROUP BY
  GROUPING SETS (
    (p.outer_label, p.period)
  )
ORDER BY
  outer_label,
  period;

-- mttr: coverage
WITH periods AS (
  SELECT
    *
  FROM (VALUES
    (
      '2026-11',
      '2026-11',
      CAST('2026-11-01 00:00:00-07:00' AS TIMESTAMPTZ),
      CAST('2026-12-01 00:00:00-08:00' AS TIMESTAMPTZ)
    )) AS v(outer_label, period, start_ts, end_ts)
), kpi_rows AS (
  SELECT
    *
  FROM "incidents" AS t
  WHERE
    (
      (
        t."resolved_at" >= CAST('2026-11-01 00:00:00-07:00' AS TIMESTAMPTZ)
        AND t."resolved_at" < CAST('2026-12-01 00:00:00-08:00' AS TIMESTAMPTZ)
      )
      OR (
        t."resolved_at" IS NULL
        AND t."opened_at" < CAST('2026-12-01 00:00:00-08:00' AS TIMESTAMPTZ)
      )
    )
)
SELECT
  COUNT(
    DISTINCT CASE WHEN t."tenant" IN (
      SELECT
        tenant
      FROM tenants
    ) THEN t."tenant" END
  ) AS tenants_reporting,
  COUNT(t."tenant") AS tenant_rows,
  COUNT(t."resolved_at") AS row_count
FROM periods AS p
JOIN kpi_rows AS t
  ON (
    (
      t."resolved_at" >= p.start_ts AND t."resolved_at" < p.end_ts
    )
    OR (
      t."resolved_at" IS NULL AND t."opened_at" < p.end_ts
    )
  );
