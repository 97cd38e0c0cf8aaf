"""The pre-commit check names a notebook committed with outputs, and passes a clean one."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from plan132lib.pipeline.notebook_check import cells_with_outputs, main


def _write(path: Path, *cells) -> Path:
    nbformat.write(new_notebook(cells=list(cells)), path)
    return path


def test_clean_notebook_passes(tmp_path: Path, capsys) -> None:
    clean = _write(tmp_path / "clean.ipynb", new_markdown_cell("# Tiêu đề"), new_code_cell("1 + 1"))
    assert cells_with_outputs(clean) == []
    assert main([str(clean)]) == 0
    assert capsys.readouterr().out == ""


def test_outputs_and_counts_are_named(tmp_path: Path, capsys) -> None:
    ran = new_code_cell(
        "1 + 1",
        execution_count=3,
        outputs=[new_output("execute_result", data={"text/plain": "2"}, execution_count=3)],
    )
    counted = new_code_cell("x = 1", execution_count=4)
    dirty = _write(tmp_path / "dirty.ipynb", new_markdown_cell("# A"), ran, new_code_cell("y"), counted)
    assert cells_with_outputs(dirty) == [2, 4]
    assert main([str(dirty)]) == 1
    assert "dirty.ipynb: cell(s) 2, 4 hold outputs" in capsys.readouterr().out
