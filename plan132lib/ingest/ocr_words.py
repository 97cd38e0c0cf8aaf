"""Vietnamese words as OCR misreads their marks, put right from the words the kit knows.

Tesseract reads a page's letters well and its tone marks less well: "Kê hoạch" for "Kế hoạch",
"kề từ" for "kể từ", "Thành phô" for "Thành phố", "triên khai" for "triển khai". The interpreter
finds deadlines, role phrases and agency names by such words, so a misread mark loses them.

:func:`split_token` parts a token OCR ran two syllables into ("Hỗtrợ"), and :func:`correct_line`
takes the words of one line read by OCR and gives each syllable the marks it
most likely has: among the syllables of the lexicon with the same letters (marks left out), the one
that stands beside its neighbours in the lexicon ("kế" before "hoạch"), else the commonest. A
syllable is changed only when the lexicon knows it not at all, or knows it never beside its
neighbours while another reading does; a syllable with a digit, or whose letters the lexicon
does not know, is left as read.

The lexicon is read once per process: the kit's own text (the bundled plan's text export, the
agency registry and the reference tables, the catalogues, the Vietnamese words of ``words.csv``,
and the reading code's own phrases: the modules of this package, the deadlines, role phrases and
headers the interpreter looks for; not the OCR modules, which quote misreadings), counted as
often as they occur, and a dictionary of Vietnamese, each of its words once: the 74,000 words of
``Viet74K.txt``, shipped inside underthesea's wheel (Apache-2.0; the word segmenter's own
dictionary). Without the dictionary a syllable the kit's text never uses ("quần", "thác") would be
taken for a misreading and lose its marks. Before that, a province's name whose letters are all
there is given its marks from the list of provinces (:func:`place_names`): "Làm Đồng" is two
common syllables, but no province.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections import Counter
from functools import cache, lru_cache
from pathlib import Path

__all__ = [
    "bare",
    "correct_line",
    "dictionary_pairs",
    "lexicon",
    "place_names",
    "split_token",
    "stray_dashes",
]

_SYLLABLE = re.compile(r"[^\W\d_]+")
_TOKEN = re.compile(r"^(?P<pre>[^\w]*)(?P<core>[^\W\d_]+)(?P<post>[^\w]*)$")
_STRAY = re.compile(r"^[,.;:_]+(?=[^\W_])")
_VOWEL = re.compile(r"[aeiouy]")
#: A reading beside a known neighbour counts this much more than a common one.
_PAIR_WEIGHT = 4.0


@lru_cache(maxsize=65536)
def bare(syllable: str) -> str:
    """A syllable without its marks, in lower case: "Kế" → "ke", "đường" → "duong"."""
    plain = "".join(
        ch for ch in unicodedata.normalize("NFD", syllable.lower()) if not unicodedata.combining(ch)
    )
    return unicodedata.normalize("NFC", plain).replace("đ", "d")


def _texts() -> list[str]:
    from ..paths import BUNDLED_PLAN

    root = Path(BUNDLED_PLAN).parent.parent  # the bundled data: raw/ and reference/
    files = sorted(p for p in root.rglob("*") if p.suffix in (".md", ".csv"))
    out = [p.read_text(encoding="utf-8", errors="replace") for p in files]
    package = Path(__file__).resolve().parent
    out.append((package.parent / "words.csv").read_text(encoding="utf-8"))
    mine = {
        "ocr.py",
        "ocr_words.py",
        "read_scan.py",
        "scan_image.py",
        "task_table.py",
    }  # they quote misreadings
    out.extend(p.read_text(encoding="utf-8") for p in sorted(package.glob("*.py")) if p.name not in mine)
    return out


def _dictionary() -> str:
    """The words of underthesea's Vietnamese dictionary (``Viet74K.txt``), one per line."""
    from importlib.resources import files

    return (files("underthesea.corpus") / "data" / "Viet74K.txt").read_text(encoding="utf-8")


@cache
def lexicon() -> tuple[Counter[str], Counter[tuple[str, str]], dict[str, list[str]]]:
    """The syllables the kit knows and how often, their pairs, and the syllables of each bare form."""
    words: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    for text in [*_texts(), _dictionary()]:
        for line in unicodedata.normalize("NFC", text).lower().splitlines():
            syllables = _SYLLABLE.findall(line)
            words.update(syllables)
            pairs.update(itertools.pairwise(syllables))
    forms: dict[str, list[str]] = {}
    for word in words:
        forms.setdefault(bare(word), []).append(word)
    return words, pairs, forms


@cache
def dictionary_pairs() -> frozenset[tuple[str, str]]:
    """The pairs of syllables that stand side by side inside one word of the dictionary
    ("trung tâm", "kế hoạch"), lower case: never across two words, as a pair of the kit's text can be."""
    pairs: set[tuple[str, str]] = set()
    for line in unicodedata.normalize("NFC", _dictionary()).lower().splitlines():
        pairs.update(itertools.pairwise(line.split()))
    return frozenset(pairs)


