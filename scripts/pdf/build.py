"""Write the PDF edition of the book from the built web site (`make pdf`).

The route: the pages that `make book` wrote to _build/html (so the executed outputs come from the
same Jupyter cache as the site) are joined into one HTML document, _build/pdf/book.html, which
Debian's Chromium prints to _build/pdf/calculus-for-ml.pdf. Joining them:

- a title page (title, authors, edition = mlcalc.__version__, date) and a table of contents with
  page numbers; one divider page per part of _toc.yml; each page of the book in _toc.yml order,
  its headings one level down inside a part, so the PDF bookmarks read part > chapter > section;
  the index (genindex) in place of the web edition's page that links to it (WEB_INDEX_PAGE), or
  at the end;
- every id gets its page's prefix, and every link to a page of the book becomes a link inside the
  PDF (cross-references, figure and equation references, citations, the index); links to pages
  that are not in the PDF (source listings) point to the web site;
- each chapter's solutions move, opened, into a "Solutions" section at the chapter's end, and each
  exercise links to its solution;
- code that the web page hides behind a toggle (`hide-input`) is left out: it draws the figures,
  which are in the PDF; other collapsed content is opened;
- an animation (matplotlib's JavaScript player) becomes a strip of four of its frames with a
  sentence that links to the animated version on the web page.

Chromium then typesets the mathematics with the site's own MathJax, shrinks what is still wider
than the text column, and prints: the first print tells on which page each entry of the table of
contents starts (pdftotext finds invisible markers); the next prints, of the same loaded document,
carry those page numbers, each checked against where the entries really start (Chromium may break
a borderline page differently from one print to the next). `print.css` beside this file is the
print layout.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import html
import http.server
import os
import posixpath
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from bs4 import BeautifulSoup, Tag

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from scripts.notebooks import site_url  # noqa: E402  (one definition of the published address)
BUILD = ROOT / "_build"
HTML = BUILD / "html"
OUT_DIR = BUILD / "pdf"
BOOK_HTML = OUT_DIR / "book.html"
PDF = OUT_DIR / "calculus-for-ml.pdf"
PRINT_CSS = Path(__file__).with_name("print.css")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
FRAMES_IN_STRIP = 4
MARKER = "PDFTOCMARK"
# The web edition's "Index" page only explains the index and links to it (Sphinx's genindex,
# which is not in _toc.yml); in the PDF the index itself takes that page's place.
WEB_INDEX_PAGE = "book/appendix/book-index"


# --------------------------------------------------------------------------- the book's structure

def book_metadata() -> dict[str, str]:
    """Title, author, edition and web address of the book, from _config.yml and mlcalc."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    init = (ROOT / "code" / "src" / "mlcalc" / "__init__.py").read_text(encoding="utf-8")
    version = re.search(r'^__version__\s*=\s*"([^"]+)"', init, re.MULTILINE)
    if version is None:
        raise SystemExit("no __version__ in code/src/mlcalc/__init__.py: the title page names it")
    return {"title": config["title"], "author": config.get("author", ""),
            "version": version.group(1), "site": site_url(config)}


def edition_date() -> str:
    """Today (UTC), or SOURCE_DATE_EPOCH's day for a reproducible release build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    day = (dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch
           else dt.datetime.now(dt.timezone.utc)).date()
    return f"{day.day} {day:%B %Y}"


def toc_structure() -> tuple[str, list[tuple[str, list[str]]]]:
    """(root page, [(part caption, [page, ...]), ...]) from _toc.yml, pages without suffix."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    parts = [(part["caption"], [chapter["file"] for chapter in part.get("chapters", [])])
             for part in toc.get("parts", [])]
    if "chapters" in toc:  # a book without parts
        parts.append(("", [chapter["file"] for chapter in toc["chapters"]]))
    return toc["root"], parts


