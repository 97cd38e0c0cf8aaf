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
# # 03 · Ai làm cùng ai: mạng lưới cơ quan – nhiệm vụ
# *Who works with whom: the agency–task network*
#
# Mỗi lượt giao việc trong Phụ lục gắn một cơ quan với một nhiệm vụ, với vai trò chủ trì hoặc phối
# hợp. Nhìn dưới dạng mạng lưới, kế hoạch cho thấy cơ quan nào là **trung tâm** (cùng làm nhiều
# nhiệm vụ với nhiều cơ quan), cơ quan nào là **cầu nối** (mối liên hệ duy nhất giữa các cơ quan
# không có nhiệm vụ chung), **cặp cơ quan** nào cùng làm nhiều nhất, và nhiệm vụ nào gắn nhiều cơ
# quan với nhau nhất.
#
# Sổ này dùng hai đồ thị:
#
# - **đồ thị hai loại nút**: cơ quan và nhiệm vụ là các nút, mỗi lượt giao việc là một cạnh kèm vai trò;
# - **đồ thị cơ quan**: chỉ có cơ quan; hai cơ quan được nối với nhau bằng số nhiệm vụ chung, chia
#   thành cùng chủ trì, một chủ trì – một phối hợp, và cùng phối hợp.
#
# Các mục chung như "Các sở, ban, ngành" và "các đơn vị có liên quan" có mặt ở hầu hết nhiệm vụ nên
# nối mọi cơ quan với mọi cơ quan. Vì vậy mỗi số đo được tính khi **giữ nguyên** các mục giao chung
# (như kế hoạch viết), khi **bỏ** các mục này, và khi **thay bằng các cơ quan thành viên** (theo danh
# mục, với "Các sở, ban, ngành"; "các đơn vị có liên quan" không có danh sách nên giữ nguyên).
#
# *Each measure is shown with the collective entries kept, dropped, or expanded to their members.
# Set `LANG = "en"` for English.*

# %% tags=["parameters"]
PLAN = None  # path to a plan (PDF, Word, Excel or the text export); None = the bundled plan
AGENCIES = None  # reviewed agency names (plan132 agencies, then filled in); None = none
LANG = "vi"  # "vi" or "en": the language of the tables, charts and sentences

# %%
# %matplotlib inline
import networkx as nx
from IPython.display import Markdown

from plan132lib import charts, load_plan
from plan132lib.analysis import network
from plan132lib.analysis.agency_review import registry_for
from plan132lib.analysis.findings import findings_of
from plan132lib.charts import network as network_charts
from plan132lib.render.notebook_view import join, number, say, show, text

plan = load_plan(PLAN, registry_for(AGENCIES))
found = findings_of(plan)  # what the brief, the slides and every notebook say of the plan
source = charts.plan_source(plan, LANG)
name_column = "short_name" if LANG == "vi" else "name_en"
two_mode = network.two_mode_graph(plan)
agencies = [n for n, d in two_mode.nodes(data=True) if d["node_type"] == "agency"]
say("03.graph", LANG, citation=plan.citation(LANG), n_agencies=len(agencies),
    n_tasks=two_mode.number_of_nodes() - len(agencies), n_edges=two_mode.number_of_edges(),
    n_assignments=len(plan.assignments))

# %% [markdown]
# ## Đồ thị hai loại nút, theo nhóm nhiệm vụ
# *The two-mode graph, by task group*
#
# Nhiệm vụ được xếp theo nhóm; cạnh chủ trì là nét liền, cạnh phối hợp là nét đứt.

# %%
network_charts.two_mode_drawing(two_mode, LANG, source=source)

# %% [markdown]
# ## Giữ nguyên các mục giao chung: mọi cơ quan đều nối với nhau
# *With the collectives kept, everybody is tied to everybody*
#
# Đồ thị cơ quan đúng như kế hoạch viết: các mối nối mạnh nhất là giữa các mục chung và những cơ
# quan có mặt ở mọi nhiệm vụ.

