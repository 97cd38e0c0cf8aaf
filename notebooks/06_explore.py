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
# # 06 · Tra cứu theo cơ quan, theo nhóm nhiệm vụ
# *Explore by agency or by task group*
#
# Chọn một cơ quan để xem các nhiệm vụ cơ quan đó chủ trì và phối hợp (nguyên văn), nhiệm vụ của cơ
# quan ở phần Tổ chức thực hiện, các cơ quan cùng làm nhiệm vụ với cơ quan đó và số nhiệm vụ đang
# thực hiện theo từng năm. Chọn một nhóm nhiệm vụ để xem các nhiệm vụ của nhóm và cơ quan được giao.
#
# Các mục giao chung như "Các sở, ban, ngành", "Các đơn vị có liên quan" có thể **giữ nguyên** như
# kế hoạch viết, **không tính**, hoặc **tách thành từng cơ quan** thành viên theo danh mục. Ô "Tính
# UBND các xã, phường" bỏ hoặc giữ các Ủy ban nhân dân cấp xã, mà kế hoạch ghi chung như một cơ quan.
#
# Các ô chọn chạy khi mở sổ trong JupyterLab (`make lab`) và chạy các ô lệnh. Bản đã chạy sẵn
# (trong báo cáo) không có ô chọn: bản đó cho thấy cơ quan chủ trì nhiều nhiệm vụ nhất và nhóm nhiệm
# vụ đầu tiên.
#
# *Pick an agency to see its tasks, its duties in the implementation section, partners and timeline,
# or a task group to see its tasks and agencies; choose how the collective entries and the commune
# committees count. The pickers work in JupyterLab (`make lab`); the executed copy shows the agency
# that leads the most tasks and the first group. Set `LANG = "en"` for English.*

# %% tags=["parameters"]
PLAN = None  # path to a plan (PDF, Word, Excel or the text export); None = the bundled plan
AGENCIES = None  # reviewed agency names (plan132 agencies, then filled in); None = none
LANG = "vi"  # "vi" or "en": the language of the tables, charts and sentences

# %%
from plan132lib import load_plan
from plan132lib.analysis.agency_review import registry_for
from plan132lib.render.explore_view import explorer

plan = load_plan(PLAN, registry_for(AGENCIES))
explorer(plan, LANG)

# %% [markdown]
# ## Tra cứu bằng mã lệnh
# *The same from code*
#
# Mỗi hồ sơ là một đối tượng của `plan132lib.analysis.explore` với các bảng dữ liệu (`tasks`,
# `duties`, `partners`, `timeline`), để lọc, sắp xếp hoặc ghi ra tệp. Ví dụ: các cơ quan cùng làm
# nhiệm vụ với cơ quan chủ trì nhiều nhiệm vụ nhất, khi không tính các mục giao chung.

# %%
from plan132lib.analysis import explore
from plan132lib.render.notebook_view import show

choices = explore.agency_choices(plan, "drop", LANG)
profile = explore.agency_profile(plan, choices[0][1], "drop") if choices else None
show(profile.partners[["agency_name" if LANG == "vi" else "name_en", "weight", "lead_lead", "lead_coordinate",
                       "coordinate_coordinate", "tasks"]], LANG, caption=choices[0][0]) if profile else None
