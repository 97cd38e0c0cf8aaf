"""Write the document fixtures in tests/fixtures/documents/ (Word, PDF, Excel).

Plan 132 is copied from its text export (data/raw/…hung-yen.md), parsed here rather than
through plan132lib so that the fixtures do not move when the readers change; a task split
across pages in the export appears whole. Plan 58 of Ninh Bình is invented, in a layout
unlike Plan 132's (two header rows, Roman groups past X, sub-tasks, merged cells, contact
columns); its ground truth goes to ninhbinh_58.expected.json. LibreOffice makes the PDFs.

Run: .venv/bin/python tools/make_fixtures.py [--no-pdf]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT as VALIGN
from docx.enum.text import WD_ALIGN_PARAGRAPH as ALIGN
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Border, Font, Side

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw" / "ke-hoach-132-KH-UBND-2026-04-16-hung-yen.md"
OUT = ROOT / "tests" / "fixtures" / "documents"
AUTHOR = "plan132 fixtures"
FONT = "Times New Roman"
MARKUP = re.compile(r"\s*<(sub|sup)>(.*?)</\1>")


def segments(text: str) -> list[tuple[str, str]]:
    """Split inline <sub>/<sup> markup into (text, "" | "sub" | "sup") runs."""
    out: list[tuple[str, str]] = []
    pos = 0
    for m in MARKUP.finditer(text):
        out += [(text[pos : m.start()], ""), (m[2], m[1])]
        pos = m.end()
    return [s for s in [*out, (text[pos:], "")] if s[0]]


# ---------------------------------------------------------------- the documents' content
@dataclass
class Task:
    number: str
    letter: str
    content: str
    product: str = ""
    deadline: str = ""
    lead: str = ""  # agency cells: separators that split names are written in braces, "{/}" = new paragraph
    coord: str = ""
    tracker: str = ""
    phone: str = ""
    note: str = ""


@dataclass
class Group:
    label: str
    title: str
    lead: str = ""  # carried by the group row itself
    deadline: str = ""
    merged_lead: str = ""  # written once in the first task's lead cell, merged down over the group
    tasks: list[Task] = field(default_factory=list)


@dataclass
class Plan:
    """What a plan shows. Body paragraphs are (kind, text), kind one of section, heading, text."""

    issuer: tuple[str, str]
    number_line: str
    date_line: str
    title: str
    preamble: list[str]
    body: list[tuple[str, str]]
    recipients: list[str]
    signer: list[str]
    signer_name: str
    appendix: list[str]  # label, title line(s), "(Kèm theo …)"
    header: list[str]
    groups: list[Group]


def cell_text(spec: str) -> list[str]:
    """The paragraphs of an agency cell written with braced separators."""
    return re.sub(r"\{([^}]*)\}", r"\1", spec.replace("{/}", "{\n}")).split("\n") if spec else []


def cell_names(spec: str) -> list[str]:
    return [n.strip() for n in re.split(r"\{[^}]*\}", spec) if n.strip()]


def parse_plan132(path: Path = RAW) -> Plan:
    """Read the text export: header lines, body, signature block and the appendix table."""
    text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
    lines = [ln.rstrip() for ln in text.splitlines()]
    i_sign = lines.index("**Nơi nhận:**")
    i_table = next(i for i, ln in enumerate(lines) if ln.startswith("TT\t"))
    number_line = date_line = title = ""
    preamble: list[str] = []
    body: list[tuple[str, str]] = []
    for ln in lines[:i_sign]:
        text = ln.lstrip("#").strip().strip("*").strip()
        if not text or text == "KẾ HOẠCH":
            continue
        if text.startswith("Số:"):
            number_line = text
        elif re.match(r".+, ngày \d+ tháng \d+ năm \d{4}$", text):
            date_line = text
        elif ln.startswith("### ") and not title:
            title = text
        elif re.match(r"[IVX]+\.\s", text):
            body.append(("section", text))
        elif not body:
            preamble.append(text)
        elif re.match(r"\d+\.\s", text):
            body.append(("heading" if text.endswith(":") and len(text) < 90 else "text", text))
        elif text.startswith("- ") or body[-1][1].endswith((".", ":", ";")):
            body.append(("text", text))
        else:  # a paragraph cut by a page break in the export
            body[-1] = (body[-1][0], body[-1][1] + " " + text)
    region = lines[i_sign + 1 : i_table]
    bold = [b.strip() for b in re.findall(r"\*\*(.+?)\*\*", "\n".join(region), re.S)]
    groups: list[Group] = []
    for ln in lines[i_table:]:
        if not ln.strip() or ln.startswith("TT\t"):
            continue
        if m := re.match(r"<b>(.*)</b>", ln):
            groups.append(Group("", m[1].strip()))
            continue
        cells = [c.strip() for c in ln.split("\t")] + [""] * 6
        task = Task(cells[0], "", cells[1], lead=cells[2], coord=cells[3], deadline=cells[4], note=cells[5])
        if task.number:
            groups[-1].tasks.append(task)
            continue
        last = groups[-1].tasks[-1]  # a continuation row after a page break: join the cells
        for attr in ("content", "lead", "coord", "deadline", "note"):
            setattr(last, attr, " ".join(s for s in (getattr(last, attr), getattr(task, attr)) if s))
    return Plan(
        ("ỦY BAN NHÂN DÂN", "TỈNH HƯNG YÊN"),
        number_line,
        date_line,
        title,
        preamble,
        body,
        [ln for ln in region if ln.startswith("- ")],
        [s.strip() for s in bold[0].splitlines()],
        bold[1],
        [*bold[2:], *(ln for ln in region if ln.startswith("("))],
        lines[i_table].split("\t"),
        groups,
    )


# Plan 58 of Ninh Bình. Table: "# | label | title | lead | deadline | merged lead" starts a group; a task
# is "number | letter | content | product | deadline | lead | coordinate | tracker | phone | note";
# indented lines continue a record. Body: "= " section, "* " bold heading, else a paragraph.
NB_ABBR = {
    "$VPDK": "Sở Nông nghiệp và Môi trường (Văn phòng Đăng ký đất đai và các Chi nhánh)",
    "$BQL": "Ban Quản lý các khu công nghiệp tỉnh Ninh Bình",
    "$NNMT": "Sở Nông nghiệp và Môi trường",
    "$XP": "UBND các xã, phường",
}
NB_TABLE = """
# | I | Hoàn thiện cơ chế, chính sách và tổ chức bộ máy về bảo vệ môi trường
1 | | Rà soát, đề xuất sửa đổi, bổ sung, bãi bỏ các văn bản quy phạm pháp luật của tỉnh về bảo vệ môi
  trường không còn phù hợp với Luật Bảo vệ môi trường và Nghị quyết số 247/2025/QH15. | Báo cáo rà soát;
  dự thảo văn bản | Quý II/2026 | $NNMT | Sở Tư pháp{, }Sở Tài chính{/}Các sở, ban, ngành liên quan |
  Nguyễn Thị Thu Hà | 0912 345 678
