"""Hostile inputs to the Word, Excel and PDF readers (issue 23): small files built to expand
without bound, hidden text, entity declarations, characters no plan holds.

Every file is generated in ``tmp_path`` and small on disk. Each is answered within a few
seconds of this process's CPU time (tests run in parallel, so the wall clock would also count
the other workers), and a refusal names the file, the place and the limit.
"""

from __future__ import annotations

import re
import time
import zipfile
from contextlib import contextmanager
from pathlib import Path

import pytest

from plan132lib.errors import PlanParseError
from plan132lib.ingest import read_xlsx as read_xlsx_module
from plan132lib.ingest.read_xlsx import read_xlsx


@contextmanager
def within(seconds: float):
    """The block runs within ``seconds`` of this process's CPU time."""
    start = time.process_time()
    yield
    elapsed = time.process_time() - start
    assert elapsed < seconds, f"took {elapsed:.1f} s of CPU"


def refused(read, path: Path, seconds: float = 5.0) -> PlanParseError:
    """The error ``read(path)`` raises within ``seconds``; it names the file."""
    with within(seconds), pytest.raises(PlanParseError) as info:
        read(path)
    assert str(path) in str(info.value)
    return info.value


# ------------------------------------------------------------------ Excel, written by hand

_CT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    "{sheets}</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{}</Relationships>'
)


def write_xlsx(
    path: Path, sheets: list[str], names: list[str] | None = None, compress: int = zipfile.ZIP_DEFLATED
) -> Path:
    """A minimal workbook of the given worksheet XML parts (no styles, inline strings)."""
    names = names or [f"Phụ lục {i}" for i in range(1, len(sheets) + 1)]
    numbers = range(1, len(sheets) + 1)
    with zipfile.ZipFile(path, "w", compress) as z:
        z.writestr(
            "[Content_Types].xml",
            _CT.format(
                sheets="".join(
                    f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
                    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                    for i in numbers
                )
            ),
        )
        z.writestr(
            "_rels/.rels",
            _RELS.format(
                '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                'relationships/officeDocument" Target="xl/workbook.xml"/>'
            ),
        )
        z.writestr(
            "xl/workbook.xml",
            (
                '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
                'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
                'relationships"><sheets>'
                + "".join(
                    f'<sheet name="{n}" sheetId="{i}" r:id="rId{i}"/>'
                    for i, n in zip(numbers, names, strict=True)
                )
                + "</sheets></workbook>"
            ),
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            _RELS.format(
                "".join(
                    f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    f'relationships/worksheet" Target="worksheets/sheet{i}.xml"/>'
                    for i in numbers
                )
            ),
        )
        for i, xml in zip(numbers, sheets, strict=True):
            z.writestr(f"xl/worksheets/sheet{i}.xml", xml)
    return path


