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
# # 04 · Kế hoạch có thực hiện các nghị quyết không? Rà soát mức độ bao quát
# *Does the plan take up the resolutions? A coverage review*
#
# Kế hoạch của tỉnh được ban hành để thực hiện các nghị quyết mà nó nêu. Phần rà soát này trả lời:
# trong các nhiệm vụ của nghị quyết thuộc trách nhiệm cấp tỉnh, kế hoạch thực hiện những nhiệm vụ nào
# (đầy đủ hay một phần), bỏ qua những nhiệm vụ nào, nhiệm vụ nào của kế hoạch vượt ra ngoài nghị quyết,
# và các chỉ tiêu định lượng có khớp nhau không.
#
# *Which of the resolutions' tasks for a province the plan takes up, which it leaves out, which
# plan tasks go beyond them, and whether the numeric targets match. Set `LANG = "en"` for English.*

# %% [markdown]
# ## Đọc trước: giới hạn của danh mục
# *Read this first: the limits of the catalogue*
#
# Các nghị quyết được thể hiện bằng một **danh mục**: danh mục kèm theo bộ công cụ (trong
# `data/reference/catalogues/`, lập lại khi chưa có toàn văn chính thức), và danh mục đọc từ chính
# văn bản nghị quyết bằng lệnh `plan132 catalogue`, danh mục này thay danh mục lập lại của cùng văn
# bản. Kế hoạch chỉ được đối chiếu với nội dung của các văn bản mà kế hoạch triển khai. Mỗi nội dung
# ghi rõ nguồn: đọc từ **văn bản**, biết qua **báo chí**, hoặc **suy luận** của người lập danh mục.
# "Chưa có" dưới đây nghĩa là *chưa có theo những gì danh mục biết về nghị quyết*. Liên kết giữa
# nhiệm vụ của kế hoạch và nội dung của danh mục là một **bảng đối chiếu đã rà soát** (của kế hoạch
# kèm theo, hoặc bảng dự thảo bằng lệnh `plan132 crosswalk` rồi được người rà soát); máy đối chiếu
# văn bản chỉ gợi ý liên kết, và được so với bảng đối chiếu ở cuối sổ.

# %% tags=["parameters"]
PLAN = None  # path to a plan (PDF, Word, Excel or the text export); None = the bundled plan
AGENCIES = None  # reviewed agency names (plan132 agencies, then filled in); None = none
CROSSWALK = None  # reviewed crosswalk (CSV or XLSX) for PLAN; None = the bundled one (bundled plan only)
CATALOGUE = None  # catalogues added to the bundled ones (a list, e.g. from plan132 catalogue); None = none
LANG = "vi"  # "vi" or "en": the language of the tables, charts and sentences

# %%
# %matplotlib inline
from IPython.display import Markdown

from plan132lib import load_plan
from plan132lib.analysis import coverage
from plan132lib.analysis.agency_review import registry_for
from plan132lib.analysis.catalogue import load_catalogues
from plan132lib.charts import coverage as coverage_charts
from plan132lib.render.notebook_view import ids, join, number, percent, say, show, text
from plan132lib.words import value

plan = load_plan(PLAN, registry_for(AGENCIES))
review = coverage.review_for(plan, CROSSWALK, CATALOGUE)
if review is None:  # why (the plan implements another document, or no crosswalk yet) and what to do
    raise ValueError(coverage.skipped(plan, load_catalogues(CATALOGUE), LANG, PLAN or plan.path))
cat = review.catalogue
title = "title_vi" if LANG == "vi" else "title_en"
paraphrase = "paraphrase_vi" if LANG == "vi" else "paraphrase_en"
titles = cat.set_index("id")[title].to_dict()
counts = cat["confidence"].value_counts()
types = cat["entry_type"].value_counts()
strength = review.crosswalk["strength"].value_counts()
say("04.summary", LANG, citation=plan.citation(LANG), caveat=coverage.caveat(review, LANG), n=len(cat),
    tasks=int(types.get("task", 0)), targets=int(types.get("target", 0)),
    context=int(types.get("context", 0)),
    text=int(counts.get("TEXT", 0)), news=int(counts.get("NEWS", 0)), inferred=int(counts.get("INFERRED", 0)),
    links=len(review.crosswalk), full=int(strength.get("full", 0)), partial=int(strength.get("partial", 0)))

