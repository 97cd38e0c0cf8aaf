"""Coverage review: the plan against the resolution catalogue.

Which entries of the catalogue (Resolution 247/2025/QH15 and 67/NQ-CP) the
plan takes up, fully or in part, which it leaves out, which plan tasks go
beyond them, and whether its numeric targets match. Links come from the
curated crosswalk (:func:`plan132lib.catalogue.load_crosswalk`); the text
matcher (:mod:`plan132lib.matcher`) only suggests, and :func:`agreement`
compares its suggestions with the crosswalk both ways.

**Read every figure with the catalogue's limits** (``caveat.coverage`` in
``plan132lib/words.csv``, printed with every chart, sheet and briefing): the
official text of neither resolution was available; 67/NQ-CP's content is
unknown and 247's tasks were reconstructed from press reports. A "missing"
entry is missing from the plan *as far as this catalogue knows the
resolutions*; a task "beyond" the resolutions may implement a part of them
the catalogue could not retrieve.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..ingest.cited import cited, number_key
from ..ingest.tables import Plan
from ..paths import BUNDLED_PLAN, LOCAL_PLACES, RESOLUTION_CATALOGUE
from ..reference import read_reference
from ..words import Problem, word
from . import matcher
from .catalogue import CatalogueFiles, catalogued, load_catalogues, load_crosswalk, numbers

SWEEP = tuple(round(0.05 + 0.025 * i, 3) for i in range(15))  # thresholds agreement_sweep() tries
THRESHOLD = 0.275  # matcher score from which a link is suggested: the lowest of SWEEP with precision >= 0.80
# measured there on the bundled crosswalk: precision 0.86 (18 of 21), recall 0.60 (18 of 30)
STATUSES = ("covered", "partial", "missing", "not_applicable", "context")
GROUP_ORDER = ("breakthrough", "due_2026", "to_2030", "other")


@dataclass(frozen=True)
class Review:
    """The three inputs of a coverage review: the plan, the catalogue and the crosswalk."""

    plan: Plan
    catalogue: pd.DataFrame
    crosswalk: pd.DataFrame

    @classmethod
    def load(
        cls, plan: Plan, catalogue: pd.DataFrame | None = None, crosswalk: pd.DataFrame | None = None
    ) -> Review:
        """The bundled catalogues' entries for ``plan`` (:func:`for_plan`) and the bundled crosswalk
        unless given; the crosswalk is validated against both."""
        catalogue = catalogue if catalogue is not None else for_plan(load_catalogues(), plan)
        crosswalk = crosswalk if crosswalk is not None else load_crosswalk(plan, catalogue)
        return cls(plan, catalogue, crosswalk)

    @property
    def entries(self) -> pd.DataFrame:
        """Task and target entries (context left out)."""
        return self.catalogue[self.catalogue["entry_type"] != "context"]


def review_for(
    plan: Plan, crosswalk: str | Path | None = None, catalogue: CatalogueFiles = None
) -> Review | None:
    """The coverage review of ``plan`` against the entries of the documents it implements
    (:func:`for_plan`), or None when no catalogue holds any of them (the plan is then never
    measured against a catalogue, see :func:`skipped`) or no crosswalk is known for it.

    ``catalogue``: catalogue files (CSV or XLSX, e.g. from ``plan132 catalogue``) added to the
    bundled ones (:func:`~plan132lib.analysis.catalogue.load_catalogues`: one of the same document
    replaces the bundled reconstruction), read and checked even when no review follows.
    ``crosswalk``: the path of a crosswalk written for ``plan`` and those entries (CSV or XLSX, a
    reviewed draft of ``plan132 crosswalk``). Without it, the bundled crosswalk is used for the
    bundled plan while every entry it is measured against comes from the bundled catalogue it was
    written for (a plan read from another file, even an edited copy, or a catalogue that replaces
    the bundled one gets None). A crosswalk that does not fit the plan or the entries, or a draft
    not yet reviewed, raises ReferenceDataError.
    """
    entries = for_plan(load_catalogues(catalogue), plan)
    if not (entries["entry_type"] != "context").any():  # the plan implements no catalogued document
        return None
    if crosswalk is not None:
        return Review(plan, entries, load_crosswalk(plan, entries, crosswalk))
    if Path(plan.path).resolve() != BUNDLED_PLAN.resolve():
        return None
    if not entries["catalogue"].eq(RESOLUTION_CATALOGUE.name).all():
        return None
    return Review(plan, entries, load_crosswalk(plan, entries))


def for_plan(catalogue: pd.DataFrame, plan: Plan) -> pd.DataFrame:
    """The entries of ``catalogue`` that concern ``plan``: the tasks and targets of the documents it
    implements (:func:`implemented`; an entry of "247/2025/QH15 hoặc 67/NQ-CP" when it implements
    either), and the context entries of the catalogue files that hold them. Catalogue order."""
    mine = _implemented_keys(plan)
    names = catalogue["document"].map(lambda d: {number_key(n) for n in numbers(d)})
    task = catalogue["entry_type"] != "context"
    kept = task & names.map(lambda k: bool(k & mine))
    files = set(catalogue.loc[kept, "catalogue"])
    return catalogue[kept | (~task & catalogue["catalogue"].isin(files))].reset_index(drop=True)


def _implemented_keys(plan: Plan) -> set[str]:
    return {number_key(c.number) for text in implemented(plan) for c in cited(text)}


def _task_order(plan: Plan) -> dict[str, int]:
    return {t: i for i, t in enumerate(plan.tasks["task_id"])}


def _leads(plan: Plan) -> pd.Series:
    """task_id → its lead agencies' short names, " | " between."""
    a = plan.assignments[plan.assignments["role"] == "lead"]
    short = plan.agencies.set_index("agency_id")["short_name"]
    return a.assign(name=a["agency_id"].map(short)).groupby("task_id", sort=False)["name"].agg(" | ".join)