def page_key(page: str) -> str:
    """The prefix of a page's ids in the joined document: book/01-limits/x -> book-01-limits-x."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", page)


# --------------------------------------------------------------------------- one page of the site

class Joiner:
    """Turns pages of _build/html into sections of one document (links, ids, images)."""

    def __init__(self, pages: list[str], site: str) -> None:
        self.keys = {f"{page}.html": page_key(page) for page in pages}
        self.site = site

    def target(self, page_html: str, href: str) -> str:
        """Where a link of `page_html` (path inside _build/html) points in the joined document."""
        split = urlsplit(href)
        if split.scheme or href.startswith("//") or href.startswith("mailto:"):
            return href
        path = page_html if not split.path else posixpath.normpath(
            posixpath.join(posixpath.dirname(page_html), split.path))
        key = self.keys.get(path)
        if key is None:  # not in the PDF (source listings, downloads): the web site has it
            return self.site + path + (f"#{split.fragment}" if split.fragment else "")
        return f"#{key}--{split.fragment}" if split.fragment else f"#{key}"

    def section(self, page_html: str, level_shift: int, soup: BeautifulSoup) -> Tag:
        """The <article> of one built page, rewritten to live inside the joined document."""
        source = BeautifulSoup((HTML / page_html).read_text(encoding="utf-8"), "html.parser")
        article = source.select_one("article.bd-article") or source.find("main")
        if article is None:
            raise SystemExit(f"{page_html}: no <article> to take (was the site built by `make book`?)")
        key = self.keys[page_html]
        for element in article.select("script, style, a.headerlink, .anim-controls, button"):
            element.decompose()
        for element in article.find_all(id=True):
            element["id"] = f"{key}--{element['id']}"
        for link in article.find_all("a", href=True):
            link["href"] = self.target(page_html, link["href"])
        for image in article.find_all(["img", "source"], src=True):
            if not image["src"].startswith("data:") and not urlsplit(image["src"]).scheme:
                path = posixpath.normpath(posixpath.join(posixpath.dirname(page_html), image["src"]))
                image["src"] = f"../html/{path}"
        if level_shift:
            for heading in article.find_all(re.compile(r"^h[1-6]$")):
                heading.name = f"h{min(6, int(heading.name[1]) + level_shift)}"
        wrapper = soup.new_tag("section", attrs={"class": f"pdf-page pdf-shift-{level_shift}",
                                                 "id": key})
        wrapper.extend(list(article.children))
        return wrapper


# --------------------------------------------------------------------------- what print changes

def collapse_to_print(page: Tag, soup: BeautifulSoup) -> None:
    """Leave out code hidden behind a toggle on the web; open everything else that is collapsed."""
    for details in page.find_all("details"):
        classes = details.get("class", [])
        if "above-input" in classes:  # hide-input: the code that draws a figure
            details.decompose()
            continue
        if "hide" in classes:  # hide-output / hide-cell: show the hidden part without its toggle
            for summary in details.find_all("summary", recursive=False):
                summary.decompose()
            details.unwrap()
            continue
        details["open"] = ""
    for dropdown in page.select(".dropdown"):
        dropdown["class"] = [name for name in dropdown["class"] if name != "dropdown"]


def move_solutions(page: Tag, soup: BeautifulSoup, title_level: int) -> int:
    """Move the page's solutions into a "Solutions" section at its end; return how many."""
    solutions = page.select("div.solution")
    if not solutions:
        return 0
    section = soup.new_tag("section", attrs={"class": "pdf-solutions",
                                             "id": f"{page['id']}--pdf-solutions"})
    heading = soup.new_tag(f"h{min(6, title_level + 1)}")
    heading.string = "Solutions"
    section.append(heading)
    for solution in solutions:
        solution.extract()
        section.append(solution)
        title_link = solution.select_one(".admonition-title a[href^='#']")
        exercise = title_link and page.find(id=title_link["href"][1:])
        if exercise is not None and solution.get("id"):
            note = soup.new_tag("p", attrs={"class": "pdf-solution-link"})
            link = soup.new_tag("a", href=f"#{solution['id']}")
            link.string = "Solution at the end of the chapter"
            note.append(link)
            exercise.append(note)
    page.append(section)
    return len(solutions)


