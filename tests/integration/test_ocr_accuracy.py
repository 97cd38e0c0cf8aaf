"""How well scanned plans read: a plan scanned at test time (``tools/make_scans.py``), task by task.

Two plans the OCR reader was not tuned on:

- the fixture Kế hoạch 58/KH-UBND of Ninh Bình (``ninhbinh_58.pdf``, 8 pages), scored against its
  Word source ``ninhbinh_58.docx`` read by the kit (which reads it as its ``expected.json`` says);
- the real ``../shared/real/hanoi.pdf`` (12 pages, Word-made, e-signed), where it exists, scored by
  the gold beside it, with ``check.py``'s comparison (a task found by its first 40 characters, its
  lead and coordinator mentions compared on their first 24, its timeline kind, end year and due date).

A task is right when its lead mentions, its coordinator mentions and its timeline all are. A task
is found by its text as ``check.py`` finds it, with a tolerance for what OCR misreads in a task's
wording ("Hanoi Work" for "HanoiWork", "tháo 8ð" for "tháo gỡ"): its first 40 characters, spaces
left out, at least :data:`SAME_TEXT` alike (difflib's ratio); the fields judged are compared
exactly. How alike the tasks' whole texts are, marks included, is printed beside (the share of
characters OCR got right). The target is 95 % (issue 28): the test fails below it.
"""

from __future__ import annotations

import csv
import difflib
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from plan132lib import load_plan
from plan132lib.ingest import ocr

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "tests" / "fixtures" / "documents"
REAL = ROOT.parent / "shared" / "real"
TARGET = 0.95
#: How alike (difflib's ratio) a task's first 40 characters, spaces left out, must be to be found.
SAME_TEXT = 0.85

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(bool(ocr.missing()), reason="Tesseract with its Vietnamese model is not installed"),
]


def fold(text: object) -> str:
    """As ``check.py`` folds a text (marks, case, edges and spaces), and any dash as "-" (OCR cannot
    tell an en dash from an em dash)."""
    s = unicodedata.normalize("NFD", re.sub("[–—‒−]", "-", str(text or "")))
    s = "".join(c for c in s if unicodedata.category(c) != "Mn").replace("đ", "d").replace("Đ", "D")
    s = re.sub(r"^[\s\-–•+.,;:]+|[\s.,;:]+$", "", s)
    return re.sub(r"\s+", " ", s).strip().lower()


def alike(a: str, b: str) -> float:
    """How alike two texts are (difflib's ratio, 0–1)."""
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def opening(text: object) -> str:
    """A task's first 40 characters as compared, folded and without spaces."""
    return fold(text)[:40].replace(" ", "")


def found_by_text(want: str, contents: dict[str, str]) -> str | None:
    """The first task whose text holds ``want`` (a task's opening, spaces left out), else the one
    whose opening is the most alike it, at least :data:`SAME_TEXT` alike."""
    held = [tid for tid, text in contents.items() if want in text]
    if held:
        return held[0]
    best = max(contents, key=lambda tid: alike(want, contents[tid][: len(want)]), default=None)
    return best if best is not None and alike(want, contents[best][: len(want)]) >= SAME_TEXT else None


def mentions(plan, task_id: str, role: str) -> list[str]:
    a = plan.assignments
    return sorted(fold(x)[:24] for x in a[(a.task_id == task_id) & (a.role == role)].raw_name if fold(x))


def scan(src: Path, tmp_path: Path) -> Path:
    sys.path.insert(0, str(ROOT / "tools"))
    from make_scans import scan_pdf, seed_of

    return scan_pdf(src, tmp_path / f"{src.stem}_scan.pdf", seed_of(src.name))


def judge(name: str, right: int, total: int, text: list[float]) -> None:
    share = right / total
    print(f"{name}: {right}/{total} tasks right on lead, coordinator and timeline ({share:.0%})")
    print(f"{name}: the tasks' texts {sum(text) / max(len(text), 1):.1%} alike, marks included")
    assert share >= TARGET, f"{name}: {right}/{total} tasks right ({share:.0%}), target {TARGET:.0%}"


def test_a_scanned_fixture_plan(tmp_path: Path) -> None:
    truth = load_plan(DOCS / "ninhbinh_58.docx")
    plan = load_plan(scan(DOCS / "ninhbinh_58.pdf", tmp_path))
    found = {str(t.task_id): t for t in plan.tasks.itertuples()}
    right, text = 0, []
    for t in truth.tasks.itertuples():
        got = found.get(str(t.task_id))
        if got is None or alike(opening(got.content), opening(t.content)) < SAME_TEXT:
            continue
        text.append(alike(unicodedata.normalize("NFC", got.content), unicodedata.normalize("NFC", t.content)))
        same = all(
            mentions(plan, got.task_id, r) == mentions(truth, t.task_id, r) for r in ("lead", "coordinate")
        )
        timeline = (got.timeline_kind, got.end_year, str(got.due_date)[:10])
        right += same and timeline == (t.timeline_kind, t.end_year, str(t.due_date)[:10])
    judge("ninhbinh_58", right, len(truth.tasks), text)
    judge_structure("ninhbinh_58", plan, truth)


