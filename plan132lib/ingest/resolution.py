"""A resolution or decision read into its legal structure: articles, clauses, points, appendix rows.

Vietnamese legal texts (a National Assembly or Government resolution, a decision)
are laid out as articles ("Điều 2. Nhiệm vụ, giải pháp", also "Điều 2:"), clauses
("1." or "1)") and points ("a)", "b)", … in the Vietnamese letter order a b c d đ e
g h i k l m n o p q r s t u v x y). Sub-points ("- …", "+ …") and any other
unnumbered paragraph belong to the point, clause or article they follow. A
Government resolution often carries its action plan as a task table in its
"Phụ lục" (TT / Nhiệm vụ / Cơ quan chủ trì / Cơ quan phối hợp / Thời hạn / Sản
phẩm): its header is read by meaning with :func:`~.headers.column_of`, as a
plan's appendix is.

:func:`read_resolution` reads any format :func:`~.readers.read_document` reads;
:func:`parse_resolution` works on the :class:`~.document.Document`. Both return a
:class:`Resolution`, the structure only: what the entries mean (addressees,
targets, whether a province is concerned) is decided in
:mod:`plan132lib.analysis.catalogue_from_text`.

Paragraphs are split where a numbering label follows the end of a sentence inside
them ("…: a) …; b) …"): a Word paragraph whose points are typed on lines separated
by manual line breaks, or a PDF paragraph joined across a label, gives the same
structure as one paragraph per point. Errors (:class:`~plan132lib.errors.PlanParseError`)
name the file and the place: a point out of letter order (a letter repeated or going
back), an article or clause number twice, an appendix row id twice, a document with
neither articles nor an appendix task table. A gap in the letters ("a)" then "đ)", as in
an excerpt) is read as written and noted in :attr:`Resolution.warnings`
(:class:`ReadingWarning`, naming the file and the line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import PlanParseError
from ..words import Problem, place
from .document import Document, Para, Ref, Table
from .structure import ParsedPlan, where
from .task_table import LETTERS, read_header, read_task_table

ARTICLE = re.compile(r"^Điều\s+(?P<n>\d{1,3})\s*[.:]\s*(?P<rest>.*)$", re.S)
CLAUSE = re.compile(r"^(?P<n>\d{1,2})\s*[.)]\s+(?P<rest>\S.*)$", re.S)
POINT = re.compile(r"^(?P<l>[a-zđ])\)\s+(?P<rest>\S.*)$", re.S)
#: A numbering label right after the end of a sentence, inside a paragraph.
_INLINE = re.compile(r"(?<=[.;:])\s+(?=(?:Điều\s+\d{1,3}\s*[.:]|\d{1,2}\s*[.)]|[a-zđ]\))\s)")
#: Where the articles end: the closing formula, recipients, signature, the appendix.
_END = re.compile(
    r"^(?:Nơi nhận\b|T\.?M\.?\s|K\.?T\.?\s|Q\.\s|TL\.\s|CHỦ TỊCH\b|THỦ TƯỚNG\b|PHÓ THỦ TƯỚNG\b|BỘ TRƯỞNG\b|"
    r"(?:Luật|Nghị quyết|Pháp lệnh) này (?:đã )?được Quốc hội\b.*thông qua)",
    re.S,
)
_APPENDIX = re.compile(r"^(?:PHỤ LỤC|Phụ lục)\b")
#: The document's number in its heading: "Nghị quyết số: 247/2025/QH15", "Số: 35/NQ-CP".
_NUMBER = re.compile(
    r"(?:(?P<type>Luật|Nghị quyết|Nghị định|Quyết định|Chỉ thị|Thông tư|Pháp lệnh)\s+)?"
    r"\b[Ss]ố\s*:\s*(?P<number>\d{1,5}\s*/\s*[0-9A-ZĐa-zđ/\-]+)"
)
_TYPES = ("NGHỊ QUYẾT", "NGHỊ ĐỊNH", "QUYẾT ĐỊNH", "CHỈ THỊ", "THÔNG TƯ", "PHÁP LỆNH", "LUẬT")


@dataclass
class Point:
    """A point "a)": its letter and its own text (sub-points joined with spaces)."""

    letter: str
    text: str
    ref: Ref


@dataclass
class Clause:
    """A clause "1.": its text (the lead-in where it has points) and its points."""

    number: int
    text: str
    ref: Ref
    points: list[Point] = field(default_factory=list)


@dataclass
class Article:
    """An article "Điều N.": its title (a heading), its intro text, clauses and points.

    ``points`` holds points directly under the article (an article without clauses).
    """

    number: int
    title: str
    intro: str
    ref: Ref
    clauses: list[Clause] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)


@dataclass
class AppendixRow:
    """One task of the appendix table.

    ``key``: the id part ("I.1", "4", "I.1.a"); ``group``/``group_label``: the group
    row above it ("" where the table has none); ``cells``: the task's texts by
    column (``content``, ``lead``, ``coordinate``, ``timeline``, ``product``, …).
    """

    key: str
    number: str
    group_label: str
    group: str
    cells: dict[str, str]
    ref: Ref


@dataclass(frozen=True)
class ReadingWarning:
    """Something read as written that a reader should check: the file, the place, the problem."""

    path: str
    where: int | str
    problem: Problem

    def say(self, lang: str = "vi") -> str:
        """ "FILE, dòng 12: …" in ``lang``."""
        return f"{self.path}, {place(self.where, lang)}: {self.problem.say(lang)}"

    def __str__(self) -> str:
        return self.say(lang="en")


@dataclass
class Resolution:
    """A resolution or decision read into its structure.

    ``doc_type``: "Nghị quyết", "Quyết định", … (from the heading), ``number`` as
    written after "Số:" ("247/2025/QH15"); either may be "" when the heading has none.
    """

    path: str
    kind: str
    doc_type: str
    number: str
    title: str
    articles: list[Article] = field(default_factory=list)
    appendix: list[AppendixRow] = field(default_factory=list)
    warnings: list[ReadingWarning] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The document as its heading names it: "Nghị quyết 247/2025/QH15" (or the file name)."""
        if self.number:
            return f"{self.doc_type or 'Văn bản'} {self.number}"
        return Path(self.path).name


