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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..analysis import agency_review, coverage, network, workload
from ..ingest.tables import Plan
from ..ingest.timeline import UNREAD
from ..stamp import VERSION, prepared_on
from ..words import LANGS as LANGS  # re-exported
from ..words import check_lang, word
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


# ------------------------------------------------------------------ the brief as a document model

@dataclass(frozen=True)
class Section:
    """One part of the brief: a short heading, a paragraph and (optionally) bullet items.

    Text is plain (no Markdown, no markup): each renderer (Markdown for the notebook and the HTML
    report, PDF, Word) escapes and styles it itself.
    """

    key: str
    heading: str
    text: str = ""
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class Brief:
    """The one-page brief in one language, as plain text parts that every renderer shares.

    ``charts`` names the figures of :func:`plan132lib.build.pipeline.chart_figures` the page
    shows, in order; ``prepared`` is the line with the date prepared and the tool's version
    (never the plan's date); ``source`` names the plan and the file it was read from.
    """

    lang: str
    title: str
    summary: str
    sections: tuple[Section, ...]
    recommendations: tuple[str, ...]
    caveat: str
    prepared: str
    source: str
    charts: tuple[str, ...]


def number(value: float, lang: str, digits: int = 1) -> str:
    """A decimal number as the language writes it: 7,2 in Vietnamese, 7.2 in English."""
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "vi" else text


def _clip(text: str, width: int = CLIP) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + " …"


def agency(name: object, lang: str = "vi") -> str:
    """An agency's name as prose shows it: quoted when it holds a comma, so that "UBND xã, phường"
    never reads as two agencies in a sentence."""
    text = " ".join(str(name).split())
    if "," not in text:
        return text
    return f"“{text}”"


def listing(names: Iterable[object], lang: str = "vi") -> str:
    """Agency names in a sentence: each quoted when it holds a comma, separated by semicolons when
    any does (else commas)."""
    shown = [agency(n, lang) for n in names]
    return ("; " if any("," in str(n) for n in names) else ", ").join(shown)


def _titles(titles: Sequence[str], lang: str, most: int | None = None) -> str:
    """Catalogue entries by their short titles, quoted and separated by semicolons; with ``most``,
    the first ``most`` and "and n more"."""
    shown = [f"“{t}”" for t in titles]
    if most is not None and len(shown) > most:
        shown = [*shown[:most], word("brief.more", lang, n=len(shown) - most)]
    return "; ".join(shown)


def and_join(items: Sequence[object], lang: str = "vi") -> str:
    """"a, b và c" / "a, b and c"."""
    items = [str(i) for i in items]
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word('brief.and', lang)} {items[-1]}"


MOST_IDS = 15  # task numbers a sentence lists before "and n more (full list in the workbook)"
MOST_DUE = 6   # tasks the "due first" section lists


def _ids(values: Iterable[object], lang: str = "vi", most: int = MOST_IDS) -> str:
    """Task numbers in a sentence: all of them, or the first ``most`` and how many more."""
    shown = [str(v) for v in values]
    if len(shown) <= most:
        return ", ".join(shown)
    return ", ".join(shown[:most]) + " " + word("brief.more_tasks", lang, n=len(shown) - most)


def _name_column(lang: str) -> str:
    return "short_name" if lang == "vi" else "name_en"


def _lead_counts(plan: Plan, lang: str) -> pd.DataFrame:
    """Agencies by the number of tasks they lead (then alone), with their names in ``lang``."""
    load = workload.agency_workload(plan)
    load = load[load["n_lead"] > 0]
    return load.sort_values(["n_lead", "n_lead_alone", "agency_id"], ascending=[False, False, True],
                            kind="stable").assign(name=lambda d: d[_name_column(lang)])


def _due_year(plan: Plan) -> int:
    """The year "due first" runs to the end of (:func:`.workload.due_soon_until`: the year after
    the plan's date, within a period the plan names)."""
    return workload.due_soon_until(plan)


def _timeline_items(plan: Plan, lang: str, say: Callable[..., str]) -> list[str]:
    """What the timelines do not say, each said once: deadlines the kit could not read (kind
    ``other``), deadlines tied to no calendar year (a reference, a point with no date), and cells
    that give none."""
    t = plan.tasks
    no_years = t["start_year"].isna() & t["end_year"].isna()
    unread = t["timeline_kind"].isin(UNREAD)
    groups = [("unread", unread), ("no_year", no_years & t["timeline_kind"].isin(["reference", "relative"])),
              ("no_timeline", t["timeline_kind"].isin(["none", "status"]))]
    return [say(key, n=int(mask.sum()), ids=_ids(t.loc[mask, "task_id"].tolist(), lang))
            for key, mask in groups if mask.any()]


