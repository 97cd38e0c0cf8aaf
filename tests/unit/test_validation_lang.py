"""The validation's findings and report in Vietnamese (the default) and English; the codes stay codes."""

from __future__ import annotations

import pytest

from plan132lib import load_plan
from plan132lib.ingest.validation import CHECKS, SEVERITY, findings, report_text, summary, warnings
from plan132lib.words import value


@pytest.fixture(scope="module")
def plan():
    return load_plan()


def test_findings_speak_the_language_and_keep_the_codes(plan) -> None:
    vi, en = findings(plan), findings(plan, "en")
    assert (
        list(vi.columns)
        == list(en.columns)
        == ["check", "severity", "task_id", "agency_id", "detail", "source_line", "source_ref"]
    )
    assert vi.drop(columns="detail").equals(en.drop(columns="detail"))
    first = vi[vi["task_id"] == "1.1"].iloc[0]
    assert (first["check"], first["severity"]) == ("several_leads", "warning")
    assert first["detail"].startswith("3 cơ quan chủ trì: Sở Nông nghiệp và Môi trường")
    assert en[en["task_id"] == "1.1"].iloc[0]["detail"].startswith("3 leads: ")
    assert set(vi["severity"]) == {"warning", "info"} and warnings(vi) == 9


def test_every_check_and_severity_has_words(plan) -> None:
    for check in CHECKS:
        assert value("check", check, "vi") != value("check", check, "en")
        assert value("severity", SEVERITY[check], "vi") in ("Cảnh báo", "Thông tin")
    assert summary(findings(plan), "en")["description"].iloc[0] == "Tasks with several lead agencies"


def test_report_is_vietnamese_by_default(plan) -> None:
    vi = report_text(plan)
    assert vi.startswith("Kế hoạch: 132/KH-UBND (16/4/2026), Ủy ban nhân dân tỉnh Hưng Yên")
    assert "Nhiệm vụ có nhiều cơ quan chủ trì (7)" in vi and "nhiệm vụ 1.1     dòng 144" in vi
    assert "Tổng cộng: 9 cảnh báo, 37 thông tin." in vi and "plan132 check --strict trả mã 1" in vi
    for english in ("line ", "several_leads", "warning", "Section IV"):
        assert english not in vi
    en = report_text(plan, lang="en")
    assert en.startswith("Plan: 132/KH-UBND (16 April 2026)")
    assert "In all: 9 warning(s), 37 note(s)." in en and "task 1.1         line 144" in en
