"""The full report as an A4 PDF (``report.pdf``, ``report_en.pdf``): the brief's findings written out
as a report an official can file.

The report holds, in order:

- a title page: "Báo cáo phân tích <plan>" ("Analytical report on <plan>"), the plan's subject, the
  prepared line and the source line of the brief, then the contents (ReportLab's
  :class:`~reportlab.platypus.tableofcontents.TableOfContents`, filled by a multi-pass build: each
  numbered heading with the page it stands on);
- every section of the :class:`~plan132lib.render.briefing.Brief` in full, with numbered headings
  ("1. …"), the coverage caveat kept with its coverage paragraph;
- after each section its charts (the section of :mod:`plan132lib.charts.catalogue`; print size, whole,
  scaled to the page), numbered "Hình 1." /
  "Figure 1." with the chart's alt text as caption, and under each the first :data:`ROWS` rows of the
  table behind it as a real table, numbered "Bảng 1." / "Table 1.", headed with the column headers of
  ``fields.csv`` in the reader's language, and a note saying where the whole table is;
- the recommendations, numbered;
- the reading notes: the coverage caveat, deadlines that could not be read, agency names not
  recognised, whole-group entries counted as written, what the reader noted of the file, and where
  the checks and the full tables are;
- the page number on every page.

The tables come from the analyses (:func:`figure_table`), never from the drawn charts. Words a reader
sees are the ``report.*`` rows of ``words.csv``. The bytes are the same for the same input: ReportLab's
invariant mode, dated :func:`plan132lib.stamp.created`, as the brief (:mod:`.brief_pdf`).
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from matplotlib.figure import Figure
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch, mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from ..analysis import agency_review, coverage
from ..analysis.findings import Findings, findings_of
from ..charts import catalogue
from ..fields import header
from ..ingest.tables import Plan
from ..words import Locale, word
from .brief_pdf import (
    MARGIN,
    MUTED,
    RULE,
    TEXT,
    ChartImage,
    _Canvas,
    _document,
    _p,
    _save,
    chart_image,
    fonts,
    styles,
)
from .briefing import Brief, Section
from .readable import column_kind, readable

__all__ = ["ROWS", "FigureTable", "figure_table", "report_pdf", "workbook_file", "write_report_pdf"]

ROWS = 8  # rows of the table behind a chart printed under it
BODY = 10.0  # the body type size in pt
CELL = 8.0  # the type size of a table's cells
HEAD_FILL = colors.HexColor("#E8F0F7")
GRID = colors.HexColor("#B0B7BF")


def workbook_file(lang: str) -> str:
    """The workbook a build writes beside the report: ``plan132_workbook.xlsx`` (``_en`` in English)."""
    return "plan132_workbook.xlsx" if lang == "vi" else f"plan132_workbook_{lang}.xlsx"


# ---------------------------------------------------------------- the tables behind the charts


@dataclass(frozen=True)
class FigureTable:
    """The table behind a chart: its rows (the published columns, codes as they are) in the order
    shown, how many there are, and where the whole table is: ``("sheet", key)`` a sheet of the
    workbook (``sheet.<key>`` in ``words.csv``) or ``("file", path)`` a file of the build."""

    frame: pd.DataFrame
    where: tuple[str, str]


def _fitted(text: str, font: str, size: float, room: float) -> str:
    """``text`` as it fits in ``room`` points: whole, or cut at a word with "…"."""
    if stringWidth(text, font, size) <= room:
        return text
    words = text.split()
    while words and stringWidth(" ".join(words) + " …", font, size) > room:
        words.pop()
    return " ".join(words) + " …"


def figure_table(
    name: str, plan: Plan, review: coverage.Review | None = None, lang: str = "vi"
) -> FigureTable | None:
    """The table behind the chart ``name`` (:data:`plan132lib.charts.catalogue.CHARTS`: its ``table``
    and ``table_home``), all its rows, with the columns the report prints; None for a chart without
    one (or a coverage chart without a review)."""
    chart = catalogue.CHARTS.get(name)
    if chart is None or chart.table is None or (chart.needs_review and review is None):
        return None
    return FigureTable(chart.table(plan, review, lang), chart.table_home)


def _cell_text(value: Any, kind: str, loc: Locale) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    if kind == "integer":
        return f"{float(value):.0f}"
    if kind == "percent":
        return loc.number(float(value) * 100, 1) + "%"
    if kind == "decimal3":
        return loc.number(float(value), 3)
    if kind == "decimal":
        return loc.number(float(value), 1)
    return " ".join(str(value).split())


def table_rows(table: FigureTable, lang: str, rows: int = ROWS) -> list[list[str]]:
    """The header (``fields.csv`` headers in ``lang``) and the first ``rows`` rows as text, codes in words."""
    loc = Locale(lang)
    shown = table.frame.head(rows).reset_index(drop=True)
    words = readable(shown, lang, headers=False)
    kinds = {c: column_kind(c, shown[c]) for c in shown.columns}
    body = [
        [
            _cell_text(words.at[i, c] if kinds[c] == "text" else shown.at[i, c], kinds[c], loc)
            for c in shown.columns
        ]
        for i in range(len(shown))
    ]
    return [[header(c, lang) for c in shown.columns], *body]


# ---------------------------------------------------------------- layout


def _report_styles() -> dict[str, ParagraphStyle]:
    st = styles(BODY)
    f = fonts()
    st["report_title"] = ParagraphStyle(
        "report_title", parent=st["title"], fontSize=BODY + 9, leading=(BODY + 9) * 1.2, spaceAfter=8
    )
    st["contents"] = ParagraphStyle("contents", parent=st["h1"], spaceBefore=BODY * 2)
    st["toc"] = ParagraphStyle("toc", fontName=f["serif"], fontSize=BODY, leading=BODY * 1.5, textColor=TEXT)
    st["figure"] = ParagraphStyle(
        "figure",
        parent=st["caption"],
        fontName=f["sans"],
        textColor=TEXT,
        fontSize=BODY - 1,
        leading=(BODY - 1) * 1.25,
        spaceAfter=8,
    )
    st["table_caption"] = ParagraphStyle(
        "table_caption", parent=st["figure"], spaceBefore=2, spaceAfter=3, keepWithNext=True
    )
    st["cell"] = ParagraphStyle("cell", fontName=f["sans"], fontSize=CELL, leading=CELL * 1.2, textColor=TEXT)
    st["cell_number"] = ParagraphStyle("cell_number", parent=st["cell"], alignment=2)
    st["cell_head"] = ParagraphStyle("cell_head", parent=st["cell"], fontName=f["sans_bold"])
    st["cell_head_number"] = ParagraphStyle("cell_head_number", parent=st["cell_head"], alignment=2)
    st["note"] = ParagraphStyle("note", parent=st["small"], spaceBefore=2, spaceAfter=10)
    return st


class _Heading(Paragraph):
    """A numbered heading: an entry of the contents and of the PDF's outline."""

    def __init__(self, text: str, style: ParagraphStyle, key: str) -> None:
        super().__init__(_escape(text), style)
        self.toc_text, self.toc_key = text, key


