"""The brief as one A4 page (``brief.pdf``, ``brief_en.pdf``) and the full report (``report.pdf``).

ReportLab draws both (BSD, pure Python wheels, no system libraries). The fonts are the DejaVu
Serif and Sans TTFs that matplotlib ships (they cover Vietnamese), embedded. The renderers take a
:class:`~plan132lib.render.briefing.Brief` and the chart images and only lay them out; they
compute no finding.

The brief page: the title, the plan's subject and the prepared line across the top; the text in
a left column; the brief's charts (drawn at the ``page`` size) stacked in a right column, with
the text going on below them. When the page does not hold everything the type and then the
charts are shrunk, down to 7 pt text and 6 pt chart labels; if it still does not fit,
:class:`BriefOverflowError` names what overflowed (never a silent second page).

The report: every section in full, each chart whole after its section (scaled to the frame,
never split over two pages), the caveat kept on the page of its coverage paragraph.

Files are byte-identical for the same input: ReportLab runs in invariant mode and the creation
date is :func:`plan132lib.stamp.created` (``SOURCE_DATE_EPOCH`` honoured).
"""

from __future__ import annotations

import functools
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import matplotlib as mpl
from matplotlib.figure import Figure
from PIL import Image as PILImage
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch, mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    FrameBreak,
    Image,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
)

from ..charts.frame import MIN_PT, SIZES, SMALL
from ..stamp import VERSION, created
from ..words import word
from .briefing import Brief, Section

__all__ = ["BriefOverflowError", "ChartImage", "chart_image", "write_brief_pdf", "write_report_pdf"]

MARGIN = 12 * mm
GUTTER = 5 * mm
TEXT = colors.HexColor("#222222")
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#0072B2")
# (body size in pt, chart scale): tried in order until the brief fits one page. A chart at the
# page size has 7 pt labels; the smallest scale keeps them at 6 pt (MIN_PT).
_PAGE_CHART_PT = SMALL * SIZES["page"].scale
ATTEMPTS: tuple[tuple[float, float], ...] = (
    (8.8, 1.0), (8.5, 1.0), (8.2, 1.0), (8.2, 0.93), (8.0, 0.93), (7.8, 0.9), (7.5, 0.9),
    (7.5, MIN_PT / _PAGE_CHART_PT), (7.2, MIN_PT / _PAGE_CHART_PT), (7.0, MIN_PT / _PAGE_CHART_PT),
)


Charts = Mapping[str, "Figure | ChartImage | bytes"]  # the charts of a brief or report, by name


class BriefOverflowError(ValueError):
    """The brief does not fit on one A4 page even with the smallest type and charts allowed; the
    message names the brief and the parts left over."""


@dataclass(frozen=True)
class ChartImage:
    """A chart as the renderers place it: PNG bytes, the drawn size in inches and the alt text."""

    png: bytes
    width: float
    height: float
    alt: str = ""


def chart_image(chart: Figure | ChartImage | bytes, dpi: int = 200) -> ChartImage:
    """A :class:`ChartImage` from a figure (drawn as PNG at ``dpi``), PNG bytes, or as it is."""
    if isinstance(chart, ChartImage):
        return chart
    if isinstance(chart, bytes):
        with PILImage.open(io.BytesIO(chart)) as im:
            x_dpi = float(im.info.get("dpi", (dpi, dpi))[0]) or dpi
            return ChartImage(chart, im.width / x_dpi, im.height / x_dpi)
    from ..charts.frame import STYLE  # the figure is drawn in the house style

    buffer = io.BytesIO()
    with mpl.rc_context(STYLE):
        # constrained layout settles on its first draw: a figure drawn once already (as a PNG for the
        # charts folder) and a new one give the same bytes
        chart.draw_without_rendering()
        chart.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    width, height = chart.get_size_inches()
    return ChartImage(buffer.getvalue(), float(width), float(height), str(getattr(chart, "alt", "")))


# ---------------------------------------------------------------- fonts and styles

