"""The pack adapts to what a plan has: variants of Plan 132 and a city's plan written by hand.

Each variant lacks one thing Plan 132 has (collective entries, Section IV, several groups,
numeric targets, closed timelines) or has more of something (300 tasks, unknown agencies).
For each, the tables, the analyses, every chart, the workbook's sheets, the validation report
and the briefing in both languages are made; the sentences say what the plan has, and
nothing names Hưng Yên or Plan 132 unless that plan is the input. Whole builds with the
notebooks are in ``tests/integration/test_cli.py``.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib as mpl
import pandas as pd
import pytest
from variants import VARIANTS, write_variant

from plan132lib import Plan, load_plan
from plan132lib.ingest.validation import report_text
from plan132lib.pipeline.build import analysis_tables, chart_figures
from plan132lib.render import briefing
from plan132lib.render.export import workbook_sheets
from plan132lib.render.graph_files import network_tables

DANANG = Path(__file__).resolve().parents[1] / "data" / "danang_city_plan.md"
FOREIGN_WORDS = ("Hưng Yên", "Hung Yen", "132/KH", "Kế hoạch 132", "Plan 132", "Bắc Hưng Hải")


@pytest.fixture(scope="module")
def variants(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Plan]:
    folder = tmp_path_factory.mktemp("variants")
    plans = {name: load_plan(write_variant(name, folder)) for name in VARIANTS}
    plans["danang"] = load_plan(DANANG)
    return plans


def brief(plan: Plan, lang: str = "vi") -> str:
    return briefing.markdown(briefing.brief(plan, None, lang), head=True)


def drawn_text(figure: mpl.figure.Figure) -> str:
    return " ".join(t.get_text() for t in figure.findobj(mpl.text.Text))


# ---------------------------------------------------------------- each variant is what it says


def test_variants_lack_what_they_say(variants: dict[str, Plan]) -> None:
    assert not variants["no_collectives"].agencies["is_collective"].any()
    assert variants["no_section_iv"].duties.empty
    renumbered = variants["duties_section_ii"]
    assert renumbered.duties_section == "II" and not renumbered.duties.empty
    assert variants["one_group"].tasks["group_id"].nunique() == 1
    assert variants["no_targets"].targets.empty
    t = variants["no_closed_timelines"].tasks
    assert t["open_ended"].all() and t["timeline_kind"].isin(["continuous", "annual"]).all()
    assert len(variants["many_tasks"].tasks) == 300
    assert (~variants["unknown_agencies"].agencies["in_registry"]).sum() == 3


# ---------------------------------------------------------------- the whole pack, short of files

FAST = ("danang", "no_section_iv")  # the others (about 8 s each) run with the slow tests


@pytest.mark.parametrize(
    "name", [pytest.param(n, marks=() if n in FAST else pytest.mark.slow) for n in [*VARIANTS, "danang"]]
)
def test_every_part_of_the_pack_is_made(variants: dict[str, Plan], name: str) -> None:
    plan = variants[name]
    tables = {**plan.tables(), **analysis_tables(plan), **network_tables(plan)}
    assert all(isinstance(t, pd.DataFrame) for t in tables.values())
    assert report_text(plan).startswith("Kế hoạch:") and report_text(plan, lang="en").startswith("Plan:")
    for lang in ("vi", "en"):
        b = briefing.brief(plan, None, lang)
        keys = [s.key for s in b.sections]
        assert b.title and keys[:3] == ["plan", "leads", "gaps"] and b.recommendations
        sheets = workbook_sheets(plan, lang)
        assert len(sheets) > 10 and not any(s.frame.columns.empty for s in sheets[1:])
    figures = chart_figures(plan, "vi")
    assert set(figures) == {
        "lead_coordinate_bars",
        "group_heatmap",
        "task_gantt",
        "active_by_year",
        "network_two_mode",
        "network_agencies_keep",
        "network_agencies_drop",
    }
    for figure in figures.values():
        assert plan.citation("vi") in drawn_text(figure)


# ---------------------------------------------------------------- the sentences change


def test_a_plan_without_collectives_is_not_told_about_them(variants: dict[str, Plan]) -> None:
    text = brief(variants["no_collectives"])
    assert "Không nhiệm vụ nào giao chủ trì chung cho cả một khối." in text
    assert "không tính các mục giao chung" not in text and "mục giao chung cho cả một khối" not in text
    assert "No task is led by a whole group of bodies." in brief(variants["no_collectives"], "en")


def test_a_plan_without_section_iv_says_so(variants: dict[str, Plan]) -> None:
    text = brief(variants["no_section_iv"])
    assert "không có mục nêu trách nhiệm của từng cơ quan (như mục Tổ chức thực hiện)" in text
    assert "Mục IV" not in text  # no number the plan does not give
    assert "không được giao nhiệm vụ nào trong Phụ lục" in brief(variants["no_collectives"])


def test_one_group_and_open_timelines(variants: dict[str, Plan]) -> None:
    assert "Phụ lục của Kế hoạch có 29 nhiệm vụ, chia 1 nhóm" in brief(variants["one_group"])
    text = brief(variants["no_closed_timelines"])
    assert "29 trong 29 nhiệm vụ không có thời hạn kết thúc" in text
    assert "Đến hạn sớm nhất" not in text


def test_a_city_plan_names_itself(variants: dict[str, Plan]) -> None:
    plan = variants["danang"]
    assert plan.citation() == "Kế hoạch 87/KH-UBND ngày 20/5/2026 của Ủy ban nhân dân thành phố Đà Nẵng"
    assert plan.citation("en") == "Plan 87/KH-UBND of 20 May 2026 by the Đà Nẵng City People's Committee"
    text = brief(plan)
    assert text.startswith(
        "# Tóm tắt Kế hoạch 87/KH-UBND ngày 20/5/2026 của Ủy ban nhân dân thành phố Đà Nẵng"
    )
    assert "Mọi nhiệm vụ đều nêu cơ quan phối hợp" in text
    assert "Không nhiệm vụ nào giao cho nhiều cơ quan cùng chủ trì." in text
    names = dict(zip(plan.agencies["agency_id"], plan.agencies["name"], strict=True))
    assert names["cong-an-tinh"] == "Công an thành phố"  # "Công an thành phố" read as the standard body
    assert "Ban Quản lý bán đảo Sơn Trà và các bãi biển du lịch" in names.values()  # one name, not two


def test_nothing_names_another_province(variants: dict[str, Plan]) -> None:
    plan = variants["danang"]
    seen = [brief(plan, lang) for lang in ("vi", "en")]
    seen += [drawn_text(f) for f in chart_figures(plan, "vi").values()]
    seen += [s.frame.to_csv() + (s.note or "") for lang in ("vi", "en") for s in workbook_sheets(plan, lang)]
    seen += [report_text(plan, lang=lang) for lang in ("vi", "en")]
    found = {w for w in FOREIGN_WORDS for text in seen if w in text}
    assert found == set()


def test_no_section_iv_gives_no_mismatch_findings(variants: dict[str, Plan]) -> None:
    """Without Section IV there is nothing to set against the appendix: no finding per agency."""
    from plan132lib.ingest.validation import duties_vs_tasks

    assert duties_vs_tasks(variants["no_section_iv"]).empty
    assert not duties_vs_tasks(variants["no_collectives"]).empty
