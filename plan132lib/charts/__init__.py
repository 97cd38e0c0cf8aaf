"""Charts in one house style (:mod:`.frame`), one module per chart family.

:mod:`.workload` draws the responsibility charts, :mod:`.network` the agency–task
network, :mod:`.coverage` the coverage review. The names below are the ones most
callers need. The house style is the packaged ``plan132.mplstyle`` (read into
:data:`STYLE`); every fixed string drawn comes from ``plan132lib/words.csv``.
"""

from .frame import COLORS, FIG_WIDTH, STYLE, label, plan_source, save_figure
from .workload import active_by_year, group_heatmap, lead_coordinate_bars, task_gantt

__all__ = [
    "COLORS",
    "FIG_WIDTH",
    "STYLE",
    "active_by_year",
    "group_heatmap",
    "label",
    "lead_coordinate_bars",
    "plan_source",
    "save_figure",
    "task_gantt",
]
