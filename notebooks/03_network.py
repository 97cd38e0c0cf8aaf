# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     notebook_metadata_filter: plan132,-jupytext.text_representation.jupytext_version
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 03 · Who works with whom: the agency–task network
#
# Every assignment in the appendix ties an agency to a task, as lead (*chủ trì*) or coordinator
# (*phối hợp*). Seen as a network, the plan shows which agencies are **hubs** (many shared tasks),
# which are **brokers** (the only link between agencies that share no task), which **pairs**
# work together most, and which tasks tie the most agencies together.
#
# Two graphs are used:
#
# - the **two-mode graph**: agencies and tasks as nodes, one edge per assignment with its role;
# - the **agency projection**: agencies only; two agencies are tied by the tasks they share
#   (`weight`), split into lead–lead, lead–coordinate and coordinate–coordinate.
#
# The plan names two catch-all entries, "Các sở, ban, ngành" and "các đơn vị có liên quan",
# on almost every task. They tie everybody to everybody, so each measure is shown with these
# **collectives** kept (as the plan writes them), dropped, or expanded to their members (the
# registry's list for "Các sở, ban, ngành"; "các đơn vị có liên quan" has no list and stays).

# %% tags=["parameters"]
PLAN = None  # path to a plan (PDF, Word, Excel or the text export); None = the bundled plan

# %%
# %matplotlib inline
import networkx as nx
import pandas as pd
from IPython.display import Markdown

from plan132lib import charts, load_plan
from plan132lib.analysis import network
from plan132lib.charts import network as network_charts

pd.set_option("display.max_colwidth", 60)
plan = load_plan(PLAN)
source = charts.plan_source(plan, "en")
two_mode = network.two_mode_graph(plan)
agencies = [n for n, d in two_mode.nodes(data=True) if d["node_type"] == "agency"]
Markdown(f"**{plan.citation('en')}**. The two-mode graph has **{len(agencies)} agencies**, "
         f"**{two_mode.number_of_nodes() - len(agencies)} tasks** and "
         f"**{two_mode.number_of_edges()} edges**, one per assignment "
         f"({len(plan.assignments)} rows in `plan.assignments`).")

# %% [markdown]
# ## The two-mode graph, by task group
#
# Tasks are placed by group; lead edges are solid, coordinating edges dashed.

# %%
network_charts.two_mode_drawing(two_mode, source=source)

# %% [markdown]
# ## With the collectives kept, everybody is tied to everybody
#
# The projection as the plan writes it: the strongest ties are between the catch-all entries
# and "UBND xã, phường", which appear on every task.

# %%
keep = network.projection(plan, "keep")
network_charts.projection_drawing(keep, source=source)

# %%
pairs_keep = network.pair_table(plan, "keep")
pairs_keep[["u_name", "v_name", "weight", "lead_lead", "lead_coordinate",
            "coordinate_coordinate"]].head(6)

# %% [markdown]
# ## The named agencies only
#
# Dropping the collective entries leaves the ties the plan actually spells out.

# %%
drop = network.projection(plan, "drop")
network_charts.projection_drawing(drop, source=source)

# %%
measures = network.agency_measures(plan, "drop")
measures[["short_name", "kind", "n_tasks", "n_lead", "n_coordinate", "degree", "weighted_degree",
          "betweenness", "eigenvector", "community"]]

# %% [markdown]
# **Reading the measures.** `degree`: agencies it shares a task with; `weighted_degree`: the
# shared tasks summed over those partners; `betweenness`: the share of shortest paths between
# two other agencies that pass through it (normalised, 0–1); `eigenvector`: high when it is tied
# to agencies that are themselves central; `community`: Louvain communities (seeded).

# %%
hubs = network.hubs_and_brokers(plan, "drop")
hubs[["short_name", "network_role", "weighted_degree", "rank_weighted_degree", "betweenness",
      "rank_betweenness"]]

# %%
top = measures.iloc[0]
second = measures.iloc[1]
leaf = measures[measures["degree"] == 1]["short_name"].tolist()
n_comm = measures["community"].nunique()
Markdown(
    f"Without the collectives, **{top['short_name']}** is the hub: it shares tasks with "
    f"{top['degree']} of the other {len(measures) - 1} agencies ({top['weighted_degree']} shared "
    f"tasks in all) and lies on {top['betweenness']:.0%} of the shortest paths between two other "
    f"agencies. **{second['short_name']}** comes second ({second['weighted_degree']} shared tasks, "
    f"betweenness {second['betweenness']:.2f}); every other agency has betweenness "
    f"{measures['betweenness'].iloc[2:].max():.2f}. "
    f"{len(leaf)} agencies are tied to one partner only ({', '.join(leaf)}). "
    + (f"Louvain finds a single community: there are no clusters of agencies, only a centre "
       f"({top['short_name']}) and spokes." if n_comm == 1 else f"Louvain finds {n_comm} communities.")
)

