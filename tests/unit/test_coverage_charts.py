"""Coverage charts: deterministic files, both languages, cells and bars that match the tables, odd input."""

from __future__ import annotations

import functools
import hashlib
import itertools
import re
import unicodedata
import warnings
from collections.abc import Callable
from pathlib import Path

import matplotlib as mpl
import pandas as pd
import pytest
from figure_checks import text_boxes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PatchCollection
from matplotlib.figure import Figure

from plan132lib import Plan, charts, load_plan
from plan132lib.analysis import coverage
from plan132lib.charts import coverage as cc
from plan132lib.words import words

LANGS = ("vi", "en")


@functools.cache
def notes(lang: str = "vi") -> dict[str, str]:
    """The source line and caveat the build gives the bundled plan's coverage charts."""
    review = coverage.Review.load(load_plan())
    return {"source": cc.review_source(review, lang), "caveat": coverage.caveat(review, lang)}


@pytest.fixture(scope="module")
def frames(plan: Plan) -> dict[str, pd.DataFrame]:
    """The coverage frames of the bundled plan: matrix, table (coverage_table) and groups."""
    review = coverage.Review.load(plan)
    return {
        "matrix": coverage.matrix(review),
        "table": coverage.coverage_table(review),
        "groups": coverage.coverage_by_group(review),
    }


def draw(frames: dict[str, pd.DataFrame], kind: str, lang: str = "vi") -> Figure:
    if kind == "matrix":
        return cc.coverage_matrix(frames["matrix"], frames["table"], lang=lang, **notes(lang))
    return cc.coverage_by_group(frames["groups"], lang=lang, **notes(lang))


KINDS = ("matrix", "groups")


def texts(fig: Figure) -> list[str]:
    """Every non-empty string on the figure, line breaks as spaces."""
    return [t.get_text().replace("\n", " ") for t in fig.findobj(mpl.text.Text) if t.get_text().strip()]


def joined(fig: Figure) -> str:
    """All strings of the figure in one, runs of white space as one space (wrapped lines read back)."""
    return re.sub(r"\s+", " ", " ".join(texts(fig)))


def footer(fig: Figure) -> str:
    """The footer (the lowest figure-level text), its wrapped lines joined by spaces."""
    text = min(fig.texts, key=lambda t: t.get_position()[1])
    return re.sub(r"\s+", " ", text.get_text())


def by_gid(fig: Figure, prefix: str) -> dict[str, mpl.text.Text]:
    """The texts whose gid is ``<prefix>-<id>`` (row labels "entry", status words "status"), by id."""
    return {
        t.get_gid().removeprefix(f"{prefix}-"): t
        for t in fig.findobj(mpl.text.Text)
        if (t.get_gid() or "").startswith(f"{prefix}-")
    }


def cells(fig: Figure) -> dict[str, PatchCollection]:
    return {c.get_gid(): c for c in fig.axes[0].collections if isinstance(c, PatchCollection)}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---------------------------------------------------------------- labels


def test_labels_have_the_same_keys_in_both_languages_and_are_nfc() -> None:
    assert set(words("coverage_chart", "vi")) == set(words("coverage_chart", "en"))
    for lang in LANGS:
        for key, text in words("coverage_chart", lang).items():
            assert unicodedata.is_normalized("NFC", text), (lang, key)
    assert cc.label("status.missing") == "chưa có" and cc.label("status.missing", "en") == "missing"
    assert cc.label("group_due_2026") == "Hoàn thành trong năm 2026"
    with pytest.raises(ValueError, match="lang"):
        cc.label("covered", "fr")


@pytest.mark.parametrize("kind", KINDS)
def test_bad_lang_raises(frames: dict[str, pd.DataFrame], kind: str) -> None:
    with pytest.raises(ValueError, match="lang"):
        draw(frames, kind, lang="fr")


# ---------------------------------------------------------------- files


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", KINDS)
def test_save_twice_is_byte_identical(
    frames: dict[str, pd.DataFrame], kind: str, lang: str, tmp_path: Path
) -> None:
    first = charts.save_figure(draw(frames, kind, lang), tmp_path / "a" / kind)
    second = charts.save_figure(draw(frames, kind, lang), tmp_path / "b" / kind)
    assert [p.suffix for p in first] == [".png", ".svg"]
    assert first[0].read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert [sha256(p) for p in first] == [sha256(p) for p in second]


