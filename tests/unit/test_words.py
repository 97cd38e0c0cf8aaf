"""words.csv: every fixed string a reader sees, Vietnamese and English side by side, checked as loaded."""

from __future__ import annotations

import ast
import unicodedata
from pathlib import Path

import pytest

from plan132lib import words as w
from plan132lib.errors import DataFileError

PACKAGE = Path(w.__file__).resolve().parent
LOOKUPS = {
    "word": "",
    "words": "",
    "value": "value.",
    "values": "value.",  # name -> what the key gets
    "Problem": "error.",
}  # a problem of a file: words.Problem("cannot_read") is error.cannot_read


def test_every_row_has_both_languages_non_empty_and_nfc() -> None:
    raw = w.words_file().read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw
    assert unicodedata.is_normalized("NFC", raw.decode("utf-8"))
    table = w.entries()
    assert len(table) > 150
    for key, entry in table.items():
        for lang in w.LANGS:
            text = getattr(entry, lang)
            assert text.strip(), (key, lang)
            assert unicodedata.is_normalized("NFC", text), (key, lang)


def test_keys_are_unique_and_the_placeholders_agree() -> None:
    lines = w.words_file().read_text(encoding="utf-8").splitlines()
    keys = [line.split(",", 1)[0] for line in lines[1:] if "." in line.split(",", 1)[0]]
    assert len(keys) == len(set(keys))
    for key, entry in w.entries().items():
        assert w.placeholders(entry.vi) == w.placeholders(entry.en), key


# ---------------------------------------------------------------- the rows the code asks for
#
# A lookup is a call of word / words / value / values, or of a wrapper in the same module: a
# function whose only statement returns such a call with its first parameter as (the end of) the
# key, as ``def say(key): return word(f"brief.{key}", lang)``. Its first argument gives a whole key
# (a literal), a head of keys (an f-string such as f"month.{mo}") or, when it is a variable, every
# key under the wrapper's prefix. The compatibility wrappers ``label`` (charts) are not called by
# the package, so the keys they could reach count only if something else reaches them.

Reach = tuple[str, str, bool]  # (file:line, key or head of keys, whole key)


def _wrapped(fn: ast.FunctionDef, known: dict[str, str]) -> str | None:
    """The prefix a wrapper puts before its first parameter, or None if ``fn`` is not a wrapper."""
    body = fn.body[1:] if fn.body and isinstance(fn.body[0], ast.Expr) else fn.body
    if len(body) != 1 or not isinstance(body[0], ast.Return) or not fn.args.args:
        return None
    call, param = body[0].value, fn.args.args[0].arg
    if not isinstance(call, ast.Call) or not call.args:
        return None
    if isinstance(call.func, ast.Attribute) and call.func.attr == "say":  # Locale.say: the whole key
        head = ""
    elif getattr(call.func, "id", None) in known:
        head = known[call.func.id]
    else:
        return None
    arg = call.args[0]
    if isinstance(arg, ast.Name) and arg.id == param:
        return head
    if (
        isinstance(arg, ast.JoinedStr)
        and len(arg.values) == 2
        and isinstance(arg.values[0], ast.Constant)
        and isinstance(arg.values[1], ast.FormattedValue)
        and getattr(arg.values[1].value, "id", None) == param
    ):
        return head + str(arg.values[0].value)
    return None


