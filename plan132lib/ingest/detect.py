"""Tell a plan file's format from its content, and refuse what cannot be read.

:func:`sniff` looks at the first bytes (and, for a zip archive, at its member
names) and answers "text", "docx", "pdf", "xlsx" or "image" (a scanned page saved as
PNG, JPEG, TIFF, BMP, GIF or WebP); a file no reader handles (a HEIF/AVIF image, a
legacy ``.doc``, a password-protected Office file, an OpenDocument file, an archive,
an empty file, binary data) raises :class:`PlanParseError` with what the file is and
what to do. The file name is never consulted: a PNG named ``plan.docx`` is read as
an image.

:func:`check_zip` guards the Word and Excel readers: Office files are zip
archives of XML, and an archive can be built to expand to gigabytes (a zip
bomb) or its XML to carry entity declarations that expand without end
("billion laughs"). Word and Excel never write either.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ..errors import PlanParseError
from ..words import Problem

#: Limits for an Office zip archive; a real plan is well below all three.
MAX_TOTAL_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 100
RATIO_MIN_SIZE = 1024 * 1024
MAX_MEMBERS = 10_000
#: Unpacked budgets, whatever a part's ratio: any one part, and all XML parts together (the
#: parts a reader parses; a parsed tree takes some twenty times its XML in memory). A real plan's
#: largest part is under 1 MB.
MAX_PART_UNCOMPRESSED = 32 * 1024 * 1024
MAX_XML_UNCOMPRESSED = 48 * 1024 * 1024
#: Each XML part is searched whole for a DOCTYPE, in chunks of this size: the declaration
#: precedes the root element, but comments of any length may come before it.
_SCAN_CHUNK = 1024 * 1024

_HEAD_BYTES = 4096
#: The largest plan file read: real plans are a few MB, a PDF of a long plan some tens.
MAX_FILE_BYTES = 200_000_000
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_ARCHIVES = (
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"\x28\xb5\x2f\xfd", "a Zstandard archive"),
)
_ODF = {
    "application/vnd.oasis.opendocument.text": (
        "an OpenDocument text (.odt) file: save it as .docx (Word) and give that file"
    ),
    "application/vnd.oasis.opendocument.spreadsheet": (
        "an OpenDocument spreadsheet (.ods) file: save it as .xlsx (Excel) and give that file"
    ),
}
_WHITESPACE = b" \t\r\n\f\v"
_DAMAGED = "it was probably cut short while copying or downloading; get the file again"
_KIND_NAMES = {"docx": "Word", "xlsx": "Excel"}
_DOCTYPE = [s.encode(enc) for s in ("<!DOCTYPE", "<!ENTITY") for enc in ("ascii", "utf-16-le", "utf-16-be")]


def sniff(path: str | Path) -> str:
    """The format of ``path`` from its content: "text", "docx", "pdf", "xlsx" or "image".

    Raises :class:`PlanParseError` for a file that does not exist or cannot be
    read, an empty file, and every format no reader handles (the message says
    what the file is and what to do), including binary data of no known kind.
    Anything else is "text": the text reader then decides (and reports text
    that is not UTF-8).
    """
    path = Path(path)
    if path.exists() and not path.is_file():  # a folder, a device such as /dev/zero, a pipe
        raise PlanParseError(path, None, Problem("not_a_file"))
    if path.is_file() and path.stat().st_size > MAX_FILE_BYTES:
        raise PlanParseError(
            path,
            None,
            Problem(
                "file_budget",
                size=f"{path.stat().st_size / 1e6:.1f} MB",
                limit=f"{MAX_FILE_BYTES / 1e6:.0f} MB",
            ),
        )
    try:
        with path.open("rb") as f:
            head = f.read(_HEAD_BYTES)
            blank = not head.strip(_WHITESPACE) or head.strip(_WHITESPACE) == b"\xef\xbb\xbf"
            while blank and len(head) == _HEAD_BYTES:  # a long run of whitespace: read on
                chunk = f.read(1 << 20)
                if not chunk:
                    break
                blank = not chunk.strip(_WHITESPACE)
    except OSError as exc:
        raise PlanParseError(path, None, Problem("cannot_read", reason=exc)) from None
    if blank:
        raise PlanParseError(path, None, Problem("empty_file"))
    if 0 <= head.find(b"%PDF-") < 1024:  # readers accept junk before the header
        return "pdf"
    if head.startswith(_ZIP_MAGICS):
        return _sniff_zip(path)
    if head.startswith(_OLE2):
        _refuse_ole2(path)
    image = _image_kind(head, path)
    if image in READABLE_IMAGES:
        return "image"
    if image:
        raise PlanParseError(path, None, Problem("image", image=image))
    if head.startswith(b"{\\rtf"):
        raise PlanParseError(path, None, Problem("rtf"))
    for magic, name in _ARCHIVES:
        if head.startswith(magic):
            raise PlanParseError(path, None, f"{name}, not a plan: unpack it and give the plan file inside")
    if _binary(head):
        if b"PK\x03\x04" in head and (b"word/" in head or b"xl/" in head):
            what = "Word" if b"word/" in head else "Excel"
            raise PlanParseError(path, None, Problem("damaged_start", what=what))
        raise PlanParseError(path, None, Problem("binary"))
    return "text"


_UNICODE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1f\x7f]")


def _binary(head: bytes) -> bool:
    """Binary data rather than text in some encoding (the text reader reports encodings).

    Text is: UTF-8 (a character cut at the end allowed), anything with a Unicode BOM,
    UTF-16 without BOM (NUL bytes on one side of each pair), or an 8-bit code page
    (no NUL, few control bytes).
    """
    if head.startswith(_UNICODE_BOMS):
        return False
    try:
        head.decode("utf-8")
        return False
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3 and exc.reason == "unexpected end of data":
            return False
    nuls = [i for i, b in enumerate(head) if b == 0]
    if nuls and len(nuls) >= len(head) // 10:
        even = sum(1 for i in nuls if i % 2 == 0)
        if max(even, len(nuls) - even) >= 0.9 * len(nuls):
            return False  # UTF-16 without a BOM
    return bool(nuls) or len(_CONTROL_BYTES.findall(head)) > len(head) // 20


def check_zip(path: str | Path, kind: str) -> None:
    """Refuse an Office archive that is damaged, a zip bomb or carries XML entity declarations.

    ``kind`` is "docx" or "xlsx" (it names the file in messages). Checks, without
    extracting anything to disk: the archive's directory is readable; no part over
    :data:`MAX_PART_UNCOMPRESSED` and XML parts within :data:`MAX_XML_UNCOMPRESSED` together;
    at most :data:`MAX_MEMBERS` members; at most :data:`MAX_TOTAL_UNCOMPRESSED` bytes in
    all; no member over 1 MB expanding more than :data:`MAX_RATIO` times; no XML
    part holding a DOCTYPE or entity declaration anywhere (a billion-laughs attack;
    Word and Excel never write one), each searched whole.
    """
    what = _KIND_NAMES.get(kind, "Office")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            _check_budget(path, what, infos)
            bomb = _bomb_reason(infos)
            if bomb:
                raise PlanParseError(
                    path,
                    None,
                    f"the {what} file looks like a zip bomb ({bomb}); a plan is a few "
                    "hundred kilobytes: refused as unsafe",
                )
            for info in infos:
                xml = info.filename.lower().endswith((".xml", ".rels")) and not info.is_dir()
                if xml and _declares_entities(zf, info):
                    raise PlanParseError(
                        path,
                        info.filename,
                        f"the {what} file contains XML entity declarations, "
                        f"which {what} never writes: refused as unsafe",
                    )
    except PlanParseError:
        raise
    except (FileNotFoundError, PermissionError, IsADirectoryError) as exc:
        raise PlanParseError(path, None, Problem("cannot_read", reason=exc)) from None
    except _ZIP_ERRORS as exc:  # OSError too: a seek to a corrupt offset
        raise PlanParseError(path, None, Problem("damaged_zip", what=what, reason=_reason(exc))) from None
    except Exception as exc:  # zlib.error and the like from a corrupt member
        raise PlanParseError(
            path, None, f"a damaged {what} file: a part cannot be unpacked ({exc})"
        ) from None


def _declares_entities(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether the part holds a DOCTYPE or entity declaration anywhere (searched whole, in chunks
    that overlap by a marker's length; the part's size is already within the budget)."""
    overlap = max(len(m) for m in _DOCTYPE) - 1
    tail = b""
    with zf.open(info) as member:
        while chunk := member.read(_SCAN_CHUNK):
            window = tail + chunk
            if any(marker in window for marker in _DOCTYPE):
                return True
            tail = window[-overlap:]
    return False


