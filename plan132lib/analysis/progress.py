"""From plan to progress: which tasks each agency tracks, and the agencies' returns merged into one
status per task.

**Tracking.** :func:`tracked_agencies` are the bodies the plan names on at least one task (leading or
coordinating), whole-group entries ("Các sở, ban, ngành") left out: no one fills in a return for
them. :func:`tracking_rows` are the tasks one body leads or coordinates (its role, the plan's lead
and deadline as written), or every task for the whole-plan workbook.

**Reading a return** (:func:`reports_of`, from :class:`~plan132lib.ingest.read_return.Return`): the
return must name this plan (its ``Kế hoạch`` cell, the plan's citation in either language) and a
period the kit reads (:func:`read_period`: "Quý I/2027", "6 tháng đầu năm 2027", "9 tháng năm
2027", "Năm 2027", "Tháng 3/2027"; in English "Q1 2027", "First half of 2027" …); every row's
``Mã nhiệm vụ`` must be a task of the plan. Each of these is an error naming the file and the cell.
A status is read from the drop-down's words in either language, else from words typed by hand
(:func:`read_status`: "đã xong", "Hoàn thành 100%", "đang triển khai", "chưa thực hiện" …), else
from the percentage or the completion date; percentages and dates as people type them
(:func:`~plan132lib.ingest.read_return.read_percent`, :func:`~plan132lib.ingest.read_return.read_date`).
Every value read another way than the drop-down or a number gives is listed (a *fix*); every value
that could not be read, every row of the agency's tasks missing from its return, a row without a
task id, a task reported twice in one return and an agency reporting a task it was not given is a
*warning*: nothing is dropped without a line saying so. A row with no status, percentage, date or
text is a task the agency did not report on.

**Merging** (:func:`merge`): every report of a task counts, whoever sends it; the latest report
date wins (then the later period, the lead before a coordinator, the file's name, the row). Where
reports of one period disagree on the status (a lead and a coordinator, two leads, the same
agency twice) or a later period's winner says less than an earlier one's (done, then in progress;
80%, then 60%) the task is a *conflict*: each report involved is listed, the one used marked.
A task is ``overdue`` when its deadline (the plan's ``due_date``) falls before the as-of date and
it is neither done nor dropped (a task nobody reported on counts); ``done_late`` when its
completion date falls after its deadline. A task without a calendar deadline is never overdue.

The tables (:func:`merge` returns them in a :class:`Progress`): ``progress`` (one row per task),
``progress_by_agency`` (per tracked agency, over the tasks it leads; and whether it sent a return
for the latest period), ``progress_history`` (one row per task and period) and ``conflicts`` (the
conflicts, fixes and warnings). No file is read or written here, nothing is said in words but the
``message`` column (``track.note.*``).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import DataFileError
from ..fields import read_csv, table_columns
from ..ingest.names import fold_ascii, name_key
from ..ingest.read_return import Return, ReturnError, ReturnRow, read_date, read_percent
from ..ingest.tables import Plan
from ..refs import Ref
from ..words import LANGS, Problem, value, values, word

__all__ = [
    "BY_AGENCY_COLUMNS",
    "CONFLICT_COLUMNS",
    "HISTORY_COLUMNS",
    "PROGRESS_COLUMNS",
    "STATUSES",
    "PackProgress",
    "Period",
    "Progress",
    "ProgressErrors",
    "ProgressSummary",
    "counted_by_agency",
    "find_agencies",
    "load_progress",
    "merge",
    "read_period",
    "read_status",
    "reports_of",
    "summary_of",
    "tracked_agencies",
    "tracking_rows",
]

#: What a return can say of a task, in the drop-down's order; ``no_report`` when nobody said anything.
REPORTED = ("not_started", "in_progress", "done", "dropped")
STATUSES = (*REPORTED, "no_report")
CLOSED = ("done", "dropped")
#: How far a status goes: a later period's report going back down this order is a conflict.
_RANK = {"not_started": 0, "in_progress": 1, "done": 2}
_ROLE_RANK = {"lead": 2, "coordinate": 1, "": 0}

PROGRESS_COLUMNS = [
    "task_id",
    "group_id",
    "status",
    "percent",
    "done_date",
    "due_date",
    "as_of",
    "overdue",
    "done_late",
    "reported_by",
    "agency_id",
    "role",
    "period",
    "report_date",
    "result",
    "difficulties",
    "proposals",
    "file_name",
    "source_ref",
]
BY_AGENCY_COLUMNS = [
    "agency_id",
    "agency_name",
    "n_lead",
    "n_coordinate",
    "n_done",
    "n_in_progress",
    "n_not_started",
    "n_dropped",
    "n_no_report",
    "n_overdue",
    "n_not_reported",
    "periods",
    "reported_latest",
    "last_report_date",
]
HISTORY_COLUMNS = [
    "task_id",
    "period",
    "period_end",
    "status",
    "percent",
    "reported_by",
    "agency_id",
    "report_date",
    "source_ref",
]
CONFLICT_COLUMNS = [
    "task_id",
    "category",
    "issue",
    "reported_by",
    "period",
    "report_date",
    "written",
    "read_as",
    "chosen",
    "message",
    "file_name",
    "source_ref",
]
#: The issues listed in ``conflicts``, by category: a *fix* is a value read another way than the
#: drop-down or a number gives it, a *warning* something not read or missing (``--strict`` stops on
#: it), a *conflict* reports that disagree.
FIXES = (
    "status_typed",
    "status_from_percent",
    "status_from_date",
    "percent_share",
    "percent_text",
    "date_text",
    "date_month",
    "date_number",
    "id_number",
    "column_added",
)
WARNINGS = (
    "status_unread",
    "percent_unread",
    "percent_range",
    "date_unread",
    "report_date_missing",
    "done_not_full",
    "row_missing",
    "row_twice",
    "row_without_id",
    "not_assigned",
    "agency_unknown",
    "column_missing",
)
CONFLICTS = ("status_differs", "status_went_back")


class ProgressErrors(Exception):
    """Returns that cannot be merged: every file's problem (:class:`ReturnError`), each naming the
    file and the cell."""

    def __init__(self, errors: Sequence[DataFileError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = list(errors)


# ---------------------------------------------------------------- the tracking workbooks


def tracked_agencies(plan: Plan) -> pd.DataFrame:
    """The bodies given a tracking workbook: named on at least one task, whole-group entries left out;
    ``agency_id``, ``agency_name``, ``n_lead``, ``n_coordinate``, in the plan's agency order."""
    roles = plan.assignments.loc[~plan.assignments["is_collective"].astype(bool)]
    counts = roles.drop_duplicates(["task_id", "agency_id", "role"]).groupby(["agency_id", "role"]).size()
    rows = []
    for agency in plan.agencies.itertuples(index=False):
        lead = int(counts.get((agency.agency_id, "lead"), 0))
        coordinate = int(counts.get((agency.agency_id, "coordinate"), 0))
        if lead or coordinate:
            rows.append((agency.agency_id, agency.name, lead, coordinate))
    return pd.DataFrame(rows, columns=["agency_id", "agency_name", "n_lead", "n_coordinate"])


