"""The workspace as code: models, loader, rules and JSON Schema of ``headway.yaml``."""

from headway.config.models import KPI, SLO, NorthStar, WorkspaceConfig

__all__ = ["KPI", "SLO", "NorthStar", "WorkspaceConfig"]
