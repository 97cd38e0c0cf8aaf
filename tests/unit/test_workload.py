"""Workload counts checked against values read off the document."""

from __future__ import annotations

import numpy as np
import pytest

from plan132lib.analysis import workload as w


def _row(frame, agency_id):
    return frame.set_index("agency_id").loc[agency_id]


def test_nnmt_leads_nine_tasks(plan):
    nnmt = _row(w.agency_workload(plan), "so-nnmt")
    # 1.1 1.3 1.4 2.1 3.4 3.6 4.1 5.1 5.2; shared in 1.1 (3 leads), 1.4 (2), 4.1 (3)
    assert (nnmt["n_lead"], nnmt["n_lead_alone"], nnmt["n_lead_shared"]) == (9, 6, 3)
    assert nnmt["n_coordinate"] == 0
    assert nnmt["lead_weight"] == pytest.approx(6 + 1 / 3 + 1 / 2 + 1 / 3)


def test_weights_add_up_to_the_tasks(plan):
    for option in w.COLLECTIVE_OPTIONS:
        table = w.agency_workload(plan, option)
        assert table["lead_weight"].sum() == pytest.approx(29)
        assert table["lead_share"].sum() == pytest.approx(1)


def test_collective_options(plan):
    keep = w.agency_workload(plan, "keep")
    drop = w.agency_workload(plan, "drop")
    expand = w.agency_workload(plan, "expand")
    assert _row(keep, "cac-so-ban-nganh")["n_lead"] == 2  # tasks 2.5 and 6.3
    assert _row(keep, "cac-so-ban-nganh")["n_coordinate"] == 27
    assert not drop["is_collective"].any()
    # with collectives dropped, UBND xã, phường leads 2.5 and 6.3 alone
    assert _row(drop, "ubnd-xa-phuong")["n_lead_alone"] == 7
    # expanded, every body the plan names that "Các sở, ban, ngành" may stand for leads 2.5 and 6.3
    # (Sở Tài chính is named only in Section IV) ...
    assert _row(expand, "so-tc")["n_lead"] == 2
    assert _row(expand, "so-nnmt")["n_lead"] == 11
    # ... and an agency named in a task keeps its own role: NN&MT coordinates the other 18
    assert _row(expand, "so-nnmt")["n_coordinate"] == 18
    # bodies the plan never names are not brought in by a fixed member list
    assert not {"bch-quan-su-tinh", "so-tp", "bql-kcn", "vp-ubnd-tinh"} & set(expand["agency_id"])
    assert len(expand) == 12
    # "Các đơn vị có liên quan" has no member list: kept
    assert "cac-don-vi-lien-quan" in set(expand["agency_id"])
    assert "cac-so-ban-nganh" not in set(expand["agency_id"])
    with pytest.raises(ValueError, match="collectives must be one of"):
        w.agency_workload(plan, "explode")


def test_collective_is_expanded_into_the_bodies_the_plan_names(plan):
    members = w.collective_members(plan)
    # the ten bodies Plan 132 names on their own (Sở Tài chính only in Section IV), registry order
    assert members["cac-so-ban-nganh"] == (
        "so-nv",
        "so-tc",
        "so-ct",
        "so-nnmt",
        "so-xd",
        "so-khcn",
        "so-gddt",
        "so-yt",
        "thanh-tra-tinh",
        "cong-an-tinh",
    )
    # the press and the socio-political organisations are never named one by one: kept whole
    assert members["cac-co-quan-bao-chi"] == () and members["to-chuc-ctxh"] == ()
    note = w.expansion_note(plan)
    assert "“Các sở, ban, ngành” thành 10 cơ quan" in note
    assert "3 mục giao chung được giữ nguyên" in note and "Các đơn vị có liên quan" in note
    assert "into 10 agencies" in w.expansion_note(plan, "en")