def stray_dashes(tokens: list[str]) -> list[bool]:
    """Which tokens of a line read by OCR are a dash a speck made between the two syllables of one
    word ("Trung - tâm"): a dash alone, whose neighbours are a word of the dictionary. A dash
    between two words ("Văn hóa - Thể thao") stays."""
    pairs = dictionary_pairs()
    out = [False] * len(tokens)
    for i in range(1, len(tokens) - 1):
        if tokens[i] in ("-", "–", "—") and (tokens[i - 1].lower(), tokens[i + 1].lower()) in pairs:
            out[i] = True
    return out


@cache
def _place_names() -> tuple[tuple[str, ...], ...]:
    """The provinces' names of two syllables or more (``provinces.csv``), each as its syllables."""
    from ..paths import PROVINCES
    from ..reference import read_reference

    rows = read_reference(PROVINCES, what="provinces", columns=("kind", "name", "status"))
    names = {tuple(_SYLLABLE.findall(row["name"])) for _, row in rows}
    return tuple(sorted((n for n in names if len(n) >= 2), key=len, reverse=True))


def place_names(tokens: list[str]) -> list[str]:
    """The tokens of a line read by OCR with a province's name given its marks where its letters are
    all there ("tỉnh Làm Đồng" → "tỉnh Lâm Đồng", "LÀM ĐỒNG" → "LÂM ĐỒNG"): capitalised, as a name
    is written, the letters of each syllable matching. Other tokens as read."""
    parsed = [_TOKEN.match(t) for t in tokens]
    out = list(tokens)
    i = 0
    while i < len(parsed):
        match = parsed[i]
        if match is None or not match.group("core")[:1].isupper():
            i += 1
            continue
        for name in _place_names():
            n = len(name)
            window = parsed[i : i + n]
            if len(window) == n and all(
                m is not None and bare(m.group("core")) == bare(s) for m, s in zip(window, name, strict=True)
            ):
                for k, (m, syllable) in enumerate(zip(window, name, strict=True)):
                    out[i + k] = m.group("pre") + _recase(m.group("core"), syllable) + m.group("post")
                i += n - 1
                break
        i += 1
    return out


def _recase(like: str, word: str) -> str:
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def split_token(token: str) -> list[str]:
    """A token OCR ran two syllables into ("Hỗtrợ", "Đênghị") as the two, where the lexicon knows
    neither the whole nor a reading of it but both parts and, best, the pair; a stray comma, full
    stop or underscore before a word (",TTHC", "_xuất") dropped."""
    words, pairs, forms = lexicon()
    token = _STRAY.sub("", token)
    match = _TOKEN.match(token)
    if match is None or len(match.group("core")) < 4 or bare(match.group("core")) in forms:
        return [token]
    if match.group("core").isupper() and bare(match.group("core")) == match.group("core").lower():
        return [token]  # an abbreviation in capitals without marks ("OCOP", "UBND")
    core = match.group("core")
    best: tuple[float, int] | None = None
    for k in range(2, len(core) - 1):
        if not (_VOWEL.search(bare(core[:k])) and _VOWEL.search(bare(core[k:]))):
            continue  # "th" + "ác": a Vietnamese syllable has a vowel
        left, right = forms.get(bare(core[:k])), forms.get(bare(core[k:]))
        if not left or not right:
            continue
        together = max(pairs[(a, b)] for a in left for b in right)
        score = (
            together > 0,
            math.log1p(together) + min(max(words[a] for a in left), max(words[b] for b in right)),
        )
        if best is None or score > best[0]:
            best = (score, k)  # type: ignore[assignment]
    if best is None:
        return [token]
    k = best[1]
    return [match.group("pre") + core[:k], core[k:] + match.group("post")]


def correct_line(tokens: list[str]) -> list[str]:
    """The words of a line read by OCR, each syllable with the marks the lexicon gives it (see the
    module's docstring); punctuation and case kept, one for each token (split a token OCR ran two
    syllables into first: :func:`split_token`)."""
    words, pairs, forms = lexicon()
    tokens = place_names(tokens)
    parsed = [_TOKEN.match(t) for t in tokens]
    cores = [m.group("core").lower() if m else "" for m in parsed]
    out = list(tokens)
    for i, match in enumerate(parsed):
        if match is None:
            continue
        core = cores[i]
        candidates = forms.get(bare(core))
        if not candidates:
            continue
        before = cores[i - 1] if i > 0 else ""
        after = cores[i + 1] if i + 1 < len(cores) else ""

        def paired(word: str, before: str = before, after: str = after) -> int:
            return int(bool(before) and pairs[(before, word)] > 0) + int(
                bool(after) and pairs[(word, after)] > 0
            )

        best = max(candidates, key=lambda w: (_PAIR_WEIGHT * paired(w) + math.log1p(words[w]), w))
        if best == core or (words[core] > 0 and paired(best) <= paired(core)):
            continue  # a known syllable is changed only for a reading its neighbours support
        cores[i] = best
        out[i] = match.group("pre") + _recase(match.group("core"), best) + match.group("post")
    return out
