"""Writing tables to files, byte-identical for the same input.

CSV files are UTF-8 with a byte-order mark (so Excel opens Vietnamese intact; pandas
reads them with ``encoding="utf-8-sig"``, :func:`plan132lib.fields.read_csv` does),
LF line endings, one file per table, columns in the contract's order and rows in the
table's order. Text is written exactly
(quoted where it holds a comma, quote or line break); a missing value is an
empty field; booleans are ``True``/``False``.

Every CSV the kit writes goes through :func:`write_csv`, the one place that keeps a cell from
acting as a spreadsheet formula (OWASP's advice on CSV injection): a text cell or header that
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is written with a leading
``'`` (:func:`plan132lib.fields.csv_cell`); numbers are never touched (``-40`` stays ``-40``).
The kit's readers of its own CSVs (:func:`plan132lib.fields.read_csv`, the catalogue, crosswalk
and agency-name readers) remove that ``'`` again, so a table reads back exactly.
"""

from __future__ import annotations

import csv
import inspect
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl.styles import Alignment

from .. import stamp
from ..analysis.coverage import Review
from ..analysis.findings import Findings
from ..analysis.progress import PackProgress
from ..fields import csv_frame, headers
from ..ingest.document import Table
from ..ingest.tables import Plan
from ..refs import Ref, first_ref
from ..words import Locale, values, word, words
from .readable import as_date, number_format, readable
from .workbook import Sheet, WorkbookReport, escape_codes, place, write_workbook


def write_csv(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write one table as UTF-8 CSV with a byte-order mark and return its path; a text that would
    start a formula gets a leading ``'`` (see the module's docstring)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    csv_frame(frame).to_csv(
        path, index=False, encoding="utf-8-sig", lineterminator="\n", quoting=csv.QUOTE_MINIMAL
    )
    return path


def write_tables(tables: dict[str, pd.DataFrame], folder: str | Path) -> list[Path]:
    """Write each table as ``<folder>/<name>.csv``; returns the paths written."""
    folder = Path(folder)
    return [write_csv(frame, folder / f"{name}.csv") for name, frame in tables.items()]


