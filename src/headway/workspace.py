"""The facade that the CLI, the report and the web app call: one workspace, one as-of.

Nothing outside the core reaches past this class. A workspace is a folder holding
``headway.yaml`` and the store under ``.headway/``.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from headway import costs as _costs
from headway import okrs
from headway import scorecard as _scorecard
from headway import snapshots as _snapshots
from headway.config.loader import ConfigCheck, check_config, load_config
from headway.config.models import WorkspaceConfig
from headway.errors import HeadwayError
from headway.store import Store, open_store

if TYPE_CHECKING:
    from headway.datasets.results import IngestResult
    from headway.datasets.status import DatasetStatus

if TYPE_CHECKING:
    from headway.metrics.evaluate import Evaluator
    from headway.metrics.value import KPIValue, Series

if TYPE_CHECKING:
    from headway.report.deliver import Delivery
    from headway.report.model import WeeklyReport

__all__ = [
    "CONFIG_FILE",
    "STORE_DIR",
    "Workspace",
    "find_workspace",
    "open_workspace",
    "parse_as_of",
]

CONFIG_FILE = "headway.yaml"
STORE_DIR = ".headway"


def parse_as_of(text: str, tz: ZoneInfo) -> dt.datetime:
    """``2026-12-01`` → its midnight in ``tz``; an ISO timestamp as given (offset-less: ``tz``)."""
    try:
        if len(text) == 10:
            day = dt.date.fromisoformat(text)
            return dt.datetime.combine(day, dt.time(), tzinfo=tz)
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise HeadwayError(
            f"--as-of {text!r} is neither a date (2026-12-01) nor an ISO timestamp "
            "(2026-12-01T09:00:00Z)"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=tz)


def find_workspace(start: Path | None = None) -> Path:
    """The folder holding ``headway.yaml``: ``HEADWAY_WORKSPACE``, else searched upward."""
    env = os.environ.get("HEADWAY_WORKSPACE")
    if env:
        return Path(env)
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    raise HeadwayError(
        f"no {CONFIG_FILE} in {here} or any folder above it; run `headway init` to create a "
        "workspace, `headway demo` for a demo one, or pass --workspace DIR"
    )


class Workspace:
    """A workspace folder with its validated config and its store."""

    def __init__(
        self, root: Path, *, as_of: dt.datetime | None = None, read_only: bool = False
    ) -> None:
        self.root = root.resolve()
        self._as_of = as_of
        self.read_only = read_only
        self._store: Store | None = None
        self._evaluator: Evaluator | None = None

    # --- shared -------------------------------------------------------------------------
    @cached_property
    def config(self) -> WorkspaceConfig:
        path = self.root / CONFIG_FILE
        if not path.is_file():
            raise HeadwayError(f"{path} does not exist; run `headway init {self.root}` first")
        return load_config(path)

    def set_as_of(self, value: str | dt.datetime | None) -> None:
        """Fix "now": a timestamp (an offset-less one is in the workspace time zone) or a
        date (its start in the workspace time zone)."""
        if value is None or isinstance(value, dt.datetime):
            self._as_of = value if value is None or value.tzinfo else None
            if isinstance(value, dt.datetime) and value.tzinfo is None:
                self._as_of = value.replace(tzinfo=self.tz)
            return
        self._as_of = parse_as_of(value, self.tz)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.config.timezone)

    @property
    def as_of(self) -> dt.datetime:
        """The moment every figure is computed for (UTC); injectable for reproducibility."""
        return self._as_of or dt.datetime.now(dt.UTC)

    @property
    def store_path(self) -> Path:
        return self.root / STORE_DIR / "headway.duckdb"

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = open_store(self.store_path, read_only=self.read_only)
        return self._store

    # --- config (headway.config) -------------------------------------------------------
    def check_config(self) -> ConfigCheck:
        """Every issue in ``headway.yaml`` and its includes, without raising for them."""
        path = self.root / CONFIG_FILE
        if not path.is_file():
            raise HeadwayError(f"{path} does not exist; run `headway init {self.root}` first")
        return check_config(path)

    # --- ingest and datasets (headway.datasets) ----------------------------------------
    def ingest(
        self,
        dataset: str,
        paths: Sequence[Path],
        *,
        input_format: str | None = None,
        mapping: Mapping[str, str] | None = None,
        strict: bool = False,
        progress: Callable[[int, int], None] | None = None,
    ) -> list[IngestResult]:
        """Load files into ``dataset``: one batch and one result per file (DESIGN §4)."""
        from headway.datasets.ingest import ingest_files

        return ingest_files(
            self,
            dataset,
            paths,
            input_format=input_format,
            mapping=mapping,
            strict=strict,
            progress=progress,
        )

    def datasets_status(self) -> list[DatasetStatus]:
        """Per dataset: rows, first and last time, last batch, freshness as of ``as_of``."""
        from headway.datasets.status import datasets_status

        return datasets_status(self.store.con, self.config, self.as_of)

    # --- KPIs (headway.metrics) ----------------------------------------------------------
    @property
    def evaluator(self) -> Evaluator:
        """The KPI engine for this as-of; it caches values per (KPI, period, breakdown)."""
        from headway.metrics.evaluate import Evaluator

        if self._evaluator is None or self._evaluator.as_of != self.as_of:
            self._evaluator = Evaluator(self.config, self.store.con, self.as_of)
        return self._evaluator

    def kpi_value(
        self, kpi_id: str, period: str | None = None, by: list[str] | None = None
    ) -> KPIValue:
        """One KPI over ``period`` (default: its latest complete grain period)."""
        return self.evaluator.value(kpi_id, period, by)

    def kpi_series(
        self,
        kpi_id: str,
        grain: str | None = None,
        start: str | None = None,
        end: str | None = None,
        by: list[str] | None = None,
    ) -> Series:
        """A KPI per period (default: the last 12 complete periods of its grain)."""
        return self.evaluator.series(kpi_id, grain, start, end, by)

    def kpi_sql(self, kpi_id: str, period: str | None = None, dialect: str = "duckdb") -> str:
        """The compiled SQL of a KPI for a period, for explainability."""
        return self.evaluator.sql(kpi_id, period, dialect)

    # --- scorecard and snapshots (headway.scorecard) -------------------------------------
    def scorecard(self, period: str | None = None) -> _scorecard.Scorecard:
        """Vision, North Stars with the drivers that moved them, initiatives with their KPIs;
        each KPI for ``period`` (None: its latest complete period as of as-of)."""
        return _scorecard.build_scorecard(self, period)

    def snapshot_kpis(self, period: str | None = None) -> list[_snapshots.Snapshot]:
        """Store every KPI's value for its period with its definition hash (replacing)."""
        return _snapshots.take_snapshots(self, period)

    def kpi_snapshot(self, kpi_id: str, period: str | None = None) -> _snapshots.SnapshotCheck:
        """A stored snapshot (None: the latest taken), flagged when the definition changed."""
        return _snapshots.read_snapshot(self, kpi_id, period)

    # --- OKRs (headway.okrs) -------------------------------------------------------------
    def _okr_read(self, kpi_id: str, period: str) -> float | None:
        """The KPI reader of OKR scoring: a KPI's value over a period label, None without data."""
        value = self.kpi_value(kpi_id, period).value
        return None if value is None else float(value)

    def okr_tree(
        self, cycle: str | None = None, owner: str | None = None, level: str | None = None
    ) -> okrs.OKRTree:
        """The scored alignment tree of ``cycle`` (default: the quarter holding as-of)."""
        return okrs.build_tree(
            self.config,
            as_of=self.as_of,
            read=self._okr_read,
            checkins=okrs.latest_checkins(self.store, self.as_of),
            cycle=cycle,
            owner=owner,
            level=level,
        )

    def okr_objective(self, objective_id: str) -> okrs.ObjectiveScore:
        """One objective, scored in its own cycle, with its subtree."""
        return okrs.find_objective(self.config, objective_id, self.okr_tree)

    def company_objectives(self, cycle: str | None = None) -> list[okrs.ObjectiveScore]:
        """The company-level objectives of ``cycle`` (default: the quarter holding as-of)."""
        return [o for o in self.okr_tree(cycle).walk() if o.level == "company"]

    def okr_checkin(
        self,
        key_result: str,
        *,
        value: float | None = None,
        progress: float | None = None,
        confidence: float,
        note: str | None = None,
        author: str | None = None,
    ) -> okrs.CheckIn:
        """Record a check-in of ``key_result`` made at as-of."""
        req = okrs.CheckInRequest(
            key_result,
            value=value,
            progress=progress,
            confidence=confidence,
            note=note,
            author=author,
        )
        return okrs.record(self.store, self.config, req, self.as_of)

    def okr_history(self, kr_id: str) -> list[okrs.CheckIn]:
        """The check-ins of a key result up to as-of, oldest first."""
        okrs.find_key_result(self.config, kr_id)
        return okrs.checkin_history(self.store, kr_id, self.as_of)

    # --- costs (headway.costs) -----------------------------------------------------------
    def cost_pools(
        self, period: str | None = None, *, platform: str | None = None
    ) -> _costs.PoolSet:
        """Every cost pool (of ``platform``) for a month or ISO week, allocated to tenants;
        default period: the latest complete UTC month as of ``as_of``."""
        return _costs.compute_pools(
            self.store.con,
            self.config.costs,
            self.config.currency,
            _costs.cost_period(period, self.as_of),
            platform,
        )

    def chargeback(
        self, period: str | None = None, *, by: str = "tenant", platform: str | None = None
    ) -> _costs.Chargeback:
        """The pools' cost charged back by ``tenant``, ``team`` or ``org``."""
        return _costs.build_chargeback(self.cost_pools(period, platform=platform), by)

    def cost_comparison(
        self, period: str | None = None, *, by: str = "team", platform: str | None = None
    ) -> _costs.Comparison:
        """Vendor price books and peer teams against the allocated cost."""
        pools = self.cost_pools(period, platform=platform)
        assert self.config.costs is not None  # cost_pools raised otherwise
        return _costs.compare(pools, self.config.costs, by)

    def cost_recommendations(
        self, period: str | None = None, *, platform: str | None = None
    ) -> _costs.Recommendations:
        """Every cost recommendation for a month, largest estimated saving first."""
        pools = self.cost_pools(period, platform=platform)
        return _costs.recommend(self.store.con, self.config, pools)

    # --- report (headway.report) ---------------------------------------------------------
    def weekly_report(self, week: str | None = None) -> WeeklyReport:
        """The report of a completed ISO week (default: the latest complete as of as-of);
        write it with ``headway.report.write_report(report, out_dir, fmt)``."""
        from headway.report.build import build_weekly_report

        return build_weekly_report(self, week)

    def send_report(self, report: WeeklyReport) -> list[Delivery]:
        """Mail and chat the report as configured under ``report:``; one result per
        address and webhook (failures included, never raised). Secrets come from the
        environment variables the config names."""
        from headway.report.deliver import deliver

        if self.config.report is None:
            raise HeadwayError("nothing to send: add a report: section (smtp, recipients, chat)")
        return deliver(report, self.config.report, os.environ)

    # --- lifecycle -----------------------------------------------------------------------
    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_workspace(
    root: Path | None = None, *, as_of: dt.datetime | None = None, read_only: bool = False
) -> Workspace:
    return Workspace(root or find_workspace(), as_of=as_of, read_only=read_only)
