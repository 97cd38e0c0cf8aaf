"""``plan132 diff`` of a draft and its final that differ in the body: objectives, a target, a sentence."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from docx import Document

from plan132lib.cli import main
from plan132lib.fields import read_csv

FOLDER = Path(__file__).resolve().parents[1] / "fixtures" / "documents" / "versions"
EXPECTED = json.loads((FOLDER / "expected.json").read_text(encoding="utf-8"))
OLD, NEW = FOLDER / EXPECTED["old"], FOLDER / EXPECTED["new"]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("diff_body")
    for name in ("a", "b"):
        assert main(["diff", str(OLD), str(NEW), "--out", str(out / name)]) == 0
    return out / "a", out / "b"


def test_the_diff_reports_exactly_the_body_changes(runs: tuple[Path, Path]) -> None:
    changes = read_csv(runs[0] / "changes.csv", "diff/changes")
    assert len(changes) == EXPECTED["n_changes"]
    target = changes[changes["change"] == "target_changed"]
    assert len(target) == 1
    row = target.iloc[0]
    assert (row["part"], row["section"], row["indicator"], row["value_before"], row["value_after"]) == (
        "objectives",
        "I",
        *(EXPECTED["target_changed"][k] for k in ("indicator", "value_before", "value_after")),
    )
    added = changes.loc[changes["change"] == "objective_added", "after"].tolist()
    assert added == EXPECTED["objective_added"]
    assert (
        changes.loc[changes["change"] == "objective_removed", "before"].tolist()
        == EXPECTED["objective_removed"]
    )
    reworded = changes[changes["change"] == "section_item_reworded"]
    assert [
        {"section": r.section, "before": r.before, "after": r.after} for r in reworded.itertuples()
    ] == EXPECTED["section_item_reworded"]
    meta = changes[changes["change"] == "meta_changed"]
    assert [{"field": r.field, "before": r.before, "after": r.after} for r in meta.itertuples()] == EXPECTED[
        "meta_changed"
    ]
    assert changes[changes["part"].isin(["tasks", "groups", "duties"])].empty  # no appendix task change
    assert set(changes["change"]) == {
        "target_changed",
        "objective_added",
        "objective_removed",
        "section_item_reworded",
        "meta_changed",
    }


def test_ubnd_spelled_out_is_editorial_only(runs: tuple[Path, Path]) -> None:
    changes = read_csv(runs[0] / "changes.csv", "diff/changes")
    assert not changes["after"].str.contains("Ủy ban nhân dân tỉnh ban hành quy định").any()
    editorial = read_csv(runs[0] / "editorial.csv", "diff/editorial")
    assert [
        {"section": r.section, "before": r.before, "after": r.after} for r in editorial.itertuples()
    ] == EXPECTED["editorial"]
    assert set(editorial["change"]) == {"editorial"}
    summary = (runs[0] / "summary.md").read_text(encoding="utf-8")
    line = [x for x in summary.splitlines() if x.startswith("2 chỗ chỉ sửa về biên tập")]
    assert len(line) == 1 and "Mục II, điểm 1.2" in line[0] and "viết đầy đủ chữ viết tắt" in line[0]


def test_every_part_is_named_as_compared(runs: tuple[Path, Path]) -> None:
    for name, compared in (
        ("summary.md", "đã so sánh (cả hai phiên bản đều có)"),
        ("summary_en.md", "compared (both versions have it)"),
    ):
        text = (runs[0] / name).read_text(encoding="utf-8")
        listed = [x for x in text.splitlines() if x.startswith("- **") and x.endswith(compared)]
        for number in EXPECTED["sections"]:
            assert any(x.startswith(f"- **{number}. ") for x in listed), (name, number)
        assert len(listed) == len(EXPECTED["sections"]) + 5  # preamble, objectives, funding, appendix, duties
    vi = (runs[0] / "summary.md").read_text(encoding="utf-8")
    assert "Mục II, điểm 2.1 · Sửa đổi câu chữ" in vi and "Mục IV, điểm" not in vi
    assert (
        "Mục I, điểm 2.3 · Thay đổi chỉ tiêu:** Tỷ lệ giải ngân vốn đầu tư công năm 2026: ~~100%~~ → "
        "**trên 90%**" in vi
    )
    order = [
        vi.index(h)
        for h in (
            "## Chỉ tiêu thay đổi",
            "## Mục tiêu bổ sung",
            "## Mục tiêu bãi bỏ",
            "## Mục tiêu, nội dung các mục được viết lại",
            "## Thông tin văn bản",
            "## Sửa đổi về biên tập",
        )
    ]
    assert order == sorted(order)  # targets first, then additions and removals, rewordings, editorial last


def test_no_chart_is_promised_when_none_is_written(
    runs: tuple[Path, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert not list(runs[0].glob("changes_by_group_*"))  # no task of the appendix changed
    assert main(["diff", str(OLD), str(NEW), "--out", str(tmp_path / "c")]) == 0
    said = capsys.readouterr().out
    assert "biểu đồ" not in said and "summary" not in said and "Word" in said


def test_the_word_summary_strikes_and_underlines(runs: tuple[Path, Path]) -> None:
    doc = Document(str(runs[0] / "summary.docx"))
    runs_ = [r for p in doc.paragraphs for r in p.runs]
    struck = [r.text.strip() for r in runs_ if r.font.strike]
    underlined = [r.text.strip() for r in runs_ if r.underline]
    assert "100%" in struck and "trên 90%" in underlined
    assert "đơn giản hóa" in struck and any("cắt giảm ít nhất 20%" in u for u in underlined)
    assert Document(str(runs[0] / "summary_en.docx")).core_properties.language == "en"


def test_the_outputs_are_byte_identical_run_to_run(runs: tuple[Path, Path]) -> None:
    first, second = runs
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    for name in names:
        if name != "MANIFEST":
            assert (first / name).read_bytes() == (second / name).read_bytes(), name
    with zipfile.ZipFile(first / "summary.docx") as z:
        assert {i.date_time for i in z.infolist()} == {z.infolist()[0].date_time}
