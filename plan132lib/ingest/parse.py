"""Interpret a :class:`~.document.Document` as a plan: its parts and its task table.

A plan has a preamble (issuer, number, place and date, title), Roman-numbered
sections (I. Mục đích, yêu cầu; II. Nội dung; III. Kinh phí; IV. Tổ chức thực
hiện), the recipients and signature, and an appendix table of tasks in groups.
:func:`interpret` places every block of the document in one of these parts, or
raises :class:`~plan132lib.errors.PlanParseError` naming the place: nothing is
skipped silently. It works on the reading model alone, so every format (text
export, Word, PDF, Excel) is read by the same rules.

The task table is found by its header's meaning (:mod:`.headers`), including a
two-row header and a row of column numbers under it. Its rows are:

- **group rows**: a Roman numeral or a capital letter in the number column, or a
  row whose text spans the table, or a bold row with a blank number. A group row
  can carry its own lead, coordinators, product or deadline: they stay on the
  group; a cell merged down from it gives its value to each task it covers, and
  the task records that the value was inherited. A task whose lead cell is empty
  takes the lead of its parent task or, failing that, of its group row (recorded
  as inherited too); an empty coordinating cell stays empty (no coordinator).
- **tasks**: a number ("1", "09"); **sub-tasks**: a letter (a, b, c, d, đ, e, g, …)
  in the number column or in a second numbering column ("Chi tiết"). Task ids
  are ``<group>.<number>`` and ``<group>.<number>.<letter>`` (``<group>.<letter>``
  where a group's tasks are lettered).
- **continuations**: a row with a blank number that is not bold carries on the
  task above (split by a page break): its cells are joined to the task's. When
  the task's content cell is merged down over it, the row is a second set of
  assignments for the same task, joined line by line.
- repeated header rows, rows of column numbers and empty rows are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..errors import PlanParseError
from .agencies import starts_new_name
from .document import Cell, Document, Para, Ref, Row, Table
from .headers import column_of, is_column_numbers
from .names import name_key

ROMAN = r"(?:X{0,3}(?:IX|IV|V?I{0,3}))"
_ROMAN_FULL = re.compile(rf"(?=[IVX]){ROMAN}")
_SECTION = re.compile(rf"^(?P<no>(?=[IVX]){ROMAN})\.\s+(?P<title>.+?)\s*$")
_ITEM = re.compile(r"^(?P<no>\d{1,3})\.\s+(?P<text>.+)$")
_BULLET = re.compile(r"^(?:[-–•+*]|[a-zđ]\))\s*(?P<text>.+)$")
_NUMBER = re.compile(r"^Số\s*:\s*(?P<value>.+)$", re.I)
_PLACE_DATE = re.compile(
    r"^(?P<place>[^,]+),\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})\.?$", re.I
)
_DRAFT_DATE = re.compile(r"^(?P<place>[^,]+),\s*ngày\s+tháng\s+năm\s+(?P<y>\d{4})\.?$", re.I)
_RESOLUTION = re.compile(
    r"Nghị quyết(?: số)?\s+(?P<number>\d+/(?:\d{4}/)?[A-ZĐ0-9-]+)"
    r"(?:\s+ngày\s+(?P<date>\d{1,2}/\d{1,2}/\d{4}))?(?:\s+của\s+(?P<issuer>Quốc hội|Chính phủ|[^,;.]+?))?"
    r"(?=\s+và\s|\s+về\s|[,;.]|$)"
)
_RECIPIENTS = re.compile(r"^Nơi nhận\s*:?$", re.I)
_SIGN_TITLE = re.compile(r"^(?:KT|TM|TL|Q)\.\s|CHỦ TỊCH", re.I)
_APPENDIX = re.compile(r"^Phụ lục(?:\s+(?:số\s+)?[IVX\d]+)?\s*:?$", re.I)
_ATTACHED = re.compile(r"^\(?\s*Kèm theo (?P<text>.+?)\)?$", re.I)
_ISSUER_IN_ATTACHED = re.compile(r"của\s+(?P<issuer>(?:Ủy|Uỷ) ban nhân dân .+?)\)?$", re.I)
_NUMBER_IN_ATTACHED = re.compile(r"\bsố\s*:?\s*(?P<number>[\w/.-]*/[\w.-]+)", re.I)
_DATE_IN_ATTACHED = re.compile(
    r"\bngày\s+(?P<d>\d{1,2})\s*(?:/|tháng)\s*(?P<m>\d{1,2})\s*(?:/|năm)\s*(?P<y>\d{4})", re.I)
_MOTTO = re.compile(r"^(?:CỘNG HÒA|CỘNG HOÀ) XÃ HỘI CHỦ NGHĨA VIỆT NAM$|^Độc lập\s*[-–]\s*Tự do", re.I)
_DOC_TYPES = ("KẾ HOẠCH", "QUYẾT ĐỊNH", "CHƯƠNG TRÌNH", "CÔNG VĂN", "CHỈ THỊ", "THÔNG BÁO", "NGHỊ QUYẾT")
_ISSUER_HEAD = re.compile(r"^(?:ỦY|UỶ) BAN NHÂN DÂN$")
_PROVINCE = re.compile(r"^(?:TỈNH|THÀNH PHỐ)\s+\S")
_SENTENCE_END = (".", ":", ";", "!", "?")
#: Letters of sub-tasks, in Vietnamese order (no f, j, w, z).
LETTERS = ("a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u",
           "v", "x", "y")
_LETTER = re.compile(r"^(?P<l>[a-zđ])\s*[).]?$")
_NUM = re.compile(r"^(?P<n>\d{1,4})\s*[.)]?$")
_CODE = re.compile(r"^\d{1,3}(?:\.\d{1,3})+\.?$")
_GROUP_LABEL = re.compile(
    rf"^(?P<label>(?=[IVX]){ROMAN}|[A-Z]|\d{{1,2}})\s*[.)\-–:]\s+(?P<title>\S.*)$", re.S)
TABLE_COLUMNS = ("lead", "coordinate", "timeline", "duration", "product", "note")


@dataclass
class Unit:
    """A paragraph of the body, with where it stands."""

    text: str
    ref: Ref
    bold: bool
    heading_level: int
    lines: tuple[int, ...] = ()

    @property
    def first(self) -> int | None:
        return self.ref.line

    @property
    def last(self) -> int | None:
        return self.lines[-1] if self.lines else self.ref.line


@dataclass
class SectionRow:
    section: str
    section_title: str
    item_no: int | None
    item_title: str
    bullet_no: int | None
    kind: str
    text: str
    source_line: int | None
    source_line_end: int | None
    source_ref: str


@dataclass
class Duty:
    duty_no: int
    text: str
    source_line: int | None
    source_line_end: int | None
    source_ref: str


@dataclass
class DutyItem:
    item: int
    heading: str
    agencies_text: str
    source_line: int | None
    source_ref: str
    duties: list[Duty] = field(default_factory=list)


@dataclass
class GroupRow:
    """A group of tasks: its heading row and the values it carries."""

    group_id: int
    label: str
    title: str
    ref: Ref
    cells: dict[str, str] = field(default_factory=dict)


@dataclass
class TaskRow:
    group: GroupRow
    task_id: str
    number: int | None
    letter: str
    parent_id: str
    cells: dict[str, str]
    refs: list[Ref]
    inherited: list[str] = field(default_factory=list)
    extras: dict[str, str] = field(default_factory=dict)

    @property
    def source_line(self) -> int | None:
        return self.refs[0].line


@dataclass
class ParsedPlan:
    """The plan's structure before normalisation into tables."""

    path: str
    document: Document
    meta: list[tuple[str, str, Ref | None]] = field(default_factory=list)
    sections: list[SectionRow] = field(default_factory=list)
    duty_items: list[DutyItem] = field(default_factory=list)
    groups: list[GroupRow] = field(default_factory=list)
    tasks: list[TaskRow] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    extra_columns: list[str] = field(default_factory=list)
    consumed: set[int] = field(default_factory=set)

    def has_meta(self, name: str) -> bool:
        return any(f == name for f, _, _ in self.meta)


