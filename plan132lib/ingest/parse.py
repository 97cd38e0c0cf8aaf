"""Parse plan lines into the document's structure.

The plan has a preamble (number, place and date, title), Roman-numbered
sections (I. Mục đích, yêu cầu; II. Nội dung; III. Kinh phí; IV. Tổ chức thực
hiện), the recipients and signature, and an appendix table of tasks in groups.
:func:`parse_lines` walks the lines once and places every non-blank line in
one of these parts, or raises :class:`~plan132lib.errors.PlanParseError`
naming the line: nothing is skipped silently.

Two traps of the converted text are handled here:

- a page break splits a paragraph: a blank line, then a line that carries on
  mid-sentence (it starts in lower case and the line before does not end a
  sentence). The two are joined with one space.
- a page break splits the appendix table: the header row repeats (skipped) and
  a row with an empty ``TT`` cell continues the previous task (its cells are
  joined to the task's with one space).

A page number left on a line of its own ("12", "- 12 -") is not guessed away:
it may sit inside a paragraph or between a row and its continuation, so it is
an error naming the line. So is an appendix header whose tabs were turned into
spaces: the cells cannot be told apart without the tabs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import PlanParseError
from .names import name_key
from .source import SourceLine

_ROMAN = r"(?:I{1,3}|IV|VI{0,3}|IX|X)"
_SECTION = re.compile(rf"^(?P<no>{_ROMAN})\.\s+(?P<title>.+?)\s*$")
_ITEM = re.compile(r"^(?P<no>\d{1,3})\.\s+(?P<text>.+)$")
_BULLET = re.compile(r"^(?:[-–•+*]|[a-zđ]\))\s+(?P<text>.+)$")
_NUMBER = re.compile(r"^Số\s*:\s*(?P<value>.+)$", re.I)
_PLACE_DATE = re.compile(
    r"^(?P<place>[^,]+),\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})\.?$", re.I
)
_RESOLUTION = re.compile(
    r"Nghị quyết(?: số)?\s+(?P<number>\d+/(?:\d{4}/)?[A-ZĐ0-9-]+)"
    r"(?:\s+ngày\s+(?P<date>\d{1,2}/\d{1,2}/\d{4}))?(?:\s+của\s+(?P<issuer>Quốc hội|Chính phủ|[^,;.]+?))?"
    r"(?=\s+và\s|\s+về\s|[,;.]|$)"
)
_RECIPIENTS = re.compile(r"^Nơi nhận\s*:?$", re.I)
_SIGN_TITLE = re.compile(r"^(?:KT|TM|TL|Q)\.\s|CHỦ TỊCH", re.I)
_APPENDIX = re.compile(r"^Phụ lục(?:\s+[IVX\d]+)?\s*:?$", re.I)
_ATTACHED = re.compile(r"^\(Kèm theo (?P<text>.+)\)$", re.I)
_ISSUER_IN_ATTACHED = re.compile(r"của\s+(?P<issuer>(?:Ủy|Uỷ) ban nhân dân .+)$", re.I)
_SENTENCE_END = (".", ":", ";", "!", "?")
# A line holding only a page number ("12", "- 12 -", "Trang 12"), left by a conversion.
_PAGE_NUMBER = re.compile(r"(?:Trang\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?", re.I)

#: Appendix header names (under name_key) and the column each one fills.
HEADER_NAMES = {
    "tt": "tt", "stt": "tt", "số tt": "tt",
    "nội dung thực hiện": "content", "nội dung": "content", "nhiệm vụ": "content",
    "nội dung nhiệm vụ": "content", "tên nhiệm vụ": "content",
    "cơ quan chủ trì": "lead", "đơn vị chủ trì": "lead", "chủ trì": "lead",
    "cơ quan phối hợp": "coordinate", "đơn vị phối hợp": "coordinate", "phối hợp": "coordinate",
    "tiến độ": "timeline", "tiến độ thực hiện": "timeline", "thời gian": "timeline",
    "thời gian thực hiện": "timeline", "thời gian hoàn thành": "timeline", "thời hạn": "timeline",
    "ghi chú": "note",
    "sản phẩm": "product", "kết quả": "product", "sản phẩm đầu ra": "product",
}
HEADER_NAMES = {name_key(k): v for k, v in HEADER_NAMES.items()}
REQUIRED_COLUMNS = ("tt", "content", "lead", "timeline")


@dataclass
class Unit:
    """A logical paragraph: one or more source lines joined with single spaces."""

    text: str
    first: int
    last: int
    bold: bool
    heading_level: int
    lines: list[int] = field(default_factory=list)


@dataclass
class SectionRow:
    section: str
    section_title: str
    item_no: int | None
    item_title: str
    bullet_no: int | None
    kind: str
    text: str
    source_line: int
    source_line_end: int


@dataclass
class Duty:
    duty_no: int
    text: str
    source_line: int
    source_line_end: int


@dataclass
class DutyItem:
    item: int
    heading: str
    agencies_text: str
    source_line: int
    duties: list[Duty] = field(default_factory=list)


@dataclass
class TaskRow:
    group_id: int
    group_title: str
    group_line: int
    number: int
    cells: dict[str, str]
    source_line: int
    lines: list[int] = field(default_factory=list)


@dataclass
class ParsedPlan:
    """The plan's structure before normalisation into tables."""

    path: str
    lines: list[SourceLine]
    meta: list[tuple[str, str, int | None]] = field(default_factory=list)
    sections: list[SectionRow] = field(default_factory=list)
    duty_items: list[DutyItem] = field(default_factory=list)
    groups: list[tuple[int, str, int]] = field(default_factory=list)
    tasks: list[TaskRow] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    consumed: set[int] = field(default_factory=set)


