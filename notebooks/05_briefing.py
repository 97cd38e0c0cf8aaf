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

# %% [markdown] tags=["hide-in-report"]
# # 05 · Briefing (one page)
#
# The page a provincial leader reads in two minutes: who leads what, the accountability gaps, the
# network's hubs, coverage of the resolutions and target alignment; with `PROGRESS` (the
# `progress.csv` of `plan132 track report`, as `plan132 build --progress` passes it) how far the tasks
# have got, by agency. Every number is computed by `plan132lib.render.briefing`. Vietnamese by default;
# set `LANG = "en"` in the parameters cell below for English (`plan132 build` runs both). `make report`
# turns the executed notebook into `outputs/report.html` without this cell and without code.

# %% tags=["parameters"]
PLAN = None  # path to a plan (PDF, Word, Excel or the text export); None = the bundled plan
AGENCIES = None  # reviewed agency names (plan132 agencies, then filled in); None = none
CROSSWALK = None  # reviewed crosswalk (CSV or XLSX) for PLAN; None = the bundled one (bundled plan only)
CATALOGUE = None  # catalogues added to the bundled ones (a list, e.g. from plan132 catalogue); None = none
PROGRESS = None  # progress.csv of plan132 track report for PLAN (the agencies' returns merged); None = none
LANG = "vi"  # "vi" or "en"

# %%
# %matplotlib inline
from IPython.display import Markdown, display

from plan132lib import charts, load_plan
from plan132lib.analysis import coverage, network, workload
from plan132lib.analysis.agency_review import registry_for
from plan132lib.analysis.progress import load_progress
from plan132lib.charts import coverage as coverage_charts
from plan132lib.charts import network as network_charts
from plan132lib.charts import progress as progress_charts
from plan132lib.render import briefing

if LANG not in briefing.LANGS:
    raise ValueError(f"LANG must be one of {briefing.LANGS}, not {LANG!r}")
plan = load_plan(PLAN, registry_for(AGENCIES))
review = coverage.review_for(plan, CROSSWALK, CATALOGUE)
progress = load_progress(PROGRESS, plan) if PROGRESS is not None else None
brief = briefing.brief(plan, review, LANG, progress=progress.summary if progress is not None else None)
source = charts.plan_source(plan, LANG)
Markdown(briefing.markdown(brief, ["plan", "leads"], head=True))

# %%
charts.lead_coordinate_bars(workload.agency_workload(plan), lang=LANG, source=source)

# %%
Markdown(briefing.markdown(brief, ["gaps", "due"]))

# %%
charts.task_gantt(workload.task_timeline(plan, LANG), lang=LANG, source=source)

# %%
if progress is not None:  # the agencies' returns merged: the brief's section, then the tasks by agency
    display(Markdown(briefing.markdown(brief, ["progress"])))
    display(progress_charts.status_by_agency(progress.merged, plan, LANG))

# %%
Markdown(briefing.markdown(brief, ["network"]))

# %%
network_charts.projection_drawing(network.projection(plan, "drop"), lang=LANG, source=source)

# %%
Markdown(briefing.markdown(brief, ["coverage", "caveat", "targets"]))

# %%
if review is not None:
    display(coverage_charts.coverage_by_group(coverage.coverage_by_group(review), lang=LANG,
                                              source=coverage_charts.review_source(review, LANG),
                                              caveat=coverage.caveat(review, LANG)))

# %%
Markdown(briefing.markdown(brief, ["recommendations", "source"]))
