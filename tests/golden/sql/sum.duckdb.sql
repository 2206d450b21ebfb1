-- value_sum: value
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
), hours AS (
  SELECT
    p.period,
    p.start_ts,
    p.end_ts,
    UNNEST(
      RANGE(EPOCH_US(p.start_ts) // 3600000000, (
        EPOCH_US(p.end_ts) - 1
      ) // 3600000000 + 1)
    ) AS k
  FROM periods AS p
), binned AS (
  SELECT
    p.period AS _hw_period,
    t.*
  FROM kpi_rows AS t
  JOIN hours AS p
    ON EPOCH_US(t."time") // 3600000000 = p.k
    AND t."time" >= p.start_ts
    AND t."time" < p.end_ts
)
SELECT
  t._hw_period AS period,
  GROUPING(t._hw_period) AS grouping_id,
  SUM(t."value") AS value,
  COUNT(t."time") AS row_count
FROM binned AS t
GROUP BY
  GROUPING SETS (
    (
      t._hw_period
    )
  )
ORDER BY
  period;

-- value_sum: coverage
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
  COUNT(
    DISTINCT CASE WHEN t."tenant" IN (
      SELECT
        tenant
      FROM tenants
    ) THEN t."tenant" END
  ) AS tenants_reporting,
  COUNT(t."tenant") AS tenant_rows,
  COUNT(t."time") AS row_count
FROM periods AS p
JOIN kpi_rows AS t
  ON (
    t."time" >= p.start_ts AND t."time" < p.end_ts
  );
