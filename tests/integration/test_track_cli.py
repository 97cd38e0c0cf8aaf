"""``plan132 track init`` and ``plan132 track report`` as a lead department runs them (issue 27): the
workbooks it sends, the folder it gets back, the messages when a return is wrong."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from plan132lib import fields
from plan132lib.cli import main
from plan132lib.pipeline import notebooks
from plan132lib.pipeline.output import check_manifest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import make_progress_returns as returns  # noqa: E402

COLUMNS = [
    "Mã nhiệm vụ",
    "Nội dung",
    "Vai trò",
    "Cơ quan chủ trì",
    "Thời hạn",
    "Tình trạng",
    "Tỷ lệ hoàn thành (%)",
    "Ngày hoàn thành",
    "Kết quả, sản phẩm",
    "Khó khăn, vướng mắc",
    "Kiến nghị",
]
OUTPUTS = {
    "MANIFEST",
    "progress.csv",
    "progress_by_agency.csv",
    "progress_history.csv",
    "conflicts.csv",
    "bao-cao-ket-qua.docx",
    *(
        f"{c}_vi.{e}"
        for c in ("status_by_agency", "overdue_by_group", "open_by_period")
        for e in ("png", "svg")
    ),
}


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return returns.make_returns(tmp_path_factory.mktemp("returns"))


# ---------------------------------------------------------------- track init


def test_init_writes_one_workbook_per_agency_named_readably(tmp_path, capsys) -> None:
    out = tmp_path / "so-theo-doi"
    assert main(["track", "init", "--out", str(out)]) == 0
    names = sorted(p.name for p in out.glob("*.xlsx"))
    assert len(names) == 10 and "so-nong-nghiep-va-moi-truong.xlsx" in names
    assert "uy-ban-nhan-dan-cac-xa-phuong.xlsx" in names and check_manifest(out) == []
    said = capsys.readouterr().out
    assert "10 sổ theo dõi" in said and "Các sở, ban, ngành" in said  # the whole-group entries named
    first = (out / "MANIFEST").read_bytes()
    assert main(["track", "init", "--out", str(out)]) == 0
    assert (out / "MANIFEST").read_bytes() == first  # the same bytes


def test_the_workbook_has_the_sheet_columns_list_and_locks_of_the_issue(tmp_path) -> None:
    out = tmp_path / "so"
    assert (
        main(["track", "init", "--out", str(out), "--agency", "Sở Xây dựng", "--period", "Quý I/2027"]) == 0
    )
    book = openpyxl.load_workbook(out / "so-xay-dung.xlsx")
    assert book.sheetnames == ["Theo dõi", "Thông tin"]
    ws = book["Theo dõi"]
    assert [c.value for c in ws[1]] == COLUMNS
    assert [ws.cell(r, 1).value for r in range(2, 7)] == ["1.1", "1.2", "2.3", "2.4", "2.6"]
    assert ws["C2"].value == "Chủ trì" and ws["E3"].value == "2026 - 2030"
    assert ws.protection.sheet and not ws.protection.insertRows and not ws.protection.sort
    assert [ws.cell(2, c).protection.locked for c in range(1, 12)] == [True] * 5 + [False] * 6
    (status,) = [v for v in ws.data_validations.dataValidation if v.type == "list"]
    assert status.formula1 == '"Chưa triển khai,Đang thực hiện,Hoàn thành,Không thực hiện"'
    assert str(status.sqref).startswith("F2:F")
    info = {r[0]: r[1] for r in book["Thông tin"].iter_rows(min_row=2, max_row=6, values_only=True)}
    assert info["Kế hoạch"] == "Kế hoạch 132/KH-UBND ngày 16/4/2026 của Ủy ban nhân dân tỉnh Hưng Yên"
    assert info["Cơ quan báo cáo"] == "Sở Xây dựng" and info["Kỳ báo cáo"] == "Quý I/2027"
    assert any(label.startswith("Người liên hệ") for label in info)


def test_all_writes_one_workbook_with_every_task(tmp_path) -> None:
    out = tmp_path / "chung"
    assert main(["track", "init", "--out", str(out), "--all"]) == 0
    (only,) = out.glob("*.xlsx")
    assert only.name == "tat-ca-nhiem-vu.xlsx"
    assert openpyxl.load_workbook(only)["Theo dõi"].max_row >= 1 + 29


def test_init_refuses_an_agency_the_plan_does_not_name(tmp_path, capsys) -> None:
    assert main(["track", "init", "--out", str(tmp_path / "x"), "--agency", "Sở Du lịch"]) == 2
    err = capsys.readouterr().err
    assert "Sở Du lịch" in err and "Sở Xây dựng" in err and not (tmp_path / "x").exists()


def test_init_does_not_replace_a_folder_holding_returns(tmp_path, capsys) -> None:
    out = tmp_path / "so"
    assert main(["track", "init", "--out", str(out), "--agency", "Sở Y tế"]) == 0
    (out / "so-y-te-q1.xlsx").write_bytes((out / "so-y-te.xlsx").read_bytes())  # a return saved there
    assert main(["track", "init", "--out", str(out)]) == 2
    assert "so-y-te-q1.xlsx" in capsys.readouterr().err and (out / "so-y-te-q1.xlsx").exists()


# ---------------------------------------------------------------- track report


@pytest.mark.slow
def test_report_writes_the_issues_files_the_same_bytes_twice(folders, tmp_path, capsys) -> None:
    out = tmp_path / "tong-hop"
    args = [
        "track",
        "report",
        str(folders["q1"]),
        str(folders["q2"]),
        "--as-of",
        "2027-07-15",
        "--out",
        str(out),
    ]
    assert main(args) == 0
    said = capsys.readouterr()
    assert "15 sổ theo dõi" in said.out and "1 quá hạn" in said.out
    assert "6.2" in said.err  # the row deleted is said, not dropped
    assert {p.name for p in out.iterdir()} == OUTPUTS and check_manifest(out) == []
    for name in ("progress", "progress_by_agency", "progress_history", "conflicts"):
        frame = fields.read_csv(out / f"{name}.csv", f"track/{name}")
        assert list(frame.columns) == fields.table_columns(f"track/{name}")
    first = (out / "MANIFEST").read_bytes()
    assert main(args) == 0
    assert (out / "MANIFEST").read_bytes() == first
    with zipfile.ZipFile(out / "bao-cao-ket-qua.docx") as docx:
        text = docx.read("word/document.xml").decode("utf-8")
    for said_in_report in (
        "BÁO CÁO",
        "Kính gửi: Ủy ban nhân dân tỉnh Hưng Yên",
        "Thanh tra tỉnh",
        "Công an tỉnh",
    ):
        assert said_in_report in text
    assert "Chưa bố trí được kinh phí" in text and "Nhiệm vụ 1.1" in text
    for path in out.iterdir():  # the contact is personal data: in no output
        data = path.read_bytes()
        if path.suffix == ".docx":
            data = b"".join(zipfile.ZipFile(path).read(n) for n in zipfile.ZipFile(path).namelist())
        assert b"0912 345 678" not in data and "Nguyễn Văn A".encode() not in data, path.name


@pytest.mark.slow
def test_report_in_english_names_its_charts_so(folders, tmp_path) -> None:
    out = tmp_path / "en"
    assert (
        main(
            [
                "--lang",
                "en",
                "track",
                "report",
                str(folders["q2"]),
                "--as-of",
                "2027-07-15",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    assert (out / "status_by_agency_en.svg").read_text(encoding="utf-8").count("Status of the tasks led") == 1
    assert "REPORT" in zipfile.ZipFile(out / "bao-cao-ket-qua.docx").read("word/document.xml").decode("utf-8")


def test_strict_stops_on_a_warning_and_writes_nothing(folders, tmp_path, capsys) -> None:
    out = tmp_path / "strict"
    args = ["track", "report", str(folders["q1"]), "--as-of", "2027-07-15", "--out", str(out), "--strict"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "so-cong-thuong-q1-2027.xlsx" in err and "6.2" in err and "--strict" in err
    assert not out.exists()


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("unknown_task.xlsx", "[unknown_task.xlsx]Theo dõi!A3: mã nhiệm vụ “7.9” không có trong kế hoạch"),
        ("other_plan.xlsx", "là sổ theo dõi của Kế hoạch 58/KH-UBND"),
        ("not_a_return.xlsx", "không phải sổ theo dõi (các trang tính: Sheet1"),
        ("not_excel.xlsx", "là tệp văn bản, không phải sổ theo dõi"),
    ],
)
def test_a_wrong_file_is_named_with_its_place_and_nothing_is_written(
    folders, tmp_path, capsys, name: str, says: str
) -> None:
    out = tmp_path / "bad"
    bad = folders["bad"] / name
    assert (
        main(["track", "report", str(folders["q2"]), str(bad), "--as-of", "2027-07-15", "--out", str(out)])
        == 2
    )
    err = capsys.readouterr().err
    assert name in err and says in err and "Traceback" not in err
    assert not out.exists()


def test_a_date_not_written_as_iso_is_refused(folders, tmp_path, capsys) -> None:
    assert (
        main(["track", "report", str(folders["q2"]), "--as-of", "15/7/2027", "--out", str(tmp_path / "x")])
        == 2
    )
    assert "YYYY-MM-DD" in capsys.readouterr().err


@pytest.mark.slow
def test_34_agencies_returns_for_a_300_task_plan_merge_quickly(tmp_path) -> None:
    """Issue 27's target is 5 s (``make bench``: benchmarks/track_bench.py); the bound here is generous,
    as the tests share the machine."""
    import datetime as dt
    import time

    from plan132lib import load_plan
    from plan132lib.analysis.progress import merge
    from plan132lib.pipeline.track import read_returns

    plan_path, large = returns.make_large(tmp_path)
    plan = load_plan(plan_path)
    start = time.perf_counter()
    found, errors = read_returns(large)
    progress = merge(plan, found, dt.date(2027, 7, 15))
    seconds = time.perf_counter() - start
    assert len(found) == 34 and not errors and len(progress.progress) == 300
    assert progress.warnings.empty and progress.non_reporters == []
    assert seconds < 15, f"{seconds:.1f} s"


# ---------------------------------------------------------------- plan132 build --progress


@pytest.fixture(scope="module")
def merged_folder(folders, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("merged") / "tong-hop"
    args = [
        "track",
        "report",
        str(folders["q1"]),
        str(folders["q2"]),
        "--as-of",
        "2027-07-15",
        "--out",
        str(out),
    ]
    assert main(args) == 0
    return out


@pytest.fixture(scope="module")
def progress_pack(merged_folder, tmp_path_factory) -> Path:
    """The pack of the bundled plan with the two quarters merged (Vietnamese, report.html included), as
    the lead department builds it: made once for the tests below.

    Of the notebooks, the build runs those that take ``PROGRESS`` (the briefing, whose report.html the
    tests read): the others get the same parameters with or without returns, so they are the whole
    build's own (``full_build``, checked by tests/integration/test_notebooks.py), and running them again
    here (five kernels) would check nothing more."""
    out = tmp_path_factory.mktemp("progress_pack") / "pack"
    args = ["build", "--lang", "vi", "--progress", str(merged_folder / "progress.csv")]
    taking = [p for p in notebooks.notebook_paths() if "PROGRESS" in notebooks.parameter_names(p)]
    assert notebooks.BRIEFING in [p.name for p in taking]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(notebooks, "notebook_paths", lambda: taking)
        assert main([*args, "--out", str(out)]) == 0
    return out


def _pdf_text(path: Path) -> str:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return " ".join(" ".join(page.extract_text() or "" for page in pdf.pages).split())


@pytest.mark.slow
def test_build_with_progress_adds_it_to_the_brief_the_report_and_the_workbook(progress_pack) -> None:
    out = progress_pack
    with zipfile.ZipFile(out / "brief.docx") as docx:
        text = docx.read("word/document.xml").decode("utf-8")
    assert (
        "Tình hình thực hiện" in text
        and "Chưa gửi báo cáo kỳ Quý II/2027: Thanh tra tỉnh, Công an tỉnh." in text
    )
    assert (
        "Tình hình thực hiện"
        in openpyxl.load_workbook(out / "plan132_workbook.xlsx", read_only=True).sheetnames
    )
    report = _pdf_text(out / "report.pdf")
    assert "Tình hình thực hiện" in report and "3/29 nhiệm vụ đã hoàn thành" in report


@pytest.mark.slow
def test_report_html_shows_the_progress_section_and_the_status_chart(progress_pack) -> None:
    """report.html, from the executed briefing notebook: the brief's own section (heading, numbers, who
    is overdue, who did not report), then the chart of the tasks by agency, between the deadlines and the
    network as in the brief."""
    page = (progress_pack / "report.html").read_text(encoding="utf-8")
    heading = page.index("<strong>Tình hình thực hiện.</strong>")
    assert "3/29 nhiệm vụ đã hoàn thành (10%); 24 đang thực hiện" in page[heading:]
    assert "Quá hạn: nhiệm vụ 1.1 (Sở NN&amp;MT, Sở Xây dựng, Sở Công Thương)" in page[heading:]
    assert "Chưa gửi báo cáo kỳ Quý II/2027: Thanh tra tỉnh, Công an tỉnh." in page[heading:]
    chart = page.index("<figcaption>Tình trạng nhiệm vụ chủ trì của 10 cơ quan: 3 nhiệm vụ hoàn thành")
    assert heading < chart < page.index("<strong>Phối hợp giữa các cơ quan.</strong>")
    figure = page[page.rindex("<figure", 0, chart) : chart]
    assert 'src="data:image/png;base64,' in figure and 'alt="Tình trạng nhiệm vụ chủ trì' in figure
    briefing = (progress_pack / "notebooks" / "05_briefing.html").read_text(encoding="utf-8")
    assert "Tình hình thực hiện" in briefing  # the notebook's own page says it too


@pytest.mark.slow
def test_report_pdf_and_slides_show_the_progress_charts(progress_pack) -> None:
    """report.pdf: both progress charts, numbered, after the section and before the next one; the
    slides: a slide each, titled by its numbers; the charts folder holds them."""
    import re

    from pptx import Presentation

    report = _pdf_text(progress_pack / "report.pdf")
    section = report.index("5. Tình hình thực hiện Theo báo cáo của các cơ quan (Quý I/2027, Quý II/2027)")
    status = re.search(r"Hình (\d+)\. Tình trạng nhiệm vụ chủ trì của 10 cơ quan", report)
    overdue = re.search(
        r"Hình (\d+)\. 1 nhiệm vụ quá hạn trong 1 nhiệm vụ đã đến hạn trước ngày 15/7/2027", report
    )
    assert status and overdue and int(overdue[1]) == int(status[1]) + 1
    assert section < status.start() < overdue.start() < report.index("6. Phối hợp giữa các cơ quan", section)
    deck = list(Presentation(str(progress_pack / "slides.pptx")).slides)
    titles = [s.shapes.title.text if s.shapes.title is not None else "" for s in deck]
    at = titles.index("Tính đến ngày 15/7/2027, 3/29 nhiệm vụ đã hoàn thành, 1 nhiệm vụ quá hạn")
    assert titles[at + 1] == "Nhiệm vụ duy nhất đã đến hạn trước ngày 15/7/2027 đang quá hạn"
    for slide in deck[at : at + 2]:
        assert [s.shape_type for s in slide.shapes].count(13) == 1  # one picture: the chart
    assert {"status_by_agency_vi.png", "overdue_by_group_vi.svg"} <= {
        p.name for p in (progress_pack / "charts").iterdir()
    }


def test_build_refuses_another_files_progress_before_writing(merged_folder, tmp_path, capsys) -> None:
    wrong = tmp_path / "progress.csv"
    wrong.write_text("task_id,status\n1.1,done\n", encoding="utf-8")
    out = tmp_path / "pack"
    assert main(["build", "--no-notebooks", "--progress", str(wrong), "--out", str(out)]) == 2
    assert "progress.csv" in capsys.readouterr().err and not out.exists()


def test_a_folder_without_returns_is_said(tmp_path, capsys) -> None:
    (tmp_path / "trong").mkdir()
    args = ["track", "report", str(tmp_path / "trong"), "--as-of", "2027-07-15", "--out", str(tmp_path / "x")]
    assert main(args) == 2
    assert "không có sổ theo dõi nào" in capsys.readouterr().err and not (tmp_path / "x").exists()
