"""Read a Word (.docx) plan into a :class:`~.document.Document`.

The body is walked in order: paragraphs and tables, also inside content
controls (``w:sdt``), across all sections (a portrait body and a landscape
appendix are one body). Headers, footers, text boxes, footnotes and comments
are not body text and are left out.

Places, as a person finds them in Word:

- ``paragraph n``: n counts every paragraph of the body, empty ones included
  (with formatting marks shown, each ¶ counts); paragraphs inside tables are
  not counted. Empty paragraphs give no block but keep their number.
- ``table t``, ``table t, row r``, ``table t, row r, column c``: t counts the
  body's tables (a table nested in a cell is not counted: its text is part of
  the cell); r counts the table's rows; c is the grid column, so a cell merged
  across two columns is column c and the next cell column c + 2.

What a person sees is what is read: Word's automatic numbering ("I.", "1.",
"a)" made by a list style rather than typed) is written out in front of the
text; tracked insertions count, tracked deletions and hidden text do not. Tabs
and line breaks in body text become spaces (runs of spaces become one); in a
cell a line break is a new line, like a paragraph break.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..errors import PlanParseError
from .detect import check_zip, sniff
from .document import Cell, Document, Para, Ref, Row, Table
from .source import clean_text

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

_P, _TBL, _TR, _TC, _R = (_W + t for t in ("p", "tbl", "tr", "tc", "r"))
_SDT, _SDT_CONTENT, _CUSTOM_XML = _W + "sdt", _W + "sdtContent", _W + "customXml"
_TEXT = {_W + "t", _M + "t"}
_TABS = {_W + "tab", _W + "ptab"}
_BREAKS = {_W + "br", _W + "cr"}
#: Elements whose content is not running text of the paragraph: properties, deleted
#: or moved-away text, field codes, drawings and text boxes, note and comment marks.
_SKIP = {
    _W + t
    for t in (
        "pPr",
        "rPr",
        "del",
        "moveFrom",
        "instrText",
        "delText",
        "drawing",
        "pict",
        "object",
        "txbxContent",
        "footnoteReference",
        "endnoteReference",
        "commentReference",
        "fldChar",
        "annotationRef",
        "sectPr",
        "sdtPr",
        "sdtEndPr",
        "customXmlPr",
        "rt",
    )
} | {_MC + "AlternateContent"}
_ON = {None, "1", "true", "on"}
_HEADING_NAME = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
_SPACES = re.compile(" {2,}")

_WHAT = {"text": "a text file", "pdf": "a PDF file", "xlsx": "an Excel workbook"}


def read_docx(path: str | Path) -> Document:
    """Read a Word document into paragraphs and tables, in reading order.

    Raises :class:`PlanParseError` for a file that is not a Word document (see
    :func:`.detect.sniff`), an unsafe or damaged archive, or malformed XML.
    """
    kind = sniff(path)
    if kind != "docx":
        raise PlanParseError(path, None, f"not a Word file: it is {_WHAT[kind]}; read it as such")
    check_zip(path, "docx")
    body, styles_el, numbering_el = _open(path)
    reader = _Reader(_Styles(styles_el), _Numbering(numbering_el))
    blocks: list[Para | Table] = []
    reader.body(body, blocks)
    return Document(path=str(path), kind="docx", blocks=blocks)


def _open(path: str | Path) -> tuple[Any, Any, Any]:
    """The body, styles and numbering elements of the main document part.

    Only these three parts are parsed (headers, footers, theme and the rest are not
    needed), found through the package's relationships as Word finds them.
    """
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False)
    try:
        with zipfile.ZipFile(path) as zf:
            names = {n.lower(): n for n in zf.namelist()}

            def read(name: str | None) -> Any:
                if name is None or name.lower() not in names:
                    return None
                return etree.fromstring(zf.read(names[name.lower()]), parser)

            main = _rel_target(read, "_rels/.rels", "officeDocument") or "word/document.xml"
            folder, base = posixpath.split(main)
            own_rels = posixpath.join(folder, "_rels", base + ".rels")
            root = read(main)
            if root is None:
                raise PlanParseError(
                    path,
                    None,
                    f"a damaged Word file: its main part {main} is missing; "
                    "open it in Word and save it again",
                )
            styles = read(_rel_target(read, own_rels, "styles"))
            numbering = read(_rel_target(read, own_rels, "numbering"))
    except PlanParseError:
        raise
    except etree.XMLSyntaxError as exc:
        raise PlanParseError(
            path,
            None,
            f"a damaged Word file: its XML is not well-formed ({exc}); open it in Word and save it again",
        ) from None
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, zlib.error) as exc:
        raise PlanParseError(
            path, None, f"a damaged Word file ({exc}); open it in Word and save it again"
        ) from None
    body = root.find(_W + "body")
    if body is None or root.tag != _W + "document":
        raise PlanParseError(
            path,
            None,
            "a damaged Word file: the document has no body (or it is not "
            "a WordprocessingML document); open it in Word and save it again",
        )
    return body, styles, numbering


def _rel_target(read: Any, rels_name: str, kind: str) -> str | None:
    """The part a relationship of type ``…/kind`` in ``rels_name`` points to, as a zip member name."""
    rels = read(rels_name)
    if rels is None:
        return None
    folder = posixpath.dirname(posixpath.dirname(rels_name))  # "word/_rels/x.rels" → "word"
    for rel in rels:
        if (rel.get("Type") or "").endswith("/" + kind) and rel.get("TargetMode") != "External":
            target = rel.get("Target") or ""
            if target.startswith("/"):
                return target.lstrip("/")
            return posixpath.normpath(posixpath.join(folder, target))
    return None


def _on(el: Any) -> bool:
    """An on/off property element (``<w:b/>``, ``<w:b w:val="0"/>``) read as a bool."""
    return el.get(_W + "val") in _ON


@dataclass
class _Style:
    name: str
    based_on: str | None
    bold: bool | None
    outline: int | None
    num: tuple[str, int | None] | None


class _Styles:
    """Bold, heading level and list numbering of the document's styles, through ``basedOn``."""

    def __init__(self, root: Any) -> None:
        self.styles: dict[str, _Style] = {}
        self.default_para: str | None = None
        self.default_bold = False
        if root is None:
            return
        b = root.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}b")
        self.default_bold = b is not None and _on(b)
        for s in root.iterchildren(_W + "style"):
            sid = s.get(_W + "styleId")
            if sid is None:
                continue
            name = s.find(_W + "name")
            based = s.find(_W + "basedOn")
            b = s.find(f"{_W}rPr/{_W}b")
            outline = s.find(f"{_W}pPr/{_W}outlineLvl")
            self.styles[sid] = _Style(
                name=(name.get(_W + "val") or "") if name is not None else "",
                based_on=based.get(_W + "val") if based is not None else None,
                bold=None if b is None else _on(b),
                outline=_int(outline.get(_W + "val")) if outline is not None else None,
                num=_num_pr(s.find(f"{_W}pPr/{_W}numPr")),
            )
            if s.get(_W + "type") == "paragraph" and s.get(_W + "default") in ("1", "true", "on"):
                self.default_para = sid

    def chain(self, sid: str | None) -> list[tuple[str, _Style]]:
        """The style and its bases, nearest first (cycles cut)."""
        out: list[tuple[str, _Style]] = []
        seen: set[str] = set()
        while sid is not None and sid in self.styles and sid not in seen:
            seen.add(sid)
            out.append((sid, self.styles[sid]))
            sid = self.styles[sid].based_on
        return out

    def bold(self, sid: str | None) -> bool | None:
        return next((s.bold for _, s in self.chain(sid) if s.bold is not None), None)

    def level(self, sid: str | None) -> int:
        """Heading level: "Heading N" → N, "Title" → 1, else the outline level + 1, else 0."""
        for _, s in self.chain(sid):
            m = _HEADING_NAME.match(s.name.strip())
            if m:
                return int(m.group(1))
            if s.name.strip().lower() == "title":
                return 1
        outline = next((s.outline for _, s in self.chain(sid) if s.outline is not None), None)
        return outline + 1 if outline is not None and 0 <= outline < 9 else 0

    def num(self, sid: str | None) -> tuple[str, int | None, str | None] | None:
        """(numId, ilvl or None, the style that carries it) from the style chain."""
        for s_id, s in self.chain(sid):
            if s.num is not None:
                return s.num[0], s.num[1], s_id
        return None


