"""Cross-reference rules over a typed config, one area per module.

A rule is a function ``(WorkspaceConfig) -> Iterable[RuleIssue]``; each module lists its
rules in ``RULES``. The loader maps every issue's ``path`` (the YAML's keys and list
indexes, e.g. ``("kpis", 2, "drives")``) to the file and line it came from, and, when the
issue names a ``related`` path (the first of two duplicates), appends where that one is.

Adding a rule module: create ``headway/config/rules/<area>.py`` with ``RULES = [...]`` and
append ``"<area>"`` to ``_MODULES``. Rules run on a structurally valid config, or on the
salvage of an invalid one (:mod:`headway.config.salvage`), whose issues the loader filters.
"""

from __future__ import annotations

import difflib
import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from headway.config.models import WorkspaceConfig

__all__ = ["Rule", "RuleIssue", "all_rules", "check_rules", "did_you_mean"]

#: Rule modules, each exposing ``RULES: list[Rule]``. Add yours here.
_MODULES: tuple[str, ...] = ("ids", "north_stars", "references", "sql", "kpis", "costs", "okrs")


@dataclass(frozen=True)
class RuleIssue:
    path: tuple[str | int, ...]
    message: str
    severity: Literal["error", "warning"] = "error"
    related: tuple[str | int, ...] | None = None
    """Another place the message refers to; the loader appends its file:line."""


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


def did_you_mean(name: str, known: Iterable[str], what: str = "") -> str:
    """`` (did you mean `x`?)`` for a close match, else the known names (or nothing)."""
    options = [o for o in dict.fromkeys(known) if not o.startswith("#")]  # "#": a stub's
    close = difflib.get_close_matches(name, options, n=1, cutoff=0.6)
    if close:
        return f" (did you mean `{close[0]}`?)"
    if not options:
        return f"; there are no {what}" if what else ""
    shown = ", ".join(options[:20]) + (", …" if len(options) > 20 else "")
    return f"; the {what or 'known names'} are: {shown}"
