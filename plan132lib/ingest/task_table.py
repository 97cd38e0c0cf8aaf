"""The task table of a plan's appendix, read from the reading model.

The table is found by its header's meaning (:mod:`.headers`), including a
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

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import PlanParseError
from ..words import Problem, place
from .agencies import starts_new_name
from .document import Cell, Document, Note, Ref, Row, Table
from .headers import column_of, is_column_numbers
from .names import name_key
from .structure import ROMAN, GroupRow, ParsedPlan, TaskRow, roman, roman_value, where

_ROMAN_FULL = re.compile(rf"(?=[IVX]){ROMAN}")
LETTERS = (
    "a",
    "b",
    "c",
    "d",
    "đ",
    "e",
    "g",
    "h",
    "i",
    "k",
    "l",
    "m",
    "n",
    "o",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "v",
    "x",
    "y",
)
_LETTER = re.compile(r"^(?P<l>[a-zđ])\s*[).]?$")
_NUM = re.compile(r"^(?P<n>\d{1,4})\s*[.)]?$")
_CODE = re.compile(r"^\d{1,3}(?:\.\d{1,3})+\.?$")
_GROUP_LABEL = re.compile(
    rf"^(?P<label>(?=[IVX]){ROMAN}|[A-Z]|\d{{1,2}})\s*[.)\-–:]\s+(?P<title>\S.*)$", re.S
)
_PARA_END = re.compile(r"[.;:!?…]$")
TABLE_COLUMNS = ("lead", "coordinate", "timeline", "duration", "product", "note")


@dataclass
class Header:
    """The task table's header: how many rows it takes, and each grid column's meaning."""

    rows: int
    columns: list[str | None]
    texts: list[str]
    signature: list[str]


_MAX_HEADER_ROWS = 3  # a header's words wrapped onto more table rows than this are not read
_MAX_HEADER_TEXT = 48  # characters: a cell longer than this is a task's, not a header's


def _reading(rows: tuple[Row, ...]) -> tuple[list[str | None], list[str]]:
    """Each grid column's meaning and header text, read from the header ``rows`` together.

    A cell spanning several columns ("Stt" over "TT" | "Chi tiết", "Cơ quan thực hiện"
    over "Chủ trì" | "Phối hợp") names its sub-columns' group: a sub-column is read by its
    own words first, its text is "Stt – TT". Words of one column wrapped onto the next
    row ("Đơn vị" / "thực hiện") are read together ("Đơn vị thực hiện"). A cell merged
    down from the row above adds nothing.
    """
    width = len(rows[0].cells)
    parents: list[list[str]] = [[] for _ in range(width)]
    owns: list[list[str]] = [[] for _ in range(width)]
    for row in rows:
        cells = row.cells
        for i, cell in enumerate(cells[:width]):
            if cell.merged == "down":
                continue
            owner = i
            while owner > 0 and cells[owner].merged == "across":
                owner -= 1
            text = cells[owner].text.replace("\n", " ").strip()
            if not text or cells[owner].merged:
                continue
            spans = owner != i or (i + 1 < len(cells) and cells[i + 1].merged == "across")
            (parents if spans else owns)[i].append(text)
    columns: list[str | None] = []
    texts: list[str] = []
    loose = any(c.confidence is not None for row in rows for c in row.cells)  # read by OCR
    for parent, own in zip(parents, owns, strict=True):
        own_text = " ".join(own)
        column = None
        for candidate in (own_text, *own[::-1], " ".join([*parent, own_text]), *parent[::-1]):
            column = column_of(candidate, loose) if candidate else None
            if column is not None:
                break
        if (
            column == "tt"
            and not own
            and columns
            and columns[-1] in ("tt", "sub")
            and parents[len(columns) - 1] == parent
        ):
            column = "sub"  # "STT" over two numbering columns with no words of their own: number, detail
        columns.append(column)
        texts.append(" – ".join(t for t in (*parent, own_text) if t))
    # "Thời gian thực hiện" over "Bắt đầu" | "Hoàn thành": the parent's meaning goes to the
    # sub-column whose own words name it; its sibling ("Bắt đầu") is a column of its own (an extra).
    for i, column in enumerate(columns):
        if column is None or not parents[i] or column_of(" ".join(owns[i])) == column:
            continue
        if any(
            j != i
            and parents[j] == parents[i]
            and columns[j] == column
            and column_of(" ".join(owns[j])) == column
            for j in range(width)
        ):
            columns[i] = None
    return columns, texts


def _why_not(columns: list[str | None], texts: list[str]) -> Problem | None:
    """Why a header is not a task table's (two columns of one meaning, a column missing), or None."""
    seen: dict[str, str] = {}
    for column, text in zip(columns, texts, strict=True):
        if column is None:
            continue
        if column in seen:
            return Problem("table_why_twice", column=column, first=seen[column], second=text)
        seen[column] = text
    missing = [c for c in ("content", "lead", "timeline") if c not in seen]
    if "timeline" in missing and "duration" in seen:
        missing.remove("timeline")
    if "tt" not in seen and "sub" not in seen:
        missing.insert(0, "tt")
    return Problem("table_why_lacks", missing=missing) if missing else None


