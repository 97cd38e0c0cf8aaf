"""Writing tables to files, byte-identical for the same input.

CSV files are UTF-8 without BOM, LF line endings, one file per table, columns
in the contract's order and rows in the table's order. Text is written exactly
(quoted where it holds a comma, quote or line break); a missing value is an
empty field; booleans are ``True``/``False``.
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from ..analysis.coverage import CAVEAT, CAVEAT_VI, Review
from ..ingest.tables import Plan
from ..labels import (
    ALIGNMENT_VALUES,
    COVERAGE_STATUS_VALUES,
    NETWORK_ROLE_VALUES,
    OUTCOME_VALUES,
    ROLE_VALUES,
    headers,
)
from .workbook import Sheet, WorkbookReport, write_workbook


def write_csv(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write one table as UTF-8 CSV and return its path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n",
                 quoting=csv.QUOTE_MINIMAL)
    return path


def write_tables(tables: dict[str, pd.DataFrame], folder: str | Path) -> list[Path]:
    """Write each table as ``<folder>/<name>.csv``; returns the paths written."""
    folder = Path(folder)
    return [write_csv(frame, folder / f"{name}.csv") for name, frame in tables.items()]


def write_text(text: str, path: str | Path) -> Path:
    """Write a UTF-8 text file with LF line endings."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


# ------------------------------------------------------------------ the workbook

SHEET_NAMES = {
    "readme": ("Giới thiệu", "README"), "tasks": ("Nhiệm vụ", "Tasks"),
    "assignments": ("Phân công", "Assignments"), "raci": ("Ma trận RACI", "RACI matrix"),
    "workload": ("Khối lượng theo cơ quan", "Workload"), "timeline": ("Tiến độ theo năm", "Timeline"),
    "flags": ("Cờ trách nhiệm", "Task flags"), "concentration": ("Mức độ tập trung", "Concentration"),
    "duties": ("Nhiệm vụ Mục IV", "Duties"), "duties_vs_tasks": ("Mục IV và Phụ lục", "Duties vs tasks"),
    "findings": ("Kết quả kiểm tra", "Validation findings"),
    "network": ("Mạng lưới cơ quan", "Agency network"), "pairs": ("Cặp cơ quan", "Agency pairs"),
    "coverage": ("Đối chiếu nghị quyết", "Resolution coverage"),
    "coverage_groups": ("Mức bao quát theo nhóm", "Coverage by group"),
    "targets": ("Đối chiếu chỉ tiêu", "Target alignment"),
    "agreement": ("Gợi ý so khớp", "Matcher vs crosswalk"),
}

