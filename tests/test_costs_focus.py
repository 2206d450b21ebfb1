"""The FOCUS 1.0 sample (real, third-party) pooled by a tag and charged back.

Expected numbers are computed independently with a plain csv + Decimal pass over the file.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

from costs_ws import add_usage, make_ws
from headway.workspace import Workspace

REPO = Path(__file__).resolve().parents[1]
CANDIDATES = (
    REPO / "tests/fixtures/focus_sample.csv",
    REPO.parent / "shared/data/focus/focus_sample.csv",  # CI: shared/ beside the checkout
)
SAMPLE = next((p for p in CANDIDATES if p.is_file()), CANDIDATES[0])
UNITS = ("PeoriaData", "ViennaAI", "AtlasAI")


def _expected() -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    effective: dict[str, Decimal] = defaultdict(Decimal)
    billed: dict[str, Decimal] = defaultdict(Decimal)
    with SAMPLE.open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            tags = json.loads(row["Tags"]) if row["Tags"] not in ("", "NULL") else {}
            for key in ("(all)", tags.get("business_unit")):
                if key is None:
                    continue
                effective[key] += Decimal(row["EffectiveCost"])
                billed[key] += Decimal(row["BilledCost"])
    return effective, billed


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    if not SAMPLE.is_file():
        pytest.skip(f"the FOCUS sample is not at {CANDIDATES}")
    pools = [{"platform": "cloud", "id": "all", "match": "true", "split": "even"}]
    pools += [
        {
            "platform": "cloud",
            "id": unit,
            "match": f"Tags->>'business_unit' = '{unit}'",
            "allocation": [{"meter": "vcpu_hours", "weight": 1}],
        }
        for unit in UNITS
    ]
    w = make_ws(tmp_path_factory.mktemp("focus"), {"pools": pools})
    w.set_as_of(dt.datetime(2024, 10, 2, tzinfo=dt.UTC))
    w.ingest("costs", [SAMPLE])
    add_usage(
        w,
        [("2024-09-03", "atlas", "vcpu_hours", 3), ("2024-09-20", "orion", "vcpu_hours", 4)],
        platform="cloud",
    )
    return w


def test_sample_totals_carry_through_to_the_pools(ws: Workspace) -> None:
    effective, billed = _expected()
    assert effective["(all)"] == Decimal("14.97651418586")  # the sample's documented sums
    assert billed["(all)"] == Decimal("20.52022672899")
    pools = {p.pool.pool_id: p for p in ws.cost_pools().pools}  # default month: 2024-09
    assert pools["all"].cost.effective == effective["(all)"]
    assert pools["all"].cost.billed == billed["(all)"]
    assert pools["all"].cost.rows == 1000
    for unit in UNITS:
        assert pools[unit].cost.effective == effective.get(unit, Decimal(0)), unit
        assert pools[unit].cost.billed == billed.get(unit, Decimal(0)), unit


def test_sample_is_charged_back_to_the_cent(ws: Workspace) -> None:
    cb = ws.chargeback("2024-09")
    for pool in cb.pools.pools:
        assert pool.allocated + pool.unallocated == pool.rounded
    rows = {r.key["tenant"]: r.allocated for r in cb.rows}
    # "all": 14.98 evenly over 2 active tenants; PeoriaData 16.00 by vCPU hours 3 : 4
    assert rows == {
        "atlas": Decimal("7.49") + Decimal("6.86"),
        "orion": Decimal("7.49") + Decimal("9.14"),
    }
    assert cb.total("rounded") == Decimal("14.98") + Decimal("16.00")
