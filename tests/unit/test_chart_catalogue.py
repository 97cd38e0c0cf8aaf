"""The chart catalogue: each chart registered once, and every output takes its charts from it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from plan132lib.charts import catalogue

PACKAGE = Path(catalogue.__file__).resolve().parents[1]


def test_outputs_show_registered_charts_in_the_catalogues_order(plan) -> None:
    pack = catalogue.names("pack", review=object(), progress=object())  # type: ignore[arg-type]
    assert pack == tuple(catalogue.CHARTS)
    for output in catalogue.OUTPUTS:
        shown = catalogue.names(output, review=object(), progress=object())  # type: ignore[arg-type]
        assert set(shown) <= set(pack) and list(shown) == [n for n in pack if n in shown]
    without = catalogue.names("pack", None)
    assert "coverage_by_group" not in without and "lead_coordinate_bars" in without
    assert "status_by_agency" not in without  # the agencies' returns: only with plan132 build --progress
    assert {"status_by_agency", "overdue_by_group"} <= set(catalogue.names("slides", None, object()))  # type: ignore[arg-type]
    assert "status_by_agency" not in catalogue.names("brief", None, object())  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="output"):
        catalogue.names("poster")


def test_each_chart_is_drawn_with_its_alt_text(plan) -> None:
    figures = catalogue.draw(plan, "vi", None, size="page", output="brief")
    assert list(figures) == list(catalogue.names("brief", None))
    for name, figure in figures.items():
        assert str(getattr(figure, "alt", "")).strip(), name


def test_no_output_lists_charts_of_its_own() -> None:
    """The chart names appear as data only in the catalogue (a renderer keys its sentences by them)."""
    names = "|".join(map(re.escape, catalogue.CHARTS))
    listed = re.compile(rf"\(\s*\"(?:{names})\"\s*,\s*\"(?:{names})\"")  # a tuple of chart names
    offenders = [
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*.py")
        if p.name != "catalogue.py" and listed.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []
