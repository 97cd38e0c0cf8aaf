"""A read cache: a plan file is read once per content, and later runs load its tables.

:func:`load_plan_cached` keys each entry by a SHA-256 of the file's bytes, the package's
version, the reading code (the modules of :mod:`plan132lib.ingest`) and the agency registry's
bytes, so a changed file, a new version or an edited registry is read afresh, and a renamed or
copied file is not. An entry is a pickle of the :class:`~plan132lib.ingest.tables.Plan`
without its registry (the registry is localised again on loading, as
:func:`~plan132lib.ingest.tables.build_plan` does), under ``<cache_dir>/<key>.pickle``,
written to a temporary file and renamed into place. An entry that cannot be loaded (cut
short, damaged, of another layout) is read again from the file and rewritten, never a
traceback; a cache folder that cannot be written leaves the plan read, uncached.

The cache holds pickles: point it only at a folder of your own (pickles from elsewhere can run
code when loaded).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import tempfile
from functools import cache
from os import PathLike
from pathlib import Path

from ..errors import PlanParseError
from ..stamp import VERSION
from .agencies import Registry, default_registry_path
from .parse import province_of, unit_of
from .tables import Plan, _bundled_registry, load_plan

LAYOUT = 1  # the layout of a cache entry; raise it when the pickled content changes shape
SUFFIX = ".pickle"


@cache
def _code_digest() -> str:
    """A digest of the reading code: every module of this package, in name order."""
    h = hashlib.sha256()
    for module in sorted(Path(__file__).parent.glob("*.py")):
        h.update(module.name.encode())
        h.update(module.read_bytes())
    return h.hexdigest()


def _registry_bytes(registry: Registry | str | PathLike[str] | None) -> bytes:
    """The registry file's bytes, and a reviewer's names applied to it (``--agencies``)."""
    path = registry.path if isinstance(registry, Registry) else registry or default_registry_path()
    try:
        data = Path(path).read_bytes()
    except OSError:
        data = str(path).encode()
    if isinstance(registry, Registry) and registry.reviewed:
        data += b"\0reviewed\0" + "\n".join(f"{name}\t{body}" for name, body in registry.reviewed).encode()
    return data


def cache_key(data: bytes, registry: Registry | str | PathLike[str] | None = None) -> str:
    """The cache key of a file's bytes: SHA-256 over the layout, version, reading code, registry and bytes."""
    h = hashlib.sha256()
    for part in (f"plan132 cache {LAYOUT} {VERSION}".encode(), _code_digest().encode(),
                 hashlib.sha256(_registry_bytes(registry)).digest(), data):
        h.update(len(part).to_bytes(8, "big"))
        h.update(part)
    return h.hexdigest()


def load_plan_cached(path: str | PathLike[str], cache_dir: str | PathLike[str],
                     registry: Registry | str | PathLike[str] | None = None) -> Plan:
    """Read a plan as :func:`~plan132lib.ingest.tables.load_plan` does, through the cache in ``cache_dir``.

    A second call with a file of the same content loads the stored tables and reads no PDF
    (nor any other format) again; the plan's ``path`` is the one given this time. Errors are
    those of ``load_plan``: an unreadable file is a :class:`~plan132lib.errors.PlanParseError`
    naming it (and is not cached).
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError:
        return load_plan(path, registry)  # load_plan names the file and what is wrong
    key = cache_key(data, registry)
    entry = Path(cache_dir) / f"{key}{SUFFIX}"
    plan = _load_entry(entry, key, path, registry)
    if plan is not None:
        return plan
    plan = load_plan(path, registry)
    _store(entry, key, plan)
    return plan


def _load_entry(entry: Path, key: str, path: Path,
                registry: Registry | str | PathLike[str] | None) -> Plan | None:
    """The plan stored under ``entry``, re-attached to its registry and path; None when absent or unusable."""
    try:
        with entry.open("rb") as fh:
            stored = pickle.load(fh)
    except FileNotFoundError:
        return None
    except Exception:  # any damage to an entry means: read the file again
        return None
    if not isinstance(stored, dict) or stored.get("key") != key or not isinstance(stored.get("plan"), Plan):
        return None
    plan: Plan = stored["plan"]
    try:
        base = registry if isinstance(registry, Registry) else (
            _bundled_registry() if registry is None else Registry.load(registry))
    except PlanParseError:
        return None
    issuer = plan.meta_value("issuer")
    localised = base.localised(province_of(issuer, plan.meta_value("place")), unit_of(issuer))
    document = dataclasses.replace(plan.document, path=str(path))
    return dataclasses.replace(plan, path=str(path), document=document, registry=localised)


def _store(entry: Path, key: str, plan: Plan) -> None:
    """Write the entry atomically; a folder that cannot be written is left alone."""
    payload = {"key": key, "plan": dataclasses.replace(plan, registry=None)}
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".plan-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(payload, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, entry)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        return
