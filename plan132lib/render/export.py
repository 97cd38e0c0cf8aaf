"""Writing tables to files, byte-identical for the same input.

CSV files are UTF-8 without BOM, LF line endings, one file per table, columns
in the contract's order and rows in the table's order. Text is written exactly
(quoted where it holds a comma, quote or line break); a missing value is an
empty field; booleans are ``True``/``False``.
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from ..analysis.coverage import Review
from ..fields import headers
from ..ingest.tables import Plan
from ..words import values, word, words
from .workbook import Sheet, WorkbookReport, write_workbook


def write_csv(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write one table as UTF-8 CSV and return its path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n",
                 quoting=csv.QUOTE_MINIMAL)
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
# computed" the rows sheet_how.<key> (in the README's order).


def _sheet_name(key: str, lang: str) -> str:
    return word(f"sheet.{key}", lang)


def workbook_sheets(plan: Plan, lang: str = "vi", review: Review | None = None) -> list[Sheet]:
    """The workbook's sheets: a README, then the tables and analyses.

    The coverage sheets are added when a coverage ``review`` is given (see
    :func:`plan132lib.coverage.review_for`).
    """
    from ..analysis import network, workload
    from ..ingest.validation import findings

    roles = values("role", lang)

    def sheet(key: str, frame: pd.DataFrame, **kw: object) -> Sheet:
        return Sheet(name=_sheet_name(key, lang), frame=frame, headers=headers(list(frame.columns), lang),
                     **kw)

    assignments = plan.assignments.assign(role=plan.assignments["role"].map(roles))
    raci = workload.raci_matrix(plan, lang=lang)
    readme = _readme(plan, lang, review)
    return [
        Sheet(name=_sheet_name("readme", lang), frame=readme, headers=headers(list(readme.columns), lang),
              widths={"field": 28, "value": 100}),
        sheet("tasks", plan.tasks),
        sheet("assignments", assignments),
        Sheet(name=_sheet_name("raci", lang), frame=raci, index_label=raci.index.name,
              value_fills={roles["lead"]: "1F4E79", roles["coordinate"]: "9DC3E6"},
              widths={c: 9 for c in raci.columns}),
        sheet("workload", workload.agency_workload(plan)),
        sheet("timeline", workload.active_by_year(plan)),
        sheet("flags", workload.task_flags(plan)),
        sheet("concentration", workload.concentration(plan)),
        sheet("duties", plan.duties),
        sheet("duties_vs_tasks", workload.duties_vs_tasks(plan)),
        sheet("findings", findings(plan)),
        sheet("network", _network_sheet(plan, lang)),
        sheet("pairs", network.pair_table(plan, "drop")[
            ["u_name", "v_name", "weight", "lead_lead", "lead_coordinate", "coordinate_coordinate",
             "u_leads", "v_leads", "tasks"]]),
        *(_coverage_sheets(review, lang, sheet) if review is not None else []),
    ]


def _coverage_sheets(review: Review, lang: str, sheet: Callable[..., Sheet]) -> list[Sheet]:
    """The coverage review's sheets: entries, groups, targets, matcher agreement."""
    from ..analysis import coverage

    vi = lang == "vi"
    caveat = coverage.caveat(review, lang)
    entries = coverage.coverage_table(review).rename(columns={"status": "coverage_status"})
    text = "paraphrase_vi" if vi else "paraphrase_en"
    entries = entries[["goal_id", "resolution_group", "entry_type", "applies_to_province", "confidence",
                       "coverage_status", "task_ids", "full_task_ids", "lead_agencies", text,
                       "province_reason"]]
    targets = coverage.target_alignment(review)
    agreement = coverage.agreement(review)
    if vi:  # the English sheets keep the codes (covered, not_applicable, …), as they always have
        entries = entries.assign(coverage_status=entries["coverage_status"].map(values("coverage_status")))
        targets = targets.assign(alignment=targets["alignment"].map(values("alignment")))
        agreement = agreement.assign(outcome=agreement["outcome"].map(values("outcome")))
    return [sheet("coverage", entries, note=caveat, widths={text: 70, "province_reason": 50}),
            sheet("coverage_groups", coverage.coverage_by_group(review), note=caveat),
            sheet("targets", targets, note=caveat),
            sheet("agreement", agreement)]


def _network_sheet(plan: Plan, lang: str) -> pd.DataFrame:
    """Network measures of the named agencies, with their hub / broker role."""
    from ..analysis import network

    roles = network.hubs_and_brokers(plan, "drop").set_index("agency_id")["network_role"]
    names = values("network_role", lang)
    roles = roles.map(lambda r: names.get(r, r))
    m = network.agency_measures(plan, "drop")
    m = m.assign(network_role=m["agency_id"].map(roles).fillna(""))
    return m[["agency_id", "agency_name", "short_name", "n_tasks", "n_lead", "n_coordinate", "degree",
              "weighted_degree", "betweenness", "eigenvector", "community", "network_role"]]


_COVERAGE_SHEETS = ("coverage", "coverage_groups", "targets", "agreement")


def _readme(plan: Plan, lang: str, review: Review | None = None) -> pd.DataFrame:
    """The README sheet: the plan (from its own meta), the source file, and how each sheet
    present was computed."""
    from ..analysis import coverage

    date = plan.meta_value("date") or ""
    rows = [
        (word("readme.document", lang), plan.citation(lang)),
        (word("readme.subject", lang), plan.meta_value("title") or ""),
        (word("readme.source_file", lang), Path(plan.path).name),
        (word("readme.build_date", lang), word("readme.build_date_value", lang, date=date)),
        (word("readme.tracing", lang), word("readme.tracing_value", lang)),
    ]
    caveat = coverage.caveat(review, lang) if review is not None else ""
    rows += [(_sheet_name(key, lang), word(f"sheet_how.{key}", lang, caveat=caveat))
             for key in words("sheet_how", lang) if review is not None or key not in _COVERAGE_SHEETS]
    return pd.DataFrame(rows, columns=["field", "value"])


def write_workbook_for(plan: Plan, path: str | Path, lang: str = "vi",
                       review: Review | None = None) -> WorkbookReport:
    """Write the plan's workbook; its timestamps are the plan's date, so two runs are identical.

    With a coverage ``review`` the workbook also holds the coverage sheets.
    """
    date = plan.meta_value("date") or "2000-01-01"
    created = datetime.datetime.fromisoformat(date)
    title = plan.name(lang)
    return write_workbook(path, workbook_sheets(plan, lang, review), created=created, title=title)
