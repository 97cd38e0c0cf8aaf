"""Who carries the plan: workload tables per agency, group and year.

Every table takes ``collectives``, the treatment of collective entries ("Các sở,
ban, ngành", "Các đơn vị có liên quan", …):

- ``"keep"`` (default): a collective counts as one agency, as the plan writes it;
- ``"drop"``: collective entries are left out; tasks and roles of named agencies
  are unchanged (a task led only by a collective then has no lead);
- ``"expand"``: a collective is replaced by the members the plan itself names
  (:func:`collective_members`): of the registry's candidate members (``members``:
  "Các sở, ban, ngành" may stand for any department, the inspectorate, the police …),
  those the plan names on their own somewhere in its assignments or Section IV duties.
  An agency named in the task itself keeps its own role, and a lead role wins over a
  coordinating one. A collective whose members the plan never names, or that has no
  candidate members ("Các đơn vị có liên quan": nobody can say who they are), is kept
  whole, and :func:`expansion_note` says so.

All counts are numbers of distinct tasks; every row can be traced through
``task_id`` to ``plan.tasks.source_line``.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from ..ingest.tables import Plan
from ..ingest.timeline import RECURRING, UNREAD
from ..ingest.validation import duties_vs_tasks as duties_vs_tasks  # re-exported: part of the analysis API
from ..stamp import prepared_on
from ..words import values, word
from .memo import per_plan


def _quoted(name: object) -> str:
    """A name in quotation marks when it holds a comma ("Các sở, ban, ngành"), so lists of names read."""
    text = str(name)
    return f"“{text}”" if "," in text else text


Collectives = Literal["keep", "drop", "expand"]
COLLECTIVE_OPTIONS: tuple[Collectives, ...] = ("keep", "drop", "expand")
_NAME_COLUMNS = ["agency_id", "agency_name", "short_name", "name_en", "kind", "is_collective"]


@per_plan
def _names(plan: Plan) -> pd.DataFrame:
    """Name columns for every agency of the plan and every registry agency."""
    rows = [
        {
            "agency_id": a.agency_id,
            "agency_name": a.name,
            "short_name": a.short_name,
            "name_en": a.name_en,
            "kind": a.kind,
            "is_collective": a.is_collective,
        }
        for a in plan.registry.agencies.values()
    ]
    unknown = plan.agencies.loc[~plan.agencies["in_registry"]]
    rows += [
        {
            "agency_id": r.agency_id,
            "agency_name": r.name,
            "short_name": r.short_name,
            "name_en": r.name_en or r.name,
            "kind": r.kind,
            "is_collective": r.is_collective,
        }
        for r in unknown.itertuples()
    ]
    return pd.DataFrame(rows, columns=_NAME_COLUMNS).drop_duplicates("agency_id")


@per_plan
def assignments(plan: Plan, collectives: Collectives = "keep") -> pd.DataFrame:
    """The plan's assignments with collectives kept, dropped or expanded.

    Columns: task_id, role, agency_id, via (the collective a row was expanded
    from, else ""), then the agency's names and kind. One row per task, agency
    and role; under ``expand`` one row per task and agency (lead wins).
    """
    if collectives not in COLLECTIVE_OPTIONS:
        raise ValueError(f"collectives must be one of {COLLECTIVE_OPTIONS}, not {collectives!r}")
    a = plan.assignments[["task_id", "role", "agency_id", "is_collective"]].assign(via="")
    if collectives == "drop":
        a = a[~a["is_collective"]]
    elif collectives == "expand":
        members = {k: v for k, v in collective_members(plan).items() if v}
        expandable = a["agency_id"].isin(list(members))
        expanded = (
            a[expandable]
            .assign(via=lambda f: f["agency_id"], agency_id=lambda f: f["agency_id"].map(members))
            .explode("agency_id")
        )
        a = pd.concat([a[~expandable], expanded], ignore_index=True)
        a["_explicit"] = a["via"].eq("")
        a["_lead"] = a["role"].eq("lead")
        a = (
            a.sort_values(
                ["task_id", "agency_id", "_lead", "_explicit"],
                ascending=[True, True, False, False],
                kind="stable",
            )
            .drop_duplicates(["task_id", "agency_id"])
            .drop(columns=["_explicit", "_lead"])
        )
    a = a.drop(columns="is_collective").merge(_names(plan), on="agency_id", how="left")
    order = {t: i for i, t in enumerate(plan.tasks["task_id"])}
    roles = {"lead": 0, "coordinate": 1}
    a = a.sort_values(
        ["task_id", "role", "agency_id"],
        kind="stable",
        key=lambda s: s.map(order) if s.name == "task_id" else s.map(roles) if s.name == "role" else s,
    )
    return a.reset_index(drop=True)[["task_id", "role", "agency_id", "via", *_NAME_COLUMNS[1:]]]


@per_plan
def collective_members(plan: Plan) -> dict[str, tuple[str, ...]]:
    """For each collective entry the plan names, the members it is expanded into: those of the
    registry's candidate members that the plan names on their own somewhere (an assignment or a
    Section IV heading), in the registry's order; empty when it names none of them (or the
    collective has no candidate members), so the collective stays whole.

    A fixed member list would make "Các sở, ban, ngành" of an administrative-reform plan include
    the military command because some other plan's field needs it; the plan's own names do not.
    """
    named = set(plan.assignments["agency_id"]) | set(plan.duty_agencies["agency_id"])
    collective = plan.agencies.loc[plan.agencies["is_collective"], "agency_id"]
    out: dict[str, tuple[str, ...]] = {}
    for agency_id in collective:
        agency = plan.registry.agencies.get(agency_id)
        candidates = agency.members if agency is not None else ()
        out[agency_id] = tuple(m for m in candidates if m in named and m != agency_id)
    return out


def expansion_note(plan: Plan, lang: str = "vi") -> str:
    """One sentence per kind of outcome of ``"expand"``: which collectives became which number of
    named members, and which were kept whole because the plan names none of their members; "" when
    the plan names no collective entry."""
    members = collective_members(plan)
    names = _names(plan).set_index("agency_id")["agency_name" if lang == "vi" else "name_en"]
    expanded = [
        word("workload.expanded_one", lang, name=_quoted(names.get(k, k)), n=len(v))
        for k, v in members.items()
        if v
    ]
    whole = [_quoted(names.get(k, k)) for k, v in members.items() if not v]
    parts = []
    if expanded:
        parts.append(word("workload.expanded", lang, items="; ".join(expanded)))
    if whole:
        parts.append(word("workload.kept_whole", lang, n=len(whole), names="; ".join(whole)))
    return " ".join(parts)


@per_plan
def agency_workload(plan: Plan, collectives: Collectives = "keep") -> pd.DataFrame:
    """Per agency: tasks led (alone / shared), coordinated, and a weighted lead load.

    - ``n_lead``: tasks the agency leads; ``n_lead_alone``: of these, tasks it
      leads alone; ``n_lead_shared``: tasks whose lead it shares with others;
    - ``n_coordinate``: tasks it coordinates; ``n_tasks``: tasks in any role;
    - ``lead_weight``: a task led by n agencies counts 1/n for each of them, so the
      weights of all agencies add up to the number of tasks that have a lead;
    - ``lead_share``: lead_weight divided by the number of tasks in the plan.

    Sorted by lead_weight, then n_lead and n_coordinate (descending), then id.
    """
    a = assignments(plan, collectives)
    leads = a[a["role"] == "lead"]
    n_leads = leads.groupby("task_id")["agency_id"].nunique()
    leads = leads.assign(n=leads["task_id"].map(n_leads))
    per = pd.DataFrame(
        {
            "n_lead": leads.groupby("agency_id")["task_id"].nunique(),
            "n_lead_alone": leads[leads["n"] == 1].groupby("agency_id")["task_id"].nunique(),
            "n_lead_shared": leads[leads["n"] > 1].groupby("agency_id")["task_id"].nunique(),
            "n_coordinate": a[a["role"] == "coordinate"].groupby("agency_id")["task_id"].nunique(),
            "n_tasks": a.groupby("agency_id")["task_id"].nunique(),
            "lead_weight": (1 / leads["n"]).groupby(leads["agency_id"]).sum(),
        }
    ).fillna(0)
    for col in ("n_lead", "n_lead_alone", "n_lead_shared", "n_coordinate", "n_tasks"):
        per[col] = per[col].astype(int)
    per["lead_share"] = per["lead_weight"] / len(plan.tasks)
    per = per.reset_index().rename(columns={"index": "agency_id"})
    out = per.merge(_names(plan), on="agency_id", how="left")
    out = out.sort_values(
        ["lead_weight", "n_lead", "n_coordinate", "agency_id"],
        ascending=[False, False, False, True],
        kind="stable",
    )
    return out[
        [
            *_NAME_COLUMNS,
            "n_lead",
            "n_lead_alone",
            "n_lead_shared",
            "n_coordinate",
            "n_tasks",
            "lead_weight",
            "lead_share",
        ]
    ].reset_index(drop=True)


@per_plan
def group_matrix(plan: Plan, collectives: Collectives = "keep") -> pd.DataFrame:
    """Agency × task group: tasks led and coordinated in each group (long form).

    One row per agency and group in which it has a role; agencies in the order
    of :func:`agency_workload`.
    """
    a = assignments(plan, collectives).merge(plan.tasks[["task_id", "group_id", "group_title"]], on="task_id")
    counts = (
        a.pivot_table(
            index=["agency_id", "group_id", "group_title"],
            columns="role",
            values="task_id",
            aggfunc="nunique",
            fill_value=0,
        )
        .reindex(columns=["lead", "coordinate"], fill_value=0)
        .rename(columns={"lead": "n_lead", "coordinate": "n_coordinate"})
        .reset_index()
    )
    counts.columns.name = None
    order = {k: i for i, k in enumerate(agency_workload(plan, collectives)["agency_id"])}
    counts = counts.merge(_names(plan), on="agency_id", how="left")
    counts = counts.sort_values(
        ["agency_id", "group_id"], key=lambda s: s.map(order) if s.name == "agency_id" else s, kind="stable"
    )
    return counts[
        [
            "agency_id",
            "agency_name",
            "short_name",
            "name_en",
            "group_id",
            "group_title",
            "n_lead",
            "n_coordinate",
        ]
    ].reset_index(drop=True)


def raci_matrix(plan: Plan, collectives: Collectives = "keep", lang: str = "vi") -> pd.DataFrame:
    """Agency rows × task columns, cells "Chủ trì" / "Phối hợp" / "" (Lead / Coordinate).

    The index is the agency's canonical name; agencies in the order of
    :func:`agency_workload`, tasks in plan order.
    """
    labels = values("role", lang)
    a = assignments(plan, collectives)
    order = agency_workload(plan, collectives)
    cells = a.assign(value=a["role"].map(labels)).pivot_table(
        index="agency_id", columns="task_id", values="value", aggfunc="first"
    )
    cells = cells.reindex(index=order["agency_id"], columns=plan.tasks["task_id"]).fillna("")
    names = order.set_index("agency_id")["agency_name" if lang == "vi" else "name_en"]
    cells.index = [names[i] for i in cells.index]
    cells.index.name = word("raci.agency", lang)
    cells.columns.name = None
    return cells


def issued_year(plan: Plan) -> int | None:
    """The year the plan was issued (its date), or None for an undated draft."""
    date = plan.meta_value("date") or ""
    return int(date[:4]) if date[:4].isdigit() else None


def recurring_years(plan: Plan) -> pd.DataFrame:
    """The tasks with start_year and end_year, a recurring task with no year ("Thường xuyên",
    "Hằng năm": open-ended, no start; the plan's title names no period) taken to start in the
    first year of the plan's period: the year of its date (a draft's: of its date line)."""
    t = plan.tasks.copy()
    year = plan.period.start
    recurring = t["open_ended"] & t["start_year"].isna()
    if year is not None and recurring.any():
        t.loc[recurring, "start_year"] = year
        t.loc[recurring & t["end_year"].isna(), "end_year"] = year
    return t


def window(plan: Plan) -> tuple[int, ...]:
    """The years the timeline tables and charts show: the plan's period (its title's, else from
    its date on), widened to every year a task runs; one column after them is "sau <last>".

    A plan for 2026 gives (2026,); a plan dated 2026 whose tasks run to 2030, 2026–2030. A plan
    with no year anywhere (undated, no period, no dated task) gives the year it is prepared in.
    """
    period = plan.period
    t = recurring_years(plan)
    starts = [int(y) for y in t["start_year"].dropna()]
    ends = [int(y) for y in t["end_year"].dropna()]
    first = min((y for y in (period.start, *starts) if y is not None), default=None)
    last = max((y for y in (period.end, period.start, *starts, *ends) if y is not None), default=None)
    if first is None or last is None:
        return (prepared_on().year,)
    return tuple(range(first, last + 1))


def after(years: tuple[int, ...]) -> str:
    """The period code after the window ("sau 2030"), as ``active_by_year`` and ``tasks_per_year``
    write it (a chart or a reader says it in its language from the year)."""
    return word("chart.after", "vi", year=years[-1])


def after_year(period: str) -> int | None:
    """The last year of the window a period code :func:`after` names ("sau 2030" → 2030); None for
    a year's own code ("2027")."""
    digits = "".join(c for c in period if c.isdigit())
    return int(digits) if digits and period != digits and period == after((int(digits),)) else None


