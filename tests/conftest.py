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
def full_build(tmp_path_factory) -> Path:
    """The whole build of the bundled plan (notebooks and HTML report included), made once per session."""
    from plan132lib.cli import main

    out = tmp_path_factory.mktemp("build") / "outputs"
    assert main(["build", "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="session")
def registry():
    """The bundled agency registry, read once (tests that load many plans pass it to load_plan)."""
    from plan132lib.ingest.agencies import Registry

    return Registry.load()