def interpret(doc: Document) -> ParsedPlan:
    """Interpret a whole document; see the module docstring."""
    plan = ParsedPlan(path=doc.path, document=doc)
    index, header = _find_task_table(doc)
    table = doc.blocks[index]
    assert isinstance(table, Table)
    before = _flatten(doc.blocks[:index])
    after = _flatten(doc.blocks[index + 1:])
    start = next((i for i, u in enumerate(before) if _APPENDIX.match(u.text)), None)
    if start is None:
        start = next((i for i, u in enumerate(before) if _ATTACHED.match(u.text)
                      and i >= len(before) - 3), len(before))
    has_sections = any(_SECTION.match(u.text) for u in before[:start])
    if not has_sections and doc.kind != "text":
        start = 0  # the appendix alone (an Excel task list, a PDF of the appendix)
    if start:
        _parse_body(plan, before[:start])
    _parse_appendix_intro(plan, before[start:])
    _parse_table(plan, table, header)
    for unit in after:
        _meta(plan, "after_table_text", unit.text, unit)
    return plan


# ------------------------------------------------------------------ blocks → units

def _flatten(blocks: list[Para | Table]) -> list[Unit]:
    """Paragraphs as units; a table that is not the task table (a header or signature
    block) read cell by cell, one unit per paragraph of each cell."""
    units: list[Unit] = []
    for block in blocks:
        if isinstance(block, Para):
            units.append(Unit(block.text, block.ref, block.bold, block.level, block.lines))
            continue
        for row in block.rows:
            for cell in row.cells:
                if cell.merged or cell.empty:
                    continue
                for k, text in enumerate(t.strip() for t in cell.text.split("\n")):
                    if text:
                        units.append(Unit(text, cell.ref, cell.bold or (cell.bold_head and k == 0), 0,
                                          (cell.ref.line,) if cell.ref.line else ()))
    return units


