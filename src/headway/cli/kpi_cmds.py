"""``headway kpi …`` and ``headway scorecard``: parse, one Workspace call, render."""

from __future__ import annotations

from typing import Annotated

import typer

from headway.cli.common import AsOfOpt, FormatOpt, WorkspaceOpt, console, emit, open_ws
from headway.cli.kpi_render import (
    kpi_value_markdown,
    kpi_value_renderable,
    render_scorecard,
    scorecard_markdown,
    series_markdown,
    series_renderable,
)
from headway.cli.render import NO_VALUE, format_number, markdown_table, print_wide, rich_table
from headway.config.models import WorkspaceConfig

__all__ = ["kpi_app", "register", "render_scorecard"]

kpi_app = typer.Typer(
    name="kpi",
    help="List KPIs, show one value, a series, or store snapshots of every KPI.",
    no_args_is_help=True,
    rich_markup_mode="markdown",
)

PeriodOpt = Annotated[
    str | None,
    typer.Option(
        "--period",
        "-p",
        help="Period label: 2026-11-30, 2026-W48, 2026-11, 2026-Q4, FY2027-Q2, 2026 "
        "(default: the latest complete period of the KPI's grain).",
        show_default=False,
    ),
]
ByOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--by", help="Break down by tenant, team, org, a column or attributes.KEY (repeatable)."
    ),
]
KPIArg = Annotated[str, typer.Argument(help="KPI id (see `headway kpi list`).")]

LIST_HEADERS = ["id", "title", "initiative", "NSM", "kind", "grain", "target", "unit"]


def _list_rows(cfg: WorkspaceConfig) -> list[list[str]]:
    nsm_of = {n.kpi: n.id for n in cfg.north_stars}
    rows = []
    for k in cfg.kpis:
        nsm = nsm_of.get(k.id) or (f"drives {k.drives}" if k.drives else NO_VALUE)
        target = NO_VALUE if k.target is None else format_number(k.target, k.unit)
        rows.append(
            [k.id, k.title, k.initiative or NO_VALUE, nsm, k.kind, k.grain, target, k.unit or ""]
        )
    return rows


@kpi_app.command("list")
def list_kpis(
    ctx: typer.Context, workspace: WorkspaceOpt = None, as_of: AsOfOpt = None, fmt: FormatOpt = None
) -> None:
    """The KPIs with their initiative, North Star, kind, grain, target and unit.

    The NSM column names the North Star a KPI *is*, or the one it drives.

    Example: `headway kpi list --format md`
    """
    cfg = open_ws(ctx, workspace, as_of).config
    rows = _list_rows(cfg)
    data = [
        {"id": k.id, "title": k.title, "initiative": k.initiative, "drives": k.drives,
         "kind": k.kind, "grain": k.grain, "direction": k.direction, "target": k.target,
         "unit": k.unit}
        for k in cfg.kpis
    ]  # fmt: skip
    emit(
        ctx,
        fmt,
        data,
        lambda: print_wide(console, rich_table(LIST_HEADERS, rows)),
        lambda: markdown_table(LIST_HEADERS, rows),
    )


