"""Ids are unique within their section: North Stars, initiatives, KPIs, SLOs, objectives,
and key results (across all objectives, since check-ins are stored by key result id)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from headway.config.models import WorkspaceConfig
from headway.config.rules import Rule, RuleIssue

__all__ = ["RULES"]

_SECTIONS = {
    "north_stars": "North Star",
    "initiatives": "initiative",
    "kpis": "KPI",
    "slos": "SLO",
    "okrs": "objective",
}

Path = tuple[str | int, ...]


def _duplicates(entries: Iterable[tuple[str, Path]], what: str) -> Iterator[RuleIssue]:
    first: dict[str, Path] = {}
    for entry_id, path in entries:
        if entry_id in first:
            yield RuleIssue(
                (*path, "id"),
                f"duplicate {what} id `{entry_id}`: ids must be unique; rename this one or "
                "remove it",
                related=(*first[entry_id], "id"),
            )
        else:
            first[entry_id] = path


def unique_ids(config: WorkspaceConfig) -> Iterator[RuleIssue]:
    for section, what in _SECTIONS.items():
        entries = getattr(config, section)
        yield from _duplicates(((e.id, (section, i)) for i, e in enumerate(entries)), what)
    key_results = (
        (kr.id, ("okrs", i, "key_results", j))
        for i, objective in enumerate(config.okrs)
        for j, kr in enumerate(objective.key_results)
    )
    yield from _duplicates(key_results, "key result")


RULES: list[Rule] = [unique_ids]
