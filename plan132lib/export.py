"""Writing tables to files, byte-identical for the same input.

CSV files are UTF-8 without BOM, LF line endings, one file per table, columns
in the contract's order and rows in the table's order. Text is written exactly
(quoted where it holds a comma, quote or line break); a missing value is an
empty field; booleans are ``True``/``False``.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd


def write_csv(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write one table as UTF-8 CSV and return its path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n",
                 quoting=csv.QUOTE_MINIMAL)
    return path


def write_tables(tables: dict[str, pd.DataFrame], folder: str | Path) -> list[Path]:
    """Write each table as ``<folder>/<name>.csv``; returns the paths written."""
    folder = Path(folder)
    return [write_csv(frame, folder / f"{name}.csv") for name, frame in tables.items()]


def write_text(text: str, path: str | Path) -> Path:
    """Write a UTF-8 text file with LF line endings."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path
