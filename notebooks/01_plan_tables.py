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
# # 01 · Kế hoạch dưới dạng bảng
# *The plan as tables*
#
# Kế hoạch triển khai của tỉnh cụ thể hóa nghị quyết thành các nhiệm vụ. Phụ lục ("Danh mục các
# nhiệm vụ") chia nhiệm vụ theo nhóm, giao cho cơ quan chủ trì và cơ quan phối hợp, kèm tiến độ;
# phần Tổ chức thực hiện (mỗi kế hoạch đánh số mục này theo cách riêng) nêu nhiệm vụ của từng
# cơ quan.
#
# Sổ này đọc văn bản đã ban hành thành các bảng mà mọi phân tích sau dùng đến, chỉ ra mỗi dòng
# nằm ở đâu trong văn bản gốc và liệt kê các bước kiểm tra đầu tiên. Không có số liệu nào được nhập
# tay: mọi con số đều tính từ văn bản.
#
# *The appendix assigns tasks in groups to a lead and coordinating agencies, with a timeline;
# the implementation section (each plan numbers it its own way) gives each
# agency its duties. This notebook reads the plan into tables, traces each
# row to the source and runs the first checks. Set `LANG = "en"` for English tables and sentences.*

# %% tags=["parameters"]
PLAN = None  # path to a plan (PDF, Word, Excel or the text export); None = the bundled plan
AGENCIES = None  # reviewed agency names (plan132 agencies, then filled in); None = none
LANG = "vi"  # "vi" or "en": the language of the tables' headers and of the sentences

# %%
from plan132lib import load_plan
from plan132lib.analysis.agency_review import registry_for
from plan132lib.analysis.findings import findings_of
from plan132lib.ingest.validation import findings, summary
from plan132lib.render import briefing
from plan132lib.render.notebook_view import finding, join, plain, say, show, text
from plan132lib.render.readable import source_ref_text
from plan132lib.words import Locale

plan = load_plan(PLAN, registry_for(AGENCIES))
t = plan.tasks
found = findings_of(plan)  # what the brief, the slides and every notebook say of the plan
c = found.counts
implements = plan.meta_values("implements")
say("01.summary", LANG, citation=plan.citation(LANG), file=plan.path.rsplit("/", 1)[-1],
    implements=text("01.implements", LANG, documents=join(implements, LANG)) if implements
    else text("01.implements_none", LANG),
    n_tasks=c.n_tasks, n_groups=c.n_groups, n_assignments=c.n_assignments, n_lead=c.n_lead_assignments,
    n_coordinate=c.n_coordinate_assignments, n_agencies=c.n_agencies_assigned, n_all=c.n_agencies_all,
    n_items=c.n_duty_items, n_duties=c.n_duties, section=plan.duties_section_name(LANG))

# %%
show(plan.meta, LANG, table="tables/meta")

# %% [markdown]
# ## Nhiệm vụ
# *Tasks*
#
# Mỗi dòng là một nhiệm vụ. Mã nhiệm vụ là *số nhóm.số thứ tự* (số thứ tự bắt đầu lại trong mỗi
# nhóm). Nội dung giữ nguyên văn như đã ban hành, kể cả lỗi chính tả; một dòng bị ngắt trang được
# nối lại bằng một dấu cách. Cột tiến độ giữ nguyên ô "Tiến độ"; năm bắt đầu, năm kết thúc là các
# năm ô đó nêu, và "tiếp tục sau thời hạn" đánh dấu các nhiệm vụ "… và các năm tiếp theo".

# %%
show(t[["task_id", "content", "lead_raw", "coordinate_raw", "timeline_raw", "start_year", "end_year",
        "open_ended", "source_ref"]], LANG, table="tables/tasks")

# %%
show(t.groupby(["group_id", "group_title"]).size().rename("n_tasks").reset_index(), LANG)

# %% [markdown]
# ## Phân công và cơ quan
# *Assignments and agencies*
#
# Ô chủ trì và ô phối hợp được tách thành từng cơ quan. Dấu phẩy và chữ "và" nằm trong tên cơ quan
# được giữ nguyên ("UBND xã, phường", "Sở Nông nghiệp và Môi trường"); các mục chung như "Các sở,
# ban, ngành" và "Các đơn vị có liên quan" là *mục giao chung* (giao cho cả một khối), giữ nguyên
# cách viết. Tên cơ quan được đối chiếu với danh mục `data/reference/agencies.csv`; tên nào danh mục
# chưa có thì giữ nguyên và báo ở phần kiểm tra dưới đây, không đoán.

