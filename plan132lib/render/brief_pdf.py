"""The brief as one A4 page (``brief.pdf``, ``brief_en.pdf``), and the parts the full report shares.

ReportLab draws both (BSD, pure Python wheels, no system libraries). The fonts are the DejaVu
Serif and Sans TTFs that matplotlib ships (they cover Vietnamese), embedded. The renderers take a
:class:`~plan132lib.render.briefing.Brief` and the chart images and only lay them out; they
compute no finding.

The brief page reads at print size (issue 24): one column, top to bottom, so that the page reads
in the order it prints and the recommendations run 1..n. The title, the plan's subject and the
prepared line; the findings that matter (:data:`PAGE_SECTIONS`: what the plan assigns, who leads,
the accountability gaps, coverage with its caveat), each section's first items with a line saying
how many more the full report has, and a line naming the sections left to the report; one row of
at most :data:`MOST_CHARTS` charts (drawn at the ``page`` size and placed so that their smallest
text prints at :data:`CHART_PT` or more, :func:`chart_text_pt`); the recommendations, all of them,
numbered; the source. No text on the page is smaller than :data:`BODY_PT`. When the page does not
hold everything it says less (:data:`STEPS`: fewer items, fewer sections, then no chart), never
smaller; if even the least does not fit, :class:`BriefOverflowError` names what overflowed (never
a silent second page).

The full report (``report.pdf``) is :mod:`plan132lib.render.report_pdf`: it takes its fonts, styles,
canvas and chart images from here.

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
from matplotlib.text import Text
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
    Flowable,
    Frame,
    HRFlowable,
    Image,
    ImageAndFlowables,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
)

from ..charts.catalogue import CHARTS
from ..charts.frame import MIN_PT, SIZES, SMALL
from ..stamp import VERSION, created
from ..words import Locale, word
from .briefing import Brief, Section

__all__ = ["BriefOverflowError", "ChartImage", "chart_image", "write_brief_pdf"]

MARGIN = 12 * mm
GUTTER = 5 * mm
TEXT = colors.HexColor("#222222")
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#0072B2")


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
    files = {
        "Serif": "DejaVuSerif",
        "Serif-Bold": "DejaVuSerif-Bold",
        "Serif-Italic": "DejaVuSerif-Italic",
        "Serif-BoldItalic": "DejaVuSerif-BoldItalic",
        "Sans": "DejaVuSans",
        "Sans-Bold": "DejaVuSans-Bold",
        "Sans-Italic": "DejaVuSans-Oblique",
        "Sans-BoldItalic": "DejaVuSans-BoldOblique",
    }
    for name, stem in files.items():
        pdfmetrics.registerFont(TTFont(f"plan132-{name}", str(folder / f"{stem}.ttf")))
    for family in ("Serif", "Sans"):
        for bold in (0, 1):
            for italic in (0, 1):
                suffixes = {(0, 0): "", (1, 0): "-Bold", (0, 1): "-Italic", (1, 1): "-BoldItalic"}
                suffix = suffixes[(bold, italic)]
                addMapping(f"plan132-{family}", bold, italic, f"plan132-{family}{suffix}")
    return {
        "serif": "plan132-Serif",
        "serif_bold": "plan132-Serif-Bold",
        "serif_italic": "plan132-Serif-Italic",
        "sans": "plan132-Sans",
        "sans_bold": "plan132-Sans-Bold",
    }


def styles(body: float) -> dict[str, ParagraphStyle]:
    """Paragraph styles for a body size of ``body`` points."""
    f = fonts()
    lead = body * 1.22
    return {
        "title": ParagraphStyle(
            "title",
            fontName=f["sans_bold"],
            fontSize=body + 5,
            leading=(body + 5) * 1.18,
            textColor=TEXT,
            spaceAfter=2,
        ),
        "summary": ParagraphStyle(
            "summary", fontName=f["serif_italic"], fontSize=body, leading=lead, textColor=TEXT, spaceAfter=1
        ),
        "small": ParagraphStyle(
            "small",
            fontName=f["sans"],
            fontSize=max(body - 1.3, 6.5),
            leading=max(body - 1.3, 6.5) * 1.25,
            textColor=MUTED,
        ),
        "heading": ParagraphStyle(
            "heading",
            fontName=f["sans_bold"],
            fontSize=body + 0.7,
            leading=(body + 0.7) * 1.2,
            textColor=RULE,
            spaceBefore=body * 0.55,
            spaceAfter=1,
            keepWithNext=True,
        ),
        "h1": ParagraphStyle(
            "h1",
            fontName=f["sans_bold"],
            fontSize=body + 3,
            leading=(body + 3) * 1.2,
            textColor=RULE,
            spaceBefore=body,
            spaceAfter=3,
            keepWithNext=True,
        ),
        "body": ParagraphStyle(
            "body",
            fontName=f["serif"],
            fontSize=body,
            leading=lead,
            textColor=TEXT,
            alignment=TA_LEFT,
            spaceAfter=1,
        ),
        "item": ParagraphStyle(
            "item",
            fontName=f["serif"],
            fontSize=body,
            leading=lead,
            textColor=TEXT,
            leftIndent=body * 1.3,
            bulletIndent=0,
            spaceAfter=0.6,
            bulletFontName=f["serif"],
            bulletFontSize=body,
        ),
        "caveat": ParagraphStyle(
            "caveat",
            fontName=f["serif_italic"],
            fontSize=body - 0.3,
            leading=(body - 0.3) * 1.22,
            textColor=MUTED,
            spaceBefore=1.5,
            spaceAfter=1,
        ),
        "caption": ParagraphStyle(
            "caption",
            fontName=f["sans"],
            fontSize=max(body - 1.5, 6.5),
            leading=max(body - 1.5, 6.5) * 1.25,
            textColor=MUTED,
            spaceBefore=2,
            spaceAfter=6,
        ),
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


def _body(
    brief: Brief,
    st: dict[str, ParagraphStyle],
    after: Mapping[str, Sequence[Flowable]] | None = None,
    label: dict[int, str] | None = None,
) -> list[Flowable]:
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


def _document(
    buffer: io.BytesIO,
    brief: Brief,
    title: str,
    template: type[BaseDocTemplate] = BaseDocTemplate,
    side: float = MARGIN,
    **kwargs: Any,
) -> BaseDocTemplate:
    """An A4 document of the kit (``template``, with side margins ``side``), its metadata fixed."""
    return template(
        buffer,
        pagesize=A4,
        leftMargin=side,
        rightMargin=side,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
        author=f"plan132 {VERSION}",
        subject=brief.summary,
        creator=f"plan132 {VERSION}",
        lang=brief.lang,
        invariant=1,
        **kwargs,
    )


def _save(data: bytes, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------- the one-page brief

BODY_PT = 10.5  #: the smallest text on the brief page (pt): the body, the items, the small print
CHART_PT = 7.0  #: the smallest chart text as printed on the brief page (pt)
CHART_GAP = 5 * mm  #: between two charts of the row
#: The brief's sections the page shows, in the brief's order: what the plan assigns, who leads, the
#: accountability gaps and coverage (with its caveat). The tasks due first, the network and the
#: targets are in ``report.pdf`` and the workbook; a line on the page names them.
PAGE_SECTIONS: tuple[str, ...] = ("plan", "leads", "gaps", "coverage")
LEAST_SECTIONS: tuple[str, ...] = ("plan", "gaps", "coverage")  #: what the page keeps to the last
#: At most this many bullet items of these sections, whatever the step, and no line saying how many
#: more: the coverage's list of the entries without a task is left to the report (the
#: recommendations name the first of them).
PAGE_ITEMS: dict[str, int] = {"coverage": 0}
#: The brief's charts the page prefers, most wanted first (the catalogue's ``page_rank``); it shows at
#: most :data:`MOST_CHARTS` of those the brief names, in the brief's order: two side by side after the
#: findings, or one beside the section it belongs to (:data:`CHART_HOME`, the catalogue's ``section``).
PAGE_CHARTS: tuple[str, ...] = tuple(
    sorted((n for n, c in CHARTS.items() if "brief" in c.shown_in), key=lambda n: CHARTS[n].page_rank)
)
MOST_CHARTS = 2
CHART_HOME: dict[str, str] = {name: chart.section for name, chart in CHARTS.items()}


@dataclass(frozen=True)
class PageStep:
    """One try at the page: the body size, the most bullet items a section shows (its first ones,
    then a line saying how many more the report has), the sections shown and the most charts."""

    body: float
    items: int
    sections: tuple[str, ...]
    charts: int


#: Tried in order until the brief fits one page: the page says less, never smaller than BODY_PT.
STEPS: tuple[PageStep, ...] = (
    PageStep(11.0, 3, PAGE_SECTIONS, MOST_CHARTS),
    PageStep(BODY_PT, 3, PAGE_SECTIONS, MOST_CHARTS),
    PageStep(BODY_PT, 2, PAGE_SECTIONS, MOST_CHARTS),
    PageStep(BODY_PT, 3, PAGE_SECTIONS, 1),
    PageStep(BODY_PT, 2, PAGE_SECTIONS, 1),
    PageStep(BODY_PT, 2, LEAST_SECTIONS, 1),
    PageStep(BODY_PT, 1, LEAST_SECTIONS, 1),
    PageStep(BODY_PT, 1, LEAST_SECTIONS, 0),
)


def chart_text_pt(chart: Figure | ChartImage | bytes) -> float:
    """The smallest text of a chart (pt) at the size it is drawn: measured on a figure; for a PNG,
    the least a ``page``-size chart promises (:data:`~plan132lib.charts.frame.SMALL` scaled, never
    below :data:`~plan132lib.charts.frame.MIN_PT`)."""
    if isinstance(chart, Figure):
        sizes = [t.get_fontsize() for t in chart.findobj(Text) if t.get_visible() and t.get_text().strip()]
        if sizes:
            return float(min(sizes))
    return max(SMALL * SIZES["page"].scale, MIN_PT)


def page_charts(brief: Brief, charts: Charts, most: int = MOST_CHARTS) -> list[str]:
    """The names of the charts the brief page shows: the first ``most`` of :data:`PAGE_CHARTS` that
    the brief names and ``charts`` holds, in the brief's order."""
    there = [name for name in brief.charts if name in charts]
    wanted = [name for name in PAGE_CHARTS if name in there][:most]
    if len(wanted) < most:  # a chart the preference does not know still fills the row
        wanted += [name for name in there if name not in wanted][: most - len(wanted)]
    return [name for name in there if name in wanted]


