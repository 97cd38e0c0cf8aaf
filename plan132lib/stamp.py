"""When and by what a pack was prepared: the date shown as "Ngày lập" and the fixed metadata dates.

A pack is prepared on a day that is not the plan's date. The day is taken from the
environment variable ``SOURCE_DATE_EPOCH`` (seconds since 1970, UTC; the
reproducible-builds convention) when it is set, else from today's date (UTC). Every
file that records a creation time (XLSX, PDF, DOCX, PPTX) records midnight UTC of
that day, so the same input on the same day, or with the same
``SOURCE_DATE_EPOCH``, gives byte-identical files.

>>> created().tzinfo
datetime.timezone.utc
"""

from __future__ import annotations

import datetime
import importlib.metadata
import os

from .errors import DataFileError

VERSION = importlib.metadata.version("plan132")  # the one home of the version: pyproject.toml
_ENV = "SOURCE_DATE_EPOCH"


def prepared_on() -> datetime.date:
    """The day the pack is prepared: ``SOURCE_DATE_EPOCH`` (UTC) if set, else today (UTC)."""
    raw = os.environ.get(_ENV, "").strip()
    if not raw:
        return datetime.datetime.now(datetime.UTC).date()
    try:
        return datetime.datetime.fromtimestamp(int(raw), datetime.UTC).date()
    except (ValueError, OverflowError, OSError):
        raise DataFileError(_ENV, None, f"must be whole seconds since 1970-01-01 UTC, not {raw!r}") from None


def created() -> datetime.datetime:
    """Midnight UTC of :func:`prepared_on`, as an aware datetime: the metadata date of every file."""
    day = prepared_on()
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)