def period_labels(plan: Plan) -> list[str]:
    """The period codes of the plan's window, in order: "2026", …, "sau 2030"."""
    years = window(plan)
    return [*map(str, years), after(years)]


def due_soon_until(plan: Plan) -> int:
    """The last year of "due first": the year after the plan's date (an undated plan: after the
    first year of its period or window), but no later than the end of a period the plan names
    (a plan for 2026: 2026)."""
    period = plan.period
    base = issued_year(plan) or period.start or window(plan)[0]
    year = base + 1
    if period.named and period.end is not None:
        year = min(year, max(period.end, base))
    return year


def unread_timelines(plan: Plan) -> pd.DataFrame:
    """Tasks whose timeline the kit could not read (kind ``other``): their deadline is unknown."""
    t = plan.tasks
    return t.loc[
        t["timeline_kind"].isin(UNREAD), ["task_id", "timeline_raw", "timeline_kind", "source_line"]
    ].reset_index(drop=True)


def _periods(tasks: pd.DataFrame, years: tuple[int, ...]) -> pd.DataFrame:
    """Task × period rows for the periods each dated task is active in."""
    rows = []
    for t in tasks.itertuples():
        if pd.isna(t.start_year) or pd.isna(t.end_year):
            continue
        # an open-ended task goes on in every year after its start ("2026 và các năm tiếp theo")
        rows += [
            (t.task_id, str(y)) for y in years if t.start_year <= y and (t.open_ended or y <= t.end_year)
        ]
        if t.open_ended or t.end_year > years[-1]:
            rows.append((t.task_id, after(years)))
    return pd.DataFrame(rows, columns=["task_id", "period"])


