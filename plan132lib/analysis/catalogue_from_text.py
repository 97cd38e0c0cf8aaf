"""A resolution catalogue built from a resolution's own text.

:func:`plan132lib.ingest.resolution.read_resolution` reads the legal structure
(articles, clauses, points, the appendix's task rows); :func:`catalogue_rows`
turns it into rows with the columns of :data:`~.catalogue.CATALOGUE_COLUMNS`,
which :func:`~.catalogue.load_catalogue` accepts, ``confidence`` TEXT.

**Entries and ids.** One entry per point (``<prefix>-D2.1-a``; ``đ`` is kept as
printed: ``<prefix>-D2.1-đ``), per clause without points (``<prefix>-D2.3``), per
article without clauses or points (``<prefix>-D4``), and per task row of the
appendix (``<prefix>-PL4``, or ``<prefix>-PLII.4`` under group II). An id used
twice is an error naming the file and the place.

**Context.** An article that only endorses a report ("Quốc hội cơ bản tán
thành …"), issues the attached plan ("Ban hành kèm theo …") or states when the
text takes effect (titled "Hiệu lực thi hành" / "Điều khoản thi hành", or "… này
có hiệu lực …") is ``context``: it assigns nothing.

**Addressee and applicability.** The addressee of an entry is its own subject: the run
of agency names (separated by commas and "và") before its first verb (:data:`VERBS`: "ban
hành", "bố trí", "chủ trì" …), wherever it stands ("c) Bộ Nông nghiệp và Môi trường chủ
trì …", "Trong năm 2026, Bộ Tài chính chủ trì …"), else of its clause's lead-in ("2. Ủy
ban nhân dân các tỉnh, thành phố trực thuộc trung ương có trách nhiệm:"), else of its
article's intro; the nearest level that names someone decides. A leading "Giao", "Yêu cầu", "Đề nghị" is
skipped, and so is a speaker ("Quốc hội yêu cầu Chính phủ …" addresses the
Government; "Quốc hội quyết nghị …" addresses no one). Names after the run
("… chủ trì, phối hợp với các địa phương") are coordinators and do not count.
``applies_to_province`` is ``yes`` when the addressee includes provincial
government (Ủy ban nhân dân / Hội đồng nhân dân các tỉnh, cấp tỉnh, các cấp;
chính quyền địa phương; các địa phương), ``no`` when it holds central bodies
only (Quốc hội and its bodies, Chính phủ, Thủ tướng, the ministries, the
Supreme Court and Procuracy, the State Audit …), ``unknown`` when no one is
named or only others are (press, enterprises, "các cơ quan liên quan"). An
appendix row is decided by its lead agency (Cơ quan chủ trì) the same way.
``province_reason`` says, in Vietnamese, which place named whom.

**Targets and deadlines.** A percentage in the entry's text is a target
(:func:`plan132lib.ingest.targets.find_targets`): ``target_indicator``,
``target_value`` as written ("trên 30%", "giảm tối thiểu 10%"), ``target_unit``
"%", ``target_year`` and ``baseline_year``, several joined with "; ";
``entry_type`` is then ``target``. ``deadline`` is every time phrase of the text as
written ("trước ngày 31/12/2026", "trong năm 2026", "đến năm 2030"), or for an
appendix row its deadline column; else ``n/a``.

``key_terms`` are the entry's most frequent two-syllable words (:func:`key_terms`): agency
names (the addressee and any other), roles ("chủ trì", "phối hợp với") and time phrases are left
out, and the rest is cut into words by how strongly syllables hold together across the document
and texts of its kind (:class:`Cohesion`), so no pair straddles a comma or a name; a pair that only
ever occurs inside one longer phrase ("nhựa dùng" of "nhựa dùng một lần") can still be cut wrong.
``mentions_local`` the places named after "tỉnh", "thành phố", "sông" …; ``paraphrase_vi`` the
entry's own text verbatim (a point's text without its clause's lead-in); ``title_vi`` its first
clause, cut at a word (:func:`~.catalogue.short_title`). No translation is made: ``title_en`` and
``paraphrase_en`` say :data:`~.catalogue.NO_ENGLISH`, "(no English text in the source)".

**Groups.** ``group`` is the heading the entry stands under (its clause's lead-in, else its
article's title); ``resolution_group`` the same as a label with its place, "D2.1: Về hoàn thiện
thể chế …" (:func:`group_label`; "PLII: …" for an appendix group), since Resolution 247's groups
(breakthrough, due_2026, …) mean nothing for another text. ``load_catalogue`` accepts such labels,
and the coverage by group lists them in document order.

**Warnings.** A gap in the point letters ("a)" then "đ)", an excerpt) is read as written;
:func:`catalogue_and_warnings` returns it with the rows and ``plan132 catalogue`` prints it,
naming the file and the line.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..errors import PlanParseError
from ..ingest.document import Ref
from ..ingest.resolution import (
    AppendixRow,
    Article,
    Clause,
    Point,
    ReadingWarning,
    Resolution,
    read_resolution,
)
from ..ingest.structure import where
from ..ingest.targets import find_targets
from ..paths import BUNDLED_PLAN, RESOLUTION_CATALOGUE
from ..reference import read_reference
from .catalogue import CATALOGUE_COLUMNS, NO_ENGLISH, TITLE_COLUMNS, short_title
from .matcher import STOPWORDS, syllables

NA = "n/a"
NOT_NAMED = "(không nêu)"  # the addressee where the text names no one
_PREFIX = re.compile(r"^[A-Za-z0-9Đđ_\-.]+$")

# ------------------------------------------------------------------ who is addressed
_BO = r"(?:Bộ|bộ)"
_UB = r"(?:Ủy|Uỷ) ban"
_CAC = r"(?:[Cc]ác\s+)?"
_TINH = r"(?:các\s+)?(?:tỉnh, thành phố(?: trực thuộc [Tt]rung ương)?|cấp tỉnh|các cấp|tỉnh|thành phố)"
#: The ministries by name (the names of 2025 and the names they replaced).
MINISTRIES = (
    "Quốc phòng",
    "Công an",
    "Ngoại giao",
    "Nội vụ",
    "Tư pháp",
    "Tài chính",
    "Công Thương",
    "Nông nghiệp và Môi trường",
    "Xây dựng",
    "Văn hóa, Thể thao và Du lịch",
    "Văn hoá, Thể thao và Du lịch",
    "Khoa học và Công nghệ",
    "Giáo dục và Đào tạo",
    "Y tế",
    "Dân tộc và Tôn giáo",
    "Tài nguyên và Môi trường",
    "Kế hoạch và Đầu tư",
    "Giao thông vận tải",
    "Lao động - Thương binh và Xã hội",
    "Thông tin và Truyền thông",
    "Nông nghiệp và Phát triển nông thôn",
)
#: (kind, pattern) of a name an entry can be addressed to; kinds: local, central, other.
_AGENCIES: tuple[tuple[str, str], ...] = (
    ("local", rf"(?:Chủ tịch\s+)?(?:{_UB} nhân dân|UBND|Hội đồng nhân dân|HĐND)\s+{_TINH}"),
    ("local", _CAC + r"(?:cấp\s+)?chính quyền địa phương(?:\s+các cấp)?"),
    ("local", _CAC + r"địa phương"),
    ("central", r"Thủ tướng Chính phủ"),
    ("central", _CAC + r"Phó Thủ tướng(?: Chính phủ)?"),
    ("central", r"Chính phủ"),
    ("central", r"Quốc hội"),
    ("central", rf"{_UB} Thường vụ Quốc hội"),
    ("central", r"Hội đồng Dân tộc"),
    ("central", _CAC + rf"{_UB} của Quốc hội"),
    ("central", _CAC + r"Đoàn đại biểu Quốc hội"),
    ("central", _CAC + r"(?:vị\s+)?đại biểu Quốc hội"),
    ("central", r"Tòa án nhân dân tối cao|Toà án nhân dân tối cao|Viện kiểm sát nhân dân tối cao"),
    ("central", r"Kiểm toán [Nn]hà nước"),
    ("central", rf"{_UB} Trung ương Mặt trận Tổ quốc Việt Nam"),
    ("central", r"Văn phòng Chính phủ|Thanh tra Chính phủ|Ngân hàng Nhà nước(?: Việt Nam)?"),
    ("central", _CAC + rf"{_BO} trưởng"),
    ("central", _CAC + rf"Thủ trưởng cơ quan (?:ngang {_BO}|thuộc Chính phủ)"),
    ("central", _CAC + rf"cơ quan (?:ngang {_BO}|thuộc Chính phủ)"),
    ("central", _CAC + rf"{_BO}, ngành(?:\s+(?:trung ương|Trung ương|liên quan))?"),
    ("central", _CAC + rf"{_BO}(?=,)"),
    ("central", r"Bộ (?:" + "|".join(re.escape(m) for m in MINISTRIES) + ")"),
    ("other", _CAC + r"cơ quan(?:,\s+tổ chức)?(?:,\s+đơn vị)?\s+(?:có\s+)?liên quan"),
    ("other", _CAC + r"cơ quan báo chí"),
    ("other", _CAC + r"doanh nghiệp"),
    ("other", _CAC + r"tổ chức chính trị - xã hội"),
    ("other", r"Mặt trận Tổ quốc Việt Nam"),
)
_AGENCY_RES = tuple((kind, re.compile(p)) for kind, p in _AGENCIES)
_SEP = re.compile(r"\s*(?:,|;)\s*(?:và\s+)?|\s+và\s+")
_LEADING = re.compile(r"^(?:Giao|Yêu cầu|Đề nghị|Kính đề nghị)\s+", re.I)
_SPEAKER_ASKS = re.compile(r"\s*(?:yêu cầu|giao|đề nghị)\s+", re.I)
# what the issuer says of itself ("Quốc hội quyết nghị …"); not "ban hành": "Ủy ban nhân dân các tỉnh
# ban hành kế hoạch …" assigns a task
_SPEAKER_ONLY = re.compile(
    r"\s*(?:quyết nghị|tán thành|ghi nhận|đánh giá|thống nhất|quyết định|thông qua|"
    r"biểu dương|cơ bản)\b",
    re.I,
)


@dataclass(frozen=True)
class Addressee:
    """The names at the start of a text: as written, and their kinds."""

    text: str
    kinds: tuple[str, ...]

    @property
    def applies(self) -> str:
        if "local" in self.kinds:
            return "yes"
        if "central" in self.kinds:
            return "no"
        return "unknown"


def _agency_at(text: str, pos: int) -> tuple[str, int] | None:
    best: tuple[str, int] | None = None
    for kind, pattern in _AGENCY_RES:
        m = pattern.match(text, pos)
        if m and (best is None or m.end() > best[1]):
            best = (kind, m.end())
    return best


def _run(text: str, pos: int) -> tuple[list[str], int, int]:
    """The kinds of the names listed from ``pos``, where the run ends, and where it started."""
    kinds: list[str] = []
    end = pos
    while True:
        found = _agency_at(text, pos)
        if found is None:
            break
        kinds.append(found[0])
        end = found[1]
        sep = _SEP.match(text, end)
        if sep is None or _agency_at(text, sep.end()) is None:
            break
        pos = sep.end()
    return kinds, end, pos


#: What an agency does: the verbs that end a subject ("Bộ Tài chính | chủ trì …"). A subject is
#: the run of agency names before the first of them; the verbs are the common ones of Vietnamese
#: administrative texts, matched as whole words outside agency names ("Bộ Xây dựng" is a name).
VERBS = (
    "ban hành",
    "bố trí",
    "chỉ đạo",
    "tổ chức",
    "triển khai",
    "xây dựng",
    "rà soát",
    "hướng dẫn",
    "chủ trì",
    "phối hợp",
    "bảo đảm",
    "đảm bảo",
    "thực hiện",
    "nghiên cứu",
    "đề xuất",
    "hoàn thiện",
    "hoàn thành",
    "sửa đổi",
    "bổ sung",
    "báo cáo",
    "kiểm tra",
    "thanh tra",
    "giám sát",
    "tăng cường",
    "đẩy mạnh",
    "ưu tiên",
    "tuyên truyền",
    "đầu tư",
    "quy định",
    "trình",
    "cân đối",
    "huy động",
    "phê duyệt",
    "theo dõi",
    "đôn đốc",
    "tổng kết",
    "sơ kết",
    "đánh giá",
    "lồng ghép",
    "quản lý",
    "khẩn trương",
    "tập trung",
    "chủ động",
    "tiếp tục",
    "có trách nhiệm",
    "chịu trách nhiệm",
    "quán triệt",
    "nâng cao",
    "thúc đẩy",
    "hỗ trợ",
    "cung cấp",
    "ứng dụng",
    "nghiêm túc",
    "kịp thời",
    "yêu cầu",
    "giao",
    "đề nghị",
    "quyết nghị",
    "tán thành",
    "ghi nhận",
    "thống nhất",
    "quyết định",
    "thông qua",
    "biểu dương",
    "cơ bản",
)
_VERB = re.compile(
    r"(?<!\w)(?:" + "|".join(sorted(map(re.escape, VERBS), key=len, reverse=True)) + r")(?!\w)", re.I
)
_WORD = re.compile(r"\S+")


def _subject(text: str, start: int) -> tuple[list[str], int, int, int] | None:
    """The run of agency names before the first verb: (kinds, start, end, where the verb is).

    The last run before the verb is the subject ("Trong năm 2026, Bộ Tài chính chủ trì …");
    a run after "của", "với", "cho" or a verb is an object, not a subject. Without any verb,
    a run at ``start`` (a lead-agency cell: "Các cơ quan báo chí").
    """
    runs: list[tuple[list[str], int, int]] = []
    pos = start
    while pos < len(text):
        pos += len(text[pos:]) - len(text[pos:].lstrip())
        kinds, end, _ = _run(text, pos)
        if kinds:
            before = text[start:pos].rstrip().rsplit(" ", 1)[-1].casefold()
            if before not in ("của", "với", "cho", "và", "tại", "về"):
                runs.append((kinds, pos, end))
            pos = end
            continue
        if _VERB.match(text, pos):
            return (*runs[-1], pos) if runs else None
        m = _WORD.match(text, pos)
        pos = m.end() if m else len(text)
    return (*runs[0], len(text)) if runs and runs[0][1] == start else None


def addressee(text: str) -> Addressee | None:
    """Who ``text`` is addressed to: its subject, the run of agency names before its first verb.

    >>> addressee("Chính phủ chỉ đạo tổng kết …").text
    'Chính phủ'
    >>> addressee("Quốc hội yêu cầu Chính phủ, các địa phương tập trung …").applies
    'yes'
    >>> addressee("Quốc hội quyết nghị các nhiệm vụ sau đây:") is None
    True
    >>> addressee("Các bộ, cơ quan ngang bộ, Ủy ban nhân dân các tỉnh bố trí kinh phí …").applies
    'yes'
    >>> addressee("Định kỳ hằng năm báo cáo Bộ Tài chính …") is None
    True
    """
    text = text.strip()
    lead = _LEADING.match(text)
    start = lead.end() if lead else 0
    found = _subject(text, start)
    if found is None:
        return None
    kinds, start, end, _ = found
    ask = _SPEAKER_ASKS.match(text, end)
    if ask:  # "Quốc hội yêu cầu Chính phủ …": the speaker, then the addressees
        start = ask.end()
        kinds, end, _ = _run(text, start)
        if not kinds:
            return None
    elif _SPEAKER_ONLY.match(text, end):
        return None
    return Addressee(text[start:end].strip(" ,;"), tuple(kinds))


# ------------------------------------------------------------------ targets, deadlines, places, terms
_VALUE = re.compile(
    r"(?:(?:giảm|tăng)\s+)?"
    r"(?:(?:tối thiểu|tới thiểu|ít nhất|không dưới|tối đa|không quá|khoảng|"
    r"xấp xỉ|trên|dưới|từ|gần)\s+)?\d+(?:[.,]\d+)?\s*%",
    re.I,
)
_DEADLINE = re.compile(
    r"\b(?:trong|trước|đến|vào|chậm nhất|từ)\s+(?:hết\s+|cuối\s+)?"
    r"(?:ngày\s+\d{1,2}(?:/\d{1,2}/\d{4}|\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?)|"
    r"quý\s+[IV]{1,3}(?:\s*/\s*|\s+năm\s+)\d{4}|tháng\s+\d{1,2}(?:\s*/\s*\d{4}|\s+năm\s+\d{4})|năm\s+\d{4})",
    re.I,
)
_PLACE = re.compile(r"\b(?:lưu vực\s+)?(?:sông|tỉnh|thành phố|thủ đô|Thủ đô|Sông|Tỉnh|Thành phố)\s+", re.I)


def _targets(text: str) -> dict[str, str]:
    found = find_targets(text)
    if not found:
        return {
            c: NA for c in ("target_indicator", "target_value", "target_unit", "baseline_year", "target_year")
        }
    values = [m.group().strip() for m in _VALUE.finditer(text)]
    if len(values) != len(found):
        values = [f"{abs(t.value):g}%" for t in found]

    def join(items: list[str]) -> str:
        return "; ".join(items) if any(i != NA for i in items) else NA

    return {
        "target_indicator": join([t.indicator or NA for t in found]),
        "target_value": join(values),
        "target_unit": join([t.unit for t in found]),
        "baseline_year": join([str(t.baseline_year) if t.baseline_year else NA for t in found]),
        "target_year": join([str(t.target_year) if t.target_year else NA for t in found]),
    }


def deadlines(text: str) -> str:
    """Every time phrase of ``text`` as written ("trước ngày 31/12/2026"), "; " between, or n/a."""
    found = list(dict.fromkeys(m.group().strip() for m in _DEADLINE.finditer(text)))
    return "; ".join(found) if found else NA


def places(text: str) -> str:
    """Places named after "tỉnh", "thành phố", "sông" … ("sông Nhuệ - Đáy"), ";" between, or none."""
    found: list[str] = []
    for m in _PLACE.finditer(text):
        words: list[str] = []
        for w in re.split(r"(\s+-\s+|\s+)", text[m.end() : m.end() + 80]):
            if not w.strip():
                continue
            if w.strip() == "-":
                words.append("-")
                continue
            core = w.rstrip(",;:.)")
            if not core[:1].isupper():
                break
            words.append(core)
            if core != w:
                break
        while words and words[-1] == "-":
            words.pop()
        if words:
            keyword = text[m.start() : m.end()].strip()
            found.append(f"{keyword} {' '.join(words)}")
    found = list(dict.fromkeys(found))
    return ";".join(found) if found else "none"


_BREAK = re.compile(r"[,;:.!?()\[\]\"“”'‘’/…]|\s[-–—]\s")


_ROLE = re.compile(r"(?<!\w)(?:chủ trì|phối hợp(?: với)?|có trách nhiệm|chịu trách nhiệm)(?!\w)", re.I)


def _without_names(text: str) -> str:
    """``text`` with every agency name, role ("chủ trì", "phối hợp với") and time phrase replaced by
    a comma (a phrase break)."""
    text = _ROLE.sub(",", _DEADLINE.sub(",", text))
    out: list[str] = []
    pos = 0
    while pos < len(text):
        found = _agency_at(text, pos) if pos == 0 or not text[pos - 1].isalnum() else None
        if found is not None:
            out.append(",")
            pos = found[1]
        else:
            out.append(text[pos])
            pos += 1
    return "".join(out)


def phrases(text: str) -> list[list[str]]:
    """The runs of content syllables of ``text`` (agency names, time phrases, punctuation, numbers
    and function syllables (:data:`~.matcher.STOPWORDS`) break a run)."""
    out: list[list[str]] = []
    for chunk in _BREAK.split(_without_names(text)):
        run: list[str] = []
        for w in syllables(chunk):
            if w in STOPWORDS or any(ch.isdigit() for ch in w):
                if run:
                    out.append(run)
                run = []
            else:
                run.append(w)
        if run:
            out.append(run)
    return out


@dataclass
class Cohesion:
    """How strongly two adjacent syllables hold together, counted over a body of text.

    ``dice("kế", "hoạch")`` = 2·n(kế hoạch) / (n(kế) + n(hoạch)): near 1 for a compound whose
    syllables rarely stand apart, low for a pair that only meets across a word boundary
    ("hành kế" of "ban hành kế hoạch": "hành" and "kế" each occur in many other words).
    """

    single: Counter[str]
    pair: Counter[str]

    @classmethod
    def of(cls, texts: list[str]) -> Cohesion:
        single: Counter[str] = Counter()
        pair: Counter[str] = Counter()
        for text in texts:
            for run in phrases(text):
                single.update(run)
                pair.update(f"{a} {b}" for a, b in itertools.pairwise(run))
        return cls(single, pair)

    def dice(self, a: str, b: str) -> float:
        n = self.pair[f"{a} {b}"]
        return 2 * n / (self.single[a] + self.single[b]) if n else 0.0

    def cut(self, run: list[str]) -> list[str]:
        """``run`` cut into words of one or two syllables, the cut that holds together best
        (the most cohesion summed over its pairs; on a tie a pair at the start of the run)."""
        best: list[tuple[float, list[str]]] = [(0.0, [])] * (len(run) + 1)
        for i in range(len(run) - 1, -1, -1):
            alone = (best[i + 1][0], [run[i], *best[i + 1][1]])
            if i + 1 < len(run) and self.dice(run[i], run[i + 1]) > 0:
                paired = (
                    best[i + 2][0] + self.dice(run[i], run[i + 1]),
                    [f"{run[i]} {run[i + 1]}", *best[i + 2][1]],
                )
                best[i] = paired if paired[0] >= alone[0] else alone
            else:
                best[i] = alone
        return best[0][1]


@functools.cache
def _background() -> tuple[str, ...]:
    """Texts of the same kind the cohesion is also counted over: the bundled plan and catalogue."""
    texts: list[str] = []
    for path, column in ((BUNDLED_PLAN, None), (RESOLUTION_CATALOGUE, "paraphrase_vi")):
        try:
            texts += (
                [row[column] for _, row in read_reference(path, what="catalogue", columns=[column])]
                if column
                else [Path(path).read_text(encoding="utf-8")]
            )
        except (OSError, ValueError, KeyError):  # an installation without its data: the document alone
            continue
    return tuple(texts)


def key_terms(
    text: str,
    n: int = 4,
    document: Counter[str] | None = None,
    leave_out: str = "",
    cohesion: Cohesion | None = None,
) -> str:
    """The ``n`` salient two-syllable words of ``text``'s content, ";" between.

    Agency names (the addressee and any other), time phrases and function syllables are
    left out; the rest is cut into words by ``cohesion`` (:class:`Cohesion`, counted over the
    document and texts of its kind), so a key term is a word of the text, never a pair of
    syllables across a word boundary. Words are ranked by how often they occur in ``text``,
    then in how many entries of the ``document`` (a term that recurs across entries is the
    resolution's own), then in the text's order. ``leave_out``: more words not to take.
    """
    cohesion = cohesion or Cohesion.of([text, *_background()])
    skip = {w for run in phrases(leave_out) for w in cohesion.cut(run)} if leave_out else set()
    found = [w for run in phrases(text) for w in cohesion.cut(run) if w not in skip]
    counts = Counter(found)
    pairs = [w for w in counts if " " in w] or list(counts)
    document = document or Counter()
    ranked = sorted(pairs, key=lambda t: (-counts[t], -min(document[t], 3)))  # stable: ties keep text order
    return ";".join(ranked[:n])


# ------------------------------------------------------------------ entries
_EFFECT_TITLE = re.compile(r"hiệu lực|điều khoản thi hành|trách nhiệm thi hành", re.I)
_EFFECT_TEXT = re.compile(
    r"^(?:Luật|Nghị quyết|Nghị định|Quyết định|Thông tư|Chỉ thị|Pháp lệnh) này "
    r"có hiệu lực"
)
_ENDORSE = re.compile(
    r"^(?:(?:Quốc hội|Chính phủ|Ủy ban Thường vụ Quốc hội)\s+)?(?:cơ bản\s+)?"
    r"(?:tán thành|ghi nhận|đánh giá cao|biểu dương|thông qua)\b",
    re.I,
)
_ISSUE = re.compile(r"^(?:Ban hành kèm theo|Phê duyệt)\b", re.I)


@dataclass
class _Entry:
    key: str
    section: str
    group: str
    text: str
    ref: Ref
    chain: list[tuple[str, str]]  # (where, text) from the entry up to its article: who is addressed
    context: str = ""  # why it is context, or "" for a task or target
    slug: str = ""  # the heading's place ("D2.1"): with the heading, the resolution_group


def group_label(slug: str, heading: str) -> str:
    """A generated catalogue's ``resolution_group``: the heading's place and its words, cut at a word
    ("D2.1: Về hoàn thiện thể chế, chính sách, pháp luật về bảo vệ môi trường")."""
    return f"{slug}: {short_title(heading, GROUP_WORDS)}"


GROUP_WORDS = 10  # words of a heading in a group label


def _cite(article: Article, clause: Clause | None = None, point: Point | None = None) -> str:
    """ "điểm a khoản 1 Điều 2", as a Vietnamese text cites a place."""
    parts = ([f"điểm {point.letter}"] if point else []) + ([f"khoản {clause.number}"] if clause else [])
    return " ".join([*parts, f"Điều {article.number}"])


def _section(article: Article, clause: Clause | None = None, point: Point | None = None) -> str:
    parts = [f"Điều {article.number}"] + ([f"khoản {clause.number}"] if clause else [])
    return ", ".join(parts + ([f"điểm {point.letter}"] if point else []))


def _lead_in(text: str) -> str:
    return text.strip().rstrip(":").strip()


def _article_context(article: Article) -> str:
    text = article.intro.strip()
    if _EFFECT_TITLE.search(article.title) or _EFFECT_TEXT.match(text):
        return f"Điều {article.number} quy định hiệu lực, trách nhiệm thi hành; không giao nhiệm vụ cụ thể."
    if not article.title and _ENDORSE.match(text):
        return f"Điều {article.number} tán thành, đánh giá kết quả; không giao nhiệm vụ."
    if _ISSUE.match(text):
        return f"Điều {article.number} ban hành văn bản kèm theo; các nhiệm vụ được đọc từ văn bản đó."
    return ""


def _entries(res: Resolution) -> Iterator[_Entry]:
    for art in res.articles:
        title = art.title or f"Điều {art.number}"
        top = [(f"Điều {art.number}", art.intro)]
        effect = _article_context(art) if _EFFECT_TITLE.search(art.title) else ""
        d = f"D{art.number}"
        for clause in art.clauses:
            if not clause.points:
                ctx = effect or (
                    ""
                    if not _EFFECT_TEXT.match(clause.text)
                    else f"Khoản {clause.number} Điều {art.number} quy định hiệu lực thi hành."
                )
                yield _Entry(
                    f"{d}.{clause.number}",
                    _section(art, clause),
                    title,
                    clause.text,
                    clause.ref,
                    [(_cite(art, clause), clause.text), *top],
                    ctx,
                    d,
                )
            for point in clause.points:
                yield _Entry(
                    f"{d}.{clause.number}-{point.letter}",
                    _section(art, clause, point),
                    _lead_in(clause.text),
                    point.text,
                    point.ref,
                    [(_cite(art, clause, point), point.text), (_cite(art, clause), clause.text), *top],
                    effect,
                    f"{d}.{clause.number}",
                )
        for point in art.points:
            yield _Entry(
                f"{d}-{point.letter}",
                _section(art, None, point),
                _lead_in(art.intro) or title,
                point.text,
                point.ref,
                [(_cite(art, None, point), point.text), *top],
                effect,
                d,
            )
        if not art.clauses and not art.points:
            yield _Entry(
                d, _section(art), title, art.intro or art.title, art.ref, top, _article_context(art), d
            )


def _applicability(chain: list[tuple[str, str]]) -> tuple[str, str, str]:
    """(addressee, applies_to_province, province_reason) from the nearest place that names someone."""
    for place, text in chain:
        found = addressee(text)
        if found is None:
            continue
        where_ = place[:1].upper() + place[1:]
        if found.applies == "yes":
            mixed = " (cùng cơ quan trung ương)" if "central" in found.kinds else ""
            reason = f"{where_} giao {found.text}{mixed}: có chính quyền địa phương cấp tỉnh."
            return found.text, "yes", reason
        if found.applies == "no":
            return found.text, "no", f"{where_} chỉ giao cơ quan trung ương ({found.text})."
        return (
            found.text,
            "unknown",
            (f"{where_} giao {found.text}, không phải chính quyền cấp tỉnh hay cơ quan trung ương."),
        )
    places_ = ", ".join(p for p, _ in chain)
    return NOT_NAMED, "unknown", f"Không nêu cơ quan thực hiện ({places_}); cần người đọc xác định."


def _row(
    res: Resolution,
    prefix: str,
    entry_id: str,
    section: str,
    group: str,
    text: str,
    ref: Ref,
    addressee_: str,
    applies: str,
    reason: str,
    deadline: str,
    context: str,
    document: Counter[str],
    cohesion: Cohesion,
    label: str,
) -> dict[str, str]:
    target = _targets(text)
    is_target = target["target_value"] != NA
    entry_type = "context" if context else ("target" if is_target else "task")
    return {
        "id": f"{prefix}-{entry_id}",
        "document": res.name,
        "section": section,
        "group": group,
        "title_vi": short_title(text),
        "title_en": NO_ENGLISH,
        "paraphrase_vi": text,
        "paraphrase_en": NO_ENGLISH,
        "key_terms": key_terms(text, document=document, leave_out=addressee_, cohesion=cohesion),
        **target,
        "deadline": deadline,
        "addressee": addressee_,
        "mentions_local": places(text),
        "source_url": f"{Path(res.path).name}, {section} ({ref.label})",
        "confidence": "TEXT",
        "entry_type": entry_type,
        "applies_to_province": "" if context else applies,
        "province_reason": context or reason,
        "resolution_group": "" if context else label,
    }


def _appendix_row(
    res: Resolution, prefix: str, row: AppendixRow, document: Counter[str], cohesion: Cohesion
) -> dict[str, str]:
    lead = row.cells.get("lead", "").replace("\n", "; ").strip()
    place = f"Phụ lục, nhiệm vụ {row.key}"
    found = addressee(lead) if lead else None
    if not lead:
        applies, reason = "unknown", f"{place}: không ghi cơ quan chủ trì."
    elif found is None or found.applies == "unknown":
        applies = "unknown"
        reason = f"{place}: cơ quan chủ trì ({lead}) không phải chính quyền cấp tỉnh hay cơ quan trung ương."
    elif found.applies == "yes":
        applies, reason = "yes", f"{place}: cơ quan chủ trì là {lead}."
    else:
        applies, reason = "no", f"{place}: cơ quan chủ trì là cơ quan trung ương ({lead})."
    section = "Phụ lục" + (f", mục {row.group_label}" if row.group_label else "") + f", nhiệm vụ {row.number}"
    deadline = row.cells.get("timeline", "").replace("\n", " ").strip() or NA
    content = row.cells.get("content", "").replace("\n", " ").strip()
    group = row.group or "Phụ lục"
    return _row(
        res,
        prefix,
        f"PL{row.key}",
        section,
        group,
        content,
        row.ref,
        lead or NOT_NAMED,
        applies,
        reason,
        deadline,
        "",
        document,
        cohesion,
        group_label(f"PL{row.group_label}", group),
    )


def catalogue_rows(res: Resolution, prefix: str) -> pd.DataFrame:
    """The catalogue entries of ``res`` in document order, columns :data:`CATALOGUE_COLUMNS`."""
    if not _PREFIX.match(prefix or ""):
        raise PlanParseError(
            res.path, None, f"the id prefix {prefix!r} must be letters, digits, '-', '_' or '.' (e.g. NQ247)"
        )
    rows: list[dict[str, str]] = []
    seen: dict[str, Ref] = {}

    def add(row: dict[str, str], ref: Ref) -> None:
        if row["id"] in seen:
            raise PlanParseError(
                res.path,
                where(ref),
                f"entry id {row['id']} is given twice (first at {seen[row['id']].label})",
            )
        seen[row["id"]] = ref
        rows.append(row)

    entries = list(_entries(res))
    texts = [e.text for e in entries] + [r.cells.get("content", "") for r in res.appendix]
    cohesion = Cohesion.of([*texts, *_background()])
    document: Counter[str] = Counter()  # in how many entries each word occurs
    for text in texts:
        document.update({w for run in phrases(text) for w in cohesion.cut(run)})
    for e in entries:
        who, applies, reason = _applicability(e.chain)
        add(
            _row(
                res,
                prefix,
                e.key,
                e.section,
                e.group,
                e.text,
                e.ref,
                who,
                applies,
                reason,
                deadlines(e.text),
                e.context,
                document,
                cohesion,
                group_label(e.slug, e.group),
            ),
            e.ref,
        )
    for r in res.appendix:
        add(_appendix_row(res, prefix, r, document, cohesion), r.ref)
    return pd.DataFrame(rows, columns=COLUMNS).astype(str)


#: The columns of a generated catalogue: the bundled catalogue's, in its order (the titles after ``group``).
COLUMNS = [*list(CATALOGUE_COLUMNS)[:4], *TITLE_COLUMNS, *list(CATALOGUE_COLUMNS)[4:]]


def catalogue_and_warnings(path: str | Path, prefix: str) -> tuple[pd.DataFrame, list[ReadingWarning]]:
    """The catalogue rows of a resolution, and what was read as written for a reader to check
    (:class:`~plan132lib.ingest.resolution.ReadingWarning`: a gap in the point letters)."""
    res = read_resolution(path)
    return catalogue_rows(res, prefix), list(res.warnings)


def catalogue_from_text(path: str | Path, prefix: str) -> pd.DataFrame:
    """Read a resolution or decision (text export, .docx, .pdf) into catalogue rows."""
    return catalogue_rows(read_resolution(path), prefix)
