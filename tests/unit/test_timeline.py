"""Reading the "Tiến độ" (timeline) cell of the appendix."""

from __future__ import annotations

from datetime import date

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


# ----------------------------------------------------- forms of other provinces' plans (issue 12)

ISSUED = date(2026, 5, 5)


@pytest.mark.parametrize(("raw", "kind", "due", "open_ended"), [
    ("30/8/2026", "date", "2026-08-30", False),
    ("Tháng 12/2026", "month", "2026-12-31", False),
    ("Xong trong Quý II/2026", "quarter", "2026-06-30", False),
    ("Năm 2027", "year", "2027-12-31", False),
    ("100 ngày kể từ ngày ban hành Kế hoạch", "relative", "2026-08-13", False),
    ("Trong vòng 30 ngày kể từ ngày ký", "relative", "2026-06-04", False),
    ("Từ ngày ban hành Kế hoạch trở đi", "continuous", None, True),
    ("Trước ngày 31/01 năm liền kề", "annual", None, True),
    ("Trước ngày 05 của tháng liền kề", "monthly", None, True),
    ("Theo Điều 17 Nghị định số 08/2022/NĐ-CP", "reference", None, False),
])
def test_deadlines_of_other_plans(raw, kind, due, open_ended):
    t = parse_timeline(raw, ISSUED)
    assert (t.kind, t.due_date, t.open_ended) == (kind, due, open_ended)


def test_a_legal_reference_names_no_year_of_work():
    t = parse_timeline("Theo Điều 17 Nghị định số 08/2022/NĐ-CP", ISSUED)
    assert (t.start_year, t.end_year) == (None, None)  # 2022 is the decree's year, not the task's


def test_a_relative_deadline_in_an_undated_draft_has_no_calendar_date():
    t = parse_timeline("100 ngày kể từ ngày ban hành Kế hoạch")
    assert (t.kind, t.period, t.due_date, t.start_year) == ("relative", "+100d", None, None)


@pytest.mark.parametrize("raw", ["x", "X", "Đã hoàn thành", "Đang thực hiện"])
def test_status_words_in_a_date_column_are_not_timelines(raw):
    t = parse_timeline(raw, ISSUED)
    assert (t.kind, t.start_year, t.due_date) == ("status", None, None)


def test_impossible_date_is_not_read_as_one():
    assert parse_timeline("31/2/2026", ISSUED).due_date is None
