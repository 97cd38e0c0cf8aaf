"""Two versions of one plan: what changed, task by task, matched by content and not by number."""

from __future__ import annotations

import itertools
import random
import time
from pathlib import Path

import pandas as pd
import pytest
from fixtures.make_amended import FOLDER, NEW_DUTY, NEW_TASK, VERSIONS, renumbered_text, source_text
from variants import _split, _task_rows, many_tasks

from plan132lib import Plan, load_plan
from plan132lib.analysis import versions
from plan132lib.analysis.versions import CHANGE_COLUMNS, all_changes, changes, word_diff

DOCUMENTS = Path(__file__).resolve().parents[1] / "fixtures" / "documents"
TAB = "\t"


def _load(tmp_path: Path, name: str, text: str, registry) -> Plan:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_plan(path, registry=registry)


def _rows(frame: pd.DataFrame) -> list[tuple[str, str, str, str]]:
    return list(frame[["change", "old_task_id", "new_task_id", "field"]].itertuples(index=False, name=None))


def _line(text: str, starts: str) -> str:
    """The one line of the text export that starts with ``starts``."""
    found = [line for line in text.split("\n") if line.startswith(starts)]
    assert len(found) == 1, starts
    return found[0]


@pytest.fixture(scope="module")
def amended(registry) -> Plan:
    return load_plan(FOLDER / "ke-hoach-132-sua-doi.md", registry=registry)


# ---------------------------------------------------------------- the acceptance test of the issue


def test_the_same_plan_twice_has_no_change(plan: Plan) -> None:
    frame = all_changes(plan, plan)
    assert frame.empty and list(frame.columns) == CHANGE_COLUMNS


def test_the_amended_copy_gives_every_change_and_nothing_else(plan: Plan, amended: Plan) -> None:
    frame = all_changes(plan, amended)
    assert _rows(frame) == [
        ("meta_changed", "", "", "number"),
        ("meta_changed", "", "", "date"),
        ("meta_changed", "", "", "signer_name"),
        ("timeline_changed", "1.1", "1.1", "timeline_raw"),
        ("lead_changed", "1.5", "1.5", "lead_raw"),
        ("coordinate_changed", "2.2", "2.2", "coordinate_raw"),
        ("target_changed", "2.3", "2.3", "target"),
        ("added", "", "3.1", "content"),  # inserted at the head of group 3 …
        *[("renumbered", f"3.{k}", f"3.{k + 1}", "task_id") for k in range(1, 7)],  # … the rest move down
        ("reworded", "5.3", "5.3", "content"),
        ("removed", "6.2", "", "content"),  # removed from group 6 …
        *[("renumbered", f"6.{k}", f"6.{k - 1}", "task_id") for k in range(3, 6)],  # … the rest move up
        ("duty_reworded", "IV.7.2", "IV.7.2", "text"),
        ("duty_added", "", "IV.8.3", "text"),
    ]
    by = frame.set_index(["change", "old_task_id", "new_task_id"])
    assert by.loc[("meta_changed", "", ""), ["before", "after"]].values.tolist() == [
        ["132/KH-UBND", "150/KH-UBND"],
        ["2026-04-16", "2026-05-20"],
        ["Nguyễn Hùng Nam", "Trần Văn Minh"],
    ]
    assert by.loc[("timeline_changed", "1.1", "1.1"), ["before", "after"]].tolist() == ["2026", "2027"]
    assert by.loc[("lead_changed", "1.5", "1.5"), ["before", "after"]].tolist() == [
        "Sở Khoa học và Công nghệ",
        "Sở Công Thương",
    ]
    coordinators = by.loc[("coordinate_changed", "2.2", "2.2"), "after"]
    assert coordinators == "Sở Nông nghiệp và Môi trường, Công an tỉnh"
    target = by.loc[("target_changed", "2.3", "2.3")]
    assert "khoảng 70%" in target["before"] and "khoảng 80%" in target["after"]
    assert by.loc[("added", "", "3.1"), "after"] == NEW_TASK
    assert by.loc[("removed", "6.2", ""), "before"].startswith("Thực hiện các nhiệm vụ và giải pháp chủ yếu")
    assert by.loc[("duty_added", "", "IV.8.3"), "after"] == NEW_DUTY
    # a renumbered task says the same in both versions; a changed one is less than identical
    for r in frame.loc[frame["change"] == "renumbered"].itertuples():
        old_text = plan.tasks.set_index("task_id").loc[r.old_task_id, "content"]
        assert amended.tasks.set_index("task_id").loc[r.new_task_id, "content"] == old_text
        assert r.similarity == 1.0
    reworded = by.loc[("reworded", "5.3", "5.3")]
    assert versions.MIN_SIMILARITY < reworded["similarity"] < 1
    unpaired = frame["change"].isin(["added", "removed", "meta_changed", "duty_added"])
    assert frame.loc[unpaired, "similarity"].isna().all()