@dataclass
class _Piece:
    text: str
    ref: Ref
    inline: bool  # split off a paragraph at a label, not a paragraph of its own


def read_resolution(path: str | Path) -> Resolution:
    """Read a resolution or decision (text export, .docx, .pdf) into its structure."""
    from .readers import read_document

    return parse_resolution(read_document(path))


def parse_resolution(doc: Document) -> Resolution:
    """The articles, clauses and points of ``doc``, and the rows of its appendix task table."""
    paras = [b for b in doc.blocks if isinstance(b, Para)]
    start = next((i for i, p in enumerate(paras) if ARTICLE.match(p.text)), None)
    doc_type, number, title = _heading(doc, paras[:start] if start is not None else paras)
    res = Resolution(path=doc.path, kind=doc.kind, doc_type=doc_type, number=number, title=title)
    if start is not None:
        body: list[Para] = []
        for p in paras[start:]:
            if _END.match(p.text) or (_APPENDIX.match(p.text) and len(p.text) < 80):
                break
            body.append(p)
        _Walker(doc.path, res).walk(_pieces(body))
    for table in doc.tables:
        _read_appendix(doc, table, res)
    if not res.articles and not res.appendix:
        raise PlanParseError(doc.path, None, Problem("no_articles"))
    ids: dict[str, Ref] = {}
    for row in res.appendix:
        if row.key in ids:
            raise PlanParseError(
                doc.path,
                where(row.ref),
                f"appendix task {row.key} appears twice (first at {ids[row.key].label})",
            )
        ids[row.key] = row.ref
    return res


# ------------------------------------------------------------------ heading


def _heading(doc: Document, front: list[Para]) -> tuple[str, str, str]:
    """(document type, number, title) from the paragraphs and tables before the first article."""
    texts = [p.text for p in front]
    first_para = front[0] if front else None
    for block in doc.blocks:  # tables of the heading (issuer | motto) stand before the body
        if block is first_para or (isinstance(block, Para) and ARTICLE.match(block.text)):
            break
        if isinstance(block, Table):
            texts[:0] = [c.text.replace("\n", " ") for r in block.rows for c in r.cells]
    joined = " ".join(texts)
    m = _NUMBER.search(joined)
    number = re.sub(r"\s+", "", m.group("number")) if m else ""
    doc_type = m.group("type") if m and m.group("type") else ""
    title = ""
    for i, p in enumerate(front):
        if p.text.strip().upper() in _TYPES:
            doc_type = doc_type or p.text.strip().capitalize()
            title = front[i + 1].text.strip() if i + 1 < len(front) else ""
            break
    return doc_type, number, title


# ------------------------------------------------------------------ articles, clauses, points


def _pieces(paras: list[Para]) -> list[_Piece]:
    """Each paragraph, split at numbering labels that follow the end of a sentence inside it."""
    out: list[_Piece] = []
    for p in paras:
        parts = _INLINE.split(p.text.strip())
        out += [_Piece(part.strip(), p.ref, inline=i > 0) for i, part in enumerate(parts) if part.strip()]
    return out


