"""Several catalogues at once (issue 25): the bundled ones in one folder, more added with
``--catalogue``; one read from a document's text replaces the bundled reconstruction of that document;
a plan is measured only against the entries of the documents it implements.

The README's recipe, end to end: ``plan132 catalogue`` reads a resolution's text (here the invented
NQ 247 in the legal layout of ``tests/fixtures/resolutions``), ``plan132 crosswalk`` drafts the links
against it, a reviewer marks them reviewed, and coverage then says it is measured against the text.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from plan132lib import load_plan
from plan132lib.analysis import compare, coverage
from plan132lib.analysis.catalogue import catalogue_files, load_catalogue, load_catalogues
from plan132lib.cli import main
from plan132lib.errors import ReferenceDataError
from plan132lib.paths import RESOLUTION_CATALOGUE

RESOLUTION_TEXT = Path(__file__).parents[1] / "fixtures" / "resolutions" / "nq_bvmt.docx"
MINIMAL = Path(__file__).parents[1] / "bad" / "ok_minimal.md"
NQ247 = "Nghị quyết số 247/2025/QH15 ngày 10/12/2025 của Quốc hội"
DIRECTIVE = "Chỉ thị số 11-CT/TU ngày 5/3/2026 của Tỉnh ủy Lào Cai"


@pytest.fixture(scope="module")
def from_text(tmp_path_factory) -> Path:
    """The catalogue ``plan132 catalogue`` reads from a text of NQ 247 in the legal layout."""
    out = tmp_path_factory.mktemp("catalogues") / "nq247_van_ban.csv"
    assert main(["catalogue", "--from", str(RESOLUTION_TEXT), "--prefix", "NQ247", "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def directive_catalogue(tmp_path_factory) -> Path:
    """A catalogue of another document (a directive of a provincial Party Committee), by hand."""
    bundled = load_catalogue().drop(columns=["source_line", "catalogue"])
    rows = bundled[bundled["entry_type"] == "task"].head(3).copy()
    rows["id"] = ["CT11-1", "CT11-2", "CT11-3"]
    rows["document"] = "Chỉ thị 11-CT/TU"
    rows["confidence"] = "TEXT"
    path = tmp_path_factory.mktemp("catalogues") / "chi_thi_11.csv"
    rows.to_csv(path, index=False, quoting=csv.QUOTE_MINIMAL)
    return path


@pytest.fixture(scope="module")
def directive_plan(tmp_path_factory):
    text = MINIMAL.read_text(encoding="utf-8").replace(NQ247, DIRECTIVE)
    path = tmp_path_factory.mktemp("implements") / "chi_thi_11.md"
    path.write_text(text, encoding="utf-8")
    return load_plan(path)


def test_the_bundled_catalogues_are_a_folder():
    assert catalogue_files() == [RESOLUTION_CATALOGUE]
    assert RESOLUTION_CATALOGUE.parent.name == "catalogues"
    assert set(load_catalogues()["catalogue"]) == {RESOLUTION_CATALOGUE.name}


def test_a_catalogue_of_the_text_replaces_the_reconstruction_of_that_document(from_text):
    bundled, both = load_catalogue(), load_catalogues([from_text])
    kept = both[both["catalogue"] == RESOLUTION_CATALOGUE.name]
    assert len(both[both["catalogue"] == from_text.name]) == len(pd.read_csv(from_text))
    # nothing that names NQ 247 is left of the reconstruction, its guess "247 hoặc 67" included (the
    # text of 247 says what is in it); with no task of its own left, its context entries go too
    either = bundled[bundled["document"].str.contains(" hoặc ")]["id"]
    assert len(either) and kept.empty


def test_a_catalogue_of_another_document_is_added_and_concerns_only_its_plans(
    plan, directive_plan, directive_catalogue
):
    both = load_catalogues([directive_catalogue])
    assert set(both["catalogue"]) == {RESOLUTION_CATALOGUE.name, directive_catalogue.name}
    assert coverage.catalogued(both) == ["247/2025/QH15", "67/NQ-CP", "11-CT/TU"]
    mine = coverage.for_plan(both, directive_plan)
    assert set(mine["id"]) == {"CT11-1", "CT11-2", "CT11-3"}
    # Plan 132 implements NQ 247 and 67/NQ-CP only: its review is the bundled one, unchanged
    review = coverage.review_for(plan, catalogue=[directive_catalogue])
    assert review is not None and set(review.catalogue["catalogue"]) == {RESOLUTION_CATALOGUE.name}
    assert review.catalogue["id"].tolist() == load_catalogue()["id"].tolist()


def test_compare_measures_each_plan_against_its_own_documents(plan, directive_plan, directive_catalogue):
    catalogue = load_catalogues([directive_catalogue])
    table = compare.compare_tables([plan, directive_plan], catalogue=catalogue)["coverage"]
    ids = compare.plan_ids([plan, directive_plan])
    theirs = table[table["plan_id"] == ids[1]].set_index("goal_id")
    assert set(theirs.loc[["CT11-1", "CT11-2", "CT11-3"], "basis"]) == {"suggested"}
    nq247 = theirs.drop(index=["CT11-1", "CT11-2", "CT11-3"])
    assert set(nq247["status"]) == {"not_applicable"} and set(nq247["basis"]) == {"not_implemented"}
    ours = table[table["plan_id"] == ids[0]].set_index("goal_id")
    assert set(ours.loc[["CT11-1", "CT11-2", "CT11-3"], "basis"]) == {"not_implemented"}


def test_an_id_in_two_catalogues_is_refused_with_both_files(tmp_path, directive_catalogue):
    again = tmp_path / "chi_thi_11_ban_sao.csv"
    text = directive_catalogue.read_text(encoding="utf-8").replace("Chỉ thị 11-CT/TU", "Chỉ thị 12-CT/TU")
    again.write_text(text, encoding="utf-8")
    with pytest.raises(ReferenceDataError) as caught:
        load_catalogues([directive_catalogue, again])
    said = str(caught.value)
    assert str(again) in said and "line 2" in said and "CT11-1" in said and directive_catalogue.name in said


def test_the_readme_recipe_end_to_end(tmp_path, capsys, plan, from_text):
    # the text replaces the reconstruction: the bundled crosswalk no longer fits, and no coverage is guessed
    assert coverage.review_for(plan, catalogue=[from_text]) is None
    draft = tmp_path / "doi_chieu.csv"
    assert main(["crosswalk", "--catalogue", str(from_text), "--out", str(draft)]) == 0
    said = capsys.readouterr().out
    assert f"--catalogue {from_text} --crosswalk {draft}" in said
    rows = pd.read_csv(draft, dtype=str, keep_default_na=False)
    assert len(rows) and set(rows["goal_id"]) <= set(load_catalogues([from_text])["id"])
    # the reviewer keeps every suggested link, as partial, and marks the draft reviewed
    rows = rows.assign(strength=rows["strength"].replace("", "partial"), status="reviewed")
    rows.to_csv(draft, index=False)
    review = coverage.review_for(plan, draft, [from_text])
    assert review is not None
    read = review.entries[review.entries["confidence"] == "TEXT"]
    assert set(read["catalogue"]) == {from_text.name}
    for lang, words in (
        ("vi", "đọc từ văn bản 247/2025/QH15"),
        ("en", "read from the text of 247/2025/QH15"),
    ):
        assert words in coverage.caveat(review, lang)
    table = coverage.coverage_table(review)
    linked = table[table["status"].isin(["covered", "partial"])]
    assert set(linked["goal_id"]) == set(rows["goal_id"]) - set(
        table.loc[table["status"] == "not_applicable", "goal_id"]
    )


def test_what_the_appendix_title_cites_is_implemented_never_the_plan_itself(tmp_path):
    text = MINIMAL.read_text(encoding="utf-8").replace(
        "**DANH MỤC NHIỆM VỤ**", "**DANH MỤC NHIỆM VỤ TRIỂN KHAI CHỈ THỊ SỐ 11-CT/TU CỦA TỈNH ỦY**"
    )
    path = tmp_path / "phu_luc.md"
    path.write_text(text, encoding="utf-8")
    implemented = coverage.implemented(load_plan(path))
    assert implemented[-1] == "Chỉ thị số 11-CT/TU của TỈNH ỦY"  # the kind as a reader writes it
    assert not [d for d in implemented if "7/KH-UBND" in d]  # "(Kèm theo Kế hoạch số 7/KH-UBND …)"


def test_without_any_catalogue_nothing_is_catalogued_and_no_coverage_is_guessed(plan, monkeypatch, tmp_path):
    from plan132lib.analysis import catalogue

    monkeypatch.setattr(catalogue, "CATALOGUES", tmp_path)  # the bundled folder emptied
    assert catalogue_files() == [] and load_catalogues().empty
    assert coverage.review_for(plan) is None
    assert "chưa có danh mục" in coverage.skipped(plan, load_catalogues())
