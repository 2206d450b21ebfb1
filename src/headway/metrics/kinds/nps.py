"""``nps``: 100 × (promoters − detractors) ÷ n with its 95 % margin of error."""

from __future__ import annotations

import math
from typing import Any

from headway.config.models import NPSKPI
from headway.metrics.kinds.base import KindSpec, Row, col

__all__ = ["nps_details", "nps_significant", "nps_spec", "nps_value"]


def nps_value(promoters: int, detractors: int, n: int) -> float | None:
    return None if n == 0 else 100.0 * (promoters - detractors) / n


def margin_of_error(promoters: int, detractors: int, n: int) -> float | None:
    """1.96 × 100 × √((p + d − (p − d)²) ÷ n)."""
    if n == 0:
        return None
    p, d = promoters / n, detractors / n
    return 1.96 * 100 * math.sqrt(max(p + d - (p - d) ** 2, 0.0) / n)


def nps_details(row: Row) -> dict[str, Any]:
    n = int(row.get("n") or 0)
    pro, det = int(row.get("promoters") or 0), int(row.get("detractors") or 0)
    share = (lambda k: k / n) if n else (lambda k: None)
    return {
        "n": n,
        "promoters": share(pro),
        "passives": share(n - pro - det),
        "detractors": share(det),
        "margin_of_error": margin_of_error(pro, det, n),
    }


def nps_significant(
    value: float | None, moe: float | None, prev: float | None, prev_moe: float | None
) -> bool | None:
    """|difference| ÷ √(SE₁² + SE₂²) > 1.96, SE = margin of error ÷ 1.96."""
    if value is None or prev is None or moe is None or prev_moe is None:
        return None
    se = math.sqrt((moe / 1.96) ** 2 + (prev_moe / 1.96) ** 2)
    if se == 0:
        return value != prev
    return abs(value - prev) / se > 1.96


def nps_spec(kpi: NPSKPI) -> KindSpec:
    score = col("score")
    return KindSpec(
        dataset="survey_responses",
        time_column="submitted_at",
        measures={
            "n": f"count({score})",
            "promoters": f"sum(CASE WHEN {score} >= 9 THEN 1 ELSE 0 END)",
            "detractors": f"sum(CASE WHEN {score} <= 6 THEN 1 ELSE 0 END)",
        },
        value=lambda r: nps_value(
            int(r.get("promoters") or 0), int(r.get("detractors") or 0), int(r.get("n") or 0)
        ),
        details=nps_details,
    )
