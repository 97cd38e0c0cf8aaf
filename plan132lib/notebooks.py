"""Execute the analysis notebooks top to bottom (``python -m plan132lib.notebooks``).

The committed notebooks carry no outputs; executed copies go to an output
folder. Cell timings are not recorded, so two runs give the same files.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from .paths import DEFAULT_OUTPUT_DIR, PROJECT_DIR

NOTEBOOK_DIR = PROJECT_DIR / "notebooks"


def notebook_paths(folder: str | Path = NOTEBOOK_DIR) -> list[Path]:
    """The project's notebooks in their numbered order."""
    return sorted(Path(folder).glob("[0-9][0-9]_*.ipynb"))


def execute(path: str | Path, out_dir: str | Path, timeout: int = 600) -> Path:
    """Run one notebook in its own folder and write the executed copy to ``out_dir``."""
    path = Path(path)
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                            record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    out = Path(out_dir) / path.name
    out.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, out)
    return out


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
