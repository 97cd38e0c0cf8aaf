"""The compiled report draft (``bao-cao-ket-qua.docx``): the focal department's *báo cáo kết quả thực
hiện* to the plan's issuer, in the layout of Nghị định 30/2020/NĐ-CP, for the department to edit and
sign.

Built on the Word brief's helpers (:func:`~.brief_docx.nd30_document`, :func:`~.brief_docx.nd30_header`)
and the comment memo's signature block: the header (a placeholder for the department, "Số: …/BC-…";
the national name and motto, the place and the as-of date), "BÁO CÁO" and its subject, "Kính gửi:"
the plan's issuer, an opening sentence, then

I. the overall situation in numbers (tasks, reported, done and done late, in progress, not started,
   dropped, overdue; agencies that sent a return for the latest period);
II. the tasks done, the tasks overdue with their lead agencies, the tasks nobody reported on;
III. the difficulties and IV. the proposals of the latest period, each quoted with its agency and
   tasks (one line per agency and text);
V. the agencies that sent no return for the latest period;

the closing sentence, the signature placeholders and "Nơi nhận". Every sentence is a
``track.report.*`` row of ``words.csv``. Byte-identical for the same input: dated the as-of day.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH

from ..analysis.progress import Progress
from ..ingest.tables import Plan
from ..stamp import VERSION
from ..words import Locale, check_lang
from .brief_docx import BODY_PT, _paragraph, core_property, fixed_zip, nd30_document, nd30_header, place_date
from .review_memo import _signature

__all__ = ["REPORT_FILE", "progress_docx", "write_progress_docx"]

REPORT_FILE = "bao-cao-ket-qua.docx"
CONTENT = 90  #: characters of a task's content quoted in a line
QUOTE = 400  #: characters of an agency's text quoted


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _nonzero(counts: dict[str, int], say: Callable[[str, int], str]) -> str:
    """The counts that are not zero, each said by ``say(name, n)`` ("đang thực hiện 24 nhiệm vụ"), "; "
    between (``say("none", 0)`` when all are): never "chưa triển khai 0 nhiệm vụ"."""
    return "; ".join(say(name, n) for name, n in counts.items() if n) or say("none", 0)


def _clip(text: object, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip(" ,;.") + "…"


def _leads(plan: Plan) -> dict[str, str]:
    """task → its lead agencies' names, as the plan names them."""
    leads = plan.assignments.loc[plan.assignments["role"] == "lead"]
    return (
        leads.groupby("task_id", sort=False)["agency_name"]
        .agg(lambda s: "; ".join(dict.fromkeys(s)))
        .to_dict()
    )


def _quoted(progress: Progress, column: str) -> list[tuple[str, list[str], str]]:
    """(agency, tasks, text) of the latest period's reports that say something in ``column``: each
    agency's latest report of each task, one line per agency and text."""
    reports = progress.reports
    latest = progress.latest
    if latest is None or reports.empty:
        return []
    rows = reports.loc[
        (reports["period_end"] == latest.end.isoformat()) & (reports["period_order"] == latest.order)
    ]
    rows = rows.drop_duplicates(["reported_by", "task_id"], keep="last")
    rows = rows.loc[rows[column].astype(str).str.strip() != ""]
    out: dict[tuple[str, str], list[str]] = {}
    for r in rows.itertuples(index=False):
        out.setdefault((r.reported_by, " ".join(str(getattr(r, column)).split())), []).append(r.task_id)
    return [(agency, tasks, text) for (agency, text), tasks in out.items()]


