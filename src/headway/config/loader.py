"""Loading ``headway.yaml``: read (with includes and lines), validate, check the rules.

Every problem is collected and reported at once, each with its file, line and the path in
the YAML (``kpis[2].target``). Three stages, each run when the previous one left
something to check:

1. reading: YAML syntax, duplicate keys, includes (missing file, cycle, a key set twice);
2. structure: the pydantic models, their messages rewritten into advice;
3. rules: cross-references and policies (:mod:`headway.config.rules`). When stage 2
   failed they run on what :mod:`headway.config.salvage` could save (the items that
   validate, stubs for the others), and only their issues that hold of the file as written
   are kept; the config is then never returned as usable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from headway.config.advice import validation_issues
from headway.config.models import WorkspaceConfig
from headway.config.rules import RuleIssue, check_rules
from headway.config.salvage import salvage
from headway.config.source import Source, display_name, format_path, read_source
from headway.errors import ConfigError, Issue

__all__ = ["ConfigCheck", "check_config", "load_config"]


@dataclass(frozen=True)
class ConfigCheck:
    """The outcome of checking a config file: the config when it is usable, every issue."""

    path: Path
    config: WorkspaceConfig | None
    issues: list[Issue] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "warning"]

    @property
    def ok(self) -> bool:
        return self.config is not None and not self.errors


def check_config(path: Path) -> ConfigCheck:
    """Read, validate and check ``path`` and its includes; never raises for a bad config."""
    source = read_source(path)
    issues = _in_file_order(source.issues, source)
    if not source.complete:
        return ConfigCheck(path, None, issues, source.files)
    try:
        config = WorkspaceConfig.model_validate(source.data)
    except ValidationError as exc:
        saved = salvage(source.data)
        found = validation_issues(exc, source)
        if saved.config is not None:
            found += [_locate(r, source) for r in check_rules(saved.config) if saved.keeps(r)]
        return ConfigCheck(path, None, issues + _in_file_order(found, source), source.files)
    issues += _in_file_order([_locate(r, source) for r in check_rules(config)], source)
    return ConfigCheck(path, config, issues, source.files)


def load_config(path: Path) -> WorkspaceConfig:
    """The validated config of ``path``; :class:`ConfigError` with every issue otherwise.

    Warnings alone do not stop loading; ``headway validate`` shows them.
    """
    check = check_config(path)
    if check.config is None or check.errors:
        raise ConfigError(check.issues)
    return check.config


def _in_file_order(issues: list[Issue], source: Source) -> list[Issue]:
    """Sorted by file (in reading order) and line, each issue once."""
    order = {display_name(f): i for i, f in enumerate(source.files)}
    unique = list(dict.fromkeys(issues))
    return sorted(unique, key=lambda i: (order.get(i.file or "", len(order)), i.line or 0))


def _locate(rule_issue: RuleIssue, source: Source) -> Issue:
    message = rule_issue.message
    if rule_issue.related is not None:
        where = source.locate(rule_issue.related)
        message += f" (see {format_path(rule_issue.related)}" + (f" at {where})" if where else ")")
    return source.issue(message, rule_issue.path, rule_issue.severity)