def _join(values: pd.Series, order: dict[str, int]) -> str:
    return " | ".join(sorted(set(values), key=lambda t: order.get(t, len(order))))


# ------------------------------------------------------------------ coverage


def coverage_table(review: Review) -> pd.DataFrame:
    """One row per catalogue entry: its status and the plan tasks that take it up.

    ``status``: ``context`` (not something to implement), ``not_applicable``
    (does not fall to a province: ``applies_to_province`` is ``no``; an entry
    marked ``unknown``, whose addressee is unclear, counts like ``partly`` and
    falls to the province until a reviewer says otherwise), ``covered`` (a full link), ``partial`` (only
    partial links), ``missing`` (no link). ``task_ids`` lists every linked task
    (full ones in ``full_task_ids``), ``lead_agencies`` their leads.
    """
    cat, links, order = review.catalogue, review.crosswalk, _task_order(review.plan)
    leads = _leads(review.plan)
    per = links.groupby("goal_id").agg(
        n_links=("task_id", "size"),
        task_ids=("task_id", lambda s: _join(s, order)),
        full_task_ids=("task_id", lambda s: _join(s[links.loc[s.index, "strength"] == "full"], order)),
        lead_agencies=(
            "task_id",
            lambda s: " | ".join(
                dict.fromkeys(
                    name
                    for t in sorted(set(s), key=order.get)
                    for name in leads.get(t, "").split(" | ")
                    if name
                )
            ),
        ),
    )
    table = cat.merge(per, left_on="id", right_index=True, how="left")
    table = table.fillna({"n_links": 0, "task_ids": "", "full_task_ids": "", "lead_agencies": ""})
    table["n_links"] = table["n_links"].astype(int)
    table["status"] = np.select(
        [
            table["entry_type"] == "context",
            table["applies_to_province"] == "no",
            table["full_task_ids"] != "",
            table["task_ids"] != "",
        ],
        ["context", "not_applicable", "covered", "partial"],
        default="missing",
    )
    return table.rename(columns={"id": "goal_id"})[
        [
            "goal_id",
            "title_vi",
            "title_en",
            "document",
            "resolution_group",
            "entry_type",
            "applies_to_province",
            "confidence",
            "status",
            "n_links",
            "task_ids",
            "full_task_ids",
            "lead_agencies",
            "paraphrase_vi",
            "paraphrase_en",
            "province_reason",
            "source_line",
        ]
    ].reset_index(drop=True)


