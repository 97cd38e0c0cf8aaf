"""The documents a plan says it implements: read from its title and its "Căn cứ …" / "Thực hiện …"
lines, whatever their kind (Nghị quyết, Chỉ thị, Kế hoạch, Quyết định, Chương trình, Kết luận, …).

>>> [c.text for c in cited("Thực hiện Chỉ thị số 11-CT/TU ngày 5/3/2026 của Tỉnh ủy; căn cứ Luật Đất đai")]
['Chỉ thị số 11-CT/TU ngày 5/3/2026 của Tỉnh ủy']
>>> [c.number for c in cited("Thực hiện Nghị quyết số 67/NQ-CP; xét đề nghị của Sở Y tế tại Công văn số 20")]
['67/NQ-CP']

A document is cited by its number; a law cited without one ("Luật Đất đai") names no document a
catalogue could hold, and is left out, as is the letter that proposed the plan ("xét đề nghị của Sở …
tại Công văn số …").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["DOCUMENT_NUMBER", "IMPLEMENTING_LEAD", "Cited", "cited", "number_key"]

_KINDS = (
    r"Nghị quyết liên tịch|Nghị quyết|Chỉ thị|Quyết định|Kế hoạch hành động|Kế hoạch"
    r"|Chương trình hành động|Chương trình|Kết luận|Nghị định|Thông tư|Luật|Công điện|Công văn|Văn bản"
    r"|Hướng dẫn|Đề án"
)
#: "Nghị quyết số 247/2025/QH15 ngày 10/12/2025 của Quốc hội": kind, number, date and issuer.
_CITED = re.compile(
    rf"(?P<kind>{_KINDS})(?:\s+số)?\s+(?P<number>\d+[/-][0-9A-Za-zĐđ/-]*[0-9A-Za-zĐđ])"
    r"(?:\s+ngày\s+(?P<date>\d{1,2}/\d{1,2}/\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}))?"
    r"(?:\s+của\s+(?P<issuer>[^,;.]+?))?"
    r"(?=\s+(?:và|về|ban hành|thực hiện|phê duyệt|trên địa bàn|tại)\s|\s*[,;.:(]|\s*$)",
    re.IGNORECASE,
)
#: A document's number standing alone, as a list or a catalogue cell writes it ("NQ 247/2025/QH15",
#: "67/NQ-CP", "Chỉ thị 11-CT/TU"): digits, a year perhaps, then letters; never a date ("19/11/2025").
DOCUMENT_NUMBER = re.compile(
    r"(?<![\w/-])\d+[/-](?:\d{4}/)?[A-ZĐ][A-Za-zĐđ0-9]*(?:[/-][A-ZĐ][A-Za-zĐđ0-9]*)*"
)
#: Where a preamble line turns to who proposed the plan: what follows is no document it implements.
_PROPOSED = re.compile(r"\b(?:xét|theo|trên cơ sở)\s+đề nghị\b", re.I)
#: The lines of a plan's preamble that name what it implements or rests on.
IMPLEMENTING_LEAD = re.compile(r"^\s*(?:Căn cứ|Thực hiện|Triển khai|Để triển khai|Nhằm triển khai)\b", re.I)


@dataclass(frozen=True)
class Cited:
    """A document cited: its kind as written, its number, and the text that cites it."""

    kind: str
    number: str
    text: str


def number_key(number: str) -> str:
    """A document number compared as one: "67/nq-cp" and "67/NQ-CP" alike."""
    return unicodedata.normalize("NFC", number).casefold().replace("đ", "d")


def cited(text: str) -> list[Cited]:
    """The documents ``text`` cites by number, in order, each once."""
    out: dict[str, Cited] = {}
    text = _PROPOSED.split(" ".join(unicodedata.normalize("NFC", text).split()), maxsplit=1)[0]
    for m in _CITED.finditer(text):
        kind = m.group("kind")
        kind = kind.capitalize() if kind.isupper() else kind[0].upper() + kind[1:]  # "NGHỊ QUYẾT" too
        phrase = f"{kind} số {m.group('number')}"
        if m.group("date"):
            phrase += f" ngày {m.group('date')}"
        if m.group("issuer"):
            phrase += f" của {m.group('issuer').strip()}"
        out.setdefault(number_key(m.group("number")), Cited(kind, m.group("number"), phrase))
    return list(out.values())
