"""What changed between two versions of one plan: tasks, groups, meta and the duties section.

Tasks are paired by what they say, not by their number, so a task inserted at the head
of a group or removed from it leaves every other task paired with itself (only
``renumbered``). The pairing (:func:`pair`):

1. a text is its words: NFC, case-folded, ``\\w+`` runs (punctuation and spacing do not count);
2. tasks whose words are the same are paired first (similarity 1);
3. the rest are paired greedily by ``similarity`` — difflib's ratio on the two word
   sequences, ``2 × matched words / (words of both)``, rounded to 3 places — best first,
   when it is at least :data:`MIN_SIMILARITY`; an exact upper bound (the words they share)
   skips the pairs that cannot reach it, so 200-task plans pair in milliseconds;
4. ties go to the pair in corresponding groups, then the nearer position, then plan order.

A task left without a partner is ``removed`` (old plan) or ``added`` (new plan). Groups
are paired the same way by title (a group whose title was rewritten is paired with the
new group that received most of its tasks).

The functions of changes return the same columns, :data:`CHANGE_COLUMNS`: one row per change.

- :func:`changes` (the appendix's tasks): ``change`` is one of :data:`TASK_CHANGES`; a task
  with several changes has one row each, in that order. ``old_task_id`` / ``new_task_id``
  are the ids in each version ("" when there is none); ``field`` the task column that
  changed (``content``, ``lead_raw``, ``coordinate_raw``, ``timeline_raw``, ``note``,
  ``product``, ``group_title``, ``task_id``; ``target`` for a target); ``before`` /
  ``after`` its text in each version; ``similarity`` the pair's word similarity (empty for
  added and removed tasks). Rows follow the new plan's order, a removed task after the
  task that preceded it.
- :func:`group_changes`: ``group_renamed`` (ids are the group numbers, ``field`` =
  ``group_title``).
- :func:`meta_changes`: ``meta_changed`` per field of :data:`META_FIELDS` (number, date,
  signer, …) whose value changed; no ids, no similarity.
- :func:`duty_changes` (the duties section, Section IV in Plan 132): ids are
  "<section>.<item>.<duty>" ("<section>.<item>" for a heading), ``<section>`` the number the new
  plan gives that section (:func:`duty_section`: "IV.7.2" in Plan 132, "II.1.2" where it is
  Section II), the same in both versions; ``change`` is one of :data:`DUTY_CHANGES`.
- :func:`all_changes`: all of them, meta first, then groups, tasks and duties.

A part only one version holds (a meta field, the duties section: an appendix read from Excel has
neither) is not compared; :func:`not_compared` names it. :func:`by_group` counts the task
changes by group (for a chart), :func:`word_diff` marks the words a rewording changed,
:func:`label` and :func:`field_label` name changes and fields for a reader. Nothing here
reads or writes a file.

What counts as a change: the content's words (``reworded``; case, punctuation and spacing
do not count); the lead and coordinating agencies as sets of registry ids (so a new
spelling of the same agency or a new order is no change); the timeline as read (kind,
years, open end, period, due date; the text itself for a timeline the kit cannot read);
each numeric target (indicator, value, comparator, years) — a sentence holding a changed
target is shown in the ``target_changed`` row and not counted again as a rewording; the
note and product cells' words; the group (the task's new group is not the counterpart of
its old one). ``product_changed`` is the product cell, which Plan 132 does not have.
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from ..fields import header
from ..ingest.agencies import Registry
from ..ingest.names import fold_ascii, name_key
from ..ingest.tables import Plan, section_name
from ..words import entries, value, word

CHANGE_COLUMNS = [
    "change",
    "old_task_id",
    "new_task_id",
    "field",
    "before",
    "after",
    "similarity",
    "part",
    "section",
    "indicator",
    "value_before",
    "value_after",
]
#: The parts of a plan a change belongs to (``part``).
PARTS = ("meta", "preamble", "objectives", "sections", "groups", "tasks", "duties")
TASK_CHANGES = (
    "added",
    "removed",
    "renumbered",
    "reworded",
    "lead_changed",
    "coordinate_changed",
    "timeline_changed",
    "target_changed",
    "note_changed",
    "product_changed",
    "group_changed",
)
GROUP_CHANGES = ("group_renamed",)
META_CHANGES = ("meta_changed",)
DUTY_CHANGES = (
    "duty_heading_changed",
    "duty_added",
    "duty_removed",
    "duty_renumbered",
    "duty_reworded",
    "duty_moved",
)
#: Changes to the objectives (a target of an objective that changed is ``target_changed``, part
#: ``objectives``).
OBJECTIVE_CHANGES = ("objective_added", "objective_removed", "objective_reworded")
SECTION_CHANGES = ("section_item_added", "section_item_removed", "section_item_reworded")
CHANGES = META_CHANGES + OBJECTIVE_CHANGES + SECTION_CHANGES + GROUP_CHANGES + TASK_CHANGES + DUTY_CHANGES
#: Not a change: the same words as written otherwise (an abbreviation spelled out, case, spacing,
#: punctuation, tone-mark placement); listed apart by :func:`editorial_changes`.
EDITORIAL = "editorial"
#: Meta fields compared, in this order (several values of one field are "; "-joined).
META_FIELDS = (
    "number",
    "date",
    "place",
    "issuer",
    "doc_type",
    "title",
    "implements",
    "signer_title",
    "signer_name",
)
#: Two texts with a lower word similarity are not paired: one is removed, the other added.
MIN_SIMILARITY = 0.5
PLACES = 3  # similarity is rounded to this many decimals

_WORD = re.compile(r"\w+")
_PIECE = re.compile(r"\s*(?:\w+|[^\w\s])")
_TIMELINE_AS_TEXT = ("other", "reference", "status")

Words = tuple[str, ...]
Pairs = dict[int, tuple[int, float]]


# ---------------------------------------------------------------- words and similarity


def words_of(text: object) -> Words:
    """The words of a text as compared: NFC, case-folded, punctuation and spacing dropped."""
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return ()
    return tuple(_WORD.findall(unicodedata.normalize("NFC", str(text)).casefold()))


def similarity(before: object, after: object) -> float:
    """Word similarity of two texts, 0–1 (difflib's ratio on their words, rounded to 3 places)."""
    return _ratio(words_of(before), words_of(after))


def _ratio(a: Words, b: Words, matcher: SequenceMatcher | None = None) -> float:
    """difflib's ratio, rounded; ``matcher``, if given, already holds ``b`` (its index is the costly part)."""
    if a == b:
        return 1.0
    if matcher is None:
        matcher = SequenceMatcher(None, b=b, autojunk=False)
    matcher.set_seq1(a)
    return round(matcher.ratio(), PLACES)


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """The two texts as runs of ``equal``, ``delete`` and ``insert`` words, for highlighting.

    Texts are NFC and stripped; a word is a run of letters and digits, a punctuation mark
    is a piece of its own, and each piece keeps the spaces before it, so joining the
    ``equal`` and ``delete`` runs gives ``before`` back, and joining ``equal`` and
    ``insert`` gives ``after`` back up to the spaces between equal words (they are the old
    text's). Words are compared as written (case counts).
    A replacement is its ``delete`` run then its ``insert`` run; adjacent runs of one kind
    are merged.

    >>> word_diff("đạt khoảng 70%.", "đạt khoảng 80%.")
    [('equal', 'đạt khoảng'), ('delete', ' 70'), ('insert', ' 80'), ('equal', '%.')]
    """
    a = _PIECE.findall(unicodedata.normalize("NFC", before).strip())
    b = _PIECE.findall(unicodedata.normalize("NFC", after).strip())
    matcher = SequenceMatcher(None, [p.strip() for p in a], [p.strip() for p in b], autojunk=False)
    runs: list[tuple[str, str]] = []

    def put(op: str, pieces: list[str]) -> None:
        text = "".join(pieces)
        if not text:
            return
        if runs and runs[-1][0] == op:
            runs[-1] = (op, runs[-1][1] + text)
        else:
            runs.append((op, text))

    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            put("equal", a[i1:i2])  # the old spacing; the new one may differ only in spaces
        if op in ("delete", "replace"):
            put("delete", a[i1:i2])
        if op in ("insert", "replace"):
            put("insert", b[j1:j2])
    return runs


# ---------------------------------------------------------------- editorial changes

Canon = Callable[[object], Words]


@cache
def _bundled_abbreviations() -> dict[str, Words]:
    return abbreviations(Registry.load())


def abbreviations(registry: Registry | None) -> dict[str, Words]:
    """The abbreviations the agency registry spells out, as compared: "ubnd" → the words of "Ủy ban
    nhân dân", "hđnd" → "Hội đồng nhân dân".

    Two spellings of one registry entry ("UBND tỉnh", "Ủy ban nhân dân tỉnh") that differ in one
    upper-case word on one side and several words on the other, whose initials spell it
    (diacritics aside: Đ is D), give one abbreviation. Nothing is listed by hand.
    """
    if registry is None:
        return _bundled_abbreviations()
    found: dict[str, Words] = {}
    for agency in registry.agencies.values():
        spellings = {" ".join(x.split()) for x in (agency.name, agency.short_name, *agency.aliases)}
        for a in spellings:
            for b in spellings:
                short, long = _abbreviation(a.split(), b.split())
                if short:
                    found.setdefault(short, long)
    return found


def _abbreviation(a: list[str], b: list[str]) -> tuple[str, Words]:
    """("ubnd", words of "Ủy ban nhân dân") when ``a`` writes in one upper-case word what ``b`` spells out."""
    head = 0
    while head < min(len(a), len(b)) and a[head].casefold() == b[head].casefold():
        head += 1
    tail = 0
    while (
        tail < min(len(a), len(b)) - head
        and a[len(a) - 1 - tail].casefold() == b[len(b) - 1 - tail].casefold()
    ):
        tail += 1
    short, long = a[head : len(a) - tail], b[head : len(b) - tail]
    if len(short) != 1 or len(long) < 2 or not short[0].isalpha() or not short[0].isupper():
        return "", ()
    initials = "".join(fold_ascii(w[0]) for w in long).upper()
    if initials != fold_ascii(short[0]).upper():
        return "", ()
    return short[0].casefold(), tuple(_key(w) for w in long)


def _key(word: str) -> str:
    """A word as compared for an editorial change: case-folded, its tone mark placed one way."""
    return name_key(word.casefold())


def canonical_words(text: object, abbreviations: Mapping[str, Words] | None = None) -> Words:
    """A text's words as an editor would compare them: :func:`words_of`, tone-mark placement made
    one ("hoà" is "hòa", "Uỷ" is "Ủy") and an abbreviation the registry knows written out in upper
    case ("UBND") spelled out (``abbreviations``: :func:`abbreviations`; default the bundled registry's)."""
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return ()
    known = _bundled_abbreviations() if abbreviations is None else abbreviations
    out: list[str] = []
    for token in _WORD.findall(unicodedata.normalize("NFC", str(text))):
        folded = token.casefold()
        if len(token) > 1 and token.isupper() and folded in known:
            out += known[folded]
        else:
            out.append(_key(token))
    return tuple(out)


def _written(text: object) -> str:
    """A text as written, spacing aside: NFC, runs of white space one space."""
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return ""
    return " ".join(unicodedata.normalize("NFC", str(text)).split())


def _canon(old: Plan, new: Plan) -> Canon:
    """The editorial comparison of two versions: abbreviations from both plans' registries."""
    known = {**abbreviations(old.registry), **abbreviations(new.registry)}
    return lambda text: canonical_words(text, known)


def is_editorial(before: object, after: object, abbreviations: Mapping[str, Words] | None = None) -> bool:
    """Whether two texts differ as written but say the same words: an abbreviation spelled out, a case
    change ("Phụ lục" → "PHỤ LỤC"), spacing, punctuation, tone-mark placement."""
    return _written(before) != _written(after) and (
        words_of(before) == words_of(after)
        or canonical_words(before, abbreviations) == canonical_words(after, abbreviations)
    )


def editorial_kind(before: object, after: object) -> str:
    """What an editorial change is: ``abbreviation`` (an abbreviation spelled out, or tone marks placed
    otherwise), ``case``, ``punctuation`` (punctuation or the spacing around it)."""
    if words_of(before) != words_of(after):
        return "abbreviation"
    if _written(before).casefold() == _written(after).casefold():
        return "case"
    return "punctuation"


def _text_change(
    change: str,
    old_id: str,
    new_id: str,
    field: str,
    before: object,
    after: object,
    sim: float,
    canon: Canon,
    **more: str,
) -> list[Record]:
    """A change of text: none when written alike; editorial when the words are the same up to an
    abbreviation, case, punctuation or spacing; else ``change``."""
    if _written(before) == _written(after):
        return []
    same = words_of(before) == words_of(after) or canon(before) == canon(after)
    return [_row(EDITORIAL if same else change, old_id, new_id, field, before, after, sim, **more)]


# ---------------------------------------------------------------- pairing


def pair(
    old: Sequence[Words],
    new: Sequence[Words],
    prefer: Callable[[int, int], tuple[int, ...]] | None = None,
    threshold: float = MIN_SIMILARITY,
) -> Pairs:
    """Pair two lists of texts (as :func:`words_of` gives them): old index -> (new index, similarity).

    Same words first, then the most similar pairs at or above ``threshold``, best first;
    ``prefer(i, j)`` ranks pairs of equal similarity (smaller first), then the nearer
    positions, then plan order. The result is that of sorting every pair by similarity and
    taking each whose two sides are still free; similarities are only worked out for pairs
    whose bound can still beat the best one found.
    """
    prefer = prefer or (lambda i, j: ())
    pairs: Pairs = {}
    taken: set[int] = set()

    def rank(sim: float, i: int, j: int) -> tuple[float, ...]:
        return (-sim, *prefer(i, j), abs(i - j), i, j)

    same: dict[Words, list[int]] = defaultdict(list)
    for j, w in enumerate(new):
        same[w].append(j)
    exact = sorted((rank(1.0, i, j), i, j) for i, w in enumerate(old) for j in same.get(w, ()))
    for _, i, j in exact:
        if i not in pairs and j not in taken:
            pairs[i] = (j, 1.0)
            taken.add(j)

    rest_old = [i for i in range(len(old)) if i not in pairs]
    rest_new = [j for j in range(len(new)) if j not in taken]
    if not rest_old or not rest_new:
        return pairs
    reach = _within_reach(old, new, rest_old, rest_new, threshold)  # (bound, i, j), best bound first
    found: list[tuple[tuple[float, ...], int, int, float]] = []
    matchers: dict[int, SequenceMatcher] = {}
    k = 0
    while True:
        while k < len(reach) and (not found or reach[k][0] >= -found[0][0][0]):
            _, i, j = reach[k]
            k += 1
            if i in pairs or j in taken:
                continue
            if j not in matchers:
                matchers[j] = SequenceMatcher(None, b=new[j], autojunk=False)
            sim = _ratio(old[i], new[j], matchers[j])
            if sim >= threshold:
                heapq.heappush(found, (rank(sim, i, j), i, j, sim))
        if not found:
            return pairs
        _, i, j, sim = heapq.heappop(found)
        if i not in pairs and j not in taken:
            pairs[i] = (j, sim)
            taken.add(j)


def _within_reach(
    old: Sequence[Words], new: Sequence[Words], rest_old: list[int], rest_new: list[int], threshold: float
) -> list[tuple[float, int, int]]:
    """(bound, i, j) for the pairs whose ratio can reach ``threshold``, highest bound first.

    2 × shared words / (words of both) bounds the ratio; it is raised by half a unit of
    the last place so that it bounds the rounded ratio too.
    """
    vocabulary = {
        w: k
        for k, w in enumerate(
            sorted({w for i in rest_old for w in old[i]} | {w for j in rest_new for w in new[j]})
        )
    }

    def counts(texts: Sequence[Words], rows: list[int]) -> np.ndarray:
        matrix = np.zeros((len(rows), len(vocabulary)), dtype=np.int32)
        for r, i in enumerate(rows):
            for w, n in Counter(texts[i]).items():
                matrix[r, vocabulary[w]] = n
        return matrix

    a, b = counts(old, rest_old), counts(new, rest_new)
    shared = np.minimum(a @ (b > 0).T.astype(np.int32), (a > 0).astype(np.int32) @ b.T)
    total = a.sum(axis=1)[:, None] + b.sum(axis=1)[None, :]
    bound = np.divide(2 * shared, total, out=np.zeros(shared.shape), where=total > 0)
    bound += 0.5 * 10**-PLACES + 1e-9
    rows, cols = np.nonzero(bound >= threshold)
    found = [
        (float(bound[r, c]), rest_old[r], rest_new[c])
        for r, c in zip(rows.tolist(), cols.tolist(), strict=True)
    ]
    return sorted(found, key=lambda f: (-f[0], f[1], f[2]))


def _group_pairs(old: Plan, new: Plan) -> dict[int, int]:
    """Old group id -> new group id, paired by title (then position)."""
    old_ids, new_ids = old.groups["group_id"].tolist(), new.groups["group_id"].tolist()
    found = pair(
        [words_of(t) for t in old.groups["group_title"]], [words_of(t) for t in new.groups["group_title"]]
    )
    return {old_ids[i]: new_ids[j] for i, (j, _) in found.items()}


def _complete_groups(
    groups: dict[int, int],
    old_groups: list[int],
    new_groups: list[int],
    tasks: Pairs,
    old_all: list[int],
    new_all: list[int],
) -> dict[int, int]:
    """Groups left unpaired by title, paired with the new group that received most of their tasks."""
    votes = Counter((old_groups[i], new_groups[j]) for i, (j, _) in tasks.items())
    done = dict(groups)
    used = set(done.values())
    for (g_old, g_new), _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0])):
        if g_old not in done and g_new not in used and g_old in old_all and g_new in new_all:
            done[g_old] = g_new
            used.add(g_new)
    return done


