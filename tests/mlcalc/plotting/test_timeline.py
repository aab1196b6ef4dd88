"""Tests of mlcalc.plotting.timeline: plot_timeline is readable (no label overlaps another,
each is joined to its date), shows BCE years, and shortens long empty gaps.

The events are made up for the tests: the book's own timeline is the chapter's, which checks
its figure with this helper's properties."""

from __future__ import annotations

import itertools
import math

import matplotlib as mpl
import matplotlib.pyplot as plt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure

from mlcalc.plotting import plot_timeline, use_book_style

# Three events in antiquity, a long empty gap, then eleven events 35 years apart, three of
# them crowded into one decade with long labels: the layout must shorten the gap and spread
# the crowded labels apart.
EVENTS = [
    (-400, "an event in antiquity"),
    (-330, "a second event in antiquity, with a label long enough to wrap onto a second line"),
    (-260, "a third"),
    *[(1610 + 35 * k, f"modern event {k}") for k in range(11)],
    (1681, "a crowded event with a long label that needs room"),
    (1683, "another crowded event with a long label that needs room"),
    (1686, "a third crowded event"),
]


@pytest.fixture(autouse=True)
def _clean_matplotlib():
    """Each test starts and ends with no open figures and the rcParams it found."""
    plt.close("all")
    with mpl.rc_context():
        use_book_style()
        yield
    plt.close("all")


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
    fig = plot_timeline(EVENTS)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    years = sorted(year for year, _ in EVENTS)
    assert list(_markers(ax).get_ydata()) == years
    assert len(ax.texts) == len(EVENTS)


def test_timeline_labels_start_with_their_year_and_follow_time_order():
    fig = plot_timeline([(1684, "Leibniz"), (-250, "Archimedes"), (1666, "Newton")])
    assert [t.get_text() for t in fig.axes[0].texts] == [
        "250 BCE  Archimedes", "1666  Newton", "1684  Leibniz"
    ]
    fig = plot_timeline([(1684, "Leibniz"), (1666, "Newton")], show_years=False)
    assert [t.get_text() for t in fig.axes[0].texts] == ["Newton", "Leibniz"]


def test_timeline_runs_downwards_earliest_at_the_top():
    ax = plot_timeline(EVENTS).axes[0]
    bottom, top = ax.get_ylim()
    assert top < bottom  # inverted: the earliest year is at the top
    texts = ax.texts
    ax.figure.canvas.draw()
    heights = [t.get_window_extent().y0 for t in texts]
    assert heights == sorted(heights, reverse=True)


def test_no_label_of_a_crowded_timeline_overlaps_another():
    assert _overlaps(plot_timeline(EVENTS).axes[0]) == []


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
    ax = plot_timeline(EVENTS).axes[0]
    leaders = _leaders(ax)
    assert len(leaders) == len(EVENTS)
    for leader, text, (year, _) in zip(leaders, ax.texts, sorted(EVENTS)):
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
    ax = plot_timeline(EVENTS).axes[0]
    formatter = ax.yaxis.get_major_formatter()
    assert formatter(-450) == "450 BCE"
    assert formatter(1684) == "1684"
    ticks = [formatter(t) for t in ax.get_yticks()]
    assert any(t.endswith("BCE") for t in ticks)
    assert any(not t.endswith("BCE") for t in ticks)


def test_a_long_empty_gap_is_shortened_and_marked_as_a_break():
    ax = plot_timeline(EVENTS).axes[0]
    to_pixels = ax.transData.transform
    height = ax.get_window_extent().height
    gap = abs(to_pixels((0, -260))[1] - to_pixels((0, 1610))[1])
    assert gap < 0.3 * height  # 1870 of the 2360 years, shown in under 30% of the height
    dotted = [line for line in ax.get_lines() if line.get_linestyle() == ":"]
    assert len(dotted) == 1
    # Where time is to scale, equal spans of years take equal space.
    first = abs(to_pixels((0, 1700))[1] - to_pixels((0, 1800))[1])
    second = abs(to_pixels((0, 1800))[1] - to_pixels((0, 1900))[1])
    assert first == pytest.approx(second)


