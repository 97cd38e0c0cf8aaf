"""The layer order holds: imports go only downwards, and ``make lint`` fails on one that does not."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

pytestmark = pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter is not installed")


def _lint(project: Path, package_parent: Path) -> subprocess.CompletedProcess[str]:
    """Run lint-imports with ``project``'s pyproject.toml on the package found in ``package_parent``."""
    env = {**os.environ, "PYTHONPATH": str(package_parent)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(project / "pyproject.toml"), "--no-cache"],
        cwd=package_parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_contract_lists_every_subpackage_in_order() -> None:
    config = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = config["tool"]["importlinter"]["contracts"]
    layers = [layer.split()[0] for layer in contract["layers"]]
    assert layers[:6] == [
        "plan132lib.cli",
        "plan132lib.pipeline",
        "plan132lib.render",
        "plan132lib.charts",
        "plan132lib.analysis",
        "plan132lib.ingest",
    ]
    subpackages = {p.parent.name for p in (PROJECT / "plan132lib").glob("*/__init__.py")}
    assert subpackages == {"ingest", "analysis", "charts", "render", "pipeline"}


def test_the_tree_keeps_the_layers() -> None:
    result = _lint(PROJECT, PROJECT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_an_import_against_the_order_fails(tmp_path: Path) -> None:
    """ingest (a low layer) importing render (a higher one) breaks the contract, naming both."""
    shutil.copytree(
        PROJECT / "plan132lib", tmp_path / "plan132lib", ignore=shutil.ignore_patterns("__pycache__")
    )
    tables = tmp_path / "plan132lib" / "ingest" / "tables.py"
    tables.write_text(
        tables.read_text(encoding="utf-8") + "\nfrom ..render import export  # noqa: E402\n", encoding="utf-8"
    )
    result = _lint(PROJECT, tmp_path)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    assert "plan132lib.ingest.tables -> plan132lib.render.export" in result.stdout
