"""Output folders that are complete or absent: ``plan132 build``, ``diff`` and ``compare`` write here.

:func:`output_folder` gives the command a fresh folder beside ``--out`` (``<out>.building``, on the
same file system) to write into. When the command is done, a ``MANIFEST`` is written last (every
file of the folder with its SHA-256, sorted by path, as ``sha256sum`` writes it: no dates, so the
same outputs give the same bytes), the old ``<out>`` is renamed aside (``<out>.old``), the new one
renamed into place and the old one removed. So ``<out>`` is always a complete pack (or absent), and
files a rebuild no longer writes are gone. When the command fails (an error, Ctrl-C) the temporary
folder is removed and ``<out>`` is left as it was; a killed command leaves only ``<out>.building``,
which the next command removes.

A lock file beside ``<out>`` (``<out>.lock``, created exclusively, holding the process id and the
host) stops a second command writing the same folder: it gets :class:`OutputError` (the CLI prints
it and exits 2). A lock left by a process that no longer runs on this host is taken over.

An ``OSError`` while writing (a read-only folder, a full disk) becomes an :class:`OutputError` naming
the file, in the reader's words (rows ``error.out_*`` and ``error.os_write.*`` of ``words.csv``).
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import socket
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from ..words import Problem, entries

__all__ = [
    "MANIFEST",
    "OutputError",
    "aside_path",
    "check_manifest",
    "lock_path",
    "manifest_text",
    "output_folder",
    "placed",
    "work_path",
    "write_manifest",
]

MANIFEST = "MANIFEST"
_STALE_UNREADABLE = 30.0  # seconds after which a lock file holding no process id is taken over


class OutputError(Exception):
    """An output folder that cannot be written; ``problem`` (a :class:`~plan132lib.words.Problem`)
    names the folder or file and says why, in either language (:meth:`say`)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem

    def say(self, lang: str = "vi") -> str:
        return self.problem.say(lang)

    @staticmethod
    def reason(error: OSError, lang: str = "vi") -> str:
        """Why ``error`` stopped a write, in ``lang`` (rows ``error.os_write.*``, else the system's words)."""
        said = _reason(error)
        return said.say(lang) if isinstance(said, Problem) else said


def lock_path(out: str | Path) -> Path:
    """The lock file of the output folder ``out``: ``<out>.lock`` beside it."""
    out = Path(out)
    return out.with_name(out.name + ".lock")


def work_path(out: str | Path) -> Path:
    """The temporary folder a command writes into before it becomes ``out``: ``<out>.building``."""
    out = Path(out)
    return out.with_name(out.name + ".building")


def aside_path(out: str | Path) -> Path:
    """Where the previous ``out`` stands for a moment while the new one takes its place: ``<out>.old``."""
    out = Path(out)
    return out.with_name(out.name + ".old")


def _files(folder: Path) -> list[str]:
    """Every file under ``folder`` (``MANIFEST`` left out), as sorted relative POSIX paths."""
    return sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and p.relative_to(folder).as_posix() != MANIFEST
    )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def manifest_text(folder: str | Path) -> str:
    """The ``MANIFEST`` of ``folder``: a line ``<sha256>  <path>`` per file, sorted by path (the format of
    ``sha256sum``, so ``cd <out> && sha256sum -c MANIFEST`` checks the pack)."""
    folder = Path(folder)
    return "".join(f"{_sha256(folder / name)}  {name}\n" for name in _files(folder))


def write_manifest(folder: str | Path) -> Path:
    """Write :func:`manifest_text` as ``folder/MANIFEST`` (last: it is the sign the pack is complete)."""
    path = Path(folder) / MANIFEST
    with path.open("w", encoding="utf-8", newline="\n") as file:
        file.write(manifest_text(folder))
        file.flush()
        os.fsync(file.fileno())
    return path


def check_manifest(folder: str | Path) -> list[str]:
    """What is wrong with the pack in ``folder``: no ``MANIFEST``, a file missing, changed or not listed
    (empty: the pack is complete and as written)."""
    folder = Path(folder)
    path = folder / MANIFEST
    if not path.is_file():
        return [f"no {MANIFEST}"]
    listed = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        digest, _, name = line.partition("  ")
        listed[name] = digest
    present = set(_files(folder))
    problems = [f"missing: {name}" for name in sorted(set(listed) - present)]
    problems += [f"not listed: {name}" for name in sorted(present - set(listed))]
    problems += [
        f"changed: {name}" for name in sorted(present & set(listed)) if _sha256(folder / name) != listed[name]
    ]
    return problems


def placed(paths: Iterable[Path], work: Path, out: Path) -> list[Path]:
    """``paths`` written under ``work`` as they stand once ``work`` has become ``out``."""
    return [out / p.relative_to(work) if p.is_relative_to(work) else p for p in map(Path, paths)]


def _reason(error: OSError) -> Problem | str:
    """An OS error in the reader's words (rows ``error.os_write.<ERRNO>``), else as the system says it."""
    code = errno.errorcode.get(error.errno or 0, "")
    if f"error.os_write.{code}" in entries():
        return Problem(f"os_write.{code}")
    return error.strerror or str(error) or type(error).__name__


