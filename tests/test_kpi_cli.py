"""``headway kpi …`` and ``headway scorecard`` end to end on a small real workspace
(numbers: tests/scorecard_ws.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from headway.cli.app import app
from headway.errors import QueryError
from headway.workspace import Workspace
from scorecard_ws import AS_OF, CONFIG, make_workspace


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_workspace(tmp_path)


def run(root: Path, *args: str, code: int = 0) -> str:
    result = CliRunner().invoke(app, ["--workspace", str(root), "--as-of", AS_OF, *args])
    assert result.exit_code == code, result.output
    return result.output


def lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines()]


def test_kpi_list_table(root: Path) -> None:
    out = lines(run(root, "kpi", "list"))
    assert out[0].split() == ["id", "title", "initiative", "NSM", "kind", "grain", "target", "unit"]
    assert out[1] == (
        "active_tenants      Active tenants        observability  adoption         "
        "count_distinct  month    3 tenants  tenants"
    )
    assert out[2].startswith(
        "usage_rows          Usage rows            observability  drives adoption"
    )
    assert len(out) == 8


def test_kpi_list_json_and_md(root: Path) -> None:
    data = json.loads(run(root, "kpi", "list", "--format", "json"))
    assert [(k["id"], k["kind"], k["target"]) for k in data][:2] == [
        ("active_tenants", "count_distinct", 3.0),
        ("usage_rows", "count", None),
    ]
    md = lines(run(root, "--format", "md", "kpi", "list"))
    assert md[:3] == [
        "| id | title | initiative | NSM | kind | grain | target | unit |",
        "|---|---|---|---|---|---|---|---|",
        "| active_tenants | Active tenants | observability | adoption | count_distinct | month "
        "| 3 tenants | tenants |",
    ]


def test_kpi_show_nps_details(root: Path) -> None:
    out = lines(run(root, "kpi", "show", "developer_nps"))
    assert out[0] == "Developer NPS (developer_nps)"
    assert "period           2026-Q3 (quarter)" in out
    assert "change           ▲ +25 (n.s.)" in out
    assert "status           missed (target 30)" in out
    assert "responses        4" in out
    assert "promoters        50.0 %" in out
    assert "detractors       25.0 %" in out
    # 1.96 × 100 × √((0.5 + 0.25 − 0.25²) ÷ 4) = 81.26
    assert "margin of error  ± 81.26" in out


def test_kpi_show_json_is_the_kpi_value(root: Path) -> None:
    data = json.loads(run(root, "kpi", "show", "mtto", "--period", "2026-11", "-f", "json"))
    with Workspace(root) as ws:
        ws.set_as_of(AS_OF)
        assert data == json.loads(json.dumps(ws.kpi_value("mtto", "2026-11").to_json()))
    assert (data["value"], data["details"]) == (5.0, {"open": 1})


def test_kpi_show_breakdown(root: Path) -> None:
    out = lines(run(root, "kpi", "show", "active_tenants", "--by", "team"))
    assert "coverage   75 %" in out
    assert out[-3:] == ["team      value", "b     2 tenants", "a     1 tenants"]
    md = run(root, "kpi", "show", "active_tenants", "--by", "team", "--format", "md")
    assert "| team | value |\n|---|---:|\n| b | 2 tenants |\n| a | 1 tenants |\n" in md


def test_kpi_show_sql(root: Path) -> None:
    out = run(root, "kpi", "show", "active_tenants", "--sql")
    assert "count(DISTINCT" in out.replace("COUNT(DISTINCT", "count(DISTINCT")


def test_kpi_series(root: Path) -> None:
    data = json.loads(
        run(
            root,
            "kpi",
            "series",
            "log_volume",
            "--from",
            "2026-09",
            "--to",
            "2026-11",
            "-f",
            "json",
        )
    )
    assert data == {
        "kpi": "log_volume",
        "grain": "month",
        "points": [
            {"period": "2026-09", "value": 10.0},
            {"period": "2026-10", "value": 30.0},
            {"period": "2026-11", "value": 60.0},
        ],
    }
    out = lines(run(root, "kpi", "series", "log_volume", "--from", "2026-09", "--to", "2026-11"))
    assert out == [
        "Log volume (log_volume) by month",
        "period   value",
        "2026-09  10 GB",
        "2026-10  30 GB",
        "2026-11  60 GB",
        "trend  ▁▄█",
    ]


def test_snapshot_then_show_flags_a_changed_definition(root: Path) -> None:
    out = lines(run(root, "kpi", "snapshot"))
    assert out[0] == "Stored snapshots"
    assert out[2].startswith("active_tenants      2026-11  3 tenants  ")
    shown = run(root, "kpi", "show", "active_tenants", "--snapshot")
    assert "stored value: snapshot of 2026-11 taken 2026-12-01T00:00+00:00" in shown
    assert "definition changed" not in shown
    changed = CONFIG.replace("target: 3,", "target: 4,")
    (root / "headway.yaml").write_text(changed, encoding="utf-8")
    shown = run(root, "kpi", "show", "active_tenants", "--snapshot")
    assert (
        "definition changed since the snapshot of 2026-12-01: today's definition of "
        "active_tenants may compute a different value for 2026-11"
    ) in shown
    assert "status     met (target 3 tenants)" in lines(shown)  # the stored value
    data = json.loads(run(root, "kpi", "show", "active_tenants", "--snapshot", "-f", "json"))
    assert (data["definition_changed"], data["value"]["value"]) == (True, 3)


def test_scorecard_table(root: Path) -> None:
    out = lines(run(root, "scorecard"))
    assert out[:3] == [
        "Scorecard test — scorecard as of 2026-12-01T00:00+00:00",
        "Vision: Every product ships on the platform.",
        "",
    ]
    assert (
        "  ↳ Mean time to onboard  2026-11     5 days   ▼ -50.0 %     7 days  met     "
        "       50 %  ██▁           147 % · +39.1 pts" in out
    )
    assert (
        "  Active tenants                    2026-11  3 tenants     ▲ +50.0 %  3 tenants  "
        "met            75 %  ▁▁▁▁▁▁▁▁▁▃▆█" in out
    )


def test_scorecard_md(root: Path) -> None:
    md = lines(run(root, "scorecard", "--format", "md", "--period", "2026-11"))
    assert md[0] == "# Scorecard test — scorecard as of 2026-12-01T00:00+00:00 · period 2026-11"
    assert (
        "| Platform adoption | 2026-11 | 3 tenants | ▲ +50.0 % | 3 tenants | met | 75 % "
        "| ▁▁▁▁▁▁▁▁▁▃▆█ |  |" in md
    )
    # Q4 has not ended as of 2026-12-01: the latest complete quarter, 2 − 1 of 4 → 25
    assert "| Developer NPS | 2026-Q3 | 25 | ▲ +25 (n.s.) | 30 | missed | — | ▁█ |" in md
    assert "### Developer portal (team-portal)" in md


def test_scorecard_json(root: Path) -> None:
    data = json.loads(run(root, "scorecard", "-f", "json"))
    with Workspace(root) as ws:
        ws.set_as_of(AS_OF)
        assert data == json.loads(json.dumps(ws.scorecard().to_json()))


def test_unknown_kpi_is_a_user_error(root: Path) -> None:
    result = CliRunner().invoke(app, ["--workspace", str(root), "kpi", "show", "mto"])
    assert result.exit_code == 1
    assert isinstance(result.exception, QueryError)
    assert "unknown KPI 'mto'; did you mean mtto" in str(result.exception)


@pytest.mark.parametrize(
    ("args", "example"),
    [
        (["kpi", "list", "--help"], "headway kpi list --format md"),
        (["kpi", "show", "--help"], "headway kpi show active_tenants --period 2026-11 --by team"),
        (["kpi", "series", "--help"], "headway kpi series active_tenants --grain quarter"),
        (["kpi", "snapshot", "--help"], "headway kpi snapshot --period 2026-Q3"),
        (["scorecard", "--help"], "headway scorecard --period 2026-Q3 --format md"),
    ],
)
def test_help_has_examples(args: list[str], example: str) -> None:
    result = CliRunner().invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert example in " ".join(result.output.split())


def test_kpi_series_by_team(root: Path) -> None:
    out = lines(run(root, "kpi", "series", "active_tenants", "--by", "team", "--from", "2026-09"))
    assert out == [
        "Active tenants (active_tenants) by month",
        "period       value          a          b",
        "2026-09  1 tenants  1 tenants          —",
        "2026-10  2 tenants  1 tenants  1 tenants",
        "2026-11  3 tenants  1 tenants  2 tenants",
        "trend  ▁▅█",
    ]
    data = json.loads(
        run(
            root,
            "kpi",
            "series",
            "active_tenants",
            "--by",
            "team",
            "--from",
            "2026-11",
            "-f",
            "json",
        )
    )
    assert data["points"] == [
        {
            "period": "2026-11",
            "value": 3.0,
            "breakdown": [
                {"key": {"team": "b"}, "value": 2.0},
                {"key": {"team": "a"}, "value": 1.0},
            ],
        }
    ]