# ---------------------------------------------------------------- tasks

Record = dict[str, Any]


def _agencies(plan: Plan, role: str) -> dict[str, frozenset[str]]:
    """task id -> the ids of its agencies in ``role``."""
    found: dict[str, set[str]] = defaultdict(set)
    a = plan.assignments
    for task, r, agency in zip(a["task_id"], a["role"], a["agency_id"], strict=True):
        if r == role:
            found[task].add(agency)
    return {task: frozenset(ids) for task, ids in found.items()}


def _timeline(row: Record) -> tuple[object, ...]:
    """The timeline as read; its words too when the kit cannot read it (kind other, reference, status)."""
    kind = str(row["timeline_kind"])
    years = tuple(None if pd.isna(row[c]) else int(row[c]) for c in ("start_year", "end_year"))
    text = words_of(row["timeline_raw"]) if kind in _TIMELINE_AS_TEXT else ()
    return (kind, *years, bool(row["open_ended"]), str(row["timeline_period"]), str(row["due_date"]), text)


Target = tuple[tuple[object, ...], str, str, str]  # (what the target says, its sentence, indicator, value)
_NO_TARGET: Target = ((), "", "", "")


def target_value(qualifier: object, value: float, unit: str, measure: str) -> str:
    """A target's value as the plan writes it: "100%", "trên 90%", "ít nhất 5 mô hình", "trong quý I
    năm 2026" (a date: its phrase)."""
    qualifier = _written(qualifier)
    if measure == "date":
        return qualifier
    number = f"{value:g}".replace("-", "")
    shown = f"{number}%" if unit == "%" else f"{number} {unit}"
    return f"{qualifier} {shown}".strip()


