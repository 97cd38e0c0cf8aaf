"""A comment memo on a draft plan (góp ý dự thảo): a draft official letter in Word, in the layout of
Nghị định 30/2020/NĐ-CP, proposing a wording for each gap the kit finds in the draft (issue 26, item 6).

:func:`comments` selects the comments as data (:class:`Comment`: the section of the draft, the task,
duty item, agency or catalogue entry it names, its kind, its fields as written); :func:`memo_docx`
lays them out. Nothing here analyses the plan: every comment is a field of
:class:`~plan132lib.analysis.findings.Findings` (and, with a previous version, a row of
:func:`~plan132lib.analysis.versions.all_changes`), phrased by the rows ``memo.*`` of ``words.csv``.
Where the kit cannot judge, it does not comment:

- a lead: a task in :attr:`Findings.collective_lead` (a whole-group entry leads it) or
  :attr:`Findings.several_leads`; the proposal is "một cơ quan cụ thể", never a body the kit would
  have to pick (for several leads, one of the bodies the draft itself names);
- a deadline: :attr:`Findings.open_ended`, and a dated end after the plan's own period where the
  plan names its period (``Plan.period.named``); deadlines the kit could not read get no comment;
- a coordinator: :attr:`Findings.no_specific_coordinator` only;
- the duties section against the appendix: :attr:`Findings.duties_without_tasks` (named by the
  duties items that name the body) and :attr:`Findings.tasks_without_duties` (named by the tasks);
- with a coverage review: :attr:`CoverageCounts.missing_ids` (an entry known only from the news
  says so), and the target checks whose alignment is ``weaker``;
- with a previous version, the change codes of :data:`REMOVED` (a task the draft no longer has)
  and :data:`TARGET_CHANGED` (a target of the task whose level went down: the two versions'
  ``targets`` tables, paired by indicator; a target phrased as a cut — "giảm", "xuống", "còn" — or
  bounded from above is left alone, as lower may be stricter there); other codes are not commented on.

The letter: the issuer block (a placeholder for the commenting agency, "Số: …/…" and the subject
"V/v góp ý dự thảo …"; the national header and "…, ngày … tháng … năm …"), "Kính gửi:" the draft's
issuer, an opening sentence, the comments numbered by section (1., 1.1., …: plain paragraphs to
edit), the closing, the signature placeholder and "Nơi nhận". Byte-identical for the same input
(:func:`plan132lib.stamp.created`, :func:`~plan132lib.render.brief_docx.fixed_zip`).
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Emu, Length

from ..analysis import coverage
from ..analysis.findings import Findings, findings_of
from ..analysis.versions import all_changes, words_of
from ..ingest.tables import Plan
from ..stamp import VERSION, created
from ..words import Locale, word
from .brief_docx import (
    BODY_PT,
    _font,
    _no_borders,
    _paragraph,
    _spacing,
    fixed_zip,
    nd30_document,
    nd30_header,
    set_properties,
)
from .briefing import _clip, agency, agency_names, goal_titles, listing
from .diff_report import point_name

__all__ = ["KINDS", "REMOVED", "TARGET_CHANGED", "Comment", "comments", "memo_docx", "write_memo"]

#: The kinds of comment, in the order a task's comments are given.
KINDS = (
    "collective_lead",
    "collective_lead_with",
    "several_leads",
    "open_ended",
    "after_period",
    "no_coordinator",
    "target_weaker",
    "duties_only",
    "tasks_collective",
    "tasks_only",
    "coverage_missing",
    "task_removed",
    "target_lowered",
    "objective_removed",
    "objective_target_lowered",
)
#: Change codes of :func:`~plan132lib.analysis.versions.all_changes` read as a task the draft no
#: longer has ("removed" today; "task_removed" should the diff rename it).
REMOVED = ("removed", "task_removed")
#: Change codes read as a changed target (its ``before`` and ``after`` sentences).
TARGET_CHANGED = ("target_changed",)
CONTENT = 110  #: characters of a task's content quoted in a comment
TITLE = 160  #: characters of the draft's title in the subject line
_PLURAL = re.compile(r"^(?:các|những|mọi)\s", re.IGNORECASE)  # "các địa phương": a plural, not one body
_REDUCTION = re.compile(r"\b(?:giảm|xuống|còn|hạ)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Comment:
    """One comment: the ``section`` of the draft it belongs to (``coverage``, ``duties``,
    ``group:<group_id>`` of the appendix, ``previous``), the id it names (``target_id``: a task id of
    the draft, or of the previous version for a removed task; a duty item "IV.3"; an agency id; a
    catalogue entry id), its ``kind`` (:data:`KINDS`) and the ``fields`` its sentence says, as written."""

    section: str
    target_id: str
    kind: str
    fields: Mapping[str, object] = field(default_factory=dict, hash=False)


# ---------------------------------------------------------------- selecting the comments


def _task_fields(plan: Plan, task_id: str) -> dict[str, object]:
    row = plan.tasks.set_index("task_id").loc[task_id]
    return {
        "task": task_id,
        "content": _clip(row["content"], CONTENT).rstrip(" .;:"),
        "timeline": " ".join(str(row["timeline_raw"]).split()),
    }


def _raw_names(plan: Plan, task_id: str, role: str, collective: bool | None = None) -> list[str]:
    """The names of a task's agencies in ``role`` as the plan writes them; with ``collective``, only
    the whole groups' (True) or only the single bodies' (False)."""
    a = plan.assignments
    rows = a.loc[(a["task_id"] == task_id) & (a["role"] == role)]
    if collective is not None:
        groups = plan.agencies.set_index("agency_id")["is_collective"].astype(bool)
        rows = rows[rows["agency_id"].map(groups).eq(collective)]
    names = dict.fromkeys(" ".join(str(n).split()) for n in rows["raw_name"])
    return [re.sub(r"^Các ", "các ", n) for n in names]  # inside a sentence: "… ghi chung các sở, ngành"


def _group_of(plan: Plan) -> dict[str, str]:
    return {str(t): f"group:{g}" for t, g in zip(plan.tasks["task_id"], plan.tasks["group_id"], strict=True)}


def _task_comments(plan: Plan, found: Findings) -> list[Comment]:
    group = _group_of(plan)
    out: list[Comment] = []
    collective, several = set(found.collective_lead), set(found.several_leads)
    tasks = plan.tasks.set_index("task_id")
    period = plan.period
    for t in found.task_order:
        fields = _task_fields(plan, t)
        leads = _raw_names(plan, t, "lead")
        if t in collective:  # a whole-group lead, with or without others: one body should answer
            # "Sở Tư pháp; các cơ quan, đơn vị, địa phương": the body named is the one to lead; a plural
            # the registry does not know ("các địa phương") is no body
            bodies = [n for n in _raw_names(plan, t, "lead", collective=False) if not _PLURAL.match(n)]
            if bodies:
                wholes = _raw_names(plan, t, "lead", collective=True)
                out.append(
                    Comment(
                        group[t],
                        t,
                        "collective_lead_with",
                        {
                            **fields,
                            "bodies": listing(bodies),
                            "groups": listing(wholes),
                            "first": listing(bodies[:1]),
                        },
                    )
                )
            else:
                out.append(Comment(group[t], t, "collective_lead", {**fields, "leads": listing(leads)}))
        elif t in several:
            out.append(
                Comment(group[t], t, "several_leads", {**fields, "leads": listing(leads), "n": len(leads)})
            )
        if t in found.open_ended:
            out.append(Comment(group[t], t, "open_ended", fields))
        end = tasks.at[t, "end_year"]
        if period.named and period.end is not None and not pd.isna(end) and int(end) > period.end:
            out.append(
                Comment(
                    group[t],
                    t,
                    "after_period",
                    {**fields, "end": int(end), "start": period.start, "period_end": period.end},
                )
            )
        if t in found.no_specific_coordinator:
            coordinators = _raw_names(plan, t, "coordinate")
            out.append(
                Comment(group[t], t, "no_coordinator", {**fields, "coordinators": listing(coordinators)})
            )
    cov = found.coverage
    if cov is not None:
        for check in cov.targets:
            if check.alignment == "weaker" and check.task_id in group:
                out.append(
                    Comment(
                        group[check.task_id],
                        check.task_id,
                        "target_weaker",
                        {
                            **_task_fields(plan, check.task_id),
                            "indicator": check.indicator,
                            "res": check.res_value,
                        },
                    )
                )
    return out


def _in_sentence(name: object) -> str:
    """An agency's name inside a sentence: a whole group's "Các sở, ngành" reads "các sở, ngành"."""
    text = agency(name)
    return re.sub(r"^(“?)Các ", r"\1các ", text)


def _duty_comments(plan: Plan, found: Findings, lang: str) -> list[Comment]:
    names = agency_names(plan, lang).map(_in_sentence)
    section = plan.duties_section_name(lang)
    out: list[Comment] = []
    duties = plan.duties.drop_duplicates("item")
    for agency_id in found.duties_without_tasks:
        for item in duties.itertuples():
            if agency_id in [a.strip() for a in str(item.agency_ids).split(";")]:
                duty_id = ".".join(p for p in (plan.duties_section, str(int(item.item))) if p)
                out.append(
                    Comment(
                        "duties",
                        duty_id,
                        "duties_only",
                        {
                            "agency_id": agency_id,
                            "agency": names[agency_id],
                            "item": int(item.item),
                            "section": section,
                        },
                    )
                )
    a = plan.assignments
    order = {t: k for k, t in enumerate(found.task_order)}
    covered = found.duties_collectively
    counts = a.drop_duplicates(["agency_id", "task_id"])["agency_id"].value_counts()
    for whole in dict.fromkeys(gs[0] for gs in covered.values()):  # one comment per whole group
        bodies = [i for i in found.tasks_without_duties if covered.get(i, ("",))[0] == whole]
        listed = [_say("agency_tasks", lang, agency=names[i], n=int(counts.get(i, 0))) for i in bodies]
        out.append(
            Comment(
                "duties",
                whole,
                "tasks_collective",
                {"group": names[whole], "agencies": "; ".join(listed), "n": len(bodies), "section": section},
            )
        )
    for agency_id in (i for i in found.tasks_without_duties if i not in covered):
        ids = sorted(set(a.loc[a["agency_id"] == agency_id, "task_id"].astype(str)), key=order.get)
        if ids:
            out.append(
                Comment(
                    "duties",
                    agency_id,
                    "tasks_only",
                    {"agency": names[agency_id], "ids": ", ".join(ids), "n": len(ids), "section": section},
                )
            )
    return out


def _coverage_comments(found: Findings, review: coverage.Review | None, lang: str) -> list[Comment]:
    cov = found.coverage
    if cov is None or review is None:
        return []
    table = coverage.coverage_table(review).set_index("goal_id")
    titles = goal_titles(review, lang)
    return [
        Comment(
            "coverage",
            g,
            "coverage_missing",
            {
                "goal": g,
                "title": " ".join(str(titles[g]).split()),
                "document": " ".join(str(table.at[g, "document"]).split()),
                "news": str(table.at[g, "confidence"]) != "TEXT",
            },
        )
        for g in cov.missing_ids
    ]


def _levels(plan: Plan, task_id: str, objective: bool = False) -> dict[tuple[str, ...], tuple[float, str]]:
    """indicator words -> (level, indicator) of the task's targets (``Plan.targets``; with ``objective``,
    of the objective ``task_id``'s, ``Plan.objective_targets``); a target bounded from above or phrased
    as a cut ("giảm", "xuống", "còn") is left out: lower may be stricter there."""
    found: dict[tuple[str, ...], tuple[float, str]] = {}
    frame, key = (plan.objective_targets, "objective_id") if objective else (plan.targets, "task_id")
    for t in frame.loc[frame[key] == task_id].itertuples():
        if t.measure != "level" or t.comparator == "at_most" or _REDUCTION.search(f"{t.indicator} {t.text}"):
            continue
        found.setdefault(words_of(t.indicator), (float(t.value), " ".join(str(t.indicator).split())))
    return found


def _number(value: float, lang: str) -> str:
    return Locale(lang).format(value, "g") + "%"


def _change_comments(draft: Plan, previous: Plan, changes: pd.DataFrame, lang: str) -> list[Comment]:
    """The removed tasks and the lowered targets among ``changes`` (codes :data:`REMOVED`,
    :data:`TARGET_CHANGED`); every other code, a row of another part than the tasks (an objective's
    target) or a row whose ids are not tasks, is left alone."""
    out: list[Comment] = []
    if changes is None or changes.empty or "change" not in changes.columns:
        return out
    old_tasks = set(previous.tasks["task_id"].astype(str))
    new_tasks = set(draft.tasks["task_id"].astype(str))
    name = previous.name(lang)
    done: set[tuple[str, tuple[str, ...]]] = set()
    for r in changes.to_dict("records"):
        part = r.get("part")  # the diff's part, where it says one: the appendix's tasks and the objectives
        code = str(r.get("change", ""))
        old_id, new_id = str(r.get("old_task_id", "") or ""), str(r.get("new_task_id", "") or "")
        if part == "objectives":
            out += _objective_comments(draft, previous, r, lang)
            continue
        if isinstance(part, str) and part not in ("", "tasks"):
            continue
        if code in REMOVED and old_id in old_tasks and not new_id:
            content = previous.tasks.set_index("task_id").at[old_id, "content"]
            out.append(
                Comment(
                    "previous",
                    old_id,
                    "task_removed",
                    {"task": old_id, "content": _clip(content, CONTENT).rstrip(" .;:"), "previous": name},
                )
            )
        elif code in TARGET_CHANGED and new_id in new_tasks and old_id in old_tasks:
            before = _levels(previous, old_id)
            for key, (value, indicator) in _levels(draft, new_id).items():
                if key in before and value < before[key][0] and (new_id, key) not in done:
                    done.add((new_id, key))  # a task's target rows: each indicator once
                    out.append(
                        Comment(
                            "previous",
                            new_id,
                            "target_lowered",
                            {
                                **_task_fields(draft, new_id),
                                "indicator": indicator,
                                "before": _number(before[key][0], lang),
                                "after": _number(value, lang),
                                "previous": name,
                            },
                        )
                    )
    return out


def _objective(plan: Plan, objective_id: str) -> str:
    text = plan.objectives.set_index("objective_id").at[objective_id, "text"]
    return _clip(text, CONTENT).rstrip(" .;:")


def _objective_place(plan: Plan, objective_id: str, lang: str) -> str:
    """Where an objective stands, by the plan's own numbering, as the diff names it ("Mục I, điểm
    5.a.1": :func:`~plan132lib.render.diff_report.point_name`)."""
    section = plan.objectives.set_index("objective_id").at[objective_id, "section"]
    return point_name(objective_id, str(section or ""), lang)


