"""The brief as an editable Word document (``brief.docx``, ``brief_en.docx``), as officials paste it
into a memo.

The layout of Nghị định 30/2020/NĐ-CP (issue 24): A4 with its margins (:data:`MARGINS`), Times New
Roman 13 pt and up throughout (the East-Asian and complex-script font names are set too, so
Vietnamese text keeps it), the header in two columns (on the left the kit's own name and that this
is not an official document; on the right the national name and motto, and the place and date),
the title centred, paragraphs justified with the first line indented, items as "- …", the
recommendations numbered 1..n in their order, the page number at the top from page 2. Every
section and every item of the brief is there (Word is for editing, so it runs to more than one
page); each chart follows the text it belongs to (:data:`DOCX_CHARTS`), enlarged from the ``page``
size so its text prints at 9.8 pt.

Byte-identical for the same input: core properties dated :func:`plan132lib.stamp.created`, zip
entries dated the same day.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Inches, Length, Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from matplotlib.figure import Figure

from ..charts.catalogue import by_section
from ..stamp import VERSION, created, prepared_on
from ..words import word
from .brief_pdf import ChartImage, chart_image
from .briefing import Brief

#: Office core properties (title, subject) hold at most 255 characters (python-docx, python-pptx).
CORE_PROPERTY_LIMIT = 255


def core_property(text: str) -> str:
    """A document property of at most :data:`CORE_PROPERTY_LIMIT` characters: a long title ends "…"."""
    text = " ".join(str(text).split())
    return text if len(text) <= CORE_PROPERTY_LIMIT else text[: CORE_PROPERTY_LIMIT - 1].rstrip() + "…"


def set_properties(doc: object, title: str, subject: str, lang: str, comments: str = "") -> None:
    """A Word document's core properties as every document of the kit sets them: the title, subject
    and comments cut to :data:`CORE_PROPERTY_LIMIT` (:func:`core_property`), plan132 as author, the
    day prepared (:func:`~plan132lib.stamp.created`) as every date, so the bytes are the same on
    every run."""
    props = doc.core_properties
    when = created().replace(tzinfo=None)
    props.title, props.subject = core_property(title), core_property(subject)
    props.author = props.last_modified_by = f"plan132 {VERSION}"
    props.created = props.modified = props.last_printed = when
    props.revision = 1
    props.language = lang
    props.comments = core_property(comments)
    props.keywords = props.category = ""


__all__ = [
    "BODY_PT",
    "DOCX_CHARTS",
    "FONT",
    "MARGINS",
    "NATION_PT",
    "brief_docx",
    "fixed_zip",
    "set_properties",
    "write_brief_docx",
]

FONT = "Times New Roman"
BODY_PT = 13.0  #: the body, the items and the recommendations (Nghị định 30/2020/NĐ-CP: 13–14 pt)
HEADER_PT = 13.0  #: the issuer's name on the left of the header (Nghị định 30: 12–13 pt)
NATION_PT = 12.0  #: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" on one line (Nghị định 30: 12–13 pt)
TITLE_PT = 14.0  #: the brief's title
MUTED = RGBColor(0x40, 0x40, 0x40)
#: (top, bottom, left, right) margins of an A4 page under Nghị định 30/2020/NĐ-CP: top and bottom
#: 20–25 mm, left 30–35 mm, right 15–20 mm.
MARGINS = (Mm(20), Mm(20), Mm(30), Mm(15))
FIRST_LINE = Mm(10)  #: the first-line indent of a paragraph (Nghị định 30: 1–1.27 cm)
CHART_SCALE = 1.4  #: the ``page``-size charts enlarged: their 7 pt text prints at 9.8 pt
#: The brief's charts after the section they belong to; one whose section the brief does not have
#: goes after the last section.
DOCX_CHARTS: dict[str, tuple[str, ...]] = by_section()


def fixed_zip(data: bytes, when: datetime.datetime) -> bytes:
    """An Office file (a zip) rewritten with every entry dated ``when``, the same bytes on any OS."""
    out = io.BytesIO()
    stamp = when.timetuple()[:6]
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for name in source.namelist():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o600 << 16
            target.writestr(info, source.read(name))
    return out.getvalue()


def _font(
    element: object,
    size: float | None = None,
    *,
    bold: bool | None = None,
    italic: bool | None = None,
    color: RGBColor | None = None,
) -> None:
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


def _paragraph(
    doc: object,
    text: str = "",
    *,
    size: float = BODY_PT,
    bold: bool = False,
    italic: bool = False,
    align: int | None = WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent: bool = True,
    before: float = 6,
    color: RGBColor | None = None,
    container: object = None,
) -> Paragraph:
    """A paragraph of ``text`` in Times New Roman (justified, the first line indented, 6 pt before,
    single spacing: Nghị định 30/2020/NĐ-CP), added to ``container`` (a table cell) or the document."""
    paragraph: Paragraph = (container or doc).add_paragraph()  # type: ignore[attr-defined]
    _spacing(paragraph.paragraph_format, before, 0, 1.0)
    if align is not None:
        paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = FIRST_LINE
    if text:
        _font(paragraph.add_run(text), size, bold=bold, italic=italic, color=color)
    return paragraph


def _short_rule(paragraph: Paragraph, width: Length, length: Length) -> None:
    """A line under the header's names, ``length`` long in a column ``width`` wide, centred."""
    indent = Emu(int((width - length) / 2))
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = indent
    _spacing(fmt, 0, 0, 1.0)
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    p_pr.append(borders)
    _font(paragraph.add_run(), 2)  # the empty line is two points high