def _write_error(error: OSError, out: Path, work: Path | None = None) -> OutputError:
    """``error`` met while writing ``out`` (into ``work``), naming the file as the reader knows it."""
    name = error.filename
    file = Path(os.fsdecode(name)) if isinstance(name, str | bytes | os.PathLike) else out
    if work is not None and file.is_relative_to(work):
        file = out / file.relative_to(work)
    return OutputError(Problem("out_write", file=str(file), reason=_reason(error), out=str(out)))


def _alive(pid: int, host: str) -> bool:
    """Whether the process ``pid`` of ``host`` may still run (when it cannot be told: yes)."""
    if host != socket.gethostname() or os.name != "posix":
        return True  # another machine's process, or no safe way to ask (os.kill ends it on Windows)
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it runs, as another user
        return True
    return True


def _holder(lock: Path) -> tuple[int, str] | None:
    """The process id and host written in ``lock``; None when the lock is gone or holds nothing readable."""
    try:
        pid, _, host = lock.read_text(encoding="utf-8").strip().partition(" ")
        return int(pid), host
    except (OSError, ValueError):
        return None


def _acquire(lock: Path, out: Path) -> None:
    """Create ``lock`` exclusively with this process's id; a lock of a process that no longer runs is
    taken over; a lock held by a running process is an :class:`OutputError`."""
    for _ in range(3):
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            holder = _holder(lock)
            if holder is None:  # being written this instant, or left empty by a killed process
                try:
                    fresh = time.time() - lock.stat().st_mtime < _STALE_UNREADABLE
                except FileNotFoundError:
                    continue
                if fresh:
                    raise OutputError(Problem("out_locked", out=str(out), pid="?", lock=str(lock))) from None
            elif _alive(*holder):
                problem = Problem("out_locked", out=str(out), pid=holder[0], lock=str(lock))
                raise OutputError(problem) from None
            lock.unlink(missing_ok=True)  # a killed command's lock
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            file.write(f"{os.getpid()} {socket.gethostname()}\n")
        return
    raise OutputError(Problem("out_locked", out=str(out), pid="?", lock=str(lock)))


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    elif path.exists() or path.is_symlink():
        path.unlink(missing_ok=True)


def _is_pack(out: Path, marks: Sequence[str]) -> bool:
    """Whether the folder ``out`` may be replaced: empty, a pack (its ``MANIFEST``), or a pack written
    before there was one (one of the command's own files, ``marks``)."""
    return (
        not any(out.iterdir()) or (out / MANIFEST).is_file() or any((out / mark).exists() for mark in marks)
    )


def _check_out(out: Path, marks: Sequence[str]) -> None:
    """Refuse an ``out`` that is a file, a folder of other files, or where nothing can be written."""
    if out.exists() and not out.is_dir():
        raise OutputError(Problem("out_is_file", out=str(out)))
    if out.is_dir():
        if not _is_pack(out, marks):
            raise OutputError(Problem("out_not_pack", out=str(out)))
        if not os.access(out, os.W_OK | os.X_OK):
            raise _write_error(PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(out)), out)
    parent = out.parent
    parent.mkdir(parents=True, exist_ok=True)
    if not os.access(parent, os.W_OK | os.X_OK):
        raise _write_error(PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(parent)), out)


@contextmanager
def output_folder(out: str | Path, marks: Sequence[str] = ()) -> Iterator[Path]:
    """Lock ``out``, give a fresh temporary folder beside it to write into, and when the block ends
    without error write the ``MANIFEST`` and put the folder in the place of ``out``.

    ``marks``: files by which a folder written before there was a ``MANIFEST`` is known as the
    command's own (so it may be replaced); any other non-empty folder is refused, never emptied. An
    error in the block removes the temporary folder and leaves ``out`` as it was; an ``OSError`` is
    raised as :class:`OutputError` naming the file."""
    out = Path(os.path.abspath(out))
    work, aside, lock = work_path(out), aside_path(out), lock_path(out)
    try:
        _check_out(out, marks)
        _acquire(lock, out)
    except OSError as error:
        raise _write_error(error, out) from error
    try:
        try:
            if aside.exists() and not out.exists():  # killed between the two renames: the old pack back
                aside.rename(out)
            _remove(aside)
            _remove(work)
            work.mkdir()
        except OSError as error:
            raise _write_error(error, out) from error
        try:
            yield work
            write_manifest(work)
        except BaseException as error:
            _remove(work)
            if isinstance(error, OSError):
                raise _write_error(error, out, work) from error
            raise
        try:
            if out.exists():
                out.rename(aside)
            try:
                work.rename(out)
            except OSError:
                if aside.exists() and not out.exists():
                    aside.rename(out)
                raise
        except OSError as error:
            _remove(work)
            raise _write_error(error, out) from error
        _remove(aside)
    finally:
        lock.unlink(missing_ok=True)
