"""Many plans side by side (analysis.compare, charts.compare): Plan 132 as text, Word and PDF, Ninh
Bình's plan 58 (another province, as a PDF) and a variant of Plan 132 without collective entries."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from figure_checks import text_boxes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Text
from variants import write_variant

from plan132lib import PlanParseError, load_plan
from plan132lib.analysis import compare, crosswalk_draft
from plan132lib.analysis.coverage import Review, caveat, coverage_table, review_for
from plan132lib.charts import save_figure
from plan132lib.charts.compare import MAX_BARS, compare_source, coverage_heatmap, lead_share_panels
from plan132lib.errors import ReferenceDataError
from plan132lib.words import words

DOCS = Path(__file__).resolve().parents[1] / "fixtures" / "documents"
MD, DOCX, PDF, NINH_BINH = None, DOCS / "plan132.docx", DOCS / "plan132.pdf", DOCS / "ninhbinh_58.pdf"


@pytest.fixture(scope="module")
def plans(tmp_path_factory):
    variant = write_variant("no_collectives", tmp_path_factory.mktemp("variant"))
    return [load_plan(p) for p in (MD, DOCX, PDF, NINH_BINH, variant)]


@pytest.fixture(scope="module")
def tables(plans):
    return compare.compare_tables(plans)


def _row(tables, file_name: str) -> pd.Series:
    plans = tables["plans"]
    return plans[plans["file_name"] == file_name].iloc[0]


# ------------------------------------------------------------------ the tables


def test_the_five_tables_by_name(tables):
    assert list(tables) == list(compare.TABLES)
    assert list(tables["plans"].columns) == compare.PLAN_COLUMNS
    assert tables["tasks"].columns[0] == "plan_id"


def test_one_row_per_plan_files_of_one_plan_told_apart_by_name(tables, plans):
    rows = tables["plans"]
    assert len(rows) == len(plans) and rows["plan_id"].is_unique
    assert _row(tables, "plan132.docx")["plan_id"] == "132/KH-UBND · plan132.docx"
    assert _row(tables, "plan132.pdf")["plan_id"] == "132/KH-UBND · plan132.pdf"
    assert _row(tables, "ninhbinh_58.pdf")["province"] == "Ninh Bình"
    assert _row(tables, "plan132.pdf")["province"] == "Hưng Yên"
    assert list(rows["file_format"]) == ["text", "docx", "pdf", "pdf", "text"]


def test_the_same_plan_in_two_formats_agrees_on_every_count(tables):
    counts = [c for c in compare.PLAN_COLUMNS if c not in ("plan_id", "file_name", "file_format")]
    docx, pdf, md = (
        _row(tables, f)[counts]
        for f in ("plan132.docx", "plan132.pdf", "ke-hoach-132-KH-UBND-2026-04-16-hung-yen.md")
    )
    assert docx.to_dict() == pdf.to_dict() == md.to_dict()
    load = tables["load_by_agency"]
    per = {
        f: load[load["plan_id"] == _row(tables, f)["plan_id"]]
        .set_index("agency_id")[["n_lead", "n_lead_alone", "n_coordinate", "lead_share"]]
        .sort_index()
        for f in ("plan132.docx", "plan132.pdf")
    }
    pd.testing.assert_frame_equal(per["plan132.docx"], per["plan132.pdf"])
    targets = tables["targets"]
    values = {
        f: targets.loc[
            targets["plan_id"] == _row(tables, f)["plan_id"], ["indicator_id", "value"]
        ].reset_index(drop=True)
        for f in ("plan132.docx", "plan132.pdf")
    }
    pd.testing.assert_frame_equal(values["plan132.docx"], values["plan132.pdf"])


def test_plan_counts_are_the_plans_own(tables, plans):
    for plan, row in zip(plans, tables["plans"].itertuples(index=False), strict=True):
        assert row.n_plan_tasks == len(plan.tasks) and row.n_groups == len(plan.groups)
        assert row.n_targets == len(plan.targets) and row.n_agencies == len(plan.agencies)
        assert row.share_open_ended == round(plan.tasks["open_ended"].mean(), 4)
        a = plan.assignments
        coords = a[(a["role"] == "coordinate") & ~a["is_collective"]]
        assert row.share_named_coordinator == round(coords["task_id"].nunique() / len(plan.tasks), 4)
    # Plan 132 always adds "Các sở, ban, ngành …"; the variant names its coordinators
    assert (
        _row(tables, "no_collectives.md")["share_named_coordinator"]
        > _row(tables, "plan132.docx")["share_named_coordinator"]
    )


def test_every_task_of_every_plan_with_its_plan_id(tables, plans):
    tasks = tables["tasks"]
    assert len(tasks) == sum(len(p.tasks) for p in plans)
    for plan, plan_id in zip(plans, tables["plans"]["plan_id"], strict=True):
        own = tasks[tasks["plan_id"] == plan_id]
        assert own["task_id"].tolist() == plan.tasks["task_id"].tolist()
        assert own["content"].tolist() == plan.tasks["content"].tolist()


def _leads(plan, agency_id: str) -> int:
    a = plan.assignments
    return a.loc[(a["role"] == "lead") & (a["agency_id"] == agency_id), "task_id"].nunique()


def test_load_aligns_standard_bodies_across_provinces(tables, plans):
    load = tables["load_by_agency"]
    ids = dict(zip(tables["plans"]["file_name"], tables["plans"]["plan_id"], strict=True))
    nnmt = load[load["agency_id"] == "so-nnmt"].set_index("plan_id")
    # the Department of Agriculture and Environment leads tasks in both provinces' plans, one id for both
    bundled = "ke-hoach-132-KH-UBND-2026-04-16-hung-yen.md"
    for plan, file in ((plans[0], bundled), (plans[3], "ninhbinh_58.pdf")):
        assert nnmt.at[ids[file], "n_lead"] == _leads(plan, "so-nnmt") > 0
    ninh_binh = plans[3].assignments
    assert ninh_binh.loc[ninh_binh["agency_id"] == "so-nnmt", "raw_name"].str.contains("Nông nghiệp").all()
    # a registry body one plan names and another does not: a row of zeros for the other
    named = set(load.loc[(load["plan_id"] == ids["ninhbinh_58.pdf"]) & (load["n_tasks"] > 0), "agency_id"])
    hung_yen = load[load["plan_id"] == ids["plan132.docx"]].set_index("agency_id")
    only_nb = [a for a in named if a in hung_yen.index and hung_yen.at[a, "n_tasks"] == 0]
    assert only_nb, "expected a body Ninh Bình names and Hưng Yên does not"
    assert all(a not in set(plans[1].assignments["agency_id"]) for a in only_nb)
    assert load.groupby("plan_id")["agency_id"].apply(lambda s: s.is_unique).all()


def test_lead_share_is_the_workload_share(tables, plans):
    load = tables["load_by_agency"]
    plan_id = tables["plans"]["plan_id"].iloc[3]
    own = load[(load["plan_id"] == plan_id) & (load["n_lead"] > 0)]
    assert own["lead_weight"].sum() == pytest.approx(
        plans[3]
        .tasks["task_id"]
        .isin(plans[3].assignments.loc[plans[3].assignments["role"] == "lead", "task_id"])
        .sum()
    )
    assert (own["lead_share"] == own["lead_weight"] / len(plans[3].tasks)).all()


def test_coverage_reviewed_where_a_review_is_given_else_suggested(tables, plans):
    cov = tables["coverage"]
    ids = tables["plans"]["plan_id"].tolist()
    bundled = cov[cov["plan_id"] == ids[0]].set_index("goal_id")
    assert set(bundled["basis"]) == {"reviewed"}
    reviewed = coverage_table(review_for(plans[0]))
    reviewed = reviewed[reviewed["entry_type"] != "context"].set_index("goal_id")
    assert bundled["status"].to_dict() == reviewed["status"].to_dict()
    draft = crosswalk_draft.draft(plans[3])
    ninh_binh = cov[cov["plan_id"] == ids[3]].set_index("goal_id")
    assert set(ninh_binh["basis"]) == {"suggested"}
    assert set(ninh_binh.index[ninh_binh["status"] == "suggested"]) == set(draft["goal_id"])
    for goal, tasks in draft.groupby("goal_id", sort=False)["task_id"]:
        assert set(ninh_binh.at[goal, "task_ids"].split(" | ")) == set(tasks)
    assert set(ninh_binh["status"]) <= {"suggested", "missing", "not_applicable"}


def test_reviews_given_by_the_caller_are_used(plans):
    review = Review(plans[1], review_for(plans[0]).catalogue, review_for(plans[0]).crosswalk)
    cov = compare.compare_tables(plans[:2], [None, review])["coverage"]
    assert cov.groupby("plan_id")["basis"].first().tolist() == ["suggested", "reviewed"]
    with pytest.raises(ValueError, match="one review"):
        compare.compare_tables(plans[:2], [None])


def test_targets_read_the_same_indicator_across_plans(tables):
    targets = tables["targets"]
    ids = dict(zip(tables["plans"]["file_name"], tables["plans"]["plan_id"], strict=True))
    urban = targets[targets["indicator_id"] == "wastewater_urban"].set_index("plan_id")["value"]
    assert urban[ids["plan132.pdf"]] == 70.0 and urban[ids["ninhbinh_58.pdf"]] == 50.0
    pm = targets[targets["indicator_id"] == "pm25"]
    assert set(pm["plan_id"]) >= {ids["plan132.docx"], ids["plan132.pdf"]}
    assert ids["ninhbinh_58.pdf"] not in set(pm["plan_id"])
    waste = targets[targets["indicator_id"] == "solid_waste_urban"]
    assert waste["plan_id"].tolist() == [ids["ninhbinh_58.pdf"]] and waste["value"].tolist() == [95.0]
    order = [i.indicator_id for i in compare.load_indicators()]
    matched = targets.loc[targets["indicator_id"] != "", "indicator_id"].map(order.index)
    assert matched.is_monotonic_increasing


def test_the_indicator_list_is_data(tmp_path, plans):
    path = tmp_path / "indicators.csv"
    path.write_text("indicator_id,name_vi,name_en,match\nair,Bụi mịn,Fine dust,pm2.5\n", encoding="utf-8")
    found = compare.targets_across(plans[:1], ["a"], compare.load_indicators(path))
    assert set(found["indicator_id"]) == {"air", ""}
    path.write_text("indicator_id,name_vi,name_en,match\nair,Bụi mịn,Fine dust,\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="line 2"):
        compare.load_indicators(path)


# ------------------------------------------------------------------ reading many plans


def test_a_plan_that_cannot_be_read_is_named_and_the_others_compare(tmp_path):
    bad = tmp_path / "hong.pdf"
    bad.write_bytes(b"%PDF-1.4\n nothing else")
    found, failed = compare.load_plans([MD, bad, DOCX])
    assert [p.kind for p in found] == ["text", "docx"]
    assert [path for path, _ in failed] == [str(bad)]
    assert "hong.pdf" in failed[0][1] and failed[0][1].startswith("không đọc được")
    assert compare.compare_tables(found)["plans"].shape[0] == 2
    with pytest.raises(PlanParseError, match=r"hong\.pdf"):
        compare.load_plans([MD, bad, DOCX], strict=True)


def test_plan_ids_of_files_of_one_name_in_two_folders(tmp_path):
    for folder in ("hung_yen", "ban_sua"):
        (tmp_path / folder).mkdir()
        shutil.copy(DOCX, tmp_path / folder / "kh.docx")
    found, _ = compare.load_plans(
        [
            tmp_path / "hung_yen" / "kh.docx",
            tmp_path / "ban_sua" / "kh.docx",
            tmp_path / "ban_sua" / "kh.docx",
        ]
    )
    assert compare.plan_ids(found) == [
        "132/KH-UBND · hung_yen/kh.docx",
        "132/KH-UBND · ban_sua/kh.docx",
        "132/KH-UBND · ban_sua/kh.docx (2)",
    ]


def test_load_plans_through_the_cache_gives_the_same_tables(tmp_path):
    first, _ = compare.load_plans([DOCX], cache_dir=tmp_path)
    second, _ = compare.load_plans([DOCX], cache_dir=tmp_path)
    assert len(list(tmp_path.glob("*.json"))) == 1
    pairs = zip(compare.compare_tables(first).values(), compare.compare_tables(second).values(), strict=True)
    for a, b in pairs:
        pd.testing.assert_frame_equal(a, b)


# ------------------------------------------------------------------ charts


def _texts(fig) -> list[Text]:
    """The texts drawn (tick labels outside the axes' range left out, as matplotlib does)."""
    FigureCanvasAgg(fig).draw()
    hidden = set()
    for ax in fig.axes:
        low, high = sorted(ax.get_xlim())
        hidden |= {id(t) for t in ax.get_xticklabels() if not low <= t.get_position()[0] <= high}
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip() and id(t) not in hidden]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_charts_text_inside_and_apart_and_byte_identical(tables, plans, lang, tmp_path):
    source = compare_source(tables["plans"], lang)
    note = caveat(review_for(plans[0]), lang)
    for name, make in (
        ("lead", lambda: lead_share_panels(tables["load_by_agency"], tables["plans"], lang, source=source)),
        (
            "coverage",
            lambda: coverage_heatmap(tables["coverage"], tables["plans"], lang, source=source, caveat=note),
        ),
    ):
        fig = make()
        text_boxes(fig, _texts(fig), fig.canvas.get_renderer())
        assert fig.alt and repr(fig) == fig.alt
        first = [p.read_bytes() for p in save_figure(make(), tmp_path / f"{name}_1")]
        again = [p.read_bytes() for p in save_figure(make(), tmp_path / f"{name}_2")]
        assert first == again