2 | | Xây dựng, trình Hội đồng nhân dân tỉnh ban hành Nghị quyết quy định mức hỗ trợ thu gom, vận chuyển,
  xử lý chất thải rắn sinh hoạt trên địa bàn tỉnh. | Nghị quyết của HĐND tỉnh | 30/8/2026 | $NNMT{/}Sở Tài
  chính | $XP | Trần Văn Minh | 0983 210 456 | Trình kỳ họp thường lệ giữa năm 2026
3 | | Kiện toàn tổ chức, bộ máy, biên chế làm công tác quản lý nhà nước về bảo vệ môi trường cấp xã theo
  mô hình chính quyền địa phương hai cấp. | Quyết định của UBND tỉnh | Tháng 12/2026 | Sở Nội vụ |
  $NNMT{; }$XP | Lê Thị Hồng Nhung | 0915 678 902
# | II | Tuyên truyền, nâng cao nhận thức, trách nhiệm về bảo vệ môi trường
4 | | Tổ chức hội nghị quán triệt, phổ biến Nghị quyết số 247/2025/QH15 và Nghị quyết số 67/NQ-CP đến cán
  bộ, công chức, viên chức và Nhân dân; đăng tải nội dung trên Cổng thông tin điện tử tỉnh. | Hội nghị;
  tin, bài | Thường xuyên | Sở Văn hóa, Thể thao và Du lịch | Báo và Phát thanh, Truyền hình Ninh
  Bình{/}Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh | Phạm Đức Anh | 0904 112 233
5 | | Tổ chức các hoạt động hưởng ứng Ngày Môi trường thế giới, Tháng hành động vì môi trường, Chiến dịch
  làm cho thế giới sạch hơn. | Kế hoạch; báo cáo kết quả | Hằng năm | $NNMT | Tỉnh Đoàn{, }Hội Liên hiệp
  Phụ nữ tỉnh{ và }$XP
# | III | Các chỉ tiêu về môi trường đến năm 2030 | $NNMT | Theo từng mốc thời hạn dưới đây
6 | | Đạt được các chỉ tiêu sau đây:
 | a | Tỷ lệ chất thải rắn sinh hoạt đô thị được thu gom, xử lý đạt trên 95%. | Báo cáo | Năm 2027 | | $XP
 | b | Tỷ lệ khu công nghiệp, cụm công nghiệp đang hoạt động có hệ thống xử lý nước thải tập trung đạt quy
  chuẩn kỹ thuật môi trường đạt 100%. | Báo cáo | 2026 - 2030 | $BQL{/}Sở Công Thương | $NNMT
 | c | Tỷ lệ nước thải sinh hoạt đô thị được thu gom, xử lý đạt quy chuẩn kỹ thuật đạt trên 50%. | | Năm
  2030 | Sở Xây dựng | UBND các xã, phường trực tiếp triển khai tại địa bàn
 | d | Tỷ lệ cơ sở y tế thu gom, xử lý chất thải y tế nguy hại đạt quy chuẩn kỹ thuật đạt 100%. | | Quý
  IV/2027 | Sở Y tế
 | đ | Tỷ lệ che phủ rừng được duy trì ổn định ở mức trên 18%. | | Năm 2028 | | $XP
 | e | 100% cơ sở gây ô nhiễm môi trường nghiêm trọng được xử lý triệt để. | | 2026 - 2030 | Công an
  tỉnh{/}$XP | $NNMT
# | IV | Kiểm soát ô nhiễm, cải thiện chất lượng môi trường nước lưu vực sông Đáy, sông Hoàng Long
7 | | Điều tra, đánh giá khả năng chịu tải, phân vùng xả thải của sông Đáy, sông Hoàng Long, sông Vạc;
  công bố danh mục nguồn nước phải lập hành lang bảo vệ. | Quyết định phê duyệt | 100 ngày kể từ ngày ban
  hành Kế hoạch | $NNMT | Đề nghị phối hợp với các Bộ, ngành liên quan{/}$XP | Nguyễn Thị Thu Hà | 0912
  345 678
8 | | Triển khai đồng bộ các giải pháp kiểm soát nguồn thải vào lưu vực sông Đáy, sông Hoàng Long: rà
  soát, thống kê toàn bộ các nguồn nước thải xả vào sông từ khu công nghiệp, cụm công nghiệp, làng nghề,
  cơ sở sản xuất, kinh doanh, dịch vụ và khu dân cư tập trung; yêu cầu các cơ sở có lưu lượng xả thải lớn
  lắp đặt thiết bị quan trắc nước thải tự động, liên tục, truyền số liệu trực tiếp về Sở Nông nghiệp và
  Môi trường theo quy định; kiểm tra, xử lý nghiêm các trường hợp xả nước thải vượt quy chuẩn kỹ thuật môi
  trường; công khai danh sách cơ sở gây ô nhiễm môi trường nghiêm trọng trên các phương tiện thông tin đại
  chúng; nạo vét, khơi thông dòng chảy các đoạn sông, kênh mương bị bồi lắng, ô nhiễm chảy qua khu dân cư;
  đẩy mạnh xã hội hóa đầu tư các công trình thu gom, xử lý nước thải sinh hoạt phân tán tại khu vực nông
  thôn; phối hợp với các tỉnh Hà Nam, Nam Định (cũ) và thành phố Hà Nội trong giám sát chất lượng nước tại
  các điểm giáp ranh, thông tin kịp thời khi xảy ra sự cố môi trường trên lưu vực. | Báo cáo kết quả quan
  trắc; danh sách cơ sở xả thải | 2026 - 2030 | $NNMT | Sở Xây dựng{, }Sở Công Thương{, }$BQL{/}UBND các
  xã, phường trực tiếp triển khai tại địa bàn | Vũ Thị Lan | 0229 3871 245 | Ưu tiên các đoạn sông chảy
  qua khu dân cư tập trung
