"""Briefing charts: labels in both languages, deterministic files, Vietnamese glyphs, open-ended tasks."""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
import warnings
from collections.abc import Callable
from pathlib import Path

import matplotlib as mpl
import pandas as pd
import pytest
from figure_checks import SOURCE, text_boxes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from plan132lib import charts
from plan132lib.charts import frame, label
from plan132lib.words import LANGS, entries, placeholders, value, words

AGENCIES = [
    # agency_id, short_name, name_en
    ("ubnd-xa-phuong", "UBND xã, phường", "Commune and ward People's Committees"),
    ("so-nnmt", "Sở NN&MT", "Department of Agriculture and Environment"),
    ("cac-so-ban-nganh", "Các sở, ban, ngành", "All provincial departments, boards and sectors"),
    ("so-khcn", "Sở Khoa học và Công nghệ", "Department of Science and Technology"),
]
NAMES = pd.DataFrame(AGENCIES, columns=["agency_id", "short_name", "name_en"])


def workload() -> pd.DataFrame:
    return NAMES.assign(n_lead=[10, 9, 2, 3], n_coordinate=[19, 0, 27, 0])


# the agencies as the bars show them: most tasks led first (10, 9, 3, 2), whatever the frame's order
SORTED = [AGENCIES[i] for i in (0, 1, 3, 2)]


def groups() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "group_id": [1, 2],
            "group_title": [
                "Nhóm nhiệm vụ về khắc phục, cải thiện chất lượng môi trường",
                "Nhóm nhiệm vụ về tăng cường hiệu quả quản lý chất thải rắn và chất thải nguy hại",
            ],
        }
    )


def matrix() -> pd.DataFrame:
    rows = []
    for agency_id, short_name, name_en in AGENCIES:
        for group_id in (1, 2):
            rows.append(
                {
                    "agency_id": agency_id,
                    "short_name": short_name,
                    "name_en": name_en,
                    "group_id": group_id,
                    "n_lead": group_id,
                    "n_coordinate": 3 - group_id,
                }
            )
    return pd.DataFrame(rows)


def tasks() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "task_id": ["1.1", "1.2", "1.3", "2.1", "2.2"],
            "group_id": [1, 1, 1, 2, 2],
            "start_year": pd.array([2026, 2026, None, 2026, 2027], dtype="Int64"),
            "end_year": pd.array([2026, 2030, None, 2030, 2027], dtype="Int64"),
            "open_ended": [False, True, False, False, True],
            "lead_label": [
                "Sở Nông nghiệp và Môi trường",
                "UBND xã, phường",
                "Các sở, ban, ngành",
                "Sở Khoa học và Công nghệ",
                "Sở Nông nghiệp và Môi trường",
            ],
        }
    )


def active() -> pd.DataFrame:
    periods = ["2026", "2027", "2028", "2029", "2030", "sau 2030"]
    rows = [
        {"agency_id": a, "short_name": s, "name_en": e, "period": p, "n_active": i + j}
        for i, (a, s, e) in enumerate(AGENCIES)
        for j, p in enumerate(periods)
    ]
    return pd.DataFrame(rows).sample(frac=1, random_state=1)  # period order must not matter


CHARTS: dict[str, Callable[[str], Figure]] = {
    "bars": lambda lang: charts.lead_coordinate_bars(workload(), lang=lang, source=SOURCE[lang]),
    "heatmap": lambda lang: charts.group_heatmap(matrix(), groups(), lang=lang, source=SOURCE[lang]),
    "gantt": lambda lang: charts.task_gantt(tasks(), lang=lang, source=SOURCE[lang]),
    "active": lambda lang: charts.active_by_year(active(), lang=lang, source=SOURCE[lang]),
}
TITLES = {"bars": "title_bars", "heatmap": "title_heatmap", "gantt": "title_gantt", "active": "title_active"}


def all_text(fig: Figure) -> list[str]:
    """Every string drawn on the figure (titles, tick labels, legends, annotations)."""
    return [t.get_text() for t in fig.findobj(mpl.text.Text) if t.get_text()]


def tick_labels(ax, axis: str = "y") -> list[str]:
    """Major tick labels, one per tick (top/bottom copies counted once), line breaks as spaces."""
    ticks = (ax.yaxis if axis == "y" else ax.xaxis).get_major_ticks()
    return [t.label1.get_text().replace("\n", " ") for t in ticks]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---------------------------------------------------------------- labels