@pytest.mark.parametrize("kind", KINDS)
def test_no_pyplot_and_no_global_state(frames: dict[str, pd.DataFrame], kind: str) -> None:
    before = dict(mpl.rcParams)
    fig = draw(frames, kind)
    assert isinstance(fig, Figure) and fig.canvas.manager is None
    assert dict(mpl.rcParams) == before
    assert fig.get_size_inches()[0] == pytest.approx(charts.FIG_WIDTH)


# ---------------------------------------------------------------- languages


def test_matrix_vietnamese_by_default(frames: dict[str, pd.DataFrame]) -> None:
    fig = cc.coverage_matrix(frames["matrix"], frames["table"], **notes("vi"))
    drawn = texts(fig)
    rows = {goal: t.get_text().replace("\n", " ") for goal, t in by_gid(fig, "entry").items()}
    assert set(rows) == set(frames["matrix"].index)  # one labelled row per entry
    # rows are named by their short title in words, with the confidence mark; no catalogue id is shown
    assert rows["NQ247-D2.3-a"] == "Kiểm soát khí thải phương tiện giao thông†"
    assert rows["NQ247-CHK-WW"] == (
        "Xử lý nước thải đô thị đến năm 2030 (100% đô thị loại IV trở lên; khoảng 70% nước thải)‡"
    )
    assert not [t for t in drawn if re.search(r"NQ\d+-|CHK", t)]
    assert set(frames["matrix"].columns) <= set(drawn)
    assert fig.get_suptitle() == cc.label("title_matrix")
    # the inferred entry is drawn, and its group says it is not among the 25 the text counts
    assert {
        "Đột phá · 9 nội dung",
        "Hoàn thành trong năm 2026 · 5 nội dung",
        "Đến năm 2030 · 11 nội dung",
        "Khác · 1 nội dung (suy luận ‡, không tính trong 25 nội dung được đánh giá)",
        "Đầy đủ",
        "Một phần",
        "đã có",
        "một phần",
        "chưa có",
    } <= set(drawn)
    foot = footer(fig)
    assert "Lưu ý: " + notes()["caveat"] in foot
    assert foot.endswith(notes()["source"])
    # the marks are explained in words, never by a code
    assert "† chỉ biết qua báo chí" in foot and "‡ suy luận của người lập danh mục" in foot
    assert "NEWS" not in foot and "INFERRED" not in foot
    assert "Mức độ cụ thể hóa theo nhóm tính 25 trong 26 nội dung này" in foot
    assert "Không gồm 5 nội dung không áp dụng cho tỉnh" in foot
    assert all(unicodedata.is_normalized("NFC", t) for t in drawn)


def test_groups_vietnamese_by_default(frames: dict[str, pd.DataFrame]) -> None:
    fig = cc.coverage_by_group(frames["groups"], **notes("vi"))
    drawn = texts(fig)
    assert fig.get_suptitle().replace("\n", " ") == cc.label("title_groups")
    assert {
        "Đột phá",
        "Hoàn thành trong năm 2026",
        "Đến năm 2030",
        "Tất cả",
        "Đã có",
        "Một phần",
        "Chưa có",
        "9 nội dung · 2 không áp dụng",
        "44%",
        "72%",
        "100%",
    } <= set(drawn)
    assert "Khác" not in drawn  # the "other" group holds only the INFERRED entry, which is not counted
    assert "Tính trên 25 nội dung thuộc trách nhiệm của tỉnh; không tính 5 nội dung" in joined(fig)
    foot = footer(fig)
    assert "25 trong 25 nội dung chỉ biết qua báo chí." in foot
    assert "Không tính 1 nội dung là suy luận của người lập danh mục." in foot
    assert "NEWS" not in foot and "INFERRED" not in foot
    assert "Lưu ý: " + notes()["caveat"] in foot and foot.endswith(notes()["source"])
    assert all(unicodedata.is_normalized("NFC", t) for t in drawn)


def vietnamese(drawn: list[str], allowed: str = "–·…×†‡■□%") -> list[str]:
    """The strings with a letter beyond ASCII, once the house source line (which names Hưng Yên) is out."""
    source = re.sub(r"\s+", " ", notes("en")["source"])
    text = re.sub(r"\s+", " ", " ".join(drawn)).replace(source, "")
    return [c for c in text if ord(c) > 127 and c not in allowed]


