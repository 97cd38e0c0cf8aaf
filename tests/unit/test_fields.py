"""The field registry (plan132lib/fields.csv): every published column has one row, and the
registry gives the workbook its headers, a published CSV its types back, docs/columns.md its tables."""

from __future__ import annotations

import collections
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from plan132lib import fields
from plan132lib.analysis import compare, coverage, network
from plan132lib.analysis.versions import editorial_changes
from plan132lib.analysis.workload import COLLECTIVE_OPTIONS
from plan132lib.errors import ReferenceDataError
from plan132lib.ingest.tables import load_plan
from plan132lib.ingest.validation import findings
from plan132lib.pipeline.build import analysis_tables
from plan132lib.pipeline.diff import changes_table
from plan132lib.render.export import workbook_sheets, write_csv
from plan132lib.render.graph_files import network_tables

PROJECT = Path(__file__).resolve().parents[2]
AMENDED = PROJECT / "tests" / "fixtures" / "documents" / "amended" / "ke-hoach-132-sua-doi.md"
# Pivot tables: one column per task id (and, for the RACI matrix, the agency column named in
# Vietnamese, "Cơ quan"); their columns are data, not fields, so they are not registered.
PIVOTS = {"tables/raci_matrix", "tables/coverage_matrix"}
# Node and edge lists made from graph attributes: a graph leaves out a missing attribute, so a
# text column holds NaN where the file has an empty cell (read back as ""), and the node lists
# that mix task and agency rows hold their truth values in object columns (read back as boolean).
GRAPH_LISTS = {
    "network/two_mode_nodes_keep",
    "network/two_mode_nodes_drop",
    "network/two_mode_nodes_expand",
    "network/two_mode_edges_expand",
    "network/agencies_nodes_expand",
}


@pytest.fixture(scope="module")
def review(plan):
    return coverage.review_for(plan, None)


def _progress_tables(plan) -> dict[str, pd.DataFrame]:
    """plan132 track report's tables from two returns made in memory (a conflict, a fix, a warning)."""
    import datetime as dt

    from plan132lib.analysis.progress import merge
    from plan132lib.ingest.read_return import Return, ReturnRow, cell_ref

    def one(name: str, agency: str, status: str) -> Return:
        info = {"plan": plan.citation(), "agency": agency, "period": "Quý I/2027", "report_date": "1/4/2027"}
        refs = {key: cell_ref(name, "Thông tin", n, 2) for n, key in enumerate(info, start=2)}
        row = ReturnRow(
            2, {"task_id": "1.1", "status": status, "percent": "80%"}, {}, cell_ref(name, "Theo dõi", 2)
        )
        return Return(name, "Theo dõi", info, refs, [row], {"task_id": 1, "status": 6, "percent": 7})

    returns = [one("a.xlsx", "Sở Xây dựng", "đang làm"), one("b.xlsx", "Sở Công Thương", "Hoàn thành")]
    return merge(plan, returns, dt.date(2027, 7, 1)).tables()


@pytest.fixture(scope="module")
def published(plan, review) -> dict[str, pd.DataFrame]:
    """Every CSV ``plan132 build`` writes, by its path in the build without ``.csv``, as written."""
    out = {f"tables/{k}": v for k, v in plan.tables().items()}
    out |= {f"tables/{k}": v for k, v in analysis_tables(plan).items()}
    out |= {f"tables/{k}": v for k, v in network_tables(plan).items()}
    out |= {f"tables/{k}": v for k, v in coverage.coverage_tables(review).items()}
    out["tables/validation_findings"] = findings(plan)
    out["diff/changes"] = changes_table(plan, load_plan(AMENDED))  # plan132 diff's table
    out["diff/editorial"] = editorial_changes(plan, load_plan(AMENDED))  # and its editorial edits
    out |= {f"compare/{k}": v for k, v in compare.compare_tables([plan]).items()}  # plan132 compare's
    out["compare/unread"] = pd.DataFrame({"file_name": ["a.pdf"], "problem": ["không mở được tệp"]})
    out |= {f"track/{k}": v for k, v in _progress_tables(plan).items()}  # plan132 track report's
    for option in COLLECTIVE_OPTIONS:  # as plan132lib.render.graph_files.network_files writes them
        two_mode, agencies = network.two_mode_graph(plan, option), network.projection(plan, option)
        out[f"network/two_mode_nodes_{option}"] = network.node_table(two_mode)
        out[f"network/two_mode_edges_{option}"] = network.edge_table(two_mode)
        out[f"network/agencies_nodes_{option}"] = network.node_table(agencies)
        out[f"network/agencies_edges_{option}"] = network.edge_table(agencies)
        out[f"network/assignment_edges_{option}"] = network.two_mode_edges(plan, option)
    return out


