"""Analyses computed once per plan (plan132lib.analysis.memo): the same frames as computed afresh,
a copy each time, and never a result of another plan's tables."""

from __future__ import annotations

import copy
import dataclasses

import pandas as pd

from plan132lib.analysis import network, workload


def test_a_remembered_table_is_the_one_computed_afresh(plan):
    fresh = workload.agency_workload.__wrapped__(plan, "expand")
    pd.testing.assert_frame_equal(workload.agency_workload(plan, "expand"), fresh)
    pd.testing.assert_frame_equal(workload.agency_workload(plan, collectives="expand"), fresh)
    measures = network.agency_measures.__wrapped__(plan)
    pd.testing.assert_frame_equal(network.agency_measures(plan), measures)


def test_each_call_gets_its_own_copy(plan):
    first = workload.agency_workload(plan)
    first.loc[:, "n_lead"] = -1
    first["extra"] = 1
    again = workload.agency_workload(plan)
    assert len(again) > 0 and (again["n_lead"] >= 0).all() and "extra" not in again
    members = workload.collective_members(plan)
    members.clear()
    assert workload.collective_members(plan) == workload.collective_members.__wrapped__(plan)


def test_a_plan_with_other_tables_is_computed_again(plan):
    before = workload.agency_workload(plan)
    first_task = plan.tasks["task_id"].iloc[0]
    fewer = plan.assignments[plan.assignments["task_id"] != first_task].reset_index(drop=True)
    other = dataclasses.replace(plan, assignments=fewer)
    after = workload.agency_workload(other)
    pd.testing.assert_frame_equal(after, workload.agency_workload.__wrapped__(other))
    assert after["n_tasks"].sum() < before["n_tasks"].sum()
    # a shallow copy shares the memo; replacing a table on it is still seen
    shallow = copy.copy(plan)
    shallow.assignments = fewer
    pd.testing.assert_frame_equal(workload.agency_workload(shallow), after)
    pd.testing.assert_frame_equal(workload.agency_workload(plan), before)
