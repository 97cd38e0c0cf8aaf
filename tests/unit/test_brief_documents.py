"""The brief as one A4 page (PDF), as an editable Word file, and the full report as PDF: what a
reader checks by eye (one page read at print size, the recommendations in their order, the prepared
date, the charts, no codes; the Word file in the layout of Nghị định 30/2020/NĐ-CP)."""

from __future__ import annotations

import dataclasses
import io
import re
import sys
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest
from docx import Document
from docx.shared import Pt

from plan132lib.analysis import coverage
from plan132lib.ingest.tables import load_plan
from plan132lib.pipeline.build import chart_figures
from plan132lib.render import brief_pdf as page_pdf
from plan132lib.render import briefing
from plan132lib.render.brief_docx import BODY_PT, FONT, NATION_PT, brief_docx
from plan132lib.render.brief_pdf import BriefOverflowError, brief_pdf
from plan132lib.render.report_pdf import report_pdf

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from variants import write_variant

SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")
A4_PT = (595.3, 841.9)


@pytest.fixture(scope="module")
def plan():
    return load_plan(None)


@pytest.fixture(scope="module")
def review(plan):
    return coverage.review_for(plan, None, None)


@pytest.fixture(scope="module", params=["vi", "en"])
def made(request, plan, review):
    lang = request.param
    the_brief = briefing.brief(plan, review, lang)
    page = chart_figures(plan, lang, review, size="page", names=the_brief.charts)
    return lang, the_brief, page, brief_pdf(the_brief, page)


def pages_text(data: bytes) -> list[str]:
    pdf = pdfium.PdfDocument(data)
    return [" ".join(pdf[i].get_textpage().get_text_range().split()) for i in range(len(pdf))]


def test_brief_pdf_is_one_a4_page_with_findings_and_recommendations(made) -> None:
    lang, _, _, data = made
    pdf = pdfium.PdfDocument(data)
    assert len(pdf) == 1
    assert pdf[0].get_size() == pytest.approx(A4_PT, abs=1)
    text = pages_text(data)[0]
    heads = {
        "vi": ("Tóm tắt Kế hoạch 132/KH-UBND", "Kiến nghị", "Ngày lập", "Khoảng trống trách nhiệm"),
        "en": ("Summary of Plan 132/KH-UBND", "Recommendations", "Prepared on", "Accountability gaps"),
    }
    for head in heads[lang]:
        assert head in text
    # the recommendation names the tasks whose lead is unclear, as the plan numbers them
    assert "1.1, 1.4, 2.4, 2.5, 2.6, 4.1, 6.3" in text
    assert not SNAKE.search(text), SNAKE.search(text)
    assert "NQ247-" not in text  # catalogue entries by their titles, never their ids
    assert b"FontFile2" in data and b"DejaVu" in data  # the fonts travel with the file (embedded TTF)


def test_brief_pdf_is_byte_identical_and_dated_by_source_date_epoch(made, plan, review, monkeypatch) -> None:
    lang, the_brief, page, data = made
    if lang != "vi":
        pytest.skip("the same code in another language; the build's byte-identity test covers brief_en.pdf")
    again = chart_figures(plan, lang, review, size="page", names=the_brief.charts)  # as a second build draws
    assert brief_pdf(the_brief, again) == data
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 1 January 2026
    dated = brief_pdf(the_brief, page)
    assert b"D:20260101000000" in dated


def in_order(text: str, parts: list[str]) -> list[int]:
    """Where each of ``parts`` starts in ``text`` (its first words, spaces ignored)."""
    flat = re.sub(r"\s+", "", text)
    return [flat.find(re.sub(r"\s+", "", part)[:40]) for part in parts]


def test_brief_pdf_reads_at_print_size(made) -> None:
    """Every letter on the page is 10.5 pt or more, and the charts are placed so that their smallest
    text prints at 7 pt or more: the chart's own smallest font times the scale it is placed at."""
    _, the_brief, page, data = made
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == 1
        sheet = pdf.pages[0]
        sizes = [round(c["size"], 2) for c in sheet.chars if c["text"].strip()]
        images = sorted(sheet.images, key=lambda im: (round(im["top"]), im["x0"]))
    assert min(sizes) >= page_pdf.BODY_PT == 10.5
    assert 1 <= len(images) <= 2 < len(the_brief.charts)  # fewer charts than the brief names, large enough
    shown = page_pdf.page_charts(the_brief, page, len(images))
    for name, image in zip(shown, images, strict=True):
        figure = page[name]
        placed = (image["x1"] - image["x0"]) / (figure.get_figwidth() * 72)
        printed = page_pdf.chart_text_pt(figure) * placed
        assert printed >= page_pdf.CHART_PT == 7.0, (name, printed)


def test_brief_pdf_recommendations_read_in_order(made) -> None:
    _, the_brief, _, data = made
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = pdf.pages[0].extract_text()  # line by line, top to bottom
    where = in_order(text, list(the_brief.recommendations))
    assert -1 not in where and where == sorted(where), where
    numbers = [int(m) for m in re.findall(r"^(\d)\.\s", text, flags=re.MULTILINE)]
    assert numbers == list(range(1, len(the_brief.recommendations) + 1))


