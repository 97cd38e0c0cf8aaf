"""A plan with a realistic long title (275+ characters) gets its Word brief and its slides, the
document property shortened to the 255 characters Office allows (issue 23)."""

from __future__ import annotations

from pathlib import Path

import docx
import pptx
import pytest

import plan132lib
from plan132lib.analysis import coverage
from plan132lib.pipeline.build import chart_figures
from plan132lib.render import briefing, slides
from plan132lib.render.brief_docx import CORE_PROPERTY_LIMIT, brief_docx

MINIMAL = Path(__file__).resolve().parents[1] / "bad" / "ok_minimal.md"
TITLE = "Thử nghiệm bộ đọc kế hoạch theo Nghị quyết số 247/2025/QH15 ngày 10/12/2025 của Quốc hội"
LONG = TITLE + (
    " về bảo vệ môi trường, ứng phó với biến đổi khí hậu, phát triển kinh tế xanh, kinh tế tuần"
    " hoàn, bảo tồn thiên nhiên và đa dạng sinh học trên địa bàn tỉnh giai đoạn 2026 - 2030,"
    " tầm nhìn đến năm 2045"
)


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    path = tmp_path_factory.mktemp("long") / "long_title.md"
    path.write_text(MINIMAL.read_text(encoding="utf-8").replace(TITLE, LONG), encoding="utf-8")
    return plan132lib.load_plan(path)


def test_the_word_brief_of_a_long_title_is_written(plan, tmp_path):
    assert len(LONG) > CORE_PROPERTY_LIMIT
    review = coverage.review_for(plan, None, None)
    brief = briefing.brief(plan, review, "vi")
    path = tmp_path / "brief.docx"
    path.write_bytes(brief_docx(brief, chart_figures(plan, "vi", review, size="page", names=brief.charts)))
    props = docx.Document(str(path)).core_properties
    assert len(props.subject) == CORE_PROPERTY_LIMIT and props.subject.endswith("…")
    assert props.subject[:-1].rstrip() in LONG


def test_the_slides_of_a_long_title_are_written(plan, tmp_path):
    path = slides.write_slides(tmp_path / "slides.pptx", plan, coverage.review_for(plan, None, None))
    assert len(pptx.Presentation(str(path)).core_properties.title) <= CORE_PROPERTY_LIMIT


def test_a_130_kb_agency_name_costs_the_charts_what_a_long_name_does(tmp_path):
    import time

    from plan132lib.pipeline.build import chart_figures

    huge = "Ban " + " ".join(["Quản lý dự án đầu tư xây dựng"] * 4500)  # about 130 KB
    assert len(huge.encode("utf-8")) > 130_000
    text = MINIMAL.read_text(encoding="utf-8").replace(
        "\tSở Xây dựng\tCác sở, ban, ngành, UBND xã, phường\t",
        f"\t{huge}\tCác sở, ban, ngành, UBND xã, phường\t",
    )
    path = tmp_path / "huge_name.md"
    path.write_text(text, encoding="utf-8")
    plan = plan132lib.load_plan(path)
    assert huge in set(plan.assignments["raw_name"])  # kept as written, never dropped
    start = time.process_time()
    figures = chart_figures(plan, "vi", coverage.review_for(plan, None, None), size="page")
    assert figures and time.process_time() - start < 60