COUNTED_CONFIDENCE = ("TEXT", "NEWS")


def coverage_by_group(review: Review, confidence: tuple[str, ...] = COUNTED_CONFIDENCE) -> pd.DataFrame:
    """Coverage per resolution group, over entries that fall to a province (yes / partly / unknown).

    ``unknown`` (the addressee is unclear, as a generated catalogue marks it)
    counts like ``partly``: the entry falls to the province until a reviewer
    says otherwise; only ``no`` goes to ``n_not_applicable``.

    Only entries whose ``confidence`` is in ``confidence`` are counted: by
    default TEXT and NEWS, leaving out INFERRED entries, which are the
    compiler's inference (one, NQ247-CHK-WW, is known only because the plan
    itself cites it, so counting it would measure the plan against itself);
    ``n_left_out`` counts them per group.

    Columns: resolution_group, n_entries, covered, partial, missing,
    share_covered, share_covered_or_partial, n_not_applicable, n_news (entries
    known only from press reports), n_left_out. The last row, ``all``, sums
    the groups. The groups are :func:`group_order`'s.
    """
    table = coverage_table(review)
    table = table[table["status"] != "context"]
    left_out = table[~table["confidence"].isin(confidence) & (table["status"] != "not_applicable")]
    table = table[table["confidence"].isin(confidence) | (table["status"] == "not_applicable")]
    order = group_order(review.entries["resolution_group"])
    counts = pd.crosstab(table["resolution_group"], table["status"]).reindex(
        index=order, columns=list(STATUSES[:4]), fill_value=0
    )
    counts.loc["all"] = counts.sum()
    news = (
        table[table["status"] != "not_applicable"]
        .groupby("resolution_group")["confidence"]
        .apply(lambda s: int((s == "NEWS").sum()))
        .reindex(order, fill_value=0)
    )
    news.loc["all"] = news.sum()
    out = pd.DataFrame(
        {
            "n_entries": counts[["covered", "partial", "missing"]].sum(axis=1),
            "covered": counts["covered"],
            "partial": counts["partial"],
            "missing": counts["missing"],
        }
    )
    n = out["n_entries"].replace(0, np.nan)
    out["share_covered"] = (out["covered"] / n).round(4).fillna(0.0)
    out["share_covered_or_partial"] = ((out["covered"] + out["partial"]) / n).round(4).fillna(0.0)
    out["n_not_applicable"] = counts["not_applicable"]
    out["n_news"] = news
    n_left = left_out.groupby("resolution_group").size().reindex(order, fill_value=0)
    n_left.loc["all"] = n_left.sum()
    out["n_left_out"] = n_left.astype(int)
    out.index.name = "resolution_group"
    return out.reset_index()


def group_order(groups: pd.Series) -> list[str]:
    """The rows of the coverage by group: Resolution 247's groups (:data:`GROUP_ORDER`, all four
    when the catalogue uses any), then any other group (a heading of a catalogue read from a
    text, "D2.1: Về hoàn thiện …") in catalogue order."""
    present = [g for g in dict.fromkeys(groups.astype(str)) if g]
    known = list(GROUP_ORDER) if any(g in GROUP_ORDER for g in present) or not present else []
    return known + [g for g in present if g not in GROUP_ORDER]


