"""Building the demo workspace: generate the files, write headway.yaml, ingest them.

Everything is a function of (seed, scale, as-of date): the data covers the 365 local
days before the as-of date, and the same three inputs give byte-identical files and the
same ``headway.yaml``. The files are loaded through :meth:`Workspace.ingest`, exactly as a
user would load theirs; then the OKR baselines are measured on the loaded data and the
``okrs:`` section is written with them, the check-ins are recorded, and the latest weekly
report is written to ``reports/``.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from string import Template
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import yaml

from headway.costs.demo import demo_costs_config
from headway.demo import (
    costs,
    events,
    incidents,
    onboardings,
    sdk,
    slis,
    surveys,
    tenants,
    usage,
)
from headway.demo.org import DemoOrg, make_org
from headway.demo.timeline import Timeline
from headway.errors import HeadwayError
from headway.okrs.demo import demo_checkins, demo_okrs, measure_baselines

if TYPE_CHECKING:
    from headway.datasets.results import IngestResult
    from headway.workspace import Workspace

__all__ = [
    "DEFAULT_SEED",
    "GENERATORS",
    "MARKER",
    "TIMEZONE",
    "DemoResult",
    "Progress",
    "build_demo",
    "generate",
    "render_config",
]

DEFAULT_SEED = 42
TIMEZONE = "America/Los_Angeles"
MARKER = ".headway-demo.json"
DATA_DIR = "data"
REPORTS_DIR = "reports"

#: ``progress(step, done, total)``: what is happening and how far along it is.
Progress = Callable[[str, int, int], None]
Generator = Callable[[DemoOrg, Path], list[Path]]

#: (dataset, generator) in loading order: tenants first, so every other row finds its team.
GENERATORS: tuple[tuple[str, Generator], ...] = (
    (tenants.DATASET, tenants.write),
    (onboardings.DATASET, onboardings.write),
    (usage.DATASET, usage.write),
    (events.DATASET, events.write),
    (sdk.DATASET, sdk.write),
    (costs.DATASET, costs.write),
    (slis.DATASET, slis.write),
    (incidents.DATASET, incidents.write),
    (surveys.DATASET, surveys.write),
)


@dataclass
class DemoResult:
    """What ``build_demo`` made."""

    root: Path
    seed: int
    scale: float
    as_of: dt.datetime
    first_day: dt.date
    last_day: dt.date
    files: dict[str, list[Path]] = field(default_factory=dict)
    ingested: list[IngestResult] = field(default_factory=list)
    """The :class:`IngestResult` of every file, in loading order."""
    reports: list[Path] = field(default_factory=list)
    """The latest weekly report: HTML first, Markdown beside it."""


def _noop(step: str, done: int, total: int) -> None:
    del step, done, total


def generate(
    data_dir: Path,
    *,
    seed: int,
    scale: float,
    as_of: dt.datetime,
    progress: Progress | None = None,
) -> tuple[DemoOrg, dict[str, list[Path]]]:
    """Write every dataset's files under ``data_dir``; they depend on nothing but the inputs."""
    if not scale > 0:
        raise HeadwayError(f"--scale must be a positive number, not {scale}")
    report = progress or _noop
    data_dir.mkdir(parents=True, exist_ok=True)
    org = make_org(Timeline(as_of, ZoneInfo(TIMEZONE)), seed, scale)
    files: dict[str, list[Path]] = {}
    for i, (dataset, write) in enumerate(GENERATORS):
        report(f"generating {dataset}", i, len(GENERATORS))
        files.setdefault(dataset, []).extend(write(org, data_dir))
    report("generated", len(GENERATORS), len(GENERATORS))
    return org, files


def render_config(org: DemoOrg, okrs: list[dict[str, Any]] | None = None) -> str:
    """The demo's ``headway.yaml``: the commented template with the baseline quarter, and
    ``okrs`` (default: the OKRs with ``baseline: auto`` and fixed targets)."""
    text = resources.files("headway.demo").joinpath("template.yaml").read_text("utf-8")
    full = org.timeline.full_quarters()
    baseline = full[0][0] if full else org.timeline.quarters()[0][0]
    text = Template(text).substitute(
        seed=org.seed,
        scale=f"{org.scale:g}",
        last_day=org.timeline.last_day.isoformat(),
        baseline=baseline,
    )
    as_of_day = org.timeline.last_day + dt.timedelta(days=1)
    text = _fill(text, "costs", {"costs": demo_costs_config()})
    return _fill(text, "okrs", {"okrs": okrs if okrs is not None else demo_okrs(as_of_day)})


