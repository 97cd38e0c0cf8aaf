"""Network drawings: deterministic files, both languages, edges by role, layout, tiny graphs."""

from __future__ import annotations

import hashlib
import unicodedata
import warnings
from pathlib import Path

import matplotlib as mpl
import networkx as nx
import numpy as np
import pytest
from figure_checks import SOURCE, text_boxes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from plan132lib import Plan, charts
from plan132lib.analysis import network
from plan132lib.charts import network as nc
from plan132lib.words import LANGS, words

OPTIONS = ("keep", "drop", "expand")
DRAWINGS = {"two_mode": nc.two_mode_drawing, "projection": nc.projection_drawing}
Graphs = dict[tuple[str, str], nx.Graph]


@pytest.fixture(scope="module")
def graphs(plan: Plan) -> Graphs:
    """(drawing, collectives) -> the graph that drawing takes, built once from the bundled plan."""
    out = {}
    for option in OPTIONS:
        out["two_mode", option] = network.two_mode_graph(plan, option)
        out["projection", option] = network.projection(plan, option)
    return out


def draw(graphs: Graphs, kind: str, option: str = "keep", lang: str = "vi") -> Figure:
    return DRAWINGS[kind](graphs[kind, option], lang=lang, source=SOURCE.get(lang, ""))


def texts(fig: Figure) -> list[str]:
    """Every non-empty string on the figure, line breaks as spaces."""
    return [t.get_text().replace("\n", " ") for t in fig.findobj(mpl.text.Text) if t.get_text().strip()]


def collections(fig: Figure) -> dict[str, LineCollection]:
    return {c.get_gid(): c for c in fig.axes[0].collections if isinstance(c, LineCollection)}


def colour(collection: LineCollection) -> str:
    return to_hex(collection.get_colors()[0], keep_alpha=False)


def rendered(fig: Figure) -> tuple[FigureCanvasAgg, list[mpl.text.Text]]:
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return canvas, [t for t in fig.findobj(mpl.text.Text) if t.get_text().strip() and t.get_visible()]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---------------------------------------------------------------- labels


def test_labels_have_the_same_keys_in_both_languages_and_are_nfc() -> None:
    assert set(words("network_chart", "vi")) == set(words("network_chart", "en"))
    for lang in LANGS:
        for key, text in words("network_chart", lang).items():
            assert unicodedata.is_normalized("NFC", nc.label(key, lang, n=2))
            assert unicodedata.is_normalized("NFC", text)
    assert nc.label("collectives.keep") == "giữ các mục giao chung"  # plain words, not "mục tập thể"
    assert nc.label("collectives.expand", "en") == "collective entries expanded to members"
    with pytest.raises(ValueError, match="lang"):
        nc.label("collectives.keep", "fr")


@pytest.mark.parametrize("kind", list(DRAWINGS))
def test_bad_lang_raises(graphs: Graphs, kind: str) -> None:
    with pytest.raises(ValueError, match="lang"):
        draw(graphs, kind, lang="fr")


# ---------------------------------------------------------------- files


@pytest.mark.parametrize("option", OPTIONS)
@pytest.mark.parametrize("kind", list(DRAWINGS))
def test_save_twice_is_byte_identical(graphs: Graphs, kind: str, option: str, tmp_path: Path) -> None:
    first = charts.save_figure(draw(graphs, kind, option), tmp_path / "a" / kind)
    second = charts.save_figure(draw(graphs, kind, option), tmp_path / "b" / kind)
    assert [p.suffix for p in first] == [".png", ".svg"]
    assert first[0].read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert [sha256(p) for p in first] == [sha256(p) for p in second]


@pytest.mark.parametrize("kind", list(DRAWINGS))
def test_no_pyplot_and_no_global_state(graphs: Graphs, kind: str) -> None:
    before = dict(mpl.rcParams)
    fig = draw(graphs, kind)
    assert isinstance(fig, Figure) and fig.canvas.manager is None
    assert dict(mpl.rcParams) == before
    assert fig.get_size_inches()[0] == pytest.approx(charts.FIG_WIDTH)


# ---------------------------------------------------------------- languages


