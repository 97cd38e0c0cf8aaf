"""Structured references (issue 24, item 3): a Ref carries its kind and numbers, its label is the
published ``source_ref`` text, a Locale says it, and nothing outside plan132lib/refs.py splits or
parses a label back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from plan132lib.refs import Ref, first_ref, join_refs, parse_ref, parse_refs, split_refs
from plan132lib.words import Locale, place

PACKAGE = Path(__file__).resolve().parents[2] / "plan132lib"

# (the ref, its published label, said in Vietnamese)
CASES = [
    (Ref("line", line=144), "line 144", "dòng 144"),
    (Ref("row", page=3, row=4), "page 3, row 4", "trang 3, dòng 4"),
    (Ref("cell", table=2, row=5, column=3), "table 2, row 5, column 3", "bảng 2, dòng 5, cột 3"),
    (Ref("paragraph", paragraph=12), "paragraph 12", "đoạn 12"),
    (Ref("row", table=2, row=5), "table 2, row 5", "bảng 2, dòng 5"),
    (Ref("table", page=3, table=1), "page 3, table 1", "trang 3, bảng 1"),
    (Ref("line", page=2, page_line=7), "page 2, line 7", "trang 2, dòng 7"),
    (Ref("page", page=1), "page 1", "trang 1"),
    (Ref("cell", sheet="Phụ lục", cell="B7"), "Phụ lục!B7", "Phụ lục!B7"),
    (Ref("table", sheet="Phụ lục 1", cell="A3:H39"), "Phụ lục 1!A3:H39", "Phụ lục 1!A3:H39"),
]


@pytest.mark.parametrize(("ref", "label", "vi"), CASES, ids=[c[1] for c in CASES])
def test_a_ref_has_its_label_and_is_said_in_each_language(ref: Ref, label: str, vi: str) -> None:
    assert ref.label == label == str(ref)
    assert Locale("en").place(ref) == label
    assert Locale("vi").place(ref) == vi


@pytest.mark.parametrize(("ref", "label", "vi"), CASES, ids=[c[1] for c in CASES])
def test_the_one_parse_reads_a_label_back_into_the_same_ref(ref: Ref, label: str, vi: str) -> None:
    assert parse_ref(label) == ref
    assert parse_ref(ref.label).label == label  # type: ignore[union-attr]


def test_a_ref_keeps_its_box_and_the_text_line_apart_from_a_pdf_line() -> None:
    ref = Ref("line", page=2, page_line=7, bbox=(1.0, 2.0, 3.0, 4.0))
    assert ref.line is None and ref.page_line == 7 and ref.bbox == (1.0, 2.0, 3.0, 4.0)
    assert parse_ref("line 7") == Ref("line", line=7)
    with pytest.raises(ValueError, match="kind"):
        Ref("table 1, row 5")  # a label is no kind: a Ref is built from its numbers


def test_several_places_are_joined_split_and_said_in_one_place() -> None:
    refs = [Ref("row", page=3, row=9), Ref("row", page=4, row=1)]
    text = join_refs(refs)
    assert text == "page 3, row 9; page 4, row 1"
    assert split_refs(text) == ["page 3, row 9", "page 4, row 1"]
    assert first_ref(text) == "page 3, row 9" and first_ref("") == "" and split_refs(None) == []
    assert parse_refs(text) == refs
    assert Locale("vi").place(text) == Locale("vi").place(refs) == "trang 3, dòng 9; trang 4, dòng 1"
    assert Locale("vi").place(12) == "dòng 12" and place(None) == ""


def test_text_that_names_no_place_stays_as_written() -> None:
    assert parse_ref("word/document.xml") is None
    assert parse_ref("row 4, page 3") is None  # not in a label's order
    assert parse_ref("page 3, page 4") is None
    assert parse_refs("line 3; word/document.xml") == [Ref("line", line=3), "word/document.xml"]
    assert place("word/document.xml", "vi") == "word/document.xml"
    assert place("page 1", "vi") == "trang 1"  # an error's place, given as text


def test_a_plan_reads_its_rows_places_from_the_document_not_from_the_words(plan) -> None:
    task = plan.tasks.iloc[0]
    refs = plan.source_refs(task["source_ref"])
    assert refs and all(isinstance(r, Ref) for r in refs)
    assert join_refs(refs) == task["source_ref"]
    assert refs[0].line == task["source_line"]
    traced = plan.trace(task["task_id"])
    assert traced["source_ref"].tolist()[1:] == split_refs(task["source_ref"])


# ---------------------------------------------------------------- the one home

_SPLIT = re.compile(r"""\.split\(\s*["']; ["']\s*\)""")
# the old label regexes: an alternation of the part names, "(line|row|page|table|paragraph|column) (\d+)"
_OLD_REGEX = re.compile(r"""re\.compile\(.*\((?:\?:)?(page|row|line|table|paragraph|column)\|""")
_LABEL_PEEK = re.compile(r"""startswith\(\s*["'](line|page|row|table|paragraph) ["']""")


def test_no_module_but_refs_splits_or_parses_a_source_ref() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "refs.py" and path.parent == PACKAGE:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if _SPLIT.search(line) or _OLD_REGEX.search(line) or _LABEL_PEEK.search(line):
                found.append(f"{path.relative_to(PACKAGE.parent)}:{n}: {line.strip()}")
    assert found == [], "split or parse source refs through plan132lib.refs:\n" + "\n".join(found)
