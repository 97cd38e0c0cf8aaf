"""Profiles for exploring a plan one agency or one task group at a time (notebook 06).

:func:`agency_profile` gathers what the plan gives one agency: the tasks it leads or
coordinates, its Section IV duties, its partners (the agencies it shares tasks with, and
how many) and the tasks it has under way in each year. :func:`group_profile` does the same
for a task group: its tasks and the agencies named in it. :func:`agency_choices` and
:func:`group_choices` list what can be picked, in the order a reader expects (the heaviest
lead load first; groups in the order of the appendix).

Counts are distinct tasks, as in :mod:`.workload`. ``collectives`` is the option of
:func:`.workload.assignments`: ``"keep"`` (the entries as the plan writes them, "Các sở, ban,
ngành" included), ``"drop"`` (named agencies only) or ``"expand"`` (a collective replaced by
the registry's members). ``communes=False`` also leaves out the commune-level bodies ("UBND các xã,
phường": many committees named as one), which the plan names as if they were one agency.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..ingest.tables import Plan
from ..words import word
from . import workload
from .workload import Collectives

TASK_COLUMNS = ["task_id", "role", "content", "lead_raw", "coordinate_raw", "timeline_raw", "source_ref"]
DUTY_COLUMNS = ["item", "heading", "duty_no", "text", "source_ref"]
PARTNER_COLUMNS = [
    "agency_id",
    "agency_name",
    "short_name",
    "name_en",
    "weight",
    "lead_lead",
    "lead_coordinate",
    "coordinate_coordinate",
    "tasks",
]
TIMELINE_COLUMNS = ["period", "n_active_lead", "n_active_coordinate", "n_active"]
GROUP_TASK_COLUMNS = ["task_id", "content", "lead_raw", "coordinate_raw", "timeline_raw", "source_ref"]
GROUP_AGENCY_COLUMNS = ["agency_id", "agency_name", "short_name", "name_en", "n_lead", "n_coordinate"]
COMMUNE_KINDS = frozenset({"commune_level"})  # the registry's kind of "UBND các xã, phường"


@dataclass(frozen=True)
class AgencyProfile:
    """What the plan gives one agency (see :func:`agency_profile`)."""

    agency: dict[str, object]  # agency_id, name, short_name, name_en, kind, is_collective, n_lead, …
    tasks: pd.DataFrame  # TASK_COLUMNS: one row per task and role, lead first, then plan order
    duties: pd.DataFrame  # DUTY_COLUMNS: its Section IV duties
    partners: pd.DataFrame  # PARTNER_COLUMNS: agencies it shares tasks with, most shared first
    timeline: pd.DataFrame  # TIMELINE_COLUMNS: tasks under way per period (every period, zeros kept)
    section: str = ""  # the number of the plan's duties section ("IV", "II"; Plan.duties_section), "" if none


@dataclass(frozen=True)
class GroupProfile:
    """One task group (see :func:`group_profile`)."""

    group: dict[str, object]  # group_id, group_label, group_title, n_tasks
    tasks: pd.DataFrame  # GROUP_TASK_COLUMNS, in plan order
    agencies: pd.DataFrame  # GROUP_AGENCY_COLUMNS, most tasks led, then coordinated, first


def agency_choices(
    plan: Plan, collectives: Collectives = "keep", lang: str = "vi", communes: bool = True
) -> list[tuple[str, str]]:
    """(name, agency_id) for every agency with a task or a Section IV duty, heaviest lead load first.

    The name is the Vietnamese name (``name_en`` with ``lang="en"``). Under ``"drop"`` the
    collective entries are left out, with ``communes=False`` the commune-level bodies; agencies
    with duties but no task come last, in plan order.
    """
    order = list(workload.agency_workload(plan, collectives)["agency_id"])
    agencies = plan.agencies.set_index("agency_id")
    with_duties = [a for a in plan.duty_agencies["agency_id"].drop_duplicates() if a not in order]
    if collectives != "keep":
        with_duties = [a for a in with_duties if not bool(agencies.at[a, "is_collective"])]
    names = _names(plan).set_index("agency_id")
    if not communes:
        order, with_duties = (
            [a for a in ids if names.at[a, "kind"] not in COMMUNE_KINDS] for ids in (order, with_duties)
        )
    column = "name_en" if lang == "en" else "agency_name"
    return [(str(names.at[a, column] or names.at[a, "agency_name"]), a) for a in order + with_duties]


def group_choices(plan: Plan, lang: str = "vi") -> list[tuple[str, int]]:
    """(label, group_id) for every task group, in the appendix's order: "II. <title> (n tasks)"."""
    return [
        (
            word(
                "explore.group_choice",
                lang,
                label=g.group_label or g.group_id,
                title=g.group_title,
                n=int(g.n_tasks),
            ),
            int(g.group_id),
        )
        for g in plan.groups.sort_values("group_id").itertuples()
    ]


