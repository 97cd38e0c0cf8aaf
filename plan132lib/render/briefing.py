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

from ..analysis import agency_review, coverage
from ..analysis.findings import CoverageCounts, Findings, Recommendation, findings_of
from ..analysis.progress import ProgressSummary, read_period
from ..charts import catalogue as chart_catalogue
from ..ingest.tables import Plan
from ..stamp import VERSION, prepared_on
from ..words import LANGS as LANGS  # re-exported
from ..words import Locale, word
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

    ``charts`` names the figures of :func:`plan132lib.pipeline.build.chart_figures` the page
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
    return Locale(lang).number(value, digits)


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
    """ "a, b và c" / "a, b and c"."""
    items = [str(i) for i in items]
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word('brief.and', lang)} {items[-1]}"


MOST_IDS = 15  # task numbers a sentence lists before "and n more (full list in the workbook)"
MOST_DUE = 6  # tasks the "due first" section lists


def _ids(values: Iterable[object], lang: str = "vi", most: int = MOST_IDS) -> str:
    """Task numbers in a sentence: all of them, or the first ``most`` and how many more."""
    shown = [str(v) for v in values]
    if len(shown) <= most:
        return ", ".join(shown)
    return ", ".join(shown[:most]) + " " + word("brief.more_tasks", lang, n=len(shown) - most)


def _name_column(lang: str) -> str:
    return "short_name" if lang == "vi" else "name_en"


def agency_names(plan: Plan, lang: str) -> pd.Series:
    """agency_id → the name prose shows in ``lang`` (the short Vietnamese name, or the English one)."""
    return plan.agencies.set_index("agency_id")[_name_column(lang)]


def goal_titles(review: coverage.Review, lang: str) -> pd.Series:
    """goal_id → the catalogue entry's short title in ``lang``."""
    return coverage.coverage_table(review).set_index("goal_id")[f"title_{lang}"]


def leaders_sentence(found: Findings, names: pd.Series, loc: Locale, prefix: str = "brief") -> str:
    """Who leads most, under :attr:`Findings.leaders`' one rule, everyone tied named."""
    top = found.top_leaders
    if not top:
        return loc.say(f"{prefix}.leads_none")
    n_tasks = found.counts.n_tasks
    if len(top) == 1:
        first = top[0]
        return loc.say(
            f"{prefix}.leads_top",
            who=agency(names[first.agency_id]),
            k=first.n_lead,
            alone=first.n_lead_alone,
            n_tasks=n_tasks,
        )
    return loc.say(
        f"{prefix}.leads_tie",
        who=loc.and_join(agency(names[a.agency_id]) for a in top),
        k=top[0].n_lead,
        n_tasks=n_tasks,
    )


def _plan_section(found: Findings, names: pd.Series, loc: Locale, say: Callable[..., str]) -> Section:
    c = found.counts
    text = [
        say(
            "plan",
            n_tasks=c.n_tasks,
            n_groups=c.n_groups,
            n_agencies=c.n_agencies_assigned,
            n_assignments=c.n_assignments,
        )
    ]
    if c.n_collective_assigned:
        text.append(
            say(
                "plan_collectives",
                n_agencies=c.n_agencies_assigned,
                n=c.n_collective_assigned,
                names=listing(names[list(c.collective_assigned)]),
            )
        )
    if found.has_duties:
        text.append(say("plan_duties", n=c.n_duty_agencies, n_all=c.n_agencies_all))
    return Section("plan", say("h.plan"), " ".join(text))


def _leads_section(
    found: Findings, names: pd.Series, unknown: str, loc: Locale, say: Callable[..., str]
) -> Section:
    text = [leaders_sentence(found, names, loc)]
    if found.leaders:
        text.append(say("leads_total", n=len(found.leaders)))
    if unknown:
        text.append(f"{unknown}.")
    return Section("leads", say("h.leads"), " ".join(text))