def chart_scale(images: Sequence[ChartImage], text_pt: Sequence[float], width: float) -> tuple[float, int]:
    """(scale, charts per row) for ``images`` across ``width`` points: the charts side by side, filling
    the width, when their smallest text then prints at :data:`CHART_PT` or more; else fewer a row,
    each at the scale that prints it at :data:`CHART_PT` (never wider than ``width``)."""
    if not images:
        return 1.0, 0
    need = max(CHART_PT / pt for pt in text_pt)
    widest = max(im.width for im in images) * inch
    for per_row in range(len(images), 0, -1):
        fill = (width - CHART_GAP * (per_row - 1)) / (per_row * widest)
        if fill >= need or per_row == 1:
            return min(fill, max(need, 1.0)) if per_row == 1 else fill, per_row
    raise AssertionError("unreachable")


class _ChartRow(Flowable):
    """Charts side by side, each ``scale`` times its drawn size, left to right."""

    def __init__(self, images: Sequence[ChartImage], scale: float) -> None:
        super().__init__()
        self.images, self.scale = list(images), scale
        self.sizes = [(im.width * inch * scale, im.height * inch * scale) for im in self.images]

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = sum(w for w, _ in self.sizes) + CHART_GAP * (len(self.sizes) - 1)
        self.height = max(h for _, h in self.sizes)
        return self.width, self.height

    def draw(self) -> None:
        x = 0.0
        for im, (w, h) in zip(self.images, self.sizes, strict=True):
            self.canv.drawImage(_reader(im.png), x, self.height - h, w, h)
            x += w + CHART_GAP


