"""The agency–task network: counts, a pair checked by hand, collectives, measures, exports."""

from __future__ import annotations

import hashlib
import unicodedata
from itertools import combinations
from pathlib import Path

import networkx as nx
import pytest
from networkx.algorithms import bipartite

from plan132lib import load_plan
from plan132lib.analysis import network, workload
from plan132lib.render.graph_files import network_files, network_tables, write_gexf, write_graphml

BUNDLED = Path(__file__).resolve().parents[2] / "data" / "raw" / "ke-hoach-132-KH-UBND-2026-04-16-hung-yen.md"
OPTIONS = ("keep", "drop", "expand")


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# ------------------------------------------------------------------ counts


def test_two_mode_counts_match_the_assignments(plan):
    g = network.two_mode_graph(plan)
    agencies = [n for n, d in g.nodes(data=True) if d["node_type"] == "agency"]
    tasks = [n for n, d in g.nodes(data=True) if d["node_type"] == "task"]
    assert len(tasks) == 29 == len(plan.tasks)
    assert sorted(agencies) == sorted(plan.assignments["agency_id"].unique())
    assert len(agencies) == 12
    assert g.number_of_edges() == len(plan.assignments) == 106
    roles = [d["role"] for _, _, d in g.edges(data=True)]
    assert roles.count("lead") == 39 and roles.count("coordinate") == 67
    assert nx.is_bipartite(g) and bipartite.is_bipartite_node_set(g, tasks)


@pytest.mark.parametrize("option", OPTIONS)
def test_every_assignment_is_an_edge_with_its_source_line(plan, option):
    g = network.two_mode_graph(plan, option)
    rows = workload.assignments(plan, option)
    assert g.number_of_edges() == len(rows.drop_duplicates(["task_id", "agency_id"]))
    for r in rows.itertuples():
        edge = g.edges[r.agency_id, r.task_id]
        assert edge["role"] == r.role
        assert edge["source_line"] in {
            int(x) for x in plan.tasks.set_index("task_id").at[r.task_id, "source_lines"].split(";")
        }
    edges = network.two_mode_edges(plan, option)
    assert len(edges) == len(rows)
    assert (edges["raw_name"] != "").all()


def test_task_attributes_for_filtering(plan):
    g = network.two_mode_graph(plan)
    task = g.nodes["2.6"]
    assert task["group_id"] == 2 and task["bipartite"] == 1
    assert task["start_year"] == 2026 and "PM2.5" in task["content"]
    agency = g.nodes["cac-so-ban-nganh"]
    assert agency["is_collective"] is True and agency["kind"] == "collective"
    assert g.nodes["so-nnmt"]["name_en"] == "Department of Agriculture and Environment"
    assert g.nodes["so-nnmt"]["agency_name"] == "Sở Nông nghiệp và Môi trường"
    # a task with no timeline year keeps no start_year attribute rather than a fake value
    for node, data in g.nodes(data=True):
        assert all(value is not None and value == value for value in data.values()), node


# ------------------------------------------------------------------ projection


def test_projection_pair_checked_by_hand(plan):
    """Sở NN&MT and Công an tỉnh: line 147 (task 1.4) names both as leads; Công an tỉnh's only
    other task, 4.2 (line 172), is led by Công an tỉnh alone. So they share exactly one task, lead–lead."""
    g = network.projection(plan)
    edge = g.edges["so-nnmt", "cong-an-tinh"]
    assert edge["weight"] == 1
    assert (edge["lead_lead"], edge["lead_coordinate"], edge["coordinate_coordinate"]) == (1, 0, 0)
    assert edge["tasks"] == "1.4"
    assert "Sở Nông nghiệp và Môi trường, Công an tỉnh" in plan.line(147)
    assert "Công an tỉnh" in plan.line(172)


def test_projection_weights_from_the_document_read_by_eye(expected_tasks, plan):
    """The pair weights, counted from tests/expected/appendix_tasks.json (not from the parser)."""
    registry = plan.registry

    def ids(names: list[str]) -> set[str]:
        return {registry.get(n).agency_id for n in names}

    shared: dict[tuple[str, str], int] = {}
    lead_lead: dict[tuple[str, str], int] = {}
    for task in expected_tasks:
        leads, coords = ids(task["leads"]), ids(task["coordinators"])
        for pair in combinations(sorted(leads | coords), 2):
            shared[pair] = shared.get(pair, 0) + 1
            if set(pair) <= leads:
                lead_lead[pair] = lead_lead.get(pair, 0) + 1
    g = network.projection(plan)
    assert {tuple(sorted(e)): d["weight"] for *e, d in g.edges(data=True)} == shared
    assert {tuple(sorted(e)): d["lead_lead"] for *e, d in g.edges(data=True) if d["lead_lead"]} == lead_lead