# %% [markdown]
# ## The strongest pairs

# %%
pairs = network.pair_table(plan, "drop")
pairs[["u_name", "v_name", "weight", "lead_lead", "lead_coordinate", "u_leads", "v_leads",
       "tasks"]].head(10)

# %%
strongest = pairs.iloc[0]
co_lead = pairs[pairs["lead_lead"] > 0]
never_coordinate = set(measures.loc[measures["n_coordinate"] == 0, "agency_id"])
between_leaders = pairs[pairs["u"].isin(never_coordinate) & pairs["v"].isin(never_coordinate)]
Markdown(
    f"The strongest pair is **{strongest['u_name']} – {strongest['v_name']}**: "
    f"{strongest['weight']} shared tasks ({strongest['tasks'].replace('|', ', ')}), in "
    f"{strongest['lead_coordinate']} of which one leads and the other coordinates. "
    f"{len(co_lead)} pairs co-lead at least one task. {len(never_coordinate)} of the "
    f"{len(measures)} named agencies are never named as coordinators: the "
    f"{len(between_leaders)} ties among them ({int(between_leaders['weight'].sum())} shared tasks) "
    + ("all come from co-leading a task." if (between_leaders["lead_lead"] == between_leaders["weight"]).all()
       else "come partly from co-leading.")
)

# %% [markdown]
# ## Which tasks tie the most agencies together

# %%
ties = network.task_ties(plan, "keep")
ties.sort_values(["n_named", "n_agencies"], ascending=False, kind="stable").head(8)

# %%
named_ties = network.task_ties(plan, "drop")
widest = named_ties.sort_values("n_agencies", ascending=False, kind="stable").iloc[0]
alone = named_ties[named_ties["n_agencies"] <= 1]
Markdown(
    f"Task **{widest['task_id']}** names the most agencies ({widest['n_agencies']}: "
    f"{widest['agencies'].replace('|', ', ')}). {len(alone)} tasks name at most one agency beyond "
    f"the catch-all entries."
)

# %% [markdown]
# ## What the collectives do to the picture
#
# The same measures under the three treatments of the collective entries.

# %%
effect = network.collectives_effect(plan)
effect

# %%
e = effect.set_index("collectives")
Markdown(
    f"As written (*keep*), the {e.at['keep', 'n_agencies']} agencies form "
    f"{e.at['keep', 'n_pairs']} pairs (density {e.at['keep', 'density']:.2f}). Leaving the "
    f"collectives out (*drop*) leaves {e.at['drop', 'n_pairs']} pairs among "
    f"{e.at['drop', 'n_agencies']} agencies (density {e.at['drop', 'density']:.2f}). Expanding "
    f"\"Các sở, ban, ngành\" to its members (*expand*) gives {e.at['expand', 'n_agencies']} agencies "
    f"and density {e.at['expand', 'density']:.2f}"
    + (" — a complete graph in which no agency stands out: the catch-all entry is named on every task, "
       "so every member shares every task with every other. The wording makes everyone formally "
       "responsible for coordination and nobody in particular."
       if e.at["expand", "density"] == 1 else ".")
)

# %%
network_charts.projection_drawing(network.projection(plan, "expand"), source=source)

# %% [markdown]
# ## Taking the network elsewhere
#
# `plan132 build` (or `make report`) writes `outputs/network/`: GraphML and GEXF for Gephi,
# Cytoscape or yEd (`two_mode_<option>` and `agencies_<option>`, option = keep / drop / expand),
# and the same graphs as CSV node and edge lists, including `assignment_edges_<option>.csv`
# with one row per assignment and its source line. The measures above are in
# `outputs/tables/network_*.csv`. A GraphML file reads back with every attribute:

# %%
import tempfile
from pathlib import Path

from plan132lib.render.graph_files import write_graphml

with tempfile.TemporaryDirectory() as folder:
    back = nx.read_graphml(write_graphml(two_mode, Path(folder) / "two_mode_keep.graphml"))
hub = max(agencies, key=two_mode.degree)  # the agency with the most tasks
back.nodes[hub]