def _starts_structure(text: str) -> bool:
    return bool(_SECTION.match(text) or _ITEM.match(text) or _BULLET.match(text)
                or _RECIPIENTS.match(text))


def join_units(lines: list[SourceLine]) -> list[Unit]:
    """Group body lines into logical paragraphs, re-joining page-break splits.

    A line joins the paragraph before it when it follows with no blank line
    and starts no new structure (Markdown's soft wrap), or when it comes after
    blank lines, starts in lower case, and the paragraph before does not end
    a sentence (a page break).
    """
    units: list[Unit] = []
    parts: list[list[str]] = []  # each unit's lines, joined at the end (not one copy per line)
    blank_before = True
    for line in lines:
        if line.blank:
            blank_before = True
            continue
        text = line.text.strip()
        prev = units[-1] if units else None
        soft_wrap = (not blank_before and prev is not None and not line.heading_level
                     and not prev.heading_level and not _starts_structure(text))
        page_break = (blank_before and prev is not None and text[:1].islower()
                      and not parts[-1][-1].endswith(_SENTENCE_END) and not prev.heading_level)
        if prev is not None and (soft_wrap or page_break):
            parts[-1].append(text)
            prev.last = line.no
            prev.lines.append(line.no)
            prev.bold = prev.bold or line.bold
        else:
            units.append(Unit(text, line.no, line.no, line.bold, line.heading_level, [line.no]))
            parts.append([text])
        blank_before = False
    for unit, texts in zip(units, parts, strict=True):
        unit.text = " ".join(texts)
    return units


def _is_header(cells: list[str]) -> bool:
    return (len(cells) >= 2 and HEADER_NAMES.get(name_key(cells[0])) == "tt"
            and HEADER_NAMES.get(name_key(cells[1])) is not None)


def _is_spaced_header(text: str) -> bool:
    """A header row whose tabs were turned into spaces ("TT Nội dung thực hiện Cơ quan …")."""
    if not text[:3].casefold().startswith(("tt", "stt", "số")):  # cheap test first: most lines fail it
        return False
    words = text.split(None, 6)
    for n in (1, 2):  # "TT", "STT" or "Số TT"
        if HEADER_NAMES.get(name_key(" ".join(words[:n]))) == "tt":
            rest = name_key(" ".join(words[n:n + 4]))
            return any(v != "tt" and (rest == k or rest.startswith(k + " ")) for k, v in HEADER_NAMES.items())
    return False


