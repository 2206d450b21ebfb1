"""Ingest: every contract rule and rejection reason with its exact line."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from headway.errors import IngestError
from headway.workspace import Workspace

HEAD = "event_id,time,platform,event,tenant,actor,attributes,value\n"


def _ingest(ws_dir: Path, dataset: str, name: str, text: str, **kw: object):  # type: ignore[no-untyped-def]
    path = ws_dir / name
    path.write_text(text, encoding="utf-8")
    with Workspace(ws_dir) as ws:
        return ws.ingest(dataset, [path], **kw)[0]  # type: ignore[arg-type]


def test_messy_events_exact_lines(workspace_dir: Path) -> None:
    text = (
        HEAD
        + 'e1,2026-01-01T10:00:00Z,obs,login,t1,u1,"{""sdk"":""py""}",\n'  # 2 ok
        + "e2,2026-01-01 10:00:00,obs,login,,,,\n"  # 3 naive
        + '"e\n3",1767225600,obs,login,,,,2\n'  # 4-5 ok, embedded newline
        + "e1,2026-01-01T11:00:00Z,obs,login,,,,\n"  # 6 repeated key
        + "e4,2026-01-01T10:00:00Z,obs\n"  # 7 wrong field count
        + ',nope,obs,login,,,"{""a"":1}",abc\n'  # 8 several reasons
    )
    r = _ingest(workspace_dir, "events", "e.csv", text)
    assert [(x.line, x.reason) for x in r.rejections] == [
        (
            3,
            "time: timestamp without offset '2026-01-01 10:00:00' (add Z or +hh:mm, or set "
            "naive_timestamps: utc|local)",
        ),
        (6, "key repeated inside the file (first at line 2)"),
        (7, "wrong number of fields: 3 where the header has 8"),
        (
            8,
            "event_id: missing required value; time: unparseable timestamp 'nope'; "
            "attributes: not a JSON object of strings; value: not a number 'abc'",
        ),
    ]
    assert (r.rows_read, r.rows_loaded, r.rows_rejected) == (6, 2, 4)
    assert r.exit_code == 3
    rejected = Path(r.rejected_file or "").read_text(encoding="utf-8").splitlines()
    assert rejected[0] == "event_id,time,platform,event,tenant,actor,attributes,value,line,reason"
    assert rejected[1].startswith("e2,2026-01-01 10:00:00,obs,login,,,,,3,")


@pytest.mark.parametrize(
    ("dataset", "header", "row", "reason"),
    [
        (
            "usage",
            "day,platform,tenant,meter,quantity",
            "2026-01-01,p,t,m,-1",
            "quantity is negative: -1.0",
        ),
        (
            "usage",
            "day,platform,tenant,meter,quantity",
            "01/02/2026,p,t,m,1",
            "day: unparseable date (use YYYY-MM-DD) '01/02/2026'",
        ),
        (
            "slis",
            "time,platform,component,indicator,good,total",
            "2026-01-01T00:00:00Z,p,c,i,5,4",
            "good (5.0) is greater than total (4.0)",
        ),
        (
            "slis",
            "time,platform,component,indicator,good,total",
            "2026-01-01T00:00:00Z,p,c,i,-1,4",
            "good is negative: -1.0",
        ),
        (
            "survey_responses",
            "response_id,survey,submitted_at,score",
            "r1,q1,2026-01-01T00:00:00Z,11",
            "score 11 is outside 0–10",
        ),
        (
            "survey_responses",
            "response_id,survey,submitted_at,score",
            "r1,q1,2026-01-01T00:00:00Z,7.5",
            "score: not an integer '7.5'",
        ),
        (
            "incidents",
            "incident_id,platform,opened_at,resolved_at",
            "i1,p,2026-01-02T00:00:00Z,2026-01-01T00:00:00Z",
            "resolved_at is before opened_at",
        ),
        (
            "onboardings",
            "platform,tenant,requested_at,completed_at",
            "p,t,2026-01-02T00:00:00Z,2026-01-01T00:00:00Z",
            "completed_at is before requested_at",
        ),
        ("tenants", "tenant,name", ",Acme", "tenant: missing required value"),
    ],
)
def test_rule(workspace_dir: Path, dataset: str, header: str, row: str, reason: str) -> None:
    r = _ingest(workspace_dir, dataset, "f.csv", f"{header}\n{row}\n")
    assert [(x.line, x.reason) for x in r.rejections] == [(2, reason)]
    assert r.rows_loaded == 0
    assert r.exit_code == 1


def test_costs_currency_and_tags(workspace_dir: Path) -> None:
    head = (
        "BillingAccountId,BillingPeriodStart,ChargePeriodStart,ChargePeriodEnd,BilledCost,"
        "EffectiveCost,BillingCurrency,Tags\n"
    )
    rows = (
        "a,2026-01-01,2026-01-01,2026-01-02,1,1,EUR,NULL\n"
        "a,2026-01-01,2026-01-01,2026-01-02,1,1,USD,[1]\n"
    )
    r = _ingest(workspace_dir, "costs", "c.csv", head + rows)
    assert [(x.line, x.reason) for x in r.rejections] == [
        (2, "BillingCurrency EUR is not the workspace currency USD"),
        (3, "Tags: not a JSON object"),
    ]


def test_naive_utc_setting(workspace_dir: Path) -> None:
    (workspace_dir / "headway.yaml").write_text(
        "workspace: t\ntimezone: Europe/Paris\nnaive_timestamps: local\n", encoding="utf-8"
    )
    r = _ingest(workspace_dir, "events", "e.csv", HEAD + "e1,2026-01-01 10:00:00,p,x,,,,\n")
    assert r.rows_loaded == 1
    with Workspace(workspace_dir) as ws:
        row = ws.store.con.execute("SELECT epoch(time) FROM events").fetchone()
    assert row == (1767258000.0,)  # 09:00Z


def test_skip_and_replace(workspace_dir: Path) -> None:
    r1 = _ingest(workspace_dir, "events", "a.csv", HEAD + "e1,2026-01-01T00:00:00Z,p,x,,,,\n")
    r2 = _ingest(workspace_dir, "events", "a.csv", HEAD + "e1,2026-01-01T00:00:00Z,p,x,,,,\n")
    assert (r1.rows_loaded, r2.rows_loaded, r2.rows_duplicate) == (1, 0, 1)
    u = "day,platform,tenant,meter,quantity\n"
    _ingest(workspace_dir, "usage", "u.csv", u + "2026-01-01,p,t,m,1\n")
    r = _ingest(workspace_dir, "usage", "u.csv", u + "2026-01-01,p,t,m,5\n")
    assert (r.rows_loaded, r.rows_replaced) == (1, 1)
    with Workspace(workspace_dir) as ws:
        assert ws.store.con.execute("SELECT quantity FROM usage").fetchall() == [(5.0,)]


def test_strict_loads_nothing_but_records_batch(workspace_dir: Path) -> None:
    text = HEAD + "e1,2026-01-01T00:00:00Z,p,x,,,,\ne2,bad,p,x,,,,\n"
    r = _ingest(workspace_dir, "events", "e.csv", text, strict=True)
    assert (r.rows_loaded, r.rows_rejected, r.exit_code) == (0, 1, 1)
    with Workspace(workspace_dir) as ws:
        con = ws.store.con
        assert con.execute("SELECT count(*) FROM events").fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM ingest_batches").fetchone() == (1,)


def test_mapping(workspace_dir: Path) -> None:
    text = "id,ts,platform,event,junk\ne1,2026-01-01T00:00:00Z,p,x,1\n"
    r = _ingest(workspace_dir, "events", "e.csv", text, mapping={"event_id": "id", "time": "ts"})
    assert (r.rows_loaded, r.ignored_columns) == (1, ["junk"])


@pytest.mark.parametrize(
    ("name", "content", "kw", "message"),
    [
        ("e.csv", b"", {}, r"e\.csv: the file is empty"),
        ("e.csv", HEAD.encode(), {}, r"no rows \(only a header\)"),
        ("e.csv", b"\x00\x01\x02binary", {}, r"not a text file"),
        ("e.csv", b"event_id;time;platform;event\n1;2;3;4\n", {}, r"separated by ';'"),
        (
            "e.csv",
            b"event_id,time\ne1,x\n",
            {},
            r"required column\(s\) missing for events: "
            r"platform, event.*--map platform=",
        ),
        ("e.csv", HEAD.encode(), {"mapping": {"nope": "event_id"}}, r"'nope' is not a column"),
        ("e.csv", HEAD.encode(), {"mapping": {"event": "nope"}}, r"has no column 'nope'"),
        ("e.json", b'{"event_id": 1}', {}, r"cannot read it as a JSON array of objects"),
        ("e.json", b"[1, 2]", {}, r"2 record\(s\) are not JSON objects \(first at record 1\)"),
        ("e.parquet", b"nope", {}, r"not a Parquet file"),
        ("e.txt", b"x", {}, r"cannot tell the format"),
    ],
)
def test_whole_file_errors(
    workspace_dir: Path, name: str, content: bytes, kw: dict[str, object], message: str
) -> None:
    path = workspace_dir / name
    path.write_bytes(content)
    with Workspace(workspace_dir) as ws, pytest.raises(IngestError, match=message):
        ws.ingest("events", [path], **kw)  # type: ignore[arg-type]
    with Workspace(workspace_dir) as ws:
        assert ws.store.con.execute("SELECT count(*) FROM ingest_batches").fetchone() == (0,)


def test_unknown_dataset(workspace_dir: Path) -> None:
    with Workspace(workspace_dir) as ws, pytest.raises(IngestError, match="unknown dataset 'x'"):
        ws.ingest("x", [workspace_dir / "a.csv"])


def _records() -> list[dict[str, object]]:
    return [
        {
            "event_id": "e1",
            "time": "2026-01-01T00:00:00Z",
            "platform": "p",
            "event": "x",
            "attributes": {"k": "v"},
            "value": 2,
        },
        {"event_id": "e2", "time": "2026-01-01T00:00:00", "platform": "p", "event": "x"},
    ]


@pytest.mark.parametrize("fmt", ["csv.gz", "ndjson", "jsonl.gz", "json", "parquet"])
def test_formats(workspace_dir: Path, fmt: str) -> None:
    path = workspace_dir / f"e.{fmt}"
    recs = _records()
    if fmt == "csv.gz":
        body = (
            HEAD
            + 'e1,2026-01-01T00:00:00Z,p,x,,,"{""k"":""v""}",2\n'
            + "e2,2026-01-01T00:00:00,p,x,,,,\n"
        )
        path.write_bytes(gzip.compress(body.encode()))
    elif fmt.startswith(("ndjson", "jsonl")):
        body = "\n".join(json.dumps(r) for r in recs) + "\n"
        path.write_bytes(gzip.compress(body.encode()) if fmt.endswith(".gz") else body.encode())
    elif fmt == "json":
        path.write_text(json.dumps(recs), encoding="utf-8")
    else:
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pylist(
            [
                {**r, "attributes": json.dumps(r.get("attributes")) if "attributes" in r else None}
                for r in recs
            ]
        )
        pq.write_table(table, path)
    with Workspace(workspace_dir) as ws:
        r = ws.ingest("events", [path])[0]
        assert (r.rows_loaded, [x.line for x in r.rejections]) == (1, [2 if fmt != "csv.gz" else 3])
        row = ws.store.con.execute("SELECT attributes->>'k', value FROM events").fetchone()
    assert row == ("v", 2.0)