# ------------------------------------------------------------------ the task table

@dataclass
class Header:
    """The task table's header: how many rows it takes, and each grid column's meaning."""

    rows: int
    columns: list[str | None]
    texts: list[str]
    signature: list[str]


def _read_header(table: Table) -> Header | None:
    if not table.rows:
        return None
    first = table.rows[0]
    texts = [c.text.replace("\n", " ").strip() for c in first.cells]
    # A header cell merged across takes its text from the cell to its left.
    for i, cell in enumerate(first.cells):
        if cell.merged == "across" and i:
            texts[i] = texts[i - 1]
    columns: list[str | None] = [column_of(t) for t in texts]
    rows = 1
    if len(table.rows) > 1:
        second = table.rows[1]
        sub = [c.text.replace("\n", " ").strip() if c.merged != "down" else "" for c in second.cells]
        sub_cols = [column_of(t) for t in sub]
        numbered = _NUM.match(sub[0]) or _ROMAN_FULL.fullmatch(sub[0].rstrip(".")) if sub else False
        all_headers = all(c is not None or not t for c, t in zip(sub_cols, sub, strict=True))
        if any(sub) and not numbered and all_headers and any(c in ("lead", "coordinate") for c in sub_cols):
            rows = 2
            columns = [s if s is not None else c for s, c in zip(sub_cols, columns, strict=True)]
            texts = [f"{t} – {s}" if s and s != t else t for t, s in zip(texts, sub, strict=True)]
    if "tt" not in columns and "sub" not in columns:
        return None
    if "content" not in columns or ("lead" not in columns and "timeline" not in columns):
        return None
    return Header(rows, columns, texts, [name_key(t) for t in texts])


def _find_task_table(doc: Document) -> tuple[int, Header]:
    tables = [(i, b) for i, b in enumerate(doc.blocks) if isinstance(b, Table)]
    for i, table in tables:
        header = _read_header(table)
        if header is not None:
            return i, header
    if doc.kind == "text":
        raise PlanParseError(
            doc.path, None, "no appendix table found; expected a header row of tab-separated "
            "cells starting 'TT<TAB>Nội dung thực hiện<TAB>Cơ quan chủ trì…'")
    what = {"docx": "Word file", "pdf": "PDF", "xlsx": "workbook"}.get(doc.kind, "document")
    found = (f"it has {len(tables)} table(s), none with a header naming the number, the content "
             "and the lead columns" if tables else "it has no table at all")
    raise PlanParseError(
        doc.path, None, f"no task table found in this {what}: {found} (expected a header such as "
        "'TT | Nội dung thực hiện | Cơ quan chủ trì | Cơ quan phối hợp | Tiến độ'); "
        "is this the plan with its appendix?")


def _check_required(plan: ParsedPlan, header: Header, ref: Ref) -> None:
    place = ref.line if ref.line is not None else ref.label
    seen: dict[str, str] = {}
    for column, text in zip(header.columns, header.texts, strict=True):
        if column is None:
            continue
        if column in seen:
            raise PlanParseError(plan.path, place, f"appendix column {text!r} appears twice "
                                 f"(both read as the {column} column)")
        seen[column] = text
    missing = [c for c in ("content", "lead", "timeline") if c not in seen]
    if "timeline" in missing and "duration" in seen:
        missing.remove("timeline")
    if "tt" not in seen and "sub" not in seen:
        missing.insert(0, "tt")
    if missing:
        raise PlanParseError(plan.path, place, f"the appendix header lacks the column(s) {missing}")


def _where(ref: Ref) -> int | str:
    return ref.line if ref.line is not None else ref.label


@dataclass
class _State:
    group: GroupRow | None = None
    numbers: dict[int, Ref] = field(default_factory=dict)
    last_number: int = 0
    parent: TaskRow | None = None
    after_break: bool = False
    last_letter: str = ""
    ids: dict[str, Ref] = field(default_factory=dict)
    continued: dict[int, tuple[TaskRow, dict[str, list[tuple[str, str]]]]] = field(default_factory=dict)


