"""``make bench`` (compare part): a national review's worth of plans compared, against the targets.

Generates ``--plans`` plans (default 100) in Kế hoạch 132's layout (``benchmarks/generate.py``), each
of 30 to 50 tasks (about 4,000 in all) and issued by one of several provinces (the province's name
written where Hưng Yên's stands, so the registry's standard bodies are aligned across them), reads
them through the read cache, then times :func:`plan132lib.analysis.compare.compare_tables` and
measures its peak memory (``tracemalloc``, in a second run) and the process's peak resident size.

Targets (issue 15): once the plans are read, the comparison takes < 20 s and < 1 GB; a second
reading through the cache reads no file again (reported: its time against the first reading's).

Usage: ``python benchmarks/compare_bench.py [--plans 100]``; exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate

from plan132lib.analysis.compare import compare_tables, load_plans

TARGET_SECONDS = 20.0
TARGET_BYTES = 1 << 30
PROVINCES = (
    "Hưng Yên",
    "Ninh Bình",
    "Thái Nguyên",
    "Lào Cai",
    "Nghệ An",
    "Quảng Trị",
    "Gia Lai",
    "Đắk Lắk",
    "Lâm Đồng",
    "Đồng Nai",
    "Tây Ninh",
    "Vĩnh Long",
    "An Giang",
    "Cà Mau",
)


def write_plans(n_plans: int, folder: Path) -> list[Path]:
    """``n_plans`` plan files of 30–50 tasks each, issued by provinces in turn; their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    texts: dict[int, str] = {}
    for i in range(n_plans):
        n_tasks = 30 + (i * 7) % 21
        text = texts.setdefault(n_tasks, generate.generate(n_tasks))
        province = PROVINCES[i % len(PROVINCES)]
        text = text.replace("Hưng Yên", province).replace("HƯNG YÊN", province.upper())
        path = folder / f"plan_{i + 1:03d}.md"
        path.write_text(text.replace("132/KH-UBND", f"{100 + i}/KH-UBND"), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=100)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="plan132-compare-") as tmp:
        folder = Path(tmp)
        paths = write_plans(args.plans, folder / "plans")
        start = time.perf_counter()
        plans, failed = load_plans(paths, cache_dir=folder / "cache")
        first_read = time.perf_counter() - start
        start = time.perf_counter()
        again, _ = load_plans(paths, cache_dir=folder / "cache")
        cached_read = time.perf_counter() - start
        assert not failed and len(again) == len(plans), failed
        n_tasks = sum(len(p.tasks) for p in plans)
        provinces = len({p.province for p in plans})

        start = time.perf_counter()
        tables = compare_tables(plans)
        seconds = time.perf_counter() - start
        tracemalloc.start()
        compare_tables(plans)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kilobytes on Linux
    ok_time, ok_memory = seconds < TARGET_SECONDS, peak < TARGET_BYTES
    print(
        f"compare: {len(plans)} plans of {provinces} provinces, {n_tasks} tasks "
        f"({len(tables['load_by_agency'])} plan × agency rows, {len(tables['coverage'])} coverage rows)"
    )
    print(
        f"  reading: {first_read:.2f} s; again through the cache: {cached_read:.2f} s "
        f"({first_read / max(cached_read, 1e-9):.0f}× faster)"
    )
    print(
        f"  compare_tables: {seconds:.2f} s (target < {TARGET_SECONDS:.0f} s) {'ok' if ok_time else 'MISSED'}"
    )
    print(
        f"  peak memory of compare_tables: {peak / 2**20:.0f} MB (target < 1024 MB) "
        f"{'ok' if ok_memory else 'MISSED'}; process peak resident size {rss / 2**20:.0f} MB"
    )
    return 0 if ok_time and ok_memory else 1


if __name__ == "__main__":
    sys.exit(main())
