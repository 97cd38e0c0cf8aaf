"""Notebook 06's profiles (analysis.explore): one agency's tasks, duties, partners and timeline, one task
group's tasks and agencies, counted from the plan's own rows; and how they are shown (render.explore_view)."""

from __future__ import annotations

import re

import pytest

from plan132lib.analysis import explore, workload
from plan132lib.render import explore_view

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def tasks_of(plan, agency_id: str, role: str | None = None) -> set[str]:
    a = plan.assignments[plan.assignments["agency_id"] == agency_id]
    return set(a["task_id"] if role is None else a.loc[a["role"] == role, "task_id"])


def test_agencies_to_pick_heaviest_lead_first(plan):
    choices = explore.agency_choices(plan)
    ids = [a for _, a in choices]
    assert len(ids) == len(set(ids))
    led = {a: len(tasks_of(plan, a, "lead")) for a in ids}
    assert led[ids[0]] == max(led.values())
    named = plan.agencies.set_index("agency_id")
    assert set(ids) == set(plan.assignments["agency_id"]) | set(plan.duty_agencies["agency_id"])
    dropped = [a for _, a in explore.agency_choices(plan, "drop")]
    assert dropped and not any(named.at[a, "is_collective"] for a in dropped)
    assert "cac-so-ban-nganh" in ids and "cac-so-ban-nganh" not in dropped
    no_communes = [a for _, a in explore.agency_choices(plan, communes=False)]
    assert "ubnd-xa-phuong" in ids and "ubnd-xa-phuong" not in no_communes
    english = dict((a, name) for name, a in explore.agency_choices(plan, lang="en"))
    assert english["so-nnmt"] == "Department of Agriculture and Environment"


def test_an_agency_profile_is_its_rows_of_the_plan(plan):
    p = explore.agency_profile(plan, "so-nnmt")
    assert p.agency["name"] == "Sở Nông nghiệp và Môi trường"
    assert set(p.tasks["task_id"]) == tasks_of(plan, "so-nnmt")
    assert p.agency["n_lead"] == len(tasks_of(plan, "so-nnmt", "lead"))
    assert p.agency["n_coordinate"] == len(tasks_of(plan, "so-nnmt", "coordinate"))
    roles = list(p.tasks["role"])  # the tasks it leads first, each part in plan order
    assert roles == sorted(roles, key=lambda r: r != "lead") and roles[0] == "lead"
    order = list(plan.tasks["task_id"])
    for role in ("lead", "coordinate"):
        ids = list(p.tasks.loc[p.tasks["role"] == role, "task_id"])
        assert ids == sorted(ids, key=order.index)
    # the full text of each task, as published
    content = plan.tasks.set_index("task_id")["content"]
    assert all(row.content == content[row.task_id] for row in p.tasks.itertuples())
    assert p.tasks["content"].str.len().max() > 80
    items = set(plan.duty_agencies.loc[plan.duty_agencies["agency_id"] == "so-nnmt", "item"])
    assert items and set(p.duties["item"]) == items
    assert len(p.duties) == plan.duties["item"].isin(items).sum()


def test_partners_count_the_tasks_shared(plan):
    p = explore.agency_profile(plan, "so-nnmt")
    mine = tasks_of(plan, "so-nnmt")
    for row in p.partners.itertuples():
        shared = mine & tasks_of(plan, row.agency_id)
        assert row.weight == len(shared), row.agency_id
        assert set(row.tasks.split(", ")) == shared
        assert row.lead_lead + row.lead_coordinate + row.coordinate_coordinate == row.weight
    assert list(p.partners["weight"]) == sorted(p.partners["weight"], reverse=True)
    every_other = set(plan.assignments.loc[plan.assignments["task_id"].isin(mine), "agency_id"]) - {"so-nnmt"}
    assert set(p.partners["agency_id"]) == every_other


def test_the_collective_toggle_and_the_communes(plan):
    keep = explore.agency_profile(plan, "so-nnmt", "keep")
    drop = explore.agency_profile(plan, "so-nnmt", "drop")
    expand = explore.agency_profile(plan, "so-nnmt", "expand")
    collectives = set(plan.agencies.loc[plan.agencies["is_collective"], "agency_id"])
    assert collectives & set(keep.partners["agency_id"])
    assert not collectives & set(drop.partners["agency_id"])
    assert set(drop.partners["agency_id"]) < set(keep.partners["agency_id"])
    assert len(expand.partners) > len(drop.partners)  # the members of "Các sở, ban, ngành" come in
    no_communes = explore.agency_profile(plan, "so-nnmt", communes=False)
    assert "ubnd-xa-phuong" in set(keep.partners["agency_id"]) - set(no_communes.partners["agency_id"])
    with pytest.raises(KeyError, match="cac-so-ban-nganh"):
        explore.agency_profile(plan, "cac-so-ban-nganh", "drop")
    with pytest.raises(KeyError, match="ubnd-xa-phuong"):
        explore.agency_profile(plan, "ubnd-xa-phuong", communes=False)
    with pytest.raises(KeyError, match="no-such-agency"):
        explore.agency_profile(plan, "no-such-agency")


