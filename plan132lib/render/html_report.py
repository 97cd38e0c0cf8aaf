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
"""

from __future__ import annotations

import base64
import binascii
import html
import re
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import mistune
import nbformat
from mistune.util import safe_entity, unescape

from ..words import check_lang, word

__all__ = ["render_html_report", "write_html_report"]

HIDE_TAGS = frozenset({"hide-in-report", "remove-cell", "remove_cell"})
HIDE_OUTPUT_TAGS = frozenset({"remove-output", "remove_output"})
IMAGE_TYPES = ("image/png", "image/jpeg")
IMAGE_MAGIC = {"image/png": b"\x89PNG\r\n\x1a\n", "image/jpeg": b"\xff\xd8\xff"}

# Default-deny: only inline styles and data: images; nothing is fetched, nothing runs.
CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

# text/html outputs are trusted as produced (pandas escapes cell text), but one that carries
# active content falls back to its text/plain form rather than putting a script in the page.
_ACTIVE_HTML = re.compile(r"<\s*/?\s*(script|iframe|object|embed|link|meta|base|form)\b|<[^>]*\son\w+\s*="
                          r"|javascript:",
                          re.IGNORECASE)
# Default reprs such as "<Figure size 640x480 with 1 Axes>" or "[<Line2D at 0x7f..>]" say nothing to a
# reader (and memory addresses differ from run to run): never shown, never used as alt text.
_REPRS = re.compile(r"[\[(]?\s*(?:<[^<>\n]+>\s*,?\s*)+[\])]?")
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_ATTACHMENT = re.compile(r"\(attachment:([^)\s]+)")

CSS = """\
:root { color-scheme: light; }
body { margin: 0; background: #f4f4f1; color: #1d1d1b;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
main { box-sizing: border-box; max-width: 60rem; margin: 1.5rem auto; padding: 2rem 2.5rem;
  background: #fff; box-shadow: 0 0 0.4rem rgba(0, 0, 0, 0.12); }
h1 { font-size: 1.7rem; line-height: 1.25; margin: 0 0 0.8rem; }
h2 { font-size: 1.3rem; margin: 1.6rem 0 0.5rem; border-bottom: 1px solid #d6d6d0; padding-bottom: 0.2rem; }
h3 { font-size: 1.1rem; margin: 1.2rem 0 0.4rem; }
p, ul, ol { margin: 0.5rem 0; }
a { color: #0b5394; }
img { display: block; max-width: 100%; height: auto; margin: 0.8rem auto; }
.output { overflow-x: auto; }
table { border-collapse: collapse; margin: 0.8rem 0; font-size: 0.9rem; }
th, td { border: 1px solid #c8c8c0; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: #ecece6; }
tbody tr:nth-child(even) { background: #f8f8f5; }
pre { background: #f6f6f2; border: 1px solid #e0e0d8; padding: 0.6rem; overflow-x: auto;
  white-space: pre-wrap; font-size: 0.85rem; }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.9em; }
nav.links { margin-top: 2rem; border-top: 2px solid #1d1d1b; }
@page { size: A4; margin: 15mm; }
@media print {
  body { background: #fff; }
  main { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  img, table, pre { break-inside: avoid; }
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
    render = mistune.create_markdown(escape=True, renderer=_TextRenderer(escape=True),
                                     plugins=["table", "strikethrough"])
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
    texts = (" ".join(_heading_text(token.get("children", [])).split())
             for token in (tokens if isinstance(tokens, list) else []) if token.get("type") == "heading")
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
        body = _markdown(source).strip()
        return body or None

    def image(self, mime: str, data: str, metadata: dict[str, Any], plain: str | None) -> str:
        self.figures += 1
        meta = metadata.get(mime, {}) if isinstance(metadata.get(mime), dict) else {}
        alt = meta.get("alt")
        if not alt and plain and not _is_object_repr(plain):
            alt = plain.strip()
        if not alt:
            label = f"{word('report.figure', self.lang)} {self.figures}"
            alt = f"{label}: {self.heading}" if self.heading else label
        size = "".join(f' {key}="{meta[key]}"' for key in ("width", "height")
                       if isinstance(meta.get(key), int) and not isinstance(meta.get(key), bool))
        return (f'<img src="data:{mime};base64,{_image_base64(data, mime)}"'
                f' alt="{html.escape(" ".join(str(alt).split()), quote=True)}"{size}>')

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
            raise ValueError(f"{name}: cell {index} was not executed; "
                             "run the notebook before writing its report")
        shown = not set(cell.get("metadata", {}).get("tags", [])) & (HIDE_TAGS | HIDE_OUTPUT_TAGS)
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                raise ValueError(f"{name}: cell {index} has an error output "
                                 f"({output.get('ename', 'Error')}: {output.get('evalue', '')}); "
                                 "a briefing with an error must not be published")
            data = output.get("data", {})
            if (shown and _text(data.get("text/plain", "")).startswith("<Figure size")
                    and not any(mime in data for mime in IMAGE_TYPES)):
                raise ValueError(f"{name}: cell {index} shows a matplotlib figure as text only "
                                 f"({_text(data['text/plain'])}): no PNG was drawn; run "
                                 "'%matplotlib inline' in the notebook before displaying Figure objects")


def _links(links: Sequence[tuple[str, str]], lang: str) -> str:
    items = []
    for label, href in links:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith(("/", "\\")):
            raise ValueError(f"link {label!r}: {href!r} is not a relative address")
        anchor = f'<a href="{html.escape(href, quote=True)}">{html.escape(label, quote=False)}</a>'
        items.append(f"<li>{anchor}</li>")
    heading = html.escape(word("report.links_heading", lang), quote=False)
    return (f'<nav class="links">\n<h2>{heading}</h2>\n<ul>\n'
            + "\n".join(items) + "\n</ul>\n</nav>")


def render_html_report(notebook: str | Path, links: Sequence[tuple[str, str]] = (),
                       title: str | None = None, lang: str = "vi") -> str:
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
    page = "\n".join([
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
    ])
    page = page.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", page)


def write_html_report(notebook: str | Path, out: str | Path, links: Sequence[tuple[str, str]] = (),
                      title: str | None = None, lang: str = "vi") -> Path:
    """Write an executed notebook as one self-contained HTML page and return its path.

    Markdown cells and the outputs of code cells are kept in order (code is
    dropped); outputs by preference: ``image/png`` (embedded), ``text/markdown``,
    ``text/html``, ``text/plain``; stdout kept, stderr dropped. ``links`` are
    (label, relative href) pairs listed at the end; ``title`` defaults to the
    first heading. Raises ``ValueError`` for an error output, an unexecuted cell, or a
    matplotlib figure shown as text only (no inline backend, so no PNG).
    """
    out = Path(out)
    page = render_html_report(notebook, links=links, title=title, lang=lang)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(page.encode("utf-8"))
    return out
