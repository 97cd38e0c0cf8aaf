"""What notebook 06 shows: one agency or one task group at a time, picked with widgets or shown as is.

The profiles come from :mod:`plan132lib.analysis.explore`; this module lays them out for a reader
(Vietnamese by default, ``lang="en"``) as HTML: a heading, a sentence, the tables through
:func:`.notebook_view.table_html` (readable headers, full text, left-aligned) and a small chart of
the tasks under way per year, embedded as a PNG.

:func:`explorer` gives the interactive view for JupyterLab (``make lab``): pick an agency or a task
group, choose how the collective entries count (kept as written, left out, or replaced by their
members) and whether the commune-level bodies ("UBND các xã, phường") count. Displayed, it carries
two representations: the widget, which a live JupyterLab shows, and a static HTML fallback (the
agency that leads the most tasks and the first task group, as the plan writes them), which the
executed copy and its HTML page show, since no widget front end runs there.
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Callable
from typing import Any

import matplotlib as mpl
from matplotlib.figure import Figure

from ..analysis import workload
from ..analysis.explore import (
    AgencyProfile,
    GroupProfile,
    agency_choices,
    agency_profile,
    group_choices,
    group_profile,
)
from ..analysis.workload import COLLECTIVE_OPTIONS, Collectives
from ..charts.frame import COLORS, STYLE
from ..ingest.tables import Plan, section_name
from ..words import check_lang, value, word
from .notebook_view import table_html

__all__ = ["Explorer", "agency_html", "explorer", "group_html", "static_html", "timeline_figure"]

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def _period(period: str, lang: str) -> str:
    """A period code ("2026", "sau 2030") in the reader's language."""
    year = workload.after_year(period)
    return word("chart.after", lang, year=year) if year is not None else period


def _name(agency: dict[str, object], lang: str) -> str:
    vi = str(agency.get("name") or agency.get("agency_name") or agency["agency_id"])
    return vi if lang == "vi" else str(agency.get("name_en") or vi)


def timeline_figure(profile: AgencyProfile, lang: str = "vi") -> Figure:
    """Tasks the agency has under way per year, led and coordinated stacked (a small bar chart)."""
    check_lang(lang)
    t = profile.timeline
    labels = [_period(p, lang) for p in t["period"]]
    with mpl.rc_context(STYLE):
        fig = Figure(figsize=(6.4, 2.3), dpi=100)
        ax = fig.add_subplot()
        ax.bar(labels, t["n_active_lead"], color=COLORS["lead"], label=value("role", "lead", lang))
        ax.bar(
            labels,
            t["n_active_coordinate"],
            bottom=t["n_active_lead"],
            color=COLORS["coordinate"],
            label=value("role", "coordinate", lang),
        )
        ax.set_ylabel(word("chart.n_tasks", lang))
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.spines[["top", "right"]].set_visible(False)
        ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        fig.subplots_adjust(left=0.1, right=0.76, bottom=0.14, top=0.95)
    return fig


def _figure_html(fig: Figure, alt: str) -> str:
    """A figure as an ``<img>`` with the PNG inline (fixed metadata: the same bytes every run)."""
    buffer = io.BytesIO()
    with mpl.rc_context(STYLE):
        fig.savefig(buffer, format="png", metadata={"Software": None})
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt)}" style="max-width:100%">'


def _h(level: int, text: str) -> str:
    return f"<h{level}>{html.escape(text)}</h{level}>"


def _p(text: str) -> str:
    return f"<p>{html.escape(text)}</p>"


def agency_html(profile: AgencyProfile, lang: str = "vi") -> str:
    """One agency as HTML: its name, a sentence, its tasks, its duties (in the plan's duties
    section, named by the plan's own number: "Mục II"), partners and timeline."""
    check_lang(lang)
    a = profile.agency
    name = _name(a, lang)
    section = section_name(profile.section, lang)
    name_column = "agency_name" if lang == "vi" else "name_en"
    parts = [
        _h(3, name),
        _p(
            word(
                "explore.agency_summary",
                lang,
                name=name,
                n_lead=a["n_lead"],
                n_coordinate=a["n_coordinate"],
                n_duties=len(profile.duties),
                n_partners=len(profile.partners),
                section=section,
            )
        ),
        _h(4, word("explore.tasks", lang)),
        table_html(profile.tasks, lang, table="tables/assignments")
        if len(profile.tasks)
        else _p(word("explore.no_tasks", lang)),
        _h(4, word("explore.duties", lang, section=section)),
        table_html(profile.duties, lang, table="tables/duties")
        if len(profile.duties)
        else _p(word("explore.no_duties", lang, section=section)),
        _h(4, word("explore.partners", lang)),
        table_html(
            profile.partners[
                [name_column, "weight", "lead_lead", "lead_coordinate", "coordinate_coordinate", "tasks"]
            ],
            lang,
        )
        if len(profile.partners)
        else _p(word("explore.no_partners", lang)),
        _h(4, word("explore.timeline", lang)),
    ]
    if profile.timeline["n_active"].sum() > 0:
        alt = f"{word('explore.timeline', lang)}: {name}"
        parts.append(_figure_html(timeline_figure(profile, lang), alt))
        periods = profile.timeline.assign(period=[_period(p, lang) for p in profile.timeline["period"]])
        parts.append(table_html(periods, lang, table="tables/workload_active_by_year"))
    else:
        parts.append(_p(word("explore.no_timeline", lang)))
    return "\n".join(parts)


