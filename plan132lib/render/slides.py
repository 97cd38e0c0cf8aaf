"""The key charts as 16:9 slides (``slides.pptx``, ``slides_en.pptx``), each titled by its finding.

One call from the build: ``write_slides(out / "slides.pptx", plan, review, lang=lang, brief=b)``.
A title slide (the plan's citation, what the slides show, the brief's prepared and source
lines), then one slide per key chart, drawn at the charts' ``slide`` size
(:data:`plan132lib.charts.frame.SIZES`): who leads (``lead_coordinate_bars``), agencies by
group (``group_heatmap``), timelines (``task_gantt``), with the agencies' returns
(``plan132 build --progress``) the status of the tasks by agency (``status_by_agency``) and the
tasks overdue by group (``overdue_by_group``), who works with whom (``network_agencies_drop``)
and, with a coverage review, coverage by group (``coverage_by_group``). Each slide's title is one
sentence stating what the chart finds, phrased from the plan's findings (:func:`titles`, words
``slides.*`` of words.csv); the picture's alt text and the slide's notes carry the chart's own
description (``fig.alt``).

Byte-identical for the same input: the core properties are fixed to
:func:`plan132lib.stamp.created` (revision 1, no "last modified by"), and the zip is rewritten
with every entry dated that day (:func:`plan132lib.render.brief_docx.fixed_zip`).
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path

from matplotlib.figure import Figure
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from ..analysis import coverage
from ..analysis.findings import Findings, findings_of
from ..analysis.progress import PackProgress, Progress, ProgressSummary
from ..charts import catalogue as chart_catalogue
from ..ingest.tables import Plan
from ..stamp import created
from ..words import Locale, check_lang, word
from . import briefing
from .brief_docx import core_property, fixed_zip
from .brief_pdf import ChartImage, chart_image
from .briefing import Brief, agency

__all__ = ["KEY_CHARTS", "NETWORK_CHART", "slide_figures", "slides_pptx", "titles", "write_slides"]

#: The agency network the slides show: without whole-group entries, as the hub of
#: :class:`~plan132lib.analysis.findings.Findings` is found.
NETWORK_CHART = "network_agencies_drop"
#: Every chart the slides may show (with a review), in order: :data:`plan132lib.charts.catalogue.CHARTS`.
KEY_CHARTS = tuple(n for n, c in chart_catalogue.CHARTS.items() if "slides" in c.shown_in)
WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # PowerPoint's 16:9 (13.333 × 7.5 in)
MARGIN = Inches(0.45)
TITLE_H = Inches(1.05)  # the band a finding's title takes at the top of a slide
FONT = "Arial"  # in every Office install, and it covers Vietnamese
TEXT = RGBColor(0x22, 0x22, 0x22)
MUTED = RGBColor(0x55, 0x55, 0x55)
BLUE = RGBColor(0x00, 0x72, 0xB2)
DPI = 200


# ---------------------------------------------------------------- the findings


def _say(key: str, lang: str, **fields: object) -> str:
    return word(f"slides.{key}", lang, **fields)


def titles(
    found: Findings, plan: Plan, lang: str = "vi", progress: ProgressSummary | None = None
) -> dict[str, str]:
    """Each key chart's slide title, in :data:`KEY_CHARTS`' order: one sentence stating what it finds,
    phrased from ``found`` (and from ``progress``, the merged returns, for their charts)."""
    loc = Locale(lang)
    names = briefing.agency_names(plan, lang)
    c = found.counts
    out = {"lead_coordinate_bars": briefing.leaders_sentence(found, names, loc, prefix="slides")}
    if found.broadest:
        best = found.broadest[0]
        key = "groups_all" if best.n_groups_led == c.n_groups else "groups"
        who = loc.and_join(agency(names[a.agency_id]) for a in found.broadest)
        out["group_heatmap"] = loc.say(
            f"slides.{key}", count="m", m=best.n_groups_led, g=c.n_groups, agency=who
        )
    else:
        out["group_heatmap"] = loc.say("slides.leads_none")
    if found.open_ended:
        out["task_gantt"] = loc.say(
            "slides.gantt",
            count="open",
            open=len(found.open_ended),
            n=c.n_tasks,
            last=found.last_year if found.last_year is not None else "–",
        )
    elif found.last_year is None:
        out["task_gantt"] = loc.say("slides.gantt_none", n=c.n_tasks)
    else:
        out["task_gantt"] = loc.say("slides.gantt_closed", n=c.n_tasks, last=found.last_year)
    if found.hubs:
        hub = found.hubs[0]
        key = "network_all" if hub.partners == hub.others else "network"
        out[NETWORK_CHART] = loc.say(
            f"slides.{key}",
            agency=loc.and_join(agency(names[h.agency_id]) for h in found.hubs),
            d=hub.partners,
            m=hub.others,
        )
    else:
        out[NETWORK_CHART] = loc.say("slides.network_none")
    if found.coverage is not None:
        cov = found.coverage
        out["coverage_by_group"] = (
            loc.say(
                "slides.coverage", n=cov.n_counted, full=cov.covered, partial=cov.partial, missing=cov.missing
            )
            if cov.n_counted
            else loc.say("slides.coverage_none")
        )
    if progress is not None:
        day = loc.date(progress.as_of)
        counts, n_overdue = progress.counts, len(progress.overdue)
        out["status_by_agency"] = loc.say(
            "slides.progress",
            count="overdue",
            date=day,
            done=counts["done"],
            n=progress.n_tasks,
            overdue=n_overdue,
        )
        due = progress.n_due
        out["overdue_by_group"] = (
            loc.say("slides.overdue_none_due", date=day)
            if not due
            else loc.say("slides.overdue_all", count="due", due=due, date=day)
            if n_overdue == due
            else loc.say("slides.overdue", count="overdue", overdue=n_overdue, due=due, date=day)
        )
    return {name: out[name] for name in KEY_CHARTS if name in out}


def slide_figures(
    plan: Plan, review: coverage.Review | None = None, lang: str = "vi", progress: Progress | None = None
) -> dict[str, Figure]:
    """The key charts (:func:`plan132lib.charts.catalogue.names` ``"slides"``) drawn at the ``slide``
    size (16:9), by the names of the build's charts; those of the merged returns with ``progress``."""
    return chart_catalogue.draw(plan, lang, review, size="slide", output="slides", progress=progress)


