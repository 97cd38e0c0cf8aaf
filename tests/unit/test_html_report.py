"""The HTML report of an executed notebook: no code, no markup from document text, self-contained."""

from __future__ import annotations

import base64
import io
import re
import struct
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from matplotlib.figure import Figure
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from plan132lib import charts
from plan132lib.analysis import workload
from plan132lib.charts.frame import SMALL
from plan132lib.render.html_report import LEGIBLE_PX, PRINT_SCALE, render_html_report, write_html_report
from plan132lib.words import word

VIETNAMESE = "Kế hoạch 132/KH-UBND — Ủy ban nhân dân tỉnh Hưng Yên"
SCRIPT = '<script>alert("x")</script>'
CODE_MARKER = "SECRET_CODE_INPUT = 42"


def png_base64(color: str = "tab:blue") -> str:
    """A tiny real PNG drawn by matplotlib, base64 as a notebook stores it."""
    figure = Figure(figsize=(1.2, 0.8), dpi=50)
    figure.add_subplot().bar([0, 1], [1, 2], color=color)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return base64.b64encode(buffer.getvalue()).decode("ascii")


class _Figures(HTMLParser):
    """Each <figure> of a page as a reader meets it: the image's attributes, the caption, the hint."""

    def __init__(self) -> None:
        super().__init__()
        self.figures: list[dict] = []
        self.inside: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "figure":
            self.figures.append({"img": None, "caption": "", "hint": ""})
        elif tag == "img" and self.figures:
            self.figures[-1]["img"] = dict(attrs)
        elif tag == "figcaption" or (tag == "p" and ("class", "scroll-hint") in attrs):
            self.inside = "caption" if tag == "figcaption" else "hint"

    def handle_endtag(self, tag: str) -> None:
        if tag in ("figcaption", "p"):
            self.inside = None

    def handle_data(self, data: str) -> None:
        if self.inside and self.figures:
            self.figures[-1][self.inside] += data


def figures(page: str) -> list[dict]:
    parser = _Figures()
    parser.feed(page)
    return parser.figures


def style_of(img: dict) -> dict[str, str]:
    """An inline style attribute as {property: value}."""
    rules = (rule.split(":", 1) for rule in (img.get("style") or "").split(";") if rule.strip())
    return {name.strip(): value.strip() for name, value in rules}


def png_inches(data: str) -> tuple[float, float]:
    """A PNG's size in inches, from its pixels and the dpi in its pHYs chunk."""
    raw = base64.b64decode(data)
    width, height = struct.unpack(">II", raw[16:24])
    at = raw.index(b"pHYs")
    per_inch = struct.unpack(">I", raw[at + 4 : at + 8])[0] * 0.0254
    return width / per_inch, height / per_inch


def code(source: str, outputs: list, count: int = 1) -> nbformat.NotebookNode:
    return new_code_cell(source, outputs=outputs, execution_count=count)


def briefing(png: str) -> nbformat.NotebookNode:
    frame = pd.DataFrame({"Nhiệm vụ": ["<b>đậm?</b>", "Xử lý & thu gom"], "Số": [1, 2]})
    return new_notebook(
        cells=[
            new_markdown_cell("# Tóm tắt Kế hoạch 132\n\nMột *trang* cho lãnh đạo."),
            code(
                CODE_MARKER + "\nMarkdown(text)",
                [
                    new_output(
                        "display_data",
                        data={
                            "text/markdown": f"## {VIETNAMESE}\n\nNhiệm vụ: {SCRIPT} rồi ~~bỏ~~ **xong**.",
                            "text/plain": "<IPython.core.display.Markdown object>",
                        },
                    ),
                ],
            ),
            code(
                "figure",
                [
                    new_output(
                        "display_data",
                        data={"image/png": png, "text/plain": "<Figure size 120x80 with 1 Axes>"},
                    ),
                ],
                count=2,
            ),
            code(
                "frame",
                [
                    new_output(
                        "execute_result",
                        data={"text/html": frame._repr_html_(), "text/plain": repr(frame)},
                        execution_count=3,
                    ),
                ],
                count=3,
            ),
            code(
                "print('in ra')",
                [
                    new_output("stream", name="stdout", text="dòng in ra <stdout>\n"),
                    new_output("stream", name="stderr", text="UserWarning: noise on stderr\n"),
                ],
                count=4,
            ),
        ]
    )