def _is_task_header(columns: list[str | None]) -> bool:
    """The least a task table's header names: a number, the content, and a lead or a timeline."""
    return (
        ("tt" in columns or "sub" in columns)
        and "content" in columns
        and ("lead" in columns or "timeline" in columns)
    )


def _header_like(row: Row) -> bool:
    """A row that can hold a header's words: short texts, no task number, not column numbers."""
    own = [c.text.replace("\n", " ").strip() for c in row.cells if not c.merged]
    filled = [t for t in own if t]
    if not filled or any(len(t) > _MAX_HEADER_TEXT for t in filled):
        return False
    first = filled[0]
    if _NUM.match(first) or _LETTER.match(first) or _ROMAN_FULL.fullmatch(first.rstrip(".")):
        return False
    return not is_column_numbers([c.text for c in row.cells])


def _header_rows(table: Table) -> tuple[int, list[str | None], list[str]]:
    """How many rows the header takes, and the columns and texts read from them.

    One row, unless reading the rows below it with it (spanning cells over sub-columns,
    words wrapped onto the next row) gives a task table's header that one row does not
    give, or gives it with more columns named.
    """
    columns, texts = _reading(table.rows[:1])
    rows = 1
    ok = _is_task_header(columns) and _why_not(columns, texts) is None
    for k in range(2, min(_MAX_HEADER_ROWS, len(table.rows)) + 1):
        if not _header_like(table.rows[k - 1]):
            break
        more_columns, more_texts = _reading(table.rows[:k])
        if not _is_task_header(more_columns) or _why_not(more_columns, more_texts) is not None:
            continue
        named = sum(c is not None for c in more_columns)
        # the header's cells merged down into the row: it is the header's, whatever it names
        merged_into = k == rows + 1 and any(c.merged == "down" for c in table.rows[k - 1].cells)
        if not ok or named > sum(c is not None for c in columns) or merged_into:
            rows, columns, texts, ok = k, more_columns, more_texts, True
    return rows, columns, texts


def read_header(table: Table) -> Header | None:
    """The table's header when it is a task table (number, content and lead or timeline columns)."""
    if not table.rows:
        return None
    rows, columns, texts = _header_rows(table)
    if not _is_task_header(columns):
        return None
    return Header(rows, columns, texts, [name_key(t) for t in texts])


class _Listed(Problem):
    """Problems said one after another ("; "), each in the reader's language."""

    def __new__(cls, parts: list[Problem]) -> _Listed:
        self = str.__new__(cls, "; ".join(parts))
        self.key, self.fields, self.parts = "", {}, parts
        return self

    def say(self, lang: str = "vi") -> str:
        return "; ".join(p.say(lang) for p in self.parts)


