"""An executed notebook (the one-page briefing) as one self-contained HTML page.

``write_html_report(notebook, out)`` keeps the markdown cells and the outputs
of the code cells, drops the code, embeds the charts as ``data:`` PNGs and
needs nothing from the network: no scripts, no fonts, no MathJax. Text from the
document never becomes markup: Markdown is rendered by mistune with raw HTML
escaped, plain text is escaped. A notebook with an error output, an unexecuted
cell or a chart that was not drawn is refused. Same notebook in, byte-identical
HTML out.

Cells tagged ``hide-in-report`` (or nbconvert's ``remove-cell``) are left out;
``remove-output`` keeps nothing of a cell. The page's own words (the heading of
the notebook links, the alt text of an unlabelled chart) are rows ``report.*`` of
``plan132lib/words.csv``.

A chart is a ``<figure>``: its description (the figure's ``text/plain`` repr when it is
one, not ``<Figure size …>``, or the output's ``alt`` metadata) is both the image's
``alt`` and a visible ``<figcaption>``. On a narrow screen the image keeps a minimum
width at which the smallest type of the house style (``charts.frame.SMALL``) is still
``LEGIBLE_PX`` CSS pixels, and scrolls sideways in its own box; tables scroll in theirs,
so the page itself never does. Printed (A4), figures are never split (a chart may shrink to
fit the rest of a page, down to ``PRINT_SCALE`` of its size), headings and paragraphs wholly in
bold stay with what follows, a paragraph wholly in italics (the caveat) stays with the one before, and
the notebook links print as their relative paths instead of links (a PDF would turn
them into dead ``file://`` addresses of the machine that printed it).
"""

from __future__ import annotations

import base64
import binascii
import html
import math
import re
import struct
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import mistune
import nbformat
from mistune.util import safe_entity, unescape

from ..charts.frame import SMALL
from ..words import check_lang, word

__all__ = [
    "LEGIBLE_PX",
    "PRINT_SCALE",
    "figure_html",
    "min_width",
    "print_height",
    "render_html_report",
    "write_html_report",
]

HIDE_TAGS = frozenset({"hide-in-report", "remove-cell", "remove_cell"})
HIDE_OUTPUT_TAGS = frozenset({"remove-output", "remove_output"})
IMAGE_TYPES = ("image/png", "image/jpeg")
IMAGE_MAGIC = {"image/png": b"\x89PNG\r\n\x1a\n", "image/jpeg": b"\xff\xd8\xff"}

# Default-deny: only inline styles and data: images; nothing is fetched, nothing runs.
CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

# text/html outputs are trusted as produced (pandas escapes cell text), but one that carries
# active content falls back to its text/plain form rather than putting a script in the page.
_ACTIVE_HTML = re.compile(
    r"<\s*/?\s*(script|iframe|object|embed|link|meta|base|form)\b|<[^>]*\son\w+\s*="
    r"|javascript:",
    re.IGNORECASE,
)
# Default reprs such as "<Figure size 640x480 with 1 Axes>" or "[<Line2D at 0x7f..>]" say nothing to a
# reader (and memory addresses differ from run to run): never shown, never used as alt text.
_REPRS = re.compile(r"[\[(]?\s*(?:<[^<>\n]+>\s*,?\s*)+[\])]?")
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_ATTACHMENT = re.compile(r"\(attachment:([^)\s]+)")
# A paragraph that is wholly in italics (the caveat under a coverage figure): kept with the one before.
_NOTE = re.compile(r"^<p><em>((?:(?!</?em>).)*)</em></p>$", re.MULTILINE)
# A paragraph that is wholly in bold ("**Khoảng trống trách nhiệm.**"): a heading in all but name, kept with
# what follows on paper.
_LEAD_IN = re.compile(r"^<p>(<strong>(?:(?!</?strong>).)*</strong>)</p>$", re.MULTILINE)

LEGIBLE_PX = 9.0  # the smallest type of a chart, in CSS pixels, on any screen
PRINT_SCALE = 0.75  # on paper a chart may shrink to this share of its size (8 pt type to 6 pt)

Link = tuple[str, str] | tuple[str, str, str]  # (label, page) or (label, page, notebook file)

