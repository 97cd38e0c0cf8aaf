"""Tables as a reader sees them: words instead of codes, headers instead of column names.

>>> readable(plan.assignments, "vi")   # doctest: +SKIP

gives the same rows with each coded value read through the rows ``value.<column>.<code>``
of ``words.csv`` (``commune_level`` → "UBND cấp xã", ``lead`` → "Chủ trì"), truth values
as "Có" / "Không" ("Yes" / "No"), ISO dates as dd/mm/yyyy (Vietnamese; the English keeps
yyyy-mm-dd), places in the source in the reader's language ("page 4, row 5" → "trang 4,
dòng 5") and the columns renamed to their headers in ``fields.csv``. Numbers stay numbers;
:func:`number_format` says how each column's numbers are shown (percent, one decimal …),
and :func:`styled` shows a table in a notebook with those formats and the text
left-aligned in full.

The published CSV files keep the codes; only what is shown is translated.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from functools import cache
from typing import Any

import pandas as pd

from ..analysis.workload import after_year
from ..fields import header, registry
from ..words import Locale, check_lang, entries, values, word

__all__ = [
    "CODED",
    "as_date",
    "bool_text",
    "code_text",
    "column_kind",
    "display_headers",
    "number_format",
    "readable",
    "source_ref_text",
    "styled",
]

#: Columns whose codes are read through another column's ``value.<column>.*`` rows.
CODED: dict[str, str] = {
    "plan_comparator": "comparator",
    "roles": "role",
    "groups": "resolution_group",
}
#: Columns that hold several codes in one cell, and the separator between them.
_MULTI = {"roles": "|", "groups": " | ", "inherited": ";"}
#: Columns whose codes are described by other rows when no ``value.<column>.*`` row exists.
#: Text columns that hold an ISO date (yyyy-mm-dd).
DATE_COLUMNS = frozenset(
    {"due_date", "plan_date", "done_date", "report_date", "as_of", "period_end", "last_report_date"}
)
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# Share-like columns (a fraction 0–1 shown as a percentage).
_PERCENT = re.compile(r"(^share_|_share$|^precision$|^recall$|^f1$|^density$)")
_THREE_DECIMALS = frozenset({"betweenness", "eigenvector", "score", "threshold"})


@cache
def _code_map(column: str, lang: str) -> dict[str, str]:
    """code -> text for ``column`` (empty when the column is not coded)."""
    source = CODED.get(column, column)
    prefix = f"value.{source}."
    if any(key.startswith(prefix) for key in entries()):
        return values(source, lang)
    if column == "check":  # the validation's check names are the rows check.<name>
        from ..words import words

        return words("check", lang)
    return {}


def code_text(column: str, code: Any, lang: str = "vi") -> Any:
    """How one value of ``column`` reads in ``lang`` (unchanged when it is no known code)."""
    check_lang(lang)
    if not isinstance(code, str) or not code:
        return code
    if column == "period" and after_year(code) is not None:  # "sau 2026": after the plan's window
        return word("chart.after", lang, year=after_year(code))
    table = _code_map(column, lang)
    if not table:
        return code
    sep = _MULTI.get(column)
    if sep and sep in code:
        return sep.join(
            table.get(part.strip(), part.strip()) if sep.strip() else table.get(part, part)
            for part in code.split(sep)
        )
    return table.get(code, code)


def bool_text(flag: Any, lang: str = "vi") -> Any:
    """True → "Có"/"Yes", False → "Không"/"No"; a missing value stays missing."""
    if flag is None or flag is pd.NA or (isinstance(flag, float) and pd.isna(flag)):
        return ""
    return word("readable.yes" if bool(flag) else "readable.no", lang)


def as_date(text: Any) -> datetime.date | None:
    """An ISO date text (yyyy-mm-dd) as a date; None for anything else (empty, a year …)."""
    if isinstance(text, datetime.date):
        return text
    m = _ISO_DATE.fullmatch(str(text)) if isinstance(text, str) else None
    if not m:
        return None
    try:
        return datetime.date(*(int(x) for x in m.groups()))
    except ValueError:
        return None


def _date_text(text: Any, lang: str) -> Any:
    day = as_date(text)
    if day is None:
        return text
    return day.strftime("%d/%m/%Y") if lang == "vi" else day.isoformat()


def source_ref_text(ref: Any, lang: str = "vi") -> Any:
    """A ``source_ref`` cell in the reader's language: "page 4, row 5" → "trang 4, dòng 5".

    A cell reference such as "Phụ lục!A7" is left as it is. Only the published text is at hand
    here (a table, perhaps read back from its CSV): :meth:`~plan132lib.words.Locale.place` reads
    it with :func:`~plan132lib.refs.parse_refs`. The English is the published text itself.
    """
    if not isinstance(ref, str) or lang == "en":
        return ref
    return Locale(lang).place(ref)


def _is_bool(series: pd.Series) -> bool:
    if pd.api.types.is_bool_dtype(series.dtype):
        return True
    if series.dtype == object:
        present = series.dropna()
        return len(present) > 0 and all(isinstance(v, bool) for v in present)
    return False


def readable(
    frame: pd.DataFrame,
    lang: str = "vi",
    *,
    table: str | None = None,
    dates: str = "text",
    headers: bool = True,
) -> pd.DataFrame:
    """The same rows for a reader: coded values in words, Có/Không, dd/mm/yyyy, headers.

    ``table`` (e.g. ``"tables/meta"``) names the published table the frame is, where a
    column means something else there (in ``meta`` the ``field`` names a fact). ``dates``:
    ``"text"`` writes ISO dates as dd/mm/yyyy (Vietnamese) or yyyy-mm-dd (English);
    ``"date"`` gives :class:`datetime.date` values (for a workbook that formats them).
    ``headers=False`` keeps the column names (for a writer that sets headers itself).
    The index is kept as it is.
    """
    check_lang(lang)
    if dates not in ("text", "date"):
        raise ValueError(f"dates must be 'text' or 'date', not {dates!r}")
    del table  # the codes of every published table share one vocabulary per column
    out = frame.copy()
    for column in frame.columns:
        if not isinstance(column, str):
            continue
        series = frame[column]
        convert: Callable[[Any], Any] | None = None
        if _is_bool(series):
            out[column] = series.astype(object).map(lambda v: bool_text(v, lang))
            continue
        if column == "source_ref":
            convert = lambda v: source_ref_text(v, lang)  # noqa: E731
        elif column in DATE_COLUMNS or (column == "value" and "field" in frame.columns):
            # a date column, or the facts of ``meta`` (its ``date`` is ISO text)
            convert = (lambda v: as_date(v) or v) if dates == "date" else (lambda v: _date_text(v, lang))
        elif column == "formula" and "measure" in frame.columns:
            out[column] = [
                word(f"readable.formula.{m}", lang) if f"readable.formula.{m}" in entries() else f
                for f, m in zip(series, frame["measure"], strict=True)
            ]
            continue
        elif _code_map(column, lang):
            convert = lambda v, c=column: code_text(c, v, lang)  # noqa: E731
        if convert is not None:
            out[column] = series.astype(object).map(convert)
    if headers:
        out = out.rename(columns=display_headers(frame.columns, lang))
    return out


def display_headers(columns: Any, lang: str = "vi") -> dict[Any, str]:
    """column -> header for every registered column among ``columns`` (others are left out)."""
    known = registry().fields.index
    return {c: header(c, lang) for c in columns if isinstance(c, str) and c in known}


def column_kind(column: str, series: pd.Series | None = None) -> str:
    """How a column's values are shown: percent, decimal3, decimal, integer, date, bool or text.

    From the registered dtype (``fields.csv``) and the column's name (share-like columns are
    percentages); ``series`` decides for a column the registry does not know.
    """
    known = registry().fields.index
    if column in DATE_COLUMNS:
        return "date"
    if column in known:
        dtype = str(registry().row(column)["dtype"])
    elif series is not None:
        dtype = (
            "bool"
            if _is_bool(series)
            else "int64"
            if pd.api.types.is_integer_dtype(series.dtype)
            else "float64"
            if pd.api.types.is_float_dtype(series.dtype)
            else "str"
        )
    else:
        return "text"
    if dtype in ("bool", "boolean"):
        return "bool"
    if dtype in ("int64", "Int64"):
        return "integer"
    if dtype == "float64":
        if _PERCENT.search(column):
            return "percent"
        return "decimal3" if column in _THREE_DECIMALS else "decimal"
    return "text"


#: Excel number formats of each kind (dates in the reader's order).
_EXCEL = {"percent": "0.0%", "decimal": "0.0", "decimal3": "0.000", "integer": "0"}


def number_format(column: str, lang: str = "vi", series: pd.Series | None = None) -> str | None:
    """The Excel number format of a column's cells, or None where text is shown as it is."""
    kind = column_kind(column, series)
    if kind == "date":
        return "dd/mm/yyyy" if lang == "vi" else "yyyy-mm-dd"
    return _EXCEL.get(kind)


