"""The resolution catalogues and the curated crosswalk to the plan, read and validated.

A catalogue lists what is known of one or more documents a plan may implement, one entry per
row. The bundled ones live in ``data/reference/catalogues/`` (today one: ``nq247_nq67.csv``,
Resolution 247/2025/QH15 and 67/NQ-CP as reconstructed from the press); an analyst adds more
(``--catalogue``, a file ``plan132 catalogue`` read from a resolution's text), and
:func:`load_catalogues` reads them all as one, a later catalogue replacing an earlier one's entries
for every document it catalogues (the official text replaces the reconstruction). The crosswalk
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

import datetime
import re
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

from ..errors import ReferenceDataError
from ..fields import csv_text
from ..ingest.cited import DOCUMENT_NUMBER, number_key
from ..ingest.tables import Plan
from ..paths import CATALOGUES, CROSSWALK, RESOLUTION_CATALOGUE
from ..reference import read_records, rows
from ..words import Problem

CATALOGUE_COLUMNS: dict[str, str] = {
    "id": "entry id, unique: NQ247-D2.3-f = Resolution 247, Article 2, group 3, item f",
    "document": "the resolution (NQ 247/2025/QH15, NQ 67/NQ-CP) or another document for context",
    "section": "where in the document (article, group, clause) as far as known",
    "group": "the document's own group heading (Vietnamese)",
    "paraphrase_vi": "what the entry says, in Vietnamese (press wording where confidence is NEWS)",
    "paraphrase_en": "the same in English; '(no English text in the source)' where there is none (a "
    "catalogue read from a Vietnamese text: no translation is made)",
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
    "applies_to_province": "yes / partly / no / unknown (the addressee is unclear, e.g. in a generated "
    "catalogue: counted like partly until a reviewer decides): does it fall to a "
    "province? (empty for context)",
    "province_reason": "one sentence: why (for context: why it is context)",
    "resolution_group": "breakthrough, due_2026, to_2030 or other (Resolution 247's groups), or in a "
    "catalogue read from a text the heading the entry stands under, 'place: heading' "
    "(D2.1: Về hoàn thiện thể chế …); empty for context",
}
#: Optional columns: a short title a reader sees instead of the id (derived from the paraphrase when
#: absent or empty; a title_en of :data:`NO_ENGLISH` gives the Vietnamese title).
TITLE_COLUMNS: dict[str, str] = {
    "title_vi": "a short title in Vietnamese (else the paraphrase's first clause)",
    "title_en": "the same in English; '(no English text in the source)' where there is none",
}
#: What a catalogue writes in an English cell when its source has no English text.
NO_ENGLISH = "(no English text in the source)"
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
APPLIES = ("yes", "partly", "no", "unknown")
GROUPS = ("breakthrough", "due_2026", "to_2030", "other")
#: A heading used as a group ("D2.1: Về hoàn thiện …", "PLII: Tổ chức thực hiện …"): place, colon, words.
HEADING_GROUP = re.compile(r"^[A-Za-z0-9Đđ.\-]+: \S")
STRENGTHS = ("full", "partial")
WORD_SEPARATOR = " | "


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


XLSX_SUFFIXES = (".xlsx", ".xlsm")
ID_COLUMNS = ("id", "task_id", "goal_id")  # ids are text: 2.10 is not 2.1


def _is_xlsx(path: Path) -> bool:
    return path.suffix.lower() in XLSX_SUFFIXES


def place(path: Path, number: int) -> int | str:
    """Where a record stands, for a message: the CSV's line (an int) or ``"row 7"`` of a worksheet."""
    return f"row {number}" if _is_xlsx(path) else number


def _at(path: Path, number: int) -> str:
    return f"row {number}" if _is_xlsx(path) else f"line {number}"