# ---------------------------------------------------------------- the file


def _text_box(
    slide: object,
    left: int,
    top: int,
    width: int,
    height: int,
    paragraphs: list[tuple[str, float, bool, RGBColor]],
    anchor: MSO_ANCHOR = MSO_ANCHOR.TOP,
) -> None:
    """A text box of left-aligned paragraphs, each (text, size in pt, bold, colour)."""
    box = slide.shapes.add_textbox(left, top, width, height)  # type: ignore[attr-defined]
    frame = box.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    for i, (text, size, bold, color) in enumerate(paragraphs):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.alignment = PP_ALIGN.LEFT
        para.space_after = Pt(size * 0.5)
        run = para.add_run()
        run.text = text
        run.font.name, run.font.size, run.font.bold = FONT, Pt(size), bold
        run.font.color.rgb = color


def _title(slide: object, text: str) -> None:
    """The slide's title placeholder (so outlines and screen readers find it), left-aligned."""
    shape = slide.shapes.title  # type: ignore[attr-defined]
    shape.left, shape.top, shape.width, shape.height = MARGIN, Inches(0.25), WIDTH - 2 * MARGIN, TITLE_H
    frame = shape.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    frame.text = text
    para = frame.paragraphs[0]
    para.alignment = PP_ALIGN.LEFT
    for run in para.runs:
        run.font.name, run.font.size, run.font.bold = FONT, Pt(26), True
        run.font.color.rgb = TEXT


