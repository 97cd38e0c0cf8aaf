"""The findings of one plan, computed once: every count with its basis, under one set of rules.

:func:`findings` returns a :class:`Findings`: language-free data (codes, agency ids, task ids,
catalogue entry ids and numbers; never a sentence). Every output that states a finding (the
brief in PDF and Word, the report, the slides, the notebooks' sentences, the workbook's README
sheet and the chart titles) phrases these fields and computes none of its own, so that a count
reads the same everywhere.

The rules, each in one place:

- **Agencies counted** (:class:`Counts`): ``n_agencies_assigned`` are the entries the appendix
  assigns a task to (named bodies and whole-group entries such as "Các sở, ngành"); of these,
  ``n_collective_assigned`` are whole-group entries; ``n_agencies_all`` adds the bodies only the
  duties section names.
- **Who leads most** (:attr:`Findings.leaders`): by the number of tasks led; everyone tied at the
  top is named (``top_leaders``), never one picked by id.
- **The hub** (:attr:`Findings.hubs`): in the agency network without whole-group entries, by the
  number of other agencies an agency shares a task with, then by the tasks shared; ties named.
- **Coverage** (:class:`CoverageCounts`): entries of the catalogue that fall to a province and are
  counted (TEXT and NEWS confidence); full and partial coverage are kept apart everywhere.
- **Recommendations** (:class:`Recommendation`): drawn from the gaps, in one fixed order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import pandas as pd

from ..ingest.tables import Plan
from ..ingest.timeline import UNREAD
from . import agency_review, coverage, network, workload
from .catalogue import CatalogueFiles, load_catalogues

__all__ = [
    "RECOMMENDATION_ORDER",
    "AgencyCount",
    "Counts",
    "CoverageCounts",
    "Findings",
    "Hub",
    "Pair",
    "Recommendation",
    "TargetCheck",
    "findings_of",
]

#: The recommendations' order, most pressing first; every output keeps it.
RECOMMENDATION_ORDER = ("lead", "deadline", "coordinate", "duties", "coverage", "targets", "verify")


@dataclass(frozen=True)
class Counts:
    """What the plan assigns, each count with its basis in its name."""

    n_tasks: int
    n_groups: int
    n_assignments: int  # (task, agency, role) rows of the appendix
    n_lead_assignments: int
    n_coordinate_assignments: int
    n_agencies_assigned: int  # entries given a task in the appendix (named bodies and whole groups)
    n_collective_assigned: int  # of these, whole-group entries
    n_agencies_all: int  # entries in the appendix or the duties section
    n_duty_agencies: int  # entries the duties section gives duties to
    n_duty_items: int
    n_duties: int
    n_unknown_names: int  # names as written that match no registry entry
    collective_assigned: tuple[str, ...] = ()  # their agency ids, in the agencies table's order

    @property
    def n_named_assigned(self) -> int:
        """Named bodies given a task (whole-group entries left out)."""
        return self.n_agencies_assigned - self.n_collective_assigned


@dataclass(frozen=True)
class AgencyCount:
    """An agency's lead load: tasks led, of which led alone, and the task groups it leads in."""

    agency_id: str
    n_lead: int
    n_lead_alone: int
    n_groups_led: int


@dataclass(frozen=True)
class Hub:
    """An agency in the network without whole-group entries: partners and tasks shared."""

    agency_id: str
    partners: int
    others: int  # the other agencies of the network
    shared: int  # tasks shared, summed over partners


@dataclass(frozen=True)
class Pair:
    """The two agencies sharing the most tasks."""

    u: str
    v: str
    weight: int


@dataclass(frozen=True)
class TargetCheck:
    """A plan target set beside the resolution's: the task, the plan's indicator, the verdict code
    (:func:`plan132lib.analysis.coverage.target_alignment`) and the resolution's value as written."""

    task_id: str
    indicator: str
    alignment: str
    res_value: str


@dataclass(frozen=True)
class CoverageCounts:
    """Coverage of the catalogue, over the entries counted (falling to a province, TEXT or NEWS)."""

    n_catalogue: int  # every task or target entry of the catalogue (context left out)
    n_counted: int  # entries counted: covered + partial + missing
    covered: int
    partial: int
    missing: int
    not_applicable: int
    left_out: int  # entries not counted: known only by inference
    breakthrough: tuple[int, int, int]  # (covered, partial, counted) of the breakthrough entries
    n_beyond: int  # plan tasks linked to no entry
    documents: tuple[str, ...]
    missing_ids: tuple[str, ...]  # goal ids, catalogue order
    missing_breakthrough_ids: tuple[str, ...]
    no_plan_target_ids: tuple[str, ...]
    targets: tuple[TargetCheck, ...]
    caveat: bool  # whether the catalogue needs checking before its figures are used

    @property
    def taken_up(self) -> int:
        """Entries covered fully or in part."""
        return self.covered + self.partial


