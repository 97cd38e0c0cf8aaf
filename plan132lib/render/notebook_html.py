"""An executed notebook as a readable HTML page (nbconvert), for a browser, a phone or paper.

``write_notebook_html(notebook)`` writes ``<name>.html`` beside ``<name>.ipynb`` with
nbconvert's HTMLExporter (the JupyterLab template, its CSS inlined) and a template of our
own on top that:

- fetches and runs nothing: no require.js, MathJax, Mermaid or widget scripts, and a
  Content-Security-Policy that lets a browser load nothing but inline styles and ``data:``
  images;
- folds each code cell into a closed ``<details>`` ("Xem mã lệnh"): the reader sees the
  results, the code is one tap away (and the ``.ipynb`` keeps it); the cell of injected
  parameters (absolute paths of the build machine) is left out;
- names the page in its language (``<html lang>``) with the notebook's title;
- shows charts as the HTML report does (:func:`html_report.figure_html`: description as
  ``alt`` and caption, a minimum width on a phone), and Markdown output (which carries the
  document's text) with raw HTML escaped; widget views and JavaScript are dropped with their
  text (a Python repr such as ``Dropdown(options=…)``; the notebook shows a static fallback of its
  own), HTML output that carries active content falls back to its text unless that is a bare repr;
- drops stderr (warnings are for the analyst running it, not the reader).

Same notebook in, byte-identical page out. A notebook with an error output, an unexecuted
cell or a chart that was not drawn is refused, as for the report.
"""

from __future__ import annotations

import copy
import html
import unicodedata
from pathlib import Path
from typing import Any

import nbformat
from jinja2 import DictLoader
from nbconvert import HTMLExporter

from ..words import check_lang, word
from .html_report import (
    _ACTIVE_HTML,
    CSP,
    IMAGE_TYPES,
    _check_publishable,
    _is_object_repr,
    _markdown,
    _text,
    figure_html,
)

__all__ = ["render_notebook_html", "write_notebook_html"]

# Cells that never reach the page: the build's injected parameters, nbconvert's remove-cell.
DROP_TAGS = frozenset({"injected-parameters", "remove-cell", "remove_cell"})
DROP_OUTPUT_TAGS = frozenset({"remove-output", "remove_output"})
# Output types a static page cannot show (they need a kernel or a script).
ACTIVE_TYPES = (
    "application/vnd.jupyter.widget-view+json",
    "application/vnd.jupyter.widget-state+json",
    "application/javascript",
    "text/javascript",
)

CSS = """\
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body.jp-Notebook { margin: 0; padding: 0; background: #f4f4f1; overflow-wrap: break-word; }
main { box-sizing: border-box; max-width: 62rem; margin: 1.5rem auto; padding: 1.5rem 2rem;
  background: #fff; box-shadow: 0 0 0.4rem rgba(0, 0, 0, 0.12); }
.jp-RenderedHTMLCommon { font-size: 16px; line-height: 1.5; }
.jp-RenderedHTMLCommon table { font-size: 14px; table-layout: auto; }
main .jp-RenderedHTMLCommon td, main .jp-RenderedHTMLCommon th { text-align: left; vertical-align: top; }
.jp-OutputArea-output { overflow-x: auto; }
.jp-RenderedText pre, .jp-RenderedText { font-size: 14px; }
details.code { margin: 0.6rem 0 0.2rem; }
details.code > summary { cursor: pointer; color: #555; font: 14px/1.4 var(--jp-ui-font-family, sans-serif); }
details.code[open] > summary { margin-bottom: 0.3rem; }
figure.chart { margin: 1rem 0; }
.chart-scroll { overflow-x: auto; overscroll-behavior-x: contain; }
.chart-scroll img { display: block; max-width: 100%; height: auto; margin: 0 auto; }
figcaption { margin: 0.4rem 0 0; color: #45453f; font-size: 15px; }
.scroll-hint { display: none; }
@media (max-width: 40rem) {
  main { margin: 0; padding: 1rem 0.75rem; box-shadow: none; }
  .jp-Cell { padding: 0; }
  .scroll-hint { display: block; margin: 0.2rem 0 0; color: #45453f; font-size: 14px; }
}
@page { size: A4; margin: 15mm; }
@media print {
  body.jp-Notebook { background: #fff; }
  main { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  details.code, .scroll-hint { display: none; }
  .jp-OutputArea-output, .chart-scroll { overflow: visible; }
  .chart-scroll img { min-width: 0 !important; width: auto;
    max-height: min(225mm, max(140mm, var(--print-h, 140mm))); }
  figure.chart, table, pre { break-inside: avoid; }
  h1, h2, h3 { break-after: avoid; }
}
"""