class _Place(Problem):
    """A place in the file ("page 5, table 1"), said in the reader's language."""

    def __new__(cls, ref: Ref) -> _Place:
        self = str.__new__(cls, ref.label)
        self.key, self.fields, self.ref = "", {}, ref
        return self

    def say(self, lang: str = "vi") -> str:
        return place(self.ref, lang)


def _table_seen(table: Table) -> Problem:
    """One table as the no-task-table error lists it: where, its header, why it was not taken."""
    where_ = _Place(table.ref)
    if not table.rows:
        return Problem("table_seen", place=where_, header="", why=Problem("table_why_empty"))
    _, columns, texts = _header_rows(table)
    header = " | ".join(t if len(t) <= 40 else t[:39] + "…" for t in texts if t)
    why = _why_not(columns, texts) or Problem("table_why_lacks", missing=["tt"])
    return Problem("table_seen", place=where_, header=header, why=why)


def find_task_table(doc: Document) -> tuple[int, Header]:
    """The task table: the first table whose header names every column a task table needs,
    else the first naming a number, the content and a lead or timeline (its header is then
    checked, and the error says what it lacks)."""
    tables = [(i, b) for i, b in enumerate(doc.blocks) if isinstance(b, Table)]
    first: tuple[int, Header] | None = None
    for i, table in tables:
        header = read_header(table)
        if header is None:
            continue
        if _why_not(header.columns, header.texts) is None:
            return i, header
        first = first or (i, header)
    if first is not None:
        return first
    if doc.kind == "text":
        raise PlanParseError(doc.path, None, Problem("no_appendix_text"))
    what = Problem(f"kind.{doc.kind if doc.kind in ('docx', 'pdf', 'xlsx', 'image') else 'other'}")
    if tables:
        seen = _Listed([_table_seen(t) for _, t in tables][:12])
        found = Problem("tables_listed", summary=Problem("tables_none", n=len(tables)), tables=seen)
    else:
        found = Problem("no_table")
    raise PlanParseError(doc.path, None, Problem("no_task_table", what=what, found=found))


def _check_required(plan: ParsedPlan, header: Header, ref: Ref) -> None:
    place = ref.line if ref.line is not None else ref.label
    why = _why_not(header.columns, header.texts)
    if why is None:
        return
    if why.key == "table_why_twice":
        raise PlanParseError(
            plan.path,
            place,
            f"appendix column {why.fields['second']!r} appears twice "
            f"(both read as the {why.fields['column']} column)",
        )
    raise PlanParseError(plan.path, place, Problem("header_lacks", missing=why.fields["missing"]))


@dataclass
class _State:
    group: GroupRow | None = None
    numbers: dict[int, Ref] = field(default_factory=dict)
    last_number: int = 0
    parent: TaskRow | None = None
    after_break: bool = False
    last_letter: str = ""
    by_head: bool = False  # the group was opened by a bold first paragraph in a task's cell
    ids: dict[str, Ref] = field(default_factory=dict)
    continued: dict[int, tuple[TaskRow, dict[str, list[tuple[str, str]]]]] = field(default_factory=dict)


def read_task_table(plan: ParsedPlan, table: Table, header: Header) -> None:
    _check_required(plan, header, table.rows[0].ref)
    plan.columns = [c for c in header.columns if c is not None]
    plan.extra_columns = [t for c, t in zip(header.columns, header.texts, strict=True) if c is None and t]
    for row in table.rows[: header.rows]:
        _consume(plan, row)
    state = _State()
    for row in table.rows[header.rows :]:
        _consume(plan, row)
        if row.page_break_before:
            state.after_break = True
        texts = [c.text for c in row.cells]
        if not any(t.strip() for t in texts):
            continue
        first = texts[0].strip()
        loose = any(c.confidence is not None for c in row.cells)  # read by OCR
        if len(first) <= 4 and is_column_numbers(texts, loose):  # cheap test first: most rows fail it
            continue
        if _is_repeated_header(plan, row, header):
            state.after_break = True
            continue
        _place_row(plan, state, row, header)
        state.after_break = False
    if state.group is None or not plan.tasks:
        raise PlanParseError(plan.path, where(table.rows[0].ref), Problem("no_task_rows"))
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


