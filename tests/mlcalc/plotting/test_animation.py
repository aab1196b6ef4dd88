"""Tests of mlcalc.plotting.animation: animate builds self-contained HTML with play controls,
alt text and a labelled slider, that stays light and leaves no figure open."""

from __future__ import annotations

import re
import sys

import matplotlib.pyplot as plt
import pytest

from mlcalc.plotting import animate


def _frames(page) -> int:
    return page._repr_html_().count("data:image/png;base64")


def test_animate_returns_self_contained_html_with_controls_and_closes_its_figure():
    calls = []

    def draw(ax, i):
        calls.append(i)
        ax.plot([0, 1], [0, i])
        ax.set_xlabel("x")

    page = animate(draw, 4, interval=100)
    html = page._repr_html_()
    assert "<script" in html and "anim-state" in html and 'title="Play"' in html
    assert _frames(page) == 4
    assert set(calls) == {0, 1, 2, 3}
    assert plt.get_fignums() == []  # not shown a second time by pyplot
    assert 'value="once"' in html and re.search(r'value="once"[^>]*checked', html)


def test_animate_without_ipython_returns_an_object_with_repr_html(monkeypatch):
    monkeypatch.setitem(sys.modules, "IPython.display", None)  # import fails
    page = animate(lambda ax, i: ax.plot([0, i]), 2, default_mode="loop")
    assert type(page).__name__ == "_HTMLDocument"
    assert "<script" in page._repr_html_() and str(page) == page._repr_html_()


def test_frames_of_a_line_plot_stay_light():
    def draw(ax, i):
        xs = [0.1 * k for k in range(50)]
        ax.plot(xs, [x**2 - i * x for x in xs])
        ax.set_xlabel("$x$")
        ax.set_title(f"frame {i}")

    page = animate(draw, 4)
    assert _frames(page) == 4
    assert len(page._repr_html_()) / 4 < 60_000  # ~25 frames stay under about 1 MB
    assert plt.get_fignums() == []


def test_animation_html_is_self_contained_and_accessible():
    page = animate(lambda ax, i: ax.plot([0, 1], [0, i]), 2, alt="A line tilting up.")._repr_html_()
    assert "https://" not in page, "the player must not load anything from a CDN"
    assert '<img alt="A line tilting up." id="' in page
    assert 'class="anim-slider" aria-label="Frame"' in page
    default = animate(lambda ax, i: ax.plot([0, 1], [0, i]), 2)._repr_html_()
    assert re.search(r'<img alt="An animation;[^"]+" id="', default)


@pytest.mark.parametrize("alt", ["", "   ", None])
def test_animation_needs_alt_text(alt):
    with pytest.raises(ValueError, match="alt"):
        animate(lambda ax, i: None, 2, alt=alt)


@pytest.mark.parametrize(
    ("call", "error", "name"),
    [
        (lambda: animate(None, 3), TypeError, "draw_frame"),
        (lambda: animate(lambda ax, i: None, 0), ValueError, "n_frames"),
        (lambda: animate(lambda ax, i: None, 2.5), TypeError, "n_frames"),
        (lambda: animate(lambda ax, i: None, 2, default_mode="bounce"), ValueError, "default_mode"),
        (lambda: animate(lambda ax, i: None, 2, interval=0), ValueError, "interval"),
        (lambda: animate(lambda ax, i: None, 2, dpi=-1), ValueError, "dpi"),
        (lambda: animate(lambda ax, i: None, 2, figsize=5), TypeError, "figsize"),
        (lambda: animate(lambda ax, i: None, 2, figsize=(5, 0)), ValueError, "figsize"),
    ],
)
def test_bad_input_raises_naming_the_argument(call, error, name):
    with pytest.raises(error, match=rf"\b{name}\b"):
        call()
    assert plt.get_fignums() == []
