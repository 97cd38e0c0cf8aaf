"""Splitting agency cells ("Cơ quan chủ trì", "Cơ quan phối hợp") into agencies.

Each test feeds one cell as it could be written in a plan and checks, by
agency_id, which registry entries come out and in which order.
"""

from __future__ import annotations

import unicodedata

import pytest

from plan132lib.ingest.agencies import Registry
from plan132lib.ingest.names import name_key


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.load()


def ids(registry: Registry, cell: str) -> list[str]:
    return [m.agency_id for m in registry.split(cell)]


# ----------------------------------------------------------------- plain lists


def test_three_departments_separated_by_commas(registry):
    cell = "Sở Nông nghiệp và Môi trường, Sở Xây dựng, Sở Công Thương"
    assert ids(registry, cell) == ["so-nnmt", "so-xd", "so-ct"]


def test_three_departments_keep_their_names_as_written(registry):
    cell = "Sở Nông nghiệp và Môi trường, Sở Xây dựng, Sở Công Thương"
    mentions = registry.split(cell)
    assert [m.raw_name for m in mentions] == ["Sở Nông nghiệp và Môi trường", "Sở Xây dựng", "Sở Công Thương"]
    assert all(m.known for m in mentions)
    assert all(m.kind == "department" for m in mentions)
    assert not any(m.is_collective for m in mentions)


def test_semicolon_separates_and_comma_inside_commune_name_is_kept(registry):
    assert ids(registry, "Sở Xây dựng; UBND xã, phường") == ["so-xd", "ubnd-xa-phuong"]


def test_three_semicolon_separated_leads_from_the_plan(registry):
    cell = "Sở Nông nghiệp và Môi trường; Thanh tra tỉnh; UBND xã, phường"
    assert ids(registry, cell) == ["so-nnmt", "thanh-tra-tinh", "ubnd-xa-phuong"]


# ----------------------------------------------------- the plan's usual co-ordinators


def test_departments_communes_and_relevant_units_are_exactly_three(registry):
    cell = "Các sở, ban, ngành, UBND xã, phường và các đơn vị có liên quan"
    mentions = registry.split(cell)

    assert [m.agency_id for m in mentions] == ["cac-so-ban-nganh", "ubnd-xa-phuong", "cac-don-vi-lien-quan"]
    assert [m.raw_name for m in mentions] == [
        "Các sở, ban, ngành",
        "UBND xã, phường",
        "các đơn vị có liên quan",
    ]


def test_departments_communes_and_relevant_units_kinds(registry):
    cell = "Các sở, ban, ngành, UBND xã, phường và các đơn vị có liên quan"
    sectors, communes, units = registry.split(cell)

    assert sectors.is_collective is True
    assert communes.kind == "commune_level"
    assert communes.is_collective is False
    assert units.is_collective is True
    assert all(m.known for m in (sectors, communes, units))


def test_departments_and_relevant_units_under_one_determiner_are_one_collective(registry):
    # One "Các" governs every kind word after it, as a careful reader takes it.
    cell = "Các sở, ban, ngành, đơn vị có liên quan"
    mentions = registry.split(cell)
    assert [m.raw_name for m in mentions] == [cell]
    assert mentions[0].agency_id == "cac-so-ban-nganh"
    assert mentions[0].is_collective


def test_departments_and_relevant_units_joined_by_va(registry):
    cell = "Các sở, ban, ngành và các đơn vị có liên quan"
    assert ids(registry, cell) == ["cac-so-ban-nganh", "cac-don-vi-lien-quan"]


# --------------------------------------------- commas and "và" inside one name


@pytest.mark.parametrize(
    "cell",
    [
        "Sở Văn hóa, Thể thao và Du lịch",
        "Sở Văn hoá, Thể thao và Du lịch",  # tone mark on the other vowel
    ],
)
def test_culture_sports_tourism_is_one_agency(registry, cell):
    mentions = registry.split(cell)
    assert [m.agency_id for m in mentions] == ["so-vhttdl"]
    assert mentions[0].raw_name == cell


