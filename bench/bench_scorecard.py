"""Scorecard benchmark: a full refresh against hand-written DuckDB SQL and pandas.

    python bench/bench_scorecard.py                         # 50M events (+ the demo at --scale 10)
    python bench/bench_scorecard.py --events 1000000 --skip-demo --no-readme   # a quick look

Workspaces (built once under ``bench/data/`` and reused):

- ``big``: ~50M events over a year in America/Los_Angeles (see :mod:`scorecard_big`),
  with its numbers computed three ways — Headway's ``Workspace.scorecard()``, hand-written
  DuckDB SQL (the floor) and a pandas notebook (:mod:`floors_big`) — which must agree;
- ``demo``: ``headway demo --scale 10``, Headway only (its 18 KPIs of every kind).

Every run is its own child process (peak RSS is its own); the best of ``--repeat`` runs
counts. The store is opened read-only, as-of fixed, so every run computes the same thing.
"""

from __future__ import annotations

import argparse
import math
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import _common as c

Numbers = dict[str, dict[str, Any]]


# --- children -------------------------------------------------------------------------
def canon(scorecard: Any) -> Numbers:
    """The numbers a scorecard shows, per KPI, in the floors' shape."""
    cards = [n.value for n in scorecard.north_stars]
    cards += [d for n in scorecard.north_stars for d in n.drivers]
    cards += [k for i in scorecard.initiatives for k in i.kpis] + list(scorecard.unassigned)
    out: Numbers = {}
    for card in cards:
        v = card.value
        out[v.kpi] = {
            "period": v.period,
            "value": v.value,
            "previous_period": v.previous_period,
            "previous_value": v.previous_value,
            "rows": v.rows,
            "coverage": v.coverage,
            "breakdown": sorted(
                ["|".join(str(x) for x in b.key.values()), b.value] for b in v.breakdown
            ),
            "sparkline": [[p.period, p.value] for p in card.sparkline],
        }
    return out


def run_headway(root: Path, as_of: str) -> dict[str, Any]:
    from headway.workspace import Workspace

    started = time.perf_counter()
    ws = Workspace(root, read_only=True)
    ws.set_as_of(as_of)
    scorecard = ws.scorecard()
    seconds = time.perf_counter() - started
    numbers = canon(scorecard)
    ws.close()
    return {"seconds": seconds, "numbers": numbers}


def run_floor(engine: str, root: Path) -> dict[str, Any]:
    import duckdb
    import floors_big

    started = time.perf_counter()
    con = duckdb.connect(str(root / ".headway" / "headway.duckdb"), read_only=True)
    numbers = (floors_big.by_sql if engine == "sql" else floors_big.by_pandas)(con)
    seconds = time.perf_counter() - started
    con.close()
    return {"seconds": seconds, "numbers": numbers}


def child(engine: str, root: Path, as_of: str) -> None:
    c.emit(run_headway(root, as_of) if engine == "headway" else run_floor(engine, root))


# --- comparing --------------------------------------------------------------------------
def differences(expected: Any, got: Any, where: str = "") -> list[str]:
    """Where ``got`` differs from ``expected`` (floats within 1e-9 relative)."""
    if isinstance(expected, dict) and isinstance(got, dict):
        out = [f"{where}.{k}: missing" for k in expected.keys() - got.keys()]
        out += [f"{where}.{k}: unexpected" for k in got.keys() - expected.keys()]
        for k in expected.keys() & got.keys():
            out += differences(expected[k], got[k], f"{where}.{k}")
        return out
    if isinstance(expected, list) and isinstance(got, list):
        if len(expected) != len(got):
            return [f"{where}: {len(got)} items, expected {len(expected)}: {got} vs {expected}"]
        return [
            d
            for i, (e, g) in enumerate(zip(expected, got, strict=True))
            for d in differences(e, g, f"{where}[{i}]")
        ]
    numeric = (int, float)
    if isinstance(expected, numeric) and isinstance(got, numeric):
        same = math.isclose(expected, got, rel_tol=1e-9, abs_tol=1e-12)
    else:
        same = expected == got
    return [] if same else [f"{where}: {got!r}, expected {expected!r}"]


# --- workspaces -------------------------------------------------------------------------
DEMO_AS_OF = "2026-12-01"


def demo_workspace(scale: float) -> tuple[Path, str]:
    """``headway demo`` at ``scale``, 12 months of data up to DEMO_AS_OF (built once)."""
    root = c.DATA / f"ws-demo-{scale:g}"
    done = root / ".built"
    if not done.exists():
        command = ["-m", "headway", "--as-of", DEMO_AS_OF, "demo", str(root)]
        command += ["--scale", f"{scale:g}", "--seed", "1", "--no-serve"]
        subprocess.run(
            [sys.executable, *command], check=True, cwd=c.REPO, stdout=subprocess.DEVNULL
        )
        done.touch()
    return root, DEMO_AS_OF


