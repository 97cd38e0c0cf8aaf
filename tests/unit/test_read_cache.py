"""The read cache (ingest.cache): a file is read once per content, into a JSON entry of data checked when
read; a damaged, foreign or planted entry is read again, and nothing in the cache folder is ever run."""

from __future__ import annotations

import json
import pickle
import shutil
from pathlib import Path

import pandas as pd
import pytest

from plan132lib import PlanParseError, load_plan
from plan132lib.analysis import workload
from plan132lib.ingest import cache, tables
from plan132lib.ingest.cache import load_plan_cached
from plan132lib.ingest.ocr import MODE_ENV

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
    assert len(list(tmp_path.glob("*.json"))) == 1
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
    assert len(list((tmp_path / "cache").glob("*.json"))) == 2
    assert not before.tasks["lead_raw"].equals(after.tasks["lead_raw"])
    _assert_same(after, load_plan(path))


def _entry(tmp_path: Path, path: Path) -> tuple[Path, str]:
    """A real entry for ``path`` in ``tmp_path``, and its key."""
    load_plan_cached(path, tmp_path)
    (entry,) = tmp_path.glob("*.json")
    return entry, entry.stem


def _count_reading(monkeypatch) -> list[object]:
    read: list[object] = []
    real = tables.read_document

    def counting(path):
        read.append(path)
        return real(path)

    monkeypatch.setattr(tables, "read_document", counting)
    return read


@pytest.mark.parametrize("damage", [b"", b"not json", b"{", b"\xff\xfe", b"null", b"[]", b'{"key": 1}'])
def test_a_damaged_entry_is_read_again_never_a_traceback(tmp_path, damage):
    path = tables.bundled_plan_path()
    entry, _ = _entry(tmp_path, path)
    entry.write_bytes(damage)
    plan = load_plan_cached(path, tmp_path)
    _assert_same(plan, load_plan())
    assert entry.stat().st_size > 1000  # rewritten whole