def test_no_break_without_a_long_gap_or_when_turned_off():
    ax = plot_timeline([(1700, "a"), (1800, "b"), (1900, "c")]).axes[0]
    assert not [line for line in ax.get_lines() if line.get_linestyle() == ":"]
    ax = plot_timeline(EVENTS, break_gaps=False).axes[0]
    assert not [line for line in ax.get_lines() if line.get_linestyle() == ":"]
    to_pixels = ax.transData.transform
    first = abs(to_pixels((0, -400))[1] - to_pixels((0, -260))[1])
    second = abs(to_pixels((0, 1820))[1] - to_pixels((0, 1960))[1])
    assert first == pytest.approx(second)


def test_ticks_lie_inside_the_time_span_shown():
    ax = plot_timeline(EVENTS).axes[0]
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
    result = plot_timeline(EVENTS[:3], ax=right)
    assert result is fig
    assert len(right.texts) == 3 and not left.texts
    assert len(plt.get_fignums()) == 1


def test_a_new_timeline_is_tall_enough_for_its_labels():
    few = plot_timeline(EVENTS[:2]).get_size_inches()[1]
    many = plot_timeline(EVENTS * 2).get_size_inches()[1]
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
    ("kwargs", "error", "pattern"),
    [
        ({"wrap": -1}, ValueError, r"^wrap must be an integer >= 0; got -1$"),
        ({"wrap": 2.5}, TypeError, r"^wrap must be an integer >= 0; got 2\.5$"),
        ({"wrap": True}, TypeError, r"^wrap must be an integer >= 0; got True$"),
        ({"break_gaps": "yes"}, TypeError, r"^break_gaps must be True or False; got 'yes'$"),
        ({"show_years": 1}, TypeError, r"^show_years must be True or False; got 1$"),
        ({"ax": "axes"}, TypeError, r"^ax must be a matplotlib Axes or None; got str$"),
    ],
)
def test_timeline_rejects_bad_options_naming_them(kwargs, error, pattern):
    """Each message names the option and says what was expected and what was given."""
    with pytest.raises(error, match=pattern):
        plot_timeline(EVENTS, **kwargs)
    assert plt.get_fignums() == []


def test_dots_are_blue_the_axis_black_and_the_leaders_grey():
    from matplotlib.colors import same_color

    from mlcalc.plotting import PALETTE

    ax = plot_timeline(EVENTS).axes[0]
    assert same_color(_markers(ax).get_color(), PALETTE["blue"])
    axis = [line for line in ax.get_lines() if list(line.get_xdata()) == [0, 0]]
    assert axis and all(same_color(line.get_color(), PALETTE["black"]) for line in axis)
    assert all(same_color(line.get_color(), "0.55") for line in _leaders(ax))
    breaks = [line for line in ax.get_lines() if line.get_linestyle() == "None" and line.get_marker() != "o"]
    assert len(breaks) == 1  # one mark on the axis where the long gap is shortened


def test_years_are_rounded_to_whole_years():
    formatter = plot_timeline([(1700, "a")]).axes[0].yaxis.get_major_formatter()
    assert [formatter(y) for y in (1684.4, 1684.6, -449.6, -0.4)] == ["1684", "1685", "450 BCE", "0"]


def test_time_axis_label_and_label_size():
    ax = plot_timeline([(1700, "a"), (1800, "b")]).axes[0]
    assert ax.get_ylabel() == "year"
    assert all(t.get_fontsize() == pytest.approx(0.9 * mpl.rcParams["font.size"]) for t in ax.texts)
    assert plot_timeline([(1700, "a")], ylabel="year (CE)").axes[0].get_ylabel() == "year (CE)"