def _int(value: str | None, default: int | None = None) -> int | None:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _num_pr(el: Any) -> tuple[str, int | None] | None:
    if el is None:
        return None
    num_id = el.find(_W + "numId")
    ilvl = el.find(_W + "ilvl")
    if num_id is None:
        return None
    return num_id.get(_W + "val") or "0", _int(ilvl.get(_W + "val")) if ilvl is not None else None


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    suffix: str = " "
    style: str | None = None
    legal: bool = False


@dataclass
class _Numbering:
    """Word's automatic list numbers, counted in document order (per abstract list)."""

    root: Any
    abstract: dict[str, dict[int, _Level]] = field(default_factory=dict)
    nums: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    restarted: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        if self.root is None:
            return
        for a in self.root.iterchildren(_W + "abstractNum"):
            levels: dict[int, _Level] = {}
            for lvl in a.iterchildren(_W + "lvl"):
                levels[_int(lvl.get(_W + "ilvl"), 0) or 0] = _level(lvl)
            self.abstract[a.get(_W + "abstractNumId") or ""] = levels
        for n in self.root.iterchildren(_W + "num"):
            ref = n.find(_W + "abstractNumId")
            overrides: dict[int, int] = {}
            for o in n.iterchildren(_W + "lvlOverride"):
                start = o.find(_W + "startOverride")
                if start is not None:
                    overrides[_int(o.get(_W + "ilvl"), 0) or 0] = _int(start.get(_W + "val"), 1) or 0
            if ref is not None:
                self.nums[n.get(_W + "numId") or ""] = (ref.get(_W + "val") or "", overrides)

    def label(self, num_id: str, ilvl: int | None, style: str | None) -> str:
        """The number Word shows for the next paragraph of list ``num_id`` at ``ilvl``."""
        if num_id not in self.nums:
            return ""
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        if ilvl is None:  # numbering from a style: the level linked to that style
            ilvl = next((i for i, lv in levels.items() if style and lv.style == style), 0)
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.restarted:
            self.restarted.add(num_id)
            for lvl_no, start in overrides.items():
                counters[lvl_no] = start - 1
                for deeper in [k for k in counters if k > lvl_no]:
                    del counters[deeper]
        level = levels.get(ilvl, _Level())
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt == "bullet":
            return "" if _PRIVATE_USE.search(level.text) or not level.text.strip() else level.text + " "
        if level.fmt == "none" or not level.text:
            return ""

        def value(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            lv = levels.get(k, _Level())
            n = counters.get(k, lv.start)
            return _format_number(n, "decimal" if level.legal and k < ilvl else lv.fmt)

        return re.sub(r"%([1-9])", value, level.text) + level.suffix


def _level(lvl: Any) -> _Level:
    def val(tag: str) -> str | None:
        el = lvl.find(_W + tag)
        return el.get(_W + "val") if el is not None else None

    suffix = {"tab": " ", "space": " ", "nothing": ""}.get(val("suff") or "tab", " ")
    legal = lvl.find(_W + "isLgl")
    return _Level(
        start=_int(val("start"), 1) or 0,
        fmt=val("numFmt") or "decimal",
        text=val("lvlText") or "",
        suffix=suffix,
        style=val("pStyle"),
        legal=legal is not None and _on(legal),
    )


_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def _format_number(n: int, fmt: str) -> str:
    """A list number in Word's format (decimal, roman, letters; others as decimal)."""
    if fmt in ("upperRoman", "lowerRoman") and n > 0:
        out = ""
        for value, letters in _ROMAN:
            while n >= value:
                out += letters
                n -= value
        return out.upper() if fmt == "upperRoman" else out
    if fmt in ("upperLetter", "lowerLetter") and n > 0:
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


@dataclass
class _ParaText:
    text: str
    bold: bool


class _Reader:
    """Walks the body, numbering paragraphs and tables as a person counts them."""

    def __init__(self, styles: _Styles, numbering: _Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.n_para = 0
        self.n_table = 0

    def body(self, container: Any, blocks: list[Para | Table]) -> None:
        for child in container.iterchildren():
            if child.tag == _P:
                self.n_para += 1
                pt = self.paragraph(child, " ")
                if pt.text:
                    blocks.append(
                        Para(
                            pt.text,
                            Ref("paragraph", paragraph=self.n_para),
                            bold=pt.bold,
                            level=self.level(child),
                        )
                    )
            elif child.tag == _TBL:
                self.n_table += 1
                table = self.table(child, self.n_table)
                if table.rows:
                    blocks.append(table)
            elif child.tag in (_SDT, _CUSTOM_XML, _SDT_CONTENT):
                self.body(child, blocks)

    def style_of(self, p: Any) -> str | None:
        ps = p.find(f"{_W}pPr/{_W}pStyle")
        return ps.get(_W + "val") if ps is not None else self.styles.default_para

    def level(self, p: Any) -> int:
        level = self.styles.level(self.style_of(p))
        if level:
            return level
        outline = p.find(f"{_W}pPr/{_W}outlineLvl")
        value = _int(outline.get(_W + "val")) if outline is not None else None
        return value + 1 if value is not None and 0 <= value < 9 else 0

    def paragraph(self, p: Any, brk: str) -> _ParaText:
        """Text (numbering label included) and boldness of one paragraph.

        ``brk`` replaces a line break: a space in body text, "\\n" in a cell.
        """
        style = self.style_of(p)
        para_bold = self.styles.bold(style)
        parts: list[str] = []
        bolds: list[bool] = []

        def walk(el: Any) -> None:
            for child in el.iterchildren():
                tag = child.tag
                if not isinstance(tag, str) or tag in _SKIP:
                    continue
                if tag == _R:
                    rpr = child.find(_W + "rPr")
                    if rpr is not None:
                        vanish = rpr.find(_W + "vanish")
                        if vanish is not None and _on(vanish):
                            continue
                    before = len(parts)
                    walk(child)
                    if "".join(parts[before:]).strip():
                        bolds.append(self.run_bold(rpr, para_bold))
                elif tag in _TEXT:
                    parts.append(child.text or "")
                elif tag in _TABS:
                    parts.append(" ")
                elif tag in _BREAKS:
                    kind = child.get(_W + "type")
                    parts.append(" " if kind in ("page", "column") else brk)
                elif tag == _W + "noBreakHyphen":
                    parts.append("-")
                else:  # hyperlinks, insertions, fields, content controls, smart tags, math
                    walk(child)

        walk(p)
        text = _SPACES.sub(" ", clean_text("".join(parts)))  # tabs and runs of spaces are layout
        if brk == "\n":
            text = "\n".join(line.strip() for line in text.split("\n") if line.strip())
        else:
            text = text.strip()
        label = self.number_label(p, style)
        if label:
            text = clean_text(label) + text if text else clean_text(label).strip()
        return _ParaText(text, bool(bolds) and all(bolds))

    def number_label(self, p: Any, style: str | None) -> str:
        direct = _num_pr(p.find(f"{_W}pPr/{_W}numPr"))
        if direct is not None:
            num_id, ilvl = direct
            from_style = self.styles.num(style)
            if ilvl is None and from_style is not None:
                ilvl = from_style[1]
            carrier = style
        else:
            found = self.styles.num(style)
            if found is None:
                return ""
            num_id, ilvl, carrier = found
        if num_id == "0":
            return ""
        return self.numbering.label(num_id, ilvl, carrier)

    def run_bold(self, rpr: Any, para_bold: bool | None) -> bool:
        if rpr is not None:
            b = rpr.find(_W + "b")
            if b is not None:
                return _on(b)
            rs = rpr.find(_W + "rStyle")
            if rs is not None:
                bold = self.styles.bold(rs.get(_W + "val"))
                if bold is not None:
                    return bold
        return para_bold if para_bold is not None else self.styles.default_bold

    def cell_content(self, tc: Any) -> tuple[str, bool, bool]:
        """(text, bold, bold_head) of a cell: paragraphs joined with "\\n", nested tables flattened."""
        paras: list[_ParaText] = []

        def walk(el: Any) -> None:
            for child in el.iterchildren():
                if child.tag == _P:
                    pt = self.paragraph(child, "\n")
                    if pt.text:
                        paras.append(pt)
                elif child.tag in (_TBL, _TR, _TC, _SDT, _SDT_CONTENT, _CUSTOM_XML):
                    walk(child)

        walk(tc)
        text = "\n".join(p.text for p in paras)
        bold = bool(paras) and all(p.bold for p in paras)
        bold_head = bool(paras) and paras[0].bold and not bold
        return text, bold, bold_head

    def table(self, tbl: Any, t: int) -> Table:
        grid = len(tbl.findall(f"{_W}tblGrid/{_W}gridCol"))
        raw_rows: list[list[Cell]] = []
        above: dict[int, Cell] = {}  # grid column → the cell last seen there
        for r, tr in enumerate(_children(tbl, _TR), start=1):
            cells = self.row_cells(tr, Ref("row", table=t, row=r), above)
            above.update(enumerate(cells, start=1))
            raw_rows.append(cells)
        width = max([grid, *(len(c) for c in raw_rows)])
        rows = []
        for r, cells in enumerate(raw_rows, start=1):
            cells += [
                Cell("", Ref("cell", table=t, row=r, column=c)) for c in range(len(cells) + 1, width + 1)
            ]
            rows.append(Row(tuple(cells), Ref("row", table=t, row=r)))
        return Table(tuple(rows), Ref("table", table=t))

    def row_cells(self, tr: Any, where: Ref, above: dict[int, Cell]) -> list[Cell]:
        """The row's cells on the grid: merges resolved, ``gridBefore``/``gridAfter`` padded."""
        cells: list[Cell] = []

        def add(text: str = "", merged: str = "", bold: bool = False, bold_head: bool = False) -> None:
            ref = replace(where, kind="cell", column=len(cells) + 1)
            cells.append(Cell(text, ref, bold=bold, bold_head=bold_head, merged=merged))

        for _ in range(_tr_int(tr, "gridBefore")):
            add()
        for tc in _children(tr, _TC):
            tcpr = tc.find(_W + "tcPr")
            span = max(_tr_int(tc, "gridSpan", "tcPr"), 1)
            vmerge = tcpr.find(_W + "vMerge") if tcpr is not None else None
            hmerge = tcpr.find(_W + "hMerge") if tcpr is not None else None
            if hmerge is not None and hmerge.get(_W + "val") in (None, "continue"):
                add(merged="across")  # legacy horizontal merge
            elif vmerge is not None and vmerge.get(_W + "val") in (None, "continue"):
                top = above.get(len(cells) + 1)
                if top is not None and top.merged != "across":
                    add(top.text, "down", top.bold, top.bold_head)
                else:
                    add(merged="down")
            else:
                text, bold, bold_head = self.cell_content(tc)
                add(text, "", bold, bold_head)
            for _ in range(span - 1):
                add(merged="across")
        for _ in range(_tr_int(tr, "gridAfter")):
            add()
        return cells


def _children(el: Any, tag: str) -> list[Any]:
    """``tag`` children of ``el``, looking through content controls and custom XML."""
    out = []
    for child in el.iterchildren():
        if child.tag == tag:
            out.append(child)
        elif child.tag in (_SDT, _SDT_CONTENT, _CUSTOM_XML):
            out.extend(_children(child, tag))
    return out


def _tr_int(el: Any, tag: str, props: str = "trPr") -> int:
    """The integer ``w:val`` of ``props/tag`` (``trPr/gridBefore``, ``tcPr/gridSpan``), else 0."""
    found = el.find(f"{_W}{props}/{_W}{tag}")
    return (_int(found.get(_W + "val"), 0) or 0) if found is not None else 0
