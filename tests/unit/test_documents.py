"""Plans as people have them: Word, PDF and Excel read into the same tables as the text export.

The fixture documents are made by ``tools/make_fixtures.py`` (``tests/fixtures/documents/``):
Plan 132 as Word, as a PDF exported from that Word file by LibreOffice, and as an Excel
appendix; and an invented plan of another province (Ninh Bình, Kế hoạch 58/KH-UBND) in a
layout unlike Plan 132's: a two-row header, a row of column numbers, Roman group rows past
X, a running number with sub-task letters in a second column, a group row with its own lead
and deadline, a lead merged down over a group, agencies one per paragraph, role phrases, a
contact person and a phone number, and a row split across two PDF pages.
``ninhbinh_58.expected.json`` holds what a person reads in that document, task by task.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from plan132lib import load_plan
from plan132lib.ingest.timeline import parse_timeline

DOCS = Path(__file__).resolve().parents[1] / "fixtures" / "documents"
EXPECTED = json.loads((DOCS / "ninhbinh_58.expected.json").read_text(encoding="utf-8"))
#: Columns that say where a row stands: they differ between formats by design.
PLACE_COLUMNS = {
    "source_line",
    "source_lines",
    "group_source_line",
    "source_line_end",
    "heading_line",
    "source_ref",
}
APPENDIX_TABLES = ("groups", "tasks", "assignments", "targets")


def without_places(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.drop(columns=[c for c in frame.columns if c in PLACE_COLUMNS]).reset_index(drop=True)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def text_plan():
    return load_plan()


@pytest.fixture(scope="module", params=["docx", "pdf", "xlsx"])
def ninh_binh(request):
    return request.param, load_plan(DOCS / f"ninhbinh_58.{request.param}")


# ------------------------------------------------------------------ Plan 132 in every format


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_plan132_as_word_or_pdf_gives_the_text_exports_tables(text_plan, kind):
    plan = load_plan(DOCS / f"plan132.{kind}")
    assert plan.kind == kind
    for name, frame in text_plan.tables().items():
        if name == "meta":
            continue
        pd.testing.assert_frame_equal(without_places(plan.tables()[name]), without_places(frame), obj=name)
    for field in ("number", "date", "place", "doc_type", "title", "signer_name"):
        assert plan.meta_value(field) == text_plan.meta_value(field), field
    assert plan.meta_values("implements") == text_plan.meta_values("implements")
    assert plan.meta_values("recipient") == text_plan.meta_values("recipient")


def test_plan132_as_an_excel_appendix_gives_the_appendix_tables(text_plan):
    plan = load_plan(DOCS / "plan132.xlsx")
    for name in APPENDIX_TABLES:
        pd.testing.assert_frame_equal(
            without_places(plan.tables()[name]), without_places(text_plan.tables()[name]), obj=name
        )
    # An appendix alone is a plan: its facts come from the title rows.
    assert plan.meta_value("number") == "132/KH-UBND"
    assert plan.meta_value("date") == "2026-04-16"
    assert plan.meta_value("issuer") == "Ủy ban nhân dân tỉnh Hưng Yên"
    assert plan.province == "Hưng Yên"
    assert plan.duties.empty and plan.sections.empty


@pytest.mark.parametrize(
    "kind,pattern",
    [
        ("docx", r"table \d+, row \d+"),
        ("pdf", r"page \d+, row \d+"),
        ("xlsx", r"Phụ lục!A\d+"),
        ("text", r"line \d+"),
    ],
)
def test_every_task_row_says_where_it_stands(kind, pattern):
    plan = load_plan(None if kind == "text" else DOCS / f"plan132.{kind}")
    assert plan.tasks["source_ref"].str.fullmatch(rf"{pattern}(?:; {pattern})*").all()
    assert plan.assignments["source_ref"].str.fullmatch(pattern).all()


def test_trace_shows_the_original_row_in_any_format(text_plan):
    for path in (None, DOCS / "plan132.docx", DOCS / "plan132.xlsx", DOCS / "plan132.pdf"):
        plan = load_plan(path)
        trace = plan.trace("2.3")
        assert list(trace.columns) == ["source_ref", "text"]
        assert "Nhóm nhiệm vụ về khắc phục" in trace["text"].iloc[0]
        assert "Tăng cường thu gom, xử lý nước thải sinh hoạt" in " ".join(trace["text"])


def test_show_cuts_the_row_out_of_the_pdf_page():
    plan = load_plan(DOCS / "plan132.pdf")
    image = plan.show("1.3")
    assert image.width > 400 and 20 < image.height < image.width
    with pytest.raises(ValueError, match="not a PDF"):
        load_plan(DOCS / "plan132.docx").show("1.3")


# ------------------------------------------------------------------ another province's layout


def test_foreign_plan_meta(ninh_binh):
    kind, plan = ninh_binh
    meta = EXPECTED["meta"]
    assert plan.meta_value("number") == meta["number"]
    assert plan.meta_value("date") == meta["date"]
    assert plan.province == "Ninh Bình"
    if kind != "xlsx":
        assert plan.meta_value("title") == meta["title"]
        assert plan.meta_value("signer_name") == meta["signer_name"]


def test_foreign_plan_groups_past_x(ninh_binh):
    _, plan = ninh_binh
    groups = plan.groups
    assert groups["group_label"].tolist() == [g["label"] for g in EXPECTED["groups"]]
    assert groups["group_title"].tolist() == [g["title"] for g in EXPECTED["groups"]]
    own = groups.set_index("group_label").loc["III"]
    assert own["lead_raw"] == "Sở Nông nghiệp và Môi trường"
    assert own["timeline_raw"] == "Theo từng mốc thời hạn dưới đây"


def _names(plan, task_id: str, role: str) -> list[str]:
    """The agencies of a task as written, role phrases put back where they stood."""
    rows = plan.assignments[(plan.assignments["task_id"] == task_id) & (plan.assignments["role"] == role)]
    out = []
    for r in rows.itertuples():
        if not r.role_note:
            out.append(r.raw_name)
        elif r.role_note[:1].isupper():
            out.append(f"{r.role_note} {r.raw_name}")
        else:
            out.append(f"{r.raw_name} {r.role_note}")
    return out


def test_foreign_plan_task_by_task(ninh_binh):
    kind, plan = ninh_binh
    tasks = plan.tasks.set_index("task_id")
    typed = {c["task"]: c["stored"] for c in EXPECTED["xlsx_typed_cells"]}
    # A lead cell merged down over a group's tasks: the first task's row holds the cell, the
    # others inherit its value.
    merged = [t for t in EXPECTED["tasks"] if t["lead_from"] == "merged_cell"]
    origins = {next(t["id"] for t in merged if t["group"] == g) for g in {t["group"] for t in merged}}
    assert list(tasks.index) == [t["id"] for t in EXPECTED["tasks"]]
    for want in EXPECTED["tasks"]:
        got = tasks.loc[want["id"]]
        assert squash(got["content"]) == squash(want["content"]), want["id"]
        assert _names(plan, want["id"], "lead") == want["lead"], want["id"]
        assert _names(plan, want["id"], "coordinate") == want["coordinate"], want["id"]
        inherits = want["inherited_lead"] and want["id"] not in origins
        assert ("lead" in got["inherited"].split(";")) == inherits, want["id"]
        if kind == "xlsx" and want["id"] in typed:  # a date cell shown by its format: 30/08/2026
            # (written 30/8/2026), Tháng 12/2026
            read, written = parse_timeline(got["timeline_raw"]), parse_timeline(want["deadline"])
            assert (read.kind, read.period, read.due_date) == (written.kind, written.period, written.due_date)
        else:
            assert squash(got["timeline_raw"]) == squash(want["deadline"]), want["id"]
        assert squash(got["product"]) == squash(want["product"]), want["id"]


def test_foreign_plan_contacts_are_kept_aside_and_never_published(ninh_binh):
    _, plan = ninh_binh
    kept = plan.extras.pivot(index="task_id", columns="column", values="value")
    for want in EXPECTED["tasks"]:
        if want["phone"]:
            assert kept.loc[want["id"], "Số điện thoại"] == want["phone"]
    published = " ".join(frame.astype(str).to_csv() for frame in plan.tables().values())
    phones = [t["phone"] for t in EXPECTED["tasks"] if t["phone"]]
    assert phones and not any(p in published for p in phones)


def test_foreign_plan_agencies_match_the_standard_bodies(ninh_binh):
    _, plan = ninh_binh
    by_raw = plan.assignments.drop_duplicates("raw_name").set_index("raw_name")["agency_id"]
    assert by_raw["Ban Quản lý các khu công nghiệp tỉnh Ninh Bình"] == "bql-kcn"
    assert by_raw["Sở Nông nghiệp và Môi trường (Văn phòng Đăng ký đất đai và các Chi nhánh)"] == "so-nnmt"
    names = plan.agencies.set_index("agency_id")["name"]
    assert names["bql-kcn"] == "Ban Quản lý các khu công nghiệp tỉnh Ninh Bình"
    assert not plan.agencies["name"].str.contains("Hưng Yên").any()


@pytest.mark.parametrize("kind", ["docx", "pdf"])  # the Excel file holds the appendix alone
def test_foreign_plan_section_iv(kind):
    plan = load_plan(DOCS / f"ninhbinh_58.{kind}")
    duties = plan.duties
    assert duties.drop_duplicates("item")["heading"].tolist() == [d["heading"] for d in EXPECTED["duties"]]
    assert [squash(t) for t in duties["text"]] == [squash(t) for d in EXPECTED["duties"] for t in d["duties"]]