@pytest.fixture(scope="module")
def sheets(plan, review):
    """The workbook's sheets in both languages."""
    return {lang: workbook_sheets(plan, lang, review) for lang in ("vi", "en")}


# ------------------------------------------------------------------ the registry itself


def test_every_row_is_complete_and_nfc():
    table = fields.FIELDS
    assert table.index.is_unique and len(table) > 150
    assert set(table["dtype"]) <= set(fields.DTYPES)
    for column, row in table.iterrows():
        for key in ("header_vi", "header_en", "description"):
            text = row[key]
            assert text.strip() == text and text, (column, key)
            assert unicodedata.is_normalized("NFC", text), (column, key)
    raw = fields.fields_path().read_bytes()
    assert b"\r" not in raw and not raw.startswith(b"\xef\xbb\xbf")


def test_every_published_column_is_registered(published, sheets):
    columns = {c for key, frame in published.items() if key not in PIVOTS for c in frame.columns}
    columns |= {c for lang in sheets for s in sheets[lang] if s.headers is not None for c in s.frame.columns}
    missing = sorted(str(c) for c in columns if c not in fields.FIELDS.index)
    assert not missing, f"columns published but not in fields.csv: {missing}"
    unused = sorted(set(fields.FIELDS.index) - columns)
    assert not unused, f"rows of fields.csv no published table has: {unused}"


def test_each_csv_has_the_columns_its_table_lists(published):
    used = set()
    for key, frame in published.items():
        if key in PIVOTS:
            assert fields.table_name(key) is None
            continue
        table = fields.table_name(key)
        assert table is not None, f"{key}.csv is not listed in table_columns.csv"
        assert fields.table_columns(table) == [str(c) for c in frame.columns], key
        used.add(table)
    assert used == set(fields.tables()), "tables listed in table_columns.csv that the build does not write"


def test_plan_tables_have_the_registered_dtypes(plan):
    for name, frame in plan.tables().items():
        assert fields.table_columns(name) == list(frame.columns), name
        assert fields.conforms(frame, name) == {}, name


def test_analysis_tables_have_the_registered_dtypes(published):
    for key, frame in published.items():
        if key in PIVOTS:
            continue
        wrong = fields.conforms(frame, key)
        if key in GRAPH_LISTS:  # truth values in object columns, read back as boolean
            wrong = {c: d for c, d in wrong.items() if d != ("object", "boolean")}
        assert wrong == {}, key


def test_no_two_columns_of_a_table_share_a_header(published, sheets):
    """Within a table or sheet a header names one column (in both languages)."""
    groups = {key: list(frame.columns) for key, frame in published.items() if key not in PIVOTS}
    groups |= {
        f"{lang}:{s.name}": list(s.frame.columns)
        for lang in sheets
        for s in sheets[lang]
        if s.headers is not None
    }
    for lang in fields.LANGS:
        for key, columns in groups.items():
            seen = collections.defaultdict(list)
            for column in columns:
                seen[fields.header(column, lang)].append(column)
            assert {h: c for h, c in seen.items() if len(c) > 1} == {}, (lang, key)


# Columns of different tables that share a Vietnamese header, and say the same thing.
SAME_MEANING = {
    "Dòng trong văn bản": {"source_line", "plan_source_line"},
    "Mã nhiệm vụ": {"task_id", "task_ids"},
    "Mã cơ quan": {"agency_id", "agency_ids"},
    "Tên cơ quan": {"agency_name", "name"},
    "Có trong danh mục": {"known", "in_registry"},
    "Các mục (Tổ chức thực hiện)": {"duty_items", "items"},
}


def test_shared_vietnamese_headers_are_the_known_ones():
    seen = collections.defaultdict(set)
    for column, row in fields.FIELDS.iterrows():
        seen[row["header_vi"]].add(column)
    assert {h: c for h, c in seen.items() if len(c) > 1} == SAME_MEANING


