"""The weekly report composed from a real workspace: the demo at a small scale (golden
Markdown), an empty workspace (every section degrades), the CLI and --send."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from headway.cli.app import app
from headway.demo.build import build_demo
from headway.errors import QueryError
from headway.report import write_report
from headway.workspace import Workspace
from test_report_deliver import Inbox, Receiver, free_port

GOLDEN = Path(__file__).parent / "golden" / "report"
AS_OF = dt.datetime(2026, 12, 2, 9, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("demo")
    build_demo(root, seed=7, scale=0.05, as_of=AS_OF)
    return root


def test_demo_week_matches_golden_markdown(demo: Path, tmp_path: Path) -> None:
    with Workspace(demo, as_of=AS_OF, read_only=True) as ws:
        report = ws.weekly_report()
    assert report.week == "2026-W48"
    text = write_report(report, tmp_path, "md").read_text(encoding="utf-8")
    golden = GOLDEN / "weekly.md"
    if os.environ.get("HEADWAY_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
    assert sorted(p.name for p in (tmp_path / "charts").iterdir()) == [
        "cost-weekly.png",
        "nsm-adoption.png",
        "nsm-nps.png",
        "nsm-productivity.png",
    ]


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_same_week_and_as_of_give_the_same_bytes(demo: Path, tmp_path: Path, fmt: str) -> None:
    outputs = []
    for name in ("a", "b"):
        with Workspace(demo, as_of=AS_OF, read_only=True) as ws:
            report = ws.weekly_report("2026-W47")
            outputs.append(write_report(report, tmp_path / name, fmt))  # type: ignore[arg-type]
    assert outputs[0].name == f"weekly-2026-W47.{fmt}"
    assert outputs[0].read_bytes() == outputs[1].read_bytes()
    if fmt == "md":
        charts = sorted((tmp_path / "a" / "charts").iterdir())
        assert [c.name for c in charts] == [
            "cost-weekly.png",
            "nsm-adoption.png",
            "nsm-nps.png",
            "nsm-productivity.png",
        ]
        for chart in charts:
            assert chart.read_bytes() == (tmp_path / "b" / "charts" / chart.name).read_bytes()


def test_demo_week_reads_in_two_minutes(demo: Path) -> None:
    """The numbers a lead reads: totals add up, changes name their comparison period."""
    with Workspace(demo, as_of=AS_OF, read_only=True) as ws:
        report = ws.weekly_report()
    costs = report.costs
    assert costs.total is not None
    assert costs.allocated is not None
    assert round(sum(t.cost for t in costs.teams), 2) == costs.allocated
    assert round(costs.allocated + (costs.unallocated or 0.0), 2) == costs.total
    weeks = sorted({p.week for p in costs.history})
    assert len(weeks) == 12
    assert weeks[-1] == "2026-W48"
    last = round(sum(p.cost for p in costs.history if p.week == "2026-W48"), 2)
    assert last == costs.total
    assert 1 <= len(report.summary) <= 6
    for nsm in report.north_stars:
        v = nsm.value
        if v is None or v.previous_period is None:
            continue
        expected = {"day": "2026-W47", "week": "2026-W47"}.get(v.grain)
        if expected is not None:
            assert v.previous_period == expected
        else:  # a month or a quarter compares with its own previous period
            assert v.previous_period != v.period
            assert v.previous_period[:4].isdigit()


@pytest.mark.parametrize(
    ("week", "message"),
    [
        ("2026-W49", r"2026-W49 is not over as of 2026-12-02T09:00:00\+00:00"),
        ("2026-11", r"an ISO week such as 2026-W48, not '2026-11'"),
        ("W48", r"'W48' is not a period"),
    ],
)
def test_week_must_be_a_complete_iso_week(demo: Path, week: str, message: str) -> None:
    with (
        Workspace(demo, as_of=AS_OF, read_only=True) as ws,
        pytest.raises(QueryError, match=message),
    ):
        ws.weekly_report(week)


def test_empty_workspace_degrades_every_section(workspace_dir: Path) -> None:
    with Workspace(workspace_dir, as_of=AS_OF) as ws:
        report = ws.weekly_report()
    assert report.week == "2026-W48"
    assert report.north_stars == []
    assert report.slos.note == "No SLOs configured."
    assert report.okrs.note == "No OKRs configured."
    assert report.costs.note == "Costs not configured (no costs.pools)."
    assert report.data_warnings == []
    assert report.summary == []


def test_cli_send_reports_failures_and_exits_2(workspace_dir: Path) -> None:
    from aiosmtpd.controller import Controller

    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with Receiver(200) as hook:
            config = workspace_dir / "headway.yaml"
            config.write_text(
                config.read_text(encoding="utf-8")
                + "report:\n"
                + f"  smtp: {{host: 127.0.0.1, port: {port}, starttls: false,"
                + " from: hw@a.example}\n"
                + "  recipients:\n"
                + "    - {to: [lead@a.example, nobody@bad.example]}\n"
                + f"  chat: {{webhook_url: '{hook.url}'}}\n",
                encoding="utf-8",
            )
            out = workspace_dir / "out"
            args = ["-w", str(workspace_dir), "--as-of", "2026-12-02", "report", "weekly"]
            result = CliRunner().invoke(app, [*args, "--out", str(out), "--send"])
    finally:
        controller.stop()
    assert result.exit_code == 2, result.output
    assert f"wrote {out / 'weekly-2026-W48.html'}" in result.output
    assert "sent email to lead@a.example" in result.output
    assert "sent chat to webhook" in result.output
    assert "failed email to nobody@bad.example: 550 5.1.1 no such mailbox" in result.output
    assert [rcpts for rcpts, _ in inbox.mails] == [["lead@a.example"]]
    assert len(hook.bodies) == 1


COVERAGE_CONFIG = """\
workspace: Coverage
timezone: UTC
datasets: {usage: {cadence: monthly}}
initiatives:
  - {id: o11y, title: Observability}
