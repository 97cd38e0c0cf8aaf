"""Property-based tests: mutations of the bundled plan through :func:`load_plan`.

- Any mutation (lines deleted, copied, swapped or inserted, tabs removed or
  added, characters replaced, control or invisible characters inserted, task
  numbers changed, the file cut at any byte) gives a :class:`Plan` or a
  :class:`PlanParseError` naming the file and a line within it — never another
  exception, never a hang.
- Mutations that keep the content (spaces at the ends of lines, CRLF/CR line
  endings, a BOM, NFD, no-break spaces, zero-width characters, longer runs of
  blank lines) give the same tables; where blank lines were added, the
  source-line columns move by exactly the lines added before them.

The settings are in :data:`FUZZ`: few examples, derandomised (the same examples
on every run), no example database. For a deeper local run set
``PLAN132_FUZZ_EXAMPLES`` (e.g. 2000).
"""

from __future__ import annotations

import os
import re
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from plan132lib import Plan, PlanParseError, load_plan
from plan132lib.ingest.source import to_source_line
from plan132lib.ingest.tables import (
    AGENCY_COLUMNS,
    ASSIGNMENT_COLUMNS,
    DUTY_AGENCY_COLUMNS,
    DUTY_COLUMNS,
    GROUP_COLUMNS,
    META_COLUMNS,
    OBJECTIVE_COLUMNS,
    OBJECTIVE_TARGET_COLUMNS,
    SECTION_COLUMNS,
    TARGET_COLUMNS,
    TASK_COLUMNS,
)
from plan132lib.paths import BUNDLED_PLAN

FUZZ = settings(
    max_examples=int(os.environ.get("PLAN132_FUZZ_EXAMPLES", "60")),
    deadline=2000,  # ms per example; the bundled plan loads in ~20 ms
    derandomize=True,
    database=None,
    print_blob=False,
    suppress_health_check=[HealthCheck.too_slow],
)
TIME_LIMIT = 2.0  # seconds per load, measured by the tests themselves as well

PLAN_TEXT = BUNDLED_PLAN.read_text(encoding="utf-8")
PLAN_LINES = PLAN_TEXT.split("\n")  # PLAN_LINES[i] is line i + 1
TABLE_START = next(i for i, s in enumerate(PLAN_LINES) if s.startswith("TT\t"))
TASK_ROWS = [i for i, s in enumerate(PLAN_LINES) if re.match(r"\d+\t", s)]
BLANK_LINES = [i for i, s in enumerate(PLAN_LINES) if not s.strip()]

COLUMNS = {
    "meta": META_COLUMNS,
    "groups": GROUP_COLUMNS,
    "tasks": TASK_COLUMNS,
    "assignments": ASSIGNMENT_COLUMNS,
    "agencies": AGENCY_COLUMNS,
    "duties": DUTY_COLUMNS,
    "duty_agencies": DUTY_AGENCY_COLUMNS,
    "targets": TARGET_COLUMNS,
    "sections": SECTION_COLUMNS,
    "objectives": OBJECTIVE_COLUMNS,
    "objective_targets": OBJECTIVE_TARGET_COLUMNS,
}
#: Columns that hold line numbers of the plan file ("source_lines" is "n;n;…").
LINE_COLUMNS = {"source_line", "source_lines", "group_source_line", "source_line_end", "heading_line"}
#: The place a person follows ("line 144", "line 175; line 178").
REF_COLUMN = "source_ref"

VIET = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạầấẩẫậằắẳẵặèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
ALPHABET = VIET + VIET.upper() + " \t0123456789|.,;:-()%/#*<>"
CONTROLS = [chr(c) for c in (*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F, *range(0x80, 0xA0))]
INVISIBLES = "\u200b\u200c\u200d\u2060\ufeff\u00ad"  # removed by the parser
ODD_SPACES = "\u00a0\u202f\u2007\u3000"  # made plain spaces by the parser


@dataclass(frozen=True)
class Mutant:
    """A mutated plan file: the steps (shown when a test fails) and the bytes."""

    steps: tuple[str, ...]
    data: bytes = field(repr=False)
    inserted: tuple[tuple[int, int], ...] = ()  # (after original line n, k lines) for blank runs

    def shift(self, n: int) -> int:
        """Where original line ``n`` is in the mutant."""
        return n + sum(k for after, k in self.inserted if after < n)