CSS = """\
:root { color-scheme: light; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: #f4f4f1; color: #1d1d1b; overflow-wrap: break-word;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
main { box-sizing: border-box; max-width: 60rem; margin: 1.5rem auto; padding: 2rem 2.5rem;
  background: #fff; box-shadow: 0 0 0.4rem rgba(0, 0, 0, 0.12); }
h1 { font-size: 1.7rem; line-height: 1.25; margin: 0 0 0.8rem; }
h2 { font-size: 1.3rem; margin: 1.6rem 0 0.5rem; border-bottom: 1px solid #d6d6d0; padding-bottom: 0.2rem; }
h3 { font-size: 1.1rem; margin: 1.2rem 0 0.4rem; }
p, ul, ol { margin: 0.5rem 0; }
a { color: #0b5394; }
img { display: block; max-width: 100%; height: auto; margin: 0.8rem auto; }
.output, section.markdown { overflow-x: auto; }
figure.chart { margin: 1rem 0; }
.chart-scroll { overflow-x: auto; overscroll-behavior-x: contain; }
.chart-scroll img { margin: 0 auto; }
figcaption { margin: 0.4rem 0 0; color: #45453f; font-size: 0.95rem; }
.scroll-hint, .print-only { display: none; }
table { border-collapse: collapse; margin: 0.8rem 0; font-size: 0.9rem; }
th, td { border: 1px solid #c8c8c0; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: #ecece6; }
tbody tr:nth-child(even) { background: #f8f8f5; }
pre { background: #f6f6f2; border: 1px solid #e0e0d8; padding: 0.6rem; overflow-x: auto;
  white-space: pre-wrap; font-size: 0.875rem; }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.9em; }
nav.links { margin-top: 2rem; border-top: 2px solid #1d1d1b; }
nav.links li { margin: 0.3rem 0; }
nav.links .download { font-size: 0.9rem; white-space: nowrap; }
@media (max-width: 40rem) {
  main { margin: 0; padding: 1rem; box-shadow: none; }
  h1 { font-size: 1.45rem; }
  h2 { font-size: 1.2rem; }
  .scroll-hint { display: block; margin: 0.2rem 0 0; color: #45453f; font-size: 0.875rem; }
}
@page { size: A4; margin: 12mm 15mm 14mm; }
@media print {
  body { background: #fff; color: #000; font-size: 10.5pt; }
  main { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  a { color: #000; text-decoration: none; }
  figure.chart, img, table, pre, li { break-inside: avoid; page-break-inside: avoid; }
  .chart-scroll, .output, section.markdown { overflow: visible; }
  .chart-scroll img { min-width: 0 !important; width: auto;
    max-height: min(225mm, max(140mm, var(--print-h, 140mm))); }
  figure.chart { margin: 0.5rem 0; }
  figcaption { color: #000; margin-top: 0.2rem; }
  h1, h2, h3, p.lead-in { break-after: avoid; page-break-after: avoid; }
  :is(p, ul, ol, figure, div):has(+ p.note) { break-after: avoid; page-break-after: avoid; }
  p.note { break-before: avoid; page-break-before: avoid; break-inside: avoid; }
  .output:has(+ .output > p.note:first-child) { break-after: avoid; }
  .scroll-hint, nav.links .screen-only { display: none; }
  .print-only { display: inline; }
  nav.links span.print-only::after { content: " (" attr(data-href) ")"; }
  nav.links p.print-only { display: block; font-style: italic; }
}
"""


def _is_object_repr(text: str) -> bool:
    """A default repr such as ``<Figure size 640x480 with 1 Axes>`` or ``[<Line2D at 0x7f..>]``."""
    return bool(_REPRS.fullmatch(text.strip()))


def _text(value: Any) -> str:
    """An nbformat multiline string (str or list of str) as one string."""
    return "".join(value) if isinstance(value, list) else str(value)


class _TextRenderer(mistune.HTMLRenderer):
    """mistune's HTML renderer with raw HTML escaped, reading entity references as CommonMark does.

    With ``escape=True`` mistune escapes text whole, so ``NN&amp;MT`` would show as ``NN&amp;MT``
    (Jupyter shows ``NN&MT``); here text is unescaped, then escaped again: ``&lt;b&gt;`` still shows
    as ``<b>``, as text. Raw HTML (blocks and inline tags) stays escaped, harmful URLs neutralised.
    """

    def text(self, text: str) -> str:
        return safe_entity(text)