@pytest.mark.parametrize("kind", list(DRAWINGS))
def test_vietnamese_by_default(graphs: Graphs, kind: str) -> None:
    fig = DRAWINGS[kind](graphs[kind, "keep"], source=SOURCE["vi"])
    drawn = texts(fig)
    assert "UBND xã, phường" in drawn and "Sở NN&MT" in drawn
    assert fig.get_suptitle() == nc.label(f"title_{kind}", "vi")
    assert any(nc.label("collectives.keep") in t for t in drawn)  # the subtitle names the collectives option
    assert any(t.endswith(SOURCE["vi"]) for t in drawn)  # the last line of the footer
    assert all(unicodedata.is_normalized("NFC", t) for t in drawn)


@pytest.mark.parametrize("kind", list(DRAWINGS))
def test_english(graphs: Graphs, kind: str) -> None:
    fig = draw(graphs, kind, lang="en")
    drawn = texts(fig)
    assert "Department of Agriculture and Environment" in drawn  # wrapped on the figure, joined here
    assert "Commune and ward People's Committees" in drawn
    assert fig.get_suptitle() == nc.label(f"title_{kind}", "en")
    assert nc.label(f"title_{kind}", "vi") not in drawn
    assert any(nc.label("collectives.keep", "en") in t for t in drawn)
    # nothing Vietnamese apart from the place name in the source line
    source = SOURCE["en"]
    vietnamese = [t for t in drawn if any(ord(c) > 127 and c not in "–≥·…" for c in t.replace(source, ""))]
    assert vietnamese == []


def test_english_name_falls_back_to_short_name() -> None:
    g = nx.Graph()
    g.add_node("a", node_type="agency", short_name="Sở A")
    g.add_node("1.1", node_type="task", label="1.1", group_id=1)
    g.add_edge("a", "1.1", role="lead")
    assert "Sở A" in texts(nc.two_mode_drawing(g, lang="en", source=SOURCE["en"]))


def test_strings_are_normalised_to_nfc() -> None:
    g = nx.Graph()
    g.add_node("a", node_type="agency", short_name=unicodedata.normalize("NFD", "Sở Y tế"))
    g.add_node("b", node_type="agency", short_name=unicodedata.normalize("NFD", "Công an tỉnh"))
    g.add_edge("a", "b", weight=2)
    drawn = texts(nc.projection_drawing(g, source=SOURCE["vi"]))
    assert "Sở Y tế" in drawn and "Công an tỉnh" in drawn
    assert all(unicodedata.is_normalized("NFC", t) for t in drawn)


# ---------------------------------------------------------------- two-mode


@pytest.mark.parametrize("option", OPTIONS)
def test_two_mode_edges_by_role(graphs: Graphs, option: str) -> None:
    g = graphs["two_mode", option]
    lines = collections(draw(graphs, "two_mode", option))
    assert set(lines) == {"lead-edges", "coordinate-edges"}
    roles = [d["role"] for *_, d in g.edges(data=True)]
    by_role = {role: roles.count(role) for role in ("lead", "coordinate")}
    assert len(lines["lead-edges"].get_segments()) == by_role["lead"] > 0
    assert len(lines["coordinate-edges"].get_segments()) == by_role["coordinate"]
    assert colour(lines["lead-edges"]) == charts.COLORS["lead"].lower()
    assert colour(lines["coordinate-edges"]) == charts.COLORS["coordinate"].lower()
    # coordinating ties: thinner and dashed
    assert lines["coordinate-edges"].get_linewidths()[0] < lines["lead-edges"].get_linewidths()[0]
    assert lines["coordinate-edges"].get_linestyles()[0][1] is not None
    assert lines["lead-edges"].get_linestyles()[0][1] is None


def test_two_mode_expand_is_drawn_lighter(graphs: Graphs) -> None:
    keep = collections(draw(graphs, "two_mode", "keep"))["coordinate-edges"]
    expand = collections(draw(graphs, "two_mode", "expand"))["coordinate-edges"]
    assert graphs["two_mode", "expand"].number_of_edges() == 341
    assert expand.get_alpha() < keep.get_alpha()
    assert expand.get_linewidths()[0] < keep.get_linewidths()[0]