def _target_list(frame: pd.DataFrame, key: str) -> dict[str, list[Target]]:
    """``key`` (task id, objective id) -> its targets in order."""
    found: dict[str, list[Target]] = defaultdict(list)
    for t in frame.sort_values([key, "target_no"], kind="stable").to_dict("records"):
        said = (
            words_of(t["indicator"]),
            float(t["value"]),
            t["unit"],
            t["measure"],
            t["comparator"],
            None if pd.isna(t["baseline_year"]) else int(t["baseline_year"]),
            None if pd.isna(t["target_year"]) else int(t["target_year"]),
            *((words_of(t["qualifier_raw"]),) if t["measure"] == "date" else ()),
        )
        found[t[key]].append(
            (
                said,
                t["text"],
                _written(t["indicator"]),
                target_value(t["qualifier_raw"], float(t["value"]), t["unit"], t["measure"]),
            )
        )
    return found


def _targets(plan: Plan) -> dict[str, list[Target]]:
    """task id -> its targets in order."""
    return _target_list(plan.targets, "task_id")


def _target_rows(before: list[Target], after: list[Target]) -> list[tuple[Target, Target]]:
    """(old target, new target) for every target that differs, paired in order; each pair of sentences
    once."""
    rows: list[tuple[Target, Target]] = []
    for k in range(max(len(before), len(after))):
        old = before[k] if k < len(before) else _NO_TARGET
        new = after[k] if k < len(after) else _NO_TARGET
        if old[0] != new[0] and (old[1], new[1]) not in [(a[1], b[1]) for a, b in rows]:
            rows.append((old, new))
    return rows


