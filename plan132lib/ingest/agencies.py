"""The agency registry and the splitting of agency cells.

A lead or coordinating cell lists agencies separated by ``,``, ``;`` and "và",
but commas and "và" also occur inside names ("UBND xã, phường", "Sở Khoa học
và Công nghệ", "Sở Văn hóa, Thể thao và Du lịch"). :func:`split_agencies`
therefore cuts a cell into atoms at every possible separator and regroups them:

1. from the current atom, the longest run of atoms that the registry knows
   (under :func:`~plan132lib.names.name_key`) is one agency;
2. otherwise the agency runs on until the next atom that starts a new agency
   name (a head word such as "Sở", "UBND", "Công an", "các") — the name is
   kept as written, marked unknown and reported, never guessed into another
   agency.

``;`` and a paragraph break always separate; ``,``, ``/`` and "và" separate only
outside parentheses ("Sở Nông nghiệp và Môi trường (Văn phòng Đăng ký đất đai và các
Chi nhánh)" is one agency). A factored list ("Các Sở: Tài chính, Xây dựng") is
expanded into "Sở Tài chính", "Sở Xây dựng". Role phrases written where a name
belongs ("Đề nghị phối hợp với …", "… trực tiếp triển khai tại địa bàn") are cut off
the name and kept as the mention's ``note``.

The registry is not one province's: names and aliases may hold ``{province}``
("Hưng Yên"), ``{unit}`` ("tỉnh Hưng Yên", "thành phố Hải Phòng"), ``{level}`` ("tỉnh",
"thành phố"), ``{level_en}`` ("Provincial", "City") and ``{province_ascii}``, filled in
for each plan by :meth:`Registry.localised`; and a name that ends in the plan's
province ("Công an tỉnh Ninh Bình", "Công an Thành phố") is looked up as the standard
body ("Công an tỉnh"). An unknown name is kept as written, with the closest registry
name as a suggestion.
"""

from __future__ import annotations

import copy
import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property
from itertools import islice
from pathlib import Path

from ..errors import ReferenceDataError
from ..paths import AGENCY_REGISTRY
from ..reference import read_reference
from ..words import Problem
from .names import fold_ascii, name_key, slug

REGISTRY_COLUMNS = (
    "agency_id",
    "name",
    "short_name",
    "name_en",
    "kind",
    "is_collective",
    "members",
    "status",
    "aliases",
)
KINDS = frozenset(
    {
        "provincial_committee",
        "office",
        "department",
        "inspectorate",
        "police",
        "military",
        "board",
        "press",
        "front",
        "commune_level",
        "collective",
        "vertical",
        "ministry",
        "council",
        "party",
        "other",
    }
)
UNKNOWN_KIND = "unknown"
#: The status (and id prefix) of a body that a reviewer named and the registry does not hold.
REVIEWED = "reviewed"