def _plan_section(plan: Plan, lang: str, say: Callable[..., str]) -> Section:
    t, a = plan.tasks, plan.assignments
    named = plan.agencies.set_index("agency_id")
    assigned = named.loc[named.index.isin(a["agency_id"])]
    collective = assigned[assigned["is_collective"]]
    text = [say("plan", n_tasks=len(t), n_groups=t["group_id"].nunique(), n_agencies=len(assigned),
                n_assignments=len(a))]
    if len(collective):
        text.append(say("plan_collectives", n_agencies=len(assigned), n=len(collective),
                        names=listing(collective[_name_column(lang)], lang)))
    if not plan.duties.empty:
        text.append(say("plan_duties", n=plan.duties["agency_ids"].str.split(";").explode()
                                             .str.strip().loc[lambda x: x.ne("")].nunique()))
    return Section("plan", say("h.plan"), " ".join(text))


def _leads_section(plan: Plan, lang: str, say: Callable[..., str]) -> Section:
    leads = _lead_counts(plan, lang)
    unknown = agency_review.unknown_note(plan, lang)  # names kept as written: "5 tên … chưa nhận diện được"
    if leads.empty:
        text = say("leads_none")
        return Section("leads", say("h.leads"), f"{text} {unknown}." if unknown else text)
    first = leads.iloc[0]
    if len(leads) == 1:
        text = say("leads_one", top1=agency(first["name"]), n1=first["n_lead"])
        return Section("leads", say("h.leads"), f"{text} {unknown}." if unknown else text)
    second = leads.iloc[1]
    lead_rows = plan.assignments[plan.assignments["role"] == "lead"]
    both = lead_rows.loc[lead_rows["agency_id"].isin([first["agency_id"], second["agency_id"]]),
                         "task_id"].nunique()
    text = say("leads", top1=agency(first["name"]), n1=first["n_lead"], alone1=first["n_lead_alone"],
               top2=agency(second["name"]), n2=second["n_lead"], alone2=second["n_lead_alone"], both=both,
               n_tasks=len(plan.tasks), n_lead_agencies=len(leads))
    return Section("leads", say("h.leads"), f"{text} {unknown}." if unknown else text)


def _gaps_section(plan: Plan, lang: str, say: Callable[..., str]) -> tuple[Section, dict[str, list[str]]]:
    flags = workload.task_flags(plan)
    timeline_items = _timeline_items(plan, lang, say)
    found = {key: flags.loc[flags[key], "task_id"].tolist()
             for key in ("several_leads", "collective_lead", "no_specific_coordinator", "open_ended")}
    found["order"] = plan.tasks["task_id"].tolist()
    agencies = plan.agencies.set_index("agency_id")
    names = agencies[_name_column(lang)]
    a = plan.assignments
    collective_leads = a.loc[(a["role"] == "lead") & a["task_id"].isin(found["collective_lead"])
                             & a["agency_id"].map(agencies["is_collective"]).eq(True),
                             "agency_id"].drop_duplicates().map(names)
    items = [
        say("several", n=len(found["several_leads"]), ids=_ids(found["several_leads"], lang))
        if found["several_leads"] else say("several_none"),
        say("collective", n=len(found["collective_lead"]), ids=_ids(found["collective_lead"], lang),
            names=listing(collective_leads, lang)) if found["collective_lead"] else say("collective_none"),
        say("no_coord", n=len(found["no_specific_coordinator"]),
            ids=_ids(found["no_specific_coordinator"], lang))
        if found["no_specific_coordinator"] else say("no_coord_none"),
        say("open", n=len(found["open_ended"]), n_tasks=len(plan.tasks))
        if found["open_ended"] else say("open_none_dated" if timeline_items else "open_none"),
        *timeline_items,
    ]
    if plan.duties.empty:
        items.append(say("no_duties_section"))
    else:
        mismatch = workload.duties_vs_tasks(plan)
        by = {kind: mismatch.loc[mismatch["finding"] == kind, "agency_id"].map(names).tolist()
              for kind in ("duties_without_tasks", "tasks_without_duties")}
        found["duties_without_tasks"], found["tasks_without_duties"] = (by["duties_without_tasks"],
                                                                        by["tasks_without_duties"])
        if by["duties_without_tasks"]:
            items.append(say("duties_only", n=len(by["duties_without_tasks"]),
                             names=listing(by["duties_without_tasks"], lang)))
        if by["tasks_without_duties"]:
            items.append(say("tasks_only", n=len(by["tasks_without_duties"]),
                             names=listing(by["tasks_without_duties"], lang)))
        if not any(by.values()):
            items.append(say("duties_match"))
    return Section("gaps", say("h.gaps"), items=tuple(items)), found


