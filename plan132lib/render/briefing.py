"""The one-page briefing: key figures and the sentences that carry them, in Vietnamese or English.

The fixed parts of the sentences are the rows ``brief.*`` of ``plan132lib/words.csv``.

Every number is computed from the plan (and, where a coverage review exists,
from the resolution catalogue and crosswalk); nothing is typed in. Text taken
from the document (agency names, task ids) is escaped with :func:`md_escape`
before it enters Markdown, so a plan text such as ``<script>`` shows as text
in the notebook and in the HTML report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from ..analysis import coverage, network, workload
from ..ingest.tables import Plan
from ..words import LANGS as LANGS  # re-exported
from ..words import check_lang, values, word
from ..words import long_date as long_date  # re-exported

CLIP = 160  # characters of a task's content shown in the briefing
# Marks that act anywhere in a line; "~" is there because the report renders ~~text~~ as struck out.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|~])")
# Marks that act at the start of a line: a list item ("- x", "+ x", "1. x", "2) x"), a thematic
# break ("---") or a setext underline ("===" / "---" under a line).
_MD_LINE_START = re.compile(r"^( {0,3})(?:([-+=])|(\d{1,9})([.)])(?=[ \t]|$))", re.MULTILINE)


def _line_start(match: re.Match[str]) -> str:
    indent, mark, digits, delimiter = match.groups()
    return f"{indent}\\{mark}" if mark else f"{indent}{digits}\\{delimiter}"


def md_escape(text: object) -> str:
    """Document text made safe for Markdown: HTML characters as entities, Markdown marks escaped.

    The text reads back as written wherever it is placed, also at the start of a line: a plan
    text "- Sở …" or "1. …" stays text, not a list, and "~~…~~" is not struck out.
    """
    s = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_LINE_START.sub(_line_start, _MD_SPECIAL.sub(r"\\\1", s))


@dataclass(frozen=True)
class Figures:
    """The briefing's key numbers (see :func:`figures`)."""

    values: dict[str, object] = field(default_factory=dict)

    def __getitem__(self, key: str) -> object:
        return self.values[key]


def _names(rows: pd.DataFrame, english: pd.Series, lang: str) -> pd.Series:
    if lang == "vi":
        return rows["agency_name"]
    return rows["agency_name"].map(lambda n: english.get(n) or n)


def number(value: float, lang: str, digits: int = 1) -> str:
    """A decimal number as the language writes it: 7,2 in Vietnamese, 7.2 in English."""
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "vi" else text


def percent(share: float, lang: str) -> str:
    """A share as a whole percentage: 49% (both languages)."""
    return f"{share:.0%}"


def _clip(text: str, width: int = CLIP) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + " …"


def _ids(values: pd.Series) -> str:
    return ", ".join(md_escape(v) for v in values)


def figures(plan: Plan, review: coverage.Review | None = None, lang: str = "vi") -> Figures:
    """The key numbers of the briefing, computed from the plan and the review (if any).

    Agency names are the short Vietnamese names, or the English names with ``lang="en"``.
    """
    name = "short_name" if lang == "vi" else "name_en"
    english = plan.agencies.set_index("agency_name" if "agency_name" in plan.agencies else "name")["name_en"]
    t, a = plan.tasks, plan.assignments
    load = workload.agency_workload(plan)
    flags = workload.task_flags(plan)
    conc = workload.concentration(plan).set_index("measure")["value"]
    mismatch = workload.duties_vs_tasks(plan)
    hubs = network.agency_measures(plan, "drop")
    pairs = network.pair_table(plan, "drop")
    v: dict[str, object] = {
        "title": plan.meta_value("title") or "",
        "number": plan.meta_value("number") or "",
        "date": plan.meta_value("date") or "",
        "issuer": plan.issuer_name(lang),
        "n_tasks": len(t), "n_groups": t["group_id"].nunique(), "n_assignments": len(a),
        "n_agencies": a["agency_id"].nunique(),
        "n_lead_agencies": int(conc["lead_agencies"]),
        "effective_leads": float(conc["effective_lead_agencies"]),
        "top1": load.iloc[0][name] if len(load) else "",
        "top1_weight": float(load.iloc[0]["lead_weight"]) if len(load) else 0.0,
        "top2": load.iloc[1][name] if len(load) > 1 else "",
        "top2_weight": float(load.iloc[1]["lead_weight"]) if len(load) > 1 else 0.0,
        "has_section_iv": not plan.duties.empty,
        "has_collectives": bool(plan.agencies["is_collective"].any()),
        "top2_share": float(load["lead_share"].head(2).sum()),
        "several_leads": flags.loc[flags["several_leads"], "task_id"],
        "collective_lead": flags.loc[flags["collective_lead"], "task_id"],
        "no_specific_coordinator": flags.loc[flags["no_specific_coordinator"], "task_id"],
        "open_ended": flags.loc[flags["open_ended"], "task_id"],
        "due_soon": t.loc[t["task_id"].isin(flags.loc[flags["near_deadline"], "task_id"]),
                          ["task_id", "content", "timeline_raw"]],
        "duties_without_tasks": _names(mismatch[mismatch["finding"] == "duties_without_tasks"], english,
                                       lang),
        "tasks_without_duties": _names(mismatch[mismatch["finding"] == "tasks_without_duties"], english,
                                       lang),
        "hub": hubs.iloc[0][name] if len(hubs) else "",
        "hub_partners": int(hubs.iloc[0]["degree"]) if len(hubs) else 0,
        "hub_betweenness": float(hubs.iloc[0]["betweenness"]) if len(hubs) else 0.0,
        "n_named": len(hubs),
        "pair": (pairs.iloc[0]["u_name" if lang == "vi" else "u_name_en"],
                 pairs.iloc[0]["v_name" if lang == "vi" else "v_name_en"], int(pairs.iloc[0]["weight"]))
        if len(pairs) else None,
    }
    if review is not None:
        g = coverage.coverage_by_group(review).set_index("resolution_group")
        table = coverage.coverage_table(review)
        aligned = coverage.target_alignment(review)
        v.update({
            "cov_n": int(g.at["all", "n_entries"]), "cov_covered": int(g.at["all", "covered"]),
            "cov_partial": int(g.at["all", "partial"]), "cov_missing": int(g.at["all", "missing"]),
            "cov_breakthrough": (int(g.at["breakthrough", "covered"]), int(g.at["breakthrough", "partial"]),
                                 int(g.at["breakthrough", "n_entries"])) if "breakthrough" in g.index
            else (0, 0, 0),
            "cov_documents": ", ".join(coverage.documents(review)),
            "missing_ids": table.loc[table["status"] == "missing", "goal_id"],
            "n_beyond": len(coverage.tasks_beyond(review)),
            "targets": aligned[aligned["task_id"].ne("") & aligned["plan_indicator"].ne("")],
            "no_plan_target": aligned.loc[aligned["alignment"] == "no plan target", "goal_id"],
        })
    return Figures(v)