ANIMATION_FRAME = re.compile(r'frames\[(\d+)\]\s*=\s*"(data:image/[a-z]+;base64,[^"]*)"')


def animation_frames(script: str) -> list[str]:
    """The frames (data URLs) of a matplotlib to_jshtml player, in order."""
    frames = {int(index): data.replace("\\\n", "").replace("\\", "")
              for index, data in ANIMATION_FRAME.findall(script)}
    return [frames[index] for index in sorted(frames)]


def strip_animations(source_article: Tag, page: Tag, soup: BeautifulSoup, web_page: str) -> int:
    """Replace each animation player with a strip of frames and a link; return how many.

    `source_article` is the page as built (with its scripts, where the frames are); `page` is the
    rewritten section, whose players are in the same order.
    """
    scripts = [script.string or "" for script in source_article.find_all("script")
               if "new Animation(" in (script.string or "")]
    players = page.select("div.animation")
    if len(scripts) != len(players):
        raise SystemExit(f"{web_page}: {len(players)} animation players but {len(scripts)} frame lists")
    for player, script in zip(players, scripts):
        frames = animation_frames(script)
        if not frames:
            raise SystemExit(f"{web_page}: an animation without frames")
        count = min(FRAMES_IN_STRIP, len(frames))
        chosen = sorted({round(i * (len(frames) - 1) / max(1, count - 1)) for i in range(count)})
        alt = player.find("img").get("alt", "").strip() if player.find("img") else ""
        figure = soup.new_tag("figure", attrs={"class": "pdf-animation"})
        strip = soup.new_tag("div", attrs={"class": f"pdf-frames pdf-frames-{len(chosen)}"})
        for index in chosen:
            cell = soup.new_tag("div", attrs={"class": "pdf-frame"})
            image = soup.new_tag("img", src=frames[index],
                                 alt=f"Frame {index + 1} of {len(frames)}. {alt}".strip())
            label = soup.new_tag("span", attrs={"class": "pdf-frame-label"})
            label.string = f"frame {index + 1}"
            cell.extend([image, label])
            strip.append(cell)
        caption = soup.new_tag("figcaption")
        numbers = ", ".join(str(i + 1) for i in chosen[:-1]) + f" and {chosen[-1] + 1}"
        caption.append(f"Frames {numbers} of an animation of {len(frames)} frames"
                       f"{': ' + alt.rstrip('.') if alt else ''}. "
                       "The animated version is on the web page: ")
        link = soup.new_tag("a", href=web_page)
        link.string = web_page
        caption.append(link)
        caption.append(".")
        figure.extend([strip, caption])
        output = player.find_parent(class_="output") or player
        output.clear()
        output.append(figure)
    return len(players)


# --------------------------------------------------------------------------- the joined document

def head_assets(first_page: str) -> tuple[list[str], list[str]]:
    """Stylesheets and MathJax (configuration and script) of the site, as used by its pages."""
    source = BeautifulSoup((HTML / first_page).read_text(encoding="utf-8"), "html.parser")
    base = posixpath.dirname(first_page)

    def local(href: str) -> str:
        return "../html/" + posixpath.normpath(posixpath.join(base, href.split("?")[0]))

    styles = [local(link["href"]) for link in source.head.find_all("link", rel="stylesheet")]
    scripts = []
    for script in source.head.find_all("script"):
        if script.get("src") and "mathjax" in script["src"].lower():
            scripts.append(f'<script defer src="{html.escape(local(script["src"]))}"></script>')
        elif not script.get("src") and "MathJax" in (script.string or ""):
            scripts.append(f"<script>{script.string}</script>")
    return styles, scripts


def title_page(meta: dict[str, str]) -> str:
    return f"""
<section class="pdf-title-page">
  <p class="pdf-book-title">{html.escape(meta['title'])}</p>
  <p class="pdf-book-subtitle">Limits, derivatives and automatic differentiation, with code that runs</p>
  <p class="pdf-book-author">{html.escape(meta['author'])}</p>
  <p class="pdf-book-edition">Edition {html.escape(meta['version'])} &middot; {html.escape(meta['date'])}</p>
  <p class="pdf-book-web">The web edition, with runnable notebooks and animations:<br>
    <a href="{html.escape(meta['site'])}">{html.escape(meta['site'])}</a></p>
</section>"""


