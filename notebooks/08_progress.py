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
#     - returns
# ---

# %% [markdown]
# # 08 · Tình hình thực hiện: tổng hợp báo cáo của các cơ quan
# *Progress: the agencies' returns merged*
#
# Cơ quan đầu mối gửi mỗi cơ quan một sổ theo dõi (`plan132 track init`), các cơ quan điền tình
# trạng, tỷ lệ hoàn thành, kết quả, khó khăn và kiến nghị rồi gửi lại mỗi kỳ. Ghi các sổ đã nhận
# (tệp hoặc thư mục, nhiều kỳ cũng được) vào `RETURNS` và ngày tính vào `AS_OF` ở ô tham số dưới
# đây. Mỗi nhiệm vụ lấy tình trạng theo báo cáo có ngày báo cáo muộn nhất; các báo cáo không thống
# nhất, các giá trị phải đọc lại và các cảnh báo được liệt kê ở cuối. Lệnh `plan132 track report`
# ghi cùng các bảng, biểu đồ và dự thảo báo cáo kết quả ra tệp.
#
# *List the returned tracking workbooks (files or folders, any number of periods) in `RETURNS` and
# the as-of date in `AS_OF`; `plan132 track report` writes the same tables, charts and a draft
# report. Set `LANG = "en"` for English.*

# %% tags=["parameters"]
PLAN = None  # path to a plan (PDF, Word, Excel or the text export); None = the bundled plan
RETURNS = []  # the returned tracking workbooks (.xlsx files or folders holding them)
AS_OF = "2027-07-15"  # the as-of date (YYYY-MM-DD): a task due before it and not done is overdue
AGENCIES = None  # reviewed agency names (plan132 agencies, then filled in); None = none
LANG = "vi"  # "vi" or "en": the language of the tables, charts and sentences

# %%
# %matplotlib inline
import datetime as dt

from plan132lib import load_plan
from plan132lib.analysis.agency_review import registry_for
from plan132lib.analysis.progress import merge
from plan132lib.charts.progress import open_by_period, overdue_by_group, status_by_agency
from plan132lib.pipeline.track import read_returns, return_files
from plan132lib.render.notebook_view import say, show
from plan132lib.words import Locale, say_error

plan = load_plan(PLAN, registry_for(AGENCIES))
files, _locks = return_files(RETURNS)
found, unread = read_returns(files)
for problem in unread:  # a file that is not a return: named, and left out
    print(say_error(problem, LANG))
progress = merge(plan, found, dt.date.fromisoformat(AS_OF), LANG)
day = Locale(LANG).date(AS_OF)
say("08.read", LANG, n=len(found), unread=len(unread), tasks=len(progress.progress), date=day)

# %% [markdown]
# ## Tình trạng theo cơ quan
# *Status by agency*
#
# Mỗi cơ quan một thanh: các nhiệm vụ cơ quan chủ trì, theo tình trạng; số nhiệm vụ quá hạn ghi ở
# cuối thanh. Bảng dưới liệt kê cả các nhiệm vụ cơ quan phối hợp và cơ quan đã gửi báo cáo kỳ nào.

# %%
status_by_agency(progress, plan, LANG)

# %%
show(progress.by_agency, LANG, table="track/progress_by_agency")

# %%
latest = progress.latest.label(LANG) if progress.latest else "–"
say("08.missing", LANG, n=len(progress.non_reporters), period=latest)

# %% [markdown]
# ## Nhiệm vụ quá hạn và tiến độ qua các kỳ
# *Overdue tasks, and open tasks over the periods*

# %%
overdue_by_group(progress, plan, LANG)

# %%
open_by_period(progress, plan, LANG)

# %% [markdown]
# ## Từng nhiệm vụ
# *Each task*
#
# Cột "Vị trí trong văn bản" là tệp, trang tính và dòng của sổ theo dõi mà tình trạng được lấy từ đó.

# %%
show(progress.progress, LANG, table="track/progress")

# %% [markdown]
# ## Báo cáo không thống nhất, giá trị đọc lại, cảnh báo
# *Conflicts, values read another way, warnings*

# %%
show(progress.conflicts, LANG, table="track/conflicts")
