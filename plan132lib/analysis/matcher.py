"""Suggested links between plan tasks and resolution entries, by shared words.

A Vietnamese word is often two or three syllables written apart ("kế hoạch",
"nước thải", "bảo vệ môi trường"), so a text is first **segmented into words**
by underthesea's ``word_tokenize`` (a CRF model shipped inside the wheel, read
from the package: nothing is downloaded; Apache-2.0). A word is kept as its
syllables joined by a space ("hành động"), NFC and case-folded, diacritics kept
("thải" is not "thái"), as written (no respelling of "hoà"/"hòa"); punctuation
breaks a text into stretches, and no stemming is done. Before segmenting, the
abbreviations of administrative Vietnamese are written out (:data:`ABBREVIATIONS`:
"BVMT" → "bảo vệ môi trường").

A text's **terms** are its words less the stop-words (:data:`STOPWORDS`:
function words such as "này", "sau đây", the plan's administrative boilerplate
such as "tăng cường", "triển khai", "đẩy mạnh", and the frame words "nhiệm vụ",
"giải pháp", "chỉ tiêu", which say nothing of a task's subject) and
numbers, plus every **key term** of the catalogue (the entries' ``key_terms``
of two words or more, as "công nghiệp môi trường") that occurs in the text as
a run of words, counted as one term. Each text becomes a TF-IDF vector
(sublinear term frequency, smoothed inverse document frequency over tasks and
entries together). Both sides are also cut into **passages**: a task at ". ",
"; " and ": "; an entry likewise, so its paraphrase's clauses and each of its
key terms stand alone. A task–entry **score** is the mean of two cosines, 0 to
1: the whole task against the whole entry, and the closest pair of a task
passage and an entry passage. A long task that lists several things is met by
each of them, and an entry that names several things (a resolution's point often
does: "công nghệ thân thiện, công nghiệp môi trường, dịch vụ môi trường, …")
meets a task that takes up one of them.

Tried and left out, as they did not raise agreement with the bundled crosswalk
(:func:`plan132lib.analysis.coverage.agreement_sweep`):
reading a task with its group heading (a group's tasks then all look alike),
an entry with its title or group, syllables beside words, and a thesaurus of
equivalent wordings ("rác thải" = "chất thải rắn", "phát thải các-bon" =
"phát thải khí nhà kính"): the links still missed are between related ideas
("kinh tế tuần hoàn" and recycling), not between two wordings of one. A concept
map of the domain written blind to the data (``benchmarks/bench_matcher.py``)
moved precision and recall along the same curve, not above it.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import pandas as pd

# Function words, and the plan's boilerplate that says nothing of a task's subject.
_STOP_TEXT = """
các | của | và | với | về | cho | trong | theo | tại | từ | đến | để | được | có | là | những | này | đó
| đây | sau đây | một | như | khi | thì | mà | hoặc | hay | nhằm | bằng | do | đối | vào | ra | trên | dưới
| sau | trước | giữa | cũng
| đã | sẽ | đang | không | chưa | rất | nhiều | ít | mọi | mỗi | từng | cần | phải | việc | nhất | thêm | hơn
| trở lên | gắn | gắn liền | đồng thời | đối với | so với | thông qua
| tăng cường | thực hiện | triển khai | đẩy mạnh | nâng cao | hiệu quả | chặt chẽ | tập trung | đặc biệt
| phù hợp | bảo đảm | đảm bảo | tiếp tục | hoàn thành | phấn đấu | ưu tiên | chủ động | công tác | hoạt động
| nhiệm vụ | giải pháp | chỉ tiêu | giai đoạn | năm | địa bàn | tỉnh | thành phố | cụ thể | kịp thời | nghiêm
| đồng bộ | trọng tâm | trọng điểm | thiết yếu | chủ yếu | khoảng | tối thiểu | ít nhất | mức | tầm nhìn
| quan điểm | cơ chế | chính sách | quy định
"""
STOPWORDS = frozenset(w.strip() for w in _STOP_TEXT.split("|") if w.strip())

# Abbreviations of administrative Vietnamese, written out before segmenting (upper case as written).
ABBREVIATIONS = {
    "BVMT": "bảo vệ môi trường",
    "MT": "môi trường",
    "BĐKH": "biến đổi khí hậu",
    "NSNN": "ngân sách nhà nước",
    "NS": "ngân sách",
    "CTRSH": "chất thải rắn sinh hoạt",
    "CTR": "chất thải rắn",
    "XLNT": "xử lý nước thải",
    "CSDL": "cơ sở dữ liệu",
    "KT-XH": "kinh tế - xã hội",
    "KCN": "khu công nghiệp",
    "CCN": "cụm công nghiệp",
    "ĐTM": "đánh giá tác động môi trường",
}
_LONGEST_FIRST = sorted(map(re.escape, ABBREVIATIONS), key=len, reverse=True)
_ABBREVIATION = re.compile(r"(?<![\w-])(" + "|".join(_LONGEST_FIRST) + r")(?![\w-])")
TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_PASSAGE = re.compile(r"[.;:](?:\s+|$)")


def syllables(text: str) -> list[str]:
    """The syllables of ``text``: NFC, case-folded, punctuation dropped, diacritics kept."""
    return TOKEN.findall(unicodedata.normalize("NFC", str(text)).casefold())


def expand(text: str) -> str:
    """``text`` with the abbreviations of :data:`ABBREVIATIONS` written out."""
    return _ABBREVIATION.sub(lambda m: ABBREVIATIONS[m.group(1)], unicodedata.normalize("NFC", str(text)))


@lru_cache(maxsize=8192)
def _segmented(text: str) -> tuple[str, ...]:
    # imported here: the model loads on first use, from the wheel
    from underthesea.pipeline.word_tokenize import word_tokenize

    return tuple(word_tokenize(text, use_token_normalize=False)) if text.strip() else ()


def segment(text: str) -> list[str | None]:
    """The words of ``text`` in order, each its syllables case-folded and joined by a space
    ("kế hoạch"); None where punctuation breaks the text. Abbreviations are not expanded here."""
    found: list[str | None] = []
    for token in _segmented(unicodedata.normalize("NFC", str(text))):
        parts = TOKEN.findall(token.casefold())
        found.append(" ".join(parts) if parts else None)
    return found


def split_words(text: str) -> list[str]:
    """The words of ``text`` (abbreviations written out), punctuation dropped: "Kế hoạch hành động
    quốc gia" → ["kế hoạch", "hành động", "quốc gia"]."""
    return [w for w in segment(expand(text)) if w]