def test_a_brief_too_long_for_a_page_names_what_is_left_over(made) -> None:
    lang, the_brief, page, _ = made
    if lang != "vi":
        pytest.skip("the same layout loop in another language")
    long = dataclasses.replace(
        the_brief, recommendations=tuple(f"Kiến nghị {i}: " + "nội dung " * 20 for i in range(60))
    )
    with pytest.raises(BriefOverflowError, match=r"does not fit on one A4 page.*Kiến nghị"):
        brief_pdf(long, page)


def test_brief_docx_is_a4_times_new_roman_with_the_charts_as_pictures(made, plan, review) -> None:
    lang, the_brief, page, _ = made
    data = brief_docx(the_brief, page, plan.province)
    again = chart_figures(plan, lang, review, size="page", names=the_brief.charts)
    assert brief_docx(the_brief, again, plan.province) == data
    doc = Document(io.BytesIO(data))
    section = doc.sections[0]
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((210, 297), abs=0.1)  # A4
    # Nghị định 30/2020/NĐ-CP: top and bottom 20-25 mm, left 30-35 mm, right 15-20 mm
    assert 20 <= round(section.top_margin.mm, 1) <= 25 and 20 <= round(section.bottom_margin.mm, 1) <= 25
    assert 30 <= round(section.left_margin.mm, 1) <= 35 and 15 <= round(section.right_margin.mm, 1) <= 20
    assert doc.styles["Normal"].font.name == FONT == "Times New Roman"
    header = doc.tables[0].rows[0].cells
    left, right = (" ".join(p.text for p in cell.paragraphs) for cell in header)
    assert "plan132" in left
    nation = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Hưng Yên, ngày ")
    for part in nation if lang == "vi" else ("SOCIALIST REPUBLIC OF VIET NAM", "Hưng Yên, "):
        assert part in right
    cells = [p for cell in header for p in cell.paragraphs]
    for paragraph in [*cells, *doc.paragraphs]:
        for run in paragraph.runs:
            if not run.text.strip():
                continue
            size = run.font.size or paragraph.style.font.size or doc.styles["Normal"].font.size
            name = run.font.name or paragraph.style.font.name or doc.styles["Normal"].font.name
            assert name == FONT, run.text
            least = Pt(NATION_PT) if paragraph in cells else Pt(BODY_PT)  # the national name: 12 pt
            assert size >= least >= Pt(12), (run.text, size.pt)
    text = "\n".join(p.text for p in doc.paragraphs)
    assert text.startswith(the_brief.title)
    assert ("Kiến nghị" if lang == "vi" else "Recommendations") in text
    where = in_order(text, [f"{i}. {r}" for i, r in enumerate(the_brief.recommendations, 1)])
    assert -1 not in where and where == sorted(where), where
    for s in the_brief.sections:  # the Word file has every section and item
        assert s.heading in text and all(f"- {item}" in text for item in s.items)
    assert not SNAKE.search(text)
    shapes = doc.inline_shapes
    assert len(shapes) == len(the_brief.charts)
    for shape in shapes:  # Word reads the alt text out
        assert shape._inline.docPr.get("descr")
    assert doc.core_properties.created.year == doc.core_properties.modified.year


def test_report_pdf_keeps_the_caveat_with_its_coverage_paragraph(plan, review) -> None:
    the_brief = briefing.brief(plan, review, "vi")
    figures = chart_figures(
        plan,
        "vi",
        review,
        names=("lead_coordinate_bars", "task_gantt", "coverage_by_group", "coverage_matrix"),
    )
    data = report_pdf(the_brief, figures, plan, review)
    texts = pages_text(data)
    assert len(texts) > 1
    heading = next(s.heading for s in the_brief.sections if s.key == "coverage")
    caveat_start = " ".join(the_brief.caveat.split()[:6])
    at_heading = [i for i, t in enumerate(texts) if heading in t and i > 0]  # page 1: the contents
    at_caveat = [i for i, t in enumerate(texts) if caveat_start in t]
    assert at_heading and at_caveat and at_caveat[0] == at_heading[0]
    assert all(f"Trang {i}" in t for i, t in enumerate(texts, 1))  # numbered pages


@pytest.mark.slow
@pytest.mark.parametrize("variant", ["many_tasks", "no_section_iv", "one_group"])
def test_brief_of_another_plan_fits_one_page(variant: str, tmp_path: Path) -> None:
    other = load_plan(write_variant(variant, tmp_path))
    for lang in ("vi", "en"):
        the_brief = briefing.brief(other, None, lang)
        page = chart_figures(other, lang, None, size="page", names=the_brief.charts)
        assert len(pdfium.PdfDocument(brief_pdf(the_brief, page))) == 1


@pytest.mark.slow
def test_report_of_a_plan_without_due_tasks_places_every_chart(tmp_path: Path) -> None:
    """No task due soon, so no "due" section: its charts go after the last section, none is lost."""
    other = load_plan(write_variant("no_closed_timelines", tmp_path))
    the_brief = briefing.brief(other, None, "vi")
    assert "due" not in [s.key for s in the_brief.sections]
    figures = chart_figures(other, "vi", None, names=("lead_coordinate_bars", "task_gantt", "active_by_year"))
    text = " ".join(pages_text(report_pdf(the_brief, figures, other)))
    for figure in figures.values():
        assert " ".join(figure.alt.split()[:5]) in text  # each chart's caption is printed under it
