"""The body read as items: each paragraph's point as the plan numbers it, the part it belongs to
(objectives, funding, duties, the rest of the body), and the objectives with their targets.

The numbered sections come as rows (:class:`~.structure.SectionRow`: section, item, bullet). Here
each row gets:

- ``point``: where it stands by the plan's own numbering: "II" (a section's own paragraph before
  its first item: "II.¶1"), "II.1" (item 1), "II.1.a" (point a of item 1), "II.1.2" (the second
  dash of item 1), "I.1.a.3" (the third dash under point a). Dashes are counted in the container
  they stand in (the item, else the lettered point); numbers and letters are the plan's.
- ``part``: ``objectives`` (under a heading "Mục tiêu …": a section "I. MỤC TIÊU", an item
  "1. Mục tiêu cụ thể:", a point "a) Mục tiêu"), ``funding`` (under "Kinh phí …"), ``duties`` (the
  duties section's own paragraphs), else ``body``. The innermost heading that says what follows
  decides: "Nhiệm vụ", "Giải pháp", "Mục đích", "Yêu cầu", "Tổ chức thực hiện" end the
  objectives; a topic heading ("1. Cải cách thể chế") or a mixed one ("MỤC TIÊU, NHIỆM VỤ")
  leaves the decision to the headings above and below it.

A heading is a section title, an item whose text ends with ":" or is short and ends with no full
stop, or a point whose text is so ("a) Mục tiêu", "Mục tiêu cụ thể:"). The ``objectives`` table
holds the rows of the objectives part that are not headings, each with its numeric targets
(:func:`.targets.find_measures`: percentages, counts, dates).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .names import name_key
from .structure import SectionRow
from .targets import Measure, find_measures

PARTS = ("objectives", "funding", "duties", "body")
_LETTER = re.compile(r"^[a-zđ]\)$")
_HEADING_WORDS = 12  # a heading is at most this many words
_OBJECTIVES = name_key("Mục tiêu")
_FUNDING = name_key("Kinh phí")
#: Headings after which what follows is no objective ("b) Nhiệm vụ", "II. GIẢI PHÁP").
_OTHER = tuple(
    name_key(h)
    for h in (
        "Nhiệm vụ",
        "Giải pháp",
        "Mục đích",
        "Yêu cầu",
        "Tổ chức thực hiện",
        "Trách nhiệm",
        "Phân công",
        "Nội dung",
        "Chế độ báo cáo",
    )
)
_MIXED = tuple(name_key(h) for h in ("nhiệm vụ", "giải pháp"))


@dataclass(frozen=True)
class BodyItem:
    """A row of the sections table with its point and part."""

    row: SectionRow
    point: str
    part: str
    heading: bool


def _kind_of(title: str) -> str:
    """What a heading says follows: ``objectives``, ``funding``, ``other``, or ``""`` (it does not say)."""
    key = name_key(title.rstrip(":"))
    if key.startswith(_OBJECTIVES):
        return "" if any(m in key for m in _MIXED) else "objectives"
    if key.startswith(_FUNDING):
        return "funding"
    if key.startswith(_OTHER):
        return "other"
    return ""


def _is_heading(text: str, marker: str = "") -> bool:
    """A short line that ends with ":" or with no full stop ("Cải cách thể chế", "a) Mục tiêu")."""
    text = text.strip()
    if len(text.split()) > _HEADING_WORDS or not text:
        return False
    if text.endswith(":"):
        return True
    return not text.endswith((".", ";", "!", "?", ",")) and (not marker or bool(_LETTER.match(marker)))


def body_items(rows: Sequence[SectionRow], duties_section: str = "") -> list[BodyItem]:
    """Every row with its point and part (see the module's note), in the plan's order."""
    out: list[BodyItem] = []
    section: str | None = None
    item: int | None = None
    letter = ""
    counts: dict[str, int] = {}
    scope: dict[int, str] = {}  # level (0 section, 1 item, 2 point) -> what its heading says
    for row in rows:
        if row.section != section:
            section, item, letter = row.section, None, ""
            scope = {0: _kind_of(row.section_title)}
        heading = False
        if row.kind in ("item", "item_heading") and row.item_no is not None:
            item, letter = int(row.item_no), ""
            point = f"{section}.{item}"
            heading = row.kind == "item_heading" or _is_heading(row.text)
            scope = {k: v for k, v in scope.items() if k < 1}
            if heading:
                scope[1] = _kind_of(row.text)
        else:
            if row.item_no is not None and item != int(row.item_no):  # an item the duties table holds
                item, letter = int(row.item_no), ""
                scope = {k: v for k, v in scope.items() if k < 1}
            if _LETTER.match(row.marker):
                letter = row.marker[0]
                point = ".".join([str(section), *([str(item)] if item is not None else []), letter])
                heading = _is_heading(row.text, row.marker)
                scope = {k: v for k, v in scope.items() if k < 2}
                scope[2] = _kind_of(row.text) if heading else ""
            else:
                base = ".".join(
                    [str(section), *([str(item)] if item is not None else []), *([letter] if letter else [])]
                )
                counts[base] = counts.get(base, 0) + 1
                sep = "." if item is not None or letter else ".¶"
                point = f"{base}{sep}{counts[base]}"
                if _is_heading(row.text, row.marker) and (
                    row.text.strip().endswith(":") or _kind_of(row.text)
                ):
                    heading = True
                    scope = {k: v for k, v in scope.items() if k < 2}
                    scope[2] = _kind_of(row.text)
        said = [scope[k] for k in sorted(scope) if scope[k]]
        part = said[-1] if said else ""
        if part == "other" or not part:
            part = "duties" if duties_section and section == duties_section else "body"
        out.append(BodyItem(row, point, part, heading))
    return out


@dataclass(frozen=True)
class Objective:
    """One objective of the plan's objectives part, with its targets."""

    item: BodyItem
    measures: tuple[Measure, ...]


def objectives(items: Sequence[BodyItem]) -> list[Objective]:
    """The objectives: the rows of the objectives part that are not headings, with their targets."""
    return [
        Objective(i, tuple(find_measures(i.row.text)))
        for i in items
        if i.part == "objectives" and not i.heading and i.row.text.strip()
    ]
