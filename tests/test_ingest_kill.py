"""An ingest killed mid-transaction leaves no rows and no batch."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from headway.workspace import Workspace

CHILD = """
import sys
from pathlib import Path
from headway.workspace import Workspace

def progress(done, total):
    print(done, total, flush=True)
    if done * 10 > total * 8 and done < total:  # inside the transaction
        sys.stdin.readline()  # wait here until killed

Workspace(Path(sys.argv[1])).ingest("events", [Path(sys.argv[2])], progress=progress)
"""


def test_kill_midway(workspace_dir: Path) -> None:
    path = workspace_dir / "big.csv"
    with path.open("w", encoding="utf-8") as fh:
        fh.write("event_id,time,platform,event\n")
        fh.writelines(f"e{i},2026-01-01T00:00:00Z,p,x\n" for i in range(50_000))
    with subprocess.Popen(
        [sys.executable, "-c", CHILD, str(workspace_dir), str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as child:
        assert child.stdout is not None
        for line in child.stdout:
            done, total = map(int, line.split())
            if total > done and done * 10 > total * 8:
                break
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    with Workspace(workspace_dir) as ws:
        con = ws.store.con
        assert con.execute("SELECT count(*) FROM events").fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM ingest_batches").fetchone() == (0,)