def page_styles(body: float) -> dict[str, ParagraphStyle]:
    """The brief page's styles for a body of ``body`` points: no text smaller than the body."""
    f = fonts()
    lead = body * 1.25
    return {
        "title": ParagraphStyle(
            "title",
            fontName=f["sans_bold"],
            fontSize=body + 4,
            leading=(body + 4) * 1.18,
            textColor=TEXT,
            spaceAfter=2,
        ),
        "summary": ParagraphStyle(
            "summary", fontName=f["serif_italic"], fontSize=body, leading=lead, textColor=TEXT, spaceAfter=1
        ),
        "small": ParagraphStyle("small", fontName=f["sans"], fontSize=body, leading=lead, textColor=MUTED),
        "heading": ParagraphStyle(
            "heading",
            fontName=f["sans_bold"],
            fontSize=body + 0.5,
            leading=(body + 0.5) * 1.2,
            textColor=RULE,
            spaceBefore=body * 0.5,
            spaceAfter=1,
            keepWithNext=True,
        ),
        "body": ParagraphStyle(
            "body",
            fontName=f["serif"],
            fontSize=body,
            leading=lead,
            textColor=TEXT,
            alignment=TA_LEFT,
            spaceAfter=1,
        ),
        "item": ParagraphStyle(
            "item",
            fontName=f["serif"],
            fontSize=body,
            leading=lead,
            textColor=TEXT,
            leftIndent=body * 1.4,
            bulletIndent=0,
            spaceAfter=1,
            bulletFontName=f["serif"],
            bulletFontSize=body,
        ),
        "more": ParagraphStyle(
            "more",
            fontName=f["serif_italic"],
            fontSize=body,
            leading=lead,
            textColor=MUTED,
            leftIndent=body * 1.4,
            spaceAfter=1,
        ),
        "caveat": ParagraphStyle(
            "caveat",
            fontName=f["serif_italic"],
            fontSize=body,
            leading=lead,
            textColor=MUTED,
            spaceBefore=1.5,
            spaceAfter=1,
        ),
    }


