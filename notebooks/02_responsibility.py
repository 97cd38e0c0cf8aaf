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
# # 02 · Who carries the plan? Responsibility distribution
#
# Which agencies lead (*chủ trì*) most tasks, which only coordinate (*phối hợp*), when the load
# falls, in which task groups, and where nobody in particular is accountable — several leads, a
# collective lead such as "Các sở, ban, ngành", no specific coordinator, open-ended deadlines
# ("… và các năm tiếp theo").
#
# **How counting works.** Counts are distinct tasks. A task led by *n* agencies gives each of them
# a lead load of 1/*n* (`lead_weight`), so the loads add up to the number of tasks. Collective entries
# ("Các sở, ban, ngành", "Các đơn vị có liên quan") count as one agency unless stated: the last
# section shows what changes when they are dropped or expanded to their members.

# %% tags=["parameters"]
PLAN = None  # path to a plan (PDF, Word, Excel or the text export); None = the bundled plan

# %%
# %matplotlib inline
import pandas as pd
from IPython.display import Markdown

from plan132lib import charts, load_plan
from plan132lib.analysis import workload

pd.set_option("display.max_colwidth", 70)
plan = load_plan(PLAN)
source = charts.plan_source(plan, "en")
t = plan.tasks
wl = workload.agency_workload(plan)
Markdown(f"**{plan.citation('en')}**")

# %% [markdown]
# ## Who leads, who coordinates

# %%
wl[["agency_name", "kind", "n_lead", "n_lead_alone", "n_lead_shared", "n_coordinate",
    "lead_weight", "lead_share"]].round({"lead_weight": 2, "lead_share": 3})

# %%
top = wl.head(2)  # the plan may name a single agency
named = wl[~wl["is_collective"]]
only_lead = named[(named["n_lead"] > 0) & (named["n_coordinate"] == 0)]
collective = wl[wl["is_collective"]].sort_values("n_coordinate", ascending=False, kind="stable").head(1)
text = (f"{' and '.join(f'**{name}**' for name in top['agency_name'])} carry the largest lead loads "
        f"({' and '.join(f'{w:.1f}' for w in top['lead_weight'])} of {len(t)} tasks, "
        f"together {top['lead_share'].sum():.0%}). "
        f"{len(only_lead)} of the {len(named)} named agencies lead tasks but are never named as coordinators")
if not collective.empty and collective["n_coordinate"].iloc[0] > 0:
    name, n = collective["agency_name"].iloc[0], int(collective["n_coordinate"].iloc[0])
    text += f": the plan leaves coordination to the collective entries (\"{name}\" coordinates {n} tasks)."
else:
    text += "; the plan names no collective entry (\"Các sở, ban, ngành\") as a coordinator."
Markdown(text)

# %%
charts.lead_coordinate_bars(wl, source=source)

# %% [markdown]
# ## Concentration of leadership
#
# With *s* each agency's share of the lead load: HHI = Σ *s*² (1/*n* when *n* agencies share
# evenly, 1 when one agency leads everything); the effective number of lead agencies is 1/HHI;
# the Gini coefficient is Σᵢ Σⱼ |*wᵢ* − *wⱼ*| / (2 *n*² mean *w*) over the lead loads *w*.

# %%
conc = workload.concentration(plan)
conc

# %%
c = conc.set_index("measure")["value"]
Markdown(f"{int(c['lead_agencies'])} agencies lead at least one task, but the load is as concentrated as "
         f"if **{c['effective_lead_agencies']:.1f}** agencies shared it evenly (HHI {c['hhi']:.3f}, "
         f"Gini {c['gini']:.2f}).")

# %% [markdown]
# ## In which fields: agency × task group

# %%
groups = t[["group_id", "group_title"]].drop_duplicates()
groups

# %%
matrix = workload.group_matrix(plan)
charts.group_heatmap(matrix, groups, source=source)

# %% [markdown]
# ## The RACI matrix
#
# Agencies × tasks, "Chủ trì" (lead) or "Phối hợp" (coordinate); the same sheet is in the workbook.

# %%
workload.raci_matrix(plan)

# %% [markdown]
# ## When the load falls

# %%
per_year = workload.tasks_per_year(plan)
per_year

# %%
first, last = per_year.iloc[0], per_year.iloc[-1]
Markdown(f"{first['n_active']} of {len(t)} tasks are active in {first['period']}; "
         f"{last['n_active']} go on beyond the last year shown ({last['period']}), and "
         f"{int(per_year['n_ending'].sum())} have a closed end date within the years shown.")

# %%
charts.task_gantt(workload.task_timeline(plan), source=source)

# %%
charts.active_by_year(workload.active_by_year(plan), source=source)

# %% [markdown]
# ## Where accountability is shared, collective or missing
#
# Per task: several leads, a collective lead, no specific coordinator (only collective ones),
# open-ended timeline, near deadline (a closed timeline ending by 2027).

# %%
flags = workload.task_flags(plan)
flagged = ["several_leads", "collective_lead", "no_specific_coordinator", "near_deadline"]
flags[flags[flagged].any(axis=1)]

# %%
n = flags[["several_leads", "collective_lead", "no_specific_coordinator", "open_ended",
           "near_deadline"]].sum()
Markdown(f"{n['several_leads']} tasks share their lead between agencies, {n['collective_lead']} are "
         f"led by a collective ({', '.join(flags.loc[flags['collective_lead'], 'task_id'])}), "
         f"{n['no_specific_coordinator']} name no specific coordinator, {n['open_ended']} are open-ended "
         f"and {n['near_deadline']} fall due by 2027 "
         f"({', '.join(flags.loc[flags['near_deadline'], 'task_id'])}).")

# %% [markdown]
# ## Section IV against the appendix
#
# Section IV (*Tổ chức thực hiện*) gives duties to agencies that the appendix never assigns a task,
# and the appendix assigns tasks to agencies Section IV does not mention.

# %%
workload.duties_vs_tasks(plan)

# %% [markdown]
# ## What the collectives do to the picture
#
# The same workload with collective entries dropped, and expanded to the registry's members of
# "Các sở, ban, ngành" (the provincial departments, inspectorate, police, military command, the
# industrial-zones board and the office of the People's Committee).

# %%
compare = pd.concat({option: workload.agency_workload(plan, option).set_index("agency_name")[
    ["n_lead", "n_coordinate", "lead_weight"]] for option in workload.COLLECTIVE_OPTIONS}, axis=1)
compare.fillna(0).sort_values(("keep", "lead_weight"), ascending=False)

# %%
ex = workload.agency_workload(plan, "expand")
members = ex[~ex["agency_id"].isin(wl["agency_id"])]  # agencies named only through a collective entry
busiest = ex.sort_values("n_coordinate", ascending=False, kind="stable").iloc[0]
Markdown("No agency enters the picture through a collective entry: the plan names no collective with a "
         "known list of members, so expanding changes nothing." if members.empty else
         f"Expanded, the busiest coordinator is {busiest['agency_name']} ({busiest['n_coordinate']} of "
         f"{len(t)} tasks); {len(members)} agencies enter the picture only through a collective entry "
         f"— which shows how little the collective wording says about who actually does the work.")
