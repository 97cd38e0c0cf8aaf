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
#   plan132:
#     requires:
#     - crosswalk
# ---

# %% [markdown]
# # 04 · Does the plan take up the resolutions? A coverage review
#
# A provincial plan exists to implement the resolutions it names. This review asks which of the
# resolutions' tasks that fall to a province the plan takes up (fully or in part), which it leaves
# out, which plan tasks go beyond them, and whether its numeric targets match.

# %% [markdown]
# ## Read this first: the limits of the catalogue
#
# The resolutions are represented by a **catalogue**: the bundled one
# (`data/reference/resolution_catalogue.csv`, reconstructed without the official texts), or one read
# from a resolution's own text by `plan132 catalogue`. Each entry says how it is known: **TEXT** (read
# in the document), **NEWS** (press reports), **INFERRED** (the compiler's inference). "Missing" below
# means *missing as far as this catalogue knows the resolutions*. The links between plan tasks and
# catalogue entries are a **reviewed crosswalk** (the bundled plan's, or one drafted with
# `plan132 crosswalk` and reviewed by a person); a text matcher only suggests links, and is compared
# with the crosswalk at the end.

# %% tags=["parameters"]
PLAN = None  # path to a plan (PDF, Word, Excel or the text export); None = the bundled plan
CROSSWALK = None  # reviewed crosswalk (CSV or XLSX) for PLAN; None = the bundled one (bundled plan only)
CATALOGUE = None  # resolution catalogue (CSV, e.g. from plan132 catalogue); None = the bundled one

# %%
# %matplotlib inline
import pandas as pd
from IPython.display import Markdown

from plan132lib import load_plan
from plan132lib.analysis import coverage
from plan132lib.charts import coverage as coverage_charts

pd.set_option("display.max_colwidth", 80)
plan = load_plan(PLAN)
review = coverage.review_for(plan, CROSSWALK, CATALOGUE)
if review is None:
    raise ValueError(f"no crosswalk for {plan.path}: set CROSSWALK to a crosswalk written for this plan")
cat = review.catalogue
counts = cat["confidence"].value_counts()
types = cat["entry_type"].value_counts()
Markdown(
    f"**{plan.citation('en')}**. *{coverage.caveat(review, 'en')}* "
    f"The catalogue holds **{len(cat)} entries**: {types.get('task', 0)} tasks, {types.get('target', 0)} "
    f"numeric targets and {types.get('context', 0)} context entries (metadata, findings, other documents; "
    f"outside every percentage). By source: {counts.get('TEXT', 0)} TEXT, {counts.get('NEWS', 0)} NEWS, "
    f"{counts.get('INFERRED', 0)} INFERRED. The crosswalk has **{len(review.crosswalk)} links** "
    f"({(review.crosswalk['strength'] == 'full').sum()} full, "
    f"{(review.crosswalk['strength'] == 'partial').sum()} partial)."
)

# %% [markdown]
# ## What is covered, what is missing
#
# Each task or target entry gets a status: **covered** (at least one plan task takes it up fully, as
# far as a province can), **partial** (only partial links), **missing** (no plan task), or
# **not applicable** (it does not fall to a province: drafting a law, a ministry's own task).

# %%
table = coverage.coverage_table(review)
by_group = coverage.coverage_by_group(review)
by_group

# %%
g = by_group.set_index("resolution_group")
na = table[table["status"] == "not_applicable"]
applicable = table["status"].isin(["covered", "partial", "missing"])
inferred = table[(table["confidence"] == "INFERRED") & applicable]
Markdown(
    f"Of the **{g.at['all', 'n_entries']} entries that fall to a province**, the plan takes up "
    f"**{g.at['all', 'covered']} fully** and **{g.at['all', 'partial']} in part**; "
    f"**{g.at['all', 'missing']} with no plan task** ({g.at['all', 'share_covered']:.0%} covered, "
    f"{g.at['all', 'share_covered_or_partial']:.0%} covered or partial). "
    + "By group (covered / in part / of): "
    + "; ".join(f"{coverage_charts.label('group_' + key, 'en').lower()} {g.at[key, 'covered']} / "
                f"{g.at[key, 'partial']} / {g.at[key, 'n_entries']}"
                for key in coverage.GROUP_ORDER if key in g.index and g.at[key, "n_entries"] > 0)
    + f". {len(na)} entries do not fall to a province ({', '.join(na['goal_id']) or 'none'}); "
    f"{g.at['all', 'n_left_out']} INFERRED entries, inferences of the catalogue's compiler, are not "
    f"counted ({', '.join(inferred['goal_id']) or 'none'})."
)