9 | | Đầu tư hệ thống quan trắc nước mặt tự động, liên tục tại các điểm giáp ranh liên tỉnh trên sông Đáy
  và sông Hoàng Long. | Trạm quan trắc tự động | Năm 2027 | $NNMT | Sở Tài chính{; }Sở Khoa học và Công
  nghệ
# | V | Quản lý chất thải rắn sinh hoạt, chất thải rắn công nghiệp và chất thải nguy hại
10 | | Triển khai phân loại chất thải rắn sinh hoạt tại nguồn; bố trí điểm tập kết, trung chuyển bảo đảm
  vệ sinh môi trường. | Mô hình phân loại tại nguồn | Thường xuyên | $XP | $NNMT
11 | | Rà soát, đóng cửa, cải tạo, phục hồi môi trường các bãi chôn lấp chất thải không hợp vệ sinh. | | x
  | $XP | $NNMT{, }Sở Xây dựng | |  | Đã hoàn thành giai đoạn 1
12 | | Đầu tư nhà máy xử lý chất thải rắn sinh hoạt phát điện tại khu xử lý chất thải tập trung của tỉnh
  theo phương thức đối tác công tư. | Dự án được chấp thuận chủ trương đầu tư | 2026 - 2030 | Sở Tài chính
  | $NNMT{; }Sở Xây dựng{; }Trung tâm Phát triển quỹ đất | Đinh Quang Huy | 0966 504 318
# | VI | Kiểm soát ô nhiễm môi trường không khí
13 | | Kiểm kê nguồn thải khí thải công nghiệp, khí thải phương tiện giao thông; xây dựng kế hoạch quản lý
  chất lượng môi trường không khí cấp tỉnh. | Kế hoạch của UBND tỉnh | 15/10/2026 | $NNMT | Sở Xây
  dựng{/}Công an tỉnh
14 | | Kiểm soát bụi từ hoạt động khai thác, chế biến đá, sản xuất xi măng, vật liệu xây dựng tại các xã
  vùng núi đá vôi. | | Hằng năm | Sở Xây dựng | $NNMT{, }$XP
# | VII | Phòng ngừa, đấu tranh với tội phạm và vi phạm pháp luật về môi trường |  |  | Công an tỉnh
15 | | Nắm tình hình, phát hiện, điều tra, xử lý nghiêm các hành vi vi phạm pháp luật về môi trường tại
  khu công nghiệp, cụm công nghiệp, làng nghề. | Báo cáo chuyên đề | Thường xuyên | | $NNMT
16 | | Phối hợp kiểm tra việc vận chuyển, xử lý chất thải nguy hại, chất thải công nghiệp thông thường;
  ngăn chặn hành vi đổ thải trái phép. | | Hằng năm | | $NNMT{, }Sở Công Thương
17 | | Tổ chức đợt cao điểm tấn công, trấn áp tội phạm về môi trường trên địa bàn tỉnh. | Kế hoạch; báo
  cáo kết quả | Quý III/2026 | | $XP
# | VIII | Quản lý đất đai, cải tạo, phục hồi khu vực đất bị ô nhiễm
18 | | Điều tra, đánh giá, lập danh mục khu vực đất bị ô nhiễm tồn lưu; cập nhật vào cơ sở dữ liệu đất đai
  của tỉnh. | Cơ sở dữ liệu | 31/12/2026 | $VPDK | Trung tâm Phát triển quỹ đất{/}$XP | Lê Thị Hồng Nhung
  | 0915 678 902
19 | | Lập và thực hiện phương án cải tạo, phục hồi môi trường đất tại các khu vực ô nhiễm nghiêm trọng. |
  | 2026 - 2030 | $XP | $VPDK{, }Sở Tài chính
# | IX | Bảo vệ môi trường khu công nghiệp, cụm công nghiệp, làng nghề
20 | | Rà soát, đôn đốc chủ đầu tư hạ tầng khu công nghiệp hoàn thành hệ thống xử lý nước thải tập trung,
  lắp đặt thiết bị quan trắc tự động, truyền số liệu về Sở Nông nghiệp và Môi trường. | | 30/9/2026 | $BQL
  | $NNMT
21 | | Xây dựng lộ trình di dời cơ sở sản xuất gây ô nhiễm ra khỏi khu dân cư, làng nghề. | | Thường xuyên
  | Sở Công Thương{ và }$XP | Sở Xây dựng
# | X | Ứng dụng khoa học, công nghệ và chuyển đổi số trong quản lý môi trường
22 | | Xây dựng cơ sở dữ liệu môi trường của tỉnh, kết nối, liên thông với hệ thống thông tin, cơ sở dữ
  liệu môi trường quốc gia. | Cơ sở dữ liệu môi trường | Năm 2027 | Sở Khoa học và Công nghệ | $NNMT
23 | | Đặt hàng nhiệm vụ khoa học và công nghệ về công nghệ xử lý nước thải làng nghề, tái chế phụ phẩm
  nông nghiệp. | | Quý IV/2026 | Sở Khoa học và Công nghệ | Các sở, ban, ngành liên quan