def test_the_fixture_files_are_current() -> None:
    for name, make in VERSIONS.items():
        current = (FOLDER / name).read_text(encoding="utf-8") == make()
        assert current, f"{name}: run python tests/fixtures/make_amended.py"


def test_renumbering_is_reported_as_renumbered_and_nothing_else(plan: Plan, tmp_path: Path, registry) -> None:
    renumbered = _load(tmp_path, "renumbered.md", renumbered_text(), registry)
    frame = all_changes(plan, renumbered)
    assert set(frame["change"]) == {"renumbered"}
    moved = plan.tasks["task_id"] != renumbered.tasks["task_id"]  # the same tasks, in the same order
    assert frame["old_task_id"].tolist() == plan.tasks.loc[moved, "task_id"].tolist()
    assert frame["new_task_id"].tolist() == renumbered.tasks.loc[moved, "task_id"].tolist()
    assert ("2.1", "2.7") in list(zip(frame["old_task_id"], frame["new_task_id"], strict=True))


def test_two_tasks_swapped_are_two_renumberings(plan: Plan, tmp_path: Path, registry) -> None:
    text = source_text()
    second = _line(text, "2\tĐầu tư xây dựng công trình xử lý nước thải")
    third = _line(text, "3\tNâng cao năng lực")
    swapped = text.replace(second, "\0").replace(third, "3" + second[1:]).replace("\0", "2" + third[1:])
    frame = all_changes(plan, _load(tmp_path, "swapped.md", swapped, registry))
    assert _rows(frame) == [("renumbered", "1.3", "1.2", "task_id"), ("renumbered", "1.2", "1.3", "task_id")]


def test_a_task_moved_to_another_group_and_a_group_renamed(plan: Plan, tmp_path: Path, registry) -> None:
    text = source_text()
    last = _line(text, "6\tChủ động di dời các cơ sở sản xuất")
    group_2 = "<b>Nhóm nhiệm vụ về khắc phục, cải thiện chất lượng môi trường</b>"
    text = text.replace(last + "\n", "").replace(group_2, group_2.replace("khắc phục", "khắc phục ô nhiễm"))
    six = _line(text, "6\tQuản lý chặt chẽ chất thải phát sinh")
    text = text.replace(six, six + "\n7" + last[1:])
    new = _load(tmp_path, "moved.md", text, registry)
    frame = all_changes(plan, new)
    assert _rows(frame) == [
        ("group_renamed", "2", "2", "group_title"),
        ("renumbered", "1.6", "2.7", "task_id"),
        ("group_changed", "1.6", "2.7", "group_title"),
    ]
    moved = frame.iloc[2]
    assert moved["before"] == plan.groups.loc[0, "group_title"]
    assert moved["after"] == new.groups.loc[1, "group_title"]


def test_section_iv_duty_moved_and_a_heading_changed(plan: Plan, tmp_path: Path, registry) -> None:
    text = source_text()
    duty = "- Tư vấn tiêu chuẩn - quy chuẩn kỹ thuật cho các dự án về môi trường, tài nguyên, năng lượng.\n"
    text = text.replace("\n" + duty, "").replace("3. Sở Xây dựng:\n", "3. Sở Xây dựng:\n\n" + duty)
    text = text.replace("#### 8. Công an tỉnh:", "#### 8. Công an tỉnh, Sở Tư pháp:")
    frame = versions.duty_changes(plan, _load(tmp_path, "duties.md", text, registry))
    assert _rows(frame) == [
        ("duty_renumbered", "IV.7.3", "IV.3.1", "duty_no"),
        ("duty_moved", "IV.7.3", "IV.3.1", "heading"),
        *[("duty_renumbered", f"IV.3.{k}", f"IV.3.{k + 1}", "duty_no") for k in range(1, 5)],
        ("duty_heading_changed", "IV.8", "IV.8", "heading"),
    ]
    assert frame.iloc[1][["before", "after"]].tolist() == ["Sở Khoa học và Công nghệ", "Sở Xây dựng"]