@pytest.fixture
def notebook(tmp_path: Path) -> Path:
    path = tmp_path / "05_briefing.ipynb"
    nbformat.write(briefing(png_base64()), path)
    return path


@pytest.fixture
def page(notebook: Path, tmp_path: Path) -> str:
    out = write_html_report(
        notebook, tmp_path / "report.html", links=[("01 · Bảng kế hoạch", "notebooks/01_plan_tables.ipynb")]
    )
    return out.read_text(encoding="utf-8")


def test_page_skeleton(page: str) -> None:
    assert page.startswith('<!DOCTYPE html>\n<html lang="vi">\n')
    assert '<meta charset="utf-8">' in page
    assert "<title>Tóm tắt Kế hoạch 132</title>" in page  # default title: the first heading
    assert "\r" not in page and page.endswith("</html>\n")


def test_code_inputs_are_dropped_outputs_kept(page: str) -> None:
    assert CODE_MARKER not in page and "Markdown(text)" not in page and "print(" not in page
    assert "<h2>" in page and "<strong>xong</strong>" in page and "<del>bỏ</del>" in page


def test_document_text_never_becomes_markup(page: str) -> None:
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "<script" not in page.lower()
    # the DataFrame's cell text was escaped by pandas and is kept escaped
    assert "&lt;b&gt;đậm?&lt;/b&gt;" in page and "Xử lý &amp; thu gom" in page
    assert 'class="dataframe"' in page


def test_raw_html_and_script_links_in_markdown_cells_are_neutralised(tmp_path: Path) -> None:
    path = tmp_path / "nb.ipynb"
    source = (
        '# T\n\n<img src=x onerror="alert(1)">\n\n[bấm](javascript:alert(1))\n\n<SCRIPT>alert(2)</SCRIPT>'
    )
    nbformat.write(new_notebook(cells=[new_markdown_cell(source)]), path)
    page = render_html_report(path)
    assert "<script" not in page.lower() and "<img" not in page and "javascript:" not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page


def test_html_output_with_a_script_falls_back_to_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "nb.ipynb"
    output = new_output(
        "display_data",
        data={"text/html": "<div>chart</div><script>steal()</script>", "text/plain": "Biểu đồ tương tác"},
    )
    nbformat.write(new_notebook(cells=[code("widget", [output])]), path)
    page = render_html_report(path)
    assert "<script" not in page.lower() and "<pre>Biểu đồ tương tác</pre>" in page


def test_image_is_embedded_with_alt_text(page: str) -> None:
    shown = figures(page)
    assert len(shown) == 1
    img = shown[0]["img"]
    assert img["src"].startswith("data:image/png;base64,")
    assert base64.b64decode(img["src"].split(",", 1)[1]).startswith(b"\x89PNG\r\n\x1a\n")
    # the default repr ("<Figure size …>") says nothing: the alt names the figure and the heading above it,
    # and there is no caption repeating that
    assert img["alt"] == f"{word('report.figure')} 1: {VIETNAMESE}"
    assert shown[0]["caption"] == "" and "&lt;Figure" not in page and "<Figure" not in page