def tasks_beyond(review: Review) -> pd.DataFrame:
    """Plan tasks linked to no catalogue entry (beyond the catalogue, not necessarily the resolutions)."""
    plan = review.plan
    linked = set(review.crosswalk["task_id"])
    t = plan.tasks[~plan.tasks["task_id"].isin(linked)]
    return t.assign(lead_agencies=t["task_id"].map(_leads(plan)).fillna(""))[
        ["task_id", "group_id", "content", "lead_agencies", "timeline_raw", "source_line"]
    ].reset_index(drop=True)


def task_links(review: Review) -> pd.DataFrame:
    """Per plan task: the entries it is linked to (full / partial) and their resolution groups."""
    plan, links = review.plan, review.crosswalk
    groups = review.catalogue.set_index("id")["resolution_group"]
    per = (
        links.assign(group=links["goal_id"].map(groups))
        .groupby("task_id")
        .agg(
            n_links=("goal_id", "size"),
            goal_ids=("goal_id", " | ".join),
            n_full=("strength", lambda s: int((s == "full").sum())),
            groups=("group", lambda s: " | ".join(dict.fromkeys(s))),
        )
    )
    t = plan.tasks[["task_id", "group_id", "content"]].merge(
        per, left_on="task_id", right_index=True, how="left"
    )
    t = t.fillna({"n_links": 0, "goal_ids": "", "n_full": 0, "groups": ""})
    t[["n_links", "n_full"]] = t[["n_links", "n_full"]].astype(int)
    return t.reset_index(drop=True)


def matrix(review: Review, status: tuple[str, ...] = ("covered", "partial", "missing")) -> pd.DataFrame:
    """Entry × task: "full" / "partial" / "" for the entries whose status is in ``status``.

    Rows in catalogue order, columns in plan order; every plan task is a column.
    """
    table = coverage_table(review)
    ids = table.loc[table["status"].isin(status), "goal_id"]
    cells = review.crosswalk.pivot_table(
        index="goal_id", columns="task_id", values="strength", aggfunc="first"
    )
    cells = cells.reindex(index=list(ids), columns=list(review.plan.tasks["task_id"]))
    return cells.astype(object).where(cells.notna(), "")


# ------------------------------------------------------------------ the matcher against the crosswalk


def suggestions(review: Review) -> pd.DataFrame:
    """Matcher scores of every task × (task or target) entry, with the curated strength beside.

    ``for_province``: the entry falls to a province (``applies_to_province`` is
    not ``no``); only those are ever suggested, as in a crosswalk draft, since a
    link to another changes no coverage figure.
    """
    scores = matcher.similarity(review.plan.tasks, review.entries)
    curated = review.crosswalk.set_index(["task_id", "goal_id"])["strength"]
    keys = list(zip(scores["task_id"], scores["goal_id"], strict=True))
    applies = review.entries.set_index("id")["applies_to_province"]
    return scores.assign(
        curated=[curated.get(k, "") for k in keys],
        for_province=scores["goal_id"].map(applies).ne("no").to_numpy(),
    )


def agreement(review: Review, threshold: float = THRESHOLD) -> pd.DataFrame:
    """Suggested and curated links side by side, both ways.

    One row per pair that is curated or scores at least ``threshold``:
    ``outcome`` is ``agreed`` (both), ``missed`` (curated, below the threshold)
    or ``not_curated`` (suggested, no curated link). Sorted by outcome, then
    score (highest first).
    """
    s = suggestions(review)
    s["suggested"] = (s["score"] >= threshold) & s["for_province"]
    s = s[s["suggested"] | (s["curated"] != "")]
    s["outcome"] = np.select(
        [s["suggested"] & (s["curated"] != ""), s["curated"] != ""],
        ["agreed", "missed"],
        default="not_curated",
    )
    rank = {"agreed": 0, "missed": 1, "not_curated": 2}
    s = s.sort_values(
        ["outcome", "score"], key=lambda c: c.map(rank) if c.name == "outcome" else -c, kind="stable"
    )
    columns = ["task_id", "goal_id", "score", "curated", "suggested", "outcome", "shared"]
    return s[columns].reset_index(drop=True)


