"""Many plans side by side: one table per question, each with a ``plan_id`` column.

:func:`compare_tables` takes plans already read (:func:`load_plans` reads them, through the
read cache when given a folder, and names the files it cannot read) and returns:

- ``plans``: one row per plan: province, number, date, file, format, tasks, groups, agencies
  named (and how many the registry does not know), the share of tasks with a named
  coordinator (a coordinator that is not a collective entry, as
  :func:`~plan132lib.analysis.workload.task_flags` counts it), the share open-ended, targets;
- ``tasks``: every task of every plan, ``plan_id`` first, then the plan's task columns;
- ``load_by_agency``: plan × agency, the workload of
  :func:`~plan132lib.analysis.workload.agency_workload` for each plan. Plans of different
  provinces are aligned through the registry's standard bodies: "Sở Nông nghiệp và Môi trường
  tỉnh Ninh Bình" and "… tỉnh Hưng Yên" are both ``so-nnmt``. A registry body named by any plan
  has a row for every plan (zeros where a plan does not name it); a name the registry does not
  know stays its own plan's;
- ``coverage``: catalogue entry × plan (task and target entries; context is left out). Where the
  plan has a reviewed crosswalk (its :class:`~plan132lib.analysis.coverage.Review`), ``status``
  is the coverage table's (covered / partial / missing / not_applicable) and ``basis`` is
  ``reviewed``; else ``basis`` is ``suggested`` and ``status`` is ``suggested`` when the text
  matcher scores at least one task at :data:`~plan132lib.analysis.coverage.THRESHOLD` or above
  for the entry (the pairs a crosswalk draft would list), ``missing`` when none, and
  ``not_applicable`` for an entry that does not fall to a province. ``score`` is the best
  matcher score of the entry in that plan (empty for a reviewed row); ``task_ids`` the linked
  or suggested tasks, in plan order;
- ``targets``: every numeric target of every plan with the indicator it measures, so the same
  indicator reads across plans (PM2.5, wastewater, solid waste …). The indicators and the words
  that name them are data: ``data/reference/target_indicators.csv`` (``indicator_id``,
  ``name_vi``, ``name_en``, ``match``: alternatives separated by " | ", each one or more
  phrases joined by " + " that must all occur). A target is matched on its indicator's words
  (the sentence when the indicator is empty), NFC and case-folded; the first row that matches
  wins, so the file lists the narrower indicators first. Rows sorted by indicator (in the
  file's order; unmatched targets last), then plan.

Two files of the same plan are two rows, told apart by ``plan_id``: the plan's number and the
file's name ("132/KH-UBND · plan132.docx"), with the folder added when two files share a name.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import PlanParseError, ReferenceDataError
from ..ingest.agencies import Registry
from ..ingest.cache import load_plan_cached
from ..ingest.tables import TASK_COLUMNS, Plan, load_plan
from ..paths import BUNDLED_PLAN, data_file
from ..reference import read_reference
from ..words import Problem, say_error, word
from . import matcher, workload
from .catalogue import load_catalogues
from .coverage import THRESHOLD, Review, coverage_table, for_plan, review_for

TARGET_INDICATORS = data_file("reference", "target_indicators.csv")
TABLES = ("plans", "tasks", "load_by_agency", "coverage", "targets")
PLAN_COLUMNS = [
    "plan_id",
    "province",
    "plan_number",
    "plan_date",
    "file_name",
    "file_format",
    "n_plan_tasks",
    "n_groups",
    "n_agencies",
    "n_unknown_agencies",
    "share_named_coordinator",
    "share_open_ended",
    "n_targets",
]
LOAD_COLUMNS = [
    "plan_id",
    "agency_id",
    "agency_name",
    "short_name",
    "name_en",
    "kind",
    "is_collective",
    "in_registry",
    "n_lead",
    "n_lead_alone",
    "n_lead_shared",
    "n_coordinate",
    "n_tasks",
    "lead_weight",
    "lead_share",
]
COVERAGE_COLUMNS = [
    "plan_id",
    "goal_id",
    "title_vi",
    "title_en",
    "document",
    "resolution_group",
    "entry_type",
    "applies_to_province",
    "confidence",
    "status",
    "basis",
    "n_links",
    "task_ids",
    "score",
]
TARGET_COLUMNS = [
    "indicator_id",
    "indicator_vi",
    "indicator_en",
    "plan_id",
    "task_id",
    "objective_id",
    "target_no",
    "indicator",
    "value",
    "unit",
    "comparator",
    "baseline_year",
    "baseline_value",
    "target_year",
    "text",
    "source_ref",
]
BASES = ("reviewed", "suggested", "not_implemented")
_COUNTS = ["n_lead", "n_lead_alone", "n_lead_shared", "n_coordinate", "n_tasks"]


# ------------------------------------------------------------------ reading many plans


def load_plans(
    paths: Iterable[str | PathLike[str] | None],
    cache_dir: str | PathLike[str] | None = None,
    strict: bool = False,
    lang: str = "vi",
    registry: Registry | None = None,
) -> tuple[list[Plan], list[tuple[str, str]]]:
    """Read every plan that can be read; name the others.

    Returns the plans in the order given and, for each file that could not be read, its path and
    what is wrong, said in ``lang`` (:func:`~plan132lib.words.say_error`). ``None`` stands for
    the bundled plan. With ``cache_dir`` each file is read through
    :func:`~plan132lib.ingest.cache.load_plan_cached` (a second run reads no file again). With
    ``strict`` the first :class:`~plan132lib.errors.PlanParseError` is raised instead. ``registry``:
    the agency registry to read them with (with a reviewer's names; default: the bundled one).
    """
    plans: list[Plan] = []
    failed: list[tuple[str, str]] = []
    for path in paths:
        try:
            if cache_dir is not None and path is not None:
                plans.append(load_plan_cached(path, cache_dir, registry))
            else:
                plans.append(load_plan(path, registry))
        except PlanParseError as error:
            if strict:
                raise
            failed.append((str(path), say_error(error, lang)))
    return plans, failed


# ------------------------------------------------------------------ plan ids


def plan_ids(plans: Sequence[Plan], lang: str = "vi") -> list[str]:
    """One id per plan, unique: "132/KH-UBND · plan132.docx"; a plan without a number (a draft's
    "Số:    /KH-UBND") "Dự thảo (chưa có số) · plan.docx" (in ``lang``), a document that says nothing
    of itself (an appendix alone) the file's name alone; where two files share a name, their paths
    relative to the folder they share; a file given twice gets " (2)", " (3)" …"""
    paths = [Path(p.path) for p in plans]
    names = [p.name for p in paths]
    shown = list(names)
    for name in set(names):
        same = [i for i, n in enumerate(names) if n == name]
        if len(same) > 1:
            parents = [paths[i].resolve().parent for i in same]
            common = Path(*_common_parts([q.parts for q in parents]))
            for i in same:
                shown[i] = paths[i].resolve().relative_to(common).as_posix()
    ids = []
    for plan, file in zip(plans, shown, strict=True):
        number = plan.number or (word("plan.id_unnumbered", lang) if plan.describes_itself else "")
        ids.append(f"{number} · {file}" if number else file)
    seen: dict[str, int] = {}
    unique = []
    for plan_id in ids:
        seen[plan_id] = seen.get(plan_id, 0) + 1
        unique.append(plan_id if seen[plan_id] == 1 else f"{plan_id} ({seen[plan_id]})")
    return unique


def _common_parts(parts: list[tuple[str, ...]]) -> tuple[str, ...]:
    common: list[str] = []
    for column in zip(*parts, strict=False):
        if len(set(column)) != 1:
            break
        common.append(column[0])
    return tuple(common)


# ------------------------------------------------------------------ plans and tasks


def plans_table(plans: Sequence[Plan], ids: Sequence[str]) -> pd.DataFrame:
    """One row per plan (columns :data:`PLAN_COLUMNS`)."""
    rows = []
    for plan, plan_id in zip(plans, ids, strict=True):
        n = len(plan.tasks)
        flags = workload.task_flags(plan)
        rows.append(
            {
                "plan_id": plan_id,
                "province": plan.province,
                "plan_number": plan.number,
                "plan_date": plan.meta_value("date") or "",
                "file_name": Path(plan.path).name,
                "file_format": plan.kind,
                "n_plan_tasks": n,
                "n_groups": len(plan.groups),
                "n_agencies": len(plan.agencies),
                "n_unknown_agencies": int((~plan.agencies["in_registry"]).sum()),
                "share_named_coordinator": round(float((~flags["no_specific_coordinator"]).mean()), 4)
                if n
                else 0.0,
                "share_open_ended": round(float(plan.tasks["open_ended"].mean()), 4) if n else 0.0,
                "n_targets": len(plan.targets),
            }
        )
    frame = pd.DataFrame(rows, columns=PLAN_COLUMNS)
    return frame.astype({c: "int64" for c in PLAN_COLUMNS if c.startswith("n_")})


def tasks_table(plans: Sequence[Plan], ids: Sequence[str]) -> pd.DataFrame:
    """Every task of every plan: ``plan_id``, then the task table's columns."""
    frames = [
        plan.tasks.assign(plan_id=plan_id)[["plan_id", *TASK_COLUMNS]]
        for plan, plan_id in zip(plans, ids, strict=True)
    ]
    if not frames:
        return pd.DataFrame(columns=["plan_id", *TASK_COLUMNS])
    return pd.concat(frames, ignore_index=True)


# ------------------------------------------------------------------ load by agency


def load_by_agency(
    plans: Sequence[Plan], ids: Sequence[str], collectives: workload.Collectives = "keep"
) -> pd.DataFrame:
    """Plan × agency: tasks led (alone, shared), coordinated, lead weight and share.

    A registry body named by any of the plans has a row for every plan (zeros where the plan
    does not name it), under the plan's own spelling of its name ("Ban Quản lý các khu công
    nghiệp tỉnh Ninh Bình"); agencies in the order of their total lead weight over all plans,
    then id; plans in the order given.
    """
    frames = []
    for plan, plan_id in zip(plans, ids, strict=True):
        w = workload.agency_workload(plan, collectives)
        known = w["agency_id"].isin(list(plan.registry.agencies))
        frames.append(w.assign(plan_id=plan_id, in_registry=known))
    if not frames:
        return pd.DataFrame(columns=LOAD_COLUMNS)
    table = pd.concat(frames, ignore_index=True)
    bodies = list(dict.fromkeys(table.loc[table["in_registry"], "agency_id"]))
    filler = []
    for plan, plan_id in zip(plans, ids, strict=True):
        named = set(table.loc[table["plan_id"] == plan_id, "agency_id"])
        for agency_id in bodies:
            if agency_id not in named and agency_id in plan.registry.agencies:
                a = plan.registry.agencies[agency_id]
                filler.append(
                    {
                        "plan_id": plan_id,
                        "agency_id": agency_id,
                        "agency_name": a.name,
                        "short_name": a.short_name,
                        "name_en": a.name_en,
                        "kind": a.kind,
                        "is_collective": a.is_collective,
                        "in_registry": True,
                        **dict.fromkeys(_COUNTS, 0),
                        "lead_weight": 0.0,
                        "lead_share": 0.0,
                    }
                )
    if filler:
        table = pd.concat([table, pd.DataFrame(filler)], ignore_index=True)
    total = table.groupby("agency_id")["lead_weight"].sum()
    plan_order = {plan_id: i for i, plan_id in enumerate(ids)}
    table = table.assign(_total=table["agency_id"].map(total), _plan=table["plan_id"].map(plan_order))
    table = table.sort_values(["_total", "agency_id", "_plan"], ascending=[False, True, True], kind="stable")
    table = table[LOAD_COLUMNS].reset_index(drop=True)
    return table.astype(
        {
            **dict.fromkeys(_COUNTS, "int64"),
            "lead_weight": "float64",
            "lead_share": "float64",
            "is_collective": bool,
            "in_registry": bool,
        }
    )


# ------------------------------------------------------------------ coverage


def _scores(plan: Plan, catalogue: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """(task and target entries, task × entry matcher scores): the scores a crosswalk draft uses
    (:func:`~plan132lib.analysis.crosswalk_draft.draft`), rounded alike, without its per-pair terms."""
    entries = catalogue[catalogue["entry_type"] != "context"].reset_index(drop=True)
    return entries, np.round(matcher.score_matrix(list(plan.tasks["content"].astype(str)), entries), 4)


def _suggested(plan: Plan, plan_id: str, catalogue: pd.DataFrame) -> pd.DataFrame:
    entries, scores = _scores(plan, catalogue)
    tasks = plan.tasks["task_id"].to_numpy()
    rows = []
    for j, entry in enumerate(entries.itertuples(index=False)):
        column = scores[:, j] if len(tasks) else np.zeros(0)
        linked = tasks[column >= THRESHOLD] if entry.applies_to_province != "no" else tasks[:0]
        status = (
            "not_applicable"
            if entry.applies_to_province == "no"
            else "suggested"
            if len(linked)
            else "missing"
        )
        rows.append(
            {
                "plan_id": plan_id,
                "goal_id": entry.id,
                "status": status,
                "basis": "suggested",
                "n_links": len(linked),
                "task_ids": " | ".join(linked),
                "score": float(column.max()) if len(column) else 0.0,
            }
        )
    frame = pd.DataFrame(rows)
    info = entries.rename(columns={"id": "goal_id"})
    return frame.merge(
        info[[c for c in COVERAGE_COLUMNS if c in info.columns and c not in frame.columns] + ["goal_id"]],
        on="goal_id",
        how="left",
    )


def _not_implemented(plan_id: str, catalogue: pd.DataFrame) -> pd.DataFrame:
    """Entries of documents the plan does not implement: every one not applicable to it (never
    "missing"), ``basis`` saying why."""
    entries = catalogue[catalogue["entry_type"] != "context"].rename(columns={"id": "goal_id"})
    frame = pd.DataFrame(
        {
            "plan_id": plan_id,
            "goal_id": entries["goal_id"],
            "status": "not_applicable",
            "basis": "not_implemented",
            "n_links": 0,
            "task_ids": "",
            "score": 0.0,
        }
    )
    info = [c for c in COVERAGE_COLUMNS if c in entries.columns and c not in frame.columns]
    return frame.merge(entries[[*info, "goal_id"]], on="goal_id", how="left")


def _reviewed(review: Review, plan_id: str) -> pd.DataFrame:
    table = coverage_table(review)
    table = table[table["entry_type"] != "context"]
    return table.assign(plan_id=plan_id, basis="reviewed", score=np.nan)


def coverage_across(
    plans: Sequence[Plan],
    ids: Sequence[str],
    reviews: Sequence[Review | None],
    catalogue: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Catalogue entry × plan (columns :data:`COVERAGE_COLUMNS`): for the entries of the documents
    a plan implements (:func:`~plan132lib.analysis.coverage.for_plan`), the reviewed status where
    the plan has a review, else the matcher's suggestion; for the others, not applicable; ``basis``
    saying which. ``catalogue``: default, the bundled catalogues. Rows in the catalogue's order,
    then the plans' order."""
    catalogue = catalogue if catalogue is not None else load_catalogues()
    frames = []
    for plan, plan_id, r in zip(plans, ids, reviews, strict=True):
        mine = r.catalogue if r is not None else for_plan(catalogue, plan)
        if r is not None:
            frames.append(_reviewed(r, plan_id))
        elif (mine["entry_type"] != "context").any():
            frames.append(_suggested(plan, plan_id, mine))
        frames.append(_not_implemented(plan_id, catalogue[~catalogue["id"].isin(mine["id"])]))
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame(columns=COVERAGE_COLUMNS)
    table = pd.concat([f[COVERAGE_COLUMNS] for f in frames], ignore_index=True)
    goal_order = {g: i for i, g in enumerate(dict.fromkeys([*catalogue["id"], *table["goal_id"]]))}
    plan_order = {plan_id: i for i, plan_id in enumerate(ids)}
    table = table.sort_values(
        ["goal_id", "plan_id"],
        kind="stable",
        key=lambda s: s.map(goal_order if s.name == "goal_id" else plan_order),
    )
    table = table.reset_index(drop=True).fillna(
        {c: "" for c in COVERAGE_COLUMNS if c not in ("n_links", "score")}
    )
    return table.astype({"n_links": "int64", "score": "float64"})


# ------------------------------------------------------------------ targets


@dataclass(frozen=True)
class Indicator:
    """An indicator plans set targets for, and the words that name it."""

    indicator_id: str
    name_vi: str
    name_en: str
    match: tuple[tuple[str, ...], ...]  # alternatives, each a tuple of phrases that must all occur

    def matches(self, text: str) -> bool:
        folded = _fold(text)
        return any(all(phrase in folded for phrase in phrases) for phrases in self.match)


def _fold(text: object) -> str:
    return " ".join(unicodedata.normalize("NFC", str(text)).casefold().split())


def load_indicators(path: str | PathLike[str] | None = None) -> list[Indicator]:
    """The indicators of ``target_indicators.csv`` (or ``path``), in the file's order, read by the
    reference loader (:func:`plan132lib.reference.read_reference`).

    A row without an id, a name or match words, or an id given twice, is a
    :class:`~plan132lib.errors.ReferenceDataError` naming the file and the line.
    """
    path = Path(path) if path is not None else TARGET_INDICATORS
    out: list[Indicator] = []
    columns = ("indicator_id", "name_vi", "name_en", "match")
    for line, row in read_reference(path, what=Problem("what.indicators"), columns=columns):
        values = {k: row[k] for k in columns}
        if not all(values.values()):
            raise ReferenceDataError(path, line, "every row needs indicator_id, name_vi, name_en and match")
        if any(i.indicator_id == values["indicator_id"] for i in out):
            raise ReferenceDataError(path, line, f"indicator_id {values['indicator_id']!r} appears twice")
        match = tuple(
            tuple(_fold(p) for p in alt.split(" + ") if p.strip())
            for alt in values["match"].split(" | ")
            if alt.strip()
        )
        out.append(Indicator(values["indicator_id"], values["name_vi"], values["name_en"], match))
    return out


def indicator_of(indicator: str, text: str, indicators: Sequence[Indicator]) -> Indicator | None:
    """The first indicator whose words occur in a target's ``indicator`` (its ``text`` when the
    indicator is empty), or None."""
    words = indicator if str(indicator).strip() else text
    return next((i for i in indicators if i.matches(words)), None)


def targets_across(
    plans: Sequence[Plan], ids: Sequence[str], indicators: Sequence[Indicator] | None = None
) -> pd.DataFrame:
    """Every target of every plan, its tasks' and its objectives' ("Mục tiêu": ``objective_id`` set,
    ``task_id`` empty), with the indicator it measures, side by side by indicator (columns
    :data:`TARGET_COLUMNS`)."""
    indicators = load_indicators() if indicators is None else indicators
    order = {i.indicator_id: k for k, i in enumerate(indicators)}
    frames = []
    for plan, plan_id in zip(plans, ids, strict=True):
        objectives = plan.objective_targets.assign(task_id="")
        t = pd.concat([plan.targets.assign(objective_id=""), objectives], ignore_index=True)[
            [
                c
                for c in TARGET_COLUMNS
                if c not in ("indicator_id", "indicator_vi", "indicator_en", "plan_id")
            ]
        ]
        found = [indicator_of(a, b, indicators) for a, b in zip(t["indicator"], t["text"], strict=True)]
        frames.append(
            t.assign(
                plan_id=plan_id,
                indicator_id=[i.indicator_id if i else "" for i in found],
                indicator_vi=[i.name_vi if i else "" for i in found],
                indicator_en=[i.name_en if i else "" for i in found],
            )
        )
    if not frames:
        return pd.DataFrame(columns=TARGET_COLUMNS)
    table = pd.concat(frames, ignore_index=True)
    plan_order = {plan_id: i for i, plan_id in enumerate(ids)}
    # an indicator the list does not know is matched across plans by its words as written
    unknown = table["indicator"].map(lambda text: " ".join(_fold(text).strip(" .;:").split()))
    table = table.assign(
        _ind=table["indicator_id"].map(order).fillna(len(order)),
        _words=unknown.where(table["indicator_id"].eq(""), ""),
        _plan=table["plan_id"].map(plan_order),
    )
    first = table.groupby("_words", sort=False)["_plan"].transform("min")  # in the order plans name them
    table = table.assign(_first=first.where(table["indicator_id"].eq(""), 0))
    table = table.sort_values(["_ind", "_first", "_words", "_plan"], kind="stable")
    return table[TARGET_COLUMNS].reset_index(drop=True)


# ------------------------------------------------------------------ all together


def compare_tables(
    plans: Sequence[Plan],
    reviews: Sequence[Review | None] | None = None,
    *,
    catalogue: pd.DataFrame | None = None,
    collectives: workload.Collectives = "keep",
    ids: Sequence[str] | None = None,
) -> dict[str, pd.DataFrame]:
    """The five tables of a comparison, by name (:data:`TABLES`): plans, tasks, load_by_agency,
    coverage, targets.

    ``reviews``: one per plan, a :class:`~plan132lib.analysis.coverage.Review` where the plan has
    a reviewed crosswalk, else None; without it, each plan's
    :func:`~plan132lib.analysis.coverage.review_for` (the bundled crosswalk for the bundled plan,
    None for any other). ``catalogue``: the catalogue suggestions are made against (default: the
    first review's, else the bundled one). ``ids``: the plans' ids (default :func:`plan_ids`).
    """
    plans = list(plans)
    if reviews is None:  # review_for gives a review to the bundled plan alone: spare the others the catalogue
        reviews = [review_for(p) if Path(p.path).resolve() == BUNDLED_PLAN.resolve() else None for p in plans]
    reviews = list(reviews)
    if len(reviews) != len(plans):
        raise ValueError(f"{len(plans)} plans but {len(reviews)} reviews: give one review (or None) per plan")
    ids = list(ids) if ids is not None else plan_ids(plans)
    if len(set(ids)) != len(ids) or len(ids) != len(plans):
        raise ValueError("plan ids must be unique, one per plan")
    return {
        "plans": plans_table(plans, ids),
        "tasks": tasks_table(plans, ids),
        "load_by_agency": load_by_agency(plans, ids, collectives),
        "coverage": coverage_across(plans, ids, reviews, catalogue),
        "targets": targets_across(plans, ids),
    }


def caveat(plans: Sequence[Plan], lang: str = "vi", catalogue: pd.DataFrame | None = None) -> str:
    """What a reader must know of the catalogue before the coverage heat map
    (:func:`plan132lib.analysis.coverage.caveat` of the catalogue, for the first plan)."""
    from .catalogue import CROSSWALK_COLUMNS
    from .coverage import caveat as review_caveat

    entries = catalogue if catalogue is not None else for_plan(load_catalogues(), plans[0])
    return review_caveat(Review(plans[0], entries, pd.DataFrame(columns=list(CROSSWALK_COLUMNS))), lang)


def counts_by_plan(coverage: pd.DataFrame) -> pd.DataFrame:
    """Plan × status: how many entries each plan has in each status, with its basis."""
    counts = pd.crosstab(coverage["plan_id"], coverage["status"])
    basis = coverage.groupby("plan_id")["basis"].first()
    return counts.assign(basis=basis).reset_index()


__all__ = [
    "BASES",
    "COVERAGE_COLUMNS",
    "LOAD_COLUMNS",
    "PLAN_COLUMNS",
    "TABLES",
    "TARGET_COLUMNS",
    "Indicator",
    "caveat",
    "compare_tables",
    "counts_by_plan",
    "coverage_across",
    "indicator_of",
    "load_by_agency",
    "load_indicators",
    "load_plans",
    "plan_ids",
    "plans_table",
    "targets_across",
    "tasks_table",
]