def write_text(text: str, path: str | Path) -> Path:
    """Write a UTF-8 text file with LF line endings."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


# ------------------------------------------------------------------ the workbook

# Sheet names are the rows sheet.<key> of words.csv, the README's "how each sheet was
# computed" the rows sheet_how.<key> (in the README's order). Every sheet shows what
# :func:`plan132lib.render.readable.readable` shows: coded values in words, Có/Không,
# real dates formatted dd/mm/yyyy, numbers formatted by column (percent, one decimal …).

_COVERAGE_SHEETS = ("coverage", "coverage_groups", "targets", "agreement")
#: The brief's sections the README sheet repeats (with the recommendations), as the brief says them.
README_FINDINGS = ("plan", "leads", "gaps", "network", "coverage", "progress")
#: Columns of the progress sheet (``plan132 build --progress``): the table less the period (its header is
#: the workload's year) and the file (the place in the return names it).
_PROGRESS_HIDDEN = ("period", "file_name", "as_of")
#: Number formats of the concentration measures (one per row of its ``value`` column).
_MEASURE_FORMATS = {
    "lead_agencies": "0",
    "hhi": "0.000",
    "effective_lead_agencies": "0.0",
    "gini": "0.00",
    "top_share": "0.0%",
}
#: Columns a Vietnamese sheet leaves out: English text (the English workbook keeps them).
_ENGLISH_ONLY = ("name_en", "paraphrase_en", "title_en", "province_reason")
_VIETNAMESE_ONLY = ("paraphrase_vi", "title_vi")
#: Columns folded away on screen and on paper (a "+" above the columns opens them): ids and
#: line numbers a reader follows through the links, and what repeats another column.
_FOLDED = (
    "group_id",
    "group_title",
    "number",
    "source_lines",
    "group_source_line",
    "heading_line",
    "source_line_end",
    "group_label",
    "letter",
    "parent_id",
    "inherited",
    "timeline_period",
    "timeline_kind",
    "position",
    "raw_name",
    "known",
    "is_collective",
    "role_note",
    "agency_ids",
    "agency_id",
)


def _folded(key: str, frame: pd.DataFrame) -> list[str]:
    """The columns of a sheet to fold: the details above, a line number beside its place in the
    source, and any column with nothing in it."""
    out = [c for c in frame.columns if c in _FOLDED]
    if "source_ref" in frame.columns and "source_line" in frame.columns:
        out.append("source_line")
    empty = [c for c in frame.columns if len(frame) and (frame[c].isna() | frame[c].astype(str).eq("")).all()]
    out += [c for c in empty if c not in out]
    return [] if key == "source" else out


def _sheet_name(key: str, lang: str) -> str:
    return word(f"sheet.{key}", lang)


def source_text(plan: Plan) -> pd.DataFrame:
    """The plan's text as the workbook holds it: one row per place a ``source_ref`` names.

    A text export gives one row per line ("line 144"); other formats one row per paragraph
    ("paragraph 12", "page 2, line 7") and per table row ("table 2, row 5", "page 4, row 5"),
    the cells of a row ``" | "``-joined. Columns ``source_ref`` (the English label, as in the
    tables) and ``text``.
    """
    doc = plan.document
    if doc.raw_lines:
        rows = [(Ref("line", line=n).label, line) for n, line in enumerate(doc.raw_lines, start=1)]
    else:
        rows = []
        for block in doc.blocks:
            if isinstance(block, Table):
                rows += [
                    (
                        row.ref.label,
                        " | ".join(c.text.replace("\n", " / ") for c in row.cells if c.merged != "across"),
                    )
                    for row in block.rows
                ]
            else:
                rows.append((block.ref.label, block.text))
    return pd.DataFrame(rows, columns=["source_ref", "text"])


def _findings(plan: Plan, lang: str) -> pd.DataFrame:
    from ..ingest.validation import findings

    if "lang" in inspect.signature(findings).parameters:
        return findings(plan, lang=lang)
    return findings(plan)


class _Book:
    """What the sheets of one workbook share: their names and where links point."""

    def __init__(self, plan: Plan, lang: str) -> None:
        self.plan, self.lang = plan, lang
        self.tasks_sheet = _sheet_name("tasks", lang)
        self.source_sheet = _sheet_name("source", lang)
        self.source = source_text(plan)
        # header in row 1, data from row 2 (neither sheet has a note above its table)
        self.source_rows = {ref: i + 2 for i, ref in enumerate(self.source["source_ref"]) if ref}
        self.task_rows = {t: i + 2 for i, t in enumerate(plan.tasks["task_id"])}

    def links(self, key: str, frame: pd.DataFrame) -> dict[str, list[str | None]]:
        """Links of a sheet: each place in the source to the plan's text, each task to its row."""
        out: dict[str, list[str | None]] = {}
        if "source_ref" in frame.columns and key != "source":
            rows = [self.source_rows.get(first_ref(ref)) for ref in frame["source_ref"]]
            out["source_ref"] = [place(self.source_sheet, f"A{r}") if r else None for r in rows]
        elif "source_line" in frame.columns and self.plan.document.raw_lines:
            rows = [
                self.source_rows.get(Ref("line", line=int(n)).label) if pd.notna(n) else None
                for n in frame["source_line"]
            ]
            out["source_line"] = [place(self.source_sheet, f"A{r}") if r else None for r in rows]
        if "task_id" in frame.columns and key != "tasks":
            rows = [self.task_rows.get(str(t)) for t in frame["task_id"]]
            out["task_id"] = [place(self.tasks_sheet, f"A{r}") if r else None for r in rows]
        return {c: v for c, v in out.items() if any(v)}

    def sheet(self, key: str, frame: pd.DataFrame, **kw: Any) -> Sheet:
        """One data sheet: the frame as a reader sees it, with formats, links and headers."""
        lang = self.lang
        drop = _ENGLISH_ONLY if lang == "vi" else _VIETNAMESE_ONLY
        if key not in ("source",):
            frame = frame.drop(columns=[c for c in drop if c in frame.columns])
        frame = frame.reset_index(drop=True)
        formats: dict[str, Any] = {
            c: f for c in frame.columns if (f := number_format(str(c), lang, frame[c])) is not None
        }
        if key == "concentration":
            formats["value"] = [_MEASURE_FORMATS.get(m, "0.0") for m in frame["measure"]]
        if "widths" in kw:  # widths of columns this language leaves out are dropped with them
            kw["widths"] = {c: w for c, w in kw["widths"].items() if c in frame.columns}
        shown = readable(frame, lang, headers=False, dates="date")
        return Sheet(
            name=_sheet_name(key, lang),
            frame=shown,
            headers=headers(list(frame.columns), lang),
            formats=formats,
            links=self.links(key, frame),
            folded=_folded(key, frame),
            **kw,
        )


