"""Every output calls the duties section by the plan's own number: "Mục IV" in Plan 132, "Mục II"
where the plan numbers it II (a variant of Plan 132 in a Lâm Đồng plan's layout, and that plan)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.make_amended import FOLDER
from variants import duties_section_ii, write_variant

from plan132lib import Plan, load_plan
from plan132lib.analysis import explore, versions
from plan132lib.ingest.tables import section_name
from plan132lib.ingest.validation import findings, report_text, summary
from plan132lib.paths import BUNDLED_PLAN
from plan132lib.render import briefing, diff_report, explore_view
from plan132lib.render.export import workbook_sheets
from plan132lib.words import word

LAMDONG = Path(__file__).resolve().parents[3] / "shared" / "real" / "lamdong_kh_cchc_2026.docx"
REWORDED = (
    "- Hỗ trợ ứng dụng đổi mới sáng tạo, công nghệ xanh, công nghệ tuần hoàn trong sản xuất - tiêu dùng.",
    "- Hỗ trợ ứng dụng đổi mới sáng tạo, công nghệ xanh, công nghệ số và công nghệ tuần hoàn "
    "trong sản xuất, kinh doanh và tiêu dùng.",
)


@pytest.fixture(scope="module")
def second(tmp_path_factory: pytest.TempPathFactory, registry) -> Plan:
    """Plan 132 with its duties section numbered II (and a Section IV that is not the duties section)."""
    folder = tmp_path_factory.mktemp("duties_ii")
    return load_plan(write_variant("duties_section_ii", folder), registry=registry)


def _brief(plan: Plan, lang: str) -> str:
    return briefing.markdown(briefing.brief(plan, None, lang), head=True)


def _everything(plan: Plan, lang: str) -> str:
    """What a reader of ``plan`` sees in words: the brief, the findings, the validation report, the
    check summary, the workbook's README and sheet names, and one agency's explore view."""
    found = findings(plan, lang)
    agency = plan.duty_agencies["agency_id"].iloc[0]
    readme = workbook_sheets(plan, lang)[0]
    return "\n".join(
        [
            _brief(plan, lang),
            *found["detail"],
            report_text(plan, found, lang=lang),
            *summary(found, lang, plan.duties_section_name(lang))["description"],
            readme.frame.to_csv(),
            *(s.name for s in workbook_sheets(plan, lang)),
            explore_view.agency_html(explore.agency_profile(plan, agency), lang),
        ]
    )


def test_the_accessor_and_the_name() -> None:
    assert section_name("II") == "Mục II" and section_name("II", "en") == "Section II"
    assert section_name("") == word("plan.duties_section") and "IV" not in section_name("", "en")


def test_plan_132_still_says_section_iv(plan: Plan) -> None:
    assert plan.duties_section == "IV" and plan.duties_section_name() == "Mục IV"
    text = _brief(plan, "vi")
    assert "Mục IV nêu trách nhiệm của" in text and "Mục II" not in text
    assert "Section IV sets out the duties of" in _brief(plan, "en")
    assert any("của Mục IV" in d for d in findings(plan)["detail"])


@pytest.mark.parametrize(
    "lang, ours, wrong", [("vi", "Mục II", "Mục IV"), ("en", "Section II", "Section IV")]
)
def test_a_plan_whose_duties_section_is_ii_says_so_everywhere(
    second: Plan, lang: str, ours: str, wrong: str
) -> None:
    assert second.duties_section == "II" and not second.duties.empty
    assert "IV. KINH PHÍ THỰC HIỆN" in second.meta_values("section_heading")  # a Section IV, not the duties
    text = _brief(second, lang)
    assert f"{ours} " in text and wrong not in text
    found = findings(second, lang)["detail"]
    assert found.str.contains(ours).any() and not found.str.contains(wrong).any()
    everything = _everything(second, lang)
    assert ours in everything and wrong not in everything
    assert "Phần IV" not in everything


def test_a_plan_without_a_duties_section_gets_no_number(tmp_path: Path, registry) -> None:
    plan = load_plan(write_variant("no_section_iv", tmp_path), registry=registry)
    assert plan.duties_section == ""
    for lang in ("vi", "en"):
        assert plan.duties_section_name(lang) == word("plan.duties_section", lang)
        assert "Mục IV" not in _brief(plan, lang) and "Section IV" not in report_text(plan, lang=lang)


def test_the_version_diff_names_duties_by_the_new_plans_number(
    plan: Plan, second: Plan, tmp_path: Path, registry
) -> None:
    path = tmp_path / "amended_ii.md"
    text = duties_section_ii(BUNDLED_PLAN.read_text(encoding="utf-8"))
    assert text.count(REWORDED[0]) == 1
    path.write_text(text.replace(*REWORDED), encoding="utf-8")
    new = load_plan(path, registry=registry)
    frame = versions.all_changes(plan, new)
    duties = frame[frame["change"].isin(versions.DUTY_CHANGES)]
    # the section's new number is no renumbering: both ids carry the new plan's number
    assert list(duties[["change", "old_task_id", "new_task_id"]].itertuples(index=False, name=None)) == [
        ("duty_reworded", "II.7.2", "II.7.2")
    ]
    assert versions.all_changes(plan, second).loc[lambda f: f["change"].isin(versions.DUTY_CHANGES)].empty
    vi = diff_report.markdown(plan, new, frame, "vi")
    en = diff_report.markdown(plan, new, frame, "en")
    assert "Mục II, điểm 7.2" in vi and "Mục IV" not in vi
    assert "Section II, item 7.2" in en and "Section IV" not in en
    amended = load_plan(FOLDER / "ke-hoach-132-sua-doi.md", registry=registry)  # Plan 132 amended: IV
    assert "Mục IV, điểm 7.2" in diff_report.markdown(plan, amended, versions.all_changes(plan, amended))


@pytest.mark.skipif(not LAMDONG.exists(), reason="the real Lâm Đồng plan is in ../shared/real, absent here")
def test_the_lam_dong_plan_says_section_ii() -> None:
    plan = load_plan(LAMDONG)
    assert plan.duties_section == "II"
    for lang, ours, wrong in (("vi", "Mục II", "Mục IV"), ("en", "Section II", "Section IV")):
        text = _brief(plan, lang)
        assert ours in text and wrong not in text
        found = findings(plan, lang)["detail"]
        assert found.str.contains(ours).any() and not found.str.contains(wrong).any()