# | XI | Bố trí nguồn lực tài chính cho bảo vệ môi trường
24 | | Bố trí chi sự nghiệp bảo vệ môi trường không thấp hơn 1% tổng chi ngân sách địa phương; huy động
  nguồn lực xã hội hóa. | Dự toán ngân sách | Hằng năm | Sở Tài chính | $NNMT{/}$XP | Trần Văn Minh | 0983
  210 456
# | XII | Ứng phó với biến đổi khí hậu, bảo tồn thiên nhiên và đa dạng sinh học
25 | | Thực hiện các giải pháp bảo tồn đa dạng sinh học tại Quần thể danh thắng Tràng An, Vườn quốc gia
  Cúc Phương và Khu bảo tồn thiên nhiên đất ngập nước Vân Long. | | 2026 - 2030 | $NNMT | Ban Quản lý Quần
  thể danh thắng Tràng An{, }Vườn quốc gia Cúc Phương
26 | | Cập nhật Kế hoạch hành động ứng phó với biến đổi khí hậu của tỉnh giai đoạn 2026 - 2030, tầm nhìn
  đến năm 2050. | | Năm 2027 | $NNMT | Các sở, ban, ngành{; }$XP
# | XIII | Chế độ thông tin, báo cáo
27 | | Báo cáo kết quả thực hiện Kế hoạch, gửi Sở Nông nghiệp và Môi trường tổng hợp, báo cáo Ủy ban nhân
  dân tỉnh và Bộ Nông nghiệp và Môi trường. | Báo cáo | Trước ngày 31/01 năm liền kề | Các sở, ban,
  ngành{/}$XP | |  | | Báo cáo đột xuất khi có yêu cầu
"""
NB_BODY = """
= I. MỤC ĐÍCH, YÊU CẦU
* 1. Mục đích
Cụ thể hóa các nhiệm vụ, giải pháp tại {NQ} về tiếp tục nâng cao hiệu lực, hiệu quả việc thực hiện
  chính sách, pháp luật về bảo vệ môi trường phù hợp với điều kiện thực tế của tỉnh.
* 2. Yêu cầu
Phân công nhiệm vụ cụ thể, rõ người, rõ việc, rõ thời gian, rõ trách nhiệm, rõ sản phẩm; bảo đảm sự phối
  hợp chặt chẽ giữa các cơ quan, đơn vị và Ủy ban nhân dân các xã, phường.
= II. NHIỆM VỤ, GIẢI PHÁP
* 1. Hoàn thiện thể chế, nâng cao năng lực quản lý nhà nước về bảo vệ môi trường
a) Rà soát hệ thống văn bản của tỉnh về bảo vệ môi trường, kịp thời sửa đổi, bổ sung các nội dung không
  còn phù hợp.
b) Kiện toàn bộ máy, bố trí đủ công chức làm công tác bảo vệ môi trường ở cấp xã.
* 2. Kiểm soát chặt chẽ các nguồn gây ô nhiễm
Tập trung kiểm soát nguồn thải tại các khu công nghiệp, cụm công nghiệp, làng nghề và lưu vực sông Đáy,
  sông Hoàng Long; xử lý triệt để các cơ sở gây ô nhiễm môi trường nghiêm trọng.
* 3. Danh mục nhiệm vụ
Các nhiệm vụ cụ thể, cơ quan chủ trì, phối hợp và thời gian hoàn thành tại Phụ lục kèm theo Kế hoạch này.
= III. KINH PHÍ THỰC HIỆN
Kinh phí thực hiện Kế hoạch được bố trí từ nguồn chi sự nghiệp bảo vệ môi trường trong dự toán ngân sách
  nhà nước hằng năm của các cơ quan, đơn vị theo phân cấp hiện hành và các nguồn hợp pháp khác.
= IV. TỔ CHỨC THỰC HIỆN
* 1. Sở Nông nghiệp và Môi trường:
- Là cơ quan thường trực, chủ trì, phối hợp với các sở, ban, ngành, Ủy ban nhân dân các xã, phường triển
  khai thực hiện Kế hoạch này.
- Theo dõi, đôn đốc, kiểm tra việc thực hiện các nhiệm vụ tại Phụ lục kèm theo Kế hoạch; tổng hợp, báo cáo
  Ủy ban nhân dân tỉnh và Bộ Nông nghiệp và Môi trường trước ngày 31/01 năm liền kề.
- Tham mưu Ủy ban nhân dân tỉnh sơ kết, tổng kết việc thực hiện Kế hoạch.
* 2. Sở Tài chính:
- Tham mưu Ủy ban nhân dân tỉnh bố trí kinh phí thực hiện Kế hoạch trong dự toán ngân sách hằng năm theo
  phân cấp ngân sách hiện hành.
- Hướng dẫn các cơ quan, đơn vị lập dự toán, quản lý, sử dụng và quyết toán kinh phí theo quy định.
* 3. Ủy ban nhân dân các xã, phường:
- Xây dựng kế hoạch thực hiện trên địa bàn, phân công rõ trách nhiệm của từng cơ quan, đơn vị, cá nhân.
- Tổ chức thu gom, xử lý chất thải rắn sinh hoạt; kiểm tra, xử lý vi phạm pháp luật về bảo vệ môi trường
  theo thẩm quyền.
- Báo cáo kết quả thực hiện về Sở Nông nghiệp và Môi trường trước ngày 15/12 hằng năm.
Trong quá trình tổ chức thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị kịp thời phản ánh về Sở
  Nông nghiệp và Môi trường để tổng hợp, báo cáo Ủy ban nhân dân tỉnh xem xét, quyết định./.