def workbook_sheets(
    plan: Plan,
    lang: str = "vi",
    review: Review | None = None,
    found: Findings | None = None,
    progress: PackProgress | None = None,
) -> list[Sheet]:
    """The workbook's sheets: a README (with the findings, phrased as the brief phrases them), then the
    tables and analyses, then the plan's text.

    The coverage sheets are added when a coverage ``review`` is given (see
    :func:`plan132lib.coverage.review_for`); ``found``: the plan's findings (computed when not given);
    ``progress``: the merged returns (``plan132 build --progress``), a sheet "Tình hình thực hiện" with
    one row per task, before the plan's text.
    """
    from ..analysis import agency_review, network, workload

    book = _Book(plan, lang)
    roles = values("role", lang)
    raci = workload.raci_matrix(plan, lang=lang)
    sheets = [
        book.sheet(
            "tasks",
            plan.tasks,
            widths={"group_title": 30, "content": 60, "lead_raw": 30, "coordinate_raw": 40, "note": 30},
        ),
        book.sheet("assignments", plan.assignments),
        Sheet(
            name=_sheet_name("raci", lang),
            frame=raci,
            index_label=raci.index.name,
            value_fills={roles["lead"]: "1F4E79", roles["coordinate"]: "9DC3E6"},
            widths={c: 9 for c in raci.columns},
        ),
        book.sheet(
            "workload", workload.agency_workload(plan), note=agency_review.unknown_note(plan, lang) or None
        ),
        book.sheet("timeline", workload.active_by_year(plan)),
        book.sheet("flags", workload.task_flags(plan)),
        book.sheet("concentration", workload.concentration(plan), widths={"formula": 60}),
        book.sheet("duties", plan.duties, widths={"heading": 40, "text": 70}),
        book.sheet("duties_vs_tasks", workload.duties_vs_tasks(plan), widths={"text": 70}),
        book.sheet("findings", _findings(plan, lang), widths={"detail": 70}),
        book.sheet("network", _network_sheet(plan, lang)),
        book.sheet(
            "pairs",
            network.pair_table(plan, "drop")[
                [
                    "u_name",
                    "v_name",
                    "weight",
                    "lead_lead",
                    "lead_coordinate",
                    "coordinate_coordinate",
                    "u_leads",
                    "v_leads",
                    "tasks",
                ]
            ],
            widths={"tasks": 40},
        ),
        *(_coverage_sheets(review, book) if review is not None else []),
        *([_progress_sheet(progress, book)] if progress is not None else []),
        book.sheet("source", book.source, widths={"source_ref": 14, "text": 110}),
    ]
    return [_readme_sheet(plan, lang, review, [s.name for s in sheets], found, progress), *sheets]


def _progress_sheet(progress: PackProgress, book: _Book) -> Sheet:
    """The progress sheet: each task's status as the returns give it (``progress.csv``)."""
    frame = progress.table.drop(columns=[c for c in _PROGRESS_HIDDEN if c in progress.table.columns])
    return book.sheet(
        "progress",
        frame,
        widths={"result": 40, "difficulties": 40, "proposals": 40, "reported_by": 24, "source_ref": 30},
        note=word("sheet_note.progress", book.lang, date=Locale(book.lang).date(progress.summary.as_of)),
    )


def _coverage_sheets(review: Review, book: _Book) -> list[Sheet]:
    """The coverage review's sheets: entries, groups, targets, matcher agreement."""
    from ..analysis import coverage

    lang = book.lang
    caveat = coverage.caveat(review, lang)
    entries = coverage.coverage_table(review).rename(columns={"status": "coverage_status"})
    text, title = ("paraphrase_vi", "title_vi") if lang == "vi" else ("paraphrase_en", "title_en")
    entries = entries[
        [
            c
            for c in (
                "goal_id",
                title,
                "resolution_group",
                "entry_type",
                "applies_to_province",
                "confidence",
                "coverage_status",
                "task_ids",
                "full_task_ids",
                "lead_agencies",
                text,
                "province_reason",
            )
            if c in entries.columns
        ]
    ]
    return [
        book.sheet(
            "coverage",
            entries,
            note=caveat,
            widths={text: 70, title: 40, "province_reason": 50, "lead_agencies": 30},
        ),
        book.sheet("coverage_groups", coverage.coverage_by_group(review), note=caveat),
        book.sheet(
            "targets",
            coverage.target_alignment(review),
            note=caveat,
            widths={"plan_indicator": 40, "res_indicator": 40},
        ),
        book.sheet("agreement", coverage.agreement(review), widths={"shared": 50}),
    ]


def _network_sheet(plan: Plan, lang: str) -> pd.DataFrame:
    """Network measures of the named agencies, with their hub / broker role."""
    from ..analysis import network

    roles = network.hubs_and_brokers(plan, "drop").set_index("agency_id")["network_role"]
    names = values("network_role", lang)
    roles = roles.map(lambda r: names.get(r, r))
    m = network.agency_measures(plan, "drop")
    m = m.assign(network_role=m["agency_id"].map(roles).fillna(""))
    return m[
        [
            "agency_id",
            "agency_name",
            "short_name",
            "n_tasks",
            "n_lead",
            "n_coordinate",
            "degree",
            "weighted_degree",
            "betweenness",
            "eigenvector",
            "community",
            "network_role",
        ]
    ]