# ---------------------------------------------------------------- across formats


@pytest.mark.parametrize("name", ["plan132.docx", "plan132.xlsx"])
def test_the_same_plan_in_another_format_has_the_same_tasks(plan: Plan, name: str, registry) -> None:
    other = load_plan(DOCUMENTS / name, registry=registry)
    assert changes(plan, other).empty and versions.group_changes(plan, other).empty
    skipped = versions.not_compared(plan, other)
    if name.endswith(".xlsx"):  # an appendix alone: no Section IV, no signer to compare
        assert {"duties", "signer_name", "title"} <= set(skipped["part"])
        assert skipped["in_old"].all() and not skipped["in_new"].any()
        assert versions.meta_changes(plan, other).empty and versions.duty_changes(plan, other).empty
    else:
        assert skipped.empty and versions.duty_changes(plan, other).empty


def test_an_old_pdf_against_a_new_text_gives_the_same_changes(plan: Plan, amended: Plan, registry) -> None:
    old_pdf = load_plan(DOCUMENTS / "plan132.pdf", registry=registry)
    for part in (changes, versions.duty_changes):
        from_pdf, from_text = part(old_pdf, amended), part(plan, amended)
        assert _rows(from_pdf) == _rows(from_text)
        assert from_pdf["similarity"].equals(from_text["similarity"])


# ---------------------------------------------------------------- the pieces


def test_word_diff_marks_the_changed_words_and_gives_both_texts_back() -> None:
    before = "Lồng ghép, tích hợp nội dung giáo dục bảo vệ môi trường vào chương trình giáo dục mầm non."
    after = (
        "Lồng ghép nội dung giáo dục bảo vệ môi trường, ứng phó với biến đổi khí hậu "
        "vào chương trình mầm non."
    )
    runs = word_diff(before, after)
    assert "".join(t for op, t in runs if op != "insert") == before
    assert "".join(t for op, t in runs if op != "delete") == after
    assert [t.strip() for op, t in runs if op == "delete"] == [", tích hợp", "giáo dục"]
    assert [t.strip() for op, t in runs if op == "insert"] == [", ứng phó với biến đổi khí hậu"]
    assert {op for op, _ in runs} == {"equal", "delete", "insert"}
    assert all(a[0] != b[0] for a, b in itertools.pairwise(runs))  # runs of one kind are merged
    decomposed = "ho\u0302\u0300 so\u031b"  # "hồ sơ" typed with combining marks
    assert word_diff(decomposed, "hồ sơ") == [("equal", "hồ sơ")]
    assert word_diff("", "mới") == [("insert", "mới")]


def test_similarity_is_a_rounded_share_of_words() -> None:
    text = "Tăng cường công tác kiểm tra, thanh tra về bảo vệ môi trường."
    # case and punctuation do not count
    assert versions.similarity(text, text.upper().replace(",", "")) == 1.0
    value = versions.similarity(text, text.replace("kiểm tra, thanh tra", "thanh tra"))
    assert 0.8 < value < 1 and value == round(value, 3)
    assert versions.similarity(text, "Xây dựng cơ sở dữ liệu chất thải rắn.") < versions.MIN_SIMILARITY


Words = tuple[str, ...]


def _greedy(old: list[Words], new: list[Words], threshold: float) -> dict[int, tuple[int, float]]:
    """Pairing by brute force: every pair's ratio, best first, ties by position."""
    everything = sorted(
        (-versions.similarity(" ".join(a), " ".join(b)), abs(i - j), i, j)
        for i, a in enumerate(old)
        for j, b in enumerate(new)
    )
    pairs: dict[int, tuple[int, float]] = {}
    for sim, _, i, j in everything:
        if -sim >= threshold and i not in pairs and j not in {k for k, _ in pairs.values()}:
            pairs[i] = (j, -sim)
    return pairs


