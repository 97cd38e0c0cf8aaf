"""An executed notebook as an HTML page (nbconvert): results shown, code folded, nothing fetched or run."""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

import nbformat
import pytest
from matplotlib.figure import Figure
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from plan132lib.render.notebook_html import render_notebook_html, write_notebook_html
from plan132lib.words import word

SECRET = "/home/builder/xq7-build-machine/plan.md"
SCRIPT = '<script>alert("x")</script>'
DESCRIBED = "Biểu đồ cột: số nhiệm vụ chủ trì và phối hợp của 12 cơ quan."


def png_base64() -> str:
    figure = Figure(figsize=(7.5, 3), dpi=100)
    figure.add_subplot().barh(["Sở Nông nghiệp và Môi trường", "UBND xã, phường"], [9, 10])
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def code(source: str, outputs: list, count: int, tags: list[str] | None = None) -> nbformat.NotebookNode:
    cell = new_code_cell(source, outputs=outputs, execution_count=count, id=f"cell-{count}")
    if tags:
        cell.metadata["tags"] = tags
    return cell


def executed() -> nbformat.NotebookNode:
    """A small executed notebook as plan132 build leaves it: parameters, injected parameters, outputs."""
    widget = {"model_id": "abc", "version_major": 2, "version_minor": 0}
    return new_notebook(
        cells=[
            new_markdown_cell("# 01 · Kế hoạch dưới dạng bảng\n\nCác bảng của Kế hoạch.", id="intro"),
            code("PLAN = None\nLANG = 'vi'", [], 1, ["parameters"]),
            code(f"PLAN = {SECRET!r}", [], 2, ["injected-parameters", "hide-in-report"]),
            code(
                "bars(plan)",
                [new_output("display_data", data={"image/png": png_base64(), "text/plain": DESCRIBED})],
                3,
            ),
            code(
                "Markdown(text)",
                [
                    new_output(
                        "display_data",
                        data={
                            "text/markdown": f"**Nhiệm vụ 1.1:** {SCRIPT} rà soát",
                            "text/plain": "<IPython.core.display.Markdown object>",
                        },
                    )
                ],
                4,
            ),
            code(
                "interact(...)",
                [
                    new_output(
                        "display_data",
                        data={
                            "application/vnd.jupyter.widget-view+json": widget,
                            "text/plain": "interactive(children=(Dropdown(description='Cơ quan'),))",
                        },
                    )
                ],
                5,
            ),
            code(
                "print('xong')",
                [
                    new_output("stream", name="stdout", text="Đã đọc 29 nhiệm vụ\n"),
                    new_output("stream", name="stderr", text="DeprecationWarning: noise\n"),
                ],
                6,
            ),
        ]
    )


@pytest.fixture
def notebook(tmp_path: Path) -> Path:
    path = tmp_path / "01_plan_tables.ipynb"
    nbformat.write(executed(), path)
    return path


@pytest.fixture
def page(notebook: Path) -> str:
    return write_notebook_html(notebook).read_text(encoding="utf-8")


def test_written_beside_the_notebook(notebook: Path) -> None:
    assert write_notebook_html(notebook) == notebook.with_suffix(".html")


def test_title_and_language(notebook: Path, page: str) -> None:
    assert '<html lang="vi">' in page and "<title>01 · Kế hoạch dưới dạng bảng</title>" in page
    english = render_notebook_html(notebook, title="01 · The plan as tables", lang="en")
    assert '<html lang="en">' in english and "<title>01 · The plan as tables</title>" in english
    assert word("report.show_code", "en") in english


def test_results_shown_code_folded(page: str) -> None:
    folds = re.findall(r'<details class="code"><summary>([^<]+)</summary>', page)
    assert folds and set(folds) == {word("report.show_code")}
    assert '<details class="code" open' not in page  # closed: the reader sees the results first
    assert "Đã đọc 29 nhiệm vụ" in page and "DeprecationWarning" not in page


def test_build_machine_paths_never_shown(page: str) -> None:
    assert SECRET not in page and "xq7-build-machine" not in page


def test_chart_with_its_description(page: str) -> None:
    figure = re.search(r'<figure class="chart">(.*?)</figure>', page, re.DOTALL).group(1)
    assert f'alt="{DESCRIBED}"' in figure and f"<figcaption>{DESCRIBED}</figcaption>" in figure
    assert re.search(r'style="min-width: \d+px', figure) and word("report.scroll_hint") in figure


def test_nothing_fetched_nothing_run(page: str) -> None:
    assert "<script" not in page.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page)
    assert not re.search(r"url\(\s*['\"]?(https?:|//)", page) and "@import" not in page
    assert "require.js" not in page and "mathjax" not in page.lower() and "mermaid" not in page.lower()
    assert "default-src 'none'; img-src data:" in page


def test_document_text_stays_text(page: str) -> None:
    assert '<p><strong>Nhiệm vụ 1.1:</strong> &lt;script&gt;alert("x")&lt;/script&gt; rà soát</p>' in page


def test_widget_is_left_out_with_its_repr(page: str) -> None:
    assert "interactive(children" not in page and "Dropdown(" not in page and "widget-view" not in page


def test_phone_and_print_css(page: str) -> None:
    assert re.search(r'<meta content="width=device-width, initial-scale=1[^"]*" name="viewport"', page)
    printed = page.split("@media print {", 1)[1]
    assert "details.code, .scroll-hint { display: none; }" in printed
    assert "figure.chart, table, pre { break-inside: avoid; }" in printed


def test_byte_identical(notebook: Path, tmp_path: Path) -> None:
    first = write_notebook_html(notebook, tmp_path / "a.html").read_bytes()
    second = write_notebook_html(notebook, tmp_path / "b.html").read_bytes()
    assert first == second and b"\r" not in first


def test_error_output_is_refused(tmp_path: Path) -> None:
    nb = executed()
    nb.cells.append(
        code(
            "1 / 0",
            [new_output("error", ename="ZeroDivisionError", evalue="division by zero", traceback=[])],
            7,
        )
    )
    path = tmp_path / "broken.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(ValueError, match=r"broken\.ipynb: cell 7 has an error output"):
        write_notebook_html(path)
    assert not path.with_suffix(".html").exists()
