"""plan132 review: the comment memo on a draft (góp ý dự thảo, issue 26 item 6).

Every comment names a real task or item of the draft it is about (a removed task: of the previous
version), the lead comments are exactly the tasks the findings flag, a draft without gaps gets
none, and the Word letter has the Nghị định 30 header, Times New Roman 13 pt and the same bytes
on every run."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Pt

from plan132lib import load_plan
from plan132lib.analysis import coverage
from plan132lib.analysis.findings import findings_of
from plan132lib.cli import main
from plan132lib.ingest.tables import bundled_plan_path
from plan132lib.render.brief_docx import BODY_PT, FONT, NATION_PT
from plan132lib.render.review_memo import KINDS, TASK_KINDS, comments, memo_docx, paragraphs, write_memo

TESTS = Path(__file__).resolve().parents[1]
NINHBINH = TESTS / "fixtures" / "documents" / "ninhbinh_58.docx"
AMENDED = TESTS / "fixtures" / "documents" / "amended" / "ke-hoach-132-sua-doi.md"
MINIMAL = TESTS / "bad" / "ok_minimal.md"
LEADS = {"collective_lead", "collective_lead_with", "several_leads"}


def _minimal(tmp_path: Path, *, clean: bool, last: str = "2026 - 2028") -> Path:
    """ok_minimal.md edited: its period named (2026–2028); ``clean``: two tasks, each with one named
    lead and a named coordinator, dated, the duties section naming exactly the bodies assigned."""
    text = MINIMAL.read_text(encoding="utf-8").replace(
        "### Thử nghiệm bộ đọc kế hoạch theo", "### Thử nghiệm bộ đọc kế hoạch giai đoạn 2026 - 2028 theo"
    )
    if clean:
        text = text[: text.index("TT\tNội dung")] + (
            "TT\tNội dung thực hiện\tCơ quan chủ trì\tCơ quan phối hợp\tTiến độ\tGhi chú\n"
            "<b>Nhóm nhiệm vụ về phòng ngừa ô nhiễm</b>\t\t\t\t\t\n"
            "1\tRà soát kế hoạch giảm phát thải khí nhà kính.\tSở Nông nghiệp và Môi trường"
            "\tSở Xây dựng\t2026\t\n"
            "2\tĐầu tư công trình xử lý nước thải đô thị.\tSở Xây dựng\tSở Nông nghiệp và Môi trường"
            f"\t{last}\t\n"
        )
    path = tmp_path / f"ok_{'clean' if clean else 'gaps'}_{last[-4:]}.md"
    path.write_text(text, encoding="utf-8")
    return path


def _assert_real(plan, found_comments, previous=None, review=None) -> None:
    """Each comment names a task, a duty item, an agency or a catalogue entry the document holds."""
    tasks = set(plan.tasks["task_id"].astype(str))
    items = {".".join(p for p in (plan.duties_section, str(int(i))) if p) for i in plan.duties["item"]}
    for c in found_comments:
        assert c.kind in KINDS
        if c.kind == "task_removed":
            assert previous is not None and c.target_id in set(previous.tasks["task_id"].astype(str))
        elif c.kind in TASK_KINDS:
            assert c.target_id in tasks, c
            group = plan.tasks.set_index("task_id").at[c.target_id, "group_id"]
            assert c.section == ("previous" if c.kind == "target_lowered" else f"group:{group}")
        elif c.kind == "duties_only":
            assert c.target_id in items and c.fields["agency_id"] in set(plan.agencies["agency_id"]), c
        elif c.kind == "tasks_only":
            assert c.target_id in set(plan.agencies["agency_id"]), c
            assert set(c.fields["ids"].split(", ")) <= tasks, c
        elif c.kind == "tasks_collective":  # a whole group the duties section gives duties to
            assert c.target_id in set(plan.duty_agencies["agency_id"]), c
        elif c.kind == "coverage_missing":
            assert review is not None and c.target_id in set(coverage.coverage_table(review)["goal_id"])


@pytest.mark.parametrize("which", ["bundled", "ninhbinh", "minimal"])
def test_every_comment_names_a_real_task_or_item_and_the_leads_are_findings(which, plan, tmp_path) -> None:
    draft = {
        "bundled": lambda: plan,
        "ninhbinh": lambda: load_plan(NINHBINH),
        "minimal": lambda: load_plan(_minimal(tmp_path, clean=False)),
    }[which]()
    review = coverage.review_for(draft)
    found = findings_of(draft, review)
    selected = comments(draft, found, review)
    assert selected
    _assert_real(draft, selected, review=review)
    led = {c.target_id for c in selected if c.kind in LEADS}
    assert led == set(found.collective_lead) | set(found.several_leads)
    assert {c.target_id for c in selected if c.kind.startswith("collective_lead")} == set(
        found.collective_lead
    )
    assert [c.target_id for c in selected if c.kind == "open_ended"] == list(found.open_ended)

    def ids(kind: str) -> list[str]:
        return [c.target_id for c in selected if c.kind == kind]

    assert ids("no_coordinator") == list(found.no_specific_coordinator)
    duties_only = {c.fields["agency_id"] for c in selected if c.kind == "duties_only"}
    assert duties_only == set(found.duties_without_tasks)
    assert set(ids("tasks_only")) == set(found.tasks_without_duties) - set(found.duties_collectively)
    assert set(ids("tasks_collective")) == {groups[0] for groups in found.duties_collectively.values()}
    if review is not None:
        assert ids("coverage_missing") == list(found.coverage.missing_ids)
    for c in selected:  # the proposal never names a body the draft does not: "một cơ quan cụ thể"
        if c.kind == "collective_lead":
            assert "một cơ quan cụ thể chủ trì" in paragraphs([c])[0]
        if c.kind == "collective_lead_with":  # … or one the draft itself names as a lead of that task
            a = draft.assignments
            named = a.loc[(a["task_id"] == c.target_id) & (a["role"] == "lead"), "raw_name"]
            assert c.fields["first"].strip("“”") in {" ".join(str(n).split()) for n in named}, c


def test_a_draft_without_gaps_gets_no_comment_and_a_late_deadline_one(tmp_path) -> None:
    clean = load_plan(_minimal(tmp_path, clean=True))
    assert clean.period.named and clean.period.end == 2028
    assert comments(clean) == []
    doc = Document(io.BytesIO(memo_docx(clean, [])))
    assert any("không có ý kiến góp ý" in p.text for p in doc.paragraphs)
    late = load_plan(_minimal(tmp_path, clean=True, last="2026 - 2030"))
    (c,) = comments(late)
    assert (c.kind, c.target_id, c.fields["end"], c.fields["period_end"]) == (
        "after_period",
        "1.2",
        2030,
        2028,
    )
    assert "vượt quá thời kỳ của Kế hoạch (2026–2028)" in paragraphs([c])[0]


def test_a_removed_task_and_a_lowered_target_are_commented(plan) -> None:
    amended = load_plan(AMENDED)
    selected = comments(amended, previous=plan)
    _assert_real(amended, selected, previous=plan)
    removed = [c for c in selected if c.kind == "task_removed"]
    assert [c.target_id for c in removed] == ["6.2"] and removed[0].section == "previous"
    assert (
        "6.2" in paragraphs(removed)[0]
        and "Chương trình phát triển ngành công nghiệp môi trường" in paragraphs(removed)[0]
    )
    assert not [c for c in selected if c.kind == "target_lowered"]  # 70% → 80% is raised, no comment
    back = comments(plan, previous=amended)  # the other way: 80% → 70% is lowered, 3.1 removed
    _assert_real(plan, back, previous=amended)
    (lowered,) = [c for c in back if c.kind == "target_lowered"]
    assert (lowered.target_id, lowered.fields["before"], lowered.fields["after"]) == ("2.3", "80%", "70%")
    assert [c.target_id for c in back if c.kind == "task_removed"] == ["3.1"]


def test_unknown_change_codes_are_left_alone(plan) -> None:
    import pandas as pd

    amended = load_plan(AMENDED)
    frame = pd.DataFrame(
        [
            {
                "change": "objective_added",
                "old_task_id": "",
                "new_task_id": "M.1",
                "field": "",
                "before": "",
                "after": "x",
                "similarity": 1.0,
            },
            {
                "change": "removed",
                "old_task_id": "9.9",
                "new_task_id": "",
                "field": "content",
                "before": "?",
                "after": "",
                "similarity": float("nan"),
            },
        ]
    )
    assert [c for c in comments(amended, previous=plan, changes=frame) if c.section == "previous"] == []


def _runs(doc):
    cells = [p for t in doc.tables for cell in t._cells for p in cell.paragraphs]
    for paragraph in [*doc.paragraphs, *cells]:
        for run in paragraph.runs:
            if run.text.strip():
                yield paragraph, run, paragraph in cells


def test_the_letter_has_the_header_the_subject_and_times_new_roman(plan, tmp_path) -> None:
    path, selected = write_memo(plan, tmp_path / "gop-y.docx", "vi", review=coverage.review_for(plan))
    data = path.read_bytes()
    again, _ = write_memo(plan, tmp_path / "again.docx", "vi", review=coverage.review_for(plan))
    assert again.read_bytes() == data
    doc = Document(io.BytesIO(data))
    header = [p.text for cell in doc.tables[0]._cells for p in cell.paragraphs]
    assert header[0] == "[TÊN CƠ QUAN GÓP Ý]" and "Số: …/…" in header
    assert any(
        t.startswith("V/v góp ý dự thảo Kế hoạch triển khai thực hiện Nghị quyết số 247/2025/QH15")
        for t in header
    )
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header and "…, ngày … tháng … năm …" in header
    body = [p.text for p in doc.paragraphs]
    assert "Kính gửi: Ủy ban nhân dân tỉnh Hưng Yên" in body
    assert any(t.startswith("Trên đây là ý kiến góp ý của") for t in body)
    signature = [p.text for cell in doc.tables[-1]._cells for p in cell.paragraphs]
    assert "Nơi nhận:" in signature
    numbered = [t for t in body if t[:1].isdigit()]
    assert any(t.startswith("1.1. ") for t in numbered) and len(numbered) > len({c.section for c in selected})
    for c in selected:  # every task a comment names is in the letter by its number
        if c.kind in TASK_KINDS:
            assert any(f"Nhiệm vụ {c.target_id} (" in t for t in body), c
    for paragraph, run, in_cell in _runs(doc):
        assert run.font.name == FONT, run.text
        size = run.font.size or paragraph.style.font.size or doc.styles["Normal"].font.size
        least = Pt(NATION_PT) if in_cell else Pt(BODY_PT)  # the national name: 12 pt (Nghị định 30)
        assert size >= least, (run.text, size.pt)
    section = doc.sections[0]
    assert round(section.left_margin.mm) == 30 and round(section.page_width.mm) == 210


def test_the_english_letter(tmp_path) -> None:
    draft = load_plan(NINHBINH)
    path, _ = write_memo(draft, tmp_path / "memo.docx", "en")
    doc = Document(str(path))
    header = [p.text for cell in doc.tables[0]._cells for p in cell.paragraphs]
    assert header[0] == "[COMMENTING AGENCY]"
    assert any(t.startswith("Re: comments on the draft Plan: ") for t in header)
    assert "To: Ninh Bình Provincial People's Committee" in [p.text for p in doc.paragraphs]


def test_the_command_writes_the_letter_and_says_what_is_wrong(tmp_path, capsys) -> None:
    out = tmp_path / "gop-y.docx"
    assert main(["review", str(bundled_plan_path()), "--previous", str(AMENDED), "--out", str(out)]) == 0
    assert out.exists() and "gop-y.docx" in capsys.readouterr().out
    assert main(["review", str(tmp_path / "missing.md"), "--out", str(tmp_path / "x.docx")]) == 2
    assert "missing.md" in capsys.readouterr().err
    assert main(["review", str(bundled_plan_path()), "--out", str(tmp_path)]) == 2
    assert ".docx" in capsys.readouterr().err
    folder = tmp_path / "folder.docx"
    folder.mkdir()
    assert main(["review", str(bundled_plan_path()), "--out", str(folder), "--lang", "en"]) == 2
    assert "cannot write" in capsys.readouterr().err