@pytest.mark.parametrize("option", OPTIONS)
def test_projection_agrees_with_networkx_bipartite_projection(plan, option):
    g = network.two_mode_graph(plan, option)
    agencies = [n for n, d in g.nodes(data=True) if d["node_type"] == "agency"]
    reference = bipartite.weighted_projected_graph(g, agencies)
    ours = network.projection(plan, option)
    assert set(ours.nodes) == set(reference.nodes)
    assert {frozenset(e): d["weight"] for *e, d in ours.edges(data=True)} == {
        frozenset(e): d["weight"] for *e, d in reference.edges(data=True)
    }
    for _, _, d in ours.edges(data=True):
        assert d["weight"] == d["lead_lead"] + d["lead_coordinate"] + d["coordinate_coordinate"]
        assert d["lead_coordinate"] == d["u_leads"] + d["v_leads"]
        assert len(d["tasks"].split("|")) == d["weight"]


def test_min_weight_filter_keeps_agencies_drops_weak_ties(plan):
    full, strong = network.projection(plan, "drop"), network.projection(plan, "drop", min_weight=2)
    assert set(strong.nodes) == set(full.nodes)
    assert all(d["weight"] >= 2 for *_, d in strong.edges(data=True))
    assert strong.number_of_edges() == sum(d["weight"] >= 2 for *_, d in full.edges(data=True))
    pairs = network.pair_table(plan, "drop", min_weight=2)
    assert len(pairs) == strong.number_of_edges() == 5


# ------------------------------------------------------------------ collectives


def test_collectives_keep_drop_expand(plan):
    keep, drop, expand = (network.two_mode_graph(plan, o) for o in OPTIONS)
    collectives = {"cac-so-ban-nganh", "cac-don-vi-lien-quan"}
    assert collectives <= set(keep.nodes)
    assert not collectives & set(drop.nodes)
    # "Các sở, ban, ngành" coordinates or leads all 29 tasks, "các đơn vị có liên quan" 22 of them (7 say
    # "Các sở, ban, ngành, đơn vị có liên quan", one collective under one determiner)
    assert drop.number_of_edges() == 106 - 29 - 22
    # expand: "Các sở, ban, ngành" becomes the members the plan names; "các đơn vị có liên quan" has
    # none, so it stays
    assert "cac-so-ban-nganh" not in expand and "cac-don-vi-lien-quan" in expand
    members = workload.collective_members(plan)["cac-so-ban-nganh"]
    assert set(members) <= set(expand.nodes)
    assert "bch-quan-su-tinh" not in expand  # a candidate member the plan never names
    via = [d for _, _, d in expand.edges(data=True) if d.get("via") == "cac-so-ban-nganh"]
    assert via and all(d["raw_name"].startswith("Các sở, ban, ngành") for d in via)
    # an agency named in the task keeps its own role: Sở NN&MT leads 1.1 whatever the collective says
    assert expand.edges["so-nnmt", "1.1"]["role"] == "lead" and "via" not in expand.edges["so-nnmt", "1.1"]


def test_collectives_effect_table(plan):
    effect = network.collectives_effect(plan).set_index("collectives")
    assert effect.loc["keep", "n_agencies"] == 12 and effect.loc["drop", "n_agencies"] == 10
    assert effect.loc["expand", "density"] == 1.0  # every member of "Các sở, ban, ngành" is on every task
    assert effect.loc["drop", "top_agency"] == "UBND xã, phường"


# ------------------------------------------------------------------ measures


@pytest.mark.parametrize("option", OPTIONS)
def test_measures_agree_with_networkx(plan, option):
    g = network.projection(plan, option)
    m = network.agency_measures(plan, option).set_index("agency_id")
    between = nx.betweenness_centrality(g)
    eigen = nx.eigenvector_centrality(g, weight="weight", max_iter=10_000, tol=1e-12)
    for agency in g.nodes:
        assert m.at[agency, "degree"] == g.degree(agency)
        assert m.at[agency, "weighted_degree"] == g.degree(agency, weight="weight")
        assert m.at[agency, "betweenness"] == pytest.approx(between[agency], abs=1e-6)
        assert m.at[agency, "eigenvector"] == pytest.approx(eigen[agency], abs=1e-4)
    assert (m["community"] >= 1).all()


def test_hubs_and_brokers_without_collectives(plan):
    hubs = network.hubs_and_brokers(plan, "drop").set_index("short_name")
    assert hubs.index[0] == "UBND xã, phường"
    assert hubs.at["UBND xã, phường", "network_role"] == "hub and broker"
    assert hubs.at["Sở NN&MT", "rank_weighted_degree"] == 2
    assert set(hubs["network_role"]) <= {"hub", "broker", "hub and broker"}