def content(term: str | None) -> bool:
    """Whether a word says something of a task's subject: not a stop-word, not a number."""
    return bool(term) and term not in STOPWORDS and not term.replace(" ", "").isdigit()


def key_phrases(key_terms: Iterable[str]) -> tuple[tuple[str, ...], ...]:
    """The catalogue's key terms (";" between) of two words or more, each as its words."""
    found = {
        tuple(ws) for cell in key_terms for term in str(cell).split(";") if len(ws := split_words(term)) >= 2
    }
    return tuple(sorted(found))


def terms(text: str, phrases: Sequence[tuple[str, ...]] = ()) -> Counter[str]:
    """The content words of ``text`` and the ``phrases`` it holds as runs of words, with their counts."""
    seq = segment(expand(text))
    found: Counter[str] = Counter(w for w in seq if content(w))
    for phrase in phrases:
        n = len(phrase)
        hits = sum(1 for i in range(len(seq) - n + 1) if tuple(seq[i : i + n]) == phrase)
        if hits:
            found[" ".join(phrase)] += hits
    return found


def passages(text: str) -> list[str]:
    """``text`` cut at ". ", "; " and ": " (a task's or an entry's passages); the whole text if uncut."""
    parts = [p for p in _PASSAGE.split(str(text)) if p.strip()]
    return parts or [str(text)]


