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

``;`` always separates. A factored list ("Các Sở: Tài chính, Xây dựng") is
expanded into "Sở Tài chính", "Sở Xây dựng".
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..errors import PlanParseError
from ..paths import AGENCY_REGISTRY
from .names import name_key, slug

REGISTRY_COLUMNS = (
    "agency_id", "name", "short_name", "name_en", "kind", "is_collective",
    "members", "status", "aliases",
)
KINDS = frozenset({
    "provincial_committee", "office", "department", "inspectorate", "police",
    "military", "board", "press", "front", "commune_level", "collective",
    "vertical", "ministry", "other",
})
UNKNOWN_KIND = "unknown"

# Words that begin a new agency name after a "," or "và". Capitalised forms are
# matched case-sensitively ("Ban Quản lý …" starts a name, "sở, ban, ngành" does not).
_HEADS_CASED = (
    "Sở", "UBND", "Ủy ban", "Uỷ ban", "Công an", "Thanh tra", "Ban", "Văn phòng",
    "Các", "Bộ", "Báo", "Đài", "Trung tâm", "Hội", "Liên đoàn", "Đoàn", "Tỉnh đoàn",
    "Kho bạc", "Thuế", "Bảo hiểm", "Cục", "Chi cục", "Mặt trận", "MTTQ", "UBMTTQ",
    "BCH", "BQL", "Chủ tịch", "Cơ quan", "Đơn vị", "Doanh nghiệp", "Tổ chức",
    "Viện", "Trường", "Công ty", "Tổng công ty", "Ngân hàng", "Hội đồng", "Quỹ",
)
_HEADS_LOWER = ("các", "đơn vị", "cơ quan", "tổ chức", "doanh nghiệp", "người dân", "cộng đồng")
_SOFT_SEP = re.compile(r"\s*,\s*(?:và\s+)?|\s+và\s+")
_FACTORED = re.compile(r"^(?:(?:Giám đốc\s+)?[Cc]ác\s+)?[Ss]ở\s*:\s*(?P<rest>.+)$")
_EDGE = " .,;:-\t"
_MAX_ATOMS = 8


def _starts_new_name(atom: str) -> bool:
    atom = atom.lstrip()
    for head in _HEADS_CASED:
        if atom.startswith(head) and (len(atom) == len(head) or not atom[len(head)].isalnum()):
            return True
    low = atom.casefold()
    return any(
        low.startswith(h) and (len(low) == len(h) or not low[len(h)].isalnum()) for h in _HEADS_LOWER
    )


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
    """One agency as named in a cell: the registry entry, or unknown."""

    raw_name: str
    agency_id: str
    agency_name: str
    kind: str
    is_collective: bool
    known: bool


def default_registry_path() -> Path:
    """The registry bundled with the project: ``data/reference/agencies.csv``."""
    return AGENCY_REGISTRY


class Registry:
    """Agencies by id, and every known spelling of their names."""

    def __init__(self, agencies: list[Agency], path: str | Path = "<registry>") -> None:
        self.path = str(path)
        self.agencies: dict[str, Agency] = {}
        self._by_key: dict[str, str] = {}
        self._split_cache: dict[str, tuple[Mention, ...]] = {}
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

    @classmethod
    def load(cls, path: str | Path | None = None) -> Registry:
        """Read a registry CSV; a malformed row raises an error naming its line."""
        path = Path(path) if path is not None else default_registry_path()
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = set(REGISTRY_COLUMNS) - set(reader.fieldnames or ())
            if missing:
                raise PlanParseError(path, 1, f"registry header lacks columns {sorted(missing)}")
            agencies = []
            for row in reader:
                line = reader.line_num
                if None in row or any(row[c] is None for c in REGISTRY_COLUMNS):
                    raise PlanParseError(path, line, "registry row has the wrong number of columns")
                if not row["agency_id"] or not row["name"]:
                    raise PlanParseError(path, line, "registry row needs an agency_id and a name")
                if row["kind"] not in KINDS:
                    raise PlanParseError(
                        path, line, f"unknown kind {row['kind']!r}; expected one of {sorted(KINDS)}"
                    )
                if row["is_collective"] not in ("true", "false"):
                    raise PlanParseError(path, line, "is_collective must be true or false")
                agencies.append(Agency(
                    agency_id=row["agency_id"].strip(),
                    name=row["name"].strip(),
                    short_name=row["short_name"].strip() or row["name"].strip(),
                    name_en=row["name_en"].strip(),
                    kind=row["kind"].strip(),
                    is_collective=row["is_collective"] == "true",
                    members=tuple(m.strip() for m in row["members"].split(";") if m.strip()),
                    status=row["status"].strip(),
                    aliases=tuple(a.strip() for a in row["aliases"].split("|") if a.strip()),
                ))
        try:
            return cls(agencies, path)
        except ValueError as exc:
            raise PlanParseError(path, None, str(exc).removeprefix(f"{path}: ")) from None

    def get(self, name: str) -> Agency | None:
        """The registry entry for a name in any known spelling, else None."""
        agency_id = self._by_key.get(name_key(name))
        return self.agencies[agency_id] if agency_id else None

    @cached_property
    def table_rows(self) -> list[dict[str, object]]:
        return [
            {
                "agency_id": a.agency_id, "name": a.name, "short_name": a.short_name,
                "name_en": a.name_en, "kind": a.kind, "is_collective": a.is_collective,
                "members": "; ".join(a.members), "status": a.status,
                "aliases": " | ".join(a.aliases),
            }
            for a in self.agencies.values()
        ]

    def mention(self, raw_name: str) -> Mention:
        """Resolve one name as written."""
        agency = self.get(raw_name)
        if agency is not None:
            return Mention(raw_name, agency.agency_id, agency.name, agency.kind,
                           agency.is_collective, True)
        return Mention(raw_name, unknown_id(raw_name), raw_name, UNKNOWN_KIND, False, False)

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
        for part in unicodedata.normalize("NFC", cell).split(";"):
            part = part.strip(_EDGE)
            if not part:
                continue
            factored = _FACTORED.match(part)
            if factored:
                for name in _atoms(factored.group("rest")):
                    mentions.append(self.mention(f"Sở {name}"))
                continue
            mentions.extend(self._group_atoms(part))
        return mentions

    def _group_atoms(self, part: str) -> list[Mention]:
        spans = _atom_spans(part)
        result = []
        i = 0
        while i < len(spans):
            chosen = None
            for j in range(min(len(spans), i + _MAX_ATOMS) - 1, i - 1, -1):
                candidate = part[spans[i][0]:spans[j][1]]
                if self.get(candidate) is not None:
                    chosen = j
                    break
            if chosen is None:
                chosen = i
                while chosen + 1 < len(spans) and not _starts_new_name(
                    part[spans[chosen + 1][0]:spans[chosen + 1][1]]
                ) and self.get(part[spans[chosen + 1][0]:spans[chosen + 1][1]]) is None:
                    chosen += 1
            raw = part[spans[i][0]:spans[chosen][1]].strip(_EDGE)
            result.append(self.mention(raw))
            i = chosen + 1
        return result


def _atom_spans(part: str) -> list[tuple[int, int]]:
    """Character spans of the pieces between soft separators (non-empty only)."""
    spans = []
    start = 0
    for sep in _SOFT_SEP.finditer(part):
        if part[start:sep.start()].strip(_EDGE):
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
    return (registry or Registry.load()).split(cell)