def _module_reaches(path: Path) -> list[Reach]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]
    wrappers: dict[str, str] = {}
    while True:  # wrappers of wrappers (description -> _say -> word)
        found = {
            fn.name: head
            for fn in functions
            if fn.name not in wrappers and (head := _wrapped(fn, {**LOOKUPS, **wrappers})) is not None
        }
        if not found:
            break
        wrappers.update(found)
    inner = {id(fn.body[-1].value) for fn in functions if fn.name in wrappers}
    # words.Locale is the lookup itself (as word is): its own calls take whatever key they are given
    inner |= {
        id(n)
        for c in ast.walk(tree)
        if isinstance(c, ast.ClassDef) and c.name == "Locale"
        for n in ast.walk(c)
    }
    reaches: list[Reach] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args or id(node) in inner:
            continue
        name = getattr(node.func, "id", getattr(node.func, "attr", None))
        if isinstance(node.func, ast.Attribute) and name == "say":  # Locale.say: the whole key
            if not isinstance(node.args[0], ast.Constant | ast.JoinedStr | ast.IfExp):
                continue  # a Problem's say(lang), not a lookup
            head, whole_only = "", True
        elif name in ("words", "values"):
            head, whole_only = LOOKUPS[name], False
        elif name in LOOKUPS or name in wrappers:
            head, whole_only = {**LOOKUPS, **wrappers}[name], name not in ("value",)
        else:
            continue
        if name == "value":  # value(column, code): value.<column>.<code>
            head = "value."
        where = f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
        arg = node.args[0]
        sides = [arg.body, arg.orelse] if isinstance(arg, ast.IfExp) else [arg]
        for side in sides:
            if isinstance(side, ast.Constant) and isinstance(side.value, str):
                reaches.append((where, head + side.value + ("" if whole_only else "."), whole_only))
            elif isinstance(side, ast.JoinedStr) and side.values and isinstance(side.values[0], ast.Constant):
                reaches.append((where, head + str(side.values[0].value), False))
            elif (
                isinstance(side, ast.JoinedStr)
                and len(side.values) == 2
                and not head
                and isinstance(side.values[1], ast.Constant)
            ):  # f"{prefix}.leads_top": caller's namespace
                reaches.append((where, "*" + str(side.values[1].value), True))
            else:  # a variable: every key under the prefix
                reaches.append((where, head, False))
    return reaches


def _reaches() -> list[Reach]:
    return [
        r
        for path in sorted(PACKAGE.rglob("*.py"))  # words.py too: long_date looks up month.*
        for r in _module_reaches(path)
    ]


def _reached(key: str, target: str, whole: bool) -> bool:
    """Whether a lookup of ``target`` reaches ``key``: the whole key, a head of keys, or ("*" first) the
    end of a key whose namespace the caller gives (``f"{prefix}.leads_top"``)."""
    if target.startswith("*"):
        return key.endswith(target[1:]) and key.count(".") == target.count(".")
    return key == target if whole else key.startswith(target)


def test_every_key_the_code_looks_up_exists() -> None:
    keys = set(w.entries())
    reaches = _reaches()
    assert len(reaches) > 150
    missing = [
        f"{where}: {target!r}"
        for where, target, whole in reaches
        if not any(_reached(k, target, whole) for k in keys)
    ]
    assert missing == [], "looked up but not in words.csv: " + "; ".join(missing)
    assert not [r for r in reaches if not r[1]], "a lookup with no fixed part of its key"


def test_every_row_is_used() -> None:
    reaches = _reaches()
    # Locale.say also says <key>.none or <key>.one for a count of 0 or 1
    unused = [
        key
        for key in w.entries()
        if not any(
            _reached(k, target, whole)
            for _, target, whole in reaches
            for k in {key, key.removesuffix(".none").removesuffix(".one")}
        )
    ]
    assert unused == [], f"rows of words.csv no code looks up: {unused}"


# ---------------------------------------------------------------- the API


def test_word_formats_normalises_and_names_what_is_missing() -> None:
    assert w.word("chart.after", "en", year=2030) == "after 2030"
    assert w.word("chart.after", year=2030) == "sau 2030"
    assert w.value("role", "lead") == "Chủ trì" and w.value("role", "coordinate", "en") == "Coordinate"
    assert w.values("network_role", "en")["hub and broker"] == "hub and broker"
    assert w.words("notebook_title", "en")["05_briefing"] == "05 · Briefing"
    with pytest.raises(KeyError, match=r"chart\.no_such_row.*words\.csv"):
        w.word("chart.no_such_row")
    with pytest.raises(KeyError, match=r"chart\.after.*words\.csv.*year"):
        w.word("chart.after")
    with pytest.raises(KeyError, match="nothing_here"):
        w.words("nothing_here")
    with pytest.raises(ValueError, match="lang"):
        w.word("chart.source", "fr")