def _escape(text: str) -> str:
    from xml.sax.saxutils import escape

    return escape(text)


class _Report(BaseDocTemplate):
    """Tells the contents on which page each numbered heading landed, and marks it in the outline."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.headings: list[tuple[str, int, str]] = []  # (heading, page, key) of the last pass

    def handle_documentBegin(self) -> None:
        self.headings = []
        super().handle_documentBegin()

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, _Heading):
            self.headings.append((flowable.toc_text, self.page, flowable.toc_key))
            self.canv.bookmarkPage(flowable.toc_key)
            self.canv.addOutlineEntry(flowable.toc_text, flowable.toc_key, level=0)
            self.notify("TOCEntry", (0, _escape(flowable.toc_text), self.page, flowable.toc_key))


class _Picture(Image):
    """A chart's image that is drawn only once the pages are settled (``live[0]``): the passes that
    find each heading's page lay it out without encoding its pixels."""

    def __init__(self, png: bytes, width: float, height: float, live: list[bool]) -> None:
        super().__init__(io.BytesIO(png), width=width, height=height)
        self.live = live

    def draw(self) -> None:
        if self.live[0]:
            super().draw()


def _chart_block(
    im: ChartImage,
    caption: str,
    frame_w: float,
    frame_h: float,
    st: dict[str, ParagraphStyle],
    live: list[bool],
) -> Flowable:
    """A chart scaled to the frame (never beyond its own size) with its numbered caption, kept whole."""
    text = _p(caption, st["figure"])
    room_h = frame_h - text.wrap(frame_w, frame_h)[1] - 14
    scale = min(1.0, frame_w / (im.width * inch), room_h / (im.height * inch))
    image = _Picture(im.png, im.width * inch * scale, im.height * inch * scale, live)
    image.hAlign = "CENTER"
    return KeepTogether([Spacer(1, 4), image, text])


