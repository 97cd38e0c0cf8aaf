"""The PDF reader, checked against what a person sees on the pages of the fixture PDFs.

Plan 132 (tests/fixtures/documents/plan132.pdf, exported by LibreOffice from Word) is
compared with its text export; Plan 58 of Ninh Bình (ninhbinh_58.pdf) with the ground
truth written beside it (ninhbinh_58.expected.json). Small PDFs made from Word files by
``tools/make_pdf_traps.py`` (python-docx + LibreOffice, committed in ``traps/``) show the
traps the fixtures lack: a phantom column that pdfplumber finds on one page only, a cell
merged down, a bold first paragraph, paragraphs over page breaks, a password.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from plan132lib.errors import PlanParseError
from plan132lib.ingest.document import Document, Para, Row, Table
from plan132lib.ingest.read_pdf import crop_row_image, read_pdf
from plan132lib.ingest.source import clean_text

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "tests" / "fixtures" / "documents"
PLAN132 = DOCS / "plan132.pdf"
NINHBINH = DOCS / "ninhbinh_58.pdf"
EXPORT = ROOT / "data" / "raw" / "ke-hoach-132-KH-UBND-2026-04-16-hung-yen.md"


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def plan132() -> Document:
    return read_pdf(PLAN132)


@pytest.fixture(scope="module")
def ninhbinh() -> Document:
    return read_pdf(NINHBINH)


@pytest.fixture(scope="module")
def expected58() -> dict:
    return json.loads((DOCS / "ninhbinh_58.expected.json").read_text(encoding="utf-8"))


def export_parts() -> tuple[list[str], list[list[str]]]:
    """Plan 132's text export: body paragraphs from "KẾ HOẠCH" to "Nơi nhận", and task-table rows.

    A row (or paragraph) the export splits at a page break is joined back, as it is
    printed whole in the PDF.
    """
    body: list[str] = []
    rows: list[list[str]] = []
    for raw in EXPORT.read_text(encoding="utf-8").splitlines():
        line = raw.rstrip("\r\n ")
        if "\t" in line:
            cells = [norm(clean_text(c)) for c in line.split("\t")]
            if cells[0] == "TT" or not any(cells):
                continue
            if not cells[0] and rows:
                rows[-1] = [norm(a + " " + b) for a, b in zip(rows[-1], cells, strict=True)]
            else:
                rows.append(cells)
        elif not rows and line.strip():
            text = norm(clean_text(re.sub(r"^#+\s*", "", line)).replace("**", ""))
            if text.startswith("Nơi nhận"):
                rows.append([])  # the body ends here
            elif text == "KẾ HOẠCH" or body:
                if text[0].islower():  # a paragraph the export split at a page break
                    body[-1] += " " + text
                else:
                    body.append(text)
    return body, rows[1:]


def tasks_of(table: Table) -> list[list[str]]:
    """The table's rows as a person reads them: repeated headers left out, a row split
    over a page break joined back (its continuation has an empty number cell)."""
    out: list[list[str]] = []
    for row in table.rows:
        texts = [norm(t) for t in row.texts()]
        if texts[0] == "TT":
            continue
        if not texts[0] and out:
            out[-1] = [norm(a + " " + b) for a, b in zip(out[-1], texts, strict=True)]
        else:
            out.append(texts)
    return out


def group_rows(table: Table) -> list[Row]:
    return [r for r in table.rows if r.cells[0].bold and all(c.merged == "across" for c in r.cells[2:])]


def para_texts(doc: Document) -> list[str]:
    return [norm(p.text) for p in doc.paras]


# --------------------------------------------------------------------------- Plan 132


def test_plan132_is_one_table_of_six_columns(plan132: Document) -> None:
    assert plan132.kind == "pdf"
    assert len(plan132.tables) == 1
    table = plan132.tables[0]
    assert {len(r.cells) for r in table.rows} == {6}
    assert norm(" | ".join(table.rows[0].texts())) == (
        "TT | Nội dung thực hiện | Cơ quan chủ trì | Cơ quan phối hợp | Tiến độ | Ghi chú"
    )


def test_plan132_has_29_numbered_task_rows_and_6_bold_group_rows(plan132: Document) -> None:
    table = plan132.tables[0]
    numbered = [r for r in table.rows if r.cells[0].text.isdigit()]
    assert len(numbered) == 29
    groups = group_rows(table)
    assert len(groups) == 6
    assert all(g.cells[0].text.startswith("Nhóm nhiệm vụ") and g.cells[0].bold for g in groups)
    assert all(c.merged == "across" and c.text == "" for g in groups for c in g.cells[1:])


def test_plan132_task_3_of_group_1_is_led_by_the_agriculture_department(plan132: Document) -> None:
    rows = plan132.tables[0].rows
    first_group = next(k for k, r in enumerate(rows) if r in group_rows(plan132.tables[0]))
    task3 = next(r for r in rows[first_group:] if r.cells[0].text == "3")
    assert task3.cells[2].text == "Sở Nông nghiệp và Môi trường"
    assert norm(task3.cells[4].text) == "2026 - 2030 và các năm tiếp theo"


def test_plan132_every_row_matches_the_text_export(plan132: Document) -> None:
    _, expected = export_parts()
    got = tasks_of(plan132.tables[0])
    assert len(got) == len(expected) == 35  # 29 tasks and 6 group rows
    for row, exp in zip(got, expected, strict=True):
        assert row == exp


def test_plan132_table_pages_start_with_the_repeated_header(plan132: Document) -> None:
    rows = plan132.tables[0].rows
    breaks = [r for r in rows if r.page_break_before]
    assert len(breaks) == 4  # the table runs over pages 5 to 9
    assert all(r.cells[0].text == "TT" and r.cells[0].bold for r in breaks)
    assert [r.ref.page for r in breaks] == [6, 7, 8, 9]
    assert all(r.ref.label == f"page {r.ref.page}, row 1" for r in breaks)


def test_plan132_rows_carry_their_page_and_box(plan132: Document) -> None:
    for row in plan132.tables[0].rows:
        assert re.fullmatch(r"page \d+, row \d+", row.ref.label)
        x0, top, x1, bottom = row.ref.bbox
        assert x0 < x1 and top < bottom
        assert all(c.ref.page == row.ref.page for c in row.cells)


def test_plan132_body_paragraphs_match_the_text_export(plan132: Document) -> None:
    body, _ = export_parts()
    paras = para_texts(plan132)
    start = paras.index("KẾ HOẠCH")
    assert paras[start : start + len(body)] == body
    assert paras[start + len(body)] == "Nơi nhận:"


def test_plan132_section_headings_are_bold_paragraphs_of_their_own(plan132: Document) -> None:
    by_text = {norm(p.text): p for p in plan132.paras}
    headings = ("I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG", "III. KINH PHÍ THỰC HIỆN", "IV. TỔ CHỨC THỰC HIỆN")
    for heading in headings:
        assert by_text[heading].bold
    assert by_text["IV. TỔ CHỨC THỰC HIỆN"].ref.page == 2
    assert re.fullmatch(r"page 2, line \d+", by_text["IV. TỔ CHỨC THỰC HIỆN"].ref.label)
    assert not by_text["- Tăng cường kiểm tra, giám sát, đánh giá kết quả thực hiện."].bold


def test_plan132_header_block_is_read_column_by_column(plan132: Document) -> None:
    paras = para_texts(plan132)
    head = paras[: paras.index("KẾ HOẠCH")]
    assert "Số: 132 /KH-UBND" in head
    assert "Hưng Yên, ngày 16 tháng 4 năm 2026" in head
    assert (
        head.index("TỈNH HƯNG YÊN")
        < head.index("Số: 132 /KH-UBND")
        < head.index("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        < head.index("Độc lập - Tự do - Hạnh phúc")
    )


def test_plan132_recipients_are_not_interleaved_with_the_signature(plan132: Document) -> None:
    paras = para_texts(plan132)
    k = paras.index("Nơi nhận:")
    recipients = paras[k + 1 : k + 6]
    assert recipients[0] == "- Bộ Nông nghiệp và Môi trường;"
    assert all(r.startswith("- ") for r in recipients)
    assert recipients[-1].startswith("- Lưu: VT, KT2")
    assert paras[k + 6 : k + 9] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Hùng Nam"]


def test_plan132_appendix_title_comes_before_the_table_and_page_numbers_are_gone(plan132: Document) -> None:
    kinds = [(b.text[:20] if isinstance(b, Para) else "TABLE") for b in plan132.blocks]
    assert kinds[-4:] == ["Phụ lục", "DANH MỤC CÁC NHIỆM V", "(Kèm theo Kế hoạch s", "TABLE"]
    assert not [p for p in para_texts(plan132) if re.fullmatch(r"[-–\s\d]+", p)]


def test_crop_row_image_shows_the_row(plan132: Document) -> None:
    row = plan132.tables[0].rows[3]
    image = crop_row_image(PLAN132, row.ref.page, row.ref.bbox, resolution=72)
    x0, top, x1, bottom = row.ref.bbox
    assert abs(image.width - (x1 - x0 + 8)) <= 2
    assert abs(image.height - (bottom - top + 8)) <= 2
    assert image.convert("L").getextrema()[0] < 100  # there is ink: text and borders
    with pytest.raises(PlanParseError, match="no such page"):
        crop_row_image(PLAN132, 99, row.ref.bbox)


# --------------------------------------------------------------------------- Ninh Bình 58


def test_ninhbinh_is_one_table_of_ten_columns_with_a_two_row_header(ninhbinh: Document) -> None:
    assert len(ninhbinh.tables) == 1
    rows = ninhbinh.tables[0].rows
    assert {len(r.cells) for r in rows} == {10}
    first, second, numbers = rows[0], rows[1], rows[2]
    assert norm(first.cells[5].text) == "Cơ quan thực hiện" and first.cells[6].merged == "across"
    assert [second.cells[5].text, second.cells[6].text] == ["Chủ trì", "Phối hợp"]
    assert second.cells[0].merged == "down" and second.cells[0].text == first.cells[0].text
    assert numbers.texts() == [f"({k})" for k in range(1, 11)]


def test_ninhbinh_group_rows_are_bold_with_roman_numbers(ninhbinh: Document, expected58: dict) -> None:
    rows = [
        r
        for r in ninhbinh.tables[0].rows[3:]
        if r.cells[1].bold and r.cells[1].text and not r.cells[0].text.isdigit()
    ]
    assert [r.cells[0].text for r in rows] == [g["label"] for g in expected58["groups"]]
    assert [norm(r.cells[1].text) for r in rows] == [g["title"] for g in expected58["groups"]]
    group3 = rows[2]  # a group row with its own deadline and lead
    assert norm(group3.cells[4].text) == "Theo từng mốc thời hạn dưới đây"
    assert group3.cells[5].text == "Sở Nông nghiệp và Môi trường"


def test_ninhbinh_tasks_match_the_ground_truth(ninhbinh: Document, expected58: dict) -> None:
    rows: list[list[str]] = []
    for row in ninhbinh.tables[0].rows[3:]:
        texts = row.texts()
        if row.cells[2].merged == "across":
            continue  # a group row
        if not texts[0] and not texts[1] and row.page_break_before:
            rows[-1] = [f"{a} {b}" if b else a for a, b in zip(rows[-1], texts, strict=True)]
        else:
            rows.append(texts)
    tasks = expected58["tasks"]
    assert len(rows) == len(tasks)
    for got, task in zip(rows, tasks, strict=True):
        number = task["letter"] or task["number"]
        assert norm(got[0] or got[1]) == number
        columns = ((2, "content"), (3, "product"), (4, "deadline"), (7, "tracker"), (8, "phone"), (9, "note"))
        for k, key in columns:
            assert norm(got[k]) == task[key], (task["id"], key)
        if task["lead_from"] == "cell":
            assert norm(got[5]) == norm(" ".join(task["lead_cell"])), task["id"]
        assert norm(got[6]) == norm(" ".join(task["coordinate_cell"])), task["id"]


def test_ninhbinh_agencies_keep_their_paragraph_breaks(ninhbinh: Document, expected58: dict) -> None:
    by_content = {norm(r.cells[2].text): r for r in ninhbinh.tables[0].rows}
    checked = 0
    for task in expected58["tasks"]:
        row = by_content.get(task["content"])
        if row is None or task["lead_from"] != "cell":
            continue  # split over a page break, or led from above
        assert row.cells[5].text.split("\n") == task["lead_cell"], task["id"]
        assert [p for p in row.cells[6].text.split("\n") if p] == task["coordinate_cell"], task["id"]
        checked += 1
    assert checked >= 20


def test_ninhbinh_lead_merged_down_repeats_in_the_rows_below(ninhbinh: Document, expected58: dict) -> None:
    group = next(g for g in expected58["groups"] if g["merged_lead"])
    rows = ninhbinh.tables[0].rows
    start = next(k for k, r in enumerate(rows) if r.cells[0].text == group["label"])
    tasks = [r for r in rows[start + 1 :] if r.cells[0].text.isdigit()][:3]
    assert tasks[0].cells[5].text == group["merged_lead"] and tasks[0].cells[5].merged == ""
    assert all(t.cells[5].merged == "down" and t.cells[5].text == group["merged_lead"] for t in tasks[1:])


def test_ninhbinh_split_row_continues_on_the_next_page(ninhbinh: Document, expected58: dict) -> None:
    rows = ninhbinh.tables[0].rows
    splits = [k for k, r in enumerate(rows) if r.page_break_before and not r.cells[0].text + r.cells[1].text]
    assert splits, "the fixture has a task split over a page break, without a repeated header"
    contents = {t["content"]: t for t in expected58["tasks"]}
    for k in splits:
        first, rest = rows[k - 1], rows[k]
        assert rest.ref.page == first.ref.page + 1 and rest.ref.label.endswith(", row 1")
        task = contents[norm(first.cells[2].text + " " + rest.cells[2].text)]  # nothing lost
        lead = norm(first.cells[5].text + " " + rest.cells[5].text)
        assert task["lead_from"] != "cell" or lead == norm(" ".join(task["lead_cell"]))


def test_ninhbinh_body_and_header(ninhbinh: Document, expected58: dict) -> None:
    paras = para_texts(ninhbinh)
    meta = expected58["meta"]
    for key in (
        "number_raw",
        "date_raw",
        "doc_type",
        "title",
        "signer_name",
        "appendix_title",
        "appendix_attached_to",
    ):
        assert meta[key] in paras, key
    k = paras.index(meta["signer_title"][0])
    assert paras[k : k + 3] == meta["signer_title"]
    for item in expected58["duties"]:
        assert item["heading"] in {p.rstrip(":").split(". ", 1)[-1] for p in paras}
        for duty in item["duties"]:
            assert "- " + duty in paras


# --------------------------------------------------------------------------- made here


TRAPS = DOCS / "traps"  # made by tools/make_pdf_traps.py (python-docx + LibreOffice)


@pytest.fixture(scope="module")
def phantom_pdf() -> Path:
    """A three-column table over three pages whose header cell ends 8.5 pt right of the
    number column below it: pdfplumber sees four columns on page 1 and three after.

    Rows 3–5 share one lead cell merged down; row 7's content starts with a bold paragraph.
    """
    return TRAPS / "phantom.pdf"


def test_phantom_column_does_not_change_the_number_of_cells(phantom_pdf: Path) -> None:
    doc = read_pdf(phantom_pdf)
    assert len(doc.tables) == 1
    rows = doc.tables[0].rows
    assert {len(r.cells) for r in rows} == {3}
    assert rows[0].texts() == ["TT", "Nội dung", "Chủ trì"]
    assert [r.cells[0].text for r in rows if r.cells[0].text.isdigit()] == [str(i) for i in range(1, 46)]
    breaks = [r for r in rows if r.page_break_before]
    assert len(breaks) == 2 and all(r.cells[0].text == "" and r.cells[1].text == "quan" for r in breaks)


def test_merged_down_cell_and_bold_first_paragraph(phantom_pdf: Path) -> None:
    rows = {r.cells[0].text: r for r in read_pdf(phantom_pdf).tables[0].rows}
    assert rows["3"].cells[2].text == "Sở Tư pháp" and rows["3"].cells[2].merged == ""
    assert [(rows[k].cells[2].text, rows[k].cells[2].merged) for k in "45"] == [("Sở Tư pháp", "down")] * 2
    assert rows["6"].cells[2].merged == ""
    seven = rows["7"].cells[1]
    assert seven.text.split("\n") == ["Nhóm việc riêng", "Nhiệm vụ số 7 được giao cho các cơ quan"]
    assert seven.bold_head and not seven.bold
    assert rows["TT"].cells[1].bold and not rows["8"].cells[1].bold


@pytest.fixture(scope="module")
def body_pdf() -> tuple[Path, list[str]]:
    """Justified paragraphs with a first-line indent and no spacing between them, long enough
    to run over page breaks, with the page number in the footer; and their texts."""
    return TRAPS / "body.pdf", json.loads((TRAPS / "body.json").read_text(encoding="utf-8"))


def test_paragraphs_are_rebuilt_across_lines_and_pages(body_pdf: tuple[Path, list[str]]) -> None:
    import pdfplumber

    path, texts = body_pdf
    doc = read_pdf(path)
    assert [p.text for p in doc.paras] == texts
    assert [p.bold for p in doc.paras] == [t.startswith("I. ") or t.endswith(":") for t in texts]
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) >= 3
        page_tops = [page.extract_text_lines()[0]["text"] for page in pdf.pages[1:]]
    inside = [top for top in page_tops if not any(t.startswith(top) for t in texts)]
    assert inside, "a page starts inside a paragraph"
    assert all(any(top in t for t in texts) for top in inside)


# --------------------------------------------------------------------------- refused files


def test_a_scan_without_text_is_refused(tmp_path: Path) -> None:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (595, 842), "white")
    ImageDraw.Draw(image).text((60, 60), "KE HOACH 132/KH-UBND", fill="black")
    path = tmp_path / "scan.pdf"
    image.save(path)
    with pytest.raises(PlanParseError, match="no text layer") as err:
        read_pdf(path, ocr="never")  # read by OCR otherwise: tests/unit/test_read_scan.py
    assert "OCR is off (--ocr never)" in str(err.value) and "scan.pdf" in str(err.value)


def test_a_password_protected_pdf_is_refused() -> None:
    with pytest.raises(PlanParseError, match="password-protected; open it and save an unprotected copy"):
        read_pdf(TRAPS / "secret.pdf")


@pytest.mark.parametrize("keep", [0.05, 0.5, 0.95])
def test_a_truncated_pdf_is_not_readable(tmp_path: Path, keep: float) -> None:
    data = PLAN132.read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: int(len(data) * keep)])
    with pytest.raises(PlanParseError, match="not a readable PDF"):
        read_pdf(path)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(PlanParseError, match="cannot read the file"):
        read_pdf(tmp_path / "none.pdf")


def test_limits_on_pages_and_time() -> None:
    with pytest.raises(PlanParseError, match="has 9 pages, more than the 3"):
        read_pdf(PLAN132, max_pages=3)
    with pytest.raises(PlanParseError, match=r"page 1: reading the PDF took over 0 s"):
        read_pdf(PLAN132, max_seconds=0)
