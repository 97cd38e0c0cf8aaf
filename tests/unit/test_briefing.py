"""The brief: numbers from the analysis, plain sentences in both languages, document text escaped."""

from __future__ import annotations

import re

import pytest

from plan132lib.analysis import coverage, workload
from plan132lib.render import briefing


@pytest.fixture(scope="module")
def review(plan):
    return coverage.review_for(plan)


@pytest.fixture(scope="module")
def vi(plan, review):
    return briefing.brief(plan, review, "vi")


def text_of(b: briefing.Brief) -> str:
    return "\n".join(
        [
            b.title,
            b.summary,
            *(f"{s.heading} {s.text} {' '.join(s.items)}" for s in b.sections),
            *b.recommendations,
            b.caveat,
            b.prepared,
            b.source,
        ]
    )


def section(b: briefing.Brief, key: str) -> briefing.Section:
    return next(s for s in b.sections if s.key == key)


def test_sections_and_numbers_computed(plan, vi):
    assert vi.title == "Tóm tắt Kế hoạch 132/KH-UBND ngày 16/4/2026 của Ủy ban nhân dân tỉnh Hưng Yên"
    assert [s.key for s in vi.sections] == ["plan", "leads", "gaps", "due", "network", "coverage", "targets"]
    assert section(vi, "plan").text.startswith(
        f"Phụ lục của Kế hoạch có {len(plan.tasks)} nhiệm vụ, chia 6 nhóm, giao cho 12 cơ quan, đơn vị, "
        f"với {len(plan.assignments)} lượt giao chủ trì hoặc phối hợp."
    )
    flags = workload.task_flags(plan)
    several = ", ".join(flags.loc[flags["several_leads"], "task_id"])
    assert (
        f"{flags['several_leads'].sum()} nhiệm vụ giao cho nhiều cơ quan cùng chủ trì, chưa rõ cơ quan "
        f"chịu trách nhiệm chính: {several}."
    ) in section(vi, "gaps").items
    assert "21 trong 29 nhiệm vụ không có thời hạn kết thúc" in " ".join(section(vi, "gaps").items)
    leads = section(vi, "leads").text
    assert leads.startswith(
        "Chủ trì nhiều nhiệm vụ nhất là “UBND xã, phường”: 10 trong 29 nhiệm vụ, "
        "trong đó 5 nhiệm vụ chủ trì một mình."
    )
    assert "Tổng cộng 12 cơ quan, đơn vị được giao chủ trì ít nhất một nhiệm vụ." in leads
    assert (
        "Cặp phối hợp nhiều nhất là Sở NN&MT và “UBND xã, phường” (9 nhiệm vụ chung)"
        in section(vi, "network").text
    )


def test_counts_agree_and_state_their_basis(vi):
    """12 agencies in the appendix (2 of them collective entries) and 10 named ones in the network."""
    assert "giao cho 12 cơ quan, đơn vị" in section(vi, "plan").text
    assert "Trong 12 cơ quan, đơn vị đó có 2 mục giao chung" in section(vi, "plan").text
    network = section(vi, "network").text
    assert "Trong 10 cơ quan được nêu tên cụ thể (không tính các mục giao chung)" in network
    assert "Tổng cộng 12 cơ quan, đơn vị được giao chủ trì" in section(vi, "leads").text


def test_plain_words_no_codes_no_jargon(vi, plan, review):
    text = text_of(vi) + text_of(briefing.brief(plan, review, "en"))
    assert not re.search(r"NQ247-|CHK-|[a-z]+_[a-z]+|NEWS|INFERRED", text)
    for jargon in (
        "quy đổi",
        "chia đều",
        "đường nối ngắn nhất",
        "mục tập thể",
        "tiếp nhận",
        "đầu mối",
        "task equivalents",
    ):
        assert jargon not in text, jargon
    cov = section(vi, "coverage")
    assert "Kế hoạch đã cụ thể hóa đầy đủ 9 nội dung, cụ thể hóa một phần 9 nội dung; 7 nội dung" in cov.text
    assert "“Rà soát quy định về thuế, phí bảo vệ môi trường trong năm 2026”" in cov.items[0]
    assert (
        "Nhiệm vụ 2.6, nồng độ bụi PM2.5 trung bình năm: bằng mức nghị quyết đặt ra (giảm tối thiểu 10%)."
        in section(vi, "targets").items
    )


def test_recommendations_follow_the_findings(vi):
    assert vi.recommendations[0] == (
        "Giao một cơ quan chủ trì cụ thể, chịu trách nhiệm chính, cho nhiệm vụ "
        "1.1, 1.4, 2.4, 2.5, 2.6, 4.1, 6.3."
    )
    assert "Bổ sung mốc hoàn thành hoặc mốc báo cáo định kỳ cho 21 nhiệm vụ" in vi.recommendations[1]
    assert any(r.startswith("Xem xét bổ sung nhiệm vụ cho 7 nội dung") for r in vi.recommendations)