def agreement_sweep(review: Review, thresholds: tuple[float, ...] = SWEEP) -> pd.DataFrame:
    """Precision and recall of the matcher's suggestions against the crosswalk, per threshold.

    precision = agreed / suggested; recall = agreed / curated links; F1 their
    harmonic mean. The crosswalk is the reference, so this measures agreement
    with one reviewer, not truth. :data:`THRESHOLD` is chosen from this sweep
    over the bundled crosswalk: the lowest threshold whose precision is 0.80
    or more.
    """
    s = suggestions(review)
    curated = s["curated"] != ""
    rows = []
    for th in thresholds:
        suggested = (s["score"] >= th) & s["for_province"]
        agreed = int((suggested & curated).sum())
        precision = agreed / suggested.sum() if suggested.any() else 0.0
        recall = agreed / curated.sum() if curated.any() else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rows.append(
            {
                "threshold": th,
                "n_suggested": int(suggested.sum()),
                "n_curated": int(curated.sum()),
                "n_agreed": agreed,
                "precision": round(precision, 4),
                "recall": round(recall, 4),
                "f1": round(f1, 4),
            }
        )
    return pd.DataFrame(rows)


# ------------------------------------------------------------------ targets

_PERCENT = re.compile(r"(?P<about>~|khoảng)?\s*(?P<value>\d+(?:[.,]\d+)?)\s*%", re.IGNORECASE)


def _parse_value(text: str) -> tuple[float | None, str, str]:
    """(value, measure, comparator) of a value as written: "giảm tối thiểu 10%" → (-10, change, at_least)."""
    m = _PERCENT.search(text)
    if not m:
        return None, "", ""
    value = float(m.group("value").replace(",", "."))
    lowered = text.casefold()
    measure = "change" if re.search(r"\b(giảm|tăng)\b", lowered) else "level"
    if "giảm" in lowered:
        value = -value
    comparator = (
        "at_least"
        if re.search(r"tối thiểu|ít nhất|trở lên", lowered)
        else "about"
        if m.group("about")
        else "exact"
    )
    return value, measure, comparator


def _year(text: object) -> float:
    m = re.search(r"\b(19|20)\d{2}\b", str(text))
    return float(m.group(0)) if m else np.nan


def resolution_targets(catalogue: pd.DataFrame) -> pd.DataFrame:
    """The catalogue's target entries, one row per target value (``100%; ~70%`` gives two).

    ``value`` is signed (a cut is negative) and NaN when the target is not a
    number ("cao hơn mức năm 2025"); ``measure`` is change or level.
    """
    rows = []
    for entry in catalogue[catalogue["entry_type"] == "target"].itertuples():
        values = [v.strip() for v in entry.target_value.split(";")]
        indicators = [i.strip() for i in entry.target_indicator.split(";")]
        if len(indicators) != len(values):
            indicators = [entry.target_indicator] * len(values)
        for no, (indicator, raw) in enumerate(zip(indicators, values, strict=True), start=1):
            value, measure, comparator = _parse_value(raw)
            rows.append(
                {
                    "goal_id": entry.id,
                    "target_no": no,
                    "indicator": indicator,
                    "value_raw": raw,
                    "value": value,
                    "measure": measure,
                    "comparator": comparator,
                    "baseline_year": _year(entry.baseline_year),
                    "target_year": _year(entry.target_year),
                    "applies_to_province": entry.applies_to_province,
                    "confidence": entry.confidence,
                }
            )
    return pd.DataFrame(
        rows,
        columns=[
            "goal_id",
            "target_no",
            "indicator",
            "value_raw",
            "value",
            "measure",
            "comparator",
            "baseline_year",
            "target_year",
            "applies_to_province",
            "confidence",
        ],
    )


