"""The built site in a real browser: Debian's Chromium, driven by Playwright, over local HTTP.

For every page: no console error, no failed request, every formula typeset by MathJax, every
image loaded and described by alt text, every animation with its play controls, and no
accessibility violation of impact "serious" or "critical" (axe-core). Also: the dark-mode switch,
the search page, and every internal link and anchor. Screenshots of a sample of pages are
written to `screenshots/` for people to look at.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from tests.bookfiles import HTML, ROOT, toc_files

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
AXE = ROOT / ".venv" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "screenshots"
PAGES = [f"{name}.html" for name in toc_files()] + ["search.html", "genindex.html", "py-modindex.html"]

# Console messages that no setting of ours can remove. Each entry says where it comes from.
ALLOWED_CONSOLE: list[str] = []


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep the test output clean
        pass


@pytest.fixture(scope="module")
def site(built_book) -> str:
    """Serve _build/html on a free localhost port; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(HTML))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).is_file(), "Debian's chromium is missing: `make test` installs it"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield chromium
        chromium.close()


class PageVisit:
    """A page loaded in a fresh browser context, with what the browser reported while loading."""

    def __init__(self, browser, url: str, color_scheme: str = "light") -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900},
                                           color_scheme=color_scheme)
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        self.page.on("requestfailed", lambda request: self.problems.append(
            f"request failed: {request.url} ({request.failure})"))
        self.page.on("response", lambda response: response.status >= 400 and self.problems.append(
            f"HTTP {response.status}: {response.url}"))
        self.page.goto(url, wait_until="networkidle")
        self._wait_for_mathjax()

    def _console(self, message) -> None:
        if message.type in ("error", "warning") and not any(
            allowed in message.text for allowed in ALLOWED_CONSOLE
        ):
            self.problems.append(f"console {message.type}: {message.text}")

    def _wait_for_mathjax(self) -> None:
        if self.page.evaluate("() => document.querySelector('.math') === null"):
            return
        self.page.wait_for_function("() => window.MathJax && window.MathJax.startup "
                                    "&& window.MathJax.startup.promise", timeout=30_000)
        self.page.evaluate("() => window.MathJax.startup.promise")

    def close(self) -> None:
        self.context.close()


RAW_TEX = """() => {
  const untypeset = Array.from(document.querySelectorAll('.math'))
    .filter(el => !el.querySelector('mjx-container'))
    .map(el => el.textContent.trim().slice(0, 80));
  const walker = document.createTreeWalker(document.querySelector('main') || document.body,
                                           NodeFilter.SHOW_TEXT);
  const stray = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (node.parentElement.closest('pre, code, mjx-container, script, style, .highlight')) continue;
    if (/\\\\\\(|\\\\\\[|\\$\\$|\\\\frac|\\\\lim/.test(node.textContent)) stray.push(node.textContent.trim().slice(0, 80));
  }
  return untypeset.concat(stray);
}"""

IMAGES = """async () => {
  window.scrollTo(0, document.body.scrollHeight);
  await new Promise(resolve => setTimeout(resolve, 300));
  return Array.from(document.images).map(img => ({
    src: (img.currentSrc || img.src).slice(0, 100), alt: (img.alt || '').trim(),
    loaded: img.complete && img.naturalWidth > 0}));
}"""

ANIMATIONS = """() => Array.from(document.querySelectorAll('div.animation')).map(anim => {
  const play = anim.querySelector('button[title="Play"]');
  const box = play ? play.getBoundingClientRect() : null;
  return {buttons: anim.querySelectorAll('.anim-buttons button').length,
          slider: anim.querySelector('input.anim-slider') !== null,
          playVisible: box !== null && box.width > 0 && box.height > 0};
})"""


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_cleanly_typesets_math_and_shows_images(site, browser, path):
    visit = PageVisit(browser, urljoin(site, path))
    try:
        assert not visit.problems, f"{path}:\n" + "\n".join(visit.problems)
        raw = visit.page.evaluate(RAW_TEX)
        assert not raw, f"{path}: formulas MathJax did not typeset: {raw[:5]}"
        images = visit.page.evaluate(IMAGES)
        broken = [image["src"] for image in images if not image["loaded"]]
        assert not broken, f"{path}: images that did not load: {broken}"
        undescribed = [image["src"] for image in images if not image["alt"]]
        assert not undescribed, f"{path}: images without alt text: {undescribed}"
        for animation in visit.page.evaluate(ANIMATIONS):
            assert animation["buttons"] >= 9 and animation["slider"] and animation["playVisible"], (
                f"{path}: an animation without its play controls: {animation}")
        if path in sample_pages():
            SCREENSHOTS.mkdir(exist_ok=True)
            visit.page.screenshot(path=str(SCREENSHOTS / path.replace("/", "_").replace(".html", ".png")),
                                  full_page=True)
    finally:
        visit.close()