# %%
show(plan.assignments[["task_id", "role", "agency_name", "raw_name", "is_collective", "source_ref"]].head(12),
     LANG, table="tables/assignments")

# %%
show(plan.agencies[["name", "short_name", "name_en", "kind", "is_collective", "n_lead", "n_coordinate",
                    "duty_items"]], LANG, table="tables/agencies")

# %%
finding(briefing.leaders_sentence(found, briefing.agency_names(plan, LANG), Locale(LANG)))

# %% [markdown]
# ## Tổ chức thực hiện: nhiệm vụ của từng cơ quan
# *Implementation: duties per agency*
#
# Mỗi dòng là một nhiệm vụ (gạch đầu dòng) trong một mục của phần Tổ chức thực hiện (phần giao
# trách nhiệm cho từng cơ quan, dù kế hoạch đánh số mục đó thế nào). Mục không có gạch đầu dòng
# (như lời đề nghị Ủy ban Mặt trận Tổ quốc) lấy cả đoạn văn làm nhiệm vụ.

# %%
show(plan.duties[["item", "heading", "duty_no", "text", "source_ref"]], LANG, table="tables/duties")

# %% [markdown]
# ## Chỉ tiêu định lượng
# *Numeric targets*
#
# Các tỷ lệ phần trăm nêu trong nội dung nhiệm vụ, với chỉ tiêu, năm phải đạt và năm gốc.

# %%
show(plan.targets[["task_id", "indicator", "value", "unit", "comparator", "qualifier_raw", "baseline_year",
                   "target_year", "source_ref"]], LANG, table="tables/targets") if len(plan.targets) \
    else say("01.no_targets", LANG)

# %% [markdown]
# ## Truy một dòng về văn bản gốc
# *Tracing a row back to the source*
#
# Mỗi dòng của các bảng đều có "vị trí trong văn bản": dòng của bản văn bản, bảng và hàng của tệp
# Word, trang và hàng của tệp PDF, trang tính và ô của tệp Excel. Lấy nhiệm vụ đầu tiên có dòng bị
# ngắt trang (nếu không có, lấy nhiệm vụ đầu tiên): `plan.trace` cho thấy dòng tiêu đề nhóm và các
# dòng của chính nhiệm vụ đó đúng như trong văn bản.

# %%
split_rows = t[t["source_ref"].str.contains(";")]
example = (split_rows if not split_rows.empty else t).iloc[0]
show(plan.trace(example["task_id"]), LANG,
     caption=plain("01.trace", LANG, task=example["task_id"],
                  place=source_ref_text(example["source_ref"], LANG)))

# %% [markdown]
# ## Kiểm tra đầu tiên
# *First checks (the validation report)*
#
# Cùng báo cáo như lệnh `plan132 check`: nhiệm vụ có nhiều cơ quan chủ trì hoặc do một mục giao chung
# chủ trì, nhiệm vụ không có cơ quan phối hợp cụ thể, tiến độ không có điểm kết thúc, tên cơ quan
# chưa có trong danh mục, và cơ quan có nhiệm vụ ở phần Tổ chức thực hiện nhưng không có nhiệm vụ ở Phụ lục
# (hoặc ngược lại).

# %%
checks = findings(plan, LANG)
counts = summary(checks, LANG, plan.duties_section_name(LANG))
show(counts[["description", "count"]].set_axis([text("01.col_check", LANG), text("01.col_count", LANG)],
                                              axis=1), LANG, translate=False)

# %%
show(checks, LANG, table="tables/validation_findings")

# %%
say("01.checks", LANG, several_leads=len(found.several_leads), collective_lead=len(found.collective_lead),
    no_specific_coordinator=len(found.no_specific_coordinator), open_ended=len(found.open_ended),
    total=c.n_tasks, duties_without_tasks=len(found.duties_without_tasks),
    tasks_without_duties=len(found.tasks_without_duties), section=plan.duties_section_name(LANG))

# %% [markdown]
# ## Phần I–III: văn bản
# *Sections I–III as text*
#
# Mục đích, yêu cầu, nội dung và kinh phí, từng đoạn một, kèm vị trí trong văn bản gốc.

# %%
show(plan.sections[["section", "section_title", "item_no", "item_title", "text", "source_ref"]], LANG,
     table="tables/sections")