def _unit(rows: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return np.divide(rows, norms, out=np.zeros_like(rows), where=norms > 0)


def entry_text(entries: pd.DataFrame) -> pd.Series:
    """What an entry says, for matching: its Vietnamese paraphrase and key terms."""
    return entries["paraphrase_vi"] + ". " + entries["key_terms"].str.replace(";", ". ", regex=False)


class _Weights(NamedTuple):
    """Unit TF-IDF rows of the tasks, the entries and their passages, and where each text's passages start."""

    tasks: np.ndarray
    entries: np.ndarray
    task_passages: np.ndarray
    entry_passages: np.ndarray
    task_starts: np.ndarray  # the first passage row of each task
    entry_starts: np.ndarray  # the first passage row of each entry
    vocabulary: list[str]


def _starts(cut: list[list[str]]) -> np.ndarray:
    return np.cumsum([0, *(len(parts) for parts in cut[:-1])]).astype(int)


def _weights(tasks: Sequence[str], entries: pd.DataFrame) -> _Weights:
    """The tasks, entries and passages as unit TF-IDF vectors, the idf over tasks and entries together
    (passages count as documents for no term)."""
    phrases = key_phrases(entries["key_terms"])
    texts = [*tasks, *entry_text(entries)]
    task_cut = [passages(t) for t in tasks]
    entry_cut = [passages(t) for t in texts[len(tasks) :]]
    pieces = [p for parts in (*task_cut, *entry_cut) for p in parts]
    counts = [terms(t, phrases) for t in [*texts, *pieces]]
    vocabulary = sorted(set().union(*counts)) if counts else []
    index = {term: i for i, term in enumerate(vocabulary)}
    tf = np.zeros((len(counts), len(vocabulary)))
    for row, found in enumerate(counts):
        for term, n in found.items():
            tf[row, index[term]] = 1 + math.log(n)
    df = (tf[: len(texts)] > 0).sum(axis=0)
    idf = np.log((1 + len(texts)) / (1 + df)) + 1
    weights = _unit(tf * idf)
    n, m = len(tasks), len(texts)
    k = m + sum(map(len, task_cut))
    return _Weights(
        weights[:n],
        weights[n:m],
        weights[m:k],
        weights[k:],
        _starts(task_cut),
        _starts(entry_cut),
        vocabulary,
    )


def _scores(w: _Weights) -> np.ndarray:
    whole = w.tasks @ w.entries.T
    if not whole.size:
        return whole
    by_pair = w.task_passages @ w.entry_passages.T
    closest = np.maximum.reduceat(np.maximum.reduceat(by_pair, w.task_starts, axis=0), w.entry_starts, axis=1)
    return (whole + closest) / 2


def score_matrix(tasks: Sequence[str], entries: pd.DataFrame) -> np.ndarray:
    """Task × entry scores (unrounded): the mean of the whole texts' cosine and the closest passages'."""
    return _scores(_weights([str(x) for x in tasks], entries))


def similarity(tasks: pd.DataFrame, entries: pd.DataFrame, top_terms: int = 5) -> pd.DataFrame:
    """Every task × entry pair with its score and the words that weigh most in it.

    ``tasks``: task_id, content; ``entries``: id, paraphrase_vi, key_terms.
    Columns: task_id, goal_id, score (rounded to 4 places), shared (the
    ``top_terms`` shared words or key terms, whole, with the largest
    contribution to the whole task's cosine, " | " between). Rows in task
    order, then entry order.
    """
    content_ = [str(x) for x in tasks["content"]]
    w = _weights(content_, entries)
    t, e, vocabulary = w.tasks, w.entries, w.vocabulary
    scores = _scores(w)
    rows = []
    for i, task_id in enumerate(tasks["task_id"]):
        for j, goal_id in enumerate(entries["id"]):
            contribution = t[i] * e[j]
            best = [k for k in np.argsort(-contribution, kind="stable")[:top_terms] if contribution[k] > 0]
            rows.append(
                (task_id, goal_id, round(float(scores[i, j]), 4), " | ".join(vocabulary[k] for k in best))
            )
    return pd.DataFrame(rows, columns=["task_id", "goal_id", "score", "shared"])
