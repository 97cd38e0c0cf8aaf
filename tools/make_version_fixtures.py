"""Write tests/fixtures/documents/versions/: the draft and the final of an invented administrative-reform
plan, as Word files, for ``plan132 diff`` of a plan's body.

"Kế hoạch cải cách hành chính năm 2026" of "tỉnh Đông Sơn" is **invented**: no such province or
plan exists and no sentence is copied from a real plan. Its layout is that of a provincial
administrative-reform plan: a borderless header table, the title, the preamble ("Căn cứ …"), then
"I. MỤC TIÊU" (item 1 a general objective, item 2 the specific objectives as dashes, several with
numeric targets), "II. NHIỆM VỤ TRỌNG TÂM" (numbered items with dashes), "III. KINH PHÍ THỰC
HIỆN", "IV. TỔ CHỨC THỰC HIỆN" (the duties: items naming bodies), "V. CHẾ ĐỘ BÁO CÁO", the
recipients and the signature, and an appendix task table.

The final differs from the draft by exactly (``versions/expected.json``):

- the disbursement target lowered: "… năm 2026 đạt 100%" → "… năm 2026 đạt trên 90%";
- three objectives added (e-form reports, documents signed digitally, the IOC centre) and one
  removed (discipline of officials);
- one task sentence of Section II rewritten;
- "UBND" spelled out as "Ủy ban nhân dân" in two sentences of Section II (editorial only);
- the signer's title ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" → "CHỦ TỊCH");
- the appendix's tasks unchanged.

The files are the same bytes on every run (fixed core properties and zip entry times).

Run: .venv/bin/python tools/make_version_fixtures.py
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

from docx.enum.text import WD_ALIGN_PARAGRAPH as ALIGN
from make_fixtures import (
    appendix_section,
    fill,
    new_document,
    new_table,
    save_docx,
    write_front,
    write_signature,
)

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "fixtures" / "documents" / "versions"
WHEN = datetime(2025, 12, 20)

DISBURSE_OLD = "- Tỷ lệ giải ngân vốn đầu tư công năm 2026 đạt 100%."
DISBURSE_NEW = "- Tỷ lệ giải ngân vốn đầu tư công năm 2026 đạt trên 90%."
REMOVED = (
    "- Cán bộ, công chức, viên chức chấp hành nghiêm kỷ luật, kỷ cương hành chính, "
    "không để xảy ra vi phạm bị xử lý kỷ luật."
)
ADDED = [
    "- 80% biểu mẫu báo cáo định kỳ của các cơ quan, đơn vị được tạo từ biểu mẫu điện tử (e-form).",
    "- Từ trên 70% văn bản được ký số trước khi phát hành.",
    "- Đưa Trung tâm giám sát, điều hành thông minh (IOC) của tỉnh vào hoạt động trong quý II năm 2026.",
]
REWRITTEN_OLD = (
    "- Rà soát, đơn giản hóa thủ tục hành chính nội bộ trong hệ thống hành chính nhà nước của tỉnh."
)
REWRITTEN_NEW = (
    "- Rà soát, cắt giảm ít nhất 20% thủ tục hành chính nội bộ và công bố danh mục thủ tục "
    "hành chính nội bộ trong hệ thống hành chính nhà nước của tỉnh."
)
UBND_SENTENCES = [
    (
        "- Tham mưu UBND tỉnh ban hành quy định về phân cấp quản lý cán bộ, công chức.",
        "- Tham mưu Ủy ban nhân dân tỉnh ban hành quy định về phân cấp quản lý cán bộ, công chức.",
    ),
    (
        "- Công khai kết quả giải quyết hồ sơ trên Cổng dịch vụ công của UBND tỉnh hằng tháng.",
        "- Công khai kết quả giải quyết hồ sơ trên Cổng dịch vụ công của Ủy ban nhân dân tỉnh hằng tháng.",
    ),
]


def body(final: bool) -> list[tuple[str, str]]:
    """The numbered sections of the draft (``final`` False) or of the final."""
    objectives = [
        "- 100% văn bản quy phạm pháp luật của tỉnh được kiểm tra, rà soát theo quy định.",
        "- Tối thiểu 95% hồ sơ thủ tục hành chính được giải quyết trước và đúng hạn.",
        DISBURSE_NEW if final else DISBURSE_OLD,
        *([] if final else [REMOVED]),
        "- 100% cơ quan hành chính bố trí công chức theo đúng vị trí việc làm được phê duyệt.",
        *(ADDED if final else []),
        "- Chỉ số cải cách hành chính của tỉnh tăng ít nhất 02 bậc so với năm 2025.",
    ]
    ubnd = [new if final else old for old, new in UBND_SENTENCES]
    return [
        ("section", "I. MỤC TIÊU"),
        ("item", "1. Mục tiêu chung"),
        (
            "text",
            "Xây dựng nền hành chính của tỉnh chuyên nghiệp, hiện đại, phục vụ người dân và doanh nghiệp "
            "ngày càng tốt hơn.",
        ),
        ("item", "2. Mục tiêu cụ thể:"),
        *[("text", o) for o in objectives],
        ("section", "II. NHIỆM VỤ TRỌNG TÂM"),
        ("item", "1. Cải cách thể chế và tổ chức bộ máy:"),
        ("text", "- Rà soát các văn bản quy phạm pháp luật của tỉnh để kịp thời sửa đổi, bổ sung, thay thế."),
        ("text", ubnd[0]),
        ("item", "2. Cải cách thủ tục hành chính:"),
        ("text", REWRITTEN_NEW if final else REWRITTEN_OLD),
        ("text", ubnd[1]),
        ("text", "- Tiếp nhận, xử lý phản ánh, kiến nghị của người dân về thủ tục hành chính đúng thời hạn."),
        ("item", "3. Xây dựng chính quyền số:"),
        ("text", "- Vận hành hiệu quả hệ thống quản lý văn bản và điều hành của tỉnh."),
        ("section", "III. KINH PHÍ THỰC HIỆN"),
        (
            "text",
            "Kinh phí thực hiện Kế hoạch được bố trí trong dự toán ngân sách nhà nước năm 2026 của các cơ "
            "quan, đơn vị theo phân cấp hiện hành.",
        ),
        ("section", "IV. TỔ CHỨC THỰC HIỆN"),
        ("item", "1. Sở Nội vụ:"),
        ("text", "- Theo dõi, đôn đốc các cơ quan, đơn vị triển khai Kế hoạch."),
        ("text", "- Tổng hợp kết quả thực hiện Kế hoạch, báo cáo Ủy ban nhân dân tỉnh."),
        ("item", "2. Sở Tài chính:"),
        ("text", "- Tham mưu bố trí kinh phí thực hiện Kế hoạch theo quy định."),
        ("item", "3. Các sở, ban, ngành và Ủy ban nhân dân các xã, phường:"),
        ("text", "- Xây dựng kế hoạch cải cách hành chính năm 2026 của cơ quan, đơn vị, địa phương."),
        ("section", "V. CHẾ ĐỘ BÁO CÁO"),
        (
            "text",
            "Các cơ quan, đơn vị báo cáo kết quả thực hiện về Sở Nội vụ trước ngày 15 của tháng cuối quý.",
        ),
    ]


def front(final: bool) -> SimpleNamespace:
    return SimpleNamespace(
        issuer=["ỦY BAN NHÂN DÂN", "TỈNH ĐÔNG SƠN"],
        number_line="Số:      /KH-UBND",
        date_line="Đông Sơn, ngày      tháng 12 năm 2025",
        title="Cải cách hành chính năm 2026 của tỉnh Đông Sơn",
        preamble=[
            "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải "
            "cách hành chính nhà nước giai đoạn 2021 - 2030;",
            "Ủy ban nhân dân tỉnh ban hành Kế hoạch cải cách hành chính năm 2026 như sau:",
        ],
        body=body(final),
    )


def signature(final: bool) -> SimpleNamespace:
    return SimpleNamespace(
        recipients=[
            "- Bộ Nội vụ (b/c);",
            "- Thường trực Tỉnh ủy (b/c);",
            "- Các sở, ban, ngành;",
            "- UBND các xã, phường;",
            "- Lưu: VT, NC.",
        ],
        signer=["CHỦ TỊCH"] if final else ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        signer_name="Lê Văn Hòa",
    )


APPENDIX = SimpleNamespace(
    appendix=[
        "PHỤ LỤC",
        "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026",
        "(Kèm theo Kế hoạch số      /KH-UBND ngày      /12/2025 của Ủy ban nhân dân tỉnh Đông Sơn)",
    ]
)
HEADER = ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]
WIDTHS = [1.2, 11.0, 4.6, 5.2, 3.6]
GROUPS = [
    (
        "I",
        "Cải cách thể chế",
        [
            (
                "Rà soát, hệ thống hóa văn bản quy phạm pháp luật của tỉnh.",
                "Sở Tư pháp",
                "Các sở, ban, ngành",
                "Quý IV/2026",
            ),
            (
                "Kiểm tra văn bản quy phạm pháp luật do Hội đồng nhân dân, Ủy ban nhân dân các xã ban hành.",
                "Sở Tư pháp",
                "UBND các xã, phường",
                "Thường xuyên",
            ),
        ],
    ),
    (
        "II",
        "Cải cách thủ tục hành chính",
        [
            (
                "Công bố, công khai thủ tục hành chính thuộc thẩm quyền giải quyết của tỉnh.",
                "Văn phòng UBND tỉnh",
                "Các sở, ban, ngành",
                "Thường xuyên",
            ),
            (
                "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính.",
                "Các sở, ban, ngành",
                "Văn phòng UBND tỉnh",
                "Trong năm 2026",
            ),
        ],
    ),
    (
        "III",
        "Xây dựng chính quyền số",
        [
            (
                "Nâng cấp hệ thống quản lý văn bản và điều hành của tỉnh.",
                "Sở Khoa học và Công nghệ",
                "Văn phòng UBND tỉnh",
                "Quý III/2026",
            ),
        ],
    ),
]


def task_table(doc: object) -> None:
    t = new_table(doc, 1, WIDTHS)
    for cell, text in zip(t.rows[0].cells, HEADER, strict=True):
        fill(cell, [text], bold=True, align=ALIGN.CENTER)
    for label, title, tasks in GROUPS:
        cells = t.add_row().cells
        fill(cells[0], [label], bold=True, align=ALIGN.CENTER)
        fill(cells[1].merge(cells[4]), [title], bold=True)
        for number, (content, lead, coordinate, deadline) in enumerate(tasks, 1):
            cells = t.add_row().cells
            for cell, text in zip(cells, [str(number), content, lead, coordinate, deadline], strict=True):
                fill(cell, [text])


def write(final: bool) -> Path:
    doc = new_document()
    write_front(doc, front(final), two_rows=True)
    write_signature(doc, signature(final))
    appendix_section(doc, APPENDIX)
    task_table(doc)
    path = OUT / ("ke-hoach-cchc-final.docx" if final else "ke-hoach-cchc-du-thao.docx")
    path.parent.mkdir(parents=True, exist_ok=True)
    save_docx(doc, path, WHEN, "Kế hoạch cải cách hành chính năm 2026")
    return path


def expected() -> dict[str, object]:
    """What ``plan132 diff draft final`` reports, written by hand from the edits above."""

    def text(line: str) -> str:
        return line.removeprefix("- ")

    return {
        "old": "ke-hoach-cchc-du-thao.docx",
        "new": "ke-hoach-cchc-final.docx",
        "target_changed": {
            "indicator": "Tỷ lệ giải ngân vốn đầu tư công năm 2026",
            "value_before": "100%",
            "value_after": "trên 90%",
            "section": "I",
        },
        "objective_added": [text(a) for a in ADDED],
        "objective_removed": [text(REMOVED)],
        "section_item_reworded": [
            {"section": "II", "before": text(REWRITTEN_OLD), "after": text(REWRITTEN_NEW)}
        ],
        "meta_changed": [
            {"field": "signer_title", "before": "KT. CHỦ TỊCH PHÓ CHỦ TỊCH", "after": "CHỦ TỊCH"}
        ],
        "editorial": [
            {"section": "II", "before": text(old), "after": text(new)} for old, new in UBND_SENTENCES
        ],
        "task_changes": [],
        "n_changes": 7,
        "sections": ["I", "II", "III", "IV", "V"],
        "duties_section": "IV",
    }


def main() -> int:
    for final in (False, True):
        path = write(final)
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size} bytes")
    target = OUT / "expected.json"
    target.write_text(json.dumps(expected(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(target.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
