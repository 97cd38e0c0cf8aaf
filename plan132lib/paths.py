"""Where the project's bundled data lives.

The library reads its data from the ``data/`` folder of the project clone
(installed with ``pip install -e .``, as the Makefile does), so that the files
an analyst sees in the repository are the files the library uses.
"""

from __future__ import annotations

from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_DIR / "data"
RAW_DIR = DATA_DIR / "raw"
REFERENCE_DIR = DATA_DIR / "reference"
BUNDLED_PLAN = RAW_DIR / "ke-hoach-132-KH-UBND-2026-04-16-hung-yen.md"
AGENCY_REGISTRY = REFERENCE_DIR / "agencies.csv"
DEFAULT_OUTPUT_DIR = PROJECT_DIR / "outputs"
RESOLUTION_CATALOGUE = REFERENCE_DIR / "resolution_catalogue.csv"
CROSSWALK = REFERENCE_DIR / "crosswalk_plan132.csv"
