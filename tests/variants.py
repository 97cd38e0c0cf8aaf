"""Plans that lack what Plan 132 has, made from its text export by plain text edits.

Each variant changes one thing an analyst will meet in another province's plan: no collective
entries, no Section IV, the duties section numbered II, one group, no numeric targets, no closed
timelines, 300 tasks, agencies the registry does not know. ``write_variant(name, folder)`` writes
``<name>.md`` and returns its path; ``VARIANTS`` names them all. The edits work on the published
text, so the readers and the interpreter see what a person would have typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from plan132lib.paths import BUNDLED_PLAN

TAB = "\t"


def _text() -> str:
    return BUNDLED_PLAN.read_text(encoding="utf-8")


def _split(text: str) -> tuple[str, str]:
    """(body, appendix): the appendix starts at the line "**Phụ lục**"."""
    at = text.index("**Phụ lục**")
    return text[:at], text[at:]


def _task_rows(appendix: str, edit: Callable[[list[str]], list[str]]) -> str:
    """Apply ``edit`` to the cells of every task row (a row whose first cell is a number)."""
    lines = []
    for line in appendix.split("\n"):
        cells = line.split(TAB)
        if len(cells) >= 5 and cells[0].strip().isdigit():
            line = TAB.join(edit(cells))
        lines.append(line)
    return "\n".join(lines)


_COLLECTIVE = re.compile(r"(?:,\s*|\s+và\s+|^)(?:Các|các)?\s*(?:sở, ban, ngành|đơn vị có liên quan)", re.M)


def no_collectives(text: str) -> str:
    """Every "Các sở, ban, ngành", "(các) đơn vị có liên quan", "các cơ quan báo chí" and "các tổ
    chức chính trị - xã hội" replaced by named agencies or left out: a plan that always says who."""
    body, appendix = _split(text)
    body = body.replace("9. Các cơ quan báo chí, truyền thông:", "9. Sở Văn hóa, Thể thao và Du lịch:")
    body = body.replace(
        "10. Các sở, ban, ngành, Ủy ban nhân dân các xã, phường và các đơn vị có liên quan:",
        "10. Ủy ban nhân dân các xã, phường:",
    )
    body = body.replace(
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, các tổ chức chính trị - xã hội theo",
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh theo",
    )

    def edit(cells: list[str]) -> list[str]:
        for i in (2, 3):
            cell = _COLLECTIVE.sub("", cells[i]).strip(" ,;")
            cell = re.sub(r"^(?:và\s+)", "", cell)
            cells[i] = cell or ("Sở Tài chính" if i == 2 else "Sở Tài chính, Sở Xây dựng")
        return cells

    return body + _task_rows(appendix, edit)


def no_section_iv(text: str) -> str:
    """Section IV (*Tổ chức thực hiện*) removed, up to the recipients ("Nơi nhận")."""
    start = text.index("### **IV. TỔ CHỨC THỰC HIỆN**")
    end = text.index("**Nơi nhận:**")
    return text[:start] + text[end:]


def duties_section_ii(text: str) -> str:
    """The duties section numbered II, as where "II. TỔ CHỨC THỰC HIỆN" comes before the content
    (a Lâm Đồng plan's layout): Plan 132's Section IV moved up to II, its II and III renumbered III and IV."""
    content = text.index("#### II. NỘI DUNG")
    funds = text.index("### **III. KINH PHÍ THỰC HIỆN**")
    duties = text.index("### **IV. TỔ CHỨC THỰC HIỆN**")
    end = text.index("**Nơi nhận:**")
    return (
        text[:content]
        + text[duties:end].replace("### **IV. TỔ CHỨC", "### **II. TỔ CHỨC", 1)
        + text[content:funds].replace("#### II. NỘI DUNG", "#### III. NỘI DUNG", 1)
        + text[funds:duties].replace("### **III. KINH PHÍ", "### **IV. KINH PHÍ", 1)
        + text[end:]
    )


def one_group(text: str) -> str:
    """All tasks in one group: the group rows after the first removed, tasks numbered 1…29."""
    body, appendix = _split(text)
    lines, seen_group, n = [], False, 0
    for line in appendix.split("\n"):
        if line.startswith("<b>Nhóm"):
            if seen_group:
                continue
            seen_group = True
        cells = line.split(TAB)
        if len(cells) >= 5 and cells[0].strip().isdigit():
            n += 1
            line = TAB.join([str(n), *cells[1:]])
        lines.append(line)
    return body + "\n".join(lines)


def no_targets(text: str) -> str:
    """Every sentence of a task that holds a percentage removed: a plan with no numeric target."""
    body, appendix = _split(text)

    def edit(cells: list[str]) -> list[str]:
        sentences = re.split(r"(?<=[.;])\s+", cells[1])
        kept = [s for s in sentences if "%" not in s and not re.search(r"\d+\s*phần trăm", s)]
        cells[1] = " ".join(kept) or "Thực hiện nhiệm vụ được giao."
        return cells

    return body + _task_rows(appendix, edit)


def no_closed_timelines(text: str) -> str:
    """Every task "Thường xuyên" or "Hằng năm": no end year anywhere."""
    body, appendix = _split(text)
    words = ("Thường xuyên", "Hằng năm")

    def edit(cells: list[str]) -> list[str]:
        cells[4] = words[int(cells[0]) % 2]
        return cells

    return body + _task_rows(appendix, edit)


def many_tasks(text: str, n_tasks: int = 300, per_group: int = 30) -> str:
    """300 tasks in 10 groups: the plan's own task rows repeated and renumbered."""
    body, appendix = _split(text)
    lines = appendix.split("\n")
    header_at = next(i for i, line in enumerate(lines) if line.startswith("TT\t"))
    rows = [line for line in lines if len(line.split(TAB)) >= 5 and line.split(TAB)[0].strip().isdigit()]
    out = lines[: header_at + 1]
    for k in range(n_tasks):
        if k % per_group == 0:
            out.append(f"<b>Nhóm nhiệm vụ thứ {k // per_group + 1}</b>\t\t\t\t\t")
        cells = rows[k % len(rows)].split(TAB)
        out.append(TAB.join([str(k % per_group + 1), f"{cells[1]} (lượt {k + 1})", *cells[2:]]))
    return body + "\n".join(out) + "\n"


UNKNOWN = (
    "Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng",
    "Trung tâm Phát triển quỹ đất",
    "Quỹ Bảo vệ môi trường",
)


def unknown_agencies(text: str) -> str:
    """Every third task led by a body the registry does not know."""
    body, appendix = _split(text)
    count = iter(range(1000))

    def edit(cells: list[str]) -> list[str]:
        k = next(count)
        if k % 3 == 0:
            cells[2] = UNKNOWN[k // 3 % len(UNKNOWN)]
        return cells

    return body + _task_rows(appendix, edit)


VARIANTS: dict[str, Callable[[str], str]] = {
    "no_collectives": no_collectives,
    "no_section_iv": no_section_iv,
    "duties_section_ii": duties_section_ii,
    "one_group": one_group,
    "no_targets": no_targets,
    "no_closed_timelines": no_closed_timelines,
    "many_tasks": many_tasks,
    "unknown_agencies": unknown_agencies,
}


def write_variant(name: str, folder: Path) -> Path:
    """Write the variant ``name`` of the bundled plan's text into ``folder``; its path."""
    path = Path(folder) / f"{name}.md"
    path.write_text(VARIANTS[name](_text()), encoding="utf-8")
    return path
