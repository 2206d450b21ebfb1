"""Headway's exceptions.

The tree::

    HeadwayError            a mistake the user can fix; the message says what, where, what next
    ├── ConfigError         carries every Issue found in the workspace config, not the first
    ├── IngestError         a whole file is unusable (bad rows are Rejections, not exceptions)
    ├── QueryError          unknown KPI, dimension or period; a period shorter than the grain
    └── StoreBusyError      another process holds the workspace's DuckDB file

Anything else raised from the core is a bug and keeps its traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "ConfigError",
    "HeadwayError",
    "IngestError",
    "Issue",
    "QueryError",
    "StoreBusyError",
]


@dataclass(frozen=True)
class Issue:
    """One problem found in the workspace config."""

    message: str
    file: str | None = None
    line: int | None = None
    path: str = ""
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = f"{self.file}:{self.line}: " if self.line is not None else f"{self.file}: "
        path = f"{self.path}: " if self.path else ""
        return f"{where}{path}{self.message}"


class HeadwayError(Exception):
    """A mistake the user can fix: say what, where (file:line, row), and what to do next."""


class ConfigError(HeadwayError):
    """The workspace config is invalid; ``issues`` holds every problem found."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        errors = [i for i in issues if i.severity == "error"]
        head = f"{len(errors)} problem{'s' if len(errors) != 1 else ''} in the workspace config"
        body = "\n".join(str(i) for i in issues)
        super().__init__(f"{head}:\n{body}")


class IngestError(HeadwayError):
    """A whole input file cannot be used; nothing from it was loaded."""


class QueryError(HeadwayError):
    """A query names something that does not exist or cannot be answered."""


class StoreBusyError(HeadwayError):
    """Another process holds the workspace's store."""
