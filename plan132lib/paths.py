"""Where the bundled data lives: package data read through :mod:`importlib.resources`.

In the clone the files stay in ``data/`` (``raw/`` the plan's text, ``reference/`` the
agency registry, the resolution catalogues in ``catalogues/`` and the crosswalk), where an analyst looks
for them; ``pyproject.toml`` ships that folder inside the package as
``plan132lib.data``, so an installed wheel finds the same files from any working
directory. The editable install the Makefile makes points at the clone's ``data/``.
"""

from __future__ import annotations

import atexit
from contextlib import ExitStack
from importlib.resources import as_file, files
from pathlib import Path

_EXTRACTED = ExitStack()
atexit.register(_EXTRACTED.close)


def package_file(package: str, *parts: str) -> Path:
    """A file shipped in ``package`` as a filesystem path (extracted once if the package is zipped)."""
    resource = files(package).joinpath(*parts)
    if isinstance(resource, Path):
        return resource
    return _EXTRACTED.enter_context(as_file(resource))


def data_file(*parts: str) -> Path:
    """A file of the bundled data, e.g. ``data_file("reference", "agencies.csv")``."""
    return package_file("plan132lib.data", *parts)


BUNDLED_PLAN = data_file("raw", "ke-hoach-132-KH-UBND-2026-04-16-hung-yen.md")
AGENCY_REGISTRY = data_file("reference", "agencies.csv")
#: The bundled resolution catalogues: every CSV or XLSX file of this folder, read in name order.
CATALOGUES = data_file("reference", "catalogues")
#: The catalogue of NQ 247/2025/QH15 and 67/NQ-CP reconstructed from the press, which the bundled
#: crosswalk was written for.
RESOLUTION_CATALOGUE = data_file("reference", "catalogues", "nq247_nq67.csv")
CROSSWALK = data_file("reference", "crosswalk_plan132.csv")
LOCAL_PLACES = data_file("reference", "local_places.csv")
#: Vietnam's provinces and centrally run cities: the 34 since 1 July 2025 and the 30 merged into them.
PROVINCES = data_file("reference", "provinces.csv")
# Outputs and notebooks belong to the working copy the analyst runs from, not to the package.
DEFAULT_OUTPUT_DIR = Path("outputs")
