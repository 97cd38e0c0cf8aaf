"""The notebooks as jupytext pairs: each .py and its .ipynb agree, the .ipynb is what the sync writes
(no outputs, fixed and unique ids), the first code cell takes the parameters, and parameters are
injected right after it. No kernel is started here (tests/integration/test_notebooks.py runs them).
"""

from __future__ import annotations

import ast
import os
import re
import shutil
from pathlib import Path

import jupytext
import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from plan132lib.pipeline import notebooks
from plan132lib.pipeline.notebooks import (
    INJECTED_ID,
    NOTEBOOK_DIR,
    PAIRING,
    cells,
    execute,
    inject_parameters,
    notebook_from_script,
    notebook_paths,
    notebook_text,
    parameter_names,
    run_all,
    script_path,
    sync_notebooks,
)

NOTEBOOKS = notebook_paths()
PARAMETERS = {  # what each notebook's parameters cell must take
    "01_plan_tables": ["PLAN", "AGENCIES", "LANG"],
    "02_responsibility": ["PLAN", "AGENCIES", "LANG"],
    "03_network": ["PLAN", "AGENCIES", "LANG"],
    "04_coverage": ["PLAN", "AGENCIES", "CROSSWALK", "CATALOGUE", "LANG"],
    "05_briefing": ["PLAN", "AGENCIES", "CROSSWALK", "CATALOGUE", "PROGRESS", "LANG"],
    "06_explore": ["PLAN", "AGENCIES", "LANG"],
    "07_compare": ["PLANS", "AGENCIES", "LANG"],  # several plans: plan132 build leaves it to plan132 compare
    "08_progress": ["PLAN", "RETURNS", "AS_OF", "AGENCIES", "LANG"],  # returns: left to plan132 track report
}
by_name = {"argvalues": NOTEBOOKS, "ids": [p.stem for p in NOTEBOOKS]}


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def test_every_notebook_has_its_script_and_nothing_else_is_there():
    assert [p.stem for p in NOTEBOOKS] == list(PARAMETERS)
    assert sorted(p.name for p in NOTEBOOK_DIR.glob("[0-9][0-9]_*.py")) == [f"{s}.py" for s in PARAMETERS]
    tools = NOTEBOOK_DIR.parent / "tools"  # the old notebook-writing scripts are gone
    assert not any("notebook" in p.name for p in tools.glob("*.py"))


@pytest.mark.parametrize("path", **by_name)
def test_pair_agrees(path):
    """Same cells (type, source, tags) and the same notebook metadata in the .py and the .ipynb."""
    ipynb, script = read(path), jupytext.read(script_path(path), fmt="py:percent")
    assert cells(ipynb) == cells(script)
    for key in ("kernelspec", "plan132"):
        assert ipynb.metadata.get(key) == script.metadata.get(key), key
    for metadata in (ipynb.metadata, script.metadata):
        assert metadata["jupytext"]["formats"] == "ipynb,py:percent"
        assert metadata["jupytext"]["notebook_metadata_filter"] == PAIRING["notebook_metadata_filter"]
    assert (
        script_path(path)
        .read_text(encoding="utf-8")
        .startswith("# ---\n# jupyter:\n#   jupytext:\n#     formats: ipynb,py:percent\n")
    )


@pytest.mark.parametrize("path", **by_name)
def test_committed_notebook_is_what_the_sync_writes(path):
    """The committed bytes: written from the .py, no outputs, ids <notebook>-<position>, unique."""
    assert path.read_text(encoding="utf-8") == notebook_text(notebook_from_script(script_path(path)))
    nb = read(path)
    ids = [cell.id for cell in nb.cells]
    assert ids == [f"{path.stem}-{i:02d}" for i in range(len(nb.cells))]
    assert len(set(ids)) == len(ids) and all(re.fullmatch(r"[a-zA-Z0-9_-]{1,64}", i) for i in ids)
    assert (nb.nbformat, nb.nbformat_minor) == (4, 5)


@pytest.mark.parametrize("path", **by_name)
def test_committed_without_outputs(path):
    for cell in read(path).cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, path.name


def test_the_sync_has_nothing_to_do():
    assert sync_notebooks(check=True) == []
    assert notebooks.main(["--check"]) == 0


