"""Weekly report benchmark: composing and rendering the report of the demo at --scale 10.

    python bench/bench_report.py                    # demo --scale 10, best of 3
    python bench/bench_report.py --scale 1 --repeat 1 --no-readme   # a quick look

The demo workspace is built once under ``bench/data/`` (shared with bench_scorecard) and
opened read-only with a fixed as-of. Each run is its own child process (fresh caches, its
own peak RSS) and times: composing ``Workspace.weekly_report()`` (every KPI, SLO, OKR and
cost figure of the week), writing the self-contained HTML (inline SVG charts), and writing
the Markdown with its PNG charts. Target: the whole ≤ 10 s.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import _common as c
from bench_scorecard import demo_workspace

TARGET_S = 10.0


def child(root: Path, as_of: str) -> None:
    from headway.report import write_report
    from headway.workspace import Workspace

    t0 = time.perf_counter()
    ws = Workspace(root, read_only=True)
    ws.set_as_of(as_of)
    report = ws.weekly_report()
    t1 = time.perf_counter()
    with tempfile.TemporaryDirectory() as out:
        write_report(report, Path(out), "html")
        t2 = time.perf_counter()
        write_report(report, Path(out), "md")
        t3 = time.perf_counter()
    ws.close()
    c.emit({"week": report.week, "build": t1 - t0, "html": t2 - t1, "md": t3 - t2})


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=10)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-readme", action="store_true")
    ap.add_argument("--child", nargs=2, metavar=("ROOT", "AS_OF"))
    args = ap.parse_args(argv)
    if args.child:
        child(Path(args.child[0]), args.child[1])
        return
    root, as_of = demo_workspace(args.scale)
    runs = [c.run_child([__file__, "--child", str(root), as_of]) for _ in range(args.repeat)]
    best = min(runs, key=lambda m: m.result["build"] + m.result["html"] + m.result["md"])
    r = best.result
    total = r["build"] + r["html"] + r["md"]
    mark = "" if total <= TARGET_S else " ✗"
    text = "\n\n".join(
        [
            f"Run `python bench/bench_report.py --scale {args.scale:g}` on {c.today()}; "
            f"machine: {c.machine()}. Best of {args.repeat}.",
            c.table(
                ["workspace", "week", "compose", "HTML", "Markdown + PNG", "total", "peak RSS"],
                [
                    [
                        f"demo --scale {args.scale:g} (as of {as_of})",
                        r["week"],
                        f"{r['build']:.2f} s",
                        f"{r['html']:.2f} s",
                        f"{r['md']:.2f} s",
                        f"{total:.2f} s{mark}",
                        c.gib(best.peak_rss),
                    ]
                ],
            ),
            f"Target: total ≤ {TARGET_S:g} s (✗ marks a miss).",
        ]
    )
    sys.stdout.write(text + "\n")
    if not args.no_readme:
        c.write_section("bench_report", text)


if __name__ == "__main__":
    main(sys.argv[1:])
