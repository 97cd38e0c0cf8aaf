"""The section that gives each body its duties, found by its heading whatever its number, and
subheadings inside it that name no body read as headings, not as agencies (issue 22)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import plan132lib
from plan132lib.ingest.agencies import names_a_body
from plan132lib.paths import BUNDLED_PLAN


def _renumbered(tmp_path: Path, heading: str) -> Path:
    """Plan 132 with Section III (funding) folded into Section II and the duties section renumbered."""
    text = BUNDLED_PLAN.read_text(encoding="utf-8")
    text = text.replace("### **III. KINH PHÍ THỰC HIỆN**", "Kinh phí thực hiện:")
    text = text.replace("### **IV. TỔ CHỨC THỰC HIỆN**", f"### **III. {heading}**")
    path = tmp_path / "renumbered.md"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("heading", ["TỔ CHỨC THỰC HIỆN", "TRÁCH NHIỆM THỰC HIỆN", "PHÂN CÔNG NHIỆM VỤ"])
def test_duties_section_is_found_by_its_heading_whatever_its_number(tmp_path, heading):
    plan = plan132lib.load_plan(_renumbered(tmp_path, heading))
    bundled = plan132lib.load_plan()
    meta = dict(zip(plan.meta["field"], plan.meta["value"], strict=True))
    assert meta["duties_section"] == "III"
    assert plan.duties["text"].tolist() == bundled.duties["text"].tolist()
    assert set(plan.duty_agencies["agency_id"]) == set(bundled.duty_agencies["agency_id"])


def test_bundled_plan_names_section_iv():
    meta = plan132lib.load_plan().meta
    assert meta.loc[meta["field"] == "duties_section", "value"].tolist() == ["IV"]


def _with_subheadings(tmp_path: Path) -> Path:
    """Section IV opened by two subheadings whose bullets each name their bodies."""
    text = BUNDLED_PLAN.read_text(encoding="utf-8")
    start = text.index("### **IV. TỔ CHỨC THỰC HIỆN**")
    end = text.index("\n1. Sở Nông nghiệp và Môi trường:", start)
    inserted = (
        "\n1. Công tác triển khai\n\n"
        "- Các sở, ban, ngành và Ủy ban nhân dân các xã, phường căn cứ nhiệm vụ được giao có trách nhiệm "
        "xây dựng kế hoạch triển khai.\n\n"
        "- Sở Nội vụ có trách nhiệm theo dõi, đôn đốc việc thực hiện Kế hoạch.\n\n"
        "2. Kinh phí thực hiện\n\n"
        "- Kinh phí thực hiện Kế hoạch được bố trí từ nguồn ngân sách nhà nước.\n"
    )
    rest = text[end:]
    cut = rest.index("**Phụ lục**")
    rest = (
        re.sub(
            r"^((?:#+ )?)(\d+)\. ", lambda m: f"{m.group(1)}{int(m.group(2)) + 2}. ", rest[:cut], flags=re.M
        )
        + rest[cut:]
    )  # the plan's own items move down by two
    path = tmp_path / "subheadings.md"
    path.write_text(text[:end] + inserted + rest, encoding="utf-8")
    return path


def test_subheadings_are_not_agencies_and_their_bullets_name_their_bodies(tmp_path):
    plan = plan132lib.load_plan(_with_subheadings(tmp_path))
    names = set(plan.duty_agencies["raw_name"])
    assert "Công tác triển khai" not in names
    assert "Kinh phí thực hiện" not in names
    first = plan.duties[plan.duties["heading"] == "Công tác triển khai"]
    assert first["agency_ids"].tolist() == ["cac-so-ban-nganh;ubnd-xa-phuong", "so-nv"]
    # a bullet that names no body is text of the section, not a duty of nobody
    assert plan.duties[plan.duties["heading"] == "Kinh phí thực hiện"].empty
    assert plan.sections["text"].str.startswith("Kinh phí thực hiện Kế hoạch được bố trí").any()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Công tác triển khai", False),
        ("Kinh phí thực hiện", False),
        ("Tổ chức thực hiện", False),
        ("Chế độ báo cáo", False),
        ("Sở Nội vụ có trách nhiệm theo dõi", True),
        ("Các sở, ban, ngành và UBND các xã", True),
        ("Giám đốc các Sở", True),
        ("Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", True),
    ],
)
def test_names_a_body(text, expected):
    assert names_a_body(text) is expected


def test_a_subheading_with_a_sentence_after_its_colon_keeps_both(tmp_path):
    sentence = "Chế độ báo cáo: Sở Tài chính có trách nhiệm tổng hợp, báo cáo kết quả."
    text = (
        _with_subheadings(tmp_path)
        .read_text(encoding="utf-8")
        .replace("2. Kinh phí thực hiện\n", f"2. {sentence}\n")
    )
    path = tmp_path / "colon.md"
    path.write_text(text, encoding="utf-8")
    plan = plan132lib.load_plan(path)
    report = plan.duties[plan.duties["heading"] == "Chế độ báo cáo"]
    assert report["agency_ids"].tolist() == ["so-tc"]
    assert "Chế độ thông tin" not in set(plan.duty_agencies["raw_name"])
    assert "Chế độ báo cáo" not in set(plan.duty_agencies["raw_name"])
    # nothing of the source is lost: the subheadings stand in the sections table
    assert {"Công tác triển khai", sentence} <= set(plan.sections["text"])
