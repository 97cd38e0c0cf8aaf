"""Shared fixtures: the bundled plan is parsed once per test session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plan132lib import Plan, load_plan

TESTS = Path(__file__).resolve().parent


@pytest.fixture(scope="session")
def plan() -> Plan:
    return load_plan()


@pytest.fixture(scope="session")
def expected_tasks() -> list[dict]:
    """The 29 appendix tasks as read by eye from the document (tests/expected/)."""
    return json.loads((TESTS / "expected" / "appendix_tasks.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def full_build(tmp_path_factory, worker_id) -> Path:
    """The whole build of the bundled plan (notebooks and HTML report included), made once per test
    run: under pytest-xdist the first worker to ask builds it and the others wait and share it (a file
    lock in the run's temporary folder). Tests only read it."""
    from filelock import FileLock

    from plan132lib.cli import main

    root = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        root = root.parent  # the folder all workers of this run share
    out, done = root / "full_build" / "outputs", root / "full_build" / "done"
    with FileLock(str(root / "full_build.lock")):
        if not done.exists():
            assert main(["build", "--out", str(out)]) == 0
            done.touch()
    return out


@pytest.fixture(scope="session")
def registry():
    """The bundled agency registry, read once (tests that load many plans pass it to load_plan)."""
    from plan132lib.ingest.agencies import Registry

    return Registry.load()