def _roles(plan: Plan) -> dict[tuple[str, str], str]:
    """(task, agency) → the agency's role in it (lead over coordinate)."""
    out: dict[tuple[str, str], str] = {}
    for task_id, agency_id, role in plan.assignments[["task_id", "agency_id", "role"]].itertuples(
        index=False
    ):
        if out.get((task_id, agency_id)) != "lead":
            out[task_id, agency_id] = role
    return out


def tracking_rows(plan: Plan, agency_id: str | None = None) -> pd.DataFrame:
    """The tasks of one body's tracking workbook (those it leads or coordinates, in the plan's order),
    or every task (``agency_id`` None): ``task_id``, ``content``, ``role`` (code, "" for every task),
    ``lead`` and ``timeline`` as the plan writes them."""
    roles = _roles(plan)
    rows = []
    for task in plan.tasks.itertuples(index=False):
        role = roles.get((task.task_id, agency_id), "") if agency_id is not None else ""
        if agency_id is not None and not role:
            continue
        rows.append((task.task_id, task.content, role, task.lead_raw, task.timeline_raw))
    return pd.DataFrame(rows, columns=["task_id", "content", "role", "lead", "timeline"])


def find_agencies(plan: Plan, names: Iterable[str]) -> tuple[list[str], list[str]]:
    """The tracked bodies ``names`` name (by name, short name, English name or id, in any spelling),
    and the names that name none."""
    tracked = tracked_agencies(plan)
    agencies = plan.agencies.set_index("agency_id")
    keys: dict[str, str] = {}
    for agency_id in tracked["agency_id"]:
        row = agencies.loc[agency_id]
        for text in (agency_id, row["name"], row["short_name"], row["name_en"]):
            if isinstance(text, str) and text:
                keys.setdefault(name_key(text), agency_id)
    found, unknown = [], []
    for name in names:
        agency_id = keys.get(name_key(name))
        if agency_id is None:
            unknown.append(name)
        elif agency_id not in found:
            found.append(agency_id)
    return found, unknown


