"""The demo's `costs:` block is a valid config with the pools and books it promises."""

from __future__ import annotations

from pathlib import Path

from costs_ws import make_ws
from headway.costs import demo_costs_config


def test_demo_costs_config_is_valid(tmp_path: Path) -> None:
    config = make_ws(tmp_path, demo_costs_config()).config
    assert config.costs is not None
    assert [p.pool_id for p in config.costs.pools] == [
        "observability",
        "observability-oncall",
        "cicd",
    ]
    assert [b.id for b in config.costs.vendors] == ["saas-a", "ci-cloud"]