def _parse_table(plan: ParsedPlan, table: Table, header: Header) -> None:
    _check_required(plan, header, table.rows[0].ref)
    plan.columns = [c for c in header.columns if c is not None]
    plan.extra_columns = [t for c, t in zip(header.columns, header.texts, strict=True) if c is None and t]
    for row in table.rows[:header.rows]:
        _consume(plan, row)
    state = _State()
    for row in table.rows[header.rows:]:
        _consume(plan, row)
        if row.page_break_before:
            state.after_break = True
        texts = [c.text for c in row.cells]
        if not any(t.strip() for t in texts):
            continue
        first = texts[0].strip()
        if len(first) <= 4 and is_column_numbers(texts):  # cheap test first: most rows fail it
            continue
        if _is_repeated_header(plan, row, header):
            state.after_break = True
            continue
        _place_row(plan, state, row, header)
        state.after_break = False
    if state.group is None or not plan.tasks:
        raise PlanParseError(plan.path, _where(table.rows[0].ref), "the appendix table has no task rows")
    _check_group_has_tasks(plan, state)
    for task, more in state.continued.values():  # joined once: no copy per row
        for key, values in more.items():
            parts = [task.cells.get(key, "")]
            for sep, value in values:
                parts += [sep, value] if any(parts) else [value]
            task.cells[key] = "".join(parts).strip()


def _consume(plan: ParsedPlan, row: Row) -> None:
    if row.ref.line is not None:
        plan.consumed.add(row.ref.line)


def _is_repeated_header(plan: ParsedPlan, row: Row, header: Header) -> bool:
    first = next((c.text.strip() for c in row.cells[:2] if c.text.strip()), "")
    if len(first) > 16 or column_of(first) != "tt":  # cheap test first: most rows fail it
        return False
    texts = [c.text.replace("\n", " ").strip() for c in row.cells]
    if sum(column_of(t) is not None for t in texts if t) < 3:
        return False
    keys = [name_key(t) for t in texts]
    if keys != header.signature[:len(keys)] and header.rows == 1:
        raise PlanParseError(
            plan.path, _where(row.ref),
            "a repeated appendix header differs from the first one "
            f"({' | '.join(header.texts)})")
    return True


def _values(row: Row, header: Header) -> tuple[dict[str, Cell], dict[str, str]]:
    cells: dict[str, Cell] = {}
    extras: dict[str, str] = {}
    for column, text, cell in zip(header.columns, header.texts, row.cells, strict=False):
        if column is None:
            if cell.text.strip() and cell.merged != "across":
                extras[text or "?"] = cell.text.strip()
        elif column not in cells:
            cells[column] = cell
    return cells, extras


def _text(cells: dict[str, Cell], column: str) -> str:
    cell = cells.get(column)
    return cell.text.strip() if cell is not None and cell.merged != "across" else ""


def _spanning_text(row: Row) -> str | None:
    """The text of a row whose one cell with a value spans the row (a group title)."""
    own = [c for c in row.cells if c.text.strip() and c.merged != "across"]
    if len(own) == 1 and own[0].merged != "down":
        return own[0].text.strip()
    return None


