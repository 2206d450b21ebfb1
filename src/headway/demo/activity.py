"""Who logs in when, and who queries what: the engineers' daily activity.

Engineers start using the platform once a tenant of their team is live (plus a personal
delay); each then logs in on a day with a personal probability scaled by the calendar
(weekdays ≈ 1, weekends and holidays ≈ 0.07, Christmas week 0.3). A login lands on one of
the team's live tenants; most logins go on to run dashboard queries. Nobody logs in to a
tenant whose data nobody looks at any more (``DemoOrg.unqueried_from``): such a login is
dropped. Usage's ``queries`` meter is the sum of these queries,
so the events and the meters tell the same story.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

from headway.demo.org import DemoOrg, rng_for
from headway.demo.timeline import DAYS, Arr

__all__ = ["Logins", "Queries", "cicd_logins", "logins", "queries"]


@dataclass(frozen=True)
class Logins:
    engineer: Arr
    tenant: Arr
    day: Arr
    time: Arr
    """Epoch seconds, UTC."""


@dataclass(frozen=True)
class Queries:
    engineer: Arr
    tenant: Arr
    day: Arr
    time: Arr
    count: Arr


def _team_live_counts(org: DemoOrg) -> tuple[Arr, Arr, Arr]:
    """Tenants ordered by (team, live day); each team's first index; live tenants per day."""
    live = org.live_day
    order = np.lexsort((live, org.tenant_team))
    n_teams = len(org.teams)
    start = np.searchsorted(org.tenant_team[order], np.arange(n_teams))
    hist = np.zeros((n_teams, DAYS + 1), dtype=np.int64)
    np.add.at(hist, (org.tenant_team, live), 1)
    return order, start, np.cumsum(hist, axis=1)[:, :DAYS]


@cache
def logins(org: DemoOrg) -> Logins:
    rng = rng_for(org.seed, "logins")
    order, start, live_count = _team_live_counts(org)
    team = org.engineer_team
    n = len(team)
    team_first = np.argmax(live_count > 0, axis=1)
    team_first[live_count[:, -1] == 0] = DAYS
    adopt = team_first[team] + rng.exponential(25.0, size=n).astype(np.int64)
    engagement = rng.beta(2.0, 3.5, size=n)
    growth = 0.8 + 0.35 * org.timeline.t  # the platform becomes more useful over the year
    p = engagement[:, None] * (org.timeline.activity * growth)[None, :]
    hit = rng.random((n, DAYS)) < p
    hit &= np.arange(DAYS)[None, :] >= adopt[:, None]
    eng, day = np.nonzero(hit)
    t = team[eng]
    pick = np.floor(rng.random(len(eng)) * live_count[t, day]).astype(np.int64)
    tenant = order[start[t] + pick]
    seconds = np.clip(rng.normal(10.5 * 3600, 2.2 * 3600, size=len(eng)), 6 * 3600, 21 * 3600)
    keep = day < org.unqueried_from[tenant]
    eng, tenant, day, seconds = eng[keep], tenant[keep], day[keep], seconds[keep]
    return Logins(eng, tenant, day, org.timeline.utc_epoch(day, seconds))


@cache
def queries(org: DemoOrg) -> Queries:
    rng = rng_for(org.seed, "queries")
    lg = logins(org)
    queried = lg.day < org.unqueried_from[lg.tenant]
    keep = queried & (rng.random(len(lg.day)) < 0.5)
    count = 1 + rng.poisson(4.0, size=int(keep.sum()))
    delay = rng.integers(60, 1800, size=len(count))
    return Queries(lg.engineer[keep], lg.tenant[keep], lg.day[keep], lg.time[keep] + delay, count)


def queries_per_tenant_day(org: DemoOrg) -> Arr:
    """``[tenant, day]`` → number of queries run."""
    q = queries(org)
    out = np.zeros((org.n_tenants, DAYS), dtype=np.int64)
    np.add.at(out, (q.tenant, q.day), q.count)
    return out


@cache
def cicd_logins(org: DemoOrg) -> Logins:
    """Logins to the CI/CD platform's UI: on a working day with builds, an engineer of the
    tenant's team opens its pipelines (so CI/CD usage is never "data nobody looks at")."""
    from headway.demo.usage import cicd_usage

    rng = rng_for(org.seed, "cicd-logins")
    minutes = cicd_usage(org).meters["build_minutes"]
    busy = np.isfinite(minutes) & (org.timeline.activity >= 0.5)[None, :]
    tenant, day = np.nonzero(busy)
    team = org.tenant_team[tenant]
    order = np.argsort(org.engineer_team, kind="stable")
    first = np.searchsorted(org.engineer_team[order], team, side="left")
    size = np.searchsorted(org.engineer_team[order], team, side="right") - first
    keep = size > 0
    tenant, day, first, size = tenant[keep], day[keep], first[keep], size[keep]
    eng = order[first + np.floor(rng.random(len(day)) * size).astype(np.int64)]
    seconds = rng.integers(9 * 3600, 18 * 3600, size=len(day))
    return Logins(eng, tenant, day, org.timeline.utc_epoch(day, seconds))
