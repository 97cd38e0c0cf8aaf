"""Every number an output states agrees with the plan's Findings, in every output of a build.

The outputs are read back as a reader reads them (the PDF's text, the Word and PowerPoint files'
paragraphs, the HTML report, the executed notebooks' Markdown, the workbook's README sheet), each
claim ("giao cho 12 cơ quan, đơn vị", "Chủ trì nhiều nhiệm vụ nhất là X: 10 trong 29") is found by
its wording, and what it says is checked against
:func:`plan132lib.analysis.findings.findings_of`. An output that states a count its own way, or
names another agency as the one that leads most, fails here. Each output must state enough of the
claims that the check cannot pass by finding nothing.

Plan 132 (the whole build, notebooks included) and two other plans (another province's Word plan
and a text plan, briefs and workbook) are read.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from pptx import Presentation

from plan132lib import load_plan
from plan132lib.analysis import coverage
from plan132lib.analysis.findings import Findings, findings_of
from plan132lib.ingest.tables import Plan
from plan132lib.render import briefing

pytestmark = pytest.mark.slow

TESTS = Path(__file__).resolve().parents[1]


# ---------------------------------------------------------------- reading the outputs back


def _clean(text: str) -> str:
    """Text as a reader sees it: entities and Markdown marks gone, one space between words."""
    text = html.unescape(unicodedata.normalize("NFC", text))
    text = re.sub(r"\\([\\`*_\[\]#|~.()+\-!])", r"\1", text).replace("**", "")
    return " ".join(text.split())


def pdf_text(path: Path) -> str:
    from pdfminer.high_level import extract_text

    return _clean(extract_text(str(path)))


def docx_text(path: Path) -> str:
    doc = Document(str(path))
    paragraphs = [p.text for p in doc.paragraphs]
    paragraphs += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return _clean("\n".join(paragraphs))


def pptx_text(path: Path) -> str:
    deck = Presentation(str(path))
    return _clean(
        "\n".join(
            p.text
            for slide in deck.slides
            for s in slide.shapes
            if s.has_text_frame
            for p in s.text_frame.paragraphs
        )
    )


def html_text(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S)
    return _clean(re.sub(r"<[^>]+>", " ", text))


def notebook_text(path: Path) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    shown = [
        "".join(o.get("data", {}).get("text/markdown", "")) for c in nb["cells"] for o in c.get("outputs", [])
    ]
    return _clean("\n".join(shown))


def readme_text(path: Path) -> str:
    ws = openpyxl.load_workbook(path, read_only=True).worksheets[0]
    return _clean("\n".join(str(v) for row in ws.iter_rows(values_only=True) for v in row if v is not None))


# ---------------------------------------------------------------- the claims

Claim = tuple[str, str, Callable[[Findings], object]]  # name, pattern (groups), what Findings says


def _name(plan: Plan) -> Callable[[str], str]:
    names = briefing.agency_names(plan, "vi")
    return lambda agency_id: briefing.agency(names[agency_id])


def claims(plan: Plan) -> list[Claim]:
    """Each claim: a pattern whose groups are what an output states, and what Findings says."""
    name = _name(plan)

    def top(f: Findings) -> tuple[str, ...]:
        return tuple(name(a.agency_id) for a in f.top_leaders)

    def hubs(f: Findings) -> tuple[str, ...]:
        return tuple(name(h.agency_id) for h in f.hubs)

    def cov(f: Findings, field: str) -> object:
        return getattr(f.coverage, field) if f.coverage is not None else None

    return [
        (
            "tasks and groups",
            r"(\d+) nhiệm vụ(?:, chia| trong) (\d+) nhóm",
            lambda f: (f.counts.n_tasks, f.counts.n_groups),
        ),
        ("agencies given a task", r"\bcho (\d+) cơ quan, đơn vị", lambda f: f.counts.n_agencies_assigned),
        ("agencies named anywhere", r"nêu tên (\d+) cơ quan, đơn vị", lambda f: f.counts.n_agencies_all),
        ("assignments", r"(\d+) lượt giao", lambda f: f.counts.n_assignments),
        (
            "most tasks led",
            r"nhiều nhiệm vụ nhất(?: là [^:]{1,120})?: (?:mỗi cơ quan )?(\d+) trong (\d+)",
            lambda f: (f.top_leaders[0].n_lead, f.counts.n_tasks) if f.leaders else None,
        ),
        ("who leads most", r"Chủ trì nhiều nhiệm vụ nhất là (.{1,120}?): \d", lambda f: " và ".join(top(f))),
        (
            "who leads most (slide)",
            r"(?:^|\d )([^.:]{1,120}?) (?:cùng )?chủ trì nhiều nhiệm vụ nhất:",
            lambda f: " và ".join(top(f)),
        ),
        (
            "agencies that lead",
            r"(?:Tổng cộng )?(\d+) cơ quan(?:, đơn vị được giao)? chủ trì ít nhất một",
            lambda f: len(f.leaders),
        ),
        (
            "several leads",
            r"(\d+) nhiệm vụ (?:giao cho|có) nhiều cơ quan cùng chủ trì",
            lambda f: len(f.several_leads),
        ),
        (
            "whole-group lead",
            r"(\d+) nhiệm vụ giao chủ trì chung cho cả một khối",
            lambda f: len(f.collective_lead),
        ),
        (
            "no specific coordinator",
            r"(\d+) nhiệm vụ không nêu cơ quan phối hợp cụ thể",
            lambda f: len(f.no_specific_coordinator),
        ),
        (
            "no end date",
            r"(\d+)(?: trong \d+)? nhiệm vụ (?:không có thời hạn kết thúc|thực hiện thường xuyên)",
            lambda f: len(f.open_ended),
        ),
        (
            "hub's partners",
            r"(?:với|:) (?:cả (\d+)|(\d+) trong (\d+)) cơ quan(?:, đơn vị)? còn lại",
            lambda f: f.hubs[0] if f.hubs else None,
        ),
        ("the hub", r"nhiều cơ quan khác nhất là (.{1,120}?): ", lambda f: " và ".join(hubs(f))),
        (
            "the hub (slide)",
            r"(?:^|\d |[.:] )(“[^”]{1,80}”|[^.,:“]{1,80}?) cùng thực hiện nhiệm vụ với (?:cả )?\d",
            lambda f: " và ".join(hubs(f)),
        ),
        (
            "the hub (notebook)",
            r"Không tính các mục giao chung, (.{1,80}?) là cơ quan trung tâm",
            lambda f: " và ".join(hubs(f)),
        ),
        (
            "the strongest pair",
            r"Cặp (?:phối hợp|cùng làm) nhiều nhất[^.]{1,160}?(\d+) nhiệm vụ chung",
            lambda f: f.pair.weight if f.pair else None,
        ),
        (
            "entries compared",
            r"(\d+) nội dung (?:thuộc trách nhiệm cấp tỉnh|của nghị quyết thuộc trách nhiệm)",
            lambda f: cov(f, "n_counted"),
        ),
        ("covered in full", r"cụ thể hóa đầy đủ (\d+)", lambda f: cov(f, "covered")),
        (
            "covered in part",
            r"(?:cụ thể hóa một phần (\d+)|(\d+) nội dung một phần)",
            lambda f: cov(f, "partial"),
        ),
        ("not covered", r"(\d+) nội dung chưa có", lambda f: cov(f, "missing")),
    ]


def _said(claim: str, groups: tuple[str | None, ...], expected: object) -> bool:
    """Whether what an output states (``groups``) is what Findings says (``expected``)."""
    said = [g for g in groups if g is not None]
    if claim == "hub's partners":
        hub = expected
        return (said == [str(hub.partners)] and hub.partners == hub.others) or said == [
            str(hub.partners),
            str(hub.others),
        ]
    if isinstance(expected, tuple):
        return said == [str(x) for x in expected]
    if isinstance(expected, str):  # a name: quoted in prose, bold (unquoted) in a notebook
        return [s.strip("“”") for s in said] == [expected.replace("“", "").replace("”", "")]
    return said == [str(expected)]


def check(text: str, plan: Plan, found: Findings, where: str, at_least: int) -> list[str]:
    """What ``text`` states against ``found``: the claims it makes that disagree (as messages); and it
    must make at least ``at_least`` kinds of claim."""
    wrong, made = [], set()
    for claim, pattern, truth in claims(plan):
        expected = truth(found)
        for m in re.finditer(pattern, text):
            made.add(claim)
            if expected is None or not _said(claim, m.groups(), expected):
                wrong.append(f"{where}: {claim}: says {m.group(0)!r}, Findings say {expected!r}")
    if len(made) < at_least:
        wrong.append(f"{where}: states only {sorted(made)}")
    return wrong


def recommendations_in_order(text: str, plan: Plan, review, found: Findings, where: str) -> list[str]:
    """The brief's recommendations, where an output shows them, in their order."""
    recs = briefing.brief(plan, review, "vi", found).recommendations
    heads = [_clean(r)[:30] for r in recs]
    places = [text.find(h) for h in heads]
    shown = [p for p in places if p >= 0]
    if not shown:
        return []
    problems = [] if shown == sorted(shown) else [f"{where}: recommendations out of order: {places}"]
    if len(shown) != len(heads):
        problems.append(f"{where}: shows {len(shown)} of the {len(heads)} recommendations")
    return problems