def group_html(profile: GroupProfile, lang: str = "vi") -> str:
    """One task group as HTML: its title, a sentence, its tasks and the agencies named in it."""
    check_lang(lang)
    g = profile.group
    name_column = "agency_name" if lang == "vi" else "name_en"
    return "\n".join(
        [
            _h(3, f"{g['group_label'] or g['group_id']}. {g['group_title']}"),
            _p(word("explore.group_summary", lang, n_tasks=g["n_tasks"], n_agencies=len(profile.agencies))),
            _h(4, word("explore.group_tasks", lang)),
            table_html(profile.tasks, lang, table="tables/tasks"),
            _h(4, word("explore.group_agencies", lang)),
            table_html(profile.agencies[[name_column, "n_lead", "n_coordinate"]], lang),
        ]
    )


def static_html(plan: Plan, lang: str = "vi") -> str:
    """The fallback without widgets: the agency leading the most tasks and the first task group,
    collective entries and commune-level bodies kept as the plan writes them."""
    check_lang(lang)
    agencies, groups = agency_choices(plan, "keep", lang), group_choices(plan, lang)
    parts = [_p(word("explore.static", lang, agency=agencies[0][0] if agencies else word("nb.none", lang)))]
    if agencies:
        parts += [
            _h(2, word("explore.by_agency", lang)),
            agency_html(agency_profile(plan, agencies[0][1]), lang),
        ]
    if groups:
        parts += [_h(2, word("explore.by_group", lang)), group_html(group_profile(plan, groups[0][1]), lang)]
    return "\n".join(parts)


class Explorer:
    """The widget and its static fallback, displayed as one output (see the module's docstring)."""

    def __init__(self, widget: Any, fallback: Callable[[], str], plain: str) -> None:
        self.widget, self._fallback, self.plain = widget, fallback, plain

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        bundle = self.widget._repr_mimebundle_() or {}
        data: dict[str, Any] = {"text/plain": self.plain, "text/html": self._fallback()}
        if WIDGET_VIEW in bundle:
            data[WIDGET_VIEW] = bundle[WIDGET_VIEW]
        return data


def explorer(plan: Plan, lang: str = "vi") -> Explorer:
    """The interactive view of ``plan`` (two tabs: by agency, by task group) with its fallback."""
    import ipywidgets as w  # only where the widgets are shown

    check_lang(lang)
    wide = {"layout": w.Layout(width="95%"), "style": {"description_width": "initial"}}
    collectives = w.ToggleButtons(
        options=[(value("collectives", o, lang), o) for o in COLLECTIVE_OPTIONS],
        value="keep",
        description=word("explore.pick_collectives", lang),
        style={"description_width": "initial", "button_width": "auto"},
    )
    communes = w.Checkbox(value=True, description=word("explore.pick_communes", lang), indent=False)
    agency = w.Dropdown(
        options=agency_choices(plan, "keep", lang), description=word("explore.pick_agency", lang), **wide
    )
    group = w.Dropdown(
        options=group_choices(plan, lang), description=word("explore.pick_group", lang), **wide
    )
    agency_out, group_out = w.HTML(), w.HTML()

    def how() -> tuple[Collectives, bool]:
        return collectives.value, bool(communes.value)

    def show_agency(*_: object) -> None:
        option, with_communes = how()
        agency_out.value = (
            ""
            if agency.value is None
            else agency_html(agency_profile(plan, agency.value, option, with_communes), lang)
        )

    def show_group(*_: object) -> None:
        option, with_communes = how()
        group_out.value = (
            ""
            if group.value is None
            else group_html(group_profile(plan, group.value, option, with_communes), lang)
        )

    def counting_changed(*_: object) -> None:
        option, with_communes = how()
        choices, current = agency_choices(plan, option, lang, with_communes), agency.value
        ids = [a for _, a in choices]
        with agency.hold_trait_notifications():
            agency.options = choices
            agency.value = current if current in ids else (ids[0] if ids else None)
        show_agency()
        show_group()

    agency.observe(show_agency, names="value")
    group.observe(show_group, names="value")
    collectives.observe(counting_changed, names="value")
    communes.observe(counting_changed, names="value")
    show_agency()
    show_group()
    tabs = w.Tab(
        children=[w.VBox([agency, agency_out]), w.VBox([group, group_out])],
        titles=[word("explore.by_agency", lang), word("explore.by_group", lang)],
    )
    widget = w.VBox([w.HBox([collectives, communes]), tabs])
    plain = word("explore.static", lang, agency=agency.label or word("nb.none", lang))
    return Explorer(widget, lambda: static_html(plan, lang), plain)
