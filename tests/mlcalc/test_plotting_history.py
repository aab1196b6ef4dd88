"""Tests of the plotting helpers added for "A brief history of calculus": ``plot_timeline``
(readable: no label overlaps another, each joined to its date; BCE years; long gaps shortened)
and ``plot_partial_sums`` (bars that reach the partial sums, the added term on top)."""

from __future__ import annotations

import itertools
import math

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure

from mlcalc.plotting import plot_partial_sums, plot_timeline, use_book_style

BOOK_EVENTS = [
    (-450, "Zeno's paradoxes of motion"),
    (-370, "Eudoxus: the method of exhaustion"),
    (-250, "Archimedes squeezes pi between 223/71 and 22/7 and finds the area of a parabola"),
    (1635, "Cavalieri: Geometria indivisibilibus"),
    (1636, "Fermat: maxima, minima and tangents"),
    (1666, "Newton: fluxions"),
    (1684, "Leibniz publishes the differential calculus"),
    (1712, "Royal Society report on the priority dispute"),
    (1821, "Cauchy: Cours d'analyse"),
    (1872, "Weierstrass: a continuous curve with no tangent anywhere"),
    (1970, "Linnainmaa: reverse-mode automatic differentiation"),
    (1986, "Rumelhart, Hinton and Williams: backpropagation"),
]


@pytest.fixture(autouse=True)
def _clean_matplotlib():
    """Each test starts and ends with no open figures and the rcParams it found."""
    plt.close("all")
    with mpl.rc_context():
        use_book_style()
        yield
    plt.close("all")


# --------------------------------------------------------------------------------------------
# plot_timeline


def _markers(ax):
    """The line holding one dot per event."""
    (line,) = [line for line in ax.get_lines() if line.get_marker() == "o"]
    return line


def _leaders(ax):
    return [line for line in ax.get_lines() if len(line.get_xdata()) == 4]


def _overlaps(ax) -> list[tuple[str, str]]:
    """Pairs of labels whose boxes overlap on the drawn figure."""
    figure = ax.figure
    figure.canvas.draw()
    boxes = [(text.get_text(), text.get_window_extent()) for text in ax.texts]
    clashes = []
    for (name_a, a), (name_b, b) in itertools.combinations(boxes, 2):
        if a.y0 < b.y1 - 0.5 and b.y0 < a.y1 - 0.5 and a.x0 < b.x1 and b.x0 < a.x1:
            clashes.append((name_a, name_b))
    return clashes


def test_timeline_returns_a_figure_with_one_dot_per_event_at_its_year():
    fig = plot_timeline(BOOK_EVENTS)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    years = sorted(year for year, _ in BOOK_EVENTS)
    assert list(_markers(ax).get_ydata()) == years
    assert len(ax.texts) == len(BOOK_EVENTS)


def test_timeline_labels_start_with_their_year_and_follow_time_order():
    fig = plot_timeline([(1684, "Leibniz"), (-250, "Archimedes"), (1666, "Newton")])
    assert [t.get_text() for t in fig.axes[0].texts] == [
        "250 BCE  Archimedes", "1666  Newton", "1684  Leibniz"
    ]
    fig = plot_timeline([(1684, "Leibniz"), (1666, "Newton")], show_years=False)
    assert [t.get_text() for t in fig.axes[0].texts] == ["Newton", "Leibniz"]


def test_timeline_runs_downwards_earliest_at_the_top():
    ax = plot_timeline(BOOK_EVENTS).axes[0]
    bottom, top = ax.get_ylim()
    assert top < bottom  # inverted: the earliest year is at the top
    texts = ax.texts
    ax.figure.canvas.draw()
    heights = [t.get_window_extent().y0 for t in texts]
    assert heights == sorted(heights, reverse=True)


def test_no_label_of_the_book_timeline_overlaps_another():
    assert _overlaps(plot_timeline(BOOK_EVENTS).axes[0]) == []


def test_labels_of_events_in_the_same_year_do_not_overlap():
    events = [(1900 + k // 3, f"event number {k} with a longer label") for k in range(18)]
    assert _overlaps(plot_timeline(events).axes[0]) == []


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(-3000, 2100), st.text("abcdefgh ijk", min_size=1, max_size=70)
                  .filter(str.strip)),
        min_size=1, max_size=14,
    )
)
def test_labels_never_overlap_on_generated_timelines(events):
    fig = plot_timeline(events)
    assert _overlaps(fig.axes[0]) == []
    plt.close(fig)