# ---------------------------------------------------------------- Plan 132, the whole build

READERS: dict[str, tuple[Callable[[Path], str], int]] = {  # output → how to read it, kinds of claim
    "brief.pdf": (pdf_text, 5),
    "brief.docx": (docx_text, 10),
    "report.pdf": (pdf_text, 10),
    "slides.pptx": (pptx_text, 6),
    "report.html": (html_text, 10),
    "plan132_workbook.xlsx": (readme_text, 10),
    "notebooks/01_plan_tables.ipynb": (notebook_text, 6),
    "notebooks/02_responsibility.ipynb": (notebook_text, 4),
    "notebooks/03_network.ipynb": (notebook_text, 2),
    "notebooks/05_briefing.ipynb": (notebook_text, 10),
}


@pytest.fixture(scope="module")
def plan132_findings(plan) -> tuple[Findings, coverage.Review]:
    review = coverage.Review.load(plan)
    return findings_of(plan, review), review


@pytest.mark.parametrize("output", list(READERS))
def test_every_number_of_plan_132s_outputs_agrees_with_its_findings(
    full_build, plan, plan132_findings, output
):
    found, review = plan132_findings
    read, at_least = READERS[output]
    path = full_build / output
    assert path.exists(), f"the build wrote no {output}"
    text = read(path)
    problems = check(text, plan, found, output, at_least)
    problems += recommendations_in_order(text, plan, review, found, output)
    assert problems == []