def n_lines(data: bytes) -> int:
    text = data.decode("utf-8", errors="replace")
    return len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


# ------------------------------------------------------------------ strategies


def _line(draw, lines: list[str]) -> int:
    """A line index, the appendix table drawn as often as the rest of the file."""
    last = len(lines) - 1
    return draw(st.one_of(st.integers(0, last), st.integers(min(TABLE_START, last), last)))


def _position(draw, text: str) -> int:
    return draw(st.integers(0, len(text)))


def _step(draw, lines: list[str]) -> str:
    """Apply one random mutation to ``lines`` in place; describe it (1-based line numbers)."""
    kind = draw(
        st.sampled_from(
            [
                "delete line",
                "duplicate line",
                "swap lines",
                "insert line",
                "delete tab",
                "insert tab",
                "replace character",
                "insert control character",
                "insert invisible character",
                "change task number",
            ]
        )
    )
    i = _line(draw, lines)
    if kind == "delete line" and len(lines) > 1:
        return f"delete line {i + 1}: {lines.pop(i)!r}"
    if kind == "duplicate line":
        lines.insert(i, lines[i])
        return f"duplicate line {i + 1}"
    if kind == "swap lines":
        j = _line(draw, lines)
        lines[i], lines[j] = lines[j], lines[i]
        return f"swap lines {i + 1} and {j + 1}"
    if kind == "insert line":
        text = draw(st.text(alphabet=ALPHABET, max_size=80))
        lines.insert(i, text)
        return f"insert line {i + 1}: {text!r}"
    if kind == "delete tab":
        with_tabs = [n for n, s in enumerate(lines) if "\t" in s]
        if with_tabs:
            i = draw(st.sampled_from(with_tabs))
            tabs = [p for p, c in enumerate(lines[i]) if c == "\t"]
            p = draw(st.sampled_from(tabs))
            lines[i] = lines[i][:p] + lines[i][p + 1 :]
            return f"delete tab {tabs.index(p) + 1} of line {i + 1}"
    if kind == "insert tab":
        p = _position(draw, lines[i])
        lines[i] = lines[i][:p] + "\t" + lines[i][p:]
        return f"insert a tab in line {i + 1} at {p}"
    if kind == "replace character" and lines[i]:
        p = draw(st.integers(0, len(lines[i]) - 1))
        ch = draw(st.sampled_from(ALPHABET))
        lines[i] = lines[i][:p] + ch + lines[i][p + 1 :]
        return f"replace character {p} of line {i + 1} by {ch!r}"
    if kind in ("insert control character", "insert invisible character"):
        ch = draw(st.sampled_from(CONTROLS if kind == "insert control character" else list(INVISIBLES)))
        p = _position(draw, lines[i])
        lines[i] = lines[i][:p] + ch + lines[i][p:]
        return f"insert {ch!r} in line {i + 1} at {p}"
    if kind == "change task number":
        rows = [n for n, s in enumerate(lines) if re.match(r"\d+\t", s)]
        if rows:
            i = draw(st.sampled_from(rows))
            new = draw(
                st.one_of(
                    st.integers(0, 40).map(str), st.sampled_from(["01", "1.", "¹", "２", "I", "a", "", " 3 "])
                )
            )
            old, rest = lines[i].split("\t", 1)
            lines[i] = f"{new}\t{rest}"
            return f"task number {old!r} of line {i + 1} becomes {new!r}"
    return f"(no-op {kind})"


@st.composite
def mutants(draw) -> Mutant:
    lines = PLAN_LINES[:]
    steps = [_step(draw, lines) for _ in range(draw(st.integers(1, 3)))]
    data = "\n".join(lines).encode("utf-8")
    if draw(st.sampled_from([False, False, False, True])):
        cut = draw(st.integers(0, len(data)))
        data = data[:cut]
        steps.append(f"truncate at byte {cut} (line {n_lines(data)})")
    return Mutant(tuple(steps), data)