def active_by_year(
    plan: Plan, collectives: Collectives = "keep", years: tuple[int, ...] | None = None
) -> pd.DataFrame:
    """Tasks active per agency per year of the plan's :func:`window` (``years``), and after it
    ("sau 2030" for a window ending in 2030).

    A task is active in every year from start_year to end_year; it is active
    after the window when its timeline is open-ended or ends after it. A recurring task
    with no year ("Thường xuyên") is active from the year the plan was issued
    (:func:`recurring_years`); other tasks whose timeline gives no year are in no
    period (see :func:`undated_tasks`).
    Long form: agency, period, n_active_lead, n_active_coordinate, n_active.
    """
    years = years or window(plan)
    periods = _periods(recurring_years(plan), years)
    a = assignments(plan, collectives).merge(periods, on="task_id")
    table = (
        a.pivot_table(
            index=["agency_id", "period"], columns="role", values="task_id", aggfunc="nunique", fill_value=0
        )
        .reindex(columns=["lead", "coordinate"], fill_value=0)
        .rename(columns={"lead": "n_active_lead", "coordinate": "n_active_coordinate"})
        .reset_index()
    )
    table.columns.name = None
    table["n_active"] = table["n_active_lead"] + table["n_active_coordinate"]
    period_order = {p: i for i, p in enumerate([*map(str, years), after(years)])}
    order = {k: i for i, k in enumerate(agency_workload(plan, collectives)["agency_id"])}
    table = table.merge(_names(plan), on="agency_id", how="left")
    table = table.sort_values(
        ["agency_id", "period"],
        kind="stable",
        key=lambda s: s.map(order if s.name == "agency_id" else period_order),
    )
    return table[
        [
            "agency_id",
            "agency_name",
            "short_name",
            "name_en",
            "period",
            "n_active_lead",
            "n_active_coordinate",
            "n_active",
        ]
    ].reset_index(drop=True)


