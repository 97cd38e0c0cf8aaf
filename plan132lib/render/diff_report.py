"""What changed between two versions of a plan, for a reader: Markdown and HTML summaries.

The summary is built once as :class:`Part`\\ s (a heading and items, an item a list of runs:
plain text, deleted or inserted words) and rendered three times: :func:`markdown` (deleted words
``~~struck~~``, inserted ``**bold**``), :func:`html` (``<del>``/``<ins>``, a self-contained
page) and, for comments in Word, :func:`plan132lib.render.diff_docx.summary_docx` (deleted words
struck through, inserted ones underlined). The rows come from
:func:`plan132lib.analysis.versions.compare`; the parts follow :data:`ORDER`: what was compared,
targets changed, items added or removed, agencies and deadlines, rewordings with the words that
changed (:func:`~plan132lib.analysis.versions.word_diff`), the document's details, renumbering, and
the editorial changes in one line.
"""

from __future__ import annotations

import html as html_lib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..analysis import versions
from ..analysis.versions import (
    CHANGES,
    duty_section,
    editorial_kind,
    field_label,
    label,
    word_diff,
)
from ..ingest.tables import Plan, section_name
from ..words import long_date, word

__all__ = ["ORDER", "Part", "html", "markdown", "parts"]

Run = tuple[str, str]  # (kind, text): kind is "text", "delete", "insert" or "strong"

#: The summary's parts in the order a reader wants them: targets changed, then what was added or
#: removed, then agencies and deadlines, then rewordings, the document's details and renumbering;
#: (the heading's key ``diff.h.<key>``, the changes it lists).
ORDER: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("targets", ("target_changed",)),
    ("objectives_added", ("objective_added",)),
    ("objectives_removed", ("objective_removed",)),
    ("added", ("added",)),
    ("removed", ("removed",)),
    ("items_added", ("section_item_added",)),
    ("items_removed", ("section_item_removed",)),
    ("duties", ("duty_added", "duty_removed")),
    (
        "agencies",
        (
            "lead_changed",
            "coordinate_changed",
            "timeline_changed",
            "duty_heading_changed",
            "duty_moved",
            "group_changed",
        ),
    ),
    ("reworded", ("objective_reworded", "section_item_reworded", "duty_reworded")),
    ("tasks", ("reworded", "note_changed", "product_changed")),
    ("groups", ("group_renamed",)),
    ("meta", ("meta_changed",)),
    ("renumbered", ("renumbered", "duty_renumbered")),
)


@dataclass(frozen=True)
class Part:
    """A heading and its items; an item is a sequence of runs."""

    heading: str
    items: tuple[tuple[Run, ...], ...] = ()
    text: str = ""
    table: tuple[tuple[str, ...], ...] = field(default=())


def _file(plan: Plan) -> str:
    return Path(plan.path).name


def _shown(field_name: str, value: object, lang: str) -> str:
    text = " ".join(str(value).split())
    return long_date(text, lang) if field_name == "date" and text else text


def _diff_runs(before: str, after: str) -> tuple[Run, ...]:
    return tuple(("text" if op == "equal" else op, text) for op, text in word_diff(before, after))


_WHOLE = ("lead_changed", "coordinate_changed", "timeline_changed", "duty_heading_changed")  # shown whole


def _change_runs(change: str, before: str, after: str) -> tuple[Run, ...]:
    """Agencies and timelines before → after as a whole; texts with the words that changed marked."""
    if change in _WHOLE or not before or not after:
        runs: list[Run] = [("delete", before)] if before else []
        runs += [("text", " → ")] if before and after else []
        return (*runs, *([("insert", after)] if after else []))
    return _diff_runs(before, after)


def _duty_name(duty_id: str, section: str, lang: str) -> str:
    """ "II.7.2" as a reader names it, ``section`` the number the ids carry ("II"):
    "Mục II, điểm 7.2" ("II.7": "Mục II, điểm 7")."""
    n = duty_id.removeprefix(f"{section}.") if section else duty_id
    return word("diff.duty", lang, section=section_name(section, lang), n=n)


def point_name(point: str, section: str, lang: str = "vi") -> str:
    """A point of the body as a reader names it, by the plan's own numbering: "II.1.2" → "Mục II,
    điểm 1.2"; "II.¶1" → "Mục II, đoạn 1"; "¶2" (the preamble) → "Phần mở đầu, đoạn 2"."""
    if not section:
        return word("diff.preamble_paragraph", lang, n=point.lstrip("¶"))
    rest = point.removeprefix(f"{section}.")
    if rest.startswith("¶"):
        return word("diff.paragraph", lang, section=section_name(section, lang), n=rest.lstrip("¶"))
    return word("diff.duty", lang, section=section_name(section, lang), n=rest)


def _task_name(row: pd.Series, lang: str) -> str:
    old, new = row["old_task_id"], row["new_task_id"]
    if old and new and old != new:
        return word("diff.task_moved", lang, old=old, new=new)
    return word("diff.task", lang, task=new or old)