@functools.cache
def fonts() -> dict[str, str]:
    """Register the DejaVu fonts matplotlib ships (once) and return the family names used."""
    from reportlab.lib.fonts import addMapping

    folder = Path(mpl.get_data_path()) / "fonts" / "ttf"
    files = {"Serif": "DejaVuSerif", "Serif-Bold": "DejaVuSerif-Bold",
             "Serif-Italic": "DejaVuSerif-Italic", "Serif-BoldItalic": "DejaVuSerif-BoldItalic",
             "Sans": "DejaVuSans", "Sans-Bold": "DejaVuSans-Bold",
             "Sans-Italic": "DejaVuSans-Oblique", "Sans-BoldItalic": "DejaVuSans-BoldOblique"}
    for name, stem in files.items():
        pdfmetrics.registerFont(TTFont(f"plan132-{name}", str(folder / f"{stem}.ttf")))
    for family in ("Serif", "Sans"):
        for bold in (0, 1):
            for italic in (0, 1):
                suffixes = {(0, 0): "", (1, 0): "-Bold", (0, 1): "-Italic", (1, 1): "-BoldItalic"}
                suffix = suffixes[(bold, italic)]
                addMapping(f"plan132-{family}", bold, italic, f"plan132-{family}{suffix}")
    return {"serif": "plan132-Serif", "serif_bold": "plan132-Serif-Bold",
            "serif_italic": "plan132-Serif-Italic", "sans": "plan132-Sans", "sans_bold": "plan132-Sans-Bold"}


def styles(body: float) -> dict[str, ParagraphStyle]:
    """Paragraph styles for a body size of ``body`` points."""
    f = fonts()
    lead = body * 1.22
    return {
        "title": ParagraphStyle("title", fontName=f["sans_bold"], fontSize=body + 5,
                                leading=(body + 5) * 1.18, textColor=TEXT, spaceAfter=2),
        "summary": ParagraphStyle("summary", fontName=f["serif_italic"], fontSize=body, leading=lead,
                                  textColor=TEXT, spaceAfter=1),
        "small": ParagraphStyle("small", fontName=f["sans"], fontSize=max(body - 1.3, 6.5),
                                leading=max(body - 1.3, 6.5) * 1.25, textColor=MUTED),
        "heading": ParagraphStyle("heading", fontName=f["sans_bold"], fontSize=body + 0.7,
                                  leading=(body + 0.7) * 1.2, textColor=RULE, spaceBefore=body * 0.55,
                                  spaceAfter=1, keepWithNext=True),
        "h1": ParagraphStyle("h1", fontName=f["sans_bold"], fontSize=body + 3, leading=(body + 3) * 1.2,
                             textColor=RULE, spaceBefore=body, spaceAfter=3, keepWithNext=True),
        "body": ParagraphStyle("body", fontName=f["serif"], fontSize=body, leading=lead, textColor=TEXT,
                               alignment=TA_LEFT, spaceAfter=1),
        "item": ParagraphStyle("item", fontName=f["serif"], fontSize=body, leading=lead, textColor=TEXT,
                               leftIndent=body * 1.3, bulletIndent=0, spaceAfter=0.6,
                               bulletFontName=f["serif"], bulletFontSize=body),
        "caveat": ParagraphStyle("caveat", fontName=f["serif_italic"], fontSize=body - 0.3,
                                 leading=(body - 0.3) * 1.22, textColor=MUTED, spaceBefore=1.5, spaceAfter=1),
        "caption": ParagraphStyle("caption", fontName=f["sans"], fontSize=max(body - 1.5, 6.5),
                                  leading=max(body - 1.5, 6.5) * 1.25, textColor=MUTED, spaceBefore=2,
                                  spaceAfter=6),
    }


def _p(text: str, style: ParagraphStyle, **kw: Any) -> Paragraph:
    return Paragraph(escape(text), style, **kw)


# ---------------------------------------------------------------- shared parts