@dataclass(frozen=True)
class Recommendation:
    """One recommendation: its code (:data:`RECOMMENDATION_ORDER`) and what it names."""

    code: str
    task_ids: tuple[str, ...] = ()
    agency_ids: tuple[str, ...] = ()
    goal_ids: tuple[str, ...] = ()
    n: int = 0


@dataclass(frozen=True)
class Findings:
    """Everything the outputs state about one plan (and its coverage review, if any)."""

    counts: Counts
    leaders: tuple[AgencyCount, ...]  # every agency that leads, most tasks led first
    broadest: tuple[AgencyCount, ...]  # tied at the most task groups led
    several_leads: tuple[str, ...]  # task ids
    collective_lead: tuple[str, ...]
    collective_lead_agencies: tuple[str, ...]  # the whole-group entries that lead them
    no_specific_coordinator: tuple[str, ...]
    open_ended: tuple[str, ...]
    unread: tuple[str, ...]  # deadlines the kit could not read
    no_year: tuple[str, ...]  # deadlines tied to no calendar year
    no_timeline: tuple[str, ...]
    last_year: int | None  # the latest end year of a dated task
    has_duties: bool
    duties_without_tasks: tuple[str, ...]  # agency ids
    tasks_without_duties: tuple[str, ...]
    due_year: int
    due: tuple[str, ...]  # task ids due by the end of due_year, earliest first
    hubs: tuple[Hub, ...]  # tied at the top
    n_network: int  # agencies in the network without whole groups
    pair: Pair | None
    coverage: CoverageCounts | None
    recommendations: tuple[Recommendation, ...]
    implemented: tuple[str, ...] = ()  # the documents the plan implements, as written
    catalogued: bool = True  # whether the catalogue holds one of them (else no coverage)
    # of tasks_without_duties, those a duty item of a whole group they belong to ("Các sở, ban, ngành")
    # covers: agency id -> the group's ids
    duties_collectively: Mapping[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
    task_order: tuple[str, ...] = field(default=(), repr=False)

    @property
    def top_leaders(self) -> tuple[AgencyCount, ...]:
        """Everyone tied at the most tasks led."""
        if not self.leaders:
            return ()
        most = self.leaders[0].n_lead
        return tuple(a for a in self.leaders if a.n_lead == most)

    @property
    def unclear_lead(self) -> tuple[str, ...]:
        """Tasks with several leads or a whole-group lead, in plan order."""
        wanted = set(self.several_leads) | set(self.collective_lead)
        return tuple(t for t in self.task_order if t in wanted)


def _ids(frame: pd.DataFrame, mask: pd.Series, column: str = "task_id") -> tuple[str, ...]:
    return tuple(frame.loc[mask, column].astype(str))


def _counts(plan: Plan) -> Counts:
    t, a, agencies = plan.tasks, plan.assignments, plan.agencies
    assigned = agencies[agencies["agency_id"].isin(a["agency_id"])]
    collective = assigned[assigned["is_collective"].astype(bool)]
    duty_ids = (
        plan.duties["agency_ids"].str.split(";").explode().str.strip().loc[lambda s: s.ne("")].unique()
        if not plan.duties.empty
        else []
    )
    roles = a["role"].value_counts()
    return Counts(
        n_tasks=len(t),
        n_groups=int(t["group_id"].nunique()),
        n_assignments=len(a),
        n_lead_assignments=int(roles.get("lead", 0)),
        n_coordinate_assignments=int(roles.get("coordinate", 0)),
        n_agencies_assigned=len(assigned),
        n_collective_assigned=len(collective),
        n_agencies_all=int(agencies["agency_id"].nunique()),
        n_duty_agencies=len(duty_ids),
        n_duty_items=int(plan.duties["item"].nunique()),
        n_duties=len(plan.duties),
        n_unknown_names=agency_review.unknown_names(plan),
        collective_assigned=tuple(collective["agency_id"].astype(str)),
    )


def _leaders(plan: Plan) -> tuple[tuple[AgencyCount, ...], tuple[AgencyCount, ...]]:
    load = workload.agency_workload(plan)
    load = load[load["n_lead"] > 0]
    matrix = workload.group_matrix(plan)
    groups = matrix[matrix["n_lead"] > 0].groupby("agency_id")["group_id"].nunique()
    load = load.assign(n_groups_led=load["agency_id"].map(groups).fillna(0).astype(int))
    ranked = load.sort_values(
        ["n_lead", "n_lead_alone", "agency_id"], ascending=[False, False, True], kind="stable"
    )
    leaders = tuple(
        AgencyCount(str(r.agency_id), int(r.n_lead), int(r.n_lead_alone), int(r.n_groups_led))
        for r in ranked.itertuples()
    )
    most = max((a.n_groups_led for a in leaders), default=0)
    broadest = tuple(
        sorted((a for a in leaders if a.n_groups_led == most), key=lambda a: (-a.n_lead, a.agency_id))
    )
    return leaders, broadest


def _network(plan: Plan) -> tuple[tuple[Hub, ...], int, Pair | None]:
    measures = network.agency_measures(plan, "drop")
    pairs = network.pair_table(plan, "drop")
    if measures.empty or pairs.empty:
        return (), len(measures), None
    others = len(measures) - 1
    top = measures.loc[measures["degree"] == measures["degree"].max()]
    top = top.loc[top["weighted_degree"] == top["weighted_degree"].max()].sort_values("agency_id")
    hubs = tuple(
        Hub(str(r.agency_id), int(r.degree), others, int(r.weighted_degree)) for r in top.itertuples()
    )
    first = pairs.iloc[0]
    return hubs, len(measures), Pair(str(first["u"]), str(first["v"]), int(first["weight"]))


def _due(plan: Plan, year: int) -> tuple[str, ...]:
    flags = workload.task_flags(plan, near_until=year)
    due = plan.tasks[plan.tasks["task_id"].isin(flags.loc[flags["near_deadline"], "task_id"])]
    # the earliest first: by the due date, else the end of the last year (plan order among equals)
    when = due["due_date"].where(due["due_date"].ne(""), due["end_year"].astype("string") + "-12-31")
    return tuple(due.assign(_when=when.fillna("9999")).sort_values("_when", kind="stable")["task_id"])


def _coverage(review: coverage.Review) -> CoverageCounts:
    g = coverage.coverage_by_group(review).set_index("resolution_group")
    table = coverage.coverage_table(review)
    missing = table.loc[table["status"] == "missing"]
    aligned = coverage.target_alignment(review)
    plan_targets = aligned[aligned["task_id"].ne("") & aligned["plan_indicator"].ne("")]
    entries = review.entries
    b = (
        (
            int(g.at["breakthrough", "covered"]),
            int(g.at["breakthrough", "partial"]),
            int(g.at["breakthrough", "n_entries"]),
        )
        if "breakthrough" in g.index
        else (0, 0, 0)
    )
    return CoverageCounts(
        n_catalogue=len(entries),
        n_counted=int(g.at["all", "n_entries"]),
        covered=int(g.at["all", "covered"]),
        partial=int(g.at["all", "partial"]),
        missing=int(g.at["all", "missing"]),
        not_applicable=int(g.at["all", "n_not_applicable"]),
        left_out=int(g.at["all", "n_left_out"]),
        breakthrough=b,
        n_beyond=len(coverage.tasks_beyond(review)),
        documents=tuple(coverage.documents(review)),
        missing_ids=tuple(missing["goal_id"]),
        missing_breakthrough_ids=tuple(missing.loc[missing["resolution_group"] == "breakthrough", "goal_id"]),
        no_plan_target_ids=tuple(aligned.loc[aligned["alignment"] == "no plan target", "goal_id"]),
        targets=tuple(
            TargetCheck(
                str(r.task_id),
                " ".join(str(r.plan_indicator).split()),
                str(r.alignment),
                str(r.res_value_raw or ""),
            )
            for r in plan_targets.itertuples()
        ),
        caveat=bool(entries["confidence"].isin(["NEWS", "INFERRED"]).any()),
    )


def _recommendations(f: Findings) -> tuple[Recommendation, ...]:
    """What the findings call for, in :data:`RECOMMENDATION_ORDER`."""
    out: list[Recommendation] = []
    if f.unclear_lead:
        out.append(Recommendation("lead", task_ids=f.unclear_lead, n=len(f.unclear_lead)))
    if f.open_ended:
        out.append(Recommendation("deadline", task_ids=f.open_ended, n=len(f.open_ended)))
    if f.no_specific_coordinator:
        out.append(
            Recommendation("coordinate", task_ids=f.no_specific_coordinator, n=len(f.no_specific_coordinator))
        )
    mismatch = (*f.duties_without_tasks, *f.tasks_without_duties)
    if mismatch:
        out.append(Recommendation("duties", agency_ids=mismatch, n=len(mismatch)))
    cov = f.coverage
    if cov is not None:
        if cov.missing_ids:
            first = cov.missing_breakthrough_ids or cov.missing_ids
            out.append(Recommendation("coverage", goal_ids=first, n=len(cov.missing_ids)))
        if cov.no_plan_target_ids:
            out.append(
                Recommendation("targets", goal_ids=cov.no_plan_target_ids, n=len(cov.no_plan_target_ids))
            )
        if cov.caveat:
            out.append(Recommendation("verify"))
    return tuple(out)


def _duties_collectively(plan: Plan, agencies: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Of ``agencies`` (with appendix tasks, no duty item of their own), those a duty item of a whole
    group covers, the group listing them among its members: agency id -> the groups' ids."""
    table = plan.agencies.set_index("agency_id")
    groups = [
        g
        for g in dict.fromkeys(plan.duty_agencies["agency_id"].astype(str))
        if bool(table.at[g, "is_collective"])
    ]
    members = {
        g: {m.strip() for m in str(table.at[g, "members"] or "").split(";") if m.strip()} for g in groups
    }
    found = {a: tuple(g for g in groups if a in members[g]) for a in agencies}
    return {a: gs for a, gs in found.items() if gs}


def findings_of(
    plan: Plan, review: coverage.Review | None = None, catalogue: CatalogueFiles | pd.DataFrame = None
) -> Findings:
    """The findings of ``plan`` (and of its coverage ``review``, if any), computed once.
    ``catalogue`` (the table, or catalogue files added to the bundled ones): without a review,
    whether it holds a document the plan implements (:func:`plan132lib.analysis.coverage.applies`)."""
    t = plan.tasks
    flags = workload.task_flags(plan).set_index("task_id").reindex(t["task_id"])
    order = tuple(t["task_id"].astype(str))

    def flagged(column: str) -> tuple[str, ...]:
        return tuple(str(i) for i in flags.index[flags[column].astype(bool)])

    agencies = plan.agencies.set_index("agency_id")
    a = plan.assignments
    several, collective = flagged("several_leads"), flagged("collective_lead")
    collective_leads = a.loc[
        (a["role"] == "lead")
        & a["task_id"].isin(collective)
        & a["agency_id"].map(agencies["is_collective"]).eq(True),
        "agency_id",
    ]
    no_years = t["start_year"].isna() & t["end_year"].isna()
    mismatch = (
        workload.duties_vs_tasks(plan)
        if not plan.duties.empty
        else pd.DataFrame(columns=["agency_id", "finding"])
    )
    by = {
        kind: tuple(mismatch.loc[mismatch["finding"] == kind, "agency_id"].astype(str))
        for kind in ("duties_without_tasks", "tasks_without_duties")
    }
    ends = t["end_year"].dropna()
    due_year = workload.due_soon_until(plan)
    cov = _coverage(review) if review is not None else None
    leaders, broadest = _leaders(plan)
    hubs, n_network, pair = _network(plan)
    found = Findings(
        counts=_counts(plan),
        leaders=leaders,
        broadest=broadest,
        several_leads=several,
        collective_lead=collective,
        collective_lead_agencies=tuple(dict.fromkeys(collective_leads.astype(str))),
        no_specific_coordinator=flagged("no_specific_coordinator"),
        open_ended=flagged("open_ended"),
        unread=_ids(t, t["timeline_kind"].isin(UNREAD)),
        no_year=_ids(t, no_years & t["timeline_kind"].isin(["reference", "relative"])),
        no_timeline=_ids(t, t["timeline_kind"].isin(["none", "status"])),
        last_year=int(ends.max()) if len(ends) else None,
        has_duties=not plan.duties.empty,
        duties_without_tasks=by["duties_without_tasks"],
        tasks_without_duties=by["tasks_without_duties"],
        duties_collectively=_duties_collectively(plan, by["tasks_without_duties"]),
        due_year=due_year,
        due=_due(plan, due_year),
        hubs=hubs,
        n_network=n_network,
        pair=pair,
        coverage=cov,
        recommendations=(),
        task_order=order,
        implemented=tuple(coverage.implemented(plan)),
        catalogued=review is not None
        or coverage.applies(
            plan, catalogue if isinstance(catalogue, pd.DataFrame) else load_catalogues(catalogue)
        ),
    )
    return replace(found, recommendations=_recommendations(found))
