WITH periods AS (
  SELECT
    *
  FROM (VALUES
    ('FY2027-Q2', 'FY2027-Q2', CAST('2026-10-01' AS DATE), CAST('2027-01-01' AS DATE))) AS v(outer_label, period, start_ts, end_ts)
), kpi_rows AS (
  SELECT
    *
  FROM "usage" AS t
  WHERE
    (
      t."day" >= CAST('2026-10-01' AS DATE) AND t."day" < CAST('2027-01-01' AS DATE)
    )
    AND (
      quantity > 0
    )
)
SELECT
  p.outer_label AS outer_label,
  p.period AS period,
  GROUPING(p.period) AS grouping_id,
  COUNT(DISTINCT t."tenant") AS value,
  COUNT(t."day") AS row_count,
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
    t."day" >= p.start_ts AND t."day" < p.end_ts
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
