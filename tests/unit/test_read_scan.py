"""Scanned PDFs read by OCR (Tesseract, Vietnamese), and refused with the install command without it.

The scan ``tests/fixtures/documents/scans/appendix_scan.pdf`` is the Word-made appendix of
``word/appendix.pdf`` printed, tilted, greyed, speckled and stamped by ``tools/make_scans.py``; what a
person reads in it is ``word/appendix.json``. A page or two each: OCR takes a second or two a page.
"""

from __future__ import annotations

import itertools
import json
import re
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from plan132lib import load_plan
from plan132lib.errors import PlanParseError
from plan132lib.ingest import ocr, scan_image
from plan132lib.ingest.document import Document
from plan132lib.ingest.read_pdf import _Line, read_pdf
from plan132lib.words import say_error

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "tests" / "fixtures" / "documents"
SCAN = DOCS / "scans" / "appendix_scan.pdf"
TEXT = DOCS / "word" / "appendix.pdf"
EXPECTED = json.loads((DOCS / "word" / "appendix.json").read_text(encoding="utf-8"))
INSTALL = "sudo apt-get install tesseract-ocr tesseract-ocr-vie"
needs_tesseract = pytest.mark.skipif(
    bool(ocr.missing()), reason="Tesseract with its Vietnamese model is not installed"
)


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def scanned() -> Document:
    return read_pdf(SCAN)


# --------------------------------------------------------------------------- the page image, no OCR


def _ruled_page(angle: float) -> np.ndarray:
    """A white page with a ruled 3 × 3 grid, lines of 'text' in its cells, turned by ``angle``."""
    image = Image.new("L", (1600, 1100), 255)
    draw = ImageDraw.Draw(image)
    xs, ys = [200, 500, 900, 1400], [200, 420, 640, 860]
    for x in xs:
        draw.line((x, ys[0], x, ys[-1]), fill=0, width=3)
    for y in ys:
        draw.line((xs[0], y, xs[-1], y), fill=0, width=3)
    for y in ys[:-1]:
        for x0, x1 in itertools.pairwise(xs):
            for k in range(3):  # words: short bars on a line, and a stem like an "l" (not a rule)
                top = y + 30 + 45 * k
                for w in range(x0 + 20, x1 - 60, 50):
                    draw.rectangle((w, top, w + 35, top + 14), fill=0)
                draw.rectangle((x0 + 12, top - 10, x0 + 15, top + 24), fill=0)
    return np.asarray(image.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=255))


def test_the_tilt_is_measured_and_the_grid_found() -> None:
    page = _ruled_page(0.7)
    assert scan_image.skew(scan_image.ink(page)) == pytest.approx(0.7, abs=0.1)
    straight = scan_image.straighten(page, 0.7)
    found = scan_image.framed(scan_image.rules(scan_image.ink(straight), 200), 8, 110)
    across = [s for s in found if s.horizontal]
    down = [s for s in found if not s.horizontal]
    assert len(across) == 4 and len(down) == 4  # the letters' stems are not rules
    assert all(s.end - s.start > 600 for s in found)


def test_a_one_task_group_read_by_ocr_keeps_its_title_without_bold() -> None:
    """hanoi.pdf's layout: a running number beside a group number, the group's title the first
    paragraph of the task's cell, in bold, which OCR cannot tell: a short first paragraph with no
    stop is still the title; typed, the bold alone says so."""
    from plan132lib.ingest.parse import interpret

    rows = [
        [
            "1",
            "1",
            "Phát triển kinh tế đêm sáng tạo\nTriển khai thí điểm 02 mô hình.",
            "Sở Du lịch",
            "",
            "2026",
        ],
        ["2", "2", "Phát triển mô hình du lịch số\nXây dựng bản đồ số.", "Sở Du lịch", "", "2026"],
    ]
    read = interpret(_table(rows, 91.0))
    assert [(g.label, g.title) for g in read.groups] == [
        ("1", "Phát triển kinh tế đêm sáng tạo"),
        ("2", "Phát triển mô hình du lịch số"),
    ]
    assert [t.cells["content"] for t in read.tasks] == [
        "Triển khai thí điểm 02 mô hình.",
        "Xây dựng bản đồ số.",
    ]
    typed = interpret(_table(rows, None))  # no bold in these cells: the whole cell is the task
    assert [g.title for g in typed.groups] == ["", ""]