def _name(row: pd.Series, number: str, lang: str) -> str:
    """Where a change stands, by the plan's own numbering."""
    part, ident = row["part"], row["new_task_id"] or row["old_task_id"]
    if part == "tasks":
        return _task_name(row, lang)
    if part == "duties":
        return _duty_name(ident, number, lang)
    if part == "groups":
        return word("diff.group", lang, n=ident)
    if part == "meta":
        return field_label(row["field"], lang)
    return point_name(ident, row["section"], lang)


def _item(row: pd.Series, number: str, section: str, lang: str) -> tuple[Run, ...]:
    change, before, after = row["change"], str(row["before"]), str(row["after"])
    head: tuple[Run, ...] = (("strong", f"{_name(row, number, lang)} · {label(change, lang, section)}: "),)
    if change == "meta_changed":
        return (
            ("strong", field_label(row["field"], lang) + ": "),
            ("delete", _shown(row["field"], before, lang)),
            ("text", " → "),
            ("insert", _shown(row["field"], after, lang)),
        )
    if change == "target_changed":
        values: tuple[Run, ...] = ()
        if row["value_before"] or row["value_after"]:
            indicator: tuple[Run, ...] = (("text", f"{row['indicator']}: "),) if row["indicator"] else ()
            shown = _change_runs("lead_changed", str(row["value_before"]), str(row["value_after"]))
            values = (*indicator, *shown, ("text", " — "))
        return (*head, *values, *_change_runs(change, before, after))
    if change in (
        "added",
        "removed",
        "objective_added",
        "objective_removed",
        "section_item_added",
        "section_item_removed",
        "duty_added",
        "duty_removed",
    ):
        return (*head, ("text", " ".join((after or before).split())))
    if change in ("renumbered", "duty_renumbered"):
        return (*head, ("text", f"{row['old_task_id']} → {row['new_task_id']}"))
    return (*head, *_change_runs(change, before, after))


def _editorial_line(editorial: pd.DataFrame, number: str, lang: str) -> str:
    """One line: how many editorial changes, where, and of what kind."""
    places = []
    for _, r in editorial.iterrows():
        kind = word(f"diff.editorial.{editorial_kind(r['before'], r['after'])}", lang)
        places.append(f"{_name(r, number, lang)} ({kind})")
    return word("diff.editorial", lang, n=len(editorial), places="; ".join(places))


def _parts_line(row: pd.Series, lang: str) -> tuple[Run, ...]:
    """A part of the plans and whether it was compared."""
    part = row["part"]
    if part == "section":
        number = row["section_new"] or row["section_old"]
        name = f"{number}. {' '.join(str(row['title']).split())}"
        if row["section_old"] and row["section_new"] and row["section_old"] != row["section_new"]:
            name += " " + word("diff.parts.was", lang, old=row["section_old"])
    elif part == "duties":
        number = row["section_new"] or row["section_old"]
        name = word("diff.part_duties", lang, section=section_name(number, lang))
    elif part == "funding":
        number = row["section_new"] or row["section_old"]
        name = word("diff.parts.funding", lang) + (f" ({number})" if number else "")
    else:
        name = word(f"diff.parts.{part}", lang)
    return (("strong", name + ": "), ("text", word(f"diff.status.{row['status']}", lang)))


def parts(
    old: Plan, new: Plan, frame: pd.DataFrame, lang: str = "vi", comparison: versions.Comparison | None = None
) -> list[Part]:
    """The summary's parts, from the rows of ``all_changes(old, new)`` (``frame``): the overview and what
    was compared, then the changes in :data:`ORDER`, then the editorial changes in one line.
    ``comparison``: :func:`~plan132lib.analysis.versions.compare` of the two, if at hand."""
    comparison = comparison or versions.compare(old, new)
    out: list[Part] = []
    counts = frame["change"].value_counts()
    number = duty_section(old, new)  # the duties section's number the ids carry ("II")
    section = section_name(number, lang)  # as a reader names it ("Mục II")
    table = tuple((label(c, lang, section), str(int(counts[c]))) for c in CHANGES if c in counts.index)
    editorial = comparison.editorial
    if len(editorial):
        table += ((word("diff.change.editorial", lang), str(len(editorial))),)
    out.append(
        Part(
            word("diff.h.summary", lang),
            text=word(
                "diff.summary",
                lang,
                n=len(frame),
                old=old.citation(lang),
                old_file=_file(old),
                new=new.citation(lang),
                new_file=_file(new),
            )
            if len(frame)
            else word(
                "diff.summary_none",
                lang,
                old=old.citation(lang),
                old_file=_file(old),
                new=new.citation(lang),
                new_file=_file(new),
            ),
            table=table,
        )
    )
    listed = comparison.parts
    one_sided = listed[listed["status"].isin(["old_only", "new_only"])]
    out.append(
        Part(word("diff.h.parts", lang), items=tuple(_parts_line(r, lang) for _, r in listed.iterrows()))
    )
    if len(one_sided):
        names = ", ".join(_parts_line(r, lang)[0][1].rstrip(": ") for _, r in one_sided.iterrows())
        out.append(Part(word("diff.h.not_compared", lang), text=word("diff.not_compared", lang, parts=names)))
    for key, kinds in ORDER:
        rows = [r for change in kinds for _, r in frame[frame["change"] == change].iterrows()]
        if not rows:
            continue
        moved = frame[frame["change"] == "renumbered"]
        text = (
            word(
                "diff.renumbered",
                lang,
                n=len(moved),
                pairs=", ".join(f"{r.old_task_id} → {r.new_task_id}" for r in moved.itertuples()),
            )
            if key == "renumbered"
            else ""
        )
        shown = [r for r in rows if r["change"] != "renumbered"] if key == "renumbered" else rows
        out.append(
            Part(
                word(f"diff.h.{key}", lang, section=section),
                text=text,
                items=tuple(_item(r, number, section, lang) for r in shown),
            )
        )
    if len(editorial):
        out.append(Part(word("diff.h.editorial", lang), text=_editorial_line(editorial, number, lang)))
    return out