def test_science_and_technology_is_one_agency(registry):
    assert ids(registry, "Sở Khoa học và Công nghệ") == ["so-khcn"]


def test_culture_department_followed_by_another(registry):
    cell = "Sở Văn hóa, Thể thao và Du lịch, Sở Xây dựng"
    assert ids(registry, cell) == ["so-vhttdl", "so-xd"]


# ------------------------------------------------------------- abbreviations


@pytest.mark.parametrize(
    ("cell", "agency_id"),
    [
        ("Sở NN&MT", "so-nnmt"),
        ("Sở KH&CN", "so-khcn"),
        ("Sở GD&ĐT", "so-gddt"),
        ("Sở NN & MT", "so-nnmt"),
    ],
)
def test_abbreviation_resolves(registry, cell, agency_id):
    mentions = registry.split(cell)
    assert [m.agency_id for m in mentions] == [agency_id]
    assert mentions[0].known
    assert mentions[0].raw_name == cell


# ------------------------------------------------------ communes, any spelling


@pytest.mark.parametrize(
    "cell",
    [
        "Ủy ban nhân dân các xã, phường",
        "UBND các xã, phường",
        "Uỷ ban nhân dân các xã, phường",  # "Uỷ": tone on the other vowel
    ],
)
def test_commune_committees_any_spelling(registry, cell):
    mentions = registry.split(cell)
    assert [m.agency_id for m in mentions] == ["ubnd-xa-phuong"]
    assert mentions[0].kind == "commune_level"


# -------------------------------------------------------------- unknown names


def test_unknown_name_is_kept_and_not_guessed(registry):
    first, second = registry.split("Sở Thông tin và Truyền thông, Sở Xây dựng")  # merged away in 2025

    assert first.raw_name == "Sở Thông tin và Truyền thông"
    assert first.known is False
    assert first.kind == "unknown"
    assert first.agency_id.startswith("unknown-")
    # never mapped onto a registry entry (e.g. Sở Khoa học và Công nghệ, which took its work over)
    assert first.agency_id not in registry.agencies
    assert first.agency_name == "Sở Thông tin và Truyền thông"

    assert second.agency_id == "so-xd"
    assert second.known is True


def test_unknown_name_alone(registry):
    (mention,) = registry.split("Sở Thông tin và Truyền thông")
    assert mention.agency_id == "unknown-so-thong-tin-va-truyen-thong"
    assert mention.known is False


# ------------------------------------------------------------- factored lists


def test_factored_list_of_departments(registry):
    mentions = registry.split("Các Sở: Tài chính, Xây dựng")
    assert [m.agency_id for m in mentions] == ["so-tc", "so-xd"]
    assert all(m.known for m in mentions)


# ------------------------------------------------------------------ empty cells


@pytest.mark.parametrize("cell", ["", "   ", ";", " ; "])
def test_empty_cell_gives_no_agencies(registry, cell):
    assert registry.split(cell) == []


# ------------------------------------------------- NFD input (decomposed accents)


@pytest.mark.parametrize(
    "cell",
    [
        "Sở Nông nghiệp và Môi trường, Sở Xây dựng, Sở Công Thương",
        "Sở Xây dựng; UBND xã, phường",
        "Các sở, ban, ngành, đơn vị có liên quan",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Sở Khoa học và Công nghệ",
        "Sở GD&ĐT",
        "Uỷ ban nhân dân các xã, phường",
        "Sở Du lịch, Sở Xây dựng",
        "Các sở, ban, ngành, UBND xã, phường và các đơn vị có liên quan",
        "Các sở, ban, ngành và các đơn vị có liên quan",
        "Các Sở: Tài chính, Xây dựng",
    ],
)
def test_nfd_cell_resolves_like_nfc(registry, cell):
    nfc = unicodedata.normalize("NFC", cell)
    nfd = unicodedata.normalize("NFD", cell)
    assert nfc != nfd  # the test really feeds decomposed text
    assert ids(registry, nfd) == ids(registry, nfc)


