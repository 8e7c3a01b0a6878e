"""Draw and save the practice tools' pictures without pyplot's global state.

Library code builds ``matplotlib.figure.Figure`` objects directly, so drawing works in a kernel,
a Voila page or a test alike, and two tools never share (or leak) a current figure.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from matplotlib.axes import Axes
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure

__all__ = [
    "DPI",
    "EXPORT_FORMATS",
    "FIGSIZE",
    "MIN_CONTRAST",
    "blank_axes",
    "contrast_ratio",
    "new_figure",
    "save_figure",
    "text_colour_on",
    "wrap",
]

FIGSIZE = (8.0, 6.0)  # inches: 800 x 600 pixels at DPI, a size that prints and projects well
DPI = 100
EXPORT_FORMATS = ("png", "pdf")
MIN_CONTRAST = (
    4.5  # WCAG 2 AA for text: every word in a picture is at least this against its ground
)


def _luminance(colour) -> float:
    """WCAG 2 relative luminance of a matplotlib colour."""
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(colour)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground, background) -> float:
    """WCAG 2 contrast ratio of two colours, from 1 (none) to 21 (black on white)."""
    light, dark = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_colour_on(fill) -> str:
    """Black or white, whichever reads better on fill."""
    return max(("black", "white"), key=lambda text: contrast_ratio(text, fill))


def new_figure(size: tuple[float, float] = FIGSIZE) -> Figure:
    """A fresh figure with a white background (exports look the same on every viewer)."""
    return Figure(figsize=size, dpi=DPI, facecolor="white")


def blank_axes(fig: Figure) -> Axes:
    """Axes spanning the figure in unit coordinates, for drawing maps rather than charts."""
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.axis("off")
    return ax


def wrap(text: str, width: int = 18) -> str:
    """Break a person's words onto short lines so labels stay inside their part of the map."""
    return "\n".join(textwrap.wrap(text, width=width)) or text


def save_figure(fig: Figure, folder: Path | str, stem: str) -> dict[str, Path]:
    """Write the figure as PNG and PDF into folder; returns the path written for each format."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for fmt in EXPORT_FORMATS:
        path = folder / f"{stem}.{fmt}"
        fig.savefig(path, format=fmt, dpi=DPI, facecolor=fig.get_facecolor())
        paths[fmt] = path
    return paths