def _names(plan: Plan) -> pd.DataFrame:
    return workload._names(plan)


def _without_communes(frame: pd.DataFrame, names: pd.DataFrame) -> pd.DataFrame:
    """``frame`` without the rows of commune-level bodies (by its ``agency_id``)."""
    kinds = frame["agency_id"].map(names["kind"])
    return frame[~kinds.isin(COMMUNE_KINDS)]


def agency_profile(
    plan: Plan, agency_id: str, collectives: Collectives = "keep", communes: bool = True
) -> AgencyProfile:
    """The tasks, Section IV duties, partners and timeline of one agency.

    - ``tasks``: each task it leads or coordinates (under ``"expand"``, also through a collective);
    - ``duties``: the duties of the Section IV items that name it (collectives do not change them);
    - ``partners``: every other agency on at least one of its tasks: ``weight`` = tasks shared,
      split into ``lead_lead`` (both lead), ``lead_coordinate`` (one leads, one coordinates) and
      ``coordinate_coordinate``; ``tasks`` lists them (", "-joined, plan order);
    - ``timeline``: tasks under way in each year of the plan's window and after it
      (:func:`.workload.window`, :func:`.workload.active_by_year`), zeros included.

    ``communes=False`` leaves the commune-level bodies out of the partners (and refuses one as
    ``agency_id``). An agency the plan does not name (or one left out) is a ``KeyError``.
    """
    names = _names(plan).set_index("agency_id")
    a = workload.assignments(plan, collectives)
    if not communes:
        a = _without_communes(a, names)
    mine = a[a["agency_id"] == agency_id]
    in_duties = plan.duty_agencies["agency_id"].eq(agency_id)
    dropped = (
        collectives == "drop"
        and agency_id in set(plan.agencies.loc[plan.agencies["is_collective"], "agency_id"])
    ) or (not communes and agency_id in names.index and names.at[agency_id, "kind"] in COMMUNE_KINDS)
    if dropped or (mine.empty and not in_duties.any()):
        raise KeyError(
            f"the plan names no agency {agency_id!r}"
            + (" once collectives or communes are left out" if dropped else "")
        )
    row = plan.agencies.set_index("agency_id")
    agency = {
        "agency_id": agency_id,
        **(
            row.loc[agency_id].to_dict()
            if agency_id in row.index
            else {
                "name": names.at[agency_id, "agency_name"],
                "short_name": names.at[agency_id, "short_name"],
                "name_en": names.at[agency_id, "name_en"],
                "kind": names.at[agency_id, "kind"],
                "is_collective": bool(names.at[agency_id, "is_collective"]),
            }
        ),
    }
    agency["n_lead"] = int(mine.loc[mine["role"] == "lead", "task_id"].nunique())
    agency["n_coordinate"] = int(mine.loc[mine["role"] == "coordinate", "task_id"].nunique())

    tasks = mine[["task_id", "role"]].merge(plan.tasks, on="task_id", how="left")[TASK_COLUMNS]
    order = {t: i for i, t in enumerate(plan.tasks["task_id"])}
    tasks = (
        tasks.assign(_lead=tasks["role"].ne("lead"), _at=tasks["task_id"].map(order))
        .sort_values(["_lead", "_at"], kind="stable")
        .drop(columns=["_lead", "_at"])
    )

    items = plan.duty_agencies.loc[in_duties, "item"].unique()
    duties = plan.duties[plan.duties["item"].isin(items)][DUTY_COLUMNS].reset_index(drop=True)

    partners = _partners(plan, a, agency_id, names)

    active = workload.active_by_year(plan, collectives)
    active = active[active["agency_id"] == agency_id].set_index("period")
    periods = workload.period_labels(plan)
    timeline = (
        active.reindex(periods)[TIMELINE_COLUMNS[1:]]
        .fillna(0)
        .astype(int)
        .rename_axis("period")
        .reset_index()
    )
    return AgencyProfile(
        agency, tasks.reset_index(drop=True), duties, partners, timeline, plan.duties_section
    )