def _objective_comments(draft: Plan, previous: Plan, r: Mapping[str, object], lang: str) -> list[Comment]:
    """An objective the draft no longer has, or whose target it lowers (a level, not a cut), from one
    row of the diff; nothing for an objective added or reworded."""
    code = str(r.get("change", ""))
    old_id, new_id = str(r.get("old_task_id", "") or ""), str(r.get("new_task_id", "") or "")
    old_ids = set(previous.objectives["objective_id"].astype(str))
    new_ids = set(draft.objectives["objective_id"].astype(str))
    name = previous.name(lang)
    if code == "objective_removed" and old_id in old_ids:
        fields = {
            "text": _objective(previous, old_id),
            "place": _objective_place(previous, old_id, lang),
            "previous": name,
        }
        return [Comment("previous", old_id, "objective_removed", fields)]
    if code not in TARGET_CHANGED or old_id not in old_ids or new_id not in new_ids:
        return []
    before = _levels(previous, old_id, objective=True)
    for key, (value, indicator) in _levels(draft, new_id, objective=True).items():
        if key in before and value < before[key][0]:
            as_written = (str(r.get("value_before") or ""), str(r.get("value_after") or ""))
            fields = {
                "place": _objective_place(draft, new_id, lang),
                "indicator": indicator,
                "before": as_written[0] or _number(before[key][0], lang),
                "after": as_written[1] or _number(value, lang),
                "previous": name,
            }
            return [Comment("previous", new_id, "objective_target_lowered", fields)]
    return []


