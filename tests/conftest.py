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


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """How pytest-xdist shares the tests out (``--dist loadgroup`` in pyproject's addopts): every test
    that reads ``full_build`` on one worker, which makes the build and runs them while the others run
    everything else instead of waiting on the build's lock; every other test with the rest of its file,
    so a file's module fixtures (a build, a deck, a PDF) are made once, not once per worker. The groups
    go out in the order collected (``--no-loadscope-reorder``): the build first, the builds of
    tests/integration next, the short unit tests last.

    The group goes into the test's id as ``<id>@<group>``, which is what pytest-xdist's own hook does
    for ``xdist_group`` marks; pytest-xdist 3.8 writes it where pytest 9.2 no longer reads it."""
    if not getattr(config.option, "loadgroup", False):  # set on the workers of --dist loadgroup
        return
    for item in items:
        whole_build = "full_build" in getattr(item, "fixturenames", ())
        group = "full_build" if whole_build else item.nodeid.split("::")[0]
        if "@" not in item.nodeid:
            _set_node_id(item, f"{item.nodeid}@{group}")


def _set_node_id(item: pytest.Item, nodeid: str) -> None:
    if hasattr(item, "_id"):  # pytest 9.2
        from _pytest.nodeid import coerce_node_id

        item._id = coerce_node_id(nodeid)
    else:
        item._nodeid = nodeid


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
