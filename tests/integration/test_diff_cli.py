"""``plan132 diff OLD NEW --out D`` as a user runs it: the files, the rows, the summaries."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from plan132lib.cli import main
from plan132lib.fields import read_csv
from plan132lib.ingest.tables import bundled_plan_path

DOCS = Path(__file__).resolve().parents[1] / "fixtures" / "documents"
AMENDED = DOCS / "amended" / "ke-hoach-132-sua-doi.md"
TASK_ROWS = ["change", "old_task_id", "new_task_id"]


def run(old: Path, new: Path, out: Path, *extra: str) -> int:
    return main(["diff", str(old), str(new), "--out", str(out), *extra])


@pytest.fixture(scope="module")
def diffed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("diff")
    assert run(bundled_plan_path(), AMENDED, out) == 0
    return out


def test_diff_writes_the_table_the_summaries_and_the_chart(diffed: Path) -> None:
    names = {p.name for p in diffed.iterdir()}
    assert {
        "changes.csv",
        "summary.html",
        "summary.md",
        "summary_en.html",
        "summary_en.md",
        "changes_by_group_vi.png",
        "changes_by_group_vi.svg",
        "changes_by_group_en.png",
    } <= names
    changes = read_csv(diffed / "changes.csv", "diff/changes")
    assert list(changes.columns) == [
        "change",
        "old_task_id",
        "new_task_id",
        "field",
        "before",
        "after",
        "similarity",
        "part",
        "section",
        "indicator",
        "value_before",
        "value_after",
    ]
    tasks = changes.loc[~changes["change"].str.startswith(("meta", "duty")), TASK_ROWS]
    # every edit of the amended copy, and nothing else: 3.1 inserted at the head of group 3 (so 3.1–3.6
    # only renumbered), 6.2 removed (6.3–6.5 only renumbered)
    assert sorted(map(tuple, tasks.to_numpy())) == sorted(
        [
            ("timeline_changed", "1.1", "1.1"),
            ("lead_changed", "1.5", "1.5"),
            ("coordinate_changed", "2.2", "2.2"),
            ("target_changed", "2.3", "2.3"),
            ("added", "", "3.1"),
            *[("renumbered", f"3.{i}", f"3.{i + 1}") for i in range(1, 7)],
            ("reworded", "5.3", "5.3"),
            ("removed", "6.2", ""),
            *[("renumbered", f"6.{i}", f"6.{i - 1}") for i in range(3, 6)],
        ]
    )
    meta = changes.loc[changes["change"] == "meta_changed"].set_index("field")
    assert meta.at["number", "before"] == "132/KH-UBND" and meta.at["number", "after"] == "150/KH-UBND"
    duties = changes.loc[changes["change"].str.startswith("duty"), "change"]
    assert set(duties) == {"duty_reworded", "duty_added"}


def test_the_summary_names_changes_in_words_and_marks_the_changed_words(diffed: Path) -> None:
    vi = (diffed / "summary.md").read_text(encoding="utf-8")
    assert "Có 21 thay đổi" in vi and "Bổ sung nhiệm vụ | 1" in vi
    assert "~~Sở Khoa học và Công nghệ~~ → **Sở Công Thương**" in vi
    assert "xử lý đạt khoảng ~~70~~ **80**%" in vi
    assert "lead_changed" not in vi and "renumbered" not in vi  # no codes where a reader looks
    page = (diffed / "summary_en.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "<del>70</del>" in page and "<ins>80</ins>" in page
    assert 'src="changes_by_group_en.png"' in page


def test_diff_across_formats_finds_the_same_task_changes(diffed: Path, tmp_path: Path) -> None:
    assert run(DOCS / "plan132.pdf", AMENDED, tmp_path) == 0
    across = read_csv(tmp_path / "changes.csv", "diff/changes")
    same = read_csv(diffed / "changes.csv", "diff/changes")

    def tasks(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.loc[~frame["change"].str.startswith("meta"), TASK_ROWS].reset_index(drop=True)

    pd.testing.assert_frame_equal(tasks(across), tasks(same))


def test_diff_of_a_plan_with_itself_is_empty_and_byte_identical(tmp_path: Path) -> None:
    for out in (tmp_path / "a", tmp_path / "b"):
        assert run(bundled_plan_path(), bundled_plan_path(), out) == 0
    assert read_csv(tmp_path / "a" / "changes.csv", "diff/changes").empty
    assert "Không có thay đổi nào" in (tmp_path / "a" / "summary.md").read_text(encoding="utf-8")
    for file in (tmp_path / "a").iterdir():
        assert file.read_bytes() == (tmp_path / "b" / file.name).read_bytes(), file.name


def test_a_missing_file_is_named_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path / "khong-co.pdf", AMENDED, tmp_path / "out") == 2
    assert "khong-co.pdf" in capsys.readouterr().err


def test_the_same_plan_as_text_and_as_word_has_no_change(tmp_path: Path) -> None:
    """Word prints the signer's title on two lines ("KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH"), the text on one."""
    assert run(bundled_plan_path(), DOCS / "plan132.docx", tmp_path) == 0
    assert read_csv(tmp_path / "changes.csv", "diff/changes").empty