# ---------------------------------------------------------------- two other plans

OTHER_PLANS = {
    "ninhbinh_58.docx": TESTS / "fixtures" / "documents" / "ninhbinh_58.docx",
    "other_province_plan.md": TESTS / "data" / "other_province_plan.md",
}


@pytest.fixture(scope="module", params=list(OTHER_PLANS))
def other_pack(request, tmp_path_factory) -> tuple[Plan, Findings, Path]:
    """Another plan's briefs, report, slides and workbook (Vietnamese), written as the build writes them."""
    from plan132lib.pipeline.build import write_briefs
    from plan132lib.render.export import write_workbook_for

    plan = load_plan(OTHER_PLANS[request.param])
    found = findings_of(plan)
    out = tmp_path_factory.mktemp("pack")
    write_briefs(plan, out, "vi", None, found=found)
    write_workbook_for(plan, out / "plan132_workbook.xlsx", "vi", None, found)
    return plan, found, out


@pytest.mark.parametrize(
    "output", ["brief.pdf", "brief.docx", "report.pdf", "slides.pptx", "plan132_workbook.xlsx"]
)
def test_every_number_of_another_plans_outputs_agrees_with_its_findings(other_pack, output):
    plan, found, out = other_pack
    read, at_least = READERS[output]
    text = read(out / output)
    problems = check(text, plan, found, output, min(at_least, 5))
    problems += recommendations_in_order(text, plan, None, found, output)
    assert problems == []
