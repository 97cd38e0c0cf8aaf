"""Column headers for the workbook and charts, in Vietnamese (default) and English."""

from __future__ import annotations

_VI = {
    "task_id": "Mã nhiệm vụ", "group_id": "Nhóm", "group_title": "Tên nhóm nhiệm vụ",
    "number": "TT trong nhóm", "content": "Nội dung thực hiện",
    "lead_raw": "Cơ quan chủ trì (nguyên văn)", "coordinate_raw": "Cơ quan phối hợp (nguyên văn)",
    "timeline_raw": "Tiến độ (nguyên văn)", "start_year": "Năm bắt đầu", "end_year": "Năm kết thúc",
    "open_ended": "Tiếp tục sau thời hạn", "timeline_kind": "Dạng tiến độ",
    "timeline_period": "Kỳ hạn chi tiết", "note": "Ghi chú", "product": "Sản phẩm",
    "source_line": "Dòng trong văn bản", "source_lines": "Các dòng trong văn bản",
    "source_line_end": "Dòng cuối", "group_source_line": "Dòng tiêu đề nhóm",
    "role": "Vai trò", "position": "Thứ tự trong ô", "agency_id": "Mã cơ quan",
    "agency_name": "Tên cơ quan", "name": "Tên cơ quan", "short_name": "Tên viết tắt",
    "name_en": "Tên tiếng Anh", "raw_name": "Tên như trong văn bản", "is_collective": "Tập thể",
    "kind": "Loại cơ quan", "known": "Có trong danh mục", "in_registry": "Có trong danh mục",
    "aliases": "Tên gọi khác", "members": "Thành phần", "status": "Mức xác minh",
    "via": "Mở rộng từ", "n_lead": "Số NV chủ trì", "n_lead_alone": "Chủ trì một mình",
    "n_lead_shared": "Chủ trì chung", "n_coordinate": "Số NV phối hợp", "n_tasks": "Tổng số NV",
    "lead_weight": "Tải chủ trì (trọng số 1/n)", "lead_share": "Tỷ trọng tải chủ trì",
    "duty_items": "Mục IV", "item": "Mục (phần IV)", "agency_ids": "Mã cơ quan",
    "heading": "Đề mục", "duty_no": "TT nhiệm vụ", "text": "Nội dung",
    "heading_line": "Dòng đề mục", "check": "Nội dung kiểm tra", "severity": "Mức độ",
    "detail": "Chi tiết", "period": "Năm", "n_active_lead": "Số NV chủ trì đang thực hiện",
    "n_active_coordinate": "Số NV phối hợp đang thực hiện", "n_active": "Tổng số NV đang thực hiện",
    "n_ending": "Số NV kết thúc", "n_leads": "Số cơ quan chủ trì",
    "n_coordinators": "Số cơ quan phối hợp", "lead_agencies": "Cơ quan chủ trì",
    "several_leads": "Nhiều cơ quan chủ trì", "collective_lead": "Chủ trì tập thể",
    "no_specific_coordinator": "Không có cơ quan phối hợp cụ thể", "near_deadline": "Hạn gần (≤ 2027)",
    "measure": "Chỉ số", "value": "Giá trị", "formula": "Công thức", "finding": "Phát hiện",
    "items": "Mục IV", "task_ids": "Mã nhiệm vụ", "target_no": "TT chỉ tiêu", "indicator": "Chỉ tiêu",
    "unit": "Đơn vị", "comparator": "So sánh", "qualifier_raw": "Từ ngữ (nguyên văn)",
    "baseline_year": "Năm gốc", "target_year": "Năm đạt", "field": "Thông tin",
    "section": "Phần", "section_title": "Tên phần", "item_no": "Mục", "item_title": "Tên mục",
    "bullet_no": "Ý", "description": "Mô tả", "count": "Số lượng", "sheet": "Trang tính",
    "how": "Cách tính",
    "degree": "Số cơ quan cùng làm", "weighted_degree": "Tổng số NV chung",
    "betweenness": "Mức trung gian (betweenness)", "eigenvector": "Mức trung tâm (eigenvector)",
    "community": "Cụm", "network_role": "Vai trò trong mạng lưới", "u_name": "Cơ quan 1",
    "v_name": "Cơ quan 2", "weight": "Số NV chung", "lead_lead": "Cùng chủ trì",
    "lead_coordinate": "Một chủ trì, một phối hợp", "coordinate_coordinate": "Cùng phối hợp",
    "u_leads": "Cơ quan 1 chủ trì", "v_leads": "Cơ quan 2 chủ trì", "tasks": "Các NV chung",
    "goal_id": "Mã nội dung nghị quyết", "document": "Văn bản", "resolution_group": "Nhóm nhiệm vụ NQ",
    "entry_type": "Loại nội dung", "applies_to_province": "Thuộc cấp tỉnh",
    "confidence": "Độ tin cậy nguồn", "coverage_status": "Mức độ tiếp nhận", "n_links": "Số liên kết",
    "full_task_ids": "NV tiếp nhận đầy đủ", "paraphrase_vi": "Nội dung (diễn giải)",
    "paraphrase_en": "Nội dung (tiếng Anh)", "province_reason": "Lý do", "score": "Điểm tương đồng",
    "curated": "Liên kết do người đọc xác định", "suggested": "Máy gợi ý", "outcome": "Kết quả so sánh",
    "shared": "Từ ngữ chung", "plan_target_no": "TT chỉ tiêu KH", "plan_indicator": "Chỉ tiêu của KH",
    "plan_value": "Giá trị KH (%)", "plan_comparator": "So sánh (KH)", "plan_baseline_year": "Năm gốc (KH)",
    "plan_target_year": "Năm đạt (KH)", "plan_source_line": "Dòng trong văn bản",
    "res_target_no": "TT chỉ tiêu NQ", "res_indicator": "Chỉ tiêu của NQ", "res_value_raw": "Giá trị NQ",
    "res_value": "Giá trị NQ (%)", "res_baseline_year": "Năm gốc (NQ)", "res_target_year": "Năm đạt (NQ)",
    "alignment": "Đối chiếu",
}

