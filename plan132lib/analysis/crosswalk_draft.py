"""A crosswalk draft for any plan: the matcher's suggestions as rows for a reviewer.

The bundled crosswalk links Kế hoạch 132 alone; for another plan a reviewer
writes one, and :func:`draft` gives a start: every task × entry pair the text
matcher (:mod:`plan132lib.analysis.matcher`) scores at
:data:`~plan132lib.analysis.coverage.THRESHOLD` or above, with the crosswalk's
columns (:data:`~plan132lib.analysis.catalogue.CROSSWALK_COLUMNS`) and four
more for the review (:data:`REVIEW_COLUMNS`).

How the rows are chosen and filled:

* **entries**: the catalogue's task and target entries (context is never
  linked). Scores are computed over all of them, as in
  :func:`coverage.agreement`, so a score here is the score there; then the
  entries whose ``applies_to_province`` is ``no`` are left out, since a link to
  one changes no coverage figure (the coverage table calls them
  not_applicable whatever their links) and the bundled crosswalk links none.
  Entries marked ``unknown`` are suggested like ``yes`` and ``partly``.
* **order**: the plan's task order, then score (highest first), then the
  catalogue's order.
* ``strength`` is **empty**: the reviewer chooses full or partial, and
  :func:`~plan132lib.analysis.catalogue.load_crosswalk` refuses a row without one.
* ``task_words`` / ``goal_words`` (the same phrases in both): the matcher's
  shared words (up to :data:`SHARED_TERMS`, largest contribution first), each
  widened to the longest run of whole words the task's content and the entry's
  ``paraphrase_vi`` share around it, kept only where it occurs verbatim in
  both (case and spacing aside, the test ``load_crosswalk`` applies; see
  :func:`verbatim_terms`); so a row the reviewer accepts as it stands passes
  the loader. A term found only in the entry's key terms is not pre-filled.
  The phrases are case-folded.
* ``note`` empty, ``status`` ``suggested``; ``score`` the matcher's cosine,
  ``task_text`` the task's content, ``entry_text`` the entry's ``paraphrase_vi``.

A reviewer sets ``strength``, deletes wrong rows, adds missing links, sets
``status`` to ``reviewed``; the file then loads as the plan's crosswalk
(``plan132 build --plan PLAN --crosswalk FILE``). The suggestions are a
start, not a review: against the bundled crosswalk the matcher at the
threshold finds about half of the reviewer's links (``coverage.agreement_sweep``).
"""

from __future__ import annotations

import re

import pandas as pd

from ..ingest.tables import Plan
from . import matcher
from .catalogue import CROSSWALK_COLUMNS, WORD_SEPARATOR, folded, load_catalogues
from .coverage import THRESHOLD, for_plan

REVIEW_COLUMNS = ("score", "task_text", "entry_text", "status")
DRAFT_COLUMNS = (*CROSSWALK_COLUMNS, *REVIEW_COLUMNS)
DRAFT_STATUSES = ("suggested", "reviewed")
_PUNCTUATION = re.compile(r"[^\w\s]+")
SHARED_TERMS = 8  # shared terms asked of the matcher before keeping those found verbatim in both texts


def _occurs(term: str, text: str) -> bool:
    """Whether ``term`` occurs in ``text`` as the loader checks it (case and spacing aside) and as
    whole syllables (so "an" is not found in "toàn")."""
    return folded(term) in folded(text) and f" {term} " in f" {' '.join(matcher.syllables(text))} "


def _segments(text: str) -> list[list[str]]:
    """The words of ``text`` (as :func:`matcher.segment` gives them, syllables joined by a space) in
    stretches without punctuation (a phrase never crosses a comma)."""
    stretches: list[list[str]] = [[]]
    for part in _PUNCTUATION.split(folded(text)):
        for found in matcher.segment(part):
            if found:
                stretches[-1].append(found)
            elif stretches[-1]:
                stretches.append([])
        stretches.append([])
    return [s for s in stretches if s]


def _common_runs(a: list[str], b: list[str]) -> list[tuple[str, ...]]:
    """The maximal runs of words found in both ``a`` and ``b``."""
    runs: dict[tuple[str, ...], None] = {}
    lengths = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) - 1, -1, -1):
        for j in range(len(b) - 1, -1, -1):
            if a[i] == b[j]:
                lengths[i][j] = lengths[i + 1][j + 1] + 1
                if i == 0 or j == 0 or a[i - 1] != b[j - 1]:  # a run that cannot be extended to the left
                    runs[tuple(a[i : i + lengths[i][j]])] = None
    return list(runs)