kpis:
  - {id: tenants_sending, title: Tenants sending, initiative: o11y, kind: count_distinct,
     dataset: usage, column: tenant, grain: week}
"""


def test_a_drop_in_coverage_is_a_completeness_warning(tmp_path: Path) -> None:
    """Four known tenants; W47: all four send data; W48: two (coverage 100 % → 50 %)."""
    (tmp_path / "headway.yaml").write_text(COVERAGE_CONFIG, encoding="utf-8")
    (tmp_path / "t.csv").write_text("tenant\na\nb\nc\nd\n", encoding="utf-8")
    rows = [f"2026-11-17,o11y,{t},logs_gb,1" for t in "abcd"]
    rows += [f"2026-11-24,o11y,{t},logs_gb,1" for t in "ab"]
    (tmp_path / "u.csv").write_text(
        "day,platform,tenant,meter,quantity\n" + "\n".join(rows) + "\n", encoding="utf-8"
    )
    with Workspace(tmp_path, as_of=AS_OF) as ws:
        ws.ingest("tenants", [tmp_path / "t.csv"])
        ws.ingest("usage", [tmp_path / "u.csv"])
        warnings = ws.weekly_report("2026-W48").data_warnings
    assert [(w.dataset, w.message) for w in warnings] == [
        (
            "KPI tenants_sending",
            "2026-W48 rests on 50 % of the known tenants, down from 100 % in 2026-W47: "
            "data may be missing",
        )
    ]


def test_a_steady_low_coverage_is_not_a_warning(tmp_path: Path) -> None:
    (tmp_path / "headway.yaml").write_text(COVERAGE_CONFIG, encoding="utf-8")
    (tmp_path / "t.csv").write_text("tenant\na\nb\nc\nd\n", encoding="utf-8")
    rows = [f"2026-11-{d},o11y,a,logs_gb,1" for d in (17, 24)]
    (tmp_path / "u.csv").write_text(
        "day,platform,tenant,meter,quantity\n" + "\n".join(rows) + "\n", encoding="utf-8"
    )
    with Workspace(tmp_path, as_of=AS_OF) as ws:
        ws.ingest("tenants", [tmp_path / "t.csv"])
        ws.ingest("usage", [tmp_path / "u.csv"])
        assert ws.weekly_report("2026-W48").data_warnings == []
