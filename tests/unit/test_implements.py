"""A plan is measured only against catalogues of the documents it implements (issue 25).

Lào Cai's minerals plan implements Chỉ thị 11-CT/TU of the provincial Party Committee, not NQ 247:
it gets no NQ 247 verdict anywhere (the brief, compare, the crosswalk draft, coverage_skipped.txt),
and what it implements is named.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plan132lib import load_plan
from plan132lib.analysis import compare, coverage
from plan132lib.analysis.catalogue import load_catalogue
from plan132lib.analysis.findings import findings_of
from plan132lib.cli import main
from plan132lib.render import briefing

MINIMAL = Path(__file__).parents[1] / "bad" / "ok_minimal.md"
NQ247 = "Nghị quyết số 247/2025/QH15 ngày 10/12/2025 của Quốc hội"
DIRECTIVE = "Chỉ thị số 11-CT/TU ngày 5/3/2026 của Tỉnh ủy Lào Cai"


@pytest.fixture(scope="module")
def directive_plan(tmp_path_factory):
    """The small plan, implementing a directive of the provincial Party Committee instead of NQ 247."""
    text = MINIMAL.read_text(encoding="utf-8")
    assert text.count(NQ247) >= 2
    path = tmp_path_factory.mktemp("implements") / "chi_thi_11.md"
    path.write_text(text.replace(NQ247, DIRECTIVE), encoding="utf-8")
    return load_plan(path)


def test_what_a_plan_implements_is_read_from_its_title_and_its_lines(plan, directive_plan):
    assert coverage.implemented(plan) == [NQ247, "Nghị quyết số 67/NQ-CP ngày 25/3/2026 của Chính phủ"]
    assert coverage.implemented(directive_plan) == [DIRECTIVE]
    catalogue = load_catalogue()
    assert coverage.catalogued(catalogue) == ["247/2025/QH15", "67/NQ-CP"]
    assert coverage.applies(plan, catalogue) and not coverage.applies(directive_plan, catalogue)


def test_no_nq247_verdict_in_the_brief_and_the_documents_named(directive_plan):
    assert coverage.review_for(directive_plan) is None
    found = findings_of(directive_plan)
    assert found.implemented == (DIRECTIVE,) and not found.catalogued
    assert not [r for r in found.recommendations if r.code in ("coverage", "targets", "verify")]
    for lang in ("vi", "en"):
        text = next(
            s for s in briefing.brief(directive_plan, None, lang, found).sections if s.key == "coverage"
        ).text
        assert DIRECTIVE in text and "247" not in text
    assert "chưa có danh mục nội dung của văn bản này" in coverage.skipped(directive_plan, load_catalogue())


def test_compare_says_not_applicable_never_missing(plan, directive_plan):
    table = compare.compare_tables([plan, directive_plan])["coverage"]
    mine = table[table["plan_id"] == compare.plan_ids([plan, directive_plan])[1]]
    assert len(mine) and set(mine["status"]) == {"not_applicable"}
    assert set(mine["basis"]) == {"not_implemented"}
    theirs = table[table["plan_id"] != mine["plan_id"].iloc[0]]
    assert "missing" in set(theirs["status"])  # Plan 132 still measured


def test_the_crosswalk_draft_and_check_name_what_the_plan_implements(directive_plan, tmp_path, capsys):
    assert main(["crosswalk", "--plan", directive_plan.path, "--out", str(tmp_path / "d.xlsx")]) == 2
    said = capsys.readouterr().err
    assert DIRECTIVE in said and "plan132 catalogue --from" in said
    assert not (tmp_path / "d.xlsx").exists()
    assert main(["check", directive_plan.path]) == 0
    assert f"Triển khai: {DIRECTIVE}" in capsys.readouterr().out


def test_a_citation_ends_where_the_plan_turns_to_its_own_place():
    """ "… của Chính phủ trên địa bàn tỉnh Ninh Bình" (a title's usual ending) cites the resolution
    only, so the brief's "Triển khai: …" names the document, not the province."""
    from plan132lib.ingest.cited import cited

    title = (
        "Thực hiện Nghị quyết số 247/2025/QH15 ngày 10/12/2025 của Quốc hội và Nghị quyết số 67/NQ-CP"
        " ngày 25/3/2026 của Chính phủ trên địa bàn tỉnh Ninh Bình"
    )
    assert [c.text for c in cited(title)] == [NQ247, "Nghị quyết số 67/NQ-CP ngày 25/3/2026 của Chính phủ"]
