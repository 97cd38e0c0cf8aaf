"""A resolution catalogue read from a resolution's own text (plan132 catalogue).

The fixtures are made by tools/make_resolution_fixtures.py; expected.json holds what
a person reads off them (ids, addressees, deadlines, targets).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from plan132lib.analysis import coverage
from plan132lib.analysis.catalogue import CATALOGUE_COLUMNS, CROSSWALK_COLUMNS, load_catalogue
from plan132lib.analysis.catalogue_from_text import addressee, catalogue_from_text, deadlines
from plan132lib.cli import main
from plan132lib.errors import PlanParseError
from plan132lib.ingest.resolution import read_resolution

HERE = Path(__file__).resolve().parents[1] / "fixtures" / "resolutions"
EXPECTED = json.loads((HERE / "expected.json").read_text(encoding="utf-8"))
NA_FILES = ("nq_bvmt.md", "nq_bvmt.docx", "nq_bvmt_breaks.docx", "nq_bvmt.pdf")


@pytest.fixture(scope="module")
def na() -> pd.DataFrame:
    return catalogue_from_text(HERE / "nq_bvmt.md", "NQ247").set_index("id", drop=False)


@pytest.fixture(scope="module")
def gov() -> pd.DataFrame:
    return catalogue_from_text(HERE / "nq_chinhphu_plan.docx", "NQ35").set_index("id", drop=False)


def test_one_entry_per_point_clause_or_article(na: pd.DataFrame) -> None:
    assert list(na["id"]) == EXPECTED["nq_bvmt"]["ids"]
    assert [c for c in na.columns if not c.startswith("title_")] == list(CATALOGUE_COLUMNS)
    assert set(na.loc[na["entry_type"] == "context", "id"]) == set(EXPECTED["nq_bvmt"]["context"])
    assert (na["document"] == "Nghị quyết 247/2025/QH15").all()
    assert na.at["NQ247-D2.1-a", "section"] == "Điều 2, khoản 1, điểm a"
    assert na.at["NQ247-D2.3", "section"] == "Điều 2, khoản 3"
    assert (na["confidence"] == "TEXT").all()


def test_letter_đ_kept_and_in_order(na: pd.DataFrame) -> None:
    letters = [i.rsplit("-", 1)[1] for i in na["id"] if i.startswith("NQ247-D2.1-")]
    assert letters == ["a", "b", "c", "d", "đ", "e"]
    assert na.at["NQ247-D2.1-đ", "paraphrase_vi"].startswith("Tỷ lệ nước thải sinh hoạt đô thị")


def test_point_text_is_its_own_with_sub_points(na: pd.DataFrame) -> None:
    d = na.at["NQ247-D2.1-d", "paraphrase_vi"]
    assert not d.startswith("Về hoàn thiện")  # the clause's lead-in is not prepended
    for piece in EXPECTED["nq_bvmt"]["sub_points_in"]["NQ247-D2.1-d"]:
        assert piece in d
    group = "Về hoàn thiện thể chế, chính sách, pháp luật về bảo vệ môi trường"
    assert na.at["NQ247-D2.1-d", "group"] == group
    assert na.at["NQ247-D2.2-b", "mentions_local"] == "lưu vực sông Nhuệ - Đáy;sông Bắc Hưng Hải;sông Cầu"
    assert na.at["NQ247-D2.1-a", "mentions_local"] == "none"


def test_applies_to_province_and_reasons(na: pd.DataFrame) -> None:
    truth = EXPECTED["nq_bvmt"]
    assert na.loc[list(truth["applies"]), "applies_to_province"].to_dict() == truth["applies"]
    for entry, who in truth["addressee"].items():
        assert na.at[entry, "addressee"] == who
    assert na.at["NQ247-D2.2-a", "province_reason"].startswith(
        "Khoản 2 Điều 2 giao Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương"
    )
    assert na.at["NQ247-D2.1-c", "province_reason"] == (
        "Điểm c khoản 1 Điều 2 chỉ giao cơ quan trung ương (Bộ Nông nghiệp và Môi trường)."
    )
    assert "Không nêu cơ quan thực hiện" in na.at["NQ247-D2.1-b", "province_reason"]
    context = na[na["entry_type"] == "context"]
    assert (context["applies_to_province"] == "").all() and (context["resolution_group"] == "").all()
    assert (na.loc[na["entry_type"] != "context", "resolution_group"].str.match(r"D\d[.\d]*: \S")).all()


def test_targets_and_deadlines(na: pd.DataFrame) -> None:
    truth = EXPECTED["nq_bvmt"]
    assert set(na.loc[na["entry_type"] == "target", "id"]) == set(truth["targets"])
    for entry, columns in truth["targets"].items():
        assert na.loc[entry, list(columns)].to_dict() == columns
    assert (na.loc[na["entry_type"] == "task", "target_value"] == "n/a").all()
    assert na.loc[list(truth["deadline"]), "deadline"].to_dict() == truth["deadline"]


def test_addressee_rules() -> None:
    assert addressee("Quốc hội yêu cầu Chính phủ, các địa phương tập trung thực hiện:").applies == "yes"
    assert addressee("Quốc hội quyết nghị các nhiệm vụ, giải pháp sau đây:") is None
    assert addressee("Giao Bộ Tài chính chủ trì, phối hợp với các địa phương …").applies == "no"
    assert addressee("UBND cấp tỉnh chỉ đạo …").applies == "yes"
    assert addressee("Các cơ quan báo chí").applies == "unknown"
    assert deadlines("hoàn thành trong quý II năm 2026, báo cáo trước tháng 6/2027") == (
        "trong quý II năm 2026; trước tháng 6/2027"
    )


def test_appendix_entries_take_the_lead_as_addressee(gov: pd.DataFrame) -> None:
    truth = EXPECTED["nq_chinhphu_plan"]
    assert list(gov["id"]) == truth["ids"]
    assert gov.loc[list(truth["applies"]), "applies_to_province"].to_dict() == truth["applies"]
    for entry, who in truth["addressee"].items():
        assert gov.at[entry, "addressee"] == who
    assert gov.loc[list(truth["deadline"]), "deadline"].to_dict() == truth["deadline"]
    assert gov.at["NQ35-PLII.4", "group"] == truth["group"]["NQ35-PLII.4"]
    assert gov.at["NQ35-PLII.5", "entry_type"] == "target"
    assert (gov["document"] == truth["document"]).all()


@pytest.mark.parametrize("name", NA_FILES[1:])
def test_same_entries_from_every_format(na: pd.DataFrame, name: str) -> None:
    other = catalogue_from_text(HERE / name, "NQ247").set_index("id", drop=False)
    pd.testing.assert_frame_equal(other.drop(columns="source_url"), na.drop(columns="source_url"))
    assert other.at["NQ247-D2.1-a", "source_url"].startswith(f"{name}, Điều 2, khoản 1, điểm a (")


def test_appendix_same_from_pdf(gov: pd.DataFrame) -> None:
    pdf = catalogue_from_text(HERE / "nq_chinhphu_plan.pdf", "NQ35").set_index("id", drop=False)
    pd.testing.assert_frame_equal(pdf.drop(columns="source_url"), gov.drop(columns="source_url"))


def test_structure_refs() -> None:
    res = read_resolution(HERE / "nq_bvmt.docx")
    assert [a.number for a in res.articles] == [1, 2, 3, 4]
    assert res.articles[1].title == "Nhiệm vụ, giải pháp" and res.articles[0].title == ""
    assert res.articles[1].clauses[0].points[0].ref.label.startswith("paragraph ")


@pytest.mark.parametrize(("name", "words"), sorted(EXPECTED["bad"].items()))
def test_bad_documents_name_file_and_place(name: str, words: list[str]) -> None:
    with pytest.raises(PlanParseError) as err:
        catalogue_from_text(HERE / name, "NQ247")
    message = str(err.value)
    assert message.startswith(f"{HERE / name}, line ")
    for w in words:
        assert w in message


def test_no_article_no_table(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text("Thông báo kết luận của Thường trực Hội đồng nhân dân tỉnh.\n", encoding="utf-8")
    with pytest.raises(PlanParseError, match=r"no article .* and no appendix task table"):
        catalogue_from_text(path, "TB1")


def test_cli_writes_a_catalogue_load_catalogue_accepts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "catalogue.csv"
    args = ["--lang", "en", "catalogue", "--from", str(HERE / "nq_bvmt.docx"), "--prefix", "NQ247", "--out"]
    assert main([*args, str(out)]) == 0
    said = capsys.readouterr().out
    assert "14 entries" in said and "yes 3, no 5, unknown 4" in said and str(out) in said
    data = out.read_bytes()
    assert b"\r\n" not in data and data.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads it as UTF-8
    loaded = load_catalogue(out)
    assert list(loaded["id"]) == EXPECTED["nq_bvmt"]["ids"]
    main([*args, str(tmp_path / "b.csv")])
    assert (tmp_path / "b.csv").read_bytes() == data  # deterministic


def test_cli_bad_file_exits_2_without_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            "catalogue",
            "--lang",
            "en",
            "--from",
            str(HERE / "nq_bad_order.md"),
            "--prefix",
            "NQ247",
            "--out",
            str(tmp_path / "x.csv"),
        ]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert "nq_bad_order.md, line " in err and "Traceback" not in err
    assert not (tmp_path / "x.csv").exists()


def test_catalogue_feeds_a_coverage_review(plan, tmp_path: Path) -> None:
    out = tmp_path / "catalogue.csv"
    main(["catalogue", "--from", str(HERE / "nq_chinhphu_plan.docx"), "--prefix", "NQ35", "--out", str(out)])
    catalogue = load_catalogue(out)
    crosswalk = pd.DataFrame(columns=[*CROSSWALK_COLUMNS, "source_line"])
    table = coverage.coverage_table(coverage.Review(plan, catalogue, crosswalk=crosswalk))
    assert len(table) == len(catalogue)
    statuses = table.set_index("goal_id")["status"]
    assert set(statuses) <= {"missing", "not_applicable", "context"}
    assert statuses["NQ35-PLI.1"] == "not_applicable" and statuses["NQ35-PLII.4"] == "missing"
