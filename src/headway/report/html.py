"""The report as ONE self-contained HTML file: inline styles on every element (mail
clients drop ``<style>``), a single 760 px column of simple tables, charts as inline SVG
(or ``cid:`` images in the mail). No external CSS, script, font or image.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from headway.report.blocks import Block, Bullets, Heading, Note, Para, Quote, Table
from headway.report.charts import Chart, render_svg

__all__ = ["ChartMode", "render_html"]

ChartMode = Callable[[Chart], str]
"""How a chart becomes HTML: inline SVG in the file, ``<img src="cid:…">`` in a mail."""

_FONT = "font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;"
_S = {
    "body": f"margin:0;padding:0;background:#f5f6f8;color:#1f2937;{_FONT}",
    "wrap": "max-width:760px;box-sizing:border-box;margin:0 auto;padding:16px;background:#ffffff;",
    "h1": f"font-size:22px;line-height:1.3;margin:8px 0 4px 0;{_FONT}",
    "h2": "font-size:18px;margin:24px 0 8px 0;padding-top:8px;border-top:1px solid #e5e7eb;"
    f"{_FONT}",
    "h3": f"font-size:15px;margin:16px 0 6px 0;{_FONT}",
    "p": "font-size:14px;line-height:1.5;margin:6px 0;",
    "note": "font-size:13px;color:#6b7280;font-style:italic;margin:6px 0;",
    "quote": "font-size:15px;margin:8px 0;padding:8px 12px;border-left:4px solid #2563eb;"
    "background:#eff6ff;",
    "ul": "font-size:14px;line-height:1.5;margin:6px 0;padding-left:20px;",
    "table": "border-collapse:collapse;width:100%;font-size:13px;margin:6px 0;",
    "th": "text-align:left;padding:4px 6px;border-bottom:2px solid #d1d5db;background:#f9fafb;",
    "td": "padding:4px 6px;border-bottom:1px solid #e5e7eb;vertical-align:top;",
    "chart": "margin:6px 0;",
}


def inline_svg(chart: Chart) -> str:
    return render_svg(chart)


def cid_image(chart: Chart) -> str:
    alt = escape(chart.title)
    return f'<img src="cid:{chart.name}" alt="{alt}" width="100%" style="max-width:640px;">'


def _table(t: Table) -> str:
    def cell(tag: str, i: int, text: str) -> str:
        align = "text-align:right;white-space:nowrap;" if t.alignment(i) == "r" else ""
        lines = "<br>".join(escape(line) for line in text.split("\n"))
        return f'<{tag} style="{_S[tag]}{align}">{lines}</{tag}>'

    head = "".join(cell("th", i, h) for i, h in enumerate(t.headers))
    body = "".join(
        "<tr>" + "".join(cell("td", i, c) for i, c in enumerate(row)) + "</tr>\n" for row in t.rows
    )
    return (
        f'<table role="presentation" cellpadding="0" cellspacing="0" style="{_S["table"]}">'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody></table>"
    )


def _block(block: Block, chart_mode: ChartMode) -> str:
    if isinstance(block, Heading):
        tag = f"h{block.level}"
        return f'<{tag} style="{_S[tag]}">{escape(block.text)}</{tag}>'
    if isinstance(block, Para):
        lead = f"<strong>{escape(block.strong)}</strong>" if block.strong else ""
        return f'<p style="{_S["p"]}">{lead}{escape(block.text)}</p>'
    if isinstance(block, Quote):
        return f'<blockquote style="{_S["quote"]}">{escape(block.text)}</blockquote>'
    if isinstance(block, Note):
        return f'<p style="{_S["note"]}">{escape(block.text)}</p>'
    if isinstance(block, Bullets):
        items = "".join(f"<li>{escape(i)}</li>" for i in block.items)
        return f'<ul style="{_S["ul"]}">{items}</ul>'
    if isinstance(block, Table):
        return _table(block)
    return f'<div style="{_S["chart"]}">{chart_mode(block.chart)}</div>'


def render_html(blocks: list[Block], title: str, chart_mode: ChartMode = inline_svg) -> str:
    body = "\n".join(_block(b, chart_mode) for b in blocks)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        f"<title>{escape(title)}</title></head>\n"
        f'<body style="{_S["body"]}">\n<div style="{_S["wrap"]}">\n{body}\n</div>\n'
        "</body></html>\n"
    )
