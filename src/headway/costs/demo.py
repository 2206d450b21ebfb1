"""The ``costs:`` block of the demo workspace (see docs/costs.md for the data it needs)."""

from __future__ import annotations

from typing import Any

__all__ = ["demo_costs_config"]


def demo_costs_config() -> dict[str, Any]:
    """A ``costs:`` mapping for headway.yaml: three pools, two price books, thresholds.

    The observability platform is charged by three weighted meters plus a fixed,
    evenly split on-call amount; CI/CD by build minutes, cache and GPU minutes (the demo's
    GPU runners sit idle at the end: ``unallocated_cost``). SaaS vendor A is dearer for
    every observability meter (``keep_platform``); hosted CI is cheaper per cache GB and
    dearer per build minute (``vendor_cheaper``). ``metric_series`` is a daily gauge, so
    usage sums series-days and its price is per series-day (0.05 per series-month).
    """
    return {
        "pools": [
            {
                "platform": "observability",
                "title": "Observability cloud bill",
                "match": "Tags->>'platform' = 'observability'",
                "allocation": [
                    {"meter": "logs_gb", "weight": 0.6},
                    {"meter": "metric_series", "weight": 0.3},
                    {"meter": "spans_million", "weight": 0.1},
                ],
            },
            {
                "platform": "observability",
                "id": "observability-oncall",
                "title": "Observability on-call and licences",
                "amount": 1200,
                "split": "even",
            },
            {
                "platform": "cicd",
                "title": "CI/CD runners",
                "match": "Tags->>'platform' = 'cicd'",
                "allocation": [
                    {"meter": "build_minutes", "weight": 0.75},
                    {"meter": "cache_gb", "weight": 0.15},
                    {"meter": "gpu_minutes", "weight": 0.1},
                ],
            },
        ],
        "vendors": [
            {
                "id": "saas-a",
                "title": "SaaS vendor A, list prices",
                "as_of": "2026-06-01",
                "source": "the vendor's public price page (illustrative demo figures)",
                "prices": {"logs_gb": 0.10, "metric_series": 0.0016, "spans_million": 1.70},
            },
            {
                "id": "ci-cloud",
                "title": "Hosted CI, list prices",
                "as_of": "2026-05-15",
                "source": "the vendor's public price page (illustrative demo figures)",
                "prices": {"build_minutes": 0.009, "cache_gb": 0.25},
            },
        ],
        "recommendations": {
            "ingest_meter": "logs_gb",
            "query_meter": "queries",
            "query_events": ["query"],
            "login_events": ["login"],
            "ingest_growth_ratio": 1.5,
            "growth_months": 3,
            "idle_days": 30,
            "peer_multiple": 3.0,
            "unallocated_share": 0.05,
        },
    }
