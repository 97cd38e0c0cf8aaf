"""Comparing Vietnamese names with care.

Documents differ in tone-mark placement ("hoà"/"hòa", "Uỷ"/"Ủy"), case,
spacing around "&" and "-", and dash characters. :func:`name_key` maps all
spellings of one name to one key while the document's own spelling is kept
elsewhere; :func:`slug` gives an ASCII identifier for names not in the registry.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Combining marks that carry the tone (huyền, sắc, ngã, hỏi, nặng). Vowel-quality
# marks (circumflex, breve, horn) are part of the letter and are kept.
_TONES = {"\u0300": "2", "\u0301": "1", "\u0303": "4", "\u0309": "3", "\u0323": "5"}
# Spaces are collapsed first, so these see at most one space on either side (no backtracking
# over long runs of spaces).
_DASHES = re.compile(r" ?[\u2010-\u2015\u2212-] ?")
_AMP = re.compile(r" ?& ?")
_SLASH = re.compile(r" ?/ ?")
_SPACE = re.compile(r"\s+")
_EDGE_PUNCT = " .,;:!?-\t\"'“”()[]"


@lru_cache(maxsize=65536)
def _word_key(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    tone = ""
    kept = []
    for ch in decomposed:
        if ch in _TONES:
            tone = _TONES[ch]
        else:
            kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept)) + tone


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """A key under which spellings of one name compare equal.

    Case, tone-mark placement, runs of spaces, dash style and spacing around
    ``&``, ``/`` and ``-`` are ignored; every letter, including "đ", counts.

    >>> name_key("Uỷ ban nhân dân") == name_key("Ủy ban  nhân dân")
    True
    >>> name_key("Sở NN & MT") == name_key("sở nn&mt")
    True
    """
    text = _SPACE.sub(" ", unicodedata.normalize("NFC", name).casefold())
    text = _DASHES.sub(" - ", text)
    text = _AMP.sub("&", text)
    text = _SLASH.sub("/", text)
    text = _SPACE.sub(" ", text).strip(_EDGE_PUNCT)
    return " ".join(_word_key(w) for w in text.split(" "))


def fold_ascii(text: str) -> str:
    """Remove diacritics ("Đ" becomes "D") for identifiers and sorting keys."""
    text = text.replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slug(text: str) -> str:
    """ASCII lower-case identifier: ``"Sở Du lịch"`` becomes ``"so-du-lich"``."""
    folded = fold_ascii(unicodedata.normalize("NFC", text)).lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-") or "x"
