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
# # 01 · The plan as tables
#
# A provincial implementation plan (*kế hoạch triển khai*) turns a resolution into tasks. Its appendix
# (*Phụ lục*, "Danh mục các nhiệm vụ") assigns tasks in groups (*Nhóm nhiệm vụ*) to a lead
# agency (*cơ quan chủ trì*) and coordinating agencies (*cơ quan phối hợp*), with a timeline
# (*tiến độ*); Section IV (*Tổ chức thực hiện*) describes each agency's duties.
#
# This notebook reads the published text into the tables every later analysis uses, shows how
# each row traces back to its line in the source, and lists the first checks an analyst runs.
# Nothing here is typed in: every number is computed from the document.

# %% tags=["parameters"]
PLAN = None  # path to a plan (PDF, Word, Excel or the text export); None = the bundled plan

# %%
import pandas as pd
from IPython.display import Markdown

from plan132lib import load_plan
from plan132lib.ingest.validation import findings, summary

pd.set_option("display.max_colwidth", 80)
pd.set_option("display.max_rows", 60)

plan = load_plan(PLAN)
plan.meta

# %%
t = plan.tasks
Markdown(
    f"**{plan.citation('en')}** ({plan.path.rsplit('/', 1)[-1]}) "
    f"implements {' and '.join(plan.meta_values('implements')) or 'no resolution it names'}. "
    f"Its appendix holds **{len(t)} tasks in {t['group_id'].nunique()} groups**, "
    f"with **{len(plan.assignments)} agency assignments** "
    f"({(plan.assignments['role'] == 'lead').sum()} lead, "
    f"{(plan.assignments['role'] == 'coordinate').sum()} coordinating) "
    f"naming **{len(plan.agencies)} agencies**; Section IV has "
    f"**{plan.duties['item'].nunique()} items** with {len(plan.duties)} duties."
)

# %% [markdown]
# ## Tasks
#
# One row per task. `task_id` is *group.number* (numbers restart in each group). `content` is the
# full text as published — typos included (e.g. "Chuyên đổi", "Phần đầu", "khác phục") — with rows
# split by a page break joined by one space. `timeline_raw` keeps the *Tiến độ* cell;
# `start_year`/`end_year` are the years it names and `open_ended` marks "… và các năm tiếp theo".

# %%
t[["task_id", "group_id", "number", "content", "lead_raw", "coordinate_raw", "timeline_raw",
   "start_year", "end_year", "open_ended", "source_ref"]]

# %%
t.groupby(["group_id", "group_title"]).size().rename("tasks").reset_index()

# %% [markdown]
# ## Assignments and agencies
#
# Lead and coordinating cells are split into agencies. Commas and "và" inside names are kept
# ("UBND xã, phường", "Sở Nông nghiệp và Môi trường"); the collective entries "Các sở, ban, ngành"
# and "Các đơn vị có liên quan" are agencies of kind `collective`, kept as written (`raw_name`).
# Names resolve through the registry `data/reference/agencies.csv`; a name it does not know would
# be kept with kind `unknown` and reported below, never guessed.

# %%
plan.assignments.head(12)

# %%
plan.agencies[["agency_id", "name", "name_en", "kind", "is_collective", "n_lead",
               "n_coordinate", "duty_items"]]

# %%
lead_counts = (plan.assignments.query("role == 'lead'")
               .groupby("agency_name")["task_id"].nunique().sort_values(ascending=False))
top, top_n = lead_counts.index[0], int(lead_counts.iloc[0])
Markdown(f"The agency named as lead most often is **{top}** ({top_n} of {len(t)} tasks).")

# %% [markdown]
# ## Section IV: duties per agency
#
# One row per duty (bullet) of each Section IV item. Item 11 — the request to the Fatherland Front
# (*Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh …*) — has no bullets: its paragraph is its duty.

# %%
plan.duties[["item", "agency_ids", "heading", "duty_no", "text", "source_ref"]]

# %%
plan.duties.groupby(["item", "heading"]).size().rename("duties").reset_index()

# %% [markdown]
# ## Numeric targets
#
# Percentages in task text, with the indicator, the year to reach and the baseline year.

# %%
plan.targets[["task_id", "indicator", "value", "unit", "measure", "comparator",
              "qualifier_raw", "baseline_year", "target_year", "source_ref"]]

# %% [markdown]
# ## Tracing a row back to the source
#
# Every table row carries `source_ref`: the line of a text export, the table and row of a Word
# file, the page and row of a PDF, the sheet and cell of a workbook. Take the first task whose
# row runs over a page break (or, if none does, the first task): `plan.trace` shows its group's
# row and its own rows as the document has them.

# %%
split_rows = t[t["source_ref"].str.contains(";")]
example = (split_rows if not split_rows.empty else t).iloc[0]
print("task", example["task_id"], "—", example["source_ref"])
plan.trace(example["task_id"])

# %% [markdown]
# ## First checks (validation report)
#
# The same report as `plan132 check`: shared or collective leadership, tasks without a specific
# coordinator, open-ended timelines, unknown names, and agencies whose Section IV duties and
# appendix tasks do not meet.

# %%
found = findings(plan)
summary(found)

# %%
found

# %%
s = summary(found).set_index("check")["count"]
Markdown(
    f"{s['several_leads']} tasks have several leads and {s['collective_lead']} are led by a "
    f"collective; {s['no_specific_coordinator']} name no specific coordinator; "
    f"{s['open_ended']} of {len(t)} timelines are open-ended. "
    f"{s['duties_without_tasks']} agencies have Section IV duties but no task, and "
    f"{s['tasks_without_duties']} lead tasks without a Section IV item."
)

# %% [markdown]
# ## Sections I–III as text
#
# The purpose, requirements, content and funding sections, paragraph by paragraph, with their
# source lines (a paragraph split by a page break spans two lines).

# %%
plan.sections