# Words that begin a new agency name after a "," or "và". Capitalised forms are
# matched case-sensitively ("Ban Quản lý …" starts a name, "sở, ban, ngành" does not).
_HEADS_CASED = (
    "Sở",
    "UBND",
    "Ủy ban",
    "Uỷ ban",
    "Công an",
    "Thanh tra",
    "Ban",
    "Văn phòng",
    "Các",
    "Bộ",
    "Báo",
    "Đài",
    "Trung tâm",
    "Hội",
    "Liên đoàn",
    "Đoàn",
    "Tỉnh đoàn",
    "Kho bạc",
    "Thuế",
    "Bảo hiểm",
    "Cục",
    "Chi cục",
    "Mặt trận",
    "MTTQ",
    "UBMTTQ",
    "BCH",
    "BQL",
    "Chủ tịch",
    "Cơ quan",
    "Đơn vị",
    "Doanh nghiệp",
    "Tổ chức",
    "Viện",
    "Trường",
    "Công ty",
    "Tổng công ty",
    "Ngân hàng",
    "Hội đồng",
    "Quỹ",
    "Vườn quốc gia",
    "Khu bảo tồn",
    "Bệnh viện",
    "Cảng vụ",
    "Chi nhánh",
    "Tổng cục",
    "Giám đốc",
    "Thủ trưởng",
    "Người đứng đầu",
    "Chánh",
    "Chỉ huy trưởng",
    "Trưởng",
)
#: Words for a kind of body, which name none alone.
_BARE_HEADS = frozenset(name_key(h) for h in (*_HEADS_CASED, "Ban Quản lý", "Ban quản lý"))
_HEADS_LOWER = ("đơn vị", "cơ quan", "tổ chức", "doanh nghiệp", "người dân", "cộng đồng")
# "các" begins a new name only before a word for bodies ("và các đơn vị có liên quan"), not inside
# a name ("Ban Quản lý bán đảo Sơn Trà và các bãi biển du lịch").
_CAC_BODIES = re.compile(
    r"^các\s+(?:sở|ban|ngành|đơn vị|cơ quan|tổ chức|doanh nghiệp|xã|phường|địa phương|"
    r"đoàn thể|hội|chủ đầu tư|cơ sở|lực lượng|bộ|ủy ban|uỷ ban|ubnd|trường|viện|"
    r"trung tâm|công ty|hợp tác xã|thành viên)\b",
    re.I,
)
_SOFT_SEP = re.compile(r"\s*,\s*(?:và\s+)?|\s+và\s+|\s*/\s*")
_HARD_SEP = re.compile(r"[;\n]")
_PARENS = re.compile(r"\([^()]*\)")
#: Role phrases written where an agency name belongs, cut off and kept as a note.
_ROLE_BEFORE = re.compile(
    r"^(?P<note>(?:(?:Kính\s+)?Đề nghị\s+)?phối hợp(?:\s+với|\s+cùng)?\s+|"
    r"(?:Kính\s+)?Đề nghị\s+)(?=\S)",
    re.I,
)
#: A role phrase after a name runs to the end of its sentence: "UBND các xã trực tiếp triển khai tại
#: địa bàn", "Sở … triển khai hệ thống, hạ tầng", "Sở … theo chức năng, nhiệm vụ", "Sở … chủ trì, tham mưu".
#: "triển khai" counts only before a lower-case word, so "Ban Chỉ đạo triển khai Nghị quyết …" and
#: "… thuộc đối tượng triển khai" keep their names whole. Horizontal spaces are collapsed before it runs.
_ROLE_AFTER = re.compile(
    r" (?P<note>(?i:trực tiếp (?:triển khai|thực hiện|tổ chức))\b.*|(?i:triển khai) (?=[a-zđà-ỹ]).*|"
    r"(?i:theo (?:chức năng|phạm vi|lĩnh vực|thẩm quyền))\b.*|(?i:chủ trì),? (?i:tham mưu)\b.*)$"
)
#: Verbs of a duty written after a known body's name ("Sở Khoa học và Công nghệ hướng dẫn, hỗ trợ kỹ
#: thuật"): from there on the cell says what the body does, a note. Only after a name the registry
#: knows, so an unknown name that holds such a word ("Ban Chỉ đạo … hướng dẫn …") stays whole.
_ROLE_VERB = re.compile(
    r" (?=(?:trực tiếp )?(?:hướng dẫn|hỗ trợ|tham mưu|chủ trì|phối hợp|thực hiện|triển khai|kiểm tra|"
    r"theo dõi|tổng hợp|đôn đốc|xây dựng|cung cấp|báo cáo|chỉ đạo|tổ chức|bảo đảm|đảm bảo|giám sát|"
    r"rà soát)\b)"
)
#: A role in parentheses after a name ("Sở Tài chính (chủ trì)", "(phối hợp thẩm định)"): a note. A
#: sub-unit in parentheses ("Sở … (Văn phòng Đăng ký đất đai)") is part of the name.
_ROLE_IN_PARENS = re.compile(
    r"\s*\((?P<note>(?:chủ trì|phối hợp|tham mưu|thực hiện|triển khai|đầu mối|theo dõi|tổng hợp|"
    r"hướng dẫn|hỗ trợ|cơ quan (?:chủ trì|thường trực|đầu mối))\b[^()]*)\)",
    re.I,
)
#: A person's title standing for the body they head ("Giám đốc các Sở", "Chủ tịch UBND các xã"):
#: the body is the mention, the title its note.
_TITLE = re.compile(
    r"(?P<title>(?:Phó\s)?(?:Giám đốc|Chủ tịch|Thủ trưởng|Người đứng đầu|Chánh|"
    r"Chỉ huy trưởng|Trưởng)) (?=\S)"
)
#: Words that name a kind of body rather than one body ("cơ quan", "sở", "phường"). Under one
#: determiner they make one collective: "Các cơ quan, đơn vị, địa phương", "UBND các xã, phường, đặc
#: khu", "Sở, ngành liên quan", "UBND xã/phường".
_KIND_WORDS = (
    r"(?:cơ quan|đơn vị|địa phương|sở|ban|ngành|bộ|xã|phường|đặc khu|thị trấn|huyện|quận|thị xã|thành phố|"
    r"tổ chức|doanh nghiệp|đoàn thể|hội|cơ sở|lực lượng|chủ đầu tư|trường|viện|hợp tác xã|"
    r"tổ chức chính trị - xã hội|tổ chức chính trị – xã hội)"
)
#: The head of a collective: a kind word alone or after "các" / "UBND (các)", nothing after it.
_COLLECTIVE_HEAD = re.compile(
    rf"^(?:(?:các|những|mọi)\s+|(?:UBND|ủy ban nhân dân|uỷ ban nhân dân)\s+(?:các\s+)?)?{_KIND_WORDS}$", re.I
)
#: A piece that continues a collective: a bare kind word ("ban", "ngành", "đặc khu"), or a lower-case
#: one with words after it that close the collective ("đơn vị có liên quan").
_COLLECTIVE_BARE = re.compile(rf"^{_KIND_WORDS}$", re.I)
_COLLECTIVE_LAST = re.compile(rf"^{_KIND_WORDS}\s+\S")
_COMMITTEES = re.compile(r"^(?:UBND|ủy ban nhân dân|uỷ ban nhân dân)\s", re.I)
_DETERMINER = re.compile(r"^(?:các|những|mọi)\s", re.I)
#: A sentence's end inside a cell ("… theo phân cấp. Sở Khoa học …"): a hard separator.
_SENTENCE_END = re.compile(r"(?<=[a-zđà-ỹ)])\.\s+(?=[A-ZĐÀ-Ỹ])")
_HSPACE = re.compile(r"[^\S\n]+")
_SPACE_RUN = re.compile(r"\s+")
_LIST_MARK = re.compile(r"^(?:[-+•–*]|\d{1,2}[.)]|[a-zđ]\))\s+")
#: An instruction written where agencies belong; the cell keeps it, no agency is read from it.
_INSTRUCTION = re.compile(r"^(?:Theo\s+(?:phân công|quy định|chức năng)|Như\s+(?:trên|mục))\b", re.I)
#: "… tỉnh Ninh Bình", "… thành phố Hà Nội", "… TP Hải Phòng" at the end of a name: the place.
_PLACE_SUFFIX = re.compile(r"\s+(?:tỉnh|thành phố|TP\.?)\s+(?:[A-ZĐÀ-Ỹ][^\s,;()]*\s*(?:-\s*)?){1,4}$")
_CITY_WORD = re.compile(r"\b(?:[Tt]hành phố|TP\.?)(?=\s*$)")
_FACTORED = re.compile(r"^(?:(?:Giám đốc\s+)?[Cc]ác\s+)?[Ss]ở\s*:\s*(?P<rest>.+)$")
_EDGE = " .,;:-\t"
_MAX_ATOMS = 8
#: The most kind words one collective phrase takes in ("Các sở, ban, ngành, đoàn thể, địa phương, …").
_MAX_COLLECTIVE = 12
#: How many duty verbs in one part are tried as the end of a known body's name.
_MAX_ROLE_TRIES = 4


