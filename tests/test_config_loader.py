"""The loader: file:line of every problem, all problems at once, includes, YAML errors."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

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


GOOD = """\
workspace: Acme
kpis:
  - id: tenants
    title: Tenants
    kind: count_distinct
    dataset: usage
    column: tenant
"""


def test_valid_config_loads(ws: Path) -> None:
    config = load_config(write(ws, "headway.yaml", GOOD))
    assert [k.id for k in config.kpis] == ["tenants"]


def test_every_structural_problem_at_once_with_its_line(ws: Path) -> None:
    path = write(
        ws,
        "headway.yaml",
        """\
        workspace: Acme
        kpis:
          - id: tenants
            title: Tenants
            kind: count_distinct
            dataset: usage
            column: tenant
            targt: 3
            direction: sideways
          - id: other
            title: Other
            kind: cnt
          - id: third
            kind: count
            dataset: usage
            target: lots
        slos:
          - {id: s, platform: p, component: c, indicator: i, objective: 0.9, window: 5}
        """,
    )
    assert lines(path) == [
        "headway.yaml:8: kpis[0].targt: unknown field `targt` (did you mean `target`?)",
        "headway.yaml:9: kpis[0].direction: must be one of: up, down, not 'sideways'",
        "headway.yaml:12: kpis[1].kind: unknown KPI kind `cnt`; the KPI kinds are: count, "
        "count_distinct, sum, mean, min, max, percentile, duration, ratio, nps, slo, index, sql",
        "headway.yaml:13: kpis[2].title: missing required field `title`",
        "headway.yaml:16: kpis[2].target: must be a number, not 'lots'",
        "headway.yaml:18: slos[0].window: must be text or a mapping of fields (key: value "
        "lines, or {key: value}), not 5",
    ]


def test_load_config_raises_config_error_with_every_issue(ws: Path) -> None:
    path = write(ws, "headway.yaml", "workspace: Acme\nkpis:\n  - {id: a, kind: count}\n")
    with pytest.raises(ConfigError, match=r"2 problems") as info:
        load_config(path)
    assert [i.path for i in info.value.issues] == ["kpis[0].title", "kpis[0].dataset"]
    assert str(info.value).endswith(
        "headway.yaml:3: kpis[0].dataset: missing required field `dataset`"
    )


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        ("workspace: 2026\n", "headway.yaml:1: workspace: must be text; put it in quotes: '2026'"),
        (
            "workspace: A\nfiscal_year_start_month: 13\n",
            "headway.yaml:2: fiscal_year_start_month: must be at most 12",
        ),
        (
            "workspace: A\ntimezone: Mars/Base\n",
            "headway.yaml:2: timezone: unknown time zone 'Mars/Base'; use an IANA name such "
            "as UTC or America/Los_Angeles",
        ),
        (
            "workspace: A\nkpis: {id: a}\n",
            "headway.yaml:2: kpis: must be a list (one `- item` per line, or [a, b])",
        ),
        (
            "workspace: A\nkpis:\n  - {id: A b, title: t, kind: count, dataset: usage}\n",
            "headway.yaml:3: kpis[0].id: must be a slug: lowercase letters, digits, `_`, `.` "
            "or `-`, starting with a letter or digit (it appears in URLs and JSON)",
        ),
        (
            "workspace: A\nkpis:\n  - {id: a, title: t, dataset: usage}\n",
            "headway.yaml:3: kpis[0].kind: missing required field `kind`; the KPI kinds are: "
            "count, count_distinct, sum, mean, min, max, percentile, duration, ratio, nps, "
            "slo, index, sql",
        ),
        (
            "workspace: A\nvisoin: x\n",
            "headway.yaml:2: visoin: unknown field `visoin` (did you mean `vision`?)",
        ),
        (
            "workspace: A\nzzz: x\n",
            "headway.yaml:2: zzz: unknown field `zzz`; the fields here are: workspace, "
            "timezone, fiscal_year_start_month, currency, naive_timestamps, vision, "
            "north_stars, initiatives, kpis, slos, costs, okrs, datasets, report",
        ),
        (
            "timezone: UTC\n",
            "headway.yaml:1: workspace: missing required field `workspace`",
        ),
    ],
)
def test_pydantic_messages_become_advice(ws: Path, yaml_text: str, expected: str) -> None:
    assert lines(write(ws, "headway.yaml", yaml_text)) == [expected]


def test_duplicate_key_in_one_mapping(ws: Path) -> None:
    path = write(ws, "headway.yaml", "workspace: A\nkpis:\n  - id: a\n    id: b\n")
    assert lines(path)[0] == (
        "headway.yaml:4: kpis[0].id: duplicate key `id`: it is already set on line 3 of this "
        "mapping; keep one"
    )


def test_yaml_syntax_error_has_file_and_line(ws: Path) -> None:
    path = write(ws, "headway.yaml", "workspace: A\nkpis:\n  - id: a\n   title: [b\n")
    (issue,) = check_config(path).issues
    assert (issue.file, issue.line) == ("headway.yaml", 4)
    assert issue.message.startswith("YAML syntax error: ")


def test_error_inside_included_file_names_that_file(ws: Path) -> None:
    write(ws, "headway.yaml", "workspace: A\ninclude: [kpis/*.yaml]\n" + GOOD.split("\n", 1)[1])
    write(
        ws,
        "kpis/extra.yaml",
        "kpis:\n  - id: b\n    title: B\n    kind: count\n    datset: usage\n",
    )
    assert lines(ws / "headway.yaml") == [
        "kpis/extra.yaml:2: kpis[1].dataset: missing required field `dataset`",
        "kpis/extra.yaml:5: kpis[1].datset: unknown field `datset` (did you mean `dataset`?)",
    ]


def test_included_lists_concatenate_in_order(ws: Path) -> None:
    write(ws, "headway.yaml", GOOD + "include: [b.yaml, a.yaml]\n")
    write(ws, "a.yaml", "kpis:\n  - {id: from_a, title: A, kind: count, dataset: usage}\n")
    write(
        ws,
        "b.yaml",
        "include: [c.yaml]\nkpis:\n  - {id: from_b, title: B, kind: count, dataset: usage}\n",
    )
    write(ws, "c.yaml", "vision: nested includes work\n")
    config = load_config(ws / "headway.yaml")
    assert [k.id for k in config.kpis] == ["tenants", "from_b", "from_a"]
    assert config.vision == "nested includes work"


def test_scalar_defined_in_two_files_names_both(ws: Path) -> None:
    write(ws, "headway.yaml", "workspace: A\ntimezone: UTC\ninclude: [more.yaml]\n")
    write(ws, "more.yaml", "\ntimezone: Europe/Paris\n")
    assert lines(ws / "headway.yaml") == [
        "more.yaml:2: timezone: `timezone` is defined twice: here and at headway.yaml:2; a list "
        "section may be split across files, any other key must be set in one place"
    ]


def test_include_cycle_and_missing_file(ws: Path) -> None:
    write(ws, "headway.yaml", "workspace: A\ninclude:\n  - a.yaml\n  - nope.yaml\n")
    write(ws, "a.yaml", "include: [headway.yaml]\n")
    assert lines(ws / "headway.yaml") == [
        "headway.yaml:4: included file nope.yaml does not exist; paths are relative to .",
        "a.yaml:1: include cycle: headway.yaml → a.yaml → headway.yaml; remove one of these "
        "includes",
    ]


def test_glob_matching_nothing_is_a_warning(ws: Path) -> None:
    path = write(ws, "headway.yaml", "workspace: A\ninclude: [okrs/*.yaml]\n")
    check = check_config(path)
    assert check.ok
    assert [(i.severity, str(i)) for i in check.issues] == [
        ("warning", "headway.yaml:2: include `okrs/*.yaml` matches no file")
    ]


def test_merge_keys_and_anchors_are_supported(ws: Path) -> None:
    path = write(
        ws,
        "headway.yaml",
        """\
        workspace: A
        kpis:
          - &base {id: a, title: A, kind: count, dataset: usage, grain: week}
          - <<: *base
            id: b
        """,
    )
    assert [(k.id, k.grain) for k in load_config(path).kpis] == [("a", "week"), ("b", "week")]


def test_empty_file_reports_the_missing_workspace(ws: Path) -> None:
    assert lines(write(ws, "headway.yaml", "")) == [
        "headway.yaml:1: workspace: missing required field `workspace`"
    ]
