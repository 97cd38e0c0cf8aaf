"""One loader for every reference CSV (issues 23, 24): UTF-8 with or without a byte-order mark,
NFC, a carriage return inside a quoted cell kept, a cell of up to 1 MiB read and a longer one
refused with its file, line and the limit, a missing column named, another encoding refused."""

from __future__ import annotations

import csv
import shutil
import unicodedata
from pathlib import Path

import pytest

from plan132lib import load_plan, reference
from plan132lib.analysis import catalogue, compare, coverage
from plan132lib.cli import main
from plan132lib.errors import ReferenceDataError
from plan132lib.ingest.agencies import REGISTRY_COLUMNS, Registry
from plan132lib.paths import AGENCY_REGISTRY, CROSSWALK, RESOLUTION_CATALOGUE
from plan132lib.words import say_error

NAME_NFC = "Sở Tài nguyên và Môi trường"
NAME_NFD = unicodedata.normalize("NFD", NAME_NFC)
assert NAME_NFD != NAME_NFC


def _write(path: Path, text: str, *, bom: bool = False, encoding: str = "utf-8") -> Path:
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding))
    return path


def _read(path: Path, columns=("id",)) -> list[tuple[int, dict[str, str]]]:
    return reference.read_reference(path, what="test table", columns=columns)


# ------------------------------------------------------------------ the rules


@pytest.mark.parametrize("bom", [False, True])
def test_utf8_with_or_without_a_byte_order_mark_reads_the_same(tmp_path, bom):
    path = _write(tmp_path / "t.csv", f"id,name\nx1,{NAME_NFC}\n", bom=bom)
    assert _read(path) == [(2, {"id": "x1", "name": NAME_NFC})]


def test_decomposed_text_is_read_in_nfc_headers_too(tmp_path):
    header = unicodedata.normalize("NFD", "tên")
    path = _write(tmp_path / "t.csv", f"id,{header}\nx1,{NAME_NFD}\n")
    ((line, row),) = _read(path, columns=("id", "tên"))
    assert row == {"id": "x1", "tên": NAME_NFC} and line == 2
    assert all(unicodedata.is_normalized("NFC", cell) for cell in (*row, *row.values()))


def test_a_bare_carriage_return_inside_a_quoted_cell_is_kept(tmp_path):
    path = _write(tmp_path / "t.csv", 'id,note\nx1,"một\rhai"\nx2,"ba\r\nbốn"\nx3,năm\u2028sáu\n')
    rows = _read(path)
    assert [row["note"] for _, row in rows] == ["một\rhai", "ba\r\nbốn", "năm\u2028sáu"]
    assert [row["id"] for _, row in rows] == ["x1", "x2", "x3"]  # a line separator splits no row
    assert [line for line, _ in rows] == [2, 4, 6]  # the line each record starts on


def test_text_itself_can_be_read():
    rows = reference.read_reference("id,n\r\nx,1\r\n", what="t", columns=["id"])
    assert rows == [(2, {"id": "x", "n": "1"})]


def test_a_cell_of_200_kb_is_read(tmp_path):
    big = "ô" * 200_000
    path = _write(tmp_path / "t.csv", f'id,note\nx1,"{big}"\nx2,b\n')
    rows = _read(path)
    assert rows[0][1]["note"] == big and rows[1] == (3, {"id": "x2", "note": "b"})


def test_a_cell_over_the_limit_is_refused_with_file_line_and_limit(tmp_path):
    before = csv.field_size_limit()
    path = _write(tmp_path / "t.csv", f'id,note\nx1,a\nx2,"{"x" * (reference.FIELD_LIMIT + 1)}"\n')
    with pytest.raises(ReferenceDataError) as caught:
        _read(path)
    error = caught.value
    assert error.path == str(path) and error.line == 3
    assert str(error).startswith(f"{path}, line 3: ") and str(reference.FIELD_LIMIT) in str(error)
    assert str(reference.FIELD_LIMIT) in say_error(error, "vi") and "dòng 3" in say_error(error, "vi")
    assert csv.field_size_limit() == before  # the process-wide setting is put back


def test_a_missing_column_is_named(tmp_path):
    path = _write(tmp_path / "t.csv", "id,name\nx1,a\n")
    with pytest.raises(ReferenceDataError, match=r"lacks columns.*'place'") as caught:
        _read(path, columns=("id", "place"))
    assert caught.value.line == 1 and caught.value.problem.fields["missing"] == ["place"]
    assert "thiếu cột" in say_error(caught.value, "vi")


def test_a_row_of_the_wrong_width_names_its_line(tmp_path):
    path = _write(tmp_path / "t.csv", "id,name\nx1,a\n\nx2,b,c\n")
    with pytest.raises(ReferenceDataError, match="3 cells, the header 2") as caught:
        _read(path)
    assert caught.value.line == 4


def test_a_latin1_file_is_refused_naming_the_file(tmp_path):
    path = _write(tmp_path / "danh_muc.csv", "id,name\nx1,Hà Noi café\n", encoding="latin-1")
    with pytest.raises(ReferenceDataError) as caught:
        _read(path)
    error = caught.value
    assert error.path == str(path) and error.line == 2
    assert "not UTF-8" in str(error) and "save it as UTF-8" in str(error)
    said = say_error(error, "vi")
    assert "danh_muc.csv" in said and "UTF-8" in said and "dòng 2" in said


