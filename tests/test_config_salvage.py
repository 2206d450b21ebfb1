"""Every problem at once: the rules run on what validates even when some items do not,
and report nothing that only the salvage made up."""

from __future__ import annotations

import copy
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from typer.testing import CliRunner

from headway.cli.app import app
from headway.config.loader import check_config, load_config
from headway.config.models import WorkspaceConfig
from headway.config.source import format_path
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


OKR = "  - {{id: {id}, title: T, level: {level}, owner: x, cycle: {cycle}{more}}}\n"


def okr(id: str, level: str = "company", cycle: str = "2026-Q2", more: str = "") -> str:
    return OKR.format(id=id, level=level, cycle=cycle, more=more)


TENANTS = "kpis:\n  - {id: tenants, title: T, kind: count, dataset: usage}\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "kpis:\n  - {id: mttr, title: M, kind: count, dataset: incidents, "
            "direction: lower}\nokrs:\n"
            + okr(
                "a",
                more=", key_results: [{id: k, title: K, kpi: mttr, baseline: 10, "
                "target: 5, commit: 7, stretch: 3}]",
            ),
            ["headway.yaml:3: kpis[0].direction: must be one of: up, down, not 'lower'"],
            id="a KR's commit and stretch are not judged against a dropped direction",
        ),
        pytest.param(
            "okrs:\n" + okr("a", level="compnay") + okr("b", more=", parent: a"),
            [
                "headway.yaml:3: okrs[0].level: must be one of: company, group, team, "
                "individual, not 'compnay'"
            ],
            id="a child is not judged against its parent's invalid level",
        ),
        pytest.param(
            "fiscal_year_start_month: april\nokrs:\n"
            + okr("a")
            + okr("b", level="group", cycle="FY2027-Q1", more=", parent: a"),
            ["headway.yaml:2: fiscal_year_start_month: must be a whole number, not 'april'"],
            id="cycles are not compared under a guessed fiscal year",
        ),
        pytest.param(
            "timezone: Mars/Base\n" + TENANTS + "  - {id: x, title: X, kind: count, "
            "dataset: usage, by: [colour]}\n",
            [
                "headway.yaml:2: timezone: unknown time zone 'Mars/Base'; use an IANA name such "
                "as UTC or America/Los_Angeles",
                "headway.yaml:5: kpis[1].by[0]: unknown dimension `colour` for dataset usage; "
                "the dimensions are: day, platform, tenant, meter, quantity, team, org",
            ],
            id="an invalid top-level field falls back to its default, the rules still run",
        ),
        pytest.param(
            TENANTS + "  - {id: x, title: X, kind: count, dataset: usage, targt: 3, "
            "by: [colour]}\n",
            [
                "headway.yaml:4: kpis[1].targt: unknown field `targt` (did you mean `target`?)",
                "headway.yaml:4: kpis[1].by[0]: unknown dimension `colour` for dataset usage; "
                "the dimensions are: day, platform, tenant, meter, quantity, team, org",
            ],
            id="a repaired item keeps its own rule issues",
        ),
        pytest.param(
            TENANTS + "  - {id: tenants, kind: count, dataset: usage}\n"
            "  - {id: tenants, title: T3, kind: count, dataset: usage}\n",
            [
                "headway.yaml:4: kpis[1].title: missing required field `title`",
                "headway.yaml:5: kpis[2].id: duplicate KPI id `tenants`: ids must be unique; "
                "rename this one or remove it (see kpis[0].id at headway.yaml:3)",
            ],
            id="a stub's own duplicate id is left out, a valid one's is not",
        ),
        pytest.param(
            TENANTS
            + "north_stars:\n"
            + "".join(f"  - {{id: s{i}, title: S, kpi: tenants}}\n" for i in range(3))
            + "  - {id: s3, kpi: tenants}\n",
            [
                "headway.yaml:8: north_stars[3].title: missing required field `title`",
                "headway.yaml:8: north_stars[3]: 4 North Stars, at most 3 allowed: a North Star "
                "is one of the few numbers the whole team steers by, and each one more dilutes "
                "attention. Keep the 3 that matter most and turn the rest into KPIs that drive "
                "them (`drives: <north star id>`)",
            ],
            id="a fourth North Star counts even as a stub",
        ),
        pytest.param(
            "north_stars:\n  - {id: s, title: S, kpi: tenants}\nkpis: 3\n",
            ["headway.yaml:4: kpis: must be a list (one `- item` per line, or [a, b]), not 3"],
            id="a section that is not a list stops the rules (no false unknown KPI)",
        ),
    ],
)
def test_no_false_positive_from_the_salvage(ws: Path, text: str, expected: list[str]) -> None:
    assert lines(write(ws, "headway.yaml", "workspace: Acme\n" + text)) == expected


POOLS = """\
workspace: Acme
costs:
  pools:
    - {platform: o11y, amount: 5, allocation: [{meter: logs_gb, weight: 1}]}
    - %s
  vendors:
    - {id: v, as_of: 2026-01-01, prices: {logs_gb: 1, spans: 2, neg: -1}}
"""
NEGATIVE = "headway.yaml:7: costs.vendors[0].prices.neg: price of 'neg' is negative"