def _due_section(plan: Plan, say: Callable[..., str]) -> Section | None:
    """The tasks due first (by the end of the year after the plan's), at most :data:`MOST_DUE` of them."""
    year = _due_year(plan)
    flags = workload.task_flags(plan, near_until=year)
    due = plan.tasks[plan.tasks["task_id"].isin(flags.loc[flags["near_deadline"], "task_id"])]
    if due.empty:
        return None
    # the earliest first: by the due date, else the end of the last year (plan order among equals)
    when = due["due_date"].where(due["due_date"].ne(""), due["end_year"].astype("string") + "-12-31")
    due = due.assign(_when=when.fillna("9999")).sort_values("_when", kind="stable")
    items = [say("due", task=r.task_id, timeline=" ".join(str(r.timeline_raw).split()),
                 content=_clip(r.content)) for r in due.head(MOST_DUE).itertuples()]
    if len(due) > MOST_DUE:
        items.append(say("due_more", n=len(due) - MOST_DUE))
    unread = int(plan.tasks["timeline_kind"].isin(UNREAD).sum())
    if unread:
        items.append(say("due_unread", n=unread))
    return Section("due", say("h.due", year=year), items=tuple(items))


def _network_section(plan: Plan, lang: str, say: Callable[..., str]) -> Section | None:
    hubs = network.agency_measures(plan, "drop")
    pairs = network.pair_table(plan, "drop")
    if hubs.empty or pairs.empty:
        return None
    hub, pair = hubs.iloc[0], pairs.iloc[0]
    u, v = ("u_name", "v_name") if lang == "vi" else ("u_name_en", "v_name_en")
    key = "network" if plan.agencies["is_collective"].any() else "network_all"
    partners, others = int(hub["degree"]), len(hubs) - 1
    partners_text = say("partners_all" if partners == others else "partners_some", partners=partners,
                        others=others)
    return Section("network", say("h.network"), say(
        key, n_named=len(hubs), hub=agency(hub[_name_column(lang)]), partners=partners_text,
        u=agency(pair[u]), v=agency(pair[v]), w=int(pair["weight"])))


def _coverage_sections(review: coverage.Review, lang: str, say: Callable[..., str]
                       ) -> tuple[list[Section], dict[str, list[str]]]:
    g = coverage.coverage_by_group(review).set_index("resolution_group")
    table = coverage.coverage_table(review)
    title = table.set_index("goal_id")[f"title_{lang}"]
    missing = table.loc[table["status"] == "missing"]
    breakthrough = missing["resolution_group"] == "breakthrough"
    titles = missing[f"title_{lang}"]
    found = {"missing": titles.tolist(), "missing_breakthrough": titles[breakthrough].tolist()}
    documents = coverage.documents(review)
    text = [say("coverage", n=int(g.at["all", "n_entries"]), covered=int(g.at["all", "covered"]),
                partial=int(g.at["all", "partial"]), missing=int(g.at["all", "missing"]),
                documents=say("documents", ids=and_join(documents, lang)))]
    if "breakthrough" in g.index and int(g.at["breakthrough", "n_entries"]):
        b0, b1, b2 = (int(g.at["breakthrough", c]) for c in ("covered", "partial", "n_entries"))
        text.append(say("coverage_breakthrough" if b0 else "coverage_breakthrough_none", b0=b0, b1=b1, b2=b2))
    beyond = len(coverage.tasks_beyond(review))
    if beyond:
        text.append(say("coverage_beyond", beyond=beyond))
    items = (say("coverage_missing", titles=_titles(found["missing"], lang)),) if found["missing"] else ()
    sections = [Section("coverage", say("h.coverage"), " ".join(text), items)]
    aligned = coverage.target_alignment(review)
    plan_targets = aligned[aligned["task_id"].ne("") & aligned["plan_indicator"].ne("")]
    targets = [say("target", task=r.task_id, indicator=" ".join(str(r.plan_indicator).split()),
                   verdict=say(f"alignment.{r.alignment}", res=r.res_value_raw or "–"))
               for r in plan_targets.itertuples()]
    lacking = aligned.loc[aligned["alignment"] == "no plan target", "goal_id"].map(title).tolist()
    found["no_plan_target"] = lacking
    if lacking:
        targets.append(say("no_target", titles=_titles(lacking, lang)))
    sections.append(Section("targets", say("h.targets"), "" if targets else say("no_targets"),
                            tuple(targets)))
    return sections, found