@pytest.mark.parametrize("kind", ["folder", "missing"])
def test_a_folder_or_a_missing_file_is_named(tmp_path, kind):
    path = tmp_path if kind == "folder" else tmp_path / "none.csv"
    with pytest.raises(ReferenceDataError, match="not a regular file" if kind == "folder" else "not found"):
        _read(path)


# ------------------------------------------------------------------ every reader goes through it


def _with_bom_and_nfd(source: Path, target: Path) -> Path:
    text = source.read_text(encoding="utf-8-sig")
    return _write(target, unicodedata.normalize("NFD", text), bom=True)


def test_the_registry_reads_through_the_loader(tmp_path):
    path = _with_bom_and_nfd(AGENCY_REGISTRY, tmp_path / "agencies.csv")
    ours, bundled = Registry.load(path), Registry.load()
    assert {k: a.name for k, a in ours.agencies.items()} == {k: a.name for k, a in bundled.agencies.items()}
    header = ",".join(c for c in REGISTRY_COLUMNS if c != "kind")
    with pytest.raises(ReferenceDataError, match=r"lacks columns.*'kind'"):
        Registry.load(_write(tmp_path / "short.csv", header + "\n"))


def test_indicators_places_catalogue_and_crosswalk_read_through_the_loader(tmp_path):
    indicators = tmp_path / "indicators.csv"
    _write(indicators, f"indicator_id,name_vi,name_en,match\nair,{NAME_NFD},Air,pm2.5\n", bom=True)
    assert compare.load_indicators(indicators)[0].name_vi == NAME_NFC
    places = _write(tmp_path / "places.csv", f"province,place,note\nHưng Yên,{NAME_NFD},x\n", bom=True)
    assert coverage.local_places("Hưng Yên", places) == ("Hưng Yên", NAME_NFC)
    cat = catalogue.load_catalogue(_with_bom_and_nfd(RESOLUTION_CATALOGUE, tmp_path / "cat.csv"))
    assert cat.drop(columns="catalogue").equals(catalogue.load_catalogue().drop(columns="catalogue"))
    walk = catalogue.load_crosswalk(load_plan(), cat, _with_bom_and_nfd(CROSSWALK, tmp_path / "walk.csv"))
    assert walk.equals(catalogue.load_crosswalk(load_plan(), cat))


def test_a_crosswalk_note_of_200_kb_is_read_and_one_over_the_limit_is_refused(tmp_path):
    rows = list(csv.reader(CROSSWALK.read_text(encoding="utf-8").splitlines()))
    note = rows[0].index("note")
    for size, ok in ((200_000, True), (reference.FIELD_LIMIT + 10, False)):
        rows[3][note] = "ghi chú " + "x" * size
        path = tmp_path / "walk.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh, lineterminator="\n").writerows(rows)
        if ok:
            assert len(catalogue.load_crosswalk(load_plan(), path=path)) == len(rows) - 1
        else:
            with pytest.raises(ReferenceDataError, match=f"{path}, line 4: .*{reference.FIELD_LIMIT}"):
                catalogue.load_crosswalk(load_plan(), path=path)


def test_the_command_names_the_catalogue_with_a_cell_over_the_limit(tmp_path, capsys):
    bad = tmp_path / "bad_catalogue.csv"
    shutil.copyfile(RESOLUTION_CATALOGUE, bad)
    with bad.open("a", encoding="utf-8", newline="") as fh:
        fh.write('NQ247-BIG,NQ 247/2025/QH15,,,"' + "x" * (reference.FIELD_LIMIT + 1) + '"\n')
    out = tmp_path / "draft.csv"
    assert main(["crosswalk", "--catalogue", str(bad), "--out", str(out), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "_csv.Error" not in err
    assert err.startswith(f"plan132: cannot read {bad}, line ") and str(reference.FIELD_LIMIT) in err
    assert not out.exists()


def test_the_command_names_a_latin1_names_sheet(tmp_path, capsys):
    bad = tmp_path / "names.csv"
    bad.write_bytes(b"raw_name,body\nS\xe3 T\xe0i ch\xednh,so-tai-chinh\n")  # a Windows code page
    assert main(["agencies", "--agencies", str(bad), "--out", str(tmp_path / "n.csv")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and f"không đọc được {bad}, dòng 2" in err and "UTF-8" in err


def test_no_module_reads_a_csv_but_the_loader():
    """One home: only the loader parses CSV; words.csv (the texts of the loader's own messages) and a
    published table read back with its dtypes (fields.read_csv) are the two others."""
    import re

    package = Path(reference.__file__).parent
    allowed = {"reference.py", "words.py", "fields.py:pd.read_csv"}
    readers = []
    for path in sorted(package.rglob("*.py")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            found = re.search(r"csv\.reader\(|DictReader\(|pd\.read_csv\(", line)
            name = str(path.relative_to(package))
            if found and name not in allowed and f"{name}:{found.group().rstrip('(')}" not in allowed:
                readers.append(f"{name}:{n}")
    assert readers == []
