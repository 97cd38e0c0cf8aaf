"""The examples in the library's docstrings run, and give what they show (``make test`` runs them)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import plan132lib


def _modules_with_examples() -> list[str]:
    names = [m.name for m in pkgutil.walk_packages(plan132lib.__path__, "plan132lib.")]
    return sorted(
        n
        for n in ["plan132lib", *names]
        if ">>> " in (importlib.util.find_spec(n).loader.get_source(n) or "")
    )  # type: ignore[union-attr]


MODULES = _modules_with_examples()


def test_the_library_shows_examples() -> None:
    finder = doctest.DocTestFinder()
    examples = sum(len(t.examples) for n in MODULES for t in finder.find(importlib.import_module(n)))
    assert len(MODULES) >= 10 and examples >= 20, (MODULES, examples)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(
        module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False, report=True
    )
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples in {name} fail (shown above)"
