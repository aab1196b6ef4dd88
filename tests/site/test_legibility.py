"""Figures and captions that people can read, measured in a real browser (Debian's Chromium).

- Every figure's text is at least 9 CSS pixels tall at the page's width (a 1280-pixel-wide window;
  the book's content column). Matplotlib writes the book's SVG figures with text as paths: each
  piece of text is a group `translate(x y) scale(s -s)` over glyphs drawn at 100 units to the em,
  so its font size is 100·s in the SVG's user units (points; the viewBox spans the figure's width
  in points). On the page that is 100·s × (rendered width / viewBox width) CSS pixels.
  Superscripts and subscripts (a further `scale(0.7)` inside the group) are left out: they are
  smaller by design. Animations are PNG frames without their text sizes; they are measured with
  the book style's smallest font size (mlcalc.plotting.style) and the frames' resolution.
- Caption text meets WCAG AA contrast (4.5:1) against the page's background, in light and in
  dark mode.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest

from mlcalc.plotting.style import _BOOK_RC
from tests.bookfiles import HTML, toc_files
from tests.site.test_browser import PageVisit, browser, site  # noqa: F401 (fixtures)

pytestmark = pytest.mark.slow

MIN_FONT_PX = 9  # CSS pixels

PAGES = [f"{name}.html" for name in toc_files()]

# Text groups of a matplotlib SVG: `scale(s -s)` (flipped y), the font size in points being 100·s.
TEXT_SCALE = re.compile(r"scale\(([0-9.]+) -([0-9.]+)\)")
VIEWBOX = re.compile(r'viewBox="([-0-9.e]+) ([-0-9.e]+) ([0-9.e]+) ([0-9.e]+)"')

# Figures whose text is still too small, with the change they need (in a chapter, or in mlcalc's
# plotting code owned elsewhere). The test fails for any other small figure, and also when a listed
# figure has become legible (then delete its line): the list only shrinks.
PENDING: dict[str, str] = {}  # figure id -> the change it needs (none left)

FIGURES = """async () => {
  // Solutions start folded: unfold them, so that their figures have the width a reader sees.
  document.querySelectorAll('.toggle-hidden').forEach(el => el.classList.remove('toggle-hidden'));
  document.querySelectorAll('details').forEach(el => { el.open = true; });
  await new Promise(resolve => setTimeout(resolve, 200));
  const found = [];
  for (const img of document.querySelectorAll('main img')) {
    const src = img.currentSrc || img.src;
    const width = img.getBoundingClientRect().width;
    if (img.closest('div.animation')) {
      found.push({kind: 'animation', src: src.slice(0, 60), width, natural: img.naturalWidth});
    } else if (src.includes('/_images/') && src.endsWith('.svg')) {
      const svg = await (await fetch(src)).text();
      found.push({kind: 'svg', src, width, svg, figure: (img.closest('figure') || {}).id || ''});
    }
  }
  return found;
}"""


def svg_font_sizes(svg: str) -> tuple[float, list[float]]:
    """(viewBox width, the font size of each text group in user units) of a matplotlib SVG."""
    box = VIEWBOX.search(svg)
    assert box, "an SVG figure without a viewBox"
    sizes = [100 * float(a) for a, b in TEXT_SCALE.findall(svg) if a == b]
    return float(box[3]), sizes


def smallest_text_px(figure: dict) -> float | None:
    """The smallest text of a figure on the page, in CSS pixels; None for a figure without text."""
    if figure["kind"] == "animation":
        # Frames are drawn at `dpi` pixels per inch: a font of p points is p·dpi/72 pixels of the
        # frame, and the frame is shown at width/natural of its size.
        style_points = min(_BOOK_RC[key] for key in ("xtick.labelsize", "ytick.labelsize", "legend.fontsize"))
        dpi = 72  # mlcalc.plotting.animate's default, which the book uses
        return style_points * dpi / 72 * figure["width"] / figure["natural"]
    width, sizes = svg_font_sizes(figure["svg"])
    return min(sizes) * figure["width"] / width if sizes else None


def test_the_measure_reads_a_known_figure(tmp_path):
    """A figure drawn here, 8 inches wide with 9-point ticks: its SVG says 9 points over 576."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 3))
    ax.plot([0, 1], [0, 1], label="a line")
    ax.tick_params(labelsize=9)
    ax.legend(fontsize=12)
    path = tmp_path / "figure.svg"
    fig.savefig(path, format="svg")
    width, sizes = svg_font_sizes(path.read_text(encoding="utf-8"))
    assert width == pytest.approx(576)
    assert min(sizes) == pytest.approx(9) and max(sizes) == pytest.approx(12)
    # Shown 576 CSS pixels wide, 9 points of 576 are 9 pixels; shown 384 wide, 6 pixels.
    assert smallest_text_px({"kind": "svg", "svg": path.read_text(), "width": 384}) == pytest.approx(6)