# %%
notes = {"source": coverage_charts.review_source(review, "en"), "caveat": coverage.caveat(review, "en")}
coverage_charts.coverage_by_group(by_group, **notes)

# %%
coverage_charts.coverage_matrix(coverage.matrix(review), table, **notes)

# %% [markdown]
# ### The entries the plan leaves out

# %%
missing = table[table["status"] == "missing"]
missing[["goal_id", "resolution_group", "applies_to_province", "confidence", "paraphrase_en"]]

# %% [markdown]
# ### Taken up only in part
#
# The reviewer's note says what each partial link leaves out.

# %%
partial_ids = table.loc[table["status"] == "partial", "goal_id"]
review.crosswalk[review.crosswalk["goal_id"].isin(partial_ids)][["goal_id", "task_id", "note"]]

# %% [markdown]
# ## Plan tasks beyond the catalogue

# %%
beyond = coverage.tasks_beyond(review)
beyond[["task_id", "content", "lead_agencies"]]

# %%
Markdown(
    f"**{len(beyond)} of {len(plan.tasks)} plan tasks** are linked to no catalogue entry "
    f"({', '.join(beyond['task_id']) or 'none'}). A task beyond the *catalogue* is not necessarily "
    f"beyond the resolutions: it may implement a part of them the catalogue does not list."
)

# %% [markdown]
# ## Do the numeric targets match?
#
# Each numeric target of the plan beside the resolution target the crosswalk links it to: *same*,
# *stricter*, *weaker*, *source unverified* (the resolution's figure is known only from an inference)
# or *none found*; then each resolution target for the province that the plan does not set.

# %%
targets = coverage.target_alignment(review)
targets[["task_id", "plan_indicator", "plan_value", "plan_baseline_year", "plan_target_year", "goal_id",
         "res_value_raw", "res_baseline_year", "res_target_year", "confidence", "alignment"]]

# %%
compared = {"same": "the same as", "stricter": "stricter than", "weaker": "weaker than",
            "source unverified": "the same figure as (source unverified)"}
linked = targets[targets["task_id"].ne("") & targets["goal_id"].ne("")]
gaps = targets[targets["alignment"] == "no plan target"]
Markdown(
    " ".join(f"The target of task {r.task_id}" + (f" ({r.plan_indicator})" if r.plan_indicator else "")
             + " is "
             f"**{compared.get(r.alignment, r.alignment)}** {r.goal_id} ({r.res_value_raw})."
             for r in linked.itertuples())
    + f" {len(gaps)} resolution targets for the province have no plan target"
    + (": " + "; ".join(f"{r.goal_id} ({r.res_indicator}: {r.res_value_raw})" for r in gaps.itertuples())
       if len(gaps) else "") + "."
)

# %% [markdown]
# ## Where the resolutions name the province or its rivers
#
# Entries that name the plan's province, or a river or irrigation system running through it
# (`data/reference/local_places.csv`), and what the plan does about each.

# %%
local = coverage.local_mentions(review)
Markdown(f"No entry of the catalogue names {plan.province} or a river or system of it."
         if local.empty else
         " ".join(f"{r.goal_id} names {r.places_named}: {r.answer}." for r in local.itertuples()))

# %%
local[["goal_id", "entry_type", "places_named", "status", "answer", "paraphrase_en"]]

# %% [markdown]
# ## How far the text matcher agrees with the reviewer
#
# The matcher scores every task × entry pair by shared wording (syllables and pairs of syllables,
# TF-IDF, cosine; see `plan132lib.analysis.matcher`). It only suggests: the crosswalk is the reference. The
# threshold was chosen on this same crosswalk (there is no second reviewer to test it on), so the
# figures describe agreement, not accuracy on new plans.

# %%
sweep = coverage.agreement_sweep(review)
sweep

# %%
agree = coverage.agreement(review)
at = sweep.set_index("threshold").loc[coverage.THRESHOLD]
outcomes = agree["outcome"].value_counts()
missed = agree[agree["outcome"] == "missed"]
Markdown(
    f"At the threshold {coverage.THRESHOLD:.2f} the matcher suggests {int(at['n_suggested'])} links, "
    f"of which {int(at['n_agreed'])} are curated: **precision {at['precision']:.0%}, recall "
    f"{at['recall']:.0%}**. "
    f"It misses {len(missed)} curated links, {(missed['curated'] == 'partial').sum()} of them partial "
    f"ones (where the wording of task and entry differ most), and suggests "
    f"{outcomes.get('not_curated', 0)} links the reviewer did not make, listed below for a second look."
)

# %%
agree[agree["outcome"] == "not_curated"]

# %%
agree[agree["outcome"] == "missed"].head(10)
