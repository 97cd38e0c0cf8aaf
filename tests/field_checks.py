"""Shared field-by-field checks of a plan read from a fixture against its hand-written expectations
(the Word and Excel layout tests, the Word plan with its gold)."""

from __future__ import annotations

import re

import pandas as pd

from plan132lib import Plan


def clean(text: object, lines: bool = False) -> str:
    """A value as compared: stripped, runs of whitespace (no-break spaces too) collapsed to one space;
    with ``lines``, line breaks kept."""
    text = str(text or "").replace("\u00a0", " ")
    if lines:
        return "\n".join(re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")).strip()
    return re.sub(r"\s+", " ", text).strip()


def mentions(plan: Plan, task_id: str, role: str) -> list[str]:
    """The agencies a task names in one role, as written, in order."""
    a = plan.assignments
    rows = a[(a.task_id.astype(str) == str(task_id)) & (a.role == role)].sort_values("position")
    return [clean(x) for x in rows.raw_name.fillna("") if clean(x)]


def year(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)  # type: ignore[call-overload]


def day(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)[:10]


def wrong_fields(
    plan: Plan, row: pd.Series, want: dict[str, object], lines: bool = False, texts: tuple[str, ...] = ()
) -> list[str]:
    """What a task read differs in from ``want`` (content opening, lead and coordinate mentions, the
    text columns ``texts`` such as product and note, timeline kind, end year, due date: only the keys
    ``want`` has), one line each."""
    task_id = str(row.task_id)
    wrong: list[str] = []
    if "content" in want and not clean(row.content, lines).startswith(str(want["content"])):
        wrong.append(f"content: got {clean(row.content, lines)[:80]!r}, want it to start {want['content']!r}")
    for role in ("lead", "coordinate"):
        if role in want and mentions(plan, task_id, role) != want[role]:
            wrong.append(f"{role} mentions: got {mentions(plan, task_id, role)}, want {want[role]}")
    for key in texts:
        if key in want and clean(row[key]) != want[key]:
            wrong.append(f"{key}: got {clean(row[key])!r}, want {want[key]!r}")
    for key, got in (
        ("timeline_kind", str(row.timeline_kind or "")),
        ("end_year", year(row.end_year)),
        ("due_date", day(row.due_date)),
    ):
        if key in want and got != want[key]:
            wrong.append(f"{key}: got {got!r}, want {want[key]!r}")
    return wrong
