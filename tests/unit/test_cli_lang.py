"""``plan132`` as a Vietnamese analyst meets it: --version, --strict, messages in either language."""

from __future__ import annotations

from pathlib import Path

import pytest

from plan132lib import PlanParseError
from plan132lib.cli import main
from plan132lib.stamp import VERSION
from plan132lib.words import Problem, place, say_error

CLEAN = (
    "Số: 1/KH-UBND\n\nI. MỤC ĐÍCH\n\n"
    "TT\tNội dung thực hiện\tCơ quan chủ trì\tCơ quan phối hợp\tTiến độ\n"
    "1\tViệc một\tSở Xây dựng\tSở Tài chính\tNăm 2026\n"
)  # one task, nothing to warn of
HERE = Path(__file__).resolve().parents[1] / "fixtures"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    said = capsys.readouterr()
    return code, said.out, said.err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out == f"plan132 {VERSION}\n"


def test_strict_fails_on_warnings_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clean = tmp_path / "clean.md"
    clean.write_text(CLEAN, encoding="utf-8")
    assert run(capsys, "check", "--strict", str(clean))[0] == 0
    unknown = tmp_path / "unknown.md"
    unknown.write_text(CLEAN.replace("Sở Tài chính", "Cục Du lịch"), encoding="utf-8")
    code, out, _ = run(capsys, "check", "--strict", str(unknown))
    assert code == 1
    assert "'Cục Du lịch' (nhiệm vụ 1.1) không có trong danh mục cơ quan" in out
    assert "Tổng cộng: 1 cảnh báo, 0 thông tin." in out
    assert run(capsys, "check", str(unknown))[0] == 0  # without --strict a warning is only reported


def test_help_is_vietnamese_by_default_and_english_with_lang(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    vi = capsys.readouterr().out
    assert vi.startswith("cách dùng: plan132 check") and "trả mã 1 khi báo cáo có cảnh báo" in vi
    with pytest.raises(SystemExit):
        main(["--lang", "en", "--help"])
    en = capsys.readouterr().out
    assert en.startswith("usage: plan132") and "--version" in en and "Exit codes" in en
    with pytest.raises(SystemExit):
        main(["build", "--lang", "en", "vi", "--help"])  # build's languages: the messages follow the first
    assert "languages of the charts" in capsys.readouterr().out


def test_usage_error_says_loi(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["crosswalk"])
    assert done.value.code == 2
    assert "plan132 crosswalk: lỗi: " in capsys.readouterr().err


def test_a_bad_file_in_both_languages_names_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text(CLEAN.replace("\tNăm 2026\n", "\n"), encoding="utf-8")
    code, out, err = run(capsys, "check", str(bad))
    assert (code, out) == (2, "")
    assert err.startswith(f"plan132: không đọc được {bad}, dòng 6: dòng của bảng phụ lục có 4 ô; cần 5 ô")
    code, _, err = run(capsys, "--lang", "en", "check", str(bad))
    assert err.startswith(f"plan132: cannot read {bad}, line 6: appendix row has 4 cell(s); expected 5")
    assert "Traceback" not in err


def test_common_refusals_are_vietnamese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from PIL import Image

    scan = tmp_path / "scan.pdf"
    Image.new("RGB", (200, 280), "white").save(scan)
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    expected = {
        scan: "tệp PDF không có lớp chữ (bản quét?)",
        empty: "tệp rỗng; cần tệp kế hoạch",
        tmp_path / "none.xlsx": "không mở được tệp (không có tệp hoặc thư mục này)",
        HERE / "documents" / "traps" / "secret.pdf": "tệp PDF có mật khẩu",
    }
    for path, problem in expected.items():
        code, _, err = run(capsys, "check", str(path))
        assert code == 2 and err.startswith(f"plan132: không đọc được {path}: {problem}"), err


def test_a_bad_crosswalk_row_is_said_in_vietnamese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from plan132lib.paths import CROSSWALK

    lines = CROSSWALK.read_text(encoding="utf-8").splitlines(keepends=True)
    bad = tmp_path / "crosswalk.csv"
    bad.write_text(lines[0] + lines[1].replace(lines[1].split(",")[0], "9.9", 1), encoding="utf-8")
    code, _, err = run(
        capsys, "build", "--crosswalk", str(bad), "--no-notebooks", "--out", str(tmp_path / "o")
    )
    assert code == 2
    assert f"plan132: không đọc được {bad}, dòng 2: task_id '9.9' không phải nhiệm vụ của kế hoạch" in err


def test_problem_is_english_text_and_says_vietnamese() -> None:
    problem = Problem("row_cells", n=4, width=5, expected="TT | Nội dung")
    assert problem == "appendix row has 4 cell(s); expected 5 separated by tabs (TT | Nội dung)"
    assert problem.say("vi") == (
        "dòng của bảng phụ lục có 4 ô; cần 5 ô cách nhau bằng dấu tab (TT | Nội dung)"
    )
    error = PlanParseError("kh.pdf", "page 3, row 4", problem)
    assert str(error).startswith("kh.pdf, page 3, row 4: appendix row")  # the library's own text is unchanged
    assert say_error(error).startswith("không đọc được kh.pdf, trang 3, dòng 4: dòng của bảng phụ lục")
    assert place("table 2, row 5") == "bảng 2, dòng 5" and place("Phụ lục!A7") == "Phụ lục!A7"
    plain = PlanParseError("x.md", 3, "some problem not yet translated")
    assert say_error(plain) == "không đọc được x.md, dòng 3: some problem not yet translated"
