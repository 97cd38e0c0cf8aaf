"""A plan without a number or a date (a draft: "Số:      /KH-UBND", "ngày   tháng   năm 2026") is named
as it stands, in every output: "Kế hoạch 45/KH-UBND (chưa ghi ngày)", "Kế hoạch ngày 2/6/2026 (chưa có
số)", "Dự thảo Kế hoạch triển khai … (chưa có số, chưa ghi ngày)"; never "None", never "/KH-UBND" without
its number (issue 24, item 8). The inputs are copies of fixture plans with the number, the date or both
blanked as a draft leaves them."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import openpyxl
import pytest

from plan132lib.analysis import compare
from plan132lib.charts.compare import plan_labels
from plan132lib.cli import main
from plan132lib.ingest.tables import Plan, load_plan
from plan132lib.render.briefing import brief
from plan132lib.render.export import write_workbook_for
from plan132lib.words import word

ROOT = Path(__file__).resolve().parents[1]
OTHER = ROOT / "data" / "other_province_plan.md"
DOCX = ROOT / "fixtures" / "documents" / "ninhbinh_58.docx"
LANGS = ("vi", "en")
#: "/KH-UBND" where no number stands before it: what a blank "Số:    /KH-UBND" leaves
BLANK_NUMBER = re.compile(r"(?<![\w.])/KH-UBND")

NUMBER, BLANK_NO = "Số: 45/KH-UBND", "Số:        /KH-UBND"
DATE, BLANK_DATE = "Ninh Bình, ngày 2 tháng 6 năm 2026", "Ninh Bình, ngày      tháng      năm 2026"
ATTACHED_NO, BLANK_ATTACHED_NO = "Kế hoạch số 45/KH-UBND", "Kế hoạch số        /KH-UBND"
ATTACHED_DATE, BLANK_ATTACHED_DATE = "ngày 02/6/2026", "ngày    /    /2026"


def _draft(tmp_path: Path, name: str, number: bool, date: bool, first: str = "") -> Path:
    """A copy of the Ninh Bình text plan without its number and/or date (in the preamble and in
    the appendix's "Kèm theo …" line), ``first`` put before its first line."""
    text = OTHER.read_text(encoding="utf-8")
    assert all(part in text for part in (NUMBER, DATE, ATTACHED_NO, ATTACHED_DATE))
    if not number:
        text = text.replace(NUMBER, BLANK_NO).replace(ATTACHED_NO, BLANK_ATTACHED_NO)
    if not date:
        text = text.replace(DATE, BLANK_DATE).replace(ATTACHED_DATE, BLANK_ATTACHED_DATE)
    path = tmp_path / name
    path.write_text(first + text, encoding="utf-8")
    return path


def _draft_docx(tmp_path: Path) -> Path:
    """A copy of the Ninh Bình Word plan with neither number nor date."""
    document = docx.Document(str(DOCX))
    blanks = {
        "Số: 58/KH-UBND": "Số:        /KH-UBND",
        "Ninh Bình, ngày 05 tháng 5 năm 2026": "Ninh Bình, ngày      tháng      năm 2026",
        "Kế hoạch số 58/KH-UBND ngày 05/5/2026": "Kế hoạch số        /KH-UBND ngày    /    /2026",
    }
    paragraphs = [
        *document.paragraphs,
        *(p for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs),
    ]
    done = set()
    for paragraph in paragraphs:
        for old, new in blanks.items():
            if old in paragraph.text:
                text = paragraph.text.replace(old, new)
                for run in paragraph.runs[1:]:
                    run.text = ""
                paragraph.runs[0].text = text
                done.add(old)
    assert done == set(blanks)
    path = tmp_path / "du_thao.docx"
    document.save(str(path))
    return path


def _clean(text: str) -> None:
    assert "None" not in text, text
    assert not BLANK_NUMBER.search(text), text


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Plan]:
    tmp = tmp_path_factory.mktemp("drafts")
    return {
        "no_number": load_plan(_draft(tmp, "khong_so.md", number=False, date=True)),
        "no_date": load_plan(_draft(tmp, "khong_ngay.md", number=True, date=False)),
        "neither": load_plan(_draft(tmp, "du_thao.md", number=False, date=False)),
        "marked": load_plan(_draft(tmp, "du_thao_ghi.md", number=True, date=False, first="## DỰ THẢO\n\n")),
        "docx": load_plan(_draft_docx(tmp)),
    }


def test_a_number_without_a_date_and_a_date_without_a_number(drafts: dict[str, Plan]) -> None:
    no_number, no_date = drafts["no_number"], drafts["no_date"]
    assert no_number.number == "" and no_number.meta_value("number_raw") == "/KH-UBND"
    assert no_number.name() == "Kế hoạch ngày 2/6/2026 (chưa có số)"
    assert no_number.name("en") == "Plan of 2 June 2026 (no number)"
    assert no_number.citation() == "Kế hoạch ngày 2/6/2026 (chưa có số) của Ủy ban nhân dân tỉnh Ninh Bình"
    assert no_date.name() == "Kế hoạch 45/KH-UBND (chưa ghi ngày)"
    assert no_date.citation("en") == (
        "Plan 45/KH-UBND (no date) by the Ninh Bình Provincial People's Committee"
    )