# %%
keep = network.projection(plan, "keep")
network_charts.projection_drawing(keep, LANG, source=source)

# %%
pairs_keep = network.pair_table(plan, "keep")
show(pairs_keep[["u_name", "v_name", "weight", "lead_lead", "lead_coordinate",
                 "coordinate_coordinate"]].head(6), LANG, table="tables/network_pairs")

# %% [markdown]
# ## Chỉ các cơ quan có tên cụ thể
# *The named agencies only*
#
# Bỏ các mục giao chung, còn lại những mối nối mà kế hoạch nêu rõ.

# %%
drop = network.projection(plan, "drop")
network_charts.projection_drawing(drop, LANG, source=source)

# %%
measures = network.agency_measures(plan, "drop")
show(measures[["short_name", "kind", "n_tasks", "n_lead", "n_coordinate", "degree", "weighted_degree",
               "betweenness", "eigenvector", "community"]], LANG, table="tables/network_measures")

# %% [markdown]
# **Cách đọc các số đo.** *Số cơ quan cùng làm*: số cơ quan có ít nhất một nhiệm vụ chung với cơ quan
# đó; *tổng số nhiệm vụ chung*: cộng số nhiệm vụ chung với từng cơ quan đó; *mức trung gian*: tỷ lệ
# các đường nối ngắn nhất giữa hai cơ quan khác đi qua cơ quan này (0–1); *mức trung tâm*: cao khi
# cơ quan gắn với những cơ quan cũng ở vị trí trung tâm; *cụm*: các nhóm cơ quan gắn bó với nhau
# (thuật toán Louvain, kết quả cố định).
#
# *Degree, weighted degree, betweenness, eigenvector centrality and Louvain communities.*

# %%
hubs = network.hubs_and_brokers(plan, "drop")
show(hubs[["short_name", "network_role", "weighted_degree", "rank_weighted_degree", "betweenness",
           "rank_betweenness"]], LANG, table="tables/network_hubs_brokers")

# %%
sentences = []
if found.hubs:  # the hub as the brief and the slides name it (analysis.findings)
    hub = found.hubs[0]
    top = measures.set_index("agency_id").loc[hub.agency_id]
    sentences.append(text("03.hub", LANG, name=top[name_column], degree=hub.partners, others=hub.others,
                          weighted=hub.shared, betweenness=number(top["betweenness"], LANG, 2)))
if found.hubs and len(measures) > 1:
    rest = measures[measures["agency_id"] != found.hubs[0].agency_id]
    second = rest.iloc[0]
    sentences.append(text("03.second", LANG, name=second[name_column],
                          weighted=int(second["weighted_degree"]),
                          betweenness=number(second["betweenness"], LANG, 2),
                          rest=number(rest["betweenness"].iloc[1:].max() if len(rest) > 1 else 0, LANG, 2)))
    leaf = measures.loc[measures["degree"] == 1, name_column].tolist()
    sentences.append(text("03.leaves", LANG, n=len(leaf), names=join(leaf, LANG) or text("none", LANG)))
    n_comm = measures["community"].nunique()
    sentences.append(text("03.one_community", LANG, name=top[name_column]) if n_comm == 1
                     else text("03.communities", LANG, n=n_comm))
Markdown(" ".join(sentences) or text("03.no_ties", LANG))

# %% [markdown]
# ## Các cặp cơ quan cùng làm nhiều nhất
# *The strongest pairs*

# %%
pairs = network.pair_table(plan, "drop")
show(pairs[["u_name", "v_name", "weight", "lead_lead", "lead_coordinate", "u_leads", "v_leads", "tasks"]]
     .head(10).assign(tasks=lambda f: f["tasks"].str.replace("|", ", ")), LANG, table="tables/network_pairs")

# %%
never_coordinate = set(measures.loc[measures["n_coordinate"] == 0, "agency_id"])
between_leaders = pairs[pairs["u"].isin(never_coordinate) & pairs["v"].isin(never_coordinate)]
if pairs.empty:
    out = say("03.no_ties", LANG)
