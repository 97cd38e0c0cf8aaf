"""The agency–task network: who works with whom under the plan.

- :func:`two_mode_graph`: agency nodes and task nodes, one edge per task and
  agency carrying its role ("lead" / "coordinate"), with the attributes an
  analyst filters on (kind, English name, group, timeline, collective or not).
- :func:`projection`: the agency–agency graph; two agencies are tied by the
  tasks they share, split into lead–lead, lead–coordinate and
  coordinate–coordinate; ``min_weight`` drops weaker ties.
- :func:`agency_measures`, :func:`hubs_and_brokers`, :func:`task_ties`,
  :func:`pair_table`: the measures, as tables.

Every function takes ``collectives`` with the meaning of
:mod:`plan132lib.workload`: ``"keep"`` a collective entry ("Các sở, ban,
ngành", …) as one node, ``"drop"`` it, or ``"expand"`` it to its registry
members. Node ids are the plan's own ids: ``agency_id`` (``so-nnmt``) and
``task_id`` (``2.6``); ``node_type`` tells them apart, and ``bipartite`` is 0
for agencies and 1 for tasks (the networkx convention). Attribute values are
plain ``str`` / ``int`` / ``float`` / ``bool``; a missing value is left out,
so that GraphML and GEXF can hold every attribute as written.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from ..ingest.tables import Plan
from . import workload
from .memo import per_plan
from .workload import Collectives

ROLES = ("lead", "coordinate")
SEED = 132
PAIR_KINDS = ("lead_lead", "lead_coordinate", "coordinate_coordinate")


def _plain(value: Any) -> Any:
    """A Python scalar for a graph attribute, or None for a missing value."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if hasattr(value, "item"):  # numpy / pandas scalars
        value = value.item()
    return value


def _attrs(row: dict[str, Any]) -> dict[str, Any]:
    """Graph attributes from a row: plain scalars, missing values and empty text left out."""
    out = {}
    for key, value in row.items():
        value = _plain(value)
        if value is None or value == "":
            continue
        out[key] = value
    return out


def _check_ids(agency_ids: pd.Series, task_ids: pd.Series) -> None:
    clash = sorted(set(agency_ids) & set(task_ids))
    if clash:
        raise ValueError(f"agency and task ids must differ to share one graph; both use {clash}")


@per_plan
def agency_nodes(plan: Plan, collectives: Collectives = "keep") -> pd.DataFrame:
    """One row per agency in the graph, with its names, kind and task counts."""
    load = workload.agency_workload(plan, collectives)
    a = workload.assignments(plan, collectives)
    via = a[a["via"] != ""].groupby("agency_id")["via"].agg(lambda s: "|".join(sorted(set(s)))).rename("via")
    known = plan.agencies.set_index("agency_id")["in_registry"]
    nodes = load.merge(via, left_on="agency_id", right_index=True, how="left").fillna({"via": ""})
    nodes = nodes.assign(
        node_type="agency",
        bipartite=0,
        label=nodes["short_name"],
        known=nodes["agency_id"].map(known).fillna(True).astype(bool),
        n_tasks=nodes["n_tasks"].astype(int),
    )
    return nodes[
        [
            "agency_id",
            "node_type",
            "bipartite",
            "label",
            "agency_name",
            "short_name",
            "name_en",
            "kind",
            "is_collective",
            "known",
            "via",
            "n_lead",
            "n_coordinate",
            "n_tasks",
        ]
    ]


