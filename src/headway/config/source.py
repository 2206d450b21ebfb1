"""Reading ``headway.yaml`` and its ``include:`` files with the line of every key and item.

PyYAML composes each file into a node tree; walking it yields plain Python data and, for
every path such as ``("kpis", 2, "target")``, the file and 1-based line of that key or
list item. Included files contribute top-level keys: lists are concatenated in include
order (the including file's own items first), a scalar or mapping defined in two files is
an error naming both places. Problems are collected, never raised, so that a user sees
all of them at once.
"""

from __future__ import annotations

import glob
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from headway.errors import Issue

__all__ = ["ConfigPath", "Location", "Source", "display_name", "format_path", "read_source"]

ConfigPath = tuple[str | int, ...]
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MERGE_TAG = "tag:yaml.org,2002:merge"


@dataclass(frozen=True)
class Location:
    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass
class Source:
    """The merged data of a config file and its includes, with where each part came from."""

    data: dict[str, Any] = field(default_factory=dict)
    locations: dict[ConfigPath, Location] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    complete: bool = True
    """False when a file could not be parsed: structural checks would then mislead."""

    def locate(self, path: ConfigPath) -> Location | None:
        """The location of ``path``, else of its longest known prefix (a missing field is
        reported where its parent is)."""
        for end in range(len(path), -1, -1):
            loc = self.locations.get(path[:end])
            if loc is not None:
                return loc
        return None

    def issue(self, message: str, path: ConfigPath = (), severity: str = "error") -> Issue:
        loc = self.locate(path)
        return Issue(
            message,
            loc.file if loc else None,
            loc.line if loc else None,
            format_path(path),
            "warning" if severity == "warning" else "error",
        )


def format_path(path: ConfigPath) -> str:
    """``("kpis", 2, "target")`` → ``kpis[2].target``."""
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else step)
    return out


def display_name(file: Path) -> str:
    """A path relative to the current folder when under it (clickable), else absolute."""
    try:
        return str(file.relative_to(Path.cwd()))
    except ValueError:
        return str(file)


class _Walker:
    """Turns one file's node tree into data, recording locations and duplicate keys."""

    def __init__(self, loader: yaml.SafeLoader, name: str, issues: list[Issue]) -> None:
        self.loader = loader
        self.name = name
        self.issues = issues
        self.locations: dict[ConfigPath, Location] = {}

    def walk(self, node: yaml.Node, path: ConfigPath) -> Any:
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            items = []
            for i, item in enumerate(node.value):
                self.locations[(*path, i)] = Location(self.name, item.start_mark.line + 1)
                items.append(self.walk(item, (*path, i)))
            return items
        return self.loader.construct_object(node, deep=True)

    def _mapping(self, node: yaml.MappingNode, path: ConfigPath) -> dict[Any, Any]:
        own = {id(k) for k, _ in node.value if k.tag != _MERGE_TAG}
        self.loader.flatten_mapping(node)  # resolves `<<: *anchor` merge keys
        out: dict[Any, Any] = {}
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = self.loader.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            step = key if isinstance(key, str) else str(key)
            if id(key_node) in own:
                if key in seen:
                    where = format_path((*path, step))
                    self.issues.append(
                        Issue(
                            f"duplicate key `{step}`: it is already set on line {seen[key]} of "
                            "this mapping; keep one",
                            self.name,
                            line,
                            where,
                        )
                    )
                seen[key] = line
            self.locations[(*path, step)] = Location(self.name, line)
            out[key] = self.walk(value_node, (*path, step))
        return out


def _parse(file: Path, issues: list[Issue]) -> tuple[Any, dict[ConfigPath, Location], bool]:
    name = display_name(file)
    loader = _Loader(file.read_text(encoding="utf-8"))
    try:
        node = loader.get_single_node()
        walker = _Walker(loader, name, issues)
        data = walker.walk(node, ()) if node is not None else {}
        return data, walker.locations, True
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = " ".join(p for p in (exc.context, exc.problem) if p)
        issues.append(
            Issue(
                f"YAML syntax error: {what}; fix the file's indentation, quoting or brackets "
                "near this line",
                name,
                mark.line + 1 if mark else None,
            )
        )
    except (yaml.YAMLError, ValueError) as exc:  # e.g. a timestamp such as 2026-13-01
        issues.append(Issue(f"YAML error: {exc}", name, 1))
    finally:
        loader.dispose()
    return None, {}, False