def comments(
    plan: Plan,
    found: Findings | None = None,
    review: coverage.Review | None = None,
    previous: Plan | None = None,
    changes: pd.DataFrame | None = None,
    lang: str = "vi",
) -> list[Comment]:
    """Every comment on the draft ``plan``, in the memo's order: the resolution not taken up, the duties
    section, the appendix group by group (each task's comments in :data:`KINDS` order), then the
    changes from ``previous`` (``changes``: its :func:`all_changes` frame, computed when not given)."""
    found = found if found is not None else findings_of(plan, review)
    out = _coverage_comments(found, review, lang) + _duty_comments(plan, found, lang)
    rank = {k: i for i, k in enumerate(KINDS)}
    order = {t: i for i, t in enumerate(found.task_order)}
    groups = {f"group:{g}": i for i, g in enumerate(plan.groups["group_id"])}
    tasks = sorted(
        _task_comments(plan, found),
        key=lambda c: (groups.get(c.section, len(groups)), order.get(c.target_id, 0), rank[c.kind]),
    )
    out += tasks
    if previous is not None:
        if changes is None:
            changes = all_changes(previous, plan)
        out += _change_comments(plan, previous, changes, lang)
    return out


# ---------------------------------------------------------------- saying them


def _say(key: str, lang: str, **fields: object) -> str:
    return Locale(lang).say(f"memo.{key}", **fields)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def subject(plan: Plan, lang: str = "vi") -> str:
    """ "V/v góp ý dự thảo Kế hoạch triển khai …": the draft by its own title (clipped), else its name."""
    title = " ".join((plan.meta_value("title") or "").split())
    if title:
        doc_type = " ".join((plan.meta_value("doc_type") or "").split()).capitalize()
        if lang != "vi" or not doc_type or doc_type == "Kế hoạch":
            doc_type = word("plan.doc_type", lang)
        name = f"{doc_type} {_lower_first(title)}" if lang == "vi" else f"{doc_type}: {title}"
    else:
        name = plan.name(lang)
    return _say("subject", lang, name=_clip(name, TITLE))