def _find_appendix(lines: list[SourceLine], path: str) -> tuple[int, int]:
    """Index of the appendix's first line and of its table header."""
    header = None
    for i, ln in enumerate(lines):
        if "\t" in ln.text:
            if _is_header([c.strip() for c in ln.text.split("\t")]):
                header = i
                break
        elif _is_spaced_header(ln.text):
            raise PlanParseError(
                path, ln.no, "this looks like the appendix table's header row, but its cells are "
                "separated by spaces, not tabs (were tabs turned into spaces?); the table cannot be "
                "split into cells: restore the tabs")
    if header is None:
        raise PlanParseError(
            path, None, "no appendix table found; expected a header row of tab-separated "
            "cells starting 'TT<TAB>Nội dung thực hiện<TAB>Cơ quan chủ trì…'"
        )
    start = next((i for i in range(header) if _APPENDIX.match(lines[i].text.strip())), header)
    return start, header


def parse_lines(lines: list[SourceLine], path: str | Path = "<text>") -> ParsedPlan:
    """Parse a whole plan; see the module docstring."""
    path = str(path)
    plan = ParsedPlan(path=path, lines=lines)
    start, header = _find_appendix(lines, path)
    for line in lines[:header]:
        if _PAGE_NUMBER.fullmatch(line.text):
            raise PlanParseError(path, line.no, _page_number_problem(line.text))
    _parse_body(plan, join_units(lines[:start]))
    _parse_appendix_intro(plan, join_units(lines[start:header]))
    _parse_table(plan, lines[header:])
    return plan


def _page_number_problem(text: str) -> str:
    return (f"a line holding only {text!r}: a page number left by the conversion? It cannot be "
            "placed (it may split a paragraph or a table row); delete the line")


# --------------------------------------------------------------------------- body

def _meta(plan: ParsedPlan, field_name: str, value: str, unit: Unit | None) -> None:
    plan.meta.append((field_name, value, unit.first if unit else None))
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
                                        kind, text, unit.first, unit.last))
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
            elif signer_title_seen and not any(f == "signer_name" for f, _, _ in plan.meta):
                _meta(plan, "signer_name", text, unit)
            else:
                _meta(plan, "closing_text", text, unit)
            continue
        # state == "sections"
        if not section:
            raise PlanParseError(plan.path, unit.first, "text before the first section heading")
        item = _ITEM.match(text)
        bullet = _BULLET.match(text)
        if in_duties:
            if item:
                item_no = int(item.group("no"))
                duty_item = _duty_item(plan, item_no, item.group("text"), unit)
                plan.consumed.update(unit.lines)
            elif bullet and duty_item is not None:
                n = len(duty_item.duties) + 1
                duty_item.duties.append(Duty(n, bullet.group("text"), unit.first, unit.last))
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
        raise PlanParseError(plan.path, units[-1].last if units else None,
                             "no section heading found; expected 'I. MỤC ĐÍCH, YÊU CẦU' or similar")
    for duty in plan.duty_items:
        if not duty.duties:
            raise PlanParseError(plan.path, duty.source_line,
                                 f"Section item {duty.item} ({duty.heading!r}) has no duties; "
                                 "expected bullet lines '- …' after it")


def _preamble_unit(plan: ParsedPlan, unit: Unit) -> None:
    text = unit.text
    number = _NUMBER.match(text)
    place_date = _PLACE_DATE.match(text)
    if number:
        _meta(plan, "number_raw", number.group("value"), unit)
        _meta(plan, "number", re.sub(r"\s*/\s*", "/", number.group("value")).strip(), unit)
    elif place_date:
        _meta(plan, "place", place_date.group("place").strip(), unit)
        d, m, y = (int(place_date.group(k)) for k in ("d", "m", "y"))
        try:
            issued = date(y, m, d)
        except ValueError:
            raise PlanParseError(plan.path, unit.first,
                                 f"the date (day {d}, month {m}, year {y}) is not a calendar date") from None
        _meta(plan, "date", issued.isoformat(), unit)
    elif unit.heading_level and not any(f == "doc_type" for f, _, _ in plan.meta) and text.isupper():
        _meta(plan, "doc_type", text, unit)
    elif unit.heading_level and not any(f == "title" for f, _, _ in plan.meta):
        _meta(plan, "title", text, unit)
        for res in _RESOLUTION.finditer(text):
            value = res.group("number")
            if res.group("date"):
                value += f" ngày {res.group('date')}"
            if res.group("issuer"):
                value += f" của {res.group('issuer')}"
            _meta(plan, "implements", value, unit)
    elif text.isupper() and not any(f == "issuer" for f, _, _ in plan.meta) \
            and name_key(text).startswith(name_key("Ủy ban nhân dân")):
        _meta(plan, "issuer", text, unit)
    else:
        _meta(plan, "preamble_text", text, unit)


