"""A read cache: a plan file is read once per content, and later runs load its tables.

:func:`load_plan_cached` keys each entry by a SHA-256 of the file's bytes, the package's
version, the reading code (the modules of :mod:`plan132lib.ingest`) and the agency registry's
bytes, so a changed file, a new version or an edited registry is read afresh, and a renamed or
copied file is not.

An entry holds data, never code: one JSON document per plan, ``<cache_dir>/<key>.json``, with
the entry's own key, the plan's tables (column by column, with each column's dtype), its
``extras``, appendix columns, PDF row boxes and the :class:`~plan132lib.ingest.document.Document`
it was read into (paragraphs, tables, rows, cells and their places, the reader's notes). The
registry is not stored: it is localised again on loading, as :func:`~plan132lib.ingest.tables.build_plan`
does.
Nothing is ever unpickled (a ``.pickle`` left by an older version is never opened).

Reading an entry validates all of it before anything is built: its size (at most
:data:`MAX_ENTRY_BYTES`), the exact set of keys at every level, the key stored inside against
the key asked for, each table's columns against the contract (``*_COLUMNS`` of
:mod:`~plan132lib.ingest.tables`), each column's dtype against the dtype the reader gives it,
and every value against its column's dtype. An entry that fails any check (cut short, damaged,
foreign, of another layout, planted) is ignored: the file is read again and the entry rewritten,
never a traceback. Entries are written to a temporary file and renamed into place
(:func:`os.replace`), so a killed process leaves a whole entry or none; a cache folder that
cannot be written leaves the plan read, uncached.

A valid entry is trusted as data: whoever can write the cache folder can change the tables a
plan is read into (as whoever can write the plan file can), but can run nothing.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import os
import tempfile
from functools import cache
from os import PathLike
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import PlanParseError
from ..refs import REF_KINDS
from ..stamp import VERSION
from . import tables as T
from .agencies import Registry, default_registry_path
from .document import MERGE_KINDS, Block, Cell, Document, Note, Para, Ref, Row, Table
from .ocr import current_mode
from .parse import province_of, unit_of
from .tables import Plan, _bundled_registry, read_plan

LAYOUT = 6  # the layout of a cache entry; raise it when an entry's content changes shape
SUFFIX = ".json"
FORMAT = "plan132 read cache"
#: The largest entry read or written; a larger one is not trusted (and such a plan is not cached).
MAX_ENTRY_BYTES = 64 << 20
_KINDS = ("text", "docx", "pdf", "xlsx", "image")
_INT64 = (-(1 << 63), (1 << 63) - 1)

#: Each stored table's columns, in the contract's order.
COLUMNS: dict[str, list[str]] = {
    "meta": T.META_COLUMNS,
    "groups": T.GROUP_COLUMNS,
    "tasks": T.TASK_COLUMNS,
    "assignments": T.ASSIGNMENT_COLUMNS,
    "agencies": T.AGENCY_COLUMNS,
    "duties": T.DUTY_COLUMNS,
    "duty_agencies": T.DUTY_AGENCY_COLUMNS,
    "targets": T.TARGET_COLUMNS,
    "sections": T.SECTION_COLUMNS,
    "objectives": T.OBJECTIVE_COLUMNS,
    "objective_targets": T.OBJECTIVE_TARGET_COLUMNS,
    "extras": T.EXTRA_COLUMNS,
}
_NULLABLE_INTS = {
    "meta": {"source_line"},
    "groups": {"source_line"},
    "assignments": {"source_line"},
    "tasks": {"number", "start_year", "end_year", "source_line", "group_source_line"},
    "targets": {"baseline_year", "target_year", "source_line"},
    "duties": {"source_line", "source_line_end", "heading_line"},
    "duty_agencies": {"source_line"},
    "sections": {"item_no", "bullet_no", "source_line", "source_line_end"},
    "objectives": {"item_no", "source_line", "source_line_end"},
    "objective_targets": {"baseline_year", "target_year", "source_line"},
}
_INTS = {
    "groups": {"group_id", "n_tasks"},
    "tasks": {"group_id"},
    "assignments": {"position"},
    "agencies": {"n_lead", "n_coordinate"},
    "duties": {"item", "duty_no"},
    "duty_agencies": {"item", "position"},
    "targets": {"target_no"},
    "objectives": {"n_targets"},
    "objective_targets": {"target_no"},
}
_BOOLS = {
    "tasks": {"open_ended"},
    "assignments": {"is_collective", "known"},
    "agencies": {"is_collective", "in_registry"},
    "duty_agencies": {"is_collective", "known"},
}
_FLOATS = {"targets": {"value", "baseline_value"}, "objective_targets": {"value", "baseline_value"}}


def _dtypes(table: str, column: str) -> tuple[str, ...]:
    """The dtypes the reader gives this column (an empty table's columns may also be ``object``)."""
    if column in _NULLABLE_INTS.get(table, ()):
        return ("Int64",)
    if column in _FLOATS.get(table, ()):
        return ("float64",)
    if column in _INTS.get(table, ()):
        return ("int64", "object")
    if column in _BOOLS.get(table, ()):
        return ("bool", "object")
    return ("str", "object")


class _Invalid(Exception):
    """An entry that is not one this code wrote for this key."""


@cache
def _code_digest() -> str:
    """A digest of the reading code: every module of this package, in name order, and ``refs.py``
    (the places its documents record)."""
    h = hashlib.sha256()
    for module in [*sorted(Path(__file__).parent.glob("*.py")), Path(__file__).parent.parent / "refs.py"]:
        h.update(module.name.encode())
        h.update(module.read_bytes())
    return h.hexdigest()


def _registry_bytes(registry: Registry | str | PathLike[str] | None) -> bytes:
    """The registry file's bytes, and a reviewer's names applied to it (``--agencies``)."""
    path = registry.path if isinstance(registry, Registry) else registry or default_registry_path()
    try:
        data = Path(path).read_bytes()
    except OSError:
        data = str(path).encode()
    if isinstance(registry, Registry) and registry.reviewed:
        data += b"\0reviewed\0" + "\n".join(f"{name}\t{body}" for name, body in registry.reviewed).encode()
    return data


def cache_key(data: bytes, registry: Registry | str | PathLike[str] | None = None) -> str:
    """The cache key of a file's bytes: SHA-256 over the layout, version, reading code, registry, the
    OCR mode (:func:`~.ocr.current_mode`: a PDF read from its images reads otherwise) and bytes."""
    h = hashlib.sha256()
    for part in (
        f"plan132 cache {LAYOUT} {VERSION} ocr {current_mode()}".encode(),
        _code_digest().encode(),
        hashlib.sha256(_registry_bytes(registry)).digest(),
        data,
    ):
        h.update(len(part).to_bytes(8, "big"))
        h.update(part)
    return h.hexdigest()


def load_plan_cached(
    path: str | PathLike[str],
    cache_dir: str | PathLike[str],
    registry: Registry | str | PathLike[str] | None = None,
) -> Plan:
    """Read a plan as :func:`~plan132lib.ingest.tables.load_plan` does, through the cache in ``cache_dir``.

    A second call with a file of the same content loads the stored tables and reads no PDF
    (nor any other format) again; the plan's ``path`` is the one given this time. Errors are
    those of ``load_plan``: an unreadable file is a :class:`~plan132lib.errors.PlanParseError`
    naming it (and is not cached).
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError:
        return read_plan(path, registry)  # read_plan names the file and what is wrong
    key = cache_key(data, registry)
    entry = Path(cache_dir) / f"{key}{SUFFIX}"
    plan = _load_entry(entry, key, path, registry)
    if plan is not None:
        return plan
    plan = read_plan(path, registry)
    _store(entry, key, plan)
    return plan


# ------------------------------------------------------------------ reading an entry


def _load_entry(
    entry: Path, key: str, path: Path, registry: Registry | str | PathLike[str] | None
) -> Plan | None:
    """The plan stored under ``entry``, re-attached to its registry; None when absent or not valid."""
    try:
        with entry.open("rb") as fh:
            raw = fh.read(MAX_ENTRY_BYTES + 1)
        if len(raw) > MAX_ENTRY_BYTES:
            return None
        stored = json.loads(
            raw.decode("utf-8"), object_pairs_hook=_no_duplicates, parse_constant=_no_constant
        )
        plan = _plan_from(stored, key, str(path))
    except (OSError, ValueError, TypeError, RecursionError, _Invalid):
        return None  # absent, cut short, damaged, foreign or planted: read the file again
    try:
        base = (
            registry
            if isinstance(registry, Registry)
            else (_bundled_registry() if registry is None else Registry.load(registry))
        )
    except PlanParseError:
        return None
    issuer = plan.meta_value("issuer")
    return dataclasses.replace(
        plan, registry=base.localised(province_of(issuer, plan.meta_value("place")), unit_of(issuer))
    )


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise _Invalid("a key given twice")
    return out


def _no_constant(name: str) -> None:
    raise _Invalid(f"{name} is not JSON")


def _fields(obj: object, names: tuple[str, ...]) -> list[Any]:
    """The values of a JSON object with exactly these keys."""
    if not isinstance(obj, dict) or set(obj) != set(names):
        raise _Invalid("not the expected keys")
    return [obj[n] for n in names]


def _check(ok: bool) -> None:
    if not ok:
        raise _Invalid("a value of the wrong shape")


def _str(value: object) -> str:
    _check(type(value) is str)
    return value  # type: ignore[return-value]


def _int(value: object, optional: bool = False) -> int | None:
    if value is None and optional:
        return None
    _check(type(value) is int and _INT64[0] <= value <= _INT64[1])  # type: ignore[operator]
    return value  # type: ignore[return-value]


def _bool(value: object) -> bool:
    _check(type(value) is bool)
    return value  # type: ignore[return-value]


def _list(value: object, length: int | None = None) -> list[Any]:
    _check(type(value) is list and (length is None or len(value) == length))  # type: ignore[arg-type]
    return value  # type: ignore[return-value]


def _box(value: object) -> tuple[float, float, float, float]:
    items = _list(value, 4)
    _check(all(type(v) in (int, float) and math.isfinite(v) for v in items))
    return tuple(float(v) for v in items)  # type: ignore[return-value]


def _plan_from(stored: object, key: str, path: str) -> Plan:
    fmt, layout, stored_key, frames, document, columns, boxes = _fields(
        stored, ("format", "layout", "key", "tables", "document", "appendix_columns", "row_boxes")
    )
    _check(fmt == FORMAT and type(layout) is int and layout == LAYOUT and stored_key == key)
    names = tuple(COLUMNS)
    built = {
        name: _frame_from(name, value) for name, value in zip(names, _fields(frames, names), strict=True)
    }
    row_boxes: dict[str, list[tuple[int, tuple[float, float, float, float]]]] = {}
    _check(isinstance(boxes, dict))
    for task_id, refs in boxes.items():
        row_boxes[task_id] = [(_page(p), _box(b)) for p, b in (_list(r, 2) for r in _list(refs))]
    return Plan(
        path=path,
        document=_document_from(document, path),
        registry=None,  # type: ignore[arg-type]
        appendix_columns=[_str(c) for c in _list(columns)],
        row_boxes=row_boxes,
        **built,
    )


def _page(value: object) -> int:
    page = _int(value)
    _check(page is not None and page >= 1)
    return page  # type: ignore[return-value]


#: The Python types a column of each dtype may hold in an entry (None: a missing value).
_VALUE_TYPES: dict[str, frozenset[type]] = {
    "str": frozenset({str, type(None)}),
    "object": frozenset({str, type(None)}),
    "Int64": frozenset({int, type(None)}),
    "int64": frozenset({int}),
    "bool": frozenset({bool}),
    "float64": frozenset({int, float, type(None)}),
}


def _frame_from(table: str, obj: object) -> pd.DataFrame:
    """A table from its columns, each checked against the contract's name and dtype."""
    n_rows, columns, dtypes, data = _fields(obj, ("rows", "columns", "dtypes", "data"))
    expected = COLUMNS[table]
    _check(_int(n_rows) >= 0 and columns == expected)  # type: ignore[operator]
    dtypes, data = _list(dtypes, len(expected)), _list(data, len(expected))
    arrays: dict[str, object] = {}
    for column, dtype, values in zip(expected, dtypes, data, strict=True):
        _check(
            dtype in _dtypes(table, column)
            and (dtype != "object" or n_rows == 0 or _dtypes(table, column)[0] == "str")
        )
        values = _list(values, n_rows)
        _check(set(map(type, values)) <= _VALUE_TYPES[dtype])
        if dtype in ("Int64", "int64"):
            _check(all(_INT64[0] <= v <= _INT64[1] for v in values if v is not None))
        elif dtype == "float64":
            values = [math.nan if v is None else float(v) for v in values]
            _check(not any(math.isinf(v) for v in values))
        arrays[column] = pd.array(values, dtype=dtype) if dtype == "Int64" else values
    frame = pd.DataFrame(arrays, columns=expected)
    wrong = {c: d for c, d, now in zip(expected, dtypes, frame.dtypes, strict=True) if str(now) != d}
    return frame.astype(wrong) if wrong else frame


def _ref_from(obj: object) -> Ref:
    kind, page, table, row, column, line, page_line, paragraph, sheet, cell, bbox = _list(obj, 11)
    _check(kind in REF_KINDS)
    numbers = [_int(n, optional=True) for n in (table, row, column, line, page_line, paragraph)]
    return Ref(
        kind,
        None if page is None else _page(page),
        *numbers,  # type: ignore[arg-type]
        sheet=_str(sheet),
        cell=_str(cell),
        bbox=None if bbox is None else _box(bbox),
    )


def _confidence(value: object) -> float | None:
    if value is None:
        return None
    _check(isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 100)
    return float(value)  # type: ignore[arg-type]


def _cell_from(obj: object) -> Cell:
    text, ref, bold, bold_head, merged, confidence = _list(obj, 6)
    _check(merged in MERGE_KINDS)
    return Cell(_str(text), _ref_from(ref), _bool(bold), _bool(bold_head), merged, _confidence(confidence))


def _block_from(obj: object) -> Block:
    items = _list(obj)
    _check(bool(items) and items[0] in ("p", "t"))
    if items[0] == "p":
        _, text, ref, bold, level, lines, confidence = _list(items, 7)
        return Para(
            _str(text),
            _ref_from(ref),
            _bool(bold),
            _int(level),  # type: ignore[arg-type]
            tuple(_int(n) for n in _list(lines)),  # type: ignore[misc]
            _confidence(confidence),
        )
    _, ref, rows = _list(items, 3)
    built = []
    for row in _list(rows):
        cells, row_ref, page_break = _list(row, 3)
        built.append(Row(tuple(_cell_from(c) for c in _list(cells)), _ref_from(row_ref), _bool(page_break)))
    return Table(tuple(built), _ref_from(ref))


def _note_from(obj: object) -> Note:
    key, place, fields = _list(obj, 3)
    pairs = (_list(f, 2) for f in _list(fields))
    return Note(_str(key), _str(place), tuple((_str(k), _str(v)) for k, v in pairs))


def _document_from(obj: object, path: str) -> Document:
    kind, blocks, raw_lines, appendix_only, notes = _fields(
        obj, ("kind", "blocks", "raw_lines", "appendix_only", "notes")
    )
    _check(kind in _KINDS)
    return Document(
        path=path,
        kind=kind,
        blocks=[_block_from(b) for b in _list(blocks)],
        raw_lines=[_str(line) for line in _list(raw_lines)],
        appendix_only=_bool(appendix_only),
        notes=[_note_from(n) for n in _list(notes)],
    )


# ------------------------------------------------------------------ writing an entry


def _json_value(value: object) -> object:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    return value.item() if hasattr(value, "item") else value  # numpy scalars to Python ones


def _frame_data(frame: pd.DataFrame) -> dict[str, object]:
    return {
        "rows": len(frame),
        "columns": [str(c) for c in frame.columns],
        "dtypes": [str(frame[c].dtype) for c in frame.columns],
        "data": [[_json_value(v) for v in frame[c].tolist()] for c in frame.columns],
    }


def _ref_data(ref: Ref) -> list[object]:
    return [
        ref.kind,
        ref.page,
        ref.table,
        ref.row,
        ref.column,
        ref.line,
        ref.page_line,
        ref.paragraph,
        ref.sheet,
        ref.cell,
        None if ref.bbox is None else [float(v) for v in ref.bbox],
    ]


def _block_data(block: Block) -> list[object]:
    if isinstance(block, Para):
        return [
            "p",
            block.text,
            _ref_data(block.ref),
            block.bold,
            block.level,
            list(block.lines),
            block.confidence,
        ]
    return [
        "t",
        _ref_data(block.ref),
        [
            [
                [[c.text, _ref_data(c.ref), c.bold, c.bold_head, c.merged, c.confidence] for c in row.cells],
                _ref_data(row.ref),
                row.page_break_before,
            ]
            for row in block.rows
        ],
    ]


def _entry_data(key: str, plan: Plan) -> dict[str, object]:
    doc = plan.document
    return {
        "format": FORMAT,
        "layout": LAYOUT,
        "key": key,
        "tables": {name: _frame_data(getattr(plan, name)) for name in COLUMNS},
        "document": {
            "kind": doc.kind,
            "blocks": [_block_data(b) for b in doc.blocks],
            "raw_lines": list(doc.raw_lines),
            "appendix_only": doc.appendix_only,
            "notes": [[n.key, n.place, [list(f) for f in n.fields]] for n in doc.notes],
        },
        "appendix_columns": list(plan.appendix_columns),
        "row_boxes": {
            task_id: [[page, [float(v) for v in bbox]] for page, bbox in boxes]
            for task_id, boxes in plan.row_boxes.items()
        },
    }


def _store(entry: Path, key: str, plan: Plan) -> None:
    """Write the entry atomically, if it reads back; a folder that cannot be written is left alone."""
    try:
        text = json.dumps(
            _entry_data(key, plan), ensure_ascii=False, allow_nan=False, separators=(",", ":")
        ).encode("utf-8")
        if len(text) > MAX_ENTRY_BYTES:
            return
        _plan_from(json.loads(text), key, plan.path)  # never write what would not be read back
    except (ValueError, TypeError, RecursionError, _Invalid):
        return
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".plan-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(text)
            os.replace(tmp, entry)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return
