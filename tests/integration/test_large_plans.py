"""Large plans degrade gracefully (issue 23): a 9,000-task plan is checked in linear time, and a
300-task plan's charts stay legible (capped rows, a note saying how many are left out).

The plans come from ``tests/large_plans.py`` (Plan 132's layout, many agencies). Measured numbers and
the command to measure again: docs/DESIGN.md, "Large plans".
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import large_plans
from figure_checks import text_boxes

from plan132lib import load_plan
from plan132lib.charts.frame import MAX_ROWS
from plan132lib.charts.network import MAX_TWO_MODE_AGENCIES, MAX_TWO_MODE_TASKS
from plan132lib.charts.workload import MAX_GANTT_TASKS
from plan132lib.cli import main
from plan132lib.ingest import validation
from plan132lib.pipeline import build as pipeline


@pytest.fixture(scope="module")
def plan_300(tmp_path_factory: pytest.TempPathFactory):
    return load_plan(large_plans.write_text(300, tmp_path_factory.mktemp("large")))


def test_the_generator_gives_the_asked_size_and_many_agencies(plan_300) -> None:
    assert len(plan_300.tasks) == 300
    assert plan_300.tasks["group_id"].nunique() == 10
    assert len(plan_300.agencies) > MAX_ROWS["print"]  # enough to need the cap


@pytest.mark.slow
def test_a_9000_task_plan_is_checked_within_a_minute(tmp_path, capsys) -> None:
    path = large_plans.write_text(9000, tmp_path)
    start = time.perf_counter()
    code = main(["check", str(path)])
    took = time.perf_counter() - start
    assert code == 0
    assert "9000" in capsys.readouterr().out
    assert took < 60, f"check of 9,000 tasks took {took:.0f} s"  # 4 s in one process on 2 cores (2026-12-06)


@pytest.mark.slow
def test_a_9000_task_plan_is_refused_by_build_with_its_size(tmp_path, capsys) -> None:
    """A pack no one could read is refused before anything is written, naming the size and the limit."""
    path = large_plans.write_text(9000, tmp_path)
    out = tmp_path / "out"
    start = time.perf_counter()
    assert main(["build", "--plan", str(path), "--out", str(out)]) == 2
    assert time.perf_counter() - start < 60
    said = capsys.readouterr().err
    assert "9000" in said and str(pipeline.MAX_BUILD_TASKS) in said and "plan132 check" in said
    assert not out.exists()


@pytest.mark.slow
def test_findings_grow_linearly(tmp_path) -> None:
    """Ten times the tasks costs well under a hundred times the time (it was quadratic)."""
    times = {}
    for n in (300, 3000):
        plan = load_plan(large_plans.write_text(n, tmp_path))
        start = time.perf_counter()
        validation.findings(plan)
        times[n] = time.perf_counter() - start
    assert times[3000] < 25 * max(times[300], 0.05), times


def _texts(fig):
    """The figure's visible, non-empty texts: tick labels, cell counts, titles, notes."""
    FigureCanvasAgg(fig).draw()
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


@pytest.mark.slow
@pytest.mark.parametrize(
    "name", ["lead_coordinate_bars", "group_heatmap", "active_by_year", "task_gantt", "network_two_mode"]
)
def test_a_300_task_plans_charts_are_capped_and_legible(plan_300, name) -> None:
    fig = pipeline.chart_figures(plan_300, "vi", None, size="print", names=[name])[name]
    assert fig.get_figheight() < 22, "one chart, not many pages"
    ax = fig.axes[0]
    ticks = [t for t in ax.get_yticklabels() if t.get_text()]
    if name == "network_two_mode":
        assert len(ax.texts) <= MAX_TWO_MODE_TASKS + MAX_TWO_MODE_AGENCIES + 10
        footer = fig.texts[0].get_text()
        assert "80 trong 300 nhiệm vụ" in footer
    else:
        assert 0 < len(ticks) <= max(MAX_ROWS["print"], MAX_GANTT_TASKS // 8)
        footer = fig.texts[0].get_text()
        assert ("trong tổng số" in footer) or ("300 nhiệm vụ" in footer), footer
    texts = _texts(fig)
    renderer = fig.canvas.get_renderer()
    for text in texts:
        assert text.get_fontsize() >= 7, (text.get_text(), text.get_fontsize())
    labels = list(ax.texts) if name == "network_two_mode" else ticks  # its axis is off: names are texts
    text_boxes(fig, labels, renderer)  # inside the figure, no two overlapping