def test_a_letter_in_a_row_merged_across_does_not_split_it() -> None:
    """A group's title across a row (no rule inside it): a bold letter's stem standing from rule to
    rule, and a "g" whose stem runs into the column's rule below, are letters; the row is one cell.
    (Seen on the scanned Ninh Bình plan: "đất b:" / "ô nhiễm", "Ứng" / "phó với …".)"""
    from plan132lib.ingest.read_scan import _tables

    image = Image.new("L", (1000, 420), 255)
    draw = ImageDraw.Draw(image)
    for y in (100, 150, 200, 260):
        draw.line((100, y, 900, y), fill=0, width=3)
    for x, top, bottom in ((100, 100, 260), (900, 100, 260), (500, 100, 150), (500, 200, 260)):
        draw.line((x, top, x, bottom), fill=0, width=3)
    draw.rectangle((697, 158, 703, 198), fill=0)  # a bold "l" from near the rule above to the one below
    draw.rectangle((497, 172, 503, 200), fill=0)  # a "g" stem in line with the column's rule below
    draw.ellipse((478, 168, 500, 188), outline=0, width=5)  # its bowl
    dark = np.asarray(image) < 128
    found = scan_image.framed(scan_image.rules(dark, 200), 8, 110, dark)
    down = sorted((round(s.at), s.start, s.end) for s in found if not s.horizontal)
    assert [d[0] for d in down] == [100, 500, 500, 900]  # no rule at 700
    assert min(d[1] for d in down if d[0] == 500 and d[2] > 250) >= 196  # the "g" is not the rule's
    scale = 72 / 200
    (_, cells), *_ = _tables(found, scale)
    merged_row = [c for c in cells if abs(c[1] - 150 * scale) < 2]
    assert len(merged_row) == 1 and merged_row[0][2] - merged_row[0][0] > 280  # one cell, wall to wall


# --------------------------------------------------------------------------- reading a scan


@needs_tesseract
def test_a_scan_reads_as_its_text_pdf(scanned: Document) -> None:
    plan = load_plan(SCAN)
    assert len(plan.tasks) == EXPECTED["tasks"] and len(plan.groups) == EXPECTED["groups"]
    right = 0
    for (_, want), task in zip(EXPECTED["cells"].items(), plan.tasks.itertuples(), strict=True):
        got = [task.lead_raw, task.coordinate_raw, task.timeline_raw]
        right += [norm(g) for g in got] == [norm(w) for w in want[1:]]
    assert right == len(plan.tasks)
    assert plan.tasks.timeline_kind.tolist()[:2] == ["date", "date"]


@needs_tesseract
def test_cells_keep_their_confidence_and_low_ones_are_noted(scanned: Document) -> None:
    cells = [c for t in scanned.tables for r in t.rows for c in r.cells if c.text and not c.merged]
    assert cells and all(c.confidence is not None and 0 <= c.confidence <= 100 for c in cells)
    assert sum(c.confidence > 90 for c in cells) >= 0.8 * len(cells)
    notes = {n.key: n for n in scanned.notes}
    assert dict(notes["ocr_pages"].fields)["pages"] == "1–2"
    low = [n for n in scanned.notes if n.key == "ocr_low_confidence"]
    assert all(re.fullmatch(r"page \d+, (row \d+, column \d+|line \d+)", n.place) for n in low)


@needs_tesseract
def test_the_row_image_is_cut_from_the_scan() -> None:
    plan = load_plan(SCAN)
    task = plan.tasks.task_id.iloc[0]
    image = plan.show(task)
    assert image.width > 500 and 30 < image.height < 200  # one row, the whole table wide


@needs_tesseract
def test_a_text_pdf_is_never_read_by_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> str:
        raise AssertionError("a page with text was sent to OCR")

    monkeypatch.setattr(ocr, "run_tsv", refuse)
    doc = read_pdf(TEXT)
    assert not doc.notes and all(c.confidence is None for t in doc.tables for r in t.rows for c in r.cells)