def _draft_citation(plan: Plan, lang: str, short: bool = False) -> str:
    """The draft in a sentence: "dự thảo Kế hoạch 132/KH-UBND ngày … của …" (``short``: "dự thảo Kế
    hoạch 132/KH-UBND"), or as it names itself ("dự thảo kế hoạch (chưa có số, chưa ghi ngày)")."""
    text = plan.name(lang) if short else plan.citation(lang)
    if text.casefold().startswith(("dự thảo", "draft")):
        return text[:1].lower() + text[1:]
    return _say("draft_of", lang, citation=text)


def _section_heading(plan: Plan, key: str, lang: str, previous: Plan | None, found: Findings) -> str:
    if key == "coverage":
        docs = found.coverage.documents if found.coverage is not None else ()
        return _say("h.coverage", lang, documents=Locale(lang).and_join(docs))
    if key == "duties":
        return _say("h.duties", lang, section=plan.duties_section_name(lang))
    if key == "previous":
        return _say("h.previous", lang, previous=previous.name(lang) if previous is not None else "")
    gid = int(key.split(":", 1)[1])
    g = plan.groups.set_index("group_id").loc[gid]
    title = _clip(_lower_first(" ".join(str(g["group_title"]).split())), TITLE)
    label = " ".join(str(g["group_label"] or "").split())
    if label:
        return _say("h.group_labelled", lang, label=label, title=title)
    return _say("h.group", lang, title=title)