def number_formatter(kind: str, lang: str) -> Callable[[Any], str] | None:
    """How a number of ``kind`` (:func:`column_kind`) is written for a reader: 7,2 / 24,7% (vi), 7.2
    (en); a missing value as nothing; None for a column that is not a number."""

    def num(spec: str) -> Callable[[Any], str]:
        def fmt(v: Any) -> str:
            if v is None or v is pd.NA or (isinstance(v, float) and pd.isna(v)):
                return ""
            return Locale(lang).format(v, spec)

        return fmt

    return {"percent": num(".1%"), "decimal": num(".1f"), "decimal3": num(".3f"), "integer": num(".0f")}.get(
        kind
    )


def styled(frame: pd.DataFrame, lang: str = "vi", *, table: str | None = None) -> Any:
    """A notebook display of ``readable(frame)``: numbers formatted, text in full, left-aligned.

    Returns a pandas ``Styler`` (needs jinja2); the index is hidden.
    """
    shown = readable(frame, lang, table=table)
    names = dict(zip(shown.columns, frame.columns, strict=True))
    formats = {}
    for label, column in names.items():
        if not isinstance(column, str):
            continue
        fmt = number_formatter(column_kind(column, frame[column]), lang)
        if fmt is not None:
            formats[label] = fmt
    styler = shown.style.format(formats, na_rep="").hide(axis="index")
    return styler.set_properties(
        **{"text-align": "left", "white-space": "pre-wrap", "vertical-align": "top"}
    ).set_table_styles([{"selector": "th", "props": [("text-align", "left"), ("vertical-align", "bottom")]}])
