"""The review's charts, where people would rather look than read: a team's trends by month, and
the team against the others on the implementation index (its formula printed beside it)."""

from __future__ import annotations

import io
import textwrap

import pandas as pd
from matplotlib import rc_context
from matplotlib.figure import Figure

from refocus_kit.review.build import Review
from refocus_kit.review.index import INDEX_FORMULA

__all__ = ["comparison_chart", "svg", "trends_chart"]

_TEAM, _OTHERS = "#005eb8", "#b8c4ce"
_SHARES = ("values recorded", "strengths recorded", "goals recorded", "approach goals")


def _by_month(review: Review, team: str, measures: tuple[str, ...]) -> pd.DataFrame:
    found = review.measures[
        (review.measures["team"] == team) & review.measures["measure"].isin(measures)
    ]
    return found.pivot_table(index="month", columns="measure", values="value", aggfunc="sum")


def trends_chart(review: Review, team: str) -> Figure:
    """Two panels by month: what was held and used; what the care-record audits found."""
    figure = Figure(figsize=(10, 6.5), layout="constrained")
    held, audit = figure.subplots(2, 1)
    counts = _by_month(review, team, ("events held", "supervision forms", "practice records"))
    if counts.empty:
        held.text(0.5, 0.5, "Nothing held or used yet", ha="center", transform=held.transAxes)
    else:
        counts.plot(ax=held, kind="bar", rot=45, width=0.8)
        held.set_ylabel("count per month")
    held.set_title(f"{team}: events held, supervision forms and practice records by month")
    shares = _by_month(review, team, _SHARES)
    if shares.empty:
        audit.text(0.5, 0.5, "No care-record audit yet", ha="center", transform=audit.transAxes)
    else:
        (shares * 100).plot(ax=audit, marker="o", rot=45)
        audit.set_ylim(0, 100)
        audit.set_ylabel("% of records audited")
    audit.set_title("Care-record audits: what the records hold")
    return figure


def comparison_chart(review: Review, team: str) -> Figure:
    """Each team's implementation index, this team in colour, the formula beside the bars."""
    figure = Figure(figsize=(10, 0.45 * max(len(review.teams), 3) + 1.5), layout="constrained")
    bars, words = figure.subplots(1, 2, width_ratios=(3, 2))
    index = review.index.sort_values("team")
    values = index["index"].fillna(0)
    colours = [_TEAM if t == team else _OTHERS for t in index["team"]]
    bars.barh(index["team"], values, color=colours)
    for y, (value, missing) in enumerate(zip(index["index"], index["missing"], strict=True)):
        label = f"{value:.0f}" if pd.notna(value) else f"no index: {missing}"
        bars.text(1, y, label, va="center", fontsize=8)
    bars.set_xlim(0, 100)
    bars.invert_yaxis()
    bars.set_xlabel("REFOCUS implementation index (0-100)")
    bars.set_title(f"{team} against the other teams")
    words.axis("off")
    words.text(0, 1, textwrap.fill(INDEX_FORMULA, 48), va="top", fontsize=8.5, wrap=True)
    return figure


def svg(figure: Figure) -> str:
    """The figure as inline SVG (text escaped by matplotlib), for pages that fetch nothing."""
    buffer = io.StringIO()
    with rc_context({"svg.fonttype": "none"}):  # text stays text: searchable, read aloud
        figure.savefig(buffer, format="svg")
    text = buffer.getvalue()
    return text[text.index("<svg") :]
