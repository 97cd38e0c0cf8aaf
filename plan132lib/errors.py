"""The library's exception types: a file it cannot read, named with its line."""

from __future__ import annotations

from pathlib import Path


class DataFileError(ValueError):
    """A file that cannot be read into tables.

    The message always names the file and, where one is to blame, the place
    (a line number, or a place such as "page 3, row 4" or "Phụ lục!B7"),
    followed by what was expected there. The message is English; ``problem``
    may be a :class:`plan132lib.words.Problem` (an English text that knows its
    row of ``words.csv``), which ``plan132lib.words.say_error`` says in Vietnamese
    ("không đọc được kh.pdf, trang 3, dòng 4: …"), as the ``plan132`` command does.
    """

    def __init__(self, path: str | Path, line: int | str | None, problem: str) -> None:
        self.path = str(path)
        self.line = line
        self.problem = problem
        if line is None:
            where = self.path
        elif isinstance(line, int):
            where = f"{self.path}, line {line}"
        else:  # a place in a Word, PDF or Excel file: "page 3, row 4", "Phụ lục!B7"
            where = f"{self.path}, {line}"
        super().__init__(f"{where}: {problem}")


class PlanParseError(DataFileError):
    """A plan file that cannot be read into tables."""


class ReferenceDataError(DataFileError):
    """A reference table (resolution catalogue, crosswalk) with a malformed row.

    ``line`` is the line of the CSV file (the header is line 1).
    """