SECTIONS = ("heading", "intro", "tasks", "leads", "gaps", "due", "network", "coverage", "targets", "caveat")


def sections(plan: Plan, review: coverage.Review | None = None, lang: str = "vi") -> dict[str, str]:
    """The briefing as Markdown, by section (:data:`SECTIONS`, in that order).

    "due" (tasks due by 2027, their text clipped to :data:`CLIP` characters) is
    absent when none is; "network" is absent when no two named agencies share a task; without a
    review, "coverage" says that no crosswalk exists and "targets" and
    "caveat" are absent.
    """
    check_lang(lang)
    f = figures(plan, review, lang).values

    def say(key: str, **fields: object) -> str:
        return word(f"brief.{key}", lang, **fields)

    esc = {k: md_escape(f[k]) for k in ("number", "issuer", "title", "top1", "top2", "hub")}
    esc["date"] = md_escape(long_date(str(f["date"]), lang))
    nums = {"top1_weight": number(f["top1_weight"], lang), "top2_weight": number(f["top2_weight"], lang),
            "effective_leads": number(f["effective_leads"], lang),
            "top2_share": percent(f["top2_share"], lang)}
    leads = {0: "leads_none", 1: "leads_one"}.get(int(f["n_lead_agencies"]), "leads")
    out = {"heading": f"# {say('heading', **esc)}", "intro": say("intro", **esc),
           "tasks": say("tasks", **f), "leads": say(leads, **{**f, **esc, **nums})}
    none = say("none")

    def gap(key: str, flag: str) -> str:
        """A gap's sentence with its count and task ids, or the sentence saying there is none."""
        ids = f[flag]
        if not len(ids):
            return say(f"{key}_none")
        return say(key, n=len(ids), ids=_ids(ids), n_tasks=f["n_tasks"])

    gaps = [gap("several", "several_leads"), gap("collective", "collective_lead"),
            gap("no_coord", "no_specific_coordinator"), gap("open", "open_ended"),
            say("duties", names=_ids(f["duties_without_tasks"]) or none,
                names2=_ids(f["tasks_without_duties"]) or none)
            if f["has_section_iv"] else say("no_section_iv")]
    out["gaps"] = say("gaps_head") + "\n\n" + "\n".join(f"- {g}" for g in gaps)
    due = f["due_soon"]
    if len(due):
        out["due"] = say("due_head") + "\n\n" + "\n".join(
            f"- {md_escape(r.task_id)} ({md_escape(r.timeline_raw)}): {md_escape(_clip(r.content))}"
            for r in due.itertuples())
    if f["pair"] is not None:
        u, v, w = f["pair"]
        out["network"] = say(
            "network" if f["has_collectives"] else "network_no_collectives", hub=esc["hub"],
            partners=f["hub_partners"], others=f["n_named"] - 1,
            betweenness=percent(f["hub_betweenness"], lang), u=md_escape(u), v=md_escape(v), w=w)
    if review is None:
        out["coverage"] = say("no_review")
        return out
    b0, b1, b2 = f["cov_breakthrough"]
    out["coverage"] = say(
        "coverage", n=f["cov_n"], covered=f["cov_covered"], partial=f["cov_partial"],
        missing=f["cov_missing"], missing_ids=_ids(f["missing_ids"]) or none,
        documents=md_escape(f["cov_documents"]) or none, beyond=f["n_beyond"])
    if b2:
        out["coverage"] += " " + say("coverage_breakthrough", b0=b0, b1=b1, b2=b2)
    alignment = values("alignment", lang)
    targets = [say("target", task=md_escape(r.task_id), indicator=md_escape(r.plan_indicator),
                   alignment=alignment.get(r.alignment, r.alignment), goal=md_escape(r.goal_id) or "–",
                   res=md_escape(r.res_value_raw) or "–")
               for r in f["targets"].itertuples()]
    if len(f["no_plan_target"]):
        targets.append(say("no_target", ids=_ids(f["no_plan_target"])))
    out["targets"] = "\n".join(f"- {line}" for line in targets)
    out["caveat"] = f"*{md_escape(coverage.caveat(review, lang))}*"
    return out