_HOW = {
    "readme": ("Trang này: nguồn, ngày, cách tính từng trang.", "This sheet: source, date, how each sheet "
               "was computed."),
    "tasks": ("Mỗi dòng một nhiệm vụ của Phụ lục; nội dung giữ nguyên văn (kể cả lỗi chính tả); dòng "
              "bị ngắt trang được nối bằng một dấu cách; năm lấy từ cột Tiến độ.",
              "One row per appendix task; text as published (typos kept); rows split by a page break "
              "joined with one space; years read from the timeline cell."),
    "assignments": ("Mỗi dòng một cơ quan trong ô chủ trì/phối hợp; tên tách theo dấu phẩy, chấm phẩy "
                    "và 'và' nhưng không tách trong tên; 'Các sở, ban, ngành', 'Các đơn vị có liên "
                    "quan' là cơ quan tập thể, giữ nguyên.",
                    "One row per agency named in a lead or coordinating cell; collective entries kept "
                    "as written."),
    "raci": ("Hàng: cơ quan; cột: nhiệm vụ; ô: Chủ trì / Phối hợp.",
             "Rows: agencies; columns: tasks; cells: Lead / Coordinate."),
    "workload": ("Số nhiệm vụ chủ trì (một mình / chung), phối hợp; tải chủ trì: nhiệm vụ có n cơ quan "
                 "chủ trì tính 1/n cho mỗi cơ quan; tỷ trọng = tải / tổng số nhiệm vụ. Cơ quan tập "
                 "thể được tính như một cơ quan.",
                 "Tasks led (alone / shared) and coordinated; lead load: a task with n leads counts 1/n "
                 "for each; share = load / number of tasks. Collectives count as one agency."),
    "timeline": ("Số nhiệm vụ đang thực hiện mỗi năm 2026–2030 và sau 2030 (nhiệm vụ 'và các năm "
                 "tiếp theo'), theo cơ quan.",
                 "Tasks active per year 2026–2030 and after 2030 (open-ended tasks), per agency."),
    "flags": ("Mỗi nhiệm vụ: nhiều cơ quan chủ trì, chủ trì tập thể, không có cơ quan phối hợp cụ thể, "
              "không có thời hạn kết thúc, hạn gần (đến 2027).",
              "Per task: several leads, collective lead, no specific coordinator, open-ended, near "
              "deadline (by 2027)."),
    "concentration": ("Mức độ tập trung vai trò chủ trì: HHI = Σ s², s = tỷ trọng tải chủ trì; số cơ quan "
                      "hiệu dụng = 1/HHI; hệ số Gini.",
                      "Concentration of leadership: HHI = Σ s², s = share of lead load; effective number "
                      "= 1/HHI; Gini coefficient."),
    "duties": ("Mục IV (Tổ chức thực hiện): mỗi dòng một nhiệm vụ của một cơ quan.",
               "Section IV: one row per duty of an agency."),
    "duties_vs_tasks": ("Cơ quan có nhiệm vụ ở Mục IV nhưng không có nhiệm vụ ở Phụ lục, và ngược lại.",
                        "Agencies with Section IV duties but no appendix task, and the reverse."),
    "findings": ("Kết quả kiểm tra như lệnh 'plan132 check'.", "The findings of 'plan132 check'."),
    "network": ("Mỗi cơ quan có tên cụ thể (bỏ 'Các sở, ban, ngành', 'Các đơn vị có liên quan'): số cơ "
                "quan cùng làm ít nhất một nhiệm vụ, tổng số nhiệm vụ chung, mức trung gian "
                "(betweenness, chuẩn hóa 0–1), mức trung tâm (eigenvector, có trọng số), cụm (Louvain); "
                "đầu mối (hub) = 3 hạng đầu theo tổng số NV chung, trung gian (broker) = 3 hạng đầu theo "
                "betweenness > 0. Bảng đủ ba cách tính tập thể: outputs/tables/network_*.csv.",
                "Named agencies only (collective entries left out): partner agencies, shared tasks, "
                "betweenness (normalised 0–1), weighted eigenvector centrality, Louvain community; hub = "
                "top 3 by shared tasks, broker = top 3 by betweenness > 0. All three collective options: "
                "outputs/tables/network_*.csv."),
    "pairs": ("Cặp cơ quan có tên cụ thể cùng thực hiện nhiệm vụ: số nhiệm vụ chung, tách theo vai trò.",
              "Pairs of named agencies sharing tasks: number of shared tasks, split by role."),
    "coverage": ("Mỗi dòng một nội dung trong danh mục NQ 247/2025/QH15 và 67/NQ-CP: đã có (có nhiệm "
                 "vụ tiếp nhận đầy đủ), một phần, chưa có, không thuộc cấp tỉnh, bối cảnh (không tính). "
                 "Liên kết lấy từ bảng đối chiếu data/reference/crosswalk_plan132.csv. " + CAVEAT_VI,
                 "One row per entry of the catalogue of Resolutions 247/2025/QH15 and 67/NQ-CP: covered (a "
                 "task takes it up fully), partial, missing, not applicable to a province, context (not "
                 "counted). Links from data/reference/crosswalk_plan132.csv. " + CAVEAT),
    "coverage_groups": ("Số nội dung thuộc cấp tỉnh theo nhóm nhiệm vụ của NQ 247 và mức tiếp nhận.",
                        "Entries that fall to a province, per group of Resolution 247, by status."),
    "targets": ("Chỉ tiêu định lượng của Kế hoạch bên cạnh chỉ tiêu tương ứng của nghị quyết: giống, cao "
                "hơn, thấp hơn, chưa kiểm chứng nguồn (INFERRED), không tìm thấy; và chỉ tiêu của nghị quyết "
                "thuộc cấp tỉnh mà Kế hoạch không có.",
                "Each plan target beside the resolution's: same, stricter, weaker, source unverified, none "
                "found; and resolution targets for the province with no plan target."),
    "agreement": ("So khớp tự động theo từ ngữ chung (âm tiết và cặp âm tiết, TF-IDF) so với bảng đối chiếu "
                  "do người đọc lập: cả hai cùng có, người đọc có mà máy bỏ sót, máy gợi ý mà người đọc "
                  "không chọn.",
                  "Text-similarity suggestions against the curated crosswalk: agreed, missed by the matcher, "
                  "suggested but not curated."),
}