@per_plan
def task_nodes(plan: Plan, collectives: Collectives = "keep") -> pd.DataFrame:
    """One row per task, with group, timeline and how many agencies it ties."""
    ties = task_ties(plan, collectives)[["task_id", "n_agencies", "n_lead", "n_coordinate", "n_named"]]
    t = plan.tasks.merge(ties, on="task_id", how="left")
    t = t.assign(node_type="task", bipartite=1, label=t["task_id"])
    for col in ("n_agencies", "n_lead", "n_coordinate", "n_named"):
        t[col] = t[col].fillna(0).astype(int)
    return t[
        [
            "task_id",
            "node_type",
            "bipartite",
            "label",
            "group_id",
            "group_title",
            "number",
            "content",
            "lead_raw",
            "coordinate_raw",
            "timeline_raw",
            "start_year",
            "end_year",
            "open_ended",
            "timeline_kind",
            "n_agencies",
            "n_lead",
            "n_coordinate",
            "n_named",
            "source_line",
        ]
    ]


@per_plan
def two_mode_edges(plan: Plan, collectives: Collectives = "keep") -> pd.DataFrame:
    """The un-aggregated edges: one row per assignment (task, agency, role) with its source line.

    Under ``expand`` a row expanded from a collective names it in ``via`` and
    carries the collective's source line.
    """
    a = workload.assignments(plan, collectives)
    a = a.assign(_from=a["via"].where(a["via"] != "", a["agency_id"]))
    src = plan.assignments[["task_id", "role", "agency_id", "raw_name", "position", "source_line"]]
    src = src.drop_duplicates(["task_id", "role", "agency_id"])  # an agency named twice: first mention
    e = a.merge(src.rename(columns={"agency_id": "_from"}), on=["task_id", "role", "_from"], how="left")
    missing = e["position"].isna()
    if missing.any():  # pragma: no cover - a broken invariant of workload.assignments
        raise ValueError(f"assignments not in the plan: {e.loc[missing, ['task_id', 'agency_id']]}")
    e["position"] = e["position"].astype(int)
    e["source_line"] = e["source_line"].astype("Int64")  # empty for a plan read from Word, PDF or Excel
    return e[
        [
            "task_id",
            "agency_id",
            "role",
            "via",
            "raw_name",
            "position",
            "agency_name",
            "short_name",
            "name_en",
            "kind",
            "is_collective",
            "source_line",
        ]
    ]


def two_mode_graph(plan: Plan, collectives: Collectives = "keep") -> nx.Graph:
    """Agencies and tasks as one graph, an edge per task–agency tie with its ``role``.

    If the plan names an agency both as lead and as coordinator of one task
    (not the case in Kế hoạch 132), the single edge has role "lead" and
    ``roles`` "lead|coordinate"; :func:`two_mode_edges` keeps both rows.
    """
    agencies = agency_nodes(plan, collectives)
    tasks = task_nodes(plan, collectives)
    _check_ids(agencies["agency_id"], tasks["task_id"])
    g = nx.Graph(name=_title(plan), collectives=collectives, source=_source(plan))
    for row in tasks.to_dict("records"):
        g.add_node(row.pop("task_id"), **_attrs(row))
    for row in agencies.to_dict("records"):
        g.add_node(row.pop("agency_id"), **_attrs(row))
    edges = two_mode_edges(plan, collectives)
    for (task, agency), rows in edges.groupby(["task_id", "agency_id"], sort=False):
        roles = [r for r in ROLES if r in set(rows["role"])]
        first = rows.iloc[0]
        g.add_edge(
            agency,
            task,
            **_attrs(
                {
                    "role": roles[0],
                    "roles": "|".join(roles),
                    "via": first["via"],
                    "raw_name": first["raw_name"],
                    "source_line": first["source_line"],
                }
            ),
        )
    return g


def _title(plan: Plan) -> str:
    return plan.name("vi")


def _source(plan: Plan) -> str:
    return Path(plan.path).name


# ------------------------------------------------------------------ projection