def _target_change(ids: tuple[str, str], old: Target, new: Target, sim: float, **more: str) -> Record:
    return _row(
        "target_changed",
        *ids,
        "target",
        old[1],
        new[1],
        sim,
        indicator=new[2] or old[2],
        value_before=old[3],
        value_after=new[3],
        **more,
    )


def _without(text: str, sentences: list[str]) -> str:
    """The text with these sentences left out (a changed target's sentence)."""
    for s in sentences:
        if s:
            text = text.replace(s, " ")
    return text


def _row(
    change: str,
    old_id: str = "",
    new_id: str = "",
    field: str = "",
    before: object = "",
    after: object = "",
    sim: float = np.nan,
    **more: str,
) -> Record:
    return {
        "change": change,
        "old_task_id": old_id,
        "new_task_id": new_id,
        "field": field,
        "before": "" if before is None else str(before),
        "after": "" if after is None else str(after),
        "similarity": sim,
        **more,
    }


_TEXT_COLUMNS = [c for c in CHANGE_COLUMNS if c != "similarity"]


def _frame(rows: list[Record], **defaults: str) -> pd.DataFrame:
    """The rows as a change table; a column a row leaves out takes ``defaults`` (else "")."""
    filled = [{**{c: defaults.get(c, "") for c in _TEXT_COLUMNS}, **r} for r in rows]
    frame = pd.DataFrame(filled, columns=CHANGE_COLUMNS)
    return frame.astype({c: str for c in _TEXT_COLUMNS} | {"similarity": "float64"})


def _sorted(keyed: list[tuple[tuple[float, ...], Record]], **defaults: str) -> pd.DataFrame:
    return _frame([r for _, r in sorted(keyed, key=lambda kv: kv[0])], **defaults)


def _real(frame: pd.DataFrame) -> pd.DataFrame:
    """The changes of a frame, without its editorial rows."""
    return frame.loc[frame["change"] != EDITORIAL].reset_index(drop=True)


def _unpaired(
    old: Sequence[Record],
    new: Sequence[Record],
    pairs: Pairs,
    band: int,
    added: Callable[[Record], Record],
    removed: Callable[[Record], Record],
    orders: tuple[int, int],
) -> list[tuple[tuple[float, ...], Record]]:
    """The added (new, unpaired) and removed (old, unpaired) rows, keyed for :func:`_sorted`: an added
    one at its place in the new version (``band``), a removed one after the new place of the old
    one before it (``band + 1``). ``orders``: the sort order of the added and the removed change."""
    paired_new = {j for j, _ in pairs.values()}
    keyed: list[tuple[tuple[float, ...], Record]] = [
        ((j, band, 0, orders[0]), added(b)) for j, b in enumerate(new) if j not in paired_new
    ]
    anchor = -1.0
    for i, a in enumerate(old):
        if i in pairs:
            anchor = pairs[i][0]
        else:
            keyed.append(((anchor, band + 1, i, orders[1]), removed(a)))
    return keyed


def _task_pairs(old: Plan, new: Plan) -> tuple[Pairs, dict[int, int]]:
    """Task pairs (row positions) and group pairs (old group id -> new group id)."""
    groups = _group_pairs(old, new)
    old_groups, new_groups = old.tasks["group_id"].tolist(), new.tasks["group_id"].tolist()
    tasks = pair(
        [words_of(t) for t in old.tasks["content"]],
        [words_of(t) for t in new.tasks["content"]],
        prefer=lambda i, j: (int(groups.get(old_groups[i]) != new_groups[j]),),
    )
    groups = _complete_groups(
        groups,
        old_groups,
        new_groups,
        tasks,
        old.groups["group_id"].tolist(),
        new.groups["group_id"].tolist(),
    )
    return tasks, groups