@pytest.mark.parametrize("kind", KINDS)
def test_english(frames: dict[str, pd.DataFrame], kind: str) -> None:
    fig = draw(frames, kind, lang="en")
    drawn = texts(fig)
    assert fig.get_suptitle() == cc.label(f"title_{kind}", "en")
    assert cc.label(f"title_{kind}", "vi") not in joined(fig)
    assert "Caveat: " + notes("en")["caveat"] in footer(fig)
    assert footer(fig).endswith(notes("en")["source"])
    # the entries' English titles keep Vietnamese place names (Hà Nội, Tô Lịch): checked apart
    rows = {goal: t.get_text().replace("\n", " ") for goal, t in by_gid(fig, "entry").items()}
    titles = frames["table"].set_index("goal_id")["title_en"]
    assert all(text.rstrip("†‡") == titles[goal] for goal, text in rows.items())
    assert vietnamese([t for t in drawn if t not in rows.values()]) == []
    if kind == "matrix":
        assert {
            "Breakthrough · 9 entries",
            "Due in 2026 · 5 entries",
            "To 2030 · 11 entries",
            "Other · 1 entry (inferred ‡, not among the 25 entries assessed)",
            "Full",
            "Partial",
            "covered",
            "partial",
            "missing",
        } <= set(drawn)
        assert set(frames["matrix"].columns) <= set(drawn)
        assert "Controlling vehicle emissions†" in drawn
    else:
        assert {
            "Breakthrough",
            "Due in 2026",
            "To 2030",
            "All",
            "Covered",
            "Partial",
            "Missing",
            "11 entries · 1 not applicable",
        } <= set(drawn)


def test_source_and_nfc_input() -> None:
    nfd = unicodedata.normalize("NFD", "Kiểm soát bụi")
    matrix = pd.DataFrame([["full"]], index=["X-1"], columns=["1.1"])
    entries = pd.DataFrame(
        {
            "goal_id": ["X-1"],
            "resolution_group": ["to_2030"],
            "status": ["covered"],
            "confidence": ["TEXT"],
            "paraphrase_vi": [nfd],
            "paraphrase_en": ["Dust"],
        }
    )
    fig = cc.coverage_matrix(matrix, entries, source="Nguồn: thử", caveat=notes("vi")["caveat"])
    drawn = texts(fig)
    assert "Kiểm soát bụi" in drawn and "X-1" not in drawn  # no title: the paraphrase; TEXT: no mark
    titled = cc.coverage_matrix(
        matrix, entries.assign(title_vi=["Bụi"]), source="Nguồn: thử", caveat=notes("vi")["caveat"]
    )
    assert "Bụi" in texts(titled) and "Kiểm soát bụi" not in texts(titled)  # the title comes first
    assert footer(fig).endswith("Nguồn: thử")
    fig = cc.coverage_by_group(
        pd.DataFrame({"resolution_group": ["other"], "covered": [1]}),
        source="Source: test",
        caveat=notes("vi")["caveat"],
    )
    assert footer(fig).endswith("Source: test")
    assert all(unicodedata.is_normalized("NFC", t) for t in drawn)
    assert "†" not in " ".join(drawn)


# ---------------------------------------------------------------- matrix


def test_matrix_cells_match_the_matrix(frames: dict[str, pd.DataFrame]) -> None:
    matrix = frames["matrix"]
    fig = cc.coverage_matrix(matrix, frames["table"], **notes("vi"))
    found = cells(fig)
    assert set(found) == {"grid-cells", "full-cells", "partial-cells"}
    n_full, n_partial = int((matrix == "full").sum().sum()), int((matrix == "partial").sum().sum())
    assert (n_full, n_partial) == (10, 20)
    assert len(found["full-cells"].get_paths()) == n_full
    assert len(found["partial-cells"].get_paths()) == n_partial
    assert len(found["grid-cells"].get_paths()) == matrix.size
    # every filled cell sits in its task's column and its entry's row
    row_y = {goal: t.get_position()[1] for goal, t in by_gid(fig, "entry").items()}
    assert len(row_y) == len(matrix)
    tasks = list(matrix.columns)
    for strength in ("full", "partial"):
        drawn = set()
        for path in found[f"{strength}-cells"].get_paths():
            (x0, y0), (_, y1) = path.get_extents().min, path.get_extents().max
            goal = next(g for g, y in row_y.items() if y0 < y < y1)
            drawn.add((goal, tasks[int(x0)]))
        expected = {(g, t) for g in matrix.index for t in tasks if matrix.at[g, t] == strength}
        assert drawn == expected


