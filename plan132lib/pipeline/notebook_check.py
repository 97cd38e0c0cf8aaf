"""Check that notebooks are committed without outputs (the pre-commit hook ``notebooks-without-outputs``).

``python -m plan132lib.pipeline.notebook_check NOTEBOOK...`` names each notebook and cell
that holds an output or an execution count and exits 1; it changes nothing. Executed
copies belong in ``outputs/notebooks/``, written by ``plan132 build``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat


def cells_with_outputs(path: str | Path) -> list[int]:
    """The 1-based numbers of the code cells of ``path`` that carry outputs or an execution count."""
    notebook = nbformat.read(Path(path), as_version=4)
    return [
        n
        for n, cell in enumerate(notebook.cells, start=1)
        if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count") is not None)
    ]


def main(argv: list[str] | None = None) -> int:
    bad = 0
    for name in sys.argv[1:] if argv is None else argv:
        cells = cells_with_outputs(name)
        if cells:
            bad += 1
            print(
                f"{name}: cell(s) {', '.join(map(str, cells))} hold outputs; clear them "
                "(JupyterLab: Edit > Clear Outputs of All Cells) before committing"
            )
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
