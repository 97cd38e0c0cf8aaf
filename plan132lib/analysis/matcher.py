"""Suggested links between plan tasks and resolution entries, by shared wording.

Vietnamese words are written as syllables separated by spaces ("nước thải",
"khí thải", "phương tiện"), so a text is turned into its syllables and the
pairs of adjacent syllables: the pairs stand for the compound words without a
dictionary. Everything is NFC and case-folded; diacritics are kept ("thải" is
not "thái"); function syllables ("các", "và", "của", …) are dropped, and no
stemming is done. Each text becomes a TF-IDF vector (sublinear term
frequency, smoothed inverse document frequency over tasks and entries
together) and a task–entry score is the cosine of their vectors, 0 to 1.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter

import numpy as np
import pandas as pd

# Function syllables and the plan's boilerplate that say nothing of a task's subject.
_STOP_TEXT = """
các của và với về cho trong theo tại từ đến để được có là những này đó một như khi thì
mà hoặc hay nhằm bằng do đối vào ra trên dưới sau trước giữa cũng đã sẽ đang không chưa
rất nhiều ít mọi mỗi từng cần phải việc nhất thêm hơn trở lên gắn liền đồng thời
"""
STOPWORDS = frozenset(_STOP_TEXT.split())
TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


def syllables(text: str) -> list[str]:
    """The syllables of ``text``: NFC, case-folded, punctuation dropped, diacritics kept."""
    return TOKEN.findall(unicodedata.normalize("NFC", str(text)).casefold())


def terms(text: str) -> Counter[str]:
    """Content syllables and adjacent syllable pairs (``"nước thải"``) with their counts.

    A pair is formed only from two adjacent syllables that are both content
    syllables, so "xử lý nước thải" gives "xử lý", "lý nước", "nước thải".
    """
    words = syllables(text)
    keep = [w not in STOPWORDS and not w.isdigit() for w in words]
    found: Counter[str] = Counter(w for w, k in zip(words, keep, strict=True) if k)
    found.update(f"{a} {b}" for a, b, ka, kb in zip(words, words[1:], keep, keep[1:], strict=False)
                 if ka and kb)
    return found


def _vectors(texts: list[str]) -> tuple[np.ndarray, list[str]]:
    """Unit-length TF-IDF rows for ``texts`` over their joint vocabulary."""
    counts = [terms(t) for t in texts]
    vocabulary = sorted(set().union(*counts))
    index = {term: i for i, term in enumerate(vocabulary)}
    tf = np.zeros((len(texts), len(vocabulary)))
    for row, found in enumerate(counts):
        for term, n in found.items():
            tf[row, index[term]] = 1 + math.log(n)
    df = (tf > 0).sum(axis=0)
    idf = np.log((1 + len(texts)) / (1 + df)) + 1
    weights = tf * idf
    norms = np.linalg.norm(weights, axis=1, keepdims=True)
    return np.divide(weights, norms, out=np.zeros_like(weights), where=norms > 0), vocabulary


def entry_text(entries: pd.DataFrame) -> pd.Series:
    """What an entry says, for matching: its Vietnamese paraphrase and key terms."""
    return entries["paraphrase_vi"] + ". " + entries["key_terms"].str.replace(";", ". ", regex=False)


def similarity(tasks: pd.DataFrame, entries: pd.DataFrame, top_terms: int = 5) -> pd.DataFrame:
    """Every task × entry pair with its score and the terms that weigh most in it.

    ``tasks``: task_id, content; ``entries``: id, paraphrase_vi, key_terms.
    Columns: task_id, goal_id, score (cosine, rounded to 4 places), shared
    (the ``top_terms`` shared terms with the largest contribution, " | "
    between). Rows in task order, then entry order.
    """
    texts = [*tasks["content"].astype(str), *entry_text(entries)]
    vectors, vocabulary = _vectors(texts)
    t, e = vectors[: len(tasks)], vectors[len(tasks):]
    scores = t @ e.T
    rows = []
    for i, task_id in enumerate(tasks["task_id"]):
        for j, goal_id in enumerate(entries["id"]):
            contribution = t[i] * e[j]
            best = [k for k in np.argsort(-contribution, kind="stable")[:top_terms] if contribution[k] > 0]
            rows.append((task_id, goal_id, round(float(scores[i, j]), 4),
                         " | ".join(vocabulary[k] for k in best)))
    return pd.DataFrame(rows, columns=["task_id", "goal_id", "score", "shared"])
