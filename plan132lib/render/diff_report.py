"""What changed between two versions of a plan, for a reader: Markdown and HTML summaries.

The summary is built once as :class:`Part`\\ s (a heading and items, an item a list of runs:
plain text, deleted or inserted words) and rendered twice: :func:`markdown` (deleted words
``~~struck~~``, inserted ``**bold**``) and :func:`html` (``<del>``/``<ins>``, a self-contained
page). The rows come from :func:`plan132lib.analysis.versions.all_changes`; rewordings show the
words that changed (:func:`~plan132lib.analysis.versions.word_diff`).
"""

from __future__ import annotations

import html as html_lib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..analysis.versions import (
    CHANGES,
    DUTY_CHANGES,
    TASK_CHANGES,
    duty_section,
    field_label,
    label,
    not_compared,
    word_diff,
)
from ..ingest.tables import Plan, section_name
from ..words import long_date, word

__all__ = ["Part", "html", "markdown", "parts"]

Run = tuple[str, str]  # (kind, text): kind is "text", "delete", "insert" or "strong"
# Task changes listed one by one with their text; renumbering and additions/removals have their own parts.
_DETAILED = [c for c in TASK_CHANGES if c not in ("added", "removed", "renumbered")]


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
    """"II.7.2" as a reader names it, ``section`` the number the ids carry ("II"):
    "Mục II, điểm 7.2" ("II.7": "Mục II, điểm 7")."""
    n = duty_id.removeprefix(f"{section}.") if section else duty_id
    return word("diff.duty", lang, section=section_name(section, lang), n=n)


def _task_name(row: pd.Series, lang: str) -> str:
    old, new = row["old_task_id"], row["new_task_id"]
    if old and new and old != new:
        return word("diff.task_moved", lang, old=old, new=new)
    return word("diff.task", lang, task=new or old)


def parts(old: Plan, new: Plan, frame: pd.DataFrame, lang: str = "vi") -> list[Part]:
    """The summary's parts, from the rows of ``all_changes(old, new)``."""
    out: list[Part] = []
    counts = frame["change"].value_counts()
    number = duty_section(old, new)  # the duties section's number the ids carry ("II")
    section = section_name(number, lang)  # as a reader names it ("Mục II")
    table = tuple((label(c, lang, section), str(int(counts[c]))) for c in CHANGES if c in counts.index)
    out.append(Part(word("diff.h.summary", lang),
                    text=word("diff.summary", lang, n=len(frame), old=old.citation(lang), old_file=_file(old),
                              new=new.citation(lang), new_file=_file(new)) if len(frame)
                    else word("diff.summary_none", lang, old=old.citation(lang), old_file=_file(old),
                              new=new.citation(lang), new_file=_file(new)),
                    table=table))
    meta = frame[frame["change"] == "meta_changed"]
    if len(meta):
        out.append(Part(word("diff.h.meta", lang), items=tuple(
            (("strong", field_label(r.field, lang) + ": "), ("delete", _shown(r.field, r.before, lang)),
             ("text", " → "), ("insert", _shown(r.field, r.after, lang)))
            for r in meta.itertuples())))
    renamed = frame[frame["change"] == "group_renamed"]
    if len(renamed):
        out.append(Part(word("diff.h.groups", lang), items=tuple(
            (("strong", word("diff.group", lang, n=r.new_task_id) + ": "), *_diff_runs(r.before, r.after))
            for r in renamed.itertuples())))
    for change in ("added", "removed"):
        rows = frame[frame["change"] == change]
        if len(rows):
            out.append(Part(word(f"diff.h.{change}", lang), items=tuple(
                (("strong", word("diff.task", lang, task=r.new_task_id or r.old_task_id) + ": "),
                 ("text", " ".join(str(r.after or r.before).split())))
                for r in rows.itertuples())))
    moved = frame[frame["change"] == "renumbered"]
    if len(moved):
        out.append(Part(word("diff.h.renumbered", lang),
                        text=word("diff.renumbered", lang, n=len(moved), pairs=", ".join(
                            f"{r.old_task_id} → {r.new_task_id}" for r in moved.itertuples()))))
    detailed = frame[frame["change"].isin(_DETAILED)]
    if len(detailed):
        out.append(Part(word("diff.h.tasks", lang), items=tuple(
            (("strong", f"{_task_name(r, lang)} · {label(r['change'], lang)}: "),
             *_change_runs(r["change"], str(r["before"]), str(r["after"])))
            for _, r in detailed.iterrows())))
    duties = frame[frame["change"].isin(DUTY_CHANGES)]
    if len(duties):
        out.append(Part(word("diff.h.duties", lang, section=section), items=tuple(
            (("strong", f"{_duty_name(r['new_task_id'] or r['old_task_id'], number, lang)} · "
                        f"{label(r['change'], lang, section)}: "),
             *_change_runs(r["change"], str(r["before"]), str(r["after"])))
            for _, r in duties.iterrows())))
    missing = not_compared(old, new)
    if len(missing):
        names = ", ".join(word("diff.part_duties", lang, section=section) if p == "duties"
                          else field_label(p, lang)
                          for p in missing["part"])
        out.append(Part(word("diff.h.not_compared", lang), text=word("diff.not_compared", lang, parts=names)))
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
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
        out.append(lead + marks[kind].format(_md_escape(core)) + trail)
    return "".join(out)


def markdown(old: Plan, new: Plan, frame: pd.DataFrame, lang: str = "vi", chart: str | None = None) -> str:
    """The summary as Markdown (deleted words ~~struck~~, inserted **bold**); ``chart``: a chart
    file to show after the counts."""
    lines = [f"# {word('diff.title', lang)}", ""]
    for i, part in enumerate(parts(old, new, frame, lang)):
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
    tags = {"text": "{}", "strong": "<strong>{}</strong>", "delete": "<del>{}</del>",
            "insert": "<ins>{}</ins>"}
    out = []
    for kind, text in runs:  # the spaces around a marked run stay outside its tag
        core = text.strip()
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
        out.append(lead + (tags[kind].format(html_lib.escape(core)) if core else "") + trail)
    return "".join(out)


def html(old: Plan, new: Plan, frame: pd.DataFrame, lang: str = "vi", chart: str | None = None) -> str:
    """The summary as a self-contained HTML page (``chart``: a chart file, linked relatively)."""
    esc = html_lib.escape
    body = [f"<h1>{esc(word('diff.title', lang))}</h1>"]
    for i, part in enumerate(parts(old, new, frame, lang)):
        body.append(f"<h2>{esc(part.heading)}</h2>")
        if part.text:
            body.append(f"<p>{esc(part.text)}</p>")
        if part.table:
            rows = "".join(f"<tr><td>{esc(a)}</td><td class=\"n\">{esc(b)}</td></tr>" for a, b in part.table)
            body.append(f"<table><thead><tr><th>{esc(word('diff.col.change', lang))}</th>"
                        f"<th>{esc(word('diff.col.n', lang))}</th></tr></thead><tbody>{rows}</tbody></table>")
        if part.items:
            body.append("<ul>" + "".join(f"<li>{_html_runs(item)}</li>" for item in part.items) + "</ul>")
        if i == 0 and chart:
            alt = esc(word("diff.chart.title", lang))
            body.append(f"<figure><img src=\"{esc(chart)}\" alt=\"{alt}\">"
                        f"<figcaption>{alt}</figcaption></figure>")
    body.append(f"<p><small>{esc(word('diff.legend', lang))}</small></p>")
    return ("<!DOCTYPE html>\n"
            f"<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{esc(word('diff.title', lang))}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
            + "\n".join(body) + "\n</body>\n</html>\n")
