"""Analyses computed once per plan.

A build asks for the same analysis of one plan many times (the workload table under each
collectives option for the tables, the charts, the briefs in two languages, the workbooks, the
findings; the network measures likewise). :func:`per_plan` keeps each result with the plan
(:meth:`plan132lib.ingest.tables.Plan.remembered`) and hands out a copy each time, so a caller
may change what it gets without changing what the next caller gets. A plan whose tables have been
replaced (another :class:`~plan132lib.ingest.tables.Plan`, ``dataclasses.replace``) is computed
afresh; the result is the same frame, value for value, as without the memo.
"""

from __future__ import annotations

import copy
import functools
import inspect
from collections.abc import Callable
from typing import Any, TypeVar

import pandas as pd

F = TypeVar("F", bound=Callable[..., Any])


def _copied(value: Any) -> Any:
    if isinstance(value, pd.DataFrame | pd.Series):
        return value.copy(deep=True)
    return copy.deepcopy(value)


def per_plan(function: F) -> F:
    """``function(plan, …)`` computed once per plan and arguments (defaults filled in); each call
    returns a copy of the result. Arguments that cannot be a key (a list) are computed as asked."""
    signature = inspect.signature(function)

    @functools.wraps(function)
    def remembered(plan: Any, *args: Any, **kwargs: Any) -> Any:
        remember = getattr(plan, "remembered", None)
        if remember is None:  # not a Plan (a stand-in of a test)
            return function(plan, *args, **kwargs)
        bound = signature.bind(plan, *args, **kwargs)
        bound.apply_defaults()
        key = (function.__module__, function.__qualname__, *list(bound.arguments.items())[1:])
        try:
            hash(key)
        except TypeError:
            return function(plan, *args, **kwargs)
        return _copied(remember(key, lambda: function(plan, *args, **kwargs)))

    return remembered  # type: ignore[return-value]
