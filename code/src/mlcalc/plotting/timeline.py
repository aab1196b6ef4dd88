"""A vertical timeline whose labels are spread out so that none overlaps another."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Callable, Sequence

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .._checks import check_real
from ._shared import _check_axes, _close_on_error, _figure_of, _label
from .style import PALETTE


def _format_year(year: float) -> str:
    """``-450`` -> ``'450 BCE'``, ``1684`` -> ``'1684'`` (whole years; BCE years are negative)."""
    whole = int(round(year))
    return f"{-whole} BCE" if whole < 0 else f"{whole}"


def _check_events(events: Any) -> list[tuple[float, str]]:
    """Events as ``(year, label)`` pairs, sorted by year (stable)."""
    if isinstance(events, (str, bytes, Mapping)) or not np.iterable(events):
        raise TypeError(f"events must be a sequence of (year, label) pairs; got {events!r}")
    checked = []
    for event in events:
        if isinstance(event, (str, bytes)) or not np.iterable(event) or len(event) != 2:
            raise TypeError(f"events must hold (year, label) pairs; got {event!r}")
        year, label = event
        year = check_real("events", year)
        if not isinstance(label, str):
            raise TypeError(f"events: each label must be a str; got {label!r} for year {year:g}")
        if not label.strip():
            raise ValueError(f"events: the label for year {year:g} is empty")
        checked.append((year, label.strip()))
    if not checked:
        raise ValueError("events must not be empty")
    return sorted(checked, key=lambda event: event[0])


def _timeline_knots(years: np.ndarray, break_gaps: bool) -> tuple[np.ndarray, np.ndarray, list]:
    """Knots of a piecewise-linear map year -> position that shortens long empty gaps.

    A gap between neighbouring events longer than half of the whole span is drawn as a short
    break of 15% of the rest; with only two distinct years the one gap is the whole span, with
    no rest to keep readable, and stays to scale.  Returns the knot years, their positions and
    the breaks (pairs of years).
    """
    unique = np.unique(years)
    span = float(unique[-1] - unique[0]) if unique.size > 1 else 0.0
    gaps = np.diff(unique)
    long = (gaps > 0.5 * span) if (break_gaps and unique.size > 2) else np.zeros(gaps.size, bool)
    rest = max(span - float(gaps[long].sum()), 1.0)
    pad = 0.06 * rest
    knot_years, knot_pos, breaks = [unique[0] - pad], [0.0], []
    for i in np.flatnonzero(long):
        left, right = float(unique[i]), float(unique[i + 1])
        edge_left, edge_right = left + 0.5 * pad, right - 0.5 * pad
        knot_pos.append(knot_pos[-1] + (edge_left - knot_years[-1]))
        knot_years.append(edge_left)
        knot_pos.append(knot_pos[-1] + 0.15 * rest)
        knot_years.append(edge_right)
        breaks.append((edge_left, edge_right))
    end = float(unique[-1]) + pad
    knot_pos.append(knot_pos[-1] + (end - knot_years[-1]))
    knot_years.append(end)
    return np.array(knot_years), np.array(knot_pos), breaks


def _piecewise(knots_from: np.ndarray, knots_to: np.ndarray) -> Callable:
    """A piecewise-linear map through the knots, extended with slope 1 beyond them."""

    def transform(values: Any) -> np.ndarray:
        values = np.asarray(values, dtype=float)
        mapped = np.interp(values, knots_from, knots_to)
        mapped = np.where(values < knots_from[0], knots_to[0] + values - knots_from[0], mapped)
        return np.where(values > knots_from[-1], knots_to[-1] + values - knots_from[-1], mapped)

    return transform


def _spread(desired: np.ndarray, heights: np.ndarray, pad: float, low: float,
            high: float) -> np.ndarray:
    """Centres as close as possible to ``desired`` (ascending) with no two boxes overlapping.

    Least squares under the constraints ``p[i+1] - p[i] >= (h[i] + h[i+1]) / 2 + pad``:
    shifting by the cumulative gaps turns them into "non-decreasing", an isotonic regression
    (pool adjacent violators).  Kept inside ``[low, high]`` when the boxes fit there.
    """
    gaps = 0.5 * (heights[:-1] + heights[1:]) + pad
    offsets = np.concatenate([[0.0], np.cumsum(gaps)])
    target = desired - offsets
    blocks: list[list[float]] = []  # [mean, count]
    for value in target:
        blocks.append([float(value), 1.0])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            mean, count = blocks.pop()
            blocks[-1] = [(blocks[-1][0] * blocks[-1][1] + mean * count) / (blocks[-1][1] + count),
                          blocks[-1][1] + count]
    fitted = np.concatenate([np.full(int(count), mean) for mean, count in blocks])
    first, last = low + 0.5 * heights[0], high - 0.5 * heights[-1] - offsets[-1]
    if first <= last:
        fitted = np.clip(fitted, first, last)
    return fitted + offsets


@_close_on_error
def plot_timeline(
    events: Sequence[tuple[float, str]],
    *,
    break_gaps: bool = True,
    show_years: bool = True,
    wrap: int = 50,
    ylabel: str = "year",
    ax: Axes | None = None,
) -> Figure:
    """A vertical timeline: events as dots on a time axis (earliest at the top), each joined by a
    leader line to its label.

    Labels are spread out along the axis so that none overlaps another, as close to their
    dates as the space allows.  A long empty stretch of time (more than half of the whole span,
    e.g. from antiquity to 1600) is shortened and drawn as a break in the axis, so the rest stays
    readable (with two distinct years there is no rest, and time stays to scale).

    Parameters
    ----------
    events : sequence of (year, label)
        Years as numbers, with BCE years negative (``-450`` is 450 BCE); labels as strings.
        Events need not be sorted.
    break_gaps : bool
        Shorten long empty gaps in time and mark them with a break.
    show_years : bool
        Start each label with its year ("450 BCE", "1684").
    wrap : int
        Wrap labels longer than this many characters onto more lines (0: never wrap).
    ylabel : str
        Label of the time axis.
    ax : matplotlib Axes, optional
        Draw into these axes instead of a new figure (sized to fit the labels).  The layout
        is computed for the size the axes have now; give them room for the labels on the right.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_timeline([(1684, "Leibniz publishes"), (-250, "Archimedes"), (1666, "Newton")])
    >>> [t.get_text() for t in fig.axes[0].texts]
    ['250 BCE  Archimedes', '1666  Newton', '1684  Leibniz publishes']
    >>> fig.axes[0].yaxis.get_major_formatter()(-300)
    '300 BCE'
    """
    checked = _check_events(events)
    if not isinstance(break_gaps, (bool, np.bool_)):
        raise TypeError(f"break_gaps must be True or False; got {break_gaps!r}")
    if not isinstance(show_years, (bool, np.bool_)):
        raise TypeError(f"show_years must be True or False; got {show_years!r}")
    if isinstance(wrap, bool) or not isinstance(wrap, (int, np.integer)) or wrap < 0:
        raise (TypeError if not isinstance(wrap, (int, np.integer)) or isinstance(wrap, bool)
               else ValueError)(f"wrap must be an integer >= 0; got {wrap!r}")
    _check_axes(ax)
    import textwrap

    years = np.array([year for year, _ in checked])
    texts = []
    for year, label in checked:
        text = f"{_format_year(year)}  {label}" if show_years else label
        texts.append(textwrap.fill(text, wrap) if wrap else text)
    knot_years, knot_pos, breaks = _timeline_knots(years, bool(break_gaps))
    forward, inverse = _piecewise(knot_years, knot_pos), _piecewise(knot_pos, knot_years)

    fontsize = 0.9 * mpl.rcParams["font.size"]
    created = ax is None
    if created:
        fig = plt.figure(figsize=(6.4, 4.0))
        ax = fig.add_axes((0.16, 0.04, 0.82, 0.92))
    fig = _figure_of(ax)
    ax.set_yscale("function", functions=(forward, inverse))
    ax.set_ylim(knot_years[-1], knot_years[0])  # earliest at the top
    ax.set_xlim(0, 1)
    labels = [ax.text(0.08, years[i], text, transform=ax.get_yaxis_transform(), ha="left",
                      va="center", fontsize=fontsize, linespacing=1.15, zorder=4)
              for i, text in enumerate(texts)]
    heights = np.array([label.get_window_extent().height for label in labels])
    pad = 0.45 * fontsize * fig.dpi / 72
    if created:  # tall enough for every label, and for the dates to breathe
        needed = (heights.sum() + pad * len(labels)) * 1.5 / fig.dpi
        fig.set_size_inches(6.4, max(3.0, needed / 0.92))
    to_pixels, to_data = ax.transData, ax.transData.inverted()
    desired = to_pixels.transform(np.column_stack([np.zeros_like(years), years]))[:, 1]
    bottom, top = ax.get_window_extent().y0, ax.get_window_extent().y1
    order = np.argsort(desired, kind="stable")
    placed = np.empty_like(desired)
    placed[order] = _spread(desired[order], heights[order], pad, bottom, top)
    label_years = to_data.transform(np.column_stack([np.zeros_like(placed), placed]))[:, 1]

    blended = ax.get_yaxis_transform()
    for label, year, label_year in zip(labels, years, label_years):
        label.set_y(label_year)
        ax.plot([0, 0.03, 0.065, 0.075], [year, year, label_year, label_year], transform=blended,
                color="0.55", linewidth=0.9, zorder=2, clip_on=False)
    ax.plot(np.zeros_like(years), years, transform=blended, linestyle="none", marker="o",
            markersize=6, color=PALETTE["blue"], markeredgecolor="white", zorder=5,
            clip_on=False)
    # The time axis: solid where time is to scale, dotted across a shortened gap.
    edges = [knot_years[0], *[y for pair in breaks for y in pair], knot_years[-1]]
    for i, (start, end) in enumerate(zip(edges[:-1], edges[1:])):
        style = {"linestyle": ":", "linewidth": 1.6} if i % 2 else {"linewidth": 1.6}
        ax.plot([0, 0], [start, end], transform=blended, color=PALETTE["black"], zorder=3,
                clip_on=False, **style)
    for start, end in breaks:
        middle = float(inverse(0.5 * (forward(start) + forward(end))))
        ax.plot([0], [middle], transform=blended, linestyle="none", color=PALETTE["black"],
                marker=[(-1, -0.5), (1, 0.5)], markersize=14, zorder=3, clip_on=False)
    ticks = []
    segments = [(knot_years[0], breaks[0][0] if breaks else knot_years[-1])]
    segments += [(end, nxt[0]) for (_, end), nxt in zip(breaks, breaks[1:])]
    if breaks:
        segments.append((breaks[-1][1], knot_years[-1]))
    total = knot_pos[-1] - knot_pos[0]
    for start, end in segments:
        share = (forward(end) - forward(start)) / total
        locator = mpl.ticker.MaxNLocator(max(1, int(round(7 * share))), integer=True)
        # whole years only: the labels show whole years, so 1699.95 would be a second "1700"
        ticks += [t for t in locator.tick_values(start, end)
                  if start <= t <= end and float(t).is_integer()]
    ax.yaxis.set_major_locator(mpl.ticker.FixedLocator(ticks))
    ax.yaxis.set_major_formatter(mpl.ticker.FuncFormatter(lambda y, _=None: _format_year(y)))
    ax.yaxis.set_minor_locator(mpl.ticker.NullLocator())
    ax.xaxis.set_visible(False)
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    ax.grid(False)
    _label(ax, None, ylabel)
    return fig
