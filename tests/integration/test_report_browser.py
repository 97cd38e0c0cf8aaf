"""The HTML report as a reader sees it: headless Chromium (Debian's chromium + chromium-driver) via Selenium.

Without Chromium these tests skip, or fail when ``PLAN132_REQUIRE_BROWSER=1`` (CI sets it).
``PLAN132_SCREENSHOT=path.png`` keeps the screenshot of the test's own report.
"""

from __future__ import annotations

import base64
import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest
from matplotlib.figure import Figure
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from plan132lib.pipeline.notebooks import execute
from plan132lib.render.html_report import write_html_report

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
INSTALL = (
    "install it with: apt-get install chromium chromium-driver (Debian), "
    "and selenium with: pip install -e '.[dev]'"
)
PROJECT = Path(__file__).resolve().parents[2]
#: Beside the pack, never in it: ``make report`` replaces only a folder that is a pack.
SCREENSHOTS = PROJECT / "outputs-test"
BUNDLED = PROJECT / "data" / "raw" / "ke-hoach-132-KH-UBND-2026-04-16-hung-yen.md"
CROSSWALK = PROJECT / "data" / "reference" / "crosswalk_plan132.csv"
BRIEFING_PATH = PROJECT / "notebooks" / "05_briefing.ipynb"
TITLE = "Kế hoạch 132/KH-UBND: tóm tắt"
INJECTED = '<script>document.title="pwned"</script>'


