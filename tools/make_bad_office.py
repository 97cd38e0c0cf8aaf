"""Write the bad-input corpus of Office, PDF and other binary files into tests/bad/office/.

Each file is something a person may hand the kit instead of a readable plan
(a scanned PDF, a legacy .doc, a password-protected file, an image renamed
.docx, a zip bomb, …). ``expected.json`` maps each file name to lower-case words
the error message must contain; tests/unit/test_detect.py checks them. The two
files the readers accept but that hold no task table ("no_table.docx",
"empty_sheet.xlsx") are refused later, by the interpreter.

The output is deterministic: zip entries carry a fixed time, document
properties a fixed date. Run: .venv/bin/python tools/make_bad_office.py [--out DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import re
import time
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "bad" / "office"
FIXED_TIME = (2026, 1, 1, 0, 0, 0)
FIXED_ISO = "2026-01-01T00:00:00Z"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
BOMB_MB = 300

#: file name → words its error message must contain (lower case).
EXPECTED: dict[str, list[str]] = {
    "scanned.pdf": ["ocr", "text layer"],
    "legacy.doc": ["legacy", ".doc", "save it as .docx"],
    "legacy_unknown.xls": ["legacy", ".doc", ".xls"],
    "password_protected.docx": ["password", "remove the password"],
    "image_named.docx": ["image", "png", "ocr"],
    "jpeg_named.pdf": ["image", "jpeg", "ocr"],
    "zip_with_csv.zip": ["zip archive", "unpack"],
    "empty.docx": ["empty"],
    "whitespace_only.md": ["empty"],
    "document.odt": ["opendocument", ".odt", "save it as .docx"],
    "spreadsheet.ods": ["opendocument", ".ods", "save it as .xlsx"],
    "slides.pptx": ["powerpoint"],
    "plan.rtf": ["rtf", "save it as .docx"],
    "plan.md.gz": ["gzip", "unpack"],
    "zip_bomb.docx": ["zip bomb", "unsafe"],
    "billion_laughs.docx": ["entity", "unsafe"],
    "entity_in_sheet.xlsx": ["entity", "unsafe"],
    "truncated.docx": ["damaged word file", "not a readable zip"],
    "not_wellformed.docx": ["damaged word file", "xml"],
    "bad_start.docx": ["damaged word file", "does not start like a zip"],
    "random_bytes.bin": ["binary data", "unknown kind"],
    "no_table.docx": ["task table"],
    "empty_sheet.xlsx": ["task table"],
}


def _zip(members: list[tuple[str, bytes]], stored: frozenset[str] = frozenset()) -> bytes:
    """A zip archive of ``members`` in order, with fixed entry times."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return buf.getvalue()


def _members(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return [(i.filename, zf.read(i)) for i in zf.infolist()]


def _fix_props(name: str, data: bytes) -> bytes:
    """Core properties with a fixed date (python-docx and openpyxl stamp the current time)."""
    if name != "docProps/core.xml":
        return data
    return re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + FIXED_ISO.encode(), data)


def _repack(data: bytes, replace: dict[str, bytes] | None = None) -> bytes:
    """An Office file rewritten with fixed times, optionally with some parts replaced."""
    replace = replace or {}
    return _zip([(n, replace.get(n, _fix_props(n, d))) for n, d in _members(data)])


def _docx(build: Callable[[object], None]) -> bytes:
    from docx import Document

    doc = Document()
    doc.core_properties.created = doc.core_properties.modified = datetime(2026, 1, 1)
    build(doc)
    buf = io.BytesIO()
    doc.save(buf)
    return _repack(buf.getvalue())


def _plan_text(doc) -> None:  # type: ignore[no-untyped-def]
    doc.add_paragraph("ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN")
    doc.add_paragraph("Số: 132/KH-UBND")
    doc.add_paragraph("KẾ HOẠCH").runs[0].bold = True
    doc.add_paragraph("Triển khai thực hiện Nghị quyết về bảo vệ môi trường")
    doc.add_paragraph("I. MỤC ĐÍCH, YÊU CẦU").runs[0].bold = True
    for i in range(1, 9):
        doc.add_paragraph(f"{i}. Các sở, ban, ngành tổ chức thực hiện nhiệm vụ số {i} theo kế hoạch.")


