"""Format detection and the Office bad-input corpus (tests/bad/office/, made by tools/make_bad_office.py).

Every file in ``tests/bad/office/expected.json`` is refused with a message that names
the file and holds the listed words, except the two that the readers accept but that
hold no task table (refused later, by the interpreter).
"""

from __future__ import annotations

import io
import json
import shutil
import sys
import zipfile
from pathlib import Path

import pytest

from plan132lib.errors import PlanParseError
from plan132lib.ingest import detect
from plan132lib.ingest.detect import check_zip, sniff
from plan132lib.ingest.document import Table
from plan132lib.ingest.read_docx import read_docx
from plan132lib.ingest.read_xlsx import read_xlsx

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "bad" / "office"
EXPECTED: dict[str, list[str]] = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
FIXTURES = ROOT / "tests" / "fixtures" / "documents"
#: Accepted by the readers; the interpreter refuses them ("no task table").
INTERPRETER_CASES = {"no_table.docx", "empty_sheet.xlsx"}


def _read_any(path: Path) -> object:
    """Read ``path`` the way load_plan does: the reader is chosen by content."""
    from plan132lib.ingest.readers import read_document

    try:
        return read_document(path)
    except NotImplementedError:
        pytest.skip("the reader for this format is not written yet")


def test_corpus_matches_expected() -> None:
    files = {p.name for p in CORPUS.iterdir() if p.name != "expected.json"}
    assert files == set(EXPECTED)
    for words in EXPECTED.values():
        assert words and all(w == w.lower() for w in words)


@pytest.mark.parametrize("name", sorted(set(EXPECTED) - INTERPRETER_CASES))
def test_bad_file_refused(name: str) -> None:
    path = CORPUS / name
    with pytest.raises(PlanParseError) as info:
        _read_any(path)
    message = str(info.value)
    assert message.startswith(str(path)), message  # names the file
    for word in EXPECTED[name]:
        assert word in message.lower(), f"{word!r} not in {message!r}"
    assert "Traceback" not in message
    assert "utf-8" not in message.lower()  # never "save it as UTF-8" for a binary file


def test_no_table_docx_is_read_without_tables() -> None:
    doc = read_docx(CORPUS / "no_table.docx")
    assert doc.kind == "docx" and doc.paras and not doc.tables


def test_empty_sheet_xlsx_is_read_without_rows() -> None:
    doc = read_xlsx(CORPUS / "empty_sheet.xlsx")
    assert doc.kind == "xlsx" and doc.appendix_only
    assert not any(isinstance(b, Table) and b.rows for b in doc.blocks)


def test_corpus_is_deterministic(tmp_path: Path) -> None:
    """The generator rewrites the committed files byte for byte (the zip bomb aside: it is slow)."""
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import make_bad_office
    finally:
        sys.path.remove(str(ROOT / "tools"))
    for path in make_bad_office.make(tmp_path, bomb=False):
        assert path.read_bytes() == (CORPUS / path.name).read_bytes(), path.name
    assert (tmp_path / "expected.json").read_bytes() == (CORPUS / "expected.json").read_bytes()


# --- sniff ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("plan132.docx", "docx"),
        ("plan132.xlsx", "xlsx"),
        ("plan132.pdf", "pdf"),
    ],
)
def test_sniff_fixtures(name: str, kind: str) -> None:
    path = FIXTURES / name
    if not path.exists():
        pytest.skip(f"{name} not generated (tools/make_fixtures.py)")
    assert sniff(path) == kind


def test_sniff_text_export() -> None:
    assert sniff(ROOT / "data" / "raw" / "ke-hoach-132-KH-UBND-2026-04-16-hung-yen.md") == "text"


def test_sniff_text_corpus_is_text() -> None:
    """Every text case (UTF-16, Windows-1258, control characters, …) goes to the text reader."""
    for path in sorted((ROOT / "tests" / "bad").glob("*.md")):
        assert sniff(path) == "text", path.name


def test_sniff_reads_content_not_name(tmp_path: Path) -> None:
    import docx
    import openpyxl

    word = tmp_path / "plan.pdf"
    docx.Document().save(str(word))
    excel = tmp_path / "plan"
    openpyxl.Workbook().save(excel)
    html = tmp_path / "plan.docx"
    html.write_text("<html><body>Kế hoạch</body></html>", encoding="utf-8")
    assert (sniff(word), sniff(excel), sniff(html)) == ("docx", "xlsx", "text")
    assert read_xlsx(excel).kind == "xlsx"  # openpyxl alone would refuse the missing extension


