"""Reading the "Tiến độ" (timeline) cell of the appendix."""

from __future__ import annotations

from datetime import date

import pytest

from plan132lib import Timeline, parse_timeline
from plan132lib.ingest.timeline import PlanPeriod, plan_period

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


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
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
    ],
)
def test_kind(raw, kind):
    assert parse_timeline(raw).kind == kind


@pytest.mark.parametrize(
    ("raw", "period"),
    [
        ("Quý IV/2026", "Q4"),
        ("Quý 4/2026", "Q4"),
        ("Quý I/2027", "Q1"),
        ("Tháng 6/2026", "M06"),
        ("Tháng 12/2026", "M12"),
        ("2026", None),
        ("2026 - 2030", None),
    ],
)
def test_period(raw, period):
    assert parse_timeline(raw).period == period


def test_empty_cell():
    assert parse_timeline("") == Timeline("", None, None, False, "none", None)


@pytest.mark.parametrize(
    "raw",
    [raw for raw, _ in YEARS]
    + [
        "  2026 - 2030  ",
        "2026 - 2030 và các năm tiếp theo.",
        "Giai đoạn 2026–2030",
        "một cách nào đó",
    ],
)
def test_raw_is_kept_unchanged(raw):
    assert parse_timeline(raw).raw == raw


# ----------------------------------------------------- forms of other provinces' plans (issue 12)

ISSUED = date(2026, 5, 5)


@pytest.mark.parametrize(
    ("raw", "kind", "due", "open_ended"),
    [
        ("30/8/2026", "date", "2026-08-30", False),
        ("Tháng 12/2026", "month", "2026-12-31", False),
        ("Xong trong Quý II/2026", "quarter", "2026-06-30", False),
        ("Năm 2027", "year", "2027-12-31", False),
        ("100 ngày kể từ ngày ban hành Kế hoạch", "relative", "2026-08-13", False),
        ("Trong vòng 30 ngày kể từ ngày ký", "relative", "2026-06-04", False),
        ("Từ ngày ban hành Kế hoạch trở đi", "relative", None, True),
        ("Trước ngày 31/01 năm liền kề", "annual", None, True),
        ("Trước ngày 05 của tháng liền kề", "monthly", None, True),
        ("Theo Điều 17 Nghị định số 08/2022/NĐ-CP", "reference", None, False),
    ],
)
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


# ----------------------------------------------- free-text deadlines of real plans (issue 22, item 4)

YEAR_2026 = PlanPeriod(2026, 2026, True)  # a plan "… năm 2026"
TO_2030 = PlanPeriod(2026, 2030, True)  # a plan "… giai đoạn 2026–2030"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # (kind, start_year, end_year, due_date) in a plan for the year 2026
        ("Thường xuyên trong năm", ("continuous", 2026, 2026, None)),
        ("Thực hiện thường xuyên khi có yêu cầu của bộ, ngành Trung ương.", ("continuous", 2026, 2026, None)),
        ("Liên tục", ("continuous", 2026, 2026, None)),
        (
            "Báo cáo định kỳ theo thời gian quy định; thực hiện thường xuyên trong năm",
            ("continuous", 2026, 2026, None),
        ),
        ("Trong năm 2026", ("year", 2026, 2026, "2026-12-31")),
        ("Hoàn thành trong năm 2026.", ("year", 2026, 2026, "2026-12-31")),
        ("Trước ngày 31/01 năm liền kề", ("annual", 2026, 2026, None)),
        ("Trước ngày 15/12 hằng năm", ("annual", 2026, 2026, None)),
        ("Định kỳ hằng tháng", ("monthly", 2026, 2026, None)),
        ("Hàng tháng", ("monthly", 2026, 2026, None)),
        ("Thường xuyên trong tháng", ("monthly", 2026, 2026, None)),
        ("Trước ngày 10 của tháng tiếp theo", ("monthly", 2026, 2026, None)),
        ("Quý I/2026", ("quarter", 2026, 2026, "2026-03-31")),
        ("Chậm nhất trong quý III năm 2026", ("quarter", 2026, 2026, "2026-09-30")),
        ("Xong trong tháng 5/2026", ("month", 2026, 2026, "2026-05-31")),
        ("Ngày 20 tháng 10 năm 2026", ("date", 2026, 2026, "2026-10-20")),
        ("trước ngày 01/01/2030", ("date", 2029, 2029, "2029-12-31")),
        ("Trước năm 2028", ("year", 2027, 2027, "2027-12-31")),
        ("Từ tháng 3/2026 đến tháng 6/2026", ("month", 2026, 2026, "2026-06-30")),
        # a compound deadline: form and due date from the dated step, the span through the plan's period
        ("Ban hành kế hoạch trong tháng 01/2026 và tổ chức thực hiện", ("month", 2026, 2026, "2026-01-31")),
        (
            "Ban hành kế hoạch chậm nhất là ngày 31/12/2025 và tổ chức mở lớp theo kế hoạch đề ra.",
            ("date", 2025, 2026, "2025-12-31"),
        ),
        ("Xây dựng đề án trước 15/02/2026, triển khai thực hiện", ("date", 2026, 2026, "2026-02-15")),
        (
            "Triển khai thực hiện mô hình và báo cáo kết quả chậm nhất trong tháng 9/2026",
            ("month", 2026, 2026, "2026-09-30"),
        ),
        # several deadlines: no single due date
        (
            "Ban hành kế hoạch trong tháng 01/2026, kiểm tra chậm nhất trong tháng 6/2026 và báo cáo "
            "chậm nhất trong tháng 8/2026",
            ("month", 2026, 2026, None),
        ),
        # after an event: no calendar date, no years
        (
            "Sau 03 tháng kể từ khi có văn bản của Trung ương hoặc Quyết định liên quan của cơ quan "
            "có thẩm quyền",
            ("relative", None, None, None),
        ),
        ("Trong thời hạn 30 ngày kể từ ngày Nghị định có hiệu lực", ("relative", None, None, None)),
        # references: years only where the cell names the plan's year as its span
        (
            "Theo các mốc thời gian tại Quyết định số 1441/QĐ-UBND ngày 25/9/2025 của Chủ tịch UBND tỉnh",
            ("reference", None, None, None),
        ),
        (
            "Theo Điều 17 Nghị định số 52/2015/NĐ-CP ngày 28/5/2015 của Chính phủ",
            ("reference", None, None, None),
        ),
        ("Theo hướng dẫn của Trung ương", ("reference", None, None, None)),
        ("Theo kế hoạch của tỉnh", ("reference", None, None, None)),
        ("Theo Kế hoạch kiểm tra cải cách hành chính năm 2026 của tỉnh", ("reference", 2026, 2026, None)),
        ("Theo Luật Bảo vệ môi trường năm 2020", ("reference", None, None, None)),
        ("Thực hiện theo Kế hoạch số 12/KH-UBND ngày 5/01/2026", ("reference", None, None, None)),
    ],
)
def test_free_text_deadlines_in_a_plan_for_one_year(raw, expected):
    t = parse_timeline(raw, None, YEAR_2026)
    assert (t.kind, t.start_year, t.end_year, t.due_date) == expected


