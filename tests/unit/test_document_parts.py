"""Section IV, sections I–III, meta, and that no line of the source is lost."""

from __future__ import annotations

import re

from plan132lib.ingest.source import to_source_line


def test_section_iv_items_and_duties(plan):
    d = plan.duties
    assert sorted(d["item"].unique()) == list(range(1, 12))
    per_item = d.groupby("item").size().tolist()
    assert per_item == [3, 2, 4, 2, 4, 2, 3, 2, 3, 2, 1]
    headings = d.drop_duplicates("item").set_index("item")["heading"]
    assert headings[1] == "Sở Nông nghiệp và Môi trường"
    assert headings[4] == "Sở Công Thương"  # written as a Markdown heading
    assert headings[9] == "Các cơ quan báo chí, truyền thông"


def test_section_iv_agencies(plan):
    ids = plan.duties.drop_duplicates("item").set_index("item")["agency_ids"]
    assert ids[1] == "so-nnmt"
    assert ids[2] == "so-tc"
    assert ids[8] == "cong-an-tinh"
    assert ids[10] == "cac-so-ban-nganh;ubnd-xa-phuong;cac-don-vi-lien-quan"
    assert ids[11] == "ubmttq-tinh;to-chuc-ctxh"


def test_fatherland_front_duty_is_the_paragraph(plan):
    row = plan.duties[plan.duties["item"] == 11].iloc[0]
    assert row["text"].startswith("Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh")
    assert "giám sát việc thực hiện" in row["text"]
    assert row["source_line"] == 121


def test_duty_text_traces_to_its_line(plan):
    for row in plan.duties.itertuples():
        raw = plan.line(row.source_line)
        assert row.text[:30] in raw


def test_meta(plan):
    assert plan.meta_value("number") == "132/KH-UBND"
    assert plan.meta_value("date") == "2026-04-16"
    assert plan.meta_value("place") == "Hưng Yên"
    assert plan.meta_value("issuer") == "Ủy ban nhân dân tỉnh Hưng Yên"
    assert plan.meta_value("signer_name") == "Nguyễn Hùng Nam"
    assert plan.meta_value("signer_title") == "KT. CHỦ TỊCH PHÓ CHỦ TỊCH"
    assert [v.split()[3] for v in plan.meta_values("implements")] == ["247/2025/QH15", "67/NQ-CP"]
    assert all(v.startswith("Nghị quyết số ") for v in plan.meta_values("implements"))
    assert plan.meta_values("recipient") == [
        "Bộ Nông nghiệp và Môi trường",
        "Chủ tịch, các PCT UBND tỉnh",
        "Các sở, ban, ngành, đoàn thể của tỉnh",
        "UBND các xã, phường",
    ]


def test_sections_one_to_three(plan):
    s = plan.sections
    assert s["section"].unique().tolist() == ["I", "II", "III"]
    assert s.groupby("section").size().to_dict() == {"I": 8, "II": 4, "III": 2}
    joined = s[(s["section"] == "II") & (s["item_no"] == 2)].iloc[0]
    assert "người dân trong công tác bảo vệ môi trường" in joined["text"]
    assert (joined["source_line"], joined["source_line_end"]) == (31, 33)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def test_no_source_word_is_lost(plan):
    """Every word of every source line (tags resolved) appears in some table."""
    tables = plan.tables()
    corpus = []
    for frame in tables.values():
        for column in frame.columns:
            if frame[column].dtype != "bool":
                corpus.extend(str(v) for v in frame[column].tolist())
    haystack = set(_words(" ".join(corpus)))
    headers = {
        "TT",
        "Nội",
        "dung",
        "thực",
        "hiện",
        "Cơ",
        "quan",
        "chủ",
        "trì",
        "phối",
        "hợp",
        "Tiến",
        "độ",
        "Ghi",
        "chú",
        "Nơi",
        "nhận",
        "Số",
        "Lưu",
    }  # labels, not content
    for line in map(to_source_line, range(1, len(plan.document.raw_lines) + 1), plan.document.raw_lines):
        missing = [w for w in _words(line.text) if w not in haystack and w not in headers]
        assert not missing, f"line {line.no}: {missing}"
