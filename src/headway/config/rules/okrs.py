"""OKR alignment rules (DESIGN §9): parents, levels, loops, cycles, KPIs, levels of a KR.

Every rule yields all its issues; each message says what to do next.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from headway.config.models import WorkspaceConfig
from headway.config.okrs import LEVELS, MetricKeyResult, Objective
from headway.config.rules import Rule, RuleIssue
from headway.okrs.cycles import try_parse_cycle

__all__ = ["RULES"]


def _suggest(name: str, known: list[str]) -> str:
    real = [k for k in known if not k.startswith("#")]  # "#…": a stub without id
    close = difflib.get_close_matches(name, real, n=3)
    return f"did you mean {' or '.join(f'`{c}`' for c in close)}? " if close else ""


def parents(config: WorkspaceConfig) -> Iterator[RuleIssue]:
    """The parent exists, sits at a higher level and shares the cycle."""
    by_id = {o.id: o for o in config.okrs}
    fsm = config.fiscal_year_start_month
    for i, o in enumerate(config.okrs):
        if o.parent is None:
            continue
        parent = by_id.get(o.parent)
        if parent is None:
            yield RuleIssue(
                ("okrs", i, "parent"),
                f"unknown parent objective {o.parent!r}; {_suggest(o.parent, list(by_id))}"
                "use the id of an objective in `okrs:` or remove `parent`",
            )
            continue
        if LEVELS.index(parent.level) >= LEVELS.index(o.level):
            yield RuleIssue(
                ("okrs", i, "parent"),
                f"{o.id} ({o.level}) cannot align to {parent.id} ({parent.level}): a parent "
                f"must be of a higher level ({' > '.join(LEVELS)}); pick a higher-level "
                "parent or change a level",
            )
        mine, theirs = try_parse_cycle(o.cycle, fsm), try_parse_cycle(parent.cycle, fsm)
        if mine and theirs and (mine.start, mine.end) != (theirs.start, theirs.end):
            yield RuleIssue(
                ("okrs", i, "cycle"),
                f"{o.id} is in cycle {o.cycle} but its parent {parent.id} is in {parent.cycle}; "
                "align to an objective of the same cycle",
            )


def _loop_from(start: Objective, by_id: dict[str, Objective]) -> list[str] | None:
    path: list[str] = []
    current: Objective | None = start
    while current is not None and current.id not in path:
        path.append(current.id)
        current = by_id.get(current.parent) if current.parent else None
    if current is None:
        return None
    return [*path[path.index(current.id) :], current.id]


def loops(config: WorkspaceConfig) -> Iterator[RuleIssue]:
    """No objective is its own ancestor; each loop is named once, at its first member."""
    by_id = {o.id: o for o in config.okrs}
    reported: set[frozenset[str]] = set()
    for i, o in enumerate(config.okrs):
        loop = _loop_from(o, by_id)
        if loop is None or loop[0] != o.id or frozenset(loop) in reported:
            continue
        reported.add(frozenset(loop))
        yield RuleIssue(
            ("okrs", i, "parent"),
            f"the alignment has a loop: {' → '.join(loop)}; remove or change the parent "
            "of one of them",
        )


def cycles(config: WorkspaceConfig) -> Iterator[RuleIssue]:
    fsm = config.fiscal_year_start_month
    example = "FY2027-Q1" if fsm != 1 else "2026-Q2"
    for i, o in enumerate(config.okrs):
        if try_parse_cycle(o.cycle, fsm) is None:
            yield RuleIssue(
                ("okrs", i, "cycle"),
                f"cycle {o.cycle!r} is not a quarter; write a quarter label such as {example}",
            )


def _direction(config: WorkspaceConfig, kr: MetricKeyResult) -> str | None:
    kpi = config.kpi(kr.kpi)
    if kpi is not None:
        return kpi.direction
    if kr.baseline != "auto" and kr.baseline != kr.target:
        return "up" if kr.target > kr.baseline else "down"
    return None


def _levels(config: WorkspaceConfig, kr: MetricKeyResult) -> Iterator[tuple[str, str]]:
    """(field, message) for baseline/commit/stretch on the wrong side for the direction."""
    direction = _direction(config, kr)
    if direction is None:
        return
    better = "higher" if direction == "up" else "lower"
    worse = "lower" if direction == "up" else "higher"

    def beyond(a: float, b: float) -> bool:  # a is better than b
        return a > b if direction == "up" else a < b

    if kr.commit is not None and not beyond(kr.target, kr.commit):
        yield (
            "commit",
            (
                f"commit {kr.commit:g} must be {worse} than the target {kr.target:g} ({better} is "
                "better); commit is the level you promise, target the one you aim at"
            ),
        )
    if kr.stretch is not None and not beyond(kr.stretch, kr.target):
        yield (
            "stretch",
            (
                f"stretch {kr.stretch:g} must be {better} than the target {kr.target:g} ({better} "
                "is better); raise the stretch or drop it"
            ),
        )


def key_results(config: WorkspaceConfig) -> Iterator[RuleIssue]:
    known = [k.id for k in config.kpis]
    for i, o in enumerate(config.okrs):
        for j, kr in enumerate(o.key_results):
            if not isinstance(kr, MetricKeyResult):
                continue
            at = ("okrs", i, "key_results", j)
            if config.kpi(kr.kpi) is None:
                yield RuleIssue(
                    (*at, "kpi"),
                    f"key result {kr.id} is on unknown KPI {kr.kpi!r}; {_suggest(kr.kpi, known)}"
                    "define it under `kpis:` or use `kind: milestone`",
                )
            if kr.baseline != "auto" and kr.baseline == kr.target:
                yield RuleIssue(
                    (*at, "target"),
                    f"target equals the baseline ({kr.target:g}), so there is nothing to "
                    "progress; set a target you want to reach",
                )
            for field, message in _levels(config, kr):
                yield RuleIssue((*at, field), message)


RULES: list[Rule] = [parents, loops, cycles, key_results]
