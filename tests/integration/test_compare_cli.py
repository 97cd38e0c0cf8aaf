"""``plan132 compare P1 P2 … --out D`` as a user runs it: the tables, the charts, bad input, the cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from plan132lib.cli import main
from plan132lib.fields import read_csv
from plan132lib.ingest.tables import bundled_plan_path

pytestmark = pytest.mark.slow  # reads a PDF and a Word file and draws eight charts

HERE = Path(__file__).resolve().parents[1]
DOCS = HERE / "fixtures" / "documents"
PLANS = [
    bundled_plan_path(),
    DOCS / "plan132.docx",
    DOCS / "ninhbinh_58.pdf",
    HERE / "data" / "other_province_plan.md",
]
COUNTS = [
    "n_plan_tasks",
    "n_groups",
    "n_agencies",
    "n_unknown_agencies",
    "share_named_coordinator",
    "share_open_ended",
    "n_targets",
]


def run(paths: list[Path], out: Path, *extra: str) -> int:
    return main(["compare", *map(str, paths), "--out", str(out), *extra])


@pytest.fixture(scope="module")
def compared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("compare")
    assert run(PLANS, out, "--cache", str(out.parent / "cache")) == 0
    return out


def test_compare_writes_the_five_tables_and_the_charts(compared: Path) -> None:
    for name in ("plans", "tasks", "load_by_agency", "coverage", "targets"):
        assert (compared / f"{name}.csv").exists(), name
    for chart in ("lead_share", "coverage"):
        for lang in ("vi", "en"):
            assert (compared / f"{chart}_{lang}.png").exists() and (compared / f"{chart}_{lang}.svg").exists()
    plans = read_csv(compared / "plans.csv", "compare/plans").set_index("file_name")
    assert list(plans["province"]) == ["Hưng Yên", "Hưng Yên", "Ninh Bình", "Ninh Bình"]
    # the same plan in two formats: two rows, told apart by the file, that agree on every count
    md, docx = plans.loc["ke-hoach-132-KH-UBND-2026-04-16-hung-yen.md"], plans.loc["plan132.docx"]
    assert md["plan_id"] != docx["plan_id"] and md[COUNTS].tolist() == docx[COUNTS].tolist()
    assert md["n_plan_tasks"] == 29 and plans.loc["ninhbinh_58.pdf", "n_plan_tasks"] == 33
    tasks = read_csv(compared / "tasks.csv", "compare/tasks")
    assert len(tasks) == plans["n_plan_tasks"].sum() and tasks.columns[0] == "plan_id"


def test_bodies_align_across_provinces_and_indicators_across_plans(compared: Path) -> None:
    load = read_csv(compared / "load_by_agency.csv", "compare/load_by_agency")
    nnmt = load[load["agency_id"] == "so-nnmt"]
    assert nnmt["plan_id"].nunique() == 4  # Sở NN&MT of Hưng Yên and of Ninh Bình: one standard body
    targets = read_csv(compared / "targets.csv", "compare/targets")
    pm25 = targets[targets["indicator_id"] == "pm25"]
    assert set(pm25["plan_id"].str.split(" · ").str[0]) >= {"132/KH-UBND"}
    coverage = read_csv(compared / "coverage.csv", "compare/coverage")
    basis = coverage.groupby("plan_id")["basis"].first()
    assert sorted(basis) == ["reviewed", "suggested", "suggested", "suggested"]


def test_an_unreadable_plan_is_named_and_the_others_compare(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "hong.pdf"
    bad.write_bytes(b"%PDF-1.4 not really")
    assert run([PLANS[0], bad, PLANS[3]], tmp_path / "out", "--no-cache") == 0
    err = capsys.readouterr().err
    assert "hong.pdf" in err and "bỏ qua tệp này" in err
    assert len(read_csv(tmp_path / "out" / "plans.csv", "compare/plans")) == 2
    assert "hong.pdf" in (tmp_path / "out" / "unread.csv").read_text(encoding="utf-8-sig")
    assert run([PLANS[0], bad], tmp_path / "strict", "--no-cache", "--strict") == 2
    assert "hong.pdf" in capsys.readouterr().err


def test_a_second_run_reads_no_file_again(
    compared: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from plan132lib.ingest import cache

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("a plan was read again")

    monkeypatch.setattr(cache, "read_plan", no_reading)
    assert run(PLANS[1:3], tmp_path, "--cache", str(compared.parent / "cache")) == 0
    assert len(read_csv(tmp_path / "plans.csv", "compare/plans")) == 2


def test_the_compare_notebook_takes_the_list_of_plans(tmp_path: Path) -> None:
    import nbformat

    from plan132lib.pipeline.notebooks import NOTEBOOK_DIR, execute

    plans = [None, str(PLANS[2]), str(PLANS[3])]
    out = execute(NOTEBOOK_DIR / "07_compare.ipynb", tmp_path, {"PLANS": plans, "LANG": "vi"})
    outputs = [o for c in nbformat.read(out, as_version=4).cells if c.cell_type == "code" for o in c.outputs]
    data = [o.get("data", {}) for o in outputs]
    text = " ".join(str(d.get("text/markdown", "")) + str(d.get("text/html", "")) for d in data)
    assert "Đã đọc 3 kế hoạch (67 nhiệm vụ)" in text and "58/KH-UBND · ninhbinh_58.pdf" in text
    assert sum("image/png" in d for d in data) == 2  # the two charts, drawn
