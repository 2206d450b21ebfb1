"""Demo OKRs: two quarters (the one holding as-of and the one before) of a platform org.

company ← platform group ← observability team ← two individuals, with key results on the
demo's KPIs (active_tenants, time_to_onboard, mttr, developer_nps, ingest_availability,
cost_per_gb) and milestones whose check-ins put one individual objective at risk.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from headway.periods import Period, period_of

__all__ = ["demo_checkins", "demo_okrs", "demo_okrs_yaml"]


def _quarters(as_of: dt.date) -> tuple[Period, Period]:
    current = period_of(as_of, "quarter")
    return current.previous(), current


def _slug(q: Period) -> str:
    return q.label.lower()


def _objectives(q: Period, first: bool) -> list[dict[str, Any]]:
    s = _slug(q)
    tenants, nps = (200, 25) if first else (250, 30)
    return [
        {
            "id": f"platform-default-{s}",
            "title": "Every product team ships on the platform",
            "level": "company",
            "owner": "cto",
            "cycle": q.label,
            "key_results": [
                {
                    "id": f"platform-default-{s}.tenants",
                    "title": f"{tenants} tenants send data",
                    "kpi": "active_tenants",
                    "baseline": "auto",
                    "target": tenants,
                    "commit": tenants - 30,
                },
                {
                    "id": f"platform-default-{s}.nps",
                    "title": f"Developer NPS reaches {nps}",
                    "kpi": "developer_nps",
                    "baseline": "auto",
                    "target": nps,
                },
            ],
        },
        {
            "id": f"fast-onboarding-{s}",
            "title": "Onboarding takes days, not weeks",
            "level": "group",
            "owner": "platform-group",
            "parent": f"platform-default-{s}",
            "cycle": q.label,
            "key_results": [
                {
                    "id": f"fast-onboarding-{s}.tto",
                    "title": "Time to onboard under 5 days",
                    "kpi": "time_to_onboard",
                    "baseline": "auto",
                    "target": 5,
                },
                {
                    "id": f"fast-onboarding-{s}.guide",
                    "kind": "milestone",
                    "title": "Self-service onboarding guide published",
                },
            ],
        },
        {
            "id": f"reliable-o11y-{s}",
            "title": "Observability is reliable and affordable",
            "level": "team",
            "owner": "team-o11y",
            "parent": f"fast-onboarding-{s}",
            "cycle": q.label,
            "key_results": [
                {
                    "id": f"reliable-o11y-{s}.availability",
                    "title": "Ingest availability 99.9 %",
                    "kpi": "ingest_availability",
                    "baseline": 0.995,
                    "target": 0.999,
                    "commit": 0.998,
                    "stretch": 0.9995,
                },
                {
                    "id": f"reliable-o11y-{s}.mttr",
                    "title": "Median time to resolve under 8 hours",
                    "kpi": "mttr",
                    "baseline": "auto",
                    "target": 8,
                    "weight": 2,
                },
                {
                    "id": f"reliable-o11y-{s}.cost",
                    "title": "Cost per GB under 0.05",
                    "kpi": "cost_per_gb",
                    "baseline": "auto",
                    "target": 0.05,
                    "commit": 0.06,
                },
            ],
        },
        {
            "id": f"cheaper-logs-{s}",
            "title": "Logs cost less to keep",
            "level": "individual",
            "owner": "alice",
            "parent": f"reliable-o11y-{s}",
            "cycle": q.label,
            "key_results": [
                {
                    "id": f"cheaper-logs-{s}.tiering",
                    "kind": "milestone",
                    "title": "Tiered log storage rolled out to every tenant",
                },
                {
                    "id": f"cheaper-logs-{s}.cost",
                    "title": "Cost per GB over the quarter under 0.05",
                    "kpi": "cost_per_gb",
                    "baseline": "auto",
                    "target": 0.05,
                    "window": "cycle",
                },
            ],
        },
        {
            "id": f"faster-response-{s}",
            "title": "Incidents are resolved faster",
            "level": "individual",
            "owner": "bob",
            "parent": f"reliable-o11y-{s}",
            "weight": 0.5,
            "cycle": q.label,
            "key_results": [
                {
                    "id": f"faster-response-{s}.runbooks",
                    "kind": "milestone",
                    "title": "Runbooks for the ten loudest alerts",
                },
                {
                    "id": f"faster-response-{s}.oncall",
                    "kind": "milestone",
                    "title": "On-call handbook reviewed by every tenant team",
                },
            ],
        },
    ]


def demo_okrs(as_of: dt.date) -> list[dict[str, Any]]:
    """The ``okrs:`` entries of the demo workspace (calendar quarters)."""
    previous, current = _quarters(as_of)
    return _objectives(previous, True) + _objectives(current, False)


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


def _quarter_checkins(q: Period, until: dt.date) -> list[dict[str, Any]]:
    s, days = _slug(q), (q.end - q.start).days
    elapsed = min(1.0, max(0.0, (until - q.start).days / days))
    plan = [  # (kr, share of the quarter, progress, confidence, note, author)
        (f"fast-onboarding-{s}.guide", 0.3, 0.4, 0.8, "Draft reviewed by two teams", "maria"),
        (f"fast-onboarding-{s}.guide", 0.7, 0.9, 0.9, "Published; collecting feedback", "maria"),
        (f"cheaper-logs-{s}.tiering", 0.25, 0.3, 0.7, "Cold tier live for 5 tenants", "alice"),
        (f"cheaper-logs-{s}.tiering", 0.6, 0.6, 0.7, "Half the tenants migrated", "alice"),
        (f"faster-response-{s}.runbooks", 0.2, 0.1, 0.6, "Alert inventory done", "bob"),
        (f"faster-response-{s}.runbooks", 0.55, 0.15, 0.4, "Blocked: incident load", "bob"),
        (f"faster-response-{s}.oncall", 0.5, 0.1, 0.5, "Outline only", "bob"),
    ]
    out = [
        _checkin(kr, q.start + dt.timedelta(days=int(share * days)), conf, note, who, progress=p)
        for kr, share, p, conf, note, who in plan
        if share <= elapsed
    ]
    if elapsed >= 0.5:
        day = q.start + dt.timedelta(days=days // 2)
        out.append(
            _checkin(
                f"reliable-o11y-{s}.mttr",
                day,
                0.6,
                "Two long incidents in week 5",
                "team-o11y",
                value=14,
            )
        )
    return sorted(out, key=lambda c: c["checked_in_at"])


def demo_checkins(as_of: dt.date) -> list[dict[str, Any]]:
    """Check-ins for :func:`demo_okrs` made before ``as_of``, oldest first; each a dict of
    the ``okr_checkins`` columns (without ``checkin_id``)."""
    previous, current = _quarters(as_of)
    rows = _quarter_checkins(previous, previous.end) + _quarter_checkins(current, as_of)
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