# The JupyterLab template with everything that would fetch or run something taken out.
TEMPLATE = """\
{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}
<meta http-equiv="Content-Security-Policy" content="{{ resources.plan132.csp }}">
{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block html_head_css -%}
<style type="text/css">
{{ resources.plan132.css }}</style>
{%- endblock html_head_css -%}
{% block input_group -%}
<details class="code"><summary>{{ resources.plan132.show_code }}</summary>
{{ super() }}
</details>
{%- endblock input_group %}
{%- block data_javascript -%}{%- endblock data_javascript -%}
{%- block data_widget_view -%}{%- endblock data_widget_view -%}
{%- block footer_js -%}{%- endblock footer_js -%}
"""


def _reader_output(output: dict[str, Any], fallback: str, lang: str) -> dict[str, Any] | None:
    """An output as the page shows it, or None to leave it out (see the module's docstring)."""
    kind = output.get("output_type")
    if kind == "stream":
        return output if output.get("name") == "stdout" else None
    if kind not in ("display_data", "execute_result"):
        return output
    data = {mime: value for mime, value in output.get("data", {}).items() if mime not in ACTIVE_TYPES}
    if len(data) < len(output.get("data", {})):  # a widget's or a script's text is its Python repr
        data.pop("text/plain", None)
    plain = _text(data["text/plain"]) if "text/plain" in data else None
    for mime in IMAGE_TYPES:
        if mime in data:
            shown = figure_html(mime, _text(data[mime]), output.get("metadata", {}), plain, fallback, lang)
            return {**output, "data": {"text/html": shown}, "metadata": {}}
    if "text/markdown" in data:
        return {**output, "data": {"text/html": _markdown(_text(data["text/markdown"]))}}
    if "text/html" in data and _ACTIVE_HTML.search(_text(data["text/html"])):
        del data["text/html"]
    data = {
        mime: value
        for mime, value in data.items()
        if mime != "text/plain" or not _is_object_repr(_text(value))
    }
    return {**output, "data": data} if data else None


def _reader_copy(notebook: nbformat.NotebookNode, title: str, lang: str) -> nbformat.NotebookNode:
    """The notebook as the page shows it (a copy: the executed notebook is left as it is)."""
    nb = copy.deepcopy(notebook)
    nb.metadata.pop("widgets", None)
    nb.metadata["title"] = title
    figures = 0
    kept = []
    for cell in nb.cells:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if tags & DROP_TAGS:
            continue
        if cell.cell_type == "code":
            outputs = []
            for output in [] if tags & DROP_OUTPUT_TAGS else cell.get("outputs", []):
                if any(mime in output.get("data", {}) for mime in IMAGE_TYPES):
                    figures += 1
                fallback = f"{word('report.figure', lang)} {figures}: {title}"
                shown = _reader_output(output, fallback, lang)
                if shown is not None:
                    outputs.append(nbformat.from_dict(shown))
            cell.outputs = outputs
        kept.append(cell)
    nb.cells = kept
    return nb


def _title(notebook: nbformat.NotebookNode, path: Path) -> str:
    """The first heading of the notebook's Markdown cells, else the file's name."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in _text(cell.source).splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return path.stem


def render_notebook_html(notebook: str | Path, title: str | None = None, lang: str = "vi") -> str:
    """The HTML page (a string, NFC, LF line ends) of an executed notebook; see ``write_notebook_html``."""
    check_lang(lang)
    path = Path(notebook)
    nb = nbformat.read(path, as_version=4)
    _check_publishable(nb, path.name)
    title = " ".join((title or _title(nb, path)).split())
    exporter = HTMLExporter(
        template_name="lab",
        extra_loaders=[DictLoader({"plan132.html.j2": TEMPLATE})],
        template_file="plan132.html.j2",
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        exclude_anchor_links=True,
        language_code=lang,
    )
    resources = {
        "metadata": {"name": path.stem},
        "plan132": {
            "csp": CSP,
            "css": CSS,
            "show_code": html.escape(word("report.show_code", lang), quote=False),
        },
    }
    page, _ = exporter.from_notebook_node(_reader_copy(nb, title, lang), resources=resources)
    lines = [line.rstrip() for line in page.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return unicodedata.normalize("NFC", "\n".join(lines).strip("\n") + "\n")


def write_notebook_html(
    notebook: str | Path, out: str | Path | None = None, title: str | None = None, lang: str = "vi"
) -> Path:
    """Write an executed notebook as a self-contained HTML page and return its path.

    ``out`` defaults to the notebook's path with ``.html``; ``title`` (the page's
    ``<title>``) to the first heading; ``lang``: the page's language. Raises
    ``ValueError`` for an error output, an unexecuted cell, or a chart shown as text only.
    """
    path = Path(notebook)
    out = Path(out) if out is not None else path.with_suffix(".html")
    page = render_notebook_html(path, title=title, lang=lang)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(page.encode("utf-8"))
    return out
