"""The table contract: a parsed plan as pandas DataFrames.

:func:`load_plan` is the entry point. Every row keeps the source line it came
from, so that any number an analyst sees can be traced back to the text.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import PlanParseError
from ..paths import BUNDLED_PLAN
from .agencies import Mention, Registry
from .parse import ParsedPlan, parse_lines
from .source import SourceLine, read_lines
from .targets import find_targets
from .timeline import parse_timeline

TABLE_NAMES = ("meta", "tasks", "assignments", "agencies", "duties", "duty_agencies",
               "targets", "sections")

TASK_COLUMNS = [
    "task_id", "group_id", "group_title", "number", "content", "lead_raw", "coordinate_raw",
    "timeline_raw", "start_year", "end_year", "open_ended", "timeline_kind", "timeline_period",
    "note", "product", "source_line", "source_lines", "group_source_line",
]
ASSIGNMENT_COLUMNS = [
    "task_id", "role", "position", "agency_id", "agency_name", "raw_name", "is_collective",
    "kind", "known", "source_line",
]
AGENCY_COLUMNS = [
    "agency_id", "name", "short_name", "name_en", "kind", "is_collective", "in_registry",
    "aliases", "members", "status", "n_lead", "n_coordinate", "duty_items",
]
DUTY_COLUMNS = ["item", "agency_ids", "heading", "duty_no", "text", "source_line",
                "source_line_end", "heading_line"]
DUTY_AGENCY_COLUMNS = ["item", "position", "agency_id", "agency_name", "raw_name",
                       "is_collective", "kind", "known", "source_line"]
TARGET_COLUMNS = [
    "task_id", "target_no", "indicator", "value", "unit", "measure", "comparator",
    "qualifier_raw", "baseline_year", "target_year", "text", "source_line",
]
SECTION_COLUMNS = ["section", "section_title", "item_no", "item_title", "bullet_no", "kind",
                   "text", "source_line", "source_line_end"]
META_COLUMNS = ["field", "value", "source_line"]


def bundled_plan_path() -> Path:
    """The plan text shipped with the project (Kế hoạch 132/KH-UBND, Hưng Yên)."""
    return BUNDLED_PLAN


@dataclass
class Plan:
    """A parsed plan: the tables of the contract plus the lines they came from."""

    path: str
    lines: list[SourceLine]
    registry: Registry
    meta: pd.DataFrame
    tasks: pd.DataFrame
    assignments: pd.DataFrame
    agencies: pd.DataFrame
    duties: pd.DataFrame
    duty_agencies: pd.DataFrame
    targets: pd.DataFrame
    sections: pd.DataFrame
    appendix_columns: list[str] = field(default_factory=list)

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table by name, in a stable order."""
        return {name: getattr(self, name) for name in TABLE_NAMES}

    def meta_value(self, name: str) -> str | None:
        """The first value of a meta field ("number", "date", "issuer", …), or None."""
        rows = self.meta.loc[self.meta["field"] == name, "value"]
        return None if rows.empty else str(rows.iloc[0])

    def meta_values(self, name: str) -> list[str]:
        """All values of a repeated meta field ("recipient", "implements")."""
        return self.meta.loc[self.meta["field"] == name, "value"].tolist()

    def line(self, number: int) -> str:
        """The source line as published (before any normalisation)."""
        return self.lines[number - 1].raw

    def trace(self, task_id: str) -> pd.DataFrame:
        """The source lines behind one task: its group heading and its rows."""
        task = self.tasks.set_index("task_id").loc[task_id]
        numbers = [int(task["group_source_line"])] + [int(n) for n in task["source_lines"].split(";")]
        return pd.DataFrame({"line": numbers, "text": [self.line(n) for n in numbers]})


def load_plan(path: str | Path | None = None, registry: Registry | str | Path | None = None) -> Plan:
    """Parse a plan file into a :class:`Plan`.

    With no ``path`` the bundled Kế hoạch 132/KH-UBND is read. ``registry`` is
    a :class:`Registry` or the path of a registry CSV (default: the bundled one).
    Raises :class:`~plan132lib.errors.PlanParseError` naming the file and line
    when the plan cannot be read.
    """
    path = Path(path) if path is not None else bundled_plan_path()
    if not isinstance(registry, Registry):
        registry = Registry.load(registry)
    lines = read_lines(path)
    parsed = parse_lines(lines, path)
    _check_all_placed(parsed)
    return build_plan(parsed, registry)


def _check_all_placed(parsed: ParsedPlan) -> None:
    for line in parsed.lines:
        if not line.blank and line.no not in parsed.consumed:
            raise PlanParseError(parsed.path, line.no, "the parser could not place this line")


def _int_col(values: list[int | None]) -> pd.Series:
    return pd.Series(values, dtype="Int64")


def _mention_rows(mentions: list[Mention], **extra: object) -> list[dict[str, object]]:
    return [
        {**extra, "position": i, "agency_id": m.agency_id, "agency_name": m.agency_name,
         "raw_name": m.raw_name, "is_collective": m.is_collective, "kind": m.kind,
         "known": m.known}
        for i, m in enumerate(mentions, start=1)
    ]