def read_source(file: Path) -> Source:
    """Read ``file`` and, recursively, the files it includes."""
    source = Source()
    source.locations[()] = Location(display_name(file.resolve()), 1)
    _read_into(source, file.resolve(), ())
    return source


def _read_into(source: Source, file: Path, chain: tuple[Path, ...]) -> None:
    source.files.append(file)
    data, locations, ok = _parse(file, source.issues)
    name = display_name(file)
    if not ok:
        source.complete = False
        return
    if data is None:
        data = {}
    if not isinstance(data, dict):
        source.issues.append(
            Issue("the top level must be a mapping of sections (workspace:, kpis:, …)", name, 1)
        )
        source.complete = False
        return
    includes = data.pop("include", None)
    own = Source({k: v for k, v in data.items() if v is not None}, locations)
    _merge(source, own)
    for pattern, loc in _include_items(includes, locations, name, source.issues):
        for target in _expand(file.parent, pattern, loc, source.issues):
            if target in (*chain, file):
                cycle = " → ".join(display_name(p) for p in (*chain, file, target))
                source.issues.append(
                    Issue(
                        f"include cycle: {cycle}; remove one of these includes", loc.file, loc.line
                    )
                )
                continue
            _read_into(source, target, (*chain, file))


def _include_items(
    includes: Any, locations: dict[ConfigPath, Location], name: str, issues: list[Issue]
) -> list[tuple[str, Location]]:
    if includes is None:
        return []
    if isinstance(includes, str):
        return [(includes, locations.get(("include",), Location(name, 1)))]
    head = locations.get(("include",), Location(name, 1))
    if not isinstance(includes, list):
        issues.append(Issue("`include` must be a list of paths or globs", head.file, head.line))
        return []
    items = []
    for i, item in enumerate(includes):
        loc = locations.get(("include", i), head)
        if isinstance(item, str):
            items.append((item, loc))
        else:
            issues.append(
                Issue("an include must be a path or a glob, e.g. okrs/*.yaml", loc.file, loc.line)
            )
    return items


def _expand(folder: Path, pattern: str, loc: Location, issues: list[Issue]) -> list[Path]:
    if glob.has_magic(pattern):
        found = sorted(Path(p).resolve() for p in glob.glob(str(folder / pattern), recursive=True))
        if not found:
            issues.append(
                Issue(f"include `{pattern}` matches no file", loc.file, loc.line, "", "warning")
            )
        return [p for p in found if p.is_file()]
    target = (folder / pattern).resolve()
    if not target.is_file():
        issues.append(
            Issue(
                f"included file {display_name(target)} does not exist; paths are relative to "
                f"{display_name(folder) or '.'}",
                loc.file,
                loc.line,
            )
        )
        return []
    return [target]


def _merge(into: Source, part: Source) -> None:
    """Add one file's top-level keys: lists concatenate, anything else may be set once."""
    for key, value in part.data.items():
        if key not in into.data:
            into.data[key] = value
            into.locations.update(
                {p: loc for p, loc in part.locations.items() if p and p[0] == key}
            )
            continue
        first, second = into.locations.get((key,)), part.locations.get((key,))
        if isinstance(value, list) and isinstance(into.data[key], list):
            offset = len(into.data[key])
            into.data[key] = [*into.data[key], *value]
            for p, loc in part.locations.items():
                if len(p) >= 2 and p[0] == key and isinstance(p[1], int):
                    into.locations[(key, p[1] + offset, *p[2:])] = loc
            continue
        into.issues.append(
            Issue(
                f"`{key}` is defined twice: here and at {first}; a list section may be split "
                "across files, any other key must be set in one place",
                second.file if second else None,
                second.line if second else None,
                str(key),
            )
        )
