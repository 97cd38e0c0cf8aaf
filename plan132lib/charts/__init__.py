"""Charts in one house style (:mod:`.frame`), one module per chart family.

:mod:`.workload` draws the responsibility charts, :mod:`.network` the agency–task
network, :mod:`.coverage` the coverage review. The names below are the ones most
callers need.
"""

from .frame import COLORS, FIG_WIDTH, LABELS, STYLE, label, save_figure
from .workload import active_by_year, group_heatmap, lead_coordinate_bars, task_gantt

__all__ = ["COLORS", "FIG_WIDTH", "LABELS", "STYLE", "active_by_year", "group_heatmap", "label",
           "lead_coordinate_bars", "save_figure", "task_gantt"]
