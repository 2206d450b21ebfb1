-- tenants_q: value
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
), hours AS (
  SELECT
    p.period,
    p.start_ts,
    p.end_ts,
    UNNEST(
      RANGE(
        DATE_DIFF('DAY', CAST('1970-01-01' AS DATE), p.start_ts),
        DATE_DIFF('DAY', CAST('1970-01-01' AS DATE), p.end_ts)
      )
    ) AS k
  FROM periods AS p
), binned AS (
  SELECT
    p.period AS _hw_period,
    t.*
  FROM kpi_rows AS t
  JOIN hours AS p
    ON DATE_DIFF('DAY', CAST('1970-01-01' AS DATE), t."day") = p.k
    AND t."day" >= p.start_ts
    AND t."day" < p.end_ts
)
SELECT
  t._hw_period AS period,
  GROUPING(t._hw_period) AS grouping_id,
  COUNT(DISTINCT t."tenant") AS value,
  COUNT(t."day") AS row_count
FROM binned AS t
GROUP BY
  GROUPING SETS (
    (
      t._hw_period
    )
  )
ORDER BY
  period;

-- tenants_q: coverage
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
  COUNT(
    DISTINCT CASE WHEN t."tenant" IN (
      SELECT
        tenant
      FROM tenants
    ) THEN t."tenant" END
  ) AS tenants_reporting,
  COUNT(t."tenant") AS tenant_rows,
  COUNT(t."day") AS row_count
FROM periods AS p
JOIN kpi_rows AS t
  ON (
    t."day" >= p.start_ts AND t."day" < p.end_ts
  );