# --------------------------------------------------------------- names.name_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("hoà", "hòa"),
        ("Sở Văn hoá", "Sở Văn hóa"),
        ("Uỷ ban nhân dân", "Ủy ban nhân dân"),
        ("SỞ XÂY DỰNG", "sở xây dựng"),
        ("Sở  Xây   dựng", "Sở Xây dựng"),
        ("Sở NN & MT", "sở nn&mt"),
        (unicodedata.normalize("NFD", "Sở Xây dựng"), "Sở Xây dựng"),
    ],
)
def test_name_key_equal(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("đ", "d"),
        ("Đào tạo", "Dao tạo"),
        ("Sở GD&ĐT", "Sở GD&DT"),
    ],
)
def test_name_key_keeps_d_with_stroke_apart_from_d(a, b):
    assert name_key(a) != name_key(b)


def test_name_key_keeps_tones_apart():
    # "hòa" (huyền) and "hóa" (sắc) are different words
    assert name_key("hòa") != name_key("hóa")


def test_d_with_stroke_abbreviation_is_not_mapped_to_d(registry):
    (mention,) = registry.split("Sở GD&DT")
    assert mention.known is False


def test_name_key_is_linear_in_runs_of_spaces():
    """A cell with a long run of spaces (a bad conversion) is compared in linear time."""
    import time

    from plan132lib.ingest.names import name_key

    start = time.process_time()
    key = name_key("Sở" + " " * 200_000 + "Xây  –  dựng")
    assert time.process_time() - start < 1.0
    assert key == name_key("sở xây - dựng")


# ------------------------------------------- collectives, titles and role phrases (issue 22)


def raw(registry: Registry, cell: str) -> list[str]:
    return [m.raw_name for m in registry.split(cell)]


@pytest.mark.parametrize(
    "cell",
    [
        "Các cơ quan, đơn vị, địa phương",
        "UBND các xã, phường, đặc khu",
        "các cơ quan, đơn vị liên quan",
        "Cơ quan, địa phương có liên quan",
        "Sở, ngành liên quan",
        "UBND xã/phường",
        "Các sở, ban, ngành và địa phương",
        "Các cơ quan, đơn vị trực tiếp sử dụng ngân sách nhà nước",
    ],
)
def test_a_collective_under_one_determiner_is_one_mention(registry, cell):
    mentions = registry.split(cell)
    assert [m.raw_name for m in mentions] == [cell]


def test_commune_committees_with_special_zones_are_the_commune_level(registry):
    (mention,) = registry.split("UBND các xã, phường, đặc khu")
    assert mention.agency_id == "ubnd-xa-phuong"
    assert mention.known


def test_each_determiner_starts_its_own_collective(registry):
    assert raw(registry, "Các địa phương, các cơ quan có nguồn thu nộp ngân sách nhà nước") == [
        "Các địa phương",
        "các cơ quan có nguồn thu nộp ngân sách nhà nước",
    ]
    assert raw(registry, "Các Sở, ban, ngành, các đơn vị quản lý hệ thống") == [
        "Các Sở, ban, ngành",
        "các đơn vị quản lý hệ thống",
    ]


def test_a_collective_stops_where_a_named_body_begins(registry):
    assert raw(registry, "Trung tâm Phục vụ hành chính công, các Sở, ban, ngành, UBND các xã, phường") == [
        "Trung tâm Phục vụ hành chính công",
        "các Sở, ban, ngành",
        "UBND các xã, phường",
    ]
    assert raw(registry, "Sở Tài chính, Sở Công Thương, sở, ngành có liên quan và UBND các xã, phường") == [
        "Sở Tài chính",
        "Sở Công Thương",
        "sở, ngành có liên quan",
        "UBND các xã, phường",
    ]