#: How alike (difflib's ratio of the name keys) each cell of a header repeated on a page read by OCR
#: must be to the first header's ("Thời gian hoàn - thành" for "Thời gian hoàn thành").
_SAME_HEADER = 0.8


def _is_repeated_header(plan: ParsedPlan, row: Row, header: Header) -> bool:
    first = next((c.text.strip() for c in row.cells[:2] if c.text.strip()), "")
    if len(first) > 16 or column_of(first) != "tt":  # cheap test first: most rows fail it
        return False
    texts = [c.text.replace("\n", " ").strip() for c in row.cells]
    if sum(column_of(t) is not None for t in texts if t) < 3:
        return False
    keys = [name_key(t) for t in texts]
    loose = any(c.confidence is not None for c in row.cells)  # read by OCR: a stray mark, a letter
    same = keys == header.signature[: len(keys)] or (
        loose
        and len(keys) <= len(header.signature)
        and all(
            difflib.SequenceMatcher(None, k, h, autojunk=False).ratio() >= _SAME_HEADER
            for k, h in zip(keys, header.signature, strict=False)
        )
    )
    if not same and header.rows == 1:
        raise PlanParseError(
            plan.path,
            where(row.ref),
            f"a repeated appendix header differs from the first one ({' | '.join(header.texts)})",
        )
    return True