def _md_escape(text: str) -> str:
    return "".join("\\" + c if c in "\\`*_[]<>~|" else c for c in text)


def _md_runs(runs: Sequence[Run]) -> str:
    marks = {"text": "{}", "strong": "**{}**", "delete": "~~{}~~", "insert": "**{}**"}
    out = []
    for kind, text in runs:
        core = text.strip()
        if not core:
            out.append(text)
            continue
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
        out.append(lead + marks[kind].format(_md_escape(core)) + trail)
    return "".join(out)


def markdown(
    old: Plan,
    new: Plan,
    frame: pd.DataFrame,
    lang: str = "vi",
    chart: str | None = None,
    comparison: versions.Comparison | None = None,
) -> str:
    """The summary as Markdown (deleted words ~~struck~~, inserted **bold**); ``chart``: a chart
    file to show after the counts."""
    lines = [f"# {word('diff.title', lang)}", ""]
    for i, part in enumerate(parts(old, new, frame, lang, comparison)):
        lines += [f"## {part.heading}", ""]
        if part.text:
            lines += [_md_escape(part.text), ""]
        if part.table:
            lines += [f"| {word('diff.col.change', lang)} | {word('diff.col.n', lang)} |", "|---|---:|"]
            lines += [f"| {_md_escape(a)} | {b} |" for a, b in part.table] + [""]
        lines += [f"- {_md_runs(item)}" for item in part.items] + ([""] if part.items else [])
        if i == 0 and chart:
            lines += [f"![{word('diff.chart.title', lang)}]({chart})", ""]
    lines += [_md_escape(word("diff.legend", lang)), ""]
    return "\n".join(lines)


CSS = """\
body{font-family:"DejaVu Sans",Arial,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;line-height:1.5;
color:#222}h1{font-size:1.5rem}h2{font-size:1.15rem;color:#0072B2;margin-top:1.6rem}
table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.2rem .6rem;text-align:left}
td.n{text-align:right}del{background:#fde2d8;color:#8a2a00}ins{background:#d9f2e6;color:#00573f;
text-decoration:none;font-weight:600}img{max-width:100%;height:auto}li{margin:.3rem 0}
@media print{body{max-width:none}h2{break-after:avoid}li,img{break-inside:avoid}}"""


def _html_runs(runs: Sequence[Run]) -> str:
    tags = {
        "text": "{}",
        "strong": "<strong>{}</strong>",
        "delete": "<del>{}</del>",
        "insert": "<ins>{}</ins>",
    }
    out = []
    for kind, text in runs:  # the spaces around a marked run stay outside its tag
        core = text.strip()
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
        out.append(lead + (tags[kind].format(html_lib.escape(core)) if core else "") + trail)
    return "".join(out)


def html(
    old: Plan,
    new: Plan,
    frame: pd.DataFrame,
    lang: str = "vi",
    chart: str | None = None,
    comparison: versions.Comparison | None = None,
) -> str:
    """The summary as a self-contained HTML page (``chart``: a chart file, linked relatively)."""
    esc = html_lib.escape
    body = [f"<h1>{esc(word('diff.title', lang))}</h1>"]
    for i, part in enumerate(parts(old, new, frame, lang, comparison)):
        body.append(f"<h2>{esc(part.heading)}</h2>")
        if part.text:
            body.append(f"<p>{esc(part.text)}</p>")
        if part.table:
            rows = "".join(f'<tr><td>{esc(a)}</td><td class="n">{esc(b)}</td></tr>' for a, b in part.table)
            body.append(
                f"<table><thead><tr><th>{esc(word('diff.col.change', lang))}</th>"
                f"<th>{esc(word('diff.col.n', lang))}</th></tr></thead><tbody>{rows}</tbody></table>"
            )
        if part.items:
            body.append("<ul>" + "".join(f"<li>{_html_runs(item)}</li>" for item in part.items) + "</ul>")
        if i == 0 and chart:
            alt = esc(word("diff.chart.title", lang))
            body.append(
                f'<figure><img src="{esc(chart)}" alt="{alt}"><figcaption>{alt}</figcaption></figure>'
            )
    body.append(f"<p><small>{esc(word('diff.legend', lang))}</small></p>")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(word('diff.title', lang))}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
