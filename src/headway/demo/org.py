"""The demo organisation shared by every generator: orgs, teams, tenants, engineers.

A :class:`DemoOrg` also fixes *when* each tenant onboards (an S-curve over the year that
is still climbing at the as-of, with lead times improving from about 20 to about 5 days)
and the traits that make the data tell a story (docs/demo.md): a few noisy tenants, a
handful whose ingest grows much faster than its use, two or three whose data nobody has
looked at for months, one that lost its owning team, and the few teams that build on the
CI/CD platform. Generators read these; none of them re-draws them.
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
    """Day index from which nobody queries the tenant's data nor logs in to it (DAYS: never)."""
    fast_growth: Arr
    """A handful of tenants whose ingest grows ×4 over the last five months (debug logging
    left on) while their queries stay on the ordinary curve."""
    engineers: list[str]
    engineer_team: Arr
    orphan: int
    """The tenant whose team was disbanded: it has no team in the ``tenants`` dataset."""
    cicd_teams: Arr
    """Indices of the teams whose tenants build on the CI/CD platform."""
    gpu_tenant: int
    """The tenant that used the CI/CD GPU runners, until ``GPU_UNTIL`` days before the as-of."""

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
    """S-curve requests over the year, a sixth of them in the last quarter; lead time ~20
    days early, ~5 days late."""
    k, mid = 5.5, 0.45
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
    traits = _traits(rng, completed, noisy, len(teams))
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
        unqueried_from=traits.unqueried_from,
        fast_growth=traits.fast_growth,
        engineers=engineers,
        engineer_team=engineer_team,
        orphan=traits.orphan,
        cicd_teams=traits.cicd_teams,
        gpu_tenant=traits.gpu_tenant,
    )


@dataclass(frozen=True)
class _Traits:
    unqueried_from: Arr
    fast_growth: Arr
    orphan: int
    cicd_teams: Arr
    gpu_tenant: int


#: Fast growth starts this many days before the as-of; idle tenants go quiet between
#: IDLE_FROM and IDLE_TO days before it, so the latest complete month (which ends at most
#: 31 days before the as-of) always holds 30 idle days and a three-month growth.
FAST_FROM = 150
IDLE_FROM, IDLE_TO = 150, 75
#: The GPU runners are idle in the last this many days (more than two months).
GPU_UNTIL = 70


def _traits(rng: np.random.Generator, completed: Arr, noisy: Arr, n_teams: int) -> _Traits:
    """Pick, among tenants live for six months and more, who tells which part of the story.

    The counts do not follow the scale: a handful of fast growers and two or three idle
    tenants are what a platform lead can act on, at any size.
    """
    n = len(completed)
    early = np.flatnonzero(~noisy & (np.nan_to_num(completed, nan=DAYS) < DAYS - 180))
    if len(early) < 4:  # a tiny org: any tenant live before the idle window
        early = np.flatnonzero(np.nan_to_num(completed, nan=DAYS) < DAYS - IDLE_FROM)
    picks = rng.permutation(early)
    k_fast = int(np.clip(round(0.015 * n), 2, 5))
    k_idle = 3 if n >= 100 else 2
    fast = np.zeros(n, dtype=bool)
    fast[picks[:k_fast]] = True
    unqueried = np.full(n, DAYS, dtype=np.int64)
    idle = picks[k_fast : k_fast + k_idle]
    unqueried[idle] = rng.integers(DAYS - IDLE_FROM, DAYS - IDLE_TO, size=len(idle))
    rest = picks[k_fast + k_idle :]
    orphan = int(rest[0]) if len(rest) else int(picks[-1])
    gpu = int(rest[1]) if len(rest) > 1 else orphan
    k_cicd = int(np.clip(round(n_teams / 6), 2, 6))
    cicd = np.sort(rng.choice(n_teams, size=min(n_teams, k_cicd), replace=False))
    return _Traits(unqueried, fast, orphan, cicd, gpu)