# --- the parent -------------------------------------------------------------------------
def measure(engine: str, root: Path, as_of: str, repeat: int) -> c.Measured:
    runs = [c.run_child([__file__, "--child", engine, str(root), as_of]) for _ in range(repeat)]
    best = min(runs, key=lambda r: r.result["seconds"])
    peak = max(r.peak_rss for r in runs)
    cpu = min(r.cpu for r in runs)
    print(
        f"  {root.name} {engine}: {best.result['seconds']:.2f} s, peak {c.gib(peak)}",
        file=sys.stderr,
    )
    return c.Measured(best.result, peak, cpu)


def main(argv: list[str]) -> None:
    if argv[:1] == ["--child"]:
        child(argv[1], Path(argv[2]), argv[3])
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=50_000_000)
    ap.add_argument("--demo-scale", type=float, default=10)
    ap.add_argument("--skip-demo", action="store_true")
    ap.add_argument("--skip-pandas", action="store_true")
    ap.add_argument("--repeat", type=int, default=2, help="runs of Headway and of the SQL")
    ap.add_argument("--no-readme", action="store_true")
    args = ap.parse_args(argv)

    import scorecard_big

    big = scorecard_big.build(c.DATA / f"ws-big-{args.events}", args.events)
    engines = ["headway", "sql"] + ([] if args.skip_pandas else ["pandas"])
    res = {}
    for e in engines:
        res[e] = measure(e, big, scorecard_big.AS_OF, 1 if e == "pandas" else args.repeat)
    mismatches = {
        e: differences(res["headway"].result["numbers"], res[e].result["numbers"])
        for e in engines
        if e != "headway"
    }
    demo = None
    if not args.skip_demo:
        root, as_of = demo_workspace(args.demo_scale)
        demo = (root, as_of, measure("headway", root, as_of, args.repeat))
    text = report(args, res, mismatches, demo)
    print(text)
    if not args.no_readme:
        c.write_section("bench_scorecard", text)
    if any(mismatches.values()):
        raise SystemExit("the three computations disagree: see above")


def report(
    args: argparse.Namespace,
    res: dict[str, c.Measured],
    mismatches: dict[str, list[str]],
    demo: tuple[Path, str, c.Measured] | None,
) -> str:
    hw = res["headway"].result["seconds"]
    sql = res["sql"].result["seconds"]
    label = {
        "headway": "Headway `ws.scorecard()`",
        "sql": "hand-written DuckDB SQL",
        "pandas": "pandas notebook",
    }
    rows = []
    for e, m in res.items():
        s = m.result["seconds"]
        agree = "—" if e == "headway" else ("yes" if not mismatches[e] else "**NO**")
        rows.append(
            [
                label[e],
                f"{s:.2f} s",
                f"{s / sql:.2f}×",
                f"{s / hw:.2f}×",
                f"{m.cpu:.1f} s",
                f"{m.cpu / res['sql'].cpu:.2f}×",
                c.gib(m.peak_rss),
                agree,
            ]
        )
    out = [
        f"Run `{' '.join(['python bench/bench_scorecard.py', *sys.argv[1:]])}` "
        f"on {c.today()}; machine: {c.machine()}.",
        "",
        f"**{c.human(args.events)} events** (6 KPIs: count, count_distinct with an org "
        "breakdown through `tenants`, a day-grain KPI rolled up to months, a ratio, a week "
        f"grain, an `attributes.sdk` breakdown; America/Los_Angeles), best of {args.repeat}:",
        "",
        c.table(
            [
                "computation",
                "wall time",
                "÷ SQL",
                "÷ Headway",
                "CPU time",
                "CPU ÷ SQL",
                "peak RSS",
                "same numbers",
            ],
            rows,
        ),
        "",
        "Wall time: the best run, measured inside the child around the work; CPU time: the "
        "child's user + system seconds (all threads, start-up included) — steadier when other "
        "work shares the cores.",
    ]
    if demo is not None:
        _root, as_of, m = demo
        out += [
            "",
            f"**Demo workspace** (`headway demo --scale {args.demo_scale:g} --seed 1`, as of "
            f"{as_of}, {len(m.result['numbers'])} KPIs): Headway `ws.scorecard()` "
            f"{m.result['seconds']:.2f} s, peak RSS {c.gib(m.peak_rss)}.",
        ]
    for e, diffs in mismatches.items():
        if diffs:
            out += ["", f"Mismatches, {label[e]} vs Headway (first 20):", ""]
            out += [f"- `{d}`" for d in diffs[:20]]
    out += [
        "",
        "Targets: Headway ≤ 1.5× the hand-written SQL, ≥ 10× faster than pandas, peak RSS ≤ 4 GiB.",
    ]
    return "\n".join(out)


if __name__ == "__main__":
    main(sys.argv[1:])
