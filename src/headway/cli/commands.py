"""Every command group, registered on the root app. One module per area."""

from __future__ import annotations

import typer

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    from headway.cli import (
        config_cmds,
        costs_cmds,
        data_cmds,
        demo_cmds,
        kpi_cmds,
        okr_cmds,
        report_cmds,
    )

    for module in (config_cmds, data_cmds, demo_cmds, kpi_cmds, okr_cmds, costs_cmds, report_cmds):
        module.register(app)