def test_every_column_has_a_vietnamese_header():
    """No header is the column's snake_case name (the coverage-by-group sheet once showed them)."""
    table = fields.FIELDS
    assert set(table.index[table["header_vi"] == table.index]) == set()
    assert not table["header_vi"].str.contains(r"[a-z]+_[a-z]", regex=True).any()


# ------------------------------------------------------------------ the API


def test_header_and_dtype():
    assert fields.header("end_year") == "Năm kết thúc"
    assert fields.header("end_year", "en") == "End year"
    assert fields.headers(["task_id", "open_ended"], "en") == {"task_id": "Task", "open_ended": "Open-ended"}
    assert fields.dtype("end_year") == "Int64"
    assert fields.dtypes(["value", "source_line"]) == {"value": "float64", "source_line": "int64"}
    assert fields.dtypes(["value", "source_line"], "meta") == {"value": "str", "source_line": "Int64"}
    described = fields.describe(["task_id", "end_year"])
    assert list(described.columns) == ["column", "dtype", "header_vi", "header_en", "description"]
    assert described["header_vi"].tolist() == ["Mã nhiệm vụ", "Năm kết thúc"]


def test_an_unregistered_column_is_a_key_error_naming_it_and_the_file():
    with pytest.raises(KeyError, match=r"'no_such_column'.*fields\.csv"):
        fields.header("no_such_column")
    with pytest.raises(KeyError, match="no_such_column"):
        fields.dtype("no_such_column")
    with pytest.raises(ValueError, match="lang"):
        fields.header("task_id", "fr")


def test_table_names_resolve_option_files():
    assert fields.table_name("tasks") == "tables/tasks"
    assert fields.table_name("tables/network_measures_drop") == "tables/network_measures"
    assert fields.table_name("network/two_mode_nodes_keep") == "network/two_mode_nodes"
    assert fields.table_name("network/two_mode_nodes_expand") == "network/two_mode_nodes_expand"
    assert fields.table_name("tables/raci_matrix") is None


def test_read_csv_keeps_text_as_written_and_missing_numbers_missing(tmp_path):
    path = tmp_path / "some.csv"
    path.write_text(
        "task_id,content,end_year,open_ended,n_lead\n1.1,NA,,True,3\n1.2,,2030,False,\n", encoding="utf-8"
    )
    frame = fields.read_csv(path)
    assert frame["content"].tolist() == ["NA", ""]
    assert str(frame["end_year"].dtype) == "Int64" and frame["end_year"].isna().tolist() == [True, False]
    assert frame["open_ended"].dtype == bool
    assert str(frame["n_lead"].dtype) == "Int64"  # int64 with an empty cell: the nullable type


def _comparable(frame: pd.DataFrame) -> pd.DataFrame:
    """A graph list as read back: missing text as "", truth values in object columns as boolean."""
    frame = frame.copy()
    for column in frame.columns:
        if frame[column].dtype == object:
            frame[column] = frame[column].astype("boolean")
        elif pd.api.types.is_string_dtype(frame[column]):
            frame[column] = frame[column].fillna("")
    return frame


def _assert_reads_back(path: Path, frame: pd.DataFrame, key: str) -> None:
    back = fields.read_csv(path)
    written = frame.reset_index(drop=True)
    if key in GRAPH_LISTS:
        written = _comparable(written)
    pd.testing.assert_frame_equal(back, written, check_exact=True, obj=key)


def test_every_published_csv_reads_back_as_written(published, tmp_path):
    """Written as the build writes it, a table reads back equal, dtypes included (GRAPH_LISTS aside)."""
    for key, frame in published.items():
        if key in PIVOTS:
            continue
        _assert_reads_back(write_csv(frame, tmp_path / f"{key}.csv"), frame, key)


@pytest.mark.slow
def test_the_build_csvs_read_back_as_written(published, full_build):
    """Every CSV ``plan132 build`` writes is one of ``published`` and reads back equal."""
    files = {str(p.relative_to(full_build).with_suffix("")): p for p in full_build.rglob("*.csv")}
    assert set(files) == {k for k in published if not k.startswith(("diff/", "compare/", "track/"))}  # others
    for key, path in files.items():
        if key not in PIVOTS:
            _assert_reads_back(path, published[key], key)


def test_workbook_headers_come_from_the_registry(sheets):
    for lang, book in sheets.items():
        for sheet in book:
            if sheet.headers is not None:
                assert sheet.headers == fields.headers(sheet.frame.columns, lang), (lang, sheet.name)


# ------------------------------------------------------------------ docs


