"""OKR validation through the real config loader: every issue, with its line and next step."""

from __future__ import annotations

from pathlib import Path

import pytest

from headway.config.loader import load_config
from headway.errors import ConfigError
from headway.okrs import demo_okrs

HEAD = """\
workspace: T
timezone: UTC
kpis:
  - {id: active_tenants, title: A, kind: count_distinct, dataset: usage, column: tenant}
  - {id: mttr, title: M, kind: duration, dataset: incidents, start: opened_at,
     end: resolved_at, direction: down}
okrs:
"""


def _issues(tmp_path: Path, okrs: str, head: str = HEAD) -> list[str]:
    path = tmp_path / "headway.yaml"
    path.write_text(head + okrs, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    return [str(i) for i in info.value.issues]


def _obj(oid: str, level: str, cycle: str = "2026-Q2", parent: str | None = None) -> str:
    p = f", parent: {parent}" if parent else ""
    return f"  - {{id: {oid}, title: X, level: {level}, owner: o, cycle: {cycle}{p}}}\n"


def test_valid_okrs_load(tmp_path: Path) -> None:
    path = tmp_path / "headway.yaml"
    path.write_text(HEAD + _obj("a", "company") + _obj("b", "team", parent="a"), encoding="utf-8")
    assert [o.id for o in load_config(path).okrs] == ["a", "b"]


def test_unknown_parent_suggests(tmp_path: Path) -> None:
    (issue,) = _issues(
        tmp_path, _obj("company-goal", "company") + _obj("b", "team", parent="company-gaol")
    )
    assert "headway.yaml:9: okrs[1].parent: unknown parent objective 'company-gaol'" in issue
    assert "did you mean `company-goal`?" in issue
    assert "use the id of an objective in `okrs:` or remove `parent`" in issue


@pytest.mark.parametrize(("child", "parent"), [("team", "team"), ("group", "team")])
def test_parent_of_same_or_lower_level(tmp_path: Path, child: str, parent: str) -> None:
    (issue,) = _issues(tmp_path, _obj("p", parent) + _obj("c", child, parent="p"))
    assert f"c ({child}) cannot align to p ({parent})" in issue
    assert "company > group > team > individual" in issue


def test_loop_is_named_once(tmp_path: Path) -> None:
    okrs = _obj("a", "team", parent="b") + _obj("b", "team", parent="a")
    issues = [i for i in _issues(tmp_path, okrs) if "alignment has a loop" in i]
    assert len(issues) == 1
    assert issues[0].endswith(
        "headway.yaml:8: okrs[0].parent: the alignment has a loop: a → b → a; remove or change "
        "the parent of one of them"
    )


def test_unknown_kpi_suggests(tmp_path: Path) -> None:
    (issue,) = _issues(tmp_path, _kr("kpi: active_tenant, baseline: 1, target: 2"))
    assert "okrs[0].key_results[0].kpi: key result a.1 is on unknown KPI 'active_tenant'" in issue
    assert "did you mean `active_tenants`?" in issue
    assert "define it under `kpis:` or use `kind: milestone`" in issue


def _kr(fields: str) -> str:
    return (
        "  - id: a\n    title: X\n    level: company\n    owner: o\n    cycle: 2026-Q2\n"
        f"    key_results:\n      - {{id: a.1, title: T, {fields}}}\n"
    )


def test_target_equal_to_baseline(tmp_path: Path) -> None:
    (issue,) = _issues(tmp_path, _kr("kpi: active_tenants, baseline: 20, target: 20"))
    assert "okrs[0].key_results[0].target: target equals the baseline (20)" in issue
    assert "set a target you want to reach" in issue


@pytest.mark.parametrize("cycle", ["2026-05", "2026", "2026-Q5", "Q2"])
def test_cycle_not_a_quarter(tmp_path: Path, cycle: str) -> None:
    (issue,) = _issues(tmp_path, _obj("a", "company", cycle=f"'{cycle}'"))
    assert f"okrs[0].cycle: cycle '{cycle}' is not a quarter; write a quarter label" in issue


def test_fiscal_cycle_example(tmp_path: Path) -> None:
    head = HEAD.replace("timezone: UTC\n", "timezone: UTC\nfiscal_year_start_month: 2\n")
    (issue,) = _issues(tmp_path, _obj("a", "company", cycle="FY2027"), head)
    assert "such as FY2027-Q1" in issue


def test_child_in_another_cycle(tmp_path: Path) -> None:
    okrs = _obj("a", "company") + _obj("b", "team", cycle="2026-Q3", parent="a")
    (issue,) = _issues(tmp_path, okrs)
    assert "okrs[1].cycle: b is in cycle 2026-Q3 but its parent a is in 2026-Q2" in issue


@pytest.mark.parametrize(
    ("fields", "where", "text"),
    [
        (
            "kpi: active_tenants, baseline: 20, target: 40, commit: 45",
            "commit",
            "commit 45 must be lower than the target 40 (higher is better)",
        ),
        (
            "kpi: active_tenants, baseline: 20, target: 40, stretch: 40",
            "stretch",
            "stretch 40 must be higher than the target 40",
        ),
        (
            "kpi: mttr, baseline: 12, target: 5, commit: 4",
            "commit",
            "commit 4 must be higher than the target 5 (lower is better)",
        ),
        (
            "kpi: mttr, baseline: auto, target: 5, stretch: 6",
            "stretch",
            "stretch 6 must be lower than the target 5 (lower is better)",
        ),
    ],
)
def test_commit_stretch_side(tmp_path: Path, fields: str, where: str, text: str) -> None:
    (issue,) = _issues(tmp_path, _kr(fields))
    assert f"okrs[0].key_results[0].{where}: {text}" in issue


def test_every_issue_at_once(tmp_path: Path) -> None:
    okrs = (
        _obj("a", "company", cycle="2026-13")
        + _obj("b", "team", parent="nope")
        + _obj("c", "company", parent="d")
        + _obj("d", "company", parent="c")
    )
    issues = _issues(tmp_path, okrs)
    assert len(issues) == 5  # bad cycle, unknown parent, two level issues, one loop


def test_demo_okrs_are_valid(tmp_path: Path) -> None:
    import datetime as dt

    import yaml

    kpis = [
        {"id": k, "title": k, "kind": "count", "dataset": "events"}
        for k in ("active_tenants", "developer_nps", "ingest_availability")
    ] + [
        {"id": k, "title": k, "kind": "count", "dataset": "events", "direction": "down"}
        for k in ("time_to_onboard", "mttr", "cost_per_gb")
    ]
    doc = {"workspace": "demo", "kpis": kpis, "okrs": demo_okrs(dt.date(2026, 5, 15))}
    path = tmp_path / "headway.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    config = load_config(path)
    assert {o.cycle for o in config.okrs} == {"2026-Q1", "2026-Q2"}
    assert {o.level for o in config.okrs} == {"company", "group", "team", "individual"}
