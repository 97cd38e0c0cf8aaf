"""Hostile text (issue 7, item 3) travels through every export and reads back unchanged.

One plan is built from the bundled Kế hoạch 132 by editing its text: task contents that begin
with ``=``, ``+``, ``-``, ``@`` or hold ``<script>`` and Markdown marks, and two unknown agencies
with such names in a lead and a coordinating cell. The edited tasks are made due by 2027 so
that the briefing shows their text. Each export is read back with an ordinary reader:

- CSV: pandas and the ``csv`` module give the text with a leading ``'`` where it would start a
  formula (issue 23; ``fields.csv_cell``), and nothing else changed; ``fields.read_csv`` gives the
  exact text;
- XLSX: openpyxl gives a string cell (never a formula) holding the text; no formula anywhere;
- GraphML / GEXF: networkx gives every attribute back; the files hold no literal ``<script>``;
- HTML: the real briefing notebook, executed and turned into the report, holds no ``<script``
  and no markup from the document; its visible text shows the hostile text as written;
- Markdown: ``briefing.md_escape`` rendered as the report renders Markdown reads back as written.
"""

from __future__ import annotations

import csv
import re
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import openpyxl
import pandas as pd
import pytest
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from plan132lib import fields, load_plan
from plan132lib.analysis import coverage, network
from plan132lib.analysis.workload import COLLECTIVE_OPTIONS
from plan132lib.ingest.tables import Plan, bundled_plan_path
from plan132lib.pipeline.notebooks import BRIEFING, NOTEBOOK_DIR, execute
from plan132lib.render import briefing
from plan132lib.render.export import write_tables, write_workbook_for
from plan132lib.render.graph_files import write_gexf, write_graphml
from plan132lib.render.html_report import _markdown, write_html_report

PROJECT = Path(__file__).resolve().parents[2]
CROSSWALK = PROJECT / "data" / "reference" / "crosswalk_plan132.csv"
DUE = "2027"  # the timeline given to every edited task, so that the briefing lists it


@dataclass(frozen=True)
class Hostile:
    """A hostile text and where it goes: the start of a task's content, or an agency cell."""

    key: str
    text: str
    task_id: str
    role: str | None = None  # None: the task's content; "lead" / "coordinate": an agency named there

    @property
    def is_agency(self) -> bool:
        return self.role is not None


CASES = [
    Hostile("equals", "=SUM(A1:A9)", "2.2"),
    Hostile("plus", "+1+1", "1.2"),
    Hostile("minus", "-2+3", "1.3"),
    Hostile("at", "@cmd|' /C calc'!A0", "1.4"),
    Hostile("script", '<script>alert("x")</script> & "quotes" \'single\'', "1.1"),
    Hostile(
        "markup", '<img src=x onerror="alert(1)"> ~~gạch~~ *nghiêng* `mã` [bấm](javascript:alert(1))', "1.5"
    ),
    Hostile("lead_agency", "=Sở Giả mạo", "2.2", "lead"),
    Hostile("coordinating_agency", '+Ban <script>alert(2)</script> "Giả" & Cộng sự', "2.2", "coordinate"),
]
CELL = {"lead": 2, "coordinate": 3}  # appendix columns: TT | content | lead | coordinate | timeline | note
TIMELINE = 4


def by_key(cases: list[Hostile]) -> dict[str, object]:
    return {"argvalues": cases, "ids": [case.key for case in cases]}


# ------------------------------------------------------------------ the hostile plan


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Plan]:
    """The bundled plan with every hostile text placed, written to a file and parsed."""
    original = load_plan()
    rows = original.tasks.set_index("task_id")["source_line"]
    lines = bundled_plan_path().read_text(encoding="utf-8").split("\n")
    for case in CASES:
        index = int(rows[case.task_id]) - 1
        cells = lines[index].split("\t")
        assert len(cells) == 6, f"task {case.task_id}: expected the whole row on line {index + 1}"
        if case.is_agency:
            cells[CELL[case.role]] += f", {case.text}"
        else:
            cells[1] = f"{case.text} {cells[1]}"
        cells[TIMELINE] = DUE
        lines[index] = "\t".join(cells)
    path = tmp_path_factory.mktemp("hostile") / "hostile.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path, load_plan(path)


@pytest.fixture(scope="module")
def plan(hostile: tuple[Path, Plan]) -> Plan:
    return hostile[1]


def content(plan: Plan, task_id: str) -> str:
    return str(plan.tasks.set_index("task_id").at[task_id, "content"])