def starts_new_name(atom: str) -> bool:
    """Whether a piece of an agency cell begins a new agency name ("Sở …", "UBND …", "các …")."""
    return _starts_new_name(atom)


#: Heads that open a heading's words as often as a body's name ("Các nội dung", "Tổ chức thực hiện").
_AMBIGUOUS_HEAD = re.compile(
    r"^(?:Các|Tổ chức|Đơn vị|Cơ quan|Chủ tịch|Trưởng)\s+(?:thực hiện|triển khai|"
    r"nội dung|nhiệm vụ|công tác|chế độ|kiểm tra|giải pháp|hoạt động)\b",
    re.I,
)


def names_a_body(text: str) -> bool:
    """Whether a text begins by naming a body ("Sở Nội vụ …", "Các sở, ban, ngành …", "Giám đốc
    các Sở …"), unlike a subheading ("Công tác triển khai", "Kinh phí thực hiện", "Tổ chức thực hiện")."""
    text = _HSPACE.sub(" ", unicodedata.normalize("NFC", text)).strip(_EDGE)
    before = _ROLE_BEFORE.match(text)
    if before:
        text = text[before.end() :]
    if text.startswith("Giao "):
        text = text[len("Giao ") :]
    title = _TITLE.match(text)
    if title and _starts_new_name(text[title.end() :]):
        text = text[title.end() :]
    if _AMBIGUOUS_HEAD.match(text):
        return False
    if text[:1].isupper() and text.split(" ", 1)[0] == "Các":
        return bool(_CAC_BODIES.match(text.casefold()))
    return _starts_new_name(text)