def test_docs_columns_md_is_current():
    current = (PROJECT / "docs" / "columns.md").read_text(encoding="utf-8")
    assert current == fields.markdown_doc(), "run: python -m plan132lib.fields > docs/columns.md"


def test_main_prints_the_doc():
    result = subprocess.run(
        [sys.executable, "-m", "plan132lib.fields"], capture_output=True, timeout=120, check=True
    )
    assert result.stdout.decode("utf-8") == fields.markdown_doc()


def _readme_tables() -> dict[str, list[str]]:
    """Table → the columns the README's "## The tables" section lists for it (backquoted names)."""
    text = (PROJECT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## The tables\n", 1)[1].split("\n## ", 1)[0]
    tables = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and re.fullmatch(r"`\w+`", cells[0]):
            tables[cells[0].strip("`")] = re.findall(r"`(\w+)`", cells[2])
    return tables


def test_readme_lists_registered_columns_and_every_plan_column(plan):
    listed = _readme_tables()
    assert set(listed) == set(plan.tables())
    unknown = sorted({c for columns in listed.values() for c in columns} - set(fields.FIELDS.index))
    assert not unknown, f"README lists columns fields.csv does not know: {unknown}"
    for name, frame in plan.tables().items():
        missing = [c for c in frame.columns if c not in listed[name]]
        assert not missing, f"README's {name} row lacks {missing}"


# ------------------------------------------------------------------ a malformed registry

GOOD = fields.fields_path().read_text(encoding="utf-8")
HEAD = "column,dtype,header_vi,header_en,description\n"


def _bad(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "fields.csv"
    path.write_bytes(text.encode("utf-8"))
    return path


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            HEAD + "task_id,str,Mã,Task,Id\ntask_id,str,Mã 2,Task,Id\n",
            3,
            r"'task_id' is registered twice \(first on line 2\)",
        ),
        (HEAD + "task_id,str,Mã,Task,Id\nend_year,integer,Năm,Year,Year\n", 3, "unknown dtype 'integer'"),
        (HEAD + "task_id,str,Mã,Task,Id\nend_year,Int64,,Year,Year\n", 3, "empty header_vi"),
        (HEAD + "end_year,Int64,Năm,,Year\n", 2, "empty header_en"),
        (HEAD + "task_id,str,Ma\u0303,Task,Id\n", 2, "not in Unicode NFC"),
        (HEAD + "task_id,str,Mã,Task,Id\r\n", 2, "CR line ending"),
        (HEAD + "task_id,str,Mã,Task\n", 2, "row has 4 cells; expected 5"),
        (HEAD + "Task ID,str,Mã,Task,Id\n", 2, "not a lower-case snake_case name"),
        (HEAD + 'task_id,str,Mã,Task,"two\nlines"\n', 2, "spans several lines"),
        ("column,type,header_vi,header_en,description\n", 1, "expected 'column,dtype,header_vi"),
        ("\ufeff" + HEAD, 1, "byte order mark"),
    ],
)
def test_a_malformed_fields_csv_names_the_file_and_line(tmp_path, text, line, message):
    path = _bad(tmp_path, text)
    with pytest.raises(ReferenceDataError, match=message) as caught:
        fields.load(path)
    assert caught.value.line == line
    assert str(caught.value).startswith(f"{path}, line {line}: ")


def test_not_utf8_names_the_line(tmp_path):
    path = tmp_path / "fields.csv"
    path.write_bytes(HEAD.encode() + b"task_id,str,M\xe3,Task,Id\n")  # "Mã" in Windows-1258
    with pytest.raises(ReferenceDataError, match="not UTF-8") as caught:
        fields.load(path)
    assert caught.value.line == 2


def test_a_table_listing_an_unregistered_column_names_its_line(tmp_path):
    tables = tmp_path / "table_columns.csv"
    tables.write_text(
        "table,column,dtype\ntables/tasks,task_id,\ntables/tasks,no_such_column,\n", encoding="utf-8"
    )
    with pytest.raises(
        ReferenceDataError, match="'no_such_column' of tables/tasks is not registered"
    ) as caught:
        fields.load(fields.fields_path(), tables)
    assert caught.value.line == 3 and caught.value.path == str(tables)


def test_the_bundled_registry_loads_from_a_copy(tmp_path):
    copy = _bad(tmp_path, GOOD)
    assert fields.load(copy).fields.equals(fields.FIELDS)
