"""``survey_responses``: four quarterly developer NPS surveys, NPS about 12 → 18 → 25 → 31.

Each survey runs in the last two weeks of a quarter that ended by the as-of. The share of
promoters and detractors is fixed per survey (then shuffled), so the score rises at any
scale and any seed; the comments say why.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np

from headway.demo.files import ISO, write_table
from headway.demo.org import DemoOrg, rng_for
from headway.demo.timeline import Arr

__all__ = ["DATASET", "NPS", "write"]

DATASET = "survey_responses"
NPS = (12, 18, 25, 31)
PASSIVES = 0.35
RESPONSE_RATE = 0.12

COMMENTS = {
    "detractor": (
        "Onboarding took three weeks and two tickets.",
        "Dashboards time out when I need them most, during incidents.",
        "Too many alerts, and I cannot tell which ones matter.",
        "The SDK docs are out of date for Java.",
        "I still do not know what we pay for all these logs.",
    ),
    "passive": (
        "Works, but querying logs across services is slow.",
        "Better than last quarter; the new onboarding guide helped.",
        "Would like more examples for the Go SDK.",
        "Fine for metrics, traces are still hard to use.",
    ),
    "promoter": (
        "Onboarding our new service took two days. Great job.",
        "The service dashboards save us hours every incident.",
        "Love the self-service onboarding.",
        "Alert routing per team is exactly what we needed.",
        "The cost breakdown per tenant finally makes sense.",
    ),
}


def _scores(rng: np.random.Generator, n: int, nps: int) -> tuple[Arr, Arr]:
    """Scores with exactly the promoter/detractor counts of ``nps``; their category."""
    promoters = round(n * ((1 - PASSIVES) + nps / 100) / 2)
    detractors = round(n * ((1 - PASSIVES) - nps / 100) / 2)
    category = np.array([2] * promoters + [0] * detractors + [1] * (n - promoters - detractors))
    category = rng.permutation(category)
    score = np.select(
        [category == 2, category == 1],
        [rng.integers(9, 11, size=n), rng.integers(7, 9, size=n)],
        rng.choice(7, size=n, p=[0.03, 0.03, 0.06, 0.1, 0.13, 0.3, 0.35]),
    )
    return score, category


def write(org: DemoOrg, out: Path) -> list[Path]:
    rng = rng_for(org.seed, "surveys")
    tl = org.timeline
    n = max(40, round(RESPONSE_RATE * len(org.engineers)))
    keys = ("survey", "time", "who", "score", "comment")
    parts: dict[str, list[Arr]] = {k: [] for k in keys}
    quarters = tl.complete_quarters()[-len(NPS) :]
    for k, (label, _start, end) in enumerate(quarters):
        first = max(end - dt.timedelta(days=13), tl.first_day)
        size = round(n * (1 + 0.1 * k))
        score, category = _scores(rng, size, NPS[k + len(NPS) - len(quarters)])
        day = tl.index_of(first) + rng.integers(0, (end - first).days + 1, size=size)
        parts["time"].append(tl.utc_epoch(day, rng.integers(8 * 3600, 19 * 3600, size=size)))
        parts["who"].append(rng.choice(len(org.engineers), size=size, replace=False))
        parts["score"].append(score)
        parts["survey"].append(np.full(size, label))
        pick = [COMMENTS[c] for c in ("detractor", "passive", "promoter")]
        texts = np.array([pick[c][rng.integers(len(pick[c]))] for c in category.tolist()])
        parts["comment"].append(np.where(rng.random(size) < 0.4, texts, ""))
    who = np.concatenate(parts["who"])
    columns = {
        "survey": np.concatenate(parts["survey"]),
        "time": np.concatenate(parts["time"]),
        "respondent": np.array(org.engineers)[who],
        "team": np.array(org.teams)[org.engineer_team[who]],
        "score": np.concatenate(parts["score"]),
        "comment": np.concatenate(parts["comment"]),
    }
    select = f"""
    SELECT survey || '-' || lpad(row_number() OVER (PARTITION BY survey ORDER BY time,
               respondent)::VARCHAR, 4, '0') AS response_id,
           survey, {ISO.format("time")} AS submitted_at, score, respondent, team,
           NULLIF(comment, '') AS comment
    FROM src ORDER BY time, respondent
    """
    path = out / "survey_responses.csv"
    write_table(path, columns, select)
    return [path]
