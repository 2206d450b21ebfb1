"""The report as a Slack-compatible chat message: ``{"text": summary, "blocks": [...]}``."""

from __future__ import annotations

from typing import Any

from headway.report.fmt import fmt_change, fmt_money, fmt_value
from headway.report.model import WeeklyReport

__all__ = ["slack_payload"]

_SECTION_LIMIT = 2900  # Slack refuses a section text over 3000 characters


def _section(text: str) -> dict[str, Any]:
    if len(text) > _SECTION_LIMIT:
        text = text[: _SECTION_LIMIT - 1] + "…"
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _north_stars(report: WeeklyReport) -> str:
    lines = []
    for nsm in report.north_stars:
        if nsm.value is None:
            lines.append(f"• *{nsm.title}*: {nsm.note or 'no data'}")
        else:
            v, w = nsm.value, nsm.value.kpi in report.whole
            value = fmt_value(v.value, v.unit, whole=w)
            lines.append(f"• *{nsm.title}*: {value} ({fmt_change(v, whole=w)})")
    return "\n".join(lines)


def slack_payload(report: WeeklyReport) -> dict[str, Any]:
    """``text`` is the plain summary (notifications, clients without blocks)."""
    summary = report.summary or ["Nothing moved enough to mention this week."]
    text = f"{report.title}\n" + "\n".join(f"• {s}" for s in summary)
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": report.title[:150]}},
        _section("*What changed*\n" + "\n".join(f"• {s}" for s in summary)),
    ]
    if report.north_stars:
        blocks.append(_section("*North Star Metrics*\n" + _north_stars(report)))
    if report.costs.total is not None:
        blocks.append(
            _section(
                f"*Platform cost {report.costs.period}*: "
                f"{fmt_money(report.costs.total, report.costs.currency)}"
            )
        )
    blocks.append(
        {
            "type": "context",
            "elements": [
                {"type": "mrkdwn", "text": f"as of {report.as_of.isoformat()} · {report.timezone}"}
            ],
        }
    )
    return {"text": text, "blocks": blocks}
