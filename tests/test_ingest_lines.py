"""Exact CSV lines with blank lines, values over several lines and set-aside records."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from headway.workspace import Workspace

HEAD = "event_id,time,platform,event,tenant,actor\n"
BAD_TIME = "time: unparseable timestamp 'bad'"
SHORT = "wrong number of fields: 2 where the header has 6"

# kind → (text with {i} for the id, lines it takes, reason or None)
KINDS: dict[str, tuple[str, int, str | None]] = {
    "good": ("e{i},2026-01-01T00:00:00Z,p,x,,\n", 1, None),
    "bad": ("e{i},bad,p,x,,\n", 1, BAD_TIME),
    "short": ("e{i},x\n", 1, SHORT),
    "blank": ("\n", 1, None),
    "multiline": ('e{i},2026-01-01T00:00:00Z,p,x,,"a\nb"\n', 2, None),
    "multiline_bad": ('e{i},bad,p,x,,"a\n\nb"\n', 3, BAD_TIME),
}


def _file(kinds: list[str]) -> tuple[str, list[tuple[int, str]]]:
    """The CSV text and the (line, reason) each rejected record must get."""
    text, line, expected = HEAD, 2, []
    for i, kind in enumerate(kinds):
        template, span, reason = KINDS[kind]
        text += template.format(i=i)
        if reason:
            expected.append((line, reason))
        line += span
    return text, expected


def _rejections(ws_dir: Path, text: str, name: str = "e.csv") -> list[tuple[int, str]]:
    path = ws_dir / name
    path.write_bytes(text.encode())
    with Workspace(ws_dir) as ws:
        r = ws.ingest("events", [path])[0]
    return [(x.line, x.reason) for x in r.rejections]


@pytest.mark.parametrize(
    "kinds",
    [
        ["good", "blank", "bad"],
        ["good", "blank", "blank", "short", "bad"],
        ["good", "multiline_bad", "blank", "bad"],
        ["blank", "good", "bad", "blank"],
        ["good", "short", "blank", "multiline", "bad"],
    ],
)
def test_blank_lines_keep_lines_exact(workspace_dir: Path, kinds: list[str]) -> None:
    text, expected = _file(kinds)
    assert _rejections(workspace_dir, text) == expected


def test_crlf_blank_line(workspace_dir: Path) -> None:
    text = HEAD + "e1,2026-01-01T00:00:00Z,p,x,,\n\ne2,bad,p,x,,\n"
    assert _rejections(workspace_dir, text.replace("\n", "\r\n")) == [(4, BAD_TIME)]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(st.sampled_from(sorted(KINDS)), min_size=1, max_size=12),
    st.sampled_from(["\n", "\r\n"]),
)
def test_lines_exact_property(workspace_dir: Path, kinds: list[str], newline: str) -> None:
    text, expected = _file(["good", *kinds])
    assert _rejections(workspace_dir, text.replace("\n", newline)) == expected


def test_rejected_file_lines_after_blank(workspace_dir: Path) -> None:
    text, _ = _file(["good", "blank", "bad", "multiline", "blank", "short"])
    path = workspace_dir / "e.csv"
    path.write_text(text, encoding="utf-8")
    with Workspace(workspace_dir) as ws:
        r = ws.ingest("events", [path])[0]
    rows = Path(r.rejected_file or "").read_text(encoding="utf-8").splitlines()
    assert [row.split(",")[-2] for row in rows[1:]] == ["4", "8"]


def test_many_rows_in_file_order(workspace_dir: Path) -> None:
    """A file DuckDB reads in parallel: lines still follow the file, first key still wins."""
    n = 120_000
    rows = [f"e{i},2026-01-01T00:00:00Z,p,x,,\n" for i in range(n)]
    rows[1000] = 'e1000,2026-01-01T00:00:00Z,p,x,,"a\nb"\n'
    rows[n - 10] = f"e{n - 10},bad,p,x,,\n"
    rows[n - 5] = "e3,2026-01-01T00:00:00Z,p,x,,\n"
    path = workspace_dir / "big.csv"
    path.write_text(HEAD + "".join(rows), encoding="utf-8")
    with Workspace(workspace_dir) as ws:
        r = ws.ingest("events", [path])[0]
    assert [(x.line, x.reason) for x in r.rejections] == [
        (n - 10 + 3, BAD_TIME),
        (n - 5 + 3, "key repeated inside the file (first at line 5)"),
    ]
    assert (r.rows_read, r.rows_loaded) == (n, n - 2)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_blank_lines_before_a_short_record(workspace_dir: Path, newline: str) -> None:
    text, expected = _file(["good", "blank", "blank", "short", "blank", "short", "bad"])
    assert _rejections(workspace_dir, text.replace("\n", newline)) == expected
