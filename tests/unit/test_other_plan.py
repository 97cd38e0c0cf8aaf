"""A plan from another province in the same layout parses without code changes.

The fixture is synthetic (see tests/data/README.md): it carries the layout variations
other provinces' plans show.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plan132lib import load_plan
from plan132lib.ingest.validation import findings

OTHER = Path(__file__).resolve().parents[1] / "data" / "other_province_plan.md"


@pytest.fixture(scope="module")
def other():
    return load_plan(OTHER)


def test_meta(other):
    assert other.meta_value("number") == "45/KH-UBND"
    assert other.meta_value("date") == "2026-06-02"
    assert other.meta_value("issuer") == "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH"
    assert other.meta_value("signer_name") == "Trần Văn A"


def test_tasks_with_running_numbers_and_roman_groups(other):
    t = other.tasks
    assert t["task_id"].tolist() == ["1.1", "1.2", "2.3", "2.4", "2.5"]
    assert t["group_title"].unique().tolist() == [
        "Nhóm nhiệm vụ về quản lý chất thải",
        "Nhóm nhiệm vụ về nguồn lực",
    ]
    row = t.set_index("task_id").loc["2.4"]
    assert row["content"] == "Đầu tư hạ tầng xử lý nước thải các đô thị và các khu dân cư tập trung."
    assert row["product"] == "Công trình hoàn thành"
    assert row["note"] == "Theo dự án"


def test_timeline_forms(other):
    t = other.tasks.set_index("task_id")
    got = {
        k: (t.at[k, "timeline_kind"], t.at[k, "timeline_period"], bool(t.at[k, "open_ended"]))
        for k in t.index
    }
    assert got == {
        "1.1": ("quarter", "Q4", False),
        "1.2": ("annual", "", True),
        "2.3": ("year", "", False),
        "2.4": ("range", "", False),
        "2.5": ("continuous", "", True),
    }
    assert (t.at["2.4", "start_year"], t.at["2.4", "end_year"]) == (2026, 2030)


def test_agencies_factored_abbreviated_and_unknown(other):
    a = other.assignments
    leads = a[a["role"] == "lead"].groupby("task_id")["agency_id"].apply(list).to_dict()
    assert leads["1.1"] == ["so-nnmt"]  # "Sở NN&MT"
    assert leads["2.3"] == ["so-tc", "so-xd"]  # "Các Sở: Tài chính, Xây dựng"
    assert leads["1.2"] == ["unknown-trung-tam-xuc-tien-du-lich"]  # kept, not guessed
    coord = a[(a["task_id"] == "2.3") & (a["role"] == "coordinate")].iloc[0]
    assert (coord["agency_id"], coord["raw_name"]) == ("so-vhttdl", "Sở Văn hoá, Thể thao và Du lịch")
    unknown = findings(other).query("check == 'unknown_agency'")
    assert set(unknown["agency_id"]) == {"unknown-trung-tam-xuc-tien-du-lich"}
    assert len(unknown) == 3


def test_duties_section_numbered_iii(other):
    d = other.duties
    assert d.groupby("item").size().tolist() == [2, 1, 1]
    inline = d[d["item"] == 2].iloc[0]
    assert (inline["heading"], inline["text"]) == (
        "Trung tâm Xúc tiến Du lịch",
        "Chủ trì phát triển du lịch xanh.",
    )
    assert d[d["item"] == 3].iloc[0]["agency_ids"] == "ubmttq-tinh"


def test_target_in_other_plan(other):
    target = other.targets.iloc[0]
    assert (target["task_id"], target["value"], target["target_year"]) == ("1.1", 80.0, 2030)
