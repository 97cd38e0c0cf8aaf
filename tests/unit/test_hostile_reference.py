"""Reference sheets (a crosswalk, a catalogue, reviewed names) that declare or hold a far cell are
read in the time of their rows, not of their declared area (issue 23)."""

from __future__ import annotations

import time

import openpyxl
import pytest

import plan132lib
from plan132lib.analysis.catalogue import ReferenceDataError, load_crosswalk


def test_a_crosswalk_with_one_cell_at_xfd1048576_is_answered_quickly(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["task_id", "goal_id", "strength", "task_words", "goal_words", "note"])
    sheet.append(["1.1", "NQ247-KHONG-CO", "full", "a", "b", ""])
    sheet["XFD1048576"] = "x"
    path = tmp_path / "far.xlsx"
    book.save(path)
    assert path.stat().st_size < 20_000
    start = time.process_time()
    with pytest.raises(ReferenceDataError) as caught:  # answered with the first real problem, row 2
        load_crosswalk(plan132lib.load_plan(), path=path)
    assert time.process_time() - start < 15
    assert "row 2" in str(caught.value) and "NQ247-KHONG-CO" in str(caught.value)


@pytest.mark.parametrize("name", ["/dev/zero", "a folder"])
def test_a_device_or_a_folder_as_a_plan_is_refused_at_once(tmp_path, name):
    from plan132lib.errors import PlanParseError

    path = tmp_path if name == "a folder" else __import__("pathlib").Path(name)
    if not path.exists():
        pytest.skip(f"{name} is not on this system")
    start = time.process_time()
    with pytest.raises(PlanParseError, match="not a regular file"):
        plan132lib.load_plan(path)
    assert time.process_time() - start < 1