def test_each_leader_line_joins_a_dot_to_its_label():
    ax = plot_timeline(BOOK_EVENTS).axes[0]
    leaders = _leaders(ax)
    assert len(leaders) == len(BOOK_EVENTS)
    for leader, text, (year, _) in zip(leaders, ax.texts, sorted(BOOK_EVENTS)):
        ys = leader.get_ydata()
        assert ys[0] == year  # starts at the dot
        assert math.isclose(ys[-1], text.get_position()[1])  # ends at the label
        assert leader.get_xdata()[-1] < text.get_position()[0]


def test_labels_stay_close_to_their_dates_when_there_is_room():
    events = [(1700, "a"), (1800, "b"), (1900, "c")]
    ax = plot_timeline(events).axes[0]
    for text, (year, _) in zip(ax.texts, events):
        assert text.get_position()[1] == pytest.approx(year, abs=1e-6)


def test_bce_years_are_negative_and_shown_as_bce():
    ax = plot_timeline(BOOK_EVENTS).axes[0]
    formatter = ax.yaxis.get_major_formatter()
    assert formatter(-450) == "450 BCE"
    assert formatter(1684) == "1684"
    ticks = [formatter(t) for t in ax.get_yticks()]
    assert any(t.endswith("BCE") for t in ticks)
    assert any(not t.endswith("BCE") for t in ticks)


def test_a_long_empty_gap_is_shortened_and_marked_as_a_break():
    ax = plot_timeline(BOOK_EVENTS).axes[0]
    to_pixels = ax.transData.transform
    height = ax.get_window_extent().height
    gap = abs(to_pixels((0, -250))[1] - to_pixels((0, 1635))[1])
    assert gap < 0.3 * height  # 1885 of the 2436 years, shown in under 30% of the height
    dotted = [line for line in ax.get_lines() if line.get_linestyle() == ":"]
    assert len(dotted) == 1
    # Where time is to scale, equal spans of years take equal space.
    first = abs(to_pixels((0, 1700))[1] - to_pixels((0, 1800))[1])
    second = abs(to_pixels((0, 1800))[1] - to_pixels((0, 1900))[1])
    assert first == pytest.approx(second)


def test_no_break_without_a_long_gap_or_when_turned_off():
    ax = plot_timeline([(1700, "a"), (1800, "b"), (1900, "c")]).axes[0]
    assert not [line for line in ax.get_lines() if line.get_linestyle() == ":"]
    ax = plot_timeline(BOOK_EVENTS, break_gaps=False).axes[0]
    assert not [line for line in ax.get_lines() if line.get_linestyle() == ":"]
    to_pixels = ax.transData.transform
    first = abs(to_pixels((0, -450))[1] - to_pixels((0, -250))[1])
    second = abs(to_pixels((0, 1786))[1] - to_pixels((0, 1986))[1])
    assert first == pytest.approx(second)


def test_ticks_lie_inside_the_time_span_shown():
    ax = plot_timeline(BOOK_EVENTS).axes[0]
    bottom, top = ax.get_ylim()
    assert all(top <= tick <= bottom for tick in ax.get_yticks())
    assert len(ax.get_yticks()) >= 3


def test_long_labels_are_wrapped():
    label = "a label with very many words that goes on and on and on for a long while"
    ax = plot_timeline([(1900, label)], wrap=20).axes[0]
    lines = ax.texts[0].get_text().split("\n")
    assert len(lines) > 1 and all(len(line) <= 20 for line in lines)
    ax = plot_timeline([(1900, label)], wrap=0).axes[0]
    assert "\n" not in ax.texts[0].get_text()


def test_single_event_and_equal_years_work():
    assert len(plot_timeline([(2000, "one")]).axes[0].texts) == 1
    assert len(plot_timeline([(2000, "one"), (2000, "two")]).axes[0].texts) == 2


def test_timeline_draws_into_given_axes():
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 5))
    result = plot_timeline(BOOK_EVENTS[:3], ax=right)
    assert result is fig
    assert len(right.texts) == 3 and not left.texts
    assert len(plt.get_fignums()) == 1


def test_a_new_timeline_is_tall_enough_for_its_labels():
    few = plot_timeline(BOOK_EVENTS[:2]).get_size_inches()[1]
    many = plot_timeline(BOOK_EVENTS * 2).get_size_inches()[1]
    assert few >= 3.0 and many > few