def _table_block(
    rows: list[list[str]],
    numeric: Sequence[bool],
    caption: str,
    note: str,
    frame_w: float,
    st: dict[str, ParagraphStyle],
) -> Flowable:
    """A numbered table: caption above, the header repeated, numbers right-aligned, the note under it."""
    cells = [
        [
            Paragraph(
                _escape(text), st[("cell_head" if r == 0 else "cell") + ("_number" if numeric[c] else "")]
            )
            for c, text in enumerate(row)
        ]
        for r, row in enumerate(rows)
    ]
    number_w = 22 * mm
    n_numbers = sum(numeric)
    n_text = len(numeric) - n_numbers
    text_w = (frame_w - number_w * n_numbers) / max(n_text, 1)
    if n_text > 1:  # the first text column (a name, an id) narrower than the others (a title, a timeline)
        first_w = (
            min(text_w, 28 * mm) if not numeric[0] and rows and max(len(r[0]) for r in rows) < 14 else text_w
        )
        rest_w = (frame_w - number_w * n_numbers - first_w) / (n_text - 1)
        widths = [number_w if numeric[c] else (first_w if c == 0 else rest_w) for c in range(len(numeric))]
    else:
        widths = [number_w if n else text_w for n in numeric]
    table = Table(cells, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
                ("LINEABOVE", (0, 0), (-1, 0), 0.8, RULE),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, RULE),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, GRID),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return KeepTogether([_p(caption, st["table_caption"]), table, _p(note, st["note"])])


def _full_note(table: FigureTable, lang: str) -> str:
    kind, what = table.where
    if kind == "sheet":
        return word("report.full_sheet", lang, file=workbook_file(lang), sheet=word(f"sheet.{what}", lang))
    return word("report.full_file", lang, file=what, workbook=workbook_file(lang))


def _notes(plan: Plan, review: coverage.Review | None, brief: Brief, found: Findings) -> list[str]:
    """The reading notes: what a reader must know before using a figure of the report."""
    lang = brief.lang
    loc = Locale(lang)
    section = plan.duties_section_name(lang)
    notes = [brief.caveat] if brief.caveat else [word("report.note.no_review", lang)]
    timelines = (("unread", found.unread), ("no_year", found.no_year), ("no_timeline", found.no_timeline))
    for key, ids in timelines:
        if ids:
            notes.append(loc.say(f"brief.{key}", n=len(ids), ids=", ".join(ids), section=section))
    unknown = agency_review.unknown_note(plan, lang)
    if unknown:
        notes.append(f"{unknown}.")
    if found.counts.n_collective_assigned:
        notes.append(loc.say("report.note.collectives", n=found.counts.n_collective_assigned))
    notes += [
        word(f"finding.note.{n.key}", lang, section=section, **dict(n.fields)) for n in plan.document.notes
    ]
    notes.append(word("report.note.tables", lang, rows=ROWS, file=workbook_file(lang)))
    notes.append(word("report.note.checks", lang, sheet=word("sheet.findings", lang)))
    return notes


def _section_parts(
    section: Section, number: int, st: dict[str, ParagraphStyle], caveat: str
) -> list[Flowable]:
    head = _Heading(f"{number}. {section.heading}", st["h1"], f"s{number}")
    parts: list[Flowable] = [head]
    if section.text:
        parts.append(_p(section.text, st["body"]))
    parts += [_p(item, st["item"], bulletText="•") for item in section.items]
    if caveat:
        parts.append(_p(caveat, st["caveat"]))
        return [KeepTogether(parts)]  # the caveat on the page of its paragraph
    return [KeepTogether(parts[:2]), *parts[2:]]  # a heading never ends a page


