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

**Addressee and applicability.** The addressee of an entry is the run of agency
names at the start of its own text (a point "c) Bộ Nông nghiệp và Môi trường chủ
trì …"), else of its clause's lead-in ("2. Ủy ban nhân dân các tỉnh, thành phố
trực thuộc trung ương có trách nhiệm:"), else of its article's intro; the nearest
level that names someone decides. A leading "Giao", "Yêu cầu", "Đề nghị" is
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

``key_terms`` are the most frequent adjacent-syllable pairs of the text
(:func:`plan132lib.analysis.matcher.terms`); ``mentions_local`` the places named
after "tỉnh", "thành phố", "sông" …; ``paraphrase_vi`` the entry's own text
verbatim (a point's text without its clause's lead-in); ``paraphrase_en`` is left
empty (no translation is made).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..errors import PlanParseError
from ..ingest.document import Ref
from ..ingest.resolution import AppendixRow, Article, Clause, Point, Resolution, read_resolution
from ..ingest.structure import where
from ..ingest.targets import find_targets
from .catalogue import CATALOGUE_COLUMNS
from .matcher import terms

NA = "n/a"
NOT_NAMED = "(không nêu)"  # the addressee where the text names no one
_PREFIX = re.compile(r"^[A-Za-z0-9Đđ_\-.]+$")

# ------------------------------------------------------------------ who is addressed
_BO = r"(?:Bộ|bộ)"
_UB = r"(?:Ủy|Uỷ) ban"
_TINH = r"(?:các\s+)?(?:tỉnh, thành phố trực thuộc [Tt]rung ương|cấp tỉnh|các cấp|tỉnh|thành phố)"
#: The ministries by name (the names of 2025 and the names they replaced).
MINISTRIES = (
    "Quốc phòng", "Công an", "Ngoại giao", "Nội vụ", "Tư pháp", "Tài chính", "Công Thương",
    "Nông nghiệp và Môi trường", "Xây dựng", "Văn hóa, Thể thao và Du lịch", "Văn hoá, Thể thao và Du lịch",
    "Khoa học và Công nghệ", "Giáo dục và Đào tạo", "Y tế", "Dân tộc và Tôn giáo", "Tài nguyên và Môi trường",
    "Kế hoạch và Đầu tư", "Giao thông vận tải", "Lao động - Thương binh và Xã hội",
    "Thông tin và Truyền thông",
    "Nông nghiệp và Phát triển nông thôn",
)
#: (kind, pattern) of a name an entry can be addressed to; kinds: local, central, other.
_AGENCIES: tuple[tuple[str, str], ...] = (
    ("local", rf"(?:Chủ tịch\s+)?(?:{_UB} nhân dân|UBND|Hội đồng nhân dân|HĐND)\s+{_TINH}"),
    ("local", r"(?:các\s+)?(?:cấp\s+)?chính quyền địa phương(?:\s+các cấp)?"),
    ("local", r"(?:các\s+)?địa phương"),
    ("central", r"Thủ tướng Chính phủ"),
    ("central", r"(?:các\s+)?Phó Thủ tướng(?: Chính phủ)?"),
    ("central", r"Chính phủ"),
    ("central", r"Quốc hội"),
    ("central", rf"{_UB} Thường vụ Quốc hội"),
    ("central", r"Hội đồng Dân tộc"),
    ("central", rf"(?:các\s+)?{_UB} của Quốc hội"),
    ("central", r"(?:các\s+)?Đoàn đại biểu Quốc hội"),
    ("central", r"(?:các\s+)?(?:vị\s+)?đại biểu Quốc hội"),
    ("central", r"Tòa án nhân dân tối cao|Toà án nhân dân tối cao|Viện kiểm sát nhân dân tối cao"),
    ("central", r"Kiểm toán [Nn]hà nước"),
    ("central", rf"{_UB} Trung ương Mặt trận Tổ quốc Việt Nam"),
    ("central", r"Văn phòng Chính phủ|Thanh tra Chính phủ|Ngân hàng Nhà nước(?: Việt Nam)?"),
    ("central", rf"(?:các\s+)?{_BO} trưởng"),
    ("central", rf"(?:các\s+)?Thủ trưởng cơ quan (?:ngang {_BO}|thuộc Chính phủ)"),
    ("central", rf"(?:các\s+)?cơ quan (?:ngang {_BO}|thuộc Chính phủ)"),
    ("central", rf"(?:các\s+)?{_BO}, ngành(?:\s+(?:trung ương|Trung ương|liên quan))?"),
    ("central", rf"(?:các\s+)?{_BO}(?=,)"),
    ("central", r"Bộ (?:" + "|".join(re.escape(m) for m in MINISTRIES) + ")"),
    ("other", r"(?:[Cc]ác\s+)?cơ quan(?:,\s+tổ chức)?(?:,\s+đơn vị)?\s+(?:có\s+)?liên quan"),
    ("other", r"(?:[Cc]ác\s+)?cơ quan báo chí"),
    ("other", r"(?:[Cc]ác\s+)?doanh nghiệp"),
    ("other", r"(?:[Cc]ác\s+)?tổ chức chính trị - xã hội"),
    ("other", r"Mặt trận Tổ quốc Việt Nam"),
)
_AGENCY_RES = tuple((kind, re.compile(p)) for kind, p in _AGENCIES)
_SEP = re.compile(r"\s*(?:,|;)\s*(?:và\s+)?|\s+và\s+")
_LEADING = re.compile(r"^(?:Giao|Yêu cầu|Đề nghị|Kính đề nghị)\s+", re.I)
_SPEAKER_ASKS = re.compile(r"\s*(?:yêu cầu|giao|đề nghị)\s+", re.I)
_SPEAKER_ONLY = re.compile(r"\s*(?:quyết nghị|tán thành|ghi nhận|đánh giá|thống nhất|quyết định|thông qua|"
                           r"ban hành|biểu dương|cơ bản)\b", re.I)


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


def addressee(text: str) -> Addressee | None:
    """Who ``text`` is addressed to: the run of agency names it starts with, or None.

    >>> addressee("Chính phủ chỉ đạo tổng kết …").text
    'Chính phủ'
    >>> addressee("Quốc hội yêu cầu Chính phủ, các địa phương tập trung …").applies
    'yes'
    >>> addressee("Quốc hội quyết nghị các nhiệm vụ sau đây:") is None
    True
    """
    text = text.strip()
    lead = _LEADING.match(text)
    start = lead.end() if lead else 0
    kinds, end, _ = _run(text, start)
    if not kinds:
        return None
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
_VALUE = re.compile(r"(?:(?:giảm|tăng)\s+)?"
                    r"(?:(?:tối thiểu|tới thiểu|ít nhất|không dưới|tối đa|không quá|khoảng|"
                    r"xấp xỉ|trên|dưới|từ|gần)\s+)?\d+(?:[.,]\d+)?\s*%", re.I)
_DEADLINE = re.compile(
    r"\b(?:trong|trước|đến|vào|chậm nhất|từ)\s+(?:hết\s+|cuối\s+)?"
    r"(?:ngày\s+\d{1,2}(?:/\d{1,2}/\d{4}|\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?)|"
    r"quý\s+[IV]{1,3}(?:\s*/\s*|\s+năm\s+)\d{4}|tháng\s+\d{1,2}(?:\s*/\s*\d{4}|\s+năm\s+\d{4})|năm\s+\d{4})",
    re.I)
_PLACE = re.compile(r"\b(?:lưu vực\s+)?(?:sông|tỉnh|thành phố|thủ đô|Thủ đô|Sông|Tỉnh|Thành phố)\s+", re.I)


def _targets(text: str) -> dict[str, str]:
    found = find_targets(text)
    if not found:
        return {c: NA for c in ("target_indicator", "target_value", "target_unit", "baseline_year",
                                "target_year")}
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
        for w in re.split(r"(\s+-\s+|\s+)", text[m.end():m.end() + 80]):
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
            keyword = text[m.start():m.end()].strip()
            found.append(f"{keyword} {' '.join(words)}")
    found = list(dict.fromkeys(found))
    return ";".join(found) if found else "none"


def key_terms(text: str, n: int = 4, document: Counter[str] | None = None, leave_out: str = "") -> str:
    """The ``n`` salient adjacent-syllable pairs of ``text`` (:func:`~.matcher.terms`), ";" between.

    Pairs are ranked by how often they occur in ``text``, then by how often in the whole
    ``document`` (a compound such as "nước thải" recurs across entries, a pair that
    straddles two words rarely does), then in the text's order. Pairs of the
    ``leave_out`` text (the addressee's name) are left out.
    """
    counts = terms(text)
    skip = set(terms(leave_out)) if leave_out else set()
    pairs = [t for t in counts if " " in t and t not in skip] or [t for t in counts if t not in skip]
    document = document or Counter()
    ranked = sorted(pairs, key=lambda t: (-counts[t], -min(document[t], 3)))  # stable: ties keep text order
    chosen: list[str] = []
    for term in ranked:  # "bảo vệ", "môi trường": not also "vệ môi", which straddles the two
        first, _, last = term.partition(" ")
        if not any(c.endswith(" " + first) or c.startswith(last + " ") for c in chosen if last):
            chosen.append(term)
        if len(chosen) == n:
            break
    return ";".join(chosen)


# ------------------------------------------------------------------ entries
_EFFECT_TITLE = re.compile(r"hiệu lực|điều khoản thi hành|trách nhiệm thi hành", re.I)
_EFFECT_TEXT = re.compile(r"^(?:Luật|Nghị quyết|Nghị định|Quyết định|Thông tư|Chỉ thị|Pháp lệnh) này "
                          r"có hiệu lực")
_ENDORSE = re.compile(r"^(?:(?:Quốc hội|Chính phủ|Ủy ban Thường vụ Quốc hội)\s+)?(?:cơ bản\s+)?"
                      r"(?:tán thành|ghi nhận|đánh giá cao|biểu dương|thông qua)\b", re.I)
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
                ctx = effect or ("" if not _EFFECT_TEXT.match(clause.text) else
                                 f"Khoản {clause.number} Điều {art.number} quy định hiệu lực thi hành.")
                yield _Entry(f"{d}.{clause.number}", _section(art, clause), title, clause.text, clause.ref,
                             [(_cite(art, clause), clause.text), *top], ctx)
            for point in clause.points:
                yield _Entry(f"{d}.{clause.number}-{point.letter}", _section(art, clause, point),
                             _lead_in(clause.text), point.text, point.ref,
                             [(_cite(art, clause, point), point.text), (_cite(art, clause), clause.text),
                              *top],
                             effect)
        for point in art.points:
            yield _Entry(f"{d}-{point.letter}", _section(art, None, point), _lead_in(art.intro) or title,
                         point.text, point.ref, [(_cite(art, None, point), point.text), *top], effect)
        if not art.clauses and not art.points:
            yield _Entry(d, _section(art), title, art.intro or art.title, art.ref, top, _article_context(art))


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
        return found.text, "unknown", (f"{where_} giao {found.text}, không phải chính quyền cấp tỉnh hay cơ "
                                       "quan trung ương.")
    places_ = ", ".join(p for p, _ in chain)
    return NOT_NAMED, "unknown", f"Không nêu cơ quan thực hiện ({places_}); cần người đọc xác định."


def _row(res: Resolution, prefix: str, entry_id: str, section: str, group: str, text: str, ref: Ref,
         addressee_: str, applies: str, reason: str, deadline: str, context: str,
         document: Counter[str]) -> dict[str, str]:
    target = _targets(text)
    is_target = target["target_value"] != NA
    entry_type = "context" if context else ("target" if is_target else "task")
    return {
        "id": f"{prefix}-{entry_id}",
        "document": res.name,
        "section": section,
        "group": group,
        "paraphrase_vi": text,
        "paraphrase_en": "",
        "key_terms": key_terms(text, document=document, leave_out=addressee_),
        **target,
        "deadline": deadline,
        "addressee": addressee_,
        "mentions_local": places(text),
        "source_url": f"{Path(res.path).name}, {section} ({ref.label})",
        "confidence": "TEXT",
        "entry_type": entry_type,
        "applies_to_province": "" if context else applies,
        "province_reason": context or reason,
        "resolution_group": "" if context else "other",
    }


def _appendix_row(res: Resolution, prefix: str, row: AppendixRow, document: Counter[str]) -> dict[str, str]:
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
    return _row(res, prefix, f"PL{row.key}", section, row.group or "Phụ lục", content, row.ref,
                lead or NOT_NAMED, applies, reason, deadline, "", document)


def catalogue_rows(res: Resolution, prefix: str) -> pd.DataFrame:
    """The catalogue entries of ``res`` in document order, columns :data:`CATALOGUE_COLUMNS`."""
    if not _PREFIX.match(prefix or ""):
        raise PlanParseError(res.path, None, f"the id prefix {prefix!r} must be letters, digits, '-', '_' "
                                             "or '.' "
                                             "(e.g. NQ247)")
    rows: list[dict[str, str]] = []
    seen: dict[str, Ref] = {}

    def add(row: dict[str, str], ref: Ref) -> None:
        if row["id"] in seen:
            raise PlanParseError(res.path, where(ref), f"entry id {row['id']} is given twice (first at "
                                                       f"{seen[row['id']].label})")
        seen[row["id"]] = ref
        rows.append(row)

    entries = list(_entries(res))
    document: Counter[str] = Counter()  # in how many entries each term occurs
    for text in [e.text for e in entries] + [r.cells.get("content", "") for r in res.appendix]:
        document.update(set(terms(text)))
    for e in entries:
        who, applies, reason = _applicability(e.chain)
        add(_row(res, prefix, e.key, e.section, e.group, e.text, e.ref, who, applies, reason,
                 deadlines(e.text), e.context, document), e.ref)
    for r in res.appendix:
        add(_appendix_row(res, prefix, r, document), r.ref)
    return pd.DataFrame(rows, columns=list(CATALOGUE_COLUMNS)).astype(str)


def catalogue_from_text(path: str | Path, prefix: str) -> pd.DataFrame:
    """Read a resolution or decision (text export, .docx, .pdf) into catalogue rows."""
    return catalogue_rows(read_resolution(path), prefix)