def _starts_new_name(atom: str) -> bool:
    atom = atom.lstrip()
    for head in _HEADS_CASED:
        if atom.startswith(head) and (len(atom) == len(head) or not atom[len(head)].isalnum()):
            return True
    low = atom.casefold()
    if _CAC_BODIES.match(low):
        return True
    return any(low.startswith(h) and (len(low) == len(h) or not low[len(h)].isalnum()) for h in _HEADS_LOWER)


#: How close (difflib's ratio of the name keys) an unknown name read by OCR must be to a registry
#: name to be taken for it (Registry.tolerant): a letter or two in a name of ten or more.
OCR_CUTOFF = 0.9
#: A colon OCR read for a semicolon between two names: a word, ":", then a capital.
_OCR_COLON = re.compile(r"(?<=\w)\s*:\s+(?=(?P<next>\w))")


@dataclass(frozen=True)
class Agency:
    """One registry entry."""

    agency_id: str
    name: str
    short_name: str
    name_en: str
    kind: str
    is_collective: bool
    members: tuple[str, ...]
    status: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Mention:
    """One agency as named in a cell: the registry entry, or unknown.

    ``note`` holds a role phrase written with the name ("Đề nghị phối hợp với",
    "trực tiếp triển khai tại địa bàn"); ``suggestion`` the closest registry name
    when the name is unknown.
    """

    raw_name: str
    agency_id: str
    agency_name: str
    kind: str
    is_collective: bool
    known: bool
    note: str = ""
    suggestion: str = ""


def default_registry_path() -> Path:
    """The registry bundled with the project: ``data/reference/agencies.csv``."""
    return AGENCY_REGISTRY