def _place_row(plan: ParsedPlan, state: _State, row: Row, header: Header) -> None:
    cells, extras = _values(row, header)
    number_text = _text(cells, "tt")
    sub_text = _text(cells, "sub")
    content_cell = cells.get("content")
    content = _text(cells, "content")
    spanning = _spanning_text(row)
    bold = any(c.bold for c in row.cells if c.bold and c.merged != "down" and c.text.strip())
    roman_number = bool(_ROMAN_FULL.fullmatch(number_text.rstrip(".")))
    roman_sub = bool(_ROMAN_FULL.fullmatch(sub_text.rstrip(".")))
    capital = bool(re.fullmatch(r"[A-Z]\.?", number_text))

    number_cell = cells.get("tt")
    if any(c is not None and c.merged == "down" for c in (number_cell, content_cell)):
        _continue_task(plan, state, row, cells, extras)  # a second set of assignments for the task above
        return
    if roman_number or roman_sub or capital:
        label_text = sub_text if roman_sub and not (roman_number or capital) else number_text
        label = label_text.rstrip(".")
        title = content or next((c.text.strip() for c in row.cells if c.text.strip() and c.merged == ""
                                 and c.text.strip() != label_text), "")
        _open_group(plan, state, label, title, row, cells)
        return
    if spanning is not None and not _NUM.match(spanning) and not _LETTER.match(spanning):
        in_content = not number_text and not sub_text and content == spanning
        if (in_content and not bold) or _is_continuation_text(plan, state, spanning, bold):
            _continue_task(plan, state, row, cells, extras)
            return
        label, title = _split_label(spanning)
        _open_group(plan, state, label, title, row, {})
        return
    if not number_text and not sub_text:
        if bold and content and not _is_continuation_text(plan, state, content, bold):
            _open_group(plan, state, "", content, row, cells)
            return
        _continue_task(plan, state, row, cells, extras)
        return
    number = _NUM.match(number_text)
    letter = _LETTER.match(sub_text) or (None if number else _LETTER.match(number_text))
    code = None if number or letter else _CODE.match(number_text)
    if not (number or letter or code):
        raise PlanParseError(
            plan.path, _where(row.ref),
            f"cannot place the row: TT cell {number_text or sub_text!r} is neither a task number nor "
            "a group heading (a group heading has its title alone in the row)")
    if content_cell is not None and content_cell.bold_head and "\n" in content and number:
        title, content = content.split("\n", 1)
        _open_group(plan, state, "", title.strip(), row, {})
    if state.group is None:  # tasks with no group heading: one unnamed group
        _open_group(plan, state, "", "", row, {})
    group = state.group
    assert group is not None
    own_number: int | None = None
    if number:
        own_number = int(number.group("n"))
        if not letter:
            _check_number(plan, state, own_number, row)
        state.last_number = own_number
    if letter:
        _check_letter(plan, state, letter.group("l"), row)
        parent = state.parent if state.parent is not None and state.parent.group is group else None
        if parent is not None:
            task_id, parent_id = f"{parent.task_id}.{letter.group('l')}", parent.task_id
        else:
            task_id, parent_id = f"{group.group_id}.{letter.group('l')}", ""
    elif code:
        task_id, parent_id = f"{group.group_id}.{number_text.rstrip('.')}", ""
    else:
        task_id, parent_id = f"{group.group_id}.{own_number}", ""
    if not content:
        raise PlanParseError(plan.path, _where(row.ref), f"task {task_id} has an empty content cell")
    if task_id in state.ids:
        raise PlanParseError(plan.path, _where(row.ref),
                             f"task {task_id} appears twice (first at {state.ids[task_id].label})")
    state.ids[task_id] = row.ref
    task_cells = {"content": content}
    inherited = []
    for column in TABLE_COLUMNS:
        cell = cells.get(column)
        task_cells[column] = _text(cells, column)
        if cell is not None and cell.merged == "down" and cell.text.strip():
            inherited.append(column)
    if not task_cells["lead"]:  # an empty lead cell under a parent task or a group row that names one
        parent = state.parent if letter and state.parent is not None and state.parent.group is group else None
        above = parent.cells.get("lead", "") if parent is not None else ""
        task_cells["lead"] = above or group.cells.get("lead", "")
        if task_cells["lead"]:
            inherited.append("lead")
    task = TaskRow(group, task_id, own_number, letter.group("l") if letter else "", parent_id,
                   task_cells, [row.ref], inherited, extras)
    plan.tasks.append(task)
    if not letter:
        state.parent = task
        state.last_letter = ""


def _is_continuation_text(plan: ParsedPlan, state: _State, text: str, bold: bool) -> bool:
    """A blank-number row that carries on the task above across a page break."""
    if not state.after_break or bold or not plan.tasks or plan.tasks[-1].group is not state.group:
        return False
    return text[:1].islower() or text[:1] in ",;-–("


def _split_label(text: str) -> tuple[str, str]:
    match = _GROUP_LABEL.match(text)
    if match:
        return match.group("label"), match.group("title").strip()
    return "", text


def _open_group(plan: ParsedPlan, state: _State, label: str, title: str, row: Row,
                cells: dict[str, Cell]) -> None:
    _check_group_has_tasks(plan, state)
    values = {c: _text(cells, c) for c in TABLE_COLUMNS if _text(cells, c)}
    group = GroupRow(len(plan.groups) + 1, label, title, row.ref, values)
    plan.groups.append(group)
    state.group = group
    state.numbers.clear()
    state.parent = None
    state.last_letter = ""


def _check_group_has_tasks(plan: ParsedPlan, state: _State) -> None:
    group = state.group
    if group is not None and not any(t.group is group for t in plan.tasks[-1:]):
        raise PlanParseError(plan.path, _where(group.ref),
                             f"group {group.group_id} ({group.title!r}) has no tasks")


