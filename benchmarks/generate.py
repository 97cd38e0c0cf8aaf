"""Plans of any size in the layout of Kế hoạch 132, for the scaling benchmark.

The preamble, Sections I–IV and the appendix header are the bundled plan's;
the appendix holds ``n_tasks`` tasks made from the plan's own 29 task rows,
ten to a group, with a page break (a blank line and the repeated header row)
every twelve rows and, now and then, a task whose text runs on into a
continuation row after the break: what a converted PDF looks like.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from plan132lib.paths import BUNDLED_PLAN

TASKS_PER_GROUP = 10
ROWS_PER_PAGE = 12


def _parts(text: str) -> tuple[list[str], str, list[str], list[str]]:
    """(lines before the appendix table, its header row, group headings, one-line task rows)."""
    lines = text.split("\n")
    header_at = next(i for i, line in enumerate(lines) if line.startswith("TT\tNội dung thực hiện"))
    header = lines[header_at]
    headings = [line for line in lines[header_at:] if line.startswith("<b>Nhóm nhiệm vụ")]
    rows = [line for line in lines[header_at:] if re.match(r"^\d+\t", line)]
    return lines[:header_at], header, headings, rows


def generate(n_tasks: int) -> str:
    """The text of a plan with ``n_tasks`` tasks."""
    before, header, headings, rows = _parts(BUNDLED_PLAN.read_text(encoding="utf-8"))
    out = [*before, header]
    on_page = 0
    for i in range(n_tasks):
        number = i % TASKS_PER_GROUP + 1
        if number == 1:
            heading = headings[(i // TASKS_PER_GROUP) % len(headings)]
            out.append(heading)
            on_page += 1
        cells = rows[i % len(rows)].split("\t")
        cells[0] = str(number)
        if on_page == ROWS_PER_PAGE - 1 and i % 2 == 0:
            # the task's text breaks across the page: its end goes into a continuation row
            words = cells[1].split(" ")
            head, tail = " ".join(words[: len(words) // 2]), " ".join(words[len(words) // 2 :])
            out.append("\t".join([cells[0], head, *cells[2:]]))
            out += ["", header, "\t" + tail + "\t" * (len(cells) - 2)]
            on_page = 1
            continue
        out.append("\t".join(cells))
        on_page += 1
        if on_page >= ROWS_PER_PAGE:
            out += ["", header]
            on_page = 0
    return "\n".join(out) + "\n"


def write(n_tasks: int, folder: str | Path) -> Path:
    """Write ``plan_<n_tasks>.md`` into ``folder`` and return its path."""
    path = Path(folder) / f"plan_{n_tasks}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(generate(n_tasks), encoding="utf-8")
    return path


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n_tasks", type=int)
    parser.add_argument("--out", default=".")
    args = parser.parse_args()
    print(write(args.n_tasks, args.out))
