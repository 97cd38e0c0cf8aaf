"""Tables as a reader sees them: words for codes, Có/Không, dd/mm/yyyy, headers (render.readable)."""

from __future__ import annotations

import datetime
import re

import pandas as pd
import pytest

from plan132lib.analysis import coverage, network, workload
from plan132lib.fields import header
from plan132lib.ingest.validation import findings
from plan132lib.render.readable import column_kind, number_format, readable, source_ref_text, styled

SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")
CODES = {
    "lead",
    "coordinate",
    "commune_level",
    "department",
    "collective",
    "warning",
    "info",
    "covered",
    "partial",
    "missing",
    "not_applicable",
    "breakthrough",
    "due_2026",
    "to_2030",
    "TEXT",
    "NEWS",
    "INFERRED",
    "yes",
    "no",
    "partly",
    "True",
    "False",
    "range",
    "year",
    "at_least",
    "exact",
}


@pytest.fixture(scope="module")
def frames(plan) -> dict[str, pd.DataFrame]:
    """Every table of the plan and the analyses a reader is shown."""
    review = coverage.review_for(plan)
    assert review is not None
    return {
        **plan.tables(),
        "workload": workload.agency_workload(plan),
        "flags": workload.task_flags(plan),
        "timeline": workload.active_by_year(plan),
        "concentration": workload.concentration(plan),
        "duties_vs_tasks": workload.duties_vs_tasks(plan),
        "findings": findings(plan, "vi"),
        "measures": network.agency_measures(plan, "drop"),
        "hubs": network.hubs_and_brokers(plan, "drop"),
        **coverage.coverage_tables(review),
    }


def _cells(frame: pd.DataFrame) -> list[str]:
    return [v for column in frame.columns for v in frame[column] if isinstance(v, str)]


def test_no_code_or_snake_case_where_a_reader_looks(frames) -> None:
    for name, frame in frames.items():
        if name == "coverage_matrix":  # a pivot: its cells are strengths, its columns task ids
            continue
        for lang in ("vi", "en"):
            shown = readable(frame, lang)
            cells = _cells(shown) + [str(c) for c in shown.columns]
            assert [c for c in cells if SNAKE.search(c)] == [], (name, lang)
            if lang == "vi":
                assert sorted({c for c in cells if c in CODES}) == [], name


def test_codes_read_as_words_in_both_languages(plan) -> None:
    vi, en = readable(plan.assignments, "vi"), readable(plan.assignments, "en")
    assert set(vi[header("kind")]) >= {"UBND cấp xã", "Sở, ngành"}
    assert set(en[header("kind", "en")]) >= {"Commune-level committee", "Department"}
    assert set(vi[header("role")]) == {"Chủ trì", "Phối hợp"}
    assert set(vi[header("is_collective")]) == {"Có", "Không"}
    assert set(en[header("known", "en")]) <= {"Yes", "No"}
    assert len(vi) == len(plan.assignments) and vi.index.equals(plan.assignments.index)


def test_headers_come_from_fields_and_unknown_columns_stay(plan) -> None:
    raci = workload.raci_matrix(plan)
    shown = readable(raci)
    assert list(shown.columns) == list(raci.columns)  # task ids are not registered columns
    assert list(readable(plan.tasks.head(1)).columns) == [header(c) for c in plan.tasks.columns]
    assert list(readable(plan.tasks.head(1), headers=False).columns) == list(plan.tasks.columns)


def test_places_in_the_source_in_vietnamese() -> None:
    assert source_ref_text("page 4, row 5") == "trang 4, dòng 5"
    assert source_ref_text("line 12") == "dòng 12"
    assert source_ref_text("table 2, row 5; table 2, row 6") == "bảng 2, dòng 5; bảng 2, dòng 6"
    assert source_ref_text("paragraph 12") == "đoạn 12"
    assert source_ref_text("Phụ lục!A7") == "Phụ lục!A7"
    assert source_ref_text("page 4, row 5", "en") == "page 4, row 5"


def test_the_tables_keep_their_codes(plan) -> None:
    before = plan.tasks.copy()
    readable(plan.tasks)
    pd.testing.assert_frame_equal(plan.tasks, before)
    assert plan.tasks["source_ref"].str.startswith("line ").all()


def test_dates_as_a_vietnamese_reader_writes_them(plan) -> None:
    vi = readable(plan.tasks, "vi", headers=False)
    assert "31/12/2026" in set(vi["due_date"]) and "" in set(vi["due_date"])
    assert "2026-12-31" in set(readable(plan.tasks, "en", headers=False)["due_date"])
    as_dates = readable(plan.tasks, headers=False, dates="date")["due_date"]
    assert datetime.date(2026, 12, 31) in set(as_dates)
    meta = readable(plan.meta, headers=False)
    assert meta.loc[meta["field"] == "Ngày ban hành", "value"].tolist() == ["16/04/2026"]


def test_findings_and_formulas_in_words(frames) -> None:
    shown = readable(frames["findings"], headers=False)
    assert "Cảnh báo" in set(shown["severity"]) and not set(shown["check"]) & set(frames["findings"]["check"])
    concentration = readable(frames["concentration"], headers=False)
    assert concentration["measure"].tolist()[1] == "Chỉ số tập trung HHI"
    assert "lead_weight" not in " ".join(concentration["formula"])


def test_multi_valued_cells_translate_each_code(frames) -> None:
    links = frames["coverage_task_links"]
    shown = readable(links, headers=False)
    joined = "breakthrough | due_2026 | to_2030"
    assert shown.loc[links["groups"] == joined, "groups"].tolist() == [
        "Nhiệm vụ đột phá | Hoàn thành trong năm 2026 | Thực hiện đến năm 2030"
    ]


def test_number_formats_by_column(frames) -> None:
    assert number_format("share_covered") == number_format("lead_share") == "0.0%"
    assert number_format("lead_weight") == "0.0" and number_format("betweenness") == "0.000"
    assert number_format("n_lead") == number_format("end_year") == "0"
    assert number_format("due_date") == "dd/mm/yyyy" and number_format("due_date", "en") == "yyyy-mm-dd"
    assert number_format("content") is None and column_kind("open_ended") == "bool"
    assert column_kind("made_up", pd.Series([0.5])) == "decimal"


def test_styled_for_a_notebook(frames) -> None:
    html = styled(frames["workload"]).to_html()
    assert "text-align: left" in html and "Tỷ trọng tải chủ trì" in html
    assert "24,7%" in html and "0.247126" not in html  # a share as a Vietnamese percentage
    with pytest.raises(ValueError, match="lang"):
        readable(frames["workload"], "fr")