def _recommendations(gaps: dict[str, list[str]], cov: dict[str, list[str]] | None, caveat: str, lang: str,
                     say: Callable[..., str]) -> tuple[str, ...]:
    """What the findings call for, most pressing first; one sentence each."""
    out: list[str] = []
    unclear = [t for t in gaps["order"] if t in set(gaps["collective_lead"] + gaps["several_leads"])]
    if unclear:
        out.append(say("rec.lead", ids=_ids(unclear, lang)))
    if gaps["open_ended"]:
        out.append(say("rec.deadline", n=len(gaps["open_ended"])))
    if gaps["no_specific_coordinator"]:
        out.append(say("rec.coordinate", ids=_ids(gaps["no_specific_coordinator"], lang)))
    mismatch = gaps.get("duties_without_tasks", []) + gaps.get("tasks_without_duties", [])
    if mismatch:
        out.append(say("rec.duties", names=listing(mismatch, lang)))
    if cov is not None:
        first = cov["missing_breakthrough"] or cov["missing"]
        if cov["missing"]:
            out.append(say("rec.coverage", n=len(cov["missing"]), titles=_titles(first, lang, most=2)))
        if cov["no_plan_target"]:
            out.append(say("rec.targets", titles=_titles(cov["no_plan_target"], lang)))
        if caveat:
            out.append(say("rec.verify"))
    return tuple(out) or (say("rec.none"),)


def brief(plan: Plan, review: coverage.Review | None = None, lang: str = "vi") -> Brief:
    """The brief of ``plan`` in ``lang``: every sentence computed from the plan (and the coverage
    ``review``, if any); recommendations drawn from the gaps it finds."""
    check_lang(lang)
    section = plan.duties_section_name(lang)  # "Mục II": the plan's own number for its duties section

    def say(key: str, **fields: object) -> str:
        return word(f"brief.{key}", lang, section=section, **fields)

    gaps, gap_ids = _gaps_section(plan, lang, say)
    sections = [_plan_section(plan, lang, say), _leads_section(plan, lang, say), gaps,
                _due_section(plan, say), _network_section(plan, lang, say)]
    caveat, cov = "", None
    charts = ["lead_coordinate_bars", "task_gantt"]
    if review is None:
        sections.append(Section("coverage", say("h.coverage"), say("no_review")))
    else:
        more, cov = _coverage_sections(review, lang, say)
        sections += more
        caveat = coverage.caveat(review, lang)
        charts.append("coverage_by_group")
    return Brief(
        lang=lang, title=say("title", citation=plan.citation(lang)),
        summary=" ".join(str(plan.meta_value("title") or "").split()),
        sections=tuple(s for s in sections if s is not None),
        recommendations=_recommendations(gap_ids, cov, caveat, lang, say), caveat=caveat,
        prepared=say("prepared", date=long_date(prepared_on().isoformat(), lang), version=VERSION),
        source=say("source", citation=plan.citation(lang), file=Path(plan.path).name),
        charts=tuple(charts))


def markdown(b: Brief, keys: Sequence[str] | None = None, *, head: bool = False) -> str:
    """The brief (or its sections ``keys``) as Markdown for the notebook and the HTML report; with
    ``head``, the title, the plan's subject and the prepared line first. Document text is escaped."""
    parts: list[str] = []
    if head:
        parts += [f"# {md_escape(b.title)}", f"*{md_escape(b.summary)}*" if b.summary else "",
                  md_escape(b.prepared)]
    wanted = keys is None or "caveat" in keys
    home = next((s.key for s in b.sections if s.key == "coverage"), None)  # the caveat follows coverage
    for s in b.sections:
        if keys is not None and s.key not in keys:
            continue
        block = [f"**{md_escape(s.heading)}.** {md_escape(s.text)}".rstrip()]
        block += [f"- {md_escape(item)}" for item in s.items]
        parts.append("\n".join(block) if not s.items else block[0] + "\n\n" + "\n".join(block[1:]))
        if s.key == home and b.caveat and wanted:
            parts.append(f"*{md_escape(b.caveat)}*")
    if keys is None or "recommendations" in keys:
        parts.append(f"**{md_escape(word('brief.h.recommendations', b.lang))}**\n\n"
                     + "\n".join(f"{i}. {md_escape(r)}" for i, r in enumerate(b.recommendations, 1)))
    if b.caveat and wanted and (home is None or (keys is not None and home not in keys)):
        parts.append(f"*{md_escape(b.caveat)}*")
    if keys is None or "source" in keys:
        parts.append(md_escape(b.source))
    return "\n\n".join(p for p in parts if p)