def _timeline_items(found: Findings, lang: str, say: Callable[..., str]) -> list[str]:
    """What the timelines do not say, each said once: deadlines the kit could not read, deadlines
    tied to no calendar year, and cells that give none."""
    return [
        say(key, n=len(ids), ids=_ids(ids, lang))
        for key, ids in (
            ("unread", found.unread),
            ("no_year", found.no_year),
            ("no_timeline", found.no_timeline),
        )
        if ids
    ]


def _gaps_section(found: Findings, names: pd.Series, lang: str, say: Callable[..., str]) -> Section:
    timeline_items = _timeline_items(found, lang, say)
    c = found.counts
    items = [
        say("several", n=len(found.several_leads), ids=_ids(found.several_leads, lang)),
        say(
            "collective",
            n=len(found.collective_lead),
            ids=_ids(found.collective_lead, lang),
            names=listing(names[list(found.collective_lead_agencies)]),
        ),
        say("no_coord", n=len(found.no_specific_coordinator), ids=_ids(found.no_specific_coordinator, lang)),
        say("open", n=len(found.open_ended), n_tasks=c.n_tasks)
        if found.open_ended
        else say("open_none_dated" if timeline_items else "open_none"),
        *timeline_items,
    ]
    if not found.has_duties:
        items.append(say("no_duties_section"))
    else:
        for key, ids in (
            ("duties_only", found.duties_without_tasks),
            ("tasks_only", found.tasks_without_duties),
        ):
            if ids:
                items.append(say(key, n=len(ids), names=listing(names[list(ids)])))
        if not found.duties_without_tasks and not found.tasks_without_duties:
            items.append(say("duties_match"))
    return Section("gaps", say("h.gaps"), items=tuple(items))


def _due_section(found: Findings, plan: Plan, say: Callable[..., str]) -> Section | None:
    """The tasks due first (by the end of :attr:`Findings.due_year`), at most :data:`MOST_DUE`."""
    if not found.due:
        return None
    tasks = plan.tasks.set_index("task_id")
    items = [
        say(
            "due",
            task=t,
            timeline=" ".join(str(tasks.at[t, "timeline_raw"]).split()),
            content=_clip(tasks.at[t, "content"]),
        )
        for t in found.due[:MOST_DUE]
    ]
    if len(found.due) > MOST_DUE:
        items.append(say("due_more", n=len(found.due) - MOST_DUE))
    if found.unread:
        items.append(say("due_unread", n=len(found.unread)))
    return Section("due", say("h.due", year=found.due_year), items=tuple(items))


def _period(label: str, lang: str) -> str:
    """A reporting period named in Vietnamese ("Quý II/2027", as progress.csv has it) in ``lang``."""
    period = read_period(label)
    return period.label(lang) if period is not None else label


def _progress_section(
    progress: ProgressSummary, names: pd.Series, loc: Locale, say: Callable[..., str]
) -> Section:
    """How far the tasks have got, from the merged returns (``plan132 build --progress``): the tasks by
    status, those overdue with their leads, those done late and the agencies that did not report."""
    counts = progress.counts
    n = progress.n_tasks
    text = say(
        "progress",
        periods=", ".join(_period(p, loc.lang) for p in progress.periods) or "–",
        date=loc.date(progress.as_of),
        n=n,
        done=counts["done"],
        share=loc.percent(counts["done"] / n if n else 0),
        in_progress=counts["in_progress"],
        not_started=counts["not_started"],
        dropped=counts["dropped"],
        no_report=counts["no_report"],
    )
    overdue = [
        f"{task} ({listing([names.get(a, a) for a in leads], loc.lang)})" if leads else task
        for task, leads in progress.overdue
    ]
    items = [say("progress_overdue", n=len(overdue), items="; ".join(overdue))]
    if progress.done_late:
        items.append(say("progress_late", n=len(progress.done_late), ids=_ids(progress.done_late, loc.lang)))
    if progress.non_reporters is not None:
        missing = [names.get(a, a) for a in progress.non_reporters]
        items.append(
            say(
                "progress_missing",
                n=len(missing),
                period=_period(progress.latest, loc.lang),
                names=listing(missing, loc.lang),
            )
        )
    return Section("progress", say("h.progress"), text, tuple(items))


