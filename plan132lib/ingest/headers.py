"""The task table's headers, read by their meaning.

Plans name the same column many ways ("TT", "STT", "S T T"; "Cơ quan chủ trì",
"Đơn vị chủ trì", "Đơn vị thực hiện", "Chủ trì"; "Tiến độ", "Thời gian hoàn
thành", "Thời hạn"; …). :func:`column_of` maps a header text to the column it
fills, or None for a column nobody planned for (a contact person, a phone
number, a status), which the interpreter keeps in a side table.

Header texts are compared under :func:`~plan132lib.ingest.names.name_key` with
spaces removed, so that words wrapped in a narrow PDF column ("S T T",
"G hi ch ú") still match.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .names import name_key

#: The columns of a task table, in the order a plan usually has them.
COLUMNS = ("tt", "sub", "content", "lead", "coordinate", "timeline", "duration", "product", "note")

#: Header texts that are the whole header of a column (compared without spaces).
_EXACT = {
    "tt": ("TT", "STT", "Số TT", "Số thứ tự", "Thứ tự"),
    "sub": ("Chi tiết", "Mục", "Tiểu mục", "Ký hiệu"),
    "lead": (
        "Chủ trì",
        "Đơn vị thực hiện",
        "Cơ quan thực hiện",
        "Cơ quan, đơn vị thực hiện",
        "Đơn vị chủ trì thực hiện",
        "Cơ quan chủ trì thực hiện",
        "Thực hiện",
    ),
    "coordinate": ("Phối hợp",),
    "duration": ("Số ngày dự kiến", "Số ngày thực hiện", "Số ngày"),
    "note": ("Ghi chú",),
}
#: Words that, found in a header, decide its column; tried in this order.
_CONTAINS = (
    ("note", ("Ghi chú",)),
    ("coordinate", ("phối hợp",)),
    ("lead", ("chủ trì", "chịu trách nhiệm")),
    ("duration", ("số ngày",)),
    ("timeline", ("tiến độ", "thời gian", "thời hạn", "hoàn thành", "mốc thời", "lộ trình")),
    ("product", ("sản phẩm", "kết quả")),
    (None, ("kinh phí", "liên hệ")),  # funding, a contact: no column of ours, though "nhiệm vụ" follows
    ("lead", ("đầu mối",)),
    ("content", ("nội dung", "nhiệm vụ", "công việc", "tên đề án", "giải pháp")),
)
#: Words of a header an office adds to follow the work (its state, who follows it, how to reach
#: them): such a column is none of :data:`COLUMNS`, whatever other words it holds ("Tình hình
#: thực hiện – Đã hoàn thành" is no deadline).
_FOLLOW_UP = (
    "tình hình",
    "đã hoàn thành",
    "chưa hoàn thành",
    "đang thực hiện",
    "đang triển khai",
    "theo dõi",
    "điện thoại",
)
_BRACKETED = re.compile(r"\([^)]*\)")


def _key(text: str) -> str:
    return name_key(text).replace(" ", "")


_EXACT_KEYS = {_key(text): column for column, texts in _EXACT.items() for text in texts}
_CONTAINS_KEYS = tuple((column, tuple(_key(w) for w in words)) for column, words in _CONTAINS)
_FOLLOW_UP_KEYS = tuple(_key(w) for w in _FOLLOW_UP)


def _bare(key: str) -> str:
    """A key without its tone and vowel marks (:func:`~.names.name_key` writes a tone as a digit:
    "chi3tiêt1" → "chitiet")."""
    plain = "".join(ch for ch in unicodedata.normalize("NFD", key) if not unicodedata.combining(ch))
    return re.sub(r"\d", "", plain.replace("đ", "d"))


_BARE_EXACT = {_bare(k): column for k, column in _EXACT_KEYS.items()}
_BARE_CONTAINS = tuple((column, tuple(_bare(w) for w in words)) for column, words in _CONTAINS_KEYS)
_BARE_FOLLOW_UP = tuple(_bare(w) for w in _FOLLOW_UP_KEYS)


@lru_cache(maxsize=4096)
def column_of(header: str, loose: bool = False) -> str | None:
    """The column a header text names, or None when it names none of :data:`COLUMNS`.

    ``loose``: a header read by OCR, whose marks may be misread ("Chỉ tiết" for "Chi tiết"), is
    matched without its marks where it matches nothing with them.

    >>> column_of("S T T"), column_of("Đơn vị chủ trì"), column_of("Thời gian hoàn thành")
    ('tt', 'lead', 'timeline')
    >>> column_of("Số điện thoại") is None, column_of("Chỉ tiết"), column_of("Chỉ tiết", loose=True)
    (True, None, 'sub')
    """
    text = _BRACKETED.sub("", header).replace("\n", " ").strip()
    key = _key(text)
    if not key:
        return None
    found = _column(key, _EXACT_KEYS, _FOLLOW_UP_KEYS, _CONTAINS_KEYS)
    if found is None and loose:
        found = _column(_bare(key), _BARE_EXACT, _BARE_FOLLOW_UP, _BARE_CONTAINS)
    return found


def _column(
    key: str,
    exact: dict[str, str],
    follow_up: tuple[str, ...],
    contains: tuple[tuple[str | None, tuple[str, ...]], ...],
) -> str | None:
    if key in exact:
        return exact[key]
    if any(w in key for w in follow_up):
        return None
    for column, words in contains:
        if any(w in key for w in words):
            return column
    return None


def is_column_numbers(texts: list[str], loose: bool = False) -> bool:
    """A row of column numbers under the header: "(1) (2) (3) …" or "1 2 3 …".

    ``loose``: a row read by OCR, which misreads a few of them ("q)" for "(1)", "()" for "(5)"), is
    one when at least two thirds of its cells are."""
    if any(len(t) > 12 for t in texts):  # cheap test first: a task's row holds longer text
        return False
    filled = [t.strip() for t in texts if t.strip()]
    if len(filled) < 3:
        return False
    numbered = [bool(re.fullmatch(r"\(\d{1,2}\)(?:\s*=.*)?", t)) for t in filled]
    if all(numbered) or (loose and len(filled) >= 4 and sum(numbered) >= 2 * len(filled) / 3):
        return True
    return filled == [str(i) for i in range(1, len(filled) + 1)]