def _readme(
    plan: Plan,
    lang: str,
    review: Review | None = None,
    found: Findings | None = None,
    progress: PackProgress | None = None,
) -> pd.DataFrame:
    """The README sheet's rows (``field``, ``value``): the plan (from its own meta), its date and
    the day the workbook was prepared (real dates), the source file, the findings as the brief says
    them (a row per section, then the recommendations), and how each sheet present was computed (one
    row per sheet, in the workbook's order)."""
    from ..analysis import coverage
    from . import briefing

    date = plan.meta_value("date") or ""
    rows: list[tuple[str, Any]] = [
        (word("readme.document", lang), plan.citation(lang)),
        (word("readme.subject", lang), plan.meta_value("title") or ""),
        (word("readme.plan_date", lang), as_date(date) or date or word("plan.no_date", lang)),
        (word("readme.prepared_on", lang), stamp.prepared_on()),
        (word("readme.source_file", lang), Path(plan.path).name),
        (word("readme.made_with", lang), word("readme.made_with_value", lang, version=stamp.VERSION)),
        (word("readme.tracing", lang), word("readme.tracing_value", lang)),
        (word("readme.links", lang), word("readme.links_value", lang)),
    ]
    the_brief = briefing.brief(plan, review, lang, found, progress.summary if progress is not None else None)
    rows += [
        (s.heading, "\n".join([s.text] * bool(s.text) + [f"• {item}" for item in s.items]))
        for s in the_brief.sections
        if s.key in README_FINDINGS
    ]
    rows.append(
        (
            word("brief.h.recommendations", lang),
            "\n".join(f"{i}. {r}" for i, r in enumerate(the_brief.recommendations, 1)),
        )
    )
    caveat = coverage.caveat(review, lang) if review is not None else ""
    section = plan.duties_section_name(lang)  # "Mục II": the plan's own number for its duties section
    rows += [
        (_sheet_name(key, lang), word(f"sheet_how.{key}", lang, caveat=caveat, section=section))
        for key in words("sheet_how", lang)
        if (review is not None or key not in _COVERAGE_SHEETS) and (progress is not None or key != "progress")
    ]
    return pd.DataFrame(rows, columns=["field", "value"])


def _readme_sheet(
    plan: Plan,
    lang: str,
    review: Review | None,
    names: list[str],
    found: Findings | None = None,
    progress: PackProgress | None = None,
) -> Sheet:
    """The README sheet, each sheet's name a link to that sheet."""
    readme = _readme(plan, lang, review, found, progress)
    present = set(names)
    links = [place(f) if f in present else None for f in readme["field"]]

    def left(ws: Any, n_rows: int) -> None:  # the dates read like the text beside them
        for row in ws.iter_rows(min_row=2, max_row=n_rows + 1, min_col=2, max_col=2):
            row[0].alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)

    return Sheet(
        name=_sheet_name("readme", lang),
        frame=readme,
        headers=headers(list(readme.columns), lang),
        widths={"field": 30, "value": 110},
        links={"field": links},
        finish=left,
        formats={"value": "dd/mm/yyyy" if lang == "vi" else "d mmmm yyyy"},
    )


def write_workbook_for(
    plan: Plan,
    path: str | Path,
    lang: str = "vi",
    review: Review | None = None,
    found: Findings | None = None,
    progress: PackProgress | None = None,
) -> WorkbookReport:
    """Write the plan's workbook, dated the day it is prepared (:func:`plan132lib.stamp.created`:
    ``SOURCE_DATE_EPOCH`` or today), so two runs on a day are byte-identical.

    With a coverage ``review`` the workbook also holds the coverage sheets, with ``progress`` (the
    merged returns) the progress sheet. Each printed page names the plan and the sheet, the day the
    workbook was prepared and the page.
    """
    title = plan.name(lang)
    prepared = stamp.prepared_on()
    day = prepared.strftime("%d/%m/%Y") if lang == "vi" else prepared.isoformat()
    return write_workbook(
        path,
        workbook_sheets(plan, lang, review, found, progress),
        created=stamp.created(),
        title=title,
        page_header=(escape_codes(title), "&A", ""),
        page_footer=(
            escape_codes(word("readme.prepared_on", lang) + ": " + day),
            "",
            word("readme.page", lang),
        ),
    )