@per_plan
def pair_table(plan: Plan, collectives: Collectives = "keep", min_weight: int = 1) -> pd.DataFrame:
    """Agency pairs that share tasks: one row per pair, strongest first.

    ``weight`` = tasks both take part in; ``lead_lead`` = tasks both lead;
    ``lead_coordinate`` = tasks one leads and the other coordinates
    (``u_leads`` of them led by ``u``, ``v_leads`` by ``v``);
    ``coordinate_coordinate`` = tasks both coordinate. ``tasks`` lists the shared
    task ids in plan order. Pairs with ``weight < min_weight`` are left out.
    """
    a = workload.assignments(plan, collectives)[["task_id", "agency_id", "role"]]
    a = a.drop_duplicates(["task_id", "agency_id"])  # lead first (assignments are sorted lead first)
    pairs = a.merge(a, on="task_id", suffixes=("_u", "_v"))
    pairs = pairs[pairs["agency_id_u"] < pairs["agency_id_v"]]
    lu, lv = pairs["role_u"].eq("lead"), pairs["role_v"].eq("lead")
    pairs = pairs.assign(
        lead_lead=lu & lv,
        lead_coordinate=lu ^ lv,
        coordinate_coordinate=~lu & ~lv,
        u_leads=lu & ~lv,
        v_leads=~lu & lv,
    )
    order = {t: i for i, t in enumerate(plan.tasks["task_id"])}
    pairs = pairs.sort_values("task_id", key=lambda s: s.map(order), kind="stable")
    counts = ["lead_lead", "lead_coordinate", "coordinate_coordinate", "u_leads", "v_leads"]
    table = (
        pairs.groupby(["agency_id_u", "agency_id_v"], sort=True)
        .agg(weight=("task_id", "size"), **{c: (c, "sum") for c in counts}, tasks=("task_id", "|".join))
        .reset_index()
        .rename(columns={"agency_id_u": "u", "agency_id_v": "v"})
    )
    for col in ["weight", *counts]:
        table[col] = table[col].astype(int)
    table = table[table["weight"] >= min_weight]
    names = workload.agency_workload(plan, collectives).set_index("agency_id")
    for end in ("u", "v"):
        table[f"{end}_name"] = table[end].map(names["short_name"])
        table[f"{end}_name_en"] = table[end].map(names["name_en"])
    table = table.sort_values(
        ["weight", "lead_lead", "lead_coordinate", "u", "v"],
        ascending=[False, False, False, True, True],
        kind="stable",
    )
    return table[
        [
            "u",
            "v",
            "u_name",
            "v_name",
            "u_name_en",
            "v_name_en",
            "weight",
            *PAIR_KINDS,
            "u_leads",
            "v_leads",
            "tasks",
        ]
    ].reset_index(drop=True)


def projection(plan: Plan, collectives: Collectives = "keep", min_weight: int = 1) -> nx.Graph:
    """The agency–agency graph: an edge per pair sharing at least ``min_weight`` tasks.

    Every agency of the two-mode graph is a node (isolated if it shares no task
    above the threshold); edge attributes are the columns of :func:`pair_table`.
    """
    g = nx.Graph(name=_title(plan), collectives=collectives, min_weight=min_weight, source=_source(plan))
    for row in agency_nodes(plan, collectives).to_dict("records"):
        g.add_node(row.pop("agency_id"), **_attrs(row))
    pairs = pair_table(plan, collectives, min_weight)
    for row in pairs.to_dict("records"):
        u, v = row.pop("u"), row.pop("v")
        g.add_edge(
            u, v, **_attrs({k: row[k] for k in ("weight", *PAIR_KINDS, "u_leads", "v_leads", "tasks")})
        )
    return g


# ------------------------------------------------------------------ measures


def communities(g: nx.Graph, seed: int = SEED) -> dict[str, int]:
    """Louvain communities of a projection (weighted, seeded), numbered 1… largest first."""
    if g.number_of_edges() == 0:
        groups = [{n} for n in g.nodes]
    else:
        groups = nx.community.louvain_communities(g, weight="weight", seed=seed)
    ranked = sorted(groups, key=lambda c: (-len(c), min(c)))
    return {node: i for i, group in enumerate(ranked, start=1) for node in group}