class _Walker:
    def __init__(self, path: str, res: Resolution) -> None:
        self.path, self.res = path, res
        self.article: Article | None = None
        self.clause: Clause | None = None
        self.point: Point | None = None
        self.seen_articles: dict[int, Ref] = {}

    def error(self, ref: Ref, problem: str) -> PlanParseError:
        return PlanParseError(self.path, where(ref), problem)

    def walk(self, pieces: list[_Piece]) -> None:
        for piece in pieces:
            if not self._label(piece):
                self._continue(piece)

    def _label(self, piece: _Piece) -> bool:
        """Open an article, clause or point if ``piece`` starts one; False if it carries on."""
        text, ref = piece.text, piece.ref
        m = ARTICLE.match(text)
        if m:
            n = int(m.group("n"))
            if piece.inline and self.article is not None and n != self.article.number + 1:
                return False
            if n in self.seen_articles:
                raise self.error(
                    ref,
                    f"Điều {n} appears twice (first at {self.seen_articles[n].label}); "
                    "each article number is used once",
                )
            self.seen_articles[n] = ref
            rest = m.group("rest").strip()
            heading = bool(rest) and len(rest) <= 160 and not rest.endswith((".", ";", ":"))
            self.article = Article(n, rest if heading else "", "" if heading else rest, ref)
            self.res.articles.append(self.article)
            self.clause = self.point = None
            return True
        if self.article is None:
            return False
        m = CLAUSE.match(text)
        if m:
            n = int(m.group("n"))
            last = self.article.clauses[-1].number if self.article.clauses else 0
            if piece.inline and n != last + 1:
                return False
            if any(c.number == n for c in self.article.clauses):
                first = next(c for c in self.article.clauses if c.number == n)
                raise self.error(
                    ref, f"Điều {self.article.number}, khoản {n} appears twice (first at {first.ref.label})"
                )
            self.clause = Clause(n, m.group("rest").strip(), ref)
            self.article.clauses.append(self.clause)
            self.point = None
            return True
        m = POINT.match(text)
        if m:
            letter = m.group("l")
            points = self.clause.points if self.clause is not None else self.article.points
            place_ = f"Điều {self.article.number}" + (f", khoản {self.clause.number}" if self.clause else "")
            last = LETTERS.index(points[-1].letter) if points else -1
            expected = LETTERS[last + 1] if last + 1 < len(LETTERS) else None
            if letter != expected:
                after = f"after điểm {points[-1].letter})" if points else "as the first point"
                if letter in LETTERS and LETTERS.index(letter) > last + 1:  # a gap: an excerpt
                    missing = ", ".join(LETTERS[last + 1 : LETTERS.index(letter)])
                    previous = f"điểm {points[-1].letter})" if points else "—"
                    self.res.warnings.append(
                        ReadingWarning(
                            self.path,
                            where(ref),
                            Problem(
                                "point_gap", letter=letter, previous=previous, place=place_, missing=missing
                            ),
                        )
                    )
                else:
                    order = "a, b, c, d, đ, e, g, h, i, k, …"
                    want = f"; expected điểm {expected})" if expected else ""
                    raise self.error(
                        ref,
                        f"điểm {letter}) {after} in {place_}: points follow the letter order {order}{want}",
                    )
            self.point = Point(letter, m.group("rest").strip(), ref)
            points.append(self.point)
            return True
        return False

    def _continue(self, piece: _Piece) -> None:
        """An unnumbered paragraph (a sub-point, a second paragraph) joins what it follows."""
        text = piece.text
        if self.point is not None:
            self.point.text = f"{self.point.text} {text}"
        elif self.clause is not None:
            self.clause.text = f"{self.clause.text} {text}"
        elif self.article is not None:
            self.article.intro = f"{self.article.intro} {text}".strip()


# ------------------------------------------------------------------ the appendix table


def _read_appendix(doc: Document, table: Table, res: Resolution) -> None:
    """The tasks of an appendix task table, read by the plan's own task-table reader
    (:mod:`.task_table`: header by meaning, group rows, lettered sub-tasks, rows split by a
    page break, repeated headers); ids take the group's own label ("II.4")."""
    header = read_header(table)
    if header is None:
        return
    parsed = ParsedPlan(doc.path, doc)
    read_task_table(parsed, table, header)
    for task in parsed.tasks:
        group = task.group
        label = group.label or (str(group.group_id) if group.title else "")
        own = task.task_id.split(".", 1)[1]  # the id without the reader's running group number
        res.appendix.append(
            AppendixRow(
                f"{label}.{own}" if label else own,
                task.letter or str(task.number),
                label,
                group.title,
                task.cells,
                task.refs[0],
            )
        )