@needs_tesseract
def test_a_mixed_pdf_is_read_page_by_page(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    from make_scans import mixed_pdf

    mixed = mixed_pdf(TEXT, SCAN, {2}, tmp_path / "mixed.pdf")
    doc = read_pdf(mixed)
    rows = [r for t in doc.tables for r in t.rows]
    assert all(c.confidence is None for r in rows if r.ref.page == 1 for c in r.cells)
    assert any(c.confidence is not None for r in rows if r.ref.page == 2 for c in r.cells)
    assert dict(doc.notes[0].fields)["pages"] == "2"
    assert len(load_plan(mixed).tasks) == EXPECTED["tasks"]


@needs_tesseract
def test_ocr_always_reads_the_text_pdf_from_its_images_too() -> None:
    doc = read_pdf(TEXT, ocr="always")
    assert dict(doc.notes[0].fields)["pages"] == "1–2"
    assert len(load_plan(TEXT, ocr="always").tasks) == EXPECTED["tasks"]


@needs_tesseract
def test_the_read_cache_keeps_the_confidence(tmp_path: Path) -> None:
    from plan132lib.ingest.cache import load_plan_cached

    first = load_plan_cached(SCAN, tmp_path)
    again = load_plan_cached(SCAN, tmp_path)
    confidences = [c.confidence for t in again.document.tables for r in t.rows for c in r.cells]
    assert confidences == [c.confidence for t in first.document.tables for r in t.rows for c in r.cells]
    assert any(c is not None for c in confidences)


# --------------------------------------------------------------------------- without Tesseract


def _without_tesseract(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "PROGRAM", "/nonexistent/bin/tesseract")


def test_without_tesseract_a_scan_is_refused_with_the_install_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _without_tesseract(monkeypatch)
    with pytest.raises(PlanParseError) as err:
        load_plan(SCAN)
    english, vietnamese = str(err.value), say_error(err.value, "vi")
    assert "appendix_scan.pdf" in english and "no text layer" in english
    assert english.count(INSTALL) == 1 and "conda install -c conda-forge tesseract" in english
    assert vietnamese.count(INSTALL) == 1 and "không có lớp chữ" in vietnamese
    with pytest.raises(PlanParseError, match="OCR is off"):
        load_plan(SCAN, ocr="never")


def test_without_the_vietnamese_model_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "has_language", lambda language: False)
    with pytest.raises(PlanParseError, match=re.escape(INSTALL)):
        read_pdf(SCAN)