@pytest.mark.parametrize(
    ("events", "error", "words"),
    [
        (5, TypeError, "events must be a sequence"),
        ("1684 Leibniz", TypeError, "events must be a sequence"),
        ({1684: "Leibniz"}, TypeError, "events must be a sequence"),
        ([1684, 1666], TypeError, "(year, label) pairs"),
        ([(1684, "Leibniz", "extra")], TypeError, "(year, label) pairs"),
        ([(1684, 3)], TypeError, "label must be a str"),
        ([("1684", "Leibniz")], TypeError, "events must be a real number"),
        ([], ValueError, "must not be empty"),
        ([(1684, "  ")], ValueError, "is empty"),
        ([(math.nan, "Leibniz")], ValueError, "not NaN"),
        ([(math.inf, "Leibniz")], ValueError, "finite"),
    ],
)
def test_timeline_rejects_bad_events_naming_the_argument(events, error, words):
    with pytest.raises(error, match="events") as caught:
        plot_timeline(events)
    assert words in str(caught.value)
    assert plt.get_fignums() == []


@pytest.mark.parametrize(
    ("kwargs", "error", "name"),
    [
        ({"wrap": -1}, ValueError, "wrap"),
        ({"wrap": 2.5}, TypeError, "wrap"),
        ({"wrap": True}, TypeError, "wrap"),
        ({"break_gaps": "yes"}, TypeError, "break_gaps"),
        ({"show_years": 1}, TypeError, "show_years"),
        ({"ax": "axes"}, TypeError, "ax"),
    ],
)
def test_timeline_rejects_bad_options_naming_them(kwargs, error, name):
    with pytest.raises(error, match=name):
        plot_timeline(BOOK_EVENTS, **kwargs)
    assert plt.get_fignums() == []


# --------------------------------------------------------------------------------------------
# plot_partial_sums


def _bars(ax):
    """(totals, added terms): the two bar containers, as (bottom, top) pairs."""
    totals, terms = ax.containers
    as_pairs = lambda bars: [(p.get_y(), p.get_y() + p.get_height()) for p in bars]  # noqa: E731
    return as_pairs(totals), as_pairs(terms)


def test_bars_reach_the_partial_sums_with_the_new_term_on_top():
    terms = [1 / 2**k for k in range(1, 9)]
    ax = plot_partial_sums(terms, limit=1).axes[0]
    totals, added = _bars(ax)
    sums = np.cumsum(terms)
    assert [top for _, top in totals] == pytest.approx(sums)
    assert [bottom for bottom, _ in added] == pytest.approx([0, *sums[:-1]])
    assert [top - bottom for bottom, top in added] == pytest.approx(terms)


def test_limit_line_and_legend():
    ax = plot_partial_sums([1, 0.25, 0.0625], limit=4 / 3).axes[0]
    dashed = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
    assert len(dashed) == 1 and dashed[0].get_ydata()[0] == pytest.approx(4 / 3)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "limit = 1.33333", "partial sum $S_n$", "term added at step $n$"
    ]
    ax = plot_partial_sums([1, 0.25, 0.0625]).axes[0]
    assert not [line for line in ax.get_lines() if line.get_linestyle() == "--"]
    assert ax.get_xlabel() == "number of terms $n$" and ax.get_ylabel() == "partial sum $S_n$"


def test_alternating_terms_go_up_and_down():
    terms = [(-1) ** (k + 1) / k for k in range(1, 7)]  # 1 - 1/2 + 1/3 - ...
    ax = plot_partial_sums(terms, limit=math.log(2)).axes[0]
    _, added = _bars(ax)
    sums = np.cumsum(terms)
    for (bottom, top), before, after in zip(added, [0, *sums[:-1]], sums):
        assert {round(bottom, 12), round(top, 12)} == {round(before, 12), round(after, 12)}


def test_many_terms_get_fewer_ticks():
    ax = plot_partial_sums(np.full(40, 0.01)).axes[0]
    assert len(ax.get_xticks()) <= 12


def test_partial_sums_draw_into_given_axes():
    fig, ax = plt.subplots()
    assert plot_partial_sums([0.5, 0.25], ax=ax) is fig
    assert len(ax.containers) == 2


@pytest.mark.parametrize(
    ("terms", "kwargs", "error", "name"),
    [
        ([], {}, ValueError, "terms"),
        ([0.5, math.nan], {}, ValueError, "terms"),
        (["a", "b"], {}, TypeError, "terms"),
        ([0.5], {"limit": math.nan}, ValueError, "limit"),
        ([0.5], {"limit": "one"}, TypeError, "limit"),
        ([0.5], {"ax": 3}, TypeError, "ax"),
    ],
)
def test_partial_sums_reject_bad_input_naming_the_argument(terms, kwargs, error, name):
    with pytest.raises(error, match=name):
        plot_partial_sums(terms, **kwargs)
    assert plt.get_fignums() == []