def sample_pages() -> set[str]:
    """The intro, the first page of every part, and the API reference."""
    pages = [f"{name}.html" for name in toc_files()]
    firsts = {pages[0], "book/appendix/api.html"}
    seen_parts = set()
    for page in pages[1:]:
        part = page.split("/")[1]
        if part not in seen_parts:
            seen_parts.add(part)
            firsts.add(page)
    return firsts


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_serious_accessibility_violation(site, browser, path):
    assert AXE.is_file(), "axe-core is missing: `make test` installs it"
    visit = PageVisit(browser, urljoin(site, path))
    try:
        visit.page.add_script_tag(path=str(AXE))
        result = visit.page.evaluate(
            "async () => await axe.run(document, {resultTypes: ['violations']})")
        serious = [
            f"{v['id']} ({v['impact']}): {v['help']} -> "
            + "; ".join(str(node["target"]) for node in v["nodes"][:3])
            for v in result["violations"] if v["impact"] in ("serious", "critical")
        ]
        assert not serious, f"{path}:\n" + "\n".join(serious)
    finally:
        visit.close()


def test_dark_mode_switch_turns_the_page_dark(site, browser):
    visit = PageVisit(browser, urljoin(site, toc_files()[0] + ".html"))
    try:
        page = visit.page
        background = "() => getComputedStyle(document.body).backgroundColor"
        light = page.evaluate(background)
        for _ in range(3):
            if page.evaluate("() => document.documentElement.dataset.theme") == "dark":
                break
            page.locator("button.theme-switch-button").first.click()
        assert page.evaluate("() => document.documentElement.dataset.theme") == "dark"
        dark = page.evaluate(background)
        assert dark != light, f"the background stayed {light}"
        channels = [int(c) for c in dark[dark.index("(") + 1:dark.index(")")].split(",")[:3]]
        assert sum(channels) < 3 * 96, f"dark mode background {dark} is not dark"
        assert not visit.problems, "\n".join(visit.problems)
    finally:
        visit.close()


def test_search_finds_the_chain_rule(site, browser):
    visit = PageVisit(browser, urljoin(site, "search.html?q=chain+rule"))
    try:
        results = visit.page.locator("#search-results ul.search li")
        results.first.wait_for(timeout=20_000)
        assert results.count() > 0
        titles = " ".join(results.all_inner_texts()).lower()
        assert "rule" in titles or "chain" in titles, titles[:300]
    finally:
        visit.close()


def all_html_pages() -> list[Path]:
    return sorted(
        path for path in HTML.rglob("*.html")
        if not path.relative_to(HTML).parts[0].startswith(("_static", "_sources", "_images"))
    )


def test_every_internal_link_and_anchor_resolves(built_book):
    ids: dict[Path, set[str]] = {}

    def anchors(page: Path) -> set[str]:
        if page not in ids:
            soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
            ids[page] = {tag.get("id") for tag in soup.find_all(id=True)} | {
                tag.get("name") for tag in soup.find_all("a", attrs={"name": True})}
        return ids[page]

    broken = []
    pages = all_html_pages()
    assert len(pages) >= len(PAGES)
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(["a", "link", "script", "img"]):
            url = tag.get("href") or tag.get("src")
            if not url or urlparse(url).scheme in ("http", "https", "mailto", "data", "javascript"):
                continue
            parsed = urlparse(url)
            target = page if not parsed.path else (page.parent / unquote(parsed.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(HTML)}: {url} (no such file)")
            elif parsed.fragment and target.suffix == ".html" and parsed.fragment not in anchors(target):
                broken.append(f"{page.relative_to(HTML)}: {url} (no such anchor)")
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken[:40])