def _pair_changes(
    a: Record,
    b: Record,
    sim: float,
    groups: dict[int, int],
    leads: tuple[dict, dict],
    coordinators: tuple[dict, dict],
    targets: tuple[dict, dict],
    canon: Canon,
) -> list[Record]:
    """The changes between two paired tasks, in :data:`TASK_CHANGES` order (an editorial change of
    the content after the rewording's place)."""
    ids = (str(a["task_id"]), str(b["task_id"]))
    found: list[Record] = []
    if ids[0] != ids[1]:
        found.append(_row("renumbered", *ids, "task_id", ids[0], ids[1], sim))
    target_rows = _target_rows(targets[0].get(ids[0], []), targets[1].get(ids[1], []))
    content = (
        _without(a["content"], [t[1] for t, _ in target_rows]),
        _without(b["content"], [t[1] for _, t in target_rows]),
    )
    if not target_rows:
        found += _text_change("reworded", *ids, "content", a["content"], b["content"], sim, canon)
    elif words_of(content[0]) != words_of(content[1]):  # a changed target's sentence is its own row
        same = canon(content[0]) == canon(content[1])
        found.append(
            _row(EDITORIAL if same else "reworded", *ids, "content", a["content"], b["content"], sim)
        )
    for change, field, (before, after) in (
        ("lead_changed", "lead_raw", leads),
        ("coordinate_changed", "coordinate_raw", coordinators),
    ):
        if before.get(ids[0], frozenset()) != after.get(ids[1], frozenset()):
            found.append(_row(change, *ids, field, a[field], b[field], sim))
    if _timeline(a) != _timeline(b):
        found.append(
            _row("timeline_changed", *ids, "timeline_raw", a["timeline_raw"], b["timeline_raw"], sim)
        )
    found += [_target_change(ids, t_old, t_new, sim) for t_old, t_new in target_rows]
    for change, field in (("note_changed", "note"), ("product_changed", "product")):
        found += _text_change(change, *ids, field, a[field], b[field], sim, canon)
    if groups.get(int(a["group_id"])) != int(b["group_id"]):
        found.append(_row("group_changed", *ids, "group_title", a["group_title"], b["group_title"], sim))
    return found


def _task_changes(old: Plan, new: Plan, pairs: Pairs, groups: dict[int, int]) -> pd.DataFrame:
    o, n = old.tasks.to_dict("records"), new.tasks.to_dict("records")
    context = {
        "groups": groups,
        "leads": (_agencies(old, "lead"), _agencies(new, "lead")),
        "coordinators": (_agencies(old, "coordinate"), _agencies(new, "coordinate")),
        "targets": (_targets(old), _targets(new)),
        "canon": _canon(old, new),
    }
    order = {c: k for k, c in enumerate((*TASK_CHANGES, EDITORIAL))}
    keyed: list[tuple[tuple[float, ...], Record]] = []
    for i, (j, sim) in pairs.items():
        keyed += [((j, 0, 0, order[r["change"]]), r) for r in _pair_changes(o[i], n[j], sim, **context)]
    keyed += _unpaired(
        o,
        n,
        pairs,
        0,
        lambda b: _row("added", "", str(b["task_id"]), "content", "", b["content"]),
        lambda a: _row("removed", str(a["task_id"]), "", "content", a["content"], ""),
        (order["added"], order["removed"]),
    )
    return _sorted(keyed, part="tasks")


def changes(old: Plan, new: Plan) -> pd.DataFrame:
    """Every change to the appendix's tasks from ``old`` to ``new``: one row per change.

    Columns :data:`CHANGE_COLUMNS`; ``change`` one of :data:`TASK_CHANGES` (see the module's
    note for what counts; an editorial change is none: :func:`editorial_changes`). The same plan
    twice gives no rows.
    """
    return _real(_task_changes(old, new, *_task_pairs(old, new)))


def _group_changes(old: Plan, new: Plan, groups: dict[int, int]) -> pd.DataFrame:
    titles_old = old.groups.set_index("group_id")["group_title"]
    titles_new = new.groups.set_index("group_id")["group_title"]
    canon = _canon(old, new)
    rows = [
        r
        for g_old, g_new in sorted(groups.items(), key=lambda kv: kv[1])
        for r in _text_change(
            "group_renamed",
            str(g_old),
            str(g_new),
            "group_title",
            titles_old[g_old],
            titles_new[g_new],
            similarity(titles_old[g_old], titles_new[g_new]),
            canon,
        )
    ]
    return _frame(rows, part="groups")


def group_changes(old: Plan, new: Plan) -> pd.DataFrame:
    """Groups whose title changed (``group_renamed``); ids are the group numbers."""
    return _real(_group_changes(old, new, _task_pairs(old, new)[1]))


# ---------------------------------------------------------------- meta and the duties section


def _meta(plan: Plan, field: str) -> str:
    """A meta field's values as one text; "" where the version does not say it. What an appendix
    alone (no title of the plan's own) implements is only what its title cites: not the plan's, not
    compared."""
    if field == "implements" and not plan.meta_values("title"):
        return ""
    return "; ".join(" ".join(unicodedata.normalize("NFC", str(v)).split()) for v in plan.meta_values(field))


def meta_changes(old: Plan, new: Plan) -> pd.DataFrame:
    """Meta fields (:data:`META_FIELDS`) whose words changed: ``meta_changed``, one row per field.

    A field only one version has is not compared (see :func:`not_compared`): an appendix
    read from Excel has no signer, which says nothing of the plan. Case, punctuation and
    spacing do not count ("ỦY BAN NHÂN DÂN" is "Ủy ban nhân dân": :func:`editorial_changes`).
    """
    return _real(_meta_changes(old, new))


def _meta_changes(old: Plan, new: Plan) -> pd.DataFrame:
    canon = _canon(old, new)
    rows = []
    for field in META_FIELDS:
        before, after = _meta(old, field), _meta(new, field)
        if before and after:
            rows += _text_change("meta_changed", "", "", field, before, after, np.nan, canon)
    return _frame(rows, part="meta")


