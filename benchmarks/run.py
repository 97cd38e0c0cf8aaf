"""``make bench``: how fast plan132 reads plans and builds the report, against its targets.

1. Parse and tables of the bundled plan (``load_plan``): median of repeated runs
   in one process (the first, cold run is reported beside it).
2. Scaling: generated plans of 100, 1,000 and 10,000 tasks in the same layout
   (``benchmarks/generate.py``), median per size, and the growth exponent *k*
   of time ∝ n^k fitted on the three sizes (1 = linear).
3. The build (``plan132 build``, what ``make report`` runs once installed), in a
   fresh process: the time of each step as the build reports it, and in all.

4. Plan 132 as a Word file and as an Excel appendix (``tests/fixtures/documents``),
   read whole by ``load_plan``: median of repeated runs.

Prints a table and writes it as CSV (``--out``, default ``outputs-bench``, beside the build's
``outputs/``, which a build replaces whole).
Targets (issue 7): bundled plan ≤ 20 ms; 10,000 tasks ≤ 1.5 s with near-linear
growth (k ≤ 1.2); the build ≤ 90 s on 2 cores. Issue 12: Word and Excel plans of
Plan 132's size ≤ 200 ms. The PDF reader's target (≤ 1.5× pdfplumber's own
extraction of the same file) is measured by ``benchmarks/bench_pdf.py``.
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate

from plan132lib import load_plan
from plan132lib.paths import DEFAULT_OUTPUT_DIR

TARGETS = {"bundled": 0.020, "tasks_10000": 1.5, "exponent": 1.2, "build_total": 90.0, "office": 0.200}
DOCUMENTS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "documents"
SIZES = (100, 1000, 10_000)
COLUMNS = ["benchmark", "n_tasks", "runs", "median_s", "min_s", "target_s", "meets_target", "note"]


def _timed(fn, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def _row(
    name: str, times: list[float], n_tasks: int | str = "", target: float | None = None, note: str = ""
) -> dict[str, object]:
    median = statistics.median(times)
    return {
        "benchmark": name,
        "n_tasks": n_tasks,
        "runs": len(times),
        "median_s": round(median, 4),
        "min_s": round(min(times), 4),
        "target_s": "" if target is None else target,
        "meets_target": "" if target is None else ("yes" if median <= target else "NO"),
        "note": note,
    }


def bench_bundled(runs: int) -> dict[str, object]:
    start = time.perf_counter()
    plan = load_plan()
    cold = time.perf_counter() - start
    times = _timed(load_plan, runs)
    return _row(
        "parse_and_tables_bundled",
        times,
        len(plan.tasks),
        TARGETS["bundled"],
        f"first (cold) run {cold * 1000:.0f} ms",
    )


def bench_office(runs: int) -> list[dict[str, object]]:
    """Plan 132 as Word and as an Excel appendix, read whole (reader, interpreter, tables)."""
    rows = []
    for name in ("plan132.docx", "plan132.xlsx"):
        path = DOCUMENTS / name
        plan = load_plan(path)  # warm: imports
        times = _timed(lambda p=path: load_plan(p), runs)
        rows.append(
            _row(
                f"parse_and_tables_{path.suffix[1:]}",
                times,
                len(plan.tasks),
                TARGETS["office"],
                f"{name}, {path.stat().st_size / 1e3:.0f} kB",
            )
        )
    return rows


def bench_scaling(folder: Path, runs: dict[int, int]) -> list[dict[str, object]]:
    rows, medians = [], []
    for n in SIZES:
        path = generate.write(n, folder)
        load_plan(path)  # warm: imports and caches, as in a session that reads many plans
        times = _timed(lambda p=path: load_plan(p), runs[n])
        medians.append(statistics.median(times))
        target = TARGETS["tasks_10000"] if n == 10_000 else None
        rows.append(
            _row("parse_and_tables_generated", times, n, target, f"{path.stat().st_size / 1e6:.1f} MB")
        )
    xs, ys = [math.log(n) for n in SIZES], [math.log(t) for t in medians]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    k = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)
    rows.append(
        {
            "benchmark": "growth_exponent",
            "n_tasks": "100–10000",
            "runs": "",
            "median_s": round(k, 3),
            "min_s": "",
            "target_s": TARGETS["exponent"],
            "meets_target": "yes" if k <= TARGETS["exponent"] else "NO",
            "note": "k in time ∝ n^k (least squares on log–log); the value is k, not seconds",
        }
    )
    local = math.log(medians[-1] / medians[-2]) / math.log(SIZES[-1] / SIZES[-2])
    rows.append(
        {
            "benchmark": "growth_exponent_largest",
            "n_tasks": f"{SIZES[-2]}–{SIZES[-1]}",
            "runs": "",
            "median_s": round(local, 3),
            "min_s": "",
            "target_s": TARGETS["exponent"],
            "meets_target": "yes" if local <= TARGETS["exponent"] else "NO",
            "note": "k between the two largest sizes, where fixed costs no longer count",
        }
    )
    return rows


_STEP = re.compile(r"^\[(\d+)/(\d+)\] (.+?) …$")
_DONE = re.compile(r"^\s+done in ([\d.]+) s$")


def bench_build(folder: Path) -> list[dict[str, object]]:
    """Run ``plan132 build`` in a fresh process; one row per step and one for the whole."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "plan132lib.cli", "build", "--out", str(folder / "build")],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    total = time.perf_counter() - start
    rows, step = [], None
    for line in done.stdout.splitlines():
        if m := _STEP.match(line):
            step = m.group(3)
        elif (m := _DONE.match(line)) and step:
            rows.append(_row(f"build: {step}", [float(m.group(1))]))
            step = None
    rows.append(
        _row(
            "build: total (fresh process)", [total], 29, TARGETS["build_total"], f"{os.cpu_count()} CPU cores"
        )
    )
    return rows


def _print(rows: list[dict[str, object]]) -> None:
    widths = {c: max(len(c), *(len(str(r[c])) for r in rows)) for c in COLUMNS[:-1]}
    print("  ".join(c.ljust(widths[c]) for c in COLUMNS[:-1]) + "  note")
    for r in rows:
        print("  ".join(str(r[c]).ljust(widths[c]) for c in COLUMNS[:-1]) + f"  {r['note']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=f"{DEFAULT_OUTPUT_DIR}-bench")
    parser.add_argument("--quick", action="store_true", help="fewer runs, no build (a smoke test)")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    runs = {100: 3, 1000: 3, 10_000: 1} if args.quick else {100: 15, 1000: 7, 10_000: 3}
    with tempfile.TemporaryDirectory() as tmp:
        rows = [bench_bundled(10 if args.quick else 50)]
        rows += bench_office(5 if args.quick else 20)
        rows += bench_scaling(Path(tmp), runs)
        if not args.quick:
            rows += bench_build(Path(tmp))
    _print(rows)
    path = out / "benchmark.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"\nWritten to {path}")
    missed = [r["benchmark"] for r in rows if r["meets_target"] == "NO"]
    if missed:
        print(f"Targets missed: {', '.join(map(str, missed))}")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
