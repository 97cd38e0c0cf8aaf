"""Plans scanned or photographed to image files (PNG, JPEG, TIFF): read as a scanned PDF is.

The images are made here from the committed scan ``tests/fixtures/documents/scans/appendix_scan.pdf``
(two landscape pages at 200 dpi): a two-page TIFF that states its resolution, and a JPEG of one
page that states none, as a phone's photo does. Each must give the tasks the scanned PDF gives.
"""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image

from plan132lib import load_plan
from plan132lib.errors import PlanParseError
from plan132lib.ingest import ocr
from plan132lib.ingest.detect import sniff
from plan132lib.ingest.read_image import A4_LONG_INCHES, page_dpi
from plan132lib.words import say_error

SCAN = Path(__file__).resolve().parents[1] / "fixtures" / "documents" / "scans" / "appendix_scan.pdf"
needs_tesseract = pytest.mark.skipif(
    bool(ocr.missing()), reason="Tesseract with its Vietnamese model is not installed"
)


def _pages() -> list[Image.Image]:
    pdf = pdfium.PdfDocument(SCAN)
    return [pdf[k].render(scale=200 / 72, grayscale=True).to_pil() for k in range(len(pdf))]


@pytest.fixture(scope="module")
def images(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("images")
    pages = _pages()
    tiff, jpeg = folder / "appendix.tiff", folder / "appendix_page1.jpg"
    pages[0].save(tiff, save_all=True, append_images=pages[1:], dpi=(200, 200), compression="tiff_lzw")
    pages[0].convert("RGB").save(jpeg, quality=90)  # no resolution stated
    return {"tiff": tiff, "jpeg": jpeg}


def _cells(plan) -> list[tuple[str, str, str, str]]:
    t = plan.tasks
    return list(zip(t["task_id"], t["lead_raw"], t["coordinate_raw"], t["timeline_raw"], strict=True))


def test_image_files_are_told_by_their_content(images: dict[str, Path], tmp_path: Path) -> None:
    assert sniff(images["tiff"]) == sniff(images["jpeg"]) == "image"
    disguised = tmp_path / "plan.docx"  # a PNG named as a Word file
    Image.new("L", (50, 50), 255).save(disguised, "PNG")
    assert sniff(disguised) == "image"


def test_a_resolution_is_taken_when_plausible_else_the_page_is_a4() -> None:
    scanned = Image.new("L", (1654, 2339))
    scanned.info["dpi"] = (200, 200)
    assert page_dpi(scanned) == 200
    photo = Image.new("L", (3000, 4000))
    photo.info["dpi"] = (72, 72)  # a camera's default: 55 inches long, no page
    assert page_dpi(photo) == pytest.approx(4000 / A4_LONG_INCHES)
    assert page_dpi(Image.new("L", (3000, 4000))) == pytest.approx(4000 / A4_LONG_INCHES)


@needs_tesseract
def test_a_multi_page_tiff_reads_as_the_scanned_pdf(images: dict[str, Path]) -> None:
    from_pdf, from_tiff = load_plan(SCAN), load_plan(images["tiff"])
    assert from_tiff.kind == "image" and from_tiff.path == str(images["tiff"])
    assert _cells(from_tiff) == _cells(from_pdf)
    assert from_tiff.tasks["source_ref"].str.startswith("page ").all()
    said = [dict(n.fields) for n in from_tiff.document.notes if n.key == "ocr_pages"]
    assert said and said[0]["file"] == "appendix.tiff" and said[0]["pages"] == "1–2"
    image = from_tiff.show(from_tiff.tasks["task_id"].iloc[0])
    assert image.width > 500 and 30 < image.height < 200  # one row, the whole table wide


@needs_tesseract
def test_a_photo_without_a_resolution_is_read_as_an_a4_page(images: dict[str, Path]) -> None:
    from_pdf, from_jpeg = load_plan(SCAN), load_plan(images["jpeg"])
    refs = from_pdf.tasks["source_ref"]
    want = [c for c, ref in zip(_cells(from_pdf), refs, strict=True) if "page 2" not in ref]
    got = _cells(from_jpeg)
    assert len(want) >= 3 and got[: len(want)] == want


def test_with_ocr_off_an_image_is_refused_saying_why(images: dict[str, Path]) -> None:
    with pytest.raises(PlanParseError) as err:
        load_plan(images["jpeg"], ocr="never")
    assert "appendix_page1.jpg" in str(err.value) and "--ocr never" in str(err.value)
    assert "OCR đang tắt" in say_error(err.value, "vi")


def test_a_damaged_image_or_an_unread_format_is_refused_naming_the_file(tmp_path: Path) -> None:
    whole = io.BytesIO()
    Image.new("L", (400, 400), 200).save(whole, "PNG")
    cut = tmp_path / "cut.png"
    cut.write_bytes(whole.getvalue()[:120])
    with pytest.raises(PlanParseError) as err:
        load_plan(cut)
    assert "cut.png" in str(err.value) and "không mở được tệp ảnh" in say_error(err.value, "vi")
    heif = tmp_path / "photo.heic"
    heif.write_bytes(b"\x00\x00\x00\x18ftypheic" + b"\x00" * 64)
    with pytest.raises(PlanParseError) as err:
        load_plan(heif)
    assert "HEIF" in str(err.value) and "JPEG, PNG or PDF" in str(err.value)


@needs_tesseract
def test_the_brief_of_a_scanned_plan_says_it_was_read_by_ocr(images: dict[str, Path]) -> None:
    from plan132lib.analysis.findings import findings_of
    from plan132lib.render import briefing

    plan = load_plan(images["tiff"])
    source = briefing.brief(plan, None, "vi", findings_of(plan)).source
    assert "(tệp appendix.tiff)" in source
    assert "Trang 1–2 được đọc từ ảnh quét bằng nhận dạng chữ (OCR)" in source
    assert "OCR" not in briefing.brief(load_plan(), None, "vi", findings_of(load_plan())).source