def test_recurring_forms_cover_the_plans_period():
    forms = [("Thường xuyên", "continuous"), ("Hằng năm", "annual"), ("Định kỳ hằng tháng", "monthly")]
    for raw, kind in forms:
        t = parse_timeline(raw, date(2026, 3, 1), TO_2030)
        assert (t.kind, t.start_year, t.end_year, t.open_ended) == (kind, 2026, 2030, False)


def test_recurring_forms_go_on_when_the_plan_names_no_end():
    t = parse_timeline("Thường xuyên", date(2026, 4, 16), PlanPeriod(2026, None))
    assert (t.kind, t.start_year, t.end_year, t.open_ended) == ("continuous", None, None, True)
    t = parse_timeline(
        "Ban hành kế hoạch trong tháng 6/2026 và tổ chức thực hiện", None, PlanPeriod(2026, None)
    )
    assert (t.kind, t.start_year, t.end_year, t.due_date) == ("month", 2026, 2026, "2026-06-30")
    assert t.open_ended  # carrying it out has no end the plan names


def test_a_compound_deadline_runs_through_a_longer_period():
    t = parse_timeline("Ban hành kế hoạch trong quý I/2027 và tổ chức thực hiện", None, TO_2030)
    assert (t.kind, t.start_year, t.end_year, t.due_date) == ("quarter", 2027, 2030, "2027-03-31")


def test_a_deadline_alone_does_not_run_through_the_period():
    t = parse_timeline("Hoàn thành trước 30/6/2027", None, TO_2030)
    assert (t.kind, t.start_year, t.end_year, t.due_date) == ("date", 2027, 2027, "2027-06-30")


def test_two_rows_of_a_merged_task_read_as_one_cell():
    same = parse_timeline(
        "Ban hành kế hoạch trong tháng 01/2026 và tổ chức thực hiện.\n"
        "Ban hành kế hoạch trong tháng 01/2026 và tổ chức thực hiện.",
        None,
        YEAR_2026,
    )
    assert (same.kind, same.due_date) == ("month", "2026-01-31")
    two = parse_timeline(
        "Ban hành kế hoạch trong tháng 01/2026 và tổ chức thực hiện\n"
        "Tổ chức kiểm tra chậm nhất trong tháng 6/2026",
        None,
        YEAR_2026,
    )
    assert (two.kind, two.end_year, two.due_date) == ("month", 2026, None)
    monthly = parse_timeline("Thường xuyên trong tháng\nTrước ngày 05 của tháng liền kề", None, YEAR_2026)
    assert (monthly.kind, monthly.start_year, monthly.end_year) == ("monthly", 2026, 2026)


