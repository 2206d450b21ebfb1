"""Rendering a :class:`WeeklyReport` to files: one HTML file, or Markdown with PNG charts."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from headway.errors import HeadwayError
from headway.report.charts import Chart, render_png
from headway.report.html import ChartMode, inline_svg, render_html
from headway.report.layout import charts_of, layout
from headway.report.markdown import render_markdown
from headway.report.model import WeeklyReport

__all__ = ["ReportFormat", "report_html", "report_markdown", "write_report"]

ReportFormat = Literal["html", "md"]


def report_html(report: WeeklyReport, chart_mode: ChartMode = inline_svg) -> str:
    return render_html(layout(report, charts_of(report)), report.title, chart_mode)


def report_markdown(report: WeeklyReport) -> tuple[str, list[Chart]]:
    """The Markdown text and the charts it links (``charts/<name>.png``)."""
    charts = charts_of(report)
    return render_markdown(layout(report, charts)), list(charts.values())


def write_report(report: WeeklyReport, out_dir: Path, fmt: ReportFormat = "html") -> Path:
    """Write ``weekly-<week>.html`` (self-contained) or ``weekly-<week>.md`` with
    ``charts/<name>.png`` beside it into ``out_dir``; return the report file's path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = f"weekly-{report.week}" + (f"-{report.team}" if report.team else "")
    if fmt == "html":
        path = out_dir / f"{stem}.html"
        path.write_text(report_html(report), encoding="utf-8")
        return path
    if fmt != "md":
        raise HeadwayError(f"unknown report format {fmt!r}; use html or md")
    text, charts = report_markdown(report)
    if charts:
        (out_dir / "charts").mkdir(exist_ok=True)
    for chart in charts:
        (out_dir / "charts" / f"{chart.name}.png").write_bytes(render_png(chart))
    path = out_dir / f"{stem}.md"
    path.write_text(text, encoding="utf-8")
    return path