def _no_borders(table: object) -> None:
    tbl_pr = table._tbl.tblPr  # type: ignore[attr-defined]
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "nil")
        borders.append(edge)
    tbl_pr.append(borders)


def place_date(lang: str, place: str = "", day: datetime.date | None = None) -> str:
    """ "Hưng Yên, ngày 07 tháng 12 năm 2026" (day and months 1, 2 with a leading 0, Nghị định 30) or
    "Hưng Yên, 7 December 2026"; without a place, the date alone. ``day``: the day prepared."""
    day = day or prepared_on()
    if lang == "vi":
        fields = {
            "day": f"{day.day:02d}",
            "month": f"{day.month:02d}" if day.month < 3 else str(day.month),
            "year": day.year,
        }
    else:
        fields = {"day": day.day, "month": word(f"month.{day.month}", lang), "year": day.year}
    if place:
        return word("docx.place_date", lang, place=place, **fields)
    return word("docx.date", lang, **fields)


def nd30_document() -> tuple[object, Length]:
    """A new Word document in the layout of Nghị định 30/2020/NĐ-CP: A4, its margins, Times New Roman
    13 pt, page numbers at the top from page 2; with the width between its margins."""
    doc = Document()
    styles = doc.styles
    _font(styles["Normal"], BODY_PT)
    _spacing(styles["Normal"].paragraph_format, 0, 0, 1.0)
    _font(styles["Header"], BODY_PT)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = MARGINS
    section.header_distance = Mm(10)
    _page_numbers(section)
    return doc, Emu(int(section.page_width - section.left_margin - section.right_margin))


def nd30_header(
    doc: object,
    lang: str,
    width: Length,
    *,
    issuer: str,
    below: Sequence[tuple[str, float, bool]],
    date_line: str,
    left_share: float = 0.4,
) -> None:
    """The header of Nghị định 30/2020/NĐ-CP in two columns: on the left ``issuer`` (bold), a short
    line and the lines ``below`` it, each (text, size in pt, italic); on the right the national name
    and motto, a line under it, and ``date_line`` (place and date). ``left_share``: the left column's
    share of ``width``."""
    left_w = Emu(int(width * left_share))
    right_w = Emu(int(width - left_w))
    table = doc.add_table(rows=1, cols=2)  # type: ignore[attr-defined]
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    left, right = table.rows[0].cells
    for column, cell, cell_w in ((table.columns[0], left, left_w), (table.columns[1], right, right_w)):
        column.width = cell.width = cell_w  # the grid (LibreOffice) and the cell (Word)
    centre = WD_ALIGN_PARAGRAPH.CENTER
    first = left.paragraphs[0]
    _spacing(first.paragraph_format, 0, 0, 1.0)
    first.alignment = centre
    _font(first.add_run(issuer), HEADER_PT, bold=True)
    _short_rule(_paragraph(doc, container=left, align=centre, indent=False, before=0), left_w, Mm(25))
    for text, size, italic in below:
        _paragraph(doc, text, size=size, italic=italic, align=centre, indent=False, before=3, container=left)
    first = right.paragraphs[0]
    _spacing(first.paragraph_format, 0, 0, 1.0)
    first.alignment = centre
    _font(first.add_run(word("docx.nation", lang)), NATION_PT, bold=True)
    _paragraph(
        doc,
        word("docx.motto", lang),
        size=14,
        bold=True,
        align=centre,
        indent=False,
        before=0,
        container=right,
    )
    _short_rule(_paragraph(doc, container=right, align=centre, indent=False, before=0), right_w, Mm(55))
    _paragraph(doc, date_line, size=14, italic=True, align=centre, indent=False, before=6, container=right)