def test_labels_wrap_at_fifty_characters_by_default():
    label = "word " * 30
    text = plot_timeline([(1900, label)], show_years=False).axes[0].texts[0].get_text()
    lines = text.split("\n")
    assert len(lines) > 1 and max(len(line) for line in lines) <= 50 and len(lines[0]) > 40


def test_a_gap_of_exactly_half_the_span_is_not_shortened():
    # 0 -> 50 -> 100: each gap is half of the span, so time stays to scale.
    ax = plot_timeline([(0, "a"), (50, "b"), (100, "c")]).axes[0]
    assert not [line for line in ax.get_lines() if line.get_linestyle() == ":"]
    ax = plot_timeline([(0, "a"), (10, "b"), (100, "c")]).axes[0]  # 90 of 100 years: shortened
    assert len([line for line in ax.get_lines() if line.get_linestyle() == ":"]) == 1


def _pixel(ax, year: float) -> float:
    return float(ax.transData.transform((0, year))[1])


def test_the_shortened_gap_takes_15_percent_of_the_time_drawn_to_scale():
    """EVENTS span 2360 years; the gap from 260 BCE to 1610 (1870 years) is shortened.  The rest,
    490 years, is drawn to scale with a margin of 6 % of it (29.4 years) at each end and on
    each side of the break; the break itself takes the room of 15 % of the rest."""
    ax = plot_timeline(EVENTS).axes[0]
    rest, pad = 490.0, 0.06 * 490.0
    assert ax.get_ylim() == pytest.approx((1960 + pad, -400 - pad))
    per_year = abs(_pixel(ax, 1800) - _pixel(ax, 1700)) / 100
    assert abs(_pixel(ax, -260) - _pixel(ax, -400)) == pytest.approx(140 * per_year)
    gap = abs(_pixel(ax, 1610 - pad / 2) - _pixel(ax, -260 + pad / 2))
    assert gap == pytest.approx(0.15 * rest * per_year)
    # Beyond the ends of the axis time stays to scale (ticks and limits outside use it).
    assert abs(_pixel(ax, 2100) - _pixel(ax, 2000)) == pytest.approx(100 * per_year)
    assert abs(_pixel(ax, -600) - _pixel(ax, -500)) == pytest.approx(100 * per_year)
    for end in (-400 - pad, 1960 + pad):  # and it runs on without a jump across each end
        assert abs(_pixel(ax, end + 10) - _pixel(ax, end - 10)) == pytest.approx(20 * per_year)


def test_events_in_the_same_year_keep_their_order():
    ax = plot_timeline([(1900, "b second"), (1900, "a first"), (1800, "c")], show_years=False).axes[0]
    assert [t.get_text() for t in ax.texts] == ["c", "b second", "a first"]


def test_crowded_labels_are_packed_tightly_and_centred_on_their_date():
    """Three labels for one year, far from the others: the middle one sits at the year and the
    other two just clear of it (half their heights plus the pad apart), as close as they can."""
    ax = plot_timeline([(1000, "x"), (1500, "one"), (1500, "two"), (1500, "three"), (2000, "y")],
                       break_gaps=False).axes[0]
    fig = ax.figure
    fig.canvas.draw()
    middle = ax.texts[1:4]
    centres = [_pixel(ax, t.get_position()[1]) for t in middle]
    assert centres[1] == pytest.approx(_pixel(ax, 1500), abs=0.01)
    heights = [t.get_window_extent().height for t in middle]
    pad = 0.45 * 0.9 * mpl.rcParams["font.size"] * fig.dpi / 72
    for i in range(2):
        assert abs(centres[i + 1] - centres[i]) == pytest.approx((heights[i] + heights[i + 1]) / 2 + pad, abs=0.01)