def judge_groups(name: str, plan, truth, least: float) -> None:
    """The groups' numerals (exactly) and titles (how alike, ``least`` on average) against the same
    plan read from text: a title cut at a letter taken for a rule, or lost, shows here."""
    labels = sum(
        a == b for a, b in zip(plan.groups["group_label"], truth.groups["group_label"], strict=False)
    )
    titles = [
        alike(fold(a), fold(b))
        for a, b in zip(plan.groups["group_title"], truth.groups["group_title"], strict=False)
    ]
    n = len(truth.groups)
    print(f"{name}: {labels}/{n} group numerals right, group titles {sum(titles) / max(n, 1):.1%} alike")
    assert len(plan.groups) == n and labels == n
    assert sum(titles) / n >= least


def judge_structure(name: str, plan, truth) -> None:
    """The plan around its tasks, as a reader meets it in the brief: its title, its sections, its
    groups (numeral and title) and its duties, against the same plan read from text."""

    def meta(p, field: str) -> list[str]:
        return p.meta.loc[p.meta["field"] == field, "value"].tolist()

    judge_groups(name, plan, truth, 0.99)
    assert meta(plan, "section_heading") == meta(truth, "section_heading")
    assert alike(fold(" ".join(meta(plan, "title"))), fold(" ".join(meta(truth, "title")))) >= 0.95
    assert plan.duties["item"].tolist() == truth.duties["item"].tolist()


def judge_real(plan, name: str) -> None:
    """Score a plan read from a scan against the gold of ``../shared/real/{name}`` (check.py's way)."""
    gold = list(csv.DictReader((REAL / f"{name}_gold.csv").open(encoding="utf-8")))
    fields = list(csv.DictReader((REAL / f"{name}_fields.csv").open(encoding="utf-8")))
    first: dict[tuple[str, str], str] = {}
    for g in gold:
        first.setdefault((g["group_no"], g["task_no"]), g["task_content_full"])
    content = {str(t.task_id): fold(t.content).replace(" ", "") for t in plan.tasks.itertuples()}
    right, text = 0, []
    for f in fields:
        want = first.get((f["group_no"], f["task_no"]), "")
        hit = found_by_text(opening(want), content) if want else None
        if hit is None:
            continue
        task = plan.tasks[plan.tasks.task_id.astype(str) == hit].iloc[0]
        text.append(alike(unicodedata.normalize("NFC", task.content), unicodedata.normalize("NFC", want)))
        lead = (
            not mentions(plan, hit, "lead")
            if f["lead_kind"] == "instruction"
            else mentions(plan, hit, "lead") == sorted(fold(m)[:24] for m in f["lead_mentions"].split(" | "))
        )
        want_coord = sorted(fold(m)[:24] for m in f["coordinate_mentions"].split(" | ") if fold(m))
        coord = mentions(plan, hit, "coordinate") == want_coord
        timeline = str(task.timeline_kind) == f["timeline_kind"]
        if timeline and f["end_year"]:
            timeline = str(task.end_year) == f["end_year"]
        if timeline and f["due_date"]:
            timeline = str(task.due_date)[:10] == f["due_date"]
        right += lead and coord and timeline
    judge(name, right, len(fields), text)


@pytest.mark.skipif(not (REAL / "hanoi.pdf").exists(), reason="../shared/real/hanoi.pdf is not here")
def test_a_scanned_real_plan(tmp_path: Path) -> None:
    plan = load_plan(scan(REAL / "hanoi.pdf", tmp_path))
    judge_real(plan, "hanoi")
    judge_groups("hanoi", plan, load_plan(REAL / "hanoi.pdf"), 0.95)  # its long titles: OCR's letters


LAMDONG = REAL / "lamdong_kh_cchc_2026.docx"


@pytest.mark.skipif(not LAMDONG.exists(), reason="../shared/real is not here")
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) makes the PDF")
def test_a_real_word_plan_printed_to_pdf_and_scanned(tmp_path: Path) -> None:
    """Lâm Đồng's real plan, a Word file: saved as PDF by LibreOffice (as "the same plan saved as PDF
    from Word"), scanned, read. Its one miss (VII.1) is missed in the .docx too (check.py's VI.1/VII.1)."""
    done = subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(LAMDONG)],
        capture_output=True,
        timeout=300,
        check=False,
    )
    pdf = tmp_path / f"{LAMDONG.stem}.pdf"
    assert done.returncode == 0 and pdf.exists(), done.stderr.decode("utf-8", "replace")
    judge_real(load_plan(scan(pdf, tmp_path)), "lamdong_kh_cchc_2026")
