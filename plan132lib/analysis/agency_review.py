"""Agency names reviewed once: every name as the plan writes it, the body it matched, and a
column for the analyst to say which body it is.

``plan132 agencies --plan P --out names.xlsx`` writes :func:`name_rows` (the sheet itself:
:mod:`plan132lib.render.agency_sheet`); the analyst fills the ``body`` column where the match is
missing or wrong (a registry id such as ``so-nnmt``, a registry name in any spelling, or the
name of a body the registry does not hold); ``--agencies names.xlsx`` on ``check``, ``build``,
``compare`` and ``diff`` reads it back with :func:`load_reviewed` into a registry that knows
those spellings (:meth:`~plan132lib.ingest.agencies.Registry.with_names`). A name left empty
stays as it was: known, or unknown and shown as written, never dropped.

The sheet holds names and counts only: a parenthesis holding a phone number, an e-mail address
or an official's name ("đ/c …", "ông …") is left out of the name shown (the plan's contact
columns are never read into it), and the name without it is what a reviewer maps.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..errors import ReferenceDataError
from ..ingest.agencies import Registry
from ..ingest.names import name_key
from ..ingest.tables import Plan, _bundled_registry
from ..words import Locale, Problem, word, words
from .catalogue import _read_rows
from .catalogue import place as row_place

#: The sheet's columns, in order. ``body`` is the analyst's; the others say what the kit read.
REVIEW_COLUMNS = (
    "raw_name",
    "n_tasks",
    "n_lead",
    "n_coordinate",
    "n_duty_items",
    "where",
    "agency_id",
    "agency_name",
    "suggestion",
    "body",
)
#: The columns read back; the others are for reference.
READ_COLUMNS = {"raw_name": "the name as the plan writes it", "body": "the body it names (or empty)"}
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+")
_PRIVATE = re.compile(
    r"\s*\((?=[^()]*(?:\d[\d .]{7,}\d|@|\bđ/c\b|\bđồng chí\b|\b[Oo]ng\b|\b[Bb]à\b|"
    r"\b(?:ĐT|SĐT|DĐ|Tel)\b))[^()]*\)"
)
_PHONE = re.compile(r"\+?\d[\d .]{7,}\d")


def public_name(name: str) -> str:
    """A name as the sheet shows it: without a parenthesis naming a person or a phone number, and
    with any other phone number cut ("Sở Y tế (đ/c An, 0912 345 678)" → "Sở Y tế").

    >>> public_name("Sở Y tế (đ/c Nguyễn Văn An, 0912 345 678)")
    'Sở Y tế'
    >>> public_name("Sở Nông nghiệp và Môi trường (Văn phòng Đăng ký đất đai)")
    'Sở Nông nghiệp và Môi trường (Văn phòng Đăng ký đất đai)'
    """
    text = _PRIVATE.sub("", name)
    return " ".join(_PHONE.sub("…", text).split())


def name_rows(plan: Plan, lang: str = "vi") -> pd.DataFrame:
    """One row per agency name the plan writes (lead, coordinating and Section IV cells), columns
    :data:`REVIEW_COLUMNS`: how many tasks use it (in any role, as lead, as coordinator), how many
    Section IV items name it, where it is first written (in ``lang``), the body the registry matched
    (id and name; empty when unknown), the closest registry name for an unknown one, and ``body``
    empty for the analyst. Unknown names first, then by tasks (most first), then as first written."""
    a = plan.assignments.assign(shown=plan.assignments["raw_name"].map(public_name))
    d = plan.duty_agencies.assign(shown=plan.duty_agencies["raw_name"].map(public_name))
    columns = ["shown", "agency_id", "agency_name", "known", "source_ref"]
    first = pd.concat([a[columns], d[columns]], ignore_index=True)
    first = first[first["shown"].str.strip().ne("")]
    first = first.assign(order=range(len(first))).drop_duplicates("shown")
    rows = []
    for r in first.itertuples():
        mine = a[a["shown"] == r.shown]
        rows.append(
            {
                "raw_name": r.shown,
                "n_tasks": mine["task_id"].nunique(),
                "n_lead": mine.loc[mine["role"] == "lead", "task_id"].nunique(),
                "n_coordinate": mine.loc[mine["role"] == "coordinate", "task_id"].nunique(),
                "n_duty_items": d.loc[d["shown"] == r.shown, "item"].nunique(),
                "where": Locale(lang).place(plan.source_refs(r.source_ref)[:1]),
                "agency_id": r.agency_id if r.known else "",
                "agency_name": r.agency_name if r.known else "",
                "suggestion": "" if r.known else plan.registry.suggest(r.shown),
                "body": "",
                "_known": bool(r.known),
                "_order": r.order,
            }
        )
    frame = pd.DataFrame(rows, columns=[*REVIEW_COLUMNS, "_known", "_order"])
    frame = frame.sort_values(["_known", "n_tasks", "_order"], ascending=[True, False, True], kind="stable")
    return frame[list(REVIEW_COLUMNS)].reset_index(drop=True)


def unknown_names(plan: Plan) -> int:
    """How many distinct names the plan writes that no body matched (kept as written)."""
    named = pd.concat([plan.assignments[["raw_name", "known"]], plan.duty_agencies[["raw_name", "known"]]])
    return int(named.loc[~named["known"].astype(bool), "raw_name"].map(public_name).nunique())


def names_file(lang: str = "vi") -> str:
    """The names sheet a build writes beside its outputs, in ``lang``: ``agency_names.xlsx`` (``_en``)."""
    return "agency_names.xlsx" if lang == "vi" else f"agency_names_{lang}.xlsx"


def unknown_note(plan: Plan, lang: str = "vi", file: str | None = None) -> str:
    """The sentence "3 tên cơ quan chưa nhận diện được …; xem agency_names.xlsx" (``file``: the sheet;
    default :func:`names_file`), or "" when every name was matched."""
    n = unknown_names(plan)
    return word("workload.unknown_names", lang, n=n, file=file or names_file(lang)) if n else ""


def headers(lang: str) -> dict[str, str]:
    """The sheet's header of each column in ``lang`` (rows ``agencies.col.*`` of ``words.csv``)."""
    return {c: word(f"agencies.col.{c}", lang) for c in REVIEW_COLUMNS}