@pytest.mark.parametrize("case", **by_key(CASES))
def test_the_plan_keeps_the_text_as_written(plan: Plan, case: Hostile) -> None:
    """The parser keeps each hostile text as data (the premise of every check below)."""
    if case.is_agency:
        a = plan.assignments
        row = a[(a["task_id"] == case.task_id) & (a["role"] == case.role) & (a["raw_name"] == case.text)]
        assert len(row) == 1
        assert row.iloc[0]["agency_name"] == case.text and not row.iloc[0]["known"]
        assert case.text in plan.agencies["name"].tolist()
    else:
        assert content(plan, case.task_id).startswith(case.text + " ")


# ------------------------------------------------------------------ CSV


@pytest.fixture(scope="module")
def csv_folder(plan: Plan, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("csv")
    write_tables(plan.tables(), folder)
    return folder


def read_both(path: Path) -> tuple[pd.DataFrame, list[dict[str, str]]]:
    """A CSV file read by pandas (text as text) and by the csv module."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    with path.open(encoding="utf-8-sig", newline="") as fh:  # published CSVs start with a BOM
        return frame, list(csv.DictReader(fh))


@pytest.mark.parametrize("case", **by_key(CASES))
def test_csv_reads_back_exactly(plan: Plan, csv_folder: Path, case: Hostile) -> None:
    if case.is_agency:
        frame, rows = read_both(csv_folder / "assignments.csv")
        published = fields.csv_cell(case.text)  # "=Sở Giả mạo" is written "'=Sở Giả mạo"
        mask = (
            (frame["task_id"] == case.task_id)
            & (frame["role"] == case.role)
            & (frame["raw_name"] == published)
        )
        assert mask.sum() == 1 and frame.loc[mask, "agency_name"].tolist() == [published]
        assert [r["agency_name"] for r in rows if r["raw_name"] == published] == [published]
        agencies, agency_rows = read_both(csv_folder / "agencies.csv")
        assert published in agencies["name"].tolist() and published in [r["name"] for r in agency_rows]
        assert case.text in fields.read_csv(csv_folder / "agencies.csv", "tables/agencies")["name"].tolist()
    else:
        expected = content(plan, case.task_id)
        frame, rows = read_both(csv_folder / "tasks.csv")
        assert frame.set_index("task_id").at[case.task_id, "content"] == fields.csv_cell(expected)
        assert {r["task_id"]: r["content"] for r in rows}[case.task_id] == fields.csv_cell(expected)
        back = fields.read_csv(csv_folder / "tasks.csv", "tables/tasks").set_index("task_id")
        assert back.at[case.task_id, "content"] == expected


def test_csv_every_text_column_reads_back(plan: Plan, csv_folder: Path) -> None:
    """Not only the edited cells: every text column of every table comes back as written, a text
    that would start a formula with a leading "'" (an ordinary reader) or without (``read_csv``)."""
    for name, table in plan.tables().items():
        frame, rows = read_both(csv_folder / f"{name}.csv")
        back = fields.read_csv(csv_folder / f"{name}.csv", f"tables/{name}")
        for column in table.columns:
            values = table[column].tolist()
            if values and all(isinstance(v, str) for v in values):
                published = [fields.csv_cell(v) for v in values]
                assert frame[column].tolist() == published, (name, column)
                assert [r[column] for r in rows] == published, (name, column)
                assert back[column].tolist() == values, (name, column)


# ------------------------------------------------------------------ XLSX


@pytest.fixture(scope="module")
def review(plan: Plan) -> coverage.Review:
    """The bundled crosswalk still fits: the edits only prefix task texts and add agencies."""
    result = coverage.review_for(plan, CROSSWALK)
    assert result is not None
    return result


@pytest.fixture(scope="module")
def workbooks(
    plan: Plan, review: coverage.Review, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, tuple[Path, Workbook]]:
    """The workbook in both languages (coverage sheets included): its file and what openpyxl reads."""
    folder = tmp_path_factory.mktemp("xlsx")
    books = {}
    for lang in ("vi", "en"):
        path = folder / f"plan_{lang}.xlsx"
        write_workbook_for(plan, path, lang, review=review)
        books[lang] = (path, openpyxl.load_workbook(path))
    return books


def column(ws: Worksheet, header: str) -> int:
    return [c.value for c in ws[1]].index(header) + 1


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("case", **by_key(CASES))
def test_xlsx_holds_text_cells(plan: Plan, workbooks: dict, lang: str, case: Hostile) -> None:
    _, book = workbooks[lang]
    vi = lang == "vi"
    if case.is_agency:
        ws = book["Phân công" if vi else "Assignments"]
        name_col = column(ws, "Tên cơ quan" if vi else "Agency (Vietnamese)")
        raw_col = column(ws, "Tên như trong văn bản" if vi else "Raw name")
        cells = [
            (row[name_col - 1], row[raw_col - 1])
            for row in ws.iter_rows(min_row=2)
            if row[raw_col - 1].value == case.text
        ]
        assert len(cells) == 1
        expected = case.text
    else:
        ws = book["Nhiệm vụ" if vi else "Tasks"]
        id_col = column(ws, "Mã nhiệm vụ" if vi else "Task")
        text_col = column(ws, "Nội dung thực hiện" if vi else "Task content (Vietnamese)")
        cells = [
            (row[text_col - 1],) for row in ws.iter_rows(min_row=2) if row[id_col - 1].value == case.task_id
        ]
        assert len(cells) == 1
        expected = content(plan, case.task_id)
    for cell in cells[0]:
        assert cell.data_type == "s" and cell.value == expected
    # wherever else the text shows (RACI, workload, network sheets …) it is a string cell
    shown = [
        cell
        for ws in book
        for row in ws.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and case.text in cell.value
    ]
    assert shown and all(cell.data_type == "s" for cell in shown)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_xlsx_has_no_formula_anywhere(workbooks: dict, lang: str) -> None:
    path, book = workbooks[lang]
    formulas = [
        (ws.title, cell.coordinate)
        for ws in book
        for row in ws.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]
    assert formulas == []
    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
        assert sheets
        for name in sheets:
            assert not re.search(rb"<f[ >/]", archive.read(name)), name


# ------------------------------------------------------------------ GraphML and GEXF

GRAPHS = [(kind, option) for kind in ("two_mode", "agencies") for option in COLLECTIVE_OPTIONS]
FORMATS = {"graphml": nx.read_graphml, "gexf": nx.read_gexf}


@pytest.fixture(scope="module")
def graphs(plan: Plan, tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], dict]:
    """Each graph, its files and what networkx reads back from them."""
    folder = tmp_path_factory.mktemp("graphs")
    out = {}
    for kind, option in GRAPHS:
        g = network.two_mode_graph(plan, option) if kind == "two_mode" else network.projection(plan, option)
        files = {
            "graphml": write_graphml(g, folder / f"{kind}_{option}.graphml"),
            "gexf": write_gexf(g, folder / f"{kind}_{option}.gexf", "2026-04-16"),
        }
        out[kind, option] = {
            "graph": g,
            "files": files,
            "read": {fmt: FORMATS[fmt](path) for fmt, path in files.items()},
        }
    return out


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize(("kind", "option"), GRAPHS)
def test_graph_files_give_every_attribute_back(graphs: dict, kind: str, option: str, fmt: str) -> None:
    entry = graphs[kind, option]
    g, back = entry["graph"], entry["read"][fmt]
    raw = entry["files"][fmt].read_text(encoding="utf-8")
    assert "<script" not in raw.lower() and "&lt;script&gt;" in raw  # there, but escaped
    assert set(back.nodes) == set(g.nodes)
    for node, data in g.nodes(data=True):
        assert {k: back.nodes[node].get(k) for k in data} == data, node
    assert {frozenset(e) for e in back.edges} == {frozenset(e) for e in g.edges}
    for u, v, data in g.edges(data=True):
        assert {k: back.edges[u, v].get(k) for k in data} == data, (u, v)


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("option", COLLECTIVE_OPTIONS)
@pytest.mark.parametrize("case", **by_key(CASES))
def test_graph_files_carry_the_hostile_text(
    plan: Plan, graphs: dict, option: str, fmt: str, case: Hostile
) -> None:
    back = graphs["two_mode", option]["read"][fmt]
    if case.is_agency:
        agency = plan.agencies.set_index("name").at[case.text, "agency_id"]
        assert back.nodes[agency]["agency_name"] == case.text
        assert back.nodes[agency]["label"] == case.text
        assert back.edges[agency, case.task_id]["raw_name"] == case.text
        assert back.edges[agency, case.task_id]["role"] == case.role
        assert graphs["agencies", option]["read"][fmt].nodes[agency]["agency_name"] == case.text
    else:
        assert back.nodes[case.task_id]["content"] == content(plan, case.task_id)


# ------------------------------------------------------------------ HTML report


class PageText(HTMLParser):
    """The visible text of a page (head left out), each list item's text, and every tag's attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.items: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._skip = 0
        self._item: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("head", "style", "script"):
            self._skip += 1
        if tag == "li":
            self._item = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("head", "style", "script"):
            self._skip -= 1
        if tag == "li" and self._item is not None:
            self.items.append("".join(self._item))
            self._item = None

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)
            if self._item is not None:
                self._item.append(data)

    @property
    def text(self) -> str:
        return "".join(self.parts)


