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
)
SELECT
  p.outer_label AS outer_label,
  p.period AS period,
  GROUPING(p.period) AS grouping_id,
  COUNT(t."score") AS n,
  SUM(CASE WHEN t."score" >= 9 THEN 1 ELSE 0 END) AS promoters,
  SUM(CASE WHEN t."score" <= 6 THEN 1 ELSE 0 END) AS detractors,
  COUNT(t."submitted_at") AS row_count
FROM periods AS p
LEFT JOIN kpi_rows AS t
  ON (
    t."submitted_at" >= p.start_ts AND t."submitted_at" < p.end_ts
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