def sheet_xml(cells: list[tuple[str, str]], merges: list[str] = (), dimension: str = "A1") -> str:
    """A worksheet of inline-string cells ("B7", "text"), with merged ranges."""
    rows: dict[int, list[tuple[str, str]]] = {}
    for ref, text in cells:
        rows.setdefault(int(re.sub("[A-Z]", "", ref)), []).append((ref, text))
    data = "".join(
        f'<row r="{r}">'
        + "".join(f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>' for ref, text in row)
        + "</row>"
        for r, row in sorted(rows.items())
    )
    merged = (
        (
            f'<mergeCells count="{len(merges)}">'
            + "".join(f'<mergeCell ref="{m}"/>' for m in merges)
            + "</mergeCells>"
        )
        if merges
        else ""
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        f'spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData>{data}</sheetData>'
        f"{merged}</worksheet>"
    )


HEADER = [
    ("A1", "TT"),
    ("B1", "Nội dung"),
    ("C1", "Cơ quan chủ trì"),
    ("D1", "Thời gian"),
    ("A2", "1"),
    ("B2", "Rà soát thủ tục"),
    ("C2", "Sở Y tế"),
    ("D2", "2026"),
]


def test_a_cell_at_xfd1048576_is_read_by_the_cells_that_exist(tmp_path):
    far = [*HEADER, ("A1048576", "a"), ("B1048576", "b"), ("XFD1048576", "z")]
    path = write_xlsx(tmp_path / "far.xlsx", [sheet_xml(far, dimension="A1:XFD1048576")])
    assert path.stat().st_size < 10_000
    with within(2.0):
        document = read_xlsx(path)
    [table] = document.tables
    assert len(table.rows) == 3  # the million empty rows between are never walked


def test_a_table_past_the_cell_budget_is_refused_with_its_range(tmp_path):
    rows = [(f"{col}{r}", "x") for r in range(3, 40) for col in ("A", "B", "XFD")]
    path = write_xlsx(tmp_path / "wide.xlsx", [sheet_xml(HEADER + rows, dimension="A1:XFD1048576")])
    error = refused(read_xlsx, path, 2.0)
    assert error.line == "Phụ lục 1!A1:XFD39"
    assert f"{read_xlsx_module.MAX_TABLE_CELLS:,}" in str(error)


def test_a_merged_range_of_the_whole_sheet_is_refused_before_it_is_expanded(tmp_path):
    xml = sheet_xml(HEADER, merges=["H1:XFD1048576"], dimension="A1:XFD1048576")
    path = write_xlsx(tmp_path / "merged.xlsx", [xml])
    assert path.stat().st_size < 10_000
    error = refused(read_xlsx, path, 1.0)
    assert error.line == "Phụ lục 1!H1:XFD1048576"
    assert f"{read_xlsx_module.MAX_MERGED_CELLS:,}" in str(error)
    assert "17,172,529,152" in str(error)


def test_many_small_merged_ranges_are_counted_together(tmp_path):
    merges = [f"E{r}:Z{r}" for r in range(1, 12_000)]  # 22 cells each: 264,000 in all
    path = write_xlsx(tmp_path / "merges.xlsx", [sheet_xml(HEADER, merges=merges)])
    error = refused(read_xlsx, path, 2.0)
    assert "Phụ lục 1!E" in error.line
    assert f"{read_xlsx_module.MAX_MERGED_CELLS:,}" in str(error)


def test_ordinary_merged_ranges_still_read(tmp_path):
    cells = [*HEADER, ("A3", "2"), ("B3", "Kiểm tra"), ("C3", "Sở Nội vụ"), ("D3", "2027")]
    path = write_xlsx(tmp_path / "ok.xlsx", [sheet_xml(cells, merges=["D2:D3"])])
    [table] = read_xlsx(path).tables
    assert [c.text for c in table.rows[2].cells] == ["2", "Kiểm tra", "Sở Nội vụ", "2026"]


# ------------------------------------------------------------ unpacked size of Office parts


def test_150_sheets_each_just_under_1_mib_are_refused_for_their_total(tmp_path):
    from plan132lib.ingest import detect

    filler = "<row/>" * ((2**20 - 1000) // 6)  # each part just under the ratio guard's 1 MiB
    sheet = sheet_xml(HEADER).replace("<sheetData>", "<sheetData>" + filler, 1)
    assert len(sheet.encode()) < 2**20
    path = write_xlsx(tmp_path / "sheets.xlsx", [sheet] * 150)
    assert path.stat().st_size < 2_000_000
    error = refused(read_xlsx, path, 2.0)
    assert error.line.startswith("xl/worksheets/sheet")
    assert "154 XML parts" in str(error) and "150.0 MB in all" in str(error)
    assert f"{detect.MAX_XML_UNCOMPRESSED / 2**20:,.1f} MB" in str(error)


def test_a_docx_of_189_mb_of_empty_paragraphs_is_refused_with_its_size(tmp_path):
    import random

    from plan132lib.ingest import detect
    from plan132lib.ingest.read_docx import read_docx

    rnd = random.Random(23)
    path = tmp_path / "paragraphs.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            written, chunk = 0, b"<w:p/>" * 20_000
            while written < 189 * 2**20:
                f.write(chunk + b'<w:p w:rsidR="%08X"/>' % rnd.getrandbits(32))
                written += len(chunk) + 25
    assert path.stat().st_size < 3_000_000
    error = refused(read_docx, path, 1.0)
    assert error.line == "word/document.xml"
    assert "189.1 MB" in str(error)
    assert f"{detect.MAX_PART_UNCOMPRESSED / 2**20:,.1f} MB" in str(error)


# ------------------------------------------------------------------------- PDF inside a page


def write_pdf(
    path: Path, runs: list[tuple[float, float, str]], render_mode: dict[int, int] | None = None
) -> Path:
    """A one-page PDF showing each (x, y, text) in Helvetica, compressed; ``render_mode`` gives a
    run's text render mode by its index (3: invisible)."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pageCompression=1)
    for i, (x, y, text) in enumerate(runs):
        t = c.beginText(x, y)
        t.setFont("Helvetica", 8)
        t.setTextRenderMode((render_mode or {}).get(i, 0))
        t.textOut(text)
        c.drawText(t)
    c.showPage()
    c.save()
    return path


def test_one_tj_of_2_million_characters_is_refused_with_its_page(tmp_path):
    from plan132lib.ingest import read_pdf as module

    path = write_pdf(tmp_path / "tj.pdf", [(20, 800, "a" * 2_000_000)])
    assert path.stat().st_size < 10_000
    error = refused(module.read_pdf, path, 1.0)
    assert error.line == "page 1"
    assert "2,000,000 bytes" in str(error) and f"{module.MAX_RUN_BYTES:,}" in str(error)


def test_a_page_of_too_many_characters_is_refused_with_its_page(tmp_path):
    from plan132lib.ingest import read_pdf as module

    runs = [(20, 10 + i, "b" * 15_000) for i in range(8)]  # 120,000 characters in short runs
    path = write_pdf(tmp_path / "page.pdf", runs)
    error = refused(module.read_pdf, path, 5.0)
    assert error.line == "page 1"
    assert f"more than {module.MAX_PAGE_CHARS:,} characters" in str(error)


def test_the_time_limit_is_checked_inside_a_page(tmp_path):
    from plan132lib.ingest.read_pdf import read_pdf

    path = write_pdf(tmp_path / "slow.pdf", [(20, 10 + i, "c" * 10_000) for i in range(9)])
    error = refused(lambda p: read_pdf(p, max_seconds=0.0), path, 2.0)
    assert error.line == "page 1"
    assert "over 0 s (stopped inside this page, of 1)" in str(error)


def _table_pdf(path: Path, hidden: bool) -> Path:
    """A ruled table of a header row and one task, with "STC" drawn under the lead "So Y te",
    invisible (text render mode 3) when ``hidden``."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pageCompression=1)
    xs, ys = [50, 90, 300, 450], [700, 680, 640]
    for x in xs:
        c.line(x, ys[-1], x, ys[0])
    for y in ys:
        c.line(xs[0], y, xs[-1], y)
    for x, y, text, mode in [
        (55, 687, "TT", 0),
        (95, 687, "Noi dung", 0),
        (305, 687, "Co quan chu tri", 0),
        (55, 665, "1", 0),
        (95, 665, "Ra soat thu tuc", 0),
        (305, 665, "So Y te", 0),
        (305, 650, "STC", 3 if hidden else 0),
    ]:
        t = c.beginText(x, y)
        t.setFont("Helvetica", 10)
        t.setTextRenderMode(mode)
        t.textOut(text)
        c.drawText(t)
    c.showPage()
    c.save()
    return path


def test_invisible_pdf_text_is_not_read(tmp_path):
    from plan132lib.ingest.read_pdf import read_pdf

    [seen] = read_pdf(_table_pdf(tmp_path / "seen.pdf", hidden=False)).tables
    assert seen.rows[1].texts()[2].split() == ["So", "Y", "te", "STC"]  # drawn: read
    [table] = read_pdf(_table_pdf(tmp_path / "hidden.pdf", hidden=True)).tables
    assert table.rows[1].texts() == ["1", "Ra soat thu tuc", "So Y te"]
    assert table.rows[0].texts() == ["TT", "Noi dung", "Co quan chu tri"]


# ----------------------------------------------------------------------- entity declarations


def test_an_entity_declared_after_a_long_comment_is_refused(tmp_path):
    from plan132lib.ingest.read_docx import read_docx

    source = Path(__file__).parents[1] / "fixtures" / "documents" / "plan132.docx"
    path = tmp_path / "entity.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "word/document.xml":
                head, rest = data.split(b"?>", 1)
                data = (
                    head
                    + b"?><!--"
                    + b" long comment " * 20_000
                    + b"-->"  # 280 KB
                    + '<!DOCTYPE w:document [<!ENTITY lead "Sở Tài chính">]>'.encode()
                    + rest
                )
            zout.writestr(info, data)
    error = refused(read_docx, path, 2.0)
    assert error.line == "word/document.xml"
    assert "entity declarations" in str(error)


# ------------------------------------------------- characters no text holds, as the text reader


@pytest.mark.parametrize(
    ("escape", "said"),
    [
        ("_x0001_", "control character U+0001"),
        ("_xFFFE_", "U+FFFE in the text is a noncharacter"),
        ("\ufdd0", "U+FDD0 in the text is a noncharacter"),
        ("_xD800_", "U+D800 in the text is a lone surrogate"),
    ],
)
def test_an_excel_cell_with_a_character_no_text_holds_is_refused_with_its_cell(tmp_path, escape, said):
    cells = [*HEADER[:6], ("C2", f"Sở Y tế{escape}"), HEADER[7]]
    path = write_xlsx(tmp_path / "chars.xlsx", [sheet_xml(cells)])
    error = refused(read_xlsx, path, 2.0)
    assert error.line == "Phụ lục 1!C2"
    assert said in str(error)


def _pdf_with_glyph(path: Path, glyph: str) -> Path:
    """A one-line PDF whose character code 1 is the glyph named ``glyph`` ("uni0001")."""
    content = b"BT /F1 12 Tf 72 700 Td (Ke hoach \\001 so 1) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding "
        b"/BaseEncoding /WinAnsiEncoding /Differences [1 /%s] >> >>" % glyph.encode(),
    ]
    data, offsets = b"%PDF-1.4\n", []
    for i, body in enumerate(objects, 1):
        offsets.append(len(data))
        data += b"%d 0 obj\n%s\nendobj\n" % (i, body)
    xref = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    data += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    data += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("glyph", "said"),
    [
        ("uni0001", "control character U+0001"),
        ("uniFFFE", "U+FFFE in the text is a noncharacter"),
        ("uniFDD0", "U+FDD0 in the text is a noncharacter"),
    ],
)
def test_pdf_text_with_a_character_no_text_holds_is_refused_with_its_page(tmp_path, glyph, said):
    from plan132lib.ingest.read_pdf import read_pdf

    error = refused(read_pdf, _pdf_with_glyph(tmp_path / "chars.pdf", glyph), 2.0)
    assert error.line == "page 1"
    assert said in str(error)