def _check_number(plan: ParsedPlan, state: _State, number: int, row: Row) -> None:
    group = state.group
    group_id = group.group_id if group is not None else 1
    if number in state.numbers:
        raise PlanParseError(
            plan.path, _where(row.ref),
            f"task number {number} is repeated in group {group_id} "
            f"(first at {state.numbers[number].label})")
    first_in_group = not state.numbers
    allowed = {1, state.last_number + 1} if first_in_group else {state.last_number + 1}
    if number not in allowed:
        want = " or ".join(str(n) for n in sorted(allowed))
        raise PlanParseError(
            plan.path, _where(row.ref),
            f"task number {number} in group {group_id} follows {state.last_number or 'the group heading'}; "
            f"expected {want} (a row lost at a page break?)")
    state.numbers[number] = row.ref


def _check_letter(plan: ParsedPlan, state: _State, letter: str, row: Row) -> None:
    """Sub-task letters run a, b, c, d, đ, e, g, … (a document may leave out đ)."""
    if letter not in LETTERS:
        raise PlanParseError(plan.path, _where(row.ref), f"sub-task letter {letter!r} is not a Vietnamese "
                             f"sub-task letter ({', '.join(LETTERS[:12])}, …)")
    previous = LETTERS.index(state.last_letter) if state.last_letter else -1
    allowed = {previous + 1} | ({previous + 2} if LETTERS[previous + 1:previous + 2] == ("đ",) else set())
    if LETTERS.index(letter) not in allowed:
        want = " or ".join(repr(LETTERS[i]) for i in sorted(allowed) if i < len(LETTERS))
        after = f"follows {state.last_letter!r}" if state.last_letter else "is the first of its task"
        raise PlanParseError(plan.path, _where(row.ref), f"sub-task letter {letter!r} {after}; expected "
                             f"{want} (a row lost at a page break?)")
    state.last_letter = letter


def _continue_task(plan: ParsedPlan, state: _State, row: Row, cells: dict[str, Cell],
                   extras: dict[str, str]) -> None:
    task = plan.tasks[-1] if plan.tasks else None
    if task is None or state.group is None or task.group is not state.group:
        raise PlanParseError(
            plan.path, _where(row.ref),
            "a row with an empty TT cell continues the previous task, but no task "
            "precedes it in this group")
    content_cell = cells.get("content")
    second_set = content_cell is not None and content_cell.merged == "down"
    more = state.continued.setdefault(id(task), (task, {}))[1]
    for column, cell in cells.items():
        if column in ("tt", "sub") or cell.merged or not cell.text.strip():
            continue
        text = cell.text.strip()
        # An agency cell cut by a page break between two names goes on as a new paragraph.
        before = more[column][-1][1] if more.get(column) else task.cells.get(column, "")
        new_name = (column in ("lead", "coordinate") and text[:1].isupper() and starts_new_name(text)
                    and not before.rstrip().endswith((",", ";", "và", "/")))
        sep = "\n" if second_set or new_name else " "
        more.setdefault(column, []).append((sep, text))
    for key, value in extras.items():
        task.extras[key] = f"{task.extras[key]} {value}" if key in task.extras else value
    task.refs.append(row.ref)


# --------------------------------------------------------------------------- body

def _meta(plan: ParsedPlan, field_name: str, value: str, unit: Unit | None) -> None:
    plan.meta.append((field_name, value, unit.ref if unit else None))
    if unit is not None:
        plan.consumed.update(unit.lines)


