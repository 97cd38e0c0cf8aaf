"""``make bench`` (track part): 34 agencies' returns for a 300-task plan merged, against the target.

Writes a 300-task plan in Kế hoạch 132's layout naming 34 agencies (``tests/large_plans.py``), its
tracking workbooks (``plan132 track init``) and one return filled in by each agency
(``tools/make_progress_returns.py --large``), then times

1. the merge: reading the 34 returns and merging them into one status per task
   (:func:`plan132lib.pipeline.track.read_returns`, :func:`plan132lib.analysis.progress.merge`),
   median of ``--runs`` runs in one process (the plan read once, before);
2. the whole command, ``plan132 track report`` in a fresh process (reading the plan, the merge, the
   four CSV files, the three charts and the report draft), once.

Target (issue 27): the merge < 5 s. Usage: ``python benchmarks/track_bench.py [--runs 3]``; exit
status 1 when the target is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

import make_progress_returns

from plan132lib.analysis.progress import merge
from plan132lib.ingest.tables import load_plan
from plan132lib.pipeline.track import read_returns

TARGET_SECONDS = 5.0
AS_OF = dt.date(2027, 7, 15)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="plan132-track-") as tmp:
        plan_path, returns = make_progress_returns.make_large(Path(tmp))
        plan = load_plan(plan_path)
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            found, errors = read_returns(returns)
            progress = merge(plan, found, AS_OF)
            times.append(time.perf_counter() - start)
        assert not errors, errors
        out = Path(tmp) / "out"
        start = time.perf_counter()
        command = [sys.executable, "-m", "plan132lib.cli", "track", "report", str(returns[0].parent)]
        command += ["--plan", str(plan_path), "--as-of", AS_OF.isoformat(), "--out", str(out)]
        subprocess.run(command, check=True, capture_output=True)
        whole = time.perf_counter() - start
    seconds = statistics.median(times)
    ok = seconds < TARGET_SECONDS
    print(
        f"track: {len(returns)} returns for a plan of {len(plan.tasks)} tasks "
        f"({len(progress.reports)} task reports, {len(progress.conflicts)} rows of conflicts and fixes)"
    )
    print(
        f"  read and merge: {seconds:.2f} s (median of {len(times)}, min {min(times):.2f} s; "
        f"target < {TARGET_SECONDS:.0f} s) {'ok' if ok else 'MISSED'}"
    )
    print(f"  plan132 track report, the whole command (plan, merge, files, charts, report): {whole:.2f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