def test_two_mode_layout(graphs: Graphs) -> None:
    g = graphs["two_mode", "keep"]
    ax = draw(graphs, "two_mode").axes[0]
    # the segments end at the agency column (x = 0) and the task column (x = 1)
    for segment in collections(ax.figure)["lead-edges"].get_segments():
        assert sorted(segment[:, 0]) == [0.0, 1.0]
    task_y = {t.get_text(): t.get_position()[1] for t in ax.texts if t.get_position()[0] == 1.0}
    tasks = [n for n, d in g.nodes(data=True) if d["node_type"] == "task"]
    ys = [task_y[t] for t in tasks]
    assert ys == sorted(ys) and len(set(ys)) == len(ys) == 29  # plan order, top to bottom
    assert ax.yaxis_inverted()
    groups = [t.get_text() for t in ax.texts if t.get_text().startswith("Nhóm")]
    assert groups == [f"Nhóm {i}" for i in range(1, 7)]
    footnote = "\n".join(texts(ax.figure))
    assert "Nhóm 2: Khắc phục, cải thiện chất lượng môi trường" in footnote
    # agencies top to bottom by number of tasks
    names = {d["short_name"]: n for n, d in g.nodes(data=True) if d["node_type"] == "agency"}
    agency_y = {names[t.get_text()]: t.get_position()[1] for t in ax.texts if t.get_text() in names}
    ranked = sorted(agency_y, key=agency_y.get)
    assert [g.degree(n) for n in ranked] == sorted((g.degree(n) for n in ranked), reverse=True)
    assert ranked[0] == "ubnd-xa-phuong"


def test_two_mode_collectives_are_hollow(graphs: Graphs) -> None:
    def points(option: str) -> dict[str, PathCollection]:
        ax = draw(graphs, "two_mode", option).axes[0]
        return {c.get_gid(): c for c in ax.collections if isinstance(c, PathCollection)}

    keep = points("keep")
    assert len(keep["collectives"].get_offsets()) == 2 and len(keep["agencies"].get_offsets()) == 10
    assert tuple(keep["collectives"].get_facecolors()[0]) == (1.0, 1.0, 1.0, 1.0)
    assert len(keep["tasks"].get_offsets()) == 29
    assert "collectives" not in points("drop")


# ---------------------------------------------------------------- projection


@pytest.mark.parametrize("option", OPTIONS)
def test_projection_edges_and_widths(graphs: Graphs, option: str) -> None:
    g = graphs["projection", option]
    lines = collections(draw(graphs, "projection", option))
    assert set(lines) == {"co-lead-edges", "other-edges"}
    co_lead = sum(d["lead_lead"] > 0 for *_, d in g.edges(data=True))
    assert len(lines["co-lead-edges"].get_segments()) == co_lead
    assert len(lines["other-edges"].get_segments()) == g.number_of_edges() - co_lead
    assert colour(lines["co-lead-edges"]) == charts.COLORS["lead"].lower()
    assert colour(lines["co-lead-edges"]) != colour(lines["other-edges"])
    widths = np.concatenate([c.get_linewidths() for c in lines.values() if len(c.get_segments())])
    weights = [d["weight"] for *_, d in g.edges(data=True)]
    if min(weights) < max(weights):
        assert widths.max() == pytest.approx(6) and widths.min() == pytest.approx(0.6)
    else:  # expand: every pair shares every task
        assert set(widths) == {1.5}


def test_projection_widths_follow_weights(graphs: Graphs) -> None:
    g = graphs["projection", "drop"]
    lines = collections(draw(graphs, "projection", "drop"))
    pos = {}
    ax = lines["other-edges"].axes
    names = {d["short_name"]: n for n, d in g.nodes(data=True)}
    for t in ax.texts:
        if t.get_text() in names:
            pos[tuple(np.round(t.get_position(), 9))] = names[t.get_text()]
    for collection in lines.values():
        for segment, width in zip(collection.get_segments(), collection.get_linewidths(), strict=True):
            u, v = (pos[tuple(np.round(p, 9))] for p in segment)
            assert width == pytest.approx(0.6 + 5.4 * (g[u][v]["weight"] - 1) / (9 - 1))


def test_projection_layout_is_a_circle_by_weighted_degree(graphs: Graphs) -> None:
    g = graphs["projection", "keep"]
    ax = draw(graphs, "projection").axes[0]
    names = {d["short_name"]: n for n, d in g.nodes(data=True)}
    pos = {names[t.get_text()]: t.get_position() for t in ax.texts if t.get_text() in names}
    assert len(pos) == g.number_of_nodes()
    assert all(np.hypot(*p) == pytest.approx(1) for p in pos.values())
    top = max(pos, key=lambda n: pos[n][1])
    assert g.degree(top, weight="weight") == max(d for _, d in g.degree(weight="weight"))
    strongest = [t.get_text() for t in ax.texts if t.get_text().isdigit()]
    assert strongest.count("29") == 1  # the one pair sharing all 29 tasks is labelled
    assert strongest.count("22") == 2  # and the two pairs sharing 22