@pytest.fixture(scope="module")
def report(
    hostile: tuple[Path, Plan], review: coverage.Review, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, PageText]:
    """The real briefing notebook run on the hostile plan, as the HTML report."""
    path, _ = hostile
    folder = tmp_path_factory.mktemp("report")
    parameters = {"PLAN": path, "CROSSWALK": CROSSWALK, "LANG": "vi"}
    executed = execute(NOTEBOOK_DIR / BRIEFING, folder / "notebooks", parameters)
    page = write_html_report(executed, folder / "report.html").read_text(encoding="utf-8")
    parsed = PageText()
    parsed.feed(page)
    parsed.close()
    return page, parsed


@pytest.mark.slow
def test_report_runs_nothing(report: tuple[str, PageText]) -> None:
    page, parsed = report
    assert "<script" not in page.lower()
    tags = {tag for tag, _ in parsed.tags}
    assert not tags & {"script", "iframe", "object", "embed", "form", "a", "del", "code", "base"}
    for tag, attrs in parsed.tags:
        assert not [name for name in attrs if name.startswith("on")], tag
        if tag == "img":
            assert str(attrs["src"]).startswith("data:image/png;base64,")
    assert parsed.text.count("\n") > 10  # the page is not empty


@pytest.mark.parametrize("case", **by_key(CASES))
@pytest.mark.slow
def test_report_shows_the_text_as_written(plan: Plan, report: tuple[str, PageText], case: Hostile) -> None:
    page, parsed = report
    escaped = case.text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if "<" in case.text:
        assert case.text not in page and escaped.replace('"', "&quot;") in page
    if case.is_agency:  # named among the agencies with appendix tasks but no Section IV item
        item = next(i for i in parsed.items if "Mục IV không nêu trách nhiệm" in i)
        assert re.search(rf"[:;,] “?{re.escape(case.text)}”?[;,.]", item)
    else:  # listed among the tasks due first, its text clipped to briefing.CLIP characters
        item = next(i for i in parsed.items if i.startswith(f"Nhiệm vụ {case.task_id} ({DUE}): "))
        shown = item.removeprefix(f"Nhiệm vụ {case.task_id} ({DUE}): ")
        assert shown.startswith(case.text + " ")
        assert content(plan, case.task_id).startswith(shown.removesuffix(" …"))