def not_compared(old: Plan, new: Plan) -> pd.DataFrame:
    """The parts only one version holds, which are therefore not compared.

    Columns: part (a meta field of :data:`META_FIELDS`, or ``duties`` for the duties section), and
    ``in_old`` / ``in_new`` (which version has it). An Excel appendix, for one, has no meta
    beyond its title lines and no duties section.
    """
    rows = [
        {"part": field, "in_old": bool(_meta(old, field)), "in_new": bool(_meta(new, field))}
        for field in META_FIELDS
    ]
    rows.append({"part": "duties", "in_old": not old.duties.empty, "in_new": not new.duties.empty})
    frame = pd.DataFrame(rows, columns=["part", "in_old", "in_new"])
    return frame.loc[frame["in_old"] != frame["in_new"]].reset_index(drop=True)


def duty_section(old: Plan, new: Plan) -> str:
    """The number of the duties section the ids of duty changes carry: the new plan's ("II"),
    else the old plan's; "" when neither gives one."""
    return new.duties_section or old.duties_section


def _duty_id(section: str, *numbers: object) -> str:
    """ "II.7.2" (a duty), "II.7" (an item's heading); without a section number "7.2"."""
    return ".".join([*([section] if section else []), *(str(int(n)) for n in numbers)])


def _items(plan: Plan) -> list[Record]:
    """The duties section's items: item, heading, agency_ids and the position of their first duty."""
    first = plan.duties.reset_index(drop=True).drop_duplicates("item")
    records = first[["item", "heading", "agency_ids"]].to_dict("records")
    return [{**r, "at": k} for k, r in zip(first.index, records, strict=True)]


def duty_changes(old: Plan, new: Plan) -> pd.DataFrame:
    """Changes to the duties section: headings (the agencies an item addresses) and duties.

    Items are paired by heading (ties: the same agencies, then position); duties by text,
    like tasks, preferring the paired item. ``change`` is one of :data:`DUTY_CHANGES`; rows
    follow the new plan's order. When only one version has a duties section (an Excel appendix
    has none), nothing is compared (:func:`not_compared` says so).
    """
    return _real(_duty_changes(old, new))


def _duty_changes(old: Plan, new: Plan) -> pd.DataFrame:
    if old.duties.empty or new.duties.empty:
        return _frame([])
    canon = _canon(old, new)
    section = duty_section(old, new)
    items_old, items_new = _items(old), _items(new)
    found = pair(
        [words_of(h["heading"]) for h in items_old],
        [words_of(h["heading"]) for h in items_new],
        prefer=lambda i, j: (int(items_old[i]["agency_ids"] != items_new[j]["agency_ids"]),),
    )
    items = {int(items_old[i]["item"]): int(items_new[j]["item"]) for i, (j, _) in found.items()}
    o, n = old.duties.to_dict("records"), new.duties.to_dict("records")
    duties = pair(
        [words_of(d["text"]) for d in o],
        [words_of(d["text"]) for d in n],
        prefer=lambda i, j: (int(items.get(int(o[i]["item"])) != int(n[j]["item"])),),
    )
    order = {c: k for k, c in enumerate((*DUTY_CHANGES, EDITORIAL))}
    keyed: list[tuple[tuple[float, ...], Record]] = []
    for i, (j, sim) in found.items():
        a, b = items_old[i], items_new[j]
        heading_ids = (_duty_id(section, a["item"]), _duty_id(section, b["item"]))
        if words_of(a["heading"]) != words_of(b["heading"]) or a["agency_ids"] != b["agency_ids"]:
            keyed.append(
                (
                    (b["at"], 0, 0, order["duty_heading_changed"]),
                    _row("duty_heading_changed", *heading_ids, "heading", a["heading"], b["heading"], sim),
                )
            )
        elif _written(a["heading"]) != _written(b["heading"]):
            keyed.append(
                (
                    (b["at"], 0, 0, order[EDITORIAL]),
                    _row(EDITORIAL, *heading_ids, "heading", a["heading"], b["heading"], sim),
                )
            )
    for i, (j, sim) in duties.items():
        a, b = o[i], n[j]
        ids = (_duty_id(section, a["item"], a["duty_no"]), _duty_id(section, b["item"], b["duty_no"]))
        rows = []
        if ids[0] != ids[1]:
            rows.append(_row("duty_renumbered", *ids, "duty_no", ids[0], ids[1], sim))
        rows += _text_change("duty_reworded", *ids, "text", a["text"], b["text"], sim, canon)
        if items.get(int(a["item"])) != int(b["item"]):
            rows.append(_row("duty_moved", *ids, "heading", a["heading"], b["heading"], sim))
        keyed += [((j, 1, 0, order[r["change"]]), r) for r in rows]
    keyed += _unpaired(
        o,
        n,
        duties,
        1,
        lambda b: _row("duty_added", "", _duty_id(section, b["item"], b["duty_no"]), "text", "", b["text"]),
        lambda a: _row("duty_removed", _duty_id(section, a["item"], a["duty_no"]), "", "text", a["text"], ""),
        (order["duty_added"], order["duty_removed"]),
    )
    return _sorted(keyed, part="duties", section=section)


# ---------------------------------------------------------------- the body: objectives and section items


def _sections(plan: Plan) -> list[tuple[str, str]]:
    """The plan's numbered sections in order, the duties section too: (number as the plan writes it,
    title), from their headings ("IV. TỔ CHỨC THỰC HIỆN")."""
    found: dict[str, str] = {}
    for heading in plan.meta_values("section_heading"):
        number, _, title = str(heading).partition(". ")
        found.setdefault(number, title)
    for number, title in zip(plan.sections["section"], plan.sections["section_title"], strict=True):
        found.setdefault(str(number), str(title))
    return list(found.items())


def section_pairs(old: Plan, new: Plan) -> dict[str, str]:
    """Old section number -> new section number, the sections paired by title ("III. KINH PHÍ" is
    "IV. KINH PHÍ" when a section was put before it), then position."""
    a, b = _sections(old), _sections(new)
    found = pair([words_of(t) for _, t in a], [words_of(t) for _, t in b])
    return {a[i][0]: b[j][0] for i, (j, _) in found.items()}


def _body_rows(plan: Plan) -> list[Record]:
    """The items compared as the body: the preamble's paragraphs, then every row of the sections table
    that is no objective (headings and points of every section, the funding section's, the duties
    section's own paragraphs). Keys: id (the point), section, part, text."""
    rows = [
        {"id": f"¶{k}", "section": "", "part": "preamble", "text": v}
        for k, v in enumerate(plan.meta_values("preamble_text"), start=1)
    ]
    objective_ids = set(plan.objectives["objective_id"])
    for r in plan.sections.to_dict("records"):
        if r["point"] not in objective_ids:
            rows.append(
                {
                    "id": r["point"],
                    "section": r["section"],
                    "part": "funding" if r["part"] == "funding" else "sections",
                    "text": r["text"],
                }
            )
    return rows