def _overlap(a: str, b: str) -> float:
    ta, tb = set(matcher.terms(a)), set(matcher.terms(b))
    return len(ta & tb) / len(ta | tb) if ta | tb else 0.0


def _compare(plan_row: pd.Series, res_row: pd.Series) -> str:
    """same / stricter / weaker / mixed for two numeric targets of one measure."""
    pv, rv = float(plan_row["value"]), float(res_row["value"])
    value_sign = 0 if pv == rv else (1 if (pv > rv) == (plan_row["measure"] == "level") else -1)
    py, ry = plan_row["target_year"], res_row["target_year"]
    year_sign = 0 if pd.isna(py) or pd.isna(ry) or py == ry else (1 if py < ry else -1)
    base_differs = (
        not (pd.isna(plan_row["baseline_year"]) and pd.isna(res_row["baseline_year"]))
        and plan_row["baseline_year"] != res_row["baseline_year"]
    )
    signs = {value_sign, year_sign} - {0}
    if not signs:
        return "different baseline" if base_differs else "same"
    if signs == {1}:
        return "stricter"
    if signs == {-1}:
        return "weaker"
    return "mixed"


def target_alignment(review: Review) -> pd.DataFrame:
    """Each plan target beside its resolution counterpart, then each unanswered resolution target.

    A plan target's counterpart is a numeric target of an entry the crosswalk
    links to the same task, of the same measure (change / level), with the
    closest indicator wording. ``alignment``: ``same``, ``stricter`` (a larger
    cut or higher level, or an earlier year), ``weaker``, ``mixed``,
    ``different baseline``, ``none found`` (no linked resolution target),
    ``source unverified`` (the counterpart's confidence is INFERRED, e.g. known
    only from the plan itself), and ``no plan target`` for a resolution target
    that falls to the province (yes / partly / unknown) with no plan counterpart.
    """
    plan_targets = review.plan.targets.copy()
    res = resolution_targets(review.catalogue)
    links = review.crosswalk
    rows, used = [], set()
    for t in plan_targets.itertuples():
        p = pd.Series(
            {
                "value": t.value,
                "measure": t.measure,
                "target_year": t.target_year,
                "baseline_year": t.baseline_year,
            }
        )
        p = p.where(p.notna(), np.nan)
        linked = set(links.loc[links["task_id"] == t.task_id, "goal_id"])
        cands = res[res["goal_id"].isin(linked) & res["value"].notna() & (res["measure"] == t.measure)]
        row = {
            "task_id": t.task_id,
            "plan_target_no": t.target_no,
            "plan_indicator": t.indicator,
            "plan_value": t.value,
            "plan_comparator": t.comparator,
            "plan_baseline_year": t.baseline_year,
            "plan_target_year": t.target_year,
            "plan_source_line": t.source_line,
        }
        if cands.empty:
            rows.append({**row, "goal_id": "", "alignment": "none found"})
            continue
        cands = cands.assign(sim=[_overlap(t.indicator, i) for i in cands["indicator"]])
        best = cands.sort_values(
            ["sim", "goal_id", "target_no"], ascending=[False, True, True], kind="stable"
        ).iloc[0]
        used.add((best["goal_id"], best["target_no"]))
        alignment = "source unverified" if best["confidence"] == "INFERRED" else _compare(p, best)
        rows.append(
            {
                **row,
                "goal_id": best["goal_id"],
                "res_target_no": best["target_no"],
                "res_indicator": best["indicator"],
                "res_value_raw": best["value_raw"],
                "res_value": best["value"],
                "res_baseline_year": best["baseline_year"],
                "res_target_year": best["target_year"],
                "confidence": best["confidence"],
                "alignment": alignment,
            }
        )
    for r in res.itertuples():
        if r.applies_to_province in ("yes", "partly", "unknown") and (r.goal_id, r.target_no) not in used:
            rows.append(
                {
                    "goal_id": r.goal_id,
                    "res_target_no": r.target_no,
                    "res_indicator": r.indicator,
                    "res_value_raw": r.value_raw,
                    "res_value": r.value,
                    "res_baseline_year": r.baseline_year,
                    "res_target_year": r.target_year,
                    "confidence": r.confidence,
                    "alignment": "no plan target",
                    "task_id": " | ".join(links.loc[links["goal_id"] == r.goal_id, "task_id"]),
                }
            )
    columns = [
        "task_id",
        "plan_target_no",
        "plan_indicator",
        "plan_value",
        "plan_comparator",
        "plan_baseline_year",
        "plan_target_year",
        "plan_source_line",
        "goal_id",
        "res_target_no",
        "res_indicator",
        "res_value_raw",
        "res_value",
        "res_baseline_year",
        "res_target_year",
        "confidence",
        "alignment",
    ]
    out = pd.DataFrame(rows).reindex(columns=columns)
    for col in (
        "plan_target_no",
        "plan_baseline_year",
        "plan_target_year",
        "plan_source_line",
        "res_target_no",
        "res_baseline_year",
        "res_target_year",
    ):
        out[col] = pd.array(out[col].astype("Float64").round(), dtype="Int64")
    text = [
        "task_id",
        "plan_indicator",
        "plan_comparator",
        "goal_id",
        "res_indicator",
        "res_value_raw",
        "confidence",
    ]
    for column in text:  # an all-empty column (a plan with no target) too
        out[column] = out[column].astype(object).fillna("").astype(str)
    return out


