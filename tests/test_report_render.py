"""Rendering a hand-made WeeklyReport: Markdown, HTML, charts, formatting, the summary."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from headway.metrics.value import Change, KPIValue, Point
from headway.report.fmt import fmt_change, fmt_number, fmt_target, fmt_value
from headway.report.model import (
    CostSection,
    DataWarning,
    InitiativeSection,
    NorthStarSection,
    OKRRow,
    OKRSection,
    Recommendation,
    SLORow,
    SLOSection,
    TeamCost,
    VendorRow,
    WeeklyReport,
)
from headway.report.render import report_html, report_markdown, write_report
from headway.report.summary import summarize


def kpi(
    kpi_id: str,
    value: float | None,
    previous: float | None,
    *,
    target: float | None = None,
    direction: str = "up",
    unit: str | None = None,
    period: str = "2026-W48",
) -> KPIValue:
    absolute = None if value is None or previous is None else value - previous
    relative = None if absolute is None or not previous else absolute / abs(previous)
    status = "no_data" if value is None else "no_target"
    if value is not None and target is not None:
        ok = value >= target if direction == "up" else value <= target
        status = "met" if ok else "missed"
    return KPIValue(
        kpi=kpi_id,
        title=kpi_id.replace("_", " ").capitalize(),
        period=period,
        grain="week",
        value=value,
        unit=unit,
        direction=direction,  # type: ignore[arg-type]
        target=target,
        status=status,  # type: ignore[arg-type]
        previous_period="2026-W47" if previous is not None else None,
        previous_value=previous,
        change=Change(absolute, relative),
        rows=10,
        coverage=1.0,
    )


def sample_report() -> WeeklyReport:
    """A report with every section filled, numbers chosen to be checked by hand."""
    adoption = kpi("active_tenants", 44, 40, target=42)
    history = [Point(f"2026-W{w}", float(30 + w - 37)) for w in range(37, 48)]
    history.append(Point("2026-W48", 44.0))
    mttr = kpi("mttr", 6.0, 4.0, target=5.0, direction="down", unit="hours")
    north_stars = [
        NorthStarSection("adoption", "Platform adoption", adoption, history, [mttr]),
        NorthStarSection("nps", "Developer NPS", None, note="no data for 2026-Q4"),
    ]
    initiatives = [
        InitiativeSection("o11y", "Observability | logs", "team-o11y", [kpi("logins", 90, 100)])
    ]
    slos = SLOSection(
        [
            SLORow("ingest", "o11y", "gateway", "availability", 0.999, 0.997, -2.0, 3.0),
            SLORow("query", "o11y", "query", "latency", 0.99, 0.995, 0.5, 0.5),
        ]
    )
    okrs = OKRSection(
        "2026-Q4",
        [
            OKRRow(
                "default", "Observability is the default", "company", "cto", 0, 0.4, 0.6, "at_risk"
            ),
            OKRRow("onboard", "Onboarding in days", "group", "pg", 1, 0.1, 0.6, "off_track"),
        ],
    )
    costs = CostSection(
        "2026-W48",
        "USD",
        total=1000.0,
        unallocated=100.0,
        teams=[
            TeamCost("payments", 600.0, 0.6, {"checkout": 600.0}, {"logs_gb": 0.12}),
            TeamCost("search", 300.0, 0.3, {"indexer": 200.0, "web": 100.0}, {"logs_gb": 0.2}),
        ],
        vendors=[VendorRow("saas-a", "SaaS vendor A", 1500.0, 900.0, 600.0)],
        recommendations=[
            Recommendation("Drop unqueried debug logs", "search", 120.0, "40 % never read"),
            Recommendation("Sample spans", "payments", 80.0, "spans up 300 %"),
        ],
    )
    warnings = [DataWarning("usage", "last data 2026-11-26, 3 days late (daily cadence)")]
    summary = summarize(north_stars, initiatives, slos, okrs, costs, warnings)
    return WeeklyReport(
        workspace="Acme platform",
        week="2026-W48",
        start=dt.date(2026, 11, 23),
        end=dt.date(2026, 11, 30),
        as_of=dt.datetime(2026, 12, 1, tzinfo=dt.UTC),
        timezone="UTC",
        currency="USD",
        vision="Every team ships faster on our platform.",
        summary=summary,
        north_stars=north_stars,
        initiatives=initiatives,
        slos=slos,
        okrs=okrs,
        costs=costs,
        data_warnings=warnings,
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, "—"),
        (3.0, "3"),
        (1234567.0, "1,234,567"),
        (12.345, "12.35"),
        (0.5, "0.5"),
        (0.1234, "0.123"),
        (0.001234, "0.00123"),
        (-2.5, "-2.5"),
    ],
)
def test_fmt_number(value: float | None, expected: str) -> None:
    assert fmt_number(value) == expected


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (None, "hours", "no data"),
        (4.5, "hours", "4.5 hours"),
        (12.0, "%", "12 %"),
        (0.25, "ratio", "25.0 %"),
        (0.9991, "ratio", "99.910 %"),
        (7.0, None, "7"),
    ],
)
def test_fmt_value(value: float | None, unit: str | None, expected: str) -> None:
    assert fmt_value(value, unit) == expected


@pytest.mark.parametrize(
    ("value", "previous", "direction", "expected"),
    [
        (44, 40, "up", "+4 (+10.0 %) vs 2026-W47, better"),
        (36, 40, "up", "−4 (−10.0 %) vs 2026-W47, worse"),
        (36, 40, "down", "−4 (−10.0 %) vs 2026-W47, better"),
        (40, 40, "up", "±0 (±0.0 %) vs 2026-W47"),
        (5, 0, "up", "+5 vs 2026-W47, better"),
        (5, None, "up", "no previous value"),
    ],
)
def test_fmt_change(value: float, previous: float | None, direction: str, expected: str) -> None:
    assert fmt_change(kpi("k", value, previous, direction=direction)) == expected


@pytest.mark.parametrize(
    ("value", "target", "direction", "expected"),
    [
        (44, 42, "up", "target 42: met"),
        (40, 42, "up", "target 42: missed by 2"),
        (6, 5, "down", "target 5: missed by 1"),
        (4, None, "up", "no target"),
        (None, 5, "up", "target 5: no data"),
    ],
)
def test_fmt_target(
    value: float | None, target: float | None, direction: str, expected: str
) -> None:
    assert fmt_target(kpi("k", value, 1, target=target, direction=direction)) == expected


def test_summary_names_movers_risks_and_top_saving() -> None:
    assert sample_report().summary == [
        # |relative|: mttr 50 %, logins 10 %, active_tenants 10 % (tie broken by id)
        "Mttr rose 50.0 % to 6 hours in 2026-W48 (worse).",
        "Active tenants rose 10.0 % to 44 in 2026-W48 (better).",
        "Logins fell 10.0 % to 90 in 2026-W48 (worse).",
        "Mttr missed its target 5 hours in 2026-W48 (6 hours) after meeting it in 2026-W47.",
        "SLO ingest burns its error budget 3.0× as fast as it accrues (-200.0 % left).",
        "1 objective(s) off track: Onboarding in days.",
        "Data warnings on usage (see the last section).",
        "Top saving: Drop unqueried debug logs (search), 120.00 USD a month.",
    ]


def test_summary_of_an_empty_week_is_empty() -> None:
    empty = summarize([], [], SLOSection(), OKRSection(None), CostSection(None, "USD"), [])
    assert empty == []


def test_markdown_has_every_section_and_escapes_pipes() -> None:
    text, charts = report_markdown(sample_report())
    headings = re.findall(r"^#+ (.*)$", text, flags=re.M)
    assert headings == [
        "Acme platform: weekly report 2026-W48",
        "What changed",
        "Vision and North Star Metrics",
        "Platform adoption",
        "Developer NPS",
        "Initiatives",
        "Observability | logs (owner: team-o11y)",
        "SLOs, fastest-burning first",
        "OKRs 2026-Q4",
        "Platform cost 2026-W48",
        "Chargeback by team",
        "Vendor comparison",
        "Top recommendations",
        "Data freshness and completeness",
    ]
    assert [c.name for c in charts] == ["nsm-adoption"]
    assert "![Platform adoption](charts/nsm-adoption.png)" in text
    assert "_no data for 2026-Q4_" in text
    assert "| search | 300.00 USD | 30.0 % | indexer 200, web 100 | logs_gb 0.2 |" in text


def test_team_copy_carries_only_its_own_chargeback() -> None:
    text, _ = report_markdown(sample_report().for_team("payments"))
    assert "| payments | 600.00 USD |" in text
    assert "search" not in text.split("## Platform cost")[1].split("## Data")[0]
    assert "Acme platform: weekly report 2026-W48 — team payments" in text


def test_html_is_self_contained() -> None:
    html = report_html(sample_report())
    assert html.count("<svg") == 1
    assert not re.search(r"""(src|href)=["'](?!cid:|#|data:)""", html)
    assert "<script" not in html
    assert "<link" not in html
    assert "@import" not in html
    assert "max-width:760px" in html
    assert "Observability | logs (owner: team-o11y)" in html


