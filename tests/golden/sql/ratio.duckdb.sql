-- actors_day: value
WITH periods AS (
  SELECT
    *
  FROM (VALUES
    (
      '2026-11-01',
      '2026-11-01',
      CAST('2026-11-01 00:00:00-07:00' AS TIMESTAMPTZ),
      CAST('2026-11-02 00:00:00-08:00' AS TIMESTAMPTZ)
    ),
    (
      '2026-11-02',
      '2026-11-02',
      CAST('2026-11-02 00:00:00-08:00' AS TIMESTAMPTZ),
      CAST('2026-11-03 00:00:00-08:00' AS TIMESTAMPTZ)
    ),
    (
      '2026-11-03',
      '2026-11-03',
      CAST('2026-11-03 00:00:00-08:00' AS TIMESTAMPTZ),
      CAST('2026-11-04 00:00:00-08:00' AS TIMESTAMPTZ)
    ),
    (
      '2026-11-04',
      '2026-11-04',
      CAST('2026-11-04 00:00:00-08:00' AS TIMESTAMPTZ),
      CAST('2026-11-05 00:00:00-08:00' AS TIMESTAMPTZ)
    ),
    (
      '2026-11-05',
      '2026-11-05',
      CAST('2026-11-05 00:00:00-08:00' AS TIMESTAMPTZ),
      CAST('2026-11-06 00:00:00-08:00' AS TIMESTAMPTZ)
    ),
    (
      '2026-11-06',
      '2026-11-06',
      CAST('2026-11-06 00:00:00-08:00' AS TIMESTAMPTZ),
      CAST('2026-11-07 00:00:00-08:00' AS TIMESTAMPTZ)
    ),
    (
      '2026-11-07',
      '2026-11-07',
      CAST('2026-11-07 00:00:00-08:00' AS TIMESTAMPTZ),
      CAST('2026-11-08 00:00:00-08:00' AS TIMESTAMPTZ)
    ),
    (
      '2026-11-08',
      '2026-11-08',
      CAST('2026-11-08 00:00:00-08:00' AS TIMESTAMPTZ),
      CAST('2026-11-09 00:00:00-08:00' AS TIMESTAMPTZ)
    ),
    (
      '2026-11-09',
      '2026-11-09',
      CAST('2026-11-09 00:00:00-08:00' AS TIMESTAMPTZ),
      CAST('2026-11-10 00:00:00-08:00' AS TIMESTAMPTZ)
    ),
    (
      '2026-11-10',
      '2026-11-10',
      CAST('2026-11-10 00:00:00-08:00' AS TIMESTAMPTZ),
      CAST('2026-11-11 00:00:00-08:00' AS TIMESTAMPTZ)
    ),
    (
      '2026-11-11',
      '2026-11-11',
      CAST('2026-11-11 00:00:00-08:00' AS TIMESTAMPTZ),
      CAST('2026-11-12 00:00:00-08:00' AS TIMESTAMPTZ)
    ),
    (
      '2026-11-12',
      '2026-11-12',
      CAST('2026-11-12 00:00:00-08:00' AS TIMESTAMPTZ),
      CAST('2026-11-13 00:00:00-08:00' AS TIMESTAMPTZ)
    ),
    (
      '2026-11-13',
      '2026-11-13',
      CAST('2026-11-13 00:00:00-08:00' AS TIMESTAMPTZ),
      CAST('2026-11-14 00:00:00-08:00' AS TIMESTAMPTZ)
    ),
    (
      '2026-11-14',
      '2026-11-14',
      CAST('2026-11-14 00:00:00-08:00' AS TIMESTAMPTZ),
      CAST('2026-11-15 00:00:00-08:00' AS TIMESTAMPTZ)
    ),
    (
      '2026-11-15',
      '2026-11-15',
      CAST('2026-11-15 00:00:00-08:00' AS TIMESTAMPTZ),
      CAST('2026-11-16 00:00:00-08:00' AS TIMESTAMPTZ)
    ),
    (
      '2026-11-16',
      '2026-11-16',
      CAST('2026-11-16 00:00:00-08:00' AS TIMESTAMPTZ),
      CAST('2026-11-17 00:00:00-08:00' AS TIMESTAMPTZ)
    ),
    (
      '2026-11-17',
      '2026-11-17',
      CAST('2026-11-17 00:00:00-08:00' AS TIMESTAMPTZ),
      CAST('2026-11-18 00:00:00-08:00' AS TIMESTAMPTZ)
    ),
    (
      '2026-11-18',
      '2026-11-18',
      CAST('2026-11-18 00:00:00-08:00' AS TIMESTAMPTZ),
      CAST('2026-11-19 00:00:00-08:00' AS TIMESTAMPTZ)
    ),
    (
      '2026-11-19',
      '2026-11-19',
      CAST('2026-11-19 00:00:00-08:00' AS TIMESTAMPTZ),
      CAST('2026-11-20 00:00:00-08:00' AS TIMESTAMPTZ)
    ),
    (
      '2026-11-20',
      '2026-11-20',
      CAST('2026-11-20 00:00:00-08:00' AS TIMESTAMPTZ),
      CAST('2026-11-21 00:00:00-08:00' AS TIMESTAMPTZ)
    ),
    (
      '2026-11-21',
      '2026-11-21',
      CAST('2026-11-21 00:00:00-08:00' AS TIMESTAMPTZ),
      CAST('2026-11-22 00:00:00-08:00' AS TIMESTAMPTZ)
    ),
    (
      '2026-11-22',
      '2026-11-22',
      CAST('2026-11-22 00:00:00-08:00' AS TIMESTAMPTZ),
      CAST('2026-11-23 00:00:00-08:00' AS TIMESTAMPTZ)
    ),
    (
      '2026-11-23',
      '2026-11-23',
      CAST('2026-11-23 00:00:00-08:00' AS TIMESTAMPTZ),
      CAST('2026-11-24 00:00:00-08:00' AS TIMESTAMPTZ)
    ),
    (
      '2026-11-24',
      '2026-11-24',
      CAST('2026-11-24 00:00:00-08:00' AS TIMESTAMPTZ),
      CAST('2026-11-25 00:00:00-08:00' AS TIMESTAMPTZ)
    ),
    (
      '2026-11-25',
      '2026-11-25',
      CAST('2026-11-25 00:00:00-08:00' AS TIMESTAMPTZ),
      CAST('2026-11-26 00:00:00-08:00' AS TIMESTAMPTZ)
    ),
    (
      '2026-11-26',
      '2026-11-26',
      CAST('2026-11-26 00:00:00-08:00' AS TIMESTAMPTZ),
      CAST('2026-11-27 00:00:00-08:00' AS TIMESTAMPTZ)
    ),
    (
      '2026-11-27',
      '2026-11-27',
      CAST('2026-11-27 00:00:00-08:00' AS TIMESTAMPTZ),
      CAST('2026-11-28 00:00:00-08:00' AS TIMESTAMPTZ)
    ),
    (
      '2026-11-28',
      '2026-11-28',
      CAST('2026-11-28 00:00:00-08:00' AS TIMESTAMPTZ),
      CAST('2026-11-29 00:00:00-08:00' AS TIMESTAMPTZ)
    ),
    (
      '2026-11-29',
      '2026-11-29',
      CAST('2026-11-29 00:00:00-08:00' AS TIMESTAMPTZ),
      CAST('2026-11-30 00:00:00-08:00' AS TIMESTAMPTZ)
    ),
    (
      '2026-11-30',
      '2026-11-30',
      CAST('2026-11-30 00:00:00-08:00' AS TIMESTAMPTZ),
      CAST('2026-12-01 00:00:00-08:00' AS TIMESTAMPTZ)
    )) AS v(outer_label, period, start_ts, end_ts)
), kpi_rows AS (
  SELECT
    *
  FROM "events" AS t
  WHERE
    (
      t."time" >= CAST('2026-11-01 00:00:00-07:00' AS TIMESTAMPTZ)
      AND t."time" < CAST('2026-12-01 00:00:00-08:00' AS TIMESTAMPTZ)
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
  COUNT(DISTINCT t."actor") AS value,
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

-- actors_month: value
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
  FROM "events" AS t
  WHERE
    (
      t."time" >= CAST('2026-11-01 00:00:00-07:00' AS TIMESTAMPTZ)
      AND t."time" < CAST('2026-12-01 00:00:00-08:00' AS TIMESTAMPTZ)
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
  COUNT(DISTINCT t."actor") AS value,
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