def _values(row: Row, header: Header) -> tuple[dict[str, Cell], dict[str, str], dict[str, str]]:
    """The row's cells by column, their texts (empty where covered from the left), and the
    texts of the columns nobody planned for."""
    cells: dict[str, Cell] = {}
    texts: dict[str, str] = {}
    extras: dict[str, str] = {}
    for column, name, cell in zip(header.columns, header.texts, row.cells, strict=False):
        text = cell.text.strip() if cell.merged != "across" else ""
        if column is None:
            if text:
                extras[name or "?"] = text
        elif column not in cells:
            cells[column] = cell
            texts[column] = text
    return cells, texts, extras


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
    cells, texts, extras = _values(row, header)
    number_text = texts.get("tt", "")
    sub_text = texts.get("sub", "")
    if any(c.confidence is not None for c in (cells.get("tt"), cells.get("sub")) if c is not None):
        number_text, sub_text = _as_expected(plan, state, row, number_text, sub_text, texts)
    content_cell = cells.get("content")
    content = texts.get("content", "")
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
        from_sub = roman_sub and not (roman_number or capital)
        label_text = sub_text if from_sub else number_text
        label_cell = cells.get("sub" if from_sub else "tt")  # its text as read, before OCR's was mended
        label = label_text.rstrip(".")
        title = content or next(
            (
                c.text.strip()
                for c in row.cells
                if c.text.strip() and c.merged == "" and c is not label_cell and c.text.strip() != label_text
            ),
            "",
        )
        _open_group(plan, state, label, title, row, cells)
        return
    sub_number = _NUM.match(sub_text) if sub_text and not roman_sub else None
    if sub_number and not number_text and bold and content:  # "Chi tiết" numbers the groups
        _open_group(plan, state, sub_number.group("n"), content, row, cells)
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
    number = _NUM.match(number_text) or (sub_number if not number_text else None)
    letter = _LETTER.match(sub_text) or (None if number else _LETTER.match(number_text))
    code = None if number or letter else _CODE.match(number_text)
    if not (number or letter or code):
        raise PlanParseError(
            plan.path,
            where(row.ref),
            f"cannot place the row: TT cell {number_text or sub_text!r} is neither a task number nor "
            "a group heading (a group heading has its title alone in the row)",
        )
    if number and not letter and not sub_text and _next_numbered_group(plan, state, int(number.group("n"))):
        _open_group(plan, state, number.group("n"), content, row, cells)  # "2" after "1.1", "1.2"
        return
    # A bold first paragraph titles a group where the table's groups are marked so; under a group
    # row of its own ("I", "A", a spanning title) it is the task's name in bold.
    head = (
        content_cell is not None
        and content_cell.bold_head
        and "\n" in content
        and number
        and (
            state.group is None
            or state.by_head
            or bool(sub_text)
            or not (state.group.label or state.group.title)
        )
    )
    new_group = sub_number is not None and (state.group is None or state.group.label != sub_number.group("n"))
    if number and number_text and new_group:
        # a running number beside a group number: the row is a one-task group (its title the
        # bold first paragraph of the task's cell, when there is one; read by OCR, whose bold is a
        # guess, a first paragraph that reads as a title: short, with no stop)
        first = content.split("\n", 1)[0].strip()
        titled = head or (
            content_cell is not None
            and content_cell.confidence is not None
            and "\n" in content
            and len(first.split()) <= _TITLE_WORDS
            and not first.endswith((".", ";", ":", ","))
        )
        title, content = content.split("\n", 1) if titled else ("", content)
        _open_group(plan, state, sub_number.group("n"), title.strip(), row, {})
    elif head:
        title, content = content.split("\n", 1)
        _open_group(plan, state, "", title.strip(), row, {})
        state.by_head = True
    if code:
        _promote_to_group(plan, state, number_text.rstrip(".").split(".", 1)[0])
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
        prefix, rest = number_text.rstrip(".").split(".", 1)
        # "1.2" under group "1" is its task 2; under another group ("I"), a sub-task of its task 1
        if group.label == prefix and rest.isdigit():
            own_number = int(rest)
        rest = rest if group.label == prefix else number_text.rstrip(".")
        task_id, parent_id = f"{group.group_id}.{rest}", ""
    else:
        task_id, parent_id = f"{group.group_id}.{own_number}", ""
    if not content:
        raise PlanParseError(plan.path, where(row.ref), f"task {task_id} has an empty content cell")
    if task_id in state.ids:
        raise PlanParseError(
            plan.path, where(row.ref), f"task {task_id} appears twice (first at {state.ids[task_id].label})"
        )
    state.ids[task_id] = row.ref
    task_cells = {"content": content}
    inherited = []
    for column in TABLE_COLUMNS:
        task_cells[column] = texts.get(column, "")
        if task_cells[column] and cells[column].merged == "down":
            inherited.append(column)
    if not task_cells["lead"]:  # an empty lead cell under a parent task or a group row that names one
        parent = state.parent if letter and state.parent is not None and state.parent.group is group else None
        above = parent.cells.get("lead", "") if parent is not None else ""
        task_cells["lead"] = above or group.cells.get("lead", "")
        if task_cells["lead"]:
            inherited.append("lead")
    task = TaskRow(
        group,
        task_id,
        own_number,
        letter.group("l") if letter else "",
        parent_id,
        task_cells,
        [row.ref],
        inherited,
        extras,
    )
    plan.tasks.append(task)
    if not letter:
        state.parent = task
        state.last_letter = ""


def _next_numbered_group(plan: ParsedPlan, state: _State, number: int) -> bool:
    """Whether a row numbered ``number`` heads the group after the current one, whose tasks are
    numbered under it ("1.1", "1.2", then "2")."""
    group = state.group
    if group is None or not group.label.isdigit() or number != int(group.label) + 1:
        return False
    mine = [t for t in plan.tasks if t.group is group]
    return bool(mine) and not state.numbers and not any(t.letter for t in mine)  # numbered by codes only