def _picture(slide: object, image: ChartImage) -> None:
    """The chart as large as the room under the title allows, centred; its alt text set."""
    top = Inches(0.25) + TITLE_H + Inches(0.1)
    room_w, room_h = WIDTH - 2 * MARGIN, HEIGHT - top - Inches(0.2)
    scale = min(room_w / Inches(image.width), room_h / Inches(image.height))
    w, h = int(Inches(image.width) * scale), int(Inches(image.height) * scale)
    pic = slide.shapes.add_picture(io.BytesIO(image.png), Emu((WIDTH - w) // 2), Emu(top), Emu(w), Emu(h))  # type: ignore[attr-defined]
    pic._element.nvPicPr.cNvPr.set("descr", image.alt)  # the alt text PowerPoint shows and reads out
    pic.name = "Chart"


def _list_slide(deck: object, title: str, items: tuple[str, ...], numbered: bool) -> None:
    """A slide of text: ``title`` and its items, one paragraph each (numbered "1." … when asked),
    the type stepped down until they fit the room under the title."""
    slide = deck.slides.add_slide(deck.slide_layouts[5])  # type: ignore[attr-defined]
    _title(slide, title)
    shown = [f"{i}. {t}" if numbered else f"• {t}" for i, t in enumerate(items, 1)]
    chars = sum(len(t) for t in shown) + 60 * len(shown)
    size = next((pt for pt in (20, 18, 16, 14) if chars * (pt / 20) ** 2 <= 1500), 12)
    top = Inches(0.25) + TITLE_H + Inches(0.15)
    _text_box(
        slide,
        MARGIN,
        top,
        WIDTH - 2 * MARGIN,
        HEIGHT - top - Inches(0.3),
        [(t, size, False, TEXT) for t in shown],
    )


def slides_pptx(
    titles: Mapping[str, str],
    figures: Mapping[str, Figure | ChartImage | bytes],
    *,
    heading: str,
    subtitle: str = "",
    notes: tuple[str, ...] = (),
    lang: str = "vi",
    lists: tuple[tuple[str, tuple[str, ...], bool], ...] = (),
) -> bytes:
    """The deck as PPTX bytes: a title slide (``heading``, ``subtitle`` and the lines of ``notes``:
    the date prepared, the source), then a slide per name of ``titles`` that ``figures`` holds, in
    the order of ``titles``, titled by its sentence, then a text slide per ``(title, items,
    numbered)`` of ``lists`` (the gaps, the recommendations)."""
    check_lang(lang)
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    layouts = deck.slide_layouts
    first = deck.slides.add_slide(layouts[6])  # blank: the title slide is laid out by hand
    _text_box(
        first,
        MARGIN,
        Inches(1.6),
        WIDTH - 2 * MARGIN,
        Inches(2.6),
        [(heading, 34, True, TEXT), *([(subtitle, 20, False, BLUE)] if subtitle else [])],
        anchor=MSO_ANCHOR.BOTTOM,
    )
    _text_box(
        first,
        MARGIN,
        Inches(4.6),
        WIDTH - 2 * MARGIN,
        Inches(2.3),
        [(line, 14, False, MUTED) for line in notes],
    )
    for name, title in titles.items():
        if name not in figures:
            continue
        image = chart_image(figures[name], dpi=DPI)
        slide = deck.slides.add_slide(layouts[5])  # "title only"
        _title(slide, title)
        _picture(slide, image)
        if image.alt:
            slide.notes_slide.notes_text_frame.text = image.alt
    for title, items, numbered in lists:
        _list_slide(deck, title, items, numbered)
    when = created().replace(tzinfo=None)
    props = deck.core_properties
    props.title, props.author, props.last_modified_by = core_property(heading), "plan132", ""
    props.created = props.modified = props.last_printed = when
    props.revision = 1
    props.language = "vi-VN" if lang == "vi" else "en-GB"
    buffer = io.BytesIO()
    deck.save(buffer)
    return fixed_zip(buffer.getvalue(), when)


def write_slides(
    path: str | Path,
    plan: Plan,
    review: coverage.Review | None = None,
    *,
    lang: str = "vi",
    brief: Brief | None = None,
    found: Findings | None = None,
    figures: Mapping[str, Figure | ChartImage | bytes] | None = None,
    progress: PackProgress | None = None,
) -> Path:
    """Write the key charts as 16:9 slides to ``path`` and return it: a title slide, a slide per key
    chart titled by its finding, then the accountability gaps and the recommendations.

    ``found``: the plan's :class:`~plan132lib.analysis.findings.Findings` (computed when not given);
    ``brief``: the brief of :func:`plan132lib.render.briefing.brief` whose ``prepared`` and
    ``source`` lines, gaps and recommendations the slides show (made when not given); ``figures``:
    the key charts by name (drawn at the ``slide`` size by :func:`slide_figures` when not given;
    figures or PNG bytes otherwise); ``progress``: the merged returns (``plan132 build --progress``),
    their charts drawn (when ``figures`` is not given) and titled from their summary.
    """
    check_lang(lang)
    found = found if found is not None else findings_of(plan, review)
    summary = progress.summary if progress is not None else None
    cover = brief if brief is not None else briefing.brief(plan, review, lang, found, summary)
    merged = progress.merged if progress is not None else None
    shown = figures if figures is not None else slide_figures(plan, review, lang, merged)
    subtitle = _say("subtitle" if review is not None else "subtitle_no_review", lang)
    gaps = next(s for s in cover.sections if s.key == "gaps")
    lists = (
        (gaps.heading, gaps.items, False),
        (word("brief.h.recommendations", lang), cover.recommendations, True),
    )
    data = slides_pptx(
        titles(found, plan, lang, summary),
        shown,
        heading=plan.citation(lang),
        subtitle=subtitle,
        notes=(cover.prepared, cover.source),
        lang=lang,
        lists=lists,
    )
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