# ---------------------------------------------------------------- periods and statuses

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_PERIODS = (
    ("quarter", re.compile(r"(?:quy|q|quarter)\s*(i{1,3}|iv|[1-4])\s*(?:[/.,-]|nam|of)?\s*(\d{4})")),
    ("half", re.compile(r"(6|sau) thang (dau|cuoi)(?: nam)?\s*(\d{4})")),
    ("half", re.compile(r"(first|second) half(?: of)?\s*(\d{4})|h([12])\s*(\d{4})")),
    (
        "nine_months",
        re.compile(r"(?:9|chin) thang(?: dau)?(?: nam)?\s*(\d{4})|(?:first )?nine months(?: of)?\s*(\d{4})"),
    ),
    ("month", re.compile(r"(?:thang|month)\s*(\d{1,2})\s*[/.-]?\s*(?:nam\s*)?(\d{4})")),
    ("year", re.compile(r"(?:nam|year|ca nam)?\s*(\d{4})")),
)
_KIND_ORDER = {"month": 0, "quarter": 1, "half": 2, "nine_months": 3, "year": 4}


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period: its last day first, so periods sort in time (a month before the quarter
    ending with it, the quarter before the half-year)."""

    end: dt.date
    order: int
    kind: str
    year: int
    n: int = 0

    def label(self, lang: str = "vi") -> str:
        """ "Quý I/2027", "6 tháng đầu năm 2027", "Năm 2027" (``lang="en"``: "Q1 2027", …)."""
        roman = ("", "I", "II", "III", "IV")[self.n] if self.kind == "quarter" else ""
        key = f"{self.kind}{self.n}" if self.kind == "half" else self.kind
        return word(f"track.period.{key}", lang, year=self.year, n=self.n, roman=roman)


def _period(kind: str, year: int, n: int = 0) -> Period | None:
    end_month = {"quarter": 3 * n, "half": 6 * n, "nine_months": 9, "year": 12, "month": n}[kind]
    if not 1900 < year < 2200 or not 1 <= end_month <= 12:
        return None
    return Period(_last_day(year, end_month), _KIND_ORDER[kind], kind, year, n)


def read_period(text: object) -> Period | None:
    """The period a return's ``Kỳ báo cáo`` names, or None when it names none the kit reads.

    >>> read_period("Quý I/2027").label(), read_period("6 tháng đầu năm 2027").end.isoformat()
    ('Quý I/2027', '2027-06-30')
    """
    if isinstance(text, int) and not isinstance(text, bool):
        text = str(text)
    if not isinstance(text, str):
        return None
    folded = " ".join(fold_ascii(text).lower().replace("\u00a0", " ").split())
    folded = re.sub(r"^(?:ky )?(?:bao cao )?", "", folded).strip(" .:")
    for kind, pattern in _PERIODS:
        m = pattern.fullmatch(folded)
        if not m:
            continue
        groups = [g for g in m.groups() if g is not None]
        if kind == "quarter":
            n = _ROMAN.get(groups[0]) or int(groups[0])
            return _period(kind, int(groups[1]), n)
        if kind == "half":
            first = groups[-2] in ("dau", "first", "1") if len(groups) >= 2 else False
            if len(groups) == 3:  # "6 tháng đầu năm 2027": the count, then đầu/cuối
                first = groups[1] == "dau"
            return _period(kind, int(groups[-1]), 1 if first else 2)
        if kind == "month":
            return _period(kind, int(groups[1]), int(groups[0]))
        return _period(kind, int(groups[-1]))
    return None


_STATUS_RULES = (
    ("not_started", re.compile(r"\bchua\b.*\b(trien khai|thuc hien|bat dau|lam)\b|\bnot (yet )?started\b")),
    ("in_progress", re.compile(r"\bchua\b.*\b(hoan thanh|xong)\b|\bmot phan\b|\bpartly\b|\bpartially\b")),
    (
        "dropped",
        re.compile(
            r"\b(khong|dung|ngung|huy)\b.*\b(thuc hien|trien khai)\b|\bhuy bo\b|\b(dung|ngung)\b"
            r"|\b(dropped|cancel+ed|not carried out|stopped)\b"
        ),
    ),
    (
        "done",
        re.compile(
            r"\b(hoan thanh|xong|hoan tat|da thuc hien)\b|\b100 ?%|\b(done|complete|completed|finished)\b"
        ),
    ),
    (
        "in_progress",
        re.compile(r"\b(dang|tiep tuc|trien khai|thuc hien)\b|\b(in progress|ongoing|under way|started)\b"),
    ),
)


@functools.cache
def _status_words() -> dict[str, str]:
    """The drop-down's words in either language (folded) → the status."""
    return {
        " ".join(fold_ascii(text).lower().split()): code
        for lang in LANGS
        for code, text in values("status", lang).items()
        if code in REPORTED
    }


def read_status(text: object) -> tuple[str | None, str]:
    """The status a ``Tình trạng`` cell says, and how: ``""`` (a word of the drop-down, either
    language), ``"status_typed"`` (words typed by hand: "đã xong", "Hoàn thành 100%", "đang triển
    khai", "chưa thực hiện", "không thực hiện", …) or ``"status_unread"`` (None).

    >>> read_status("Hoàn thành"), read_status("đã xong"), read_status("đang triển khai")
    (('done', ''), ('done', 'status_typed'), ('in_progress', 'status_typed'))
    """
    if not isinstance(text, str) or not text.strip():
        return None, "status_unread"
    folded = " ".join(re.sub(r"[^\w%]+", " ", fold_ascii(text).lower()).split())
    exact = _status_words().get(folded)
    if exact:
        return exact, ""
    for code, rule in _STATUS_RULES:
        if rule.search(folded):
            return code, "status_typed"
    return None, "status_unread"


# ---------------------------------------------------------------- reading the returns


@dataclass
class _Listed:
    """The conflicts-and-fixes rows and the warnings, as they are found."""

    rows: list[dict[str, Any]] = field(default_factory=list)

    def add(
        self,
        issue: str,
        *,
        task_id: str = "",
        reported_by: str = "",
        period: str = "",
        report_date: str = "",
        written: object = "",
        read_as: object = "",
        chosen: bool | None = None,
        file_name: str = "",
        ref: Ref | str = "",
    ) -> None:
        category = "fix" if issue in FIXES else "warning" if issue in WARNINGS else "conflict"
        self.rows.append(
            {
                "task_id": task_id,
                "category": category,
                "issue": issue,
                "reported_by": reported_by,
                "period": period,
                "report_date": report_date,
                "written": _shown(written),
                "read_as": _shown(read_as),
                "chosen": chosen,
                "file_name": file_name,
                "source_ref": ref.label if isinstance(ref, Ref) else ref,
            }
        )