def _header_names() -> dict[str, str]:
    """Every header the sheet may carry (either language, or the column's own name) → the column."""
    out = {c: c for c in REVIEW_COLUMNS}
    for lang in ("vi", "en"):
        out |= {text: column for column, text in headers(lang).items()}
    return out


def load_reviewed(path: str | Path, registry: Registry | None = None) -> Registry:
    """The registry (default: the bundled one) with the names a reviewer mapped in ``path``
    (``.xlsx`` or ``.csv`` as :func:`name_rows` wrote it, headed in either language or by the
    column names); rows with an empty ``body`` change nothing.

    A missing column, a body written like an id that the registry does not hold (``so-abc``),
    or one name mapped to two bodies is a :class:`~plan132lib.errors.ReferenceDataError` naming
    the file and the row.
    """
    path = Path(path)
    registry = registry if registry is not None else _bundled_registry()
    try:
        rows = _read_rows(path, READ_COLUMNS, Problem("what.agency_names"), _header_names())
    except ReferenceDataError as exc:  # name a missing column by the header the sheet shows
        problem = exc.problem
        if getattr(problem, "key", "") != "ref_header_lacks":
            raise
        missing = [f"{headers('vi')[c]} ({c})" for c in problem.fields["missing"]]  # type: ignore[attr-defined]
        raise ReferenceDataError(
            path, exc.line, Problem("ref_header_lacks", what=Problem("what.agency_names"), missing=missing)
        ) from None
    names: list[tuple[str, str]] = []
    seen: dict[str, tuple[int, str]] = {}
    for line, row in rows:
        name, body = " ".join(row["raw_name"].split()), " ".join(row["body"].split())
        if not body:
            continue
        at = row_place(path, line)
        if not name:
            raise ReferenceDataError(path, at, Problem("agencies_no_name", body=repr(body)))
        if _ID.fullmatch(body) and body not in registry.agencies:
            raise ReferenceDataError(path, at, Problem("agencies_unknown_id", body=repr(body)))
        key = name_key(name)
        if key in seen and name_key(seen[key][1]) != name_key(body):
            first, other = seen[key]
            raise ReferenceDataError(
                path,
                at,
                Problem("agencies_twice", name=repr(name), body=repr(body), other=repr(other), first=first),
            )
        seen[key] = (line, body)
        names.append((name, body))
    return registry.with_names(names)


def registry_for(path: str | Path | None) -> Registry | None:
    """The bundled registry with the reviewed names of ``path``; None (the bundled registry) without one."""
    return None if path is None else load_reviewed(path)


def guide(lang: str = "vi") -> pd.DataFrame:
    """What each column means, in Vietnamese and English (rows ``agencies_column.*``)."""
    vi, en = words("agencies_column", "vi"), words("agencies_column", "en")
    return pd.DataFrame(
        {
            "column": [headers(lang)[c] for c in REVIEW_COLUMNS],
            "vi": [vi[c] for c in REVIEW_COLUMNS],
            "en": [en[c] for c in REVIEW_COLUMNS],
        }
    )
