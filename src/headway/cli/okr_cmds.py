"""``headway okr``: the alignment tree, one objective, check-ins and their history."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.text import Text
from rich.tree import Tree

from headway.cli.common import AsOfOpt, FormatOpt, WorkspaceOpt, console, emit, open_ws
from headway.cli.render import (
    NO_VALUE,
    format_number,
    format_share,
    markdown_table,
    print_wide,
    rich_table,
)
from headway.okrs import CheckIn, KeyResultScore, ObjectiveScore, OKRTree

__all__ = ["register"]

okr_app = typer.Typer(help="OKRs: objectives, key results that move with KPIs, check-ins.")

_STYLES = {
    "on_track": "green",
    "at_risk": "yellow",
    "off_track": "red",
    "done": "green",
    "missed": "red",
}
_BAR = 10


def _bar(share: float) -> str:
    filled = round(max(0.0, min(1.0, share)) * _BAR)
    return "█" * filled + "░" * (_BAR - filled)


def _status(status: str) -> Text:
    return Text(status.replace("_", " "), style=_STYLES.get(status, ""))


def _checkin_text(c: CheckIn | None) -> str:
    if c is None:
        return "no check-in"
    said = format_number(c.value) if c.value is not None else format_share(c.progress)
    who = f" by {c.author}" if c.author else ""
    note = f": {c.note}" if c.note else ""
    return f"checked in {c.checked_in_at:%Y-%m-%d}{who}: {said}, confidence {c.confidence:g}{note}"


def _kr_line(kr: KeyResultScore) -> Text:
    line = Text(f"{_bar(kr.progress)} {format_share(kr.progress):>5}  {kr.title} ")
    line.append(f"[{kr.id}]", style="dim")
    if kr.kind == "metric":
        u = kr.unit
        current = format_number(kr.current, u) if kr.current is not None else NO_VALUE
        where = f" ({kr.period})" if kr.period else ""
        line.append(
            f"\n    {kr.kpi}: {format_number(kr.baseline, u)} → {current}{where} → "
            f"target {format_number(kr.target, u)}; grade {kr.grade:.2f}"
        )
    if kr.message:
        line.append(f"\n    {kr.message}", style="dim")
    line.append(f"\n    {_checkin_text(kr.last_checkin)}", style="dim")
    return line


def _objective_line(o: ObjectiveScore) -> Text:
    line = Text(f"{o.title} ", style="bold")
    line.append(f"[{o.id}] {o.level} · {o.owner}\n", style="dim")
    line.append(f"{_bar(o.progress)} {format_share(o.progress):>5} (expected ")
    line.append(f"{format_share(o.expected)})  ")
    line.append_text(_status(o.status))
    conf = f"{o.confidence:.2f}" if o.confidence is not None else NO_VALUE
    line.append(f"  grade {o.grade:.2f}  confidence {conf}")
    return line


def _add(node: Tree, o: ObjectiveScore) -> None:
    branch = node.add(_objective_line(o))
    for kr in o.key_results:
        branch.add(_kr_line(kr))
    for child in o.children:
        _add(branch, child)


def _tree_renderable(tree: OKRTree) -> Tree:
    state = "closed" if tree.closed else f"{format_share(tree.expected)} elapsed"
    root = Tree(Text(f"OKRs {tree.cycle} ({tree.start} – {tree.end}, {state})", style="bold"))
    for o in tree.objectives:
        _add(root, o)
    if not tree.objectives:
        root.add(Text(f"no objectives in {tree.cycle}", style="dim"))
    return root


def _md_objective(o: ObjectiveScore, depth: int) -> list[str]:
    pad = "  " * depth
    conf = f"{o.confidence:.2f}" if o.confidence is not None else NO_VALUE
    lines = [
        f"{pad}- **{o.title}** (`{o.id}`, {o.level}, {o.owner}): {format_share(o.progress)} "
        f"of expected {format_share(o.expected)}, {o.status.replace('_', ' ')}, "
        f"grade {o.grade:.2f}, confidence {conf}"
    ]
    for kr in o.key_results:
        shown = format_number(kr.current, kr.unit)
        current = f", {shown} ({kr.period})" if kr.current is not None else ""
        lines.append(f"{pad}  - {kr.title} (`{kr.id}`): {format_share(kr.progress)}{current}")
    for child in o.children:
        lines += _md_objective(child, depth + 1)
    return lines


def _tree_markdown(tree: OKRTree) -> str:
    head = f"## OKRs {tree.cycle}\n\n"
    body = [line for o in tree.objectives for line in _md_objective(o, 0)]
    return head + ("\n".join(body) if body else f"No objectives in {tree.cycle}.") + "\n"


@okr_app.command("tree")
def tree_cmd(
    ctx: typer.Context,
    cycle: Annotated[str | None, typer.Option(help="Quarter, e.g. 2026-Q2 (default: now).")] = None,
    owner: Annotated[str | None, typer.Option(help="Only objectives of this owner.")] = None,
    level: Annotated[str | None, typer.Option(help="company, group, team or individual.")] = None,
    fmt: FormatOpt = None,
    workspace: WorkspaceOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """The alignment tree with progress, expected progress, status and check-ins."""
    tree = open_ws(ctx, workspace, as_of, read_only=True).okr_tree(cycle, owner, level)
    emit(
        ctx,
        fmt,
        tree.to_json(),
        lambda: print_wide(console, _tree_renderable(tree)),
        lambda: _tree_markdown(tree),
    )


@okr_app.command("show")
def show_cmd(
    ctx: typer.Context,
    objective: Annotated[str, typer.Argument(help="Objective id.")],
    fmt: FormatOpt = None,
    workspace: WorkspaceOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """One objective with its key results and aligned objectives."""
    o = open_ws(ctx, workspace, as_of, read_only=True).okr_objective(objective)
    root = Tree(Text(f"{o.cycle}", style="bold"))
    _add(root, o)
    emit(
        ctx,
        fmt,
        o.to_json(),
        lambda: print_wide(console, root),
        lambda: "\n".join(_md_objective(o, 0)),
    )


@okr_app.command("checkin")
def checkin_cmd(
    ctx: typer.Context,
    key_result: Annotated[str, typer.Argument(help="Key result id.")],
    confidence: Annotated[float, typer.Option(help="0–1: how likely the KR is met.")],
    value: Annotated[float | None, typer.Option(help="The KPI value you see (metric KR).")] = None,
    progress: Annotated[float | None, typer.Option(help="0–1 (milestone KR).")] = None,
    note: Annotated[str | None, typer.Option(help="What happened, what is next.")] = None,
    author: Annotated[str | None, typer.Option(help="Who checks in.")] = None,
    fmt: FormatOpt = None,
    workspace: WorkspaceOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Record a check-in at as-of (default: now)."""
    c = open_ws(ctx, workspace, as_of).okr_checkin(
        key_result, value=value, progress=progress, confidence=confidence, note=note, author=author
    )
    emit(ctx, fmt, c.to_json(), lambda: console.print(f"{c.key_result}: {_checkin_text(c)}"))