def hub_sentence(found: Findings, names: pd.Series, loc: Locale, prefix: str = "brief") -> str:
    """The hub of the network without whole-group entries (everyone tied named), and the pair."""
    if not found.hubs or found.pair is None:
        return loc.say(f"{prefix}.network_none")
    hub = found.hubs[0]
    who = loc.and_join(agency(names[h.agency_id]) for h in found.hubs)
    every = hub.partners == hub.others
    partners = loc.say(
        f"{prefix}.partners_all" if every else f"{prefix}.partners_some",
        partners=hub.partners,
        others=hub.others,
    )
    p = found.pair
    some_collective = found.counts.n_collective_assigned > 0
    return loc.say(
        f"{prefix}.network" if some_collective else f"{prefix}.network_all",
        n_named=found.n_network,
        hub=who,
        partners=partners,
        u=agency(names[p.u]),
        v=agency(names[p.v]),
        w=p.weight,
    )


def _network_section(
    found: Findings, names: pd.Series, loc: Locale, say: Callable[..., str]
) -> Section | None:
    if not found.hubs or found.pair is None:
        return None
    return Section("network", say("h.network"), hub_sentence(found, names, loc))


def coverage_sentence(cov: CoverageCounts, loc: Locale, prefix: str = "brief") -> str:
    """Coverage counts, full and partial kept apart, over the entries counted (with the basis)."""
    return loc.say(
        f"{prefix}.coverage",
        n=cov.n_counted,
        n_catalogue=cov.n_catalogue,
        not_applicable=cov.not_applicable,
        left_out=cov.left_out,
        covered=cov.covered,
        partial=cov.partial,
        missing=cov.missing,
        documents=loc.say("brief.documents", ids=loc.and_join(cov.documents)),
    )


def _coverage_sections(
    found: Findings, titles: pd.Series, loc: Locale, say: Callable[..., str]
) -> list[Section]:
    cov = found.coverage
    assert cov is not None
    text = [coverage_sentence(cov, loc)]
    b0, b1, b2 = cov.breakthrough
    if b2:
        text.append(say("coverage_breakthrough" if b0 else "coverage_breakthrough_none", b0=b0, b1=b1, b2=b2))
    if cov.n_beyond:
        text.append(say("coverage_beyond", beyond=cov.n_beyond))
    items = (
        (say("coverage_missing", titles=_titles(titles[list(cov.missing_ids)], loc.lang)),)
        if cov.missing_ids
        else ()
    )
    targets = [
        say(
            "target",
            task=t.task_id,
            indicator=t.indicator,
            verdict=say(f"alignment.{t.alignment}", res=t.res_value or "–"),
        )
        for t in cov.targets
    ]
    if cov.no_plan_target_ids:
        targets.append(say("no_target", titles=_titles(titles[list(cov.no_plan_target_ids)], loc.lang)))
    return [
        Section("coverage", say("h.coverage"), " ".join(text), items),
        Section("targets", say("h.targets"), "" if targets else say("no_targets"), tuple(targets)),
    ]


def recommendation_text(
    rec: Recommendation,
    found: Findings,
    names: pd.Series,
    titles: pd.Series | None,
    loc: Locale,
    section: str,
) -> str:
    """One recommendation as a sentence (``section``: how the plan names its duties section)."""

    def say_rec(key: str, **fields: object) -> str:
        return loc.say(f"brief.rec.{key}", section=section, **fields)

    if rec.code == "coverage" and titles is not None and found.coverage is not None:
        cov = found.coverage
        first = cov.missing_breakthrough_ids
        if first:
            return say_rec(
                "coverage", n=rec.n, k=len(first), titles=_titles(titles[list(first)], loc.lang, most=2)
            )
        return say_rec(
            "coverage_any", n=rec.n, titles=_titles(titles[list(cov.missing_ids)], loc.lang, most=2)
        )
    if rec.code == "targets" and titles is not None:
        return say_rec("targets", titles=_titles(titles[list(rec.goal_ids)], loc.lang))
    if rec.code == "duties":
        return say_rec("duties", names=listing(names[list(rec.agency_ids)]))
    return say_rec(rec.code, n=rec.n, ids=_ids(rec.task_ids, loc.lang))


