"""What an ingest reports: one :class:`IngestResult` per file (DESIGN §10 JSON shape)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["MAX_REJECTIONS", "IngestResult", "Rejection"]

#: How many rejections a result carries; the rejected file holds them all.
MAX_REJECTIONS = 100


@dataclass(frozen=True)
class Rejection:
    line: int
    """1-based line of the file (header = 1); record number for JSON arrays and Parquet."""
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"line": self.line, "reason": self.reason}


@dataclass(frozen=True)
class IngestResult:
    batch_id: int
    dataset: str
    source: str
    rows_read: int
    rows_loaded: int
    rows_duplicate: int
    rows_replaced: int
    rows_rejected: int
    rejections: list[Rejection] = field(default_factory=list)
    rejected_file: str | None = None
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0: nothing rejected; 3: some rejected, the rest loaded; 1: nothing loaded."""
        if self.rows_rejected == 0:
            return 0
        return 3 if self.rows_loaded + self.rows_duplicate > 0 else 1

    def to_json(self) -> dict[str, Any]:
        return {
            "batch_id": self.batch_id,
            "dataset": self.dataset,
            "source": self.source,
            "rows_read": self.rows_read,
            "rows_loaded": self.rows_loaded,
            "rows_duplicate": self.rows_duplicate,
            "rows_replaced": self.rows_replaced,
            "rows_rejected": self.rows_rejected,
            "rejections": [r.to_json() for r in self.rejections[:MAX_REJECTIONS]],
            "rejected_file": self.rejected_file,
            "ignored_columns": list(self.ignored_columns),
        }