def _parse_body(plan: ParsedPlan, units: list[Unit]) -> None:
    state = "preamble"
    section, section_title = "", ""
    item_no: int | None = None
    item_title = ""
    bullet_no = 0
    duty_item: DutyItem | None = None
    in_duties = False
    signer_title_seen = False

    def add_row(kind: str, unit: Unit, text: str, bullet: int | None = None) -> None:
        plan.sections.append(SectionRow(section, section_title, item_no, item_title, bullet,
                                        kind, text, unit.first, unit.last, unit.ref.label))
        plan.consumed.update(unit.lines)

    for unit in units:
        text = unit.text
        sec = _SECTION.match(text)
        if sec and state in ("preamble", "sections"):
            state = "sections"
            section, section_title = sec.group("no"), sec.group("title").rstrip(":")
            item_no, item_title, bullet_no, duty_item = None, "", 0, None
            in_duties = name_key(section_title).startswith(name_key("Tổ chức thực hiện"))
            _meta(plan, "section_heading", f"{section}. {section_title}", unit)
            continue
        if _RECIPIENTS.match(text):
            state = "recipients"
            plan.consumed.update(unit.lines)
            continue
        if state == "preamble":
            _preamble_unit(plan, unit)
            continue
        if state == "recipients":
            bullet = _BULLET.match(text)
            if bullet:
                recipient = bullet.group("text").rstrip(";. ")
                archive = re.match(r"^Lưu\s*:\s*(?P<rest>.+)$", recipient, re.I)
                if archive:
                    _meta(plan, "archive", archive.group("rest"), unit)
                else:
                    _meta(plan, "recipient", recipient, unit)
                continue
            state = "closing"
        if state == "closing":
            if _SIGN_TITLE.search(text) and not signer_title_seen:
                _meta(plan, "signer_title", text, unit)
                signer_title_seen = True
            elif signer_title_seen and not plan.has_meta("signer_name") and not text.isupper():
                _meta(plan, "signer_name", text, unit)
            else:
                _meta(plan, "closing_text", text, unit)
            continue
        # state == "sections"
        if _SIGN_TITLE.match(text) and text.isupper():  # a signature with no recipients block
            state = "closing"
            _meta(plan, "signer_title", text, unit)
            signer_title_seen = True
            continue
        item = _ITEM.match(text)
        bullet = _BULLET.match(text)
        if in_duties:
            if item:
                item_no = int(item.group("no"))
                duty_item = _duty_item(plan, item_no, item.group("text"), unit)
                plan.consumed.update(unit.lines)
            elif bullet and duty_item is not None:
                n = len(duty_item.duties) + 1
                duty_item.duties.append(Duty(n, bullet.group("text"), unit.first, unit.last, unit.ref.label))
                plan.consumed.update(unit.lines)
            else:
                add_row("bullet" if bullet else "paragraph", unit,
                        bullet.group("text") if bullet else text)
            continue
        if item:
            item_no = int(item.group("no"))
            body = item.group("text")
            bullet_no = 0
            if body.endswith(":"):
                item_title = body.rstrip(":").strip()
                add_row("item_heading", unit, body)
            else:
                item_title = ""
                add_row("item", unit, body)
        elif bullet:
            bullet_no += 1
            add_row("bullet", unit, bullet.group("text"), bullet_no)
        else:
            add_row("paragraph", unit, text)
    if state == "preamble":
        raise PlanParseError(plan.path, _where(units[-1].ref) if units else None,
                             "no section heading found; expected 'I. MỤC ĐÍCH, YÊU CẦU' or similar")
    for duty in plan.duty_items:
        if not duty.duties:
            raise PlanParseError(plan.path, duty.source_line if duty.source_line else duty.source_ref,
                                 f"Section item {duty.item} ({duty.heading!r}) has no duties; "
                                 "expected bullet lines '- …' after it")


def _preamble_unit(plan: ParsedPlan, unit: Unit) -> None:
    text = unit.text
    number = _NUMBER.match(text)
    place_date = _PLACE_DATE.match(text)
    draft_date = _DRAFT_DATE.match(text)
    heading = unit.heading_level or unit.bold
    if number:
        _meta(plan, "number_raw", number.group("value"), unit)
        _meta(plan, "number", re.sub(r"\s*/\s*", "/", number.group("value")).strip(), unit)
    elif place_date:
        _meta(plan, "place", place_date.group("place").strip(), unit)
        d, m, y = (int(place_date.group(k)) for k in ("d", "m", "y"))
        try:
            issued = date(y, m, d)
        except ValueError:
            raise PlanParseError(plan.path, _where(unit.ref),
                                 f"the date (day {d}, month {m}, year {y}) is not a calendar date") from None
        _meta(plan, "date", issued.isoformat(), unit)
    elif draft_date:  # a draft: "Hưng Yên, ngày   tháng   năm 2026"
        _meta(plan, "place", draft_date.group("place").strip(), unit)
        _meta(plan, "date_raw", text, unit)
    elif _MOTTO.search(text):
        _meta(plan, "motto", text, unit)
    elif _ISSUER_HEAD.match(text) and not plan.has_meta("issuer"):
        _meta(plan, "issuer", text, unit)
    elif _PROVINCE.match(text) and text.isupper() and plan.meta and plan.meta[-1][0] == "issuer" \
            and _ISSUER_HEAD.match(plan.meta[-1][1]):
        field_name, value, ref = plan.meta[-1]
        plan.meta[-1] = (field_name, f"{value} {text}", ref)
        plan.consumed.update(unit.lines)
    elif text.isupper() and not plan.has_meta("issuer") \
            and name_key(text).startswith(name_key("Ủy ban nhân dân")):
        _meta(plan, "issuer", text, unit)
    elif heading and not plan.has_meta("doc_type") and text.isupper() \
            and (unit.heading_level or name_key(text) in {name_key(t) for t in _DOC_TYPES}):
        _meta(plan, "doc_type", text, unit)
    elif heading and not plan.has_meta("title") and (plan.has_meta("doc_type") or unit.heading_level):
        _meta(plan, "title", text, unit)
        for res in _RESOLUTION.finditer(text):
            value = res.group("number")
            if res.group("date"):
                value += f" ngày {res.group('date')}"
            if res.group("issuer"):
                value += f" của {res.group('issuer')}"
            _meta(plan, "implements", value, unit)
    else:
        _meta(plan, "preamble_text", text, unit)