def test_labels_have_the_same_keys_in_both_languages() -> None:
    assert set(words("chart", "vi")) == set(words("chart", "en"))
    assert value("role", "lead") == "Chủ trì" and value("role", "lead", "en") == "Lead"
    assert value("role", "coordinate") == "Phối hợp" and value("role", "coordinate", "en") == "Coordinate"
    assert label("after", year=2030) == "sau 2030" and label("after", "en", year=2030) == "after 2030"
    assert label("continues") == "tiếp tục" and label("continues", "en") == "continues"
    assert label("source", plan="Kế hoạch 58/KH-UBND") == "Nguồn: Kế hoạch 58/KH-UBND"
    for lang in LANGS:
        for key in words("chart", lang):
            needed = placeholders(entries()[f"chart.{key}"].vi)
            fields = {name: "Sở Nông nghiệp và Môi trường" for name in needed}
            assert unicodedata.is_normalized("NFC", label(key, lang, **fields))
    with pytest.raises(ValueError, match="lang"):
        label("source", "fr")


def test_style_uses_dejavu_sans_and_a4_width() -> None:
    assert charts.STYLE["font.family"] == ["DejaVu Sans"]
    fig = CHARTS["bars"]("vi")
    assert fig.get_size_inches()[0] == pytest.approx(7.5)
    texts = fig.findobj(mpl.text.Text)
    assert {t.get_fontname() for t in texts if t.get_text()} == {"DejaVu Sans"}
    assert min(t.get_fontsize() for t in texts if t.get_text()) >= 8


def test_charts_leave_global_rcparams_alone() -> None:
    before = dict(mpl.rcParams)
    for make in CHARTS.values():
        make("vi")
    assert dict(mpl.rcParams) == before


# ---------------------------------------------------------------- each chart, both languages


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("name", list(CHARTS))
def test_chart_title_and_source_line(name: str, lang: str) -> None:
    fig = CHARTS[name](lang)
    assert isinstance(fig, Figure)
    assert fig.get_suptitle() == label(TITLES[name], lang)
    assert any(SOURCE[lang] in text for text in all_text(fig))


def test_bars_vietnamese_by_default() -> None:
    fig = charts.lead_coordinate_bars(workload().iloc[::-1], source=SOURCE["vi"])
    ax = fig.axes[0]
    assert tick_labels(ax) == [s for _, s, _ in SORTED]  # most tasks led at the top, whatever the input order
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Chủ trì", "Phối hợp"]
    assert ax.get_xlabel() == "Số nhiệm vụ"
    values = {t.get_text() for t in ax.texts}
    assert {"10", "19", "27", "9"} <= values and "0" not in values
    lead_bars = [p for p in ax.patches if p.get_gid() == "lead"]
    assert lead_bars[0].get_y() < lead_bars[-1].get_y()  # first agency at the top (y axis inverted)
    assert ax.yaxis_inverted()


def test_bars_in_english() -> None:
    ax = charts.lead_coordinate_bars(workload(), lang="en", source=SOURCE["en"]).axes[0]
    assert tick_labels(ax) == [e for _, _, e in SORTED]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Lead", "Coordinate"]
    assert ax.get_xlabel() == "Number of tasks"


def test_bars_fall_back_to_vietnamese_when_english_name_missing() -> None:
    frame = workload()
    frame.loc[1, "name_en"] = ""
    fig = charts.lead_coordinate_bars(frame, lang="en", source=SOURCE["en"])
    assert tick_labels(fig.axes[0])[1] == "Sở NN&MT"


