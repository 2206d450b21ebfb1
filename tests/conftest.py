"""Shared fixtures: a fresh workspace folder per test."""

from __future__ import annotations

from pathlib import Path

import pytest

MINIMAL_CONFIG = """\
workspace: Test workspace
timezone: UTC
currency: USD
"""


@pytest.fixture
def workspace_dir(tmp_path: Path) -> Path:
    """An empty workspace with a minimal headway.yaml."""
    (tmp_path / "headway.yaml").write_text(MINIMAL_CONFIG, encoding="utf-8")
    return tmp_path
