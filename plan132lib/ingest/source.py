"""Read a plan file into numbered, normalised lines.

This is the first step of the data flow: bytes on disk become a list of
:class:`SourceLine` with the original line number kept, the text normalised to
Unicode NFC, inline HTML tags resolved and Markdown emphasis removed. Nothing
is dropped here: blank lines stay (as empty text) so that later steps can see
page breaks, and ``raw`` keeps each line exactly as read.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..errors import PlanParseError
from ..words import Problem

_SUBSUP = re.compile(r"[ \u00a0]*<(sub|sup)>(.*?)</\1>", re.IGNORECASE | re.DOTALL)  # not across tabs
_BOLD_TAG = re.compile(r"</?(?:b|strong)>", re.IGNORECASE)
_OTHER_TAG = re.compile(r"</?(?:i|em|u|br|span|p)\b[^>]*>", re.IGNORECASE)
_HEADING = re.compile(r"^(#{1,6})\s+")
_MD_BOLD = re.compile(r"\*\*|__")
# Characters that carry no text but break comparisons: zero-width space/joiners,
# word joiner, BOM inside the text, soft hyphen.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Spaces other than U+0020 (no-break, narrow no-break, figure, thin, ideographic, …).
_ODD_SPACE = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Characters no text holds: C0 and C1 controls (tab and line feed aside), noncharacters
# (U+FDD0–U+FDEF, the last two of each plane) and surrogates alone (not a character at all).
_UNFIT = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(17))
    + "]"
)


@dataclass(frozen=True)
class SourceLine:
    """One line of the plan file.

    Attributes:
        no: 1-based line number in the file.
        raw: the line as read (decoded, line ending removed).
        text: NFC text with tags resolved, Markdown heading marks and bold
            markers removed, odd spaces made plain and the ends stripped.
            Tabs are kept: they separate the appendix table's cells.
        bold: the line carried ``**`` or ``<b>`` emphasis.
        heading_level: number of leading ``#`` (0 when none).
    """

    no: int
    raw: str
    text: str
    bold: bool
    heading_level: int

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def clean_text(text: str) -> str:
    """Normalise a piece of plan text: NFC, tags resolved, spaces made plain.

    ``PM <sub>2.5</sub>`` becomes ``PM2.5``: a sub- or superscript is attached
    to the word before it, as it is printed.
    """
    # Invisible characters go first: one between a letter and its combining accent
    # (NFD text) would keep the two from composing.
    text = unicodedata.normalize("NFC", _INVISIBLE.sub("", text))
    if "<" in text:  # cheap test first: most lines hold no tag
        text = _SUBSUP.sub(lambda m: m.group(2), text)
        text = _BOLD_TAG.sub("", text)
        text = _OTHER_TAG.sub("", text)
    return _ODD_SPACE.sub(" ", text)


def check_characters(text: str, path: str | Path, where: int | str | None) -> None:
    """Refuse text holding a control character (tab and line feed aside), a noncharacter or a
    lone surrogate, as the text reader refuses a control character: naming the file, the place
    (a line, "page 3", "Phụ lục!B7") and the character. Every reader calls it on what it read,
    so no writer meets such a character later."""
    problem = unfit_character(text)
    if problem is not None:
        raise PlanParseError(path, where, problem)


def unfit_character(text: str) -> Problem | None:
    """What :func:`check_characters` refuses in ``text`` (the first such character), or None."""
    bad = _UNFIT.search(text)
    if bad is None:
        return None
    code = ord(bad.group())
    kind = "surrogate" if 0xD800 <= code <= 0xDFFF else "control" if code < 0xA0 else "noncharacter"
    return Problem(f"unfit_{kind}", code=f"U+{code:04X}")


def decode(data: bytes, path: str | Path) -> str:
    """Decode UTF-8 (with or without BOM); an error names the line of the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]  # lines end with LF, CRLF or CR, as in split_lines
        line = before.count(b"\n") + before.replace(b"\r\n", b"").count(b"\r") + 1
        raise PlanParseError(
            path, line, Problem("not_utf8", byte=f"0x{data[exc.start]:02x}", offset=exc.start)
        ) from None


def split_lines(text: str) -> list[str]:
    """Split on LF, CRLF or CR, keeping empty lines."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def to_source_line(no: int, raw: str, path: str | Path = "<text>") -> SourceLine:
    """Turn one raw line into a :class:`SourceLine`."""
    # Spaces may indent a Markdown heading ("   ## …"); tabs are kept: they separate cells.
    text = clean_text(raw).lstrip(" ")
    heading = _HEADING.match(text)
    level = len(heading.group(1)) if heading else 0
    if heading:
        text = text[heading.end() :]
    bold = bool(_MD_BOLD.search(text)) or bool(_BOLD_TAG.search(raw))
    text = _MD_BOLD.sub("", text)
    bad = _CONTROL.search(text.replace("\t", " "))
    if bad:
        hint = (
            " (UTF-8 text read as Latin-1 or Windows-1252 and saved again?)" if bad.group() >= "\x80" else ""
        )
        raise PlanParseError(
            path,
            no,
            f"control character U+{ord(bad.group()):04X} in the text; "
            f"a plan holds printable text, tabs and line breaks only{hint}",
        )
    check_characters(text.replace("\t", " "), path, no)  # noncharacters, lone surrogates
    # Strip spaces at both ends but keep tabs: an empty first cell is a tab.
    text = text.strip(" ")
    if not text.strip():
        text = ""
    return SourceLine(no=no, raw=raw, text=text, bold=bold, heading_level=level)


def read_lines(path: str | Path) -> list[SourceLine]:
    """Read a plan file into :class:`SourceLine` objects, one per physical line."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PlanParseError(path, None, Problem("cannot_read", reason=exc)) from None
    return lines_from_text(decode(data, path), path)


def lines_from_text(text: str, path: str | Path = "<text>") -> list[SourceLine]:
    """Like :func:`read_lines` for text already in memory."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = [to_source_line(i, raw, path) for i, raw in enumerate(split_lines(text), start=1)]
    if all(line.blank for line in lines):
        raise PlanParseError(path, None, Problem("empty_text"))
    return lines