_EN = {
    "task_id": "Task", "group_id": "Group", "group_title": "Group title", "number": "No. in group",
    "content": "Task content (Vietnamese)", "lead_raw": "Lead agencies (as written)",
    "coordinate_raw": "Coordinating agencies (as written)", "timeline_raw": "Timeline (as written)",
    "start_year": "Start year", "end_year": "End year", "open_ended": "Open-ended",
    "source_line": "Source line", "agency_name": "Agency (Vietnamese)", "name": "Agency (Vietnamese)",
    "name_en": "Agency", "n_lead": "Tasks led", "n_coordinate": "Tasks coordinated",
    "lead_weight": "Lead load (1/n weighted)", "lead_share": "Share of lead load",
    "period": "Year", "n_active": "Tasks active", "check": "Check", "detail": "Detail",
    "weighted_degree": "Shared tasks (sum)", "degree": "Partner agencies", "u_name": "Agency 1",
    "v_name": "Agency 2", "weight": "Shared tasks", "lead_lead": "Both lead",
    "lead_coordinate": "One leads, one coordinates", "coordinate_coordinate": "Both coordinate",
    "u_leads": "Agency 1 leads", "v_leads": "Agency 2 leads", "tasks": "Shared task ids",
    "goal_id": "Resolution entry", "coverage_status": "Status", "full_task_ids": "Tasks taking it up fully",
    "paraphrase_vi": "Entry (Vietnamese)", "paraphrase_en": "Entry", "curated": "Curated link",
    "suggested": "Suggested by the matcher", "shared": "Shared terms",
}

ROLE_VALUES = {"vi": {"lead": "Chủ trì", "coordinate": "Phối hợp"},
               "en": {"lead": "Lead", "coordinate": "Coordinate"}}
# Values of coded columns, in Vietnamese (the workbook) and as the briefing writes them.
NETWORK_ROLE_VALUES = {"vi": {"hub": "đầu mối", "broker": "trung gian",
                              "hub and broker": "đầu mối và trung gian"}}
COVERAGE_STATUS_VALUES = {"vi": {"covered": "đã có", "partial": "một phần", "missing": "chưa có",
                                 "not_applicable": "không thuộc cấp tỉnh", "context": "bối cảnh"}}
OUTCOME_VALUES = {"vi": {"agreed": "cùng có", "missed": "máy bỏ sót",
                         "not_curated": "máy gợi ý, người đọc không chọn"}}
ALIGNMENT_VALUES = {
    "vi": {"same": "giống", "stricter": "cao hơn", "weaker": "thấp hơn", "mixed": "vừa cao vừa thấp",
           "different baseline": "khác năm gốc", "none found": "không tìm thấy chỉ tiêu tương ứng",
           "source unverified": "nguồn chưa kiểm chứng", "no plan target": "KH không có chỉ tiêu"},
    "en": {"same": "the same", "stricter": "stricter", "weaker": "weaker", "mixed": "mixed",
           "different baseline": "a different baseline", "none found": "no counterpart found",
           "source unverified": "source unverified", "no plan target": "no plan target"},
}


def header(column: str, lang: str = "vi") -> str:
    """The header shown for a column; English falls back to a readable column name."""
    if lang == "vi":
        return _VI.get(column, column)
    return _EN.get(column, column.replace("_", " ").capitalize())


def headers(columns: list[str], lang: str = "vi") -> dict[str, str]:
    """Headers for several columns."""
    return {c: header(str(c), lang) for c in columns}