def _duty_item(plan: ParsedPlan, item_no: int, body: str, unit: Unit) -> DutyItem:
    """A Section IV item: its heading names the agencies; bullets (if any) are duties."""
    if plan.duty_items and item_no != plan.duty_items[-1].item + 1:
        raise PlanParseError(plan.path, unit.first,
                             f"Section item {item_no} follows item {plan.duty_items[-1].item}; "
                             f"expected {plan.duty_items[-1].item + 1}")
    if body.endswith(":"):
        heading = body.rstrip(":").strip()
        item = DutyItem(item_no, heading, heading, unit.first)
    elif ":" in body and not body.startswith("Đề nghị"):
        heading, rest = body.split(":", 1)
        item = DutyItem(item_no, heading.strip(), heading.strip(), unit.first)
        item.duties.append(Duty(1, rest.strip(), unit.first, unit.last))
    else:
        agencies = re.match(
            r"^(?:Đề nghị\s+)?(?P<who>.+?)\s+(?:theo chức năng|phối hợp|tham gia|chỉ đạo|giám sát|"
            r"chủ động|có trách nhiệm|căn cứ)\b", body)
        who = agencies.group("who") if agencies else body
        item = DutyItem(item_no, who, who, unit.first)
        item.duties.append(Duty(1, body, unit.first, unit.last))
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
            issuer = _ISSUER_IN_ATTACHED.search(attached.group("text"))
            if issuer and not any(f == "issuer" for f, _, _ in plan.meta):
                _meta(plan, "issuer", issuer.group("issuer"), unit)
        elif not any(f == "appendix_title" for f, _, _ in plan.meta):
            _meta(plan, "appendix_title", text, unit)
        else:
            _meta(plan, "appendix_text", text, unit)


def _cells(line: SourceLine) -> list[str]:
    return [c.strip() for c in line.text.split("\t")]