def test_collective_whose_members_the_plan_never_names_stays_whole(plan):
    import dataclasses

    # a plan naming no department on its own: "Các sở, ban, ngành" cannot be expanded
    departments = set(plan.registry.agencies["cac-so-ban-nganh"].members)
    a = plan.assignments[~plan.assignments["agency_id"].isin(departments)]
    d = plan.duty_agencies[~plan.duty_agencies["agency_id"].isin(departments)]
    bare = dataclasses.replace(
        plan,
        assignments=a,
        duty_agencies=d,
        agencies=plan.agencies[~plan.agencies["agency_id"].isin(departments)],
    )
    assert w.collective_members(bare)["cac-so-ban-nganh"] == ()
    expand = w.agency_workload(bare, "expand")
    assert _row(expand, "cac-so-ban-nganh")["n_lead"] == 2  # kept whole, as written
    assert "kế hoạch không nêu tên riêng cơ quan thành viên nào" in w.expansion_note(bare)
    assert "“Các sở, ban, ngành”" in w.expansion_note(bare).split(":")[-1]


def test_expand_marks_where_rows_came_from(plan):
    a = w.assignments(plan, "expand")
    row = a[(a["task_id"] == "2.5") & (a["agency_id"] == "so-tc")].iloc[0]
    assert (row["role"], row["via"]) == ("lead", "cac-so-ban-nganh")
    assert not a.duplicated(["task_id", "agency_id"]).any()


def test_group_matrix(plan):
    m = w.group_matrix(plan).set_index(["agency_id", "group_id"])
    assert m.loc[("so-nnmt", 1), "n_lead"] == 3  # 1.1 1.3 1.4
    assert m.loc[("ubnd-xa-phuong", 2), "n_lead"] == 4  # 2.2 2.4 2.5 2.6
    assert m["n_lead"].sum() == len(plan.assignments.query("role == 'lead'"))


def test_raci_matrix(plan):
    raci = w.raci_matrix(plan)
    assert raci.shape == (len(w.agency_workload(plan)), 29)
    assert raci.at["Sở Nông nghiệp và Môi trường", "1.1"] == "Chủ trì"
    assert raci.at["Ủy ban nhân dân các xã, phường", "1.1"] == "Phối hợp"
    assert raci.at["Sở Y tế", "1.1"] == ""
    english = w.raci_matrix(plan, lang="en")
    assert english.at["Department of Health", "3.5"] == "Lead"


def test_active_by_year(plan):
    active = w.active_by_year(plan).set_index(["agency_id", "period"])
    assert active.loc[("so-nnmt", "2026"), "n_active_lead"] == 9
    assert active.loc[("so-nnmt", "2027"), "n_active_lead"] == 8  # 1.1 ends in 2026
    assert active.loc[("so-nnmt", "sau 2030"), "n_active_lead"] == 8
    per_year = w.tasks_per_year(plan).set_index("period")
    assert per_year.loc["2026", "n_active"] == 28  # 2.2 is due in 2027 only
    assert per_year.loc["2030", "n_ending"] == 6
    assert per_year.loc["sau 2030", "n_active"] == 21
    assert w.undated_tasks(plan).empty


def test_task_flags(plan):
    f = w.task_flags(plan).set_index("task_id")
    assert f["several_leads"].sum() == 7
    assert sorted(f.index[f["collective_lead"]]) == ["2.5", "6.3"]
    assert sorted(f.index[f["near_deadline"]]) == ["1.1", "2.2"]
    assert f.at["2.5", "n_coordinators"] == 0 and f.at["2.5", "no_specific_coordinator"]


def test_concentration_formulas(plan):
    c = w.concentration(plan).set_index("measure")["value"]
    weights = w.agency_workload(plan).query("lead_weight > 0")["lead_weight"].to_numpy()
    shares = weights / weights.sum()
    assert c["hhi"] == pytest.approx((shares**2).sum())
    assert c["effective_lead_agencies"] == pytest.approx(1 / c["hhi"])
    n = len(weights)
    gini = np.abs(weights[:, None] - weights[None, :]).sum() / (2 * n * n * weights.mean())
    assert c["gini"] == pytest.approx(gini)
    assert 1 / n <= c["hhi"] <= 1 and 0 <= c["gini"] < 1


def test_duties_vs_tasks(plan):
    d = w.duties_vs_tasks(plan).set_index("agency_id")
    assert d.at["so-tc", "finding"] == "duties_without_tasks"
    assert d.at["so-tc", "text"].startswith("Trên cơ sở tổng hợp")
    assert d.at["thanh-tra-tinh", "finding"] == "tasks_without_duties"
    assert d.at["thanh-tra-tinh", "task_ids"] == "4.1"