"""
NQ = (
    "Nghị quyết số 247/2025/QH15 ngày 10/12/2025 của Quốc hội và Nghị quyết số 67/NQ-CP ngày 25/3/2026 "
    "của Chính phủ"
)


def records(block: str) -> list[str]:
    out: list[str] = []
    for ln in block.strip("\n").splitlines():
        if ln.startswith("  "):
            out[-1] += " " + ln.strip()
        else:
            out.append(ln.strip())
    return out


def ninhbinh_58() -> Plan:
    groups: list[Group] = []
    for rec in records(NB_TABLE):
        for abbr, name in NB_ABBR.items():
            rec = rec.replace(abbr, name)
        cells = [c.strip() for c in rec.split("|")]
        if cells[0] == "#":
            groups.append(Group(*cells[1:]))
        else:
            groups[-1].tasks.append(Task(*cells))
    body = []
    for rec in records(NB_BODY.replace("{NQ}", NQ)):
        kind = {"= ": "section", "* ": "heading"}.get(rec[:2], "text")
        body.append((kind, rec[2:] if kind != "text" else rec))
    return Plan(
        ("ỦY BAN NHÂN DÂN", "TỈNH NINH BÌNH"),
        "Số: 58/KH-UBND",
        "Ninh Bình, ngày 05 tháng 5 năm 2026",
        f"Thực hiện {NQ} trên địa bàn tỉnh Ninh Bình",
        [
            f"Căn cứ {NQ}; theo đề nghị của Sở Nông nghiệp và Môi trường tại Tờ trình số 412/TTr-SNNMT ngày "
            "22/4/2026, Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện như sau:"
        ],
        body,
        [
            "- Bộ Nông nghiệp và Môi trường;",
            "- TT Tỉnh ủy, TT HĐND tỉnh;",
            "- Chủ tịch, các PCT UBND tỉnh;",
            "- Các sở, ban, ngành, đoàn thể tỉnh;",
            "- UBND các xã, phường;",
            "- Lưu: VT, VP5.",
        ],
        ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        "Đinh Văn Thành",
        [
            "Phụ lục",
            "DANH MỤC NHIỆM VỤ THỰC HIỆN NGHỊ QUYẾT SỐ 247/2025/QH15 CỦA QUỐC HỘI VÀ NGHỊ QUYẾT SỐ "
            "67/NQ-CP CỦA CHÍNH PHỦ TRÊN ĐỊA BÀN TỈNH NINH BÌNH",
            "(Kèm theo Kế hoạch số 58/KH-UBND ngày 05/5/2026 của Ủy ban nhân dân tỉnh Ninh Bình)",
        ],
        [
            "STT",
            "Chi tiết",
            "Nhiệm vụ",
            "Sản phẩm",
            "Thời gian hoàn thành",
            "Chủ trì",
            "Phối hợp",
            "Người theo dõi",
            "Số điện thoại",
            "Ghi chú",
        ],
        groups,
    )


# ---------------------------------------------------------------- Word
def para(
    parent: Any,
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    align: Any = ALIGN.JUSTIFY,
    indent: bool = False,
    before: float = 0,
    first: bool = False,
) -> Any:
    """A paragraph in the document or in a cell (first=True fills a cell's own empty paragraph)."""
    p = parent.paragraphs[0] if first else parent.add_paragraph()
    fmt = p.paragraph_format
    fmt.alignment, fmt.space_before, fmt.space_after = align, Pt(before), Pt(0)
    if indent:
        fmt.first_line_indent = Cm(1.0)
    for chunk, pos in segments(text):
        run = p.add_run(chunk)
        run.bold, run.italic = bold or None, italic or None
        run.font.size = Pt(size) if size else None
        run.font.subscript, run.font.superscript = pos == "sub" or None, pos == "sup" or None
    return p


def center(parent: Any, text: str = "", **kw: Any) -> Any:
    return para(parent, text, align=ALIGN.CENTER, **kw)


def new_document() -> Any:
    """A4 portrait, Times New Roman 14, page number at the top from page 2."""
    doc = Document()
    for rfonts in list(doc.styles.element.find(qn("w:docDefaults")).iter(qn("w:rFonts"))):
        rfonts.getparent().remove(rfonts)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn(attr), FONT)
    normal.paragraph_format.space_after, normal.paragraph_format.line_spacing = Pt(0), 1.0
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = Cm(2), Cm(2), Cm(3), Cm(2)
    sec.header_distance, sec.different_first_page_header_footer = Cm(1), True
    header = sec.header.paragraphs[0]
    header.alignment = ALIGN.CENTER
    header._p.append(
        parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>')
    )
    return doc


def new_table(doc: Any, rows: int, widths_cm: list[float], grid: bool = True) -> Any:
    """Rows added later take their widths from the table grid set here."""
    t = doc.add_table(rows=rows, cols=len(widths_cm))
    if grid:
        t.style = doc.styles["Table Grid"]
    t.autofit = False
    for i, w in enumerate(widths_cm):
        t.columns[i].width = Cm(w)
        for cell in t.columns[i].cells:
            cell.width = Cm(w)
    return t


def fill(cell: Any, texts: list[str], *, align: Any = ALIGN.LEFT, **kw: Any) -> None:
    for i, text in enumerate(texts):
        para(cell, text, size=kw.pop("size", 12), align=align, first=i == 0, **kw)


def write_front(doc: Any, plan: Plan, two_rows: bool) -> None:
    """Header table (one row, or two with the number and date in the second), title and body."""
    t = new_table(doc, 2 if two_rows else 1, [6.0, 10.0], grid=False)
    left, right = t.cell(0, 0), t.cell(0, 1)
    center(left, plan.issuer[0], bold=not two_rows, size=13, first=True)
    center(left, plan.issuer[1], bold=True, size=13)
    center(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=13, first=True)
    center(right, "Độc lập - Tự do - Hạnh phúc", bold=True)
    below = (t.cell(1, 0), t.cell(1, 1)) if two_rows else (left, right)
    center(below[0], plan.number_line, size=13, before=6, first=two_rows)
    center(below[1], plan.date_line, italic=True, before=6, first=two_rows)
    center(doc, "KẾ HOẠCH", bold=True, before=18)
    center(doc, plan.title, bold=True)
    for text in plan.preamble:
        para(doc, text, indent=True, before=12)
    for kind, text in plan.body:
        para(doc, text, bold=kind != "text", indent=kind != "section", before=6)