def contents_page(entries: list[tuple[str, str, str]]) -> str:
    """entries: (kind "part"/"chapter", title, anchor). The page numbers are known only after a
    first print: their room is reserved ("000", hidden) and SET_PAGE_NUMBERS fills it in."""
    rows = []
    for kind, title, anchor in entries:
        rows.append(f'<li class="pdf-toc-{kind}"><a href="#{anchor}"><span class="pdf-toc-title">'
                    f'{html.escape(title)}</span><span class="pdf-toc-page" data-anchor="{anchor}" '
                    'style="visibility:hidden">000</span></a></li>')
    return ('<section class="pdf-contents" id="pdf-contents"><h1>Contents</h1><ul>'
            + "".join(rows) + "</ul></section>")


def marker(number: int) -> BeautifulSoup:
    return BeautifulSoup(f'<span class="pdf-marker">{MARKER}{number}Z</span>', "html.parser")


def page_title(section: Tag) -> str:
    heading = section.find(re.compile(r"^h[1-6]$"))
    return " ".join(heading.get_text(" ", strip=True).split()) if heading else ""


def assemble(meta: dict[str, str]) -> tuple[str, dict]:
    """The joined document's HTML, and counts of what it holds.

    Each entry of the contents starts with an invisible marker (MARKER, its number, "Z"), by which
    pages_of_markers finds its page in the first print.
    """
    root, parts = toc_structure()
    pages = [root] + [page for _, chapter_pages in parts for page in chapter_pages]
    missing = [page for page in pages if not (HTML / f"{page}.html").is_file()]
    if missing:
        raise SystemExit(f"not built: {', '.join(missing)} (run `make book` first)")
    joiner = Joiner(pages + ["genindex"], meta["site"])
    if WEB_INDEX_PAGE in pages:  # links to the web edition's index page go to the index itself
        joiner.keys[f"{WEB_INDEX_PAGE}.html"] = joiner.keys["genindex.html"]
    soup = BeautifulSoup("", "html.parser")
    body: list[str] = []
    entries: list[tuple[str, str, str]] = []
    counts = {"pages": 0, "figures": 0, "animations": 0, "solutions": 0}

    def add_index(level_shift: int) -> bool:
        """The index (genindex) as a page of the PDF, when the book has index entries."""
        if not (HTML / "genindex.html").is_file():
            return False
        section = joiner.section("genindex.html", level_shift, soup)
        if not section.select("table.indextable a"):
            return False
        for jumpbox in section.select(".genindex-jumpbox"):
            jumpbox.decompose()
        section["class"] = ["pdf-page", "pdf-index", f"pdf-shift-{level_shift}"]
        entries.append(("chapter", "Index", section["id"]))
        section.insert(0, marker(len(entries)))
        body.append(str(section))
        return True

    def add_page(page: str, level_shift: int, kind: str) -> None:
        if page == WEB_INDEX_PAGE and add_index(level_shift):
            return  # the index itself, where the web edition links to it
        page_html = f"{page}.html"
        section = joiner.section(page_html, level_shift, soup)
        source = BeautifulSoup((HTML / page_html).read_text(encoding="utf-8"), "html.parser")
        counts["animations"] += strip_animations(source.select_one("article.bd-article") or source,
                                                 section, soup, meta["site"] + page_html)
        collapse_to_print(section, soup)
        counts["solutions"] += move_solutions(section, soup, 1 + level_shift)
        counts["figures"] += len(section.select("figure:not(.pdf-animation)"))
        counts["pages"] += 1
        entries.append((kind, page_title(section), section["id"]))
        section.insert(0, marker(len(entries)))
        body.append(str(section))

    add_page(root, 0, "chapter")
    for number, (caption, chapter_pages) in enumerate(parts, start=1):
        shift = 0
        if caption:
            anchor = f"pdf-part-{number}"
            entries.append(("part", caption, anchor))
            body.append(f'<section class="pdf-part" id="{anchor}">{marker(len(entries))}'
                        f"<h1>{html.escape(caption)}</h1></section>")
            shift = 1
        for page in chapter_pages:
            add_page(page, shift, "chapter")
    if WEB_INDEX_PAGE not in pages:  # (when it is, the index stands in its place, if any)
        add_index(0)
    styles, scripts = head_assets(f"{root}.html")
    links = "\n".join(f'<link rel="stylesheet" href="{html.escape(href)}">' for href in styles)
    document = f"""<!DOCTYPE html>
<html lang="en" data-theme="light" data-mode="light">
<head>
<meta charset="utf-8">
<title>{html.escape(meta['title'])}, edition {html.escape(meta['version'])}</title>
<meta name="author" content="{html.escape(meta['author'])}">
{links}
<link rel="stylesheet" href="print.css">
{''.join(scripts)}
</head>
<body>
{title_page(meta)}
{contents_page(entries)}
{''.join(body)}
</body>
</html>
"""
    counts["entries"] = entries
    return document, counts


