"""The key charts as 16:9 slides (``slides.pptx``, ``slides_en.pptx``), each titled by its finding.

One call from the build: ``write_slides(out / "slides.pptx", plan, review, lang=lang, brief=b)``.
A title slide (the plan's citation, what the slides show, the brief's prepared and source
lines), then one slide per key chart, drawn at the charts' ``slide`` size
(:data:`plan132lib.charts.frame.SIZES`): who leads (``lead_coordinate_bars``), agencies by
group (``group_heatmap``), timelines (``task_gantt``), who works with whom
(``network_agencies_keep``) and, with a coverage review, coverage by group
(``coverage_by_group``). Each slide's title is one sentence stating what the chart finds,
computed from the analysis tables (:func:`findings`, words ``slides.*`` of words.csv); the
picture's alt text and the slide's notes carry the chart's own description (``fig.alt``).

Byte-identical for the same input: the core properties are fixed to
:func:`plan132lib.stamp.created` (revision 1, no "last modified by"), and the zip is rewritten
with every entry dated that day (:func:`plan132lib.render.brief_docx.fixed_zip`).
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from ..analysis import coverage, network, workload
from ..charts import coverage as coverage_charts
from ..charts import network as network_charts
from ..charts.frame import plan_source
from ..charts.workload import group_heatmap, lead_coordinate_bars, task_gantt
from ..ingest.tables import Plan
from ..stamp import created
from ..words import check_lang, word
from . import briefing
from .brief_docx import core_property, fixed_zip
from .brief_pdf import ChartImage, chart_image
from .briefing import Brief, agency, and_join

__all__ = ["KEY_CHARTS", "findings", "slide_figures", "slides_pptx", "write_slides"]

KEY_CHARTS = ("lead_coordinate_bars", "group_heatmap", "task_gantt", "network_agencies_keep",
              "coverage_by_group")
WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # PowerPoint's 16:9 (13.333 × 7.5 in)
MARGIN = Inches(0.45)
TITLE_H = Inches(1.05)    # the band a finding's title takes at the top of a slide
FONT = "Arial"            # in every Office install, and it covers Vietnamese
TEXT = RGBColor(0x22, 0x22, 0x22)
MUTED = RGBColor(0x55, 0x55, 0x55)
BLUE = RGBColor(0x00, 0x72, 0xB2)
DPI = 200


# ---------------------------------------------------------------- the findings

def _say(key: str, lang: str, **fields: object) -> str:
    return word(f"slides.{key}", lang, **fields)


def _name(row: pd.Series | Mapping[str, object], lang: str) -> str:
    """An agency's full name in ``lang`` (the English name, else the Vietnamese), quoted when it holds
    a comma so that it never reads as a list."""
    full = row.get("name_en") if lang == "en" else row.get("agency_name")
    if full is None or pd.isna(full) or not str(full).strip():
        full = row.get("agency_name") or row.get("short_name")
    return agency(full, lang)


def _leads(plan: Plan, lang: str) -> str:
    load = workload.agency_workload(plan)
    n = len(plan.tasks)
    top = load[load["n_lead"] > 0]
    if top.empty:
        return _say("leads_none", lang)
    k = int(top["n_lead"].max())
    first = top[top["n_lead"] == k]
    if len(first) == 1:
        return _say("leads", lang, agency=_name(first.iloc[0], lang), k=k, n=n)
    return _say("leads_tie", lang, agencies=and_join([_name(r, lang) for _, r in first.iterrows()], lang),
                k=k, n=n)


def _groups(plan: Plan, lang: str) -> str:
    matrix = workload.group_matrix(plan)
    n_groups = int(plan.tasks["group_id"].nunique())
    led = matrix[matrix["n_lead"] > 0]
    if led.empty:
        return _say("leads_none", lang)
    per = led.groupby("agency_id").agg(m=("group_id", "nunique"), k=("n_lead", "sum")).reset_index()
    per = per.sort_values(["m", "k", "agency_id"], ascending=[False, False, True], kind="stable")
    best = per.iloc[0]
    names = workload.agency_workload(plan).set_index("agency_id")
    who = _name(names.loc[best["agency_id"]], lang)
    key = "groups_all" if int(best["m"]) == n_groups else "groups"
    return _say(key, lang, agency=who, m=int(best["m"]), g=n_groups)


def _timeline(plan: Plan, lang: str) -> str:
    timeline = workload.task_timeline(plan, lang)
    n = len(timeline)
    open_ended = int(timeline["open_ended"].fillna(False).astype(bool).sum())
    ends = timeline["end_year"].dropna()
    last = int(ends.max()) if len(ends) else None
    if open_ended:
        return _say("gantt", lang, open=open_ended, n=n, last=last if last is not None else "–")
    if last is None:
        return _say("gantt_none", lang, n=n)
    return _say("gantt_closed", lang, n=n, last=last)


def _network(plan: Plan, lang: str) -> str:
    g = network.projection(plan, "keep")
    if g.number_of_edges() == 0:
        return _say("network_none", lang)
    named = [n for n, d in g.nodes(data=True) if not d.get("is_collective")] or list(g.nodes)
    top = min(named, key=lambda n: (-g.degree(n), -sum(d.get("weight", 1) for *_, d in g.edges(n, data=True)),
                                    str(n)))
    d, m = g.degree(top), g.number_of_nodes() - 1
    return _say("network_all" if d == m else "network", lang, agency=_name(g.nodes[top], lang), d=d, m=m)


def _coverage(review: coverage.Review, lang: str) -> str:
    table = coverage.coverage_by_group(review).set_index("resolution_group")
    if "all" not in table.index or not int(table.at["all", "n_entries"]):
        return _say("coverage_none", lang)
    row = table.loc["all"]
    return _say("coverage", lang, k=int(row["covered"]) + int(row["partial"]), n=int(row["n_entries"]),
                full=int(row["covered"]))


def findings(plan: Plan, review: coverage.Review | None = None, lang: str = "vi") -> dict[str, str]:
    """Each key chart's slide title: one sentence stating what it finds, from the analysis tables."""
    check_lang(lang)
    titles = {"lead_coordinate_bars": _leads(plan, lang), "group_heatmap": _groups(plan, lang),
              "task_gantt": _timeline(plan, lang), "network_agencies_keep": _network(plan, lang)}
    if review is not None:
        titles["coverage_by_group"] = _coverage(review, lang)
    return titles


