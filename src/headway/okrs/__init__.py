"""OKRs that move by themselves (DESIGN §9): scoring, check-ins and the alignment tree.

Decisions are written in docs/okrs.md. The workspace facade calls :func:`build_tree` with a
KPI reader; the formulas are in :mod:`headway.okrs.scoring`.
"""

from __future__ import annotations

from headway.okrs.checkins import (
    CheckInRequest,
    checkin_history,
    find_key_result,
    latest_checkins,
    record,
    record_many,
)
from headway.okrs.cycles import current_cycle, parse_cycle
from headway.okrs.demo import demo_checkins, demo_okrs, demo_okrs_yaml
from headway.okrs.keyresults import KPIReader
from headway.okrs.results import CheckIn, KeyResultScore, ObjectiveScore, OKRTree
from headway.okrs.tree import build_tree, find_objective

__all__ = [
    "CheckIn",
    "CheckInRequest",
    "KPIReader",
    "KeyResultScore",
    "OKRTree",
    "ObjectiveScore",
    "build_tree",
    "checkin_history",
    "current_cycle",
    "demo_checkins",
    "demo_okrs",
    "demo_okrs_yaml",
    "find_key_result",
    "find_objective",
    "latest_checkins",
    "parse_cycle",
    "record",
    "record_many",
]
