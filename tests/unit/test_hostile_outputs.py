"""Outputs that cannot execute (issue 23, item 2): plan text that looks like a spreadsheet formula,
a Markdown link or an HTML tag is published as text.

One plan is made from the bundled Kế hoạch 132 by editing its appendix (as ``tests/variants.py``
edits it): lead cells ``=HYPERLINK(…)``, ``+1+1``, ``@SUM(A1)``, ``-2+3``, a phishing link
``[Bấm vào đây](https://evil.example/phish)`` leading the most tasks and ``<img src=x onerror=…>``
the next most, and a target "giảm 40%" (a value of −40).

- every CSV of the build (``--no-notebooks``) has no cell starting with ``= + - @``, a tab or a CR
  unless it is a number, and reads back (``fields.read_csv``) as the plan had it;
- the workbook's hyperlinks point only to its own sheets, and no cell is a formula;
- the notebooks' sentences escape the plan's text (:mod:`plan132lib.render.notebook_view`), and the
  executed notebooks 01 and 02 (``slow``) show no live link or tag from the plan, in the ``.ipynb``'s
  Markdown outputs and in their HTML pages.
"""

from __future__ import annotations

import csv
import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import openpyxl
import pandas as pd
import pytest

from plan132lib import fields, load_plan
from plan132lib.analysis.catalogue import _read_rows
from plan132lib.cli import main
from plan132lib.ingest.tables import bundled_plan_path
from plan132lib.pipeline.notebooks import NOTEBOOK_DIR, execute
from plan132lib.render import notebook_view as nv
from plan132lib.render.export import write_csv
from plan132lib.render.html_report import _markdown
from plan132lib.render.notebook_html import write_notebook_html