# ------------------------------------------------------------------ local mentions


def local_places(province: str, path: str | Path | None = None) -> tuple[str, ...]:
    """The province's own name and the rivers and systems that run through it
    (``data/reference/local_places.csv``, columns ``province`` and ``place``, read by the reference
    loader :func:`plan132lib.reference.read_reference`), for finding the entries that name it."""
    rows = read_reference(path or LOCAL_PLACES, what=Problem("what.places"), columns=("province", "place"))
    key = province.casefold()
    return tuple(
        dict.fromkeys(
            [
                province,
                *(row["place"] for _, row in rows if row["province"].casefold() == key and row["place"]),
            ]
        )
    )


def local_mentions(review: Review, places: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Catalogue entries that name the plan's province or a river or system running through it
    (:func:`local_places` unless ``places`` is given), and what the plan does about them.

    ``answer``: the linked tasks with their strength, "nothing" for an
    applicable entry with no link, or why no link is expected (context, not
    applicable).
    """
    places = places if places is not None else local_places(review.plan.province)
    places = tuple(p for p in places if p)
    table = coverage_table(review)
    cat = review.catalogue.set_index("id")
    text = (cat["mentions_local"] + " " + cat["paraphrase_vi"]).reindex(table["goal_id"]).to_numpy()
    named = [[p for p in places if p.casefold() in str(t).casefold()] for t in text]
    table = table.assign(
        places_named=[" | ".join(n) for n in named],
        mentions_local=table["goal_id"].map(cat["mentions_local"]),
    )
    table = table[table["places_named"] != ""]
    strength = review.crosswalk.set_index(["task_id", "goal_id"])["strength"]

    def answer(row: pd.Series) -> str:
        if row["status"] == "context":
            return "context entry: not linked"
        if row["task_ids"]:
            return "; ".join(f"{t} ({strength[t, row['goal_id']]})" for t in row["task_ids"].split(" | "))
        return "not applicable to the province" if row["status"] == "not_applicable" else "nothing"

    table = table.assign(answer=[answer(row) for _, row in table.iterrows()])  # also when no entry names it
    return table[
        [
            "goal_id",
            "entry_type",
            "places_named",
            "mentions_local",
            "applies_to_province",
            "status",
            "task_ids",
            "answer",
            "paraphrase_en",
        ]
    ].reset_index(drop=True)


def coverage_tables(review: Review) -> dict[str, pd.DataFrame]:
    """The coverage tables written to ``tables/`` by the build, named ``coverage_*``."""
    return {
        "coverage_entries": coverage_table(review),
        "coverage_by_group": coverage_by_group(review),
        "coverage_matrix": matrix(review).rename_axis("goal_id").reset_index(),
        "coverage_task_links": task_links(review),
        "coverage_tasks_beyond": tasks_beyond(review),
        "coverage_targets": target_alignment(review),
        "coverage_local_mentions": local_mentions(review),
        "coverage_agreement": agreement(review),
        "coverage_agreement_sweep": agreement_sweep(review),
    }


# ------------------------------------------------------------------ caveat


def documents(review: Review) -> list[str]:
    """The numbers of the documents whose tasks or targets the catalogue lists ("247/2025/QH15",
    "67/NQ-CP"), in catalogue order, read from its ``document`` column (context entries aside)."""
    return catalogued(review.catalogue)


def implemented(plan: Plan) -> list[str]:
    """What the plan says it implements, as written ("Chỉ thị số 11-CT/TU ngày … của Tỉnh ủy"): its
    meta ``implements``, read from its title and its "Căn cứ …" / "Thực hiện …" lines."""
    return plan.meta_values("implements")


def skipped(plan: Plan, catalogue: pd.DataFrame, lang: str = "vi", file: str | Path = "") -> str:
    """Why the plan has no coverage review, and what to do, in ``lang``: it implements documents the
    catalogue does not hold (named, with the command that makes their catalogue), it names none, or
    no reviewed crosswalk links it to the catalogue yet (``file``: the plan's path, for the steps)."""
    documents = implemented(plan)
    citation = plan.citation(lang)
    if not documents:
        return word("coverage_skip.none_named", lang, plan=citation)
    if not applies(plan, catalogue):
        return word(
            "coverage_skip.not_catalogued",
            lang,
            plan=citation,
            documents="; ".join(documents),
            catalogued=", ".join(catalogued(catalogue)) or "–",
        )
    return word("build.coverage_skipped", lang, plan=citation, file=file or plan.path)


def applies(plan: Plan, catalogue: pd.DataFrame) -> bool:
    """Whether ``catalogue`` catalogues a document the plan implements: coverage runs only then."""
    mine = _implemented_keys(plan)
    return any(number_key(n) in mine for n in catalogued(catalogue))


def caveat(review: Review, lang: str = "vi") -> str:
    """What a reader must know of the catalogue before reading a coverage figure, from the
    catalogue itself: how many of its entries are known only from the press (NEWS) or inferred
    (INFERRED), and from which documents' text the others were read, and which documents the plan
    implements it knows no task of; or that it was read from the text."""
    entries = review.entries
    n_news = int((entries["confidence"] == "NEWS").sum())
    n_inferred = int((entries["confidence"] == "INFERRED").sum())
    if not n_news and not n_inferred:
        return word("caveat.coverage_text", lang, documents=", ".join(documents(review)) or "–")
    read = entries[entries["confidence"] == "TEXT"]
    with_tasks = {n for d in entries["document"] if " hoặc " not in str(d) for n in numbers(d)}
    implemented = [n for text in review.plan.meta_values("implements") for n in numbers(text)]
    unknown = [d for d in dict.fromkeys(implemented) if d not in with_tasks]
    text = (
        word(
            "caveat.coverage_mixed",
            lang,
            n=len(entries),
            n_text=len(read),
            documents=", ".join(catalogued(read)) or "–",
            n_news=n_news,
            n_inferred=n_inferred,
        )
        if len(read)
        else word("caveat.coverage", lang, n=len(entries), n_news=n_news, n_inferred=n_inferred)
    )
    if unknown:
        text += " " + word("caveat.coverage_unknown", lang, documents=", ".join(unknown))
    return text + " " + word("caveat.coverage_measure", lang)
