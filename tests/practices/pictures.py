"""Checks that an exported picture was really drawn (right size, not blank, a real PDF) and that
its words can be read."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from matplotlib.figure import Figure
from matplotlib.text import Text
from PIL import Image

from refocus_kit.practices.figures import DPI, FIGSIZE, MIN_CONTRAST, contrast_ratio

EXPECTED_PIXELS = (int(FIGSIZE[0] * DPI), int(FIGSIZE[1] * DPI))


def assert_png(path: Path, size: tuple[int, int] = EXPECTED_PIXELS) -> None:
    assert path.stat().st_size > 1000
    with Image.open(path) as image:
        assert image.format == "PNG"
        assert image.size == size
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is None or len(colours) > 10, "the picture looks blank"


def assert_pdf(path: Path) -> None:
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    assert len(data) > 1000
    assert b"%%EOF" in data[-1024:]


def unreadable_texts(
    fig: Figure, ground: Callable[[Text], object] = lambda text: None
) -> list[str]:
    """Every word in the picture below WCAG AA contrast against what it is drawn on: its own box
    if it has one, else what ground() says (a bar, say), else the figure's white."""
    problems = []
    for ax in fig.axes:
        for text in [*ax.texts, ax.title]:
            if not text.get_visible() or not text.get_text().strip():
                continue
            box = text.get_bbox_patch()
            behind = ground(text) or (box.get_facecolor() if box else fig.get_facecolor())
            ratio = contrast_ratio(text.get_color(), behind)
            if ratio < MIN_CONTRAST:
                problems.append(f"{text.get_text()!r} at {ratio:.2f}:1")
    return problems
