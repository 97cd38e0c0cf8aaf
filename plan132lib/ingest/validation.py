"""The checks an analyst runs first on a parsed plan (RACI-style).

Each finding is one row: which check, how serious, the task or agency it is
about, a sentence saying what was found, and the source line to look at.

Checks:

- ``several_leads``: a task with more than one lead agency (shared accountability);
- ``collective_lead``: a task led by a collective ("Các sở, ban, ngành", "các đơn vị
  có liên quan"): nobody in particular is accountable;
- ``no_lead``: a task with no lead agency at all;
- ``no_specific_coordinator``: a task whose coordinators are all collective, or none;
- ``open_ended``: a timeline that goes on ("… và các năm tiếp theo", "Thường xuyên");
- ``unread_timeline``: a timeline the library could not read into years;
- ``unknown_agency``: a name not in the agency registry (kept as written);
- ``duties_without_tasks``: an agency with duties in the plan's duties section (Section IV of
  Plan 132, "TỔ CHỨC THỰC HIỆN"; the sentences name it by the plan's own number) but no task in
  the appendix;
- ``tasks_without_duties``: an agency with appendix tasks but no item in the duties section;
- ``source_value``: a value the reader could not take as the file gives it, or cannot check (an
  Excel formula whose saved value differs from what the formula gives, one that refers to another
  workbook): the reader's :class:`~.document.Note`, naming the cell;
- ``reading_note``: what is worth knowing about the reading (how many Excel formula cells keep the
  value Excel last saved).

Each check has a severity (:data:`SEVERITY`): ``warning`` for what a reader must fix or
decide (``plan132 check --strict`` exits 1 on any), ``info`` for what is worth knowing.

The descriptions of the checks (``check.*``), their short names (``value.check.*``), the
severities (``value.severity.*``), the sentences of the findings (``finding.*``) and the
lines of the report (``validation.*``) are rows of ``plan132lib/words.csv``; the findings
and the report are written in Vietnamese by default, in English with ``lang="en"``. The
``check`` and ``severity`` columns of the findings keep the codes.
"""

from __future__ import annotations

import functools
import textwrap

import pandas as pd

from .. import refs
from ..words import Locale, long_date, word
from .tables import Plan, section_name

FINDING_COLUMNS = ["check", "severity", "task_id", "agency_id", "detail", "source_line", "source_ref"]
# The checks in report order; each is described by the row check.<name> of words.csv.
CHECKS = (
    "several_leads",
    "collective_lead",
    "no_lead",
    "no_specific_coordinator",
    "open_ended",
    "unread_timeline",
    "unknown_agency",
    "duties_without_tasks",
    "tasks_without_duties",
    "source_value",
    "reading_note",
)
# How serious each check's findings are: "warning" (fix or decide) or "info" (worth knowing).
SEVERITY = {
    "several_leads": "warning",
    "collective_lead": "warning",
    "no_lead": "warning",
    "no_specific_coordinator": "info",
    "open_ended": "info",
    "unread_timeline": "warning",
    "unknown_agency": "warning",
    "duties_without_tasks": "info",
    "tasks_without_duties": "info",
    "source_value": "warning",
    "reading_note": "info",
}
#: The reader's notes (:class:`~.document.Note`) that are ``source_value`` findings; any other is a
#: ``reading_note``. Each is said by the row ``finding.note.<key>`` of words.csv.
SOURCE_VALUE_NOTES = (
    "formula_differs",
    "formula_external",
    "external_links",
    "formula_differs_more",
    "formula_external_more",
)


def description(check: str, lang: str = "vi", section: str = "") -> str:
    """What a check looks for, in a few words (row ``check.<check>`` of words.csv); ``section``
    names the plan's duties section (``plan.duties_section_name(lang)``: "Mục II"), else its meaning."""
    return word(f"check.{check}", lang, section=section or section_name("", lang))


def warnings(found: pd.DataFrame) -> int:
    """How many findings are warnings (what ``plan132 check --strict`` fails on)."""
    return int((found["severity"] == "warning").sum())


