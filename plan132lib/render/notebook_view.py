"""What the notebooks show: tables a reader can read, and sentences from ``words.csv``.

:func:`show` turns a table into HTML for a notebook: readable headers and coded values as
words (:func:`.readable.readable`), the full text of every cell (no 80-character clip),
left-aligned, top-aligned, and without the row index unless it means something. The HTML
has a fixed id made from the table's content, so an executed notebook is the same bytes run
after run (a pandas ``Styler`` shown as is carries a random id and its memory address).

:func:`text` and :func:`say` give the notebooks' sentences, the rows ``nb.<key>`` of
``words.csv`` (Vietnamese by default, ``lang="en"``), filled with numbers computed from the plan.

This is where the plan's text enters a notebook's Markdown: every text a sentence is filled with
(an agency name, the issuer, a title, a file name, a task id) is escaped with
:func:`.briefing.md_escape`, as the briefing and the HTML report escape it, so a cell
``[Bấm vào đây](https://evil.example/phish)`` shows as text, not a link, and ``<img …>`` stays
text. What is already Markdown (a sentence of :func:`text`, :func:`join`, :func:`bold`) is an
:class:`Md` and is not escaped twice. A table's caption is plain text, escaped as HTML.
"""

from __future__ import annotations

import hashlib
import html

import pandas as pd
from IPython.display import HTML, Markdown

from ..words import Locale, check_lang, word
from .briefing import md_escape
from .readable import column_kind, number_formatter, readable

# Left-aligned, top-aligned, wrapped: a reader's table, not a spreadsheet of numbers.
TABLE_STYLES = [
    {"selector": "", "props": [("border-collapse", "collapse"), ("margin", "0.4em 0 1em 0")]},
    {
        "selector": "th, td",
        "props": [
            ("text-align", "left"),
            ("vertical-align", "top"),
            ("white-space", "normal"),
            ("padding", "0.25em 0.6em"),
            ("border-bottom", "1px solid #ddd"),
        ],
    },
    {"selector": "th", "props": [("font-weight", "bold"), ("background", "#f3f3f3")]},
    {
        "selector": "caption",
        "props": [
            ("text-align", "left"),
            ("font-style", "italic"),
            ("caption-side", "top"),
            ("padding-bottom", "0.3em"),
        ],
    },
]
LONG_TEXT = 60  # a column whose cells run longer than this gets room to wrap


def table_html(
    frame: pd.DataFrame,
    lang: str = "vi",
    *,
    table: str | None = None,
    index: bool = False,
    caption: str | None = None,
    translate: bool = True,
) -> str:
    """``frame`` as an HTML table for a reader (see the module's docstring).

    ``table``: the published table the frame comes from (for :func:`.readable.readable`);
    ``index``: show the row index (a meaningful one, such as agency names); ``translate=False``
    keeps headers and values as they are (a pivot whose columns are task ids).
    """
    check_lang(lang)
    digest = hashlib.sha1(frame.to_csv().encode("utf-8")).hexdigest()[:10]
    if translate:  # readable headers and words, numbers formatted; a meaningful index as a column
        source = frame.reset_index() if index else frame
        shown = readable(source, lang, table=table)
        formats = {
            label: number_formatter(column_kind(column, source[column]), lang)
            for label, column in zip(shown.columns, source.columns, strict=True)
            if isinstance(column, str)
            and pd.api.types.is_numeric_dtype(source[column].dtype)
            and not pd.api.types.is_bool_dtype(source[column].dtype)
        }
        styler = shown.style.format(
            {label: formats.get(label) for label in shown.columns}, na_rep="", escape="html"
        ).hide(axis="index")
    else:
        styler = frame.style.format(na_rep="", escape="html")
        if not index:
            styler = styler.hide(axis="index")
    styler = styler.set_uuid(digest).set_table_styles(TABLE_STYLES, overwrite=True)
    shown = styler.data
    wide = [c for c in shown.columns if len(shown) and shown[c].astype(str).str.len().max() > LONG_TEXT]
    if wide:
        styler = styler.set_properties(subset=wide, **{"min-width": "22em"})
    if caption:  # plain text (pandas puts a caption into the HTML as it is)
        styler = styler.set_caption(html.escape(str(caption)))
    return styler.to_html()


def show(
    frame: pd.DataFrame,
    lang: str = "vi",
    *,
    table: str | None = None,
    index: bool = False,
    caption: str | None = None,
    translate: bool = True,
) -> HTML:
    """``frame`` shown in a notebook for a reader: :func:`table_html` as an IPython ``HTML`` object."""
    return HTML(table_html(frame, lang, table=table, index=index, caption=caption, translate=translate))


class Md(str):
    """Markdown that is safe to show: fixed words, and plan text already escaped."""

    __slots__ = ()


def md(value: object) -> Md:
    """``value`` as safe Markdown: plan text escaped (:func:`.briefing.md_escape`), an :class:`Md`
    as it is."""
    return value if isinstance(value, Md) else Md(md_escape(value))


def _filled(value: object) -> object:
    """A field of a sentence: text escaped unless it is Markdown already, numbers as they are."""
    return md(value) if isinstance(value, str) else value


def text(key: str, lang: str = "vi", **fields: object) -> Md:
    """The notebook sentence ``nb.<key>`` of ``words.csv`` in ``lang``, filled from ``fields``; text
    fields are escaped for Markdown unless they are :class:`Md` (see the module's docstring)."""
    return Md(word(f"nb.{key}", lang, **{name: _filled(v) for name, v in fields.items()}))


def plain(key: str, lang: str = "vi", **fields: object) -> str:
    """The sentence ``nb.<key>`` as plain text, unescaped: for a table's caption or a message, never
    for Markdown."""
    return word(f"nb.{key}", lang, **fields)


def say(key: str, lang: str = "vi", **fields: object) -> Markdown:
    """:func:`text` as Markdown, to show in a notebook."""
    return Markdown(text(key, lang, **fields))


def finding(sentence: str) -> Markdown:
    """A sentence phrased from the plan's findings (:mod:`plan132lib.render.briefing`, the same words as
    the brief and the slides), shown as Markdown with its plan text escaped."""
    return Markdown(md(sentence))


def bold(value: object) -> Md:
    """Plan text in bold Markdown, escaped: ``**Sở Tài chính**``."""
    return Md(f"**{md(value)}**")


def join(items: list[object], lang: str = "vi") -> Md:
    """ "a, b và c" / "a, b and c"; "a; b và c" when a name holds a comma ("UBND xã, phường").
    Each item is escaped for Markdown unless it is :class:`Md`."""
    comma = any("," in str(i) for i in items)
    shown = [md(i) for i in items]
    if len(shown) <= 1:
        return Md("".join(shown))
    head = ("; " if comma else ", ").join(shown[:-1])
    return Md(f"{head} {text('and', lang)} {shown[-1]}")


def number(x: float, lang: str = "vi", digits: int = 1) -> Md:
    """A number as a reader writes it: 7,2 (vi) or 7.2 (en)."""
    return Md(Locale(lang).number(x, digits))


def percent(x: float, lang: str = "vi") -> Md:
    """A share 0–1 as a whole percentage: "25%"."""
    return Md(f"{x:.0%}")


def ids(items: list[str], lang: str = "vi") -> Md:
    """Task or entry ids for a sentence, escaped: "1.1, 2.3" or "không có" ("none")."""
    return md(", ".join(map(str, items))) if len(items) else text("none", lang)
