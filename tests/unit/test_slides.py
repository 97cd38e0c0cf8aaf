"""slides.pptx: 16:9 slides of the key charts, each titled by one sentence of its finding, byte-identical."""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation
from pptx.util import Emu

from plan132lib.analysis import coverage
from plan132lib.analysis.findings import findings_of
from plan132lib.charts import catalogue
from plan132lib.render import slides

EPOCH = "1776297600"  # 16/4/2026 00:00 UTC


@pytest.fixture(scope="module")
def review(plan):
    return coverage.review_for(plan)


@pytest.fixture(scope="module")
def decks(plan, review, tmp_path_factory) -> dict[str, Path]:
    """The deck in both languages, and the Vietnamese one a second time."""
    folder = tmp_path_factory.mktemp("slides")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        return {
            "vi": slides.write_slides(folder / "a" / "slides.pptx", plan, review),
            "vi_again": slides.write_slides(folder / "b" / "slides.pptx", plan, review),
            "en": slides.write_slides(folder / "slides_en.pptx", plan, review, lang="en"),
        }


def titles(path: Path) -> list[str]:
    deck = Presentation(str(path))
    return [s.shapes.title.text for s in list(deck.slides)[1:]]


def test_two_runs_give_the_same_bytes(decks: dict[str, Path]) -> None:
    assert decks["vi"].read_bytes() == decks["vi_again"].read_bytes()
    with zipfile.ZipFile(decks["vi"]) as z:
        assert {i.date_time for i in z.infolist()} == {(2026, 4, 16, 0, 0, 0)}


def test_core_properties_carry_the_day_prepared(decks: dict[str, Path], plan) -> None:
    props = Presentation(str(decks["vi"])).core_properties
    day = datetime.datetime(2026, 4, 16)
    assert props.created == props.modified == day
    assert props.revision == 1 and props.last_modified_by == ""
    assert props.title == plan.citation("vi")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_title_slide_then_one_slide_per_key_chart(decks: dict[str, Path], plan, review, lang: str) -> None:
    deck = Presentation(str(decks[lang]))
    assert (deck.slide_width, deck.slide_height) == (Emu(12192000), Emu(6858000))  # 13.333 × 7.5 in
    cover = " ".join(shape.text_frame.text for shape in deck.slides[0].shapes if shape.has_text_frame)
    assert plan.citation(lang) in cover
    assert ("Ngày lập: 16/4/2026" if lang == "vi" else "Prepared on 16 April 2026") in cover
    expected = slides.titles(findings_of(plan, review), plan, lang)
    assert list(expected) == list(catalogue.names("slides", review))  # with a review: coverage by group too
    shown = titles(decks[lang])
    assert shown[: len(expected)] == list(expected.values())
    # then the accountability gaps and the recommendations, as text
    assert shown[len(expected) :] == (
        ["Khoảng trống trách nhiệm", "Kiến nghị"]
        if lang == "vi"
        else ["Accountability gaps", "Recommendations"]
    )


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_titles_are_one_sentence_in_words(decks: dict[str, Path], lang: str) -> None:
    for title in titles(decks[lang]):
        assert title and not title.endswith(".") and ". " not in title  # one sentence, a heading
        assert not re.search(r"\b[a-z]+_[a-z_]+\b", title), title  # no snake_case
        assert not re.search(r"NQ\d|[a-z]+-[a-z]+-[a-z]+", title), title  # no catalogue or agency ids
    assert re.search(r"\d", " ".join(titles(decks[lang])))  # findings carry their numbers


def test_the_lead_title_states_the_count_read_from_the_plan(decks: dict[str, Path], plan) -> None:
    leads = plan.assignments[plan.assignments["role"] == "lead"].groupby("agency_id")["task_id"].nunique()
    first = titles(decks["vi"])[0]
    assert f"chủ trì nhiều nhiệm vụ nhất: {leads.max()} trong {len(plan.tasks)} nhiệm vụ" in first
    assert first.startswith("“") and "”" in first  # a name holding a comma is quoted, never read as a list


def test_the_last_slides_list_the_gaps_and_the_recommendations_in_the_briefs_order(decks, plan, review):
    from plan132lib.render import briefing

    b = briefing.brief(plan, review, "vi")
    deck = list(Presentation(str(decks["vi"])).slides)
    texts = [
        [
            p.text
            for s in slide.shapes
            if s.has_text_frame and s != slide.shapes.title
            for p in s.text_frame.paragraphs
        ]
        for slide in deck[-2:]
    ]
    gaps = next(s for s in b.sections if s.key == "gaps")
    assert texts[0] == [f"• {item}" for item in gaps.items]
    assert texts[1] == [f"{i}. {r}" for i, r in enumerate(b.recommendations, 1)]


def test_each_chart_is_a_16_9_picture_with_its_alt_text_in_the_notes(decks: dict[str, Path], review) -> None:
    deck = Presentation(str(decks["en"]))
    for slide in list(deck.slides)[1 : len(catalogue.names("slides", review)) + 1]:
        pictures = [s for s in slide.shapes if s.shape_type == 13]
        assert len(pictures) == 1
        pic = pictures[0]
        with Image.open(io.BytesIO(pic.image.blob)) as im:
            assert im.width / im.height == pytest.approx(16 / 9, rel=0.01) and im.width >= 2500
        alt = pic._element.nvPicPr.cNvPr.get("descr")
        assert alt and alt == slide.notes_slide.notes_text_frame.text
        # the picture stays on the slide, under the title
        assert pic.left >= 0 and pic.left + pic.width <= deck.slide_width
        assert pic.top >= slide.shapes.title.top + slide.shapes.title.height
        assert pic.top + pic.height <= deck.slide_height


def test_without_a_review_there_is_no_coverage_slide(plan, tmp_path: Path) -> None:
    shown = slides.slide_figures(plan, None, "vi")
    assert "coverage_by_group" not in shown and "status_by_agency" not in shown  # no review, no returns
    assert set(shown) == set(catalogue.names("slides", None))
    png = {name: _png() for name in shown}
    path = slides.write_slides(tmp_path / "slides.pptx", plan, None, figures=png)
    assert len(Presentation(str(path)).slides) == 1 + len(shown) + 2  # the gaps, the recommendations


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), "white").save(buffer, format="PNG", dpi=(200, 200))
    return buffer.getvalue()