def _header(doc: object, lang: str, place: str, width: Length) -> None:
    """The brief's header: the kit, and that this is not an official document, as the issuer."""
    nd30_header(
        doc,
        lang,
        width,
        issuer=word("docx.issuer", lang),
        below=[(word("docx.issuer_note", lang), HEADER_PT, True)],
        date_line=place_date(lang, place),
    )


def _page_numbers(section: object) -> None:
    """The page number at the top centre from the second page on (Nghị định 30/2020/NĐ-CP)."""
    section.different_first_page_header_footer = True  # type: ignore[attr-defined]
    paragraph = section.header.paragraphs[0]  # type: ignore[attr-defined]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    _font(run, BODY_PT)
    for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        else:
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = text
            run._r.append(code)


def _picture(doc: object, name: str, chart: Figure | ChartImage | bytes, width: Length) -> None:
    """A chart, centred, :data:`CHART_SCALE` times its ``page`` size (never wider than the text), with
    its alt text for Word to read out."""
    image = chart_image(chart)
    paragraph = _paragraph(doc, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, before=6)
    picture = paragraph.add_run().add_picture(
        io.BytesIO(image.png), width=min(Inches(image.width * CHART_SCALE), width)
    )
    picture._inline.docPr.set("descr", image.alt)  # the alt text Word shows and reads out
    picture._inline.docPr.set("name", name)


def brief_docx(brief: Brief, charts: Mapping[str, Figure | ChartImage | bytes], place: str = "") -> bytes:
    """The brief as DOCX bytes in the layout of Nghị định 30/2020/NĐ-CP; ``charts`` holds the brief's
    charts by name (``page`` size), each placed after its section (:data:`DOCX_CHARTS`); ``place``:
    the place before the date in the header (the plan's province), else the date alone."""
    doc, width = nd30_document()
    styles = doc.styles  # type: ignore[attr-defined]
    _font(styles["Heading 1"], BODY_PT, bold=True, italic=False, color=RGBColor(0, 0, 0))
    _spacing(styles["Heading 1"].paragraph_format, 9, 0, 1.0)
    _header(doc, brief.lang, place, width)
    centre = WD_ALIGN_PARAGRAPH.CENTER
    title = doc.add_paragraph(brief.title, style="Heading 1")
    title.alignment = centre
    _font(title.runs[0], TITLE_PT, bold=True)
    _spacing(title.paragraph_format, 18, 0, 1.0)
    if brief.summary:
        _paragraph(doc, brief.summary, italic=True, align=centre, indent=False, before=3)
    _paragraph(doc, brief.prepared, italic=True, align=centre, indent=False, before=3, color=MUTED)

    keys = [s.key for s in brief.sections]
    homes = {name: key for key, names in DOCX_CHARTS.items() for name in names if key in keys}
    drawn = [name for name in brief.charts if name in charts]
    home = "coverage" if "coverage" in keys else (keys[-1] if keys else "")
    for s in brief.sections:
        heading = doc.add_paragraph(s.heading, style="Heading 1")
        heading.paragraph_format.keep_with_next = True
        if s.text:
            _paragraph(doc, s.text)
        for item in s.items:
            _paragraph(doc, f"- {item}")
        if brief.caveat and s.key == home:
            _paragraph(doc, brief.caveat, italic=True, color=MUTED)
        for name in drawn:
            if homes.get(name, keys[-1]) == s.key:
                _picture(doc, name, charts[name], width)
    heading = doc.add_paragraph(word("brief.h.recommendations", brief.lang), style="Heading 1")
    heading.paragraph_format.keep_with_next = True
    for i, rec in enumerate(brief.recommendations, 1):
        _paragraph(doc, f"{i}. {rec}")
    _paragraph(doc, brief.source, italic=True, indent=False, before=12, color=MUTED)

    set_properties(doc, brief.title, brief.summary, brief.lang)
    buffer = io.BytesIO()
    doc.save(buffer)
    return fixed_zip(buffer.getvalue(), created())


def write_brief_docx(
    brief: Brief, charts: Mapping[str, Figure | ChartImage | bytes], path: str | Path, place: str = ""
) -> Path:
    """Write :func:`brief_docx` to ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(brief_docx(brief, charts, place))
    return path