@pytest.mark.parametrize(
    ("pool", "expected"),
    [
        pytest.param(
            "{platform: ci, amount: 5, allocation: [{meter: spans, weight: 1.5}]}",
            ["headway.yaml:5: costs.pools[1].allocation[0].weight: must be at most 1", NEGATIVE],
            id="a dropped allocation is not 'lists none', nor are its meters unused",
        ),
        pytest.param(
            "{platform: ci, amount: lots}",
            [
                "headway.yaml:5: costs.pools[1].amount: must be a number, not 'lots'",
                "headway.yaml:7: costs.vendors[0].prices.spans: meter 'spans' is in no "
                "pool's allocation, so it is never compared",
                NEGATIVE,
            ],
            id="a pool with an invalid amount is a stub, not 'selects no cost'",
        ),
        pytest.param(
            "{platform: ci, amount: lots, allocation: [{meter: spans, weight: 1}]}",
            ["headway.yaml:5: costs.pools[1].amount: must be a number, not 'lots'", NEGATIVE],
            id="a stub pool keeps its valid allocation meters",
        ),
    ],
)
def test_cost_salvage(ws: Path, pool: str, expected: list[str]) -> None:
    assert lines(write(ws, "headway.yaml", POOLS % pool)) == expected


def test_a_field_named_like_the_kind_is_not_taken_for_the_union_tag(ws: Path) -> None:
    text = "workspace: A\nkpis:\n  - {id: a, title: A, kind: slo, slo: s, by: 5}\n"
    assert lines(write(ws, "headway.yaml", text)) == [
        "headway.yaml:3: kpis[0].by: must be a list (one `- item` per line, or [a, b]), not 5",
        "headway.yaml:3: kpis[0].slo: unknown SLO `s`; there are no SLOs",
    ]


# --- property: breaking one value only adds issues at that value --------------------------
RICH: dict[str, Any] = {
    "workspace": "Acme",
    "fiscal_year_start_month": 4,
    "north_stars": [
        {"id": "adoption", "title": "Adoption", "kpi": "tenants"},
        {"id": "speed", "title": "Speed", "kpi": "lead"},
    ],
    "initiatives": [{"id": "o11y", "title": "Observability"}],
    "slos": [
        {
            "id": "ingest",
            "platform": "o11y",
            "component": "gw",
            "indicator": "availability",
            "objective": 0.999,
        },
    ],
    "kpis": [
        {
            "id": "tenants",
            "title": "T",
            "kind": "count_distinct",
            "dataset": "usage",
            "column": "tenant",
            "drives": "adoption",
            "initiative": "o11y",
        },
        {
            "id": "lead",
            "title": "L",
            "kind": "duration",
            "dataset": "onboardings",
            "start": "requested_at",
            "end": "completed_at",
            "direction": "down",
            "where": "colour = 1",
        },
        {
            "id": "share",
            "title": "S",
            "kind": "ratio",
            "numerator": "lead",
            "denominator": "tenants",
            "drives": "speedy",
        },
        {"id": "avail", "title": "A", "kind": "slo", "slo": "ingest", "by": ["colour"]},
        {
            "id": "mix",
            "title": "M",
            "kind": "index",
            "baseline": "FY2027-Q1",
            "components": [{"kpi": "share"}, {"kpi": "avail", "weight": 2}],
        },
    ],
    "okrs": [
        {
            "id": "top",
            "title": "T",
            "level": "company",
            "owner": "x",
            "cycle": "2026-Q2",
            "key_results": [
                {
                    "id": "k1",
                    "title": "K",
                    "kpi": "lead",
                    "baseline": 10,
                    "target": 5,
                    "commit": 7,
                    "stretch": 3,
                }
            ],
        },
        {
            "id": "mid",
            "title": "M",
            "level": "group",
            "owner": "x",
            "cycle": "FY2027-Q1",
            "parent": "top",
            "key_results": [
                {"id": "k2", "title": "K", "kind": "milestone"},
                {"id": "k3", "title": "K", "kpi": "tenants", "baseline": 1, "target": 1},
            ],
        },
        {
            "id": "low",
            "title": "L",
            "level": "group",
            "owner": "x",
            "cycle": "2026-Q2",
            "parent": "mid",
        },
    ],
    "costs": {
        "pools": [
            {
                "platform": "o11y",
                "match": "ServiceName = 'o11y'",
                "allocation": [
                    {"meter": "logs_gb", "weight": "0.5"},
                    {"meter": "spans", "weight": "0.5"},
                ],
            },
            {"platform": "ci", "amount": 100, "split": "even"},
        ],
        "vendors": [{"id": "v", "as_of": "2026-01-01", "prices": {"logs_gb": 1, "cpu": 2}}],
    },
}


def _targets(value: Any, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Every path in ``value``: each field and each list item."""
    out = [path] if path else []
    if isinstance(value, dict):
        for key, item in value.items():
            out += _targets(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out += _targets(item, (*path, i))
    return out


#: Breaking an item as a whole or its id removes a name: references to it are then rightly
#: unknown (tested above); every other broken value must leave the other issues alone.
TARGETS = [t for t in _targets(RICH) if not isinstance(t[-1], int) and t[-1] != "id"]


def _broken(path: tuple[str | int, ...], bad: Any) -> dict[str, Any]:
    data = copy.deepcopy(RICH)
    node: Any = data
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = bad
    return data


def _valid(data: dict[str, Any]) -> bool:
    try:
        WorkspaceConfig.model_validate({k: v for k, v in data.items() if v is not None})
    except ValidationError:
        return False
    return True


def _issues(folder: Path, data: dict[str, Any]) -> list[str]:
    path = folder / "headway.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return [f"{i.path}: {i.message}" for i in check_config(path).issues]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.sampled_from(TARGETS), st.sampled_from([5, -1, "zz", True, 1.5, "", None]))
def test_a_broken_value_adds_issues_only_at_itself(
    ws: Path, target: tuple[str | int, ...], bad: Any
) -> None:
    broken = _broken(target, bad)
    assume(not _valid(broken))  # a valid change may rightly change the rule issues
    before = _issues(ws, RICH)
    after = _issues(ws, broken)
    where = format_path(target)
    # The rich file has rule issues that must survive the salvage of other items.
    assert len(before) == 6
    for issue in after:
        assert issue in before or issue.startswith(where), (where, bad, issue)