def eigenvector(g: nx.Graph, weight: str = "weight") -> dict[str, float]:
    """Weighted eigenvector centrality, unit length, from the symmetric adjacency matrix.

    Computed with ``numpy.linalg.eigh`` (exact, no iteration to converge, no
    scipy needed). In a disconnected graph the agencies outside the leading
    component get 0, as the definition implies.
    """
    nodes = list(g.nodes)
    if g.number_of_edges() == 0:
        return dict.fromkeys(nodes, 0.0)
    matrix = nx.to_numpy_array(g, nodelist=nodes, weight=weight)
    _, vectors = np.linalg.eigh(matrix)
    lead = np.abs(vectors[:, -1])
    lead[lead < 1e-12] = 0.0
    return {n: float(v) for n, v in zip(nodes, lead / np.linalg.norm(lead), strict=True)}


@per_plan
def agency_measures(plan: Plan, collectives: Collectives = "keep", min_weight: int = 1) -> pd.DataFrame:
    """Per agency: tasks, partners and centralities in the agency projection.

    - ``n_tasks`` / ``n_lead`` / ``n_coordinate``: its tasks (two-mode degree);
    - ``degree``: agencies it shares a task with; ``weighted_degree``: the sum of
      shared tasks over those partners;
    - ``betweenness``: normalised betweenness in the projection (unweighted
      shortest paths): how often it lies between two other agencies;
    - ``eigenvector``: weighted eigenvector centrality (0 for an isolated node);
    - ``community``: Louvain community (seeded), 1 = largest.

    Sorted by weighted degree, then tasks, then id.
    """
    g = projection(plan, collectives, min_weight)
    nodes = agency_nodes(plan, collectives).set_index("agency_id")
    ids = list(nodes.index)
    between = nx.betweenness_centrality(g, normalized=True)
    eigen = eigenvector(g)
    comm = communities(g)
    table = pd.DataFrame(
        {
            "agency_id": ids,
            "n_tasks": [int(nodes.at[i, "n_tasks"]) for i in ids],
            "n_lead": [int(nodes.at[i, "n_lead"]) for i in ids],
            "n_coordinate": [int(nodes.at[i, "n_coordinate"]) for i in ids],
            "degree": [g.degree(i) for i in ids],
            "weighted_degree": [int(g.degree(i, weight="weight")) for i in ids],
            "betweenness": [round(between.get(i, 0.0), 6) for i in ids],
            "eigenvector": [round(eigen[i], 6) for i in ids],
            "community": [comm[i] for i in ids],
        }
    )
    names = nodes[["short_name", "agency_name", "name_en", "kind", "is_collective"]]
    table = table.merge(names, left_on="agency_id", right_index=True)
    table = table.sort_values(
        ["weighted_degree", "n_tasks", "agency_id"], ascending=[False, False, True], kind="stable"
    )
    return table[
        [
            "agency_id",
            "short_name",
            "agency_name",
            "name_en",
            "kind",
            "is_collective",
            "n_tasks",
            "n_lead",
            "n_coordinate",
            "degree",
            "weighted_degree",
            "betweenness",
            "eigenvector",
            "community",
        ]
    ].reset_index(drop=True)


def hubs_and_brokers(
    plan: Plan, collectives: Collectives = "keep", top: int = 3, min_weight: int = 1
) -> pd.DataFrame:
    """The agencies an analyst would name: hubs and brokers, with their ranks.

    A **hub** is among the ``top`` agencies by weighted degree (most shared
    tasks); a **broker** is among the ``top`` by betweenness, with betweenness
    above zero (it links agencies that share no task with each other). Ranks
    are dense, 1 = highest; ties share a rank, so more than ``top`` agencies can
    qualify. Only agencies that are a hub or a broker are listed.
    """
    m = agency_measures(plan, collectives, min_weight)
    m = m.assign(
        rank_weighted_degree=m["weighted_degree"].rank(method="dense", ascending=False).astype(int),
        rank_betweenness=m["betweenness"].rank(method="dense", ascending=False).astype(int),
        rank_eigenvector=m["eigenvector"].rank(method="dense", ascending=False).astype(int),
    )
    hub = m["rank_weighted_degree"] <= top
    broker = (m["rank_betweenness"] <= top) & (m["betweenness"] > 0)
    m["network_role"] = (
        hub.map({True: "hub", False: ""})
        + (hub & broker).map({True: " and ", False: ""})
        + broker.map({True: "broker", False: ""})
    )
    return m[hub | broker].reset_index(drop=True)