def _real_docx() -> bytes:
    def build(doc) -> None:  # type: ignore[no-untyped-def]
        _plan_text(doc)
        table = doc.add_table(rows=3, cols=5)
        for r, row in enumerate(
            [
                ["TT", "Nội dung thực hiện", "Cơ quan chủ trì", "Cơ quan phối hợp", "Tiến độ"],
                ["1", "Rà soát kế hoạch giảm phát thải.", "Sở Nông nghiệp và Môi trường", "Các sở", "2026"],
                ["2", "Quan trắc môi trường.", "Sở Nông nghiệp và Môi trường", "UBND xã, phường", "2027"],
            ]
        ):
            for c, text in enumerate(row):
                table.cell(r, c).text = text

    return _docx(build)


def _xlsx(build: Callable[[object], None]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.properties.created = wb.properties.modified = datetime(2026, 1, 1)
    build(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return _repack(buf.getvalue())


def _ole2(stream_names: list[str]) -> bytes:
    """A minimal OLE2 compound file: the header and a directory sector naming the streams."""
    header = bytearray(512)
    header[:8] = OLE2
    header[0x18:0x1A] = (0x3E).to_bytes(2, "little")  # minor version
    header[0x1A:0x1C] = (3).to_bytes(2, "little")  # major version 3: 512-byte sectors
    header[0x1C:0x1E] = b"\xfe\xff"  # byte order
    header[0x1E:0x20] = (9).to_bytes(2, "little")  # sector shift
    header[0x20:0x22] = (6).to_bytes(2, "little")  # mini sector shift
    directory = bytearray(512)
    for i, name in enumerate(["Root Entry", *stream_names][:4]):
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        entry = bytearray(128)
        entry[: len(encoded)] = encoded
        entry[64:66] = len(encoded).to_bytes(2, "little")
        entry[66] = 5 if i == 0 else 2  # root storage, stream
        directory[i * 128 : (i + 1) * 128] = entry
    return bytes(header) + bytes(directory) + bytes(512)


def _scanned_pdf() -> bytes:
    from PIL import Image, ImageDraw

    im = Image.new("RGB", (595, 842), "white")
    draw = ImageDraw.Draw(im)
    for y in range(120, 760, 18):  # lines of "text" as a scanner sees them: ink, no characters
        draw.line((70, y, 525 - (y * 7) % 90, y), fill=(40, 40, 40), width=3)
    draw.rectangle((60, 500, 535, 740), outline=(0, 0, 0), width=2)
    buf = io.BytesIO()
    fixed = time.strptime("2026-01-01", "%Y-%m-%d")
    im.save(buf, "PDF", resolution=72.0, title="scan", creationDate=fixed, modDate=fixed)
    return buf.getvalue()


def _png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("L", (40, 20), 255).save(buf, "PNG")
    return buf.getvalue()


def _jpeg() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(buf, "JPEG", quality=80)
    return buf.getvalue()


def _zip_bomb(path: Path) -> None:
    """A Word-looking archive with one member of BOMB_MB MB of zeros, streamed in 1 MB chunks."""
    base = _members(_real_docx())
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in base:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
        info = zipfile.ZipInfo("word/media/image1.bin", date_time=FIXED_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        chunk = bytes(1 << 20)
        with zf.open(info, "w", force_zip64=True) as member:
            for _ in range(BOMB_MB):
                member.write(chunk)


_LAUGHS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<!DOCTYPE w:document [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n' for i in range(1, 10)
    )
    + "]>\n"
)


def _billion_laughs_docx() -> bytes:
    members = dict(_members(_real_docx()))
    xml = members["word/document.xml"].decode("utf-8")
    body = xml.split("?>", 1)[-1].lstrip()
    body = body.replace("Rà soát kế hoạch giảm phát thải.", "&lol9;", 1)
    return _repack(_real_docx(), {"word/document.xml": (_LAUGHS + body).encode("utf-8")})


def _entity_xlsx() -> bytes:
    def build(wb) -> None:  # type: ignore[no-untyped-def]
        ws = wb.active
        ws.title = "Phụ lục"
        ws.append(["TT", "Nội dung", "Chủ trì"])
        ws.append([1, "Rà soát", "Sở Tài chính"])

    data = _xlsx(build)
    sheet = dict(_members(data))["xl/worksheets/sheet1.xml"].decode("utf-8")
    body = sheet.split("?>", 1)[-1].lstrip()  # openpyxl writes no XML declaration
    # The entity is used in an inline string of cell C2 (an external entity: "XXE").
    body = re.sub(r'(<c r="C2"[^>]*><is><t>)[^<]*', r"\1&xxe;", body)
    assert "&xxe;" in body
    decl = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE worksheet [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>\n'
    )
    return _repack(data, {"xl/worksheets/sheet1.xml": (decl + body).encode("utf-8")})


def _not_wellformed_docx() -> bytes:
    members = dict(_members(_real_docx()))
    xml = members["word/document.xml"]
    return _repack(_real_docx(), {"word/document.xml": xml[: len(xml) * 2 // 3]})


def _empty_sheet_xlsx() -> bytes:
    def build(wb) -> None:  # type: ignore[no-untyped-def]
        wb.active.title = "Phụ lục"

    return _xlsx(build)


def _odf(mimetype: str) -> bytes:
    content = (
        b'<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>'
    )
    return _zip(
        [
            ("mimetype", mimetype.encode()),
            ("content.xml", content),
            ("META-INF/manifest.xml", b'<?xml version="1.0" encoding="UTF-8"?><manifest/>'),
        ],
        stored=frozenset({"mimetype"}),
    )


def _random_bytes(n: int) -> bytes:
    """``n`` bytes that look random, the same on every run."""
    out = b""
    block = b"plan132"
    while len(out) < n:
        block = hashlib.sha256(block).digest()
        out += block
    return out[:n]


def _gzip(data: bytes) -> bytes:
    import gzip

    return gzip.compress(data, mtime=0)


def make(out: Path = OUT, bomb: bool = True) -> list[Path]:
    """Write every case into ``out`` (created if missing) with ``expected.json``; return the files.

    ``bomb=False`` leaves out the zip bomb (the slow one: 300 MB go through zlib).
    """
    out.mkdir(parents=True, exist_ok=True)
    real = _real_docx()
    files: dict[str, bytes] = {
        "scanned.pdf": _scanned_pdf(),
        "legacy.doc": _ole2(["WordDocument", "1Table", "\x05SummaryInformation"]),
        "legacy_unknown.xls": OLE2 + bytes(504),
        "password_protected.docx": _ole2(["EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"]),
        "image_named.docx": _png(),
        "jpeg_named.pdf": _jpeg(),
        "zip_with_csv.zip": _zip([("tasks.csv", "TT,Nội dung\n1,Rà soát\n".encode())]),
        "empty.docx": b"",
        "whitespace_only.md": b"  \n\t\n   \n",
        "document.odt": _odf("application/vnd.oasis.opendocument.text"),
        "spreadsheet.ods": _odf("application/vnd.oasis.opendocument.spreadsheet"),
        "slides.pptx": _zip([("[Content_Types].xml", b"<Types/>"), ("ppt/presentation.xml", b"<p/>")]),
        "plan.rtf": b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times New Roman;}} K\\'ea ho\\'5fch 132\\par}\n",
        "plan.md.gz": _gzip("# KẾ HOẠCH\n".encode()),
        "billion_laughs.docx": _billion_laughs_docx(),
        "entity_in_sheet.xlsx": _entity_xlsx(),
        "truncated.docx": real[: len(real) // 2],
        "bad_start.docx": b"\x00\x00" + real[2:],
        "random_bytes.bin": _random_bytes(4096),
        "not_wellformed.docx": _not_wellformed_docx(),
        "no_table.docx": _docx(_plan_text),
        "empty_sheet.xlsx": _empty_sheet_xlsx(),
    }
    written = []
    for name, data in files.items():
        (out / name).write_bytes(data)
        written.append(out / name)
    if bomb:
        _zip_bomb(out / "zip_bomb.docx")
        written.append(out / "zip_bomb.docx")
        assert set(EXPECTED) == {p.name for p in written}, "EXPECTED and the files written differ"
    (out / "expected.json").write_text(
        json.dumps(EXPECTED, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"folder to write into (default {OUT})")
    args = parser.parse_args()
    for path in make(args.out):
        print(f"{path.stat().st_size:>9}  {path}")


if __name__ == "__main__":
    main()