@st.composite
def preserving_mutants(draw) -> Mutant:
    """Mutations that leave every table unchanged (line numbers shift with inserted blank lines)."""
    lines = PLAN_LINES[:]
    steps = []
    some_lines = st.lists(st.integers(0, len(lines) - 1), max_size=25, unique=True)
    chosen = draw(some_lines)
    for i in chosen:
        lines[i] = unicodedata.normalize("NFD", lines[i])
    steps.append(f"NFD on lines {sorted(i + 1 for i in chosen)}")
    for i in draw(some_lines):
        spaces = [p for p, c in enumerate(lines[i]) if c == " "]
        if spaces:
            p, space = draw(st.sampled_from(spaces)), draw(st.sampled_from(ODD_SPACES))
            lines[i] = lines[i][:p] + space + lines[i][p + 1 :]
            steps.append(f"{space!r} for the space at {p} of line {i + 1}")
    for i, ch in draw(
        st.lists(st.tuples(st.integers(0, len(lines) - 1), st.sampled_from(INVISIBLES)), max_size=25)
    ):
        p = _position(draw, lines[i])
        lines[i] = lines[i][:p] + ch + lines[i][p:]
        steps.append(f"insert {ch!r} in line {i + 1} at {p}")
    chosen = draw(some_lines)
    for i in chosen:
        lines[i] += draw(st.sampled_from([" ", "   ", *ODD_SPACES]))
    steps.append(f"spaces after lines {sorted(i + 1 for i in chosen)}")
    chosen = draw(some_lines)
    for i in chosen:
        lines[i] = draw(st.sampled_from([" ", "  ", "   "])) + lines[i]
    steps.append(f"spaces before lines {sorted(i + 1 for i in chosen)}")
    inserted = []
    for i in sorted(draw(st.lists(st.sampled_from(BLANK_LINES), max_size=6, unique=True)), reverse=True):
        extra = draw(st.lists(st.sampled_from(["", " ", "\t", "\u00a0", "\t\t "]), min_size=1, max_size=3))
        lines[i + 1 : i + 1] = extra
        inserted.append((i + 1, len(extra)))
        steps.append(f"{len(extra)} more blank line(s) after line {i + 1}")
    endings = draw(st.sampled_from(["LF", "CRLF", "CR", "mixed"]))
    if endings == "mixed":
        ends = draw(st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=len(lines), max_size=len(lines)))
        for k in range(1, len(lines) - 1):  # CR, empty line, LF would read as one CRLF
            if ends[k - 1] == "\r" and not lines[k] and ends[k] == "\n":
                ends[k] = "\r\n"
        text = "".join(s + e for s, e in zip(lines[:-1], ends, strict=False)) + lines[-1]
    else:
        text = {"LF": "\n", "CRLF": "\r\n", "CR": "\r"}[endings].join(lines)
    steps.append(f"{endings} line endings")
    if draw(st.booleans()):
        text = "\ufeff" + text
        steps.append("BOM")
    return Mutant(tuple(steps), text.encode("utf-8"), tuple(inserted))


# ------------------------------------------------------------------ fixtures and checks