def slide_figures(plan: Plan, review: coverage.Review | None = None, lang: str = "vi") -> dict[str, Figure]:
    """The key charts drawn at the ``slide`` size (16:9), by the names of the build's charts."""
    source = plan_source(plan, lang)
    groups = plan.tasks[["group_id", "group_title"]].drop_duplicates()
    figures: dict[str, Figure] = {
        "lead_coordinate_bars": lead_coordinate_bars(workload.agency_workload(plan), lang, source=source,
                                                     size="slide"),
        "group_heatmap": group_heatmap(workload.group_matrix(plan), groups, lang, source=source,
                                       size="slide"),
        "task_gantt": task_gantt(workload.task_timeline(plan, lang), lang, source=source, size="slide"),
        "network_agencies_keep": network_charts.projection_drawing(network.projection(plan, "keep"), lang,
                                                                   source=source, size="slide"),
    }
    if review is not None:
        figures["coverage_by_group"] = coverage_charts.coverage_by_group(
            coverage.coverage_by_group(review), lang, source=coverage_charts.review_source(review, lang),
            caveat=coverage.caveat(review, lang), size="slide")
    return figures


# ---------------------------------------------------------------- the file

def _text_box(slide: object, left: int, top: int, width: int, height: int,
              paragraphs: list[tuple[str, float, bool, RGBColor]],
              anchor: MSO_ANCHOR = MSO_ANCHOR.TOP) -> None:
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


def slides_pptx(titles: Mapping[str, str], figures: Mapping[str, Figure | ChartImage | bytes], *,
                heading: str, subtitle: str = "", notes: tuple[str, ...] = (), lang: str = "vi") -> bytes:
    """The deck as PPTX bytes: a title slide (``heading``, ``subtitle`` and the lines of ``notes``:
    the date prepared, the source), then a slide per name of ``titles`` that ``figures`` holds, in
    the order of ``titles``, titled by its sentence."""
    check_lang(lang)
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    layouts = deck.slide_layouts
    first = deck.slides.add_slide(layouts[6])  # blank: the title slide is laid out by hand
    _text_box(first, MARGIN, Inches(1.6), WIDTH - 2 * MARGIN, Inches(2.6),
              [(heading, 34, True, TEXT), *([(subtitle, 20, False, BLUE)] if subtitle else [])],
              anchor=MSO_ANCHOR.BOTTOM)
    _text_box(first, MARGIN, Inches(4.6), WIDTH - 2 * MARGIN, Inches(2.3),
              [(line, 14, False, MUTED) for line in notes])
    for name, title in titles.items():
        if name not in figures:
            continue
        image = chart_image(figures[name], dpi=DPI)
        slide = deck.slides.add_slide(layouts[5])  # "title only"
        _title(slide, title)
        _picture(slide, image)
        if image.alt:
            slide.notes_slide.notes_text_frame.text = image.alt
    when = created().replace(tzinfo=None)
    props = deck.core_properties
    props.title, props.author, props.last_modified_by = core_property(heading), "plan132", ""
    props.created = props.modified = props.last_printed = when
    props.revision = 1
    props.language = "vi-VN" if lang == "vi" else "en-GB"
    buffer = io.BytesIO()
    deck.save(buffer)
    return fixed_zip(buffer.getvalue(), when)


def write_slides(path: str | Path, plan: Plan, review: coverage.Review | None = None, *, lang: str = "vi",
                 brief: Brief | None = None,
                 figures: Mapping[str, Figure | ChartImage | bytes] | None = None) -> Path:
    """Write the key charts as 16:9 slides to ``path`` and return it.

    ``brief``: the brief of :func:`plan132lib.render.briefing.brief` whose ``prepared`` and
    ``source`` lines the title slide shows (made when not given); ``figures``: the key charts by
    name (drawn at the ``slide`` size by :func:`slide_figures` when not given; figures or PNG bytes
    otherwise).
    """
    check_lang(lang)
    cover = brief if brief is not None else briefing.brief(plan, review, lang)
    shown = figures if figures is not None else slide_figures(plan, review, lang)
    subtitle = _say("subtitle" if review is not None else "subtitle_no_review", lang)
    data = slides_pptx(findings(plan, review, lang), shown, heading=plan.citation(lang), subtitle=subtitle,
                       notes=(cover.prepared, cover.source), lang=lang)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