def report_pdf(
    brief: Brief,
    charts: Mapping[str, Figure | ChartImage | bytes],
    plan: Plan,
    review: coverage.Review | None = None,
    found: Findings | None = None,
) -> bytes:
    """The full report of ``plan`` (and its coverage ``review``) as an A4 PDF (bytes): ``brief`` in full
    with numbered headings and a contents page, every chart of ``charts`` (print size) numbered after
    its section with the first rows of its table (:func:`figure_table`), the recommendations, the
    reading notes (``found``: the plan's findings, computed when not given) and page numbers."""
    lang = brief.lang
    found = found if found is not None else findings_of(plan, review)
    st = _report_styles()
    width, height = A4
    side = MARGIN + 6 * mm
    frame_w, frame_h = width - 2 * side, height - 2 * MARGIN - 14 * mm
    title = word("report.title", lang, citation=plan.citation(lang))
    images = {name: chart_image(c) for name, c in charts.items()}

    keys = [s.key for s in brief.sections]
    homes: dict[str, list[str]] = {}
    for key, names in catalogue.by_section().items():  # each chart after the section it illustrates
        for name in names:
            if name in images:  # a section the brief leaves out: its charts go after the last section
                homes.setdefault(key if key in keys else keys[-1], []).append(name)
    placed = {n for names in homes.values() for n in names}
    homes.setdefault(keys[-1], []).extend(n for n in images if n not in placed)  # a chart without a home
    tables = {name: figure_table(name, plan, review, lang) for name in images}
    notes = _notes(plan, review, brief, found)
    home = "coverage" if "coverage" in keys else keys[-1]

    def figures_of(key: str, numbers: dict[str, int], live: list[bool]) -> list[Flowable]:
        parts: list[Flowable] = []
        for name in homes.get(key, ()):
            im = images[name]
            numbers["figure"] += 1
            caption = word(
                "report.figure_caption",
                lang,
                n=numbers["figure"],
                caption=" ".join(im.alt.split()) or word("report.figure", lang),
            )
            parts.append(_chart_block(im, caption, frame_w, frame_h - 8, st, live))
            table = tables[name]
            if table is None or table.frame.empty:
                continue
            numbers["table"] += 1
            total, shown = len(table.frame), min(ROWS, len(table.frame))
            said = {"n": numbers["table"], "figure": numbers["figure"], "total": total}
            caption = (
                word("report.table_caption", lang, shown=shown, **said)
                if shown < total
                else word("report.table_caption_all", lang, **said)
            )
            numeric = [column_kind(c, table.frame[c]) != "text" for c in table.frame.columns]
            parts.append(
                _table_block(table_rows(table, lang), numeric, caption, _full_note(table, lang), frame_w, st)
            )
        return parts

    def story_of(toc: TableOfContents, live: list[bool]) -> list[Flowable]:
        story: list[Flowable] = [_p(title, st["report_title"])]
        if brief.summary:
            story.append(_p(brief.summary, st["summary"]))
        story += [
            Spacer(1, 6),
            _p(brief.prepared, st["small"]),
            Spacer(1, 3),
            _p(brief.source, st["small"]),
            _p(word("report.contents", lang), st["contents"]),
            toc,
            PageBreak(),
        ]
        numbers = {"section": 0, "figure": 0, "table": 0}
        for section in brief.sections:
            numbers["section"] += 1
            caveat = brief.caveat if section.key == home else ""
            story += _section_parts(section, numbers["section"], st, caveat)
            story += figures_of(section.key, numbers, live)
        n = numbers["section"] + 1
        head = _Heading(f"{n}. {word('brief.h.recommendations', lang)}", st["h1"], f"s{n}")
        recs = [_p(r, st["item"], bulletText=f"{i}.") for i, r in enumerate(brief.recommendations, 1)]
        story += [KeepTogether([head, *recs[:1]]), *recs[1:]]
        head = _Heading(f"{n + 1}. {word('report.h.notes', lang)}", st["h1"], f"s{n + 1}")
        said = [_p(note, st["item"], bulletText="•") for note in notes]
        story += [KeepTogether([head, *said[:1]]), *said[1:]]
        return [*story, Spacer(1, 6), _p(brief.source, st["small"])]

    def page(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        font = fonts()["sans"]
        canvas.setFont(font, 7.5)
        canvas.setFillColor(MUTED)
        number = word("pdf.page", lang, n=doc.page)
        room = width - 2 * side - stringWidth(number, font, 7.5) - 12  # the title never runs into it
        canvas.drawString(side, MARGIN, _fitted(title, font, 7.5, room))
        canvas.drawRightString(width - side, MARGIN, number)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(side, MARGIN + 10, width - side, MARGIN + 10)
        canvas.restoreState()

    def document(buffer: io.BytesIO) -> _Report:
        doc = _document(buffer, brief, title, template=_Report, side=side)
        frame = Frame(
            side,
            MARGIN + 8 * mm,
            frame_w,
            frame_h,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        doc.addPageTemplates([PageTemplate(id="report", frames=[frame], onPage=page)])
        return doc

    # The contents settle over passes that lay the charts out without encoding their pixels; the last
    # build draws them, with the contents found (a chart takes the same room either way).
    toc = _contents(st)
    trial = document(io.BytesIO())
    trial.multiBuild(story_of(toc, [False]), canvasmaker=_Canvas)
    final = _contents(st)
    final.addEntries([(0, _escape(text), page_no, key) for text, page_no, key in trial.headings])
    final.beforeBuild()  # the entries found become the ones it draws
    buffer = io.BytesIO()
    doc = document(buffer)
    doc.build(story_of(final, [True]), canvasmaker=_Canvas)
    if doc.headings != trial.headings:  # never expected: the last build placed a heading elsewhere
        raise RuntimeError(f"{title}: a heading moved in the last build of the report")
    return buffer.getvalue()


def _contents(st: dict[str, ParagraphStyle]) -> TableOfContents:
    return TableOfContents(levelStyles=[st["toc"]], dotsMinLevel=0, rightColumnWidth=40)


def write_report_pdf(
    plan: Plan,
    review: coverage.Review | None,
    brief: Brief,
    charts: Mapping[str, Any],
    path: str | Path,
    found: Findings | None = None,
) -> Path:
    """Write :func:`report_pdf` of ``plan`` (and ``review``) to ``path``."""
    return _save(report_pdf(brief, charts, plan, review, found), path)
