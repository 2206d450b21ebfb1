-- nps: value
WITH periods AS (
  SELECT
    *
  FROM (VALUES
    (
      'FY2027-Q2',
      'FY2027-Q2',
      CAST('2026-10-01 00:00:00-07:00' AS TIMESTAMPTZ),
      CAST('2027-01-01 00:00:00-08:00' AS TIMESTAMPTZ)
    )) AS v(outer_label, period, start_ts, end_ts)
), kpi_rows AS (
  SELECT
    *
  FROM "survey_responses" AS t
  WHERE
    (
      t."submitted_at" >= CAST('2026-10-01 00:00:00-07:00' AS TIMESTAMPTZ)
      AND t."submitted_at" < CAST('2027-01-01 00:00:00-08:00' AS TIMESTAMPTZ)
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
    ON EPOCH_US(t."submitted_at") // 3600000000 = p.k
    AND t."submitted_at" >= p.start_ts
    AND t."submitted_at" < p.end_ts
)
SELECT
  t._hw_period AS period,
  GROUPING(t._hw_period) AS grouping_id,
  COUNT(t."score") AS n,
  SUM(CASE WHEN t."score" >= 9 THEN 1 ELSE 0 END) AS promoters,
  SUM(CASE WHEN t."score" <= 6 THEN 1 ELSE 0 END) AS detractors,
  COUNT(t."submitted_at") AS row_count
FROM binned AS t
GROUP BY
  GROUPING SETS (
    (
      t._hw_period
    )
  )
ORDER BY
  period;
