"""Check-ins of key results, stored in the ``okr_checkins`` table."""

from __future__ import annotations

import datetime as dt
from dataclasses import astuple
from typing import Any

from headway.config.models import WorkspaceConfig
from headway.config.okrs import MilestoneKeyResult
from headway.errors import HeadwayError, QueryError
from headway.okrs.results import CheckIn
from headway.store import Store

__all__ = [
    "CheckInRequest",
    "checkin_history",
    "find_key_result",
    "latest_checkins",
    "record",
    "record_many",
]

_COLUMNS = "checkin_id, key_result, checked_in_at, value, progress, confidence, note, author"


def find_key_result(config: WorkspaceConfig, kr_id: str) -> Any:
    """The key result with id ``kr_id``; QueryError naming close ids otherwise."""
    import difflib

    all_krs = {kr.id: kr for o in config.okrs for kr in o.key_results}
    if kr_id in all_krs:
        return all_krs[kr_id]
    close = difflib.get_close_matches(kr_id, list(all_krs), n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise QueryError(
        f"no key result {kr_id!r}{hint} (`headway okr tree` lists them with their ids)"
    )


def _check_share(name: str, x: float | None) -> None:
    if x is not None and not 0.0 <= x <= 1.0:
        raise HeadwayError(f"{name} {x:g} is outside 0–1; give a share, e.g. 0.6 for 60 %")


class CheckInRequest:
    """What a check-in says; validated against the key result before it is stored."""

    def __init__(
        self,
        key_result: str,
        *,
        value: float | None = None,
        progress: float | None = None,
        confidence: float,
        note: str | None = None,
        author: str | None = None,
    ) -> None:
        self.key_result = key_result
        self.value = value
        self.progress = progress
        self.confidence = confidence
        self.note = note
        self.author = author

    def validate(self, config: WorkspaceConfig) -> None:
        kr = find_key_result(config, self.key_result)
        if (self.value is None) == (self.progress is None):
            raise HeadwayError("give exactly one of --value (a metric KR) or --progress (0–1)")
        _check_share("confidence", self.confidence)
        _check_share("progress", self.progress)
        if isinstance(kr, MilestoneKeyResult) and self.value is not None:
            raise HeadwayError(
                f"{kr.id} is a milestone key result: check in its --progress (0–1), not a --value"
            )
        if not isinstance(kr, MilestoneKeyResult) and self.progress is not None:
            raise HeadwayError(
                f"{kr.id} moves with KPI {kr.kpi}: check in the --value you see, not a --progress"
            )


def record(store: Store, config: WorkspaceConfig, req: CheckInRequest, at: dt.datetime) -> CheckIn:
    """Validate and store one check-in made at ``at`` (the workspace's as-of)."""
    req.validate(config)
    with store.transaction() as con:
        row = con.execute("SELECT nextval('okr_checkin_seq')").fetchone()
        assert row is not None
        checkin = CheckIn(
            int(row[0]),
            req.key_result,
            at,
            req.value,
            req.progress,
            req.confidence,
            req.note,
            req.author,
        )
        con.execute(
            f"INSERT INTO okr_checkins ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            list(astuple(checkin)),
        )
    return checkin


def record_many(store: Store, config: WorkspaceConfig, rows: list[dict[str, Any]]) -> int:
    """Store check-ins given as dicts of the table's columns (``checked_in_at`` included, no
    ``checkin_id``), e.g. :func:`headway.okrs.demo_checkins`; each is validated."""
    for r in rows:
        req = CheckInRequest(
            r["key_result"],
            value=r.get("value"),
            progress=r.get("progress"),
            confidence=r["confidence"],
            note=r.get("note"),
            author=r.get("author"),
        )
        record(store, config, req, r["checked_in_at"])
    return len(rows)


def _rows(store: Store, where: str, params: list[Any]) -> list[CheckIn]:
    rows = store.con.execute(
        f"SELECT {_COLUMNS} FROM okr_checkins WHERE {where} ORDER BY checked_in_at, checkin_id",
        params,
    ).fetchall()
    return [CheckIn(int(r[0]), r[1], r[2], r[3], r[4], float(r[5]), r[6], r[7]) for r in rows]


def checkin_history(store: Store, kr_id: str, as_of: dt.datetime) -> list[CheckIn]:
    """The check-ins of ``kr_id`` made up to ``as_of``, oldest first."""
    return _rows(store, "key_result = ? AND checked_in_at <= ?", [kr_id, as_of])


def latest_checkins(store: Store, as_of: dt.datetime) -> dict[str, CheckIn]:
    """Per key result, its latest check-in made up to ``as_of``."""
    latest: dict[str, CheckIn] = {}
    for c in _rows(store, "checked_in_at <= ?", [as_of]):
        latest[c.key_result] = c
    return latest