def test_the_text_reader_refuses_a_noncharacter_too(tmp_path):
    from plan132lib.ingest.source import read_lines

    path = tmp_path / "plan.md"
    path.write_text("KẾ HOẠCH\nSở Y tế\ufdd0\n", encoding="utf-8")
    error = refused(read_lines, path, 1.0)
    assert error.line == 2
    assert "U+FDD0" in str(error)


# ------------------------------------------------------------------- targets read as written


@pytest.mark.parametrize(
    ("text", "value", "measure", "comparator", "qualifier", "baseline"),
    [
        (
            "Tỷ lệ hộ nghèo không giảm dưới 40% so với năm 2024.",
            40,
            "level",
            "at_least",
            "không giảm dưới",
            None,
        ),
        ("Tỷ lệ hồ sơ trực tuyến tăng từ 30% lên 50% đến năm 2030.", 50, "level", "exact", "từ 30% lên", 30),
        ("Tỷ lệ hộ nghèo giảm xuống còn 20%.", 20, "level", "exact", "", None),
        ("Tỷ lệ hộ nghèo giảm dưới 1%.", 1, "level", "at_most", "dưới", None),
        ("Giá dịch vụ không tăng trên 5%.", 5, "change", "at_most", "không tăng trên", None),
        ("Chi phí giảm 10% so với năm 2024.", -10, "change", "exact", "", None),
        ("Tỷ lệ hồ sơ đạt tối thiểu 90%.", 90, "level", "at_least", "tối thiểu", None),
    ],
)
def test_target_phrasings_are_read_as_written(text, value, measure, comparator, qualifier, baseline):
    from plan132lib.ingest.targets import find_targets

    [target] = find_targets(text)
    assert (target.value, target.measure, target.comparator, target.qualifier_raw, target.baseline_value) == (
        value,
        measure,
        comparator,
        qualifier,
        baseline,
    )
    assert target.indicator.startswith(("Tỷ lệ", "Giá", "Chi phí"))


