"""Shared fixtures: the bundled plan is parsed once per test session."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from plan132lib import Plan, load_plan

TESTS = Path(__file__).resolve().parent

# The whole build (full_build below) is started in the background as the run begins, by the first
# process to collect a test that reads it; those tests run last, so that it is ready by then.
_BUILD_STARTED, _BUILD_STATUS, _BUILD_LOG = "full_build.started", "full_build.status", "full_build.log"
_BUILD_CODE = """
import sys
from pathlib import Path
from plan132lib.cli import main
out, status = sys.argv[1], Path(sys.argv[2])
code = 1  # the traceback, if any, is in the log
try:
    code = main(["build", "--out", out])
finally:
    status.with_suffix(".tmp").write_text(str(code), encoding="utf-8")
    status.with_suffix(".tmp").replace(status)
"""
_background: list[subprocess.Popen] = []


@pytest.fixture(scope="session")
def plan() -> Plan:
    return load_plan()


@pytest.fixture(scope="session")
def expected_tasks() -> list[dict]:
    """The 29 appendix tasks as read by eye from the document (tests/expected/)."""
    return json.loads((TESTS / "expected" / "appendix_tasks.json").read_text(encoding="utf-8"))


def _shared_root(config: pytest.Config) -> Path:
    """The run's temporary folder that every pytest-xdist worker of this run shares."""
    root = config._tmp_path_factory.getbasetemp()  # type: ignore[attr-defined]
    return root.parent if hasattr(config, "workerinput") else root


def _build_paths(root: Path) -> tuple[Path, Path]:
    return root / "full_build" / "outputs", root / "full_build" / "done"


@pytest.hookimpl(trylast=True)  # after -m and -k have deselected
def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list) -> None:
    """Tests that read the whole build go last (in their order), and the build is started now, in
    the background, by the first process of the run to get here: the workers run the other tests
    meanwhile instead of one building while the other waits."""
    reads_build = [item for item in items if "full_build" in getattr(item, "fixturenames", ())]
    if not reads_build or config.option.collectonly:
        return
    later = set(reads_build)
    items[:] = [item for item in items if item not in later] + reads_build
    root = _shared_root(config)
    try:
        started = os.open(root / _BUILD_STARTED, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        return  # another worker started it
    out, _ = _build_paths(root)
    out.parent.mkdir(parents=True, exist_ok=True)
    with (root / _BUILD_LOG).open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-c", _BUILD_CODE, str(out), str(root / _BUILD_STATUS)],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    os.write(started, str(process.pid).encode())
    os.close(started)
    _background.append(process)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """The background build is waited for (another worker may still need it), or stopped when the
    run was interrupted."""
    for process in _background:
        if process.poll() is None and (exitstatus == pytest.ExitCode.INTERRUPTED or session.shouldstop):
            process.send_signal(signal.SIGTERM)
        process.wait()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _wait_for_background_build(root: Path) -> Path | None:
    """The background build's output folder once it has finished; None when none was started."""
    started = root / _BUILD_STARTED
    if not started.exists():
        return None
    status = root / _BUILD_STATUS
    while not status.exists():
        pid = started.read_text(encoding="utf-8").strip()
        if pid and not _alive(int(pid)) and not status.exists():
            log = (root / _BUILD_LOG).read_text(encoding="utf-8", errors="replace")
            pytest.fail(f"the background build stopped without finishing:\n{log[-3000:]}")
        time.sleep(0.5)
    code = status.read_text(encoding="utf-8").strip()
    if code != "0":
        log = (root / _BUILD_LOG).read_text(encoding="utf-8", errors="replace")
        pytest.fail(f"the background build exited {code}:\n{log[-3000:]}")
    return _build_paths(root)[0]


@pytest.fixture(scope="session")
def full_build(tmp_path_factory, worker_id) -> Path:
    """The whole build of the bundled plan (notebooks and HTML report included), made once per test
    run: started in the background as the run begins (``pytest_collection_modifyitems``) and waited
    for here; when it was not (a test asking for it by name), the first worker to ask builds it and
    the others wait and share it (a file lock in the run's temporary folder). Tests only read it."""
    from filelock import FileLock

    from plan132lib.cli import main

    root = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        root = root.parent  # the folder all workers of this run share
    built = _wait_for_background_build(root)
    if built is not None:
        return built
    out, done = _build_paths(root)
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
