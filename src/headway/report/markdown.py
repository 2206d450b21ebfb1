"""The report as Markdown (chat, wikis), charts linked as ``charts/<name>.png`` beside it."""

from __future__ import annotations

from headway.report.blocks import Block, Bullets, Heading, Note, Para, Quote, Table

__all__ = ["render_markdown"]


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "; ")


def _table(t: Table) -> str:
    head = "| " + " | ".join(_cell(h) for h in t.headers) + " |"
    rule = "|" + "|".join("---:" if t.alignment(i) == "r" else "---" for i in range(len(t.headers)))
    rows = ["| " + " | ".join(_cell(c) for c in row) + " |" for row in t.rows]
    return "\n".join([head, rule + "|", *rows])


def _block(block: Block, chart_dir: str) -> str:
    if isinstance(block, Heading):
        return "#" * block.level + " " + block.text
    if isinstance(block, Para):
        lead = f"**{block.strong}**" if block.strong else ""
        return lead + block.text
    if isinstance(block, Quote):
        return "> " + block.text
    if isinstance(block, Note):
        return f"_{block.text}_"
    if isinstance(block, Bullets):
        return "\n".join(f"- {item}" for item in block.items)
    if isinstance(block, Table):
        return _table(block)
    return f"![{block.chart.title}]({chart_dir}/{block.chart.name}.png)"


def render_markdown(blocks: list[Block], chart_dir: str = "charts") -> str:
    return "\n\n".join(_block(b, chart_dir) for b in blocks) + "\n"