@pytest.mark.parametrize("path", PAGES)
def test_figure_text_is_at_least_9_css_pixels_at_the_page_width(site, browser, path):  # noqa: F811
    visit = PageVisit(browser, urljoin(site, path))
    try:
        small, pending_ok = [], []
        for figure in visit.page.evaluate(FIGURES):
            assert figure["width"] > 0, f"{path}: a figure not shown: {figure['src']}"
            px = smallest_text_px(figure)
            name = figure.get("figure") or figure["src"].rsplit("/", 1)[-1]
            if name in PENDING:
                if px is None or px >= MIN_FONT_PX:
                    pending_ok.append(name)
            elif px is not None and px < MIN_FONT_PX:
                small.append(f"{name}: {px:.1f} px")
        assert not small, f"{path}: figure text under {MIN_FONT_PX} CSS px:\n" + "\n".join(small)
        assert not pending_ok, f"{path}: legible now, delete from PENDING: {pending_ok}"
    finally:
        visit.close()


CAPTIONS = """() => {
  // The colour a caption is really drawn on: translucent backgrounds (an admonition's tint)
  // blended, from the nearest opaque one up, as the browser paints them.
  const parse = css => (css.match(/[0-9.]+/g) || []).map(Number);
  const background = el => {
    const layers = [];
    for (; el; el = el.parentElement) {
      const [r, g, b, a = 1] = parse(getComputedStyle(el).backgroundColor);
      if (a > 0) layers.push([r, g, b, a]);
      if (a === 1) break;
    }
    let base = [255, 255, 255];
    if (layers.length && layers[layers.length - 1][3] === 1) base = layers.pop().slice(0, 3);
    else {  // the canvas: the root's colour, or white where the root has none
      const [r, g, b, a = 1] = parse(getComputedStyle(document.documentElement).backgroundColor);
      if (a > 0) base = [r, g, b];
    }
    for (const [r, g, b, a] of layers.reverse()) base = [r, g, b].map((c, i) => a * c + (1 - a) * base[i]);
    return `rgb(${base.map(c => c.toFixed(1)).join(', ')})`;
  };
  return {theme: document.documentElement.dataset.theme,
          captions: Array.from(document.querySelectorAll('main figure figcaption, main table caption'))
    .map(el => ({text: el.textContent.trim().slice(0, 50), colour: getComputedStyle(el).color,
                 weight: getComputedStyle(el).fontWeight, opacity: getComputedStyle(el).opacity,
                 background: background(el)}))};
}"""


def rgb(css: str) -> tuple[float, ...]:
    """(r, g, b) in 0..255 of a computed `rgb(...)`/`rgba(...)` colour (alpha must be 1)."""
    values = [float(v) for v in re.findall(r"[0-9.]+", css)]
    assert len(values) == 3 or values[3] == 1, f"a translucent colour: {css}"
    return tuple(values[:3])


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two CSS colours, (L1 + 0.05) / (L2 + 0.05)."""
    def luminance(colour: str) -> float:
        channels = [c / 255 for c in rgb(colour)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_ratio_matches_known_values():
    assert contrast_ratio("rgb(0, 0, 0)", "rgb(255, 255, 255)") == pytest.approx(21)
    assert contrast_ratio("rgb(118, 118, 118)", "rgb(255, 255, 255)") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("rgb(255, 255, 255)", "rgb(255, 255, 255)") == pytest.approx(1)


FIGURE_PAGES = [path for path in PAGES if "/0" in path]  # the chapters: the pages with figures


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", FIGURE_PAGES)
def test_captions_meet_wcag_aa_contrast(site, browser, path, scheme):  # noqa: F811
    visit = PageVisit(browser, urljoin(site, path), color_scheme=scheme)
    try:
        found = visit.page.evaluate(CAPTIONS)
        assert found["theme"] == scheme
        for caption in found["captions"]:
            ratio = contrast_ratio(caption["colour"], caption["background"])
            assert ratio >= 4.5, f"{path} ({scheme}): caption {caption['text']!r} has contrast {ratio:.2f}"
            assert float(caption["opacity"]) == 1, f"{path}: a translucent caption {caption['text']!r}"
            # WCAG's ratio assumes a regular face; the theme's weight 300 reads paler than its colour.
            assert int(caption["weight"]) >= 400, f"{path}: a hairline caption {caption['text']!r}"
    finally:
        visit.close()


def test_every_pending_figure_is_on_a_page(built_book):
    """PENDING names figures that exist (a renamed or removed figure must leave the list)."""
    pages = "".join((HTML / path).read_text(encoding="utf-8") for path in PAGES)
    assert [name for name in PENDING if f'id="{name}"' not in pages] == []