def _section_item_changes(old: Plan, new: Plan, canon: Canon) -> pd.DataFrame:
    sections = section_pairs(old, new)
    o, n = _body_rows(old), _body_rows(new)
    found = pair(
        [words_of(r["text"]) for r in o],
        [words_of(r["text"]) for r in n],
        prefer=lambda i, j: (int(sections.get(o[i]["section"], o[i]["section"]) != n[j]["section"]),),
    )
    order = {c: k for k, c in enumerate((*SECTION_CHANGES, EDITORIAL))}
    keyed: list[tuple[tuple[float, ...], Record]] = []
    for i, (j, sim) in found.items():
        a, b = o[i], n[j]
        keyed += [
            ((j, 0, 0, order[r["change"]]), r)
            for r in _text_change(
                "section_item_reworded",
                a["id"],
                b["id"],
                "text",
                a["text"],
                b["text"],
                sim,
                canon,
                part=b["part"],
                section=b["section"],
            )
        ]
    keyed += _unpaired(
        o,
        n,
        found,
        0,
        lambda b: _row(
            "section_item_added", "", b["id"], "text", "", b["text"], part=b["part"], section=b["section"]
        ),
        lambda a: _row(
            "section_item_removed", a["id"], "", "text", a["text"], "", part=a["part"], section=a["section"]
        ),
        (order["section_item_added"], order["section_item_removed"]),
    )
    return _sorted(keyed)


def _objective_changes(old: Plan, new: Plan, canon: Canon) -> pd.DataFrame:
    o, n = old.objectives.to_dict("records"), new.objectives.to_dict("records")
    found = pair(
        [words_of(r["text"]) for r in o],
        [words_of(r["text"]) for r in n],
        prefer=lambda i, j: (int(words_of(o[i]["heading"]) != words_of(n[j]["heading"])),),
    )
    targets = (
        _target_list(old.objective_targets, "objective_id"),
        _target_list(new.objective_targets, "objective_id"),
    )
    order = {c: k for k, c in enumerate(("target_changed", *OBJECTIVE_CHANGES, EDITORIAL))}
    keyed: list[tuple[tuple[float, ...], Record]] = []
    for i, (j, sim) in found.items():
        a, b = o[i], n[j]
        ids = (str(a["objective_id"]), str(b["objective_id"]))
        rows = _target_rows(targets[0].get(ids[0], []), targets[1].get(ids[1], []))
        found_rows = [
            _target_change(ids, t_old, t_new, sim, section=str(b["section"])) for t_old, t_new in rows
        ]
        if not rows:
            found_rows += _text_change(
                "objective_reworded",
                *ids,
                "text",
                a["text"],
                b["text"],
                sim,
                canon,
                section=str(b["section"]),
            )
        else:
            text = (
                _without(a["text"], [t[1] for t, _ in rows]),
                _without(b["text"], [t[1] for _, t in rows]),
            )
            if words_of(text[0]) != words_of(text[1]):
                change = EDITORIAL if canon(text[0]) == canon(text[1]) else "objective_reworded"
                found_rows.append(
                    _row(change, *ids, "text", a["text"], b["text"], sim, section=str(b["section"]))
                )
        keyed += [((j, 0, 0, order[r["change"]]), r) for r in found_rows]
    keyed += _unpaired(
        o,
        n,
        found,
        0,
        lambda b: _row(
            "objective_added", "", str(b["objective_id"]), "text", "", b["text"], section=str(b["section"])
        ),
        lambda a: _row(
            "objective_removed", str(a["objective_id"]), "", "text", a["text"], "", section=str(a["section"])
        ),
        (order["objective_added"], order["objective_removed"]),
    )
    return _sorted(keyed, part="objectives")


def objective_changes(old: Plan, new: Plan) -> pd.DataFrame:
    """Changes to the objectives of the "Mục tiêu" part: ``objective_added``, ``objective_removed``,
    ``objective_reworded`` and ``target_changed`` (part ``objectives``: ``indicator``,
    ``value_before``, ``value_after``). Objectives are paired by what they say, as tasks are; ids
    are their points ("I.1.a.2")."""
    return _real(_objective_changes(old, new, _canon(old, new)))


def section_item_changes(old: Plan, new: Plan) -> pd.DataFrame:
    """Changes to the rest of the body, point by point: ``section_item_added``, ``_removed``,
    ``_reworded`` (the preamble's paragraphs, every section's headings and points, the funding
    section's; ids the points: "II.1.2"; ``section`` the plan's own number of the section)."""
    return _real(_section_item_changes(old, new, _canon(old, new)))


# ---------------------------------------------------------------- what was compared

PART_STATUS = ("compared", "old_only", "new_only", "absent")
PART_COLUMNS = ["part", "section_old", "section_new", "title", "in_old", "in_new", "status"]


def parts_compared(old: Plan, new: Plan) -> pd.DataFrame:
    """Every part of the two versions and whether it was compared: the preamble and meta, each
    numbered section (by each plan's own number, paired by title), the objectives, the funding
    section, the appendix's tasks and the duties section.

    Columns :data:`PART_COLUMNS`: ``part`` (``meta``, ``section``, ``objectives``, ``funding``,
    ``tasks``, ``duties``), ``section_old`` / ``section_new`` (a section's number in each version;
    the duties section's), ``title`` (a section's title as the new version writes it, else the
    old's), ``in_old`` / ``in_new``, ``status`` (:data:`PART_STATUS`: compared in both, present in
    one only, present in neither).
    """
    rows: list[Record] = []

    def add(
        part: str, in_old: bool, in_new: bool, section_old: str = "", section_new: str = "", title: str = ""
    ) -> None:
        status = (
            "compared" if in_old and in_new else "old_only" if in_old else "new_only" if in_new else "absent"
        )
        rows.append(
            {
                "part": part,
                "section_old": section_old,
                "section_new": section_new,
                "title": title,
                "in_old": in_old,
                "in_new": in_new,
                "status": status,
            }
        )

    def has_meta(plan: Plan) -> bool:
        return any(_meta(plan, f) for f in META_FIELDS) or bool(plan.meta_values("preamble_text"))

    add("meta", has_meta(old), has_meta(new))
    pairs = section_pairs(old, new)
    back = {b: a for a, b in pairs.items()}
    old_titles = dict(_sections(old))
    for number, title in _sections(new):
        add("section", number in back, True, back.get(number, ""), number, title)
    for number, title in _sections(old):
        if number not in pairs:
            add("section", True, False, number, "", title)
    add("objectives", not old.objectives.empty, not new.objectives.empty)
    funding = (old.sections["part"] == "funding", new.sections["part"] == "funding")
    add(
        "funding",
        bool(funding[0].any()),
        bool(funding[1].any()),
        str(old.sections.loc[funding[0], "section"].iloc[0]) if funding[0].any() else "",
        str(new.sections.loc[funding[1], "section"].iloc[0]) if funding[1].any() else "",
    )
    add("tasks", not old.tasks.empty, not new.tasks.empty)
    add(
        "duties",
        not old.duties.empty,
        not new.duties.empty,
        old.duties_section,
        new.duties_section,
        old_titles.get(old.duties_section, ""),
    )
    frame = pd.DataFrame(rows, columns=PART_COLUMNS)
    return frame.astype({"in_old": bool, "in_new": bool})