# ------------------------------------------------------------------ Markdown (the briefing)

MARKDOWN_CASES = {
    **{case.key: case.text for case in CASES},
    "dash_list_item": "- Sở Giả mạo",  # a list item at the start of a line
    "plus_list_item": "+ 1+1",
    "ordered_list_item": "1. Sở Giả mạo",
    "ordered_list_item_paren": "2) Sở Giả mạo",
    "thematic_break": "---",
    "equals_signs": "=== tiêu đề",
    "strikethrough": "~~gạch bỏ~~",  # struck out by the report's strikethrough plugin
    "tilde_fence": "~~~",  # a fenced code block
    "entities": "&amp; &#60; &lt;",  # entity references stay text
    "backslashes": "a\\b \\* \\_ \\` \\[x\\]",
    "links": "[bấm](javascript:alert(1)) ![ảnh](x.png) <http://example.com>",
}


@pytest.mark.parametrize("text", list(MARKDOWN_CASES.values()), ids=list(MARKDOWN_CASES))
@pytest.mark.parametrize("where", ["alone", "sentence", "list_item"])
def test_md_escape_reads_back_as_written(text: str, where: str) -> None:
    """Escaped text reads back as written: alone (at the start of a line), in a sentence, in a list item."""
    template = {"alone": "{}", "sentence": "Cơ quan: {}.", "list_item": "- 1.1 (2027): {}"}[where]
    expected = template.removeprefix("- ").format(text)  # a list item shows without its "- "
    parsed = PageText()
    parsed.feed(_markdown(template.format(briefing.md_escape(text))))
    parsed.close()
    assert parsed.text.strip() == expected
    assert {tag for tag, _ in parsed.tags} <= {"p", "ul", "li"}


def test_task_ids_stay_readable_in_the_markdown_source() -> None:
    """A task id or a number is not a list marker: the briefing's Markdown keeps it as it is."""
    assert briefing.md_escape("2.2") == "2.2"
    assert briefing.md_escape("2026 - 2030") == "2026 - 2030"