def test_a_truncated_entry_is_read_again_and_rewritten(tmp_path, monkeypatch):
    path = tables.bundled_plan_path()
    entry, _ = _entry(tmp_path, path)
    whole = entry.read_bytes()
    fresh = load_plan()
    for cut in (len(whole) // 2, len(whole) - 1):
        entry.write_bytes(whole[:cut])
        read = _count_reading(monkeypatch)
        plan = load_plan_cached(path, tmp_path)
        assert read == [path]  # the file was read again, not the half entry
        _assert_same(plan, fresh)
        assert entry.read_bytes() == whole  # and the entry rewritten whole
    assert [p.name for p in tmp_path.iterdir()] == [entry.name]  # no temporary file left


def test_a_planted_pickle_is_never_loaded(tmp_path, monkeypatch):
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    path = tables.bundled_plan_path()
    key = cache.cache_key(path.read_bytes())
    planted = pickle.dumps({"key": key, "plan": Payload()})
    (tmp_path / f"{key}.pickle").write_bytes(planted)  # where an older version looked
    (tmp_path / f"{key}.json").write_bytes(planted)  # and where this one looks
    _assert_same(load_plan_cached(path, tmp_path), load_plan())
    assert not marker.exists()
    assert json.loads((tmp_path / f"{key}.json").read_bytes())["key"] == key  # replaced by data
    assert not marker.exists()


def _plant(stored: dict) -> list:
    """Hostile variants of a real entry: each is to be refused, whole."""
    tasks = stored["tables"]["tasks"]
    col = tasks["columns"].index("source_line")
    content = tasks["columns"].index("content")
    return [
        ("another key", lambda s: s.update(key="0" * 64)),
        ("another layout", lambda s: s.update(layout=cache.LAYOUT + 1)),
        ("an extra key", lambda s: s.update(__reduce__=["os.system", "touch pwned"])),
        ("a missing key", lambda s: s.pop("row_boxes")),
        ("an extra table", lambda s: s["tables"].update(secrets=s["tables"]["meta"])),
        ("a string for a line", lambda s: s["tables"]["tasks"]["data"][col].__setitem__(0, "12")),
        ("a bool for a line", lambda s: s["tables"]["tasks"]["data"][col].__setitem__(0, True)),
        ("a float for a line", lambda s: s["tables"]["tasks"]["data"][col].__setitem__(0, 1.5)),
        ("a line beyond int64", lambda s: s["tables"]["tasks"]["data"][col].__setitem__(0, 1 << 70)),
        ("a number for text", lambda s: s["tables"]["tasks"]["data"][content].__setitem__(0, 7)),
        (
            "an object for text",
            lambda s: s["tables"]["tasks"]["data"][content].__setitem__(0, {"py/object": "os.system"}),
        ),
        ("another dtype", lambda s: s["tables"]["tasks"]["dtypes"].__setitem__(col, "category")),
        ("an object dtype for ints", lambda s: s["tables"]["tasks"]["dtypes"].__setitem__(col, "object")),
        ("a renamed column", lambda s: s["tables"]["tasks"]["columns"].__setitem__(col, "line")),
        ("a short column", lambda s: s["tables"]["tasks"]["data"][col].pop()),
        ("a wrong row count", lambda s: s["tables"]["tasks"].update(rows=10**9)),
        ("a document of another kind", lambda s: s["document"].update(kind="exe")),
        ("a block of another kind", lambda s: s["document"]["blocks"].insert(0, ["x", "y"])),
        (
            "a cell of another merge",
            lambda s: s["document"]["blocks"].append(
                [
                    "t",
                    ["t", None, None, None],
                    [[[["a", ["c", None, None, None], False, False, "up"]], ["r", None, None, None], False]],
                ]
            ),
        ),
        ("a page box of three numbers", lambda s: s["row_boxes"].update({"1.1": [[1, [0, 0, 1]]]})),
        ("a huge key", lambda s: s.update(key="k" * (cache.MAX_ENTRY_BYTES // 4))),
        (
            "a huge text",
            lambda s: s["tables"]["tasks"]["data"][content].__setitem__(0, "A" * (cache.MAX_ENTRY_BYTES + 1)),
        ),
    ]


def test_a_planted_json_entry_is_never_trusted(tmp_path, monkeypatch):
    path = tables.bundled_plan_path()
    entry, _ = _entry(tmp_path, path)
    whole = entry.read_bytes()
    fresh = load_plan()
    for name, change in _plant(json.loads(whole)):
        stored = json.loads(whole)
        change(stored)
        entry.write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")
        read = _count_reading(monkeypatch)
        plan = load_plan_cached(path, tmp_path)
        assert read == [path], name  # read again from the file
        _assert_same(plan, fresh)
        assert entry.read_bytes() == whole, name  # and the entry rewritten as this code writes it


@pytest.mark.parametrize(
    "text",
    [
        '{"format": "plan132 read cache", "format": "x"}',  # a key given twice
        '{"layout": NaN}',
        '{"layout": Infinity}',  # not JSON
        "[" * 100_000 + "]" * 100_000,  # nested beyond the parser's depth
    ],
)
def test_hostile_json_text_is_read_again(tmp_path, text):
    path = tables.bundled_plan_path()
    entry, _ = _entry(tmp_path, path)
    entry.write_text(text, encoding="utf-8")
    _assert_same(load_plan_cached(path, tmp_path), load_plan())
    assert json.loads(entry.read_bytes())["format"] == cache.FORMAT


@pytest.mark.parametrize("source", ["bundled", "pdf"])
def test_the_cached_plan_is_the_plan_read(tmp_path, monkeypatch, source, fresh):
    path = tables.bundled_plan_path() if source == "bundled" else PDF
    read = load_plan(path) if source == "bundled" else fresh
    load_plan_cached(path, tmp_path)
    _refuse_reading(monkeypatch)
    cached = load_plan_cached(path, tmp_path)
    for name, frame in read.tables().items():
        pd.testing.assert_frame_equal(getattr(cached, name), frame, obj=name)
    pd.testing.assert_frame_equal(cached.extras, read.extras)
    assert cached.document == read.document and cached.kind == read.kind
    assert cached.appendix_columns == read.appendix_columns and cached.row_boxes == read.row_boxes
    assert cached.registry.province == read.registry.province
    task_id = str(read.tasks["task_id"].iloc[0])
    pd.testing.assert_frame_equal(cached.trace(task_id), read.trace(task_id))


def test_an_entry_is_written_whole_or_not_at_all(tmp_path, monkeypatch):
    def fail(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(cache.os, "replace", fail)
    plan = load_plan_cached(tables.bundled_plan_path(), tmp_path)
    assert len(plan.tasks) == len(load_plan().tasks)
    assert list(tmp_path.iterdir()) == []  # neither an entry nor a temporary file


def test_an_entry_of_another_key_or_shape_is_not_trusted(tmp_path):
    path = tables.bundled_plan_path()
    entry, _ = _entry(tmp_path, path)
    entry.write_text(json.dumps({"key": "something else", "plan": None}), encoding="utf-8")
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
    assert not list((tmp_path / "cache").glob("*.json")) if (tmp_path / "cache").exists() else True


def test_the_key_follows_version_registry_and_bytes(tmp_path):
    registry = tmp_path / "agencies.csv"
    shutil.copy(cache.default_registry_path(), registry)
    assert cache.cache_key(b"a") == cache.cache_key(b"a", registry)
    assert cache.cache_key(b"a") != cache.cache_key(b"b")
    registry.write_text(registry.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert cache.cache_key(b"a") != cache.cache_key(b"a", registry)


def test_the_environment_sends_load_plan_through_the_cache(tmp_path, monkeypatch, fresh):
    """What the build tells its notebooks' kernels: load_plan reads through the cache folder named."""
    monkeypatch.setenv(tables.READ_CACHE_ENV, str(tmp_path))
    _assert_same(load_plan(PDF), fresh)
    assert len(list(tmp_path.glob("*.json"))) == 1
    _refuse_reading(monkeypatch)
    _assert_same(load_plan(PDF), fresh)
    monkeypatch.delenv(tables.READ_CACHE_ENV)
    with pytest.raises(AssertionError, match="read again"):
        load_plan(PDF)


def test_the_environment_sets_the_ocr_mode_where_nothing_else_does(monkeypatch):
    from plan132lib.ingest import ocr

    monkeypatch.delenv(MODE_ENV, raising=False)
    assert ocr.current_mode() == "auto"
    monkeypatch.setenv(ocr.MODE_ENV, "never")
    assert ocr.current_mode() == "never"
    with ocr.ocr_mode("always"):
        assert ocr.current_mode() == "always"  # what a command sets wins
    assert ocr.current_mode("auto") == "auto"
    monkeypatch.setenv(ocr.MODE_ENV, "sometimes")
    with pytest.raises(ValueError, match="PLAN132_OCR"):
        ocr.current_mode()


@pytest.mark.slow
def test_a_notebook_kernel_loads_the_tables_the_build_read(tmp_path, fresh):
    """A kernel started with the build's environment loads the plan from the build's cache entry: an
    entry changed by hand (trusted as data) shows in the notebook's output, so the file was not read."""
    import nbformat

    from plan132lib.pipeline import build, notebooks

    with build._kernel_reading(True) as env:
        folder = Path(env[tables.READ_CACHE_ENV])
        load_plan_cached(PDF, folder)
        (entry,) = folder.glob("*.json")
        stored = json.loads(entry.read_text(encoding="utf-8"))
        tasks = stored["tables"]["tasks"]
        tasks["data"][tasks["columns"].index("content")][0] = "ĐỌC TỪ BỘ NHỚ ĐỆM"
        entry.write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")
        book = nbformat.v4.new_notebook()
        code = f"from plan132lib import load_plan\nprint(load_plan({str(PDF)!r}).tasks.content.iloc[0])"
        book.cells = [nbformat.v4.new_code_cell(code)]
        nbformat.write(book, tmp_path / "one.ipynb")
        ran = notebooks.execute(tmp_path / "one.ipynb", tmp_path / "out", env=env)
        assert env[MODE_ENV] == "auto"
    assert not folder.exists()  # the build's cache goes with the build
    output = nbformat.read(ran, as_version=4).cells[0].outputs[0]["text"]
    assert output.strip() == "ĐỌC TỪ BỘ NHỚ ĐỆM" != fresh.tasks.content.iloc[0]