#: Kinds said after "Nhiệm vụ 1.4 (“…”):" (``memo.task``), a task's comments in one paragraph.
TASK_KINDS = (
    "collective_lead",
    "collective_lead_with",
    "collective_lead_with",
    "several_leads",
    "open_ended",
    "after_period",
    "no_coordinator",
    "target_weaker",
    "target_lowered",
)


def comment_text(c: Comment, lang: str = "vi") -> str:
    """One comment's sentences as the memo says them: what the draft says, then the wording proposed
    (a task's comments without the task: :func:`paragraphs` puts it first)."""
    fields = dict(c.fields)
    kind = c.kind
    if kind == "no_coordinator" and fields.get("coordinators"):
        kind = "general_coordinator"
    text = _say(f"c.{kind}", lang, **fields)
    return _say("news_mark", lang, text=text) if kind == "coverage_missing" and fields.get("news") else text


def paragraphs(found_comments: Sequence[Comment], lang: str = "vi") -> list[str]:
    """The numbered paragraphs of one section: a task's comments that follow each other in one
    paragraph ("Nhiệm vụ 1.4 (“…”): Giao 2 cơ quan … Thời gian …"), every other comment in its own."""
    out: list[str] = []
    last: tuple[str, str] | None = None
    texts: list[str] = []
    head: Comment | None = None

    def flush() -> None:
        if head is not None:
            text = " ".join(texts)  # after the colon the first word goes lower case
            out.append(
                _say(
                    "task",
                    lang,
                    task=head.fields["task"],
                    content=head.fields["content"],
                    text=text[:1].lower() + text[1:] if text[1:2].islower() else text,
                )
            )

    for c in found_comments:
        if c.kind in TASK_KINDS:
            if last != (c.section, c.target_id):
                flush()
                head, texts, last = c, [], (c.section, c.target_id)
            texts.append(comment_text(c, lang))
            continue
        flush()
        head, texts, last = None, [], None
        out.append(comment_text(c, lang))
    flush()
    return out