def brief(
    plan: Plan,
    review: coverage.Review | None = None,
    lang: str = "vi",
    found: Findings | None = None,
    progress: ProgressSummary | None = None,
) -> Brief:
    """The brief of ``plan`` in ``lang``: the :class:`~plan132lib.analysis.findings.Findings` of the plan
    (and its coverage ``review``, if any; computed when ``found`` is not given), phrased; with
    ``progress`` (the merged returns, ``plan132 build --progress``) a section "Tình hình thực hiện"
    after the deadlines."""
    loc = Locale(lang)
    found = found if found is not None else findings_of(plan, review)
    section = plan.duties_section_name(lang)  # "Mục II": the plan's own number for its duties section
    names = agency_names(plan, lang)
    titles = goal_titles(review, lang) if review is not None else None

    def say(key: str, **fields: object) -> str:
        return loc.say(f"brief.{key}", section=section, **fields)

    unknown = agency_review.unknown_note(plan, lang)  # names kept as written: "5 tên … chưa nhận diện được"
    sections = [
        _plan_section(found, names, loc, say),
        _leads_section(found, names, unknown, loc, say),
        _gaps_section(found, names, lang, say),
        _due_section(found, plan, say),
        _progress_section(progress, names, loc, say) if progress is not None else None,
        _network_section(found, names, loc, say),
    ]
    caveat = ""
    if review is None:
        why = (
            say("none_named")
            if not found.implemented
            else say("no_review")
            if found.catalogued
            else say("not_catalogued", documents="; ".join(found.implemented))
        )
        sections.append(Section("coverage", say("h.coverage"), why))
    else:
        sections += _coverage_sections(found, titles, loc, say)  # type: ignore[arg-type]
        caveat = coverage.caveat(review, lang)
    recs = tuple(
        recommendation_text(r, found, names, titles, loc, section) for r in found.recommendations
    ) or (say("rec.none"),)
    return Brief(
        lang=lang,
        title=say("title", citation=plan.citation(lang)),
        summary=" ".join(str(plan.meta_value("title") or "").split()),
        sections=tuple(s for s in sections if s is not None),
        recommendations=recs,
        caveat=caveat,
        prepared=say("prepared", date=long_date(prepared_on().isoformat(), lang), version=VERSION),
        source=" ".join(
            [say("source", citation=plan.citation(lang), file=Path(plan.path).name)]
            + [  # read from a scan: a reader of the brief is told, with how sure the reading is
                say("source_ocr", **{k: v for k, v in n.fields if k != "file"})
                for n in plan.document.notes
                if n.key == "ocr_pages"
            ]
        ),
        charts=chart_catalogue.names("brief", review),
    )


def markdown(b: Brief, keys: Sequence[str] | None = None, *, head: bool = False) -> str:
    """The brief (or its sections ``keys``) as Markdown for the notebook and the HTML report; with
    ``head``, the title, the plan's subject and the prepared line first. Document text is escaped."""
    parts: list[str] = []
    if head:
        parts += [
            f"# {md_escape(b.title)}",
            f"*{md_escape(b.summary)}*" if b.summary else "",
            md_escape(b.prepared),
        ]
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
        parts.append(
            f"**{md_escape(word('brief.h.recommendations', b.lang))}**\n\n"
            + "\n".join(f"{i}. {md_escape(r)}" for i, r in enumerate(b.recommendations, 1))
        )
    if b.caveat and wanted and (home is None or (keys is not None and home not in keys)):
        parts.append(f"*{md_escape(b.caveat)}*")
    if keys is None or "source" in keys:
        parts.append(md_escape(b.source))
    return "\n\n".join(p for p in parts if p)
