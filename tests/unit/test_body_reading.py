"""The body of a plan (preamble, sections, Section IV duties, recipients) as the interpreter reads
it from paragraphs, typed or read by OCR.

The paragraphs here are those measured on real plans and their scans: ``hanoi.pdf`` (a real
e-signed plan whose Section IV items name a body alone, its duty in the paragraph below) and the
scans made by ``tools/make_scans.py``, where OCR lost a section's "I", read "III" as "II", read a
bullet's dash as "h", dropped a recipient's dash, and gave no reliable bold.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plan132lib.ingest.document import Cell, Document, Para, Ref, Row, Table
from plan132lib.ingest.parse import interpret
from plan132lib.ingest.tables import build_plan
from plan132lib.words import word

REAL_HANOI = Path(__file__).resolve().parents[3] / "shared" / "real" / "hanoi.pdf"


def _para(n: int, text: str, bold: bool = False, ocr: bool = False) -> Para:
    return Para(text, Ref("line", page=1, page_line=n), bold=bold, confidence=92.0 if ocr else None)


def _plan(body: list[tuple[str, bool]], ocr: bool, registry):
    """A plan of ``body`` paragraphs (text, bold) and a one-task appendix."""

    def cells(n: int, *texts: str) -> Row:
        ref = Ref("row", table=1, row=n)
        return Row(tuple(Cell(t, ref) for t in texts), ref)

    table = Table(
        (
            cells(1, "TT", "Nội dung thực hiện", "Cơ quan chủ trì", "Tiến độ"),
            cells(2, "1", "Xây dựng kế hoạch.", "Sở Xây dựng", "2026"),
        ),
        Ref("table", table=1),
    )
    paras = [_para(k + 1, text, bold, ocr) for k, (text, bold) in enumerate(body)]
    doc = Document("plan_scan.pdf" if ocr else "plan.pdf", "pdf", [*paras, _para(99, "PHỤ LỤC"), table])
    return build_plan(interpret(doc), registry), doc


HEAD = [
    ("ỦY BAN NHÂN DÂN", True),
    ("TỈNH NINH BÌNH", True),
    ("Số: 58/KH-UBND", False),
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True),
    ("Độc lập Tự do - Hạnh phúc", True),  # OCR lost the first dash
    ("Ninh Bình, ngày 05 tháng 5 năm 2026", False),
    ("KẾ HOẠCH", True),
    # OCR's stroke-width guess: the title not bold, a body heading below it "bold"
    ("Thực hiện Nghị quyết số 247/2025/QH15 của Quốc hội trên địa bàn tỉnh Ninh Bình", False),
    ("Căn cứ Nghị quyết số 247/2025/QH15 ngày 10/12/2025 của Quốc hội;", False),
    ("L MỤC ĐÍCH, YÊU CẦU", False),  # "I." read "L"
    ("2. Yêu cầu", True),
    ("Phân công nhiệm vụ cụ thể, rõ người, rõ việc.", False),
    ("II. NHIỆM VỤ, GIẢI PHÁP", False),
    ("Các nhiệm vụ tại Phụ lục kèm theo.", False),
    ("II. KINH PHÍ THỰC HIỆN", False),  # "III." read "II."
    ("Ngân sách nhà nước theo phân cấp.", False),
    ("IV. TỔ CHỨC THỰC HIỆN", False),
    ("1. Sở Nông nghiệp và Môi trường:", False),
    ("- Chủ trì theo dõi, đôn đốc thực hiện Kế hoạch.", False),
    ("h Tổng hợp, báo cáo Ủy ban nhân dân tỉnh.", False),  # the dash read "h"
    ("Nơi nhận:", False),
    ("- Bộ Nông nghiệp và Môi trường;", False),
    ("TT Tỉnh ủy, TT HĐND tỉnh;", False),  # its dash lost
    ("- VPUB: CVP, các PCVP,", False),
    ("các phòng chuyên môn;", False),  # a recipient's second line
    ("- Lưu: VT.", False),
    ("TM. ỦY BAN NHÂN DÂN", True),
    ("CHỦ TỊCH", True),
]


def test_a_scanned_plans_body_is_read_as_its_text_pdf_is(registry) -> None:
    plan, doc = _plan(HEAD, ocr=True, registry=registry)
    meta = plan.meta.groupby("field", sort=False)["value"].apply(list).to_dict()
    assert meta["title"] == ["Thực hiện Nghị quyết số 247/2025/QH15 của Quốc hội trên địa bàn tỉnh Ninh Bình"]
    assert meta["motto"] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập Tự do - Hạnh phúc"]
    assert meta["section_heading"] == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. NHIỆM VỤ, GIẢI PHÁP",
        "III. KINH PHÍ THỰC HIỆN",
        "IV. TỔ CHỨC THỰC HIỆN",
    ]
    assert meta["recipient"] == [
        "Bộ Nông nghiệp và Môi trường",
        "TT Tỉnh ủy, TT HĐND tỉnh",
        "VPUB: CVP, các PCVP, các phòng chuyên môn",
    ]
    assert meta["archive"] == ["VT"]
    assert plan.duties["text"].tolist() == [
        "Chủ trì theo dõi, đôn đốc thực hiện Kế hoạch.",
        "Tổng hợp, báo cáo Ủy ban nhân dân tỉnh.",
    ]
    said = [
        word(f"finding.note.{n.key}", "en", **dict(n.fields)) for n in doc.notes if n.key == "ocr_section"
    ]
    assert said == [
        "plan_scan.pdf: OCR read the section numeral “L” before the heading “MỤC ĐÍCH, YÊU CẦU”, out of"
        " the sections' sequence; taken as section “I”: check it against the scan",
        "plan_scan.pdf: OCR read the section numeral “II” before the heading “KINH PHÍ THỰC HIỆN”, out of"
        " the sections' sequence; taken as section “III”: check it against the scan",
    ]


def test_typed_text_is_taken_as_written(registry) -> None:
    """The same paragraphs from a PDF's text layer: no numeral or dash is guessed."""
    plan, doc = _plan(HEAD, ocr=False, registry=registry)
    meta = plan.meta.groupby("field", sort=False)["value"].apply(list).to_dict()
    assert "I. MỤC ĐÍCH, YÊU CẦU" not in meta["section_heading"]
    assert "L MỤC ĐÍCH, YÊU CẦU" in meta["preamble_text"]
    assert not [n for n in doc.notes if n.key == "ocr_section"]
    assert "h Tổng hợp, báo cáo Ủy ban nhân dân tỉnh." not in plan.duties["text"].tolist()


