"""What of an invalid config still validates, so that the rules can run on it too.

A structural error used to stop before the rules, so a file with a bad ``grain`` in one
KPI and an unknown ``drives`` in another reported only the first. Salvaging builds a
config for the rule stage only (it is never returned as usable):

- each item of a list section (``north_stars``, ``initiatives``, ``kpis``, ``slos``,
  ``okrs`` and their ``key_results``, ``costs.pools``, ``costs.vendors``) is validated on
  its own. One that fails is **repaired** when only optional fields are wrong (they are
  dropped, so their defaults apply), else replaced **in place** by a **stub**: neutral
  placeholder values that keep the item's ``id``, so that references to it still resolve
  and rule paths of the later items still point at their lines;
- an invalid top-level field (``timezone``, ``fiscal_year_start_month``, ``report`` …)
  falls back to its default.

Rule issues that the salvage could have caused are dropped (:meth:`Salvage.keeps`): those
inside a stub, those at or under a dropped field, and those that read a dropped value of
another item (a key result's commit/stretch against its KPI's ``direction``, a child's
level against its parent's ``level``, period labels against ``fiscal_year_start_month``,
a vendor's meters against the pools' ``allocation``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from headway.config.advice import data_path, model_of
from headway.config.costs import CostPool, CostsConfig, VendorPriceBook
from headway.config.models import KPI, SLO, Initiative, NorthStar, WorkspaceConfig
from headway.config.okrs import KeyResult, MetricKeyResult, Objective
from headway.config.rules import RuleIssue
from headway.config.source import ConfigPath, format_path

__all__ = ["Salvage", "salvage"]

#: The model (or union) of one item of each list section, by the section's last key.
_ITEMS: dict[str, Any] = {
    "north_stars": NorthStar,
    "initiatives": Initiative,
    "kpis": KPI,
    "slos": SLO,
    "okrs": Objective,
    "key_results": KeyResult,
    "pools": CostPool,
    "vendors": VendorPriceBook,
}
_ADAPTERS: dict[str, TypeAdapter[Any]] = {k: TypeAdapter(v) for k, v in _ITEMS.items()}
_COSTS: TypeAdapter[Any] = TypeAdapter(CostsConfig)
_WORKSPACE: TypeAdapter[Any] = TypeAdapter(WorkspaceConfig)

#: Valid stand-ins for a stub's required fields, chosen so that no rule fires on them.
_PLACEHOLDERS: dict[str, dict[str, Any]] = {
    "north_stars": {"id": "stub", "title": "", "kpi": ""},
    "initiatives": {"id": "stub", "title": ""},
    "kpis": {"id": "stub", "title": "", "kind": "sql", "sql": "SELECT 1 AS period, 1 AS value"},
    "slos": {"id": "stub", "platform": "", "component": "", "indicator": "", "objective": 0.5},
    "okrs": {"id": "stub", "title": "", "level": "company", "owner": "", "cycle": ""},
    "key_results": {"id": "stub", "title": "", "kind": "milestone"},
    "pools": {"platform": "", "amount": 0, "split": "even"},
    "vendors": {"id": "", "as_of": "2000-01-01", "prices": {}},
}
#: A stub's fields that other items' rules read: kept when valid, else marked dropped.
_KEEP: dict[str, tuple[str, ...]] = {
    "kpis": ("direction",),
    "okrs": ("level", "parent", "key_results"),
    "pools": ("platform", "id", "allocation"),
    "vendors": ("id",),
}
#: Optional fields whose default would make the item's own rules misfire: a stub instead.
_VITAL: dict[str, frozenset[str]] = {"pools": frozenset({"match", "amount", "split"})}
#: Top-level lists whose items are salvaged one by one; dropping a whole one would turn
#: every reference to its items into a false "unknown" error, so salvaging stops instead.
_SECTIONS = frozenset({"north_stars", "initiatives", "kpis", "slos", "okrs"})
_ROUNDS = 4  # a model validator runs only once its fields are valid


@dataclass
class Salvage:
    """The salvaged config (None when even that fails) and what salvaging changed."""

    config: WorkspaceConfig | None = None
    stubs: list[ConfigPath] = field(default_factory=list)
    dropped: list[ConfigPath] = field(default_factory=list)
    """Fields whose value was dropped or replaced by a placeholder."""
    unsure: set[ConfigPath] = field(default_factory=set)
    """Paths of other items whose rules read a dropped value."""
    ids: dict[ConfigPath, str] = field(default_factory=dict)
    """The id each stub keeps (its own, or a placeholder no reference can name)."""

    def keeps(self, issue: RuleIssue) -> bool:
        """Whether ``issue`` holds of the config as written, not only of the salvage.

        An issue at a stub's own path is kept: it is about the item's place in its list
        (a fourth North Star), which the stub preserves."""
        path = issue.path
        if path in self.unsure:
            return False
        if any(len(path) > len(s) and path[: len(s)] == s for s in self.stubs):
            return False
        return not any(path[: len(d)] == d for d in self.dropped)


def salvage(data: dict[str, Any]) -> Salvage:
    """Salvage ``data`` (a config that failed structure), see the module docstring."""
    out = Salvage()
    fixed = _Salvager(out).workspace(data)
    if fixed is None:
        return Salvage()
    try:
        config = WorkspaceConfig.model_validate(fixed)
    except ValidationError:  # a case the salvage does not cover: no rules rather than wrong ones
        return Salvage()
    for path, ident in out.ids.items():
        config = _replace(config, path, {"id": ident})
    out.config = config
    out.unsure = set(_unsure(config, out.dropped))
    return out


class _Salvager:
    def __init__(self, out: Salvage) -> None:
        self.out = out

    def workspace(self, data: dict[str, Any]) -> dict[str, Any] | None:
        fixed = {k: v for k, v in data.items() if k in WorkspaceConfig.model_fields}
        self.out.dropped += [(k,) for k in data if k not in fixed]
        if not isinstance(fixed.get("workspace"), str):
            fixed["workspace"] = ""
        for section in _SECTIONS:
            fixed = self.section(fixed, section, (section,))
        if "costs" in fixed:
            fixed["costs"] = self.costs(fixed["costs"])
        return self.repair(_WORKSPACE, WorkspaceConfig, fixed, (), _SECTIONS)

    def costs(self, costs: Any) -> Any:
        if not isinstance(costs, dict):
            return costs  # the top-level repair drops it
        for section in ("pools", "vendors"):
            costs = self.section(costs, section, ("costs", section))
        return self.repair(_COSTS, CostsConfig, costs, ("costs",)) or {}

    def section(self, parent: dict[str, Any], key: str, path: ConfigPath) -> dict[str, Any]:
        items = parent.get(key)
        if not isinstance(items, list):
            return parent  # the repair of the parent drops it
        fixed = [self.item(key, item, (*path, i)) for i, item in enumerate(items)]
        return {**parent, key: fixed}

    def item(self, kind: str, item: Any, path: ConfigPath) -> dict[str, Any]:
        if not isinstance(item, dict):
            return self.stub(kind, {}, path)
        if kind == "okrs":
            item = self.section(item, "key_results", (*path, "key_results"))
        repaired = self.repair(_ADAPTERS[kind], _ITEMS[kind], item, path, _VITAL.get(kind))
        return repaired if repaired is not None else self.stub(kind, item, path)

    def repair(
        self,
        adapter: TypeAdapter[Any],
        annotation: Any,
        data: dict[str, Any],
        path: ConfigPath,
        vital: frozenset[str] | None = None,
    ) -> dict[str, Any] | None:
        """``data`` without its offending optional fields; None when a required (or vital)
        field or the mapping as a whole is wrong."""
        for _ in range(_ROUNDS):
            try:
                adapter.validate_python(data)
            except ValidationError as exc:
                fields = _offending(exc, data, model_of(annotation, data), vital or frozenset())
                if fields is None:
                    return None
                data = {k: v for k, v in data.items() if k not in fields}
                self.out.dropped += [(*path, f) for f in fields]
                continue
            return data
        return None

    def stub(self, kind: str, item: dict[str, Any], path: ConfigPath) -> dict[str, Any]:
        self.out.stubs.append(path)
        stub = dict(_PLACEHOLDERS[kind])
        if stub.get("id") == "stub":  # a slug: the item's own id is set after validation
            self.out.ids[path] = _ident(item.get("id"), path)
        elif "id" in stub:
            stub["id"] = _ident(item.get("id"), path)
        if kind == "pools":
            stub["platform"] = _ident(item.get("platform"), path)
        adapter = _ADAPTERS[kind]
        for name in _KEEP.get(kind, ()):
            if name in item and _valid(adapter, {**stub, name: item[name]}):
                stub[name] = item[name]
            elif name in item:
                self.out.dropped.append((*path, name))
        return stub


def _offending(
    exc: ValidationError, data: dict[str, Any], model: type[BaseModel] | None, vital: frozenset[str]
) -> set[str] | None:
    """The fields to drop for ``data`` to validate, or None when dropping cannot help."""
    fields: set[str] = set()
    for error in exc.errors():
        path = data_path(error, data)
        if not path or not isinstance(path[0], str) or path[0] in vital:
            return None
        info = model.model_fields.get(path[0]) if model is not None else None
        if info is not None and info.is_required():
            return None
        fields.add(path[0])
    return fields


def _valid(adapter: TypeAdapter[Any], data: dict[str, Any]) -> bool:
    try:
        adapter.validate_python(data)
    except ValidationError:
        return False
    return True


def _ident(raw: Any, path: ConfigPath) -> str:
    """The item's own name when it has a usable one (references to it then resolve)."""
    if isinstance(raw, str | int | float) and not isinstance(raw, bool) and str(raw):
        return str(raw)
    return f"#{format_path(path)}"  # no reference can name it


