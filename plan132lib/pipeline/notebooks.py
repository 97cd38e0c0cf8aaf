"""The analysis notebooks: jupytext scripts paired with notebooks, executed with parameters.

Each notebook is a pair in ``notebooks/``: ``0N_name.py``, the jupytext *percent* script that
is reviewed and diffed (``# %%`` starts a code cell, ``# %% [markdown]`` a text cell, tags as
``tags=["hide-in-report"]``; the notebook metadata, e.g. ``plan132.requires``, is in its
header), and ``0N_name.ipynb``, the same cells without outputs. Both are committed.

Workflow: edit the ``.py`` in any editor, or open the ``.ipynb`` in JupyterLab (``make lab``;
jupytext's extension saves both files), then run the sync (``make notebooks``)::

    python -m plan132lib.pipeline.notebooks --sync

It writes each ``.ipynb`` from its ``.py`` with no outputs, no execution counts and fixed cell
ids (``<notebook>-<position>``, e.g. ``05_briefing-02``): the same bytes every time, so
``jupytext --sync`` is not needed. An ``.ipynb`` edited after its ``.py`` outside jupytext
(different cells, newer file) is first copied into the ``.py``. ``--check`` only lists the
files the sync would change (exit status 1 if any); the tests run it.

Parameters: the first code cell of every notebook is tagged ``parameters`` (papermill's
convention) and holds the defaults, e.g. ``PLAN = None`` (the bundled plan), ``CROSSWALK =
None``, ``LANG = "vi"``; a notebook opened by hand runs on them. :func:`execute` inserts a cell
tagged ``injected-parameters`` (and ``hide-in-report``, so the HTML report leaves it out) right
after it, ``NAME = value`` for each parameter given, then runs the notebook top to bottom with
nbclient and writes the executed copy. Cell timings are not recorded and the injected cell has
a fixed id, so two runs give the same files. ``plan132 build`` runs every notebook through
:func:`run_all`, once per language for a notebook that takes ``LANG`` (``0N_name.ipynb`` in
Vietnamese, ``0N_name_en.ipynb`` in English); ``python -m plan132lib.pipeline.notebooks [--out DIR]
[NOTEBOOK ...]`` runs notebooks on their defaults. An executed copy keeps no widget views or
widget state (no widget front end runs there, and their model ids differ run to run): a notebook
that shows a widget gives it a static fallback in the same output (notebook 06).
"""

from __future__ import annotations

import argparse
import ast
import keyword
import os
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jupytext
import nbformat
from nbclient import NotebookClient
from nbformat import NotebookNode

from ..analysis.catalogue import CatalogueFiles, added_catalogues
from ..paths import DEFAULT_OUTPUT_DIR, package_file

#: The notebooks: the clone's notebooks/, shipped in the package as plan132lib.notebooks (so an
#: installed wheel finds them too; the editable install points at the clone's folder).
NOTEBOOK_DIR = package_file("plan132lib.notebooks", "01_plan_tables.ipynb").parent
BRIEFING = "05_briefing.ipynb"
MAX_KERNELS = 4  # notebooks a build executes at once (at most one per core)

PARAMETERS_TAG = "parameters"
INJECTED_TAG = "injected-parameters"
INJECTED_ID = "injected-parameters"
HIDE_TAG = "hide-in-report"
# What only a live widget front end shows; left out of executed copies.
WIDGET_TYPES = ("application/vnd.jupyter.widget-view+json", "application/vnd.jupyter.widget-state+json")
SCRIPT_FORMAT = "py:percent"
# The pairing every notebook carries (in the .py header and the .ipynb metadata): plan132's own
# metadata goes to the script, jupytext's version does not (no churn between jupytext versions).
PAIRING = {
    "formats": "ipynb,py:percent",
    "notebook_metadata_filter": "plan132,-jupytext.text_representation.jupytext_version",
}


def notebook_paths(folder: str | Path = NOTEBOOK_DIR) -> list[Path]:
    """The project's notebooks in their numbered order."""
    return sorted(Path(folder).glob("[0-9][0-9]_*.ipynb"))


def requirements(path: str | Path) -> list[str]:
    """What a notebook needs beyond a plan (its ``plan132.requires`` metadata), e.g. ["crosswalk"]."""
    notebook = nbformat.read(Path(path), as_version=4)
    return list(notebook.metadata.get("plan132", {}).get("requires", []))


# -- parameters ---------------------------------------------------------------------------------