def test_write_report_is_reproducible(tmp_path: Path) -> None:
    report = sample_report()
    first = write_report(report, tmp_path / "a", "md")
    second = write_report(report, tmp_path / "b", "md")
    assert first.name == "weekly-2026-W48.md"
    assert first.read_bytes() == second.read_bytes()
    png = "charts/nsm-adoption.png"
    assert (tmp_path / "a" / png).read_bytes() == (tmp_path / "b" / png).read_bytes()
    assert (tmp_path / "a" / png).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    html_a = write_report(report, tmp_path / "a", "html").read_bytes()
    html_b = write_report(report, tmp_path / "b", "html").read_bytes()
    assert html_a == html_b


def test_sections_degrade_to_notes() -> None:
    bare = WeeklyReport(
        workspace="Bare",
        week="2026-W48",
        start=dt.date(2026, 11, 23),
        end=dt.date(2026, 11, 30),
        as_of=dt.datetime(2026, 12, 1, tzinfo=dt.UTC),
        timezone="UTC",
        currency="EUR",
        vision=None,
        summary=[],
        north_stars=[],
        initiatives=[],
        slos=SLOSection(note="No SLOs configured."),
        okrs=OKRSection(None, note="No OKRs configured."),
        costs=CostSection(None, "EUR", note="Costs not configured."),
        data_warnings=[],
    )
    text, charts = report_markdown(bare)
    assert charts == []
    for note in [
        "- Nothing moved enough to mention this week.",
        "_No vision configured._",
        "_No North Star Metrics configured._",
        "_No initiatives configured._",
        "_No SLOs configured._",
        "_No OKRs configured._",
        "_Costs not configured._",
        "_Every dataset is fresh and complete._",
    ]:
        assert note in text