class Registry:
    """Agencies by id, and every known spelling of their names."""

    def __init__(
        self,
        agencies: list[Agency],
        path: str | Path = "<registry>",
        province: str = "",
        reviewed: tuple[tuple[str, str], ...] = (),
    ) -> None:
        self.path = str(path)
        self.province = province
        self.reviewed = reviewed
        self._templates = agencies
        self._localised: dict[tuple[str, str], Registry] = {}
        self.agencies: dict[str, Agency] = {}
        self._by_key: dict[str, str] = {}
        self._split_cache: dict[str, tuple[Mention, ...]] = {}
        self._ocr = False  # names read by OCR: see tolerant()
        for agency in agencies:
            if agency.agency_id in self.agencies:
                raise ValueError(f"{path}: agency_id {agency.agency_id!r} appears twice")
            self.agencies[agency.agency_id] = agency
            for spelling in (agency.name, agency.short_name, *agency.aliases):
                key = name_key(spelling)
                other = self._by_key.get(key)
                if other is not None and other != agency.agency_id:
                    raise ValueError(
                        f"{path}: the name {spelling!r} is given for both {other} and {agency.agency_id}"
                    )
                self._by_key[key] = agency.agency_id
        for agency in agencies:
            for member in agency.members:
                if member not in self.agencies:
                    raise ValueError(f"{path}: {agency.agency_id} lists unknown member {member!r}")
        for spelling, body in reviewed:  # a reviewer's word wins over the registry's spellings
            self._by_key[name_key(spelling)] = self._reviewed_body(body)

    @classmethod
    def load(cls, path: str | Path | None = None) -> Registry:
        """Read a registry CSV (by the reference loader, :func:`plan132lib.reference.read_reference`);
        a malformed row raises a :class:`~plan132lib.errors.ReferenceDataError` naming its line."""
        path = Path(path) if path is not None else default_registry_path()
        agencies = []
        for line, row in read_reference(path, what=Problem("what.registry"), columns=REGISTRY_COLUMNS):
            if not row["agency_id"] or not row["name"]:
                raise ReferenceDataError(path, line, "registry row needs an agency_id and a name")
            if row["kind"] not in KINDS:
                raise ReferenceDataError(
                    path, line, f"unknown kind {row['kind']!r}; expected one of {sorted(KINDS)}"
                )
            if row["is_collective"] not in ("true", "false"):
                raise ReferenceDataError(path, line, "is_collective must be true or false")
            agencies.append(
                Agency(
                    agency_id=row["agency_id"],
                    name=row["name"],
                    short_name=row["short_name"] or row["name"],
                    name_en=row["name_en"],
                    kind=row["kind"],
                    is_collective=row["is_collective"] == "true",
                    members=tuple(m.strip() for m in row["members"].split(";") if m.strip()),
                    status=row["status"],
                    aliases=tuple(a.strip() for a in row["aliases"].split("|") if a.strip()),
                )
            )
        try:
            return cls(agencies, path)
        except ValueError as exc:
            raise ReferenceDataError(path, None, str(exc).removeprefix(f"{path}: ")) from None

    def localised(self, province: str, unit: str = "") -> Registry:
        """This registry for one plan's province: ``{province}``, ``{unit}``, ``{province_ascii}``,
        ``{level}``, ``{level_en}``, ``{party}`` and ``{party_en}`` in names and aliases filled in
        ("Hưng Yên", "tỉnh Hưng Yên", "Hung Yen", "tỉnh" or "thành phố", "Provincial" or "City",
        "Tỉnh ủy" or "Thành ủy")."""
        unit = unit or (f"tỉnh {province}" if province else "tỉnh")
        key = (province, unit)
        if key not in self._localised:
            city = unit.casefold().startswith("thành phố")
            values = {
                "province": province,
                "unit": unit,
                "province_ascii": fold_ascii(province),
                "level": "thành phố" if city else "tỉnh",
                "level_en": "City" if city else "Provincial",
                "party": "Thành ủy" if city else "Tỉnh ủy",
                "party_en": "Municipal Party Committee" if city else "Provincial Party Committee",
            }

            def fill(text: str) -> str:
                return re.sub(r"\s+", " ", text.format_map(values)).strip() if "{" in text else text

            agencies = [
                Agency(
                    a.agency_id,
                    fill(a.name),
                    fill(a.short_name),
                    fill(a.name_en),
                    a.kind,
                    a.is_collective,
                    a.members,
                    a.status,
                    tuple(fill(x) for x in a.aliases),
                )
                for a in self._templates
            ]
            self._localised[key] = Registry(agencies, self.path, province, self.reviewed)
        return self._localised[key]

    def with_names(self, names: Iterable[tuple[str, str]]) -> Registry:
        """This registry with a reviewer's names (``plan132 agencies``, then ``--agencies``): each
        (name as written in a plan, body) makes that spelling name the body, whatever the registry
        said of it. The body is a registry id, a registry name in any spelling, or a new name; a new
        name becomes a known body of its own (id ``reviewed-…``, kind ``other``, status
        :data:`REVIEWED`). Localising the result (:meth:`localised`) keeps the names."""
        return Registry(self._templates, self.path, self.province, (*self.reviewed, *names))

    def _reviewed_body(self, body: str) -> str:
        """The id of a body a reviewer wrote: a registry id or name, else a new body made for it."""
        if body in self.agencies:
            return body
        known = self.get(body)
        if known is not None:
            return known.agency_id
        agency_id = f"{REVIEWED}-{slug(body)}"
        if agency_id not in self.agencies:
            self.agencies[agency_id] = Agency(agency_id, body, body, body, "other", False, (), REVIEWED, ())
            self._by_key.setdefault(name_key(body), agency_id)
        return agency_id

    def get(self, name: str) -> Agency | None:
        """The registry entry for a name in any known spelling, else None.

        A name that ends in a place ("Công an tỉnh Ninh Bình", "Văn phòng UBND Thành
        phố") is also looked up as the standard provincial body ("… tỉnh").
        """
        agency_id = self._by_key.get(name_key(name))
        if agency_id is None:
            generic = self._generic(name)
            if generic != name:
                agency_id = self._by_key.get(name_key(generic))
        if agency_id is None and "(" in name:  # a lead naming its sub-unit: "Sở … (Văn phòng …)"
            outer, inner = name, ""
            while outer != inner:  # nested parentheses, innermost first, without recursion
                inner, outer = outer, _PARENS.sub(" ", outer)
            outer = _SPACE_RUN.sub(" ", outer).strip()
            if outer and outer != name and "(" not in outer:
                return self.get(outer)
        return self.agencies[agency_id] if agency_id else None

    def _generic(self, name: str) -> str:
        text = name.strip()
        if self.province and text.endswith(" " + self.province):
            text = text[: -len(self.province)].rstrip()
            if not re.search(r"\b(?:tỉnh|thành phố|TP\.?)$", text, re.I):
                return text
        text = _PLACE_SUFFIX.sub(" tỉnh", text)
        return _CITY_WORD.sub("tỉnh", text)

    def suggest(self, name: str) -> str:
        """The registry name closest to an unknown name, or "" when none is close."""
        names = {name_key(a.name): a.name for a in self.agencies.values() if not a.is_collective}
        close = difflib.get_close_matches(name_key(self._generic(name)), list(names), n=1, cutoff=0.75)
        return names[close[0]] if close else ""

    @cached_property
    def table_rows(self) -> list[dict[str, object]]:
        return [
            {
                "agency_id": a.agency_id,
                "name": a.name,
                "short_name": a.short_name,
                "name_en": a.name_en,
                "kind": a.kind,
                "is_collective": a.is_collective,
                "members": "; ".join(a.members),
                "status": a.status,
                "aliases": " | ".join(a.aliases),
            }
            for a in self.agencies.values()
        ]

    def mention(self, raw_name: str, note: str = "") -> Mention:
        """Resolve one name as written; a role in parentheses after it ("(chủ trì)") is a note."""
        roles = [m.group("note").strip() for m in _ROLE_IN_PARENS.finditer(raw_name)]
        if roles and _ROLE_IN_PARENS.sub("", raw_name).strip(_EDGE):
            raw_name = _ROLE_IN_PARENS.sub("", raw_name).strip(_EDGE)
            note = "; ".join(n for n in (*roles, note) if n)
        agency = self.get(raw_name)
        if agency is not None:
            return Mention(
                raw_name, agency.agency_id, agency.name, agency.kind, agency.is_collective, True, note
            )
        return Mention(
            raw_name,
            unknown_id(raw_name),
            raw_name,
            UNKNOWN_KIND,
            _collective_shaped(raw_name),
            False,
            note,
            self.suggest(raw_name),
        )

    def tolerant(self) -> Registry:
        """This registry for names read by OCR (a scanned page), matched with a tolerance for what OCR
        misreads: a colon between two names is read as the semicolon it nearly always is ("Công an
        Thành phố: Văn phòng UBND Thành phố"); a name the registry does not know that is two known
        names run together (a line break OCR cannot tell from a wrap: "Sở Xây dựng Công an tỉnh")
        is the two, and an unknown piece that with the name before is a known name is joined to it;
        another unknown name within a letter or two of a registry name (ratio at least
        :data:`OCR_CUTOFF` of their keys: "Sở Y tê" for "Sở Y tế") is that body, its ``raw_name`` as
        read. What still matches nothing stays unknown and is listed, as for any plan."""
        other = copy.copy(self)
        other._split_cache = {}
        other._ocr = True
        return other

    def split(self, cell: str) -> list[Mention]:
        """Split one agency cell into mentions, in the order written.

        Plans repeat the same cells ("Các sở, ban, ngành, UBND xã, phường và …"),
        so each distinct cell is split once per registry.
        """
        cached = self._split_cache.get(cell)
        if cached is None:
            cached = self._split_cache[cell] = tuple(self._split(cell))
        return list(cached)

    def _split(self, cell: str) -> list[Mention]:
        mentions: list[Mention] = []
        text = _HSPACE.sub(" ", unicodedata.normalize("NFC", cell))
        if self._ocr:
            text = _OCR_COLON.sub(lambda m: "; " if m.group("next").isupper() else m.group(0), text)
        for part in self._wraps_joined(_split_outside_parens(text, _HARD_SEP)):
            for sentence in _heads_joined(_split_outside_parens(part, _SENTENCE_END)):
                mentions.extend(self._split_part(sentence.strip(_EDGE)))
        if self._ocr:
            mentions = self._rejoined([mended for m in mentions for mended in self._mended(m)])
        return mentions

    def _wraps_joined(self, parts: list[str]) -> list[str]:
        """The cell's parts (between ";" and line breaks), a line that names no body joined to the
        next where the two are one name the registry knows: a name wrapped in a narrow cell that the
        document wrote, or its reader read, as two lines ("Văn phòng" / "UBND tỉnh")."""
        out: list[str] = []
        for part in parts:
            if (
                out
                and out[-1].strip(_EDGE)
                and self.get(out[-1].strip(_EDGE)) is None
                and self.get(joined := f"{out[-1].strip()} {part.strip()}".strip(_EDGE)) is not None
            ):
                out[-1] = joined
            else:
                out.append(part)
        return out

    def _rejoined(self, mentions: list[Mention]) -> list[Mention]:
        """Mentions read by OCR with an unknown piece that, with the one before, is a known name (a
        name wrapped onto a new line that OCR took for a new paragraph: "… Truyền hình Ninh" / "Bình")."""
        out: list[Mention] = []
        for m in mentions:
            if out and not m.known and (joined := f"{out[-1].raw_name} {m.raw_name}") and self.get(joined):
                out[-1] = self.mention(joined, out[-1].note)
            else:
                out.append(m)
        return out

    def _mended(self, mention: Mention) -> list[Mention]:
        """An unknown mention read by OCR as two known names, or as the registry name it nearly is
        (see :meth:`tolerant`); else as it is."""
        if mention.known:
            return [mention]
        words = mention.raw_name.split()
        for k in range(1, len(words)):
            left, right = " ".join(words[:k]), " ".join(words[k:])
            if _starts_new_name(right) and self.get(left) is not None and self.get(right) is not None:
                return [self.mention(left, mention.note), self.mention(right)]
        names = self._plain_names
        close = difflib.get_close_matches(
            name_key(self._generic(mention.raw_name)), list(names), 1, OCR_CUTOFF
        )
        if not close:
            return [mention]
        agency = self.agencies[names[close[0]]]
        return [
            Mention(
                mention.raw_name,
                agency.agency_id,
                agency.name,
                agency.kind,
                agency.is_collective,
                True,
                mention.note,
            )
        ]

    @cached_property
    def _plain_names(self) -> dict[str, str]:
        """Every spelling's key of the bodies that are not collectives, to their ids."""
        return {
            key: agency_id
            for key, agency_id in self._by_key.items()
            if not self.agencies[agency_id].is_collective
        }

    def _split_part(self, part: str) -> list[Mention]:
        """The mentions of one paragraph or sentence of a cell (no ";" or line break in it)."""
        part = _LIST_MARK.sub("", part)  # "- Sở Tài chính", "+ …", "2. …", "b) …": one per line
        if not part or _INSTRUCTION.match(part):  # "Theo phân công tại Quyết định số …": no agency
            return []
        note = []
        before = _ROLE_BEFORE.match(part)
        if before and len(part) > before.end():
            note.append(before.group("note").strip())
            part = part[before.end() :].strip(_EDGE)
        after = _ROLE_AFTER.search(part)
        if after and after.start() > 0:
            note.append(after.group("note").strip(_EDGE))
            part = part[: after.start()].strip(_EDGE)
        for verb in islice(_ROLE_VERB.finditer(part), _MAX_ROLE_TRIES):  # bounded on hostile cells
            head = part[: verb.start()].strip(_EDGE)
            named = self._group_atoms(head) if head else []
            if named and named[-1].known and not named[-1].is_collective:
                note.append(part[verb.end() :].strip(_EDGE))
                part = head
                break
        factored = _FACTORED.match(part)
        if factored:
            return [self.mention(f"Sở {name}", "; ".join(note)) for name in _atoms(factored.group("rest"))]
        return self._group_atoms(part, "; ".join(note))

    def _group_atoms(self, part: str, note: str = "") -> list[Mention]:
        """Regroup the pieces between separators into mentions (see the module's docstring)."""
        spans = _atom_spans(part)
        titles = [""] * len(spans)
        for k, (a, b) in enumerate(spans):  # "Giám đốc các Sở": the body, with the title as a note
            title = _TITLE.match(part, a)
            if title and title.end() < b and _starts_new_name(part[title.end() : b]):
                titles[k] = title.group("title")
                spans[k] = (title.end(), b)
        atoms = [part[a:b].strip(_EDGE) for a, b in spans]
        result = []
        i = 0
        while i < len(spans):
            known = None
            for j in range(min(len(spans), i + _MAX_ATOMS) - 1, i - 1, -1):
                if self.get(part[spans[i][0] : spans[j][1]]) is not None:
                    known = j
                    break
            collective = _collective_end(atoms, i)
            if known is None and collective is None:
                chosen = i
                while (
                    chosen + 1 < len(spans)
                    and not _starts_new_name(atoms[chosen + 1])
                    and self.get(atoms[chosen + 1]) is None
                ):
                    chosen += 1
            else:
                chosen = max(j for j in (known, collective) if j is not None)
            raw = part[spans[i][0] : spans[chosen][1]].strip(_EDGE)
            notes = "; ".join(n for n in (titles[i], note) if n)
            if collective is not None and chosen == collective and known != chosen:
                openings = range(min(chosen - 1, i + _MAX_ATOMS - 1), i - 1, -1)  # a registry name's length
                result.append(
                    self._collective_mention(raw, [part[spans[i][0] : spans[j][1]] for j in openings], notes)
                )
            else:
                result.append(self.mention(raw, notes))
            i = chosen + 1
        return result

    def _collective_mention(self, raw: str, prefixes: list[str], note: str) -> Mention:
        """A collective as written: the registry's (or a reviewer's) entry for it, else the entry of
        its longest known opening ("UBND các xã, phường, đặc khu" is the commune-level committees),
        else unknown."""
        if self.get(raw) is None:
            for name in prefixes:
                agency = self.get(name)
                if agency is not None and (agency.is_collective or agency.kind == "commune_level"):
                    return Mention(
                        raw, agency.agency_id, agency.name, agency.kind, agency.is_collective, True, note
                    )
        mention = self.mention(raw, note)
        if mention.known:
            return mention
        # read as a collective by its shape ("Cơ quan, đơn vị"), whatever its first letter
        return replace(mention, is_collective=not _COMMITTEES.match(mention.raw_name))


