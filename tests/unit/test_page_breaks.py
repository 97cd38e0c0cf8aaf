"""Page-break joins (read_text.join_paragraphs) and line cleaning (source.clean_text, lines_from_text)."""

from __future__ import annotations

import unicodedata
from types import SimpleNamespace

import pytest

from plan132lib.ingest.read_text import join_paragraphs
from plan132lib.ingest.source import clean_text, lines_from_text
from plan132lib.paths import BUNDLED_PLAN


def join_units(lines):
    """Paragraphs with the first and last line behind each, as the tests read them."""
    return [
        SimpleNamespace(
            text=p.text,
            first=p.ref.line,
            last=p.lines[-1],
            lines=list(p.lines),
            bold=p.bold,
            heading_level=p.level,
        )
        for p in join_paragraphs(lines)
    ]


def units(text: str):
    return join_units(lines_from_text(text))


# ------------------------------------------------------------------ join_units


def test_paragraph_split_by_page_break_is_joined():
    text = "Nâng cao vai trò của các cấp chính quyền và người dân\n\ntrong công tác bảo vệ môi trường."
    (unit,) = units(text)
    assert unit.text == (
        "Nâng cao vai trò của các cấp chính quyền và người dân trong công tác bảo vệ môi trường."
    )
    assert (unit.first, unit.last) == (1, 3)
    assert unit.lines == [1, 3]


def test_join_uses_exactly_one_space():
    (unit,) = units("phần đầu   \n\n\n   phần sau")
    assert unit.text == "phần đầu phần sau"
    assert (unit.first, unit.last) == (1, 4)


def test_blank_line_then_upper_case_is_a_new_paragraph():
    first, second = units("Đoạn thứ nhất chưa hết câu\n\nĐoạn thứ hai.")
    assert first.text == "Đoạn thứ nhất chưa hết câu"
    assert second.text == "Đoạn thứ hai."
    assert (first.first, first.last) == (1, 1)
    assert (second.first, second.last) == (3, 3)


@pytest.mark.parametrize("end", [".", ":", ";"])
def test_blank_line_after_end_of_sentence_is_a_new_paragraph(end):
    first, second = units(f"Câu thứ nhất kết thúc{end}\n\nmột đoạn mới bắt đầu.")
    assert first.text == f"Câu thứ nhất kết thúc{end}"
    assert second.text == "một đoạn mới bắt đầu."
    assert second.first == 3


def test_bullets_are_not_joined_to_each_other():
    result = units("- Gạch đầu dòng một;\n- gạch đầu dòng hai;\n- gạch đầu dòng ba.")
    assert [u.text for u in result] == ["- Gạch đầu dòng một;", "- gạch đầu dòng hai;", "- gạch đầu dòng ba."]
    assert [u.first for u in result] == [1, 2, 3]


def test_bullets_separated_by_blank_lines_are_not_joined():
    result = units("- gạch đầu dòng một\n\n- gạch đầu dòng hai")
    assert [u.text for u in result] == ["- gạch đầu dòng một", "- gạch đầu dòng hai"]


def test_numbered_items_are_not_joined():
    result = units("1. Mục một\n2. Mục hai")
    assert [u.text for u in result] == ["1. Mục một", "2. Mục hai"]


def test_page_break_in_the_bundled_plan_section_ii_item_2():
    # Lines 31-33 of the plan: item 2 of Section II runs over a page break.
    lines = lines_from_text(BUNDLED_PLAN.read_text(encoding="utf-8"))
    item2 = next(u for u in join_units(lines[28:36]) if u.text.startswith("2. "))
    assert (item2.first, item2.last) == (31, 33)
    assert "tổ chức chính trị - xã hội và người dân trong công tác bảo vệ môi trường" in item2.text


# ------------------------------------------------------------------ clean_text


def test_subscript_is_attached_to_the_word_before():
    assert clean_text("PM <sub>2.5</sub>") == "PM2.5"
    assert clean_text("nồng độ bụi PM <sub>2.5</sub> trung bình") == "nồng độ bụi PM2.5 trung bình"


def test_bold_tags_are_removed():
    assert clean_text("<b>x</b>") == "x"
    assert clean_text("<strong>Nhóm</strong> nhiệm vụ") == "Nhóm nhiệm vụ"


def test_no_break_space_becomes_plain_space():
    assert clean_text("Sở\u00a0Xây\u00a0dựng") == "Sở Xây dựng"


def test_nfd_input_comes_out_nfc():
    nfd = unicodedata.normalize("NFD", "Sở Nông nghiệp và Môi trường")
    result = clean_text(nfd)
    assert result == "Sở Nông nghiệp và Môi trường"
    assert unicodedata.is_normalized("NFC", result)


# --------------------------------------------------------------- lines_from_text


def test_crlf_and_bom_give_same_text_as_lf():
    lf = "Số: 132 /KH-UBND\n\n## KẾ HOẠCH\n\nDòng <b>đậm</b>\tô thứ hai\n"
    crlf = "\ufeff" + lf.replace("\n", "\r\n")
    assert [ln.text for ln in lines_from_text(crlf)] == [ln.text for ln in lines_from_text(lf)]


def test_crlf_keeps_line_numbers():
    lines = lines_from_text("\ufeffmột\r\n\r\nba\r\n")
    assert [(ln.no, ln.text) for ln in lines] == [(1, "một"), (2, ""), (3, "ba"), (4, "")]


def test_crlf_and_bom_on_the_bundled_plan():
    lf = BUNDLED_PLAN.read_text(encoding="utf-8")
    crlf = "\ufeff" + lf.replace("\n", "\r\n")
    assert [ln.text for ln in lines_from_text(crlf)] == [ln.text for ln in lines_from_text(lf)]


def test_subscript_at_the_start_of_a_cell_keeps_the_tab():
    """A sub- or superscript attaches to the word before it, but never across a cell's tab."""
    from plan132lib.ingest.source import clean_text

    assert clean_text("PM <sub>2.5</sub> và PM<sub>10</sub>") == "PM2.5 và PM10"
    assert clean_text("1\t<sup>*</sup>Ghi chú") == "1\t*Ghi chú"
