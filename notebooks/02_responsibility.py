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
# # 02 · Ai gánh vác kế hoạch? Phân công trách nhiệm
# *Who carries the plan? Responsibility distribution*
#
# Cơ quan nào chủ trì nhiều nhiệm vụ nhất, cơ quan nào chỉ phối hợp, khối lượng việc rơi vào năm nào,
# thuộc nhóm nhiệm vụ nào, và ở đâu không có ai chịu trách nhiệm cụ thể: nhiều cơ quan cùng chủ trì,
# một mục giao chung như "Các sở, ban, ngành" chủ trì, không có cơ quan phối hợp cụ thể, tiến độ không
# có thời hạn kết thúc ("… và các năm tiếp theo").
#
# **Cách đếm.** Số liệu là số nhiệm vụ (mỗi nhiệm vụ đếm một lần). Nhiệm vụ do *n* cơ quan cùng chủ
# trì được tính cho mỗi cơ quan 1/*n* nhiệm vụ ("tải chủ trì"), nên tổng tải chủ trì bằng số nhiệm
# vụ. Mỗi mục giao chung ("Các sở, ban, ngành", "Các đơn vị có liên quan") được tính như một cơ quan,
# trừ khi có ghi khác: phần cuối cho thấy số liệu thay đổi thế nào khi bỏ các mục này hoặc thay
# bằng các cơ quan thành viên.
#
# *Counts are distinct tasks; a task led by n agencies counts 1/n for each of them. Collective
# entries count as one agency unless stated. Set `LANG = "en"` for English.*

# %% tags=["parameters"]
PLAN = None  # path to a plan (PDF, Word, Excel or the text export); None = the bundled plan
AGENCIES = None  # reviewed agency names (plan132 agencies, then filled in); None = none
LANG = "vi"  # "vi" or "en": the language of the tables, charts and sentences

# %%
# %matplotlib inline
import pandas as pd
from IPython.display import Markdown, display

from plan132lib import charts, load_plan
from plan132lib.analysis import workload
from plan132lib.analysis.agency_review import registry_for
from plan132lib.analysis.findings import findings_of
from plan132lib.fields import header
from plan132lib.render import briefing
from plan132lib.render.notebook_view import bold, ids, md, number, say, show, text
from plan132lib.words import Locale, value

plan = load_plan(PLAN, registry_for(AGENCIES))
found = findings_of(plan)  # what the brief, the slides and every notebook say of the plan
source = charts.plan_source(plan, LANG)
t = plan.tasks
wl = workload.agency_workload(plan)
name_column = "agency_name" if LANG == "vi" else "name_en"
Markdown(bold(plan.citation(LANG)))

# %% [markdown]
# ## Ai chủ trì, ai phối hợp
# *Who leads, who coordinates*

# %%
show(wl[["agency_name", "kind", "n_lead", "n_lead_alone", "n_lead_shared", "n_coordinate", "lead_weight",
         "lead_share"]], LANG, table="tables/workload_agencies")

# %%
named = wl[~wl["is_collective"]]
only_lead = named[(named["n_lead"] > 0) & (named["n_coordinate"] == 0)]
collective = wl[wl["is_collective"]].sort_values("n_coordinate", ascending=False, kind="stable").head(1)
sentences = [md(briefing.leaders_sentence(found, briefing.agency_names(plan, LANG), Locale(LANG))),
             text("02.only_lead", LANG, n=len(only_lead), named=len(named))]
if not collective.empty and collective["n_coordinate"].iloc[0] > 0:
    sentences.append(text("02.collective_coordinates", LANG, name=collective[name_column].iloc[0],
                          n=int(collective["n_coordinate"].iloc[0])))
else:
    sentences.append(text("02.no_collective", LANG))
Markdown(" ".join(sentences))

# %%
charts.lead_coordinate_bars(wl, LANG, source=source)

# %% [markdown]
# ## Mức độ tập trung của việc chủ trì
# *Concentration of leadership*
#
# Gọi *s* là phần tải chủ trì của mỗi cơ quan: chỉ số HHI = Σ *s*² (bằng 1/*n* khi *n* cơ quan chia
# đều, bằng 1 khi một cơ quan chủ trì tất cả); số cơ quan chia đều tương đương là 1/HHI; hệ số Gini
# đo mức chênh lệch giữa các cơ quan (0 là đều nhau).

# %%
conc = workload.concentration(plan)
show(conc.assign(value=[number(v, LANG, 0 if float(v).is_integer() else 3) for v in conc["value"]]), LANG,
     table="tables/workload_concentration")

# %%
c = conc.set_index("measure")["value"]
say("02.concentration", LANG, n=len(found.leaders), effective=number(c["effective_lead_agencies"], LANG),
    hhi=number(c["hhi"], LANG, 3), gini=number(c["gini"], LANG, 2))