def parameters_cell(notebook: NotebookNode) -> int | None:
    """The position of the cell tagged ``parameters``, or None."""
    for i, cell in enumerate(notebook.cells):
        if PARAMETERS_TAG in cell.get("metadata", {}).get("tags", []):
            return i
    return None


def parameter_names(path: str | Path) -> list[str]:
    """The names the ``parameters`` cell of a notebook assigns, in order ([] without one)."""
    notebook = nbformat.read(Path(path), as_version=4)
    index = parameters_cell(notebook)
    return [] if index is None else _assigned(notebook.cells[index].source)


def _assigned(source: str) -> list[str]:
    """The names a cell assigns at its top level (``NAME = …`` or ``NAME: type = …``)."""
    names: list[str] = []
    for node in ast.parse(source).body:
        targets = (
            node.targets
            if isinstance(node, ast.Assign)
            else [node.target]
            if isinstance(node, ast.AnnAssign)
            else []
        )
        names += [t.id for t in targets if isinstance(t, ast.Name) and t.id not in names]
    return names


def _literal(name: str, value: Any) -> str:
    """``value`` as Python source: a path as its absolute path, anything else as its repr."""
    text = repr(str(Path(value).resolve())) if isinstance(value, os.PathLike) else repr(value)
    try:
        ast.literal_eval(text)
    except (ValueError, SyntaxError):
        raise ValueError(f"parameter {name}: {value!r} is not a Python literal") from None
    return text


def inject_parameters(
    notebook: NotebookNode, parameters: Mapping[str, Any], name: str = "the notebook"
) -> NotebookNode:
    """Insert a cell setting ``parameters`` right after the ``parameters`` cell; returns ``notebook``.

    The new cell is tagged ``injected-parameters`` and ``hide-in-report`` and has the id
    ``injected-parameters``; each line is ``NAME = repr(value)`` (paths made absolute). A
    notebook without a ``parameters`` cell, or a name that cell does not assign, is a
    ValueError naming ``name``.
    """
    index = parameters_cell(notebook)
    if index is None:
        raise ValueError(
            f"{name} has no cell tagged {PARAMETERS_TAG!r}, so it takes no parameters "
            f"(given: {', '.join(parameters)})"
        )
    declared = _assigned(notebook.cells[index].source)
    for key in parameters:
        if not key.isidentifier() or keyword.iskeyword(key):
            raise ValueError(f"{name}: {key!r} is not a parameter name")
        if key not in declared:
            raise ValueError(
                f"{name} has no parameter {key} (its parameters: {', '.join(declared) or 'none'})"
            )
    source = "\n".join(f"{key} = {_literal(key, value)}" for key, value in parameters.items())
    cell = nbformat.v4.new_code_cell(source, id=INJECTED_ID, metadata={"tags": [INJECTED_TAG, HIDE_TAG]})
    notebook.cells.insert(index + 1, cell)
    return notebook


# -- execution ----------------------------------------------------------------------------------


def execute(
    path: str | Path,
    out_dir: str | Path,
    parameters: Mapping[str, Any] | None = None,
    name: str | None = None,
    timeout: int = 600,
    env: Mapping[str, str] | None = None,
) -> Path:
    """Run one notebook in its own folder and write the executed copy to ``out_dir``.

    ``parameters``: values set after the ``parameters`` cell (see :func:`inject_parameters`),
    e.g. ``{"PLAN": path, "LANG": "en"}``; ``name``: the executed copy's file name (default:
    the notebook's); ``env``: variables set in the kernel's environment besides this process's.
    A cell that raises stops the run with nbclient's CellExecutionError. The
    copy drops the jupytext pairing, so Jupyter does not pair it with a script in ``out_dir``.
    """
    path = Path(path)
    notebook = nbformat.read(path, as_version=4)
    if parameters:
        inject_parameters(notebook, parameters, path.name)
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        record_timing=False,
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute(**({"env": {**os.environ, **env}} if env else {}))  # None would be taken as no variables
    notebook.metadata.pop("jupytext", None)
    _drop_widgets(notebook)
    out = Path(out_dir) / (name or path.name)
    out.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, out)
    return out


def _drop_widgets(notebook: NotebookNode) -> None:
    """Remove widget views and the saved widget state from an executed notebook (in place)."""
    notebook.metadata.pop("widgets", None)
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            for mime in WIDGET_TYPES:
                output.get("data", {}).pop(mime, None)


@dataclass(frozen=True)
class Run:
    """One notebook of a build: the executed copy, or why it was skipped."""

    notebook: str
    lang: str
    path: Path | None
    skipped: str = ""


