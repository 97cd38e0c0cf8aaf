"""The coverage matcher against two readings of Plan 132, with and without a concept map (issue 25).

Issue 25 aims for the matcher's suggestions to agree with the bundled reviewed crosswalk at
precision ≥ 0.80 and recall ≥ 0.70. This prints what was measured on the way there, so each
number can be re-run:

1. **Two readings.** ``data/reference/crosswalk_plan132.csv`` (the bundled crosswalk, reading A)
   and ``benchmarks/data/crosswalk_plan132_second_reading.csv`` (reading B: a second reading made
   blind to A, from the plan's tasks and the catalogue's entries only, by A's written rule). How
   far two readers agree bounds what any matcher can be asked for.
2. **The matcher** (:mod:`plan132lib.analysis.matcher`) against each reading, by threshold.
3. **The matcher with a concept map**: ``benchmarks/data/concepts_blind.csv``, 100 concepts of
   Vietnamese environmental policy with 905 related terms ("kinh tế tuần hoàn": "tái chế", "tái sử
   dụng", …), written blind to the plan, the catalogue and both readings. Each entry that names a
   concept gets the concept's terms as one more passage; scored against both readings.

Usage: ``.venv/bin/python benchmarks/bench_matcher.py``. Exit status 1 when the bundled matcher
misses the aim against reading A at :data:`~plan132lib.analysis.coverage.THRESHOLD`.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pandas as pd

from plan132lib import load_plan
from plan132lib.analysis import coverage, matcher

DATA = Path(__file__).resolve().parent / "data"
SECOND_READING = DATA / "crosswalk_plan132_second_reading.csv"
CONCEPTS = DATA / "concepts_blind.csv"
AIM = (0.80, 0.70)  # precision, recall
THRESHOLDS = tuple(round(0.15 + 0.025 * i, 3) for i in range(10))


def with_concepts(catalogue: pd.DataFrame, path: Path = CONCEPTS) -> pd.DataFrame:
    """The catalogue with, for each entry, the related terms of every concept its paraphrase or key
    terms name (as runs of words), added to its paraphrase as one passage per concept."""
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    concepts = [(tuple(matcher.split_words(r["concept"])), r["related"].replace(";", ", ")) for r in rows]

    def names(words: list[str], head: tuple[str, ...]) -> bool:
        n = len(head)
        return any(tuple(words[i : i + n]) == head for i in range(len(words) - n + 1))

    def expanded(row: pd.Series) -> str:
        words = matcher.split_words(f"{row['paraphrase_vi']}. {row['key_terms'].replace(';', '. ')}")
        extra = "".join(f". {related}" for head, related in concepts if head and names(words, head))
        return f"{row['paraphrase_vi']}{extra}"

    out = catalogue.copy()
    out["paraphrase_vi"] = out.apply(expanded, axis=1)
    return out


def sweep(review: coverage.Review) -> pd.DataFrame:
    s = coverage.agreement_sweep(review, THRESHOLDS)
    return s[["threshold", "n_suggested", "n_agreed", "precision", "recall"]]


def main() -> int:
    plan = load_plan()
    a = coverage.review_for(plan)
    assert a is not None
    b_links = pd.read_csv(SECOND_READING, dtype=str, keep_default_na=False)
    b = coverage.Review(plan, a.catalogue, b_links)
    links_a = set(zip(a.crosswalk["task_id"], a.crosswalk["goal_id"], strict=True))
    links_b = set(zip(b_links["task_id"], b_links["goal_id"], strict=True))
    both = links_a & links_b
    print(f"1. Two readings: A {len(links_a)} links, B {len(links_b)}, both {len(both)}")
    print(f"   B against A: precision {len(both) / len(links_b):.2f}, recall {len(both) / len(links_a):.2f}")
    print(f"   only in A: {sorted(links_a - links_b)}")
    print(f"   only in B: {sorted(links_b - links_a)}")
    concepts = with_concepts(a.catalogue)
    for title, review in (
        ("2. The matcher against reading A", a),
        ("   The matcher against reading B", b),
        ("3. The matcher with the concept map, against A", coverage.Review(plan, concepts, a.crosswalk)),
        ("   The matcher with the concept map, against B", coverage.Review(plan, concepts, b_links)),
    ):
        print(f"\n{title}")
        print(sweep(review).to_string(index=False))
    at = coverage.agreement_sweep(a, (coverage.THRESHOLD,)).iloc[0]
    met = at["precision"] >= AIM[0] and at["recall"] >= AIM[1]
    print(
        f"\nAt the bundled threshold {coverage.THRESHOLD}: precision {at['precision']:.2f}, recall "
        f"{at['recall']:.2f} against A; aim {AIM[0]:.2f} / {AIM[1]:.2f}: {'met' if met else 'missed'}"
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
