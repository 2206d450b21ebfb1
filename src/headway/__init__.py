"""Headway: North Star Metrics, KPIs, OKRs, chargeback and a weekly report for platform teams."""

from headway.errors import (
    ConfigError,
    HeadwayError,
    IngestError,
    QueryError,
    StoreBusyError,
)
from headway.workspace import Workspace, open_workspace

__version__ = "0.1.0"

__all__ = [
    "ConfigError",
    "HeadwayError",
    "IngestError",
    "QueryError",
    "StoreBusyError",
    "Workspace",
    "__version__",
    "open_workspace",
]