def test_chart_says_what_it_shows_in_alt_and_caption(plan, tmp_path: Path) -> None:
    """A chart of the kit shows its description (its repr, the notebook's text/plain) as alt and caption."""
    for lang in ("vi", "en"):
        figure = charts.lead_coordinate_bars(
            workload.agency_workload(plan), lang=lang, source=charts.plan_source(plan, lang)
        )
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
        described = repr(figure)
        assert described and not described.startswith("<") and described == figure.alt
        path = tmp_path / f"nb_{lang}.ipynb"
        nbformat.write(
            new_notebook(
                cells=[
                    new_markdown_cell("# T"),
                    code(
                        "bars(plan)",
                        [
                            new_output(
                                "display_data",
                                data={
                                    "image/png": base64.b64encode(buffer.getvalue()).decode("ascii"),
                                    "text/plain": described,
                                },
                            )
                        ],
                    ),
                ]
            ),
            path,
        )
        (shown,) = figures(render_html_report(path, lang=lang))
        assert shown["img"]["alt"] == described
        assert shown["caption"] == described


def test_alt_text_from_output_metadata(tmp_path: Path) -> None:
    path = tmp_path / "nb.ipynb"
    nbformat.write(
        new_notebook(
            cells=[
                code(
                    "Image(...)",
                    [
                        new_output(
                            "display_data",
                            data={
                                "image/png": png_base64(),
                                "text/plain": "<IPython.core.display.Image object>",
                            },
                            metadata={"image/png": {"alt": 'Nhiệm vụ theo "cơ quan"', "width": 300}},
                        )
                    ],
                )
            ]
        ),
        path,
    )
    page = render_html_report(path)
    (shown,) = figures(page)
    assert shown["img"]["alt"] == 'Nhiệm vụ theo "cơ quan"' and shown["img"]["width"] == "300"
    assert 'alt="Nhiệm vụ theo &quot;cơ quan&quot;"' in page  # the quote cannot end the attribute
    assert shown["caption"] == 'Nhiệm vụ theo "cơ quan"'


def test_chart_type_stays_legible_on_a_phone_and_on_paper(tmp_path: Path) -> None:
    """A chart never shrinks below the width where its smallest type is LEGIBLE_PX CSS pixels (it scrolls
    sideways under a hint instead), nor on paper below PRINT_SCALE of its size."""
    figure = Figure(figsize=(7.5, 4), dpi=100)  # the house width, as the notebook's inline backend draws it
    figure.add_subplot().barh(["Sở Nông nghiệp và Môi trường", "UBND xã, phường"], [9, 10])
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    path = tmp_path / "nb.ipynb"
    nbformat.write(
        new_notebook(
            cells=[
                code(
                    "chart",
                    [
                        new_output(
                            "display_data",
                            data={"image/png": data, "text/plain": "Biểu đồ cột: số nhiệm vụ chủ trì"},
                        )
                    ],
                )
            ]
        ),
        path,
    )
    page = render_html_report(path)
    (shown,) = figures(page)
    style = style_of(shown["img"])
    width_in, height_in = png_inches(data)
    narrowest = float(style["min-width"].removesuffix("px"))
    assert SMALL * narrowest / (width_in * 72) >= LEGIBLE_PX - 0.1  # smallest type in CSS px at that width
    assert narrowest > 390 - 32  # so on a 390 px phone the chart scrolls in its box ...
    assert shown["hint"] == word("report.scroll_hint")  # ... and the reader is told so
    assert "@media (max-width: 40rem)" in page and ".chart-scroll { overflow-x: auto" in page
    printed = float(style["--print-h"].removesuffix("mm"))
    assert printed >= height_in * 25.4 * PRINT_SCALE - 0.5 and SMALL * PRINT_SCALE >= 6
    assert "max(140mm, var(--print-h, 140mm))" in page


def test_phone_and_print_layout(page: str) -> None:
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert "max-width: 60rem" in page and "img { display: block; max-width: 100%; height: auto;" in page
    screen, printed = page.split("@media print {", 1)
    assert "@page { size: A4; margin:" in screen
    assert "figure.chart, img, table, pre, li { break-inside: avoid;" in printed
    assert "h1, h2, h3, p.lead-in { break-after: avoid;" in printed
    assert ":is(p, ul, ol, figure, div):has(+ p.note) { break-after: avoid;" in printed