def run_all(
    out_dir: str | Path,
    plan: str | Path | None = None,
    crosswalk: str | Path | None = None,
    has_review: bool = True,
    langs: tuple[str, ...] = ("vi",),
    log: Callable[[str], None] = lambda _: None,
    catalogue: CatalogueFiles = None,
    agencies: str | Path | None = None,
    progress: str | Path | None = None,
    env: Mapping[str, str] | None = None,
) -> list[Run]:
    """Execute every notebook for ``plan``; one taking ``LANG`` once per language of ``langs``.

    Each notebook gets ``PLAN`` (every notebook must take it), and ``CROSSWALK``, ``CATALOGUE``,
    ``AGENCIES`` (reviewed agency names), ``PROGRESS`` (a ``progress.csv`` of ``plan132 track report``)
    and ``LANG`` when its ``parameters`` cell has them; paths are absolute, None means the bundled file
    (for ``AGENCIES``: no reviewed names; for ``CATALOGUE``, a list of the catalogue files added to the
    bundled ones: none; for ``PROGRESS``: no progress). ``env``: variables set in every kernel's
    environment (the build's read cache and OCR mode).
    The Vietnamese copy keeps the notebook's name, another language adds it (``02_responsibility_en.ipynb``).
    A notebook that requires a crosswalk is skipped, with the reason, when ``has_review`` is false;
    one that compares several plans (``requires: plans``, 07_compare) is left to ``plan132 compare``,
    one that merges agencies' returns (``requires: returns``, 08_progress) to ``plan132 track report``.
    """
    values: dict[str, Any] = {
        "PLAN": str(Path(plan).resolve()) if plan is not None else None,
        "CROSSWALK": str(Path(crosswalk).resolve()) if crosswalk is not None else None,
        "CATALOGUE": [str(p.resolve()) for p in added_catalogues(catalogue)] or None,
        "AGENCIES": str(Path(agencies).resolve()) if agencies is not None else None,
        "PROGRESS": str(Path(progress).resolve()) if progress is not None else None,
    }
    runs: list[Run | None] = []
    # (place in runs, notebook, parameters, name, lang)
    jobs: list[tuple[int, Path, dict[str, Any], str, str]] = []
    for path in notebook_paths():
        if "plans" in requirements(path):  # compares several plans: plan132 compare, or make lab
            log(f"  {path.name}: skipped, it compares several plans (plan132 compare, or PLANS in make lab)")
            continue
        if "returns" in requirements(path):  # merges agencies' returns: plan132 track report, or make lab
            log(f"  {path.name}: skipped, it merges returns (plan132 track report, or RETURNS in make lab)")
            continue
        if "crosswalk" in requirements(path) and not has_review:
            reason = "no crosswalk for this plan (plan132 crosswalk, review, then build --crosswalk FILE)"
            log(f"  {path.name}: skipped, {reason}")
            runs.append(Run(path.name, "", None, reason))
            continue
        declared = parameter_names(path)
        given = {"PLAN": values["PLAN"]} | {
            k: values[k] for k in ("CROSSWALK", "CATALOGUE", "AGENCIES", "PROGRESS") if k in declared
        }
        for lang in langs if "LANG" in declared else ("",):
            name = path.name if lang in ("", "vi") else path.name.replace(".ipynb", f"_{lang}.ipynb")
            parameters = given | ({"LANG": lang} if lang and "LANG" in declared else {})
            jobs.append((len(runs), path, parameters, name, lang))
            runs.append(None)
    # Each notebook runs in its own kernel: run them side by side, one per core (same bytes as one by one).
    with ThreadPoolExecutor(max_workers=max(1, min(MAX_KERNELS, os.cpu_count() or 1))) as pool:
        done = pool.map(lambda job: execute(job[1], out_dir, job[2], name=job[3], env=env), jobs)
        for (at, path, _, _, lang), out in zip(jobs, done, strict=True):
            log(f"  {out}")
            runs[at] = Run(path.name, lang, out)
    return [run for run in runs if run is not None]


def runs_in(runs: list[Run], lang: str) -> list[Run]:
    """The runs a reader of ``lang`` is shown: each notebook in ``lang``, or its only run.

    A notebook run in several languages counts in each of them once; a notebook run once (it takes
    no ``LANG``) or skipped counts in every language.
    """
    langs = {}
    for run in runs:
        langs.setdefault(run.notebook, set()).add(run.lang)
    return [
        r
        for r in runs
        if r.lang == lang or (lang not in langs[r.notebook] and (r.lang in ("", "vi") or r.path is None))
    ]


# -- the .py / .ipynb pairs ---------------------------------------------------------------------


