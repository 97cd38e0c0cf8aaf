"""An e-signed plan's number and date are stamped as signature fields over the blanks left for them:
they are read as the page shows them ("Số: 277/KH-UBND", "ngày 14 tháng 7"), never lost, and the
blanks under them do not split the number. A hidden field is not read."""

from __future__ import annotations

from pathlib import Path

import pytest

from plan132lib import load_plan
from plan132lib.ingest.read_pdf import read_pdf

REAL = Path(__file__).resolve().parents[2].parent / "shared" / "real" / "hanoi.pdf"


def _pdf(path: Path, stamps: list[tuple[str, tuple[int, int, int, int], int]]) -> Path:
    """A one-page PDF: a header with blanks, and a widget annotation per stamp (text, rect, flags)
    whose appearance draws the text."""
    content = (
        b"BT /F1 12 Tf 72 720 Td (So:            /KH-UBND) Tj ET\n"
        b"BT /F1 12 Tf 300 720 Td (Ha Noi, ngay        thang 7 nam 2026) Tj ET\n"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        None,  # the page, once the annotations are numbered
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream",
    ]
    annots = []
    for text, rect, flags in stamps:
        drawn = b"BT /F1 12 Tf 1 4 Td (%s) Tj ET" % text.encode()
        objects.append(
            b"<< /Type /XObject /Subtype /Form /BBox [0 0 %d %d] /Resources << /Font << /F1 4 0 R >> >> "
            % (rect[2] - rect[0], rect[3] - rect[1])
            + b"/Length %d >>\nstream\n" % len(drawn)
            + drawn
            + b"\nendstream"
        )
        objects.append(
            b"<< /Type /Annot /Subtype /Widget /FT /Sig /F %d /Rect [%d %d %d %d] /AP << /N %d 0 R >> >>"
            % (flags, *rect, len(objects))
        )
        annots.append(b"%d 0 R" % len(objects))
    objects[2] = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R "
        b"/Resources << /Font << /F1 4 0 R >> >> /Annots [" + b" ".join(annots) + b"] >>"
    )
    out, offsets = bytearray(b"%PDF-1.7\n"), []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def test_stamped_fields_are_read_as_the_page_shows_them(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "signed.pdf", [("277", (92, 716, 140, 734), 4), ("14", (366, 716, 390, 734), 4)])
    text = [p.text for p in read_pdf(path).paras]
    assert any(t.startswith("So:") and "277 /KH-UBND" in t and "2 7" not in t for t in text), text
    assert any("ngay" in t and "14" in t for t in text), text


def test_a_hidden_field_is_not_read(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "hidden.pdf", [("999", (92, 716, 140, 734), 2)])
    assert not any("999" in p.text for p in read_pdf(path).paras)


@pytest.mark.skipif(not REAL.exists(), reason="the real plans of ../shared/real are not here")
def test_the_real_e_signed_plan_has_its_number_and_date() -> None:
    plan = load_plan(REAL)
    assert plan.meta_value("number") == "277/KH-UBND" and plan.meta_value("date") == "2026-07-14"
    assert plan.citation("vi").startswith("Kế hoạch 277/KH-UBND ngày 14/7/2026")
