"""NDJSON lines that are no JSON object, typed Parquet columns, progress, DuckDB settings."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from headway.errors import IngestError
from headway.workspace import Workspace

GOOD = {"event_id": "e1", "time": "2026-01-01T00:00:00Z", "platform": "p", "event": "x"}


def _line(**kw: object) -> str:
    return json.dumps({**GOOD, **kw})


def test_ndjson_bad_lines_are_rejected(workspace_dir: Path) -> None:
    text = "\n".join(
        [
            _line(event_id="e1"),  # 1
            '{"event_id": "e2", "time": ',  # 2 cut short
            "",  # 3 blank
            "[1, 2]",  # 4
            _line(event_id="e5", time="bad"),  # 5
            "   ",  # 6 blank
            _line(event_id="e7"),  # 7
        ]
    )
    path = workspace_dir / "e.ndjson"
    path.write_text(text + "\n", encoding="utf-8")
    with Workspace(workspace_dir) as ws:
        r = ws.ingest("events", [path])[0]
    assert [(x.line, x.reason) for x in r.rejections] == [
        (2, """not a JSON object: invalid JSON '{"event_id": "e2", "time": '"""),
        (4, "not a JSON object: array '[1, 2]'"),
        (5, "time: unparseable timestamp 'bad'"),
    ]
    assert (r.rows_read, r.rows_loaded, r.rows_rejected, r.exit_code) == (5, 2, 3, 3)
    with Path(r.rejected_file or "").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [(row["line"], row["event_id"]) for row in rows] == [("2", ""), ("4", ""), ("5", "e5")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not json\n[1]\n", r"2 record\(s\) are not JSON objects \(no line is one; line 1: "),
        (b"\x00\x01\x02", r"not a text file"),
    ],
)
def test_ndjson_without_objects_fails_whole(
    workspace_dir: Path, content: bytes, message: str
) -> None:
    path = workspace_dir / "e.ndjson"
    path.write_bytes(content)
    with Workspace(workspace_dir) as ws, pytest.raises(IngestError, match=message):
        ws.ingest("events", [path])


def _parquet(path: Path, columns: dict[str, pa.Array]) -> Path:
    pq.write_table(pa.table(columns), path)
    return path


def test_parquet_typed_columns(workspace_dir: Path) -> None:
    utc = dt.UTC
    path = _parquet(
        workspace_dir / "e.parquet",
        {
            "event_id": pa.array(["e1", "e2", "e3", "e4"]),
            "time": pa.array(
                [dt.datetime(2026, 1, 1, 10, tzinfo=utc)] * 4, type=pa.timestamp("us", tz="UTC")
            ),
            "platform": pa.array(["p"] * 4),
            "event": pa.array(["x"] * 4),
            "value": pa.array([2.5, float("nan"), None, 4.0]),
            "tenant": pa.array([1, 2, 3, 4], type=pa.int32()),
        },
    )
    with Workspace(workspace_dir) as ws:
        r = ws.ingest("events", [path])[0]
        rows = ws.store.con.execute(
            "SELECT event_id, epoch(time), value, tenant FROM events ORDER BY event_id"
        ).fetchall()
    assert [(x.line, x.reason) for x in r.rejections] == [(2, "value: not a number 'nan'")]
    assert rows == [
        ("e1", 1767261600.0, 2.5, "1"),
        ("e3", 1767261600.0, 1.0, "3"),
        ("e4", 1767261600.0, 4.0, "4"),
    ]


@pytest.mark.parametrize(
    ("naive", "loaded", "reason"),
    [
        ("error", 0, "time: timestamp without offset '2026-01-01 10:00:00' (add Z or +hh:mm, "),
        ("local", 1, None),
    ],
)
def test_parquet_naive_timestamp(
    workspace_dir: Path, naive: str, loaded: int, reason: str | None
) -> None:
    (workspace_dir / "headway.yaml").write_text(
        f"workspace: t\ntimezone: Europe/Paris\nnaive_timestamps: {naive}\n", encoding="utf-8"
    )
    path = _parquet(
        workspace_dir / "e.parquet",
        {
            "event_id": pa.array(["e1"]),
            "time": pa.array([dt.datetime(2026, 1, 1, 10)], type=pa.timestamp("ms")),
            "platform": pa.array(["p"]),
            "event": pa.array(["x"]),
        },
    )
    with Workspace(workspace_dir) as ws:
        r = ws.ingest("events", [path])[0]
        stored = ws.store.con.execute("SELECT epoch(time) FROM events").fetchall()
    assert r.rows_loaded == loaded
    assert [x.reason[: len(reason)] for x in r.rejections] == ([reason] if reason else [])
    assert stored == ([(1767258000.0,)] if loaded else [])  # 10:00 Paris = 09:00Z


def test_parquet_usage_date_and_integers(workspace_dir: Path) -> None:
    path = _parquet(
        workspace_dir / "u.parquet",
        {
            "day": pa.array([dt.date(2026, 1, 1), dt.date(2026, 1, 2)]),
            "platform": pa.array(["p", "p"]),
            "tenant": pa.array(["t", "t"]),
            "meter": pa.array(["m", "m"]),
            "quantity": pa.array([3, -1], type=pa.int64()),
        },
    )
    with Workspace(workspace_dir) as ws:
        r = ws.ingest("usage", [path])[0]
        rows = ws.store.con.execute("SELECT day, quantity FROM usage").fetchall()
    assert [(x.line, x.reason) for x in r.rejections] == [(2, "quantity is negative: -1.0")]
    assert rows == [(dt.date(2026, 1, 1), 3.0)]


def test_progress_and_settings_restored(workspace_dir: Path) -> None:
    path = workspace_dir / "e.csv"
    path.write_text(
        "event_id,time,platform,event\n"
        + "".join(f"e{i},2026-01-01T00:00:00Z,p,x\n" for i in range(2000)),
        encoding="utf-8",
    )
    size = path.stat().st_size
    seen: list[tuple[int, int]] = []
    query = "SELECT current_setting('memory_limit'), current_setting('temp_directory')"
    with Workspace(workspace_dir) as ws:
        before = ws.store.con.execute(query).fetchone()
        ws.ingest("events", [path], progress=lambda d, t: seen.append((d, t)))
        after = ws.store.con.execute(query).fetchone()
    assert after == before
    assert seen[-1] == (size, size)
    assert all(t == size for _, t in seen)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


@pytest.mark.parametrize(
    ("attributes", "ok"),
    [
        ('{"sdk": "py"}', True),
        ('{"url": "http://x:1"}', True),  # a ':' inside a string: the exact check decides
        ('{"a:b": "c"}', True),
        ("{}", True),
        ('{"n": 1}', False),
        ('{"n": null}', False),
        ('{"o": {"a": "b"}}', False),
        ('["a"]', False),
        ('{"a": "b"', False),
        ('{"a": "b"} x', False),
    ],
)
def test_attributes_object_of_strings(workspace_dir: Path, attributes: str, ok: bool) -> None:
    path = workspace_dir / "e.ndjson"
    path.write_text(_line(attributes=attributes) + "\n", encoding="utf-8")
    with Workspace(workspace_dir) as ws:
        r = ws.ingest("events", [path])[0]
    reasons = [x.reason for x in r.rejections]
    assert reasons == ([] if ok else ["attributes: not a JSON object of strings"])
