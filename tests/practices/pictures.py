"""Checks that an exported picture was really drawn: right size, not blank, a real PDF."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from refocus_kit.practices.figures import DPI, FIGSIZE

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
