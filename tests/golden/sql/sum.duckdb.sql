WITH periods AS (
  SELECT
    *
  FROM (VALUES
    (
      '2026-11-01',
      '2026-11-01',
      CAST('2026-11-01 00:00:00-07:00' AS TIMESTAMPTZ),
      CAST('2026-11-02 00:00:00-08:00' AS TIMESTAMPTZ)
    )) AS v(outer_label, period, start_ts, end_ts)
), kpi_rows AS (
  SELECT
    *
  FROM "events" AS t
  WHERE
    (
      t."time" >= CAST('2026-11-01 00:00:00-07:00' AS TIMESTAMPTZ)
      AND t."time" < CAST('2026-11-02 00:00:00-08:00' AS TIMESTAMPTZ)
    )
    AND (
      platform = 'o11y'
    )
)
SELECT
  p.outer_label AS outer_label,
  p.period AS period,
  GROUPING(p.period) AS grouping_id,
  SUM(t."value") AS value,
  COUNT(t."time") AS row_count,
  COUNT(
    DISTINCT CASE WHEN t."tenant" IN (
      SELECT
        tenant
      FROM tenants
    ) THEN t."tenant" END
  ) AS tenants_reporting,
  COUNT(t."tenant") AS tenant_rows
FROM periods AS p
LEFT JOIN kpi_rows AS t
  ON (
    t."time" >= p.start_ts AND t."time" < p.end_ts
  )
GROUP BY
  GROUPING SETS (
    (p.outer_label, p.period),
    (
      p.outer_label
    )
  )
ORDER BY
  outer_label,
  period