# %% [markdown]
# ## Theo lĩnh vực: cơ quan × nhóm nhiệm vụ
# *In which fields: agency × task group*

# %%
groups = t[["group_id", "group_title"]].drop_duplicates()
show(groups, LANG)

# %%
matrix = workload.group_matrix(plan)
charts.group_heatmap(matrix, groups, LANG, source=source)

# %% [markdown]
# ## Ma trận phân công
# *The RACI matrix*
#
# Cơ quan × nhiệm vụ: "Chủ trì" hoặc "Phối hợp"; bảng này cũng có trong sổ Excel.

# %%
show(workload.raci_matrix(plan, lang=LANG), LANG, index=True, translate=False)

# %% [markdown]
# ## Khối lượng việc theo năm
# *When the load falls*

# %%
per_year = workload.tasks_per_year(plan)
show(per_year, LANG)

# %%
first, last = per_year.iloc[0], per_year.iloc[-1]
say("02.per_year", LANG, n_first=int(first["n_active"]), total=len(t), first=first["period"],
    n_after=int(last["n_active"]), year=workload.window(plan)[-1], n_ending=int(per_year["n_ending"].sum()))

# %%
charts.task_gantt(workload.task_timeline(plan, LANG), LANG, source=source)

# %%
charts.active_by_year(workload.active_by_year(plan), LANG, source=source)

# %% [markdown]
# ## Trách nhiệm dùng chung, giao chung hoặc còn thiếu
# *Where accountability is shared, collective or missing*
#
# Theo từng nhiệm vụ: nhiều cơ quan chủ trì, mục giao chung chủ trì, không có cơ quan phối hợp cụ thể
# (chỉ có các mục giao chung), tiến độ không có thời hạn kết thúc, đến hạn sớm (thời hạn kết thúc
# trước hết năm 2027).

# %%
flags = workload.task_flags(plan)
flagged = ["several_leads", "collective_lead", "no_specific_coordinator", "near_deadline"]
show(flags[flags[flagged].any(axis=1)], LANG, table="tables/workload_task_flags")

# %%
say("02.flags", LANG, several=len(found.several_leads), collective=len(found.collective_lead),
    collective_ids=ids(list(found.collective_lead), LANG), no_coordinator=len(found.no_specific_coordinator),
    open_ended=len(found.open_ended), near=len(found.due), near_ids=ids(list(found.due), LANG),
    until=found.due_year)

# %% [markdown]
# ## Tổ chức thực hiện so với Phụ lục
# *The duties section against the appendix*
#
# Phần Tổ chức thực hiện (phần giao trách nhiệm cho từng cơ quan) có thể
# giao nhiệm vụ cho cơ quan mà Phụ lục không giao nhiệm vụ nào, và Phụ lục có thể giao nhiệm vụ cho
# cơ quan mà phần đó không nhắc đến.

# %%
show(workload.duties_vs_tasks(plan), LANG, table="tables/workload_duties_vs_tasks")

# %% [markdown]
# ## Các mục giao chung làm thay đổi bức tranh thế nào
# *What the collectives do to the picture*
#
# Cùng bảng khối lượng việc khi giữ nguyên các mục giao chung, khi bỏ các mục này, và khi thay mỗi mục
# giao chung (như "Các sở, ban, ngành") bằng những cơ quan thành viên mà chính kế hoạch nêu tên ở chỗ
# khác; cơ quan kế hoạch không nêu tên thì không được thêm vào, và mục giao chung không có thành viên
# nào được nêu tên thì giữ nguyên.
#
# *The same workload with the collective entries kept, left out, and replaced by the members the plan
# itself names elsewhere; a body the plan never names is not added, and a collective none of whose
# members is named stays whole.*

# %%
columns = ["n_lead", "n_coordinate", "lead_weight"]
compare = pd.concat(
    [workload.agency_workload(plan, option).set_index(name_column)[columns]
     .set_axis([f"{header(c, LANG)} ({value('collectives', option, LANG)})" for c in columns], axis=1)
     for option in workload.COLLECTIVE_OPTIONS], axis=1).fillna(0)
compare = compare.sort_values(compare.columns[2], ascending=False, kind="stable").round(2)
compare.index.name = header("agency_name", LANG)
display(show(compare, LANG, index=True, translate=False))
Markdown(md(workload.expansion_note(plan, LANG)))

# %%
ex = workload.agency_workload(plan, "expand")
members = ex[~ex["agency_id"].isin(wl["agency_id"])]  # agencies named only through a collective entry
busiest = ex.sort_values("n_coordinate", ascending=False, kind="stable").iloc[0]
say("02.expand_none", LANG) if members.empty else \
    say("02.expand", LANG, name=busiest[name_column], n=int(busiest["n_coordinate"]), total=len(t),
        members=len(members))