class _OnePage(BaseDocTemplate):
    """Records on which page each flowable of the story landed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.placed: dict[int, int] = {}

    def afterFlowable(self, flowable: Flowable) -> None:
        self.placed[id(flowable)] = self.page


def _page_story(
    brief: Brief,
    step: PageStep,
    charts: Sequence[tuple[str, ChartImage, float]],
    st: dict[str, ParagraphStyle],
    width: float,
    label: dict[int, str],
) -> list[Flowable]:
    """The page, top to bottom: head, the sections of ``step``, the charts (a row after the findings,
    or one chart beside its section), the recommendations, the source; ``label`` collects
    id(flowable) -> what it is, for errors."""
    loc = Locale(brief.lang)
    story: list[Flowable] = []

    def add(part: Flowable, what: str) -> None:
        story.append(part)
        label[id(part)] = what

    add(_p(brief.title, st["title"]), brief.title)
    if brief.summary:
        add(_p(brief.summary, st["summary"]), brief.title)
    add(_p(brief.prepared, st["small"]), brief.title)
    add(HRFlowable(width="100%", thickness=1.2, color=RULE, spaceBefore=3, spaceAfter=1), brief.title)
    shown = [s for s in brief.sections if s.key in step.sections]
    home = "coverage" if any(s.key == "coverage" for s in shown) else None
    findings: list[tuple[Flowable, str]] = []
    starts: dict[str, int] = {}
    for section in shown:
        most = min(step.items, PAGE_ITEMS.get(section.key, step.items))
        starts[section.key] = len(findings)
        findings.append((_p(section.heading, st["heading"]), section.heading))
        if section.text:
            findings.append((_p(section.text, st["body"]), section.heading))
        findings += [(_p(item, st["item"], bulletText="•"), section.heading) for item in section.items[:most]]
        if len(section.items) > most and section.key not in PAGE_ITEMS:
            findings.append(
                (_p(loc.say("brief.page_more", n=len(section.items) - most), st["more"]), section.heading)
            )
        if brief.caveat and section.key == home:
            findings.append((_p(brief.caveat, st["caveat"]), section.heading))
    if brief.caveat and home is None:
        findings.append((_p(brief.caveat, st["caveat"]), brief.caveat[:60]))
    rest = [s.heading for s in brief.sections if s.key not in step.sections]
    if rest:
        said = loc.say("brief.page_rest", headings="; ".join(rest))
        findings.append((_p(said, st["small"]), "; ".join(rest)))
    images = [im for _, im, _ in charts]
    scale, per_row = chart_scale(images, [pt for _, _, pt in charts], width)
    beside = starts.get(CHART_HOME.get(charts[0][0], "")) if len(charts) == 1 else None
    if beside is not None and scale * images[0].width * inch <= width / 2:  # the chart beside its section
        for part, what in findings[:beside]:
            add(part, what)
        im = images[0]
        picture = Image(io.BytesIO(im.png), width=im.width * inch * scale, height=im.height * inch * scale)
        add(
            ImageAndFlowables(
                picture,
                [part for part, _ in findings[beside:]],
                imageLeftPadding=CHART_GAP,
                imageRightPadding=0,
                imageTopPadding=4,
            ),
            findings[beside][1],
        )
    else:
        for part, what in findings:
            add(part, what)
        for start in range(0, len(images), per_row or 1):
            row = _ChartRow(images[start : start + per_row], scale)
            add(KeepTogether([Spacer(1, 6), row]), ", ".join(im.alt[:40] for im in row.images))
    head = word("brief.h.recommendations", brief.lang)
    recs = [_p(r, st["item"], bulletText=f"{i}.") for i, r in enumerate(brief.recommendations, 1)]
    add(KeepTogether([_p(head, st["heading"]), *recs[:1]]), head)
    for part in recs[1:]:
        add(part, head)
    add(Spacer(1, 4), "")
    add(_p(brief.source, st["small"]), brief.source)
    return story


def _brief_once(
    brief: Brief, charts: Sequence[tuple[str, ChartImage, float]], step: PageStep
) -> tuple[bytes, int, list[str]]:
    """The brief laid out once at ``step`` with ``charts`` (name, image, smallest text in pt):
    (PDF bytes, pages, what landed after the first page)."""
    width, height = A4
    inner = width - 2 * MARGIN
    frame = Frame(
        MARGIN,
        MARGIN,
        inner,
        height - 2 * MARGIN,
        id="page",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    label: dict[int, str] = {}
    story = _page_story(brief, step, charts, page_styles(step.body), inner, label)
    buffer = io.BytesIO()
    doc = _OnePage(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=brief.title,
        author=f"plan132 {VERSION}",
        subject=brief.summary,
        creator=f"plan132 {VERSION}",
        lang=brief.lang,
        invariant=1,
    )
    doc.addPageTemplates([PageTemplate(id="brief", frames=[frame])])
    doc.build(story, canvasmaker=_Canvas)
    over = [label[i] for i, p in doc.placed.items() if p > 1 and label.get(i)]
    return buffer.getvalue(), doc.page, list(dict.fromkeys(over))


def _reader(png: bytes) -> Any:
    from reportlab.lib.utils import ImageReader

    return ImageReader(io.BytesIO(png))


def brief_pdf(brief: Brief, charts: Mapping[str, Figure | ChartImage | bytes]) -> bytes:
    """The brief as a one-page A4 PDF (bytes); ``charts`` holds the brief's charts by name, drawn at
    the ``page`` size (the page shows :func:`page_charts`). Raises :class:`BriefOverflowError` when
    even the last of :data:`STEPS` overflows."""
    drawn = {
        name: (name, chart_image(charts[name]), chart_text_pt(charts[name]))
        for name in page_charts(brief, charts)
    }
    over: list[str] = []
    for step in STEPS:
        shown = [drawn[name] for name in page_charts(brief, charts, step.charts)]
        data, pages, over = _brief_once(brief, shown, step)
        if pages == 1:
            return data
    last = STEPS[-1]
    raise BriefOverflowError(
        f"{brief.title}: does not fit on one A4 page even at {last.body} pt with {last.items} item(s) a "
        f"section, the sections {', '.join(last.sections)} and {last.charts} chart(s); left over: "
        f"{'; '.join(over) or '–'}. Shorten these parts."
    )


def write_brief_pdf(brief: Brief, charts: Charts, path: str | Path) -> Path:
    """Write :func:`brief_pdf` to ``path``."""
    return _save(brief_pdf(brief, charts), path)