def write_signature(doc: Any, plan: Plan) -> None:
    """Recipients and signature: a borderless two-column table."""
    t = new_table(doc, 1, [8.0, 8.0], grid=False)
    left, right = t.cell(0, 0), t.cell(0, 1)
    para(left, "Nơi nhận:", bold=True, italic=True, size=12, align=ALIGN.LEFT, before=12, first=True)
    for r in plan.recipients:
        para(left, r, size=11, align=ALIGN.LEFT)
    for i, line in enumerate(plan.signer):
        center(right, line, bold=True, before=12 if i == 0 else 0, first=i == 0)
    for _ in range(4):
        center(right)
    center(right, plan.signer_name, bold=True)


def appendix_section(doc: Any, plan: Plan) -> None:
    """A new landscape section whose page numbers restart at 1."""
    sec = doc.add_section(WD_SECTION.NEW_PAGE)
    sec.orientation, sec.page_width, sec.page_height = WD_ORIENT.LANDSCAPE, Cm(29.7), Cm(21)
    sec.left_margin, sec.right_margin, sec.top_margin, sec.bottom_margin = Cm(2), Cm(1.5), Cm(2), Cm(1.5)
    sec.different_first_page_header_footer = False
    sec._sectPr.append(parse_xml(f'<w:pgNumType {nsdecls("w")} w:start="1"/>'))
    label, *titles, attached = plan.appendix
    for line in [label, *titles]:
        center(doc, line, bold=True)
    center(doc, attached, italic=True)
    center(doc)


def write_docx_132(plan: Plan, path: Path) -> None:
    doc = new_document()
    write_front(doc, plan, two_rows=False)
    write_signature(doc, plan)
    appendix_section(doc, plan)
    t = new_table(doc, 1, [1.1, 10.6, 4.4, 4.4, 2.8, 2.9])
    for cell, text in zip(t.rows[0].cells, plan.header, strict=True):
        fill(cell, [text], bold=True, align=ALIGN.CENTER)
        cell.vertical_alignment = VALIGN.CENTER
    t.rows[0]._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {nsdecls("w")} w:val="true"/>'))
    aligns = [ALIGN.CENTER, ALIGN.JUSTIFY, ALIGN.LEFT, ALIGN.LEFT, ALIGN.CENTER, ALIGN.LEFT]
    for g in plan.groups:
        row = t.add_row()
        fill(row.cells[0].merge(row.cells[5]), [g.title], bold=True, align=ALIGN.JUSTIFY)
        for task in g.tasks:
            values = [task.number, task.content, task.lead, task.coord, task.deadline, task.note]
            for cell, text, al in zip(t.add_row().cells, values, aligns, strict=True):
                fill(cell, [text], align=al)
    save_docx(doc, path, datetime(2026, 4, 16), "Kế hoạch số 132/KH-UBND")


def write_docx_58(plan: Plan, path: Path) -> None:
    """Two header rows ("Cơ quan thực hiện" over Chủ trì | Phối hợp), not repeated on new pages."""
    doc = new_document()
    write_front(doc, plan, two_rows=True)
    write_signature(doc, plan)
    appendix_section(doc, plan)
    t = new_table(doc, 3, [1.2, 1.1, 7.2, 2.6, 2.5, 3.0, 3.0, 2.0, 1.8, 1.8])
    for i, text in enumerate(plan.header):
        fill(t.cell(1 if i in (5, 6) else 0, i), [text], bold=True, align=ALIGN.CENTER)
        fill(t.cell(2, i), [f"({i + 1})"], italic=True, align=ALIGN.CENTER)
    fill(t.cell(0, 5), ["Cơ quan thực hiện"], bold=True, align=ALIGN.CENTER)
    t.cell(0, 5).merge(t.cell(0, 6))
    for i in (0, 1, 2, 3, 4, 7, 8, 9):
        t.cell(0, i).merge(t.cell(1, i))
    aligns = [
        ALIGN.CENTER,
        ALIGN.CENTER,
        ALIGN.JUSTIFY,
        ALIGN.CENTER,
        ALIGN.CENTER,
        ALIGN.LEFT,
        ALIGN.LEFT,
        ALIGN.CENTER,
        ALIGN.CENTER,
        ALIGN.LEFT,
    ]
    for g in plan.groups:
        cells = t.add_row().cells
        fill(cells[0], [g.label], bold=True, align=ALIGN.CENTER)
        own = bool(g.lead or g.deadline)
        fill(cells[1].merge(cells[3 if own else 9]), [g.title], bold=True)
        if own:
            fill(cells[4], [g.deadline], bold=True, align=ALIGN.CENTER)
            fill(cells[5], cell_text(g.lead), bold=True)
        first = len(t.rows)
        for task in g.tasks:
            values = [
                [task.number],
                [task.letter],
                [task.content],
                [task.product],
                [task.deadline],
                cell_text(task.lead),
                cell_text(task.coord),
                [task.tracker],
                [task.phone],
                [task.note],
            ]
            for cell, texts, al in zip(t.add_row().cells, values, aligns, strict=True):
                fill(cell, texts or [""], align=al)
        if g.merged_lead:
            fill(t.cell(first, 5), [g.merged_lead])
            t.cell(first, 5).merge(t.cell(len(t.rows) - 1, 5))
    for cell in t._cells:
        cell.vertical_alignment = VALIGN.CENTER
    save_docx(doc, path, datetime(2026, 5, 5), "Kế hoạch số 58/KH-UBND")


def save_docx(doc: Any, path: Path, when: datetime, title: str) -> None:
    props = doc.core_properties
    props.author = props.last_modified_by = AUTHOR
    props.created = props.modified = props.last_printed = when
    props.revision, props.title = 1, title
    doc.save(path)
    normalise_zip(path, when)