# --------------------------------------------------------------------------- printing

FIT_TO_WIDTH = """() => {
  // Shrink what is still wider than its column (display formulas, tables): never cut it off.
  let shrunk = 0;
  const items = document.querySelectorAll('mjx-container[display="true"], table, .MathJax_Display');
  for (const item of items) {
    const column = item.parentElement.clientWidth;
    const width = item.scrollWidth;
    if (column > 0 && width > column + 1) {
      const scale = Math.max(0.5, column / width);
      item.style.fontSize = (scale * 100).toFixed(1) + '%';
      shrunk += 1;
      if (item.scrollWidth > column + 1) {
        item.style.transformOrigin = 'left top';
        item.style.transform = `scale(${column / item.scrollWidth})`;
      }
    }
  }
  return shrunk;
}"""

FOOTER = ('<div style="font-size:9pt;width:100%;text-align:center;color:#555;'
          'font-family:sans-serif"><span class="pageNumber"></span></div>')


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def open_book(browser, url: str):
    """Load the joined document and typeset it; fail on anything that did not load."""
    page = browser.new_page(viewport={"width": 1000, "height": 1400})
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("requestfailed", lambda request: problems.append(f"request failed: {request.url}"))
    page.on("response", lambda response: response.status >= 400 and problems.append(
        f"HTTP {response.status}: {response.url}"))
    page.goto(url, wait_until="load", timeout=300_000)
    page.emulate_media(media="print")
    page.wait_for_function("() => window.MathJax && window.MathJax.startup "
                           "&& window.MathJax.startup.promise", timeout=300_000)
    page.evaluate("() => window.MathJax.startup.promise")
    page.evaluate("() => document.fonts.ready.then(() => true)")
    page.evaluate("""() => Promise.all(Array.from(document.images).map(img => img.complete ? 1 :
        new Promise(resolve => { img.onload = img.onerror = resolve; })))""")
    untypeset = page.evaluate("() => Array.from(document.querySelectorAll('.math'))"
                              ".filter(el => !el.querySelector('mjx-container')).length")
    broken = page.evaluate("() => Array.from(document.images)"
                           ".filter(img => !(img.naturalWidth > 0)).map(img => img.src.slice(0, 80))")
    if problems or untypeset or broken:
        raise SystemExit("the PDF's HTML did not render cleanly:\n" + "\n".join(
            problems + [f"{untypeset} formulas not typeset"] * bool(untypeset)
            + [f"image not loaded: {src}" for src in broken]))
    return page


def print_to(page, target: Path) -> None:
    page.pdf(path=str(target), format="A4", print_background=True, outline=True, tagged=True,
             display_header_footer=True, header_template="<span></span>", footer_template=FOOTER,
             margin={"top": "18mm", "bottom": "20mm", "left": "18mm", "right": "18mm"})


