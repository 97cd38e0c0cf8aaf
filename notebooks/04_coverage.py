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
# # 04 · Does Kế hoạch 132 take up the resolutions? A coverage review
#
# Kế hoạch 132/KH-UBND exists to implement the National Assembly's **Resolution 247/2025/QH15**
# and the Government's **Resolution 67/NQ-CP** on environmental protection. This review asks which
# of the resolutions' tasks that fall to a province the plan takes up (fully or in part), which it
# leaves out, which plan tasks go beyond them, and whether its numeric targets match.

# %% [markdown]
# ## Read this first: the limits of the catalogue
#
# The resolutions are represented by a **catalogue** (`data/reference/resolution_catalogue.csv`),
# not by their official text, which was not available when it was built:
#
# - of **67/NQ-CP** only the number, date and title are known — *none of its tasks*;
# - the tasks of **247/2025/QH15** were reconstructed from press reports of it (confidence
#   **NEWS**); only the title, attributes, legal bases and the opening of Article 1 were read in the
#   resolution's own text (**TEXT**); **INFERRED** marks the compiler's inferences.
#
# So "missing" below means *missing as far as this catalogue knows the resolutions*, and a plan task
# "beyond" the resolutions may implement a part of them the catalogue could not retrieve. The
# links between plan tasks and catalogue entries are a **curated crosswalk**
# (`data/reference/crosswalk_plan132.csv`), written by a reviewer and validated on load; a text
# matcher only suggests links, and is compared with the crosswalk at the end. When the official
# texts are at hand, replace or extend the catalogue (columns documented in
# `plan132lib.analysis.catalogue.CATALOGUE_COLUMNS`) and re-run.

# %% tags=["parameters"]
PLAN = None  # path to a plan (.md); None = the bundled Kế hoạch 132
CROSSWALK = None  # path to a crosswalk CSV written for PLAN; None = the bundled one (Kế hoạch 132 only)

# %%
# %matplotlib inline
import pandas as pd
from IPython.display import Markdown

from plan132lib import load_plan
from plan132lib.analysis import coverage
from plan132lib.charts import coverage as coverage_charts

pd.set_option("display.max_colwidth", 80)
plan = load_plan(PLAN)
review = coverage.review_for(plan, CROSSWALK)
if review is None:
    raise ValueError(f"no crosswalk for {plan.path}: set CROSSWALK to a crosswalk written for this plan")
cat = review.catalogue
counts = cat["confidence"].value_counts()
types = cat["entry_type"].value_counts()
Markdown(
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
# **not applicable** (it does not fall to a province: drafting a law, Hà Nội's own target).

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
    f"**{g.at['all', 'missing']} have no plan task** ({g.at['all', 'share_covered']:.0%} covered, "
    f"{g.at['all', 'share_covered_or_partial']:.0%} covered or partial). "
    + "By group (covered / in part / of): "
    + "; ".join(f"{name} {g.at[key, 'covered']} / {g.at[key, 'partial']} / {g.at[key, 'n_entries']}"
                for key, name in [("breakthrough", "the breakthrough tasks (*đột phá*)"),
                                  ("due_2026", "the tasks due in 2026"), ("to_2030", "the tasks to 2030")])
    + f". {len(na)} entries do not fall to a province ({', '.join(na['goal_id'])}); "
    f"{g.at['all', 'n_left_out']} INFERRED entry, an inference of the catalogue's compiler, is not "
    f"counted ({', '.join(inferred['goal_id'])})."
)

# %%
coverage_charts.coverage_by_group(by_group)

# %%
coverage_charts.coverage_matrix(coverage.matrix(review), table)

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
notes = review.crosswalk[review.crosswalk["goal_id"].isin(partial_ids)]
notes[["goal_id", "task_id", "note"]]

# %% [markdown]
# ## Plan tasks beyond the catalogue

# %%
beyond = coverage.tasks_beyond(review)
beyond[["task_id", "content", "lead_agencies"]]

# %%
Markdown(
    f"**{len(beyond)} of {len(plan.tasks)} plan tasks** are linked to no catalogue entry "
    f"({', '.join(beyond['task_id'])}). Most of their subjects (monitoring, impact assessment and "
    f"permits, inspection, communication and education) belong to parts of the resolutions the "
    f"catalogue could not retrieve, so they go beyond the *catalogue*, not necessarily beyond the "
    f"resolutions."
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
pm = targets[(targets["task_id"] == "2.6") & (targets["goal_id"] != "")].iloc[0]
compared = {"same": "the same as", "stricter": "stricter than", "weaker": "weaker than"}
gaps = targets[targets["alignment"] == "no plan target"]
unverified = targets[targets["alignment"] == "source unverified"]
Markdown(
    f"The PM2.5 target of task {pm['task_id']} (a cut of at least {abs(pm['plan_value']):.0f}% against "
    f"{pm['plan_baseline_year']} by {pm['plan_target_year']}) is "
    f"**{compared.get(pm['alignment'], pm['alignment'] + ' against')}** the "
    f"resolution's target for the provinces around Hà Nội ({pm['goal_id']}: {pm['res_value_raw']}, "
    f"baseline {pm['res_baseline_year']}, by {pm['res_target_year']}); the plan does not state the "
    f"2024 baseline value it is measured against. "
    f"{len(unverified)} targets of task {', '.join(unverified['task_id'].unique())} match figures "
    f"of {', '.join(unverified['goal_id'].unique())}, known only from the plan itself (confidence "
    f"INFERRED): their agreement proves nothing until the resolutions' text is "
    f"checked. {len(gaps)} resolution targets for the province have no plan target: "
    + "; ".join(f"{r.goal_id} ({r.res_indicator}: {r.res_value_raw})" for r in gaps.itertuples()) + "."
)

# %% [markdown]
# ## Where the resolution names Hưng Yên or its rivers

# %%
local = coverage.local_mentions(review)
local[["goal_id", "entry_type", "places_named", "status", "answer", "paraphrase_en"]]

# %%
bhh = local[local["places_named"].str.contains("Bắc Hưng Hải")
            & (local["entry_type"] != "context")]
row = bhh.iloc[0]
link_notes = review.crosswalk[review.crosswalk["goal_id"] == row["goal_id"]]
Markdown(
    f"The Bắc Hưng Hải river system ({row['goal_id']}, in the group due in 2026) is taken up "
    f"**{ {'covered': 'fully', 'partial': 'only in part'}.get(row['status'], 'not at all') }** by "
    f"{row['answer']}. The reviewer's notes: "
    + " ".join(f"*{n.task_id}*: {n.note}" for n in link_notes.itertuples())
)

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
    f"ones whose wording differs from the entry's (\"coi chất thải là tài nguyên\" against recycling "
    f"tasks), and suggests "
    f"{outcomes.get('not_curated', 0)} links the reviewer did not make, listed below for a second look."
)

# %%
agree[agree["outcome"] == "not_curated"]

# %%
agree[agree["outcome"] == "missed"].head(10)