def test_the_quick_pairing_is_the_brute_force_one() -> None:
    rng = random.Random(132)
    vocabulary = ["xử", "lý", "nước", "thải", "chất", "rắn", "môi", "trường", "khí", "bụi", "đô", "thị"]
    for _ in range(60):
        old = [tuple(rng.choices(vocabulary, k=rng.randint(1, 9))) for _ in range(rng.randint(0, 12))]
        new = [tuple(rng.choices(vocabulary, k=rng.randint(1, 9))) for _ in range(rng.randint(0, 12))]
        new += rng.sample(old, k=len(old) // 2)
        assert versions.pair(old, new) == _greedy(old, new, versions.MIN_SIMILARITY)


def test_two_200_task_plans_compare_in_well_under_a_second(tmp_path: Path, registry) -> None:
    text = many_tasks(source_text(), n_tasks=200, per_group=20)
    body, appendix = _split(text)

    def reword(cells: list[str]) -> list[str]:
        cells[1] = cells[1].rstrip(".") + " trên địa bàn tỉnh."
        return cells

    old = _load(tmp_path, "old.md", text, registry)
    new = _load(tmp_path, "new.md", body + _task_rows(appendix, reword), registry)
    assert len(old.tasks) == len(new.tasks) == 200
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        frame = changes(old, new)
        best = min(best, time.process_time() - start)
    assert best < 1.0, f"{best:.2f} s"
    # every task reworded in place: paired with itself although ten of each text are alike
    assert set(frame["change"]) == {"reworded"} and len(frame) == 200
    assert (frame["old_task_id"] == frame["new_task_id"]).all()


def test_changes_by_group_count_every_task_change(plan: Plan, amended: Plan) -> None:
    frame = changes(plan, amended)
    counts = versions.by_group(frame, plan, amended)
    assert counts["n"].sum() == len(frame)
    per = counts.set_index(["group_id", "change"])["n"]
    assert per[(3, "added")] == 1 and per[(3, "renumbered")] == 6
    assert per[(6, "removed")] == 1 and per[(6, "renumbered")] == 3
    assert counts["group_id"].is_monotonic_increasing


def test_a_group_dropped_whole_counts_apart(plan: Plan, tmp_path: Path, registry) -> None:
    lines = source_text().split("\n")
    heading = "<b>Nhóm nhiệm vụ về nâng cao hiệu quả tuân thủ"
    at = next(k for k, line in enumerate(lines) if line.startswith(heading))
    new = _load(
        tmp_path, "dropped.md", "\n".join(lines[:at] + lines[at + 3 :]), registry
    )  # heading, 4.1, 4.2
    frame = changes(plan, new)
    assert frame.loc[frame["change"] == "removed", "old_task_id"].tolist() == ["4.1", "4.2"]
    assert set(frame["change"]) == {"removed", "renumbered"}
    counts = versions.by_group(frame, plan, new)
    last = counts.iloc[-1]
    assert pd.isna(last["group_id"]) and last["change"] == "removed" and last["n"] == 2
    assert last["group_title"] == plan.groups.loc[3, "group_title"]
    assert counts["group_id"].dropna().tolist() == [4, 5]  # groups 5 and 6, renumbered


def test_every_change_and_field_has_a_name_for_readers(plan: Plan, amended: Plan) -> None:
    for lang in ("vi", "en"):
        names = versions.labels(lang)
        assert list(names) == list(versions.CHANGES) and len(set(names.values())) == len(names)
        assert not any("_" in n for n in names.values())
    assert versions.label("reworded") == "Sửa đổi nội dung"
    assert versions.label("renumbered", "en") == "Renumbered"
    fields = set(all_changes(plan, amended)["field"])
    named = {versions.field_label(f) for f in fields}
    assert {"Người ký", "Chỉ tiêu", "Cơ quan chủ trì (nguyên văn)"} <= named
    assert not any("_" in versions.field_label(f, lang) for f in fields for lang in ("vi", "en"))