# ------------------------------------------------------------------------------ the command


def test_the_command_says_a_refusal_and_exits_2(tmp_path, capsys):
    from plan132lib.cli import main

    xml = sheet_xml(HEADER, merges=["H1:XFD1048576"], dimension="A1:XFD1048576")
    path = write_xlsx(tmp_path / "merged.xlsx", [xml])
    with within(3.0):
        assert main(["check", "--lang", "en", str(path)]) == 2
    said = capsys.readouterr().err
    assert str(path) in said and "H1:XFD1048576" in said and "200,000" in said
    assert "Traceback" not in said


def test_a_targets_starting_value_reaches_the_targets_table(tmp_path, registry):
    """ "từ 30% lên 50%" gives the table one target of 50 with 30 as its starting value, never two."""
    from pathlib import Path

    from plan132lib import load_plan

    text = (Path(__file__).parents[1] / "bad" / "ok_minimal.md").read_text(encoding="utf-8")
    old = "tỷ lệ nước thải được xử lý đạt khoảng 70%"
    assert old in text
    path = tmp_path / "plan.md"
    path.write_text(text.replace(old, "tỷ lệ nước thải được xử lý tăng từ 30% lên 70%"), encoding="utf-8")
    targets = load_plan(path, registry).tables()["targets"]
    row = targets.loc[targets["task_id"] == "1.2"]
    assert row[["value", "baseline_value", "comparator"]].to_dict("records") == [
        {"value": 70.0, "baseline_value": 30.0, "comparator": "exact"}
    ]
    assert targets.loc[targets["task_id"] != "1.2", "baseline_value"].isna().all()