SET_PAGE_NUMBERS = """numbers => {
  for (const entry of document.querySelectorAll('.pdf-toc-page')) {
    entry.textContent = String(numbers[entry.dataset.anchor]);
    entry.style.visibility = 'visible';
  }
  document.querySelectorAll('.pdf-marker').forEach(marker => marker.remove());
}"""


OUTLINE_TITLE = re.compile(rb"/Title\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f]+>)")


def _decode_title(token: bytes) -> str:
    if token.startswith(b"<"):
        data = bytes.fromhex(token[1:-1].decode())
        return data[2:].decode("utf-16-be") if data[:2] == b"\xfe\xff" else data.decode("latin-1")
    return re.sub(rb"\\(.)", rb"\1", token[1:-1]).decode("latin-1")


def _encode_title(title: str, like: bytes) -> bytes | None:
    """`title` as a PDF string of exactly len(like) bytes (padded with spaces), or None."""
    if like.startswith(b"<"):
        body = "FEFF" + title.encode("utf-16-be").hex().upper()
        pad, rest = divmod(len(like) - 2 - len(body), 4)
        return None if pad < 0 or rest else b"<" + (body + "0020" * pad).encode() + b">"
    try:
        body = title.encode("latin-1").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    except UnicodeEncodeError:
        return None
    pad = len(like) - 2 - len(body)
    return None if pad < 0 else b"(" + body + b" " * pad + b")"


def _is_doubled(title: str, heading: str) -> bool:
    """Whether a squashed bookmark title is a squashed heading with text of its own repeated in
    front: its first line, and its chapter number once or twice
    ("1.11.1WhatcalculusisWhatcalculusis" for "1.1 What calculus is")."""
    words = re.sub(r"^[0-9.]+", "", heading) or heading  # the heading without its number
    if not title.endswith(words) or title == heading:
        return False
    repeated = re.sub(r"^[0-9.]+", "", title[: len(title) - len(words)])
    return words.startswith(repeated)


def repair_outline(pdf: Path, headings: list[str]) -> int:
    """Give bookmarks their headings' text back; return how many were repaired.

    Chromium (156) names the bookmark of a heading that starts a printed page after the heading's
    first line twice ("What calculus isWhat calculus is", or with the chapter number
    "1.1 1.1 What calculus isWhat calculus is"). Each such title is replaced, in place
    and padded to the same length so no offset in the file moves, by the heading it stands for.
    """
    squash = lambda text: "".join(text.split())  # noqa: E731
    known = {squash(heading): " ".join(heading.split()) for heading in headings if heading.strip()}
    repaired = 0

    def repair(match: re.Match) -> bytes:
        nonlocal repaired
        token = match.group(1)
        title = squash(_decode_title(token))
        if title in known:
            return match.group(0)
        best = max((key for key in known if _is_doubled(title, key)), key=len, default=None)
        new = best and _encode_title(known[best], token)
        if not new:
            return match.group(0)
        repaired += 1
        return match.group(0)[:match.start(1) - match.start(0)] + new

    data = OUTLINE_TITLE.sub(repair, pdf.read_bytes())
    pdf.write_bytes(data)
    return repaired


def pages_of_markers(pdf: Path) -> dict[int, int]:
    """Marker number -> page number (1-based), from the text of the first print."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    found = {}
    for page_number, page_text in enumerate(text.split("\f"), start=1):
        for marker in re.findall(MARKER + r"(\d+)Z", page_text):
            found.setdefault(int(marker), page_number)
    return found


def starts_in_final(pdf: Path, entries: list, numbers: dict[str, int]) -> dict[str, int]:
    """Anchor -> the page whose first lines hold the entry's title, searched near the page the
    contents give (the number is kept where the title is not found nearby)."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    squash = lambda words: "".join(words.split())  # noqa: E731
    tops = [squash("\n".join(line for line in page.splitlines() if line.strip())[:400])
            for page in text.split("\f")]
    actual = {}
    for _, title, anchor in entries:
        guess = numbers[anchor]
        near = [n for step in range(4) for n in {guess - step, guess + step} if 1 <= n <= len(tops)]
        actual[anchor] = next((n for n in near if squash(title) in tops[n - 1]), guess)
    return actual