def _markdown(source: str) -> str:
    """Markdown to HTML with raw HTML escaped: document text never becomes markup."""
    render = mistune.create_markdown(
        escape=True, renderer=_TextRenderer(escape=True), plugins=["table", "strikethrough"]
    )
    return str(render(source))


def _plain(text: str) -> str:
    """Terminal text for a ``<pre>``: colour codes and control characters removed, then escaped."""
    return html.escape(_CONTROL.sub("", _ANSI.sub("", text)).rstrip("\n"), quote=False)


def _heading_text(tokens: list[dict[str, Any]]) -> str:
    parts: list[str] = []
    for token in tokens:
        if "raw" in token:
            raw = str(token["raw"])
            parts.append(unescape(raw) if token.get("type") == "text" else raw)
        elif token.get("type") in ("linebreak", "softbreak"):
            parts.append(" ")
        parts.append(_heading_text(token.get("children", [])))
    return "".join(parts)


def _headings(source: str) -> list[str]:
    """The texts of the headings in a Markdown source, without their inline markup."""
    tokens = mistune.create_markdown(renderer=None)(source)
    texts = (
        " ".join(_heading_text(token.get("children", [])).split())
        for token in (tokens if isinstance(tokens, list) else [])
        if token.get("type") == "heading"
    )
    return [text for text in texts if text]


def _with_attachments(source: str, attachments: dict[str, Any]) -> str:
    """Markdown with ``attachment:name`` images replaced by their ``data:`` URIs."""

    def replace(match: re.Match[str]) -> str:
        bundle = attachments.get(match.group(1), {})
        for mime in IMAGE_TYPES:
            if mime in bundle:
                return f"(data:{mime};base64,{_image_base64(_text(bundle[mime]), mime)}"
        return match.group(0)

    return _ATTACHMENT.sub(replace, source) if attachments else source


def _image_base64(data: str, mime: str) -> str:
    """Checked, re-encoded base64 of an image (so nothing but base64 can reach the attribute)."""
    try:
        raw = base64.b64decode("".join(data.split()), validate=True)
    except (binascii.Error, ValueError) as error:
        raise ValueError(f"{mime} output is not valid base64") from error
    if not raw.startswith(IMAGE_MAGIC[mime]):
        raise ValueError(f"{mime} output does not hold a {mime} image")
    return base64.b64encode(raw).decode("ascii")


