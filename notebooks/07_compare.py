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
#     - plans
# ---

# %% [markdown]
# # 07 · So sánh nhiều kế hoạch: các tỉnh, các phiên bản
# *Many plans side by side: provinces and versions*
#
# Đặt các kế hoạch cạnh nhau: mỗi kế hoạch một dòng (số nhiệm vụ, số nhóm, cơ quan, tỷ lệ nhiệm vụ có
# cơ quan phối hợp cụ thể, tỷ lệ nhiệm vụ thực hiện thường xuyên, chỉ tiêu), tỷ trọng chủ trì của
# cùng một cơ quan ở các tỉnh, mức độ cụ thể hóa từng nội dung nghị quyết và cùng một chỉ tiêu ở
# các kế hoạch. Ghi danh sách tệp kế hoạch vào `PLANS` ở ô tham số dưới đây (PDF, Word, Excel hoặc
# văn bản; `None` là Kế hoạch 132 đi kèm). Lệnh `plan132 compare` ghi cùng các bảng và biểu đồ ra tệp.
#
# *List the plan files in `PLANS` below (None = the bundled Plan 132); `plan132 compare` writes the
# same tables and charts to files. Set `LANG = "en"` for English.*

# %% tags=["parameters"]
PLANS = [None]  # the plan files to compare (PDF, Word, Excel or the text export); None = the bundled plan
AGENCIES = None  # reviewed agency names (plan132 agencies, then filled in); None = none
LANG = "vi"  # "vi" or "en"

# %%
# %matplotlib inline
from plan132lib.analysis import compare
from plan132lib.analysis.agency_review import registry_for
from plan132lib.charts.compare import compare_source, coverage_heatmap, lead_share_panels
from plan132lib.render.notebook_view import say, show

plans, unread = compare.load_plans(PLANS, lang=LANG, registry=registry_for(AGENCIES))
tables = compare.compare_tables(plans)
say("07.read", LANG, n=len(plans), n_tasks=len(tables["tasks"]), unread=len(unread))

# %%
show(tables["plans"], LANG, table="compare/plans")

# %% [markdown]
# ## Ai chủ trì, ở từng tỉnh
# *Who leads, in each province*
#
# Cùng một cơ quan theo quy định chung (ví dụ Sở Nông nghiệp và Môi trường) được đối chiếu giữa
# các tỉnh qua danh mục cơ quan. Tỷ trọng tải chủ trì: nhiệm vụ có n cơ quan cùng chủ trì tính 1/n.

# %%
source = compare_source(tables["plans"], LANG)
lead_share_panels(tables["load_by_agency"], tables["plans"], LANG, source=source)

# %% [markdown]
# ## Nội dung nghị quyết ở từng kế hoạch
# *The resolutions' entries in each plan*
#
# Kế hoạch có bảng đối chiếu đã rà soát cho thấy kết quả rà soát; kế hoạch khác cho thấy gợi ý của
# máy (có nhiệm vụ có lời văn gần với nội dung), chưa phải kết luận.

# %%
coverage_heatmap(tables["coverage"], tables["plans"], LANG, source=source, caveat=compare.caveat(plans, LANG))

# %% [markdown]
# ## Cùng một chỉ tiêu ở các kế hoạch
# *The same indicator across plans*

# %%
english = ["indicator_en"] if LANG == "vi" else ["indicator_vi"]  # the indicator in the reader's language
show(tables["targets"].drop(columns=english), LANG, table="compare/targets")
