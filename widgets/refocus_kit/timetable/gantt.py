"""A Gantt chart of a team's timetable, like the manual's Figure 2 (section 6.2): one row per
implementation strategy, one column per month, each event shaded as provided to the team or
self-organised by the team. Moved events sit in their new month; cancelled ones are outlined."""

from __future__ import annotations

from pathlib import Path

from matplotlib.figure import Figure
from matplotlib.patches import Patch

from refocus_kit.timetable.plan import Timetable, month_of

__all__ = ["COLOURS", "draw_gantt", "save_gantt"]

COLOURS = {True: "#1f5f8b", False: "#9cc9a6"}  # provided, self-organised
_LEGEND = {True: "Provided to the team", False: "Self-organised by the team (members)"}


def _span(timetable: Timetable, dated) -> tuple[int, int]:
    first = month_of(timetable.start, dated.on or dated.planned_on)
    last = month_of(timetable.start, dated.until) if dated.until else first
    return first, last


def _shared(timetable: Timetable) -> set[tuple[int, int]]:
    """(strategy, month) cells holding both a provided and a self-organised event: each then
    gets half the bar, so neither hides the other (Figure 2's month 1 of information sharing)."""
    modes: dict[tuple[int, int], set[bool]] = {}
    for dated in timetable.events:
        first, last = _span(timetable, dated)
        for month in range(first, last + 1):
            modes.setdefault((dated.strategy.number, month), set()).add(dated.provided)
    return {cell for cell, found in modes.items() if len(found) == 2}


def draw_gantt(timetable: Timetable) -> Figure:
    strategies = sorted({d.strategy.number: d.strategy for d in timetable.events}.items())
    figure = Figure(figsize=(11, 0.55 * len(strategies) + 1.6), layout="constrained")
    ax = figure.subplots()
    rows = {number: row for row, (number, _s) in enumerate(strategies)}
    shared = _shared(timetable)
    for dated in timetable.events:
        first, last = _span(timetable, dated)
        y: float = rows[dated.strategy.number]
        height = 0.6
        if (dated.strategy.number, first) in shared and first == last:
            y, height = y + (-0.15 if dated.provided else 0.15), 0.3
        cancelled = dated.on is None
        ax.barh(
            y,
            last - first + 1,
            left=first - 0.5,
            height=height,
            color="none" if cancelled else COLOURS[dated.provided],
            edgecolor=COLOURS[dated.provided],
            hatch="//" if cancelled else None,
        )
    ax.set_yticks(range(len(strategies)), [f"{n}. {s.name}" for n, s in strategies])
    ax.invert_yaxis()
    ax.set_xticks(range(1, timetable.months + 1))
    ax.set_xlim(0.5, timetable.months + 0.5)
    ax.set_xlabel(f"Month (from {timetable.start:%d %B %Y})")
    ax.grid(axis="x", color="#dddddd")
    ax.set_axisbelow(True)
    ax.set_title(f"REFOCUS timetable: {timetable.team} (after the manual's Figure 2)")
    handles = [Patch(color=COLOURS[k], label=_LEGEND[k]) for k in (True, False)]
    if any(d.on is None for d in timetable.events):
        handles.append(Patch(facecolor="none", edgecolor="#555555", hatch="//", label="Cancelled"))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.22), ncols=3)
    return figure


def save_gantt(timetable: Timetable, out: Path) -> Path:
    if out.suffix.lower() not in (".png", ".pdf"):
        raise ValueError(f"{out.name}: the chart is written as .png or .pdf")
    out.parent.mkdir(parents=True, exist_ok=True)
    draw_gantt(timetable).savefig(out, dpi=150)
    return out