_HIST_HEADERS = ["#", "checked in", "value", "progress", "confidence", "author", "note"]


def _history_rows(rows: list[CheckIn]) -> list[list[str | Text]]:
    return [
        [
            str(c.checkin_id),
            c.checked_in_at.isoformat(timespec="minutes"),
            format_number(c.value),
            format_share(c.progress),
            f"{c.confidence:g}",
            c.author or NO_VALUE,
            c.note or "",
        ]
        for c in rows
    ]


@okr_app.command("history")
def history_cmd(
    ctx: typer.Context,
    key_result: Annotated[str, typer.Argument(help="Key result id.")],
    fmt: FormatOpt = None,
    workspace: WorkspaceOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """The check-ins of a key result, oldest first."""
    rows = open_ws(ctx, workspace, as_of, read_only=True).okr_history(key_result)
    data = {"key_result": key_result, "checkins": [c.to_json() for c in rows]}
    emit(
        ctx,
        fmt,
        data,
        lambda: print_wide(
            console, rich_table(_HIST_HEADERS, _history_rows(rows), title=key_result)
        ),
        lambda: markdown_table(_HIST_HEADERS, _history_rows(rows)),
    )


def register(app: typer.Typer) -> None:
    """Add ``headway okr …`` to ``app``."""
    app.add_typer(okr_app, name="okr")
