"""Output folders complete or absent (issue 23, item 6) and no traceback on output (item 4).

``build``, ``diff`` and ``compare`` write into ``<out>.building`` beside ``--out`` and move it into
place with its ``MANIFEST`` only when complete; a lock beside ``--out`` refuses a second command; an
``OSError`` or a brief that does not fit is a message and exit 2, and ``--out`` is left as it was.
Most tests use ``diff`` of a small plan (a few seconds) or stop a build early.
"""

from __future__ import annotations

import errno
import hashlib
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from plan132lib.cli import main
from plan132lib.pipeline import output
from plan132lib.pipeline.output import MANIFEST, aside_path, check_manifest, lock_path, work_path

HERE = Path(__file__).resolve().parents[1]
SMALL = HERE / "bad" / "ok_minimal.md"


def diff(out: Path, *extra: str) -> int:
    return main([*extra, "diff", str(SMALL), str(SMALL), "--out", str(out)])


def build(out: Path, *extra: str) -> int:
    return main(["build", "--plan", str(SMALL), "--out", str(out), "--no-notebooks", "--lang", "vi", *extra])


def files(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def nothing_beside(out: Path) -> None:
    """No lock, temporary or old folder is left beside ``out``."""
    assert not lock_path(out).exists() and not work_path(out).exists() and not aside_path(out).exists()


def test_the_manifest_lists_exactly_the_files_with_their_hashes(tmp_path: Path) -> None:
    out = tmp_path / "d"
    assert diff(out) == 0
    present = files(out)
    lines = (out / MANIFEST).read_text(encoding="utf-8").splitlines()
    listed = dict(reversed(line.split("  ", 1)) for line in lines)
    assert listed == {name: digest for name, digest in present.items() if name != MANIFEST}
    assert [line.split("  ", 1)[1] for line in lines] == sorted(listed)  # sorted by path
    assert {"changes.csv", "summary.md", "summary_en.html"} <= set(listed)
    assert check_manifest(out) == []
    nothing_beside(out)
    (out / "summary.md").write_text("edited", encoding="utf-8")  # the check sees a change
    assert check_manifest(out) == ["changed: summary.md"]


def test_a_rerun_removes_files_it_no_longer_writes_and_is_byte_identical(tmp_path: Path) -> None:
    out = tmp_path / "d"
    assert diff(out) == 0
    first = files(out)
    (out / "stale.csv").write_text("from an earlier run", encoding="utf-8")
    (out / "old_charts").mkdir()
    (out / "old_charts" / "x.png").write_bytes(b"png")
    assert diff(out) == 0
    assert files(out) == first  # the stale files are gone; MANIFEST and every file the same bytes
    nothing_beside(out)


@pytest.mark.slow
def test_a_build_writes_its_manifest_and_a_rebuild_drops_stale_tables(tmp_path: Path) -> None:
    out = tmp_path / "pack"
    assert build(out) == 0
    assert check_manifest(out) == []
    assert "tables/tasks.csv" in (out / MANIFEST).read_text(encoding="utf-8")
    first = files(out)
    (out / "tables" / "coverage_entries.csv").write_text("another plan's table", encoding="utf-8")
    assert build(out) == 0
    assert files(out) == first
    nothing_beside(out)


@pytest.mark.parametrize("lang,said", [("vi", "đang ghi vào"), ("en", "is writing")])
def test_a_second_command_into_a_locked_folder_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, said: str
) -> None:
    out = tmp_path / "d"
    assert diff(out) == 0
    before = files(out)
    lock = lock_path(out)
    lock.write_text(f"{os.getpid()} {socket.gethostname()}\n", encoding="utf-8")  # held by this process
    capsys.readouterr()
    assert build(out, "--lang", lang) == 2
    err = capsys.readouterr().err
    assert said in err and str(out) in err and str(lock) in err and "Traceback" not in err
    assert files(out) == before and lock.exists()  # the holder's pack and lock are untouched
    assert diff(out, "--lang", lang) == 2
    lock.unlink()
    assert diff(out) == 0


def test_a_killed_commands_lock_and_temporary_folder_are_cleaned_up(tmp_path: Path) -> None:
    out = tmp_path / "d"
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True
    ).stdout.strip()
    lock_path(out).write_text(f"{dead} {socket.gethostname()}\n", encoding="utf-8")
    work_path(out).mkdir()
    (work_path(out) / "changes.csv").write_text("half written", encoding="utf-8")  # no MANIFEST
    assert diff(out) == 0
    assert check_manifest(out) == []
    nothing_beside(out)


def test_a_command_killed_between_the_two_renames_gets_the_previous_pack_back(tmp_path: Path) -> None:
    out = tmp_path / "d"
    assert diff(out) == 0
    before = files(out)
    out.rename(aside_path(out))  # the old pack set aside, the new one not yet in place
    with output.output_folder(out, marks=("changes.csv",)) as work:
        assert files(out) == before  # restored before anything is written
        (work / "only.txt").write_text("new", encoding="utf-8")
    assert set(files(out)) == {"only.txt", MANIFEST}
    nothing_beside(out)