def _collective_shaped(name: str) -> bool:
    """Whether an unknown name stands for several bodies: "các công ty …", "cơ quan có liên quan"."""
    name = name.strip()
    if _COMMITTEES.match(name):  # "UBND các xã, phường ven biển": a level of government, as "UBND xã" is
        return False
    return bool(_DETERMINER.match(name) or _COLLECTIVE_HEAD.match(name) or _COLLECTIVE_LAST.match(name))


def _collective_end(atoms: list[str], i: int) -> int | None:
    """The index of the last piece of a collective that starts at piece ``i``, or None.

    A collective starts with a kind word ("Các cơ quan", "Sở", "UBND các xã") and takes in the bare
    kind words after it ("đơn vị", "địa phương"); a piece with words after its kind word ("đơn vị có
    liên quan") closes it. A piece with a determiner of its own ("các …") starts another.
    """
    if not _COLLECTIVE_HEAD.match(atoms[i]):
        return None
    end = i
    for k in range(i + 1, min(len(atoms), i + _MAX_COLLECTIVE)):
        atom = atoms[k]
        if _DETERMINER.match(atom):
            break
        if _COLLECTIVE_BARE.match(atom):
            end = k
            continue
        if _COLLECTIVE_LAST.match(atom):
            end = k
        break
    return end if end > i else None