def duties_vs_tasks(plan: Plan) -> pd.DataFrame:
    """Agencies whose Section IV duties and appendix tasks do not meet, with the text beside.

    ``finding`` is ``duties_without_tasks`` (Section IV duties, no appendix task)
    or ``tasks_without_duties`` (appendix tasks, no Section IV item). A plan with no
    Section IV has nothing to set against its appendix: no rows.
    """
    a = plan.assignments if not plan.duties.empty else plan.assignments.iloc[:0]
    da = plan.duty_agencies
    with_tasks, with_duties = set(a["agency_id"]), set(da["agency_id"])
    rows = []
    # A collective's tasks need no duty item of its own ("các cơ quan có nguồn thu …"), and a generic
    # phrase the registry does not know ("Cơ quan, đơn vị được giao …") is no body to give duties to;
    # a known group given duties but no task ("Các cơ quan báo chí, truyền thông") is reported.
    # Each agency's rows, grouped once: a plan of thousands of tasks names hundreds of agencies.
    duty_rows = dict(tuple(da.groupby("agency_id", sort=False))) if not da.empty else {}
    task_rows = dict(tuple(a.groupby("agency_id", sort=False))) if not a.empty else {}
    content = dict(zip(plan.tasks["task_id"], plan.tasks["content"], strict=True))
    for agency in plan.agencies.itertuples():
        generic = bool(agency.is_collective) and not bool(agency.in_registry)
        if agency.agency_id in with_duties and agency.agency_id not in with_tasks and not generic:
            mine = duty_rows[agency.agency_id]
            items = sorted(set(mine["item"]))
            duties = plan.duties[plan.duties["item"].isin(items)]
            rows.append(
                {
                    "agency_id": agency.agency_id,
                    "agency_name": agency.name,
                    "finding": "duties_without_tasks",
                    "items": ";".join(map(str, items)),
                    "task_ids": "",
                    "text": " | ".join(duties["text"]),
                    "source_line": mine["source_line"].iloc[0],
                }
            )
        if (
            agency.agency_id in with_tasks
            and agency.agency_id not in with_duties
            and not agency.is_collective
        ):
            mine = task_rows[agency.agency_id]
            ids = list(dict.fromkeys(mine["task_id"]))
            rows.append(
                {
                    "agency_id": agency.agency_id,
                    "agency_name": agency.name,
                    "finding": "tasks_without_duties",
                    "items": "",
                    "task_ids": ";".join(ids),
                    "text": " | ".join(content[i] for i in ids),
                    "source_line": mine["source_line"].iloc[0],
                }
            )
    frame = pd.DataFrame(
        rows, columns=["agency_id", "agency_name", "finding", "items", "task_ids", "text", "source_line"]
    )
    frame["source_line"] = frame["source_line"].astype("Int64")
    return frame


def _names(frame: pd.DataFrame) -> str:
    return "; ".join(frame["agency_name"])