def tasks_per_year(plan: Plan, years: tuple[int, ...] | None = None) -> pd.DataFrame:
    """Number of tasks active in each period of the plan's :func:`window` (``years``) and after
    it, and how many of them end that year."""
    years = years or window(plan)
    periods = _periods(recurring_years(plan), years)
    active = periods.groupby("period")["task_id"].nunique()
    closed = plan.tasks[~plan.tasks["open_ended"]].groupby("end_year")["task_id"].nunique()
    labels = [*map(str, years), after(years)]
    return pd.DataFrame(
        {
            "period": labels,
            "n_active": [int(active.get(p, 0)) for p in labels],
            "n_ending": [int(closed.get(int(p), 0)) if p != labels[-1] else 0 for p in labels],
        }
    )


def task_timeline(plan: Plan, lang: str = "vi") -> pd.DataFrame:
    """One row per task for a Gantt chart: years, open-endedness and a lead label.

    ``lead_label`` joins the leads' short names (Vietnamese) or English names. A recurring
    task with no year starts in the year the plan was issued and goes on (:func:`recurring_years`).
    """
    names = _names(plan).set_index("agency_id")["short_name" if lang == "vi" else "name_en"]
    leads = plan.assignments[plan.assignments["role"] == "lead"]
    label = leads.assign(n=leads["agency_id"].map(names)).groupby("task_id")["n"].agg("; ".join)
    t = recurring_years(plan)[
        [
            "task_id",
            "group_id",
            "group_title",
            "start_year",
            "end_year",
            "open_ended",
            "timeline_raw",
            "timeline_kind",
            "source_line",
        ]
    ].copy()
    t["lead_label"] = t["task_id"].map(label).fillna("")
    return t