# ---------------------------------------------------------------- everything


@dataclass(frozen=True)
class Comparison:
    """Two versions compared whole (:func:`compare`).

    ``changes``: every change (:func:`all_changes`); ``editorial``: the editorial changes, which are
    none (:func:`editorial_changes`); ``parts``: what was compared (:func:`parts_compared`). All in
    :data:`CHANGE_COLUMNS` / :data:`PART_COLUMNS`."""

    changes: pd.DataFrame
    editorial: pd.DataFrame
    parts: pd.DataFrame


def compare(old: Plan, new: Plan) -> Comparison:
    """Everything that changed from ``old`` to ``new``, the editorial changes apart, and what was
    compared: one pass, for a summary or a memo."""
    canon = _canon(old, new)
    pairs, groups = _task_pairs(old, new)
    parts = [
        _meta_changes(old, new),
        _objective_changes(old, new, canon),
        _section_item_changes(old, new, canon),
        _group_changes(old, new, groups),
        _task_changes(old, new, pairs, groups),
        _duty_changes(old, new),
    ]
    rows = [r for p in parts for r in p.to_dict("records")]
    return Comparison(
        _frame([r for r in rows if r["change"] != EDITORIAL]),
        _frame([r for r in rows if r["change"] == EDITORIAL]),
        parts_compared(old, new),
    )


def all_changes(old: Plan, new: Plan) -> pd.DataFrame:
    """Every change in one frame (:data:`CHANGE_COLUMNS`): meta, objectives and their targets, the
    body's section items, groups, tasks and duties, in that order; editorial changes are none and
    are left out (:func:`editorial_changes`)."""
    return compare(old, new).changes


def editorial_changes(old: Plan, new: Plan) -> pd.DataFrame:
    """The editorial changes (``change`` = ``editorial``): texts paired in any part that say the same
    words up to an abbreviation the agency registry spells out ("UBND" → "Ủy ban nhân dân"), case
    ("Phụ lục" → "PHỤ LỤC"), punctuation, spacing or tone-mark placement. They are no change: listed
    apart, counted apart. :func:`editorial_kind` says which."""
    return compare(old, new).editorial


# ---------------------------------------------------------------- summaries and words


def by_group(frame: pd.DataFrame, old: Plan, new: Plan) -> pd.DataFrame:
    """Task changes (rows of :func:`changes`) counted by group, for a chart of changes by group.

    A task counts in its group in the new plan; a removed task in the new counterpart of
    its old group, or, when the new plan dropped that group, in the old group, listed last
    with an empty ``group_id``. Columns: group_id (Int64), group_title, change, n; groups in
    the new plan's order, changes in :data:`TASK_CHANGES` order; only non-zero counts.
    """
    _, groups = _task_pairs(old, new)
    new_group = new.tasks.set_index("task_id")["group_id"]
    old_group = old.tasks.set_index("task_id")["group_id"]
    titles = new.groups.set_index("group_id")["group_title"]
    old_titles = old.groups.set_index("group_id")["group_title"]
    order = {c: k for k, c in enumerate(TASK_CHANGES)}
    rows = []
    for r in frame.loc[frame["change"].isin(TASK_CHANGES) & (frame["part"] == "tasks")].itertuples():
        if r.new_task_id:
            g = int(new_group[r.new_task_id])
            rows.append((0, g, g, titles[g], order[r.change], r.change))
        elif (g_old := int(old_group[r.old_task_id])) in groups:
            g = groups[g_old]
            rows.append((0, g, g, titles[g], order[r.change], r.change))
        else:
            rows.append((1, g_old, pd.NA, old_titles[g_old], order[r.change], r.change))
    counted = pd.DataFrame(rows, columns=["dropped", "sort", "group_id", "group_title", "order", "change"])
    out = (
        counted.groupby(["dropped", "sort", "group_title", "order", "change"], sort=True, dropna=False)
        .agg(group_id=("group_id", "first"), n=("change", "size"))
        .reset_index()
    )
    return out[["group_id", "group_title", "change", "n"]].astype({"group_id": "Int64", "n": "int64"})


def label(change: str, lang: str = "vi", section: str = "") -> str:
    """What a change is called for a reader ("Sửa nội dung" / "Reworded"); ``section`` names the
    duties section in a duty change's name ("Mục II": ``Plan.duties_section_name``), else its meaning."""
    return word(f"diff.change.{change}", lang, section=section or section_name("", lang))


def _field_word(field: str, lang: str) -> str:
    return word(f"diff.field.{field}", lang)


def field_label(field: str, lang: str = "vi") -> str:
    """A ``field`` of the change tables as a reader names it: a meta field, a column header, "Chỉ tiêu"."""
    if f"value.field.{field}" in entries():
        return value("field", field, lang)
    if f"diff.field.{field}" in entries():
        return _field_word(field, lang)
    return header(field, lang)


def labels(lang: str = "vi", section: str = "") -> dict[str, str]:
    """Every change's name for a reader, in :data:`CHANGES` order (``section``: as in :func:`label`)."""
    return {c: label(c, lang, section) for c in CHANGES}
