"""Loading ``headway.yaml`` (placeholder: the line-tracking loader replaces this)."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from headway.config.models import WorkspaceConfig
from headway.errors import ConfigError, Issue

__all__ = ["load_config"]


def load_config(path: Path) -> WorkspaceConfig:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    try:
        return WorkspaceConfig.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(
            [Issue(e["msg"], str(path), None, ".".join(map(str, e["loc"]))) for e in exc.errors()]
        ) from None