def _duty_item(plan: ParsedPlan, item_no: int, body: str, unit: Unit) -> DutyItem:
    """A Section IV item: its heading names the agencies; bullets (if any) are duties."""
    if plan.duty_items and item_no != plan.duty_items[-1].item + 1:
        raise PlanParseError(plan.path, _where(unit.ref),
                             f"Section item {item_no} follows item {plan.duty_items[-1].item}; "
                             f"expected {plan.duty_items[-1].item + 1}")
    label = unit.ref.label
    if body.endswith(":"):
        heading = body.rstrip(":").strip()
        item = DutyItem(item_no, heading, heading, unit.first, label)
    elif ":" in body and not body.startswith("Đề nghị"):
        heading, rest = body.split(":", 1)
        item = DutyItem(item_no, heading.strip(), heading.strip(), unit.first, label)
        item.duties.append(Duty(1, rest.strip(), unit.first, unit.last, label))
    else:
        agencies = re.match(
            r"^(?:Đề nghị\s+)?(?P<who>.+?)\s+(?:theo chức năng|phối hợp|tham gia|chỉ đạo|giám sát|"
            r"chủ động|có trách nhiệm|căn cứ)\b", body)
        who = agencies.group("who") if agencies else body
        item = DutyItem(item_no, who, who, unit.first, label)
        item.duties.append(Duty(1, body, unit.first, unit.last, label))
    plan.duty_items.append(item)
    return item


# ----------------------------------------------------------------------- appendix

def _parse_appendix_intro(plan: ParsedPlan, units: list[Unit]) -> None:
    for unit in units:
        text = unit.text
        attached = _ATTACHED.match(text)
        if _APPENDIX.match(text):
            _meta(plan, "appendix_label", text, unit)
        elif attached:
            _meta(plan, "appendix_attached_to", text.strip("() "), unit)
            _meta_from_attached(plan, attached.group("text"), unit)
        elif not plan.has_meta("appendix_title"):
            _meta(plan, "appendix_title", text, unit)
        else:
            _meta(plan, "appendix_text", text, unit)


def _meta_from_attached(plan: ParsedPlan, text: str, unit: Unit) -> None:
    """"Kèm theo Kế hoạch số 58/KH-UBND ngày 05/5/2026 của Ủy ban nhân dân tỉnh …": the
    plan's number, date and issuer, for a document that holds the appendix alone."""
    issuer = _ISSUER_IN_ATTACHED.search(text)
    if issuer and not plan.has_meta("issuer"):
        _meta(plan, "issuer", issuer.group("issuer").rstrip(")"), unit)
    number = _NUMBER_IN_ATTACHED.search(text)
    if number and not plan.has_meta("number"):
        _meta(plan, "number", number.group("number").rstrip("."), unit)
    when = _DATE_IN_ATTACHED.search(text)
    if when and not plan.has_meta("date"):
        d, m, y = (int(when.group(k)) for k in ("d", "m", "y"))
        try:
            _meta(plan, "date", date(y, m, d).isoformat(), unit)
        except ValueError:
            raise PlanParseError(plan.path, _where(unit.ref),
                                 f"the date (day {d}, month {m}, year {y}) is not a calendar date") from None


def unit_of(issuer: str | None) -> str:
    """The administrative unit an issuer governs: "Ủy ban nhân dân tỉnh Ninh Bình" → "tỉnh Ninh Bình"."""
    match = re.search(r"\b(?P<kind>tỉnh|thành phố)\s+(?P<name>.+)$", issuer or "", re.I)
    if not match:
        return ""
    name = match.group("name").strip()
    return f"{match.group('kind').lower()} {name.title() if name.isupper() else name}"


def province_of(issuer: str | None, place: str | None = None) -> str:
    """The province or city a plan belongs to: "Ủy ban nhân dân tỉnh Ninh Bình" → "Ninh Bình"."""
    if issuer:
        match = re.search(r"(?:tỉnh|thành phố)\s+(?P<name>.+)$", issuer, re.I)
        if match:
            name = match.group("name").strip()
            return name.title() if name.isupper() else name
    return (place or "").strip()