def test_syncing_twice_gives_the_same_bytes(tmp_path):
    """From the scripts alone, the sync writes the committed notebooks; a second sync changes nothing."""
    for path in NOTEBOOKS:
        shutil.copy(script_path(path), tmp_path)
    written = sync_notebooks(tmp_path)
    assert sorted(p.name for p in written) == sorted(p.name for p in NOTEBOOKS)
    first = {p.name: p.read_bytes() for p in tmp_path.glob("*.ipynb")}
    assert first == {p.name: p.read_bytes() for p in NOTEBOOKS}
    assert sync_notebooks(tmp_path) == []
    assert first == {p.name: p.read_bytes() for p in tmp_path.glob("*.ipynb")}
    assert {p.name: p.read_bytes() for p in tmp_path.glob("*.py")} == {
        script_path(p).name: script_path(p).read_bytes() for p in NOTEBOOKS
    }


def test_a_notebook_edited_in_jupyter_goes_to_its_script_first(tmp_path):
    """An .ipynb saved after its .py with other cells (Jupyter without jupytext): the .py takes its cells;
    the .ipynb is then rewritten from it, without outputs and with the fixed ids."""
    path = NOTEBOOK_DIR / "02_responsibility.ipynb"
    for source in (path, script_path(path)):
        shutil.copy(source, tmp_path)
    ipynb, script = tmp_path / path.name, tmp_path / script_path(path).name
    nb = read(ipynb)
    nb.cells.insert(3, new_markdown_cell("A note added in Jupyter."))
    nb.cells[2].outputs = [new_output("stream", name="stdout", text="run in Jupyter\n")]
    nb.cells[2].execution_count = 7
    nb.metadata["language_info"] = {"name": "python", "version": "3.11.7"}
    nbformat.write(nb, ipynb)
    os.utime(script, (1_000_000_000, 1_000_000_000))  # the .py is older
    assert sync_notebooks(tmp_path, check=True) == [script, ipynb]
    assert sync_notebooks(tmp_path) == [script, ipynb]
    assert "# %% [markdown]\n# A note added in Jupyter.\n" in script.read_text(encoding="utf-8")
    synced = read(ipynb)
    assert synced.cells[3].source == "A note added in Jupyter."
    assert [c.id for c in synced.cells] == [f"02_responsibility-{i:02d}" for i in range(len(synced.cells))]
    assert all(c.outputs == [] for c in synced.cells if c.cell_type == "code")
    assert "language_info" not in synced.metadata
    assert sync_notebooks(tmp_path) == []


def test_a_script_edited_later_wins_over_an_older_notebook(tmp_path):
    path = NOTEBOOK_DIR / "01_plan_tables.ipynb"
    for source in (path, script_path(path)):
        shutil.copy(source, tmp_path)
    ipynb, script = tmp_path / path.name, tmp_path / script_path(path).name
    script.write_text(script.read_text(encoding="utf-8") + "\n# %%\nlen(plan.tasks)\n", encoding="utf-8")
    os.utime(ipynb, (1_000_000_000, 1_000_000_000))
    assert sync_notebooks(tmp_path) == [ipynb]
    assert read(ipynb).cells[-1].source == "len(plan.tasks)"


# -- parameters ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", **by_name)
def test_first_code_cell_takes_the_parameters(path):
    """Tagged `parameters` (papermill's convention), literal assignments only, the expected names."""
    nb = read(path)
    first = next(cell for cell in nb.cells if cell.cell_type == "code")
    assert first.metadata.get("tags") == ["parameters"]
    for node in ast.parse(first.source).body:
        assert isinstance(node, ast.Assign), ast.dump(node)
        ast.literal_eval(node.value)
    assert parameter_names(path) == PARAMETERS[path.stem]
    assert sum("parameters" in cell.metadata.get("tags", []) for cell in nb.cells) == 1


@pytest.mark.parametrize("path", **by_name)
def test_parameters_are_used_and_no_environment_variables(path):
    """The code reads the plan from PLAN with the reviewed names of AGENCIES (and CROSSWALK, LANG);
    nothing reads PLAN132_* variables."""
    text = script_path(path).read_text(encoding="utf-8") + path.read_text(encoding="utf-8")
    assert "PLAN132_" not in text and "notebook_params" not in text and "os.environ" not in text
    code = "".join(
        c.source
        for c in read(path).cells
        if c.cell_type == "code" and "parameters" not in c.metadata.get("tags", [])
    )
    several = "PLANS" in PARAMETERS[path.stem]
    reads = (
        "compare.load_plans(PLANS, lang=LANG, registry=registry_for(AGENCIES))"
        if several
        else "load_plan(PLAN, registry_for(AGENCIES))"
    )
    assert reads in code
    if "CROSSWALK" in PARAMETERS[path.stem]:
        assert "coverage.review_for(plan, CROSSWALK, CATALOGUE)" in code


