"""From plan to progress (issue 27): the returns of the bundled plan, filled in as agencies fill them in
(``tools/make_progress_returns.py``: two quarters, typed statuses, text percentages and dates, rows
re-sorted, deleted and inserted, a column added), merged into one status per task. Each test checks
what the lead department would check by eye."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from plan132lib.analysis import progress as pr
from plan132lib.analysis.findings import findings_of
from plan132lib.ingest.read_return import ReturnError, read_date, read_percent, read_return
from plan132lib.pipeline.track import read_returns, return_files
from plan132lib.refs import parse_ref

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import make_progress_returns as returns  # noqa: E402

AS_OF = dt.date(2027, 7, 15)


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return returns.make_returns(tmp_path_factory.mktemp("returns"))


@pytest.fixture(scope="module")
def merged(plan, folders) -> pr.Progress:
    files, _ = return_files([folders["q1"], folders["q2"]])
    found, errors = read_returns(files)
    assert errors == []
    return pr.merge(plan, found, AS_OF)


def row(merged: pr.Progress, task_id: str) -> pd.Series:
    return merged.progress.set_index("task_id").loc[task_id]


# ---------------------------------------------------------------- values as people type them


@pytest.mark.parametrize(
    ("written", "status", "how"),
    [
        ("Hoàn thành", "done", ""),
        ("Đang thực hiện", "in_progress", ""),
        ("Không thực hiện", "dropped", ""),
        ("In progress", "in_progress", ""),
        ("đã xong", "done", "status_typed"),
        ("Hoàn thành 100%", "done", "status_typed"),
        ("Đã hoàn thành", "done", "status_typed"),
        ("đang triển khai", "in_progress", "status_typed"),
        ("Tiếp tục thực hiện", "in_progress", "status_typed"),
        ("chưa thực hiện", "not_started", "status_typed"),
        ("Chưa hoàn thành", "in_progress", "status_typed"),
        ("Hoàn thành một phần", "in_progress", "status_typed"),
        ("dừng thực hiện", "dropped", "status_typed"),
        ("xem báo cáo kèm theo", None, "status_unread"),
    ],
)
def test_a_status_typed_by_hand_is_read_by_its_meaning(written: str, status: str | None, how: str) -> None:
    assert pr.read_status(written) == (status, how)


@pytest.mark.parametrize(
    ("written", "label", "end"),
    [
        ("Quý I/2027", "Quý I/2027", "2027-03-31"),
        ("quý 2/2027", "Quý II/2027", "2027-06-30"),
        ("Quý II năm 2027", "Quý II/2027", "2027-06-30"),
        ("Báo cáo quý IV/2027", "Quý IV/2027", "2027-12-31"),
        ("6 tháng đầu năm 2027", "6 tháng đầu năm 2027", "2027-06-30"),
        ("6 tháng cuối năm 2027", "6 tháng cuối năm 2027", "2027-12-31"),
        ("9 tháng năm 2027", "9 tháng năm 2027", "2027-09-30"),
        ("Năm 2027", "Năm 2027", "2027-12-31"),
        ("Tháng 3/2027", "Tháng 3/2027", "2027-03-31"),
        ("Q1 2027", "Quý I/2027", "2027-03-31"),
        ("First half of 2027", "6 tháng đầu năm 2027", "2027-06-30"),
    ],
)
def test_reporting_periods_are_read_and_named(written: str, label: str, end: str) -> None:
    period = pr.read_period(written)
    assert period is not None and period.label("vi") == label and period.end.isoformat() == end


def test_periods_sort_in_time_and_unread_ones_are_none() -> None:
    q2, half, year = (pr.read_period(t) for t in ("Quý II/2027", "6 tháng đầu năm 2027", "Năm 2027"))
    assert sorted([year, half, q2]) == [q2, half, year]
    assert pr.read_period("Quý II/2027").label("en") == "Quarter II of 2027"
    assert (
        pr.read_period("kỳ này") is None
        and pr.read_period(None) is None
        and pr.read_period("Quý 5/2027") is None
    )


def test_percentages_and_dates_as_people_type_them() -> None:
    assert read_percent(80) == (80.0, "")
    assert read_percent(0.8, "0%") == (80.0, "")
    assert read_percent(0.8) == (80.0, "percent_share")
    assert read_percent("80%") == (80.0, "percent_text")
    assert read_percent("80,5 %") == (80.5, "percent_text")
    assert read_percent("gần xong") == (None, "percent_unread")
    assert read_percent(150) == (None, "percent_range")
    assert read_date(dt.datetime(2027, 3, 15)) == (dt.date(2027, 3, 15), "")
    assert read_date("15/3/2027") == (dt.date(2027, 3, 15), "date_text")
    assert read_date("15-03-27") == (dt.date(2027, 3, 15), "date_text")
    assert read_date("ngày 15 tháng 3 năm 2027") == (dt.date(2027, 3, 15), "date_text")
    assert read_date("2027-03-15") == (dt.date(2027, 3, 15), "date_text")
    assert read_date("3/2027") == (dt.date(2027, 3, 31), "date_month")
    assert read_date(46461) == (dt.date(2027, 3, 15), "date_number")
    assert read_date("31/2/2027") == (None, "date_unread")


# ---------------------------------------------------------------- the tracking workbooks


def test_each_named_body_tracks_the_tasks_it_leads_or_coordinates(plan) -> None:
    tracked = pr.tracked_agencies(plan)
    assert len(tracked) == 10 and "cac-so-ban-nganh" not in set(tracked["agency_id"])
    rows = pr.tracking_rows(plan, "so-nnmt")
    assert list(rows["task_id"]) == ["1.1", "1.3", "1.4", "2.1", "3.4", "3.6", "4.1", "5.1", "5.2"]
    assert set(rows["role"]) == {"lead"}
    communes = pr.tracking_rows(plan, "ubnd-xa-phuong")
    assert len(communes) == 29 and (communes["role"] == "coordinate").sum() == 19
    assert len(pr.tracking_rows(plan)) == len(plan.tasks)
    assert pr.find_agencies(plan, ["sở nn&mt", "Sở Xây Dựng", "Sở Du lịch"]) == (
        ["so-nnmt", "so-xd"],
        ["Sở Du lịch"],
    )


# ---------------------------------------------------------------- the merge


def test_the_latest_report_date_wins_and_the_choice_is_listed(merged) -> None:
    task = row(
        merged, "1.1"
    )  # three leads: done (NN&MT 5/7, Công Thương 3/7), in progress 90% (Xây dựng 8/7)
    assert (task["status"], task["percent"], task["reported_by"]) == ("in_progress", 90.0, "Sở Xây dựng")
    assert task["overdue"] and task["due_date"] == "2026-12-31" and task["period"] == "Quý II/2027"
    listed = merged.conflicts.loc[
        (merged.conflicts["task_id"] == "1.1") & (merged.conflicts["category"] == "conflict")
    ]
    assert set(listed["reported_by"]) == {"Sở Xây dựng", "Sở Công Thương", "Sở Nông nghiệp và Môi trường"}
    chosen = listed.loc[listed["chosen"].fillna(False).astype(bool)]
    assert list(chosen["source_ref"].unique()) == [task["source_ref"]]
    assert chosen["report_date"].iloc[0] == "2027-07-08"


def test_a_later_period_saying_less_is_a_conflict(merged) -> None:
    back = merged.conflicts.loc[
        (merged.conflicts["issue"] == "status_went_back") & (merged.conflicts["task_id"] == "1.2")
    ]
    pairs = set(zip(back["reported_by"], back["period"], back["read_as"], strict=True))
    assert ("Sở Xây dựng", "Quý I/2027", "Đang thực hiện (50%)") in pairs
    assert ("Sở Xây dựng", "Quý II/2027", "Đang thực hiện (40%)") in pairs


def test_statuses_overdue_and_who_did_not_report(merged, plan) -> None:
    p = merged.progress
    assert len(p) == len(plan.tasks) and list(p["task_id"]) == list(plan.tasks["task_id"])
    assert dict(p["status"].value_counts()) == {"in_progress": 24, "done": 3, "dropped": 1, "no_report": 1}
    assert list(p.loc[p["overdue"], "task_id"]) == ["1.1"]
    assert row(merged, "4.2")["status"] == "no_report"  # Công an tỉnh sent nothing
    assert row(merged, "3.5")["status"] == "dropped"
    assert merged.non_reporters == ["thanh-tra-tinh", "cong-an-tinh"]
    by_agency = merged.by_agency.set_index("agency_id")
    assert (
        not by_agency.loc["thanh-tra-tinh", "reported_latest"]
        and by_agency.loc["thanh-tra-tinh", "periods"] == "Quý I/2027"
    )
    assert (
        by_agency.loc["cong-an-tinh", "periods"] == "" and by_agency.loc["cong-an-tinh", "n_no_report"] == 1
    )
    assert by_agency.loc["so-nnmt", ["n_lead", "n_done", "n_in_progress", "n_overdue"]].tolist() == [
        9,
        1,
        8,
        1,
    ]
    assert [pr.Period.label(x) for x in merged.periods] == ["Quý I/2027", "Quý II/2027"]


def test_values_typed_by_hand_are_read_and_listed(merged) -> None:
    fixes = merged.conflicts.loc[merged.conflicts["category"] == "fix"]
    seen = set(zip(fixes["issue"], fixes["written"], fixes["read_as"], strict=True))
    assert ("status_typed", "đã xong", "Hoàn thành") in seen
    assert ("status_typed", "Hoàn thành 100%", "Hoàn thành") in seen
    assert ("status_typed", "đang triển khai", "Đang thực hiện") in seen
    assert ("percent_text", "70%", "70") in seen
    assert ("percent_share", "0.5", "50") in seen
    assert ("date_text", "15/3/2027", "2027-03-15") in seen
    assert ("date_number", "46461", "2027-03-15") in seen
    assert ("status_from_percent", "", "Đang thực hiện") in seen  # 3.3: no status, 20%
    assert ("column_added", "Ghi chú của đơn vị", "") in seen
    assert row(merged, "1.6")["done_date"] == "2027-03-15"
    assert all(fixes["message"].str.len() > 0)


def test_nothing_is_dropped_without_a_warning(merged) -> None:
    warnings = merged.warnings
    missing = warnings.loc[warnings["issue"] == "row_missing"]
    assert list(zip(missing["task_id"], missing["file_name"], strict=True)) == [
        ("6.2", "so-cong-thuong-q1-2027.xlsx")
    ]
    note = warnings.loc[warnings["issue"] == "row_without_id"]
    assert note["written"].iloc[0].startswith("Ghi chú") and note["source_ref"].iloc[0].endswith("!A33")
    assert len(warnings) == 2


def test_every_status_is_traceable_to_its_return_sheet_and_row(merged, folders) -> None:
    reported = merged.progress.loc[merged.progress["status"] != "no_report"]
    for task_id, file_name, ref_text in reported[["task_id", "file_name", "source_ref"]].itertuples(
        index=False
    ):
        ref = parse_ref(ref_text)
        assert ref is not None and ref.sheet == f"[{file_name}]Theo dõi"
        path = next(p for p in (folders["q1"] / file_name, folders["q2"] / file_name) if p.exists())
        ws = openpyxl.load_workbook(path, read_only=True)["Theo dõi"]
        assert ws[ref.cell].value == task_id


def test_the_history_has_one_row_per_task_and_period(merged, plan) -> None:
    history = merged.history.set_index(["task_id", "period"])
    assert len(history) == 2 * len(plan.tasks)
    assert history.loc[("1.2", "Quý I/2027"), "status"] == "done"  # the communes' coordinator, dated 10/4
    assert history.loc[("1.2", "Quý II/2027"), "status"] == "in_progress"
    assert history.loc[("5.3", "Quý I/2027"), "status"] == "no_report"  # Sở GD&ĐT reported Quý II only


def test_a_task_done_after_its_deadline_is_done_late(plan, folders) -> None:
    found = [read_return(folders["q1"] / "so-cong-thuong-q1-2027.xlsx")]
    task = pr.merge(plan, found, AS_OF).progress.set_index("task_id").loc["1.1"]
    assert (task["status"], task["done_date"], task["done_late"], task["overdue"]) == (
        "done",
        "2027-03-15",
        True,
        False,
    )


def test_the_contact_is_never_read(merged, folders) -> None:
    found = read_return(folders["q2"] / "so-y-te-q2-2027.xlsx")
    assert "contact" not in found.info
    for frame in (*merged.tables().values(), merged.reports):
        assert not frame.astype(str).apply(lambda c: c.str.contains("0912 345 678")).any().any()


def test_the_same_returns_give_the_same_tables(plan, folders, merged) -> None:
    files, _ = return_files([folders["q2"], folders["q1"]])  # another order
    again = pr.merge(plan, read_returns(files)[0], AS_OF)
    for name, frame in merged.tables().items():
        pd.testing.assert_frame_equal(frame, again.tables()[name], obj=name)


# ---------------------------------------------------------------- refusals


def test_an_unknown_task_id_names_the_file_and_row(plan, folders) -> None:
    with pytest.raises(pr.ProgressErrors) as caught:
        pr.merge(plan, [read_return(folders["bad"] / "unknown_task.xlsx")], AS_OF)
    (error,) = caught.value.errors
    assert error.path.endswith("unknown_task.xlsx") and error.line == "[unknown_task.xlsx]Theo dõi!A3"
    assert "7.9" in str(error)


def test_another_plans_return_is_refused_by_name(plan, folders) -> None:
    with pytest.raises(pr.ProgressErrors) as caught:
        pr.merge(plan, [read_return(folders["bad"] / "other_plan.xlsx")], AS_OF)
    (error,) = caught.value.errors
    assert "58/KH-UBND" in str(error) and "132/KH-UBND" in str(error) and error.line.endswith("Thông tin!B2")


@pytest.mark.parametrize(("name", "says"), [("not_a_return.xlsx", "Sheet1"), ("not_excel.xlsx", "text file")])
def test_a_file_that_is_not_a_return_is_refused_by_name(folders, name: str, says: str) -> None:
    with pytest.raises(ReturnError) as caught:
        read_return(folders["bad"] / name)
    assert caught.value.path.endswith(name) and says in str(caught.value)


def test_an_unread_period_names_its_cell(plan, folders, tmp_path) -> None:
    path = tmp_path / "no_period.xlsx"
    returns.fill(folders["blank"] / "so-y-te.xlsx", path, "quý này", dt.datetime(2027, 7, 1), {})
    with pytest.raises(pr.ProgressErrors) as caught:
        pr.merge(plan, [read_return(path)], AS_OF)
    assert caught.value.errors[0].line == "[no_period.xlsx]Thông tin!B4" and "quý này" in str(caught.value)


# ---------------------------------------------------------------- in the pack (plan132 build --progress)


@pytest.fixture(scope="module")
def written(merged, tmp_path_factory) -> Path:
    """progress.csv and progress_by_agency.csv as plan132 track report writes them."""
    from plan132lib.render.export import write_csv

    folder = tmp_path_factory.mktemp("progress")
    for name, frame in merged.tables().items():
        write_csv(frame, folder / f"{name}.csv")
    return folder / "progress.csv"


def test_the_pack_reads_progress_csv_back_with_who_did_not_report(plan, written) -> None:
    loaded = pr.load_progress(written, plan)
    summary = loaded.summary
    assert (summary.as_of, summary.latest, summary.n_tasks) == ("2027-07-15", "Quý II/2027", 29)
    assert summary.counts == {"not_started": 0, "in_progress": 24, "done": 3, "dropped": 1, "no_report": 1}
    assert summary.overdue == (("1.1", ("so-nnmt", "so-xd", "so-ct")),)
    assert summary.non_reporters == ("thanh-tra-tinh", "cong-an-tinh")
    alone = written.parent / "alone" / "progress.csv"  # without progress_by_agency.csv beside it
    alone.parent.mkdir()
    alone.write_bytes(written.read_bytes())
    assert pr.load_progress(alone, plan).summary.non_reporters is None


def test_another_plans_progress_is_refused_naming_the_line(merged, written) -> None:
    from plan132lib import load_plan

    other = load_plan(ROOT / "tests" / "data" / "other_province_plan.md")
    ids = list(merged.progress["task_id"])
    line, task = next((n, t) for n, t in enumerate(ids, start=2) if t not in set(other.tasks["task_id"]))
    with pytest.raises(ReturnError) as caught:
        pr.load_progress(written, other)
    assert caught.value.line == line and f"“{task}”" in str(caught.value)


def test_the_brief_and_the_workbook_show_the_progress(plan, written) -> None:
    from plan132lib.render import briefing
    from plan132lib.render.export import workbook_sheets

    loaded = pr.load_progress(written, plan)
    assert "progress" not in [s.key for s in briefing.brief(plan).sections]
    section = next(s for s in briefing.brief(plan, progress=loaded.summary).sections if s.key == "progress")
    assert section.heading == "Tình hình thực hiện"
    assert "3/29 nhiệm vụ đã hoàn thành" in section.text and "15/7/2027" in section.text
    assert section.items[0].startswith("Quá hạn: nhiệm vụ 1.1 (Sở NN&MT, Sở Xây dựng, Sở Công Thương)")
    assert section.items[1] == "Chưa gửi báo cáo kỳ Quý II/2027: Thanh tra tỉnh, Công an tỉnh."
    english = next(
        s for s in briefing.brief(plan, lang="en", progress=loaded.summary).sections if s.key == "progress"
    )
    assert english.heading == "Progress" and "Quarter II of 2027" in english.items[1]
    sheets = {s.name: s for s in workbook_sheets(plan, "vi", progress=loaded)}
    sheet = sheets["Tình hình thực hiện"]
    assert len(sheet.frame) == 29 and "period" not in sheet.frame.columns
    assert sheet.headers["status"] == "Tình trạng" and sheet.headers["overdue"] == "Quá hạn"
    assert sheet.frame.iloc[0]["status"] == "Đang thực hiện" and sheet.frame.iloc[0]["overdue"] == "Có"
    assert "Tình hình thực hiện" in set(sheets["Giới thiệu"].frame["field"])


def test_the_packs_progress_charts_are_those_track_report_draws(plan, merged, written, tmp_path) -> None:
    """build --progress draws the charts from progress.csv (and progress_by_agency.csv): the same
    files as track report's, the periods of every return said; without progress_by_agency.csv, the same
    counts by agency from progress.csv."""
    from plan132lib.charts import save_figure
    from plan132lib.charts.progress import overdue_by_group, status_by_agency

    loaded = pr.load_progress(written, plan)
    assert loaded.summary.periods == ("Quý I/2027", "Quý II/2027")  # Q1 too, though every status is Q2's
    assert loaded.summary.n_due == 1
    for chart in (status_by_agency, overdue_by_group):
        ours = save_figure(chart(loaded.merged, plan), tmp_path / f"pack_{chart.__name__}")
        theirs = save_figure(chart(merged, plan), tmp_path / f"track_{chart.__name__}")
        assert [p.read_bytes() for p in ours] == [p.read_bytes() for p in theirs], chart.__name__
    alone = written.parent / "only_progress" / "progress.csv"
    alone.parent.mkdir()
    alone.write_bytes(written.read_bytes())
    counted = pr.load_progress(alone, plan).merged.by_agency
    columns = ["agency_id", "n_lead", *(f"n_{s}" for s in pr.STATUSES), "n_overdue"]
    pd.testing.assert_frame_equal(counted[columns], merged.by_agency[columns], check_dtype=False)


def test_the_slides_show_the_progress_titled_by_its_numbers(plan, written, tmp_path) -> None:
    from pptx import Presentation

    from plan132lib.charts import catalogue
    from plan132lib.render import slides

    loaded = pr.load_progress(written, plan)
    assert "status_by_agency" not in slides.slide_figures(plan, None, "vi")  # no returns, no progress slide
    figures = catalogue.draw(
        plan, "vi", None, size="slide", only=["status_by_agency", "overdue_by_group"], progress=loaded.merged
    )
    path = slides.write_slides(tmp_path / "slides.pptx", plan, None, figures=figures, progress=loaded)
    deck = list(Presentation(str(path)).slides)
    assert [s.shapes.title.text for s in deck[1:]] == [
        "Tính đến ngày 15/7/2027, 3/29 nhiệm vụ đã hoàn thành, 1 nhiệm vụ quá hạn",
        "Nhiệm vụ duy nhất đã đến hạn trước ngày 15/7/2027 đang quá hạn",
        "Khoảng trống trách nhiệm",
        "Kiến nghị",
    ]
    picture = next(s for s in deck[1].shapes if s.shape_type == 13)
    alt = picture._element.nvPicPr.cNvPr.get("descr")
    assert alt.startswith("Tình trạng nhiệm vụ chủ trì của 10 cơ quan: 3 nhiệm vụ hoàn thành, 1 nhiệm vụ")
    english = slides.titles(findings_of(plan), plan, "en", loaded.summary)
    assert english["status_by_agency"] == "As of 15 July 2027: 3 of 29 tasks done, 1 overdue"


def test_the_report_draft_says_no_zero_counts():
    """The compiled report says the statuses that have tasks, never "chưa triển khai 0 nhiệm vụ"."""
    from plan132lib.render.progress_docx import _nonzero
    from plan132lib.words import Locale

    vi, en = Locale("vi"), Locale("en")
    counts = {"in_progress": 24, "not_started": 0, "dropped": 1}
    said = _nonzero(counts, lambda k, n: vi.say(f"track.report.open_part.{k}", n=n))
    assert said == "đang thực hiện 24 nhiệm vụ; không thực hiện 1 nhiệm vụ"
    roles = {"lead": 1, "coordinate": 0}
    assert _nonzero(roles, lambda k, n: en.say(f"track.report.role.{k}", n=n)) == "leads 1 task"
    none = {"lead": 0, "coordinate": 0}
    assert _nonzero(none, lambda k, n: vi.say(f"track.report.role.{k}", n=n)) == "không được giao nhiệm vụ"
