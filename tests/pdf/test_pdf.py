"""The PDF edition (`make pdf`): it opens, holds the whole book, and nothing on it is broken.

Read with Debian's poppler-utils (which `make pdf` installs): pdfinfo, pdftotext, pdfimages.
What the PDF must hold is taken from the built site, so the tests follow the book as it changes:
every chapter title, every figure caption, every animation (as frames with a link), every
exercise with its solution after the chapter's exercises.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata

import pytest
from bs4 import BeautifulSoup

from scripts.pdf.build import BOOK_HTML, PDF, toc_structure
from tests.bookfiles import HTML, ROOT

pytestmark = pytest.mark.slow

MAX_MB = 40
MARGIN_PT = 18 / 25.4 * 72  # the 18 mm side margins of scripts/pdf/build.py, in points
SLACK_PT = 3  # antialiasing and glyph side bearings


def run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def normalise(text: str) -> str:
    """One spelling for what typesetting may change: spaces, line-break hyphens, quotes, dashes."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u00ad", "")
    for fancy, plain in {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                         "\u2013": "-", "\u2014": "-", "\u2212": "-"}.items():
        text = text.replace(fancy, plain)
    text = re.sub(r"-\s+", "-", text)
    return " ".join(text.split())


@pytest.fixture(scope="module")
def built_pdf(built_book) -> str:
    """Run `make pdf` (after the session's `make book`, so it only prints); return its log."""
    result = subprocess.run(["make", "pdf"], cwd=ROOT, capture_output=True, text=True)
    log = result.stdout + result.stderr
    assert result.returncode == 0, f"`make pdf` failed:\n{log[-6000:]}"
    return log


@pytest.fixture(scope="module")
def pages(built_pdf) -> list[str]:
    """The PDF's text, one string per page."""
    return run("pdftotext", "-layout", str(PDF), "-").split("\f")[:-1]


@pytest.fixture(scope="module")
def text(built_pdf) -> str:
    """The PDF's text in reading order (-raw: typeset formulas do not interleave with prose)."""
    return normalise(run("pdftotext", "-raw", str(PDF), "-"))


def squash(text: str) -> str:
    """Without any space: inline code and formulas change the spacing, not the words."""
    return "".join(normalise(text).split())


def chapter_titles() -> list[str]:
    return [normalise(article(page).find("h1").get_text().rstrip("#")) for page in site_pages()]


def contents_pages(pages: list[str]) -> dict[str, int]:
    """Chapter title -> the page the contents give for it."""
    contents = normalise(pages[1])
    found = {}
    for title in chapter_titles():
        number = re.search(re.escape(title) + r" (\d+)", contents)
        assert number, f"the contents lack {title!r}"
        found[title] = int(number.group(1))
    return found


def outline() -> list[tuple[int, str]]:
    """The PDF's bookmarks as (depth, title), in order (Skia writes them uncompressed)."""
    raw = PDF.read_bytes()
    objects = {int(m.group(1)): m.group(2)
               for m in re.finditer(rb"(\d+) 0 obj\s*(<<.*?>>)\s*endobj", raw, re.DOTALL)}

    def ref(number: int, key: bytes) -> int | None:
        found = re.search(key + rb"\s+(\d+) 0 R", objects[number])
        return int(found.group(1)) if found else None

    def title(number: int) -> str:
        token = re.search(rb"/Title\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f]+>)", objects[number]).group(1)
        if token.startswith(b"<"):
            return bytes.fromhex(token[1:-1].decode())[2:].decode("utf-16-be").strip()
        return re.sub(rb"\\(.)", rb"\1", token[1:-1]).decode("latin-1").strip()

    roots = [number for number, body in objects.items() if b"/Type /Outlines" in body]
    assert roots, "the PDF has no bookmarks"
    items: list[tuple[int, str]] = []

    def walk(number: int, depth: int) -> None:
        child = ref(number, rb"/First")
        while child:
            items.append((depth, title(child)))
            walk(child, depth + 1)
            child = ref(child, rb"/Next")

    walk(roots[0], 0)
    return items


def site_pages() -> list[str]:
    root, parts = toc_structure()
    return [root] + [page for _, chapter_pages in parts for page in chapter_pages]


