"""The weekly report: one result object (:class:`WeeklyReport`) composed from the core,
rendered as one self-contained HTML file or Markdown with PNG charts, and delivered by mail
and chat. Build it with ``Workspace.weekly_report(week)``."""

from headway.report.deliver import Delivery, deliver
from headway.report.model import WeeklyReport
from headway.report.render import ReportFormat, report_html, report_markdown, write_report

__all__ = [
    "Delivery",
    "ReportFormat",
    "WeeklyReport",
    "deliver",
    "report_html",
    "report_markdown",
    "write_report",
]
