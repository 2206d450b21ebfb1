"""Tables and markdown for KPI values, series and the scorecard (built on cli/render.py)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.text import Text

from headway.cli.render import (
    NO_VALUE,
    Align,
    change_arrow,
    format_change,
    format_number,
    format_share,
    markdown_table,
    print_wide,
    rich_table,
    sparkline,
    status_text,
)
from headway.metrics.value import BreakdownRow, KPIValue, Series
from headway.scorecard import KPICard, Scorecard

__all__ = [
    "kpi_value_markdown",
    "kpi_value_renderable",
    "render_scorecard",
    "scorecard_markdown",
    "scorecard_renderable",
    "series_markdown",
    "series_renderable",
]

CARD_HEADERS = ["KPI", "period", "value", "change", "target", "status", "coverage", "trend"]
CARD_ALIGN: list[Align] = ["left", "left", "right", "right", "right", "left", "right", "left"]


def _change(v: KPIValue) -> Text:
    arrow = change_arrow(v.change.absolute, v.direction)
    text = format_change(v.change.absolute, v.change.relative, v.unit)
    if v.change.significant is False:
        text += " (n.s.)"
    return Text.assemble(arrow, " " if arrow.plain else "", text) if arrow.plain else Text(text)


def _card_row(card: KPICard, indent: str = "", bold: bool = False) -> list[str | Text]:
    v = card.value
    name = Text(indent + v.title, style="bold" if bold else "")
    return [
        name,
        v.period,
        format_number(v.value, v.unit),
        _change(v),
        format_number(v.target, v.unit),
        status_text(v.status),
        format_share(v.coverage),
        _trend(card),
    ]


def _trend(card: KPICard) -> str:
    """The sparkline from the first period with data (no blank pre-history)."""
    values = [p.value for p in card.sparkline]
    first = next((i for i, v in enumerate(values) if v is not None), len(values))
    return sparkline(values[first:])


def _moved(card: KPICard) -> str:
    c = card.contribution
    if c is None or c.share is None:
        return ""
    points = f" · {c.points:+.1f} pts" if c.points is not None else ""
    return f"{c.share * 100:.0f} %{points}"


def _north_star_rows(sc: Scorecard) -> list[list[str | Text]]:
    rows: list[list[str | Text]] = []
    for nsm in sc.north_stars:
        head = _card_row(nsm.value, bold=True)
        head[0] = Text(nsm.title, style="bold")
        rows.append([*head, ""])
        rows += [[*_card_row(d, indent="  ↳ "), _moved(d)] for d in nsm.drivers]
    return rows


def _initiative_rows(sc: Scorecard) -> list[list[str | Text]]:
    rows: list[list[str | Text]] = []
    groups = [(i.title + (f" ({i.owner})" if i.owner else ""), i.kpis) for i in sc.initiatives]
    if sc.unassigned:
        groups.append(("No initiative", sc.unassigned))
    for title, cards in groups:
        rows.append([Text(title, style="bold"), *[""] * (len(CARD_HEADERS) - 1)])
        rows += [_card_row(c, indent="  ") for c in cards]
    return rows


def _heading(sc: Scorecard) -> str:
    period = f" · period {sc.period}" if sc.period else ""
    return f"{sc.workspace} — scorecard as of {sc.as_of.isoformat(timespec='minutes')}{period}"


def scorecard_renderable(sc: Scorecard) -> RenderableType:
    parts: list[RenderableType] = [Text(_heading(sc), style="bold")]
    if sc.vision:
        parts.append(Text(f"Vision: {sc.vision}", style="italic"))
    parts.append(Text(""))
    if sc.north_stars:
        parts.append(
            rich_table(
                [*CARD_HEADERS, "moved the index"],
                _north_star_rows(sc),
                [*CARD_ALIGN, "right"],
                title="North Stars",
            )
        )
        parts.append(Text(""))
    parts.append(rich_table(CARD_HEADERS, _initiative_rows(sc), CARD_ALIGN, title="Initiatives"))
    if sc.okrs:
        parts.append(Text(""))
        parts.append(rich_table(OKR_HEADERS, _okr_rows(sc), OKR_ALIGN, title=_okr_title(sc)))
    return Group(*parts)


OKR_HEADERS = ["objective", "owner", "progress", "expected", "status", "key results"]
OKR_ALIGN: list[Align] = ["left", "left", "right", "right", "left", "right"]


def _okr_title(sc: Scorecard) -> str:
    return f"Company objectives, {sc.okrs[0].cycle}"


def _okr_rows(sc: Scorecard) -> list[list[str | Text]]:
    return [
        [
            o.title,
            o.owner,
            format_share(o.progress),
            format_share(o.expected),
            status_text(o.status),
            str(len(o.key_results)),
        ]
        for o in sc.okrs
    ]


def render_scorecard(scorecard: Scorecard, console: Console) -> None:
    """Print the scorecard as tables (the demo command ends with this)."""
    print_wide(console, scorecard_renderable(scorecard))


def scorecard_markdown(sc: Scorecard) -> str:
    out = [f"# {_heading(sc)}", ""]
    if sc.vision:
        out += [f"> {sc.vision}", ""]
    if sc.north_stars:
        out += ["## North Stars", ""]
        headers = [*CARD_HEADERS, "moved the index"]
        out.append(markdown_table(headers, _north_star_rows(sc), [*CARD_ALIGN, "right"]))
    out += ["## Initiatives", ""]
    for ini in sc.initiatives:
        owner = f" ({ini.owner})" if ini.owner else ""
        out += [f"### {ini.title}{owner}", ""]
        out.append(markdown_table(CARD_HEADERS, [_card_row(c) for c in ini.kpis], CARD_ALIGN))
    if sc.unassigned:
        out += ["### No initiative", ""]
        out.append(markdown_table(CARD_HEADERS, [_card_row(c) for c in sc.unassigned], CARD_ALIGN))
    if sc.okrs:
        out += ["", f"## {_okr_title(sc)}", ""]
        out.append(markdown_table(OKR_HEADERS, _okr_rows(sc), OKR_ALIGN))
    return "\n".join(out)


def _details_rows(v: KPIValue) -> list[tuple[str, str]]:
    d = v.details
    rows: list[tuple[str, str]] = []
    if "n" in d:
        rows.append(("responses", format_number(d["n"])))
    for share in ("promoters", "passives", "detractors"):
        if share in d:
            rows.append((share, format_share(d[share], 1)))
    if d.get("margin_of_error") is not None:
        rows.append(("margin of error", f"± {format_number(d['margin_of_error'], v.unit)}"))
    if "open" in d:
        rows.append(("still open", format_number(d["open"])))
    known = {"n", "promoters", "passives", "detractors", "margin_of_error", "open"}
    rows += [(k.replace("_", " "), _any(val, v.unit)) for k, val in d.items() if k not in known]
    return rows


def _any(value: Any, unit: str | None) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return NO_VALUE if value is None else str(value)
    return format_number(value, unit)


def _value_rows(v: KPIValue) -> list[tuple[str, str | Text]]:
    previous = f"{v.previous_period}: {format_number(v.previous_value, v.unit)}"
    status = Text.assemble(status_text(v.status))
    if v.target is not None:
        status = Text.assemble(status, f" (target {format_number(v.target, v.unit)})")
    rows: list[tuple[str, str | Text]] = [
        ("period", f"{v.period} ({v.grain})"),
        ("value", Text(format_number(v.value, v.unit), style="bold")),
        ("previous", previous if v.previous_period else NO_VALUE),
        ("change", _change(v)),
        ("status", status),
        ("direction", "higher is better" if v.direction == "up" else "lower is better"),
        ("rows", format_number(v.rows)),
        ("coverage", format_share(v.coverage)),
    ]
    return rows + list(_details_rows(v))


def _breakdown(v: KPIValue) -> tuple[list[str], list[list[str | Text]]]:
    dims = list(dict.fromkeys(k for b in v.breakdown for k in b.key))
    rows: list[list[str | Text]] = [
        [*(str(b.key.get(d) or NO_VALUE) for d in dims), format_number(b.value, v.unit)]
        for b in v.breakdown
    ]
    return [*dims, "value"], rows


def _breakdown_align(n: int) -> list[Align]:
    left: list[Align] = ["left"] * (n - 1)
    return [*left, "right"]


def kpi_value_renderable(v: KPIValue, notes: Sequence[str] = ()) -> RenderableType:
    parts: list[RenderableType] = [Text(f"{v.title} ({v.kpi})", style="bold")]
    parts += [Text(n, style="yellow") for n in notes]
    parts.append(rich_table(["", ""], [list(r) for r in _value_rows(v)], show_header=False))
    if v.breakdown:
        headers, rows = _breakdown(v)
        align = _breakdown_align(len(headers))
        parts += [Text(""), rich_table(headers, rows, align, title="Breakdown")]
    return Group(*parts)


def kpi_value_markdown(v: KPIValue, notes: Sequence[str] = ()) -> str:
    out = [f"## {v.title} (`{v.kpi}`)", ""]
    out += [f"> **{n}**\n" for n in notes]
    out.append(markdown_table(["", ""], [list(r) for r in _value_rows(v)]))
    if v.breakdown:
        headers, rows = _breakdown(v)
        out += ["### Breakdown", ""]
        out.append(markdown_table(headers, rows, _breakdown_align(len(headers))))
    return "\n".join(out)


Breakdowns = Mapping[str, Sequence[BreakdownRow]]


def _key_label(key: Mapping[str, str | None]) -> str:
    return " · ".join(str(v) if v is not None else NO_VALUE for v in key.values())


def _series_table(
    s: Series, unit: str | None, parts: Breakdowns
) -> tuple[list[str], list[list[str | Text]], list[Align]]:
    keys = list(dict.fromkeys(_key_label(b.key) for rows in parts.values() for b in rows))
    rows: list[list[str | Text]] = []
    for p in s.points:
        found = {_key_label(b.key): b.value for b in parts.get(p.period, [])}
        rows.append([p.period, format_number(p.value, unit)])
        rows[-1] += [format_number(found.get(k), unit) for k in keys]
    right: list[Align] = ["right"] * (len(keys) + 1)
    return ["period", "value", *keys], rows, ["left", *right]


def series_renderable(
    s: Series, title: str, unit: str | None, parts: Breakdowns | None = None
) -> RenderableType:
    headers, rows, align = _series_table(s, unit, parts or {})
    spark = sparkline([p.value for p in s.points])
    return Group(
        Text(f"{title} ({s.kpi}) by {s.grain}", style="bold"),
        rich_table(headers, rows, align),
        Text(f"trend  {spark}"),
    )


def series_markdown(
    s: Series, title: str, unit: str | None, parts: Breakdowns | None = None
) -> str:
    headers, rows, align = _series_table(s, unit, parts or {})
    table = markdown_table(headers, rows, align)
    spark = sparkline([p.value for p in s.points])
    return f"## {title} (`{s.kpi}`) by {s.grain}\n\n{table}\nTrend: `{spark}`\n"