@per_plan
def task_ties(plan: Plan, collectives: Collectives = "keep") -> pd.DataFrame:
    """Per task: how many agencies it ties together, and the agency pairs it creates.

    ``n_named`` counts the agencies that are not collective entries;
    ``n_pairs`` = n·(n−1)/2 agency pairs the task adds to the projection.
    """
    a = workload.assignments(plan, collectives).drop_duplicates(["task_id", "agency_id"])
    per = a.groupby("task_id").agg(
        n_agencies=("agency_id", "nunique"),
        n_lead=("role", lambda s: int((s == "lead").sum())),
        n_coordinate=("role", lambda s: int((s == "coordinate").sum())),
        n_named=("is_collective", lambda s: int((~s.astype(bool)).sum())),
        agencies=("short_name", "|".join),
    )
    t = plan.tasks[["task_id", "group_id", "content"]].merge(
        per, left_on="task_id", right_index=True, how="left"
    )
    for col in ("n_agencies", "n_lead", "n_coordinate", "n_named"):
        t[col] = t[col].fillna(0).astype(int)
    t["agencies"] = t["agencies"].fillna("")
    t["n_pairs"] = t["n_agencies"] * (t["n_agencies"] - 1) // 2
    return t[
        [
            "task_id",
            "group_id",
            "content",
            "n_agencies",
            "n_lead",
            "n_coordinate",
            "n_named",
            "n_pairs",
            "agencies",
        ]
    ].reset_index(drop=True)


def collectives_effect(plan: Plan) -> pd.DataFrame:
    """The network under each collectives option: size, density, hubs, components."""
    rows = []
    for option in workload.COLLECTIVE_OPTIONS:
        g = projection(plan, option)
        m = agency_measures(plan, option)
        top = m.iloc[0] if len(m) else None
        rows.append(
            {
                "collectives": option,
                "n_agencies": g.number_of_nodes(),
                "n_pairs": g.number_of_edges(),
                "density": round(nx.density(g), 4) if g.number_of_nodes() > 1 else 0.0,
                "n_components": nx.number_connected_components(g),
                "n_isolated": nx.number_of_isolates(g),
                "n_communities": int(m["community"].nunique()),
                "top_agency": top["short_name"] if top is not None else "",
                "top_weighted_degree": int(top["weighted_degree"]) if top is not None else 0,
                "max_betweenness_agency": m.sort_values("betweenness", ascending=False, kind="stable").iloc[
                    0
                ]["short_name"]
                if len(m)
                else "",
            }
        )
    return pd.DataFrame(rows)


def node_table(g: nx.Graph) -> pd.DataFrame:
    """Every node of a graph with every attribute (the tidy node list)."""
    rows = [{"id": n, **d} for n, d in g.nodes(data=True)]
    keys = list(dict.fromkeys(itertools.chain.from_iterable(rows)))
    return pd.DataFrame(rows, columns=keys)


def edge_table(g: nx.Graph) -> pd.DataFrame:
    """Every edge of a graph with every attribute (the tidy edge list)."""
    rows = [{"source": u, "target": v, **d} for u, v, d in g.edges(data=True)]
    keys = list(dict.fromkeys(itertools.chain(["source", "target"], itertools.chain.from_iterable(rows))))
    return pd.DataFrame(rows, columns=keys)