def sections(
    plan: Plan, found: Findings, found_comments: Sequence[Comment], lang: str, previous: Plan | None = None
) -> list[tuple[str, str, list[str]]]:
    """(heading, a note under it or "", the numbered paragraphs) per section of the draft, in the
    memo's order."""
    keys = list(dict.fromkeys(c.section for c in found_comments))
    out = []
    for k in keys:
        part = [c for c in found_comments if c.section == k]
        note = _say("news_note", lang) if any(c.fields.get("news") for c in part) else ""
        out.append((_section_heading(plan, k, lang, previous, found), note, paragraphs(part, lang)))
    return out


def _issuer_block(doc: object, plan: Plan, lang: str, width: Length) -> None:
    """The two columns of Nghị định 30: the commenting agency (a placeholder), "Số: …/…" and the subject
    on the left; the national name and motto and "…, ngày … tháng … năm …" on the right."""
    nd30_header(
        doc,
        lang,
        width,
        issuer=_say("issuer", lang),
        date_line=_say("place_date", lang),
        below=[(_say("number", lang), BODY_PT, False), (subject(plan, lang), BODY_PT, False)],
        left_share=0.42,
    )


def _signature(doc: object, lang: str, width: Length) -> None:
    """ "Nơi nhận" on the left, the signer's placeholders on the right."""
    table = doc.add_table(rows=1, cols=2)  # type: ignore[attr-defined]
    table.autofit = False
    _no_borders(table)
    left, right = table.rows[0].cells
    half = Emu(int(width / 2))
    for column, cell in ((table.columns[0], left), (table.columns[1], right)):
        column.width = cell.width = half
    first = left.paragraphs[0]
    _spacing(first.paragraph_format, 12, 0, 1.0)
    _font(first.add_run(_say("recipients", lang)), BODY_PT, bold=True, italic=True)
    for key in ("recipient_to", "recipient_file"):
        _paragraph(doc, _say(key, lang), align=None, indent=False, before=0, container=left)
    centre = WD_ALIGN_PARAGRAPH.CENTER
    first = right.paragraphs[0]
    _spacing(first.paragraph_format, 12, 0, 1.0)
    first.alignment = centre
    _font(first.add_run(_say("signer_title", lang)), BODY_PT, bold=True)
    _paragraph(
        doc, _say("signer_note", lang), italic=True, align=centre, indent=False, before=0, container=right
    )
    _paragraph(
        doc, _say("signer_name", lang), bold=True, align=centre, indent=False, before=60, container=right
    )