def test_labels_are_normalised_to_nfc() -> None:
    frame = workload()
    frame["short_name"] = [unicodedata.normalize("NFD", s) for s in frame["short_name"]]
    labels = tick_labels(charts.lead_coordinate_bars(frame, source=SOURCE["vi"]).axes[0])
    assert labels == [s for _, s, _ in SORTED]
    assert all(unicodedata.is_normalized("NFC", s) for s in labels)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_group_heatmap(lang: str) -> None:
    fig = charts.group_heatmap(matrix(), groups(), lang=lang, source=SOURCE[lang])
    lead, coord = fig.axes
    assert lead.get_title(loc="left") == value("role", "lead", lang)
    assert coord.get_title(loc="left") == value("role", "coordinate", lang)
    assert tick_labels(lead, "x") == [label("group", lang, n=1), label("group", lang, n=2)]
    names = [s for _, s, _ in AGENCIES] if lang == "vi" else [e for _, _, e in AGENCIES]
    assert tick_labels(lead) == names
    # counts in the cells: lead = group id, coordinate = 3 - group id, rows by agency
    assert [t.get_text() for t in lead.texts] == ["1", "2"] * len(AGENCIES)
    assert [t.get_text() for t in coord.texts] == ["2", "1"] * len(AGENCIES)
    footnote = "\n".join(all_text(fig))
    if lang == "vi":
        assert "Nhóm 1: Khắc phục, cải thiện chất lượng môi trường" in footnote
    else:
        assert "Group 1: Remedying and improving environmental quality" in footnote


def test_group_heatmap_english_titles_from_a_column() -> None:
    frame = groups().assign(group_title_en=["Clean-up", "Waste"])
    fig = charts.group_heatmap(matrix(), frame, lang="en", roles=("lead",), source=SOURCE["en"])
    assert len(fig.axes) == 1
    assert "Group 2: Waste" in "\n".join(all_text(fig))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_task_gantt_labels(lang: str) -> None:
    fig = charts.task_gantt(tasks(), lang=lang, source=SOURCE[lang])
    ax = fig.axes[0]
    assert tick_labels(ax, "x") == ["2026", "2027", "2028", "2029", "2030", label("after", lang, year=2030)]
    assert tick_labels(ax)[0] == "1.1  Sở Nông nghiệp và Môi trường"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [label("period", lang), label("continues", lang)]
    texts = [t.get_text() for t in ax.texts]
    assert label("group", lang, n=1) in texts and label("group", lang, n=2) in texts
    assert label("no_timeline", lang) in texts


def test_task_gantt_open_ended_task_runs_to_the_right_edge() -> None:
    ax = charts.task_gantt(tasks(), source=SOURCE["vi"]).axes[0]
    right = ax.get_xlim()[1]
    by_gid = {p.get_gid(): p for p in ax.patches if p.get_gid()}
    bar = by_gid["task-1.2"]  # 2026 - 2030 và các năm tiếp theo
    assert bar.get_x() == 2026 and bar.get_x() + bar.get_width() == 2031
    ext = by_gid["continues-1.2"]
    assert ext.get_x() == 2031 and ext.get_x() + ext.get_width() == right > 2031
    ext = by_gid["continues-2.2"]  # 2027 và các năm tiếp theo
    assert ext.get_x() == 2028 and ext.get_x() + ext.get_width() == right
    assert ext.get_hatch()
    # a closed task stops at its end year; a task without years has no bar
    assert "continues-1.1" not in by_gid and "continues-2.1" not in by_gid
    assert by_gid["task-1.1"].get_x() + by_gid["task-1.1"].get_width() == 2027
    assert "task-1.3" not in by_gid


def test_task_gantt_groups_are_separated_in_order() -> None:
    ax = charts.task_gantt(tasks().iloc[::-1], source=SOURCE["vi"]).axes[0]
    assert [label.split()[0] for label in tick_labels(ax)] == ["1.3", "1.2", "1.1", "2.2", "2.1"]
    heads = [t for t in ax.texts if t.get_text().startswith("Nhóm")]
    rows = [t.get_position()[1] for t in heads]
    assert rows == [0, 4]  # a header row before each group


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_active_by_year(lang: str) -> None:
    ax = charts.active_by_year(active(), lang=lang, source=SOURCE[lang]).axes[0]
    assert tick_labels(ax, "x") == ["2026", "2027", "2028", "2029", "2030", label("after", lang, year=2030)]
    names = [s for _, s, _ in AGENCIES] if lang == "vi" else [e for _, _, e in AGENCIES]
    assert sorted(tick_labels(ax)) == sorted(names)
    assert ax.get_xlabel() == label("year", lang)
    first = tick_labels(ax).index(names[2])  # n_active = agency index + period index
    cells = [t.get_text() for t in ax.texts][first * 6 : (first + 1) * 6]
    assert cells == ["2", "3", "4", "5", "6", "7"]


