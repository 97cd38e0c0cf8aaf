"""Execute the analysis notebooks top to bottom (``python -m plan132lib.notebooks``).

The committed notebooks carry no outputs; executed copies go to an output
folder. Parameters reach them as environment variables
(:mod:`plan132lib.notebook_params`): the plan, the crosswalk and, for the
briefing, the language. Cell timings are not recorded and the kernel's
metadata is fixed, so two runs give the same files.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from . import notebook_params
from ..paths import DEFAULT_OUTPUT_DIR

NOTEBOOK_DIR = Path(__file__).resolve().parents[2] / "notebooks"  # the clone's notebooks/
BRIEFING = "05_briefing.ipynb"


def notebook_paths(folder: str | Path = NOTEBOOK_DIR) -> list[Path]:
    """The project's notebooks in their numbered order."""
    return sorted(Path(folder).glob("[0-9][0-9]_*.ipynb"))


def requirements(path: str | Path) -> list[str]:
    """What a notebook needs beyond a plan (its ``plan132.requires`` metadata), e.g. ["crosswalk"]."""
    notebook = nbformat.read(Path(path), as_version=4)
    return list(notebook.metadata.get("plan132", {}).get("requires", []))


def execute(path: str | Path, out_dir: str | Path, timeout: int = 600,
            env: dict[str, str] | None = None, name: str | None = None) -> Path:
    """Run one notebook in its own folder and write the executed copy to ``out_dir``.

    ``env``: variables set while it runs (see :func:`notebook_params.environment`);
    ``name``: the executed copy's file name (default: the notebook's). A cell
    that raises stops the run with nbclient's CellExecutionError.
    """
    path = Path(path)
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3", record_timing=False,
                            extra_arguments=["--IPKernelApp.log_level=ERROR"],
                            resources={"metadata": {"path": str(path.parent)}})
    with notebook_params.applied(env or {}):
        client.execute()
    out = Path(out_dir) / (name or path.name)
    out.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, out)
    return out


@dataclass(frozen=True)
class Run:
    """One notebook of a build: the executed copy, or why it was skipped."""

    notebook: str
    lang: str
    path: Path | None
    skipped: str = ""


def run_all(out_dir: str | Path, plan: str | Path | None = None, crosswalk: str | Path | None = None,
            has_review: bool = True, langs: tuple[str, ...] = ("vi",),
            log: Callable[[str], None] = lambda _: None) -> list[Run]:
    """Execute every notebook for ``plan``; the briefing once per language (``05_briefing_en.ipynb``).

    A notebook that requires a crosswalk is skipped, with the reason, when
    ``has_review`` is false.
    """
    runs: list[Run] = []
    for path in notebook_paths():
        if "crosswalk" in requirements(path) and not has_review:
            reason = "no crosswalk for this plan (plan132 build --crosswalk CSV)"
            log(f"  {path.name}: skipped, {reason}")
            runs.append(Run(path.name, "", None, reason))
            continue
        for lang in (langs if path.name == BRIEFING else ("",)):
            name = path.name if lang in ("", "vi") else path.name.replace(".ipynb", f"_{lang}.ipynb")
            out = execute(path, out_dir, env=notebook_params.environment(plan, crosswalk, lang), name=name)
            log(f"  {out}")
            runs.append(Run(path.name, lang, out))
    return runs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(DEFAULT_OUTPUT_DIR / "notebooks"))
    parser.add_argument("notebooks", nargs="*", help="notebooks to run (default: all)")
    args = parser.parse_args(argv)
    for path in args.notebooks or notebook_paths():
        print(execute(path, args.out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