def test_task_ties(plan):
    ties = network.task_ties(plan, "drop").set_index("task_id")
    assert ties.at["1.1", "n_agencies"] == 4  # Sở NN&MT, Sở Xây dựng, Sở Công Thương + UBND xã, phường
    assert ties.at["1.1", "n_pairs"] == 6
    assert ties.at["4.2", "agencies"] == "Công an tỉnh|UBND xã, phường"
    keep = network.task_ties(plan).set_index("task_id")
    assert (keep["n_agencies"] - keep["n_named"]).max() == 2  # the two collective entries


def test_unknown_agency_is_a_node_marked_unknown():
    other = load_plan(Path(__file__).parents[1] / "data" / "other_province_plan.md")
    g = network.two_mode_graph(other)
    unknown = [n for n, d in g.nodes(data=True) if d["node_type"] == "agency" and not d["known"]]
    assert unknown and all(n.startswith("unknown-") for n in unknown)


# ------------------------------------------------------------------ exports


def _same_graph(a: nx.Graph, b: nx.Graph) -> None:
    assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
    assert {frozenset((u, v)): d for u, v, d in a.edges(data=True)} == {
        frozenset((u, v)): d for u, v, d in b.edges(data=True)
    }


@pytest.mark.parametrize("option", OPTIONS)
def test_graphml_reads_back_with_attributes_and_vietnamese(plan, option, tmp_path):
    for g in (network.two_mode_graph(plan, option), network.projection(plan, option)):
        back = nx.read_graphml(write_graphml(g, tmp_path / "g.graphml"))
        _same_graph(g, back)
        assert back.graph["name"] == "Kế hoạch 132/KH-UBND"
    text = (tmp_path / "g.graphml").read_text(encoding="utf-8")
    assert "Ủy ban" in text or "UBND xã, phường" in text


def test_gexf_reads_back(plan, tmp_path):
    g = network.two_mode_graph(plan)
    back = nx.read_gexf(write_gexf(g, tmp_path / "g.gexf", "2026-04-16"))
    assert set(back.nodes) == set(g.nodes) and back.number_of_edges() == g.number_of_edges()
    assert back.nodes["so-nnmt"]["agency_name"] == "Sở Nông nghiệp và Môi trường"
    assert back.nodes["2.6"]["content"] == g.nodes["2.6"]["content"]
    assert back.edges["so-nnmt", "1.1"]["role"] == "lead"
    assert '<meta lastmodifieddate="2026-04-16">' in (tmp_path / "g.gexf").read_text(encoding="utf-8")


def test_hostile_text_is_data_in_graph_files(tmp_path):
    text = BUNDLED.read_text(encoding="utf-8")
    hostile = '=HYPERLINK("x") <script>alert("ô")</script> & "quoted"'
    original = "\tTăng cường công tác đấu tranh phòng, chống tội phạm"
    assert original in text
    source = tmp_path / "hostile.md"
    source.write_text(text.replace(original, "\t" + hostile + " " + original[1:], 1), encoding="utf-8")
    plan = load_plan(source)
    g = network.two_mode_graph(plan)
    assert g.nodes["4.2"]["content"].startswith(hostile)
    assert "<script>" not in write_graphml(g, tmp_path / "h.graphml").read_text(encoding="utf-8")
    assert nx.read_graphml(tmp_path / "h.graphml").nodes["4.2"]["content"] == g.nodes["4.2"]["content"]
    write_gexf(g, tmp_path / "h.gexf", "2026-04-16")
    assert nx.read_gexf(tmp_path / "h.gexf").nodes["4.2"]["content"] == g.nodes["4.2"]["content"]


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_network_files_are_byte_identical(plan, tmp_path):
    first = network_files(plan, tmp_path / "a")
    network_files(load_plan(), tmp_path / "b")
    assert _digests(tmp_path / "a") == _digests(tmp_path / "b")
    names = {p.name for p in first}
    for option in OPTIONS:
        assert {
            f"two_mode_{option}.graphml",
            f"agencies_{option}.gexf",
            f"assignment_edges_{option}.csv",
        } <= names
    edges = (tmp_path / "a" / "assignment_edges_keep.csv").read_text(encoding="utf-8").splitlines()
    assert len(edges) == 1 + 106


def test_network_tables(plan):
    tables = network_tables(plan)
    assert {
        "network_measures",
        "network_measures_drop",
        "network_pairs_expand",
        "network_collectives_effect",
        "network_task_ties",
    } <= set(tables)
    assert tables["network_measures"]["agency_id"].is_unique