def findings(plan: Plan, lang: str = "vi") -> pd.DataFrame:
    """All findings, ordered by check (in the order of :data:`CHECKS`) then task.

    ``detail`` is a sentence in ``lang``; ``check`` and ``severity`` are codes (their words:
    ``value.check.<code>``, ``value.severity.<code>``).
    """

    section = plan.duties_section_name(lang)  # "Mục II": the plan's own number

    def _say(key: str, **fields: object) -> str:
        return word(key, lang, section=section, **fields)

    rows: list[dict[str, object]] = []
    a = plan.assignments
    tasks = plan.tasks.set_index("task_id")
    leads = a[a["role"] == "lead"]
    coords = a[a["role"] == "coordinate"]

    # Looked up per task: plain dicts, so a plan of thousands of tasks is checked in linear time.
    places = {
        t: (line, refs.first_ref(ref))
        for t, line, ref in zip(tasks.index, tasks["source_line"], tasks["source_ref"], strict=True)
    }
    no_coords = coords.iloc[:0]

    def at(task_id: str) -> tuple[object, str]:
        return places[task_id]

    # Only the tasks with something to say are grouped (a large plan has thousands of tasks).
    count = leads.groupby("task_id", sort=False)["task_id"].transform("size")
    odd = leads["task_id"].isin(leads.loc[leads["is_collective"].astype(bool), "task_id"]) | (count > 1)
    for task_id, group in leads[odd].groupby("task_id", sort=False):
        line = at(task_id)
        if len(group) > 1:
            rows.append(
                _row(
                    "several_leads",
                    task_id,
                    "",
                    _say("finding.several_leads", n=len(group), names=_names(group)),
                    line,
                )
            )
        collective = group[group["is_collective"]]
        if not collective.empty:
            rows.append(
                _row(
                    "collective_lead",
                    task_id,
                    ";".join(collective["agency_id"]),
                    _say("finding.collective_lead", names=_names(collective)),
                    line,
                )
            )
    for task_id in tasks.index.difference(leads["task_id"].unique(), sort=False):
        rows.append(_row("no_lead", task_id, "", _say("finding.no_lead"), at(task_id)))
    specific = set(coords.loc[~coords["is_collective"].astype(bool), "task_id"])
    vague = coords[~coords["task_id"].isin(specific)]  # the coordinators of tasks with no specific one
    coords_of = dict(tuple(vague.groupby("task_id", sort=False))) if not vague.empty else {}
    for task_id in tasks.index.difference(list(specific), sort=False):
        mine = coords_of.get(task_id, no_coords)
        if mine.empty or mine["is_collective"].all():
            detail = (
                _say("finding.no_coordinator")
                if mine.empty
                else _say("finding.collective_coordinators", names=_names(mine))
            )
            rows.append(_row("no_specific_coordinator", task_id, "", detail, at(task_id)))
    for task_id, row in tasks[tasks["open_ended"]].iterrows():
        rows.append(
            _row(
                "open_ended",
                task_id,
                "",
                _say("finding.open_ended", timeline=row["timeline_raw"]),
                at(task_id),
            )
        )
    for task_id, row in tasks[tasks["timeline_kind"].isin(["other", "none", "status"])].iterrows():
        detail = {
            "none": _say("finding.no_timeline"),
            "status": _say("finding.status_timeline", timeline=row["timeline_raw"]),
        }.get(row["timeline_kind"]) or _say("finding.odd_timeline", timeline=row["timeline_raw"])
        rows.append(_row("unread_timeline", task_id, "", detail, at(task_id)))

    named = pd.concat(
        [
            a.assign(where=[_say("finding.where_task", task=t) for t in a["task_id"]])[
                ["agency_id", "raw_name", "known", "where", "source_line", "source_ref"]
            ],
            plan.duty_agencies.assign(
                where=[_say("finding.where_item", item=str(i)) for i in plan.duty_agencies["item"]]
            )[["agency_id", "raw_name", "known", "where", "source_line", "source_ref"]],
        ]
    )
    suggest = functools.lru_cache(maxsize=None)(plan.registry.suggest)  # once per distinct name
    for _, row in named[~named["known"].astype(bool)].iterrows():  # bool even when a table is empty
        detail = _say("finding.unknown_agency", name=row["raw_name"], where=row["where"])
        suggestion = suggest(row["raw_name"])
        if suggestion:
            detail += " " + _say("finding.did_you_mean", name=suggestion)
        rows.append(
            _row("unknown_agency", "", row["agency_id"], detail, (row["source_line"], row["source_ref"]))
        )

    first_ref = {
        "duties_without_tasks": _first_refs(plan.duty_agencies),  # where an agency first stands
        "tasks_without_duties": _first_refs(plan.assignments),
    }
    for r in duties_vs_tasks(plan).itertuples():
        if r.finding == "duties_without_tasks":
            detail = _say("finding.duties_without_tasks", agency=r.agency_name, item=r.items.split(";")[0])
        else:
            ids = r.task_ids.split(";")
            detail = _say(
                "finding.tasks_without_duties", agency=r.agency_name, n=len(ids), ids=", ".join(ids)
            )
        ref = first_ref[r.finding].get(r.agency_id, "")
        rows.append(_row(r.finding, "", r.agency_id, detail, (r.source_line, ref)))

    for note in plan.document.notes:
        check = "source_value" if note.key in SOURCE_VALUE_NOTES else "reading_note"
        rows.append(
            _row(check, "", "", _say(f"finding.note.{note.key}", **dict(note.fields)), (None, note.place))
        )

    frame = pd.DataFrame(rows, columns=FINDING_COLUMNS)
    order = {check: i for i, check in enumerate(CHECKS)}
    frame["_order"] = frame["check"].map(order)
    frame = frame.sort_values(["_order"], kind="stable").drop(columns="_order")
    frame["source_line"] = frame["source_line"].astype("Int64")
    return frame.reset_index(drop=True)


