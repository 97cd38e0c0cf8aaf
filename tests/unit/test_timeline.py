"""Reading the "Tiến độ" (timeline) cell of the appendix."""

from __future__ import annotations

import pytest

from plan132lib import Timeline, parse_timeline

# raw text -> (start_year, end_year, open_ended)
YEARS = [
    ("2026", (2026, 2026, False)),
    ("Năm 2027", (2027, 2027, False)),
    ("năm 2027", (2027, 2027, False)),
    ("2026 - 2030", (2026, 2030, False)),
    ("2026-2030", (2026, 2030, False)),
    ("2026–2030", (2026, 2030, False)),  # en dash
    ("2026 – 2030", (2026, 2030, False)),  # en dash with spaces
    ("2026 - 2030 và các năm tiếp theo", (2026, 2030, True)),
    ("2026 và các năm tiếp theo", (2026, 2026, True)),
    ("Quý IV/2026", (2026, 2026, False)),
    ("Tháng 6/2026", (2026, 2026, False)),
    ("Hằng năm", (None, None, True)),
    ("Hàng năm", (None, None, True)),
    ("Thường xuyên", (None, None, True)),
    ("", (None, None, False)),
]


@pytest.mark.parametrize(("raw", "expected"), YEARS)
def test_years_and_open_ended(raw, expected):
    t = parse_timeline(raw)
    assert (t.start_year, t.end_year, t.open_ended) == expected


@pytest.mark.parametrize(("raw", "kind"), [
    ("2026", "year"),
    ("Năm 2027", "year"),
    ("2026 - 2030", "range"),
    ("2026–2030", "range"),
    ("2026 - 2030 và các năm tiếp theo", "range"),
    ("2026 và các năm tiếp theo", "year"),
    ("Quý IV/2026", "quarter"),
    ("Tháng 6/2026", "month"),
    ("Hằng năm", "annual"),
    ("Thường xuyên", "continuous"),
    ("", "none"),
])
def test_kind(raw, kind):
    assert parse_timeline(raw).kind == kind


@pytest.mark.parametrize(("raw", "period"), [
    ("Quý IV/2026", "Q4"),
    ("Quý 4/2026", "Q4"),
    ("Quý I/2027", "Q1"),
    ("Tháng 6/2026", "M06"),
    ("Tháng 12/2026", "M12"),
    ("2026", None),
    ("2026 - 2030", None),
])
def test_period(raw, period):
    assert parse_timeline(raw).period == period


def test_empty_cell():
    assert parse_timeline("") == Timeline("", None, None, False, "none", None)


@pytest.mark.parametrize("raw", [raw for raw, _ in YEARS] + [
    "  2026 - 2030  ",
    "2026 - 2030 và các năm tiếp theo.",
    "Giai đoạn 2026–2030",
    "một cách nào đó",
])
def test_raw_is_kept_unchanged(raw):
    assert parse_timeline(raw).raw == raw