def test_prepared_date_is_not_the_plan_date(plan, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764633600")  # 2 December 2025
    b = briefing.brief(plan, None, "vi")
    assert b.prepared.startswith("Ngày lập: 2/12/2025.") and "16/4/2026" not in b.prepared
    assert briefing.brief(plan, None, "en").prepared.startswith("Prepared on 2 December 2025")


def test_english(plan, review):
    en = briefing.brief(plan, review, "en")
    assert en.title == (
        "Summary of Plan 132/KH-UBND of 16 April 2026 by the Hưng Yên Provincial People's Committee"
    )
    assert section(en, "leads").text.startswith(
        "Most tasks are led by Commune and ward People's Committees: 10 of the 29, 5 of them alone."
    )
    assert en.recommendations[0].startswith("Name one lead agency")
    with pytest.raises(ValueError, match="lang"):
        briefing.brief(plan, review, "fr")


def test_without_a_review(plan):
    b = briefing.brief(plan, None, "en")
    assert section(b, "coverage").text.startswith("No crosswalk links this plan's tasks")
    assert "targets" not in [s.key for s in b.sections] and b.caveat == ""
    assert "coverage_by_group" not in b.charts


def test_due_first_shows_task_text(plan):
    due = section(briefing.brief(plan, None, "en"), "due")
    assert due.heading == "Due first (by the end of 2027)"
    assert (
        "Task 2.2 (2027): Xử lý dứt điểm các cơ sở, làng nghề gây ô nhiễm môi trường nghiêm trọng."
        in due.items
    )


def test_markdown_escapes_document_text(vi):
    md = briefing.markdown(vi, head=True)
    assert md.startswith("# Tóm tắt Kế hoạch 132/KH-UBND")
    assert "Sở NN&amp;MT" in md and "**Kiến nghị**" in md and "1. Giao một cơ quan" in md
    assert (
        briefing.md_escape('<script>alert("x")</script> & *a*')
        == '&lt;script&gt;alert("x")&lt;/script&gt; &amp; \\*a\\*'
    )


def test_names_holding_a_comma_never_read_as_a_list():
    assert briefing.agency("UBND xã, phường") == "“UBND xã, phường”"
    assert briefing.listing(["Sở Nội vụ", "UBND xã, phường"]) == "Sở Nội vụ; “UBND xã, phường”"
    assert briefing.listing(["Sở Nội vụ", "Thanh tra tỉnh"]) == "Sở Nội vụ, Thanh tra tỉnh"
    assert briefing.and_join(["a", "b", "c"], "vi") == "a, b và c"


def test_dates_and_numbers():
    assert briefing.long_date("2026-04-16", "vi") == "16/4/2026"
    assert briefing.long_date("2026-04-16", "en") == "16 April 2026"
    assert briefing.long_date("16/4/2026", "en") == "16/4/2026"
    assert briefing.number(6.25, "vi", 2) == "6,25" and briefing.number(6.25, "en", 2) == "6.25"


# ------------------------------------------------- timelines the kit could not read (issue 22, item 8)


@pytest.fixture(scope="module")
def one_year():
    from pathlib import Path

    from plan132lib import load_plan

    return load_plan(Path(__file__).resolve().parents[1] / "data" / "one_year_plan.md")


def test_the_brief_says_which_deadlines_could_not_be_read(one_year):
    vi, en = (section(briefing.brief(one_year, None, lang), "gaps").items for lang in ("vi", "en"))
    assert (
        "1 nhiệm vụ không xác định được thời hạn (tiến độ ghi theo cách chưa đọc được; cần kiểm tra lại "
        "trong văn bản): 2.6." in vi
    )
    assert any(
        s.startswith("1 tasks have a deadline that could not be read") and s.endswith(": 2.6.") for s in en
    )
    assert (
        "2 nhiệm vụ có thời hạn không gắn với năm cụ thể (theo văn bản khác hoặc tính từ một mốc "
        "chưa có ngày cụ thể): 2.4, 2.5." in vi
    )
    # not "every task has an end date": some have no year at all
    assert "Mọi nhiệm vụ đều có thời hạn kết thúc." not in vi
    assert "Mọi nhiệm vụ có tiến độ theo năm đều có thời hạn kết thúc." in vi


def test_due_first_runs_to_the_end_of_a_one_year_plan(one_year):
    due = section(briefing.brief(one_year, None, "vi"), "due")
    assert due.heading == "Đến hạn sớm nhất (đến hết năm 2026)"
    assert [item.split(" (")[0] for item in due.items[:3]] == ["Nhiệm vụ 2.3", "Nhiệm vụ 3.8", "Nhiệm vụ 1.2"]
    assert due.items[-1] == "Chưa tính 1 nhiệm vụ không xác định được thời hạn."


def test_plan_132_says_nothing_of_unread_timelines(vi):
    assert "không xác định được thời hạn" not in text_of(vi)