def _promote_to_group(plan: ParsedPlan, state: _State, prefix: str) -> None:
    """Numbers that nest ("1", then "1.1", "1.2"): the row numbered "1" was a group heading, read as
    a task until its first "1.x" row. It becomes the group, with its title and the values it
    carries; an unnamed group it stood in, left empty, goes. Under a named group that is no number
    of its own ("I" … "1" … "1.1"), "1.1" is a sub-task and nothing changes."""
    group = state.group
    last = plan.tasks[-1] if plan.tasks else None
    if (
        last is None
        or group is None
        or last.group is not group
        or last.letter
        or last.number is None
        or str(last.number) != prefix
        or group.label == prefix
        or not (group.label == "" or group.label.isdigit())
    ):
        return
    plan.tasks.pop()
    state.ids.pop(last.task_id, None)
    if group.label == "" and not any(t.group is group for t in plan.tasks):
        plan.groups.remove(group)
    values = {c: v for c, v in last.cells.items() if c in TABLE_COLUMNS and v}
    promoted = GroupRow(len(plan.groups) + 1, prefix, last.cells.get("content", ""), last.refs[0], values)
    plan.groups.append(promoted)
    state.group = promoted
    state.numbers.clear()
    state.parent = None
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


def _open_group(
    plan: ParsedPlan, state: _State, label: str, title: str, row: Row, cells: dict[str, Cell]
) -> None:
    _check_group_has_tasks(plan, state)
    values = {c: _text(cells, c) for c in TABLE_COLUMNS if _text(cells, c)}
    group = GroupRow(len(plan.groups) + 1, label, title, row.ref, values)
    plan.groups.append(group)
    state.group = group
    state.numbers.clear()
    state.parent = None
    state.last_letter = ""
    state.by_head = False


#: A first paragraph of a task's cell this short (words), with no stop, reads as a group's title.
_TITLE_WORDS = 14
#: A sub-task mark as OCR can misread it: one character before ")" ("4)" for "a)", "8)" for "g)").
_LETTER_SHAPED = re.compile(r"^\S{1,2}\)$")
#: Letters OCR reads for digits in a number that holds a digit ("l6", "1O", "2S").
_DIGIT_LOOKALIKES = str.maketrans({"l": "1", "I": "1", "|": "1", "O": "0", "o": "0", "S": "5", "B": "8"})
#: A Roman numeral as OCR can misread it: "I" read as "l", "i", "1" or "|", "V" and "X" in lower case
#: (one upper-case letter at least: a lone "v" or "x" is not taken for one).
_ROMAN_MISREAD = re.compile(r"[IVXil1|!vx]{1,6}\.?")
#: A group's Roman numeral as OCR can misread it beside the group's title, where the sequence alone
#: says which it is: a short run of letters with a capital ("H" for "II", "Hi!" for "III", "Ỵ" or
#: "M" for "V", "VINH" for "VIII").
_HEADING_MISREAD = re.compile(r"(?=.*[A-Z])[A-Za-z|!1]{1,6}\.?")


