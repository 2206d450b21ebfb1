-- manual: value
SELECT
  q.period,
  q.value
FROM (
  SELECT
    '2026-11' AS period,
    7 AS value
  UNION ALL
  SELECT
    '2026-10',
    5
) AS q
WHERE
  q.period IN ('2026-11');