# ---------------------------------------------------------------- legibility


@pytest.mark.parametrize(
    ("kind", "option", "lang"), [(k, o, lang) for k in DRAWINGS for o in OPTIONS for lang in ("vi", "en")]
)
def test_text_inside_the_figure_and_labels_apart(graphs: Graphs, kind: str, option: str, lang: str) -> None:
    fig = draw(graphs, kind, option, lang)
    canvas, drawn = rendered(fig)
    renderer = canvas.get_renderer()
    text_boxes(fig, drawn, renderer)
    legend = fig.axes[0].get_legend().get_window_extent(renderer)
    for collection in fig.axes[0].collections:
        if isinstance(collection, PathCollection):  # nodes
            points = collection.get_offset_transform().transform(collection.get_offsets())
            assert not any(legend.contains(*p) for p in points)


# ---------------------------------------------------------------- tiny graphs


def tiny_two_mode() -> nx.Graph:
    g = nx.Graph(collectives="drop")
    g.add_node(
        "so-a",
        node_type="agency",
        bipartite=0,
        short_name="Sở A",
        name_en="Department A",
        is_collective=False,
    )
    g.add_node(
        "1.1",
        node_type="task",
        bipartite=1,
        label="1.1",
        group_id=1,
        group_title="Nhóm nhiệm vụ về khắc phục, cải thiện chất lượng môi trường",
    )
    g.add_edge("so-a", "1.1", role="lead")
    return g


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_tiny_graphs_draw(lang: str, tmp_path: Path) -> None:
    one_node = nx.Graph(collectives="keep")
    one_node.add_node("so-a", short_name="Sở A", is_collective=False)
    no_edges = nx.Graph()
    no_edges.add_nodes_from(
        [("so-a", {"short_name": "Sở A"}), ("cac-so", {"short_name": "Các sở", "is_collective": True})]
    )
    coordinate_only = tiny_two_mode()
    coordinate_only.edges["so-a", "1.1"]["role"] = "coordinate"
    figures = {
        "two_mode": nc.two_mode_drawing(tiny_two_mode(), lang, source=SOURCE[lang]),
        "two_mode_coordinate_only": nc.two_mode_drawing(coordinate_only, lang, source=SOURCE[lang]),
        "two_mode_empty": nc.two_mode_drawing(nx.Graph(), lang, source=SOURCE[lang]),
        "projection_one": nc.projection_drawing(one_node, lang, source=SOURCE[lang]),
        "projection_no_edges": nc.projection_drawing(no_edges, lang, source=SOURCE[lang]),
        "projection_empty": nc.projection_drawing(nx.Graph(), lang, source=SOURCE[lang]),
    }
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no layout or aspect warnings either
        for name, fig in figures.items():
            assert all(p.stat().st_size > 0 for p in charts.save_figure(fig, tmp_path / name))
    lines = collections(figures["two_mode"])
    assert len(lines["lead-edges"].get_segments()) == 1 and len(lines["coordinate-edges"].get_segments()) == 0
    assert nc.label("no_pairs", lang) in texts(figures["projection_no_edges"])
    assert all(len(c.get_segments()) == 0 for c in collections(figures["projection_one"]).values())


def test_missing_attributes_fall_back() -> None:
    g = nx.Graph()
    g.add_node("a", bipartite=0)  # no names: the id is the label
    g.add_node("t", bipartite=1)  # no node_type, no group
    g.add_edge("a", "t")  # no role: drawn as coordinating
    fig = nc.two_mode_drawing(g, source="Nguồn: thử")
    lines = collections(fig)
    assert len(lines["coordinate-edges"].get_segments()) == 1
    drawn = texts(fig)
    assert {"a", "t", nc.label("no_group")} <= set(drawn)
    assert any(t.endswith("Nguồn: thử") for t in drawn)
    p = nx.Graph()
    p.add_edge("a", "b")  # no weight: 1, no lead_lead: not co-lead
    lines = collections(nc.projection_drawing(p, source=SOURCE["vi"]))
    assert len(lines["other-edges"].get_segments()) == 1