def test_charts_speak_the_readers_language(tables):
    source = compare_source(tables["plans"])
    assert source.startswith("Nguồn: 132/KH-UBND (Hưng Yên), 58/KH-UBND (Ninh Bình)")
    fig = coverage_heatmap(tables["coverage"], tables["plans"], source=source, caveat="")
    drawn = " ".join(t.get_text() for t in _texts(fig))
    assert "Mức độ cụ thể hóa" in drawn and words("compare.basis")["suggested"] in drawn
    assert "suggested" not in drawn and "NQ247" not in drawn  # no codes where a reader looks
    fig = lead_share_panels(
        tables["load_by_agency"], tables["plans"], "en", source=compare_source(tables["plans"], "en")
    )
    drawn = " ".join(t.get_text() for t in _texts(fig))
    assert "Agriculture" in drawn and "Tỷ trọng" not in drawn
    assert "so-nnmt" not in drawn


def test_heatmap_cells_are_the_statuses(tables):
    fig = coverage_heatmap(tables["coverage"], tables["plans"], source="s", caveat="")
    mesh = next(c for c in fig.axes[0].collections if c.get_gid() == "coverage-cells")
    cov = tables["coverage"]
    n_goals = cov.groupby("goal_id")["status"].agg(lambda s: (s != "not_applicable").any()).sum()
    values = np.asarray(mesh.get_array()).reshape(n_goals, len(tables["plans"]))
    assert (values[:, 1] == values[:, 2]).all()  # Word and PDF of one plan: the same column
    assert int((values == 0).sum()) == int((cov["status"] == "covered").sum())


