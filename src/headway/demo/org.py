"""The demo organisation shared by every generator: orgs, teams, tenants, engineers.

A :class:`DemoOrg` also fixes *when* each tenant onboards (an S-curve over the year, with
lead times improving from about 20 to about 5 days) and the traits that make the data
tell a story: a few noisy tenants, a few whose data nobody queries, some whose ingest
grows much faster than its use. Generators read these; none of them re-draws them.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np

from headway.demo.names import FIRST, LAST, ORGS, PRODUCTS, TEAMS
from headway.demo.timeline import DAYS, Arr, Timeline

__all__ = ["DemoOrg", "make_org", "rng_for"]

PLATFORM = "observability"
TENANTS_PER_SCALE = 300
ENGINEERS_PER_SCALE = 3000
TEAMS_PER_SCALE = 40
ORGS_PER_SCALE = 5


def rng_for(seed: int, stream: str) -> np.random.Generator:
    """An independent generator per dataset: adding a dataset never changes another."""
    return np.random.default_rng([seed, zlib.crc32(stream.encode())])


def _count(base: int, scale: float, power: float = 1.0, minimum: int = 1) -> int:
    return max(minimum, round(float(base * scale**power)))


@dataclass(frozen=True, eq=False)
class DemoOrg:
    """Everything the generators share. Arrays are indexed by tenant or engineer.

    Compared by identity, so per-org caches (logins, usage totals) are computed once.
    """

    timeline: Timeline
    seed: int
    scale: float
    orgs: list[str]
    teams: list[str]
    team_org: Arr
    tenants: list[str]
    tenant_names: list[str]
    tenant_team: Arr
    requested: Arr
    """Onboarding request, in fractional days since the first day of the window."""
    lead_days: Arr
    completed: Arr
    """Onboarding completion in fractional days, NaN when not completed by the as-of."""
    noisy: Arr
    """Tenants that send ten times the logs of their peers."""
    unqueried_from: Arr
    """Day index from which nobody queries the tenant's data (DAYS: never)."""
    fast_growth: Arr
    """Tenants whose ingest triples over the year while their queries stay flat."""
    engineers: list[str]
    engineer_team: Arr

    @property
    def n_tenants(self) -> int:
        return len(self.tenants)

    def epoch(self, days: Arr) -> Arr:
        """Epoch seconds (UTC) of fractional local days since the window's first day."""
        whole = np.floor(days)
        out: Arr = self.timeline.utc_epoch(whole, np.round((days - whole) * 86400))
        return out

    @property
    def live_day(self) -> Arr:
        """First whole day a tenant sends data (DAYS when it has not onboarded)."""
        done = np.nan_to_num(self.completed, nan=float(DAYS))
        out: Arr = np.minimum(np.ceil(done), DAYS).astype(np.int64)
        return out


def _teams(scale: float) -> tuple[list[str], list[str], Arr]:
    n_orgs = min(len(ORGS), _count(ORGS_PER_SCALE, scale, 0.2, 2))
    n_teams = _count(TEAMS_PER_SCALE, scale, 0.5, 3)
    orgs = list(ORGS[:n_orgs])
    teams: list[str] = []
    team_org: list[int] = []
    for i in range(n_teams):
        name, org = TEAMS[i % len(TEAMS)]
        teams.append(name if i < len(TEAMS) else f"{name}-{i // len(TEAMS) + 1}")
        team_org.append(orgs.index(org) if org in orgs else i % n_orgs)
    return orgs, teams, np.array(team_org, dtype=np.int64)


def _tenant_names(rng: np.random.Generator, teams: list[str], team: Arr) -> list[str]:
    out: list[str] = []
    used: set[str] = set()
    picks = rng.integers(0, len(PRODUCTS), size=len(team))
    for t, p in zip(team.tolist(), picks.tolist(), strict=True):
        base = f"{teams[t]}-{PRODUCTS[p]}"
        name, k = base, 2
        while name in used:
            name, k = f"{base}-{k}", k + 1
        used.add(name)
        out.append(name)
    return out


def _onboarding(rng: np.random.Generator, n: int) -> tuple[Arr, Arr, Arr]:
    """S-curve requests over the year; lead time ~20 days early, ~5 days late."""
    k, mid = 7.0, 0.35
    lo, hi = 1 / (1 + np.exp(k * mid)), 1 / (1 + np.exp(-k * (0.995 - mid)))
    u = np.sort(rng.uniform(lo, hi, size=n))
    frac = mid - np.log(1 / u - 1) / k
    day = np.floor(frac * (DAYS - 1))
    requested = day + (9.0 + 9.0 * rng.random(n)) / 24.0  # business hours, local
    mean_lead = 20.0 - 16.0 * frac
    lead = mean_lead * rng.gamma(6.0, 1 / 6.0, size=n)
    stalled = rng.random(n) < 0.02
    completed = requested + lead
    completed[stalled | (completed >= DAYS)] = np.nan
    return requested, lead, completed


def _engineers(rng: np.random.Generator, n: int, n_teams: int) -> tuple[list[str], Arr]:
    weights = rng.lognormal(0.0, 0.5, size=n_teams)
    team = rng.choice(n_teams, size=n, p=weights / weights.sum())
    combos = len(FIRST) * len(LAST)
    ids = rng.permutation(max(n, combos))[:n]
    names = []
    for i in ids.tolist():
        first, last = FIRST[i % len(FIRST)], LAST[(i // len(FIRST)) % len(LAST)]
        suffix = "" if i < combos else str(i // combos + 1)
        names.append(f"{first}.{last}{suffix}")
    return names, np.sort(team)


def make_org(timeline: Timeline, seed: int, scale: float) -> DemoOrg:
    """The organisation for ``seed`` and ``scale`` (300 tenants, 3,000 engineers at 1)."""
    rng = rng_for(seed, "org")
    orgs, teams, team_org = _teams(scale)
    n = _count(TENANTS_PER_SCALE, scale, 1.0, 5)
    weights = rng.lognormal(0.0, 0.6, size=len(teams))
    # every team has at least one tenant; the rest follow team size
    extra = rng.choice(len(teams), size=max(0, n - len(teams)), p=weights / weights.sum())
    tenant_team = rng.permutation(np.concatenate([np.arange(min(n, len(teams))), extra]))
    names = _tenant_names(rng, teams, tenant_team)
    requested, lead, completed = _onboarding(rng, n)
    noisy = np.zeros(n, dtype=bool)
    noisy[rng.choice(n, size=max(1, round(0.02 * n)), replace=False)] = True
    unqueried = np.full(n, DAYS, dtype=np.int64)
    candidates = np.flatnonzero(~noisy & (np.nan_to_num(completed, nan=DAYS) < DAYS - 60))
    size = min(len(candidates), max(1, round(0.04 * n)))
    silent = rng.choice(candidates, size=size, replace=False)
    unqueried[silent] = rng.integers(0, DAYS - 45, size=len(silent))
    fast = (rng.random(n) < 0.08) & ~noisy
    engineers, engineer_team = _engineers(rng, _count(ENGINEERS_PER_SCALE, scale), len(teams))
    return DemoOrg(
        timeline=timeline,
        seed=seed,
        scale=scale,
        orgs=orgs,
        teams=teams,
        team_org=team_org,
        tenants=names,
        tenant_names=[s.replace("-", " ").title() for s in names],
        tenant_team=tenant_team,
        requested=requested,
        lead_days=lead,
        completed=completed,
        noisy=noisy,
        unqueried_from=unqueried,
        fast_growth=fast,
        engineers=engineers,
        engineer_team=engineer_team,
    )