def _shown(value: object) -> str:
    """A cell's value as the conflicts table shows it."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _task_id(raw: object, number_format: str) -> tuple[str, bool]:
    """A ``Mã nhiệm vụ`` cell as text, and whether it was a number (2.1 typed into a General cell)."""
    if isinstance(raw, str):
        return raw.strip(), False
    if isinstance(raw, bool):
        return str(raw), True
    if isinstance(raw, int | float):
        decimals = re.search(r"\.(0+)", number_format or "")
        text = f"{raw:.{len(decimals.group(1))}f}" if decimals else f"{raw:g}"
        return text, True
    return str(raw), True


@dataclass
class Reports:
    """What the returns say: one row per task reported (``reports``), the periods, the listed rows and
    which tracked agency returned for which period."""

    reports: pd.DataFrame
    listed: _Listed
    periods: list[Period]
    returned: dict[str, list[Period]]


_REPORT_COLUMNS = [
    "task_id",
    "agency_id",
    "reported_by",
    "role",
    "period",
    "period_end",
    "period_order",
    "report_date",
    "status",
    "status_written",
    "percent",
    "done_date",
    "result",
    "difficulties",
    "proposals",
    "file_name",
    "row",
    "source_ref",
]


def _agency_of(plan: Plan, written: object) -> tuple[str, str, bool]:
    """(agency id, its name, known) a return's ``Cơ quan`` cell names; ("", "", True) for the
    whole-plan workbook."""
    if not isinstance(written, str) or not written.strip():
        return "", "", False
    key = name_key(written)
    if key in {name_key(word("track.all_agencies", lang)) for lang in LANGS}:
        return "", written.strip(), True
    for agency in plan.agencies.itertuples(index=False):
        for text in (agency.name, agency.short_name, agency.name_en):
            if isinstance(text, str) and text and name_key(text) == key:
                return agency.agency_id, agency.name, True
    return "", written.strip(), False


def _citations(plan: Plan) -> set[str]:
    return {name_key(plan.citation(lang)) for lang in LANGS}


@dataclass(frozen=True)
class _Keys:
    """What every return is checked against, computed once: the plan's citations (name keys), its
    task ids and each body's role in each task."""

    citations: set[str]
    tasks: set[str]
    roles: dict[tuple[str, str], str]

    @classmethod
    def of(cls, plan: Plan) -> _Keys:
        return cls(_citations(plan), set(plan.tasks["task_id"]), _roles(plan))


def _return_reports(
    plan: Plan, keys: _Keys, ret: Return, listed: _Listed, errors: list[DataFileError]
) -> tuple[list[dict[str, Any]], Period | None, str]:
    """The reports of one return (and its period and agency id); problems go to ``errors``."""
    fname = ret.file_name
    written_plan = ret.info.get("plan")
    if not isinstance(written_plan, str) or not written_plan.strip():
        errors.append(
            ReturnError(ret.path, None, Problem("return_no_plan", sheet=word("track.sheet.info", "vi")))
        )
        return [], None, ""
    if name_key(written_plan) not in keys.citations:
        errors.append(
            ReturnError(
                ret.path,
                ret.info_refs["plan"].label,
                Problem("return_other_plan", written=written_plan, plan=plan.citation("vi")),
            )
        )
        return [], None, ""
    period = read_period(ret.info.get("period"))
    if period is None:
        place = ret.info_refs.get("period")
        errors.append(
            ReturnError(
                ret.path,
                place.label if place else None,
                Problem("return_period", written=_shown(ret.info.get("period")) or "–"),
            )
        )
        return [], None, ""
    agency_id, agency_name, known = _agency_of(plan, ret.info.get("agency"))
    label = period.label("vi")
    if not known:
        listed.add(
            "agency_unknown",
            written=ret.info.get("agency") or "",
            period=label,
            file_name=fname,
            ref=ret.info_refs.get("agency", ""),
        )
    report_date, how = read_date(ret.info.get("report_date")) if "report_date" in ret.info else (None, "")
    if report_date is None:
        listed.add(
            "report_date_missing",
            reported_by=agency_name,
            period=label,
            written=ret.info.get("report_date") or "",
            read_as=period.end,
            file_name=fname,
            ref=ret.info_refs.get("report_date", ""),
        )
        report_date = period.end
    elif how:
        listed.add(
            how,
            reported_by=agency_name,
            period=label,
            written=ret.info.get("report_date"),
            read_as=report_date,
            file_name=fname,
            ref=ret.info_refs["report_date"],
        )
    for header, ref in ret.added:
        listed.add(
            "column_added", reported_by=agency_name, period=label, written=header, file_name=fname, ref=ref
        )
    for column in ret.missing:
        if column in ("status", "task_id"):
            continue
        listed.add(
            "column_missing",
            reported_by=agency_name,
            period=label,
            written=word(f"track.col.{column}", "vi"),
            file_name=fname,
        )
    tasks, roles = keys.tasks, keys.roles
    base = {
        "reported_by": agency_name,
        "period": label,
        "report_date": report_date.isoformat(),
        "file_name": fname,
    }
    out: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for row in ret.rows:
        raw = row.values.get("task_id")
        if raw is None:
            listed.add("row_without_id", written=_row_text(row), ref=row.ref, **base)
            continue
        task_id, was_number = _task_id(raw, row.formats.get("task_id", "General"))
        if task_id not in tasks:
            errors.append(
                ReturnError(
                    ret.path,
                    ret.place(row.row, "task_id").label,
                    Problem("return_unknown_task", task=task_id),
                )
            )
            continue
        if was_number:
            listed.add(
                "id_number",
                task_id=task_id,
                written=raw,
                read_as=task_id,
                ref=ret.place(row.row, "task_id"),
                **base,
            )
        report = _row_report(ret, row, task_id, listed, base)
        if report is None:
            continue
        if task_id in seen:
            listed.add(
                "row_twice", task_id=task_id, written=f"{seen[task_id]}, {row.row}", ref=row.ref, **base
            )
        seen[task_id] = row.row
        role = roles.get((task_id, agency_id), "") if agency_id else ""
        if agency_id and not role:
            listed.add("not_assigned", task_id=task_id, ref=row.ref, **base)
        report.update(
            task_id=task_id,
            agency_id=agency_id,
            role=role,
            period_end=period.end.isoformat(),
            period_order=period.order,
            row=row.row,
            source_ref=row.source_ref,
            **base,
        )
        out.append(report)
    expected = (
        [t for (t, a), _ in roles.items() if a == agency_id] if agency_id else list(plan.tasks["task_id"])
    )
    present = {r["task_id"] for r in out} | {
        _task_id(r.values["task_id"], r.formats.get("task_id", "General"))[0]
        for r in ret.rows
        if "task_id" in r.values
    }
    for task_id in dict.fromkeys(expected):
        if task_id not in present:
            listed.add("row_missing", task_id=task_id, **base)
    return out, period, agency_id


