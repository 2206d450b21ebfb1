"""Rendering a hand-made WeeklyReport: Markdown, HTML, charts, formatting, the summary."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

import pytest

from headway.metrics.value import Change, KPIValue, Point
from headway.report.fmt import (
    clean_text,
    fmt_change,
    fmt_number,
    fmt_sig,
    fmt_target,
    fmt_value,
    meter_unit,
)
from headway.report.model import (
    CostPoint,
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
    significant: bool | None = None,
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
        change=Change(absolute, relative, significant),
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
            TeamCost(
                "search",
                300.0,
                0.3,
                {"indexer": 150.0, "web": 100.0, "api": 30.0, "batch": 15.0, "cron": 5.0},
                {"logs_gb": 0.2, "spans_million": 0.3757},
            ),
        ],
        history=[
            CostPoint(f"2026-W{w}", platform, cost)
            for w in (47, 48)
            for platform, cost in (("cicd", 100.0), ("observability", 800.0 + w))
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
    ("value", "whole", "expected"),
    [
        (None, False, "—"),
        (3.0, False, "3"),
        (1234567.0, False, "1,234,567"),
        (758.14, False, "758"),
        (30.98, False, "31"),
        (12.345, False, "12.3"),
        (7.284, False, "7.28"),
        (0.5, False, "0.5"),
        (0.1234, False, "0.123"),
        (0.001234, False, "0.00123"),
        (-2.5, False, "−2.5"),
        (75.43, True, "75"),
        (2.5, True, "2"),
    ],
)
def test_fmt_number(value: float | None, whole: bool, expected: str) -> None:
    assert fmt_number(value, whole=whole) == expected


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (None, "hours", "no data"),
        (4.5, "hours", "4.5 hours"),
        (0.99966, "%", "99.97 %"),
        (0.999, "%", "99.9 %"),
        (0.12, "%", "12 %"),
        (-0.295, "percent", "−29.5 %"),
        (0.25, "ratio", "25 %"),
        (6126.678, "USD", "6,126.68 USD"),
        (9000.0, "EUR", "9,000.00 EUR"),
        (211946.38, "GB", "211,946 GB"),
        (0.02891, "USD/GB", "0.0289 USD/GB"),
        (7.0, None, "7"),
    ],
)
def test_fmt_value(value: float | None, unit: str | None, expected: str) -> None:
    assert fmt_value(value, unit) == expected


@pytest.mark.parametrize(
    ("value", "digits", "expected"),
    [
        (35.608000000000004, 4, "35.61"),
        (0.000118745, 4, "0.0001187"),
        (6966.9400000000005, 4, "6,967"),
        (0.03183, 2, "0.032"),
        (0.3757, 2, "0.38"),
        (0.0, 4, "0"),
        (-1.23456, 3, "−1.23"),
    ],
)
def test_fmt_sig(value: float, digits: int, expected: str) -> None:
    assert fmt_sig(value, digits) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("35.608000000000004 spans_million", "35.61 spans_million"),
        ("paid 210.02 USD for 684,424 series", "paid 210.02 USD for 684,424 series"),
        ("0.000307 USD per unit (> 2.0× median)", "0.000307 USD per unit (> 2.0× median)"),
        ("x 6966.9400000000005 y 1.5", "x 6967 y 1.5"),
        ("version 1.2.34567 stays", "version 1.2.34567 stays"),
    ],
)
def test_clean_text_rounds_float_noise_only(text: str, expected: str) -> None:
    assert clean_text(text) == expected


@pytest.mark.parametrize(
    ("meter", "unit"),
    [
        ("logs_gb", "GB"),
        ("observability.logs_gb", "GB"),
        ("spans_million", "million"),
        ("metric_series", "series"),
        ("build_minutes", "minute"),
        ("requests", "request"),
    ],
)
def test_meter_unit(meter: str, unit: str) -> None:
    assert meter_unit(meter) == unit


@pytest.mark.parametrize(
    ("value", "previous", "direction", "unit", "expected"),
    [
        (44, 40, "up", None, "+4 (+10.0 %) vs 2026-W47, better"),
        (36, 40, "up", None, "−4 (−10.0 %) vs 2026-W47, worse"),
        (36, 40, "down", None, "−4 (−10.0 %) vs 2026-W47, better"),
        (40, 40, "up", None, "±0 (±0.0 %) vs 2026-W47"),
        (5, 0, "up", None, "+5 vs 2026-W47, better"),
        (5, None, "up", None, "no previous value"),
        (0.9995, 0.9997, "up", "%", "−0.02 pp vs 2026-W47, worse"),
        (6126.68, 6209.08, "down", "USD", "−82.40 (−1.3 %) vs 2026-W47, better"),
    ],
)
def test_fmt_change(
    value: float, previous: float | None, direction: str, unit: str | None, expected: str
) -> None:
    assert fmt_change(kpi("k", value, previous, direction=direction, unit=unit)) == expected


def test_fmt_change_of_counts_and_insignificant_nps() -> None:
    dau = kpi("dau", 758.14, 921.71)
    assert fmt_change(dau, whole=True) == "−164 (−17.7 %) vs 2026-W47, worse"
    nps = kpi("nps", 30.98, 25.0, significant=False)
    assert fmt_change(nps) == "+5.98 (+23.9 %) vs 2026-W47, better (not significant)"


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


def test_summary_leads_with_movers_then_risks_then_the_top_saving() -> None:
    assert sample_report().summary == [
        # |relative|: mttr 50 %, logins 10 %, active_tenants 10 % (tie broken by id)
        "Mttr rose 50.0 % to 6 hours in 2026-W48 vs 2026-W47 (worse).",
        "Active tenants rose 10.0 % to 44 in 2026-W48 vs 2026-W47 (better).",
        "Logins fell 10.0 % to 90 in 2026-W48 vs 2026-W47 (worse).",
        "Burning error budget faster than it accrues: SLO ingest 3.0× (−200.0 % of the "
        "budget left).",
        "1 of 2 objectives off track (2026-Q4): Onboarding in days.",
        # newly missed target and data warnings: no room left within 6 lines
        "Top saving: Drop unqueried debug logs (search), 120.00 USD a month.",
    ]


def test_summary_movers_are_this_periods_only_and_say_not_significant() -> None:
    nps = kpi("nps", 30.98, 25.0, period="2026-Q3", significant=False)
    dau = kpi("dau", 758.14, 921.71)
    uptime = kpi("uptime", 0.9995, 0.9997, unit="%")
    sections = [NorthStarSection("n", "N", dau, [], [nps, uptime])]
    empty = (SLOSection(), OKRSection(None), CostSection(None, "USD"), [])
    fresh = summarize(sections, [], *empty, fresh={"dau", "uptime"}, whole=frozenset({"dau"}))
    assert fresh == [
        "Dau fell 17.7 % to 758 in 2026-W48 vs 2026-W47 (worse).",
        "Uptime fell 0.02 pp to 99.95 % in 2026-W48 vs 2026-W47 (worse).",
    ]
    every = summarize(sections, [], *empty)
    assert every[0] == ("Nps rose 23.9 % to 31 in 2026-Q3 vs 2026-W47 (better, not significant).")


def test_summary_risks_fill_the_room_movers_leave() -> None:
    report = sample_report()
    quiet = summarize([], [], report.slos, report.okrs, report.costs, report.data_warnings)
    assert quiet[-2:] == [
        "Data warnings on usage (see the last section).",
        "Top saving: Drop unqueried debug logs (search), 120.00 USD a month.",
    ]
    assert len(quiet) == 4


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
    assert [c.name for c in charts] == ["nsm-adoption", "cost-weekly"]
    assert "![Platform adoption](charts/nsm-adoption.png)" in text
    assert "![Platform cost per week, last 2 weeks](charts/cost-weekly.png)" in text
    assert "_no data for 2026-Q4_" in text
    nbsp = "\u00a0"
    assert (
        "| search | 300.00 USD | 30.0 % | indexer 150.00, web 100.00, api 30.00 + 2 more | "
        f"logs_gb{nbsp}0.2{nbsp}USD/GB; spans_million{nbsp}0.38{nbsp}USD/million |"
    ) in text
    assert "| unallocated | 100.00 USD | 10.0 % |  |  |" in text
    assert "| total (pool) | 1,000.00 USD | 100.0 % |  |  |" in text
    assert "**Total 1,000.00 USD** = 900.00 USD charged to 2 teams + 100.00 USD unallocated" in text


def test_team_copy_carries_only_its_own_chargeback() -> None:
    text, _ = report_markdown(sample_report().for_team("payments"))
    assert "| payments | 600.00 USD |" in text
    assert "search" not in text.split("## Platform cost")[1].split("## Data")[0]
    assert "Acme platform: weekly report 2026-W48 — team payments" in text


def test_team_copy_lists_every_tenant_of_the_team() -> None:
    text, _ = report_markdown(sample_report().for_team("search"))
    assert "indexer 150.00, web 100.00, api 30.00, batch 15.00, cron 5.00 |" in text
    assert "more" not in text.split("### Chargeback")[1].split("###")[0]


def test_chargeback_shows_the_top_ten_teams_and_sums_the_rest() -> None:
    teams = [TeamCost(f"team-{i:02d}", 100.0 - i, None) for i in range(13)]
    allocated = sum(t.cost for t in teams)  # 1222
    costs = CostSection("2026-W48", "USD", total=allocated + 78.0, unallocated=78.0, teams=teams)
    report = replace(sample_report(), costs=costs)
    text, _ = report_markdown(report)
    rows = [line for line in text.splitlines() if line.startswith("| team-")]
    assert [r.split(" | ")[0] for r in rows] == [f"| team-{i:02d}" for i in range(10)]
    # 88 + 89 + 90 (teams 10–12) = 267; 267 + 955 (top 10) + 78 = 1,300
    assert "| 3 other teams | 267.00 USD | 20.5 % |  |  |" in text
    assert "| unallocated | 78.00 USD | 6.0 % |  |  |" in text
    assert "| total (pool) | 1,300.00 USD | 100.0 % |  |  |" in text


def test_html_is_self_contained() -> None:
    html = report_html(sample_report())
    assert html.count("<svg") == 2
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
    for png in ("charts/nsm-adoption.png", "charts/cost-weekly.png"):
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