def workbook_sheets(plan: Plan, lang: str = "vi", review: Review | None = None) -> list[Sheet]:
    """The workbook's sheets: a README, then the tables and analyses.

    The coverage sheets are added when a coverage ``review`` is given (see
    :func:`plan132lib.coverage.review_for`).
    """
    from ..analysis import network, workload
    from ..ingest.validation import findings

    i = 0 if lang == "vi" else 1
    roles = ROLE_VALUES[lang]

    def sheet(key: str, frame: pd.DataFrame, **kw: object) -> Sheet:
        return Sheet(name=SHEET_NAMES[key][i], frame=frame, headers=headers(list(frame.columns), lang),
                     **kw)

    assignments = plan.assignments.assign(role=plan.assignments["role"].map(roles))
    raci = workload.raci_matrix(plan, lang=lang)
    readme = _readme(plan, lang)
    return [
        Sheet(name=SHEET_NAMES["readme"][i], frame=readme, headers=headers(list(readme.columns), lang),
              widths={"field": 28, "value": 100}),
        sheet("tasks", plan.tasks),
        sheet("assignments", assignments),
        Sheet(name=SHEET_NAMES["raci"][i], frame=raci, index_label=raci.index.name,
              value_fills={roles["lead"]: "1F4E79", roles["coordinate"]: "9DC3E6"},
              widths={c: 9 for c in raci.columns}),
        sheet("workload", workload.agency_workload(plan)),
        sheet("timeline", workload.active_by_year(plan)),
        sheet("flags", workload.task_flags(plan)),
        sheet("concentration", workload.concentration(plan)),
        sheet("duties", plan.duties),
        sheet("duties_vs_tasks", workload.duties_vs_tasks(plan)),
        sheet("findings", findings(plan)),
        sheet("network", _network_sheet(plan, lang)),
        sheet("pairs", network.pair_table(plan, "drop")[
            ["u_name", "v_name", "weight", "lead_lead", "lead_coordinate", "coordinate_coordinate",
             "u_leads", "v_leads", "tasks"]]),
        *(_coverage_sheets(review, lang, sheet) if review is not None else []),
    ]


def _coverage_sheets(review: Review, lang: str, sheet: Callable[..., Sheet]) -> list[Sheet]:
    """The coverage review's sheets: entries, groups, targets, matcher agreement."""
    from ..analysis import coverage

    vi = lang == "vi"
    caveat = CAVEAT_VI if vi else CAVEAT
    entries = coverage.coverage_table(review).rename(columns={"status": "coverage_status"})
    text = "paraphrase_vi" if vi else "paraphrase_en"
    entries = entries[["goal_id", "resolution_group", "entry_type", "applies_to_province", "confidence",
                       "coverage_status", "task_ids", "full_task_ids", "lead_agencies", text,
                       "province_reason"]]
    targets = coverage.target_alignment(review)
    agreement = coverage.agreement(review)
    if vi:
        entries = entries.assign(coverage_status=entries["coverage_status"].map(COVERAGE_STATUS_VALUES["vi"]))
        targets = targets.assign(alignment=targets["alignment"].map(ALIGNMENT_VALUES["vi"]))
        agreement = agreement.assign(outcome=agreement["outcome"].map(OUTCOME_VALUES["vi"]))
    return [sheet("coverage", entries, note=caveat, widths={text: 70, "province_reason": 50}),
            sheet("coverage_groups", coverage.coverage_by_group(review), note=caveat),
            sheet("targets", targets, note=caveat),
            sheet("agreement", agreement)]


def _network_sheet(plan: Plan, lang: str) -> pd.DataFrame:
    """Network measures of the named agencies, with their hub / broker role."""
    from ..analysis import network

    roles = network.hubs_and_brokers(plan, "drop").set_index("agency_id")["network_role"]
    roles = roles.map(lambda r: NETWORK_ROLE_VALUES.get(lang, {}).get(r, r))
    m = network.agency_measures(plan, "drop")
    m = m.assign(network_role=m["agency_id"].map(roles).fillna(""))
    return m[["agency_id", "agency_name", "short_name", "n_tasks", "n_lead", "n_coordinate", "degree",
              "weighted_degree", "betweenness", "eigenvector", "community", "network_role"]]


def _readme(plan: Plan, lang: str) -> pd.DataFrame:
    i = 0 if lang == "vi" else 1
    date = plan.meta_value("date") or ""
    rows = [
        ("Văn bản" if lang == "vi" else "Document",
         f"Kế hoạch số {plan.meta_value('number')} ngày {date} — {plan.meta_value('issuer')}"),
        ("Trích yếu" if lang == "vi" else "Subject", plan.meta_value("title") or ""),
        ("Tệp nguồn" if lang == "vi" else "Source file", Path(plan.path).name),
        ("Ngày lập bảng" if lang == "vi" else "Build date",
         f"{date} ({'theo ngày của văn bản' if lang == 'vi' else 'the date of the document'})"),
        ("Truy vết" if lang == "vi" else "Tracing",
         "Cột 'Dòng trong văn bản' là số dòng trong tệp nguồn (data/raw/)." if lang == "vi"
         else "The 'Source line' column is the line number in the source file (data/raw/)."),
    ]
    rows += [(SHEET_NAMES[key][i], how[i]) for key, how in _HOW.items()]
    return pd.DataFrame(rows, columns=["field", "value"])


def write_workbook_for(plan: Plan, path: str | Path, lang: str = "vi",
                       review: Review | None = None) -> WorkbookReport:
    """Write the plan's workbook; its timestamps are the plan's date, so two runs are identical.

    With a coverage ``review`` the workbook also holds the coverage sheets.
    """
    date = plan.meta_value("date") or "2000-01-01"
    created = datetime.datetime.fromisoformat(date)
    title = f"Kế hoạch {plan.meta_value('number')}" if lang == "vi" else f"Plan {plan.meta_value('number')}"
    return write_workbook(path, workbook_sheets(plan, lang, review), created=created, title=title)
