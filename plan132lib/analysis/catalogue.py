"""The resolution catalogue and the curated crosswalk to the plan, read and validated.

The catalogue (``data/reference/resolution_catalogue.csv``) lists what is known
of Resolution 247/2025/QH15 and 67/NQ-CP, one entry per row; the crosswalk
(``data/reference/crosswalk_plan132.csv``) links plan tasks to entries, one
link per row, written by a reviewer. Both are data, meant to be extended or
replaced when the official texts are at hand: the columns are documented in
:data:`CATALOGUE_COLUMNS` and :data:`CROSSWALK_COLUMNS`, every row is checked
on load, and a malformed row raises :class:`~plan132lib.errors.ReferenceDataError`
naming the file and line (the header is line 1).

**Limits.** The official full text of neither resolution was available when
the catalogue was built: 67/NQ-CP's content is unknown, and 247's tasks were
reconstructed from press reports (``confidence`` NEWS). Any coverage figure
measures the plan against this catalogue, not against the resolutions.
"""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

import pandas as pd

from ..errors import ReferenceDataError
from ..ingest.tables import Plan
from ..paths import CROSSWALK, RESOLUTION_CATALOGUE

CATALOGUE_COLUMNS: dict[str, str] = {
    "id": "entry id, unique: NQ247-D2.3-f = Resolution 247, Article 2, group 3, item f",
    "document": "the resolution (NQ 247/2025/QH15, NQ 67/NQ-CP) or another document for context",
    "section": "where in the document (article, group, clause) as far as known",
    "group": "the document's own group heading (Vietnamese)",
    "paraphrase_vi": "what the entry says, in Vietnamese (press wording where confidence is NEWS)",
    "paraphrase_en": "the same in English",
    "key_terms": "key terms, separated by ';'",
    "target_indicator": "for a numeric target: the indicator; else n/a",
    "target_value": "the target value as written (giảm tối thiểu 10%, 100%; ~70%); else n/a",
    "target_unit": "unit of the value; else n/a",
    "baseline_year": "baseline year of a target; else n/a",
    "target_year": "year the target is due; else n/a",
    "deadline": "deadline as written, or n/a / unknown",
    "addressee": "who the resolution addresses",
    "mentions_local": "places named (separated by ';'), or none",
    "source_url": "where the entry was read",
    "confidence": "TEXT (seen in the resolution's own text), NEWS (known from press reports), "
                  "INFERRED (the compiler's inference)",
    "entry_type": "task, target (a numeric target) or context (metadata, findings, other documents: "
                  "outside coverage figures)",
    "applies_to_province": "yes / partly / no: does it fall to a province? (empty for context)",
    "province_reason": "one sentence: why (for context: why it is context)",
    "resolution_group": "breakthrough, due_2026, to_2030 or other (empty for context)",
}
CROSSWALK_COLUMNS: dict[str, str] = {
    "task_id": "a plan task id (2.6)",
    "goal_id": "a catalogue id of a task or target entry",
    "strength": "full (the task takes the entry up as far as a province can) or partial",
    "task_words": "words of the task content that carry the link, verbatim; several separated by ' | '",
    "goal_words": "words of the entry's paraphrase_vi that carry the link, verbatim; ' | ' between",
    "note": "the reviewer's note",
}
CONFIDENCE = ("TEXT", "NEWS", "INFERRED")
ENTRY_TYPES = ("task", "target", "context")
APPLIES = ("yes", "partly", "no")
GROUPS = ("breakthrough", "due_2026", "to_2030", "other")
STRENGTHS = ("full", "partial")
WORD_SEPARATOR = " | "


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def _read_rows(path: Path, columns: dict[str, str], what: str) -> list[tuple[int, dict[str, str]]]:
    """(line, row) for each record of a CSV, cells in NFC; header and shape checked."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise ReferenceDataError(path, None, f"{what} file not found") from None
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise ReferenceDataError(path, line, f"{what} is not UTF-8 text ({exc.reason})") from None
    reader = csv.reader(text.splitlines(keepends=True))
    try:
        header = [_nfc(h) for h in next(reader)]
    except StopIteration:
        raise ReferenceDataError(path, None, f"{what} file is empty") from None
    missing = [c for c in columns if c not in header]
    if missing:
        raise ReferenceDataError(path, 1, f"{what} header lacks columns {missing}")
    rows: list[tuple[int, dict[str, str]]] = []
    start = reader.line_num + 1
    for record in reader:
        if any(cell.strip() for cell in record):
            if len(record) != len(header):
                raise ReferenceDataError(path, start, f"{what} row has {len(record)} cells, the header "
                                                      f"{len(header)}")
            rows.append((start, {h: _nfc(c) for h, c in zip(header, record, strict=True)}))
        start = reader.line_num + 1
    return rows


def _one_of(path: Path, line: int, row: dict[str, str], column: str, allowed: tuple[str, ...]) -> None:
    if row[column] not in allowed:
        raise ReferenceDataError(path, line, f"{row.get('id') or row.get('goal_id')}: {column} must be one "
                                             f"of {list(allowed)}, not {row[column]!r}")


def load_catalogue(path: str | Path | None = None) -> pd.DataFrame:
    """Read and validate the resolution catalogue; one row per entry, plus ``source_line``.

    Checks: every documented column present; ids non-empty and unique;
    ``confidence``, ``entry_type``, ``applies_to_province`` and
    ``resolution_group`` take their allowed values (the last two empty exactly
    for context entries); a task or target entry has a ``province_reason``.
    """
    path = Path(path) if path is not None else RESOLUTION_CATALOGUE
    rows = _read_rows(path, CATALOGUE_COLUMNS, "resolution catalogue")
    seen: dict[str, int] = {}
    for line, row in rows:
        if not row["id"]:
            raise ReferenceDataError(path, line, "catalogue row has no id")
        if row["id"] in seen:
            raise ReferenceDataError(path, line, f"id {row['id']!r} appears twice (first on line "
                                                 f"{seen[row['id']]})")
        seen[row["id"]] = line
        _one_of(path, line, row, "confidence", CONFIDENCE)
        _one_of(path, line, row, "entry_type", ENTRY_TYPES)
        if row["entry_type"] == "context":
            for column in ("applies_to_province", "resolution_group"):
                if row[column]:
                    raise ReferenceDataError(path, line, f"{row['id']}: a context entry leaves {column} "
                                                         f"empty, not {row[column]!r}")
        else:
            _one_of(path, line, row, "applies_to_province", APPLIES)
            _one_of(path, line, row, "resolution_group", GROUPS)
            if not row["province_reason"]:
                raise ReferenceDataError(path, line, f"{row['id']}: province_reason is empty")
    frame = pd.DataFrame([{**row, "source_line": line} for line, row in rows])
    if frame.empty:
        raise ReferenceDataError(path, None, "resolution catalogue has no entries")
    return frame


def _words(value: str) -> list[str]:
    return [w.strip() for w in value.split(WORD_SEPARATOR.strip()) if w.strip()]


def _folded(text: str) -> str:
    return " ".join(_nfc(text).casefold().split())


def load_crosswalk(plan: Plan, catalogue: pd.DataFrame | None = None,
                   path: str | Path | None = None) -> pd.DataFrame:
    """Read and validate the crosswalk between ``plan`` and ``catalogue``; one row per link.

    Checks, each failing with the row's line: the task id is a task of the plan;
    the goal id is an entry of the catalogue, of type task or target; strength
    is full or partial; a (task, goal) pair appears once; every phrase of
    ``task_words`` occurs in the task's content and every phrase of
    ``goal_words`` in the entry's ``paraphrase_vi`` (case and spacing aside), so
    the crosswalk cannot drift from the texts it links.
    """
    path = Path(path) if path is not None else CROSSWALK
    catalogue = catalogue if catalogue is not None else load_catalogue()
    rows = _read_rows(path, CROSSWALK_COLUMNS, "crosswalk")
    content = plan.tasks.set_index("task_id")["content"]
    entries = catalogue.set_index("id")
    seen: dict[tuple[str, str], int] = {}
    for line, row in rows:
        task, goal = row["task_id"], row["goal_id"]
        if task not in content.index:
            raise ReferenceDataError(path, line, f"task_id {task!r} is not a task of the plan")
        if goal not in entries.index:
            raise ReferenceDataError(path, line, f"goal_id {goal!r} is not in the resolution catalogue")
        if entries.at[goal, "entry_type"] == "context":
            raise ReferenceDataError(path, line, f"goal_id {goal!r} is a context entry; link tasks or "
                                                 f"targets only")
        _one_of(path, line, row, "strength", STRENGTHS)
        if (task, goal) in seen:
            raise ReferenceDataError(path, line, f"the link {task} – {goal} appears twice (first on line "
                                                 f"{seen[task, goal]})")
        seen[task, goal] = line
        for column, text, where in (("task_words", content[task], f"task {task}'s content"),
                                    ("goal_words", entries.at[goal, "paraphrase_vi"],
                                     f"{goal}'s paraphrase_vi")):
            for phrase in _words(row[column]):
                if _folded(phrase) not in _folded(text):
                    raise ReferenceDataError(path, line, f"{column} {phrase!r} does not occur in {where}")
    frame = pd.DataFrame([{**row, "source_line": line} for line, row in rows],
                         columns=[*CROSSWALK_COLUMNS, "source_line"])
    return frame