def build_plan(parsed: ParsedPlan, registry: Registry) -> Plan:
    """Normalise a :class:`ParsedPlan` into the contract's tables."""
    task_rows, assignment_rows, target_rows = [], [], []
    for task in parsed.tasks:
        task_id = f"{task.group_id}.{task.number}"
        cells = task.cells
        timeline = parse_timeline(cells.get("timeline", ""))
        task_rows.append({
            "task_id": task_id, "group_id": task.group_id, "group_title": task.group_title,
            "number": task.number, "content": cells["content"],
            "lead_raw": cells.get("lead", ""), "coordinate_raw": cells.get("coordinate", ""),
            "timeline_raw": timeline.raw, "start_year": timeline.start_year,
            "end_year": timeline.end_year, "open_ended": timeline.open_ended,
            "timeline_kind": timeline.kind, "timeline_period": timeline.period or "",
            "note": cells.get("note", ""), "product": cells.get("product", ""),
            "source_line": task.source_line,
            "source_lines": ";".join(str(n) for n in task.lines),
            "group_source_line": task.group_line,
        })
        for role, column in (("lead", "lead"), ("coordinate", "coordinate")):
            mentions = registry.split(cells.get(column, ""))
            assignment_rows += _mention_rows(mentions, task_id=task_id, role=role,
                                             source_line=task.source_line)
        for n, target in enumerate(find_targets(cells["content"]), start=1):
            target_rows.append({
                "task_id": task_id, "target_no": n, "indicator": target.indicator,
                "value": target.value, "unit": target.unit, "measure": target.measure,
                "comparator": target.comparator, "qualifier_raw": target.qualifier_raw,
                "baseline_year": target.baseline_year, "target_year": target.target_year,
                "text": target.text, "source_line": task.source_line,
            })

    tasks = pd.DataFrame(task_rows, columns=TASK_COLUMNS)
    for col in ("start_year", "end_year"):
        tasks[col] = _int_col(tasks[col].tolist())
    tasks["open_ended"] = tasks["open_ended"].astype(bool)
    assignments = pd.DataFrame(
        [{k: r[k] for k in ASSIGNMENT_COLUMNS} for r in assignment_rows], columns=ASSIGNMENT_COLUMNS)
    targets = pd.DataFrame(target_rows, columns=TARGET_COLUMNS)
    for col in ("baseline_year", "target_year"):
        targets[col] = _int_col(targets[col].tolist())
    targets["value"] = targets["value"].astype(float)

    duty_rows, duty_agency_rows = [], []
    for item in parsed.duty_items:
        mentions = registry.split(item.agencies_text)
        duty_agency_rows += _mention_rows(mentions, item=item.item, source_line=item.source_line)
        ids = ";".join(dict.fromkeys(m.agency_id for m in mentions))
        for duty in item.duties:
            duty_rows.append({
                "item": item.item, "agency_ids": ids, "heading": item.heading,
                "duty_no": duty.duty_no, "text": duty.text, "source_line": duty.source_line,
                "source_line_end": duty.source_line_end, "heading_line": item.source_line,
            })
    duties = pd.DataFrame(duty_rows, columns=DUTY_COLUMNS)
    duty_agencies = pd.DataFrame(
        [{k: r[k] for k in DUTY_AGENCY_COLUMNS} for r in duty_agency_rows],
        columns=DUTY_AGENCY_COLUMNS)

    sections = pd.DataFrame([vars(s) for s in parsed.sections], columns=SECTION_COLUMNS)
    for col in ("item_no", "bullet_no"):
        sections[col] = _int_col(sections[col].tolist())
    meta = pd.DataFrame(parsed.meta, columns=META_COLUMNS)
    meta["source_line"] = _int_col(meta["source_line"].tolist())

    return Plan(
        path=parsed.path, lines=parsed.lines, registry=registry, meta=meta, tasks=tasks,
        assignments=assignments,
        agencies=_agency_table(registry, assignment_rows, duty_agency_rows), duties=duties,
        duty_agencies=duty_agencies, targets=targets, sections=sections,
        appendix_columns=parsed.columns,
    )


def _agency_table(registry: Registry, assignment_rows: list[dict[str, object]],
                  duty_agency_rows: list[dict[str, object]]) -> pd.DataFrame:
    """Every agency the plan names: registry entries first, then unknown names (first seen first)."""
    named = assignment_rows + duty_agency_rows
    first: dict[str, dict[str, object]] = {}
    for r in named:
        first.setdefault(str(r["agency_id"]), r)
    order = [a for a in registry.agencies if a in first]
    order += [a for a, r in first.items() if not r["known"] and a not in registry.agencies]
    tasks_by_role: dict[tuple[str, str], set[object]] = defaultdict(set)
    for r in assignment_rows:
        tasks_by_role[str(r["agency_id"]), str(r["role"])].add(r["task_id"])
    items: dict[str, set[int]] = defaultdict(set)
    for r in duty_agency_rows:
        items[str(r["agency_id"])].add(int(r["item"]))  # type: ignore[call-overload]
    rows = []
    for agency_id in order:
        agency = registry.agencies.get(agency_id)
        if agency is not None:
            row = {"agency_id": agency_id, "name": agency.name, "short_name": agency.short_name,
                   "name_en": agency.name_en, "kind": agency.kind,
                   "is_collective": agency.is_collective, "in_registry": True,
                   "aliases": " | ".join(agency.aliases), "members": "; ".join(agency.members),
                   "status": agency.status}
        else:
            seen = first[agency_id]
            row = {"agency_id": agency_id, "name": seen["agency_name"],
                   "short_name": seen["agency_name"], "name_en": "", "kind": seen["kind"],
                   "is_collective": False, "in_registry": False, "aliases": "", "members": "",
                   "status": "not in registry"}
        row["n_lead"] = len(tasks_by_role.get((agency_id, "lead"), ()))
        row["n_coordinate"] = len(tasks_by_role.get((agency_id, "coordinate"), ()))
        row["duty_items"] = ";".join(map(str, sorted(items.get(agency_id, ()))))
        rows.append(row)
    return pd.DataFrame(rows, columns=AGENCY_COLUMNS)
