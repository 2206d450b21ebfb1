"""What the benchmarks share: the machine, one measurement per child process, tables.

Every measurement runs in its own child process so that its peak memory is its own:
the parent waits for it with ``os.wait4``, which returns that child's ``rusage`` (its
``ru_maxrss`` is the child's resident-set high-water mark, in KiB on Linux — the value
``getrusage(RUSAGE_CHILDREN)`` would report if it were the only child).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
DATA = BENCH / "data"
README = BENCH / "README.md"
REPO = BENCH.parent


@dataclass(frozen=True)
class Measured:
    """One child's answer (the JSON it printed last) and its peak RSS in bytes."""

    result: dict[str, Any]
    peak_rss: int
    cpu: float = 0.0
    """The child's CPU seconds (user + system, all threads): steadier than wall time on a
    shared machine."""


def run_child(args: list[str], *, env: dict[str, str] | None = None) -> Measured:
    """Run ``python <args>`` as a child; it must print one JSON object as its last line."""
    proc = subprocess.Popen(
        [sys.executable, *args],
        stdout=subprocess.PIPE,
        env={**os.environ, **(env or {})},
        cwd=REPO,
    )
    assert proc.stdout is not None
    out = proc.stdout.read()
    proc.stdout.close()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"child {' '.join(args)} failed with exit code {proc.returncode}")
    last = out.decode().strip().splitlines()[-1]
    return Measured(json.loads(last), usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime)


def emit(result: dict[str, Any]) -> None:
    """A child's answer: one JSON line on stdout."""
    print(json.dumps(result), flush=True)


def machine() -> str:
    import duckdb

    mem = 0
    with open("/proc/meminfo", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("MemTotal:"):
                mem = int(line.split()[1]) * 1024
    cpu = platform.processor() or platform.machine()
    with open("/proc/cpuinfo", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return (
        f"{os.cpu_count()} CPUs ({cpu}), {mem / 2**30:.0f} GiB RAM, "
        f"Python {platform.python_version()}, DuckDB {duckdb.__version__}, "
        f"{platform.system()} {platform.release()}"
    )


def today() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def human(n: float) -> str:
    for unit, size in (("G", 1e9), ("M", 1e6), ("k", 1e3)):
        if n >= size:
            return f"{n / size:.3g}{unit}"
    return f"{n:.3g}"


def gib(n: int) -> str:
    return f"{n / 2**30:.2f} GiB"


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def write_section(name: str, text: str) -> None:
    """Replace the text between ``<!-- NAME:results -->`` markers in bench/README.md."""
    start, end = f"<!-- {name}:results -->", f"<!-- /{name}:results -->"
    body = README.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.S)
    if not pattern.search(body):
        raise SystemExit(f"bench/README.md has no {start} … {end} markers")
    README.write_text(
        pattern.sub(lambda _: f"{start}\n{text.strip()}\n{end}", body), encoding="utf-8"
    )
