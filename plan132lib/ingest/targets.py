"""Numeric targets in task text.

A target is a percentage in a task's content ("100% các đô thị loại IV …",
"… đạt khoảng 70%", "… giảm tới thiểu 10% so với mức trung bình năm 2024").
For each percentage the sentence around it gives:

- ``indicator``: what is measured. When the number comes first ("có 100% các
  đô thị …") it is the phrase after the number; otherwise the phrase before the
  verb ("tỷ lệ nước thải … được thu gom, xử lý" before "đạt khoảng 70%"),
  cut at the last lead-in word (bảo đảm, phấn đấu, đến năm …).
- ``value``: the number; a change ("giảm"/"tăng" … "so với …") is signed, so
  "giảm 10%" is -10 and ``measure`` is ``change``; a level is ``level``.
- ``comparator``: at_least ("tối thiểu", "ít nhất", and the document's own
  typo "tới thiểu"), at_most, about ("khoảng"), or exact; ``qualifier_raw``
  keeps the words as written.
- ``target_year``: the year of "đến năm YYYY" in the same sentence;
  ``baseline_year``: the year of "so với … năm YYYY".

Phrasings are read as written: "không" before the verb turns the bound round ("không giảm
dưới 40%" is a level of at least 40); "giảm dưới 1%" names the level reached (at most 1), as
do "lên", "xuống" and "còn" ("giảm xuống còn 20%" is a level of 20); "tăng từ 30% lên 50%" is
one target, a level of 50 from a ``baseline_value`` of 30 (the 30 is no target of its own).

Only percentages are read; counts with units ("100 mô hình") are not targets
in this version and are left in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PERCENT = re.compile(r"(\d+(?:[.,]\d+)?)\s*%")
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=\S)")
_TARGET_YEAR = re.compile(r"(?:đến|tới|vào)\s+(?:hết\s+|cuối\s+)?năm\s+((?:19|20)\d\d)", re.I)
_BASELINE = re.compile(r"^\s*so\s+với\b[^.;]*?năm\s+((?:19|20)\d\d)", re.I)
_QUALIFIERS = {
    "tối thiểu": "at_least",
    "tới thiểu": "at_least",
    "ít nhất": "at_least",
    "trên": "at_least",
    "không dưới": "at_least",
    "từ": "at_least",
    "tối đa": "at_most",
    "dưới": "at_most",
    "không quá": "at_most",
    "khoảng": "about",
    "gần": "about",
    "xấp xỉ": "about",
}
_VERBS = {"giảm": -1, "tăng": 1, "đạt": 0, "là": 0, "bằng": 0}
_LEAD_INS = re.compile(
    r"(?:bảo đảm|đảm bảo|phấn đấu|phần đầu|mục tiêu|"
    r"(?:đến|tới|vào)\s+(?:hết\s+|cuối\s+)?năm\s+(?:19|20)\d\d\s*,?)\s*",
    re.I,
)
#: Words before the number that make it the level reached, not the size of a change.
_TO_LEVEL = re.compile(r"(?:^|\s)(?:(?:xuống|lên)(?:\s+(?:còn|mức|đến|tới|thành))?|còn)$", re.I)
_NOT = re.compile(r"(?:^|\s)không$", re.I)
_FLIPPED = {"at_least": "at_most", "at_most": "at_least"}
#: "từ 30% lên 50%": a number that is the baseline of the next.
_FROM_TO = re.compile(
    r"(?:^|(?<=\s))từ\s+(\d+(?:[.,]\d+)?)\s*%\s*(?:lên|xuống|đến|tới)(?:\s+(?:còn|mức))?\s+"
    r"(?=\d+(?:[.,]\d+)?\s*%)",
    re.I,
)
_OBJECT_INTRO = re.compile(r"(?:^|\s)(?:có|đạt|bảo đảm|đảm bảo)\s*$", re.I)
_OBJECT_END = re.compile(r",\s*(?:bảo đảm|đảm bảo|phấn đấu|trong đó|đồng thời)\b|[;.](?:\s|$)", re.I)
# How far either side of a number its sentence is read (the plan's longest sentence
# has ~330 characters); bounded so that a huge sentence full of numbers stays linear.
_CONTEXT = 1000


@dataclass(frozen=True)
class Target:
    """One numeric target found in a text."""

    indicator: str
    value: float
    unit: str
    measure: str
    comparator: str
    qualifier_raw: str
    baseline_year: int | None
    target_year: int | None
    text: str
    baseline_value: float | None = None  # "từ 30% lên 50%": 30


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def _strip_tail(before: str) -> tuple[str, str, int]:
    """Remove the verb and qualifier right before the number.

    Returns the remaining text, the qualifier as written, and the direction
    of the verb (-1 decrease, +1 increase, 0 level or none).
    """
    rest, qualifier, direction, _, _ = _read_tail(before)
    return rest, qualifier, direction


def _read_tail(before: str) -> tuple[str, str, int, bool, bool]:
    """:func:`_strip_tail`, and whether the number is the level reached ("xuống còn", "lên",
    "giảm dưới") and whether "không" denies the verb ("không giảm dưới")."""
    rest = before.rstrip()
    qualifier = ""
    direction = 0
    low = rest.casefold()
    for word in sorted(_QUALIFIERS, key=len, reverse=True):
        if low.endswith(" " + word) or low == word:
            qualifier = rest[len(rest) - len(word) :]
            rest = rest[: len(rest) - len(word)].rstrip()
            low = rest.casefold()
            break
    level = _TO_LEVEL.search(rest)
    if level:
        rest = rest[: level.start()].rstrip()
        low = rest.casefold()
    for verb, sign in _VERBS.items():
        if low.endswith(" " + verb) or low == verb:
            direction = sign
            rest = rest[: len(rest) - len(verb)].rstrip()
            low = rest.casefold()
            break
    negated = bool(direction and _NOT.search(rest))
    if negated:
        rest = rest[: _NOT.search(rest).start()].rstrip()  # type: ignore[union-attr]
    reached = bool(level) or (direction < 0 and qualifier.casefold() == "dưới")
    return rest, qualifier, direction, reached, negated


def _after_last_lead_in(text: str) -> str:
    matches = list(_LEAD_INS.finditer(text))
    tail = text[matches[-1].end() :] if matches else text
    return tail.strip(" ,;:")


def find_targets(text: str) -> list[Target]:
    """All percentage targets in a text, in the order written."""
    found = []
    for sentence in _sentences(text):
        # "từ 30% lên 50%": the 30 is the baseline of the 50, not a target
        baselines = {f.end(): f for f in _FROM_TO.finditer(sentence)}
        skipped = {f.start(1) for f in baselines.values()}
        for m in _PERCENT.finditer(sentence):
            if m.start() in skipped:
                continue
            value = float(m.group(1).replace(",", "."))
            lo, hi = max(0, m.start() - _CONTEXT), m.end() + _CONTEXT
            before, after = sentence[lo : m.start()], sentence[m.end() : hi]
            start = baselines.get(m.start())
            if start is not None:  # read what comes before "từ"; the phrase is the qualifier
                rest, _, direction, _, negated = _read_tail(sentence[lo : start.start()])
                qualifier, reached = sentence[start.start() : m.start()].strip(), True
                comparator = "exact"
            else:
                rest, qualifier, direction, reached, negated = _read_tail(before)
                comparator = _QUALIFIERS.get(qualifier.casefold(), "exact")
            if negated:  # "không giảm dưới 40%": the bound turned round, the words kept as written
                comparator = _FLIPPED.get(comparator, comparator)
                if start is None:
                    qualifier = before[len(rest) :].strip()
            if reached:
                direction = 0  # the level reached: "giảm xuống còn 20%", "không giảm dưới 40%"
            if _OBJECT_INTRO.search(before) and not qualifier and direction == 0 and not reached:
                end = _OBJECT_END.search(after)
                indicator = after[: end.start()] if end else after
                indicator = indicator.strip(" ,;:.")
            else:
                indicator = _after_last_lead_in(rest)
            years = [int(y.group(1)) for y in _TARGET_YEAR.finditer(before)]
            if not years:
                years = [int(y.group(1)) for y in _TARGET_YEAR.finditer(sentence[lo:hi])]
            baseline = _BASELINE.match(after)
            measure = "change" if direction != 0 else "level"
            found.append(
                Target(
                    indicator=indicator,
                    value=value * direction if direction else value,
                    unit="%",
                    measure=measure,
                    comparator=comparator,
                    qualifier_raw=qualifier,
                    baseline_year=int(baseline.group(1)) if baseline else None,
                    target_year=years[-1] if years else None,
                    text=sentence,
                    baseline_value=float(start.group(1).replace(",", ".")) if start is not None else None,
                )
            )
    return found


# ---------------------------------------------------------------- measures of the body's objectives

#: A numeric target of an objective: a percentage (a :class:`Target` as :func:`find_targets` reads
#: it), a count ("có ít nhất 05 mô hình": unit the counted noun, measure ``count``) or a date
#: ("trong quý I năm 2026": unit and measure ``date``, the value the year, the phrase as written in
#: ``qualifier_raw``).
Measure = Target

_COUNT = re.compile(
    r"(?:^|(?<=\s))(?:(?P<verb>có|đạt|thêm|giảm|tăng|bình quân)\s+)?"
    r"(?:(?P<q>tối thiểu|ít nhất|trên|dưới|khoảng|tối đa|không quá|từ)\s+)?"
    r"(?P<n>\d{1,3}(?:[.,]\d{3})*|\d+)(?![\d/.,%-])\s+"
    r"(?P<unit>(?!năm\b|tháng\b|ngày\b|quý\b|giờ\b|lần\b)[^\W\d_]+(?:\s+[^\W\d_]+)?)",
    re.I,
)
_DATE = re.compile(
    r"(?P<q>(?:(?:hoàn thành|chậm nhất|trước|trong|vào|đến|tới|từ)\s+)*)"
    r"(?P<when>quý\s+(?:I{1,3}|IV)\s+năm\s+(?P<y1>(?:19|20)\d\d)|"
    r"ngày\s+\d{1,2}\s*/\s*\d{1,2}\s*/\s*(?P<y2>(?:19|20)\d\d)|"
    r"tháng\s+\d{1,2}\s*(?:/|năm)\s*(?P<y3>(?:19|20)\d\d))",
    re.I,
)

_CITED = re.compile(r"(?:\bsố\s+\S+|\d+/[\w.-]*[A-ZĐ][\w.-]*)\s*$")


def _phrase_after(sentence: str, at: int) -> str:
    """The phrase after a number, to the end of its clause ("100% văn bản được ký số")."""
    after = sentence[at:]
    end = _OBJECT_END.search(after)
    return (after[: end.start()] if end else after).strip(" ,;:.")


def _indicator(sentence: str, start: int, end: int) -> str:
    """What a number measures: the phrase before its verb, else (a number that opens the sentence)
    the phrase after it."""
    rest = _read_tail(sentence[:start])[0]
    before = _after_last_lead_in(rest)
    if len(before.split()) > 1:
        return before
    return _phrase_after(sentence, end)


def find_measures(text: str) -> list[Measure]:
    """The numeric targets of an objective, in the order written: percentages (:func:`find_targets`,
    an indicator the sentence leaves empty read from its other side), counts and dates."""
    found: list[tuple[int, Measure]] = []
    for sentence in _sentences(text):
        offset = text.find(sentence)
        taken: list[tuple[int, int]] = []
        for t in find_targets(sentence):
            number = re.escape(f"{abs(t.value):g}").replace(r"\.", "[.,]")
            m = re.search(r"(?<![\d.,])" + number + r"\s*%", sentence)
            at = m.start() if m else 0
            if m:
                taken.append((m.start(), m.end()))
            indicator = (
                t.indicator
                if len(t.indicator.split()) > 1
                else (_indicator(sentence, m.start(), m.end()) if m else t.indicator)
            )
            found.append(
                (
                    offset + at,
                    Target(
                        indicator,
                        t.value,
                        t.unit,
                        t.measure,
                        t.comparator,
                        t.qualifier_raw,
                        t.baseline_year,
                        t.target_year,
                        t.text,
                        t.baseline_value,
                    ),
                )
            )
        for m in _DATE.finditer(sentence):
            if _CITED.search(sentence[: m.start()]):
                continue  # the date of a document cited ("Quyết định số 12/QĐ-UBND ngày 5/3/2026")
            year = int(m.group("y1") or m.group("y2") or m.group("y3"))
            taken.append((m.start(), m.end()))
            phrase = (m.group("q") + m.group("when")).strip()
            found.append(
                (
                    offset + m.start(),
                    Target(
                        _indicator(sentence, m.start(), m.end()),
                        float(year),
                        "date",
                        "date",
                        "exact",
                        phrase,
                        None,
                        year,
                        sentence,
                    ),
                )
            )
        for m in _COUNT.finditer(sentence):
            if any(a <= m.start("n") < b for a, b in taken) or not (
                m.group("verb") or m.group("q") or m.start() == 0
            ):
                continue
            q = m.group("q") or ""
            value = float(m.group("n").replace(".", "").replace(",", ""))
            found.append(
                (
                    offset + m.start(),
                    Target(
                        _indicator(sentence, m.start(), m.end("n")),
                        value,
                        m.group("unit"),
                        "count",
                        _QUALIFIERS.get(q.casefold(), "exact"),
                        q,
                        None,
                        None,
                        sentence,
                    ),
                )
            )
    return [t for _, t in sorted(found, key=lambda f: f[0])]
