"""A catalogue read from a resolution nobody on the team wrote (issue 25, item 3).

The fixture ``nq_nhua_excerpt.md`` is written for this test in the legal layout of a
Government resolution: an excerpt (points a) then đ)), clause headings without a colon,
subjects of several agencies, a clause lead-in "… có trách nhiệm:" over subjectless points.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from plan132lib.analysis import coverage
from plan132lib.analysis.catalogue import CROSSWALK_COLUMNS, NO_ENGLISH, load_catalogue
from plan132lib.analysis.catalogue_from_text import catalogue_and_warnings, catalogue_from_text
from plan132lib.analysis.matcher import syllables
from plan132lib.cli import main

HERE = Path(__file__).resolve().parents[1] / "fixtures" / "resolutions"
SOURCE = HERE / "nq_nhua_excerpt.md"
UBND = "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương"

#: id -> (addressee, applies_to_province), as a person reads them off the text
TRUTH = {
    "NQ58-D1.1-a": ("Bộ Nông nghiệp và Môi trường", "no"),
    "NQ58-D1.1-đ": ("Bộ Tài chính", "no"),
    "NQ58-D1.2-a": (UBND, "yes"),
    "NQ58-D1.2-b": (f"Các bộ, cơ quan ngang bộ, {UBND}", "yes"),
    "NQ58-D1.2-c": (UBND, "yes"),
    "NQ58-D1.2-d": ("Bộ Tài chính", "no"),
    "NQ58-D1.3-a": ("Ủy ban nhân dân các tỉnh, thành phố", "yes"),
    "NQ58-D1.3-b": ("Ủy ban nhân dân các tỉnh, thành phố", "yes"),
    "NQ58-D1.3-c": ("Ủy ban nhân dân các tỉnh, thành phố", "yes"),
}


@pytest.fixture(scope="module")
def cat() -> pd.DataFrame:
    return catalogue_from_text(SOURCE, "NQ58").set_index("id", drop=False)


def test_one_entry_per_point_in_order(cat: pd.DataFrame) -> None:
    assert list(cat["id"]) == [*TRUTH, "NQ58-D2"]
    assert cat.at["NQ58-D2", "entry_type"] == "context"  # "Trách nhiệm thi hành"
    assert cat.at["NQ58-D1.2-c", "entry_type"] == "target"
    assert cat.at["NQ58-D1.1-đ", "section"] == "Điều 1, khoản 1, điểm đ"
    assert cat.at["NQ58-D1.1-a", "paraphrase_vi"].startswith("Bộ Nông nghiệp và Môi trường chủ trì")


def test_addressee_from_the_points_own_subject_or_its_lead_in(cat: pd.DataFrame) -> None:
    for entry, (who, applies) in TRUTH.items():
        found = (entry, cat.at[entry, "addressee"], cat.at[entry, "applies_to_province"])
        assert found == (entry, who, applies)
    # the subjectless points take the clause's lead-in; "báo cáo Bộ …" names an object, not a subject
    assert cat.at["NQ58-D1.3-c", "province_reason"].startswith("Khoản 3 Điều 1 giao Ủy ban nhân dân")
    assert cat.at["NQ58-D1.2-a", "province_reason"].startswith("Điểm a khoản 2 Điều 1 giao")
    assert "(cùng cơ quan trung ương)" in cat.at["NQ58-D1.2-b", "province_reason"]
    assert "(không nêu)" not in set(cat["addressee"])


def test_a_letter_gap_is_a_warning_naming_the_line() -> None:
    rows, notes = catalogue_and_warnings(SOURCE, "NQ58")
    assert len(rows) == 10 and len(notes) == 1
    line = next(
        i for i, t in enumerate(SOURCE.read_text(encoding="utf-8").splitlines(), 1) if t.startswith("đ) ")
    )
    assert notes[0].where == line
    said = notes[0].say("en")
    assert said.startswith(f"{SOURCE}, line {line}: điểm đ) follows điểm a) in Điều 1, khoản 1")
    assert "no điểm b, c, d" in said
    assert notes[0].say("vi").startswith(f"{SOURCE}, dòng {line}: ")


def test_cli_exits_0_and_prints_the_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "danh-muc.csv"
    code = main(["--lang", "en", "catalogue", "--from", str(SOURCE), "--prefix", "NQ58", "--out", str(out)])
    said = capsys.readouterr()
    assert code == 0 and out.exists()
    assert "warning: " in said.err and "nq_nhua_excerpt.md, line " in said.err and "điểm đ)" in said.err
    assert "10 entries" in said.out and "yes 6, no 3, unknown 0" in said.out
    assert list(load_catalogue(out)["id"]) == [*TRUTH, "NQ58-D2"]


def test_groups_come_from_the_headings(cat: pd.DataFrame) -> None:
    tasks = cat[cat["entry_type"] != "context"]
    assert tasks.at["NQ58-D1.1-a", "group"] == "Hoàn thiện thể chế, chính sách về quản lý chất thải nhựa"
    assert tasks.at["NQ58-D1.2-b", "resolution_group"] == "D1.2: Tổ chức thực hiện tại địa phương"
    assert tasks.at["NQ58-D1.3-a", "resolution_group"].startswith("D1.3: Ủy ban nhân dân các tỉnh")
    assert tasks["resolution_group"].str.match(r"D1\.[123]: \S").all()
    assert tasks["resolution_group"].nunique() == 3


def test_key_terms_are_content_words_not_agency_scraps(cat: pd.DataFrame) -> None:
    names = {
        "ủy ban",
        "nhân dân",
        "tỉnh thành",
        "phố trực",
        "thành phố",
        "trực thuộc",
        "trung ương",
        "cơ quan",
        "quan ngang",
        "tài chính",
        "chủ trì",
        "phối hợp",
    }
    for entry, row in cat.iterrows():
        terms = row["key_terms"].split(";")
        assert terms and not names & set(terms), entry
        text = " ".join(syllables(row["paraphrase_vi"]))
        for term in terms:  # whole syllables of the text
            assert f" {term} " in f" {text} ", (entry, term)
    assert set(cat.at["NQ58-D1.2-a", "key_terms"].split(";")) == {
        "ban hành",
        "kế hoạch",
        "thực hiện",
        "nghị quyết",
    }
    assert "bố trí" in cat.at["NQ58-D1.2-b", "key_terms"].split(";")
    for scrap in ("hành kế", "hoạch thực", "hiện nghị"):
        assert scrap not in cat.at["NQ58-D1.2-a", "key_terms"]


def test_titles_and_english_cells(cat: pd.DataFrame, tmp_path: Path) -> None:
    assert (cat["title_vi"].str.strip() != "").all()
    assert cat.at["NQ58-D1.3-a", "title_vi"] == "Rà soát, bố trí quỹ đất cho các cơ sở tái chế …"
    for title, text in zip(cat["title_vi"], cat["paraphrase_vi"], strict=True):  # cut at a word
        assert text.startswith(title.removesuffix(" …").rstrip(",."))
    assert (cat["title_en"] == NO_ENGLISH).all() and (cat["paraphrase_en"] == NO_ENGLISH).all()
    out = tmp_path / "c.csv"
    cat.to_csv(out, index=False)
    loaded = load_catalogue(out).set_index("id")
    assert (loaded["title_en"] == loaded["title_vi"]).all()  # an English reader sees the Vietnamese title
    assert (loaded["paraphrase_en"] == NO_ENGLISH).all()  # … and the cell that says why


def test_coverage_by_group_lists_the_headings(plan, cat: pd.DataFrame, tmp_path: Path) -> None:
    out = tmp_path / "c.csv"
    cat.to_csv(out, index=False)
    catalogue = load_catalogue(out)
    review = coverage.Review(plan, catalogue, pd.DataFrame(columns=[*CROSSWALK_COLUMNS, "source_line"]))
    groups = coverage.coverage_by_group(review)
    assert list(groups["resolution_group"]) == [
        "D1.1: Hoàn thiện thể chế, chính sách về quản lý chất …",
        "D1.2: Tổ chức thực hiện tại địa phương",
        cat.at["NQ58-D1.3-a", "resolution_group"],
        "all",
    ]
    assert groups.set_index("resolution_group").at["all", "n_entries"] == 6  # yes entries, all missing
    assert groups.set_index("resolution_group").at["all", "n_not_applicable"] == 3