def test_without_tesseract_a_mixed_pdf_names_its_scanned_pages(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    from make_scans import mixed_pdf

    mixed = mixed_pdf(TEXT, SCAN, {2}, tmp_path / "mixed.pdf")
    _without_tesseract(monkeypatch)
    with pytest.raises(PlanParseError) as err:
        read_pdf(mixed)
    assert "mixed.pdf, page 2: pages 2 have no text layer" in str(err.value)
    assert read_pdf(mixed, ocr="never").tables  # the text pages alone, as before


def test_the_cli_says_it_once_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from plan132lib.cli import main

    _without_tesseract(monkeypatch)
    assert main(["check", str(SCAN)]) == 2
    err = capsys.readouterr().err
    assert err.count(INSTALL) == 1 and "Traceback" not in err and err.startswith("plan132: không đọc được")
    assert main(["check", str(SCAN), "--ocr", "never"]) == 2
    assert "--ocr never" in capsys.readouterr().err


def test_the_scan_tool_writes_the_same_bytes(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    from make_scans import FIXTURES, scan_pdf

    for name, (src, seed) in FIXTURES.items():
        made = scan_pdf(src, tmp_path / name, seed)
        assert made.read_bytes() == (DOCS / "scans" / name).read_bytes(), "run tools/make_scans.py"


# --------------------------------------------------------------------------- tolerance for OCR's misreadings


def test_tone_marks_come_from_the_kits_vocabulary() -> None:
    from plan132lib.ingest.ocr_words import correct_line, split_token

    line = ["100", "ngày", "kề", "từ", "ngày", "ban", "hành", "Kê", "hoạch"]
    assert " ".join(correct_line(line)) == "100 ngày kể từ ngày ban hành Kế hoạch"
    assert correct_line(["Sơ", "Tài", "chính"]) == ["Sở", "Tài", "chính"]
    assert correct_line(["Sở", "Tài", "chính"]) == ["Sở", "Tài", "chính"]  # right stays right
    assert split_token("Hỗtrợ") == ["Hỗ", "trợ"] and split_token(",TTHC") == ["TTHC"]
    assert split_token("2026") == ["2026"]


def test_a_provinces_name_gets_its_marks_from_the_list_of_provinces() -> None:
    """The real Lâm Đồng plan scanned: its title read "tỉnh Làm Đồng", two common syllables, so the
    brief's headline named no province. A capitalised run of syllables whose letters are a
    province's name (``data/reference/provinces.csv``) takes the name's marks; the same letters in
    a sentence stay as read."""
    from plan132lib.ingest.ocr_words import correct_line

    assert correct_line(["năm", "2026", "tỉnh", "Làm", "Đồng"]) == ["năm", "2026", "tỉnh", "Lâm", "Đồng"]
    assert correct_line(["TỈNH", "LÀM", "ĐỒNG"]) == ["TỈNH", "LÂM", "ĐỒNG"]
    assert correct_line(["thành", "phố", "Hồ", "Chi", "Minh"])[2:] == ["Hồ", "Chí", "Minh"]
    assert correct_line(["cùng", "làm", "đồng", "ruộng"]) == ["cùng", "làm", "đồng", "ruộng"]


def test_a_syllable_of_the_dictionary_keeps_its_marks() -> None:
    """Syllables the kit's own text never uses ("Quần thể danh thắng Tràng An", "thác") are words of
    the dictionary, not misreadings: their marks stay, and they are not cut in two."""
    from plan132lib.ingest.ocr_words import correct_line, split_token, stray_dashes

    name = ["Ban", "Quản", "lý", "Quần", "thể", "danh", "thắng", "Tràng", "An"]
    assert correct_line(name) == name
    assert split_token("thác,") == ["thác,"]  # not "th" + "ác,": a syllable has a vowel
    assert split_token("OCOP") == ["OCOP"]  # an abbreviation in capitals
    assert correct_line(["Thành", "phô"]) == ["Thành", "phố"]  # a misread mark is still put right
    # a dash a speck made inside a word goes; one between two words stays
    assert stray_dashes(["Trung", "-", "tâm", "Xúc"]) == [False, True, False, False]
    assert not any(stray_dashes(["Sở", "Văn", "hóa", "-", "Thể", "thao"]))


def test_agency_names_read_by_ocr_are_matched_with_a_tolerance() -> None:
    from plan132lib.ingest.agencies import Registry

    registry = Registry.load().localised("Ninh Bình")
    tolerant = registry.tolerant()
    assert [m.raw_name for m in tolerant.split("Sở Xây dựng Công an tỉnh")] == ["Sở Xây dựng", "Công an tỉnh"]
    assert [m.raw_name for m in tolerant.split("Công an tỉnh: Sở Tư pháp")] == ["Công an tỉnh", "Sở Tư pháp"]
    near = tolerant.split("Sở Nông nghiệp và Môi trưởng")
    assert near[0].known and near[0].agency_name == "Sở Nông nghiệp và Môi trường"
    assert near[0].raw_name == "Sở Nông nghiệp và Môi trưởng"  # as read
    assert not registry.split("Sở Nông nghiệp và Môi trưởng")[0].known  # text files: no tolerance
    assert not tolerant.split("Công ty Cổ phần Ánh Dương")[0].known  # nothing near: still unknown
    # a speck read as a full stop after a word for a kind of body: no name ends there
    assert [
        m.raw_name
        for m in tolerant.split("Ban Quản lý. Quần thể danh thắng Tràng An, Vườn quốc gia Cúc Phương")
    ] == [
        "Ban Quản lý Quần thể danh thắng Tràng An",
        "Vườn quốc gia Cúc Phương",
    ]


def test_a_name_wrapped_onto_two_lines_is_one_name() -> None:
    """A narrow cell's name on two lines ("Văn phòng" / "UBND tỉnh"), in a text PDF too; two names on
    two lines stay two."""
    from plan132lib.ingest.agencies import Registry

    registry = Registry.load()
    split = registry.split("Văn phòng\nUBND tỉnh; Sở Tài nguyên và Môi trường")
    assert [m.raw_name for m in split] == ["Văn phòng UBND tỉnh", "Sở Tài nguyên và Môi trường"]
    assert split[0].known
    assert [m.raw_name for m in registry.split("Sở Nội vụ\nVăn phòng UBND tỉnh")] == [
        "Sở Nội vụ",
        "Văn phòng UBND tỉnh",
    ]


def _table(
    rows: list[list[str]],
    confidence: float | None,
    header: tuple[str, ...] = (
        "TT",
        "Chi tiết",
        "Nội dung",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Thời hạn",
    ),
) -> Document:
    """A task table under ``header``, each cell read with ``confidence``; "→" is a cell merged into
    the one on its left."""
    from plan132lib.ingest.document import Cell, Ref, Row, Table

    def cell(text: str, k: int, bold: bool) -> Cell:
        if text == "→":
            return Cell("", Ref("row", page=1, row=k), merged="across")
        return Cell(text, Ref("row", page=1, row=k), bold=bold and bool(text), confidence=confidence)

    ref = Ref("row", page=1, row=1)
    built = [
        Row(tuple(cell(t, k + 1, not texts[0]) for t in texts), ref)
        for k, texts in enumerate([list(header), *rows])  # a group row: no running number, bold
    ]
    return Document("scan.pdf", "pdf", blocks=[Table(tuple(built), ref)])


def test_numbering_misread_by_ocr_follows_the_tables_sequence() -> None:
    from plan132lib.ingest.parse import interpret

    rows = [
        ["", "1", "Nhóm một", "", "", ""],
        ["1", "a)", "Việc thứ nhất", "Sở Tài chính", "", "2026"],
        ["2", "4)", "Việc thứ hai", "Sở Tư pháp", "", "2026"],
        ["Š", "c)", "Việc thứ ba", "Sở Nội vụ", "", "2026"],
    ]
    plan = interpret(_table(rows, 90.0))
    assert [t.task_id for t in plan.tasks] == ["1.a", "1.b", "1.c"]
    notes = [dict(n.fields) for n in plan.document.notes if n.key == "ocr_numbering"]
    assert [(n["read"], n["taken"]) for n in notes] == [("4)", "b)"), ("Š", "3")]
    with pytest.raises(PlanParseError):  # the same table held as text is not guessed at
        interpret(_table(rows, None))


def test_a_group_numeral_misread_by_ocr_is_the_next_one() -> None:
    """A group's title alone in its row, its Roman numeral misread ("Vv", "VH"): the group after the
    one before; a repeated header with a stray mark is still the header."""
    from plan132lib.ingest.parse import interpret

    rows = [
        ["IV", "", "Nhóm bốn", "", "", ""],
        ["1", "", "Việc thứ nhất", "Sở Tài chính", "", "2026"],
        ["Vv", "", "Nhóm năm", "", "", ""],
        ["1", "", "Việc thứ hai", "Sở Tư pháp", "", "2026"],
        ["TT", "Chi tiết", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp -", "Thời hạn"],
        ["VH", "", "Nhóm sáu", "", "", ""],
        ["1", "", "Việc thứ ba", "Sở Nội vụ", "", "2026"],
    ]
    plan = interpret(_table(rows, 90.0))
    assert [g.label for g in plan.groups] == ["IV", "V", "VI"]
    assert [t.task_id for t in plan.tasks] == ["1.1", "2.1", "3.1"]  # three groups, one task each
    notes = [dict(n.fields) for n in plan.document.notes if n.key == "ocr_numbering"]
    assert [(n["read"], n["taken"]) for n in notes] == [("Vv", "V"), ("VH", "VI")]


def test_a_group_numeral_beside_a_title_across_the_row_follows_the_sequence() -> None:
    """Ninh Bình's layout, read by OCR: a group's title sits in the sub-task column, spanning the
    content column ("→": merged across), and may carry a lead or a deadline. Its numeral misread
    ("H" for "II", "Il" for "III", "VINH" for "VIII") is the group after the one before; the title is
    the title, never the numeral as OCR read it."""
    from plan132lib.ingest.parse import interpret

    rows = [
        ["I", "Nhóm một", "→", "", ""],
        ["1", "", "Việc thứ nhất", "Sở Tài chính", "2026"],
        ["H", "Nhóm hai", "→", "", ""],
        ["2", "", "Việc thứ hai", "Sở Tư pháp", "2026"],
        ["Il", "Nhóm ba", "→", "Sở Nội vụ", "Theo từng mốc"],
        ["3", "", "Việc thứ ba", "Sở Nội vụ", "2027"],
        ["VINH", "Nhóm bốn", "→", "", ""],
        ["4", "", "Việc thứ tư", "Sở Y tế", "2027"],
    ]
    plan = interpret(_table(rows, 88.0, ("TT", "Chi tiết", "Nội dung", "Cơ quan chủ trì", "Thời hạn")))
    assert [(g.label, g.title) for g in plan.groups] == [
        ("I", "Nhóm một"),
        ("II", "Nhóm hai"),
        ("III", "Nhóm ba"),
        ("IV", "Nhóm bốn"),
    ]
    notes = [dict(n.fields) for n in plan.document.notes if n.key == "ocr_numbering"]
    assert [(n["read"], n["taken"]) for n in notes] == [("H", "II"), ("Il", "III"), ("VINH", "IV")]


@needs_tesseract
@pytest.mark.skipif(
    not ocr.has_language("osd"), reason="Tesseract's orientation model (osd) is not installed"
)
def test_a_landscape_page_scanned_sideways_is_stood_up(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(SCAN))
    pages = [pdf[k].render(scale=200 / 72, grayscale=True).to_pil().rotate(90, expand=True) for k in range(2)]
    pdf.close()
    sideways = tmp_path / "sideways.pdf"
    pages[0].save(sideways, "PDF", resolution=200, save_all=True, append_images=pages[1:], quality=40)
    plan = load_plan(sideways)
    assert len(plan.tasks) == EXPECTED["tasks"]
    image = plan.show(plan.tasks.task_id.iloc[0])
    assert image.height > 500 and image.width < 200  # the row, as it lies on the sideways scan


# ---------------------------------------------------------------- paragraphs of a scanned page


def _ocr_line(text: str, x0: float, x1: float, top: float, bold: bool = False, size: float = 11.1) -> _Line:
    """A scanned body line as OCR gives it: words spread evenly over the ink's box."""
    parts = text.split()
    step = (x1 - x0) / len(parts)
    words = [
        (x0 + k * step, x0 + (k + 1) * step - 2.5, w, len(w) if bold else 0, len(w))
        for k, w in enumerate(parts)
    ]
    return _Line(words, top, top + size, size, page=1, no=int(top), scanned=True)


def test_scanned_paragraphs_follow_the_layout_not_the_guessed_bold_or_height() -> None:
    """Lines measured on a scanned plan's first page (Ninh Bình fixture at 200 dpi, tilted):
    OCR's bold is a stroke estimate (the title's first line "bold", its second not; a body line
    "bold") and its size a line height (15.9 for one body line with a tall speck). The centred
    title is still one paragraph, the unbolded heading "1. Mục đích" is its own, and a body
    sentence runs on past the line the speck made taller."""
    from plan132lib.ingest.read_pdf import _layout, _paragraphs

    lines = [
        _ocr_line(
            "Thực hiện Nghị quyết số 247/2025/QH15 ngày 10/12/2025 của Quốc hội và", 89.0, 530.5, 148.0, True
        ),
        _ocr_line(
            "Nghị quyết số 67/NQ-CP ngày 25/3/2026 của Chính phủ trên địa bàn tỉnh", 94.3, 529.2, 164.2
        ),
        _ocr_line("Ninh Bình", 281.3, 342.5, 180.4, True),
        _ocr_line("1. Mục đích", 114.4, 183.5, 300.9),
        _ocr_line(
            "Cụ thể hóa các nhiệm vụ, giải pháp tại Nghị quyết số 247/2025/QH15 ngày", 114.1, 537.9, 322.8
        ),
        _ocr_line("10/12/2025 của Quốc hội và Nghị quyết số 67/NQ-CP ngày 25/3/2026 của", 86.7, 537.9, 339.0),
        _ocr_line("Chính phủ về bảo vệ môi trường phù hợp với điều kiện thực tế.", 86.0, 479.2, 355.2),
        _ocr_line("2. Yêu cầu", 114.1, 175.9, 377.2),
        _ocr_line(
            "Phân công nhiệm vụ cụ thể, rõ người, rõ việc, rõ thời gian, rõ trách nhiệm,",
            114.1,
            536.8,
            395.3,
            True,
            15.9,
        ),
        _ocr_line(
            "rõ sản phẩm; bảo đảm sự phối hợp chặt chẽ giữa các cơ quan, đơn vị và Ủy ban", 85.6, 537.9, 411.5
        ),
        _ocr_line("nhân dân các xã, phường.", 86.0, 227.7, 427.7),
    ]
    texts = [p.text for p in _paragraphs(lines, _layout(lines))]
    assert texts == [
        "Thực hiện Nghị quyết số 247/2025/QH15 ngày 10/12/2025 của Quốc hội và Nghị quyết số 67/NQ-CP"
        " ngày 25/3/2026 của Chính phủ trên địa bàn tỉnh Ninh Bình",
        "1. Mục đích",
        "Cụ thể hóa các nhiệm vụ, giải pháp tại Nghị quyết số 247/2025/QH15 ngày 10/12/2025 của Quốc hội"
        " và Nghị quyết số 67/NQ-CP ngày 25/3/2026 của Chính phủ về bảo vệ môi trường phù hợp với điều"
        " kiện thực tế.",
        "2. Yêu cầu",
        "Phân công nhiệm vụ cụ thể, rõ người, rõ việc, rõ thời gian, rõ trách nhiệm, rõ sản phẩm; bảo"
        " đảm sự phối hợp chặt chẽ giữa các cơ quan, đơn vị và Ủy ban nhân dân các xã, phường.",
    ]


def test_a_line_ending_on_a_word_no_paragraph_ends_on_runs_on() -> None:
    """In any PDF, a line ending "… và" (no stop) goes on in the next line, even where the next is
    set in from the left as a first line would be."""
    from plan132lib.ingest.read_pdf import _layout, _paragraphs

    def line(text: str, x0: float, x1: float, top: float) -> _Line:
        parts = text.split()
        step = (x1 - x0) / len(parts)
        words = [(x0 + k * step, x0 + (k + 1) * step - 2.5, w, 0, len(w)) for k, w in enumerate(parts)]
        return _Line(words, top, top + 13, 13.0, page=1, no=int(top))

    lines = [
        line("Giao Sở Nông nghiệp và Môi trường chủ trì, phối hợp với Sở Tài chính và", 85.0, 538.0, 100.0),
        line(
            "Sở Xây dựng tham mưu triển khai các nhiệm vụ tại Phụ lục kèm theo Kế hoạch", 113.0, 538.0, 116.0
        ),
        line("này và báo cáo kết quả.", 85.0, 240.0, 132.0),
        line("Các sở, ngành báo cáo kết quả trước ngày 15 tháng 12 hằng năm.", 113.0, 400.0, 148.0),
    ]
    texts = [p.text for p in _paragraphs(lines, _layout(lines))]
    assert texts == [
        "Giao Sở Nông nghiệp và Môi trường chủ trì, phối hợp với Sở Tài chính và Sở Xây dựng tham mưu"
        " triển khai các nhiệm vụ tại Phụ lục kèm theo Kế hoạch này và báo cáo kết quả.",
        "Các sở, ngành báo cáo kết quả trước ngày 15 tháng 12 hằng năm.",
    ]
