"""The read cache (ingest.cache): a file is read once per content; a damaged entry is read again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from plan132lib import PlanParseError, load_plan
from plan132lib.analysis import workload
from plan132lib.ingest import cache, tables
from plan132lib.ingest.cache import load_plan_cached

PDF = Path(__file__).resolve().parents[1] / "fixtures" / "documents" / "ninhbinh_58.pdf"


def _refuse_reading(monkeypatch) -> None:
    def refuse(path):
        raise AssertionError(f"{path} was read again")

    monkeypatch.setattr(tables, "read_document", refuse)


def _assert_same(a, b) -> None:
    for (name, x), y in zip(a.tables().items(), b.tables().values(), strict=True):
        pd.testing.assert_frame_equal(x, y, obj=name)


@pytest.fixture(scope="module")
def fresh():
    return load_plan(PDF)


def test_a_second_run_reads_no_pdf_again(tmp_path, monkeypatch, fresh):
    first = load_plan_cached(PDF, tmp_path)
    assert len(list(tmp_path.glob("*.pickle"))) == 1
    _refuse_reading(monkeypatch)
    second = load_plan_cached(PDF, tmp_path)
    _assert_same(second, fresh)
    _assert_same(first, fresh)
    assert second.path == str(PDF) and second.kind == "pdf"
    # the registry is the plan's own, localised to Ninh Bình: the analyses run on it
    assert second.registry.province == "Ninh Bình"
    pd.testing.assert_frame_equal(workload.agency_workload(second), workload.agency_workload(fresh))
    assert second.citation() == fresh.citation()


def test_keyed_by_content_not_by_name(tmp_path, monkeypatch, fresh):
    load_plan_cached(PDF, tmp_path / "cache")
    copy = tmp_path / "ban sao.pdf"
    shutil.copy(PDF, copy)
    _refuse_reading(monkeypatch)
    plan = load_plan_cached(copy, tmp_path / "cache")
    assert plan.path == str(copy) and plan.document.path == str(copy)
    _assert_same(plan, fresh)


def test_a_changed_file_is_read_afresh(tmp_path):
    text = tables.bundled_plan_path().read_text(encoding="utf-8")
    path = tmp_path / "plan.md"
    path.write_text(text, encoding="utf-8")
    before = load_plan_cached(path, tmp_path / "cache")
    at = text.index("**Phụ lục**")  # a lead in the appendix changed
    edited = text[:at] + text[at:].replace("Sở Khoa học và Công nghệ", "Sở Tài chính", 1)
    path.write_text(edited, encoding="utf-8")
    after = load_plan_cached(path, tmp_path / "cache")
    assert len(list((tmp_path / "cache").glob("*.pickle"))) == 2
    assert not before.tasks["lead_raw"].equals(after.tasks["lead_raw"])
    _assert_same(after, load_plan(path))


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05\x95 cut short"])
def test_a_damaged_entry_is_read_again_never_a_traceback(tmp_path, damage):
    path = tables.bundled_plan_path()
    load_plan_cached(path, tmp_path)
    (entry,) = tmp_path.glob("*.pickle")
    entry.write_bytes(damage)
    plan = load_plan_cached(path, tmp_path)
    _assert_same(plan, load_plan())
    assert entry.stat().st_size > 1000  # rewritten whole


def test_an_entry_of_another_key_or_shape_is_not_trusted(tmp_path):
    import pickle

    path = tables.bundled_plan_path()
    load_plan_cached(path, tmp_path)
    (entry,) = tmp_path.glob("*.pickle")
    entry.write_bytes(pickle.dumps({"key": "something else", "plan": None}))
    _assert_same(load_plan_cached(path, tmp_path), load_plan())


def test_a_cache_folder_that_cannot_be_written_leaves_the_plan_read(tmp_path):
    blocker = tmp_path / "not a folder"
    blocker.write_text("x", encoding="utf-8")
    plan = load_plan_cached(tables.bundled_plan_path(), blocker / "cache")
    assert len(plan.tasks) == len(load_plan().tasks)


def test_an_unreadable_file_raises_and_is_not_cached(tmp_path):
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4\n")
    with pytest.raises(PlanParseError, match=r"scan\.pdf"):
        load_plan_cached(bad, tmp_path / "cache")
    with pytest.raises(PlanParseError, match=r"missing\.pdf"):
        load_plan_cached(tmp_path / "missing.pdf", tmp_path / "cache")
    assert not list((tmp_path / "cache").glob("*.pickle")) if (tmp_path / "cache").exists() else True


def test_the_key_follows_version_registry_and_bytes(tmp_path):
    registry = tmp_path / "agencies.csv"
    shutil.copy(cache.default_registry_path(), registry)
    assert cache.cache_key(b"a") == cache.cache_key(b"a", registry)
    assert cache.cache_key(b"a") != cache.cache_key(b"b")
    registry.write_text(registry.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert cache.cache_key(b"a") != cache.cache_key(b"a", registry)