def _section(section: Section, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    parts: list[Flowable] = [_p(section.heading, st["heading"])]
    if section.text:
        parts.append(_p(section.text, st["body"]))
    parts += [_p(item, st["item"], bulletText="•") for item in section.items]
    return parts


def _caveat_home(brief: Brief) -> str | None:
    """The key of the section the caveat belongs to: the coverage paragraph, else the last section."""
    keys = [s.key for s in brief.sections]
    return "coverage" if "coverage" in keys else (keys[-1] if keys else None)


def _body(brief: Brief, st: dict[str, ParagraphStyle], after: Mapping[str, Sequence[Flowable]] | None = None,
          label: dict[int, str] | None = None) -> list[Flowable]:
    """Sections (each with what ``after`` adds after it), the caveat kept with its section, the
    recommendations, the source. ``label`` collects id(flowable) -> what it is, for errors."""
    story: list[Flowable] = []
    after = after or {}
    home = _caveat_home(brief)

    def add(part: Flowable, what: str) -> None:
        story.append(part)
        if label is not None:
            label[id(part)] = what

    for section in brief.sections:
        parts = _section(section, st)
        if brief.caveat and section.key == home:
            parts.append(_p(brief.caveat, st["caveat"]))  # never on a page of its own
            add(KeepTogether(parts), section.heading)
        else:
            add(KeepTogether(parts[:2]), section.heading)  # a heading never ends a column
            for part in parts[2:]:
                add(part, section.heading)
        for part in after.get(section.key, ()):
            add(part, section.heading)
    head = word("brief.h.recommendations", brief.lang)
    recs = [_p(r, st["item"], bulletText=f"{i}.") for i, r in enumerate(brief.recommendations, 1)]
    add(KeepTogether([_p(head, st["heading"]), *recs[:1]]), head)
    for part in recs[1:]:
        add(part, head)
    add(Spacer(1, 3), "")
    add(_p(brief.source, st["small"]), brief.source)
    return story


class _Canvas(Canvas):
    """A canvas in invariant mode whose creation date is :func:`plan132lib.stamp.created`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["invariant"] = 1
        super().__init__(*args, **kwargs)
        stamp = self._doc._timeStamp
        when = created()
        stamp.t = when.timestamp()
        stamp.lt = when.timetuple()
        stamp.YMDhms = tuple(when.timetuple())[:6]
        stamp.dhh = stamp.dmm = 0


def _document(buffer: io.BytesIO, brief: Brief, title: str, **kwargs: Any) -> BaseDocTemplate:
    return BaseDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                           bottomMargin=MARGIN, title=title, author=f"plan132 {VERSION}",
                           subject=brief.summary, creator=f"plan132 {VERSION}", lang=brief.lang,
                           invariant=1, **kwargs)


def _save(data: bytes, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------- the one-page brief

class _OnePage(BaseDocTemplate):
    """Records on which page each flowable of the story landed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.placed: dict[int, int] = {}

    def afterFlowable(self, flowable: Flowable) -> None:
        self.placed[id(flowable)] = self.page


def _brief_once(brief: Brief, images: Sequence[ChartImage], body: float,
                scale: float) -> tuple[bytes, int, list[str]]:
    """The brief laid out once: (PDF bytes, pages, what landed after the first page)."""
    st = styles(body)
    width, height = A4
    inner = width - 2 * MARGIN
    chart_w = (SIZES["page"].width * inch * scale) if images else 0.0
    drawn = [(im, chart_w, chart_w * im.height / im.width) for im in images]
    charts_h = sum(h for _, _, h in drawn) + 3 * mm * max(len(drawn) - 1, 0)

    head = [_p(brief.title, st["title"])]
    if brief.summary:
        head.append(_p(brief.summary, st["summary"]))
    head.append(_p(brief.prepared, st["small"]))
    head_h = sum(p.wrap(inner, height)[1] + p.getSpaceAfter() for p in head) + 8
    top = height - MARGIN - head_h
    left_w = inner - (chart_w + GUTTER if drawn else 0.0)
    frames = [Frame(MARGIN, top, inner, head_h, id="head", leftPadding=0, rightPadding=0, topPadding=0,
                    bottomPadding=0),
              Frame(MARGIN, MARGIN, left_w, top - MARGIN - 2, id="left", leftPadding=0, rightPadding=0,
                    topPadding=4, bottomPadding=0)]
    if drawn:
        below = top - charts_h - 4 * mm
        if below - MARGIN > 30:
            frames.append(Frame(MARGIN + left_w + GUTTER, MARGIN, chart_w, below - MARGIN, id="right",
                                leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0))

    def page(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(1.2)
        canvas.line(MARGIN, top + 3, width - MARGIN, top + 3)
        y = top - 4
        for im, w, h in drawn:
            y -= h
            canvas.drawImage(_reader(im.png), MARGIN + left_w + GUTTER, y, w, h)
            y -= 3 * mm
        canvas.restoreState()

    label: dict[int, str] = {}
    story: list[Flowable] = [*head, FrameBreak(), *_body(brief, st, label=label)]
    buffer = io.BytesIO()
    doc = _OnePage(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                   bottomMargin=MARGIN, title=brief.title, author=f"plan132 {VERSION}", subject=brief.summary,
                   creator=f"plan132 {VERSION}", lang=brief.lang, invariant=1)
    doc.addPageTemplates([PageTemplate(id="brief", frames=frames, onPage=page)])
    doc.build(story, canvasmaker=_Canvas)
    over = [label[i] for i, p in doc.placed.items() if p > 1 and label.get(i)]
    return buffer.getvalue(), doc.page, list(dict.fromkeys(over))


def _reader(png: bytes) -> Any:
    from reportlab.lib.utils import ImageReader

    return ImageReader(io.BytesIO(png))


def brief_pdf(brief: Brief, charts: Mapping[str, Figure | ChartImage | bytes]) -> bytes:
    """The brief as a one-page A4 PDF (bytes); ``charts`` holds the brief's charts by name, drawn at
    the ``page`` size. Raises :class:`BriefOverflowError` when even the smallest layout overflows."""
    images = [chart_image(charts[name]) for name in brief.charts if name in charts]
    over: list[str] = []
    for body, scale in ATTEMPTS:
        data, pages, over = _brief_once(brief, images, body, scale)
        if pages == 1:
            return data
    raise BriefOverflowError(
        f"{brief.title}: does not fit on one A4 page even at {ATTEMPTS[-1][0]} pt with the charts at "
        f"{ATTEMPTS[-1][1]:.0%}; left over: {'; '.join(over) or '–'}. Shorten these parts or "
        f"show fewer charts ({', '.join(brief.charts)}).")


def write_brief_pdf(brief: Brief, charts: Charts, path: str | Path) -> Path:
    """Write :func:`brief_pdf` to ``path``."""
    return _save(brief_pdf(brief, charts), path)


# ---------------------------------------------------------------- the full report

# The charts of the report, after the section each belongs to (those not drawn are skipped).
REPORT_CHARTS: dict[str, tuple[str, ...]] = {
    "plan": ("group_heatmap",),
    "leads": ("lead_coordinate_bars",),
    "due": ("task_gantt", "active_by_year"),
    "network": ("network_two_mode", "network_agencies_drop", "network_agencies_keep"),
    "coverage": ("coverage_by_group", "coverage_matrix"),
}


def _chart_block(im: ChartImage, frame_w: float, frame_h: float, st: dict[str, ParagraphStyle]) -> Flowable:
    """A chart scaled to the frame (never beyond its own size) with its alt text, kept whole."""
    caption = _p(im.alt, st["caption"]) if im.alt else None
    room_h = frame_h - (caption.wrap(frame_w, frame_h)[1] + 10 if caption else 0)
    scale = min(1.0, frame_w / (im.width * inch), room_h / (im.height * inch))
    image = Image(io.BytesIO(im.png), width=im.width * inch * scale, height=im.height * inch * scale)
    image.hAlign = "LEFT"
    return KeepTogether([image, caption] if caption else [image])


def report_pdf(brief: Brief, charts: Mapping[str, Figure | ChartImage | bytes]) -> bytes:
    """The full report as an A4 PDF (bytes): the brief's parts in full, every chart in ``charts``
    (print size) whole after its section, page numbers in the footer."""
    st = styles(10.0)
    width, height = A4
    frame = Frame(MARGIN + 6 * mm, MARGIN + 6 * mm, width - 2 * MARGIN - 12 * mm,
                  height - 2 * MARGIN - 12 * mm, id="body", leftPadding=0, rightPadding=0, topPadding=0,
                  bottomPadding=0)
    images = {name: chart_image(c) for name, c in charts.items()}
    placed: set[str] = set()
    after: dict[str, list[Flowable]] = {}
    for key, names in REPORT_CHARTS.items():
        for name in names:
            if name in images:
                block = _chart_block(images[name], frame.width, frame.height - 4, st)
                after.setdefault(key, []).append(block)
                placed.add(name)
    keys = [s.key for s in brief.sections]
    rest = [n for n in images if n not in placed]
    if rest and keys:  # a chart without a home goes after the last section
        after.setdefault(keys[-1], []).extend(_chart_block(images[n], frame.width, frame.height - 4, st)
                                              for n in rest)
    for key in list(after):  # a section the brief leaves out (no due tasks, no network): its charts go last
        if key not in keys and keys:
            after.setdefault(keys[-1], []).extend(after.pop(key))
    story: list[Flowable] = [_p(brief.title, st["title"])]
    if brief.summary:
        story.append(_p(brief.summary, st["summary"]))
    story += [_p(brief.prepared, st["small"]), Spacer(1, 4)]
    story += [CondPageBreak(30), *_body(brief, st, after={k: v for k, v in after.items() if k in keys})]

    def page(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(fonts()["sans"], 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN + 6 * mm, MARGIN, brief.title[:150])
        canvas.drawRightString(width - MARGIN - 6 * mm, MARGIN, word("pdf.page", brief.lang, n=doc.page))
        canvas.restoreState()

    buffer = io.BytesIO()
    doc = _document(buffer, brief, brief.title)
    doc.addPageTemplates([PageTemplate(id="report", frames=[frame], onPage=page)])
    doc.build(story, canvasmaker=_Canvas)
    return buffer.getvalue()


def write_report_pdf(brief: Brief, charts: Charts, path: str | Path) -> Path:
    """Write :func:`report_pdf` to ``path``."""
    return _save(report_pdf(brief, charts), path)