else:
    strongest = pairs.iloc[0]
    u, v = ("u_name", "v_name") if LANG == "vi" else ("u_name_en", "v_name_en")
    out = Markdown(" ".join([
        text("03.pair", LANG, u=strongest[u], v=strongest[v], weight=int(strongest["weight"]),
             tasks=strongest["tasks"].replace("|", ", "), lead_coordinate=int(strongest["lead_coordinate"])),
        text("03.co_lead", LANG, n=int((pairs["lead_lead"] > 0).sum())),
        text("03.never_coordinate", LANG, n=len(never_coordinate), named=len(measures),
             ties=len(between_leaders), shared=int(between_leaders["weight"].sum())),
        text("03.all_co_lead" if (between_leaders["lead_lead"] == between_leaders["weight"]).all()
             else "03.partly_co_lead", LANG)]))
out

# %% [markdown]
# ## Nhiệm vụ gắn nhiều cơ quan với nhau nhất
# *Which tasks tie the most agencies together*

# %%
ties = network.task_ties(plan, "keep")
show(ties.sort_values(["n_named", "n_agencies"], ascending=False, kind="stable").head(8)
     .assign(agencies=lambda f: f["agencies"].str.replace("|", "; ")), LANG, table="tables/network_task_ties")

# %%
named_ties = network.task_ties(plan, "drop")
widest = named_ties.sort_values("n_agencies", ascending=False, kind="stable").iloc[0]
alone = named_ties[named_ties["n_agencies"] <= 1]
say("03.widest", LANG, task=widest["task_id"], n=int(widest["n_agencies"]),
    agencies=widest["agencies"].replace("|", "; "), alone=len(alone))

# %% [markdown]
# ## Các mục giao chung làm thay đổi bức tranh thế nào
# *What the collectives do to the picture*
#
# Cùng các số đo với ba cách tính các mục giao chung.

# %%
effect = network.collectives_effect(plan)
show(effect, LANG, table="tables/network_collectives_effect")

# %%
e = effect.set_index("collectives")
complete = e.at["expand", "density"] == 1
say("03.effect", LANG, keep_agencies=int(e.at["keep", "n_agencies"]), keep_pairs=int(e.at["keep", "n_pairs"]),
    keep_density=number(e.at["keep", "density"], LANG, 2), drop_pairs=int(e.at["drop", "n_pairs"]),
    drop_agencies=int(e.at["drop", "n_agencies"]), drop_density=number(e.at["drop", "density"], LANG, 2),
    expand_agencies=int(e.at["expand", "n_agencies"]),
    expand_density=number(e.at["expand", "density"], LANG, 2),
    complete=text("03.complete", LANG) if complete else "")

# %%
network_charts.projection_drawing(network.projection(plan, "expand"), LANG, source=source)

# %% [markdown]
# ## Đưa mạng lưới sang phần mềm khác
# *Taking the network elsewhere*
#
# Lệnh `plan132 build` (hoặc `make report`) ghi thư mục `outputs/network/`: tệp GraphML và GEXF cho
# Gephi, Cytoscape hoặc yEd (`two_mode_<cách tính>` và `agencies_<cách tính>`, cách tính là keep /
# drop / expand: giữ nguyên, bỏ, thay bằng thành viên), và các đồ thị đó dưới dạng danh sách nút và
# cạnh CSV, gồm `assignment_edges_<cách tính>.csv` với mỗi dòng là một lượt giao việc kèm dòng trong
# văn bản. Các số đo ở trên nằm trong `outputs/tables/network_*.csv`. Tệp GraphML đọc lại đủ mọi
# thuộc tính, ví dụ cơ quan có nhiều nhiệm vụ nhất:

# %%
import tempfile
from pathlib import Path

from plan132lib.render.graph_files import write_graphml

with tempfile.TemporaryDirectory() as folder:
    back = nx.read_graphml(write_graphml(two_mode, Path(folder) / "two_mode_keep.graphml"))
hub = max(agencies, key=two_mode.degree)  # the agency with the most tasks
back.nodes[hub]
