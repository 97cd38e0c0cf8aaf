"""report.pdf: a real report (issue 24): "Báo cáo phân tích …", contents with the right pages, every
section numbered, figures and tables numbered in order, the tables' leading rows those of the
analyses, headers in the reader's language, reading notes, numbered pages, the same bytes each run."""

from __future__ import annotations

import dataclasses
import re
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from plan132lib.analysis import agency_review, coverage, network, workload
from plan132lib.analysis.findings import findings_of
from plan132lib.fields import header
from plan132lib.ingest.tables import load_plan
from plan132lib.pipeline.build import chart_figures
from plan132lib.render import briefing
from plan132lib.render.brief_pdf import chart_image
from plan132lib.render.report_pdf import ROWS, figure_table, report_pdf, workbook_file
from plan132lib.words import word

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from variants import write_variant

CHARTS = ("group_heatmap", "lead_coordinate_bars", "task_gantt", "network_agencies_drop", "coverage_by_group")
SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")


@pytest.fixture(scope="module")
def plan():
    return load_plan(None)


@pytest.fixture(scope="module")
def review(plan):
    return coverage.review_for(plan, None, None)


@pytest.fixture(scope="module", params=["vi", "en"])
def made(request, plan, review):
    lang = request.param
    the_brief = briefing.brief(plan, review, lang)
    images = {name: chart_image(f) for name, f in chart_figures(plan, lang, review, names=CHARTS).items()}
    return lang, the_brief, images, report_pdf(the_brief, images, plan, review)


def pages_text(data: bytes) -> list[str]:
    pdf = pdfium.PdfDocument(data)
    return [" ".join(pdf[i].get_textpage().get_text_range().split()) for i in range(len(pdf))]


def headings(the_brief: briefing.Brief) -> list[str]:
    lang = the_brief.lang
    names = [s.heading for s in the_brief.sections]
    names += [word("brief.h.recommendations", lang), word("report.h.notes", lang)]
    return [f"{i}. {name}" for i, name in enumerate(names, 1)]


def test_the_title_page_says_report_with_the_prepared_and_source_lines(made, plan) -> None:
    lang, the_brief, _, data = made
    first = pages_text(data)[0]
    title = word("report.title", lang, citation=plan.citation(lang))
    assert title.startswith("Báo cáo phân tích" if lang == "vi" else "Analytical report on")
    assert title in first and "Tóm tắt" not in first and "Summary of" not in first
    assert " ".join(the_brief.prepared.split()[:6]) in first
    assert " ".join(the_brief.source.split()[:6]) in first
    assert word("report.contents", lang) in first
    assert pdfium.PdfDocument(data).get_metadata_dict()["Title"] == title


def test_the_contents_lists_every_section_with_the_page_it_starts_on(made) -> None:
    _, the_brief, _, data = made
    texts = pages_text(data)
    listed = headings(the_brief)
    for heading in listed:
        found = re.search(re.escape(heading) + r"[ .]*?(\d+)\b", texts[0])
        assert found, (heading, texts[0])
        page = int(found.group(1))
        assert page > 1 and heading in texts[page - 1], (heading, page)
        assert not any(heading in t for t in texts[1 : page - 1]), heading  # not on an earlier page
    # the sections stand in order
    pages = [int(re.search(re.escape(h) + r"[ .]*?(\d+)\b", texts[0]).group(1)) for h in listed]
    assert pages == sorted(pages)
    assert all(word("pdf.page", made[0], n=i) in t for i, t in enumerate(texts, 1))  # numbered pages


def test_every_section_is_in_full(made) -> None:
    _, the_brief, _, data = made
    text = " ".join(pages_text(data))
    for section in the_brief.sections:
        for part in (section.text, *section.items):
            if part:
                assert " ".join(part.split()[-6:]) in text, part
    for rec in the_brief.recommendations:
        assert " ".join(rec.split()[-5:]) in text
    assert " ".join(the_brief.caveat.split()[:8]) in text


