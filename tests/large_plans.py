"""Plans of any size in the layout of Kế hoạch 132, with many agencies: the large-plan tests' inputs.

``text(n_tasks)`` is the bundled plan's text export with its appendix replaced by ``n_tasks``
tasks, ``per_group`` to a group, each with a lead, two or three coordinators and a timeline. The
agencies come from a pool of 24 provincial bodies the registry knows (led in turn, so the
workload is spread unevenly, as in real plans) plus, every ``new_body_every`` tasks, a body the
registry does not know ("Ban Quản lý dự án khu vực 17"), so the number of agencies grows with the
plan: a 300-task plan names about 55 agencies, a 9,000-task plan about 930. ``write_word`` writes
the same plan as a Word file in Plan 132's Word layout (``tools/make_fixtures.write_docx_132``).

Run: .venv/bin/python tests/large_plans.py 9000 --out /tmp/large [--word]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from plan132lib.paths import BUNDLED_PLAN

TAB = "\t"
ROOT = Path(__file__).resolve().parents[1]

KNOWN = (
    "Sở Tài chính",
    "Sở Nông nghiệp và Môi trường",
    "Sở Xây dựng",
    "Sở Công Thương",
    "Sở Khoa học và Công nghệ",
    "Sở Y tế",
    "Sở Giáo dục và Đào tạo",
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Công an tỉnh",
    "Bộ Chỉ huy Quân sự tỉnh",
    "Thanh tra tỉnh",
    "Văn phòng UBND tỉnh",
    "Sở Dân tộc và Tôn giáo",
    "Ban Quản lý các khu công nghiệp tỉnh",
    "Thuế tỉnh",
    "Bảo hiểm xã hội tỉnh",
    "Ngân hàng Nhà nước khu vực 4",
    "Sở Ngoại vụ",
    "UBND xã, phường",
    "Đài Phát thanh và Truyền hình tỉnh",
    "Báo Hưng Yên",
    "Liên minh Hợp tác xã tỉnh",
)
TIMELINES = (
    "2026",
    "2026 - 2030",
    "Hằng năm",
    "Quý II/2026",
    "Tháng 6/2027",
    "Thường xuyên",
    "2026 - 2030 và các năm tiếp theo",
    "31/12/2026",
)
VERBS = (
    "Rà soát, cập nhật",
    "Xây dựng và triển khai",
    "Kiểm tra, giám sát việc thực hiện",
    "Tổ chức tuyên truyền về",
    "Đầu tư nâng cấp",
    "Hướng dẫn, đôn đốc",
)
OBJECTS = (
    "kế hoạch bảo vệ môi trường của ngành, lĩnh vực",
    "hệ thống quan trắc chất lượng nước mặt",
    "cơ sở dữ liệu về nguồn thải",
    "các công trình xử lý nước thải tập trung",
    "phương án thu gom, xử lý chất thải rắn sinh hoạt",
    "quy định về phân loại rác tại nguồn",
)


def _split(text: str) -> tuple[list[str], str]:
    """(lines before the appendix table, its header row)."""
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("TT\tNội dung thực hiện"))
    return lines[:at], lines[at]


def task_row(k: int, number: int, new_body_every: int = 10) -> str:
    """Task ``k`` (from 0) as a row of the text export's appendix table."""
    lead = KNOWN[(k * k + k // 3) % len(KNOWN)] if k % 4 else KNOWN[k // 4 % 5]  # a few lead much more
    if new_body_every and k % new_body_every == new_body_every - 1:
        lead = f"Ban Quản lý dự án khu vực {k // new_body_every + 1}"
    coords = [KNOWN[(k + step) % len(KNOWN)] for step in (3, 7, 11)[: 2 + k % 2]]
    coords = [c for c in coords if c != lead]
    if k % 5 == 0:
        coords.append("các đơn vị có liên quan")
    content = f"{VERBS[k % len(VERBS)]} {OBJECTS[k // len(VERBS) % len(OBJECTS)]} (nhiệm vụ {k + 1})."
    return TAB.join([str(number), content, lead, ", ".join(coords), TIMELINES[k % len(TIMELINES)], ""])


def text(n_tasks: int, per_group: int = 30, new_body_every: int = 10) -> str:
    """The text export of a plan with ``n_tasks`` tasks."""
    before, header = _split(BUNDLED_PLAN.read_text(encoding="utf-8"))
    out = [*before, header]
    for k in range(n_tasks):
        if k % per_group == 0:
            out.append(f"<b>Nhóm nhiệm vụ thứ {k // per_group + 1} về bảo vệ môi trường</b>" + TAB * 5)
        out.append(task_row(k, k % per_group + 1, new_body_every))
    return "\n".join(out) + "\n"


def write_text(n_tasks: int, folder: str | Path, **kw: int) -> Path:
    """Write ``large_<n_tasks>.md`` into ``folder``; return its path."""
    path = Path(folder) / f"large_{n_tasks}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text(n_tasks, **kw), encoding="utf-8")
    return path


def write_word(n_tasks: int, folder: str | Path, **kw: int) -> Path:
    """Write ``large_<n_tasks>.docx`` into ``folder`` (Plan 132's Word layout); return its path."""
    sys.path.insert(0, str(ROOT / "tools"))
    import make_fixtures

    source = write_text(n_tasks, folder, **kw)
    path = source.with_suffix(".docx")
    make_fixtures.write_docx_132(make_fixtures.parse_plan132(source), path)
    return path


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n_tasks", type=int)
    parser.add_argument("--out", default=".")
    parser.add_argument("--word", action="store_true", help="also write the plan as a Word file")
    args = parser.parse_args()
    print(write_word(args.n_tasks, args.out) if args.word else write_text(args.n_tasks, args.out))
