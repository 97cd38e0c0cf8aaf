"""Every notebook runs top to bottom and draws its charts; committed notebooks carry no outputs."""

from __future__ import annotations

import nbformat
import pytest

from plan132lib.build.notebooks import execute, notebook_paths

pytestmark = pytest.mark.slow

NOTEBOOKS = notebook_paths()


def test_there_are_notebooks():
    assert [p.name for p in NOTEBOOKS] == ["01_plan_tables.ipynb", "02_responsibility.ipynb",
                                          "03_network.ipynb", "04_coverage.ipynb", "05_briefing.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, path.name


@pytest.fixture(scope="module", params=NOTEBOOKS, ids=lambda p: p.name)
def executed(request, tmp_path_factory):
    path = request.param
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
    as_text = [o for o in outputs if "image/png" not in o["data"]
               and str(o["data"].get("text/plain", "")).startswith("<Figure")]
    assert not as_text, path.name
    source = "".join(c.source for c in nb.cells if c.cell_type == "code")
    if "charts." in source or "_drawing(" in source:
        assert any("image/png" in o["data"] for o in outputs), path.name