@pytest.mark.parametrize("path", **by_name)
def test_charts_render_inline(path):
    """A notebook that draws starts the cell after the parameters with %matplotlib inline."""
    nb = read(path)
    code = [c for c in nb.cells if c.cell_type == "code"]
    source = "".join(c.source for c in code)
    if "charts." in source or "_drawing(" in source:
        assert code[1].source.startswith("%matplotlib inline\n"), path.name
    assert "%matplotlib" in script_path(path).read_text(encoding="utf-8") or "%matplotlib" not in source


def test_metadata_and_tags_kept():
    assert read(NOTEBOOK_DIR / "04_coverage.ipynb").metadata["plan132"] == {"requires": ["crosswalk"]}
    assert '# %% [markdown] tags=["hide-in-report"]\n# # 05 · Briefing' in (
        NOTEBOOK_DIR / "05_briefing.py"
    ).read_text(encoding="utf-8")
    assert read(NOTEBOOK_DIR / "05_briefing.ipynb").cells[0].metadata["tags"] == ["hide-in-report"]


def tiny_notebook(tmp_path: Path, with_parameters: bool = True) -> Path:
    cells = [
        new_markdown_cell("# Tiny"),
        new_code_cell("PLAN = None\nLANG = 'vi'\nN: int = 1", metadata={"tags": ["parameters"]}),
        new_code_cell("print(PLAN, LANG, N)"),
    ]
    if not with_parameters:
        cells[1].metadata = {}
    path = tmp_path / "tiny.ipynb"
    nbformat.write(new_notebook(cells=cells), path)
    return path


def test_parameters_are_injected_after_the_parameters_cell(tmp_path):
    path = tiny_notebook(tmp_path)
    assert parameter_names(path) == ["PLAN", "LANG", "N"]
    nb = read(path)
    plan = Path("data") / "plan.md"  # relative: injected as an absolute path
    inject_parameters(nb, {"PLAN": plan, "LANG": "en", "N": 3}, "tiny.ipynb")
    assert [c.cell_type for c in nb.cells] == ["markdown", "code", "code", "code"]
    injected = nb.cells[2]
    assert injected.id == INJECTED_ID == "injected-parameters"
    assert injected.metadata["tags"] == ["injected-parameters", "hide-in-report"]
    assert injected.source == f"PLAN = {str(plan.resolve())!r}\nLANG = 'en'\nN = 3"
    assert Path(ast.literal_eval(injected.source.splitlines()[0].split(" = ", 1)[1])).is_absolute()
    assert nb.cells[1].source == "PLAN = None\nLANG = 'vi'\nN: int = 1"  # the defaults stay as written
    assert nb.cells[3].source == "print(PLAN, LANG, N)"
    nbformat.validate(nb)
    quoted = inject_parameters(read(path), {"PLAN": 'it\'s "quoted"\n', "LANG": None}).cells[2].source
    assert quoted == "PLAN = 'it\\'s \"quoted\"\\n'\nLANG = None"
    exec(compile(quoted, "injected", "exec"), namespace := {})
    assert namespace == {"__builtins__": namespace["__builtins__"], "PLAN": 'it\'s "quoted"\n', "LANG": None}


def test_bad_parameters_are_refused(tmp_path):
    path = tiny_notebook(tmp_path)
    missing = r"tiny\.ipynb has no parameter CROSSWALK \(its parameters: PLAN, LANG, N\)"
    with pytest.raises(ValueError, match=missing):
        inject_parameters(read(path), {"CROSSWALK": None}, "tiny.ipynb")
    with pytest.raises(ValueError, match="not a Python literal"):
        inject_parameters(read(path), {"PLAN": object()}, "tiny.ipynb")


def test_a_notebook_without_a_parameters_cell_takes_none(tmp_path):
    path = tiny_notebook(tmp_path, with_parameters=False)
    assert parameter_names(path) == []
    with pytest.raises(ValueError, match=r"tiny\.ipynb has no cell tagged 'parameters'.*given: PLAN"):
        execute(path, tmp_path / "out", {"PLAN": "x.md"})  # refused before any kernel starts
    assert not (tmp_path / "out").exists()


