"""The whole appendix against values read off the document by eye."""

from __future__ import annotations

import pytest


def test_six_groups_and_29_tasks(plan):
    tasks = plan.tasks
    assert len(tasks) == 29
    assert tasks["group_id"].nunique() == 6
    assert tasks.groupby("group_id").size().tolist() == [6, 6, 6, 2, 4, 5]
    assert tasks["task_id"].is_unique


def test_group_titles(plan, expected_tasks):
    got = plan.tasks.drop_duplicates("group_id").set_index("group_id")["group_title"].to_dict()
    want = {t["group_id"]: t["group_title"] for t in expected_tasks}
    assert got == want
    assert got[3] == "Nhóm nhiệm vụ về tăng cường hiệu quả quản lý chất thải rắn và chất thải nguy hại"


@pytest.mark.parametrize("index", range(29))
def test_task_matches_document(plan, expected_tasks, index):
    want = expected_tasks[index]
    row = plan.tasks.iloc[index]
    assert row["task_id"] == want["task_id"]
    assert (row["group_id"], row["number"]) == (want["group_id"], want["number"])
    assert row["content"] == want["content"]
    assert row["timeline_raw"] == want["timeline_raw"]
    start = None if row["start_year"] is None or str(row["start_year"]) == "<NA>" else int(row["start_year"])
    end = None if str(row["end_year"]) == "<NA>" else int(row["end_year"])
    assert (start, end, bool(row["open_ended"])) == (want["start_year"], want["end_year"], want["open_ended"])
    assert row["note"] == want["note"]
    a = plan.assignments[plan.assignments["task_id"] == want["task_id"]]
    assert a.loc[a["role"] == "lead", "agency_name"].tolist() == want["leads"]
    assert a.loc[a["role"] == "coordinate", "agency_name"].tolist() == want["coordinators"]


def test_continuation_rows_joined_with_one_space(plan):
    t = plan.tasks.set_index("task_id")
    assert "trong thực hiện chính sách, pháp luật về bảo vệ môi trường" in t.at["5.2", "content"]
    assert t.at["5.2", "source_lines"] == "175;178"
    assert "rác thải hữu cơ, chất thải nguy hại; cải thiện" in t.at["6.3", "content"]
    assert t.at["6.3", "source_lines"] == "184;187"
    assert not t["content"].str.contains("  |\t|\n").any()


def test_repeated_headers_are_not_tasks(plan):
    assert not plan.tasks["content"].str.startswith("Nội dung thực hiện").any()


def test_typos_kept_and_subscript_resolved(plan):
    t = plan.tasks.set_index("task_id")
    assert t.at["3.3", "content"].startswith("Chuyên đổi công nghệ")
    assert "Phần đầu đến năm 2030" in t.at["2.6", "content"]
    assert "khác phục ô nhiễm" in t.at["2.5", "content"]
    assert "nồng độ bụi PM2.5 trung bình năm" in t.at["2.6", "content"]
    assert not plan.tasks["content"].str.contains("<").any()


def test_lead_counts_read_off_the_document(plan):
    a = plan.assignments
    leads = a[a["role"] == "lead"].groupby("agency_id")["task_id"].nunique()
    assert leads["so-nnmt"] == 9  # 1.1 1.3 1.4 2.1 3.4 3.6 4.1 5.1 5.2
    assert leads["ubnd-xa-phuong"] == 10
    assert leads["so-xd"] == 5  # 1.1 1.2 2.3 2.4 2.6
    assert leads["cong-an-tinh"] == 2  # 1.4 4.2
    collective_led = a[(a["role"] == "lead") & a["is_collective"]]["task_id"].unique()
    assert sorted(collective_led) == ["2.5", "6.3"]


def test_collective_cell_is_three_agencies(plan):
    a = plan.assignments
    cell = a[(a["task_id"] == "1.1") & (a["role"] == "coordinate")]
    assert cell["raw_name"].tolist() == ["Các sở, ban, ngành", "UBND xã, phường", "các đơn vị có liên quan"]
    assert cell["is_collective"].tolist() == [True, False, True]
    assert plan.agencies.set_index("agency_id").at["ubnd-xa-phuong", "kind"] == "commune_level"


def test_every_agency_known_and_traceable(plan):
    assert plan.assignments["known"].all()
    merged = plan.assignments.merge(
        plan.tasks[["task_id", "source_line"]], on="task_id", suffixes=("", "_task")
    )
    assert (merged["source_line"] == merged["source_line_task"]).all()
    for row in plan.tasks.itertuples():
        assert plan.line(row.source_line).startswith(f"{row.number}\t")


def test_timeline_years(plan):
    t = plan.tasks.set_index("task_id")
    assert t.at["1.1", "timeline_raw"] == "2026"
    assert (t.at["2.2", "start_year"], t.at["2.2", "end_year"]) == (2027, 2027)
    assert bool(t.at["2.5", "open_ended"]) and t.at["2.5", "end_year"] == 2026
    assert int(plan.tasks["open_ended"].sum()) == 21
    assert str(plan.tasks["start_year"].dtype) == "Int64"


def test_targets(plan):
    rows = plan.targets.set_index(["task_id", "target_no"])
    assert len(plan.targets) == 3
    t1 = rows.loc[("2.3", 1)]
    assert (t1["value"], t1["unit"], t1["target_year"]) == (100.0, "%", 2030)
    assert t1["indicator"] == "các đô thị loại IV trở lên có hệ thống xử lý nước thải tập trung"
    t2 = rows.loc[("2.3", 2)]
    assert (t2["value"], t2["comparator"], t2["target_year"]) == (70.0, "about", 2030)
    assert t2["indicator"] == "tỷ lệ nước thải sinh hoạt tại các đô thị được thu gom, xử lý"
    pm = rows.loc[("2.6", 1)]
    assert (pm["value"], pm["measure"], pm["comparator"]) == (-10.0, "change", "at_least")
    assert (pm["baseline_year"], pm["target_year"]) == (2024, 2030)
    assert pm["qualifier_raw"] == "tới thiểu"
    assert pm["indicator"] == "nồng độ bụi PM2.5 trung bình năm"