def test_matrix_rows_grouped_with_status(frames: dict[str, pd.DataFrame]) -> None:
    table = frames["table"].set_index("goal_id")
    fig = cc.coverage_matrix(frames["matrix"], frames["table"], lang="en", **notes("en"))
    ids = sorted((t.get_position()[1], g) for g, t in by_gid(fig, "entry").items())
    groups = [table.at[g, "resolution_group"] for _, g in ids]
    assert groups == sorted(groups, key=list(coverage.GROUP_ORDER).index)  # in resolution order
    status = by_gid(fig, "status")
    assert [status[g].get_position()[1] for _, g in ids] == [y for y, _ in ids]  # on the entry's row
    assert [status[g].get_text() for _, g in ids] == [table.at[g, "status"] for _, g in ids]


# ---------------------------------------------------------------- by group


def test_bar_segments_equal_the_counts(frames: dict[str, pd.DataFrame]) -> None:
    groups = frames["groups"].set_index("resolution_group")
    fig = cc.coverage_by_group(frames["groups"], **notes("vi"))
    ax = fig.axes[0]
    # as a reader sees them, top to bottom: the groups by share covered or partial, highest first
    # (100%, 60%, 44%), then "all" under a line
    shown = [g for g in coverage.GROUP_ORDER if groups.at[g, "n_entries"] or g != "other"]
    assert "other" not in shown  # empty once the INFERRED entry is left out
    order = [*sorted(shown, key=lambda g: -groups.at[g, "share_covered_or_partial"]), "all"]
    assert order == ["to_2030", "due_2026", "breakthrough", "all"]
    for status in cc.STATUSES:
        bars = sorted((p for p in ax.patches if p.get_gid() == status), key=lambda p: p.get_y())
        assert [int(p.get_width()) for p in bars] == [int(groups.at[g, status]) for g in order]
    # stacked: covered from 0, partial after covered, missing after both
    for status, before in (("partial", ["covered"]), ("missing", ["covered", "partial"])):
        lefts = [
            p.get_x()
            for p in sorted((p for p in ax.patches if p.get_gid() == status), key=lambda p: p.get_y())
        ]
        assert lefts == [sum(int(groups.at[g, s]) for s in before) for g in order]
    labels = [t.get_text() for t in ax.texts]
    for g in order:
        share = groups.at[g, "share_covered_or_partial"]
        assert f"{round(share * 100)}%" in labels
    colours = {p.get_gid(): mpl.colors.to_hex(p.get_facecolor()) for p in ax.patches}
    assert colours["covered"] == charts.COLORS["lead"].lower()
    assert len(set(colours.values())) == 3


# ---------------------------------------------------------------- legibility


@pytest.mark.parametrize(("kind", "lang"), list(itertools.product(KINDS, LANGS)))
def test_text_inside_the_figure_and_labels_apart(
    frames: dict[str, pd.DataFrame], kind: str, lang: str
) -> None:
    fig = draw(frames, kind, lang)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    ax = fig.axes[0]
    low, high = sorted(ax.get_xlim())
    off_axis = {id(t) for t in ax.get_xticklabels() if not low <= t.get_position()[0] <= high}
    legend = ax.get_legend()
    inside_legend = {id(t) for t in legend.get_texts()}
    drawn = [
        t
        for t in fig.findobj(mpl.text.Text)
        if t.get_text().strip() and t.get_visible() and id(t) not in off_axis
    ]
    boxes = text_boxes(fig, drawn, renderer)
    frame = legend.get_window_extent(renderer)
    assert not any(
        frame.overlaps(box) for t, (_, box) in zip(drawn, boxes, strict=True) if id(t) not in inside_legend
    )


# ---------------------------------------------------------------- odd input


def odd_matrices() -> dict[str, tuple[pd.DataFrame, pd.DataFrame]]:
    entries = pd.DataFrame(
        {
            "goal_id": ["A", "B"],
            "resolution_group": ["due_2026", "unknown_group"],
            "status": ["partial", "missing"],
            "confidence": ["NEWS", "INFERRED"],
            "paraphrase_vi": ["Một nội dung", "Nội dung khác"],
            "paraphrase_en": ["One", "Two"],
        }
    )
    return {
        "empty": (pd.DataFrame(), pd.DataFrame()),
        "no_rows": (pd.DataFrame(columns=["1.1", "2.1"]), entries),
        "no_columns": (pd.DataFrame(index=["A", "B"]), entries),
        "not_in_entries": (
            pd.DataFrame([["partial", ""], ["", "full"]], index=["A", "Z"], columns=["1.1", "2.1"]),
            entries,
        ),
        "no_entries_table": (pd.DataFrame([["", None]], index=["A"], columns=["1.1", "x"]), pd.DataFrame()),
        "entries_indexed": (
            pd.DataFrame([["full"]], index=["B"], columns=["3.1"]),
            entries.set_index("goal_id"),
        ),
    }


