"""Cross-reference rules over a structurally valid config, one area per module.

A rule is a function ``(WorkspaceConfig) -> Iterable[RuleIssue]``; each module lists its
rules in ``RULES``. The loader maps every issue's ``path`` (the same location pydantic
uses, e.g. ``("kpis", 2, "drives")``) to the file and line it came from.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from headway.config.models import WorkspaceConfig

__all__ = ["Rule", "RuleIssue", "all_rules", "check_rules"]

#: Rule modules, each exposing ``RULES: list[Rule]``. Add yours here.
_MODULES: tuple[str, ...] = ("costs",)


@dataclass(frozen=True)
class RuleIssue:
    path: tuple[str | int, ...]
    message: str
    severity: Literal["error", "warning"] = "error"


Rule = Callable[["WorkspaceConfig"], Iterable[RuleIssue]]


def all_rules() -> list[Rule]:
    rules: list[Rule] = []
    for name in _MODULES:
        module = importlib.import_module(f"headway.config.rules.{name}")
        rules.extend(module.RULES)
    return rules


def check_rules(config: WorkspaceConfig) -> list[RuleIssue]:
    """Every issue every rule finds, in rule order."""
    return [issue for rule in all_rules() for issue in rule(config)]
