"""Every notebook runs top to bottom and draws its charts; parameters injected after the parameters cell
change what it runs on (the pairs themselves: tests/unit/test_notebook_pairs.py)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from plan132lib import load_plan
from plan132lib.paths import BUNDLED_PLAN
from plan132lib.pipeline.notebooks import BRIEFING, NOTEBOOK_DIR, execute, notebook_paths
from plan132lib.render.html_report import write_html_report

pytestmark = pytest.mark.slow

NOTEBOOKS = notebook_paths()


def test_there_are_notebooks():
    assert [p.name for p in NOTEBOOKS] == [
        "01_plan_tables.ipynb",
        "02_responsibility.ipynb",
        "03_network.ipynb",
        "04_coverage.ipynb",
        "05_briefing.ipynb",
        "06_explore.ipynb",
        "07_compare.ipynb",
        "08_progress.ipynb",
    ]


@pytest.fixture(scope="module", params=NOTEBOOKS, ids=lambda p: p.name)
def executed(request, full_build, tmp_path_factory):
    """Each notebook as ``plan132 build`` executed it; 07 (several plans) and 08 (returns), not built,
    run here with their defaults."""
    path = request.param
    built = full_build / "notebooks" / path.name
    if not built.exists():
        built = execute(path, tmp_path_factory.mktemp("nb"))
    return path, nbformat.read(built, as_version=4)


@pytest.fixture(scope="module")
def by_default(tmp_path_factory):
    """A notebook run with no parameters at all."""
    path = NOTEBOOK_DIR / "01_plan_tables.ipynb"
    return path, nbformat.read(execute(path, tmp_path_factory.mktemp("nb")), as_version=4)


def test_notebook_executes(executed):
    path, nb = executed
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, path.name
    assert all(c.execution_count for c in nb.cells if c.cell_type == "code")


def test_charts_are_drawn_as_images(executed):
    """A chart shows as a PNG in the executed notebook, never as the text "<Figure size …>"."""
    path, nb = executed
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if "data" in o]
    as_text = [
        o
        for o in outputs
        if "image/png" not in o["data"] and str(o["data"].get("text/plain", "")).startswith("<Figure")
    ]
    assert not as_text, path.name
    source = "".join(c.source for c in nb.cells if c.cell_type == "code")
    if "charts." in source or "_drawing(" in source:
        assert any("image/png" in o["data"] for o in outputs), path.name


def test_defaults_run_without_an_injected_cell(by_default):
    """Run with no parameters, a notebook keeps its cells as committed (and drops the jupytext pairing)."""
    path, nb = by_default
    committed = nbformat.read(path, as_version=4)
    assert [c.id for c in nb.cells] == [c.id for c in committed.cells]
    assert "jupytext" not in nb.metadata and "jupytext" in committed.metadata


def outputs_text(nb) -> str:
    return "".join(
        str(o.get("data", {}).get("text/markdown", "")) + str(o.get("text", ""))
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
    )


def test_briefing_in_english_with_parameters(tmp_path):
    """LANG="en" injected after the parameters cell: the briefing and its report are in English."""
    other = Path(__file__).parents[1] / "data" / "other_province_plan.md"
    out = execute(NOTEBOOK_DIR / BRIEFING, tmp_path, {"PLAN": other, "LANG": "en"}, name="briefing_en.ipynb")
    nb = nbformat.read(out, as_version=4)
    tags = [c.metadata.get("tags", []) for c in nb.cells]
    position = tags.index(["parameters"])
    injected = nb.cells[position + 1]
    assert injected.id == "injected-parameters"
    assert tags[position + 1] == ["injected-parameters", "hide-in-report"]
    assert injected.source == f"PLAN = {str(other.resolve())!r}\nLANG = 'en'"
    assert injected.execution_count == nb.cells[position].execution_count + 1
    text = outputs_text(nb)
    assert "**Coverage of the resolutions.**" in text and "**Recommendations**" in text
    assert "Tóm tắt" not in text and "Kiến nghị" not in text
    assert "No crosswalk links this plan's tasks to a resolution catalogue yet" in text  # the other plan
    page = write_html_report(out, tmp_path / "report_en.html", lang="en").read_text(encoding="utf-8")
    assert "injected" not in page and "PLAN =" not in page and str(other.resolve()) not in page


def test_bad_language_stops_the_briefing(tmp_path):
    from nbclient.exceptions import CellExecutionError

    with pytest.raises(CellExecutionError, match="LANG must be one of"):
        execute(NOTEBOOK_DIR / BRIEFING, tmp_path, {"LANG": "fr"})


def test_responsibility_notebook_runs_on_a_plan_without_collective_entries(tmp_path):
    """A plan whose appendix never names "Các sở, ban, ngành" (or any collective): notebook 02
    says so instead of looking up a fixed agency."""
    text = BUNDLED_PLAN.read_text(encoding="utf-8")
    for collective in (
        "Các sở, ban, ngành, UBND xã, phường và các đơn vị có liên quan",
        "Các sở, ban, ngành, đơn vị có liên quan",
        "Các sở, ban, ngành và các đơn vị có liên quan",
        "Các sở, ban, ngành, UBND xã, phường",
        "Các đơn vị có liên quan",
        "Các sở, ban, ngành",
    ):
        text = text.replace(collective, "Sở Tài chính")
    plan = tmp_path / "no_collectives.md"
    plan.write_text(text, encoding="utf-8")
    assert not load_plan(plan).assignments["is_collective"].any()
    out = execute(NOTEBOOK_DIR / "02_responsibility.ipynb", tmp_path, {"PLAN": plan})
    assert "Kế hoạch không có mục giao chung nào" in outputs_text(nbformat.read(out, as_version=4))
