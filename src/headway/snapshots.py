"""KPI snapshots: every KPI's value for a period, stored with the hash of its definition.

A quarterly review quotes numbers; definitions change afterwards (a ``where`` is fixed, a
target moves). A snapshot keeps the value as it was computed, and the definition hash
tells, when it is read back, whether today's definition still computes the same thing.

The table ``kpi_snapshots`` has the primary key (kpi, period): taking a snapshot of a
period again replaces it. ``taken_at`` is the workspace's as-of (the real time unless
``--as-of`` is given), so a snapshot is as reproducible as the figures in it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from headway.errors import QueryError
from headway.metrics.value import BreakdownRow, Change, KPIValue
from headway.scorecard.build import kpi_period

if TYPE_CHECKING:
    from headway.workspace import Workspace

__all__ = ["Snapshot", "SnapshotCheck", "read_snapshot", "take_snapshots"]


@dataclass(frozen=True)
class Snapshot:
    kpi: str
    period: str
    taken_at: dt.datetime
    definition_hash: str
    value: dict[str, Any]
    """The KPI value's JSON (DESIGN §10) as it was when the snapshot was taken."""

    def note(self) -> str:
        return (
            f"stored value: snapshot of {self.period} taken "
            f"{self.taken_at.isoformat(timespec='minutes')}"
        )

    def kpi_value(self) -> KPIValue:
        """The stored value as a :class:`KPIValue` (its JSON read back)."""
        v = self.value
        ch = v.get("change") or {}
        prev = v.get("previous") or {}
        return KPIValue(
            kpi=v["kpi"],
            title=v["title"],
            period=v["period"],
            grain=v["grain"],
            value=v.get("value"),
            unit=v.get("unit"),
            direction=v.get("direction", "up"),
            target=v.get("target"),
            status=v.get("status", "no_data"),
            previous_period=prev.get("period"),
            previous_value=prev.get("value"),
            change=Change(ch.get("absolute"), ch.get("relative"), ch.get("significant")),
            rows=int(v.get("rows") or 0),
            coverage=v.get("coverage"),
            details=dict(v.get("details") or {}),
            breakdown=[BreakdownRow(b["key"], b["value"]) for b in v.get("breakdown") or []],
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "kpi": self.kpi,
            "period": self.period,
            "taken_at": self.taken_at.isoformat(),
            "definition_hash": self.definition_hash,
            "value": self.value,
        }


@dataclass(frozen=True)
class SnapshotCheck:
    """A stored snapshot read back, compared with the KPI's definition today."""

    snapshot: Snapshot
    current_hash: str | None
    """None when the KPI no longer exists in headway.yaml."""

    @property
    def definition_changed(self) -> bool:
        return self.current_hash != self.snapshot.definition_hash

    @property
    def warning(self) -> str | None:
        if not self.definition_changed:
            return None
        when = self.snapshot.taken_at.date().isoformat()
        if self.current_hash is None:
            return (
                f"{self.snapshot.kpi} is no longer defined in headway.yaml; this is the value "
                f"stored by the snapshot of {when}"
            )
        return (
            f"definition changed since the snapshot of {when}: today's definition of "
            f"{self.snapshot.kpi} may compute a different value for {self.snapshot.period}"
        )

    def to_json(self) -> dict[str, Any]:
        out = self.snapshot.to_json()
        out["current_definition_hash"] = self.current_hash
        out["definition_changed"] = self.definition_changed
        return out


def _current_hash(ws: Workspace, kpi_id: str) -> str | None:
    from headway.metrics.evaluate import definition_hash

    kpi = ws.config.kpi(kpi_id)
    return None if kpi is None else definition_hash(kpi, ws.config)


def take_snapshots(ws: Workspace, period: str | None = None) -> list[Snapshot]:
    """Evaluate every KPI for its period (see :func:`kpi_period`) and store it."""
    cfg = ws.config
    taken_at = ws.as_of
    out: list[Snapshot] = []
    for kpi in cfg.kpis:
        label = kpi_period(kpi.grain, period, ws.as_of, ws.tz, cfg.fiscal_year_start_month).label
        value = ws.kpi_value(kpi.id, period=label).to_json()
        out.append(Snapshot(kpi.id, label, taken_at, _current_hash(ws, kpi.id) or "", value))
    with ws.store.transaction() as con:
        for snap in out:
            con.execute(
                "INSERT OR REPLACE INTO kpi_snapshots VALUES (?, ?, ?, ?, ?)",
                [
                    snap.kpi,
                    snap.period,
                    snap.taken_at,
                    snap.definition_hash,
                    json.dumps(snap.value, default=str),
                ],
            )
    return out


def read_snapshot(ws: Workspace, kpi_id: str, period: str | None = None) -> SnapshotCheck:
    """The stored snapshot of ``kpi_id`` for ``period`` (None: the one taken last)."""
    query = (
        "SELECT kpi, period, taken_at, definition_hash, value_json FROM kpi_snapshots WHERE kpi = ?"
    )
    params: list[Any] = [kpi_id]
    if period is not None:
        kpi = ws.config.kpi(kpi_id)
        if kpi is not None:
            fsm = ws.config.fiscal_year_start_month
            period = kpi_period(kpi.grain, period, ws.as_of, ws.tz, fsm).label
        query += " AND period = ?"
        params.append(period)
    row = ws.store.con.execute(
        query + " ORDER BY taken_at DESC, period DESC LIMIT 1", params
    ).fetchone()
    if row is None:
        which = f" for {period}" if period is not None else ""
        raise QueryError(
            f"no snapshot of {kpi_id}{which}; take one with "
            f"`headway kpi snapshot{' --period ' + period if period else ''}`"
        )
    taken_at = row[2] if row[2].tzinfo else row[2].replace(tzinfo=dt.UTC)
    snap = Snapshot(row[0], row[1], taken_at, row[3], json.loads(row[4]))
    return SnapshotCheck(snap, _current_hash(ws, kpi_id))
