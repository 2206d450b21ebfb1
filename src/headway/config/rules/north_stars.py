"""At most three North Star Metrics (DESIGN §5)."""

from __future__ import annotations

from collections.abc import Iterator

from headway.config.models import WorkspaceConfig
from headway.config.rules import Rule, RuleIssue

__all__ = ["MAX_NORTH_STARS", "RULES"]

MAX_NORTH_STARS = 3


def at_most_three(config: WorkspaceConfig) -> Iterator[RuleIssue]:
    count = len(config.north_stars)
    if count > MAX_NORTH_STARS:
        yield RuleIssue(
            ("north_stars", MAX_NORTH_STARS),
            f"{count} North Stars, at most {MAX_NORTH_STARS} allowed: a North Star is one of "
            "the few numbers the whole team steers by, and each one more dilutes attention. "
            f"Keep the {MAX_NORTH_STARS} that matter most and turn the rest into KPIs that "
            "drive them (`drives: <north star id>`)",
        )


RULES: list[Rule] = [at_most_three]
