"""The library's one exception type for plans it cannot read."""

from __future__ import annotations

from pathlib import Path


class PlanParseError(ValueError):
    """A plan file that cannot be read into tables.

    The message always names the file and, where one is to blame, the line,
    followed by what the parser expected to find there.
    """

    def __init__(self, path: str | Path, line: int | None, problem: str) -> None:
        self.path = str(path)
        self.line = line
        self.problem = problem
        where = f"{self.path}, line {line}" if line is not None else self.path
        super().__init__(f"{where}: {problem}")