def test_a_vietnamese_output_comes_from_words_csv(monkeypatch: pytest.MonkeyPatch, plan) -> None:
    """Change the rows in memory (nothing on disk): the chart title and the sheet name follow."""
    from plan132lib import charts
    from plan132lib.analysis import workload
    from plan132lib.render.export import workbook_sheets

    table = dict(w.entries())
    table["chart.title_bars"] = table["chart.title_bars"]._replace(vi="Tiêu đề thử")
    table["sheet.tasks"] = table["sheet.tasks"]._replace(vi="Trang thử")
    monkeypatch.setattr(w, "_table", lambda: table)
    fig = charts.lead_coordinate_bars(workload.agency_workload(plan), source=charts.plan_source(plan))
    assert fig.get_suptitle() == "Tiêu đề thử"
    assert [s.name for s in workbook_sheets(plan)][1] == "Trang thử"


# ---------------------------------------------------------------- a broken file is named with its line

GOOD = "key,vi,en,note\nchart.a,Một {n},One {n},\n"


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        (GOOD + "chart.a,Hai,Two,\n", 3, "duplicate key 'chart.a' (first on line 2)"),
        (GOOD + "chart.b,,Two,\n", 3, "the vi cell is empty"),
        (GOOD + "chart.b,Hai,,\n", 3, "the en cell is empty"),
        (GOOD + "chart.b,Hai {n},Two {m},\n", 3, "placeholders differ"),
        (GOOD + "chart.b,Hai {n,Two {n},\n", 3, "broken placeholder"),
        (GOOD + "chart.b,Hai\u0301,Two,\n", 3, "not in NFC"),
        (GOOD + "chart.b, Hai,Two,\n", 3, "white space"),
        (GOOD + "b,Hai,Two,\n", 3, "not a dotted key"),
        (GOOD + "chart.b,Hai,Two\n", 3, "has 3 cells"),
        (GOOD + '"chart.b","Hai\nba",Two,\nchart.b,Bốn,Four,\n', 5, "duplicate key"),
        (GOOD.replace("\n", "\r\n"), 1, "CR line ending"),
        ("key,vi\nchart.a,Một\n", 1, "the header must be"),
    ],
)
def test_a_broken_file_raises_naming_the_file_and_line(
    tmp_path: Path, text: str, line: int, problem: str
) -> None:
    path = tmp_path / "words.csv"
    path.write_bytes(text.encode("utf-8"))
    with pytest.raises(DataFileError) as caught:
        w.load(path)
    assert caught.value.line == line and caught.value.path == str(path)
    assert problem in str(caught.value) and str(caught.value).startswith(f"{path}, line {line}: ")


def test_a_good_file_loads_with_its_lines(tmp_path: Path) -> None:
    path = tmp_path / "words.csv"
    path.write_bytes((GOOD + '"chart.b","Hai\nba",Two,a note\nchart.c,Bốn,Four,\n').encode("utf-8"))
    table = w.load(path)
    assert [(k, e.line) for k, e in table.items()] == [("chart.a", 2), ("chart.b", 3), ("chart.c", 5)]
    assert table["chart.b"].vi == "Hai\nba" and table["chart.b"].note == "a note"


def test_the_house_style_is_read_from_the_packaged_style_file() -> None:
    from plan132lib import charts
    from plan132lib.charts import frame

    assert frame.STYLE_FILE.name == "plan132.mplstyle" and frame.STYLE_FILE.is_file()
    assert charts.STYLE["font.family"] == ["DejaVu Sans"] and charts.STYLE["svg.hashsalt"] == "plan132"
    assert charts.COLORS["text"] == charts.STYLE["text.color"] == "#222222"


def test_sheet_names_are_names_excel_accepts() -> None:
    for lang in w.LANGS:
        for key, name in w.words("sheet", lang).items():
            assert 0 < len(name) <= 31 and not set(name) & set("[]:*?/\\"), (lang, key, name)