def sections(progress: Progress, plan: Plan, lang: str = "vi") -> list[tuple[str, list[str]]]:
    """The report's sections: (heading, paragraphs), in order; every sentence in ``lang``."""
    loc = Locale(lang)
    p = progress.progress
    period = progress.latest.label(lang) if progress.latest else "–"
    counts = p["status"].value_counts()
    n = len(p)
    content = plan.tasks.set_index("task_id")["content"]
    leads = _leads(plan)

    def count(status: str) -> int:
        return int(counts.get(status, 0))

    done, overdue = p.loc[p["status"] == "done"], p.loc[p["overdue"]]
    tracked = len(progress.by_agency)
    sent = int(progress.by_agency["reported_latest"].sum())
    counts_of = {s: count(s) for s in ("in_progress", "not_started", "dropped")}
    overall = [
        loc.say("track.report.tasks", n=n, reported=n - count("no_report"), unreported=count("no_report")),
        loc.say(
            "track.report.done",
            count="late",
            n=count("done"),
            share=loc.percent(count("done") / n if n else 0),
            late=int(p["done_late"].sum()),
        ),
        loc.say(
            "track.report.open",
            parts=_first_upper(_nonzero(counts_of, lambda k, n: loc.say(f"track.report.open_part.{k}", n=n))),
        ),
        loc.say("track.report.overdue", n=len(overdue), date=loc.date(progress.as_of.isoformat())),
        loc.say("track.report.agencies", n=sent, total=tracked, period=period),
    ]
    done_lines = [
        loc.say(
            "track.report.done_item",
            task=r.task_id,
            content=_clip(content.get(r.task_id, ""), CONTENT),
            agency=r.reported_by or "–",
            date=loc.date(r.done_date) if r.done_date else loc.say("track.report.no_date"),
        )
        + (" " + loc.say("track.report.result", text=_clip(r.result, QUOTE)) if r.result else "")
        for r in done.itertuples(index=False)
    ] or [loc.say("track.report.done_none")]
    overdue_lines = [
        loc.say(
            "track.report.overdue_item",
            task=r.task_id,
            content=_clip(content.get(r.task_id, ""), CONTENT),
            due=loc.date(r.due_date),
            status=loc.value("status", r.status),
            leads=leads.get(r.task_id, "–"),
        )
        for r in overdue.itertuples(index=False)
    ] or [loc.say("track.report.overdue_none", date=loc.date(progress.as_of.isoformat()))]
    unreported = list(p.loc[p["status"] == "no_report", "task_id"])
    unreported_lines = (
        [loc.say("track.report.unreported", n=len(unreported), ids=", ".join(unreported))]
        if unreported
        else []
    )

    def quoted(column: str) -> list[str]:
        return [
            loc.say(
                "track.report.quote",
                agency=agency,
                n=len(tasks),
                tasks=", ".join(tasks),
                text=_clip(text, QUOTE),
            )
            for agency, tasks, text in _quoted(progress, column)
        ]

    names = progress.by_agency.set_index("agency_id")
    missing = [
        loc.say(
            "track.report.missing_item",
            agency=names.loc[a, "agency_name"],
            roles=_nonzero(
                {"lead": int(names.loc[a, "n_lead"]), "coordinate": int(names.loc[a, "n_coordinate"])},
                lambda k, n: loc.say(f"track.report.role.{k}", n=n),
            ),
        )
        for a in progress.non_reporters
    ] or [loc.say("track.report.missing_none", period=period)]
    return [
        (loc.say("track.report.h_overall"), overall),
        (loc.say("track.report.h_done"), done_lines),
        (loc.say("track.report.h_overdue"), overdue_lines + unreported_lines),
        (
            loc.say("track.report.h_difficulties"),
            quoted("difficulties") or [loc.say("track.report.difficulties_none", period=period)],
        ),
        (
            loc.say("track.report.h_proposals"),
            quoted("proposals") or [loc.say("track.report.proposals_none", period=period)],
        ),
        (loc.say("track.report.h_missing", period=period.upper()), missing),
    ]


def progress_docx(progress: Progress, plan: Plan, lang: str = "vi") -> bytes:
    """The report draft as DOCX bytes (Nghị định 30/2020/NĐ-CP: A4, its margins, Times New Roman 13 pt)."""
    check_lang(lang)
    loc = Locale(lang)
    as_of = progress.as_of
    period = progress.latest.label(lang) if progress.latest else "–"
    doc, width = nd30_document()
    nd30_header(
        doc,
        lang,
        width,
        issuer=loc.say("track.report.issuer"),
        below=[(loc.say("track.report.number"), BODY_PT, False)],
        date_line=place_date(lang, plan.meta_value("place") or "", as_of),
        left_share=0.42,
    )
    centre = WD_ALIGN_PARAGRAPH.CENTER
    _paragraph(doc, loc.say("track.report.title"), size=14, bold=True, align=centre, indent=False, before=18)
    subject = loc.say("track.report.subject", plan=plan.citation(lang), period=period)
    _paragraph(doc, subject, bold=True, align=centre, indent=False, before=0)
    _paragraph(
        doc,
        loc.say("track.report.draft_note", n=progress.n_returns),
        italic=True,
        align=centre,
        indent=False,
        before=3,
    )
    issuer = plan.issuer_name(lang) or loc.say("memo.issuer_unknown")
    _paragraph(doc, loc.say("memo.to", issuer=issuer), align=centre, indent=False, before=12)
    agency = loc.say("track.report.issuer_in_text")
    _paragraph(
        doc,
        loc.say(
            "track.report.opening",
            citation=plan.citation(lang),
            agency=agency,
            n=progress.n_returns,
            date=loc.date(as_of.isoformat()),
        ),
        before=12,
    )
    numerals = ("I", "II", "III", "IV", "V", "VI")
    for i, (heading, lines) in enumerate(sections(progress, plan, lang)):
        _paragraph(
            doc, f"{numerals[i]}. {heading}", bold=True, before=8
        ).paragraph_format.keep_with_next = True
        for line in lines:
            _paragraph(doc, line, before=3)
    _paragraph(
        doc,
        loc.say("track.report.closing", name=plan.name(lang), period=period, agency=agency, issuer=issuer),
        before=8,
    )
    _signature(doc, lang, width)

    props = doc.core_properties
    when = datetime.datetime(as_of.year, as_of.month, as_of.day)
    props.title = core_property(subject)
    props.subject = core_property(plan.citation(lang))
    props.author = props.last_modified_by = f"plan132 {VERSION}"
    props.created = props.modified = props.last_printed = when
    props.revision = 1
    props.language = lang
    props.comments = core_property(loc.say("track.report.prepared", version=VERSION, n=progress.n_returns))
    props.keywords = props.category = ""
    buffer = io.BytesIO()
    doc.save(buffer)
    return fixed_zip(buffer.getvalue(), when)


def write_progress_docx(progress: Progress, plan: Plan, path: str | Path, lang: str = "vi") -> Path:
    """Write the report draft to ``path``; returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(progress_docx(progress, plan, lang))
    return path