@kpi_app.command("show")
def show(
    ctx: typer.Context,
    kpi: KPIArg,
    period: PeriodOpt = None,
    by: ByOpt = None,
    sql: Annotated[bool, typer.Option("--sql", help="Print the compiled SQL instead.")] = False,
    snapshot: Annotated[
        bool,
        typer.Option("--snapshot", help="Show the stored snapshot (see `headway kpi snapshot`)."),
    ] = False,
    workspace: WorkspaceOpt = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """One KPI value: target and status, change since the previous period, rows and
    coverage, kind details (NPS: responses, shares, margin of error; duration: open
    items) and the breakdown.

    Examples:

    * `headway kpi show active_tenants --period 2026-11 --by team`
    * `headway kpi show developer_nps --snapshot --period 2026-Q3`
    * `headway kpi show mtto --sql`
    """
    ws = open_ws(ctx, workspace, as_of, read_only=True)
    if sql:
        typer.echo(ws.kpi_sql(kpi, period))
        return
    if snapshot:
        check = ws.kpi_snapshot(kpi, period)
        value, notes = check.snapshot.kpi_value(), [check.snapshot.note()]
        notes += [check.warning] if check.warning else []
        data = check.to_json()
    else:
        value, notes = ws.kpi_value(kpi, period, by), []
        data = value.to_json()
    emit(
        ctx,
        fmt,
        data,
        lambda: print_wide(console, kpi_value_renderable(value, notes)),
        lambda: kpi_value_markdown(value, notes),
    )


@kpi_app.command("series")
def series(
    ctx: typer.Context,
    kpi: KPIArg,
    grain: Annotated[
        str | None, typer.Option("--grain", help="day, week, month, quarter or year.")
    ] = None,
    start: Annotated[
        str | None, typer.Option("--from", help="First period label (default: 11 before --to).")
    ] = None,
    end: Annotated[
        str | None, typer.Option("--to", help="Last period label (default: latest complete).")
    ] = None,
    by: ByOpt = None,
    workspace: WorkspaceOpt = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """A KPI per period, with a sparkline (default: the last 12 periods of its grain).

    With `--by`, one column per key (e.g. per team) next to the total.

    Examples:

    * `headway kpi series active_tenants --grain quarter --from 2026-Q1 --to 2026-Q4`
    * `headway kpi series active_tenants --by team --format md`
    """
    ws = open_ws(ctx, workspace, as_of, read_only=True)
    s = ws.kpi_series(kpi, grain, start, end, by)
    definition = ws.config.kpi(kpi)
    title, unit = (definition.title, definition.unit) if definition else (kpi, None)
    # The series holds totals; a breakdown per period comes from the (cached) values.
    parts = {p.period: ws.kpi_value(kpi, p.period, by).breakdown for p in s.points} if by else {}
    data = s.to_json()
    for point in data["points"] if by else []:
        point["breakdown"] = [{"key": b.key, "value": b.value} for b in parts[point["period"]]]
    emit(
        ctx,
        fmt,
        data,
        lambda: print_wide(console, series_renderable(s, title, unit, parts)),
        lambda: series_markdown(s, title, unit, parts),
    )


@kpi_app.command("snapshot")
def snapshot(
    ctx: typer.Context,
    period: PeriodOpt = None,
    workspace: WorkspaceOpt = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """Store every KPI's value for its period with the hash of its definition, so a review
    can be reproduced after definitions change. Taking a period again replaces it.

    Examples:

    * `headway kpi snapshot --period 2026-Q3`
    * later: `headway kpi show developer_nps --snapshot --period 2026-Q3`
    """
    snaps = open_ws(ctx, workspace, as_of).snapshot_kpis(period)
    headers = ["KPI", "period", "value", "definition"]
    rows: list[list[str]] = [
        [s.kpi, s.period, format_number(s.value.get("value"), s.value.get("unit")),
         s.definition_hash[:12]]
        for s in snaps
    ]  # fmt: skip
    emit(
        ctx,
        fmt,
        [s.to_json() for s in snaps],
        lambda: print_wide(
            console,
            rich_table(headers, rows, ["left", "left", "right", "left"], title="Stored snapshots"),
        ),
        lambda: markdown_table(headers, rows, ["left", "left", "right", "left"]),
    )


def scorecard(
    ctx: typer.Context,
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            "-p",
            help="Show every KPI for this period (default: each KPI's latest complete "
            "period). A KPI with a longer grain shows its period holding this one's end.",
            show_default=False,
        ),
    ] = None,
    workspace: WorkspaceOpt = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """The vision, each North Star with the KPIs that drive it (ranked by what moved it),
    and each initiative with its KPIs: value, change, target, status, coverage, trend.

    Examples:

    * `headway scorecard`
    * `headway scorecard --period 2026-Q3 --format md`
    * `headway --as-of 2026-12-01 scorecard --format json`
    """
    sc = open_ws(ctx, workspace, as_of, read_only=True).scorecard(period)
    emit(
        ctx,
        fmt,
        sc.to_json(),
        lambda: render_scorecard(sc, console),
        lambda: scorecard_markdown(sc),
    )


def register(app: typer.Typer) -> None:
    """Add ``kpi`` and ``scorecard`` to ``app``."""
    app.add_typer(kpi_app)
    app.command("scorecard")(scorecard)