@pytest.fixture(scope="module")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One headless Chromium for the module, or the reason there is none (the test reports it).

    The chromedriver path is explicit, so Selenium Manager never tries to download anything.
    """
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.is_file()]
    if missing:
        yield f"headless Chromium is missing ({', '.join(missing)})"
        return
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        yield "the selenium package is missing"
        return
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,2000",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(argument)
    browser = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield browser
    finally:
        browser.quit()


def browser_from(chromium: Any) -> Any:
    """The browser; without one, skip — or fail when PLAN132_REQUIRE_BROWSER=1 (CI)."""
    if isinstance(chromium, str):
        message = f"{chromium}; {INSTALL}"
        if os.environ.get("PLAN132_REQUIRE_BROWSER") == "1":
            pytest.fail(f"PLAN132_REQUIRE_BROWSER=1 but {message}", pytrace=False)
        pytest.skip(message)
    return chromium


def png_base64(kind: str) -> str:
    """A real matplotlib chart as a notebook stores it."""
    figure = Figure(figsize=(6, 3), dpi=80)
    axes = figure.add_subplot()
    if kind == "bars":
        axes.barh(["Sở Nông nghiệp và Môi trường", "UBND cấp xã", "Sở Xây dựng"], [12, 9, 4])
        axes.set_title("Nhiệm vụ chủ trì")
    else:
        axes.plot([2026, 2027, 2028, 2029, 2030], [3, 8, 14, 20, 29], marker="o")
        axes.set_xticks([2026, 2027, 2028, 2029, 2030])
        axes.set_title("Nhiệm vụ đang thực hiện theo năm")
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def make_report(folder: Path) -> Path:
    """A small executed briefing, written as HTML by write_html_report."""

    def chart(kind: str, count: int) -> nbformat.NotebookNode:
        return new_code_cell(
            f"chart_{kind}()",
            execution_count=count,
            outputs=[
                new_output(
                    "display_data",
                    data={"image/png": png_base64(kind), "text/plain": "<Figure size 480x240>"},
                )
            ],
        )

    notebook = new_notebook(
        cells=[
            new_markdown_cell(f"# {TITLE}\n\nỦy ban nhân dân tỉnh Hưng Yên, 2026."),
            chart("bars", 1),
            new_code_cell(
                "Markdown(tasks)",
                execution_count=2,
                outputs=[
                    new_output(
                        "display_data",
                        data={
                            "text/markdown": (
                                f"## Nhiệm vụ\n\n1. Xử lý {INJECTED} nước thải\n"
                                "2. Sở NN&amp;MT thu gom chất thải"
                            ),
                            "text/plain": "<IPython.core.display.Markdown object>",
                        },
                    )
                ],
            ),
            chart("line", 3),
        ]
    )
    path = folder / "briefing.ipynb"
    nbformat.write(notebook, path)
    return write_html_report(
        path, folder / "report.html", links=[("01 · Bảng kế hoạch", "notebooks/01_plan_tables.ipynb")]
    )


def check_page(browser: Any, page: Path, title: str, screenshot: Path, images: int | None = None) -> str:
    """Open ``page``; check title, images, no scripts, nothing fetched; save a full-page screenshot."""
    from selenium.webdriver.common.by import By

    browser.set_window_size(1280, 2000)
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(page.resolve().as_uri())
    # a loaded machine (tests run in parallel) may hand the page back before it has finished loading
    WebDriverWait(browser, 60).until(lambda b: b.execute_script("return document.readyState") == "complete")
    assert title in browser.title
    assert title in browser.find_element(By.TAG_NAME, "h1").text
    loaded = browser.execute_script(
        "return Array.from(document.images, i => [i.complete, i.naturalWidth, i.alt]);"
    )
    assert loaded, "the report shows no image"
    if images is not None:
        assert len(loaded) == images
    assert all(complete and width > 0 and alt for complete, width, alt in loaded), loaded
    assert browser.execute_script('return document.querySelectorAll("script").length;') == 0
    assert browser.execute_script("return performance.getEntriesByType('resource').length;") == 0
    # Full page: a short window first, so that scrollHeight is the content's height (not the viewport's);
    # then a window whose viewport holds the whole body (outer - inner: the headless window's frame).
    browser.set_window_size(1280, 600)
    height, frame = browser.execute_script(
        "return [Math.max(document.body.scrollHeight, document.documentElement.scrollHeight),"
        " window.outerHeight - window.innerHeight];"
    )
    browser.set_window_size(1280, min(int(height) + int(frame), 16000))
    screenshot.parent.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(screenshot))
    data = screenshot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 20_000
    return str(browser.find_element(By.TAG_NAME, "body").text)


def test_report_in_browser(chromium: Any, tmp_path: Path) -> None:
    driver = browser_from(chromium)
    report = make_report(tmp_path)
    screenshot = Path(os.environ.get("PLAN132_SCREENSHOT") or tmp_path / "report_screenshot.png")
    text = check_page(driver, report, "Kế hoạch 132/KH-UBND", screenshot, images=2)
    assert driver.title == TITLE  # the injected script neither ran nor became an element
    assert INJECTED in text and "Xử lý" in text and "nước thải" in text
    assert "Sở NN&MT thu gom" in text  # an entity reference reads as in Jupyter
    assert "Phân tích đầy đủ (sổ tính đã chạy)" in text


def test_built_report_in_browser(chromium: Any, full_build: Path, tmp_path: Path) -> None:
    """The report of the real build: title with diacritics, every chart loads, nothing fetched or run.

    The screenshot goes to the project's outputs-test/report_screenshot.png (and
    report_en_screenshot.png), beside the pack ``make report`` writes, so it never blocks it.
    """
    browser = browser_from(chromium)
    for name, title, issuer in (
        ("report.html", "Kế hoạch 132/KH-UBND ngày 16/4/2026", "Ủy ban nhân dân tỉnh Hưng Yên"),
        ("report_en.html", "Plan 132/KH-UBND of 16 April 2026", "Hưng Yên Provincial People's Committee"),
    ):
        shot = SCREENSHOTS / name.replace(".html", "_screenshot.png")
        text = check_page(browser, full_build / name, title, shot, images=4)
        assert issuer in text
        # each notebook: its HTML page, then the .ipynb; relative links to files that exist in the build
        links = browser.execute_script(
            "return Array.from(document.querySelectorAll('nav.links a'), a => a.getAttribute('href'));"
        )
        pages, notebooks = links[0::2], links[1::2]
        assert pages and all(link.endswith(".html") for link in pages)
        assert [n.removesuffix(".ipynb") for n in notebooks] == [p.removesuffix(".html") for p in pages]
        assert any("05_briefing" in link for link in links) and any("04_coverage" in link for link in links)
        assert all(not link.startswith(("/", "file:")) and (full_build / link).is_file() for link in links)
        check_phone(browser, full_build / name)
    notebook = full_build / "notebooks" / "02_responsibility.html"
    check_page(browser, notebook, "02 · ", tmp_path / "notebook_screenshot.png")  # not into the shared build
    check_phone(browser, notebook)


def check_phone(browser: Any, page: Path, width: int = 390) -> None:
    """On a phone's width the page never scrolls sideways, and no chart shrinks below the width at which its
    smallest type is legible (its inline min-width): it scrolls in its own box, under a visible hint."""
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 844, "deviceScaleFactor": 1, "mobile": True},
    )
    try:
        browser.get(page.resolve().as_uri())
        state = browser.execute_script("""return {
            page: document.documentElement.scrollWidth,
            charts: Array.from(document.querySelectorAll('figure.chart'), f => {
              const img = f.querySelector('img'), hint = f.querySelector('.scroll-hint');
              return [img.getBoundingClientRect().width, parseFloat(img.style.minWidth),
                      img.parentElement.scrollWidth > img.parentElement.clientWidth,
                      hint ? getComputedStyle(hint).display : 'none'];
            })};""")
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert state["page"] <= width, state
    for shown, legible, scrolls, hint in state["charts"]:
        assert shown >= legible - 0.5, state
        assert not scrolls or hint != "none", state


def test_task_text_with_markup_shows_as_text(chromium: Any, tmp_path: Path) -> None:
    """A plan whose task text holds <script>: the real briefing notebook and report show it as text."""
    browser = browser_from(chromium)
    source = BUNDLED.read_text(encoding="utf-8")
    original = "\tRà soát, cập nhật kế hoạch giảm phát thải khí nhà kính"
    assert original in source
    hostile = tmp_path / "hostile.md"
    hostile.write_text(source.replace(original, "\t" + INJECTED + " " + original[1:], 1), encoding="utf-8")
    parameters = {"PLAN": hostile, "CROSSWALK": CROSSWALK, "LANG": "vi"}
    executed = execute(BRIEFING_PATH, tmp_path / "notebooks", parameters)
    report = write_html_report(executed, tmp_path / "report.html")
    assert "<script" not in report.read_text(encoding="utf-8")
    text = check_page(browser, report, "Kế hoạch 132/KH-UBND", tmp_path / "shot.png", images=4)
    assert "pwned" not in browser.title  # the script did not run
    assert "Kế hoạch 132/KH-UBND ngày 16/4/2026" in browser.title
    assert INJECTED in text