def _as_expected(
    plan: ParsedPlan, state: _State, row: Row, number_text: str, sub_text: str, texts: dict[str, str]
) -> tuple[str, str]:
    """A task's number and sub-task letter read by OCR, as the table's sequence has them where OCR
    misread them.

    OCR misreads a lone "1" as "I", "11" as "II", "II" as "Il", "a)" as "4)", "d)" as "đ)"; the
    interpreter would then open a group or stop at a number out of sequence. For cells read by OCR
    only (their ``confidence`` set): a Roman numeral with "l", "1" or "|" for an "I" is read with
    "I"; and in a row with content, a sub-task mark that is not the letter the
    sequence allows (or not a letter) is taken as the letter it allows, a Roman numeral or a letter
    in the number column beside a sub-task mark as the next number, and a number out of sequence as
    the next one. Each is said in the reading notes (``ocr_numbering``), with the row's place.
    """
    new_number, new_sub = number_text, sub_text
    read_number = number_text
    bare = "".join(ch for ch in unicodedata.normalize("NFD", number_text) if not unicodedata.combining(ch))
    if _ROMAN_MISREAD.fullmatch(bare) and re.search("[IVX]", bare):
        candidate = re.sub("[l1|!]", "I", bare).upper()  # "Il", "I1" for "II"; "VỊ" for "VI"; "Ix" for "IX"
        if _ROMAN_FULL.fullmatch(candidate.rstrip(".")):
            new_number = candidate
    # a group's title across the sub-task and content columns, in the sub-task column's cell
    title_in_sub = not texts.get("content") and len(sub_text) > 3 and any(ch.isalpha() for ch in sub_text)
    if not texts.get("content") and not title_in_sub:
        _say_taken(plan, row, ((number_text, new_number),))
        return new_number, new_sub
    previous_group = state.group.label if state.group is not None else ""
    following = roman(roman_value(previous_group) + 1) if _ROMAN_FULL.fullmatch(previous_group) else ""
    heading = (not sub_text or title_in_sub) and not any(
        v for k, v in texts.items() if k not in ("tt", "sub", "content")
    )
    if following and (
        new_number.rstrip(".") == previous_group  # a group's numeral repeated: "Il" after "II"
        or (
            (heading or title_in_sub)
            and _HEADING_MISREAD.fullmatch(bare)
            and not _ROMAN_FULL.fullmatch(new_number.rstrip("."))
        )  # a group's title after group "IV", numbered "Vv" or "Ỵ": group "V"; "VH": "VII"
    ):
        new_number = following
        _say_taken(plan, row, ((read_number, new_number),))
        return new_number, new_sub
    if title_in_sub:
        _say_taken(plan, row, ((read_number, new_number),))
        return new_number, new_sub
    in_letters = bool(state.last_letter) and len(sub_text) <= 2 and not _NUM.match(sub_text)  # "Cc" after "b"
    letter_shaped = bool(sub_text) and bool(
        _LETTER.match(sub_text) or _LETTER_SHAPED.match(sub_text) or in_letters
    )
    if letter_shaped:
        match = _LETTER.match(sub_text)
        letter = match.group("l") if match else ""
        previous = LETTERS.index(state.last_letter) if state.last_letter in LETTERS else -1
        allowed = [previous + 1] + ([previous + 2] if LETTERS[previous + 1 : previous + 2] == ("đ",) else [])
        if previous + 1 < len(LETTERS) and (letter not in LETTERS or LETTERS.index(letter) not in allowed):
            new_sub = f"{LETTERS[previous + 1]})"
    expected = str(state.last_number + 1) if state.numbers or state.last_number else "1"
    lookalike = number_text.translate(_DIGIT_LOOKALIKES)
    if number_text and any(ch.isdigit() for ch in number_text) and _NUM.match(lookalike):
        number_text = new_number = lookalike  # "l6" for "16", "1O" for "10"
    if number_text and not _NUM.match(number_text) and not _CODE.match(number_text):
        misread = len(number_text) <= 3 and not re.search("[A-Za-z]", number_text)  # "Š", "§" for a digit
        if letter_shaped or misread:
            new_number = expected  # a Roman numeral beside a sub-task mark is a misread number too
    elif number_text and _NUM.match(number_text) and not letter_shaped:
        n = int(_NUM.match(number_text).group("n"))  # type: ignore[union-attr]
        if n in state.numbers or n not in (
            {1, state.last_number + 1} if not state.numbers else {state.last_number + 1}
        ):
            new_number = expected
    _say_taken(plan, row, ((read_number, new_number), (sub_text, new_sub)))
    return new_number, new_sub


def _say_taken(plan: ParsedPlan, row: Row, pairs: tuple[tuple[str, str], ...]) -> None:
    """A reading note for each mark read by OCR and taken otherwise (``ocr_numbering``)."""
    for read, taken in pairs:
        if read != taken:
            plan.document.notes.append(
                Note(
                    "ocr_numbering",
                    row.ref.label,
                    (("file", Path(plan.path).name), ("read", read), ("taken", taken)),
                )
            )


