"""Demo OKRs: two quarters (the one holding as-of, and the closed one before it).

company ← platform group ← observability team ← two individuals, with key results on the
demo's KPIs (active_tenants, developer_nps, time_to_onboard, mttr, ingest_availability,
cost_per_gb) and milestones. The demo measures each KPI's baseline (the period before the
cycle, as ``baseline: auto`` would) with :func:`measure_baselines` and passes them to
:func:`demo_okrs`, which writes them as numbers with targets that improve on them in the
KPI's direction (:data:`AMBITION`); so the ``okrs:`` section a user reads holds the real
numbers at any scale and as-of. Without baselines the KRs fall back to ``baseline: auto``
and fixed targets. Check-ins put one individual objective at risk.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from headway.periods import Period, period_of

if TYPE_CHECKING:
    from headway.workspace import Workspace

__all__ = ["AMBITION", "demo_checkins", "demo_okrs", "demo_okrs_yaml", "measure_baselines"]

Baselines = Mapping[tuple[str, str], float]
"""(cycle label, KPI id) → the KPI over the period of its grain before the cycle."""

#: How far each demo target moves from its baseline: a relative change (cost per GB −15 %),
#: or for NPS points. Availability steps to the next "nines" above the baseline, and active
#: tenants stop at the tenants that exist (``tenants_known``).
AMBITION: dict[str, float] = {
    "active_tenants": 0.15,
    "developer_nps": 8.0,
    "time_to_onboard": -0.20,
    "mttr": -0.25,
    "cost_per_gb": -0.15,
}
NINES = (0.999, 0.9995, 0.9999, 0.99995)
#: Fixed targets when no baselines are given (``baseline: auto``).
FALLBACK = {
    "active_tenants": 250.0,
    "developer_nps": 30.0,
    "time_to_onboard": 5.0,
    "mttr": 8.0,
    "ingest_availability": 0.999,
    "cost_per_gb": 0.05,
}
KR_KPIS = tuple(FALLBACK)


def _quarters(as_of: dt.date) -> tuple[Period, Period]:
    current = period_of(as_of, "quarter")
    return current.previous(), current


def _slug(q: Period) -> str:
    return q.label.lower()


def _round(x: float, digits: int = 4) -> float:
    """``digits`` significant digits: what a person would write in a YAML file."""
    if x == 0 or not math.isfinite(x):
        return x
    return round(x, digits - 1 - math.floor(math.log10(abs(x))))


def _target(kpi: str, baseline: float, tenants_known: int) -> float:
    if kpi == "ingest_availability":
        return next((n for n in NINES if n > baseline + 0.00005), 1.0)
    if kpi == "developer_nps":
        return float(round(baseline + AMBITION[kpi]))
    if kpi == "active_tenants":
        goal = min(tenants_known, math.ceil(baseline * (1 + AMBITION[kpi])))
        return float(max(goal, baseline + 1))
    return _round(baseline * (1 + AMBITION[kpi]), 2)


def _fmt(kpi: str, x: float) -> str:
    if kpi == "ingest_availability":
        return f"{100 * x:g} %"
    if kpi == "cost_per_gb":
        return f"{x:g} USD"
    return f"{x:g}"


_TITLES = {
    "active_tenants": "{t} tenants send data",
    "developer_nps": "Developer NPS reaches {t}",
    "time_to_onboard": "Time to onboard under {t} days",
    "mttr": "Median time to resolve under {t} hours",
    "ingest_availability": "Ingest availability {t}",
    "cost_per_gb": "Cost per GB of logs under {t}",
}


def _metric(
    q: Period, kr_id: str, kpi: str, baselines: Baselines | None, known: int, **extra: Any
) -> dict[str, Any] | None:
    """A metric KR dict; None when the KPI had no data before the cycle."""
    if baselines is None:
        base: float | str = "auto"
        target = FALLBACK[kpi]
    else:
        measured = baselines.get((q.label, kpi))
        if measured is None:
            return None
        base = _round(measured) if kpi != "active_tenants" else measured
        target = _target(kpi, float(base), known)
    title = extra.pop("title", _TITLES[kpi]).format(t=_fmt(kpi, target))
    if kpi in ("active_tenants", "developer_nps") and isinstance(base, float):
        base, target = _whole(base), _whole(target)  # 199, not 199.0, in the YAML
    return {"id": kr_id, "title": title, "kpi": kpi, "baseline": base, "target": target, **extra}


def _whole(x: float) -> float:
    return int(x) if x == int(x) else x


def _milestone(kr_id: str, title: str) -> dict[str, Any]:
    return {"id": kr_id, "kind": "milestone", "title": title}


def _krs(*items: dict[str, Any] | None) -> list[dict[str, Any]]:
    return [i for i in items if i is not None]


def _objectives(
    q: Period, closed: bool, baselines: Baselines | None, known: int
) -> list[dict[str, Any]]:
    s = _slug(q)

    def metric(kr: str, kpi: str, **extra: Any) -> dict[str, Any] | None:
        return _metric(q, f"{kr}-{s}.{kpi}", kpi, baselines, known, **extra)

    # NPS is surveyed at a quarter's end: it is a KR of the closed quarter only, since the
    # open one could not read it before it ends (it would sit at 0 % all quarter).
    company = _krs(
        metric("platform-default", "active_tenants"),
        metric("platform-default", "developer_nps")
        if closed
        else _milestone(
            f"platform-default-{s}.chargeback", "Every team gets a monthly cost statement"
        ),
    )
    return [
        _objective(
            "platform-default",
            s,
            q,
            "Every product team ships on the platform",
            "company",
            "cto",
            None,
            company,
        ),
        _objective(
            "fast-onboarding",
            s,
            q,
            "Onboarding takes days, not weeks",
            "group",
            "platform-group",
            "platform-default",
            _krs(
                metric("fast-onboarding", "time_to_onboard"),
                _milestone(f"fast-onboarding-{s}.guide", "Self-service onboarding guide published"),
            ),
        ),
        _objective(
            "reliable-o11y",
            s,
            q,
            "Observability is reliable and affordable",
            "team",
            "team-o11y",
            "fast-onboarding",
            _krs(
                metric("reliable-o11y", "ingest_availability"),
                metric("reliable-o11y", "mttr", weight=2),
                metric("reliable-o11y", "cost_per_gb"),
            ),
        ),
        _objective(
            "cheaper-logs",
            s,
            q,
            "Logs cost less to keep",
            "individual",
            "alice",
            "reliable-o11y",
            _krs(
                _milestone(
                    f"cheaper-logs-{s}.tiering", "Tiered log storage rolled out to every tenant"
                ),
                metric(
                    "cheaper-logs",
                    "cost_per_gb",
                    window="cycle",
                    title="Cost per GB over the quarter under {t}",
                ),
            ),
        ),
        {
            **_objective(
                "faster-response",
                s,
                q,
                "Incidents are resolved faster",
                "individual",
                "bob",
                "reliable-o11y",
                [
                    _milestone(
                        f"faster-response-{s}.runbooks", "Runbooks for the ten loudest alerts"
                    ),
                    _milestone(
                        f"faster-response-{s}.oncall",
                        "On-call handbook reviewed by every tenant team",
                    ),
                ],
            ),
            "weight": 0.5,
        },
    ]


def _objective(
    name: str,
    s: str,
    q: Period,
    title: str,
    level: str,
    owner: str,
    parent: str | None,
    krs: list[dict[str, Any]],
) -> dict[str, Any]:
    out: dict[str, Any] = {"id": f"{name}-{s}", "title": title, "level": level, "owner": owner}
    if parent:
        out["parent"] = f"{parent}-{s}"
    return {**out, "cycle": q.label, "key_results": krs}


def demo_okrs(
    as_of: dt.date, baselines: Baselines | None = None, tenants_known: int = 0
) -> list[dict[str, Any]]:
    """The ``okrs:`` entries of the demo workspace (calendar quarters). ``baselines`` come
    from :func:`measure_baselines`; ``tenants_known`` caps the tenants target."""
    previous, current = _quarters(as_of)
    known = tenants_known or 10**9
    return _objectives(previous, True, baselines, known) + _objectives(
        current, False, baselines, known
    )


def measure_baselines(ws: Workspace, as_of: dt.date) -> dict[tuple[str, str], float]:
    """Each KR KPI over the latest period of its grain that ends by each demo cycle's
    start (what ``baseline: auto`` reads), for the cycles of :func:`demo_okrs`."""
    from headway.okrs.keyresults import auto_baseline_period

    fsm = ws.config.fiscal_year_start_month
    out: dict[tuple[str, str], float] = {}
    for q in _quarters(as_of):
        for kpi in KR_KPIS:
            info = ws.config.kpi(kpi)
            if info is None:
                continue
            period = auto_baseline_period(q, info.grain, fsm)
            value = ws.kpi_value(kpi, period.label).value
            if value is not None:
                out[(q.label, kpi)] = float(value)
    return out


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(16, 0), tzinfo=dt.UTC)


def _checkin(
    kr: str, day: dt.date, conf: float, note: str, author: str, **kw: float
) -> dict[str, Any]:
    return {
        "key_result": kr,
        "checked_in_at": _at(day),
        "value": kw.get("value"),
        "progress": kw.get("progress"),
        "confidence": conf,
        "note": note,
        "author": author,
    }


def _quarter_checkins(q: Period, until: dt.date, closed: bool) -> list[dict[str, Any]]:
    s, days = _slug(q), (q.end - q.start).days
    elapsed = min(1.0, max(0.0, (until - q.start).days / days))
    plan = [  # (kr, share of the quarter, progress, confidence, note, author)
        (f"fast-onboarding-{s}.guide", 0.3, 0.4, 0.8, "Draft reviewed by two teams", "maria"),
        (f"fast-onboarding-{s}.guide", 0.7, 0.9, 0.9, "Published; collecting feedback", "maria"),
        (f"platform-default-{s}.chargeback", 0.15, 0.3, 0.8, "First statements sent", "cto"),
        (f"platform-default-{s}.chargeback", 0.6, 0.7, 0.8, "All teams but two", "cto"),
        (f"cheaper-logs-{s}.tiering", 0.25, 0.3, 0.7, "Cold tier live for 5 tenants", "alice"),
        (f"cheaper-logs-{s}.tiering", 0.6, 0.6, 0.7, "Half the tenants migrated", "alice"),
        (f"faster-response-{s}.runbooks", 0.2, 0.1, 0.6, "Alert inventory done", "bob"),
        (f"faster-response-{s}.runbooks", 0.55, 0.15, 0.4, "Blocked: incident load", "bob"),
        (f"faster-response-{s}.oncall", 0.5, 0.1, 0.5, "Outline only", "bob"),
    ]
    out = [
        _checkin(kr, q.start + dt.timedelta(days=int(share * days)), conf, note, who, progress=p)
        for kr, share, p, conf, note, who in plan
        if share <= elapsed and not (closed and kr.endswith(".chargeback"))
    ]
    return sorted(out, key=lambda c: c["checked_in_at"])


def demo_checkins(as_of: dt.date) -> list[dict[str, Any]]:
    """Check-ins for :func:`demo_okrs` made before ``as_of``, oldest first; each a dict of
    the ``okr_checkins`` columns (without ``checkin_id``)."""
    previous, current = _quarters(as_of)
    rows = _quarter_checkins(previous, previous.end, True)
    rows += _quarter_checkins(current, as_of, False)
    rows = [r for r in rows if r["checked_in_at"].date() < as_of]
    return sorted(rows + _lagging(current, as_of), key=lambda c: c["checked_in_at"])


def _lagging(q: Period, as_of: dt.date) -> list[dict[str, Any]]:
    """Bob's latest check-ins, the day before as-of, about 0.18 behind the elapsed share of
    the quarter: ``faster-response-…`` is at risk once a fifth of the quarter has passed."""
    elapsed = (as_of - q.start).days / (q.end - q.start).days
    if elapsed < 0.2:
        return []
    s, day, p = _slug(q), as_of - dt.timedelta(days=1), round(elapsed - 0.18, 2)
    return [
        _checkin(
            f"faster-response-{s}.runbooks", day, 0.5, "Behind: incident load", "bob", progress=p
        ),
        _checkin(
            f"faster-response-{s}.oncall", day, 0.5, "Drafting with two teams", "bob", progress=p
        ),
    ]


def demo_okrs_yaml(as_of: dt.date) -> str:
    """The ``okrs:`` section of the demo's ``headway.yaml`` as YAML text."""
    import yaml

    return yaml.safe_dump({"okrs": demo_okrs(as_of)}, sort_keys=False, allow_unicode=True)
