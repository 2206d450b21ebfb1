"""Real FOCUS 1.0 sample data (tests/fixtures/PROVENANCE.md) loads whole and exact."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from headway.workspace import Workspace

FOCUS = Path(__file__).parent / "fixtures" / "focus_sample.csv"


def test_focus_sample(workspace_dir: Path) -> None:
    with Workspace(workspace_dir) as ws:
        r = ws.ingest("costs", [FOCUS])[0]
        assert (r.rows_read, r.rows_loaded, r.rows_rejected) == (1000, 1000, 0)
        con = ws.store.con
        billed, effective, ids, nulls = (
            con.execute(
                "SELECT sum(BilledCost), sum(EffectiveCost), count(x_extra->>'Id'), "
                "count(*) FILTER (WHERE ContractedCost IS NULL) FROM costs"
            ).fetchone()
            or ()
        )
        assert billed == Decimal("20.52022672899")
        assert effective == Decimal("14.97651418586")
        assert (ids, nulls) == (1000, 7)
        again = ws.ingest("costs", [FOCUS])[0]
        assert (again.rows_loaded, again.rows_replaced) == (1000, 1000)
        assert con.execute("SELECT count(*) FROM costs").fetchone() == (1000,)