def _partners(plan: Plan, a: pd.DataFrame, agency_id: str, names: pd.DataFrame) -> pd.DataFrame:
    """Agencies sharing a task with ``agency_id``, with the roles of the two on each shared task."""
    a = a.drop_duplicates(["task_id", "agency_id"])  # lead first: assignments are sorted so
    mine = a.loc[a["agency_id"] == agency_id, ["task_id", "role"]]
    others = a[(a["agency_id"] != agency_id) & a["task_id"].isin(mine["task_id"])]
    pairs = others[["task_id", "agency_id", "role"]].merge(mine, on="task_id", suffixes=("", "_mine"))
    lead, lead_mine = pairs["role"].eq("lead"), pairs["role_mine"].eq("lead")
    pairs = pairs.assign(
        lead_lead=lead & lead_mine, lead_coordinate=lead ^ lead_mine, coordinate_coordinate=~lead & ~lead_mine
    )
    order = {t: i for i, t in enumerate(plan.tasks["task_id"])}
    pairs = pairs.sort_values("task_id", key=lambda s: s.map(order), kind="stable")
    table = (
        pairs.groupby("agency_id", sort=True)
        .agg(
            weight=("task_id", "size"),
            lead_lead=("lead_lead", "sum"),
            lead_coordinate=("lead_coordinate", "sum"),
            coordinate_coordinate=("coordinate_coordinate", "sum"),
            tasks=("task_id", ", ".join),
        )
        .reset_index()
    )
    for column in ("weight", "lead_lead", "lead_coordinate", "coordinate_coordinate"):
        table[column] = table[column].astype(int)
    table = table.join(names[["agency_name", "short_name", "name_en"]], on="agency_id")
    table = table.sort_values(
        ["weight", "lead_lead", "agency_id"], ascending=[False, False, True], kind="stable"
    )
    return table[PARTNER_COLUMNS].reset_index(drop=True)


def group_profile(
    plan: Plan, group_id: int, collectives: Collectives = "keep", communes: bool = True
) -> GroupProfile:
    """The tasks of one task group and the agencies named in it (tasks led and coordinated there).

    ``collectives`` and ``communes`` choose which agencies are listed; the tasks are all the group's.

    A group the plan does not have is a ``KeyError``.
    """
    groups = plan.groups.set_index("group_id")
    if group_id not in groups.index:
        raise KeyError(
            f"the plan has no task group {group_id!r} (its groups: {', '.join(map(str, groups.index))})"
        )
    tasks = plan.tasks[plan.tasks["group_id"] == group_id][GROUP_TASK_COLUMNS].reset_index(drop=True)
    matrix = workload.group_matrix(plan, collectives)
    agencies = matrix[matrix["group_id"] == group_id]
    if not communes:
        agencies = _without_communes(agencies, _names(plan).set_index("agency_id"))
    agencies = agencies.sort_values(["n_lead", "n_coordinate"], ascending=False, kind="stable")
    g = groups.loc[group_id]
    group = {
        "group_id": int(group_id),
        "group_label": g["group_label"],
        "group_title": g["group_title"],
        "n_tasks": len(tasks),
    }
    return GroupProfile(group, tasks, agencies[GROUP_AGENCY_COLUMNS].reset_index(drop=True))