_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError, OSError)


def _reason(exc: Exception) -> str:
    return (exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)) or type(exc).__name__


def _mb(size: int) -> str:
    return f"{size / 2**20:,.1f} MB"


def _check_budget(path: str | Path, what: str, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse an archive with a part over :data:`MAX_PART_UNCOMPRESSED` unpacked, or XML parts over
    :data:`MAX_XML_UNCOMPRESSED` together, naming the part (the largest) and the limit. The sizes
    are the directory's: zipfile never unpacks more than a member declares."""
    if not infos:
        return
    largest = max(infos, key=lambda i: i.file_size)
    if largest.file_size > MAX_PART_UNCOMPRESSED:
        raise PlanParseError(
            path,
            largest.filename,
            Problem(
                "zip_part_budget", what=what, size=_mb(largest.file_size), limit=_mb(MAX_PART_UNCOMPRESSED)
            ),
        )
    xml = [i for i in infos if i.filename.lower().endswith((".xml", ".rels"))]
    total = sum(i.file_size for i in xml)
    if total > MAX_XML_UNCOMPRESSED:
        part = max(xml, key=lambda i: i.file_size)
        raise PlanParseError(
            path,
            part.filename,
            Problem(
                "zip_xml_budget", what=what, size=_mb(total), parts=len(xml), limit=_mb(MAX_XML_UNCOMPRESSED)
            ),
        )


def _bomb_reason(infos: list[zipfile.ZipInfo]) -> str:
    """Why the archive's directory looks like a zip bomb, or ``""``."""
    if len(infos) > MAX_MEMBERS:
        return f"{len(infos)} members, more than {MAX_MEMBERS}"
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL_UNCOMPRESSED:
        return f"it unpacks to {total / 2**20:.0f} MB, more than {MAX_TOTAL_UNCOMPRESSED // 2**20} MB"
    for i in infos:
        if i.file_size > RATIO_MIN_SIZE and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            return (
                f"{i.filename} unpacks {i.file_size // max(i.compress_size, 1)} times its "
                f"stored size, more than {MAX_RATIO}"
            )
    return ""


def _sniff_zip(path: Path) -> str:
    """ "docx" or "xlsx" for an Office archive; raise for every other zip."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            mimetype = ""
            if "mimetype" in names and zf.getinfo("mimetype").file_size < 256:
                mimetype = zf.read("mimetype").decode("ascii", "replace").strip()
    except (FileNotFoundError, PermissionError, IsADirectoryError) as exc:
        raise PlanParseError(path, None, Problem("cannot_read", reason=exc)) from None
    except _ZIP_ERRORS as exc:
        raise PlanParseError(
            path,
            None,
            f"a damaged {_guess_office(path)} (not a readable zip archive: {_reason(exc)}); {_DAMAGED}",
        ) from None
    except Exception as exc:  # zlib.error from a corrupt "mimetype" member
        raise PlanParseError(path, None, f"a damaged {_guess_office(path)} ({exc})") from None
    lower = {n.lower() for n in names}
    if "word/document.xml" in lower:
        return "docx"
    if "xl/workbook.xml" in lower:
        return "xlsx"
    if "xl/workbook.bin" in lower:
        raise PlanParseError(path, None, Problem("xlsb"))
    if any(n.startswith("ppt/") for n in lower):
        raise PlanParseError(path, None, Problem("pptx"))
    if mimetype in _ODF:
        raise PlanParseError(path, None, _ODF[mimetype])
    if mimetype.startswith("application/vnd.oasis.opendocument"):
        raise PlanParseError(
            path,
            None,
            f"an OpenDocument file ({mimetype}), not a plan: give the plan's Word, Excel or PDF file",
        )
    if any(n.startswith("word/") for n in lower):
        raise PlanParseError(
            path,
            None,
            "a damaged Word file: it has no word/document.xml "
            "(the document's text); open it in Word and save it again",
        )
    if "[content_types].xml" in lower:
        raise PlanParseError(
            path,
            None,
            "an Office file without a Word document or Excel workbook in it "
            "(damaged, or another kind of Office file): open it in Word or Excel, "
            "save it as .docx or .xlsx and give that file",
        )
    raise PlanParseError(path, None, Problem("zip"))


def _guess_office(path: Path) -> str:
    """ "Word file", "Excel file" or "zip archive (Word or Excel file?)" from the raw bytes."""
    try:
        data = path.read_bytes()[: 8 << 20]
    except OSError:
        data = b""
    if b"word/" in data:
        return "Word file"
    if b"xl/" in data:
        return "Excel file"
    return "zip archive (Word or Excel file?)"


def _refuse_ole2(path: Path) -> None:
    """Raise for an OLE2 compound file: an encrypted Office file or a legacy .doc/.xls."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PlanParseError(path, None, Problem("cannot_read", reason=exc)) from None

    def has(name: str) -> bool:
        return name.encode("utf-16-le") in data

    if has("EncryptedPackage") or has("EncryptionInfo"):
        raise PlanParseError(path, None, Problem("office_password"))
    if has("WordDocument"):
        what = Problem("legacy_doc")
    elif has("Workbook") or has("Book"):
        what = Problem("legacy_xls")
    elif has("PowerPoint Document"):
        what = "a legacy PowerPoint (.ppt) file, not a plan: give the plan's Word, Excel or PDF file"
    else:
        what = "a legacy Word 97–2003 (.doc) or Excel (.xls) file: open it and save it as .docx (or .xlsx)"
    raise PlanParseError(path, None, what)


#: Image formats read as scanned pages (:mod:`.read_image`); HEIF/AVIF (a phone's default) are not.
READABLE_IMAGES = ("PNG", "JPEG", "TIFF", "BMP", "GIF", "WebP")
_HEIF = re.compile(rb"^....ftyp(heic|heix|hevc|mif1|avif)", re.DOTALL)


def _image_kind(head: bytes, path: Path) -> str:
    """The image format named by the magic number, or ``""``."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "GIF"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "TIFF"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "WebP"
    if _HEIF.match(head):
        return "HEIF/AVIF"
    if head.startswith(b"BM") and len(head) >= 14 and head[6:10] == b"\x00\x00\x00\x00":
        # "BM" also starts text ("BMW …"): require the header's file size to match.
        try:
            size = path.stat().st_size
        except OSError:
            size = -1
        if int.from_bytes(head[2:6], "little") == size:
            return "BMP"
    return ""
