"""The table contract: a parsed plan as pandas DataFrames.

:func:`load_plan` is the entry point. Every row keeps the source line it came
from, so that any number an analyst sees can be traced back to the text.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field, fields
from datetime import date
from functools import cache
from pathlib import Path
from typing import TypeVar

import pandas as pd

from ..errors import PlanParseError
from ..paths import BUNDLED_PLAN
from ..refs import join_refs, parse_ref, split_refs
from ..words import long_date, word
from .agencies import Mention, Registry
from .body import has_number
from .body_items import body_items, objectives
from .document import Document, Ref
from .ocr import ocr_mode
from .parse import ParsedPlan, interpret, province_of, unit_of
from .readers import read_document
from .targets import find_targets
from .timeline import PlanPeriod, parse_timeline, plan_period

T = TypeVar("T")

TABLE_NAMES = (
    "meta",
    "groups",
    "tasks",
    "assignments",
    "agencies",
    "duties",
    "duty_agencies",
    "targets",
    "sections",
    "objectives",
    "objective_targets",
)

GROUP_COLUMNS = [
    "group_id",
    "group_label",
    "group_title",
    "lead_raw",
    "coordinate_raw",
    "timeline_raw",
    "product",
    "note",
    "n_tasks",
    "source_line",
    "source_ref",
]
TASK_COLUMNS = [
    "task_id",
    "group_id",
    "group_title",
    "number",
    "content",
    "lead_raw",
    "coordinate_raw",
    "timeline_raw",
    "start_year",
    "end_year",
    "open_ended",
    "timeline_kind",
    "timeline_period",
    "note",
    "product",
    "source_line",
    "source_lines",
    "group_source_line",
    "group_label",
    "letter",
    "parent_id",
    "inherited",
    "source_ref",
    "due_date",
]
ASSIGNMENT_COLUMNS = [
    "task_id",
    "role",
    "position",
    "agency_id",
    "agency_name",
    "raw_name",
    "is_collective",
    "kind",
    "known",
    "source_line",
    "source_ref",
    "role_note",
]
#: Columns of the side table of task-table columns nobody planned for (a contact person,
#: a phone number, a status). It is never published: such columns can hold personal data.
EXTRA_COLUMNS = ["task_id", "column", "value", "source_ref"]
AGENCY_COLUMNS = [
    "agency_id",
    "name",
    "short_name",
    "name_en",
    "kind",
    "is_collective",
    "in_registry",
    "aliases",
    "members",
    "status",
    "n_lead",
    "n_coordinate",
    "duty_items",
]
DUTY_COLUMNS = [
    "item",
    "agency_ids",
    "heading",
    "duty_no",
    "text",
    "source_line",
    "source_line_end",
    "heading_line",
    "source_ref",
]
DUTY_AGENCY_COLUMNS = [
    "item",
    "position",
    "agency_id",
    "agency_name",
    "raw_name",
    "is_collective",
    "kind",
    "known",
    "source_line",
    "source_ref",
]
TARGET_COLUMNS = [
    "task_id",
    "target_no",
    "indicator",
    "value",
    "unit",
    "measure",
    "comparator",
    "qualifier_raw",
    "baseline_year",
    "baseline_value",
    "target_year",
    "text",
    "source_line",
    "source_ref",
]
SECTION_COLUMNS = [
    "section",
    "section_title",
    "item_no",
    "item_title",
    "bullet_no",
    "kind",
    "text",
    "source_line",
    "source_line_end",
    "source_ref",
    "marker",
    "point",
    "part",
]
#: The objectives of the plan's "Mục tiêu" part (:mod:`.body_items`), one row each.
OBJECTIVE_COLUMNS = [
    "objective_id",
    "section",
    "section_title",
    "item_no",
    "heading",
    "text",
    "n_targets",
    "source_line",
    "source_line_end",
    "source_ref",
]
#: The numeric targets of the objectives (percentages, counts, dates: :func:`.targets.find_measures`).
OBJECTIVE_TARGET_COLUMNS = ["objective_id", *TARGET_COLUMNS[1:]]  # a task's target's columns, by objective
META_COLUMNS = ["field", "value", "source_line", "source_ref"]


def bundled_plan_path() -> Path:
    """The plan text shipped with the project (Kế hoạch 132/KH-UBND, Hưng Yên)."""
    return BUNDLED_PLAN


@dataclass
class Plan:
    """A parsed plan: the tables of the contract plus the document they came from."""

    path: str
    document: Document
    registry: Registry
    meta: pd.DataFrame
    groups: pd.DataFrame
    tasks: pd.DataFrame
    assignments: pd.DataFrame
    agencies: pd.DataFrame
    duties: pd.DataFrame
    duty_agencies: pd.DataFrame
    targets: pd.DataFrame
    sections: pd.DataFrame
    objectives: pd.DataFrame
    objective_targets: pd.DataFrame
    extras: pd.DataFrame
    appendix_columns: list[str] = field(default_factory=list)
    row_boxes: dict[str, list[tuple[int, tuple[float, float, float, float]]]] = field(default_factory=dict)
    _refs: dict[str, Ref] = field(default_factory=dict, init=False, repr=False, compare=False)
    # results of analyses of this plan (plan132lib.analysis.memo), each with the tables it was computed
    # from: a copy of the plan (dataclasses.replace) starts with none
    _memo: dict[Hashable, tuple[tuple[object, ...], object]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def remembered(self, key: Hashable, compute: Callable[[], T]) -> T:
        """What ``compute()`` returns, computed once per ``key`` for this plan: kept with the plan's
        tables and document as they were then, and computed again when any of them has been replaced
        (a plan's tables are read, never changed in place). Callers hand out copies of the result."""
        now = tuple(getattr(self, f.name) for f in fields(self) if f.init)
        held = self._memo.get(key)
        if held is not None and all(a is b for a, b in zip(held[0], now, strict=True)):
            return held[1]  # type: ignore[return-value]
        value = compute()
        self._memo[key] = (now, value)
        return value

    def source_refs(self, source_ref: object) -> tuple[Ref, ...]:
        """The places one ``source_ref`` cell of this plan's tables names, as the reader recorded them
        (kind; page, table, row, column or line; box): looked up in the document by their labels,
        not read out of the words. A label the document does not hold (a table edited by hand) is
        read by :func:`~plan132lib.refs.parse_ref`; text that names no place is left out."""
        if not self._refs:
            for block in self.document.blocks:
                self._refs.setdefault(block.ref.label, block.ref)
                for row in getattr(block, "rows", ()):
                    self._refs.setdefault(row.ref.label, row.ref)
                    for cell in row.cells:
                        self._refs.setdefault(cell.ref.label, cell.ref)
        found = [self._refs.get(label) or parse_ref(label) for label in split_refs(source_ref)]
        return tuple(ref for ref in found if ref is not None)

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every published table by name, in a stable order (``extras`` is not published)."""
        return {name: getattr(self, name) for name in TABLE_NAMES}

    @property
    def period(self) -> PlanPeriod:
        """The years the plan covers, from its title or date (:func:`.timeline.plan_period`)."""
        return plan_period(
            {f: v for f, v in reversed(list(zip(self.meta["field"], self.meta["value"], strict=True)))}
        )

    @property
    def duties_section(self) -> str:
        """The number the plan gives the section that sets each body its duties ("IV" in Plan 132,
        "II" in another plan; meta field ``duties_section``), or "" when the plan has none."""
        return self.meta_value("duties_section") or ""

    def duties_section_name(self, lang: str = "vi") -> str:
        """That section as a reader names it: "Mục II" ("Section II") (:func:`section_name`)."""
        return section_name(self.duties_section, lang)

    @property
    def kind(self) -> str:
        """The source format: "text", "docx", "pdf", "xlsx" or "image"."""
        return self.document.kind

    @property
    def province(self) -> str:
        """The province or city the plan belongs to, from its issuer (or place)."""
        return province_of(self.meta_value("issuer"), self.meta_value("place"))

    @property
    def number(self) -> str:
        """The plan's number ("58/KH-UBND"), or "" when it has none (a draft's "Số:    /KH-UBND")."""
        number = self.meta_value("number") or ""
        return number if has_number(number) else ""

    @property
    def is_draft(self) -> bool:
        """Whether the plan says it is a draft in its first lines ("DỰ THẢO": meta field ``draft``)."""
        return bool(self.meta_value("draft"))

    @property
    def describes_itself(self) -> bool:
        """Whether the document has a preamble of its own (a type, a title, a blank number or date,
        a draft mark, an appendix's "Kèm theo …"): a plan without a number is then named by it."""
        return any(
            self.meta_value(f)
            for f in ("doc_type", "title", "draft", "number_raw", "date_raw", "appendix_attached_to")
        )

    def _doc_type(self, lang: str) -> str:
        doc_type = " ".join((self.meta_value("doc_type") or "").split()).capitalize()
        return word("plan.doc_type", lang) if not doc_type or doc_type == "Kế hoạch" else doc_type

    def name(self, lang: str = "vi") -> str:
        """The plan as a reader names it in short: "Kế hoạch 58/KH-UBND" ("Plan 58/KH-UBND"); a draft
        as it stands: "Kế hoạch 58/KH-UBND (chưa ghi ngày)", "Kế hoạch ngày 5/5/2026 (chưa có số)",
        "Dự thảo kế hoạch (chưa có số, chưa ghi ngày)" ("Dự thảo …" when it says it is one); a
        document that says nothing of itself (an appendix alone), by the file's name."""
        number, issued, doc_type = self.number, self.meta_value("date") or "", self._doc_type(lang)
        if number and issued:
            return f"{doc_type} {number}"
        if not number and not issued:
            if not self.describes_itself:
                return word("plan.unnumbered", lang, file=Path(self.path).name)
            return word("plan.draft", lang, doc_type=doc_type[:1].lower() + doc_type[1:])
        text = (
            word("plan.undated", lang, doc_type=doc_type, number=number)
            if number
            else word("plan.numberless", lang, doc_type=doc_type, date=long_date(issued, lang))
        )
        return word("plan.draft_marked", lang, name=text) if self.is_draft else text

    def citation(self, lang: str = "vi") -> str:
        """The plan as a source line names it, from its own meta:
        "Kế hoạch 58/KH-UBND ngày 5/5/2026 của Ủy ban nhân dân tỉnh Ninh Bình"; a draft with
        neither number nor date by its title: "Dự thảo Kế hoạch triển khai Nghị quyết … (chưa có số,
        chưa ghi ngày) của …"."""
        number, issued = self.number, self.meta_value("date") or ""
        title = " ".join((self.meta_value("title") or "").split())
        if not number and not issued and title and self.describes_itself:
            doc_type = self._doc_type(lang)
            if lang == "vi" and title[1:2].islower():  # "Triển khai …" reads on after "Kế hoạch"
                title = title[:1].lower() + title[1:]
            elif lang != "vi":
                doc_type = doc_type[:1].lower() + doc_type[1:]
            text = word("plan.draft_titled", lang, doc_type=doc_type, title=title)
        else:
            text = self.name(lang)
        if number and issued:
            text += " " + word("plan.dated", lang, date=long_date(issued, lang))
        issuer = self.issuer_name(lang)
        return text + (" " + word("plan.issued_by", lang, issuer=issuer) if issuer else "")

    def issuer_name(self, lang: str = "vi") -> str:
        """Who issued the plan, in the reader's language: "Ủy ban nhân dân tỉnh Ninh Bình"
        ("Ninh Bình Provincial People's Committee"); an issuer of another kind as written."""
        issuer = " ".join((self.meta_value("issuer") or "").split())
        unit = unit_of(issuer)
        if unit and issuer.casefold().startswith(("ủy ban nhân dân", "uỷ ban nhân dân", "ubnd")):
            kind = "city" if unit.casefold().startswith("thành phố") else "province"
            return word(f"plan.committee.{kind}", lang, place=unit if lang == "vi" else self.province)
        return issuer.title() if issuer.isupper() else issuer

    def meta_value(self, name: str) -> str | None:
        """The first value of a meta field ("number", "date", "issuer", …), or None."""
        rows = self.meta.loc[self.meta["field"] == name, "value"]
        return None if rows.empty else str(rows.iloc[0])

    def meta_values(self, name: str) -> list[str]:
        """All values of a repeated meta field ("recipient", "implements")."""
        return self.meta.loc[self.meta["field"] == name, "value"].tolist()

    def line(self, number: int) -> str:
        """The text export's line as published (before any normalisation)."""
        if not self.document.raw_lines:
            raise ValueError(f"{self.path} is a {self.kind} file: it has no lines; use plan.trace(task_id)")
        return self.document.raw_lines[number - 1]

    def trace(self, task_id: str) -> pd.DataFrame:
        """Where one task stands in the source and what it says there: its group's row
        and its own rows (a line of the text export; a row's cells, " | "-joined, else)."""
        task = self.tasks.set_index("task_id").loc[task_id]
        group = self.groups.set_index("group_id").loc[task["group_id"]]
        refs = [*self.source_refs(group["source_ref"]), *self.source_refs(task["source_ref"])]
        texts = [self._ref_text(r) for r in refs]
        return pd.DataFrame({"source_ref": [r.label for r in refs], "text": texts})

    def _ref_text(self, ref: Ref) -> str:
        if ref.line is not None and self.document.raw_lines:
            return self.line(ref.line)
        for table in self.document.tables:
            for row in table.rows:
                if row.ref.label == ref.label:
                    return " | ".join(c.text.replace("\n", " / ") for c in row.cells if c.merged != "across")
        return ""

    def show(self, task_id: str, resolution: int = 110):
        """An image of the task's rows cut from the PDF page (or the scanned image), so an analyst
        sees what was read.

        Only for a plan read from a PDF or an image; other formats: :meth:`trace`.
        """
        if self.kind not in ("pdf", "image"):
            raise ValueError(f"{self.path} is a {self.kind} file, not a PDF: use plan.trace({task_id!r})")
        from .read_image import crop_image
        from .read_pdf import crop_row_image

        boxes = self.row_boxes.get(task_id, [])
        if not boxes:
            raise KeyError(task_id)
        page, bbox = boxes[0]
        crop = crop_image if self.kind == "image" else crop_row_image
        return crop(self.path, page, bbox, resolution=resolution)


def section_name(number: str | None, lang: str = "vi") -> str:
    """A plan's duties section as a reader names it, by the plan's own number: "II" → "Mục II"
    ("Section II"); without a number, by its meaning ("phần Tổ chức thực hiện"), never a guessed one."""
    return word("plan.section", lang, number=number) if number else word("plan.duties_section", lang)


def load_plan(
    path: str | Path | None = None, registry: Registry | str | Path | None = None, *, ocr: str | None = None
) -> Plan:
    """Read a plan (text export, Word, PDF or Excel) into a :class:`Plan`.

    With no ``path`` the bundled Kế hoạch 132/KH-UBND is read. The format is
    detected from the file's content, not its name. ``registry`` is a
    :class:`Registry` or the path of a registry CSV (default: the bundled one).
    ``ocr`` says which pages of a PDF are read from their image: "auto" (those without a text
    layer), "always" or "never"; None takes the mode :func:`~.ocr.ocr_mode` set ("auto").
    Raises :class:`~plan132lib.errors.PlanParseError` naming the file and the
    place (line, paragraph, page and row, sheet and cell) when the plan cannot be read.

    Where the environment variable :data:`READ_CACHE_ENV` names a folder, the plan is read through
    the read cache there (:func:`~plan132lib.ingest.cache.load_plan_cached`): the build sets it for
    its notebooks' kernels, so a plan (a scan above all) is read once per build, not once per
    notebook.
    """
    path = Path(path) if path is not None else bundled_plan_path()
    if folder := os.environ.get(READ_CACHE_ENV):
        from .cache import load_plan_cached

        with ocr_mode(ocr):
            return load_plan_cached(path, folder, registry)
    return read_plan(path, registry, ocr=ocr)


#: The environment variable naming a read-cache folder every :func:`load_plan` of the process uses.
READ_CACHE_ENV = "PLAN132_READ_CACHE"


def read_plan(
    path: str | Path, registry: Registry | str | Path | None = None, *, ocr: str | None = None
) -> Plan:
    """Read a plan as :func:`load_plan` does, never through a read cache."""
    path = Path(path)
    if registry is None:
        registry = _bundled_registry()
    elif not isinstance(registry, Registry):
        registry = Registry.load(registry)
    with ocr_mode(ocr):
        document = read_document(path)
    parsed = interpret(document)
    _check_all_placed(parsed)
    return build_plan(parsed, registry)


@cache
def _bundled_registry() -> Registry:
    """The bundled registry, read once per process (its split caches then serve every plan)."""
    return Registry.load()


def _check_all_placed(parsed: ParsedPlan) -> None:
    """Every non-blank line of a text export went into some part of the plan."""
    doc = parsed.document
    if doc.kind != "text":
        return
    for no, raw in enumerate(doc.raw_lines, start=1):
        if raw.strip() and no not in parsed.consumed and not _blank_after_cleaning(raw):
            raise PlanParseError(parsed.path, no, "the parser could not place this line")


def _blank_after_cleaning(raw: str) -> bool:
    from .source import to_source_line

    return to_source_line(0, raw).blank


def _with_ints(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """The frame with these columns as whole numbers that may be missing (one conversion)."""
    return frame.astype({c: "Int64" for c in columns})


def _mention_rows(mentions: list[Mention], **extra: object) -> list[dict[str, object]]:
    return [
        {
            **extra,
            "position": i,
            "agency_id": m.agency_id,
            "agency_name": m.agency_name,
            "raw_name": m.raw_name,
            "is_collective": m.is_collective,
            "kind": m.kind,
            "known": m.known,
            "role_note": m.note,
            "suggestion": m.suggestion,
        }
        for i, m in enumerate(mentions, start=1)
    ]


def build_plan(parsed: ParsedPlan, registry: Registry) -> Plan:
    """Normalise a :class:`ParsedPlan` into the contract's tables.

    The registry is localised to the plan's province (taken from its issuer or
    place), so that "Công an tỉnh Ninh Bình" is the standard body "Công an tỉnh".
    """
    meta_values = {f: v for f, v, _ in reversed(parsed.meta)}
    issuer = meta_values.get("issuer")
    registry = registry.localised(province_of(issuer, meta_values.get("place")), unit_of(issuer))
    # names read by OCR are matched with a tolerance for its misreadings (Registry.tolerant)
    splitter = registry.tolerant() if any(n.key == "ocr_pages" for n in parsed.document.notes) else registry
    issued = date.fromisoformat(meta_values["date"]) if meta_values.get("date") else None
    period = plan_period(meta_values)
    task_rows, assignment_rows, target_rows, extra_rows = [], [], [], []
    row_boxes: dict[str, list[tuple[int, tuple[float, float, float, float]]]] = {}
    for task in parsed.tasks:
        task_id = task.task_id
        cells = task.cells
        timeline_text = cells.get("timeline", "")
        duration = cells.get("duration", "").strip()
        if not timeline_text and duration:  # a "Số ngày dự kiến" column: days from the plan's date
            timeline_text = f"{duration} ngày" if duration.isdecimal() else duration
        timeline = parse_timeline(timeline_text, issued, period)
        refs = join_refs(task.refs)
        lines = ";".join(str(r.line) for r in task.refs if r.line is not None)
        task_rows.append(
            {
                "task_id": task_id,
                "group_id": task.group.group_id,
                "group_title": task.group.title,
                "number": task.number,
                "content": cells["content"],
                "lead_raw": cells.get("lead", ""),
                "coordinate_raw": cells.get("coordinate", ""),
                "timeline_raw": timeline.raw,
                "start_year": timeline.start_year,
                "end_year": timeline.end_year,
                "open_ended": timeline.open_ended,
                "timeline_kind": timeline.kind,
                "timeline_period": timeline.period or "",
                "note": cells.get("note", ""),
                "product": cells.get("product", ""),
                "source_line": task.source_line,
                "source_lines": lines,
                "group_source_line": task.group.ref.line,
                "group_label": task.group.label,
                "letter": task.letter,
                "parent_id": task.parent_id,
                "inherited": ";".join(task.inherited),
                "source_ref": refs,
                "due_date": timeline.due_date or "",
            }
        )
        row_boxes[task_id] = [(r.page, r.bbox) for r in task.refs if r.page is not None and r.bbox]
        for role, column in (("lead", "lead"), ("coordinate", "coordinate")):
            mentions = splitter.split(cells.get(column, ""))
            assignment_rows += _mention_rows(
                mentions,
                task_id=task_id,
                role=role,
                source_line=task.source_line,
                source_ref=task.refs[0].label,
            )
        for n, target in enumerate(find_targets(cells["content"]), start=1):
            target_rows.append(
                {
                    "task_id": task_id,
                    "target_no": n,
                    "indicator": target.indicator,
                    "value": target.value,
                    "unit": target.unit,
                    "measure": target.measure,
                    "comparator": target.comparator,
                    "qualifier_raw": target.qualifier_raw,
                    "baseline_year": target.baseline_year,
                    "baseline_value": target.baseline_value,
                    "target_year": target.target_year,
                    "text": target.text,
                    "source_line": task.source_line,
                    "source_ref": task.refs[0].label,
                }
            )
        for column, value in task.extras.items():
            extra_rows.append({"task_id": task_id, "column": column, "value": value, "source_ref": refs})

    tasks = pd.DataFrame(task_rows, columns=TASK_COLUMNS)
    tasks = _with_ints(tasks, "number", "start_year", "end_year", "source_line", "group_source_line")
    tasks["open_ended"] = tasks["open_ended"].astype(bool)
    n_tasks = tasks.groupby("group_id").size()
    groups = pd.DataFrame(
        [
            {
                "group_id": g.group_id,
                "group_label": g.label,
                "group_title": g.title,
                "lead_raw": g.cells.get("lead", ""),
                "coordinate_raw": g.cells.get("coordinate", ""),
                "timeline_raw": g.cells.get("timeline", ""),
                "product": g.cells.get("product", ""),
                "note": g.cells.get("note", ""),
                "n_tasks": int(n_tasks.get(g.group_id, 0)),
                "source_line": g.ref.line,
                "source_ref": g.ref.label,
            }
            for g in parsed.groups
        ],
        columns=GROUP_COLUMNS,
    )
    groups = _with_ints(groups, "source_line")
    assignments = pd.DataFrame(assignment_rows, columns=ASSIGNMENT_COLUMNS)
    assignments = _with_ints(assignments, "source_line")
    targets = pd.DataFrame(target_rows, columns=TARGET_COLUMNS)
    targets = _with_ints(targets, "baseline_year", "target_year", "source_line")
    targets[["value", "baseline_value"]] = targets[["value", "baseline_value"]].astype(float)

    duty_rows, duty_agency_rows = [], []
    for item in parsed.duty_items:
        mentions = splitter.split(item.agencies_text)
        # an item under a subheading takes the bodies each of its duties names
        named = [splitter.split(duty.agencies_text) for duty in item.duties]
        item_mentions = mentions or list({m.agency_id: m for ms in named for m in ms}.values())
        duty_agency_rows += _mention_rows(
            item_mentions, item=item.item, source_line=item.source_line, source_ref=item.source_ref
        )
        for duty, own in zip(item.duties, named, strict=True):
            ids = ";".join(dict.fromkeys(m.agency_id for m in (mentions or own)))
            duty_rows.append(
                {
                    "item": item.item,
                    "agency_ids": ids,
                    "heading": item.heading,
                    "duty_no": duty.duty_no,
                    "text": duty.text,
                    "source_line": duty.source_line,
                    "source_line_end": duty.source_line_end,
                    "heading_line": item.source_line,
                    "source_ref": duty.source_ref,
                }
            )
    duties = pd.DataFrame(duty_rows, columns=DUTY_COLUMNS)
    duties = _with_ints(duties, "source_line", "source_line_end", "heading_line")
    duty_agencies = pd.DataFrame(duty_agency_rows, columns=DUTY_AGENCY_COLUMNS)
    duty_agencies = _with_ints(duty_agencies, "source_line")

    sections, objectives, objective_targets = _body_tables(parsed)
    meta = pd.DataFrame(
        [(f, v, r.line if r else None, r.label if r else "") for f, v, r in parsed.meta], columns=META_COLUMNS
    )
    meta = _with_ints(meta, "source_line")
    extras = pd.DataFrame(extra_rows, columns=EXTRA_COLUMNS)

    return Plan(
        path=parsed.path,
        document=parsed.document,
        registry=registry,
        meta=meta,
        groups=groups,
        tasks=tasks,
        assignments=assignments,
        agencies=_agency_table(registry, assignment_rows, duty_agency_rows),
        duties=duties,
        duty_agencies=duty_agencies,
        targets=targets,
        sections=sections,
        objectives=objectives,
        objective_targets=objective_targets,
        extras=extras,
        appendix_columns=parsed.columns,
        row_boxes=row_boxes,
    )


def _body_tables(parsed: ParsedPlan) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The sections table (each row with its point and part), the objectives and their targets."""
    duties_section = next((v for f, v, _ in parsed.meta if f == "duties_section"), "")
    items = body_items(parsed.sections, duties_section)
    sections = pd.DataFrame(
        [{**vars(i.row), "point": i.point, "part": i.part} for i in items], columns=SECTION_COLUMNS
    )
    sections = _with_ints(sections, "item_no", "bullet_no", "source_line", "source_line_end")
    rows, target_rows = [], []
    titles = {
        (i.row.section, i.row.item_no): i.row.text.rstrip(":").strip()
        for i in items
        if i.row.kind in ("item", "item_heading") and i.heading
    }
    for found in objectives(items):
        row = found.item.row
        heading = row.item_title or titles.get((row.section, row.item_no), "") or row.section_title
        rows.append(
            {
                "objective_id": found.item.point,
                "section": row.section,
                "section_title": row.section_title,
                "item_no": row.item_no,
                "heading": heading,
                "text": row.text,
                "n_targets": len(found.measures),
                "source_line": row.source_line,
                "source_line_end": row.source_line_end,
                "source_ref": row.source_ref,
            }
        )
        for n, t in enumerate(found.measures, start=1):
            target_rows.append(
                {
                    "objective_id": found.item.point,
                    "target_no": n,
                    "indicator": t.indicator,
                    "value": t.value,
                    "unit": t.unit,
                    "measure": t.measure,
                    "comparator": t.comparator,
                    "qualifier_raw": t.qualifier_raw,
                    "baseline_year": t.baseline_year,
                    "baseline_value": t.baseline_value,
                    "target_year": t.target_year,
                    "text": t.text,
                    "source_line": row.source_line,
                    "source_ref": row.source_ref,
                }
            )
    table = _with_ints(
        pd.DataFrame(rows, columns=OBJECTIVE_COLUMNS), "item_no", "source_line", "source_line_end"
    )
    table["n_targets"] = table["n_targets"].astype("int64")
    measures = _with_ints(
        pd.DataFrame(target_rows, columns=OBJECTIVE_TARGET_COLUMNS),
        "baseline_year",
        "target_year",
        "source_line",
    )
    measures[["value", "baseline_value"]] = measures[["value", "baseline_value"]].astype(float)
    measures["target_no"] = measures["target_no"].astype("int64")
    text = (
        "objective_id",
        "section",
        "section_title",
        "heading",
        "text",
        "source_ref",
        "indicator",
        "unit",
        "measure",
        "comparator",
        "qualifier_raw",
    )  # text even when a plan has no objective
    table = table.astype({c: str for c in text if c in table.columns})
    measures = measures.astype({c: str for c in text if c in measures.columns})
    return sections, table, measures


def _agency_table(
    registry: Registry, assignment_rows: list[dict[str, object]], duty_agency_rows: list[dict[str, object]]
) -> pd.DataFrame:
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
            row = {
                "agency_id": agency_id,
                "name": agency.name,
                "short_name": agency.short_name,
                "name_en": agency.name_en,
                "kind": agency.kind,
                "is_collective": agency.is_collective,
                "in_registry": True,
                "aliases": " | ".join(agency.aliases),
                "members": "; ".join(agency.members),
                "status": agency.status,
            }
        else:
            seen = first[agency_id]
            row = {
                "agency_id": agency_id,
                "name": seen["agency_name"],
                "short_name": seen["agency_name"],
                "name_en": seen["agency_name"],
                "kind": seen["kind"],
                "is_collective": bool(seen["is_collective"]),
                "in_registry": False,
                "aliases": "",
                "members": "",
                "status": "not in registry",
            }
        row["n_lead"] = len(tasks_by_role.get((agency_id, "lead"), ()))
        row["n_coordinate"] = len(tasks_by_role.get((agency_id, "coordinate"), ()))
        row["duty_items"] = ";".join(map(str, sorted(items.get(agency_id, ()))))
        rows.append(row)
    return pd.DataFrame(rows, columns=AGENCY_COLUMNS)