# %% [markdown]
# ## Đã có, còn thiếu
# *What is covered, what is missing*
#
# Mỗi nhiệm vụ hoặc chỉ tiêu của danh mục có một trạng thái: **đã có** (ít nhất một nhiệm vụ của kế
# hoạch thực hiện đầy đủ, trong phạm vi của tỉnh), **một phần** (chỉ có liên kết một phần), **chưa
# có** (không có nhiệm vụ nào), hoặc **không thuộc cấp tỉnh** (như soạn thảo luật, nhiệm vụ riêng của
# bộ, ngành).

# %%
table = coverage.coverage_table(review)
by_group = coverage.coverage_by_group(review)
show(by_group, LANG, table="tables/coverage_by_group")

# %%
g = by_group.set_index("resolution_group")
na = table[table["status"] == "not_applicable"]
applicable = table["status"].isin(["covered", "partial", "missing"])
inferred = table[(table["confidence"] == "INFERRED") & applicable]
say("04.coverage", LANG, n=int(g.at["all", "n_entries"]), covered=int(g.at["all", "covered"]),
    partial=int(g.at["all", "partial"]), missing=int(g.at["all", "missing"]),
    share_covered=percent(g.at["all", "share_covered"], LANG),
    share_any=percent(g.at["all", "share_covered_or_partial"], LANG),
    by_group="; ".join(f"{coverage_charts.label('group_' + key, LANG).lower()} {g.at[key, 'covered']} / "
                       f"{g.at[key, 'partial']} / {g.at[key, 'n_entries']}"
                       for key in coverage.GROUP_ORDER if key in g.index and g.at[key, "n_entries"] > 0)
    or text("none", LANG),
    na=len(na), na_list=join(list(na[title]), LANG) or text("none", LANG),
    left_out=int(g.at["all", "n_left_out"]),
    inferred_list=join(list(inferred[title]), LANG) or text("none", LANG))

# %%
notes = {"source": coverage_charts.review_source(review, LANG), "caveat": coverage.caveat(review, LANG)}
coverage_charts.coverage_by_group(by_group, LANG, **notes)

# %%
coverage_charts.coverage_matrix(coverage.matrix(review), table, LANG, **notes)

# %% [markdown]
# ### Các nội dung kế hoạch chưa có
# *The entries the plan leaves out*

# %%
missing = table[table["status"] == "missing"]
show(missing[[title, "resolution_group", "applies_to_province", "confidence", paraphrase]], LANG,
     table="tables/coverage_entries")

# %% [markdown]
# ### Chỉ thực hiện một phần
# *Taken up only in part*
#
# Ghi chú của người rà soát nói rõ liên kết một phần còn thiếu gì.

# %%
partial_ids = table.loc[table["status"] == "partial", "goal_id"]
partial_links = review.crosswalk[review.crosswalk["goal_id"].isin(partial_ids)]
show(partial_links.assign(**{title: partial_links["goal_id"].map(titles)})[[title, "task_id", "note"]], LANG)

# %% [markdown]
# ## Nhiệm vụ của kế hoạch ngoài danh mục
# *Plan tasks beyond the catalogue*

# %%
beyond = coverage.tasks_beyond(review)
show(beyond[["task_id", "content", "lead_agencies"]], LANG, table="tables/coverage_tasks_beyond")

# %%
say("04.beyond", LANG, n=len(beyond), total=len(plan.tasks), task_ids=ids(list(beyond["task_id"]), LANG))

# %% [markdown]
# ## Các chỉ tiêu định lượng có khớp không?
# *Do the numeric targets match?*
#
# Mỗi chỉ tiêu định lượng của kế hoạch đặt cạnh chỉ tiêu của nghị quyết mà bảng đối chiếu gắn với nó:
# *giống*, *cao hơn*, *thấp hơn*, *nguồn chưa kiểm chứng* (con số của nghị quyết chỉ biết qua suy luận)
# hoặc *không tìm thấy chỉ tiêu tương ứng*; sau đó là từng chỉ tiêu của nghị quyết dành cho tỉnh mà kế
# hoạch chưa đặt ra.

# %%
targets = coverage.target_alignment(review)
show(targets[["task_id", "plan_indicator", "plan_value", "plan_baseline_year", "plan_target_year",
              "res_indicator", "res_value_raw", "res_baseline_year", "res_target_year", "confidence",
              "alignment"]], LANG, table="tables/coverage_targets")

