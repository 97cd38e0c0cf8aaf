"""Reading the "Tiến độ" (timeline) cell, and the years the plan itself covers.

The raw text is always kept. ``end_year`` is the last year the task runs and
``open_ended`` says whether the work goes on after it. Open-ended forms
("Thường xuyên", "Hằng năm", "Định kỳ hằng tháng") take the plan's own period
(:func:`plan_period`): in a plan for "năm 2026" they run 2026–2026, in one for
"giai đoạn 2026–2030" 2026–2030, and they are open-ended only when the plan
names no end.

Forms read (case and spacing free, any dash; *P* is the plan's period where its title names
one, else no years: the analyses then place the task from the plan's date):

==============================================  ==========  ===========  ===========
text                                            years       due          kind
==============================================  ==========  ===========  ===========
``2026`` / ``Năm 2027`` / ``Trong năm 2026``    2026–2026   2026-12-31   year
``2026 - 2030`` / ``Giai đoạn 2026–2030``       2026–2030   2030-12-31   range
``… và các năm tiếp theo``                      (as above), open-ended, no due
``Quý IV/2026`` / ``Xong trong Quý II/2026``    2026–2026   last day     quarter
``Tháng 6/2026`` / ``Xong trong tháng 5/2026``  2026–2026   last day     month
``30/8/2026`` / ``trước ngày 01/01/2030``       2026 / 2029 the day (*)     date
``Ban hành … trong tháng 01/2026 và tổ chức     2026–end P  2026-01-31   month
thực hiện`` (a compound deadline)
``Hằng năm`` / ``Trước ngày 31/01 năm liền kề``  P           –            annual
``Định kỳ hằng tháng`` / ``Trước ngày 05 của    P           –            monthly
tháng liền kề`` / ``Thường xuyên trong tháng``
``Thường xuyên (trong năm)`` / ``Liên tục``     P           –            continuous
``100 ngày kể từ ngày ban hành Kế hoạch``       plan date   date + 100   relative
``Sau 03 tháng kể từ khi có văn bản …``         –           –            relative
``Từ ngày ban hành Kế hoạch trở đi``            plan date–  –            relative (open-ended)
``Theo Điều 17 Nghị định số …`` /              –           –            reference
``Theo hướng dẫn của Trung ương``
``Theo Kế hoạch … năm 2026 …``                  2026–2026   –            reference
``x`` / ``Đã hoàn thành`` (a status)            –           –            status
(empty)                                         –           –            none
==============================================  ==========  ===========  ===========

(*) "trước" a month's first day, or before a month, quarter or year, is the day before it.

A compound deadline takes its form and due date from its dated step; when a step
with no date of its own follows ("… và tổ chức thực hiện"), the span runs through
the plan's period. Several deadlines in one cell ("… tháng 01/2026, … tháng
6/2026 …", or two rows of a merged task) leave ``due_date`` empty. Years inside a
cited document's number or date ("Quyết định số 1441/QĐ-UBND ngày 25/9/2025")
are never the task's; a reference keeps only the years of the plan's period it
names ("Theo Kế hoạch … năm 2026"). A deadline relative to an event ("kể từ khi
có văn bản của Trung ương") has no calendar date; one relative to the plan's
issue has one only where the plan is dated. Anything else is kind ``other``
(unread): the years it names give start and end, and the validation report,
the timeline chart and the brief say how many such tasks there are.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from .names import name_key

#: Kinds with a calendar year of their own, and the recurring ones that take the plan's period.
DATED = ("date", "month", "quarter", "year", "range")
RECURRING = ("monthly", "annual", "continuous")
#: Kinds that say nothing the kit could read as a time: counted as "could not be read".
UNREAD = ("other",)

_ROMAN_Q = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_Y = r"(?:19|20)\d\d"
_YEAR = rf"({_Y})"
_DASH = r"\s*[-\u2010-\u2015\u2212]\s*|\s+đến\s+(?:hết\s+)?(?:năm\s+)?"
_FOLLOWING = re.compile(r"\s*,?\s*(?:và|&)?\s*(?:các|những)\s+năm\s+tiếp\s+theo\s*$", re.I)
_STATUS = {
    name_key(s)
    for s in (
        "x",
        "Đã hoàn thành",
        "Hoàn thành",
        "Đang thực hiện",
        "Chưa thực hiện",
        "Đang triển khai",
        "Chưa hoàn thành",
        "Đã thực hiện",
        "Xong",
    )
}
_REFERENCE = re.compile(r"^(?:(?:thực\s+hiện|triển\s+khai|tổ\s+chức\s+thực\s+hiện)\s+)?theo\b", re.I)
# "100 ngày", "Trong vòng 30 ngày kể từ ngày ký", "Sau 03 tháng kể từ khi có văn bản …"
_RELATIVE = re.compile(
    r"(?:^|\b(?:trong\s+(?:vòng|thời\s+hạn)|trong|sau|chậm\s+nhất(?:\s+là)?(?:\s+sau)?)\s+)"
    r"(\d{1,4})\s*(ngày|tháng|tuần)(\s+làm\s+việc)?"
    r"(?:\s*,?\s*(?:kể\s+)?(?:từ|sau)\s+(?P<anchor>[^;]*))?$",
    re.I,
)
# the plan's own issue as the anchor: "ngày ban hành Kế hoạch", "ngày ký", "khi ban hành kế hoạch này"
_PLAN_ISSUE = re.compile(
    r"^(?:ngày\s+|khi\s+)?(?:ký\s+)?(?:ban\s+hành|ký)(?:\s+(?:kế\s+hoạch|kh)(?:\s+này)?)?\s*(?:trở\s+đi)?$",
    re.I,
)
_FROM_ISSUE = re.compile(r"^(?:kể\s+)?từ\s+(?:ngày\s+|khi\s+)?(?:ký\s+)?(?:ban\s+hành|ký)\b.*$", re.I)
_MONTHLY = re.compile(
    r"\b(?:hằng|hàng|mỗi)\s+tháng\b|\btháng\s+(?:liền\s+kề|tiếp\s+theo|sau)\b"
    r"|\btrong\s+tháng\b(?!\s+\d)",
    re.I,
)
_ANNUAL = re.compile(r"\b(?:hằng|hàng|mỗi)\s+năm\b|\bnăm\s+(?:liền\s+kề|tiếp\s+theo|sau)\b", re.I)
_CONTINUOUS = re.compile(
    r"\bthường\s+xuyên\b|\bliên\s+tục\b|\b(?:hằng|hàng|mỗi)\s+(?:ngày|tuần|quý)\b"
    r"|\bđịnh\s+kỳ\s+(?:\d+\s+tháng|quý)\b",
    re.I,
)
# a step with no date of its own after the last dated one: "… và tổ chức thực hiện"
_GOES_ON = re.compile(r"\b(?:tổ\s+chức|triển\s+khai|thực\s+hiện|duy\s+trì|tiếp\s+tục)\b", re.I)
# a cited document's number, with the date it bears: never a year of the task
_DATE_TEXT = rf"\d{{1,2}}\s*(?:/|-|\.|\s+tháng\s+)\s*\d{{1,2}}\s*(?:/|-|\.|\s+năm\s+)\s*{_Y}"
_CITATION = re.compile(
    rf"(?:(?i:số)\s*:?\s*)?(?<![\w/])\d+[a-zA-Z]?/(?:{_Y}/)?[A-ZĐ][\w.-]*"
    rf"(?:\s*,?\s*(?i:ngày)\s+{_DATE_TEXT})?"
)
_STEPS: list[tuple[str, re.Pattern[str]]] = [
    ("date", re.compile(rf"(?<![\d/])(\d{{1,2}})\s*([/.-])\s*(\d{{1,2}})\s*\2\s*{_YEAR}(?!\d)")),
    ("date", re.compile(rf"\bngày\s+(\d{{1,2}})\s+(tháng)\s+(\d{{1,2}})\s+năm\s+{_YEAR}", re.I)),
    ("quarter", re.compile(rf"\bquý\s+(iv|i{{1,3}}|[1-4])\s*(?:/|,?\s*năm)\s*{_YEAR}", re.I)),
    ("month", re.compile(rf"\btháng\s+(\d{{1,2}})\s*(?:/|,?\s*năm)\s*{_YEAR}", re.I)),
    # "11/2027": a month, as Excel shows a date cell formatted mm/yyyy
    ("month", re.compile(rf"(?<![\d/.])(\d{{1,2}})\s*/\s*{_YEAR}(?![\d/])")),
    ("half", re.compile(rf"\b(?:6|sáu)\s+tháng\s+(đầu|cuối)\s+năm\s+{_YEAR}", re.I)),
    (
        "range",
        re.compile(
            rf"(?:\bgiai\s+đoạn\s+|\btừ\s+(?:năm\s+)?|\bnăm\s+)?(?<!\d){_YEAR}(?:{_DASH}){_YEAR}(?!\d)", re.I
        ),
    ),
    ("year", re.compile(rf"(?:\bnăm\s+|^){_YEAR}(?!\d)", re.I)),
]
_UNITS = {"ngày": "d", "tháng": "m", "tuần": "w"}
_BEFORE = re.compile(r"\btrước\s+(?:ngày\s+)?$", re.I)
_FROM = re.compile(r"\btừ\s+(?:ngày\s+)?$", re.I)
_BY = re.compile(r"(?:^|\s)đến\s+(?:hết\s+)?$", re.I)
_TO = re.compile(r"\s*(?:[-\u2010-\u2015\u2212]|đến(?:\s+hết)?)\s*", re.I)  # "tháng 6/2026 - tháng 12/2026"
# after an event: "Khi có yêu cầu", "Sau khi Nghị định có hiệu lực", "Ngay sau khi Kế hoạch được ban hành"
_EVENT = re.compile(r"^(?:ngay\s+)?(?:sau\s+)?khi\b", re.I)
_RANK = {
    "monthly": 0,
    "annual": 1,
    "continuous": 2,
    "relative": 3,
    "reference": 4,
    "status": 5,
    "other": 6,
    "none": 7,
}


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


@dataclass(frozen=True)
class PlanPeriod:
    """The years a plan covers: ``end`` None when the plan names no end (its work goes on).

    ``named`` says whether the plan's own title names it ("năm 2026", "giai đoạn 2026–2030");
    otherwise it runs from the plan's date (or a draft's year) onward.
    """

    start: int | None
    end: int | None
    named: bool = False

    def years(self) -> tuple[int | None, int | None, bool]:
        """(start, end, open_ended) for a recurring task of the plan: the period's years where
        the plan names its period, else none (the table says what the plan says; the analyses
        place such a task from the plan's date, :func:`.workload.recurring_years`)."""
        return (self.start, self.end, self.end is None) if self.named else (None, None, True)


NO_PERIOD = PlanPeriod(None, None)


@dataclass(frozen=True)
class _Step:
    """One dated step of a cell: its kind, the years it spans and its deadline (None for the
    opening step of "từ … đến …")."""

    kind: str
    start: int
    end: int
    due: str | None
    period: str | None
    at: int  # where the step ends in the cell
    begin: int = 0  # where it begins
    by: bool = False  # "Đến năm 2030": the work runs from the plan's start up to it


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _blank(text: str, pattern: re.Pattern[str]) -> str:
    """``text`` with every match of ``pattern`` blanked out (positions kept)."""
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def _steps(text: str) -> list[_Step]:
    """The dated steps of a cell, in order, citations left out."""
    masked = _blank(text, _CITATION)
    found: list[_Step] = []
    for kind, pattern in _STEPS:
        for m in pattern.finditer(masked):
            step = _step(kind, m, masked[: m.start()])
            if step is not None:
                found.append(replace(step, begin=m.start()))
                masked = masked[: m.start()] + " " * (m.end() - m.start()) + masked[m.end() :]
    found.sort(key=lambda s: s.at)
    clean = _blank(text, _CITATION)
    for i in range(len(found) - 1):  # "A - B", "A đến B": A opens the span, B is the deadline
        if _TO.fullmatch(clean[found[i].at : found[i + 1].begin]):
            found[i] = replace(found[i], due=None)
    return found


def _step(kind: str, m: re.Match[str], before: str) -> _Step | None:
    """A step from a match, or None when it is no calendar time (31/2/2026, month 13)."""
    opening = bool(_FROM.search(before))
    prior = bool(_BEFORE.search(before))
    try:
        if kind == "date":
            first = date(int(m.group(4)), int(m.group(3)), int(m.group(1)))
            due = first - timedelta(days=1) if prior and first.day == 1 else first
            code = first.isoformat()
        elif kind == "quarter":
            quarter, year = _ROMAN_Q[m.group(1).lower()], int(m.group(2))
            first, due = date(year, quarter * 3 - 2, 1), _last_day(year, quarter * 3)
            code = f"Q{quarter}"
        elif kind in ("month", "half"):
            if kind == "half":  # "6 tháng đầu năm 2026": by the end of June
                month, year = (6 if m.group(1).lower() == "đầu" else 12), int(m.group(2))
                first, kind = date(year, month - 5, 1), "month"
            else:
                month, year = int(m.group(1)), int(m.group(2))
                first = date(year, month, 1)
            due, code = _last_day(year, month), f"M{month:02d}"
        elif kind == "range":
            start, end = int(m.group(1)), int(m.group(2))
            if end < start:
                return None
            return _Step(kind, start, end, None if opening else f"{end}-12-31", None, m.end())
        else:
            year = int(m.group(1))
            first, due, code = date(year, 1, 1), date(year, 12, 31), None
            if _BY.search(before):
                return _Step(kind, year, year, due.isoformat(), code, m.end(), by=True)
    except ValueError:
        return None
    if prior and kind != "date":
        due = first - timedelta(days=1)
    return _Step(
        kind, due.year if prior else first.year, due.year, None if opening else due.isoformat(), code, m.end()
    )


def _from_steps(
    raw: str, steps: list[_Step], *, goes_on: bool, following: bool, recurring: str | None, period: PlanPeriod
) -> Timeline:
    """A timeline from a cell's dated steps: form and due date from the deadline(s), the span
    through the plan's period when work goes on after them."""
    start, end = min(s.start for s in steps), max(s.end for s in steps)
    if any(s.by for s in steps) and period.start is not None:  # "Đến năm 2030": from the plan's start
        start = min(start, period.start)
    if recurring and all(s.kind in ("year", "range") for s in steps):  # "Hằng năm, giai đoạn 2026–2030"
        return Timeline(raw, start, end, following, recurring)
    deadlines = [s for s in steps if s.due] or steps
    goes_on = goes_on or not any(s.due for s in steps)  # "Từ năm 2026": no end of its own
    dues = sorted({s.due for s in deadlines if s.due})
    due = dues[0] if len(dues) == 1 and not following else None
    code = next((s.period for s in deadlines if s.due == due), None) if due else None
    open_ended = following
    if goes_on:
        if period.named and period.end is not None:
            end = max(end, period.end)
        else:
            open_ended = True
    return Timeline(raw, start, end, open_ended, deadlines[0].kind, code, due)


def _named_years(text: str, period: PlanPeriod) -> tuple[int | None, int | None]:
    """The years of the plan's period that a cell names as its own span ("năm 2026")."""
    years = [
        (s.start, s.end)
        for s in _steps(text)
        if s.kind in ("year", "range")
        and (period.start is None or s.start >= period.start)
        and (period.end is None or s.end <= period.end)
    ]
    if not years:
        return None, None
    return min(y for y, _ in years), max(y for _, y in years)


def _relative(text: str, issued: date | None, dated: bool) -> Timeline | None:
    """A deadline counted from the plan's issue or from an event, or None."""
    raw = text
    m = _RELATIVE.search(text)
    if not m and not dated and _FROM_ISSUE.match(text):  # "Từ ngày ban hành Kế hoạch trở đi"
        return Timeline(raw, issued.year if issued else None, None, True, "relative")
    if not m:
        return None
    n, unit, anchor = int(m.group(1)), m.group(2).lower(), (m.group("anchor") or "").strip(" .,")
    code = f"+{n}{_UNITS[unit]}"
    if (anchor and not _PLAN_ISSUE.match(anchor)) or issued is None:
        return Timeline(raw, None, None, False, "relative", code)
    due = (
        _add_months(issued, n)
        if unit == "tháng"
        else issued + timedelta(days=n * (7 if unit == "tuần" else 1))
    )
    return Timeline(raw, issued.year, due.year, False, "relative", code, due.isoformat())


def _read_part(text: str, issued: date | None, period: PlanPeriod) -> tuple[Timeline, list[_Step], bool]:
    """One paragraph (or ";"-separated part) of a cell: its reading, its dated steps and whether
    work goes on after the last of them."""
    if not text:
        return Timeline(text, None, None, False, "none"), [], False
    if name_key(text) in _STATUS:
        return Timeline(text, None, None, False, "status"), [], False
    if _REFERENCE.match(text):
        start, end = _named_years(text, period)
        return Timeline(text, start, end, False, "reference"), [], False
    following = _FOLLOWING.search(text)
    body = text[: following.start()].strip() if following else text
    steps = _steps(body)
    relative = _relative(text, issued, bool(steps))
    if relative is not None:
        return relative, [], False
    recurring = next(
        (
            kind
            for kind, pattern in (("monthly", _MONTHLY), ("annual", _ANNUAL), ("continuous", _CONTINUOUS))
            if pattern.search(body)
        ),
        None,
    )
    if steps:
        goes_on = bool(_GOES_ON.search(_blank(body, _CITATION)[steps[-1].at :]))
        return (
            _from_steps(
                text, steps, goes_on=goes_on, following=bool(following), recurring=recurring, period=period
            ),
            steps,
            goes_on,
        )
    if _EVENT.match(text) and not recurring:
        return Timeline(text, None, None, False, "relative"), [], False
    if recurring or following:
        start, end, open_ended = period.years()
        return Timeline(text, start, end, open_ended or bool(following), recurring or "continuous"), [], False
    years = [int(y) for y in re.findall(rf"(?<!\d){_YEAR}(?!\d)", _blank(text, _CITATION))]
    start, end = (min(years), max(years)) if years else (None, None)
    return Timeline(text, start, end, False, "other"), [], False


def _parts(raw: str) -> list[str]:
    """The cell's paragraphs and ";"-separated parts, spaces collapsed, identical ones once."""
    parts = []
    for piece in re.split(r"[\n;]", raw):
        text = re.sub(r"\s+", " ", piece).strip().rstrip(".,;:").strip()
        if text and text not in parts:
            parts.append(text)
    return parts


@lru_cache(maxsize=4096)
def parse_timeline(raw: str, issued: date | None = None, period: PlanPeriod | None = None) -> Timeline:
    """Read one timeline cell; never raises, unknown forms are kind ``other``.

    ``issued`` is the plan's date, for deadlines relative to it ("100 ngày kể từ
    ngày ban hành Kế hoạch"); None for an undated draft. ``period`` is the plan's
    own period (:func:`plan_period`), which recurring forms take; without one they
    have no years.
    """
    period = period or NO_PERIOD
    parts = _parts(raw)
    if len(parts) <= 1:
        return replace(_read_part(parts[0] if parts else "", issued, period)[0], raw=raw)
    readings = [_read_part(p, issued, period) for p in parts]
    steps = [s for _, found, _ in readings for s in found]
    if steps:  # the dated steps of every part, as one compound deadline
        recurring = next((t.kind for t, _, _ in readings if t.kind in RECURRING), None)
        return _from_steps(
            raw,
            steps,
            goes_on=any(on for _, _, on in readings) or recurring is not None,
            following=any(_FOLLOWING.search(p) for p in parts),
            recurring=recurring,
            period=period,
        )
    best = min((t for t, _, _ in readings), key=lambda t: _RANK.get(t.kind, len(_RANK)))
    return replace(best, raw=raw)


# ---------------------------------------------------------------------------------- the plan's period

_PERIOD_RANGE = re.compile(rf"(?<!\d){_YEAR}(?:{_DASH}){_YEAR}(?!\d)", re.I)
_PERIOD_UNTIL = re.compile(rf"\bđến\s+(?:hết\s+)?năm\s+{_YEAR}", re.I)
_PERIOD_YEAR = re.compile(rf"\bnăm\s+{_YEAR}(?!\d)", re.I)
_PERIOD_CUT = re.compile(r"\b(?:tầm\s+nhìn|định\s+hướng)\b", re.I)


def _named_period(text: str) -> tuple[int | None, int] | None:
    """The period a title names ("năm 2026", "giai đoạn 2026–2030", "đến năm 2030"), or None.
    Years of cited documents and what follows "tầm nhìn" / "định hướng" do not count."""
    text = _blank(re.sub(r"\s+", " ", text), _CITATION)
    cut = _PERIOD_CUT.search(text)
    text = text[: cut.start()] if cut else text
    spans: list[tuple[int | None, int]] = []
    for pattern in (_PERIOD_RANGE, _PERIOD_UNTIL, _PERIOD_YEAR):
        for m in pattern.finditer(text):
            years = [int(y) for y in m.groups()]
            if pattern is _PERIOD_RANGE and years[1] < years[0]:
                continue
            spans.append((years[0] if pattern is not _PERIOD_UNTIL else None, years[-1]))
        text = _blank(text, pattern)
    if not spans:
        return None
    starts = [s for s, _ in spans if s is not None]
    return (min(starts) if starts else None), max(e for _, e in spans)


def plan_period(meta: Mapping[str, str | None]) -> PlanPeriod:
    """The years a plan covers, from its meta (first value of each field).

    The title names it ("… năm 2026", "… giai đoạn 2026–2030", "… đến năm 2030"; else the
    appendix's title). A plan whose titles name none runs from its date's year (a draft's: the
    year its date line gives) onward, with no end: ``PlanPeriod(2026, None)``; such a period is
    not ``named`` and gives a recurring task no years in the plan's tables (the analyses still
    place it from that year). An undated plan naming no period has none.
    """
    issued = meta.get("date") or ""
    drafted = re.findall(_YEAR, meta.get("date_raw") or "")
    base = int(issued[:4]) if issued[:4].isdigit() else int(drafted[-1]) if drafted else None
    for field in ("title", "appendix_title"):
        named = _named_period(meta.get(field) or "")
        if named is not None:
            start, end = named
            if start is None:
                start = base if base is not None and base <= end else end
            return PlanPeriod(start, end, True)
    return PlanPeriod(base, None)