def _csv_records(path: Path, what: str) -> list[tuple[int, list[str]]]:
    """(line, cells) of every record of a CSV file, the header first (line 1), read by the one
    reference loader (:mod:`plan132lib.reference`: UTF-8 with or without a byte-order mark, NFC,
    a line break or carriage return inside a quoted cell kept, a cell at most
    :data:`~plan132lib.reference.FIELD_LIMIT` characters); the ``'`` the kit writes before a text
    that would start a formula (a draft it wrote) is removed."""
    return [(line, [str(csv_text(cell)) for cell in cells]) for line, cells in read_records(path, what)]


def _xlsx_text(path: Path, number: int, column: str, value: object) -> str:
    """A worksheet cell as text; a number in an id column is refused (Excel may have cut its zeros)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if column in ID_COLUMNS and isinstance(value, int | float) and not isinstance(value, bool):
        raise ReferenceDataError(
            path, place(path, number), Problem("ref_numeric_id", column=column, value=repr(value))
        )
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value)


#: How many columns past a reference sheet's header are checked for stray values.
_BEYOND_HEADER = 16


def _xlsx_records(
    path: Path, what: str, columns: dict[str, str], headers: Mapping[str, str] | None = None
) -> list[tuple[int, list[str]]]:
    """(Excel row, cells as text) of every row of the worksheet holding ``columns``, the header first.

    The sheet is the first whose first row names the first of ``columns`` (or a header
    ``headers`` gives for it; else the first sheet); the header is its row 1. The archive is
    checked first like a plan's (no zip bomb, no XML entity declarations).
    """
    from openpyxl import load_workbook

    from ..errors import PlanParseError
    from ..ingest.detect import check_zip

    if not path.exists():
        raise ReferenceDataError(path, None, Problem("ref_not_found", what=what))
    try:
        check_zip(path, "xlsx")
        book = load_workbook(path, read_only=True, data_only=True)
    except PlanParseError as exc:
        raise ReferenceDataError(path, exc.line, exc.problem) from None
    except Exception as exc:  # openpyxl's errors on a damaged workbook are of many kinds
        raise ReferenceDataError(path, None, Problem("ref_not_xlsx", what=what, detail=exc)) from None
    try:
        key = next(iter(columns))
        names = {key, *(h for h, c in (headers or {}).items() if c == key)}
        sheets = book.worksheets
        sheet = next(
            (
                ws
                for ws in sheets
                if names
                & {_nfc(str(c)) for c in next(ws.iter_rows(max_row=1, values_only=True), ()) if c is not None}
            ),
            sheets[0],
        )
        first = next(sheet.iter_rows(max_row=1, values_only=True), None)
        header = ["" if c is None else str(c) for c in (first or ())]
        while header and not header[-1].strip():
            header.pop()
        records: list[tuple[int, list[str]]] = [(1, header)] if first is not None else []
        # Rows are read lazily and only a little beyond the header's width, so a sheet declaring
        # A1:XFD1048576 (or holding one far cell) costs its rows, not its declared area.
        margin = len(header) + _BEYOND_HEADER
        for number, row in enumerate(sheet.iter_rows(min_row=2, max_col=margin, values_only=True), start=2):
            values = list(row)
            if all(v in (None, "") for v in values):
                continue
            extra = [v for v in values[len(header) :] if v not in (None, "")]
            if extra:
                raise ReferenceDataError(
                    path,
                    place(path, number),
                    f"{what} row has a value beyond the header's {len(header)} columns: {extra[0]!r}",
                )
            values = (values + [None] * len(header))[: len(header)]
            records.append(
                (
                    number,
                    [_xlsx_text(path, number, h.strip(), v) for h, v in zip(header, values, strict=True)],
                )
            )
    finally:
        book.close()
    return records


def _read_rows(
    path: Path, columns: dict[str, str], what: str, headers: Mapping[str, str] | None = None
) -> list[tuple[int, dict[str, str]]]:
    """(line, row) for each record of a CSV file or an Excel worksheet, cells in NFC.

    ``line`` is the CSV's line or the worksheet's row (the header is 1); messages
    name it as "line N" or "row N" (:func:`place`). The header must hold
    ``columns``, by name or by a header ``headers`` maps to the name (a sheet headed in
    the reader's language); other columns are kept; empty records are skipped.
    """
    records = _xlsx_records(path, what, columns, headers) if _is_xlsx(path) else _csv_records(path, what)
    return rows(path, records, what, columns, headers, lambda number: place(path, number))


def _one_of(path: Path, line: int, row: dict[str, str], column: str, allowed: tuple[str, ...]) -> None:
    if row[column] not in allowed:
        name = row.get("id") or row.get("goal_id")
        raise ReferenceDataError(
            path,
            place(path, line),
            Problem("ref_one_of", name=name, column=column, allowed=list(allowed), value=repr(row[column])),
        )


#: Catalogue files an analyst adds to the bundled ones: one path, several, or None (none).
CatalogueFiles = str | Path | Sequence[str | Path] | None
CATALOGUE_SUFFIXES = (".csv", *XLSX_SUFFIXES)


def numbers(document: object) -> list[str]:
    """The document numbers a ``document`` cell names: "NQ 247/2025/QH15 hoặc NQ 67/NQ-CP" → both."""
    return DOCUMENT_NUMBER.findall(str(document))


def catalogued(catalogue: pd.DataFrame) -> list[str]:
    """What a catalogue catalogues: the numbers of the documents whose tasks or targets it lists, in
    its order (context entries aside)."""
    entries = catalogue[catalogue["entry_type"] != "context"]
    return list(dict.fromkeys(n for document in entries["document"] for n in numbers(document)))


def added_catalogues(added: CatalogueFiles = None) -> list[Path]:
    """The catalogue files ``added`` (one path, several, or None) as paths, in the order given, the
    bundled ones and repeats left out."""
    if added is None:
        return []
    given = [Path(added)] if isinstance(added, str | Path) else [Path(p) for p in added]
    bundled = {p.resolve() for p in _bundled()}
    return list({p.resolve(): p for p in given if p.resolve() not in bundled}.values())


def _bundled() -> list[Path]:
    return sorted(p for p in CATALOGUES.iterdir() if p.suffix.lower() in CATALOGUE_SUFFIXES)


def catalogue_files(added: CatalogueFiles = None) -> list[Path]:
    """The bundled catalogues (every CSV or XLSX file of ``data/reference/catalogues/``, by name),
    then the ``added`` ones (:func:`added_catalogues`)."""
    return [*_bundled(), *added_catalogues(added)]


def _replaced(frame: pd.DataFrame, documents: set[str]) -> pd.DataFrame:
    """``frame`` less its entries that name any of ``documents`` (number keys); with no task or target
    entry left, nothing of it (its context entries spoke of what was replaced)."""
    keys = frame["document"].map(lambda d: {number_key(n) for n in numbers(d)})
    kept = frame[~keys.map(lambda k: bool(k & documents))]
    return kept if (kept["entry_type"] != "context").any() else kept.iloc[0:0]


def load_catalogues(added: CatalogueFiles = None) -> pd.DataFrame:
    """Every catalogue of :func:`catalogue_files` read (:func:`load_catalogue`) and joined into one.

    A catalogue replaces what the ones before it say of the documents it catalogues: an entry of an
    earlier catalogue goes when it names one of them (a reconstruction's guess "247/2025/QH15 hoặc
    67/NQ-CP" goes too: once the text of 247 is at hand, the text says what is in it), so a
    catalogue read from the official text of a resolution replaces the bundled reconstruction of it.
    Column ``catalogue``: the file each entry was read from (its name). An id found in two of the
    catalogues kept raises ReferenceDataError naming the later file, its line and the other file.
    """
    frames: list[pd.DataFrame] = []
    for path in catalogue_files(added):
        frame = load_catalogue(path)
        documents = {number_key(n) for n in catalogued(frame)}
        frames = [_replaced(f, documents) for f in frames]
        earlier = {i: f["catalogue"].iat[0] for f in frames for i in f["id"]}
        for entry, line in zip(frame["id"], frame["source_line"], strict=True):
            if entry in earlier:
                raise ReferenceDataError(
                    path, place(path, line), Problem("catalogue_id_clash", id=entry, other=earlier[entry])
                )
        frames.append(frame)
    kept = [f for f in frames if len(f)]
    if not kept:  # no catalogue at all (the bundled folder emptied): nothing is catalogued
        columns = [*CATALOGUE_COLUMNS, *TITLE_COLUMNS, "source_line", "catalogue"]
        return pd.DataFrame(columns=columns, dtype=object)
    return pd.concat(kept, ignore_index=True)


def load_catalogue(path: str | Path | None = None) -> pd.DataFrame:
    """Read and validate one resolution catalogue file; one row per entry, plus ``source_line`` and
    ``catalogue`` (the file's name). Without ``path``, the bundled catalogue of NQ 247 and 67/NQ-CP
    (:data:`~plan132lib.paths.RESOLUTION_CATALOGUE`); :func:`load_catalogues` reads them all.

    A CSV file or an Excel workbook (``.xlsx``) with the same columns. Checks:
    every documented column present; ids non-empty and unique;
    ``confidence``, ``entry_type``, ``applies_to_province`` and
    ``resolution_group`` take their allowed values (the last two empty exactly
    for context entries; a group may also be a heading, ``place: words``, as a
    catalogue read from a text has); a task or target entry has a ``province_reason``.
    ``applies_to_province`` may be ``unknown`` (the addressee is unclear, as a
    generated catalogue marks it): the coverage review counts it like ``partly``.
    """
    path = Path(path) if path is not None else RESOLUTION_CATALOGUE
    rows = _read_rows(path, CATALOGUE_COLUMNS, Problem("what.catalogue"))
    seen: dict[str, int] = {}
    for line, row in rows:
        at = place(path, line)
        if not row["id"]:
            raise ReferenceDataError(path, at, "catalogue row has no id")
        if row["id"] in seen:
            raise ReferenceDataError(
                path, at, f"id {row['id']!r} appears twice (first on {_at(path, seen[row['id']])})"
            )
        seen[row["id"]] = line
        _one_of(path, line, row, "confidence", CONFIDENCE)
        _one_of(path, line, row, "entry_type", ENTRY_TYPES)
        if row["entry_type"] == "context":
            for column in ("applies_to_province", "resolution_group"):
                if row[column]:
                    raise ReferenceDataError(
                        path, at, f"{row['id']}: a context entry leaves {column} empty, not {row[column]!r}"
                    )
        else:
            _one_of(path, line, row, "applies_to_province", APPLIES)
            if not HEADING_GROUP.match(row["resolution_group"]):
                _one_of(path, line, row, "resolution_group", GROUPS)
            if not row["province_reason"]:
                raise ReferenceDataError(path, at, f"{row['id']}: province_reason is empty")
    frame = pd.DataFrame([{**row, "source_line": line, "catalogue": path.name} for line, row in rows])
    if frame.empty:
        raise ReferenceDataError(path, None, Problem("catalogue_no_entries"))
    for lang in ("vi", "en"):  # optional: a short title a reader sees instead of the id
        given = frame[f"title_{lang}"] if f"title_{lang}" in frame else pd.Series("", index=frame.index)
        frame[f"title_{lang}"] = given.where(
            given.str.strip().ne("") & given.ne(NO_ENGLISH), frame[f"paraphrase_{lang}"].map(short_title)
        )
    # no English text in the source: an English reader sees the Vietnamese title (paraphrase_en says why)
    no_english = frame["title_en"].eq(NO_ENGLISH)
    frame["title_en"] = frame["title_en"].where(~no_english, frame["title_vi"])
    return frame


TITLE_WORDS = 12  # words of a derived title


def short_title(text: str, n_words: int = TITLE_WORDS) -> str:
    """A short title for an entry with none: its paraphrase up to the first ";", ":" or dash, at most
    ``n_words`` words (then "…").

    >>> short_title("Tăng cường thu gom, xử lý nước thải sinh hoạt; ưu tiên đô thị loại I")
    'Tăng cường thu gom, xử lý nước thải sinh hoạt'
    """
    head = re.split(r"\s*(?:[;:]|\s[—–-]\s)", " ".join(str(text).split()), maxsplit=1)[0]
    words = head.split()
    return " ".join(words) if len(words) <= n_words else " ".join(words[:n_words]).rstrip(",.") + " …"


def _words(value: str) -> list[str]:
    return [w.strip() for w in value.split(WORD_SEPARATOR.strip()) if w.strip()]


def folded(text: str) -> str:
    """``text`` in NFC, case-folded, runs of white space as one space: how phrases are compared."""
    return " ".join(_nfc(text).casefold().split())


REVIEWED = "reviewed"


def load_crosswalk(
    plan: Plan, catalogue: pd.DataFrame | None = None, path: str | Path | None = None
) -> pd.DataFrame:
    """Read and validate the crosswalk between ``plan`` and ``catalogue``; one row per link.

    The file is a CSV file or an Excel workbook (``.xlsx``): the bundled
    crosswalk, or a reviewed draft (``plan132 crosswalk``, see
    :mod:`plan132lib.analysis.crosswalk_draft`), whose further columns (score,
    task_text, entry_text) are ignored, all but ``status``: when the file has a
    ``status`` column, every row must say ``reviewed``, so a draft cannot be
    used before it is reviewed. In a workbook, ids must be text cells (a number
    such as 2.1 may be the id 2.10 Excel cut short).

    Checks, each failing with the row's line (CSV) or row (Excel): the status
    (when there is one) is reviewed; the task id is a task of the plan; the
    goal id is an entry of the catalogue, of type task or target; strength is
    full or partial; a (task, goal) pair appears once; every phrase of
    ``task_words`` occurs in the task's content and every phrase of
    ``goal_words`` in the entry's ``paraphrase_vi`` (case and spacing aside), so
    the crosswalk cannot drift from the texts it links.
    """
    path = Path(path) if path is not None else CROSSWALK
    catalogue = catalogue if catalogue is not None else load_catalogues()
    rows = _read_rows(path, CROSSWALK_COLUMNS, Problem("what.crosswalk"))
    content = plan.tasks.set_index("task_id")["content"]
    entries = catalogue.set_index("id")
    seen: dict[tuple[str, str], int] = {}
    for line, row in rows:
        at = place(path, line)
        task, goal = row["task_id"], row["goal_id"]
        if "status" in row and row["status"] != REVIEWED:
            raise ReferenceDataError(
                path, at, Problem("crosswalk_status", status=repr(row["status"]), reviewed=REVIEWED)
            )
        if task not in content.index:
            raise ReferenceDataError(path, at, Problem("crosswalk_task", task=repr(task)))
        if goal not in entries.index:
            raise ReferenceDataError(path, at, Problem("crosswalk_goal", goal=repr(goal)))
        if entries.at[goal, "entry_type"] == "context":
            raise ReferenceDataError(
                path, at, f"goal_id {goal!r} is a context entry; link tasks or targets only"
            )
        if not row["strength"]:
            raise ReferenceDataError(
                path, at, Problem("crosswalk_strength", task=task, goal=goal, choices=" / ".join(STRENGTHS))
            )
        _one_of(path, line, row, "strength", STRENGTHS)
        if (task, goal) in seen:
            raise ReferenceDataError(
                path, at, f"the link {task} – {goal} appears twice (first on {_at(path, seen[task, goal])})"
            )
        seen[task, goal] = line
        for column, text, where in (
            ("task_words", content[task], f"task {task}'s content"),
            ("goal_words", entries.at[goal, "paraphrase_vi"], f"{goal}'s paraphrase_vi"),
        ):
            for phrase in _words(row[column]):
                if folded(phrase) not in folded(text):
                    raise ReferenceDataError(path, at, f"{column} {phrase!r} does not occur in {where}")
    return pd.DataFrame(
        [[*(row[c] for c in CROSSWALK_COLUMNS), line] for line, row in rows],
        columns=[*CROSSWALK_COLUMNS, "source_line"],
    )