# %%
linked = targets[targets["task_id"].ne("") & targets["goal_id"].ne("")]
gaps = targets[targets["alignment"] == "no plan target"]
sentences = [text("04.target", LANG, task=r.task_id,
                  indicator=f" ({r.plan_indicator})" if r.plan_indicator else "",
                  entry=titles.get(r.goal_id, r.goal_id), value=r.res_value_raw,
                  alignment=value("alignment", r.alignment, LANG))
             for r in linked.itertuples()]
sentences.append(text("04.target_gaps", LANG, n=len(gaps),
                      list=(": " + "; ".join(f"{titles.get(r.goal_id, r.goal_id)} ({r.res_value_raw})"
                                             for r in gaps.itertuples())) if len(gaps) else ""))
Markdown(" ".join(sentences))

# %% [markdown]
# ## Nội dung nghị quyết nêu tên tỉnh hoặc sông, hệ thống thủy lợi của tỉnh
# *Where the resolutions name the province or its rivers*
#
# Các nội dung nêu tên tỉnh của kế hoạch, hoặc một dòng sông, hệ thống thủy lợi chảy qua tỉnh
# (`data/reference/local_places.csv`), và kế hoạch làm gì với từng nội dung đó.

# %%
local = coverage.local_mentions(review)
if local.empty:
    out = say("04.local_none", LANG, province=plan.province)
else:
    out = Markdown(" ".join(
        text("04.local", LANG, entry=titles.get(r.goal_id, r.goal_id), places=r.places_named,
             status=value("coverage_status", r.status, LANG),
             tasks=text("04.local_tasks", LANG, task_ids=r.task_ids.replace(" | ", ", "))
             if r.task_ids else "")
        for r in local.itertuples()))
out

# %%
show(local.assign(**{title: local["goal_id"].map(titles)})[[title, "entry_type", "places_named", "status",
                                                             "task_ids"]],
     LANG, table="tables/coverage_local_mentions")

# %% [markdown]
# ## Máy đối chiếu văn bản khớp với người rà soát đến đâu
# *How far the text matcher agrees with the reviewer*
#
# Máy chấm điểm mọi cặp nhiệm vụ × nội dung theo từ ngữ chung (từ đã tách bằng underthesea, bỏ các từ
# hành chính chung, TF-IDF, cô-sin; xem `plan132lib.analysis.matcher`). Máy chỉ gợi ý: bảng đối chiếu là
# chuẩn. Ngưỡng được chọn trên chính bảng đối chiếu này (chưa có người rà soát thứ hai để kiểm tra), nên
# các số đo dưới đây mô tả mức độ khớp, không phải độ chính xác trên kế hoạch mới.

# %%
sweep = coverage.agreement_sweep(review)
show(sweep, LANG, table="tables/coverage_agreement_sweep")

# %%
by_threshold = sweep.set_index("threshold")
at_threshold = by_threshold.loc[coverage.THRESHOLD]
lower = by_threshold[(by_threshold.index < coverage.THRESHOLD)
                     & (by_threshold["recall"] > at_threshold["recall"])]
low = lower.index.max() if len(lower) else coverage.THRESHOLD
say("04.sweep", LANG, threshold=number(coverage.THRESHOLD, LANG, 3),
    precision=percent(at_threshold["precision"], LANG), recall=percent(at_threshold["recall"], LANG),
    low=number(low, LANG, 3),
    low_recall=percent(by_threshold.at[low, "recall"], LANG),
    low_precision=percent(by_threshold.at[low, "precision"], LANG))

# %%
agree = coverage.agreement(review)
at = sweep.set_index("threshold").loc[coverage.THRESHOLD]
outcomes = agree["outcome"].value_counts()
missed = agree[agree["outcome"] == "missed"]
say("04.agreement", LANG, threshold=number(coverage.THRESHOLD, LANG, 3), n_suggested=int(at["n_suggested"]),
    n_agreed=int(at["n_agreed"]), precision=percent(at["precision"], LANG),
    recall=percent(at["recall"], LANG),
    missed=len(missed), missed_partial=int((missed["curated"] == "partial").sum()),
    not_curated=int(outcomes.get("not_curated", 0)))

# %%
shown = ["task_id", "goal_id", "score", "outcome", "shared"]
show(agree[agree["outcome"] == "not_curated"][shown].assign(goal_id=lambda f: f["goal_id"].map(titles)), LANG,
     table="tables/coverage_agreement")

# %%
show(agree[agree["outcome"] == "missed"][shown].head(10).assign(goal_id=lambda f: f["goal_id"].map(titles)),
     LANG, table="tables/coverage_agreement")
