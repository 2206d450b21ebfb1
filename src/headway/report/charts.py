"""Charts of the report: Vega-Lite specs built with Altair, rendered by vl-convert
without a browser. SVG goes inline into the HTML file; PNG beside the Markdown and into
the mail as inline images.

Rendering is deterministic (same spec → same bytes); element ids, if any, are prefixed
with the chart's name so several SVGs can share one HTML document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from headway.metrics.value import Point
from headway.report.model import CostPoint

__all__ = ["Chart", "cost_chart", "history_chart", "render_png", "render_svg"]

WIDTH = 660
HEIGHT = 120
_ACCENT = "#2563eb"
_PALETTE = ["#2563eb", "#f59e0b", "#10b981", "#ef4444", "#8b5cf6", "#6b7280"]


@dataclass(frozen=True)
class Chart:
    name: str
    """File-safe name: ``nsm-adoption`` → ``charts/nsm-adoption.png``, ``cid:nsm-adoption``."""
    title: str
    spec: dict[str, Any]


def _safe(name: str) -> str:
    return re.sub(r"[^a-z0-9_-]+", "-", name.lower()).strip("-") or "chart"


def history_chart(name: str, title: str, points: list[Point], target: float | None) -> Chart:
    """A line of the last periods (gaps where there is no data), with the target as a rule."""
    import altair as alt

    inline: Any = alt.Data  # untyped in altair
    values = [{"period": p.period, "value": p.value} for p in points]
    order = [p.period for p in points]
    base = alt.Chart(inline(values=values))
    line = base.mark_line(point=True, color=_ACCENT).encode(
        x=alt.X("period:O", sort=order, title=None, axis=alt.Axis(labelAngle=0, labelFontSize=9)),
        y=alt.Y("value:Q", title=None, scale=alt.Scale(zero=False)),
    )
    layers: list[Any] = [line]
    if target is not None:
        rule = (
            alt.Chart(inline(values=[{"target": target}]))
            .mark_rule(color="#9ca3af", strokeDash=[4, 4])
            .encode(y="target:Q")
        )
        layers.append(rule)
    chart = alt.layer(*layers).properties(width=WIDTH, height=HEIGHT, background="white")
    chart = chart.configure_view(stroke=None).configure_axis(grid=True, gridColor="#eef0f3")
    return Chart(_safe(name), title, chart.to_dict())


def cost_chart(name: str, title: str, points: list[CostPoint], currency: str) -> Chart:
    """Bars of the cost per week, stacked by platform (a legend only when there are several)."""
    import altair as alt

    inline: Any = alt.Data  # untyped in altair
    values = [{"week": p.week, "platform": p.platform, "cost": p.cost} for p in points]
    order = list(dict.fromkeys(p.week for p in points))
    platforms = sorted({p.platform for p in points})
    color = alt.Color(
        "platform:N",
        scale=alt.Scale(domain=platforms, range=_PALETTE[: len(platforms)]),
        sort=platforms,
        legend=alt.Legend(orient="top", title=None) if len(platforms) > 1 else None,
    )
    bars = (
        alt.Chart(inline(values=values))
        .mark_bar(color=_ACCENT)
        .encode(
            x=alt.X("week:O", sort=order, title=None, axis=alt.Axis(labelAngle=0, labelFontSize=9)),
            y=alt.Y("sum(cost):Q", title=currency, axis=alt.Axis(format=",.0f")),
            color=color,
            order=alt.Order("platform:N", sort="ascending"),
        )
        .properties(width=WIDTH, height=HEIGHT, background="white")
    )
    chart = bars.configure_view(stroke=None).configure_axis(grid=True, gridColor="#eef0f3")
    return Chart(_safe(name), title, chart.to_dict())


def render_svg(chart: Chart) -> str:
    """Inline SVG, ids namespaced by the chart's name, without the XML prolog."""
    import vl_convert

    svg: str = vl_convert.vegalite_to_svg(chart.spec)
    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{chart.name}-{m.group(1)}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{chart.name}-{m.group(1)})", svg)
    svg = re.sub(r"^<\?xml[^>]*>\s*", "", svg)
    label = chart.title.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


def render_png(chart: Chart, scale: float = 2) -> bytes:
    import vl_convert

    png: bytes = vl_convert.vegalite_to_png(chart.spec, scale=scale)
    return png