def test_a_build_that_fails_midway_leaves_the_previous_pack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from plan132lib.pipeline import build as pipeline

    out = tmp_path / "d"
    assert diff(out) == 0
    before = files(out)

    def broken(*args: object, **kwargs: object) -> list[Path]:
        raise RuntimeError("stopped in the network step")

    monkeypatch.setattr(pipeline, "network_files", broken)
    with pytest.raises(RuntimeError, match="network step"):
        build(out)
    assert files(out) == before and check_manifest(out) == []  # the previous complete pack
    nothing_beside(out)
    with pytest.raises(RuntimeError, match="network step"):
        build(tmp_path / "new")
    assert not (tmp_path / "new").exists()  # absent, never half-written
    nothing_beside(tmp_path / "new")


def test_out_naming_a_file_exits_2_for_every_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "a_file.txt"
    out.write_text("mine", encoding="utf-8")
    for run in (
        lambda: build(out),
        lambda: diff(out),
        lambda: main(["compare", str(SMALL), "--no-cache", "--out", str(out)]),
    ):
        assert run() == 2
        err = capsys.readouterr().err
        assert f"--out {out} là một tệp, không phải thư mục" in err and "Traceback" not in err
    assert out.read_text(encoding="utf-8") == "mine"
    draft = tmp_path / "draft.xlsx"
    draft.mkdir()  # crosswalk and agencies write one file: a folder in its place
    assert main(["crosswalk", "--plan", str(SMALL), "--out", str(draft)]) == 2
    assert f"không ghi được {draft}" in capsys.readouterr().err


def test_a_folder_of_other_files_is_refused_never_emptied(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.docx").write_bytes(b"mine")
    assert diff(tmp_path, "--lang", "en") == 2
    err = capsys.readouterr().err
    assert f"the folder {tmp_path} holds files but is not a plan132 output" in err
    assert (tmp_path / "notes.docx").read_bytes() == b"mine"


def test_a_read_only_folder_exits_2_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = tmp_path / "locked"
    parent.mkdir()
    parent.chmod(0o555)
    if os.geteuid() == 0:  # root writes anywhere: the folder is read-only as the system says
        monkeypatch.setattr(output.os, "access", lambda path, mode: Path(path) != parent)
    try:
        assert diff(parent / "d") == 2
        err = capsys.readouterr().err
        assert f"không ghi được {parent}: không có quyền ghi" in err and "Traceback" not in err
        assert build(parent / "d", "--lang", "en") == 2
        assert f"cannot write {parent}: permission denied" in capsys.readouterr().err
    finally:
        parent.chmod(0o755)
    assert list(parent.iterdir()) == []


def test_a_full_disk_exits_2_naming_the_folder_and_leaves_it_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from plan132lib.pipeline import build as pipeline
    from plan132lib.pipeline import diff as diff_module

    out = tmp_path / "d"
    assert diff(out) == 0
    before = files(out)

    def full(*args: object, **kwargs: object) -> Path:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(diff_module, "write_text", full)
    capsys.readouterr()
    assert diff(out) == 2
    err = capsys.readouterr().err
    assert f"không ghi được {out}: ổ đĩa đã hết chỗ trống" in err and "Traceback" not in err
    assert files(out) == before
    nothing_beside(out)

    def full_tables(tables: object, folder: Path) -> list[Path]:  # the error names the file being written
        raise OSError(errno.ENOSPC, "No space left on device", str(Path(folder) / "tasks.csv"))

    monkeypatch.setattr(pipeline, "write_tables", full_tables)
    assert build(out, "--lang", "en") == 2
    err = capsys.readouterr().err
    assert f"cannot write {out / 'tables' / 'tasks.csv'}: no space left on the disk" in err
    assert f"{out} is left as it was" in err and ".building" not in err
    assert files(out) == before
    nothing_beside(out)


def test_a_brief_that_does_not_fit_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from plan132lib.pipeline import build as pipeline
    from plan132lib.render.brief_pdf import BriefOverflowError

    def overflowing(*args: object, **kwargs: object) -> list[Path]:
        raise BriefOverflowError("Kế hoạch 1: does not fit on one A4 page; left over: the leads")

    monkeypatch.setattr(pipeline, "chart_figures", lambda *args, **kwargs: {})  # no charts: quicker
    monkeypatch.setattr(pipeline, "write_briefs", overflowing)
    out = tmp_path / "d"
    assert build(out) == 2
    err = capsys.readouterr().err
    assert "không vừa một trang A4" in err and "left over: the leads" in err and "Traceback" not in err
    assert not out.exists()
    nothing_beside(out)
