"""The body of a plan: preamble, Sections I–IV, Section IV duties, recipients and
signature, and the appendix's title rows.

The body comes as paragraphs (:class:`~.structure.Unit`), from the text export's
lines, Word's paragraphs, a PDF's rebuilt paragraphs, or the cells of a header or
signature table. Sections are Roman-numbered ("I. MỤC ĐÍCH, YÊU CẦU"), items
numbered ("1. …"), bullets dashed ("- …"); Section IV ("Tổ chức thực hiện") items
name agencies and their duties. An appendix alone (an Excel task list) has only
title rows: "Kèm theo Kế hoạch số … ngày … của …" gives the plan's number, date
and issuer.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from ..errors import PlanParseError
from ..words import Problem
from .agencies import names_a_body
from .cited import IMPLEMENTING_LEAD, cited, number_key
from .document import Note
from .names import name_key
from .structure import (
    ROMAN,
    Duty,
    DutyItem,
    ParsedPlan,
    SectionRow,
    Unit,
    add_meta,
    extend_meta,
    roman,
    roman_value,
    where,
)

SECTION = re.compile(rf"^(?P<no>(?=[IVX]){ROMAN})\.\s+(?P<title>.+?)\s*$")
_ITEM = re.compile(r"^(?P<no>\d{1,3})\.\s+(?P<text>.+)$")
_BULLET = re.compile(r"^(?P<mark>[-–•+*]|[a-zđ]\))\s*(?P<text>.+)$")
_NUMBER = re.compile(r"^Số\s*:\s*(?P<value>.+)$", re.I)
_PLACE_DATE = re.compile(
    r"^(?P<place>[^,]+),\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})\.?$", re.I
)
_DRAFT_DATE = re.compile(r"^(?P<place>[^,]+),\s*ngày\s+tháng\s+năm\s+(?P<y>\d{4})\.?$", re.I)
#: A draft says so in its first lines: "DỰ THẢO", "(Dự thảo)", "Dự thảo lần 2", "DỰ THẢO 3"
_DRAFT_MARK = re.compile(r"^\(?\s*dự\s+thảo(?:\s+(?:lần\s+)?\d+|\s+ngày\s+[\d/. ]+)?\s*\)?\.?$", re.I)
_RECIPIENTS = re.compile(r"^Nơi nhận\s*:?$", re.I)
_SIGN_TITLE = re.compile(r"^(?:KT|TM|TL|Q)\.\s|CHỦ TỊCH", re.I)
APPENDIX = re.compile(r"^Phụ lục(?:\s+(?:số\s+)?[IVX\d]+)?\s*:?$", re.I)
ATTACHED = re.compile(r"^\(?\s*Kèm theo (?P<text>.+?)\)?$", re.I)
_ISSUER_INATTACHED = re.compile(r"của\s+(?P<issuer>(?:Ủy|Uỷ) ban nhân dân .+?)\)?$", re.I)
_NUMBER_INATTACHED = re.compile(r"\bsố\s*:?\s*(?P<number>[\w/.-]*/[\w.-]+)", re.I)
_DATE_INATTACHED = re.compile(
    r"\bngày\s+(?P<d>\d{1,2})\s*(?:/|tháng)\s*(?P<m>\d{1,2})\s*(?:/|năm)\s*(?P<y>\d{4})", re.I
)
_MOTTO = re.compile(r"^(?:CỘNG HÒA|CỘNG HOÀ) XÃ HỘI CHỦ NGHĨA VIỆT NAM$|^Độc lập\s*[-–]?\s*Tự do", re.I)
#: A section heading as OCR can misread its Roman numeral: "L", "|" or "l" for "I", "H" for "II",
#: the full stop lost ("L MỤC ĐÍCH, YÊU CẦU"); the title in capitals. Never a digit: "1. MỤC TIÊU"
#: may be an item.
_SECTION_MISREAD = re.compile(r"^(?P<no>[IVXHLYil|]{1,6})(?:\.\s*|\s+)(?P<title>\S.{3,}?)\s*$")
_BASED_ON = re.compile(r"^Căn cứ\b", re.I)
#: What OCR confuses with a "1" (and adds beside one): left out to compare two citations read by OCR.
_MISREAD_ONES = re.compile(r"[Il|1]")
_BARE_WORDS = 16  # a Section IV item heading of more words is a sentence, not only names
#: A bullet's dash as OCR can misread it: a lone small letter or mark before a capital ("h Phối hợp").
_MISREAD_DASH = re.compile(r"^[a-zđ~=»›](?=\s+[^\W\d_])")
_DOC_TYPES = ("KẾ HOẠCH", "QUYẾT ĐỊNH", "CHƯƠNG TRÌNH", "CÔNG VĂN", "CHỈ THỊ", "THÔNG BÁO", "NGHỊ QUYẾT")
_ISSUER_HEAD = re.compile(r"^(?:ỦY|UỶ) BAN NHÂN DÂN$")
_PROVINCE = re.compile(r"^(?:TỈNH|THÀNH PHỐ)\s+\S")
_SENTENCE_END = (".", ":", ";", "!", "?")
#: The section that gives each body its duties, found by its heading whatever its number
#: ("IV. TỔ CHỨC THỰC HIỆN", "II. TỔ CHỨC THỰC HIỆN", "V. TRÁCH NHIỆM THỰC HIỆN", "III. PHÂN CÔNG NHIỆM VỤ").
_DUTIES_HEADINGS = tuple(name_key(h) for h in ("Tổ chức thực hiện", "Trách nhiệm", "Phân công"))
#: The bodies a duty sentence opens with, before its verb ("Sở Nội vụ có trách nhiệm …").
_SUBJECT = re.compile(
    r"^(?:Đề nghị\s+|Giao\s+)?(?P<who>.+?)\s+(?:theo chức năng|phối hợp|tham gia|chỉ đạo|giám sát|"
    r"chủ động|có trách nhiệm|căn cứ|chủ trì|tham mưu|tổ chức|thực hiện|triển khai|xây dựng|"
    r"thường xuyên|khẩn trương|hướng dẫn|đề xuất|báo cáo|bố trí|quán triệt|được)\b"
)


def parse_body(plan: ParsedPlan, units: list[Unit]) -> None:
    state = "preamble"
    section, section_title = "", ""
    item_no: int | None = None
    item_title = ""
    bullet_no = 0
    duty_item: DutyItem | None = None
    in_duties = False
    signer_title_seen = False
    comma_open = False  # the last recipient's line ended on a comma

    def add_row(kind: str, unit: Unit, text: str, bullet: int | None = None) -> None:
        mark = _BULLET.match(unit.text) if kind == "bullet" else None
        plan.sections.append(
            SectionRow(
                section,
                section_title,
                item_no,
                item_title,
                bullet,
                kind,
                text,
                unit.first,
                unit.last,
                unit.ref.label,
                mark.group("mark") if mark else "",
            )
        )
        plan.consumed.update(unit.lines)

    for unit in units:
        text = unit.text
        if unit.confidence is not None and state in ("preamble", "sections"):
            text = _section_as_expected(plan, unit, section)
            dash = _MISREAD_DASH.match(text)
            if dash and text[dash.end() :].lstrip()[:1].isupper():
                text = "-" + text[dash.end() :]
        sec = SECTION.match(text)
        if sec and state in ("preamble", "sections"):
            state = "sections"
            section, section_title = sec.group("no"), sec.group("title").rstrip(":")
            item_no, item_title, bullet_no, duty_item = None, "", 0, None
            in_duties = name_key(section_title).startswith(_DUTIES_HEADINGS) and not plan.has_meta(
                "duties_section"
            )
            add_meta(plan, "section_heading", f"{section}. {section_title}", unit)
            if in_duties:
                add_meta(plan, "duties_section", section, unit)
            continue
        if _RECIPIENTS.match(text):
            state = "recipients"
            plan.consumed.update(unit.lines)
            continue
        if state == "preamble":
            _preamble_unit(plan, unit)
            continue
        if state == "recipients":
            bullet = _BULLET.match(text)
            if text[:1].islower() and plan.meta and plan.meta[-1][0] == "recipient":
                more = text.rstrip(";:. ")  # a recipient's wrapped line
                extend_meta(plan, "recipient", f", {more}" if comma_open else more, unit, glue="")
                continue
            comma_open = text.rstrip().endswith(",")
            if bullet or text.rstrip().endswith((";", ",")):
                # a recipient's dash can be lost (OCR) or never typed; the ";" still ends it
                recipient = (bullet.group("text") if bullet else text).rstrip(";:,. ")
                archive = re.match(r"^Lưu\s*:\s*(?P<rest>.+)$", recipient, re.I)
                if archive:
                    add_meta(plan, "archive", archive.group("rest"), unit)
                else:
                    add_meta(plan, "recipient", recipient, unit)
                continue
            state = "closing"
        if state == "closing":
            if _SIGN_TITLE.search(text) and not signer_title_seen:
                add_meta(plan, "signer_title", text, unit)
                signer_title_seen = True
            elif signer_title_seen and not plan.has_meta("signer_name") and not text.isupper():
                add_meta(plan, "signer_name", text, unit)
            elif signer_title_seen and not plan.has_meta("signer_name") and _SIGN_TITLE.search(text):
                extend_meta(plan, "signer_title", text, unit)  # "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH" on two lines
            else:
                add_meta(plan, "closing_text", text, unit)
            continue
        # state == "sections"
        if _SIGN_TITLE.match(text) and text.isupper():  # a signature with no recipients block
            state = "closing"
            add_meta(plan, "signer_title", text, unit)
            signer_title_seen = True
            continue
        item = _ITEM.match(text)
        bullet = _BULLET.match(text)
        if in_duties:
            if item:
                item_no = int(item.group("no"))
                duty_item = _duty_item(plan, item_no, item.group("text"), unit)
                plan.consumed.update(unit.lines)
                if not duty_item.agencies_text:  # a subheading: its words stay in the sections table
                    add_row("item_heading", unit, item.group("text"))
            elif duty_item is not None and duty_item.agencies_text and (bullet or not duty_item.duties):
                # a bullet, or the first paragraph under a heading that only names the bodies
                duty = bullet.group("text") if bullet else text
                n = len(duty_item.duties) + 1
                duty_item.duties.append(Duty(n, duty, unit.first, unit.last, unit.ref.label))
                plan.consumed.update(unit.lines)
            elif bullet and duty_item is not None and _subject(bullet.group("text")):
                # an item headed by a subheading ("Công tác triển khai"): each bullet names its bodies
                n = len(duty_item.duties) + 1
                duty_item.duties.append(
                    Duty(
                        n,
                        bullet.group("text"),
                        unit.first,
                        unit.last,
                        unit.ref.label,
                        _subject(bullet.group("text")),
                    )
                )
                plan.consumed.update(unit.lines)
            else:
                add_row("bullet" if bullet else "paragraph", unit, bullet.group("text") if bullet else text)
            continue
        if item:
            item_no = int(item.group("no"))
            body = item.group("text")
            bullet_no = 0
            if body.endswith(":"):
                item_title = body.rstrip(":").strip()
                add_row("item_heading", unit, body)
            else:
                item_title = ""
                add_row("item", unit, body)
        elif bullet:
            bullet_no += 1
            add_row("bullet", unit, bullet.group("text"), bullet_no)
        else:
            add_row("paragraph", unit, text)
    if state == "preamble":
        raise PlanParseError(plan.path, where(units[-1].ref) if units else None, Problem("no_sections"))
    plan.duty_items[:] = [d for d in plan.duty_items if d.duties or d.agencies_text]
    for duty in plan.duty_items:
        if duty.bare and not duty.duties:  # nothing below it: the heading stands as its own duty
            duty.duties.append(Duty(1, duty.heading, duty.source_line, duty.source_line, duty.source_ref))
    for duty in plan.duty_items:
        if not duty.duties:
            raise PlanParseError(
                plan.path,
                duty.source_line if duty.source_line else duty.source_ref,
                f"Section item {duty.item} ({duty.heading!r}) has no duties; "
                "expected bullet lines '- …' after it",
            )


def _section_as_expected(plan: ParsedPlan, unit: Unit, section: str) -> str:
    """A paragraph read by OCR, with a section heading's misread numeral taken as the sequence has it.

    A heading in capitals whose numeral is no Roman numeral ("L MỤC ĐÍCH, YÊU CẦU" before any
    section) or repeats the section before ("II. KINH PHÍ THỰC HIỆN" after "II.") is the next
    section ("I.", "III."), one with "l" or "|" for "I" is read with "I"; each is said in the
    reading notes (``ocr_section``). A heading whose numeral was read right keeps it, its lost
    space put back ("I.MỤC ĐÍCH"). Other text as read.
    """
    misread = _SECTION_MISREAD.match(unit.text)
    title = misread.group("title") if misread else ""
    if not misread or not any(ch.isalpha() for ch in title) or title.upper() != title:
        return unit.text
    read = misread.group("no")
    numeral = read.replace("l", "I").replace("|", "I")
    valid = bool(re.fullmatch(ROMAN, numeral)) and numeral.startswith(("I", "V", "X"))
    expected = roman(roman_value(section) + 1) if section else "I"
    if valid and numeral != section:
        expected = numeral  # a numeral, in or out of sequence ("I.MỤC ĐÍCH": its space lost)
    if expected == read:
        return f"{expected}. {title}"
    plan.document.notes.append(
        Note(
            "ocr_section",
            unit.ref.label,
            (("file", Path(plan.path).name), ("read", read), ("taken", expected), ("title", title)),
        )
    )
    return f"{expected}. {title}"


def _preamble_unit(plan: ParsedPlan, unit: Unit) -> None:
    text = unit.text
    number = _NUMBER.match(text)
    place_date = _PLACE_DATE.match(text)
    draft_date = _DRAFT_DATE.match(text)
    # read by OCR, bold is a guess: the paragraph right after the document's type is its title
    after_type = unit.confidence is not None and bool(plan.meta) and plan.meta[-1][0] == "doc_type"
    heading = unit.heading_level or unit.bold or (after_type and not _BASED_ON.match(text))
    if number:
        add_meta(plan, "number_raw", number.group("value"), unit)
        if has_number(number.group("value")):  # a draft's "Số:      /KH-UBND" has none
            add_meta(plan, "number", re.sub(r"\s*/\s*", "/", number.group("value")).strip(), unit)
    elif place_date:
        add_meta(plan, "place", place_date.group("place").strip(), unit)
        d, m, y = (int(place_date.group(k)) for k in ("d", "m", "y"))
        try:
            issued = date(y, m, d)
        except ValueError:
            raise PlanParseError(
                plan.path, where(unit.ref), f"the date (day {d}, month {m}, year {y}) is not a calendar date"
            ) from None
        add_meta(plan, "date", issued.isoformat(), unit)
    elif draft_date:  # a draft: "Hưng Yên, ngày   tháng   năm 2026"
        add_meta(plan, "place", draft_date.group("place").strip(), unit)
        add_meta(plan, "date_raw", text, unit)
    elif _DRAFT_MARK.match(text):  # before the document type: "## DỰ THẢO" is no type
        add_meta(plan, "draft", text, unit)
    elif _MOTTO.search(text):
        add_meta(plan, "motto", text, unit)
    elif _ISSUER_HEAD.match(text) and not plan.has_meta("issuer"):
        add_meta(plan, "issuer", text, unit)
    elif (
        _PROVINCE.match(text)
        and text.isupper()
        and plan.meta
        and plan.meta[-1][0] == "issuer"
        and _ISSUER_HEAD.match(plan.meta[-1][1])
    ):
        field_name, value, ref = plan.meta[-1]
        plan.meta[-1] = (field_name, f"{value} {text}", ref)
        plan.consumed.update(unit.lines)
    elif (
        text.isupper()
        and not plan.has_meta("issuer")
        and name_key(text).startswith(name_key("Ủy ban nhân dân"))
    ):
        add_meta(plan, "issuer", text, unit)
    elif (
        heading
        and not plan.has_meta("doc_type")
        and text.isupper()
        and (unit.heading_level or name_key(text) in {name_key(t) for t in _DOC_TYPES})
    ):
        add_meta(plan, "doc_type", text, unit)
    elif heading and not plan.has_meta("title") and (plan.has_meta("doc_type") or unit.heading_level):
        add_meta(plan, "title", text, unit)
        _add_cited(plan, text, unit)
    else:
        add_meta(plan, "preamble_text", text, unit)
        if IMPLEMENTING_LEAD.match(text):  # "Căn cứ …", "Thực hiện …": what the plan implements
            _add_cited(plan, text, unit)


def _add_cited(plan: ParsedPlan, text: str, unit: Unit) -> None:
    """Each document ``text`` cites by number as meta ``implements`` ("Nghị quyết số 247/2025/QH15
    ngày 10/12/2025 của Quốc hội"), once per number; never the plan itself."""
    own: set[str] | None = None  # the plan's own number(s), read from meta only when needed
    for document in cited(text):
        key = number_key(document.number)
        if key in plan.cited:  # most citations repeat one already met: no pass over the meta (10 MB)
            continue
        if own is None:
            own = {number_key(v) for f, v, _ in plan.meta if f == "number"}
        if key in own:
            continue
        if unit.confidence is not None and _MISREAD_ONES.sub("", document.text) in {
            _MISREAD_ONES.sub("", v) for f, v, _ in plan.meta if f == "implements"
        }:  # read by OCR, "QHI15" for "QH15", the same date and issuer: a document cited already
            continue
        add_meta(plan, "implements", document.text, unit)
        plan.cited.add(key)


def _duty_item(plan: ParsedPlan, item_no: int, body: str, unit: Unit) -> DutyItem:
    """A Section IV item: its heading names the agencies; bullets (if any) are duties."""
    if plan.duty_items and item_no != plan.duty_items[-1].item + 1:
        raise PlanParseError(
            plan.path,
            where(unit.ref),
            f"Section item {item_no} follows item {plan.duty_items[-1].item}; "
            f"expected {plan.duty_items[-1].item + 1}",
        )
    label = unit.ref.label
    if body.endswith(":") and names_a_body(body):  # "1. Sở Nội vụ:"
        heading = body.rstrip(":").strip()
        item = DutyItem(item_no, heading, heading, unit.first, label)
    elif not names_a_body(body):
        # a subheading ("1. Công tác triển khai", "5. Chế độ báo cáo: Các sở, ngành báo cáo …"): its
        # bullets, or the sentence after its colon, name their own bodies
        heading, _, rest = body.rstrip(":").partition(":")
        item = DutyItem(item_no, heading.strip(), "", unit.first, label)
        if _subject(rest.strip()):
            item.duties.append(Duty(1, rest.strip(), unit.first, unit.last, label, _subject(rest.strip())))
    elif ":" in body and not body.startswith("Đề nghị"):
        heading, rest = body.split(":", 1)
        item = DutyItem(item_no, heading.strip(), heading.strip(), unit.first, label)
        item.duties.append(Duty(1, rest.strip(), unit.first, unit.last, label))
    else:
        agencies = re.match(
            r"^(?:Đề nghị\s+)?(?P<who>.+?)\s+(?:theo chức năng|phối hợp|tham gia|chỉ đạo|giám sát|"
            r"chủ động|có trách nhiệm|căn cứ)\b",
            body,
        )
        who = agencies.group("who") if agencies else body
        item = DutyItem(item_no, who, who, unit.first, label)
        if agencies or _subject(body) or len(body.split()) > _BARE_WORDS or body.endswith("."):
            item.duties.append(Duty(1, body, unit.first, unit.last, label))
        else:  # "2. Sở Nội vụ", its duty in the paragraph below (the name alone if none follows)
            item.bare = True
    plan.duty_items.append(item)
    return item


def _subject(text: str) -> str:
    """The bodies a duty sentence opens with ("Sở Nội vụ có trách nhiệm …" → "Sở Nội vụ"), or ""."""
    match = _SUBJECT.match(text)
    return match.group("who") if match and names_a_body(match.group("who")) else ""


# ----------------------------------------------------------------------- appendix


def parse_appendix_intro(plan: ParsedPlan, units: list[Unit]) -> None:
    for unit in units:
        text = unit.text
        attached = ATTACHED.match(text)
        if APPENDIX.match(text):
            add_meta(plan, "appendix_label", text, unit)
        elif attached:
            add_meta(plan, "appendix_attached_to", text.strip("() "), unit)
            _meta_from_attached(plan, attached.group("text"), unit)
        elif not plan.has_meta("appendix_title"):
            add_meta(plan, "appendix_title", text, unit)
            _add_cited(plan, text, unit)  # "DANH MỤC NHIỆM VỤ TRIỂN KHAI NGHỊ QUYẾT SỐ 67/NQ-CP"
        else:
            add_meta(plan, "appendix_text", text, unit)
            _add_cited(plan, text, unit)


def _meta_from_attached(plan: ParsedPlan, text: str, unit: Unit) -> None:
    """ "Kèm theo Kế hoạch số 58/KH-UBND ngày 05/5/2026 của Ủy ban nhân dân tỉnh …": the
    plan's number, date and issuer, for a document that holds the appendix alone."""
    issuer = _ISSUER_INATTACHED.search(text)
    if issuer and not plan.has_meta("issuer"):
        add_meta(plan, "issuer", issuer.group("issuer").rstrip(")"), unit)
    number = _NUMBER_INATTACHED.search(text)
    if number and has_number(number.group("number")) and not plan.has_meta("number"):
        add_meta(plan, "number", number.group("number").rstrip("."), unit)
    when = _DATE_INATTACHED.search(text)
    if when and not plan.has_meta("date"):
        d, m, y = (int(when.group(k)) for k in ("d", "m", "y"))
        try:
            add_meta(plan, "date", date(y, m, d).isoformat(), unit)
        except ValueError:
            raise PlanParseError(
                plan.path, where(unit.ref), f"the date (day {d}, month {m}, year {y}) is not a calendar date"
            ) from None


def has_number(number: str | None) -> bool:
    """Whether a document's "Số" gives a number: "58/KH-UBND" does; a draft's "/KH-UBND" (or
    "…/KH-UBND", "   /2026/QĐ-UBND") leaves it blank."""
    return any(c.isdigit() for c in (number or "").split("/", 1)[0])


def unit_of(issuer: str | None) -> str:
    """The administrative unit an issuer governs: "Ủy ban nhân dân tỉnh Ninh Bình" → "tỉnh Ninh Bình"."""
    match = re.search(r"\b(?P<kind>tỉnh|thành phố)\s+(?P<name>.+)$", issuer or "", re.I)
    if not match:
        return ""
    name = match.group("name").strip()
    return f"{match.group('kind').lower()} {name.title() if name.isupper() else name}"


def province_of(issuer: str | None, place: str | None = None) -> str:
    """The province or city a plan belongs to: "Ủy ban nhân dân tỉnh Ninh Bình" → "Ninh Bình"."""
    if issuer:
        match = re.search(r"(?:tỉnh|thành phố)\s+(?P<name>.+)$", issuer, re.I)
        if match:
            name = match.group("name").strip()
            return name.title() if name.isupper() else name
    return (place or "").strip()