@pytest.mark.parametrize("crowded_year", [1000, 2000], ids=["at the top", "at the bottom"])
def test_labels_crowded_at_an_end_stay_inside_the_axes(crowded_year):
    events = [(crowded_year, f"crowded event {k}") for k in range(8)] + [(1500, "alone")]
    ax = plot_timeline(events, break_gaps=False).axes[0]
    ax.figure.canvas.draw()
    box = ax.get_window_extent()
    for text in ax.texts:
        extent = text.get_window_extent()
        assert box.y0 - 0.5 <= extent.y0 and extent.y1 <= box.y1 + 0.5, text.get_text()


def test_an_empty_timeline_says_so():
    with pytest.raises(ValueError, match=r"^events must not be empty$"):
        plot_timeline([])


def _label_runs(ax) -> list[list[tuple[float, float]]]:
    """Runs of labels packed tightly (each just clear of the next), as (placed, date) pixel
    heights in order down the axis."""
    fig = ax.figure
    fig.canvas.draw()
    pad = 0.45 * 0.9 * mpl.rcParams["font.size"] * fig.dpi / 72
    items = sorted((_pixel(ax, t.get_position()[1]), _pixel(ax, year), t.get_window_extent().height)
                   for t, year in zip(ax.texts, _markers(ax).get_ydata()))
    runs = [[items[0]]]
    for previous, item in zip(items, items[1:]):
        spacing = (previous[2] + item[2]) / 2 + pad
        if item[0] - previous[0] == pytest.approx(spacing, abs=0.01):
            runs[-1].append(item)
        else:
            runs.append([item])
    return [[(placed, date) for placed, date, _ in run] for run in runs]


@pytest.mark.parametrize("apart", [100, 130, 150, 170, 190, 220])
def test_each_run_of_packed_labels_is_centred_on_its_dates(apart):
    """Labels pushed apart are placed as close to their dates as they can be (least squares):
    a run of labels packed against each other sits with its centre at the centre of its dates,
    here one label `apart` years after two labels of the same year."""
    events = [(1000, "x"), (1500, "b"), (1500, "c"), (1500 + apart, "a"), (2100, "y")]
    ax = plot_timeline(events, break_gaps=False).axes[0]
    for run in _label_runs(ax):
        placed, dates = zip(*run)
        assert sum(placed) / len(run) == pytest.approx(sum(dates) / len(run), abs=0.01)


def test_two_events_are_drawn_to_scale_without_a_break():
    """With two distinct years the one gap is the whole span: there is no rest to keep
    readable, so no break, and a margin of 6 % of the span at each end."""
    ax = plot_timeline([(1700, "first"), (1800, "second")]).axes[0]
    assert not [line for line in ax.get_lines() if line.get_linestyle() == ":"]
    assert ax.get_ylim() == pytest.approx((1806, 1694))
    labels = [ax.yaxis.get_major_formatter()(t) for t in ax.get_yticks()]
    assert labels[0] == "1700" and labels[-1] == "1800" and len(set(labels)) == len(labels)


@pytest.mark.parametrize(
    "events",
    [[(0, "a"), (1, "b"), (100, "c")], EVENTS, [(1700, "a"), (1701, "b")]],
    ids=["one year before a long gap", "the test events", "two years in a row"],
)
def test_tick_labels_are_whole_years_each_shown_once(events):
    ax = plot_timeline(events).axes[0]
    ticks = ax.get_yticks()
    assert all(float(t).is_integer() for t in ticks)
    labels = [ax.yaxis.get_major_formatter()(t) for t in ticks]
    assert len(set(labels)) == len(labels) >= 2


def test_a_year_inside_the_shortened_gap_is_drawn_inside_the_break():
    """Something drawn later at a year of the gap (an extra mark, say) lands in the break, in
    time order."""
    ax = plot_timeline(EVENTS).axes[0]
    pad = 0.06 * 490.0
    edges = [_pixel(ax, -260 + pad / 2), _pixel(ax, 1610 - pad / 2)]
    inside = [_pixel(ax, year) for year in (0, 500, 1000, 1500)]
    assert edges[0] > inside[0] > inside[1] > inside[2] > inside[3] > edges[1]  # downwards