def normalise_zip(path: Path, when: datetime) -> None:
    """Rewrite an OOXML zip with fixed entry times and fixed core-property dates."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(path) as z:
        entries = [(i.filename, z.read(i)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w") as z:
        for name, data in entries:
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + stamp, data)
            info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
            info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            z.writestr(info, data)


# ---------------------------------------------------------------- PDF
def to_pdf(docx_path: Path) -> Path:
    """LibreOffice converts; the date and /ID are then fixed (same length, so offsets stay valid)."""
    out = docx_path.with_suffix(".pdf")
    with tempfile.TemporaryDirectory(prefix="plan132_fixtures_") as tmp:
        profile = Path(tmp, "profile").as_uri()
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(docx_path),
            ],
            check=True,
            capture_output=True,
            timeout=600,
        )
        data = Path(tmp, out.name).read_bytes()
    digest = hashlib.md5(docx_path.name.encode()).hexdigest().upper().encode()
    data = re.sub(
        rb"/(CreationDate|ModDate)\s*\(D:\d{14}([^)]*)\)",
        lambda m: b"/" + m[1] + b"(D:20260416000000" + re.sub(rb"\d", b"0", m[2]) + b")",
        data,
    )
    data = re.sub(
        rb"/ID\s*\[\s*<[0-9A-Fa-f]{32}>\s*<[0-9A-Fa-f]{32}>\s*\]",
        b"/ID [ <" + digest + b"> <" + digest + b"> ]",
        data,
    )
    data = re.sub(rb"/DocChecksum /[0-9A-F]{32}", b"/DocChecksum /" + digest, data)
    out.write_bytes(data)
    return out


# ---------------------------------------------------------------- Excel
GRID = Border(*(Side(style="thin"),) * 4)


def excel_value(text: str) -> CellRichText | str | None:
    segs = segments(text)
    if len(segs) < 2:
        return text or None
    vert = {"": None, "sub": "subscript", "sup": "superscript"}
    return CellRichText([TextBlock(InlineFont(rFont=FONT, sz=12, vertAlign=vert[p]), s) for s, p in segs])


def put(
    ws: Any, row: int, col: int, value: Any, *, bold: bool = False, center: bool = False, italic: bool = False
) -> Any:
    c = ws.cell(row, col, value if value != "" else None)
    c.font, c.border = Font(name=FONT, size=12, bold=bold, italic=italic), GRID
    c.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center" if center else None)
    return c


def excel_sheet(title: str, plan: Plan, widths: list[float]) -> tuple[Workbook, Any]:
    """The sheet with its three title rows merged across the columns (row 4 left blank)."""
    wb = Workbook()
    ws = wb.active
    ws.title = title
    label, *titles, attached = plan.appendix
    for r, text in enumerate([label.upper(), " ".join(titles), attached], start=1):
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(widths))
        c = ws.cell(r, 1, text)
        c.font = Font(name=FONT, size=13, bold=r < 3, italic=r == 3)
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[2].height = 36
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[chr(64 + i)].width = w
    ws.page_setup.orientation, ws.page_setup.paperSize = "landscape", ws.PAPERSIZE_A4
    return wb, ws


def save_xlsx(wb: Workbook, path: Path, when: datetime) -> None:
    wb.properties.creator = wb.properties.lastModifiedBy = AUTHOR
    wb.properties.created = wb.properties.modified = when
    wb.save(path)
    normalise_zip(path, when)  # openpyxl stamps "modified" with the time of saving


def write_xlsx_132(plan: Plan, path: Path) -> None:
    wb, ws = excel_sheet("Phụ lục", plan, [6, 70, 30, 30, 16, 24])
    for col, text in enumerate(plan.header, start=1):
        put(ws, 5, col, text, bold=True, center=True)
    ws.print_title_rows, ws.freeze_panes = "5:5", "A6"
    r = 6
    for g in plan.groups:
        for col in range(1, 7):
            put(ws, r, col, g.title if col == 1 else None, bold=True)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=6)
        r += 1
        for t in g.tasks:
            put(ws, r, 1, int(t.number), center=True)
            for col, text in enumerate([t.content, t.lead, t.coord, t.deadline, t.note], start=2):
                put(ws, r, col, excel_value(text), center=col == 5)
            r += 1
    save_xlsx(wb, path, datetime(2026, 4, 16))


def deadline_cell(text: str) -> tuple[Any, str | None]:
    """A date typed as a date, a month stored as its first day, anything else as text."""
    if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text):
        return datetime(int(m[3]), int(m[2]), int(m[1])), "dd/mm/yyyy"
    if m := re.fullmatch(r"Tháng (\d{1,2})/(\d{4})", text):
        return datetime(int(m[2]), int(m[1]), 1), '"Tháng "mm/yyyy'
    return text, None


def write_xlsx_58(plan: Plan, path: Path) -> list[dict[str, str]]:
    wb, ws = excel_sheet("Danh mục nhiệm vụ", plan, [6, 8, 60, 22, 16, 28, 30, 20, 15, 20])
    for col, text in enumerate(plan.header, start=1):
        leaf, other = (6, 5) if col in (6, 7) else (5, 6)
        put(ws, leaf, col, text, bold=True, center=True)
        put(ws, other, col, "Cơ quan thực hiện" if col == 6 else None, bold=True, center=True)
        put(ws, 7, col, f"({col})", center=True, italic=True)
        if col not in (6, 7):
            ws.merge_cells(start_row=5, start_column=col, end_row=6, end_column=col)
    ws.merge_cells("F5:G5")
    ws.print_title_rows, ws.freeze_panes = "5:7", "A8"
    typed: list[dict[str, str]] = []
    r = 8
    for gi, g in enumerate(plan.groups, start=1):
        own = bool(g.lead or g.deadline)
        values = [g.label, g.title, None, None, g.deadline, "\n".join(cell_text(g.lead))]
        for col, value in enumerate(values, start=1):
            put(ws, r, col, value, bold=True, center=col in (1, 5))
        for col in range(7, 11):
            put(ws, r, col, None)
        ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=4 if own else 10)
        r += 1
        first = r
        for t in g.tasks:
            value, fmt = deadline_cell(t.deadline)
            values = [
                int(t.number) if t.number else None,
                t.letter,
                t.content,
                t.product,
                value,
                "\n".join(cell_text(t.lead)),
                "\n".join(cell_text(t.coord)),
                t.tracker,
                t.phone,
                t.note,
            ]
            for col, v in enumerate(values, start=1):
                put(ws, r, col, v, center=col in (1, 2, 5, 9))
            if fmt:
                ws.cell(r, 5).number_format = fmt
                typed.append(
                    {
                        "task": task_id(gi, g, t),
                        "cell": f"E{r}",
                        "text": t.deadline,
                        "stored": value.date().isoformat(),
                        "number_format": fmt,
                    }
                )
            r += 1
        if g.merged_lead:
            ws.cell(first, 6, g.merged_lead)
            ws.merge_cells(start_row=first, start_column=6, end_row=r - 1, end_column=6)
    save_xlsx(wb, path, datetime(2026, 5, 5))
    return typed


# ---------------------------------------------------------------- ground truth
def task_id(gi: int, group: Group, task: Task) -> str:
    if task.number:
        return f"{gi}.{task.number}"
    parent = next(t.number for t in reversed(group.tasks[: group.tasks.index(task)]) if t.number)
    return f"{gi}.{parent}.{task.letter}"


def duties(plan: Plan) -> list[dict[str, Any]]:
    """Section IV: "N. Agency:" headings with their "- " duties."""
    out: list[dict[str, Any]] = []
    section = ""
    for kind, text in plan.body:
        if kind == "section":
            section = text.split(".")[0]
        elif section == "IV" and (m := re.match(r"(\d+)\. (.+):$", text)):
            out.append({"item": int(m[1]), "heading": m[2], "duties": []})
        elif section == "IV" and text.startswith("- "):
            out[-1]["duties"].append(text[2:])
    return out


def expected_58(plan: Plan, typed: list[dict[str, str]]) -> dict[str, Any]:
    groups, tasks = [], []
    for gi, g in enumerate(plan.groups, start=1):
        groups.append(
            {
                "index": gi,
                "label": g.label,
                "title": g.title,
                "lead": cell_names(g.lead),
                "deadline": g.deadline,
                "merged_lead": g.merged_lead,
            }
        )
        for t in g.tasks:
            lead, source = cell_names(t.lead), "cell"
            if g.merged_lead:
                lead, source = [g.merged_lead], "merged_cell"
            elif not lead and g.lead:
                lead, source = cell_names(g.lead), "group_row"
            tid = task_id(gi, g, t)
            tasks.append(
                {
                    "id": tid,
                    "group": gi,
                    "group_label": g.label,
                    "number": tid.split(".")[1],
                    "letter": t.letter,
                    "content": t.content,
                    "lead": lead,
                    "coordinate": cell_names(t.coord),
                    "deadline": t.deadline,
                    "product": t.product,
                    "note": t.note,
                    "tracker": t.tracker,
                    "phone": t.phone,
                    "inherited_lead": source != "cell",
                    "lead_from": source,
                    "lead_cell": cell_text(t.lead),
                    "coordinate_cell": cell_text(t.coord),
                }
            )
    return {
        "document": "Kế hoạch số 58/KH-UBND of Ninh Bình: an invented fixture, no such plan exists",
        "files": ["ninhbinh_58.docx", "ninhbinh_58.pdf", "ninhbinh_58.xlsx"],
        "meta": {
            "number": "58/KH-UBND",
            "number_raw": plan.number_line,
            "date": "2026-05-05",
            "date_raw": plan.date_line,
            "issuer": "Ủy ban nhân dân tỉnh Ninh Bình",
            "place": "Ninh Bình",
            "doc_type": "KẾ HOẠCH",
            "title": plan.title,
            "signer_title": plan.signer,
            "signer_name": plan.signer_name,
            "appendix_title": plan.appendix[1],
            "appendix_attached_to": plan.appendix[2],
        },
        "columns": {
            "header_row_1": [*plan.header[:5], "Cơ quan thực hiện", *plan.header[7:]],
            "header_row_2": {"Cơ quan thực hiện": plan.header[5:7]},
            "column_numbers_row": [f"({i})" for i in range(1, 11)],
            "leaf_columns": plan.header,
        },
        "notes": {
            "lead_from": "cell: the task's own lead cell; group_row: an empty lead cell under a group row "
            "that carries a lead; merged_cell: one lead cell merged down over the group's tasks",
            "lead_cell": "the cell's paragraphs as written; lead and coordinate: the agency names split out",
            "coordinate": "an empty list is a real empty cell: no coordinator",
            "deadline": "as written in Word and PDF; the xlsx types some of them (xlsx_typed_cells)",
            "number": "sub-tasks carry their parent's running number and a letter in the Chi tiết column",
        },
        "groups": groups,
        "tasks": tasks,
        "duties": duties(plan),
        "xlsx_typed_cells": typed,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-pdf", action="store_true", help="skip the LibreOffice conversion")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    p132, p58 = parse_plan132(), ninhbinh_58()
    write_docx_132(p132, OUT / "plan132.docx")
    write_xlsx_132(p132, OUT / "plan132.xlsx")
    write_docx_58(p58, OUT / "ninhbinh_58.docx")
    typed = write_xlsx_58(p58, OUT / "ninhbinh_58.xlsx")
    truth = json.dumps(expected_58(p58, typed), ensure_ascii=False, indent=1)
    (OUT / "ninhbinh_58.expected.json").write_text(truth + "\n", encoding="utf-8")
    return finish(OUT, ("plan132.docx", "ninhbinh_58.docx"), pdf=not args.no_pdf)


def finish(out: Path, word_files: tuple[str, ...], pdf: bool = True) -> int:
    """Convert ``word_files`` in ``out`` to PDF with LibreOffice (when ``pdf``), then list the folder."""
    if pdf:
        if not shutil.which("soffice"):
            print("soffice not found: PDFs not written", file=sys.stderr)
            return 1
        for name in word_files:
            to_pdf(out / name)
    for f in sorted(out.iterdir()):
        print(f"{f.name:28} {f.stat().st_size:>7} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
