"""Returns of the bundled plan filled in as agencies fill them in: the inputs of the progress tests.

``plan132 track init`` writes the tracking workbooks; this script fills copies of them in with
openpyxl, as ten agencies would for two quarters (Quý I/2027 and Quý II/2027), with the human
variations a lead department meets:

- Sở Nông nghiệp và Môi trường: the drop-down's words, numbers, Excel dates (clean);
- Sở Xây dựng: statuses typed by hand ("đang triển khai", "đang làm", "chưa thực hiện"), percentages as
  text ("70%", "40 %") and as shares (0.5, 0.4: lower than the quarter before), rows re-sorted;
- Sở Công Thương: "Hoàn thành 100%", a date as text ("15/3/2027"), a column added, a row deleted (6.2);
- UBND các xã, phường: "đã xong", a date typed as Excel's day number, a status left out where the
  percentage says it, an inserted empty row and a note row without a task id, a coordinator's
  "Hoàn thành" where the lead says in progress (1.2);
- task 1.1 (three leads): done according to Sở NN&MT and Sở Công Thương, in progress (90%) according
  to Sở Xây dựng, whose Quý II report is dated last: it wins, and 1.1 (due 31/12/2026) is overdue;
- Công an tỉnh sends nothing; Thanh tra tỉnh sends Quý I only; Sở GD&ĐT and Sở Y tế Quý II only.

``bad/`` holds files a merge refuses: an unknown task id (``unknown_task.xlsx``, row 3), another plan's
return (``other_plan.xlsx``), a workbook that is not a return (``not_a_return.xlsx``) and a text file
named ``.xlsx`` (``not_excel.xlsx``). ``large`` (``--large``): a 300-task plan naming 34 agencies and
one return from each, for the speed check.

Run: .venv/bin/python tools/make_progress_returns.py --out /tmp/returns [--large]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path
from typing import Any

import openpyxl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from plan132lib.analysis.progress import tracked_agencies  # noqa: E402
from plan132lib.ingest.read_return import COLUMNS  # noqa: E402
from plan132lib.ingest.tables import load_plan  # noqa: E402
from plan132lib.pipeline.track import write_tracking  # noqa: E402
from plan132lib.words import word  # noqa: E402

Q1, Q2 = "Quý I/2027", "Quý II/2027"
AS_OF = dt.date(2027, 7, 15)
HEADERS = {word(f"track.col.{c}", "vi"): c for c in COLUMNS}
D = dt.datetime

#: (file of ``track init``, period, report date, rows: task → cells, variations)
Row = dict[str, Any]
SCENARIO: list[tuple[str, str, Any, dict[str, Row], dict[str, Any]]] = [
    (
        "so-nong-nghiep-va-moi-truong",
        Q1,
        D(2027, 4, 6),
        {
            "1.1": {"status": "Đang thực hiện", "percent": 60},
            "1.3": {"status": "Đang thực hiện", "percent": 30},
            "1.4": {"status": "Đang thực hiện", "percent": 50},
            "2.1": {
                "status": "Chưa triển khai",
                "percent": 0,
                "difficulties": "Chưa bố trí được kinh phí điều tra, đánh giá khu vực đất bị ô nhiễm",
                "proposals": "Đề nghị Sở Tài chính tham mưu bố trí kinh phí năm 2027",
            },
            "3.4": {"status": "Đang thực hiện", "percent": 20},
            "3.6": {"status": "Đang thực hiện", "percent": 40},
            "4.1": {"status": "Đang thực hiện", "percent": 25},
            "5.1": {
                "status": "Hoàn thành",
                "percent": 100,
                "done_date": D(2027, 3, 20),
                "result": "Ban hành Kế hoạch truyền thông về bảo vệ môi trường năm 2027",
            },
            "5.2": {"status": "Đang thực hiện", "percent": 10},
        },
        {},
    ),
    (
        "so-nong-nghiep-va-moi-truong",
        Q2,
        D(2027, 7, 5),
        {
            "1.1": {
                "status": "Hoàn thành",
                "percent": 100,
                "done_date": D(2027, 6, 20),
                "result": "Trình UBND tỉnh kế hoạch giảm phát thải khí nhà kính đã cập nhật",
            },
            "1.3": {"status": "Đang thực hiện", "percent": 60},
            "1.4": {"status": "Đang thực hiện", "percent": 70},
            "2.1": {
                "status": "Đang thực hiện",
                "percent": 10,
                "difficulties": "Chưa bố trí được kinh phí điều tra, đánh giá khu vực đất bị ô nhiễm",
                "proposals": "Đề nghị Sở Tài chính tham mưu bố trí kinh phí năm 2027",
            },
            "3.4": {"status": "Đang thực hiện", "percent": 45},
            "3.6": {"status": "Đang thực hiện", "percent": 60},
            "4.1": {"status": "Đang thực hiện", "percent": 50},
            "5.1": {"status": "Hoàn thành", "percent": 100, "done_date": D(2027, 3, 20)},
            "5.2": {"status": "Đang thực hiện", "percent": 30},
        },
        {},
    ),
    (
        "so-xay-dung",
        Q1,
        D(2027, 4, 8),
        {
            "1.1": {"status": "đang triển khai", "percent": "70%"},
            "1.2": {"status": "Đang thực hiện", "percent": 0.5},
            "2.3": {"status": "đang làm", "percent": 30},
            "2.4": {"status": "chưa thực hiện"},
            "2.6": {"status": "Đang thực hiện", "percent": "40 %"},
        },
        {"reverse": True},
    ),
    (
        "so-xay-dung",
        Q2,
        D(2027, 7, 8),
        {
            "1.1": {
                "status": "Đang thực hiện",
                "percent": 90,
                "difficulties": "Các ngành chưa thống nhất số liệu phát thải của lĩnh vực xây dựng",
            },
            "1.2": {"status": "Đang thực hiện", "percent": 0.4},
            "2.3": {"status": "Đang thực hiện", "percent": 45},
            "2.4": {"status": "đang triển khai", "percent": 10},
            "2.6": {
                "status": "Đang thực hiện",
                "percent": 50,
                "proposals": "Đề nghị UBND tỉnh ban hành quy định quản lý chất thải xây dựng",
            },
        },
        {},
    ),
    (
        "so-cong-thuong",
        Q1,
        D(2027, 4, 2),
        {
            "1.1": {"status": "Hoàn thành 100%", "done_date": "15/3/2027"},
            "3.1": {"status": "Đang thực hiện", "percent": 50},
        },
        {"add_column": "Ghi chú của đơn vị", "delete": "6.2"},
    ),
    (
        "so-cong-thuong",
        Q2,
        D(2027, 7, 3),
        {
            "1.1": {"status": "Hoàn thành", "percent": 100, "done_date": "15/3/2027"},
            "3.1": {"status": "Đang thực hiện", "percent": 70},
            "6.2": {"status": "Đang thực hiện", "percent": 30},
        },
        {},
    ),
    (
        "uy-ban-nhan-dan-cac-xa-phuong",
        Q1,
        "10/4/2027",
        {
            "1.2": {"status": "Hoàn thành"},
            "1.6": {"status": "đã xong", "done_date": 46461},
            "2.2": {"status": "Đang thực hiện", "percent": 40},
            "2.4": {"status": "Đang thực hiện", "percent": 15},
            "2.5": {"status": "Đang thực hiện", "percent": 30},
            "3.2": {"status": "đang triển khai"},
            "3.3": {"percent": 20},
            "4.1": {"status": "Đang thực hiện", "percent": 20},
            "5.4": {"status": "Chưa triển khai"},
            "6.3": {"status": "Tiếp tục thực hiện", "percent": 35},
        },
        {"insert_blank": 4, "note_row": "Ghi chú: các xã, phường còn lại chưa gửi số liệu"},
    ),
    (
        "uy-ban-nhan-dan-cac-xa-phuong",
        Q2,
        D(2027, 7, 10),
        {
            "1.6": {"status": "Hoàn thành", "percent": 100, "done_date": D(2027, 3, 15)},
            "2.2": {"status": "Hoàn thành", "percent": 100, "done_date": D(2027, 6, 30)},
            "2.4": {"status": "Đang thực hiện", "percent": 25},
            "2.5": {"status": "Đang thực hiện", "percent": 45},
            "3.2": {"status": "Đang thực hiện", "percent": 40},
            "3.3": {"status": "Đang thực hiện", "percent": 35},
            "4.1": {"status": "Đang thực hiện", "percent": 40},
            "5.4": {
                "status": "Đang thực hiện",
                "percent": 20,
                "difficulties": "Thiếu cán bộ chuyên trách môi trường ở cấp xã",
                "proposals": "Đề nghị tập huấn nghiệp vụ cho công chức địa chính - môi trường",
            },
            "6.3": {"status": "Đang thực hiện", "percent": 50},
        },
        {},
    ),
    (
        "so-khoa-hoc-va-cong-nghe",
        Q1,
        D(2027, 4, 5),
        {
            "1.5": {"status": "Đang thực hiện", "percent": 50},
            "6.4": {"status": "Chưa triển khai"},
            "6.5": {"status": "Đang thực hiện", "percent": 20},
        },
        {},
    ),
    (
        "so-khoa-hoc-va-cong-nghe",
        Q2,
        D(2027, 7, 6),
        {
            "1.5": {"status": "Đang thực hiện", "percent": 65},
            "6.4": {"status": "Đang thực hiện", "percent": 10},
            "6.5": {"status": "Đang thực hiện", "percent": 40},
        },
        {},
    ),
    ("so-noi-vu", Q1, D(2027, 4, 7), {"6.1": {"status": "Đang thực hiện", "percent": 30}}, {}),
    ("so-noi-vu", Q2, D(2027, 7, 7), {"6.1": {"status": "Đang thực hiện", "percent": 60}}, {}),
    ("thanh-tra-tinh", Q1, D(2027, 4, 9), {"4.1": {"status": "Đang thực hiện", "percent": 30}}, {}),
    ("so-giao-duc-va-dao-tao", Q2, D(2027, 7, 9), {"5.3": {"status": "Đang thực hiện", "percent": 50}}, {}),
    (
        "so-y-te",
        Q2,
        D(2027, 7, 4),
        {
            "3.5": {
                "status": "Không thực hiện",
                "difficulties": "Nhiệm vụ trùng với đề án của Bộ Y tế đang triển khai tại tỉnh",
                "proposals": "Đề nghị điều chỉnh nhiệm vụ 3.5 khi sửa đổi Kế hoạch",
            }
        },
        {},
    ),
]


def _columns(ws: Any) -> dict[str, int]:
    return {HEADERS[c.value]: c.column for c in ws[1] if c.value in HEADERS}


def fill(
    blank: Path,
    out: Path,
    period: str,
    report_date: Any,
    rows: dict[str, Row],
    *,
    reverse: bool = False,
    add_column: str = "",
    delete: str = "",
    insert_blank: int = 0,
    note_row: str = "",
    contact: str = "Nguyễn Văn A, 0912 345 678",
) -> Path:
    """Fill the tracking workbook ``blank`` in as an agency would and save it as ``out``."""
    wb = openpyxl.load_workbook(blank)
    info = wb[word("track.sheet.info", "vi")]
    for row in info.iter_rows(min_row=2, max_col=2):
        label = row[0].value
        if label == word("track.info.period", "vi"):
            row[1].value = period
        elif label == word("track.info.report_date", "vi"):
            row[1].value = report_date
        elif label == word("track.info.contact", "vi"):
            row[1].value = contact
    ws = wb[word("track.sheet.tasks", "vi")]
    cols = _columns(ws)
    last = ws.max_row
    for r in range(2, last + 1):
        task = ws.cell(r, cols["task_id"]).value
        for key, value in rows.get(task, {}).items():
            cell = ws.cell(r, cols[key])
            cell.value = value
            if key == "done_date" and isinstance(value, int):
                cell.number_format = "General"  # a day number typed into a General cell
            if key == "percent" and isinstance(value, float):
                cell.number_format = "General"
    if reverse:  # re-sorted rows: the task rows in reverse order
        last = max(r for r in range(2, last + 1) if ws.cell(r, cols["task_id"]).value)
        data = [[ws.cell(r, c).value for c in range(1, ws.max_column + 1)] for r in range(2, last + 1)]
        for offset, values in enumerate(reversed(data)):
            for c, value in enumerate(values, start=1):
                ws.cell(2 + offset, c).value = value
    if delete:
        for r in range(2, ws.max_row + 1):
            if ws.cell(r, cols["task_id"]).value == delete:
                ws.delete_rows(r)
                break
    if add_column:
        at = cols["status"]
        ws.insert_cols(at)
        ws.cell(1, at).value = add_column
        ws.cell(2, at).value = "Đã báo cáo UBND tỉnh"
    if insert_blank:
        ws.insert_rows(insert_blank)
    if note_row:  # a line under the tasks
        below = max(r for r in range(2, ws.max_row + 1) if ws.cell(r, cols["task_id"]).value) + 2
        ws.cell(below, 2).value = note_row
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    return out


def _period_slug(period: str) -> str:
    return "q1-2027" if period == Q1 else "q2-2027"


def make_returns(out: str | Path) -> dict[str, Path]:
    """Write the tracking workbooks (``out/blank``), the returns of both quarters (``out/q1``,
    ``out/q2``) and the files a merge refuses (``out/bad``); returns those folders by name."""
    out = Path(out)
    blank = out / "blank"
    write_tracking(None, blank)
    for name, period, day, rows, variations in SCENARIO:
        target = out / _period_slug(period)[:2] / f"{name}-{_period_slug(period)}.xlsx"
        fill(blank / f"{name}.xlsx", target, period, day, rows, **variations)
    bad = out / "bad"
    unknown = fill(
        blank / "so-khoa-hoc-va-cong-nghe.xlsx",
        bad / "unknown_task.xlsx",
        Q2,
        D(2027, 7, 6),
        {"1.5": {"status": "Đang thực hiện"}},
    )
    wb = openpyxl.load_workbook(unknown)
    wb[word("track.sheet.tasks", "vi")]["A3"] = "7.9"
    wb.save(unknown)
    other = fill(blank / "so-noi-vu.xlsx", bad / "other_plan.xlsx", Q2, D(2027, 7, 7), {})
    wb = openpyxl.load_workbook(other)
    wb[word("track.sheet.info", "vi")]["B2"] = (
        "Kế hoạch 58/KH-UBND ngày 5/5/2026 của Ủy ban nhân dân tỉnh Ninh Bình"
    )
    wb.save(other)
    wb = openpyxl.Workbook()
    wb.active.title = "Sheet1"
    wb.active.append(["STT", "Nội dung", "Ghi chú"])
    wb.active.append([1, "Danh sách cán bộ tham gia tập huấn", ""])
    wb.save(bad / "not_a_return.xlsx")
    (bad / "not_excel.xlsx").write_text("Báo cáo quý I: đã hoàn thành các nhiệm vụ\n", encoding="utf-8")
    return {"blank": blank, "q1": out / "q1", "q2": out / "q2", "bad": bad}


#: The large plan of the speed check: 300 tasks naming 34 agencies (tests/large_plans.py).
LARGE_TASKS = 300
LARGE_NEW_BODY_EVERY = 30
STATUS_CYCLE = (
    "Đang thực hiện",
    "Hoàn thành",
    "Chưa triển khai",
    "đang triển khai",
    "Đang thực hiện",
    "đã xong",
)


def make_large(out: str | Path) -> tuple[Path, list[Path]]:
    """A 300-task plan naming 34 agencies (text export) and one filled-in return per agency (Quý II/2027);
    returns the plan and the returns."""
    sys.path.insert(0, str(ROOT / "tests"))
    import large_plans

    out = Path(out)
    plan_path = large_plans.write_text(LARGE_TASKS, out, new_body_every=LARGE_NEW_BODY_EVERY)
    plan = load_plan(plan_path)
    blank = out / "large_blank"
    write_tracking(plan_path, blank)
    returns = []
    files = sorted(p for p in blank.glob("*.xlsx"))
    for i, path in enumerate(files):
        wb = openpyxl.load_workbook(path)
        ws = wb[word("track.sheet.tasks", "vi")]
        cols = _columns(ws)
        rows: dict[str, Row] = {}
        for r in range(2, ws.max_row + 1):
            task = ws.cell(r, cols["task_id"]).value
            if task:
                k = (r + i) % len(STATUS_CYCLE)
                done = STATUS_CYCLE[k] in ("Hoàn thành", "đã xong")
                rows[task] = {"status": STATUS_CYCLE[k], "percent": 100 if done else (10 * (r + i)) % 100}
        wb.close()
        returns.append(fill(path, out / "large_returns" / path.name, Q2, D(2027, 7, 1 + i % 9), rows))
    assert len(files) == len(tracked_agencies(plan)) == 34, len(files)
    return plan_path, returns


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=None, help="folder to write into (default: a temporary folder)")
    parser.add_argument("--large", action="store_true", help="also the 300-task, 34-agency case")
    args = parser.parse_args(argv)
    out = Path(args.out or tempfile.mkdtemp(prefix="returns-"))
    if out.exists() and any(out.iterdir()):  # never empties a folder of someone's files
        parser.error(f"--out {out}: the folder is not empty; give a new one")
    for name, folder in make_returns(out).items():
        print(f"{name}: {folder}")
    if args.large:
        plan_path, returns = make_large(out)
        print(f"large: {plan_path} and {len(returns)} returns in {returns[0].parent}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
