"""The body read as items: points by the plan's numbering, parts, objectives and their targets."""

from __future__ import annotations

from plan132lib.analysis.versions import abbreviations, canonical_words, editorial_kind, is_editorial
from plan132lib.ingest.body_items import body_items, objectives
from plan132lib.ingest.structure import SectionRow
from plan132lib.ingest.targets import find_measures


def _row(section: str, title: str, item: int | None, kind: str, text: str, marker: str = "") -> SectionRow:
    return SectionRow(section, title, item, "", None, kind, text, None, None, "", marker)


def test_points_and_parts_follow_the_plans_own_numbering() -> None:
    rows = [
        _row("I", "MỤC TIÊU, NHIỆM VỤ", 1, "item", "Cải cách thể chế"),
        _row("I", "MỤC TIÊU, NHIỆM VỤ", 1, "bullet", "Mục tiêu", "a)"),
        _row("I", "MỤC TIÊU, NHIỆM VỤ", 1, "bullet", "100% văn bản được kiểm tra.", "-"),
        _row("I", "MỤC TIÊU, NHIỆM VỤ", 1, "bullet", "Nhiệm vụ", "b)"),
        _row("I", "MỤC TIÊU, NHIỆM VỤ", 1, "bullet", "Rà soát văn bản.", "-"),
        _row("II", "KINH PHÍ THỰC HIỆN", None, "paragraph", "Kinh phí do ngân sách bảo đảm."),
    ]
    items = body_items(rows)
    assert [i.point for i in items] == ["I.1", "I.1.a", "I.1.a.1", "I.1.b", "I.1.b.1", "II.¶1"]
    assert [i.part for i in items] == ["body", "objectives", "objectives", "body", "body", "funding"]
    found = objectives(items)
    assert [o.item.point for o in found] == ["I.1.a.1"] and found[0].measures[0].value == 100


def test_measures_read_percentages_counts_and_dates() -> None:
    lowered = find_measures("Tỷ lệ giải ngân vốn đầu tư công năm 2026 đạt 100%.")[0]
    assert (lowered.indicator, lowered.value) == ("Tỷ lệ giải ngân vốn đầu tư công năm 2026", 100)
    count = find_measures("Có ít nhất 05 mô hình điểm về cải cách hành chính.")[0]
    assert (count.measure, count.value, count.unit, count.comparator) == ("count", 5, "mô hình", "at_least")
    when = find_measures("Đưa Trung tâm IOC vào hoạt động trong quý II năm 2026.")[0]
    assert (when.measure, when.qualifier_raw, when.target_year) == ("date", "trong quý II năm 2026", 2026)
    assert find_measures("Thực hiện Quyết định số 12/QĐ-UBND ngày 5/3/2026 của tỉnh.") == []


def test_editorial_edits_use_the_registrys_abbreviations() -> None:
    known = abbreviations(None)
    assert known["ubnd"] == canonical_words("Ủy ban nhân dân")
    assert is_editorial("Tham mưu UBND tỉnh ban hành", "Tham mưu Ủy ban nhân dân tỉnh ban hành")
    assert is_editorial("Phụ lục", "PHỤ LỤC") and editorial_kind("Phụ lục", "PHỤ LỤC") == "case"
    assert is_editorial("a , b", "a, b") and editorial_kind("a , b", "a, b") == "punctuation"
    assert is_editorial("hoà bình", "hòa bình")
    assert not is_editorial("đạt 100%", "đạt trên 90%")