def test_caveat_kept_with_its_paragraph_and_lead_ins_with_theirs(tmp_path: Path) -> None:
    path = tmp_path / "nb.ipynb"
    nbformat.write(
        new_notebook(
            cells=[
                new_markdown_cell(
                    "**Đối chiếu với nghị quyết.** Kế hoạch đã có 9 nội dung.\n\n"
                    "*Danh mục đối chiếu chưa dựa trên toàn văn chính thức.*\n\n"
                    "**Kiến nghị**\n\n1. Giao một cơ quan chủ trì cụ thể."
                )
            ]
        ),
        path,
    )
    page = render_html_report(path)
    assert '<p class="note"><em>Danh mục đối chiếu chưa dựa trên toàn văn chính thức.</em></p>' in page
    assert '<p class="lead-in"><strong>Kiến nghị</strong></p>' in page
    # a paragraph that only opens in bold is no heading
    assert "<p><strong>Đối chiếu với nghị quyết.</strong> Kế hoạch đã có 9 nội dung.</p>" in page


def test_streams_stdout_kept_stderr_dropped(page: str) -> None:
    assert "<pre>dòng in ra &lt;stdout&gt;</pre>" in page
    assert "noise on stderr" not in page


def test_vietnamese_intact_and_nfc(notebook: Path, tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", VIETNAMESE)
    nb = nbformat.read(notebook, as_version=4)
    nb.cells.append(new_markdown_cell(f"Ghi chú: {decomposed}"))
    nbformat.write(nb, notebook)
    page = write_html_report(notebook, tmp_path / "r.html").read_bytes().decode("utf-8")
    assert page == unicodedata.normalize("NFC", page)
    assert f"Ghi chú: {VIETNAMESE}" in page and VIETNAMESE in page


def test_two_renders_are_byte_identical(notebook: Path, tmp_path: Path) -> None:
    links = [("01 · Bảng kế hoạch", "notebooks/01_plan_tables.ipynb")]
    first = write_html_report(notebook, tmp_path / "a" / "report.html", links=links).read_bytes()
    second = write_html_report(notebook, tmp_path / "b" / "report.html", links=links).read_bytes()
    assert first == second


def test_error_output_is_refused_naming_the_cell(tmp_path: Path) -> None:
    nb = briefing(png_base64())
    nb.cells.append(
        code(
            "1 / 0",
            [new_output("error", ename="ZeroDivisionError", evalue="division by zero", traceback=[])],
            count=5,
        )
    )
    path = tmp_path / "broken.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(ValueError, match=r"broken\.ipynb: cell 5 has an error output \(ZeroDivisionError"):
        write_html_report(path, tmp_path / "report.html")
    assert not (tmp_path / "report.html").exists()


def test_unexecuted_notebook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "fresh.ipynb"
    nbformat.write(new_notebook(cells=[new_markdown_cell("# T"), new_code_cell("x = 1")]), path)
    with pytest.raises(ValueError, match=r"fresh\.ipynb: cell 1 was not executed"):
        render_html_report(path)


def test_hidden_cells_are_left_out(tmp_path: Path) -> None:
    hidden = new_markdown_cell("# Cách dùng notebook (for the analyst only)")
    hidden.metadata["tags"] = ["hide-in-report"]
    quiet = code("x", [new_output("stream", name="stdout", text="debug output\n")])
    quiet.metadata["tags"] = ["remove-output"]
    path = tmp_path / "nb.ipynb"
    nbformat.write(new_notebook(cells=[hidden, new_markdown_cell("# Tóm tắt"), quiet]), path)
    page = render_html_report(path)
    assert "Cách dùng" not in page and "debug output" not in page
    assert "<title>Tóm tắt</title>" in page


def test_links_listed_and_escaped(notebook: Path) -> None:
    """Each notebook: its HTML page first, the .ipynb as a second link; on paper the relative path as text."""
    page = render_html_report(
        notebook,
        links=[
            ("01 · Bảng kế hoạch", "notebooks/01_plan_tables.html", "notebooks/01_plan_tables.ipynb"),
            ("A & <B>", 'notebooks/a&b.html"onmouseover="x'),
        ],
    )
    assert f"<h2>{word('report.links_heading')}</h2>" in page
    item = re.search(r"<li>(.*?01 · Bảng kế hoạch.*?)</li>", page).group(1)
    hrefs = re.findall(r'<a [^>]*href="([^"]+)"[^>]*>([^<]+)</a>', item)
    assert hrefs == [
        ("notebooks/01_plan_tables.html", "01 · Bảng kế hoạch"),
        ("notebooks/01_plan_tables.ipynb", word("report.ipynb_link")),
    ]
    printed = '<span class="print-only" data-href="notebooks/01_plan_tables.html">01 · Bảng kế hoạch</span>'
    assert printed in item
    assert 'href="notebooks/a&amp;b.html&quot;onmouseover=&quot;x">A &amp; &lt;B&gt;</a>' in page
    assert 'onmouseover="' not in page
    assert page.index("<h2>Kế hoạch") < page.index(word("report.links_heading"))  # at the end
    assert 'content: " (" attr(data-href) ")"' in page  # printed: the path, not a dead file:// link
    assert "file://" not in page


def test_links_must_be_relative(notebook: Path) -> None:
    for href in (
        "javascript:alert(1)",
        "https://example.org/x.ipynb",
        "/etc/passwd",
        "//host/x",
        "file:///tmp/out/notebooks/01.html",
    ):
        with pytest.raises(ValueError, match="not a relative address"):
            render_html_report(notebook, links=[("x", href)])
        with pytest.raises(ValueError, match="not a relative address"):
            render_html_report(notebook, links=[("x", "notebooks/01.html", href)])


def test_english_title_and_links(notebook: Path) -> None:
    page = render_html_report(
        notebook, links=[("01", "notebooks/01.ipynb")], title="Plan 132 <briefing>", lang="en"
    )
    assert '<html lang="en">' in page and "<title>Plan 132 &lt;briefing&gt;</title>" in page
    assert f"<h2>{word('report.links_heading', 'en')}</h2>" in page and 'alt="Figure 1: ' in page
    with pytest.raises(ValueError, match="lang"):
        render_html_report(notebook, lang="fr")


def test_no_external_resources(page: str) -> None:
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page)
    assert "<link" not in page and "@import" not in page and "url(" not in page and "MathJax" not in page
    assert "default-src 'none'; img-src data:" in page  # and a browser is told to fetch nothing


def test_entity_references_read_as_in_jupyter(tmp_path: Path) -> None:
    path = tmp_path / "nb.ipynb"
    nbformat.write(
        new_notebook(
            cells=[
                new_markdown_cell(
                    "# Sở NN&amp;MT\n\nSở NN&amp;MT chủ trì; &lt;script&gt; là chữ; `a &amp; b` trong mã"
                )
            ]
        ),
        path,
    )
    page = render_html_report(path)
    assert "<title>Sở NN&amp;MT</title>" in page and "<p>Sở NN&amp;MT chủ trì; &lt;script&gt; là chữ;" in page
    assert "&amp;amp;MT" not in page and "<script" not in page
    assert "<code>a &amp;amp; b</code>" in page  # code spans are literal (CommonMark)


def test_figure_without_image_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "no_inline.ipynb"
    text_only = new_output(
        "execute_result", data={"text/plain": "<Figure size 750x654 with 1 Axes>"}, execution_count=1
    )
    nbformat.write(new_notebook(cells=[new_markdown_cell("# T"), code("bars(plan)", [text_only])]), path)
    with pytest.raises(ValueError, match=r"no_inline\.ipynb: cell 1 shows a matplotlib figure as text only"):
        render_html_report(path)