MAX_PRINTS = 6


def print_until_contents_agree(page, output: Path, entries: list, first: dict[str, int]) -> int:
    """Print `page` to `output` with page numbers in its contents until they are where each entry
    really starts; return the number of prints. `first` is where the entries started in the draft.

    Before each print the numbers are set to the layout seen two prints earlier (or the only one
    seen): a layout that alternates between two states is then matched on the next print.
    """
    layouts = [first]
    for prints in range(1, MAX_PRINTS + 1):
        guess = layouts[-2] if len(layouts) >= 2 else layouts[-1]
        page.evaluate(SET_PAGE_NUMBERS, guess)
        print_to(page, output)
        actual = starts_in_final(output, entries, guess)
        if actual == guess:
            return prints
        layouts.append(actual)
    moved = {anchor: (guess[anchor], actual[anchor]) for anchor in guess if guess[anchor] != actual[anchor]}
    raise SystemExit(f"the contents' page numbers never matched the print after {MAX_PRINTS} prints; "
                     f"entry: (contents, print) {moved}")


def build(output: Path = PDF) -> dict:
    if shutil.which("pdftotext") is None:
        raise SystemExit("pdftotext is missing: `make pdf` installs Debian's poppler-utils")
    if not Path(CHROMIUM).is_file():
        raise SystemExit("Debian's chromium is missing: `make pdf` installs it")
    from playwright.sync_api import sync_playwright

    meta = book_metadata()
    meta["date"] = edition_date()
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PRINT_CSS, OUT_DIR / "print.css")
    handler = functools.partial(_QuietHandler, directory=str(BUILD))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/pdf/{BOOK_HTML.name}"
    draft = OUT_DIR / "draft.pdf"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            document, counts = assemble(meta)
            BOOK_HTML.write_text(document, encoding="utf-8")
            started = time.perf_counter()
            page = open_book(browser, url)
            counts["shrunk"] = page.evaluate(FIT_TO_WIDTH)
            typeset = time.perf_counter()
            # First print: where does each entry of the contents start? (invisible markers)
            print_to(page, draft)
            found = pages_of_markers(draft)
            entries = counts.pop("entries")
            missing = [title for number, (_, title, _) in enumerate(entries, start=1)
                       if number not in found]
            if missing:
                raise SystemExit(f"could not find where these start in the PDF: {missing}")
            # Then print with the contents' page numbers until a print's layout agrees with them.
            # The numbers take the room reserved for them, so they move nothing; but Chromium
            # does not always break a page in the same place twice (an item that just fits may
            # go either way, alternating between prints), so each print is checked.
            numbers = {anchor: found[number] for number, (_, _, anchor) in enumerate(entries, start=1)}
            counts["prints"] = 1 + print_until_contents_agree(page, output, entries, numbers)
            headings = page.evaluate("() => Array.from(document.querySelectorAll("
                                     "'h1, h2, h3, h4, h5, h6')).map(h => h.textContent)")
            counts["bookmarks repaired"] = repair_outline(output, headings)
            if pages_of_markers(output):
                raise SystemExit("markers left in the PDF")
            counts["seconds"] = {"load and typeset": typeset - started,
                                 f"{counts['prints']} prints": time.perf_counter() - typeset}
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
        draft.unlink(missing_ok=True)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=PDF, help=f"default: {PDF.relative_to(ROOT)}")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    counts = build(args.output)
    size = args.output.stat().st_size / 2**20
    print(f"pdf: wrote {args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output}"
          f" ({size:.1f} MB; {counts['pages']} pages of the site, {counts['figures']} figures, "
          f"{counts['animations']} animations as frame strips, {counts['solutions']} solutions moved, "
          f"{counts['shrunk']} wide items shrunk, {counts['bookmarks repaired']} bookmarks repaired) in {time.perf_counter() - start:.0f} s ("
          + ", ".join(f"{what} {seconds:.0f} s" for what, seconds in counts["seconds"].items()) + ")")
    return 0


if __name__ == "__main__":
    sys.exit(main())