def _replace(value: Any, path: ConfigPath, update: dict[str, Any]) -> Any:
    """``value`` with the model at ``path`` updated (frozen models are copied)."""
    if not path:
        return value.model_copy(update=update)
    step, rest = path[0], path[1:]
    if isinstance(step, int):
        items = list(value)
        items[step] = _replace(items[step], rest, update)
        return items
    return value.model_copy(update={step: _replace(getattr(value, step), rest, update)})


def _unsure(config: WorkspaceConfig, dropped: list[ConfigPath]) -> Iterator[ConfigPath]:
    """Paths whose rules read a value of another item that was dropped."""
    gone = set(dropped)
    if ("fiscal_year_start_month",) in gone:
        yield from (("okrs", i, "cycle") for i in range(len(config.okrs)))
        yield from (("kpis", i, "baseline") for i in range(len(config.kpis)))
    directions = {k.id for i, k in enumerate(config.kpis) if ("kpis", i, "direction") in gone}
    levels = {o.id for i, o in enumerate(config.okrs) if ("okrs", i, "level") in gone}
    for i, objective in enumerate(config.okrs):
        if objective.parent in levels:
            yield ("okrs", i, "parent")
        for j, kr in enumerate(objective.key_results):
            if isinstance(kr, MetricKeyResult) and kr.kpi in directions:
                yield from (("okrs", i, "key_results", j, f) for f in ("commit", "stretch"))
    if config.costs is None:
        return
    if any(len(p) == 4 and p[:2] == ("costs", "pools") and p[3] == "allocation" for p in gone):
        for i, book in enumerate(config.costs.vendors):
            priced = [m for m, price in book.prices.items() if price >= 0]  # < 0: an error
            yield from (("costs", "vendors", i, "prices", m) for m in priced)
