"""The crosswalk draft (plan132 crosswalk) and the review gate of load_crosswalk."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from plan132lib import load_plan
from plan132lib.analysis import coverage, crosswalk_draft
from plan132lib.analysis.catalogue import folded, load_catalogue, load_crosswalk
from plan132lib.cli import main
from plan132lib.errors import ReferenceDataError
from plan132lib.paths import CROSSWALK, RESOLUTION_CATALOGUE
from plan132lib.pipeline import notebooks
from plan132lib.render.crosswalk_sheet import SPARE_ROWS, write_draft

OTHER = Path(__file__).resolve().parents[1] / "fixtures" / "documents" / "ninhbinh_58.docx"
# Links of the bundled crosswalk the matcher finds at the threshold (their scores: 0.55, 0.61, 0.58, 0.65).
KNOWN = [("1.5", "NQ247-D2.3-l"), ("2.3", "NQ247-D2.3-j"), ("2.4", "NQ247-D2.3-a"), ("2.5", "NQ247-D2.2-b")]


@pytest.fixture(scope="module")
def catalogue() -> pd.DataFrame:
    return load_catalogue()


@pytest.fixture(scope="module")
def bundled_draft(plan, catalogue) -> pd.DataFrame:
    return crosswalk_draft.draft(plan, catalogue)


@pytest.fixture(scope="module")
def other():
    return load_plan(OTHER)


@pytest.fixture(scope="module")
def other_draft(other, catalogue) -> pd.DataFrame:
    return crosswalk_draft.draft(other, catalogue)


@pytest.fixture(scope="module")
def draft_xlsx(other, other_draft, tmp_path_factory) -> Path:
    return write_draft(other_draft, tmp_path_factory.mktemp("draft") / "draft.xlsx", other)


def _reviewed_xlsx(source: Path, target: Path, edit=None) -> Path:
    """A copy of a draft workbook, every row reviewed (full for a task's best score, else partial)."""
    wb = load_workbook(source)
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    col = {name: header.index(name) + 1 for name in header}
    seen = set()
    for row in range(2, ws.max_row + 1):
        task = ws.cell(row, col["task_id"]).value
        if task is None:
            continue
        ws.cell(row, col["strength"]).value = "partial" if task in seen else "full"
        ws.cell(row, col["status"]).value = "reviewed"
        seen.add(task)
    if edit is not None:
        edit(ws, col)
    wb.save(target)
    return target


# ------------------------------------------------------------------ the suggestions


def test_draft_of_the_bundled_plan(plan, catalogue, bundled_draft) -> None:
    d = bundled_draft
    assert list(d.columns) == [
        "task_id",
        "goal_id",
        "strength",
        "task_words",
        "goal_words",
        "note",
        "score",
        "task_text",
        "entry_text",
        "status",
    ]
    assert len(d) > 10 and (d["status"] == "suggested").all() and (d["strength"] == "").all()
    assert (d["note"] == "").all() and (d["score"] >= coverage.THRESHOLD).all()
    entries = catalogue.set_index("id")
    kinds = d["goal_id"].map(entries["entry_type"])
    assert set(kinds) <= {"task", "target"}
    assert "no" not in set(d["goal_id"].map(entries["applies_to_province"]))
    # task order, then score (highest first)
    order = {t: i for i, t in enumerate(plan.tasks["task_id"])}
    keys = list(zip(d["task_id"].map(order), -d["score"], strict=True))
    assert keys == sorted(keys)
    content = plan.tasks.set_index("task_id")["content"]
    for row in d.itertuples():
        assert row.task_text == content[row.task_id]
        assert row.entry_text == entries.at[row.goal_id, "paraphrase_vi"]
        for column in ("task_words", "goal_words"):
            for phrase in getattr(row, column).split(" | "):
                if phrase:
                    assert folded(phrase) in folded(row.task_text), (row.task_id, phrase)
                    assert folded(phrase) in folded(row.entry_text), (row.goal_id, phrase)
    assert (d["task_words"] != "").mean() > 0.9


def test_the_draft_recovers_bundled_links(plan, bundled_draft) -> None:
    bundled = load_crosswalk(plan)
    suggested = set(zip(bundled_draft["task_id"], bundled_draft["goal_id"], strict=True))
    assert set(KNOWN) <= suggested
    share = crosswalk_draft.recovered(bundled_draft, bundled)
    print(f"the draft holds {share:.0%} of the bundled crosswalk's links")
    assert share == pytest.approx(18 / 30)  # precision 18 of 21 suggestions (agreement_sweep at 0.275)
    full = bundled[bundled["strength"] == "full"]
    assert crosswalk_draft.recovered(bundled_draft, full) >= 0.9


def test_verbatim_terms_widen_and_stay_inside_punctuation() -> None:
    task = "Hệ thống thu gom, xử lý nước thải đô thị"
    entry = "Tăng cường thu gom, xử lý nước thải sinh hoạt"
    found = crosswalk_draft.verbatim_terms("lý nước | thu gom | an", task, entry)
    assert found == ["xử lý nước thải", "thu gom"]
    assert crosswalk_draft.verbatim_terms("gom xử", task, entry) == []  # across the comma


def test_a_draft_accepted_as_it_stands_loads(plan, bundled_draft, tmp_path) -> None:
    """Strength and status set, nothing else touched: the pre-filled words pass the loader."""
    reviewed = bundled_draft.assign(strength="partial", status="reviewed")
    path = tmp_path / "reviewed.csv"
    reviewed.to_csv(path, index=False)
    links = load_crosswalk(plan, path=path)
    assert len(links) == len(reviewed) and list(links["source_line"]) == list(range(2, len(reviewed) + 2))


# ------------------------------------------------------------------ the workbook


def test_the_workbook(draft_xlsx, other_draft) -> None:
    wb = load_workbook(draft_xlsx)
    assert len(wb.sheetnames) == 2
    ws, guide = wb.worksheets
    header = [c.value for c in ws[1]]
    assert header == list(crosswalk_draft.DRAFT_COLUMNS) and ws["A1"].font.b
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:J{len(other_draft) + 1}"
    last = len(other_draft) + 1 + SPARE_ROWS
    checks = {dv.formula1: str(dv.sqref) for dv in ws.data_validations.dataValidation}
    assert checks == {'"full,partial"': f"C2:C{last}", '"suggested,reviewed"': f"J2:J{last}"}
    ids = [ws.cell(r, c) for r in range(2, len(other_draft) + 2) for c in (1, 2)]
    assert all(cell.data_type == "s" and cell.number_format == "@" for cell in ids)
    assert [ws.cell(r, 1).value for r in range(2, len(other_draft) + 2)] == list(other_draft["task_id"])
    assert "10.22" in other_draft["task_id"].tolist()  # a number would read 10.22 (and 10.20 as 10.2)
    assert ws.cell(last, 1).number_format == "@" and ws.cell(last, 3).value is None
    assert ws["H2"].alignment.wrap_text
    rows = [[c.value for c in r] for r in guide.iter_rows(min_row=3)]
    assert [r[0] for r in rows] == list(crosswalk_draft.DRAFT_COLUMNS) and all(r[1] and r[2] for r in rows)


def test_the_files_are_byte_identical(other, other_draft, draft_xlsx, tmp_path) -> None:
    again = write_draft(other_draft, tmp_path / "again.xlsx", other)
    assert again.read_bytes() == draft_xlsx.read_bytes()
    a = write_draft(other_draft, tmp_path / "a.csv", other)
    b = write_draft(other_draft, tmp_path / "b.csv", other)
    assert a.read_bytes() == b.read_bytes() and b"\r" not in a.read_bytes()


# ------------------------------------------------------------------ the gate


def test_an_unreviewed_row_is_refused_csv_and_xlsx(other, other_draft, draft_xlsx, tmp_path) -> None:
    path = tmp_path / "draft.csv"
    other_draft.assign(strength="partial", status="reviewed").to_csv(path, index=False)
    text = path.read_text(encoding="utf-8").splitlines()
    text[3] = text[3][: text[3].rindex(",")] + ",suggested"
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    with pytest.raises(
        ReferenceDataError,
        match=r"draft\.csv, line 4: status is 'suggested' — review the "
        r"link \(set strength, then status to reviewed\) or delete",
    ):
        coverage.review_for(other, crosswalk=path)

    def leave_row_7(ws, col):
        ws.cell(7, col["status"]).value = "suggested"

    reviewed = _reviewed_xlsx(draft_xlsx, tmp_path / "draft.xlsx", leave_row_7)
    with pytest.raises(ReferenceDataError, match=r"draft\.xlsx, row 7: status is 'suggested'"):
        coverage.review_for(other, crosswalk=reviewed)
    with pytest.raises(ReferenceDataError, match=r"draft\.xlsx, row 2: status is 'suggested'"):
        coverage.review_for(other, crosswalk=draft_xlsx)  # as written: nothing reviewed


def test_an_empty_strength_is_refused(other, other_draft, draft_xlsx, tmp_path) -> None:
    path = tmp_path / "draft.csv"
    other_draft.assign(status="reviewed").to_csv(path, index=False)
    with pytest.raises(ReferenceDataError, match=r"draft\.csv, line 2: .*strength is empty"):
        load_crosswalk(other, path=path)

    def empty_strength(ws, col):
        ws.cell(5, col["strength"]).value = None

    reviewed = _reviewed_xlsx(draft_xlsx, tmp_path / "empty.xlsx", empty_strength)
    with pytest.raises(ReferenceDataError, match=r"empty\.xlsx, row 5: .*strength is empty"):
        load_crosswalk(other, path=reviewed)


@pytest.mark.parametrize(
    ("column", "value", "problem"),
    [
        ("task_id", "99.9", "task_id '99.9' is not a task of the plan"),
        ("goal_id", "NQ999-X", "goal_id 'NQ999-X' is not in the resolution catalogue"),
        ("task_id", 5.1, "task_id is the number 5.1, not text"),
    ],
)
def test_bad_ids_in_a_workbook_name_the_row(other, draft_xlsx, tmp_path, column, value, problem) -> None:
    def spoil(ws, col):
        ws.cell(4, col[column]).value = value

    reviewed = _reviewed_xlsx(draft_xlsx, tmp_path / "bad.xlsx", spoil)
    with pytest.raises(ReferenceDataError) as caught:
        load_crosswalk(other, path=reviewed)
    assert str(caught.value).startswith(f"{reviewed}, row 4: ") and problem in str(caught.value)


def test_the_whole_chain_for_another_plan(other, other_draft, draft_xlsx, tmp_path) -> None:
    """draft → review (one wrong row deleted, strengths chosen, status set) → coverage review."""
    dropped = other_draft.iloc[-1]

    def delete_last(ws, col):
        ws.delete_rows(len(other_draft) + 1)

    reviewed = _reviewed_xlsx(draft_xlsx, tmp_path / "reviewed.xlsx", delete_last)
    review = coverage.review_for(other, crosswalk=reviewed)
    assert review is not None and len(review.crosswalk) == len(other_draft) - 1
    assert (dropped["task_id"], dropped["goal_id"]) not in set(
        zip(review.crosswalk["task_id"], review.crosswalk["goal_id"], strict=True)
    )
    assert list(review.crosswalk.columns) == [
        "task_id",
        "goal_id",
        "strength",
        "task_words",
        "goal_words",
        "note",
        "source_line",
    ]
    table = coverage.coverage_table(review).set_index("goal_id")
    assert {"covered", "partial", "missing"} <= set(table["status"])
    first = other_draft.iloc[0]
    assert table.at[first["goal_id"], "status"] == "covered"
    assert first["task_id"] in table.at[first["goal_id"], "task_ids"].split(" | ")
    groups = coverage.coverage_by_group(review).set_index("resolution_group")
    assert groups.at["all", "covered"] + groups.at["all", "partial"] > 0


# ------------------------------------------------------------------ applicability "unknown"


def test_unknown_applicability_counts_like_partly(plan, catalogue, tmp_path) -> None:
    partly = catalogue[catalogue["applies_to_province"] == "partly"]["id"]
    rows = list(csv.reader(RESOLUTION_CATALOGUE.read_text(encoding="utf-8").splitlines()))
    column = rows[0].index("applies_to_province")
    for row in rows[1:]:
        if row[0] in set(partly):
            row[column] = "unknown"
    path = tmp_path / "catalogue.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    changed = coverage.review_for(plan, crosswalk=CROSSWALK, catalogue=path)
    before = coverage.review_for(plan)
    assert set(changed.catalogue["applies_to_province"]) >= {"unknown"}
    pd.testing.assert_frame_equal(coverage.coverage_by_group(changed), coverage.coverage_by_group(before))
    assert list(coverage.coverage_table(changed)["status"]) == list(coverage.coverage_table(before)["status"])
    assert len(coverage.target_alignment(changed)) == len(coverage.target_alignment(before))
    d = crosswalk_draft.draft(plan, changed.catalogue)
    pd.testing.assert_frame_equal(d, crosswalk_draft.draft(plan, before.catalogue))
    # the bundled crosswalk goes with the bundled catalogue only
    assert coverage.review_for(plan, catalogue=path) is None


# ------------------------------------------------------------------ the command and the notebooks


def test_cli_crosswalk_then_build_refuses_the_unreviewed_draft(tmp_path, capsys) -> None:
    out = tmp_path / "tmp" / "draft.xlsx"
    assert main(["crosswalk", "--plan", str(OTHER), "--out", str(out), "--lang", "en"]) == 0
    said = capsys.readouterr().out
    assert "suggested links for 12 tasks" in said and str(out) in said and "--crosswalk" in said
    assert (
        main(
            [
                "--lang",
                "en",
                "build",
                "--plan",
                str(OTHER),
                "--crosswalk",
                str(out),
                "--no-notebooks",
                "--out",
                str(tmp_path / "out"),
            ]
        )
        == 2
    )
    err = capsys.readouterr().err
    assert f"{out}, row 2: status is 'suggested'" in err and "Traceback" not in err
    assert main(["crosswalk", "--plan", str(OTHER), "--out", str(tmp_path / "draft.txt")]) == 2


def test_run_all_passes_the_catalogue(monkeypatch, tmp_path) -> None:
    given = {}
    monkeypatch.setattr(notebooks, "parameter_names", lambda path: ["PLAN", "CROSSWALK", "CATALOGUE", "LANG"])
    monkeypatch.setattr(notebooks, "requirements", lambda path: [])

    def execute(path, out_dir, parameters, name=None, env=None):
        given[name] = parameters
        return Path(out_dir) / name

    monkeypatch.setattr(notebooks, "execute", execute)
    notebooks.run_all(tmp_path, None, None, catalogue="cat.csv", langs=("vi",))
    assert given and all(p["CATALOGUE"] == [str(Path("cat.csv").resolve())] for p in given.values())
    notebooks.run_all(tmp_path, None, None, langs=("vi",))
    assert all(p["CATALOGUE"] is None for p in given.values())
