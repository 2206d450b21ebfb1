"""Every problem at once: the rules run on what validates even when some items do not,
and report nothing that only the salvage made up."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from headway.cli.app import app
from headway.config.loader import check_config, load_config
from headway.errors import ConfigError


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder that is the current one, so that issues name files relatively."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def lines(path: Path) -> list[str]:
    return [str(i) for i in check_config(path).issues]


MIXED = """\
workspace: Acme
include: [okrs/*.yaml]
north_stars:
  - {id: adoption, title: Adoption, kpi: tenants}
  - {id: reliability, title: Reliability, kpi: tenants}
  - {id: speed, title: Speed, kpi: tenants}
  - {id: cost, title: Cost, kpi: tenants}
kpis:
  - id: tenants
    title: Tenants
    kind: count_distinct
    dataset: usage
    column: tenant
    grain: mnth
  - id: sessions
    title: Sessions
    kind: count
    dataset: usage
    where: colour = 'red'
  - id: errors
    title: Errors
    kind: count
    dataset: events
    drives: adoptoin
okrs:
  - {id: a, title: A, level: company, owner: x, cycle: 2026-Q2, parent: b}
  - {id: b, title: B, level: group, owner: x, cycle: 2026-Q2, parent: a}
"""

INCLUDED = """\
okrs:
  - id: c
    title: C
    level: team
    owner: x
    cycle: 2026-Q2
    weight: -1
"""

MIXED_ISSUES = [
    "headway.yaml:7: north_stars[3]: 4 North Stars, at most 3 allowed: a North Star is one "
    "of the few numbers the whole team steers by, and each one more dilutes attention. Keep "
    "the 3 that matter most and turn the rest into KPIs that drive them "
    "(`drives: <north star id>`)",
    "headway.yaml:14: kpis[0].grain: must be one of: day, week, month, quarter, year, not 'mnth'",
    "headway.yaml:19: kpis[1].where: unknown column `colour` in `where` for dataset usage; "
    "its columns are: day, platform, tenant, meter, quantity, team, org",
    "headway.yaml:24: kpis[2].drives: unknown North Star `adoptoin` (did you mean `adoption`?)",
    "headway.yaml:26: okrs[0].parent: a (company) cannot align to b (group): a parent must "
    "be of a higher level (company > group > team > individual); pick a higher-level parent "
    "or change a level",
    "headway.yaml:26: okrs[0].parent: the alignment has a loop: a → b → a; remove or change "
    "the parent of one of them",
    "okrs/q3.yaml:7: okrs[2].weight: must be greater than 0.0",
]


def test_structure_and_rules_are_reported_together_in_file_order(ws: Path) -> None:
    write(ws, "okrs/q3.yaml", INCLUDED)
    path = write(ws, "headway.yaml", MIXED)
    check = check_config(path)
    assert [str(i) for i in check.issues] == MIXED_ISSUES
    assert check.config is None
    assert not check.ok


def test_load_config_raises_with_every_issue(ws: Path) -> None:
    write(ws, "okrs/q3.yaml", INCLUDED)
    path = write(ws, "headway.yaml", MIXED)
    with pytest.raises(ConfigError, match=r"^7 problems in the workspace config:\n") as info:
        load_config(path)
    assert [str(i) for i in info.value.issues] == MIXED_ISSUES


def test_validate_prints_every_line_and_exits_1(ws: Path) -> None:
    write(ws, "okrs/q3.yaml", INCLUDED)
    write(ws, "headway.yaml", MIXED)
    result = CliRunner().invoke(app, ["-w", str(ws), "validate"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        *(f"error {line}" for line in MIXED_ISSUES),
        "headway.yaml is invalid: 7 errors, 0 warnings",
    ]


BASE = """\
workspace: Acme
north_stars:
  - {id: adoption, title: Adoption, kpi: tenants}
kpis:
"""


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        pytest.param(
            "  - {id: tenants, title: T, kind: count, dataset: usage, grain: mnth}\n",
            [
                "headway.yaml:5: kpis[0].grain: must be one of: day, week, month, quarter, "
                "year, not 'mnth'"
            ],
            id="repaired KPI keeps its id",
        ),
        pytest.param(
            "  - {id: tenants, kind: count, dataset: usage, where: colour = 1}\n",
            ["headway.yaml:5: kpis[0].title: missing required field `title`"],
            id="stub KPI keeps its id, its own rule issues are left out",
        ),
        pytest.param(
            "  - {id: tenants, title: T, kind: cnt}\n"
            "  - {id: share, title: S, kind: ratio, numerator: tenants, denominator: tenants}\n",
            [
                "headway.yaml:5: kpis[0].kind: unknown KPI kind `cnt`; the KPI kinds are: "
                "count, count_distinct, sum, mean, min, max, percentile, duration, ratio, nps, "
                "slo, index, sql"
            ],
            id="a ratio over a stub resolves",
        ),
        pytest.param(
            "  - {id: tenants, title: T, kind: count, dataset: usage}\n"
            "  - {id: Bad Id, title: B, kind: count, dataset: usage}\n"
            "  - {id: share, title: S, kind: ratio, numerator: Bad Id, denominator: tenants}\n",
            [
                "headway.yaml:6: kpis[1].id: must be a slug: lowercase letters, digits, `_`, "
                "`.` or `-`, starting with a letter or digit (it appears in URLs and JSON)"
            ],
            id="a stub keeps even an id that is not a slug",
        ),
        pytest.param(
            "  - {id: tenants, title: T, kind: count, dataset: usage}\n"
            "  - {title: T, kind: count, dataset: usage}\n"
            "  - {id: share, title: S, kind: ratio, numerator: tenant, denominator: tenants}\n",
            [
                "headway.yaml:6: kpis[1].id: missing required field `id`",
                "headway.yaml:7: kpis[2].numerator: unknown KPI `tenant` (did you mean `tenants`?)",
            ],
            id="a stub without id is no KPI anyone can name",
        ),
    ],
)
def test_no_unknown_kpi_for_an_invalid_kpi(ws: Path, extra: str, expected: list[str]) -> None:
    assert lines(write(ws, "headway.yaml", BASE + extra)) == expected