def article(page: str) -> BeautifulSoup:
    soup = BeautifulSoup((HTML / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
    return soup.select_one("article.bd-article")


def words_outside_math(element) -> list[str]:
    """The runs of plain text of an element between its formulas (whose text MathJax typesets)."""
    for math in element.select(".math"):
        math.replace_with("\x00")
    return [normalise(run_) for run_ in element.get_text().split("\x00") if normalise(run_)]


def test_pdf_opens_and_is_small_enough(built_pdf, pages):
    info = run("pdfinfo", str(PDF))
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    assert int(fields["Pages"]) == len(pages) > 20
    assert "595.2" in fields["Page size"] or "595" in fields["Page size"], fields["Page size"]  # A4
    assert fields["Tagged"].strip() == "yes"
    assert fields["Encrypted"].strip().startswith("no")
    assert PDF.stat().st_size <= MAX_MB * 2**20, f"{PDF.stat().st_size / 2**20:.1f} MB > {MAX_MB} MB"


def test_title_page_names_edition_and_date(pages):
    init = (ROOT / "code" / "src" / "mlcalc" / "__init__.py").read_text(encoding="utf-8")
    version = re.search(r'^__version__\s*=\s*"([^"]+)"', init, re.MULTILINE).group(1)
    first = normalise(pages[0])
    assert "Calculus for Machine Learning" in first
    assert re.search(rf"Edition {re.escape(version)} . \d{{1,2}} [A-Z][a-z]+ \d{{4}}", first), first


def test_contents_give_each_chapter_its_page_in_book_order(pages):
    root, parts = toc_structure()
    contents = normalise(pages[1])
    for caption, _ in parts:
        assert caption in contents
    starts = contents_pages(pages)
    assert list(starts.values()) == sorted(starts.values()), "chapters out of order"
    for title, start in starts.items():
        assert title in normalise(pages[start - 1]), f"{title!r} does not start on page {start}"


def test_bookmarks_are_parts_and_their_chapters(built_pdf):
    root, parts = toc_structure()
    captions = [caption for caption, _ in parts]
    children: dict[str, list[str]] = {}
    current = None
    for depth, title in outline():
        if depth == 0:
            current = title
            children[title] = []
        elif depth == 1:
            children[current].append(title)
    assert list(children)[0] == "Contents"
    assert [title for title in children if title in captions] == captions
    for caption, chapter_pages in parts:
        expected = [normalise(article(page).find("h1").get_text().rstrip("#")) for page in chapter_pages]
        assert children[caption] == expected


def test_every_figure_caption_is_in_the_pdf(text):
    captions = []
    for page in site_pages():
        for caption in article(page).select("figcaption .caption-text"):
            captions.extend(run_ for run_ in words_outside_math(caption) if len(run_.split()) >= 3)
    assert len(captions) > 50
    flat = squash(text)
    missing = [caption for caption in captions if squash(caption) not in flat]
    assert not missing, f"{len(missing)} caption fragments missing, e.g. {missing[:3]}"


def test_every_figure_is_in_the_pdf(built_pdf):
    """Figures stay vector graphics (the site draws SVG), which pdfimages does not list; each is
    a tagged Figure with its alt text. Raster images (animation frames, PNG outputs) are listed."""
    figures = sum(len(article(page).select("figure img")) for page in site_pages())
    raw = PDF.read_bytes()
    tagged = len(re.findall(rb"/S /Figure\b[^>]*?/Alt", raw, re.DOTALL))
    assert tagged >= figures, f"{tagged} tagged figures with alt text, the site has {figures}"
    listing = run("pdfimages", "-list", str(PDF)).splitlines()[2:]
    images = [row for row in listing if row.split()[2] == "image"]
    frames = BOOK_HTML.read_text(encoding="utf-8").count('class="pdf-frame"')
    assert len(images) >= frames > 0


def test_animations_are_frame_strips_with_a_link(text):
    animations = sum(len(article(page).select("div.animation")) for page in site_pages())
    assert animations > 0
    assert text.count("The animated version is on the web page:") == animations


def test_no_raw_tex_no_myst_no_unresolved_reference(built_pdf):
    """Prose only: code and its output may print LaTeX (sp.latex) on purpose."""
    code = squash(" ".join(pre.get_text() for page in site_pages() for pre in article(page).find_all("pre")))
    lines = run("pdftotext", "-raw", str(PDF), "-").splitlines()
    prose = [line for line in lines if squash(line) and squash(line) not in code]
    assert len(prose) > 1000
    for raw in ["\\frac", "$$", "\\(", "\\[", "\\begin{", "??",
                "{exercise}", "{solution}", "{cite}", "{ref}", "{numref}", "{eq}", ":label:",
                "```{", "{code-cell}"]:
        shown = [line for line in prose if raw in line]
        assert not shown, f"the PDF shows {raw!r}: {shown[:3]}"


def test_solutions_follow_each_chapters_exercises(pages, text):
    exercises = sum(len(article(page).select("div.exercise")) for page in site_pages())
    assert text.count("Solution at the end of the chapter") == exercises > 0
    starts = sorted(contents_pages(pages).values()) + [len(pages) + 1]
    for begin, end in zip(starts, starts[1:]):
        chapter = normalise(" ".join(pages[begin - 1:end - 1]))
        first_solution = chapter.find("Solution to")
        if first_solution >= 0:  # every exercise of the chapter comes before its first solution
            assert chapter.rfind("Solution at the end of the chapter") < first_solution, \
                f"solutions interleaved with exercises on pages {begin}-{end - 1}"


def test_no_text_runs_past_the_margins(built_pdf):
    bbox = run("pdftotext", "-bbox", str(PDF), "-")
    outside = []
    page_number = 0
    for line in bbox.splitlines():
        page = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', line)
        if page:
            page_number += 1
            width = float(page.group(1))
            continue
        word = re.search(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>(.*)</word>', line)
        if word:
            x_min, x_max = float(word.group(1)), float(word.group(2))
            if x_max > width - MARGIN_PT + SLACK_PT or x_min < MARGIN_PT - SLACK_PT:
                outside.append(f"page {page_number}: {word.group(3)!r} at x {x_min:.0f}-{x_max:.0f}")
    assert not outside, f"{len(outside)} words outside the text column, e.g. {outside[:5]}"


def test_cross_references_and_citations_are_links_inside_the_pdf(built_pdf):
    raw = PDF.read_bytes()
    used = set(re.findall(rb"/Subtype /Link\s[^>]*?/Dest /([^\s/>\]]+)", raw))
    dests = re.search(rb"/Dests (\d+) 0 R", raw)
    assert dests, "the PDF has no named destinations"
    table = re.search(rb"\n" + dests.group(1) + rb" 0 obj\s*<<(.*?)>>\s*endobj", raw, re.DOTALL).group(1)
    defined = set(re.findall(rb"/([^\s/\[\]()<>]+) \[", table))
    assert used and not used - defined, f"links to undefined places: {sorted(used - defined)[:5]}"
    # Every citation of every chapter links to its entry in the references.
    wanted = set()
    for page in site_pages():
        for link in article(page).select("a[href*='references.html#']"):
            wanted.add(("book-appendix-references--" + link["href"].split("#", 1)[1]).encode())
    assert wanted and not wanted - used, f"citations without a link: {sorted(wanted - used)[:5]}"
