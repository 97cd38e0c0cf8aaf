"""The plan's structure before it becomes tables: its parts, groups and tasks.

The interpreter (:mod:`.parse`, with :mod:`.body` and :mod:`.task_table`) fills a
:class:`ParsedPlan`; :func:`~.tables.build_plan` turns it into the contract's tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .document import Document, Ref

#: A Roman numeral from I to XXXIX (sections, group rows).
ROMAN = r"(?:X{0,3}(?:IX|IV|V?I{0,3}))"

_ROMAN_VALUES = (("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1))


def roman_value(numeral: str) -> int:
    """A Roman numeral's value: "XIV" → 14."""
    value, rest = 0, numeral
    for letters, n in _ROMAN_VALUES:
        while rest.startswith(letters):
            value, rest = value + n, rest[len(letters) :]
    return value


def roman(n: int) -> str:
    """A number as a Roman numeral: 14 → "XIV"."""
    out = ""
    for letters, value in _ROMAN_VALUES:
        count, n = divmod(n, value)
        out += letters * count
    return out


@dataclass
class Unit:
    """A paragraph of the body, with where it stands."""

    text: str
    ref: Ref
    bold: bool
    heading_level: int
    lines: tuple[int, ...] = ()
    confidence: float | None = None  # read by OCR: its words' mean confidence (bold is then a guess)

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
    marker: str = ""  # a bullet's mark as written: "-", "+", "a)"


@dataclass
class Duty:
    duty_no: int
    text: str
    source_line: int | None
    source_line_end: int | None
    source_ref: str
    agencies_text: str = ""  # the bodies this duty names, where its item's heading names none


@dataclass
class DutyItem:
    item: int
    heading: str
    agencies_text: str
    source_line: int | None
    source_ref: str
    duties: list[Duty] = field(default_factory=list)
    bare: bool = False  # its heading only names the bodies ("2. Sở Nội vụ"): the paragraph below is a duty


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
    cited: set[str] = field(default_factory=set)  # numbers (number_key) of the documents it implements

    def has_meta(self, name: str) -> bool:
        return any(f == name for f, _, _ in self.meta)


def where(ref: Ref) -> int | str:
    """The place an error names: the text export's line, or the ref's label."""
    return ref.line if ref.line is not None else ref.label


def extend_meta(plan: ParsedPlan, field_name: str, more: str, unit: Unit | None, glue: str = " ") -> None:
    """Add ``more`` to the last fact named ``field_name`` (a title printed on two lines), after
    ``glue``, keeping where the fact starts; the unit is consumed."""
    at = max(i for i, (f, _, _) in enumerate(plan.meta) if f == field_name)
    name, value, ref = plan.meta[at]
    plan.meta[at] = (name, f"{value}{glue}{more}", ref)
    if unit is not None:
        plan.consumed.update(unit.lines)


def add_meta(plan: ParsedPlan, field_name: str, value: str, unit: Unit | None) -> None:
    """Record a fact about the document, with where it stands."""
    plan.meta.append((field_name, value, unit.ref if unit else None))
    if unit is not None:
        plan.consumed.update(unit.lines)
