"""``headway costs …``: pools, chargeback, comparisons and recommendations (DESIGN §8)."""

from __future__ import annotations

from typing import Annotated

import typer

from headway.cli.common import AsOfOpt, WorkspaceOpt, open_ws
from headway.cli.costs_advice import compare_view, recommend_view
from headway.cli.costs_render import CostFormat, show
from headway.cli.costs_views import chargeback_view, pools_view
from headway.errors import QueryError

__all__ = ["costs_app", "register"]

costs_app = typer.Typer(
    name="costs",
    help="Platform costs: pools, chargeback by unit economics, vendor and peer comparison, "
    "recommendations.",
    no_args_is_help=True,
    rich_markup_mode="markdown",
)


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


def _period(month: str | None, week: str | None) -> str | None:
    if month and week:
        raise QueryError("give --month or --week, not both")
    return month or week


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
    show(ctx, fmt, data, chargeback_view(data))


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
    show(ctx, fmt, data, pools_view(data))


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
    show(ctx, fmt, data, compare_view(data))


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
    show(ctx, fmt, data, recommend_view(data))


def register(app: typer.Typer) -> None:
    """Add ``headway costs`` to ``app``."""
    app.add_typer(costs_app)