def _trimmed(run: tuple[str, ...]) -> tuple[str, ...]:
    """``run`` without stop-words or numbers at either end."""
    keep = [k for k, w in enumerate(run) if matcher.content(w)]
    return run[keep[0] : keep[-1] + 1] if keep else ()


def verbatim_terms(shared: str, task_text: str, entry_text: str) -> list[str]:
    """The phrases that carry the link, found verbatim in both texts, from the matcher's ``shared`` terms.

    Each shared term (" | " between, largest contribution first) is widened to
    the longest run of whole words the two texts have in common around it,
    within a stretch of text without punctuation ("hành động" → "kế hoạch hành
    động quốc gia", never "hoạch hành"), stop-words and numbers trimmed at the
    ends; a term that does not occur in both texts as whole syllables (a word
    of the entry's key terms only, or a phrase across a comma) is left out. Phrases inside a
    longer one are dropped; the rest keep the terms' order.
    """
    runs = sorted(
        {
            t
            for a in _segments(task_text)
            for b in _segments(entry_text)
            for r in _common_runs(a, b)
            if (t := _trimmed(r))
        },
        key=lambda r: (-len(r), r),
    )
    found: list[str] = []
    for term in (t.strip() for t in shared.split(WORD_SEPARATOR.strip())):
        if not term:
            continue
        wider = [" ".join(r) for r in runs if f" {term} " in f" {' '.join(r)} "]
        for phrase in [*wider, term]:
            if _occurs(phrase, task_text) and _occurs(phrase, entry_text):
                if phrase not in found:
                    found.append(phrase)
                break
    return [t for t in found if not any(t != u and f" {t} " in f" {u} " for u in found)]


def draft(plan: Plan, catalogue: pd.DataFrame | None = None, threshold: float = THRESHOLD) -> pd.DataFrame:
    """The suggested links of ``plan`` to ``catalogue`` (default: the bundled catalogues' entries for
    the plan, :func:`~plan132lib.analysis.coverage.for_plan`), one row each.

    Columns :data:`DRAFT_COLUMNS`; see the module's docstring for which pairs
    are suggested, their order and what is pre-filled.
    """
    catalogue = catalogue if catalogue is not None else for_plan(load_catalogues(), plan)
    entries = catalogue[catalogue["entry_type"] != "context"].reset_index(drop=True)
    scores = matcher.similarity(plan.tasks, entries, top_terms=SHARED_TERMS)
    applies = entries.set_index("id")["applies_to_province"]
    entry_order = {goal: i for i, goal in enumerate(entries["id"])}
    task_order = {task: i for i, task in enumerate(plan.tasks["task_id"])}
    s = scores[(scores["score"] >= threshold) & (scores["goal_id"].map(applies) != "no")]
    s = s.assign(_task=s["task_id"].map(task_order), _entry=s["goal_id"].map(entry_order))
    s = s.sort_values(["_task", "score", "_entry"], ascending=[True, False, True], kind="stable")
    content = plan.tasks.set_index("task_id")["content"]
    paraphrase = entries.set_index("id")["paraphrase_vi"]
    rows = []
    for task, goal, score, shared in s[["task_id", "goal_id", "score", "shared"]].itertuples(index=False):
        task_text, entry_text = str(content[task]), str(paraphrase[goal])
        words = verbatim_terms(shared, task_text, entry_text)
        phrases = WORD_SEPARATOR.join(words)
        rows.append(
            {
                "task_id": task,
                "goal_id": goal,
                "strength": "",
                "task_words": phrases,
                "goal_words": phrases,
                "note": "",
                "score": float(score),
                "task_text": task_text,
                "entry_text": entry_text,
                "status": "suggested",
            }
        )
    return pd.DataFrame(rows, columns=list(DRAFT_COLUMNS))


def recovered(draft_rows: pd.DataFrame, crosswalk: pd.DataFrame) -> float:
    """The share of the links of ``crosswalk`` (task_id, goal_id) that ``draft_rows`` suggests."""
    if crosswalk.empty:
        return 0.0
    suggested = set(zip(draft_rows["task_id"], draft_rows["goal_id"], strict=True))
    links = list(zip(crosswalk["task_id"], crosswalk["goal_id"], strict=True))
    return sum(link in suggested for link in links) / len(links)
