"""The Gantt chart has Figure 2's rows and months and tells provided from self-organised."""

import datetime as dt

import pytest
from matplotlib.colors import to_hex

from refocus_kit.timetable import CANCELLED, Change, make_timetable
from refocus_kit.timetable.gantt import COLOURS, draw_gantt, save_gantt


def _bars(figure):
    return [p for p in figure.axes[0].patches if p.get_width() > 0]


def test_rows_months_and_shading_follow_figure_2():
    plan = make_timetable("Team A", dt.date(2027, 3, 15), 18)
    figure = draw_gantt(plan)
    ax = figure.axes[0]
    assert ax.get_yticklabels()[0].get_text() == "1. Information sharing"
    assert len(ax.get_yticklabels()) == 6 and len(ax.get_xticks()) == 18
    bars = _bars(figure)
    assert len(bars) == 25
    colours = {to_hex(b.get_facecolor()) for b in bars}
    assert colours == {COLOURS[True], COLOURS[False]}
    supervision = [b for b in bars if b.get_width() == 17]
    assert len(supervision) == 1 and to_hex(supervision[0].get_facecolor()) == COLOURS[False]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["Provided to the team", "Self-organised by the team (members)"]


def test_a_cancelled_event_is_outlined_and_named_in_the_legend():
    changes = {"coaching_day": Change("coaching_day", CANCELLED)}
    figure = draw_gantt(make_timetable("Team A", dt.date(2027, 3, 15), 18, changes))
    assert sum(b.get_hatch() == "//" for b in _bars(figure)) == 1
    assert "Cancelled" in [t.get_text() for t in figure.axes[0].get_legend().get_texts()]


@pytest.mark.parametrize("suffix", [".png", ".pdf"])
def test_saves_png_and_pdf(tmp_path, suffix):
    out = save_gantt(make_timetable("Team A", dt.date(2027, 3, 15), 12), tmp_path / f"g{suffix}")
    assert out.stat().st_size > 1000
    with pytest.raises(ValueError, match=r"png or \.pdf"):
        save_gantt(make_timetable("Team A", dt.date(2027, 3, 15)), tmp_path / "g.svg")


def test_a_month_with_both_kinds_shows_both():
    """Information sharing in month 1: two sessions provided, the sheet self-organised."""
    figure = draw_gantt(make_timetable("Team A", dt.date(2027, 3, 15), 18))
    first_row = [b for b in _bars(figure) if -0.5 < b.get_y() + b.get_height() / 2 < 0.5]
    colours = {to_hex(b.get_facecolor()) for b in first_row}
    assert colours == {COLOURS[True], COLOURS[False]}
    assert {round(b.get_height(), 2) for b in first_row} == {0.3}
