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
``Thường xuyên``                       –      –     yes         continuous
(empty)                                –      –     no          none
=====================================  =====  ====  ==========  ===========

Anything else is kind ``other``: the years it names (if any) give start and
end, and the validation report lists it for a reader to check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .names import name_key

_ROMAN_Q = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_YEAR = r"((?:19|20)\d\d)"
_DASH = r"\s*[-\u2010-\u2015\u2212]\s*|\s+đến\s+(?:năm\s+)?"
_FOLLOWING = re.compile(r"\s*,?\s*(?:và|&)?\s*(?:các|những)\s+năm\s+tiếp\s+theo\s*$", re.I)
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("year", re.compile(rf"^(?:năm\s+)?{_YEAR}$", re.I)),
    ("range", re.compile(rf"^(?:giai\s+đoạn\s+|từ\s+(?:năm\s+)?|năm\s+)?{_YEAR}(?:{_DASH}){_YEAR}$", re.I)),
    ("quarter", re.compile(
        rf"^(?:trong\s+|trước\s+|hết\s+)?quý\s+(i{{1,3}}|iv|[1-4])\s*(?:/|năm)\s*{_YEAR}$", re.I)),
    ("month", re.compile(rf"^(?:trong\s+|trước\s+|hết\s+)?tháng\s+(\d{{1,2}})\s*(?:/|năm)\s*{_YEAR}$", re.I)),
    ("date", re.compile(
        rf"^(?:trước\s+|hạn\s+|hoàn\s+thành\s+trước\s+)?(?:ngày\s+)?(\d{{1,2}})/(\d{{1,2}})/{_YEAR}$", re.I)),
]
_ANNUAL = {name_key(s) for s in ("Hằng năm", "Hàng năm", "Định kỳ hằng năm", "Định kỳ hàng năm")}
_CONTINUOUS = {name_key(s) for s in ("Thường xuyên", "Thường xuyên, liên tục", "Liên tục")}


@dataclass(frozen=True)
class Timeline:
    """A timeline cell read into years."""

    raw: str
    start_year: int | None
    end_year: int | None
    open_ended: bool
    kind: str
    period: str | None = None  # "Q4", "M06" or an ISO date, for the finer forms


@lru_cache(maxsize=4096)
def parse_timeline(raw: str) -> Timeline:
    """Read one timeline cell; never raises, unknown forms are kind ``other``."""
    text = re.sub(r"\s+", " ", raw).strip().rstrip(".;")
    if not text:
        return Timeline(raw, None, None, False, "none")
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
            return Timeline(raw, year, year, open_ended, kind)
        if kind == "range":
            start, end = int(m.group(1)), int(m.group(2))
            if end < start:
                break
            return Timeline(raw, start, end, open_ended, kind)
        if kind == "quarter":
            year = int(m.group(2))
            return Timeline(raw, year, year, open_ended, kind, f"Q{_ROMAN_Q[m.group(1).lower()]}")
        if kind == "month":
            month, year = int(m.group(1)), int(m.group(2))
            if not 1 <= month <= 12:
                break
            return Timeline(raw, year, year, open_ended, kind, f"M{month:02d}")
        if kind == "date":
            day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if not (1 <= month <= 12 and 1 <= day <= 31):
                break
            return Timeline(raw, year, year, open_ended, kind, f"{year:04d}-{month:02d}-{day:02d}")
    years = [int(y) for y in re.findall(_YEAR, text)]
    return Timeline(raw, min(years) if years else None, max(years) if years else None,
                    open_ended, "other")