def test_a_unit_named_after_another_body_is_its_own_mention(registry):
    cell = "Cơ quan quản lý cấp trên của đơn vị sự nghiệp, đơn vị sự nghiệp công lập trực thuộc UBND tỉnh"
    assert raw(registry, cell) == [
        "Cơ quan quản lý cấp trên của đơn vị sự nghiệp",
        "đơn vị sự nghiệp công lập trực thuộc UBND tỉnh",
    ]


def test_an_unknown_collective_is_kept_as_written_and_marked_collective(registry):
    (mention,) = registry.split("các công ty quản lý lĩnh vực liên quan")
    assert mention.raw_name == "các công ty quản lý lĩnh vực liên quan"
    assert mention.is_collective and not mention.known


def test_slash_separates_bodies_but_not_kinds_of_one_collective(registry):
    assert raw(registry, "Sở Xây dựng/các công ty quản lý lĩnh vực liên quan") == [
        "Sở Xây dựng",
        "các công ty quản lý lĩnh vực liên quan",
    ]


@pytest.mark.parametrize(
    ("cell", "body", "title"),
    [
        ("Giám đốc các Sở", "các Sở", "Giám đốc"),
        ("Chủ tịch UBND các xã, phường", "UBND các xã, phường", "Chủ tịch"),
        ("Thủ trưởng các cơ quan, đơn vị", "các cơ quan, đơn vị", "Thủ trưởng"),
        ("Chánh Thanh tra tỉnh", "Thanh tra tỉnh", "Chánh"),
    ],
)
def test_a_title_names_the_body_it_heads(registry, cell, body, title):
    (mention,) = registry.split(cell)
    assert mention.raw_name == body
    assert mention.note == title


def test_role_phrases_after_names_run_to_the_sentence_end(registry):
    cell = (
        "Sở Giáo dục và Đào tạo, UBND các xã/phường triển khai tại các cơ sở giáo dục theo phân cấp. "
        "Sở Khoa học và Công nghệ triển khai hệ thống, hạ tầng, dữ liệu."
    )
    mentions = registry.split(cell)
    assert [m.raw_name for m in mentions] == [
        "Sở Giáo dục và Đào tạo",
        "UBND các xã/phường",
        "Sở Khoa học và Công nghệ",
    ]
    assert mentions[2].note == "triển khai hệ thống, hạ tầng, dữ liệu"


def test_two_paragraphs_without_punctuation_are_two_bodies(registry):
    cell = (
        "UBND các xã, phường trực tiếp triển khai tại địa bàn\nSở Khoa học và Công nghệ triển khai hệ thống"
    )
    assert raw(registry, cell) == ["UBND các xã, phường", "Sở Khoa học và Công nghệ"]


@pytest.mark.parametrize(
    "cell",
    [
        "Ban Chỉ đạo triển khai Nghị quyết số 57-NQ/TW",
        "các cơ sở giáo dục thuộc đối tượng triển khai",
    ],
)
def test_a_verb_inside_a_name_is_not_a_role_phrase(registry, cell):
    assert raw(registry, cell) == [cell]


def test_a_name_abbreviated_with_a_full_stop_is_not_cut_as_a_sentence(registry):
    assert raw(registry, "Công an TP. Hà Nội") == ["Công an TP. Hà Nội"]


def test_many_spaces_in_a_cell_are_read_in_linear_time(registry):
    import time

    start = time.process_time()
    registry.split("Sở Xây dựng" + " " * 100_000 + "trực tiếp triển khai tại địa bàn")
    assert time.process_time() - start < 2.0