def script_path(notebook: str | Path) -> Path:
    """The jupytext script paired with a notebook: ``0N_name.py`` beside ``0N_name.ipynb``."""
    return Path(notebook).with_suffix(".py")


def cell_id(stem: str, position: int) -> str:
    """The fixed id of a committed cell: the notebook's name and the cell's position."""
    return f"{stem}-{position:02d}"


def notebook_from_script(script: str | Path, text: str | None = None) -> NotebookNode:
    """The committed notebook of a jupytext script: no outputs, fixed ids, the pairing metadata.

    ``text``: the script's text, when it is not (yet) the file's.
    """
    script = Path(script)
    if text is None:
        text = script.read_text(encoding="utf-8")
    notebook = jupytext.reads(text, fmt=SCRIPT_FORMAT)
    notebook.nbformat, notebook.nbformat_minor = 4, 5
    pairing = notebook.metadata.setdefault("jupytext", {})
    pairing.pop("text_representation", None)
    for key, value in PAIRING.items():
        pairing.setdefault(key, value)
    for i, cell in enumerate(notebook.cells):
        cell["id"] = cell_id(script.stem, i)
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return notebook


def notebook_text(notebook: NotebookNode) -> str:
    """A notebook as committed: nbformat's JSON, one newline at the end."""
    return jupytext.writes(notebook, fmt="ipynb").rstrip("\n") + "\n"


def script_text(notebook: NotebookNode) -> str:
    """A notebook as its jupytext script, with the pairing metadata in the header."""
    notebook = nbformat.from_dict(notebook)
    notebook.metadata.setdefault("jupytext", {}).update(PAIRING)
    return jupytext.writes(notebook, fmt=SCRIPT_FORMAT).rstrip("\n") + "\n"


def cells(notebook: NotebookNode) -> list[tuple[str, str, tuple[str, ...]]]:
    """What a pair must agree on: each cell's type, source and tags."""
    return [(c.cell_type, c.source, tuple(c.get("metadata", {}).get("tags", []))) for c in notebook.cells]


def sync_notebooks(
    folder: str | Path = NOTEBOOK_DIR, check: bool = False, log: Callable[[str], None] = lambda _: None
) -> list[Path]:
    """Bring every ``.py`` / ``.ipynb`` pair in ``folder`` up to date; returns the files (to be) written.

    The ``.ipynb`` is written from the ``.py`` (:func:`notebook_from_script`). When there is
    no ``.py``, or the ``.ipynb`` is newer and its cells differ (edited in Jupyter without
    jupytext), the ``.py`` is first written from the ``.ipynb``. With ``check``, nothing is
    written.
    """
    folder = Path(folder)
    stems = sorted(
        {p.stem for p in folder.glob("[0-9][0-9]_*.py")} | {p.stem for p in folder.glob("[0-9][0-9]_*.ipynb")}
    )
    changed: list[Path] = []
    for stem in stems:
        script, ipynb = folder / f"{stem}.py", folder / f"{stem}.ipynb"
        text = script.read_text(encoding="utf-8") if script.exists() else None
        if ipynb.exists():
            edited = nbformat.read(ipynb, as_version=4)
            if text is None or (
                ipynb.stat().st_mtime > script.stat().st_mtime
                and cells(edited) != cells(jupytext.reads(text, fmt=SCRIPT_FORMAT))
            ):
                text = script_text(edited)
                changed.append(script)
                log(f"{script}: {'out of date' if check else 'written'} (from {ipynb.name})")
                if not check:
                    script.write_text(text, encoding="utf-8", newline="\n")
        committed = notebook_text(notebook_from_script(script, text))
        if not ipynb.exists() or ipynb.read_text(encoding="utf-8") != committed:
            changed.append(ipynb)
            log(f"{ipynb}: {'out of date' if check else 'written'} (from {script.name})")
            if not check:
                ipynb.write_text(committed, encoding="utf-8", newline="\n")
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(DEFAULT_OUTPUT_DIR / "notebooks"))
    parser.add_argument(
        "--sync",
        action="store_true",
        help="write each notebooks/*.ipynb from its .py (no outputs, fixed ids); run nothing",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="list the notebook files --sync would change; exit status 1 if any",
    )
    parser.add_argument("notebooks", nargs="*", help="notebooks to run (default: all)")
    args = parser.parse_args(argv)
    if args.sync or args.check:
        changed = sync_notebooks(check=args.check, log=print)
        if not changed:
            print("notebooks in sync")
        return 1 if args.check and changed else 0
    for path in args.notebooks or notebook_paths():
        print(execute(path, args.out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
