"""Network files for Gephi, Cytoscape and friends: GraphML, GEXF and tidy CSV lists.

Every attribute of every node and edge is written, Vietnamese text as UTF-8
(escaped by the XML writer, so no document text can act as markup). The files
are byte-identical for the same input: nodes and edges keep the graph's order,
and the one date GEXF records is the plan's date, not today's.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pandas as pd
from networkx.readwrite.gexf import GEXFWriter

from ..analysis import network
from ..analysis.workload import COLLECTIVE_OPTIONS
from ..ingest.tables import Plan
from .export import write_csv

GRAPHS = ("two_mode", "agencies")


def write_graphml(g: nx.Graph, path: str | Path) -> Path:
    """Write ``g`` as GraphML (UTF-8, typed attributes); read it back with ``nx.read_graphml``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    nx.write_graphml(g, path, encoding="utf-8", prettyprint=True)
    return path


def write_gexf(g: nx.Graph, path: str | Path, date: str) -> Path:
    """Write ``g`` as GEXF 1.2 with ``date`` (ISO, e.g. the plan's date) as its last-modified date."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    meta = writer.xml.find("meta")
    if meta is None:  # pragma: no cover - networkx always writes one
        raise RuntimeError("the GEXF writer wrote no <meta> element")
    meta.set("lastmodifieddate", date)
    writer.add_graph(g)
    writer.write(path)
    return path


def network_files(plan: Plan, folder: str | Path) -> list[Path]:
    """Write the two-mode graph and the agency projection under each collectives option.

    For option ``o`` (keep / drop / expand), ``folder`` receives:

    - ``two_mode_<o>.graphml|gexf`` and ``agencies_<o>.graphml|gexf``;
    - ``two_mode_nodes_<o>.csv``, ``two_mode_edges_<o>.csv`` (one row per
      task–agency edge), ``assignment_edges_<o>.csv`` (un-aggregated: one row per
      assignment, with its source line), ``agency_nodes_<o>.csv`` and
      ``agency_edges_<o>.csv`` (the projection, weights split by role).
    """
    folder = Path(folder)
    date = plan.meta_value("date") or "2000-01-01"
    written: list[Path] = []
    for option in COLLECTIVE_OPTIONS:
        two_mode = network.two_mode_graph(plan, option)
        agencies = network.projection(plan, option)
        for name, g in (("two_mode", two_mode), ("agencies", agencies)):
            written.append(write_graphml(g, folder / f"{name}_{option}.graphml"))
            written.append(write_gexf(g, folder / f"{name}_{option}.gexf", date))
            written.append(write_csv(network.node_table(g), folder / f"{name}_nodes_{option}.csv"))
            written.append(write_csv(network.edge_table(g), folder / f"{name}_edges_{option}.csv"))
        written.append(
            write_csv(network.two_mode_edges(plan, option), folder / f"assignment_edges_{option}.csv")
        )
    return written


def network_tables(plan: Plan) -> dict[str, pd.DataFrame]:
    """The network measures written to ``tables/`` by the build, for each collectives option.

    The plain names (``network_measures``) hold the plan as written (collectives
    kept); ``_drop`` and ``_expand`` the other two options.
    """
    tables: dict[str, pd.DataFrame] = {}
    for option in COLLECTIVE_OPTIONS:
        suffix = "" if option == "keep" else f"_{option}"
        tables[f"network_measures{suffix}"] = network.agency_measures(plan, option)
        tables[f"network_hubs_brokers{suffix}"] = network.hubs_and_brokers(plan, option)
        tables[f"network_pairs{suffix}"] = network.pair_table(plan, option)
        tables[f"network_task_ties{suffix}"] = network.task_ties(plan, option)
    tables["network_collectives_effect"] = network.collectives_effect(plan)
    return tables
