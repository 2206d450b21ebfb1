"""The alignment tree of one cycle: objectives scored bottom-up, then filtered for view."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Sequence
from dataclasses import replace

from headway.config.models import WorkspaceConfig
from headway.config.okrs import Objective
from headway.errors import QueryError
from headway.okrs.cycles import current_cycle, parse_cycle, try_parse_cycle
from headway.okrs.keyresults import KPIInfo, KPIReader, ScoringContext, score_key_result
from headway.okrs.results import CheckIn, KeyResultScore, ObjectiveScore, OKRTree
from headway.okrs.scoring import expected_progress, status, weighted_mean
from headway.periods import Period

__all__ = ["build_tree", "find_objective"]


def _confidence(krs: list[KeyResultScore], children: list[ObjectiveScore]) -> float | None:
    """Weighted mean of the KRs' latest confidences; without KRs, of the children's."""
    if krs:
        return weighted_mean(
            (kr.last_checkin.confidence, kr.weight) for kr in krs if kr.last_checkin
        )
    return weighted_mean((c.confidence, c.weight) for c in children if c.confidence is not None)


class _Scorer:
    def __init__(self, objectives: Sequence[Objective], ctx: ScoringContext, closed: bool) -> None:
        self.ctx = ctx
        self.closed = closed
        self.expected = (
            1.0
            if closed
            else expected_progress(ctx.cycle.start_at(ctx.tz), ctx.cycle.end_at(ctx.tz), ctx.as_of)
        )
        self.by_parent: dict[str | None, list[Objective]] = {}
        ids = {o.id for o in objectives}
        for o in objectives:
            parent = o.parent if o.parent in ids else None
            self.by_parent.setdefault(parent, []).append(o)

    def score(self, o: Objective, seen: frozenset[str] = frozenset()) -> ObjectiveScore:
        seen = seen | {o.id}
        children = [self.score(c, seen) for c in self.by_parent.get(o.id, []) if c.id not in seen]
        krs = [score_key_result(kr, self.ctx) for kr in o.key_results]
        if krs:
            progress = weighted_mean((kr.progress, kr.weight) for kr in krs)
            grade = weighted_mean((kr.grade, kr.weight) for kr in krs)
        else:
            progress = weighted_mean((c.progress, c.weight) for c in children)
            grade = weighted_mean((c.grade, c.weight) for c in children)
        p = progress or 0.0
        return ObjectiveScore(
            id=o.id,
            title=o.title,
            level=o.level,
            owner=o.owner,
            cycle=o.cycle,
            parent=o.parent,
            weight=o.weight,
            progress=p,
            expected=self.expected,
            status=status(p, self.expected, closed=self.closed),
            grade=grade or 0.0,
            confidence=_confidence(krs, children),
            key_results=krs,
            children=children,
        )


def _same(a: Period, b: Period) -> bool:
    return (a.start, a.end) == (b.start, b.end)


def _filter(node: ObjectiveScore, owner: str | None, level: str | None) -> list[ObjectiveScore]:
    """The matching objectives of ``node``'s subtree, each keeping its matching descendants."""
    kept = [m for c in node.children for m in _filter(c, owner, level)]
    if (owner is None or node.owner == owner) and (level is None or node.level == level):
        return [replace(node, children=kept)]
    return kept


def build_tree(
    config: WorkspaceConfig,
    *,
    as_of: dt.datetime,
    read: KPIReader,
    checkins: dict[str, CheckIn],
    cycle: str | None = None,
    owner: str | None = None,
    level: str | None = None,
) -> OKRTree:
    """Score every objective of ``cycle`` (default: the quarter holding as-of)."""
    tz = _zone(config)
    fsm = config.fiscal_year_start_month
    period = parse_cycle(cycle, fsm) if cycle else current_cycle(as_of, tz, fsm)
    members = [o for o in config.okrs if (p := try_parse_cycle(o.cycle, fsm)) and _same(p, period)]
    kpis = {k.id: KPIInfo(k.grain, k.rollup, k.unit) for k in config.kpis}
    ctx = ScoringContext(period, as_of, tz, fsm, kpis, read, checkins)
    closed = as_of >= period.end_at(tz)
    scorer = _Scorer(members, ctx, closed)
    roots = [scorer.score(o) for o in scorer.by_parent.get(None, [])]
    if owner is not None or level is not None:
        roots = [m for r in roots for m in _filter(r, owner, level)]
    return OKRTree(period.label, period.start, period.end, as_of, scorer.expected, closed, roots)


def _zone(config: WorkspaceConfig) -> dt.tzinfo:
    from zoneinfo import ZoneInfo

    return ZoneInfo(config.timezone)


def find_objective(
    config: WorkspaceConfig, objective_id: str, tree_of: Callable[[str], OKRTree]
) -> ObjectiveScore:
    """``objective_id`` scored in the tree of its own cycle (``tree_of(cycle)``)."""
    objective = next((o for o in config.okrs if o.id == objective_id), None)
    if objective is None:
        close = difflib.get_close_matches(objective_id, [o.id for o in config.okrs], n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise QueryError(
            f"no objective {objective_id!r}{hint} (`headway okr tree --cycle …` lists them)"
        )
    found = tree_of(objective.cycle).find(objective_id)
    assert found is not None  # every objective of the cycle is in its unfiltered tree
    return found
