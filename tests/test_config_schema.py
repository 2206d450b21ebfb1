"""The published JSON Schema is current.

Regenerate: HEADWAY_UPDATE_GOLDEN=1 pytest tests/test_config_schema.py
"""

from __future__ import annotations

import os
from pathlib import Path

from headway.config.schema import SCHEMA_ID, schema_json, workspace_schema

PUBLISHED = Path(__file__).parent.parent / "schema" / "headway.schema.json"


def test_published_schema_is_current() -> None:
    if os.environ.get("HEADWAY_UPDATE_GOLDEN"):
        PUBLISHED.write_text(schema_json(), encoding="utf-8")
    assert PUBLISHED.read_text(encoding="utf-8") == schema_json(), (
        "schema/headway.schema.json is stale: run HEADWAY_UPDATE_GOLDEN=1 pytest "
        "tests/test_config_schema.py and review the diff"
    )


def test_schema_describes_the_file() -> None:
    schema = workspace_schema()
    assert schema["$schema"] == SCHEMA_ID
    assert schema["title"] == "headway.yaml"
    assert schema["required"] == ["workspace"]
    assert schema["additionalProperties"] is False
    assert schema["properties"]["include"]["items"] == {"type": "string"}
    assert {"north_stars", "kpis", "slos", "costs", "okrs"} <= set(schema["properties"])
