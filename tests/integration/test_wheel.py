"""A wheel built from the project carries the bundled data: load_plan() works from anywhere."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_unpacked_wheel_loads_the_bundled_plan_from_any_folder(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(dist), str(PROJECT)],
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    )
    (wheel,) = dist.glob("plan132-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for shipped in (
        "plan132lib/data/raw/ke-hoach-132-KH-UBND-2026-04-16-hung-yen.md",
        "plan132lib/data/reference/agencies.csv",
        "plan132lib/data/reference/catalogues/nq247_nq67.csv",
        "plan132lib/data/reference/crosswalk_plan132.csv",
        "plan132lib/notebooks/01_plan_tables.ipynb",
        "plan132lib/notebooks/05_briefing.ipynb",
    ):
        assert shipped in names, shipped
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    script = (
        "import plan132lib, plan132lib.paths as p; from plan132lib import load_plan; "
        "plan = load_plan(); print(plan132lib.__file__); print(p.BUNDLED_PLAN); "
        "print(len(plan.tasks)); "
        "print(plan.agencies['name'].iloc[0]); "
        "from plan132lib.pipeline.notebooks import notebook_paths; "
        "print(' '.join(str(p) for p in notebook_paths()))"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=elsewhere, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    module, plan_path, n_tasks, first_agency, notebooks = result.stdout.splitlines()
    assert module.startswith(str(site)) and plan_path.startswith(str(site))  # not the clone's copy
    assert n_tasks == "29"
    assert first_agency  # the registry came along too
    shipped = notebooks.split()  # the build runs the notebooks that came with the wheel
    in_clone = sorted(Path(__file__).parents[2].joinpath("notebooks").glob("*.ipynb"))
    assert len(shipped) == len(in_clone) and all(p.startswith(str(site)) for p in shipped), shipped


def test_lock_pins_every_dependency() -> None:
    """requirements.lock pins each dependency pyproject.toml names (make lock refreshes it)."""
    project = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = project["dependencies"] + project["optional-dependencies"]["dev"]
    names = {re.split(r"[<>=!~\[ ]", spec, maxsplit=1)[0].lower().replace("_", "-") for spec in wanted}
    lock = (PROJECT / "requirements.lock").read_text(encoding="utf-8").splitlines()
    pinned = {line.split("==")[0].lower().replace("_", "-") for line in lock if "==" in line}
    assert names <= pinned, sorted(names - pinned)
    assert all("==" in line for line in lock if line and not line.startswith("#"))
