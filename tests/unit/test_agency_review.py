"""The standard provincial bodies, and agency names reviewed once: plan132 agencies, then --agencies."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import openpyxl
import pytest

from plan132lib import load_plan
from plan132lib.analysis import agency_review, workload
from plan132lib.charts import lead_coordinate_bars
from plan132lib.cli import main
from plan132lib.errors import ReferenceDataError
from plan132lib.ingest.agencies import Registry
from plan132lib.render import briefing
from plan132lib.render.agency_sheet import write_names

OTHER = Path(__file__).parents[1] / "data" / "other_province_plan.md"
UNKNOWN = "Trung tâm Xúc tiến Du lịch"  # the body the synthetic plan names that no registry holds


@pytest.fixture(scope="module")
def other():
    return load_plan(OTHER)


# ------------------------------------------------------------------ standard bodies


@pytest.mark.parametrize(
    ("name", "province", "unit", "expected"),
    [
        ("HĐND tỉnh", "Lâm Đồng", "", "hdnd-tinh"),
        ("Thường trực HĐND tỉnh", "Lâm Đồng", "", "tt-hdnd-tinh"),
        ("Văn phòng Đoàn ĐBQH và HĐND tỉnh", "Lâm Đồng", "", "vp-doan-dbqh-hdnd"),
        ("Văn phòng HĐND Thành phố", "Hà Nội", "thành phố Hà Nội", "vp-doan-dbqh-hdnd"),
        ("Ủy ban MTTQ Việt Nam tỉnh", "Lâm Đồng", "", "ubmttq-tinh"),
        ("UB MTTQ Việt Nam Thành phố", "Hà Nội", "thành phố Hà Nội", "ubmttq-tinh"),
        ("MTTQ cấp xã", "Hà Nội", "thành phố Hà Nội", "ubmttq-xa"),
        ("Sở KH&CN", "Lâm Đồng", "", "so-khcn"),
        ("Sở KHCN", "Lâm Đồng", "", "so-khcn"),
        ("VP UBND tỉnh", "Lâm Đồng", "", "vp-ubnd-tinh"),
        ("Bộ CHQS tỉnh", "Lâm Đồng", "", "bch-quan-su-tinh"),
        ("Công an Thành phố", "Hà Nội", "thành phố Hà Nội", "cong-an-tinh"),
        ("Thuế Hà Nội", "Hà Nội", "thành phố Hà Nội", "thue-tinh"),
        ("Thuế tỉnh Lâm Đồng", "Lâm Đồng", "", "thue-tinh"),
        ("Thanh tra tỉnh", "Lâm Đồng", "", "thanh-tra-tinh"),
        ("Kho bạc Nhà nước khu vực XII", "Lâm Đồng", "", "kbnn"),
        ("Sở Dân tộc và Tôn giáo", "Lâm Đồng", "", "so-dtt"),
        ("Trung tâm Phục vụ hành chính công", "Hà Nội", "thành phố Hà Nội", "tt-phvhcc"),
        ("UBND các xã, phường, đặc khu", "Lâm Đồng", "", "ubnd-xa-phuong"),
        ("UBND cấp xã", "Lâm Đồng", "", "ubnd-xa-phuong"),
        ("UBND xã/phường", "Hà Nội", "thành phố Hà Nội", "ubnd-xa-phuong"),
        ("Văn phòng Tỉnh ủy", "Lâm Đồng", "", "vp-tinh-uy"),
        ("Văn phòng Thành ủy", "Hà Nội", "thành phố Hà Nội", "vp-tinh-uy"),
        ("Sở Du lịch", "Hà Nội", "thành phố Hà Nội", "so-dl"),
        ("Sở Văn hóa và Thể thao", "Hà Nội", "thành phố Hà Nội", "so-vhtt"),
        ("Sở Văn hóa – Thể thao", "Hà Nội", "thành phố Hà Nội", "so-vhtt"),
        ("Bảo hiểm xã hội tỉnh", "Lâm Đồng", "", "bhxh-tinh"),
        ("Ngân hàng Nhà nước Chi nhánh Khu vực 9", "Lâm Đồng", "", "nhnn"),
        ("Các cơ quan, đơn vị, địa phương", "Lâm Đồng", "", "cac-co-quan-don-vi-dia-phuong"),
    ],
)
def test_standard_bodies_under_the_names_officials_write(registry, name, province, unit, expected):
    agency = Registry.load().localised(province, unit).get(name)
    assert agency is not None and agency.agency_id == expected


def test_a_city_gets_its_own_names():
    city = Registry.load().localised("Hà Nội", "thành phố Hà Nội")
    assert city.agencies["vp-tinh-uy"].name == "Văn phòng Thành ủy"
    assert city.agencies["thue-tinh"].name == "Thuế thành phố Hà Nội"
    assert Registry.load().localised("Lâm Đồng").agencies["vp-tinh-uy"].name == "Văn phòng Tỉnh ủy"


def test_enterprises_and_central_bodies_are_kept_as_written():
    registry = Registry.load().localised("Lâm Đồng")
    for name in ("Tập đoàn Viettel", "Cục Thống kê", "Bộ Khoa học và Công nghệ"):
        assert registry.get(name) is None


# ------------------------------------------------------------------ the sheet


def test_every_name_as_written_unknown_first(other):
    rows = agency_review.name_rows(other)
    assert list(rows.columns) == list(agency_review.REVIEW_COLUMNS)
    first = rows.iloc[0]
    assert (first["raw_name"], first["agency_id"], first["agency_name"]) == (UNKNOWN, "", "")
    assert (first["n_tasks"], first["n_lead"], first["n_coordinate"], first["n_duty_items"]) == (2, 1, 1, 1)
    assert rows["body"].eq("").all()
    known = rows.set_index("raw_name")
    assert known.at["Sở NN&MT", "agency_id"] == "so-nnmt"
    assert known.at["Sở NN&MT", "agency_name"] == "Sở Nông nghiệp và Môi trường"
    # every name the plan writes, in a task or in the duties section, once
    written = set(other.assignments["raw_name"]) | set(other.duty_agencies["raw_name"])
    assert set(rows["raw_name"]) == written
    assert agency_review.unknown_names(other) == 1


def test_personal_data_stays_out():
    assert agency_review.public_name("Sở Y tế (đ/c Nguyễn Văn An, 0912 345 678)") == "Sở Y tế"
    assert agency_review.public_name("Sở Y tế (ĐT: 0220.3852.123)") == "Sở Y tế"
    assert agency_review.public_name("Sở Tài chính 0912345678") == "Sở Tài chính …"
    kept = "Sở Nông nghiệp và Môi trường (Văn phòng Đăng ký đất đai và các Chi nhánh)"
    assert agency_review.public_name(kept) == kept


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_sheet_is_in_the_readers_words_and_the_same_bytes(other, tmp_path, lang):
    rows = agency_review.name_rows(other, lang)
    a = write_names(rows, tmp_path / "a.xlsx", other, lang)
    b = write_names(rows, tmp_path / "b.xlsx", other, lang)
    assert hashlib.sha256(a.read_bytes()).digest() == hashlib.sha256(b.read_bytes()).digest()
    book = openpyxl.load_workbook(a)
    names, guide = book.worksheets
    headers = [c.value for c in names[1]]
    assert headers == list(agency_review.headers(lang).values())
    assert headers[0] == ("Tên như kế hoạch viết" if lang == "vi" else "Name as the plan writes it")
    assert names["A2"].value == UNKNOWN
    text = " ".join(str(c.value) for row in guide.iter_rows() for c in row if c.value)
    assert "plan132 build" in text and "so-nnmt" in text
    csv_file = write_names(rows, tmp_path / "n.csv", other, lang)
    with csv_file.open(encoding="utf-8-sig") as fh:
        assert next(csv.reader(fh)) == headers


# ------------------------------------------------------------------ reviewed names applied


def _filled(path: Path, bodies: dict[str, str]) -> Path:
    book = openpyxl.load_workbook(path)
    ws = book.worksheets[0]
    for row in ws.iter_rows(min_row=2):
        if row[0].value in bodies:
            row[9].value = bodies[row[0].value]
    book.save(path)
    return path


def test_a_reviewed_name_names_its_body(other, tmp_path):
    sheet = write_names(agency_review.name_rows(other), tmp_path / "names.xlsx", other)
    _filled(sheet, {UNKNOWN: "Sở Du lịch", "Sở NN&MT": ""})
    plan = load_plan(OTHER, agency_review.load_reviewed(sheet))
    a = plan.assignments
    mine = a[a["raw_name"] == UNKNOWN]
    assert set(mine["agency_id"]) == {"so-dl"} and mine["known"].all()
    assert agency_review.unknown_names(plan) == 0


def test_a_new_body_becomes_known_and_a_name_left_empty_stays_as_written(other, tmp_path):
    sheet = write_names(agency_review.name_rows(other), tmp_path / "names.csv", other)
    plan = load_plan(OTHER, agency_review.load_reviewed(sheet))  # nothing filled: nothing changes
    assert set(plan.assignments["agency_id"]) == set(other.assignments["agency_id"])
    rows = list(csv.reader(sheet.open(encoding="utf-8-sig")))
    rows[1][-1] = "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tỉnh"
    with sheet.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    plan = load_plan(OTHER, agency_review.load_reviewed(sheet))
    new = plan.agencies.set_index("agency_id").loc[
        "reviewed-trung-tam-xuc-tien-dau-tu-thuong-mai-va-du-lich-tinh"
    ]
    assert new["in_registry"] and new["name"] == "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tỉnh"
    assert new["n_lead"] == 1
    lead = workload.agency_workload(plan).set_index("agency_id")
    assert lead.at["reviewed-trung-tam-xuc-tien-dau-tu-thuong-mai-va-du-lich-tinh", "n_tasks"] == 2


def test_bad_sheets_are_named_with_their_row(other, tmp_path):
    sheet = write_names(agency_review.name_rows(other), tmp_path / "names.xlsx", other)
    _filled(sheet, {UNKNOWN: "so-khong-co"})
    with pytest.raises(ReferenceDataError, match=r"names.xlsx, row 2: 'so-khong-co' looks like an agency id"):
        agency_review.load_reviewed(sheet)
    book = openpyxl.load_workbook(sheet)
    book.worksheets[0].delete_cols(10)
    book.save(sheet)
    with pytest.raises(ReferenceDataError, match=r"row 1: .*lacks columns .*\(body\)"):
        agency_review.load_reviewed(sheet)
    twice = tmp_path / "twice.csv"
    twice.write_text(f"raw_name,body\n{UNKNOWN},so-dl\n{UNKNOWN},so-vhtt\n", encoding="utf-8")
    with pytest.raises(
        ReferenceDataError,
        match=r"twice.csv, line 3: the name .* mapped to 'so-vhtt' here but to 'so-dl' on line/row 2",
    ):
        agency_review.load_reviewed(twice)


def test_the_command_and_the_option(tmp_path, capsys):
    out = tmp_path / "names.xlsx"
    assert main(["agencies", "--plan", str(OTHER), "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert "1 tên chưa nhận diện được" in said and "--agencies" in said
    _filled(out, {UNKNOWN: "so-dl"})
    assert main(["check", str(OTHER), "--agencies", str(out)]) == 0
    assert UNKNOWN not in capsys.readouterr().out  # no longer reported as unknown
    _filled(out, {UNKNOWN: "so-khong-co"})
    assert main(["check", str(OTHER), "--agencies", str(out)]) == 2
    err = capsys.readouterr().err
    assert "names.xlsx, dòng 2" in err and "Traceback" not in err
    assert main(["agencies", "--plan", str(OTHER), "--out", str(tmp_path / "names.txt")]) == 2


# ------------------------------------------------------------------ said beside the workload


def test_unknown_names_are_said_beside_the_workload(other):
    note = agency_review.unknown_note(other)
    assert note == "1 tên cơ quan chưa nhận diện được (giữ nguyên như kế hoạch viết); xem agency_names.xlsx"
    assert "agency_names_en.xlsx" in agency_review.unknown_note(other, "en")
    figure = lead_coordinate_bars(workload.agency_workload(other), source="Nguồn", note=note)
    assert any(note in t.get_text().split("\n") for t in figure.texts)  # a footer line of its own
    leads = next(s for s in briefing.brief(other).sections if s.key == "leads")
    assert "1 tên cơ quan chưa nhận diện được" in leads.text


def test_a_plan_with_every_name_known_says_nothing(plan):
    assert agency_review.unknown_note(plan) == ""
