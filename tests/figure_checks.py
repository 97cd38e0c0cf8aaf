"""Shared checks of drawn figures for the chart tests."""

from __future__ import annotations

import itertools
from typing import Any

from matplotlib.figure import Figure
from matplotlib.text import Text


def text_boxes(fig: Figure, texts: list[Text], renderer: Any) -> list[tuple[str, Any]]:
    """Check that every text lies inside the figure and no two overlap; return (text, box) pairs."""
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in texts]
    for text, box in boxes:
        assert box.x0 >= 0 and box.y0 >= 0, text
        assert box.x1 <= fig.bbox.width and box.y1 <= fig.bbox.height, text
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        assert not box_a.overlaps(box_b), (a, b)
    return boxes


# A chart's source line as the build writes it (charts.plan_source) for another province's plan.
SOURCE = {
    "vi": "Nguồn: Kế hoạch 58/KH-UBND ngày 5/5/2026 của Ủy ban nhân dân tỉnh Ninh Bình",
    "en": "Source: Plan 58/KH-UBND of 5 May 2026 by the Ninh Bình Provincial People's Committee",
}
