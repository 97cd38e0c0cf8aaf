"""Shared helper of the notebook scripts: write cells as a notebook without outputs."""

from pathlib import Path

import nbformat as nbf

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def write_notebook(cells: list, name: str, requires: tuple[str, ...] = ()) -> Path:
    """Write ``notebooks/<name>`` with a Python 3 kernelspec; returns its path.

    ``requires``: what the notebook needs beyond a plan, e.g. ("crosswalk",) for the coverage
    review; the build skips it, saying why, when that is missing.
    """
    nb = nbf.v4.new_notebook(cells=cells)
    if requires:
        nb.metadata["plan132"] = {"requires": list(requires)}
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    path = NOTEBOOKS / name
    nbf.write(nb, path)
    return path