def test_run_all_gives_each_notebook_its_parameters(tmp_path, monkeypatch):
    """PLAN to every notebook, CROSSWALK, AGENCIES and PROGRESS where taken, LANG: each notebook once per
    language."""
    calls = []

    envs = []

    def fake_execute(path, out_dir, parameters=None, name=None, env=None):
        calls.append((Path(path).name, name, parameters))
        envs.append(env)
        return Path(out_dir) / (name or Path(path).name)

    monkeypatch.setattr(notebooks, "execute", fake_execute)
    plan = Path("tests") / "data" / "other_province_plan.md"
    runs = run_all(tmp_path, plan, None, has_review=False, langs=("vi", "en"))
    absolute = str(plan.resolve())
    briefing = {"PLAN": absolute, "CROSSWALK": None, "CATALOGUE": None, "AGENCIES": None, "PROGRESS": None}
    expected = []
    for stem in ("01_plan_tables", "02_responsibility", "03_network", "05_briefing", "06_explore"):
        given = briefing if stem == "05_briefing" else {"PLAN": absolute, "AGENCIES": None}
        expected += [
            (f"{stem}.ipynb", f"{stem}.ipynb", {**given, "LANG": "vi"}),
            (f"{stem}.ipynb", f"{stem}_en.ipynb", {**given, "LANG": "en"}),
        ]
    assert calls == expected
    assert envs == [None] * len(expected)  # the kernels' environment: this process's, unless given
    run_all(tmp_path, plan, None, has_review=False, langs=("vi",), env={"PLAN132_OCR": "never"})
    assert envs[len(expected) :] == [{"PLAN132_OCR": "never"}] * 5
    calls.clear()
    runs = run_all(tmp_path, plan, None, has_review=False, langs=("vi", "en"))
    assert [(r.notebook, r.lang) for r in runs if r.skipped] == [("04_coverage.ipynb", "")]
    assert len(runs) == 11
    calls.clear()
    run_all(tmp_path, None, Path("crosswalk.csv"), langs=("vi",), agencies=Path("names.xlsx"))
    built = [p for p in NOTEBOOKS if p.stem not in ("07_compare", "08_progress")]
    assert [c[1] for c in calls] == [f"{p.stem}.ipynb" for p in built]
    assert calls[3] == (
        "04_coverage.ipynb",
        "04_coverage.ipynb",
        {
            "PLAN": None,
            "CROSSWALK": str(Path("crosswalk.csv").resolve()),
            "CATALOGUE": None,
            "AGENCIES": str(Path("names.xlsx").resolve()),
            "LANG": "vi",
        },
    )
    calls.clear()
    merged = Path("tong-hop") / "progress.csv"
    run_all(tmp_path, None, None, langs=("vi",), progress=merged)  # plan132 build --progress
    given = {c[1]: c[2] for c in calls}
    assert given["05_briefing.ipynb"]["PROGRESS"] == str(merged.resolve())
    assert [n for n, p in given.items() if "PROGRESS" in p] == ["05_briefing.ipynb"]  # the briefing alone


def test_each_language_gets_its_own_copies(tmp_path):
    """runs_in: what a reader of one language is shown, each notebook once, skipped ones in every language."""
    runs = [
        notebooks.Run("01_plan_tables.ipynb", "vi", tmp_path / "01_plan_tables.ipynb"),
        notebooks.Run("01_plan_tables.ipynb", "en", tmp_path / "01_plan_tables_en.ipynb"),
        notebooks.Run("04_coverage.ipynb", "", None, "no crosswalk"),
        notebooks.Run("07_other.ipynb", "", tmp_path / "07_other.ipynb"),
    ]
    assert notebooks.runs_in(runs, "vi") == [runs[0], runs[2], runs[3]]
    assert notebooks.runs_in(runs, "en") == [runs[1], runs[2], runs[3]]


def test_an_executed_copy_keeps_no_widget_views():
    """A widget's view (a random model id, nothing to show without a front end) and the saved widget state
    leave the executed copy; the output's other representations, the static fallback, stay."""
    widget = "application/vnd.jupyter.widget-view+json"
    shown = new_output(
        "display_data",
        data={
            "text/plain": "fallback",
            "text/html": "<p>fallback</p>",
            widget: {"version_major": 2, "model_id": "abc"},
        },
    )
    nb = new_notebook(
        cells=[new_code_cell("explorer(plan)", outputs=[shown]), new_markdown_cell("# Text")],
        metadata={"widgets": {"application/vnd.jupyter.widget-state+json": {"state": {}}}},
    )
    notebooks._drop_widgets(nb)
    assert nb.cells[0].outputs[0]["data"] == {"text/plain": "fallback", "text/html": "<p>fallback</p>"}
    assert "widgets" not in nb.metadata
    nbformat.validate(nb)
