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