@pytest.fixture(scope="module")
def fuzz_file(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz") / "mutant.md"


@pytest.fixture(scope="module")
def original(registry) -> dict[str, pd.DataFrame]:
    return load_plan(BUNDLED_PLAN, registry).tables()


def load(mutant: Mutant, path: Path, registry) -> Plan | PlanParseError:
    """Load the mutant: a Plan or the PlanParseError; anything else fails the test."""
    path.write_bytes(mutant.data)
    start = time.perf_counter()
    try:
        result: Plan | PlanParseError = load_plan(path, registry)
    except PlanParseError as error:
        result = error
    except Exception as exc:
        pytest.fail(f"{type(exc).__name__} instead of PlanParseError: {exc}\nmutation: {mutant.steps}")
    elapsed = time.perf_counter() - start
    assert elapsed < TIME_LIMIT, f"load took {elapsed:.1f} s\nmutation: {mutant.steps}"
    return result


def check_error(error: PlanParseError, path: Path, data: bytes, mutant: Mutant) -> None:
    message = str(error)
    assert error.path == str(path), mutant.steps
    assert message.startswith(f"{path}"), (message, mutant.steps)
    if error.line is not None:
        assert message.startswith(f"{path}, line {error.line}: "), (message, mutant.steps)
        assert 1 <= error.line <= n_lines(data), (message, mutant.steps)


def check_plan(plan: Plan, data: bytes, mutant: Mutant) -> None:
    """The contract's columns, and every line number points into the file."""
    count = n_lines(data)
    for name, table in plan.tables().items():
        assert list(table.columns) == COLUMNS[name], name
        for column in LINE_COLUMNS & set(table.columns):
            values = table[column].dropna().astype(str).str.split(";").explode().dropna()
            numbers = values.astype(int)
            assert numbers.between(1, count).all(), (name, column, mutant.steps)
        if REF_COLUMN in table.columns:
            refs = table[REF_COLUMN].str.findall(r"line (\d+)").explode().dropna().astype(int)
            assert refs.between(1, count).all(), (name, REF_COLUMN, mutant.steps)
    for task in plan.tasks.itertuples():
        first_cell = to_source_line(0, plan.line(task.source_line)).text.split("\t")[0].rstrip(".")
        assert int(first_cell) == task.number, (task.task_id, mutant.steps)


def with_shifted_lines(tables: dict[str, pd.DataFrame], mutant: Mutant) -> dict[str, pd.DataFrame]:
    """The original tables with every line number moved as the mutant's blank lines moved it."""
    out = {}
    for name, table in tables.items():
        table = table.copy()
        for column in LINE_COLUMNS & set(table.columns):
            if column == "source_lines":
                moved = [";".join(str(mutant.shift(int(n))) for n in v.split(";")) for v in table[column]]
            else:
                moved = [v if pd.isna(v) else mutant.shift(int(v)) for v in table[column]]
            table[column] = pd.Series(moved, index=table.index, dtype=table[column].dtype)
        if REF_COLUMN in table.columns:
            table[REF_COLUMN] = table[REF_COLUMN].str.replace(
                r"line (\d+)", lambda m: f"line {mutant.shift(int(m.group(1)))}", regex=True
            )
        out[name] = table
    return out


# ------------------------------------------------------------------ properties


@FUZZ
@given(mutant=mutants())
def test_a_mutated_plan_loads_or_fails_with_plan_parse_error(mutant, fuzz_file, registry):
    result = load(mutant, fuzz_file, registry)
    if isinstance(result, PlanParseError):
        check_error(result, fuzz_file, mutant.data, mutant)
    else:
        check_plan(result, mutant.data, mutant)


@FUZZ
@given(mutant=preserving_mutants())
def test_content_preserving_mutations_give_the_same_tables(mutant, fuzz_file, registry, original):
    result = load(mutant, fuzz_file, registry)
    if isinstance(result, PlanParseError):
        pytest.fail(f"{result}\nmutation: {mutant.steps}")
    want = with_shifted_lines(original, mutant)
    for name, table in result.tables().items():
        pd.testing.assert_frame_equal(table, want[name], obj=f"{name} after {mutant.steps}")


@FUZZ
@given(
    ending=st.sampled_from(["\n", "\r\n", "\r"]),
    where=st.floats(0, 1),
    byte=st.sampled_from([*range(0x80, 0xC2), *range(0xF5, 0x100)]),
)
def test_a_byte_that_is_not_utf8_is_named_with_its_line(ending, where, byte, fuzz_file, registry):
    data = PLAN_TEXT.replace("\n", ending).encode("utf-8")
    offset = int(where * len(data))
    data = data[:offset] + bytes([byte]) + data[offset:]
    mutant = Mutant((f"{ending!r} line endings, insert byte 0x{byte:02x} at offset {offset}",), data)
    error = load(mutant, fuzz_file, registry)
    assert isinstance(error, PlanParseError), mutant.steps
    check_error(error, fuzz_file, data, mutant)
    line = n_lines(data[:offset])  # a multi-byte character cut by the byte is on the same line
    assert error.line == line, (str(error), mutant.steps)
    assert "UTF-8" in str(error)


@FUZZ
@given(row=st.sampled_from(TASK_ROWS), number=st.integers(0, 40))
def test_a_renumbered_task_is_caught_at_its_row_or_the_next_task_row(row, number, fuzz_file, registry):
    old, rest = PLAN_LINES[row].split("\t", 1)
    assume(number != int(old))
    lines = PLAN_LINES[:]
    lines[row] = f"{number}\t{rest}"
    mutant = Mutant((f"task number {old} of line {row + 1} becomes {number}",), "\n".join(lines).encode())
    error = load(mutant, fuzz_file, registry)
    assert isinstance(error, PlanParseError), mutant.steps
    check_error(error, fuzz_file, mutant.data, mutant)
    next_task_line = next((n + 1 for n in TASK_ROWS if n > row), None)
    assert error.line in {row + 1, next_task_line}, (str(error), mutant.steps)