def memo_docx(
    plan: Plan,
    found_comments: Sequence[Comment],
    lang: str = "vi",
    found: Findings | None = None,
    previous: Plan | None = None,
) -> bytes:
    """The memo as DOCX bytes (Nghị định 30/2020/NĐ-CP: A4, its margins, Times New Roman 13 pt)."""
    found = found if found is not None else findings_of(plan)
    doc, width = nd30_document()
    _issuer_block(doc, plan, lang, width)

    issuer = plan.issuer_name(lang) or _say("issuer_unknown", lang)
    to = _paragraph(
        doc, _say("to", lang, issuer=issuer), align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, before=18
    )
    to.paragraph_format.space_after = 6
    agency_placeholder = _say("issuer_in_text", lang)
    _paragraph(
        doc, _say("opening", lang, agency=agency_placeholder, citation=_draft_citation(plan, lang)), before=12
    )
    parts = sections(plan, found, found_comments, lang, previous)
    if not parts:
        _paragraph(doc, _say("none", lang, section=plan.duties_section_name(lang)))
    for i, (heading, note, texts) in enumerate(parts, 1):
        _paragraph(doc, f"{i}. {heading}", bold=True, before=6).paragraph_format.keep_with_next = True
        if note:
            _paragraph(doc, note, italic=True, before=3)
        for k, text in enumerate(texts, 1):
            _paragraph(doc, f"{i}.{k}. {text}", before=3)
    _paragraph(
        doc,
        _say(
            "closing",
            lang,
            agency=agency_placeholder,
            draft=_draft_citation(plan, lang, short=True),
            issuer=issuer,
        ),
        before=6,
    )
    _signature(doc, lang, width)

    prepared = _say("prepared", lang, version=VERSION, file=Path(plan.path).name)
    set_properties(doc, subject(plan, lang), plan.citation(lang), lang, comments=prepared)
    buffer = io.BytesIO()
    doc.save(buffer)
    return fixed_zip(buffer.getvalue(), created())


def write_memo(
    plan: Plan,
    path: str | Path,
    lang: str = "vi",
    review: coverage.Review | None = None,
    previous: Plan | None = None,
) -> tuple[Path, list[Comment]]:
    """Write the memo on ``plan`` (with its coverage ``review`` and its ``previous`` version, if any) to
    ``path``; returns the path and the comments."""
    found = findings_of(plan, review)
    selected = comments(plan, found, review, previous, lang=lang)
    data = memo_docx(plan, selected, lang, found, previous)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path, selected