def test_no_registry_spelling_joins_two_bodies(registry):
    """A registry alias such as "Các sở, ban, ngành, UBND các xã" would hide two bodies in one
    ("Văn phòng Đoàn ĐBQH và HĐND" is one body's name: only pieces after a comma count)."""
    from plan132lib.ingest.agencies import starts_new_name

    for agency in registry.agencies.values():
        for spelling in (agency.name, agency.short_name, *agency.aliases):
            pieces = [p.strip() for p in spelling.split(",")][1:]
            joined = [
                p for p in pieces if p[:1].isupper() and starts_new_name(p) and registry.get(p) is not None
            ]
            assert not joined, f"{agency.agency_id}: {spelling!r} holds {joined}"


def test_a_reviewers_name_for_a_collective_phrase_wins(registry):
    reviewed = registry.with_names([("các đơn vị quản lý hệ thống", "so-khcn")])
    (mention,) = reviewed.split("các đơn vị quản lý hệ thống")
    assert (mention.agency_id, mention.known) == ("so-khcn", True)


def test_commune_committees_of_a_kind_are_a_level_of_government_not_a_collective(registry):
    (mention,) = registry.split("UBND các xã, phường ven biển")
    assert mention.raw_name == "UBND các xã, phường ven biển"
    assert not mention.is_collective


def test_a_duty_written_after_a_known_body_is_a_note(registry):
    cell = "Sở Khoa học và Công nghệ hướng dẫn, hỗ trợ kỹ thuật"
    (mention,) = registry.split(cell)
    assert (mention.raw_name, mention.agency_id) == ("Sở Khoa học và Công nghệ", "so-khcn")
    assert mention.note == "hướng dẫn, hỗ trợ kỹ thuật"


def test_a_duty_verb_inside_an_unknown_name_keeps_the_name_whole(registry):
    assert raw(registry, "Ban Chỉ đạo tổ chức Đại hội thể dục thể thao") == [
        "Ban Chỉ đạo tổ chức Đại hội thể dục thể thao"
    ]


@pytest.mark.parametrize(
    "cell",
    [
        "- Sở Tài chính\n- Sở Xây dựng",
        "+ Sở Tài chính\n+ Sở Xây dựng",
        "1. Sở Tài chính\n2. Sở Xây dựng",
        "a) Sở Tài chính\nb) Sở Xây dựng",
    ],
)
def test_list_marks_before_each_name_are_not_part_of_it(registry, cell):
    assert ids(registry, cell) == ["so-tc", "so-xd"]


def test_a_role_in_parentheses_is_the_mentions_note_a_sub_unit_is_its_name(registry):
    first, second = registry.split("Sở Tài chính (chủ trì), Sở Xây dựng (phối hợp thẩm định)")
    assert (first.raw_name, first.note) == ("Sở Tài chính", "chủ trì")
    assert (second.raw_name, second.note) == ("Sở Xây dựng", "phối hợp thẩm định")
    (unit,) = registry.split("Công an tỉnh (Phòng Cảnh sát môi trường)")
    assert (unit.raw_name, unit.agency_id) == ("Công an tỉnh (Phòng Cảnh sát môi trường)", "cong-an-tinh")


def test_an_unknown_collective_read_by_its_shape_is_collective_whatever_its_case(registry):
    (mention,) = registry.split("Cơ quan, đơn vị")
    assert (mention.raw_name, mention.known, mention.is_collective) == ("Cơ quan, đơn vị", False, True)


@pytest.mark.parametrize(
    "cell",
    [
        "Sở Xây dựng" + ", ban" * 20_000,  # one endless collective
        "Sở Xây dựng " + "(chủ trì " * 5000 + ")" * 5000,  # parentheses nested 5,000 deep
        "Sở Xây dựng" + ". Sở" * 20_000,  # 20,000 sentences
        "Sở Xây dựng " + "hướng dẫn " * 5_000,  # a duty verb 5,000 times
        "Sở " + "a" * 200_000,  # one 200,000-letter word
    ],
)
def test_hostile_cells_are_split_in_bounded_time(registry, cell):
    import time

    start = time.process_time()
    mentions = registry.split(cell)
    assert time.process_time() - start < 5.0
    assert mentions  # read, not dropped
