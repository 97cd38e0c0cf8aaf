"""Parameters of the notebooks, passed as environment variables by the build.

``plan132 build --plan PATH --crosswalk CSV`` runs every notebook with
``PLAN132_PLAN`` and ``PLAN132_CROSSWALK`` set, and the briefing once per
language with ``PLAN132_LANG``; opened by hand in JupyterLab, the notebooks
read the bundled plan in Vietnamese. A notebook calls :func:`load` and, for
the coverage review, :func:`review`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from ..analysis.coverage import Review, review_for
from ..ingest.tables import Plan, load_plan

PLAN = "PLAN132_PLAN"
CROSSWALK = "PLAN132_CROSSWALK"
LANG = "PLAN132_LANG"
LANGS = ("vi", "en")


def load() -> Plan:
    """The plan named by ``PLAN132_PLAN``, else the bundled Kế hoạch 132."""
    return load_plan(os.environ.get(PLAN) or None)


def review(plan: Plan) -> Review | None:
    """The coverage review of ``plan`` (crosswalk from ``PLAN132_CROSSWALK`` or the bundled one), or None."""
    return review_for(plan, os.environ.get(CROSSWALK) or None)


def lang() -> str:
    """The language of the briefing: ``PLAN132_LANG`` ("vi" or "en"), default "vi"."""
    value = os.environ.get(LANG) or "vi"
    if value not in LANGS:
        raise ValueError(f"{LANG} must be one of {LANGS}, not {value!r}")
    return value


def environment(plan: str | Path | None = None, crosswalk: str | Path | None = None,
                lang: str | None = None) -> dict[str, str]:
    """The variables for a run: absolute paths, empty strings for the defaults."""
    return {PLAN: str(Path(plan).resolve()) if plan else "",
            CROSSWALK: str(Path(crosswalk).resolve()) if crosswalk else "",
            LANG: lang or ""}


@contextmanager
def applied(variables: Mapping[str, str]) -> Iterator[None]:
    """Set ``variables`` in this process (and so in kernels it starts) for the block; restore after."""
    before = {k: os.environ.get(k) for k in variables}
    os.environ.update(variables)
    try:
        yield
    finally:
        for k, v in before.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
