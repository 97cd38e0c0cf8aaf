"""The brief as an editable Word document (``brief.docx``, ``brief_en.docx``), as officials paste it
into a memo.

A4, Times New Roman throughout (the East-Asian and complex-script font names are set too, so
Vietnamese text keeps it), the title and the section headings as Word's heading styles, the
recommendations as a numbered list, the charts as pictures. The title block spans the page; the
rest runs in two newspaper columns so the page holds the text and the brief's charts (drawn at the
``page`` size, one column wide) as ``brief.pdf`` does. Word lays the page out itself, so the body
size is chosen from the length of the text (:data:`BODY_SIZES`); the bundled plan, the 300-task
variant and a city's plan are checked to fit one page in LibreOffice.

Byte-identical for the same input: core properties dated :func:`plan132lib.stamp.created`, zip
entries dated the same day.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Mapping
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from matplotlib.figure import Figure

from ..stamp import VERSION, created
from ..words import word
from .brief_pdf import ChartImage, chart_image
from .briefing import Brief

#: Office core properties (title, subject) hold at most 255 characters (python-docx, python-pptx).
CORE_PROPERTY_LIMIT = 255


def core_property(text: str) -> str:
    """A document property of at most :data:`CORE_PROPERTY_LIMIT` characters: a long title ends "…"."""
    text = " ".join(str(text).split())
    return text if len(text) <= CORE_PROPERTY_LIMIT else text[: CORE_PROPERTY_LIMIT - 1].rstrip() + "…"

__all__ = ["BODY_SIZES", "FONT", "brief_docx", "fixed_zip", "write_brief_docx"]

FONT = "Times New Roman"
BLUE = RGBColor(0x00, 0x4C, 0x7A)
# (at most this many characters of text, body size in pt): the first that holds the brief's text.
BODY_SIZES: tuple[tuple[int, float], ...] = ((2400, 10.5), (3000, 10.0), (3600, 9.5), (4200, 9.0),
                                              (4800, 8.5), (10**9, 8.0))
MARGIN = Mm(13)
CHART_SCALE = 0.86  # the page-size charts a little smaller than drawn: 7 pt labels print at 6 pt
COLUMN_GAP = Mm(6)


def fixed_zip(data: bytes, when: datetime.datetime) -> bytes:
    """An Office file (a zip) rewritten with every entry dated ``when``, the same bytes on any OS."""
    out = io.BytesIO()
    stamp = when.timetuple()[:6]
    with (zipfile.ZipFile(io.BytesIO(data)) as source,
          zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target):
        for name in source.namelist():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o600 << 16
            target.writestr(info, source.read(name))
    return out.getvalue()


def _font(element: object, size: float | None = None, *, bold: bool | None = None,
          italic: bool | None = None, color: RGBColor | None = None) -> None:
    """Times New Roman for every script of a style's or run's font (and size, weight, colour)."""
    font = element.font  # type: ignore[attr-defined]
    font.name = FONT
    r_pr = element.element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    if size is not None:
        font.size = Pt(size)
        cs = r_pr.find(qn("w:szCs"))
        if cs is None:
            cs = OxmlElement("w:szCs")
            r_pr.append(cs)
        cs.set(qn("w:val"), str(round(size * 2)))
    if bold is not None:
        font.bold = bold
    if italic is not None:
        font.italic = italic
    if color is not None:
        font.color.rgb = color


def _spacing(paragraph_format: object, before: float = 0, after: float = 0, line: float = 1.0) -> None:
    fmt = paragraph_format
    fmt.space_before = Pt(before)  # type: ignore[attr-defined]
    fmt.space_after = Pt(after)  # type: ignore[attr-defined]
    fmt.line_spacing = line  # type: ignore[attr-defined]


def _columns(section: object, n: int) -> None:
    cols = section._sectPr.find(qn("w:cols"))  # type: ignore[attr-defined]
    if cols is None:
        cols = OxmlElement("w:cols")
        section._sectPr.append(cols)  # type: ignore[attr-defined]
    cols.set(qn("w:num"), str(n))
    cols.set(qn("w:space"), str(int(COLUMN_GAP.twips)))


def _text_length(brief: Brief) -> int:
    parts = [brief.caveat, brief.source, *brief.recommendations]
    for s in brief.sections:
        parts += [s.heading, s.text, *s.items]
    return sum(len(p) for p in parts)


def brief_docx(brief: Brief, charts: Mapping[str, Figure | ChartImage | bytes]) -> bytes:
    """The brief as DOCX bytes; ``charts`` holds the brief's charts by name (``page`` size)."""
    body = next(size for limit, size in BODY_SIZES if _text_length(brief) <= limit)
    doc = Document()
    styles = doc.styles
    _font(styles["Normal"], body)
    _spacing(styles["Normal"].paragraph_format, 0, 0.8, 1.0)
    for name, size, color in (("Title", body + 3.5, BLUE), ("Heading 1", body + 1.5, BLUE),
                              ("List Bullet", body, None), ("List Number", body, None)):
        _font(styles[name], size, bold=name in ("Title", "Heading 1"), color=color)
    _spacing(styles["Title"].paragraph_format, 0, 2, 1.0)
    _spacing(styles["Heading 1"].paragraph_format, body * 0.45, 0.5, 1.0)
    for name in ("List Bullet", "List Number"):
        _spacing(styles[name].paragraph_format, 0, 0.5, 1.0)
        styles[name].paragraph_format.left_indent = Inches(0.17)
        styles[name].paragraph_format.first_line_indent = Inches(-0.17)
    title_style = styles["Title"].element
    border = title_style.find(qn("w:pPr"))
    if border is not None:  # the default Title has a bottom border and a large font; keep it plain
        for child in list(border):
            if child.tag == qn("w:pBdr"):
                border.remove(child)

    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)
    doc.add_paragraph(brief.title, style="Title")
    if brief.summary:
        _font(doc.add_paragraph().add_run(brief.summary), italic=True)
    prepared = doc.add_paragraph().add_run(brief.prepared)
    _font(prepared, body - 1.5, color=RGBColor(0x55, 0x55, 0x55))

    text = doc.add_section(WD_SECTION.CONTINUOUS)
    _columns(text, 2)
    home = "coverage" if any(s.key == "coverage" for s in brief.sections) else (
        brief.sections[-1].key if brief.sections else "")
    for s in brief.sections:
        heading = doc.add_paragraph(s.heading, style="Heading 1")
        heading.paragraph_format.keep_with_next = True
        if s.text:
            doc.add_paragraph(s.text)
        for item in s.items:
            doc.add_paragraph(item, style="List Bullet")
        if brief.caveat and s.key == home:
            _keep_with_previous(doc)
            _font(doc.add_paragraph().add_run(brief.caveat), body - 0.5, italic=True,
                  color=RGBColor(0x55, 0x55, 0x55))
    heading = doc.add_paragraph(word("brief.h.recommendations", brief.lang), style="Heading 1")
    heading.paragraph_format.keep_with_next = True
    for rec in brief.recommendations:
        doc.add_paragraph(rec, style="List Number")
    _font(doc.add_paragraph().add_run(brief.source), body - 1.5, color=RGBColor(0x55, 0x55, 0x55))
    column = (Mm(210) - 2 * MARGIN - COLUMN_GAP) / 2
    for name in brief.charts:
        if name not in charts:
            continue
        image = chart_image(charts[name])
        paragraph = doc.add_paragraph()
        _spacing(paragraph.paragraph_format, 3, 0, 1.0)
        run = paragraph.add_run()
        width = min(Inches(image.width * CHART_SCALE), column)
        picture = run.add_picture(io.BytesIO(image.png), width=width)
        picture._inline.docPr.set("descr", image.alt)  # the alt text Word shows and reads out
        picture._inline.docPr.set("name", name)

    props = doc.core_properties
    when = created().replace(tzinfo=None)
    props.title, props.subject = core_property(brief.title), core_property(brief.summary)
    props.author = props.last_modified_by = f"plan132 {VERSION}"
    props.created = props.modified = props.last_printed = when
    props.revision = 1
    props.language = brief.lang
    props.comments = props.keywords = props.category = ""
    buffer = io.BytesIO()
    doc.save(buffer)
    return fixed_zip(buffer.getvalue(), created())


def _keep_with_previous(doc: object) -> None:
    """Keep the last paragraph on the page of the next one (the caveat stays with its paragraph)."""
    paragraphs: list[Paragraph] = doc.paragraphs  # type: ignore[attr-defined]
    if paragraphs:
        paragraphs[-1].paragraph_format.keep_with_next = True


def write_brief_docx(brief: Brief, charts: Mapping[str, Figure | ChartImage | bytes],
                     path: str | Path) -> Path:
    """Write :func:`brief_docx` to ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(brief_docx(brief, charts))
    return path