# ---------------------------------------------------------------- files


@pytest.mark.parametrize("name", list(CHARTS))
def test_save_figure_is_byte_identical(name: str, tmp_path: Path) -> None:
    first = charts.save_figure(CHARTS[name]("vi"), tmp_path / "a" / name)
    second = charts.save_figure(CHARTS[name]("vi"), tmp_path / "b" / name)
    assert [p.name for p in first] == [f"{name}.png", f"{name}.svg"]
    assert first[0].read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    svg = first[1].read_text(encoding="utf-8")
    assert "<svg" in svg and "<dc:date>" not in svg
    assert b"matplotlib" not in first[0].read_bytes().split(b"IDAT")[0]  # no Software chunk
    assert [sha256(p) for p in first] == [sha256(p) for p in second]


def test_save_figure_closes_a_pyplot_figure(tmp_path: Path) -> None:
    plt = pytest.importorskip("matplotlib.pyplot")
    fig = plt.figure()
    fig.suptitle("Sở Nông nghiệp và Môi trường")
    charts.save_figure(fig, tmp_path / "plain")
    assert fig.number not in plt.get_fignums()


# ---------------------------------------------------------------- glyphs


def render_all(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> tuple[list[str], list[str]]:
    with (
        warnings.catch_warnings(record=True) as caught,
        caplog.at_level(logging.WARNING, logger="matplotlib.font_manager"),
    ):
        warnings.simplefilter("always")
        for name, make in CHARTS.items():
            charts.save_figure(make("vi"), tmp_path / name)
    messages = [str(w.message) for w in caught] + [r.getMessage() for r in caplog.records]
    return messages, [m for m in messages if "missing" in m.lower() or "findfont" in m.lower()]


def test_vietnamese_text_has_no_missing_glyphs(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    _, problems = render_all(tmp_path, caplog)
    assert problems == []


def test_missing_glyph_check_would_catch_a_missing_glyph(tmp_path: Path) -> None:
    """The check above is live: a glyph DejaVu Sans lacks (CJK) does warn."""
    fig = charts.lead_coordinate_bars(
        workload().assign(short_name=["中文", "b", "c", "d"]), source=SOURCE["vi"]
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        charts.save_figure(fig, tmp_path / "cjk")
    assert any("missing" in str(w.message).lower() for w in caught)


# ---------------------------------------------------------------- what a reader checks by eye


def test_bars_are_sorted_by_tasks_led_then_coordinated() -> None:
    frame = workload().assign(n_lead=[2, 9, 2, 3], n_coordinate=[19, 0, 27, 0])
    ax = charts.lead_coordinate_bars(frame, source=SOURCE["vi"]).axes[0]
    # 9, 3, then the two agencies leading 2: more coordinated first
    assert tick_labels(ax) == [
        "Sở NN&MT",
        "Sở Khoa học và Công nghệ",
        "Các sở, ban, ngành",
        "UBND xã, phường",
    ]
    lead = sorted((p for p in ax.patches if p.get_gid() == "lead"), key=lambda p: p.get_y())
    assert [p.get_width() for p in lead] == [9, 3, 2, 2]


def test_english_gantt_names_every_co_lead() -> None:
    frame = tasks()
    frame.loc[0, "lead_label"] = (
        "All provincial departments, boards and sectors; "
        "Commune and ward People's Committees; Department of Construction"
    )
    ax = charts.task_gantt(frame, lang="en", source=SOURCE["en"]).axes[0]
    first = tick_labels(ax)[0]
    for name in frame.loc[0, "lead_label"].split("; "):
        assert name in first  # every lead in full, none clipped or hidden


def test_svg_keeps_editable_text_in_a_named_font(tmp_path: Path) -> None:
    _, svg = charts.save_figure(CHARTS["bars"]("vi"), tmp_path / "bars")
    text = svg.read_text(encoding="utf-8")
    assert "<text" in text and "DejaVu Sans" in text
    assert "Số nhiệm vụ chủ trì và phối hợp theo cơ quan" in text  # searchable, not drawn as paths


@pytest.mark.parametrize("name", list(CHARTS))
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_chart_says_what_it_shows(name: str, lang: str) -> None:
    fig = CHARTS[name](lang)
    assert fig.alt and repr(fig) == fig.alt  # the notebook's text/plain, the report's alt text
    assert fig.alt.count(". ") == 0 and fig.alt.endswith(".")  # one sentence
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", fig.alt)  # no snake_case


def test_alt_text_quotes_a_name_with_a_comma() -> None:
    fig = CHARTS["bars"]("vi")
    assert "“UBND xã, phường” chủ trì nhiều nhất (10 nhiệm vụ)" in fig.alt


@pytest.mark.parametrize("size", ["slide", "page"])
@pytest.mark.parametrize("name", list(CHARTS))
def test_sizes_keep_the_shape_and_the_type_legible(name: str, size: str) -> None:
    make = {"bars": charts.lead_coordinate_bars, "gantt": charts.task_gantt, "active": charts.active_by_year}
    if name == "heatmap":
        fig = charts.group_heatmap(matrix(), groups(), source=SOURCE["vi"], size=size)
    else:
        fig = make[name](
            {"bars": workload, "gantt": tasks, "active": active}[name](), source=SOURCE["vi"], size=size
        )
    width, height = fig.get_size_inches()
    expected = (13.333, 7.5) if size == "slide" else (3.4, 2.6)
    assert (width, height) == pytest.approx(expected)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    drawn = [t for t in fig.findobj(mpl.text.Text) if t.get_text().strip()]
    assert min(t.get_fontsize() for t in drawn) >= frame.MIN_PT
    if size == "slide":  # readable from the back of a room: no text under 12 pt
        assert min(t.get_fontsize() for t in drawn) >= 12
    hidden = set()  # tick labels beyond the axis range are not drawn
    for ax in fig.axes:
        low, high = sorted(ax.get_xlim())
        hidden |= {id(t) for t in ax.get_xticklabels(which="both") if not low <= t.get_position()[0] <= high}
    text_boxes(fig, [t for t in drawn if t.get_visible() and id(t) not in hidden], canvas.get_renderer())


def test_the_slide_gantt_counts_tasks_by_group_and_year() -> None:
    titled = tasks().merge(groups(), on="group_id")
    fig = charts.task_gantt(titled, source=SOURCE["vi"], size="slide")
    ax = fig.axes[0]
    assert tick_labels(ax) == ["Nhóm 1 (3)", "Nhóm 2 (2)"]
    # group 1 in 2026: tasks 1.1 and 1.2 (1.3 has no years); after 2030: 1.2 goes on
    cells = [t.get_text() for t in ax.texts]
    assert cells[:6] == ["2", "1", "1", "1", "1", "1"]
    assert any("Nhóm 1: Khắc phục" in t for t in all_text(fig))
    assert any(SOURCE["vi"] in t for t in all_text(fig))


def test_the_gantt_says_how_many_deadlines_could_not_be_read() -> None:
    frame = tasks().assign(timeline_kind=["year", "range", "other", "range", "reference"])
    frame.loc[4, ["start_year", "end_year"]] = pd.NA
    for lang, unread, no_years in (
        ("vi", "1 nhiệm vụ không xác định được thời hạn", "1 nhiệm vụ không có trên biểu đồ"),
        ("en", "1 tasks have a deadline that could not be read", "1 tasks are not on the chart"),
    ):
        text = " ".join(all_text(charts.task_gantt(frame, lang=lang, source=SOURCE[lang])))
        assert unread in text and no_years not in text  # the print size lists the rows without years
        assert label("no_years.other", lang) in text and label("no_years.reference", lang) in text
        page = " ".join(all_text(charts.task_gantt(frame, lang=lang, source=SOURCE[lang], size="page")))
        assert unread in page.replace("\n", " ") and no_years in page.replace("\n", " ")
    quiet = " ".join(all_text(charts.task_gantt(tasks(), source=SOURCE["vi"])))
    assert "không xác định được thời hạn" not in quiet


def test_the_gantt_years_come_from_the_tasks() -> None:
    frame = tasks().assign(
        start_year=pd.array([2026] * 5, dtype="Int64"),
        end_year=pd.array([2026] * 5, dtype="Int64"),
        open_ended=False,
    )
    ax = charts.task_gantt(frame, source=SOURCE["vi"]).axes[0]
    assert tick_labels(ax, "x") == ["2026", "sau 2026"]