def test_the_timeline_has_every_year(plan):
    p = explore.agency_profile(plan, "so-nnmt")
    t = p.timeline
    assert list(t["period"]) == workload.period_labels(plan) == [*map(str, range(2026, 2031)), "sau 2030"]
    assert (t["n_active"] == t["n_active_lead"] + t["n_active_coordinate"]).all()
    assert t["n_active"].max() <= len(p.tasks)
    open_ended = plan.tasks[plan.tasks["task_id"].isin(tasks_of(plan, "so-nnmt")) & plan.tasks["open_ended"]]
    assert t.set_index("period").at["sau 2030", "n_active"] >= len(open_ended) > 0


def test_a_group_profile(plan):
    groups = explore.group_choices(plan)
    first = plan.groups.sort_values("group_id").iloc[0]
    assert groups[0] == (f"{first.group_id}. {first.group_title} ({first.n_tasks} nhiệm vụ)", first.group_id)
    assert explore.group_choices(plan, "en")[0][0].endswith(f"({first.n_tasks} tasks)")
    g = explore.group_profile(plan, int(first.group_id))
    in_group = plan.tasks.loc[plan.tasks["group_id"] == first.group_id, "task_id"]
    assert list(g.tasks["task_id"]) == list(in_group)
    assert g.group["n_tasks"] == first.n_tasks
    named = set(plan.assignments.loc[plan.assignments["task_id"].isin(g.tasks["task_id"]), "agency_id"])
    assert set(g.agencies["agency_id"]) == named
    assert list(g.agencies["n_lead"]) == sorted(g.agencies["n_lead"], reverse=True)
    assert "ubnd-xa-phuong" not in set(
        explore.group_profile(plan, int(first.group_id), communes=False).agencies["agency_id"]
    )
    with pytest.raises(KeyError, match="no task group 99"):
        explore.group_profile(plan, 99)


# -- how they are shown -------------------------------------------------------------------------------


def test_an_agency_is_shown_in_words_with_its_full_task_text(plan):
    p = explore.agency_profile(plan, "so-nnmt")
    page = explore_view.agency_html(p, "vi")
    assert "<h3>Sở Nông nghiệp và Môi trường</h3>" in page
    assert "Sở Nông nghiệp và Môi trường chủ trì" in page
    assert "Nội dung thực hiện" in page and "Chủ trì" in page and "Phối hợp" in page  # headers, roles
    longest = max(p.tasks["content"], key=len)
    assert len(longest) > 80 and longest.replace("&", "&amp;").replace('"', "&quot;") in page
    assert "text-align: left" in page
    assert "data:image/png;base64," in page
    assert "lead_raw" not in page and "coordinate" not in page.replace("coordinate_coordinate", "")
    assert page == explore_view.agency_html(p, "vi")  # the same bytes run after run
    english = explore_view.agency_html(p, "en")
    assert "<h3>Department of Agriculture and Environment</h3>" in english and "Lead" in english
    assert "chủ trì" not in english


def test_the_static_fallback_and_the_widget(plan):
    top_name, top = explore.agency_choices(plan)[0]
    shown = explore_view.explorer(plan, "vi")
    bundle = shown._repr_mimebundle_()
    assert WIDGET_VIEW in bundle
    assert bundle["text/html"] == explore_view.static_html(plan, "vi")
    assert top_name in bundle["text/plain"] and "make lab" in bundle["text/plain"]
    assert f"<h3>{top_name}</h3>" in bundle["text/html"]
    assert not re.search(r"<script|Dropdown\(", bundle["text/html"])
    toggle, communes = shown.widget.children[0].children
    agency = shown.widget.children[1].children[0].children[0]
    assert agency.value == top and "cac-so-ban-nganh" in [a for _, a in agency.options]
    toggle.value = "drop"
    assert "cac-so-ban-nganh" not in [a for _, a in agency.options]
    communes.value = False
    assert "ubnd-xa-phuong" not in [a for _, a in agency.options]
    agency.value = "so-nnmt"
    assert "<h3>Sở Nông nghiệp và Môi trường</h3>" in shown.widget.children[1].children[0].children[1].value