def odd_groups() -> dict[str, pd.DataFrame]:
    zero = pd.DataFrame(
        {
            "resolution_group": ["breakthrough", "due_2026", "all"],
            "covered": [2, 0, 2],
            "partial": [1, 0, 1],
            "missing": [0, 0, 0],
            "n_not_applicable": [0, 3, 3],
        }
    )
    return {
        "empty": pd.DataFrame(columns=["resolution_group", "covered", "partial", "missing"]),
        "zero_group": zero,
        "no_all_row": zero.iloc[:2].drop(columns="n_not_applicable"),
        "all_zero": zero.assign(covered=0, partial=0),
        "only_all": zero.iloc[[2]],
    }


@pytest.mark.parametrize("lang", LANGS)
def test_odd_input_draws(lang: str, tmp_path: Path) -> None:
    figures: dict[str, Callable[[], Figure]] = {}
    for name, (matrix, entries) in odd_matrices().items():
        figures[f"matrix_{name}"] = lambda m=matrix, e=entries: cc.coverage_matrix(m, e, lang, **notes(lang))
    for name, table in odd_groups().items():
        figures[f"groups_{name}"] = lambda t=table: cc.coverage_by_group(t, lang, **notes(lang))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no layout warnings either
        for name, make in figures.items():
            assert all(p.stat().st_size > 0 for p in charts.save_figure(make(), tmp_path / name)), name


@pytest.mark.parametrize("lang", LANGS)
def test_odd_input_content(lang: str) -> None:
    matrices = odd_matrices()
    assert cc.label("no_entries", lang) in texts(cc.coverage_matrix(*matrices["empty"], lang, **notes(lang)))
    fig = cc.coverage_matrix(*matrices["no_rows"], lang, **notes(lang))
    assert cc.label("no_entries", lang) in texts(fig)
    fig = cc.coverage_matrix(*matrices["not_in_entries"], lang, **notes(lang))
    drawn = texts(fig)
    paraphrase = "Một nội dung" if lang == "vi" else "One"
    assert {f"{paraphrase}†", "Z"} <= set(drawn)  # Z is not in the entries table: no words, so its id
    assert cc.label("status.covered", lang) in drawn  # Z: status read from its full cell
    assert cc.label("no_group", lang) + " · " + cc.label("n_entries_one", lang, n=1) in drawn
    assert [len(cells(fig)[f"{s}-cells"].get_paths()) for s in ("full", "partial")] == [1, 1]
    fig = cc.coverage_matrix(*matrices["no_columns"], lang, **notes(lang))
    head = "unknown_group · " + cc.label("n_entries_one", lang, n=1)
    assert head + " " + cc.label("not_counted_all", lang, k=1, counted=1) in texts(fig)  # B is INFERRED

    groups = odd_groups()
    fig = cc.coverage_by_group(groups["zero_group"], lang, **notes(lang))
    drawn = texts(fig)
    assert cc.label("none", lang) in drawn  # due_2026 has no entry: a note, not a bar
    widths = [p.get_width() for p in fig.axes[0].patches if p.get_gid() in cc.STATUSES]
    assert sorted(widths) == sorted([2, 0, 2, 1, 0, 1, 0, 0, 0])
    assert cc.label("no_entries", lang) in texts(cc.coverage_by_group(groups["empty"], lang, **notes(lang)))
    assert cc.label("all", lang) not in texts(cc.coverage_by_group(groups["no_all_row"], lang, **notes(lang)))


def test_a_plan_of_300_tasks_labels_its_columns_by_group(frames: dict[str, pd.DataFrame]) -> None:
    """Too many tasks to name each column: the groups' numbers label their spans instead."""
    ids = [f"{g}.{n}" for g in range(1, 11) for n in range(1, 31)]
    matrix = pd.DataFrame("", index=frames["matrix"].index, columns=ids)
    matrix.iloc[0, 5] = "full"
    fig = cc.coverage_matrix(matrix, frames["table"], **notes("vi"))
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert ticks == [str(g) for g in range(1, 11)]
    assert "1.1" not in texts(fig)