def _row_text(row: ReturnRow) -> str:
    return " | ".join(_shown(v) for v in row.values.values())[:200]


def _row_report(
    ret: Return, row: ReturnRow, task_id: str, listed: _Listed, base: dict[str, str]
) -> dict[str, Any] | None:
    """One row's report (status, percent, dates, texts), or None when the row reports nothing."""
    values_ = row.values
    percent = None
    if "percent" in values_:
        percent, how = read_percent(values_["percent"], row.formats.get("percent", "General"))
        if how:
            listed.add(
                how,
                task_id=task_id,
                written=values_["percent"],
                read_as=percent,
                ref=ret.place(row.row, "percent"),
                **base,
            )
    done_date = None
    if "done_date" in values_:
        done_date, how = read_date(values_["done_date"])
        if how:
            listed.add(
                how,
                task_id=task_id,
                written=values_["done_date"],
                read_as=done_date,
                ref=ret.place(row.row, "done_date"),
                **base,
            )
    texts = {k: _shown(values_.get(k, "")) for k in ("result", "difficulties", "proposals")}
    written = values_.get("status")
    status_place = ret.place(row.row, "status")
    if written is not None and _shown(written).strip():
        status, how = read_status(_shown(written))
        if how == "status_typed":
            listed.add(
                how,
                task_id=task_id,
                written=written,
                read_as=value("status", status),
                ref=status_place,
                **base,
            )
    else:
        status, how = None, ""
    if status is None:
        if percent is not None:
            status = "done" if percent >= 100 else "in_progress" if percent > 0 else "not_started"
            issue = "status_from_percent"
        elif done_date is not None:
            status, issue = "done", "status_from_date"
        else:
            issue = "status_unread"
        if status is not None or written is not None or any(texts.values()):
            listed.add(
                issue,
                task_id=task_id,
                written=written or "",
                read_as=value("status", status) if status else "",
                ref=status_place,
                **base,
            )
        if status is None:
            return None
    if status == "done" and percent is not None and percent < 100:
        listed.add(
            "done_not_full", task_id=task_id, written=written or "", read_as=percent, ref=status_place, **base
        )
    return {
        "status": status,
        "status_written": _shown(written),
        "percent": percent,
        "done_date": done_date.isoformat() if done_date else "",
        **texts,
    }


def reports_of(plan: Plan, returns: Sequence[Return]) -> Reports:
    """The reports of every return; :class:`ProgressErrors` naming every file and cell that stops it."""
    listed = _Listed()
    errors: list[DataFileError] = []
    rows: list[dict[str, Any]] = []
    periods: set[Period] = set()
    returned: dict[str, list[Period]] = {}
    keys = _Keys.of(plan)
    for ret in returns:
        found, period, agency_id = _return_reports(plan, keys, ret, listed, errors)
        rows += found
        if period is not None:
            periods.add(period)
            if agency_id:
                returned.setdefault(agency_id, []).append(period)
    if errors:
        raise ProgressErrors(errors)
    reports = pd.DataFrame(rows, columns=_REPORT_COLUMNS)
    return Reports(reports, listed, sorted(periods), {k: sorted(set(v)) for k, v in returned.items()})


# ---------------------------------------------------------------- merging


@dataclass
class Progress:
    """The merged returns: the four published tables, the periods (in time), the latest one, the
    tracked agencies that sent no return for it, the as-of date, the number of returns, and every
    report (one row per task and return, least to most authoritative; not published)."""

    progress: pd.DataFrame
    by_agency: pd.DataFrame
    history: pd.DataFrame
    conflicts: pd.DataFrame
    periods: list[Period]
    as_of: dt.date
    non_reporters: list[str]
    n_returns: int = 0
    reports: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def latest(self) -> Period | None:
        return self.periods[-1] if self.periods else None

    def tables(self) -> dict[str, pd.DataFrame]:
        """The published tables by file name (``progress``, ``progress_by_agency``, …)."""
        return {
            "progress": self.progress,
            "progress_by_agency": self.by_agency,
            "progress_history": self.history,
            "conflicts": self.conflicts,
        }

    @property
    def warnings(self) -> pd.DataFrame:
        """The rows of ``conflicts`` that are warnings (``--strict`` stops on any)."""
        return self.conflicts.loc[self.conflicts["category"] == "warning"]


