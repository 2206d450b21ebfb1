"""Names that point elsewhere must exist: a North Star's KPI, a KPI's initiative and NSM,
the KPIs of a ratio or an index, the SLO of an SLO KPI. Ratio and index KPIs must not
depend on themselves, directly or through a cycle."""

from __future__ import annotations

from collections.abc import Iterator

from headway.config.models import SLOKPI, IndexKPI, RatioKPI, WorkspaceConfig
from headway.config.rules import Rule, RuleIssue, did_you_mean

__all__ = ["RULES"]

Path = tuple[str | int, ...]


def _unknown(path: Path, what: str, name: str, known: list[str]) -> RuleIssue:
    return RuleIssue(path, f"unknown {what} `{name}`" + did_you_mean(name, known, f"{what}s"))


def north_star_kpis(config: WorkspaceConfig) -> Iterator[RuleIssue]:
    kpis = [k.id for k in config.kpis]
    for i, star in enumerate(config.north_stars):
        if star.kpi not in kpis:
            yield _unknown(("north_stars", i, "kpi"), "KPI", star.kpi, kpis)


def kpi_owners(config: WorkspaceConfig) -> Iterator[RuleIssue]:
    initiatives = [x.id for x in config.initiatives]
    stars = [s.id for s in config.north_stars]
    slos = [s.id for s in config.slos]
    for i, kpi in enumerate(config.kpis):
        if kpi.initiative is not None and kpi.initiative not in initiatives:
            yield _unknown(("kpis", i, "initiative"), "initiative", kpi.initiative, initiatives)
        if kpi.drives is not None and kpi.drives not in stars:
            yield _unknown(("kpis", i, "drives"), "North Star", kpi.drives, stars)
        if isinstance(kpi, SLOKPI) and kpi.slo not in slos:
            yield _unknown(("kpis", i, "slo"), "SLO", kpi.slo, slos)


def _dependencies(config: WorkspaceConfig) -> dict[str, list[tuple[str, Path]]]:
    """For each ratio and index KPI: the KPIs it is computed from, with their paths."""
    deps: dict[str, list[tuple[str, Path]]] = {}
    for i, kpi in enumerate(config.kpis):
        if isinstance(kpi, RatioKPI):
            deps[kpi.id] = [
                (kpi.numerator, ("kpis", i, "numerator")),
                (kpi.denominator, ("kpis", i, "denominator")),
            ]
        elif isinstance(kpi, IndexKPI):
            deps[kpi.id] = [
                (c.kpi, ("kpis", i, "components", j, "kpi")) for j, c in enumerate(kpi.components)
            ]
    return deps


def derived_kpis(config: WorkspaceConfig) -> Iterator[RuleIssue]:
    known = [k.id for k in config.kpis]
    deps = _dependencies(config)
    for kpi_id, edges in deps.items():
        for dep, path in edges:
            if dep == kpi_id:
                yield RuleIssue(path, f"KPI `{kpi_id}` cannot be computed from itself")
            elif dep not in known:
                yield _unknown(path, "KPI", dep, known)
    yield from _cycles(deps)


def _cycles(deps: dict[str, list[tuple[str, Path]]]) -> Iterator[RuleIssue]:
    """One issue per cycle of two or more KPIs, at the edge that closes it."""
    state: dict[str, str] = {}

    def visit(node: str, stack: list[str]) -> Iterator[RuleIssue]:
        state[node] = "open"
        for dep, path in deps.get(node, []):
            if dep == node:
                continue
            if state.get(dep) == "open":
                cycle = [*stack[stack.index(dep) :], node, dep]
                yield RuleIssue(
                    path,
                    "KPIs computed from each other form a cycle: "
                    + " → ".join(f"`{k}`" for k in cycle)
                    + "; one of them must be computed from a dataset",
                )
            elif dep not in state:
                yield from visit(dep, [*stack, node])
        state[node] = "done"

    for node in deps:
        if node not in state:
            yield from visit(node, [])


RULES: list[Rule] = [north_star_kpis, kpi_owners, derived_kpis]