def _first_refs(frame: pd.DataFrame) -> dict[str, str]:
    """Where each agency's first task (or Section IV item) stands: agency id -> its first ``source_ref``."""
    first = frame.drop_duplicates("agency_id")
    return {agency: str(ref) for agency, ref in zip(first["agency_id"], first["source_ref"], strict=True)}


def _row(
    check: str, task_id: str, agency_id: str, detail: str, where: tuple[object, str]
) -> dict[str, object]:
    line, ref = where
    return {
        "check": check,
        "severity": SEVERITY[check],
        "task_id": task_id,
        "agency_id": agency_id,
        "detail": detail,
        "source_line": None if pd.isna(line) else int(line),
        "source_ref": ref,
    }


def summary(found: pd.DataFrame, lang: str = "vi", section: str = "") -> pd.DataFrame:
    """Count of findings per check, including checks with none (``section``: as in :func:`description`)."""
    counts = found.groupby("check").size()
    return pd.DataFrame(
        {
            "check": list(CHECKS),
            "description": [description(c, lang, section) for c in CHECKS],
            "count": [int(counts.get(c, 0)) for c in CHECKS],
        }
    )


def report_text(plan: Plan, found: pd.DataFrame | None = None, width: int = 100, lang: str = "vi") -> str:
    """The validation report as plain text in ``lang``: a summary table, then each check's findings.

    ``found`` (from :func:`findings`) must be in the same ``lang``; by default it is computed.
    The last lines count the warnings and say what ``plan132 check --strict`` does with them.
    """
    found = findings(plan, lang) if found is None else found
    t = plan.tasks

    section = plan.duties_section_name(lang)
    loc = Locale(lang)

    def say(key: str, **fields: object) -> str:
        return word(key, lang, section=section, **fields)

    out = [
        say(
            "validation.plan",
            number=plan.number,
            date=long_date(plan.meta_value("date"), lang),
            issuer=plan.meta_value("issuer") or "?",
        )
        if plan.number and plan.meta_value("date")
        else say("validation.plan_named", plan=plan.citation(lang)),  # a draft: "Dự thảo kế hoạch …"
        say("validation.source", path=plan.path),
        say(
            "validation.parsed",
            groups=t["group_id"].nunique(),
            tasks=len(t),
            assignments=len(plan.assignments),
            agencies=len(plan.agencies),
            items=plan.duties["item"].nunique(),
            duties=len(plan.duties),
            targets=len(plan.targets),
        ),
        say("validation.implements", documents="; ".join(plan.meta_values("implements")))
        if plan.meta_values("implements")
        else say("validation.implements_none"),
        "",
        say("validation.summary"),
    ]
    table = summary(found, lang, section)
    severities = [word(f"value.severity.{SEVERITY[c]}", lang) for c in table["check"]]
    w = max(len(d) for d in [*table["description"], say("validation.col_description")])
    s = max(len(x) for x in [*severities, say("validation.col_severity")])
    out.append(
        f"  {say('validation.col_description'):<{w}}  {say('validation.col_severity'):<{s}}  "
        f"{say('validation.col_count'):>8}"
    )
    out += [
        f"  {r.description:<{w}}  {sev:<{s}}  {r.count:>8}"
        for r, sev in zip(table.itertuples(), severities, strict=True)
    ]
    for check in CHECKS:
        rows = found[found["check"] == check]
        if rows.empty:
            continue
        out += ["", f"{description(check, lang, section)} ({len(rows)})"]
        for r in rows.itertuples():
            who = say("validation.task", task=r.task_id) if r.task_id else ""
            at = loc.place(plan.source_refs(r.source_ref) or r.source_ref)
            lead = f"  {who:<16} {at:<16}  "
            body = textwrap.wrap(r.detail, width=max(30, width - len(lead))) or [""]
            out.append(lead + body[0])
            out += [" " * len(lead) + more for more in body[1:]]
    n_warn = warnings(found)
    out += [
        "",
        say("validation.totals", warnings=n_warn, infos=len(found) - n_warn),
        say("validation.strict"),
    ]
    return "\n".join(out) + "\n"