def _ordered(reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Reports from the least to the most authoritative: report date, period, lead first, file, row."""
    return sorted(
        reports,
        key=lambda r: (
            r["report_date"],
            r["period_end"],
            r["period_order"],
            _ROLE_RANK.get(r["role"], 0),
            r["file_name"],
            r["row"],
        ),
    )


#: The columns of ``progress`` taken from the report used (empty when there is none).
_REPORT_TEXTS = (
    "reported_by",
    "agency_id",
    "role",
    "period",
    "report_date",
    "file_name",
    "result",
    "difficulties",
    "proposals",
    "source_ref",
)


def _last(reports: list[dict[str, Any]], *keys: str) -> dict[tuple[Any, ...], dict[str, Any]]:
    """The last (most authoritative) report of each value of ``keys``, in first-seen order."""
    out: dict[tuple[Any, ...], dict[str, Any]] = {}
    for r in reports:
        key = tuple(r[k] for k in keys)
        out.pop(key, None)  # re-inserted: the dict keeps the order of the last reports
        out[key] = r
    return out


def merge(plan: Plan, returns: Sequence[Return], as_of: dt.date, lang: str = "vi") -> Progress:
    """Merge ``returns`` into one status per task as of ``as_of`` (see the module's docstring);
    ``lang``: the language of the ``message`` column. :class:`ProgressErrors` when a return does not
    belong with the plan or names a task it does not have."""
    found = reports_of(plan, returns)
    reports = _ordered(found.reports.to_dict("records"))
    listed = found.listed
    winners = {key[0]: r for key, r in _last(reports, "task_id").items()}
    period_winners = _last(reports, "task_id", "period_end", "period_order")
    _conflicts(reports, period_winners, winners, listed)

    rows = []
    day = as_of.isoformat()
    for task in plan.tasks.itertuples(index=False):
        due = task.due_date or ""
        w = winners.get(task.task_id)
        if w is not None:
            status, percent, done_date = w["status"], w["percent"], w["done_date"]
            report = {k: w[k] for k in _REPORT_TEXTS}
        else:
            status, percent, done_date = "no_report", None, ""
            report = dict.fromkeys(_REPORT_TEXTS, "")
        overdue = bool(due) and due < day and status not in CLOSED
        done_late = bool(due) and status == "done" and bool(done_date) and done_date > due
        rows.append(
            {
                "task_id": task.task_id,
                "group_id": task.group_id,
                "status": status,
                "percent": percent,
                "done_date": done_date,
                "due_date": due,
                "as_of": day,
                "overdue": overdue,
                "done_late": done_late,
                **report,
            }
        )
    progress = pd.DataFrame(rows, columns=PROGRESS_COLUMNS)
    progress["percent"] = pd.to_numeric(progress["percent"], errors="coerce").astype("float64")
    progress["group_id"] = progress["group_id"].astype("int64")

    history = _history(plan, period_winners, found.periods)
    latest = found.periods[-1] if found.periods else None
    by_agency, non_reporters = _by_agency(plan, rows, reports, found.returned, latest)
    conflicts = pd.DataFrame(listed.rows, columns=[c for c in CONFLICT_COLUMNS if c != "message"])
    conflicts = _sorted_conflicts(conflicts, plan)
    notes = {issue: word(f"track.note.{issue}", lang) for issue in (*CONFLICTS, *WARNINGS, *FIXES)}
    conflicts.insert(CONFLICT_COLUMNS.index("message"), "message", conflicts["issue"].map(notes).astype(str))
    conflicts["chosen"] = conflicts["chosen"].astype("boolean")
    return Progress(
        progress,
        by_agency,
        history,
        conflicts[CONFLICT_COLUMNS],
        found.periods,
        as_of,
        non_reporters,
        n_returns=len(returns),
        reports=pd.DataFrame(reports, columns=_REPORT_COLUMNS),
    )


def _conflicts(
    reports: list[dict[str, Any]],
    period_winners: dict[tuple[Any, ...], dict[str, Any]],
    winners: dict[str, dict[str, Any]],
    listed: _Listed,
) -> None:
    """List the reports of tasks whose returns disagree (see the module's docstring)."""

    def add(issue: str, group: list[dict[str, Any]]) -> None:
        for r in group:
            share = f" ({_shown(r['percent'])}%)" if pd.notna(r["percent"]) else ""
            listed.add(
                issue,
                task_id=r["task_id"],
                reported_by=r["reported_by"],
                period=r["period"],
                report_date=r["report_date"],
                written=r["status_written"] or (share.strip(" ()") if share else ""),
                read_as=value("status", r["status"]) + share,
                chosen=winners[r["task_id"]]["source_ref"] == r["source_ref"],
                file_name=r["file_name"],
                ref=r["source_ref"],
            )

    same_period: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for r in reports:
        same_period.setdefault((r["task_id"], r["period_end"], r["period_order"]), []).append(r)
    for group in same_period.values():
        if len({r["status"] for r in group}) > 1:
            add("status_differs", group)
    # a later period saying less than an earlier one: the task's winners, and each agency's own reports
    in_time: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for r in sorted(period_winners.values(), key=lambda r: (r["period_end"], r["period_order"])):
        in_time.setdefault((r["task_id"],), []).append(r)
    own = _last(reports, "task_id", "agency_id", "period_end", "period_order")
    for r in sorted(own.values(), key=lambda r: (r["period_end"], r["period_order"])):
        if r["agency_id"]:
            in_time.setdefault((r["task_id"], r["agency_id"]), []).append(r)
    for group in in_time.values():
        back = _went_back(group)
        if back:
            add("status_went_back", [group[i] for i in back])


def _went_back(group: list[dict[str, Any]]) -> list[int]:
    """The positions of reports (in time) after which the next says less: done then not done, a
    status lower in the order, a smaller share."""
    back: set[int] = set()
    for i in range(1, len(group)):
        (s0, p0), (s1, p1) = ((group[j]["status"], group[j]["percent"]) for j in (i - 1, i))
        r0, r1 = _RANK.get(s0), _RANK.get(s1)
        went_down = r0 is not None and r1 is not None and r1 < r0
        undone = s0 in CLOSED and s1 != s0
        less = pd.notna(p0) and pd.notna(p1) and p1 < p0
        if went_down or undone or less:
            back |= {i - 1, i}
    return sorted(back)


def _sorted_conflicts(conflicts: pd.DataFrame, plan: Plan) -> pd.DataFrame:
    """Conflicts first, then warnings, then fixes; within each by task (the plan's order), file and place."""
    order = {t: i for i, t in enumerate(plan.tasks["task_id"])}
    category = {"conflict": 0, "warning": 1, "fix": 2}
    key = conflicts.assign(
        _c=conflicts["category"].map(category),
        _t=conflicts["task_id"].map(order).fillna(-1),
        _i=conflicts["issue"].map({k: i for i, k in enumerate((*CONFLICTS, *WARNINGS, *FIXES))}),
    )
    key = key.sort_values(["_c", "_t", "_i", "file_name", "source_ref", "report_date"], kind="stable")
    return key.drop(columns=["_c", "_t", "_i"]).drop_duplicates().reset_index(drop=True)


def _history(
    plan: Plan, period_winners: dict[tuple[Any, ...], dict[str, Any]], periods: list[Period]
) -> pd.DataFrame:
    """One row per task and period: that period's winning report, or ``no_report``."""
    rows = []
    for period in periods:
        label, end = period.label("vi"), period.end.isoformat()
        for task_id in plan.tasks["task_id"]:
            w = period_winners.get((task_id, end, period.order))
            if w is not None:
                rows.append((task_id, label, end, *(w[c] for c in HISTORY_COLUMNS[3:])))
            else:
                rows.append((task_id, label, end, "no_report", None, "", "", "", ""))
    history = pd.DataFrame(rows, columns=HISTORY_COLUMNS)
    history["percent"] = pd.to_numeric(history["percent"], errors="coerce").astype("float64")
    return history


def _by_agency(
    plan: Plan,
    progress: list[dict[str, Any]],
    reports: list[dict[str, Any]],
    returned: dict[str, list[Period]],
    latest: Period | None,
) -> tuple[pd.DataFrame, list[str]]:
    tracked = tracked_agencies(plan)
    status = {r["task_id"]: r for r in progress}
    given: dict[str, list[tuple[str, str]]] = {}
    for (task_id, agency_id), role in _roles(plan).items():
        given.setdefault(agency_id, []).append((task_id, role))
    reported_latest = {
        (r["agency_id"], r["task_id"])
        for r in reports
        if latest is not None
        and (r["period_end"], r["period_order"]) == (latest.end.isoformat(), latest.order)
    }
    last_dates: dict[str, str] = {}
    for r in reports:
        last_dates[r["agency_id"]] = max(last_dates.get(r["agency_id"], ""), r["report_date"])
    rows, non_reporters = [], []
    for agency in tracked.itertuples(index=False):
        tasks = given.get(agency.agency_id, [])
        led = [status[t] for t, role in tasks if role == "lead"]
        periods = returned.get(agency.agency_id, [])
        sent_latest = latest is not None and latest in periods
        if not sent_latest:
            non_reporters.append(agency.agency_id)
        rows.append(
            {
                "agency_id": agency.agency_id,
                "agency_name": agency.agency_name,
                "n_lead": agency.n_lead,
                "n_coordinate": agency.n_coordinate,
                **{f"n_{s}": sum(t["status"] == s for t in led) for s in STATUSES},
                "n_overdue": sum(bool(t["overdue"]) for t in led),
                "n_not_reported": sum((agency.agency_id, t) not in reported_latest for t, _ in tasks),
                "periods": "; ".join(p.label("vi") for p in periods),
                "reported_latest": sent_latest,
                "last_report_date": last_dates.get(agency.agency_id, ""),
            }
        )
    return pd.DataFrame(rows, columns=BY_AGENCY_COLUMNS), non_reporters


# ---------------------------------------------------------------- the progress in a pack


@dataclass(frozen=True)
class ProgressSummary:
    """What the pack says of the progress (``plan132 build --progress``), as data: the as-of date, the
    periods reported (labels, in time), the tasks by status, the tasks due before the as-of date
    (done or not), the overdue tasks with their leads' agency ids, the tasks done late, and (when
    ``progress_by_agency.csv`` is at hand) the tracked agencies that sent no return for the latest
    period."""

    as_of: str
    periods: tuple[str, ...]
    n_tasks: int
    counts: dict[str, int]
    n_due: int
    overdue: tuple[tuple[str, tuple[str, ...]], ...]
    done_late: tuple[str, ...]
    non_reporters: tuple[str, ...] | None

    @property
    def latest(self) -> str:
        return self.periods[-1] if self.periods else ""


def summary_of(plan: Plan, progress: pd.DataFrame, by_agency: pd.DataFrame | None = None) -> ProgressSummary:
    """The :class:`ProgressSummary` of a ``progress`` table (and its ``progress_by_agency`` table: who did
    not report, and the periods of every return, not only those whose reports a task's status is from)."""
    leads = plan.assignments.loc[plan.assignments["role"] == "lead"]
    lead_ids = (
        leads.groupby("task_id", sort=False)["agency_id"].agg(lambda s: tuple(dict.fromkeys(s))).to_dict()
    )
    labels = [p for p in dict.fromkeys(progress["period"]) if isinstance(p, str) and p]
    if by_agency is not None:  # every period returned, also one whose reports all gave way to later ones
        cells = [c for c in by_agency["periods"] if isinstance(c, str)]
        labels += [p.strip() for cell in cells for p in cell.split(";")]
    periods = sorted({q for q in map(read_period, labels) if q is not None})
    overdue = progress.loc[progress["overdue"].astype(bool), "task_id"]
    late = progress.loc[progress["done_late"].astype(bool), "task_id"]
    non_reporters = None
    if by_agency is not None:
        non_reporters = tuple(by_agency.loc[~by_agency["reported_latest"].astype(bool), "agency_id"])
    as_of = next((str(d) for d in progress["as_of"] if isinstance(d, str) and d), "")
    due = progress["due_date"].fillna("").astype(str)
    return ProgressSummary(
        as_of=as_of,
        periods=tuple(dict.fromkeys(q.label("vi") for q in periods)),
        n_tasks=len(progress),
        counts={s: int((progress["status"] == s).sum()) for s in STATUSES},
        n_due=int(((due != "") & (due < as_of)).sum()),
        overdue=tuple((t, lead_ids.get(t, ())) for t in overdue),
        done_late=tuple(late),
        non_reporters=non_reporters,
    )


@dataclass(frozen=True)
class PackProgress:
    """The progress a pack shows (``plan132 build --progress``): ``progress.csv``, its summary, and the
    tables as the charts of :mod:`plan132lib.charts.progress` draw them (``merged``: ``progress.csv``,
    ``progress_by_agency.csv`` or, without it, the same counts made from ``progress.csv``; the periods
    and the as-of date of the summary; no history and no conflicts)."""

    table: pd.DataFrame
    summary: ProgressSummary
    merged: Progress


def counted_by_agency(plan: Plan, progress: pd.DataFrame) -> pd.DataFrame:
    """``progress_by_agency`` as far as ``progress.csv`` says it: per tracked agency, the tasks it leads
    by status and overdue; who reported what, and when, left empty (the returns say it, not the merge)."""
    status = dict(zip(progress["task_id"], progress["status"], strict=True))
    overdue = dict(zip(progress["task_id"], progress["overdue"].astype(bool), strict=True))
    led: dict[str, list[str]] = {}
    for (task_id, agency_id), role in _roles(plan).items():
        if role == "lead":
            led.setdefault(agency_id, []).append(task_id)
    rows = []
    for agency in tracked_agencies(plan).itertuples(index=False):
        tasks = led.get(agency.agency_id, [])
        rows.append(
            {
                "agency_id": agency.agency_id,
                "agency_name": agency.agency_name,
                "n_lead": agency.n_lead,
                "n_coordinate": agency.n_coordinate,
                **{f"n_{s}": sum(status.get(t) == s for t in tasks) for s in STATUSES},
                "n_overdue": sum(overdue.get(t, False) for t in tasks),
                "n_not_reported": pd.NA,
                "periods": "",
                "reported_latest": pd.NA,
                "last_report_date": "",
            }
        )
    return pd.DataFrame(rows, columns=BY_AGENCY_COLUMNS)


def load_progress(path: str | Path, plan: Plan) -> PackProgress:
    """``progress.csv`` as ``plan132 track report`` wrote it (with ``progress_by_agency.csv`` when it
    stands beside it, for who did not report); :class:`ReturnError` naming the file and the line when
    a task is not the plan's, or a column is missing."""
    path = Path(path)
    try:
        progress = read_csv(path, "track/progress")
    except OSError as exc:
        raise ReturnError(path, None, Problem("cannot_read", reason=exc)) from None
    lacking = [c for c in table_columns("track/progress") if c not in progress.columns]
    if lacking:
        raise ReturnError(path, 1, Problem("progress_columns", columns=", ".join(lacking)))
    tasks = set(plan.tasks["task_id"])
    for line, task_id in enumerate(progress["task_id"], start=2):
        if task_id not in tasks:
            raise ReturnError(path, line, Problem("progress_task", task=task_id, plan=plan.citation("vi")))
    beside = path.with_name("progress_by_agency.csv")
    by_agency = read_csv(beside, "track/progress_by_agency") if beside.is_file() else None
    summary = summary_of(plan, progress, by_agency)
    try:
        as_of = dt.date.fromisoformat(summary.as_of)
    except ValueError:
        raise ReturnError(path, 2, Problem("progress_columns", columns="as_of")) from None
    merged = Progress(
        progress=progress,
        by_agency=by_agency if by_agency is not None else counted_by_agency(plan, progress),
        history=pd.DataFrame(columns=HISTORY_COLUMNS),
        conflicts=pd.DataFrame(columns=CONFLICT_COLUMNS),
        periods=[p for p in map(read_period, summary.periods) if p is not None],
        as_of=as_of,
        non_reporters=list(summary.non_reporters or ()),
    )
    return PackProgress(progress, summary, merged)