def test_many_plans_draw_a_dot_each(plans):
    many = compare.compare_tables([plans[0]] * (MAX_BARS + 3), [None] * (MAX_BARS + 3))
    fig = lead_share_panels(many["load_by_agency"], many["plans"], source="s")
    dots = next(c for c in fig.axes[0].collections if c.get_gid() == "share-so-nnmt")
    assert len(dots.get_offsets()) == MAX_BARS + 3
    text_boxes(fig, _texts(fig), fig.canvas.get_renderer())


def test_objectives_targets_sit_side_by_side_matched_by_indicator() -> None:
    """A draft and its final: each objective's target beside its counterpart, the lowered one shown."""
    folder = Path(__file__).parents[1] / "fixtures" / "documents" / "versions"
    plans = [load_plan(folder / "ke-hoach-cchc-du-thao.docx"), load_plan(folder / "ke-hoach-cchc-final.docx")]
    table = compare.targets_across(plans, ["draft", "final"])
    objectives = table[table["objective_id"].ne("")]
    assert len(objectives) == len(plans[0].objective_targets) + len(plans[1].objective_targets)
    assert (table.loc[table["objective_id"].ne(""), "task_id"] == "").all()
    disbursed = objectives[objectives["indicator"].str.contains("giải ngân")]
    assert disbursed[["plan_id", "value"]].to_dict("records") == [
        {"plan_id": "draft", "value": 100.0},
        {"plan_id": "final", "value": 90.0},
    ]
    assert list(disbursed.index) == [disbursed.index[0], disbursed.index[0] + 1]  # adjacent rows