def _check_group_has_tasks(plan: ParsedPlan, state: _State) -> None:
    group = state.group
    if group is not None and not any(t.group is group for t in plan.tasks[-1:]):
        raise PlanParseError(
            plan.path, where(group.ref), f"group {group.group_id} ({group.title!r}) has no tasks"
        )


def _check_number(plan: ParsedPlan, state: _State, number: int, row: Row) -> None:
    group = state.group
    group_id = group.group_id if group is not None else 1
    if number in state.numbers:
        raise PlanParseError(
            plan.path,
            where(row.ref),
            f"task number {number} is repeated in group {group_id} (first at {state.numbers[number].label})",
        )
    first_in_group = not state.numbers
    allowed = {1, state.last_number + 1} if first_in_group else {state.last_number + 1}
    if number not in allowed:
        want = " or ".join(str(n) for n in sorted(allowed))
        raise PlanParseError(
            plan.path,
            where(row.ref),
            f"task number {number} in group {group_id} follows {state.last_number or 'the group heading'}; "
            f"expected {want} (a row lost at a page break?)",
        )
    state.numbers[number] = row.ref


def _check_letter(plan: ParsedPlan, state: _State, letter: str, row: Row) -> None:
    """Sub-task letters run a, b, c, d, đ, e, g, … (a document may leave out đ)."""
    if letter not in LETTERS:
        raise PlanParseError(
            plan.path,
            where(row.ref),
            f"sub-task letter {letter!r} is not a Vietnamese sub-task letter ({', '.join(LETTERS[:12])}, …)",
        )
    previous = LETTERS.index(state.last_letter) if state.last_letter else -1
    allowed = {previous + 1} | ({previous + 2} if LETTERS[previous + 1 : previous + 2] == ("đ",) else set())
    if LETTERS.index(letter) not in allowed:
        want = " or ".join(repr(LETTERS[i]) for i in sorted(allowed) if i < len(LETTERS))
        after = f"follows {state.last_letter!r}" if state.last_letter else "is the first of its task"
        raise PlanParseError(
            plan.path,
            where(row.ref),
            f"sub-task letter {letter!r} {after}; expected {want} (a row lost at a page break?)",
        )
    state.last_letter = letter


def _continue_task(
    plan: ParsedPlan, state: _State, row: Row, cells: dict[str, Cell], extras: dict[str, str]
) -> None:
    task = plan.tasks[-1] if plan.tasks else None
    if task is None or state.group is None or task.group is not state.group:
        raise PlanParseError(
            plan.path,
            where(row.ref),
            "a row with an empty TT cell continues the previous task, but no task precedes it in this group",
        )
    content_cell = cells.get("content")
    second_set = content_cell is not None and content_cell.merged == "down"
    more = state.continued.setdefault(id(task), (task, {}))[1]
    for column, cell in cells.items():
        if column in ("tt", "sub") or cell.merged or not cell.text.strip():
            continue
        text = cell.text.strip()
        # A second set of values that repeats the first ("Ban hành kế hoạch trong tháng 01/2026" under
        # both rows of a merged task) is said once.
        if second_set and text in {task.cells.get(column, "").strip(), *(t for _, t in more.get(column, []))}:
            continue
        # An agency cell cut by a page break between two names goes on as a new paragraph.
        before = more[column][-1][1] if more.get(column) else task.cells.get(column, "")
        new_name = (
            column in ("lead", "coordinate")
            and text[:1].isupper()
            and starts_new_name(text)
            and not before.rstrip().endswith((",", ";", "và", "/"))
        )
        # A line break stands between paragraphs only: a cell cut by a page break inside a
        # sentence goes on after a space.
        new_para = bool(_PARA_END.search(before.rstrip())) and (text[:1].isupper() or text[:1] in "-+•–")
        sep = "\n" if second_set or new_name or new_para else " "
        more.setdefault(column, []).append((sep, text))
    for key, value in extras.items():
        task.extras[key] = f"{task.extras[key]} {value}" if key in task.extras else value
    task.refs.append(row.ref)