def test_figures_and_tables_are_numbered_in_order_with_their_captions(made) -> None:
    lang, _, images, data = made
    text = " ".join(pages_text(data))
    figure, table = ("Hình", "Bảng") if lang == "vi" else ("Figure", "Table")
    figures = [int(n) for n in re.findall(rf"\b{figure} (\d+)\. ", text)]
    tables = [int(n) for n in re.findall(rf"\b{table} (\d+)\. ", text)]
    assert figures == list(range(1, len(images) + 1))
    assert tables == list(range(1, len(images) + 1))  # every chart here has a table under it
    for im in images.values():
        assert " ".join(im.alt.split()[:6]) in text  # the alt text is the caption
    assert text.count(workbook_file(lang)) >= len(images)  # where the whole table is


def test_a_tables_leading_rows_are_the_analysis_tables(made, plan, review) -> None:
    lang, _, _, data = made
    text = " ".join(pages_text(data))
    who = "agency_name" if lang == "vi" else "name_en"
    lead = workload.agency_workload(plan).head(ROWS)
    for row in lead.itertuples():  # agency, tasks led, led alone, coordinated
        name = " ".join(str(getattr(row, who)).split())
        assert f"{name} {row.n_lead} {row.n_lead_alone} {row.n_coordinate}" in text, row
    left_out = workload.agency_workload(plan).iloc[ROWS]
    assert f"{left_out[who]} {left_out['n_lead']} {left_out['n_lead_alone']}" not in text
    measures = network.agency_measures(plan, "drop").sort_values(
        ["degree", "weighted_degree"], ascending=False, kind="stable"
    )
    first = measures.iloc[0]
    assert f"{first[who]} {first['n_tasks']} {first['degree']} {first['weighted_degree']}" in text
    table = figure_table("lead_coordinate_bars", plan, review, lang)
    assert list(table.frame.head(ROWS)[who]) == list(lead[who])
    for column in ("n_lead", "n_lead_alone", "n_coordinate"):  # headers from fields.csv, never column names
        assert " ".join(header(column, lang).split()[:1]) in text
    for column in ("task_id", "timeline_raw", "start_year", "end_year"):
        assert header(column, lang).split()[0] in text
    assert not SNAKE.search(re.sub(r"\S+\.(xlsx|csv|txt|md)\b|tables/\S+", "", text))


def test_the_reading_notes_hold_the_caveats(made, plan) -> None:
    lang, the_brief, _, data = made
    texts = pages_text(data)
    heading = re.compile(r"\d+\. " + re.escape(word("report.h.notes", lang)))
    at = next(i for i, t in enumerate(texts) if i > 0 and heading.search(t))
    notes = " ".join(texts[at:])
    assert " ".join(the_brief.caveat.split()[:8]) in notes
    assert "validation_report.txt" in notes


def test_two_runs_give_the_same_bytes(made, plan, review) -> None:
    _, the_brief, images, data = made
    assert report_pdf(the_brief, images, plan, review) == data


def test_the_reading_notes_say_what_could_not_be_read(plan, review) -> None:
    found = dataclasses.replace(findings_of(plan, review), unread=("2.2", "3.4"))
    the_brief = briefing.brief(plan, review, "vi", found)
    text = " ".join(pages_text(report_pdf(the_brief, {}, plan, review, found)))
    assert word("brief.unread", "vi", n=2, ids="2.2, 3.4") in text


@pytest.mark.slow
def test_a_plan_without_review_and_with_unknown_names(tmp_path) -> None:
    other = load_plan(write_variant("unknown_agencies", tmp_path))
    for lang in ("vi", "en"):
        the_brief = briefing.brief(other, None, lang)
        images = {n: chart_image(f) for n, f in chart_figures(other, lang, None, names=CHARTS[:3]).items()}
        text = " ".join(pages_text(report_pdf(the_brief, images, other, None)))
        assert word("report.note.no_review", lang) in text
        assert " ".join(agency_review.unknown_note(other, lang).split()[:4]) in text
        assert re.findall(r"\b(?:Hình|Figure) (\d+)\. ", text) == ["1", "2", "3"]
