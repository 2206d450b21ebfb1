"""``headway costs …``: pools, chargeback, comparisons and recommendations (DESIGN §8)."""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

import typer

from headway.cli.common import AsOfOpt, WorkspaceOpt, console, emit, open_ws, state
from headway.cli.common import OutputFormat as _Base
from headway.cli.render import markdown_table, print_wide, rich_table
from headway.errors import QueryError

__all__ = ["costs_app", "register"]

costs_app = typer.Typer(
    name="costs",
    help="Platform costs: pools, chargeback by unit economics, vendor and peer comparison, "
    "recommendations.",
    no_args_is_help=True,
    rich_markup_mode="markdown",
)


class CostFormat(StrEnum):
    table = "table"
    json = "json"
    md = "md"
    csv = "csv"


MonthOpt = Annotated[
    str | None, typer.Option("--month", help="A month, e.g. 2026-11.", show_default=False)
]
WeekOpt = Annotated[
    str | None, typer.Option("--week", help="An ISO week, e.g. 2026-W48.", show_default=False)
]
ByOpt = Annotated[str, typer.Option("--by", help="Roll up by tenant, team or org.")]
PlatformOpt = Annotated[
    str | None, typer.Option("--platform", help="Only this platform's pools.", show_default=False)
]
FmtOpt = Annotated[
    CostFormat | None,
    typer.Option("--format", "-f", help="table, json, md or csv.", show_default=False),
]


@dataclass
class View:
    """What a command shows: one or more tables, rendered as table, md or csv."""

    sections: list[tuple[str, list[str], list[list[str]]]] = field(default_factory=list)
    csv_headers: list[str] = field(default_factory=list)
    csv_rows: list[list[str]] = field(default_factory=list)


def _period(month: str | None, week: str | None) -> str | None:
    if month and week:
        raise QueryError("give --month or --week, not both")
    return month or week


def _money(value: Any) -> str:
    return "—" if value is None else f"{Decimal(value):,.2f}"


def _cents(value: Any) -> str:
    """A cent-rounded amount for CSV: no separators, always two decimals."""
    return "" if value is None else f"{Decimal(str(value)):.2f}"


def _plain(value: Any) -> str:
    return "" if value is None else str(value)


def _align(headers: list[str], rows: list[list[str]]) -> list[str]:
    def numeric(i: int) -> bool:
        cells = [r[i].replace(",", "").replace("-", "").replace(".", "") for r in rows]
        return bool(cells) and all(c.isdigit() or c in ("", "—") for c in cells)

    return ["right" if numeric(i) else "left" for i in range(len(headers))]


def _show(ctx: typer.Context, fmt: CostFormat | None, data: dict[str, Any], view: View) -> None:
    chosen = fmt or CostFormat(state(ctx).format.value)
    if chosen is CostFormat.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(view.csv_headers)
        writer.writerows(view.csv_rows)
        return

    def table() -> None:
        for title, headers, rows in view.sections:
            align = _align(headers, rows)
            console.print(f"[bold]{title}[/bold]", soft_wrap=True)
            print_wide(console, rich_table(headers, rows, align))  # type: ignore[arg-type]
            console.print()

    def markdown() -> str:
        return "\n".join(
            f"### {title}\n\n{markdown_table(headers, rows, _align(headers, rows))}"  # type: ignore[arg-type]
            for title, headers, rows in view.sections
        )

    emit(ctx, _Base(chosen.value), data, table, markdown)


def _chargeback_view(data: dict[str, Any]) -> View:
    cur, period, by = data["currency"], data["period"], data["by"]
    pool = data["pool"]
    head = f"Chargeback {period} by {by} ({cur}): pool {_money(pool['effective'])}" + (
        f" (billed {_money(pool['billed'])}), unallocated {_money(data['unallocated'])}"
    )
    rows = [
        [r["key"][by], r["team"] or "", r["org"] or "", _money(r["allocated"]),
         "—" if r["share"] is None else f"{r['share']:.1%}"]
        for r in data["rows"]
    ]  # fmt: skip
    meters = [
        [m["pool"], m["meter"], f"{m['weight']:g}", f"{m['quantity']:,g}",
         "—" if m["unit_cost"] is None else f"{m['unit_cost']:.6g}",
         _money(m["allocated"]), _money(m["unallocated"])]
        for m in data["meters"]
    ]  # fmt: skip
    view = View([(head, [by, "team", "org", f"allocated {cur}", "share"], rows)])
    if meters:
        hs = ["pool", "meter", "weight", "quantity", f"unit cost {cur}", "allocated", "unallocated"]
        view.sections.append(("Meters", hs, meters))
    view.csv_headers = ["period", "currency", "platform", by, "team", "org", "allocated", "share"]
    view.csv_rows = [
        [period, cur, _plain(data["platform"]), r["key"][by], _plain(r["team"]),
         _plain(r["org"]), _cents(r["allocated"]), _plain(r["share"])]
        for r in data["rows"]
    ]  # fmt: skip
    return view