def undated_tasks(plan: Plan) -> pd.DataFrame:
    """Tasks whose timeline gives no year (they appear in no period)."""
    t = plan.tasks
    return t.loc[
        t["start_year"].isna() | t["end_year"].isna(),
        ["task_id", "timeline_raw", "timeline_kind", "source_line"],
    ].reset_index(drop=True)


def task_flags(plan: Plan, near_until: int | None = None) -> pd.DataFrame:
    """Accountability flags per task.

    - ``several_leads``: more than one lead agency;
    - ``collective_lead``: a lead is a collective entry;
    - ``no_specific_coordinator``: no coordinator, or only collective ones
      ("UBND xã, phường" is a specific, commune-level coordinator);
    - ``open_ended``: the timeline goes on ("… và các năm tiếp theo");
    - ``near_deadline``: a closed timeline ending by ``near_until`` (default
      :func:`due_soon_until`: the year after the plan's date, within a period it names); a
      recurring task ("Thường xuyên") that ends with the plan's period is not one.
    """
    near_until = due_soon_until(plan) if near_until is None else near_until
    a = plan.assignments
    t = plan.tasks.set_index("task_id")
    leads = a[a["role"] == "lead"]
    coords = a[a["role"] == "coordinate"]
    out = pd.DataFrame(index=t.index)
    out["lead_agencies"] = leads.groupby("task_id")["agency_name"].agg("; ".join)
    out["n_leads"] = leads.groupby("task_id")["agency_id"].nunique()
    out["n_coordinators"] = coords.groupby("task_id")["agency_id"].nunique()
    out = out.fillna({"lead_agencies": "", "n_leads": 0, "n_coordinators": 0})
    out["n_leads"] = out["n_leads"].astype(int)
    out["n_coordinators"] = out["n_coordinators"].astype(int)
    specific = coords[~coords["is_collective"]].groupby("task_id").size()
    out["several_leads"] = out["n_leads"] > 1
    out["collective_lead"] = out.index.isin(leads.loc[leads["is_collective"], "task_id"])
    out["no_specific_coordinator"] = ~out.index.isin(specific.index)
    out["open_ended"] = t["open_ended"].astype(bool)
    out["near_deadline"] = (
        (~t["open_ended"]) & (t["end_year"].fillna(9999) <= near_until) & ~t["timeline_kind"].isin(RECURRING)
    )
    out["timeline_raw"] = t["timeline_raw"]
    out["source_line"] = t["source_line"]
    return out.reset_index()


def concentration(plan: Plan, collectives: Collectives = "keep") -> pd.DataFrame:
    """How concentrated leadership is, over the agencies that lead at least one task.

    With s_i = lead_weight_i / Σ lead_weight (each agency's share of the lead load):

    - HHI = Σ s_i², from 1/n (even spread over n agencies) to 1 (one agency leads all);
    - effective number of lead agencies = 1 / HHI;
    - Gini = Σ_i Σ_j |w_i − w_j| / (2 n² mean(w)) over the lead weights w, from 0
      (equal) to (n−1)/n (one agency carries all).
    """
    w = agency_workload(plan, collectives)
    w = w.loc[w["lead_weight"] > 0, "lead_weight"].to_numpy(dtype=float)
    n = len(w)
    shares = w / w.sum()
    hhi = float((shares**2).sum())
    gini = float(np.abs(w[:, None] - w[None, :]).sum() / (2 * n * n * w.mean()))
    return pd.DataFrame(
        [
            {
                "measure": "lead_agencies",
                "value": float(n),
                "formula": "number of agencies with lead_weight > 0",
            },
            {"measure": "hhi", "value": hhi, "formula": "Σ s_i², s_i = lead_weight_i / Σ lead_weight"},
            {"measure": "effective_lead_agencies", "value": 1 / hhi, "formula": "1 / HHI"},
            {
                "measure": "gini",
                "value": gini,
                "formula": "Σ_i Σ_j |w_i − w_j| / (2 n² mean(w)), w = lead_weight",
            },
            {"measure": "top_share", "value": float(shares.max()), "formula": "largest s_i"},
        ]
    )