def _masked(text: str) -> str:
    """The text with everything inside parentheses blanked out (same length), so that
    separators inside them are not seen."""
    if "(" not in text:
        return text
    return _PARENS.sub(lambda m: "(" + "_" * (len(m.group()) - 2) + ")", text)


def _heads_joined(sentences: list[str]) -> list[str]:
    """Sentences of a cell, one that is only a word for a kind of body ("Ban Quản lý.", "Trung
    tâm.": no name ends there; a speck read as a full stop) joined to the next."""
    out: list[str] = []
    for sentence in sentences:
        if out and name_key(out[-1].strip(_EDGE)) in _BARE_HEADS:
            out[-1] = f"{out[-1].rstrip()} {sentence.lstrip()}"
        else:
            out.append(sentence)
    return out


def _split_outside_parens(text: str, separator: re.Pattern[str]) -> list[str]:
    masked = _masked(text)
    parts, start = [], 0
    for sep in separator.finditer(masked):
        parts.append(text[start : sep.start()])
        start = sep.end()
    parts.append(text[start:])
    return parts


def _atom_spans(part: str) -> list[tuple[int, int]]:
    """Character spans of the pieces between soft separators outside parentheses (non-empty only)."""
    spans = []
    start = 0
    for sep in _SOFT_SEP.finditer(_masked(part)):
        if part[start : sep.start()].strip(_EDGE):
            spans.append((start, sep.start()))
        start = sep.end()
    if part[start:].strip(_EDGE):
        spans.append((start, len(part)))
    return spans


def _atoms(text: str) -> list[str]:
    return [text[a:b].strip(_EDGE) for a, b in _atom_spans(text)]


def unknown_id(name: str) -> str:
    """Deterministic id for a name the registry does not know."""
    return f"unknown-{slug(name)}"


def split_agencies(cell: str, registry: Registry | None = None) -> list[Mention]:
    """Split an agency cell with the bundled registry (or the one given)."""
    return (registry or Registry.load().localised("")).split(cell)