FORMULAS = {"1.1": '=HYPERLINK("http://evil.example","x")', "1.2": "+1+1", "1.3": "@SUM(A1)", "1.4": "-2+3"}
PHISH = "[Bấm vào đây](https://evil.example/phish)"
IMG = "<img src=x onerror=alert(1)>"
LEADS = {
    **FORMULAS,
    **dict.fromkeys(("2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "3.1"), PHISH),
    **dict.fromkeys(("3.2", "3.3", "3.4", "3.5", "3.6"), IMG),
}
TARGET = " Phấn đấu giảm 40% lượng rác thải chôn lấp."  # added to task 1.5: a value of -40
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PACKAGE = Path(nv.__file__).resolve().parents[1]


def hostile_text() -> str:
    """The bundled plan's text with the hostile lead cells and the -40 target."""
    rows = load_plan().tasks.set_index("task_id")["source_line"]
    lines = bundled_plan_path().read_text(encoding="utf-8").split("\n")
    for task, lead in LEADS.items():
        index = int(rows[task]) - 1
        cells = lines[index].split("\t")
        assert len(cells) == 6, f"task {task}: expected the whole row on line {index + 1}"
        cells[2] = lead
        lines[index] = "\t".join(cells)
    index = int(rows["1.5"]) - 1
    cells = lines[index].split("\t")
    cells[1] += TARGET
    lines[index] = "\t".join(cells)
    return "\n".join(lines)


@pytest.fixture(scope="module")
def hostile_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "hostile.md"
    path.write_text(hostile_text(), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def built(hostile_plan: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("built") / "out"
    # one language: the English pack is the same code with other words
    command = ["build", "--plan", str(hostile_plan), "--out", str(out), "--no-notebooks", "--lang", "vi"]
    assert main(command) == 0
    return out


def test_the_plan_reads_the_hostile_text_as_data(hostile_plan: Path) -> None:
    """The premise: each hostile lead is an agency name, the -40 a target's value."""
    plan = load_plan(hostile_plan)
    names = plan.agencies["name"].tolist()
    assert {PHISH, IMG, *[v for v in FORMULAS.values() if v != "-2+3"]} <= set(names)
    assert plan.tasks.set_index("task_id").at["1.4", "lead_raw"] == "-2+3"
    assert -40 in plan.targets["value"].tolist()


# ------------------------------------------------------------------ CSV


def test_no_csv_cell_of_the_build_starts_a_formula(built: Path) -> None:
    csvs = sorted(built.rglob("*.csv"))
    assert len(csvs) > 30
    quoted = set()
    for path in csvs:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            for record in csv.reader(fh):
                for cell in record:
                    if cell.startswith(FORMULA_START):
                        float(cell)  # only a number may start so: ValueError otherwise
                    if cell.startswith("'"):
                        quoted.add(cell)
    assert {"'" + v for v in FORMULAS.values()} <= quoted


def test_the_build_reads_back_as_the_plan_had_it(built: Path, hostile_plan: Path) -> None:
    plan = load_plan(hostile_plan)
    tasks = fields.read_csv(built / "tables" / "tasks.csv").set_index("task_id")
    for task, lead in LEADS.items():
        assert tasks.at[task, "lead_raw"] == lead
    agencies = fields.read_csv(built / "tables" / "agencies.csv")
    assert agencies["name"].tolist() == plan.agencies["name"].tolist()
    targets = fields.read_csv(built / "tables" / "targets.csv")
    assert pd.api.types.is_float_dtype(targets["value"]) and -40 in targets["value"].tolist()
    raw = (built / "tables" / "targets.csv").read_text(encoding="utf-8-sig")
    assert re.search(r",-40(\.0)?,", raw) and "'-40" not in raw  # a number, never quoted


def test_write_csv_quotes_text_and_headers_never_numbers(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {
            "=name": [*FORMULAS.values(), "'=already", "'plain", "ok", "\tx"],
            "value": [-40.0, -1.5, 0.0, 3.0, -2.0, 1.0, 2.0, 5.0],
            "n": [-40, -1, 0, 3, -2, 1, 2, 5],
        }
    )
    path = write_csv(frame, tmp_path / "x.csv")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["'=name", "value", "n"]
    assert [r[0] for r in rows[1:]] == ["'" + v for v in FORMULAS.values()] + [
        "''=already",
        "'plain",
        "ok",
        "'\tx",
    ]
    assert fields.csv_cell("\rx") == "'\rx" and fields.csv_text("'\rx") == "\rx"
    assert fields.csv_cell(-40) == -40 and fields.csv_cell(-1.5) == -1.5
    assert [r[2] for r in rows[1:]] == [str(n) for n in frame["n"]]
    back = pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False)
    assert back["value"].tolist() == frame["value"].tolist() and back["n"].tolist() == frame["n"].tolist()
    records = _read_rows(path, {"=name": "str"}, "test")  # the catalogue, crosswalk, agency-name reader
    assert [row["=name"] for _, row in records] == [v.strip() for v in frame["=name"]]  # it trims cells


def test_every_csv_is_written_through_write_csv() -> None:
    """One home: no module but render/export writes a CSV file itself."""
    writers = [
        f"{p.relative_to(PACKAGE)}:{n}"
        for p in sorted(PACKAGE.rglob("*.py"))
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\.to_csv\((?!\))|csv\.writer|DictWriter", line)
    ]
    assert writers and all(w.startswith("render/export.py:") for w in writers), writers


# ------------------------------------------------------------------ workbook


def test_the_workbooks_link_only_to_their_own_sheets(built: Path) -> None:
    for name in ("plan132_workbook.xlsx", "agency_names.xlsx"):
        book = openpyxl.load_workbook(built / name)
        sheets = set(book.sheetnames)
        links = 0
        for ws in book.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (name, ws.title, cell.coordinate)
                    if cell.hyperlink is not None:
                        links += 1
                        assert not cell.hyperlink.target, (name, ws.title, cell.coordinate)
                        sheet = cell.hyperlink.location.rsplit("!", 1)[0]
                        assert sheet.strip("'").replace("''", "'") in sheets
        assert links or name == "agency_names.xlsx"


# ------------------------------------------------------------------ notebooks


def live(markdown: str) -> list[str]:
    """Links and tags from the plan in Markdown rendered as the HTML pages render it."""
    page = _markdown(markdown)
    found = Found()
    found.feed(page)
    return found.hostile


class Found(HTMLParser):
    """Every ``<a href>`` to evil.example and every ``<img>`` / ``onerror`` attribute of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.hostile: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and "evil" in (values.get("href") or ""):
            self.hostile.append(f"a href={values['href']}")
        if tag == "img" and not (values.get("src") or "").startswith("data:"):
            self.hostile.append(f"img src={values.get('src')}")
        if "onerror" in values:
            self.hostile.append(f"{tag} onerror")


def test_sentences_escape_the_plan_text() -> None:
    sentence = nv.text(
        "01.summary",
        "en",
        citation=PHISH,
        file=IMG,
        implements=nv.text("01.implements_none", "en"),
        n_tasks=1,
        n_groups=1,
        n_assignments=1,
        n_lead=1,
        n_coordinate=0,
        n_agencies=2,
        n_all=2,
        n_items=1,
        n_duties=1,
        section=IMG,
    )
    assert isinstance(sentence, nv.Md) and "<img" not in sentence and live(sentence) == []
    assert sentence.startswith("**")  # the sentence's own Markdown stays
    page = _markdown(sentence)
    assert "Bấm vào đây" in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    leaders = nv.join([nv.bold(PHISH), nv.bold(IMG)], "en")
    assert (
        live(
            nv.text(
                "03.pair", "en", u=PHISH, v=IMG, weight=2, tasks=nv.join(["1", "2"], "en"), lead_coordinate=1
            )
        )
        == []
    )
    assert "<strong>" in _markdown(leaders)
    assert live(nv.join([PHISH, IMG], "vi")) == [] and live(nv.ids([PHISH])) == []
    assert live(nv.md(f"{PHISH} {IMG}")) == []
    assert nv.plain("01.trace", "en", task=PHISH, place="x") == f"Task {PHISH} in the source (x)"


def test_a_table_caption_is_text() -> None:
    html = nv.table_html(pd.DataFrame({"a": [1]}), caption=IMG)
    found = Found()
    found.feed(html)
    assert found.hostile == [] and "&lt;img" in html


@pytest.mark.slow
# 01: the sentences every notebook shares; 02: its own bold names and lists
@pytest.mark.parametrize("notebook", ["01_plan_tables", "02_responsibility"])
def test_executed_notebooks_show_no_live_link_or_tag(
    notebook: str, hostile_plan: Path, tmp_path: Path
) -> None:
    executed = execute(NOTEBOOK_DIR / f"{notebook}.ipynb", tmp_path, {"PLAN": str(hostile_plan)})
    nb = nbformat.read(executed, as_version=4)
    markdown = [
        out["data"]["text/markdown"]
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
        if "text/markdown" in out.get("data", {})
    ]
    shown = "\n".join(markdown)
    assert "Bấm vào đây" in shown  # the plan's text is there, as text
    assert "<img" not in shown and not re.search(r"(?<!\\)\]\(https://evil", shown)
    assert all(live(m) == [] for m in markdown)
    page = write_notebook_html(executed)
    found = Found()
    found.feed(page.read_text(encoding="utf-8"))
    assert found.hostile == []
