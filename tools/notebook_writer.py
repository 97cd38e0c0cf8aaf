"""Shared helper of the notebook scripts: write cells as a notebook without outputs."""

from pathlib import Path

import nbformat as nbf

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def write_notebook(cells: list, name: str) -> Path:
    """Write ``notebooks/<name>`` with a Python 3 kernelspec; returns its path."""
    nb = nbf.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    path = NOTEBOOKS / name
    nbf.write(nb, path)
    return path