def test_an_open_ended_task_goes_on_every_year_after_its_start(plan):
    """Task 2.5, "2026 và các năm tiếp theo": active in 2026, in every year to 2030 and after."""
    per_year = w.tasks_per_year(plan).set_index("period")["n_active"]
    t = plan.tasks.set_index("task_id")
    assert (t.at["2.5", "start_year"], t.at["2.5", "end_year"], bool(t.at["2.5", "open_ended"])) == (
        2026,
        2026,
        True,
    )
    assert per_year.to_dict() == {"2026": 28, "2027": 28, "2028": 27, "2029": 27, "2030": 27, "sau 2030": 21}
    active = w.active_by_year(plan).set_index(["agency_id", "period"])
    lead = plan.assignments.query("task_id == '2.5' and role == 'lead'")["agency_id"].iloc[0]
    assert all(active.loc[(lead, p), "n_active"] > 0 for p in ("2027", "2028", "2029", "2030"))


def test_a_recurring_task_without_a_year_starts_when_the_plan_is_issued():
    from pathlib import Path

    from plan132lib import load_plan

    city = load_plan(Path(__file__).resolve().parents[1] / "data" / "danang_city_plan.md")  # 20/5/2026
    assert city.tasks["start_year"].isna().all()  # "Hằng năm", "Thường xuyên": no year in the text
    per_year = w.tasks_per_year(city)  # no period named, no year in a task: the plan's year, then after it
    assert per_year["period"].tolist() == ["2026", "sau 2026"] and per_year["n_active"].tolist() == [4, 4]
    gantt = w.task_timeline(city)
    assert gantt["start_year"].tolist() == [2026] * 4 and gantt["open_ended"].all()
    assert city.tasks["start_year"].isna().all()  # the plan's table still says what the text says


# ------------------------------------------------------ windows from the plan's own period (issue 22)


def _one_year_plan():
    from pathlib import Path

    from plan132lib import load_plan

    return load_plan(Path(__file__).resolve().parents[1] / "data" / "one_year_plan.md")  # "… năm 2026"


def test_a_plan_for_one_year_is_counted_in_that_year():
    plan = _one_year_plan()
    assert (plan.period.start, plan.period.end) == (2026, 2026)
    assert w.window(plan) == (2026,)
    per_year = w.tasks_per_year(plan)
    # 1.1 "Thường xuyên trong năm", 1.2, 2.3, 3.7 "Định kỳ hằng tháng", 3.8: none goes on after 2026
    assert per_year.to_dict("list") == {
        "period": ["2026", "sau 2026"],
        "n_active": [5, 0],
        "n_ending": [5, 0],
    }
    assert set(w.active_by_year(plan)["period"]) <= {"2026", "sau 2026"}


def test_the_window_of_plan_132_comes_from_its_date_and_its_tasks(plan):
    assert (plan.period.start, plan.period.end, plan.period.named) == (2026, None, False)
    assert w.window(plan) == (2026, 2027, 2028, 2029, 2030)  # the last year a task names
    assert w.due_soon_until(plan) == 2027  # the year after the plan's date


def test_due_soon_stays_within_a_period_the_plan_names():
    plan = _one_year_plan()  # dated 22/12/2025, for 2026
    assert w.due_soon_until(plan) == 2026
    flags = w.task_flags(plan).set_index("task_id")
    # stated deadlines only; a recurring task that ends with the plan's year is not "due"
    assert flags.index[flags["near_deadline"]].tolist() == ["1.2", "2.3", "3.8"]


def test_timelines_that_could_not_be_read_are_listed():
    plan = _one_year_plan()
    unread = w.unread_timelines(plan)
    assert unread[["task_id", "timeline_raw"]].values.tolist() == [["2.6", "Giai đoạn 2"]]


def test_the_period_after_the_window_reads_in_either_language():
    from plan132lib.render.readable import readable

    per_year = w.tasks_per_year(_one_year_plan())
    assert readable(per_year, "en", table="tables/workload_tasks_per_year").iloc[:, 0].tolist() == [
        "2026",
        "after 2026",
    ]
    assert readable(per_year, "vi", table="tables/workload_tasks_per_year").iloc[:, 0].tolist() == [
        "2026",
        "sau 2026",
    ]
