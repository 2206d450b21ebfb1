"""Pydantic's validation errors rewritten as advice, located in the YAML.

Pydantic's locations carry union tags (``("kpis", 1, "count", "target")``); they are
dropped so that the path reads as the YAML does: ``kpis[1].target``. Errors from the
branches of one union on the same value are joined into one sentence.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from headway.config.models import WorkspaceConfig
from headway.config.source import ConfigPath, Source
from headway.errors import Issue

__all__ = ["data_path", "model_of", "validation_issues"]

_SLUG = "^[a-z0-9][a-z0-9_.\\-]*$"

_PLAIN: dict[str, str] = {
    "string_type": "must be text",
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "decimal_type": "must be a number",
    "decimal_parsing": "must be a number",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "list_type": "must be a list (one `- item` per line, or [a, b])",
    "dict_type": "must be a mapping (key: value lines, or {key: value})",
    "model_type": "must be a mapping of fields (key: value lines, or {key: value})",
    "model_attributes_type": "must be a mapping of fields (key: value lines, or {key: value})",
    "date_type": "must be a date such as 2026-06-01",
    "date_parsing": "must be a date such as 2026-06-01",
    "date_from_datetime_parsing": "must be a date such as 2026-06-01",
    "date_from_datetime_inexact": "must be a date such as 2026-06-01, without a time",
}


def validation_issues(exc: ValidationError, source: Source) -> list[Issue]:
    """One issue per problem (branches of a union on one value merged)."""
    merged: dict[ConfigPath, list[str]] = {}
    given: dict[ConfigPath, Any] = {}
    for error in exc.errors():
        path = data_path(error, source.data)
        if error["type"] in ("union_tag_invalid", "union_tag_not_found"):
            path = (*path, "kind")
        message = _message(error, path, source.data)
        messages = merged.setdefault(path, [])
        given.setdefault(path, error.get("input"))
        if message not in messages:
            messages.append(message)
    return [source.issue(_join(messages, given[path]), path) for path, messages in merged.items()]


def _join(messages: list[str], given: Any) -> str:
    """Branches of a union: "must be text or a mapping …, not 5"."""
    if len(messages) > 1 and all(m.startswith("must be ") for m in messages):
        short = [re.split(r"; |, not ", m.removeprefix("must be "))[0] for m in messages]
        return "must be " + " or ".join(short) + (f", not {given!r}" if _is_scalar(given) else "")
    return "; ".join(messages)


def data_path(error: ErrorDetails, data: Any) -> ConfigPath:
    """The loc without union tags."""
    loc = error["loc"]
    path: list[str | int] = []
    value = data
    for i, step in enumerate(loc):
        last = i == len(loc) - 1
        if not last and _is_tag(value, step):  # `slo` is both a KPI kind and its field
            continue
        if _has(value, step):
            value = value[step]
        elif last and error["type"] == "missing" and isinstance(value, dict):
            pass
        else:
            continue
        path.append(step)
    return tuple(path)


def _is_tag(value: Any, step: str | int) -> bool:
    """Whether ``step`` is the union tag of ``value`` (its ``kind``; key results default
    to ``metric``)."""
    return isinstance(value, dict) and step == value.get("kind", "metric")


def _has(value: Any, step: str | int) -> bool:
    if isinstance(value, dict):
        return step in value
    return isinstance(value, list) and isinstance(step, int) and 0 <= step < len(value)


def _message(error: ErrorDetails, path: ConfigPath, data: Any) -> str:
    kind, ctx, given = error["type"], error.get("ctx") or {}, error.get("input")
    if kind == "missing":
        return f"missing required field `{path[-1]}`"
    if kind == "extra_forbidden":
        return _unknown_field(path, data)
    if kind == "literal_error":
        choices = ", ".join(_quoted(str(ctx.get("expected", ""))))
        return f"must be one of: {choices}" + (f", not {given!r}" if _is_scalar(given) else "")
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        tags = ", ".join(_quoted(str(ctx.get("expected_tags", ""))) or _kinds_at(path, data))
        what = "KPI kind" if path[:1] == ("kpis",) else "kind"
        if kind == "union_tag_not_found":
            return f"missing required field `kind`; the {what}s are: {tags}"
        return f"unknown {what} `{ctx.get('tag')}`; the {what}s are: {tags}"
    if kind == "string_type" and (isinstance(given, int | float) or hasattr(given, "isoformat")):
        return f"must be text; put it in quotes: '{given}'"
    if kind in _PLAIN:
        return _PLAIN[kind] + (f", not {given!r}" if _is_scalar(given) else "")
    return _bounded(kind, ctx, error["msg"])


def _bounded(kind: str, ctx: dict[str, Any], msg: str) -> str:
    words = {
        "greater_than": "greater than {gt}",
        "greater_than_equal": "at least {ge}",
        "less_than": "less than {lt}",
        "less_than_equal": "at most {le}",
        "too_short": "a list of at least {min_length} item(s)",
        "string_too_long": "at most {max_length} characters long",
    }
    if kind in words:
        return "must be " + words[kind].format(**ctx)
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == _SLUG:
            return (
                "must be a slug: lowercase letters, digits, `_`, `.` or `-`, starting with a "
                "letter or digit (it appears in URLs and JSON)"
            )
        return f"must match the pattern {ctx.get('pattern')}"
    if kind == "value_error":
        return msg.removeprefix("Value error, ")
    return msg[:1].lower() + msg[1:]


def _quoted(expected: str) -> list[str]:
    return re.findall(r"'([^']*)'", expected)


def _is_scalar(value: Any) -> bool:
    return isinstance(value, str | int | float | bool)


def _unknown_field(path: ConfigPath, data: Any) -> str:
    name = str(path[-1])
    fields = _fields_at(path[:-1], data)
    close = difflib.get_close_matches(name, fields, n=1, cutoff=0.6)
    hint = f" (did you mean `{close[0]}`?)" if close else ""
    known = f"; the fields here are: {', '.join(fields)}" if fields and not close else ""
    return f"unknown field `{name}`{hint}{known}"


def _fields_at(path: ConfigPath, data: Any) -> list[str]:
    """The field names of the model at ``path`` (the model chosen by ``kind`` in unions)."""
    annotation: Any = WorkspaceConfig
    value = data
    for step in path:
        annotation = _step(annotation, step, value)
        value = value[step] if _has(value, step) else None
        if annotation is None:
            return []
    model = model_of(annotation, value)
    return list(model.model_fields) if model else []


def _kinds_at(path: ConfigPath, data: Any) -> list[str]:
    """The ``kind`` values of the union at ``path`` (the path of its ``kind`` field)."""
    annotation: Any = WorkspaceConfig
    value = data
    for step in path[:-1]:
        annotation = _step(annotation, step, value)
        value = value[step] if _has(value, step) else None
    kinds: list[str] = []
    for model in _flatten(annotation):
        info = getattr(model, "model_fields", {}).get("kind")
        kinds += [str(k) for k in typing.get_args(info.annotation)] if info else []
    return kinds


def _step(annotation: Any, step: str | int, value: Any) -> Any:
    model = model_of(annotation, value)
    if model is not None:
        info = model.model_fields.get(str(step))
        return info.annotation if info else None
    for arg in _flatten(annotation):
        origin = typing.get_origin(arg)
        if origin is list and isinstance(step, int):
            return typing.get_args(arg)[0]
        if origin is dict:
            return typing.get_args(arg)[1]
    return None


def _flatten(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _flatten(typing.get_args(annotation)[0])
    if origin is typing.Union or origin is types.UnionType:
        return [a for arg in typing.get_args(annotation) for a in _flatten(arg)]
    return [annotation]


def model_of(annotation: Any, value: Any) -> type[BaseModel] | None:
    models = [a for a in _flatten(annotation) if isinstance(a, type) and issubclass(a, BaseModel)]
    if len(models) <= 1:
        return models[0] if models else None
    kind = value.get("kind", "metric") if isinstance(value, dict) else None
    for model in models:
        info = model.model_fields.get("kind")
        if info is not None and kind in typing.get_args(info.annotation):
            return model
    return models[0]