def test_sniff_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(PlanParseError, match=r"cannot read the file .*No such file"):
        sniff(tmp_path / "nothing.docx")
    with pytest.raises(PlanParseError, match="not a regular file"):  # a folder: said as such
        sniff(tmp_path)


def test_sniff_text_not_taken_for_bmp(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text("BMW và các đơn vị\n" * 3, encoding="utf-8")
    assert sniff(path) == "text"


def test_sniff_long_leading_whitespace(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_bytes(b" " * 10_000 + "KẾ HOẠCH".encode())
    assert sniff(path) == "text"


def test_readers_refuse_other_formats() -> None:
    with pytest.raises(PlanParseError, match="not a Word file: it is an Excel workbook"):
        read_docx(CORPUS / "empty_sheet.xlsx")
    with pytest.raises(PlanParseError, match="not an Excel workbook: it is a Word document"):
        read_xlsx(CORPUS / "no_table.docx")


# --- check_zip --------------------------------------------------------------------------------------


def _docx_bytes() -> bytes:
    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    return buf.getvalue()


def _with_member(base: bytes, name: str, data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != name:
                dst.writestr(info.filename, src.read(info))
        dst.writestr(name, data)
    return out.getvalue()


def test_check_zip_compression_ratio(tmp_path: Path) -> None:
    path = tmp_path / "ratio.docx"
    path.write_bytes(_with_member(_docx_bytes(), "word/media/zeros.bin", bytes(3 << 20)))
    with pytest.raises(PlanParseError, match=r"zip bomb \(word/media/zeros.bin unpacks \d+ times"):
        check_zip(path, "docx")


def test_check_zip_member_count(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "many.docx"
    path.write_bytes(_docx_bytes())
    monkeypatch.setattr(detect, "MAX_MEMBERS", 5)
    with pytest.raises(PlanParseError, match=r"zip bomb .*members, more than 5"):
        check_zip(path, "docx")


def test_check_zip_total_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.xlsx"
    shutil.copy(CORPUS / "empty_sheet.xlsx", path)
    monkeypatch.setattr(detect, "MAX_TOTAL_UNCOMPRESSED", 1000)
    with pytest.raises(PlanParseError, match=r"Excel file looks like a zip bomb .*unpacks to"):
        check_zip(path, "xlsx")


def test_check_zip_accepts_real_files() -> None:
    check_zip(CORPUS / "no_table.docx", "docx")
    check_zip(CORPUS / "empty_sheet.xlsx", "xlsx")


def test_check_zip_entity_declaration_in_utf16(tmp_path: Path) -> None:
    """A DOCTYPE in a UTF-16 part is found too."""
    base = _docx_bytes()
    with zipfile.ZipFile(io.BytesIO(base)) as zf:
        xml = zf.read("word/document.xml").decode("utf-8")
    body = xml.split("?>", 1)[-1]
    evil = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE d [<!ENTITY a "aaaa">]>' + body
    path = tmp_path / "utf16.docx"
    path.write_bytes(_with_member(base, "word/document.xml", evil.encode("utf-16")))
    with pytest.raises(PlanParseError, match=r"word/document.xml: the Word file contains XML entity"):
        read_docx(path)


def test_billion_laughs_does_not_expand_in_python_docx() -> None:
    """Without check_zip, python-docx's own parser (lxml, resolve_entities=False) does not expand it."""
    from docx.oxml.parser import parse_xml
    from lxml import etree

    with zipfile.ZipFile(CORPUS / "billion_laughs.docx") as zf:
        xml = zf.read("word/document.xml")
    assert b"<!ENTITY lol9" in xml
    try:
        root = parse_xml(xml)
    except etree.XMLSyntaxError as exc:  # libxml2's amplification limit
        assert "amplification" in str(exc).lower() or "entity" in str(exc).lower()
    else:
        assert len(etree.tostring(root)) < 10 * len(xml)


def test_entity_in_sheet_refused_by_openpyxl_itself() -> None:
    """Without check_zip, openpyxl parses with defusedxml and refuses the entity."""
    import openpyxl

    assert openpyxl.DEFUSEDXML
    with pytest.raises(Exception):  # noqa: B017  (openpyxl wraps the defusedxml error)
        openpyxl.load_workbook(CORPUS / "entity_in_sheet.xlsx")
