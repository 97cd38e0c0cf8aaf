"""Reading the "Tiến độ" (timeline) cell.

The raw text is always kept. Years are filled only where the text gives them;
``end_year`` is the last year the text names and ``open_ended`` says whether
the work goes on after it ("và các năm tiếp theo", "Thường xuyên", "Hằng năm").

Forms read (case and spacing free, any dash):

=====================================  =====  ====  ==========  ===========
text                                   start  end   open_ended  kind
=====================================  =====  ====  ==========  ===========
``2026`` / ``Năm 2027``                2026   2026  no          year
``2026 - 2030`` / ``Giai đoạn 2026–2030``  2026   2030  no      range
``… và các năm tiếp theo``             …      …     yes         (as above)
``Quý IV/2026``                        2026   2026  no          quarter
``Tháng 6/2026``                       2026   2026  no          month
``Trước ngày 30/6/2026``               2026   2026  no          date
``Hằng năm`` / ``Hàng năm``            –      –     yes         annual
``Trước ngày 31/01 năm liền kề``       –      –     yes         annual
``Trước ngày 05 của tháng liền kề``    –      –     yes         monthly
``Thường xuyên``                       –      –     yes         continuous
``Từ ngày ban hành Kế hoạch trở đi``   plan   –     yes         continuous
``100 ngày kể từ ngày ban hành …``     plan   plan  no          relative
``30`` in a "Số ngày" column           plan   plan  no          relative
``Theo Điều 17 Nghị định số …``        –      –     no          reference
``x`` / ``Đã hoàn thành`` (a status)   –      –     no          status
(empty)                                –      –     no          none
=====================================  =====  ====  ==========  ===========

``due_date`` is the calendar deadline where the text gives one: a date, the last
day of a month or quarter, or the plan's date plus the days of a relative
deadline. A relative deadline in an undated draft ("Số: /KH-UBND", "ngày
tháng năm 2026") has no calendar date: ``due_date`` is None and the years stay
empty. Anything else is kind ``other``: the years it names (if any) give start
and end, and the validation report lists it for a reader to check; so does a
status word typed into a date column, which is not a timeline.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from .names import name_key

_ROMAN_Q = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_YEAR = r"((?:19|20)\d\d)"
_DASH = r"\s*[-\u2010-\u2015\u2212]\s*|\s+đến\s+(?:năm\s+)?"
_BEFORE = r"(?:xong\s+trong\s+|hoàn\s+thành\s+trong\s+|trong\s+|trước\s+|hết\s+)?"
_FOLLOWING = re.compile(r"\s*,?\s*(?:và|&)?\s*(?:các|những)\s+năm\s+tiếp\s+theo\s*$", re.I)
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("year", re.compile(rf"^(?:năm\s+)?{_YEAR}$", re.I)),
    ("range", re.compile(rf"^(?:giai\s+đoạn\s+|từ\s+(?:năm\s+)?|năm\s+)?{_YEAR}(?:{_DASH}){_YEAR}$", re.I)),
    ("quarter", re.compile(
        rf"^{_BEFORE}quý\s+(i{{1,3}}|iv|[1-4])\s*(?:/|năm)\s*{_YEAR}$", re.I)),
    ("month", re.compile(rf"^{_BEFORE}tháng\s+(\d{{1,2}})\s*(?:/|năm)\s*{_YEAR}$", re.I)),
    ("date", re.compile(
        rf"^(?:trước\s+|hạn\s+|hoàn\s+thành\s+trước\s+)?(?:ngày\s+)?(\d{{1,2}})/(\d{{1,2}})/{_YEAR}$", re.I)),
]
_ANNUAL = {name_key(s) for s in ("Hằng năm", "Hàng năm", "Định kỳ hằng năm", "Định kỳ hàng năm")}
_CONTINUOUS = {name_key(s) for s in ("Thường xuyên", "Thường xuyên, liên tục", "Liên tục")}
_STATUS = {name_key(s) for s in ("x", "Đã hoàn thành", "Hoàn thành", "Đang thực hiện", "Chưa thực hiện",
                                 "Đang triển khai", "Chưa hoàn thành", "Đã thực hiện", "Xong")}
_RELATIVE = re.compile(
    r"^(?:trong\s+(?:vòng|thời hạn)\s+|trong\s+|sau\s+)?(\d{1,4})\s*ngày"
    r"(?:\s+(?:làm việc\s+)?(?:kể\s+)?từ\s+(?:ngày\s+)?(?:ban hành|ký|ký ban hành)\b.*)?$", re.I)
_FROM_ISSUE = re.compile(r"^(?:kể\s+)?từ\s+(?:ngày\s+)?(?:ban hành|ký)\b.*(?:trở đi|trở về sau)?$", re.I)
_NEXT = r"\s+(?:của\s+)?{unit}\s+(?:liền\s+kề|tiếp\s+theo|sau)\s*$"
_NEXT_YEAR = re.compile(r"ngày\s+\d{1,2}(?:/\d{1,2})?" + _NEXT.format(unit="năm"), re.I)
_NEXT_MONTH = re.compile(r"ngày\s+\d{1,2}" + _NEXT.format(unit="tháng"), re.I)
_REFERENCE = re.compile(
    r"^theo\s+(?:quy định|điều|khoản|nghị định|thông tư|quyết định|luật|kế hoạch)\b", re.I)


@dataclass(frozen=True)
class Timeline:
    """A timeline cell read into years."""

    raw: str
    start_year: int | None
    end_year: int | None
    open_ended: bool
    kind: str
    period: str | None = None  # "Q4", "M06", an ISO date or "+100d", for the finer forms
    due_date: str | None = None  # ISO date of the calendar deadline, where one follows from the text


def _last_day(year: int, month: int) -> str:
    return date(year, month, calendar.monthrange(year, month)[1]).isoformat()


@lru_cache(maxsize=4096)
def parse_timeline(raw: str, issued: date | None = None) -> Timeline:
    """Read one timeline cell; never raises, unknown forms are kind ``other``.

    ``issued`` is the plan's date, for deadlines relative to it ("100 ngày kể từ
    ngày ban hành Kế hoạch"); None for an undated draft.
    """
    text = re.sub(r"\s+", " ", raw).strip().rstrip(".;")
    if not text:
        return Timeline(raw, None, None, False, "none")
    if name_key(text) in _STATUS:
        return Timeline(raw, None, None, False, "status")
    if _REFERENCE.match(text):
        return Timeline(raw, None, None, False, "reference")
    relative = _RELATIVE.match(text)
    if relative:
        days = int(relative.group(1))
        if issued is None:
            return Timeline(raw, None, None, False, "relative", f"+{days}d")
        due = issued + timedelta(days=days)
        return Timeline(raw, issued.year, due.year, False, "relative", f"+{days}d", due.isoformat())
    if _FROM_ISSUE.match(text):
        year = issued.year if issued else None
        return Timeline(raw, year, None, True, "continuous")
    if _NEXT_YEAR.search(text):
        return Timeline(raw, None, None, True, "annual")
    if _NEXT_MONTH.search(text):
        return Timeline(raw, None, None, True, "monthly")
    open_ended = False
    following = _FOLLOWING.search(text)
    if following:
        open_ended = True
        text = text[: following.start()].strip()
    key = name_key(text)
    if key in _ANNUAL:
        return Timeline(raw, None, None, True, "annual")
    if key in _CONTINUOUS:
        return Timeline(raw, None, None, True, "continuous")
    for kind, pattern in _PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        if kind == "year":
            year = int(m.group(1))
            return Timeline(raw, year, year, open_ended, kind, None, None if open_ended else f"{year}-12-31")
        if kind == "range":
            start, end = int(m.group(1)), int(m.group(2))
            if end < start:
                break
            return Timeline(raw, start, end, open_ended, kind, None, None if open_ended else f"{end}-12-31")
        if kind == "quarter":
            year = int(m.group(2))
            quarter = _ROMAN_Q[m.group(1).lower()]
            return Timeline(raw, year, year, open_ended, kind, f"Q{quarter}", _last_day(year, quarter * 3))
        if kind == "month":
            month, year = int(m.group(1)), int(m.group(2))
            if not 1 <= month <= 12:
                break
            return Timeline(raw, year, year, open_ended, kind, f"M{month:02d}", _last_day(year, month))
        if kind == "date":
            day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
            try:
                due = date(year, month, day).isoformat()
            except ValueError:  # "31/2/2026" is not a calendar date: the reader checks it
                break
            return Timeline(raw, year, year, open_ended, kind, due, due)
    years = [int(y) for y in re.findall(_YEAR, text)]
    return Timeline(raw, min(years) if years else None, max(years) if years else None,
                    open_ended, "other")
