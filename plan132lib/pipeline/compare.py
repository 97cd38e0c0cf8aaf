"""``plan132 compare P1 P2 … --out D``: many plans side by side.

Reads every plan (through the read cache: a second run reads no file again), names the files it
cannot read and compares the others (``strict``: the first unreadable file stops it). Writes
``D/plans.csv``, ``D/tasks.csv``, ``D/load_by_agency.csv``, ``D/coverage.csv``, ``D/targets.csv``
(:func:`plan132lib.analysis.compare.compare_tables`), ``D/unread.csv`` when a file could not be
read, and the charts ``lead_share_<lang>`` (small multiples of the lead share by body) and
``coverage_<lang>`` (entries × plans), PNG and SVG. ``D`` is written whole, with its ``MANIFEST``,
or left as it was (:func:`plan132lib.pipeline.output.output_folder`); when no plan could be read,
nothing is written.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from ..analysis import compare
from ..analysis.catalogue import CatalogueFiles, load_catalogues
from ..charts import save_figure
from ..charts.compare import compare_source, coverage_heatmap, lead_share_panels
from ..ingest.agencies import Registry
from ..ingest.tables import Plan
from ..render.export import write_csv
from .output import output_folder, placed


def default_cache() -> Path:
    """Where read plans are kept between runs: ``$XDG_CACHE_HOME/plan132`` (``~/.cache/plan132``)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "plan132"


def write_compare(
    paths: Sequence[str | None],
    out: str | Path,
    *,
    cache_dir: str | Path | None = None,
    strict: bool = False,
    langs: tuple[str, ...] = ("vi", "en"),
    messages: str = "vi",
    catalogue: CatalogueFiles = None,
    registry: Registry | None = None,
) -> tuple[dict[str, pd.DataFrame], list[tuple[str, str]], list[Path]]:
    """Compare the plans in ``paths`` and write the tables and charts into ``out``.

    Returns the tables, the files that could not be read (path, what is wrong, said in
    ``messages``) and the paths written. ``None`` in ``paths`` is the bundled plan. ``registry``:
    the agency registry every plan is read with (with a reviewer's names; default: the bundled one).
    """
    out = Path(out)
    plans, failed = compare.load_plans(paths, cache_dir, strict=strict, lang=messages, registry=registry)
    if not plans:  # nothing to compare: out is left as it was
        return {}, failed, []
    entries = load_catalogues(catalogue)
    tables = compare.compare_tables(plans, catalogue=entries)
    with output_folder(out, marks=("plans.csv", "unread.csv")) as work:
        written = _write_into(work, plans, failed, tables, langs, entries)
    return tables, failed, placed(written, work, out)


def _write_into(
    out: Path,
    plans: list[Plan],
    failed: list[tuple[str, str]],
    tables: dict[str, pd.DataFrame],
    langs: tuple[str, ...],
    entries: pd.DataFrame | None,
) -> list[Path]:
    """The files of :func:`write_compare`, written into ``out``."""
    written: list[Path] = []
    if failed:
        written.append(write_csv(pd.DataFrame(failed, columns=["file_name", "problem"]), out / "unread.csv"))
    written += [write_csv(frame, out / f"{name}.csv") for name, frame in tables.items()]
    for lang in langs:
        source = compare_source(tables["plans"], lang)
        figures = {
            "lead_share": lead_share_panels(tables["load_by_agency"], tables["plans"], lang, source=source),
            "coverage": coverage_heatmap(
                tables["coverage"],
                tables["plans"],
                lang,
                source=source,
                caveat=compare.caveat(plans, lang, entries),
            ),
        }
        for name, figure in figures.items():
            written += save_figure(figure, out / f"{name}_{lang}")
    return written
