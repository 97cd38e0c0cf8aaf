"""What the notebooks show (render.notebook_view): their sentences come from words.csv (``nb.*``) with the
fields each needs, and their tables read as a reader expects (headers in words, full text, left-aligned)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pandas as pd

from plan132lib import words as w
from plan132lib.pipeline.notebooks import NOTEBOOK_DIR
from plan132lib.render import notebook_view as nv

SCRIPTS = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.py"))


def sentence_calls() -> list[tuple[str, str, set[str]]]:
    """(notebook:line, nb key, fields given) for every say("…") / text("…") / plain("…") in the
    notebooks' code."""
    calls = []
    for script in SCRIPTS:
        code = "\n".join(
            "" if line.startswith("%") else line  # %matplotlib lines are comments in the .py
            for line in script.read_text(encoding="utf-8").splitlines()
        )
        for node in ast.walk(ast.parse(code)):
            if not (
                isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("say", "text", "plain")
            ):
                continue
            arg = node.args[0]
            keys = [arg.body, arg.orelse] if isinstance(arg, ast.IfExp) else [arg]
            for key in keys:
                assert isinstance(key, ast.Constant), f"{script.name}:{node.lineno}: a key not written out"
                calls.append(
                    (
                        f"{script.name}:{node.lineno}",
                        f"nb.{key.value}",
                        {k.arg for k in node.keywords if k.arg},
                    )
                )
    return calls


def test_every_sentence_a_notebook_asks_for_exists_with_its_fields():
    calls = sentence_calls()
    assert len(calls) > 40
    table = w.entries()
    missing = [f"{where}: {key}" for where, key, _ in calls if key not in table]
    assert missing == []
    for where, key, given in calls:
        needed = w.placeholders(table[key].vi)
        assert needed <= given, f"{where}: {key} needs {needed - given}"


def test_every_notebook_sentence_is_used():
    """words.csv's nb.* rows are looked up by name from the notebooks (outside the package, so
    test_words cannot see them) or by notebook_view itself."""
    used = {key for _, key, _ in sentence_calls()}
    module = Path(nv.__file__).read_text(encoding="utf-8")
    used |= {f"nb.{k}" for k in re.findall(r"text\(['\"]([\w.]+)['\"]", module)}
    used |= {k for k in re.findall(r"word\(['\"](nb\.[\w.]+)['\"]", module)}
    explore_view = (Path(nv.__file__).parent / "explore_view.py").read_text(encoding="utf-8")
    used |= set(re.findall(r"['\"](nb\.[\w.]+)['\"]", explore_view))
    rows = {key for key in w.entries() if key.startswith("nb.")}
    assert rows - used == set()


def test_a_table_reads_as_a_reader_expects(plan):
    tasks = plan.tasks[["task_id", "content", "lead_raw", "open_ended", "source_ref"]]
    page = nv.table_html(tasks, "vi", table="tables/tasks")
    assert "Nội dung thực hiện" in page and "Cơ quan chủ trì (nguyên văn)" in page
    assert "lead_raw" not in page and "open_ended" not in page
    assert ">Có<" in page and ">Không<" in page
    assert "dòng " in page and "line " not in page  # the place in the source, in Vietnamese
    longest = max(tasks["content"], key=len)
    assert len(longest) > 80 and longest.replace("&", "&amp;").replace('"', "&quot;") in page
    assert "text-align: left" in page
    assert 'class="row_heading' not in page  # no row index
    assert page == nv.table_html(tasks, "vi", table="tables/tasks")  # the same bytes every run
    english = nv.table_html(tasks, "en", table="tables/tasks")
    assert "Lead agencies (as written)" in english and ">Yes<" in english
    assert "Nội dung thực hiện" not in english


def test_numbers_and_markup_in_a_table():
    frame = pd.DataFrame(
        {"agency_name": ["Sở A <b>&</b>"], "lead_weight": [7.1667], "lead_share": [0.2471], "n_lead": [9]}
    )
    page = nv.table_html(frame, "vi")
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in page and "<b>" not in page
    assert ">7,2<" in page and ">24,7%<" in page and ">9<" in page
    assert ">7.2<" in nv.table_html(frame, "en")


def test_sentence_helpers():
    assert nv.join(["Sở A", "Sở B", "Sở C"]) == "Sở A, Sở B và Sở C"
    assert nv.join(["UBND xã, phường", "Sở B"], "en") == "UBND xã, phường and Sở B"
    assert nv.join(["UBND xã, phường", "Sở B", "Sở C"]) == "UBND xã, phường; Sở B và Sở C"
    assert nv.number(7.1667) == "7,2" and nv.number(7.1667, "en") == "7.2"
    assert nv.ids([]) == "không có" and nv.ids([], "en") == "none" and nv.ids(["1.1", "2.3"]) == "1.1, 2.3"