def _fill(text: str, section: str, content: dict[str, Any]) -> str:
    """Put ``content`` (as YAML) between the ``# >>> section`` and ``# <<< section`` lines."""
    start = text.index(f"# >>> {section}")
    body_at = text.index("\n", start) + 1
    end = text.index(f"# <<< {section}")
    block = yaml.safe_dump(content, sort_keys=False, allow_unicode=True, width=96)
    return text[:body_at] + block + text[end:]


def _prepare(root: Path) -> None:
    """An empty or missing folder, or a previous demo (whose own files are removed)."""
    if root.exists() and not root.is_dir():
        raise HeadwayError(f"{root} is a file; give `headway demo` a folder")
    if not root.exists() or not any(root.iterdir()):
        root.mkdir(parents=True, exist_ok=True)
        return
    if not (root / MARKER).is_file():
        raise HeadwayError(
            f"{root} is not empty and is not a Headway demo; choose another folder, "
            "e.g. `headway demo ./headway-demo`"
        )
    for name in (DATA_DIR, REPORTS_DIR, ".headway"):
        shutil.rmtree(root / name, ignore_errors=True)
    for name in ("headway.yaml", MARKER):
        (root / name).unlink(missing_ok=True)


def build_demo(
    root: Path,
    *,
    seed: int = DEFAULT_SEED,
    scale: float = 1.0,
    as_of: dt.datetime | None = None,
    progress: Progress | None = None,
) -> DemoResult:
    """Build (or rebuild) the demo workspace in ``root`` and load its data."""
    moment = as_of or dt.datetime.now(dt.UTC)
    _prepare(root)
    org, files = generate(root / DATA_DIR, seed=seed, scale=scale, as_of=moment, progress=progress)
    from headway.workspace import CONFIG_FILE, Workspace

    (root / CONFIG_FILE).write_text(render_config(org), encoding="utf-8")
    marker = {"seed": seed, "scale": scale, "as_of": moment.isoformat()}
    (root / MARKER).write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")
    result = DemoResult(
        root.resolve(), seed, scale, moment, org.timeline.first_day, org.timeline.last_day, files
    )
    report = progress or _noop
    as_of_day = org.timeline.last_day + dt.timedelta(days=1)
    with Workspace(root, as_of=moment) as ws:
        result.ingested = _ingest(ws, files, report)
        report("measuring OKR baselines", 0, 1)
        baselines = measure_baselines(ws, as_of_day)
        known = int(ws.store.con.execute("SELECT count(*) FROM tenants").fetchone()[0])  # type: ignore[index]
    okrs = demo_okrs(as_of_day, baselines, tenants_known=known)
    (root / CONFIG_FILE).write_text(render_config(org, okrs), encoding="utf-8")
    with Workspace(root, as_of=moment) as ws:
        _check_in(ws, as_of_day)
        ws.set_as_of(moment)
        report("writing the weekly report", 0, 1)
        result.reports = _write_report(ws, root / REPORTS_DIR)
    return result


def _write_report(ws: Workspace, out_dir: Path) -> list[Path]:
    """The latest complete week's report as HTML and Markdown in ``out_dir``."""
    from headway.report.render import write_report

    weekly = ws.weekly_report()
    return [write_report(weekly, out_dir, fmt) for fmt in ("html", "md")]


def _ingest(ws: Workspace, files: dict[str, list[Path]], report: Progress) -> list[IngestResult]:
    """Load every file as a user would; ``report`` sees each file's rows as they load."""
    out: list[IngestResult] = []
    for i, (dataset, paths) in enumerate(files.items()):
        step = f"loading {dataset}"
        report(step, i, len(files))
        out.extend(ws.ingest(dataset, paths))
    report("loaded", len(files), len(files))
    return out


def _check_in(ws: Workspace, as_of_day: dt.date) -> None:
    """The OKR check-ins of the demo's objectives, each made at its own moment."""
    for c in demo_checkins(as_of_day):
        ws.set_as_of(c["checked_in_at"])
        ws.okr_checkin(
            c["key_result"],
            value=c["value"],
            progress=c["progress"],
            confidence=c["confidence"],
            note=c["note"],
            author=c["author"],
        )