def _parse_table(plan: ParsedPlan, lines: list[SourceLine]) -> None:
    header_line = lines[0]
    header = _cells(header_line)
    columns = []
    for cell in header:
        column = HEADER_NAMES.get(name_key(cell))
        if column is None:
            raise PlanParseError(plan.path, header_line.no,
                                 f"unknown appendix column {cell!r}; expected one of "
                                 "TT, Nội dung thực hiện, Cơ quan chủ trì, Cơ quan phối hợp, "
                                 "Tiến độ, Ghi chú")
        if column in columns:
            raise PlanParseError(plan.path, header_line.no, f"appendix column {cell!r} appears twice")
        columns.append(column)
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise PlanParseError(plan.path, header_line.no,
                             f"the appendix header lacks the column(s) {missing}")
    plan.columns = columns
    plan.consumed.add(header_line.no)
    expected = "\t".join(header)

    group: tuple[int, str, int] | None = None
    group_tasks: dict[int, int] = {}
    last_number = 0
    # Cells of continuation rows, joined to their task's once at the end (not one copy per row).
    continued: dict[int, tuple[TaskRow, dict[str, list[str]]]] = {}
    for line in lines[1:]:
        if line.blank:
            continue
        cells = _cells(line)
        if len(cells) != len(columns):
            if len(cells) == 1 and _PAGE_NUMBER.fullmatch(cells[0]):
                raise PlanParseError(plan.path, line.no, _page_number_problem(cells[0]))
            hint = " (no tab in the row: were tabs turned into spaces?)" if len(cells) == 1 else ""
            raise PlanParseError(
                plan.path, line.no,
                f"appendix row has {len(cells)} cell(s); expected {len(columns)} separated by tabs "
                f"({expected.replace(chr(9), ' | ')}){hint}")
        if _is_header(cells):
            if [name_key(c) for c in cells] != [name_key(c) for c in header]:
                raise PlanParseError(
                    plan.path, line.no,
                    "a repeated appendix header differs from the first one "
                    f"(line {header_line.no}: {expected.replace(chr(9), ' | ')})")
            plan.consumed.add(line.no)
            continue
        row = dict(zip(columns, cells, strict=True))
        tt = row["tt"].rstrip(".")
        others = [v for k, v in row.items() if k != "tt"]
        if tt.isdecimal():  # not isdigit(): "¹" is a digit that int() cannot read
            if group is None:  # tasks with no group heading: one unnamed group
                group = _open_group(plan, "", line.no, group_tasks)
            number = int(tt)
            if number in group_tasks:
                raise PlanParseError(
                    plan.path, line.no,
                    f"task number {number} is repeated in group {group[0]} "
                    f"(first at line {group_tasks[number]})")
            first_in_group = not group_tasks
            allowed = {1, last_number + 1} if first_in_group else {last_number + 1}
            if number not in allowed:
                want = " or ".join(str(n) for n in sorted(allowed))
                raise PlanParseError(
                    plan.path, line.no,
                    f"task number {number} in group {group[0]} follows {last_number or 'the group heading'}; "
                    f"expected {want} (a row lost at a page break?)")
            if not row["content"]:
                raise PlanParseError(plan.path, line.no, f"task {number} has an empty content cell")
            group_tasks[number] = line.no
            last_number = number
            plan.tasks.append(TaskRow(group[0], group[1], group[2], number,
                                      {k: v for k, v in row.items() if k != "tt"},
                                      line.no, [line.no]))
            plan.consumed.add(line.no)
        elif not tt and any(others):
            task = plan.tasks[-1] if plan.tasks else None
            if task is None or group is None or task.group_id != group[0]:
                raise PlanParseError(
                    plan.path, line.no,
                    "a row with an empty TT cell continues the previous task, but no task "
                    "precedes it in this group")
            for key, value in row.items():
                if key != "tt" and value:
                    continued.setdefault(id(task), (task, {}))[1].setdefault(key, []).append(value)
            task.lines.append(line.no)
            plan.consumed.add(line.no)
        elif not tt:
            plan.consumed.add(line.no)  # a row of empty cells: nothing to keep
        else:
            title = tt if not any(others) else None
            if title is None and re.fullmatch(rf"{_ROMAN}|[A-Z]", tt) and row["content"] \
                    and not any(v for k, v in row.items() if k not in ("tt", "content")):
                title = row["content"]
            if title is None:
                raise PlanParseError(
                    plan.path, line.no,
                    f"cannot place the row: TT cell {row['tt']!r} is neither a task number nor "
                    "a group heading (a group heading has its title alone in the row)")
            if group is not None and not group_tasks:
                raise PlanParseError(plan.path, group[2], f"group {group[0]} ({group[1]!r}) has no tasks")
            group = _open_group(plan, title, line.no, group_tasks)
            plan.consumed.add(line.no)
    if group is None or not plan.tasks:
        raise PlanParseError(plan.path, header_line.no, "the appendix table has no task rows")
    if not group_tasks:
        raise PlanParseError(plan.path, group[2], f"group {group[0]} ({group[1]!r}) has no tasks")
    for task, more in continued.values():
        for key, values in more.items():
            task.cells[key] = " ".join([task.cells[key], *values]).strip()


def _open_group(plan: ParsedPlan, title: str, line_no: int,
                group_tasks: dict[int, int]) -> tuple[int, str, int]:
    group = (len(plan.groups) + 1, title, line_no)
    plan.groups.append(group)
    group_tasks.clear()
    return group