def test_neither_number_nor_date_a_draft_named_by_its_title(drafts: dict[str, Plan]) -> None:
    plan = drafts["neither"]
    assert plan.number == "" and not plan.meta_value("date") and plan.meta_value("date_raw")
    assert plan.name() == "Dự thảo kế hoạch (chưa có số, chưa ghi ngày)"
    assert plan.name("en") == "Draft plan (no number, no date)"
    assert plan.citation() == (
        "Dự thảo Kế hoạch triển khai thực hiện Nghị quyết số 247/2025/QH15 ngày "
        "10/12/2025 của Quốc hội về bảo vệ môi trường (chưa có số, chưa ghi ngày) "
        "của Ủy ban nhân dân tỉnh Ninh Bình"
    )
    assert plan.citation("en").startswith("Draft plan: Triển khai thực hiện Nghị quyết số 247/2025/QH15")
    assert plan.citation("en").endswith("(no number, no date) by the Ninh Bình Provincial People's Committee")


def test_a_plan_that_says_it_is_a_draft(drafts: dict[str, Plan]) -> None:
    plan = drafts["marked"]
    assert plan.is_draft and plan.meta_value("doc_type") == "KẾ HOẠCH"  # "## DỰ THẢO" is no document type
    assert plan.meta_value("title").startswith("Triển khai thực hiện")
    assert plan.name() == "Dự thảo Kế hoạch 45/KH-UBND (chưa ghi ngày)"
    assert plan.name("en") == "Draft Plan 45/KH-UBND (no date)"


def test_a_word_draft(drafts: dict[str, Plan]) -> None:
    plan = drafts["docx"]
    assert plan.number == "" and not plan.meta_value("date")
    assert plan.citation().startswith("Dự thảo Kế hoạch thực hiện Nghị quyết số 247/2025/QH15")
    assert plan.citation().endswith("(chưa có số, chưa ghi ngày) của Ủy ban nhân dân tỉnh Ninh Bình")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("key", ["no_number", "no_date", "neither", "marked", "docx"])
def test_the_citation_and_the_brief_title(drafts: dict[str, Plan], key: str, lang: str) -> None:
    plan = drafts[key]
    for text in (plan.name(lang), plan.citation(lang), brief(plan, lang=lang).title):
        _clean(text)
    assert plan.citation(lang) in brief(plan, lang=lang).title
    vi = {"no_number": "(chưa có số)", "no_date": "(chưa ghi ngày)", "marked": "(chưa ghi ngày)"}
    en = {"no_number": "(no number)", "no_date": "(no date)", "marked": "(no date)"}
    said = (vi if lang == "vi" else en).get(key, word("plan.draft", lang, doc_type="").split("(")[-1])
    assert said in plan.citation(lang)


@pytest.mark.parametrize("lang", LANGS)
def test_the_workbook_readme(drafts: dict[str, Plan], tmp_path: Path, lang: str) -> None:
    plan = drafts["neither"]
    path = tmp_path / f"plan132_workbook_{lang}.xlsx"
    write_workbook_for(plan, path, lang)
    sheet = openpyxl.load_workbook(path).worksheets[0]
    cells = {str(row[0]): row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert cells[word("readme.document", lang)] == plan.citation(lang)
    assert cells[word("readme.plan_date", lang)] == word("plan.no_date", lang)
    for row in sheet.iter_rows(values_only=True):
        for value in row:
            if value is not None:
                _clean(str(value))


def test_the_compare_id_names_the_file(drafts: dict[str, Plan]) -> None:
    plans = [drafts["neither"], drafts["docx"], drafts["no_date"]]
    assert compare.plan_ids(plans) == [
        "Dự thảo (chưa có số) · du_thao.md",
        "Dự thảo (chưa có số) · du_thao.docx",
        "45/KH-UBND · khong_ngay.md",
    ]
    assert compare.plan_ids(plans, "en")[0] == "Draft (no number) · du_thao.md"
    table = compare.plans_table(plans, compare.plan_ids(plans))
    assert table["plan_number"].tolist() == ["", "", "45/KH-UBND"]
    assert table["plan_date"].tolist()[:2] == ["", ""]
    labels = plan_labels(table, "en")
    assert labels["Dự thảo (chưa có số) · du_thao.md"].split("\n") == [
        "Ninh Bình · Draft (no number)",
        "du_thao.md",
    ]
    for text in [*compare.plan_ids(plans), *plan_labels(table, "vi").values(), *labels.values()]:
        _clean(text)


@pytest.mark.parametrize("lang", LANGS)
def test_plan132_check_prints_the_draft_name(
    drafts: dict[str, Plan], lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = drafts["neither"]
    assert main(["check", "--lang", lang, plan.path]) == 0
    out = capsys.readouterr().out
    first = out.splitlines()[0]
    assert first == word("validation.plan_named", lang, plan=plan.citation(lang))
    assert word("plan.draft", lang, doc_type="x").split(" x ")[0] in first  # "Dự thảo" / "Draft"
    _clean(out)
