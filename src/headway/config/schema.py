"""The JSON Schema of ``headway.yaml``, published for editors (schema/headway.schema.json)."""

from __future__ import annotations

import json
from typing import Any

from headway.config.models import WorkspaceConfig

__all__ = ["SCHEMA_ID", "schema_json", "workspace_schema"]

SCHEMA_ID = "https://json-schema.org/draft/2020-12/schema"


def workspace_schema() -> dict[str, Any]:
    """The schema of a workspace file, with ``include:`` (read by the loader, not a model
    field). Cross-references are checked by ``headway validate``, not by the schema."""
    schema = WorkspaceConfig.model_json_schema()
    properties = {
        "include": {
            "description": "Other YAML files (paths or globs relative to this file) whose "
            "top-level keys are added; list sections are concatenated.",
            "items": {"type": "string"},
            "type": "array",
            "title": "Include",
        },
        **schema.get("properties", {}),
    }
    return {
        "$schema": SCHEMA_ID,
        "title": "headway.yaml",
        "description": "A Headway workspace: vision, North Stars, initiatives, KPIs, SLOs, "
        "costs and OKRs. Reference: docs/configuration.md.",
        **{k: v for k, v in schema.items() if k not in ("title", "description", "properties")},
        "properties": properties,
    }


def schema_json() -> str:
    """The published text: sorted keys, two-space indent, a final newline."""
    return json.dumps(workspace_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