@pytest.mark.parametrize(
    ("raw", "due"),
    [
        ("100 ngày kể từ ngày ban hành Kế hoạch", "2026-08-13"),
        ("100 ngày", "2026-08-13"),
        ("Sau 3 tháng kể từ ngày ban hành kế hoạch này", "2026-08-05"),
    ],
)
def test_a_number_of_days_or_months_counts_from_the_plans_date(raw, due):
    t = parse_timeline(raw, ISSUED, YEAR_2026)
    assert (t.kind, t.due_date, t.end_year) == ("relative", due, 2026)


def test_a_number_of_days_in_an_undated_plan_has_no_date():
    t = parse_timeline("100 ngày kể từ ngày ban hành Kế hoạch", None, YEAR_2026)
    assert (t.kind, t.due_date, t.start_year, t.end_year) == ("relative", None, None, None)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("6 tháng đầu năm 2026", ("month", 2026, 2026, "2026-06-30")),
        ("Tháng 6/2026 - tháng 12/2026", ("month", 2026, 2026, "2026-12-31")),
        ("Từ năm 2027", ("year", 2027, 2030, None)),  # from 2027, through the plan's period
        ("Khi có yêu cầu", ("relative", None, None, None)),
        ("Sau khi Nghị định có hiệu lực thi hành", ("relative", None, None, None)),
        ("Hằng quý", ("continuous", 2026, 2030, None)),
        ("Tháng 12 hằng năm", ("annual", 2026, 2030, None)),
    ],
)
def test_more_forms_in_a_plan_for_five_years(raw, expected):
    t = parse_timeline(raw, None, TO_2030)
    assert (t.kind, t.start_year, t.end_year, t.due_date) == expected


def test_unread_forms_are_other():
    t = parse_timeline("Giai đoạn 2", None, YEAR_2026)
    assert (t.kind, t.start_year, t.due_date) == ("other", None, None)


# -------------------------------------------------------------------------------- the plan's period


@pytest.mark.parametrize(
    ("meta", "period"),
    [
        ({"title": "Cải cách hành chính nhà nước năm 2026 tỉnh Lâm Đồng"}, PlanPeriod(2026, 2026, True)),
        (
            {"title": "Thực hiện Chiến lược phát triển giai đoạn 2026–2030", "date": "2026-02-01"},
            PlanPeriod(2026, 2030, True),
        ),
        (
            {"title": "Phát triển kinh tế số giai đoạn 2026 - 2030, tầm nhìn đến năm 2045"},
            PlanPeriod(2026, 2030, True),
        ),
        ({"title": "Chuyển đổi số đến năm 2030", "date": "2026-07-14"}, PlanPeriod(2026, 2030, True)),
        (
            {
                "title": "Triển khai Nghị quyết số 247/2025/QH15 ngày 10/12/2025 của Quốc hội",
                "date": "2026-04-16",
            },
            PlanPeriod(2026, None, False),
        ),
        (
            {"title": "Về một việc", "appendix_title": "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2027"},
            PlanPeriod(2027, 2027, True),
        ),
        ({"title": "Về một việc", "date_raw": "Hà Nội, ngày tháng năm 2026"}, PlanPeriod(2026, None, False)),
        ({"title": "Về một việc"}, PlanPeriod(None, None, False)),
    ],
)
def test_plan_period_from_title_or_date(meta, period):
    assert plan_period(meta) == period


@pytest.mark.parametrize(
    ("raw", "start", "end", "due"),
    [
        ("Đến năm 2030", 2026, 2030, "2030-12-31"),
        ("Đến hết năm 2027", 2026, 2027, "2027-12-31"),
        ("Hoàn thành đến hết năm 2026", 2026, 2026, "2026-12-31"),
    ],
)
def test_by_a_year_runs_from_the_plans_start(raw, start, end, due):
    """ "Đến năm 2030" is work that runs up to 2030, not work done in 2030 alone."""
    t = parse_timeline(raw, date(2026, 4, 16), PlanPeriod(2026, None))
    assert (t.kind, t.start_year, t.end_year, t.due_date) == ("year", start, end, due)


@pytest.mark.parametrize(("raw", "due"), [("11/2027", "2027-11-30"), ("3/2027", "2027-03-31")])
def test_month_and_year_alone_is_a_month(raw, due):
    """A date cell Excel shows with the format mm/yyyy reads "11/2027": the month."""
    t = parse_timeline(raw, date(2026, 4, 16))
    assert (t.kind, t.end_year, t.due_date) == ("month", int(raw[-4:]), due)


def test_a_number_like_a_month_that_is_none_is_not_read():
    assert parse_timeline("13/2027").kind == "other"
