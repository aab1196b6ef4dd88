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


def _first_frame_size(html: str) -> tuple[int, int]:
    """Width and height in pixels of the first embedded PNG frame (from its IHDR header)."""
    import base64
    import struct

    data = re.search(r"data:image/png;base64,([A-Za-z0-9+/=\\\n]+)", html).group(1)
    png = base64.b64decode(data.replace("\\", "").replace("\n", "")[:64] + "==")
    return struct.unpack(">II", png[16:24])


def test_frames_have_the_size_asked_for_in_pixels():
    """figsize inches x dpi: 3 x 2 inches at 50 dpi are 150 x 100 pixels; the defaults
    6.4 x 4 inches at 72 dpi are 460 x 288 (460.8 rounded down)."""
    page = animate(lambda ax, i: ax.plot([0, 1], [0, i]), 2, figsize=(3, 2), dpi=50)._repr_html_()
    assert _first_frame_size(page) == (150, 100)
    page = animate(lambda ax, i: ax.plot([0, 1], [0, i]), 2)._repr_html_()
    assert _first_frame_size(page) == (460, 288)


@pytest.mark.parametrize("mode", ["once", "loop", "reflect"])
def test_the_player_starts_in_the_mode_asked_for_at_the_interval_asked_for(mode):
    html = animate(lambda ax, i: ax.plot([0, 1], [0, i]), 2, default_mode=mode, interval=250)._repr_html_()
    checked = re.findall(r'<input type="radio" name="state" value="(\w+)"[^>]*checked', html)
    assert checked == [mode]
    assert re.search(r"new Animation\(frames, img_id, slider_id, 250(\.0)?,", html)


def test_each_frame_is_drawn_on_cleared_axes_with_the_same_margins():
    seen = []

    def draw(ax, i):
        seen.append((len(ax.lines), tuple(round(v, 6) for v in ax.get_position().bounds)))
        ax.plot([0, 1], [0, i])

    animate(draw, 3)
    assert {count for count, _ in seen} == {0}  # nothing left over from the previous frame
    assert {bounds for _, bounds in seen} == {(0.13, 0.14, 0.83, 0.76)}  # left, bottom, width, height


def test_frame_size_and_margins_hold_under_the_books_style_and_a_readers_layout_setting():
    import matplotlib as mpl

    from mlcalc.plotting import use_book_style

    seen = []

    def draw(ax, i):
        seen.append(tuple(round(v, 6) for v in ax.get_position().bounds))
        ax.plot([0, 1], [0, i])
        ax.set_title("a long title that a tight bounding box would keep")

    with mpl.rc_context():
        use_book_style()  # saves with a tight bounding box, which would crop frames differently
        mpl.rcParams["figure.constrained_layout.use"] = True  # would move the axes
        mpl.rcParams["savefig.dpi"] = 200  # a reader's print setting would change the frame size
        page = animate(draw, 2, figsize=(3, 2), dpi=50)._repr_html_()
    assert _first_frame_size(page) == (150, 100)
    assert set(seen) == {(0.13, 0.14, 0.83, 0.76)}


def test_default_interval_and_the_player_markup():
    html = animate(lambda ax, i: ax.plot([0, 1], [0, i]), 2, alt='A curve "bends" & <rises>')._repr_html_()
    assert re.search(r"new Animation\(frames, img_id, slider_id, 200(\.0)?,", html)
    assert '<img alt="A curve &quot;bends&quot; &amp; &lt;rises&gt;" id="' in html
    assert re.search(r'<input id="[^"]+" type="range" class="anim-slider" aria-label="Frame"\n', html)
    assert html.lstrip().startswith('<script language="javascript">')  # nothing left where the CDN link was


@pytest.mark.parametrize("figsize, message", [
    ((0, 5), "figsize must be > 0; got 0.0"),
    ((5, -1), "figsize must be > 0; got -1.0"),
    (("5", 4), "figsize must be a real number; got '5' (type str)"),
    (5, "figsize must be a pair (width, height) in inches; got 5"),
])
def test_figsize_errors_say_what_was_expected(figsize, message):
    with pytest.raises((TypeError, ValueError)) as caught:
        animate(lambda ax, i: None, 2, figsize=figsize)
    assert str(caught.value) == message
    assert plt.get_fignums() == []