def test_a_section_iv_item_that_only_names_a_body_has_its_duty_in_the_paragraph_below(registry) -> None:
    """As in ``hanoi.pdf``: "2. Sở Nội vụ" in bold, its duty the plain paragraph below. The name
    stands as the duty only where nothing follows it; a paragraph after the duty stays the
    section's (the closing "UBND tỉnh yêu cầu …")."""
    body = [*HEAD[:17]]
    body += [
        ("1. Sở Xây dựng", True),  # nothing below it but the next item
        ("2. Sở Nội vụ", True),
        ("Chủ trì đưa kết quả thực hiện Kế hoạch vào tiêu chí đánh giá.", False),
        ("3. Sở Tài chính có trách nhiệm bố trí kinh phí.", False),
        ("4. Sở Tư pháp", True),
        ("Thẩm định các văn bản quy phạm pháp luật về bảo vệ môi trường.", False),
        ("UBND tỉnh yêu cầu các cơ quan nghiêm túc thực hiện Kế hoạch này.", False),
    ]
    plan, _ = _plan(body, ocr=False, registry=registry)
    got = list(zip(plan.duties["heading"], plan.duties["text"], strict=True))
    assert got == [
        ("Sở Xây dựng", "Sở Xây dựng"),
        ("Sở Nội vụ", "Chủ trì đưa kết quả thực hiện Kế hoạch vào tiêu chí đánh giá."),
        ("Sở Tài chính", "Sở Tài chính có trách nhiệm bố trí kinh phí."),
        ("Sở Tư pháp", "Thẩm định các văn bản quy phạm pháp luật về bảo vệ môi trường."),
    ]
    rest = plan.sections[plan.sections["section"] == "IV"]
    assert rest["text"].tolist() == ["UBND tỉnh yêu cầu các cơ quan nghiêm túc thực hiện Kế hoạch này."]


@pytest.mark.skipif(not REAL_HANOI.exists(), reason="the real plans are in ../shared/real (CI has them)")
def test_the_real_hanoi_plan_gives_each_body_its_duties_not_its_name(registry) -> None:
    from plan132lib import load_plan

    duties = load_plan(REAL_HANOI, registry=registry).duties
    first = duties.groupby("item", sort=True).first()
    assert (first["text"] != first["heading"]).all(), first[["heading", "text"]]
    assert first.loc[2, "text"].startswith("Chủ trì, phối hợp Sở Khoa học và Công nghệ")
    assert len(duties) == 15


def test_a_citation_misread_by_ocr_is_not_a_second_document(registry) -> None:
    """The scanned Plan 132's preamble reads "247/2025/QHI15" for the title's "247/2025/QH15": the
    same document (same date, same issuer), not another it implements. Typed, both are kept."""
    nq = "Nghị quyết số 247/2025/QH15 ngày 10/12/2025 của Quốc hội"
    body = [*HEAD[:7], (f"Thực hiện {nq}", False), (f"Căn cứ {nq.replace('QH15', 'QHI15')};", False)]
    body += HEAD[9:]
    scanned, _ = _plan(body, ocr=True, registry=registry)
    typed, _ = _plan(body, ocr=False, registry=registry)
    implements = lambda p: p.meta.loc[p.meta["field"] == "implements", "value"].tolist()  # noqa: E731
    assert implements(scanned) == [nq]
    assert len(implements(typed)) == 2