def _inches(mime: str, raw: bytes) -> tuple[float, float] | None:
    """A PNG's width and height in inches, from its pixels and resolution (matplotlib writes its dpi
    in the ``pHYs`` chunk), or None."""
    if mime != "image/png" or len(raw) < 24 or raw[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", raw[16:24])
    at = raw.find(b"pHYs", 0, 4096)
    if at < 0 or len(raw) < at + 13 or raw[at + 12] != 1:  # unit 1: pixels per metre
        return None
    per_metre = struct.unpack(">I", raw[at + 4 : at + 8])[0]
    if per_metre <= 0:
        return None
    return width / (per_metre * 0.0254), height / (per_metre * 0.0254)


def min_width(mime: str, raw: bytes) -> int | None:
    """The narrowest CSS width (px) at which a chart's smallest type is ``LEGIBLE_PX``, or None.

    The image is ``width / dpi`` inches wide, and type of ``SMALL`` points must get ``LEGIBLE_PX``.
    """
    size = _inches(mime, raw)
    return round(size[0] * LEGIBLE_PX * 72 / SMALL) if size else None


def print_height(mime: str, raw: bytes) -> int | None:
    """The height (mm) of a chart printed at ``PRINT_SCALE`` of its own size, or None.

    On paper a chart may shrink to fit the rest of a page, but not below this height: its smallest
    type stays ``SMALL`` × ``PRINT_SCALE`` points (6 pt).
    """
    size = _inches(mime, raw)
    return math.ceil(size[1] * 25.4 * PRINT_SCALE) if size else None


def figure_html(
    mime: str, data: str, metadata: dict[str, Any], plain: str | None, fallback: str, lang: str = "vi"
) -> str:
    """A chart as ``<figure>``: the image (``data:`` URI) in a box that scrolls sideways on a narrow
    screen, its description as ``alt`` and as ``<figcaption>``.

    The description is the output's ``alt`` metadata, else ``plain`` (the figure's repr) unless it
    is a default repr; without either, ``fallback`` is the alt and there is no caption.
    """
    meta = metadata.get(mime, {}) if isinstance(metadata.get(mime), dict) else {}
    described = meta.get("alt")
    if not described and plain and not _is_object_repr(plain):
        described = plain
    alt = " ".join(str(described or fallback).split())
    encoded = _image_base64(data, mime)
    size = "".join(
        f' {key}="{meta[key]}"'
        for key in ("width", "height")
        if isinstance(meta.get(key), int) and not isinstance(meta.get(key), bool)
    )
    raw = base64.b64decode(encoded)
    narrowest, lowest = min_width(mime, raw), print_height(mime, raw)
    rules = [f"min-width: {narrowest}px"] if narrowest else []
    rules += [f"--print-h: {lowest}mm"] if lowest else []
    style = f' style="{"; ".join(rules)}"' if rules else ""
    image = f'<img src="data:{mime};base64,{encoded}" alt="{html.escape(alt, quote=True)}"{size}{style}>'
    parts = ['<figure class="chart">', f'<div class="chart-scroll">{image}</div>']
    if narrowest:
        hint = html.escape(word("report.scroll_hint", lang), quote=False)
        parts.append(f'<p class="scroll-hint">{hint}</p>')
    if described:
        parts.append(f"<figcaption>{html.escape(alt, quote=False)}</figcaption>")
    parts.append("</figure>")
    return "\n".join(parts)


class _Renderer:
    """Cell-by-cell conversion of one notebook; keeps the state for alt texts and the title."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.figures = 0
        self.heading: str | None = None  # the last heading seen, for the alt text of charts
        self.first_heading: str | None = None

    def markdown(self, source: str) -> str | None:
        headings = _headings(source)
        if headings:
            self.first_heading = self.first_heading or headings[0]
            self.heading = headings[-1]
        body = _NOTE.sub(r'<p class="note"><em>\1</em></p>', _markdown(source).strip())
        body = _LEAD_IN.sub(r'<p class="lead-in">\1</p>', body)
        return body or None

    def image(self, mime: str, data: str, metadata: dict[str, Any], plain: str | None) -> str:
        self.figures += 1
        label = f"{word('report.figure', self.lang)} {self.figures}"
        fallback = f"{label}: {self.heading}" if self.heading else label
        return figure_html(mime, data, metadata, plain, fallback, self.lang)

    def output(self, output: dict[str, Any]) -> str | None:
        kind = output.get("output_type")
        if kind == "stream":
            if output.get("name") != "stdout":
                return None
            text = _plain(_text(output.get("text", "")))
            return f"<pre>{text}</pre>" if text.strip() else None
        if kind not in ("display_data", "execute_result"):
            return None
        data = output.get("data", {})
        plain = _text(data["text/plain"]) if "text/plain" in data else None
        for mime in IMAGE_TYPES:
            if mime in data:
                return self.image(mime, _text(data[mime]), output.get("metadata", {}), plain)
        if "text/markdown" in data:
            return self.markdown(_text(data["text/markdown"]))
        if "text/html" in data and not _ACTIVE_HTML.search(_text(data["text/html"])):
            body = _text(data["text/html"]).strip()
            return body or None
        if plain is not None and plain.strip() and not _is_object_repr(plain):
            return f"<pre>{_plain(plain)}</pre>"
        return None

    def cells(self, notebook: nbformat.NotebookNode) -> Iterator[str]:
        for cell in notebook.cells:
            tags = set(cell.get("metadata", {}).get("tags", []))
            if tags & HIDE_TAGS:
                continue
            if cell.cell_type == "markdown":
                body = self.markdown(_with_attachments(_text(cell.source), cell.get("attachments", {})))
                if body:
                    yield f'<section class="markdown">\n{body}\n</section>'
            elif cell.cell_type == "code" and not tags & HIDE_OUTPUT_TAGS:
                for output in cell.get("outputs", []):
                    part = self.output(output)
                    if part:
                        yield f'<div class="output">\n{part}\n</div>'


def _check_publishable(notebook: nbformat.NotebookNode, name: str) -> None:
    """Refuse a notebook with an error output, an unexecuted code cell or a chart that was not drawn."""
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        if cell.execution_count is None and _text(cell.source).strip():
            raise ValueError(
                f"{name}: cell {index} was not executed; run the notebook before writing its report"
            )
        shown = not set(cell.get("metadata", {}).get("tags", [])) & (HIDE_TAGS | HIDE_OUTPUT_TAGS)
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                raise ValueError(
                    f"{name}: cell {index} has an error output "
                    f"({output.get('ename', 'Error')}: {output.get('evalue', '')}); "
                    "a briefing with an error must not be published"
                )
            data = output.get("data", {})
            if (
                shown
                and _text(data.get("text/plain", "")).startswith("<Figure size")
                and not any(mime in data for mime in IMAGE_TYPES)
            ):
                raise ValueError(
                    f"{name}: cell {index} shows a matplotlib figure as text only "
                    f"({_text(data['text/plain'])}): no PNG was drawn; run "
                    "'%matplotlib inline' in the notebook before displaying Figure objects"
                )


def _relative(label: str, href: str) -> str:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("/", "\\")):
        raise ValueError(f"link {label!r}: {href!r} is not a relative address")
    return html.escape(href, quote=True)


def _links(links: Sequence[Link], lang: str) -> str:
    """The notebook links: (label, page) or (label, page, notebook file); on paper, the paths as text."""
    items = []
    for label, href, *download in links:
        text = html.escape(label, quote=False)
        target = _relative(label, href)
        item = f'<a class="screen-only" href="{target}">{text}</a>'
        if download:
            item += (
                f'<span class="screen-only"> · </span><a class="download screen-only" '
                f'href="{_relative(label, download[0])}" download type="application/x-ipynb+json">'
                f"{html.escape(word('report.ipynb_link', lang), quote=False)}</a>"
            )
        item += f'<span class="print-only" data-href="{target}">{text}</span>'
        items.append(f"<li>{item}</li>")
    heading = html.escape(word("report.links_heading", lang), quote=False)
    where = html.escape(word("report.links_where", lang), quote=False)
    return (
        f'<nav class="links">\n<h2>{heading}</h2>\n<ul>\n'
        + "\n".join(items)
        + f'\n</ul>\n<p class="print-only">{where}</p>\n</nav>'
    )


def render_html_report(
    notebook: str | Path, links: Sequence[Link] = (), title: str | None = None, lang: str = "vi"
) -> str:
    """The HTML page (a string, NFC, LF line ends) of an executed notebook; see ``write_html_report``."""
    check_lang(lang)
    path = Path(notebook)
    nb = nbformat.read(path, as_version=4)
    _check_publishable(nb, path.name)
    renderer = _Renderer(lang)
    body = list(renderer.cells(nb))
    if links:
        body.append(_links(links, lang))
    page_title = title if title is not None else (renderer.first_heading or path.stem)
    page = "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{lang}">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{html.escape(' '.join(page_title.split()), quote=False)}</title>",
            f"<style>\n{CSS}</style>",
            "</head>",
            "<body>",
            "<main>",
            *body,
            "</main>",
            "</body>",
            "</html>",
            "",
        ]
    )
    page = page.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", page)


def write_html_report(
    notebook: str | Path,
    out: str | Path,
    links: Sequence[Link] = (),
    title: str | None = None,
    lang: str = "vi",
) -> Path:
    """Write an executed notebook as one self-contained HTML page and return its path.

    Markdown cells and the outputs of code cells are kept in order (code is
    dropped); outputs by preference: ``image/png`` (embedded), ``text/markdown``,
    ``text/html``, ``text/plain``; stdout kept, stderr dropped. ``links`` are
    (label, relative href) pairs, or (label, page, notebook file) triples whose third
    is offered for download, listed at the end; ``title`` defaults to the
    first heading. Raises ``ValueError`` for an error output, an unexecuted cell, or a
    matplotlib figure shown as text only (no inline backend, so no PNG).
    """
    out = Path(out)
    page = render_html_report(notebook, links=links, title=title, lang=lang)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(page.encode("utf-8"))
    return out