@costs_app.command("chargeback")
def chargeback(
    ctx: typer.Context,
    month: MonthOpt = None,
    week: WeekOpt = None,
    by: ByOpt = "tenant",
    platform: PlatformOpt = None,
    fmt: FmtOpt = None,
    workspace: WorkspaceOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Each tenant's (team's, org's) share of the platform cost, to the cent.

    Default period: the latest complete month (UTC) as of --as-of.

    Examples: `headway costs chargeback --month 2026-11 --by team` ·
    `headway costs chargeback --week 2026-W48 --platform observability --format csv > nov.csv`
    """
    ws = open_ws(ctx, workspace, as_of, read_only=True)
    data = ws.chargeback(_period(month, week), by=by, platform=platform).to_json()
    _show(ctx, fmt, data, _chargeback_view(data))


def _pools_view(data: dict[str, Any]) -> View:
    cur = data["currency"]
    hs = ["pool", "platform", "split", "rows", f"effective {cur}", f"billed {cur}", "allocated",
          "unallocated"]  # fmt: skip
    rows = [
        [p["id"], p["platform"], p["split"], str(p["rows"]), _money(p["effective"]),
         _money(p["billed"]), _money(p["allocated"]), _money(p["unallocated"])]
        for p in data["pools"]
    ]  # fmt: skip
    view = View([(f"Cost pools {data['period']} ({cur})", hs, rows)])
    view.csv_headers = ["period", "currency", "pool", "platform", "split", "rows", "effective",
                        "billed", "allocated", "unallocated"]  # fmt: skip
    view.csv_rows = [
        [data["period"], cur, p["id"], p["platform"], p["split"], str(p["rows"]),
         _plain(p["effective"]), _plain(p["billed"]), _cents(p["allocated"]),
         _cents(p["unallocated"])]
        for p in data["pools"]
    ]  # fmt: skip
    return view


@costs_app.command("pools")
def pools(
    ctx: typer.Context,
    month: MonthOpt = None,
    week: WeekOpt = None,
    platform: PlatformOpt = None,
    fmt: FmtOpt = None,
    workspace: WorkspaceOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Each cost pool: Σ EffectiveCost (BilledCost beside it), allocated, unallocated.

    Example: `headway costs pools --month 2026-11`
    """
    ws = open_ws(ctx, workspace, as_of, read_only=True)
    data = ws.chargeback(_period(month, week), platform=platform).to_json()
    _show(ctx, fmt, data, _pools_view(data))


def _compare_view(data: dict[str, Any]) -> View:
    cur, by = data["currency"], data["by"]
    view = View()
    for v in data["vendors"]:
        rows = [
            [r["key"][by], _money(r["allocated"]), _money(r["vendor_cost"]), _money(r["savings"])]
            for r in v["rows"]
        ]
        title = f"{v['title'] or v['id']} (prices as of {v['as_of']}), {data['period']}, {cur}"
        view.sections.append((title, [by, "allocated", "vendor cost", "savings"], rows))
        view.csv_rows += [
            [data["period"], cur, v["id"], r["key"][by], _cents(r["allocated"]),
             _cents(r["vendor_cost"]), _cents(r["savings"])]
            for r in v["rows"]
        ]  # fmt: skip
    for p in data["peers"]:
        rows = [
            [t["team"], _money(t["allocated"]), f"{t['quantity']:,g}", f"{t['unit_cost']:.6g}",
             "—" if t["ratio"] is None else f"{t['ratio']:.2f}×", "yes" if t["outlier"] else ""]
            for t in p["teams"]
        ]  # fmt: skip
        title = f"Peers: {p['platform']} cost per {p['meter']} (median {p['median'] or 0:.6g})"
        hs = ["team", f"allocated {cur}", "quantity", "per unit", "× median", "outlier"]
        view.sections.append((title, hs, rows))
    view.csv_headers = ["period", "currency", "vendor", by, "allocated", "vendor_cost", "savings"]
    return view


@costs_app.command("compare")
def compare(
    ctx: typer.Context,
    month: MonthOpt = None,
    week: WeekOpt = None,
    by: ByOpt = "team",
    platform: PlatformOpt = None,
    fmt: FmtOpt = None,
    workspace: WorkspaceOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Allocated cost against each vendor price book, and each team's cost per unit
    against the median of teams.

    Example: `headway costs compare --month 2026-11 --by team`
    """
    ws = open_ws(ctx, workspace, as_of, read_only=True)
    data = ws.cost_comparison(_period(month, week), by=by, platform=platform).to_json()
    _show(ctx, fmt, data, _compare_view(data))


def _recommend_view(data: dict[str, Any]) -> View:
    cur = data["currency"]
    rows = [
        [_money(i["saving"]), i["rule"], i["team"] or "", i["platform"], i["action"]]
        for i in data["items"]
    ]
    title = f"Recommendations {data['period']}: up to {_money(data['total_saving'])} {cur}/month"
    view = View([(title, [f"saving {cur}", "rule", "team", "platform", "action"], rows)])
    view.sections.append(
        ("Evidence", ["rule", "evidence"], [[i["rule"], i["evidence"]] for i in data["items"]])
    )
    view.csv_headers = ["period", "currency", "rule", "team", "platform", "saving", "action",
                        "evidence"]  # fmt: skip
    view.csv_rows = [
        [data["period"], cur, i["rule"], _plain(i["team"]), i["platform"], _cents(i["saving"]),
         i["action"], i["evidence"]]
        for i in data["items"]
    ]  # fmt: skip
    return view


@costs_app.command("recommend")
def recommend(
    ctx: typer.Context,
    month: MonthOpt = None,
    platform: PlatformOpt = None,
    fmt: FmtOpt = None,
    workspace: WorkspaceOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """What to do to spend less, largest estimated monthly saving first.

    Example: `headway costs recommend --month 2026-11 --format md`
    """
    ws = open_ws(ctx, workspace, as_of, read_only=True)
    data = ws.cost_recommendations(month, platform=platform).to_json()
    _show(ctx, fmt, data, _recommend_view(data))


def register(app: typer.Typer) -> None:
    """Add ``headway costs`` to ``app``."""
    app.add_typer(costs_app)
